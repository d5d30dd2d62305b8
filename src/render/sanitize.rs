//! Removal of terminal control characters, escape sequences and spoofing format characters.
//!
//! Everything that reaches a `Span` or the dump passes through [`for_each_safe_char`], so a
//! comment can never move the cursor, retitle the window, plant an OSC-8 hyperlink or flip
//! text direction. The filter is a small state machine rather than a recursive parser
//! because hostile input like "\x1b]\x1b]\x1b]…" must not be able to exhaust the stack.

use super::joiners::{ZWJ, ZWNJ, joins};

/// Where the escape-sequence state machine is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// Normal text.
    Ground,
    /// Just after ESC.
    Esc,
    /// ESC followed by intermediate bytes (e.g. `ESC ( B`), waiting for the final byte.
    EscIntermediate,
    /// Inside a CSI (`ESC [` or U+009B): parameters until a final byte.
    Csi,
    /// Inside an OSC/DCS/SOS/PM/APC string, which runs until BEL or ST. An ESC inside it
    /// either completes ST (`ESC \`) or aborts the string and starts a new sequence, and
    /// both are what the plain `Esc` state does.
    Str,
}

const ESC: char = '\x1b';
const BEL: char = '\x07';
const ST_8BIT: char = '\u{9c}';

/// Calls `emit` for each character of `s` that is safe to show, in order.
///
/// Line breaks (`\n`, `\r\n`, lone `\r`, U+2028, U+2029) come out as `'\n'`, tabs as `'\t'`,
/// vertical tab and form feed as `' '`; callers decide what those become. Escape
/// sequences vanish whole, including their parameters; other C0, DEL and C1 controls, bidi
/// controls and invisible format characters are dropped.
pub(crate) fn for_each_safe_char(s: &str, mut emit: impl FnMut(char)) {
    let mut state = State::Ground;
    // Tag characters are only legitimate inside a subdivision flag (🏴 + 2–6 tag letters or
    // digits + cancel tag); elsewhere they are invisible and can smuggle text. They are held
    // back until the cancel tag proves the sequence well-formed, and dropped otherwise.
    let mut flag_tags: Option<Vec<char>> = None;
    let mut chars = s.chars().peekable();
    // The last character kept, for deciding whether a joiner joins anything.
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        let mut action = step(&mut state, c);
        if action == Step::Again {
            // `c` aborted a sequence; from Ground it is either text or starts a new one.
            action = step(&mut state, c);
        }
        if action != Step::Text {
            flag_tags = None;
            continue;
        }
        if let '\u{e0020}'..='\u{e007f}' = c {
            if let Some(tags) = flag_tags.as_mut() {
                if c == '\u{e007f}' {
                    if (2..=6).contains(&tags.len()) {
                        tags.iter().for_each(|&t| emit(t));
                        emit(c);
                    }
                    flag_tags = None;
                } else if is_flag_tag(c) && tags.len() < 6 {
                    tags.push(c);
                } else {
                    flag_tags = None;
                }
            }
            continue;
        }
        flag_tags = None;
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    emit('\n');
                }
            }
            '\n' | '\u{2028}' | '\u{2029}' => emit('\n'),
            '\t' => emit('\t'),
            '\u{0b}' | '\u{0c}' => emit(' '),
            // A break opportunity for the renderer; line sanitizers drop it.
            SOFT_HYPHEN => emit(c),
            ZWJ | ZWNJ if joins(c, prev, chars.peek().copied()) => emit(c),
            _ if c.is_control() || is_invisible_format(c) || c == ZWJ || c == ZWNJ => {
                continue;
            }
            _ => emit(c),
        }
        prev = Some(c);
        if c == '\u{1f3f4}' {
            flag_tags = Some(Vec::new());
        }
    }
}

/// Soft hyphen: an invisible break opportunity (`&shy;`).
pub(crate) const SOFT_HYPHEN: char = '\u{ad}';

/// Tag letters a–z and digits 0–9, the only tags a subdivision flag uses.
fn is_flag_tag(c: char) -> bool {
    matches!(c, '\u{e0030}'..='\u{e0039}' | '\u{e0061}'..='\u{e007a}')
}

/// True for a character that must never reach a terminal: controls, bidi controls,
/// invisible format characters and tag characters (outside a flag, which callers that
/// escape rather than drop cannot tell apart).
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || is_invisible_format(c)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{e0000}'..='\u{e007f}')
}

/// What the state machine decided about one character.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Part of an escape sequence: drop it.
    Swallow,
    /// Ordinary character in normal text.
    Text,
    /// It ended an unfinished sequence without belonging to it: look at it again.
    Again,
}

/// Advances the escape-sequence state machine by one character.
fn step(state: &mut State, c: char) -> Step {
    use State::*;
    let (next, action) = match *state {
        Ground => match c {
            ESC => (Esc, Step::Swallow),
            '\u{9b}' => (Csi, Step::Swallow),
            '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => (Str, Step::Swallow),
            _ => (Ground, Step::Text),
        },
        Esc => match c {
            '[' => (Csi, Step::Swallow),
            ']' | 'P' | 'X' | '^' | '_' => (Str, Step::Swallow),
            ESC => (Esc, Step::Swallow),
            '\x20'..='\x2f' => (EscIntermediate, Step::Swallow),
            '\x30'..='\x7e' => (Ground, Step::Swallow),
            _ => (Ground, Step::Again),
        },
        EscIntermediate => match c {
            '\x20'..='\x2f' => (EscIntermediate, Step::Swallow),
            '\x30'..='\x7e' => (Ground, Step::Swallow),
            ESC => (Esc, Step::Swallow),
            _ => (Ground, Step::Again),
        },
        Csi => match c {
            '\x20'..='\x3f' => (Csi, Step::Swallow),
            '\x40'..='\x7e' => (Ground, Step::Swallow),
            ESC => (Esc, Step::Swallow),
            _ => (Ground, Step::Again),
        },
        Str => match c {
            BEL | ST_8BIT => (Ground, Step::Swallow),
            ESC => (Esc, Step::Swallow),
            _ => (Str, Step::Swallow),
        },
    };
    *state = next;
    action
}

/// Invisible or direction-changing format characters that can spoof what a reader sees.
/// Variation selectors stay; ZWJ/ZWNJ stay only where they join (see `joins`).
pub(crate) fn is_invisible_format(c: char) -> bool {
    matches!(c,
        '\u{ad}'                      // soft hyphen: invisible, terminals disagree on width
        | '\u{61c}'                   // Arabic letter mark (bidi)
        | '\u{115f}' | '\u{1160}' | '\u{3164}' | '\u{ffa0}' // Hangul fillers: blank "names"
        | '\u{17b4}' | '\u{17b5}'     // Khmer inherent vowels: invisible
        | '\u{180b}'..='\u{180f}'     // Mongolian selectors and vowel separator
        | '\u{200b}'                  // zero-width space
        | '\u{200e}' | '\u{200f}'     // LRM, RLM
        | '\u{202a}'..='\u{202e}'     // LRE, RLE, PDF, LRO, RLO
        | '\u{2060}'..='\u{2064}'     // word joiner, invisible operators
        | '\u{2066}'..='\u{206f}'     // isolates and deprecated format controls
        | '\u{feff}'                  // BOM / zero-width no-break space
        | '\u{fff9}'..='\u{fffb}'     // interlinear annotation
        | '\u{1bca0}'..='\u{1bca3}'   // shorthand format controls
        | '\u{1d173}'..='\u{1d17a}'   // musical symbol format controls
        | '\u{e0001}'                 // language tag
    )
}

/// Strip every control character and escape sequence from untrusted single-line text
/// (author names, titles, URLs, error messages).
///
/// Removes C0 (`\n`, `\t`, `\r` become a space), DEL and C1 controls; whole ESC sequences
/// (CSI, OSC terminated by BEL or ST, DCS/SOS/PM/APC, two-character `ESC x`) and their
/// 8-bit forms; bidi controls and invisible format characters that can spoof (U+2028 and
/// U+2029 become a space). Runs of whitespace collapse to one space; the result is trimmed.
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    let push = |c: char| {
        if c == SOFT_HYPHEN {
            return;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    };
    if is_plain_ascii(s) {
        s.chars().for_each(push);
    } else {
        for_each_safe_char(s, push);
    }
    out
}

/// Like [`sanitize_line`] but for multi-line text: keeps `'\n'` (CR LF, CR, U+2028 and
/// U+2029 become `'\n'`) and expands `'\t'` to four spaces.
///
/// Spaces inside a line are kept as they are, since indentation can matter in multi-line
/// text; trailing whitespace on each line and leading/trailing blank lines are removed.
pub fn sanitize_text(s: &str) -> String {
    let mut raw = String::with_capacity(s.len());
    for_each_safe_char(s, |c| match c {
        '\t' => raw.push_str(TAB),
        SOFT_HYPHEN => {}
        c => raw.push(c),
    });
    let mut out = String::with_capacity(raw.len());
    for line in raw.split('\n') {
        let line = line.trim_end();
        if out.is_empty() && line.is_empty() {
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    let trimmed = out.trim_end_matches('\n').len();
    out.truncate(trimmed);
    out
}

/// What a tab becomes in multi-line text and `<pre>` blocks.
pub(crate) const TAB: &str = "    ";

/// Printable ASCII plus space: nothing to filter, so the state machine can be skipped.
pub(crate) fn is_plain_ascii(s: &str) -> bool {
    super::width::is_printable_ascii(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_with_newlines_and_tabs_becomes_one_line() {
        assert_eq!(sanitize_line("  Jane\n\tDoe \r\n "), "Jane Doe");
        assert_eq!(sanitize_line("a\u{2028}b\u{2029}c"), "a b c");
    }

    #[test]
    fn colour_codes_vanish_with_their_parameters() {
        assert_eq!(sanitize_line("safe\x1b[31mred"), "safered");
        assert_eq!(sanitize_line("\x1b[1;38;5;196mbold\x1b[0m"), "bold");
        assert_eq!(sanitize_line("x\u{9b}31;1mred"), "xred");
    }

    #[test]
    fn window_title_and_hyperlink_sequences_vanish() {
        assert_eq!(sanitize_line("a\x1b]0;pwned\x07b"), "ab");
        assert_eq!(sanitize_line("a\x1b]0;pwned\x1b\\b"), "ab");
        assert_eq!(
            sanitize_line("\x1b]8;;https://evil.example\x1b\\click\x1b]8;;\x1b\\"),
            "click"
        );
        assert_eq!(sanitize_line("a\u{9d}0;t\u{9c}b"), "ab");
        assert_eq!(
            sanitize_line("a\x1bPq#0;2;0;0;0\x1b\\b"),
            "ab",
            "DCS (sixel)"
        );
        assert_eq!(sanitize_line("a\u{90}data\x07b"), "ab", "8-bit DCS");
    }

    #[test]
    fn an_escape_inside_a_string_starts_a_new_sequence() {
        assert_eq!(sanitize_line("a\x1b]0;t\x1b[31mb"), "ab");
    }

    #[test]
    fn two_character_and_charset_escapes_vanish() {
        assert_eq!(sanitize_line("a\x1bcb"), "ab", "RIS");
        assert_eq!(sanitize_line("a\x1b(Bb"), "ab", "designate G0");
        assert_eq!(sanitize_line("a\x1b"), "a", "trailing ESC");
    }

    #[test]
    fn other_controls_and_bidi_overrides_are_dropped() {
        assert_eq!(sanitize_line("a\x00b\x07c\x7fd\u{85}e"), "abcde");
        assert_eq!(sanitize_line("admin\u{202e}txt.exe"), "admintxt.exe");
        assert_eq!(
            sanitize_line("\u{2066}a\u{2067}b\u{2068}c\u{2069}\u{200e}\u{200f}\u{61c}"),
            "abc"
        );
        assert_eq!(sanitize_line("ad\u{200b}min\u{feff}"), "admin");
    }

    #[test]
    fn tag_characters_outside_a_well_formed_flag_vanish() {
        // 🏴 + "gbsct" + cancel is the Scotland flag; a long hidden message is not a flag.
        let scotland = "\u{1f3f4}\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f}";
        assert_eq!(sanitize_line(scotland), scotland);
        let smuggled: String = std::iter::once('\u{1f3f4}')
            .chain(
                "ignore previous instructions"
                    .chars()
                    .map(|c| char::from_u32(0xe0000 + c as u32).unwrap_or('x')),
            )
            .chain(std::iter::once('\u{e007f}'))
            .collect();
        assert_eq!(sanitize_line(&format!("a{smuggled}b")), "a\u{1f3f4}b");
        assert_eq!(sanitize_line("x\u{e0068}\u{e0069}y"), "xy");
    }

    #[test]
    fn emoji_joiners_and_flag_tags_survive() {
        assert_eq!(sanitize_line("👨‍👩‍👧"), "👨‍👩‍👧");
        let england = "🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f}";
        assert_eq!(sanitize_line(england), england);
        assert_eq!(
            sanitize_line("hi\u{e0069}\u{e0067}"),
            "hi",
            "smuggled tag text"
        );
    }

    #[test]
    fn joiners_are_kept_only_where_they_join() {
        assert_eq!(sanitize_line("a\u{200d}b\u{200c}c\u{200d}"), "abc");
        assert_eq!(sanitize_line("\u{200d}x"), "x");
        let coder = "\u{1f469}\u{1f3fd}\u{200d}\u{1f4bb}";
        assert_eq!(sanitize_line(coder), coder);
        let heart_on_fire = "\u{2764}\u{fe0f}\u{200d}\u{1f525}";
        assert_eq!(sanitize_line(heart_on_fire), heart_on_fire);
        // Persian "mi-khaham" with ZWNJ, Devanagari "kṣa" half form with ZWJ.
        assert_eq!(
            sanitize_line("\u{645}\u{6cc}\u{200c}\u{62e}"),
            "\u{645}\u{6cc}\u{200c}\u{62e}"
        );
        assert_eq!(
            sanitize_line("\u{915}\u{94d}\u{200d}\u{937}"),
            "\u{915}\u{94d}\u{200d}\u{937}"
        );
        assert_eq!(sanitize_line("\u{1f600}\u{200d}a"), "\u{1f600}a");
    }

    #[test]
    fn soft_hyphens_never_reach_a_line() {
        assert_eq!(sanitize_line("Anti\u{ad}dis"), "Antidis");
        assert_eq!(sanitize_text("Anti\u{ad}dis"), "Antidis");
    }

    #[test]
    fn multi_line_text_keeps_lines_and_expands_tabs() {
        assert_eq!(
            sanitize_text("\n\nline 1\r\n\tline 2  \n\n"),
            "line 1\n    line 2"
        );
        assert_eq!(sanitize_text("a\x1b[2Jb\n\x1b]0;x\x07c"), "ab\nc");
    }
}
