//! Plain text: a header, then each comment with guide characters showing its depth.

use std::io::Write;

use crate::model::ThreadData;
use crate::present;
use crate::render::{Doc, display_width, sanitize_line, wrap_plain};
use crate::thread::{Row, SortOrder, Thread};

use super::DumpOptions;

/// Narrowest body we lay out, however deep the reply (less only when the whole line is).
const MIN_BODY: usize = 20;
/// Narrowest line (`--width` accepts no less).
const MIN_WIDTH: usize = 10;

pub(super) fn write(
    data: &ThreadData,
    thread: &Thread,
    opts: &DumpOptions,
    sink: &mut dyn Write,
) -> std::io::Result<()> {
    let width = opts.width.max(MIN_WIDTH);
    let min_body = MIN_BODY.min(width);
    let mut out = String::new();
    header(data, thread, width, opts, &mut out);
    let step = opts.indent_width.clamp(1, 8);
    let guide = format!(
        "{}{}",
        if opts.ascii { "|" } else { "│" },
        " ".repeat(step - 1)
    );
    // Past the cap the indent stops growing, but there must be room for a body.
    let cap = opts.indent_cap.min((width - min_body) / step);
    let rows = thread.preorder(SortOrder::OldestFirst);
    for (i, row) in rows.iter().enumerate() {
        let shown_depth = row.depth.min(cap);
        let prefix = guide.repeat(shown_depth);
        comment(thread, row, shown_depth, &prefix, width, opts, &mut out);
        // The blank line after a comment carries only the guides the next comment shares,
        // so a thread ends without a dangling guide and a top-level comment follows one
        // plain blank line.
        let next_depth = rows.get(i + 1).map_or(0, |r| r.depth.min(cap));
        push_line(&mut out, &guide.repeat(shown_depth.min(next_depth)), "");
        // Written a comment at a time: the dump is never whole in memory.
        sink.write_all(out.as_bytes())?;
        out.clear();
    }
    sink.write_all(out.as_bytes())
}

fn comment(
    thread: &Thread,
    row: &Row,
    shown_depth: usize,
    prefix: &str,
    width: usize,
    opts: &DumpOptions,
    out: &mut String,
) {
    let comment = thread.comment(row.index);
    let node = thread.node(row.index);
    let body_width = width - display_width(prefix);
    let dot = separator(opts.ascii);
    let mut atoms = vec![
        present::author(comment),
        format!(
            "{dot} {}",
            present::comment_utc_date(comment, &opts.date_format)
        ),
        format!("{dot} #{}", comment.id),
    ];
    if row.depth > shown_depth {
        atoms.push(format!("{dot} depth {}", row.depth));
    }
    atoms.extend(
        present::badges(comment, node)
            .iter()
            .map(|b| format!("[{}]", b.label())),
    );
    for line in fill_atoms(&atoms, body_width) {
        push_line(out, prefix, &line);
    }
    if let Some(from) = present::ping_source(comment) {
        // A URL is printed whole, like the link list: a broken one cannot be followed.
        push_line(out, prefix, &format!("from {from}"));
    }
    for line in Doc::parse(&comment.content_html).layout_whole_urls(body_width, opts.ascii) {
        push_line(out, prefix, &line.plain());
    }
}

fn header(data: &ThreadData, thread: &Thread, width: usize, opts: &DumpOptions, out: &mut String) {
    let title = present::title(data);
    let url = crate::render::shown_url(&data.post.link);
    let mut byline = Vec::new();
    let site = sanitize_line(&data.site.name);
    if !site.is_empty() {
        byline.push(site);
    }
    if let Some(a) = &data.post.author_name {
        byline.push(format!("by {}", sanitize_line(a)));
    }
    byline.push(present::utc_date_as(data.post.date_gmt, &opts.date_format));
    let dot = separator(opts.ascii);
    let page_read = data
        .page_read
        .as_ref()
        .map(|r| sanitize_line(&r.describe()));
    push_wrapped_head(out, "", &title, width);
    // Whole, like every URL printed: a broken one cannot be followed.
    push_line(out, "", &url);
    for line in [
        byline.join(&format!(" {dot} ")),
        present::count_line(thread.len(), data.total_reported).replace('·', dot),
    ]
    .into_iter()
    .chain(page_read)
    {
        push_wrapped_head(out, "", &line, width);
    }
    out.push_str(&(if opts.ascii { "=" } else { "═" }).repeat(width));
    out.push_str("\n\n");
}

/// The dot between atoms of a byline: `·`, or `-` with `--ascii`.
fn separator(ascii: bool) -> &'static str {
    if ascii { "-" } else { "·" }
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
    // Widths add up: atoms are whole grapheme clusters joined by spaces (each measured once).
    let mut cur_width = 0;
    for atom in atoms {
        let atom_width = display_width(atom);
        if !cur.is_empty() && cur_width + 1 + atom_width > width {
            lines.push(std::mem::take(&mut cur));
            cur_width = 0;
        }
        if !cur.is_empty() {
            cur.push(' ');
            cur_width += 1;
        }
        cur.push_str(atom);
        cur_width += atom_width;
        if cur_width > width {
            let mut pieces = wrap_plain(&cur, width);
            cur = pieces.pop().unwrap_or_default();
            cur_width = display_width(&cur);
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
