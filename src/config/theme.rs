//! Colour themes: `themes/*.toml` compiled in, plus the user's own in
//! `$XDG_CONFIG_HOME/wpcomments/themes/NAME.toml` (a user file of a built-in's name wins).
//!
//! A theme maps semantic names to style strings: a foreground colour, `on` and a background
//! colour, and modifiers, in any order — `"bold yellow"`, `"black on #b58900"`, `"on 236"`,
//! `"reversed"`. Colours are names (`red`, `light_blue`, `dark_gray`), 256-colour indexes
//! (`"123"`) or `#rrggbb`; modifiers are `bold italic underline reversed dim`. A user theme may
//! leave names out: they come from `default`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use ratatui::style::{Modifier, Style};
use toml::Spanned;

use crate::config::settings::ConfigError;
pub use crate::config::style::parse_style;

/// Built-in themes: name and file text.
pub const BUILTIN: &[(&str, &str)] = &[
    ("default", include_str!("../../themes/default.toml")),
    ("light", include_str!("../../themes/light.toml")),
    (
        "solarized-dark",
        include_str!("../../themes/solarized-dark.toml"),
    ),
    (
        "solarized-light",
        include_str!("../../themes/solarized-light.toml"),
    ),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.toml"),
    ),
    ("monochrome", include_str!("../../themes/monochrome.toml")),
];

/// Semantic style names, in the order theme files list them.
pub const NAMES: &[&str] = &[
    "author",
    "date",
    "guide_1",
    "guide_2",
    "guide_3",
    "guide_4",
    "guide_5",
    "guide_6",
    "selected",
    "badge_held",
    "badge_spam",
    "badge_ping",
    "badge_new",
    "link",
    "link_ref",
    "quote",
    "code",
    "heading",
    "emphasis",
    "status_bar",
    "error",
    "search_match",
    "title",
    "border",
    "help_key",
    "background",
];

/// A resolved theme.
#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    /// Theme name.
    pub name: String,
    /// Comment author names.
    pub author: Style,
    /// Dates and other secondary text.
    pub date: Style,
    /// Reply guides by depth (cycled).
    pub guides: [Style; 6],
    /// The selected comment's header line and marker.
    pub selected: Style,
    /// `held` badge.
    pub badge_held: Style,
    /// `spam` / `trash` badges.
    pub badge_spam: Style,
    /// `pingback` / `trackback` and other informational badges.
    pub badge_ping: Style,
    /// `new` badge.
    pub badge_new: Style,
    /// Link text.
    pub link: Style,
    /// `[1]` link references and the link list.
    pub link_ref: Style,
    /// Quoted text.
    pub quote: Style,
    /// Inline code and `<pre>`.
    pub code: Style,
    /// Headings in comments.
    pub heading: Style,
    /// Bold / italic text in comments (added to their modifiers).
    pub emphasis: Style,
    /// The status bar.
    pub status_bar: Style,
    /// Error banner.
    pub error: Style,
    /// Search matches.
    pub search_match: Style,
    /// Post title.
    pub title: Style,
    /// Borders and separators.
    pub border: Style,
    /// Keys in the help overlay.
    pub help_key: Style,
    /// Text and background under everything drawn (the whole frame and popups). Empty: the
    /// terminal's own. A light theme sets it so it reads on a dark terminal too.
    pub background: Style,
}

impl Theme {
    /// The guide style for reply level `level` (1-based).
    pub fn guide(&self, level: usize) -> Style {
        self.guides[level.saturating_sub(1) % self.guides.len()]
    }

    /// The built-in default theme.
    pub fn builtin_default() -> Theme {
        // The built-in files are tested to parse; fall back to no styling rather than panic.
        parse("default", BUILTIN[0].1, "themes/default.toml", None).unwrap_or_else(|_| plain())
    }

    /// The monochrome theme (what `NO_COLOR` selects).
    pub fn monochrome() -> Theme {
        load_builtin("monochrome").unwrap_or_else(plain)
    }

    fn set(&mut self, name: &str, style: Style) -> bool {
        let slot = match name {
            "author" => &mut self.author,
            "date" => &mut self.date,
            "selected" => &mut self.selected,
            "badge_held" => &mut self.badge_held,
            "badge_spam" => &mut self.badge_spam,
            "badge_ping" => &mut self.badge_ping,
            "badge_new" => &mut self.badge_new,
            "link" => &mut self.link,
            "link_ref" => &mut self.link_ref,
            "quote" => &mut self.quote,
            "code" => &mut self.code,
            "heading" => &mut self.heading,
            "emphasis" => &mut self.emphasis,
            "status_bar" => &mut self.status_bar,
            "error" => &mut self.error,
            "search_match" => &mut self.search_match,
            "title" => &mut self.title,
            "border" => &mut self.border,
            "help_key" => &mut self.help_key,
            "background" => &mut self.background,
            _ => match name
                .strip_prefix("guide_")
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n @ 1..=6) => &mut self.guides[n - 1],
                _ => return false,
            },
        };
        *slot = style;
        true
    }
}

fn plain() -> Theme {
    let s = Style::default();
    Theme {
        name: "plain".into(),
        author: s,
        date: s,
        guides: [s; 6],
        selected: Style::default().add_modifier(Modifier::REVERSED),
        badge_held: s,
        badge_spam: s,
        badge_ping: s,
        badge_new: s,
        link: s,
        link_ref: s,
        quote: s,
        code: s,
        heading: s,
        emphasis: s,
        status_bar: s,
        error: s,
        search_match: Style::default().add_modifier(Modifier::REVERSED),
        title: s,
        border: s,
        help_key: s,
        background: s,
    }
}

/// Parse theme file text. Names missing from the file come from `base` (or the default theme).
pub fn parse(
    name: &str,
    text: &str,
    path: &str,
    base: Option<&Theme>,
) -> Result<Theme, ConfigError> {
    let table: BTreeMap<String, Spanned<String>> =
        toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
    let mut theme = match base {
        Some(b) => b.clone(),
        None => plain(),
    };
    theme.name = name.to_owned();
    for (key, spec) in &table {
        let at = |detail: String| ConfigError::at(path, text, Some(spec.span().start), detail);
        let style = parse_style(spec.get_ref()).map_err(|e| at(format!("{key}: {e}")))?;
        if !theme.set(key, style) {
            return Err(at(format!(
                "unknown style name {key:?} (known: {})",
                NAMES.join(", ")
            )));
        }
    }
    Ok(theme)
}

fn load_builtin(name: &str) -> Option<Theme> {
    let (_, text) = BUILTIN.iter().find(|(n, _)| *n == name)?;
    parse(name, text, &format!("themes/{name}.toml"), None).ok()
}

/// The user's theme folder.
pub fn user_theme_dir() -> Option<PathBuf> {
    crate::store::paths::file(crate::store::paths::Dir::Config, "themes")
}

/// Load a theme by name: the user's file first, then the built-in.
pub fn load(name: &str) -> Result<Theme, ConfigError> {
    load_from(name, user_theme_dir().as_deref())
}

/// [`load`] with an explicit user theme folder (tests).
pub fn load_from(name: &str, user_dir: Option<&std::path::Path>) -> Result<Theme, ConfigError> {
    let valid_name = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if valid_name && let Some(dir) = user_dir {
        let file = dir.join(format!("{name}.toml"));
        if let Ok(text) = crate::store::files::read_regular(&file, crate::identity::MAX_SMALL_FILE)
        {
            let base = Theme::builtin_default();
            return parse(name, &text, &file.display().to_string(), Some(&base));
        }
    }
    load_builtin(name).ok_or_else(|| ConfigError {
        path: crate::render::sanitize_line(name),
        line: None,
        detail: format!(
            "no such theme (available: {})",
            names_in(user_dir).join(", ")
        ),
    })
}

/// Built-in theme names, then the user's (for `--list-themes`).
pub fn theme_names() -> Vec<String> {
    names_in(user_theme_dir().as_deref())
}

fn names_in(user_dir: Option<&std::path::Path>) -> Vec<String> {
    let mut names: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
    let mut user: Vec<String> = user_dir
        .and_then(|d| std::fs::read_dir(d).ok())
        .into_iter()
        .flatten()
        .filter_map(|e| {
            let path = e.ok()?.path();
            (path.extension()? == "toml").then_some(())?;
            Some(path.file_stem()?.to_str()?.to_owned())
        })
        .filter(|n| !names.contains(n))
        .collect();
    user.sort();
    names.append(&mut user);
    names
}

/// True when `NO_COLOR` is set to something non-empty.
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::Color;

    #[test]
    fn every_builtin_theme_parses_and_sets_every_name() {
        for (name, text) in BUILTIN {
            let table: BTreeMap<String, String> = toml::from_str(text).unwrap();
            for key in NAMES {
                assert!(table.contains_key(*key), "{name} lacks {key}");
            }
            parse(name, text, name, None).unwrap_or_else(|e| panic!("{e}"));
        }
    }

    #[test]
    fn light_themes_paint_their_own_background_and_text_colour() {
        // On a dark terminal a light theme's black title would be black on black: the
        // light themes (and Solarized, whose look is its background) paint both.
        for name in ["light", "solarized-light", "solarized-dark"] {
            let t = load_builtin(name).unwrap();
            assert!(t.background.bg.is_some(), "{name} sets a background");
            assert!(t.background.fg.is_some(), "{name} sets the text colour");
        }
        // The 16-colour themes keep the terminal's own.
        for name in ["default", "high-contrast", "monochrome"] {
            assert_eq!(load_builtin(name).unwrap().background, Style::default());
        }
    }

    #[test]
    fn monochrome_has_no_colours() {
        let t = Theme::monochrome();
        let all = [
            t.author,
            t.date,
            t.selected,
            t.badge_new,
            t.search_match,
            t.link,
        ];
        for s in all.iter().chain(t.guides.iter()) {
            assert_eq!(s.fg, None);
            assert_eq!(s.bg, None);
        }
    }

    #[test]
    fn a_user_theme_wins_inherits_and_reports_bad_lines() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("light.toml"), "author = \"red\"\n").unwrap();
        let t = load_from("light", Some(dir.path())).unwrap();
        assert_eq!(t.author.fg, Some(Color::Red));
        assert_eq!(t.date, Theme::builtin_default().date);

        std::fs::write(
            dir.path().join("mine.toml"),
            "author = \"red\"\n\ndate = \"bluish\"\n",
        )
        .unwrap();
        let e = load_from("mine", Some(dir.path())).unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.path.ends_with("mine.toml"));
        assert!(e.detail.contains("bluish"));
        assert!(names_in(Some(dir.path())).contains(&"mine".to_owned()));

        std::fs::write(dir.path().join("typo.toml"), "autor = \"red\"\n").unwrap();
        let e = load_from("typo", Some(dir.path())).unwrap_err();
        assert!(e.detail.contains("autor"), "{e}");
        assert!(load_from("nope", Some(dir.path())).is_err());
    }
}
