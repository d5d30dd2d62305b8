//! The comment tree: built from flat pages by `parent` id, robust to orphans and cycles.
//!
//! Nodes are addressed by their index into [`Thread::comments`]. Building never recurses, so a
//! reply chain of any depth is fine, and every comment the server sent appears exactly once.

use crate::model::{Comment, IdMap, IdSet, keep_last_copies};

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
    /// Oldest reply, newest reply and the next reply to the same parent (indices, [`NONE`]
    /// when there is none): links in the nodes rather than a vector per node, so walking
    /// the tree reads one contiguous array.
    first_child: u32,
    last_child: u32,
    next_sibling: u32,
    /// Why a top-level node with a parent id is at top level.
    pub detached: Detached,
    /// Number of replies below this node, at any depth.
    pub descendants: usize,
    /// Depth in the tree, 0 at top level.
    pub depth: usize,
}

/// No node: the end of a child or sibling link.
const NONE: u32 = u32::MAX;

impl Node {
    fn new(parent: Option<usize>, detached: Detached, depth: usize) -> Node {
        Node {
            parent,
            first_child: NONE,
            last_child: NONE,
            next_sibling: NONE,
            detached,
            descendants: 0,
            depth,
        }
    }

    /// True when the comment has replies.
    pub fn has_children(&self) -> bool {
        self.first_child != NONE
    }
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
    by_id: IdMap<usize>,
}

impl Thread {
    /// Build the tree. Duplicate ids keep the last copy; comments are ordered oldest first.
    pub fn build(mut comments: Vec<Comment>) -> Thread {
        // De-duplicated in place (no second copy of the thread): the last copy of an id wins.
        keep_last_copies(&mut comments);
        // Keys are unique now: the in-place sort gives the same order as a stable one.
        comments.sort_unstable_by_key(Comment::chrono_key);
        let by_id: IdMap<usize> = comments
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id, i))
            .collect();

        let mut nodes: Vec<Node> = comments
            .iter()
            .map(|c| {
                let detached = if c.parent != 0 && !by_id.contains_key(&c.parent) {
                    Detached::MissingParent
                } else {
                    Detached::No
                };
                let parent = by_id.get(&c.parent).copied().filter(|_| c.parent != 0);
                Node::new(parent, detached, 0)
            })
            .collect();
        cut_cycles(&mut nodes);
        for i in 0..nodes.len() {
            if let Some(p) = nodes[i].parent {
                link_child(&mut nodes, p, i);
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
        // Pre-order walk; then children-before-parents for the counts.
        let order = self.preorder(SortOrder::OldestFirst);
        for row in &order {
            self.nodes[row.index].depth = row.depth;
        }
        for row in order.iter().rev() {
            let below: usize = self
                .children(row.index)
                .map(|c| self.nodes[c].descendants + 1)
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
        self.rows(order, &IdSet::default())
    }

    /// Thread order, skipping the replies of collapsed comments (given by id). Walks the
    /// child and sibling links without a stack: one pass over the nodes.
    pub fn rows(&self, order: SortOrder, collapsed: &IdSet) -> Vec<Row> {
        let mut out = Vec::with_capacity(self.comments.len());
        let folded =
            |index: usize| !collapsed.is_empty() && collapsed.contains(&self.comments[index].id);
        let mut walk = |root: usize| {
            let (mut at, mut depth) = (root, 0);
            loop {
                out.push(Row { index: at, depth });
                let node = &self.nodes[at];
                if node.has_children() && !folded(at) {
                    (at, depth) = (node.first_child as usize, depth + 1);
                    continue;
                }
                // Up to the nearest ancestor (in this subtree) with a later sibling.
                loop {
                    if at == root {
                        return;
                    }
                    let node = &self.nodes[at];
                    if node.next_sibling != NONE {
                        at = node.next_sibling as usize;
                        break;
                    }
                    match node.parent {
                        Some(p) => (at, depth) = (p, depth - 1),
                        None => return,
                    }
                }
            }
        };
        match order {
            SortOrder::OldestFirst => self.roots.iter().for_each(|&r| walk(r)),
            SortOrder::NewestFirst => self.roots.iter().rev().for_each(|&r| walk(r)),
        }
        out
    }

    /// Indices of the replies to `index`, oldest first.
    pub fn children(&self, index: usize) -> impl Iterator<Item = usize> + '_ {
        let first = self.nodes[index].first_child;
        std::iter::successors((first != NONE).then_some(first as usize), |&c| {
            let next = self.nodes[c].next_sibling;
            (next != NONE).then_some(next as usize)
        })
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
/// Make `child` the newest reply of `parent`.
fn link_child(nodes: &mut [Node], parent: usize, child: usize) {
    let child32 = child as u32;
    match nodes[parent].last_child {
        NONE => nodes[parent].first_child = child32,
        last => nodes[last as usize].next_sibling = child32,
    }
    nodes[parent].last_child = child32;
}

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
mod tests;
