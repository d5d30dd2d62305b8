//! The synthetic thread the benches share: the shape the latency server serves.

use wpcomments::model::Comment;
use wpcomments::tui::testing::comment;

/// `n` comments: threads of ~25, replies up to 12 deep, bodies of one to three paragraphs.
pub fn comments(n: u64) -> Vec<Comment> {
    (1..=n).map(one).collect()
}

/// Comment `i` of [`comments`].
pub fn one(i: u64) -> Comment {
    let parent = if i % 25 == 1 {
        0
    } else if i.is_multiple_of(12) {
        i - 11
    } else {
        i - 1
    };
    let html = format!(
        "<p>Comment {i} says something about <b>the post</b> with a \
         <a href=\"https://example.com/{i}\">link</a> and <code>code</code>.</p>{}",
        "<p>Another paragraph that is long enough to wrap at narrower widths, \
         with <em>emphasis</em> and a quote:</p><blockquote>quoted text</blockquote>"
            .repeat((i % 3) as usize)
    );
    comment(i, parent, i as i64, &format!("user {i}"), &html)
}
