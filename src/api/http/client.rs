//! HTTP with timeouts, retries and error classification. Knows nothing about WordPress routes.

use std::time::Duration;

use reqwest::header::RETRY_AFTER;
use serde_json::Value;
use url::Url;

use crate::error::{Error, Result};

use super::credentials::{Auth, check_transport, same_host};
use super::failure::{classify, finish_failed, http_error};
use super::response::{Response, display_url};

/// Tunables for [`Client`].
#[derive(Clone, Debug)]
pub struct ClientConfig {
    /// Whole-request timeout.
    pub timeout: Duration,
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
    /// The site the credentials belong to: they go only to URLs with its host and port.
    /// Requests anywhere else (a hostile post list linking to another site, an API advertised
    /// on another host) are sent without them. `None` sends them nowhere.
    pub auth_scope: Option<Url>,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            timeout: Duration::from_secs(30),
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
        Ok(Client {
            http: build(reqwest::redirect::Policy::limited(10))?,
            http_no_redirect: build(reqwest::redirect::Policy::none())?,
            config,
        })
    }

    /// GET with retries. Non-2xx answers that are not retried come back as `Ok` for the
    /// caller to interpret (a 404 means different things on different routes).
    pub async fn get(&self, url: &Url) -> Result<Response> {
        self.send(reqwest::Method::GET, url).await
    }

    /// HEAD with the same retries: headers without the body. WordPress answers HEAD right
    /// after sending its `Link` headers, without rendering the page (and its comments).
    /// Sent once, without retries: callers fall back to GET on any failure.
    pub async fn head(&self, url: &Url) -> Result<Response> {
        self.send_once(reqwest::Method::HEAD, url, None).await
    }

    /// True when requests carry credentials.
    pub fn has_auth(&self) -> bool {
        self.config.auth.is_some()
    }

    /// POST a JSON body, once: a retried comment could be posted twice.
    pub async fn post_json(&self, url: &Url, body: &Value) -> Result<Response> {
        let bytes = serde_json::to_vec(body).map_err(|e| Error::Io(e.to_string()))?;
        self.send_once(
            reqwest::Method::POST,
            url,
            Some(("application/json", bytes)),
        )
        .await
    }

    /// DELETE, once: deleting is not something to repeat behind the user's back.
    pub async fn delete(&self, url: &Url) -> Result<Response> {
        self.send_once(reqwest::Method::DELETE, url, None).await
    }

    /// POST an `application/x-www-form-urlencoded` body, once (OAuth2 token exchange).
    pub async fn post_form(&self, url: &Url, fields: &[(&str, &str)]) -> Result<Response> {
        let body = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let kind = "application/x-www-form-urlencoded";
        self.send_once(reqwest::Method::POST, url, Some((kind, body.into_bytes())))
            .await
    }

    async fn send(&self, method: reqwest::Method, url: &Url) -> Result<Response> {
        let mut attempt = 0u32;
        loop {
            let outcome = self.send_once(method.clone(), url, None).await;
            let retry_in = match &outcome {
                Ok(resp) if resp.status == 429 => Some(self.retry_after(url, resp, attempt)?),
                Ok(resp) if resp.status >= 500 => Some(self.backoff(attempt)),
                Ok(_) => None,
                Err(Error::Timeout { .. } | Error::Connect { .. }) => Some(self.backoff(attempt)),
                Err(_) => None,
            };
            match retry_in {
                Some(wait) if attempt < self.config.retries => {
                    attempt += 1;
                    tokio::time::sleep(wait).await;
                }
                Some(_) => return finish_failed(url, outcome),
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
    ) -> Result<Response> {
        let http = if method == reqwest::Method::GET || method == reqwest::Method::HEAD {
            &self.http
        } else {
            &self.http_no_redirect
        };
        let mut request = http.request(method, url.clone());
        let in_scope = |scope: &Url| same_host(scope, url);
        if let Some(auth) = &self.config.auth
            && self.config.auth_scope.as_ref().is_some_and(in_scope)
        {
            check_transport(url)?;
            // reqwest drops this header when a redirect leaves the host (tests/oauth_wire.rs).
            request = auth.apply(request);
        }
        if let Some((kind, bytes)) = body {
            request = request
                .header(reqwest::header::CONTENT_TYPE, kind)
                .body(bytes);
        }
        let sent = request.send().await;
        let resp = sent.map_err(|e| classify(url, &e))?;
        let final_url = resp.url().clone();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let body = read_body(resp, url).await?;
        Ok(Response {
            url: final_url,
            status,
            headers,
            body,
        })
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

/// Largest body we accept. A page of 100 maximal WordPress comments is about 7 MB of JSON;
/// anything far beyond is a broken or hostile server (or a compression bomb).
pub const MAX_BODY: usize = 32 << 20;

async fn read_body(mut resp: reqwest::Response, url: &Url) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    while let Some(chunk) = resp.chunk().await.map_err(|e| classify(url, &e))? {
        if body.len() + chunk.len() > MAX_BODY {
            return Err(Error::Malformed {
                url: display_url(url),
                detail: format!("response larger than {} MB", MAX_BODY >> 20),
            });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// `Retry-After` as delay-seconds or an HTTP date.
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let delta = when.signed_duration_since(chrono::Utc::now());
    Some(delta.to_std().unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_accepts_seconds_and_dates() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon"), None);
    }

    #[test]
    fn display_url_drops_credentials() {
        let u = Url::parse("https://user:secret@example.com/x").unwrap();
        assert_eq!(display_url(&u), "https://example.com/x");
    }
}
