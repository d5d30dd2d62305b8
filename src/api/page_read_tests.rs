//! Unit tests of `page_read.rs`.

use super::*;

fn walk(links: &[u32], done: &[u32], end_known: bool) -> Walk {
    let base = "https://b.example/p/comment-page-";
    Walk {
        urls: links
            .iter()
            .map(|&n| (n, Url::parse(&format!("{base}{n}/")).unwrap()))
            .collect(),
        done: done.iter().copied().collect(),
        merged: BTreeMap::new(),
        end_known,
        events: 0,
    }
}

fn numbers(batch: &[(u32, Url, bool)]) -> Vec<(u32, bool)> {
    batch.iter().map(|(n, _, guessed)| (*n, *guessed)).collect()
}

#[test]
fn the_newest_page_first_names_every_page_below_it() {
    // WordPress's default: the post's page is the last comment page, linking the one before.
    let w = walk(&[66, 67], &[67], true);
    let batch = w.next_batch(4);
    assert_eq!(batch.len(), 66);
    assert!(batch.iter().all(|(_, _, guessed)| !guessed));
    assert_eq!(batch[0].1.as_str(), "https://b.example/p/comment-page-1/");
}

#[test]
fn pages_that_only_name_the_next_one_are_read_ahead() {
    let w = walk(&[2], &[1], false);
    assert_eq!(
        numbers(&w.next_batch(4)),
        vec![(2, false), (3, true), (4, true), (5, true)]
    );
    let w = walk(&[2], &[1], true);
    assert_eq!(numbers(&w.next_batch(4)), vec![(2, false)]);
}

#[test]
fn guessed_pages_follow_the_links_shape() {
    let plain = Url::parse("https://b.example/?p=4&cpage=2#comments").unwrap();
    assert_eq!(
        nth_page(&plain, 2, 7).as_str(),
        "https://b.example/?p=4&cpage=7#comments"
    );
    let pretty = Url::parse("https://b.example/p/comment-page-2/").unwrap();
    assert_eq!(
        nth_page(&pretty, 2, 10).as_str(),
        "https://b.example/p/comment-page-10/"
    );
}
