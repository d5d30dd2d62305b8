//! End to end: clearing held comments from the keyboard in the moderation queue, in a real
//! terminal (tmux) against the real test WordPress, then checking what the site stored.

use std::time::Duration;

use crate::support::identity::Home;
use crate::support::tmux::{Tmux, framed, status_line};
use crate::support::wp::{Wp, wordpress};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");
const SLOW: Duration = Duration::from_secs(30);

fn home_with(wp: &Wp, user: &str) -> Home {
    let h = Home::new();
    h.secret(wp.app_password(user));
    let stdin = format!("{user}\n{}\n", wp.app_password(user));
    h.ok(
        &["identity", "add", user, "--site", &wp.url, "--app-password"],
        &stdin,
    );
    h
}

fn admin_call(wp: &Wp, method: reqwest::Method, url: String, body: Option<Value>) -> Value {
    wp.admin_call(method, url, body)
}

/// A held comment in the sandbox whose text contains `token`.
fn held(wp: &Wp, token: &str, who: &str) -> u64 {
    let v = admin_call(
        wp,
        reqwest::Method::POST,
        format!("{}wp/v2/comments", wp.api()),
        Some(
            json!({"post": wp.post_id("sandbox"), "content": format!("{who} says {token}"),
            "status": "hold"}),
        ),
    );
    v["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("seed failed: {v}"))
}

fn status_of(wp: &Wp, id: u64) -> String {
    let v = admin_call(
        wp,
        reqwest::Method::GET,
        format!("{}wp/v2/comments/{id}?context=edit", wp.api()),
        None,
    );
    v["status"].as_str().unwrap_or_default().to_owned()
}

fn session(h: &Home, name: &str, args: &[&str]) -> Tmux {
    let config = h.config_dir().display().to_string();
    let data = h.data_dir().display().to_string();
    Tmux::run(
        name,
        110,
        30,
        BIN,
        args,
        &[
            ("WPCOMMENTS_CONFIG_DIR", &config),
            ("WPCOMMENTS_DATA_DIR", &data),
        ],
    )
}

#[test]
fn a_moderator_approves_one_held_comment_and_spams_another_from_the_keyboard() {
    let wp = wordpress();
    let h = home_with(wp, "admin");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let token = format!("queuee2e{nanos}");
    let older = held(wp, &token, "Spammy");
    let newer = held(wp, &token, "Friendly");
    let tmux = session(&h, "moderate", &["moderate", &wp.url, "--as", "admin"]);
    let screen = tmux.wait_until("the pending queue", SLOW, |s| {
        s.contains("Moderation · wpcomments test blog · as admin") && s.contains("2 Pending (")
    });
    assert!(screen.contains("[pending]"), "{}", framed(&screen));
    // Narrow the queue to this test's two comments (other tests hold comments too).
    tmux.keys(&["/"]);
    tmux.type_text(&token);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until("the two comments", SLOW, |s| {
        s.contains("search: queuee2e") && status_line(s).contains("1/2 · page 1/1")
    });
    assert!(
        screen.contains(&format!("#{newer} admin")),
        "{}",
        framed(&screen)
    );
    assert!(screen.contains(&format!("#{older}")), "{}", framed(&screen));
    assert!(status_line(&screen).contains("1/2"), "{}", framed(&screen));
    // a approves the newest (selected) and steps to the next; once the site confirmed, the
    // approved comment leaves Pending, as on the admin screen. s marks the next one as spam.
    let row_of = |id: u64| format!("] #{id} ");
    tmux.keys(&["a"]);
    let screen = tmux.wait_until("the approval", SLOW, |s| {
        status_line(s).contains(&format!("#{newer} approved"))
    });
    assert!(!screen.contains(&row_of(newer)), "{}", framed(&screen));
    assert!(
        screen.contains(&format!("[pending] #{older} ")),
        "{}",
        framed(&screen)
    );
    assert!(status_line(&screen).contains("1/1"), "{}", framed(&screen));
    tmux.keys(&["s"]);
    let screen = tmux.wait_until("the spam", SLOW, |s| {
        status_line(s).contains(&format!("#{older} marked as spam"))
    });
    assert!(
        !screen.contains(&row_of(newer)) && !screen.contains(&row_of(older)),
        "{}",
        framed(&screen)
    );
    assert!(
        screen.contains("no pending comments"),
        "{}",
        framed(&screen)
    );
    assert_eq!(status_of(wp, newer), "approved");
    assert_eq!(status_of(wp, older), "spam");
    // z undoes the spam: the page is read again and the comment is back in Pending.
    tmux.keys(&["z"]);
    let screen = tmux.wait_until("the undo", SLOW, |s| {
        status_line(s).contains("undone") && s.contains(&row_of(older))
    });
    assert!(
        screen.contains(&format!("[pending] #{older} ")),
        "{}",
        framed(&screen)
    );
    assert!(!screen.contains(&row_of(newer)), "{}", framed(&screen));
    assert_eq!(status_of(wp, older), "hold");
    // e edits the selected comment's text; ctrl-s saves it to the site.
    tmux.keys(&["e"]);
    tmux.wait_for(&format!("edit #{older}"));
    tmux.type_text(" (edited)");
    tmux.keys(&["C-s"]);
    tmux.wait_until("the edit", SLOW, |s| {
        status_line(s).contains(&format!("#{older} edited"))
    });
    let raw = admin_call(
        wp,
        reqwest::Method::GET,
        format!("{}wp/v2/comments/{older}?context=edit", wp.api()),
        None,
    );
    assert_eq!(
        raw["content"]["raw"],
        format!("Spammy says {token} (edited)")
    );
    // q clears the search first (the whole queue again), then quits.
    tmux.keys(&["q"]);
    tmux.wait_until("the search cleared", SLOW, |s| !s.contains("search: "));
    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
}

#[test]
fn a_subscriber_opening_the_queue_is_told_why_and_the_keys_are_off() {
    let wp = wordpress();
    let h = home_with(wp, "sub");
    let tmux = session(&h, "moderate-sub", &["moderate", &wp.url, "--as", "sub"]);
    let screen = tmux.wait_until("the refusal", SLOW, |s| {
        s.contains("sub cannot moderate comments on this site (needs moderate_comments)")
    });
    assert!(
        status_line(&screen).contains("moderation keys off"),
        "{}",
        framed(&screen)
    );
    tmux.keys(&["a"]);
    tmux.wait_until("the refusal on a key", SLOW, |s| {
        status_line(s).contains("sub cannot moderate")
    });
    tmux.keys(&["q"]);
    tmux.wait_exit();
}

#[test]
fn r_in_the_queue_replies_to_a_held_comment_and_approves_it_as_the_admin_screen_does() {
    let wp = wordpress();
    let h = home_with(wp, "admin");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let token = format!("replye2e{nanos}");
    let parent = held(wp, &token, "Curious");
    let tmux = session(
        &h,
        "moderate-reply",
        &["moderate", &wp.url, "--as", "admin"],
    );
    tmux.wait_until("the pending queue", SLOW, |s| {
        s.contains("Moderation · wpcomments test blog · as admin")
    });
    tmux.keys(&["/"]);
    tmux.type_text(&token);
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until("this test's comment", SLOW, |s| {
        s.contains("search: replye2e") && status_line(s).contains("1/1 · page 1/1")
    });
    assert!(
        screen.contains(&format!("#{parent}")),
        "{}",
        framed(&screen)
    );
    // r: the thread opens and, once the comment is there, the composer answering it.
    tmux.keys(&["r"]);
    tmux.wait_until("the composer", SLOW, |s| {
        s.contains(" Reply to ") && s.contains("ctrl-s send")
    });
    let body = format!("Thanks for asking {token}");
    tmux.type_text(&body);
    tmux.wait_for(&body);
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_until("the send step", SLOW, |s| s.contains("Post as admin"));
    assert!(
        screen.contains(&format!("(#{parent})")),
        "{}",
        framed(&screen)
    );
    tmux.keys(&["y"]);
    let screen = tmux.wait_until("the reply and the approval", SLOW, |s| {
        status_line(s).contains(&format!("posted; #{parent} approved"))
    });
    // What the site stored: the reply under the comment, and the comment approved.
    let replies = admin_call(
        wp,
        reqwest::Method::GET,
        format!(
            "{}wp/v2/comments?parent={parent}&context=edit&status=any&per_page=100",
            wp.api()
        ),
        None,
    );
    let reply = replies
        .as_array()
        .and_then(|all| all.iter().find(|c| c["content"]["raw"] == body.as_str()))
        .unwrap_or_else(|| panic!("no reply under #{parent}: {replies}"));
    assert_eq!(reply["parent"], parent);
    assert_eq!(reply["author_name"], "admin");
    let id = reply["id"].as_u64().unwrap_or_default();
    assert!(
        status_line(&screen).contains(&format!("reply #{id} posted; #{parent} approved")),
        "{}",
        framed(&screen)
    );
    assert_eq!(status_of(wp, parent), "approved");
    // q: back to the queue (its search kept), q clears the search, q quits.
    tmux.keys(&["q"]);
    tmux.wait_until("the queue again", SLOW, |s| s.contains("search: replye2e"));
    tmux.keys(&["q"]);
    tmux.wait_until("the search cleared", SLOW, |s| !s.contains("search: "));
    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
}
