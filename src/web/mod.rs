//! `defspend serve`: the calculator as a local web application, answering
//! from the same requests the command line and the Python module make
//! ([`crate::api`]): a page is a form (it works without JavaScript), the
//! report's tables, its chart and source line, downloads, and the command
//! line that gives the same figures. Nothing from a request reaches the file
//! system: a page takes named parameters only (no `data`, `output` or file
//! names), checked by the same requests; limits bound the query and the time.

mod page;

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api::Failure;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;

/// The longest query a page takes (a page's settings are a few dozen bytes).
pub const MAX_QUERY: usize = 2048;
/// The longest a page may take to compute.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The security headers of every answer: nothing from another host, no
/// script but the page's own files, no framing.
pub const CSP: &str = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

struct App {
    catalog: Catalog,
}

/// The pages, by path (a download adds `.csv` or `.svg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Shortfall,
}

impl Page {
    pub fn path(self) -> &'static str {
        match self {
            Page::Shortfall => "/shortfall",
        }
    }

    /// The command (of [`crate::api::COMMANDS`]) it answers from.
    pub fn command(self) -> &'static str {
        match self {
            Page::Shortfall => "shortfall",
        }
    }

    /// The parameters it takes from a query: nothing else is accepted.
    pub fn params(self) -> &'static [Param] {
        match self {
            Page::Shortfall => &[Param::Edition, Param::Year, Param::Target, Param::Groups],
        }
    }
}

/// The application: every route, the catalog shared by all.
pub fn router(catalog: Catalog) -> Router {
    let app = Arc::new(App { catalog });
    Router::new()
        .route("/", get(index))
        .route("/style.css", get(style))
        .route("/shortfall", get(shortfall_page))
        .route("/shortfall.csv", get(shortfall_csv))
        .route("/shortfall.svg", get(shortfall_svg))
        .fallback(not_found)
        .with_state(app)
}

/// A page's settings, parsed from its query and checked against the
/// parameters it takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// In the order of the page's parameters; a setting given twice is its last.
    pub values: Vec<(Param, String)>,
}

impl Settings {
    pub fn parse(page: Page, query: Option<&str>) -> Result<Settings> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY {
            return Err(Error::data(
                page.path(),
                format!(
                    "the page's settings are {} bytes, more than the {MAX_QUERY} a page takes",
                    query.len()
                ),
            ));
        }
        let mut values: Vec<(Param, String)> = Vec::new();
        for (key, value) in url_pairs(query) {
            let Some(param) = page.params().iter().copied().find(|p| p.id() == key) else {
                return Err(Error::data(
                    page.path(),
                    format!(
                        "unknown setting '{key}'; this page takes {}",
                        page.params()
                            .iter()
                            .map(|p| p.id())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            };
            let value = value.trim().to_string();
            values.retain(|(p, _)| *p != param);
            if !value.is_empty() {
                values.push((param, value));
            }
        }
        let order = |p: &Param| page.params().iter().position(|q| q == p);
        values.sort_by_key(|(p, _)| order(p));
        Ok(Settings { values })
    }

    /// The value of a setting, if given.
    pub fn get(&self, param: Param) -> Option<&str> {
        self.values
            .iter()
            .find(|(p, _)| *p == param)
            .map(|(_, v)| v.as_str())
    }

    /// The request's named parameters, typed as the request takes them.
    pub fn params(&self) -> Result<serde_json::Value> {
        let mut out = serde_json::Map::new();
        for (param, value) in &self.values {
            let json =
                match param {
                    Param::Year => serde_json::Value::from(value.parse::<i32>().map_err(|_| {
                        Error::data(param.id(), format!("'{value}' is not a year"))
                    })?),
                    Param::Target => {
                        let v: f64 = value
                            .parse()
                            .ok()
                            .filter(|v: &f64| v.is_finite())
                            .ok_or_else(|| {
                                Error::data(param.id(), format!("'{value}' is not a share of GDP"))
                            })?;
                        serde_json::Value::from(v)
                    }
                    Param::Groups => serde_json::Value::from(
                        value
                            .split(',')
                            .map(|g| g.trim().to_string())
                            .filter(|g| !g.is_empty())
                            .collect::<Vec<_>>(),
                    ),
                    _ => serde_json::Value::from(value.clone()),
                };
            out.insert(param.id().replace('-', "_"), json);
        }
        Ok(serde_json::Value::Object(out))
    }

    /// The query that gives these settings again.
    pub fn query(&self) -> String {
        self.values
            .iter()
            .map(|(p, v)| {
                format!(
                    "{}={}",
                    p.id(),
                    form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// `key=value` pairs of a query, percent-decoded (`+` is a space).
fn url_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

/// A failure as a front says it: the settings named as the page's fields.
fn say(e: &Error) -> String {
    match Failure::from_error(e, |p| p.id().to_string()) {
        Failure::Usage(m) | Failure::Data(m) | Failure::Other(m) => m,
    }
}

/// The status of a failure: the request's fault is 400, never 500.
fn status(e: &Error) -> StatusCode {
    match Failure::from_error(e, |p| p.id().to_string()) {
        Failure::Usage(_) | Failure::Data(_) => StatusCode::BAD_REQUEST,
        Failure::Other(_) => match e {
            Error::Request { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        },
    }
}

/// Runs `f` off the request threads, within [`REQUEST_TIMEOUT`].
async fn compute<T: Send + 'static>(
    app: Arc<App>,
    f: impl FnOnce(&Catalog) -> Result<T> + Send + 'static,
) -> Result<T> {
    let job = tokio::task::spawn_blocking(move || {
        crate::api::guarded(|| f(&app.catalog)).unwrap_or_else(|failure| {
            Err(Error::data(
                "request",
                match failure {
                    Failure::Usage(m) | Failure::Data(m) | Failure::Other(m) => m,
                },
            ))
        })
    });
    match tokio::time::timeout(REQUEST_TIMEOUT, job).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Error::data("request", "the computation stopped")),
        Err(_) => Err(Error::data(
            "request",
            format!("the page took longer than {} s", REQUEST_TIMEOUT.as_secs()),
        )),
    }
}

fn secured(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn html(status: StatusCode, body: String) -> Response {
    secured(
        (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response(),
    )
}

async fn index(State(app): State<Arc<App>>) -> Response {
    html(StatusCode::OK, page::index(&app.catalog))
}

async fn style() -> Response {
    secured(
        (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            page::style(),
        )
            .into_response(),
    )
}

async fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        page::message(
            "Not found",
            "There is no such page: the pages are listed at /.",
        ),
    )
}

async fn shortfall_page(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let settings = match Settings::parse(Page::Shortfall, query.as_deref()) {
        Ok(s) => s,
        Err(e) => {
            return html(
                status(&e),
                page::failed(
                    Page::Shortfall,
                    &app.catalog,
                    &Settings::default(),
                    &say(&e),
                ),
            )
        }
    };
    let params = settings.params();
    let report = compute(app.clone(), move |catalog| {
        crate::api::call_on(catalog, Page::Shortfall.command(), &params?)
    })
    .await;
    match report {
        Ok(report) => html(
            StatusCode::OK,
            page::report(Page::Shortfall, &app.catalog, &settings, &report),
        ),
        Err(e) => html(
            status(&e),
            page::failed(Page::Shortfall, &app.catalog, &settings, &say(&e)),
        ),
    }
}

async fn shortfall_csv(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let answer = match Settings::parse(Page::Shortfall, query.as_deref()) {
        Ok(settings) => {
            let params = settings.params();
            compute(app, move |catalog| {
                let report = crate::api::call_on(catalog, Page::Shortfall.command(), &params?)?;
                Ok(crate::export::render(&report, crate::export::Format::Csv))
            })
            .await
        }
        Err(e) => Err(e),
    };
    match answer {
        Ok(csv) => secured(
            (
                [
                    (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                    (
                        header::CONTENT_DISPOSITION,
                        "attachment; filename=\"shortfall.csv\"",
                    ),
                ],
                csv,
            )
                .into_response(),
        ),
        Err(e) => secured(
            (
                status(&e),
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                say(&e) + "\n",
            )
                .into_response(),
        ),
    }
}

async fn shortfall_svg(State(app): State<Arc<App>>, RawQuery(query): RawQuery) -> Response {
    let answer = match Settings::parse(Page::Shortfall, query.as_deref()) {
        Ok(settings) => {
            compute(app, move |catalog| {
                let chart = page::chart_request(&settings)?;
                crate::api::chart(catalog, &crate::api::request(&chart)?)
            })
            .await
        }
        Err(e) => Err(e),
    };
    match answer {
        Ok(svg) => secured(([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()),
        Err(e) => secured(
            (
                status(&e),
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                say(&e) + "\n",
            )
                .into_response(),
        ),
    }
}

/// Serves the application on `listener` until the process ends.
pub fn serve(catalog: Catalog, listener: std::net::TcpListener) -> Result<()> {
    let fail = |what: &str, e: &dyn std::fmt::Display| Error::data("serve", format!("{what}: {e}"));
    listener
        .set_nonblocking(true)
        .map_err(|e| fail("cannot listen", &e))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| fail("cannot start the server", &e))?;
    runtime.block_on(async move {
        let listener =
            tokio::net::TcpListener::from_std(listener).map_err(|e| fail("cannot listen", &e))?;
        axum::serve(listener, router(catalog))
            .await
            .map_err(|e| fail("the server stopped", &e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_the_page_s_and_nothing_else() {
        let s =
            Settings::parse(Page::Shortfall, Some("year=2024&target=3.5&groups=eu%2Cus")).unwrap();
        assert_eq!(s.query(), "year=2024&target=3.5&groups=eu%2Cus");
        assert_eq!(
            s.params().unwrap(),
            serde_json::json!({"year": 2024, "target": 3.5, "groups": ["eu", "us"]})
        );
        let err = Settings::parse(Page::Shortfall, Some("data=%2Fetc")).unwrap_err();
        assert!(
            say(&err).contains("unknown setting 'data'"),
            "{}",
            say(&err)
        );
        let long = "year=".to_string() + &"9".repeat(MAX_QUERY);
        assert!(Settings::parse(Page::Shortfall, Some(&long)).is_err());
        let bad = Settings::parse(Page::Shortfall, Some("year=abc")).unwrap();
        assert!(say(&bad.params().unwrap_err()).starts_with("year: 'abc' is not a year"));
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(
            url_pairs("groups=a%20b+c%2C&x=100%"),
            [
                ("groups".to_string(), "a b c,".to_string()),
                ("x".to_string(), "100%".to_string())
            ]
        );
    }
}
