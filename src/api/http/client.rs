//! HTTP with timeouts, retries and error classification. Knows nothing about WordPress routes.

use std::time::Duration;

use reqwest::header::RETRY_AFTER;
use serde_json::Value;
use url::Url;

use super::body::{BodyKeeper, KeepAll, read_body};
use super::credentials::Auth;
use super::failure::{classify, finish_failed, http_error};
use super::redirect::{https_upgrade, parse_retry_after, retry_reason};
use super::response::{Response, display_url};
use super::scope::{Scope, check_transport};
use crate::error::{Error, Result};

/// Tunables for [`Client`].
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Whole-request timeout: connect, headers and body together.
    pub timeout: Duration,
    /// Read-idle timeout: the longest silence (no header or body bytes) before the answer
    /// counts as stalled ([`Error::Stalled`]), however long the whole request may take.
    /// A request with a body (a comment, a moderation action) waits for its headers up to
    /// `timeout`: the site's work (spam checks, mail) comes before them.
    pub read_idle: Duration,
    /// Retries after the first attempt for a stalled or timed-out request: fewer than for a
    /// refused connection, since a stuck page usually stays stuck (by default a stuck page
    /// costs 2 × `read_idle` + one backoff ≈ 20 s).
    pub stall_retries: u32,
    /// TCP/TLS connect timeout.
    pub connect_timeout: Duration,
    /// Retries after the first attempt for connect errors, timeouts, 5xx and 429.
    pub retries: u32,
    /// First backoff delay; doubles each retry, with jitter.
    pub backoff: Duration,
    /// Longest `Retry-After` we are willing to wait; longer ones fail at once.
    pub max_retry_after: Duration,
    /// Credentials, sent only to requests inside [`ClientConfig::auth_scope`] and only over
    /// https or to a loopback host.
    pub auth: Option<Auth>,
    /// The site the credentials belong to ([`Scope`]: host, port and home path). The header
    /// goes only to URLs inside it; requests anywhere else (another site on the same host, a
    /// post list linking elsewhere, an API advertised on another host) are sent without it,
    /// and secrets in a body ([`Client::post_secret_json`]) are refused. `None` sends them
    /// nowhere.
    pub auth_scope: Option<Scope>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(30),
            read_idle: Duration::from_secs(10),
            stall_retries: 1,
            connect_timeout: Duration::from_secs(10),
            retries: 3,
            backoff: Duration::from_millis(400),
            max_retry_after: Duration::from_secs(60),
            auth: None,
            auth_scope: None,
        }
    }
}

/// The HTTP client all API calls go through.
#[derive(Clone, Debug)]
pub struct Client {
    http: reqwest::Client,
    /// For requests with a body: a redirect would replay it (a 307 re-sends a JWT password
    /// or an OAuth client secret) to wherever the server points, so none is followed.
    http_no_redirect: reqwest::Client,
    config: ClientConfig,
}

impl Client {
    /// Build a client; fails only if the TLS backend cannot start.
    pub fn new(config: ClientConfig) -> Result<Client> {
        Client::build(config, None)
    }

    /// The same client with a cookie store of its own, empty, as a browser tab keeps one:
    /// cookies a page sets go back with the form posted from it (comment forms, whose
    /// anti-spam plugins check them). Cookies follow their own domain rules; credentials
    /// still go only to [`ClientConfig::auth_scope`].
    pub fn with_cookies(&self) -> Result<Client> {
        let jar = std::sync::Arc::new(reqwest::cookie::Jar::default());
        Client::build(self.config.clone(), Some(jar))
    }

    fn build(
        config: ClientConfig,
        jar: Option<std::sync::Arc<reqwest::cookie::Jar>>,
    ) -> Result<Client> {
        let build = |policy| {
            let mut builder = reqwest::Client::builder()
                .user_agent(concat!("wpcomments/", env!("CARGO_PKG_VERSION")))
                .timeout(config.timeout)
                .connect_timeout(config.connect_timeout)
                .redirect(policy);
            if let Some(jar) = &jar {
                builder = builder.cookie_provider(jar.clone());
            }
            builder
                .build()
                .map_err(|e| Error::Io(format!("cannot start the HTTP client: {e}")))
        };
        let follow = super::scope::redirect_policy(
            config.auth_scope.clone().filter(|_| config.auth.is_some()),
        );
        Ok(Client {
            http: build(follow)?,
            http_no_redirect: build(reqwest::redirect::Policy::none())?,
            config,
        })
    }

    /// GET with retries. Non-2xx answers that are not retried come back as `Ok` for the
    /// caller to interpret (a 404 means different things on different routes).
    pub async fn get(&self, url: &Url) -> Result<Response> {
        self.send(reqwest::Method::GET, url, &mut KeepAll).await
    }

    /// [`Client::get`] whose [`Response::body`] holds only what `keeper` kept of the body,
    /// chunk by chunk; reading stops early when the keeper says so. Everything else is as for
    /// [`Client::get`]: credentials in scope, redirects, timeouts, retries (`keeper` is
    /// restarted for each attempt) and the [`super::MAX_BODY`] cap, which counts every byte
    /// read, kept or not. Afterwards `keeper` describes the last attempt's body.
    pub async fn get_kept(&self, url: &Url, keeper: &mut dyn BodyKeeper) -> Result<Response> {
        self.send(reqwest::Method::GET, url, keeper).await
    }

    /// HEAD with the same retries: headers without the body. WordPress answers HEAD right
    /// after sending its `Link` headers, without rendering the page (and its comments).
    /// Sent once, without retries: callers fall back to GET on any failure.
    pub async fn head(&self, url: &Url) -> Result<Response> {
        self.send_once(reqwest::Method::HEAD, url, None, &mut KeepAll)
            .await
    }

    /// True when requests carry credentials.
    pub fn has_auth(&self) -> bool {
        self.config.auth.is_some()
    }

    /// POST a JSON body, once: a retried comment could be posted twice.
    pub async fn post_json(&self, url: &Url, body: &Value) -> Result<Response> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Io(e.to_string()))?;
        self.send_body(
            reqwest::Method::POST,
            url,
            Some(("application/json", bytes)),
        )
        .await
    }

    /// POST a JSON body holding a secret (a JWT password), once: refused with
    /// [`Error::Auth`] before a byte is sent unless `url` passes the scope rule
    /// ([`Scope::admit`]).
    pub async fn post_secret_json(&self, url: &Url, body: &Value) -> Result<Response> {
        self.admit_secret(url)?;
        self.post_json(url, body).await
    }

    /// POST a form holding a secret (an OAuth client secret), under the same rule as
    /// [`Client::post_secret_json`].
    pub async fn post_secret_form(&self, url: &Url, fields: &[(&str, &str)]) -> Result<Response> {
        self.admit_secret(url)?;
        self.post_form(url, fields).await
    }

    fn admit_secret(&self, url: &Url) -> Result<()> {
        match &self.config.auth_scope {
            Some(scope) => scope.admit(url),
            None => Err(Error::Auth(format!(
                "refusing to send a secret to {}: no site was named for it",
                display_url(url)
            ))),
        }
    }

    /// DELETE, once: deleting is not something to repeat behind the user's back.
    pub async fn delete(&self, url: &Url) -> Result<Response> {
        self.send_body(reqwest::Method::DELETE, url, None).await
    }

    /// POST an `application/x-www-form-urlencoded` body, once (OAuth2 token exchange).
    pub async fn post_form(&self, url: &Url, fields: &[(&str, &str)]) -> Result<Response> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let kind = "application/x-www-form-urlencoded";
        self.send_body(reqwest::Method::POST, url, Some((kind, body.into_bytes())))
            .await
    }

    /// A request that changes something, sent once and never after a redirect, except the
    /// one redirect that cannot lead elsewhere: the same host, path and query over https
    /// (a site that moved to https answers its old http API root with a 301). Any other 3xx
    /// comes back for [`super::answer::error`] to report as [`Error::Redirected`].
    async fn send_body(
        &self,
        method: reqwest::Method,
        url: &Url,
        body: Option<(&'static str, Vec<u8>)>,
    ) -> Result<Response> {
        let resp = self
            .send_once(method.clone(), url, body.clone(), &mut KeepAll)
            .await?;
        match https_upgrade(url, &resp) {
            Some(https) => self.send_once(method, &https, body, &mut KeepAll).await,
            None => Ok(resp),
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        url: &Url,
        keeper: &mut dyn BodyKeeper,
    ) -> Result<Response> {
        let mut attempt = 0u32;
        loop {
            let outcome = self.send_once(method.clone(), url, None, keeper).await;
            let retry_in = match &outcome {
                Ok(resp) if resp.status == 429 => Some(self.retry_after(url, resp, attempt)?),
                Ok(resp) if resp.status >= 500 => Some(self.backoff(attempt)),
                Ok(_) => None,
                Err(Error::Connect { .. }) => Some(self.backoff(attempt)),
                Err(Error::Timeout { .. } | Error::Stalled { .. })
                    if attempt < self.config.stall_retries =>
                {
                    Some(self.backoff(attempt))
                }
                Err(_) => None,
            };
            match retry_in {
                Some(wait) if attempt < self.config.retries => {
                    attempt += 1;
                    tracing::info!(
                        url = %display_url(url),
                        attempt,
                        wait_ms = wait.as_millis() as u64,
                        why = %retry_reason(&outcome),
                        "retrying"
                    );
                    tokio::time::sleep(wait).await;
                }
                Some(_) => return finish_failed(outcome),
                None => return outcome,
            }
        }
    }

    /// GET that must answer 2xx with JSON.
    pub async fn get_json(&self, url: &Url) -> Result<(Value, Response)> {
        let resp = self.get(url).await?;
        if !resp.ok() {
            return Err(http_error(&resp));
        }
        let value = resp.json()?;
        Ok((value, resp))
    }

    async fn send_once(
        &self,
        method: reqwest::Method,
        url: &Url,
        body: Option<(&'static str, Vec<u8>)>,
        keeper: &mut dyn BodyKeeper,
    ) -> Result<Response> {
        let method_follows = method == reqwest::Method::GET || method == reqwest::Method::HEAD;
        let http = if method_follows {
            &self.http
        } else {
            &self.http_no_redirect
        };
        // reqwest turns a URL's user-info into an `Authorization: Basic` header: a link a
        // site sent (`https://u:p@elsewhere/`) never carries credentials anywhere.
        let mut url = url.clone();
        let _ = url.set_username("");
        let _ = url.set_password(None);
        let url = &url;
        // Logged: method, URL without credentials, status, size, time. Never headers or
        // bodies, which carry the credentials and what is posted.
        let method_name = method.to_string();
        let (mut request, with_auth) = self.authorize(http.request(method, url.clone()), url)?;
        // Silence before a GET's headers counts from when the connection could be up.
        let headers_within = match body {
            Some(_) => self.config.timeout,
            None => self.config.connect_timeout + self.config.read_idle,
        };
        if let Some((kind, bytes)) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, kind)
                .body(bytes);
        }
        let shown = display_url(url);
        let started = std::time::Instant::now();
        let failed = |error: Error| {
            let ms = started.elapsed().as_millis() as u64;
            tracing::info!(method = %method_name, url = %shown, ms, %error, "request failed");
            error
        };
        let idle = self.config.read_idle;
        let sent = tokio::time::timeout(headers_within, request.send())
            .await
            .map_err(|_| failed(self.stalled(url)))?;
        let resp = sent.map_err(|e| failed(classify(url, &e)))?;
        let final_url = resp.url().clone();
        let status = resp.status().as_u16();
        if with_auth && method_follows && resp.status().is_redirection() {
            return Err(super::scope::stopped_redirect(&final_url, resp.headers()));
        }
        let headers = resp.headers().clone();
        let body = read_body(resp, url, idle, keeper)
            .await
            .map_err(|e| failed(e.unwrap_or_else(|| self.stalled(url))))?;
        let ms = started.elapsed().as_millis() as u64;
        let (bytes, kept) = (body.read, body.kept.len());
        if kept == bytes {
            tracing::info!(method = %method_name, url = %shown, status, bytes, ms, "request");
        } else {
            // Only a GET whose keeper let bytes go says how many it kept.
            tracing::info!(
                method = %method_name,
                url = %shown,
                status,
                bytes,
                kept,
                ms,
                "request"
            );
        }
        Ok(Response {
            url: final_url,
            status,
            headers,
            body: body.kept,
        })
    }

    /// `request` with the credentials when `url` lies inside their scope (and goes over https
    /// or to loopback: [`check_transport`]); `true` when they were added.
    fn authorize(
        &self,
        request: reqwest::RequestBuilder,
        url: &Url,
    ) -> Result<(reqwest::RequestBuilder, bool)> {
        let in_scope = |s: &Scope| s.contains(url);
        match &self.config.auth {
            Some(auth) if self.config.auth_scope.as_ref().is_some_and(in_scope) => {
                check_transport(url)?;
                // reqwest drops this header when a redirect leaves the host (tests/oauth_wire.rs).
                Ok((auth.apply(request), true))
            }
            _ => Ok((request, false)),
        }
    }

    fn stalled(&self, url: &Url) -> Error {
        Error::Stalled {
            url: super::response::short_url(url),
            idle_secs: self.config.read_idle.as_secs().max(1),
        }
    }

    fn backoff(&self, attempt: u32) -> std::time::Duration {
        let base = self.config.backoff.saturating_mul(1 << attempt.min(8));
        // Full jitter between half and the whole delay keeps concurrent pages from retrying in step.
        let half = base / 2;
        half + base.mul_f64(fastrand::f64() * 0.5)
    }

    fn retry_after(&self, url: &Url, resp: &Response, attempt: u32) -> Result<Duration> {
        let wait = resp
            .headers
            .get(RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(parse_retry_after)
            .unwrap_or_else(|| self.backoff(attempt));
        if wait > self.config.max_retry_after {
            return Err(Error::RateLimited {
                url: display_url(url),
                wait: format!("{} s", wait.as_secs()),
            });
        }
        Ok(wait)
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
