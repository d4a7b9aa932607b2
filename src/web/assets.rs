//! What every page loads from the binary: the stylesheet, the script, the icon.

use axum::http::header;
use axum::response::{IntoResponse, Response};

use super::{page, secured};

pub(super) async fn style() -> Response {
    secured(
        (
            [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
            page::style(),
        )
            .into_response(),
    )
}

/// The page's own script: the form updates the page without reloading it.
pub const SCRIPT: &str = include_str!("app.js");

pub(super) async fn script() -> Response {
    secured(
        (
            [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
            SCRIPT,
        )
            .into_response(),
    )
}

/// The tab's icon: a bar of a chart, in the pages' accent colour.
const ICON: &str = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><rect width=\"16\" height=\"16\" fill=\"#fff\"/><rect x=\"2\" y=\"9\" width=\"3\" height=\"5\" fill=\"#1f4e79\"/><rect x=\"6.5\" y=\"5\" width=\"3\" height=\"9\" fill=\"#1f4e79\"/><rect x=\"11\" y=\"2\" width=\"3\" height=\"12\" fill=\"#1f4e79\"/></svg>";

pub(super) async fn icon() -> Response {
    secured(([(header::CONTENT_TYPE, "image/svg+xml")], ICON).into_response())
}
