//! The worker's half of moderation: each [`ModEffect`] becomes requests and exactly one
//! [`ModMsg`] back.

use crate::api::auth::whoami;
use crate::api::moderate;
use crate::api::posts::site_info;
use crate::api::queue::{Counts, Filter, QueuePage, counts, list_queue};
use crate::api::{Client, discover, parse_target};
use crate::error::Result;

use crate::app::msg::moderation::{ModEffect, ModMsg, QueueOpen};

/// Carry out one moderation effect.
pub async fn run(client: &Client, job: ModEffect) -> ModMsg {
    match job {
        ModEffect::OpenQueue { site, generation } => ModMsg::QueueOpened {
            generation,
            result: open(client, &site)
                .await
                .map(Box::new)
                .map_err(|e| e.to_string()),
        },
        ModEffect::LoadQueue {
            generation,
            api,
            filter,
            page,
            search,
        } => ModMsg::QueuePage {
            generation,
            result: list_queue(client, &api, filter, page, search.as_deref())
                .await
                .map_err(|e| e.to_string()),
        },
        ModEffect::Counts { api } => {
            ModMsg::Counts(counts(client, &api).await.map_err(|e| e.to_string()))
        }
        ModEffect::Apply {
            batch,
            api,
            id,
            action,
            current,
        } => ModMsg::Applied {
            batch,
            id,
            result: moderate::apply(client, &api, id, action, Some(current))
                .await
                .map_err(|e| e.to_string()),
        },
        ModEffect::Capability { api } => ModMsg::Capability(
            whoami(client, &api)
                .await
                .map(|me| me.can_moderate)
                .map_err(|e| e.to_string()),
        ),
        ModEffect::ReadRaw { api, id } => ModMsg::RawRead {
            id,
            result: moderate::raw_content(client, &api, id)
                .await
                .map_err(|e| e.to_string()),
        },
        ModEffect::Edit { api, id, text } => ModMsg::Edited {
            id,
            result: moderate::edit_content(client, &api, id, &text)
                .await
                .map_err(|e| e.to_string()),
        },
    }
}

/// Discover the site, ask who we are, then count and list at the same time.
async fn open(client: &Client, site: &str) -> Result<QueueOpen> {
    let target = parse_target(site)?;
    let found = discover(client, &target).await?;
    let api = found.api;
    let (me, info) = futures::join!(whoami(client, &api), site_info(client, &api));
    let me = me?;
    if !me.can_moderate {
        return Ok(QueueOpen {
            site: info,
            api,
            can_moderate: false,
            counts: Counts::default(),
            page: QueuePage::default(),
        });
    }
    let (counted, page) = futures::join!(
        counts(client, &api),
        list_queue(client, &api, Filter::Pending, 1, None)
    );
    Ok(QueueOpen {
        site: info,
        api,
        can_moderate: true,
        counts: counted?,
        page: page?,
    })
}

/// The answer to `job` when there is no client to run it with.
pub fn failed(job: ModEffect, why: String) -> ModMsg {
    match job {
        ModEffect::OpenQueue { generation, .. } => ModMsg::QueueOpened {
            generation,
            result: Err(why),
        },
        ModEffect::LoadQueue { generation, .. } => ModMsg::QueuePage {
            generation,
            result: Err(why),
        },
        ModEffect::Counts { .. } => ModMsg::Counts(Err(why)),
        ModEffect::Capability { .. } => ModMsg::Capability(Err(why)),
        ModEffect::Apply { batch, id, .. } => ModMsg::Applied {
            batch,
            id,
            result: Err(why),
        },
        ModEffect::ReadRaw { id, .. } => ModMsg::RawRead {
            id,
            result: Err(why),
        },
        ModEffect::Edit { id, .. } => ModMsg::Edited {
            id,
            result: Err(why),
        },
    }
}
