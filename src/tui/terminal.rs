//! Entering and leaving the terminal: raw mode, alternate screen, mouse capture. The terminal
//! is restored on every way out — normal exit, error, panic, SIGTERM — and around Ctrl-Z.

use std::io::{self, BufWriter, Stdout, Write, stdout};
use std::sync::Once;

use crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use crossterm::execute;
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;

/// The terminal the app draws on. Output is buffered so a frame leaves in one write instead of
/// std's 1 KiB pieces (which showed half-drawn frames), and each frame is wrapped in a
/// synchronized update so terminals that support it never show it half done.
pub type Tui = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// Take over the terminal.
pub fn enter() -> io::Result<Tui> {
    install_panic_hook();
    enable_raw_mode()?;
    execute!(stdout(), EnterAlternateScreen, EnableMouseCapture)?;
    let backend = CrosstermBackend::new(BufWriter::with_capacity(1 << 16, stdout()));
    match Terminal::new(backend) {
        Ok(terminal) => Ok(terminal),
        Err(e) => {
            leave();
            Err(e)
        }
    }
}

/// Draw one frame, atomically where the terminal supports it.
pub fn draw(terminal: &mut Tui, render: impl FnOnce(&mut ratatui::Frame)) -> io::Result<()> {
    crossterm::queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(render)?;
    crossterm::queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    terminal.backend_mut().flush()
}

/// Give the terminal back. Safe to call more than once.
pub fn leave() {
    let mut out = stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = disable_raw_mode();
}

fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // Restore first, so the panic message lands on a normal screen.
            leave();
            previous(info);
        }));
    });
}

/// Ctrl-Z: restore the terminal, stop until the shell resumes us, take the terminal again.
pub fn suspend(terminal: &mut Tui) -> io::Result<()> {
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
pub fn forward_signals(tx: std::sync::mpsc::Sender<crate::app::msg::Msg>) -> io::Result<()> {
    use crate::app::msg::Msg;
    use crate::keys::action::Action;
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
pub fn forward_signals(_tx: std::sync::mpsc::Sender<crate::app::msg::Msg>) -> io::Result<()> {
    Ok(())
}
