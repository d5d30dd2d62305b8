//! End to end: the reader opens a thread whose site closes its REST API to anonymous readers
//! (the test WordPress's `closed` modes) in a real terminal (tmux), read from the post's page.

use std::time::Duration;

use crate::support::tmux::{Tmux, framed, status_line};
use crate::support::wp::wordpress;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");
const DEMO_TITLE: &str = "25,000 IBMers on Twitter and counting";
/// Reading 5,000 comments from 100 pages takes a while on a busy machine.
const BIG_LOAD: Duration = Duration::from_secs(300);

fn selected(screen: &str) -> Option<&str> {
    let line = screen.lines().find(|l| l.starts_with('▌'))?;
    let mut rest = line.trim_start_matches('▌');
    while let Some(r) = rest.strip_prefix("│ ") {
        rest = r;
    }
    Some(rest)
}

#[test]
fn the_posts_of_a_site_closed_to_anonymous_rest_readers_are_named_with_what_to_do() {
    // A site URL lists recent posts over REST, which the page reader cannot replace: the
    // status line names the closed API and what to do, before the site's own words.
    let wp = wordpress();
    let tmux = Tmux::run("closed-site", 120, 30, BIN, &[wp.mode_url("closed")], &[]);
    let screen = tmux.wait_for("closed to anonymous readers");
    let error = screen
        .lines()
        .find(|l| l.contains("closed to anonymous readers"))
        .unwrap_or_default();
    assert!(
        error.contains("closed to anonymous readers: read as an identity (--as NAME"),
        "{}",
        framed(&screen)
    );
    assert!(
        !screen.contains("post not found") && !screen.contains("try again"),
        "{}",
        framed(&screen)
    );
}

#[test]
fn a_thread_behind_a_closed_rest_api_opens_from_its_page() {
    let wp = wordpress();
    let link = wp.mode_link("closed", "demo");
    let tmux = Tmux::run("closed", 140, 30, BIN, &[&link], &[]);
    let screen = tmux.wait_for("Andy Piper");
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines[0], format!(" {DEMO_TITLE}"), "{}", framed(&screen));
    assert!(
        lines[1].contains("6 comments")
            && lines[1].contains("read from the post's page: the REST API answers 401"),
        "the header says where the thread came from and why:\n{}",
        framed(&screen)
    );
    assert!(
        selected(&screen).is_some_and(|h| h.starts_with("Andy Piper · ")),
        "{}",
        framed(&screen)
    );
    assert!(status_line(&screen).ends_with("1/6"), "{}", framed(&screen));
    // The same tree as over REST: j goes to Howard's reply, whose reply is Delph's.
    tmux.keys(&["j"]);
    let screen = tmux.wait_until("Howard selected", crate::support::tmux::WAIT, |s| {
        selected(s).is_some_and(|h| h.starts_with("Howard Smith · "))
    });
    assert!(status_line(&screen).ends_with("2/6"), "{}", framed(&screen));
    tmux.keys(&["j"]);
    tmux.wait_until("Delph selected", crate::support::tmux::WAIT, |s| {
        selected(s).is_some_and(|h| h.starts_with("Delph · "))
    });
    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
}

#[test]
fn the_comment_pages_of_a_closed_block_theme_site_stream_in() {
    let wp = wordpress();
    let link = wp.mode_link("closed_paged_block", "big");
    let tmux = Tmux::run("paged", 120, 30, BIN, &[&link], &[]);
    let screen = tmux.wait_until("the load to finish", BIG_LOAD, |s| {
        !status_line(s).contains("page ") && status_line(s).ends_with("/5000")
    });
    assert!(
        screen
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("5000 comments")),
        "{}",
        framed(&screen)
    );
    tmux.keys(&["G"]);
    let screen = tmux.wait_until("the last comment", crate::support::tmux::WAIT, |s| {
        status_line(s).ends_with("5000/5000")
    });
    assert!(
        screen.contains("read from the post's page"),
        "{}",
        framed(&screen)
    );
    tmux.keys(&["q"]);
    assert_eq!(tmux.wait_exit().status, "0");
}
