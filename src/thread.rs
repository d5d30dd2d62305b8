//! The comment tree: built from flat pages by `parent` id, robust to orphans and cycles.
//!
//! Nodes are addressed by their index into [`Thread::comments`]. Building never recurses, so a
//! reply chain of any depth is fine, and every comment the server sent appears exactly once.

use std::collections::{HashMap, HashSet};

use crate::model::Comment;

mod append;

/// Why a comment sits at top level although it has a parent id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detached {
    /// A real top-level comment.
    No,
    /// Its parent is not among the loaded comments (deleted, held, not visible to us).
    MissingParent,
    /// Its parent chain loops back to itself; the loop was cut here.
    Cycle,
}

/// Tree links of one comment.
#[derive(Clone, Debug)]
pub struct Node {
    /// Index of the parent in the tree, `None` at top level.
    pub parent: Option<usize>,
    /// Indices of the replies, oldest first.
    pub children: Vec<usize>,
    /// Why a top-level node with a parent id is at top level.
    pub detached: Detached,
    /// Number of replies below this node, at any depth.
    pub descendants: usize,
    /// Depth in the tree, 0 at top level.
    pub depth: usize,
}

/// Order of top-level threads; replies are always oldest first.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortOrder {
    /// Oldest thread first, like WordPress.
    #[default]
    OldestFirst,
    /// Newest thread first.
    NewestFirst,
}

impl SortOrder {
    /// The other order.
    pub fn toggled(self) -> SortOrder {
        match self {
            SortOrder::OldestFirst => SortOrder::NewestFirst,
            SortOrder::NewestFirst => SortOrder::OldestFirst,
        }
    }
}

/// One row of the flattened tree.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Row {
    /// Index of the comment.
    pub index: usize,
    /// Depth in the tree.
    pub depth: usize,
}

/// A comment tree.
#[derive(Clone, Debug, Default)]
pub struct Thread {
    comments: Vec<Comment>,
    nodes: Vec<Node>,
    roots: Vec<usize>,
    by_id: HashMap<u64, usize>,
}

impl Thread {
    /// Build the tree. Duplicate ids keep the last copy; comments are ordered oldest first.
    pub fn build(mut comments: Vec<Comment>) -> Thread {
        // De-duplicated in place (no second copy of the thread): the last copy of an id wins.
        let last: HashMap<u64, usize> = comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();
        if last.len() < comments.len() {
            let mut i = 0;
            comments.retain(|c| {
                i += 1;
                last.get(&c.id) == Some(&(i - 1))
            });
        }
        drop(last);
        // Keys are unique now: the in-place sort gives the same order as a stable one.
        comments.sort_unstable_by_key(Comment::chrono_key);
        let by_id: HashMap<u64, usize> = comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();

        let mut nodes: Vec<Node> = comments
            .iter()
            .map(|c| Node {
                parent: by_id.get(&c.parent).copied().filter(|_| c.parent != 0),
                children: Vec::new(),
                detached: if c.parent != 0 && !by_id.contains_key(&c.parent) {
                    Detached::MissingParent
                } else {
                    Detached::No
                },
                descendants: 0,
                depth: 0,
            })
            .collect();
        cut_cycles(&mut nodes);
        for i in 0..nodes.len() {
            if let Some(p) = nodes[i].parent {
                nodes[p].children.push(i);
            }
        }
        let roots: Vec<usize> = (0..nodes.len())
            .filter(|&i| nodes[i].parent.is_none())
            .collect();
        let mut thread = Thread {
            comments,
            nodes,
            roots,
            by_id,
        };
        thread.compute_depths_and_counts();
        thread
    }

    fn compute_depths_and_counts(&mut self) {
        // Pre-order walk with an explicit stack; then children-before-parents for the counts.
        let order = self.preorder(SortOrder::OldestFirst);
        for row in &order {
            self.nodes[row.index].depth = row.depth;
        }
        for row in order.iter().rev() {
            let node = &self.nodes[row.index];
            let below: usize = node
                .children
                .iter()
                .map(|&c| self.nodes[c].descendants + 1)
                .sum();
            self.nodes[row.index].descendants = below;
        }
    }

    /// Number of comments.
    pub fn len(&self) -> usize {
        self.comments.len()
    }

    /// True when there are no comments.
    pub fn is_empty(&self) -> bool {
        self.comments.is_empty()
    }

    /// All comments, oldest first.
    pub fn comments(&self) -> &[Comment] {
        &self.comments
    }

    /// Give the comments back (oldest first), e.g. to merge more pages and rebuild.
    pub fn into_comments(self) -> Vec<Comment> {
        self.comments
    }

    /// The comment at `index`.
    pub fn comment(&self, index: usize) -> &Comment {
        &self.comments[index]
    }

    /// The tree links at `index`.
    pub fn node(&self, index: usize) -> &Node {
        &self.nodes[index]
    }

    /// Index of the comment with this id.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        self.by_id.get(&id).copied()
    }

    /// Top-level comments, oldest first.
    pub fn roots(&self) -> &[usize] {
        &self.roots
    }

    /// Every comment in thread order (depth-first, replies oldest first).
    pub fn preorder(&self, order: SortOrder) -> Vec<Row> {
        self.rows(order, &HashSet::new())
    }

    /// Thread order, skipping the replies of collapsed comments (given by id).
    pub fn rows(&self, order: SortOrder, collapsed: &HashSet<u64>) -> Vec<Row> {
        let mut out = Vec::with_capacity(self.comments.len());
        let mut stack: Vec<Row> = Vec::new();
        let push_roots = |stack: &mut Vec<Row>| match order {
            // The stack pops from the end, so push in reverse of the wanted order.
            SortOrder::OldestFirst => stack.extend(
                self.roots
                    .iter()
                    .rev()
                    .map(|&index| Row { index, depth: 0 }),
            ),
            SortOrder::NewestFirst => {
                stack.extend(self.roots.iter().map(|&index| Row { index, depth: 0 }))
            }
        };
        push_roots(&mut stack);
        while let Some(row) = stack.pop() {
            out.push(row);
            if collapsed.contains(&self.comments[row.index].id) {
                continue;
            }
            let depth = row.depth + 1;
            stack.extend(
                self.nodes[row.index]
                    .children
                    .iter()
                    .rev()
                    .map(|&index| Row { index, depth }),
            );
        }
        out
    }

    /// Ids of the ancestors of `index`, nearest first.
    pub fn ancestors(&self, index: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut cur = self.nodes[index].parent;
        while let Some(p) = cur {
            out.push(p);
            cur = self.nodes[p].parent;
        }
        out
    }
}

/// Cut every parent loop so each node reaches a root. The cut is made at the oldest comment of
/// the loop (lowest index), which becomes a top-level comment marked [`Detached::Cycle`].
fn cut_cycles(nodes: &mut [Node]) {
    // 0 = unknown, 1 = on the current walk, 2 = known to reach a root.
    let mut state = vec![0u8; nodes.len()];
    for start in 0..nodes.len() {
        if state[start] != 0 {
            continue;
        }
        let mut path = Vec::new();
        let mut cur = Some(start);
        while let Some(i) = cur {
            match state[i] {
                2 => break,
                1 => {
                    // `i` is on the current path: the loop is path[pos..].
                    let pos = path.iter().position(|&p| p == i).unwrap_or(0);
                    let cut = path[pos..].iter().copied().min().unwrap_or(i);
                    nodes[cut].parent = None;
                    nodes[cut].detached = Detached::Cycle;
                    break;
                }
                _ => {
                    state[i] = 1;
                    path.push(i);
                    cur = nodes[i].parent;
                }
            }
        }
        for i in path {
            state[i] = 2;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn c(id: u64, parent: u64, minute: u32) -> Comment {
        Comment::from_json(json!({
            "id": id, "post": 1, "parent": parent,
            "date_gmt": format!("2020-01-01T00:{minute:02}:00"),
            "author_name": format!("a{id}"), "content": {"rendered": "<p>x</p>"},
        }))
        .expect("valid comment")
    }

    fn ids(t: &Thread, rows: &[Row]) -> Vec<(u64, usize)> {
        rows.iter()
            .map(|r| (t.comment(r.index).id, r.depth))
            .collect()
    }

    #[test]
    fn replies_nest_under_parents_oldest_first() {
        let t = Thread::build(vec![
            c(3, 1, 3),
            c(1, 0, 1),
            c(2, 0, 2),
            c(4, 1, 4),
            c(5, 3, 5),
        ]);
        assert_eq!(
            ids(&t, &t.preorder(SortOrder::OldestFirst)),
            vec![(1, 0), (3, 1), (5, 2), (4, 1), (2, 0)]
        );
        assert_eq!(t.node(t.index_of(1).unwrap()).descendants, 3);
    }

    #[test]
    fn newest_first_reorders_threads_but_not_replies() {
        let t = Thread::build(vec![c(1, 0, 1), c(2, 0, 2), c(3, 1, 3), c(4, 1, 4)]);
        assert_eq!(
            ids(&t, &t.preorder(SortOrder::NewestFirst)),
            vec![(2, 0), (1, 0), (3, 1), (4, 1)]
        );
    }

    #[test]
    fn reply_to_a_comment_not_shown_stays_at_top_level_marked() {
        let t = Thread::build(vec![c(1, 0, 1), c(2, 99, 2), c(3, 2, 3)]);
        let i = t.index_of(2).unwrap();
        assert_eq!(t.node(i).detached, Detached::MissingParent);
        assert_eq!(
            ids(&t, &t.preorder(SortOrder::OldestFirst)),
            vec![(1, 0), (2, 0), (3, 1)]
        );
    }

    #[test]
    fn parent_cycle_is_cut_without_dropping_or_looping() {
        // 1 -> 2 -> 3 -> 1 loop, 4 hangs under 3, 5 is its own parent.
        let t = Thread::build(vec![
            c(1, 3, 1),
            c(2, 1, 2),
            c(3, 2, 3),
            c(4, 3, 4),
            c(5, 5, 5),
        ]);
        let rows = t.preorder(SortOrder::OldestFirst);
        let mut seen: Vec<u64> = ids(&t, &rows).into_iter().map(|(id, _)| id).collect();
        seen.sort();
        assert_eq!(seen, vec![1, 2, 3, 4, 5]);
        assert_eq!(t.node(t.index_of(1).unwrap()).detached, Detached::Cycle);
        assert_eq!(t.node(t.index_of(5).unwrap()).detached, Detached::Cycle);
        assert_eq!(ids(&t, &rows), vec![(1, 0), (2, 1), (3, 2), (4, 3), (5, 0)]);
    }

    #[test]
    fn duplicate_ids_appear_once() {
        let t = Thread::build(vec![c(1, 0, 1), c(1, 0, 1), c(2, 1, 2)]);
        assert_eq!(t.len(), 2);
    }

    #[test]
    fn collapsed_comment_hides_its_replies_only() {
        let t = Thread::build(vec![c(1, 0, 1), c(2, 1, 2), c(3, 2, 3), c(4, 0, 4)]);
        let collapsed: HashSet<u64> = [1].into_iter().collect();
        assert_eq!(
            ids(&t, &t.rows(SortOrder::OldestFirst, &collapsed)),
            vec![(1, 0), (4, 0)]
        );
    }

    #[test]
    fn a_very_deep_chain_builds_without_recursion() {
        let n = 100_000u64;
        let comments: Vec<Comment> = (1..=n)
            .map(|i| {
                let mut x = c(i, i - 1, 0);
                x.date_gmt = None;
                x
            })
            .collect();
        let t = Thread::build(comments);
        let rows = t.preorder(SortOrder::OldestFirst);
        assert_eq!(rows.len(), n as usize);
        assert_eq!(rows.last().map(|r| r.depth), Some(n as usize - 1));
        assert_eq!(t.node(t.index_of(1).unwrap()).descendants, n as usize - 1);
    }
}
