//! The real WordPress the integration tests run against (see `tests/wp/server`).
//!
//! `wordpress()` uses the server named by `WPCOMMENTS_WP_ENV` (a path to its `env.json`,
//! as `scripts/test` exports) or else starts one with `tests/wp/server start`, which is
//! idempotent and safe to call from several test binaries at once. A server started here
//! keeps running after the tests; `tests/wp/server stop` stops it. If WordPress cannot be
//! had, the test panics: these tests never skip.
//!
//! The manifest (`env.json`) holds ids, permalinks, comment counts and credentials of the
//! seeded content; `tests/wp/README.md` describes it. Tests that write go to the `sandbox`
//! post (or create their own content), so the seeded counts stay true for everyone.
#![allow(dead_code)] // each test binary uses a different part of this

use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

use serde_json::Value;

/// A comment body no other test or run has used (WordPress refuses duplicate comments).
pub fn unique(text: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    format!("{text} {nanos}")
}

/// A running WordPress and what was seeded into it.
pub struct Wp {
    /// Site address without trailing slash, e.g. `http://127.0.0.1:41234`.
    pub url: String,
    /// The parsed `env.json`.
    pub manifest: Value,
}

/// The shared test WordPress; starts it on first use.
pub fn wordpress() -> &'static Wp {
    static WP: OnceLock<Wp> = OnceLock::new();
    WP.get_or_init(|| {
        let path = match std::env::var_os("WPCOMMENTS_WP_ENV") {
            Some(path) => PathBuf::from(path),
            None => start_server(),
        };
        let wp = Wp::load(&path);
        wp.assert_listening();
        wp
    })
}

fn start_server() -> PathBuf {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/wp/server");
    let run = |arg: &str| {
        Command::new(&script)
            .arg(arg)
            .output()
            .unwrap_or_else(|e| panic!("cannot run {} {arg}: {e}", script.display()))
    };
    let start = run("start");
    if !start.status.success() {
        panic!(
            "`tests/wp/server start` failed ({}); the tests need a real WordPress \
             (`tests/wp/server install` installs it on Debian):\n{}",
            start.status,
            String::from_utf8_lossy(&start.stderr)
        );
    }
    let env = run("env");
    let path = String::from_utf8_lossy(&env.stdout).trim().to_owned();
    if !env.status.success() || path.is_empty() {
        panic!(
            "WordPress started but `tests/wp/server env` found no manifest:\n{}",
            String::from_utf8_lossy(&env.stderr)
        );
    }
    PathBuf::from(path)
}

impl Wp {
    fn load(path: &Path) -> Wp {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
            panic!(
                "cannot read the WordPress manifest {} ({e}); is the server running? \
                 (`tests/wp/server start`, or unset WPCOMMENTS_WP_ENV)",
                path.display()
            )
        });
        let manifest: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()));
        let url = manifest["url"]
            .as_str()
            .unwrap_or_else(|| panic!("{} has no \"url\"", path.display()))
            .trim_end_matches('/')
            .to_owned();
        Wp { url, manifest }
    }

    fn assert_listening(&self) {
        let host = self.url.trim_start_matches("http://");
        let reachable = host
            .to_socket_addrs()
            .ok()
            .and_then(|mut addrs| addrs.next())
            .is_some_and(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok());
        assert!(
            reachable,
            "WordPress at {} does not answer; restart it with `tests/wp/server restart`",
            self.url
        );
    }

    /// The same site served with another behaviour (`tests/wp/server`'s MODES): `stock` (guests may
    /// not comment over REST), `closed` (anonymous REST requests answer 401 `rest_cannot_access`),
    /// `stock_block` and `closed_block` (the same with the block theme Twenty Twenty-Three);
    /// `closed_paged`, `closed_paged_block`, `closed_paged_oldest` (comments in pages of 50).
    /// Returns the site address without trailing slash; the seeded content is the same.
    pub fn mode_url(&self, mode: &str) -> &str {
        self.str_at(&["modes", mode])
    }

    /// A seeded post's permalink as served in a mode (see [`Wp::mode_url`]).
    pub fn mode_link(&self, mode: &str, post: &str) -> String {
        let link = self.post_link(post);
        format!("{}{}", self.mode_url(mode), &link[self.url.len()..])
    }

    /// The REST API root, e.g. `http://127.0.0.1:41234/wp-json/`.
    pub fn api(&self) -> &str {
        self.str_at(&["api"])
    }

    /// A seeded post by name: `demo`, `hostile`, `big`, `page`, `closed`, `book`, `empty`, `sandbox`.
    pub fn post(&self, name: &str) -> &Value {
        self.at(&["posts", name])
    }

    /// The id of a seeded post.
    pub fn post_id(&self, name: &str) -> u64 {
        self.u64_at(&["posts", name, "id"])
    }

    /// The permalink of a seeded post (pretty: `/2011/05/25/slug/`).
    pub fn post_link(&self, name: &str) -> &str {
        self.str_at(&["posts", name, "link"])
    }

    /// How many comments an anonymous REST reader sees on a seeded post
    /// (approved, type `comment`: no pingbacks, no held, spam or trashed ones).
    pub fn approved_comments(&self, name: &str) -> u64 {
        self.u64_at(&["posts", name, "comments_approved"])
    }

    /// The id of a named seeded comment, e.g. `demo_andy`, `held_demo`, `orphan`, `deep_leaf`.
    pub fn comment_id(&self, name: &str) -> u64 {
        self.u64_at(&["comments", name])
    }

    /// A seeded user by name: `admin`, `delph`, `sub`.
    pub fn user(&self, name: &str) -> &Value {
        self.at(&["users", name])
    }

    /// The login password of a seeded user.
    pub fn password(&self, user: &str) -> &str {
        self.str_at(&["users", user, "password"])
    }

    /// The application password (for HTTP Basic auth) of a seeded user.
    pub fn app_password(&self, user: &str) -> &str {
        self.str_at(&["users", user, "app_password"])
    }

    /// A blocking REST call as the administrator (application password), answering JSON:
    /// how the end-to-end tests check what the program did, through the real API.
    pub fn admin_call(&self, method: reqwest::Method, url: String, body: Option<Value>) -> Value {
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        rt.block_on(async {
            let mut req = reqwest::Client::new()
                .request(method, url)
                .basic_auth("admin", Some(self.app_password("admin")));
            if let Some(b) = body {
                req = req.json(&b);
            }
            let resp = req.send().await.expect("WordPress answers");
            resp.json::<Value>().await.expect("JSON answer")
        })
    }

    fn at(&self, keys: &[&str]) -> &Value {
        let found = keys.iter().try_fold(&self.manifest, |v, k| v.get(k));
        found.unwrap_or_else(|| panic!("the WordPress manifest has no {}", keys.join(".")))
    }

    fn str_at(&self, keys: &[&str]) -> &str {
        let v = self.at(keys);
        v.as_str()
            .unwrap_or_else(|| panic!("manifest {} is not a string: {v}", keys.join(".")))
    }

    /// A number in the manifest by its path of keys, e.g. `["posts", "demo", "pings_approved"]`.
    pub fn u64_at(&self, keys: &[&str]) -> u64 {
        let v = self.at(keys);
        v.as_u64()
            .unwrap_or_else(|| panic!("manifest {} is not a number: {v}", keys.join(".")))
    }
}
