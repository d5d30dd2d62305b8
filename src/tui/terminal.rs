//! Entering and leaving the terminal: raw mode, alternate screen, mouse capture. The terminal
//! is restored on every way out — normal exit, error, panic, SIGTERM — and around Ctrl-Z.

use std::io::{self, stdout};
use std::sync::Once;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};
use ratatui::DefaultTerminal;

/// Take over the terminal.
pub fn enter() -> io::Result<DefaultTerminal> {
    install_panic_hook();
    // ratatui's own hook (installed by `try_init`) restores raw mode and the screen first.
    let terminal = ratatui::try_init()?;
    execute!(stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Give the terminal back.
pub fn leave() {
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableMouseCapture);
            previous(info);
        }));
    });
}

/// Ctrl-Z: restore the terminal, stop until the shell resumes us, take the terminal again.
pub fn suspend(terminal: &mut DefaultTerminal) -> io::Result<()> {
    leave();
    #[cfg(unix)]
    signal_hook::low_level::emulate_default_handler(signal_hook::consts::SIGTSTP)?;
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    terminal.clear()
}

/// Turn SIGTERM, SIGINT and SIGHUP into a quit and SIGTSTP into a suspend, delivered as
/// messages so the terminal is restored by the same path as a `q`.
#[cfg(unix)]
pub fn forward_signals(tx: std::sync::mpsc::Sender<super::msg::Msg>) -> io::Result<()> {
    use super::action::Action;
    use super::msg::Msg;
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGTSTP])?;
    std::thread::Builder::new()
        .name("wpcomments-signals".into())
        .spawn(move || {
            for sig in signals.forever() {
                let action = if sig == SIGTSTP {
                    Action::Suspend
                } else {
                    Action::Quit
                };
                if tx.send(Msg::Action(action)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

/// No signals to forward off Unix.
#[cfg(not(unix))]
pub fn forward_signals(_tx: std::sync::mpsc::Sender<super::msg::Msg>) -> io::Result<()> {
    Ok(())
}
