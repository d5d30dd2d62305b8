//! Whether a post's page may show pingbacks, decided while it streams in. An anonymous
//! reader's pings come from the post's page ([`super::page_read::pings`]), and on a long
//! thread that page is megabytes of HTML that usually shows none: [`PingScan`] keeps a short
//! page whole, but of a long one without a marker in its first [`KEEP_WHOLE`] bytes it keeps
//! nothing and only scans the rest, so such a page never sits whole in memory.

use std::ops::ControlFlow;

use super::http::BodyKeeper;

/// Bytes of a page kept whole while no marker is seen (256 KiB): most post pages, which are
/// then read with one request as before. A longer page is only kept when a marker shows up
/// within these first bytes.
pub const KEEP_WHOLE: usize = 256 << 10;

/// Links to other comment pages (`comment-page-N`, `?cpage=N`): those pages may show pings.
const PAGE_LINKS: [&[u8]; 2] = [b"comment-page-", b"cpage="];
/// The classes `comment_class()` gives pings.
const PING_CLASSES: [&[u8]; 2] = [b"pingback", b"trackback"];
/// What before a ping class makes it the page's XML-RPC link (`rel="pingback"`), not a ping.
const NOT_A_PING_AFTER: [&[u8]; 3] = [b"rel=\"", b"rel='", b"rel="];

/// Bytes of the stream carried from one chunk's scan into the next: a marker split between
/// chunks is found, and the bytes in front of it are there to judge it by.
const OVERLAP: usize = 64;
const _: () = assert!(OVERLAP > b"comment-page-".len() + b"rel=\"".len());

/// True when `html` may hold a pingback or trackback, or links to other comment pages that
/// may: WordPress's `comment_class()` gives each ping the class `pingback` or `trackback`,
/// and comment pages are linked as `comment-page-N` or `?cpage=N`. Every page also names
/// `rel="pingback"` (its XML-RPC endpoint) in its head; that alone is not a ping. Reading a
/// long thread's page into a DOM costs about ten times its size in memory, so a page
/// without any of these is not parsed at all.
pub fn may_hold_pings(html: &str) -> bool {
    marker_in(html.as_bytes(), 0)
}

/// True when `window` shows a marker (see [`may_hold_pings`]) that ends past its first
/// `scanned` bytes. Those are the end of the last window, carried over: a marker wholly
/// inside them was judged then, with the bytes in front of it that this window lacks.
fn marker_in(window: &[u8], scanned: usize) -> bool {
    // SIMD substring search (memchr), from the first start whose match ends past `scanned`.
    let found = |word: &'static [u8]| {
        let from = (scanned + 1).saturating_sub(word.len()).min(window.len());
        memchr::memmem::find_iter(&window[from..], word).map(move |at| from + at)
    };
    let not_xml_rpc = |at: usize| {
        let before = &window[..at];
        !NOT_A_PING_AFTER.iter().any(|rel| before.ends_with(rel))
    };
    PAGE_LINKS.iter().any(|word| found(word).next().is_some())
        || PING_CLASSES.iter().any(|word| found(word).any(not_xml_rpc))
}

/// What a [`PingScan`] found in the body it was given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scanned {
    /// No marker in the whole body: the page shows no ping, whether it was kept or not.
    NoMarker,
    /// A marker, and the body is kept whole.
    Whole,
    /// A marker past the first [`PingScan::new`] bytes of a page already let go: reading
    /// stopped there, and the page has to be fetched again, whole, to be parsed.
    StartDropped,
}

/// The [`BodyKeeper`] of the pings GET: keeps the body while it is at most `keep_whole`
/// bytes or holds a marker seen in time; past that, keeps nothing (the bytes kept so far are
/// freed) and scans each chunk with the last 64 bytes of the one before, stopping
/// at the first marker. At most `keep_whole` bytes are kept of a page without one.
#[derive(Clone, Debug)]
pub struct PingScan {
    keep_whole: usize,
    /// The last [`OVERLAP`] bytes scanned (then, while a chunk is scanned, its first ones).
    window: Vec<u8>,
    marker: bool,
    dropped: bool,
}

impl Default for PingScan {
    /// Keeping [`KEEP_WHOLE`] bytes at most of a page without a marker.
    fn default() -> Self {
        PingScan::new(KEEP_WHOLE)
    }
}

impl PingScan {
    /// A scan that keeps at most `keep_whole` bytes of a page without a marker.
    pub fn new(keep_whole: usize) -> PingScan {
        PingScan {
            keep_whole,
            window: Vec::new(),
            marker: false,
            dropped: false,
        }
    }

    /// What the body given so far showed.
    pub fn scanned(&self) -> Scanned {
        match (self.marker, self.dropped) {
            (false, _) => Scanned::NoMarker,
            (true, false) => Scanned::Whole,
            (true, true) => Scanned::StartDropped,
        }
    }

    /// True when `chunk`, after the bytes before it, completes a marker. The chunk is not
    /// copied: its first [`OVERLAP`] bytes are scanned behind the carried ones, then the
    /// chunk itself for markers ending past those (their `rel=` is in the chunk too).
    fn scan(&mut self, chunk: &[u8]) -> bool {
        let carried = self.window.len();
        let head = chunk.len().min(OVERLAP);
        self.window.extend_from_slice(&chunk[..head]);
        if marker_in(&self.window, carried) || marker_in(chunk, head) {
            self.window = Vec::new();
            return true;
        }
        if chunk.len() > head {
            self.window.clear();
            self.window
                .extend_from_slice(&chunk[chunk.len() - OVERLAP..]);
        } else {
            let cut = self.window.len().saturating_sub(OVERLAP);
            self.window.drain(..cut);
        }
        false
    }
}

impl BodyKeeper for PingScan {
    fn restart(&mut self) {
        *self = PingScan::new(self.keep_whole);
    }

    fn take(&mut self, chunk: &[u8], kept: &mut Vec<u8>) -> ControlFlow<()> {
        if !self.marker {
            self.marker = self.scan(chunk);
        }
        if self.dropped {
            return match self.marker {
                true => ControlFlow::Break(()),
                false => ControlFlow::Continue(()),
            };
        }
        if self.marker {
            kept.extend_from_slice(chunk);
        } else if kept.len() + chunk.len() <= self.keep_whole {
            // Grown by doubling, but never past `keep_whole`: that is all a page without a
            // marker may hold.
            let wanted = kept.len() + chunk.len();
            if wanted > kept.capacity() {
                let grown = (kept.capacity() * 2).clamp(wanted, self.keep_whole);
                kept.reserve_exact(grown - kept.len());
            }
            kept.extend_from_slice(chunk);
        } else {
            *kept = Vec::new();
            self.dropped = true;
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
#[path = "page_pings_tests.rs"]
mod tests;
