//! The widths we compute against what a real terminal does: each sample, sanitized the way a
//! comment's text is, is printed in tmux and the cursor column read back must equal
//! `display_width` (the function the layout wraps by and tests/properties.rs checks lines with).
//! A stray zero-width joiner used to make the two disagree and paint into the status bar.
//!
//! Known disagreements left out (terminals differ among themselves there): tmux 3.3 draws a
//! skin-tone modifier as a cell of its own (👍🏽 is 4 columns there, 2 in kitty and here) and
//! ignores VS16 (❤️ is 1 column there, 2 here).

use std::time::Duration;

use crate::support::tmux::Tmux;
use wpcomments::render::{display_width, sanitize_line};

/// What comments contain, with and without joiners, as the sanitizer lets it through.
const SAMPLES: [&str; 16] = [
    "plain ascii",
    "日本語のコメント",
    "cafe\u{301} na\u{ef}ve",
    "\u{1f1eb}\u{1f1f7} flag",
    "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467} family",
    "\u{1f469}\u{200d}\u{1f4bb} \u{1f44d} emoji",
    // Stray joiners between ordinary letters: dropped by the sanitizer.
    "a\u{200d}b\u{200c}c d\u{200d}",
    "x\u{200d}\u{200d}y soft\u{ad}hyphen",
    // Arabic and Persian with ZWNJ, Devanagari with a virama (no joiner).
    "\u{645}\u{6cc}\u{200c}\u{62e}\u{648}\u{627}\u{647}\u{645}",
    "\u{915}\u{94d}\u{937} \u{928}\u{92e}\u{938}\u{94d}\u{924}\u{947}",
    "\u{d55c}\u{ad6d}\u{c5b4} Hangul",
    "tab\tand\u{a0}nbsp",
    "bidi \u{202e}override\u{202c} gone",
    "zero\u{200b}width space",
    "\u{2014} dash \u{2026} ellipsis \u{b7} dot",
    "box \u{2502} \u{2500} \u{2022} glyphs",
];

#[test]
fn computed_widths_match_the_terminal() {
    let samples: Vec<String> = SAMPLES.iter().map(|s| sanitize_line(s)).collect();
    // For each sample: clear, print "N:" and the sample, wait for Enter.
    let script = r#"i=0; for s do printf '\033[H\033[2J%s:%s' "$i" "$s"; i=$((i+1)); read x; done"#;
    let mut args = vec!["-c", script, "widths"];
    args.extend(samples.iter().map(String::as_str));
    let tmux = Tmux::run("widths", 100, 5, "sh", &args, &[]);
    let mut mismatches = Vec::new();
    for (i, sample) in samples.iter().enumerate() {
        let prefix = format!("{i}:");
        tmux.wait_until(&format!("sample {i}"), Duration::from_secs(10), |screen| {
            screen
                .lines()
                .next()
                .is_some_and(|l| l.starts_with(&prefix))
        });
        let cursor: usize = tmux.display("#{cursor_x}").parse().expect("cursor_x");
        let terminal = cursor - prefix.len();
        if terminal != display_width(sample) {
            mismatches.push(format!(
                "{sample:?}: terminal {terminal}, display_width {}",
                display_width(sample)
            ));
        }
        tmux.keys(&["Enter"]);
    }
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}
