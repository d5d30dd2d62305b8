//! Hostile input: nothing that can drive a terminal survives into a span.

use super::super::{Doc, html_to_line, sanitize_line, sanitize_text};

fn is_bidi_or_invisible(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}'
        | '\u{61c}' | '\u{200b}' | '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// Every span of every line at a few widths is free of controls and bidi characters.
fn assert_clean(doc: &Doc) {
    for width in [10, 33, 80] {
        for line in doc.layout(width) {
            for span in &line.spans {
                for c in span.text.chars() {
                    assert!(
                        !c.is_control() && !is_bidi_or_invisible(c),
                        "{c:?} in span {span:?}"
                    );
                }
            }
        }
    }
    for url in doc.links() {
        assert!(
            url.chars()
                .all(|c| !c.is_control() && !is_bidi_or_invisible(c)),
            "{url:?}"
        );
    }
}

const PAYLOADS: &[&str] = &[
    "\x1b[31m",
    "\x1b[2J\x1b[H",
    "\x1b]0;pwned\x07",
    "\x1b]0;pwned\x1b\\",
    "\x1b]8;;https://evil.example/\x1b\\",
    "\x1bP1$qm\x1b\\",
    "\x1b_apc\x1b\\",
    "\u{9b}31;1m",
    "\u{9d}0;t\u{9c}",
    "\u{90}dcs\u{9c}",
    "\x00\x01\x07\x08\x0b\x0c\x0e\x1f\x7f\u{85}",
    "\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}\u{200e}\u{200f}\u{61c}",
    "\x1b",
    "\x1b[",
];

#[test]
fn escape_sequences_in_text_vanish_and_the_text_around_them_survives() {
    let doc = Doc::parse("<p>safe\x1b[31mred</p>");
    assert_eq!(doc.layout(80)[0].plain(), "safered");
    for payload in PAYLOADS {
        let html = format!("<p>before{payload}after <b>x{payload}y</b></p>");
        let doc = Doc::parse(&html);
        assert_clean(&doc);
        let text = doc.layout(80)[0].plain();
        assert!(text.starts_with("before"), "{payload:?} → {text:?}");
    }
}

#[test]
fn an_osc8_hyperlink_leaves_only_its_visible_text() {
    let html = "<p>\x1b]8;;https://evil.example/\x1b\\click here\x1b]8;;\x1b\\ ok</p>";
    assert_eq!(Doc::parse(html).layout(80)[0].plain(), "click here ok");
}

#[test]
fn hostile_alt_text_href_and_pre_are_cleaned() {
    for payload in PAYLOADS {
        let html = format!(
            "<p><img alt=\"cat{payload}dog\"><a href=\"https://x.example/{payload}p\">l{payload}n</a></p>\
             <pre>code{payload}\n\tmore{payload}</pre><blockquote>q{payload}</blockquote>\
             <ul><li>i{payload}</li></ul>"
        );
        assert_clean(&Doc::parse(&html));
    }
    let doc = Doc::parse("<img alt=\"cat\x1b[31mdog\u{202e}\">");
    assert_eq!(doc.layout(80)[0].plain(), "[image: catdog]");
}

#[test]
fn entity_encoded_controls_are_cleaned_too() {
    // The parser decodes these into real control characters before we see them.
    // (&#x9b; is not CSI: HTML maps references in 0x80–0x9F to Windows-1252, here '›'.)
    let doc = Doc::parse("<p>a&#27;[31mb&#x202E;c&#x9b;1md&#7;e&#x2066;f</p>");
    assert_clean(&doc);
    assert_eq!(doc.layout(80)[0].plain(), "abc\u{203a}1mdef");
}

#[test]
fn names_and_titles_are_cleaned_through_sanitize_line_and_html_to_line() {
    for payload in PAYLOADS {
        let name = sanitize_line(&format!("Al{payload}ice"));
        assert!(
            name.chars()
                .all(|c| !c.is_control() && !is_bidi_or_invisible(c)),
            "{name:?}"
        );
        assert!(name.starts_with("Al"), "{payload:?} → {name:?}");
        let title = html_to_line(&format!("<em>Ti{payload}tle</em>"));
        assert!(
            title
                .chars()
                .all(|c| !c.is_control() && !is_bidi_or_invisible(c)),
            "{title:?}"
        );
        let text = sanitize_text(&format!("line{payload}\nnext"));
        assert!(
            text.chars()
                .all(|c| c == '\n' || !c.is_control() && !is_bidi_or_invisible(c))
        );
    }
    assert_eq!(sanitize_line("Bob\u{202e}gnp.exe"), "Bobgnp.exe");
}

#[test]
fn html_to_line_decodes_entities_and_drops_tags() {
    assert_eq!(
        html_to_line("Hello &amp; &#8217;bye&#8217; <em>x</em>"),
        "Hello & \u{2019}bye\u{2019} x"
    );
    assert_eq!(
        html_to_line("two<br>lines\n<p>and a block</p>"),
        "two lines and a block"
    );
    assert_eq!(html_to_line("plain  title\n"), "plain title");
}

#[test]
fn absurdly_deep_nesting_does_not_overflow_the_stack() {
    // Far beyond the walk's depth cap; html5ever itself is slow on deeper input in debug builds.
    let depth = 1500;
    let html = format!(
        "{}deep{}",
        "<blockquote><b>".repeat(depth),
        "</b></blockquote>".repeat(depth)
    );
    let doc = Doc::parse(&html);
    let lines = doc.layout(40);
    assert!(lines.iter().any(|l| l.plain().contains("deep")));
    assert!(lines.iter().all(|l| l.width() <= 40));
    let html = format!("{}x", "<ul><li>".repeat(depth));
    assert!(Doc::parse(&html).layout(40).iter().all(|l| l.width() <= 40));
}

#[test]
fn an_unterminated_string_sequence_swallows_only_its_own_text_node() {
    let doc = Doc::parse("<p>a\x1b]0;title <b>bold</b> rest</p>");
    assert_eq!(doc.layout(80)[0].plain(), "abold rest");
}
