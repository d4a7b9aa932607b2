//! The bad-input corpus: malformed datasets, scenario files, arguments and
//! output paths. Every case: the exit code, a one-line message naming the
//! place and the problem, no panic, no output file left behind.

use crate::common;

use std::path::Path;

use common::{assert_dir_holds_only, copy_datasets, defspend};

/// Runs defspend with `args` (with `{out}` replaced by an output path in a fresh
/// directory) and checks the failure contract.
fn expect_failure(name: &str, data: Option<&Path>, args: &[&str], code: i32, needles: &[&str]) {
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("out.json");
    let mut cmd = defspend();
    if let Some(d) = data {
        cmd.arg("--data").arg(d);
    }
    for a in args {
        if *a == "{out}" {
            cmd.arg(&out);
        } else {
            cmd.arg(a);
        }
    }
    let output = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert_eq!(
        output.status.code(),
        Some(code),
        "{name}: exit code; stderr {stderr}"
    );
    assert!(!stderr.contains("panicked"), "{name}: panicked: {stderr}");
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "{name}: not one line: {stderr:?}"
    );
    for n in needles {
        assert!(stderr.contains(n), "{name}: {stderr:?} lacks {n:?}");
    }
    assert_dir_holds_only(out_dir.path(), &[]);
}

/// A copy of the datasets with one file rewritten by `edit`.
fn dataset_case(name: &str, file: &str, edit: impl Fn(&str) -> Vec<u8>, needles: &[&str]) {
    let data = copy_datasets();
    let path = data.path().join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, edit(&text)).unwrap();
    expect_failure(
        name,
        Some(data.path()),
        &[
            "shortfall",
            "--edition",
            "nato-2024",
            "--format",
            "json",
            "--output",
            "{out}",
        ],
        1,
        needles,
    );
}

fn replace_field(text: &str, line: usize, field: usize, value: &str) -> Vec<u8> {
    common::replace_field(text, line, field, value).into_bytes()
}

const EXP: &str = "nato-2024/expenditure.csv";

/// A dataset case: name, file, how to corrupt it, what the message must say.
type DatasetCase = (
    &'static str,
    &'static str,
    Box<dyn Fn(&str) -> Vec<u8>>,
    Vec<&'static str>,
);

#[test]
fn dataset_files() {
    let cases: Vec<DatasetCase> = vec![
        (
            "missing column",
            EXP,
            Box::new(|t| t.replacen(",share_of_gdp", "", 1).into_bytes()),
            vec!["expenditure.csv:1", "missing column 'share_of_gdp'"],
        ),
        (
            "extra column",
            EXP,
            Box::new(|t| t.replacen("other_pct", "other_pct,comment", 1).into_bytes()),
            vec!["expenditure.csv:1", "unexpected column 'comment'"],
        ),
        (
            "misnamed column",
            EXP,
            Box::new(|t| {
                t.replacen("gdp_usd_current_m", "gdp_current", 1)
                    .into_bytes()
            }),
            vec!["expenditure.csv:1", "missing column 'gdp_usd_current_m'"],
        ),
        (
            "year not a number",
            EXP,
            Box::new(|t| replace_field(t, 2, 1, "twenty")),
            vec!["expenditure.csv:2", "column year", "'twenty' is not a year"],
        ),
        (
            "estimate not a boolean",
            EXP,
            Box::new(|t| replace_field(t, 3, 2, "yes")),
            vec![
                "expenditure.csv:3",
                "column estimate",
                "'yes' is not true or false",
            ],
        ),
        (
            "text in a number",
            EXP,
            Box::new(|t| replace_field(t, 4, 4, "n/a")),
            vec![
                "expenditure.csv:4",
                "column defence_usd_current_m",
                "'n/a' is not a number",
            ],
        ),
        (
            "NaN",
            EXP,
            Box::new(|t| replace_field(t, 5, 3, "NaN")),
            vec![
                "expenditure.csv:5",
                "column share_of_gdp",
                "not a finite number",
            ],
        ),
        (
            "infinity",
            EXP,
            Box::new(|t| replace_field(t, 6, 6, "inf")),
            vec![
                "expenditure.csv:6",
                "column gdp_usd_current_m",
                "not a finite number",
            ],
        ),
        (
            "minus infinity",
            EXP,
            Box::new(|t| replace_field(t, 7, 5, "-inf")),
            vec!["expenditure.csv:7", "not a finite number"],
        ),
        (
            "overflowing number",
            EXP,
            Box::new(|t| replace_field(t, 8, 4, "1e400")),
            vec!["expenditure.csv:8", "not a finite number"],
        ),
        (
            "huge share",
            EXP,
            Box::new(|t| replace_field(t, 9, 3, "1e300")),
            vec![
                "expenditure.csv:9",
                "column share_of_gdp",
                "out of range",
                "at most 100",
            ],
        ),
        (
            "share above 100",
            EXP,
            Box::new(|t| replace_field(t, 10, 3, "101")),
            vec!["expenditure.csv:10", "out of range"],
        ),
        (
            "negative GDP",
            EXP,
            Box::new(|t| replace_field(t, 11, 6, "-1000")),
            vec![
                "expenditure.csv:11",
                "column gdp_usd_current_m",
                "more than zero",
            ],
        ),
        (
            "zero GDP",
            EXP,
            Box::new(|t| replace_field(t, 12, 7, "0")),
            vec![
                "expenditure.csv:12",
                "column gdp_usd_constant_m",
                "more than zero",
            ],
        ),
        (
            "negative spending",
            EXP,
            Box::new(|t| replace_field(t, 13, 4, "-3")),
            vec![
                "expenditure.csv:13",
                "column defence_usd_current_m",
                "zero to 1e",
            ],
        ),
        (
            "duplicate row",
            EXP,
            Box::new(|t| format!("{t}{}\n", t.lines().nth(1).unwrap()).into_bytes()),
            vec!["duplicate row for AL 2014 (first at line 2)"],
        ),
        (
            "unknown ally code",
            EXP,
            Box::new(|t| replace_field(t, 14, 0, "ZZ")),
            vec!["expenditure.csv:14", "unknown ally code 'ZZ'"],
        ),
        (
            "empty file",
            EXP,
            Box::new(|_| Vec::new()),
            vec!["expenditure.csv:1", "the file is empty"],
        ),
        (
            "header only",
            EXP,
            Box::new(|t| format!("{}\n", t.lines().next().unwrap()).into_bytes()),
            vec!["expenditure.csv", "no rows"],
        ),
        (
            "wrong encoding",
            EXP,
            Box::new(|t| {
                let mut b = t.as_bytes().to_vec();
                let pos = t.find("\nBE,").unwrap() + 1;
                b.insert(pos, 0xE9);
                b
            }),
            vec!["expenditure.csv:13", "not valid UTF-8"],
        ),
        (
            "ragged row",
            EXP,
            Box::new(|t| {
                let mut lines: Vec<String> = t.lines().map(String::from).collect();
                lines[14] = lines[14].rsplitn(4, ',').last().unwrap().to_string();
                (lines.join("\n") + "\n").into_bytes()
            }),
            vec!["expenditure.csv:15", "fields"],
        ),
        (
            "year outside the edition",
            EXP,
            Box::new(|t| replace_field(t, 16, 1, "2031")),
            vec!["expenditure.csv:16", "outside edition nato-2024"],
        ),
        (
            "estimate flag in the wrong year",
            EXP,
            Box::new(|t| replace_field(t, 2, 2, "true")),
            vec!["expenditure.csv:2", "column estimate", "not an estimate"],
        ),
        (
            "unknown aggregate",
            "nato-2024/aggregates.csv",
            Box::new(|t| replace_field(t, 2, 0, "NATO_ASIA")),
            vec!["aggregates.csv:2", "unknown aggregate 'NATO_ASIA'"],
        ),
        (
            "allies: duplicate code",
            "allies.csv",
            Box::new(|t| {
                format!(
                    "{t}{}\n",
                    t.lines().nth(1).unwrap().replacen("ALB", "ALX", 1)
                )
                .into_bytes()
            }),
            vec!["allies.csv:34", "listed twice"],
        ),
        (
            "allies: bad date",
            "allies.csv",
            Box::new(|t| t.replacen("2009-04-01", "2009-13-01", 1).into_bytes()),
            vec!["allies.csv:2", "accession_date"],
        ),
        (
            "allies: missing column",
            "allies.csv",
            Box::new(|t| t.replacen(",note", "", 1).into_bytes()),
            vec!["allies.csv:1", "missing column 'note'"],
        ),
        (
            "allies: bad region",
            "allies.csv",
            Box::new(|t| t.replacen(",Europe,", ",Asia,", 1).into_bytes()),
            vec!["allies.csv:2", "region"],
        ),
        (
            "manifest: syntax error",
            "editions.toml",
            Box::new(|t| {
                t.replacen("\n[[edition]]\n", "\n[[edition]\n", 1)
                    .into_bytes()
            }),
            vec!["editions.toml:6:", "unclosed array table"],
        ),
        (
            "manifest: unknown key",
            "editions.toml",
            Box::new(|t| {
                t.replacen(
                    "basis = \"total\"",
                    "basis = \"total\"\nbasis_note = \"x\"",
                    1,
                )
                .into_bytes()
            }),
            vec!["editions.toml:", "unknown field `basis_note`"],
        ),
        (
            "manifest: estimate outside the years",
            "editions.toml",
            Box::new(|t| {
                t.replacen(
                    "estimate_years = [2023, 2024]",
                    "estimate_years = [2023, 2025]",
                    1,
                )
                .into_bytes()
            }),
            vec![
                "editions.toml (edition nato-2024)",
                "estimate year 2025 is outside 2014-2024",
            ],
        ),
        (
            "manifest: bad date",
            "editions.toml",
            Box::new(|t| t.replacen("2024-06-17", "17 June 2024", 1).into_bytes()),
            vec!["editions.toml:", "is not a date"],
        ),
    ];
    assert!(cases.len() >= 30);
    for (name, file, edit, needles) in &cases {
        dataset_case(name, file, edit, needles);
    }
}

#[test]
fn bom_and_crlf_are_read_as_the_same_data() {
    let clean = defspend()
        .args(["shortfall", "--edition", "nato-2024", "--format", "csv"])
        .output()
        .unwrap();
    for (name, edit) in [
        (
            "BOM",
            Box::new(|t: &str| format!("\u{feff}{t}")) as Box<dyn Fn(&str) -> String>,
        ),
        ("CRLF", Box::new(|t: &str| t.replace('\n', "\r\n"))),
    ] {
        let data = copy_datasets();
        let path = data.path().join(EXP);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, edit(&text)).unwrap();
        let out = defspend()
            .arg("--data")
            .arg(data.path())
            .args(["shortfall", "--edition", "nato-2024", "--format", "csv"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(out.stdout, clean.stdout, "{name}");
    }
}

const SCENARIO: &str = "name = \"t\"\ndescription = \"d\"\nedition = \"nato-2026\"\nbaseline_year = 2025\ntarget_year = 2035\ntarget = 3.0\n";

#[test]
fn scenario_files() {
    let cases: Vec<(&str, String, Vec<&str>)> = vec![
        (
            "syntax error",
            SCENARIO.replace("name = \"t\"", "name = \"t"),
            vec!["s.toml:1:"],
        ),
        (
            "unknown key",
            format!("{SCENARIO}growth = 2\n"),
            vec!["s.toml:7:1", "unknown field `growth`"],
        ),
        (
            "target as text",
            SCENARIO.replace("target = 3.0", "target = \"3%\""),
            vec!["s.toml:6:10", "expected f64"],
        ),
        (
            "target zero",
            SCENARIO.replace("target = 3.0", "target = 0.0"),
            vec!["s.toml:6:10", "above 0"],
        ),
        (
            "target 150",
            SCENARIO.replace("target = 3.0", "target = 150"),
            vec!["s.toml:6:10", "below 100"],
        ),
        (
            "target year before baseline",
            SCENARIO.replace("target_year = 2035", "target_year = 2024"),
            vec!["s.toml:5:15", "after baseline_year"],
        ),
        (
            "target year equal to baseline",
            SCENARIO.replace("target_year = 2035", "target_year = 2025"),
            vec!["s.toml:5:15", "after baseline_year"],
        ),
        (
            "target year as text",
            SCENARIO.replace("target_year = 2035", "target_year = \"2035\""),
            vec!["s.toml:5:15", "expected i32"],
        ),
        (
            "baseline before the edition",
            SCENARIO.replace("baseline_year = 2025", "baseline_year = 2010"),
            vec!["s.toml:4:17", "outside edition"],
        ),
        (
            "unknown edition",
            SCENARIO.replace("nato-2026", "nato-1999"),
            vec!["s.toml:3:11", "unknown edition"],
        ),
        (
            "related without core",
            SCENARIO.replace("target = 3.0", "related = 1.5"),
            vec!["s.toml:6:11", "related needs a core"],
        ),
        (
            "growth below -50%",
            format!("{SCENARIO}real_gdp_growth = -80\n"),
            vec!["s.toml:7:19", "outside -50 to 100"],
        ),
        (
            "inflation as text",
            format!("{SCENARIO}inflation = \"high\"\n"),
            vec!["s.toml:7:13", "expected f64"],
        ),
        (
            "unknown path shape",
            format!("{SCENARIO}path = \"exponential\"\n"),
            vec!["s.toml:7:8", "unknown variant `exponential`"],
        ),
        (
            "unknown group",
            format!("{SCENARIO}groups = [\"asia\"]\n"),
            vec!["s.toml:7:10", "unknown group 'asia'"],
        ),
        (
            "unknown ally in a group",
            format!("{SCENARIO}groups = [{{ name = \"x\", allies = [\"Narnia\"] }}]\n"),
            vec!["s.toml:7:10", "unknown ally 'Narnia'"],
        ),
        (
            "unknown ally override",
            format!("{SCENARIO}[allies.Narnia]\ntarget = 2\n"),
            vec!["s.toml:7:9", "unknown ally 'Narnia'"],
        ),
        (
            "unknown key in an override",
            format!("{SCENARIO}[allies.ES]\ncore_target = 2\n"),
            vec!["s.toml:8:1", "unknown field `core_target`"],
        ),
        (
            "review year after target",
            format!("{SCENARIO}review_year = 2040\n"),
            vec!["s.toml:7:15", "outside 2025-2035"],
        ),
        ("empty file", String::new(), vec!["s.toml", "missing field"]),
    ];
    assert!(cases.len() >= 20);
    for (name, body, needles) in &cases {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("s.toml");
        std::fs::write(&file, body).unwrap();
        let f = file.to_str().unwrap();
        expect_failure(
            name,
            None,
            &[
                "scenario", "run", f, "--format", "json", "--output", "{out}",
            ],
            1,
            needles,
        );
        expect_failure(name, None, &["scenario", "check", f], 1, needles);
    }
}

#[test]
fn command_line_arguments() {
    let cases: Vec<(&str, Vec<&str>, Vec<&str>)> = vec![
        (
            "year before the edition",
            vec![
                "shortfall",
                "--edition",
                "nato-2024",
                "--year",
                "1990",
                "--output",
                "{out}",
            ],
            vec!["--year", "1990 is outside edition nato-2024"],
        ),
        (
            "year not a number",
            vec!["shortfall", "--year", "last", "--output", "{out}"],
            vec!["--year", "'last'"],
        ),
        (
            "negative target",
            vec!["shortfall", "--target", "-1", "--output", "{out}"],
            vec!["--target", "above 0"],
        ),
        (
            "target not a number",
            vec!["shortfall", "--target", "two", "--output", "{out}"],
            vec!["--target", "not a number"],
        ),
        (
            "target of 100",
            vec!["compare", "--targets", "2,100", "--output", "{out}"],
            vec!["--targets", "below 100"],
        ),
        (
            "empty target in a list",
            vec!["compare", "--targets", "2,,3", "--output", "{out}"],
            vec!["--targets", "not a number"],
        ),
        (
            "unknown edition",
            vec!["burden", "--edition", "nato-1999", "--output", "{out}"],
            vec!["--edition", "unknown edition 'nato-1999'"],
        ),
        (
            "unknown format",
            vec!["shortfall", "--format", "docx", "--output", "{out}"],
            vec!["--format", "docx"],
        ),
        ("unknown command", vec!["shortfal"], vec!["shortfal"]),
        (
            "unknown chart kind",
            vec!["chart", "pie", "--output", "{out}"],
            vec!["pie"],
        ),
        (
            "chart too narrow",
            vec!["chart", "shares", "--width", "10", "--output", "{out}"],
            vec!["--width", "10"],
        ),
        (
            "chart scale too large",
            vec!["chart", "shares", "--scale", "9", "--output", "{out}"],
            vec!["--scale", "9"],
        ),
        (
            "unknown ally",
            vec!["ally", "Narnia"],
            vec!["unknown ally 'Narnia'"],
        ),
        (
            "growth threshold negative",
            vec![
                "scenario",
                "run",
                "hague-2035",
                "--growth-threshold",
                "-5",
                "--output",
                "{out}",
            ],
            vec!["--growth-threshold", "positive"],
        ),
    ];
    for (name, args, needles) in &cases {
        expect_failure(name, None, args, 2, needles);
    }
}

#[test]
fn output_paths() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no/such/dir/out.csv");
    let missing = missing.to_str().unwrap();
    let is_dir = dir.path().to_str().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    let file = file.to_str().unwrap();
    let cases: Vec<(&str, Vec<&str>, i32, Vec<&str>)> = vec![
        (
            "missing directory",
            vec!["shortfall", "--output", missing],
            1,
            vec!["cannot write", "does not exist"],
        ),
        (
            "path is a directory",
            vec!["shortfall", "--output", is_dir],
            1,
            vec!["cannot write", "it is a directory"],
        ),
        // /proc refuses new files even to root: the same as a directory without write permission.
        (
            "no permission",
            vec!["shortfall", "--output", "/proc/defspend-out.csv"],
            1,
            vec!["cannot write /proc/defspend-out.csv"],
        ),
        (
            "chart into a missing directory",
            vec![
                "chart",
                "shares",
                "--output",
                missing
                    .strip_suffix(".csv")
                    .map(|_| "/nonexistent/x.png")
                    .unwrap(),
            ],
            1,
            vec!["cannot write /nonexistent/x.png"],
        ),
        (
            "chart without an extension",
            vec!["chart", "shares", "--output", "chart"],
            2,
            vec!["--output", ".png or .svg"],
        ),
        (
            "report into a file",
            vec!["report", "--out", file],
            1,
            vec!["cannot write", "not a directory"],
        ),
        (
            "validate report into /proc",
            vec![
                "validate",
                "--format",
                "csv",
                "--output",
                "/proc/defspend-validate.csv",
            ],
            1,
            vec!["cannot write /proc/defspend-validate.csv"],
        ),
    ];
    for (name, args, code, needles) in &cases {
        expect_failure(name, None, args, *code, needles);
    }
    assert_dir_holds_only(dir.path(), &["a-file"]);
}
