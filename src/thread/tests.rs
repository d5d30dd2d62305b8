//! Tests of the comment tree.

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
    let collapsed: IdSet = [1].into_iter().collect();
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
