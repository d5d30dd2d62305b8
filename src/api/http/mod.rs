//! HTTP under the WordPress endpoints: the client (timeouts, retries, size limits), what of a
//! body is kept, the finished response, how a failure reads, and where credentials may
//! travel. Nothing here knows a WordPress route.

pub mod answer;
pub mod body;
pub mod client;
pub mod credentials;
pub mod failure;
pub mod redirect;
pub mod response;
pub mod scope;

pub use body::{BodyKeeper, KeepAll, MAX_BODY};
pub use client::{Client, ClientConfig};
pub use credentials::{Auth, Secret};
pub use failure::http_error;
pub use response::{Response, display_url, short_url};
pub use scope::Scope;
