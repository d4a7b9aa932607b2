//! What the map colours the allies by: each measure's values, bins and
//! words.

use plotters::prelude::*;

use crate::calc::fiscal::DEFAULT_FISCAL_SCENARIO;
use crate::calc::Status;
use crate::chart::kinds::outlook_input;
use crate::chart::kinds::{edition_line, estimate_note};
use crate::chart::{ChartSpec, MapMeasure};
use crate::data::groups;
use crate::data::Ally;
use crate::error::Result;
use crate::results::Results;
use crate::units::pct;

/// A measure's bins: `edges` ascending; bin k holds values in
/// [edges[k-1], edges[k]) (the first from below, the last to above).
pub(super) struct Bins {
    pub edges: Vec<f64>,
    pub colours: Vec<RGBColor>,
    pub labels: Vec<String>,
}

impl Bins {
    pub fn of(&self, value: f64) -> usize {
        self.edges.iter().take_while(|e| value >= **e).count()
    }
}

/// Share of GDP: below 2% warm, then blues darkening at 2, 3.5 and 5%.
pub(super) fn share_bins() -> Bins {
    Bins {
        edges: vec![2.0, 3.5, 5.0],
        colours: vec![
            RGBColor(244, 165, 130),
            RGBColor(198, 219, 239),
            RGBColor(107, 174, 214),
            RGBColor(8, 81, 156),
        ],
        labels: vec![
            "Below 2%".into(),
            "2% to 3.5%".into(),
            "3.5% to 5%".into(),
            "5% or more".into(),
        ],
    }
}

/// Points below a target (or % of revenue): none, then warmer with more.
fn rising_bins(edges: [f64; 3], unit: &str) -> Bins {
    Bins {
        edges: vec![f64::MIN_POSITIVE, edges[0], edges[1], edges[2]],
        colours: vec![
            RGBColor(198, 219, 239),
            RGBColor(254, 224, 182),
            RGBColor(253, 174, 97),
            RGBColor(230, 97, 1),
            RGBColor(153, 52, 4),
        ],
        labels: vec![
            "None".into(),
            format!("Under {}{unit}", edges[0]),
            format!("{} to {}{unit}", edges[0], edges[1]),
            format!("{} to {}{unit}", edges[1], edges[2]),
            format!("{}{unit} or more", edges[2]),
        ],
    }
}

/// One ally on the map: its value (None: no figure) and whether it has armed forces.
pub(super) struct Entry<'a> {
    pub(super) ally: &'a Ally,
    pub(super) value: Option<f64>,
}

/// What the measure says, in words, for the frame.
pub(super) struct Described {
    pub(super) title: String,
    pub(super) subtitle: String,
    pub(super) unit: String,
    pub(super) notes: Vec<String>,
    /// What an ally with no value lacks ("No plan").
    pub(super) missing: String,
}

/// What a measure colours the map by: each ally's value, the bins, the
/// chart's words and its footer's extra line.
pub(super) struct Measured<'r> {
    pub(super) values: Vec<Entry<'r>>,
    pub(super) bins: Bins,
    pub(super) described: Described,
    pub(super) footer: String,
}

fn measured<'r>(
    values: Vec<Entry<'r>>,
    bins: Bins,
    described: Described,
    footer: String,
) -> Measured<'r> {
    Measured {
        values,
        bins,
        described,
        footer,
    }
}

/// What `measure` colours the map by.
pub(super) fn measured_by<'r>(
    r: &'r Results,
    spec: &ChartSpec,
    measure: MapMeasure,
) -> Result<Measured<'r>> {
    match measure {
        MapMeasure::Share => shares(r),
        MapMeasure::Gap => gaps(r, spec),
        MapMeasure::Fiscal => fiscal(r, spec),
        MapMeasure::Plans => plans(r, spec),
        MapMeasure::Odds => odds(r, spec),
    }
}

/// Every ally with its value.
fn entries<'r>(r: &'r Results, mut value: impl FnMut(&Ally) -> Option<f64>) -> Vec<Entry<'r>> {
    r.allies()
        .iter()
        .map(|a| Entry {
            ally: a,
            value: value(a),
        })
        .collect()
}

fn shares<'r>(r: &'r Results) -> Result<Measured<'r>> {
    let year = r.year();
    let standings = r.standing_all(year, 2.0)?;
    let values = entries(r, |a| {
        standings
            .get(&a.nato_code)
            .filter(|s| s.status != Status::NotApplicable)
            .and_then(|s| s.share)
    });
    let label = r.data().edition.year_label(year);
    Ok(measured(
        values,
        share_bins(),
        Described {
            title: format!("Defence spending as a share of GDP, {label}"),
            subtitle: format!(
                "{} · NATO's published share, bins at 2%, 3.5% and 5% of GDP",
                edition_line(r.data())
            ),
            unit: "Share of GDP (%)".into(),
            notes: vec![],
            missing: "No figure".into(),
        },
        estimate_note(r, year).join(" "),
    ))
}

fn gaps<'r>(r: &'r Results, spec: &ChartSpec) -> Result<Measured<'r>> {
    let year = r.year();
    let target = spec.targets.first().copied().unwrap_or(3.5);
    let standings = r.standing_all(year, target)?;
    let values = entries(r, |a| {
        standings
            .get(&a.nato_code)
            .filter(|s| s.status != Status::NotApplicable)
            .and_then(|s| s.share)
            .map(|s| (target - s).max(0.0))
    });
    let label = r.data().edition.year_label(year);
    Ok(measured(
        values,
        rising_bins([0.5, 1.0, 1.5], " points"),
        Described {
            title: format!("How far below {}% of GDP, {label}", pct(target)),
            subtitle: format!(
                "{} · points of GDP between each ally's share and {}%",
                edition_line(r.data()),
                pct(target)
            ),
            unit: format!("Points below {}%", pct(target)),
            notes: vec![],
            missing: "No figure".into(),
        },
        estimate_note(r, year).join(" "),
    ))
}

fn fiscal<'r>(r: &'r Results, spec: &ChartSpec) -> Result<Measured<'r>> {
    let reference = spec.scenario.as_deref().unwrap_or(DEFAULT_FISCAL_SCENARIO);
    let run = r.fiscal(reference, spec.economy.as_deref())?;
    let year = run.scenario.target_year;
    let values = entries(r, |a| {
        run.years
            .iter()
            .find(|y| y.code == a.nato_code && y.year == year)
            .map(|y| y.pct_of_revenue)
    });
    Ok(measured(
        values,
        rising_bins([2.0, 3.0, 4.0], "%"),
        Described {
            title: format!(
                "What {}% by {year} costs each treasury: extra spending, % of government revenue",
                pct(run.scenario.measured_target)
            ),
            subtitle: format!(
                "{} · extra over each ally's {} share, {year}",
                run.scenario.name, run.scenario.baseline_year
            ),
            unit: format!("% of revenue, {year}"),
            notes: vec![run.outlook.citation.clone()],
            missing: "No path".into(),
        },
        format!(
            "Extra spending (the path's share less the {} share) over general government revenue (GGR_NGDP).{}",
            run.scenario.baseline_year,
            if year > run.outlook.last_year {
                format!(" Years after {} hold the outlook's last rates.", run.outlook.last_year)
            } else {
                String::new()
            }
        ),
    ))
}

fn plans<'r>(r: &'r Results, spec: &ChartSpec) -> Result<Measured<'r>> {
    let reference = spec
        .scenario
        .as_deref()
        .unwrap_or(crate::calc::targets::DEFAULT_SCENARIO);
    let run = r.plans(
        reference,
        spec.plans_vintage.as_deref(),
        spec.economy.as_deref(),
    )?;
    let s = &run.scenario;
    let mut year = s.target_year;
    let values = entries(r, |a| {
        run.comparisons
            .iter()
            .find(|c| c.code == a.nato_code)
            .and_then(|c| c.years.last())
            .and_then(|y| {
                year = y.year;
                Some((y.required? - y.planned?).max(0.0))
            })
    });
    Ok(measured(
        values,
        rising_bins([0.5, 1.0, 1.5], " points"),
        Described {
            title: format!(
                "How far national plans fall short of the path to {}% of GDP, {year}",
                pct(s.measured_target)
            ),
            subtitle: format!(
                "{} · points of GDP between the share the path requires and the plan, {year}",
                s.name
            ),
            unit: format!("Plan short of the path, points, {year}"),
            notes: vec![run.plans.info.citation.clone()],
            missing: "No numeric plan".into(),
        },
        "A plan is linear between its milestones and holds after its last; some are on a national definition (see `defspend plans`).".into(),
    ))
}

fn odds<'r>(r: &'r Results, spec: &ChartSpec) -> Result<Measured<'r>> {
    let run = outlook_input::outlook_for(r, spec, &[groups::EUROPE_CANADA])?;
    let values = entries(r, |a| {
        run.outcome(&a.nato_code).map(|o| 100.0 * o.probability)
    });
    let s = &run.scenario;
    Ok(measured(
        values,
        Bins {
            edges: vec![10.0, 50.0, 90.0],
            colours: vec![
                RGBColor(244, 165, 130),
                RGBColor(253, 219, 199),
                RGBColor(146, 197, 222),
                RGBColor(33, 102, 172),
            ],
            labels: vec![
                "Under 10%".into(),
                "10% to 50%".into(),
                "50% to 90%".into(),
                "90% or more".into(),
            ],
        },
        Described {
            title: format!(
                "How likely is {}% of GDP by {}? Each ally's chance",
                pct(run.target),
                run.by
            ),
            subtitle: format!(
                "{} · Monte Carlo outlook, {} draws, seed {}",
                s.name, run.settings.params.draws, run.settings.params.seed
            ),
            unit: format!("Chance of {}% by {} (%)", pct(run.target), run.by),
            notes: vec![outlook_input::model_line(&run)],
            missing: "No figure".into(),
        },
        "Probabilities from the model `defspend outlook` runs; its backtests and scores are in `defspend backtest`.".into(),
    ))
}
