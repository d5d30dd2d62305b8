//! Moderation's changes to an open thread: a comment's status (its badge follows), a comment
//! deleted for good, a new text.

use crate::app::App;
use crate::app::thread::ThreadView;
use crate::model::moderation::Status;
use crate::present;
use crate::render::{sanitize_line, truncate_to_width};
use crate::thread::Thread;

/// Show comment `id` with status `to`; `None` (a delete in flight) changes nothing yet.
pub fn set_status(view: &mut ThreadView, id: u64, to: Option<Status>) {
    let (Some(to), Some(index)) = (to, view.thread.index_of(id)) else {
        return;
    };
    let mut c = view.thread.comment(index).clone();
    if c.status == to.wire() {
        return;
    }
    c.set_status(to.wire());
    view.merge(vec![c]);
}

/// Drop comment `id` (deleted for good); its replies stay, marked as replies to a comment
/// not shown.
pub fn remove(view: &mut ThreadView, id: u64) {
    if view.thread.index_of(id).is_none() {
        return;
    }
    let before = view.selected_pos();
    let mut all = std::mem::take(&mut view.thread).into_comments();
    all.retain(|c| c.id != id);
    view.search_text.remove(id);
    view.cache.forget(id);
    view.set_thread(Thread::build(all));
    view.refresh_rows_from(before);
}

/// `#12 by Ada: first words` of a thread comment.
pub fn describe(app: &App, id: u64) -> Option<String> {
    let view = app.thread.as_ref()?;
    let c = view.thread.comment(view.thread.index_of(id)?);
    let text = crate::render::Doc::parse(&c.content_html).plain_text();
    Some(format!(
        "#{id} by {}: {}",
        present::author(c),
        truncate_to_width(&sanitize_line(&text), 60)
    ))
}
