//! `crosscheck`: NATO's and SIPRI's shares of GDP side by side.

use serde_json::json;

use super::year_metadata;
use crate::calc::crosscheck::CrossRow;
use crate::data::sipri::Sipri;
use crate::data::Basis;
use crate::export::{column, Paired, Report, Section, Value};
use crate::param::Param;
use crate::units::{join_names, pct};

/// Two decimals, or three where two would round onto the target and hide
/// which side of it the share is (1.997 is below 2).
fn near(v: f64, target: f64) -> String {
    if (v - target).abs() < 0.005 && v < target {
        format!("{v:.3}")
    } else {
        format!("{v:.2}")
    }
}

fn verdict(meets: Option<bool>) -> Value {
    Value::opt_text(meets.map(|m| if m { "meets" } else { "below" }))
}

/// Why NATO's and SIPRI's figures differ, from the definitions (METHOD.md).
pub fn reasons(scope: &super::Scope, sipri: &Sipri) -> Vec<String> {
    let mut out = vec![
        format!("Why the two differ: SIPRI uses its own definition ({}), not the allies' reports to NATO on NATO's definition.", sipri.release.definition),
        "Each source divides by its own GDP figures, of its own vintage.".to_string(),
    ];
    if scope.edition.basis == Basis::Core {
        out.push(format!(
            "Edition {} reports core defence expenditure (the 3.5% measure of The Hague), narrower than NATO's earlier total: compare with {} nato-2024 for the total.",
            scope.edition.id,
            Param::Edition
        ));
    }
    out
}

pub fn report(scope: &super::Scope, sipri: &Sipri, rows: &[CrossRow], target: f64) -> Report {
    let edition = scope.edition;
    let year = scope.year;
    let year_label = edition.year_label(year);
    let t = pct(target);
    let columns = vec![
        column("code", "Code", |r: &CrossRow| Value::text(&r.code)),
        column("ally", "Ally", |r: &CrossRow| Value::text(&r.name)),
        column("nato_share", "NATO (%)", |r: &CrossRow| {
            Value::share(r.nato)
        }),
        column("sipri_share", "SIPRI (%)", |r: &CrossRow| {
            Value::share(r.sipri.value.filter(|_| r.sipri.state.has_value()))
        }),
        column(
            "difference_points",
            "NATO − SIPRI (points)",
            |r: &CrossRow| Value::share(r.difference),
        ),
        column("sipri_state", "SIPRI mark", |r: &CrossRow| {
            Value::text(r.sipri.state.key())
        }),
        column("nato_verdict", format!("NATO at {t}%"), |r: &CrossRow| {
            verdict(r.nato_meets)
        }),
        column("sipri_verdict", format!("SIPRI at {t}%"), |r: &CrossRow| {
            verdict(r.sipri_meets)
        }),
    ];
    let paired = Paired::of(
        vec![
            column("year", "Year", |_: &CrossRow| Value::Int(year.into())),
            column("edition", "Edition", |_: &CrossRow| {
                Value::text(&edition.id)
            }),
        ],
        columns,
        rows,
    );
    let summary = summary(scope, rows, target);

    let missing: Vec<String> = rows
        .iter()
        .filter(|r| r.difference.is_none())
        .map(|r| r.name.clone())
        .collect();
    let mut notes = reasons(scope, sipri);
    if !missing.is_empty() {
        notes.push(format!(
            "Without a figure in both sources: {}.",
            join_names(&missing)
        ));
    }
    notes.push(format!(
        "SIPRI marks: estimate (blue in SIPRI's workbook), highly uncertain (red). {}",
        sipri.release.citation
    ));
    let mut metadata = year_metadata(edition, year);
    metadata.insert("sipri_release".into(), json!(sipri.release.id));
    super::cite_file(&mut metadata, "sipri_release", &sipri.release.source);
    metadata.insert("target".into(), json!(target));
    Report {
        title: format!("NATO and SIPRI: defence spending as a share of GDP, {year_label}"),
        metadata,
        summary,
        sections: vec![Section::new(
            "crosscheck",
            "By ally, the largest difference first",
            paired.table,
        )],
        notes,
        citation: format!("{} {}", edition.citation, sipri.release.citation),
        tidy: paired.tidy,
    }
}

/// How many allies both sources cover, which is higher, where the verdicts differ.
fn summary(scope: &super::Scope, rows: &[CrossRow], target: f64) -> Vec<String> {
    let (edition, year_label) = (scope.edition, scope.edition.year_label(scope.year));
    let both: Vec<&CrossRow> = rows.iter().filter(|r| r.difference.is_some()).collect();
    let differ: Vec<String> = rows
        .iter()
        .filter(|r| r.verdicts_differ())
        .map(|r| {
            format!(
                "{} (NATO {}%, SIPRI {}%)",
                r.name,
                near(r.nato.unwrap_or(f64::NAN), target),
                near(r.sipri.value.unwrap_or(f64::NAN), target)
            )
        })
        .collect();
    let mean_abs = both
        .iter()
        .filter_map(|r| r.difference)
        .map(f64::abs)
        .sum::<f64>()
        / both.len().max(1) as f64;
    let higher = both
        .iter()
        .filter(|r| r.difference.unwrap_or(0.0) > 0.0)
        .count();
    let mut summary = vec![
        format!(
            "{} allies have a share of GDP in {year_label} from both NATO ({}) and SIPRI; NATO's is the higher for {higher} of them; the mean absolute difference is {:.2} points.",
            both.len(),
            edition.id,
            mean_abs
        ),
        if differ.is_empty() {
            format!("The {}% verdict is the same from both sources for every ally.", pct(target))
        } else {
            format!(
                "The {}% verdict differs for {} {}: {}.",
                pct(target),
                differ.len(),
                if differ.len() == 1 { "ally" } else { "allies" },
                join_names(&differ)
            )
        },
    ];
    if let Some(top) = both.first() {
        summary.push(format!(
            "Largest difference: {}, {:+.2} points.",
            top.name,
            top.difference.unwrap_or(0.0)
        ));
    }
    summary
}
