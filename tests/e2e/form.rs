//! End to end in a real terminal (tmux): a guest replies from the reader to a stock WordPress,
//! which refuses guests over REST; the reply goes through the site's comment form, the send step
//! says so, and the held reply shows in the thread as only its author sees it.

use std::time::Duration;

use crate::support::identity::Home;
use crate::support::tmux::{Tmux, framed, status_line};
use crate::support::wp::{unique, wordpress};
use serde_json::json;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");

/// The screen's words in order, without the frame's borders: wrapped lines read as one text.
fn words(screen: &str) -> String {
    screen
        .split_whitespace()
        .filter(|w| !w.chars().all(|c| "│|+-─".contains(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_guest_replies_from_the_reader_through_the_form_and_sees_it_awaiting_moderation() {
    let wp = wordpress();
    let h = Home::new();
    let (name, email) = ("Robin Tui", "robin-tui@example.com");
    h.ok(
        &[
            "identity", "add", "me", "--guest", "--name", name, "--email", email,
        ],
        "",
    );
    let parent_text = unique("Parent for a form reply from the reader");
    let parent = wp.admin_call(
        reqwest::Method::POST,
        format!("{}wp/v2/comments", wp.api()),
        Some(json!({"post": wp.post_id("sandbox"), "content": parent_text})),
    );
    let parent_id = parent["id"].as_u64().expect("parent posted");
    let link = format!("{}#comment-{parent_id}", wp.mode_link("stock", "sandbox"));
    let config = h.config_dir().display().to_string();
    let data = h.data_dir().display().to_string();
    let tmux = Tmux::run(
        "guest-form",
        100,
        32,
        BIN,
        &["--as", "me", &link],
        &[
            ("WPCOMMENTS_CONFIG_DIR", &config),
            ("WPCOMMENTS_DATA_DIR", &data),
            ("VISUAL", ""),
            ("EDITOR", ""),
        ],
    );
    tmux.wait_for(&parent_text[..20]);
    tmux.keys(&["r"]);
    tmux.wait_for("Reply to admin");
    // The site holds a form post with this marker 20 s (tests/wp/mu-plugin.php): long enough
    // to read the send step while it waits.
    let body = unique("wpcomments-test: slow form post, from the reader");
    tmux.type_text(&body);
    tmux.wait_for(&body[..30]);
    tmux.keys(&["C-s"]);
    tmux.wait_for("Post as guest Robin Tui on");
    tmux.keys(&["y"]);
    let sending = format!("Posting as {name} <{email}> (guest, through the site's comment form)");
    tmux.wait_until("the route in the send step", Duration::from_secs(20), |s| {
        words(s).contains(&sending)
    });
    let screen = tmux.wait_until("the posted note", Duration::from_secs(60), |s| {
        status_line(s).contains("posted")
    });
    let status = status_line(&screen);
    assert!(
        status.contains("awaiting moderation, only you see it"),
        "{}",
        framed(&screen)
    );
    // The reply is in the thread, badged, besides the status bar's note.
    let badged = screen
        .lines()
        .filter(|l| l.contains("awaiting moderation, only you see it"))
        .count();
    assert!(badged >= 2, "no badge in the thread:\n{}", framed(&screen));
    assert!(screen.contains(&body[..30]), "{}", framed(&screen));
    let new_id: u64 = status
        .split('#')
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("no comment id in the status bar:\n{}", framed(&screen)));
    let stored = wp.admin_call(
        reqwest::Method::GET,
        format!("{}wp/v2/comments/{new_id}?context=edit", wp.api()),
        None,
    );
    assert_eq!(stored["parent"].as_u64(), Some(parent_id), "{stored}");
    assert_eq!(stored["status"], "hold");
    assert_eq!(stored["author_name"], name);
    assert_eq!(stored["content"]["raw"].as_str(), Some(body.as_str()));
    tmux.keys(&["q"]);
    tmux.wait_exit().assert_cooked();
}
