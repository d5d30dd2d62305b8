//! Reading real threads from a real WordPress (Debian's 6.1) through the binary and the library.

use crate::support::wp::{Wp, wordpress};
use assert_cmd::Command;
use wpcomments::api::{self, ApiRoot, Client, ClientConfig, FetchOptions};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("wpcomments")
        .expect("binary built")
        .args(args)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn dump(args: &[&str]) -> String {
    let mut all = vec!["--dump"];
    all.extend_from_slice(args);
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "wpcomments {all:?} failed: {err}");
    out
}

/// Lines that start a comment (author · date · #id), with their guide depth.
fn comment_heads(text: &str) -> Vec<(usize, String)> {
    text.lines()
        .filter(|l| l.contains(" UTC · #"))
        .map(|l| {
            let depth = l.matches("│ ").count();
            (depth, l.trim_start_matches("│ ").to_owned())
        })
        .collect()
}

fn id_in(head: &str) -> u64 {
    head.split(" · #")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no id in {head}"))
}

#[test]
fn the_demo_post_dumps_as_the_reply_chain_it_is() {
    let wp = wordpress();
    let text = dump(&[wp.post_link("demo")]);
    let heads = comment_heads(&text);
    let names: Vec<(usize, &str)> = heads
        .iter()
        .map(|(d, h)| (*d, h.split(" · ").next().unwrap_or_default()))
        .collect();
    assert_eq!(
        names,
        vec![
            (0, "Andy Piper"),
            (1, "Howard Smith"),
            (2, "Delph"),
            (0, "Kevin")
        ],
        "{text}"
    );
    assert!(
        text.starts_with("25,000 IBMers on Twitter and counting\n"),
        "{text}"
    );
    let count = wp.approved_comments("demo");
    assert!(text.contains(&format!("{count} comments")), "{text}");
    // Held and spam comments are not visible to an anonymous reader.
    for hidden in ["held_demo", "spam_demo"] {
        let id = wp.comment_id(hidden);
        assert!(
            !text.contains(&format!("#{id}")),
            "{hidden} leaked:\n{text}"
        );
    }
}

#[test]
fn every_way_of_pasting_the_post_finds_the_same_thread() {
    let wp = wordpress();
    let link = wp.post_link("demo");
    let reference = dump(&[link]);
    let id = wp.post_id("demo");
    let andy = wp.comment_id("demo_andy");
    let variants = [
        link.trim_end_matches('/').to_owned(),
        format!("{}/?p={id}", wp.url),
        format!("{link}#comment-{andy}"),
        link.replacen("http://", "", 1)
            .replace("127.0.0.1", "http://127.0.0.1"),
    ];
    for v in &variants {
        assert_eq!(dump(&[v]), reference, "{v}");
    }
}

#[test]
fn pages_custom_post_types_and_closed_posts_are_read() {
    let wp = wordpress();
    for name in ["page", "book", "closed"] {
        let text = dump(&[wp.post_link(name)]);
        assert_eq!(
            comment_heads(&text).len() as u64,
            wp.approved_comments(name),
            "{name}:\n{text}"
        );
    }
    let page_id = format!("{}/?page_id={}", wp.url, wp.post_id("page"));
    assert_eq!(dump(&[&page_id]), dump(&[wp.post_link("page")]));
    let empty = dump(&[wp.post_link("empty")]);
    assert!(empty.contains("0 comments"), "{empty}");
}

#[test]
fn a_site_without_a_post_and_a_missing_post_are_clear_errors() {
    let wp = wordpress();
    let (code, out, err) = run(&["--dump", &format!("{}/", wp.url)]);
    assert_eq!((code, out.as_str()), (2, ""), "{err}");
    assert!(err.contains("give the URL of a post"), "{err}");
    let (code, _, err) = run(&["--dump", &format!("{}/2011/05/25/no-such-post/", wp.url)]);
    assert_eq!(code, 6, "{err}");
    assert!(err.contains("post not found"), "{err}");
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_json_archive_of_a_real_thread_dumps_the_same_text_offline() {
    let wp = wordpress();
    let link = wp.post_link("hostile");
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("hostile.json");
    std::fs::write(&file, dump(&["--format", "json", link])).expect("write archive");
    let path = file.to_str().expect("utf-8");
    for format in ["text", "markdown"] {
        assert_eq!(
            dump(&["--format", format, path]),
            dump(&["--format", format, link]),
            "{format}"
        );
    }
}

#[test]
fn hostile_comments_reach_stdout_without_a_control_byte() {
    let wp = wordpress();
    for format in ["text", "markdown"] {
        let out = dump(&["--format", format, "--width", "72", wp.post_link("hostile")]);
        for (n, line) in out.lines().enumerate() {
            for ch in line.chars() {
                let bidi = matches!(ch, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{61c}');
                assert!(
                    !ch.is_control() && !bidi,
                    "{format} line {n}: {ch:?} in {line:?}"
                );
            }
        }
    }
}

#[test]
fn deep_chains_orphans_and_wide_text_stay_readable() {
    let wp: &Wp = wordpress();
    let text = dump(&["--width", "60", wp.post_link("hostile")]);
    // Bodies may hold <pre> lines kept unwrapped; headers always fit.
    for line in text.lines().filter(|l| l.contains(" UTC · #")) {
        assert!(
            wpcomments::render::display_width(line) <= 60,
            "too wide: {line:?}"
        );
    }
    let text = dump(&["--width", "80", wp.post_link("hostile")]);
    let leaf = wp.comment_id("deep_leaf");
    let leaf_head = comment_heads(&text)
        .into_iter()
        .find(|(_, h)| id_in(h) == leaf)
        .unwrap_or_else(|| panic!("deep leaf #{leaf} shown:\n{text}"));
    assert!(leaf_head.0 <= 8, "indent is capped");
    assert!(
        leaf_head.1.contains("depth "),
        "depth printed: {}",
        leaf_head.1
    );
    let orphan = wp.comment_id("orphan");
    let orphan_head = comment_heads(&text)
        .into_iter()
        .find(|(_, h)| id_in(h) == orphan)
        .unwrap_or_else(|| panic!("orphan #{orphan} shown:\n{text}"));
    assert_eq!(orphan_head.0, 0);
    assert!(orphan_head.1.contains("not shown"), "{}", orphan_head.1);
}

#[test]
fn five_thousand_comments_arrive_complete_and_deterministic() {
    let wp = wordpress();
    let link = wp.post_link("big");
    let json = dump(&["--format", "json", "--concurrency", "8", link]);
    let archive: serde_json::Value = serde_json::from_str(&json).expect("valid archive");
    let comments = archive["comments"].as_array().expect("comments");
    assert_eq!(comments.len() as u64, wp.approved_comments("big"));
    let mut ids: Vec<u64> = comments.iter().filter_map(|c| c["id"].as_u64()).collect();
    ids.dedup();
    assert_eq!(ids.len(), comments.len(), "no duplicates");
    assert_eq!(
        archive["tree"].as_array().map(Vec::len),
        Some(comments.len())
    );
    let a = dump(&["--concurrency", "1", link]);
    let b = dump(&["--concurrency", "6", link]);
    assert_eq!(a, b, "same bytes whatever the concurrency");
    assert_eq!(comment_heads(&a).len(), comments.len());
}

#[tokio::test]
async fn the_rest_route_form_of_the_api_reads_the_same_comments() {
    let wp = wordpress();
    let client = Client::new(ClientConfig::default()).expect("client");
    let post = wp.post_id("demo");
    let opts = FetchOptions::default();
    let pretty = ApiRoot::Path(url::Url::parse(wp.api()).expect("api url"));
    let query = ApiRoot::Query(url::Url::parse(&format!("{}/", wp.url)).expect("site url"));
    let a = api::fetch_comments(&client, &pretty, post, &opts, |_| {})
        .await
        .expect("pretty");
    let b = api::fetch_comments(&client, &query, post, &opts, |_| {})
        .await
        .expect("rest_route");
    let ids = |f: &api::comments::Fetched| f.comments.iter().map(|c| c.id).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a.comments.len() as u64, wp.approved_comments("demo"));
}
