//! Fetching a post's thread from its HTML pages: the post's page first, then, when the site
//! splits comments into pages (Settings → Discussion, "break comments into pages", 50
//! top-level threads a page by default), every other comment page, concurrently like the REST
//! pages. A browser reader sees exactly this; the REST API may show less (pingbacks are hidden
//! from anyone without `edit_posts`) or nothing (a security plugin closing it).

use std::collections::{BTreeMap, BTreeSet};

use futures::stream::{self, StreamExt};
use url::Url;

use super::comments::{MAX_PAGES, PageEvent};
use super::http::{BodyKeeper, Client, KeepAll, display_url, http_error};
use super::page_parse::{ParsedPage, comment_page_of, parse_doc};
use super::page_pings::{PingScan, Scanned, may_hold_pings};
use crate::error::{Error, Result};
use crate::model::{Comment, PageRead, Post, Site};

/// The post's page, fetched and parsed: what the post is and how its comment pages run.
#[derive(Clone, Debug)]
pub struct FirstPage {
    /// The page's URL after redirects.
    pub url: Url,
    /// The post, as the page names it (REST-shaped, see [`super::page_post::post`]).
    pub post: Post,
    /// The site's name as the page gives it; `url` is the site's home.
    pub site: Site,
    parsed: ParsedPage,
}

/// Every comment read from a post's pages.
#[derive(Clone, Debug, Default)]
pub struct PageComments {
    /// Comments, de-duplicated by id, oldest first.
    pub comments: Vec<Comment>,
    /// The count the page's comments heading shows ("7 thoughts on …"), if it shows one.
    pub count_shown: Option<u64>,
    /// Comment pages read.
    pub pages: u32,
}

async fn fetch_parsed(
    client: &Client,
    url: &Url,
) -> Result<(Url, Option<Post>, String, ParsedPage)> {
    let (final_url, html) = fetch_html(client, url).await?;
    let (post, site, parsed) = parse_html(&final_url, html).await?;
    Ok((final_url, post, site, parsed))
}

/// The page at `url`: its final URL and its HTML (the body moved, not copied, when it is
/// UTF-8).
async fn fetch_html(client: &Client, url: &Url) -> Result<(Url, String)> {
    fetch_kept(client, url, &mut KeepAll).await
}

/// [`fetch_html`] of only what `keeper` keeps of the page.
async fn fetch_kept(
    client: &Client,
    url: &Url,
    keeper: &mut dyn BodyKeeper,
) -> Result<(Url, String)> {
    let resp = client.get_kept(url, keeper).await?;
    if !resp.ok() {
        return Err(http_error(&resp));
    }
    let html = String::from_utf8(resp.body)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    Ok((resp.url, html))
}

/// The post, the site's name and the comments of a page's HTML.
async fn parse_html(final_url: &Url, html: String) -> Result<(Option<Post>, String, ParsedPage)> {
    // A 5,000-comment page takes a while to parse: off the async threads, one per page.
    let parse_url = final_url.clone();
    tokio::task::spawn_blocking(move || {
        let doc = scraper::Html::parse_document(&html);
        let post = super::page_post::post(&doc, &parse_url);
        let site = super::page_post::site_name(&doc);
        (post, site, parse_doc(&doc, &parse_url))
    })
    .await
    .map_err(|e| Error::Io(format!("reading the page failed: {e}")))
}

/// Fetch and parse the post's page at `url`. [`Error::NeedPost`] when the page names no post
/// (a home page, an archive).
pub async fn open_page(client: &Client, url: &Url) -> Result<FirstPage> {
    let (final_url, html) = fetch_html(client, url).await?;
    let parsed = parse_html(&final_url, html).await?;
    first_page(url.clone(), final_url, parsed)
}

/// The [`FirstPage`] of a parsed post page; [`Error::NeedPost`] when it names no post.
fn first_page(
    url: Url,
    final_url: Url,
    (post, site_name, mut parsed): (Option<Post>, String, ParsedPage),
) -> Result<FirstPage> {
    let Some(post) = post else {
        return Err(Error::NeedPost {
            url: display_url(&url),
        });
    };
    set_post(&mut parsed.comments, post.id);
    let home = final_url
        .join("/")
        .map(|u| u.to_string())
        .unwrap_or_default();
    Ok(FirstPage {
        url: final_url,
        site: Site {
            name: site_name,
            url: home,
            api_root: String::new(),
        },
        post,
        parsed,
    })
}

fn set_post(comments: &mut [Comment], post: u64) {
    for c in comments {
        c.set_post(post);
    }
}

/// URL of comment page `n`, following the shape of a known comment page link.
fn nth_page(pattern: &Url, known: u32, n: u32) -> Url {
    let mut url = pattern.clone();
    if url.query_pairs().any(|(k, _)| k == "cpage") {
        let others: Vec<(String, String)> = url
            .query_pairs()
            .map(|(k, v)| {
                let v = if k == "cpage" {
                    n.to_string()
                } else {
                    v.into_owned()
                };
                (k.into_owned(), v)
            })
            .collect();
        url.set_query(None);
        url.query_pairs_mut().extend_pairs(others);
    } else {
        let path = url.path().replace(
            &format!("/comment-page-{known}"),
            &format!("/comment-page-{n}"),
        );
        url.set_path(&path);
    }
    url
}

struct Walk {
    urls: BTreeMap<u32, Url>,
    done: BTreeSet<u32>,
    merged: BTreeMap<u64, Comment>,
    /// The last page is known (the highest fetched links to nothing higher, or a page past
    /// the end came back empty).
    end_known: bool,
    events: u32,
}

impl Walk {
    fn highest_known(&self) -> u32 {
        let linked = self.urls.keys().next_back().copied().unwrap_or(1);
        linked.max(self.done.iter().next_back().copied().unwrap_or(1))
    }

    /// The pages to fetch next: every known one not yet read, and while the end is not known,
    /// guessed ones after the highest (sites with only "older"/"newer" links name one page ahead).
    fn next_batch(&self, concurrency: usize) -> Vec<(u32, Url, bool)> {
        let top = self.highest_known();
        let mut batch: Vec<(u32, Url, bool)> = (1..=top)
            .filter(|n| !self.done.contains(n))
            .filter_map(|n| self.url_of(n).map(|u| (n, u, false)))
            .collect();
        let mut guess = top + 1;
        while !self.end_known && batch.len() < concurrency && guess <= MAX_PAGES {
            if let Some(u) = self.url_of(guess) {
                batch.push((guess, u, true));
            }
            guess += 1;
        }
        batch
    }

    fn url_of(&self, n: u32) -> Option<Url> {
        if let Some(u) = self.urls.get(&n) {
            return Some(u.clone());
        }
        let (&known, pattern) = self.urls.iter().next_back()?;
        Some(nth_page(pattern, known, n))
    }
}

impl FirstPage {
    /// Every comment of the post: this page's, then the other comment pages' (at most
    /// `concurrency` at once), reporting each page to `on_page` as it arrives.
    pub async fn read_all(
        &self,
        client: &Client,
        concurrency: usize,
        mut on_page: impl FnMut(PageEvent),
    ) -> Result<PageComments> {
        let concurrency = concurrency.max(1);
        let count = self.parsed.count_shown;
        let current = comment_page_of(&self.url)
            .map(|(n, _)| n)
            .or(self.parsed.current_page)
            .unwrap_or(1);
        let mut walk = Walk {
            urls: self.parsed.comment_pages.clone(),
            done: BTreeSet::from([current]),
            merged: BTreeMap::new(),
            end_known: self.parsed.comment_pages.keys().all(|&n| n <= current),
            events: 0,
        };
        let mut emit = |walk: &mut Walk, comments: Vec<Comment>| {
            walk.events += 1;
            on_page(PageEvent {
                page: walk.events,
                total_pages: walk.highest_known(),
                comments: comments.clone(),
                total_reported: count,
            });
            walk.merged.extend(comments.into_iter().map(|c| (c.id, c)));
        };
        emit(&mut walk, self.parsed.comments.clone());
        loop {
            let batch = walk.next_batch(concurrency);
            if batch.is_empty() || walk.done.len() as u32 >= MAX_PAGES {
                break;
            }
            let mut pages =
                stream::iter(batch)
                    .map(|(n, url, guessed)| async move {
                        (n, guessed, fetch_parsed(client, &url).await)
                    })
                    .buffered(concurrency);
            while let Some((n, guessed, fetched)) = pages.next().await {
                walk.done.insert(n);
                let mut parsed = match fetched {
                    Ok((_, _, _, parsed)) => parsed,
                    // A guessed page past the end may be an error page: the end is found.
                    Err(_) if guessed => {
                        walk.end_known = true;
                        continue;
                    }
                    Err(e) => return Err(e),
                };
                let adds = parsed
                    .comments
                    .iter()
                    .any(|c| !walk.merged.contains_key(&c.id));
                if guessed && !adds {
                    walk.end_known = true;
                    continue;
                }
                let top_before = walk.highest_known();
                for (k, u) in std::mem::take(&mut parsed.comment_pages) {
                    walk.urls.entry(k).or_insert(u);
                }
                if n >= top_before && walk.highest_known() <= n {
                    walk.end_known = true;
                }
                set_post(&mut parsed.comments, self.post.id);
                emit(&mut walk, parsed.comments);
            }
        }
        let mut comments: Vec<Comment> = walk.merged.into_values().collect();
        comments.sort_by_key(Comment::chrono_key);
        Ok(PageComments {
            comments,
            count_shown: count,
            pages: walk.done.len() as u32,
        })
    }
}

/// Pingbacks and trackbacks of `post` as its page shows them (every comment page of it), and
/// the count the page shows: for readers the REST API hides them from.
pub async fn pings(client: &Client, post: &Post, concurrency: usize) -> Result<PageComments> {
    let url = Url::parse(&post.link).map_err(|e| Error::InvalidUrl {
        input: crate::render::sanitize_line(&post.link),
        reason: e.to_string(),
    })?;
    let Some((final_url, html)) = page_with_pings(client, &url).await? else {
        return Ok(PageComments::default());
    };
    let parsed = parse_html(&final_url, html).await?;
    let first = first_page(url, final_url, parsed)?;
    if first.post.id != post.id {
        return Ok(PageComments::default());
    }
    let mut all = first.read_all(client, concurrency, |_| {}).await?;
    all.comments.retain(Comment::is_ping);
    Ok(all)
}

/// The post's page at `url` (its final URL and HTML) when it may show pings
/// ([`may_hold_pings`]), `None` when it cannot. It is scanned as it streams in
/// ([`PingScan`]): a long page without a marker is never held whole, and one whose marker
/// comes after its start was let go is fetched again, whole.
async fn page_with_pings(client: &Client, url: &Url) -> Result<Option<(Url, String)>> {
    let mut scan = PingScan::default();
    let (final_url, html) = fetch_kept(client, url, &mut scan).await?;
    match scan.scanned() {
        Scanned::NoMarker => Ok(None),
        Scanned::Whole => Ok(Some((final_url, html))),
        Scanned::StartDropped => {
            tracing::info!(
                url = %display_url(url),
                "the page may show pings past the part kept while scanning: reading it again whole"
            );
            let (final_url, html) = fetch_html(client, url).await?;
            Ok(may_hold_pings(&html).then_some((final_url, html)))
        }
    }
}

/// [`pings`] when `wanted` (the reader cannot see pings over REST); `None` when not wanted or
/// when the page cannot be read (the REST thread stands on its own).
pub async fn pings_if(
    wanted: bool,
    client: &Client,
    post: &Post,
    concurrency: usize,
) -> Option<PageComments> {
    if !wanted {
        return None;
    }
    pings(client, post, concurrency).await.ok()
}

/// What pings read from the page add to a thread read over REST.
#[derive(Clone, Debug, Default)]
pub struct MergedPings {
    /// The pings not already among the REST comments.
    pub comments: Vec<Comment>,
    /// The thread's count: the page's own when pings were added (it counts them, unlike
    /// `X-WP-Total`; `None` when the page shows none: never a sum of ours), else REST's.
    pub total_reported: Option<u64>,
    /// The note for headers and archives, when pings were added.
    pub read: Option<PageRead>,
}

/// Merge `pings` (from [`pings_if`]) into a REST thread whose comment ids are `known` and whose
/// `X-WP-Total` was `rest_total`.
pub fn merge_pings(
    known: &BTreeSet<u64>,
    rest_total: Option<u64>,
    pings: Option<PageComments>,
) -> MergedPings {
    let comments: Vec<Comment> = pings
        .iter()
        .flat_map(|p| p.comments.iter())
        .filter(|c| !known.contains(&c.id))
        .cloned()
        .collect();
    if comments.is_empty() {
        return MergedPings {
            total_reported: rest_total,
            ..MergedPings::default()
        };
    }
    MergedPings {
        comments,
        total_reported: pings.and_then(|p| p.count_shown),
        read: Some(PageRead {
            whole_thread: false,
            reason: "the REST API shows them only to moderators".into(),
        }),
    }
}

#[cfg(test)]
#[path = "page_read_tests.rs"]
mod tests;
