//! Key bindings: key strings (`"j"`, `"ctrl-d"`, `"g g"`) → [`Action`], the defaults, the
//! user's `[keys]` overrides, and resolving typed keys (including two-key sequences).
//!
//! Key string grammar: chords separated by spaces form a sequence (`"g g"`); a chord is
//! optional `ctrl-`/`alt-`/`shift-` prefixes and a key: one character (`"J"`, `"#"`) or a
//! name (`space enter esc tab backtab backspace delete insert up down left right home end
//! pgup pgdn f1`…`f12`). Uppercase letters are written as themselves, not `shift-j`.

use std::collections::BTreeMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::keys::action::{Action, View};
use crate::keys::tables::DEFAULT_BINDINGS;

/// One key press with its modifiers, normalised so config strings and terminal events compare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Chord {
    /// The key.
    pub code: KeyCode,
    /// Ctrl / Alt (Shift only for non-character keys).
    pub mods: KeyModifiers,
}

impl Chord {
    /// A chord, normalised: characters carry their case, not a Shift modifier.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Chord {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Ctrl-letter arrives lowercase from most terminals; make config and events agree.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Chord { code, mods }
    }

    /// A chord for a terminal key event; `None` for key releases.
    pub fn from_event(ev: &KeyEvent) -> Option<Chord> {
        (ev.kind != KeyEventKind::Release).then(|| Chord::new(ev.code, ev.modifiers))
    }

    /// A plain character key.
    pub fn char(c: char) -> Chord {
        Chord::new(KeyCode::Char(c), KeyModifiers::NONE)
    }
}

const NAMES: &[(&str, KeyCode)] = &[
    ("space", KeyCode::Char(' ')),
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
];

const ALIASES: &[(&str, &str)] = &[
    ("return", "enter"),
    ("escape", "esc"),
    ("pageup", "pgup"),
    ("pagedown", "pgdn"),
    ("del", "delete"),
];

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        if let Some((name, _)) = NAMES.iter().find(|(_, code)| *code == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Parse one chord such as `ctrl-d`, `J`, `pgdn`, `-`.
pub fn parse_chord(s: &str) -> Result<Chord, String> {
    let mut mods = KeyModifiers::NONE;
    let mut rest = s;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (prefix, flag) = match () {
            _ if lower.starts_with("ctrl-") && rest.len() > 5 => ("ctrl-", KeyModifiers::CONTROL),
            _ if lower.starts_with("alt-") && rest.len() > 4 => ("alt-", KeyModifiers::ALT),
            _ if lower.starts_with("shift-") && rest.len() > 6 => ("shift-", KeyModifiers::SHIFT),
            _ => break,
        };
        mods |= flag;
        rest = &rest[prefix.len()..];
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if mods.contains(KeyModifiers::SHIFT) && c.is_alphabetic() => {
            KeyCode::Char(c.to_uppercase().next().unwrap_or(c))
        }
        (Some(c), None) => KeyCode::Char(c),
        _ => named_key(rest).ok_or_else(|| format!("unknown key {rest:?} in {s:?}"))?,
    };
    Ok(Chord::new(code, mods))
}

fn named_key(name: &str) -> Option<KeyCode> {
    let lower = name.to_ascii_lowercase();
    let canonical = ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.as_str(), |(_, to)| to);
    if let Some((_, code)) = NAMES.iter().find(|(n, _)| *n == canonical) {
        return Some(*code);
    }
    let n: u8 = canonical.strip_prefix('f')?.parse().ok()?;
    (1..=12).contains(&n).then_some(KeyCode::F(n))
}

/// Parse a key string: one chord, or a sequence separated by spaces (`"g g"`).
pub fn parse_keys(s: &str) -> Result<Vec<Chord>, String> {
    if s == " " {
        return Ok(vec![Chord::char(' ')]);
    }
    let chords: Vec<Chord> = s
        .split_whitespace()
        .map(parse_chord)
        .collect::<Result<_, _>>()?;
    match chords.len() {
        0 => Err("empty key".into()),
        1 | 2 => Ok(chords),
        _ => Err(format!("{s:?}: sequences are at most two keys")),
    }
}

/// What a typed key means given the keys typed before it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Resolved {
    /// A complete binding.
    Action(Action),
    /// The start of a sequence: wait for the next key.
    Pending,
    /// Not bound.
    Unbound,
}

/// Active bindings: key sequence → action.
#[derive(Clone, Debug)]
pub struct Keymap {
    bindings: Vec<(Vec<Chord>, Action)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULT_BINDINGS
            .iter()
            .filter_map(|(k, a)| parse_keys(k).ok().map(|keys| (keys, *a)))
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with the user's `[keys]` table applied. A user key replaces whatever it was
    /// bound to, and any default sequence it would shadow (binding `g` drops `g g`);
    /// `"none"` unbinds. Errors name the bad key string.
    pub fn with_overrides(overrides: &BTreeMap<String, Action>) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        for (key, action) in overrides {
            let keys = parse_keys(key)?;
            map.bindings
                .retain(|(k, _)| !k.starts_with(&keys) && !keys.starts_with(k));
            if *action != Action::None {
                map.bindings.push((keys, *action));
            }
        }
        Ok(map)
    }

    /// Resolve `key` typed after `pending` (the unfinished sequence so far). A key that does
    /// not continue the sequence is tried on its own.
    pub fn resolve(&self, pending: &[Chord], key: Chord) -> Resolved {
        if !pending.is_empty() {
            let mut seq = pending.to_vec();
            seq.push(key);
            match self.lookup(&seq) {
                Resolved::Unbound => {}
                found => return found,
            }
        }
        self.lookup(&[key])
    }

    fn lookup(&self, seq: &[Chord]) -> Resolved {
        if let Some((_, a)) = self.bindings.iter().find(|(k, _)| k == seq) {
            return Resolved::Action(*a);
        }
        if self
            .bindings
            .iter()
            .any(|(k, _)| k.len() > seq.len() && k.starts_with(seq))
        {
            return Resolved::Pending;
        }
        Resolved::Unbound
    }

    /// Key strings bound to `action`, in binding order (`["j", "down"]`).
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| {
                k.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    /// `(keys, description)` rows for the help overlay of `view`, in [`Action::ALL`] order.
    pub fn help_rows(&self, view: View) -> Vec<(String, &'static str)> {
        let mut rows: Vec<(String, &'static str)> = Action::ALL
            .iter()
            .filter(|a| a.applies_to(view))
            .filter_map(|&a| {
                let keys = self.keys_for(a);
                (!keys.is_empty()).then(|| (keys.join(", "), a.describe(view)))
            })
            .collect();
        if view == View::Thread {
            // Inside the composer the keys are fixed (every other key is text).
            rows.extend(
                crate::keys::tables::COMPOSER_KEYS
                    .iter()
                    .map(|(k, d)| ((*k).to_owned(), *d)),
            );
        }
        rows
    }

    /// The first key of `action`, for short hints (`"?"`), or `None` when unbound.
    pub fn hint(&self, action: Action) -> Option<String> {
        self.keys_for(action).into_iter().next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctrl(c: char) -> Chord {
        Chord::new(KeyCode::Char(c), KeyModifiers::CONTROL)
    }

    #[test]
    fn key_strings_parse_to_normalised_chords() {
        assert_eq!(parse_keys("J").unwrap(), vec![Chord::char('J')]);
        assert_eq!(parse_keys("shift-j").unwrap(), vec![Chord::char('J')]);
        assert_eq!(parse_keys("ctrl-d").unwrap(), vec![ctrl('d')]);
        assert_eq!(parse_keys("CTRL-D").unwrap(), vec![ctrl('d')]);
        assert_eq!(parse_keys("g g").unwrap(), vec![Chord::char('g'); 2]);
        assert_eq!(parse_keys("space").unwrap(), vec![Chord::char(' ')]);
        assert_eq!(parse_keys("pagedown").unwrap()[0].code, KeyCode::PageDown);
        assert_eq!(parse_keys("f5").unwrap()[0].code, KeyCode::F(5));
        assert_eq!(parse_keys("-").unwrap(), vec![Chord::char('-')]);
        assert!(parse_keys("hyper-x").is_err());
        assert!(parse_keys("a b c").is_err());
        assert!(parse_keys("").is_err());
    }

    #[test]
    fn chords_print_as_they_are_written() {
        for s in ["j", "J", "ctrl-d", "pgdn", "space", "esc", "f12", "alt-x"] {
            assert_eq!(parse_chord(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn terminal_events_match_config_strings() {
        let shifted = KeyEvent::new(KeyCode::Char('J'), KeyModifiers::SHIFT);
        assert_eq!(Chord::from_event(&shifted), Some(Chord::char('J')));
        let ctrl_upper = KeyEvent::new(KeyCode::Char('D'), KeyModifiers::CONTROL);
        assert_eq!(Chord::from_event(&ctrl_upper), Some(ctrl('d')));
    }

    #[test]
    fn g_then_g_is_first_and_g_then_other_key_is_that_key() {
        let map = Keymap::default();
        let g = Chord::char('g');
        assert_eq!(map.resolve(&[], g), Resolved::Pending);
        assert_eq!(map.resolve(&[g], g), Resolved::Action(Action::First));
        assert_eq!(
            map.resolve(&[g], Chord::char('j')),
            Resolved::Action(Action::MoveDown)
        );
        assert_eq!(map.resolve(&[], Chord::char('w')), Resolved::Unbound);
    }

    #[test]
    fn overrides_replace_shadow_and_unbind() {
        let overrides: BTreeMap<String, Action> = [
            ("x".to_owned(), Action::Quit),
            ("g".to_owned(), Action::Last),
            ("j".to_owned(), Action::None),
        ]
        .into_iter()
        .collect();
        let map = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(
            map.resolve(&[], Chord::char('x')),
            Resolved::Action(Action::Quit)
        );
        assert_eq!(
            map.resolve(&[], Chord::char('g')),
            Resolved::Action(Action::Last)
        );
        assert_eq!(map.resolve(&[], Chord::char('j')), Resolved::Unbound);
        assert_eq!(map.keys_for(Action::MoveDown), vec!["down"]);
        assert_eq!(map.keys_for(Action::First), vec!["home"]);
    }

    #[test]
    fn help_rows_follow_the_active_keymap_and_view() {
        let overrides: BTreeMap<String, Action> =
            [("x".to_owned(), Action::Help)].into_iter().collect();
        let map = Keymap::with_overrides(&overrides).unwrap();
        let rows = map.help_rows(View::Thread);
        assert!(rows.contains(&("?, x".to_owned(), "this help")));
        let posts = map.help_rows(View::Posts);
        assert!(posts.iter().all(|(_, d)| !d.contains("sibling")));
        assert!(posts.contains(&("pgdn".to_owned(), "next page of posts")));
    }
}
