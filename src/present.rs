//! What a comment shows besides its body — author, dates, badges — worded once for the TUI
//! and the dump. Everything returned here is sanitized.

use chrono::NaiveDateTime;

use crate::model::{Comment, ThreadData};
use chrono::Offset;

use crate::render::{html_to_line, sanitize_line};
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

/// Where a pingback or trackback came from: its `author_url`, sanitized; `None` for
/// comments and for pings without one.
pub fn ping_source(comment: &Comment) -> Option<String> {
    (comment.is_ping() && !comment.author_url.is_empty())
        .then(|| crate::render::shown_url(&comment.author_url))
}

/// `2011-05-25 11:02 UTC`, or `date unknown`.
pub fn utc_date(date: Option<NaiveDateTime>) -> String {
    date.map_or_else(
        || "date unknown".into(),
        |d| d.format("%Y-%m-%d %H:%M UTC").to_string(),
    )
}

/// A comment's date for dumps: `date_gmt` in UTC in the strftime `format`, labelled (see
/// [`utc_date_as`]); without it the site's `date` labelled as the site's local time
/// (`2011-05-25 13:02 site time`); else `date unknown`.
pub fn comment_utc_date(comment: &Comment, format: &str) -> String {
    match (comment.date_gmt, comment.site_date()) {
        (None, Some(site)) => site_time(site, format),
        (utc, _) => utc_date_as(utc, format),
    }
}

/// Which clock the TUI shows dates in (setting `time_zone = "local" | "utc"`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TimeZone {
    /// The reader's zone (`TZ`, else the system's), labelled with its offset (`+02:00`).
    #[default]
    Local,
    /// UTC, labelled `UTC`.
    Utc,
}

/// `date_gmt` in `format` (strftime) in `zone`, followed by the zone's label; without it,
/// `site` (the site's `date`) marked `site time`; else `date unknown`. A format chrono
/// cannot render falls back to `%Y-%m-%d %H:%M`.
pub fn zoned_date(
    date_gmt: Option<NaiveDateTime>,
    site: Option<NaiveDateTime>,
    format: &str,
    zone: TimeZone,
) -> String {
    match (date_gmt, zone) {
        (Some(d), TimeZone::Local) => in_zone(d, &chrono::Local, format),
        (Some(d), TimeZone::Utc) => in_zone(d, &chrono::Utc, format),
        (None, _) => site.map_or_else(|| "date unknown".into(), |s| site_time(s, format)),
    }
}

/// [`zoned_date`] without the zone's label: for a comment header too narrow for the whole
/// date (the zone is the same for every date on screen).
pub fn zoned_date_unlabelled(
    date_gmt: Option<NaiveDateTime>,
    site: Option<NaiveDateTime>,
    format: &str,
    zone: TimeZone,
) -> String {
    match (date_gmt, zone) {
        (Some(d), TimeZone::Local) => strftime(
            &chrono::TimeZone::from_utc_datetime(&chrono::Local, &d).naive_local(),
            format,
        ),
        (Some(d), TimeZone::Utc) => strftime(&d, format),
        (None, _) => site.map_or_else(|| "date unknown".into(), |s| strftime(&s, format)),
    }
}

/// `utc` shown in `tz` with `format`, labelled `UTC` or with the zone's offset.
pub fn in_zone<Tz: chrono::TimeZone>(utc: NaiveDateTime, tz: &Tz, format: &str) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let local = tz.from_utc_datetime(&utc);
    let label = if local.offset().fix().local_minus_utc() == 0 && is_utc(tz) {
        "UTC".to_owned()
    } else {
        local.format("%:z").to_string()
    };
    format!("{} {label}", strftime(&local.naive_local(), format))
}

fn is_utc<Tz: chrono::TimeZone>(tz: &Tz) -> bool {
    std::any::type_name_of_val(tz) == std::any::type_name::<chrono::Utc>()
}

fn site_time(site: NaiveDateTime, format: &str) -> String {
    format!("{} site time", strftime(&site, format))
}

fn strftime(d: &NaiveDateTime, format: &str) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    match write!(out, "{}", d.format(format)) {
        Ok(()) => sanitize_line(&out),
        Err(_) => d.format("%Y-%m-%d %H:%M").to_string(),
    }
}

/// `date` in the strftime `format` (UTC) followed by ` UTC`, as the dumps show it; a
/// format chrono cannot write falls back to [`utc_date`]. `date unknown` without a date.
pub fn utc_date_as(date: Option<NaiveDateTime>, format: &str) -> String {
    match formatted_date(date, format) {
        Some(text) => format!("{text} UTC"),
        None => utc_date(date),
    }
}

/// `date` in the strftime `format`; `None` without a date or when the format cannot be
/// written (settings validate it, so only a hand-built format gets here).
pub fn formatted_date(date: Option<NaiveDateTime>, format: &str) -> Option<String> {
    use std::fmt::Write;
    let mut out = String::new();
    write!(out, "{}", date?.format(format)).ok()?;
    Some(out)
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
    fn dates_are_labelled_with_their_zone_and_site_time_when_there_is_no_date_gmt() {
        let d = NaiveDate::from_ymd_opt(2011, 5, 25)
            .and_then(|d| d.and_hms_opt(11, 2, 0))
            .unwrap();
        let fmt = "%Y-%m-%d %H:%M";
        assert_eq!(
            zoned_date(Some(d), None, fmt, TimeZone::Utc),
            "2011-05-25 11:02 UTC"
        );
        let plus2 = chrono::FixedOffset::east_opt(2 * 3600).unwrap();
        assert_eq!(in_zone(d, &plus2, fmt), "2011-05-25 13:02 +02:00");
        let minus5 = chrono::FixedOffset::west_opt(5 * 3600).unwrap();
        assert_eq!(in_zone(d, &minus5, fmt), "2011-05-25 06:02 -05:00");
        assert_eq!(
            in_zone(d, &chrono::FixedOffset::east_opt(0).unwrap(), fmt),
            "2011-05-25 11:02 +00:00"
        );
        assert_eq!(
            zoned_date(None, Some(d), fmt, TimeZone::Local),
            "2011-05-25 11:02 site time"
        );
        assert_eq!(zoned_date(None, None, fmt, TimeZone::Utc), "date unknown");
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
