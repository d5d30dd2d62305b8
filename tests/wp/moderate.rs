//! Moderation against the real WordPress (Debian's 6.1): every action and its undo read back
//! through the API, bulk runs where one id fails, the delete confirmation, a subscriber's
//! refusal, and the queue's listing and counts. Every comment changed here is created here,
//! in the `sandbox` post, so other tests' counts stay true.

use crate::support::identity::Home;
use crate::support::wp::{Wp, unique, wordpress};
use serde_json::{Value, json};
use wpcomments::api::http::{Auth, Secret};
use wpcomments::api::moderate::{self, ModAction, Status};
use wpcomments::api::queue::{self, Filter};
use wpcomments::api::{ApiRoot, Client, ClientConfig};

fn home(wp: &Wp) -> Home {
    let h = Home::new();
    for user in ["admin", "sub"] {
        h.secret(wp.app_password(user));
        let stdin = format!("{user}\n{}\n", wp.app_password(user));
        h.ok(
            &["identity", "add", user, "--site", &wp.url, "--app-password"],
            &stdin,
        );
    }
    h
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Runtime::new().unwrap()
}

/// A new comment in the sandbox, created by admin with `status`.
fn seed(wp: &Wp, text: &str, status: &str) -> u64 {
    let url = format!("{}wp/v2/comments", wp.api());
    let body = json!({"post": wp.post_id("sandbox"), "content": unique(text), "status": status});
    let v: Value = rt().block_on(async {
        reqwest::Client::new()
            .post(url)
            .basic_auth("admin", Some(wp.app_password("admin")))
            .json(&body)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap()
    });
    let id = v["id"]
        .as_u64()
        .unwrap_or_else(|| panic!("seed failed: {v}"));
    assert_eq!(status_of(wp, id), status);
    id
}

/// The comment's status read back as admin (`context=edit`); `"gone"` after a delete.
fn status_of(wp: &Wp, id: u64) -> String {
    let url = format!("{}wp/v2/comments/{id}?context=edit", wp.api());
    let (code, v): (u16, Value) = rt().block_on(async {
        let resp = reqwest::Client::new()
            .get(url)
            .basic_auth("admin", Some(wp.app_password("admin")))
            .send()
            .await
            .unwrap();
        (resp.status().as_u16(), resp.json().await.unwrap())
    });
    if code == 404 {
        return "gone".into();
    }
    v["status"].as_str().unwrap_or_default().to_owned()
}

fn moderate(
    h: &Home,
    wp: &Wp,
    who: &str,
    flag: &str,
    ids: &[u64],
) -> crate::support::identity::Run {
    let ids: Vec<String> = ids.iter().map(u64::to_string).collect();
    let mut args = vec!["moderate", wp.url.as_str(), "--as", who, flag];
    args.extend(ids.iter().map(String::as_str));
    h.run(&args, "")
}

#[test]
fn each_action_and_its_undo_is_what_the_site_then_says() {
    let wp = wordpress();
    let h = home(wp);
    let id = seed(wp, "Moderate me", "hold");
    for (flag, line, then) in [
        ("--approve", "approved", "approved"),
        ("--hold", "unapproved (held)", "hold"),
        ("--spam", "marked as spam", "spam"),
        // Not spam goes back to where it was before spam: held.
        ("--unspam", "not spam (now hold)", "hold"),
        ("--trash", "trashed", "trash"),
        ("--untrash", "restored from the trash (now hold)", "hold"),
        ("--approve", "approved", "approved"),
        ("--spam", "marked as spam", "spam"),
        ("--unspam", "not spam (now approved)", "approved"),
    ] {
        let run = moderate(&h, wp, "admin", flag, &[id]);
        assert_eq!(run.code, 0, "{flag}: {run:?}");
        assert_eq!(run.out.trim(), format!("#{id} {line}"), "{flag}");
        assert_eq!(status_of(wp, id), then, "{flag}");
    }
    // A no-op is skipped, not sent.
    let run = moderate(&h, wp, "admin", "--approve", &[id]);
    assert_eq!(run.out.trim(), format!("#{id} already approved (skipped)"));
    assert_eq!(run.code, 0);
}

#[test]
fn a_bulk_run_goes_on_past_a_failure_and_exits_with_its_code() {
    let wp = wordpress();
    let h = home(wp);
    let a = seed(wp, "Bulk one", "hold");
    let b = seed(wp, "Bulk two", "hold");
    let missing = 987_654_321;
    let run = moderate(&h, wp, "admin", "--approve", &[a, missing, b]);
    assert_eq!(run.code, 6, "a missing comment is exit 6: {run:?}");
    let lines: Vec<&str> = run.out.lines().collect();
    assert_eq!(lines.len(), 3, "{run:?}");
    assert_eq!(lines[0], format!("#{a} approved"));
    assert!(
        lines[1].starts_with(&format!(
            "#{missing} failed: comment #{missing} does not exist"
        )),
        "{run:?}"
    );
    assert_eq!(lines[2], format!("#{b} approved"));
    assert!(run.err.contains("1 of 3 failed"), "{run:?}");
    assert_eq!(status_of(wp, a), "approved");
    assert_eq!(status_of(wp, b), "approved");
}

#[test]
fn deleting_for_good_needs_a_yes() {
    let wp = wordpress();
    let h = home(wp);
    let id = seed(wp, "Delete me", "spam");
    let args = ["moderate", &wp.url, "--as", "admin", "--delete"];
    let id_s = id.to_string();
    let mut with_id = args.to_vec();
    with_id.push(&id_s);
    // No answer: nothing happens, exit 2, and the prompt names what would be deleted.
    let run = h.run(&with_id, "");
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.err
            .contains(&format!("#{id} by admin (spam): Delete me")),
        "{run:?}"
    );
    assert_eq!(status_of(wp, id), "spam");
    let run = h.run(&with_id, "no\n");
    assert_eq!(run.code, 2, "{run:?}");
    assert_eq!(status_of(wp, id), "spam");
    // "yes" on stdin deletes.
    let run = h.run(&with_id, "yes\n");
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.out.trim(), format!("#{id} deleted permanently"));
    assert_eq!(status_of(wp, id), "gone");
    // --yes does not ask; a second delete of the same id is a missing comment.
    with_id.push("--yes");
    let run = h.run(&with_id, "");
    assert_eq!(run.code, 6, "{run:?}");
}

#[test]
fn a_subscriber_cannot_moderate_and_nothing_changes() {
    let wp = wordpress();
    let h = home(wp);
    let id = seed(wp, "Not yours", "hold");
    for flag in ["--approve", "--spam", "--trash", "--delete"] {
        let run = moderate(&h, wp, "sub", flag, &[id]);
        assert_eq!(run.code, 11, "{flag}: {run:?}");
        assert!(
            run.err
                .contains("sub cannot moderate comments on this site (needs moderate_comments)"),
            "{run:?}"
        );
        assert!(run.out.is_empty(), "{run:?}");
    }
    assert_eq!(status_of(wp, id), "hold");
}

#[test]
fn a_guest_or_no_credentials_is_an_auth_error() {
    let wp = wordpress();
    let h = home(wp);
    h.ok(
        &[
            "identity",
            "add",
            "g",
            "--guest",
            "--name",
            "G",
            "--email",
            "g@example.com",
        ],
        "",
    );
    let run = moderate(&h, wp, "g", "--approve", &[1]);
    assert_eq!(run.code, 10, "{run:?}");
    assert!(run.err.contains("guest identity"), "{run:?}");
}

fn admin_client(wp: &Wp) -> (Client, ApiRoot) {
    let client = Client::new(ClientConfig {
        auth: Some(Auth::Basic {
            user: "admin".into(),
            password: Secret::new(wp.app_password("admin")),
        }),
        auth_scope: url::Url::parse(&wp.url).ok(),
        ..ClientConfig::default()
    })
    .unwrap();
    let api = ApiRoot::from_advertised(url::Url::parse(wp.api()).unwrap());
    (client, api)
}

#[test]
fn the_queue_lists_by_status_with_edit_fields_and_post_titles() {
    let wp = wordpress();
    let token = unique("queuetoken").replace(' ', "");
    let held: Vec<u64> = (0..2).map(|_| seed(wp, &token, "hold")).collect();
    let spam = seed(wp, &token, "spam");
    let (client, api) = admin_client(wp);
    rt().block_on(async {
        let page = queue::list_queue(&client, &api, Filter::Pending, 1, Some(&token))
            .await
            .unwrap();
        let ids: Vec<u64> = page.rows.iter().map(|r| r.id).collect();
        assert_eq!(page.total, 2);
        // Newest first.
        assert_eq!(ids, vec![held[1], held[0]]);
        let row = &page.rows[0];
        assert_eq!(row.post_title, "Sandbox for tests that write");
        assert_eq!(row.ip, "127.0.0.1");
        assert_eq!(row.email, "admin@example.com");
        assert_eq!(row.status, Status::Hold);
        assert!(row.excerpt.contains(&token));
        let spam_page = queue::list_queue(&client, &api, Filter::Spam, 1, Some(&token))
            .await
            .unwrap();
        assert_eq!(
            spam_page.rows.iter().map(|r| r.id).collect::<Vec<_>>(),
            vec![spam]
        );
        // Approving one moves it from Pending to Approved.
        let done = moderate::apply(&client, &api, held[0], ModAction::Approve, None)
            .await
            .unwrap();
        assert_eq!(done.status, Some(Status::Approved));
        let page = queue::list_queue(&client, &api, Filter::Pending, 1, Some(&token))
            .await
            .unwrap();
        assert_eq!(page.total, 1);
        let all = queue::list_queue(&client, &api, Filter::All, 1, Some(&token))
            .await
            .unwrap();
        assert_eq!(all.total, 2, "All is approved + held, not spam");
    });
}

#[test]
fn counts_match_the_sites_own_totals() {
    let wp = wordpress();
    seed(wp, "Counted", "hold");
    let (client, api) = admin_client(wp);
    let direct = |status: &str| {
        let url = format!(
            "{}wp/v2/comments?status={status}&per_page=1&context=edit",
            wp.api()
        );
        let wp_pw = wp.app_password("admin").to_owned();
        async move {
            let resp = reqwest::Client::new()
                .get(url)
                .basic_auth("admin", Some(wp_pw))
                .send()
                .await
                .unwrap();
            resp.headers()["x-wp-total"]
                .to_str()
                .unwrap()
                .parse::<u64>()
                .unwrap()
        }
    };
    // Other tests write at the same time: the two readings must agree at least once.
    let agreed = rt().block_on(async {
        for _ in 0..10 {
            let counts = queue::counts(&client, &api).await.unwrap();
            let want = (
                direct("hold").await,
                direct("approve").await,
                direct("spam").await,
                direct("trash").await,
            );
            let got = (counts.pending, counts.approved, counts.spam, counts.trash);
            assert!(counts.pending >= 1 && counts.approved >= 5000, "{counts:?}");
            if got == want {
                return true;
            }
        }
        false
    });
    assert!(agreed, "the counts never matched X-WP-Total");
}

#[test]
fn the_stored_text_keeps_markup_and_links_for_the_editor() {
    let wp = wordpress();
    let id = seed(wp, "Plain to start", "approved");
    let (client, api) = admin_client(wp);
    let text = "see <a href=\"https://example.org/x\">this</a> and <em>that</em>";
    rt().block_on(async {
        moderate::edit_content(&client, &api, id, text)
            .await
            .unwrap();
        let raw = moderate::raw_content(&client, &api, id).await.unwrap();
        // WordPress adds rel="nofollow ugc" when saving; the markup and the target stay.
        assert!(
            raw.starts_with("see <a href=\"https://example.org/x\"")
                && raw.ends_with(">this</a> and <em>that</em>"),
            "{raw}"
        );
        let gone = moderate::raw_content(&client, &api, 999_999_999)
            .await
            .unwrap_err();
        assert!(gone.to_string().contains("does not exist"), "{gone}");
    });
}

#[test]
fn editing_replaces_the_text_and_a_subscriber_may_not() {
    let wp = wordpress();
    let id = seed(wp, "Typo in here", "approved");
    let (client, api) = admin_client(wp);
    let sub = Client::new(ClientConfig {
        auth: Some(Auth::Basic {
            user: "sub".into(),
            password: Secret::new(wp.app_password("sub")),
        }),
        auth_scope: url::Url::parse(&wp.url).ok(),
        ..ClientConfig::default()
    })
    .unwrap();
    rt().block_on(async {
        let html = moderate::edit_content(&client, &api, id, "Fixed text")
            .await
            .unwrap();
        assert_eq!(html.trim(), "<p>Fixed text</p>");
        let refused = moderate::edit_content(&sub, &api, id, "Vandal")
            .await
            .unwrap_err();
        assert_eq!(refused.exit_code(), 11, "{refused}");
        assert!(
            refused
                .to_string()
                .contains("lacks the moderate_comments capability"),
            "{refused}"
        );
        // Trashing goes through DELETE: trashing a comment already in the trash is a 410, explained.
        let out = moderate::apply(&client, &api, id, ModAction::Trash, None)
            .await
            .unwrap();
        assert_eq!(out.status, Some(Status::Trash));
        let again = moderate::apply(&client, &api, id, ModAction::Trash, Some(Status::Approved))
            .await
            .unwrap_err();
        assert!(
            again.to_string().contains("already in the trash"),
            "{again}"
        );
    });
}
