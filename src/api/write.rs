//! Posting a comment, and turning every refusal into one line a person understands.

use serde_json::{Value, json};

use super::auth::{auth_error, wp_error_code};
use super::http::{Client, Response, display_url};
use super::refusal::Refusal;
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::render::sanitize_line;

/// Who a guest comment is from (no account: WordPress stores these on the comment).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuestAuthor {
    /// Display name.
    pub name: String,
    /// Email (not shown publicly; sites use it for avatars and moderation).
    pub email: String,
    /// Website, may be empty.
    pub url: String,
}

/// A comment to post.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewComment {
    /// Post id.
    pub post: u64,
    /// Parent comment id, 0 for top level.
    pub parent: u64,
    /// The body (WordPress accepts a subset of HTML; plain text is fine).
    pub content: String,
    /// Guest author fields; `None` when the client's credentials say who we are.
    pub guest: Option<GuestAuthor>,
}

/// What the site made of a posted comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    /// The new comment's id.
    pub id: u64,
    /// `approved`, or `hold` when it awaits moderation (also `spam`).
    pub status: String,
    /// Permalink of the comment.
    pub link: String,
    /// How it was sent.
    pub route: Route,
}

/// How a comment reaches the site.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// `POST /wp/v2/comments`.
    Rest,
    /// The post page's own comment form (`wp-comments-post.php`), as a browser sends it.
    CommentForm,
}

impl Route {
    /// `over the REST API` / `through the site's comment form`.
    pub fn words(self) -> &'static str {
        match self {
            Route::Rest => "over the REST API",
            Route::CommentForm => "through the site's comment form",
        }
    }
}

impl Posted {
    /// `approved`, `awaiting moderation`, or the raw status.
    pub fn status_words(&self) -> &str {
        match self.status.as_str() {
            "approved" | "approve" | "1" => "approved",
            "hold" | "unapproved" | "0" => "awaiting moderation",
            other => other,
        }
    }
}

/// The JSON body of `POST /wp/v2/comments`.
pub fn comment_body(c: &NewComment) -> Value {
    let mut body = json!({"post": c.post, "parent": c.parent, "content": c.content});
    if let Some(g) = &c.guest {
        body["author_name"] = json!(g.name);
        body["author_email"] = json!(g.email);
        if !g.url.is_empty() {
            body["author_url"] = json!(g.url);
        }
    }
    body
}

/// Post a comment. 201 gives [`Posted`]; every refusal is an [`Error::Refused`] (or
/// [`Error::Auth`] for rejected credentials) that says why in words.
pub async fn post_comment(client: &Client, api: &ApiRoot, c: &NewComment) -> Result<Posted> {
    match send_comment(client, api, c).await? {
        Ok(posted) => Ok(posted),
        Err(resp) => Err(refusal(&resp, c.guest.is_some(), client.has_auth())),
    }
}

/// `POST /wp/v2/comments`, once: `Ok(Ok(posted))` on 200/201, `Ok(Err(answer))` with the
/// site's refusal for the caller to read ([`refusal`], [`rest_refuses_guests`]).
pub async fn send_comment(
    client: &Client,
    api: &ApiRoot,
    c: &NewComment,
) -> Result<std::result::Result<Posted, Response>> {
    let url = api.url("wp/v2/comments", &[]);
    let resp = client.post_json(&url, &comment_body(c)).await?;
    if resp.status != 201 && resp.status != 200 {
        return Ok(Err(resp));
    }
    let v = resp.json()?;
    let id = v
        .get("id")
        .and_then(Value::as_u64)
        .ok_or_else(|| Error::Malformed {
            url: display_url(&url),
            detail: "the new comment has no id".into(),
        })?;
    let text = |k: &str| sanitize_line(v.get(k).and_then(Value::as_str).unwrap_or_default());
    let status = match text("status") {
        s if s.is_empty() => "approved".to_owned(),
        s => s,
    };
    Ok(Ok(Posted {
        id,
        status,
        link: text("link"),
        route: Route::Rest,
    }))
}

/// True when a guest's `POST /wp/v2/comments` was refused because of the REST API itself,
/// not the comment: guests may not comment over REST (`rest_comment_login_required`, stock
/// WordPress), the API is closed to anonymous visitors (`rest_cannot_access` and the like,
/// from security plugins), or there is no API (404, or an answer that is not WordPress's).
/// The site's own comment form may still take the comment.
pub fn rest_refuses_guests(resp: &Response) -> bool {
    let code = wp_error_code(resp);
    matches!(
        (resp.status, code.as_str()),
        (
            401 | 403,
            "rest_comment_login_required"
                | "rest_cannot_access"
                | "rest_login_required"
                | "rest_not_logged_in"
                | "rest_disabled"
                | "rest_forbidden",
        ) | (404, "rest_no_route" | "")
            | (401 | 403 | 405, "")
    )
}

/// Explain a non-2xx answer to `POST /wp/v2/comments`.
pub fn refusal(resp: &Response, guest: bool, sent_credentials: bool) -> Error {
    let code = wp_error_code(resp);
    let message = resp.wp_error_message().unwrap_or_default();
    let said = if code.is_empty() {
        format!("HTTP {}", resp.status)
    } else {
        format!("HTTP {} {code}", resp.status)
    };
    let refused = |why: &str| Error::Refused(format!("{why} ({said})"));
    match (resp.status, code.as_str()) {
        (401, "rest_comment_login_required") | (400, "rest_comment_author_data_required")
            if !guest && sent_credentials =>
        {
            Error::Auth(format!(
                "{} treated the reply as a guest's: the credentials were not accepted (a wrong password, or the site ignores them) ({said})",
                display_url(&resp.url)
            ))
        }
        (401, "rest_comment_login_required") => refused(
            "this site does not accept guest comments over the REST API (WordPress's default): add an account identity with `wpcomments identity add NAME --site URL --app-password` and reply --as it",
        ),
        (401 | 403, "incorrect_password" | "invalid_username" | "invalid_email")
        | (401, "rest_not_logged_in") => auth_error(resp, sent_credentials),
        (403, "rest_comment_closed") => refused(Refusal::Closed.words()),
        (403, "rest_comment_draft_post" | "rest_comment_trash_post" | "rest_cannot_read_post") => {
            refused(Refusal::PostCannotTake.words())
        }
        (409, _) | (_, "comment_duplicate") => refused(Refusal::Duplicate.words()),
        (_, "comment_flood") | (429, _) => refused(Refusal::Flood.words()),
        (400, "rest_comment_author_data_required") => {
            refused(Refusal::NameEmailRequired(guest).words())
        }
        (400, "rest_comment_content_invalid") => refused(Refusal::Empty.words()),
        (400, c) if c.ends_with("_column_length") => refused(Refusal::TooLong.words()),
        (400, "rest_comment_invalid_post_id" | "rest_post_invalid_id") => {
            refused(Refusal::NoPost.words())
        }
        (400, "rest_comment_invalid_parent" | "rest_comment_parent_invalid") => {
            refused(Refusal::NoParent.words())
        }
        (403, _) => refused(&format!("the site forbids this comment: {message}")),
        (400..=499, _) => refused(&format!("the site rejected the comment: {message}")),
        (status, _) => Error::Http {
            url: display_url(&resp.url),
            status,
            message: format!(
                ": the server failed while posting; the comment may or may not have been saved{}",
                if message.is_empty() {
                    String::new()
                } else {
                    format!(" ({message})")
                }
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guests_send_their_name_and_email_and_accounts_do_not() {
        let mut c = NewComment {
            post: 5,
            parent: 2,
            content: "hi".into(),
            guest: None,
        };
        assert_eq!(
            comment_body(&c),
            json!({"post": 5, "parent": 2, "content": "hi"})
        );
        c.guest = Some(GuestAuthor {
            name: "Ada".into(),
            email: "ada@example.com".into(),
            url: String::new(),
        });
        let body = comment_body(&c);
        assert_eq!(body["author_name"], "Ada");
        assert!(body.get("author_url").is_none());
    }

    #[test]
    fn held_comments_read_as_awaiting_moderation() {
        let p = Posted {
            id: 1,
            status: "hold".into(),
            link: String::new(),
            route: Route::Rest,
        };
        assert_eq!(p.status_words(), "awaiting moderation");
    }
}
