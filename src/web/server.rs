//! The server: accepting connections and serving each within its time
//! limits (hyper's HTTP/1 with a timer), the application answering.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;

use super::{router, COMPUTING_THREADS};
use crate::data::Catalog;
use crate::error::{Error, Result};

/// The longest a client may take to send a request's headers, and to send
/// the next one on a connection kept alive: a slow or idle client's
/// connection is closed after it.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a connection stays open: then it finishes the request in
/// hand and closes, and a client that will not take its answer is cut off
/// [`HEADER_TIMEOUT`] later.
pub const CONNECTION_LIFETIME: Duration = Duration::from_secs(120);
/// Connections open at once; more wait to be accepted.
pub const MAX_CONNECTIONS: usize = 512;
/// The most a request's head may take in the connection's buffer.
const MAX_HEAD: usize = 64 * 1024;

/// Serves one connection within [`HEADER_TIMEOUT`] and [`CONNECTION_LIFETIME`].
async fn connection(stream: tokio::net::TcpStream, app: Router) {
    let service = hyper_util::service::TowerToHyperService::new(app);
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT)
        .max_buf_size(MAX_HEAD);
    let conn = builder.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
    let mut conn = std::pin::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => return,
        _ = tokio::time::sleep(CONNECTION_LIFETIME) => conn.as_mut().graceful_shutdown(),
    }
    let _ = tokio::time::timeout(HEADER_TIMEOUT, conn).await;
}

/// Serves the application on `listener` until the process ends.
pub fn serve(catalog: Catalog, listener: std::net::TcpListener) -> Result<()> {
    let fail = |what: &str, e: &dyn std::fmt::Display| Error::data("serve", format!("{what}: {e}"));
    listener
        .set_nonblocking(true)
        .map_err(|e| fail("cannot listen", &e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(COMPUTING_THREADS)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| fail("cannot start the server", &e))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| fail("cannot listen", &e))?;
        let app = router(catalog);
        let open = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
        loop {
            let permit = open
                .clone()
                .acquire_owned()
                .await
                .map_err(|e| fail("the server stopped", &e))?;
            match listener.accept().await {
                Ok((stream, _)) => {
                    let app = app.clone();
                    tokio::spawn(async move {
                        connection(stream, app).await;
                        drop(permit);
                    });
                }
                // Out of file descriptors, or a connection reset before it
                // was accepted: wait a moment and go on.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            }
        }
    })
}
