//! `shortfall`: which allies fall short of a target share of GDP in a year, by
//! how much in points and in dollars, and what the gaps add up to.

use serde_json::json;

use super::{gap_columns as gap_columns_of, year_metadata, GapRow};
use crate::calc::ppp::Prices;
use crate::calc::{GroupTotal, ShareSource, Standing, Standings, Status};
use crate::data::allies::CommitmentBasis;
use crate::data::Edition;
use crate::data::Group;
use crate::error::Result;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::units::pct;

/// `groups`: the groups whose totals are reported.
/// `standings`: the allies' in the money asked for, and the ones group totals
/// are taken from (the same, but in USD when the allies' are in national
/// currencies, which a total would add).
pub fn report(
    scope: &super::Scope,
    (standings, for_groups): (&Standings, &Standings),
    groups: &[&Group],
) -> Result<Report> {
    let (edition, year) = (scope.edition, scope.year);
    let target = standings.target;
    let year_label = edition.year_label(year);
    let constant = match scope.prices {
        Prices::National => format!("{} prices", edition.price_base_year),
        _ => edition.constant_basis(),
    };
    let t = pct(target);

    let below_columns = below_columns(scope, &constant);
    let below = Table::of(&below_columns, standings.with_status(Status::Below));
    let mut meeting_columns = ally_columns();
    meeting_columns.push(column(
        "above_target_points",
        "Above target (points)",
        |s: &Standing| Value::share(s.share.map(|v| v - target)),
    ));
    // Highest share first among those meeting the target.
    let meets: Vec<&Standing> = standings.with_status(Status::Meets).collect();
    let meeting = Table::of(&meeting_columns, meets.into_iter().rev());
    let not_applicable: Vec<_> = standings.with_status(Status::NotApplicable).collect();
    let no_data: Vec<&str> = standings
        .with_status(Status::NoData)
        .map(|s| s.name.as_str())
        .collect();
    let n_below = standings.with_status(Status::Below).count();
    let n_meet = standings.with_status(Status::Meets).count();

    let totals = groups
        .iter()
        .map(|g| for_groups.group_total(g))
        .collect::<Result<Vec<GroupTotal>>>()?;
    let group_prices = match scope.prices {
        Prices::National => Prices::Market,
        p => p,
    };
    let group_table = Table::of(&group_columns(edition, group_prices), &totals);
    let mut rows: Vec<GapRow> = standings.rows.iter().map(GapRow::Ally).collect();
    rows.extend(totals.into_iter().map(|g| GapRow::Group(year, g)));
    let tidy = Table::of(&gap_columns_of(edition, scope.prices), &rows);

    let counted = n_meet + n_below;
    let mut summary = vec![format!(
        "{n_meet} of {counted} allies with armed forces meet {t}% of GDP in {year_label}; {n_below} {}.",
        if n_below == 1 { "falls short" } else { "fall short" }
    )];
    for s in &not_applicable {
        summary.push(format!("{}: n/a (no armed forces), not counted.", s.name));
    }
    if !no_data.is_empty() {
        summary.push(format!(
            "No figures for {year_label}: {} (not counted).",
            no_data.join(", ")
        ));
    }
    let notes = notes(scope, standings);

    let mut metadata = year_metadata(edition, year);
    metadata.insert("target_pct_of_gdp".into(), json!(target));
    metadata.insert("money_unit".into(), json!(scope.prices.money_unit()));
    metadata.insert("allies_meeting".into(), json!(n_meet));
    metadata.insert("allies_below".into(), json!(n_below));
    metadata.insert("allies_counted".into(), json!(counted));
    metadata.insert(
        "not_counted".into(),
        json!(not_applicable
            .iter()
            .map(|s| json!({"ally": s.name, "code": s.code, "reason": "no armed forces"}))
            .collect::<Vec<_>>()),
    );

    Ok(Report {
        title: format!(
            "Allies against {t}% of GDP, {year_label} ({}, {})",
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections: vec![
            Section::new("allies_below", format!("Below {t}% ({n_below})"), below),
            Section::new(
                "allies_meeting",
                format!("At or above {t}% ({n_meet})"),
                meeting,
            ),
            Section::new(
                "groups",
                format!("Group totals of the gap to {t}%"),
                group_table,
            ),
        ],
        notes,
        citation: edition.citation.clone(),
        tidy,
    })
}

/// An ally's name, code and share.
fn ally_columns<'a>() -> Vec<Column<'a, Standing>> {
    vec![
        column("ally", "Ally", |s: &Standing| Value::text(&s.name)),
        column("code", "Code", |s: &Standing| Value::text(&s.code)),
        column("share_of_gdp", "Share of GDP (%)", |s: &Standing| {
            Value::share(s.share)
        }),
    ]
}

/// The table of allies below the target: their gaps in points and money
/// (with each one's currency in national currency).
fn below_columns<'a>(scope: &'a super::Scope, constant: &str) -> Vec<Column<'a, Standing>> {
    let edition = scope.edition;
    let mut below_columns = ally_columns();
    if scope.prices == Prices::National {
        below_columns.push(super::currency_column(scope.catalog));
    }
    below_columns.extend([
        column("gap_points", "Gap (points)", |s: &Standing| {
            Value::share(s.gap.points)
        }),
        column(
            scope.prices.key("gap_usd_current_bn"),
            format!("Gap ({} bn, current)", scope.prices.unit()),
            |s: &Standing| Value::usd_bn(s.gap.usd_current_m, 2),
        ),
        column(
            crate::export::based(
                &scope.prices.key("gap_usd_constant_bn"),
                edition.price_base_year,
            ),
            format!("Gap ({} bn, {constant})", scope.prices.unit()),
            |s: &Standing| Value::usd_bn(s.gap.usd_constant_m, 2),
        ),
    ]);
    below_columns
}

/// The group totals of the gap to the target.
fn group_columns(edition: &Edition, prices: Prices) -> Vec<Column<'_, GroupTotal>> {
    vec![
        column("group", "Group", |g: &GroupTotal| Value::text(&g.label)),
        column("allies", "Allies", |g: &GroupTotal| {
            Value::Int(g.members.into())
        }),
        column("allies_below", "Below target", |g: &GroupTotal| {
            Value::Int(g.below.into())
        }),
        column(
            "share_of_gdp",
            "Group share of GDP (%)",
            |g: &GroupTotal| Value::share(g.share),
        ),
        column(
            prices.key("gap_usd_current_bn"),
            format!("Gap ({} bn, current)", prices.unit()),
            |g: &GroupTotal| Value::usd_bn(Some(g.gap_usd_current_m), 2),
        ),
        column(
            crate::export::based("gap_usd_constant_bn", edition.price_base_year),
            format!("Gap (USD bn, {})", edition.constant_basis()),
            |g: &GroupTotal| Value::usd_bn(Some(g.gap_usd_constant_m), 2),
        ),
    ]
}

/// Allies not yet members, commitments on another basis, how gaps are
/// computed, and which figures are estimated or derived.
fn notes(scope: &super::Scope, standings: &Standings) -> Vec<String> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let constant = edition.constant_basis();
    let mut notes = Vec::new();
    for ally in &catalog.allies {
        if ally.accession_year() > year {
            notes.push(format!(
                "{} joined NATO on {} and is not counted for {year}.",
                ally.name,
                ally.accession_date.format("%-d %B %Y")
            ));
        }
    }
    // Allies that measure their commitment on another basis, where they fall short.
    for ally in &catalog.allies {
        let short = standings
            .get(&ally.nato_code)
            .is_some_and(|s| s.status == Status::Below);
        if short && ally.commitment_basis != CommitmentBasis::Gdp {
            if let Some(note) = &ally.note {
                notes.push(format!("{}: {note}", ally.name));
            }
        }
    }
    notes.push(
        "Gaps: (target - share) / 100 x GDP for allies below the target, 0 for the others; group gaps add up members' gaps.".into(),
    );
    if scope.prices == Prices::National {
        notes.push(super::national_note());
    }
    if scope.prices == Prices::Ppp {
        notes.push(format!("Money at GDP-based PPP: each ally's current-USD GDP times its own ratio of market exchange rate to the IMF's PPPEX in {year} (shares of GDP are the same at either basis). Not a military PPP. The constant-price columns stay at market rates."));
    }
    if edition.is_estimate(year) {
        notes.push(format!("{year} figures are estimates."));
    }
    if standings
        .rows
        .iter()
        .any(|s| s.share_source.is_some_and(|x| x != ShareSource::Published))
    {
        notes.push("Some shares are computed from spending and GDP because NATO publishes none for them (share_source in CSV/JSON).".into());
    }
    if standings
        .with_status(Status::Below)
        .any(|s| s.gdp_constant_derived)
    {
        notes.push(format!(
            "This edition publishes no constant-price GDP: constant gaps use {constant} spending / published share."
        ));
    }

    notes
}
