//! The outlook model's parameters re-estimated (`defspend calibrate`), the
//! drift chosen on the rolling origins up to 2009.
use super::rolling::*;
use super::*;

/// Re-estimates the outlook model's parameters (`defspend calibrate`) from
/// SIPRI's installed release and the editions, the drift chosen on the
/// rolling origins up to 2009 ([`choose_momentum`]).
pub fn estimate_model(catalog: &Catalog) -> Result<calibrate::ModelFile> {
    let (members, release) = sipri_members(catalog)?;
    let (momentum, choice) = choose_momentum(catalog, &members)?;
    let editions = calibrate::edition_panels(catalog)?;
    let mut file =
        calibrate::estimate_from(catalog, (&members, &release), &editions, None, momentum)?;
    file.choice = choice;
    file.flags = file.flags();
    Ok(file)
}

/// The drift's window and decay and the regime's centring, chosen by the
/// adjustment model's mean CRPS on SIPRI's rolling origins up to 2009 (each
/// variant fitted at each origin on the data to it, 1,000 draws); and the
/// driftless random walk's on the same cases.
pub(super) fn choose_momentum(
    catalog: &Catalog,
    members: &SharesByAlly,
) -> Result<(Momentum, Choice)> {
    const LAST_ORIGIN: i32 = CHOSEN_TO;
    const SELECT_DRAWS: usize = 1_000;
    let mut variants = Vec::new();
    for pooled in [false, true] {
        for centred in [false, true] {
            for decay in DRIFT_DECAYS {
                for years in DRIFT_YEARS {
                    if decay == 0.0 && (years != DRIFT_YEARS[0] || pooled) {
                        continue;
                    }
                    variants.push(Momentum {
                        block: BLOCK,
                        drift_years: years,
                        drift_decay: decay,
                        centred,
                        pooled,
                    });
                }
            }
        }
    }
    let base = Setup::new(catalog, variants[0], 1.0, SELECT_DRAWS)?;
    let episode = riga(&base);
    let mut sums = vec![0.0; variants.len()];
    let (mut rw, mut n) = (0.0, 0usize);
    for origin in *ORIGINS.start()..=LAST_ORIGIN {
        let cases: Vec<Case> = members
            .iter()
            .filter_map(|(code, by_year)| {
                Some(Case {
                    code: code.clone(),
                    horizon: HORIZON as usize,
                    origin_share: *by_year.get(&origin)?,
                    outcome: *by_year.get(&(origin + HORIZON))?,
                })
            })
            .collect();
        let est = adjust::estimate(members, origin, (&[(episode.clone(), members)], origin));
        for (v, sum) in variants.iter().zip(&mut sums) {
            let setup = Setup {
                momentum: *v,
                ..base.clone()
            };
            *sum += setup
                .forecasts(&est, (members, None), &cases, origin, SEED ^ origin as u64)
                .iter()
                .map(|(p, y)| p.crps(*y))
                .sum::<f64>();
        }
        let (_, sd) = log_changes_spread(&known_at(members, origin).changes, false);
        rw += random_walk(&cases, 0.0, sd)
            .iter()
            .map(|(p, y)| p.crps(*y))
            .sum::<f64>();
        n += cases.len();
    }
    let best_of = |keep: &dyn Fn(&Momentum) -> bool| {
        sums.iter()
            .enumerate()
            .filter(|(i, _)| keep(&variants[*i]))
            .fold(
                (0, f64::INFINITY),
                |b, (i, s)| if *s < b.1 { (i, *s) } else { b },
            )
    };
    let (best, crps) = best_of(&|_| true);
    // With no drift chosen, the window is the best drifting variant's: what
    // "momentum persists" carries forward.
    let (with_drift, _) = best_of(&|v| v.drift_decay > 0.0);
    let n = n.max(1) as f64;
    Ok((
        Momentum {
            drift_years: variants[with_drift].drift_years,
            ..variants[best]
        },
        Choice {
            on: format!(
                "SIPRI's rolling origins {}-{LAST_ORIGIN}, ten years ahead (outcomes to {}): the lowest mean CRPS of {} variants (drift windows {DRIFT_YEARS:?} years, decays {DRIFT_DECAYS:?}, each ally's own drift or its group's, regime centred or not), each fitted at each origin on the data to it",
                ORIGINS.start(),
                LAST_ORIGIN + HORIZON,
                variants.len()
            ),
            crps: crps / n,
            random_walk_crps: rw / n,
            profile: variants
                .iter()
                .zip(&sums)
                .map(|(v, sum)| {
                    format!(
                        "{} drift over {} years, decay {}{}: {:.4}",
                        if v.pooled { "group" } else { "own" },
                        v.drift_years,
                        v.drift_decay,
                        if v.centred { ", regime centred" } else { "" },
                        sum / n
                    )
                })
                .collect(),
        },
    ))
}
