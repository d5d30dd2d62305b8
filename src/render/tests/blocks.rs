//! Block structure: paragraphs, breaks, quotes, lists, pre, inline styles, images.

use super::super::{Doc, Span, SpanStyle};
use super::render;

/// The spans of every line, flattened, for style assertions.
fn spans(html: &str, width: usize) -> Vec<Span> {
    Doc::parse(html)
        .layout(width)
        .into_iter()
        .flat_map(|l| l.spans)
        .collect()
}

fn span_with<'a>(spans: &'a [Span], text: &str) -> &'a Span {
    spans
        .iter()
        .find(|s| s.text.contains(text))
        .unwrap_or_else(|| panic!("no span containing {text:?} in {spans:?}"))
}

#[test]
fn wordpress_paragraphs_are_separated_by_one_empty_line_and_br_breaks_a_line() {
    let html = "<p>Hello there,<br />\nsecond line</p>\n<p>Next paragraph</p>\n";
    assert_eq!(
        render(html, 40),
        ["Hello there,", "second line", "", "Next paragraph"]
    );
}

#[test]
fn double_br_leaves_one_blank_line_and_stray_breaks_leave_none() {
    let html = "<p><br>a<br><br><br><br>b<br><br></p><p></p><p>&nbsp;</p><p>c</p>";
    assert_eq!(render(html, 40), ["a", "", "b", "", "c"]);
}

#[test]
fn source_whitespace_collapses_like_a_browser() {
    let html = "<p>  lots   of\n\n spaces\tand <b> tags </b> here  </p>";
    assert_eq!(render(html, 80), ["lots of spaces and tags here"]);
}

#[test]
fn non_breaking_space_keeps_words_together_but_prints_as_a_space() {
    let lines = render("<p>aaaa bbbb 10&nbsp;km</p>", 12);
    assert_eq!(lines, ["aaaa bbbb", "10 km"]);
}

#[test]
fn entities_are_decoded() {
    let html = "<p>Tom &amp; Jerry &#8217;quoted&#8217; &lt;tag&gt; &eacute; &#x1F600;</p>";
    assert_eq!(
        render(html, 80),
        ["Tom & Jerry \u{2019}quoted\u{2019} <tag> é 😀"]
    );
}

#[test]
fn nested_blockquotes_repeat_the_bar_and_wrap_inside_it() {
    let html = "<blockquote><p>outer quote text that wraps</p>\
                <blockquote><p>inner quote text that wraps too</p></blockquote></blockquote>\
                <p>after</p>";
    let lines = render(html, 20);
    assert_eq!(
        lines,
        [
            "│ outer quote text",
            "│ that wraps",
            "│",
            "│ │ inner quote text",
            "│ │ that wraps too",
            "",
            "after"
        ]
    );
    let doc = Doc::parse(html).layout(20);
    let bar = &doc[3].spans[0];
    assert_eq!(bar.text, "│ ");
    assert!(bar.style.quote);
    assert_eq!(
        doc[3].spans[1].text, "│ ",
        "each level has its own bar span"
    );
    assert!(
        doc[3].spans[2].style.quote,
        "quoted text is marked as quote too"
    );
}

#[test]
fn ordered_list_honours_start_and_aligns_numbers() {
    let html = r#"<ol start="9"><li>nine</li><li>ten</li></ol>"#;
    assert_eq!(render(html, 40), [" 9. nine", "10. ten"]);
    let marker = &Doc::parse(html).layout(40)[0].spans[0];
    assert_eq!(marker.text, " 9. ");
    assert!(marker.style.list_marker);
}

#[test]
fn reversed_list_and_item_value_are_honoured() {
    assert_eq!(
        render("<ol reversed><li>a</li><li>b</li></ol>", 40),
        ["2. a", "1. b"]
    );
    assert_eq!(
        render(r#"<ol><li>a</li><li value="7">b</li><li>c</li></ol>"#, 40),
        ["1. a", "7. b", "8. c"]
    );
}

#[test]
fn nested_lists_indent_by_two_and_continuation_lines_hang_under_the_text() {
    let html = "<p>intro</p><ul><li>first item that wraps onto another line\
                <ul><li>nested item that wraps as well</li></ul></li><li>second</li></ul>";
    assert_eq!(
        render(html, 22),
        [
            "intro",
            "",
            "• first item that",
            "  wraps onto another",
            "  line",
            "  • nested item that",
            "    wraps as well",
            "• second"
        ]
    );
}

#[test]
fn a_nested_list_written_as_a_sibling_of_its_item_joins_that_item() {
    let html = "<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>";
    assert_eq!(render(html, 40), ["• a", "  • b", "• c"]);
}

#[test]
fn pre_is_kept_verbatim_with_tabs_expanded_and_never_wrapped() {
    let long = "x".repeat(100);
    let html = format!(
        "<p>before</p><pre>\nfn main() {{\n\tlet s = \"{long}\";\n\n}}\n</pre><p>after</p>"
    );
    let doc = Doc::parse(&html).layout(30);
    let lines: Vec<String> = doc.iter().map(|l| l.plain()).collect();
    assert_eq!(
        lines,
        [
            "before",
            "",
            "fn main() {",
            &format!("    let s = \"{long}\";"),
            "",
            "}",
            "",
            "after"
        ]
    );
    assert!(doc[3].width() > 30, "the long pre line is not wrapped");
    assert!(
        doc[2..6]
            .iter()
            .all(|l| l.spans.iter().all(|s| s.style.pre))
    );
}

#[test]
fn inline_styles_land_on_the_right_spans() {
    let html = "<p>plain <strong>bold</strong> <em>ital</em> <i>i2</i> <code>x()</code> \
                <del>gone</del> <b><em>both</em></b></p><h3>Title</h3>";
    let s = spans(html, 80);
    let plain = span_with(&s, "plain");
    assert_eq!(plain.style, SpanStyle::default());
    assert!(span_with(&s, "bold").style.bold);
    assert!(span_with(&s, "ital").style.italic);
    assert!(span_with(&s, "i2").style.italic);
    assert!(span_with(&s, "x()").style.code);
    assert!(!span_with(&s, "x()").style.bold);
    assert!(span_with(&s, "gone").style.strike);
    let both = span_with(&s, "both").style;
    assert!(both.bold && both.italic);
    assert!(span_with(&s, "Title").style.heading);
}

#[test]
fn images_become_placeholders_with_their_alt_text() {
    let html = r#"<p><img src="a.png" alt="A  cat"> <img src="b.png"> <img class="wp-smiley" alt="🙂" src="s.png"></p>"#;
    assert_eq!(render(html, 80), ["[image: A cat] [image] 🙂"]);
    let s = spans(html, 80);
    assert!(span_with(&s, "[image: A cat]").style.image);
    assert!(!span_with(&s, "🙂").style.image);
}

#[test]
fn scripts_and_styles_are_dropped_and_unknown_tags_keep_their_text() {
    let html = "<p>a<script>alert(1)</script><style>p{}</style> <custom-tag>kept</custom-tag> \
                <span>too</span></p><div>block</div>";
    assert_eq!(render(html, 80), ["a kept too", "", "block"]);
}

#[test]
fn headings_and_rules_are_blocks() {
    assert_eq!(
        render("<h1>Title</h1>text<hr>more", 12),
        ["Title", "", "text", "", "────────────", "", "more"]
    );
}

#[test]
fn an_empty_body_lays_out_to_nothing() {
    assert!(Doc::parse("").layout(80).is_empty());
    assert!(Doc::parse("<p>\n</p>\n").layout(80).is_empty());
    assert!(Doc::parse("<p> </p>").is_empty());
}
