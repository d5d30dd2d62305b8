//! Driving the real binary in a real terminal: a detached tmux session of a fixed size on a
//! private server socket (`tmux -L <unique name> -f /dev/null`), so tests run in parallel and
//! never touch the user's tmux or its config. Each session gets its own temporary HOME and
//! XDG directories, so no user config or "seen" state leaks in, and `TERM=xterm-256color`.
//!
//! The shell line the pane runs is
//! `echo BEFORE-MARKER; <program>; echo "EXIT=$?"; echo "STTY=<modes>"; exec sleep 600`,
//! so after the program ends the screen shows whether it restored the terminal: the text
//! printed before it came back (no alternate screen left), its exit status and the tty modes.
//! The tmux server (and with it everything in the pane) is killed when the [`Tmux`] drops.
#![allow(dead_code)] // each test binary uses a different part of this

use std::path::Path;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// Printed by the shell before the program starts.
pub const BEFORE: &str = "BEFORE-MARKER";
/// How often a waiting test looks at the screen again.
const POLL: Duration = Duration::from_millis(25);
/// The default time to wait for something to appear.
pub const WAIT: Duration = Duration::from_secs(10);

/// tty modes reported after the program exits (`STTY=icanon echo ...`, `-icanon` when off).
const STTY_MODES: &str = "icanon|echo|isig|icrnl|opost|ixon";

/// A tmux server with one session `s` running one shell line.
pub struct Tmux {
    socket: String,
    /// Where the server's socket file is; tmux leaves it behind on `kill-server`.
    socket_path: Option<String>,
    home: TempDir,
}

/// Quote `s` for a POSIX shell.
pub fn sh_quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', r"'\''"))
}

impl Tmux {
    /// Run `program` with `args` (and extra `env` pairs) in a `width`×`height` terminal.
    pub fn run(
        name: &str,
        width: u16,
        height: u16,
        program: &str,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tmux {
        static SEQ: AtomicUsize = AtomicUsize::new(0);
        let socket = format!(
            "wpc-e2e-{}-{}-{name}",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        );
        let home = tempfile::Builder::new()
            .prefix("wpc-e2e-home")
            .tempdir()
            .expect("temporary HOME");
        let dir = |sub: &str| {
            let p = home.path().join(sub);
            std::fs::create_dir_all(&p).expect("create XDG dir");
            p.display().to_string()
        };
        let mut vars: Vec<(String, String)> = vec![
            ("HOME".into(), home.path().display().to_string()),
            ("XDG_CONFIG_HOME".into(), dir("config")),
            ("XDG_DATA_HOME".into(), dir("data")),
            ("XDG_CACHE_HOME".into(), dir("cache")),
            ("XDG_STATE_HOME".into(), dir("state")),
            ("TERM".into(), "xterm-256color".into()),
            ("LANG".into(), "C.UTF-8".into()),
            ("LC_ALL".into(), "C.UTF-8".into()),
        ];
        vars.extend(env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
        let exports: Vec<String> = vars
            .iter()
            .map(|(k, v)| format!("{k}={}", sh_quote(v)))
            .collect();
        let mut command = sh_quote(program);
        for arg in args {
            command.push(' ');
            command.push_str(&sh_quote(arg));
        }
        let line = format!(
            "export {exports}; echo {BEFORE}; {command}; echo \"EXIT=$?\"; \
             echo \"STTY=$(stty -a | tr ' ;' '\\n\\n' | grep -xE -- '-?({STTY_MODES})' | tr '\\n' ' ')\"; \
             exec sleep 600",
            exports = exports.join(" "),
        );
        let mut tmux = Tmux {
            socket,
            socket_path: None,
            home,
        };
        let out = tmux.tmux_raw(&[
            "new-session",
            "-d",
            "-x",
            &width.to_string(),
            "-y",
            &height.to_string(),
            "-s",
            "s",
            &line,
        ]);
        assert!(
            out.status.success(),
            "tmux new-session failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        tmux.socket_path = Some(tmux.display("#{socket_path}"));
        tmux
    }

    /// The temporary HOME of this session.
    pub fn home(&self) -> &Path {
        self.home.path()
    }

    fn tmux_raw(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .args(["-u", "-f", "/dev/null", "-L", &self.socket])
            .args(args)
            .env_remove("TMUX")
            .env_remove("TMUX_PANE")
            .env("SHELL", "/bin/sh")
            .env("HOME", self.home.path())
            .env("TERM", "xterm-256color")
            .env("LANG", "C.UTF-8")
            .env("LC_ALL", "C.UTF-8")
            .output()
            .unwrap_or_else(|e| panic!("cannot run tmux (is it installed?): {e}"))
    }

    /// Run a tmux command; panic if it fails. Returns its stdout.
    pub fn tmux(&self, args: &[&str]) -> String {
        let out = self.tmux_raw(args);
        assert!(
            out.status.success(),
            "tmux {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Press keys, in tmux's key names (`"j"`, `"Space"`, `"Enter"`, `"Escape"`).
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "s", "--"];
        args.extend_from_slice(keys);
        self.tmux(&args);
    }

    /// Type `text` literally.
    pub fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-t", "s", "-l", "--", text]);
    }

    /// The visible screen as text, one line per row (trailing blanks trimmed by tmux).
    pub fn screen(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-t", "s"])
    }

    /// The visible screen with its attributes as escape sequences (`capture-pane -e`).
    pub fn screen_escaped(&self) -> String {
        self.tmux(&["capture-pane", "-p", "-e", "-t", "s"])
    }

    /// A tmux format evaluated for the pane, e.g. `#{pane_title}`.
    pub fn display(&self, format: &str) -> String {
        self.tmux(&["display-message", "-p", "-t", "s", format])
            .trim_end_matches('\n')
            .to_owned()
    }

    /// Wait until `ready(screen)` holds; panic with the last screen after `timeout`.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        ready: impl Fn(&str) -> bool,
    ) -> String {
        let deadline = Instant::now() + timeout;
        let mut screen = self.screen();
        loop {
            if ready(&screen) {
                // A capture can catch a frame half drawn; take it once it holds still.
                std::thread::sleep(POLL);
                let again = self.screen();
                if again == screen {
                    return screen;
                }
                screen = again;
                if Instant::now() < deadline {
                    continue;
                }
            }
            if Instant::now() >= deadline {
                panic!(
                    "timed out after {timeout:?} waiting for {what} (on a screen that holds \
                     still); the last screen:\n{}\n{}",
                    framed(&screen),
                    self.state()
                );
            }
            std::thread::sleep(POLL);
            screen = self.screen();
        }
    }

    /// Wait until `text` is on the screen.
    pub fn wait_for(&self, text: &str) -> String {
        self.wait_until(&format!("{text:?}"), WAIT, |s| s.contains(text))
    }

    /// Wait until the program has exited and the shell printed its exit status and tty modes.
    pub fn wait_exit(&self) -> Exited {
        let screen = self.wait_until("the program to exit", WAIT, |s| {
            s.lines().any(|l| l.starts_with("STTY="))
        });
        let field = |prefix: &str| {
            screen
                .lines()
                .find_map(|l| l.strip_prefix(prefix))
                .map(str::trim)
                .unwrap_or_else(|| panic!("no {prefix} line on\n{}", framed(&screen)))
                .to_owned()
        };
        Exited {
            status: field("EXIT="),
            stty: field("STTY=")
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
            screen,
        }
    }

    /// The pane's terminal modes, for failure messages.
    pub fn state(&self) -> String {
        self.display(
            "pane #{pane_width}x#{pane_height} alternate_on=#{alternate_on} \
             mouse_any=#{mouse_any_flag} cursor=#{cursor_flag} title=#{pane_title} \
             dead=#{pane_dead}",
        )
    }

    /// The pid of the process running in the pane under the shell, once it is there.
    pub fn program_pid(&self, comm: &str) -> u32 {
        let shell = self.display("#{pane_pid}");
        let deadline = Instant::now() + WAIT;
        loop {
            let out = Command::new("pgrep")
                .args(["-P", &shell])
                .output()
                .expect("pgrep runs");
            let found = String::from_utf8_lossy(&out.stdout)
                .lines()
                .filter_map(|l| l.trim().parse::<u32>().ok())
                .find(|pid| {
                    std::fs::read_to_string(format!("/proc/{pid}/comm"))
                        .is_ok_and(|c| c.trim() == comm)
                });
            if let Some(pid) = found {
                return pid;
            }
            assert!(
                Instant::now() < deadline,
                "no {comm} process under the pane's shell {shell}"
            );
            std::thread::sleep(POLL);
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.tmux_raw(&["kill-server"]);
        if let Some(path) = &self.socket_path {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// What the shell printed after the program ended.
#[derive(Debug)]
pub struct Exited {
    /// `$?` as printed.
    pub status: String,
    /// tty modes, `icanon` or `-icanon` etc.
    pub stty: Vec<String>,
    /// The whole screen.
    pub screen: String,
}

impl Exited {
    /// Panic unless the terminal is back in cooked mode with echo (no raw mode left behind).
    pub fn assert_cooked(&self) {
        for mode in ["icanon", "echo", "isig", "icrnl", "opost"] {
            assert!(
                self.stty.iter().any(|m| m == mode),
                "tty mode {mode} is not on after exit (raw mode left behind?): {:?}\n{}",
                self.stty,
                framed(&self.screen)
            );
        }
    }
}

/// The screen with a frame, so blank lines and trailing text are visible in messages.
pub fn framed(screen: &str) -> String {
    let mut out = String::from("┌────\n");
    for line in screen.lines() {
        out.push('│');
        out.push_str(line);
        out.push('\n');
    }
    out.push_str("└────");
    out
}

/// The last line of the screen (the status bar while the reader is up).
pub fn status_line(screen: &str) -> &str {
    screen.lines().last().unwrap_or_default()
}

/// Width in terminal columns of a captured line.
pub fn columns(line: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(line)
}
