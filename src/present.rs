//! What a comment shows besides its body — author, dates, badges — worded once for the TUI
//! and the dump. Everything returned here is sanitized.

use chrono::NaiveDateTime;

use crate::model::{Comment, ThreadData};
use crate::render::html_to_line;
use crate::thread::{Detached, Node};

/// A short label shown next to a comment's author.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Badge {
    /// A pingback.
    Pingback,
    /// A trackback.
    Trackback,
    /// Awaiting moderation.
    Held,
    /// Awaiting moderation, and shown only to its author: a reply just sent that the site
    /// holds and would not show back.
    HeldForYou,
    /// Marked as spam.
    Spam,
    /// In the trash.
    Trash,
    /// Not seen on the previous visit.
    New,
    /// Its parent is not among the loaded comments.
    ParentNotShown(u64),
    /// Its parent chain looped; cut here.
    LoopCut,
}

impl Badge {
    /// The label text.
    pub fn label(&self) -> String {
        match self {
            Badge::Pingback => "pingback".into(),
            Badge::Trackback => "trackback".into(),
            Badge::Held => "held".into(),
            Badge::HeldForYou => "awaiting moderation, only you see it".into(),
            Badge::Spam => "spam".into(),
            Badge::Trash => "trash".into(),
            Badge::New => "new".into(),
            Badge::ParentNotShown(id) => format!("reply to #{id}, not shown"),
            Badge::LoopCut => "reply loop cut".into(),
        }
    }
}

/// The status the composer gives a reply the site holds and will not show back: WordPress's
/// own word in the `?unapproved=N` link it sends a guest, whose comment only they see.
pub const ONLY_YOU_SEE_IT: &str = "unapproved";

/// Badges of a comment, in display order (`New` is added by the TUI, which knows visits).
pub fn badges(comment: &Comment, node: &Node) -> Vec<Badge> {
    let mut out = Vec::new();
    match comment.kind.as_str() {
        "pingback" => out.push(Badge::Pingback),
        "trackback" => out.push(Badge::Trackback),
        _ => {}
    }
    match comment.status.as_str() {
        ONLY_YOU_SEE_IT => out.push(Badge::HeldForYou),
        "hold" => out.push(Badge::Held),
        "spam" => out.push(Badge::Spam),
        "trash" => out.push(Badge::Trash),
        _ => {}
    }
    match node.detached {
        Detached::MissingParent => out.push(Badge::ParentNotShown(comment.parent)),
        Detached::Cycle => out.push(Badge::LoopCut),
        Detached::No => {}
    }
    out
}

/// Author name for display; `(anonymous)` when empty.
pub fn author(comment: &Comment) -> String {
    // Names are stored as text but WordPress escapes them like HTML when rendering.
    let name = html_to_line(&comment.author_name);
    if name.is_empty() {
        "(anonymous)".into()
    } else {
        name
    }
}

/// `2011-05-25 11:02 UTC`, or `date unknown`.
pub fn utc_date(date: Option<NaiveDateTime>) -> String {
    date.map_or_else(
        || "date unknown".into(),
        |d| d.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// `3 days ago` style age of `date` at `now`.
pub fn relative_date(date: Option<NaiveDateTime>, now: NaiveDateTime) -> String {
    let Some(date) = date else {
        return String::new();
    };
    let secs = now.signed_duration_since(date).num_seconds();
    if secs < 0 {
        return "in the future".into();
    }
    let (n, unit) = match secs {
        0..60 => return "just now".into(),
        60..3600 => (secs / 60, "minute"),
        3600..86_400 => (secs / 3600, "hour"),
        86_400..2_592_000 => (secs / 86_400, "day"),
        2_592_000..31_536_000 => (secs / 2_592_000, "month"),
        _ => (secs / 31_536_000, "year"),
    };
    format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
}

/// Post title as text.
pub fn title(data: &ThreadData) -> String {
    let t = html_to_line(&data.post.title_html);
    if t.is_empty() { "(untitled)".into() } else { t }
}

/// `6 comments shown · 7 reported by the site` (the two differ when some are held, pings, ...).
pub fn count_line(shown: usize, reported: Option<u64>) -> String {
    let noun = if shown == 1 { "comment" } else { "comments" };
    match reported {
        Some(r) if r as usize != shown => {
            format!("{shown} {noun} shown · {r} reported by the site")
        }
        _ => format!("{shown} {noun}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn relative_dates_read_naturally() {
        let now = NaiveDate::from_ymd_opt(2020, 1, 10)
            .and_then(|d| d.and_hms_opt(12, 0, 0))
            .unwrap();
        let ago = |s: i64| Some(now - chrono::Duration::seconds(s));
        assert_eq!(relative_date(ago(5), now), "just now");
        assert_eq!(relative_date(ago(120), now), "2 minutes ago");
        assert_eq!(relative_date(ago(3600), now), "1 hour ago");
        assert_eq!(relative_date(ago(86_400 * 3), now), "3 days ago");
        assert_eq!(relative_date(ago(86_400 * 800), now), "2 years ago");
    }

    #[test]
    fn count_line_says_when_the_site_reports_more() {
        assert_eq!(
            count_line(6, Some(7)),
            "6 comments shown · 7 reported by the site"
        );
        assert_eq!(count_line(1, Some(1)), "1 comment");
    }
}
