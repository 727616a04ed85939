<?php
// Installs the WordPress site once and opens self-registration, as an admin does in Settings > General.
$_SERVER['HTTP_HOST'] = getenv('HTTP_HOST');
$_SERVER['REQUEST_URI'] = '/';
define('WP_INSTALLING', true);
require '/usr/share/wordpress/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
if (!is_blog_installed()) {
    wp_install('Bench Blog', 'benchadmin', 'admin@bench.test', true, '', 'bench-admin-password-1');
}
update_option('users_can_register', 1);
// A community blog: members write posts and upload their own images (role author).
update_option('default_role', 'author');
echo "wordpress: installed, registration open (new members are authors)\n";
