//! The post and the site as a post's HTML page names them, for a thread read from the page:
//! the id (the comment form's `comment_post_ID`, the `shortlink`, the `postid-N` / `page-id-N`
//! body class, `article#post-N`), the title, date and author where the theme prints them, and
//! the site's name from its feed links. Shaped like the REST objects ([`Post::from_json`]).

use chrono::DateTime;
use scraper::{ElementRef, Html, Selector};
use serde_json::{Value, json};
use url::Url;

use crate::model::{Post, WP_DATE_FORMAT};

fn sel(s: &str) -> Selector {
    // Constant selectors: a typo is a bug caught by every test that reads a page.
    Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"))
}

fn first<'a>(doc: &'a Html, selectors: &str) -> Option<ElementRef<'a>> {
    doc.select(&sel(selectors)).next()
}

fn text_of(el: &ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The post id the page is about: the comment form's `comment_post_ID`, then what
/// [`super::page`] reads for the comment form (the shortlink, the `postid-N` body class), then
/// `article#post-N`.
pub fn post_id(doc: &Html, url: &Url) -> Option<u64> {
    let from_form = first(doc, r#"input[name="comment_post_ID"]"#)
        .and_then(|i| i.value().attr("value")?.trim().parse().ok());
    let from_article = || {
        doc.select(&sel(r#"article[id^="post-"]"#))
            .find_map(|a| a.value().id()?.strip_prefix("post-")?.parse().ok())
    };
    from_form
        .or_else(|| super::page::shortlink_id(doc, url, &[]))
        .or_else(|| super::page::body_class_id(doc))
        .or_else(from_article)
}

/// The post type from the body class (`single-book`) or the article's `type-…` class.
fn post_type(doc: &Html) -> String {
    let body = first(doc, "body");
    let classes: Vec<&str> = body.iter().flat_map(|b| b.value().classes()).collect();
    if classes.contains(&"page") || classes.iter().any(|c| c.starts_with("page-id-")) {
        return "page".into();
    }
    let single = classes
        .iter()
        .find_map(|c| c.strip_prefix("single-"))
        .filter(|t| !t.starts_with("format-") && !t.starts_with("post-"));
    let article = || {
        first(doc, r#"article[id^="post-"]"#)?
            .value()
            .classes()
            .find_map(|c| c.strip_prefix("type-"))
            .map(str::to_owned)
    };
    single
        .map(str::to_owned)
        .or_else(article)
        .unwrap_or_else(|| "post".into())
}

/// The site name: the feed link's title ("Site » Feed"), else the end of `<title>`.
pub fn site_name(doc: &Html) -> String {
    let feed = doc
        .select(&sel(
            r#"link[rel="alternate"][type="application/rss+xml"][title]"#,
        ))
        .filter_map(|l| l.value().attr("title"))
        .find_map(|t| t.strip_suffix(" Feed"))
        .map(|t| t.trim_end().trim_end_matches('»').trim_end().to_owned());
    feed.unwrap_or_default()
}

/// The post's title as HTML: the theme's title element, else `<title>` without the site name.
fn title_html(doc: &Html, site: &str) -> String {
    let titled = first(
        doc,
        ".entry-title, .wp-block-post-title, article h1, main h1, h1.post-title",
    );
    if let Some(t) = titled {
        return t.inner_html().trim().to_owned();
    }
    let Some(t) = first(doc, "title") else {
        return String::new();
    };
    let text = text_of(&t);
    let trimmed = [" – ", " | ", " - ", " — "]
        .iter()
        .find_map(|sep| text.strip_suffix(&format!("{sep}{site}")))
        .filter(|_| !site.is_empty())
        .unwrap_or(&text);
    // Text, not HTML: escape what the renderer would read as markup.
    trimmed
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn date_gmt(doc: &Html) -> Value {
    let meta = first(doc, r#"meta[property="article:published_time"][content]"#)
        .and_then(|m| m.value().attr("content"));
    let time = || {
        first(
            doc,
            "article time[datetime], .wp-block-post-date time[datetime], .entry-date[datetime]",
        )?
        .value()
        .attr("datetime")
    };
    meta.or_else(time)
        .and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok())
        .map_or(Value::Null, |d| {
            json!(d.naive_utc().format(WP_DATE_FORMAT).to_string())
        })
}

/// The post as a REST-shaped object (`id`, `type`, `title.rendered`, `link`, `date_gmt`,
/// `comment_status`, the author's name embedded); `None` without an id on the page.
pub fn post(doc: &Html, url: &Url) -> Option<Post> {
    let id = post_id(doc, url)?;
    let site = site_name(doc);
    let form = first(
        doc,
        r#"#commentform, form.comment-form, form[action$="wp-comments-post.php"]"#,
    );
    let author = first(
        doc,
        r#"a[rel~="author"], .wp-block-post-author-name, .author .fn"#,
    )
    .map(|a| text_of(&a))
    .filter(|a| !a.is_empty());
    let mut link = super::page_parse::comment_page_of(url).map_or_else(|| url.clone(), |(_, b)| b);
    link.set_fragment(None);
    let mut raw = json!({
        "id": id,
        "type": post_type(doc),
        "title": {"rendered": title_html(doc, &site)},
        "link": link.to_string(),
        "date_gmt": date_gmt(doc),
        "comment_status": if form.is_some() { "open" } else { "closed" },
    });
    if let Some(name) = author {
        raw["_embedded"] = json!({"author": [{"name": name}]});
    }
    Post::from_json(raw).ok()
}
