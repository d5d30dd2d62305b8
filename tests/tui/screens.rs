//! What the reader draws, as insta snapshots of ratatui's `TestBackend` buffer. Colours are
//! not in the text snapshots, so tests that are about colour also check cell styles.

use std::collections::HashSet;

use crossterm::event::{KeyCode, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use wpcomments::app::msg::PostsPage;
use wpcomments::app::{App, AppConfig, Msg, ThreadSource};
use wpcomments::config::theme::Theme;
use wpcomments::model::Comment;
use wpcomments::present::TimeZone;
use wpcomments::tui::testing::{
    app, comment, fixed_now, key, open, render, send, thread_data, type_keys,
};

fn screen(term: &Terminal<TestBackend>) -> String {
    term.backend().to_string()
}

fn demo(width: u16, height: u16) -> App {
    let mut a = app(width, height);
    open(
        &mut a,
        wpcomments::demo::thread().expect("demo loads"),
        None,
    );
    a
}

/// Cells of row `y` as text.
fn row_text(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

/// Position of the first cell where `needle` starts below the header.
fn find(buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    (3..buf.area.height).find_map(|y| {
        let row = row_text(buf, y);
        row.find(needle)
            .map(|byte| (row[..byte].chars().count() as u16, y))
    })
}

#[test]
fn demo_thread() {
    let a = demo(80, 32);
    insta::assert_snapshot!("demo_thread", screen(&render(&a)));
}

#[test]
fn demo_thread_with_a_reply_selected_and_the_chain_folded() {
    let mut a = demo(80, 24);
    type_keys(&mut a, "j ");
    insta::assert_snapshot!("collapsed_subtree", screen(&render(&a)));
}

#[test]
fn loading_first_frame() {
    let mut a = app(60, 10);
    a.start(ThreadSource::Url("https://blog.example/post/".into()));
    let text = screen(&render(&a));
    assert!(text.contains("loading…"));
    insta::assert_snapshot!("loading", text);
}

fn deep_chain(n: u64) -> Vec<Comment> {
    (1..=n)
        .map(|i| {
            comment(
                i,
                i - 1,
                i as i64,
                &format!("user{i}"),
                &format!("<p>reply number {i} goes one level deeper than the last</p>"),
            )
        })
        .collect()
}

#[test]
fn deep_thread_at_forty_columns_caps_indent_and_prints_depth() {
    let mut a = app(40, 30);
    open(&mut a, thread_data("Deep", deep_chain(30)), None);
    type_keys(&mut a, "G");
    let term = render(&a);
    let text = screen(&term);
    // The depth and the id stay, nothing is cut bare: at 29 levels in 40 columns the age,
    // then the date's zone, time and day are given up before the name goes below a few
    // letters (ui/comment_header.rs).
    assert!(
        text.contains("↳29 user30 #30"),
        "depth past the cap is printed"
    );
    assert!(text.contains("↳25 user26 #26"), "{text}");
    insta::assert_snapshot!("deep_thread_40_cols", text);
}

#[test]
fn wide_glyphs_keep_columns_aligned() {
    let mut a = app(50, 20);
    let comments = vec![
        comment(
            1,
            0,
            1,
            "山田太郎",
            "<p>日本語のコメントです。とても長い文章なので折り返しが必要になります。</p>",
        ),
        comment(
            2,
            1,
            2,
            "Zoë 🎉",
            "<p>Emoji 👨‍👩‍👧 family and flags 🇯🇵 mixed with text that wraps around.</p>",
        ),
    ];
    open(&mut a, thread_data("幅の広い文字 🌏", comments), None);
    let text = screen(&render(&a));
    insta::assert_snapshot!("wide_glyphs", text);
}

#[test]
fn search_matches_are_highlighted_in_author_and_text() {
    let mut a = demo(80, 32);
    type_keys(&mut a, "/ibm");
    key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    let term = render(&a);
    let buf = term.backend().buffer();
    let theme = Theme::builtin_default();
    let (x, y) = find(buf, "IBM").expect("a match is on screen");
    for dx in 0..3 {
        let cell = &buf[(x + dx, y)];
        assert_eq!(
            cell.bg,
            theme.search_match.bg.unwrap_or(Color::Reset),
            "IBM[{dx}]"
        );
        assert_eq!(cell.fg, theme.search_match.fg.unwrap_or(Color::Reset));
    }
    let after = &buf[(x + 3, y)];
    assert_ne!(
        after.bg,
        theme.search_match.bg.unwrap_or(Color::Reset),
        "only the match"
    );
    insta::assert_snapshot!("search_highlight", screen(&term));
}

#[test]
fn help_overlay_lists_the_active_keys() {
    let mut a = demo(80, 44);
    type_keys(&mut a, "?");
    let text = screen(&render(&a));
    assert!(text.contains("g g, home"));
    insta::assert_snapshot!("help_overlay", text);
}

#[test]
fn link_picker() {
    let mut a = demo(80, 24);
    type_keys(&mut a, "jjjo");
    insta::assert_snapshot!("link_picker", screen(&render(&a)));
}

#[test]
fn post_list() {
    let mut a = app(70, 16);
    a.start(ThreadSource::Url("https://blog.example/".into()));
    let posts = (1..=4)
        .map(|i| {
            wpcomments::model::Post::from_json(serde_json::json!({
                "id": i, "title": {"rendered": format!("Post &amp; title {i}")},
                "link": format!("https://blog.example/p{i}/"),
                "date_gmt": format!("2024-05-0{i}T10:00:00"),
                "_embedded": {"author": [{"name": "Editor"}]},
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
                site: wpcomments::model::Site {
                    name: "Test Blog".into(),
                    url: "https://blog.example/".into(),
                    api_root: "https://blog.example/wp-json/".into(),
                },
                api: wpcomments::api::ApiRoot::Path(
                    url::Url::parse("https://blog.example/wp-json/").expect("url"),
                ),
                page: 1,
                total_pages: 3,
                posts,
                search: None,
            }),
        },
    );
    type_keys(&mut a, "j");
    insta::assert_snapshot!("post_list", screen(&render(&a)));
}

#[test]
fn monochrome_theme_uses_no_colour() {
    let config = AppConfig {
        themes: vec![Theme::monochrome()],
        time_zone: TimeZone::Utc,
        ..AppConfig::default()
    };
    let mut a = App::new(config, fixed_now(), 80, 24);
    let seen: HashSet<u64> = [1, 2].into_iter().collect();
    open(
        &mut a,
        wpcomments::demo::thread().expect("demo"),
        Some(seen),
    );
    type_keys(&mut a, "/andy");
    key(&mut a, KeyCode::Enter, KeyModifiers::NONE);
    let term = render(&a);
    let buf = term.backend().buffer();
    for cell in buf.content() {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{cell:?}");
    }
    let (x, y) = find(buf, "Andy").expect("match on screen");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    insta::assert_snapshot!("monochrome", screen(&term));
}

#[test]
fn error_banner_keeps_the_thread() {
    let mut a = demo(80, 20);
    type_keys(&mut a, "R");
    let generation = a.generation;
    send(
        &mut a,
        Msg::LoadFailed {
            generation,
            message: "could not connect to https://blog.example/wp-json/: refused".into(),
        },
    );
    let term = render(&a);
    let buf = term.backend().buffer();
    let theme = Theme::builtin_default();
    let (_, y) = find(buf, "error:").expect("banner");
    assert_eq!(y, 18, "just above the status bar");
    assert_eq!(buf[(0, y)].bg, theme.error.bg.unwrap_or(Color::Reset));
    insta::assert_snapshot!("error_banner", screen(&term));
}

#[test]
fn new_badges_and_ascii_guides() {
    let mut config = AppConfig {
        ascii: true,
        time_zone: TimeZone::Utc,
        ..AppConfig::default()
    };
    config.indent.ascii = true;
    let mut a = App::new(config, fixed_now(), 80, 24);
    let seen: HashSet<u64> = [1, 2].into_iter().collect();
    let comments = vec![
        comment(1, 0, 1, "alice", "<p>old</p>"),
        comment(2, 1, 2, "bob", "<p>old reply</p>"),
        comment(3, 2, 3, "carol", "<p>new reply</p>"),
        comment(4, 0, 4, "dave", "<p>new thread</p>"),
    ];
    open(&mut a, thread_data("Badges", comments), Some(seen));
    let text = screen(&render(&a));
    assert!(text.contains("carol · 1 month ago · 2024-05-01 00:03 UTC #3  new"));
    assert!(!text.contains('│'), "ASCII only");
    insta::assert_snapshot!("new_badges_ascii", text);
}
