//! `wpcomments reply URL`: keep a draft, post, delete the draft only on 201.

use std::io::Read;
use std::path::PathBuf;

use wpcomments::api::write::Route;
use wpcomments::api::{self, ClientConfig};
use wpcomments::error::{Error, Result};
use wpcomments::identity::Identities;
use wpcomments::identity::reply::{Failed, destination, send};
use wpcomments::store::drafts::{self, DraftKey};

use super::runtime;
use crate::cli::ReplyArgs;

/// Post the reply; on any failure after the body was read, say where the draft is.
pub fn run(args: ReplyArgs, as_identity: Option<&str>, config: &ClientConfig) -> Result<()> {
    let target = api::parse_target(&args.url)?;
    let parent = args.parent.or(target.focus_comment).unwrap_or(0);
    let identity = Identities::load()?.pick(as_identity, &target.url)?;
    // Saved before any network: the post id is not known yet, so keyed by the link; moved to
    // the post's key once it is.
    let link_key = DraftKey::for_link(&target.url, parent);
    let body = if args.draft {
        None
    } else {
        let body = read_body(args.body_file.as_ref())?;
        drafts::save(&link_key, &body)?;
        Some(body)
    };
    let outcome = runtime()?.block_on(async {
        let early = |error: Error| Failed {
            error,
            draft: link_key.path().ok().filter(|p| p.exists()),
        };
        let c = identity
            .client_config(config.clone())
            .and_then(wpcomments::api::Client::new)
            .map_err(early)?;
        let (to, post) = destination(&c, &target, &identity).await.map_err(early)?;
        let post_key = DraftKey::for_post(&target.url, post, parent);
        let body = match &body {
            Some(b) => b.clone(),
            None => saved_draft(&post_key, &link_key).map_err(early)?,
        };
        drafts::rekey(&link_key, &post_key, &body).map_err(early)?;
        let mut announce =
            |route: Route| eprintln!("wpcomments: posting as {}", identity.sender_words(route));
        send(
            &c,
            &to,
            &identity,
            &target.url,
            post,
            parent,
            &body,
            &mut announce,
        )
        .await
    });
    match outcome {
        Ok(posted) => {
            let held = posted.status_words() == "awaiting moderation";
            let only_you = if held {
                ", only you see it until a moderator approves it"
            } else {
                ""
            };
            println!(
                "comment #{}: {}{only_you} ({})",
                posted.id,
                posted.status_words(),
                posted.route.words()
            );
            if !posted.link.is_empty() {
                println!("{}", posted.link);
            }
            Ok(())
        }
        Err(Failed { error, draft }) => {
            if let Some(path) = draft {
                eprintln!(
                    "wpcomments: your reply is kept as a draft in {} (send it again with: wpcomments reply --draft URL)",
                    path.display()
                );
            }
            Err(error)
        }
    }
}

fn read_body(file: Option<&PathBuf>) -> Result<String> {
    let body = match file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| Error::Io(format!("cannot read {}: {e}", path.display())))?,
        None => {
            let mut text = String::new();
            std::io::stdin()
                .read_to_string(&mut text)
                .map_err(|e| Error::Io(format!("cannot read the reply from stdin: {e}")))?;
            text
        }
    };
    if body.trim().is_empty() {
        return Err(Error::Usage(
            "the reply is empty (give it on stdin or with --body-file)".into(),
        ));
    }
    Ok(body.trim_end().to_owned())
}

fn saved_draft(post_key: &DraftKey, link_key: &DraftKey) -> Result<String> {
    if let Some(body) = drafts::load(post_key)? {
        return Ok(body);
    }
    drafts::load(link_key)?.ok_or_else(|| {
        Error::Identity("there is no saved draft for this reply (--draft needs one)".into())
    })
}
