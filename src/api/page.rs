//! What a post's own HTML page says about it, without the REST API: its post id and its
//! comment form. Parsed with the same HTML parser as comment bodies (scraper/html5ever);
//! no regular expressions over HTML.

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::discover::parse_link_header;
use super::form::{CommentForm, NoForm, find_form};
use super::http::{Client, Response, display_url, http_error};
use crate::error::{Error, Result};

/// Facts read from a post's HTML page.
#[derive(Clone, Debug)]
pub struct PostPage {
    /// The page's URL after redirects: the origin its comment form may post to.
    pub url: Url,
    /// The post id, from the first of: the comment form's `comment_post_ID`, the shortlink
    /// (`<link rel="shortlink" href="…?p=N">` or the `Link: <…?p=N>; rel=shortlink` header),
    /// the `postid-N` / `page-id-N` body class WordPress's `body_class()` writes.
    pub post_id: Option<u64>,
    /// The comment form, or why the page has none.
    pub form: std::result::Result<CommentForm, NoForm>,
}

impl PostPage {
    /// Read `html` served at `url` (after redirects); `link_headers` are the response's
    /// `Link` header values (WordPress sends the shortlink there too).
    pub fn parse(url: &Url, html: &str, link_headers: &[&str]) -> PostPage {
        let doc = Html::parse_document(html);
        let form = find_form(&doc, url);
        let from_form = form
            .as_ref()
            .ok()
            .and_then(|f| f.value("comment_post_ID"))
            .and_then(|v| v.trim().parse().ok());
        let post_id = from_form
            .or_else(|| shortlink_id(&doc, url, link_headers))
            .or_else(|| body_class_id(&doc));
        PostPage {
            url: url.clone(),
            post_id,
            form,
        }
    }
}

/// GET the post's page with `client` (give it a cookie store when the form will be posted:
/// a browser sends back the cookies the page set) and read it. A page that does not answer
/// 200 is an HTTP error (404 is [`Error::PostNotFound`]).
pub async fn fetch_post_page(client: &Client, url: &Url) -> Result<PostPage> {
    let resp = client.get(url).await?;
    if resp.status == 404 || resp.status == 410 {
        return Err(Error::PostNotFound {
            url: display_url(url),
        });
    }
    if !resp.ok() {
        return Err(http_error(&resp));
    }
    Ok(page_of(&resp))
}

fn page_of(resp: &Response) -> PostPage {
    let html = String::from_utf8_lossy(&resp.body);
    PostPage::parse(&resp.url, &html, &resp.header_all("link"))
}

pub(super) fn shortlink_id(doc: &Html, base: &Url, link_headers: &[&str]) -> Option<u64> {
    let from_headers = link_headers
        .iter()
        .flat_map(|v| parse_link_header(base, v))
        .filter(|l| l.rel.split_whitespace().any(|r| r == "shortlink"))
        .map(|l| l.href);
    let sel = Selector::parse("link[rel~=shortlink][href]").ok()?;
    let from_tags = doc
        .select(&sel)
        .filter_map(|el| base.join(el.value().attr("href")?).ok());
    from_headers
        .chain(from_tags)
        .find_map(|href| super::discover::id_of(&href))
}

pub(super) fn body_class_id(doc: &Html) -> Option<u64> {
    let sel = Selector::parse("body[class]").ok()?;
    let body: ElementRef = doc.select(&sel).next()?;
    body.value().classes().find_map(|c| {
        c.strip_prefix("postid-")
            .or_else(|| c.strip_prefix("page-id-"))
            .and_then(|n| n.parse().ok())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://blog.example/2012/02/01/sandbox/").unwrap()
    }

    #[test]
    fn the_post_id_comes_from_the_form_then_the_shortlink_then_the_body_class() {
        let form = r#"<form action="/wp-comments-post.php" id="commentform"><textarea name="comment"></textarea>
            <input type="hidden" name="comment_post_ID" value="11"></form>"#;
        let head = r#"<link rel='shortlink' href='https://blog.example/?p=12' />"#;
        let body = |inner: &str| {
            format!(
                r#"<html><head>{head}</head><body class="single postid-13">{inner}</body></html>"#
            )
        };
        assert_eq!(PostPage::parse(&base(), &body(form), &[]).post_id, Some(11));
        assert_eq!(PostPage::parse(&base(), &body(""), &[]).post_id, Some(12));
        let bare = r#"<body class="page-template-default page page-id-7">x</body>"#;
        assert_eq!(PostPage::parse(&base(), bare, &[]).post_id, Some(7));
        let header = ["<https://blog.example/?p=9>; rel=shortlink"];
        assert_eq!(PostPage::parse(&base(), bare, &header).post_id, Some(9));
        assert_eq!(PostPage::parse(&base(), "<p>hi</p>", &[]).post_id, None);
    }
}
