<?php
// Runs WordPress's own installer (what the web installer does), then removes its sample content.
// Env: WPCOMMENTS_WP_ROOT (the WordPress copy), WPCOMMENTS_WP_HOST (127.0.0.1:PORT).
if (PHP_SAPI !== 'cli') {
    exit(1);
}
$_SERVER['HTTP_HOST'] = getenv('WPCOMMENTS_WP_HOST');
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
define('WP_INSTALLING', true);
require getenv('WPCOMMENTS_WP_ROOT') . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';

$result = wp_install('wpcomments test blog', 'admin', 'admin@example.com', true, '', 'wpcomments-admin');
if (is_wp_error($result) || empty($result['user_id'])) {
    fwrite(STDERR, "wp_install failed\n");
    exit(1);
}
update_option('blogdescription', 'Comments under test');
// Set here, before the seed process boots: post types only add their rewrite rules
// (/book/…/) on init when a permalink structure is already set.
$wp_rewrite->set_permalink_structure('/%year%/%monthnum%/%day%/%postname%/');

// The installer's "Hello world!" (with its comment) and "Sample Page": the seed owns all content.
foreach (get_posts(array('post_type' => array('post', 'page'), 'post_status' => 'any', 'numberposts' => -1)) as $post) {
    wp_delete_post($post->ID, true);
}
echo "installed, admin user id {$result['user_id']}\n";
