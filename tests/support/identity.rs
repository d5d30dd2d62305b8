//! Running `wpcomments` with its own config and data dirs, and checking that no secret ever
//! reaches its output.
#![allow(dead_code)] // each test binary uses a different part of this

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What one run printed.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub out: String,
    pub err: String,
}

/// A user's wpcomments setup in temp dirs; remembers secrets to look for in outputs.
pub struct Home {
    pub dir: tempfile::TempDir,
    secrets: Mutex<Vec<String>>,
    env: Vec<(String, String)>,
}

impl Home {
    pub fn new() -> Home {
        Home {
            dir: tempfile::tempdir().expect("temp dir"),
            secrets: Mutex::new(Vec::new()),
            env: Vec::new(),
        }
    }

    /// Extra environment for every run.
    pub fn with_env(mut self, key: &str, value: &str) -> Home {
        self.env.push((key.to_owned(), value.to_owned()));
        self
    }

    /// A secret that must never be printed.
    pub fn secret(&self, s: &str) {
        self.secrets.lock().unwrap().push(s.to_owned());
    }

    pub fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_wpcomments"));
        cmd.args(args)
            .env("WPCOMMENTS_CONFIG_DIR", self.config_dir())
            .env("WPCOMMENTS_DATA_DIR", self.data_dir())
            .env_remove("WPCOMMENTS_WPCOM_CLIENT_ID")
            .env_remove("WPCOMMENTS_WPCOM_CLIENT_SECRET");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd
    }

    /// Run with `stdin` as standard input; checks the outputs for secrets.
    pub fn run(&self, args: &[&str], stdin: &str) -> Run {
        let mut child = self
            .command(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("wpcomments runs");
        let mut input = child.stdin.take().unwrap();
        // The program may exit before reading its input (an unknown identity).
        let _ = input.write_all(stdin.as_bytes());
        drop(input);
        let out = wait_output(child, Duration::from_secs(120));
        self.check_clean(&out);
        out
    }

    /// Run and expect exit 0.
    pub fn ok(&self, args: &[&str], stdin: &str) -> Run {
        let r = self.run(args, stdin);
        assert_eq!(r.code, 0, "wpcomments {args:?} failed: {}{}", r.out, r.err);
        r
    }

    /// No remembered secret appears in `run`'s output.
    pub fn check_clean(&self, run: &Run) {
        for s in self.secrets.lock().unwrap().iter() {
            assert!(
                !run.out.contains(s.as_str()) && !run.err.contains(s.as_str()),
                "a secret was printed: {run:?}"
            );
        }
    }
}

/// Wait for a child with a deadline; kill it when it overstays.
pub fn wait_output(mut child: Child, limit: Duration) -> Run {
    let deadline = Instant::now() + limit;
    loop {
        if child.try_wait().expect("wait").is_some() || Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            return Run {
                code: out.status.code().unwrap_or(-1),
                out: String::from_utf8_lossy(&out.stdout).into_owned(),
                err: String::from_utf8_lossy(&out.stderr).into_owned(),
            };
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Read a child's stderr line by line until one contains `needle`; returns that line and
/// everything read so far. Leaves the rest of stderr to a thread that collects it.
pub fn stderr_until(
    child: &mut Child,
    needle: &str,
) -> (String, std::sync::mpsc::Receiver<String>) {
    let stderr = child.stderr.take().expect("piped stderr");
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200))
            && line.contains(needle)
        {
            return (line, rx);
        }
    }
    panic!("no stderr line with {needle:?} within a minute");
}

/// The Unix mode bits of a file.
#[cfg(unix)]
pub fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

/// The first number after `#` in text like "comment #123: approved".
pub fn comment_id(out: &str) -> u64 {
    out.split('#')
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no comment id in {out:?}"))
}

/// Every file under `dir`.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(files_under(&p));
        } else {
            out.push(p);
        }
    }
    out
}
