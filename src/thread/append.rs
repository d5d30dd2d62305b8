//! Growing a tree by a page without rebuilding it: while a thread loads oldest first, each
//! page's comments come after everything already in the tree.

use super::{Detached, Node, Thread, link_child};
use crate::model::{Comment, IdSet};

impl Thread {
    /// Add `new` comments that come after every comment in the tree (by `date_gmt`, then id),
    /// in that order, and whose ids are not in it — a page of a load in progress — in time
    /// proportional to the page, not the thread. The result is the tree [`Thread::build`]
    /// would give. `Err` hands them back untouched when that does not hold (a comment that is
    /// already there, an older one, or the missing parent of a comment in the tree): then
    /// rebuild.
    pub fn append(&mut self, new: Vec<Comment>) -> Result<(), Vec<Comment>> {
        if !self.can_append(&new) {
            return Err(new);
        }
        self.comments.reserve(new.len());
        self.nodes.reserve(new.len());
        for c in new {
            let index = self.comments.len();
            let parent = self.by_id.get(&c.parent).copied().filter(|_| c.parent != 0);
            let detached = if c.parent != 0 && parent.is_none() {
                Detached::MissingParent
            } else {
                Detached::No
            };
            let depth = parent.map_or(0, |p| self.nodes[p].depth + 1);
            self.nodes.push(Node::new(parent, detached, depth));
            match parent {
                Some(p) => {
                    link_child(&mut self.nodes, p, index);
                    let mut up = Some(p);
                    while let Some(a) = up {
                        self.nodes[a].descendants += 1;
                        up = self.nodes[a].parent;
                    }
                }
                None => self.roots.push(index),
            }
            self.by_id.insert(c.id, index);
            self.comments.push(c);
        }
        Ok(())
    }

    fn can_append(&self, new: &[Comment]) -> bool {
        let mut last = self.comments.last().map(Comment::chrono_key);
        // Ids of the page still to come: a reply whose parent comes later in the same page
        // would be nested under it by `build`, and an id sent twice is kept once.
        let mut later: IdSet = new.iter().map(|c| c.id).collect();
        if later.len() < new.len() {
            return false;
        }
        for c in new {
            let key = c.chrono_key();
            later.remove(&c.id);
            // A comment that is its own parent is a loop `build` cuts.
            if last.is_some_and(|l| key <= l)
                || self.by_id.contains_key(&c.id)
                || c.parent == c.id
                || later.contains(&c.parent)
            {
                return false;
            }
            last = Some(key);
        }
        // A comment that was waiting for its parent would move under it: rebuild then.
        !self.roots.iter().any(|&r| {
            self.nodes[r].detached == Detached::MissingParent
                && new.iter().any(|c| c.id == self.comments[r].parent)
        })
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Comment;
    use crate::thread::{SortOrder, Thread};
    use serde_json::json;

    fn c(id: u64, parent: u64, minute: u32) -> Comment {
        Comment::from_json(json!({
            "id": id, "parent": parent,
            "date_gmt": format!("2020-01-01T00:{minute:02}:00"),
        }))
        .expect("comment")
    }

    fn shape(t: &Thread) -> Vec<(u64, usize, usize, String)> {
        t.preorder(SortOrder::OldestFirst)
            .iter()
            .map(|r| {
                let n = t.node(r.index);
                (
                    t.comment(r.index).id,
                    r.depth,
                    n.descendants,
                    format!("{:?}", n.detached),
                )
            })
            .collect()
    }

    #[test]
    fn pages_appended_one_by_one_give_the_tree_built_at_once() {
        let all: Vec<Comment> = vec![
            c(1, 0, 1),
            c(2, 1, 2),
            c(3, 2, 3),
            c(4, 0, 4),
            c(5, 99, 5), // parent never loaded
            c(6, 1, 6),
            c(7, 3, 7),
            c(8, 5, 8),
        ];
        let mut grown = Thread::default();
        for page in all.chunks(3) {
            assert!(grown.append(page.to_vec()).is_ok());
        }
        let built = Thread::build(all);
        assert_eq!(shape(&grown), shape(&built));
        assert_eq!(grown.roots(), built.roots());
    }

    #[test]
    fn what_would_change_the_existing_tree_is_refused() {
        let mut t = Thread::build(vec![c(1, 0, 1), c(3, 2, 3)]);
        // Older than the last comment.
        assert!(t.append(vec![c(9, 0, 2)]).is_err());
        // Already there.
        assert!(t.append(vec![c(1, 0, 9)]).is_err());
        // The missing parent of comment 3 (3 would move under it).
        assert!(t.append(vec![c(2, 0, 9)]).is_err());
        // Its own parent.
        assert!(t.append(vec![c(10, 10, 9)]).is_err());
        // Out of order within the page.
        assert!(t.append(vec![c(11, 0, 9), c(12, 0, 8)]).is_err());
        assert_eq!(t.len(), 2);
        assert!(t.append(vec![c(11, 0, 9), c(12, 11, 10)]).is_ok());
        assert_eq!(t.len(), 4);
    }

    #[test]
    fn a_page_that_build_would_read_differently_is_refused() {
        // Found by the red team: a reply dated before its parent, in the same page.
        let mut t = Thread::default();
        assert!(t.append(vec![c(1, 2, 1), c(2, 0, 2)]).is_err());
        // Two comments naming each other: `build` cuts the loop.
        assert!(t.append(vec![c(1, 2, 1), c(2, 1, 2)]).is_err());
        // One id twice with different dates: `build` keeps the last copy only.
        assert!(
            t.append(vec![c(1, 0, 1), c(5, 1, 2), c(1, 0, 3), c(6, 1, 4)])
                .is_err()
        );
        assert!(t.is_empty());
        // And every page `append` takes gives the tree `build` gives.
        let page = vec![c(1, 0, 1), c(2, 1, 2), c(3, 9, 3)];
        assert!(t.append(page.clone()).is_ok());
        assert_eq!(shape(&t), shape(&Thread::build(page)));
    }
}
