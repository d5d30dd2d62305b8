//! Every refusal of `POST /wp/v2/comments` becomes one line in words and a documented exit code.

use reqwest::header::HeaderMap;
use serde_json::json;
use url::Url;
use wpcomments::api::http::Response;
use wpcomments::api::write::refusal;

fn answer(status: u16, code: &str) -> Response {
    Response {
        url: Url::parse("https://blog.example.com/wp-json/wp/v2/comments").unwrap(),
        status,
        headers: HeaderMap::new(),
        body: serde_json::to_vec(
            &json!({"code": code, "message": "Server words.", "data": {"status": status}}),
        )
        .unwrap(),
    }
}

#[test]
fn refusals_are_explained_in_one_line_with_their_exit_code() {
    // (status, code, guest, sent credentials, words, exit code)
    let table = [
        (
            401,
            "rest_comment_login_required",
            true,
            false,
            "does not accept guest comments",
            11,
        ),
        (
            401,
            "rest_comment_login_required",
            false,
            true,
            "credentials were not accepted",
            10,
        ),
        (
            400,
            "rest_comment_author_data_required",
            false,
            true,
            "credentials were not accepted",
            10,
        ),
        (
            400,
            "rest_comment_author_data_required",
            true,
            false,
            "requires a name and an email",
            11,
        ),
        (
            403,
            "rest_comment_closed",
            false,
            true,
            "comments on this post are closed",
            11,
        ),
        (
            403,
            "rest_cannot_create",
            false,
            true,
            "forbids this comment: Server words.",
            11,
        ),
        (
            409,
            "comment_duplicate",
            true,
            false,
            "duplicate comment",
            11,
        ),
        (
            400,
            "comment_flood",
            true,
            false,
            "too many comments too fast",
            11,
        ),
        (429, "", true, false, "too many comments too fast", 11),
        (
            400,
            "rest_comment_content_invalid",
            false,
            true,
            "the comment is empty",
            11,
        ),
        (
            400,
            "comment_content_column_length",
            false,
            true,
            "too long",
            11,
        ),
        (
            400,
            "rest_comment_invalid_post_id",
            false,
            true,
            "post does not exist",
            11,
        ),
        (
            401,
            "incorrect_password",
            false,
            true,
            "rejected the credentials",
            10,
        ),
        (
            400,
            "rest_invalid_param",
            false,
            true,
            "rejected the comment: Server words.",
            11,
        ),
        (
            500,
            "internal_server_error",
            false,
            true,
            "may or may not have been saved",
            8,
        ),
        (503, "", false, true, "HTTP 503", 8),
    ];
    for (status, code, guest, sent, words, exit) in table {
        let err = refusal(&answer(status, code), guest, sent);
        let text = err.to_string();
        assert!(text.contains(words), "{status} {code}: {text}");
        assert_eq!(err.exit_code(), exit, "{status} {code}: {text}");
        assert_eq!(text.lines().count(), 1, "{text}");
    }
}
