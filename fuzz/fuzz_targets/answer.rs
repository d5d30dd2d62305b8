//! Response classifier: any status, `Location`/`Link` header and body. Never panics; every
//! error it words is one line free of unsafe characters.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reqwest::header::{HeaderMap, HeaderValue};
use wpcomments::api::http::answer;
use wpcomments::api::http::Response;
use wpcomments::render::is_unsafe_char;

fuzz_target!(|data: &[u8]| {
    if data.len() < 3 {
        return;
    }
    let status = 100 + u16::from_le_bytes([data[0], data[1]]) % 500;
    // Byte 2 splits the rest into a header value and the body.
    let split = usize::from(data[2]).min(data.len() - 3);
    let (header, body) = data[3..].split_at(split);
    let mut headers = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_bytes(header) {
        headers.insert("location", v.clone());
        headers.insert("link", v);
    }
    let resp = Response {
        url: url::Url::parse("https://blog.example/wp-json/wp/v2/comments?post=5&page=2")
            .expect("url"),
        status,
        headers,
        body: body.to_vec(),
    };
    let check = |e: wpcomments::error::Error| {
        let text = e.to_string();
        assert!(!text.contains('\n'), "{text:?}");
        assert!(!text.chars().any(is_unsafe_char), "{text:?}");
    };
    if let Err(e) = answer::json(&resp) {
        check(e);
    }
    check(answer::error(&resp));
    if let Err(e) = answer::page_html(&resp) {
        check(e);
    }
    let _ = answer::is_past_end(&resp);
    let _ = wpcomments::api::discover::shortlink_id(&resp);
    if let Some(wp) = answer::wp_error(&resp.body) {
        assert!(!wp.code.chars().any(is_unsafe_char));
        assert!(!wp.message.chars().any(is_unsafe_char));
    }
});
