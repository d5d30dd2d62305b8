//! What flows in and out of [`update`](crate::app::update::update): messages in (keys, mouse,
//! resizes, worker reports), effects out (work for the worker or the terminal).

pub mod moderation;

use std::collections::HashSet;
use std::path::PathBuf;

use chrono::NaiveDateTime;
use crossterm::event::{KeyEvent, MouseEvent};

use crate::identity::Identity;
use crate::keys::action::Action;
use crate::model::{ApiRoot, PageEvent};
use crate::model::{Comment, PageRead, Post, Site};
use crate::store::drafts::DraftKey;

/// The [`Msg::Notice`] when no browser could be opened: what to do, not the opener's own
/// error (a launcher's exit status means nothing to a reader).
pub const NO_BROWSER: &str =
    "no browser could be opened: set $BROWSER, or press y to copy the link";

/// Something `update` reacts to.
#[derive(Clone, Debug)]
pub enum Msg {
    /// A command (a resolved key, or sent directly: SIGTERM sends `Quit`).
    Action(Action),
    /// A key press, resolved through the keymap (or typed into a prompt).
    Key(KeyEvent),
    /// Mouse wheel or click.
    Mouse(MouseEvent),
    /// The terminal's new size.
    Resize {
        /// Columns.
        width: u16,
        /// Rows.
        height: u16,
    },
    /// The clock moved on (relative dates).
    Tick(NaiveDateTime),
    /// The post of a thread load was found (comments follow as `Page`s).
    Opened {
        /// Which load this belongs to; stale loads are ignored.
        generation: u64,
        /// What was found.
        opened: Box<Opened>,
    },
    /// One page of comments arrived.
    Page {
        /// Which load.
        generation: u64,
        /// The page.
        event: PageEvent,
    },
    /// Pages that arrived together, applied as one (the run loop merges `Page`s waiting
    /// behind each other, so a burst costs one tree update, not one per page).
    Pages {
        /// Which load.
        generation: u64,
        /// The pages, in arrival order.
        events: Vec<PageEvent>,
    },
    /// Every page arrived.
    LoadDone {
        /// Which load.
        generation: u64,
    },
    /// The load stopped with an error (what arrived before stays).
    LoadFailed {
        /// Which load.
        generation: u64,
        /// The error, one sanitized line.
        message: String,
    },
    /// A page of a site's recent posts arrived (the URL was a site, not a post).
    Posts {
        /// Which load.
        generation: u64,
        /// The posts.
        list: Box<PostsPage>,
    },
    /// A note for the status bar (an effect finished or failed), e.g. [`NO_BROWSER`].
    Notice(String),
    /// A moderation report (queue pages, counts, actions, edits).
    Moderation(Box<crate::app::msg::moderation::ModMsg>),
    /// A reply draft found on disk (answer to [`Effect::LoadDraft`]).
    DraftLoaded {
        /// Whose draft.
        key: DraftKey,
        /// Its text.
        text: String,
    },
    /// The answer to [`Effect::SaveDraft`]: `error` when the draft could not be written.
    DraftSaved {
        /// Whose draft.
        key: DraftKey,
        /// Why it is not on disk (sanitized by the receiver).
        error: Option<String>,
    },
    /// The answer to [`Effect::SendReply`]: the new comment, or why it was refused.
    Sent {
        /// The reply's draft key.
        key: DraftKey,
        /// The comment as the site stored it, or the refusal in words.
        outcome: Result<Box<Comment>, String>,
    },
    /// A reply is on its way by this route (sent before each attempt: the REST API, then
    /// perhaps the site's comment form).
    SendingAs {
        /// The reply's draft key.
        key: DraftKey,
        /// `Robin <robin@example.com> (guest, through the site's comment form)`.
        sender: String,
    },
    /// `$EDITOR` came back (answer to [`Effect::EditExternally`]).
    Edited {
        /// The reply's draft key.
        key: DraftKey,
        /// The text as saved, or why the editor could not run.
        outcome: Result<String, String>,
    },
}

/// A thread's post and context, sent before its comments.
#[derive(Clone, Debug)]
pub struct Opened {
    /// The site.
    pub site: Site,
    /// The post.
    pub post: Post,
    /// The API root, when fetched over the network (refresh uses it).
    pub api: Option<ApiRoot>,
    /// Comment ids seen on earlier visits; `None` on the first visit (nothing is new then).
    pub seen: Option<HashSet<u64>>,
    /// Where those ids are stored; `None` for the demo.
    pub seen_key: Option<String>,
    /// `#comment-N` of the URL: the comment to start on.
    pub focus: Option<u64>,
    /// The URL the thread came from.
    pub source_url: String,
    /// What was read from the post's page instead of the REST API, and why (for the header).
    pub page_read: Option<PageRead>,
}

/// A thread already in memory (the demo, an archive), as the two reports a load sends:
/// the post, then all its comments as one page.
pub fn in_memory_thread(
    generation: u64,
    data: crate::model::ThreadData,
    seen: Option<HashSet<u64>>,
    seen_key: Option<String>,
) -> [Msg; 2] {
    [
        Msg::Opened {
            generation,
            opened: Box::new(Opened {
                site: data.site,
                post: data.post,
                api: None,
                seen,
                seen_key,
                focus: None,
                source_url: data.source_url,
                page_read: data.page_read,
            }),
        },
        Msg::Page {
            generation,
            event: PageEvent {
                page: 1,
                total_pages: 1,
                comments: data.comments,
                total_reported: data.total_reported,
            },
        },
    ]
}

/// One page of a site's posts.
#[derive(Clone, Debug)]
pub struct PostsPage {
    /// The site.
    pub site: Site,
    /// Its API root.
    pub api: ApiRoot,
    /// 1-based page number.
    pub page: u32,
    /// Pages in all.
    pub total_pages: u32,
    /// The posts, newest first.
    pub posts: Vec<Post>,
    /// The search these match, if any.
    pub search: Option<String>,
}

/// Where a thread comes from (kept for refresh and retry).
#[derive(Clone, Debug, PartialEq)]
pub enum ThreadSource {
    /// The built-in demo.
    Demo,
    /// An archive file.
    Archive(PathBuf),
    /// A URL as the user gave it (post or site).
    Url(String),
    /// A post already found (from the post list, or a refresh).
    Post(Box<PostTarget>),
}

/// A post to load directly, without discovery.
#[derive(Clone, Debug, PartialEq)]
pub struct PostTarget {
    /// API root.
    pub api: ApiRoot,
    /// The site.
    pub site: Site,
    /// The post.
    pub post: Post,
    /// Comment to focus.
    pub focus: Option<u64>,
    /// The URL the user gave.
    pub source_url: String,
}

/// Work `update` asks for; the runner and the worker carry it out.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Load a thread; reports come back tagged with `generation`.
    Load {
        /// Tag of this load.
        generation: u64,
        /// What to load.
        source: ThreadSource,
    },
    /// Load a page of a site's posts.
    LoadPosts {
        /// Tag of this load.
        generation: u64,
        /// API root.
        api: ApiRoot,
        /// The site.
        site: Site,
        /// 1-based page.
        page: u32,
        /// Site search, if any.
        search: Option<String>,
    },
    /// Remember these comment ids as seen for the thread `key`.
    SaveSeen {
        /// Thread key (API root + post id).
        key: String,
        /// Ids seen.
        ids: Vec<u64>,
    },
    /// Open an http(s) URL in the browser.
    Open(String),
    /// Put text on the clipboard (OSC 52).
    Copy(String),
    /// Stop the process until the shell resumes it (Ctrl-Z).
    Suspend,
    /// Leave.
    Quit,
    /// Moderation work: the queue, counts, status changes, edits.
    Moderation(crate::app::msg::moderation::ModEffect),
    /// Keep a reply draft on disk (atomic, 0600).
    SaveDraft {
        /// Whose draft.
        key: DraftKey,
        /// The text.
        body: String,
    },
    /// Forget a reply draft (posted, or emptied).
    DeleteDraft {
        /// Whose draft.
        key: DraftKey,
    },
    /// Read a reply draft from disk; answered with [`Msg::DraftLoaded`] when there is one.
    LoadDraft {
        /// Whose draft.
        key: DraftKey,
    },
    /// Post a reply; answered with [`Msg::Sent`].
    SendReply(Box<Outgoing>),
    /// Hand the draft to `$VISUAL`/`$EDITOR` (the runner leaves the terminal for it);
    /// answered with [`Msg::Edited`].
    EditExternally {
        /// Whose draft.
        key: DraftKey,
        /// The text so far.
        text: String,
    },
}

/// A reply on its way to the site.
#[derive(Clone, Debug, PartialEq)]
pub struct Outgoing {
    /// Its draft.
    pub key: DraftKey,
    /// The site's REST API.
    pub api: ApiRoot,
    /// The URL the thread came from (the identity must serve its site).
    pub site_url: url::Url,
    /// The post's own page (for the comment form); `None`: the site's address is used.
    pub page: Option<url::Url>,
    /// Who posts it; `None` is anonymous.
    pub identity: Option<Identity>,
    /// True when `identity` is the one the app was started as: its credentials, read before
    /// the terminal was taken, are already in the worker's client settings.
    pub launch_auth: bool,
    /// Post id.
    pub post: u64,
    /// Parent comment id, 0 for top level.
    pub parent: u64,
    /// The text.
    pub body: String,
}
