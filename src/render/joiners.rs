//! Zero-width joiners and non-joiners: kept only where they join something, since a stray
//! one is invisible and terminals disagree on its width (tmux folds the next character into
//! the joiner's cell, so the rest of the line shifts against what ratatui drew).

/// Zero-width joiner.
pub(crate) const ZWJ: char = '\u{200d}';
/// Zero-width non-joiner.
pub(crate) const ZWNJ: char = '\u{200c}';

/// Whether a zero-width joiner or non-joiner between `prev` and `next` does what it is for:
/// a ZWJ inside an emoji sequence (👩‍💻, ❤️‍🔥), or either joiner between two letters of a
/// script that shapes with them (Arabic, Syriac, N'Ko, Mongolian, the Indic scripts,
/// Myanmar, Khmer). Anywhere else it is invisible, and terminals disagree on its width.
pub(crate) fn joins(joiner: char, prev: Option<char>, next: Option<char>) -> bool {
    let (Some(prev), Some(next)) = (prev, next) else {
        return false;
    };
    let emoji = joiner == ZWJ
        && (is_pictographic(prev) || matches!(prev, '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'))
        && is_pictographic(next);
    emoji || (is_joining_script(prev) && is_joining_script(next))
}

/// True when `s` holds a ZWJ or ZWNJ that joins nothing (see [`sanitize_line`]): what the
/// sanitizers never let through. For tests and fuzz targets.
pub fn has_lone_joiner(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.iter().enumerate().any(|(i, &c)| {
        (c == ZWJ || c == ZWNJ)
            && !joins(
                c,
                i.checked_sub(1).map(|p| chars[p]),
                chars.get(i + 1).copied(),
            )
    })
}

/// Extended pictographic characters that emoji ZWJ sequences are made of (approximated by
/// the Unicode blocks that hold them).
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{a9}' | '\u{ae}' | '\u{203c}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21aa}' | '\u{2300}'..='\u{23ff}' | '\u{25aa}'..='\u{27bf}'
        | '\u{2934}' | '\u{2935}' | '\u{2b05}'..='\u{2b55}' | '\u{3030}' | '\u{303d}'
        | '\u{3297}' | '\u{3299}' | '\u{1f000}'..='\u{1faff}')
}

/// Letters and marks of scripts whose shaping uses ZWJ/ZWNJ.
fn is_joining_script(c: char) -> bool {
    matches!(c,
        '\u{600}'..='\u{7ff}'        // Arabic, Syriac, Arabic Supplement, Thaana, N'Ko
        | '\u{860}'..='\u{dff}'      // Syriac Supplement, Arabic Extended, Indic scripts
        | '\u{1000}'..='\u{109f}'    // Myanmar
        | '\u{1780}'..='\u{18af}'    // Khmer, Mongolian
        | '\u{a8e0}'..='\u{a8ff}'    // Devanagari Extended
        | '\u{fb50}'..='\u{fdff}'    // Arabic Presentation Forms-A
        | '\u{fe70}'..='\u{fefe}') // Arabic Presentation Forms-B
}
