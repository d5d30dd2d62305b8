//! Asking for a line or a secret: from the terminal (the secret without echo), or one line
//! of stdin each when it is not a terminal (scripts, tests).

use std::io::{BufRead, IsTerminal, Write};

use wpcomments::api::http::Secret;
use wpcomments::error::{Error, Result};

/// Ask for one line.
pub fn ask(label: &str) -> Result<String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        eprint!("{label}");
        let _ = std::io::stderr().flush();
    }
    let mut line = String::new();
    let n = stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| Error::Io(format!("cannot read stdin: {e}")))?;
    let answer = line.trim().to_owned();
    if n == 0 || answer.is_empty() {
        return Err(Error::Identity(format!(
            "no answer for \"{}\" (give it on the terminal or as a line on stdin)",
            label.trim_end_matches([':', ' '])
        )));
    }
    Ok(answer)
}

/// Ask for a secret; on a terminal nothing is echoed.
pub fn ask_secret(label: &str) -> Result<Secret> {
    if !std::io::stdin().is_terminal() {
        return ask(label).map(Secret::new);
    }
    eprint!("{label}");
    let _ = std::io::stderr().flush();
    crossterm::terminal::enable_raw_mode().map_err(|e| Error::Io(format!("terminal: {e}")))?;
    let typed = read_hidden();
    let _ = crossterm::terminal::disable_raw_mode();
    eprintln!();
    let secret = Secret::new(typed?);
    if secret.is_empty() {
        return Err(Error::Identity("nothing was typed".into()));
    }
    Ok(secret)
}

fn read_hidden() -> Result<String> {
    use crossterm::event::{Event, KeyCode, KeyEventKind, KeyModifiers, read};
    let mut text = String::new();
    loop {
        let event = read().map_err(|e| Error::Io(format!("terminal: {e}")))?;
        let Event::Key(key) = event else {
            if let Event::Paste(p) = event {
                text.push_str(&p);
            }
            continue;
        };
        if key.kind != KeyEventKind::Press {
            continue;
        }
        match key.code {
            KeyCode::Enter => return Ok(text),
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                return Err(Error::Identity("cancelled".into()));
            }
            KeyCode::Char(c) => text.push(c),
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Esc => return Err(Error::Identity("cancelled".into())),
            _ => {}
        }
    }
}
