//! ctrl-q in the composer always answers: it quotes the comment replied to (a top-level one
//! as well as a reply), or says why there is nothing to quote.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::app::App;
use wpcomments::tui::testing::{
    comment, key, render, sample_comments, selected, thread_data, type_keys,
};

use crate::compose::online;

fn ctrl_q(a: &mut App) {
    key(a, KeyCode::Char('q'), KeyModifiers::CONTROL);
}

fn text(a: &App) -> String {
    a.composer().expect("composer open").text()
}

fn screen(a: &App) -> String {
    let shown = render(a).backend().to_string();
    shown.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn ctrl_q_replying_to_a_top_level_comment_quotes_it() {
    let mut a = online(thread_data("Fixture", sample_comments()), 80, 30);
    assert_eq!(selected(&a), Some(1), "alice's comment is top-level");
    type_keys(&mut a, "r");
    ctrl_q(&mut a);
    assert_eq!(text(&a), "> first thought\n\n");
    assert!(a.composer().unwrap().error.is_none());
}

#[test]
fn ctrl_q_in_a_new_comment_says_there_is_nothing_to_quote() {
    let mut a = online(thread_data("Fixture", sample_comments()), 80, 30);
    type_keys(&mut a, "c");
    ctrl_q(&mut a);
    assert_eq!(text(&a), "");
    let said = a.message.clone().unwrap_or_default();
    assert!(
        said.starts_with("nothing to quote: this is a new comment"),
        "{said}"
    );
    assert_eq!(a.composer().unwrap().error.as_deref(), Some(said.as_str()));
    assert!(screen(&a).contains("nothing to quote"));
}

#[test]
fn ctrl_q_on_a_comment_without_text_says_so() {
    let comments = vec![
        comment(1, 0, 1, "alice", "<p> </p>"),
        comment(2, 1, 2, "bob", "<p>an empty comment?</p>"),
    ];
    let mut a = online(thread_data("Fixture", comments), 80, 30);
    type_keys(&mut a, "r");
    ctrl_q(&mut a);
    assert_eq!(text(&a), "", "nothing was inserted");
    assert_eq!(
        a.message.as_deref(),
        Some("nothing to quote: alice's comment has no text")
    );
    // Typing on clears the note.
    type_keys(&mut a, "x");
    assert!(a.composer().unwrap().error.is_none());
}
