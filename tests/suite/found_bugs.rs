//! Bugs found by testing, each with the test that failed before its fix.

use crate::common;

use common::defspend;

/// A backwards comparison of editions (from the newer to the older) is said.
#[test]
fn revisions_from_a_newer_edition_say_so() {
    let out = defspend()
        .args([
            "revisions",
            "--from-edition",
            "nato-2026",
            "--to-edition",
            "nato-2024",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Backwards: nato-2026 (July 2026) is the newer edition"),
        "{text}"
    );
    let forward = defspend()
        .args([
            "revisions",
            "--from-edition",
            "nato-2024",
            "--to-edition",
            "nato-2026",
        ])
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&forward.stdout).contains("Backwards"));
}

/// Ally names with a hyphen for the space resolve (the help's
/// `history Russia,China,United-States`; here an ally on NATO's figures).
#[test]
fn hyphenated_ally_names_resolve() {
    let out = defspend()
        .args(["ally", "United-Kingdom", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("UK"));
}

/// A data home that does not exist, or is a file, is named as the problem,
/// not reported as SIPRI's database missing.
#[test]
fn a_bad_data_home_is_said_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a-file");
    std::fs::write(&file, "x").unwrap();
    for (home, needle) in [
        (dir.path().join("missing"), "no such directory"),
        (file, "not a directory"),
    ] {
        let line = common::assert_fails_with(
            defspend()
                .env("DEFSPEND_DATA_HOME", &home)
                .args(["history", "Russia"]),
            &["DEFSPEND_DATA_HOME=", needle],
        );
        assert!(!line.contains("not installed"), "{line}");
    }
}

/// `--target` and `--targets` are one flag wherever targets are taken; a
/// target given twice is refused; an ally named twice is one column.
#[test]
fn one_name_for_targets_and_no_repeats() {
    for args in [
        vec!["compare", "--target", "2,3", "--format", "csv"],
        vec!["shortfall", "--targets", "3", "--format", "csv"],
        vec![
            "outlook",
            "--targets",
            "3",
            "--draws",
            "100",
            "--format",
            "csv",
        ],
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    common::assert_fails_with(
        defspend().args(["compare", "--targets", "2,3,2"]),
        &["--targets: 2 is given twice"],
    );
    let out = defspend()
        .args([
            "outlook", "--draws", "100", "--allies", "Italy,IT", "--format", "csv",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let italy_2030 = text
        .lines()
        .filter(|l| l.starts_with("ally,IT,") && l.contains(",2030,"))
        .count();
    assert!(italy_2030 <= 1, "{italy_2030}");
}

/// `--per-capita` reaches the CSV: burden's rows carry spending per person
/// (spending over population, NATO's Table 2 over the IMF's population) and
/// compare's the gap per person to the row's target.
#[test]
fn per_person_figures_are_in_the_csv() {
    // Spending over the IMF's population, on an edition without NATO's Table 6.
    let data = common::without_table_6();
    let rows =
        |args: &[&str]| common::csv_maps(defspend().arg("--data").arg(data.path()).args(args));
    let num = |r: &std::collections::HashMap<String, String>, k: &str| -> f64 {
        r[k].parse()
            .unwrap_or_else(|_| panic!("{k}: {:?}", r.get(k)))
    };
    let burden = rows(&["burden", "--per-capita", "--format", "csv"]);
    assert!(burden.len() >= 30);
    for r in &burden {
        let spending = num(r, "defence_usd_current_m");
        let product = num(r, "per_person_usd") * num(r, "population_m");
        assert!((product - spending).abs() <= 1e-3 * spending, "{r:?}");
    }
    let compare = rows(&["compare", "--per-capita", "--format", "csv"]);
    let mut checked = 0;
    for r in compare
        .iter()
        .filter(|r| r["kind"] == "ally" && r["status"] == "below")
    {
        let gap_m = num(r, "gap_usd_current_bn") * 1000.0;
        let product = num(r, "gap_per_person_usd") * num(r, "population_m");
        assert!((product - gap_m).abs() <= 1e-3 * gap_m + 0.01, "{r:?}");
        checked += 1;
    }
    assert!(checked > 20, "{checked}");
}

/// A scenario that sets a target for Iceland (no armed forces) is refused
/// with the file, line and column, not run with the entry ignored.
#[test]
fn a_target_for_an_ally_without_forces_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("is.toml");
    let base = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hague-2035.toml"),
    )
    .unwrap();
    std::fs::write(&file, format!("{base}\n[allies.IS]\ncore = 2.0\n")).unwrap();
    let line = common::assert_fails_with(
        defspend().args(["scenario", "check"]).arg(&file),
        &["is.toml:", "Iceland has no armed forces"],
    );
    assert!(line.contains(':'), "{line}");
}

/// Plans set against a path that starts before they were announced (Wales
/// from 2014) say they are read back to the baseline.
#[test]
fn plans_read_back_before_they_were_announced_say_so() {
    let out = defspend()
        .args(["plans", "--scenario", "wales-2pct"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("set against a path from 2014, each is read back"),
        "{text}"
    );
    let hague = defspend().args(["plans"]).output().unwrap();
    assert!(!String::from_utf8_lossy(&hague.stdout).contains("read back"));
}

/// decompose works on D/Y (its effects add up exactly) and names where NATO
/// publishes another share: Slovakia 2024e, 2.00 in the June 2024 edition's
/// Table 3, D/Y 1.989.
#[test]
fn decompose_names_a_published_share_that_is_not_d_over_y() {
    let out = defspend()
        .args([
            "decompose",
            "--edition",
            "nato-2024",
            "--from",
            "2014",
            "--to",
            "2024",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Slovak Republic 2024e (NATO 2.00, D/Y 1.989)"),
        "{text}"
    );
}

/// A constant-dollar column names its price base year (2015 in the June 2024
/// edition, 2021 in the July 2026 one: editions.toml), and a history's tidy
/// rows state their unit: USD million, as the CSV holds them, not the
/// billions the terminal table shows.
#[test]
fn constant_dollar_columns_name_their_base_year() {
    let header = |args: &[&str]| {
        let out = defspend().args(args).output().unwrap();
        assert!(out.status.success());
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .next()
            .unwrap()
            .to_string()
    };
    for (edition, base) in [("nato-2024", 2015), ("nato-2026", 2021)] {
        for command in ["compare", "shortfall", "ally Italy"] {
            let mut args: Vec<&str> = command.split(' ').collect();
            args.extend(["--edition", edition, "--format", "csv"]);
            let header = header(&args);
            assert!(
                header.contains(&format!("_constant_{base}_")),
                "{command}: {header}"
            );
            assert!(!header.contains("_constant_m") && !header.contains("_constant_bn"));
        }
    }
    // NATO's Table 2 (June 2024 edition): Italy 2014, USD million at 2015 prices.
    let out = defspend()
        .args([
            "history",
            "--source",
            "nato",
            "Italy",
            "--measure",
            "constant",
        ])
        .args(["--edition", "nato-2024", "--format", "csv"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "Italy,IT,nato-2024,constant,2014,20787.945278,\"USD m, constant 2015 prices\",figure"
        ),
        "{text}"
    );
}

/// `economy --compare` computes later less earlier whichever outlook is given
/// with which flag: the IMF cut Italy's 2026 real GDP growth from 0.84%
/// (April 2025 outlook) to 0.52% (April 2026): -0.32 both ways.
#[test]
fn an_outlook_revision_is_later_less_earlier_either_way() {
    for (economy, compare) in [
        ("imf-weo-2025-04", "imf-weo-2026-04"),
        ("imf-weo-2026-04", "imf-weo-2025-04"),
    ] {
        let out = defspend()
            .args([
                "economy",
                "Italy",
                "--economy",
                economy,
                "--compare",
                compare,
            ])
            .args(["--series", "real_gdp_growth_pct", "--format", "csv"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let row = reader
            .records()
            .map(|r| r.unwrap())
            .find(|r| &r[col("year")] == "2026")
            .unwrap();
        assert_eq!(&row[col("from_outlook")], "imf-weo-2025-04", "{economy}");
        assert_eq!(&row[col("to_outlook")], "imf-weo-2026-04", "{economy}");
        let revision: f64 = row[col("revision")].parse().unwrap();
        assert!(
            (revision - (0.52 - 0.84)).abs() < 0.005,
            "{economy}: {revision}"
        );
    }
}

/// Two groups that are one (`--groups eu,eu`) were deduplicated and then
/// both read: a panic. Now a one-line usage error, and no chart written.
#[test]
fn the_same_group_twice_is_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("d.png");
    common::assert_fails_with(
        defspend().args(["dispersion", "--groups", "eu,eu"]),
        &["--groups", "eu and eu are the same group"],
    );
    common::assert_fails_with(
        defspend()
            .args(["chart", "dispersion", "--groups", "eu,eu", "--output"])
            .arg(&png),
        &["--groups", "the same group"],
    );
    assert!(!png.exists());
}

/// POLARS_MAX_THREADS=0 made polars panic; it is refused in one line.
#[test]
fn a_thread_count_of_zero_is_refused() {
    for bad in ["0", "many", "-1"] {
        let out = common::assert_fails_with(
            defspend().env("POLARS_MAX_THREADS", bad).arg("shortfall"),
            &["POLARS_MAX_THREADS", "number of threads"],
        );
        assert!(out.contains(bad), "{out}");
    }
    assert!(defspend()
        .env("POLARS_MAX_THREADS", "2")
        .arg("shortfall")
        .output()
        .unwrap()
        .status
        .success());
}

/// A closed standard output (`defspend shortfall >&-`) lost the table and
/// exited 0; it is an error now, while `> /dev/null` (write-only or
/// read-write) stays a success.
#[cfg(unix)]
#[test]
fn a_closed_standard_output_is_an_error() {
    let bin = assert_cmd::cargo::cargo_bin("defspend");
    let run = |redirect: &str| {
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("exec \"$0\" shortfall {redirect}"))
            .arg(&bin)
            .output()
            .unwrap()
    };
    let closed = run(">&-");
    assert_eq!(closed.status.code(), Some(1));
    let err = String::from_utf8_lossy(&closed.stderr);
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(
        err.contains("standard output") && err.contains("closed"),
        "{err}"
    );
    assert!(run("> /dev/null").status.success());
    // /dev/null opened read-write (as Python's subprocess.DEVNULL opens it)
    // is a place to write, not a closed output.
    assert!(run("1<>/dev/null").status.success());
}

/// Ids are names, not paths: every importer refuses an id that is empty,
/// starts with anything but a letter or a digit, or holds anything but
/// letters, digits, '-' and '.', before it writes anything.
#[test]
fn an_id_that_is_a_path_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let input = dir.path().join("input.csv");
    std::fs::write(&input, "x\n").unwrap();
    let long = "x".repeat(65);
    for bad in [
        "",
        "../../x",
        "/tmp/x",
        "..",
        ".hidden",
        "a/b",
        "a\\b",
        "x y",
        "é",
        long.as_str(),
    ] {
        for (command, flag) in [
            ("sipri-xlsx", "--edition"),
            ("nato-wide-csv", "--edition"),
            ("nato-xlsx", "--edition"),
            ("imf-weo", "--economy"),
            ("plans", "--plans"),
        ] {
            common::assert_fails_with(
                defspend()
                    .args(["import", command])
                    .arg(&input)
                    .args([flag, bad, "--output"])
                    .arg(&out),
                &[flag],
            );
        }
    }
    assert!(!out.exists(), "nothing written");
}

/// Two plans vintages with the same short name resolved silently to the
/// older one; the manifest is refused, naming the file, the entry and the
/// shared name.
#[test]
fn two_vintages_with_one_short_name_are_refused() {
    let dir = common::copy_datasets();
    let path = dir.path().join("plans.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("vintage = \"2026-11\""));
    std::fs::write(
        &path,
        text.replace("vintage = \"2026-11\"", "vintage = \"2025\""),
    )
    .unwrap();
    common::assert_fails_with(
        defspend()
            .arg("--data")
            .arg(dir.path())
            .args(["plans", "--plans-vintage", "2025"]),
        &["plans.toml", "national-plans-2026-11", "'2025'"],
    );
}

/// Spreads had no upper bound (`--gdp-sd 1e9` gave "99.1% chance, median
/// 1000.24%"): each model flag has its range, said in its help.
#[test]
fn the_model_flags_are_bounded() {
    for (flag, value, needle) in [
        ("--gdp-sd", "1e9", "0 to 10"),
        ("--gdp-sd", "10.5", "0 to 10"),
        ("--spending-spread", "1e9", "0 to 10"),
        ("--shrink", "1000", "0 to 100"),
    ] {
        common::assert_fails_with(
            defspend().args(["outlook", "--draws", "100", flag, value]),
            &[flag, needle],
        );
    }
    common::assert_fails_with(
        defspend().args(["backtest", "nato-2019", "--spread", "50"]),
        &["--spread", "0 to 10"],
    );
    assert!(defspend()
        .args([
            "outlook",
            "--draws",
            "100",
            "--gdp-sd",
            "10",
            "--spending-spread",
            "10"
        ])
        .output()
        .unwrap()
        .status
        .success());
}

/// A plans file cut short inside a quoted note imported 16 of its 34
/// milestones and said nothing; it is refused, naming the line where the
/// quote opened, and nothing is written.
#[test]
fn a_file_cut_short_inside_a_quote_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let full =
        std::fs::read_to_string(common::datasets_dir().join("plans/national-plans-2026-11.csv"))
            .unwrap();
    // Cut inside the first quoted note after the tenth line.
    let tenth = full.match_indices('\n').nth(9).unwrap().0;
    let quote = tenth + full[tenth..].find(",\"").unwrap() + 5;
    let cut = dir.path().join("cut.csv");
    std::fs::write(&cut, &full[..quote]).unwrap();
    let out = dir.path().join("out");
    common::assert_fails_with(
        defspend()
            .args(["import", "plans"])
            .arg(&cut)
            .args(["--plans", "national-plans-2026-11", "--output"])
            .arg(&out),
        &["cut.csv:", "never closed"],
    );
    assert!(!out.exists());
}

/// SIPRI's April 2025 workbook installed under a user's id (`my-test`) or
/// another family's (`nato-2024`) became the default SIPRI release, cited as
/// the April 2025 release under the user's name; both are refused before
/// anything is written, and the release's own id still installs.
#[test]
fn a_sipri_release_installs_under_its_own_id_only() {
    let workbook = common::sipri_workbook();
    if !workbook.exists() {
        common::skipped(
            "a_sipri_release_installs_under_its_own_id_only",
            &format!("{} not found", workbook.display()),
        );
        return;
    }
    let home = tempfile::tempdir().unwrap();
    for (id, needle) in [
        ("my-test", "this workbook is SIPRI release sipri-2025"),
        ("nato-2024", "the id of a NATO edition"),
        ("imf-weo-2026-04", "the id of an economic outlook"),
    ] {
        common::assert_fails_with(
            defspend()
                .env("DEFSPEND_DATA_HOME", home.path())
                .args(["import", "sipri-xlsx"])
                .arg(&workbook)
                .args(["--edition", id]),
            &["--edition", needle],
        );
    }
    assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    let out = defspend()
        .env("DEFSPEND_DATA_HOME", home.path())
        .args(["import", "sipri-xlsx"])
        .arg(&workbook)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(home.path().join("sipri-2025/release.toml").exists());
}

/// The dispersion chart labelled its spreads "%" where they are points of
/// GDP between shares; its axis and line ends say points now (the standard
/// deviation of the European allies' shares in 2026e: 1.02 points, from NATO's
/// July 2026 Table 3).
#[test]
fn the_dispersion_chart_says_points_not_percent() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("d.svg");
    let out = defspend()
        .args(["chart", "dispersion", "--output"])
        .arg(&svg)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("points of GDP"), "axis");
    assert!(text.contains("Standard deviation 1.02 pts"), "line ends");
    assert!(!text.contains("% of GDP<"), "no share axis");
}

/// The GDP-weighted mean left Albania out for 2014-2016 (NATO's July 2026
/// edition gives no GDP in current USD for it then) without a word; the
/// note names it and the years.
#[test]
fn an_ally_left_out_of_the_weighted_mean_is_named() {
    let out = defspend().args(["dispersion"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let note = text
        .lines()
        .find(|l| l.contains("GDP-weighted mean: each ally"))
        .unwrap();
    assert!(
        note.contains("Left out of it") && note.contains("AL 2014, 2015, 2016"),
        "{note}"
    );
}

/// The report had no fiscal chart; it has one where the outlook has
/// government accounts (April 2026), and leaves it out, not the report,
/// with an outlook that has none (April 2025).
#[test]
fn the_report_draws_the_fiscal_cost_where_the_outlook_allows() {
    let dir = tempfile::tempdir().unwrap();
    for (economy, expected) in [(None, true), (Some("imf-weo-2025-04"), false)] {
        let out = dir.path().join(economy.unwrap_or("default"));
        let mut cmd = defspend();
        cmd.arg("report").arg("--out").arg(&out);
        if let Some(e) = economy {
            cmd.args(["--economy", e]);
        }
        cmd.assert().success();
        assert_eq!(out.join("fiscal.png").exists(), expected, "{economy:?}");
        assert_eq!(out.join("fiscal.csv").exists(), expected, "{economy:?}");
    }
}

/// A scenario group with no allies, or with only Iceland (no armed forces),
/// printed "NaN% of GDP"; it is refused at its place in the file.
#[test]
fn a_scenario_group_with_nothing_to_total_is_refused() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hague-2035.toml"),
    )
    .unwrap();
    let line = "groups = [\"europe-canada\", \"eu\", \"us\", \"all\"]";
    assert!(text.contains(line));
    let dir = tempfile::tempdir().unwrap();
    for (group, needle) in [
        (
            "{ name = \"none\", allies = [] }",
            "group none lists no allies",
        ),
        (
            "{ name = \"ice\", allies = [\"Iceland\"] }",
            "group ice has no ally with armed forces",
        ),
    ] {
        let path = dir.path().join("s.toml");
        std::fs::write(
            &path,
            text.replace(line, &format!("groups = [\"europe-canada\", {group}]")),
        )
        .unwrap();
        let err = common::assert_fails_with(
            defspend().args(["scenario", "run"]).arg(&path),
            &["s.toml:", needle],
        );
        assert!(!err.contains("NaN"), "{err}");
    }
}

/// `import eu` took a mistyped ally code for "a member state that is not an
/// ally" (Italy's EUR 14.9 bn SAFE loan vanished), and accepted a header-only
/// file and allocations adding up to EUR 2,520 bn. Each is refused, naming
/// the file (and line), and nothing is written.
#[test]
fn import_eu_refuses_unknown_codes_empty_files_and_impossible_totals() {
    let dir = tempfile::tempdir().unwrap();
    let sources = common::shared_sources().join("eu");
    let (clause, safe) = (
        sources.join("national-escape-clause-2025.csv"),
        sources.join("safe-allocations-2025.csv"),
    );
    if !safe.exists() {
        common::skipped(
            "import_eu_refuses_unknown_codes_empty_files_and_impossible_totals",
            &format!("{} not found", safe.display()),
        );
        return;
    }
    let text = std::fs::read_to_string(&safe).unwrap();
    let header = text.lines().next().unwrap().to_string();
    let typo = text.replacen("\nIT,", "\nTI,", 1);
    assert_ne!(typo, text, "Italy has a SAFE allocation");
    // Each allocation within the instrument, their sum far beyond it.
    let huge = text
        .replacen(",43.7,", ",149,", 1)
        .replacen(",16.68,", ",149,", 1);
    assert_ne!(huge, text);
    for (name, body, needles) in [
        ("typo.csv", typo, vec!["typo.csv:", "unknown code 'TI'"]),
        (
            "empty.csv",
            format!("{header}\n"),
            vec!["empty.csv", "no rows"],
        ),
        (
            "huge.csv",
            huge,
            vec!["huge.csv", "more than SAFE's EUR 150 bn"],
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, body).unwrap();
        let out = dir.path().join("out");
        common::assert_fails_with(
            defspend()
                .args(["import", "eu", "--escape-clause"])
                .arg(&clause)
                .arg("--safe")
                .arg(&path)
                .arg("--out")
                .arg(&out),
            &needles,
        );
        assert!(!out.exists(), "{name}: nothing written");
    }
}

/// With `--data`, a dataset that `validate` rejects fed every command: a
/// share typed ten times too large showed Italy at 20.9% of GDP, Italy's
/// rows removed gave "of 30 allies" without naming Italy, and 1e300 dollars
/// printed as a 300-digit number. Each is refused now, by the command as by
/// `validate`, naming the file, the line (or the ally and year) and the
/// rule. (Italy 2025e: 2.09% of GDP, USD 53,285 m on GDP of USD 2,550,111 m,
/// NATO July 2026, Tables 2, 3 and 5.)
#[test]
fn data_that_validate_rejects_feed_no_command() {
    let file = "nato-2026/expenditure.csv";
    let original = std::fs::read_to_string(common::datasets_dir().join(file)).unwrap();
    let line = original
        .lines()
        .position(|l| l.starts_with("IT,2025,true,2.09,53285,"))
        .expect("Italy's 2025e row, as NATO's July 2026 tables give it")
        + 1;
    let without_italy: String = original
        .lines()
        .filter(|l| !l.starts_with("IT,"))
        .map(|l| format!("{l}\n"))
        .collect();
    let cases = [
        (
            common::replace_field(&original, line, 3, "20.9"),
            vec![
                format!("{file}:{line}"),
                "IT 2025 share_of_gdp".to_string(),
                "found 20.9".to_string(),
            ],
        ),
        (
            without_italy,
            vec![
                file.to_string(),
                "a row for Italy (IT), a member in 2014".to_string(),
            ],
        ),
        (
            common::replace_field(&original, line, 4, "1e300"),
            vec![
                format!("{file}:{line}"),
                "column defence_usd_current_m: 1e300 is out of range".to_string(),
            ],
        ),
        (
            common::replace_field(&original, line, 6, "1e300"),
            vec![format!("{file}:{line}"), "gdp_usd_current_m".to_string()],
        ),
    ];
    for (text, needles) in cases {
        let data = common::copy_datasets();
        std::fs::write(data.path().join(file), text).unwrap();
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        for args in [
            &["shortfall", "--year", "2025"][..],
            &["burden", "--year", "2025"][..],
            &["ally", "Italy"][..],
        ] {
            let line = common::assert_fails_with(
                defspend().arg("--data").arg(data.path()).args(args),
                &needles,
            );
            assert!(line.len() < 400, "{line}");
        }
        let out = defspend()
            .arg("--data")
            .arg(data.path())
            .args(["validate", "--edition", "nato-2026"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
    }
}

/// An installed SIPRI release was read without the importer's rules: 1e300
/// in current US dollars became a figure, and a country's second row was
/// read as well as the first. Loading applies the importer's rules now.
#[test]
fn an_installed_sipri_release_is_checked_when_read() {
    if !common::with_sipri("an_installed_sipri_release_is_checked_when_read") {
        return;
    }
    let installed = common::data_home().join("sipri-2025");
    let file = "current_usd_m.csv";
    let text = std::fs::read_to_string(installed.join(file)).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("USA,"))
        .expect("the United States' row")
        + 1;
    let usa = text.lines().nth(line - 1).unwrap().to_string();
    let last = usa.split(',').count() - 1;
    let cases = [
        (
            common::replace_field(&text, line, last, "1e300"),
            vec![format!("{file}:{line}"), "at most 1000000000".to_string()],
        ),
        (
            format!("{text}{usa}\n"),
            vec![file.to_string(), "USA has a second row".to_string()],
        ),
    ];
    for (corrupt, needles) in cases {
        let home = tempfile::tempdir().unwrap();
        let release = home.path().join("sipri-2025");
        common::copy_dir(&installed, &release);
        std::fs::write(release.join(file), corrupt).unwrap();
        let needles: Vec<&str> = needles.iter().map(String::as_str).collect();
        common::assert_fails_with(
            defspend().env("DEFSPEND_DATA_HOME", home.path()).args([
                "history",
                "United States",
                "--measure",
                "current",
            ]),
            &needles,
        );
    }
}

/// A plan's amount had no upper bound (1e300 bn passed) and an amount larger
/// than the ally's GDP became a share above 100%. (Germany's 2029 milestone
/// in the November 2026 compilation.)
#[test]
fn a_plan_amount_is_bounded() {
    let file = "plans/national-plans-2026-11.csv";
    let text = std::fs::read_to_string(common::datasets_dir().join(file)).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let amount = header.iter().position(|c| *c == "amount_bn").unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("DE,") && l.split(',').nth(amount) != Some(""))
        .expect("a German milestone stated in euros")
        + 1;
    for (value, needle) in [
        ("1e300", "at most 1e6 bn"),
        ("900000", "a share of GDP must be below 100"),
    ] {
        let data = common::copy_datasets();
        std::fs::write(
            data.path().join(file),
            common::replace_field(&text, line, amount, value),
        )
        .unwrap();
        common::assert_fails_with(
            defspend()
                .arg("--data")
                .arg(data.path())
                .args(["plans", "--allies", "Germany"]),
            &[&format!("{file}:{line}"), "amount_bn", needle],
        );
    }
}

/// Every file below `dir` (recursively), by relative path, with its bytes.
fn tree(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() {
                stack.push(e.path());
            } else {
                let relative = e.path().strip_prefix(dir).unwrap().display().to_string();
                files.push((relative, std::fs::read(e.path()).unwrap()));
            }
        }
    }
    files.sort();
    files
}

/// `import sipri-xlsx`, `import nato-wide-csv`, `import eu` and `report
/// --force` wrote file by file: a failure on a later file (here a folder in
/// the way of it) exited 1 with the earlier files already replaced. Each
/// writes all or nothing now: the previous install is there byte for byte,
/// with no temporary file beside it. (The moves themselves failing part way
/// are injected in `export::write`'s unit tests.)
#[test]
fn a_failed_install_leaves_the_previous_one_byte_for_byte() {
    let sources = common::shared_sources();
    let eu = sources.join("eu");
    let cases: Vec<(&str, Vec<String>, &[&str], &str)> = vec![
        (
            "import sipri-xlsx",
            vec![
                "import".into(),
                "sipri-xlsx".into(),
                common::sipri_workbook().display().to_string(),
                "--edition".into(),
                "sipri-2025".into(),
            ],
            &common::SIPRI_FILES,
            "release.toml",
        ),
        (
            "import nato-wide-csv",
            vec![
                "import".into(),
                "nato-wide-csv".into(),
                sources.join("nato/2026-edition").display().to_string(),
                "--edition".into(),
                "nato-2026".into(),
            ],
            &["expenditure.csv"],
            "aggregates.csv",
        ),
        (
            "import eu",
            vec![
                "import".into(),
                "eu".into(),
                "--escape-clause".into(),
                eu.join("national-escape-clause-2025.csv")
                    .display()
                    .to_string(),
                "--safe".into(),
                eu.join("safe-allocations-2025.csv").display().to_string(),
            ],
            &["escape-clause-2025.csv"],
            "safe-2025.csv",
        ),
        (
            "report --force",
            vec!["report".into(), "--force".into()],
            &["report.md", "report.xlsx", "shortfall.png", "shortfall.csv"],
            "index.html",
        ),
    ];
    for (what, args, earlier, obstacle) in cases {
        if args
            .iter()
            .skip(2)
            .any(|a| a.contains("shared/sources") && !std::path::Path::new(a).exists())
        {
            common::skipped(
                "a_failed_install_leaves_the_previous_one_byte_for_byte",
                &format!("{what}: its source is not in ../shared/sources"),
            );
            continue;
        }
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("install");
        std::fs::create_dir(&out).unwrap();
        // A previous install: each file's bytes differ from what the
        // command writes; the last file the command writes is a folder.
        for name in earlier {
            std::fs::write(out.join(name), format!("previous {name}\n")).unwrap();
        }
        std::fs::create_dir(out.join(obstacle)).unwrap();
        std::fs::write(out.join(obstacle).join("kept.txt"), "in the way\n").unwrap();
        let before = tree(dir.path());
        let flag = if what.starts_with("report") {
            "--output"
        } else {
            "--out"
        };
        common::assert_fails_with(defspend().args(&args).arg(flag).arg(&out), &[obstacle]);
        assert_eq!(tree(dir.path()), before, "{what}: the install changed");
    }
}

/// The id rule holds wherever an id comes from: a manifest in `--data`
/// (editions, outlooks, plans) whose entry has an id that is a path, empty,
/// too long or holds another character is refused naming the file and the
/// entry, before any of its files is read.
#[test]
fn every_id_rule_holds_in_every_manifest() {
    let long = "x".repeat(65);
    let rules = [
        ("", "cannot be empty"),
        (long.as_str(), "longer than 64 characters"),
        ("../nato-2024", "must start with a letter or a digit"),
        ("nato/../../2024", "never a path"),
        ("nato 2024", "never a path"),
        ("natö-2024", "never a path"),
    ];
    for (manifest, id, command) in [
        (
            "editions.toml",
            "nato-2024",
            &["shortfall", "--edition", "nato-2026"][..],
        ),
        (
            "outlooks.toml",
            "imf-weo-2025-04",
            &["outlook", "--draws", "100"][..],
        ),
        ("plans.toml", "national-plans-2025", &["plans"][..]),
    ] {
        for (bad, problem) in &rules {
            let data = common::copy_datasets();
            let path = data.path().join(manifest);
            let text = std::fs::read_to_string(&path).unwrap();
            let planted = text.replacen(&format!("id = \"{id}\""), &format!("id = {bad:?}"), 1);
            assert_ne!(planted, text, "{manifest} has an entry {id}");
            std::fs::write(&path, planted).unwrap();
            common::assert_fails_with(
                defspend().arg("--data").arg(data.path()).args(command),
                &[manifest, "id ", problem],
            );
        }
    }
}

/// A workbook whose cell reference overflows calamine's arithmetic (found by
/// replaying the `sipri_xlsx` fuzz corpus in a debug build) panicked inside
/// the reader: it is the file's error now, one line naming the file.
#[test]
fn a_workbook_that_breaks_its_reader_is_the_files_error() {
    let workbook = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus/sipri_xlsx/5e5118f5ebf261a9253ec913a5dda97cbcd5d894");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    common::assert_fails_with(
        defspend()
            .args(["import", "sipri-xlsx"])
            .arg(&workbook)
            .arg("--out")
            .arg(&out),
        &["5e5118f5ebf261a9253ec913a5dda97cbcd5d894"],
    );
    assert!(!out.exists());
}

/// An unknown scenario name exited 1 as a file that cannot be read; it is
/// an unknown request now (exit 2) listing the shipped scenarios, while a
/// path that does not exist stays a file error.
#[test]
fn an_unknown_scenario_is_a_request_that_lists_what_exists() {
    for (args, flag) in [
        (&["scenario", "run", "hague-2036"][..], "FILE"),
        (&["outlook", "--scenario", "hague-2036"][..], "--scenario"),
        (&["plans", "--scenario", "hague-2036"][..], "--scenario"),
    ] {
        let out = defspend().args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("defspend: {flag}: ")),
            "names the argument that asked: {stderr}"
        );
        assert!(
            stderr.contains("unknown scenario 'hague-2036'") && stderr.contains("hague-2035-imf"),
            "{stderr}"
        );
    }
    common::assert_fails_with(
        defspend().args(["scenario", "check", "no-such-file.toml"]),
        &["cannot read no-such-file.toml"],
    );
}
