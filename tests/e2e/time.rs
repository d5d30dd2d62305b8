//! Dates in the real binary in a real terminal: the reader's time zone, labelled, by default;
//! UTC, labelled, with `time_zone = "utc"`.

use crate::support::tmux::Tmux;

const BIN: &str = env!("CARGO_BIN_EXE_wpcomments");
/// POSIX TZ: five and a half hours east of UTC (no tzdata needed).
const TZ: (&str, &str) = ("TZ", "IST-5:30");

#[test]
fn the_tui_shows_local_time_labelled_with_its_offset() {
    let tmux = Tmux::run("tz-local", 110, 30, BIN, &[], &[TZ]);
    // The demo's first comment was written 2011-05-25 at 11:02 UTC.
    let screen = tmux.wait_for("+05:30");
    assert!(screen.contains("2011-05-25 16:32 +05:30"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit().assert_cooked();
}

#[test]
fn time_zone_utc_in_the_config_shows_utc_labelled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "time_zone = \"utc\"\n").expect("write config");
    let config = config.to_str().expect("utf-8 path");
    let tmux = Tmux::run("tz-utc", 110, 30, BIN, &["--config", config], &[TZ]);
    let screen = tmux.wait_for("2011-05-25 11:02 UTC");
    assert!(!screen.contains("+05:30"), "{screen}");
    tmux.keys(&["q"]);
    tmux.wait_exit().assert_cooked();
}
