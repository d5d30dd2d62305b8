//! Links: numbering, reuse, the reference list, and what is not a link.

use super::super::Doc;
use super::render;

#[test]
fn links_are_numbered_in_reading_order_and_listed_after_the_body() {
    let html = r#"<p>See <a href="https://a.example/">the docs</a> and <a href="http://b.example/x">this</a>.</p>"#;
    let doc = Doc::parse(html);
    assert_eq!(doc.links(), ["https://a.example/", "http://b.example/x"]);
    assert_eq!(
        render(html, 80),
        [
            "See the docs[1] and this[2].",
            "",
            "[1] https://a.example/",
            "[2] http://b.example/x"
        ]
    );
    let first = &doc.layout(80)[0];
    let text = first
        .spans
        .iter()
        .find(|s| s.text.contains("docs"))
        .unwrap();
    assert!(text.style.link);
    let marker = first.spans.iter().find(|s| s.text == "[1]").unwrap();
    assert!(marker.style.link_ref && !marker.style.link);
}

#[test]
fn the_same_url_twice_reuses_its_number() {
    let html = r#"<a href="https://x.example/">one</a> <a href="https://y.example/">two</a> <a href="https://x.example/">again</a>"#;
    let doc = Doc::parse(html);
    assert_eq!(doc.links().len(), 2);
    assert_eq!(doc.layout(80)[0].plain(), "one[1] two[2] again[1]");
}

#[test]
fn an_autolinked_url_is_still_numbered() {
    let html =
        r#"<p><a href="https://wp.example/p/1" rel="nofollow ugc">https://wp.example/p/1</a></p>"#;
    assert_eq!(
        render(html, 80),
        [
            "https://wp.example/p/1[1]",
            "",
            "[1] https://wp.example/p/1"
        ]
    );
}

#[test]
fn javascript_and_other_schemes_are_text_without_a_reference() {
    let html = r#"<p><a href="javascript:alert(1)">click</a> <a href="JaVaScRiPt:x">me</a> <a href="data:text/html,x">data</a> <a href="/relative">rel</a> <a>none</a> <a href="MAILTO:a@b.example">mail</a></p>"#;
    let doc = Doc::parse(html);
    assert_eq!(doc.links(), ["mailto:a@b.example"]);
    let first = &doc.layout(80)[0];
    assert_eq!(first.plain(), "click me data rel none mail[1]");
    assert!(
        !first
            .spans
            .iter()
            .find(|s| s.text.contains("click"))
            .unwrap()
            .style
            .link
    );
}

#[test]
fn long_urls_in_the_reference_list_break_anywhere_and_align_after_the_label() {
    let url = format!("https://example.com/{}", "abcdefghij".repeat(4));
    let html = format!(r#"<a href="{url}">x</a>"#);
    let lines = render(&html, 24);
    assert_eq!(
        lines,
        [
            "x[1]",
            "",
            "[1] https://example.com/",
            "    abcdefghijabcdefghij",
            "    abcdefghijabcdefghij"
        ]
    );
    let rejoined: String = lines[2..].iter().map(|l| l[4..].to_string()).collect();
    assert_eq!(rejoined, url);
}

#[test]
fn a_reference_stays_glued_to_link_text_that_ends_in_a_space() {
    assert_eq!(
        render(r#"<a href="https://a.example/">text </a>more"#, 80)[0],
        "text[1] more"
    );
}

#[test]
fn a_link_around_an_image_is_numbered_after_the_placeholder() {
    let html = r#"<a href="https://a.example/big.jpg"><img src="t.jpg" alt="thumb"></a>"#;
    assert_eq!(render(html, 80)[0], "[image: thumb][1]");
}

#[test]
fn a_look_alike_host_is_listed_as_the_browser_will_open_it() {
    // "раypal" with Cyrillic а and р, and a familiar name hidden in the user-info.
    let html = "<p><a href=\"https://\u{440}\u{430}ypal.example/login\">pay</a> \
        <a href=\"https://accounts.bank.example@evil.example/\">bank</a></p>";
    let doc = Doc::parse(html);
    assert_eq!(
        doc.links(),
        [
            "https://xn--ypal-43d9g.example/login",
            "https://evil.example/"
        ]
    );
    let shown = render(html, 80).join("\n");
    assert!(
        shown.contains("[1] https://xn--ypal-43d9g.example/login"),
        "{shown}"
    );
    assert!(
        !shown.contains('\u{440}') && !shown.contains("bank.example@"),
        "{shown}"
    );
}
