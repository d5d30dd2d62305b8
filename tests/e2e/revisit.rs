//! A repeat visit in a real terminal (tmux): the reader opens a link it has read before
//! without first asking whether the site is there (the discovery cache says it answered), so
//! the first screen costs one round trip of requests that go out together.

use std::time::Duration;

use crate::fault::*;
use crate::support::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");

#[test]
fn a_link_read_before_opens_without_the_reachability_probe() {
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    let server = rt.block_on(one_page_thread(2, "hello again"));
    let cache = tempfile::tempdir().expect("tempdir");
    let cache_dir = cache.path().display().to_string();
    let url = post_url(&server);
    let heads = || {
        rt.block_on(server.received_requests())
            .unwrap_or_default()
            .iter()
            .filter(|r| r.method.as_str() == "HEAD")
            .count()
    };
    let open = |name: &str| {
        let tmux = Tmux::run(
            name,
            100,
            30,
            BIN,
            &[&url],
            &[("WPCOMMENTS_CACHE_DIR", &cache_dir)],
        );
        tmux.wait_until("the thread", Duration::from_secs(20), |s| {
            s.contains("hello again") && s.contains("2 comments")
        });
        tmux.keys(&["q"]);
        let exited = tmux.wait_exit();
        assert_eq!(exited.status, "0");
    };
    open("first-visit");
    // Discovery asks the page's headers once: it is also the check that the site is there.
    let first = heads();
    assert_eq!(first, 1, "HEAD requests on a first visit");
    open("repeat-visit");
    assert_eq!(heads(), first, "a repeat visit sends no HEAD at all");
}
