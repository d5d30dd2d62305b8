//! The command line on a real terminal (tmux): what shows only when stdin or stderr is a
//! terminal — `--dump` progress, the `reply` prompt — and first loads that fail before the
//! full-screen view would open.

use std::time::Duration;

use crate::fault::*;
use crate::support;
use crate::support::tmux::{BEFORE, Tmux, framed};
use wiremock::MockServer;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");

/// The screen after the marker the session prints before the program.
fn after_start(screen: &str) -> &str {
    screen.split_once(BEFORE).map_or(screen, |(_, rest)| rest)
}

#[tokio::test(flavor = "multi_thread")]
async fn dump_progress_shows_on_a_terminal_and_is_cleared_at_the_end() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    let comments: Vec<_> = (1..=4)
        .map(|i| comment(i, 0, i, &format!("c{i}")))
        .collect();
    mount_page(&server, 1, page_response(&comments[..2], 4, 2)).await;
    // The second page is slow: long enough to read the progress line.
    mount_page(
        &server,
        2,
        page_response(&comments[2..], 4, 2).set_delay(Duration::from_secs(4)),
    )
    .await;
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("thread.txt");
    let script = format!(
        "{} --dump {} > {}",
        support::tmux::sh_quote(BIN),
        support::tmux::sh_quote(&post_url(&server)),
        support::tmux::sh_quote(&out.display().to_string())
    );
    let tmux = Tmux::run("progress", 100, 20, "sh", &["-c", &script], &[]);
    let during = tmux.wait_for("page 1/2");
    assert!(during.contains("2 comments"), "{}", framed(&during));
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    let shown = after_start(&exited.screen);
    assert!(
        !shown.contains("page "),
        "progress cleared:\n{}",
        framed(shown)
    );
    let text = std::fs::read_to_string(&out).expect("dump written");
    assert!(text.contains("c4") && !text.contains("page 1/2"), "{text}");
}

#[test]
fn reply_on_a_terminal_says_how_to_end_the_text() {
    let home = tempfile::tempdir().expect("tempdir");
    let config = home.path().join("config");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        config.join("identities.toml"),
        "[[identity]]\nname = \"me\"\nkind = \"guest\"\nauthor_name = \"Ada\"\n\
         author_email = \"ada@example.com\"\ndefault = true\n",
    )
    .expect("identities");
    let config = config.display().to_string();
    let tmux = Tmux::run(
        "reply-prompt",
        100,
        20,
        BIN,
        &["reply", "https://blog.example.invalid/p/"],
        &[("WPCOMMENTS_CONFIG_DIR", &config)],
    );
    tmux.wait_for("type your reply, end with ctrl-D");
    tmux.keys(&["C-d"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "2", "{}", framed(&exited.screen));
    assert!(exited.screen.contains("the reply is empty"));
}

#[test]
fn a_first_load_that_cannot_work_fails_before_the_full_screen_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("missing.json").display().to_string();
    for (args, code, says) in [
        (vec![missing.as_str()], "9", "missing.json"),
        (vec!["http://127.0.0.1:1/post/"], "3", "connection refused"),
        (
            vec!["http://no-such-host.invalid/post/"],
            "3",
            "host not found",
        ),
    ] {
        let tmux = Tmux::run("no-load", 100, 20, BIN, &args, &[]);
        let exited = tmux.wait_exit();
        assert_eq!(exited.status, code, "{args:?}\n{}", framed(&exited.screen));
        // Printed on the normal screen: the alternate screen was never entered.
        assert!(
            exited.screen.contains(says),
            "{args:?}\n{}",
            framed(&exited.screen)
        );
        exited.assert_cooked();
    }
}

#[test]
fn esc_never_quits_and_a_narrow_terminal_keeps_dates_and_badges() {
    // The demo thread: no network. 80 columns, where long pingback titles used to push the
    // date and the badge off the line.
    let tmux = Tmux::run("esc-narrow", 80, 30, BIN, &[], &[]);
    let screen = tmux.wait_for("#106");
    let ping = screen
        .lines()
        .find(|l| l.contains("#106"))
        .unwrap_or_default();
    // The title gives way (shortened with an ellipsis); the date, id and badge stay.
    assert!(
        ping.contains("Social media by the numbers")
            && ping.contains('…')
            && ping.contains("2011-06-14 17:45")
            && ping.contains("pingback"),
        "{ping}"
    );
    // Esc after everything that used to quit: a search with no match, a bad id, no links.
    for keys in [
        &["/", "z", "z", "z", "z", "Enter", "Escape"][..],
        &["#", "a", "b", "c", "Enter", "Escape"],
        &["o", "Escape"],
        &["Escape", "Escape"],
    ] {
        tmux.keys(keys);
        let screen = tmux.wait_for("q quits");
        assert!(screen.contains("Andy Piper"), "{}", framed(&screen));
        assert!(!screen.contains("EXIT="), "Esc quit:\n{}", framed(&screen));
        // Something else clears the message before the next round.
        tmux.keys(&["j"]);
        tmux.wait_until("the message to clear", support::tmux::WAIT, |s| {
            !s.contains("q quits")
        });
    }
    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    exited.assert_cooked();
}
