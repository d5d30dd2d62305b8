//! The CLI as a newcomer meets it: one set of settings for every command, usage errors for
//! flags that would do nothing, per-command help, completions and a man page, the files
//! table, links typed without a scheme, `--verbose`, and dumps that honour the config.

use assert_cmd::Command;

use crate::fault::*;
use wiremock::MockServer;

/// The binary with its own (empty) config and data folders.
fn wpc(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("wpcomments").expect("binary built");
    cmd.env_remove("NO_COLOR")
        .env("WPCOMMENTS_CONFIG_DIR", home.path().join("config"))
        .env("WPCOMMENTS_DATA_DIR", home.path().join("data"))
        .env("WPCOMMENTS_CACHE_DIR", home.path().join("cache"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

/// (exit code, stdout, stderr).
fn run(home: &tempfile::TempDir, args: &[&str]) -> (i32, String, String) {
    let out = wpc(home).args(args).output().expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn home() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

#[test]
fn a_broken_or_missing_config_fails_every_command_the_same_way() {
    let h = home();
    let missing = h.path().join("nonexistent.toml");
    let missing = missing.to_str().expect("utf-8");
    let bad = h.path().join("bad.toml");
    std::fs::write(&bad, "theme = \"default\"\ncolour = 3\n").expect("write");
    let bad = bad.to_str().expect("utf-8");
    for args in [
        vec!["--dump"],
        vec!["--dump", "--format", "json"],
        vec!["identity", "list"],
        vec!["reply", "https://blog.example.com/p/"],
    ] {
        // Flags go after a subcommand (before it they would be the reader's).
        let (code, out, err) = run(&h, &[&args[..], &["--config", missing]].concat());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            out.is_empty() && err.contains("nonexistent.toml"),
            "{args:?}: {err}"
        );
        let (code, _, err) = run(&h, &[&args[..], &["--config", bad]].concat());
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("bad.toml:2") && err.contains("colour"),
            "{err}"
        );
    }
    // The config folder's own config.toml counts too.
    std::fs::create_dir_all(h.path().join("config")).expect("mkdir");
    std::fs::write(h.path().join("config/config.toml"), "indent_cap = 0\n").expect("write");
    let (code, _, err) = run(&h, &["--dump"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("config.toml:1") && err.contains("indent_cap"),
        "{err}"
    );
}

#[test]
fn date_format_and_indent_width_apply_to_dumps() {
    let h = home();
    let config = h.path().join("c.toml");
    std::fs::write(&config, "date_format = \"%d.%m.%Y\"\nindent_width = 4\n").expect("write");
    let (code, text, err) = run(&h, &["--config", config.to_str().unwrap(), "--dump"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        text.contains("Andy Piper · 25.05.2011 UTC · #101"),
        "{text}"
    );
    assert!(
        text.contains("\n│   Howard Smith · 25.05.2011 UTC"),
        "{text}"
    );
    assert!(text.contains("\n│   │   Delph · "), "{text}");
    let (_, md, _) = run(
        &h,
        &[
            "--config",
            config.to_str().unwrap(),
            "--dump",
            "-f",
            "markdown",
        ],
    );
    assert!(md.contains("25.05.2011 UTC"), "{md}");
}

#[test]
fn dump_flags_without_dump_are_usage_errors() {
    let h = home();
    for args in [
        &["--format", "json"][..],
        &["-f", "markdown", "thread.json"],
        &["--width", "50"],
    ] {
        let (code, out, err) = run(&h, args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(err.contains("--dump"), "{args:?}: {err}");
    }
}

#[test]
fn each_command_explains_as_in_its_own_words() {
    let h = home();
    let help = |args: &[&str]| run(&h, args).1;
    assert!(help(&["moderate", "--help"]).contains("Moderate as this identity"));
    assert!(help(&["reply", "--help"]).contains("Post as this identity"));
    assert!(help(&["--help"]).contains("Read as this identity"));
    for args in [
        &["identity", "--help"][..],
        &["identity", "list", "--help"],
        &["identity", "add", "--help"],
    ] {
        assert!(!help(args).contains("--as"), "{args:?} offers --as");
    }
    let (code, _, err) = run(&h, &["identity", "list", "--as", "x"]);
    assert_eq!(code, 2, "{err}");
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let h = home();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out, err) = run(&h, &["completions", shell]);
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(out.contains("wpcomments"), "{shell}");
        // Subcommands and their flags are in the script.
        assert!(
            out.contains("moderate") && out.contains("approve"),
            "{shell}"
        );
    }
    let (code, man, _) = run(&h, &["man"]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie") || man.contains(".TH wpcomments"),
        "{man}"
    );
    assert!(man.contains("moderate") && man.contains("dump"), "{man}");
    // The exit codes, as the README lists them.
    assert!(man.contains(".SH \"EXIT STATUS\""), "{man}");
    assert!(man.contains(".TP\n7\nrate limited"), "{man}");
    let (code, _, _) = run(&h, &["completions", "tcsh"]);
    assert_eq!(code, 2);
}

#[test]
fn help_lists_every_file_at_its_real_place() {
    let h = home();
    let (code, help, _) = run(&h, &["--help"]);
    assert_eq!(code, 0);
    let config = h.path().join("config");
    let data = h.path().join("data");
    for file in ["config.toml", "themes/", "identities.toml", "secrets.toml"] {
        let shown = config.join(file).display().to_string();
        assert!(help.contains(&shown), "{shown} in\n{help}");
    }
    for file in ["drafts/", "seen/"] {
        let shown = data.join(file).display().to_string();
        assert!(help.contains(&shown), "{shown} in\n{help}");
    }
    assert!(help.contains("wpcomments.log"), "{help}");
    // Short help points to it.
    assert!(run(&h, &["-h"]).1.contains("--help lists the files"));
}

#[test]
fn a_typo_in_a_file_name_is_no_such_file_or_host() {
    let h = home();
    let (code, out, err) = run(&h, &["--dump", "thread.jsn"]);
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("no such file or host: thread.jsn"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_link_without_scheme_falls_back_to_http_once_and_says_so() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_comment_pages(&server, &[comment(1, 0, 1, "hello over http")], 100).await;
    let h = home();
    let bare = post_url(&server).replacen("http://", "", 1);
    let (code, out, err) = run(&h, &["--dump", &bare]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("hello over http"), "{out}");
    let http = format!("using {}/", server.uri());
    assert!(err.contains(&http) && err.contains("failed"), "{err}");
    // Typed with https, there is no fallback, and the advice fits: the server speaks http.
    let https = post_url(&server).replacen("http://", "https://", 1);
    let (code, _, err) = run(&h, &["--dump", &https]);
    assert_eq!(code, 4, "{err}");
    assert!(err.contains("answered in plain http"), "{err}");
    assert!(!err.contains("certificate"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_refused_connection_without_scheme_reports_the_https_failure() {
    let h = home();
    // Nothing listens on port 1: https and http are both refused.
    let (code, _, err) = run(&h, &["--dump", "127.0.0.1:1/post/"]);
    assert_eq!(code, 3, "{err}");
    // Error lines name the URL short (`https://` dropped, `http://` kept): the https one.
    assert!(err.contains("— 127.0.0.1:1/post/"), "{err}");
    assert!(!err.contains("http://127.0.0.1:1"), "{err}");
    assert!(err.contains("connection refused"), "{err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn verbose_logs_requests_with_status_and_time_and_quiet_stays_quiet() {
    let server = MockServer::start().await;
    mount_site(&server).await;
    mount_comment_pages(&server, &[comment(1, 0, 1, "logged")], 100).await;
    let h = home();
    let url = post_url(&server);
    let (code, _, err) = run(&h, &["--dump", &url, "--verbose"]);
    assert_eq!(code, 0, "{err}");
    let comments = err
        .lines()
        .find(|l| l.contains("/wp-json/wp/v2/comments"))
        .unwrap_or_else(|| panic!("comments request logged:\n{err}"));
    assert!(
        comments.contains("status=200") && comments.contains("ms="),
        "{comments}"
    );
    assert!(comments.contains("method=GET"), "{comments}");
    // Without --verbose, and with stderr not a terminal (no progress): nothing at all.
    let (code, _, err) = run(&h, &["--dump", &url]);
    assert_eq!(code, 0);
    assert!(err.is_empty(), "{err}");
}

#[test]
fn text_dumps_end_threads_cleanly_and_keep_urls_whole() {
    let h = home();
    let (_, text, _) = run(&h, &["--dump"]);
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let next = lines.get(i + 1).copied().unwrap_or("");
        let top_level = !next.is_empty() && !next.starts_with('│') && next.contains(" · #");
        if top_level {
            assert_eq!(
                *line, "",
                "a blank line before a top-level comment:\n{text}"
            );
        }
        // A line of guides alone is never followed by a top-level comment or the end.
        if !line.is_empty() && line.chars().all(|c| c == '│' || c == ' ') {
            assert!(next.starts_with('│'), "orphan guide line {i}:\n{text}");
        }
    }
    let (_, text, _) = run(&h, &["--dump", "--width", "30"]);
    let lines: Vec<&str> = text.lines().collect();
    for url in [
        "http://socialsearch.example/find?q=ibm",
        "https://ibmers.example/2011/05/25/25000-ibmers-on-twitter-and-counting/",
        "http://enterprise-notes.example/2011/06/14/numbers/",
    ] {
        assert!(
            lines.iter().any(|l| l.contains(url)),
            "{url} whole:\n{text}"
        );
    }
}

#[test]
fn markdown_dumps_carry_the_same_facts_as_text() {
    let h = home();
    let (_, md, _) = run(&h, &["--dump", "-f", "markdown"]);
    let (_, text, _) = run(&h, &["--dump"]);
    assert!(
        text.contains("Delph’s blog") && md.contains("Delph’s blog"),
        "{md}"
    );
    for source in [
        "http://thoughts.example/2011/06/01/ibm-social/",
        "http://enterprise-notes.example/2011/06/14/numbers/",
    ] {
        assert!(text.contains(&format!("from {source}")), "{text}");
        assert!(md.contains(&format!("from <{source}>")), "{md}");
    }
    assert!(!md.contains('│'), "{md}");
}
