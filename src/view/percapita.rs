//! Spending per person: a section for `burden --per-capita`, with its
//! sentence and the note that names its source.

use crate::calc::percapita::{Basis, PerCapita};
use crate::calc::{Standing, Standings};
use crate::export::{column, Section, Table, Value};

/// The section, a summary sentence and the source note.
pub fn section(
    basis: &Basis,
    rows: &[PerCapita],
    allied: Option<f64>,
    year_label: &str,
) -> (Section, String, String) {
    let table = Table::of(
        &[
            column("ally", "Ally", |r: &PerCapita| Value::text(&r.name)),
            column("code", "Code", |r: &PerCapita| Value::text(&r.code)),
            column("per_person_usd", "Per person (USD)", |r: &PerCapita| {
                Value::Number(r.usd, 0)
            }),
            column("population_m", "Population (m)", |r: &PerCapita| {
                Value::Number(r.population_m, 2)
            }),
            column(
                "against_allied_usd",
                "Against the allied figure (USD)",
                |r: &PerCapita| Value::num(allied.map(|a| r.usd - a), 0),
            ),
        ],
        rows,
    );
    let above = allied.map_or(0, |a| rows.iter().filter(|r| r.usd > a).count());
    let sentence = match (allied, rows.first(), rows.last()) {
        (Some(a), Some(top), Some(bottom)) => format!(
            "Per person in {year_label}: the allies together spend {a:.0} USD; {above} of {} allies spend more; the most {} ({:.0}), the least {} ({:.0}).",
            rows.len(),
            top.name,
            top.usd,
            bottom.name,
            bottom.usd
        ),
        _ => format!("No spending per person for {year_label}."),
    };
    (
        Section::new(
            "per_person",
            format!("Spending per person, {year_label} ({})", basis.label()),
            table,
        ),
        sentence,
        format!(
            "{} The allied figure is total spending over total population of the allies listed.",
            basis.note()
        ),
    )
}

/// For `compare --per-capita`: each ally's gap to each target per resident
/// (current USD over the IMF outlook's population), a sentence and the note.
pub fn gap_section(
    standings: &[Standings],
    outlook: &crate::data::outlook::Outlook,
    year_label: &str,
) -> (Section, String, String) {
    use crate::data::outlook::Series;
    use crate::units::pct;
    let population = |st: &Standing| outlook.value(&st.code, Series::Population, st.year);
    // An ally's gap to a target per resident, USD.
    let per_person = move |st: &Standing, s: &Standings| {
        let gap = s.get(&st.code).and_then(|g| g.gap.usd_current_m);
        population(st)
            .filter(|p| *p > 0.0)
            .zip(gap)
            .map(|(p, g)| g / p)
    };
    let mut columns = vec![
        column("ally", "Ally", |st: &Standing| Value::text(&st.name)),
        column("population_m", "Population (m)", move |st: &Standing| {
            Value::num(population(st), 2)
        }),
    ];
    for s in standings {
        let t = pct(s.target);
        columns.push(column(
            format!("gap_per_person_usd_{t}"),
            format!("Gap to {t}% per person (USD)"),
            move |st: &Standing| Value::num(per_person(st, s), 0),
        ));
    }
    let rows: Vec<&Standing> = standings
        .first()
        .map(|first| {
            first
                .rows
                .iter()
                .filter(|s| s.status.is_counted())
                .collect()
        })
        .unwrap_or_default();
    let table = Table::of(&columns, rows.iter().copied());
    // The sentence is about the highest target: the largest gap per resident.
    let mut largest: Option<(f64, String, f64)> = None;
    if let Some(last) = standings.last() {
        for st in &rows {
            if let Some(v) = per_person(st, last) {
                if largest.as_ref().is_none_or(|l| v > l.0) {
                    largest = Some((v, st.name.clone(), last.target));
                }
            }
        }
    }
    let sentence = match &largest {
        Some((v, name, t)) => format!(
            "Per resident in {year_label}, the largest gap to {}% is {name}'s: {v:.0} USD a year.",
            pct(*t)
        ),
        None => format!("No gap per resident for {year_label}."),
    };
    (
        Section::new(
            "gap_per_person",
            format!("Gap per person, {year_label} (current USD)"),
            table,
        ),
        sentence,
        format!(
            "Gap per person: the gap in current USD divided by population from the IMF's outlook ({}).",
            outlook.info.citation.trim_start_matches("Source: ").trim_end_matches('.')
        ),
    )
}
