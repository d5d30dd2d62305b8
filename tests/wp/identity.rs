//! Identities and replies against the real WordPress (Debian's 6.1): guests, application
//! passwords (pasted and through the browser flow), refusals, drafts, moderator reading.

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::support::identity::{Home, comment_id, files_under, mode, stderr_until, wait_output};
use crate::support::wp::{Wp, unique, wordpress};
use serde_json::Value;

/// A home with the seeded users' secrets registered as never-to-be-printed.
fn home(wp: &Wp) -> Home {
    let h = Home::new();
    for user in ["admin", "delph", "sub"] {
        h.secret(wp.app_password(user));
        h.secret(wp.password(user));
    }
    h
}

fn add_app_password(h: &Home, wp: &Wp, name: &str, user: &str) {
    let stdin = format!("{user}\n{}\n", wp.app_password(user));
    h.ok(
        &["identity", "add", name, "--site", &wp.url, "--app-password"],
        &stdin,
    );
}

fn add_guest(h: &Home, name: &str) {
    h.ok(
        &[
            "identity",
            "add",
            name,
            "--guest",
            "--name",
            "Ada Guest",
            "--email",
            "ada@example.com",
            "--url",
            "https://ada.example",
        ],
        "",
    );
}

/// A comment read back as admin with `context=edit`.
fn read_back(wp: &Wp, id: u64) -> Value {
    let url = format!("{}comments/{id}?context=edit", rest(wp));
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        reqwest::Client::new()
            .get(url)
            .basic_auth("admin", Some(wp.app_password("admin")))
            .send()
            .await
            .unwrap()
            .json::<Value>()
            .await
            .unwrap()
    })
}

fn rest(wp: &Wp) -> String {
    format!("{}wp/v2/", wp.api())
}

#[test]
fn a_guest_reply_lands_under_its_parent_held_for_moderation() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    add_guest(&h, "me");
    let sandbox = wp.post_link("sandbox");
    let parent = comment_id(
        &h.ok(&["reply", "--as", "admin", sandbox], &unique("Top"))
            .out,
    );
    let body = unique("A guest's reply");
    let run = h.ok(
        &[
            "reply",
            "--as",
            "me",
            "--parent",
            &parent.to_string(),
            sandbox,
        ],
        &body,
    );
    // A new guest (no approved comment yet) is held: WordPress's comment_previously_approved rule.
    assert!(run.out.contains("awaiting moderation"), "{run:?}");
    let id = comment_id(&run.out);
    let back = read_back(wp, id);
    assert_eq!(back["parent"], parent, "{back}");
    assert_eq!(back["post"], wp.post_id("sandbox"));
    assert_eq!(back["status"], "hold");
    assert_eq!(back["author"], 0);
    assert_eq!(back["author_name"], "Ada Guest");
    assert_eq!(back["author_email"], "ada@example.com");
    assert_eq!(back["author_url"], "https://ada.example");
    // The draft is gone once the server said 201.
    assert!(files_under(&h.data_dir()).is_empty());
}

#[test]
fn a_guest_on_a_site_that_refuses_guests_over_rest_posts_through_its_comment_form() {
    let wp = wordpress();
    let h = home(wp);
    add_guest(&h, "me");
    let body = unique("Hello through the form?");
    let run = h.ok(&["reply", "--as", "me", wp.post_link("noguest")], &body);
    // REST said 401 rest_comment_login_required; the post's own form took it (tests/wp_form.rs).
    assert!(
        run.err.contains(
            "posting as Ada Guest <ada@example.com> (guest, through the site's comment form)"
        ),
        "{run:?}"
    );
    let back = read_back(wp, comment_id(&run.out));
    assert_eq!(back["post"], wp.post_id("noguest"));
    assert_eq!(back["content"]["raw"], body.as_str());
}

#[test]
fn an_application_password_reply_lands_approved_as_that_user() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "work", "admin");
    let body = unique("Replying as the administrator");
    let run = h.ok(&["reply", "--as", "work", wp.post_link("sandbox")], &body);
    assert!(run.out.contains(": approved"), "{run:?}");
    assert!(
        run.out
            .contains(&format!("#comment-{}", comment_id(&run.out)))
    );
    let back = read_back(wp, comment_id(&run.out));
    assert_eq!(back["author"], wp.user("admin")["id"], "{back}");
    assert_eq!(back["status"], "approved");
    assert!(back["content"]["raw"].as_str().unwrap().contains(&body));
}

#[test]
fn the_default_identity_of_a_site_posts_without_as() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "work", "admin");
    let list = h.ok(&["identity", "list"], "").out;
    assert!(list.contains("work (default)"), "{list}");
    let run = h.ok(&["reply", wp.post_link("sandbox")], &unique("By default"));
    assert!(run.out.contains(": approved"), "{run:?}");
}

#[test]
fn a_wrong_application_password_is_an_auth_error_and_keeps_the_draft() {
    let wp = wordpress();
    let h = home(wp);
    h.ok(
        &[
            "identity",
            "add",
            "bad",
            "--site",
            &wp.url,
            "--app-password",
            "--user",
            "admin",
            "--no-check",
        ],
        "abcd efgh ijkl mnop qrst uvwx\n",
    );
    let test = h.run(&["identity", "test", "bad"], "");
    assert_eq!(test.code, 10, "{test:?}");
    assert!(test.err.contains("password is wrong"), "{test:?}");
    let run = h.run(
        &["reply", "--as", "bad", wp.post_link("sandbox")],
        "Never lands",
    );
    assert_eq!(run.code, 10, "{run:?}");
    assert!(run.err.contains("kept as a draft"), "{run:?}");
    // Checking while adding refuses to store it.
    let add = h.run(
        &[
            "identity",
            "add",
            "bad2",
            "--site",
            &wp.url,
            "--app-password",
            "--user",
            "admin",
        ],
        "abcd efgh ijkl mnop qrst uvwx\n",
    );
    assert_eq!(add.code, 10, "{add:?}");
    assert!(!h.ok(&["identity", "list"], "").out.contains("bad2"));
}

#[test]
fn identity_test_says_the_admin_may_moderate_and_the_subscriber_may_not() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    add_app_password(&h, wp, "sub", "sub");
    let admin = h.ok(&["identity", "test", "admin"], "").out;
    assert!(admin.contains("roles: administrator"), "{admin}");
    assert!(admin.contains("can moderate comments: yes"), "{admin}");
    let sub = h.ok(&["identity", "test", "sub"], "").out;
    assert!(sub.contains("Sub Scriber"), "{sub}");
    assert!(sub.contains("roles: subscriber"), "{sub}");
    assert!(sub.contains("can moderate comments: no"), "{sub}");
}

#[test]
fn a_closed_post_refuses_in_words_and_the_draft_survives() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    let body = unique("Too late for this one");
    let run = h.run(&["reply", "--as", "admin", wp.post_link("closed")], &body);
    assert_eq!(run.code, 11, "{run:?}");
    assert!(
        run.err.contains("comments on this post are closed"),
        "{run:?}"
    );
    let drafts = files_under(&h.data_dir());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(std::fs::read_to_string(&drafts[0]).unwrap(), body);
    assert_eq!(mode(&drafts[0]), 0o600);
    assert!(
        run.err.contains(&drafts[0].display().to_string()),
        "{run:?}"
    );
}

#[test]
fn a_duplicate_reply_is_refused_with_409_and_the_draft_can_be_sent_later() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    let body = unique("Said twice");
    let sandbox = wp.post_link("sandbox");
    h.ok(&["reply", "--as", "admin", sandbox], &body);
    let again = h.run(&["reply", "--as", "admin", sandbox], &body);
    assert_eq!(again.code, 11, "{again:?}");
    assert!(again.err.contains("duplicate comment"), "{again:?}");
    assert!(again.err.contains("409"), "{again:?}");
    assert_eq!(files_under(&h.data_dir()).len(), 1);
    // The kept draft, sent again after changing nothing, is still a duplicate: still kept.
    let draft = h.run(&["reply", "--as", "admin", "--draft", sandbox], "");
    assert_eq!(draft.code, 11, "{draft:?}");
    assert_eq!(files_under(&h.data_dir()).len(), 1);
}

#[test]
fn a_killed_reply_leaves_its_draft_on_disk() {
    let h = Home::new();
    add_guest(&h, "me");
    // A server that accepts connections and never answers.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().take(8).flatten() {
            held.push(stream);
        }
        std::thread::sleep(Duration::from_secs(120));
    });
    let url = format!("http://127.0.0.1:{port}/2020/01/01/hello/");
    let mut child = h
        .command(&["reply", "--as", "me", &url])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Typed before the crash")
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while files_under(&h.data_dir()).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
    child.kill().unwrap();
    let run = wait_output(child, Duration::from_secs(10));
    assert!(run.out.is_empty(), "{run:?}");
    let drafts = files_under(&h.data_dir());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(
        std::fs::read_to_string(&drafts[0]).unwrap(),
        "Typed before the crash"
    );
    assert_eq!(mode(&drafts[0]), 0o600);
}

#[test]
fn a_moderator_dump_shows_held_comments_and_pingbacks_badged() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    add_app_password(&h, wp, "sub", "sub");
    let demo = wp.post_link("demo");
    let held = format!("#{} [held]", wp.comment_id("held_demo"));
    let admin = h.ok(&["--as", "admin", "--dump", demo], "").out;
    assert!(admin.contains(&held), "{admin}");
    for ping in ["demo_pingback_1", "demo_pingback_2"] {
        assert!(
            admin.contains(&format!("#{}", wp.comment_id(ping))),
            "{admin}"
        );
    }
    assert!(admin.contains("[pingback]"), "{admin}");
    assert!(!admin.contains(&format!("#{}", wp.comment_id("spam_demo"))));
    for who in [vec!["--as", "sub"], vec![]] {
        let mut args = who.clone();
        args.extend(["--dump", demo]);
        let text = h.ok(&args, "").out;
        assert!(!text.contains("[held]"), "{who:?}: {text}");
        assert!(!text.contains("[pingback]"), "{who:?}: {text}");
    }
}

#[test]
fn an_identity_is_never_sent_to_another_site() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    let elsewhere = "http://localhost:1/2020/01/01/x/";
    let run = h.run(&["--as", "admin", "--dump", elsewhere], "");
    assert_eq!(run.code, 12, "{run:?}");
    assert!(run.err.contains("not sent there"), "{run:?}");
    let reply = h.run(&["reply", "--as", "admin", elsewhere], "hi");
    assert_eq!(reply.code, 12, "{reply:?}");
}

#[test]
fn secrets_live_in_a_private_file_and_leave_with_the_identity() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    let secrets = h.config_dir().join("secrets.toml");
    assert_eq!(mode(&secrets), 0o600);
    assert!(
        std::fs::read_to_string(&secrets)
            .unwrap()
            .contains(wp.app_password("admin"))
    );
    let identities = std::fs::read_to_string(h.config_dir().join("identities.toml")).unwrap();
    assert!(
        !identities.contains(wp.app_password("admin")),
        "{identities}"
    );
    h.ok(&["identity", "remove", "admin"], "");
    assert!(
        !std::fs::read_to_string(&secrets)
            .unwrap()
            .contains(wp.app_password("admin"))
    );
    let gone = h.run(&["identity", "test", "admin"], "");
    assert_eq!(gone.code, 12, "{gone:?}");
}

/// Log in to wp-admin like a browser, open the authorize page, approve, and follow the
/// redirect to the loopback listener of `wpcomments identity add --browser`.
async fn approve_in_browser(wp: &Wp, authorize: &str, h: &Home, approve: bool) {
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let login = format!("{}/wp-login.php", wp.url);
    browser.get(&login).send().await.unwrap();
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("log", "admin")
        .append_pair("pwd", wp.password("admin"))
        .append_pair("wp-submit", "Log In")
        .append_pair("testcookie", "1")
        .append_pair("redirect_to", &format!("{}/wp-admin/", wp.url))
        .finish();
    let logged = browser
        .post(&login)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(logged.status(), 302, "login failed");
    let page = browser
        .get(authorize)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let field = |name: &str| -> String {
        let marker = format!("name=\"{name}\" value=\"");
        let start = page
            .find(&marker)
            .unwrap_or_else(|| panic!("no {name} on the authorize page: {page}"))
            + marker.len();
        let end = page[start..].find('"').unwrap() + start;
        page[start..end]
            .replace("&amp;", "&")
            .replace("&#038;", "&")
    };
    let form = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("_wpnonce", &field("_wpnonce"))
        .append_pair("action", "authorize_application_password")
        .append_pair("app_id", &field("app_id"))
        .append_pair("success_url", &field("success_url"))
        .append_pair("reject_url", &field("reject_url"))
        .append_pair("app_name", &field("app_name"))
        .append_pair(if approve { "approve" } else { "reject" }, "the button")
        .finish();
    let approved = browser
        .post(format!("{}/wp-admin/authorize-application.php", wp.url))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(form)
        .send()
        .await
        .unwrap();
    assert_eq!(approved.status(), 302, "approval did not redirect");
    let location = approved.headers()["location"].to_str().unwrap().to_owned();
    assert!(location.starts_with("http://127.0.0.1:"), "{location}");
    let back = url::Url::parse(&location).unwrap();
    if let Some((_, password)) = back.query_pairs().find(|(k, _)| k == "password") {
        h.secret(&password);
    }
    let landed = browser.get(location).send().await.unwrap();
    assert_eq!(landed.status(), 200);
}

/// `identity add web --browser --no-browser`, running until it prints the authorize address:
/// the child, that line, and the rest of its stderr as it comes.
fn add_through_the_browser(
    wp: &Wp,
    h: &Home,
) -> (
    std::process::Child,
    String,
    std::sync::mpsc::Receiver<String>,
) {
    let mut child = h
        .command(&[
            "identity",
            "add",
            "web",
            "--site",
            &wp.url,
            "--browser",
            "--no-browser",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let (line, rest) = stderr_until(&mut child, "authorize-application.php");
    (child, line, rest)
}

#[test]
fn the_browser_flow_is_approved_on_the_real_authorize_page() {
    let wp = wordpress();
    let h = home(wp);
    let (child, line, rest) = add_through_the_browser(wp, &h);
    let authorize = line.trim().to_owned();
    assert!(
        authorize.contains("success_url=http%3A%2F%2F127.0.0.1"),
        "{authorize}"
    );
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(approve_in_browser(wp, &authorize, &h, true));
    let mut run = wait_output(child, Duration::from_secs(60));
    run.err = rest.iter().collect::<Vec<_>>().join("\n");
    h.check_clean(&run);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.out.contains("added identity web"), "{run:?}");
    let test = h.ok(&["identity", "test", "web"], "").out;
    assert!(test.contains("can moderate comments: yes"), "{test}");
    let posted = h.ok(
        &["reply", "--as", "web", wp.post_link("sandbox")],
        &unique("Via browser"),
    );
    assert!(posted.out.contains(": approved"), "{posted:?}");
}

#[test]
fn saying_no_on_the_authorize_page_adds_nothing() {
    let wp = wordpress();
    let h = home(wp);
    let (child, line, rest) = add_through_the_browser(wp, &h);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(approve_in_browser(wp, line.trim(), &h, false));
    let mut run = wait_output(child, Duration::from_secs(60));
    run.err = rest.iter().collect::<Vec<_>>().join("\n");
    assert_eq!(run.code, 12, "{run:?}");
    assert!(run.err.contains("not approved in the browser"), "{run:?}");
    assert!(!h.config_dir().join("identities.toml").exists());
}

#[test]
fn a_link_to_a_comment_replies_to_that_comment() {
    let wp = wordpress();
    let h = home(wp);
    add_app_password(&h, wp, "admin", "admin");
    let sandbox = wp.post_link("sandbox");
    let parent = comment_id(
        &h.ok(&["reply", "--as", "admin", sandbox], &unique("Parent"))
            .out,
    );
    let link = format!("{sandbox}#comment-{parent}");
    let child = comment_id(
        &h.ok(&["reply", "--as", "admin", &link], &unique("Child"))
            .out,
    );
    assert_eq!(read_back(wp, child)["parent"], parent);
}
