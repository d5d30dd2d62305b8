//! What one key press costs at 50,000 comments, each followed by its frame (200×50, into
//! ratatui's `TestBackend`): a plain frame, a search across the whole thread, fold-all and
//! unfold-all, and a resize (re-wrapping what is visible). Targets: frame < 1 ms, the others
//! < 16 ms (one frame at 60 Hz).

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wpcomments::app::App;
use wpcomments::app::Msg;
use wpcomments::tui::testing::{app, key, open, send, thread_data, type_keys};
use wpcomments::ui::draw;

#[path = "support/synthetic.rs"]
mod synthetic;

const N: u64 = 50_000;

fn frame(terminal: &mut Terminal<TestBackend>, a: &App) {
    terminal
        .draw(|f| draw(black_box(a), f))
        .map(|_| ())
        .unwrap_or_else(|e| panic!("{e}"));
}

fn keys(c: &mut Criterion) {
    let mut a = app(200, 50);
    open(
        &mut a,
        thread_data("Benchmark", synthetic::comments(N)),
        None,
    );
    // Somewhere in the middle, so rows above and below exist.
    type_keys(&mut a, &"n".repeat(1000));
    let mut t = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    frame(&mut t, &a);
    let mut group = c.benchmark_group("50000");
    group.sample_size(20);
    group.bench_function("frame_200x50", |b| b.iter(|| frame(&mut t, &a)));
    group.bench_function("search", |b| {
        b.iter(|| {
            // A word in a few comments only, found from the middle of the thread.
            type_keys(&mut a, "/comment 4999");
            key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
            frame(&mut t, &a);
        })
    });
    // Each measures one key and its frame; the opposite key, to get back, is not timed.
    for (name, timed, untimed) in [("fold_all", "-", "+"), ("unfold_all", "+", "-")] {
        group.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    type_keys(&mut a, untimed);
                    frame(&mut t, &a);
                    let start = Instant::now();
                    type_keys(&mut a, timed);
                    frame(&mut t, &a);
                    total += start.elapsed();
                }
                total
            })
        });
    }
    let mut wide = true;
    group.bench_function("resize", |b| {
        b.iter(|| {
            wide = !wide;
            let width = if wide { 200 } else { 160 };
            send(&mut a, Msg::Resize { width, height: 50 });
            t.resize(ratatui::layout::Rect::new(0, 0, width, 50))
                .unwrap_or_else(|e| panic!("{e}"));
            frame(&mut t, &a);
        })
    });
    group.finish();
}

criterion_group!(benches, keys);
criterion_main!(benches);
