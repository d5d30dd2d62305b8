<?php
/**
 * Plugin Name: wpcomments test harness
 * Description: The few changes from a stock WordPress the wpcomments tests need.
 */

// Which behaviour this server process has (tests/wp/server starts one `php -S` per mode, all on the same
// database): `test` (the main port) bends WordPress for the tests as described below; the other modes are
// stock WordPress except where noted here.
$wpc_mode = getenv('WPCOMMENTS_WP_MODE') ?: 'test';

// Guests may comment over the REST API (stock WordPress only allows it to logged-in users).
if ($wpc_mode === 'test') {
    add_filter('rest_allow_anonymous_comments', '__return_true');
}

// `closed` modes: the REST API answers every anonymous request with 401 rest_cannot_access, as security
// plugins do ("Disable REST API" and the like), while the blog's pages and comment form stay public.
if (strpos($wpc_mode, 'closed') === 0) {
    add_filter('rest_authentication_errors', function ($result) {
        if (!empty($result) || is_user_logged_in()) {
            return $result;
        }
        return new WP_Error('rest_cannot_access', 'Only authenticated users can access the REST API.', array('status' => rest_authorization_required_code()));
    });
}

// `*_block` modes: Debian's block theme Twenty Twenty-Three instead of the minimal classic test theme.
if (substr($wpc_mode, -6) === '_block') {
    add_filter('stylesheet', function () { return 'twentytwentythree'; });
    add_filter('template', function () { return 'twentytwentythree'; });
}

// `registration`: stock, with Settings → Discussion → "Users must be registered and logged in to comment"
// on: the comment form is replaced by "You must be logged in to post a comment".
if ($wpc_mode === 'registration') {
    add_filter('pre_option_comment_registration', '__return_true');
}

// `honeypot`: stock, with what anti-spam plugins (Antispam Bee and the like) do to the comment form: the
// visible comment box gets another name, and a box named `comment`, hidden from people, is a trap that
// only robots fill in. A comment whose trap is filled is refused; otherwise the real box is the comment.
if ($wpc_mode === 'honeypot') {
    add_filter('comment_form_field_comment', function ($field) {
        $field = str_replace(array('for="comment"', 'id="comment"', 'name="comment"'), array('for="wpc-real-comment"', 'id="wpc-real-comment"', 'name="wpc-9f2c"'), $field);
        return $field . '<textarea id="comment" name="comment" aria-hidden="true" tabindex="-1" autocomplete="off" style="padding:0 !important;clip:rect(1px, 1px, 1px, 1px) !important;position:absolute !important;white-space:nowrap !important;height:1px !important;width:1px !important;overflow:hidden !important;"></textarea>';
    });
    add_action('init', function () {
        if (empty($_POST) || strpos($_SERVER['REQUEST_URI'] ?? '', 'wp-comments-post.php') === false) {
            return;
        }
        if (!empty($_POST['comment'])) {
            wp_die('<p>Spam: the hidden comment field was filled in.</p>', 'Comment Submission Failure', array('response' => 403, 'back_link' => true));
        }
        $_POST['comment'] = isset($_POST['wpc-9f2c']) ? $_POST['wpc-9f2c'] : '';
    });
}

// Every mode but `test`: a comment form post whose text contains this marker is answered 20 s late, so a
// test can kill the program while it waits (the comment is saved afterwards, as a slow site would).
if ($wpc_mode !== 'test') {
    add_action('pre_comment_on_post', function () {
        if (strpos(wp_unslash($_POST['comment'] ?? ''), 'wpcomments-test: slow form post') !== false) {
            sleep(20);
        }
    });
}

// Every test request comes from 127.0.0.1: the stock 15-second flood check would make
// guest comments from concurrent tests fail at random with 429 comment_flood.
remove_action('check_comment_flood', 'check_comment_flood_db', 10);

// There is no mail server; notifications to moderators and authors go nowhere.
if (!function_exists('wp_mail')) {
    function wp_mail($to, $subject, $message, $headers = '', $attachments = array())
    {
        return true;
    }
}

// A custom post type with comments, as plugins and themes add them.
add_action('init', function () {
    register_post_type('book', array(
        'label' => 'Books',
        'public' => true,
        'show_in_rest' => true,
        'rest_base' => 'books',
        'supports' => array('title', 'editor', 'comments', 'author'),
        'has_archive' => true,
    ));
});

// The `noguest` post (slug `no-guests`) behaves like a stock site: guests may not comment
// over REST (401 rest_comment_login_required), as `rest_allow_anonymous_comments` defaults.
add_filter('rest_allow_anonymous_comments', function ($allow, $request) {
    // (only matters on the `test` port: elsewhere $allow is already stock false)
    $post = get_post((int) $request['post']);
    return ($post && $post->post_name === 'no-guests') ? false : $allow;
}, 20, 2);
