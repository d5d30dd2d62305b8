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
    mut app: App,
    effects: Vec<Effect>,
    worker: &Worker,
    rx: &Receiver<Msg>,
) -> io::Result<()> {
    if apply(terminal, &app, effects, worker)? {
        return Ok(());
    }
    loop {
        terminal::draw(terminal, |f| draw(&app, f))?;
        let first = match rx.recv_timeout(TICK) {
            Ok(msg) => msg,
            Err(RecvTimeoutError::Timeout) => Msg::Tick(crate::model::clock::now_utc()),
            Err(RecvTimeoutError::Disconnected) => return Ok(()),
        };
        let mut effects = update(&mut app, first);
        for _ in 0..BATCH {
            match rx.try_recv() {
                Ok(msg) => effects.extend(update(&mut app, msg)),
                Err(_) => break,
            }
        }
        if apply(terminal, &app, effects, worker)? || app.quit {
            return Ok(());
        }
    }
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
