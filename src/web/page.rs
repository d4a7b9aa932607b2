//! The pages' HTML: a form that holds every setting (so that a link
//! reproduces the page and the page works without JavaScript), the report's
//! summary, chart, tables, notes and source line, downloads, and the
//! command line that gives the same figures. Every text is escaped.

use super::{Page, Settings};
use crate::data::Catalog;
use crate::error::Result;
use crate::export::html::{escape, inline, table_html, STYLE};
use crate::export::Report;
use crate::param::Param;

/// The stylesheet: the brief's look, with the form's.
pub fn style() -> String {
    format!(
        "{STYLE}\nheader.site {{ font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: .9rem; margin: 0 0 1.5rem; color: var(--muted); }}\nform.settings {{ display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: .9rem; padding: .8rem; border: 1px solid var(--rule); margin: 0 0 1.4rem; }}\nform.settings label {{ display: flex; flex-direction: column; gap: .2rem; }}\nform.settings input, form.settings select, form.settings button {{ font: inherit; padding: .3rem .4rem; min-height: 2.2rem; }}\nform.settings button {{ background: var(--accent); color: #fff; border: none; padding: .3rem 1rem; cursor: pointer; }}\nform.settings :focus-visible {{ outline: 3px solid #f0b400; outline-offset: 1px; }}\n.error {{ border-left: 4px solid #b00020; padding: .5rem .8rem; background: #fdf0f2; font-family: \"Helvetica Neue\", Arial, sans-serif; }}\nfigure img {{ display: block; width: 100%; height: auto; border: 1px solid var(--rule); }}\n.scroll {{ overflow-x: auto; }}\n.downloads, .cli {{ font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: .88rem; }}\n@media print {{ form.settings, header.site, .downloads {{ display: none; }} }}\n"
    )
}

fn head(title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · defspend</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n</head>\n<body>\n<header class=\"site\"><a href=\"/\">defspend</a> · <a href=\"/shortfall\">Who falls short</a></header>\n<main>\n",
        escape(title)
    )
}

const FOOT: &str = "</main>\n</body>\n</html>\n";

/// `/`: what the application serves.
pub fn index(catalog: &Catalog) -> String {
    let latest = catalog.editions.latest();
    format!(
        "{}<h1>NATO allies' defence spending</h1>\n<p>Data: {} (default), and every other edition defspend holds.</p>\n<ul>\n<li><a href=\"/shortfall\">Who falls short of a target</a>: each ally's share of GDP against a target, the gap in points and in dollars, group totals.</li>\n</ul>\n{FOOT}",
        head("defspend"),
        escape(latest.citation.trim())
    )
}

/// A page that only says something (not found).
pub fn message(title: &str, text: &str) -> String {
    format!(
        "{}<h1>{}</h1>\n<p>{}</p>\n{FOOT}",
        head(title),
        escape(title),
        escape(text)
    )
}

/// The form, filled with the settings.
fn form(page: Page, catalog: &Catalog, settings: &Settings) -> String {
    let value = |p: Param| escape(settings.get(p).unwrap_or(""));
    let mut editions = String::from("<option value=\"\">the latest</option>");
    for e in catalog.editions.iter() {
        let selected = if settings.get(Param::Edition) == Some(e.id.as_str()) {
            " selected"
        } else {
            ""
        };
        editions.push_str(&format!(
            "<option value=\"{id}\"{selected}>{id}</option>",
            id = escape(&e.id)
        ));
    }
    format!(
        "<form class=\"settings\" method=\"get\" action=\"{}\">\n<label>Edition<select name=\"edition\">{editions}</select></label>\n<label>Year<input name=\"year\" inputmode=\"numeric\" size=\"6\" placeholder=\"latest\" value=\"{}\"></label>\n<label>Target, % of GDP<input name=\"target\" inputmode=\"decimal\" size=\"6\" placeholder=\"2\" value=\"{}\"></label>\n<label>Groups<input name=\"groups\" size=\"24\" placeholder=\"the standard groups\" value=\"{}\"></label>\n<button type=\"submit\">Show</button>\n</form>\n",
        page.path(),
        value(Param::Year),
        value(Param::Target),
        value(Param::Groups)
    )
}

/// The command line that gives the same figures.
fn command_line(page: Page, settings: &Settings) -> String {
    let mut line = format!("defspend {}", page.command());
    for (p, v) in &settings.values {
        let quoted = if v
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || ".,-_".contains(c))
        {
            v.clone()
        } else {
            format!("'{}'", v.replace('\'', "'\\''"))
        };
        line.push_str(&format!(" {} {quoted}", crate::cmd::flag(*p)));
    }
    line
}

/// A page with the settings' report.
pub fn report(page: Page, catalog: &Catalog, settings: &Settings, report: &Report) -> String {
    let query = settings.query();
    let q = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let spell = |s: &str| crate::param::spell(s, |p| p.id().to_string()).into_owned();
    let mut h = head(&report.title);
    h.push_str(&format!("<h1>{}</h1>\n", escape(&report.title)));
    h.push_str(&form(page, catalog, settings));
    for s in &report.summary {
        h.push_str(&format!("<p>{}</p>\n", inline(&spell(s))));
    }
    h.push_str(&format!(
        "<figure><img src=\"{}.svg{}\" alt=\"Chart: each ally's gap to the target, in points of GDP\" width=\"1200\" height=\"675\"></figure>\n",
        page.path(),
        escape(&q)
    ));
    for section in report.sections.iter().filter(|s| !s.detail) {
        h.push_str(&format!(
            "<h2>{}</h2>\n<div class=\"scroll\">{}</div>\n",
            escape(&section.title),
            table_html(&section.table)
        ));
    }
    for n in &report.notes {
        h.push_str(&format!(
            "<p class=\"table-note\">{}</p>\n",
            inline(&spell(n))
        ));
    }
    h.push_str(&format!(
        "<p class=\"sources\">{}</p>\n",
        escape(report.citation.trim()).replace('\n', "<br>")
    ));
    h.push_str(&format!(
        "<p class=\"downloads\">Download: <a href=\"{p}.csv{q}\">CSV</a> · <a href=\"{p}.svg{q}\">chart (SVG)</a> · <a href=\"{p}{q}\">link to this page</a></p>\n",
        p = page.path(),
        q = escape(&q)
    ));
    h.push_str(&format!(
        "<p class=\"cli\">The same figures on the command line: <code>{}</code></p>\n",
        escape(&command_line(page, settings))
    ));
    h.push_str(FOOT);
    h
}

/// The page with the one-line message of a request it cannot answer.
pub fn failed(page: Page, catalog: &Catalog, settings: &Settings, message: &str) -> String {
    let mut h = head("Cannot show this");
    h.push_str("<h1>Cannot show this</h1>\n");
    h.push_str(&form(page, catalog, settings));
    h.push_str(&format!(
        "<p class=\"error\" role=\"alert\">{}</p>\n",
        escape(message)
    ));
    h.push_str(FOOT);
    h
}

/// The chart of the page's settings: the gaps to the target.
pub fn chart_request(settings: &Settings) -> Result<serde_json::Value> {
    let params = settings.params()?;
    // The page's one target (the guideline by default); the chart has no groups.
    let target = params
        .get("target")
        .cloned()
        .unwrap_or(serde_json::json!(crate::calc::targets::GUIDELINE));
    let options = serde_json::json!({ "targets": [target] });
    Ok(serde_json::json!({
        "kind": "gaps",
        "edition": params.get("edition"),
        "year": params.get("year"),
        "options": options,
        "format": "svg",
    }))
}
