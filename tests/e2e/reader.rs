//! End to end: the real binary in a real terminal (a detached tmux session of a fixed size),
//! driven by key presses and read back from the screen, against the real test WordPress.
//!
//! Every session runs on a private tmux socket with a temporary HOME, and its shell prints a
//! marker before the program and the exit status and tty modes after it, so each test can
//! also check that the terminal was given back (see `tests/support/tmux.rs`).

use std::time::Duration;

use crate::support::tmux::{BEFORE, Tmux, columns, framed, status_line};
use crate::support::wp::wordpress;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");
const DEMO_TITLE: &str = "25,000 IBMers on Twitter and counting";
/// The selection marker in front of every line of the selected comment.
const MARKER: char = '▌';
/// Loading 5,000 comments takes a few seconds in a debug build, more on a busy machine.
const BIG_LOAD: Duration = Duration::from_secs(90);

/// The selected comment's header: the first line with the selection marker, without the
/// marker and the reply guides in front (`"Howard Smith · 15 years ago · ..."`).
fn selected(screen: &str) -> Option<&str> {
    let line = screen.lines().find(|l| l.starts_with(MARKER))?;
    let mut rest = line.trim_start_matches(MARKER);
    while let Some(r) = rest.strip_prefix("│ ") {
        rest = r;
    }
    Some(rest)
}

fn selected_is(screen: &str, author: &str) -> bool {
    selected(screen).is_some_and(|h| h.starts_with(&format!("{author} · ")))
}

/// Wait until the comment by `author` is the selected one.
fn wait_selected(tmux: &Tmux, author: &str) -> String {
    tmux.wait_until(
        &format!("the selection on {author}'s header"),
        crate::support::tmux::WAIT,
        |s| selected_is(s, author),
    )
}

/// The terminal is back to how the shell left it: main screen, no mouse reporting, a cursor.
fn assert_terminal_restored(tmux: &Tmux, screen: &str, tui_text: &str) {
    assert!(
        screen.contains(BEFORE),
        "the text printed before the program is not back (alternate screen not left?):\n{}",
        framed(screen)
    );
    assert!(
        !screen.contains(tui_text),
        "the reader's screen is still visible after exit:\n{}",
        framed(screen)
    );
    assert_eq!(
        tmux.display("#{alternate_on} #{mouse_any_flag} #{cursor_flag}"),
        "0 0 1",
        "after exit: alternate screen, mouse reporting, cursor visible ({})",
        tmux.state()
    );
}

#[test]
fn reading_the_demo_post_of_a_real_wordpress() {
    let wp = wordpress();
    let tmux = Tmux::run("demo", 100, 30, BIN, &[wp.post_link("demo")], &[]);
    let screen = tmux.wait_for("Andy Piper");
    let lines: Vec<&str> = screen.lines().collect();
    assert_eq!(lines[0], format!(" {DEMO_TITLE}"), "{}", framed(&screen));
    assert!(
        lines[1].contains("wpcomments test blog · by Delph") && lines[1].contains("4 comments"),
        "{}",
        framed(&screen)
    );
    assert!(selected_is(&screen, "Andy Piper"), "{}", framed(&screen));
    assert!(
        status_line(&screen).contains("? help") && status_line(&screen).ends_with("1/4"),
        "{}",
        framed(&screen)
    );
    // While it runs, the reader owns the terminal: alternate screen and mouse reporting on.
    assert_eq!(tmux.display("#{alternate_on} #{mouse_any_flag}"), "1 1");

    // j: the selection moves to Howard's reply, and off Andy.
    tmux.keys(&["j"]);
    let screen = wait_selected(&tmux, "Howard Smith");
    assert!(
        screen.lines().any(|l| l.starts_with(" Andy Piper · ")),
        "Andy's header still marked:\n{}",
        framed(&screen)
    );
    assert!(status_line(&screen).ends_with("2/4"), "{}", framed(&screen));

    // Space on Andy folds his two replies away, and again brings them back.
    tmux.keys(&["k"]);
    wait_selected(&tmux, "Andy Piper");
    tmux.keys(&["Space"]);
    let screen = tmux.wait_for("▸ 2 replies hidden");
    assert!(
        !screen.contains("Howard Smith") && !screen.contains("Hi Howard"),
        "folded replies still shown:\n{}",
        framed(&screen)
    );
    assert!(screen.contains("Kevin"), "{}", framed(&screen));
    tmux.keys(&["Space"]);
    let screen = tmux.wait_until("the replies back", crate::support::tmux::WAIT, |s| {
        s.contains("Howard Smith") && s.contains("Hi Howard")
    });
    assert!(!screen.contains("hidden"), "{}", framed(&screen));

    // / Delph Enter: the prompt shows what is typed, Enter jumps to the match.
    tmux.keys(&["/"]);
    tmux.wait_until("the search prompt", crate::support::tmux::WAIT, |s| {
        status_line(s).starts_with(" /")
    });
    tmux.type_text("Delph");
    tmux.wait_until("the typed query", crate::support::tmux::WAIT, |s| {
        status_line(s).starts_with(" /Delph")
    });
    tmux.keys(&["Enter"]);
    let screen = wait_selected(&tmux, "Delph");
    let status = status_line(&screen);
    assert!(
        status.contains("match 1/1 for \"Delph\"") && status.contains("· 1 match"),
        "{}",
        framed(&screen)
    );
    // Esc clears the search and does not quit.
    tmux.keys(&["Escape"]);
    let screen = tmux.wait_for("search cleared");
    assert!(
        !status_line(&screen).contains("matches") && screen.contains(DEMO_TITLE),
        "{}",
        framed(&screen)
    );

    // Tree moves: parent (p, h), next and previous thread (n, N), next sibling (J).
    tmux.keys(&["p"]);
    wait_selected(&tmux, "Howard Smith");
    tmux.keys(&["h"]);
    wait_selected(&tmux, "Andy Piper");
    tmux.keys(&["n"]);
    wait_selected(&tmux, "Kevin");
    tmux.keys(&["N"]);
    wait_selected(&tmux, "Andy Piper");
    tmux.keys(&["J"]);
    wait_selected(&tmux, "Kevin");

    // ? opens the help overlay; q closes it (and does not quit), and so does Esc.
    for close in ["q", "Escape"] {
        tmux.keys(&["?"]);
        let screen = tmux.wait_for("keys · thread");
        assert!(
            screen.contains("any other key closes") && screen.contains("fold / unfold replies"),
            "{}",
            framed(&screen)
        );
        tmux.keys(&[close]);
        let screen = tmux.wait_until("the help to close", crate::support::tmux::WAIT, |s| {
            !s.contains("keys · thread")
        });
        assert!(
            screen.contains(DEMO_TITLE) && selected_is(&screen, "Kevin"),
            "{close} from the help overlay did more than close it:\n{}",
            framed(&screen)
        );
    }

    // q quits, with status 0, and the terminal is as it was.
    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    assert_terminal_restored(&tmux, &exited.screen, DEMO_TITLE);
    exited.assert_cooked();
}

#[test]
fn the_5000_comment_post_streams_in_with_progress_and_g_and_gg_go_to_the_ends() {
    let wp = wordpress();
    let tmux = Tmux::run("big", 100, 30, BIN, &[wp.post_link("big")], &[]);
    let screen = tmux.wait_until("loading progress (page N/50…)", BIG_LOAD, |s| {
        let status = status_line(s);
        status.contains("page ") && status.contains("/50…")
    });
    assert!(
        !status_line(&screen).contains("page 50/50"),
        "the first progress seen was already the last page:\n{}",
        framed(&screen)
    );
    let screen = tmux.wait_until("the load to finish", BIG_LOAD, |s| {
        !status_line(s).contains("page ") && status_line(s).ends_with("/5000")
    });
    assert!(
        screen
            .lines()
            .nth(1)
            .unwrap_or_default()
            .contains("5000 comments"),
        "{}",
        framed(&screen)
    );
    assert!(
        status_line(&screen).ends_with(" 1/5000"),
        "{}",
        framed(&screen)
    );
    assert!(selected_is(&screen, "Ada 1"), "{}", framed(&screen));

    tmux.keys(&["G"]);
    let screen = wait_selected(&tmux, "Donald 5000");
    assert!(
        status_line(&screen).ends_with(" 5000/5000"),
        "{}",
        framed(&screen)
    );
    tmux.keys(&["g", "g"]);
    let screen = wait_selected(&tmux, "Ada 1");
    assert!(
        status_line(&screen).ends_with(" 1/5000"),
        "{}",
        framed(&screen)
    );

    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    exited.assert_cooked();
}

#[test]
fn hostile_comments_cannot_take_over_the_terminal() {
    let wp = wordpress();
    let url = wp.post_link("hostile");
    let comments = wp.approved_comments("hostile");
    // Give the pane a known title first: any OSC 0/2 that gets through would change it.
    let script = "printf '\\033]2;%s\\007' e2e-title; exec \"$0\" \"$1\"";
    let tmux = Tmux::run(
        "hostile",
        100,
        30,
        "/bin/sh",
        &["-c", script, BIN, url],
        &[],
    );
    let total = format!("/{comments}");
    let screen = tmux.wait_until(
        "the hostile thread, loaded",
        crate::support::tmux::WAIT,
        |s| s.contains("Red Rover") && status_line(s).ends_with(&total),
    );
    assert_eq!(
        screen.lines().next(),
        Some(" Hostile comments desrever"),
        "{}",
        framed(&screen)
    );

    // Walk through every comment; no screen may show escape debris or the payloads.
    let check = |screen: &str| {
        for bad in ['\u{1b}', '\u{7}', '\u{9b}', '\u{9d}', '\u{202e}'] {
            assert!(
                !screen.contains(bad),
                "{bad:?} reached the screen:\n{}",
                framed(screen)
            );
        }
        for bad in ["pwned", "[31m", "]0;", "]8;"] {
            assert!(
                !screen.contains(bad),
                "{bad:?} on the screen:\n{}",
                framed(screen)
            );
        }
        assert_eq!(
            tmux.display("#{pane_title}"),
            "e2e-title",
            "a comment changed the terminal title:\n{}",
            framed(screen)
        );
    };
    check(&screen);
    for pos in 2..=comments {
        tmux.keys(&["j"]);
        let want = format!(" {pos}/{comments}");
        let screen = tmux.wait_until(&want, crate::support::tmux::WAIT, |s| {
            status_line(s).ends_with(&want)
        });
        check(&screen);
    }

    // The rendered screen carries only the reader's own attributes: the text that came with
    // SGR sequences is drawn as one run, and the title lost its colour and bidi override.
    tmux.keys(&["g", "g"]);
    wait_selected(&tmux, "Red Rover");
    let escaped = tmux.screen_escaped();
    for text in [
        "Plain, then red, bold blink and a screen clear here.",
        "Hostile comments desrever",
    ] {
        assert!(
            escaped.contains(text),
            "{text:?} is not one plain run in the rendered screen:\n{escaped:?}"
        );
    }
    assert_eq!(tmux.display("#{pane_title}"), "e2e-title");

    // The 30-deep chain: past the indent cap the depth is written out, guides stop growing.
    tmux.keys(&["#"]);
    tmux.type_text(&wp.comment_id("deep_leaf").to_string());
    tmux.keys(&["Enter"]);
    let screen = tmux.wait_until(
        "the deepest reply selected",
        crate::support::tmux::WAIT,
        |s| selected(s).is_some_and(|h| h.starts_with("↳29 Bob · ")),
    );
    assert!(
        screen.contains("Depth 30: No, I disagree."),
        "{}",
        framed(&screen)
    );
    let header = screen
        .lines()
        .find(|l| l.starts_with(MARKER))
        .unwrap_or_default();
    assert_eq!(
        header.matches('│').count(),
        8,
        "guides beyond the indent cap:\n{}",
        framed(&screen)
    );
    tmux.keys(&["p"]);
    tmux.wait_until("the parent selected", crate::support::tmux::WAIT, |s| {
        selected(s).is_some_and(|h| h.starts_with("↳28 Alice · "))
    });

    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    assert_terminal_restored(&tmux, &exited.screen, "Hostile comments");
    exited.assert_cooked();
}

/// SIGTERM the reader (found under the pane's shell) and check it left a usable terminal.
fn terminate_and_check(tmux: &Tmux, tui_text: &str) {
    let pid = tmux.program_pid("wpcomments");
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success(), "kill -TERM {pid} failed");
    let exited = tmux.wait_exit();
    // SIGTERM is turned into the same quit as `q` (src/tui/terminal.rs): status 0.
    assert_eq!(
        exited.status,
        "0",
        "exit status after SIGTERM:\n{}",
        framed(&exited.screen)
    );
    assert!(
        !std::path::Path::new(&format!("/proc/{pid}")).exists(),
        "wpcomments {pid} still exists after printing its exit status"
    );
    assert_terminal_restored(tmux, &exited.screen, tui_text);
    exited.assert_cooked();
}

#[test]
fn sigterm_while_reading_restores_the_terminal() {
    let tmux = Tmux::run("sigterm", 100, 30, BIN, &[], &[]);
    tmux.wait_for("Andy Piper");
    terminate_and_check(&tmux, DEMO_TITLE);
}

#[test]
fn sigterm_while_a_big_thread_is_still_loading_restores_the_terminal() {
    let wp = wordpress();
    let tmux = Tmux::run("sigterm-big", 100, 30, BIN, &[wp.post_link("big")], &[]);
    tmux.wait_until("loading progress", BIG_LOAD, |s| {
        status_line(s).contains("page ")
    });
    terminate_and_check(&tmux, "A very popular post");
}

#[test]
fn the_screen_is_redrawn_to_the_new_size_when_the_terminal_is_resized() {
    let tmux = Tmux::run("resize", 100, 30, BIN, &[], &[]);
    let screen = tmux.wait_for("Andy Piper");
    assert_eq!(screen.lines().nth(2), Some("─".repeat(100).as_str()));

    for (width, height) in [(60usize, 20usize), (120, 40), (45, 12)] {
        tmux.tmux(&[
            "resize-window",
            "-t",
            "s",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
        ]);
        let rule = "─".repeat(width);
        let screen = tmux.wait_until(
            &format!("a redraw at {width}x{height}"),
            crate::support::tmux::WAIT,
            |s| s.lines().nth(2) == Some(rule.as_str()) && s.lines().count() == height,
        );
        for line in screen.lines() {
            assert!(
                columns(line) <= width,
                "a line wider than {width} columns after the resize:\n{}",
                framed(&screen)
            );
        }
        assert_eq!(
            screen.lines().next(),
            Some(&*format!(" {DEMO_TITLE}")),
            "title at {width} columns:\n{}",
            framed(&screen)
        );
        let status = status_line(&screen);
        assert!(
            status.ends_with(" 1/6") && columns(status) == width - 1,
            "status bar at {width} columns:\n{}",
            framed(&screen)
        );
        assert!(
            selected_is(&screen, "Andy Piper"),
            "selection lost at {width}x{height}:\n{}",
            framed(&screen)
        );
        // Andy's comment is rewrapped, not cut: its last words are still there.
        assert!(screen.contains("derive"), "{}", framed(&screen));
    }

    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    exited.assert_cooked();
}

#[test]
fn without_arguments_the_built_in_demo_opens_without_any_network() {
    // Every proxy variable points at a closed port: any request would fail.
    let dead = "http://127.0.0.1:9";
    let env = [
        ("HTTP_PROXY", dead),
        ("HTTPS_PROXY", dead),
        ("ALL_PROXY", dead),
        ("http_proxy", dead),
        ("https_proxy", dead),
        ("all_proxy", dead),
        ("NO_PROXY", ""),
    ];
    let tmux = Tmux::run("builtin-demo", 100, 30, BIN, &[], &env);
    let screen = tmux.wait_for("25,000 IBMers");
    assert_eq!(screen.lines().next(), Some(&*format!(" {DEMO_TITLE}")));
    assert!(
        screen.contains("6 comments shown · 7 reported by the site")
            && selected_is(&screen, "Andy Piper")
            && status_line(&screen).ends_with(" 1/6")
            && !screen.contains("error"),
        "{}",
        framed(&screen)
    );

    // - folds every thread, + unfolds them again (z and Z are left to WordPress's hotkeys).
    tmux.keys(&["-"]);
    let screen = tmux.wait_for("hidden");
    assert!(!screen.contains("Howard Smith"), "{}", framed(&screen));
    tmux.keys(&["+"]);
    tmux.wait_until("everything unfolded", crate::support::tmux::WAIT, |s| {
        s.contains("Howard Smith") && !s.contains("hidden")
    });

    // ctrl-s flips the order; again flips it back.
    tmux.keys(&["C-s"]);
    tmux.wait_until("newest first", crate::support::tmux::WAIT, |s| {
        status_line(s).contains("newest first")
    });
    tmux.keys(&["C-s"]);
    tmux.wait_until("oldest first again", crate::support::tmux::WAIT, |s| {
        !status_line(s).contains("newest first") && s.contains("Andy Piper")
    });

    // ctrl-t names the theme it switched to.
    tmux.keys(&["C-t"]);
    tmux.wait_until("the theme message", crate::support::tmux::WAIT, |s| {
        status_line(s).starts_with(" theme: ")
    });

    tmux.keys(&["q"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    assert_terminal_restored(&tmux, &exited.screen, DEMO_TITLE);
    exited.assert_cooked();
}
