//! The checks on the rows read: codes and years, the rows required, shares, jumps, the price base year and the aggregates.

use std::collections::{BTreeMap, HashMap};

use super::{
    fmt, Checker, LenientRow, ABSENT_SHARE, JUMP_POINTS, JUMP_RATIO, NOMINAL_GAP_POINTS,
    NOMINAL_GAP_SHARE, SHARE_TOLERANCE,
};
use crate::data::allies::Ally;
use crate::data::expenditure::{TableKind, AGGREGATES};
use crate::data::groups::Group;

impl Checker<'_> {
    /// A row's place: the edition's file and the line.
    fn place(&self, kind: TableKind, line: usize) -> String {
        format!("{}/{}:{line}", self.edition.id, kind.file_name())
    }

    /// Codes, duplicates, years, estimate flags.
    pub(super) fn codes_and_years(
        &mut self,
        allies: &[Ally],
        ally_rows: &[LenientRow],
        aggregate_rows: &[LenientRow],
    ) {
        let edition = self.edition;
        let mut by_code: BTreeMap<String, Vec<i32>> = BTreeMap::new();
        let mut seen: HashMap<(String, i32), usize> = HashMap::new();
        for (kind, rows) in [
            (TableKind::Allies, ally_rows),
            (TableKind::Aggregates, aggregate_rows),
        ] {
            for r in rows {
                let place = self.place(kind, r.line);
                self.check();
                let known = match kind {
                    TableKind::Allies => allies.iter().any(|a| a.nato_code == r.code),
                    TableKind::Aggregates => AGGREGATES.iter().any(|(a, _)| *a == r.code),
                };
                if !known {
                    self.violation(
                        (&place, &r.code, r.year),
                        kind.key_column(),
                        "a code in allies.csv".into(),
                        r.code.clone(),
                        "unknown code",
                    );
                }
                let Some(year) = r.year else { continue };
                self.check();
                if !edition.years().contains(&year) {
                    self.violation(
                        (&place, &r.code, Some(year)),
                        "year",
                        format!("{}-{}", edition.first_year, edition.last_year),
                        year.to_string(),
                        "year outside the edition",
                    );
                }
                self.check();
                if let Some(first) = seen.insert((r.code.clone(), year), r.line) {
                    self.violation(
                        (&place, &r.code, Some(year)),
                        "",
                        "one row per code and year".into(),
                        format!("also at line {first}"),
                        "duplicate row",
                    );
                }
                self.check();
                if let Some(est) = r.estimate {
                    if est != edition.is_estimate(year) {
                        self.violation(
                            (&place, &r.code, Some(year)),
                            "estimate",
                            edition.is_estimate(year).to_string(),
                            est.to_string(),
                            "estimate flag disagrees with the manifest's estimate years",
                        );
                    }
                }
                if kind == TableKind::Allies {
                    by_code.entry(r.code.clone()).or_default().push(year);
                }
            }
        }
        self.required_rows(allies, ally_rows, aggregate_rows);
        for (code, mut years) in by_code {
            years.sort_unstable();
            years.dedup();
            self.check();
            for w in years.windows(2) {
                if w[1] != w[0] + 1 {
                    self.violation(
                        (
                            &format!("{}/expenditure.csv", edition.id),
                            &code,
                            Some(w[0] + 1),
                        ),
                        "year",
                        format!("{}-{} contiguous", years[0], years[years.len() - 1]),
                        format!("no row for {}-{}", w[0] + 1, w[1] - 1),
                        "years not contiguous",
                    );
                }
            }
        }
    }

    /// Every ally with armed forces has a row with a published share for
    /// each year of the edition it was a member in, and NATO's aggregates a
    /// row for every year: a missing ally would otherwise drop silently out
    /// of every count and total ("17 of 30 allies").
    fn required_rows(
        &mut self,
        allies: &[Ally],
        ally_rows: &[LenientRow],
        aggregate_rows: &[LenientRow],
    ) {
        let edition = self.edition;
        let file = format!("{}/{}", edition.id, TableKind::Allies.file_name());
        for ally in allies.iter().filter(|a| a.has_armed_forces) {
            for year in edition.years().filter(|y| ally.is_member_in(*y)) {
                self.check();
                let row = ally_rows
                    .iter()
                    .find(|r| r.code == ally.nato_code && r.year == Some(year));
                match row {
                    None => self.violation(
                        (&file, &ally.nato_code, Some(year)),
                        "",
                        format!(
                            "a row for {} ({}), a member in {year}",
                            ally.name, ally.nato_code
                        ),
                        "no row".into(),
                        "an ally's year is missing",
                    ),
                    Some(r) if !r.values.contains_key("share_of_gdp") => {
                        let place = self.place(TableKind::Allies, r.line);
                        self.violation(
                            (&place, &ally.nato_code, Some(year)),
                            "share_of_gdp",
                            format!("the share of GDP {} published", ally.name),
                            "an empty cell".into(),
                            "an ally's share is missing",
                        );
                    }
                    Some(_) => {}
                }
            }
        }
        let file = format!("{}/{}", edition.id, TableKind::Aggregates.file_name());
        for (code, name) in AGGREGATES {
            for year in edition.years() {
                self.check();
                if !aggregate_rows
                    .iter()
                    .any(|r| r.code == *code && r.year == Some(year))
                {
                    self.violation(
                        (&file, code, Some(year)),
                        "",
                        format!("a row for {name}"),
                        "no row".into(),
                        "an aggregate's year is missing",
                    );
                }
            }
        }
    }

    /// Shares against constant (or, failing that, current) ratios.
    pub(super) fn shares(&mut self, ally_rows: &[LenientRow]) {
        for r in ally_rows {
            let (Some(year), Some(share)) = (r.year, r.values.get("share_of_gdp")) else {
                continue;
            };
            let place = self.place(TableKind::Allies, r.line);
            let constant = match (
                r.values.get("defence_usd_constant_m"),
                r.values.get("gdp_usd_constant_m"),
            ) {
                (Some(d), Some(g)) if *g > 0.0 && *d > 0.0 => {
                    Some((d / g * 100.0, rounding(*d, *g, d / g * 100.0)))
                }
                _ => None,
            };
            let nominal = match (
                r.values.get("defence_usd_current_m"),
                r.values.get("gdp_usd_current_m"),
            ) {
                (Some(d), Some(g)) if *g > 0.0 => Some(d / g * 100.0),
                _ => None,
            };
            self.check();
            if let Some((ratio, components)) = constant {
                if (ratio - share).abs() <= SHARE_TOLERANCE + components {
                    continue;
                }
                if *share == 2.0 && (1.98..2.0).contains(&ratio) {
                    // NATO's tables footnote allies that met 2% on other GDP figures and publish 2.00.
                    self.info((&place, &r.code, Some(year)), "share_of_gdp", fmt(ratio), fmt(*share), "NATO publishes 2.00 where constant spending / constant GDP is just below (footnoted in NATO's tables)");
                } else {
                    self.violation(
                        (&place, &r.code, Some(year)),
                        "share_of_gdp",
                        format!("{} (constant spending / constant GDP)", fmt(ratio)),
                        fmt(*share),
                        "published share differs from the constant-price ratio beyond rounding",
                    );
                }
            } else if let Some(ratio) = nominal {
                let gap = (ratio - share).abs();
                if gap > NOMINAL_GAP_POINTS && gap > NOMINAL_GAP_SHARE * ratio {
                    // Price bases and NATO's own GDP figures move the published
                    // share from the nominal ratio by a few tenths at most; a
                    // misplaced decimal point or a swapped row moves it by far more.
                    self.violation(
                        (&place, &r.code, Some(year)),
                        "share_of_gdp",
                        format!("{} (current spending / current GDP)", fmt(ratio)),
                        fmt(*share),
                        &format!(
                            "published share differs from the nominal ratio by {} points ({:.0}% of it): more than price bases explain (at most {NOMINAL_GAP_POINTS} points and {:.0}%)",
                            fmt(gap),
                            gap / ratio * 100.0,
                            NOMINAL_GAP_SHARE * 100.0
                        ),
                    );
                } else if gap > SHARE_TOLERANCE {
                    self.info((&place, &r.code, Some(year)), "share_of_gdp", fmt(ratio), fmt(*share), "nominal ratio (current spending / current GDP) differs from the published share; the published share is authoritative");
                }
            }
        }
    }

    /// A share that jumps from one year to the next by more than half and by
    /// more than half a point is worth a look at the source (Bulgaria's 2019
    /// aircraft purchase is one that is real): a warning, not an error.
    pub(super) fn jumps(&mut self, ally_rows: &[LenientRow]) {
        let mut by_ally: HashMap<&str, Vec<(i32, f64, usize)>> = HashMap::new();
        for r in ally_rows {
            if let (Some(year), Some(share)) = (r.year, r.values.get("share_of_gdp")) {
                by_ally
                    .entry(r.code.as_str())
                    .or_default()
                    .push((year, *share, r.line));
            }
        }
        let mut codes: Vec<&&str> = by_ally.keys().collect();
        codes.sort();
        for code in codes {
            let mut series = by_ally[*code].clone();
            series.sort_by_key(|p| p.0);
            for w in series.windows(2) {
                let ((y0, s0, _), (y1, s1, line)) = (w[0], w[1]);
                if y1 != y0 + 1 || s0 <= 0.0 {
                    continue;
                }
                self.check();
                let ratio = s1 / s0;
                if (s1 - s0).abs() > JUMP_POINTS
                    && !(1.0 / JUMP_RATIO..=JUMP_RATIO).contains(&ratio)
                {
                    self.info(
                        (&self.place(TableKind::Allies, line), code, Some(y1)),
                        "share_of_gdp",
                        format!("{} in {y0}", fmt(s0)),
                        fmt(s1),
                        &format!(
                            "the share moved {:+.0}% in a year (more than half, and more than {JUMP_POINTS} points): check it against the source",
                            (ratio - 1.0) * 100.0
                        ),
                    );
                }
            }
        }
    }

    /// Current and constant values coincide in the price base year.
    pub(super) fn price_base(&mut self, ally_rows: &[LenientRow]) {
        let edition = self.edition;
        for r in ally_rows {
            if r.year != Some(edition.price_base_year) {
                continue;
            }
            for (current, constant) in [
                ("defence_usd_current_m", "defence_usd_constant_m"),
                ("gdp_usd_current_m", "gdp_usd_constant_m"),
                ("defence_ncu_current_m", "defence_ncu_constant_m"),
            ] {
                if let (Some(a), Some(b)) = (r.values.get(current), r.values.get(constant)) {
                    self.check();
                    if (a - b).abs() > 0.5 + 1e-9 * a.abs() {
                        self.violation(
                            (&self.place(TableKind::Allies, r.line), &r.code, r.year),
                            constant,
                            fmt(*a),
                            fmt(*b),
                            "current and constant values differ in the price base year",
                        );
                    }
                }
            }
        }
    }

    /// Aggregate rows against the sum of the allies that were members that year.
    pub(super) fn aggregates(
        &mut self,
        allies: &[Ally],
        groups: &[Group],
        ally_rows: &[LenientRow],
        aggregate_rows: &[LenientRow],
    ) {
        for r in aggregate_rows {
            let Some(year) = r.year else { continue };
            let Some(group) = groups
                .iter()
                .find(|g| g.nato_aggregate.as_deref() == Some(r.code.as_str()))
            else {
                continue;
            };
            let members: Vec<&Ally> = allies
                .iter()
                .filter(|a| a.is_member_in(year) && group.contains(&a.nato_code))
                .collect();
            for measure in [
                "defence_usd_current_m",
                "defence_usd_constant_m",
                "gdp_usd_current_m",
                "gdp_usd_constant_m",
            ] {
                let Some(published) = r.values.get(measure) else {
                    continue;
                };
                let parts: Vec<f64> = ally_rows
                    .iter()
                    .filter(|a| {
                        a.year == Some(year) && members.iter().any(|m| m.nato_code == a.code)
                    })
                    .filter_map(|a| a.values.get(measure).copied())
                    .collect();
                if parts.is_empty() {
                    continue;
                }
                let sum: f64 = parts.iter().sum();
                // Whole numbers were rounded one by one: their sum can be off by half a unit each.
                let rounded = parts.iter().all(|v| v.fract() == 0.0) && published.fract() == 0.0;
                let tolerance = if rounded {
                    0.5 * (parts.len() as f64 + 1.0)
                } else {
                    0.5
                };
                // Members with no row in this dataset (Iceland in the 2026 transcription) are in
                // NATO's aggregate but not in the sum: the difference is information, not an error.
                let absent: Vec<&str> = members
                    .iter()
                    .filter(|m| {
                        !ally_rows
                            .iter()
                            .any(|a| a.year == Some(year) && a.code == m.nato_code)
                    })
                    .map(|m| m.name.as_str())
                    .collect();
                self.check();
                if (sum - published).abs() > tolerance {
                    let expected = format!("{} (sum of {} members)", fmt(sum), parts.len());
                    let place = self.place(TableKind::Aggregates, r.line);
                    let gap = published - sum;
                    if absent.is_empty() {
                        self.violation(
                            (&place, &r.code, Some(year)),
                            measure,
                            expected,
                            fmt(*published),
                            "aggregate differs from the sum of the allies that were members",
                        );
                    } else if gap < 0.0 || gap > ABSENT_SHARE * published.abs() {
                        // Absent allies add to NATO's aggregate, and little: Iceland
                        // is some 0.15% of Europe and Canada's GDP.
                        self.violation(
                            (&place, &r.code, Some(year)),
                            measure,
                            expected,
                            fmt(*published),
                            &format!(
                                "aggregate differs from the sum of the members by {} ({:.1}%): more than the allies absent from this dataset ({}) can add (at most {:.0}%)",
                                fmt(gap),
                                gap / published * 100.0,
                                absent.join(", "),
                                ABSENT_SHARE * 100.0
                            ),
                        );
                    } else {
                        let problem = format!(
                            "aggregate includes allies absent from this dataset ({}): difference {}",
                            absent.join(", "),
                            fmt(published - sum)
                        );
                        self.info(
                            (&place, &r.code, Some(year)),
                            measure,
                            expected,
                            fmt(*published),
                            &problem,
                        );
                    }
                }
            }
        }
    }
}

/// How far a ratio of two published figures may be from the ratio of the
/// unrounded ones, in points: where both are whole millions (a transcription
/// of NATO's tables as printed), each is off by up to half a million
/// (Albania's 197 million of spending against 14,705 million of GDP moves the
/// share by up to 0.004 points); figures given with their decimals (NATO's
/// workbook) add nothing.
fn rounding(spending: f64, gdp: f64, ratio: f64) -> f64 {
    let whole = |v: f64| v.fract() == 0.0;
    if whole(spending) && whole(gdp) {
        ratio * (0.5 / spending + 0.5 / gdp)
    } else {
        0.0
    }
}
