//! Waiting for a browser login to come back: to the loopback listener, or as a line the
//! user pastes (SSH sessions, sites that will not redirect to http://127.0.0.1).

use std::io::IsTerminal;
use std::sync::mpsc;
use std::time::Duration;

use wpcomments::api::Scope;
use wpcomments::error::{Error, Result};

use super::say;
use wpcomments::identity::loopback::Loopback;

/// How long a browser login may take.
pub const LOGIN_TIMEOUT: Duration = Duration::from_secs(300);

/// What came back first.
pub enum Came {
    /// The browser reached the listener; its query parameters.
    Callback(Vec<(String, String)>),
    /// A line pasted on stdin.
    Pasted(String),
}

/// Wait for the browser to reach `listener` or, when `paste` is set, for a pasted line
/// (read without echo when `secret` is set and stdin is a terminal).
pub fn wait_for(listener: Loopback, paste: bool, secret: bool, page: &'static str) -> Result<Came> {
    let (tx, rx) = mpsc::channel::<Result<Came>>();
    let to_listener = tx.clone();
    std::thread::spawn(move || {
        let got = listener.wait(LOGIN_TIMEOUT, page).map(Came::Callback);
        let _ = to_listener.send(got);
    });
    if paste {
        std::thread::spawn(move || {
            if secret && std::io::stdin().is_terminal() {
                if let Ok(typed) = super::prompt::ask_secret("or paste it here: ") {
                    let _ = tx.send(Ok(Came::Pasted(typed.expose().to_owned())));
                }
                return;
            }
            let mut line = String::new();
            // EOF (no stdin) just leaves the listener to answer.
            if std::io::stdin().read_line(&mut line).is_ok() && !line.trim().is_empty() {
                let _ = tx.send(Ok(Came::Pasted(line.trim().to_owned())));
            }
        });
    } else {
        drop(tx);
    }
    match rx.recv_timeout(LOGIN_TIMEOUT + Duration::from_secs(1)) {
        Ok(got) => got,
        Err(_) => Err(Error::Identity(
            "the login was not completed in time".into(),
        )),
    }
}

/// Open `url` in the browser unless told not to; the address is printed either way.
///
/// Only an https page inside `scope` (http on this machine) is shown or opened
/// ([`Scope::admit_browser`]): the address comes from the site, and the system opener would
/// as readily run `file:`, `javascript:` or a custom scheme. Errors: the refusal, in one
/// line naming the address (sanitized).
pub fn show(url: &url::Url, intro: &str, no_browser: bool, scope: &Scope) -> Result<()> {
    scope.admit_browser(url)?;
    say::err(&format!("{intro}\n  {url}"));
    if !no_browser && open::that_detached(url.as_str()).is_err() {
        say::err("(no browser could be opened: open the address yourself)");
    }
    Ok(())
}
