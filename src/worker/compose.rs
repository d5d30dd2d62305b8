//! The worker's side of composing: drafts on disk and sending a reply. Runs on the worker
//! thread; every outcome goes back to the UI as a [`Msg`].

use std::collections::VecDeque;
use std::sync::mpsc::Sender;

use serde_json::{Value, json};
use tokio::sync::mpsc::UnboundedReceiver;

use crate::api::form::post::same_origin;
use crate::api::{Client, ClientConfig};
use crate::app::compose::text::{identity_label, to_html};
use crate::app::msg::{Effect, Msg, Outgoing};
use crate::identity::reply::{Destination, Failed, command_secret, send};
use crate::identity::{Identity, Kind};
use crate::model::Comment;
use crate::present::ONLY_YOU_SEE_IT;
use crate::store::drafts::{self, DraftKey};

/// Keep the draft (atomically, 0600). A failure is reported: the user should know their
/// text is only in memory.
pub fn save_draft(tx: &Sender<Msg>, key: &DraftKey, body: &str) {
    if let Err(e) = drafts::save(key, body) {
        let _ = tx.send(Msg::Notice(format!("cannot keep the draft: {e}")));
    }
}

/// The newest text of a run of saves of `key` already queued behind this one; the first
/// other job met goes to `backlog` (to run next, in order).
pub fn latest_save(
    key: &DraftKey,
    mut body: String,
    rx: &mut UnboundedReceiver<Effect>,
    backlog: &mut VecDeque<Effect>,
) -> String {
    if !backlog.is_empty() {
        return body;
    }
    while let Ok(next) = rx.try_recv() {
        match next {
            Effect::SaveDraft { key: k, body: b } if k == *key => body = b,
            other => {
                backlog.push_back(other);
                break;
            }
        }
    }
    body
}

/// Forget a draft.
pub fn delete_draft(tx: &Sender<Msg>, key: &DraftKey) {
    if let Err(e) = drafts::delete(key) {
        let _ = tx.send(Msg::Notice(format!("cannot delete the draft: {e}")));
    }
}

/// Read a draft; say nothing when there is none.
pub fn load_draft(tx: &Sender<Msg>, key: DraftKey) {
    match drafts::load(&key) {
        Ok(Some(text)) => {
            let _ = tx.send(Msg::DraftLoaded { key, text });
        }
        Ok(None) => {}
        Err(e) => {
            let _ = tx.send(Msg::Notice(format!("cannot read the saved draft: {e}")));
        }
    }
}

/// No identity: a guest without name or email (most sites refuse it, and say so).
fn anonymous() -> Identity {
    Identity::new("anonymous", Kind::Guest, None)
}

/// Post the reply as its identity with a client of its own; report the new comment (as
/// the site returns it when it lets us read it back) or the refusal in words.
pub async fn send_reply(tx: Sender<Msg>, base: ClientConfig, out: Outgoing) {
    let key = out.key.clone();
    let tell = tx.clone();
    let mut on_route = move |sender: String| {
        let key = key.clone();
        let _ = tell.send(Msg::SendingAs { key, sender });
    };
    let outcome = post(base, &out, &mut on_route).await;
    let key = out.key.clone();
    let _ = tx.send(Msg::Sent {
        key,
        outcome: outcome.map(Box::new),
    });
}

async fn post(
    base: ClientConfig,
    out: &Outgoing,
    on_route: &mut (dyn FnMut(String) + Send),
) -> Result<Comment, String> {
    let identity = out.identity.clone().unwrap_or_else(anonymous);
    if out.identity.is_some() {
        identity
            .ensure_serves(&out.site_url)
            .map_err(|e| e.to_string())?;
    }
    let auth = if out.launch_auth {
        base.auth.clone()
    } else {
        if let Some(why) = command_secret(&identity) {
            return Err(why);
        }
        let reading = identity.clone();
        // The secret may come from the keyring: off the async threads.
        tokio::task::spawn_blocking(move || reading.auth())
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())?
    };
    let client = Client::new(ClientConfig {
        auth,
        auth_scope: identity.auth_scope(),
        ..base
    })
    .map_err(|e| e.to_string())?;
    let to = Destination::Rest(out.api.clone());
    // Drafts are keyed by the site; the comment form is on the post's page.
    // A post's `link` is the site's word: only a page on the site itself is used.
    let page = (out.page.clone())
        .filter(|p| same_origin(&out.site_url, p))
        .unwrap_or_else(|| out.site_url.clone());
    let mut announce = |route| on_route(identity.sender_words(route));
    let posted = send(
        &client,
        &to,
        &identity,
        &page,
        out.post,
        out.parent,
        &out.body,
        &mut announce,
    )
    .await
    .map_err(|Failed { error, draft }| match draft {
        Some(path) => format!("{error} (the draft is kept in {})", path.display()),
        None => error.to_string(),
    })?;
    if let Some(comment) = read_back(&client, out, posted.id).await {
        return Ok(comment);
    }
    // The site would not show it to us (held, and we may not see held comments): show what
    // we sent, as the site will once it is approved; until then only we see it.
    let status = match posted.status_words() {
        "awaiting moderation" => ONLY_YOU_SEE_IT.to_owned(),
        _ => posted.status.clone(),
    };
    let raw = json!({
        "id": posted.id, "post": out.post, "parent": out.parent,
        "author_name": author_name(&identity),
        "date_gmt": crate::model::clock::now_utc().format("%Y-%m-%dT%H:%M:%S").to_string(),
        "content": {"rendered": to_html(&out.body)},
        "link": posted.link, "status": status, "type": "comment",
    });
    Comment::from_json(raw)
}

fn author_name(identity: &Identity) -> String {
    match identity.kind {
        Kind::Guest => identity.author_name.clone().unwrap_or_default(),
        _ => identity
            .user
            .clone()
            .unwrap_or_else(|| identity_label(Some(identity))),
    }
}

/// The new comment as the site stores it: with `context=edit` when allowed, else as anyone
/// sees it; `None` when it is not readable (held).
async fn read_back(client: &Client, out: &Outgoing, id: u64) -> Option<Comment> {
    let route = format!("wp/v2/comments/{id}");
    let contexts: &[&[(&str, &str)]] = if client.has_auth() {
        &[&[("context", "edit")], &[]]
    } else {
        &[&[]]
    };
    for query in contexts {
        let url = out.api.url(&route, query);
        if let Ok(resp) = client.get(&url).await
            && resp.ok()
            && let Ok(v) = resp.json()
            && v.get("id").and_then(Value::as_u64) == Some(id)
            && let Ok(c) = Comment::from_json(v)
        {
            return Some(c);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(parent: u64) -> DraftKey {
        DraftKey {
            site: "blog.example".into(),
            post: "post-1".into(),
            parent,
        }
    }

    fn save(parent: u64, body: &str) -> Effect {
        Effect::SaveDraft {
            key: key(parent),
            body: body.into(),
        }
    }

    #[test]
    fn a_command_secret_is_never_run_from_the_reader_unless_read_at_launch() {
        let dir = std::env::temp_dir().join(format!("wpc-cmd-secret-{}", std::process::id()));
        let marker = dir.join("ran");
        std::fs::create_dir_all(&dir).unwrap();
        let identity = Identity {
            user: Some("pass".into()),
            password_command: Some(format!("touch '{}'; echo secret", marker.display())),
            ..Identity::new(
                "pass",
                Kind::AppPassword,
                Some("https://blog.example/".into()),
            )
        };
        let out = Outgoing {
            key: key(2),
            api: crate::api::ApiRoot::Path(
                url::Url::parse("https://blog.example/wp-json/").unwrap(),
            ),
            site_url: url::Url::parse("https://blog.example/post/").unwrap(),
            page: None,
            identity: Some(identity),
            launch_auth: false,
            post: 1,
            parent: 2,
            body: "hi".into(),
        };
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        let err = rt
            .block_on(post(ClientConfig::default(), &out, &mut |_| {}))
            .unwrap_err();
        assert_eq!(
            err,
            "identity pass reads its secret with a command: choose it with --as pass when starting"
        );
        assert!(!marker.exists(), "the password command ran");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn queued_saves_of_one_draft_collapse_to_the_last_and_other_jobs_keep_their_turn() {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel();
        for e in [save(2, "ab"), save(2, "abc"), save(3, "x"), save(2, "abcd")] {
            tx.send(e).unwrap();
        }
        let mut backlog = VecDeque::new();
        let body = latest_save(&key(2), "a".into(), &mut rx, &mut backlog);
        assert_eq!(body, "abc");
        assert_eq!(backlog, VecDeque::from([save(3, "x")]));
        // With a backlog, nothing is taken past it.
        let body = latest_save(&key(2), "q".into(), &mut rx, &mut backlog);
        assert_eq!(body, "q");
        assert_eq!(rx.try_recv().ok(), Some(save(2, "abcd")));
    }
}
