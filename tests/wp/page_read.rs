//! Threads read from the post's HTML page on a real WordPress (Debian's 6.1): the pingbacks
//! REST hides from anonymous readers, and whole threads when the REST API is closed to them
//! (the `closed*` modes of tests/wp/README.md), on the classic test theme and on Debian's
//! block theme Twenty Twenty-Three, with comment paging off and on.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::wp::{Wp, wordpress};
use assert_cmd::Command;
use serde_json::Value;
use wpcomments::api::{self, ApiRoot, Client, ClientConfig, FetchOptions};
use wpcomments::model::Comment;
use wpcomments::render::Doc;

/// The test site shows replies 5 levels deep (`thread_comments_depth`, tests/wp/README.md):
/// deeper ones are printed beside their level-5 ancestor, under its parent.
const THREAD_DEPTH: usize = 5;

fn dump(args: &[&str]) -> String {
    let out = Command::cargo_bin("wpcomments")
        .expect("binary built")
        .arg("--dump")
        .args(args)
        .timeout(std::time::Duration::from_secs(600))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "wpcomments --dump {args:?}: {stderr}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn archive(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&dump(&all)).expect("an archive")
}

fn comments(archive: &Value) -> Vec<Comment> {
    archive["comments"]
        .as_array()
        .expect("comments")
        .iter()
        .map(|c| Comment::from_json(c.clone()).expect("comment"))
        .collect()
}

/// The text dump below its header (the thread itself).
fn thread_part(text: &str) -> &str {
    let rule = text
        .find("═\n\n")
        .unwrap_or_else(|| panic!("no header rule:\n{text}"));
    &text[rule + "═\n\n".len()..]
}

/// Lines that start a comment (author · date · #id).
fn heads(text: &str) -> Vec<&str> {
    text.lines().filter(|l| l.contains(" · #")).collect()
}

/// Where WordPress shows `id` among `all` (id → parent, as REST reports them): its parent,
/// or its ancestor at level 4 when it is deeper than the site's thread depth; `None` when the
/// page does not show it at all (an ancestor is missing: trashed or held).
fn shown_parent(all: &BTreeMap<u64, u64>, id: u64) -> Option<u64> {
    let mut chain = vec![id];
    let mut cur = id;
    while let Some(&parent) = all.get(&cur) {
        if parent == 0 {
            chain.reverse(); // top-level first
            let depth = chain.len() - 1;
            return Some(if depth >= THREAD_DEPTH - 1 {
                chain[THREAD_DEPTH - 2]
            } else {
                all[&id]
            });
        }
        chain.push(parent);
        cur = parent;
        if chain.len() > all.len() {
            return None;
        }
    }
    None
}

async fn rest_comments(wp: &Wp, post: &str) -> Vec<Comment> {
    let client = Client::new(ClientConfig::default()).expect("client");
    let root = ApiRoot::Path(url::Url::parse(wp.api()).expect("api url"));
    let opts = FetchOptions {
        concurrency: 8,
        ..FetchOptions::default()
    };
    api::fetch_comments(&client, &root, wp.post_id(post), &opts, |_| {})
        .await
        .expect("REST comments")
        .comments
}

/// The page-read comments are REST's, as the page shows them: the same ids (less those whose
/// parent the page does not show), parents from the nesting, the same authors, dates and
/// bodies as the renderer lays them out.
fn assert_same_as_rest(rest: &[Comment], page: &[Comment], what: &str) {
    let parents: BTreeMap<u64, u64> = rest.iter().map(|c| (c.id, c.parent)).collect();
    let expected: BTreeMap<u64, u64> = rest
        .iter()
        .filter(|c| !c.is_ping())
        .filter_map(|c| Some((c.id, shown_parent(&parents, c.id)?)))
        .collect();
    let got: BTreeMap<u64, u64> = page
        .iter()
        .filter(|c| !c.is_ping())
        .map(|c| (c.id, c.parent))
        .collect();
    assert_eq!(got, expected, "{what}: ids and parents");
    assert_eq!(
        page.len(),
        page.iter().map(|c| c.id).collect::<BTreeSet<_>>().len(),
        "{what}: nothing doubled"
    );
    let by_id: BTreeMap<u64, &Comment> = rest.iter().map(|c| (c.id, c)).collect();
    for c in page.iter().filter(|c| !c.is_ping()) {
        let r = by_id[&c.id];
        let lines = |c: &Comment| -> Vec<String> {
            let doc = Doc::parse(&c.content_html);
            doc.layout(60).iter().map(|l| l.plain()).collect()
        };
        assert_eq!(lines(c), lines(r), "{what}: body of #{}", c.id);
        assert_eq!(
            wpcomments::present::author(c),
            wpcomments::present::author(r),
            "{what}: author of #{}",
            c.id
        );
        assert_eq!(c.date_gmt, r.date_gmt, "{what}: date of #{}", c.id);
        assert_eq!(c.post, r.post, "{what}: post of #{}", c.id);
    }
}

#[test]
fn an_anonymous_reader_sees_the_pingbacks_the_page_shows() {
    let wp = wordpress();
    for link in [
        wp.post_link("demo").to_owned(),
        wp.mode_link("stock", "demo"),
    ] {
        let text = dump(&["--width", "200", &link]);
        for name in ["demo_pingback_1", "demo_pingback_2"] {
            let id = wp.comment_id(name);
            let head = heads(&text)
                .into_iter()
                .find(|h| h.contains(&format!("· #{id}")))
                .unwrap_or_else(|| panic!("{name} (#{id}) missing:\n{text}"));
            assert!(head.contains("[pingback]"), "{head}");
        }
        let shown = wp.approved_comments("demo") + wp.u64_at(&["posts", "demo", "pings_approved"]);
        assert_eq!(heads(thread_part(&text)).len() as u64, shown, "{text}");
        // The page's own count ("6 thoughts on …") counts pings too: no "reported" mismatch.
        assert!(text.contains(&format!("\n{shown} comments\n")), "{text}");
        assert!(
            text.contains(
                "pingbacks and trackbacks read from the post's page: the REST API shows them only to moderators"
            ),
            "{text}"
        );
    }
}

#[test]
fn the_demo_thread_of_a_closed_api_reads_from_the_page_as_it_reads_over_rest() {
    let wp = wordpress();
    // Each closed mode against the same theme read over REST (pingbacks come from the page
    // there too: the classic theme prints them short, without date or excerpt).
    for (closed, open) in [
        ("closed", "stock"),
        ("closed_block", "stock_block"),
        ("closed_paged", "stock"),
    ] {
        let rest = dump(&[&wp.mode_link(open, "demo")]);
        let text = dump(&[&wp.mode_link(closed, "demo")]);
        assert_eq!(thread_part(&text), thread_part(&rest), "{closed}");
        assert!(
            text.contains(
                "read from the post's page: the REST API answers 401 rest_cannot_access to\n\
                 anonymous readers"
            ),
            "{closed}:\n{text}"
        );
        assert!(text.starts_with("25,000 IBMers on Twitter and counting\n"));
        assert!(text.contains("\n6 comments\n"), "{closed}:\n{text}");
    }
}

#[test]
fn a_site_without_a_rest_api_is_read_from_its_pages() {
    let wp = wordpress();
    let rest = dump(&[&wp.mode_link("stock", "demo")]);
    let text = dump(&[&wp.mode_link("norest", "demo")]);
    assert_eq!(thread_part(&text), thread_part(&rest));
    assert!(
        text.contains("read from the post's page: the site has no REST API\n"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_hostile_thread_from_the_page_has_rest_nesting_bodies_and_sanitizing() {
    let wp = wordpress();
    let rest = rest_comments(wp, "hostile").await;
    for mode in ["closed", "closed_block"] {
        let link = wp.mode_link(mode, "hostile");
        let page = comments(&archive(&[&link]));
        assert_same_as_rest(&rest, &page, mode);
        let hidden = ["orphan", "reply_to_held", "held_hostile"];
        for name in hidden {
            let id = wp.comment_id(name);
            assert!(!page.iter().any(|c| c.id == id), "{mode}: {name} shown");
        }
        for format in ["text", "markdown"] {
            let out = dump(&["--format", format, "--width", "72", &link]);
            for (n, line) in out.lines().enumerate() {
                for ch in line.chars() {
                    let bidi = matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
                    assert!(
                        !ch.is_control() && !bidi,
                        "{mode} {format} line {n}: {ch:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn a_thread_read_from_the_page_archives_and_reopens_the_same() {
    let wp = wordpress();
    let dir = tempfile::tempdir().expect("tempdir");
    for post in ["demo", "hostile"] {
        let link = wp.mode_link("closed", post);
        let file = dir.path().join(format!("{post}.json"));
        let json = dump(&["--format", "json", &link]);
        let saved: Value = serde_json::from_str(&json).expect("archive");
        assert_eq!(saved["read_from"]["page"], "thread", "{json}");
        assert!(
            saved["read_from"]["reason"]
                .as_str()
                .is_some_and(|r| r.contains("rest_cannot_access")),
            "{json}"
        );
        std::fs::write(&file, json).expect("write archive");
        let path = file.to_str().expect("utf-8");
        for format in ["text", "markdown"] {
            assert_eq!(
                dump(&["--format", format, path]),
                dump(&["--format", format, &link]),
                "{post} {format}"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn five_thousand_comments_are_read_from_their_comment_pages_complete() {
    let wp = wordpress();
    let rest = rest_comments(wp, "big").await;
    assert_eq!(rest.len() as u64, wp.approved_comments("big"));
    // Newest page first with older/newer links (classic), numbered pages (block theme), and
    // oldest first, where each page names only the next one and pages are read ahead.
    for mode in ["closed_paged", "closed_paged_block", "closed_paged_oldest"] {
        let saved = archive(&["--concurrency", "8", &wp.mode_link(mode, "big")]);
        let page = comments(&saved);
        assert_eq!(page.len(), rest.len(), "{mode}: every comment, once");
        assert_same_as_rest(&rest, &page, mode);
        assert_eq!(saved["total_reported"], 5000, "{mode}: the page's count");
    }
}
