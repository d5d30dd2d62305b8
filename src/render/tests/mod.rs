//! Use-case tests for the renderer, split by concern. Unit tests of the sanitizer and of
//! width measuring live next to that code.

mod blocks;
mod hostile;
mod invariants;
mod links;
mod text;

use super::{Doc, Line};

/// The plain text of each line of `html` laid out at `width`.
fn render(html: &str, width: usize) -> Vec<String> {
    Doc::parse(html)
        .layout(width)
        .iter()
        .map(Line::plain)
        .collect()
}

/// A body using every construct the renderer knows, for invariant checks.
const RICH: &str = r#"<h2>A heading that is long enough to wrap</h2>
<p>First paragraph with <strong>bold</strong>, <em>italic</em>, <code>inline_code()</code>,
<del>struck</del> and a <a href="https://example.com/a/rather/long/path/that/keeps/going?q=1&amp;r=2">link with words</a>.<br />
Second line after a break, with 日本語のテキスト and emoji 👨‍👩‍👧 🇫🇷 e&#769;.</p>
<blockquote><p>Quoted text that goes on for a while so that it has to wrap inside the bar.</p>
<blockquote><p>Nested quote, also long enough to wrap at narrow widths, with https://example.org/autolinked</p></blockquote></blockquote>
<ol start="9"><li>ninth item with enough words to wrap under its own text</li><li>tenth<ul><li>nested bullet that also wraps around at small widths</li></ul></li></ol>
<pre>fn main() {
	println!("a very long line of code that must never be wrapped by the renderer at all");
}</pre>
<p><img src="x.png" alt="a cat" /> Supercalifragilisticexpialidociousandthensomemoreletters.</p>
<hr />
<p><a href="mailto:someone@example.com">mail</a> <a href="javascript:alert(1)">evil</a></p>"#;
