<?php
// Router for `php -S`: real static files are served as they are, real .php files run,
// everything else (pretty permalinks, /wp-json/…, paths with dots) goes to index.php,
// as Apache's WordPress rewrite rules would do.
$root = realpath($_SERVER['DOCUMENT_ROOT']);
$path = rawurldecode(parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?? '/');
$file = realpath($root . $path);

if ($file !== false && strpos($file, $root) === 0) {
    if (is_dir($file)) {
        if (substr($path, -1) !== '/') {
            $query = parse_url($_SERVER['REQUEST_URI'], PHP_URL_QUERY);
            header('Location: ' . $path . '/' . ($query ? "?$query" : ''), true, 301);
            return true;
        }
        $file = is_file("$file/index.php") ? "$file/index.php" : false;
    }
    if ($file !== false && is_file($file)) {
        if (substr($file, -4) !== '.php') {
            return false; // the built-in server sends the file itself
        }
        $script = substr($file, strlen($root));
        $_SERVER['SCRIPT_FILENAME'] = $file;
        $_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = $script;
        unset($_SERVER['PATH_INFO']);
        chdir(dirname($file));
        require $file;
        return true;
    }
}

$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['SCRIPT_NAME'] = $_SERVER['PHP_SELF'] = '/index.php';
unset($_SERVER['PATH_INFO']);
chdir($root);
require $root . '/index.php';
return true;
