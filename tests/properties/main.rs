//! Properties that hold for any input (proptest): the tree holds every comment exactly once
//! whatever the parents say; sanitized text never carries a control, bidi or lone joiner
//! character; wrapped lines never exceed the width (measured by `display_width`, the function
//! tests/e2e_tmux.rs checks against a real terminal); an archive reads back as written; a
//! comment gives back the object it was fetched as (`model_raw.rs`).

mod model_raw;

use std::collections::{HashMap, HashSet};

use proptest::prelude::*;
use serde_json::json;
use wpcomments::archive;
use wpcomments::model::{Comment, Post, Site, ThreadData};
use wpcomments::render::{
    Doc, display_width, has_lone_joiner, html_to_line, is_unsafe_char, sanitize_line,
    sanitize_text, wrap_plain,
};
use wpcomments::thread::{SortOrder, Thread};

/// Characters that break terminals and layouts, mixed with ordinary and wide text.
fn nasty_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'a',
        'b',
        ' ',
        ' ',
        '\n',
        '\t',
        '\r',
        '<',
        '>',
        '&',
        ';',
        '/',
        '"',
        '=',
        '\u{1b}',
        '[',
        ']',
        '\u{7}',
        '\u{9b}',
        '\u{9c}',
        '\u{9d}',
        '\u{85}',
        '\u{0}',
        '\u{7f}',
        '\u{ad}',
        '\u{200b}',
        '\u{200c}',
        '\u{200d}',
        '\u{200e}',
        '\u{202e}',
        '\u{2066}',
        '\u{2069}',
        '\u{feff}',
        '\u{2028}',
        '\u{e0041}',
        '\u{e007f}',
        '\u{fe0f}',
        '\u{301}',
        '\u{1f468}',
        '\u{1f469}',
        '\u{1f3fd}',
        '\u{1f4bb}',
        '\u{2764}',
        '日',
        '本',
        '\u{645}',
        '\u{6cc}',
        '\u{915}',
        '\u{94d}',
        '\u{a0}',
        '\u{3000}',
    ])
}

fn nasty_text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(nasty_char(), 0..max).prop_map(|v| v.into_iter().collect())
}

/// HTML made of nasty text and the tags bodies use.
fn html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        nasty_text(12),
        prop::sample::select(vec![
            "<p>",
            "</p>",
            "<blockquote>",
            "</blockquote>",
            "<ul><li>",
            "</li></ul>",
            "<ol><li>",
            "<pre>",
            "</pre>",
            "<br>",
            "<hr>",
            "<b>",
            "</b>",
            "<a href=\"https://x.example/\">",
            "</a>",
            "&shy;",
            "&nbsp;",
            "&#x202e;",
            "&#8205;",
            "<code>",
            "</code>",
        ])
        .prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..30).prop_map(|v| v.concat())
}

/// Controls, bidi controls, invisible format characters and tags (no flag emoji is
/// generated, so no tag is legitimate) and joiners that join nothing.
fn assert_clean(text: &str) {
    assert!(!text.chars().any(is_unsafe_char), "unsafe char in {text:?}");
    assert!(!has_lone_joiner(text), "lone joiner in {text:?}");
}

fn comment(id: u64, parent: u64, minute: u8, body: &str) -> Comment {
    Comment::from_json(json!({
        "id": id, "post": 1, "parent": parent, "author": 0, "author_name": format!("a{id}"),
        "author_url": "", "date_gmt": format!("2020-01-01T{:02}:{:02}:00", minute / 60, minute % 60),
        "content": {"rendered": body}, "link": "", "status": "approved", "type": "comment",
    }))
    .expect("comment")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_tree_holds_each_comment_exactly_once(
        links in prop::collection::vec((1u64..40, 0u64..45, 0u8..120), 0..80),
        collapsed in prop::collection::hash_set(1u64..40, 0..10),
    ) {
        // Small id ranges make duplicates, self-parents, cycles and orphans common.
        let comments: Vec<Comment> =
            links.iter().map(|&(id, parent, minute)| comment(id, parent, minute, "x")).collect();
        let unique: HashSet<u64> = links.iter().map(|l| l.0).collect();
        let thread = Thread::build(comments);
        prop_assert_eq!(thread.len(), unique.len());
        for order in [SortOrder::OldestFirst, SortOrder::NewestFirst] {
            let mut seen: HashMap<u64, usize> = HashMap::new();
            for row in thread.preorder(order) {
                *seen.entry(thread.comment(row.index).id).or_default() += 1;
            }
            prop_assert_eq!(seen.len(), unique.len());
            prop_assert!(seen.values().all(|&n| n == 1));
        }
        let collapsed: wpcomments::model::IdSet = collapsed.into_iter().collect();
        let rows = thread.rows(SortOrder::OldestFirst, &collapsed);
        prop_assert!(rows.len() <= unique.len());
        for i in 0..thread.len() {
            prop_assert!(thread.ancestors(i).len() < unique.len().max(1));
        }
    }

    #[test]
    fn a_thread_grown_page_by_page_is_the_tree_built_at_once(
        links in prop::collection::vec((1u64..20, 0u64..24, 0u8..60), 0..60),
        page in 1usize..8,
    ) {
        // Pages arrive oldest first, as a load asks for them; the TUI appends each and
        // rebuilds from everything when append refuses.
        let mut links = links;
        links.sort_by_key(|&(id, _, minute)| (minute, id));
        let comments: Vec<Comment> =
            links.iter().map(|&(id, parent, minute)| comment(id, parent, minute, "x")).collect();
        let mut grown = Thread::default();
        for chunk in comments.chunks(page) {
            if let Err(chunk) = grown.append(chunk.to_vec()) {
                let mut all = std::mem::take(&mut grown).into_comments();
                all.extend(chunk);
                grown = Thread::build(all);
            }
        }
        let built = Thread::build(comments);
        let shape = |t: &Thread| -> Vec<(u64, usize, usize, String)> {
            t.preorder(SortOrder::OldestFirst)
                .iter()
                .map(|r| {
                    let n = t.node(r.index);
                    (t.comment(r.index).id, r.depth, n.descendants, format!("{:?}", n.detached))
                })
                .collect()
        };
        prop_assert_eq!(shape(&grown), shape(&built));
    }

    #[test]
    fn sanitized_text_has_no_control_bidi_or_lone_joiner(text in nasty_text(60)) {
        assert_clean(&sanitize_line(&text));
        assert_clean(&sanitize_text(&text).replace('\n', ""));
        assert_clean(&html_to_line(&text));
    }

    #[test]
    fn laid_out_bodies_are_clean_and_never_wider_than_the_width(
        body in html(),
        width in 10usize..90,
        ascii in any::<bool>(),
    ) {
        let doc = Doc::parse(&body);
        for line in doc.layout_with(width, ascii) {
            assert_clean(&line.plain());
            let pre = line.spans.iter().any(|s| s.style.pre);
            prop_assert!(pre || line.width() <= width, "{} > {}: {:?}", line.width(), width, line.plain());
            prop_assert_eq!(line.width(), display_width(&line.plain()));
            if ascii {
                let drawn: String = line.spans.iter()
                    .filter(|s| s.style.quote || s.style.list_marker)
                    .map(|s| s.text.as_str()).collect();
                prop_assert!(!drawn.contains(['│', '•']), "{:?}", drawn);
            }
        }
        for line in wrap_plain(&body, width) {
            prop_assert!(display_width(&line) <= width, "{:?}", line);
        }
    }

    #[test]
    fn an_archive_reads_back_as_written(
        raw in prop::collection::vec((1u64..1000, 0u64..1000, 0u8..200, nasty_text(20)), 0..30),
        title in nasty_text(20),
        total in prop::option::of(0u64..10_000),
    ) {
        let thread = Thread::build(
            raw.iter().map(|(id, parent, minute, body)| comment(*id, *parent, *minute, body)).collect(),
        );
        let data = ThreadData {
            site: Site { name: title.clone(), url: "https://b.example/".into(), api_root: "https://b.example/wp-json/".into() },
            post: Post::from_json(json!({"id": 1, "title": {"rendered": title}, "link": "https://b.example/p/"}))
                .expect("post"),
            comments: thread.comments().to_vec(),
            total_reported: total,
            fetched_at: chrono::DateTime::from_timestamp(1_600_000_000, 0).map(|d| d.naive_utc()),
            source_url: "https://b.example/p/".into(),
            page_read: None,
        };
        let written = archive::to_json(&data, &thread);
        prop_assert!(!written.chars().any(|c| c != '\n' && is_unsafe_char(c)));
        let back = archive::from_json(&written, "prop.json").expect("reads back");
        prop_assert_eq!(back, data);
    }
}
