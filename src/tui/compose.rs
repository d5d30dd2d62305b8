//! The reply composer's state and how it opens: who the reply answers, the text being
//! edited (a `ratatui-textarea` editor), the step it is at, and the identities it may post
//! as. Keys and worker reports are handled in [`compose_keys`](super::compose_keys); the
//! panels are drawn by [`compose_draw`](super::compose_draw).

use std::collections::HashMap;

use ratatui_textarea::{TextArea, WrapMode};
use url::Url;

use super::app::{App, Screen};
use super::compose_text::{clean, first_line};
use super::msg::Effect;
use super::update::tree_frame;
use super::viewport;
use crate::api::ApiRoot;
use crate::identity::Identity;
use crate::identity::drafts::DraftKey;

/// Posting state that outlives one composer: the identity the app runs as, the ones that
/// could be switched to, the open composer, and the drafts of this session.
#[derive(Clone, Debug, Default)]
pub struct Posting {
    /// `--as` (or the site's default identity); `None` reads and posts anonymously.
    pub identity: Option<Identity>,
    /// Every identity in `identities.toml` (filtered by site when a composer opens).
    pub known: Vec<Identity>,
    /// The open composer.
    pub composer: Option<Composer>,
    /// Drafts typed in this session, so reopening a reply restores it without the disk.
    pub drafts: HashMap<DraftKey, String>,
    /// Drafts whose last save to disk failed ([`super::compose_unsaved`]).
    pub unsaved: std::collections::HashSet<DraftKey>,
    /// A close or quit waiting for y/n because a draft is not on disk.
    pub leaving: Option<super::compose_unsaved::Leaving>,
}

/// Where the composer is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Typing (or looking at the preview).
    Editing,
    /// "Post as … ? [y]es / [i]dentity / [n]o".
    Confirm,
    /// The request is out; keys wait for the answer.
    Sending,
}

/// The comment a reply answers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Parent {
    /// Comment id.
    pub id: u64,
    /// Display name (sanitized).
    pub author: String,
    /// Its text without markup, for the header line and quoting.
    pub plain: String,
}

/// One reply or new comment being written.
#[derive(Clone, Debug)]
pub struct Composer {
    /// Where its draft is kept.
    pub key: DraftKey,
    /// The site's REST API (`None` for the demo and archives: nothing to post to).
    pub api: Option<ApiRoot>,
    /// The URL the thread came from (identities are matched against its site).
    pub site_url: Option<Url>,
    /// Post id.
    pub post: u64,
    /// The comment answered; `None` for a new top-level comment.
    pub parent: Option<Parent>,
    /// The text.
    pub editor: TextArea<'static>,
    /// The step.
    pub stage: Stage,
    /// Showing the rendered preview instead of the editor.
    pub preview: bool,
    /// Why the last send failed, in words.
    pub error: Option<String>,
    /// Who it may be posted as: `None` is anonymous.
    pub choices: Vec<Option<Identity>>,
    /// Index into `choices` of the identity it will be posted as.
    pub choice: usize,
    /// The user changed the text since the composer opened (a draft read from disk
    /// afterwards does not overwrite it).
    pub touched: bool,
}

impl Composer {
    /// The text as it will be posted.
    pub fn text(&self) -> String {
        self.editor.lines().join("\n")
    }

    /// Replace the text, cursor at the end.
    pub fn set_text(&mut self, text: &str) {
        self.editor = editor(text);
    }

    /// The identity it will be posted as (`None`: anonymous).
    pub fn identity(&self) -> Option<&Identity> {
        self.choices.get(self.choice).and_then(Option::as_ref)
    }

    /// The parent's id, 0 for a top-level comment.
    pub fn parent_id(&self) -> u64 {
        self.parent.as_ref().map_or(0, |p| p.id)
    }

    /// The host the comment goes to, for the confirmation.
    pub fn site_name(&self) -> String {
        self.site_url
            .as_ref()
            .and_then(|u| {
                u.host_str().map(|h| match u.port() {
                    Some(p) => format!("{h}:{p}"),
                    None => h.to_owned(),
                })
            })
            .unwrap_or_else(|| "this site".to_owned())
    }
}

/// An editor holding `text`, cursor at the end, wrapping words to its width.
pub fn editor(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
    let mut area = TextArea::new(lines);
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    area.move_cursor(ratatui_textarea::CursorMove::Bottom);
    area.move_cursor(ratatui_textarea::CursorMove::End);
    area
}

/// The identities a post on `site` may go out as: the active one first, then the others
/// that serve the site (guests without a site serve every site), then anonymous.
pub fn choices(posting: &Posting, site: Option<&Url>) -> Vec<Option<Identity>> {
    let mut out: Vec<Option<Identity>> = Vec::new();
    if let Some(active) = &posting.identity {
        out.push(Some(active.clone()));
    }
    if let Some(url) = site {
        for i in &posting.known {
            let is_active = posting.identity.as_ref().is_some_and(|a| a.name == i.name);
            if !is_active && i.serves(url) {
                out.push(Some(i.clone()));
            }
        }
    }
    out.push(None);
    out
}

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
        let body = view.bodies.get(&comment.id);
        Some(Parent {
            id: comment.id,
            author: body.map(|b| b.author.clone()).unwrap_or_default(),
            plain: body.map(|b| b.doc.plain_text()).unwrap_or_default(),
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
        post: view.post.id,
        parent,
        editor: editor(kept.as_deref().unwrap_or("")),
        stage: Stage::Editing,
        preview: false,
        error: None,
        choices: choices(&app.posting, site_url.as_ref()),
        choice: 0,
        touched: false,
    };
    composer.touched = kept.is_some();
    app.message = kept.as_ref().map(|_| "your draft is back".to_owned());
    app.posting.composer = Some(composer);
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
    if let Some(c) = app.posting.composer.as_mut()
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
