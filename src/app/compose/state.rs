//! What the composer holds: the identity it posts as, the open reply (its editor, parent
//! and step) and this session's drafts. Data only; [`super`] opens it and
//! [`keys`](super::keys) changes it.

use std::collections::HashMap;

use ratatui_textarea::{TextArea, WrapMode};
use url::Url;

use crate::identity::Identity;
use crate::model::ApiRoot;
use crate::store::drafts::DraftKey;

/// Posting state that outlives one composer: the identity the app runs as, the ones that
/// could be switched to, and the drafts of this session.
#[derive(Clone, Debug, Default)]
pub struct Posting {
    /// `--as` (or the site's default identity); `None` reads and posts anonymously.
    pub identity: Option<Identity>,
    /// Every identity in `identities.toml` (filtered by site when a composer opens).
    pub known: Vec<Identity>,
    /// Drafts typed in this session, so reopening a reply restores it without the disk.
    pub drafts: HashMap<DraftKey, String>,
    /// Drafts whose last save to disk failed (see `compose::unsaved`).
    pub unsaved: std::collections::HashSet<DraftKey>,
    /// A close or quit waiting for y/n because a draft is not on disk.
    pub leaving: Option<Leaving>,
}

/// What the person asked for while a draft is unsaved, waiting for y/n.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leaving {
    /// Esc in the composer.
    Close,
    /// `q` (or Ctrl-C).
    Quit,
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
    /// The post's own page (its permalink): where a guest's reply goes through the comment
    /// form when the REST API refuses guests.
    pub page: Option<Url>,
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
    /// Who it may be posted as (never anonymous: empty when no identity serves the site).
    pub choices: Vec<Option<Identity>>,
    /// Index into `choices` of the identity it will be posted as.
    pub choice: usize,
    /// Who and which way the reply is being sent, as the worker last said
    /// ([`super::msg::Msg::SendingAs`]).
    pub sending_as: Option<String>,
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

    /// The identity it will be posted as (`None`: none can, and nothing is sent).
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
/// that serve the site (guests without a site serve every site). Never anonymous: as with
/// `reply`, a post needs an identity (README "Which identity is used").
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
    out
}

/// What the send step says when no identity can post on `site`.
pub fn no_identity(site: &str) -> String {
    format!(
        "no identity can post on {site}: add one (wpcomments identity add NAME --guest --name N --email E, or --site URL --app-password) and open the thread again"
    )
}
