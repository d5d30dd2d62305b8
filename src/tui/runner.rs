//! The event loop: draw, wait for the next message (key, mouse, resize, worker report,
//! signal, clock tick), update, carry out the effects, repeat.

use std::io::{self, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::Duration;

use crossterm::event::{self, Event};

use crate::app::App;
use crate::app::msg::{Effect, Msg};
use crate::app::update::update;
use crate::tui::clipboard::osc52;
use crate::tui::editor;
use crate::tui::terminal;
use crate::ui::draw;
use crate::worker::Worker;

/// How often relative dates are refreshed.
const TICK: Duration = Duration::from_secs(30);
/// Messages applied before a redraw, so a burst of pages costs one frame, not one each.
const BATCH: usize = 64;

/// Run `app` in the terminal until it quits. `effects` are the start-up effects.
pub fn run(
    terminal: &mut terminal::Tui,
    app: &mut App,
    effects: Vec<Effect>,
    worker: &Worker,
    rx: &Receiver<Msg>,
) -> io::Result<()> {
    if apply(terminal, app, effects, worker)? {
        return Ok(());
    }
    loop {
        terminal::draw(terminal, |f| draw(app, f))?;
        let first = match rx.recv_timeout(TICK) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => Msg::Tick(crate::model::clock::now_utc()),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let effects = apply_batch(app, take_batch(first, rx), |app| {
            terminal::draw(terminal, |f| draw(app, f)).map(|_| ())
        })?;
        if apply(terminal, app, effects, worker)? || app.quit {
            return Ok(());
        }
    }
}

/// `first` and what else is waiting on `rx` (at most [`BATCH`]): the messages applied before
/// the next frame. What the user did (keys, mouse, resize) comes first, so it never waits
/// behind a load; pages of the same load waiting behind each other become one
/// [`Msg::Pages`], so a burst costs one tree update; everything else keeps its order.
pub fn take_batch(first: Msg, rx: &Receiver<Msg>) -> Vec<Msg> {
    let mut waiting = vec![first];
    while waiting.len() <= BATCH {
        match rx.try_recv() {
            Ok(msg) => waiting.push(msg),
            Err(_) => break,
        }
    }
    let (mut batch, reports): (Vec<Msg>, Vec<Msg>) = waiting.into_iter().partition(is_input);
    for msg in reports {
        match (batch.last_mut(), msg) {
            (
                Some(Msg::Pages { generation, events }),
                Msg::Page {
                    generation: g,
                    event,
                },
            ) if *generation == g => {
                events.push(event);
            }
            (_, Msg::Page { generation, event }) => batch.push(Msg::Pages {
                generation,
                events: vec![event],
            }),
            (_, msg) => batch.push(msg),
        }
    }
    batch
}

/// Keys, mouse and resizes: what the user did.
fn is_input(msg: &Msg) -> bool {
    matches!(msg, Msg::Key(_) | Msg::Mouse(_) | Msg::Resize { .. })
}

/// Apply a batch from [`take_batch`]. When input is followed by worker reports, `redraw`
/// shows the input's effect before the reports are applied: a key's frame never waits for
/// pages to be merged.
pub fn apply_batch(
    app: &mut App,
    batch: Vec<Msg>,
    mut redraw: impl FnMut(&App) -> io::Result<()>,
) -> io::Result<Vec<Effect>> {
    let mut effects = Vec::new();
    let mut input_pending = false;
    for msg in batch {
        let input = is_input(&msg);
        if !input && input_pending && !app.quit {
            redraw(app)?;
        }
        input_pending = input;
        effects.extend(update(app, msg));
    }
    Ok(effects)
}

/// Carry out effects; `true` when the app should exit.
fn apply(
    terminal: &mut terminal::Tui,
    app: &App,
    effects: Vec<Effect>,
    worker: &Worker,
) -> io::Result<bool> {
    for effect in effects {
        match effect {
            Effect::Quit => return Ok(true),
            Effect::Suspend => {
                terminal::suspend(terminal)?;
                terminal::draw(terminal, |f| draw(app, f))?;
            }
            Effect::EditExternally { key, text } => {
                worker.report(editor::edit(terminal, &key, &text));
                terminal::draw(terminal, |f| draw(app, f))?;
            }
            Effect::Copy(text) => {
                let mut out = io::stdout();
                out.write_all(osc52(&text).as_bytes())?;
                out.flush()?;
            }
            other => worker.send(other),
        }
    }
    Ok(false)
}

/// Read terminal events on a thread of their own and forward them as messages. Stops when
/// `stop` is set or the loop is gone.
pub fn spawn_input(tx: Sender<Msg>, stop: Arc<AtomicBool>) -> io::Result<()> {
    std::thread::Builder::new()
        .name("wpcomments-input".into())
        .spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                // An external editor has the terminal: leave its keys alone.
                if !editor::input_may_read() {
                    std::thread::sleep(Duration::from_millis(20));
                    continue;
                }
                match event::poll(Duration::from_millis(100)) {
                    Ok(true) => {}
                    Ok(false) => continue,
                    Err(_) => break,
                }
                let msg = match event::read() {
                    Ok(Event::Key(key)) => Msg::Key(key),
                    Ok(Event::Mouse(mouse)) => Msg::Mouse(mouse),
                    Ok(Event::Resize(width, height)) => Msg::Resize { width, height },
                    Ok(_) => continue,
                    Err(_) => break,
                };
                if tx.send(msg).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc::channel;

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    use super::*;
    use crate::api::PageEvent;
    use crate::tui::testing::{app, comment, open, thread_data};

    fn page(generation: u64, n: u32) -> Msg {
        Msg::Page {
            generation,
            event: PageEvent {
                page: n,
                total_pages: 9,
                comments: vec![comment(u64::from(n) + 100, 0, i64::from(n) + 100, "p", "x")],
                total_reported: None,
            },
        }
    }

    fn key(c: char) -> Msg {
        Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
    }

    #[test]
    fn keys_go_before_waiting_pages_and_pages_in_a_row_become_one() {
        let (tx, rx) = channel();
        for msg in [
            page(1, 2),
            page(1, 3),
            key('j'),
            page(1, 4),
            Msg::LoadDone { generation: 1 },
        ] {
            tx.send(msg).expect("send");
        }
        let batch = take_batch(page(1, 1), &rx);
        assert!(matches!(batch[0], Msg::Key(_)), "{batch:?}");
        match &batch[1] {
            Msg::Pages {
                generation: 1,
                events,
            } => {
                let pages: Vec<u32> = events.iter().map(|e| e.page).collect();
                assert_eq!(pages, [1, 2, 3, 4]);
            }
            other => panic!("expected the pages merged, got {other:?}"),
        }
        assert!(matches!(batch[2], Msg::LoadDone { generation: 1 }));
        assert_eq!(batch.len(), 3);
    }

    #[test]
    fn pages_of_different_loads_stay_apart() {
        let (tx, rx) = channel();
        tx.send(page(2, 1)).expect("send");
        let batch = take_batch(page(1, 1), &rx);
        assert_eq!(batch.len(), 2);
    }

    #[test]
    fn a_key_is_drawn_before_the_pages_behind_it_are_merged() {
        let mut a = app(80, 24);
        open(
            &mut a,
            thread_data("T", vec![comment(1, 0, 1, "a", "x")]),
            None,
        );
        let generation = a.generation;
        let mut drawn_with = Vec::new();
        let batch = vec![key('j'), page(generation, 1)];
        apply_batch(&mut a, batch, |app| {
            drawn_with.push(app.thread.as_ref().map_or(0, |v| v.thread.len()));
            Ok(())
        })
        .expect("applied");
        // One frame, after the key and before the page.
        assert_eq!(drawn_with, [1]);
        assert_eq!(a.thread.as_ref().map(|v| v.thread.len()), Some(2));
        assert_eq!(a.progress.pages_done, 2);
    }
}
