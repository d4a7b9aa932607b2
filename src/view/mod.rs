//! Reports built from the calculator's results: one file per command's
//! output. A view turns typed results into a [`Report`] (titles, sentences,
//! tables, notes, citation); the exporters render it in any format.

pub mod ally;
pub mod backtest;
pub mod brief;
pub mod burden;
pub mod catalog;
pub mod compare;
pub mod crosscheck;
pub mod decompose;
pub mod definitions;
pub mod dispersion;
pub mod economy;
pub mod fiscal;
pub mod history;
pub mod outlook;
pub mod percapita;
pub mod personnel;
pub mod plans;
pub mod revisions;
pub mod rivals;
pub mod scenario;
pub mod shortfall;
pub mod validate;

use serde_json::{json, Map, Value as Json};

use crate::calc::GroupTotal;
use crate::data::{Catalog, Edition};
use crate::export::{column, Column, Value};

/// What a view is about: the catalog's names and groups, the edition and
/// the year, and whether the edition publishes constant-price GDP. Built by
/// the command from its context; a view is a function of this and of
/// results.
#[derive(Clone, Copy)]
pub struct Scope<'a> {
    pub catalog: &'a Catalog,
    pub edition: &'a crate::data::Edition,
    pub year: i32,
    pub constant_gdp: bool,
    pub prices: crate::calc::ppp::Prices,
}

/// Cites the publisher's file a dataset was imported from: `{key}_source`
/// (the manifest's or the import's record) and `{key}_sha256`, the
/// checksum of that file (null when the manifest records none).
pub fn cite_file(m: &mut Map<String, Json>, key: &str, source: &str) {
    m.insert(format!("{key}_source"), json!(source));
    m.insert(
        format!("{key}_sha256"),
        json!(crate::data::sources::recorded_sha256(source)),
    );
}

/// The metadata every report on a SIPRI release starts with.
pub fn sipri_metadata(r: &crate::data::editions::SipriRelease) -> Map<String, Json> {
    let mut m = Map::new();
    m.insert("source".into(), json!("SIPRI"));
    m.insert("release".into(), json!(r.id));
    cite_file(&mut m, "release", &r.source);
    m.insert("release_title".into(), json!(r.title));
    m.insert("published".into(), json!(r.published.to_string()));
    m
}

/// The metadata every report about an edition carries.
pub fn edition_metadata(edition: &Edition) -> Map<String, Json> {
    let mut m = Map::new();
    m.insert("edition".into(), json!(edition.id));
    cite_file(&mut m, "edition", &edition.source);
    m.insert("edition_title".into(), json!(edition.title));
    m.insert("publisher".into(), json!(edition.publisher));
    m.insert("published".into(), json!(edition.published.to_string()));
    m.insert("basis".into(), json!(edition.basis.label()));
    m.insert("provenance".into(), json!(edition.provenance.label()));
    m.insert(
        "years".into(),
        json!([edition.first_year, edition.last_year]),
    );
    m.insert("estimate_years".into(), json!(edition.estimate_years));
    m.insert("price_base_year".into(), json!(edition.price_base_year));
    m.insert(
        "price_basis".into(),
        json!({
            "current": "current USD: each year's prices and exchange rates",
            "constant": format!("{}: {} prices and exchange rates", edition.constant_basis(), edition.price_base_year),
        }),
    );
    m.insert(
        "share_of_gdp".into(),
        json!(edition.share_of_gdp_definition),
    );
    m
}

/// [`edition_metadata`] for one year: adds the year and whether it is an estimate.
pub fn year_metadata(edition: &Edition, year: i32) -> Map<String, Json> {
    let mut m = edition_metadata(edition);
    m.insert("year".into(), json!(year));
    m.insert("estimate".into(), json!(edition.is_estimate(year)));
    m
}

/// A row of the tidy CSV of gap results (`shortfall`, `compare`): an ally
/// against a target, or a group's total in a year.
pub enum GapRow<'a> {
    Ally(&'a crate::calc::Standing),
    Group(i32, GroupTotal),
}

impl GapRow<'_> {
    fn pick<V>(
        &self,
        ally: impl Fn(&crate::calc::Standing) -> V,
        group: impl Fn(&GroupTotal) -> V,
    ) -> V {
        match self {
            GapRow::Ally(s) => ally(s),
            GapRow::Group(_, g) => group(g),
        }
    }

    fn year(&self) -> i32 {
        match self {
            GapRow::Ally(s) => s.year,
            GapRow::Group(year, _) => *year,
        }
    }
}

/// What a gap in national currency is, and where group totals stay.
pub fn national_note() -> String {
    "Money in each ally's own currency: its gap times its national currency per USD in NATO's Table 1 over Table 2 (current and constant prices); group totals, which would add currencies, are in USD.".into()
}

/// An ally's currency (its code in allies.csv), for money in national currency.
pub fn currency_column(catalog: &Catalog) -> Column<'_, crate::calc::Standing> {
    column("currency", "Currency", move |s: &crate::calc::Standing| {
        Value::opt_text(
            catalog
                .allies
                .iter()
                .find(|a| a.nato_code == s.code)
                .map(|a| a.currency.clone()),
        )
    })
}

/// The columns of the tidy CSV of gap results: one row per ally or group and target.
pub fn gap_columns(
    edition: &Edition,
    prices: crate::calc::ppp::Prices,
) -> Vec<Column<'_, GapRow<'_>>> {
    let based = |k: &str| crate::export::based(&prices.key(k), edition.price_base_year);
    // Groups would add currencies: no money for them in national currency.
    let national = prices == crate::calc::ppp::Prices::National;
    let group_money = move |m: f64| (!national).then_some(m);
    vec![
        column("kind", "Kind", |r: &GapRow| {
            Value::text(r.pick(|_| "ally", |_| "group"))
        }),
        column("code", "Code", |r: &GapRow| {
            Value::text(r.pick(|s| s.code.clone(), |g| g.key.clone()))
        }),
        column("name", "Name", |r: &GapRow| {
            Value::text(r.pick(|s| s.name.clone(), |g| g.label.clone()))
        }),
        column("edition", "Edition", |_: &GapRow| Value::text(&edition.id)),
        column("year", "Year", |r: &GapRow| Value::Int(r.year().into())),
        column("estimate", "Estimate", |r: &GapRow| {
            Value::Bool(edition.is_estimate(r.year()))
        }),
        column("target_pct", "Target (% of GDP)", |r: &GapRow| {
            Value::Number(r.pick(|s| s.gap.target, |g| g.target), 2)
        }),
        column("status", "Status", |r: &GapRow| {
            r.pick(|s| Value::text(s.status.key()), |_| Value::Missing)
        }),
        column("share_of_gdp", "Share of GDP (%)", |r: &GapRow| {
            Value::share(r.pick(|s| s.share, |g| g.share))
        }),
        column("share_source", "Share source", |r: &GapRow| {
            Value::opt_text(r.pick(
                |s| s.share_source.map(|x| x.key()),
                |_| Some(crate::calc::ShareSource::ConstantRatio.key()),
            ))
        }),
        column("gap_points", "Gap (points)", |r: &GapRow| {
            Value::share(r.pick(|s| s.gap.points, GroupTotal::increment_points))
        }),
        column(
            prices.key("gap_usd_current_bn"),
            format!("Gap ({} bn, current)", prices.unit()),
            move |r: &GapRow| {
                Value::usd_bn(
                    r.pick(
                        |s| s.gap.usd_current_m,
                        |g| group_money(g.gap_usd_current_m),
                    ),
                    2,
                )
            },
        ),
        column(
            based("gap_usd_constant_bn"),
            format!("Gap ({} bn, constant)", prices.unit()),
            move |r: &GapRow| {
                Value::usd_bn(
                    r.pick(
                        |s| s.gap.usd_constant_m,
                        |g| group_money(g.gap_usd_constant_m),
                    ),
                    2,
                )
            },
        ),
        column("allies_below", "Allies below", |r: &GapRow| {
            r.pick(|_| Value::Missing, |g| Value::Int(g.below.into()))
        }),
    ]
}

/// "2023-2024 are estimates" style note, for outputs spanning several years.
pub fn estimates_note(edition: &Edition) -> String {
    match edition.estimate_years.as_slice() {
        [] => "No year of this edition is an estimate.".into(),
        [y] => format!("{y} figures are estimates (marked e)."),
        years => format!(
            "{} figures are estimates (marked e).",
            years
                .iter()
                .map(|y| y.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}
