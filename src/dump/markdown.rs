//! Markdown: a heading, then the thread as nested list items, readable on a forge.

use crate::model::ThreadData;
use crate::present;
use crate::render::{Doc, Line, sanitize_line};
use crate::thread::{SortOrder, Thread};

use super::DumpOptions;

/// Deeper replies stay at this list depth (forges render deeper lists poorly).
const MAX_LIST_DEPTH: usize = 6;
/// Paragraphs are not wrapped in markdown: the reader's viewer does that.
const NO_WRAP: usize = usize::MAX;

pub(super) fn write(data: &ThreadData, thread: &Thread, _opts: &DumpOptions) -> String {
    let mut out = format!("# {}\n\n", escape(&present::title(data)));
    let mut meta = vec![format!("<{}>", sanitize_line(&data.post.link))];
    if let Some(a) = &data.post.author_name {
        meta.push(format!("by {}", escape(&sanitize_line(a))));
    }
    meta.push(present::utc_date(data.post.date_gmt));
    meta.push(present::count_line(thread.len(), data.total_reported));
    out.push_str(&meta.join(" · "));
    out.push_str("\n\n");
    for row in thread.preorder(SortOrder::OldestFirst) {
        let comment = thread.comment(row.index);
        let level = row.depth.min(MAX_LIST_DEPTH);
        let indent = "  ".repeat(level);
        let mut head = format!(
            "{indent}- **{}** · {} · [#{}]({})",
            escape(&present::author(comment)),
            present::utc_date(comment.date_gmt),
            comment.id,
            sanitize_line(&comment.link).replace(')', "%29"),
        );
        if row.depth > level {
            head.push_str(&format!(" · depth {}", row.depth));
        }
        for badge in present::badges(comment, thread.node(row.index)) {
            head.push_str(&format!(" · *{}*", badge.label()));
        }
        out.push_str(&head);
        out.push_str("\n\n");
        let body_indent = format!("{indent}  ");
        let doc = Doc::parse(&comment.content_html);
        body(&doc, &body_indent, &mut out);
    }
    out
}

fn body(doc: &Doc, indent: &str, out: &mut String) {
    let lines = doc.layout(NO_WRAP);
    let mut in_pre = false;
    for line in &lines {
        let is_pre = !line.spans.is_empty() && line.spans.iter().all(|s| s.style.pre);
        if is_pre != in_pre {
            out.push_str(indent);
            out.push_str("```\n");
            in_pre = is_pre;
        }
        let text = if is_pre { line.plain() } else { inline(line) };
        if text.trim().is_empty() {
            out.push('\n');
        } else {
            out.push_str(indent);
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    if in_pre {
        out.push_str(indent);
        out.push_str("```\n");
    }
    out.push('\n');
}

/// A laid-out line as markdown: styles become emphasis marks, everything else is escaped.
fn inline(line: &Line) -> String {
    // The renderer's reference list `[1] url` becomes the definition `[1]: <url>`, which
    // turns every `[1]` in the body into a real link on a forge.
    if let Some(first) = line.spans.first().filter(|s| s.style.link_ref) {
        let url: String = line
            .spans
            .iter()
            .filter(|s| s.style.link)
            .map(|s| s.text.as_str())
            .collect();
        return format!("{}: <{}>", first.text, url.replace('>', "%3E"));
    }
    let mut s = String::new();
    for span in &line.spans {
        let st = span.style;
        if st.link_ref {
            s.push_str(&span.text);
        } else if st.code {
            let fence = if span.text.contains('`') { "``" } else { "`" };
            s.push_str(&format!("{fence}{}{fence}", span.text));
        } else if span.text.trim().is_empty() {
            s.push_str(&span.text);
        } else if st.bold {
            s.push_str(&format!("**{}**", escape(&span.text)));
        } else if st.italic {
            s.push_str(&format!("*{}*", escape(&span.text)));
        } else {
            s.push_str(&escape(&span.text));
        }
    }
    s
}

/// Escape characters markdown would interpret.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(
            ch,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}
