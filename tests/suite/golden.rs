//! Golden outputs: every command in every format on the embedded data, both
//! editions, the SVG of every chart kind and the text files of a report. A change
//! to any of them is a change users see; review it with `cargo insta review`
//! (or delete the snapshot and rerun) and say why in the commit.

use crate::common;

use common::defspend;

const FORMATS: [&str; 4] = ["table", "csv", "json", "markdown"];
const EDITIONS: [&str; 2] = ["nato-2024", "nato-2026"];
const SCENARIOS: [&str; 5] = [
    "hague-2035",
    "hague-2035-imf",
    "hague-2035-spain-flex",
    "three-percent",
    "wales-2pct",
];

fn snapshot(name: &str, text: &str) {
    // Say which snapshot this run refers to (every_snapshot_is_referenced).
    if let Some(record) = std::env::var_os("DEFSPEND_GOLDEN_NAMES") {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(record)
            .unwrap();
        // One write per name: the tests append from several threads.
        file.write_all(format!("{name}\n").as_bytes()).unwrap();
    }
    insta::with_settings!({
        snapshot_path => "golden",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

/// Runs defspend with `args`; the snapshot holds stdout and the exit code.
fn golden(name: &str, args: &[&str]) {
    golden_in(name, args, None);
}

/// [`golden`] with `home` as defspend's data home (an empty one: SIPRI not
/// installed, whatever other tests installed).
fn golden_in(name: &str, args: &[&str], home: Option<&std::path::Path>) {
    let mut cmd = defspend();
    if let Some(home) = home {
        cmd.env("DEFSPEND_DATA_HOME", home);
    }
    let out = cmd.args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    let text = format!(
        "$ defspend {}\nexit: {}\n{}",
        args.join(" "),
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout)
    );
    snapshot(name, &text);
}

#[test]
fn shortfall() {
    for edition in EDITIONS {
        for format in FORMATS {
            golden(
                &format!("shortfall-{edition}-{format}"),
                &["shortfall", "--edition", edition, "--format", format],
            );
        }
        golden(
            &format!("shortfall-{edition}-2022-target-3"),
            &[
                "shortfall",
                "--edition",
                edition,
                "--year",
                "2022",
                "--target",
                "3",
            ],
        );
    }
    golden(
        "shortfall-2016-before-accessions",
        &[
            "shortfall",
            "--edition",
            "nato-2024",
            "--year",
            "2016",
            "--format",
            "json",
        ],
    );
}

#[test]
fn compare() {
    for edition in EDITIONS {
        for format in FORMATS {
            golden(
                &format!("compare-{edition}-{format}"),
                &["compare", "--edition", edition, "--format", format],
            );
        }
    }
    golden(
        "compare-targets-2-3.5-2024",
        &["compare", "--targets", "2,3.5", "--year", "2024"],
    );
}

#[test]
fn burden() {
    for edition in EDITIONS {
        for format in FORMATS {
            golden(
                &format!("burden-{edition}-{format}"),
                &["burden", "--edition", edition, "--format", format],
            );
        }
    }
}

#[test]
fn ally() {
    for edition in EDITIONS {
        for format in FORMATS {
            golden(
                &format!("ally-italy-{edition}-{format}"),
                &["ally", "Italy", "--edition", edition, "--format", format],
            );
        }
        golden(
            &format!("ally-iceland-{edition}"),
            &["ally", "IS", "--edition", edition],
        );
        golden(
            &format!("ally-finland-{edition}"),
            &["ally", "fin", "--edition", edition, "--format", "csv"],
        );
    }
}

#[test]
fn dispersion() {
    for format in FORMATS {
        golden(
            &format!("dispersion-nato-2024-{format}"),
            &["dispersion", "--edition", "nato-2024", "--format", format],
        );
    }
    golden("dispersion-nato-2026", &["dispersion"]);
    chart_svg(
        "chart-dispersion",
        &["dispersion", "--edition", "nato-2024"],
    );
}

#[test]
fn fiscal() {
    for format in FORMATS {
        golden(
            &format!("fiscal-hague-2035-imf-{format}"),
            &["fiscal", "--allies", "Italy", "--format", format],
        );
    }
    golden("fiscal-2030", &["fiscal", "--year", "2030"]);
    chart_svg("chart-fiscal", &["fiscal"]);
}

/// The map at a small size (the golden file stays small; the drawing is the same).
#[test]
fn map() {
    chart_svg(
        "chart-map",
        &[
            "map",
            "--edition",
            "nato-2024",
            "--year",
            "2024",
            "--width",
            "800",
            "--height",
            "500",
        ],
    );
}

#[test]
fn personnel() {
    for format in FORMATS {
        golden(
            &format!("personnel-nato-2026-{format}"),
            &["personnel", "--format", format],
        );
    }
    golden(
        "personnel-nato-2024-2024-since-2019",
        &["personnel", "--edition", "nato-2024", "--since", "2019"],
    );
}

/// NATO's, SIPRI's and Eurostat's measures: with SIPRI installed (its
/// column), and the compare at PPP (Russia and China from SIPRI).
#[test]
fn definitions_and_ppp() {
    if !common::with_sipri("definitions_and_ppp") {
        return;
    }
    for format in FORMATS {
        golden(
            &format!("definitions-nato-2026-{format}"),
            &["definitions", "--format", format],
        );
    }
    golden(
        "definitions-nato-2024-italy-2019-2024",
        &[
            "definitions",
            "--edition",
            "nato-2024",
            "--allies",
            "Italy,Spain",
            "--years",
            "2019-2024",
        ],
    );
    golden(
        "compare-ppp-2024",
        &["compare", "--prices", "ppp", "--year", "2024"],
    );
    chart_svg("chart-definitions", &["definitions"]);
    chart_svg("chart-rivals-ppp", &["rivals", "--prices", "ppp"]);
    chart_svg(
        "chart-gaps-ppp-2024",
        &["gaps", "--prices", "ppp", "--year", "2024"],
    );
    golden(
        "compare-ppp-2024-json",
        &[
            "compare", "--prices", "ppp", "--year", "2024", "--format", "json",
        ],
    );
}

#[test]
fn decompose() {
    for format in FORMATS {
        golden(
            &format!("decompose-nato-2024-{format}"),
            &["decompose", "--edition", "nato-2024", "--format", format],
        );
    }
    golden("decompose-nato-2026-2021", &["decompose", "--from", "2021"]);
    golden(
        "decompose-covid",
        &[
            "decompose",
            "--edition",
            "nato-2024",
            "--from",
            "2019",
            "--to",
            "2020",
        ],
    );
}

#[test]
fn outlook() {
    for format in FORMATS {
        golden(
            &format!("outlook-{format}"),
            &["outlook", "--draws", "2000", "--format", format],
        );
    }
    golden(
        "outlook-record-3pct-2030-italy",
        &[
            "outlook", "--draws", "2000", "--model", "record", "--anchor", "record", "--target",
            "3", "--by", "2030", "--allies", "Italy",
        ],
    );
    golden(
        "outlook-sensitivity-csv",
        &[
            "outlook",
            "--draws",
            "2000",
            "--sensitivity",
            "--format",
            "csv",
        ],
    );
    golden(
        "outlook-sensitivity-table",
        &[
            "outlook",
            "--draws",
            "2000",
            "--sensitivity",
            "--allies",
            "Italy",
        ],
    );
}

#[test]
fn plans() {
    for format in FORMATS {
        golden(&format!("plans-{format}"), &["plans", "--format", format]);
    }
    golden(
        "plans-imf-italy-czechia",
        &[
            "plans",
            "--scenario",
            "hague-2035-imf",
            "--allies",
            "Italy,CZ",
        ],
    );
    // The plans' record: each vintage's milestones and the Wales pledge
    // against NATO's figures.
    for format in ["table", "csv"] {
        golden(
            &format!("plans-record-{format}"),
            &["plans", "record", "--format", format],
        );
    }
}

#[test]
fn economy() {
    for format in FORMATS {
        golden(
            &format!("economy-italy-poland-{format}"),
            &[
                "economy",
                "Italy,Poland",
                "--years",
                "2022-2030",
                "--format",
                format,
            ],
        );
    }
    golden("economy-all-2030", &["economy", "--years", "2030"]);
}

#[test]
fn reference_commands() {
    let empty = tempfile::tempdir().unwrap();
    for format in FORMATS {
        golden(&format!("allies-{format}"), &["allies", "--format", format]);
        golden(
            &format!("editions-{format}"),
            &["editions", "--format", format],
        );
        // validate reads an installed SIPRI release too: none here.
        golden_in(
            &format!("validate-{format}"),
            &["validate", "--format", format],
            Some(empty.path()),
        );
        golden(
            &format!("scenario-list-{format}"),
            &["scenario", "list", "--format", format],
        );
    }
    golden(
        "validate-nato-2024",
        &["validate", "--edition", "nato-2024"],
    );
    for scenario in SCENARIOS {
        golden(
            &format!("scenario-check-{scenario}"),
            &["scenario", "check", scenario],
        );
    }
}

#[test]
fn scenario_run() {
    for scenario in SCENARIOS {
        for format in FORMATS {
            golden(
                &format!("scenario-run-{scenario}-{format}"),
                &["scenario", "run", scenario, "--format", format],
            );
        }
    }
    golden(
        "scenario-run-hague-2035-italy-poland",
        &[
            "scenario",
            "run",
            "hague-2035",
            "--allies",
            "Italy,PL",
            "--growth-threshold",
            "8",
        ],
    );
    // Changed for the run: core 3% by 2030, equal real growth, Spain at 2.1%.
    golden(
        "scenario-run-hague-2035-changed",
        &[
            "scenario",
            "run",
            "hague-2035",
            "--target",
            "3",
            "--by",
            "2030",
            "--path",
            "constant-growth",
            "--ally-target",
            "Spain=2.1",
        ],
    );
}

/// The SVG of a chart (its text is deterministic, unlike anti-aliased pixels).
fn chart_svg(name: &str, args: &[&str]) {
    chart_svg_in(name, args, None);
}

/// [`chart_svg`] with `home` as defspend's data home (an empty one: SIPRI
/// not installed, whatever other tests installed).
fn chart_svg_in(name: &str, args: &[&str], home: Option<&std::path::Path>) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("chart.svg");
    let mut cmd = defspend();
    if let Some(home) = home {
        cmd.env("DEFSPEND_DATA_HOME", home);
    }
    let out = cmd
        .arg("chart")
        .args(args)
        .arg("--output")
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(&file).unwrap();
    snapshot(name, &svg);
}

#[test]
fn charts() {
    for kind in [
        "shares",
        "gaps",
        "burden",
        "trend",
        "equipment",
        "us-vs-europe",
    ] {
        for edition in EDITIONS {
            chart_svg(
                &format!("chart-{kind}-{edition}"),
                &[kind, "--edition", edition],
            );
        }
    }
    chart_svg("chart-trajectory", &["trajectory"]);
    chart_svg("chart-odds", &["odds", "--draws", "2000"]);
    chart_svg("chart-plans", &["plans"]);
    chart_svg(
        "chart-fan-italy-poland",
        &["fan", "--draws", "2000", "--allies", "Italy,Poland"],
    );
    chart_svg(
        "chart-decompose-nato-2024",
        &["decompose", "--edition", "nato-2024", "--from", "2014"],
    );
    chart_svg(
        "chart-trajectory-italy-spain-germany",
        &[
            "trajectory",
            "--scenario",
            "hague-2035",
            "--allies",
            "Italy,Spain,Germany",
            "--groups",
            "europe-canada",
        ],
    );
    chart_svg(
        "chart-trend-allies-2-3",
        &[
            "trend",
            "--edition",
            "nato-2024",
            "--allies",
            "PL,DE",
            "--groups",
            "eu",
            "--targets",
            "2,3",
            "--title",
            "Poland and Germany",
        ],
    );
    // Long group labels: the plot leaves room for them at the lines' ends.
    chart_svg(
        "chart-trend-named-groups",
        &[
            "trend",
            "--groups",
            "nordic-baltic,eastern-flank,big-four,europe-canada",
        ],
    );
    chart_svg(
        "chart-shares-2020-one-target",
        &[
            "shares",
            "--edition",
            "nato-2024",
            "--year",
            "2020",
            "--targets",
            "2",
        ],
    );
    chart_svg("chart-revisions", &["revisions"]);
    for edition in EDITIONS {
        chart_svg(
            &format!("chart-per-capita-{edition}"),
            &["per-capita", "--edition", edition],
        );
    }
}

/// SIPRI's series: they need its database, installed from its workbook.
#[test]
fn long_view() {
    if !common::with_sipri("long_view") {
        return;
    }
    chart_svg("chart-long-run", &["long-run"]);
    chart_svg(
        "chart-long-run-countries",
        &[
            "long-run",
            "--countries",
            "France,UK,Germany",
            "--from",
            "1960",
        ],
    );
    chart_svg("chart-rivals", &["rivals"]);
    golden("dispersion-sipri", &["dispersion", "--source", "sipri"]);
    golden(
        "dispersion-sipri-csv",
        &["dispersion", "--source", "sipri", "--format", "csv"],
    );
    for format in FORMATS {
        golden(
            &format!("history-{format}"),
            &[
                "history",
                "Russia,China,Ukraine,us,europe-canada",
                "--since",
                "2010",
                "--format",
                format,
            ],
        );
        golden(
            &format!("crosscheck-{format}"),
            &["crosscheck", "--edition", "nato-2024", "--format", format],
        );
    }
    golden(
        "history-ussr-constant",
        &[
            "history",
            "USSR,Russia",
            "--measure",
            "constant",
            "--since",
            "1985",
        ],
    );
    golden(
        "history-nato-per-capita",
        &[
            "history",
            "Italy,europe-canada",
            "--source",
            "nato",
            "--edition",
            "nato-2024",
            "--measure",
            "per-capita",
        ],
    );
    golden("crosscheck-nato-2026", &["crosscheck"]);
}

/// Two NATO editions side by side, and spending per person: NATO's and the IMF's data only.
#[test]
fn revisions_and_per_person() {
    for format in FORMATS {
        golden(
            &format!("revisions-{format}"),
            &["revisions", "--format", format],
        );
    }
    golden("compare-per-capita", &["compare", "--per-capita"]);
    // Each group's population and gap per person, beside each ally's.
    golden(
        "compare-per-capita-csv",
        &["compare", "--per-capita", "--format", "csv"],
    );
    for edition in EDITIONS {
        golden(
            &format!("burden-per-capita-{edition}"),
            &["burden", "--per-capita", "--edition", edition],
        );
    }
    golden(
        "revisions-constant",
        &[
            "revisions",
            "--measure",
            "constant",
            "--allies",
            "Italy,Poland",
        ],
    );
}

/// The files of a folder, sorted.
fn file_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn report_text_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief");
    let run = defspend()
        .args([
            "report",
            "--scenario",
            "hague-2035",
            "--scenario",
            "three-percent",
            "--scenario",
            "wales-2pct",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let names = file_names(&out);
    snapshot("report-files", &names.join("\n"));
    for name in names
        .iter()
        .filter(|n| !n.ends_with(".png") && !n.ends_with(".xlsx"))
    {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        snapshot(&format!("report-{name}"), &without_svg(&text));
    }
}

/// A page with each inline SVG cut to its opening tag: the charts have goldens
/// of their own.
fn without_svg(page: &str) -> String {
    let mut out = String::new();
    let mut rest = page;
    while let Some(start) = rest.find("<svg ") {
        let open_end = start + rest[start..].find('>').unwrap() + 1;
        out.push_str(&rest[..open_end]);
        out.push_str("[chart]");
        let close = open_end + rest[open_end..].find("</svg>").unwrap();
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

#[test]
fn report_with_the_outlook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief");
    let run = defspend()
        .args(["report", "--outlook", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(run.status.success());
    let names = file_names(&out);
    snapshot("report-outlook-files", &names.join("\n"));
    let text = std::fs::read_to_string(out.join("report.md")).unwrap();
    snapshot("report-outlook-report.md", &text);
}

/// The earlier vintages stay reproducible: with the April 2025 outlook and the
/// mid-2025 plans named, each output is byte for byte the one these commands
/// gave before the April 2026 outlook and the November 2026 plans became the
/// defaults (each snapshot is the earlier golden, its command line extended).
#[test]
fn earlier_vintages_reproduce_earlier_outputs() {
    let economy = ["--economy", "imf-weo-2025-04"];
    let both = ["--economy", "imf-weo-2025-04", "--plans-vintage", "2025"];
    // The odds as they were: the record model, since replaced as the default.
    let odds = [
        "--economy",
        "imf-weo-2025-04",
        "--plans-vintage",
        "2025",
        "--model",
        "record",
    ];
    let cases: [(&str, &[&str], &[&str]); 12] = [
        (
            "ally-italy-nato-2026-json",
            &[
                "ally",
                "Italy",
                "--edition",
                "nato-2026",
                "--format",
                "json",
            ],
            &economy,
        ),
        (
            "ally-iceland-nato-2026",
            &["ally", "IS", "--edition", "nato-2026"],
            &economy,
        ),
        (
            "burden-per-capita-nato-2026",
            &["burden", "--per-capita", "--edition", "nato-2026"],
            &economy,
        ),
        ("compare-per-capita", &["compare", "--per-capita"], &economy),
        (
            "economy-italy-poland-json",
            &[
                "economy",
                "Italy,Poland",
                "--years",
                "2022-2030",
                "--format",
                "json",
            ],
            &economy,
        ),
        (
            "economy-all-2030",
            &["economy", "--years", "2030"],
            &economy,
        ),
        (
            "outlook-json",
            &["outlook", "--draws", "2000", "--format", "json"],
            &odds,
        ),
        (
            "outlook-table",
            &["outlook", "--draws", "2000", "--format", "table"],
            &odds,
        ),
        (
            "plans-json",
            &["plans", "--format", "json"],
            &["--plans-vintage", "2025"],
        ),
        (
            "plans-table",
            &["plans", "--format", "table"],
            &["--plans-vintage", "2025"],
        ),
        (
            "plans-imf-italy-czechia",
            &[
                "plans",
                "--scenario",
                "hague-2035-imf",
                "--allies",
                "Italy,CZ",
            ],
            &["--plans-vintage", "2025", "--economy", "imf-weo-2025-04"],
        ),
        (
            "scenario-run-hague-2035-imf-csv",
            &["scenario", "run", "hague-2035-imf", "--format", "csv"],
            &economy,
        ),
    ];
    for (name, args, vintage) in cases {
        let all: Vec<&str> = args.iter().chain(vintage).copied().collect();
        golden(&format!("vintage-2025-{name}"), &all);
    }
    chart_svg(
        "vintage-2025-chart-odds",
        &[
            "odds", "--draws", "2000", odds[0], odds[1], odds[2], odds[3], odds[4], odds[5],
        ],
    );
    chart_svg(
        "vintage-2025-chart-plans",
        &["plans", "--plans-vintage", "2025"],
    );
    chart_svg(
        "vintage-2025-chart-fan-italy-poland",
        &[
            "fan",
            "--draws",
            "2000",
            "--allies",
            "Italy,Poland",
            odds[4],
            odds[5],
            both[0],
            both[1],
            both[2],
            both[3],
        ],
    );
    chart_svg(
        "vintage-2025-chart-per-capita-nato-2026",
        &[
            "per-capita",
            "--edition",
            "nato-2026",
            economy[0],
            economy[1],
        ],
    );
}

#[test]
fn sources_and_vintages() {
    // Every source with its checksums, SIPRI not installed (an empty data home).
    let home = tempfile::tempdir().unwrap();
    for format in ["table", "csv"] {
        let args = ["sources", "--format", format];
        let out = defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .args(args)
            .output()
            .unwrap();
        snapshot(
            &format!("sources-{format}"),
            &format!(
                "$ defspend {}\nexit: {}\n{}",
                args.join(" "),
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout)
            ),
        );
    }
    for format in FORMATS {
        golden(
            &format!("plans-changes-{format}"),
            &[
                "plans",
                "changes",
                "--from-vintage",
                "2025",
                "--to-vintage",
                "2026-11",
                "--format",
                format,
            ],
        );
    }
    golden(
        "economy-compare-germany",
        &[
            "economy",
            "Germany,Italy",
            "--compare",
            "imf-weo-2025-04",
            "--series",
            "NGDP_RPCH,NGDPD",
            "--years",
            "2025-2030",
        ],
    );
    golden(
        "economy-government-2031",
        &[
            "economy",
            "--series",
            "GGXWDG_NGDP,GGX_NGDP,GGR_NGDP",
            "--years",
            "2031",
        ],
    );
}

#[test]
fn backtest() {
    // SIPRI not installed (an empty data home): the record model beside the
    // best baseline; the NATO backtests, with the adjustment model and the
    // random walk of wales-2014 said to need SIPRI.
    let home = tempfile::tempdir().unwrap();
    chart_svg_in(
        "chart-calibration-nato-2019",
        &["calibration"],
        Some(home.path()),
    );
    golden_in(
        "backtest-nato-one-year",
        &["backtest", "nato-one-year"],
        Some(home.path()),
    );
    for format in ["table", "csv", "json"] {
        let args = ["backtest", "nato-2019,wales-2014", "--format", format];
        let out = defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .args(args)
            .output()
            .unwrap();
        snapshot(
            &format!("backtest-nato-{format}"),
            &format!(
                "$ defspend {}\nexit: {}\n{}",
                args.join(" "),
                out.status.code().unwrap_or(-1),
                String::from_utf8_lossy(&out.stdout)
            ),
        );
    }
}

/// Every snapshot in `tests/suite/golden/` is one a test refers to: a snapshot
/// left behind by a renamed or removed case is an error, not dead weight
/// (and a stray `.snap.new` is a review not finished). The golden tests run
/// again in a child process that writes down the name of each snapshot it
/// checks.
#[test]
fn every_snapshot_is_referenced() {
    if std::env::var_os("DEFSPEND_GOLDEN_NAMES").is_some() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("names");
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "golden::",
            "--skip",
            "every_snapshot_is_referenced",
            "--test-threads",
            "2",
        ])
        .env("DEFSPEND_GOLDEN_NAMES", &record)
        .env_remove("INSTA_UPDATE")
        .env("INSTA_UPDATE", "no")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "the golden suite failed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    let referenced: std::collections::BTreeSet<String> = std::fs::read_to_string(&record)
        .unwrap()
        .lines()
        .map(|n| format!("{n}.snap"))
        .collect();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/suite/golden");
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(&golden).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if !referenced.contains(&name) {
            stray.push(name);
        }
    }
    stray.sort();
    assert!(
        stray.is_empty(),
        "snapshots no test refers to (delete them, or finish the review of a .snap.new): {stray:?}"
    );
}
