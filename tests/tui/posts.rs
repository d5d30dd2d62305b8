//! The post list a site URL opens: paging, site search, opening a post and coming back.

use crossterm::event::{KeyCode, KeyModifiers};
use wpcomments::api::ApiRoot;
use wpcomments::app::Screen;
use wpcomments::app::msg::PostsPage;
use wpcomments::app::{Effect, Msg, ThreadSource};
use wpcomments::model::{Post, Site};
use wpcomments::tui::testing::{app, enter, key, send, type_keys};

fn page(n: u32, search: Option<&str>) -> Msg {
    let posts = (1..=3)
        .map(|i| {
            Post::from_json(serde_json::json!({
                "id": n * 10 + i, "title": {"rendered": format!("Post {i} of page {n}")},
                "link": format!("https://blog.example/p{i}/"), "date_gmt": "2024-05-0{i}T10:00:00",
            }))
            .unwrap()
        })
        .collect();
    Msg::Posts {
        generation: 1,
        list: Box::new(PostsPage {
            site: Site {
                name: "Test Blog".into(),
                url: "https://blog.example/".into(),
                api_root: "https://blog.example/wp-json/".into(),
            },
            api: ApiRoot::Path(url::Url::parse("https://blog.example/wp-json/").unwrap()),
            page: n,
            total_pages: 2,
            posts,
            search: search.map(str::to_owned),
        }),
    }
}

#[test]
fn a_site_lists_posts_pages_searches_opens_and_comes_back() {
    let mut a = app(80, 30);
    a.start(ThreadSource::Url("https://blog.example/".into()));
    send(&mut a, page(1, None));
    assert_eq!(a.screen, Screen::Posts);
    type_keys(&mut a, "j");
    assert_eq!(a.posts.as_ref().unwrap().selected, 1);

    let effects = key(&mut a, KeyCode::PageDown, KeyModifiers::NONE);
    match effects.as_slice() {
        [
            Effect::LoadPosts {
                page: 2,
                search: None,
                ..
            },
        ] => {}
        other => panic!("PgDn should load page 2: {other:?}"),
    }
    let effects = key(&mut a, KeyCode::PageUp, KeyModifiers::NONE);
    assert!(effects.is_empty(), "still on page 1");
    assert_eq!(a.message.as_deref(), Some("first page"));

    type_keys(&mut a, "/cats");
    let effects = enter(&mut a);
    match effects.as_slice() {
        [
            Effect::LoadPosts {
                page: 1,
                search: Some(s),
                ..
            },
        ] if s == "cats" => {}
        other => panic!("search should query the site: {other:?}"),
    }

    let effects = enter(&mut a);
    match effects.as_slice() {
        [
            Effect::Load {
                source: ThreadSource::Post(target),
                ..
            },
        ] => assert_eq!(target.post.id, 12),
        other => panic!("enter should open the post: {other:?}"),
    }
    assert_eq!(a.screen, Screen::Thread);
    let effects = type_keys(&mut a, "q");
    assert!(effects.is_empty());
    assert_eq!(a.screen, Screen::Posts, "q goes back to the list");
    assert_eq!(type_keys(&mut a, "q"), [Effect::Quit]);
}

#[test]
fn esc_on_search_results_goes_back_to_recent_posts() {
    let mut a = app(80, 30);
    a.start(ThreadSource::Url("https://blog.example/".into()));
    send(&mut a, page(1, Some("cats")));
    let effects = key(&mut a, KeyCode::Esc, KeyModifiers::NONE);
    match effects.as_slice() {
        [
            Effect::LoadPosts {
                page: 1,
                search: None,
                ..
            },
        ] => {}
        other => panic!("Esc should reload the unfiltered list: {other:?}"),
    }
    assert!(!a.quit);
}

#[test]
fn a_click_selects_a_post_and_enter_opens_it() {
    let mut a = app(80, 30);
    a.start(ThreadSource::Url("https://blog.example/".into()));
    send(&mut a, page(1, None));
    // Posts take 3 rows each below the 3-row header: the third post starts at row 9.
    send(
        &mut a,
        Msg::Mouse(crossterm::event::MouseEvent {
            kind: crossterm::event::MouseEventKind::Down(crossterm::event::MouseButton::Left),
            column: 4,
            row: 10,
            modifiers: KeyModifiers::NONE,
        }),
    );
    assert_eq!(a.posts.as_ref().map(|l| l.selected), Some(2));
    let effects = enter(&mut a);
    assert!(matches!(
        effects.as_slice(),
        [Effect::Load { source: ThreadSource::Post(t), .. }] if t.post.id == 13
    ));
}
