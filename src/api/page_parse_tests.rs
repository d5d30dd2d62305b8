use super::*;

fn url() -> Url {
    Url::parse("https://b.example/2011/05/25/post/").unwrap()
}

/// What `wp_list_comments()` prints with `html5` support (Walker_Comment::html5_comment and
/// the short ping form), trimmed to what matters.
const CLASSIC: &str = r##"<html><body class="post-template-default single single-post postid-4">
<h2 class="comments-title">7 thoughts on &ldquo;Post&rdquo;</h2>
<ol class="comment-list">
<li id="comment-2" class="comment even thread-even depth-1 parent">
  <article id="div-comment-2" class="comment-body">
    <footer class="comment-meta"><div class="comment-author vcard">
      <b class="fn"><a href="https://andy.example/" class="url" rel="ugc external nofollow">Andy Piper</a></b>
      <span class="says">says:</span></div>
      <div class="comment-metadata"><a href="https://b.example/2011/05/25/post/comment-page-2/#comment-2">
        <time datetime="2011-05-25T13:02:00+02:00">May 25, 2011</time></a></div>
    </footer>
    <div class="comment-content"><p>First <b>word</b></p></div>
  </article>
  <ol class="children">
    <li id="comment-3" class="comment byuser comment-author-delph odd alt depth-2">
      <article id="div-comment-3" class="comment-body">
        <footer class="comment-meta"><div class="comment-author vcard"><b class="fn">Delph</b></div>
        <div class="comment-metadata"><a href="https://b.example/2011/05/25/post/comment-page-2/#comment-3">
          <time datetime="2011-05-25T12:00:00+00:00">x</time></a></div>
        <em class="comment-awaiting-moderation">Your comment is awaiting moderation.</em></footer>
        <div class="comment-content"><p>Reply</p></div>
      </article>
    </li>
  </ol>
</li>
<li id="comment-5" class="pingback even thread-odd depth-1">
  <div class="comment-body">Pingback: <a href="https://other.example/p/" class="url" rel="ugc external nofollow">Other post</a></div>
</li>
</ol>
<div class="nav-previous"><a href="https://b.example/2011/05/25/post/comment-page-1/#comments">Older comments</a></div>
<a href="https://b.example/2011/05/26/another/comment-page-9/#comments">another post</a>
</body></html>"##;

#[test]
fn classic_comments_nest_and_carry_author_date_body_and_type() {
    let page = parse_page(CLASSIC, &url());
    let ids: Vec<(u64, u64, &str)> = page
        .comments
        .iter()
        .map(|c| (c.id, c.parent, c.kind.as_str()))
        .collect();
    assert_eq!(
        ids,
        vec![(2, 0, "comment"), (3, 2, "comment"), (5, 0, "pingback")]
    );
    let andy = &page.comments[0];
    assert_eq!(andy.author_name, "Andy Piper");
    assert_eq!(andy.author_url, "https://andy.example/");
    assert_eq!(andy.content_html, "<p>First <b>word</b></p>");
    assert_eq!(
        andy.date_gmt.map(|d| d.to_string()).as_deref(),
        Some("2011-05-25 11:02:00"),
        "converted to UTC"
    );
    assert_eq!(
        andy.link,
        "https://b.example/2011/05/25/post/comment-page-2/#comment-2"
    );
    let delph = &page.comments[1];
    assert_eq!(delph.author_name, "Delph");
    assert_eq!(delph.content_html, "<p>Reply</p>", "not the parent's body");
    assert_eq!(delph.status, "hold");
    assert_eq!(
        andy.status, "approved",
        "a reply's badge is not the parent's"
    );
    let ping = &page.comments[2];
    assert_eq!(ping.author_name, "Other post");
    assert_eq!(ping.author_url, "https://other.example/p/");
    assert!(ping.is_ping());
}

#[test]
fn the_page_tells_its_count_its_comment_pages_and_which_one_it_is() {
    let page = parse_page(CLASSIC, &url());
    assert_eq!(page.count_shown, Some(7));
    assert_eq!(
        page.comment_pages.keys().copied().collect::<Vec<_>>(),
        vec![1, 2],
        "another post's comment pages are not this post's"
    );
    assert_eq!(page.current_page, Some(2));
}

/// What the Comment Template block prints (Twenty Twenty-Three): replies in a bare `<ol>`.
const BLOCK: &str = r##"<html><body>
<h2 class="wp-block-comments-title">One response to “Post”</h2>
<ol class="wp-block-comment-template">
<li id="comment-7" class="comment even thread-even depth-1">
  <div class="wp-block-group"><div class="wp-block-comment-author-name"><a rel="external nofollow ugc" href="https://k.example/">Kevin</a></div>
  <div class="wp-block-comment-date"><time datetime="2020-01-01T00:00:00+00:00"><a href="https://b.example/?p=4&amp;cpage=3#comment-7">Jan 1</a></time></div>
  <div class="wp-block-comment-content"><p>Hello</p></div></div>
  <ol><li id="comment-8" class="trackback odd alt depth-2">
    <div class="wp-block-comment-author-name">Tracker</div>
    <div class="wp-block-comment-content"><p>[…] cited […]</p></div>
  </li></ol>
</li>
</ol>
<div class="wp-block-comments-pagination"><a class="page-numbers" href="https://b.example/?p=4&amp;cpage=1">1</a>
<a class="page-numbers" href="https://b.example/?p=4&amp;cpage=2">2</a></div>
</body></html>"##;

#[test]
fn block_theme_comments_nest_by_their_lists_too() {
    let here = Url::parse("https://b.example/?p=4").unwrap();
    let page = parse_page(BLOCK, &here);
    let got: Vec<(u64, u64, &str, &str)> = page
        .comments
        .iter()
        .map(|c| (c.id, c.parent, c.kind.as_str(), c.author_name.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![(7, 0, "comment", "Kevin"), (8, 7, "trackback", "Tracker")]
    );
    assert_eq!(page.comments[1].content_html, "<p>[…] cited […]</p>");
    assert_eq!(page.count_shown, None, "a count in words is not guessed");
    assert_eq!(
        page.comment_pages.keys().copied().collect::<Vec<_>>(),
        vec![1, 2, 3]
    );
    assert_eq!(page.current_page, Some(3));
}

#[test]
fn counts_are_read_only_when_the_heading_starts_with_a_number() {
    assert_eq!(leading_number("12 Comments"), Some(12));
    assert_eq!(leading_number("7 thoughts on “x”"), Some(7));
    assert_eq!(leading_number("2011s best"), None);
    assert_eq!(leading_number("One response"), None);
    assert_eq!(leading_number("5,000 responses to “x”"), Some(5000));
    assert_eq!(leading_number("1.234.567 Kommentare"), Some(1_234_567));
    assert_eq!(leading_number("3, 4 and 5"), Some(3));
}

#[test]
fn comment_page_links_of_both_shapes_are_understood() {
    let pretty = Url::parse("https://b.example/p/comment-page-12/#comments").unwrap();
    let (n, base) = comment_page_of(&pretty).unwrap();
    assert_eq!((n, base.as_str()), (12, "https://b.example/p/"));
    let plain = Url::parse("https://b.example/?p=4&cpage=3").unwrap();
    let (n, base) = comment_page_of(&plain).unwrap();
    assert_eq!((n, base.as_str()), (3, "https://b.example/?p=4"));
    assert_eq!(
        comment_page_of(&Url::parse("https://b.example/p/2/").unwrap()),
        None
    );
    assert_eq!(post_base(&pretty), "https://b.example/p");
}
