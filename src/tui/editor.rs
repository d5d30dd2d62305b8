//! `ctrl-e` in the composer: the draft goes to `$VISUAL` / `$EDITOR` (else `vi`) and comes
//! back. The runner gives the terminal to the editor the way Ctrl-Z gives it to the shell,
//! and the input thread stops reading meanwhile so the editor gets every key.
//!
//! The file edited sits next to the draft (in the data dir, 0600), not the draft itself:
//! the worker may still be writing the draft from the last keys typed. What the editor
//! saved becomes the draft when it returns; the file is kept if the app dies meanwhile.

use std::io::stdout;
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crossterm::event::EnableMouseCapture;
use crossterm::execute;
use crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use crate::app::msg::Msg;
use crate::store::drafts::DraftKey;
use crate::tui::terminal;

static PAUSE: AtomicBool = AtomicBool::new(false);
static IDLE: AtomicBool = AtomicBool::new(false);

/// Asked by the input thread before each read: `false` while an editor has the terminal
/// (the thread then waits instead of reading).
pub fn input_may_read() -> bool {
    if PAUSE.load(Ordering::Acquire) {
        IDLE.store(true, Ordering::Release);
        false
    } else {
        IDLE.store(false, Ordering::Release);
        true
    }
}

fn pause_input() {
    IDLE.store(false, Ordering::Release);
    PAUSE.store(true, Ordering::Release);
    // The input thread polls in 100 ms steps; wait until it has seen the pause.
    let deadline = Instant::now() + Duration::from_millis(500);
    while !IDLE.load(Ordering::Acquire) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn resume_input() {
    PAUSE.store(false, Ordering::Release);
}

/// The editor command: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|c| !c.trim().is_empty())
        .unwrap_or_else(|| "vi".to_owned())
}

/// Run the editor on the draft `text` of `key` and report what it saved.
pub fn edit(term: &mut crate::tui::terminal::Tui, key: &DraftKey, text: &str) -> Msg {
    let outcome = (|| {
        let path = key
            .path()
            .map_err(|e| e.to_string())?
            .with_extension("editing.txt");
        crate::identity::write_private(&path, text.as_bytes()).map_err(|e| e.to_string())?;
        let command = editor_command();
        pause_input();
        terminal::leave();
        // Through the shell, so `EDITOR="code -w"` works; the path is an argument, not code.
        let status = Command::new("sh")
            .arg("-c")
            .arg(format!("{command} \"$1\""))
            .arg("sh")
            .arg(&path)
            .status();
        let back = enable_raw_mode()
            .and_then(|()| execute!(stdout(), EnterAlternateScreen, EnableMouseCapture))
            .and_then(|()| term.clear());
        resume_input();
        back.map_err(|e| format!("cannot take the terminal back: {e}"))?;
        match status {
            Ok(s) if s.success() => {}
            Ok(s) => {
                return Err(format!(
                    "the editor ({command}) exited with {s}; the text is unchanged"
                ));
            }
            Err(e) => return Err(format!("cannot run the editor ({command}): {e}")),
        }
        let edited = std::fs::read_to_string(&path)
            .map_err(|e| format!("cannot read the edited draft: {e}"))?;
        // The text goes on as the draft (Msg::Edited saves it).
        let _ = std::fs::remove_file(&path);
        Ok(edited)
    })();
    Msg::Edited {
        key: key.clone(),
        outcome,
    }
}
