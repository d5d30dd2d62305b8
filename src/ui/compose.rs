//! Drawing the composer: a panel over the lower part of the thread (who the reply answers,
//! the editor or the preview, the last refusal, the keys), and the send step's
//! confirmation on top of it.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Widget};

use crate::app::App;
use crate::app::compose::text::{identity_label, preview};
use crate::app::compose::{Composer, Stage, parent_line};
use crate::render::{sanitize_line, truncate_to_width, wrap_plain};
use crate::ui::area::centered;
use crate::ui::glyphs::glyphs;
use crate::ui::text::body_spans;

/// Rows the composer panel takes of a main area `main_height` tall.
pub fn panel_height(main_height: u16) -> u16 {
    (main_height / 2).max(8).min(main_height)
}

/// Draw the open composer (nothing when none is open) over `main`, and the send step over
/// the whole `screen`.
pub fn draw(app: &App, main: Rect, screen: Rect, buf: &mut Buffer) {
    let Some(c) = app.composer() else {
        return;
    };
    let h = panel_height(main.height);
    if h < 3 {
        return;
    }
    let area = Rect::new(main.x, main.y + main.height - h, main.width, h);
    panel(app, c, area, buf);
    if c.stage != Stage::Editing {
        send_step(app, c, screen, buf);
    }
}

/// `block` marked "draft NOT saved to disk" while that is true: drawn from state, so no
/// later notice on the status bar can hide it.
fn unsaved_mark<'a>(app: &App, c: &Composer, block: Block<'a>) -> Block<'a> {
    if !crate::app::compose::unsaved::is_unsaved(app, &c.key) {
        return block;
    }
    let mark = Line::styled(" draft NOT saved to disk ", app.theme().error);
    block.title_bottom(mark.right_aligned())
}

fn panel(app: &App, c: &Composer, area: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let title = match &c.parent {
        Some(p) => format!(" Reply to {} ", p.author),
        None => " New comment ".to_owned(),
    };
    let keys = if c.preview {
        " preview · ctrl-p/esc edit · ctrl-s send "
    } else {
        " ctrl-s send · ctrl-p preview · ctrl-q quote · ctrl-e editor · esc close "
    };
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(Line::styled(title, theme.title))
        .title(
            Line::styled(
                match c.identity() {
                    Some(i) => format!(" as {} ", identity_label(Some(i))),
                    // Never posted anonymously (app/compose/state.rs `choices`).
                    None => " no identity to post as ".to_owned(),
                },
                theme.date,
            )
            .right_aligned(),
        )
        .title_bottom(Line::styled(keys, theme.date));
    let block = unsaved_mark(app, c, block);
    crate::ui::area::clear(area, buf, app.theme().background);
    let inner = block.inner(area);
    block.render(area, buf);
    // A column of air inside the border.
    let inner = Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2),
        inner.height,
    );
    let mut y = inner.y;
    let bottom = inner.y + inner.height;
    let w = inner.width as usize;
    if let Some(p) = &c.parent
        && y < bottom
    {
        let line = format!("re: {}", parent_line(p, w.saturating_sub(4)));
        buf.set_line(inner.x, y, &Line::styled(line, theme.quote), inner.width);
        y += 1;
    }
    if let Some(error) = &c.error {
        for line in wrap_plain(error, w.max(1)).into_iter().take(2) {
            if y < bottom {
                buf.set_line(inner.x, y, &Line::styled(line, theme.error), inner.width);
                y += 1;
            }
        }
    }
    if y >= bottom {
        return;
    }
    let body = Rect::new(inner.x, y, inner.width, bottom - y);
    if c.preview {
        let doc = preview(&c.text());
        let lines = doc.layout(w.saturating_sub(1).max(10));
        if lines.is_empty() {
            let note = Line::styled("(nothing to preview yet)", theme.date);
            buf.set_line(body.x, body.y, &note, body.width);
        }
        // Show the end of a long preview, where the typing is.
        let skip = lines.len().saturating_sub(body.height as usize);
        for (i, line) in lines.iter().skip(skip).enumerate() {
            let spans = body_spans(theme, line, None);
            buf.set_line(body.x, body.y + i as u16, &Line::from(spans), body.width);
        }
    } else {
        (&c.editor).render(body, buf);
    }
}

fn send_step(app: &App, c: &Composer, screen: Rect, buf: &mut Buffer) {
    let theme = app.theme();
    let width = screen.width.saturating_sub(4).min(64);
    let text_w = width.saturating_sub(4) as usize;
    let who = identity_label(c.identity());
    let question = match c.stage {
        Stage::Sending => match &c.sending_as {
            Some(sender) => format!("Posting as {sender} on {}…", c.site_name()),
            None => format!("Posting as {who} on {}…", c.site_name()),
        },
        _ => format!("Post as {who} on {}?", c.site_name()),
    };
    let mut rows: Vec<Line> = wrap_plain(&question, text_w.max(10))
        .into_iter()
        .map(Line::from)
        .collect();
    let guest = c.identity().is_none_or(|i| i.guest_author().is_some());
    if guest && c.stage != Stage::Sending {
        let route =
            "over the REST API, or through the site's comment form if the API refuses guests";
        for row in wrap_plain(route, text_w.max(10)) {
            rows.push(Line::styled(row, theme.date));
        }
    }
    if let Some(p) = &c.parent {
        let to = format!("in reply to {} (#{})", sanitize_line(&p.author), p.id);
        rows.push(Line::styled(truncate_to_width(&to, text_w), theme.date));
    }
    rows.push(Line::default());
    rows.push(match c.stage {
        Stage::Sending => Line::styled("waiting for the site…", theme.date),
        _ => {
            let others = c.choices.len().saturating_sub(1);
            Line::from(vec![
                Span::styled("[y]", theme.help_key),
                Span::raw("es · "),
                Span::styled("[i]", theme.help_key),
                Span::raw(format!("dentity ({others} other) · ")),
                Span::styled("[n]", theme.help_key),
                Span::raw("o"),
            ])
        }
    });
    let area = centered(screen, width, rows.len() as u16 + 2);
    crate::ui::area::clear(area, buf, app.theme().background);
    let block = Block::bordered()
        .border_set(glyphs(app.config.ascii).border)
        .border_style(theme.border)
        .title(Line::styled(" Send ", theme.title));
    let inner = block.inner(area);
    block.render(area, buf);
    for (i, row) in rows.iter().enumerate().take(inner.height as usize) {
        buf.set_line(inner.x + 1, inner.y + i as u16, row, inner.width - 1);
    }
}
