//! Identities and their secrets: the store on disk, refusals, OAuth on the wire.

#[allow(dead_code)] // each suite uses part of the shared helpers
#[path = "../support/mod.rs"]
mod support;

mod oauth_wire;
mod oauth_wpcom;
mod refusals;
mod store;
