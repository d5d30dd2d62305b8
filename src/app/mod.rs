//! The whole TUI state: what `update` changes and `draw` shows.

pub mod compose;
pub mod geometry;
pub mod modal;
pub mod moderation;
pub mod msg;
pub mod popup;
pub mod posts;
pub mod queue;
pub mod thread;
pub mod update;

pub use msg::{Effect, Msg, ThreadSource};
pub use popup::{Modal, Overlay};

use chrono::NaiveDateTime;

use crate::app::compose::state::Posting;
use crate::app::geometry::{Areas, Indent, areas};
use crate::app::posts::state::PostList;
use crate::app::thread::ThreadView;
use crate::app::thread::viewport::Frame;
use crate::config::settings::{ConfigError, Settings};
use crate::config::theme::{self, Theme};
use crate::keys::keymap::{Chord, Keymap};

/// Settings the app runs with (from config.toml and flags).
#[derive(Clone, Debug)]
pub struct AppConfig {
    /// Key bindings.
    pub keymap: Keymap,
    /// Themes `t` cycles through; the first is active at start.
    pub themes: Vec<Theme>,
    /// strftime format of absolute dates.
    pub date_format: String,
    /// Indentation.
    pub indent: Indent,
    /// ASCII guides and borders.
    pub ascii: bool,
}

impl Default for AppConfig {
    fn default() -> Self {
        AppConfig {
            keymap: Keymap::default(),
            themes: vec![Theme::builtin_default()],
            date_format: Settings::default().date_format,
            indent: Indent::default(),
            ascii: false,
        }
    }
}

impl AppConfig {
    /// Build from settings: `theme` (the flag) wins over the config's; `NO_COLOR` forces
    /// monochrome. The chosen theme must load; other themes that fail are left out of `t`.
    pub fn from_settings(
        settings: &Settings,
        theme_flag: Option<&str>,
        ascii: bool,
    ) -> Result<AppConfig, ConfigError> {
        AppConfig::build(settings, theme_flag, ascii, theme::no_color())
    }

    /// [`AppConfig::from_settings`] with `NO_COLOR` given.
    pub fn build(
        settings: &Settings,
        theme_flag: Option<&str>,
        ascii: bool,
        no_color: bool,
    ) -> Result<AppConfig, ConfigError> {
        let chosen = if no_color {
            "monochrome".to_owned()
        } else {
            theme_flag
                .map(str::to_owned)
                .or_else(|| settings.theme.clone())
                .unwrap_or_else(|| "default".into())
        };
        let first = theme::load(&chosen)?;
        let mut themes = vec![first];
        for name in theme::theme_names() {
            if name != chosen
                && let Ok(t) = theme::load(&name)
            {
                themes.push(t);
            }
        }
        let keymap = Keymap::with_overrides(&settings.keys).map_err(|detail| ConfigError {
            path: settings
                .path
                .as_ref()
                .map_or("config".into(), |p| p.display().to_string()),
            line: None,
            detail,
        })?;
        Ok(AppConfig {
            keymap,
            themes,
            date_format: settings.date_format.clone(),
            indent: Indent {
                width: settings.indent_width,
                cap: settings.indent_cap,
            },
            ascii,
        })
    }
}

/// Which screen is up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// A comment thread (or its loading / error state).
    Thread,
    /// A site's recent posts.
    Posts,
    /// The moderation queue (`wpcomments moderate SITE`).
    Queue,
}

/// Loading progress shown in the status bar.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// A load is running.
    pub active: bool,
    /// Pages received.
    pub pages_done: u32,
    /// Pages known.
    pub total_pages: u32,
}

/// The app state.
#[derive(Clone, Debug)]
pub struct App {
    /// Settings.
    pub config: AppConfig,
    /// Index of the active theme in `config.themes`.
    pub theme_index: usize,
    /// Now (UTC), for relative dates.
    pub now: NaiveDateTime,
    /// Terminal size.
    pub width: u16,
    /// Terminal size.
    pub height: u16,
    /// The screen up.
    pub screen: Screen,
    /// The open thread.
    pub thread: Option<ThreadView>,
    /// The post list (a site URL was given).
    pub posts: Option<PostList>,
    /// The one popup that owns the keyboard and the mouse (composer, editor, confirmation,
    /// prompt, help, links).
    pub modal: Option<Modal>,
    /// A status-bar note, cleared by the next key.
    pub message: Option<String>,
    /// The error banner.
    pub error: Option<String>,
    /// Loading progress.
    pub progress: Progress,
    /// Keys typed of an unfinished sequence (`g` of `g g`).
    pub pending: Vec<Chord>,
    /// What the current thread load is (for retry when nothing loaded).
    pub source: Option<ThreadSource>,
    /// Tag of the current load; reports of older loads are dropped.
    pub generation: u64,
    /// Set when the app should exit.
    pub quit: bool,
    /// Who posts, and the open reply composer.
    pub posting: Posting,
    /// The moderation queue, once it has loaded.
    pub queue: Option<crate::app::queue::state::Queue>,
    /// Who moderates, what may be undone, and actions in flight.
    pub moderation: crate::app::moderation::state::Moderation,
}

impl App {
    /// A fresh app for a `width`×`height` terminal.
    pub fn new(config: AppConfig, now: NaiveDateTime, width: u16, height: u16) -> App {
        App {
            config,
            theme_index: 0,
            now,
            width,
            height,
            screen: Screen::Thread,
            thread: None,
            posts: None,
            modal: None,
            message: None,
            error: None,
            progress: Progress::default(),
            pending: Vec::new(),
            source: None,
            generation: 0,
            quit: false,
            posting: Posting::default(),
            queue: None,
            moderation: crate::app::moderation::state::Moderation::default(),
        }
    }

    /// Start loading `source`.
    pub fn start(&mut self, source: ThreadSource) -> Vec<Effect> {
        self.load(source)
    }

    /// Begin a thread load, superseding any running load.
    pub fn load(&mut self, source: ThreadSource) -> Vec<Effect> {
        self.generation += 1;
        self.progress = Progress {
            active: true,
            ..Progress::default()
        };
        self.error = None;
        self.source = Some(source.clone());
        vec![Effect::Load {
            generation: self.generation,
            source,
        }]
    }

    /// The active theme.
    pub fn theme(&self) -> &Theme {
        static FALLBACK: std::sync::OnceLock<Theme> = std::sync::OnceLock::new();
        self.config
            .themes
            .get(self.theme_index)
            .or_else(|| self.config.themes.first())
            .unwrap_or_else(|| FALLBACK.get_or_init(Theme::builtin_default))
    }

    /// Where everything goes on screen now.
    pub fn areas(&self) -> Areas {
        areas(self.width, self.height, self.error.is_some())
    }
}

/// The tree's frame for scrolling computations.
pub fn tree_frame(app: &App) -> Frame {
    let main = app.areas().main;
    Frame {
        width: main.width as usize,
        height: main.height as usize,
        indent: app.config.indent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_flag_beats_the_config_and_no_color_beats_both() {
        let settings = Settings {
            theme: Some("light".into()),
            ..Settings::default()
        };
        let name = |flag, no_color| {
            AppConfig::build(&settings, flag, false, no_color).map(|c| c.themes[0].name.clone())
        };
        assert_eq!(name(None, false).as_deref(), Ok("light"));
        assert_eq!(
            name(Some("solarized-dark"), false).as_deref(),
            Ok("solarized-dark")
        );
        assert_eq!(
            name(Some("solarized-dark"), true).as_deref(),
            Ok("monochrome")
        );
        assert!(name(Some("no-such-theme"), false).is_err());
        let all = AppConfig::build(&settings, None, false, false).map(|c| c.themes.len());
        assert!(all.is_ok_and(|n| n >= 6), "t cycles through every built-in");
    }
}
