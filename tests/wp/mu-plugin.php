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
