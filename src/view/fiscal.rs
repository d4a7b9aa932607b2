//! `fiscal`: what a scenario's path costs each treasury, in points of GDP, in
//! money, as shares of government expenditure and revenue, and in debt if
//! borrowed; the EU's escape clause and SAFE loans beside it.

use serde_json::json;

use super::edition_metadata;
use crate::calc::fiscal::{
    euro_rate_ally, ClauseMeasure, EuRoom, FiscalYear, GroupFiscalYear, SAFE_GDP_YEAR,
};
use crate::data::outlook::OutlookInfo;
use crate::data::{Catalog, Edition, Group};
use crate::export::{column, Column, Report, Section, Table, Value};
use crate::scenario::Scenario;

/// What the report is about and the results it shows.
pub struct Fiscal<'a> {
    pub catalog: &'a Catalog,
    pub scenario: &'a Scenario,
    pub edition: &'a Edition,
    pub outlook: &'a OutlookInfo,
    /// The year of the allies' table.
    pub year: i32,
    pub allies: &'a [FiscalYear],
    pub groups: &'a [(&'a Group, Vec<GroupFiscalYear>)],
    pub eu: &'a [EuRoom],
    /// Where the EU's figures come from.
    pub eu_citation: &'a str,
    /// Allies shown year by year.
    pub selected: &'a [String],
}

/// A row of the tidy output: an ally's year or a group's.
enum Row<'a> {
    Ally(&'a FiscalYear),
    Group(&'a Group, &'a GroupFiscalYear),
}

impl Fiscal<'_> {
    fn name(&self, code: &str) -> String {
        self.catalog.name_of(code)
    }

    fn held_note(&self) -> String {
        format!(
            "Years after {last} (marked held) hold the outlook's {last} rates: nominal GDP growth, the implied interest rate and the expenditure and revenue ratios; the outlook's debt ratio keeps its {last} change each year.",
            last = self.outlook.last_year
        )
    }
}

pub fn report(f: &Fiscal) -> Report {
    let s = f.scenario;
    let in_year: Vec<&FiscalYear> = f.allies.iter().filter(|y| y.year == f.year).collect();
    let group_years: Vec<GroupYear> = f
        .groups
        .iter()
        .flat_map(|(group, years)| years.iter().map(move |year| GroupYear { group, year }))
        .collect();
    let mut sections = vec![
        Section::new(
            "allies",
            format!("Allies in {}{}", f.year, held_label(f, f.year)),
            Table::of(&ally_columns(f, false), in_year.iter().copied()),
        ),
        Section::new(
            "groups",
            "Groups, year by year",
            Table::of(&group_columns(), &group_years),
        ),
    ];
    let selected: Vec<&FiscalYear> = f
        .allies
        .iter()
        .filter(|y| f.selected.contains(&y.code))
        .collect();
    if !selected.is_empty() {
        sections.push(Section::new(
            "selected",
            "Selected allies, year by year",
            Table::of(&ally_columns(f, true), selected),
        ));
    }
    if !f.eu.is_empty() {
        sections.push(Section::new(
            "eu",
            "EU instruments: the escape clause's room and SAFE loans",
            Table::of(&eu_columns(f), f.eu),
        ));
    }
    let rows: Vec<Row> = f
        .allies
        .iter()
        .map(Row::Ally)
        .chain(
            f.groups
                .iter()
                .flat_map(|(g, years)| years.iter().map(move |y| Row::Group(g, y))),
        )
        .collect();
    let mut metadata = edition_metadata(f.edition);
    metadata.insert("scenario".into(), json!(s.name));
    metadata.insert("scenario_source".into(), json!(s.source));
    metadata.insert("baseline_year".into(), json!(s.baseline_year));
    metadata.insert("target_year".into(), json!(s.target_year));
    metadata.insert("target_pct_gdp".into(), json!(s.measured_target));
    metadata.insert("year".into(), json!(f.year));
    metadata.insert("outlook".into(), json!(f.outlook.id));
    metadata.insert("outlook_last_year".into(), json!(f.outlook.last_year));
    metadata.insert(
        "money".into(),
        json!("USD billion at current prices (the path's GDP); national currency billion (the outlook's NGDP)"),
    );
    Report {
        title: format!(
            "What the path costs each treasury: {} ({}, {}-{})",
            s.name, f.edition.id, s.baseline_year, s.target_year
        ),
        metadata,
        summary: summary(f, &in_year),
        sections,
        notes: notes(f),
        citation: format!(
            "{}\n{}\n{}",
            f.edition.citation, f.outlook.citation, f.eu_citation
        ),
        tidy: Table::of(&tidy_columns(f), &rows),
    }
}

/// The escape clause's terms as the data give them: baseline year, first and
/// last years, room in points (the EU's: 2021, 2025-2028, 1.5).
fn clause_terms(f: &Fiscal) -> Option<(i32, i32, i32, f64)> {
    f.eu.iter().find_map(|r| {
        Some((
            r.clause_baseline_year?,
            r.clause_first_year?,
            r.clause_last_year?,
            r.room_pts?,
        ))
    })
}

/// "2032 held" for a year past the outlook, its rates held.
fn year_label(year: i32, held: bool) -> Value {
    Value::text(if held {
        format!("{year} held")
    } else {
        year.to_string()
    })
}

fn held_label(f: &Fiscal, year: i32) -> String {
    if year > f.outlook.last_year {
        format!(
            " (past the outlook's last year, {}: its rates held)",
            f.outlook.last_year
        )
    } else {
        String::new()
    }
}

fn summary(f: &Fiscal, in_year: &[&FiscalYear]) -> Vec<String> {
    let s = f.scenario;
    let mut out = vec![format!(
        "{}: {}% of GDP (core, as NATO measures it) by {} on a {} path from each ally's {} share. The extra spending is what the path adds over keeping the {} share; the general government's accounts come from the {} ({}).",
        s.name,
        crate::units::pct(s.measured_target),
        s.target_year,
        s.path.key(),
        s.baseline_year,
        s.baseline_year,
        f.outlook.title,
        f.outlook.publisher
    )];
    for (g, years) in f.groups {
        if let Some(y) = years.iter().find(|y| y.year == f.year) {
            out.push(format!(
                "{} in {}: +{:.2} points of GDP, USD {:.0} bn, {:.1}% of general government expenditure and {:.1}% of revenue; borrowed, debt {:.1}% of GDP instead of {:.1}%.",
                g.label, f.year, y.extra_pts, y.extra_usd_m / 1000.0, y.pct_of_expenditure, y.pct_of_revenue, y.debt_if_borrowed, y.debt_baseline
            ));
        }
    }
    let mut by_revenue: Vec<&&FiscalYear> = in_year.iter().filter(|y| y.extra_pts > 0.0).collect();
    by_revenue.sort_by(|a, b| b.pct_of_revenue.total_cmp(&a.pct_of_revenue));
    if !by_revenue.is_empty() {
        out.push(format!(
            "Largest as a share of revenue in {}: {}.",
            f.year,
            by_revenue
                .iter()
                .take(5)
                .map(|y| format!("{} {:.1}%", f.name(&y.code), y.pct_of_revenue))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let over: Vec<String> =
        f.eu.iter()
            .filter(|r| r.beyond_room_pts.is_some_and(|b| b > 0.0))
            .map(|r| {
                format!(
                    "{} ({:+.2})",
                    f.name(&r.code),
                    r.beyond_room_pts.unwrap_or(0.0)
                )
            })
            .collect();
    let with_clause = f.eu.iter().filter(|r| r.activated.is_some()).count();
    if let Some((base, _, last, room)) = clause_terms(f) {
        out.push(format!(
            "Escape clause, on the EU's measure where Eurostat publishes it{}: of the {with_clause} allies that activated it, {} would go beyond its room of {} points over {base} by {last} on this path{}.",
            on_nato(f),
            over.len(),
            crate::units::pct(room),
            if over.is_empty() { String::new() } else { format!(": {}", over.join(", ")) }
        ));
    }
    if f.year > f.outlook.last_year {
        out.push(f.held_note());
    }
    out
}

/// " (on NATO's for Italy)": the allies with the clause whose increase is read on NATO's measure.
fn on_nato(f: &Fiscal) -> String {
    let names: Vec<String> =
        f.eu.iter()
            .filter(|r| r.measured_on == ClauseMeasure::Nato)
            .map(|r| f.name(&r.code))
            .collect();
    match names.is_empty() {
        true => String::new(),
        false => format!(" (on NATO's for {})", names.join(", ")),
    }
}

/// One note per ally the costing leaves out, and why.
fn left_out(f: &Fiscal) -> Vec<String> {
    f.catalog
        .allies
        .iter()
        .filter(|a| !f.allies.iter().any(|y| y.code == a.nato_code))
        .map(|a| {
            if !a.has_armed_forces {
                format!("{}: no armed forces, not in the scenario.", a.name)
            } else if f.scenario.excluded.contains(&a.nato_code) {
                format!("{} is excluded by the scenario file.", a.name)
            } else {
                format!(
                    "{}: no path to cost (not an ally in {}, or no {} figures in {}).",
                    a.name, f.scenario.baseline_year, f.scenario.baseline_year, f.edition.id
                )
            }
        })
        .collect()
}

fn notes(f: &Fiscal) -> Vec<String> {
    let clause = clause_terms(f).unwrap_or((2021, 2025, 2028, 1.5));
    let mut notes = vec![
        "Extra spending x = the path's share less the baseline share, points of GDP; in USD at the path's current-price GDP, in national currency at the outlook's NGDP. % of expenditure = 100 x / GGX_NGDP; % of revenue = 100 x / GGR_NGDP (general government). NATO's shares and the IMF's ratios are both of GDP; their GDP figures differ slightly.".into(),
        format!(
            "Debt if borrowed: the outlook's gross debt (GGXWDG_NGDP) plus E, E(t) = E(t-1)(1+i)/(1+g) + x(t) from 0 in the baseline year; g = nominal GDP growth (NGDP), i = interest paid (primary less overall balance, GGXONLB_NGDP - GGXCNL_NGDP) over last year's debt. With no extra spending it is the outlook's own debt ratio. Where the outlook implies net interest income (primary balance below the overall balance{}) it gives no borrowing cost, and i = g.",
            income_allies(f)
        ),
        f.held_note(),
        "Groups: money summed; points of GDP and shares of government expenditure and revenue are the members' extra spending over their GDP, expenditure and revenue summed (ratios of sums, in current USD); debt ratios are weighted by GDP in current USD.".into(),
        format!(
            "Escape clause: the extra defence spending allowed over the {} level, {}-{}, up to {}% of GDP, measured by the EU on its own classification (COFOG 02, Eurostat's gov_ev). The increase is read on Eurostat's total where it is published for {0} and a later year: its increase to its latest year, then the path's increase on NATO's measure ({}) after it; where Eurostat publishes no total, on NATO's shares alone (the column says which). SAFE: the provisional allocation over GDP in euros in {SAFE_GDP_YEAR} (the outlook's NGDP where the accounts are kept in euros, else GDP in USD at the euro rate of {}'s NGDP over its NGDPD).",
            clause.0,
            clause.1,
            clause.2,
            crate::units::pct(clause.3),
            f.edition.id,
            euro_rate_ally(&f.catalog.allies).map_or(String::new(), |a| a.name.clone())
        ),
    ];
    notes.extend(left_out(f));
    notes
}

/// ": Norway": the allies whose balances imply net interest income in some year.
fn income_allies(f: &Fiscal) -> String {
    let mut codes: Vec<&str> = f
        .allies
        .iter()
        .filter(|y| y.interest_income)
        .map(|y| y.code.as_str())
        .collect();
    codes.dedup();
    if codes.is_empty() {
        return String::new();
    }
    format!(
        ": {}",
        codes
            .iter()
            .map(|c| f.name(c))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn ally_columns<'a>(f: &'a Fiscal, by_year: bool) -> Vec<Column<'a, FiscalYear>> {
    let n = |key: &'static str, header: &'static str, d: usize, v: fn(&FiscalYear) -> f64| {
        column(key, header, move |y: &FiscalYear| Value::num(Some(v(y)), d))
    };
    let mut columns = vec![column("ally", "Ally", move |y: &FiscalYear| {
        Value::text(f.name(&y.code))
    })];
    if by_year {
        columns.push(column("year", "Year", |y: &FiscalYear| {
            year_label(y.year, y.held)
        }));
    }
    columns.extend([
        n("path_share", "Path (%)", 2, |y| y.path_share),
        n("extra_pts", "Extra (points)", 2, |y| y.extra_pts),
        column("extra_usd_bn", "Extra (USD bn)", |y: &FiscalYear| {
            Value::usd_bn(Some(y.extra_usd_m), 1)
        }),
        n("extra_national_bn", "Extra (national bn)", 1, |y| {
            y.extra_national_bn
        }),
        column("currency", "Currency", |y: &FiscalYear| {
            Value::text(&y.currency)
        }),
        n("pct_of_expenditure", "% of expenditure", 1, |y| {
            y.pct_of_expenditure
        }),
        n("pct_of_revenue", "% of revenue", 1, |y| y.pct_of_revenue),
        n("debt_baseline", "Debt, outlook (% GDP)", 1, |y| {
            y.debt_baseline
        }),
        n("debt_if_borrowed", "Debt if borrowed (% GDP)", 1, |y| {
            y.debt_if_borrowed
        }),
    ]);
    columns
}

/// A group's cost in one year of the path.
struct GroupYear<'a> {
    group: &'a Group,
    year: &'a GroupFiscalYear,
}

fn group_columns<'a>() -> Vec<Column<'a, GroupYear<'a>>> {
    let n = |key: &'static str, header: &'static str, d: usize, v: fn(&GroupFiscalYear) -> f64| {
        column(key, header, move |GroupYear { year: y, .. }: &GroupYear| {
            Value::num(Some(v(y)), d)
        })
    };
    vec![
        column(
            "group",
            "Group",
            |GroupYear { group: g, .. }: &GroupYear| Value::text(&g.label),
        ),
        column("year", "Year", |GroupYear { year: y, .. }: &GroupYear| {
            year_label(y.year, y.held)
        }),
        column(
            "allies",
            "Allies",
            |GroupYear { year: y, .. }: &GroupYear| Value::Int(y.allies.into()),
        ),
        n("extra_pts", "Extra (points)", 2, |y| y.extra_pts),
        column(
            "extra_usd_bn",
            "Extra (USD bn)",
            |GroupYear { year: y, .. }: &GroupYear| Value::usd_bn(Some(y.extra_usd_m), 1),
        ),
        n("pct_of_expenditure", "% of expenditure", 1, |y| {
            y.pct_of_expenditure
        }),
        n("pct_of_revenue", "% of revenue", 1, |y| y.pct_of_revenue),
        n("debt_baseline", "Debt, outlook (% GDP)", 1, |y| {
            y.debt_baseline
        }),
        n("debt_if_borrowed", "Debt if borrowed (% GDP)", 1, |y| {
            y.debt_if_borrowed
        }),
    ]
}

fn eu_columns<'a>(f: &'a Fiscal) -> Vec<Column<'a, EuRoom>> {
    let (base, _, last, _) = clause_terms(f).unwrap_or((2021, 2025, 2028, 1.5));
    let n = |key: &'static str, header: &'static str, d: usize, v: fn(&EuRoom) -> Option<f64>| {
        column(key, header, move |r: &EuRoom| Value::num(v(r), d))
    };
    vec![
        column("ally", "Ally", move |r: &EuRoom| {
            Value::text(f.name(&r.code))
        }),
        column("clause_activated", "Clause activated", |r: &EuRoom| {
            r.activated
                .map_or(Value::Missing, |d| Value::text(d.to_string()))
        }),
        column("measured_on", "Measured on", move |r: &EuRoom| {
            match r.measured_on {
                ClauseMeasure::Eurostat { latest_year, .. } => {
                    Value::text(format!("Eurostat {base}-{latest_year}, then the path"))
                }
                ClauseMeasure::Nato => Value::text("NATO (no Eurostat total)"),
                ClauseMeasure::None => Value::Missing,
            }
        }),
        column("share_2021", format!("{base} (%)"), |r: &EuRoom| {
            Value::num(r.clause_baseline_share, 2)
        }),
        column(
            "path_share_2028",
            format!("{last} on the path (%)"),
            |r: &EuRoom| Value::num(r.path_share, 2),
        ),
        n("increase_pts", "Increase (points)", 2, |r| r.increase_pts),
        n("within_room_pts", "Within the room", 2, |r| {
            r.within_room_pts
        }),
        n("beyond_room_pts", "Beyond the room", 2, |r| {
            r.beyond_room_pts
        }),
        n("safe_eur_bn", "SAFE (EUR bn)", 2, |r| r.safe_eur_bn),
        column(
            "safe_pct_gdp",
            format!("SAFE (% of {SAFE_GDP_YEAR} GDP)"),
            |r: &EuRoom| Value::num(r.safe_pct_gdp, 2),
        ),
    ]
}

/// Every ally's and group's years, full precision, with codes and flags.
fn tidy_columns<'a>(f: &'a Fiscal) -> Vec<Column<'a, Row<'a>>> {
    let num = |v: Option<f64>| Value::num(v, 6);
    let ally = |r: &Row<'a>| match r {
        Row::Ally(y) => Some(*y),
        Row::Group(..) => None,
    };
    let pick = move |r: &Row, a: fn(&FiscalYear) -> f64, g: fn(&GroupFiscalYear) -> f64| match r {
        Row::Ally(y) => num(Some(a(y))),
        Row::Group(_, y) => num(Some(g(y))),
    };
    vec![
        column("scenario", "Scenario", move |_: &Row| {
            Value::text(&f.scenario.name)
        }),
        column("kind", "Kind", |r: &Row| {
            Value::text(match r {
                Row::Ally(_) => "ally",
                Row::Group(..) => "group",
            })
        }),
        column("code", "Code", |r: &Row| match r {
            Row::Ally(y) => Value::text(&y.code),
            Row::Group(g, _) => Value::text(&g.key),
        }),
        column("year", "Year", |r: &Row| match r {
            Row::Ally(y) => Value::Int(y.year.into()),
            Row::Group(_, y) => Value::Int(y.year.into()),
        }),
        column("held", "Held", |r: &Row| match r {
            Row::Ally(y) => Value::Bool(y.held),
            Row::Group(_, y) => Value::Bool(y.held),
        }),
        column("baseline_share", "Baseline share", move |r: &Row| {
            num(ally(r).map(|y| y.baseline_share))
        }),
        column("path_share", "Path share", move |r: &Row| {
            num(ally(r).map(|y| y.path_share))
        }),
        column("extra_pts", "Extra (points)", move |r: &Row| {
            pick(r, |y| y.extra_pts, |y| y.extra_pts)
        }),
        column("extra_usd_m", "Extra (USD m)", move |r: &Row| {
            pick(r, |y| y.extra_usd_m, |y| y.extra_usd_m)
        }),
        column(
            "extra_national_bn",
            "Extra (national, bn)",
            move |r: &Row| num(ally(r).map(|y| y.extra_national_bn)),
        ),
        column("currency", "Currency", move |r: &Row| {
            ally(r).map_or(Value::Missing, |y| Value::text(&y.currency))
        }),
        column(
            "gov_expenditure_pct_gdp",
            "Expenditure (% GDP)",
            move |r: &Row| num(ally(r).map(|y| y.expenditure)),
        ),
        column("gov_revenue_pct_gdp", "Revenue (% GDP)", move |r: &Row| {
            num(ally(r).map(|y| y.revenue))
        }),
        column("pct_of_expenditure", "% of expenditure", move |r: &Row| {
            pick(r, |y| y.pct_of_expenditure, |y| y.pct_of_expenditure)
        }),
        column("pct_of_revenue", "% of revenue", move |r: &Row| {
            pick(r, |y| y.pct_of_revenue, |y| y.pct_of_revenue)
        }),
        column(
            "nominal_growth_pct",
            "Nominal growth (%)",
            move |r: &Row| num(ally(r).map(|y| y.nominal_growth)),
        ),
        column(
            "interest_rate_pct",
            "Implied interest (%)",
            move |r: &Row| num(ally(r).map(|y| y.interest_rate)),
        ),
        column("debt_baseline", "Debt, outlook", move |r: &Row| {
            pick(r, |y| y.debt_baseline, |y| y.debt_baseline)
        }),
        column("debt_added", "Debt added", move |r: &Row| {
            num(ally(r).map(|y| y.debt_added))
        }),
        column("debt_if_borrowed", "Debt if borrowed", move |r: &Row| {
            pick(r, |y| y.debt_if_borrowed, |y| y.debt_if_borrowed)
        }),
    ]
}
