//! One frame of the reader: a 200×50 terminal showing a 5,000-comment thread (bodies already
//! parsed, as after loading), drawn into ratatui's `TestBackend`.
//!
//! `warm` is the steady state (scrolling, a key press): visible bodies are in the layout
//! cache. `cold` clears that cache first, like the first frame after a resize.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wpcomments::model::Comment;
use wpcomments::tui::testing::{app, comment, open, thread_data, type_keys};
use wpcomments::ui::draw;

fn synthetic(n: u64) -> Vec<Comment> {
    (1..=n)
        .map(|i| {
            // Threads of ~25 comments, replies up to 12 deep, bodies of 1-3 paragraphs.
            let parent = if i % 25 == 1 {
                0
            } else if i % 12 == 0 {
                i - 11
            } else {
                i - 1
            };
            let html = format!(
                "<p>Comment {i} says something about <b>the post</b> with a \
                 <a href=\"https://example.com/{i}\">link</a> and <code>code</code>.</p>{}",
                "<p>Another paragraph that is long enough to wrap at narrower widths, \
                 with <em>emphasis</em> and a quote:</p><blockquote>quoted text</blockquote>"
                    .repeat((i % 3) as usize)
            );
            comment(i, parent, i as i64, &format!("user {i}"), &html)
        })
        .collect()
}

fn frame(c: &mut Criterion) {
    let mut a = app(200, 50);
    open(&mut a, thread_data("Benchmark", synthetic(5_000)), None);
    // Somewhere in the middle, so rows above and below exist.
    type_keys(
        &mut a,
        "nnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnnn",
    );
    let mut terminal = match Terminal::new(TestBackend::new(200, 50)) {
        Ok(t) => t,
        Err(e) => panic!("test terminal: {e}"),
    };
    c.bench_function("frame 200x50, 5000 comments, warm", |b| {
        b.iter(|| {
            terminal
                .draw(|f| draw(black_box(&a), f))
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e}"));
        });
    });
    c.bench_function("frame 200x50, 5000 comments, cold layout cache", |b| {
        b.iter(|| {
            if let Some(view) = a.thread.as_ref() {
                view.cache.clear();
            }
            terminal
                .draw(|f| draw(black_box(&a), f))
                .map(|_| ())
                .unwrap_or_else(|e| panic!("{e}"));
        });
    });
}

criterion_group!(benches, frame);
criterion_main!(benches);
