//! A loopback fake WordPress that serves one post with N synthetic comments through the REST
//! routes and headers wpcomments uses, answering every request after a fixed latency: the
//! latency server of `scripts/bench`.
//!
//! Usage: `cargo run --release --example latency_server -- [--comments N] [--latency-ms MS]
//! [--port P]`. It prints the post's URL on its first line, then serves until killed.
//!
//! Routes (HTTP/1.1, keep-alive, GET and HEAD):
//! - `/2020/01/01/big/`: the post page; `Link` headers advertise `/wp-json/` and the post route
//! - `/wp-json/`: the site index; `/wp-json/wp/v2/posts/5`: the post
//! - `/wp-json/wp/v2/comments?post=5&page=P&per_page=K`: one page of comments, oldest first, with
//!   `X-WP-Total` and `X-WP-TotalPages` like WordPress
//!
//! Plain `std::net` and one thread per connection rather than wiremock: matching 500 mocks
//! per request, or a Python server on two shared cores, would add the server's own time to
//! what is measured; this answers a 45 KB page in microseconds, so what is measured is the
//! client plus the configured latency.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

const POST_ID: u64 = 5;
const PERMALINK: &str = "/2020/01/01/big/";

struct Config {
    comments: u64,
    latency: Duration,
    base: String,
}

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let (mut comments, mut latency_ms, mut port) = (50_000u64, 50u64, 0u16);
    while let Some(flag) = args.next() {
        let value = args.next().unwrap_or_default();
        let bad = |_| std::io::Error::other(format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--comments" => comments = value.parse().map_err(bad)?,
            "--latency-ms" => latency_ms = value.parse().map_err(bad)?,
            "--port" => port = value.parse().map_err(bad)?,
            _ => return Err(std::io::Error::other(format!("unknown flag {flag}"))),
        }
    }
    let listener = TcpListener::bind(("127.0.0.1", port))?;
    let base = format!("http://{}", listener.local_addr()?);
    println!("{base}{PERMALINK}");
    std::io::stdout().flush()?;
    let config = Arc::new(Config {
        comments,
        latency: Duration::from_millis(latency_ms),
        base,
    });
    for stream in listener.incoming().flatten() {
        let config = Arc::clone(&config);
        thread::spawn(move || serve(stream, &config));
    }
    Ok(())
}

/// Answer requests on one connection until the client closes it.
fn serve(stream: TcpStream, config: &Config) {
    let _ = stream.set_nodelay(true);
    let Ok(mut out) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(stream);
    loop {
        let mut request = String::new();
        if reader.read_line(&mut request).unwrap_or(0) == 0 {
            return;
        }
        // Headers are read and ignored (GET and HEAD have no body).
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            if line.trim_end().is_empty() {
                break;
            }
        }
        let mut parts = request.split_whitespace();
        let method = parts.next().unwrap_or_default();
        let target = parts.next().unwrap_or_default();
        thread::sleep(config.latency);
        let (status, headers, body) = route(target, config);
        let mut head = format!(
            "HTTP/1.1 {status}\r\ncontent-length: {}\r\ncontent-type: {}\r\n",
            body.len(),
            if target.starts_with("/wp-json") {
                "application/json; charset=UTF-8"
            } else {
                "text/html; charset=UTF-8"
            }
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let sent = out.write_all(head.as_bytes()).and_then(|()| {
            if method == "HEAD" {
                Ok(())
            } else {
                out.write_all(body.as_bytes())
            }
        });
        if sent.is_err() {
            return;
        }
    }
}

type Reply = (&'static str, Vec<(&'static str, String)>, String);

fn route(target: &str, config: &Config) -> Reply {
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let param = |name: &str| {
        query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == name)
            .and_then(|(_, v)| v.parse::<u64>().ok())
    };
    let base = &config.base;
    match path {
        PERMALINK => (
            "200 OK",
            vec![
                ("link", format!("<{base}/wp-json/>; rel=\"https://api.w.org/\"")),
                (
                    "link",
                    format!(
                        "<{base}/wp-json/wp/v2/posts/{POST_ID}>; rel=\"alternate\"; type=\"application/json\""
                    ),
                ),
            ],
            "<html><body>Big thread</body></html>".into(),
        ),
        "/wp-json/" => (
            "200 OK",
            Vec::new(),
            format!(
                r#"{{"name":"Latency blog","home":"{base}","url":"{base}","namespaces":["oembed/1.0","wp/v2"]}}"#
            ),
        ),
        p if p == format!("/wp-json/wp/v2/posts/{POST_ID}") => (
            "200 OK",
            Vec::new(),
            format!(
                r#"{{"id":{POST_ID},"type":"post","title":{{"rendered":"A thread of {} comments"}},"link":"{base}{PERMALINK}","date_gmt":"2020-01-01T00:00:00","author":1,"comment_status":"open","_embedded":{{"author":[{{"id":1,"name":"Admin"}}]}}}}"#,
                config.comments
            ),
        ),
        "/wp-json/wp/v2/comments" => {
            let per_page = param("per_page").unwrap_or(10).clamp(1, 100);
            let page = param("page").unwrap_or(1).max(1);
            let pages = config.comments.div_ceil(per_page);
            let first = (page - 1) * per_page + 1;
            let last = (page * per_page).min(config.comments);
            let items: Vec<String> = (first..=last).map(|i| comment(i, base)).collect();
            (
                "200 OK",
                vec![
                    ("x-wp-total", config.comments.to_string()),
                    ("x-wp-totalpages", pages.to_string()),
                ],
                format!("[{}]", items.join(",")),
            )
        }
        _ => (
            "404 Not Found",
            Vec::new(),
            r#"{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}"#.into(),
        ),
    }
}

/// Comment `i`: threads of ~25 comments with replies up to 12 deep, bodies of one to three
/// paragraphs (≈450 bytes of JSON on average, like a real page of 100 at ≈45 KB).
fn comment(i: u64, base: &str) -> String {
    let parent = if i % 25 == 1 {
        0
    } else if i.is_multiple_of(12) {
        i - 11
    } else {
        i - 1
    };
    let extra = "<p>Another paragraph that is long enough to wrap at narrower widths, with \
                 <em>emphasis<\\/em> and a quote:<\\/p>\\n"
        .repeat((i % 3) as usize);
    // Ten seconds apart, so `date_gmt` order is id order.
    let t = i * 10;
    format!(
        r#"{{"id":{i},"post":{POST_ID},"parent":{parent},"author":0,"author_name":"bulk reader {i}","author_url":"","date_gmt":"2020-01-{:02}T{:02}:{:02}:{:02}","content":{{"rendered":"<p>bulk comment {i} says something about <b>the post<\/b> with a <a href=\"https:\/\/example.com\/{i}\" rel=\"nofollow ugc\">link<\/a>.<\/p>\n{extra}"}},"link":"{base}{PERMALINK}#comment-{i}","status":"approved","type":"comment"}}"#,
        1 + t / 86_400,
        t / 3600 % 24,
        t / 60 % 60,
        t % 60,
    )
}
