//! `decompose`: the change of each ally's and group's share of GDP between two
//! years, split into a spending effect and a GDP effect.

use serde_json::json;

use super::edition_metadata;
use crate::calc::decompose::Decomposition;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::units::join_names;

/// A decomposition's name (`first`: its key and header) and figures.
fn columns<'a>(first: (&str, &str)) -> Vec<Column<'a, Decomposition>> {
    let n = |key: &'static str, header: &'static str, f: fn(&Decomposition) -> f64, d: usize| {
        column(key, header, move |x: &Decomposition| Value::Number(f(x), d))
    };
    vec![
        column(first.0, first.1, |d: &Decomposition| Value::text(&d.name)),
        n("share_from", "Share from (%)", |d| d.share_from, 2),
        n("share_to", "Share to (%)", |d| d.share_to, 2),
        n("change_points", "Change (points)", Decomposition::change, 2),
        n(
            "spending_effect_points",
            "Spending effect (points)",
            |d| d.spending_effect,
            2,
        ),
        n(
            "gdp_effect_points",
            "GDP effect (points)",
            |d| d.gdp_effect,
            2,
        ),
        n(
            "real_spending_growth_pct",
            "Real spending growth (%)",
            |d| d.spending_growth_pct,
            1,
        ),
        n(
            "real_gdp_growth_pct",
            "Real GDP growth (%)",
            |d| d.gdp_growth_pct,
            1,
        ),
        column(
            "published_change_points",
            "Published change (points)",
            |d: &Decomposition| Value::share(d.published_change()),
        ),
    ]
}

pub fn report(
    scope: &super::Scope,
    from: i32,
    allies: &[Decomposition],
    groups: &[Decomposition],
) -> Report {
    let edition = scope.edition;
    let to = scope.year;
    let (from_label, to_label) = (edition.year_label(from), edition.year_label(to));
    let by_ally = Table::of(&columns(("ally", "Ally")), allies);
    let by_group = Table::of(&columns(("group", "Group")), groups);
    /// A decomposition and whether it is an ally's or a group's.
    struct Row<'a> {
        kind: &'static str,
        decomposition: &'a Decomposition,
    }
    let mut tidy_columns = vec![
        column("kind", "Kind", |r: &Row| Value::text(r.kind)),
        column("code", "Code", |r: &Row| Value::text(&r.decomposition.code)),
        column("edition", "Edition", |_: &Row| Value::text(&edition.id)),
        column("from", "From", |_: &Row| Value::Int(from.into())),
        column("to", "To", |_: &Row| Value::Int(to.into())),
    ];
    tidy_columns.extend(
        columns(("name", "Name"))
            .into_iter()
            .map(|c| c.on(|r: &Row| r.decomposition)),
    );
    let rows: Vec<Row> = allies
        .iter()
        .map(|decomposition| Row {
            kind: "ally",
            decomposition,
        })
        .chain(groups.iter().map(|decomposition| Row {
            kind: "group",
            decomposition,
        }))
        .collect();
    let tidy = Table::of(&tidy_columns, &rows);

    let rose = allies.iter().filter(|d| d.change() > 0.0).count();
    let mut summary = vec![format!(
        "{rose} of {} allies with figures in both years have a higher share of GDP in {to_label} than in {from_label}.",
        allies.len()
    )];
    let by_gdp: Vec<String> = allies
        .iter()
        .filter(|d| d.change() >= 0.0 && d.carried_by_gdp())
        .map(|d| format!("{} (real GDP {:+.1}%)", d.name, d.gdp_growth_pct))
        .collect();
    if by_gdp.is_empty() {
        summary.push("No share rose mostly because GDP shrank or stagnated.".into());
    } else {
        summary.push(format!(
            "Shares that held or rose mostly because GDP shrank or stagnated: {}.",
            join_names(&by_gdp)
        ));
    }
    for g in groups {
        summary.push(format!(
            "{}: {:.2}% to {:.2}% ({:+.2} points) = spending effect {:+.2} + GDP effect {:+.2}; real spending {:+.1}%, real GDP {:+.1}%.",
            g.name,
            g.share_from,
            g.share_to,
            g.change(),
            g.spending_effect,
            g.gdp_effect,
            g.spending_growth_pct,
            g.gdp_growth_pct
        ));
    }
    let mut notes = vec![
        "s = D/Y at constant prices; s1 - s0 = s0 gD/(1+gY) - s0 gY/(1+gY), gD and gY the cumulative real growth of spending and GDP: the two effects add up exactly to the change.".to_string(),
        "An ally is shown if it is a member in the later year and has figures in both years (an ally that joined in between: its own record). A group adds up those allies' spending and GDP.".into(),
        format!("Published change: NATO's published shares, {to_label} less {from_label}; it can differ from the change of D/Y by NATO's rounding."),
    ];
    let differs = published_differs(allies, &from_label, &to_label);
    if !differs.is_empty() {
        notes.push(format!(
            "D/Y throughout, so that the effects add up: where NATO publishes a share that is not D/Y beyond rounding, the table shows D/Y and the published change keeps NATO's figure: {}.",
            differs.join("; ")
        ));
    }
    if !scope.constant_gdp {
        notes.push(format!(
            "This edition publishes no constant-price GDP: it is derived as constant spending / published share, so D/Y is the published share; real GDP growth is that of the derived series ({}).",
            edition.constant_basis()
        ));
    }

    let mut metadata = edition_metadata(edition);
    metadata.insert("from".into(), json!(from));
    metadata.insert("to".into(), json!(to));
    metadata.insert("unit".into(), json!("points of GDP"));

    Report {
        title: format!(
            "Why shares moved, {from_label} to {to_label} ({}, {})",
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections: vec![
            Section::new("allies", "By ally, largest change first", by_ally),
            Section::new("groups", "By group", by_group),
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    }
}

/// The ally-years where NATO publishes a share that is not D/Y beyond
/// rounding. One rule: the decomposition is of D/Y (its two effects add up to
/// that change exactly); where NATO publishes another share (2.00 footnoted
/// for allies that met 2% on other GDP figures), both are named.
fn published_differs(allies: &[Decomposition], from_label: &str, to_label: &str) -> Vec<String> {
    allies
        .iter()
        .flat_map(|d| {
            [
                (from_label, d.share_from, d.published_from),
                (to_label, d.share_to, d.published_to),
            ]
            .into_iter()
            .filter_map(move |(label, ratio, published)| {
                let p = published?;
                ((p - ratio).abs() > 0.005 + 1e-9)
                    .then(|| format!("{} {label} (NATO {p:.2}, D/Y {ratio:.3})", d.name))
            })
        })
        .collect()
}
