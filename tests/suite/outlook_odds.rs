//! `defspend outlook`: the odds of reaching a target, seeded and reproducible,
//! with every parameter stated, and refusing bad settings.

use crate::common;

use common::{assert_fails_with, defspend, json_of};
use serde_json::Value;

fn odds(args: &[&str]) -> Value {
    let mut cmd = defspend();
    cmd.args(["outlook", "--format", "json", "--draws", "4000"])
        .args(args);
    json_of(&mut cmd)
}

fn group<'a>(doc: &'a Value, label: &str) -> &'a Value {
    doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["group"] == label)
        .unwrap()
}

fn prob(doc: &Value, label: &str) -> f64 {
    group(doc, label)["probability_pct"].as_f64().unwrap()
}

#[test]
fn the_same_seed_gives_the_same_output_and_another_seed_another() {
    let run = |seed: &str| {
        defspend()
            .args([
                "outlook", "--draws", "3000", "--seed", seed, "--format", "csv",
            ])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("7"), run("7"));
    assert_ne!(run("7"), run("8"));
}

#[test]
fn with_no_spread_the_odds_are_the_deterministic_path() {
    let doc = odds(&["--gdp-sd", "0", "--spending-spread", "0"]);
    for row in doc["allies"].as_array().unwrap() {
        let expected = row["share_central_path"].as_f64().unwrap();
        let p = row["probability_pct"].as_f64().unwrap();
        assert!(p == 0.0 || p == 100.0, "{}: {p}", row["ally"]);
        assert_eq!(p == 100.0, expected >= 3.5 - 1e-9, "{}", row["ally"]);
        // Every percentile is the central path, to the bins (0.05% of the
        // share) and the table's two decimals.
        for q in ["p10", "p50", "p90"] {
            assert!(
                (row[q].as_f64().unwrap() - expected).abs() <= 0.006,
                "{} {q}",
                row["ally"]
            );
        }
    }
}

#[test]
fn a_higher_target_never_has_better_odds() {
    let mut last = 101.0;
    for target in ["2", "3", "3.5", "5"] {
        let p = prob(&odds(&["--target", target]), "Europe and Canada");
        assert!(p <= last, "{target}: {p} after {last}");
        last = p;
    }
}

/// Ally names to codes, from the tidy CSV of `outlook` with `args`.
fn codes_by_name(args: &[&str]) -> std::collections::BTreeMap<String, String> {
    let tidy = defspend()
        .args(["outlook", "--draws", "100", "--format", "csv"])
        .args(args)
        .output()
        .unwrap()
        .stdout;
    let mut reader = csv::Reader::from_reader(tidy.as_slice());
    reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[0] == "ally")
        .map(|r| (r[2].to_string(), r[1].to_string()))
        .collect()
}

/// The parameters an outlook's output states.
fn parameter_names(doc: &Value) -> Vec<&str> {
    doc["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["parameter"].as_str().unwrap())
        .collect()
}

#[test]
fn every_parameter_is_stated_with_its_source() {
    let doc = odds(&[]);
    let names = parameter_names(&doc);
    for name in [
        "Draws",
        "Seed",
        "Expected real GDP growth",
        "GDP",
        "Spending process",
        "Commitments",
        "Own noise (ln share, a year)",
        "Transitory noise (ln share)",
        "Regime",
        "Drift",
        "Speed",
        "On a bound",
    ] {
        assert!(names.contains(&name), "{name}");
    }
    assert_eq!(doc["metadata"]["draws"], 4000);
    assert_eq!(doc["metadata"]["model"], "adjust");
    // The parameters are the committed file's.
    let file: toml::Value = toml::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/models/outlook.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    for key in ["sigma_e", "sigma_u", "a", "b"] {
        let (shown, committed) = (
            doc["metadata"]["model_parameters"][key].as_f64().unwrap(),
            file["params"][key].as_float().unwrap(),
        );
        assert!(
            (shown - committed).abs() <= 1e-12 * committed.abs().max(1.0),
            "{key}"
        );
    }
    // The latest outlook and plans, named.
    assert_eq!(doc["metadata"]["economy"], "imf-weo-2026-04");
    let citation = doc["metadata"]["citation"].as_str().unwrap();
    assert!(citation.contains("IMF, World Economic Outlook Database, April 2026."));
    assert!(citation.contains("as of November 2026"), "{citation}");
    assert!(
        citation.contains("datasets/models/outlook.toml"),
        "{citation}"
    );
}

#[test]
fn the_record_model_states_its_own_parameters() {
    let doc = odds(&["--model", "record"]);
    let names = parameter_names(&doc);
    for name in [
        "Spread of a year's real GDP growth",
        "Common part of GDP shocks",
        "Expected real spending growth",
        "Spread of real spending growth",
    ] {
        assert!(names.contains(&name), "{name}");
    }
    // Italy's plan (national-plans-2026-11: 2.15% in 2026, 2.3% in 2027, 2.5%
    // in 2028, held) sets its expected path: 2.5% in 2035.
    let italy = doc["allies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ally"] == "Italy")
        .unwrap();
    assert_eq!(italy["anchor"], "plan");
    assert!((italy["share_central_path"].as_f64().unwrap() - 2.5).abs() < 1e-6);
}

/// Plans count toward the share process only on NATO's definition (or its
/// core definition, on the July 2026 edition of core expenditure) with trust
/// medium or high (METHOD); the others' allies are pulled toward the pledges
/// in force, and the summary names them.
#[test]
fn only_plans_on_natos_definition_with_medium_or_high_trust_count() {
    let doc = odds(&[]);
    let plans = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("datasets/plans/national-plans-2026-11.csv"),
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(plans.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (ally, basis, trust) = (col("ally"), col("basis"), col("trust"));
    let mut counted = std::collections::BTreeSet::new();
    let mut planned = std::collections::BTreeSet::new();
    for record in reader.records() {
        let r = record.unwrap();
        planned.insert(r[ally].to_string());
        if matches!(&r[basis], "nato-definition" | "core") && matches!(&r[trust], "medium" | "high")
        {
            counted.insert(r[ally].to_string());
        }
    }
    let codes = codes_by_name(&[]);
    let mut plan_rows = 0;
    for row in doc["allies"].as_array().unwrap() {
        let code = &codes[row["ally"].as_str().unwrap()];
        let toward = row["pulled_toward"].as_str().unwrap();
        assert_eq!(
            toward.starts_with("plan ("),
            counted.contains(code),
            "{code}: {toward}"
        );
        plan_rows += usize::from(counted.contains(code));
    }
    assert!(plan_rows > 5, "{plan_rows}");
    // Canada's only plan past 2025 is on the core basis (3.5% core by 2035,
    // national-plans-2026-11): counted on the core edition.
    let canada = doc["allies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ally"] == "Canada")
        .unwrap();
    assert!(canada["pulled_toward"]
        .as_str()
        .unwrap()
        .starts_with("plan ("));
    assert!(
        (canada["probability_plans_kept_pct"].as_f64().unwrap() - 100.0).abs() < 1e-9,
        "{canada}"
    );
    // Allies with plans, none of which counts, are named in the summary.
    let summary = doc["summary"].as_array().unwrap();
    let line = summary
        .iter()
        .filter_map(|l| l.as_str())
        .find(|l| l.contains("Plans not counted"))
        .unwrap();
    let not_counted: Vec<_> = planned.difference(&counted).collect();
    assert!(!not_counted.is_empty());
    for (name, code) in &codes {
        if not_counted.contains(&code) {
            assert!(line.contains(name.as_str()), "{name}: {line}");
        }
    }
}

/// The sensitivity panel answers the same question under other assumptions;
/// the record model's answer is `--model record`'s, draw for draw.
#[test]
fn the_sensitivity_panel_reruns_the_question() {
    let doc = odds(&["--sensitivity"]);
    let record = odds(&["--model", "record"]);
    let rows = doc["sensitivity"].as_array().unwrap();
    let europe = rows
        .iter()
        .find(|r| r["series"] == "Europe and Canada")
        .unwrap();
    assert_eq!(
        europe["record"].as_f64().unwrap(),
        prob(&record, "Europe and Canada")
    );
    assert_eq!(
        europe["model"].as_f64().unwrap(),
        prob(&doc, "Europe and Canada")
    );
    for key in ["plans_only", "reference_class"] {
        let p = europe[key].as_f64().unwrap();
        assert!((0.0..=100.0).contains(&p), "{key}: {p}");
    }
    // Without any pull, an ally below the target's path can only fall behind
    // it: Lithuania (a plan above 3.5%, its speed the largest of the plans')
    // is no likelier to reach 3.5% with no pull than with its plan.
    let lt = rows.iter().find(|r| r["series"] == "Lithuania").unwrap();
    assert!(lt["reference_class"].as_f64().unwrap() <= lt["model"].as_f64().unwrap());
}

/// The headline is a range under named assumptions: the model, plans kept
/// (0 or 100%: no noise), momentum persists and no carry-over, each a
/// probability, for every group and ally; the origin is the edition's last
/// year (2026e of the July 2026 edition).
#[test]
fn the_odds_are_given_under_four_named_assumptions() {
    let doc = odds(&[]);
    assert_eq!(doc["metadata"]["baseline_year"], 2026);
    for g in doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .chain(doc["allies"].as_array().unwrap())
    {
        for key in [
            "probability_pct",
            "probability_momentum_persists_pct",
            "probability_no_carry_over_pct",
        ] {
            let p = g[key].as_f64().unwrap();
            assert!((0.0..=100.0).contains(&p), "{key}: {g}");
        }
        let kept = g["probability_plans_kept_pct"].as_f64().unwrap();
        assert!(kept == 0.0 || kept == 100.0, "{g}");
    }
    // The summary gives every group's range.
    let summary = doc["summary"].to_string();
    assert!(
        summary.contains("Under other assumptions: plans kept"),
        "{summary}"
    );
}

/// What an ally is pulled toward is a fact about the ally, never the target
/// asked about: every ally's 2035 distribution and central path are the same
/// at 2%, 3.5% and 5%; only P changes (and never rises with the target).
#[test]
fn the_forecast_does_not_move_with_the_target_asked() {
    let runs: Vec<Value> = ["2", "3.5", "5"]
        .iter()
        .map(|t| odds(&["--target", t]))
        .collect();
    let by_ally = |doc: &Value| -> Vec<(String, [f64; 4], f64)> {
        let mut rows: Vec<_> = doc["allies"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let f = |k: &str| r[k].as_f64().unwrap();
                (
                    r["ally"].as_str().unwrap().to_string(),
                    [f("p10"), f("p50"), f("p90"), f("share_central_path")],
                    f("probability_pct"),
                )
            })
            .collect();
        rows.sort_by(|a, b| a.0.cmp(&b.0));
        rows
    };
    let (low, mid, high) = (by_ally(&runs[0]), by_ally(&runs[1]), by_ally(&runs[2]));
    assert_eq!(low.len(), 31);
    for ((a, b), c) in low.iter().zip(&mid).zip(&high) {
        assert_eq!(a.1, b.1, "{}", a.0);
        assert_eq!(b.1, c.1, "{}", a.0);
        assert!(a.2 >= b.2 && b.2 >= c.2, "{}: {} {} {}", a.0, a.2, b.2, c.2);
    }
}

/// Germany's counted plan (national-plans-2026-11: EUR 152 bn, 3.5% of GDP
/// "by NATO's criteria" in 2029) pulls its share: its median 2029 share is
/// nearer 3.5% with the plan than with the plan's rows removed.
#[test]
fn a_counted_plan_pulls_its_ally() {
    let dir = common::copy_datasets();
    let data = dir.path();
    let path = data.join("plans/national-plans-2026-11.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("DE,")).collect();
    assert!(kept.len() < text.lines().count());
    std::fs::write(&path, kept.join("\n") + "\n").unwrap();
    let germany = |doc: &Value| -> (f64, String) {
        let row = doc["allies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["ally"] == "Germany")
            .unwrap()
            .clone();
        (
            row["p50"].as_f64().unwrap(),
            row["pulled_toward"].as_str().unwrap().to_string(),
        )
    };
    let with_plan = germany(&odds(&["--by", "2029"]));
    let mut cmd = defspend();
    cmd.arg("--data").arg(data).args([
        "outlook", "--format", "json", "--draws", "4000", "--by", "2029",
    ]);
    let without = germany(&json_of(&mut cmd));
    assert!(with_plan.1.starts_with("plan ("), "{with_plan:?}");
    assert!(without.1.starts_with("pledge"), "{without:?}");
    assert!(
        (with_plan.0 - 3.5).abs() < (without.0 - 3.5).abs(),
        "{with_plan:?} {without:?}"
    );
}

/// A parameter on a bound never goes unflagged: a copy of the model's file
/// with the transitory noise planted at 0 is named in the summary, the
/// parameters table and the metadata.
#[test]
fn a_parameter_on_a_bound_is_flagged() {
    let dir = common::copy_datasets();
    let data = dir.path();
    let path = data.join("models/outlook.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let planted: Vec<String> = text
        .lines()
        .map(|l| {
            if l.starts_with("sigma_u = ") {
                "sigma_u = 0.0".to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&path, planted.join("\n")).unwrap();
    let mut cmd = defspend();
    cmd.arg("--data")
        .arg(data)
        .args(["outlook", "--format", "json", "--draws", "200"]);
    let doc = json_of(&mut cmd);
    let flags = doc["metadata"]["model_flags"].to_string();
    assert!(flags.contains("sigma_u at its lower bound 0"), "{flags}");
    assert!(doc["summary"]
        .to_string()
        .contains("sigma_u at its lower bound 0"));
    // The committed file's own flags are the ones its values imply.
    let committed = odds(&[]);
    let file: toml::Value = toml::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/models/outlook.toml"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        committed["metadata"]["model_flags"].to_string(),
        serde_json::to_string(&file["flags"]).unwrap()
    );
}

#[test]
fn bad_settings_are_refused() {
    for (args, needle) in [
        (vec!["outlook", "--draws", "0"], "--draws"),
        (vec!["outlook", "--gdp-sd", "-1"], "negative"),
        (vec!["outlook", "--common", "1.5"], "outside 0 to 1"),
        (
            vec!["outlook", "--economy", "imf-weo-1999"],
            "unknown outlook 'imf-weo-1999'",
        ),
        (
            vec!["outlook", "--by", "2020"],
            "--by: 2020 must come after",
        ),
        (vec!["outlook", "--target", "0"], "not a share of GDP"),
        (vec!["outlook", "--by", "2200"], "--by: 2200 is beyond 2100"),
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(needle),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .args(["outlook", "--draws", "0", "--output"])
            .arg(dir.path().join("odds.csv")),
        &["--draws"],
    );
    common::assert_dir_holds_only(dir.path(), &[]);
}

#[test]
fn identical_output_on_one_thread_and_on_two() {
    let run = |threads: &str| {
        defspend()
            .env("RAYON_NUM_THREADS", threads)
            .args(["outlook", "--draws", "6000", "--format", "csv"])
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("2"));
}

#[test]
fn the_reported_standard_error_is_the_spread_of_p_across_seeds() {
    // The spread of Europe and Canada's probability across seeds divided by
    // the standard error each run reports lies in [0.8, 1.25] (METHOD, T5);
    // the median's likewise against its own s.e. Over 20 seeds the spread
    // itself is uncertain by about 16% (sqrt(1 / 38)), so an honest s.e. falls
    // outside the bounds about one time in eight (seeds 1-20 give 0.77, seeds
    // 21-120 0.98): the test takes 100 seeds, an uncertainty of 7%.
    // The tidy CSV's row of Europe and Canada in the target year, by column.
    let runs: Vec<std::collections::HashMap<String, f64>> = (1..=100)
        .map(|seed| {
            let out = defspend()
                .args(["outlook", "--format", "csv", "--draws", "1000", "--seed"])
                .arg(seed.to_string())
                .output()
                .unwrap();
            let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
            let headers = reader.headers().unwrap().clone();
            let row = reader
                .records()
                .map(|r| r.unwrap())
                .find(|r| &r[0] == "group" && &r[1] == "europe-canada" && !r[5].is_empty())
                .unwrap();
            headers
                .iter()
                .zip(row.iter())
                .filter_map(|(h, v)| Some((h.to_string(), v.parse::<f64>().ok()?)))
                .collect()
        })
        .collect();
    type Row = std::collections::HashMap<String, f64>;
    let spread_ratio = |value: &str, se: &str| {
        let v: Vec<f64> = runs.iter().map(|r: &Row| r[value]).collect();
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() - 1) as f64).sqrt();
        let reported = runs.iter().map(|r| r[se]).sum::<f64>() / runs.len() as f64;
        sd / reported
    };
    let p = spread_ratio("probability", "standard_error");
    assert!((0.8..=1.25).contains(&p), "probability: {p}");
    let m = spread_ratio("p50", "p50_se");
    assert!((0.6..=1.6).contains(&m), "median: {m}");
    eprintln!("spread / reported s.e. over 100 seeds: probability {p:.2}, median {m:.2}");
}

/// `--edition` and `--from` choose the origin: a one-year forecast from the
/// June 2024 edition's 2023 shares (its Table 3), with only the plans
/// announced by then.
#[test]
fn a_one_year_forecast_from_the_2024_edition() {
    let origin = [
        "--edition",
        "nato-2024",
        "--from",
        "2023",
        "--by",
        "2024",
        "--target",
        "2",
    ];
    let doc = odds(&origin);
    assert_eq!(doc["metadata"]["baseline_year"], 2023);
    assert_eq!(doc["metadata"]["target_year"], 2024);
    assert_eq!(doc["metadata"]["edition"], "nato-2024");
    // NATO's June 2024 edition, Table 3 (share of GDP), 2023e.
    let table = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/nato-2024/expenditure.csv"),
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(table.as_bytes());
    let shares: std::collections::BTreeMap<String, f64> = reader
        .records()
        .map(|r| r.unwrap())
        .filter(|r| &r[1] == "2023" && !r[3].is_empty())
        .map(|r| (r[0].to_string(), r[3].parse().unwrap()))
        .collect();
    let names = codes_by_name(&origin);
    let rows = doc["allies"].as_array().unwrap();
    assert!(rows.len() >= 30);
    for row in rows {
        let code = &names[row["ally"].as_str().unwrap()];
        let shown = row["share_baseline"].as_f64().unwrap();
        assert!((shown - shares[code]).abs() <= 0.005, "{code}: {shown}");
    }
    let summary = doc["summary"].to_string();
    assert!(
        summary.contains("announced by the end of 2023"),
        "{summary}"
    );
    // A year outside the edition is refused.
    let out = defspend()
        .args(["outlook", "--edition", "nato-2024", "--from", "2025"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--from: 2025 is not a year of nato-2024")
    );
}

/// A run with more groups answers for fewer exactly: each ally's draws do
/// not depend on which groups are summed, so `report --outlook` runs the
/// Monte Carlo once for its findings and both of its outlook charts.
#[test]
fn a_run_for_more_groups_answers_for_fewer_exactly() {
    use defspend::data::{Catalog, DataSource};
    use defspend::forecast::odds::{run, Settings};
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let groups = |keys: &[&str]| -> Vec<defspend::data::Group> {
        keys.iter()
            .map(|k| catalog.group(k).unwrap().clone())
            .collect()
    };
    let mut wide = Settings::defaults("hague-2035", groups(&["all", "us", "europe-canada", "eu"]));
    wide.params.draws = 400;
    wide.sensitivity = true;
    let mut narrow = wide.clone();
    narrow.groups = groups(&["europe-canada", "us"]);
    assert!(wide.same_run_as(&narrow));
    let direct = run(&catalog, &narrow).unwrap();
    let derived = run(&catalog, &wide)
        .unwrap()
        .for_groups(&narrow.groups)
        .unwrap();
    assert_eq!(derived.outcomes, direct.outcomes);
    assert_eq!(derived.sensitivity, direct.sensitivity);
    assert_eq!(derived.plans_kept, direct.plans_kept);
    let keys: Vec<&str> = derived.groups.iter().map(|g| g.key.as_str()).collect();
    assert_eq!(keys, ["europe-canada", "us"]);
    // A group the run did not sum is not made up.
    assert!(direct.for_groups(&groups(&["eu"])).is_none());
}

/// The pledges are data and checked where they are read: an impossible
/// share or an exemption for an unknown ally is refused in one line naming
/// the file and the pledge, by `outlook` and by `validate`.
#[test]
fn a_bad_pledges_file_is_refused_naming_the_pledge() {
    for (from, to, needle) in [
        ("share = 2.0", "share = 50.0", "pledge 1: share 50"),
        (
            "ally = \"ES\"",
            "ally = \"XX\"",
            "pledge 4: exemption for XX",
        ),
    ] {
        let dir = common::copy_datasets();
        let path = dir.path().join("models/pledges.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from));
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
        assert_fails_with(
            defspend()
                .arg("--data")
                .arg(dir.path())
                .args(["outlook", "--draws", "100"]),
            &["models/pledges.toml", needle],
        );
        let out = defspend()
            .arg("--data")
            .arg(dir.path())
            .args(["validate", "--format", "json"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        let doc = String::from_utf8_lossy(&out.stdout).to_string();
        let pledge = needle.split(':').next().unwrap();
        assert!(
            doc.contains(&format!("models/pledges.toml: {pledge}")),
            "{doc}"
        );
    }
}
