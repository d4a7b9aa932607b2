//! `defspend serve`: the calculator as a local web application, answering
//! from the same requests the command line and the Python module make
//! ([`crate::api`]): a page is a form (it works without JavaScript), the
//! report's tables, its chart and source line, downloads, and the command
//! line that gives the same figures. Nothing from a request reaches the file
//! system: a page takes named parameters only (no `data`, `output` or file
//! names), checked by the same requests; limits bound the query and the time.

mod answers;
mod assets;
mod page;
mod server;
mod settings;

pub use assets::SCRIPT;
pub use server::{serve, CONNECTION_LIFETIME, HEADER_TIMEOUT, MAX_CONNECTIONS};
pub use settings::{Settings, MAX_DRAWS, MAX_POSTED, MAX_QUERY};

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;

use crate::api::Failure;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;

/// The longest a page may take to compute.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// The security headers of every answer: nothing from another host, no
/// script but the page's own files, no framing.
pub const CSP: &str = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

struct App {
    catalog: Catalog,
    /// Monte Carlo pages computing at once: one, so that the outlook's
    /// draws never hold every computing thread (the others have three); a
    /// computation that outlived its page's time holds it to its end
    /// (a request's turn, [`answers::Answers::turn`], ends with its page).
    heavy: Arc<tokio::sync::Semaphore>,
    /// The Monte Carlo pages' answers, kept for the next request alike.
    answers: answers::Answers,
}

/// Computing threads: the pages' work runs off the request threads.
pub(super) const COMPUTING_THREADS: usize = 4;

/// The pages, by path (a download adds `.csv` or `.svg`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Shortfall,
    Compare,
    Scenario,
    Plans,
    Fiscal,
    Outlook,
    Dispersion,
    Ally,
}

impl Page {
    pub const ALL: [Page; 8] = [
        Page::Shortfall,
        Page::Compare,
        Page::Scenario,
        Page::Plans,
        Page::Fiscal,
        Page::Outlook,
        Page::Dispersion,
        Page::Ally,
    ];

    pub fn path(self) -> &'static str {
        match self {
            Page::Shortfall => "/shortfall",
            Page::Compare => "/compare",
            Page::Scenario => "/scenario",
            Page::Plans => "/plans",
            Page::Fiscal => "/fiscal",
            Page::Outlook => "/outlook",
            Page::Dispersion => "/dispersion",
            Page::Ally => "/ally",
        }
    }

    /// What the navigation calls it.
    pub fn label(self) -> &'static str {
        match self {
            Page::Shortfall => "Who falls short",
            Page::Compare => "Several targets",
            Page::Scenario => "Paths to a target",
            Page::Plans => "National plans",
            Page::Fiscal => "Fiscal cost",
            Page::Outlook => "How likely",
            Page::Dispersion => "Dispersion",
            Page::Ally => "One ally",
        }
    }

    /// The command (of [`crate::api::COMMANDS`]) it answers from.
    pub fn command(self) -> &'static str {
        match self {
            Page::Shortfall => "shortfall",
            Page::Compare => "compare",
            Page::Scenario => "scenario",
            Page::Plans => "plans",
            Page::Fiscal => "fiscal",
            Page::Outlook => "outlook",
            Page::Dispersion => "dispersion",
            Page::Ally => "ally",
        }
    }

    /// The command line's words before its flags.
    pub fn command_line(self) -> &'static str {
        match self {
            Page::Scenario => "scenario run",
            other => other.command(),
        }
    }

    /// The setting the command line takes by its place, if any.
    pub fn positional(self) -> Option<Param> {
        match self {
            Page::Scenario => Some(Param::Scenario),
            Page::Ally => Some(Param::Ally),
            _ => None,
        }
    }

    /// The parameters it takes from a query: nothing else is accepted.
    pub fn params(self) -> &'static [Param] {
        match self {
            Page::Shortfall => &[Param::Edition, Param::Year, Param::Target, Param::Groups],
            Page::Compare => &[Param::Edition, Param::Year, Param::Targets, Param::Groups],
            Page::Scenario => &[
                Param::Scenario,
                Param::Target,
                Param::By,
                Param::Path,
                Param::AllyTarget,
                Param::Allies,
                Param::GrowthThreshold,
                Param::Economy,
            ],
            Page::Plans => &[
                Param::Scenario,
                Param::PlansVintage,
                Param::Allies,
                Param::Economy,
            ],
            Page::Fiscal => &[
                Param::Scenario,
                Param::Economy,
                Param::Year,
                Param::Allies,
                Param::Groups,
            ],
            Page::Outlook => &[
                Param::Scenario,
                Param::Target,
                Param::By,
                Param::Draws,
                Param::Seed,
                Param::Allies,
            ],
            Page::Dispersion => &[Param::Edition, Param::Groups],
            Page::Ally => &[Param::Ally, Param::Edition, Param::Economy],
        }
    }

    /// Whether its computation is a Monte Carlo simulation (bounded, one at a time).
    pub fn heavy(self) -> bool {
        self == Page::Outlook
    }

    pub fn of_path(path: &str) -> Option<Page> {
        Page::ALL.into_iter().find(|p| p.path() == path)
    }
}

/// A failure as a front says it: the settings named as the page's fields.
fn say(e: &Error) -> String {
    match Failure::from_error(e, |p| p.id().to_string()) {
        Failure::Usage(m) | Failure::Data(m) | Failure::Other(m) => m,
    }
}

/// What the server's own failures (a page out of time) are said to come
/// from: not the request's fault, so 503 rather than 400.
const BUSY: &str = "server";

/// The status of a failure: the request's fault is 400, never 500; the
/// server's lack of time 503 (try again).
fn status(e: &Error) -> StatusCode {
    if matches!(e, Error::Data { place, .. } if place == BUSY) {
        return StatusCode::SERVICE_UNAVAILABLE;
    }
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
    page: Page,
    f: impl FnOnce(&Catalog) -> Result<T> + Send + 'static,
) -> Result<T> {
    let work = async move {
        // A Monte Carlo page waits for its turn without holding a thread,
        // and holds its permit until its computation ends.
        let permit = match page.heavy() {
            true => app.heavy.clone().acquire_owned().await.ok(),
            false => None,
        };
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            crate::api::guarded(|| f(&app.catalog)).unwrap_or_else(|failure| {
                Err(Error::data(
                    "request",
                    match failure {
                        Failure::Usage(m) | Failure::Data(m) | Failure::Other(m) => m,
                    },
                ))
            })
        })
        .await
    };
    match tokio::time::timeout(REQUEST_TIMEOUT, work).await {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => Err(Error::data(BUSY, "the computation stopped; try again")),
        Err(_) => Err(out_of_time()),
    }
}

/// A page not answered within [`REQUEST_TIMEOUT`].
fn out_of_time() -> Error {
    Error::data(
        BUSY,
        format!(
            "the page took longer than {} s (the server is busy); try again",
            REQUEST_TIMEOUT.as_secs()
        ),
    )
}

fn secured(mut response: Response) -> Response {
    let busy = response.status() == StatusCode::SERVICE_UNAVAILABLE;
    let headers = response.headers_mut();
    if busy {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static("5"));
    }
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

async fn not_found() -> Response {
    html(
        StatusCode::NOT_FOUND,
        page::message(
            "Not found",
            "There is no such page: the pages are listed at /.",
        ),
    )
}

/// What a page's path asks for: the page itself, its CSV or its chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Html,
    Csv,
    Xlsx,
    Svg,
    Png,
}

impl Answer {
    const DOWNLOADS: [Answer; 4] = [Answer::Csv, Answer::Xlsx, Answer::Svg, Answer::Png];

    /// What a path asks for, and the path without its extension.
    fn of_path(path: &str) -> (&str, Answer) {
        Answer::DOWNLOADS
            .into_iter()
            .find_map(|a| {
                let base = path.strip_suffix(a.extension())?;
                base.strip_suffix('.').map(|base| (base, a))
            })
            .unwrap_or((path, Answer::Html))
    }

    fn extension(self) -> &'static str {
        match self {
            Answer::Html => "html",
            Answer::Csv => "csv",
            Answer::Xlsx => "xlsx",
            Answer::Svg => "svg",
            Answer::Png => "png",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Answer::Html => "text/html; charset=utf-8",
            Answer::Csv => "text/csv; charset=utf-8",
            Answer::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Answer::Svg => "image/svg+xml",
            Answer::Png => "image/png",
        }
    }
}

/// Every page and download: by path, else not found.
async fn dispatch(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    RawQuery(query): RawQuery,
) -> Response {
    // Every page is read, never written to (a scenario's text is posted to
    // its own routes).
    if method != Method::GET && method != Method::HEAD {
        let mut response = html(
            StatusCode::METHOD_NOT_ALLOWED,
            page::message("Not allowed", "The pages are read with GET."),
        );
        response
            .headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    let path = uri.path();
    let (base, answer) = Answer::of_path(path);
    // `/shortfall.map.svg`: the page's map, where it has one.
    let (base, map) = match base.strip_suffix(".map") {
        Some(page) if answer == Answer::Svg => (page, true),
        _ => (base, false),
    };
    let Some(page) = Page::of_path(base) else {
        return not_found().await;
    };
    let chart = matches!(answer, Answer::Svg | Answer::Png);
    let drawn = match map {
        true => page::has_map(page),
        false => page::chart_kind(page).is_some(),
    };
    if chart && !drawn {
        return not_found().await;
    }
    let settings = Settings::parse(page, query.as_deref());
    // A Monte Carlo page's answer, kept by its settings in the page's order.
    let key = match (&settings, page.heavy()) {
        (Ok(s), true) => Some(format!("{path}?{}", s.query())),
        _ => None,
    };
    let _turn = match key.as_deref() {
        Some(key) => match app.answers.turn(key, REQUEST_TIMEOUT).await {
            answers::Turn::Kept(kept) => return kept,
            answers::Turn::Go(turn) => Some(turn),
            answers::Turn::OutOfTime => {
                return respond(app.clone(), page, Err(out_of_time()), answer, map).await
            }
        },
        None => None,
    };
    let response = respond(app.clone(), page, settings, answer, map).await;
    match key {
        Some(key) => app.answers.keep(key, response).await,
        None => response,
    }
}

/// The answer a path asks for, from the page's settings.
async fn respond(
    app: Arc<App>,
    page: Page,
    settings: Result<Settings>,
    answer: Answer,
    map: bool,
) -> Response {
    match answer {
        Answer::Html => html_page(app, page, settings).await,
        Answer::Csv | Answer::Xlsx => table(app, page, settings, answer).await,
        Answer::Svg | Answer::Png => image(app, page, settings, answer, map).await,
    }
}

async fn html_page(app: Arc<App>, page: Page, settings: Result<Settings>) -> Response {
    let settings = match settings {
        Ok(s) => s,
        Err(e) => {
            return html(
                status(&e),
                page::failed(page, &app.catalog, &Settings::default(), &say(&e)),
            )
        }
    };
    if let Some(p) = page.positional().filter(|p| *p == Param::Ally) {
        if settings.get(p).is_none() {
            return html(StatusCode::OK, page::ask(page, &app.catalog, &settings));
        }
    }
    let params = settings.params();
    // A posted scenario's chart is drawn into the page (no link gives it).
    let drawn = settings.posted.is_some().then(|| settings.clone());
    let report = compute(app.clone(), page, move |catalog| {
        let report = crate::api::call_on(catalog, page.command(), &params?)?;
        let chart = match drawn {
            Some(settings) => {
                let chart = page::chart_request(page, &settings, catalog)?;
                let svg = crate::api::chart(catalog, &crate::api::request(&chart)?)?;
                Some(String::from_utf8_lossy(&svg).into_owned())
            }
            None => None,
        };
        Ok((report, chart))
    })
    .await;
    match report {
        Ok((report, chart)) => html(
            StatusCode::OK,
            page::report(page, &app.catalog, &settings, &report, chart.as_deref()),
        ),
        Err(e) => html(
            status(&e),
            page::failed(page, &app.catalog, &settings, &say(&e)),
        ),
    }
}

/// A failure of a download: its one line as text.
fn failed_text(e: &Error) -> Response {
    secured(
        (
            status(e),
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            say(e) + "\n",
        )
            .into_response(),
    )
}

/// A page's table as a download: the command's CSV, or its workbook.
async fn table(app: Arc<App>, page: Page, settings: Result<Settings>, answer: Answer) -> Response {
    let bytes = match settings {
        Ok(settings) => {
            let params = settings.params();
            compute(app, page, move |catalog| {
                let report = crate::api::call_on(catalog, page.command(), &params?)?;
                match answer {
                    Answer::Xlsx => crate::export::Format::Xlsx.exporter().bytes(&report),
                    _ => {
                        Ok(crate::export::render(&report, crate::export::Format::Csv).into_bytes())
                    }
                }
            })
            .await
        }
        Err(e) => Err(e),
    };
    match bytes {
        Ok(bytes) => download(page, answer, bytes),
        Err(e) => failed_text(&e),
    }
}

/// A download's answer: its type and a file name.
fn download(page: Page, answer: Answer, bytes: Vec<u8>) -> Response {
    let mut response =
        secured(([(header::CONTENT_TYPE, answer.content_type())], bytes).into_response());
    let name = format!(
        "attachment; filename=\"{}.{}\"",
        page.path().trim_start_matches('/'),
        answer.extension()
    );
    if let (Ok(value), false) = (HeaderValue::from_str(&name), answer == Answer::Svg) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// A page's chart, as the command line draws it (SVG or PNG).
async fn image(
    app: Arc<App>,
    page: Page,
    settings: Result<Settings>,
    answer: Answer,
    map: bool,
) -> Response {
    let bytes = match settings {
        Ok(settings) => {
            compute(app, page, move |catalog| {
                let mut chart = match map {
                    true => page::map_request(&settings)?,
                    false => page::chart_request(page, &settings, catalog)?,
                };
                if answer == Answer::Png {
                    chart["format"] = serde_json::json!("png");
                }
                crate::api::chart(catalog, &crate::api::request(&chart)?)
            })
            .await
        }
        Err(e) => Err(e),
    };
    match bytes {
        Ok(bytes) => download(page, answer, bytes),
        Err(e) => failed_text(&e),
    }
}

/// The most a request's body is read before the connection is closed.
const MAX_BODY: usize = 8 * 1024 * 1024;

/// The scenario page's posted form: a scenario of one's own, as text, run
/// as a shipped one is (the page, or its CSV); a body over [`MAX_POSTED`]
/// bytes is refused, and one over [`MAX_BODY`] is not read whole.
async fn posted(State(app): State<Arc<App>>, uri: Uri, body: axum::body::Body) -> Response {
    let page = Page::Scenario;
    // Read to a larger bound, so that a client sending a few megabytes gets
    // the answer rather than a closed connection; beyond it, it is cut off.
    let too_large = || {
        Error::data(
            crate::api::POSTED_SCENARIO,
            format!("more than the {} KiB a page takes", MAX_POSTED / 1024),
        )
    };
    let read = tokio::time::timeout(REQUEST_TIMEOUT, axum::body::to_bytes(body, MAX_BODY));
    let settings = match read.await {
        Ok(Ok(bytes)) if bytes.len() <= MAX_POSTED => Settings::posted(&bytes),
        Ok(_) => Err(too_large()),
        Err(_) => Err(Error::data(
            crate::api::POSTED_SCENARIO,
            format!("not sent within {} s", REQUEST_TIMEOUT.as_secs()),
        )),
    };
    let (_, answer) = Answer::of_path(uri.path());
    respond(app, page, settings, answer, false).await
}

/// The application: every route, the catalog shared by all.
pub fn router(catalog: Catalog) -> Router {
    let app = Arc::new(App {
        catalog,
        heavy: Arc::new(tokio::sync::Semaphore::new(1)),
        answers: answers::Answers::default(),
    });
    Router::new()
        .route("/", get(index))
        .route("/style.css", get(assets::style))
        .route("/scenario", get(dispatch).post(posted))
        .route("/scenario.csv", get(dispatch).post(posted))
        .route("/scenario.xlsx", get(dispatch).post(posted))
        .route("/scenario.svg", get(dispatch).post(posted))
        .route("/scenario.png", get(dispatch).post(posted))
        .route("/app.js", get(assets::script))
        .route("/favicon.svg", get(assets::icon))
        .route("/favicon.ico", get(assets::icon))
        .fallback(dispatch)
        .with_state(app)
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
            settings::url_pairs("groups=a%20b+c%2C&x=100%"),
            [
                ("groups".to_string(), "a b c,".to_string()),
                ("x".to_string(), "100%".to_string())
            ]
        );
    }
}
