//! `defspend calibrate`: the outlook model's parameters are data, and
//! re-estimating them from the sources reproduces the committed file.

mod common;

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
/// positive and below one, a regime that decays, the speed rising on the
/// frontline and falling with debt (the pledge episodes say so), from every
/// pledge-year of the three episodes.
#[test]
fn the_committed_parameters_are_sensible() {
    let text = std::fs::read_to_string(datasets_dir().join("models/outlook.toml")).unwrap();
    let file: toml::Value = toml::from_str(&text).unwrap();
    let p = &file["params"];
    let f = |k: &str| p[k].as_float().unwrap();
    for k in ["sigma_e", "sigma_f"] {
        assert!(f(k) > 0.0 && f(k) < 1.0, "{k}");
    }
    assert!((0.0..1.0).contains(&f("phi")));
    assert!(f("nu") > 2.0);
    assert!(f("b") > 0.0, "frontline allies adjust faster");
    assert!(f("c") < 0.0, "indebted allies adjust slower");
    let episodes = file["episodes"].as_array().unwrap();
    assert_eq!(episodes.len(), 3);
    let years: i64 = episodes
        .iter()
        .map(|e| e["pledge_years"].as_integer().unwrap())
        .sum();
    assert_eq!(years, p["pledge_years"].as_integer().unwrap());
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
    // A copy of the datasets with the regime's persistence out of range.
    let dir = common::copy_datasets();
    let data = dir.path();
    let path = data.join("models/outlook.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let bad = text
        .lines()
        .map(|l| {
            if l.starts_with("phi = ") {
                "phi = 1.5".to_string()
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
        err.contains("models/outlook.toml") && err.contains("params.phi"),
        "{err}"
    );
}
