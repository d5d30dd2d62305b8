//! The status bar: the prompt being typed, or a message, or key hints on the left; loading
//! progress or the position in the thread on the right.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Screen};
use crate::keys::action::Action;
use crate::render::{display_width, sanitize_line, truncate_to_width};
use crate::thread::SortOrder;
use crate::ui::glyphs::glyphs;

/// Draw the status bar.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    if area.height == 0 {
        return;
    }
    let style = app.theme().status_bar;
    buf.set_style(area, style);
    let w = area.width as usize;
    let right = right_text(app);
    let right_w = display_width(&right);
    let left_w = w.saturating_sub(right_w + 2);
    let left = truncate_to_width(&format!(" {}", left_text(app)), left_w);
    buf.set_line(area.x, area.y, &Line::styled(left, style), area.width);
    if right_w + 1 < w {
        let x = area.x + (w - right_w - 1) as u16;
        buf.set_line(x, area.y, &Line::styled(right, style), right_w as u16);
    }
}

fn left_text(app: &App) -> String {
    if let Some(prompt) = app.prompt() {
        let cursor = glyphs(app.config.ascii).cursor;
        return format!(
            "{}{}{cursor}",
            prompt.kind.label(),
            sanitize_line(&prompt.input)
        );
    }
    if let Some(message) = &app.message {
        return sanitize_line(message);
    }
    if !app.pending.is_empty() {
        let typed: Vec<String> = app.pending.iter().map(ToString::to_string).collect();
        return format!("{} …", typed.join(" "));
    }
    hints(app)
}

fn hints(app: &App) -> String {
    if let Some(c) = app.composer() {
        return crate::app::compose::keys::hints(c).to_owned();
    }
    let wanted: &[(Action, &str)] = match app.screen {
        Screen::Queue => return crate::ui::queue::hints(app),
        Screen::Thread => &[
            (Action::Help, "help"),
            (Action::MoveDown, "next"),
            (Action::ToggleCollapse, "fold"),
            (Action::Search, "search"),
            (Action::Links, "links"),
            (Action::Back, "quit"),
        ],
        Screen::Posts => &[
            (Action::Help, "help"),
            (Action::Select, "open"),
            (Action::Search, "search"),
            (Action::PageDown, "more"),
            (Action::Back, "quit"),
        ],
    };
    let back_label = if app.screen == Screen::Thread && app.posts.is_some() {
        "back"
    } else {
        "quit"
    };
    wanted
        .iter()
        .filter_map(|(action, label)| {
            let key = app.config.keymap.hint(*action)?;
            let label = if *action == Action::Back {
                back_label
            } else {
                label
            };
            Some(format!("{key} {label}"))
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

fn right_text(app: &App) -> String {
    let p = app.progress;
    let loading = match (p.active, p.total_pages) {
        (true, 0) => Some("loading…".to_owned()),
        (true, total) => Some(format!("page {}/{total}…", p.pages_done.min(total))),
        _ => None,
    };
    let position = match app.screen {
        Screen::Queue => crate::ui::queue::position(app),
        Screen::Thread => app.thread.as_ref().and_then(|v| {
            let pos = v.selected_pos()? + 1;
            let order = match v.order {
                SortOrder::OldestFirst => "",
                SortOrder::NewestFirst => " · newest first",
            };
            let search = v
                .search
                .as_ref()
                .map(|s| match s.matches.len() {
                    1 => " · 1 match".to_owned(),
                    n => format!(" · {n} matches"),
                })
                .unwrap_or_default();
            Some(format!("{pos}/{}{order}{search}", v.rows.len()))
        }),
        Screen::Posts => app
            .posts
            .as_ref()
            .map(|l| format!("{}/{}", (l.selected + 1).min(l.posts.len()), l.posts.len())),
    };
    match (loading, position) {
        (Some(l), Some(p)) => format!("{l} {p}"),
        (Some(l), None) => l,
        (None, Some(p)) => p,
        (None, None) => String::new(),
    }
}
