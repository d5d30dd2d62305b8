//! What search looks in: every comment's display name and text, lowercased, in one buffer.
//!
//! One contiguous buffer rather than a string per comment: a search over 50,000 comments
//! is one SIMD substring scan of a few MB (`memchr::memmem`) instead of 50,000 lookups in a
//! map and strings scattered over the heap (10 ms of cache misses there), and it holds no
//! allocation per comment.

use crate::model::{Comment, IdMap};
use crate::present;
use crate::render::Doc;

/// Every comment's lowercased `author\ntext\n`, one entry after another, with where each
/// entry starts. An entry replaced (a refresh changed the comment) or removed stays in the
/// buffer, dead, until dead bytes outweigh live ones; then the buffer is compacted.
#[derive(Clone, Debug, Default)]
pub struct SearchText {
    text: String,
    /// `(comment id, byte offset of its entry in text)`, in the order added; an entry ends
    /// where the next starts (the last at the end of `text`).
    entries: Vec<(u64, usize)>,
    /// Index into `entries` of each comment's live entry.
    live: IdMap<u32>,
    /// Bytes of `text` in entries no longer live.
    dead: usize,
}

/// Dead bytes below which the buffer is never compacted.
const COMPACT_FROM: usize = 64 << 10;

impl SearchText {
    /// Add `comment` (its body parsed once, for its text), replacing what it had.
    pub fn insert(&mut self, comment: &Comment) {
        self.forget(comment.id);
        self.compact_if_worth_it();
        let start = self.text.len();
        let author = present::author(comment);
        let plain = Doc::parse(&comment.content_html).plain_text();
        // `str::to_lowercase`, as for the query (a final sigma lowercases by its context).
        for part in [author.as_str(), "\n", plain.as_str(), "\n"] {
            self.text.push_str(&part.to_lowercase());
        }
        self.live.insert(comment.id, self.entries.len() as u32);
        self.entries.push((comment.id, start));
    }

    /// True when comment `id` has an entry.
    pub fn contains(&self, id: u64) -> bool {
        self.live.contains_key(&id)
    }

    /// Drop comment `id`'s entry.
    pub fn remove(&mut self, id: u64) {
        self.forget(id);
        self.compact_if_worth_it();
    }

    /// Keep only the entries of comments for which `keep` holds.
    pub fn retain(&mut self, keep: impl Fn(u64) -> bool) {
        let gone: Vec<u64> = self.live.keys().copied().filter(|id| !keep(*id)).collect();
        for id in gone {
            self.forget(id);
        }
        self.compact_if_worth_it();
    }

    /// Ids of the comments whose entry contains `needle` (already lowercase), in the order
    /// added. A match may not run from one entry into the next.
    pub fn matching(&self, needle: &str) -> Vec<u64> {
        let mut out = Vec::new();
        if needle.is_empty() {
            return out;
        }
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        let bytes = self.text.as_bytes();
        let mut from = 0;
        while let Some(found) = finder.find(&bytes[from..]) {
            let at = from + found;
            let entry = self.entries.partition_point(|&(_, start)| start <= at) - 1;
            let end = self.end_of(entry);
            if at + needle.len() > end {
                // Runs into the next entry: look again from just after this start.
                from = at + 1;
                continue;
            }
            let id = self.entries[entry].0;
            if self.live.get(&id) == Some(&(entry as u32)) {
                out.push(id);
            }
            // One match is enough: go on with the next entry.
            from = end;
        }
        out
    }

    /// Bytes held (tests, benches).
    pub fn bytes(&self) -> usize {
        self.text.len()
    }

    fn end_of(&self, entry: usize) -> usize {
        self.entries
            .get(entry + 1)
            .map_or(self.text.len(), |&(_, start)| start)
    }

    fn forget(&mut self, id: u64) {
        if let Some(entry) = self.live.remove(&id) {
            let entry = entry as usize;
            self.dead += self.end_of(entry) - self.entries[entry].1;
        }
    }

    fn compact_if_worth_it(&mut self) {
        if self.dead < COMPACT_FROM || self.dead * 2 < self.text.len() {
            return;
        }
        let mut text = String::with_capacity(self.text.len() - self.dead);
        let mut entries = Vec::with_capacity(self.live.len());
        for (i, &(id, start)) in self.entries.iter().enumerate() {
            if self.live.get(&id) == Some(&(i as u32)) {
                entries.push((id, text.len()));
                text.push_str(&self.text[start..self.end_of(i)]);
            }
        }
        self.live = entries
            .iter()
            .enumerate()
            .map(|(i, &(id, _))| (id, i as u32))
            .collect();
        (self.text, self.entries, self.dead) = (text, entries, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn comment(id: u64, parent: u64, minute: i64, author: &str, html: &str) -> Comment {
        let json = serde_json::json!({
            "id": id, "post": 1, "parent": parent, "author_name": author,
            "date_gmt": format!("2024-05-01T00:{minute:02}:00"), "content": {"rendered": html},
        });
        Comment::from_json(json).expect("a valid comment")
    }

    fn text_of(comments: &[(u64, &str, &str)]) -> SearchText {
        let mut t = SearchText::default();
        for &(id, author, html) in comments {
            t.insert(&comment(id, 0, id as i64, author, html));
        }
        t
    }

    #[test]
    fn finds_each_matching_comment_once_in_the_order_added() {
        let t = text_of(&[
            (3, "Ada", "<p>Rust and <b>RUST</b></p>"),
            (1, "Bob", "<p>nothing</p>"),
            (2, "Rusty", "<p>x</p>"),
        ]);
        assert_eq!(t.matching("rust"), vec![3, 2]);
        assert_eq!(t.matching("bob"), vec![1]);
        assert!(t.matching("zebra").is_empty());
        assert!(t.matching("").is_empty());
    }

    #[test]
    fn a_match_never_runs_from_one_comment_into_the_next() {
        let t = text_of(&[(1, "A", "<p>ends with ab</p>"), (2, "cd", "<p>x</p>")]);
        // "ab\ncd" spans the end of 1 and the start of 2.
        assert!(t.matching("ab\ncd").is_empty());
        assert!(t.matching("b\nc").is_empty());
        assert_eq!(t.matching("ab\n"), vec![1]);
    }

    #[test]
    fn replaced_and_removed_comments_are_found_by_their_new_text_only() {
        let mut t = text_of(&[(1, "A", "<p>old words</p>"), (2, "B", "<p>old too</p>")]);
        t.insert(&comment(1, 0, 1, "A", "<p>new words</p>"));
        assert_eq!(t.matching("old"), vec![2]);
        assert_eq!(t.matching("new"), vec![1]);
        t.remove(2);
        assert!(t.matching("old").is_empty());
        assert!(!t.contains(2) && t.contains(1));
    }

    #[test]
    fn compaction_keeps_every_live_entry_and_frees_the_dead() {
        let big = format!("<p>{}</p>", "filler ".repeat(20_000));
        let mut t = text_of(&[(1, "A", &big), (2, "B", "<p>keep me</p>")]);
        let before = t.bytes();
        t.retain(|id| id == 2);
        assert!(
            t.bytes() < before / 10,
            "{} of {before} bytes left",
            t.bytes()
        );
        assert_eq!(t.matching("keep"), vec![2]);
        assert!(t.matching("filler").is_empty());
        t.insert(&comment(3, 0, 3, "C", "<p>keep this too</p>"));
        assert_eq!(t.matching("keep"), vec![2, 3]);
    }

    #[test]
    fn a_comment_replaced_again_and_again_does_not_grow_the_buffer_without_bound() {
        let body = format!("<p>{}</p>", "word ".repeat(2_000));
        let mut t = text_of(&[(1, "A", &body)]);
        let one = t.bytes();
        for round in 0..200 {
            t.insert(&comment(
                1,
                0,
                1,
                "A",
                &format!("{body}<p>round {round}</p>"),
            ));
        }
        assert!(
            t.bytes() < 4 * one + COMPACT_FROM,
            "{} bytes for one comment",
            t.bytes()
        );
        assert_eq!(t.matching("round 199"), vec![1]);
        assert!(t.matching("round 198").is_empty());
    }

    #[test]
    fn lowercasing_that_changes_lengths_still_matches() {
        let t = text_of(&[(1, "İlker", "<p>ÉCOLE</p>")]);
        assert_eq!(t.matching("école"), vec![1]);
        assert_eq!(t.matching("i̇lker"), vec![1]);
    }
}
