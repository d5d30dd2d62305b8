//! HTTP under the WordPress endpoints: the client (timeouts, retries, size limits), the
//! finished response, how a failure reads, and where credentials may travel. Nothing here
//! knows a WordPress route.

pub mod client;
pub mod credentials;
pub mod failure;
pub mod response;

pub use client::{Client, ClientConfig, MAX_BODY};
pub use credentials::{Auth, Secret};
pub use failure::http_error;
pub use response::{Response, display_url};
