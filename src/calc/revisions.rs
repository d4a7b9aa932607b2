//! What changed between two NATO editions: every ally-year present in both,
//! the two values and the difference, and the cause where it is known — a
//! change of definition (total → core expenditure), of price base (constant
//! prices of another year), or of the data itself; an estimate that became an
//! outturn is said too.

use super::longrun::{nato_value, Measure};
use super::Calculator;
use crate::data::{Ally, Edition};
use crate::error::Result;

/// Why the two editions' values differ, as far as the editions say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Causes {
    /// "total → core": not a revision of the same measure.
    pub definition: Option<(String, String)>,
    /// Constant prices of another year: not comparable as amounts.
    pub price_base: Option<(i32, i32)>,
}

impl Causes {
    /// What differs between two editions' bases.
    pub fn between(from: &Edition, to: &Edition) -> Causes {
        Causes {
            definition: (from.basis != to.basis)
                .then(|| (from.basis.label().to_string(), to.basis.label().to_string())),
            price_base: (from.price_base_year != to.price_base_year)
                .then_some((from.price_base_year, to.price_base_year)),
        }
    }

    /// The change of basis that affects `measure` (the price base only
    /// matters for constant prices).
    pub fn for_measure(&self, measure: Measure) -> Causes {
        Causes {
            definition: self.definition.clone(),
            price_base: self.price_base.filter(|_| measure == Measure::Constant),
        }
    }

    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some((a, b)) = &self.definition {
            parts.push(format!("definition {a} → {b}"));
        }
        if let Some((a, b)) = self.price_base {
            parts.push(format!("price base {a} → {b}"));
        }
        if parts.is_empty() {
            "data revision".into()
        } else {
            parts.join("; ")
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Revision {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub from: f64,
    pub to: f64,
    pub from_estimate: bool,
    pub to_estimate: bool,
}

impl Revision {
    /// `to − from`, in the measure's unit (points for shares).
    pub fn difference(&self) -> f64 {
        self.to - self.from
    }

    /// `to ÷ from − 1`, %.
    pub fn relative_pct(&self) -> Option<f64> {
        (self.from != 0.0).then(|| (self.to / self.from - 1.0) * 100.0)
    }

    /// An estimate in the earlier edition, an outturn in the later.
    pub fn estimate_settled(&self) -> bool {
        self.from_estimate && !self.to_estimate
    }

    /// The size a revision is ranked by: points for shares, % for amounts.
    pub fn magnitude(&self, measure: Measure) -> f64 {
        match measure {
            Measure::Share => self.difference().abs(),
            _ => self.relative_pct().map_or(0.0, f64::abs),
        }
    }
}

/// The ally-years of `allies` that both editions' calculators have a value
/// for, largest revision first.
pub fn between(
    from: &Calculator,
    to: &Calculator,
    allies: &[&Ally],
    measure: Measure,
) -> Result<Vec<Revision>> {
    let (a, b) = (from.histories()?, to.histories()?);
    let none = Vec::new();
    let mut out = Vec::new();
    for ally in allies {
        let (code, name) = (&ally.nato_code, &ally.name);
        let to = b.get(code).unwrap_or(&none);
        for a in a.get(code).unwrap_or(&none) {
            let Some(b) = to.iter().find(|b| b.year == a.year) else {
                continue;
            };
            if let (Some(x), Some(y)) = (nato_value(a, measure), nato_value(b, measure)) {
                out.push(Revision {
                    code: code.clone(),
                    name: name.clone(),
                    year: a.year,
                    from: x,
                    to: y,
                    from_estimate: a.estimate,
                    to_estimate: b.estimate,
                });
            }
        }
    }
    out.sort_by(|a, b| {
        b.magnitude(measure)
            .total_cmp(&a.magnitude(measure))
            .then(a.name.cmp(&b.name))
            .then(a.year.cmp(&b.year))
    });
    Ok(out)
}
