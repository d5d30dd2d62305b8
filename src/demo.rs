//! The built-in demo thread: the WordPress.com post the product grew from (a reply chain,
//! a comment with a link, two pingbacks, and a site count of 7 for the 6 comments shown).

use crate::archive;
use crate::error::Result;
use crate::model::ThreadData;

/// The demo archive, compiled in.
pub const DEMO_JSON: &str = include_str!("demo.json");

/// The demo thread.
pub fn thread() -> Result<ThreadData> {
    archive::from_json(DEMO_JSON, "<built-in demo>")
}

#[cfg(test)]
mod tests {
    #[test]
    fn demo_thread_loads_with_its_reply_chain() {
        let data = super::thread().expect("demo archive is valid");
        assert_eq!(data.comments.len(), 6);
        assert_eq!(data.total_reported, Some(7));
        let names: Vec<&str> = data
            .comments
            .iter()
            .map(|c| c.author_name.as_str())
            .collect();
        assert_eq!(
            &names[..4],
            ["Andy Piper", "Howard Smith", "Delph", "Kevin"]
        );
    }
}
