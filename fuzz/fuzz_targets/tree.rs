//! Tree builder: any set of comments (random parents, cycles, orphans, duplicates). Every id
//! appears exactly once in the flattened tree, and building terminates.
#![no_main]

use std::collections::{HashMap, HashSet};

use libfuzzer_sys::fuzz_target;
use serde_json::json;
use wpcomments::model::Comment;
use wpcomments::thread::{SortOrder, Thread};

fuzz_target!(|data: &[u8]| {
    // Three bytes a comment: id, parent, minute (small ranges so duplicates and cycles occur).
    let comments: Vec<Comment> = data
        .chunks_exact(3)
        .filter_map(|c| {
            let raw = json!({
                "id": u64::from(c[0] % 64) + 1, "post": 1, "parent": u64::from(c[1] % 70),
                "date_gmt": format!("2020-01-01T00:{:02}:00", c[2] % 60),
                "content": {"rendered": "x"},
            });
            Comment::from_json(raw).ok()
        })
        .collect();
    let unique: HashSet<u64> = comments.iter().map(|c| c.id).collect();
    let thread = Thread::build(comments);
    assert_eq!(thread.len(), unique.len());
    for order in [SortOrder::OldestFirst, SortOrder::NewestFirst] {
        let rows = thread.preorder(order);
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for row in &rows {
            *seen.entry(thread.comment(row.index).id).or_default() += 1;
        }
        assert_eq!(seen.len(), unique.len());
        assert!(seen.values().all(|&n| n == 1));
    }
    let collapsed: wpcomments::model::IdSet =
        unique.iter().copied().filter(|id| id % 3 == 0).collect();
    assert!(thread.rows(SortOrder::OldestFirst, &collapsed).len() <= unique.len());
    for i in 0..thread.len() {
        assert!(thread.ancestors(i).len() <= unique.len());
    }
});
