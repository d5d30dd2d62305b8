//! What the classifier makes of answers real sites send (cases from public bug reports of
//! WordPress API clients).

use reqwest::header::{HeaderMap, HeaderValue};

use super::*;

fn answer(status: u16, headers: &[(&'static str, &str)], body: &str) -> Response {
    let mut map = HeaderMap::new();
    for (k, v) in headers {
        map.append(*k, HeaderValue::from_str(v).expect("header"));
    }
    Response {
        url: Url::parse("http://blog.example/wp-json/wp/v2/comments?post=5&page=2&_fields=id")
            .expect("url"),
        status,
        headers: map,
        body: body.as_bytes().to_vec(),
    }
}

#[test]
fn a_closed_rest_api_is_named_with_code_message_and_what_to_do() {
    let body = r#"{"code":"rest_cannot_access","message":"Only authenticated users can access the REST API.","data":{"status":401}}"#;
    // A plugin hooking the error twice writes the body twice.
    for body in [body.to_owned(), format!("{body}{body}")] {
        let err = error(&answer(401, &[], &body));
        let Error::RestClosed { code, status, .. } = &err else {
            panic!("{err:?}");
        };
        assert_eq!((code.as_str(), *status), ("rest_cannot_access", 401));
        let msg = err.to_string();
        assert!(msg.contains("closed to anonymous readers"), "{msg}");
        assert!(msg.contains("Only authenticated users"), "{msg}");
        assert!(msg.contains("--as NAME"), "{msg}");
        assert!(!msg.contains("try again"), "{msg}");
        assert_eq!(err.exit_code(), crate::error::exit::NOT_WORDPRESS);
    }
    let forced = r#"{"code":"rest_login_required","message":"Login first"}"#;
    assert!(matches!(
        error(&answer(403, &[], forced)),
        Error::RestClosed { status: 403, .. }
    ));
}

#[test]
fn an_html_page_where_json_was_expected_is_named_with_its_title() {
    let page = "<!DOCTYPE html>\n<html><head><title>Log In &lsaquo; Blog \u{1b}[31m</title></head><body>{x}</body></html>";
    let err = json(&answer(200, &[("content-type", "text/html")], page)).unwrap_err();
    let Error::NotJson { title, status, url } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(title, " titled \"Log In ‹ Blog\"");
    assert_eq!(*status, 200);
    assert_eq!(url, "http://blog.example/wp-json/wp/v2/comments?page=2");
    assert!(!err.to_string().contains("try again"));
    assert!(matches!(
        json(&answer(
            200,
            &[],
            "<html><body>Briefly unavailable</body></html>"
        )),
        Err(Error::NotJson { .. })
    ));
}

#[test]
fn json_with_a_bom_before_and_html_comments_after_reads_fine() {
    let body = "\u{feff}[{\"id\":1}]\n<!-- Cached by WP Super Cache -->\n<!-- 0.12 s -->\n";
    assert_eq!(
        parse_json(body.as_bytes()),
        Ok(serde_json::json!([{"id": 1}]))
    );
    assert_eq!(
        parse_json(b"  {\"a\":1}<!-- x -->  "),
        Ok(serde_json::json!({"a": 1}))
    );
    let notice = "<br />\n<b>Notice</b>: Undefined index: x in /a.php on line 3<br />\n[1,2]";
    assert_eq!(parse_json(notice.as_bytes()), Ok(serde_json::json!([1, 2])));
}

#[test]
fn anything_else_around_json_is_named_precisely() {
    assert_eq!(parse_json(b"  \n"), Err(JsonFault::Empty));
    assert_eq!(
        parse_json(b"[1] trailing words"),
        Err(JsonFault::Trailing {
            at: 4,
            sample: "trailing words".into()
        })
    );
    assert!(matches!(
        parse_json(b"[1] <!-- unclosed"),
        Err(JsonFault::Trailing { at: 4, .. })
    ));
    let Err(JsonFault::Broken(detail)) = parse_json(b"[{\"id\": 1, \"post\": 5") else {
        panic!("truncated JSON is broken JSON");
    };
    assert!(detail.contains("line 1"), "{detail}");
    let err = json(&answer(200, &[], "[1] trailing")).unwrap_err();
    assert!(matches!(err, Error::Malformed { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("JSON followed by other text at byte 4"),
        "{msg}"
    );
    assert!(!msg.contains("try again"), "{msg}");
}

#[test]
fn any_invalid_page_number_is_the_end_of_the_list() {
    for code in [
        "rest_post_invalid_page_number",
        "rest_comment_invalid_page_number",
    ] {
        let body = format!(
            r#"{{"code":"{code}","message":"The page number requested is larger than the number of pages available."}}"#
        );
        assert!(is_past_end(&answer(400, &[], &body)), "{code}");
    }
    assert!(!is_past_end(&answer(
        400,
        &[],
        r#"{"code":"rest_invalid_param"}"#
    )));
}

#[test]
fn a_missing_route_is_named() {
    let body = r#"{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}"#;
    let err = error(&answer(404, &[], body));
    assert!(
        matches!(&err, Error::NoRoute { route, .. } if route == "/wp/v2/comments"),
        "{err:?}"
    );
    assert!(
        err.to_string().contains("no route /wp/v2/comments"),
        "{err}"
    );
    let mut q = answer(404, &[], body);
    q.url = Url::parse("https://b.example/?rest_route=/sites/1/comments").expect("url");
    assert_eq!(route_of(&q.url), "/sites/1/comments");
}

#[test]
fn a_redirect_answering_a_post_says_nothing_was_saved_and_where_it_points() {
    let err = error(&answer(
        301,
        &[("location", "https://blog.example/wp-json/wp/v2/comments")],
        "",
    ));
    let msg = err.to_string();
    assert!(
        matches!(err, Error::Redirected { status: 301, .. }),
        "{msg}"
    );
    assert!(msg.starts_with("nothing was saved"), "{msg}");
    assert!(msg.contains("blog.example/wp-json/wp/v2/comments"), "{msg}");
    assert!(!msg.contains("may or may not"), "{msg}");
}

#[test]
fn try_again_later_is_only_said_of_transient_failures() {
    let transient = error(&answer(503, &[], "")).to_string();
    assert!(transient.contains("try again later"), "{transient}");
    for status in [400, 401, 403, 404, 409, 410] {
        let msg = error(&answer(status, &[], r#"{"code":"x","message":"no"}"#)).to_string();
        assert!(!msg.contains("try again"), "{status}: {msg}");
        assert!(
            msg.starts_with(&format!("HTTP {status}")),
            "leads with what happened: {msg}"
        );
    }
    assert!(matches!(
        error(&answer(429, &[], "")),
        Error::RateLimited { .. }
    ));
}

#[test]
fn a_page_answer_is_html_and_its_failures_are_classified_the_same_way() {
    assert!(page_html(&answer(200, &[], "<html><body>hi</body></html>")).is_ok());
    let closed = r#"{"code":"rest_cannot_access","message":"closed"}"#;
    assert!(matches!(
        page_html(&answer(403, &[], closed)),
        Err(Error::RestClosed { .. })
    ));
    assert!(matches!(
        page_html(&answer(200, &[], "[1]")),
        Err(Error::Malformed { .. })
    ));
}
