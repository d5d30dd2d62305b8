<?php
/**
 * Plugin Name: wpcomments test harness
 * Description: The few changes from a stock WordPress the wpcomments tests need.
 */

// Guests may comment over the REST API (stock WordPress only allows it to logged-in users).
add_filter('rest_allow_anonymous_comments', '__return_true');

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
    $post = get_post((int) $request['post']);
    return ($post && $post->post_name === 'no-guests') ? false : $allow;
}, 20, 2);
