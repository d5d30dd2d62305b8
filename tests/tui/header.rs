//! The comment header line: the id shown dimmed, the whole selected comment highlighted,
//! and a header that degrades without cutting anything mid-word at deep indentation.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use wpcomments::tui::testing::{app, comment, open, render, sample_app, thread_data, type_keys};

fn rows(term: &Terminal<TestBackend>) -> Vec<String> {
    let buf = term.backend().buffer();
    (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect())
        .collect()
}

/// A chain of nine comments, each replying to the one before (reply levels 0 to 8).
fn chain(author: &str) -> Vec<wpcomments::model::Comment> {
    (1..=9)
        .map(|id| {
            comment(
                id,
                id - 1,
                id as i64,
                author,
                &format!("<p>level {}</p>", id - 1),
            )
        })
        .collect()
}

/// The header row of comment `id`: the row whose text ends with `#id` (the id is last
/// when there are no badges); panics if it is cut or missing.
fn header_of(rows: &[String], id: u64) -> String {
    let tag = format!(" #{id}");
    rows.iter()
        .map(|r| r.trim_end().to_owned())
        .find(|r| r.ends_with(&tag))
        .unwrap_or_else(|| panic!("no whole header for #{id} in {rows:#?}"))
}

/// The date between ` · ` and the id is whole: date, time and zone; date and time; or the day.
fn whole_date(date: &str) -> bool {
    let forms = ["2024-05-01 00:0N UTC", "2024-05-01 00:0N", "2024-05-01"];
    forms.iter().any(|form| {
        form.len() == date.len()
            && form
                .chars()
                .zip(date.chars())
                .all(|(f, d)| f == d || (f == 'N' && d.is_ascii_digit()))
    })
}

#[test]
fn at_40_columns_and_8_reply_levels_the_header_keeps_the_id_a_whole_date_and_a_marked_name() {
    for (width, date_required) in [(40, true), (30, false), (24, false)] {
        for author in ["al", "Bartholomew Featherstonehaugh"] {
            let mut a = app(width, 60);
            open(&mut a, thread_data("Deep", chain(author)), None);
            let rows = rows(&render(&a));
            for id in 1..=9 {
                let header = header_of(&rows, id);
                let what = format!("{width} columns, {author}, #{id}: {header:?}");
                let text = header
                    .trim_start_matches([' ', '│', '▌'])
                    .trim_end_matches(&format!(" #{id}"));
                let (name, date) = text.split_once(" · ").unwrap_or((text, ""));
                // The name is whole, or shortened with an ellipsis, never cut bare.
                assert!(
                    name == author || (name.ends_with('…') && name.len() > 1),
                    "{what}"
                );
                if date_required || !date.is_empty() {
                    assert!(whole_date(date), "{what}");
                }
            }
            // With room, nothing is given up: the age and the zone are there at level 0.
            if width == 40 && author == "al" {
                let first = header_of(&rows, 1);
                assert!(first.contains("2024-05-01 00:01 UTC"), "{first}");
            }
        }
    }
    // Deepest first: the age, then the name, then the zone, then the time.
    let mut a = app(40, 60);
    open(
        &mut a,
        thread_data("Deep", chain("Bartholomew Featherstonehaugh")),
        None,
    );
    let rows = rows(&render(&a));
    assert!(header_of(&rows, 1).contains("00:01 UTC"));
    assert!(header_of(&rows, 9).ends_with("Bartho… · 2024-05-01 #9"));
}

#[test]
fn with_room_the_header_has_the_age_the_full_name_and_date() {
    let mut a = app(80, 30);
    open(
        &mut a,
        thread_data("Deep", chain("Bartholomew Featherstonehaugh")),
        None,
    );
    let rows = rows(&render(&a));
    assert!(
        header_of(&rows, 1)
            .contains("Bartholomew Featherstonehaugh · 1 month ago · 2024-05-01 00:01 UTC #1")
    );
}

#[test]
fn the_comment_id_is_shown_dimmed_in_the_header() {
    let a = sample_app();
    let term = render(&a);
    let buf = term.backend().buffer();
    let rows = rows(&term);
    let header = header_of(&rows, 4);
    let y = rows.iter().position(|r| r.trim_end() == header).unwrap() as u16;
    let x = header.chars().count() as u16 - 2; // the `#` of `#4`
    assert_eq!(buf[(x, y)].symbol(), "#");
    assert!(
        buf[(x, y)].modifier.contains(Modifier::DIM),
        "the id is dimmed"
    );
    // The author is not.
    let author_x = header.chars().position(|c| c == 'd').unwrap() as u16;
    assert!(!buf[(author_x, y)].modifier.contains(Modifier::DIM));
}

#[test]
fn the_whole_selected_comment_is_highlighted_not_only_its_header() {
    let mut a = sample_app();
    type_keys(&mut a, "j");
    let selected_bg = a
        .theme()
        .selected
        .bg
        .expect("the default theme has a selection colour");
    let term = render(&a);
    let buf = term.backend().buffer();
    let rows = rows(&term);
    let y_of = |needle: &str| rows.iter().position(|r| r.contains(needle)).unwrap() as u16;
    // bob's header and body, and a column past the text: the selection colour.
    for (what, y) in [
        ("header", y_of(" #2")),
        ("body", y_of("a reply with a needle")),
    ] {
        for x in [5, 40, 79] {
            assert_eq!(buf[(x, y)].bg, selected_bg, "bob's {what} at column {x}");
        }
    }
    // alice's body, above it, is not selected.
    assert_ne!(buf[(40, y_of("first thought"))].bg, selected_bg);
}
