//! A future run as a task of its own on the runtime, awaited like the future itself and
//! aborted when dropped.
//!
//! The comment pages in flight are awaited in order by one task; run inline, each page's JSON
//! parse (about half a millisecond for 100 comments) held up that task, and with it the next
//! request. As tasks they parse on whichever runtime thread is free while the awaiting task
//! keeps sending. Dropping the handle aborts the task, so requests past the end of a thread are
//! still dropped as soon as the end is known.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use tokio::task::JoinHandle;

use crate::error::{Error, Result};

/// `future`, spawned on the current tokio runtime (it must run inside one).
pub struct Spawned<T>(JoinHandle<Result<T>>);

impl<T: Send + 'static> Spawned<T> {
    /// Start `future` now.
    pub fn new(future: impl Future<Output = Result<T>> + Send + 'static) -> Spawned<T> {
        Spawned(tokio::spawn(future))
    }
}

impl<T> Future for Spawned<T> {
    type Output = Result<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<T>> {
        Pin::new(&mut self.0).poll(cx).map(|joined| {
            joined.unwrap_or_else(|e| Err(Error::Io(format!("a page fetch stopped: {e}"))))
        })
    }
}

impl<T> Drop for Spawned<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[tokio::test]
    async fn gives_the_result_and_a_dropped_task_never_finishes() {
        assert_eq!(Spawned::new(async { Ok(7) }).await.ok(), Some(7));
        let finished = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&finished);
        let task = Spawned::new(async move {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
            flag.store(true, Ordering::SeqCst);
            Ok(())
        });
        drop(task);
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
        assert!(!finished.load(Ordering::SeqCst), "a dropped task ran on");
    }
}
