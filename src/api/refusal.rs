//! Why a site refused a comment, worded once for both ways of posting (the REST API and the
//! site's own comment form), so the same refusal reads the same whichever way it came.

/// A refusal WordPress gives for a comment, by its meaning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// `comment_closed` / `rest_comment_closed`.
    Closed,
    /// The post is a draft, trashed, private or password-protected.
    PostCannotTake,
    /// `comment_duplicate` (HTTP 409).
    Duplicate,
    /// `comment_flood` (HTTP 429).
    Flood,
    /// `require_name_email` / `rest_comment_author_data_required`; `true` for a guest.
    NameEmailRequired(bool),
    /// `require_valid_email`.
    InvalidEmail,
    /// `require_valid_comment` / `rest_comment_content_invalid`.
    Empty,
    /// `comment_content_column_length` and the name/email/url length checks.
    TooLong,
    /// `comment_id_not_found` / `rest_comment_invalid_post_id`.
    NoPost,
    /// `rest_comment_invalid_parent`.
    NoParent,
    /// `not_logged_in`: the site's `comment_registration` is on.
    LoginRequired,
}

impl Refusal {
    /// One line: what the site said and what to do.
    pub fn words(self) -> &'static str {
        match self {
            Refusal::Closed => "comments on this post are closed",
            Refusal::PostCannotTake => {
                "this post cannot take comments (it is a draft, trashed, private or password-protected)"
            }
            Refusal::Duplicate => "duplicate comment: this exact comment was already posted here",
            Refusal::Flood => {
                "too many comments too fast: the site's flood check refused this one; wait a minute and try again"
            }
            Refusal::NameEmailRequired(true) => {
                "this site requires a name and an email from guests: set them on the identity"
            }
            Refusal::NameEmailRequired(false) => {
                "this site requires a name and an email for the comment"
            }
            Refusal::InvalidEmail => {
                "this site wants a valid email address: fix the identity's email"
            }
            Refusal::Empty => "the comment is empty",
            Refusal::TooLong => "the comment (or a name) is too long",
            Refusal::NoPost => "that post does not exist on this site",
            Refusal::NoParent => "the comment being replied to does not exist on this post",
            Refusal::LoginRequired => {
                "this site lets only logged-in users comment: add an account identity with `wpcomments identity add NAME --site URL --app-password` and reply --as it"
            }
        }
    }
}
