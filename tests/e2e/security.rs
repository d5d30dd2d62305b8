//! Issue 9 end to end in a real terminal (tmux): a draft that cannot be saved is never
//! called kept and is written out when the person quits anyway; an archive that is a FIFO
//! neither hangs the reader nor its shutdown.

use crate::support::identity::Home;
use crate::support::tmux::{Tmux, framed};
use crate::support::wp::wordpress;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");

#[test]
fn a_draft_that_cannot_be_saved_is_written_out_when_quitting_anyway() {
    // The demo is offline (no reply there): a guest on the real test WordPress composes.
    let wp = wordpress();
    let h = Home::new();
    h.ok(
        &[
            "identity",
            "add",
            "me",
            "--guest",
            "--name",
            "Unsaved",
            "--email",
            "unsaved@example.com",
        ],
        "",
    );
    let dir = tempfile::tempdir().expect("tempdir");
    // A data dir under a regular file: nothing can be created there, not even by root.
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "").expect("blocker");
    let data = blocker.join("data").display().to_string();
    let config = h.config_dir().display().to_string();
    let tmux = Tmux::run(
        "unsaved",
        200,
        30,
        BIN,
        &["--as", "me", wp.post_link("demo")],
        &[
            ("WPCOMMENTS_CONFIG_DIR", &config),
            ("WPCOMMENTS_DATA_DIR", &data),
            ("VISUAL", ""),
            ("EDITOR", ""),
        ],
    );
    tmux.wait_for("Andy Piper");
    tmux.keys(&["r"]);
    tmux.wait_for("Reply to");
    tmux.type_text("words that must survive");
    // The composer's border says so for as long as it is true (the status bar's note can be
    // replaced by a later one, such as the seen-store's own failure in this data dir).
    let screen = tmux.wait_for("draft NOT saved to disk");
    assert!(!screen.contains("draft is kept"), "{}", framed(&screen));
    tmux.keys(&["Escape"]);
    tmux.wait_for("close anyway?");
    tmux.keys(&["y"]);
    tmux.wait_for("NOT on disk");
    tmux.keys(&["q"]);
    tmux.wait_for("quit anyway?");
    tmux.keys(&["y"]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "0", "{}", framed(&exited.screen));
    let line = exited
        .screen
        .lines()
        .find(|l| l.contains("the text is in "))
        .unwrap_or_else(|| panic!("no rescue line:\n{}", framed(&exited.screen)));
    let path = line
        .rsplit("the text is in ")
        .next()
        .unwrap_or_default()
        .trim();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(text, "words that must survive");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode =
            |p: &std::path::Path| std::fs::metadata(p).map(|m| m.permissions().mode() & 0o777);
        let file = std::path::Path::new(path);
        assert_eq!(mode(file).ok(), Some(0o600));
        assert_eq!(file.parent().map(mode).and_then(Result::ok), Some(0o700));
        let _ = std::fs::remove_dir_all(file.parent().expect("dir"));
    }
}

#[cfg(unix)]
#[test]
fn an_archive_that_is_a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("x.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    // Archives are read before the full-screen view: the refusal is one line and exit code 9
    // (README "Exit codes"), with nothing left waiting on the pipe.
    let tmux = Tmux::run("fifo", 100, 30, BIN, &[&fifo.display().to_string()], &[]);
    let exited = tmux.wait_exit();
    assert_eq!(exited.status, "9", "{}", framed(&exited.screen));
    assert!(
        exited.screen.contains("not a regular file"),
        "{}",
        framed(&exited.screen)
    );
}
