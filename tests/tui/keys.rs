//! Key → action → state transitions of the reader, driven through `update` with no terminal.
//! The fixture tree is `wpcomments::tui::testing::sample_comments`:
//!
//! ```text
//! 1 alice  ├ 2 bob  │ └ 4 dave  └ 3 carol   5 eve └ 6 frank   7 grace
//! ```

use std::collections::HashSet;

use crossterm::event::{KeyCode, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use wpcomments::app::Overlay;
use wpcomments::app::{App, Effect, Msg};
use wpcomments::model::Comment;
use wpcomments::tui::testing::{
    app, comment, enter, esc, key, open, render, sample_app as opened, sample_comments as comments,
    selected, send, thread_data, type_keys, visible_ids as rows,
};

#[test]
fn navigation_keys_land_on_the_expected_comment() {
    let cases: &[(&str, &str, u64)] = &[
        ("j moves down in thread order", "j", 2),
        ("jj goes into the reply chain", "jj", 4),
        ("j stops at the last comment", "jjjjjjjjjjjj", 7),
        ("k at the top stays", "k", 1),
        ("G goes to the last", "G", 7),
        ("gg goes back to the first", "Ggg", 1),
        ("g then another key is that key", "gj", 2),
        ("J jumps to the next top-level sibling", "J", 5),
        ("J twice", "JJ", 7),
        ("J at the last sibling stays", "JJJ", 7),
        ("J among replies skips the subtree", "jJ", 3),
        ("J at the last reply stays", "jJJ", 3),
        ("K at the first sibling stays", "K", 1),
        ("K goes back", "jJK", 2),
        ("p goes to the parent", "jjp", 2),
        ("p twice reaches the top", "jjpp", 1),
        ("p at top level stays", "Jp", 5),
        ("h is parent too", "jjh", 2),
        ("n goes to the next thread", "n", 5),
        ("n from deep inside a thread", "jjn", 5),
        ("n at the last thread stays", "nnn", 7),
        ("n then j enters the second thread", "nj", 6),
        ("N from a reply goes to the thread start", "njN", 5),
        ("N from a thread start goes to the previous", "nN", 1),
    ];
    for (name, keys, want) in cases {
        let mut a = opened();
        type_keys(&mut a, keys);
        assert_eq!(selected(&a), Some(*want), "{name} ({keys})");
    }
}

#[test]
fn sibling_moves_at_the_edges_say_why_they_did_not_move() {
    let mut a = opened();
    type_keys(&mut a, "K");
    assert_eq!(a.message.as_deref(), Some("no earlier reply at this level"));
    type_keys(&mut a, "p");
    assert_eq!(a.message.as_deref(), Some("already at top level"));
    type_keys(&mut a, "j");
    assert_eq!(a.message, None, "a key clears the note");
}

#[test]
fn folded_replies_are_skipped_by_j_and_k() {
    let mut a = opened();
    type_keys(&mut a, "j "); // fold 2 (hides 4)
    assert_eq!(rows(&a), [1, 2, 3, 5, 6, 7]);
    type_keys(&mut a, "j");
    assert_eq!(selected(&a), Some(3));
    type_keys(&mut a, "k");
    assert_eq!(selected(&a), Some(2));
    type_keys(&mut a, " ");
    assert_eq!(rows(&a), [1, 2, 4, 3, 5, 6, 7], "space unfolds");
}

#[test]
fn folding_a_leaf_does_nothing_but_say_so() {
    let mut a = opened();
    type_keys(&mut a, "jj ");
    assert_eq!(rows(&a).len(), 7);
    assert_eq!(a.message.as_deref(), Some("no replies to fold"));
}

#[test]
fn collapse_all_folds_threads_and_moves_the_selection_to_its_thread() {
    let mut a = opened();
    type_keys(&mut a, "jj-");
    assert_eq!(rows(&a), [1, 5, 7]);
    assert_eq!(selected(&a), Some(1));
    type_keys(&mut a, "j");
    assert_eq!(selected(&a), Some(5));
    type_keys(&mut a, "+");
    assert_eq!(rows(&a), [1, 2, 4, 3, 5, 6, 7]);
    assert_eq!(selected(&a), Some(5), "expand all keeps the selection");
}

#[test]
fn search_jumps_to_matches_and_n_goes_through_them_until_esc() {
    let mut a = opened();
    type_keys(&mut a, "-/needle");
    assert!(a.prompt().is_some());
    enter(&mut a);
    // Matches in thread order: 2 (bob), 4 (dave), 6 (frank, "Needle").
    assert_eq!(selected(&a), Some(2));
    assert_eq!(
        rows(&a),
        [1, 2, 4, 3, 5, 7],
        "the match's folded thread opened"
    );
    assert_eq!(a.message.as_deref(), Some("match 1/3 for \"needle\""));
    type_keys(&mut a, "n");
    assert_eq!(selected(&a), Some(4));
    type_keys(&mut a, "n");
    assert_eq!(
        selected(&a),
        Some(6),
        "case-insensitive, and unfolds thread 5"
    );
    type_keys(&mut a, "n");
    assert_eq!(selected(&a), Some(2), "wraps");
    type_keys(&mut a, "N");
    assert_eq!(selected(&a), Some(6), "N wraps backwards");
    esc(&mut a);
    assert!(a.thread.as_ref().unwrap().search.is_none());
    assert!(!a.quit, "Esc clears the search before it quits");
    type_keys(&mut a, "N");
    assert_eq!(
        selected(&a),
        Some(5),
        "without a search N is previous thread again"
    );
}

#[test]
fn search_finds_authors_and_reports_no_match() {
    let mut a = opened();
    type_keys(&mut a, "/GRACE");
    enter(&mut a);
    assert_eq!(selected(&a), Some(7));
    type_keys(&mut a, "/zebra");
    enter(&mut a);
    assert_eq!(a.message.as_deref(), Some("no match for \"zebra\""));
    assert!(a.thread.as_ref().unwrap().search.is_none());
    assert_eq!(selected(&a), Some(7));
}

#[test]
fn esc_in_the_prompt_cancels_it_without_quitting() {
    let mut a = opened();
    type_keys(&mut a, "/abc");
    esc(&mut a);
    assert!(a.prompt().is_none());
    assert!(!a.quit);
}

#[test]
fn hash_jumps_to_a_comment_by_id_through_folds() {
    let mut a = opened();
    type_keys(&mut a, "-#4");
    enter(&mut a);
    assert_eq!(selected(&a), Some(4));
    type_keys(&mut a, "#99");
    enter(&mut a);
    assert_eq!(a.message.as_deref(), Some("no comment #99 in this thread"));
    assert_eq!(selected(&a), Some(4));
}

#[test]
fn sort_toggle_reorders_threads_and_keeps_the_selection() {
    let mut a = opened();
    type_keys(&mut a, "jj");
    key(&mut a, KeyCode::Char('s'), KeyModifiers::CONTROL);
    assert_eq!(rows(&a), [7, 5, 6, 1, 2, 4, 3]);
    assert_eq!(selected(&a), Some(4));
    type_keys(&mut a, "gg");
    assert_eq!(selected(&a), Some(7));
    type_keys(&mut a, "J");
    assert_eq!(selected(&a), Some(5), "siblings follow the sort order");
}

#[test]
fn new_comments_are_those_not_seen_before_and_brackets_visit_them() {
    let mut a = app(80, 40);
    let seen: HashSet<u64> = [1, 2, 3, 5].into_iter().collect();
    open(&mut a, thread_data("Fixture", comments()), Some(seen));
    let view = a.thread.as_ref().unwrap();
    let new: Vec<u64> = (1..=7).filter(|id| view.is_new(*id)).collect();
    assert_eq!(new, [4, 6, 7]);
    type_keys(&mut a, "]");
    assert_eq!(selected(&a), Some(4));
    type_keys(&mut a, "]]");
    assert_eq!(selected(&a), Some(7));
    type_keys(&mut a, "]");
    assert_eq!(a.message.as_deref(), Some("no new comment below"));
    type_keys(&mut a, "[");
    assert_eq!(selected(&a), Some(6));
}

#[test]
fn paging_moves_by_a_screenful() {
    let many: Vec<Comment> = (1..=60)
        .map(|i| comment(i, 0, i as i64, &format!("user{i}"), "<p>one line</p>"))
        .collect();
    let mut a = app(80, 24); // tree: 24 - 3 header - 1 status = 20 lines; each comment 3
    open(&mut a, thread_data("Many", many), None);
    key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    assert_eq!(
        selected(&a),
        Some(8),
        "20 lines of 3-line comments: 7 passed"
    );
    key(&mut a, KeyCode::Char('d'), KeyModifiers::CONTROL);
    assert_eq!(selected(&a), Some(12));
    key(&mut a, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(selected(&a), Some(5));
    key(&mut a, KeyCode::Char('u'), KeyModifiers::CONTROL);
    assert_eq!(selected(&a), Some(1));
    type_keys(&mut a, "G");
    let view = a.thread.as_ref().unwrap();
    assert!(
        view.top_pos() >= 53,
        "the last comment is scrolled into view"
    );
}

#[test]
fn the_mouse_wheel_scrolls_and_a_click_selects() {
    let mut a = opened();
    let term = render(&a);
    let buf = term.backend().buffer();
    let eve_row = (0..buf.area.height)
        .find(|&y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains("eve ·")
        })
        .expect("eve is on screen");
    let mouse = |kind, row| {
        Msg::Mouse(MouseEvent {
            kind,
            column: 5,
            row,
            modifiers: KeyModifiers::NONE,
        })
    };
    send(
        &mut a,
        mouse(MouseEventKind::Down(MouseButton::Left), eve_row),
    );
    assert_eq!(selected(&a), Some(5));
    send(&mut a, mouse(MouseEventKind::ScrollDown, 10));
    let view = a.thread.as_ref().unwrap();
    assert_eq!(
        (view.top_pos(), view.top_skip),
        (1, 0),
        "3 lines: past comment 1"
    );
    assert_eq!(
        selected(&a),
        Some(5),
        "the wheel does not move the selection"
    );
}

#[test]
fn links_open_only_web_urls_and_permalinks_copy() {
    let mut a = opened();
    type_keys(&mut a, "o");
    assert_eq!(a.message.as_deref(), Some("this comment has no links"));
    type_keys(&mut a, "G");
    let effects = type_keys(&mut a, "o");
    assert!(effects.is_empty());
    assert_eq!(a.overlay().cloned(), Some(Overlay::Links { selected: 0 }));
    let effects = type_keys(&mut a, "1");
    assert_eq!(effects, [Effect::Open("https://x.example/a".into())]);
    assert_eq!(a.overlay().cloned(), None);
    type_keys(&mut a, "oj");
    assert_eq!(a.overlay().cloned(), Some(Overlay::Links { selected: 1 }));
    let effects = enter(&mut a);
    assert!(effects.is_empty(), "only http(s) goes to the browser");
    assert_eq!(
        a.message.as_deref(),
        Some("only http and https links are opened")
    );
    let effects = type_keys(&mut a, "y");
    assert_eq!(
        effects,
        [Effect::Copy("https://blog.example/post/#comment-7".into())]
    );
    let effects = type_keys(&mut a, "O");
    assert_eq!(
        effects,
        [Effect::Open("https://blog.example/post/#comment-7".into())]
    );
}

#[test]
fn quitting_help_theme_and_ctrl_c() {
    let mut a = opened();
    type_keys(&mut a, "?");
    assert_eq!(a.overlay().cloned(), Some(Overlay::Help { scroll: 0 }));
    type_keys(&mut a, "j");
    assert_eq!(a.overlay().cloned(), Some(Overlay::Help { scroll: 1 }));
    type_keys(&mut a, "x");
    assert_eq!(a.overlay().cloned(), None);
    let before = a.theme().name.clone();
    key(&mut a, KeyCode::Char('t'), KeyModifiers::CONTROL);
    assert_eq!(
        a.theme().name,
        before,
        "one theme configured: cycling stays"
    );
    type_keys(&mut a, "/typing");
    let effects = key(&mut a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(effects, [Effect::Quit]);
    let mut b = opened();
    assert_eq!(type_keys(&mut b, "q"), [Effect::Quit]);
    assert_eq!(
        key(&mut b, KeyCode::Char('z'), KeyModifiers::CONTROL),
        [Effect::Suspend]
    );
}

#[test]
fn rebinding_keys_through_config_changes_what_they_do() {
    let settings = wpcomments::config::settings::Settings::parse(
        "[keys]\n\"x\" = \"move_down\"\n\"j\" = \"none\"\n",
        "config.toml",
    )
    .unwrap();
    let config =
        wpcomments::app::AppConfig::from_settings(&settings, Some("default"), false).unwrap();
    let mut a = App::new(config, wpcomments::tui::testing::fixed_now(), 80, 40);
    open(&mut a, thread_data("Fixture", comments()), None);
    type_keys(&mut a, "j");
    assert_eq!(selected(&a), Some(1));
    type_keys(&mut a, "x");
    assert_eq!(selected(&a), Some(2));
}
