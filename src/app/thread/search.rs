//! Searching a loaded thread: case-insensitive substring over author and text of every
//! comment (folded ones included), and finding match ranges in shown text for highlighting.

use crate::app::thread::ThreadView;

/// An active search.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// Lowercased query.
    pub needle: String,
    /// Matching comment ids in thread order.
    pub matches: Vec<u64>,
    /// Index into `matches` of the match last jumped to.
    pub current: usize,
}

impl Search {
    /// Search `view` for `query`; `current` points at `near` if it matches, else the first match.
    pub fn run(view: &ThreadView, query: String, near: Option<u64>) -> Search {
        let needle = query.to_lowercase();
        let mut hit = vec![false; view.thread.len()];
        for id in view.search_text.matching(&needle) {
            if let Some(index) = view.thread.index_of(id) {
                hit[index] = true;
            }
        }
        let matches: Vec<u64> = view
            .thread
            .preorder(view.order)
            .iter()
            .filter(|r| hit[r.index])
            .map(|r| view.id_at(r.index))
            .collect();
        let current = near
            .and_then(|id| matches.iter().position(|m| *m == id))
            .unwrap_or(0);
        Search {
            query,
            needle,
            matches,
            current,
        }
    }

    /// The id of the current match.
    pub fn current_id(&self) -> Option<u64> {
        self.matches.get(self.current).copied()
    }

    /// Step to the match after (or before) the one at thread position `from`, wrapping;
    /// `position` gives a comment's position in thread order (folds ignored). Returns the
    /// new current id.
    pub fn step(
        &mut self,
        position: impl Fn(u64) -> Option<usize>,
        from: Option<u64>,
        forward: bool,
    ) -> Option<u64> {
        if self.matches.is_empty() {
            return None;
        }
        let here = from.and_then(&position);
        let next = match (here, forward) {
            (None, true) => Some(0),
            (None, false) => Some(self.matches.len() - 1),
            (Some(h), true) => self
                .matches
                .iter()
                .position(|m| position(*m).is_some_and(|p| p > h)),
            (Some(h), false) => self
                .matches
                .iter()
                .rposition(|m| position(*m).is_some_and(|p| p < h)),
        };
        self.current = next.unwrap_or(if forward { 0 } else { self.matches.len() - 1 });
        self.current_id()
    }
}

/// Byte ranges of `text` that match `needle` (already lowercase), case-insensitively.
pub fn match_ranges(text: &str, needle: &str) -> Vec<(usize, usize)> {
    if needle.is_empty() || text.is_empty() {
        return Vec::new();
    }
    // Lowercasing can change byte lengths, so keep where each lowered byte came from.
    let mut lowered = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        for lc in c.to_lowercase() {
            let before = lowered.len();
            lowered.push(lc);
            origin.extend(std::iter::repeat_n(i, lowered.len() - before));
        }
    }
    // A match ends after the whole original character its last lowered byte came from.
    let end_of = |lowered_end: usize| -> usize {
        let last = origin[lowered_end - 1];
        last + text[last..].chars().next().map_or(1, char::len_utf8)
    };
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = lowered[from..].find(needle) {
        let start = from + found;
        let end = start + needle.len();
        let (s, e) = (origin[start], end_of(end));
        if e > s {
            out.push((s, e));
        }
        from = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_case_insensitive_and_on_char_boundaries() {
        assert_eq!(match_ranges("Hello hello", "hello"), vec![(0, 5), (6, 11)]);
        assert_eq!(match_ranges("ÉCOLE école", "école"), vec![(0, 6), (7, 13)]);
        assert_eq!(match_ranges("日本語のテキスト", "テキ"), vec![(12, 18)]);
        assert!(match_ranges("abc", "").is_empty());
        // 'İ' lowercases to two chars; the range still covers the whole original char.
        let r = match_ranges("xİy", "i");
        assert_eq!(r, vec![(1, 3)]);
    }
}
