<?php
// Seeds the test blog with WordPress's own functions and writes the manifest (argv[1]).
// Everything is deterministic: fixed dates, fixed random seed; only ids and app passwords vary.
// Env: WPCOMMENTS_WP_ROOT, WPCOMMENTS_WP_HOST (see tests/wp/server).
if (PHP_SAPI !== 'cli' || empty($argv[1])) {
    exit(1);
}
$_SERVER['HTTP_HOST'] = getenv('WPCOMMENTS_WP_HOST');
$_SERVER['SERVER_NAME'] = '127.0.0.1';
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
require getenv('WPCOMMENTS_WP_ROOT') . '/wp-load.php';

// As the administrator, whose unfiltered_html turns kses off for post content.
wp_set_current_user(1);
wp_defer_comment_counting(true);

function fail($what)
{
    fwrite(STDERR, "seed: $what\n");
    exit(1);
}

/** Inserts a post; $p uses wp_insert_post's keys plus 'date' (GMT, also the local time: UTC site). */
function seed_post(array $p)
{
    $p += array(
        'post_status' => 'publish',
        'post_type' => 'post',
        'post_author' => 1,
        'comment_status' => 'open',
        'ping_status' => 'open',
    );
    $p['post_date'] = $p['post_date_gmt'] = $p['date'];
    unset($p['date']);
    $id = wp_insert_post(wp_slash($p), true); // slashed: wp_insert_post unslashes
    if (is_wp_error($id)) {
        fail('post ' . $p['post_title'] . ': ' . $id->get_error_message());
    }
    return $id;
}

/**
 * Inserts a comment as stored, bytes and all: wp_insert_comment runs no kses and no
 * pre_comment_* filters (wp_new_comment would). 'approved' is 1, 0, 'spam' or 'trash'.
 */
function seed_comment($post, $date, array $c)
{
    $c += array(
        'comment_approved' => 1,
        'comment_type' => 'comment',
        'comment_author_email' => '',
        'comment_author_url' => '',
        'comment_author_IP' => '127.0.0.1',
        'comment_agent' => 'wpcomments-seed',
        'comment_parent' => 0,
        'user_id' => 0,
    );
    $c['comment_post_ID'] = $post;
    $c['comment_date'] = $c['comment_date_gmt'] = $date;
    $id = wp_insert_comment(wp_slash($c)); // slashed: wp_insert_comment unslashes
    if (!$id) {
        fail("comment on post $post at $date: " . $GLOBALS['wpdb']->last_error);
    }
    return $id;
}

function seed_user(array $u)
{
    $id = wp_insert_user($u);
    if (is_wp_error($id)) {
        fail('user ' . $u['user_login'] . ': ' . $id->get_error_message());
    }
    return $id;
}

function app_password($user_id)
{
    $created = WP_Application_Passwords::create_new_application_password($user_id, array('name' => 'wpcomments tests'));
    if (is_wp_error($created)) {
        fail('application password: ' . $created->get_error_message());
    }
    return $created[0];
}

function minutes($start, $n)
{
    return gmdate('Y-m-d H:i:s', strtotime($start . ' UTC') + 60 * $n);
}

$posts = array();    // name => id
$comments = array(); // name => id

// ---------------------------------------------------------------- users
$users = array(
    'admin' => array('id' => 1, 'login' => 'admin', 'password' => 'wpcomments-admin', 'email' => 'admin@example.com', 'role' => 'administrator'),
);
$users['delph'] = array('id' => seed_user(array(
    'user_login' => 'delph', 'user_pass' => 'wpcomments-delph', 'user_email' => 'delph@example.com',
    'display_name' => 'Delph', 'nickname' => 'Delph', 'user_url' => 'http://delph.example.com/', 'role' => 'author',
)), 'login' => 'delph', 'password' => 'wpcomments-delph', 'email' => 'delph@example.com', 'role' => 'author');
$users['sub'] = array('id' => seed_user(array(
    'user_login' => 'sub', 'user_pass' => 'wpcomments-sub', 'user_email' => 'sub@example.com',
    'display_name' => 'Sub Scriber', 'nickname' => 'sub', 'role' => 'subscriber',
)), 'login' => 'sub', 'password' => 'wpcomments-sub', 'email' => 'sub@example.com', 'role' => 'subscriber');
foreach ($users as $name => $u) {
    $users[$name]['display_name'] = get_userdata($u['id'])->display_name;
    $users[$name]['app_password'] = app_password($u['id']);
}

// ---------------------------------------------------------------- demo
$posts['demo'] = seed_post(array(
    'post_title' => '25,000 IBMers on Twitter and counting',
    'post_author' => $users['delph']['id'],
    'date' => '2011-05-25 09:12:00',
    'post_content' => <<<'HTML'
IBM France (@henririmbaud) has launched a fantastic initiative, a video where IBMers talked about their use of Twitter, and how it helped them in their daily work. AT IBM Marketers, Sales, Technical Sales, PR Teams are using Twitter to communicate, share, learn, and contribute.

It’s a fact : IBM is present on the social web. The example of Twitter is inspiring : We have over 25 000 IBMers actively tweeting on Twitter (source: @adamclyde) and counting… Not only we are present on Twitter but we also have over 300,00 IBMers on Linkedin, 198,000 on Facebook, and growing.

<strong>“Be yourself.”</strong> It’s one of the rules of social media:

<blockquote>At IBM, we don’t have a corporate blog or a corporate Twitter ID because we want the ‘IBMers’ in aggregate to be the corporate blog and the corporate Twitter ID. “We represent our brand online the way it always has been, which is employees first. Our brand is largely shaped by the interactions that they have with customers.”</blockquote>

<h3>Thousands of Voices</h3>
<ul>
	<li>17,000 internal blogs</li>
	<li>1 million daily page views of internal wikis, internal information storing websites</li>
	<li>15,000,000 downloads of employee-generated videos/podcasts</li>
	<li>400,000+ employees can access IBM Connections (internal social networking platform)</li>
	<li>Thousands of external bloggers</li>
</ul>
The video « Twitter en bonne compagnie. L’envie d’échanger » can be found on <a href="https://www.ibm.com/fr-fr">IBM France</a> and on <a href="https://www.youtube.com/">Youtube</a>.

#twitter #smartplanet #ibm
HTML
));
$demo = $posts['demo'];
$comments['demo_andy'] = seed_comment($demo, '2011-05-25 14:02:00', array(
    'comment_author' => 'Andy Piper', 'comment_author_email' => 'andy@example.org', 'comment_author_url' => 'http://andypiper.example.org/',
    'comment_content' => 'Interesting stuff – just because I know people will ask me if I re-use these numbers, where do they derive from?',
));
$comments['demo_howard'] = seed_comment($demo, '2011-05-26 08:30:00', array(
    'comment_author' => 'Howard Smith', 'comment_author_email' => 'howard@example.org', 'comment_parent' => $comments['demo_andy'],
    'comment_content' => 'I would echo Andy’s question – it’s important to be able to point to data source.',
));
$comments['demo_delph'] = seed_comment($demo, '2011-05-27 10:15:00', array(
    'comment_author' => 'Delph', 'comment_author_email' => 'delph@example.com', 'comment_author_url' => 'http://delph.example.com/',
    'user_id' => $users['delph']['id'], 'comment_parent' => $comments['demo_howard'],
    'comment_content' => 'Hi Howard, txs for your interest. I mentioned to Andy and on my post that this number came from Adam Christensen, formerly IBM Social Media Manager',
));
$comments['demo_kevin'] = seed_comment($demo, '2011-05-30 17:45:00', array(
    'comment_author' => 'Kevin', 'comment_author_email' => 'kevin@social-search.example.com', 'comment_author_url' => 'http://social-search.example.com/',
    'comment_content' => 'Here is <a href="http://social-search.example.com/search?q=ibm&amp;site=twitter">a good way to find them</a>! We’re a new social search, come have a look.',
));
$comments['demo_pingback_1'] = seed_comment($demo, '2011-06-01 06:00:00', array(
    'comment_type' => 'pingback', 'comment_author' => 'IBM, the most social company? « Social Business Blog',
    'comment_author_url' => 'http://socialbusiness.example.com/2011/06/01/ibm-the-most-social-company/',
    'comment_content' => '[…] Did you know that IBM has the largest employee population active in social media anywhere in the world… Read more on this in the coming days! Meanwhile, see my recent post on 25,000 IBMers on Twitter and counting […]',
));
$comments['demo_pingback_2'] = seed_comment($demo, '2011-06-03 12:20:00', array(
    'comment_type' => 'pingback', 'comment_author' => 'IBM goes social | Cloud Musings',
    'comment_author_url' => 'http://cloudmusings.example.org/2011/06/03/ibm-goes-social/',
    'comment_content' => '[…] almost 200,000 IBM employees have Facebook pages (nearly half of its global workforce), 25,000 have Twitter accounts and more than 17,000 maintain […]',
));
$comments['held_demo'] = seed_comment($demo, '2011-06-05 09:00:00', array(
    'comment_approved' => 0, 'comment_author' => 'Pat Pending', 'comment_author_email' => 'pat@example.net',
    'comment_content' => 'Is this number still accurate today? Waiting for moderation, I suppose.',
));
$comments['spam_demo'] = seed_comment($demo, '2011-06-07 03:33:00', array(
    'comment_approved' => 'spam', 'comment_author' => 'Cheap Watches', 'comment_author_email' => 'sales@spam.example.net',
    'comment_author_url' => 'http://spam.example.net/',
    'comment_content' => 'Great post! Buy <a href="http://spam.example.net/watches">cheap watches</a> and <a href="http://spam.example.net/pills">pills</a> here.',
));

// ---------------------------------------------------------------- hostile
$E = "\x1b";
$posts['hostile'] = seed_post(array(
    'post_title' => "Hostile {$E}[31mcomments{$E}[0m \u{202E}desrever\u{202C}",
    'post_name' => 'hostile-comments',
    'date' => '2015-01-01 12:00:00',
    'post_content' => "<p>Comments below try to take over the terminal.{$E}[2J{$E}]0;pwned\x07</p>",
));
$hostile = $posts['hostile'];
$long_pre = str_repeat('let x = "a long line that never wraps"; ', 8);
$hostile_comments = array(
    'hostile_sgr' => array(
        'comment_author' => "{$E}[31mRed{$E}[0m Rover",
        'comment_content' => "<p>Plain, then {$E}[31mred{$E}[0m, {$E}[1;5mbold blink{$E}[0m and a screen clear{$E}[2J{$E}[H here.</p>",
    ),
    'hostile_osc_title' => array(
        'comment_author' => "Title{$E}]0;pwned\x07 Setter",
        'comment_content' => "Sets the window title{$E}]0;pwned\x07 and again{$E}]2;pwned too{$E}\\ then carries on.",
    ),
    'hostile_osc8' => array(
        'comment_author' => 'Link Faker',
        'comment_author_url' => "http://example.com/{$E}]8;;http://evil.example/{$E}\\",
        'comment_content' => "Looks like <a href=\"http://good.example/\">a good link</a> but {$E}]8;;http://evil.example/{$E}\\this text links to evil{$E}]8;;{$E}\\ in a terminal.",
    ),
    'hostile_dcs' => array(
        'comment_author' => "Device{$E}P+q544e{$E}\\ Control",
        'comment_content' => "A DCS query {$E}P+q544e{$E}\\, an APC {$E}_hidden{$E}\\ and a PM {$E}^private{$E}\\ string.",
    ),
    'hostile_c1' => array(
        'comment_author' => "C1\u{9b}2J Clearer",
        'comment_content' => "8-bit CSI \u{9b}31mred\u{9b}0m and 8-bit OSC \u{9d}0;pwned\u{9c} inside.",
    ),
    'hostile_c0' => array(
        'comment_author' => "Bell\x07 Ringer",
        'comment_content' => "Bell\x07, backspaces abc\x08\x08\x08XYZ, carriage\rreturn, vertical\x0btab, form\x0cfeed, delete\x7f and a\ttab.",
    ),
    'hostile_bidi' => array(
        'comment_author' => "\u{202E}lanigiro\u{202C} Name",
        'comment_content' => "Invoice \u{202E}fdp.exe\u{202C}, isolates \u{2066}LRI\u{2069} \u{2067}RLI\u{2069} \u{2068}FSI\u{2069}, and left open: \u{202E}override, \u{2067}isolate.",
    ),
    'hostile_html' => array(
        'comment_author' => 'Script Kiddie',
        'comment_content' => '<script>alert("x")</script><style>body{display:none}</style><iframe src="http://evil.example/"></iframe><p onclick="steal()">Only this sentence is content.</p>',
    ),
    'hostile_long' => array(
        'comment_author' => str_repeat('Longname', 16),
        'comment_content' => 'A word that never ends: ' . str_repeat('supercalifragilistic', 15) . ' and a URL http://example.com/' . str_repeat('path/', 40),
    ),
    'rich_html' => array(
        'comment_author' => 'Rich Text',
        'comment_author_url' => 'https://rich.example.com/',
        'comment_content' => <<<HTML
<p>A comment with <em>emphasis</em>, <strong>strong</strong>, <b>bold</b>, <i>italic</i>, <del>deleted</del> and <code>inline_code()</code>.</p>
<blockquote><p>A quoted paragraph from the post.</p><blockquote><p>A nested quote.</p></blockquote></blockquote>
<ol><li>first</li><li>second, with <a href="http://example.com/two">link two</a></li><li>third</li></ol>
<ul><li>apple</li><li>banana<ul><li>nested item</li></ul></li></ul>
<pre>fn main() {
    println!("{$long_pre}");
	tab-indented line
}</pre>
<p><img src="http://example.com/cat.jpg" alt="a cat on a keyboard" width="10" height="10"> Entities: &amp; &lt;tag&gt; &#8217; &quot; &copy; a&nbsp;b.</p>
<p>Links: <a href="https://wordpress.org/">WordPress</a>, <a href="http://example.com/a?b=1&amp;c=2">query link</a>, <a href="mailto:someone@example.com">mail me</a>, and a bare one: http://example.org/bare-url</p>
HTML
    ),
    'unicode' => array(
        'comment_author' => '山田太郎 🦀',
        'comment_content' => "日本語のコメントです。中文评论。한국어 댓글.\n\nFamily 👨‍👩‍👧, flags 🇫🇷🇯🇵, skin tone 👍🏽, keycap 1️⃣.\n\nCombining: e\u{301} a\u{308} n\u{303}, Z\u{337}\u{322}\u{349}a\u{338}l\u{336}g\u{335}o. Arabic مرحبا, Hebrew שלום, Thai สวัสดี.",
    ),
);
$t = 0;
foreach ($hostile_comments as $name => $c) {
    $c += array('comment_author_email' => $name . '@example.net');
    $comments[$name] = seed_comment($hostile, minutes('2015-01-02 00:00:00', 60 * $t++), $c);
}

// A reply chain 30 levels deep (WordPress displays 5 by default; the API has no limit).
$parent = 0;
for ($depth = 1; $depth <= 30; $depth++) {
    $parent = seed_comment($hostile, minutes('2015-01-03 00:00:00', $depth), array(
        'comment_author' => $depth % 2 ? 'Alice' : 'Bob', 'comment_author_email' => ($depth % 2 ? 'alice' : 'bob') . '@example.net',
        'comment_parent' => $parent, 'comment_content' => "Depth $depth: " . ($depth % 2 ? 'I disagree.' : 'No, I disagree.'),
    ));
    if ($depth === 1) {
        $comments['deep_root'] = $parent;
    }
}
$comments['deep_leaf'] = $parent;

// An orphan: its parent is trashed afterwards, so guests see a reply to nothing.
$comments['orphan_parent'] = seed_comment($hostile, '2015-01-04 10:00:00', array(
    'comment_author' => 'Regretful', 'comment_author_email' => 'regret@example.net', 'comment_content' => 'Something I later regretted.',
));
$comments['orphan'] = seed_comment($hostile, '2015-01-04 11:00:00', array(
    'comment_author' => 'Witness', 'comment_author_email' => 'witness@example.net', 'comment_parent' => $comments['orphan_parent'],
    'comment_content' => 'Replying to a comment that is about to vanish.',
));
wp_trash_comment($comments['orphan_parent']);

// A held comment with an approved reply: guests see the reply but not its parent.
$comments['held_hostile'] = seed_comment($hostile, '2015-01-05 10:00:00', array(
    'comment_approved' => 0, 'comment_author' => 'First Timer', 'comment_author_email' => 'first@example.net',
    'comment_content' => 'My first comment here, held for moderation.',
));
$comments['reply_to_held'] = seed_comment($hostile, '2015-01-05 11:00:00', array(
    'comment_author' => 'Eager Replier', 'comment_author_email' => 'eager@example.net', 'comment_parent' => $comments['held_hostile'],
    'comment_content' => 'Replying to a comment guests cannot see.',
));

// ---------------------------------------------------------------- big
$posts['big'] = seed_post(array(
    'post_title' => 'A very popular post',
    'post_name' => 'a-very-popular-post',
    'date' => '2019-12-31 12:00:00',
    'post_content' => "<p>Five thousand people had something to say about this.</p>",
));
$names = array('Ada', 'Grace', 'Linus', 'Margaret', 'Ken', 'Dennis', 'Barbara', 'Donald', 'Frances', 'Edsger', 'Radia', 'Guido', 'Sophie', 'Niklaus', 'Hedy', 'Alan');
$words = explode(' ', 'the a of to and in that it is was for on are with as be at this have from or one had by word but not what all were we when your can said there use an each which she do how their if will up other about out many then them these so some her would make like him into time has look two more write go see number no way could people my than first water been call who oil its now find long down day did get come made may part');
mt_srand(20110525);
$sentence = function () use ($words) {
    $n = mt_rand(8, 16);
    $s = array();
    for ($i = 0; $i < $n; $i++) {
        $s[] = $words[mt_rand(0, count($words) - 1)];
    }
    return ucfirst(implode(' ', $s)) . '.';
};
$big_ids = array();
for ($i = 0; $i < 5000; $i++) {
    $paras = array();
    $len = 0;
    $target = mt_rand(200, 400);
    while ($len < $target) {
        $p = $sentence() . ' ' . $sentence();
        $paras[] = "<p>$p</p>";
        $len += strlen($p);
    }
    $name = $names[$i % count($names)];
    $reply = $i > 0 && $i % 3 === 2;
    $big_ids[] = seed_comment($posts['big'], minutes('2020-01-01 00:00:00', $i), array(
        'comment_author' => "$name " . ($i + 1), 'comment_author_email' => strtolower($name) . '@example.org',
        'comment_parent' => $reply ? $big_ids[mt_rand(0, $i - 1)] : 0,
        'comment_content' => implode("\n", $paras),
    ));
}
$comments['big_first'] = $big_ids[0];
$comments['big_last'] = $big_ids[4999];

// ---------------------------------------------------------------- page, closed, book, empty, sandbox
$posts['page'] = seed_post(array(
    'post_type' => 'page', 'post_title' => 'About this blog', 'post_name' => 'about', 'date' => '2010-01-01 00:00:00',
    'post_content' => '<p>A page, not a post. Pages can have comments too.</p>',
));
$comments['page_1'] = seed_comment($posts['page'], '2010-01-02 10:00:00', array(
    'comment_author' => 'Page Reader', 'comment_author_email' => 'reader@example.net', 'comment_content' => 'Nice about page.',
));
$comments['page_2'] = seed_comment($posts['page'], '2010-01-03 10:00:00', array(
    'comment_author' => 'Admin', 'comment_author_email' => 'admin@example.com', 'user_id' => 1, 'comment_parent' => $comments['page_1'],
    'comment_content' => 'Thanks!',
));

$posts['closed'] = seed_post(array(
    'post_title' => 'An old post with comments closed', 'post_name' => 'comments-closed', 'date' => '2009-03-01 08:00:00',
    'comment_status' => 'closed', 'ping_status' => 'closed',
    'post_content' => '<p>Comments on this post are closed.</p>',
));
$comments['closed_old'] = seed_comment($posts['closed'], '2009-03-02 08:00:00', array(
    'comment_author' => 'Early Bird', 'comment_author_email' => 'early@example.net', 'comment_content' => 'Got in before they closed.',
));

$posts['book'] = seed_post(array(
    'post_type' => 'book', 'post_title' => 'The Cathedral and the Bazaar', 'post_name' => 'the-cathedral-and-the-bazaar',
    'date' => '2012-06-01 00:00:00', 'post_content' => '<p>Essays on open source, as a custom post type.</p>',
));
$comments['book_1'] = seed_comment($posts['book'], '2012-06-02 00:00:00', array(
    'comment_author' => 'Bookworm', 'comment_author_email' => 'worm@example.net', 'comment_content' => 'Given enough eyeballs, all bugs are shallow.',
));
$comments['book_2'] = seed_comment($posts['book'], '2012-06-03 00:00:00', array(
    'comment_author' => 'Sub Scriber', 'comment_author_email' => 'sub@example.com', 'user_id' => $users['sub']['id'],
    'comment_content' => 'Still worth reading.',
));

$posts['empty'] = seed_post(array(
    'post_title' => 'A post nobody commented on', 'post_name' => 'no-comments-yet', 'date' => '2012-01-01 00:00:00',
    'post_content' => '<p>Silence.</p>',
));
$posts['sandbox'] = seed_post(array(
    'post_title' => 'Sandbox for tests that write', 'post_name' => 'sandbox', 'date' => '2012-02-01 00:00:00',
    'post_content' => '<p>Tests post, reply and moderate here; nothing asserts its counts.</p>',
));

// Guests may not comment on this one over REST (see mu-plugin.php): a stock site's answer.
$posts['noguest'] = seed_post(array(
    'post_title' => 'Members only', 'post_name' => 'no-guests', 'date' => '2012-03-01 00:00:00',
    'post_content' => '<p>Guests cannot comment here over the REST API; accounts can.</p>',
));

wp_defer_comment_counting(false);
flush_rewrite_rules(false);

// ---------------------------------------------------------------- manifest
$rest_base = array('post' => 'posts', 'page' => 'pages', 'book' => 'books');
$count = function ($post, array $q) {
    return (int) get_comments($q + array('post_id' => $post, 'count' => true, 'status' => 'approve', 'type' => 'comment'));
};
$manifest_posts = array();
foreach ($posts as $name => $id) {
    $p = get_post($id);
    $manifest_posts[$name] = array(
        'id' => $id,
        'type' => $p->post_type,
        'rest_base' => $rest_base[$p->post_type],
        'slug' => $p->post_name,
        'title' => $p->post_title,
        'link' => get_permalink($id),
        'comment_status' => $p->comment_status,
        'comments_approved' => $count($id, array()),
        'top_level_approved' => $count($id, array('parent' => 0)),
        'pings_approved' => $count($id, array('type' => 'pings')),
        'comments_held' => $count($id, array('status' => 'hold')),
        'comments_spam' => $count($id, array('status' => 'spam')),
        'comments_trash' => $count($id, array('status' => 'trash')),
    );
}
$manifest = array(
    'url' => home_url(),
    'api' => rest_url(),
    'site' => array('title' => get_bloginfo('name'), 'description' => get_bloginfo('description'), 'wp_version' => get_bloginfo('version')),
    'posts' => $manifest_posts,
    'users' => $users,
    'comments' => $comments,
    // A guest whose comments skip moderation (comment_previously_approved): same name and email.
    'guests' => array('approved' => array('name' => 'Andy Piper', 'email' => 'andy@example.org')),
);
$json = json_encode($manifest, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES);
if ($json === false || file_put_contents($argv[1], $json . "\n") === false) {
    fail('cannot write ' . $argv[1]);
}
printf("seeded %d posts, %d named comments, %d big comments\n", count($posts), count($comments), count($big_ids));
