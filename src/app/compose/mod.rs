//! The reply composer's state and how it opens: who the reply answers, the text being
//! edited (a `ratatui-textarea` editor), the step it is at, and the identities it may post
//! as. Keys and worker reports are handled in [`compose_keys`](crate::app::compose::keys); the
//! panels are drawn by [`compose_draw`](crate::ui::compose).

pub mod keys;
pub mod state;
pub mod text;
pub mod unsaved;

pub use state::{Composer, Parent, Posting, Stage, choices, editor};

use url::Url;

use crate::app::compose::text::{clean, first_line};
use crate::app::msg::Effect;
use crate::app::thread::viewport;
use crate::app::tree_frame;
use crate::app::{App, Modal, Screen};
use crate::store::drafts::DraftKey;

/// Why `r`/`c` do nothing on the demo or an archive (said at once, like a closed post).
pub const OFFLINE: &str =
    "this thread is offline (the demo or an archive): open the post's URL to reply";

/// `r` (`reply`) or `c` (new comment): open the composer on the thread, restoring a draft
/// of this session at once, or asking the worker for one on disk.
pub fn open(app: &mut App, reply: bool) -> Vec<Effect> {
    if app.screen != Screen::Thread {
        return Vec::new();
    }
    let frame = tree_frame(app);
    let Some(view) = app.thread.as_mut() else {
        app.message = Some("nothing to reply to yet".into());
        return Vec::new();
    };
    if view.is_offline() {
        app.message = Some(OFFLINE.into());
        return Vec::new();
    }
    if view.post.comment_status == "closed" {
        app.message = Some("comments are closed on this post".into());
        return Vec::new();
    }
    let parent = if reply {
        let Some(index) = view.selected_index() else {
            app.message = Some("no comment is selected to reply to".into());
            return Vec::new();
        };
        let comment = view.thread.comment(index);
        Some(Parent {
            id: comment.id,
            author: crate::present::author(comment),
            plain: crate::render::Doc::parse(&comment.content_html).plain_text(),
        })
    } else {
        None
    };
    // The comment answered goes to the top, above the composer.
    if let Some(p) = &parent {
        view.top = Some(p.id);
        view.top_skip = 0;
        viewport::ensure_visible(view, frame);
    }
    // The site is where the API lives, not what a post's `link` claims: a hostile post list
    // could link to another site and have that site's identity offered (and its draft key).
    let site_url = match &view.api {
        Some(api) => api.site_url(),
        None => Url::parse(&view.source_url).ok(),
    };
    // Drafts are keyed by the site's API root, like the seen-store: two sites on one host
    // never share one.
    let key = match &view.api {
        Some(api) => DraftKey::for_post(api, view.post.id, parent.as_ref().map_or(0, |p| p.id)),
        None => DraftKey {
            site: "local".into(),
            post: format!("post-{}", view.post.id),
            parent: parent.as_ref().map_or(0, |p| p.id),
        },
    };
    let kept = app.posting.drafts.get(&key).cloned();
    let mut composer = Composer {
        key: key.clone(),
        api: view.api.clone(),
        site_url: site_url.clone(),
        page: Url::parse(&view.post.link).ok(),
        post: view.post.id,
        parent,
        editor: editor(kept.as_deref().unwrap_or("")),
        stage: Stage::Editing,
        preview: false,
        error: None,
        choices: choices(&app.posting, site_url.as_ref()),
        choice: 0,
        sending_as: None,
        touched: false,
    };
    composer.touched = kept.is_some();
    app.message = kept.as_ref().map(|_| "your draft is back".to_owned());
    app.modal = Some(Modal::Composer(Box::new(composer)));
    match kept {
        Some(_) => Vec::new(),
        None => vec![Effect::LoadDraft { key }],
    }
}

/// A draft read from disk: shown if the composer for it is open and still untouched.
pub fn draft_loaded(app: &mut App, key: DraftKey, text: String) {
    let text = clean(&text);
    if text.is_empty() {
        return;
    }
    if let Some(c) = app.composer_mut()
        && c.key == key
        && !c.touched
        && c.text().is_empty()
    {
        c.set_text(&text);
        app.message = Some("your draft is back".into());
    }
    app.posting.drafts.entry(key).or_insert(text);
}

/// The parent's first line for the composer's header.
pub fn parent_line(parent: &Parent, width: usize) -> String {
    first_line(&parent.plain, width)
}
