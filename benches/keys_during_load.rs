//! A key press while a 50,000-comment thread streams in: 500 pages of 100 arrive at the pace
//! of a fetch of four pages at a time at 50 ms a request (one every 12.5 ms), while `j` is
//! pressed every 20 ms. The loop is the terminal's own (`runner::take_batch`, `update`,
//! `draw` into a 200×50 `TestBackend`); a key's latency is from its press to the end of the
//! frame that shows it. Prints the worst, the 99th percentile and the median, and the time
//! until the last page is shown. Target: worst < 16 ms.

use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wpcomments::api::PageEvent;
use wpcomments::app::msg::in_memory_thread;
use wpcomments::app::update::update;
use wpcomments::app::{Msg, ThreadSource};
use wpcomments::tui::runner::{apply_batch, take_batch};
use wpcomments::tui::testing::{app, thread_data};
use wpcomments::ui::draw;

#[path = "support/synthetic.rs"]
#[allow(dead_code)] // shared with benches/keys.rs; this bench builds its pages itself
mod synthetic;

const PAGES: u64 = 500;
const PER_PAGE: u64 = 100;
const PAGE_EVERY: Duration = Duration::from_micros(12_500);
const KEY_EVERY: Duration = Duration::from_millis(20);

fn main() {
    let mut a = app(200, 50);
    a.start(ThreadSource::Demo);
    let generation = a.generation;
    let [opened, _] = in_memory_thread(generation, thread_data("Big", Vec::new()), None, None);
    update(&mut a, opened);
    let pages: Vec<Vec<_>> = (0..PAGES)
        .map(|p| {
            (p * PER_PAGE + 1..=(p + 1) * PER_PAGE)
                .map(synthetic::one)
                .collect()
        })
        .collect();
    let mut terminal = Terminal::new(TestBackend::new(200, 50)).unwrap_or_else(|e| panic!("{e}"));
    let (tx, rx) = mpsc::channel::<Msg>();
    let pressed: Arc<Mutex<Vec<Instant>>> = Arc::default();
    let start = Instant::now();
    let page_tx = tx.clone();
    let fetch = std::thread::spawn(move || {
        for (i, comments) in pages.into_iter().enumerate() {
            std::thread::sleep(
                (start + PAGE_EVERY * (i as u32 + 1)).saturating_duration_since(Instant::now()),
            );
            let event = PageEvent {
                page: i as u32 + 1,
                total_pages: PAGES as u32,
                comments,
                total_reported: Some(PAGES * PER_PAGE),
            };
            let _ = page_tx.send(Msg::Page { generation, event });
        }
        let _ = page_tx.send(Msg::LoadDone { generation });
    });
    let keys_pressed = Arc::clone(&pressed);
    let keys = std::thread::spawn(move || {
        let end = start + PAGE_EVERY * (PAGES as u32 + 8);
        while Instant::now() < end {
            std::thread::sleep(KEY_EVERY);
            keys_pressed
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(Instant::now());
            let key = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
            if tx.send(Msg::Key(key)).is_err() {
                break;
            }
        }
    });
    let (mut shown, mut latencies, mut loaded) = (0usize, Vec::new(), None);
    while let Ok(first) = rx.recv() {
        let batch = take_batch(first, &rx);
        let keys_in_batch = batch.iter().filter(|m| matches!(m, Msg::Key(_))).count();
        let done = batch.iter().any(|m| matches!(m, Msg::LoadDone { .. }));
        // A key is shown by the first frame drawn after it was applied: the loop's own
        // mid-batch frame if pages followed it, else the frame after the batch.
        let mut drawn_at = None;
        apply_batch(&mut a, batch, |a| {
            // A test backend cannot fail to draw (its error type is `Infallible`).
            let Ok(_) = terminal.draw(|f| draw(a, f));
            drawn_at.get_or_insert_with(Instant::now);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
        terminal
            .draw(|f| draw(&a, f))
            .unwrap_or_else(|e| panic!("{e}"));
        let now = Instant::now();
        let shown_at = drawn_at.unwrap_or(now);
        let times = pressed.lock().unwrap_or_else(|e| e.into_inner()).clone();
        for t in &times[shown..shown + keys_in_batch] {
            latencies.push(shown_at - *t);
        }
        shown += keys_in_batch;
        if done {
            loaded = Some(now - start);
        }
    }
    let _ = (fetch.join(), keys.join());
    latencies.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pick = |q: f64| latencies[((latencies.len() - 1) as f64 * q) as usize];
    println!(
        "{} key presses during a {PAGES}-page load; last page shown after {:.2} s (pages sent over {:.2} s)",
        latencies.len(),
        loaded.map_or(f64::NAN, |d| d.as_secs_f64()),
        (PAGE_EVERY * PAGES as u32).as_secs_f64()
    );
    println!(
        "median key frame: {:.2} ms, 99th percentile: {:.2} ms",
        ms(pick(0.5)),
        ms(pick(0.99))
    );
    println!("worst key frame: {:.2} ms", ms(pick(1.0)));
}
