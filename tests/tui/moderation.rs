//! Moderating in the TUI without a network: the queue and the thread are fed the messages the
//! worker would send, keys are pressed, and the state, the effects and the screen are checked.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::api::ApiRoot;
use wpcomments::api::moderate::{ModAction, Outcome, Status};
use wpcomments::api::queue::{Counts, Filter, QueuePage, QueueRow};
use wpcomments::app::moderation::{ModEffect, ModMsg};
use wpcomments::app::msg::Opened;
use wpcomments::app::{App, Effect, Msg, queue};
use wpcomments::tui::testing::{
    app, comment, fixture_api, key, queue_opened, queue_row, render, send, thread_data, type_keys,
};

fn api() -> ApiRoot {
    fixture_api()
}

fn row(id: u64, author: &str, status: &str, minutes: u32, text: &str) -> QueueRow {
    queue_row(id, 7, "Hello world", (author, status), minutes, text)
}

fn counts() -> Counts {
    Counts {
        pending: 3,
        approved: 40,
        spam: 2,
        trash: 1,
    }
}

/// A queue on Pending with three held comments, as `identity`, who may or may not moderate.
fn queue_app(can_moderate: bool) -> App {
    let mut a = app(100, 24);
    queue::start(&mut a, "https://blog.example/".into(), "admin".into());
    let rows = vec![
        row(31, "Mallory", "hold", 30, "Buy cheap watches"),
        row(30, "Ada", "hold", 20, "Lovely post, thanks"),
        row(29, "Bob", "hold", 10, "I disagree with the second point"),
    ];
    let (counts, rows) = if can_moderate {
        (counts(), rows)
    } else {
        (Counts::default(), Vec::new())
    };
    queue_opened(&mut a, can_moderate, counts, rows);
    a
}

fn applies(effects: &[Effect]) -> Vec<(u64, ModAction, Status)> {
    wpcomments::tui::testing::moderation_applies(effects)
}

fn status(a: &App, id: u64) -> Status {
    a.queue.as_ref().unwrap().row(id).unwrap().status
}

fn answer(
    a: &mut App,
    effects: &[Effect],
    id: u64,
    result: Result<Outcome, String>,
) -> Vec<Effect> {
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
    )
}

fn ok(id: u64, s: Option<Status>) -> Result<Outcome, String> {
    Ok(Outcome {
        id,
        status: s,
        skipped: false,
    })
}

/// The rows of [`queue_app`]'s Pending page.
fn three_held() -> Vec<QueueRow> {
    vec![
        row(31, "Mallory", "hold", 30, "Buy cheap watches"),
        row(30, "Ada", "hold", 20, "Lovely post, thanks"),
        row(29, "Bob", "hold", 10, "I disagree with the second point"),
    ]
}

/// The site's answer to the page load among `effects`.
fn page_answer(effects: &[Effect], rows: Vec<QueueRow>, total_pages: u32) -> Msg {
    let (generation, page) = effects
        .iter()
        .find_map(|e| match e {
            Effect::Moderation(ModEffect::LoadQueue {
                generation, page, ..
            }) => Some((*generation, *page)),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no page load in {effects:?}"));
    let total = rows.len() as u64;
    Msg::Moderation(Box::new(ModMsg::QueuePage {
        generation,
        result: Ok(QueuePage {
            rows,
            page,
            total_pages,
            total,
        }),
    }))
}

fn ids(a: &App) -> Vec<u64> {
    a.queue
        .as_ref()
        .unwrap()
        .rows
        .iter()
        .map(|r| r.id)
        .collect()
}

fn selected_id(a: &App) -> u64 {
    let q = a.queue.as_ref().unwrap();
    q.rows[q.selected].id
}

fn screen(a: &App) -> String {
    render(a).backend().to_string()
}

#[test]
fn approving_shows_at_once_moves_the_counts_and_steps_to_the_next_comment() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "a");
    assert_eq!(
        applies(&effects),
        vec![(31, ModAction::Approve, Status::Hold)]
    );
    assert_eq!(status(&a, 31), Status::Approved);
    let q = a.queue.as_ref().unwrap();
    assert_eq!((q.counts.pending, q.counts.approved), (2, 41));
    assert_eq!(q.selected, 1, "the next comment is selected");
    let after = answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert_eq!(a.message.as_deref(), Some("#31 approved"));
    // The site's own counts are asked for once the batch is complete.
    assert!(matches!(
        after.as_slice(),
        [Effect::Moderation(ModEffect::Counts { .. })]
    ));
}

#[test]
fn a_refusal_rolls_the_comment_and_the_counts_back_with_a_message() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "s");
    assert_eq!(status(&a, 31), Status::Spam);
    answer(
        &mut a,
        &effects,
        31,
        Err("not allowed to spam comment #31".into()),
    );
    assert_eq!(status(&a, 31), Status::Hold);
    assert_eq!(a.queue.as_ref().unwrap().counts, counts());
    let msg = a.message.clone().unwrap_or_default();
    assert!(msg.contains("1 failed: #31 not allowed to spam"), "{msg}");
    // Nothing to undo: the action did not happen.
    type_keys(&mut a, "z");
    assert_eq!(a.message.as_deref(), Some("nothing to undo"));
}

#[test]
fn undo_sends_each_comment_back_where_it_was() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "a");
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert!(a.queue.as_ref().unwrap().row(31).is_none(), "left Pending");
    let undo = type_keys(&mut a, "z");
    assert_eq!(
        applies(&undo),
        vec![(31, ModAction::Hold, Status::Approved)]
    );
    assert_eq!(
        wpcomments::app::moderation::current_status(&a, 31),
        Some(Status::Hold)
    );
    let reload = answer(&mut a, &undo, 31, ok(31, Some(Status::Hold)));
    assert_eq!(a.message.as_deref(), Some("undone: #31 unapproved (held)"));
    assert_eq!(a.queue.as_ref().unwrap().counts, counts());
    // The page is read again, and #31 is back in it.
    send(&mut a, page_answer(&reload, three_held(), 1));
    assert_eq!(status(&a, 31), Status::Hold);
    // Spam is undone with "unspam", which the site answers with the status before spam.
    let effects = type_keys(&mut a, "gg");
    assert!(effects.is_empty());
    let spam = type_keys(&mut a, "s");
    answer(&mut a, &spam, 31, ok(31, Some(Status::Spam)));
    let undo = type_keys(&mut a, "z");
    assert_eq!(applies(&undo), vec![(31, ModAction::Unspam, Status::Spam)]);
}

#[test]
fn a_permanent_delete_asks_names_the_comment_and_cannot_be_undone() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "D");
    assert!(effects.is_empty(), "nothing is sent before the answer");
    let shown = screen(&a);
    assert!(
        shown.contains("delete this comment permanently?"),
        "{shown}"
    );
    assert!(
        shown.contains("#31 by Mallory: Buy cheap watches"),
        "{shown}"
    );
    let effects = type_keys(&mut a, "n");
    assert!(effects.is_empty());
    assert_eq!(a.message.as_deref(), Some("nothing deleted"));
    type_keys(&mut a, "D");
    let effects = type_keys(&mut a, "y");
    assert_eq!(
        applies(&effects),
        vec![(31, ModAction::Delete, Status::Hold)]
    );
    answer(&mut a, &effects, 31, ok(31, None));
    assert_eq!(a.queue.as_ref().unwrap().counts.pending, 2);
    type_keys(&mut a, "z");
    assert_eq!(
        a.message.as_deref(),
        Some("a permanent delete cannot be undone")
    );
}

#[test]
fn marked_comments_take_one_action_each_and_report_per_comment() {
    let mut a = queue_app(true);
    // x marks and steps down: 31 and 30 marked.
    type_keys(&mut a, "xx");
    let effects = type_keys(&mut a, "s");
    assert_eq!(
        applies(&effects),
        vec![
            (31, ModAction::Spam, Status::Hold),
            (30, ModAction::Spam, Status::Hold)
        ]
    );
    assert!(
        a.queue.as_ref().unwrap().marked.is_empty(),
        "marks are used up"
    );
    answer(
        &mut a,
        &effects,
        30,
        Err("comment #30 does not exist".into()),
    );
    assert_eq!(a.message, None, "no summary before every answer is in");
    answer(&mut a, &effects, 31, ok(31, Some(Status::Spam)));
    assert_eq!(
        a.message.as_deref(),
        Some("1 marked as spam, 1 failed: #30 comment #30 does not exist")
    );
    // #31 left Pending once spam was confirmed; the refused #30 stays, held again.
    assert!(a.queue.as_ref().unwrap().row(31).is_none());
    assert_eq!(status(&a, 30), Status::Hold);
}

#[test]
fn a_visual_range_and_mark_all() {
    let mut a = queue_app(true);
    type_keys(&mut a, "vjv");
    let q = a.queue.as_ref().unwrap();
    assert_eq!(q.marked.iter().copied().collect::<Vec<_>>(), vec![30, 31]);
    key(&mut a, KeyCode::Char('a'), KeyModifiers::CONTROL);
    assert_eq!(a.queue.as_ref().unwrap().marked.len(), 3);
    key(&mut a, KeyCode::Char('a'), KeyModifiers::CONTROL);
    assert!(a.queue.as_ref().unwrap().marked.is_empty());
    // Already-approved comments among the marked are skipped, not sent.
    key(&mut a, KeyCode::Char('a'), KeyModifiers::CONTROL);
    let effects = type_keys(&mut a, "u");
    assert!(applies(&effects).is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("already unapproved (held): nothing to do")
    );
}

#[test]
fn without_moderate_comments_the_keys_are_greyed_and_say_why() {
    let mut a = queue_app(false);
    for k in ["a", "u", "s", "S", "d", "T", "D", "e", "z"] {
        let effects = type_keys(&mut a, k);
        assert!(effects.is_empty(), "{k}");
        assert_eq!(
            a.message.as_deref(),
            Some("admin cannot moderate comments on this site (needs moderate_comments)"),
            "{k}"
        );
    }
    a.message = None;
    let shown = screen(&a);
    assert!(
        shown.contains("moderation keys off (no moderate_comments)"),
        "{shown}"
    );
    assert!(!shown.contains("a approve"), "{shown}");
}

#[test]
fn filters_switch_with_tab_and_digits_and_reload() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "4");
    assert!(matches!(
        effects.as_slice(),
        [Effect::Moderation(ModEffect::LoadQueue {
            filter: wpcomments::api::queue::Filter::Spam,
            page: 1,
            ..
        })]
    ));
    let effects = key(&mut a, KeyCode::Tab, KeyModifiers::NONE);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Moderation(ModEffect::LoadQueue {
            filter: wpcomments::api::queue::Filter::Trash,
            ..
        })]
    ));
}

#[test]
fn snapshot_the_queue() {
    let mut a = queue_app(true);
    type_keys(&mut a, "jx");
    insta::assert_snapshot!("moderation_queue", screen(&a));
}

/// A thread opened from the queue (it has an API root), with a held and a spam comment.
fn thread_app() -> App {
    let mut a = app(80, 20);
    a.moderation.identity = Some("admin".into());
    a.moderation.can_moderate = Some(true);
    let mut comments = vec![
        comment(1, 0, 1, "alice", "<p>first thought</p>"),
        comment(2, 1, 2, "bob", "<p>quiet reply</p>"),
        comment(3, 0, 3, "spammer", "<p>cheap pills</p>"),
    ];
    comments[1].status = "hold".into();
    comments[2].status = "spam".into();
    let data = thread_data("Moderated thread", comments);
    let generation = a.generation + 1;
    a.generation = generation;
    send(
        &mut a,
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
    send(
        &mut a,
        Msg::Page {
            generation,
            event: wpcomments::api::PageEvent {
                page: 1,
                total_pages: 1,
                comments: data.comments,
                total_reported: Some(3),
            },
        },
    );
    send(&mut a, Msg::LoadDone { generation });
    a
}

#[test]
fn in_a_thread_the_badge_follows_the_action_and_rolls_back() {
    let mut a = thread_app();
    // The tree only: the header belongs to the reader and the composer.
    let shown = screen(&a);
    let tree: Vec<&str> = shown.lines().skip(2).collect();
    insta::assert_snapshot!("moderation_thread_badges", tree.join("\n"));
    type_keys(&mut a, "j");
    let effects = type_keys(&mut a, "a");
    assert_eq!(
        applies(&effects),
        vec![(2, ModAction::Approve, Status::Hold)]
    );
    let shown = screen(&a);
    assert!(!shown.contains("held"), "{shown}");
    answer(&mut a, &effects, 2, Err("refused".into()));
    let shown = screen(&a);
    assert!(shown.contains("held"), "{shown}");
}

#[test]
fn enter_opens_the_comment_in_its_thread_and_back_returns_to_a_fresh_queue() {
    let mut a = queue_app(true);
    type_keys(&mut a, "j");
    let effects = wpcomments::tui::testing::enter(&mut a);
    let Some(Effect::Load {
        source: wpcomments::app::ThreadSource::Post(target),
        ..
    }) = effects.first()
    else {
        panic!("expected a thread load: {effects:?}");
    };
    assert_eq!((target.post.id, target.focus), (7, Some(30)));
    assert_eq!(a.screen, wpcomments::app::Screen::Thread);
    let effects = type_keys(&mut a, "q");
    assert_eq!(a.screen, wpcomments::app::Screen::Queue);
    assert!(
        effects
            .iter()
            .any(|e| matches!(e, Effect::Moderation(ModEffect::LoadQueue { .. })))
            && effects
                .iter()
                .any(|e| matches!(e, Effect::Moderation(ModEffect::Counts { .. }))),
        "{effects:?}"
    );
}

#[test]
fn in_a_thread_read_as_a_non_moderator_the_keys_are_greyed_in_help() {
    let mut a = thread_app();
    a.moderation = Default::default();
    let effects = type_keys(&mut a, "a");
    assert!(effects.is_empty());
    assert!(
        a.message
            .as_deref()
            .is_some_and(|m| m.starts_with("moderating needs an identity")),
        "{:?}",
        a.message
    );
    send(
        &mut a,
        Msg::Resize {
            width: 100,
            height: 90,
        },
    );
    type_keys(&mut a, "?");
    let term = render(&a);
    let buf = term.backend().buffer();
    let row = (0..buf.area.height)
        .find(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, *y)].symbol())
                .collect::<String>()
                .contains("approve")
        })
        .expect("approve is listed in help");
    let x = (0..buf.area.width)
        .find(|x| buf[(*x, row)].symbol() == "a")
        .unwrap();
    assert!(
        buf[(x, row)]
            .modifier
            .contains(ratatui::style::Modifier::DIM),
        "the approve key is greyed"
    );
}

#[test]
fn in_a_thread_with_an_account_the_site_is_asked_first_then_the_key_runs() {
    let mut a = thread_app();
    a.moderation = Default::default();
    a.posting.identity = Some(wpcomments::identity::Identity {
        user: Some("boss".into()),
        default: true,
        ..wpcomments::identity::Identity::new(
            "boss",
            wpcomments::identity::Kind::AppPassword,
            Some("https://blog.example/".into()),
        )
    });
    type_keys(&mut a, "j");
    let effects = type_keys(&mut a, "a");
    assert!(matches!(
        effects.as_slice(),
        [Effect::Moderation(ModEffect::Capability { .. })]
    ));
    let effects = send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::Capability(Ok(true)))),
    );
    assert_eq!(
        applies(&effects),
        vec![(2, ModAction::Approve, Status::Hold)]
    );
    // A site that says no: the key explains, and nothing is sent.
    a.moderation = Default::default();
    type_keys(&mut a, "s");
    let effects = send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::Capability(Ok(false)))),
    );
    assert!(effects.is_empty());
    assert_eq!(
        a.message.as_deref(),
        Some("boss cannot moderate comments on this site (needs moderate_comments)")
    );
}

#[test]
fn a_page_read_before_an_action_landed_does_not_bring_the_old_status_back() {
    let mut a = queue_app(true);
    // A reload leaves, then 31 is approved, then the (stale) page arrives.
    let reload = type_keys(&mut a, "R");
    let generation = reload
        .iter()
        .find_map(|e| match e {
            Effect::Moderation(ModEffect::LoadQueue { generation, .. }) => Some(*generation),
            _ => None,
        })
        .expect("a page load");
    let effects = type_keys(&mut a, "a");
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    let stale = QueuePage {
        rows: vec![row(31, "Mallory", "hold", 30, "Buy cheap watches")],
        page: 1,
        total_pages: 1,
        total: 1,
    };
    send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::QueuePage {
            generation,
            result: Ok(stale.clone()),
        })),
    );
    assert_eq!(status(&a, 31), Status::Approved);
    // A page asked for after the action shows what the site says.
    let reload = type_keys(&mut a, "R");
    let Some(Effect::Moderation(ModEffect::LoadQueue { generation, .. })) = reload.first() else {
        panic!("{reload:?}");
    };
    let generation = *generation;
    send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::QueuePage {
            generation,
            result: Ok(stale),
        })),
    );
    assert_eq!(status(&a, 31), Status::Hold);
}

#[test]
fn a_second_key_on_a_comment_still_being_changed_is_refused_so_the_screen_follows_the_site() {
    let mut a = thread_app();
    type_keys(&mut a, "j"); // #2, held
    let first = type_keys(&mut a, "a"); // approve: shown approved at once
    let second = type_keys(&mut a, "s"); // spam before the approve was answered
    assert!(applies(&second).is_empty(), "{second:?}");
    assert_eq!(
        a.message.as_deref(),
        Some("#2 is still being changed; try again in a moment")
    );
    answer(&mut a, &first, 2, Err("refused".into())); // the approve refused: held again
    let s = wpcomments::app::moderation::current_status(&a, 2);
    assert_eq!(
        s,
        Some(Status::Hold),
        "the site says held; the screen says {s:?}"
    );
    // Once answered, the comment takes keys again.
    let third = type_keys(&mut a, "s");
    assert_eq!(applies(&third), vec![(2, ModAction::Spam, Status::Hold)]);
    answer(&mut a, &third, 2, ok(2, Some(Status::Spam)));
    let s = wpcomments::app::moderation::current_status(&a, 2);
    assert_eq!(
        s,
        Some(Status::Spam),
        "the site says spam; the screen says {s:?}"
    );
}

#[test]
fn undo_waits_for_a_comment_still_being_changed_and_keeps_its_step() {
    let mut a = thread_app();
    type_keys(&mut a, "j"); // #2, held
    let approve = type_keys(&mut a, "a");
    answer(&mut a, &approve, 2, ok(2, Some(Status::Approved)));
    let spam = type_keys(&mut a, "s");
    assert_eq!(applies(&spam), vec![(2, ModAction::Spam, Status::Approved)]);
    // z would send #2 back while the spam is still on its way: refused, nothing lost.
    let undo = type_keys(&mut a, "z");
    assert!(applies(&undo).is_empty(), "{undo:?}");
    assert_eq!(
        a.message.as_deref(),
        Some("#2 is still being changed; try again in a moment")
    );
    assert_eq!(a.moderation.undo.len(), 1);
    answer(&mut a, &spam, 2, ok(2, Some(Status::Spam)));
    let undo = type_keys(&mut a, "z");
    assert_eq!(applies(&undo), vec![(2, ModAction::Unspam, Status::Spam)]);
}

fn edit_text(a: &App) -> Option<String> {
    a.editing().map(|e| e.editor.lines().join("\n"))
}

#[test]
fn editing_in_a_thread_read_without_edit_context_reads_the_stored_text_first() {
    let mut a = thread_app(); // comments carry only content.rendered
    let effects = type_keys(&mut a, "e");
    assert!(
        matches!(
            effects.as_slice(),
            [Effect::Moderation(ModEffect::ReadRaw { id: 1, .. })]
        ),
        "{effects:?}"
    );
    assert!(edit_text(&a).is_none(), "no editor on the shown text");
    let stored = "first <a href=\"https://example.org/idea\">thought</a>";
    send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::RawRead {
            id: 1,
            result: Ok(stored.into()),
        })),
    );
    assert_eq!(edit_text(&a).as_deref(), Some(stored));
    // Saving sends the markup and the link target along.
    let effects = key(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    let [Effect::Moderation(ModEffect::Edit { id: 1, text, .. })] = effects.as_slice() else {
        panic!("{effects:?}");
    };
    assert_eq!(text, stored);
    send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::Edited {
            id: 1,
            result: Ok("<p>first <a href=\"https://example.org/idea\">thought</a></p>".into()),
        })),
    );
    // Once saved, `e` starts from the saved text without asking the site again.
    let effects = type_keys(&mut a, "e");
    assert!(effects.is_empty(), "{effects:?}");
    assert_eq!(edit_text(&a).as_deref(), Some(stored));
}

#[test]
fn when_the_stored_text_cannot_be_read_the_comment_is_not_edited() {
    let mut a = thread_app();
    type_keys(&mut a, "e");
    send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::RawRead {
            id: 1,
            result: Err("HTTP 401 rest_forbidden_context".into()),
        })),
    );
    assert!(edit_text(&a).is_none());
    assert_eq!(
        a.message.as_deref(),
        Some(
            "#1 cannot be edited: its text as stored could not be read (HTTP 401 rest_forbidden_context)"
        )
    );
    // An answer for a screen since left opens nothing.
    type_keys(&mut a, "e");
    a.generation += 1;
    send(
        &mut a,
        Msg::Moderation(Box::new(ModMsg::RawRead {
            id: 1,
            result: Ok("first thought".into()),
        })),
    );
    assert!(edit_text(&a).is_none());
}

#[test]
fn esc_on_a_changed_edit_asks_before_throwing_it_away() {
    let mut a = queue_app(true);
    // Unchanged: Esc just closes.
    type_keys(&mut a, "e");
    assert_eq!(edit_text(&a).as_deref(), Some("Buy cheap watches"));
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert!(edit_text(&a).is_none());
    assert_eq!(a.message.as_deref(), Some("edit cancelled"));
    // Changed: Esc asks; n goes back to the text, y discards it.
    type_keys(&mut a, "e");
    type_keys(&mut a, "!!");
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    assert_eq!(a.message.as_deref(), Some("discard your edit? y/n"));
    assert!(
        screen(&a).contains("discard your edit? y/n"),
        "{}",
        screen(&a)
    );
    type_keys(&mut a, "n");
    let kept = edit_text(&a).expect("still editing");
    assert!(kept.contains("!!"), "{kept}");
    assert!(
        !kept.contains('n'),
        "the answer is not typed into the text: {kept}"
    );
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    type_keys(&mut a, "y");
    assert!(edit_text(&a).is_none());
    assert_eq!(a.message.as_deref(), Some("edit discarded"));
}

#[test]
fn approving_a_held_comment_in_pending_removes_it_once_confirmed_and_selects_the_next() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "a");
    // Shown approved at once, still in the list (a rollback puts it back as it was).
    assert_eq!(ids(&a), vec![31, 30, 29]);
    assert_eq!(status(&a, 31), Status::Approved);
    assert_eq!(selected_id(&a), 30);
    // #29 is marked while the site answers; the mark survives the removal.
    type_keys(&mut a, "Gx");
    type_keys(&mut a, "k");
    assert_eq!(selected_id(&a), 30);
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![30, 29], "an approved comment leaves Pending");
    assert_eq!(selected_id(&a), 30, "the selection stays on its row");
    let q = a.queue.as_ref().unwrap();
    assert_eq!(q.marked.iter().copied().collect::<Vec<_>>(), vec![29]);
    assert_eq!((q.counts.pending, q.counts.approved), (2, 41));
    assert_eq!(a.message.as_deref(), Some("#31 approved"));
    // The selected comment itself leaving: the next one takes its place, else the previous.
    key(&mut a, KeyCode::Esc, KeyModifiers::NONE); // unmark #29
    assert!(a.queue.as_ref().unwrap().marked.is_empty());
    assert_eq!(selected_id(&a), 30);
    let effects = type_keys(&mut a, "a"); // #30; the selection steps to #29
    type_keys(&mut a, "k"); // back on #30
    answer(&mut a, &effects, 30, ok(30, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![29]);
    assert_eq!(selected_id(&a), 29, "the next row took its place");
    let effects = type_keys(&mut a, "s");
    let after = answer(&mut a, &effects, 29, ok(29, Some(Status::Spam)));
    assert!(ids(&a).is_empty());
    assert_eq!(a.queue.as_ref().unwrap().selected, 0);
    assert!(screen(&a).contains("no pending comments"));
    // One page only: nothing more to load, just the site's counts.
    assert!(
        matches!(
            after.as_slice(),
            [Effect::Moderation(ModEffect::Counts { .. })]
        ),
        "{after:?}"
    );
}

#[test]
fn a_removed_last_row_leaves_the_selection_on_the_previous_one() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "Ga"); // #29, the last row; the selection stays on it
    assert_eq!(selected_id(&a), 29);
    answer(&mut a, &effects, 29, ok(29, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![31, 30]);
    assert_eq!(selected_id(&a), 30);
}

#[test]
fn a_refused_approve_in_pending_keeps_the_comment_rolled_back() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "a");
    answer(&mut a, &effects, 31, Err("not allowed to approve".into()));
    assert_eq!(ids(&a), vec![31, 30, 29]);
    assert_eq!(status(&a, 31), Status::Hold);
    assert_eq!(selected_id(&a), 30);
    assert_eq!(a.queue.as_ref().unwrap().counts, counts());
}

#[test]
fn in_all_approve_and_hold_keep_the_row_and_spam_removes_it() {
    let mut a = queue_app(true);
    let load = type_keys(&mut a, "1");
    let mut rows = three_held();
    rows.push(row(28, "Cy", "approved", 5, "Nice"));
    send(&mut a, page_answer(&load, rows, 1));
    assert_eq!(a.queue.as_ref().unwrap().filter, Filter::All);
    let effects = type_keys(&mut a, "a");
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![31, 30, 29, 28], "All shows approved comments");
    assert_eq!(status(&a, 31), Status::Approved);
    let effects = type_keys(&mut a, "Gu"); // hold #28
    answer(&mut a, &effects, 28, ok(28, Some(Status::Hold)));
    assert_eq!(ids(&a), vec![31, 30, 29, 28], "All shows held comments");
    assert_eq!(status(&a, 28), Status::Hold);
    let effects = type_keys(&mut a, "ggjs"); // spam #30
    assert_eq!(applies(&effects), vec![(30, ModAction::Spam, Status::Hold)]);
    assert_eq!(selected_id(&a), 29);
    answer(&mut a, &effects, 30, ok(30, Some(Status::Spam)));
    assert_eq!(ids(&a), vec![31, 29, 28], "spam is not in All");
    assert_eq!(selected_id(&a), 29);
    assert_eq!(a.queue.as_ref().unwrap().counts.spam, 3);
}

#[test]
fn in_all_undoing_an_approve_whose_row_stayed_needs_no_reload() {
    let mut a = queue_app(true);
    let load = type_keys(&mut a, "1");
    send(&mut a, page_answer(&load, three_held(), 1));
    let effects = type_keys(&mut a, "a");
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    let undo = type_keys(&mut a, "z");
    assert_eq!(
        applies(&undo),
        vec![(31, ModAction::Hold, Status::Approved)]
    );
    let after = answer(&mut a, &undo, 31, ok(31, Some(Status::Hold)));
    assert!(
        matches!(
            after.as_slice(),
            [Effect::Moderation(ModEffect::Counts { .. })]
        ),
        "{after:?}"
    );
    assert_eq!(ids(&a), vec![31, 30, 29]);
    assert_eq!(status(&a, 31), Status::Hold);
}

#[test]
fn undo_after_removal_reloads_the_page_once_the_undo_is_confirmed() {
    let mut a = queue_app(true);
    let effects = type_keys(&mut a, "a");
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![30, 29]);
    let undo = type_keys(&mut a, "z");
    assert_eq!(
        applies(&undo),
        vec![(31, ModAction::Hold, Status::Approved)]
    );
    assert!(
        !undo
            .iter()
            .any(|e| matches!(e, Effect::Moderation(ModEffect::LoadQueue { .. }))),
        "no reload before the site confirmed: {undo:?}"
    );
    let after = answer(&mut a, &undo, 31, ok(31, Some(Status::Hold)));
    assert!(
        matches!(
            after.as_slice(),
            [
                Effect::Moderation(ModEffect::LoadQueue {
                    filter: Filter::Pending,
                    page: 1,
                    ..
                }),
                Effect::Moderation(ModEffect::Counts { .. })
            ]
        ),
        "{after:?}"
    );
    send(&mut a, page_answer(&after, three_held(), 1));
    assert_eq!(ids(&a), vec![31, 30, 29]);
    assert_eq!(status(&a, 31), Status::Hold);
}

#[test]
fn bulk_approve_of_three_with_one_refused_leaves_only_the_refused_one() {
    let mut a = queue_app(true);
    key(&mut a, KeyCode::Char('a'), KeyModifiers::CONTROL);
    let effects = type_keys(&mut a, "a");
    assert_eq!(applies(&effects).len(), 3);
    answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![30, 29], "each comment leaves once confirmed");
    answer(&mut a, &effects, 30, Err("not allowed".into()));
    answer(&mut a, &effects, 29, ok(29, Some(Status::Approved)));
    assert_eq!(ids(&a), vec![30]);
    assert_eq!(status(&a, 30), Status::Hold);
    assert_eq!(selected_id(&a), 30);
    assert_eq!(
        a.message.as_deref(),
        Some("2 approved, 1 failed: #30 not allowed")
    );
    assert!(a.queue.as_ref().unwrap().marked.is_empty());
}

#[test]
fn an_emptied_page_with_more_pages_loads_a_page() {
    let mut a = queue_app(true);
    // Page 1 of 2 holds one comment; approving it empties the page: page 1 again (the
    // next comments moved up).
    let load = type_keys(&mut a, "R");
    send(
        &mut a,
        page_answer(&load, vec![row(31, "Mallory", "hold", 30, "Buy")], 2),
    );
    let effects = type_keys(&mut a, "a");
    let after = answer(&mut a, &effects, 31, ok(31, Some(Status::Approved)));
    assert!(
        matches!(
            after.as_slice(),
            [
                Effect::Moderation(ModEffect::LoadQueue {
                    filter: Filter::Pending,
                    page: 1,
                    ..
                }),
                Effect::Moderation(ModEffect::Counts { .. })
            ]
        ),
        "{after:?}"
    );
    // On the last page, the one before it.
    send(
        &mut a,
        page_answer(&after, vec![row(30, "Ada", "hold", 20, "Hi")], 2),
    );
    let next = key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    send(
        &mut a,
        page_answer(&next, vec![row(29, "Bob", "hold", 10, "No")], 2),
    );
    assert_eq!(a.queue.as_ref().unwrap().page, 2);
    let effects = type_keys(&mut a, "a");
    let after = answer(&mut a, &effects, 29, ok(29, Some(Status::Approved)));
    assert!(
        matches!(
            after.first(),
            Some(Effect::Moderation(ModEffect::LoadQueue { page: 1, .. }))
        ),
        "{after:?}"
    );
}

#[test]
fn a_comment_deleted_in_a_thread_leaves_it_and_the_selection_takes_its_row() {
    let mut a = thread_app();
    type_keys(&mut a, "j"); // #2, bob's reply, the second row
    type_keys(&mut a, "D");
    let shown = screen(&a);
    assert!(shown.contains("#2 by bob: quiet reply"), "{shown}");
    let effects = type_keys(&mut a, "y");
    assert_eq!(
        applies(&effects),
        vec![(2, ModAction::Delete, Status::Hold)]
    );
    answer(&mut a, &effects, 2, ok(2, None));
    let view = a.thread.as_ref().unwrap();
    assert!(
        view.thread.index_of(2).is_none(),
        "#2 is gone from the tree"
    );
    // The tree was rebuilt: the row the deleted comment had is the next comment's now.
    assert_eq!(view.selected, Some(3));
    assert_eq!(view.selected_pos(), Some(1));
    assert!(!screen(&a).contains("quiet reply"));
    // Search and positions agree with the new tree.
    type_keys(&mut a, "/pills");
    key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    let view = a.thread.as_ref().unwrap();
    assert_eq!(
        view.search.as_ref().map(|s| s.matches.clone()),
        Some(vec![3])
    );
    type_keys(&mut a, "/quiet");
    key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    assert!(
        a.message.as_deref().unwrap_or("").contains("no match"),
        "{:?}",
        a.message
    );
}
