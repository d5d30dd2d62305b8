//! After the terminal is restored: drafts that could not be saved in the data dir are
//! written to a fresh private temp dir (0600 in 0700), or, if even that fails, printed on
//! stdout; either way one line on stderr says where. Text a person typed is never dropped
//! silently.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::render::sanitize_line;

/// Write out `texts` (the unsaved drafts) and say where they went.
pub fn drafts(texts: &[String]) {
    if texts.is_empty() {
        return;
    }
    let joined = texts.join("\n\n----\n\n");
    match crate::store::files::write_rescue("drafts.txt", &joined) {
        Ok(path) => eprintln!(
            "wpcomments: {} could not be saved to the data dir; the text is in {}",
            if texts.len() == 1 {
                "a draft"
            } else {
                "drafts"
            },
            sanitize_line(&path.display().to_string())
        ),
        Err(e) => {
            eprintln!(
                "wpcomments: drafts could not be saved ({}); here is their text:",
                sanitize_line(&e.0)
            );
            println!("{joined}");
        }
    }
}
