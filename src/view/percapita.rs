//! Spending per person: a section for `burden --per-capita`, with its
//! sentence and the note that names its source.

use crate::calc::percapita::{Basis, PerCapita};
use crate::export::{ColumnSpec, Section, Table, Value};

/// The section, a summary sentence and the source note.
pub fn section(
    basis: &Basis,
    rows: &[PerCapita],
    allied: Option<f64>,
    year_label: &str,
) -> (Section, String, String) {
    let mut table = Table::new(vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("per_person_usd", "Per person (USD)"),
        ColumnSpec::new("population_m", "Population (m)"),
        ColumnSpec::new("against_allied_usd", "Against the allied figure (USD)"),
    ]);
    for r in rows {
        table.push(vec![
            Value::text(&r.name),
            Value::text(&r.code),
            Value::Number(r.usd, 0),
            Value::Number(r.population_m, 2),
            Value::num(allied.map(|a| r.usd - a), 0),
        ]);
    }
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
    standings: &[crate::calc::Standings],
    outlook: &crate::data::outlook::Outlook,
    year_label: &str,
) -> (Section, String, String) {
    use crate::data::outlook::Series;
    use crate::units::pct;
    let mut columns = vec![
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("population_m", "Population (m)"),
    ];
    for s in standings {
        let t = pct(s.target);
        columns.push(ColumnSpec::new(
            &format!("gap_per_person_usd_{t}"),
            &format!("Gap to {t}% per person (USD)"),
        ));
    }
    let mut table = Table::new(columns);
    let mut largest: Option<(f64, String, f64)> = None;
    if let Some(first) = standings.first() {
        for st in first.rows.iter().filter(|s| s.status.is_counted()) {
            let population = outlook.value(&st.code, Series::Population, st.year);
            let mut row = vec![Value::text(&st.name), Value::num(population, 2)];
            for s in standings {
                let gap = s.get(&st.code).and_then(|g| g.gap.usd_current_m);
                let per = population.filter(|p| *p > 0.0).zip(gap).map(|(p, g)| g / p);
                // The sentence is about the highest target.
                if let (Some(v), true) = (per, std::ptr::eq(s, standings.last().unwrap_or(s))) {
                    if largest.as_ref().is_none_or(|l| v > l.0) {
                        largest = Some((v, st.name.clone(), s.target));
                    }
                }
                row.push(Value::num(per, 0));
            }
            table.push(row);
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
