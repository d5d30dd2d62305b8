//! A one-shot HTTP listener on 127.0.0.1 that a browser is redirected to at the end of a
//! login flow (`/callback?...`). Blocking std networking: the flows run it on a thread.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The path the browser is sent back to (OAuth2 apps register exactly this).
pub const CALLBACK_PATH: &str = "/callback";

/// A bound listener waiting for one callback.
///
/// Any program on this machine, or any web page in the browser, can send a request to a
/// loopback port, so a callback must prove it belongs to this login: by an unguessable path
/// ([`Loopback::bind_unguessable`]) or a required parameter such as OAuth's `state`
/// ([`Loopback::require`]). Requests that do not are answered and ignored: the real browser
/// can still come back afterwards.
#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    port: u16,
    path: String,
    required: Option<(String, String)>,
}

impl Loopback {
    /// Listen on `127.0.0.1:port` (0: any free port) for `/callback`.
    pub fn bind(port: u16) -> Result<Loopback> {
        let listener = TcpListener::bind(("127.0.0.1", port)).map_err(|e| {
            Error::Identity(format!(
                "cannot listen on 127.0.0.1:{port} for the login callback: {e}"
            ))
        })?;
        let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
        listener
            .set_nonblocking(true)
            .map_err(|e| Error::Io(e.to_string()))?;
        Ok(Loopback {
            listener,
            port,
            path: CALLBACK_PATH.to_owned(),
            required: None,
        })
    }

    /// Listen on any free port for `/callback/<random>`: only the page we sent the user to
    /// knows the address.
    pub fn bind_unguessable() -> Result<Loopback> {
        let mut listener = Loopback::bind(0)?;
        listener.path = format!("{CALLBACK_PATH}/{}", uuid::Uuid::new_v4().simple());
        Ok(listener)
    }

    /// Only accept a callback whose query has `key=value` (e.g. OAuth's `state`).
    pub fn require(mut self, key: &str, value: &str) -> Loopback {
        self.required = Some((key.to_owned(), value.to_owned()));
        self
    }

    /// `http://127.0.0.1:PORT/callback[/<random>]`.
    pub fn callback_url(&self) -> String {
        format!("http://127.0.0.1:{}{}", self.port, self.path)
    }

    /// Wait up to `timeout` for the callback; answers the browser with `page` and returns the
    /// query parameters. Other requests (a favicon, a forged callback) are answered and
    /// ignored.
    pub fn wait(&self, timeout: Duration, page: &str) -> Result<Vec<(String, String)>> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(params) = self.serve(stream, page, deadline) {
                        return Ok(params);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(Error::Io(format!("login callback listener: {e}"))),
            }
            if Instant::now() >= deadline {
                return Err(Error::Identity(
                    "gave up waiting for the browser to come back (the login was not completed)"
                        .into(),
                ));
            }
        }
    }

    fn serve(
        &self,
        mut stream: TcpStream,
        page: &str,
        deadline: Instant,
    ) -> Option<Vec<(String, String)>> {
        let _ = stream.set_nonblocking(false);
        let mut buf = Vec::new();
        let mut chunk = [0u8; 2048];
        // A client dribbling bytes cannot hold the listener past the login's deadline.
        let read_until = (Instant::now() + Duration::from_secs(5)).min(deadline);
        while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
            let left = read_until.saturating_duration_since(Instant::now());
            if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
                break;
            }
            match stream.read(&mut chunk) {
                Ok(0) | Err(_) => break,
                Ok(n) => buf.extend_from_slice(&chunk[..n]),
            }
        }
        let head = String::from_utf8_lossy(&buf);
        let target = head
            .lines()
            .next()
            .and_then(|line| line.strip_prefix("GET "))
            .and_then(|rest| rest.split(' ').next())
            .unwrap_or_default();
        let (path, query) = target.split_once('?').unwrap_or((target, ""));
        let params: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        let belongs = path == self.path
            && self
                .required
                .as_ref()
                .is_none_or(|(k, v)| param(&params, k) == Some(v.as_str()));
        if !belongs {
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
            );
            return None;
        }
        let body = format!(
            "<!doctype html><meta charset=utf-8><title>wpcomments</title><p>{page}</p><p>You can close this tab.</p>"
        );
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        Some(params)
    }
}

/// The value of `key` in query pairs.
pub fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(url: &str) -> String {
        let rest = url.trim_start_matches("http://");
        let (addr, path) = rest.split_once('/').unwrap_or((rest, ""));
        let mut s = TcpStream::connect(addr).expect("connects");
        let _ = write!(s, "GET /{path} HTTP/1.1\r\nHost: {addr}\r\n\r\n");
        let mut out = String::new();
        let _ = s.read_to_string(&mut out);
        out
    }

    #[test]
    fn a_forged_callback_is_ignored_and_the_real_one_still_arrives() {
        let listener = Loopback::bind_unguessable().expect("binds");
        let real = listener.callback_url();
        let guessed = format!(
            "http://127.0.0.1:{}/callback?user_login=mallory&password=x",
            listener.port
        );
        let waiter = std::thread::spawn(move || listener.wait(Duration::from_secs(10), "ok"));
        assert!(hit(&guessed).starts_with("HTTP/1.1 404"));
        assert!(hit(&format!("{real}?user_login=ada&password=pw")).starts_with("HTTP/1.1 200"));
        let params = waiter.join().expect("joins").expect("arrives");
        assert_eq!(param(&params, "user_login"), Some("ada"));
    }

    #[test]
    fn a_callback_with_the_wrong_state_does_not_end_the_wait() {
        let listener = Loopback::bind(0).expect("binds").require("state", "s1");
        let url = listener.callback_url();
        let waiter = std::thread::spawn(move || listener.wait(Duration::from_secs(10), "ok"));
        assert!(hit(&format!("{url}?code=evil&state=forged")).starts_with("HTTP/1.1 404"));
        assert!(hit(&format!("{url}?code=good&state=s1")).starts_with("HTTP/1.1 200"));
        let params = waiter.join().expect("joins").expect("arrives");
        assert_eq!(param(&params, "code"), Some("good"));
    }
}
