//! `defspend validate`: report every violation in a dataset directory, with
//! edition, ally, year, measure, expected and found; exit 1 when there are any.

use crate::cli::ValidateArgs;
use crate::data::{sipri, validate, Catalog};
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &ValidateArgs) -> Result<()> {
    let editions = match &args.edition {
        Some(id) => vec![catalog.edition(Some(id))?.clone()],
        None => catalog.editions.to_vec(),
    };
    let (mut violations, mut information, mut checks, mut summary) =
        (Vec::new(), Vec::new(), 0, Vec::new());
    for edition in &editions {
        let outcome = validate::validate(
            &|r| catalog.read(r),
            &catalog.allies,
            &catalog.groups,
            edition,
        );
        summary.push(format!(
            "{}: {} checks, {} violation(s), {} note(s).",
            edition.id,
            outcome.checks,
            outcome.violations.len(),
            outcome.information.len()
        ));
        checks += outcome.checks;
        violations.extend(outcome.violations);
        information.extend(outcome.information);
    }
    // Every other dataset defspend can load: each outlook, each plans
    // vintage, the outlook model's parameters and pledges, the EU's
    // instruments, the map, each SIPRI release installed.
    if args.edition.is_none() {
        let (read, problems) = other_datasets(catalog);
        summary.push(format!(
            "Other datasets: {read} read and checked, {} violation(s).",
            problems.len()
        ));
        checks += read;
        violations.extend(problems);
    }
    let scope = format!(
        "{} ({})",
        catalog.source.describe(),
        editions
            .iter()
            .map(|e| e.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let report = view::validate::report(
        &catalog.source.describe(),
        &scope,
        &editions,
        summary,
        checks,
        &violations,
        &information,
    );
    args.output.emit(&report)?;
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid {
            count: violations.len(),
            scope,
        })
    }
}

/// Loads every outlook, plans vintage, the model's parameters and each
/// installed SIPRI release; what fails to load is a violation. Returns how
/// many were read.
fn other_datasets(catalog: &Catalog) -> (usize, Vec<validate::Finding>) {
    let mut read = 0;
    let mut problems = Vec::new();
    let mut check = |dataset: &str, measure: &str, result: Result<()>| {
        read += 1;
        if let Err(e) = result {
            let (place, problem) = match e {
                Error::Data { place, problem } => (place, problem),
                other => (String::new(), other.to_string()),
            };
            problems.push(validate::Finding {
                edition: dataset.to_string(),
                place,
                code: String::new(),
                year: None,
                measure: measure.to_string(),
                expected: "a dataset that loads".into(),
                found: String::new(),
                problem,
            });
        }
    };
    let manifest = catalog.outlooks().ok();
    let latest_id = manifest.as_ref().map(|m| m.latest().id.clone());
    let mut loaded = Vec::new();
    for o in manifest.iter().flat_map(|m| m.iter()) {
        match catalog.load_outlook(Some(&o.id)) {
            Ok(outlook) => {
                check(&o.id, "outlook", Ok(()));
                loaded.push(outlook);
            }
            Err(e) => check(&o.id, "outlook", Err(e)),
        }
    }
    // The plans convert money with the latest outlook, as every command does
    // (when it loads).
    if let Some(latest) = loaded
        .iter()
        .find(|o| Some(&o.info.id) == latest_id.as_ref())
    {
        for p in catalog
            .plans_manifest()
            .map(|m| m.to_vec())
            .unwrap_or_default()
        {
            check(
                &p.id,
                "plans",
                catalog.load_plans(Some(&p.id), latest).map(|_| ()),
            );
        }
    }
    for (dataset, what, result) in file_sets(catalog) {
        check(dataset, what, result);
    }
    for r in catalog.sipri_releases() {
        let probe = format!("{}/{}", r.id, sipri::Measure::ShareOfGdp.file_name());
        if catalog.source.read_installed(&probe, "").is_ok() {
            check(
                &r.id,
                "SIPRI release",
                catalog
                    .load_sipri(Some(&r.id), &sipri::Measure::ALL)
                    .map(|_| ()),
            );
        }
    }
    (read, problems)
}

/// The families of a fixed set of files, each loaded: the model's
/// parameters and pledges, the EU's instruments, the map, the scenarios.
fn file_sets(catalog: &Catalog) -> Vec<(&'static str, &'static str, Result<()>)> {
    let scenarios = crate::scenario::SHIPPED
        .iter()
        .try_for_each(|(name, text)| {
            crate::scenario::parse(&format!("scenarios/{name}.toml"), text, catalog).map(|_| ())
        });
    vec![
        (
            "models/outlook.toml",
            "model parameters",
            crate::forecast::calibrate::load(catalog).map(|_| ()),
        ),
        (
            "models/pledges.toml",
            "pledges",
            crate::data::pledges::load(catalog).map(|_| ()),
        ),
        ("eu", "EU instruments", catalog.eu_instruments().map(|_| ())),
        ("maps", "map boundaries", catalog.boundaries().map(|_| ())),
        ("scenarios", "shipped scenarios", scenarios),
    ]
}
