//! What changed between two vintages of the national plans, milestone by milestone.

use super::{Milestone, Plans};
use std::collections::BTreeMap;

/// How a milestone differs between two vintages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// A year with a milestone in the later vintage only.
    Added,
    /// A year with a milestone in the earlier vintage only.
    Dropped,
    /// The same year with another share, amount or basis.
    Changed,
}

impl Change {
    pub fn key(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Dropped => "dropped",
            Change::Changed => "changed",
        }
    }
}

/// One ally-year whose milestone differs between two vintages.
#[derive(Debug, Clone)]
pub struct MilestoneChange<'a> {
    pub ally: String,
    pub year: i32,
    pub change: Change,
    pub before: Option<&'a Milestone>,
    pub after: Option<&'a Milestone>,
}

/// The milestones that differ between `before` and `after`, by ally and year:
/// a year added or dropped, or the same year with another share, amount or
/// basis. A milestone whose figures are the same but whose date, kind, trust,
/// source or note were updated is not a change of plan; `revised` counts them.
pub fn diff<'a>(before: &'a Plans, after: &'a Plans) -> (Vec<MilestoneChange<'a>>, usize) {
    let key = |m: &Milestone| (m.ally.clone(), m.year);
    let old: BTreeMap<(String, i32), &Milestone> =
        before.milestones.iter().map(|m| (key(m), m)).collect();
    let new: BTreeMap<(String, i32), &Milestone> =
        after.milestones.iter().map(|m| (key(m), m)).collect();
    let mut keys: Vec<&(String, i32)> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut changes = Vec::new();
    let mut revised = 0;
    for k in keys {
        let (b, a) = (old.get(k).copied(), new.get(k).copied());
        let change = match (b, a) {
            (None, Some(_)) => Change::Added,
            (Some(_), None) => Change::Dropped,
            (Some(b), Some(a)) => {
                if b.stated == a.stated && b.amount == a.amount && b.basis == a.basis {
                    if b.row.announced != a.row.announced
                        || b.kind != a.kind
                        || b.trust != a.trust
                        || b.source != a.source
                        || b.note != a.note
                    {
                        revised += 1;
                    }
                    continue;
                }
                Change::Changed
            }
            (None, None) => continue,
        };
        changes.push(MilestoneChange {
            ally: k.0.clone(),
            year: k.1,
            change,
            before: b,
            after: a,
        });
    }
    (changes, revised)
}
