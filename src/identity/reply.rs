//! Sending a reply the safe way, for the CLI and the TUI composer alike: the draft is on
//! disk before the request leaves and is deleted only after the site confirmed the comment.
//!
//! Accounts post over the REST API. Guests try the REST API first and, when it refuses
//! guests (stock WordPress: `rest_comment_login_required`) or is closed or absent, post
//! through the post page's own comment form, as a browser does.

use std::path::PathBuf;

use url::Url;

use super::{Identity, Kind};
use crate::api::form::post::{post_through_form, same_origin};
use crate::api::page::{PostPage, fetch_post_page};
use crate::api::write::{NewComment, Posted, Route, refusal, rest_refuses_guests, send_comment};
use crate::api::{ApiRoot, Client, Target, auth, discover, posts};
use crate::error::{Error, Result};
use crate::store::drafts::{self, DraftKey};

/// A reply that failed, with where its text was kept.
#[derive(Debug)]
pub struct Failed {
    /// Why (worded for the user; see [`Error::exit_code`]).
    pub error: Error,
    /// The draft file, when the text was saved before the failure.
    pub draft: Option<PathBuf>,
}

/// Where a reply goes.
#[derive(Clone, Debug)]
pub enum Destination {
    /// `POST /wp/v2/comments` of this API; a guest falls back to the comment form of the
    /// post's page when the API refuses guests.
    Rest(ApiRoot),
    /// The comment form of this page (already fetched, its cookies in `browser`): the REST
    /// API is closed or absent.
    Form {
        /// The cookie-keeping client that fetched `page`.
        browser: Client,
        /// The post's page.
        page: Box<PostPage>,
    },
}

impl Destination {
    /// The draft key of a reply to `parent` on `post` sent here: the site's REST API root,
    /// or, through a form, the post's page (`page_url`) itself, so two sites on one host
    /// never share a draft.
    pub fn draft_key(&self, page_url: &Url, post: u64, parent: u64) -> DraftKey {
        match self {
            Destination::Rest(api) => DraftKey::for_post(api, post, parent),
            Destination::Form { .. } => DraftKey::for_page(page_url, post, parent),
        }
    }
}

/// Find where a reply to the post at `target` goes, and the post's id. The REST API first;
/// for a guest whose REST API is closed or absent, the post's page (its id from the page
/// itself: the form's `comment_post_ID`, the shortlink, the body class).
pub async fn destination(
    client: &Client,
    target: &Target,
    identity: &Identity,
) -> Result<(Destination, u64)> {
    let rest = async {
        let found = discover(client, target).await?;
        // An API outside the identity's site would get the reply without its credentials:
        // posted anonymously somewhere the person never chose, and reported as theirs.
        identity.ensure_api(&found.api)?;
        let post = posts::find_post(client, &found, target).await?;
        Ok::<_, Error>((Destination::Rest(found.api), post.id))
    };
    let error = match rest.await {
        Ok(found) => return Ok(found),
        Err(e) if identity.kind == Kind::Guest && rest_unavailable(&e) => e,
        Err(e) => return Err(e),
    };
    let browser = client.with_cookies()?;
    let page = fetch_post_page(&browser, &target.url).await?;
    stays_on_site(&page, &target.url)?;
    match (page.post_id, &page.form) {
        (None, _) if matches!(error, Error::NotWordPress { .. }) => Err(error),
        (Some(id), _) => Ok((
            Destination::Form {
                browser,
                page: Box::new(page),
            },
            id,
        )),
        (None, Err(why)) => Err(Error::Refused(why.words().to_owned())),
        (None, Ok(_)) => Err(error),
    }
}

/// A guest's name and email go only to the site asked for: a post page that redirected to
/// another site is not followed with them.
fn stays_on_site(page: &PostPage, site_url: &Url) -> Result<()> {
    if same_origin(site_url, &page.url) {
        return Ok(());
    }
    Err(Error::Refused(format!(
        "the post's page moved to another site ({}): the comment is not sent there",
        crate::api::http::display_url(&page.url)
    )))
}

/// Failures that say the REST API is closed to us or missing, not that the post is.
fn rest_unavailable(e: &Error) -> bool {
    match e {
        // A WordPress without `/wp-content/` in its page and without a REST API looks like
        // no WordPress at all: its page may still have WordPress's comment form.
        // A REST API closed to anonymous requests (401/403 `rest_cannot_access`…) or without
        // the route (`rest_no_route`) is one a browser's form still reaches.
        Error::RestDisabled { .. }
        | Error::RestClosed { .. }
        | Error::NoRoute { .. }
        | Error::PostNotFound { .. }
        | Error::NotWordPress { .. } => true,
        Error::Http { status, .. } => matches!(status, 401 | 403 | 404),
        _ => false,
    }
}

/// Save `body` as the draft for (`site_url`, `post`, `parent`), post it as `identity`
/// through `client` (built with `identity.auth()`) to `to`, and delete the draft once the
/// site has confirmed the comment. `on_route` hears, before each attempt, which way the
/// comment is about to go (the REST API, then perhaps the comment form).
///
/// An account identity is checked with `users/me` first, so a wrong or ignored password
/// is reported as such rather than as a confusing refusal.
#[allow(clippy::too_many_arguments)]
pub async fn send(
    client: &Client,
    to: &Destination,
    identity: &Identity,
    site_url: &Url,
    post: u64,
    parent: u64,
    body: &str,
    on_route: &mut (dyn FnMut(Route) + Send),
) -> std::result::Result<Posted, Failed> {
    let key = to.draft_key(site_url, post, parent);
    let draft = drafts::save(&key, body).map_err(|error| Failed { error, draft: None })?;
    let kept = |error: Error| Failed {
        error,
        draft: Some(draft.clone()),
    };
    let comment = NewComment {
        post,
        parent,
        content: body.to_owned(),
        guest: identity.guest_author(),
    };
    let posted = post_as(client, to, identity, site_url, &comment, on_route)
        .await
        .map_err(kept)?;
    drafts::delete(&key).map_err(kept)?;
    Ok(posted)
}

async fn post_as(
    client: &Client,
    to: &Destination,
    identity: &Identity,
    site_url: &Url,
    comment: &NewComment,
    on_route: &mut (dyn FnMut(Route) + Send),
) -> Result<Posted> {
    let api = match to {
        Destination::Form { browser, page } => {
            return by_form(browser, page, comment, on_route).await;
        }
        Destination::Rest(api) => api,
    };
    if client.has_auth() {
        auth::whoami(client, api).await?;
    }
    on_route(Route::Rest);
    let answer = match send_comment(client, api, comment).await? {
        Ok(posted) => return Ok(posted),
        Err(answer) => answer,
    };
    if identity.kind != Kind::Guest || client.has_auth() || !rest_refuses_guests(&answer) {
        return Err(refusal(&answer, comment.guest.is_some(), client.has_auth()));
    }
    let browser = client.with_cookies()?;
    let page = fetch_post_page(&browser, site_url).await?;
    stays_on_site(&page, site_url)?;
    by_form(&browser, &page, comment, on_route).await
}

/// Post through the page's form; the route is announced only when there is a form to post.
async fn by_form(
    browser: &Client,
    page: &PostPage,
    comment: &NewComment,
    on_route: &mut (dyn FnMut(Route) + Send),
) -> Result<Posted> {
    if page.form.is_ok() {
        on_route(Route::CommentForm);
    }
    post_through_form(browser, page, comment).await
}

/// Why `identity` cannot post from inside the terminal reader: its secret comes from a
/// `password_command`, which may prompt (pass, gpg) and would fight the reader for the
/// keyboard and the screen. Secrets are read before the terminal is taken, for the identity
/// the reader starts as; `None` when this one may be used.
pub fn command_secret(identity: &Identity) -> Option<String> {
    identity.password_command.as_ref().map(|_| {
        format!(
            "identity {0} reads its secret with a command: choose it with --as {0} when starting",
            identity.name
        )
    })
}
