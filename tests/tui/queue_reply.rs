//! Replying as a moderator, driven through `update` without a network: `r` in the queue opens
//! the comment's thread and the composer on it once it arrives, and a reply to a held comment
//! approves it (optimistically, rolled back if the site refuses), as WordPress's admin screen does.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::api::moderate::{ModAction, Outcome, Status};
use wpcomments::api::queue::{Counts, QueueRow};
use wpcomments::api::{ApiRoot, PageEvent};
use wpcomments::app::Screen;
use wpcomments::app::compose::Stage;
use wpcomments::app::moderation::{ModEffect, ModMsg};
use wpcomments::app::msg::Opened;
use wpcomments::app::{App, Effect, Msg, ThreadSource, queue};
use wpcomments::identity::{Identity, Kind};
use wpcomments::model::Comment;
use wpcomments::tui::testing::{
    app, comment, fixture_api, key, queue_opened, queue_row, send, thread_data, type_keys,
};

fn api() -> ApiRoot {
    fixture_api()
}

fn identity(name: &str, kind: Kind) -> Identity {
    Identity {
        name: name.into(),
        kind,
        site: Some("https://blog.example/".into()),
        user: (kind != Kind::Guest).then(|| name.to_owned()),
        author_name: (kind == Kind::Guest).then(|| "Ada".to_owned()),
        author_email: (kind == Kind::Guest).then(|| "ada@example.com".to_owned()),
        author_url: None,
        password_command: None,
        default: true,
    }
}

fn row(id: u64, author: &str, minutes: u32, text: &str) -> QueueRow {
    queue_row(id, 1, "Fixture", (author, "hold"), minutes, text)
}

fn counts() -> Counts {
    Counts {
        pending: 2,
        approved: 40,
        spam: 0,
        trash: 0,
    }
}

/// `wpcomments moderate https://blog.example --as admin`: Pending with two held comments.
fn queue_app() -> App {
    let mut a = app(100, 30);
    a.posting.identity = Some(identity("admin", Kind::AppPassword));
    queue::start(&mut a, "https://blog.example/".into(), "admin".into());
    let rows = vec![
        row(31, "Mallory", 30, "Buy cheap watches"),
        row(30, "Ada", 20, "Lovely post, thanks"),
    ];
    queue_opened(&mut a, true, counts(), rows);
    a
}

/// The thread of post 1: alice's approved comment, Ada's held #30 under it, Mallory's #31.
fn thread_comments() -> Vec<Comment> {
    let mut c = vec![
        comment(1, 0, 1, "alice", "<p>first thought</p>"),
        comment(30, 1, 20, "Ada", "<p>Lovely post, thanks</p>"),
        comment(31, 0, 30, "Mallory", "<p>Buy cheap watches</p>"),
    ];
    c[1].status = "hold".into();
    c[2].status = "hold".into();
    c
}

fn opened(a: &mut App, generation: u64) {
    let data = thread_data("Fixture", Vec::new());
    send(
        a,
        Msg::Opened {
            generation,
            opened: Box::new(Opened {
                site: data.site,
                post: data.post,
                api: Some(api()),
                seen: None,
                seen_key: None,
                focus: None,
                source_url: data.source_url,
                page_read: None,
            }),
        },
    );
}

fn page(a: &mut App, generation: u64, comments: Vec<Comment>) -> Vec<Effect> {
    send(
        a,
        Msg::Page {
            generation,
            event: PageEvent {
                page: 1,
                total_pages: 1,
                comments,
                total_reported: Some(3),
            },
        },
    )
}

fn load_generation(effects: &[Effect]) -> u64 {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { generation, .. } => Some(*generation),
            _ => None,
        })
        .unwrap_or_else(|| panic!("a thread load: {effects:?}"))
}

/// `j` then `r` in the queue (Ada's #30), and the whole thread arriving.
fn replying_from_the_queue() -> App {
    let mut a = queue_app();
    type_keys(&mut a, "j");
    let effects = type_keys(&mut a, "r");
    let generation = load_generation(&effects);
    opened(&mut a, generation);
    page(&mut a, generation, thread_comments());
    send(&mut a, Msg::LoadDone { generation });
    a
}

fn parent(a: &App) -> Option<u64> {
    a.composer().and_then(|c| c.parent.as_ref()).map(|p| p.id)
}

/// Type `body`, ctrl-s, `y`: the reply goes out; returns the send's effects.
fn write_and_send(a: &mut App, body: &str) -> Vec<Effect> {
    type_keys(a, body);
    key(a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(a.composer().map(|c| c.stage), Some(Stage::Confirm));
    type_keys(a, "y")
}

/// The site's answer to the send: reply #99 to `parent`, approved.
fn posted(a: &mut App, parent: u64) -> Vec<Effect> {
    let key = a.composer().expect("composer").key.clone();
    let reply = comment(99, parent, 90, "admin", "<p>thanks</p>");
    send(
        a,
        Msg::Sent {
            key,
            outcome: Ok(Box::new(reply)),
        },
    )
}

fn applies(effects: &[Effect]) -> Vec<(u64, ModAction, Status)> {
    wpcomments::tui::testing::moderation_applies(effects)
}

fn answer(a: &mut App, effects: &[Effect], id: u64, result: Result<Outcome, String>) {
    let batch = effects
        .iter()
        .find_map(|e| match e {
            Effect::Moderation(ModEffect::Apply { batch, id: i, .. }) if *i == id => Some(*batch),
            _ => None,
        })
        .expect("an Apply for this id");
    send(
        a,
        Msg::Moderation(Box::new(ModMsg::Applied { batch, id, result })),
    );
}

fn thread_status(a: &App, id: u64) -> String {
    let view = a.thread.as_ref().unwrap();
    view.thread
        .comment(view.thread.index_of(id).unwrap())
        .status
        .clone()
}

fn queue_status(a: &App, id: u64) -> Status {
    a.queue.as_ref().unwrap().row(id).unwrap().status
}

#[test]
fn r_in_the_queue_opens_the_thread_and_the_composer_on_that_comment_once_it_arrives() {
    let mut a = queue_app();
    type_keys(&mut a, "j");
    let effects = type_keys(&mut a, "r");
    let Some(Effect::Load {
        generation,
        source: ThreadSource::Post(target),
    }) = effects.first()
    else {
        panic!("expected a thread load: {effects:?}");
    };
    let generation = *generation;
    assert_eq!(target.focus, Some(30));
    assert_eq!(a.screen, Screen::Thread);
    assert!(a.composer().is_none(), "nothing to reply to yet");
    opened(&mut a, generation);
    // A first page without #30 (held comments come in their own pass): still waiting.
    let effects = page(&mut a, generation, thread_comments()[..1].to_vec());
    assert!(effects.is_empty(), "{effects:?}");
    assert!(a.composer().is_none());
    let effects = page(&mut a, generation, thread_comments()[1..].to_vec());
    assert_eq!(parent(&a), Some(30), "the composer answers Ada's #30");
    let c = a.composer().unwrap();
    assert_eq!(effects, vec![Effect::LoadDraft { key: c.key.clone() }]);
    assert_eq!(a.thread.as_ref().unwrap().selected, Some(30));
    // The rest of the load does not open it again or move it.
    send(&mut a, Msg::LoadDone { generation });
    assert_eq!(parent(&a), Some(30));
    type_keys(&mut a, "j");
    assert_eq!(a.composer().unwrap().text(), "j");
}

#[test]
fn leaving_the_thread_before_it_arrives_opens_no_composer_and_a_missing_comment_is_named() {
    let mut a = queue_app();
    let effects = type_keys(&mut a, "r");
    let stale = load_generation(&effects);
    type_keys(&mut a, "q");
    assert_eq!(a.screen, Screen::Queue);
    // Reports of the abandoned load are dropped; Enter later opens no composer.
    page(&mut a, stale, thread_comments());
    assert!(a.composer().is_none());
    let effects = wpcomments::tui::testing::enter(&mut a);
    let generation = load_generation(&effects);
    opened(&mut a, generation);
    page(&mut a, generation, thread_comments());
    assert!(a.composer().is_none(), "Enter only shows the thread");

    let mut b = queue_app();
    let effects = type_keys(&mut b, "r");
    let generation = load_generation(&effects);
    opened(&mut b, generation);
    page(&mut b, generation, thread_comments()[..1].to_vec());
    send(&mut b, Msg::LoadDone { generation });
    assert!(b.composer().is_none());
    assert_eq!(
        b.message.as_deref(),
        Some("comment #31 is not in its thread: nothing to reply to")
    );
}

#[test]
fn a_moderators_reply_to_a_held_comment_approves_it_at_once_and_says_so() {
    let mut a = replying_from_the_queue();
    let effects = write_and_send(&mut a, "thanks");
    assert!(applies(&effects).is_empty(), "nothing approved before 201");
    let effects = posted(&mut a, 30);
    assert_eq!(
        applies(&effects),
        vec![(30, ModAction::Approve, Status::Hold)]
    );
    assert!(a.composer().is_none());
    // Optimistic: the badge and the queue's row and counts change before the site answers.
    assert_eq!(thread_status(&a, 30), "approved");
    assert_eq!(queue_status(&a, 30), Status::Approved);
    let q = a.queue.as_ref().unwrap();
    assert_eq!((q.counts.pending, q.counts.approved), (1, 41));
    assert_eq!(
        a.message.as_deref(),
        Some("reply #99 posted; approving #30…")
    );
    answer(
        &mut a,
        &effects,
        30,
        Ok(Outcome {
            id: 30,
            status: Some(Status::Approved),
            skipped: false,
        }),
    );
    assert_eq!(a.message.as_deref(), Some("reply #99 posted; #30 approved"));
    assert_eq!(thread_status(&a, 30), "approved");
    assert_eq!(a.thread.as_ref().unwrap().selected, Some(99));
}

#[test]
fn a_refused_approval_puts_the_comment_and_the_counts_back_with_a_message() {
    let mut a = replying_from_the_queue();
    write_and_send(&mut a, "thanks");
    let effects = posted(&mut a, 30);
    answer(
        &mut a,
        &effects,
        30,
        Err("not allowed to edit comment #30".into()),
    );
    assert_eq!(thread_status(&a, 30), "hold");
    assert_eq!(queue_status(&a, 30), Status::Hold);
    assert_eq!(a.queue.as_ref().unwrap().counts, counts());
    assert_eq!(
        a.message.as_deref(),
        Some(
            "reply #99 posted; approving #30 failed: not allowed to edit comment #30 (still held)"
        )
    );
}

#[test]
fn a_reply_to_an_approved_comment_or_sent_as_another_identity_approves_nothing() {
    let mut a = replying_from_the_queue();
    write_and_send(&mut a, "thanks");
    // Approved meanwhile: nothing left to approve.
    let view = a.thread.as_mut().unwrap();
    wpcomments::app::moderation::thread::set_status(view, 30, Some(Status::Approved));
    let effects = posted(&mut a, 30);
    assert!(applies(&effects).is_empty(), "{effects:?}");
    assert_eq!(a.message.as_deref(), Some("comment #99 posted"));

    // Posted as a guest (`i` in the send step): not the moderator's reply.
    let mut b = replying_from_the_queue();
    // (as if `ada` had been known when the composer opened)
    let c = b.composer_mut().expect("composer");
    c.choices.push(Some(identity("ada", Kind::Guest)));
    type_keys(&mut b, "thanks");
    key(&mut b, KeyCode::Char('s'), KeyModifiers::CONTROL);
    type_keys(&mut b, "i");
    type_keys(&mut b, "y");
    let effects = posted(&mut b, 30);
    assert!(effects.iter().all(|e| !matches!(e, Effect::Moderation(_))));
    assert_eq!(thread_status(&b, 30), "hold");
}

/// A thread read with `--as NAME` (not from the queue): whether NAME may moderate is unknown.
fn thread_as(identity: Identity) -> App {
    let mut a = app(80, 24);
    a.posting.identity = Some(identity);
    a.start(ThreadSource::Url("https://blog.example/post/".into()));
    let generation = a.generation;
    opened(&mut a, generation);
    page(&mut a, generation, thread_comments());
    send(&mut a, Msg::LoadDone { generation });
    a
}

#[test]
fn in_a_thread_the_site_is_asked_first_and_only_a_moderator_approves() {
    // A moderator: asked, then approved.
    let mut a = thread_as(identity("boss", Kind::AppPassword));
    type_keys(&mut a, "jr");
    assert_eq!(parent(&a), Some(30));
    write_and_send(&mut a, "thanks");
    let effects = posted(&mut a, 30);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Moderation(ModEffect::Capability { .. }))),
        "{effects:?}"
    );
    assert!(applies(&effects).is_empty());
    let effects = send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::Capability(Ok(true)))),
    );
    assert_eq!(
        applies(&effects),
        vec![(30, ModAction::Approve, Status::Hold)]
    );
    assert_eq!(thread_status(&a, 30), "approved");
    answer(
        &mut a,
        &effects,
        30,
        Ok(Outcome {
            id: 30,
            status: Some(Status::Approved),
            skipped: false,
        }),
    );
    assert_eq!(a.message.as_deref(), Some("reply #99 posted; #30 approved"));

    // An account the site says may not moderate: no approval is attempted.
    let mut b = thread_as(identity("sub", Kind::AppPassword));
    type_keys(&mut b, "jr");
    write_and_send(&mut b, "thanks");
    posted(&mut b, 30);
    let effects = send(
        &mut b,
        Msg::Moderation(Box::new(ModMsg::Capability(Ok(false)))),
    );
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(thread_status(&b, 30), "hold");
    assert_eq!(b.message.as_deref(), Some("reply #99 posted"));
    // Known now: the next reply does not ask again.
    type_keys(&mut b, "kr");
    write_and_send(&mut b, "again");
    let effects = posted(&mut b, 30);
    assert!(
        effects.iter().all(|e| !matches!(e, Effect::Moderation(_))),
        "{effects:?}"
    );

    // A guest identity: nothing is asked or approved.
    let mut c = thread_as(identity("ada", Kind::Guest));
    type_keys(&mut c, "jr");
    write_and_send(&mut c, "thanks");
    let effects = posted(&mut c, 30);
    assert!(
        effects.iter().all(|e| !matches!(e, Effect::Moderation(_))),
        "{effects:?}"
    );
    assert_eq!(thread_status(&c, 30), "hold");
}
