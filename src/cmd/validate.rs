//! `defspend validate`: report every violation in a dataset directory, with
//! edition, ally, year, measure, expected and found; exit 1 when there are any.

use crate::cli::ValidateArgs;
use crate::data::{validate, Catalog};
use crate::error::{Error, Result};
use crate::view;

pub fn run(catalog: &Catalog, args: &ValidateArgs) -> Result<()> {
    let editions = match &args.edition {
        Some(id) => vec![catalog.edition(Some(id))?.clone()],
        None => catalog.editions.clone(),
    };
    let (mut violations, mut information, mut checks, mut summary) =
        (Vec::new(), Vec::new(), 0, Vec::new());
    for edition in &editions {
        let outcome =
            validate::validate(&catalog.source, &catalog.allies, &catalog.groups, edition);
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
