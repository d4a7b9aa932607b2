//! The calculator's frames: the polars queries behind shares, gaps, group
//! totals, histories, burden sharing and movers, each a function of the
//! edition's frames (the [`Calculator`](super::Calculator) reads them into
//! types).

use std::collections::BTreeMap;

use polars::prelude::*;

use super::read::Reader;
use super::types::*;
use crate::data::Ally;
use crate::error::Result;

/// One percent, as a multiplier (see [`with_gaps`] for why not `/ 100`).
pub const PERCENT: f64 = 0.01;

/// Tolerance for "meets the target": the published share is compared as published.
pub(crate) const MEETS_EPSILON: f64 = 1e-9;
/// The allies reference as a frame: `code`, `name`, `accession_year`, `region`,
/// `eu_member`, `has_armed_forces`, `note`.
pub(crate) fn allies_frame(allies: &[Ally]) -> PolarsResult<DataFrame> {
    DataFrame::new_infer_height(vec![
        Column::new(
            "code".into(),
            allies
                .iter()
                .map(|a| a.nato_code.as_str())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "name".into(),
            allies.iter().map(|a| a.name.as_str()).collect::<Vec<_>>(),
        ),
        Column::new(
            "accession_year".into(),
            allies
                .iter()
                .map(|a| a.accession_year())
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "north_america".into(),
            allies
                .iter()
                .map(|a| a.region == crate::data::allies::Region::NorthAmerica)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "eu_member".into(),
            allies.iter().map(|a| a.eu_member).collect::<Vec<_>>(),
        ),
        Column::new(
            "has_armed_forces".into(),
            allies
                .iter()
                .map(|a| a.has_armed_forces)
                .collect::<Vec<_>>(),
        ),
        Column::new(
            "note".into(),
            allies.iter().map(|a| a.note.as_deref()).collect::<Vec<_>>(),
        ),
    ])
}

/// The rows in one order (ally code, then year) whatever the order given: float
/// sums, and even vectorised arithmetic, can differ in the last bit with a
/// row's position, and results must not depend on the order of the data.
pub fn canonical(expenditure: &DataFrame) -> LazyFrame {
    expenditure
        .clone()
        .lazy()
        .sort(["code", "year"], SortMultipleOptions::default())
}

/// `max(0, x)` for a nullable float expression.
fn positive_part(x: Expr) -> Expr {
    when(x.clone().gt(lit(0.0))).then(x).otherwise(lit(0.0))
}

/// Adds the share of GDP that decides targets, and where it came from:
/// - `share` — the published share where there is one, else constant ÷ constant,
///   else current ÷ current;
/// - `share_source` — see [`share_source`];
/// - `gdp_constant` — constant-price GDP, or where the edition publishes none
///   (the 2026 transcription), constant spending ÷ published share;
pub fn with_shares(frame: LazyFrame) -> LazyFrame {
    let constant_ratio = col("defence_usd_constant_m") / col("gdp_usd_constant_m") * lit(100.0);
    let nominal_ratio = col("defence_usd_current_m") / col("gdp_usd_current_m") * lit(100.0);
    frame.with_columns([
        when(col("share_of_gdp").is_not_null())
            .then(col("share_of_gdp"))
            .when(constant_ratio.clone().is_not_null())
            .then(constant_ratio.clone())
            .otherwise(nominal_ratio.clone())
            .alias("share"),
        when(col("share_of_gdp").is_not_null())
            .then(lit(ShareSource::Published.key()))
            .when(constant_ratio.is_not_null())
            .then(lit(ShareSource::ConstantRatio.key()))
            .when(nominal_ratio.is_not_null())
            .then(lit(ShareSource::NominalRatio.key()))
            // No share at all: an empty text, read back as no source (a null
            // literal would make polars allocate a zeroed 8 MiB buffer).
            .otherwise(lit(""))
            .alias("share_source"),
        when(col("gdp_usd_constant_m").is_not_null())
            .then(col("gdp_usd_constant_m"))
            .otherwise(col("defence_usd_constant_m") / col("share_of_gdp") * lit(100.0))
            .alias("gdp_constant"),
    ])
}

/// Adds the gap to `target` (% of GDP): `gap_points`, `gap_usd_current_m`,
/// `gap_usd_constant_m`, and `meets`. Needs the columns of [`with_shares`].
pub fn with_gaps(frame: LazyFrame, target: f64) -> LazyFrame {
    frame.with_columns(gap_columns(target, ""))
}

/// The columns of [`with_gaps`], their names ending in `suffix` (several
/// targets in one frame).
fn gap_columns(target: f64, suffix: &str) -> [Expr; 4] {
    let gap = positive_part(lit(target) - col("share"));
    [
        gap.clone().alias(format!("gap_points{suffix}")),
        // `* 0.01`, never `/ 100`: polars may evaluate a division by a literal as a
        // multiplication by its reciprocal on some paths and not others, and a
        // result must not change in the last bit with the query plan.
        (gap.clone() * lit(PERCENT) * col("gdp_usd_current_m"))
            .alias(format!("gap_usd_current_m{suffix}")),
        (gap * lit(PERCENT) * col("gdp_constant")).alias(format!("gap_usd_constant_m{suffix}")),
        col("share")
            .gt_eq(lit(target - MEETS_EPSILON))
            .alias(format!("meets{suffix}")),
    ]
}

/// Every ally that was a member in `year`, with its figures for that year, its
/// share and its gap to each of `targets`, the i-th target's columns named
/// with the suffix `_i` (its status is decided on reading: [`Status::of`]).
/// Allies that joined later are left out; Iceland is kept, with status n/a.
pub(crate) fn standing_frame(
    expenditure: &DataFrame,
    allies: &DataFrame,
    year: i32,
    targets: &[f64],
) -> PolarsResult<DataFrame> {
    // `expenditure`: the year's rows (see [`Calculator::standing`]).
    let gaps: Vec<Expr> = targets
        .iter()
        .enumerate()
        .flat_map(|(i, t)| gap_columns(*t, &format!("_{i}")))
        .collect();
    let figures = with_shares(
        expenditure
            .clone()
            .lazy()
            .select([
                col("code"),
                col("year"),
                col("share_of_gdp"),
                col("defence_usd_current_m"),
                col("defence_usd_constant_m"),
                col("gdp_usd_current_m"),
                col("gdp_usd_constant_m"),
                col("equipment_pct"),
            ])
            .sort(["code"], SortMultipleOptions::default()),
    )
    .with_columns(gaps);
    // `allies`: the members in `year` only (see [`Calculator::standing`]).
    allies
        .clone()
        .lazy()
        .left_join(figures, col("code"), col("code"))
        // The status is decided when the frame is read (`Status::of`): as a
        // polars when-chain of text, a mask with no true value (no ally meets
        // 5%) costs polars a zeroed 8 MiB buffer at start-up.
        .with_columns([lit(year).alias("year")])
        .sort(
            ["share", "name"],
            SortMultipleOptions::default()
                .with_order_descending_multi([false, false])
                .with_nulls_last(true),
        )
        .collect()
}

/// Group totals by year, counting each ally from its accession year: sums of
/// spending and GDP (current and constant USD) and the group's share of GDP.
/// `membership`: one row (`code`, `year`) for each year an ally of the group
/// was a member (see [`Calculator::aggregate`]).
pub(crate) fn aggregate_frame(
    expenditure: &DataFrame,
    membership: &DataFrame,
) -> PolarsResult<DataFrame> {
    with_shares(canonical(expenditure))
        .join(
            membership.clone().lazy(),
            [col("code"), col("year")],
            [col("code"), col("year")],
            JoinArgs::new(JoinType::Inner),
        )
        .group_by([col("year")])
        .agg([
            col("estimate").first(),
            col("defence_usd_current_m").sum(),
            col("defence_usd_constant_m").sum(),
            col("gdp_usd_current_m").sum(),
            col("gdp_usd_constant_m").sum(),
            col("gdp_constant").sum(),
            col("code").count().alias("allies_counted"),
        ])
        .with_columns([
            (col("defence_usd_constant_m") / col("gdp_constant") * lit(100.0)).alias("share"),
        ])
        .sort(["year"], SortMultipleOptions::default())
        .collect()
}

/// One ally across all years of an edition, sorted by year, with its share
/// (see [`with_shares`]).
pub(crate) fn ally_history_frame(expenditure: &DataFrame, code: &str) -> PolarsResult<DataFrame> {
    with_shares(canonical(expenditure).filter(col("code").eq(lit(code))))
        .sort(["year"], SortMultipleOptions::default())
        .collect()
}

/// Histories from a frame sorted by code, then year (see [`with_shares`]).
pub(super) fn read_histories(df: &DataFrame) -> Result<BTreeMap<String, Vec<AllyYear>>> {
    let r = Reader::new(df);
    let codes = r.string("code")?;
    let years = r.i32("year")?;
    let estimates = r.bool("estimate")?;
    let shares = r.f64("share")?;
    let sources = r.str("share_source")?;
    let spending_cur = r.f64("defence_usd_current_m")?;
    let spending_con = r.f64("defence_usd_constant_m")?;
    let published = r.f64("real_change_pct")?;
    let equipment = r.f64("equipment_pct")?;
    let gdp = r.f64("gdp_usd_current_m")?;
    let per_capita = r.f64("defence_per_capita_usd")?;
    let personnel = r.f64("military_personnel_k")?;
    let mut out: BTreeMap<String, Vec<AllyYear>> = BTreeMap::new();
    for i in 0..r.len() {
        let (code, Some(year)) = (&codes[i], years[i]) else {
            continue;
        };
        // The year before, where it is the same ally's.
        let before = i
            .checked_sub(1)
            .filter(|&j| codes[j] == *code)
            .and_then(|j| spending_con[j]);
        out.entry(code.clone()).or_default().push(AllyYear {
            year,
            estimate: estimates[i].unwrap_or(false),
            share: shares[i],
            share_source: sources[i].as_deref().and_then(ShareSource::from_key),
            defence_usd_current_m: spending_cur[i],
            defence_usd_constant_m: spending_con[i],
            real_change: real_change(published[i], spending_con[i], before),
            real_change_published: published[i],
            real_change_computed: real_change(None, spending_con[i], before),
            real_change_rounding: rounding(spending_con[i], before),
            equipment_pct: equipment[i],
            gdp_usd_current_m: gdp[i],
            defence_per_capita_usd: per_capita[i],
            military_personnel_k: personnel[i],
        });
    }
    Ok(out)
}

/// The annual real change of spending, %: NATO's published figure where there
/// is one, else the change of constant-price spending on the year before.
pub(super) fn real_change(
    published: Option<f64>,
    now: Option<f64>,
    before: Option<f64>,
) -> Option<f64> {
    published.or_else(|| {
        let change = (now? / before? - 1.0) * 100.0;
        change.is_finite().then_some(change)
    })
}

/// The most that rounding `now` and `before` to whole millions moves their
/// change, points: (now + 0.5) / (before - 0.5) against now / before.
fn rounding(now: Option<f64>, before: Option<f64>) -> Option<f64> {
    let (now, before) = (now?, before?);
    (before > 0.5).then(|| 100.0 * ((now + 0.5) / (before - 0.5) - now / before))
}

/// Burden sharing in `year` among the allies that were members: each ally's
/// share of allied spending against its share of allied GDP (current USD), the
/// difference in points, and in money: spending less what it would spend at the
/// allied average share of GDP. Allied GDP includes allies without armed forces
/// (Iceland), as NATO's totals do. Sorted by the money difference, largest first.
/// `figures`: the year's rows; `allies`: the members that year (see
/// [`Calculator::burden`]).
pub(crate) fn burden_frame(figures: &DataFrame, allies: &DataFrame) -> PolarsResult<DataFrame> {
    let average = col("defence_usd_current_m").sum() / col("gdp_usd_current_m").sum();
    allies
        .clone()
        .lazy()
        .join(
            with_shares(canonical(figures)),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .with_columns([
            (col("defence_usd_current_m") / col("defence_usd_current_m").sum() * lit(100.0))
                .alias("spending_share"),
            (col("gdp_usd_current_m") / col("gdp_usd_current_m").sum() * lit(100.0))
                .alias("gdp_share"),
            (average.clone() * lit(100.0)).alias("allied_average_share"),
            (col("defence_usd_current_m") - average * col("gdp_usd_current_m"))
                .alias("difference_usd_current_m"),
        ])
        .with_columns([(col("spending_share") - col("gdp_share")).alias("difference_points")])
        .sort(
            ["difference_usd_current_m"],
            SortMultipleOptions::default()
                .with_order_descending(true)
                .with_nulls_last(true),
        )
        .collect()
}

/// Change in share of GDP between two years for every ally with both figures:
/// `code`, `name`, `share_from`, `share_to`, `change` (points), largest rise first.
pub(crate) fn movers_frame(
    expenditure: &DataFrame,
    allies: &DataFrame,
    from: i32,
    to: i32,
) -> PolarsResult<DataFrame> {
    let shares = with_shares(canonical(expenditure));
    let at = |year: i32, name: &str| {
        shares
            .clone()
            .filter(col("year").eq(lit(year)))
            .select([col("code"), col("share").alias(name)])
    };
    allies
        .clone()
        .lazy()
        .filter(
            col("accession_year")
                .lt_eq(lit(to))
                .and(col("has_armed_forces")),
        )
        .select([col("code"), col("name")])
        .join(
            at(from, "share_from"),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .join(
            at(to, "share_to"),
            [col("code")],
            [col("code")],
            JoinArgs::new(JoinType::Inner),
        )
        .with_columns([(col("share_to") - col("share_from")).alias("change")])
        .filter(col("change").is_not_null())
        .sort(
            ["change", "name"],
            SortMultipleOptions::default().with_order_descending_multi([true, false]),
        )
        .collect()
}
