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
        "{STYLE}\nheader.site {{ font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: .9rem; margin: 0 0 1.5rem; color: var(--muted); }}\nform.settings {{ display: flex; flex-wrap: wrap; gap: .6rem 1rem; align-items: end; font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: .9rem; padding: .8rem; border: 1px solid var(--rule); margin: 0 0 1.4rem; }}\nform.settings label {{ display: flex; flex-direction: column; gap: .2rem; }}\nform.settings input, form.settings select, form.settings button {{ font: inherit; padding: .3rem .4rem; min-height: 2.2rem; }}\nform.settings button {{ background: var(--accent); color: #fff; border: none; padding: .3rem 1rem; cursor: pointer; }}\nform.settings label.wide {{ flex: 1 1 100%; }}\nform.settings textarea {{ width: 100%; box-sizing: border-box; font: .85rem/1.4 ui-monospace, Menlo, Consolas, monospace; }}\nform.settings :focus-visible {{ outline: 3px solid #f0b400; outline-offset: 1px; }}\n.error {{ border-left: 4px solid #b00020; padding: .5rem .8rem; background: #fdf0f2; font-family: \"Helvetica Neue\", Arial, sans-serif; }}\nfigure img, figure.inline svg {{ display: block; width: 100%; height: auto; border: 1px solid var(--rule); }}\nform.downloads {{ margin: 1rem 0; }}\nform.downloads button {{ font: inherit; padding: .1rem .5rem; }}\n.scroll {{ overflow-x: auto; }}\n.downloads, .cli {{ font-family: \"Helvetica Neue\", Arial, sans-serif; font-size: .88rem; }}\n@media print {{ form.settings, header.site, .downloads {{ display: none; }} }}\n"
    )
}

fn head(title: &str) -> String {
    let nav: Vec<String> = Page::ALL
        .iter()
        .map(|p| format!("<a href=\"{}\">{}</a>", p.path(), escape(p.label())))
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} · defspend</title>\n<link rel=\"stylesheet\" href=\"/style.css\">\n<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n<script src=\"/app.js\" defer></script>\n</head>\n<body>\n<header class=\"site\"><a href=\"/\">defspend</a> · {}</header>\n<main>\n",
        escape(title),
        nav.join(" · ")
    )
}

const FOOT: &str = "</main>\n</body>\n</html>\n";

/// What each page answers, for the index.
fn answers(p: Page) -> &'static str {
    match p {
        Page::Shortfall => "each ally's share of GDP against a target, the gap in points and in dollars, group totals",
        Page::Compare => "the gaps to several targets side by side (2%, 3%, 3.5% and 5% by default)",
        Page::Scenario => "a scenario's year-by-year path for every ally and group: a shipped one, changed on the page (target, year, path shape, allies' own targets), or one's own pasted as text",
        Page::Plans => "each ally's announced plans against the path the scenario requires",
        Page::Fiscal => "what the path adds to each ally's spending, against its government's accounts",
        Page::Outlook => "each ally's and group's odds of reaching a target by a year (Monte Carlo)",
        Page::Dispersion => "how far apart the European allies' shares of GDP are, year by year",
        Page::Ally => "one ally across every year of an edition",
    }
}

/// `/`: what the application serves.
pub fn index(catalog: &Catalog) -> String {
    let latest = catalog.editions.latest();
    let items: String = Page::ALL
        .iter()
        .map(|p| {
            format!(
                "<li><a href=\"{}\">{}</a>: {}.</li>\n",
                p.path(),
                escape(p.label()),
                answers(*p)
            )
        })
        .collect();
    format!(
        "{}<h1>NATO allies' defence spending</h1>\n<p>Data: {} (default), and every other edition defspend holds.</p>\n<ul>\n{items}</ul>\n{FOOT}",
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

/// A select of `ids` (the first option: the default), `chosen` selected.
fn select(name: &str, ids: &[String], chosen: Option<&str>, default: &str) -> String {
    let mut options = format!("<option value=\"\">{}</option>", escape(default));
    for id in ids {
        let selected = if chosen == Some(id.as_str()) {
            " selected"
        } else {
            ""
        };
        options.push_str(&format!(
            "<option value=\"{id}\"{selected}>{id}</option>",
            id = escape(id)
        ));
    }
    format!("<select name=\"{name}\">{options}</select>")
}

/// A setting's label and, for a text field, its placeholder.
fn label(p: Param) -> (&'static str, &'static str) {
    match p {
        Param::Edition => ("Edition", ""),
        Param::Economy => ("Economic outlook", ""),
        Param::Scenario => ("Scenario", ""),
        Param::Year => ("Year", "latest"),
        Param::Target => ("Target, % of GDP", "2"),
        Param::Targets => ("Targets, % of GDP", "2, 3, 3.5, 5"),
        Param::Groups => ("Groups", "the standard groups"),
        Param::Allies => ("Allies", "names or codes, comma-separated"),
        Param::GrowthThreshold => ("Growth threshold, % a year", "10"),
        Param::PlansVintage => ("Plans vintage", "the latest"),
        Param::Ally => ("Ally", "a name or NATO code"),
        Param::By => ("By", "the scenario's year"),
        Param::Path => ("Path shape", ""),
        Param::AllyTarget => ("Allies' own targets", "ALLY=PCT, e.g. ES=2.1"),
        Param::Draws => ("Draws", ""),
        Param::Seed => ("Seed", ""),
        _ => ("", ""),
    }
}

/// What an empty text field means, in the field.
fn placeholder(page: Page, p: Param) -> String {
    let defaults = crate::calc::montecarlo::Params::DEFAULT;
    match (page, p) {
        (Page::Outlook | Page::Scenario, Param::Target) => "the scenario's".to_string(),
        (_, Param::Draws) => defaults.draws.to_string(),
        (_, Param::Seed) => defaults.seed.to_string(),
        _ => label(p).1.to_string(),
    }
}

/// The scenario a page runs when none is chosen (its command's default).
fn default_scenario(page: Page) -> &'static str {
    match page {
        Page::Fiscal => crate::calc::fiscal::DEFAULT_FISCAL_SCENARIO,
        _ => crate::calc::targets::DEFAULT_SCENARIO,
    }
}

/// One setting's control, filled.
fn control(page: Page, p: Param, catalog: &Catalog, settings: &Settings) -> String {
    let id = p.id();
    let page_has_scenario = page.params().contains(&Param::Scenario);
    match p {
        Param::Edition => select(
            id,
            &catalog
                .editions
                .iter()
                .map(|e| e.id.clone())
                .collect::<Vec<_>>(),
            settings.get(p),
            "the latest",
        ),
        Param::Economy => select(
            id,
            &catalog
                .outlooks()
                .map(|m| m.iter().map(|o| o.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default(),
            settings.get(p),
            if page_has_scenario {
                "the scenario's, else the latest"
            } else {
                "the latest"
            },
        ),
        Param::Scenario => select(
            id,
            &crate::data::source::SCENARIOS
                .iter()
                .map(|(n, _)| n.to_string())
                .collect::<Vec<_>>(),
            settings.get(p),
            default_scenario(page),
        ),
        Param::Path => select(
            id,
            &crate::calc::path::PathShape::ALL.map(|s| s.key().to_string()),
            settings.get(p),
            "the scenario's",
        ),
        _ => format!(
            "<input name=\"{id}\" size=\"{}\" placeholder=\"{}\" value=\"{}\">",
            if matches!(p, Param::Year | Param::Target) {
                6
            } else {
                18
            },
            escape(&placeholder(page, p)),
            escape(settings.get(p).unwrap_or(""))
        ),
    }
}

/// The scenario page's second form: a scenario of one's own, as text.
fn posted_form(settings: &Settings) -> String {
    format!(
        "<form class=\"settings\" method=\"post\" action=\"/scenario\">\n<label class=\"wide\">Or your own scenario (the layout of the shipped scenarios' files, at most 64 KiB)<textarea name=\"text\" rows=\"8\" cols=\"60\">{}</textarea></label>\n<button type=\"submit\">Run it</button>\n</form>\n",
        escape(settings.posted.as_deref().unwrap_or(""))
    )
}

/// The form, filled with the settings (and, on the scenario page, the form
/// for a scenario of one's own).
fn form(page: Page, catalog: &Catalog, settings: &Settings) -> String {
    let own = match page {
        Page::Scenario => posted_form(settings),
        _ => String::new(),
    };
    let fields: String = page
        .params()
        .iter()
        .map(|&p| {
            format!(
                "<label>{}{}</label>\n",
                label(p).0,
                control(page, p, catalog, settings)
            )
        })
        .collect();
    format!(
        "<form class=\"settings\" method=\"get\" action=\"{}\">\n{fields}<button type=\"submit\">Show</button>\n</form>\n{own}",
        page.path()
    )
}

/// A value as a shell takes it.
fn quote(v: &str) -> String {
    if v.chars()
        .all(|c| c.is_ascii_alphanumeric() || ".,-_=".contains(c))
    {
        v.to_string()
    } else {
        format!("'{}'", v.replace('\'', "'\\''"))
    }
}

/// The command line that gives the same figures.
fn command_line(page: Page, settings: &Settings) -> String {
    let mut line = format!("defspend {}", page.command_line());
    if let Some(p) = page.positional() {
        let default = if p == Param::Scenario {
            default_scenario(page)
        } else {
            ""
        };
        let v = match &settings.posted {
            Some(_) => "my-scenario.toml",
            None => settings.get(p).unwrap_or(default),
        };
        if !v.is_empty() {
            line.push_str(&format!(" {}", quote(v)));
        }
    }
    for (p, v) in &settings.values {
        if Some(*p) != page.positional() {
            line.push_str(&format!(" {} {}", crate::cmd::flag(*p), quote(v)));
        }
    }
    line
}

/// The page's chart and map: images of the page's own downloads, or the
/// chart itself (`inline`: a posted scenario's, which no link can give).
fn figures(page: Page, q: &str, inline: Option<&str>) -> String {
    let mut h = String::new();
    match (chart_kind(page), inline) {
        (Some((_, alt)), Some(svg)) => h.push_str(&format!(
            "<figure class=\"inline\" role=\"img\" aria-label=\"{}\">{svg}</figure>\n",
            escape(alt)
        )),
        (Some((_, alt)), None) => h.push_str(&format!(
            "<figure><img src=\"{}.svg{q}\" alt=\"{}\" width=\"1200\" height=\"675\"></figure>\n",
            page.path(),
            escape(alt)
        )),
        _ => {}
    }
    if has_map(page) {
        h.push_str(&format!(
            "<figure><img src=\"{}.map.svg{q}\" alt=\"Map: each ally's share of GDP in the year\" width=\"1200\" height=\"750\"></figure>\n",
            page.path()
        ));
    }
    h
}

/// The downloads: links, or for a posted scenario (which no link can
/// give) one form posting it again to each download.
fn downloads(page: Page, q: &str, settings: &Settings) -> String {
    let p = page.path();
    let chart = chart_kind(page).is_some();
    if let Some(text) = &settings.posted {
        let hidden: String = settings
            .values
            .iter()
            .map(|(param, v)| {
                format!(
                    "<input type=\"hidden\" name=\"{}\" value=\"{}\">",
                    param.id(),
                    escape(v)
                )
            })
            .collect();
        let button = |ext: &str, label: &str| {
            format!("<button type=\"submit\" formaction=\"{p}.{ext}\">{label}</button>")
        };
        let charts = match chart {
            true => format!(
                " · chart: {} {}",
                button("png", "PNG"),
                button("svg", "SVG")
            ),
            false => String::new(),
        };
        return format!(
            "<form class=\"downloads\" method=\"post\" action=\"{p}.csv\">Download: <input type=\"hidden\" name=\"text\" value=\"{}\">{hidden}table: {} {}{charts}</form>\n",
            escape(text),
            button("csv", "CSV"),
            button("xlsx", "Excel"),
        );
    }
    let charts = match chart {
        true => format!(" · chart: <a href=\"{p}.png{q}\">PNG</a>, <a href=\"{p}.svg{q}\">SVG</a>"),
        false => String::new(),
    };
    format!(
        "<p class=\"downloads\">Download: table: <a href=\"{p}.csv{q}\">CSV</a>, <a href=\"{p}.xlsx{q}\">Excel</a>{charts} · <a href=\"{p}{q}\">link to this page</a></p>\n"
    )
}

/// A page with the settings' report (`chart`: the chart drawn in the page,
/// where no link can give it).
pub fn report(
    page: Page,
    catalog: &Catalog,
    settings: &Settings,
    report: &Report,
    chart: Option<&str>,
) -> String {
    let query = settings.query();
    let q = if query.is_empty() {
        String::new()
    } else {
        escape(&format!("?{query}"))
    };
    let spell = |s: &str| crate::param::spell(s, |p| p.id().to_string()).into_owned();
    let mut h = head(&report.title);
    h.push_str(&format!("<h1>{}</h1>\n", escape(&report.title)));
    h.push_str(&form(page, catalog, settings));
    for s in &report.summary {
        h.push_str(&format!("<p>{}</p>\n", inline(&spell(s))));
    }
    h.push_str(&figures(page, &q, chart));
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
    h.push_str(&downloads(page, &q, settings));
    h.push_str(&format!(
        "<p class=\"cli\">The same figures on the command line: <code>{}</code></p>\n",
        escape(&command_line(page, settings))
    ));
    h.push_str(FOOT);
    h
}

/// A page waiting for its one required setting (an ally).
pub fn ask(page: Page, catalog: &Catalog, settings: &Settings) -> String {
    let mut h = head(page.label());
    h.push_str(&format!("<h1>{}</h1>\n", escape(page.label())));
    h.push_str(&form(page, catalog, settings));
    h.push_str(
        "<p>Name an ally (its name or NATO code) to see it across every year of an edition.</p>\n",
    );
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

/// Whether a page shows a map (the allies' shares of GDP in its edition and year).
pub fn has_map(page: Page) -> bool {
    matches!(page, Page::Shortfall | Page::Compare)
}

/// The map of a page's settings: each ally's share of GDP in the year.
pub fn map_request(settings: &Settings) -> Result<serde_json::Value> {
    let params = settings.params()?;
    Ok(serde_json::json!({
        "kind": "map",
        "edition": params.get("edition"),
        "year": params.get("year"),
        "options": {},
        "format": "svg",
    }))
}

/// The chart a page draws, and what it shows in words.
pub fn chart_kind(page: Page) -> Option<(&'static str, &'static str)> {
    match page {
        Page::Shortfall => Some(("gaps", "Chart: each ally's gap to the target, in dollars")),
        Page::Compare => Some(("gaps", "Chart: each ally's gap to each target, in dollars")),
        Page::Scenario => Some((
            "trajectory",
            "Chart: the scenario's paths to its target year",
        )),
        Page::Plans => Some((
            "plans",
            "Chart: each ally's plan against the share the path requires",
        )),
        Page::Fiscal => Some((
            "fiscal",
            "Chart: what the path adds to each ally's spending, as a share of revenue",
        )),
        Page::Outlook => Some((
            "odds",
            "Chart: each ally's chance of reaching the target by the target year",
        )),
        Page::Dispersion => Some((
            "dispersion",
            "Chart: how far apart the European allies' shares of GDP are",
        )),
        Page::Ally => Some((
            "trend",
            "Chart: the ally's share of GDP across the edition's years",
        )),
    }
}

/// The chart of a page's settings.
pub fn chart_request(
    page: Page,
    settings: &Settings,
    catalog: &Catalog,
) -> Result<serde_json::Value> {
    let params = settings.params()?;
    let kind = chart_kind(page).map_or("gaps", |(k, _)| k);
    let get = |k: &str| params.get(k).cloned();
    let mut options = serde_json::Map::new();
    // The page's settings the chart takes under the same names.
    let mut carry = |keys: &[&str]| {
        for k in keys {
            if let Some(v) = get(k) {
                options.insert((*k).into(), v);
            }
        }
    };
    match page {
        Page::Scenario => carry(&["allies", "economy"]),
        Page::Plans | Page::Fiscal => carry(&["scenario", "economy", "plans_vintage"]),
        Page::Outlook => carry(&["scenario", "by", "draws", "seed", "allies"]),
        Page::Dispersion => carry(&["groups"]),
        _ => {}
    }
    match page {
        // The page's one target (the guideline by default); no groups.
        Page::Shortfall => {
            let t = get("target").unwrap_or(serde_json::json!(crate::calc::targets::GUIDELINE));
            options.insert("targets".into(), serde_json::json!([t]));
        }
        Page::Compare => {
            let t = get("targets").unwrap_or(serde_json::json!(crate::calc::targets::COMPARE));
            options.insert("targets".into(), t);
        }
        Page::Scenario => scenario_chart(&params, catalog, &mut options)?,
        Page::Outlook => {
            if let Some(t) = get("target") {
                options.insert("targets".into(), serde_json::json!([t]));
            }
        }
        Page::Ally => {
            let ally = get("ally").ok_or_else(|| {
                crate::error::Error::data(Param::Ally.id(), "name an ally (its name or NATO code)")
            })?;
            options.insert("allies".into(), serde_json::json!([ally]));
        }
        _ => {}
    }
    let (edition, year) = match page {
        Page::Shortfall | Page::Compare => (get("edition"), get("year")),
        Page::Dispersion | Page::Ally => (get("edition"), None),
        // The year of the path the page's table shows.
        Page::Fiscal => (None, get("year")),
        _ => (None, None),
    };
    Ok(serde_json::json!({
        "kind": kind,
        "edition": edition,
        "year": year,
        "options": options,
        "format": "svg",
    }))
}

/// The scenario page's scenario for its chart: by name, or (changed or
/// posted) as its text, named as the report names it.
fn scenario_chart(
    params: &serde_json::Value,
    catalog: &Catalog,
    options: &mut serde_json::Map<String, serde_json::Value>,
) -> Result<()> {
    let request: crate::api::ScenarioRequest = crate::api::request(params)?;
    if request.text.is_some() || !request.changes().is_empty() {
        let (display, text) = request.text(catalog)?;
        options.insert("scenario".into(), serde_json::json!(display));
        options.insert("scenario_text".into(), serde_json::json!(text));
    } else if let Some(s) = params.get("scenario") {
        options.insert("scenario".into(), s.clone());
    }
    Ok(())
}
