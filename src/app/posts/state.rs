//! The post list's state: the posts of a site, page by page, and the selection.

use crate::app::msg::PostsPage;
use crate::model::ApiRoot;
use crate::model::{Post, Site};

/// Rows one post takes on screen: title, date and author, gap.
pub const POST_ROWS: usize = 3;

/// State of the post list.
#[derive(Clone, Debug, PartialEq)]
pub struct PostList {
    /// The site.
    pub site: Site,
    /// Its API root.
    pub api: ApiRoot,
    /// 1-based page shown.
    pub page: u32,
    /// Pages in all.
    pub total_pages: u32,
    /// Posts of this page.
    pub posts: Vec<Post>,
    /// Selected post.
    pub selected: usize,
    /// First post on screen.
    pub top: usize,
    /// The site search the list shows, if any.
    pub search: Option<String>,
}

impl PostList {
    /// A list from a page that arrived.
    pub fn from_page(page: PostsPage) -> PostList {
        PostList {
            site: page.site,
            api: page.api,
            page: page.page,
            total_pages: page.total_pages.max(1),
            posts: page.posts,
            selected: 0,
            top: 0,
            search: page.search,
        }
    }

    pub(super) fn keep_visible(&mut self, rows: usize) {
        let fit = (rows / POST_ROWS).max(1);
        if self.selected < self.top {
            self.top = self.selected;
        } else if self.selected >= self.top + fit {
            self.top = self.selected + 1 - fit;
        }
    }
}
