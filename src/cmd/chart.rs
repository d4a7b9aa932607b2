//! `defspend chart KIND`: one publication-ready chart, PNG or SVG. The data of
//! each chart is prepared here from the calculator's frames; `report` reuses it.

use plotters::coord::Shift;
use plotters::prelude::*;

use super::bn;
use crate::calc::{self, path, status, Group};
use crate::chart::bars::{GapsChart, ShareBar, SharesChart, UsEuropeChart};
use crate::chart::lines::{Marker, PathSeries, TrajectoryChart, TrendChart, TrendSeries};
use crate::chart::scatter::{BurdenChart, EquipmentChart, Point};
use crate::chart::{self, pct, Chart, DrawResult, Frame, ImageFormat, Style};
use crate::cli::{ChartArgs, ChartKind, ChartOptions};
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::export::{write_atomic, ColumnSpec, Table, Value};
use crate::frame::{bool_at, f64_at, i32_at, str_at};
use crate::scenario;

pub fn run(catalog: &Catalog, args: &ChartArgs) -> Result<()> {
    let format = ImageFormat::from_path(&args.output)?;
    let data = catalog.load_edition(args.options.edition.as_deref())?;
    let (chart, _) = prepare(catalog, &data, args.kind, &args.options)?;
    let bytes = chart::render(
        &chart,
        format,
        args.options.width * args.options.scale,
        args.options.height * args.options.scale,
    )?;
    write_atomic(&args.output, &bytes)
}

/// Any chart kind, drawn by dispatch.
pub enum AnyChart {
    Shares(SharesChart),
    Gaps(GapsChart),
    Burden(BurdenChart),
    Trend(TrendChart),
    Trajectory(TrajectoryChart),
    Equipment(EquipmentChart),
    UsEurope(UsEuropeChart),
}

impl Chart for AnyChart {
    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        match self {
            AnyChart::Shares(c) => c.draw(root, st),
            AnyChart::Gaps(c) => c.draw(root, st),
            AnyChart::Burden(c) => c.draw(root, st),
            AnyChart::Trend(c) => c.draw(root, st),
            AnyChart::Trajectory(c) => c.draw(root, st),
            AnyChart::Equipment(c) => c.draw(root, st),
            AnyChart::UsEurope(c) => c.draw(root, st),
        }
    }
}

/// The chart and the table of the numbers it shows (written beside it by `report`).
pub fn prepare(
    catalog: &Catalog,
    data: &EditionData,
    kind: ChartKind,
    o: &ChartOptions,
) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let year = super::resolve_year(edition, o.year)?;
    let targets = |default: &[f64]| -> Vec<f64> {
        let mut t = if o.targets.is_empty() {
            default.to_vec()
        } else {
            o.targets.clone()
        };
        t.sort_by(f64::total_cmp);
        t.dedup();
        t
    };
    let mut prepared = match kind {
        ChartKind::Shares => shares(catalog, data, year, &targets(&[2.0, 3.0]))?,
        ChartKind::Gaps => gaps(catalog, data, year, &targets(&[2.0, 3.0, 3.5]))?,
        ChartKind::Burden => burden(catalog, data, year)?,
        ChartKind::Trend => trend(catalog, data, o, &targets(&[2.0]))?,
        ChartKind::Trajectory => trajectory(catalog, o)?,
        ChartKind::Equipment => equipment(catalog, data, year)?,
        ChartKind::UsVsEurope => us_vs_europe(catalog, data)?,
    };
    if let Some(title) = &o.title {
        match &mut prepared.0 {
            AnyChart::Shares(c) => c.frame.title = title.clone(),
            AnyChart::Gaps(c) => c.frame.title = title.clone(),
            AnyChart::Burden(c) => c.frame.title = title.clone(),
            AnyChart::Trend(c) => c.frame.title = title.clone(),
            AnyChart::Trajectory(c) => c.frame.title = title.clone(),
            AnyChart::Equipment(c) => c.frame.title = title.clone(),
            AnyChart::UsEurope(c) => c.frame.title = title.clone(),
        }
    }
    Ok(prepared)
}

/// The footer every chart carries: the citation, and what is estimated.
fn footer(data: &EditionData, extra: &[String]) -> Vec<String> {
    let edition = &data.edition;
    let mut lines = vec![edition.citation.clone()];
    lines.extend(extra.iter().cloned());
    let provenance = match edition.provenance {
        crate::data::editions::Provenance::OfficialWorkbook => {
            "Figures from NATO's official workbook"
        }
        crate::data::editions::Provenance::Transcription => {
            "Figures from a transcription of NATO's tables"
        }
    };
    lines.push(format!(
        "{provenance}; {}. Chart: defspend.",
        edition.basis.label()
    ));
    lines
}

fn edition_line(data: &EditionData) -> String {
    format!(
        "NATO, {}, {}",
        data.edition.title,
        data.edition.published.long()
    )
}

fn shares(
    catalog: &Catalog,
    data: &EditionData,
    year: i32,
    targets: &[f64],
) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let low = targets.first().copied().unwrap_or(2.0);
    let st = calc::standing(&data.expenditure, &allies, year, low)?;
    let mut bars = Vec::new();
    let mut na = Vec::new();
    let mut table = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("estimate", "Estimate"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("status", "Status"),
    ]);
    let mut meeting = 0;
    let mut counted = 0;
    for i in 0..st.height() {
        let name = str_at(&st, "name", i).unwrap_or_default().to_string();
        let code = str_at(&st, "code", i).unwrap_or_default().to_string();
        let stat = str_at(&st, "status", i).unwrap_or(status::NO_DATA);
        let share = f64_at(&st, "share", i);
        match (stat, share) {
            (status::NOT_APPLICABLE, _) => {
                na.push((name.clone(), "n/a (no armed forces)".to_string()))
            }
            (_, Some(s)) => {
                counted += 1;
                meeting += usize::from(stat == status::MEETS);
                bars.push(ShareBar {
                    label: name.clone(),
                    share: s,
                });
            }
            _ => na.push((name.clone(), format!("no figures for {year}"))),
        }
        table.push(vec![
            Value::text(code),
            Value::text(name),
            Value::Int(year.into()),
            Value::Bool(edition.is_estimate(year)),
            Value::num(share, 4),
            Value::text(stat),
        ]);
    }
    bars.reverse(); // highest first
    let year_label = edition.year_label(year);
    let frame = Frame {
        title: format!("Defence expenditure as a share of GDP, {year_label}"),
        subtitle: format!(
            "{} · {} · {meeting} of {counted} allies with armed forces at or above {}%",
            edition_line(data),
            share_basis(data),
            pct(low)
        ),
        footer: footer(data, &estimate_note(data, year)),
    };
    Ok((
        AnyChart::Shares(SharesChart {
            frame,
            bars,
            not_applicable: na,
            targets: targets.to_vec(),
            estimate: edition.is_estimate(year),
        }),
        table,
    ))
}

fn share_basis(data: &EditionData) -> String {
    match data.edition.basis {
        crate::data::editions::Basis::Total => {
            format!("share of real GDP, {} prices", data.edition.price_base_year)
        }
        crate::data::editions::Basis::Core => {
            "core defence expenditure, NATO's published share".into()
        }
    }
}

fn estimate_note(data: &EditionData, year: i32) -> Vec<String> {
    if data.edition.is_estimate(year) {
        vec![format!(
            "{year} figures are NATO estimates (e). Iceland has no armed forces."
        )]
    } else {
        vec!["Iceland has no armed forces.".into()]
    }
}

fn gaps(
    catalog: &Catalog,
    data: &EditionData,
    year: i32,
    targets: &[f64],
) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let standings = targets
        .iter()
        .map(|t| calc::standing(&data.expenditure, &allies, year, *t))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let mut table = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("target_pct", "Target (% of GDP)"),
        ColumnSpec::new("gap_usd_current_bn", "Gap (USD bn, current)"),
    ]);
    let mut rows: Vec<(String, Vec<f64>)> = Vec::new();
    let first = &standings[0];
    for i in 0..first.height() {
        let code = str_at(first, "code", i).unwrap_or_default().to_string();
        let name = str_at(first, "name", i).unwrap_or_default().to_string();
        let mut gaps = Vec::new();
        for (k, st) in standings.iter().enumerate() {
            let j = (0..st.height())
                .find(|&j| str_at(st, "code", j) == Some(code.as_str()))
                .unwrap_or(i);
            let gap = bn(f64_at(st, "gap_usd_current_m", j)).unwrap_or(0.0);
            gaps.push(gap);
            if str_at(st, "status", j) != Some(status::NOT_APPLICABLE) {
                table.push(vec![
                    Value::text(&code),
                    Value::text(&name),
                    Value::Int(year.into()),
                    Value::Number(targets[k], 2),
                    Value::Number(gap, 3),
                ]);
            }
        }
        // A gap that rounds to nothing at the chart's precision is left off the chart (not the table).
        if gaps.iter().any(|g| *g >= 0.05) {
            rows.push((name, gaps));
        }
    }
    rows.sort_by(|a, b| {
        b.1.last()
            .unwrap_or(&0.0)
            .total_cmp(a.1.last().unwrap_or(&0.0))
            .then(a.0.cmp(&b.0))
    });
    let mut totals = Vec::new();
    for (k, st) in standings.iter().enumerate() {
        let g = calc::group_gap(st, &Group::EuropeCanada)?;
        let total = bn(f64_at(&g, "gap_usd_current_m", 0)).unwrap_or(0.0);
        // Whole billions read best, but a small total must not round to "$0 bn".
        let decimals = if total < 10.0 { 1 } else { 0 };
        totals.push(format!("${total:.decimals$} bn to {}%", pct(targets[k])));
    }
    let year_label = edition.year_label(year);
    let frame = Frame {
        title: format!("What it would take: the gap to each target, {year_label}"),
        subtitle: format!(
            "{} · USD bn a year, current prices · Europe and Canada together: {}",
            edition_line(data),
            totals.join(", ")
        ),
        footer: footer(
            data,
            &[format!(
                "Gap = (target - share) / 100 x GDP for allies below a target; allies with no gap (under $0.05 bn) are not shown; group totals add up members' gaps. {}",
                estimate_note(data, year).join(" ")
            )],
        ),
    };
    Ok((
        AnyChart::Gaps(GapsChart {
            frame,
            targets: targets.to_vec(),
            rows,
            unit: "Gap, USD bn a year (current prices and exchange rates)".into(),
        }),
        table,
    ))
}

fn burden(catalog: &Catalog, data: &EditionData, year: i32) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let b = calc::burden(&data.expenditure, &allies, year)?;
    let mut points = Vec::new();
    let mut table = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("gdp_share", "Share of allied GDP (%)"),
        ColumnSpec::new("spending_share", "Share of allied spending (%)"),
    ]);
    let mut us_share = None;
    for i in 0..b.height() {
        if !bool_at(&b, "has_armed_forces", i).unwrap_or(true) {
            continue;
        }
        let code = str_at(&b, "code", i).unwrap_or_default().to_string();
        let name = str_at(&b, "name", i).unwrap_or_default().to_string();
        let (x, y) = (f64_at(&b, "gdp_share", i), f64_at(&b, "spending_share", i));
        table.push(vec![
            Value::text(&code),
            Value::text(&name),
            Value::Int(year.into()),
            Value::num(x, 4),
            Value::num(y, 4),
        ]);
        if let (Some(x), Some(y)) = (x, y) {
            if code == "US" {
                us_share = Some(y);
            }
            let highlight = (code == "US")
                .then(|| format!("United States {y:.0}% of spending, {x:.0}% of GDP"));
            points.push(Point {
                code,
                x,
                y,
                highlight,
            });
        }
    }
    let year_label = edition.year_label(year);
    let frame = Frame {
        title: format!("Who carries the burden? Shares of allied spending and GDP, {year_label}"),
        subtitle: format!(
            "{} · current prices and exchange rates · the United States: {:.0}% of allied defence spending",
            edition_line(data),
            us_share.unwrap_or(f64::NAN)
        ),
        footer: footer(
            data,
            &[format!(
                "Above the dashed line an ally's share of allied spending exceeds its share of allied GDP. {} {}",
                super::allied_gdp_note(catalog, &b, edition),
                estimate_note(data, year).join(" ")
            )],
        ),
    };
    Ok((AnyChart::Burden(BurdenChart { frame, points }), table))
}

fn parse_groups(names: &[String]) -> Result<Vec<Group>> {
    names
        .iter()
        .map(|g| match g.trim().to_ascii_lowercase().as_str() {
            "europe-canada" => Ok(Group::EuropeCanada),
            "eu" => Ok(Group::Eu),
            "us" => Ok(Group::UnitedStates),
            "all" => Ok(Group::All),
            other => Err(Error::usage(
                "--groups",
                format!("unknown group '{other}'; expected europe-canada, eu, us or all"),
            )),
        })
        .collect()
}

fn trend(
    catalog: &Catalog,
    data: &EditionData,
    o: &ChartOptions,
    targets: &[f64],
) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let allies_frame = calc::allies_frame(&catalog.allies)?;
    let mut groups = parse_groups(&o.groups)?;
    if o.groups.is_empty() && o.allies.is_empty() {
        groups = vec![Group::EuropeCanada, Group::UnitedStates, Group::All];
    }
    let mut table = Table::new(vec![
        ColumnSpec::new("series", "Series"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("estimate", "Estimate"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
    ]);
    let mut series = Vec::new();
    let mut push = |label: String, points: Vec<(i32, f64, bool)>, table: &mut Table| {
        for p in &points {
            table.push(vec![
                Value::text(&label),
                Value::Int(p.0.into()),
                Value::Bool(p.2),
                Value::Number(p.1, 4),
            ]);
        }
        series.push(TrendSeries { label, points });
    };
    for query in &o.allies {
        let ally = catalog.ally(query)?;
        let h = calc::ally_history(&data.expenditure, &ally.nato_code)?;
        let points = (0..h.height())
            .filter_map(|i| {
                let y = i32_at(&h, "year", i)?;
                Some((y, f64_at(&h, "share", i)?, edition.is_estimate(y)))
            })
            .collect();
        push(ally.name.clone(), points, &mut table);
    }
    for group in &groups {
        let a = calc::aggregate(&data.expenditure, &allies_frame, group)?;
        let points = (0..a.height())
            .filter_map(|i| {
                let y = i32_at(&a, "year", i)?;
                Some((y, f64_at(&a, "share", i)?, edition.is_estimate(y)))
            })
            .collect();
        push(group.label(), points, &mut table);
    }
    let frame = Frame {
        title: format!("Defence expenditure as a share of GDP, {}-{}", edition.first_year, edition.last_year),
        subtitle: format!("{} · {} · groups: total spending / total GDP of the allies that were members each year", edition_line(data), share_basis(data)),
        footer: footer(data, &[format!("Dashed segments and hollow points: NATO estimates ({}).", years_list(&edition.estimate_years))]),
    };
    Ok((
        AnyChart::Trend(TrendChart {
            frame,
            series,
            targets: targets.to_vec(),
            estimate_years: edition.estimate_years.clone(),
        }),
        table,
    ))
}

fn years_list(years: &[i32]) -> String {
    years
        .iter()
        .map(|y| format!("{y}e"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn trajectory(catalog: &Catalog, o: &ChartOptions) -> Result<(AnyChart, Table)> {
    let reference = o.scenario.clone().unwrap_or_else(|| "hague-2035".into());
    let s = scenario::load(&reference, catalog)?;
    let data = catalog.load_edition(Some(&s.edition))?;
    let edition = &data.edition;
    let allies_frame = calc::allies_frame(&catalog.allies)?;
    let paths = s.paths(&data.expenditure)?;

    let mut groups = parse_groups(&o.groups)?;
    if o.groups.is_empty() && o.allies.is_empty() {
        groups = vec![Group::EuropeCanada, Group::UnitedStates];
    }
    let mut table = Table::new(vec![
        ColumnSpec::new("series", "Series"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("required_share", "Required share of GDP (%)"),
        ColumnSpec::new("published_share", "Published share (%)"),
    ]);
    let mut series = Vec::new();
    for query in &o.allies {
        let ally = catalog.ally(query)?;
        let rows: Vec<usize> = (0..paths.height())
            .filter(|&i| str_at(&paths, "code", i) == Some(ally.nato_code.as_str()))
            .collect();
        if rows.is_empty() {
            return Err(Error::usage(
                "--allies",
                format!("{} is not in scenario {}", ally.name, s.name),
            ));
        }
        let required: Vec<(i32, f64)> = rows
            .iter()
            .filter_map(|&i| {
                Some((
                    i32_at(&paths, "year", i)?,
                    f64_at(&paths, "required_share", i)?,
                ))
            })
            .collect();
        let published: Vec<(i32, f64)> = rows
            .iter()
            .filter_map(|&i| {
                Some((
                    i32_at(&paths, "year", i)?,
                    f64_at(&paths, "published_share", i)?,
                ))
            })
            .collect();
        for &i in &rows {
            table.push(vec![
                Value::text(&ally.name),
                Value::Int(i32_at(&paths, "year", i).unwrap_or_default().into()),
                Value::num(f64_at(&paths, "required_share", i), 4),
                Value::num(f64_at(&paths, "published_share", i), 4),
            ]);
        }
        series.push(PathSeries {
            label: ally.name.clone(),
            required,
            published,
        });
    }
    for group in &groups {
        let g = path::group_path(&paths, &allies_frame, group)?;
        let required: Vec<(i32, f64)> = (0..g.height())
            .filter_map(|i| Some((i32_at(&g, "year", i)?, f64_at(&g, "required_share", i)?)))
            .collect();
        // The group's published share: the edition's own aggregate, where it covers the year.
        let agg = calc::aggregate(&data.expenditure, &allies_frame, group)?;
        let published: Vec<(i32, f64)> = (0..agg.height())
            .filter_map(|i| {
                let y = i32_at(&agg, "year", i)?;
                (y >= s.baseline_year).then_some((y, f64_at(&agg, "share", i)?))
            })
            .collect();
        for (y, v) in &required {
            let p = published.iter().find(|p| p.0 == *y).map(|p| p.1);
            table.push(vec![
                Value::text(group.label()),
                Value::Int((*y).into()),
                Value::Number(*v, 4),
                Value::num(p, 4),
            ]);
        }
        series.push(PathSeries {
            label: group.label(),
            required,
            published,
        });
    }
    let mut markers = vec![Marker {
        year: s.baseline_year,
        label: format!("Baseline {}", edition.year_label(s.baseline_year)),
    }];
    if let Some(r) = s.review_year {
        markers.push(Marker {
            year: r,
            label: format!("Review {r}"),
        });
    }
    let frame = Frame {
        title: format!("The path to {} by {}", crate::cmd::scenario::describe_target(&s), s.target_year),
        subtitle: format!(
            "Scenario: {} · {} · {} path from NATO's {} share · real GDP growth {}% a year",
            s.name,
            edition_line(&data),
            s.path.key(),
            edition.year_label(s.baseline_year),
            pct(s.real_gdp_growth)
        ),
        footer: footer(
            &data,
            &[format!(
                "Lines: the share of GDP needed ({}); a group's line adds its members' paths, and allies already above the target keep their share. Dots: NATO's figures ({} are estimates){}.",
                s.source,
                years_list(&edition.estimate_years),
                if s.target_year > edition.last_year {
                    format!("; years after {} are projections", edition.last_year)
                } else {
                    String::new()
                }
            )],
        ),
    };
    Ok((
        AnyChart::Trajectory(TrajectoryChart {
            frame,
            series,
            target: s.measured_target,
            markers,
            estimate_years: edition.estimate_years.clone(),
        }),
        table,
    ))
}

fn equipment(catalog: &Catalog, data: &EditionData, year: i32) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let st = calc::standing(&data.expenditure, &allies, year, 2.0)?;
    let mut table = Table::new(vec![
        ColumnSpec::new("code", "Code"),
        ColumnSpec::new("ally", "Ally"),
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("share_of_gdp", "Share of GDP (%)"),
        ColumnSpec::new("equipment_pct", "Equipment (% of spending)"),
    ]);
    let mut points = Vec::new();
    let mut both = 0;
    for i in 0..st.height() {
        let code = str_at(&st, "code", i).unwrap_or_default().to_string();
        let name = str_at(&st, "name", i).unwrap_or_default().to_string();
        let (x, y) = (f64_at(&st, "share", i), f64_at(&st, "equipment_pct", i));
        if let (Some(x), Some(y)) = (x, y) {
            table.push(vec![
                Value::text(&code),
                Value::text(&name),
                Value::Int(year.into()),
                Value::Number(x, 4),
                Value::Number(y, 4),
            ]);
            both += usize::from(x >= 2.0 - 1e-9 && y >= 20.0 - 1e-9);
            let highlight = (code == "US").then(|| code.clone());
            points.push(Point {
                code,
                x,
                y,
                highlight,
            });
        }
    }
    let year_label = edition.year_label(year);
    let frame = Frame {
        title: format!("NATO's two guidelines: 2% of GDP and 20% on equipment, {year_label}"),
        subtitle: format!(
            "{} · {} · {both} of {} allies meet both",
            edition_line(data),
            share_basis(data),
            points.len()
        ),
        footer: footer(
            data,
            &[format!(
                "Equipment: major equipment including related R&D, % of defence expenditure. {}",
                estimate_note(data, year).join(" ")
            )],
        ),
    };
    Ok((
        AnyChart::Equipment(EquipmentChart {
            frame,
            points,
            gdp_guideline: 2.0,
            equipment_guideline: 20.0,
        }),
        table,
    ))
}

fn us_vs_europe(catalog: &Catalog, data: &EditionData) -> Result<(AnyChart, Table)> {
    let edition = &data.edition;
    let allies = calc::allies_frame(&catalog.allies)?;
    let h = calc::us_vs_europe(&data.expenditure, &allies)?;
    let mut table = Table::new(vec![
        ColumnSpec::new("year", "Year"),
        ColumnSpec::new("estimate", "Estimate"),
        ColumnSpec::new("us_usd_constant_bn", "United States (USD bn, constant)"),
        ColumnSpec::new(
            "europe_canada_usd_constant_bn",
            "Europe and Canada (USD bn, constant)",
        ),
        ColumnSpec::new(
            "us_share_of_allied_spending",
            "US share of allied spending (%)",
        ),
    ]);
    let mut years = Vec::new();
    for i in 0..h.height() {
        let y = i32_at(&h, "year", i).unwrap_or_default();
        let us = bn(f64_at(&h, "us_usd_constant_m", i)).unwrap_or(0.0);
        let eu = bn(f64_at(&h, "europe_canada_usd_constant_m", i)).unwrap_or(0.0);
        // The share in constant prices, as drawn.
        let share = us / (us + eu) * 100.0;
        table.push(vec![
            Value::Int(y.into()),
            Value::Bool(edition.is_estimate(y)),
            Value::Number(us, 3),
            Value::Number(eu, 3),
            Value::Number(share, 3),
        ]);
        years.push((edition.year_label(y), us, eu, share, edition.is_estimate(y)));
    }
    let frame = Frame {
        title: format!("The United States and Europe and Canada: defence spending, {}-{}", edition.first_year, edition.last_year),
        subtitle: format!(
            "{} · USD bn, constant {} prices and exchange rates · labels: US share of allied spending",
            edition_line(data),
            edition.price_base_year
        ),
        footer: footer(
            data,
            &[format!(
                "Europe and Canada counts each ally from the year it joined. Lighter bars: NATO estimates ({}).",
                years_list(&edition.estimate_years)
            )],
        ),
    };
    Ok((
        AnyChart::UsEurope(UsEuropeChart {
            frame,
            years,
            unit: format!("USD bn, constant {} prices", edition.price_base_year),
        }),
        table,
    ))
}
