//! `defspend calibrate`: the outlook model's parameters are data, and
//! re-estimating them from the sources reproduces the committed file.

use crate::common;

use common::{datasets_dir, defspend};

#[test]
fn re_estimation_reproduces_the_committed_parameters() {
    if !common::with_sipri("re_estimation_reproduces_the_committed_parameters") {
        return;
    }
    let out = defspend().arg("calibrate").output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let committed = std::fs::read_to_string(datasets_dir().join("models/outlook.toml")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), committed);
    // --check says so, and exits 0.
    let out = defspend().args(["calibrate", "--check"]).output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("reproduced"));
}

/// The estimates are what the model needs: spreads of ln share that are
/// positive and below one, a speed whose profile intervals hold the
/// estimates, the drift chosen on origins up to 2009 only, the regime's
/// history one mean a year, from every pledge-year of the three episodes.
#[test]
fn the_committed_parameters_are_sensible() {
    let text = std::fs::read_to_string(datasets_dir().join("models/outlook.toml")).unwrap();
    let file: toml::Value = toml::from_str(&text).unwrap();
    let p = &file["params"];
    let f = |k: &str| p[k].as_float().unwrap();
    for k in ["sigma_e", "sigma_u"] {
        assert!(f(k) > 0.0 && f(k) < 1.0, "{k}");
    }
    for k in ["a", "b"] {
        let i = file["intervals"][k].as_array().unwrap();
        let (lo, hi) = (i[0].as_float().unwrap(), i[1].as_float().unwrap());
        assert!(lo <= f(k) && f(k) <= hi, "{k}: {lo} {hi}");
    }
    let choice = file["choice"]["on"].as_str().unwrap();
    assert!(choice.contains("1975-2009"), "{choice}");
    assert!(
        file["choice"]["crps"].as_float().unwrap()
            < file["choice"]["random_walk_crps"].as_float().unwrap()
    );
    let regime = &file["regime"];
    let years = regime["years"].as_array().unwrap();
    assert_eq!(years.len(), regime["means"].as_array().unwrap().len());
    assert_eq!(years[0].as_integer(), Some(1961));
    assert_eq!(years.last().unwrap().as_integer(), Some(2024));
    let episodes = file["episodes"].as_array().unwrap();
    assert_eq!(episodes.len(), 3);
    let pledge_years: i64 = episodes
        .iter()
        .map(|e| e["pledge_years"].as_integer().unwrap())
        .sum();
    assert_eq!(pledge_years, p["pledge_years"].as_integer().unwrap());
    // Every NATO member SIPRI covers has its own noise.
    assert!(file["own_noise"].as_table().unwrap().len() >= 30);
}

#[test]
fn without_sipri_calibrate_says_how_to_install_it() {
    let empty = tempfile::tempdir().unwrap();
    let out = defspend()
        .env("DEFSPEND_DATA_HOME", empty.path())
        .arg("calibrate")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("defspend import sipri-xlsx"), "{err}");
}

#[test]
fn a_bad_parameters_file_is_one_line_naming_the_place() {
    // A copy of the datasets with the drift's decay out of range.
    let dir = common::copy_datasets();
    let data = dir.path();
    let path = data.join("models/outlook.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let bad = text
        .lines()
        .map(|l| {
            if l.starts_with("drift_decay = ") {
                "drift_decay = 1.5".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&path, bad).unwrap();
    let out = defspend()
        .arg("--data")
        .arg(data)
        .args(["outlook", "--draws", "100"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("models/outlook.toml") && err.contains("momentum.drift_decay"),
        "{err}"
    );
}
