//! Secrets in a real Secret Service: Debian's gnome-keyring-daemon on a private session bus
//! (dbus-run-session), both installed by scripts/test. An identity's application password
//! is stored there, read back (sent to the site, and through the library), never written to
//! a file, and removed with the identity.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::identity::{self as identity_support, files_under};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "kr1t pass w0rd 7f3e";

/// A session bus with an unlocked GNOME Keyring on it, gone when dropped.
struct SecretService {
    bus: Child,
    sleeper: u32,
    address: String,
    runtime: PathBuf,
}

impl SecretService {
    fn start(home: &Path) -> SecretService {
        for tool in ["dbus-run-session", "gnome-keyring-daemon"] {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(
                found,
                "{tool} is missing: scripts/test installs it (tests/wp/server install gnome-keyring dbus)"
            );
        }
        let runtime = home.join("run");
        std::fs::create_dir_all(&runtime).expect("runtime dir");
        let state = home.join("bus");
        std::fs::create_dir_all(&state).expect("state dir");
        // The bus lives as long as the `sleep` it runs: killing that ends both.
        let script = format!(
            "echo \"$DBUS_SESSION_BUS_ADDRESS\" > {0}/addr.tmp && mv {0}/addr.tmp {0}/addr; echo $$ > {0}/pid; exec sleep 300",
            state.display()
        );
        let bus = Command::new("dbus-run-session")
            .args(["--", "sh", "-c", &script])
            .env("HOME", home)
            .env("XDG_RUNTIME_DIR", &runtime)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("dbus-run-session starts");
        let deadline = Instant::now() + Duration::from_secs(20);
        let (address, sleeper) = loop {
            let addr = std::fs::read_to_string(state.join("addr"));
            let pid = std::fs::read_to_string(state.join("pid"));
            if let (Ok(addr), Ok(pid)) = (addr, pid)
                && let Ok(pid) = pid.trim().parse::<u32>()
            {
                break (addr.trim().to_owned(), pid);
            }
            assert!(Instant::now() < deadline, "no session bus within 20 s");
            std::thread::sleep(Duration::from_millis(50));
        };
        let service = SecretService {
            bus,
            sleeper,
            address,
            runtime,
        };
        let mut keyring = service
            .command("gnome-keyring-daemon", home)
            .args(["--unlock", "--components=secrets"])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("gnome-keyring-daemon starts");
        {
            use std::io::Write;
            let mut stdin = keyring.stdin.take().expect("stdin");
            stdin
                .write_all(b"keyring-test-password")
                .expect("unlock password");
        }
        let status = keyring.wait().expect("gnome-keyring-daemon forks");
        assert!(status.success(), "gnome-keyring-daemon --unlock: {status}");
        service
    }

    /// A command on this bus, with `home` as its home.
    fn command(&self, program: &str, home: &Path) -> Command {
        let mut cmd = Command::new(program);
        cmd.env("DBUS_SESSION_BUS_ADDRESS", &self.address)
            .env("XDG_RUNTIME_DIR", &self.runtime)
            .env("HOME", home)
            .env("XDG_DATA_HOME", home.join("share"));
        cmd
    }
}

impl Drop for SecretService {
    fn drop(&mut self) {
        // Ends the `sleep`; dbus-run-session then stops the bus, and the keyring daemon
        // leaves with it.
        let _ = Command::new("kill").arg(self.sleeper.to_string()).status();
        let _ = self.bus.wait();
    }
}

/// (exit code, stdout, stderr) of wpcomments on the bus.
fn wpc(ss: &SecretService, home: &Path, args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = ss
        .command(env!("CARGO_BIN_EXE_wpcomments"), home)
        .args(args)
        .env("WPCOMMENTS_CONFIG_DIR", home.join("config"))
        .env("WPCOMMENTS_DATA_DIR", home.join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("wpcomments runs");
    {
        use std::io::Write;
        let mut input = child.stdin.take().expect("stdin");
        let _ = input.write_all(stdin.as_bytes());
    }
    let run = identity_support::wait_output(child, Duration::from_secs(60));
    assert!(
        !run.out.contains(SECRET) && !run.err.contains(SECRET),
        "the secret was printed: {run:?}"
    );
    (run.code, run.out, run.err)
}

async fn site_checking_the_password() -> MockServer {
    let server = MockServer::start().await;
    let uri = server.uri();
    Mock::given(method("GET"))
        .and(path("/"))
        .respond_with(ResponseTemplate::new(200).append_header(
            "link",
            format!("<{uri}/wp-json/>; rel=\"https://api.w.org/\"").as_str(),
        ))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/wp-json/"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "name": "Keyring blog", "home": uri, "url": uri, "namespaces": ["wp/v2"]
        })))
        .mount(&server)
        .await;
    let basic = base64(&format!("ada:{SECRET}"));
    Mock::given(method("GET"))
        .and(path("/wp-json/wp/v2/users/me"))
        .and(header("authorization", format!("Basic {basic}").as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "id": 3, "username": "ada", "name": "Ada", "roles": ["author"],
            "capabilities": {"moderate_comments": false}
        })))
        .mount(&server)
        .await;
    server
}

/// Standard base64 with padding (RFC 4648), enough for one header in a test.
fn base64(text: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in text.as_bytes().chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread")]
async fn secrets_live_in_the_secret_service_when_one_answers() {
    let home = tempfile::tempdir().expect("tempdir");
    let home = home.path();
    let ss = SecretService::start(home);
    let server = site_checking_the_password().await;
    let site = format!("{}/", server.uri());

    // Stored, and checked against the site with the password read back from the keyring.
    let (code, out, err) = wpc(
        &ss,
        home,
        &[
            "identity",
            "add",
            "kr",
            "--site",
            &site,
            "--app-password",
            "--user",
            "ada",
        ],
        &format!("{SECRET}\n"),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("Secret Service"), "where it went: {out}");
    let (code, list, _) = wpc(&ss, home, &["identity", "list"], "");
    assert_eq!(code, 0);
    assert!(
        list.contains("secrets are kept in the Secret Service keyring"),
        "{list}"
    );
    let (code, test, err) = wpc(&ss, home, &["identity", "test", "kr"], "");
    assert_eq!(code, 0, "the site saw the right password: {test}{err}");
    assert!(test.contains("Ada"), "{test}");

    // Never in a file of ours.
    for file in files_under(&home.join("config"))
        .into_iter()
        .chain(files_under(&home.join("data")))
    {
        let bytes = std::fs::read(&file).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&bytes).contains(SECRET),
            "the secret is in {}",
            file.display()
        );
    }
    assert!(!home.join("config/secrets.toml").exists());

    // Read back through the library, on the same bus and setup.
    // SAFETY: this test binary has one test; nothing else reads the environment meanwhile.
    unsafe {
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &ss.address);
        std::env::set_var("WPCOMMENTS_CONFIG_DIR", home.join("config"));
    }
    let read = wpcomments::identity::keyring::load("kr");
    assert_eq!(read.as_ref().map(|s| s.expose()), Some(SECRET));

    // Removed with the identity.
    let (code, _, err) = wpc(&ss, home, &["identity", "remove", "kr"], "");
    assert_eq!(code, 0, "{err}");
    assert!(wpcomments::identity::keyring::load("kr").is_none());
}
