//! Military personnel and what is spent per soldier: NATO's Table 7
//! (personnel, thousands) against its Table 2 (spending at constant prices)
//! and Table 8a (the equipment share), by ally and by group, in a year and
//! against an earlier one.

use std::collections::BTreeMap;

use super::AllyYear;
use crate::data::{Ally, Group};

/// One ally's personnel and spending per soldier in `year`, and the change
/// since `since`.
#[derive(Debug, Clone, PartialEq)]
pub struct Soldiers {
    pub code: String,
    pub name: String,
    pub has_armed_forces: bool,
    pub force: Years,
}

/// A force in the year and in the earlier year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Years {
    pub now: Force,
    pub then: Force,
}

impl Years {
    pub fn personnel_change_pct(&self) -> Option<f64> {
        change_pct(self.then.personnel_k, self.now.personnel_k)
    }

    pub fn per_soldier_change_pct(&self) -> Option<f64> {
        change_pct(self.then.per_soldier_k(), self.now.per_soldier_k())
    }
}

/// An ally's or a group's force and spending in one year.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Force {
    /// Military personnel, thousands.
    pub personnel_k: Option<f64>,
    /// Spending, USD million at the edition's constant prices.
    pub spending_constant_m: Option<f64>,
    /// Equipment, % of spending.
    pub equipment_pct: Option<f64>,
}

impl Force {
    fn of(year: Option<&AllyYear>) -> Force {
        Force {
            personnel_k: year.and_then(|y| y.military_personnel_k),
            spending_constant_m: year.and_then(|y| y.defence_usd_constant_m),
            equipment_pct: year.and_then(|y| y.equipment_pct),
        }
    }

    /// Spending per soldier, thousand USD at constant prices (USD million
    /// over thousands of personnel).
    pub fn per_soldier_k(&self) -> Option<f64> {
        match (self.spending_constant_m, self.personnel_k) {
            (Some(s), Some(p)) if p > 0.0 => Some(s / p),
            _ => None,
        }
    }

    /// Equipment spending per soldier, thousand USD at constant prices.
    pub fn equipment_per_soldier_k(&self) -> Option<f64> {
        Some(self.per_soldier_k()? * self.equipment_pct? / 100.0)
    }
}

/// The change from `then` to `now`, %.
pub fn change_pct(then: Option<f64>, now: Option<f64>) -> Option<f64> {
    match (then, now) {
        (Some(a), Some(b)) if a > 0.0 => Some((b / a - 1.0) * 100.0),
        _ => None,
    }
}

/// Every ally that was a member in `year`, in the order of `allies`.
pub fn by_ally(
    histories: &BTreeMap<String, Vec<AllyYear>>,
    allies: &[Ally],
    year: i32,
    since: i32,
) -> Vec<Soldiers> {
    let at = |code: &str, y: i32| {
        histories
            .get(code)
            .and_then(|h| h.iter().find(|r| r.year == y))
    };
    allies
        .iter()
        .filter(|a| a.is_member_in(year))
        .map(|a| Soldiers {
            code: a.nato_code.clone(),
            name: a.name.clone(),
            has_armed_forces: a.has_armed_forces,
            force: Years {
                now: Force::of(at(&a.nato_code, year)),
                then: Force::of(at(&a.nato_code, since)),
            },
        })
        .collect()
}

/// A group's force in both years: its members with personnel and spending in
/// both (so that the change compares the same allies), summed; the equipment
/// share weighted by spending.
#[derive(Debug, Clone, PartialEq)]
pub struct GroupForce {
    pub key: String,
    pub name: String,
    /// Members counted, and members with armed forces in the year.
    pub counted: usize,
    pub members: usize,
    pub force: Years,
}

pub fn by_group(rows: &[Soldiers], group: &Group) -> GroupForce {
    let members: Vec<&Soldiers> = rows
        .iter()
        .filter(|r| r.has_armed_forces && group.codes.contains(&r.code))
        .collect();
    let complete = |f: &Force| f.personnel_k.is_some() && f.spending_constant_m.is_some();
    let counted: Vec<&&Soldiers> = members
        .iter()
        .filter(|r| complete(&r.force.now) && complete(&r.force.then))
        .collect();
    let total = |pick: fn(&Soldiers) -> Force| -> Force {
        let forces: Vec<Force> = counted.iter().map(|r| pick(r)).collect();
        if forces.is_empty() {
            return Force::default();
        }
        let personnel: f64 = forces.iter().filter_map(|f| f.personnel_k).sum();
        let spending: f64 = forces.iter().filter_map(|f| f.spending_constant_m).sum();
        let weighted: Vec<(f64, f64)> = forces
            .iter()
            .filter_map(|f| Some((f.equipment_pct?, f.spending_constant_m?)))
            .collect();
        let weight: f64 = weighted.iter().map(|(_, s)| s).sum();
        let equipment = (weighted.len() == forces.len() && weight > 0.0)
            .then(|| weighted.iter().map(|(e, s)| e * s).sum::<f64>() / weight);
        Force {
            personnel_k: Some(personnel),
            spending_constant_m: Some(spending),
            equipment_pct: equipment,
        }
    };
    GroupForce {
        key: group.key.clone(),
        name: group.label.clone(),
        counted: counted.len(),
        members: members.len(),
        force: Years {
            now: total(|r| r.force.now),
            then: total(|r| r.force.then),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn per_soldier_is_spending_over_personnel() {
        // NATO, Defence Expenditure of NATO Countries (2014-2026): Italy 2024,
        // USD 35,266 million at 2021 prices (Table 2), 168.9 thousand
        // personnel (Table 7), equipment 22.31% (Table 8a).
        let f = Force {
            personnel_k: Some(168.9),
            spending_constant_m: Some(35266.0),
            equipment_pct: Some(22.31),
        };
        assert!((f.per_soldier_k().unwrap() - 35266.0 / 168.9).abs() < 1e-9);
        assert!((f.equipment_per_soldier_k().unwrap() - 35266.0 / 168.9 * 0.2231).abs() < 1e-9);
        assert_eq!(Force::default().per_soldier_k(), None);
        assert_eq!(
            change_pct(Some(100.0), Some(110.0)),
            Some(10.000000000000009)
        );
        assert_eq!(change_pct(None, Some(1.0)), None);
    }
}
