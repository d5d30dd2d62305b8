//! What the status bar and popups say after an action, in words the reader can act on:
//! a browser that cannot open, a copy that went to the terminal (OSC 52), a prompt's keys,
//! and a help popup that stops at its last row.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::app::msg::NO_BROWSER;
use wpcomments::app::{App, Effect, Msg, Overlay};
use wpcomments::keys::action::View;
use wpcomments::tui::testing::{
    app, key, open, render, sample_app, sample_comments, send, thread_data, type_keys,
};

/// The status bar: the last row.
fn status(a: &App) -> String {
    let term = render(a);
    let buf = term.backend().buffer();
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn screen(a: &App) -> String {
    render(a).backend().to_string()
}

#[test]
fn a_browser_that_cannot_open_says_what_to_do_not_the_launchers_error() {
    assert_eq!(
        NO_BROWSER,
        "no browser could be opened: set $BROWSER, or press y to copy the link"
    );
    let mut a = sample_app();
    type_keys(&mut a, "G");
    // The worker's answer when `open` fails (worker/mod.rs sends NO_BROWSER).
    send(&mut a, Msg::Notice(NO_BROWSER.into()));
    let bar = status(&a);
    assert!(bar.contains(NO_BROWSER), "whole at 80 columns: {bar:?}");
    // And y does what it says.
    let effects = type_keys(&mut a, "y");
    assert_eq!(
        effects,
        [Effect::Copy("https://blog.example/post/#comment-7".into())]
    );
}

#[test]
fn copying_says_it_was_sent_to_the_terminals_clipboard() {
    let mut a = sample_app();
    type_keys(&mut a, "y");
    assert_eq!(
        a.message.as_deref(),
        Some("permalink sent to the terminal's clipboard (OSC 52)")
    );
    assert!(status(&a).contains("sent to the terminal's clipboard (OSC 52)"));
    assert!(!status(&a).contains("copied"));

    // From the link picker too.
    let mut b = sample_app();
    type_keys(&mut b, "G");
    type_keys(&mut b, "o");
    assert!(
        matches!(b.overlay(), Some(Overlay::Links { .. })),
        "grace's comment has two links: the picker opens"
    );
    let effects = type_keys(&mut b, "y");
    assert_eq!(effects, [Effect::Copy("https://x.example/a".into())]);
    assert_eq!(
        b.message.as_deref(),
        Some("link sent to the terminal's clipboard (OSC 52)")
    );
}

#[test]
fn the_search_and_jump_prompts_show_enter_and_esc() {
    for width in [80, 40] {
        for prompt in ["/", "#"] {
            let mut a = app(width, 20);
            open(&mut a, thread_data("Fixture", sample_comments()), None);
            type_keys(&mut a, prompt);
            type_keys(&mut a, "ne");
            let bar = status(&a);
            assert!(
                bar.contains("Enter ok · Esc cancel"),
                "{prompt} at {width}: {bar:?}"
            );
            // Closed, the hint goes.
            key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
            assert!(!status(&a).contains("Enter ok"), "{prompt} at {width}");
        }
    }
}

#[test]
fn the_help_popup_stops_at_its_last_row() {
    let mut a = app(80, 16);
    open(&mut a, thread_data("Fixture", sample_comments()), None);
    type_keys(&mut a, "?");
    let scroll = |a: &App| match a.overlay() {
        Some(Overlay::Help { scroll }) => *scroll,
        other => panic!("help closed: {other:?}"),
    };
    for _ in 0..10 {
        key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    }
    let end = scroll(&a);
    assert!(end > 0, "16 rows are too few for the whole help");
    for _ in 0..20 {
        type_keys(&mut a, "j");
    }
    assert_eq!(scroll(&a), end, "j past the end stays at the end");
    let rows = a.config.keymap.help_rows(View::Thread);
    let (last_keys, last_desc) = rows.last().expect("help has rows");
    let shown = screen(&a);
    assert!(
        shown.contains(last_desc) && shown.contains(last_keys.as_str()),
        "the last row is on screen: {shown}"
    );
    assert!(shown.contains("more above"), "{shown}");
    assert!(!shown.contains("more below"), "{shown}");
    // The last row sits right on the bottom border: no blank rows were scrolled in.
    let lines: Vec<&str> = shown.lines().collect();
    let at = lines
        .iter()
        .rposition(|l| l.contains(last_desc))
        .expect("last row");
    assert!(lines[at + 1].contains("more above"), "{shown}");
    type_keys(&mut a, "k");
    assert_eq!(scroll(&a), end - 1);
    assert!(screen(&a).contains("more below"));
}
