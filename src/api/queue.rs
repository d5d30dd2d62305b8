//! The site-wide moderation queue: a page of comments of one status (edit context: email and
//! IP), the titles of their posts, and the count of each status.

use std::collections::HashMap;

use serde_json::Value;

use super::http::{Client, display_url, http_error};
use super::moderate::refusal;
use crate::error::{Error, Result};
use crate::model::ApiRoot;
use crate::model::moderation::Status;
use crate::model::parse_wp_date;
pub use crate::model::queue::{Counts, Filter, QueuePage, QueueRow};
use crate::render::{html_to_line, sanitize_line, truncate_to_width};

/// Comment fields the queue shows.
const QUEUE_FIELDS: &str = "id,post,parent,author_name,author_email,author_url,author_ip,date_gmt,content,link,status,type";

/// Comments per queue page.
pub const QUEUE_PER_PAGE: u32 = 20;

impl QueueRow {
    /// Read one comment of an edit-context list.
    pub fn from_json(v: &Value) -> Option<QueueRow> {
        let text = |k: &str| sanitize_line(v.get(k).and_then(Value::as_str).unwrap_or_default());
        let num = |k: &str| v.get(k).and_then(Value::as_u64).unwrap_or(0);
        let rendered = v
            .pointer("/content/rendered")
            .and_then(Value::as_str)
            .unwrap_or_default();
        Some(QueueRow {
            id: v.get("id")?.as_u64()?,
            post: num("post"),
            post_title: String::new(),
            parent: num("parent"),
            author: html_to_line(v.get("author_name").and_then(Value::as_str).unwrap_or("")),
            email: text("author_email"),
            url: text("author_url"),
            ip: text("author_ip"),
            date: parse_wp_date(v.get("date_gmt")),
            excerpt: truncate_to_width(&html_to_line(rendered), 300),
            raw: v
                .pointer("/content/raw")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            status: Status::parse(v.get("status").and_then(Value::as_str).unwrap_or(""))
                .unwrap_or(Status::Hold),
            kind: text("type"),
            link: text("link"),
        })
    }
}

/// A page of comments under `filter`, newest first, matching `search` when given.
pub async fn list_queue(
    client: &Client,
    api: &ApiRoot,
    filter: Filter,
    page: u32,
    search: Option<&str>,
) -> Result<QueuePage> {
    let page_s = page.max(1).to_string();
    let per_page = QUEUE_PER_PAGE.to_string();
    let mut query = vec![
        ("status", filter.rest_status()),
        ("context", "edit"),
        ("per_page", per_page.as_str()),
        ("page", page_s.as_str()),
        ("orderby", "date_gmt"),
        ("order", "desc"),
        ("_fields", QUEUE_FIELDS),
    ];
    if let Some(q) = search.filter(|q| !q.is_empty()) {
        query.push(("search", q));
    }
    let url = api.url("wp/v2/comments", &query);
    let resp = client.get(&url).await?;
    if !resp.ok() {
        return Err(match refusal(&resp, 0, "list") {
            // A refused list is about the queue, not "comment #0".
            Error::Refused(_) if matches!(resp.status, 401 | 403) => Error::Refused(
                "not allowed to list comments for moderation: the identity lacks the moderate_comments capability".into(),
            ),
            other => other,
        });
    }
    let Value::Array(items) = resp.json()? else {
        return Err(Error::Malformed {
            url: display_url(&url),
            detail: "expected a list of comments".into(),
        });
    };
    let mut rows: Vec<QueueRow> = items.iter().filter_map(QueueRow::from_json).collect();
    let mut ids: Vec<u64> = rows.iter().map(|r| r.post).collect();
    ids.sort_unstable();
    ids.dedup();
    let titles = post_titles(client, api, &ids).await;
    for row in &mut rows {
        row.post_title = titles
            .get(&row.post)
            .cloned()
            .unwrap_or_else(|| format!("post #{}", row.post));
    }
    let total = resp.header_u64("x-wp-total").unwrap_or(rows.len() as u64);
    let total_pages = resp
        .header_u64("x-wp-totalpages")
        .map_or(1, |n| u32::try_from(n).unwrap_or(u32::MAX))
        .max(1);
    Ok(QueuePage {
        rows,
        page: page.max(1),
        total_pages,
        total,
    })
}

/// Titles of `ids`: posts and pages, one request each, at the same time. Missing ones
/// (other post types, private posts) are left out; failures leave the map empty.
async fn post_titles(client: &Client, api: &ApiRoot, ids: &[u64]) -> HashMap<u64, String> {
    let mut titles = HashMap::new();
    if ids.is_empty() {
        return titles;
    }
    let include = ids.iter().map(u64::to_string).collect::<Vec<_>>().join(",");
    let url_of = |route: &str| {
        api.url(
            route,
            &[
                ("include", include.as_str()),
                ("per_page", "100"),
                ("_fields", "id,title"),
            ],
        )
    };
    let (posts_url, pages_url) = (url_of("wp/v2/posts"), url_of("wp/v2/pages"));
    let (posts, pages) = futures::join!(client.get_json(&posts_url), client.get_json(&pages_url));
    for (list, _) in [posts, pages].into_iter().flatten() {
        for item in list.as_array().into_iter().flatten() {
            if let Some(id) = item.get("id").and_then(Value::as_u64) {
                let title = item
                    .pointer("/title/rendered")
                    .and_then(Value::as_str)
                    .map(html_to_line)
                    .unwrap_or_default();
                titles.insert(id, title);
            }
        }
    }
    titles
}

/// Count of each status: `X-WP-Total` of four one-comment queries sent at once.
pub async fn counts(client: &Client, api: &ApiRoot) -> Result<Counts> {
    let count = |status: &'static str| async move {
        let url = api.url(
            "wp/v2/comments",
            &[
                ("status", status),
                ("context", "edit"),
                ("per_page", "1"),
                ("_fields", "id"),
            ],
        );
        let resp = client.get(&url).await?;
        if !resp.ok() {
            return Err(http_error(&resp));
        }
        Ok::<u64, Error>(resp.header_u64("x-wp-total").unwrap_or(0))
    };
    let (pending, approved, spam, trash) = futures::join!(
        count("hold"),
        count("approve"),
        count("spam"),
        count("trash")
    );
    Ok(Counts {
        pending: pending?,
        approved: approved?,
        spam: spam?,
        trash: trash?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_a_comment_between_statuses() {
        let mut c = Counts {
            pending: 3,
            approved: 10,
            spam: 1,
            trash: 0,
        };
        c.shift(Some(Status::Hold), Some(Status::Approved));
        assert_eq!((c.pending, c.approved, c.of(Filter::All)), (2, 11, 13));
        c.shift(Some(Status::Spam), None);
        assert_eq!(c.spam, 0);
    }

    #[test]
    fn rows_come_out_sanitized() {
        let v = serde_json::json!({"id": 5, "post": 4, "author_name": "Ev\u{1b}[31mil",
            "author_ip": "127.0.0.1", "status": "hold", "content": {"rendered": "<p>Hi <b>there</b></p>", "raw": "Hi"}});
        let row = QueueRow::from_json(&v).unwrap();
        assert!(!row.author.contains('\u{1b}'));
        assert_eq!(row.excerpt, "Hi there");
        assert_eq!(row.status, Status::Hold);
    }
}
