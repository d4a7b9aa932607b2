//! Three definitions of "defence" side by side: NATO's (the edition's share
//! of GDP), SIPRI's (its share of GDP, where installed) and the EU's own
//! (Eurostat's `gov_ev`, COFOG division 02), each ally-year with the gaps
//! between them, and the breaks: a year in which one measure jumps and the
//! others do not, the signature of a change of what is counted rather than
//! of what is spent.
//!
//! The rule, fixed before looking at any ally: a measure *jumps* when it
//! moves by at least [`JUMP_POINTS`] points of GDP from the year before; a
//! measure *stays* when it moves by at most [`STILL_POINTS`] (Eurostat's
//! rounding, one decimal). A break is a jump of one measure in a year when
//! every other measure with figures for both years stays. Where Eurostat
//! publishes no total (Italy, Cyprus; Spain and the Netherlands for 2025), its
//! investment (gross fixed capital formation) stands in as the EU's measure,
//! said as such. A jump in military personnel (NATO's Table 7) of at least
//! [`PERSONNEL_JUMP_PCT`] in the same year is reported beside a break as
//! evidence of a reclassification (people counted who were not).

use std::collections::BTreeMap;

use super::types::AllyYear;
use crate::data::eurostat::GovEv;
use crate::data::sipri;
use crate::data::Ally;

/// A move of at least this many points of GDP in a year is a jump.
pub const JUMP_POINTS: f64 = 0.3;
/// A move of at most this many points is none (Eurostat's one decimal).
pub const STILL_POINTS: f64 = 0.1;
/// A rise in personnel of at least this much, %, beside a break.
pub const PERSONNEL_JUMP_PCT: f64 = 5.0;

/// The measures compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Definition {
    Nato,
    Sipri,
    /// Eurostat's total (`TE`).
    Eurostat,
    /// Eurostat's investment (`P51G`), standing in where no total is published.
    EurostatInvestment,
}

impl Definition {
    pub fn label(self) -> &'static str {
        match self {
            Definition::Nato => "NATO",
            Definition::Sipri => "SIPRI",
            Definition::Eurostat => "Eurostat",
            Definition::EurostatInvestment => "Eurostat investment",
        }
    }
}

/// One ally-year on the three definitions, % of GDP.
#[derive(Debug, Clone, PartialEq)]
pub struct DefinitionYear {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub nato: Option<f64>,
    pub nato_estimate: bool,
    /// SIPRI's share where it gives a figure (its marks aside).
    pub sipri: Option<f64>,
    pub eurostat: Option<f64>,
    pub eurostat_investment: Option<f64>,
    pub personnel_k: Option<f64>,
}

impl DefinitionYear {
    /// NATO less Eurostat, points.
    pub fn nato_less_eurostat(&self) -> Option<f64> {
        Some(self.nato? - self.eurostat?)
    }

    /// NATO less SIPRI, points.
    pub fn nato_less_sipri(&self) -> Option<f64> {
        Some(self.nato? - self.sipri?)
    }

    fn value(&self, d: Definition) -> Option<f64> {
        match d {
            Definition::Nato => self.nato,
            Definition::Sipri => self.sipri,
            Definition::Eurostat => self.eurostat,
            Definition::EurostatInvestment => self.eurostat_investment,
        }
    }
}

/// A year in which one measure jumps and the others stay.
#[derive(Debug, Clone, PartialEq)]
pub struct Break {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub jumped: Definition,
    /// Its move from the year before, points.
    pub jump: f64,
    /// Each other measure with figures for both years, and its move.
    pub stayed: Vec<(Definition, f64)>,
    /// Military personnel's change that year, %, when it is a jump.
    pub personnel_change_pct: Option<f64>,
}

/// Every ally of `allies` (EU member or not: NATO's and SIPRI's figures
/// stand without Eurostat's) for each year of `years`.
pub fn by_ally_year(
    histories: &BTreeMap<String, Vec<AllyYear>>,
    allies: &[&Ally],
    years: (i32, i32),
    gov_ev: &GovEv,
    sipri_share: Option<&sipri::Table>,
) -> Vec<DefinitionYear> {
    let mut out = Vec::new();
    for ally in allies {
        let code = ally.nato_code.as_str();
        let history = histories.get(code);
        for year in years.0..=years.1 {
            let nato = history.and_then(|h| h.iter().find(|y| y.year == year));
            let eurostat = gov_ev.year(code, year);
            let sipri = sipri_share
                .and_then(|t| t.cell(&ally.iso3, year))
                .filter(|c| c.state.has_value())
                .and_then(|c| c.value);
            out.push(DefinitionYear {
                code: code.to_string(),
                name: ally.name.clone(),
                year,
                nato: nato.and_then(|y| y.share),
                nato_estimate: nato.is_some_and(|y| y.estimate),
                sipri,
                eurostat: eurostat.and_then(|e| e.total_pct_gdp),
                eurostat_investment: eurostat.and_then(|e| e.gfcf_pct_gdp),
                personnel_k: nato.and_then(|y| y.military_personnel_k),
            });
        }
    }
    out
}

/// The breaks in `rows` (one ally's years in order, as [`by_ally_year`]
/// makes them), by the rule of the module.
pub fn breaks(rows: &[DefinitionYear]) -> Vec<Break> {
    let mut out = Vec::new();
    for pair in rows.windows(2) {
        let (before, now) = (&pair[0], &pair[1]);
        if before.code != now.code || before.year + 1 != now.year {
            continue;
        }
        // Eurostat's investment stands in where either year lacks a total.
        let eu = if before.eurostat.is_some() && now.eurostat.is_some() {
            Definition::Eurostat
        } else {
            Definition::EurostatInvestment
        };
        let measures = [Definition::Nato, Definition::Sipri, eu];
        let moves: Vec<(Definition, f64)> = measures
            .iter()
            .filter_map(|&d| Some((d, now.value(d)? - before.value(d)?)))
            .collect();
        let personnel = before
            .personnel_k
            .zip(now.personnel_k)
            .filter(|(b, _)| *b > 0.0)
            .map(|(b, n)| 100.0 * (n / b - 1.0))
            .filter(|c| *c >= PERSONNEL_JUMP_PCT);
        for &(jumped, jump) in &moves {
            // Eurostat's investment is a part: its jump says nothing of a total.
            if jump.abs() < JUMP_POINTS - 1e-9 || jumped == Definition::EurostatInvestment {
                continue;
            }
            let others: Vec<(Definition, f64)> = moves
                .iter()
                .copied()
                .filter(|(d, _)| *d != jumped)
                .collect();
            if !others.is_empty() && others.iter().all(|(_, m)| m.abs() <= STILL_POINTS + 1e-9) {
                out.push(Break {
                    code: now.code.clone(),
                    name: now.name.clone(),
                    year: now.year,
                    jumped,
                    jump,
                    stayed: others,
                    personnel_change_pct: personnel.filter(|_| jumped == Definition::Nato),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year(
        y: i32,
        nato: f64,
        eurostat: Option<f64>,
        investment: f64,
        personnel: f64,
    ) -> DefinitionYear {
        DefinitionYear {
            code: "IT".into(),
            name: "Italy".into(),
            year: y,
            nato: Some(nato),
            nato_estimate: false,
            sipri: None,
            eurostat,
            eurostat_investment: Some(investment),
            personnel_k: Some(personnel),
        }
    }

    #[test]
    fn a_jump_that_no_other_measure_shows_is_a_break() {
        // NATO 2026 edition, Tables 3 and 7: Italy 1.52% -> 2.09%, personnel
        // 168.9 -> 185.4 thousand; Eurostat gov_ev: no total, investment 0.4 -> 0.4.
        let rows = [
            year(2024, 1.52, None, 0.4, 168.9),
            year(2025, 2.09, None, 0.4, 185.4),
        ];
        let found = breaks(&rows);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].jumped, Definition::Nato);
        assert_eq!(found[0].stayed[0].0, Definition::EurostatInvestment);
        let p = found[0].personnel_change_pct.unwrap();
        assert!((p - 9.769).abs() < 0.01, "{p}");
        // The same jump with Eurostat's total moving more than 0.1 point is none.
        let rows = [
            year(2024, 1.52, Some(1.3), 0.4, 168.9),
            year(2025, 2.09, Some(1.5), 0.4, 170.0),
        ];
        assert!(breaks(&rows).is_empty());
        // Nor is a move under the threshold.
        let rows = [
            year(2024, 1.52, None, 0.4, 168.9),
            year(2025, 1.80, None, 0.4, 170.0),
        ];
        assert!(breaks(&rows).is_empty());
    }
}
