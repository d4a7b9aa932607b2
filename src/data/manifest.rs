//! One manifest for every data family: NATO editions, economic outlooks,
//! plans vintages and SIPRI releases are each a list of entries (one per
//! publication; every one stays, the latest is the default) that are checked,
//! looked up by id and listed by `defspend sources` the same way. A new
//! family is its reader, an [`Entry`] implementation and its consumers.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use super::source::SourceFile;
use crate::error::{Asked, Error, Result};

/// A family of sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    NatoEdition,
    Outlook,
    Plans,
    Sipri,
    EuInstruments,
    Eurostat,
    Ppp,
    Boundaries,
    Model,
    Scenarios,
}

impl Family {
    pub fn label(self) -> &'static str {
        match self {
            Family::NatoEdition => "NATO edition",
            Family::Outlook => "economic outlook",
            Family::Plans => "national plans",
            Family::Sipri => "SIPRI release",
            Family::EuInstruments => "EU instruments",
            Family::Eurostat => "Eurostat gov_ev",
            Family::Ppp => "PPP rates",
            Family::Boundaries => "map boundaries",
            Family::Model => "model",
            Family::Scenarios => "scenarios",
        }
    }
}

/// A publication date known to the day (`2024-06-17`) or only to the month (`2026-07`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicationDate {
    pub date: NaiveDate,
    pub day_known: bool,
}

impl fmt::Display for PublicationDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.day_known {
            write!(f, "{}", self.date.format("%Y-%m-%d"))
        } else {
            write!(f, "{}", self.date.format("%Y-%m"))
        }
    }
}

impl PublicationDate {
    /// `YYYY-MM-DD` or `YYYY-MM`.
    pub fn parse(text: &str) -> Option<PublicationDate> {
        if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
            return Some(PublicationDate {
                date,
                day_known: true,
            });
        }
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .ok()
            .map(|date| PublicationDate {
                date,
                day_known: false,
            })
    }

    /// "17 June 2024" or "July 2026".
    pub fn long(&self) -> String {
        if self.day_known {
            format!("{} {}", self.date.day(), self.date.format("%B %Y"))
        } else {
            self.date.format("%B %Y").to_string()
        }
    }
}

impl<'de> Deserialize<'de> for PublicationDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if let Ok(date) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            return Ok(PublicationDate {
                date,
                day_known: true,
            });
        }
        NaiveDate::parse_from_str(&format!("{text}-01"), "%Y-%m-%d")
            .map(|date| PublicationDate {
                date,
                day_known: false,
            })
            .map_err(|_| {
                serde::de::Error::custom(format!(
                    "'{text}' is not a date: expected YYYY-MM-DD or YYYY-MM"
                ))
            })
    }
}

impl Serialize for PublicationDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

/// One publication of a data family, as its manifest lists it.
pub trait Entry {
    /// What the family is called in messages ("edition", "plans vintage").
    const NOUN: &'static str;
    /// What a request for it is (the flag that asks for it).
    const ASKED: Asked;
    /// Its family in `defspend sources`.
    const FAMILY: Family;

    fn id(&self) -> &str;

    /// Whether `name` (an id, or another name the entry answers to) is it.
    fn is(&self, name: &str) -> bool {
        self.id() == name.trim()
    }

    /// How a message listing what is available names it.
    fn listed(&self) -> String {
        self.id().to_string()
    }

    /// Every name it answers to on the command line (its id, and a plans
    /// vintage's short name): no two entries may share one.
    fn names(&self) -> Vec<&str> {
        vec![self.id()]
    }

    /// When it was published (or compiled): the latest is the default.
    fn published(&self) -> PublicationDate;

    /// The years it covers, where it has a span.
    fn years(&self) -> Option<(i32, i32)>;

    /// Its title, publisher first where it has one.
    fn title(&self) -> String;

    /// The manifest's text on the file it was imported from (with the file's sha256).
    fn source(&self) -> &str;

    fn citation(&self) -> &str;

    /// The dataset's files, relative to the data directory, in the order hashed.
    fn files(&self) -> Vec<String>;

    /// A check of its own beyond the span of years (`Err`: the problem).
    fn check(&self) -> std::result::Result<(), String> {
        Ok(())
    }
}

/// The accessors of an entry whose manifest gives `id`, `title`,
/// `publisher`, `published`, `first_year`, `last_year`, `source` and
/// `citation` (editions, outlooks, SIPRI releases); `without_years` for one
/// that has no span of years (the file-set families).
macro_rules! published_entry {
    () => {
        $crate::data::manifest::published_entry!(@common);
        fn years(&self) -> Option<(i32, i32)> {
            Some((self.first_year, self.last_year))
        }
    };
    (without_years) => {
        $crate::data::manifest::published_entry!(@common);
        fn years(&self) -> Option<(i32, i32)> {
            None
        }
    };
    (@common) => {
        fn id(&self) -> &str {
            &self.id
        }
        fn published(&self) -> PublicationDate {
            self.published
        }
        fn title(&self) -> String {
            format!("{}, {}", self.publisher, self.title)
        }
        fn source(&self) -> &str {
            &self.source
        }
        fn citation(&self) -> &str {
            &self.citation
        }
    };
}
pub(crate) use published_entry;

/// A family's entries, checked: at least one, ids distinct, each year span in order.
#[derive(Debug, Clone)]
pub struct Manifest<T> {
    entries: Vec<T>,
}

impl<T: Entry> Manifest<T> {
    /// Checks `entries` read from `file` (its `[[table]]` array); errors name
    /// the file and the entry.
    pub fn new(file: &SourceFile, table: &str, entries: Vec<T>) -> Result<Self> {
        if entries.is_empty() {
            return Err(Error::data(
                &file.display,
                format!("no [[{table}]] entries"),
            ));
        }
        for (i, e) in entries.iter().enumerate() {
            let place = format!("{} ({} {})", file.display, T::NOUN, e.id());
            if let Some(problem) = id_problem(e.id()) {
                return Err(Error::data(place, format!("id {problem}")));
            }
            for other in &entries[..i] {
                let shared = e
                    .names()
                    .into_iter()
                    .find(|n| other.is(n))
                    .or_else(|| other.names().into_iter().find(|n| e.is(n)))
                    .or((other.listed() == e.listed()).then_some(e.id()));
                if let Some(name) = shared {
                    return Err(Error::data(
                        place,
                        format!(
                            "'{name}' names {} {} too: every id and short name must be one entry's",
                            T::NOUN,
                            other.id()
                        ),
                    ));
                }
            }
            if let Some((first, last)) = e.years() {
                if first > last {
                    return Err(Error::data(place, "first_year is after last_year"));
                }
            }
            e.check().map_err(|problem| Error::data(place, problem))?;
        }
        Ok(Manifest { entries })
    }

    /// Entries checked where they were read (SIPRI's releases: the
    /// manifest's and those installed beside their tables).
    pub(crate) fn listing(entries: Vec<T>) -> Self {
        Manifest { entries }
    }

    /// The manifest with releases installed in the data directory that it
    /// does not list (an id it lists stays the manifest's).
    pub(crate) fn with_installed(mut self, installed: Vec<T>) -> Self {
        for entry in installed {
            if !self.entries.iter().any(|e| e.id() == entry.id()) {
                self.entries.push(entry);
            }
        }
        self
    }

    /// Its entries, in the manifest's order.
    pub fn into_entries(self) -> Vec<T> {
        self.entries
    }

    /// Every entry, in the manifest's order.
    pub fn all(&self) -> &[T] {
        &self.entries
    }

    /// The entry `id` names (an unknown id is a request error that lists
    /// what is available), or the latest when `None`.
    pub fn find(&self, id: Option<&str>) -> Result<&T> {
        match id {
            Some(id) => self.entries.iter().find(|e| e.is(id)).ok_or_else(|| {
                Error::unknown(
                    T::ASKED,
                    T::NOUN,
                    id,
                    self.entries.iter().map(Entry::listed).collect(),
                )
            }),
            None => Ok(self.latest()),
        }
    }

    /// The entry published last before `entry`, if any.
    pub fn before(&self, entry: &T) -> Option<&T> {
        let date = entry.published().date;
        self.entries
            .iter()
            .filter(|e| e.published().date < date)
            .max_by_key(|e| e.published().date)
    }

    /// The entry published first after `entry`, if any.
    pub fn after(&self, entry: &T) -> Option<&T> {
        let date = entry.published().date;
        self.entries
            .iter()
            .filter(|e| e.published().date > date)
            .min_by_key(|e| e.published().date)
    }

    /// The most recently published entry.
    pub fn latest(&self) -> &T {
        self.entries
            .iter()
            .max_by_key(|e| e.published().date)
            .expect("a manifest has at least one entry")
    }
}

impl<T> std::ops::Deref for Manifest<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone)]
    struct Thing {
        id: &'static str,
        year: i32,
        span: (i32, i32),
    }

    impl Entry for Thing {
        const NOUN: &'static str = "thing";
        const ASKED: Asked = Asked::Source;
        const FAMILY: Family = Family::Outlook;
        fn id(&self) -> &str {
            self.id
        }
        fn published(&self) -> PublicationDate {
            let date = chrono::NaiveDate::from_ymd_opt(self.year, 1, 1).unwrap();
            PublicationDate {
                date,
                day_known: false,
            }
        }
        fn years(&self) -> Option<(i32, i32)> {
            Some(self.span)
        }
        fn title(&self) -> String {
            self.id.into()
        }
        fn source(&self) -> &str {
            ""
        }
        fn citation(&self) -> &str {
            ""
        }
        fn files(&self) -> Vec<String> {
            Vec::new()
        }
    }

    fn file() -> SourceFile {
        SourceFile {
            display: "things.toml".into(),
            text: String::new(),
        }
    }

    fn thing(id: &'static str, year: i32) -> Thing {
        Thing {
            id,
            year,
            span: (2000, 2010),
        }
    }

    #[test]
    fn the_latest_is_the_default_and_an_unknown_id_lists_the_others() {
        let m = Manifest::new(&file(), "thing", vec![thing("b", 2024), thing("a", 2025)]).unwrap();
        assert_eq!(m.find(None).unwrap().id, "a");
        assert_eq!(m.find(Some("b")).unwrap().id, "b");
        let e = m.find(Some("c")).unwrap_err().to_string();
        assert_eq!(e, "unknown thing 'c'; available: b, a");
    }

    #[test]
    fn an_empty_list_a_repeated_id_and_a_reversed_span_are_refused() {
        let e = Manifest::<Thing>::new(&file(), "thing", vec![]).unwrap_err();
        assert!(e.to_string().contains("no [[thing]] entries"), "{e}");
        let e = Manifest::new(&file(), "thing", vec![thing("a", 2024), thing("a", 2025)])
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("things.toml (thing a)") && e.contains("'a' names thing a too"),
            "{e}"
        );
        let mut bad = thing("a", 2024);
        bad.span = (2010, 2000);
        let e = Manifest::new(&file(), "thing", vec![bad])
            .unwrap_err()
            .to_string();
        assert!(e.contains("first_year is after last_year"), "{e}");
    }
}

/// An id given for data to be written (an edition, an outlook, a plans
/// vintage, a SIPRI release) names a folder or file of the data directory:
/// letters, digits, `-` and `.`, starting with a letter or a digit, at most
/// 64 characters; never a path. `asked` is what the id names.
pub fn check_id(asked: crate::error::Asked, id: &str) -> crate::error::Result<()> {
    match id_problem(id) {
        Some(p) => Err(crate::error::Error::request(asked, id, p)),
        None => Ok(()),
    }
}

/// What is wrong with `id` as an id (see [`check_id`]), if anything: the one
/// rule for ids given on the command line, in a manifest or in an installed
/// release.
pub fn id_problem(id: &str) -> Option<String> {
    if id.is_empty() {
        Some("an id cannot be empty".to_string())
    } else if id.len() > 64 {
        Some(format!("'{id}' is longer than 64 characters"))
    } else if !id.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        Some(format!("'{id}' must start with a letter or a digit"))
    } else {
        id.chars()
            .find(|c| !(c.is_ascii_alphanumeric() || *c == '-' || *c == '.'))
            .map(|c| {
                format!("'{id}' holds {c:?}: an id is letters, digits, '-' and '.', never a path")
            })
    }
}

#[cfg(test)]
mod id_tests {
    use super::check_id;
    use crate::error::Asked;

    #[test]
    fn an_id_is_a_name_never_a_path() {
        for good in ["nato-2024", "sipri-2025", "imf-weo-2026-04", "my.release-1"] {
            assert!(check_id(Asked::Edition, good).is_ok(), "{good}");
        }
        for bad in [
            "", "../../x", "/tmp/x", ".", "..", ".hidden", "a/b", "a\\b", "x y", "é",
        ] {
            assert!(check_id(Asked::Edition, bad).is_err(), "{bad:?}");
        }
    }
}
