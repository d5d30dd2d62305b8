//! The one way the command line prints: every message, listing and error line goes through
//! [`clean`], so nothing a site, a file or `identities.toml` holds (a user name from a
//! login callback, a guest's name, an error message) reaches the terminal with a control
//! character, an escape sequence or a bidi control. `clippy::print_stdout` and
//! `clippy::print_stderr` are denied everywhere else in the crate.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::io::Write;

/// `text` made safe for a terminal: lines kept, everything else
/// [`sanitize_text`](wpcomments::render::sanitize_text) removes dropped.
pub fn clean(text: &str) -> String {
    wpcomments::render::sanitize_text(text)
}

/// Print a line to stdout.
pub fn out(text: &str) {
    println!("{}", clean(text));
}

/// Print a line to stderr.
pub fn err(text: &str) {
    eprintln!("{}", clean(text));
}

/// Print a prompt to stderr without ending the line.
pub fn prompt(text: &str) {
    let space = if text.ends_with(' ') { " " } else { "" };
    eprint!("{}{space}", wpcomments::render::sanitize_line(text));
    let _ = std::io::stderr().flush();
}
