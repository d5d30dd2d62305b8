//! Issue 9 in the reader, driven through `update` and drawn into a test terminal: links show
//! their real host, and a draft that could not be saved is never called kept and is never
//! lost on quit.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::app::compose::unsaved as compose_unsaved;
use wpcomments::app::{App, Effect, Msg};
use wpcomments::tui::testing::{
    app, comment, esc, key, open, render, send, thread_data, type_keys,
};

const LONG_HOST: &str = "accounts.bank.example.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.evil.example";

fn screen(a: &App) -> String {
    render(a).backend().to_string()
}

fn with_comment(width: u16, height: u16, html: &str) -> App {
    let mut a = app(width, height);
    open(
        &mut a,
        thread_data("Links", vec![comment(1, 0, 0, "mallory", html)]),
        None,
    );
    a
}

#[test]
fn the_link_picker_never_cuts_a_host_and_shows_it_as_it_will_be_opened() {
    let html = format!(
        "<p><a href=\"https://{LONG_HOST}/a/very/long/path/that/goes/on/login.php\">bank</a> \
         <a href=\"https://\u{440}\u{430}ypal.example/\">pay</a></p>"
    );
    for width in [60u16, 100] {
        let mut a = with_comment(width, 24, &html);
        type_keys(&mut a, "o");
        let shown = screen(&a);
        // Rows of the picker joined: the host may wrap at a narrow width, never lose a part.
        let joined: String = shown
            .lines()
            .map(|l| {
                l.trim_matches('"')
                    .replace(['│', '╭', '╮', '╰', '╯', '─'], "")
            })
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("");
        let squeezed: String = joined.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(squeezed.contains(LONG_HOST), "{width}: host cut:\n{shown}");
        assert!(
            shown.contains("xn--ypal-43d9g.example"),
            "{width}:\n{shown}"
        );
        assert!(
            !shown.contains('\u{440}'),
            "{width}: look-alike shown:\n{shown}"
        );
    }
}

#[test]
fn the_text_dump_shows_look_alike_hosts_in_punycode() {
    let data = thread_data(
        "Links",
        vec![comment(
            1,
            0,
            0,
            "m",
            "<p><a href=\"https://\u{440}\u{430}ypal.example/x\">pay</a></p>",
        )],
    );
    let opts = wpcomments::dump::DumpOptions::default();
    for format in [
        wpcomments::dump::Format::Text,
        wpcomments::dump::Format::Markdown,
    ] {
        let out = wpcomments::dump::dump(&data, format, &opts);
        assert!(out.contains("xn--ypal-43d9g.example/x"), "{out}");
        assert!(!out.contains('\u{440}'), "{out}");
    }
}

/// The sample thread, read from a site (offline threads take no reply), with a composer open
/// on comment 1 and `text` typed.
fn typing(text: &str) -> App {
    let data = thread_data("Links", vec![comment(1, 0, 0, "mallory", "<p>hello</p>")]);
    let mut a = crate::compose::online(data, 80, 24);
    type_keys(&mut a, "r");
    assert!(a.composer().is_some(), "the composer opened");
    type_keys(&mut a, text);
    a
}

fn failed_save(a: &mut App) {
    let key = a.composer().map(|c| c.key.clone()).expect("composer");
    send(
        a,
        Msg::DraftSaved {
            key,
            error: Some("cannot write /ro/drafts/x.txt: Read-only file system".into()),
        },
    );
}

#[test]
fn once_a_save_failed_the_draft_is_never_called_kept_and_closing_asks() {
    let mut a = typing("my words");
    failed_save(&mut a);
    assert!(screen(&a).contains("only in memory"), "{}", screen(&a));
    // And the composer's border, whatever the status bar says later.
    send(&mut a, Msg::Notice("a later note".into()));
    assert!(
        screen(&a).contains("draft NOT saved to disk"),
        "{}",
        screen(&a)
    );
    assert!(!screen(&a).contains("the draft is kept"), "{}", screen(&a));
    esc(&mut a);
    assert!(a.composer().is_some(), "Esc asks before closing");
    assert!(screen(&a).contains("close anyway?"), "{}", screen(&a));
    type_keys(&mut a, "n");
    assert!(a.composer().is_some());
    esc(&mut a);
    type_keys(&mut a, "y");
    assert!(a.composer().is_none());
    let said = a.message.clone().unwrap_or_default();
    assert!(
        said.contains("NOT on disk") && !said.contains("is kept"),
        "{said}"
    );
}

#[test]
fn a_notice_arriving_while_a_question_waits_does_not_hide_it() {
    // Found in tmux: a failed seen-store write landed after Esc and replaced the question,
    // so the person answered a question no longer on screen.
    let mut a = typing("my words");
    failed_save(&mut a);
    esc(&mut a);
    send(
        &mut a,
        Msg::Notice("cannot remember seen comments: Not a directory".into()),
    );
    assert!(screen(&a).contains("close anyway?"), "{}", screen(&a));
    type_keys(&mut a, "n");
    assert!(!screen(&a).contains("close anyway?"), "{}", screen(&a));
    esc(&mut a);
    type_keys(&mut a, "y");
    assert!(a.composer().is_none());
    type_keys(&mut a, "q");
    send(&mut a, Msg::Notice("a later note".into()));
    assert!(screen(&a).contains("quit anyway?"), "{}", screen(&a));
}

#[test]
fn quitting_with_an_unsaved_draft_asks_and_hands_the_text_over() {
    let mut a = typing("words worth keeping");
    failed_save(&mut a);
    let ctrl_c = |a: &mut App| key(a, KeyCode::Char('c'), KeyModifiers::CONTROL);
    let asked = ctrl_c(&mut a);
    assert!(
        !asked.contains(&Effect::Quit),
        "Ctrl-C asks first: {asked:?}"
    );
    assert!(screen(&a).contains("quit anyway?"), "{}", screen(&a));
    // Anything but y stays, and is not typed into the draft.
    type_keys(&mut a, "x");
    assert!(!a.quit);
    assert_eq!(compose_unsaved::texts(&a), ["words worth keeping"]);
    // Closed (after saying yes), then q from the thread: asked again, y quits.
    esc(&mut a);
    type_keys(&mut a, "y");
    assert!(a.composer().is_none());
    let q = type_keys(&mut a, "q");
    assert!(
        !q.contains(&Effect::Quit),
        "q asks first: {q:?} {:?}",
        a.message
    );
    assert!(type_keys(&mut a, "y").contains(&Effect::Quit) && a.quit);
    // The text goes to the terminal shell, which writes it out after restoring the terminal.
    assert_eq!(compose_unsaved::texts(&a), ["words worth keeping"]);
}

#[test]
fn a_later_successful_save_clears_the_question() {
    let mut a = typing("x");
    failed_save(&mut a);
    let key = a.composer().map(|c| c.key.clone()).expect("composer");
    send(&mut a, Msg::DraftSaved { key, error: None });
    assert!(compose_unsaved::texts(&a).is_empty());
    esc(&mut a);
    assert!(a.composer().is_none(), "nothing to ask: closed at once");
}
