//! Changing a comment's status (approve, hold, spam, trash and their undos), deleting it for
//! good, and editing its text, with every refusal explained in one line.
//!
//! What WordPress 6.1's REST API really does (checked against the test site):
//! - `POST /wp/v2/comments/{id}` with `status` = `approved`/`approve`, `hold`, `spam`,
//!   `unspam`, `trash`, `untrash`. `unspam` and `untrash` restore the status the comment had
//!   before (WordPress keeps it in `_wp_trash_meta_status`), so a held comment spammed and
//!   unspammed is held again.
//! - `status=trash` on a site with the trash disabled (`EMPTY_TRASH_DAYS` 0) deletes the
//!   comment for good, so trashing goes through `DELETE` without `force`, which answers
//!   501 `rest_trash_not_supported` there instead. `DELETE` of a trashed comment is 410
//!   `rest_already_trashed`; `DELETE ?force=true` deletes.
//! - Without `moderate_comments`: 403 `rest_cannot_edit` / `rest_cannot_delete`.

use serde_json::{Value, json};

use super::auth::wp_error_code;
use super::http::{Client, Response, display_url};
use crate::error::{Error, Result};
use crate::model::ApiRoot;
pub use crate::model::moderation::{ModAction, Outcome, Status};
use crate::render::sanitize_line;

/// A comment's current status, read with `context=edit`.
pub async fn current_status(client: &Client, api: &ApiRoot, id: u64) -> Result<Status> {
    let url = api.url(
        &format!("wp/v2/comments/{id}"),
        &[("context", "edit"), ("_fields", "id,status")],
    );
    let resp = client.get(&url).await?;
    if !resp.ok() {
        return Err(refusal(&resp, id, "read"));
    }
    status_of(&resp.json()?, &resp)
}

/// Apply `action` to comment `id`. `current` is its status when known (else it is read
/// first); no-ops are skipped.
pub async fn apply(
    client: &Client,
    api: &ApiRoot,
    id: u64,
    action: ModAction,
    current: Option<Status>,
) -> Result<Outcome> {
    let current = match current {
        Some(s) => s,
        None => current_status(client, api, id).await?,
    };
    if action.is_noop(current) {
        return Ok(Outcome {
            id,
            status: Some(current),
            skipped: true,
        });
    }
    let route = format!("wp/v2/comments/{id}");
    let resp = match action {
        ModAction::Trash => {
            client
                .delete(&api.url(&route, &[("context", "edit")]))
                .await?
        }
        ModAction::Delete => {
            client
                .delete(&api.url(&route, &[("force", "true")]))
                .await?
        }
        _ => {
            let status = match action {
                ModAction::Approve => "approved",
                ModAction::Hold => "hold",
                ModAction::Spam => "spam",
                ModAction::Unspam => "unspam",
                _ => "untrash",
            };
            let url = api.url(&route, &[("context", "edit")]);
            client.post_json(&url, &json!({ "status": status })).await?
        }
    };
    if !resp.ok() {
        return Err(refusal(&resp, id, action.verb()));
    }
    let status = match action {
        ModAction::Delete => None,
        _ => Some(status_of(&resp.json()?, &resp)?),
    };
    Ok(Outcome {
        id,
        status,
        skipped: false,
    })
}

/// Comment `id`'s text as stored (`content.raw`, read with `context=edit`): what an edit
/// starts from, markup and link targets included.
pub async fn raw_content(client: &Client, api: &ApiRoot, id: u64) -> Result<String> {
    let url = api.url(
        &format!("wp/v2/comments/{id}"),
        &[("context", "edit"), ("_fields", "id,content")],
    );
    let resp = client.get(&url).await?;
    if !resp.ok() {
        return Err(refusal(&resp, id, "read"));
    }
    resp.json()?
        .pointer("/content/raw")
        .and_then(Value::as_str)
        .map(str::to_owned)
        .ok_or_else(|| Error::Malformed {
            url: display_url(&resp.url),
            detail: format!("comment #{id} came without its stored text (content.raw)"),
        })
}

/// Replace the text of comment `id`; returns the new rendered HTML.
pub async fn edit_content(client: &Client, api: &ApiRoot, id: u64, text: &str) -> Result<String> {
    let url = api.url(&format!("wp/v2/comments/{id}"), &[("context", "edit")]);
    let resp = client.post_json(&url, &json!({ "content": text })).await?;
    if !resp.ok() {
        return Err(refusal(&resp, id, "edit"));
    }
    let v = resp.json()?;
    Ok(v.pointer("/content/rendered")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned())
}

fn status_of(v: &Value, resp: &Response) -> Result<Status> {
    let raw = v
        .get("status")
        .or_else(|| v.pointer("/previous/status"))
        .and_then(Value::as_str)
        .unwrap_or_default();
    Status::parse(raw).ok_or_else(|| Error::Malformed {
        url: display_url(&resp.url),
        detail: format!("unknown comment status {:?}", sanitize_line(raw)),
    })
}

/// Explain a refused moderation request in one line.
pub fn refusal(resp: &Response, id: u64, verb: &str) -> Error {
    let code = wp_error_code(resp);
    let said = if code.is_empty() {
        format!("HTTP {}", resp.status)
    } else {
        format!("HTTP {} {code}", resp.status)
    };
    match (resp.status, code.as_str()) {
        (401, "rest_not_logged_in") => super::auth::auth_error(resp, true),
        (401 | 403, "incorrect_password" | "invalid_username") => {
            super::auth::auth_error(resp, true)
        }
        (401 | 403, _) => Error::Refused(format!(
            "not allowed to {verb} comment #{id}: the identity lacks the moderate_comments capability ({said})"
        )),
        (404, _) => Error::NotFound(format!(
            "comment #{id} does not exist (or no longer does) ({said})"
        )),
        (410, _) => Error::Refused(format!("comment #{id} is already in the trash ({said})")),
        (501, _) => Error::Refused(format!(
            "this site has the trash turned off: use delete (permanently) instead ({said})"
        )),
        (400..=499, _) => Error::Refused(format!(
            "the site refused to {verb} comment #{id}: {} ({said})",
            resp.wp_error_message().unwrap_or_default()
        )),
        _ => super::http::http_error(resp),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_ops_are_skipped_and_undo_goes_back() {
        assert!(ModAction::Approve.is_noop(Status::Approved));
        assert!(ModAction::Unspam.is_noop(Status::Hold));
        assert!(!ModAction::Delete.is_noop(Status::Trash));
        assert_eq!(ModAction::Approve.undo(Status::Hold), Some(ModAction::Hold));
        assert_eq!(ModAction::Hold.undo(Status::Spam), Some(ModAction::Spam));
        assert_eq!(
            ModAction::Trash.undo(Status::Hold),
            Some(ModAction::Untrash)
        );
        assert_eq!(
            ModAction::Spam.undo(Status::Approved),
            Some(ModAction::Unspam)
        );
        assert_eq!(ModAction::Delete.undo(Status::Hold), None);
        assert_eq!(
            ModAction::Untrash.expected(Some(Status::Hold)),
            Some(Status::Hold)
        );
    }

    fn answer(status: u16, code: &str) -> Response {
        Response {
            url: url::Url::parse("https://blog.example/wp-json/wp/v2/comments/12").unwrap(),
            status,
            headers: reqwest::header::HeaderMap::new(),
            body: format!(r#"{{"code":"{code}","message":"Nope."}}"#).into_bytes(),
        }
    }

    #[test]
    fn refusals_are_explained_in_one_line_with_the_right_exit_code() {
        let said = |status, code| {
            let e = refusal(&answer(status, code), 12, "trash");
            (e.exit_code(), e.to_string())
        };
        let (code, text) = said(403, "rest_cannot_delete");
        assert_eq!(code, 11);
        assert!(
            text.contains("lacks the moderate_comments capability"),
            "{text}"
        );
        let (code, text) = said(404, "rest_comment_invalid_id");
        assert_eq!(code, 6);
        assert!(text.starts_with("comment #12 does not exist"), "{text}");
        let (code, text) = said(410, "rest_already_trashed");
        assert_eq!(code, 11);
        assert!(text.contains("already in the trash"), "{text}");
        let (code, text) = said(501, "rest_trash_not_supported");
        assert_eq!(code, 11);
        assert!(text.contains("trash turned off"), "{text}");
        let (code, _) = said(401, "rest_not_logged_in");
        assert_eq!(code, 10);
        assert!(!text.contains('\n'));
    }

    #[test]
    fn statuses_read_both_spellings() {
        assert_eq!(Status::parse("approve"), Some(Status::Approved));
        assert_eq!(Status::parse("unapproved"), Some(Status::Hold));
        assert_eq!(Status::Approved.list_filter(), "approve");
        assert_eq!(Status::parse("weird"), None);
    }
}
