//! HTML renderer + sanitizer: any bytes as a comment body. Never panics; every laid-out line
//! is free of controls, bidi controls and lone joiners, and (outside `<pre>`) no wider than
//! the width asked for.
#![no_main]

use libfuzzer_sys::fuzz_target;
use wpcomments::render::{
    Doc, display_width, has_lone_joiner, html_to_line, is_unsafe_char, sanitize_line,
    sanitize_text,
};

/// Unsafe characters, except the tag characters of a subdivision flag (🏴 + tags).
fn assert_clean(text: &str) {
    let flag = text.contains('\u{1f3f4}');
    let bad = |c: char| is_unsafe_char(c) && !(flag && ('\u{e0020}'..='\u{e007f}').contains(&c));
    assert!(!text.chars().any(bad), "{text:?}");
    assert!(!has_lone_joiner(text), "{text:?}");
}

fuzz_target!(|data: &[u8]| {
    let Some((&w, rest)) = data.split_first() else {
        return;
    };
    let html = String::from_utf8_lossy(rest);
    let width = 10 + usize::from(w % 90);
    let doc = Doc::parse(&html);
    for line in doc.layout_with(width, w & 0x80 != 0) {
        assert_clean(&line.plain());
        let pre = line.spans.iter().any(|s| s.style.pre);
        assert!(pre || line.width() <= width, "{} > {width}: {:?}", line.width(), line.plain());
    }
    let _ = doc.plain_text();
    for text in [sanitize_line(&html), html_to_line(&html)] {
        assert_clean(&text);
        let _ = display_width(&text);
    }
    for line in sanitize_text(&html).split('\n') {
        assert_clean(line);
    }
});
