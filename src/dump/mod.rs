//! `--dump`: the thread as plain text, markdown or a JSON archive. Deterministic: the same
//! thread gives the same bytes.

mod markdown;
mod text;

use std::io::Write;

use crate::archive;
use crate::model::ThreadData;
use crate::thread::Thread;

/// Output format of `--dump`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    /// Indented plain text.
    #[default]
    Text,
    /// Nested markdown lists.
    Markdown,
    /// The lossless archive.
    Json,
}

/// Layout choices for text and markdown output (from `config.toml` and the flags).
#[derive(Clone, Debug)]
pub struct DumpOptions {
    /// Total line width in columns.
    pub width: usize,
    /// Use ASCII guides instead of box drawing.
    pub ascii: bool,
    /// Depth from which the indent stops growing (`indent_cap`).
    pub indent_cap: usize,
    /// Columns per reply level in text (`indent_width`, 1-8).
    pub indent_width: usize,
    /// strftime format of dates, shown in UTC (`date_format`).
    pub date_format: String,
}

impl Default for DumpOptions {
    fn default() -> Self {
        // The same defaults as config.toml's (settings::Settings::default).
        DumpOptions {
            width: 80,
            ascii: false,
            indent_cap: 8,
            indent_width: 2,
            date_format: "%Y-%m-%d %H:%M".to_owned(),
        }
    }
}

/// Render `data` in `format`.
pub fn dump(data: &ThreadData, format: Format, opts: &DumpOptions) -> String {
    let mut out = Vec::new();
    // Writing to memory cannot fail, and every writer writes UTF-8.
    let _ = write(data.clone(), format, opts, &mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// Render `data` in `format` to `out` a comment at a time, so neither a copy of the thread
/// nor the whole output is ever held (the comments move into the tree). Errors are `out`'s.
pub fn write(
    mut data: ThreadData,
    format: Format,
    opts: &DumpOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let thread = Thread::build(std::mem::take(&mut data.comments));
    match format {
        Format::Text => text::write(&data, &thread, opts, out),
        Format::Markdown => markdown::write(&data, &thread, opts, out),
        Format::Json => archive::write(&data, &thread, out),
    }
}
