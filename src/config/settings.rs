//! `config.toml`: the user's settings for the TUI, validated once at start-up.
//!
//! The file lives in the XDG config dir (`~/.config/wpcomments/config.toml` on Linux) or where
//! `--config` says. A missing default file means defaults; every problem (an unknown key, a bad
//! value, a bad key binding) is one line naming the file and line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::keys::action::Action;
use crate::keys::keymap::{Keymap, parse_keys};
use crate::render::sanitize_line;
use crate::store::project_dirs;

/// A config or theme file that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub path: String,
    /// 1-based line of the problem, when known.
    pub line: Option<usize>,
    /// What is wrong.
    pub detail: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{line}: {}", self.path, self.detail),
            None => write!(f, "{}: {}", self.path, self.detail),
        }
    }
}

impl std::error::Error for ConfigError {}

impl From<ConfigError> for crate::error::Error {
    fn from(e: ConfigError) -> Self {
        let where_ = match e.line {
            Some(line) => format!("{}:{line}", e.path),
            None => e.path.clone(),
        };
        crate::error::Error::Config {
            where_,
            detail: e.detail,
        }
    }
}

impl ConfigError {
    /// An error at byte `offset` of `text` (the line is computed from it).
    pub fn at(path: &str, text: &str, offset: Option<usize>, detail: impl Into<String>) -> Self {
        ConfigError {
            path: sanitize_line(path),
            line: offset.map(|o| line_of(text, o)),
            detail: sanitize_line(&detail.into()),
        }
    }

    /// A TOML syntax or shape error, located by its span.
    pub fn from_toml(path: &str, text: &str, e: &toml::de::Error) -> Self {
        ConfigError::at(path, text, e.span().map(|s| s.start), e.message())
    }
}

/// 1-based line number of byte `offset`.
pub fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Where `config.toml` is looked for when `--config` is not given.
pub fn default_config_path() -> Option<PathBuf> {
    project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Validated settings.
#[derive(Clone, Debug, PartialEq)]
pub struct Settings {
    /// Theme name (`None`: the default, or `--theme`).
    pub theme: Option<String>,
    /// strftime format of absolute dates (shown in UTC).
    pub date_format: String,
    /// Columns per reply level.
    pub indent_width: usize,
    /// Levels drawn before the depth is printed as a number instead.
    pub indent_cap: usize,
    /// Comment pages fetched at once (`--concurrency` wins).
    pub concurrency: Option<usize>,
    /// `[keys]` overrides: key string → action.
    pub keys: BTreeMap<String, Action>,
    /// The file these came from, if one was read.
    pub path: Option<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: None,
            date_format: "%Y-%m-%d %H:%M".into(),
            indent_width: 2,
            indent_cap: 8,
            concurrency: None,
            keys: BTreeMap::new(),
            path: None,
        }
    }
}

/// The file as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    theme: Option<Spanned<String>>,
    date_format: Option<Spanned<String>>,
    indent_width: Option<Spanned<usize>>,
    indent_cap: Option<Spanned<usize>>,
    concurrency: Option<Spanned<usize>>,
    #[serde(default)]
    keys: BTreeMap<String, Spanned<Action>>,
    /// The WordPress.com app (`client_id`, `client_secret`, `redirect_port`): read by the
    /// identity code (`identity::oauth`), accepted here so the reader does not reject it.
    #[serde(default, rename = "wordpress_com")]
    _wordpress_com: Option<toml::Table>,
}

impl Settings {
    /// Load `path`, or the default config file when `None` (missing is fine then).
    pub fn load(path: Option<&Path>) -> Result<Settings, ConfigError> {
        let (path, required) = match path {
            Some(p) => (p.to_path_buf(), true),
            None => match default_config_path() {
                Some(p) => (p, false),
                None => return Ok(Settings::default()),
            },
        };
        let shown = path.display().to_string();
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Settings::default());
            }
            Err(e) => return Err(ConfigError::at(&shown, "", None, e.to_string())),
        };
        let mut settings = Settings::parse(&text, &shown)?;
        settings.path = Some(path);
        Ok(settings)
    }

    /// Parse and validate config text; `path` only names the file in errors.
    pub fn parse(text: &str, path: &str) -> Result<Settings, ConfigError> {
        let raw: RawConfig =
            toml::from_str(text).map_err(|e| ConfigError::from_toml(path, text, &e))?;
        let err = |span: std::ops::Range<usize>, detail: String| {
            ConfigError::at(path, text, Some(span.start), detail)
        };
        let mut s = Settings::default();
        if let Some(theme) = raw.theme {
            s.theme = Some(theme.into_inner());
        }
        if let Some(fmt) = raw.date_format {
            if chrono::format::StrftimeItems::new(fmt.get_ref())
                .parse()
                .is_err()
            {
                return Err(err(
                    fmt.span(),
                    format!(
                        "date_format {:?} is not a valid strftime format",
                        fmt.get_ref()
                    ),
                ));
            }
            s.date_format = fmt.into_inner();
        }
        let ranged = |v: Spanned<usize>, name: &str, lo: usize, hi: usize| {
            let n = *v.get_ref();
            if (lo..=hi).contains(&n) {
                Ok(n)
            } else {
                Err(err(
                    v.span(),
                    format!("{name} must be between {lo} and {hi}, not {n}"),
                ))
            }
        };
        if let Some(v) = raw.indent_width {
            s.indent_width = ranged(v, "indent_width", 1, 8)?;
        }
        if let Some(v) = raw.indent_cap {
            s.indent_cap = ranged(v, "indent_cap", 1, 64)?;
        }
        if let Some(v) = raw.concurrency {
            s.concurrency = Some(ranged(v, "concurrency", 1, 32)?);
        }
        for (key, action) in raw.keys {
            if let Err(e) = parse_keys(&key) {
                return Err(err(action.span(), format!("[keys] {e}")));
            }
            s.keys.insert(key, action.into_inner());
        }
        // Combinations are checked too (they cannot fail once each key parses, but keep one path).
        Keymap::with_overrides(&s.keys).map_err(|e| ConfigError::at(path, text, None, e))?;
        Ok(s)
    }
}

/// The commented default `config.toml` (`--print-config`).
pub fn default_config_toml() -> &'static str {
    // The [keys] table is generated from the built-in bindings so the two cannot drift.
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(|| {
        let mut text = DEFAULT_CONFIG.to_owned();
        for (key, action) in crate::keys::tables::DEFAULT_BINDINGS {
            let line = format!("{} = \"{}\"\n", serde_json::json!(key), action.name());
            text.push_str(&line);
        }
        text
    })
}

const DEFAULT_CONFIG: &str = r##"# wpcomments configuration (config.toml).
# Location: $XDG_CONFIG_HOME/wpcomments/config.toml (or --config FILE).
# Every setting is optional; the values below are the defaults. Unknown keys are an error.

# Colour theme: default, light, solarized-dark, solarized-light, high-contrast, monochrome,
# or the name of a file in the themes/ folder next to this file (see --list-themes).
# The NO_COLOR environment variable forces monochrome.
theme = "default"

# How absolute dates are shown (strftime; dates are UTC).
date_format = "%Y-%m-%d %H:%M"

# Columns per reply level, and how many levels are indented before the depth is shown
# as a number instead.
indent_width = 2
indent_cap = 8

# Comment pages fetched at once (1-32; --concurrency wins).
concurrency = 4

# Key bindings: "key" = "action". A key replaces its default; "none" unbinds it.
# Keys: a character ("j", "J", "#"), ctrl-/alt- prefixes ("ctrl-d"), names (space enter esc
# tab backspace up down left right home end pgup pgdn f1..f12), or two keys ("g g").
# While a search is active, next_thread/prev_thread (n/N) go through the matches instead;
# Esc clears the search.
[keys]
"##;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keys::tables::DEFAULT_BINDINGS;

    #[test]
    fn a_wordpress_com_app_section_is_accepted() {
        let s = Settings::parse("[wordpress_com]\nclient_id = \"1\"\n", "c.toml");
        assert!(s.is_ok(), "{:?}", s.err().map(|e| e.to_string()));
    }

    #[test]
    fn the_printed_defaults_parse_to_the_defaults() {
        let s = Settings::parse(default_config_toml(), "config.toml").unwrap();
        assert_eq!(s.theme.as_deref(), Some("default"));
        assert_eq!(s.date_format, Settings::default().date_format);
        assert_eq!(s.indent_width, 2);
        assert_eq!(s.indent_cap, 8);
        assert_eq!(s.concurrency, Some(4));
        assert_eq!(s.keys.len(), DEFAULT_BINDINGS.len());
        for (key, action) in DEFAULT_BINDINGS {
            assert_eq!(s.keys.get(*key), Some(action), "{key}");
        }
    }

    #[test]
    fn an_unknown_key_names_file_and_line() {
        let e = Settings::parse("theme = \"light\"\ncolour = 3\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.to_string().starts_with("c.toml:2: "), "{e}");
        assert!(e.detail.contains("colour"), "{e}");
    }

    #[test]
    fn bad_values_name_their_line() {
        let e = Settings::parse("\nindent_width = 0\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(2));
        let e = Settings::parse("date_format = \"%Q\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(1));
        let e = Settings::parse("[keys]\n\"j\" = \"fly\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = Settings::parse("[keys]\n\n\"hyper-j\" = \"quit\"\n", "c.toml").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.detail.contains("hyper-j"));
    }

    #[test]
    fn a_missing_explicit_file_is_an_error_but_a_missing_default_is_not() {
        let dir = tempfile::tempdir().unwrap();
        assert!(Settings::load(Some(&dir.path().join("nope.toml"))).is_err());
        let file = dir.path().join("c.toml");
        std::fs::write(&file, "indent_cap = 3\n").unwrap();
        let s = Settings::load(Some(&file)).unwrap();
        assert_eq!(s.indent_cap, 3);
        assert_eq!(s.path.as_deref(), Some(file.as_path()));
    }
}
