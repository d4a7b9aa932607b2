//! `compare`: the gaps to several targets side by side — 2% (the guideline),
//! 3% (a demand voiced in 2024), 3.5% and 5% (The Hague, 2025) — per ally and
//! per group, as a level and as an increment.

use serde_json::json;

use super::{gap_columns, year_metadata, GapRow};
use crate::calc::ppp::Prices;
use crate::calc::{GroupTotal, Standing, Standings, Status};
use crate::data::outlook::{Outlook, Series};
use crate::data::{groups, Basis, Edition, Group};
use crate::error::Result;
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::units::{bn, pct};

/// `standings`: one per target, in the order asked for (at least one);
/// `groups`: the groups whose increments are reported; `per_capita`: the
/// outlook whose population gives each ally's gap per person.
/// `for_groups`: the standings group totals are taken from (in USD when
/// `standings` are in national currencies, which a total would add).
pub fn report(
    scope: &super::Scope,
    (standings, for_groups): (&[Standings], &[Standings]),
    selected: &[&Group],
    per_capita: Option<&Outlook>,
    rivals: Option<&crate::calc::ppp::Rivals>,
) -> Result<Report> {
    let (catalog, edition, year) = (scope.catalog, scope.edition, scope.year);
    let targets: Vec<f64> = standings.iter().map(|s| s.target).collect();
    let year_label = edition.year_label(year);

    let by_ally_rows: Vec<&Standing> = standings[0]
        .rows
        .iter()
        .filter(|s| s.status != Status::NotApplicable)
        .collect();
    let not_applicable: Vec<String> = standings[0]
        .with_status(Status::NotApplicable)
        .map(|s| s.name.clone())
        .collect();
    let mut columns = ally_columns(standings, scope.prices);
    if scope.prices == Prices::National {
        columns.insert(1, super::currency_column(catalog));
    }
    let by_ally = Table::of(&columns, by_ally_rows.iter().copied());
    let mut rows: Vec<GapRow> = by_ally_rows
        .iter()
        .flat_map(|first| standings.iter().filter_map(|st| st.get(&first.code)))
        .map(GapRow::Ally)
        .collect();

    let mut summary = Vec::new();
    let mut totals = Vec::new();
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    let mut group_rows = Vec::new();
    let group_prices = match scope.prices {
        Prices::National => Prices::Market,
        p => p,
    };
    for (st, in_groups) in standings.iter().zip(for_groups) {
        let tl = pct(st.target);
        // Allies with armed forces that were members, and those short of the target.
        let members = st.rows.iter().filter(|s| s.has_armed_forces).count();
        let below = st.with_status(Status::Below).count();
        summary.push(format!(
            "{tl}% of GDP: {below} of {members} allies with armed forces fall short in {year_label}."
        ));
        let e = in_groups.group_total(europe)?;
        totals.push(format!(
            "{} to {tl}%: +${:.1} bn a year ({}), +{:.2} points of their GDP.",
            europe.label,
            bn(Some(e.gap_usd_current_m)).unwrap_or(0.0),
            group_prices.money(),
            e.increment_points().unwrap_or(0.0)
        ));
        for group in selected {
            group_rows.push(in_groups.group_total(group)?);
        }
    }
    let groups_table = Table::of(&group_columns(edition, group_prices), &group_rows);
    rows.extend(group_rows.into_iter().map(|g| GapRow::Group(year, g)));
    let gaps = Table::of(&gap_columns(edition, scope.prices), &rows);
    let tidy = match per_capita {
        Some(outlook) => {
            let mut columns = gap_columns(edition, scope.prices);
            columns.extend(per_person_columns(outlook, &standings[0], selected));
            Table::of(&columns, &rows)
        }
        None => gaps.clone(),
    };
    summary.extend(totals);
    let mut notes = notes(scope, &not_applicable);
    let mut gaps_section = Section::new("gaps", "Every gap", gaps);
    gaps_section.detail = true;
    let mut sections = vec![
        Section::new(
            "allies",
            format!("By ally ({})", scope.prices.money()),
            by_ally,
        ),
        Section::new("groups", "By group: level and increment", groups_table),
        gaps_section,
    ];
    if let Some(outlook) = per_capita {
        let (section, sentence, note) =
            super::percapita::gap_section(standings, outlook, &year_label);
        sections.push(section);
        summary.push(sentence);
        notes.push(note);
    }

    let citation = at_prices(scope, rivals, (&mut sections, &mut summary, &mut notes));
    let mut metadata = year_metadata(edition, year);
    metadata.insert("targets_pct_of_gdp".into(), json!(targets));
    metadata.insert("money_unit".into(), json!(scope.prices.money_unit()));
    metadata.insert("prices".into(), json!(scope.prices.id()));

    Ok(Report {
        title: format!(
            "Gaps to {} of GDP, {year_label} ({}, {})",
            targets
                .iter()
                .map(|t| format!("{}%", pct(*t)))
                .collect::<Vec<_>>()
                .join(", "),
            edition.id,
            edition.basis.label()
        ),
        metadata,
        summary,
        sections,
        notes,
        citation,
        tidy,
    })
}

/// At PPP, its note, and the rivals' table with its sentence and notes;
/// the citation with the rivals' sources.
fn at_prices(
    scope: &super::Scope,
    rivals: Option<&crate::calc::ppp::Rivals>,
    (sections, summary, notes): (&mut Vec<Section>, &mut Vec<String>, &mut Vec<String>),
) -> String {
    let mut citation = scope.edition.citation.clone();
    if scope.prices == Prices::National {
        notes.push(super::national_note());
    }
    if scope.prices == Prices::Ppp {
        notes.push(format!("Money at GDP-based PPP: each ally's current-USD spending and GDP times its own ratio of market exchange rate to the IMF's PPPEX in {} (shares of GDP are the same at either basis). Not a military PPP. The constant-price columns stay at market rates.", scope.year));
    }
    if let Some(r) = rivals {
        let (section, sentence, rival_notes) = super::rivals::section(r);
        sections.push(section);
        summary.push(sentence);
        notes.extend(rival_notes);
        citation = format!("{citation} {}", super::rivals::citations(r));
    }
    citation
}

/// Each ally's share and its gap to every target, in points and dollars.
fn ally_columns(standings: &[Standings], prices: Prices) -> Vec<Column<'_, Standing>> {
    let mut columns = vec![
        column("ally", "Ally", |s: &Standing| Value::text(&s.name)),
        column("share_of_gdp", "Share of GDP (%)", |s: &Standing| {
            Value::share(s.share)
        }),
    ];
    for st in standings {
        let t = pct(st.target);
        let at = move |first: &Standing| st.get(&first.code);
        columns.push(column(
            format!("gap_points_{t}"),
            format!("Gap to {t}% (points)"),
            move |first: &Standing| match at(first) {
                Some(s) if s.status == Status::Meets => Value::text("meets"),
                Some(s) => Value::share(s.gap.points),
                None => Value::Missing,
            },
        ));
        columns.push(column(
            prices.key(&format!("gap_usd_current_bn_{t}")),
            format!("Gap to {t}% ({} bn)", prices.unit()),
            move |first: &Standing| match at(first) {
                Some(s) if s.status == Status::Meets => Value::text("–"),
                Some(s) => Value::usd_bn(s.gap.usd_current_m, 2),
                None => Value::Missing,
            },
        ));
    }
    columns
}

/// Each group's level and increment for every target.
fn group_columns(edition: &Edition, prices: Prices) -> Vec<Column<'_, GroupTotal>> {
    vec![
        column("target", "Level", |g: &GroupTotal| {
            Value::text(format!("{}% of GDP", pct(g.target)))
        }),
        column("group", "Group", |g: &GroupTotal| Value::text(&g.label)),
        column("allies_below", "Allies short", |g: &GroupTotal| {
            Value::text(format!("{} of {}", g.below, g.members))
        }),
        column("share_of_gdp", "Group share now (%)", |g: &GroupTotal| {
            Value::share(g.share)
        }),
        column(
            "increment_points",
            "Increment (points of group GDP)",
            |g: &GroupTotal| Value::share(g.increment_points()),
        ),
        column(
            prices.key("gap_usd_current_bn"),
            format!("Increment ({} bn a year, current)", prices.unit()),
            |g: &GroupTotal| Value::usd_bn(Some(g.gap_usd_current_m), 1),
        ),
        column(
            crate::export::based("gap_usd_constant_bn", edition.price_base_year),
            format!("Increment (USD bn, {})", edition.constant_basis()),
            |g: &GroupTotal| Value::usd_bn(Some(g.gap_usd_constant_m), 1),
        ),
    ]
}

/// Each row's population and its gap per person to that row's target (CSV
/// and JSON-lines readers get them too): an ally's from the outlook, a
/// group's the sum of its counted members' (missing where one is).
fn per_person_columns<'a>(
    outlook: &'a Outlook,
    first: &'a Standings,
    selected: &'a [&'a Group],
) -> Vec<Column<'a, GapRow<'a>>> {
    let of_ally = |s: &Standing| {
        s.status
            .is_counted()
            .then(|| outlook.value(&s.code, Series::Population, s.year))
            .flatten()
    };
    let population = move |r: &GapRow| match r {
        GapRow::Ally(s) => of_ally(s),
        GapRow::Group(_, g) => {
            let group = selected.iter().find(|x| x.key == g.key)?;
            first
                .rows
                .iter()
                .filter(|s| s.status.is_counted() && group.contains(&s.code))
                .map(of_ally)
                .sum::<Option<f64>>()
        }
    };
    let gap = |r: &GapRow| match r {
        GapRow::Ally(s) => s.gap.usd_current_m,
        GapRow::Group(_, g) => Some(g.gap_usd_current_m),
    };
    vec![
        column("population_m", "Population (m)", move |r: &GapRow| {
            Value::num(population(r), 2)
        }),
        column(
            "gap_per_person_usd",
            "Gap per person (USD)",
            move |r: &GapRow| {
                Value::num(
                    population(r)
                        .filter(|p| *p > 0.0)
                        .zip(gap(r))
                        .map(|(p, g)| g / p),
                    0,
                )
            },
        ),
    ]
}

/// What the levels and increments mean, the allies left out, estimates and
/// the constant-dollar columns.
fn notes(scope: &super::Scope, not_applicable: &[String]) -> Vec<String> {
    let (edition, year) = (scope.edition, scope.year);
    let constant = edition.constant_basis();
    let mut notes = vec![
        "Level: the target as a share of GDP. Increment: what reaching it adds, in points of the group's GDP and in dollars a year.".to_string(),
        "Group increments add up members' gaps (allies above a target offset nothing); an ally's gap is (target - share) / 100 x GDP.".to_string(),
    ];
    for name in not_applicable {
        notes.push(format!("{name}: n/a (no armed forces), not counted."));
    }
    if edition.is_estimate(year) {
        notes.push(format!("{year} figures are estimates."));
    }
    notes.push(format!(
        "Gaps in {constant} are in the CSV and JSON ({}){}.",
        crate::export::based("gap_usd_constant_bn", edition.price_base_year),
        if scope.constant_gdp {
            ""
        } else {
            "; this edition publishes no constant-price GDP, so they use constant spending / published share"
        }
    ));
    if edition.basis == Basis::Total {
        notes.push("This edition reports total defence expenditure; The Hague's 3.5% target counts core defence expenditure only.".into());
    }
    notes
}
