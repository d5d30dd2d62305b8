//! The identity store on disk: identities.toml, the 0600 secrets file, defaults per site,
//! password commands. No network.

use crate::support::identity::{Home, mode};
use wpcomments::api::http::Auth;
use wpcomments::identity::{Identity, Kind};

const SITE: &str = "https://blog.example.com";

fn add_unchecked(h: &Home, name: &str, password: &str, extra: &[&str]) {
    let mut args = vec![
        "identity",
        "add",
        name,
        "--site",
        SITE,
        "--app-password",
        "--user",
        "ada",
        "--no-check",
    ];
    args.extend_from_slice(extra);
    h.secret(password);
    h.ok(&args, &format!("{password}\n"));
}

#[test]
fn secrets_go_to_a_file_only_the_owner_can_read() {
    let h = Home::new();
    add_unchecked(&h, "work", "aaaa bbbb cccc dddd", &[]);
    let secrets = h.config_dir().join("secrets.toml");
    assert_eq!(mode(&secrets), 0o600);
    assert!(
        std::fs::read_to_string(&secrets)
            .unwrap()
            .contains("aaaa bbbb cccc dddd")
    );
    let listed = h.ok(&["identity", "list"], "").out;
    assert!(
        listed.contains("work (default)  application password  ada  https://blog.example.com/"),
        "{listed}"
    );
    // Adding it again replaces both the entry and the secret.
    add_unchecked(&h, "work", "eeee ffff", &[]);
    let text = std::fs::read_to_string(&secrets).unwrap();
    assert!(
        text.contains("eeee ffff") && !text.contains("aaaa"),
        "secret not replaced"
    );
    assert_eq!(h.ok(&["identity", "list"], "").out.lines().count(), 1);
    assert_eq!(mode(&secrets), 0o600);
}

#[test]
fn one_identity_per_site_is_the_default() {
    let h = Home::new();
    add_unchecked(&h, "first", "first-secret-4f1c", &[]);
    add_unchecked(&h, "second", "second-secret-9a2e", &[]);
    let listed = h.ok(&["identity", "list"], "").out;
    assert!(
        listed.contains("first (default)") && !listed.contains("second (default)"),
        "{listed}"
    );
    add_unchecked(&h, "third", "third-secret-7b3d", &["--default"]);
    let listed = h.ok(&["identity", "list"], "").out;
    assert!(
        listed.contains("third (default)") && !listed.contains("first (default)"),
        "{listed}"
    );
}

#[test]
fn a_password_command_keeps_the_secret_out_of_the_store() {
    let h = Home::new();
    h.ok(
        &[
            "identity",
            "add",
            "pc",
            "--site",
            SITE,
            "--app-password",
            "--user",
            "ada",
            "--password-command",
            "echo from-the-command",
            "--no-check",
        ],
        "",
    );
    assert!(!h.config_dir().join("secrets.toml").exists());
    let stored = std::fs::read_to_string(h.config_dir().join("identities.toml")).unwrap();
    assert!(
        stored.contains("password_command = \"echo from-the-command\""),
        "{stored}"
    );
}

#[test]
fn a_password_command_gives_its_first_line() {
    let identity = Identity {
        user: Some("ada".into()),
        password_command: Some("printf 'first line\\nsecond line\\n'".into()),
        ..Identity::new("pc", Kind::AppPassword, Some(format!("{SITE}/")))
    };
    let Some(Auth::Basic { user, password }) = identity.auth().unwrap() else {
        panic!("expected basic auth");
    };
    assert_eq!((user.as_str(), password.expose()), ("ada", "first line"));
    let failing = Identity {
        password_command: Some("exit 3".into()),
        ..identity
    };
    assert_eq!(failing.auth().unwrap_err().exit_code(), 12);
}

#[test]
fn guests_need_a_name_and_an_email_and_store_no_secret() {
    let h = Home::new();
    let run = h.run(&["identity", "add", "me", "--guest", "--name", "Ada"], "");
    assert_eq!(run.code, 12, "{run:?}");
    assert!(run.err.contains("--name and --email"), "{run:?}");
    h.ok(
        &[
            "identity",
            "add",
            "me",
            "--guest",
            "--name",
            "Ada",
            "--email",
            "ada@example.com",
        ],
        "",
    );
    assert!(!h.config_dir().join("secrets.toml").exists());
    let test = h.ok(&["identity", "test", "me"], "").out;
    assert!(test.contains("guest Ada <ada@example.com>"), "{test}");
}

#[test]
fn unknown_identities_and_empty_replies_are_clear_errors() {
    let h = Home::new();
    let run = h.run(
        &["reply", "--as", "nobody", "https://blog.example.com/p/"],
        "hi",
    );
    assert_eq!(run.code, 12, "{run:?}");
    assert!(run.err.contains("no identity called nobody"), "{run:?}");
    h.ok(
        &[
            "identity",
            "add",
            "me",
            "--guest",
            "--name",
            "Ada",
            "--email",
            "ada@example.com",
        ],
        "",
    );
    let empty = h.run(
        &["reply", "--as", "me", "https://blog.example.com/p/"],
        "  \n",
    );
    assert_eq!(empty.code, 2, "{empty:?}");
    let none = h.run(&["reply", "https://blog.example.com/p/"], "hi");
    assert_eq!(none.code, 12, "{none:?}");
    assert!(none.err.contains("no identity to post as"), "{none:?}");
    let removed = h.run(&["identity", "remove", "ghost"], "");
    assert_eq!(removed.code, 12, "{removed:?}");
}
