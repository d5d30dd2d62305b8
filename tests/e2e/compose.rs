//! End to end: replying through the reader in a real terminal (tmux) to the real test
//! WordPress, then checking the site stored it; and a draft that outlives a killed process.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::support::identity::Home;
use crate::support::tmux::{Tmux, framed, status_line};
use crate::support::wp::{Wp, unique, wordpress};
use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");
const POSTING: Duration = Duration::from_secs(30);

/// A home with an application-password identity `admin` for the test site.
fn home_with_admin(wp: &Wp) -> Home {
    let h = Home::new();
    h.secret(wp.app_password("admin"));
    let stdin = format!("admin\n{}\n", wp.app_password("admin"));
    h.ok(
        &[
            "identity",
            "add",
            "admin",
            "--site",
            &wp.url,
            "--app-password",
        ],
        &stdin,
    );
    h
}

fn rest(wp: &Wp, route: &str) -> String {
    format!("{}wp/v2/{route}", wp.api())
}

fn admin_call(wp: &Wp, method: reqwest::Method, url: String, body: Option<Value>) -> Value {
    wp.admin_call(method, url, body)
}

fn session(h: &Home, name: &str, args: &[&str]) -> Tmux {
    session_with(h, name, args, "")
}

fn session_with(h: &Home, name: &str, args: &[&str], visual: &str) -> Tmux {
    let config = h.config_dir().display().to_string();
    let data = h.data_dir().display().to_string();
    Tmux::run(
        name,
        100,
        32,
        BIN,
        args,
        &[
            ("WPCOMMENTS_CONFIG_DIR", &config),
            ("WPCOMMENTS_DATA_DIR", &data),
            ("VISUAL", visual),
            ("EDITOR", ""),
        ],
    )
}

fn draft_file(h: &Home, wp: &Wp, post: u64, parent: u64) -> PathBuf {
    // Drafts are keyed by the site's REST API root (as the reader discovers it).
    let api = wpcomments::api::ApiRoot::from_advertised(url::Url::parse(wp.api()).unwrap());
    h.data_dir()
        .join("drafts")
        .join(wpcomments::store::files::key_file_name(&api.key()))
        .join(format!("post-{post}-parent-{parent}.txt"))
}

fn wait_file_with(path: &Path, text: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        if let Ok(found) = std::fs::read_to_string(path)
            && found.contains(text)
        {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "no draft with {text:?} at {}",
            path.display()
        );
        std::thread::sleep(Duration::from_millis(25));
    }
}

#[test]
fn replying_through_the_reader_lands_on_the_site_under_the_chosen_comment() {
    let wp = wordpress();
    let h = home_with_admin(wp);
    let post = wp.post_id("sandbox");
    // A comment of our own to answer, so other tests' sandbox comments do not matter.
    let parent_text = unique("Parent for the TUI reply");
    let parent = admin_call(
        wp,
        reqwest::Method::POST,
        rest(wp, "comments"),
        Some(json!({"post": post, "content": parent_text})),
    );
    let parent_id = parent["id"].as_u64().expect("parent posted");
    let link = format!("{}#comment-{parent_id}", wp.post_link("sandbox"));
    let tmux = session(&h, "reply", &["--as", "admin", &link]);
    let screen = tmux.wait_for(&parent_text[..20]);
    assert!(
        screen
            .lines()
            .next()
            .unwrap_or("")
            .contains("as admin (application password)"),
        "the header names the identity:\n{}",
        framed(&screen)
    );

    tmux.keys(&["r"]);
    tmux.wait_for("Reply to admin");
    let body = unique("Typed in the terminal reader");
    tmux.type_text(&body);
    tmux.wait_for(&body[..20]);
    tmux.keys(&["C-s"]);
    let host = wp.url.trim_start_matches("http://");
    tmux.wait_for(&format!("Post as admin (application password) on {host}?"));
    tmux.keys(&["y"]);
    let screen = tmux.wait_until("the posted note", POSTING, |s| {
        status_line(s).contains("posted")
    });
    let status = status_line(&screen);
    let new_id: u64 = status
        .split('#')
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|d| d.parse().ok())
        .unwrap_or_else(|| panic!("no comment id in the status bar:\n{}", framed(&screen)));
    assert!(screen.contains(&body[..20]), "{}", framed(&screen));
    // The new comment is the selected one (the marker is on its header line).
    assert!(
        screen
            .lines()
            .filter(|l| l.starts_with('▌'))
            .any(|l| l.contains(&body[..20])),
        "the new comment is selected:\n{}",
        framed(&screen)
    );

    let stored = admin_call(
        wp,
        reqwest::Method::GET,
        format!(
            "{}?post={post}&context=edit&per_page=100&include={new_id}",
            rest(wp, "comments")
        ),
        None,
    );
    let stored = stored
        .as_array()
        .and_then(|a| a.first())
        .unwrap_or_else(|| panic!("comment #{new_id} is not on the site: {stored}"));
    assert_eq!(stored["parent"].as_u64(), Some(parent_id));
    assert_eq!(stored["author"].as_u64(), wp.user("admin")["id"].as_u64());
    assert_eq!(stored["content"]["raw"].as_str(), Some(body.as_str()));
    assert!(
        !draft_file(&h, wp, post, parent_id).exists(),
        "the draft is deleted once the site confirmed"
    );

    tmux.keys(&["q"]);
    tmux.wait_exit().assert_cooked();
}

#[test]
fn a_draft_survives_a_killed_reader_and_comes_back() {
    let wp = wordpress();
    let h = home_with_admin(wp);
    let post = wp.post_id("sandbox");
    let link = wp.post_link("sandbox");
    let tmux = session(&h, "draft-kill", &["--as", "admin", link]);
    tmux.wait_for("as admin (application password)");
    tmux.keys(&["c"]);
    tmux.wait_for("New comment");
    let body = unique("Words that must not be lost");
    tmux.type_text(&body);
    tmux.wait_for(&body[..20]);
    let path = draft_file(&h, wp, post, 0);
    wait_file_with(&path, &body);

    let pid = tmux.program_pid("wpcomments");
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    // A killed reader leaves the terminal raw, so wait for the process, not the screen.
    let deadline = Instant::now() + Duration::from_secs(10);
    while Path::new(&format!("/proc/{pid}")).exists() {
        assert!(
            Instant::now() < deadline,
            "wpcomments {pid} survived SIGKILL"
        );
        std::thread::sleep(Duration::from_millis(25));
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), body);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "drafts are private");
    }

    // Reopening the same post and starting a new comment brings the text back.
    let again = session(&h, "draft-back", &["--as", "admin", link]);
    again.wait_for("as admin (application password)");
    again.keys(&["c"]);
    let screen = again.wait_for("your draft is back");
    assert!(screen.contains(&body[..20]), "{}", framed(&screen));
    // Esc and q apart: sent together they read as alt-q.
    again.keys(&["Escape"]);
    again.wait_for("the draft is kept");
    again.keys(&["q"]);
    again.wait_exit().assert_cooked();
}

#[test]
fn ctrl_e_edits_the_draft_in_visual_and_typing_goes_on_afterwards() {
    let wp = wordpress();
    let h = home_with_admin(wp);
    // An "editor" that appends a line to the file it is given.
    let script = h.dir.path().join("editor.sh");
    std::fs::write(
        &script,
        "#!/bin/sh\nprintf '\\nadded by the editor\\n' >> \"$1\"\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let link = wp.post_link("sandbox");
    let tmux = session_with(
        &h,
        "editor",
        &["--as", "admin", link],
        &script.display().to_string(),
    );
    tmux.wait_for("as admin (application password)");
    tmux.keys(&["c"]);
    tmux.wait_for("New comment");
    let first = unique("Started inline");
    tmux.type_text(&first);
    tmux.wait_for(&first[..14]);
    tmux.keys(&["C-e"]);
    tmux.wait_for("added by the editor");
    // The reader has its keys back: typing continues at the end of the text.
    tmux.type_text("!");
    tmux.wait_for("added by the editor!");
    let path = draft_file(&h, wp, wp.post_id("sandbox"), 0);
    let saved = wait_file_with(&path, "added by the editor!");
    assert_eq!(saved, format!("{first}\nadded by the editor!"));
    tmux.keys(&["Escape"]);
    tmux.wait_for("the draft is kept");
    tmux.keys(&["q"]);
    tmux.wait_exit().assert_cooked();
}

#[test]
fn without_an_identity_the_send_step_refuses_and_the_draft_stays() {
    // One rule with `reply`: no identity, no post (not an anonymous request the site refuses).
    let wp = wordpress();
    let h = Home::new();
    let post = wp.post_id("noguest");
    let tmux = session(&h, "refused", &[wp.post_link("noguest")]);
    tmux.wait_for("Members only");
    tmux.keys(&["c"]);
    tmux.wait_for("no identity to post as");
    let body = unique("A guest tries");
    tmux.type_text(&body);
    tmux.wait_for(&body[..13]);
    tmux.keys(&["C-s"]);
    let screen = tmux.wait_until("the refusal", POSTING, |s| {
        s.contains("no identity can post on")
    });
    assert!(
        screen.contains("New comment") && screen.contains(&body[..13]),
        "the composer stays open with the text:\n{}",
        framed(&screen)
    );
    assert!(
        !screen.contains("Post as"),
        "the send step is not reached:\n{}",
        framed(&screen)
    );
    assert_eq!(
        std::fs::read_to_string(draft_file(&h, wp, post, 0)).unwrap(),
        body
    );
    tmux.keys(&["Escape"]);
    tmux.wait_for("the draft is kept");
    tmux.keys(&["q"]);
    tmux.wait_exit().assert_cooked();
}

#[test]
fn as_an_identity_of_another_site_or_none_at_all_stops_before_the_terminal() {
    let wp = wordpress();
    let h = home_with_admin(wp);
    let link = wp.post_link("sandbox");
    let unknown = h.run(&["--as", "nobody", link], "");
    assert_ne!(unknown.code, 0);
    assert!(
        unknown.err.contains("no identity called nobody"),
        "{}",
        unknown.err
    );
    let elsewhere = h.run(
        &["--as", "admin", "https://blog.example.com/2020/01/x/"],
        "",
    );
    assert_ne!(elsewhere.code, 0);
    assert!(
        elsewhere.err.contains("its credentials are not sent there"),
        "{}",
        elsewhere.err
    );
}
