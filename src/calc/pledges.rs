//! What NATO's pledges ask of an ally at an origin (METHOD, "Forecasting":
//! the commitment an ally without a counted plan is pulled toward).

use std::collections::BTreeMap;

use chrono::Datelike;

use super::adjust::commitment;
use crate::data::pledges::{Pledge, Pledges};

/// The ally's commitment under `pledge` in `year`, ln share: from its share
/// `s0` in the year the pledge was agreed; a floor asks for at least its
/// share every year.
pub fn path(pledge: &Pledge, code: &str, s0: f64, year: i32) -> f64 {
    let share = pledge.share_for(code);
    match pledge.by {
        Some(by) if !pledge.floor => commitment(s0, pledge.agreed.year(), by, share, year),
        _ => share.max(s0).ln(),
    }
}

/// The pledges in force at the end of `origin`: the latest with a year to
/// reach agreed by then, and every floor agreed by then.
pub fn in_force(pledges: &Pledges, origin: i32) -> Vec<&Pledge> {
    let agreed: Vec<&Pledge> = pledges
        .list
        .iter()
        .filter(|p| p.agreed.year() <= origin)
        .collect();
    let latest = agreed.iter().rev().find(|p| !p.floor).copied();
    agreed
        .into_iter()
        .filter(|p| p.floor || Some(*p) == latest)
        .collect()
}

/// An ally's commitment in `year` at `origin`, ln share: the highest of the
/// pledges in force, each from the ally's share in the year it was agreed
/// (else at the origin); `None` when none is in force or the ally has no
/// share then.
pub fn commitment_at(
    pledges: &Pledges,
    code: &str,
    shares: &BTreeMap<i32, f64>,
    origin: i32,
    year: i32,
) -> Option<f64> {
    in_force(pledges, origin)
        .into_iter()
        .filter_map(|p| {
            let s0 = shares
                .get(&p.agreed.year())
                .or_else(|| shares.get(&origin))?;
            Some(path(p, code, *s0, year))
        })
        .reduce(f64::max)
}

/// The names of the pledges in force at `origin`, joined.
pub fn describe(pledges: &Pledges, origin: i32) -> String {
    let names: Vec<&str> = in_force(pledges, origin)
        .iter()
        .map(|p| p.name.as_str())
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", with ")
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::data::pledges::Exemption;

    fn pledge(id: &str, agreed: (i32, u32, u32), share: f64, by: Option<i32>) -> Pledge {
        Pledge {
            id: id.into(),
            name: id.into(),
            agreed: NaiveDate::from_ymd_opt(agreed.0, agreed.1, agreed.2).unwrap(),
            share,
            by,
            floor: by.is_none(),
            basis: "total".into(),
            source: String::new(),
            exemption: Vec::new(),
        }
    }

    fn pledges() -> Pledges {
        let mut hague = pledge("hague", (2025, 6, 25), 3.5, Some(2035));
        hague.exemption.push(Exemption {
            ally: "ES".into(),
            share: 2.1,
            note: String::new(),
        });
        Pledges {
            list: vec![
                pledge("wales", (2014, 9, 5), 2.0, Some(2024)),
                pledge("vilnius", (2023, 7, 11), 2.0, None),
                hague,
            ],
        }
    }

    #[test]
    fn the_latest_pledge_with_a_year_is_in_force_with_every_floor() {
        let p = pledges();
        let ids =
            |o: i32| -> Vec<String> { in_force(&p, o).iter().map(|p| p.id.clone()).collect() };
        assert!(ids(2013).is_empty());
        assert_eq!(ids(2019), ["wales"]);
        assert_eq!(ids(2024), ["wales", "vilnius"]);
        assert_eq!(ids(2026), ["vilnius", "hague"]);
    }

    #[test]
    fn a_commitment_is_the_highest_pledge_in_force_from_the_agreed_years_share() {
        let p = pledges();
        let shares = BTreeMap::from([(2014, 1.0), (2023, 1.5), (2025, 1.5), (2026, 2.0)]);
        // Wales at 2019: halfway in logs from 1.0 in 2014 to 2.0 in 2024.
        let wales = commitment_at(&p, "IT", &shares, 2019, 2019).unwrap();
        assert!((wales - 0.5 * 2f64.ln()).abs() < 1e-12);
        // Vilnius' floor lifts the path of The Hague (from 1.5% in 2025)
        // while it is below 2%.
        let hague = commitment_at(&p, "IT", &shares, 2026, 2027).unwrap();
        assert_eq!(hague, 2f64.ln());
        let late = commitment_at(&p, "IT", &shares, 2026, 2035).unwrap();
        assert!((late - 3.5f64.ln()).abs() < 1e-12);
        // Spain's own share under The Hague.
        let spain = commitment_at(&p, "ES", &shares, 2026, 2035).unwrap();
        assert!((spain - 2.1f64.ln()).abs() < 1e-12);
        assert_eq!(commitment_at(&p, "IT", &shares, 2012, 2020), None);
    }
}
