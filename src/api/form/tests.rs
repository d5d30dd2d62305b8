use super::*;

fn base() -> Url {
    Url::parse("http://blog.example/2012/02/01/sandbox/").unwrap()
}

fn find(html: &str) -> Result<CommentForm, NoForm> {
    find_form(&Html::parse_document(html), &base())
}

fn robin() -> GuestAuthor {
    GuestAuthor {
        name: "Robin".into(),
        email: "robin@example.com".into(),
        url: String::new(),
    }
}

/// WordPress 6.1's `comment_form()` as the test theme prints it.
const STOCK: &str = r#"<div id="respond" class="comment-respond">
<form action="http://blog.example/wp-comments-post.php" method="post" id="commentform" class="comment-form" novalidate>
<p class="comment-form-comment"><label for="comment">Comment</label> <textarea id="comment" name="comment" required></textarea></p>
<p class="comment-form-author"><input id="author" name="author" type="text" value="" /></p>
<p class="comment-form-email"><input id="email" name="email" type="email" value="" /></p>
<p class="comment-form-url"><input id="url" name="url" type="url" value="" /></p>
<p class="comment-form-cookies-consent"><input id="wp-comment-cookies-consent" name="wp-comment-cookies-consent" type="checkbox" value="yes" /></p>
<p class="form-submit"><input name="submit" type="submit" id="submit" class="submit" value="Post Comment" />
<input type='hidden' name='comment_post_ID' value='11' id='comment_post_ID' />
<input type='hidden' name='comment_parent' id='comment_parent' value='0' /></p></form></div>"#;

#[test]
fn a_stock_form_is_sent_with_its_hidden_fields_and_the_guests_own() {
    let form = find(STOCK).unwrap();
    assert_eq!(
        form.action.as_str(),
        "http://blog.example/wp-comments-post.php"
    );
    assert_eq!(form.comment_field, "comment");
    assert_eq!(form.value("comment_post_ID"), Some("11"));
    // An unticked box is not sent, as in a browser.
    assert_eq!(form.value("wp-comment-cookies-consent"), None);
    let sent = form.fill(&robin(), 5, "Hello there");
    let get = |k: &str| sent.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("author"), Some("Robin"));
    assert_eq!(get("email"), Some("robin@example.com"));
    assert_eq!(get("url"), Some(""));
    assert_eq!(get("comment_parent"), Some("5"));
    assert_eq!(get("comment_post_ID"), Some("11"));
    assert_eq!(get("submit"), Some("Post Comment"));
    assert_eq!(get("comment"), Some("Hello there"));
    assert_eq!(sent.iter().filter(|(n, _)| n == "comment").count(), 1);
}

#[test]
fn a_renamed_comment_box_gets_the_text_and_the_hidden_honeypot_stays_empty() {
    // Antispam Bee's shape: the real box renamed, a `comment` box clipped out of sight.
    let html = r#"<form action="/wp-comments-post.php" method="post" id="commentform">
        <label for="x7f3">Comment</label><textarea id="x7f3" name="x7f3a9"></textarea>
        <textarea id="comment" aria-hidden="true" name="comment" tabindex="-1"
          style="padding:0 !important; clip: rect(1px, 1px, 1px, 1px) !important; position:absolute !important"></textarea>
        <div style="display: none"><textarea name="also_a_trap"></textarea></div>
        <input name="author"><input name="email"><input type="hidden" name="comment_post_ID" value="11">
        <input type="hidden" name="ab_nonce" value="n0nce"></form>"#;
    let form = find(html).unwrap();
    assert_eq!(form.comment_field, "x7f3a9");
    assert_eq!(
        form.action.as_str(),
        "http://blog.example/wp-comments-post.php"
    );
    let sent = form.fill(&robin(), 0, "Real text");
    let get = |k: &str| sent.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str());
    assert_eq!(get("x7f3a9"), Some("Real text"));
    assert_eq!(get("comment"), Some(""));
    assert_eq!(get("also_a_trap"), Some(""));
    assert_eq!(get("ab_nonce"), Some("n0nce"));
    // The site had no website field and the guest has none: nothing is added.
    assert_eq!(get("url"), None);
}

#[test]
fn a_form_is_found_by_its_action_when_it_has_no_id_or_class() {
    let html = r#"<form action="/search"><input name="s"></form>
        <form action="https://blog.example/wp-comments-post.php?x=1" method="post">
        <textarea name="comment"></textarea></form>"#;
    let form = find(html).unwrap();
    assert_eq!(
        form.action.as_str(),
        "https://blog.example/wp-comments-post.php?x=1"
    );
}

#[test]
fn pages_without_a_usable_form_say_why() {
    assert_eq!(find("<p>Comments are closed.</p>"), Err(NoForm::Missing));
    let login = r#"<div id="respond"><p class="must-log-in">You must be
        <a href="http://blog.example/wp-login.php?redirect_to=x">logged in</a> to post a comment.</p></div>"#;
    assert_eq!(find(login), Err(NoForm::LoginRequired));
    let jetpack = r#"<div id="respond"><form id="commentform" class="comment-form" action="/wp-comments-post.php">
        <iframe src="https://jetpack.wordpress.com/jetpack-comment/?blogid=1" name="jetpack_remote_comment"></iframe>
        <input type="hidden" name="comment_post_ID" value="11"></form></div>"#;
    assert_eq!(find(jetpack), Err(NoForm::WordPressCom));
    let wpcom = r#"<form id="commentform" action="/wp-comments-post.php"><textarea name="comment"></textarea>
        <input type="hidden" name="highlander_comment_nonce" value="1"></form>"#;
    assert_eq!(find(wpcom), Err(NoForm::WordPressCom));
    let only_trap = r#"<form id="commentform" action="/wp-comments-post.php">
        <textarea name="comment" hidden></textarea></form>"#;
    assert_eq!(find(only_trap), Err(NoForm::NoTextBox));
    assert!(
        NoForm::WordPressCom
            .words()
            .contains("WordPress.com identity")
    );
}
