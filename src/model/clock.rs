//! The clock every stored date is read against.

use chrono::{DateTime, NaiveDateTime, Utc};

/// Now in UTC, or `SOURCE_DATE_EPOCH` when set.
pub fn now_utc() -> NaiveDateTime {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(Utc::now)
        .naive_utc()
}
