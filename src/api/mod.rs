//! defspend as a library: one typed request per question, answered with a
//! [`Report`]. The command line (`cmd/`), the Python module and any other
//! front build a request and call the same function; no argument vector in
//! between.
//!
//! A request holds what was asked, as values and ids (an edition, an
//! outlook, a scenario by shipped name or path); answering it resolves the
//! ids against the [`Catalog`] once, checks the values, runs the calculator
//! and builds the report. Every request deserializes from named fields with
//! its defaults filled in and unknown fields refused, so that a front that
//! receives parameters by name (Python's keywords, a form) hands them over
//! as they came. An error names the parameter at fault as a [`Param`], which
//! each front spells its own way.

mod changes;
mod chart;
mod forecast;
mod measures;
mod series;
mod tables;

use serde::Deserialize;

pub use changes::Changes;
pub use chart::{chart, ChartRequest};
pub use forecast::{
    fiscal, outlook, plans, plans_changes, plans_record, scenario, scenario_list, FiscalRequest,
    OutlookRequest, PlansChangesRequest, PlansRecordRequest, PlansRequest, ScenarioListRequest,
    ScenarioRequest, POSTED_SCENARIO,
};
pub use measures::{definitions, DefinitionsRequest};
pub use series::{economy, history, revisions, EconomyRequest, HistoryRequest, RevisionsRequest};
pub use tables::{
    allies, ally, burden, compare, crosscheck, decompose, dispersion, editions, personnel,
    shortfall, AlliesRequest, AllyRequest, BurdenRequest, CompareRequest, CrosscheckRequest,
    DecomposeRequest, DispersionRequest, EditionsRequest, PersonnelRequest, ShortfallRequest,
    Source,
};

use crate::data::{Catalog, Group};
use crate::error::Error;
use crate::export::Report;
use crate::param::Param;
use crate::Result;

/// Why a call failed, with its one-line message, its parameters spelled by
/// the front that asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Bad arguments or an unknown name: exit code 2 on the command line.
    Usage(String),
    /// A dataset, a scenario file or an input that cannot be used.
    Data(String),
    /// Anything else (a file that cannot be written, …).
    Other(String),
}

impl Failure {
    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Data(m) | Failure::Other(m) => m,
        }
    }

    /// The failure of `e`, its parameters spelled by `name`.
    pub fn from_error(e: &Error, name: impl Fn(Param) -> String) -> Self {
        Failure::said(e, crate::param::spell(&e.line(), name).into_owned())
    }

    /// The failure of `e`, said as `line` (`e`'s line as a front spelled it).
    pub fn said(e: &Error, line: String) -> Self {
        if e.is_usage() {
            Failure::Usage(line)
        } else if matches!(
            e,
            Error::Data { .. } | Error::Workbook { .. } | Error::Read { .. }
        ) {
            Failure::Data(line)
        } else {
            Failure::Other(line)
        }
    }
}

/// Runs `f`; a panic in it is a bug, but reaches the caller as a failure
/// like any other (in Python a `defspend.Error`), never as an unwinding
/// thread.
pub fn guarded<T>(f: impl FnOnce() -> T) -> std::result::Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let mut what = crate::error::panic_message(payload.as_ref());
        if what.is_empty() {
            what = "no message".into();
        }
        Failure::Other(format!(
            "internal error ({}): {what}; please report it with the command that caused it",
            env!("CARGO_PKG_VERSION")
        ))
    })
}

/// The commands a front may call by name with named parameters ([`call`]).
pub const COMMANDS: &[&str] = &[
    "allies",
    "ally",
    "burden",
    "compare",
    "crosscheck",
    "decompose",
    "definitions",
    "dispersion",
    "economy",
    "editions",
    "fiscal",
    "history",
    "outlook",
    "personnel",
    "plans",
    "plans-changes",
    "plans-record",
    "revisions",
    "scenario",
    "scenario-list",
    "shortfall",
];

/// Answers `command` with the parameters `params` (an object of named
/// fields; missing ones take their defaults, unknown ones are refused) on
/// the embedded data.
pub fn call(command: &str, params: &serde_json::Value) -> Result<Report> {
    let catalog = Catalog::load(crate::data::DataSource::Embedded)?;
    call_on(&catalog, command, params)
}

/// [`call`] on a catalog already loaded.
pub fn call_on(catalog: &Catalog, command: &str, params: &serde_json::Value) -> Result<Report> {
    match command {
        "allies" => allies(catalog, &request(params)?),
        "ally" => ally(catalog, &request(params)?),
        "burden" => burden(catalog, &request(params)?),
        "compare" => compare(catalog, &request(params)?),
        "crosscheck" => crosscheck(catalog, &request(params)?),
        "decompose" => decompose(catalog, &request(params)?),
        "definitions" => definitions(catalog, &request(params)?),
        "dispersion" => dispersion(catalog, &request(params)?),
        "economy" => economy(catalog, &request(params)?),
        "editions" => editions(catalog, &request(params)?),
        "history" => history(catalog, &request(params)?),
        "fiscal" => fiscal(catalog, &request(params)?),
        "outlook" => outlook(catalog, &request(params)?),
        "personnel" => personnel(catalog, &request(params)?),
        "plans" => plans(catalog, &request(params)?),
        "plans-changes" => plans_changes(catalog, &request(params)?),
        "plans-record" => plans_record(catalog, &request(params)?),
        "revisions" => revisions(catalog, &request(params)?),
        "scenario" => scenario(catalog, &request(params)?),
        "scenario-list" => scenario_list(catalog, &request(params)?),
        "shortfall" => shortfall(catalog, &request(params)?),
        other => Err(Error::usage(
            Param::Name,
            format!(
                "unknown command '{other}'; available: {}",
                COMMANDS.join(", ")
            ),
        )),
    }
}

/// A request from named parameters: an error names the field at fault
/// (a chart's request is built so by the Python module).
pub fn request<R: for<'de> Deserialize<'de>>(params: &serde_json::Value) -> Result<R> {
    serde_path_to_error::deserialize(params).map_err(|e| {
        // A nested field (a chart's `options.draws`) is named by its own name.
        let path = e.path().to_string();
        let field = path.rsplit('.').next().unwrap_or(&path).replace('_', "-");
        let problem = e.inner().to_string();
        match Param::ALL.iter().copied().find(|p| p.id() == field) {
            Some(p) if !problem.starts_with("unknown field") => Error::usage(p, problem),
            _ => Error::usage(Param::Name, problem),
        }
    })
}

/// What a view of a context's results is about.
pub(crate) fn scope<'a>(ctx: &'a crate::context::Context) -> crate::view::Scope<'a> {
    crate::view::Scope {
        catalog: ctx.catalog,
        edition: &ctx.data.edition,
        year: ctx.year,
        constant_gdp: ctx.calc.has_constant_gdp(),
        prices: ctx.prices,
    }
}

/// The groups named, in that order, or the standard groups.
fn groups<'c>(catalog: &'c Catalog, names: &[String]) -> Result<Vec<&'c Group>> {
    if names.is_empty() {
        Ok(catalog.standard_groups())
    } else {
        catalog.groups_named(names)
    }
}

/// A target share of GDP: above 0 and below 100 (as the command line's
/// parser has it).
fn check_target(param: Param, t: f64) -> Result<f64> {
    if !t.is_finite() || t <= 0.0 || t >= 100.0 {
        return Err(Error::usage(
            param,
            format!("{t} is not a share of GDP: it must be above 0 and below 100"),
        ));
    }
    Ok(t)
}

/// Either error of a request or a value, said to come from `param`.
fn asked_by(param: Param) -> impl Fn(Error) -> Error {
    move |e| match e {
        e @ (Error::Usage { .. } | Error::Request { .. }) => e.from_param(param),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn catalog() -> Catalog {
        Catalog::load(crate::data::DataSource::Embedded).unwrap()
    }

    /// Named parameters reach the same figures as the typed request, and
    /// a missing one takes the request's default.
    #[test]
    fn named_parameters_are_the_typed_request() {
        let c = catalog();
        let typed = shortfall(
            &c,
            &ShortfallRequest {
                edition: Some("nato-2024".into()),
                year: Some(2024),
                ..Default::default()
            },
        )
        .unwrap();
        let named = call_on(
            &c,
            "shortfall",
            &json!({"edition": "nato-2024", "year": 2024}),
        )
        .unwrap();
        assert_eq!(typed.tidy.rows(), named.tidy.rows());
        assert_eq!(typed.title, named.title);
    }

    /// An unknown field, a wrong type and a bad value each name the
    /// parameter; an unknown command lists those that exist.
    #[test]
    fn bad_parameters_are_usage_errors_that_name_them() {
        let c = catalog();
        let e = call_on(&c, "shortfall", &json!({"yeer": 2024})).unwrap_err();
        assert!(e.is_usage() && e.to_string().contains("yeer"), "{e}");
        let e = call_on(&c, "shortfall", &json!({"year": "x"})).unwrap_err();
        let line = crate::param::spell(&e.line(), |p| p.id().to_string()).into_owned();
        assert!(line.starts_with("year: "), "{line}");
        let e = call_on(&c, "shortfall", &json!({"target": -1.0})).unwrap_err();
        let line = crate::param::spell(&e.line(), |p| p.id().to_string()).into_owned();
        assert!(line.starts_with("target: "), "{line}");
        let e = call_on(&c, "nothing", &json!({})).unwrap_err();
        assert!(e.to_string().contains("shortfall"), "{e}");
    }

    /// `compare --per-capita`: a group's population is its counted members'
    /// sum and its gap per person its gap over that; the United States group
    /// is the United States (the rows were once matched by name, which gave
    /// the group row the ally's figures and every other group none).
    #[test]
    fn a_groups_gap_per_person_is_its_own() {
        use crate::export::Value;
        let c = catalog();
        let request = CompareRequest {
            targets: vec![3.5],
            per_capita: true,
            ..Default::default()
        };
        let report = compare(&c, &request).unwrap();
        let t = &report.tidy;
        let col = |k: &str| t.index(k).unwrap();
        let (kind, code, pop, gap, gap_pp) = (
            col("kind"),
            col("code"),
            col("population_m"),
            col("gap_usd_current_bn"),
            col("gap_per_person_usd"),
        );
        let num = |v: &Value| match v {
            Value::Number(x, _) => Some(*x),
            _ => None,
        };
        let row = |k: &str, c: &str| {
            t.rows()
                .iter()
                .find(|r| r[kind] == Value::text(k) && r[code] == Value::text(c))
                .unwrap()
        };
        let europe = c.required_group(crate::data::groups::EUROPE_CANADA);
        let members: f64 = t
            .rows()
            .iter()
            .filter(|r| r[kind] == Value::text("ally"))
            .filter(|r| matches!(&r[code], Value::Text(x) if europe.contains(x)))
            .filter_map(|r| num(&r[pop]))
            .sum();
        let group = row("group", crate::data::groups::EUROPE_CANADA);
        let group_pop = num(&group[pop]).unwrap();
        assert!(
            (group_pop - members).abs() < 1e-6,
            "{group_pop} vs {members}"
        );
        let per_person = num(&group[gap]).unwrap() * 1e3 / group_pop;
        assert!((num(&group[gap_pp]).unwrap() - per_person).abs() < 1e-6);
        let (us_group, us) = (
            row("group", crate::data::groups::UNITED_STATES),
            row("ally", "US"),
        );
        assert_eq!(us_group[pop], us[pop]);
        assert_eq!(us_group[gap_pp], us[gap_pp]);
    }
}
