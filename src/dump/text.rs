//! Plain text: a header, then each comment with guide characters showing its depth.

use std::io::Write;

use crate::model::ThreadData;
use crate::present;
use crate::render::{Doc, display_width, sanitize_line, wrap_plain};
use crate::thread::{SortOrder, Thread};

use super::DumpOptions;

/// Narrowest body we lay out, however deep the reply.
const MIN_BODY: usize = 20;

pub(super) fn write(
    data: &ThreadData,
    thread: &Thread,
    opts: &DumpOptions,
    sink: &mut dyn Write,
) -> std::io::Result<()> {
    let width = opts.width.max(MIN_BODY + 4);
    let mut out = String::new();
    header(data, thread, width, opts.ascii, &mut out);
    let guide = if opts.ascii { "| " } else { "│ " };
    for row in thread.preorder(SortOrder::OldestFirst) {
        let comment = thread.comment(row.index);
        let node = thread.node(row.index);
        // Past the cap the indent stops growing, but there must be room for a body.
        let cap = opts.indent_cap.min((width - MIN_BODY) / 2);
        let shown_depth = row.depth.min(cap);
        let prefix = guide.repeat(shown_depth);
        let body_width = width - display_width(&prefix);

        let mut atoms = vec![
            present::author(comment),
            format!("· {}", present::utc_date(comment.date_gmt)),
            format!("· #{}", comment.id),
        ];
        if row.depth > shown_depth {
            atoms.push(format!("· depth {}", row.depth));
        }
        atoms.extend(
            present::badges(comment, node)
                .iter()
                .map(|b| format!("[{}]", b.label())),
        );
        for line in fill_atoms(&atoms, body_width) {
            push_line(&mut out, &prefix, &line);
        }
        if comment.is_ping() && !comment.author_url.is_empty() {
            let from = format!("from {}", sanitize_line(&comment.author_url));
            for line in wrap_plain(&from, body_width) {
                push_line(&mut out, &prefix, &line);
            }
        }
        for line in Doc::parse(&comment.content_html).layout(body_width) {
            push_line(&mut out, &prefix, &line.plain());
        }
        push_line(&mut out, &prefix, "");
        // Written a comment at a time: the dump is never whole in memory.
        sink.write_all(out.as_bytes())?;
        out.clear();
    }
    sink.write_all(out.as_bytes())
}

fn header(data: &ThreadData, thread: &Thread, width: usize, ascii: bool, out: &mut String) {
    let title = present::title(data);
    let url = sanitize_line(&data.post.link);
    let mut byline = Vec::new();
    let site = sanitize_line(&data.site.name);
    if !site.is_empty() {
        byline.push(site);
    }
    if let Some(a) = &data.post.author_name {
        byline.push(format!("by {}", sanitize_line(a)));
    }
    byline.push(present::utc_date(data.post.date_gmt));
    let page_read = data
        .page_read
        .as_ref()
        .map(|r| sanitize_line(&r.describe()));
    for line in [
        title,
        url,
        byline.join(" · "),
        present::count_line(thread.len(), data.total_reported),
    ]
    .into_iter()
    .chain(page_read)
    {
        push_wrapped_head(out, "", &line, width);
    }
    out.push_str(&(if ascii { "=" } else { "═" }).repeat(width));
    out.push_str("\n\n");
}

fn push_line(out: &mut String, prefix: &str, text: &str) {
    let line = format!("{prefix}{text}");
    out.push_str(line.trim_end());
    out.push('\n');
}

/// Lay out space-separated atoms (a date, a badge) greedily, never splitting an atom across
/// lines unless it alone is wider than the line.
fn fill_atoms(atoms: &[String], width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for atom in atoms {
        let needed = display_width(&cur) + usize::from(!cur.is_empty()) + display_width(atom);
        if !cur.is_empty() && needed > width {
            lines.push(std::mem::take(&mut cur));
        }
        if !cur.is_empty() {
            cur.push(' ');
        }
        cur.push_str(atom);
        if display_width(&cur) > width {
            let mut pieces = wrap_plain(&cur, width);
            cur = pieces.pop().unwrap_or_default();
            lines.extend(pieces);
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines
}

/// Wrap a header line (names and titles can be long) by display width.
fn push_wrapped_head(out: &mut String, prefix: &str, text: &str, width: usize) {
    for piece in wrap_plain(text, width) {
        push_line(out, prefix, &piece);
    }
}

#[cfg(test)]
mod tests {
    use super::fill_atoms;

    #[test]
    fn header_atoms_move_to_the_next_line_whole() {
        let atoms: Vec<String> = [
            "Witness",
            "· 2015-01-04 11:00 UTC",
            "· #52",
            "[reply to #51, not shown]",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            fill_atoms(&atoms, 40),
            vec![
                "Witness · 2015-01-04 11:00 UTC · #52",
                "[reply to #51, not shown]"
            ]
        );
        let long = vec!["x".repeat(50)];
        assert!(fill_atoms(&long, 20).iter().all(|l| l.len() <= 20));
        // Emoji with a variation selector are two columns each, not one.
        let hearts = vec!["\u{2764}\u{fe0f}".repeat(20)];
        for line in fill_atoms(&hearts, 10) {
            assert!(crate::render::display_width(&line) <= 10, "{line}");
        }
    }
}
