//! The composer's text helpers: plain text as WordPress will show it (for the preview),
//! quoting the parent, and the short labels the composer and header use.

use crate::identity::{Identity, Kind};
use crate::render::{Doc, sanitize_line, truncate_to_width};

/// Plain text → HTML the way WordPress's `wpautop` treats a comment typed in a text box:
/// a blank line starts a new paragraph, a single newline is a line break. The tags
/// WordPress lets commenters use (`<em>`, `<a href>`, `<code>`…) and entities are kept, as
/// the site will show them; every other `<` and `&` is escaped and shows as typed.
pub fn to_html(text: &str) -> String {
    let mut out = String::new();
    let mut para: Vec<String> = Vec::new();
    let flush = |para: &mut Vec<String>, out: &mut String| {
        if !para.is_empty() {
            out.push_str("<p>");
            out.push_str(&para.join("<br />\n"));
            out.push_str("</p>\n");
            para.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut out);
        } else {
            para.push(escape(line));
        }
    }
    flush(&mut para, &mut out);
    out
}

/// The draft parsed by the same renderer as comments.
pub fn preview(text: &str) -> Doc {
    Doc::parse(&to_html(text))
}

/// What `wp_kses` allows in comments by default (`$allowedtags`).
const COMMENT_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "b",
    "blockquote",
    "cite",
    "code",
    "del",
    "em",
    "i",
    "q",
    "s",
    "strike",
    "strong",
];

/// The length of an allowed tag (`<em>`, `</a>`, `<a href="…">`) at the start of `s`.
fn allowed_tag(s: &str) -> Option<usize> {
    let end = s.find('>')?;
    let inner = &s[1..end];
    if inner.contains('<') {
        return None;
    }
    let name = inner.strip_prefix('/').unwrap_or(inner);
    let name = name.split(|c: char| c.is_whitespace()).next()?;
    COMMENT_TAGS
        .iter()
        .any(|t| t.eq_ignore_ascii_case(name))
        .then_some(end + 1)
}

/// The length of an entity (`&amp;`, `&#8217;`, `&#x2019;`) at the start of `s`.
fn entity(s: &str) -> Option<usize> {
    let end = s.find(';')?;
    let body = &s[1..end];
    let ok = match body.strip_prefix('#') {
        Some(num) => match num.strip_prefix(['x', 'X']) {
            Some(hex) => !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()),
            None => !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()),
        },
        None => {
            !body.is_empty() && body.len() <= 32 && body.chars().all(|c| c.is_ascii_alphanumeric())
        }
    };
    ok.then_some(end + 1)
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let kept = match c {
            '<' => allowed_tag(rest),
            '&' => entity(rest),
            _ => None,
        };
        if let Some(n) = kept {
            out.push_str(&rest[..n]);
            rest = &rest[n..];
            continue;
        }
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The parent's text as `> ` lines, followed by a blank line to type under.
pub fn quote(plain: &str) -> String {
    let mut out = String::new();
    for line in plain.lines() {
        let line = sanitize_line(line);
        if line.is_empty() {
            out.push_str(">\n");
        } else {
            out.push_str("> ");
            out.push_str(&line);
            out.push('\n');
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out
}

/// The first line of a comment's text, cut to `width` columns.
pub fn first_line(plain: &str, width: usize) -> String {
    let line = plain.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = sanitize_line(line);
    let more = plain.lines().filter(|l| !l.trim().is_empty()).count() > 1;
    let line = if more { format!("{line} …") } else { line };
    truncate_to_width(&line, width)
}

/// Text typed in or read back from an editor, made safe to keep and show: control
/// characters (escape sequences included) are dropped line by line, tabs become spaces,
/// trailing blank lines go.
pub fn clean(text: &str) -> String {
    let lines: Vec<String> = text
        .replace("\r\n", "\n")
        .split('\n')
        .map(|l| {
            l.replace('\t', "    ")
                .chars()
                .filter(|c| !crate::render::is_unsafe_char(*c))
                .collect()
        })
        .collect();
    lines.join("\n").trim_end().to_owned()
}

/// Who a post goes out as, in words: `admin (application password)`, `guest Ada`,
/// `anonymous`.
pub fn identity_label(identity: Option<&Identity>) -> String {
    match identity {
        None => "anonymous".to_owned(),
        Some(i) if i.kind == Kind::Guest => {
            let name = i
                .author_name
                .as_deref()
                .map(sanitize_line)
                .filter(|n| !n.is_empty())
                .unwrap_or_else(|| sanitize_line(&i.name));
            format!("guest {name}")
        }
        Some(i) => format!("{} ({})", sanitize_line(&i.name), i.kind.label()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_make_paragraphs_and_newlines_breaks() {
        assert_eq!(
            to_html("one\ntwo\n\n\nthree <b>&"),
            "<p>one<br />\ntwo</p>\n<p>three <b>&amp;</p>\n"
        );
        assert_eq!(
            to_html("a < b <script>x</script> &copy; &#8217; & <em>yes</em>"),
            "<p>a &lt; b &lt;script&gt;x&lt;/script&gt; &copy; &#8217; &amp; <em>yes</em></p>\n"
        );
        assert_eq!(to_html("\n \n"), "");
        let doc = preview("hello\n\nworld");
        assert_eq!(doc.plain_text(), "hello\nworld");
    }

    #[test]
    fn quoting_prefixes_every_line() {
        assert_eq!(quote("a\nb"), "> a\n> b\n\n");
        assert_eq!(quote(""), "");
    }

    #[test]
    fn cleaning_drops_escape_sequences_and_trailing_blank_lines() {
        assert_eq!(clean("a\x1b[31mred\r\n\tb\n\n"), "a[31mred\n    b");
    }
}
