//! The reply composer, driven through `update` the way the terminal and the worker drive it:
//! keys in, effects out, worker answers fed back as messages. No network, no disk.

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;
use url::Url;
use wpcomments::api::ApiRoot;
use wpcomments::app::compose::Stage;
use wpcomments::app::compose::text as compose_text;
use wpcomments::app::msg::Opened;
use wpcomments::app::{App, Effect, Msg, ThreadSource};
use wpcomments::identity::{Identity, Kind};
use wpcomments::model::{Post, ThreadData};
use wpcomments::tui::testing::{
    app, comment, enter, esc, key, render, sample_comments, selected, send, thread_data, type_keys,
};

fn screen(term: &Terminal<TestBackend>) -> String {
    term.backend().to_string()
}

fn ctrl(a: &mut App, c: char) -> Vec<Effect> {
    key(a, KeyCode::Char(c), KeyModifiers::CONTROL)
}

/// The sample thread as if read from https://blog.example (so there is a site to post to).
pub(crate) fn online(data: ThreadData, width: u16, height: u16) -> App {
    let mut a = app(width, height);
    a.start(ThreadSource::Url(data.source_url.clone()));
    let generation = a.generation;
    let msgs = vec![
        Msg::Opened {
            generation,
            opened: Box::new(Opened {
                site: data.site,
                post: data.post,
                api: Some(ApiRoot::Path(
                    Url::parse("https://blog.example/wp-json/").unwrap(),
                )),
                seen: None,
                seen_key: None,
                focus: None,
                source_url: data.source_url,
                page_read: None,
            }),
        },
        Msg::Page {
            generation,
            event: wpcomments::api::PageEvent {
                page: 1,
                total_pages: 1,
                comments: data.comments,
                total_reported: data.total_reported,
            },
        },
        Msg::LoadDone { generation },
    ];
    for m in msgs {
        send(&mut a, m);
    }
    a
}

fn sample() -> App {
    online(thread_data("Fixture", sample_comments()), 80, 30)
}

fn identity(name: &str, kind: Kind, site: Option<&str>) -> Identity {
    Identity {
        name: name.into(),
        kind,
        site: site.map(str::to_owned),
        user: (kind != Kind::Guest).then(|| name.to_owned()),
        author_name: (kind == Kind::Guest).then(|| "Ada".to_owned()),
        author_email: (kind == Kind::Guest).then(|| "ada@example.com".to_owned()),
        author_url: None,
        password_command: None,
        default: false,
    }
}

/// Running as `admin` on blog.example; a site-less guest and another site's account known.
fn as_admin(a: &mut App) {
    let admin = identity("admin", Kind::AppPassword, Some("https://blog.example/"));
    a.posting.identity = Some(admin.clone());
    a.posting.known = vec![
        admin,
        identity("ada", Kind::Guest, None),
        identity(
            "work",
            Kind::AppPassword,
            Some("https://elsewhere.example/"),
        ),
    ];
}

fn text(a: &App) -> String {
    a.composer().expect("composer open").text()
}

fn stage(a: &App) -> Stage {
    a.composer().expect("composer open").stage
}

/// Select bob's comment (#2), press r, type `body`.
fn reply_to_bob(a: &mut App, body: &str) -> Vec<Effect> {
    type_keys(a, "j");
    assert_eq!(selected(a), Some(2));
    let mut effects = type_keys(a, "r");
    effects.extend(type_keys(a, body));
    effects
}

#[test]
fn r_opens_the_composer_on_the_selected_comment_and_looks_for_its_draft() {
    let mut a = sample();
    type_keys(&mut a, "j");
    let effects = type_keys(&mut a, "r");
    let c = a.composer().expect("r opens the composer");
    let parent = c.parent.as_ref().expect("a reply has a parent");
    assert_eq!((parent.id, parent.author.as_str()), (2, "bob"));
    assert_eq!(c.post, 1);
    assert_eq!(c.key.parent, 2);
    // Keyed by the site's REST API root, like the seen-store.
    assert_eq!(
        c.key.site,
        wpcomments::store::files::key_file_name("https://blog.example/wp-json/")
    );
    assert_eq!(effects, vec![Effect::LoadDraft { key: c.key.clone() }]);
    // The thread's keys wait while the composer is open: `j` is a letter now.
    type_keys(&mut a, "j");
    assert_eq!(text(&a), "j");
    assert_eq!(selected(&a), Some(2));
}

#[test]
fn c_starts_a_new_top_level_comment() {
    let mut a = sample();
    type_keys(&mut a, "jc");
    let c = a.composer().expect("c opens the composer");
    assert!(c.parent.is_none());
    assert_eq!(c.parent_id(), 0);
    assert_eq!(c.key.parent, 0);
}

#[test]
fn every_change_is_saved_as_a_draft_and_emptying_it_deletes_it() {
    let mut a = sample();
    let effects = reply_to_bob(&mut a, "hi");
    let key = a.composer().unwrap().key.clone();
    assert_eq!(
        effects.last(),
        Some(&Effect::SaveDraft {
            key: key.clone(),
            body: "hi".into()
        })
    );
    enter(&mut a);
    let effects = type_keys(&mut a, "there");
    assert_eq!(text(&a), "hi\nthere");
    assert_eq!(
        effects.last(),
        Some(&Effect::SaveDraft {
            key: key.clone(),
            body: "hi\nthere".into()
        })
    );
    let mut last = Vec::new();
    for _ in 0..8 {
        last = key_code(&mut a, KeyCode::Backspace);
    }
    assert_eq!(text(&a), "");
    assert_eq!(last, vec![Effect::DeleteDraft { key }]);
}

fn key_code(a: &mut App, code: KeyCode) -> Vec<Effect> {
    key(a, code, KeyModifiers::NONE)
}

#[test]
fn a_closed_post_refuses_to_open_the_composer() {
    let mut data = thread_data("Closed", sample_comments());
    data.post = Post::from_json(json!({
        "id": 1, "type": "post", "title": {"rendered": "Closed"},
        "link": "https://blog.example/post/", "comment_status": "closed",
    }))
    .unwrap();
    let mut a = online(data, 80, 30);
    for k in ["r", "c"] {
        let effects = type_keys(&mut a, k);
        assert!(effects.is_empty());
        assert!(a.composer().is_none(), "{k} must not open the editor");
        assert_eq!(
            a.message.as_deref(),
            Some("comments are closed on this post")
        );
    }
    assert!(screen(&render(&a)).contains("comments are closed on this post"));
}

#[test]
fn the_send_step_names_the_identity_and_i_cycles_through_those_that_serve_the_site() {
    let mut a = sample();
    as_admin(&mut a);
    reply_to_bob(&mut a, "hello");
    ctrl(&mut a, 's');
    assert_eq!(stage(&a), Stage::Confirm);
    let shown = screen(&render(&a));
    assert!(
        shown.contains("Post as admin (application password) on blog.example?"),
        "{shown}"
    );
    assert!(!shown.contains("comment form"), "{shown}");
    let who = |a: &App| compose_text::identity_label(a.composer().unwrap().identity());
    type_keys(&mut a, "i");
    assert_eq!(who(&a), "guest Ada");
    let shown = screen(&render(&a));
    assert!(
        shown.contains("Post as guest Ada on blog.example?"),
        "{shown}"
    );
    // A guest's send step says which ways the reply may go; an account's does not.
    let words = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("over the REST API, or through the site's"),
        "{shown}"
    );
    // Never anonymous (one rule with `reply`); `work` serves another site.
    type_keys(&mut a, "i");
    assert_eq!(who(&a), "admin (application password)");
    type_keys(&mut a, "n");
    assert_eq!(stage(&a), Stage::Editing);
    assert_eq!(text(&a), "hello");
}

#[test]
fn an_empty_comment_or_a_thread_without_a_site_does_not_reach_the_send_step() {
    let mut a = sample();
    type_keys(&mut a, "c");
    ctrl(&mut a, 's');
    assert_eq!(stage(&a), Stage::Editing);
    let c = a.composer().unwrap();
    assert_eq!(c.error.as_deref(), Some("the comment is empty"));

    // A thread without a site (the demo, an archive) says so at once: no composer, no draft.
    let mut demo = wpcomments::tui::testing::sample_app();
    for keys in ["c", "r"] {
        let effects = type_keys(&mut demo, keys);
        assert!(demo.composer().is_none(), "{keys}");
        assert!(
            effects.is_empty(),
            "{keys}: no draft is written: {effects:?}"
        );
        let said = demo.message.clone().unwrap_or_default();
        assert!(said.contains("offline"), "{keys}: {said}");
    }
}

#[test]
fn with_no_identity_that_can_post_the_send_step_says_what_to_do_and_posts_nothing() {
    // No identity at all, then only one for another site: both refuse, as `reply` does.
    for known in [
        vec![],
        vec![identity(
            "work",
            Kind::AppPassword,
            Some("https://elsewhere.example/"),
        )],
    ] {
        let mut a = sample();
        a.posting.known = known;
        reply_to_bob(&mut a, "hello");
        let effects = ctrl(&mut a, 's');
        assert!(effects.is_empty(), "{effects:?}");
        assert_eq!(stage(&a), Stage::Editing, "the send step is not reached");
        let said = a.message.clone().unwrap_or_default();
        assert!(
            said.starts_with("no identity can post on blog.example"),
            "{said}"
        );
        assert!(
            said.contains("wpcomments identity add NAME --guest --name N --email E"),
            "{said}"
        );
        assert_eq!(a.composer().unwrap().error.as_deref(), Some(said.as_str()));
        // y, Enter or ctrl-s again: still nothing goes out, and the draft stays.
        for effects in [type_keys(&mut a, "y"), enter(&mut a), ctrl(&mut a, 's')] {
            assert!(
                !effects.iter().any(|e| matches!(e, Effect::SendReply(_))),
                "{effects:?}"
            );
        }
        assert!(text(&a).starts_with("hello"));
        let shown = screen(&render(&a))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            shown.contains("no identity can post on blog.example"),
            "{shown}"
        );
        assert!(
            shown.contains("no identity to post as"),
            "the border: {shown}"
        );
        assert!(!shown.contains("anonymous"), "{shown}");
    }
    // A guest without a site serves every site: offered, named, and nothing anonymous.
    let mut a = sample();
    a.posting.known = vec![identity("ada", Kind::Guest, None)];
    reply_to_bob(&mut a, "hello");
    ctrl(&mut a, 's');
    assert_eq!(stage(&a), Stage::Confirm);
    let c = a.composer().unwrap();
    assert_eq!(c.choices.len(), 1);
    assert!(c.choices.iter().all(Option::is_some));
}

fn sending(a: &mut App) -> Vec<Effect> {
    as_admin(a);
    reply_to_bob(a, "a reply");
    ctrl(a, 's');
    type_keys(a, "y")
}

#[test]
fn y_posts_the_text_as_the_chosen_identity_to_the_parent() {
    let mut a = sample();
    let effects = sending(&mut a);
    assert_eq!(stage(&a), Stage::Sending);
    let [Effect::SendReply(out)] = effects.as_slice() else {
        panic!("expected one SendReply, got {effects:?}");
    };
    assert_eq!((out.post, out.parent), (1, 2));
    assert_eq!(out.body, "a reply");
    assert_eq!(
        out.identity.as_ref().map(|i| i.name.as_str()),
        Some("admin")
    );
    // The site is the API's own origin, not the post's `link` (which the server chooses).
    assert_eq!(out.site_url.as_str(), "https://blog.example/");
    assert!(out.launch_auth, "admin is the identity started as");
    // Keys wait for the answer.
    assert!(type_keys(&mut a, "zz").is_empty());
    assert_eq!(text(&a), "a reply");
}

#[test]
fn an_identity_whose_secret_comes_from_a_command_posts_only_when_started_as() {
    let mut a = sample();
    as_admin(&mut a);
    let mut pass = identity("pass", Kind::AppPassword, Some("https://blog.example/"));
    pass.password_command = Some("pass show blog.example/pass".into());
    a.posting.known.push(pass.clone());
    reply_to_bob(&mut a, "hello");
    ctrl(&mut a, 's');
    let who = |a: &App| compose_text::identity_label(a.composer().unwrap().identity());
    type_keys(&mut a, "ii");
    assert_eq!(who(&a), "pass (application password)");
    // Its command could prompt under the reader: refused, nothing sent, still choosing.
    let effects = type_keys(&mut a, "y");
    assert!(effects.is_empty(), "{effects:?}");
    let why =
        "identity pass reads its secret with a command: choose it with --as pass when starting";
    assert_eq!(a.message.as_deref(), Some(why));
    assert_eq!(stage(&a), Stage::Confirm);
    assert!(screen(&render(&a)).contains("identity pass reads its secret"));
    // Started as it (its secret read before the terminal), it posts with those credentials.
    let mut a = sample();
    as_admin(&mut a);
    a.posting.identity = Some(pass);
    reply_to_bob(&mut a, "hello");
    ctrl(&mut a, 's');
    let effects = type_keys(&mut a, "y");
    let [Effect::SendReply(out)] = effects.as_slice() else {
        panic!("expected one SendReply, got {effects:?}");
    };
    assert_eq!(out.identity.as_ref().map(|i| i.name.as_str()), Some("pass"));
    assert!(out.launch_auth);
}

#[test]
fn a_refused_reply_keeps_the_composer_the_reason_and_the_draft() {
    let mut a = sample();
    sending(&mut a);
    let key = a.composer().unwrap().key.clone();
    let why = "duplicate comment: this exact comment was already posted here (HTTP 409 comment_duplicate)";
    let effects = send(
        &mut a,
        Msg::Sent {
            key: key.clone(),
            outcome: Err(why.into()),
        },
    );
    assert!(effects.is_empty(), "the draft is not deleted: {effects:?}");
    let c = a.composer().expect("still open");
    assert_eq!(c.stage, Stage::Editing);
    assert_eq!(c.error.as_deref(), Some(why));
    assert_eq!(c.text(), "a reply");
    assert_eq!(
        a.posting.drafts.get(&key).map(String::as_str),
        Some("a reply")
    );
    assert!(screen(&render(&a)).contains("duplicate comment"));
    // Closing and replying again to the same comment brings the text back at once.
    esc(&mut a);
    assert!(a.composer().is_none());
    let effects = type_keys(&mut a, "r");
    assert!(effects.is_empty(), "restored from memory: {effects:?}");
    assert_eq!(text(&a), "a reply");
}

#[test]
fn a_posted_reply_appears_in_place_selected_and_its_draft_goes() {
    let mut a = sample();
    sending(&mut a);
    let key = a.composer().unwrap().key.clone();
    let mut new = comment(99, 2, 90, "admin", "<p>a reply</p>");
    new.status = "hold".into();
    let effects = send(
        &mut a,
        Msg::Sent {
            key: key.clone(),
            outcome: Ok(Box::new(new)),
        },
    );
    assert_eq!(effects, vec![Effect::DeleteDraft { key: key.clone() }]);
    assert!(a.composer().is_none());
    assert!(!a.posting.drafts.contains_key(&key));
    assert_eq!(selected(&a), Some(99));
    let ids = wpcomments::tui::testing::visible_ids(&a);
    let at = ids.iter().position(|&i| i == 99).unwrap();
    assert_eq!(ids[at - 1], 4, "under bob's subtree: {ids:?}");
    assert_eq!(
        a.message.as_deref(),
        Some("comment #99 posted: awaiting moderation")
    );
    let shown = screen(&render(&a));
    assert!(shown.contains("held"), "{shown}");
}

#[test]
fn a_guest_reply_through_the_comment_form_names_its_route_and_shows_only_to_its_author() {
    let mut a = sample();
    let effects = sending(&mut a);
    let [Effect::SendReply(out)] = effects.as_slice() else {
        panic!("{effects:?}")
    };
    // The post's own page goes with the reply: the form is there.
    assert_eq!(
        out.page.as_ref().map(Url::as_str),
        Some(a.thread.as_ref().unwrap().post.link.as_str())
    );
    let key = a.composer().unwrap().key.clone();
    let sender = "Ada <ada@example.com> (guest, through the site's comment form)";
    send(
        &mut a,
        Msg::SendingAs {
            key: key.clone(),
            sender: sender.into(),
        },
    );
    let shown = screen(&render(&a))
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        shown.contains("Posting as Ada <ada@example.com> (guest,"),
        "{shown}"
    );
    // Held and not readable back: the worker marks it as only its author sees it.
    let mut new = comment(99, 2, 90, "Ada", "<p>a reply</p>");
    new.status = wpcomments::present::ONLY_YOU_SEE_IT.into();
    send(
        &mut a,
        Msg::Sent {
            key,
            outcome: Ok(Box::new(new)),
        },
    );
    assert_eq!(
        a.message.as_deref(),
        Some("comment #99 posted: awaiting moderation, only you see it")
    );
    let shown = screen(&render(&a));
    let badged = shown
        .lines()
        // At 80 columns the labelled date ("… 01:30 UTC") leaves the badge's last word cut.
        .filter(|l| l.contains("awaiting moderation, only you see"))
        .count();
    assert_eq!(badged, 2, "the badge and the status bar:\n{shown}");
}

#[test]
fn a_draft_from_disk_fills_an_untouched_composer_only() {
    let mut a = sample();
    type_keys(&mut a, "jr");
    let key = a.composer().unwrap().key.clone();
    send(
        &mut a,
        Msg::DraftLoaded {
            key: key.clone(),
            text: "from before\x1b[2J".into(),
        },
    );
    assert_eq!(text(&a), "from before[2J", "escape characters are dropped");
    assert_eq!(a.message.as_deref(), Some("your draft is back"));

    let mut b = sample();
    reply_to_bob(&mut b, "new");
    send(
        &mut b,
        Msg::DraftLoaded {
            key,
            text: "old".into(),
        },
    );
    assert_eq!(text(&b), "new");
}

#[test]
fn the_preview_is_the_comment_renderer_and_quote_inserts_the_parent() {
    let mut a = sample();
    type_keys(&mut a, "jr");
    ctrl(&mut a, 'q');
    assert_eq!(text(&a), "> a reply with a needle\n\n");
    type_keys(&mut a, "one");
    enter(&mut a);
    enter(&mut a);
    type_keys(&mut a, "two <b>bold</b> & <x>");
    ctrl(&mut a, 'p');
    assert!(a.composer().unwrap().preview);
    let doc = compose_text::preview(&text(&a));
    assert_eq!(
        doc.plain_text(),
        "> a reply with a needle\none\ntwo bold & <x>",
        "paragraphs as WordPress makes them; allowed tags apply, others show as typed"
    );
    let shown = screen(&render(&a));
    assert!(shown.contains("preview · ctrl-p/esc edit"), "{shown}");
    // In the preview, letters do not edit.
    type_keys(&mut a, "x");
    assert!(!text(&a).ends_with('x'));
    esc(&mut a);
    assert!(!a.composer().unwrap().preview);
}

#[test]
fn ctrl_e_hands_the_draft_to_the_editor_and_takes_its_text_back() {
    let mut a = sample();
    reply_to_bob(&mut a, "draft");
    let effects = ctrl(&mut a, 'e');
    let key = a.composer().unwrap().key.clone();
    assert_eq!(
        effects,
        vec![Effect::EditExternally {
            key: key.clone(),
            text: "draft".into()
        }]
    );
    let effects = send(
        &mut a,
        Msg::Edited {
            key: key.clone(),
            outcome: Ok("edited\nin vi\n".into()),
        },
    );
    assert_eq!(text(&a), "edited\nin vi");
    assert_eq!(
        effects,
        vec![Effect::SaveDraft {
            key,
            body: "edited\nin vi".into()
        }]
    );
}

#[test]
fn esc_closes_the_composer_and_says_the_draft_is_kept() {
    let mut a = sample();
    reply_to_bob(&mut a, "keep me");
    let effects = esc(&mut a);
    assert!(effects.is_empty());
    assert!(a.composer().is_none());
    assert!(a.message.unwrap().contains("the draft is kept"));
}

#[test]
fn the_help_lists_reply_new_comment_and_the_composer_keys() {
    let mut a = sample();
    type_keys(&mut a, "?");
    let mut tall = a.clone();
    tall.height = 80;
    let shown = screen(&render(&tall));
    for want in [
        "reply to the selected comment",
        "write a new comment on the post",
        "composer: send",
        "composer: quote",
        "send step: post, switch identity, back",
    ] {
        assert!(shown.contains(want), "{want} missing from\n{shown}");
    }
}

#[test]
fn composer_snapshot() {
    let mut a = sample();
    as_admin(&mut a);
    reply_to_bob(&mut a, "Thanks bob, that is a fine needle indeed.");
    enter(&mut a);
    enter(&mut a);
    type_keys(&mut a, "Second paragraph.");
    insta::assert_snapshot!("composer", screen(&render(&a)));
}

#[test]
fn send_step_snapshot() {
    let mut a = sample();
    as_admin(&mut a);
    reply_to_bob(&mut a, "Thanks bob.");
    ctrl(&mut a, 's');
    insta::assert_snapshot!("send_step", screen(&render(&a)));
}

#[test]
fn refusal_snapshot() {
    let mut a = sample();
    sending(&mut a);
    let key = a.composer().unwrap().key.clone();
    send(
        &mut a,
        Msg::Sent {
            key,
            outcome: Err("comments on this post are closed (HTTP 403 rest_comment_closed)".into()),
        },
    );
    insta::assert_snapshot!("composer_refused", screen(&render(&a)));
}
