//! `--dump`: the thread as plain text, markdown or a JSON archive. Deterministic: the same
//! thread gives the same bytes.

mod markdown;
mod text;

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

/// Layout choices for text output.
#[derive(Clone, Copy, Debug)]
pub struct DumpOptions {
    /// Total line width in columns.
    pub width: usize,
    /// Use ASCII guides instead of box drawing.
    pub ascii: bool,
    /// Depth from which the indent stops growing.
    pub indent_cap: usize,
}

impl Default for DumpOptions {
    fn default() -> Self {
        DumpOptions {
            width: 80,
            ascii: false,
            indent_cap: 8,
        }
    }
}

/// Render `data` in `format`.
pub fn dump(data: &ThreadData, format: Format, opts: &DumpOptions) -> String {
    let thread = Thread::build(data.comments.clone());
    match format {
        Format::Text => text::write(data, &thread, opts),
        Format::Markdown => markdown::write(data, &thread, opts),
        Format::Json => archive::to_json(data, &thread),
    }
}
