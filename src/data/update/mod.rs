//! `defspend update`'s sources: where each publisher puts its newest
//! release, how its page names it, and what is kept of every fetch.

pub mod http;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::manifest::PublicationDate;
use super::source::SourceFile;
use crate::error::{Error, Result};

/// A publisher defspend can update from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Provider {
    Nato,
    /// The World Economic Outlook's series for the allies.
    Imf,
    /// The same outlook's PPP and market rates, for the allies, Russia,
    /// Ukraine and China (`defspend update imf` fetches both).
    ImfPpp,
    Sipri,
    Eurostat,
}

impl Provider {
    pub const ALL: [Provider; 5] = [
        Provider::Nato,
        Provider::Imf,
        Provider::ImfPpp,
        Provider::Sipri,
        Provider::Eurostat,
    ];

    /// Its name on the command line and in messages.
    pub fn name(self) -> &'static str {
        match self {
            Provider::Nato => "nato",
            Provider::Imf => "imf",
            Provider::ImfPpp => "imf-ppp",
            Provider::Sipri => "sipri",
            Provider::Eurostat => "eurostat",
        }
    }

    /// The official host; `--mirror` stands in for it, same paths below.
    pub fn official_host(self) -> &'static str {
        match self {
            Provider::Nato => "https://www.nato.int",
            Provider::Imf | Provider::ImfPpp => "https://api.imf.org",
            Provider::Sipri => "https://www.sipri.org",
            Provider::Eurostat => "https://ec.europa.eu",
        }
    }

    /// Where the newest release is found: the page that links the workbook
    /// (NATO, SIPRI), or the data itself (Eurostat's API).
    pub fn path(self) -> &'static str {
        match self {
            // "Defence expenditures and NATO's 5% commitment", which links
            // each edition's def-exp-YYYY-en.xlsx.
            Provider::Nato => "/cps/en/natohq/topics_49198.htm",
            // The World Economic Outlook's SDMX 3.0 data: `~` is the live
            // flow's latest version, the newest outlook; [`imf_query`] adds
            // the key (allies, series) and asks for every attribute.
            Provider::Imf | Provider::ImfPpp => "/external/sdmx/3.0/data/dataflow/IMF.RES/WEO/~/",
            // The Military Expenditure Database's page, which links the
            // workbook and says when it was revised.
            Provider::Sipri => "/databases/milex",
            // gov_ev, defence (COFOG 02), total and investment, % of GDP.
            Provider::Eurostat => {
                "/eurostat/api/dissemination/statistics/1.0/data/gov_ev?lang=en&expend=DEF&na_item=TE&na_item=P51G&unit=PC_GDP"
            }
        }
    }

    /// The largest file accepted from it: NATO's workbook is ~0.2 MiB,
    /// SIPRI's ~1.5 MiB, Eurostat's answer ~15 KiB; the caps leave room.
    pub fn cap(self) -> u64 {
        match self {
            Provider::Nato => 32 << 20,
            Provider::Imf | Provider::ImfPpp => 32 << 20,
            Provider::Sipri => 64 << 20,
            Provider::Eurostat => 8 << 20,
        }
    }

    /// Whether it publishes a workbook (checked by its first bytes).
    pub fn workbook(self) -> bool {
        matches!(self, Provider::Nato | Provider::Sipri)
    }

    pub fn of_name(name: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The path of the IMF's answer for `countries` (ISO codes) and `series`
/// (WEO subject codes), annual, with every attribute (the last actual year
/// is one).
pub fn imf_query(countries: &[String], series: &[String]) -> String {
    format!(
        "{}{}.{}.A?attributes=all&format=jsondata",
        Provider::Imf.path(),
        countries.join("+"),
        series.join("+")
    )
}

/// An address on `host` (the official one, or a mirror's root) for `path`;
/// an absolute link to the official host moves to the mirror with it.
pub fn address(provider: Provider, host: &str, path: &str) -> String {
    let host = host.trim_end_matches('/');
    let path = path.strip_prefix(provider.official_host()).unwrap_or(path);
    if path.starts_with("http://") || path.starts_with("https://") {
        path.to_string()
    } else if path.starts_with('/') {
        format!("{host}{path}")
    } else {
        format!("{host}/{path}")
    }
}

/// A release a publisher's page announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announced {
    pub id: String,
    /// Its link, as the page gives it (a path or an absolute address).
    pub link: String,
    pub published: Option<PublicationDate>,
    /// For SIPRI: the last year of data the file name gives.
    pub last_year: Option<i32>,
}

/// Every `href="…"` of a page, in order.
fn links(page: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(at) = rest.find("href=") {
        rest = &rest[at + 5..];
        let quote = rest.chars().next().unwrap_or(' ');
        if quote != '"' && quote != '\'' {
            continue;
        }
        if let Some(end) = rest[1..].find(quote) {
            out.push(&rest[1..1 + end]);
            rest = &rest[1 + end..];
        }
    }
    out
}

/// The four digits after `marker` in `text`, if they are a plausible year.
fn year_after(text: &str, marker: &str) -> Option<i32> {
    let at = text.find(marker)? + marker.len();
    let digits: String = text[at..].chars().take(4).collect();
    digits
        .parse::<i32>()
        .ok()
        .filter(|y| (1949..=2100).contains(y))
}

/// NATO's newest edition on its page: the `def-exp-YYYY…xlsx` link of the
/// latest year; its publication day from the file name's `YYMMDD-` prefix
/// where NATO gives one (`240617-def-exp-2024-TABLES-en.xlsx`).
pub fn nato_announced(page: &str) -> Option<Announced> {
    links(page)
        .into_iter()
        .filter(|l| l.to_ascii_lowercase().ends_with(".xlsx"))
        .filter_map(|l| {
            let name = l.rsplit('/').next().unwrap_or(l);
            let year = year_after(name, "def-exp-")?;
            let published = name
                .split_once("-def-exp-")
                .and_then(|(prefix, _)| NaiveDate::parse_from_str(prefix, "%y%m%d").ok())
                .map(|date| PublicationDate {
                    date,
                    day_known: true,
                });
            Some((year, published, l))
        })
        .max_by_key(|(year, published, _)| (*year, published.map(|p| p.date)))
        .map(|(year, published, link)| Announced {
            id: format!("nato-{year}"),
            link: link.to_string(),
            published,
            last_year: Some(year),
        })
}

/// SIPRI's workbook on its page (`SIPRI-Milex-data-1949-2025.xlsx`): the
/// release is named for the year after its last year of data, and dated by
/// the page's "revised on D Month YYYY" where it says so.
pub fn sipri_announced(page: &str) -> Option<Announced> {
    let (last, link) = links(page)
        .into_iter()
        .filter(|l| l.to_ascii_lowercase().ends_with(".xlsx"))
        .filter_map(|l| {
            let name = l.rsplit('/').next().unwrap_or(l);
            let first = year_after(name, "Milex-data-")?;
            let last = year_after(name, &format!("Milex-data-{first}-"))?;
            Some((last, l))
        })
        .max_by_key(|(last, _)| *last)?;
    Some(Announced {
        id: format!("sipri-{}", last + 1),
        link: link.to_string(),
        published: revised_on(page),
        last_year: Some(last),
    })
}

/// "revised on 28 April 2025" (or "updated on") on a page, as a date.
fn revised_on(page: &str) -> Option<PublicationDate> {
    let lower = page.to_ascii_lowercase();
    ["revised on", "updated on", "last updated"]
        .iter()
        .find_map(|marker| {
            let at = lower.find(marker)? + marker.len();
            let words: Vec<&str> = page[at..]
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .take(3)
                .collect();
            NaiveDate::parse_from_str(&words.join(" "), "%d %B %Y").ok()
        })
        .map(|date| PublicationDate {
            date,
            day_known: true,
        })
}

/// Eurostat's release: its data's update date (`updated`) names it,
/// `eurostat-gov-ev-YYYY-MM`.
pub fn eurostat_release(file: &SourceFile) -> Result<(String, PublicationDate)> {
    let updated = super::json_stat::updated(file)?.ok_or_else(|| {
        Error::data(
            &file.display,
            "the response has no 'updated' date to name the release by",
        )
    })?;
    Ok((
        format!("eurostat-gov-ev-{}", updated.format("%Y-%m")),
        PublicationDate {
            date: updated,
            day_known: true,
        },
    ))
}

/// What is kept of a fetch beside the tables it became (`fetched.toml`)
/// and, per provider, of the last answer (`update-state/NAME.toml`), so
/// that the next request can be conditional.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FetchRecord {
    pub provider: String,
    pub id: String,
    pub url: String,
    pub sha256: String,
    /// When it was fetched (UTC, RFC 3339).
    pub fetched: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    pub bytes: u64,
}

/// The file beside an installed release that records its fetch.
pub const FETCH_FILE: &str = "fetched.toml";
/// The folder of the data directory holding each provider's last answer.
pub const STATE_DIR: &str = "update-state";

impl FetchRecord {
    pub fn parse(file: &SourceFile) -> Result<FetchRecord> {
        file.parse_toml()
    }

    pub fn write(&self) -> String {
        format!(
            "# What defspend update fetched; the release's tables are beside this file.\n{}",
            toml::to_string(self).unwrap_or_default()
        )
    }

    pub fn validators(&self) -> http::Validators {
        http::Validators {
            etag: self.etag.clone(),
            last_modified: self.last_modified.clone(),
        }
    }
}

/// The system's clock, UTC, to the second.
pub fn utc_now() -> chrono::DateTime<chrono::Utc> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    chrono::DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// Now, UTC, as RFC 3339 to the second.
pub fn now_utc() -> String {
    utc_now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Whether bytes are an Excel workbook (a zip archive); else what they look like.
pub fn not_a_workbook(bytes: &[u8], content_type: Option<&str>) -> Option<String> {
    if bytes.starts_with(b"PK\x03\x04") {
        return None;
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(512)]).to_ascii_lowercase();
    let looks = if head.contains("<html") || head.contains("<!doctype html") {
        "an HTML page"
    } else if bytes.is_empty() {
        "an empty body"
    } else {
        "not a zip archive"
    };
    Some(format!(
        "expected an Excel workbook, got {looks}{}",
        content_type.map_or(String::new(), |t| format!(" ({t})"))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nato_page_gives_the_newest_workbook_and_its_day() {
        let page = r#"<a href="/nato_static_fl2014/assets/pdf/2023/7/pdf/230707-def-exp-2023-en.xlsx">2023</a>
            <a href='https://www.nato.int/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-TABLES-en.xlsx'>2024</a>
            <a href="/x/def-exp-2024-en.pdf">pdf</a>"#;
        let found = nato_announced(page).unwrap();
        assert_eq!(found.id, "nato-2024");
        assert!(found.link.ends_with("240617-def-exp-2024-TABLES-en.xlsx"));
        assert_eq!(found.published.unwrap().to_string(), "2024-06-17");
        assert_eq!(
            address(Provider::Nato, "http://127.0.0.1:9/", &found.link),
            "http://127.0.0.1:9/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-TABLES-en.xlsx"
        );
        assert_eq!(nato_announced("<p>no links</p>"), None);
    }

    #[test]
    fn sipri_page_gives_the_release_after_its_last_year() {
        let page = r#"<p>Data revised on 28 April 2025.</p>
            <a href="/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx">Download</a>"#;
        let found = sipri_announced(page).unwrap();
        assert_eq!(found.id, "sipri-2025");
        assert_eq!(found.last_year, Some(2024));
        assert_eq!(found.published.unwrap().to_string(), "2025-04-28");
    }

    #[test]
    fn a_page_is_not_a_workbook() {
        assert!(not_a_workbook(b"PK\x03\x04rest", None).is_none());
        let said = not_a_workbook(b"<!DOCTYPE html><html>", Some("text/html")).unwrap();
        assert_eq!(
            said,
            "expected an Excel workbook, got an HTML page (text/html)"
        );
    }
}
