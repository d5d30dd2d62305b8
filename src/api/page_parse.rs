//! A post's comments read out of its HTML page, the way WordPress prints them: every comment
//! of `wp_list_comments()` (classic themes) and of the Comment Template block (block themes)
//! is an element with `id="comment-N"` whose classes name its type (`comment`, `pingback`,
//! `trackback`, from `comment_class()`); replies are nested inside their parent's element
//! (the `children` list); the author is `.fn` / `.wp-block-comment-author-name`, the date a
//! `<time datetime>`, the body `.comment-content` / `.wp-block-comment-content`.
//!
//! Pure: HTML text in, [`Comment`]s shaped like `/wp/v2/comments` objects out, so the tree,
//! renderer, dumps and archives treat them exactly like comments read over REST. Parsed with
//! `scraper` (html5ever), never with patterns over the markup.

use std::collections::{BTreeMap, HashMap};

use chrono::DateTime;
use scraper::{ElementRef, Html, Selector};
use serde_json::json;
use url::Url;

use crate::model::{Comment, WP_DATE_FORMAT};

/// What one HTML page of a post says about its comments.
#[derive(Clone, Debug, Default)]
pub struct ParsedPage {
    /// The comments printed on this page, in page order; `post` is 0 (the caller knows it).
    pub comments: Vec<Comment>,
    /// The count the page shows in its comments heading ("7 thoughts on …"), if it starts
    /// with a number.
    pub count_shown: Option<u64>,
    /// Comment pages of the same post linked from this page (`comment-page-N`, `?cpage=N`):
    /// page number → URL.
    pub comment_pages: BTreeMap<u32, Url>,
    /// The comment page this is, when its comments' own permalinks say so.
    pub current_page: Option<u32>,
}

struct Selectors {
    comment: Selector,
    author: Vec<Selector>,
    time: Selector,
    body: Selector,
    body_fallback: Selector,
    held: Selector,
    anchor: Selector,
    heading: Selector,
}

fn selectors() -> &'static Selectors {
    static SELECTORS: std::sync::OnceLock<Selectors> = std::sync::OnceLock::new();
    SELECTORS.get_or_init(|| {
        // Constant selectors: a typo is a bug caught by every test that parses a page.
        let sel = |s: &str| Selector::parse(s).unwrap_or_else(|e| panic!("selector {s}: {e}"));
        Selectors {
            comment: sel(r#"[id^="comment-"], [id^="li-comment-"]"#),
            author: [
                ".comment-author .fn",
                ".wp-block-comment-author-name",
                ".fn",
                "a.url",
                ".comment-author",
            ]
            .into_iter()
            .map(sel)
            .collect(),
            time: sel("time[datetime]"),
            body: sel(".comment-content, .wp-block-comment-content"),
            body_fallback: sel(".comment-body > p"),
            held: sel(".comment-awaiting-moderation"),
            anchor: sel("a[href]"),
            heading: sel(".comments-title, .wp-block-comments-title, #comments-title"),
        }
    })
}

/// `comment-N` / `li-comment-N` → N.
fn comment_id(el: &ElementRef) -> Option<u64> {
    let id = el.value().id()?;
    let n = id
        .strip_prefix("comment-")
        .or_else(|| id.strip_prefix("li-comment-"))?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    n.parse().ok()
}

/// The elements inside comment `id`'s element that belong to it: its descendants, without
/// the replies nested in it (one walk, so a long thread stays linear).
fn own_elements(el: ElementRef, id: u64) -> Vec<ElementRef> {
    let mut out = Vec::new();
    let mut stack: Vec<_> = el.children().collect();
    stack.reverse();
    while let Some(node) = stack.pop() {
        if let Some(e) = ElementRef::wrap(node) {
            if comment_id(&e).is_some_and(|other| other != id) {
                continue;
            }
            out.push(e);
        }
        let at = stack.len();
        stack.extend(node.children());
        stack[at..].reverse();
    }
    out
}

/// The first of `elements` matching `sel`.
fn first_match<'a>(elements: &[ElementRef<'a>], sel: &Selector) -> Option<ElementRef<'a>> {
    elements.iter().find(|e| sel.matches(e)).copied()
}

fn text_of(el: &ElementRef) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Parse one page; `url` is where it was fetched (links resolve against it).
pub fn parse_page(html: &str, url: &Url) -> ParsedPage {
    let doc = Html::parse_document(html);
    parse_doc(&doc, url)
}

/// [`parse_page`] on a document already parsed (the post's metadata comes from it too).
pub fn parse_doc(doc: &Html, url: &Url) -> ParsedPage {
    let s = selectors();
    let mut seen = HashMap::new();
    let mut comments = Vec::new();
    for el in doc.select(&s.comment) {
        let Some(id) = comment_id(&el) else {
            continue;
        };
        // `li#li-comment-N > div#comment-N` (older themes): one comment, read from the outer.
        if seen.insert(id, ()).is_some() {
            continue;
        }
        comments.push(comment(el, id, url));
    }
    let own_links = own_permalink_pages(doc, &comments, url);
    ParsedPage {
        count_shown: doc
            .select(&s.heading)
            .next()
            .and_then(|h| leading_number(&text_of(&h))),
        comment_pages: comment_page_links(doc, url),
        current_page: most_common(own_links),
        comments,
    }
}

fn comment(el: ElementRef, id: u64, url: &Url) -> Comment {
    let s = selectors();
    let parent = el
        .ancestors()
        .filter_map(ElementRef::wrap)
        .filter_map(|e| comment_id(&e))
        .find(|&p| p != id)
        .unwrap_or(0);
    let classes: Vec<&str> = el.value().classes().collect();
    let kind = ["pingback", "trackback"]
        .into_iter()
        .find(|k| classes.contains(k))
        .unwrap_or("comment");
    let mine = own_elements(el, id);
    let author = s.author.iter().find_map(|sel| first_match(&mine, sel));
    let author_name = author.as_ref().map(text_of).unwrap_or_default();
    let author_url = author
        .and_then(|a| {
            if a.value().name() == "a" {
                a.value().attr("href")
            } else {
                a.select(&s.anchor)
                    .next()
                    .and_then(|l| l.value().attr("href"))
            }
        })
        .unwrap_or_default();
    let date_gmt = mine
        .iter()
        .filter(|e| s.time.matches(e))
        .find_map(|t| DateTime::parse_from_rfc3339(t.value().attr("datetime")?.trim()).ok())
        .map(|d| d.naive_utc().format(WP_DATE_FORMAT).to_string());
    let body = match first_match(&mine, &s.body) {
        Some(b) => b.inner_html(),
        None if kind != "comment" => String::new(),
        None => mine
            .iter()
            .filter(|e| s.body_fallback.matches(e))
            .map(|p| p.html())
            .collect(),
    };
    let fragment = format!("comment-{id}");
    let link = mine
        .iter()
        .filter(|e| s.anchor.matches(e))
        .filter_map(|a| url.join(a.value().attr("href")?).ok())
        .find(|l| l.fragment() == Some(&fragment))
        .map_or_else(
            || {
                let mut l = url.clone();
                l.set_fragment(Some(&fragment));
                l.to_string()
            },
            |l| l.to_string(),
        );
    let status = if first_match(&mine, &s.held).is_some() {
        "hold"
    } else {
        "approved"
    };
    let raw = json!({
        "id": id,
        "post": 0,
        "parent": parent,
        "author": 0,
        "author_name": author_name,
        "author_url": author_url,
        "date_gmt": date_gmt,
        "content": {"rendered": body},
        "link": link,
        "status": status,
        "type": kind,
    });
    // `id` is a number: from_json cannot fail on this object.
    Comment::from_json(raw).unwrap_or_else(|e| unreachable!("{e}"))
}

/// "7 thoughts on …" → 7, "5,000 responses" → 5000 (groups of three after `,` `.` or a
/// (narrow) no-break space); "One response to …" → `None` (never guessed from words).
fn leading_number(text: &str) -> Option<u64> {
    let chars: Vec<char> = text.chars().collect();
    let mut digits = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            digits.push(c);
            i += 1;
            continue;
        }
        let separator = matches!(c, ',' | '.' | '\u{a0}' | '\u{202f}');
        let group = chars
            .get(i + 1..i + 4)
            .is_some_and(|g| g.iter().all(char::is_ascii_digit))
            && !chars.get(i + 4).is_some_and(char::is_ascii_digit);
        if separator && !digits.is_empty() && group {
            i += 1;
            continue;
        }
        break;
    }
    if digits.is_empty() || chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    digits.parse().ok()
}

/// The comment page number of a link, and the link without it (to compare posts).
pub fn comment_page_of(link: &Url) -> Option<(u32, Url)> {
    let mut base = link.clone();
    base.set_fragment(None);
    let from_query = link
        .query_pairs()
        .find(|(k, _)| k == "cpage")
        .and_then(|(_, v)| v.parse::<u32>().ok());
    if let Some(n) = from_query {
        let others: Vec<(String, String)> = link
            .query_pairs()
            .filter(|(k, _)| k != "cpage")
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        base.set_query(None);
        if !others.is_empty() {
            base.query_pairs_mut().extend_pairs(others);
        }
        return Some((n, base));
    }
    let path = link.path().trim_end_matches('/');
    let (head, last) = path.rsplit_once('/')?;
    let n = last.strip_prefix("comment-page-")?.parse().ok()?;
    base.set_path(&format!("{head}/"));
    Some((n, base))
}

/// A page URL without its comment page, trailing slash and fragment: what every comment page
/// of one post shares.
pub fn post_base(url: &Url) -> String {
    let base = comment_page_of(url).map_or_else(|| url.clone(), |(_, b)| b);
    let mut s = base.to_string();
    if let Some(at) = s.find('#') {
        s.truncate(at);
    }
    s.trim_end_matches('/').to_owned()
}

fn comment_page_links(doc: &Html, url: &Url) -> BTreeMap<u32, Url> {
    let here = post_base(url);
    let mut pages = BTreeMap::new();
    for a in doc.select(&selectors().anchor) {
        let Some(link) = a.value().attr("href").and_then(|h| url.join(h).ok()) else {
            continue;
        };
        // Comment permalinks (`…/comment-page-3/#comment-9`) name pages too.
        if let Some((n, base)) = comment_page_of(&link)
            && n > 0
            && post_base(&base) == here
        {
            let mut link = link;
            link.set_fragment(None);
            pages.entry(n).or_insert(link);
        }
    }
    pages
}

/// The comment pages named by the page's own comments' permalinks.
fn own_permalink_pages(doc: &Html, comments: &[Comment], url: &Url) -> Vec<u32> {
    let ids: std::collections::HashSet<String> = comments
        .iter()
        .map(|c| format!("comment-{}", c.id))
        .collect();
    doc.select(&selectors().anchor)
        .filter_map(|a| url.join(a.value().attr("href")?).ok())
        .filter(|l| l.fragment().is_some_and(|f| ids.contains(f)))
        .filter_map(|l| comment_page_of(&l).map(|(n, _)| n))
        .collect()
}

fn most_common(values: Vec<u32>) -> Option<u32> {
    let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
    for v in values {
        *counts.entry(v).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(n, c)| (c, n))
        .map(|(n, _)| n)
}

#[cfg(test)]
#[path = "page_parse_tests.rs"]
mod tests;
