//! Posting a guest comment through the site's own comment form, as a browser does, and reading
//! WordPress's answer (`wp-comments-post.php`): a redirect to the new comment, or a `wp_die`
//! page that says why not.

use scraper::{Html, Selector};
use url::Url;

use crate::api::http::{Client, Response, display_url};
use crate::api::page::PostPage;
use crate::api::refusal::Refusal;
use crate::api::write::{NewComment, Posted, Route};
use crate::error::{Error, Result};
use crate::render::{html_to_line, sanitize_line, truncate_to_width};

/// Post `comment` through `page`'s comment form with `browser`, the client that fetched the
/// page (with a cookie store: the cookies the page set go back with the form, as a
/// browser's would). The form must post to the page's own site (same host and port; http
/// may become https, never the reverse): a guest's name and email go nowhere else.
///
/// Answers: a redirect to `…#comment-N` is [`Posted`] (`status` `hold` when the redirect
/// carries `unapproved=N`, WordPress's link for a comment only its author may see);
/// everything else is an [`Error::Refused`] saying why, in the words of [`Refusal`].
pub async fn post_through_form(
    browser: &Client,
    page: &PostPage,
    comment: &NewComment,
) -> Result<Posted> {
    let form = page
        .form
        .as_ref()
        .map_err(|why| Error::Refused(why.words().to_owned()))?;
    if !same_origin(&page.url, &form.action) {
        return Err(Error::Refused(format!(
            "the post's comment form sends comments to another site ({}): not sent there",
            display_url(&form.action)
        )));
    }
    let form_post = form
        .value("comment_post_ID")
        .and_then(|v| v.trim().parse::<u64>().ok());
    if let Some(id) = form_post.filter(|&id| comment.post != 0 && id != comment.post) {
        return Err(Error::Refused(format!(
            "the page's comment form is for post {id}, not post {}: not sent",
            comment.post
        )));
    }
    let guest = comment.guest.clone().unwrap_or_default();
    let fields = form.fill(&guest, comment.parent, &comment.content);
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let resp = browser.post_form(&form.action, &pairs).await?;
    read_answer(&resp, &page.url, comment.guest.is_some())
}

/// Same scheme, host and port, or the same host moved from http to https.
pub fn same_origin(page: &Url, action: &Url) -> bool {
    let same_host = page
        .host_str()
        .zip(action.host_str())
        .is_some_and(|(a, b)| a.eq_ignore_ascii_case(b));
    let same = page.scheme() == action.scheme()
        && page.port_or_known_default() == action.port_or_known_default();
    let upgraded = page.scheme() == "http"
        && action.scheme() == "https"
        && page.port().is_none()
        && action.port().is_none();
    same_host && (same || upgraded)
}

/// Read what `wp-comments-post.php` answered (`page` is the post's page, for where a redirect
/// may lead).
pub fn read_answer(resp: &Response, page: &Url, guest: bool) -> Result<Posted> {
    let said = format!("HTTP {}, comment form", resp.status);
    if (300..400).contains(&resp.status) {
        return read_redirect(resp, page, &said);
    }
    let html = String::from_utf8_lossy(&resp.body);
    let doc = Html::parse_document(&html);
    let refused = |why: &str| Error::Refused(format!("{why} ({said})"));
    let Some(message) = wp_die_message(&doc) else {
        if resp.status == 200 && html.trim().is_empty() {
            // wp-comments-post.php exits silently for a trashed, draft or protected post.
            return Err(refused(Refusal::PostCannotTake.words()));
        }
        if resp.status >= 500 {
            return Err(server_failed(resp));
        }
        let title = page_title(&doc);
        return Err(refused(&format!(
            "the site answered the form with a page{title} instead of the new comment: it was probably not posted; check the post in a browser"
        )));
    };
    let lower = message.to_lowercase();
    let has = |s: &str| lower.contains(s);
    let known = match resp.status {
        409 => Some(Refusal::Duplicate),
        429 => Some(Refusal::Flood),
        403 if has("logged in") => Some(Refusal::LoginRequired),
        403 if has("closed") => Some(Refusal::Closed),
        _ if has("required fields") => Some(Refusal::NameEmailRequired(guest)),
        _ if has("valid email") => Some(Refusal::InvalidEmail),
        _ if has("type your comment") => Some(Refusal::Empty),
        _ if has("too long") => Some(Refusal::TooLong),
        _ if has("duplicate") => Some(Refusal::Duplicate),
        _ if has("too quickly") => Some(Refusal::Flood),
        _ => None,
    };
    match (known, resp.status) {
        (Some(r), _) => Err(refused(r.words())),
        (None, 500..) => Err(server_failed(resp)),
        (None, 403) => Err(refused(&format!(
            "the site forbids this comment: {message}"
        ))),
        (None, _) => Err(refused(&format!(
            "the site rejected the comment: {message}"
        ))),
    }
}

fn read_redirect(resp: &Response, page: &Url, said: &str) -> Result<Posted> {
    let location = resp
        .header("location")
        .and_then(|l| resp.url.join(l.trim()).ok());
    let Some(location) = location else {
        return Err(Error::Refused(format!(
            "the site answered the form with a redirect to nowhere: it was probably not posted; check the post in a browser ({said})"
        )));
    };
    if location.path().ends_with("wp-login.php") {
        return Err(Error::Refused(format!(
            "{} ({said})",
            Refusal::LoginRequired.words()
        )));
    }
    let id = location
        .fragment()
        .and_then(|f| f.strip_prefix("comment-"))
        .and_then(|n| n.parse::<u64>().ok());
    let (Some(id), true) = (
        id,
        crate::api::http::credentials::same_host(page, &location),
    ) else {
        return Err(Error::Refused(format!(
            "the site answered the form with a redirect to {}, not to a new comment: it was probably not posted; check the post in a browser ({said})",
            display_url(&location)
        )));
    };
    let held = location
        .query_pairs()
        .any(|(k, v)| k == "unapproved" && v == id.to_string());
    // The moderation hash in the query lets whoever holds the link see the held comment:
    // it is not shown.
    let mut link = location.clone();
    link.set_query(None);
    Ok(Posted {
        id,
        status: if held { "hold" } else { "approved" }.to_owned(),
        link: display_url(&link),
        route: Route::CommentForm,
    })
}

/// The text of a `wp_die()` page (`<body id="error-page">`, `.wp-die-message`), one line.
fn wp_die_message(doc: &Html) -> Option<String> {
    let pick = |css: &str| {
        let sel = Selector::parse(css).ok()?;
        let el = doc.select(&sel).next()?;
        Some(el.inner_html())
    };
    let html = pick(".wp-die-message").or_else(|| pick("body#error-page"))?;
    let text = truncate_to_width(&html_to_line(&html), 200);
    let text = text
        .trim()
        .trim_start_matches("Error:")
        .trim_start_matches("ERROR:")
        .trim();
    Some(text.to_owned())
}

fn page_title(doc: &Html) -> String {
    let Ok(sel) = Selector::parse("title") else {
        return String::new();
    };
    let title: String = doc
        .select(&sel)
        .next()
        .map(|t| t.text().collect())
        .unwrap_or_default();
    let title = truncate_to_width(&sanitize_line(title.trim()), 60);
    if title.is_empty() {
        String::new()
    } else {
        format!(" (\u{201c}{title}\u{201d})")
    }
}

fn server_failed(resp: &Response) -> Error {
    Error::Http {
        url: display_url(&resp.url),
        status: resp.status,
        message:
            ": the server failed while posting the form; the comment may or may not have been saved"
                .into(),
    }
}

#[cfg(test)]
#[path = "post_tests.rs"]
mod tests;
