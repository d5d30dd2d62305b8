//! `wpcomments moderate SITE --approve ID...`: act on comments by id, a line per comment.
//! (Without an action flag, `main` opens the queue in the TUI instead.)

use std::io::Write;

use wpcomments::api::auth;
use wpcomments::api::http::Auth;
use wpcomments::api::moderate::{self, ModAction, Outcome};
use wpcomments::api::{self, ApiRoot, Client, ClientConfig};
use wpcomments::error::{Error, Result};
use wpcomments::identity::{Identities, Identity};
use wpcomments::render::{html_to_line, truncate_to_width};

use super::{client, runtime};
use crate::cli::ModerateArgs;

/// The jobs the flags ask for, in flag order (`--approve` first, `--delete` last).
pub fn jobs(args: &ModerateArgs) -> Vec<(ModAction, u64)> {
    let lists = [
        (ModAction::Approve, &args.approve),
        (ModAction::Hold, &args.hold),
        (ModAction::Spam, &args.spam),
        (ModAction::Unspam, &args.unspam),
        (ModAction::Trash, &args.trash),
        (ModAction::Untrash, &args.untrash),
        (ModAction::Delete, &args.delete),
    ];
    lists
        .into_iter()
        .flat_map(|(action, ids)| ids.iter().map(move |id| (action, *id)))
        .collect()
}

/// The identity to moderate as, and its credentials. Guests cannot moderate.
pub fn moderator(as_identity: Option<&str>, site: &str) -> Result<(Identity, Auth)> {
    let target = api::parse_target(site)?;
    let identity = Identities::load()?.pick(as_identity, &target.url)?;
    let auth = identity.auth()?.ok_or_else(|| {
        Error::Auth(format!(
            "{} is a guest identity: moderating needs an account (wpcomments identity add NAME --site URL --app-password)",
            identity.name
        ))
    })?;
    Ok((identity, auth))
}

/// The refusal for an identity without `moderate_comments`.
pub fn cannot_moderate(name: &str) -> Error {
    Error::Refused(format!(
        "{name} cannot moderate comments on this site (needs moderate_comments)"
    ))
}

/// Run the jobs; print a line per comment; fail with the first failure's exit code.
pub fn run(args: &ModerateArgs, as_identity: Option<&str>, config: &ClientConfig) -> Result<()> {
    let jobs = jobs(args);
    let (identity, auth) = moderator(as_identity, &args.site)?;
    runtime()?.block_on(async {
        let api_root = super::discover_site(&client(config, None, None)?, &args.site).await?;
        let c = client(config, Some(auth), identity.auth_scope())?;
        let me = auth::whoami(&c, &api_root).await?;
        if !me.can_moderate {
            return Err(cannot_moderate(&identity.name));
        }
        let deletes: Vec<u64> = jobs
            .iter()
            .filter(|(a, _)| *a == ModAction::Delete)
            .map(|(_, id)| *id)
            .collect();
        if !deletes.is_empty() && !args.yes {
            confirm_delete(&c, &api_root, &deletes).await?;
        }
        let mut failed: Vec<(u64, Error)> = Vec::new();
        for (action, id) in &jobs {
            let outcome = moderate::apply(&c, &api_root, *id, *action, None).await;
            println!("{}", result_line(*id, *action, &outcome));
            if let Err(e) = outcome {
                failed.push((*id, e));
            }
        }
        let _ = std::io::stdout().flush();
        summary(failed, jobs.len())
    })
}

/// `#12 approved`, `#12 already approved (skipped)`, `#13 failed: ...`.
pub fn result_line(id: u64, action: ModAction, outcome: &Result<Outcome>) -> String {
    match outcome {
        Ok(o) if o.skipped => format!("#{id} already {} (skipped)", skipped_word(action, o)),
        Ok(o) => match (action, o.status) {
            (ModAction::Unspam | ModAction::Untrash, Some(s)) => {
                format!("#{id} {} (now {})", action.done(), s.wire())
            }
            _ => format!("#{id} {}", action.done()),
        },
        Err(e) => format!("#{id} failed: {e}"),
    }
}

fn skipped_word(action: ModAction, o: &Outcome) -> String {
    match (action, o.status) {
        (ModAction::Unspam, Some(s)) => format!("not spam ({})", s.wire()),
        (ModAction::Untrash, Some(s)) => format!("out of the trash ({})", s.wire()),
        _ => action.done().to_owned(),
    }
}

/// Name what will be deleted and ask; anything but `y`/`yes` stops before any change.
async fn confirm_delete(c: &Client, api_root: &ApiRoot, ids: &[u64]) -> Result<()> {
    eprintln!("about to delete permanently (this cannot be undone):");
    for id in ids {
        eprintln!("  {}", describe(c, api_root, *id).await);
    }
    let answer = super::prompt::ask("delete them? type yes: ").unwrap_or_default();
    if matches!(answer.to_ascii_lowercase().as_str(), "y" | "yes") {
        return Ok(());
    }
    Err(Error::Usage(
        "nothing deleted: --delete needs a \"yes\" (on the terminal or as a line on stdin), or --yes".into(),
    ))
}

/// `#12 by Ada on "Post title": first words…` (or just `#12` when it cannot be read).
async fn describe(c: &Client, api_root: &ApiRoot, id: u64) -> String {
    let url = api_root.url(
        &format!("wp/v2/comments/{id}"),
        &[
            ("context", "edit"),
            ("_fields", "id,author_name,content,status"),
        ],
    );
    match c.get_json(&url).await {
        Ok((v, _)) => {
            let text = |p: &str| html_to_line(v.pointer(p).and_then(|s| s.as_str()).unwrap_or(""));
            format!(
                "#{id} by {} ({}): {}",
                text("/author_name"),
                text("/status"),
                truncate_to_width(&text("/content/rendered"), 60)
            )
        }
        Err(e) => format!("#{id} (cannot read it: {e})"),
    }
}

/// Ok when nothing failed; else the first failure, worded as a summary, with its exit code.
fn summary(failed: Vec<(u64, Error)>, total: usize) -> Result<()> {
    let n = failed.len();
    let Some((id, first)) = failed.into_iter().next() else {
        return Ok(());
    };
    let head = format!("{n} of {total} failed; first #{id}");
    Err(match first {
        Error::Refused(m) => Error::Refused(format!("{head}: {m}")),
        Error::NotFound(m) => Error::NotFound(format!("{head}: {m}")),
        Error::Auth(m) => Error::Auth(format!("{head}: {m}")),
        other => other,
    })
}
