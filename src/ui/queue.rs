//! Drawing the moderation queue: the filter tabs with counts, the comment rows, and the
//! moderation popups (delete confirmation, text editor) over any screen.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::app::queue::{QUEUE_ROWS, Queue};
use crate::keys::action::Action;
use crate::model::moderation::Status;
use crate::model::queue::{Filter, QueueRow};
use crate::render::{sanitize_line, truncate_to_width};
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;
use crate::ui::thread::absolute_date;

/// Title, filter tabs with counts, rule.
pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let w = area.width as usize;
    let who = app.moderation.identity.as_deref().unwrap_or("?");
    let site = app
        .queue
        .as_ref()
        .map(|q| sanitize_line(&q.site.name))
        .unwrap_or_else(|| "loading…".into());
    let title = truncate_to_width(&format!(" Moderation · {site} · as {who}"), w);
    buf.set_line(
        area.x,
        area.y,
        &Line::styled(title, theme.title),
        area.width,
    );
    if area.height < 2 {
        return;
    }
    if let Some(q) = &app.queue {
        let mut spans = vec![Span::raw(" ")];
        for (i, f) in Filter::ALL.iter().enumerate() {
            let label = format!(" {} {} ({}) ", i + 1, f.label(), q.counts.of(*f));
            let style = if *f == q.filter {
                theme.selected.add_modifier(Modifier::BOLD)
            } else {
                theme.date
            };
            spans.push(Span::styled(label, style));
        }
        if let Some(s) = &q.search {
            spans.push(Span::styled(
                format!("  search: {}", sanitize_line(s)),
                theme.search_match,
            ));
        }
        buf.set_line(area.x, area.y + 1, &Line::from(spans), area.width);
    }
    if area.height >= 3 {
        let rule = glyphs(app.config.ascii).rule.repeat(w);
        buf.set_line(
            area.x,
            area.y + 2,
            &Line::styled(rule, theme.border),
            area.width,
        );
    }
}

/// The rows of the page.
pub fn rows(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(q) = &app.queue else {
        return;
    };
    let fit = (area.height as usize / QUEUE_ROWS).max(1);
    for (slot, (i, row)) in q.rows.iter().enumerate().skip(q.top).take(fit).enumerate() {
        let y = area.y + (slot * QUEUE_ROWS) as u16;
        // Fewer rows than a queue row needs: draw what fits (its first lines), never past.
        let cell = Rect::new(area.x, y, area.width, 3).intersection(area);
        if !cell.is_empty() {
            draw_row(app, q, i, row, cell, buf);
        }
    }
    if q.rows.is_empty() && area.height > 1 {
        let text = format!("  no {} comments", q.filter.label().to_lowercase());
        buf.set_line(
            area.x,
            area.y + 1,
            &Line::styled(text, app.theme().date),
            area.width,
        );
    }
}

fn draw_row(app: &App, q: &Queue, i: usize, row: &QueueRow, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let g = glyphs(app.config.ascii);
    let w = area.width as usize;
    let selected = i == q.selected;
    let marked = q.is_marked(i);
    let deleted = q.deleted.contains(&row.id);
    if selected {
        buf.set_style(Rect::new(area.x, area.y, area.width, 1), theme.selected);
    }
    let (label, style) = if deleted {
        ("deleted".to_owned(), theme.error)
    } else {
        status_badge(app, row.status)
    };
    let marker = match (selected, marked) {
        (_, true) if app.config.ascii => "*",
        (_, true) => "●",
        (true, false) => g.marker,
        _ => " ",
    };
    let mut who = vec![
        Span::styled(format!("{marker} "), theme.author),
        Span::styled(format!("[{label}]"), style),
        Span::styled(format!(" #{} ", row.id), theme.date),
        Span::styled(row.author.clone(), theme.author),
    ];
    for extra in [&row.email, &row.url, &row.ip] {
        if !extra.is_empty() {
            who.push(Span::styled(format!(" · {extra}"), theme.date));
        }
    }
    buf.set_line(area.x, area.y, &Line::from(who), area.width);
    if area.height < 2 {
        return;
    }
    let date = absolute_date(row.date, &app.config);
    let kind = match row.kind.as_str() {
        "comment" | "" => String::new(),
        k => format!(" · {k}"),
    };
    let place = format!("    on {} · {date}{kind}", row.post_title);
    let place = truncate_to_width(&place, w);
    buf.set_line(
        area.x,
        area.y + 1,
        &Line::styled(place, theme.title),
        area.width,
    );
    if area.height < 3 {
        return;
    }
    let mut text = Style::default();
    if deleted {
        text = text.add_modifier(Modifier::CROSSED_OUT);
    }
    let excerpt = truncate_to_width(&format!("    {}", row.excerpt), w);
    buf.set_line(area.x, area.y + 2, &Line::styled(excerpt, text), area.width);
}

fn status_badge(app: &App, status: Status) -> (String, Style) {
    let theme = app.theme();
    match status {
        Status::Approved => ("approved".into(), theme.date),
        Status::Hold => ("pending".into(), theme.badge_held),
        Status::Spam => ("spam".into(), theme.badge_spam),
        Status::Trash => ("trash".into(), theme.badge_spam),
    }
}

/// Key hints for the status bar.
pub fn hints(app: &App) -> String {
    let key = |a: Action| app.config.keymap.hint(a);
    let mut parts: Vec<String> = [
        (Action::Help, "help"),
        (Action::Select, "thread"),
        (Action::ToggleMark, "mark"),
    ]
    .iter()
    .filter_map(|(a, l)| Some(format!("{} {l}", key(*a)?)))
    .collect();
    if app.moderation.allowed() {
        parts.extend(
            [
                (Action::Approve, "approve"),
                (Action::Spam, "spam"),
                (Action::Trash, "trash"),
                (Action::Undo, "undo"),
            ]
            .iter()
            .filter_map(|(a, l)| Some(format!("{} {l}", key(*a)?))),
        );
    } else if app.moderation.can_moderate.is_some() {
        parts.push("moderation keys off (no moderate_comments)".into());
    }
    parts.push("q quit".into());
    parts.join(" · ")
}

/// `3/20 · page 1/2 · 2 marked` for the right of the status bar.
pub fn position(app: &App) -> Option<String> {
    let q = app.queue.as_ref()?;
    let mut out = format!(
        "{}/{} · page {}/{}",
        (q.selected + 1).min(q.rows.len()),
        q.rows.len(),
        q.page,
        q.total_pages
    );
    let marked = (0..q.rows.len()).filter(|i| q.is_marked(*i)).count();
    if marked > 0 {
        out.push_str(&format!(" · {marked} marked"));
    }
    Some(out)
}

/// The delete confirmation and the edit popup, over whatever screen is up.
pub fn overlays(app: &App, screen: Rect, buf: &mut Buffer) {
    if let Some(edit) = app.editing() {
        crate::ui::popup::edit::draw(app, edit, screen, buf);
    }
    let Some(confirm) = app.confirm() else {
        return;
    };
    let theme = app.theme();
    let shown = confirm.targets.len().min(8);
    let area = centered(screen, 72, shown as u16 + 4);
    crate::ui::area::clear(area, buf, app.theme().background);
    let title = format!(
        " delete {} permanently? this cannot be undone ",
        match confirm.targets.len() {
            1 => "this comment".to_owned(),
            n => format!("{n} comments"),
        }
    );
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.error)
        .title(title)
        .title_bottom(" y delete · any other key cancels ");
    let inner = block.inner(area);
    block.render(area, buf);
    let w = inner.width as usize;
    for (i, (_, text)) in confirm.targets.iter().take(shown).enumerate() {
        let line = truncate_to_width(&format!(" {text}"), w);
        buf.set_line(inner.x, inner.y + i as u16, &Line::raw(line), inner.width);
    }
    if confirm.targets.len() > shown {
        let more = format!(" … and {} more", confirm.targets.len() - shown);
        let y = inner.y + shown as u16;
        buf.set_line(inner.x, y, &Line::styled(more, theme.date), inner.width);
    }
}
