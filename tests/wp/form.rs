//! Guests replying through the site's own comment form, against the real WordPress (Debian's 6.1)
//! served in its stock modes (`tests/wp/README.md`, "Modes"): guests refused over REST, the REST
//! API closed, comment registration on, an anti-spam honeypot form, the block theme.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::identity::{Home, Run, comment_id, files_under, stderr_until, wait_output};
use crate::support::wp::{Wp, unique, wordpress};
use serde_json::{Value, json};

const VIA_FORM: &str = "(guest, through the site's comment form)";

/// A home with a guest identity `me` (a new guest: held) and `back` (the manifest's guest with
/// an approved comment: approved at once).
fn home(wp: &Wp) -> Home {
    let h = Home::new();
    add_guest(&h, "me", "Robin Form", "robin@example.com");
    let back = &wp.manifest["guests"]["approved"];
    let (name, email) = (
        back["name"].as_str().unwrap(),
        back["email"].as_str().unwrap(),
    );
    add_guest(&h, "back", name, email);
    h
}

fn add_guest(h: &Home, id: &str, name: &str, email: &str) {
    h.ok(
        &[
            "identity",
            "add",
            id,
            "--guest",
            "--name",
            name,
            "--email",
            email,
            "--url",
            "https://robin.example",
        ],
        "",
    );
}

/// A comment read back as admin with `context=edit` (same database in every mode).
fn read_back(wp: &Wp, id: u64) -> Value {
    let url = format!("{}wp/v2/comments/{id}?context=edit", wp.api());
    wp.admin_call(reqwest::Method::GET, url, None)
}

/// A top-level comment by the admin on the sandbox, to reply to.
fn parent_comment(wp: &Wp) -> u64 {
    let url = format!("{}wp/v2/comments", wp.api());
    let body = json!({"post": wp.post_id("sandbox"), "content": unique("Parent for a form reply")});
    let made = wp.admin_call(reqwest::Method::POST, url, Some(body));
    made["id"].as_u64().expect("parent posted")
}

fn reply(h: &Home, who: &str, link: &str, parent: Option<u64>, body: &str) -> Run {
    let parent = parent.map(|p| p.to_string());
    let mut args = vec!["reply", "--as", who];
    if let Some(p) = &parent {
        args.extend(["--parent", p]);
    }
    args.push(link);
    h.run(&args, body)
}

fn assert_posted_through_the_form(run: &Run) {
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.err.contains(VIA_FORM), "{run:?}");
    assert!(
        run.out.contains("(through the site's comment form)"),
        "{run:?}"
    );
}

/// The guest's reply lands held under the right parent, with the guest's name, email, site.
fn held_reply_lands(mode: &str) {
    let wp = wordpress();
    let h = home(wp);
    let parent = parent_comment(wp);
    let body = unique(&format!("A guest's form reply ({mode})"));
    let run = reply(
        &h,
        "me",
        &wp.mode_link(mode, "sandbox"),
        Some(parent),
        &body,
    );
    assert_posted_through_the_form(&run);
    assert!(
        run.out
            .contains("awaiting moderation, only you see it until a moderator approves it"),
        "{run:?}"
    );
    let back = read_back(wp, comment_id(&run.out));
    assert_eq!(back["parent"], parent, "{back}");
    assert_eq!(back["post"], wp.post_id("sandbox"));
    assert_eq!(back["status"], "hold");
    assert_eq!(back["author_name"], "Robin Form");
    assert_eq!(back["author_email"], "robin@example.com");
    assert_eq!(back["author_url"], "https://robin.example");
    assert_eq!(back["content"]["raw"], body.as_str());
    // The draft is gone once the site confirmed the comment.
    assert!(files_under(&h.data_dir()).is_empty());
}

#[test]
fn on_a_stock_site_a_guest_reply_goes_through_the_form_and_lands_held_under_its_parent() {
    let wp = wordpress();
    held_reply_lands("stock");
    // REST was tried first, and said why it would not do.
    let h = home(wp);
    let run = reply(
        &h,
        "me",
        &wp.mode_link("stock", "sandbox"),
        None,
        &unique("Order"),
    );
    let rest = run.err.find("(guest, over the REST API)");
    let form = run.err.find(VIA_FORM);
    assert!(rest.is_some() && rest < form, "{run:?}");
}

#[test]
fn on_the_block_theme_the_form_works_the_same() {
    held_reply_lands("stock_block");
}

#[test]
fn with_the_rest_api_closed_the_post_id_comes_from_the_page_and_the_form_takes_the_reply() {
    held_reply_lands("closed");
    held_reply_lands("closed_block");
}

#[test]
fn a_returning_guest_is_approved_at_once() {
    let wp = wordpress();
    let h = home(wp);
    let body = unique("A returning guest");
    let run = reply(&h, "back", &wp.mode_link("stock", "sandbox"), None, &body);
    assert_posted_through_the_form(&run);
    assert!(run.out.contains(": approved ("), "{run:?}");
    let id = comment_id(&run.out);
    assert_eq!(read_back(wp, id)["status"], "approved");
    // The link printed is the comment's own, without the moderation hash.
    assert!(run.out.contains(&format!("#comment-{id}")), "{run:?}");
}

#[test]
fn a_duplicate_is_refused_with_409_and_the_draft_is_kept() {
    let wp = wordpress();
    let h = home(wp);
    let link = wp.mode_link("stock", "sandbox");
    let body = unique("Said twice");
    assert_posted_through_the_form(&reply(&h, "me", &link, None, &body));
    let again = reply(&h, "me", &link, None, &body);
    assert_eq!(again.code, 11, "{again:?}");
    assert!(
        again.err.contains(
            "duplicate comment: this exact comment was already posted here (HTTP 409, comment form)"
        ),
        "{again:?}"
    );
    assert_eq!(files_under(&h.data_dir()).len(), 1);
}

#[test]
fn a_closed_post_has_no_form_and_the_guest_is_told() {
    let wp = wordpress();
    let h = home(wp);
    for mode in ["stock", "stock_block", "closed"] {
        let run = reply(
            &h,
            "me",
            &wp.mode_link(mode, "closed"),
            None,
            "Anyone there?",
        );
        assert_eq!(run.code, 11, "{mode}: {run:?}");
        assert!(
            run.err.contains("comments on it are closed"),
            "{mode}: {run:?}"
        );
        assert!(!files_under(&h.data_dir()).is_empty(), "{mode}: draft lost");
    }
}

#[test]
fn a_guest_without_an_email_hears_that_the_site_requires_one() {
    let wp = wordpress();
    let h = home(wp);
    let file = h.config_dir().join("identities.toml");
    let mut text = std::fs::read_to_string(&file).unwrap();
    text.push_str(
        "\n[[identity]]\nname = \"noemail\"\nkind = \"guest\"\nauthor_name = \"No Mail\"\n",
    );
    std::fs::write(&file, text).unwrap();
    let run = reply(
        &h,
        "noemail",
        &wp.mode_link("stock", "sandbox"),
        None,
        &unique("Who am I"),
    );
    assert_eq!(run.code, 11, "{run:?}");
    assert!(
        run.err.contains(
            "this site requires a name and an email from guests: set them on the identity (HTTP 200, comment form)"
        ),
        "{run:?}"
    );
}

#[test]
fn with_comment_registration_on_the_guest_is_told_to_log_in() {
    let wp = wordpress();
    let h = home(wp);
    let run = reply(
        &h,
        "me",
        &wp.mode_link("registration", "sandbox"),
        None,
        "Hi",
    );
    assert_eq!(run.code, 11, "{run:?}");
    assert!(
        run.err
            .contains("this site lets only logged-in users comment")
            && run.err.contains("--app-password"),
        "{run:?}"
    );
}

#[test]
fn a_honeypot_form_gets_the_text_in_its_real_box_and_the_trap_stays_empty() {
    let wp = wordpress();
    let h = home(wp);
    let body = unique("Past the honeypot");
    let run = reply(&h, "me", &wp.mode_link("honeypot", "sandbox"), None, &body);
    // The plugin refuses (403) any post whose hidden `comment` box is filled in.
    assert_posted_through_the_form(&run);
    assert_eq!(
        read_back(wp, comment_id(&run.out))["content"]["raw"],
        body.as_str()
    );
}

#[test]
fn a_process_killed_during_a_form_post_keeps_the_draft() {
    let wp = wordpress();
    let h = home(wp);
    // The site answers a form post with this marker 20 s late (tests/wp/mu-plugin.php).
    let body = unique("wpcomments-test: slow form post");
    let mut child = h
        .command(&["reply", "--as", "me", &wp.mode_link("stock", "sandbox")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(body.as_bytes())
        .unwrap();
    stderr_until(&mut child, VIA_FORM);
    let posting = Instant::now();
    std::thread::sleep(Duration::from_millis(500));
    child.kill().unwrap(); // SIGKILL
    let run = wait_output(child, Duration::from_secs(10));
    assert!(run.out.is_empty(), "{run:?}");
    assert!(
        posting.elapsed() < Duration::from_secs(15),
        "not killed mid-post"
    );
    let drafts = files_under(&h.data_dir());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(std::fs::read_to_string(&drafts[0]).unwrap(), body);
}
