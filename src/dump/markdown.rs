//! Markdown: a heading, then the thread as nested list items, readable on a forge.
//!
//! Comment text is untrusted: everything markdown or HTML could interpret is escaped, code
//! fences and code spans are longer than any backtick run inside them, URLs are re-encoded
//! by a URL parser, and each comment's link references get labels of their own.

use url::Url;

use std::io::Write;

use crate::model::ThreadData;
use crate::present;
use crate::render::{Doc, Line, sanitize_line};
use crate::thread::{SortOrder, Thread};

use super::DumpOptions;

/// Deeper replies stay at this list depth (forges render deeper lists poorly).
const MAX_LIST_DEPTH: usize = 6;
/// Paragraphs are not wrapped in markdown: the reader's viewer does that.
const NO_WRAP: usize = usize::MAX;

pub(super) fn write(
    data: &ThreadData,
    thread: &Thread,
    opts: &DumpOptions,
    sink: &mut dyn Write,
) -> std::io::Result<()> {
    // The separators are the only glyphs markdown draws (quotes are `>`, lists `-`).
    let dot = if opts.ascii { "-" } else { "·" };
    let mut out = format!("# {}\n\n", escape(&present::title(data)));
    let mut meta = Vec::new();
    if let Some(link) = md_url(&data.post.link) {
        meta.push(format!("<{link}>"));
    }
    let site = sanitize_line(&data.site.name);
    if !site.is_empty() {
        meta.push(escape(&site));
    }
    if let Some(a) = &data.post.author_name {
        meta.push(format!("by {}", escape(&sanitize_line(a))));
    }
    meta.push(present::utc_date_as(data.post.date_gmt, &opts.date_format));
    meta.push(present::count_line(thread.len(), data.total_reported).replace('·', dot));
    out.push_str(&meta.join(&format!(" {dot} ")));
    out.push_str("\n\n");
    if let Some(read) = &data.page_read {
        out.push_str(&format!(
            "*{}*\n\n",
            escape(&sanitize_line(&read.describe()))
        ));
    }
    for row in thread.preorder(SortOrder::OldestFirst) {
        let comment = thread.comment(row.index);
        let level = row.depth.min(MAX_LIST_DEPTH);
        let indent = "  ".repeat(level);
        let id = match md_url(&comment.link) {
            Some(link) => format!("[#{}]({link})", comment.id),
            None => format!("#{}", comment.id),
        };
        let mut head = format!(
            "{indent}- **{}** {dot} {} {dot} {id}",
            escape(&present::author(comment)),
            present::comment_utc_date(comment, &opts.date_format),
        );
        if row.depth > level {
            head.push_str(&format!(" {dot} depth {}", row.depth));
        }
        for badge in present::badges(comment, thread.node(row.index)) {
            head.push_str(&format!(" {dot} *{}*", escape(&badge.label())));
        }
        out.push_str(&head);
        out.push_str("\n\n");
        if let Some(from) = present::ping_source(comment) {
            let from = md_url(&from).map_or_else(|| escape(&from), |u| format!("<{u}>"));
            out.push_str(&format!("{indent}  from {from}\n\n"));
        }
        let doc = Doc::parse(&comment.content_html);
        body(&doc, comment.id, &format!("{indent}  "), &mut out);
        // Written a comment at a time: the dump is never whole in memory.
        sink.write_all(out.as_bytes())?;
        out.clear();
    }
    sink.write_all(out.as_bytes())
}

/// An http(s) URL re-serialized by a URL parser (which percent-encodes `<`, `>`, quotes and
/// spaces), with parentheses encoded too so it can sit in `[text](url)`.
fn md_url(raw: &str) -> Option<String> {
    let mut url = Url::parse(&sanitize_line(raw)).ok()?;
    // As everywhere a URL is shown: no user-info to pass a look-alike name off as the host.
    let _ = url.set_username("");
    let _ = url.set_password(None);
    matches!(url.scheme(), "http" | "https" | "mailto").then(|| {
        url.to_string()
            .replace('(', "%28")
            .replace(')', "%29")
            .replace('<', "%3C")
            .replace('>', "%3E")
    })
}

fn is_pre(line: &Line) -> bool {
    !line.spans.is_empty() && line.spans.iter().all(|s| s.style.pre)
}

fn body(doc: &Doc, comment_id: u64, indent: &str, out: &mut String) {
    let lines = doc.layout_body(NO_WRAP);
    let mut i = 0;
    while i < lines.len() {
        let start = i;
        if is_pre(&lines[i]) {
            while i < lines.len() && is_pre(&lines[i]) {
                i += 1;
            }
            fenced(&lines[start..i], indent, out);
            continue;
        }
        while i < lines.len() && !is_pre(&lines[i]) && !lines[i].spans.is_empty() {
            i += 1;
        }
        // Lines of one block are separate lines in the source (a <br>, a list item, a
        // quote line): a trailing backslash keeps them apart on the forge.
        // A line of quote bars alone separates paragraphs inside a quote: no break there.
        let block: Vec<(String, bool)> = lines[start..i]
            .iter()
            .map(|l| (inline(l, comment_id), quote_depth(l) < l.spans.len()))
            .collect();
        for (n, (text, has_text)) in block.iter().enumerate() {
            out.push_str(indent);
            out.push_str(text.trim_end());
            let next_has_text = block.get(n + 1).is_some_and(|(_, t)| *t);
            out.push_str(if *has_text && next_has_text {
                "\\\n"
            } else {
                "\n"
            });
        }
        if !block.is_empty() {
            out.push('\n');
        }
        while i < lines.len() && lines[i].spans.is_empty() {
            i += 1;
        }
    }
    for (n, url) in doc.links().iter().enumerate() {
        if let Some(url) = md_url(url) {
            out.push_str(&format!("{indent}[c{comment_id}-{}]: <{url}>\n", n + 1));
        }
    }
    if !doc.links().is_empty() {
        out.push('\n');
    }
}

/// A `<pre>` block in a fence longer than any backtick run inside it.
fn fenced(lines: &[Line], indent: &str, out: &mut String) {
    let texts: Vec<String> = lines.iter().map(Line::plain).collect();
    let longest = texts.iter().map(|t| longest_run(t, '`')).max().unwrap_or(0);
    let fence = "`".repeat((longest + 1).max(3));
    out.push_str(&format!("{indent}{fence}\n"));
    for text in texts {
        out.push_str(indent);
        out.push_str(text.trim_end());
        out.push('\n');
    }
    out.push_str(&format!("{indent}{fence}\n\n"));
}

fn longest_run(text: &str, ch: char) -> usize {
    let (mut best, mut cur) = (0, 0);
    for c in text.chars() {
        cur = if c == ch { cur + 1 } else { 0 };
        best = best.max(cur);
    }
    best
}

/// A laid-out line as markdown: styles become emphasis marks, everything else is escaped.
fn inline(line: &Line, comment_id: u64) -> String {
    let bars = quote_depth(line);
    let mut s = "> ".repeat(bars);
    for (i, span) in line.spans[bars..].iter().enumerate() {
        let st = span.style;
        let text = if i == 0 {
            escape_line_start(&span.text)
        } else {
            escape(&span.text)
        };
        if st.link_ref {
            // "[3]" → "[\[3\]][c12-3]": a reference link with a label unique to this comment.
            let n = span.text.trim_matches(|c| c == '[' || c == ']');
            s.push_str(&format!("[{}][c{comment_id}-{n}]", escape(&span.text)));
        } else if st.code {
            s.push_str(&code_span(&span.text));
        } else if span.text.trim().is_empty() {
            s.push_str(&span.text);
        } else if st.bold {
            s.push_str(&format!("**{text}**"));
        } else if st.italic {
            s.push_str(&format!("*{text}*"));
        } else {
            s.push_str(&text);
        }
    }
    s
}

/// How many quote bars (`│ `, one per nested `<blockquote>`) start the line: each becomes
/// a markdown `> `.
fn quote_depth(line: &Line) -> usize {
    line.spans
        .iter()
        .take_while(|sp| sp.style.quote && sp.text.trim_end() == "│")
        .count()
}

/// Inline code with a delimiter longer than any backtick run in it.
fn code_span(text: &str) -> String {
    let fence = "`".repeat(longest_run(text, '`') + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Escape characters markdown or HTML would interpret anywhere in a line.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Like [`escape`], and also what starts a list, a rule or a heading at the start of a line.
fn escape_line_start(text: &str) -> String {
    let escaped = escape(text);
    let trimmed = escaped.trim_start();
    let lead = &escaped[..escaped.len() - trimmed.len()];
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let after_digits = trimmed[digits..].chars().next();
    if trimmed.starts_with(['-', '+', '=']) {
        format!("{lead}\\{trimmed}")
    } else if digits > 0 && matches!(after_digits, Some('.' | ')')) {
        format!("{lead}{}\\{}", &trimmed[..digits], &trimmed[digits..])
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn md(html: &str) -> String {
        let mut out = String::new();
        body(&Doc::parse(html), 7, "", &mut out);
        out
    }

    #[test]
    fn a_pre_block_cannot_close_its_fence() {
        let out = md("<pre>```\n&lt;img src=x&gt;\n# Heading\n```</pre>");
        assert!(out.starts_with("````\n"), "{out}");
        assert!(out.trim_end().ends_with("````"), "{out}");
    }

    #[test]
    fn inline_code_cannot_close_its_span() {
        assert_eq!(code_span("x`` <img> ``y"), "```x`` <img> ``y```");
        assert_eq!(code_span("`a"), "`` `a ``");
    }

    #[test]
    fn link_references_are_labelled_per_comment_and_cannot_be_spoofed() {
        let out = md(
            "<p><a href=\"https://a.example/\"></a> <a href=\"https://evil.example/\">https://bank.example/</a></p>",
        );
        assert!(out.contains("[c7-1]: <https://a.example/>"), "{out}");
        assert!(!out.contains("]: <https://bank.example/>"), "{out}");
        assert!(out.contains("][c7-"), "{out}");
    }

    #[test]
    fn html_entities_headings_and_lists_in_text_stay_text() {
        let out =
            md("<p>&amp;rlm; &lt;b&gt;</p><p>- not a list</p><p>1. nor this</p><p># nor this</p>");
        assert!(out.contains("\\&rlm; \\<b\\>"), "{out}");
        assert!(out.contains("\\- not a list"), "{out}");
        assert!(out.contains("1\\. nor this"), "{out}");
        assert!(out.contains("\\# nor this"), "{out}");
    }

    #[test]
    fn urls_are_re_encoded() {
        assert_eq!(
            md_url("https://a.example/<img src=//e/t.png>").as_deref(),
            Some("https://a.example/%3Cimg%20src=//e/t.png%3E")
        );
        assert_eq!(md_url("javascript:alert(1)"), None);
        assert_eq!(
            md_url("https://a.example/x(1)").as_deref(),
            Some("https://a.example/x%281%29")
        );
    }

    #[test]
    fn quotes_are_markdown_quotes_at_every_depth() {
        let out = md(
            "<blockquote><p>one</p><p>two<br>three</p><blockquote><p>deep</p></blockquote></blockquote><p>after</p>",
        );
        assert_eq!(
            out, "> one\n>\n> two\\\n> three\n>\n> > deep\n\nafter\n\n",
            "{out}"
        );
        assert!(!out.contains('│'), "{out}");
    }

    #[test]
    fn line_breaks_inside_a_paragraph_are_kept() {
        assert_eq!(md("<p>one<br>two</p>"), "one\\\ntwo\n\n");
    }
}
