//! Reading a response body chunk by chunk: the size cap, the read-idle timeout, and what of
//! it is kept ([`BodyKeeper`]): every byte for an ordinary answer, less for a caller that only
//! needs to know whether a long page says something.

use std::ops::ControlFlow;
use std::time::Duration;

use url::Url;

use super::failure::classify;
use super::response::display_url;
use crate::error::Error;

/// Largest body we read, in bytes (after decompression), kept or not. A page of 100 maximal
/// WordPress comments is about 7 MB of JSON; anything far beyond is a broken or hostile
/// server (or a compression bomb).
pub const MAX_BODY: usize = 32 << 20;

/// What a GET keeps of its body ([`super::Client::get_kept`]), decided chunk by chunk as the
/// body arrives, so that a body nobody needs never sits whole in memory.
///
/// The client still reads at most [`MAX_BODY`] bytes (kept or not) and still gives up on a
/// silent server; the keeper only decides what lands in [`super::Response::body`] and
/// whether the rest is worth reading.
pub trait BodyKeeper: Send {
    /// A new answer begins: forget everything about the last one. Called before each attempt's
    /// first chunk (a retried request reads its body again from the start).
    fn restart(&mut self);

    /// The next `chunk` of the body (decompressed, in order). `kept` is what the response's
    /// body holds so far: append to keep, or empty it (`*kept = Vec::new()` also frees it).
    /// `Break` stops reading: the rest of the body is not wanted, the connection is dropped
    /// and the response ends with what is kept.
    fn take(&mut self, chunk: &[u8], kept: &mut Vec<u8>) -> ControlFlow<()>;

    /// The server announced `length` bytes (`Content-Length`, before any chunk): a keeper
    /// that keeps everything makes room for them at once rather than doubling its buffer as
    /// the chunks come (each doubling leaves the old buffer to the allocator). Never more
    /// than [`MAX_BODY`] is reserved, and reserving touches no memory.
    fn expect(&mut self, _length: u64, _kept: &mut Vec<u8>) {}
}

/// The keeper of every ordinary request: the whole body.
#[derive(Clone, Copy, Debug, Default)]
pub struct KeepAll;

impl BodyKeeper for KeepAll {
    fn restart(&mut self) {}

    fn expect(&mut self, length: u64, kept: &mut Vec<u8>) {
        let length = usize::try_from(length).unwrap_or(MAX_BODY).min(MAX_BODY);
        kept.reserve_exact(length.saturating_sub(kept.len()));
    }

    fn take(&mut self, chunk: &[u8], kept: &mut Vec<u8>) -> ControlFlow<()> {
        kept.extend_from_slice(chunk);
        ControlFlow::Continue(())
    }
}

/// A body as read: what `keeper` kept, and how many bytes came (kept or not).
pub(super) struct Body {
    pub kept: Vec<u8>,
    pub read: usize,
}

/// The body through `keeper`, or `Err(None)` when no bytes came for `idle`.
pub(super) async fn read_body(
    mut resp: reqwest::Response,
    url: &Url,
    idle: Duration,
    keeper: &mut dyn BodyKeeper,
) -> std::result::Result<Body, Option<Error>> {
    keeper.restart();
    let mut body = Body {
        kept: Vec::new(),
        read: 0,
    };
    if let Some(length) = resp.content_length() {
        keeper.expect(length, &mut body.kept);
    }
    loop {
        let next = tokio::time::timeout(idle, resp.chunk())
            .await
            .map_err(|_| None)?;
        let Some(chunk) = next.map_err(|e| Some(classify(url, &e)))? else {
            break;
        };
        body.read += chunk.len();
        if body.read > MAX_BODY {
            return Err(Some(Error::Malformed {
                url: display_url(url),
                detail: format!("response larger than {} MB", MAX_BODY >> 20),
            }));
        }
        if keeper.take(&chunk, &mut body.kept).is_break() {
            break;
        }
    }
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keep_all_makes_room_for_what_is_announced_but_never_past_the_cap() {
        let mut kept = Vec::new();
        KeepAll.expect(70_000, &mut kept);
        assert!(kept.capacity() >= 70_000 && kept.capacity() < 2 * 70_000);
        let mut hostile = Vec::new();
        KeepAll.expect(u64::MAX, &mut hostile);
        assert!(hostile.capacity() <= MAX_BODY, "{}", hostile.capacity());
        // Chunks then fill the room without a new buffer.
        let before = kept.capacity();
        let _ = KeepAll.take(&[b'x'; 70_000], &mut kept);
        assert_eq!((kept.len(), kept.capacity()), (70_000, before));
    }
}
