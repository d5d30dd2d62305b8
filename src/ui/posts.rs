//! The post list: each post's title, then its date and author.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::posts::POST_ROWS;
use crate::render::{html_to_line, sanitize_line, truncate_to_width};
use crate::ui::glyphs::glyphs;
use crate::ui::thread::absolute_date;

/// Draw the posts from the list's scroll position.
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(list) = &app.posts else {
        return;
    };
    let theme = app.theme();
    let g = glyphs(app.config.ascii);
    let w = area.width as usize;
    let fit = (area.height as usize / POST_ROWS).max(1);
    for (slot, (i, post)) in list
        .posts
        .iter()
        .enumerate()
        .skip(list.top)
        .take(fit)
        .enumerate()
    {
        let y = area.y + (slot * POST_ROWS) as u16;
        let selected = i == list.selected;
        let title = html_to_line(&post.title_html);
        let title = if title.is_empty() {
            "(untitled)".to_owned()
        } else {
            title
        };
        let mut byline = absolute_date(post.date_gmt, &app.config.date_format);
        if let Some(author) = post.author_name.as_deref().map(sanitize_line)
            && !author.is_empty()
        {
            byline.push_str(&format!(" · by {author}"));
        }
        if selected {
            buf.set_style(Rect::new(area.x, y, area.width, 1), theme.selected);
        }
        let marker = if selected { g.marker } else { " " };
        let title_line = Line::from(vec![
            Span::styled(marker, theme.author),
            Span::styled(
                truncate_to_width(&format!(" {title}"), w.saturating_sub(1)),
                theme.title,
            ),
        ]);
        buf.set_line(area.x, y, &title_line, area.width);
        if y + 1 < area.y + area.height {
            let line = Line::styled(truncate_to_width(&format!("   {byline}"), w), theme.date);
            buf.set_line(area.x, y + 1, &line, area.width);
        }
    }
    if list.posts.is_empty() && area.height > 1 {
        let line = Line::styled("  no posts", theme.date);
        buf.set_line(area.x, area.y + 1, &line, area.width);
    }
}
