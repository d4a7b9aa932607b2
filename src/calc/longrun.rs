//! The long view: series by year for a country or a group, from SIPRI (since
//! 1949) or from a NATO edition, one source per series, never mixed.
//!
//! A SIPRI group counts each ally from the calendar year it joined (as NATO's
//! aggregates do) and leaves out allies without armed forces (Iceland). A
//! group-year is given only when every member counted has a SIPRI figure that
//! year; otherwise it is "not available" with the members missing named.
//! Shares of GDP of a group are total spending over total GDP, GDP being each
//! member's spending ÷ its share (current USD); per capita likewise, the
//! population being spending ÷ spending per person.

use crate::data::sipri::{Cell, Measure as SipriMeasure, Sipri, State, Table};
use crate::data::{Ally, Group};
use crate::error::{Asked, Error, Result};

use super::types::AllyYear;
use super::Calculator;
use crate::param::Param;

/// What a history shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// % of GDP
    Share,
    /// USD m, constant prices
    Constant,
    /// USD m, current prices
    Current,
    /// USD per person
    PerCapita,
}

impl Measure {
    pub fn key(self) -> &'static str {
        match self {
            Measure::Share => "share",
            Measure::Constant => "constant",
            Measure::Current => "current",
            Measure::PerCapita => "per-capita",
        }
    }

    pub fn sipri(self) -> SipriMeasure {
        match self {
            Measure::Share => SipriMeasure::ShareOfGdp,
            Measure::Constant => SipriMeasure::ConstantUsd,
            Measure::Current => SipriMeasure::CurrentUsd,
            Measure::PerCapita => SipriMeasure::PerCapita,
        }
    }

    /// The SIPRI tables a group's value needs.
    pub fn sipri_tables(self) -> Vec<SipriMeasure> {
        match self {
            // A group's series weights its members by current spending, so
            // every measure but current spending itself needs that table too.
            Measure::Current => vec![SipriMeasure::CurrentUsd],
            m => vec![m.sipri(), SipriMeasure::CurrentUsd],
        }
    }
}

/// One year of a series: its value and what the source says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    pub year: i32,
    pub cell: Cell,
    /// For a group: members counted that year.
    pub members: u32,
    /// For a group: members without a figure that year.
    pub missing: Vec<String>,
}

/// A series: a country or a group, from one source.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// What the user asked for, as a key (`RUS`, `europe-canada`).
    pub key: String,
    pub name: String,
    pub is_group: bool,
    pub points: Vec<Point>,
    /// SIPRI's notes on the country (its note marks resolved), or how a group
    /// is formed.
    pub notes: Vec<String>,
}

impl Series {
    pub fn since(mut self, year: i32) -> Series {
        self.points.retain(|p| p.year >= year);
        self
    }

    pub fn value(&self, year: i32) -> Option<f64> {
        self.points.iter().find(|p| p.year == year)?.cell.value
    }
}

fn table(sipri: &Sipri, measure: SipriMeasure) -> Result<&Table> {
    sipri.table(measure).ok_or_else(|| {
        Error::data(
            format!("{}/{}", sipri.release.id, measure.file_name()),
            "the table was not loaded",
        )
    })
}

/// A country's series as SIPRI publishes it. `code`: SIPRI's code (ISO alpha-3).
pub fn sipri_country(sipri: &Sipri, code: &str, measure: Measure) -> Result<Series> {
    let t = table(sipri, measure.sipri())?;
    let (country, cells) = t.row(code).ok_or_else(|| {
        Error::request(
            Asked::Country,
            code,
            format!("SIPRI's {} table has no row for {code}", measure.key()),
        )
    })?;
    // What the name covers (a former state, a divided one), then SIPRI's notes.
    let covers = sipri
        .names
        .iter()
        .find(|n| n.code == code && !n.note.is_empty())
        .map(|n| format!("{}: {}.", country.name, n.note));
    let notes = covers
        .into_iter()
        .chain(
            crate::data::sipri::notes_for(&country.notes, &sipri.footnotes)
                .into_iter()
                .map(|n| n.text.clone()),
        )
        .collect();
    Ok(Series {
        key: code.to_string(),
        name: country.name.clone(),
        is_group: false,
        points: t
            .years
            .iter()
            .zip(cells)
            .map(|(&year, &cell)| Point {
                year,
                cell,
                members: 1,
                missing: Vec::new(),
            })
            .collect(),
        notes,
    })
}

/// A group from SIPRI's figures for its members, year by year (module docs).
pub fn sipri_group(
    sipri: &Sipri,
    group: &Group,
    allies: &[Ally],
    measure: Measure,
) -> Result<Series> {
    let main = table(sipri, measure.sipri())?;
    let current = table(sipri, SipriMeasure::CurrentUsd)?;
    let members: Vec<&Ally> = allies
        .iter()
        .filter(|a| group.contains(&a.nato_code) && a.has_armed_forces)
        .collect();
    let mut points = Vec::new();
    for &year in &main.years {
        let counted: Vec<&&Ally> = members
            .iter()
            .filter(|a| a.accession_year() <= year)
            .collect();
        let mut missing = Vec::new();
        let (mut num, mut den) = (0.0, 0.0);
        let mut marked = false;
        for ally in &counted {
            let cell = main.cell(&ally.iso3, year).unwrap_or(Cell::BLANK);
            let spend = current.cell(&ally.iso3, year).unwrap_or(Cell::BLANK);
            let (Some(v), true) = (cell.value, cell.state.has_value()) else {
                missing.push(ally.name.clone());
                continue;
            };
            marked |= cell.state.is_marked();
            match measure {
                Measure::Constant | Measure::Current => num += v,
                Measure::Share | Measure::PerCapita => {
                    let Some(s) = spend.value.filter(|s| *s > 0.0 && v > 0.0) else {
                        missing.push(ally.name.clone());
                        continue;
                    };
                    marked |= spend.state.is_marked();
                    num += s;
                    // GDP (USD m) or population (millions): spending ÷ the ratio.
                    den += s / (v / measure_scale(measure));
                }
            }
        }
        let cell = if counted.is_empty() {
            Cell::marker(State::DidNotExist)
        } else if !missing.is_empty() {
            Cell::marker(State::NotAvailable)
        } else {
            let value = match measure {
                Measure::Constant | Measure::Current => num,
                Measure::Share | Measure::PerCapita => num / den * measure_scale(measure),
            };
            Cell::figure(
                value,
                if marked {
                    State::Estimate
                } else {
                    State::Figure
                },
            )
        };
        points.push(Point {
            year,
            cell,
            members: counted.len() as u32,
            missing,
        });
    }
    let skipped: Vec<String> = allies
        .iter()
        .filter(|a| group.contains(&a.nato_code) && !a.has_armed_forces)
        .map(|a| a.name.clone())
        .collect();
    let mut notes = vec![format!(
        "{} from SIPRI's figures for its members, each counted from the year it joined NATO; a year in which a member counted has no SIPRI figure is left out{}.",
        group.label,
        if skipped.is_empty() {
            String::new()
        } else {
            format!(" ({} has no armed forces and is not counted)", skipped.join(", "))
        }
    )];
    if matches!(measure, Measure::Share | Measure::PerCapita) {
        notes.push(format!(
            "The group's {} is its members' total spending over their total {}, each member's {} being its spending (current USD) divided by its {}; a year with a SIPRI estimate for any member is marked as an estimate.",
            if measure == Measure::Share { "share of GDP" } else { "spending per person" },
            if measure == Measure::Share { "GDP" } else { "population" },
            if measure == Measure::Share { "GDP" } else { "population" },
            if measure == Measure::Share { "share of GDP" } else { "spending per person" },
        ));
    }
    Ok(Series {
        key: group.key.clone(),
        name: group.label.clone(),
        is_group: true,
        points,
        notes,
    })
}

fn measure_scale(measure: Measure) -> f64 {
    match measure {
        Measure::Share => 100.0,
        _ => 1.0,
    }
}

fn nato_point(year: i32, estimate: bool, value: Option<f64>) -> Point {
    Point {
        year,
        cell: match value {
            Some(v) => Cell::figure(
                v,
                if estimate {
                    State::Estimate
                } else {
                    State::Figure
                },
            ),
            None => Cell::marker(State::NotAvailable),
        },
        members: 1,
        missing: Vec::new(),
    }
}

/// The value of one ally-year for `measure`, as NATO publishes it.
pub fn nato_value(y: &AllyYear, measure: Measure) -> Option<f64> {
    match measure {
        Measure::Share => y.share,
        Measure::Constant => y.defence_usd_constant_m,
        Measure::Current => y.defence_usd_current_m,
        Measure::PerCapita => y.defence_per_capita_usd,
    }
}

/// An ally's series from a NATO edition.
pub fn nato_ally(calc: &Calculator, ally: &Ally, measure: Measure) -> Result<Series> {
    let history = calc.ally_history(&ally.nato_code)?;
    Ok(Series {
        key: ally.nato_code.clone(),
        name: ally.name.clone(),
        is_group: false,
        points: history
            .iter()
            .map(|y| nato_point(y.year, y.estimate, nato_value(y, measure)))
            .collect(),
        notes: Vec::new(),
    })
}

/// A group's series from a NATO edition (members from the year they joined).
/// Per person: total constant spending over the population implied by each
/// member's constant spending per person.
pub fn nato_group(
    calc: &Calculator,
    group: &Group,
    allies: &[Ally],
    measure: Measure,
) -> Result<Series> {
    let points =
        if measure == Measure::PerCapita {
            let all = calc.histories()?;
            let none = Vec::new();
            let histories: Vec<(&Ally, &Vec<AllyYear>)> = allies
                .iter()
                .filter(|a| group.contains(&a.nato_code) && a.has_armed_forces)
                .map(|a| (a, all.get(&a.nato_code).unwrap_or(&none)))
                .collect();
            let years: std::collections::BTreeMap<i32, bool> = histories
                .iter()
                .flat_map(|(_, h)| h.iter().map(|y| (y.year, y.estimate)))
                .collect();
            years
                .into_iter()
                .map(|(year, estimate)| {
                    let (mut spend, mut people, mut complete) = (0.0, 0.0, true);
                    for &(ally, h) in &histories {
                        if ally.accession_year() > year {
                            continue;
                        }
                        match h.iter().find(|y| y.year == year).and_then(|y| {
                            Some((y.defence_usd_constant_m?, y.defence_per_capita_usd?))
                        }) {
                            Some((s, pc)) if pc > 0.0 => {
                                spend += s;
                                people += s / pc;
                            }
                            _ => complete = false,
                        }
                    }
                    nato_point(year, estimate, complete.then(|| spend / people))
                })
                .collect()
        } else {
            calc.aggregate(group)?
                .iter()
                .map(|a| {
                    let value = match measure {
                        Measure::Share => a.share,
                        Measure::Constant => Some(a.defence_usd_constant_m),
                        _ => Some(a.defence_usd_current_m),
                    };
                    nato_point(a.year, a.estimate, value)
                })
                .collect()
        };
    Ok(Series {
        key: group.key.clone(),
        name: group.label.clone(),
        is_group: true,
        points,
        notes: Vec::new(),
    })
}

/// Where a long series comes from.
pub enum Source<'a> {
    Sipri(&'a Sipri),
    /// A NATO edition's calculator, and the edition's id for messages.
    Nato(&'a Calculator, &'a str),
}

/// The series for a subject from one source. A country NATO does not cover
/// is an error that says to use SIPRI.
pub fn series(
    source: &Source,
    subject: &crate::data::Subject,
    allies: &[Ally],
    measure: Measure,
) -> Result<Series> {
    use crate::data::Subject;
    match (source, subject) {
        (Source::Sipri(s), Subject::Group(g)) => sipri_group(s, g, allies, measure),
        (Source::Sipri(s), Subject::Ally(a)) => sipri_country(s, &a.iso3, measure),
        (Source::Sipri(s), Subject::Country { code, .. }) => sipri_country(s, code, measure),
        (Source::Nato(c, _), Subject::Group(g)) => nato_group(c, g, allies, measure),
        (Source::Nato(c, _), Subject::Ally(a)) => nato_ally(c, a, measure),
        (Source::Nato(_, edition), Subject::Country { name, .. }) => Err(Error::request(
            Asked::Source,
            name.as_str(),
            format!("{name} is not a NATO ally: NATO's {edition} tables cover allies only; use {} sipri", Param::Source),
        )),
    }
}
