//! The backtests on NATO's editions: the June 2024 edition fitted to 2019
//! (`nato-2019`), information to 2014 (`wales-2014`) and one year ahead from
//! every origin (`nato-one-year`), with the models fitted on an edition.
use super::rolling::*;
use super::*;

/// The June 2024 edition fitted to 2019, scored on 2020-2024e. `spread`
/// multiplies the models' spreads (1: as estimated; the tests plant an
/// over-confident 0.3).
pub(super) fn nato_2019(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    const EDITION: &str = "nato-2024";
    const ORIGIN: i32 = 2019;
    let data = catalog.load_edition(Some(EDITION))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let (first, last) = (data.edition.first_year, data.edition.last_year);
    let shares = nato_shares(&calc)?;

    // The cases, and what is known at the origin.
    let mut cases = Vec::new();
    let mut changes = Vec::new();
    let (mut at_target, mut known) = (0, 0);
    for (code, by_year) in &shares {
        let Some(&s0) = by_year.get(&ORIGIN) else {
            continue;
        };
        for y in first..=ORIGIN {
            if let Some(s) = by_year.get(&y) {
                known += 1;
                at_target += usize::from(*s >= EVENT_SHARE - 1e-9);
            }
            if let (Some(a), Some(b)) = (by_year.get(&(y - 1)), by_year.get(&y)) {
                changes.push((b / a).ln());
            }
        }
        for year in ORIGIN + 1..=last {
            if let Some(&outcome) = by_year.get(&year) {
                cases.push(Case {
                    code: code.clone(),
                    horizon: (year - ORIGIN) as usize,
                    origin_share: s0,
                    outcome,
                });
            }
        }
    }

    let mut models = Vec::new();
    if let Some(record) = record_model(&calc, (first, ORIGIN, last), &cases, spread)? {
        models.push(record);
    }
    let mut notes = Vec::new();
    match sipri_members(catalog) {
        Ok(sipri) => models.extend(adjust_on_edition(
            catalog,
            &sipri,
            &shares,
            &[(ORIGIN, cases.clone())],
            spread,
        )?),
        Err(_) => notes.push(
            "The adjustment model estimates its spreads on SIPRI's history: install SIPRI's database (`defspend import sipri-xlsx`) to score it.".into(),
        ),
    }
    let (_, sd) = log_changes_spread(&changes, false);
    models.push(scored(
        "random-walk",
        format!(
            "driftless random walk in ln share, spread {sd:.4} a year (the allies' annual changes {first}-{ORIGIN}), growing with the square root of the horizon"
        ),
        random_walk(&cases, 0.0, sd),
    ));
    let (mean, sd) = log_changes_spread(&changes, true);
    models.push(scored(
        "random-walk-drift",
        format!("random walk in ln share with the allies' pooled drift {mean:+.4} a year and spread {sd:.4} ({first}-{ORIGIN})"),
        random_walk(&cases, mean, sd),
    ));
    let base = at_target as f64 / known.max(1) as f64;
    models.push(event_only(
        "base-rate",
        format!("the share of ally-years at 2% or more, {first}-{ORIGIN}: {base:.3}"),
        &cases,
        |_| base,
    ));
    models.push(event_only("coin-flip", "one half".into(), &cases, |_| 0.5));
    Ok(Outcome {
        name: Name::Nato2019,
        edition: EDITION.into(),
        origins: (ORIGIN, ORIGIN),
        years: (ORIGIN + 1, last),
        cases: cases.len(),
        models,
        notes,
        allies: Vec::new(),
    })
}

/// The outlook's record model fitted to `origin`, scored on `cases` (`None`
/// when it cannot forecast every case).
pub(super) fn record_model(
    calc: &Calculator,
    (first, origin, last): (i32, i32, i32),
    cases: &[Case],
    spread: f64,
) -> Result<Option<ModelScores>> {
    // The outlook's record model, as `outlook` runs it (spending from each
    // ally's shrunk record, GDP at its mean growth to the origin).
    let inputs = record_inputs(
        calc,
        first,
        origin,
        last,
        RecordModel {
            prior_years: crate::forecast::odds::DEFAULT_SHRINK,
            bounds: BOUNDS,
            min_sd: MIN_SD,
        },
    )?;
    let series: Vec<Series> = inputs
        .iter()
        .enumerate()
        .map(|(i, a)| Series {
            key: a.code.clone(),
            members: vec![i],
            every_year: true,
        })
        .collect();
    let params = Params {
        draws: DRAWS,
        seed: SEED,
        spending_spread: spread * Params::DEFAULT.spending_spread,
        gdp_sd: spread * Params::DEFAULT.gdp_sd,
        ..Params::DEFAULT
    };
    let sample = Simulation {
        allies: &inputs,
        series: &series,
        target: EVENT_SHARE,
        params,
        process: Process::Growth,
    }
    .sample(DRAWS);
    let forecasts: Vec<(Predictive, f64)> = cases
        .iter()
        .filter_map(|c| {
            let k = series.iter().position(|s| s.key == c.code)?;
            let draws = sample.iter().map(|d| d[k][c.horizon - 1]).collect();
            Some((Predictive::sample(draws), c.outcome))
        })
        .collect();
    Ok((forecasts.len() == cases.len()).then(|| {
        scored(
            "record",
            format!(
                "the outlook's record model: real spending growth from each ally's record shrunk toward the allies' ({} prior years, bounded {}% to {}%), GDP at its mean growth to {origin}, {DRAWS} draws, seed {SEED}{}",
                crate::forecast::odds::DEFAULT_SHRINK,
                BOUNDS.0,
                BOUNDS.1,
                if spread == 1.0 {
                    String::new()
                } else {
                    format!(", every spread x {spread}")
                }
            ),
            forecasts,
        )
    }))
}

/// Information to 2014, the event at 2% in 2024e.
pub(super) fn wales_2014(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    const EDITION: &str = "nato-2024";
    const ORIGIN: i32 = 2014;
    const YEAR: i32 = 2024;
    let data = catalog.load_edition(Some(EDITION))?;
    let calc = Calculator::for_edition(&data, &catalog.allies)?;
    let shares = nato_shares(&calc)?;
    let cases: Vec<Case> = shares
        .iter()
        .filter_map(|(code, by_year)| {
            Some(Case {
                code: code.clone(),
                horizon: (YEAR - ORIGIN) as usize,
                origin_share: *by_year.get(&ORIGIN)?,
                outcome: *by_year.get(&YEAR)?,
            })
        })
        .collect();
    let front = frontline(catalog)?;
    let is_frontline = |c: &Case| front.contains(&c.code);

    let mut models = Vec::new();
    let mut notes = Vec::new();
    let mut allies = Vec::new();
    // A random walk needs the spread of annual changes before 2014: SIPRI's
    // shares of NATO members while members.
    match sipri_changes(catalog, ORIGIN) {
        Ok((changes, from)) => {
            let sipri = sipri_members(catalog)?;
            let [model, momentum, kept] = adjust_edition_forecasts(
                catalog,
                &sipri,
                &shares,
                &[(ORIGIN, cases.clone())],
                spread,
            )?;
            allies = cases
                .iter()
                .zip(model.1.iter().zip(&kept.1))
                .map(|(c, ((m, _), (k, _)))| AllyOdds {
                    code: c.code.clone(),
                    name: catalog.name_of(&c.code),
                    origin_share: c.origin_share,
                    outcome: c.outcome,
                    model: m.at_least(EVENT_SHARE - 1e-9),
                    pledge_kept: k.at_least(EVENT_SHARE - 1e-9),
                })
                .collect();
            for (key, forecasts, about) in [model, momentum, kept] {
                models.push(scored(key, about, forecasts));
            }
            let (_, sd) = log_changes_spread(&changes, false);
            models.push(scored(
                "random-walk",
                format!(
                    "driftless random walk in ln share from the 2014 share, spread {sd:.4} a year (SIPRI's shares of NATO members while members, {from}-{ORIGIN}, {} annual changes)",
                    changes.len()
                ),
                random_walk(&cases, 0.0, sd),
            ));
        }
        Err(_) => notes.push(
            "The random walk needs SIPRI's history before 2014: install SIPRI's database (`defspend import sipri-xlsx`) to score it.".into(),
        ),
    }
    let base = cases
        .iter()
        .filter(|c| c.origin_share >= EVENT_SHARE - 1e-9)
        .count() as f64
        / cases.len().max(1) as f64;
    models.push(event_only(
        "base-rate",
        format!("the share of allies at 2% or more in {ORIGIN}: {base:.3}"),
        &cases,
        |_| base,
    ));
    models.push(event_only("coin-flip", "one half".into(), &cases, |_| 0.5));
    // Leave one ally out: the rate among the other allies on the same side of
    // the frontline, add-one smoothed. A diagnostic of the covariate (it uses
    // the other allies' 2024 outcomes), not a forecast made in 2014.
    let frontline_p = |c: &Case| {
        let peers: Vec<&Case> = cases
            .iter()
            .filter(|o| o.code != c.code && is_frontline(o) == is_frontline(c))
            .collect();
        (peers.iter().filter(|o| o.happened()).count() as f64 + 1.0) / (peers.len() as f64 + 2.0)
    };
    models.push(event_only(
        "frontline-loo",
        "diagnostic: leave one ally out, the rate at 2% in 2024e among the other allies on the same side of the frontline (Bucharest Nine, Nordic-Baltic Eight), add-one smoothed".into(),
        &cases,
        frontline_p,
    ));
    notes.push(format!(
        "{} of {} allies were at 2% of GDP or more in {YEAR}e.",
        cases.iter().filter(|c| c.happened()).count(),
        cases.len()
    ));
    Ok(Outcome {
        name: Name::Wales2014,
        edition: EDITION.into(),
        origins: (ORIGIN, ORIGIN),
        years: (YEAR, YEAR),
        cases: cases.len(),
        models,
        notes,
        allies,
    })
}

/// The adjustment model on an edition's `shares`, from each origin of
/// `cases` (origin, its cases), estimated as `defspend calibrate` does from
/// the data up to the origin only: SIPRI's `members` (release `release`)
/// and the pledges known then.
pub(super) fn adjust_on_edition(
    catalog: &Catalog,
    sipri: &(SharesByAlly, String),
    shares: &SharesByAlly,
    cases: &[(i32, Vec<Case>)],
    spread: f64,
) -> Result<Vec<ModelScores>> {
    Ok(
        adjust_edition_forecasts(catalog, sipri, shares, cases, spread)?
            .into_iter()
            .map(|(key, forecasts, about)| scored(key, about, forecasts))
            .collect(),
    )
}

/// An edition model's forecasts: its key, the forecasts, what it is.
type Forecasts = (&'static str, Vec<(Predictive, f64)>, String);

/// [`adjust_on_edition`]'s forecasts and descriptions: the model's, with
/// momentum persisting, and with each pledge kept.
pub(super) fn adjust_edition_forecasts(
    catalog: &Catalog,
    (members, release): &(SharesByAlly, String),
    shares: &SharesByAlly,
    cases: &[(i32, Vec<Case>)],
    spread: f64,
) -> Result<[Forecasts; 3]> {
    let momentum = calibrate::load(catalog)?.momentum;
    let setup = Setup::new(catalog, momentum, spread, DRAWS)?;
    let variants = [setup.clone(), setup.persisting(), setup.keeping()];
    let mut out: [Vec<(Predictive, f64)>; 3] = Default::default();
    let mut about = String::new();
    let editions = calibrate::edition_panels(catalog)?;
    for (origin, at_origin) in cases {
        let file = calibrate::estimate_from(
            catalog,
            (members, release),
            &editions,
            Some(*origin),
            momentum,
        )?;
        let est = Estimate {
            params: file.params,
            own: file.own_noise,
            regime: file.regime,
            intervals: file.intervals,
        };
        for (s, out) in variants.iter().zip(&mut out) {
            out.extend(s.forecasts(
                &est,
                (shares, Some(members)),
                at_origin,
                *origin,
                SEED ^ *origin as u64,
            ));
        }
        about = setup.describe(&est, *origin);
    }
    let about = if cases.len() > 1 {
        format!("re-estimated at each origin; at the last: {about}")
    } else {
        about
    };
    let [model, persisting, kept] = out;
    Ok([
        ("adjust", model, about),
        ("adjust-momentum", persisting, MOMENTUM_ABOUT.into()),
        ("pledge-kept", kept, KEPT_ABOUT.into()),
    ])
}

/// One year ahead from every origin of the June 2024 edition (2014-2023)
/// and of the July 2026 edition (2024, 2025e): every ally with a share at
/// the origin and the year after.
pub(super) fn nato_one_year(catalog: &Catalog, spread: f64) -> Result<Outcome> {
    const RUNS: [(&str, i32, i32); 2] = [("nato-2024", 2014, 2023), ("nato-2026", 2024, 2025)];
    let sipri = sipri_members(catalog).ok();
    let mut notes = Vec::new();
    let (mut rw, mut drift) = (Vec::new(), Vec::new());
    let mut adjusted: [Forecasts; 3] = Default::default();
    let (mut base, mut coin, mut cases_n) = (Vec::new(), Vec::new(), 0);
    for (edition, first, last) in RUNS {
        let data = catalog.load_edition(Some(edition))?;
        let calc = Calculator::for_edition(&data, &catalog.allies)?;
        let shares = nato_shares(&calc)?;
        let mut by_origin = Vec::new();
        for origin in first..=last {
            let cases: Vec<Case> = shares
                .iter()
                .filter_map(|(code, by_year)| {
                    Some(Case {
                        code: code.clone(),
                        horizon: 1,
                        origin_share: *by_year.get(&origin)?,
                        outcome: *by_year.get(&(origin + 1))?,
                    })
                })
                .collect();
            // The base rate: the edition's ally-years at 2% or more to the origin.
            let known: Vec<f64> = shares
                .values()
                .flat_map(|by_year| by_year.range(..=origin).map(|(_, s)| *s))
                .collect();
            let rate = known.iter().filter(|s| **s >= EVENT_SHARE - 1e-9).count() as f64
                / known.len().max(1) as f64;
            for c in &cases {
                base.push((rate, c.happened()));
                coin.push((0.5, c.happened()));
            }
            if sipri.is_some() {
                // The walks' spread and drift: SIPRI's members' annual changes to the origin.
                let (changes, _) = sipri_changes(catalog, origin)?;
                let (_, sd) = log_changes_spread(&changes, false);
                rw.extend(random_walk(&cases, 0.0, sd));
                let (mean, sd) = log_changes_spread(&changes, true);
                drift.extend(random_walk(&cases, mean, sd));
            }
            cases_n += cases.len();
            by_origin.push((origin, cases));
        }
        if let Some(sipri) = &sipri {
            let got = adjust_edition_forecasts(catalog, sipri, &shares, &by_origin, spread)?;
            for (all, (key, f, a)) in adjusted.iter_mut().zip(got) {
                all.0 = key;
                all.1.extend(f);
                all.2 = a;
            }
        }
    }
    let mut models = Vec::new();
    if sipri.is_some() {
        for (key, forecasts, about) in adjusted {
            let about = if key == "adjust" {
                format!("re-estimated at each origin of both editions; {about}")
            } else {
                about
            };
            models.push(scored(key, about, forecasts));
        }
        models.push(scored(
            "random-walk",
            "driftless random walk in ln share, the spread of SIPRI's members' annual changes 1960 to the origin".into(),
            rw,
        ));
        models.push(scored(
            "random-walk-drift",
            "random walk in ln share with SIPRI's members' pooled drift and spread, 1960 to the origin".into(),
            drift,
        ));
    } else {
        notes.push("The adjustment model and the random walks take their spreads from SIPRI's history: install SIPRI's database (`defspend import sipri-xlsx`) to score them.".into());
    }
    models.push(ModelScores {
        key: "base-rate",
        about: "the share of the edition's ally-years at 2% or more up to the origin".into(),
        shares: None,
        event: score_events(&base),
    });
    models.push(ModelScores {
        key: "coin-flip",
        about: "one half".into(),
        shares: None,
        event: score_events(&coin),
    });
    Ok(Outcome {
        name: Name::NatoOneYear,
        edition: "nato-2024, nato-2026".into(),
        origins: (RUNS[0].1, RUNS[1].2),
        years: (RUNS[0].1 + 1, RUNS[1].2 + 1),
        cases: cases_n,
        models,
        notes,
        allies: Vec::new(),
    })
}
