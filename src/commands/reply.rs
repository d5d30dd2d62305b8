//! `wpcomments reply URL`: save a draft, post, delete the draft only on 201.

use std::io::Read;
use std::path::PathBuf;

use wpcomments::api::write::{NewComment, post_comment};
use wpcomments::api::{self, ClientConfig, posts};
use wpcomments::error::{Error, Result};
use wpcomments::identity::drafts::{self, DraftKey};
use wpcomments::identity::{Identities, Identity};

use super::{client, ensure_serves, runtime};
use crate::cli::ReplyArgs;

/// Post the reply; on any failure after the body was read, say where the draft is.
pub fn run(args: ReplyArgs, as_identity: Option<&str>, config: &ClientConfig) -> Result<()> {
    let target = api::parse_target(&args.url)?;
    let parent = args.parent.or(target.focus_comment).unwrap_or(0);
    let identity = pick_identity(as_identity, &target.url)?;
    let link_key = DraftKey::for_link(&target.url, parent);
    let body = if args.draft {
        None
    } else {
        Some(read_body(args.body_file.as_ref())?)
    };
    let mut draft_at: Option<PathBuf> = match &body {
        Some(b) => Some(drafts::save(&link_key, b)?),
        None => None,
    };
    let outcome = runtime()?.block_on(async {
        let c = client(config, identity.auth()?)?;
        let found = api::discover(&c, &target).await?;
        let post = posts::find_post(&c, &found, &target).await?;
        if c.has_auth() {
            // Fails with a clear message when the site ignores or rejects the credentials.
            wpcomments::api::auth::whoami(&c, &found.api).await?;
        }
        let post_key = DraftKey::for_post(&target.url, post.id, parent);
        let body = match &body {
            Some(b) => b.clone(),
            None => saved_draft(&post_key, &link_key)?,
        };
        draft_at = Some(drafts::rekey(&link_key, &post_key, &body)?);
        let comment = NewComment {
            post: post.id,
            parent,
            content: body,
            guest: identity.guest_author(),
        };
        let posted = post_comment(&c, &found.api, &comment).await?;
        drafts::delete(&post_key)?;
        draft_at = None;
        Ok::<_, Error>(posted)
    });
    match outcome {
        Ok(posted) => {
            println!("comment #{}: {}", posted.id, posted.status_words());
            if !posted.link.is_empty() {
                println!("{}", posted.link);
            }
            Ok(())
        }
        Err(e) => {
            if let Some(path) = draft_at {
                eprintln!(
                    "wpcomments: your reply is kept as a draft in {} (send it again with: wpcomments reply --draft URL)",
                    path.display()
                );
            }
            Err(e)
        }
    }
}

fn pick_identity(as_identity: Option<&str>, url: &url::Url) -> Result<Identity> {
    let all = Identities::load()?;
    let identity = match as_identity {
        Some(name) => all.get(name)?.clone(),
        None => all.default_for(url).cloned().ok_or_else(|| {
            Error::Identity(format!(
                "no identity to post as on {}: pass --as NAME, or add one (wpcomments identity add NAME --site URL --app-password, or --guest --name N --email E)",
                wpcomments::api::client::display_url(url)
            ))
        })?,
    };
    ensure_serves(&identity, url)?;
    Ok(identity)
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
