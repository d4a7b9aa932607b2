//! The Monte Carlo pages' answers, kept: the same settings give the same
//! figures (the catalog does not change while the server runs, and a run is
//! fixed by its seed), so a link many open is simulated once. A few dozen
//! answers are kept, the oldest dropped first.

use std::collections::VecDeque;
use std::sync::Mutex;

use axum::body::Bytes;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

/// How many answers are kept (an outlook's page is about 100 KB, its PNG
/// about 200 KB: a few megabytes in all).
pub const KEPT: usize = 32;

/// The header that says an answer was kept from an earlier request.
pub const FROM_CACHE: &str = "x-cache";

/// Kept answers, by the request's path and settings (in the page's order).
#[derive(Default)]
pub struct Answers {
    kept: Mutex<VecDeque<(String, HeaderMap, Bytes)>>,
    /// Requests go through one at a time, so that those asking what another
    /// is computing wait for its answer rather than compute it again.
    flight: tokio::sync::Mutex<()>,
}

/// What a request for a kept kind of answer does.
pub enum Turn<'a> {
    /// Answer with this, kept from an earlier request.
    Kept(Response),
    /// Compute it, holding the turn until the answer is kept.
    Go(tokio::sync::MutexGuard<'a, ()>),
    /// No turn came in time.
    OutOfTime,
}

impl Answers {
    /// The kept answer for `key`, else the turn to compute it (waiting at
    /// most `wait`), looking again once it comes: another request may have
    /// computed it meanwhile.
    pub async fn turn(&self, key: &str, wait: std::time::Duration) -> Turn<'_> {
        if let Some(kept) = self.get(key) {
            return Turn::Kept(kept);
        }
        let Ok(turn) = tokio::time::timeout(wait, self.flight.lock()).await else {
            return Turn::OutOfTime;
        };
        match self.get(key) {
            Some(kept) => Turn::Kept(kept),
            None => Turn::Go(turn),
        }
    }

    /// The answer kept for `key`, if any.
    pub fn get(&self, key: &str) -> Option<Response> {
        let kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
        let (_, headers, body) = kept.iter().find(|(k, _, _)| k == key)?;
        let mut response = (StatusCode::OK, body.clone()).into_response();
        *response.headers_mut() = headers.clone();
        response
            .headers_mut()
            .insert(FROM_CACHE, HeaderValue::from_static("hit"));
        Some(response)
    }

    /// Keeps a successful answer for `key` and gives it back; any other is
    /// given back as it is.
    pub async fn keep(&self, key: String, response: Response) -> Response {
        if response.status() != StatusCode::OK {
            return response;
        }
        let (parts, body) = response.into_parts();
        let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
            return (StatusCode::INTERNAL_SERVER_ERROR, "the answer was lost").into_response();
        };
        let mut headers = parts.headers.clone();
        headers.remove(header::DATE);
        {
            let mut kept = self.kept.lock().unwrap_or_else(|e| e.into_inner());
            kept.retain(|(k, _, _)| *k != key);
            if kept.len() == KEPT {
                kept.pop_front();
            }
            kept.push_back((key, headers, body.clone()));
        }
        let mut response = Response::from_parts(parts, axum::body::Body::from(body));
        response
            .headers_mut()
            .insert(FROM_CACHE, HeaderValue::from_static("miss"));
        response
    }
}
