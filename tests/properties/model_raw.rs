//! A comment keeps what it was fetched as: `Comment::raw` gives back the very object, whatever
//! its shape, while the typed fields hold the text once.

use serde_json::{Value, json};
use wpcomments::model::Comment;

fn round_trip(v: Value) {
    let c = Comment::from_json(v.clone()).expect("comment");
    assert_eq!(c.raw(), v, "raw() of {v}");
    // And again from what raw() gave (an archive read back).
    let again = Comment::from_json(c.raw()).expect("comment");
    assert_eq!(again, c);
}

#[test]
fn every_shape_of_comment_object_comes_back_exactly() {
    // As trimmed by `_fields`.
    round_trip(json!({
        "id": 7, "post": 5, "parent": 0, "author": 0, "author_name": "Ada",
        "author_url": "", "date_gmt": "2020-01-01T00:00:00",
        "content": {"rendered": "<p>hi</p>\n"}, "link": "https://b.example/p/#comment-7",
        "status": "approved", "type": "comment"
    }));
    // The edit context: content.raw and the author's email besides.
    round_trip(json!({
        "id": 8, "post": 5, "parent": 7, "author": 2, "author_name": "Bo",
        "author_email": "bo@example.org", "date_gmt": "2020-01-01T00:01:00",
        "content": {"rendered": "<p>x</p>", "raw": "x"}, "status": "hold", "type": "comment",
        "author_avatar_urls": {"24": "https://secure.gravatar.com/a"}, "meta": []
    }));
    // Fields missing, empty, of another type or not parseable stay as they were.
    round_trip(json!({"id": 9}));
    round_trip(json!({"id": 10, "status": "", "type": "", "post": "5", "parent": -1}));
    round_trip(json!({"id": 11, "date_gmt": "2020-01-01 00:00:00", "content": "bare"}));
    round_trip(json!({"id": 12, "date_gmt": null, "content": {"rendered": 3}, "link": null}));
    round_trip(json!({"id": 13, "content": {"protected": false}}));
}

#[test]
fn typed_fields_read_what_was_sent_and_a_new_status_reaches_the_archive_copy() {
    let mut c = Comment::from_json(json!({
        "id": 1, "post": 5, "parent": 0, "content": {"rendered": "<p>a</p>"},
        "date_gmt": "2020-01-01T00:00:00", "status": "hold", "type": "pingback"
    }))
    .expect("comment");
    assert_eq!(c.content_html, "<p>a</p>");
    assert_eq!(c.status, "hold");
    assert!(c.is_ping());
    c.set_status("approved");
    assert_eq!(c.raw()["status"], "approved");
    // A status the site never sent is filled in, and written once set.
    let mut bare = Comment::from_json(json!({"id": 2})).expect("comment");
    assert_eq!(bare.status, "approved");
    assert!(bare.raw().get("status").is_none());
    bare.set_status("spam");
    assert_eq!(bare.raw()["status"], "spam");
}
