//! Properties that must hold at every width.

use super::super::{Doc, display_width};
use super::{RICH, render};

#[test]
fn no_line_outside_pre_is_wider_than_the_width() {
    let doc = Doc::parse(RICH);
    for width in 10..=80 {
        for line in doc.layout(width) {
            let pre = line.spans.iter().any(|s| s.style.pre);
            assert!(
                pre || line.spans.iter().all(|s| !s.text.is_empty()),
                "empty span"
            );
            assert!(
                pre || !line.plain().ends_with(' '),
                "trailing space: {:?}",
                line.plain()
            );
            assert!(
                pre || line.width() <= width,
                "width {width}: {:?} is {}",
                line.plain(),
                line.width()
            );
        }
    }
}

#[test]
fn blank_lines_are_single_and_never_at_the_ends() {
    let doc = Doc::parse(RICH);
    for width in 10..=80 {
        let lines = doc.layout(width);
        assert!(!lines.first().unwrap().spans.is_empty());
        assert!(!lines.last().unwrap().spans.is_empty());
        for pair in lines.windows(2) {
            assert!(
                !(pair[0].spans.is_empty() && pair[1].spans.is_empty()),
                "width {width}"
            );
        }
    }
}

#[test]
fn widths_below_ten_are_laid_out_as_ten() {
    let doc = Doc::parse(RICH);
    assert_eq!(doc.layout(1), doc.layout(10));
    assert_eq!(doc.layout(0), doc.layout(10));
}

#[test]
fn no_text_is_lost_by_wrapping() {
    let doc = Doc::parse(RICH);
    // Quote bars and the rule's dashes are decoration that depends on the width.
    let squash = |s: &str| {
        s.chars()
            .filter(|c| !c.is_whitespace() && !matches!(c, '│' | '─'))
            .collect::<String>()
    };
    let wide: String = doc.layout(200).iter().map(|l| squash(&l.plain())).collect();
    for width in [10, 17, 40] {
        let narrow: String = doc
            .layout(width)
            .iter()
            .map(|l| squash(&l.plain()))
            .collect();
        assert_eq!(narrow, wide, "width {width}");
    }
}

#[test]
fn cjk_text_without_spaces_fills_lines_and_breaks_between_ideographs() {
    let lines = render("<p>日本語のテキストはスペースなしで折り返されます</p>", 10);
    assert_eq!(lines[0], "日本語のテ");
    assert!(lines.iter().all(|l| display_width(l) <= 10));
}

#[test]
fn emoji_clusters_are_never_split_when_breaking_a_long_word() {
    let family = "👨‍👩‍👧";
    let lines = render(&format!("<p>{}</p>", family.repeat(12)), 11);
    for line in &lines {
        assert_eq!(line.replace(family, ""), "", "{line:?} split a cluster");
        assert!(display_width(line) <= 11);
    }
}

#[test]
fn plain_text_contains_every_word_for_search() {
    let text = Doc::parse(RICH).plain_text();
    for word in [
        "heading",
        "bold",
        "inline_code()",
        "Quoted",
        "Nested",
        "ninth",
        "nested bullet",
        "println!",
        "a cat",
        "mail",
        "日本語",
    ] {
        assert!(text.contains(word), "{word:?} missing from {text:?}");
    }
    assert!(!text.contains("[1]"), "reference markers are not content");
    assert_eq!(
        Doc::parse("<p>one</p><p>two<br>three</p>").plain_text(),
        "one\ntwo\nthree"
    );
}

#[test]
fn a_grapheme_cluster_wider_than_the_line_is_split_rather_than_overflowing() {
    // Devanagari conjuncts chain into one cluster without limit: here 21 columns.
    let chain = format!("{}क", "क्".repeat(20));
    for line in Doc::parse(&format!("<p>{chain}</p>")).layout(10) {
        assert!(line.width() <= 10, "{:?}", line.plain());
    }
}

#[test]
fn an_unbounded_width_puts_each_paragraph_on_one_line() {
    let html = "<p>one two three four five six seven eight nine ten eleven</p><hr><p>x</p>";
    let lines = render(html, usize::MAX);
    assert_eq!(
        lines[0],
        "one two three four five six seven eight nine ten eleven"
    );
    assert_eq!(lines.len(), 5);
}
