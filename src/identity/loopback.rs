//! A one-shot HTTP listener on 127.0.0.1 that a browser is redirected to at the end of a
//! login flow (`/callback?...`). Blocking std networking: the flows run it on a thread.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};

/// The path the browser is sent back to.
pub const CALLBACK_PATH: &str = "/callback";

/// A bound listener waiting for one callback.
#[derive(Debug)]
pub struct Loopback {
    listener: TcpListener,
    port: u16,
}

impl Loopback {
    /// Listen on `127.0.0.1:port` (0: any free port).
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
        Ok(Loopback { listener, port })
    }

    /// `http://127.0.0.1:PORT/callback`.
    pub fn callback_url(&self) -> String {
        format!("http://127.0.0.1:{}{CALLBACK_PATH}", self.port)
    }

    /// Wait up to `timeout` for `GET /callback?...`; answers the browser with `page` and
    /// returns the query parameters. Other requests (a favicon) get 404 and are ignored.
    pub fn wait(&self, timeout: Duration, page: &str) -> Result<Vec<(String, String)>> {
        let deadline = Instant::now() + timeout;
        loop {
            match self.listener.accept() {
                Ok((stream, _)) => {
                    if let Some(params) = serve(stream, page) {
                        return Ok(params);
                    }
                }
                Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                    if Instant::now() >= deadline {
                        return Err(Error::Identity(
                            "gave up waiting for the browser to come back (the login was not completed)"
                                .into(),
                        ));
                    }
                    std::thread::sleep(Duration::from_millis(50));
                }
                Err(e) => return Err(Error::Io(format!("login callback listener: {e}"))),
            }
        }
    }
}

fn serve(mut stream: TcpStream, page: &str) -> Option<Vec<(String, String)>> {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut buf = Vec::new();
    let mut chunk = [0u8; 2048];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") && buf.len() < 16 * 1024 {
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
    if path != CALLBACK_PATH {
        let _ = stream
            .write_all(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
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
    Some(
        url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
    )
}

/// The value of `key` in query pairs.
pub fn param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}
