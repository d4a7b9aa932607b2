//! HTTP for `defspend update`: one client (ureq over rustls) with timeouts,
//! a size cap, retries with back-off on server errors only, conditional
//! requests, a user agent that names defspend and its version, proxies from
//! the environment (`HTTPS_PROXY`, `NO_PROXY`…) and a progress bar when
//! standard error is a terminal.

use std::io::{IsTerminal, Read};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::param::Param;

/// What a request says defspend is.
pub const USER_AGENT: &str = concat!(
    "defspend/",
    env!("CARGO_PKG_VERSION"),
    " (defence-spending calculator; update command)"
);

/// Attempts after a 5xx answer, and the first wait (doubled each time).
const RETRIES: u32 = 2;
const BACKOFF: Duration = Duration::from_millis(250);

/// The client's settings.
#[derive(Debug, Clone, Copy)]
pub struct Settings {
    /// Whole-request limit (connection, answer and body); connecting alone
    /// is limited to the smaller of this and 15 s.
    pub timeout: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timeout: Duration::from_secs(60),
        }
    }
}

/// A validator of a copy already fetched: sent back so that an unchanged
/// file is answered `304 Not Modified` and not sent again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response's body and what the server said of it.
#[derive(Debug, Clone)]
pub struct Download {
    pub url: String,
    pub bytes: Vec<u8>,
    pub validators: Validators,
    pub content_type: Option<String>,
    /// A checksum the server published for the body (`X-Checksum-Sha256`,
    /// or `Repr-Digest`/`Digest` with sha-256), as 64 hex digits.
    pub published_sha256: Option<String>,
}

/// The answer to a conditional request.
#[derive(Debug)]
pub enum Fetched {
    NotModified,
    Body(Download),
}

pub struct Client {
    agent: ureq::Agent,
    settings: Settings,
}

impl Client {
    pub fn new(settings: Settings) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .timeout_connect(Some(settings.timeout.min(Duration::from_secs(15))))
            .user_agent(USER_AGENT)
            .proxy(ureq::Proxy::try_from_env())
            .http_status_as_error(false)
            .max_redirects(5)
            .build();
        Client {
            agent: config.new_agent(),
            settings,
        }
    }

    /// GETs `url`: `who` names the source in errors, `cap` is the largest
    /// body accepted, `known` the validators of the copy in hand.
    pub fn get(&self, who: &str, url: &str, known: &Validators, cap: u64) -> Result<Fetched> {
        let fail = |problem: String| Error::fetch(who, url, problem);
        let mut wait = BACKOFF;
        let mut attempt = 0;
        loop {
            let mut request = self.agent.get(url);
            if let Some(etag) = &known.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(date) = &known.last_modified {
                request = request.header("If-Modified-Since", date);
            }
            let response = request.call().map_err(|e| fail(self.transport(&e)))?;
            let status = response.status();
            if status.as_u16() == 304 {
                return Ok(Fetched::NotModified);
            }
            if status.is_server_error() && attempt < RETRIES {
                std::thread::sleep(wait);
                wait *= 2;
                attempt += 1;
                continue;
            }
            if !status.is_success() {
                return Err(fail(refusal(status.as_u16(), status.canonical_reason())));
            }
            let header = |name: &str| {
                response
                    .headers()
                    .get(name)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string)
            };
            let validators = Validators {
                etag: header("etag"),
                last_modified: header("last-modified"),
            };
            let content_type = header("content-type");
            let published_sha256 = header("x-checksum-sha256")
                .map(|h| h.trim().to_ascii_lowercase())
                .or_else(|| header("repr-digest").and_then(|h| sha256_of_digest(&h)))
                .or_else(|| header("digest").and_then(|h| sha256_of_digest(&h)));
            let length = header("content-length").and_then(|l| l.trim().parse::<u64>().ok());
            if let Some(length) = length.filter(|l| *l > cap) {
                return Err(fail(too_large(Some(length), cap)));
            }
            let bytes = self.read_body(response.into_body(), length, cap, &fail)?;
            return Ok(Fetched::Body(Download {
                url: url.to_string(),
                bytes,
                validators,
                content_type,
                published_sha256,
            }));
        }
    }

    /// Reads a body up to `cap` bytes, with a progress bar on a terminal.
    fn read_body(
        &self,
        body: ureq::Body,
        length: Option<u64>,
        cap: u64,
        fail: &dyn Fn(String) -> Error,
    ) -> Result<Vec<u8>> {
        let bar = progress_bar(length);
        let mut reader = body.into_with_config().limit(cap + 1).reader();
        let mut bytes = Vec::with_capacity(length.unwrap_or(0).min(cap) as usize);
        let mut chunk = vec![0u8; 64 * 1024];
        loop {
            let n = match reader.read(&mut chunk) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) => {
                    if let Some(bar) = &bar {
                        bar.finish_and_clear();
                    }
                    return Err(fail(self.cut_short(&e, bytes.len(), length, cap)));
                }
            };
            bytes.extend_from_slice(&chunk[..n]);
            if bytes.len() as u64 > cap {
                return Err(fail(too_large(None, cap)));
            }
            if let Some(bar) = &bar {
                bar.set_position(bytes.len() as u64);
            }
        }
        if let Some(bar) = &bar {
            bar.finish_and_clear();
        }
        match length {
            Some(expected) if expected != bytes.len() as u64 => Err(fail(format!(
                "the download was cut short: {} of {expected} bytes",
                bytes.len()
            ))),
            _ => Ok(bytes),
        }
    }

    /// A body that stopped: too large, timed out or cut short.
    fn cut_short(&self, e: &std::io::Error, got: usize, length: Option<u64>, cap: u64) -> String {
        let inner = e
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<ureq::Error>());
        match inner {
            Some(ureq::Error::BodyExceedsLimit(_)) => too_large(None, cap),
            Some(other) => match self.transport(other) {
                t if t.starts_with("no answer") => t,
                t => format!("the download was cut short after {got} bytes ({t})"),
            },
            None => match length {
                Some(expected) => {
                    format!("the download was cut short: {got} of {expected} bytes ({e})")
                }
                None => format!("the download was cut short after {got} bytes ({e})"),
            },
        }
    }

    /// What went wrong below HTTP, in words.
    fn transport(&self, e: &ureq::Error) -> String {
        match e {
            ureq::Error::Timeout(_) => format!(
                "no answer within {} s (the timeout, which {} sets)",
                self.settings.timeout.as_secs_f64(),
                Param::Timeout
            ),
            ureq::Error::HostNotFound => "the host name was not found".to_string(),
            ureq::Error::ConnectionFailed => "the connection failed".to_string(),
            ureq::Error::BodyExceedsLimit(n) => format!("larger than the {n}-byte cap"),
            ureq::Error::Io(io) => format!("the connection failed: {io}"),
            other => other.to_string(),
        }
    }
}

/// An HTTP refusal in words; 403 and 401 say how to go on without the tool.
fn refusal(status: u16, reason: Option<&str>) -> String {
    let reason = reason.unwrap_or("");
    match status {
        401 | 403 | 429 => format!(
            "HTTP {status} {reason}: the site refused this client; download the file in a browser and give it with {} FILE",
            Param::From
        ),
        _ => format!("HTTP {status} {reason}").trim_end().to_string(),
    }
}

fn too_large(length: Option<u64>, cap: u64) -> String {
    let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
    match length {
        Some(n) => format!(
            "the file is {:.1} MiB, larger than the {:.0} MiB this source's files may be",
            mib(n),
            mib(cap)
        ),
        None => format!(
            "the file is larger than the {:.0} MiB this source's files may be",
            mib(cap)
        ),
    }
}

/// `sha-256=:BASE64:` (Repr-Digest) or `SHA-256=BASE64` (Digest) as hex.
fn sha256_of_digest(header: &str) -> Option<String> {
    use base64::Engine;
    header.split(',').find_map(|part| {
        let (algorithm, value) = part.trim().split_once('=')?;
        if !algorithm.trim().eq_ignore_ascii_case("sha-256") {
            return None;
        }
        let value = value.trim().trim_matches(':');
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(value)
            .ok()?;
        (bytes.len() == 32).then(|| bytes.iter().map(|b| format!("{b:02x}")).collect())
    })
}

/// A download's progress on standard error, when it is a terminal and the
/// file is large enough to wait for.
fn progress_bar(length: Option<u64>) -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() || length.is_some_and(|l| l < 256 * 1024) {
        return None;
    }
    let bar = match length {
        Some(l) => indicatif::ProgressBar::new(l),
        None => indicatif::ProgressBar::new_spinner(),
    };
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "  {bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec}",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_decode_to_hex() {
        // sha256 of the empty string.
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let b64 = "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";
        assert_eq!(
            sha256_of_digest(&format!("sha-256=:{b64}:")).as_deref(),
            Some(empty)
        );
        assert_eq!(
            sha256_of_digest(&format!("md5=xyz, SHA-256={b64}")).as_deref(),
            Some(empty)
        );
        assert_eq!(sha256_of_digest("md5=:AAAA:"), None);
    }

    #[test]
    fn a_blocked_client_is_told_to_use_from() {
        assert!(refusal(403, Some("Forbidden")).contains(&format!("{} FILE", Param::From)));
        assert_eq!(refusal(404, Some("Not Found")), "HTTP 404 Not Found");
    }
}
