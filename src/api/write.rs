//! Posting a comment, and turning every refusal into one line a person understands.

use serde_json::{Value, json};

use super::auth::{auth_error, wp_error_code};
use super::http::{Client, Response, display_url};
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
    let url = api.url("wp/v2/comments", &[]);
    let resp = client.post_json(&url, &comment_body(c)).await?;
    if resp.status == 201 || resp.status == 200 {
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
        return Ok(Posted {
            id,
            status,
            link: text("link"),
        });
    }
    Err(refusal(&resp, c.guest.is_some(), client.has_auth()))
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
        // Not carried out (and not re-sent elsewhere): nothing was saved.
        (300..=399, _) => super::http::answer::error(resp),
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
        (403, "rest_comment_closed") => refused("comments on this post are closed"),
        (403, "rest_comment_draft_post" | "rest_comment_trash_post" | "rest_cannot_read_post") => {
            refused("this post cannot take comments (it is a draft, trashed or private)")
        }
        (409, _) | (_, "comment_duplicate") => {
            refused("duplicate comment: this exact comment was already posted here")
        }
        (_, "comment_flood") | (429, _) => refused(
            "too many comments too fast: the site's flood check refused this one; wait a minute and try again",
        ),
        (400, "rest_comment_author_data_required") => refused(if guest {
            "this site requires a name and an email from guests: set them on the identity"
        } else {
            "this site requires a name and an email for the comment"
        }),
        (400, "rest_comment_content_invalid") => refused("the comment is empty"),
        (400, c) if c.ends_with("_column_length") => refused("the comment (or a name) is too long"),
        (400, "rest_comment_invalid_post_id" | "rest_post_invalid_id") => {
            refused("that post does not exist on this site")
        }
        (400, "rest_comment_invalid_parent" | "rest_comment_parent_invalid") => {
            refused("the comment being replied to does not exist on this post")
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
        };
        assert_eq!(p.status_words(), "awaiting moderation");
    }
}
