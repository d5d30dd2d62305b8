//! Fixtures for driving the app without a terminal or network: tests and benches feed it the
//! same messages the worker would send and draw it into ratatui's `TestBackend`.

use std::collections::HashSet;

use chrono::NaiveDateTime;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::json;

use crate::app::msg::{Effect, Msg, ThreadSource};
use crate::app::update::update;
use crate::app::{App, AppConfig};
use crate::model::{Comment, Post, Site, ThreadData};
use crate::ui::draw;

/// A fixed "now" (2024-06-01 12:00 UTC) so relative dates are stable.
pub fn fixed_now() -> NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2024, 6, 1)
        .and_then(|d| d.and_hms_opt(12, 0, 0))
        .unwrap_or_default()
}

/// A comment posted `minutes` after 2024-05-01 00:00 UTC.
pub fn comment(id: u64, parent: u64, minutes: i64, author: &str, html: &str) -> Comment {
    let base = chrono::NaiveDate::from_ymd_opt(2024, 5, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .unwrap_or_default();
    let date = base + chrono::Duration::minutes(minutes);
    let raw = json!({
        "id": id, "post": 1, "parent": parent, "author_name": author,
        "date_gmt": date.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "content": {"rendered": html},
        "link": format!("https://blog.example/post/#comment-{id}"),
        "status": "approved", "type": "comment",
    });
    Comment::from_json(raw).unwrap_or_else(|e| panic!("fixture comment: {e}"))
}

/// A thread on a test site with these comments.
pub fn thread_data(title: &str, comments: Vec<Comment>) -> ThreadData {
    let post = Post::from_json(json!({
        "id": 1, "type": "post", "title": {"rendered": title},
        "link": "https://blog.example/post/", "date_gmt": "2024-04-30T09:00:00",
        "_embedded": {"author": [{"name": "Editor"}]},
    }))
    .unwrap_or_else(|e| panic!("fixture post: {e}"));
    let total = comments.len() as u64;
    ThreadData {
        site: Site {
            name: "Test Blog".into(),
            url: "https://blog.example/".into(),
            api_root: "https://blog.example/wp-json/".into(),
        },
        post,
        comments,
        total_reported: Some(total),
        fetched_at: None,
        source_url: "https://blog.example/post/".into(),
    }
}

/// A small tree for navigation tests:
///
/// ```text
/// 1 alice          "first thought"
/// ├ 2 bob          "a reply with a needle"
/// │ └ 4 dave       "deep needle"
/// └ 3 carol        "another reply"
/// 5 eve            "second thread"
/// └ 6 frank        "Needle in caps"
/// 7 grace          "third thread" with an http link and a mailto link
/// ```
pub fn sample_comments() -> Vec<Comment> {
    vec![
        comment(1, 0, 1, "alice", "<p>first thought</p>"),
        comment(2, 1, 2, "bob", "<p>a reply with a needle</p>"),
        comment(3, 1, 3, "carol", "<p>another reply</p>"),
        comment(4, 2, 4, "dave", "<p>deep needle</p>"),
        comment(5, 0, 5, "eve", "<p>second thread</p>"),
        comment(6, 5, 6, "frank", "<p>Needle in caps</p>"),
        comment(
            7,
            0,
            7,
            "grace",
            r#"<p>third thread, with <a href="https://x.example/a">a link</a> and <a href="mailto:g@x.example">mail</a></p>"#,
        ),
    ]
}

/// An 80×40 app with [`sample_comments`] loaded (first visit).
pub fn sample_app() -> App {
    let mut a = app(80, 40);
    open(&mut a, thread_data("Fixture", sample_comments()), None);
    a
}

/// Ids of the visible rows, in order.
pub fn visible_ids(app: &App) -> Vec<u64> {
    app.thread
        .as_ref()
        .map(|v| v.rows.iter().map(|r| v.id_at(r.index)).collect())
        .unwrap_or_default()
}

/// Press Enter.
pub fn enter(app: &mut App) -> Vec<Effect> {
    key(app, KeyCode::Enter, KeyModifiers::NONE)
}

/// Press Esc.
pub fn esc(app: &mut App) -> Vec<Effect> {
    key(app, KeyCode::Esc, KeyModifiers::NONE)
}

/// A `width`×`height` app with the default config.
pub fn app(width: u16, height: u16) -> App {
    App::new(AppConfig::default(), fixed_now(), width, height)
}

/// The messages a worker sends for a whole thread arriving at once.
pub fn arrival(generation: u64, data: ThreadData, seen: Option<HashSet<u64>>) -> Vec<Msg> {
    let seen_key = Some(format!("{}#{}", data.site.api_root, data.post.id));
    let mut msgs = Vec::from(crate::app::msg::in_memory_thread(
        generation, data, seen, seen_key,
    ));
    msgs.push(Msg::LoadDone { generation });
    msgs
}

/// Start a load in `app` and deliver `data` as the worker would; returns the effects.
pub fn open(app: &mut App, data: ThreadData, seen: Option<HashSet<u64>>) -> Vec<Effect> {
    let mut effects = app.start(ThreadSource::Demo);
    for msg in arrival(app.generation, data, seen) {
        effects.extend(update(app, msg));
    }
    effects
}

/// Feed a message.
pub fn send(app: &mut App, msg: Msg) -> Vec<Effect> {
    update(app, msg)
}

/// Type keys: each char is a key press (`"gg"`, `"J"`); use [`key`] for named keys.
pub fn type_keys(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars()
        .flat_map(|c| {
            update(
                app,
                Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
            )
        })
        .collect()
}

/// Press one key with modifiers.
pub fn key(app: &mut App, code: KeyCode, mods: KeyModifiers) -> Vec<Effect> {
    update(app, Msg::Key(KeyEvent::new(code, mods)))
}

/// Draw the app into a test terminal of its size.
pub fn render(app: &App) -> Terminal<TestBackend> {
    let backend = TestBackend::new(app.width, app.height);
    let mut terminal = Terminal::new(backend).unwrap_or_else(|e| panic!("test terminal: {e}"));
    terminal
        .draw(|f| draw(app, f))
        .unwrap_or_else(|e| panic!("draw: {e}"));
    terminal
}

/// The selected comment's id.
pub fn selected(app: &App) -> Option<u64> {
    app.thread.as_ref().and_then(|v| v.selected)
}

/// The moderation requests among `effects`: (comment id, action, status it was in).
pub fn moderation_applies(
    effects: &[Effect],
) -> Vec<(
    u64,
    crate::model::moderation::ModAction,
    crate::model::moderation::Status,
)> {
    effects
        .iter()
        .filter_map(|e| match e {
            Effect::Moderation(crate::app::msg::moderation::ModEffect::Apply {
                id,
                action,
                current,
                ..
            }) => Some((*id, *action, *current)),
            _ => None,
        })
        .collect()
}

/// The fixture site's API root, `https://blog.example/wp-json/`.
pub fn fixture_api() -> crate::model::ApiRoot {
    crate::model::ApiRoot::Path(
        url::Url::parse("https://blog.example/wp-json/")
            .unwrap_or_else(|e| panic!("fixture url: {e}")),
    )
}

/// A moderation queue row as `/wp/v2/comments?context=edit` sends it, on post `post`
/// titled `post_title`.
pub fn queue_row(
    id: u64,
    post: u64,
    post_title: &str,
    (author, status): (&str, &str),
    minutes: u32,
    text: &str,
) -> crate::model::queue::QueueRow {
    let v = json!({
        "id": id, "post": post, "parent": 0, "author_name": author,
        "author_email": format!("{}@example.com", author.to_lowercase()),
        "author_url": "", "author_ip": "192.0.2.7",
        "date_gmt": format!("2024-05-01T10:{minutes:02}:00"),
        "content": {"rendered": format!("<p>{text}</p>"), "raw": text},
        "link": format!("https://blog.example/post/#comment-{id}"),
        "status": status, "type": "comment",
    });
    let mut row = crate::model::queue::QueueRow::from_json(&v)
        .unwrap_or_else(|| panic!("fixture queue row {id}"));
    row.post_title = post_title.into();
    row
}

/// Deliver the queue's first page as the worker would after `queue::start`.
pub fn queue_opened(
    app: &mut App,
    can_moderate: bool,
    counts: crate::model::queue::Counts,
    rows: Vec<crate::model::queue::QueueRow>,
) {
    let total = rows.len() as u64;
    let open = crate::app::moderation::QueueOpen {
        site: Site {
            name: "Test Blog".into(),
            url: "https://blog.example/".into(),
            api_root: fixture_api().display(),
        },
        api: fixture_api(),
        can_moderate,
        counts,
        page: crate::model::queue::QueuePage {
            rows,
            page: 1,
            total_pages: 1,
            total,
        },
    };
    let generation = app.generation;
    send(
        app,
        Msg::Moderation(Box::new(crate::app::moderation::ModMsg::QueueOpened {
            generation,
            result: Ok(Box::new(open)),
        })),
    );
}
