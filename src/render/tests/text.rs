//! Text details from field reports: soft hyphens, narrow widths, ASCII glyphs.

use super::render;
use crate::render::{Doc, Line};

#[test]
fn soft_hyphens_break_a_long_word_with_a_visible_hyphen() {
    let html = "<p>Antidis&shy;establish&shy;ment&shy;arian&shy;ism</p>";
    assert_eq!(render(html, 17), ["Antidisestablish-", "mentarianism"]);
    // Wide enough: no hyphen and no break; search and dumps see the whole word.
    assert_eq!(render(html, 40), ["Antidisestablishmentarianism"]);
    assert_eq!(
        Doc::parse(html).plain_text(),
        "Antidisestablishmentarianism"
    );
    // Narrow: every line ends at a syllable, with its hyphen, within the width.
    let narrow = render(html, 10);
    assert_eq!(narrow, ["Antidis-", "establish-", "mentarian-", "ism"]);
}

#[test]
fn a_soft_hyphen_before_a_space_or_at_the_end_adds_nothing() {
    assert_eq!(render("<p>one&shy; two&shy;</p>", 40), ["one two"]);
    assert_eq!(render("<pre>pre&shy;formatted</pre>", 40), ["preformatted"]);
}

#[test]
fn narrow_widths_down_to_ten_columns_hold() {
    let html = "<blockquote><p>quoted words that wrap</p></blockquote><ul><li>item text</li></ul>";
    for line in Doc::parse(html).layout(10) {
        assert!(line.width() <= 10, "{:?}", line.plain());
    }
}

#[test]
fn ascii_layout_draws_quote_bars_bullets_and_rules_in_ascii() {
    let html =
        "<blockquote><p>quoted</p></blockquote><ul><li>item</li></ul><hr><p>\u{2502} kept</p>";
    let lines: Vec<String> = Doc::parse(html)
        .layout_with(20, true)
        .iter()
        .map(Line::plain)
        .collect();
    assert_eq!(
        lines,
        [
            "| quoted",
            "",
            "* item",
            "",
            "-".repeat(20).as_str(),
            "",
            "\u{2502} kept"
        ]
    );
}
