//! Esc closes, clears and goes back, and never quits; `q` goes back, and quits from the
//! first screen. Key → state tables over every place Esc can be pressed.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::app::{App, Effect, Screen};
use wpcomments::tui::testing::{enter, esc, key, sample_app as opened, type_keys};

/// What a key left behind: quit asked for, the screen, a popup or prompt open, a search on.
#[derive(Debug, PartialEq)]
struct After {
    quit: bool,
    screen: Screen,
    modal: bool,
    searching: bool,
}

fn after(a: &App, effects: &[Effect]) -> After {
    After {
        quit: a.quit || effects.iter().any(|e| matches!(e, Effect::Quit)),
        screen: a.screen,
        modal: a.modal.is_some(),
        searching: a.thread.as_ref().is_some_and(|v| v.search.is_some()),
    }
}

/// Type `keys`, `\n` pressing Enter.
fn press(a: &mut App, keys: &str) -> Vec<Effect> {
    let mut effects = Vec::new();
    for (i, part) in keys.split('\n').enumerate() {
        if i > 0 {
            effects.extend(enter(a));
        }
        effects.extend(type_keys(a, part));
    }
    effects
}

const THREAD: After = After {
    quit: false,
    screen: Screen::Thread,
    modal: false,
    searching: false,
};

#[test]
fn esc_never_quits_wherever_it_is_pressed() {
    // (what was done before Esc, keys typed)
    let cases: &[(&str, &str)] = &[
        ("nothing at all", ""),
        ("a search that found nothing", "/zzzz\n"),
        ("a search that matched", "/bob\n"),
        ("a jump to an id that is not a number", "#abc\n"),
        ("o on a comment without links", "o"),
        ("the help popup", "?"),
        ("the jump prompt, still open", "#12"),
        ("a message on the status bar", "K"),
    ];
    for (what, keys) in cases {
        let mut a = opened();
        press(&mut a, keys);
        let effects = esc(&mut a);
        assert_eq!(after(&a, &effects), THREAD, "Esc after {what}");
        // And a second Esc: still there.
        let effects = esc(&mut a);
        assert_eq!(after(&a, &effects), THREAD, "second Esc after {what}");
    }
}

#[test]
fn esc_with_nothing_to_close_says_how_to_quit() {
    let mut a = opened();
    esc(&mut a);
    assert_eq!(a.message.as_deref(), Some("nothing to close here; q quits"));
}

#[test]
fn q_quits_from_the_first_screen_even_with_a_search_on() {
    let mut a = opened();
    press(&mut a, "/bob\n");
    assert!(a.thread.as_ref().is_some_and(|v| v.search.is_some()));
    let effects = type_keys(&mut a, "q");
    assert!(after(&a, &effects).quit, "q quits from the top view");
    let mut b = opened();
    let effects = key(&mut b, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(effects, [Effect::Quit]);
}

#[test]
fn esc_and_q_inside_a_popup_close_it_first() {
    for keys in ["?", "#"] {
        let mut a = opened();
        type_keys(&mut a, keys);
        let effects = esc(&mut a);
        assert_eq!(after(&a, &effects), THREAD, "{keys} then Esc");
    }
}

#[test]
fn the_demo_cannot_post_moderate_or_fetch() {
    let mut a = wpcomments::tui::testing::app(80, 30);
    let effects = a.start(wpcomments::app::ThreadSource::Demo);
    assert!(!effects.is_empty(), "the demo is read by the worker");
    let data = wpcomments::demo::thread().expect("demo");
    for msg in wpcomments::tui::testing::arrival(a.generation, data, None) {
        wpcomments::app::update::update(&mut a, msg);
    }
    for (keys, says) in [
        ("r", "offline"),
        ("c", "offline"),
        ("a", "nothing to moderate"),
        ("R", "nothing to fetch"),
    ] {
        let effects = type_keys(&mut a, keys);
        assert!(effects.is_empty(), "{keys}: {effects:?}");
        assert!(a.modal.is_none(), "{keys} opened nothing");
        let message = a.message.clone().unwrap_or_default();
        assert!(message.contains(says), "{keys}: {message}");
        assert!(!message.contains("moderate SITE"), "{keys}: {message}");
    }
    // The archive fixture stands for a thread read again from its file.
    let mut b = opened();
    let effects = type_keys(&mut b, "R");
    assert!(
        matches!(effects.as_slice(), [Effect::Load { .. }]),
        "{effects:?}"
    );
}

#[test]
fn a_long_message_can_be_read_whole_in_the_message_log() {
    let mut a = wpcomments::tui::testing::app(40, 20);
    let data =
        wpcomments::tui::testing::thread_data("Log", wpcomments::tui::testing::sample_comments());
    wpcomments::tui::testing::open(&mut a, data, None);
    let long = "a message much longer than the forty columns of this terminal, ending here";
    wpcomments::app::update::update(&mut a, wpcomments::app::Msg::Notice(long.into()));
    assert_eq!(a.log.back().map(String::as_str), Some(long));
    type_keys(&mut a, "L");
    let term = wpcomments::tui::testing::render(&a);
    let buf = term.backend().buffer();
    let text: String = (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        text.contains("ending here"),
        "the end of the message shows:\n{text}"
    );
    assert!(text.contains("messages"), "{text}");
    type_keys(&mut a, "x");
    assert!(a.modal.is_none(), "any key closes the log");
}
