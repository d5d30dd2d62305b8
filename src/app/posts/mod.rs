//! The post list: a site's recent posts (or search results), a page at a time.

pub mod state;

pub use state::{POST_ROWS, PostList};

use crate::app::msg::{Effect, PostTarget, PostsPage, ThreadSource};
use crate::app::{App, Screen};
use crate::keys::action::Action;

/// Ask for `page` of the list with `search`.
pub fn request(app: &mut App, page: u32, search: Option<String>) -> Vec<Effect> {
    let Some(list) = &app.posts else {
        return Vec::new();
    };
    app.generation += 1;
    app.progress.active = true;
    app.error = None;
    vec![Effect::LoadPosts {
        generation: app.generation,
        api: list.api.clone(),
        site: list.site.clone(),
        page,
        search,
    }]
}

/// A page of posts arrived.
pub fn loaded(app: &mut App, page: PostsPage) {
    app.progress.active = false;
    app.screen = Screen::Posts;
    app.thread = None;
    if page.posts.is_empty() {
        app.message = Some(match &page.search {
            Some(q) => format!("no posts match {:?}", crate::render::sanitize_line(q)),
            None => "no posts".into(),
        });
    }
    app.posts = Some(PostList::from_page(page));
}

/// A bindable action on the post list.
pub fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let rows = app.areas().main.height as usize;
    let Some(list) = app.posts.as_mut() else {
        return Vec::new();
    };
    let last = list.posts.len().saturating_sub(1);
    match action {
        Action::MoveDown => list.selected = (list.selected + 1).min(last),
        Action::MoveUp => list.selected = list.selected.saturating_sub(1),
        Action::First => list.selected = 0,
        Action::Last => list.selected = last,
        Action::PageDown | Action::HalfPageDown => {
            if list.page < list.total_pages {
                let (page, search) = (list.page + 1, list.search.clone());
                return request(app, page, search);
            }
            app.message = Some("last page".into());
        }
        Action::PageUp | Action::HalfPageUp => {
            if list.page > 1 {
                let (page, search) = (list.page - 1, list.search.clone());
                return request(app, page, search);
            }
            app.message = Some("first page".into());
        }
        Action::Refresh => {
            let (page, search) = (list.page, list.search.clone());
            return request(app, page, search);
        }
        Action::Select | Action::ToggleCollapse => return open_selected(app),
        Action::Back if list.search.is_some() => return request(app, 1, None),
        Action::Back => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        _ => {}
    }
    if let Some(list) = app.posts.as_mut() {
        list.keep_visible(rows);
    }
    Vec::new()
}

fn open_selected(app: &mut App) -> Vec<Effect> {
    let Some(list) = &app.posts else {
        return Vec::new();
    };
    let Some(post) = list.posts.get(list.selected) else {
        return Vec::new();
    };
    let source = ThreadSource::Post(Box::new(PostTarget {
        api: list.api.clone(),
        site: list.site.clone(),
        post: post.clone(),
        focus: None,
        source_url: post.link.clone(),
    }));
    app.screen = Screen::Thread;
    app.thread = None;
    app.load(source)
}
