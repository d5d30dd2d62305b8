//! Building, rendering and dumping a 5,000-comment thread, without the network.

use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;
use std::hint::black_box;
use wpcomments::dump::{self, DumpOptions, Format};
use wpcomments::model::{Comment, Post, Site, ThreadData};
use wpcomments::render::Doc;
use wpcomments::thread::{SortOrder, Thread};

fn comments(n: u64) -> Vec<Comment> {
    (1..=n)
        .map(|i| {
            // Every third comment replies to an earlier one, like the seeded big thread.
            let parent = if i % 3 == 0 { (i * 7919) % i } else { 0 };
            Comment::from_json(json!({
                "id": i, "post": 1, "parent": parent,
                "author_name": format!("Reader {i}"),
                "date_gmt": format!("2020-01-{:02}T{:02}:{:02}:00", 1 + i / 1440 % 28, i / 60 % 24, i % 60),
                "content": {"rendered": format!(
                    "<p>Comment {i} with <em>some</em> text and a <a href=\"https://example.com/{i}\">link</a>. \
                     Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt \
                     ut labore et dolore magna aliqua.</p>\n<p>Ut enim ad minim veniam, quis nostrud exercitation \
                     ullamco laboris nisi ut aliquip ex ea commodo consequat.</p>\n")},
            }))
            .expect("valid")
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let all = comments(5000);
    c.bench_function("thread_build_5000", |b| {
        b.iter(|| Thread::build(black_box(all.clone())))
    });
    let thread = Thread::build(all.clone());
    c.bench_function("thread_rows_5000", |b| {
        b.iter(|| black_box(&thread).preorder(SortOrder::OldestFirst))
    });
    c.bench_function("render_parse_and_layout_5000", |b| {
        b.iter(|| {
            all.iter()
                .map(|c| Doc::parse(&c.content_html).layout(80).len())
                .sum::<usize>()
        })
    });
    let data = ThreadData {
        site: Site::default(),
        post: Post::from_json(json!({"id": 1, "title": {"rendered": "Big"}})).expect("post"),
        comments: all,
        total_reported: Some(5000),
        fetched_at: None,
        source_url: String::new(),
        page_read: None,
    };
    c.bench_function("dump_text_5000", |b| {
        b.iter(|| dump::dump(black_box(&data), Format::Text, &DumpOptions::default()).len())
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench
}
criterion_main!(benches);
