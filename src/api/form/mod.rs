//! The comment form on a post's page, found and filled in the way a browser fills it: every
//! control the page put there is sent as the page set it, and the person's own fields (the
//! visible comment box, name, email, website, the comment replied to) carry their values.

use scraper::{ElementRef, Html, Selector};
use url::Url;

use super::write::GuestAuthor;

pub mod post;

/// WordPress's comment form, as found on a post's page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentForm {
    /// Where it posts (the `action`, resolved against the page; WordPress's is
    /// `…/wp-comments-post.php`).
    pub action: Url,
    /// Every control a browser would send untouched, in page order: hidden inputs, text
    /// inputs with their default values, checked boxes, the submit button, and honeypot
    /// text boxes (left as the page set them: empty).
    pub fields: Vec<(String, String)>,
    /// The `name` of the visible comment text box: `comment` in stock WordPress; anti-spam
    /// plugins rename it and leave a hidden honeypot named `comment`.
    pub comment_field: String,
}

/// Why a page offers no comment form a guest can fill in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoForm {
    /// No form at all: comments are closed (or the theme does not show the form).
    Missing,
    /// The site asks visitors to log in first (WordPress's `comment_registration`: the form
    /// is replaced by "You must be logged in to post a comment").
    LoginRequired,
    /// The form is WordPress.com's (Jetpack comments, or a blog hosted there): an iframe or a
    /// `highlander_comment_nonce` field that only WordPress.com accounts and its own page use.
    WordPressCom,
    /// A form is there, but no visible text box to write the comment in.
    NoTextBox,
}

impl NoForm {
    /// One line for the user: what the page shows and what to do.
    pub fn words(&self) -> &'static str {
        match self {
            NoForm::Missing => {
                "the post's page has no comment form: comments on it are closed (or the theme does not show the form)"
            }
            NoForm::LoginRequired => crate::api::refusal::Refusal::LoginRequired.words(),
            NoForm::WordPressCom => {
                "this site's comment form is WordPress.com's (Jetpack): use a WordPress.com identity (`wpcomments identity add NAME --wordpress-com`)"
            }
            NoForm::NoTextBox => {
                "the post's comment form has no visible comment box to fill in: reply from a browser"
            }
        }
    }
}

/// The comment form of a parsed page at `base`: `#commentform`, else `.comment-form`, else a
/// form whose action ends in `wp-comments-post.php` — or why there is none.
pub fn find_form(doc: &Html, base: &Url) -> Result<CommentForm, NoForm> {
    let forms = select(&doc.root_element(), "form");
    let tests: [fn(&ElementRef) -> bool; 3] = [
        |f| f.value().id() == Some("commentform"),
        |f| f.value().classes().any(|c| c == "comment-form"),
        posts_to_wp_comments_post,
    ];
    let form = tests
        .iter()
        .find_map(|test| forms.iter().find(|f| test(f)).copied());
    let Some(form) = form else {
        return Err(why_no_form(doc));
    };
    if is_wordpress_com(&form) {
        return Err(NoForm::WordPressCom);
    }
    let action = match form.value().attr("action").map(str::trim) {
        Some(a) if !a.is_empty() => base.join(a).map_err(|_| NoForm::Missing)?,
        _ => base.clone(),
    };
    let comment_field = comment_box(&form).ok_or(NoForm::NoTextBox)?;
    Ok(CommentForm {
        action,
        fields: successful_controls(&form, &comment_field),
        comment_field,
    })
}

fn posts_to_wp_comments_post(form: &ElementRef) -> bool {
    form.value()
        .attr("action")
        .map(|a| a.split(['?', '#']).next().unwrap_or_default())
        .is_some_and(|a| a.trim_end().ends_with("wp-comments-post.php"))
}

fn select<'a>(root: &ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    Selector::parse(css)
        .map(|sel| root.select(&sel).collect())
        .unwrap_or_default()
}

fn why_no_form(doc: &Html) -> NoForm {
    let root = doc.root_element();
    if !select(
        &root,
        "iframe#jetpack_remote_comment, iframe[name=jetpack_remote_comment]",
    )
    .is_empty()
        || select(&root, "iframe[src]").iter().any(is_wpcom_iframe)
    {
        return NoForm::WordPressCom;
    }
    let login_link = select(&root, "#respond a[href]").iter().any(|a| {
        a.value()
            .attr("href")
            .is_some_and(|h| h.contains("wp-login.php"))
    });
    if login_link || !select(&root, ".must-log-in").is_empty() {
        return NoForm::LoginRequired;
    }
    NoForm::Missing
}

fn is_wpcom_iframe(frame: &ElementRef) -> bool {
    frame
        .value()
        .attr("src")
        .and_then(|s| Url::parse(s).ok())
        .and_then(|u| u.host_str().map(str::to_owned))
        .is_some_and(|h| h == "wordpress.com" || h.ends_with(".wordpress.com"))
}

fn is_wordpress_com(form: &ElementRef) -> bool {
    select(form, "iframe[src]").iter().any(is_wpcom_iframe)
        || !select(
            form,
            "input[name=highlander_comment_nonce], input[name=hc_post_as]",
        )
        .is_empty()
}

/// Hidden from a person: `hidden`, `aria-hidden`, taken out of the tab order, or styled away
/// (`display:none`, `visibility:hidden`, clipped to a pixel) — on itself or on a parent
/// inside the form. This is how honeypots are made.
fn looks_hidden(el: &ElementRef) -> bool {
    let mut node = Some(*el);
    while let Some(e) = node {
        let v = e.value();
        if v.name() == "form" {
            return false;
        }
        let style: String = v
            .attr("style")
            .unwrap_or_default()
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let styled_away = [
            "display:none",
            "visibility:hidden",
            "clip:rect(",
            "height:1px",
        ]
        .iter()
        .any(|s| style.contains(s));
        if styled_away
            || v.attr("hidden").is_some()
            || v.attr("aria-hidden") == Some("true")
            || v.attr("tabindex").map(str::trim) == Some("-1")
            || v.classes()
                .any(|c| c == "hidden" || c == "screen-reader-text")
        {
            return true;
        }
        node = e.parent().and_then(ElementRef::wrap);
    }
    false
}

/// The name of the comment text box a person sees: the only visible named textarea, or the
/// one a `<label for>` points at, or the first visible one.
fn comment_box(form: &ElementRef) -> Option<String> {
    let visible: Vec<ElementRef> = select(form, "textarea[name]")
        .into_iter()
        .filter(|t| !looks_hidden(t) && t.value().attr("disabled").is_none())
        .collect();
    let labelled = |t: &&ElementRef| {
        t.value().id().is_some_and(|id| {
            select(form, "label[for]")
                .iter()
                .any(|l| l.value().attr("for") == Some(id))
        })
    };
    let chosen = match visible.len() {
        0 => return None,
        1 => visible[0],
        _ => *visible.iter().find(labelled).unwrap_or(&visible[0]),
    };
    chosen.value().attr("name").map(str::to_owned)
}

/// What a browser sends for an untouched form (HTML's "constructing the entry list"), minus
/// the comment box, which [`CommentForm::fill`] adds.
fn successful_controls(form: &ElementRef, comment_field: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut submitted = false;
    for el in select(
        form,
        "input[name], textarea[name], select[name], button[name]",
    ) {
        let v = el.value();
        let Some(name) = v.attr("name").filter(|n| !n.is_empty()) else {
            continue;
        };
        if v.attr("disabled").is_some() {
            continue;
        }
        let value = v.attr("value").unwrap_or_default().to_owned();
        let kind = v.attr("type").unwrap_or_default().to_ascii_lowercase();
        let entry = match (v.name(), kind.as_str()) {
            ("textarea", _) if name == comment_field => None,
            ("textarea", _) => Some(el.text().collect::<String>()),
            ("select", _) => selected_option(&el),
            ("input", "checkbox" | "radio") => v
                .attr("checked")
                .map(|_| if value.is_empty() { "on".into() } else { value }),
            ("input", "submit" | "image") | ("button", "" | "submit") if !submitted => {
                submitted = true;
                Some(value)
            }
            ("input", "submit" | "image" | "button" | "reset" | "file") | ("button", _) => None,
            _ => Some(value),
        };
        if let Some(value) = entry {
            out.push((name.to_owned(), value));
        }
    }
    out
}

fn selected_option(select_el: &ElementRef) -> Option<String> {
    let options = select(select_el, "option");
    let chosen = options
        .iter()
        .find(|o| o.value().attr("selected").is_some())
        .or(options.first())?;
    Some(
        chosen
            .value()
            .attr("value")
            .map(str::to_owned)
            .unwrap_or_else(|| chosen.text().collect()),
    )
}

impl CommentForm {
    /// The value the page gave control `name`, if the form has it.
    pub fn value(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body of the POST: the page's controls with the person's fields filled in —
    /// WordPress's `author`, `email`, `url`, `comment_parent`, and the visible comment box
    /// under its real name. A hidden honeypot named `comment` stays as the page left it.
    pub fn fill(&self, guest: &GuestAuthor, parent: u64, body: &str) -> Vec<(String, String)> {
        let mut out = self.fields.clone();
        let mut set =
            |name: &str, value: &str, add: bool| match out.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value.to_owned(),
                None if add => out.push((name.to_owned(), value.to_owned())),
                None => {}
            };
        set("author", &guest.name, true);
        set("email", &guest.email, true);
        set("url", &guest.url, !guest.url.is_empty());
        set("comment_parent", &parent.to_string(), true);
        out.push((self.comment_field.clone(), body.to_owned()));
        out
    }
}

#[cfg(test)]
mod tests;
