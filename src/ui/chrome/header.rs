//! The header: post title and byline, or the post list's site and page.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::App;
use crate::app::compose::text::identity_label;
use crate::present;
use crate::render::{display_width, html_to_line, sanitize_line, truncate_to_width};
use crate::ui::glyphs::glyphs;
use crate::ui::thread::absolute_date;

/// Title, byline and rule of the thread screen.
pub fn thread_header(app: &App, area: Rect, buf: &mut Buffer) {
    let w = area.width as usize;
    let (title, byline) = match &app.thread {
        Some(view) => {
            let title = html_to_line(&view.post.title_html);
            let title = if title.is_empty() {
                "(untitled)".to_owned()
            } else {
                title
            };
            let mut parts = Vec::new();
            let site = sanitize_line(&view.site.name);
            if !site.is_empty() {
                parts.push(site);
            }
            if let Some(author) = &view.post.author_name {
                let author = sanitize_line(author);
                if !author.is_empty() {
                    parts.push(format!("by {author}"));
                }
            }
            if view.post.date_gmt.is_some() {
                parts.push(absolute_date(view.post.date_gmt, &app.config));
            }
            parts.push(present::count_line(view.thread.len(), view.total_reported));
            if let Some(read) = &view.page_read {
                parts.push(sanitize_line(&read.describe()));
            }
            (title, parts.join(" · "))
        }
        None => ("wpcomments".to_owned(), String::new()),
    };
    // Who reads and replies, right of the title, on threads read from a site with an
    // identity (anonymous reading stays unmarked; the composer names who it posts as).
    let who = app
        .thread
        .as_ref()
        .filter(|v| v.api.is_some())
        .and(app.posting.identity.as_ref())
        .map(|i| format!("as {}", identity_label(Some(i))));
    let Some(who) = who.filter(|who| display_width(who) + 12 < w) else {
        lines(app, area, buf, &title, &byline, w);
        return;
    };
    let who_w = display_width(&who);
    let title = truncate_to_width(&title, w - who_w - 3);
    lines(app, area, buf, &title, &byline, w);
    if area.height > 0 {
        let x = area.x + (w - who_w - 1) as u16;
        buf.set_line(
            x,
            area.y,
            &Line::styled(who, app.theme().date),
            who_w as u16,
        );
    }
}

/// Site name and page of the post list.
pub fn posts_header(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(list) = &app.posts else {
        return;
    };
    let site = sanitize_line(&list.site.name);
    let title = match &list.search {
        Some(q) => format!("Posts matching {:?} · {site}", sanitize_line(q)),
        None => format!("Recent posts · {site}"),
    };
    let byline = format!(
        "page {}/{} · {}",
        list.page,
        list.total_pages,
        crate::render::shown_url(&list.site.url)
    );
    lines(app, area, buf, &title, &byline, area.width as usize);
}

fn lines(app: &App, area: Rect, buf: &mut Buffer, title: &str, byline: &str, w: usize) {
    let theme = app.theme();
    let rows = [
        (truncate_to_width(&format!(" {title}"), w), theme.title),
        (truncate_to_width(&format!(" {byline}"), w), theme.date),
        (glyphs(app.config.ascii).rule.repeat(w), theme.border),
    ];
    for (i, (text, style)) in rows.into_iter().enumerate() {
        if (i as u16) < area.height {
            buf.set_line(
                area.x,
                area.y + i as u16,
                &Line::styled(text, style),
                area.width,
            );
        }
    }
}
