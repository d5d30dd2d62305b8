//! Loading: pages streaming in, refresh, failures and "new since last visit", driven
//! through `update` with the messages the worker sends.

use wpcomments::api::PageEvent;
use wpcomments::app::{Effect, Msg, ThreadSource};
use wpcomments::model::Comment;
use wpcomments::tui::testing::{
    app, arrival, comment, open, render, sample_app as opened, sample_comments as comments,
    selected, send, thread_data, type_keys, visible_ids as rows,
};

#[test]
fn a_first_visit_marks_nothing_new_and_saves_what_was_seen() {
    let mut a = app(80, 40);
    let effects = open(&mut a, thread_data("Fixture", comments()), None);
    let view = a.thread.as_ref().unwrap();
    assert!((1..=7).all(|id| !view.is_new(id)));
    let saved = effects.iter().find_map(|e| match e {
        Effect::SaveSeen { ids, .. } => Some(ids.clone()),
        _ => None,
    });
    assert_eq!(saved, Some(vec![1, 2, 3, 4, 5, 6, 7]));
    type_keys(&mut a, "]");
    assert_eq!(
        a.message.as_deref(),
        Some("first visit: nothing is marked new")
    );
}

#[test]
fn refresh_keeps_the_selection_and_badges_arrivals_new() {
    let mut a = opened();
    type_keys(&mut a, "J"); // 5
    let effects = type_keys(&mut a, "R");
    let generation = match effects.as_slice() {
        [Effect::Load { generation, .. }] => *generation,
        other => panic!("refresh should load: {other:?}"),
    };
    let mut more = comments();
    // A reply posted before 5 in time lands above it in the tree.
    more.push(comment(8, 1, 4, "heidi", "<p>late reply</p>"));
    for msg in arrival(generation, thread_data("Fixture", more), None) {
        send(&mut a, msg);
    }
    assert_eq!(selected(&a), Some(5));
    assert_eq!(rows(&a), [1, 2, 4, 3, 8, 5, 6, 7]);
    let view = a.thread.as_ref().unwrap();
    assert!(view.is_new(8));
    assert!(!view.is_new(5));
    assert_eq!(a.message.as_deref(), Some("1 new comment"));
}

#[test]
fn refresh_drops_comments_gone_from_the_site_and_moves_the_selection_to_the_parent() {
    let mut a = opened();
    type_keys(&mut a, "jj"); // 4, a reply to 2
    assert_eq!(selected(&a), Some(4));
    let effects = type_keys(&mut a, "R");
    let generation = match effects.as_slice() {
        [Effect::Load { generation, .. }] => *generation,
        other => panic!("refresh should load: {other:?}"),
    };
    // The site now sends everything but 4 (trashed by a moderator) plus a new comment 8.
    let mut now: Vec<Comment> = comments().into_iter().filter(|c| c.id != 4).collect();
    now.push(comment(8, 0, 9, "heidi", "<p>late</p>"));
    for msg in arrival(generation, thread_data("Fixture", now), None) {
        send(&mut a, msg);
    }
    assert!(!rows(&a).contains(&4), "{:?}", rows(&a));
    assert_eq!(selected(&a), Some(2), "the removed comment's parent");
    assert_eq!(
        a.message.as_deref(),
        Some("1 new comment; 1 no longer on the site")
    );
}

#[test]
fn a_refresh_that_fails_midway_removes_nothing() {
    let mut a = opened();
    let effects = type_keys(&mut a, "R");
    let generation = match effects.as_slice() {
        [Effect::Load { generation, .. }] => *generation,
        other => panic!("refresh should load: {other:?}"),
    };
    let first: Vec<Comment> = comments().into_iter().take(2).collect();
    let mut msgs = arrival(generation, thread_data("Fixture", first), None);
    msgs.pop(); // no LoadDone: the load fails instead
    for msg in msgs {
        send(&mut a, msg);
    }
    send(
        &mut a,
        Msg::LoadFailed {
            generation,
            message: "boom".into(),
        },
    );
    assert_eq!(rows(&a).len(), 7);
}

#[test]
fn pages_arriving_keep_the_selection_on_the_same_comment() {
    let mut a = app(80, 40);
    let all = comments();
    let mut msgs = arrival(1, thread_data("Fixture", vec![]), None);
    msgs.truncate(1); // only Opened
    a.start(ThreadSource::Demo);
    for m in msgs {
        send(&mut a, m);
    }
    let page = |n: u32, c: Vec<Comment>| Msg::Page {
        generation: 1,
        event: PageEvent {
            page: n,
            total_pages: 2,
            comments: c,
            total_reported: Some(7),
        },
    };
    send(&mut a, page(2, all[4..].to_vec()));
    assert_eq!(
        selected(&a),
        Some(5),
        "the first comment to arrive is selected"
    );
    type_keys(&mut a, "j");
    assert_eq!(selected(&a), Some(6));
    send(&mut a, page(1, all[..4].to_vec()));
    assert_eq!(
        selected(&a),
        Some(6),
        "page 1 arriving later does not move it"
    );
    assert_eq!(rows(&a), [1, 2, 4, 3, 5, 6, 7]);
    assert!(a.progress.active);
    send(&mut a, Msg::LoadDone { generation: 1 });
    assert!(!a.progress.active);
}

#[test]
fn reports_of_a_superseded_load_are_ignored() {
    let mut a = opened();
    type_keys(&mut a, "R");
    let stale = a.generation - 1;
    send(
        &mut a,
        Msg::LoadFailed {
            generation: stale,
            message: "boom".into(),
        },
    );
    assert_eq!(a.error, None);
}

#[test]
fn a_failed_page_keeps_what_loaded_and_offers_retry() {
    let mut a = opened();
    type_keys(&mut a, "R");
    let generation = a.generation;
    send(
        &mut a,
        Msg::LoadFailed {
            generation,
            message: "blog.example answered HTTP 500".into(),
        },
    );
    assert_eq!(rows(&a).len(), 7);
    assert_eq!(
        a.error.as_deref(),
        Some("blog.example answered HTTP 500 — press R to retry")
    );
    let effects = type_keys(&mut a, "R");
    assert!(matches!(effects.as_slice(), [Effect::Load { .. }]));
    assert_eq!(a.error, None);
}

#[test]
fn a_load_that_fails_before_anything_arrived_can_be_retried() {
    let mut a = app(80, 24);
    let source = ThreadSource::Url("https://nowhere.example/post/".into());
    a.start(source.clone());
    let generation = a.generation;
    send(
        &mut a,
        Msg::LoadFailed {
            generation,
            message: "host not found: nowhere.example".into(),
        },
    );
    let text = render(&a).backend().to_string();
    assert!(text.contains("error: host not found: nowhere.example — press R to retry"));
    let effects = type_keys(&mut a, "R");
    assert_eq!(
        effects,
        [Effect::Load {
            generation: generation + 1,
            source
        }]
    );
    assert!(a.progress.active);
}
