//! Unit tests of `page_pings.rs`: what a page chunked any way shows, and what is kept of it.

use super::*;

/// Every WordPress page names its XML-RPC endpoint in its head: that is not a ping.
const HEAD: &str = r#"<html><head><link rel="pingback" href="https://b.example/xmlrpc.php">"#;
const PLAIN: &str = r#"<li id="comment-1" class="comment even depth-1"><p>hi</p></li>"#;
/// Markers, each alone enough for a page to be parsed.
const MARKED: [&str; 4] = [
    r#"<li id="comment-2" class="pingback odd">x</li>"#,
    r#"<li id="comment-3" class='trackback even'>x</li>"#,
    r#"<a href="https://b.example/p/comment-page-2/#comments">Older</a>"#,
    r#"<a href="https://b.example/?p=1&cpage=2#comments">Older</a>"#,
];
/// The XML-RPC link in every way an attribute may be quoted.
const XML_RPC: [&str; 3] = [
    r#"<link rel="pingback" href="/xmlrpc.php">"#,
    r#"<link rel='pingback' href='/xmlrpc.php'>"#,
    r#"<link rel=pingback href=/xmlrpc.php>"#,
];

fn page(body: &str) -> String {
    format!("{HEAD}</head><body>{PLAIN}{body}{PLAIN}</body></html>")
}

/// What feeding `chunks` to `scan` ends with: the bytes kept, how many chunks were taken
/// before it asked for no more, and the most bytes it held at once (kept and carried over).
struct Fed {
    kept: Vec<u8>,
    taken: usize,
    held_at_most: usize,
}

fn feed<'a>(scan: &mut PingScan, chunks: impl IntoIterator<Item = &'a [u8]>) -> Fed {
    scan.restart();
    let mut fed = Fed {
        kept: Vec::new(),
        taken: 0,
        held_at_most: 0,
    };
    for chunk in chunks {
        fed.taken += 1;
        let flow = scan.take(chunk, &mut fed.kept);
        let held = fed.kept.capacity() + scan.window.capacity();
        fed.held_at_most = fed.held_at_most.max(held);
        if flow.is_break() {
            break;
        }
    }
    fed
}

/// `bytes` in two chunks split at `at`.
fn split(bytes: &[u8], at: usize) -> [&[u8]; 2] {
    let (a, b) = bytes.split_at(at);
    [a, b]
}

#[test]
fn only_a_page_that_may_hold_pings_is_parsed() {
    assert!(!may_hold_pings(&page("")));
    for rel in XML_RPC {
        assert!(!may_hold_pings(&page(rel)), "{rel}");
    }
    for marked in MARKED {
        assert!(may_hold_pings(&page(marked)), "{marked}");
    }
}

#[test]
fn a_marker_split_between_two_chunks_is_found_at_every_offset() {
    // After a first chunk too long to keep, the page is only scanned.
    let long_start = PLAIN.repeat(20);
    for marked in MARKED {
        let html = page(marked);
        for at in 0..=html.len() {
            let mut scan = PingScan::default();
            let fed = feed(&mut scan, split(html.as_bytes(), at));
            assert_eq!(scan.scanned(), Scanned::Whole, "{marked} split at {at}");
            assert_eq!(fed.kept, html.as_bytes());
            let mut scan = PingScan::new(long_start.len() - 1);
            let [a, b] = split(html.as_bytes(), at);
            feed(&mut scan, [long_start.as_bytes(), a, b]);
            assert_eq!(scan.scanned(), Scanned::StartDropped, "{marked} at {at}");
        }
        let mut scan = PingScan::default();
        feed(&mut scan, html.as_bytes().chunks(1));
        assert_eq!(scan.scanned(), Scanned::Whole, "{marked} byte by byte");
    }
}

#[test]
fn the_xml_rpc_link_alone_is_no_marker_however_the_page_is_chunked() {
    for rel in XML_RPC {
        let html = page(rel);
        let mut scan = PingScan::default();
        for at in 0..=html.len() {
            feed(&mut scan, split(html.as_bytes(), at));
            assert_eq!(scan.scanned(), Scanned::NoMarker, "{rel} split at {at}");
        }
        // Carried-over windows start everywhere: the `rel=` in front of `pingback` is cut
        // off the window for some of these, and must not make the word a ping.
        for size in 1..=2 * OVERLAP {
            feed(&mut scan, html.as_bytes().chunks(size));
            assert_eq!(
                scan.scanned(),
                Scanned::NoMarker,
                "{rel} in chunks of {size}"
            );
        }
    }
}

#[test]
fn a_short_page_is_kept_whole_marker_or_not() {
    for html in [page(""), page(MARKED[0])] {
        let mut scan = PingScan::new(html.len());
        let fed = feed(&mut scan, html.as_bytes().chunks(100));
        assert_eq!(fed.kept, html.as_bytes());
        assert_eq!(fed.taken, html.len().div_ceil(100), "read to the end");
    }
}

/// About the size of the test WordPress's 5,000-comment post page, which shows no ping.
fn long_page_of_comments(bytes: usize, body: &str) -> String {
    let mut html = String::from(HEAD);
    html.push_str("</head><body><ol class=\"comment-list\">");
    while html.len() < bytes {
        html.push_str(PLAIN);
    }
    html.push_str(body);
    html.push_str("</ol></body></html>");
    html
}

#[test]
fn a_long_page_without_a_marker_is_read_to_its_end_and_not_kept() {
    let html = long_page_of_comments(8_700_000, "");
    let mut scan = PingScan::default();
    let chunk = 16 << 10;
    let fed = feed(&mut scan, html.as_bytes().chunks(chunk));
    assert_eq!(scan.scanned(), Scanned::NoMarker);
    assert!(fed.kept.is_empty() && fed.kept.capacity() == 0, "freed");
    assert_eq!(fed.taken, html.len().div_ceil(chunk), "read to the end");
    // The first KEEP_WHOLE bytes were kept while no marker could be ruled out; nothing more at any time.
    assert!(
        fed.held_at_most <= KEEP_WHOLE + 2 * OVERLAP,
        "held {} bytes of {}",
        fed.held_at_most,
        html.len()
    );
}

#[test]
fn a_late_marker_in_a_long_page_stops_the_read_for_a_fetch_of_the_whole() {
    for marked in MARKED {
        let html = long_page_of_comments(20_000, marked);
        let marker_at = html.find(marked).expect("marker");
        for size in [1, 7, OVERLAP, 1000] {
            let mut scan = PingScan::new(4_000);
            let fed = feed(&mut scan, html.as_bytes().chunks(size));
            assert_eq!(scan.scanned(), Scanned::StartDropped, "{marked} in {size}s");
            assert!(fed.kept.is_empty());
            let end = marker_at + marked.len();
            assert!(fed.taken * size < end + size, "stopped at the marker");
        }
    }
}

#[test]
fn a_marker_within_the_first_bytes_keeps_a_long_page_whole() {
    let html = page(&format!("{}{}", MARKED[1], PLAIN.repeat(200)));
    let mut scan = PingScan::new(1_000);
    let fed = feed(&mut scan, html.as_bytes().chunks(100));
    assert_eq!(scan.scanned(), Scanned::Whole);
    assert_eq!(fed.kept, html.as_bytes());
}

#[test]
fn a_retried_request_is_scanned_afresh() {
    let long = long_page_of_comments(10_000, MARKED[0]);
    let mut scan = PingScan::new(1_000);
    feed(&mut scan, long.as_bytes().chunks(500));
    assert_eq!(scan.scanned(), Scanned::StartDropped);
    // The retry's answer (`feed` restarts the scan, as the client does for each attempt).
    let short = page("");
    let fed = feed(&mut scan, [short.as_bytes()]);
    assert_eq!(scan.scanned(), Scanned::NoMarker);
    assert_eq!(fed.kept, short.as_bytes());
}
