//! Every view draws at any terminal size down to 1×1: the thread (with body, folds, an error
//! banner, help and link overlays, the composer), the post list and the moderation queue
//! (which panicked with "index outside of buffer" at 5 rows or fewer).

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use wpcomments::api::ApiRoot;
use wpcomments::api::queue::Counts;
use wpcomments::app::msg::PostsPage;
use wpcomments::app::{App, Msg, ThreadSource};
use wpcomments::model::{Post, Site};
use wpcomments::tui::testing::{
    app, fixture_api, key, open, queue_opened, queue_row, render, sample_comments, send,
    thread_data, type_keys,
};

/// Sizes that have broken TUIs: nothing, one cell, one row, one column, fewer rows than the
/// chrome needs, and a few just above.
const SIZES: [(u16, u16); 16] = [
    (1, 1),
    (2, 1),
    (1, 2),
    (1, 40),
    (80, 1),
    (80, 2),
    (80, 3),
    (80, 4),
    (80, 5),
    (80, 6),
    (3, 3),
    (5, 5),
    (10, 4),
    (12, 7),
    (20, 10),
    (9, 30),
];

fn resize(a: &mut App, (width, height): (u16, u16)) {
    send(a, Msg::Resize { width, height });
}

/// Draws `make()` at every size, then a few keys later at every size (scrolling and
/// selection at tiny sizes are where off-by-one panics live).
fn draws_everywhere(name: &str, make: impl Fn() -> App) {
    for size in SIZES {
        let mut a = make();
        resize(&mut a, size);
        let term: Terminal<TestBackend> = render(&a);
        assert_eq!(
            term.backend().buffer().area.width,
            size.0,
            "{name} at {size:?}"
        );
        for k in ["j", "j", "G", "k"] {
            type_keys(&mut a, k);
            render(&a);
        }
        key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
        render(&a);
    }
}

fn thread() -> App {
    let mut a = app(80, 30);
    open(&mut a, thread_data("Fixture", sample_comments()), None);
    a
}

#[test]
fn the_thread_draws_at_every_size() {
    draws_everywhere("thread", thread);
}

#[test]
fn the_thread_with_an_error_banner_draws_at_every_size() {
    draws_everywhere("banner", || {
        let mut a = thread();
        let generation = a.generation;
        send(
            &mut a,
            Msg::LoadFailed {
                generation,
                message: "HTTP 500 (the site failed; try again later) — blog.example/wp-json/wp/v2/comments?page=2".into(),
            },
        );
        a
    });
}

#[test]
fn help_and_link_overlays_draw_at_every_size() {
    draws_everywhere("help", || {
        let mut a = thread();
        type_keys(&mut a, "?");
        a
    });
    draws_everywhere("links", || {
        let mut a = thread();
        type_keys(&mut a, "L");
        a
    });
}

#[test]
fn the_demo_thread_while_loading_draws_at_every_size() {
    draws_everywhere("loading", || {
        let mut a = app(80, 30);
        a.start(ThreadSource::Demo);
        a
    });
}

#[test]
fn the_post_list_draws_at_every_size() {
    draws_everywhere("posts", || {
        let mut a = app(80, 30);
        a.start(ThreadSource::Url("https://blog.example/".into()));
        let posts = (1..=30)
            .map(|i| {
                Post::from_json(serde_json::json!({
                    "id": i, "title": {"rendered": format!("Post number {i} with a long title")},
                    "link": format!("https://blog.example/p{i}/"), "date_gmt": "2024-05-01T10:00:00",
                }))
                .expect("post")
            })
            .collect();
        let generation = a.generation;
        send(
            &mut a,
            Msg::Posts {
                generation,
                list: Box::new(PostsPage {
                    site: Site {
                        name: "Test Blog".into(),
                        url: "https://blog.example/".into(),
                        api_root: "https://blog.example/wp-json/".into(),
                    },
                    api: ApiRoot::Path(
                        url::Url::parse("https://blog.example/wp-json/").expect("url"),
                    ),
                    page: 1,
                    total_pages: 2,
                    posts,
                    search: None,
                }),
            },
        );
        a
    });
}

#[test]
fn the_moderation_queue_draws_at_every_size() {
    draws_everywhere("queue", || {
        let mut a = app(100, 30);
        wpcomments::app::queue::start(&mut a, "https://blog.example/".into(), "admin".into());
        let rows = (1..=12)
            .map(|i| {
                queue_row(
                    i,
                    1,
                    "Fixture",
                    ("Ada", "hold"),
                    i as u32,
                    "Lovely post, thanks",
                )
            })
            .collect();
        let counts = Counts {
            pending: 12,
            approved: 40,
            spam: 0,
            trash: 0,
        };
        queue_opened(&mut a, true, counts, rows);
        let _ = fixture_api();
        a
    });
}
