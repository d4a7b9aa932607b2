//! `defspend chart` and `defspend report`: every chart renders, legibly, the
//! same bytes every time, written whole or not at all.

use crate::common;

use std::collections::HashSet;
use std::path::Path;

use common::{assert_dir_holds_only, assert_fails_with, defspend};

/// Every registered kind: a kind added to the registry is tested here without
/// another line.
fn kinds() -> Vec<&'static str> {
    defspend::chart::kinds::KINDS
        .iter()
        .map(|k| k.id())
        .collect()
}

/// Decodes a PNG and checks it is a real chart: the size asked for, many
/// colours (anti-aliased text, a palette), dark pixels where the title is.
fn assert_real_png(path: &Path, width: u32, height: u32) {
    let img = image::open(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .to_rgb8();
    assert_eq!(img.dimensions(), (width, height), "{}", path.display());
    let colours: HashSet<[u8; 3]> = img.pixels().map(|p| p.0).collect();
    assert!(
        colours.len() > 50,
        "{}: only {} colours",
        path.display(),
        colours.len()
    );
    // The title sits in the top band, left of centre: it must have dark pixels.
    let band = (height as f64 * 0.08) as u32;
    let dark = (0..width / 2)
        .flat_map(|x| (0..band).map(move |y| (x, y)))
        .filter(|&(x, y)| img.get_pixel(x, y).0.iter().all(|c| *c < 80))
        .count();
    assert!(
        dark > 200,
        "{}: no title text ({dark} dark pixels)",
        path.display()
    );
}

#[test]
fn the_registry_holds_every_kind_once_and_the_command_line_offers_them() {
    let ids = kinds();
    assert_eq!(
        ids,
        [
            "shares",
            "gaps",
            "burden",
            "trend",
            "trajectory",
            "equipment",
            "us-vs-europe",
            "decompose",
            "dispersion",
            "fiscal",
            "map",
            "odds",
            "fan",
            "plans",
            "long-run",
            "rivals",
            "definitions",
            "revisions",
            "per-capita",
            "calibration"
        ]
    );
    let help = defspend().args(["chart", "--help"]).output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    for kind in defspend::chart::kinds::KINDS {
        assert!(
            help.contains(kind.id()) && help.contains(&defspend::cmd::spell(&kind.about())),
            "{}",
            kind.id()
        );
    }
}

#[test]
fn every_kind_renders_to_png_and_svg() {
    let dir = tempfile::tempdir().unwrap();
    let sipri = common::with_sipri("every_kind_renders_to_png_and_svg (SIPRI's kinds)");
    for k in defspend::chart::kinds::KINDS {
        let kind = k.id();
        if ["long-run", "rivals"].contains(&kind) && !sipri {
            continue;
        }
        // NATO's 2024 edition where the kind draws from an edition.
        let edition: &[&str] = match k.takes_edition(&Default::default()) {
            true => &["--edition", "nato-2024"],
            false => &[],
        };
        let png = dir.path().join(format!("{kind}.png"));
        defspend()
            .args(["chart", kind])
            .args(edition)
            .arg("--output")
            .arg(&png)
            .assert()
            .success();
        assert_real_png(&png, 1600, 1000);

        let svg = dir.path().join(format!("{kind}.svg"));
        defspend()
            .args(["chart", kind])
            .args(edition)
            .arg("--output")
            .arg(&svg)
            .assert()
            .success();
        let text = std::fs::read_to_string(&svg).unwrap();
        assert!(text.starts_with("<svg"), "{kind}");
        assert!(
            text.contains("width=\"1600\"") && text.contains("height=\"1000\""),
            "{kind}"
        );
        assert!(
            text.contains("Source: NATO") || text.contains("Source: SIPRI"),
            "{kind}: footer with the citation"
        );
    }
}

#[test]
fn size_and_scale_are_honoured() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("small.png");
    defspend()
        .args([
            "chart", "shares", "--width", "800", "--height", "500", "--scale", "2", "--output",
        ])
        .arg(&png)
        .assert()
        .success();
    assert_real_png(&png, 1600, 1000);
    let png = dir.path().join("wide.png");
    defspend()
        .args([
            "chart", "trend", "--width", "1200", "--height", "700", "--output",
        ])
        .arg(&png)
        .assert()
        .success();
    assert_real_png(&png, 1200, 700);
}

#[test]
fn titles_and_sources_are_on_the_chart() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("shares.svg");
    defspend()
        .args([
            "chart",
            "shares",
            "--edition",
            "nato-2024",
            "--year",
            "2024",
            "--title",
            "Who spends 2%?",
            "--output",
        ])
        .arg(&svg)
        .assert()
        .success();
    let text = std::fs::read_to_string(&svg).unwrap();
    assert!(text.contains("Who spends 2%?"));
    // NATO June 2024, Table 3: 23 of 31 allies at or above 2% in 2024e; Spain 1.28e.
    assert!(text.contains("23 of 31 allies with armed forces at or above 2%"));
    assert!(text.contains("1.28e"));
    assert!(text.contains("n/a (no armed forces)"));
    assert!(text.contains("2024 figures are NATO estimates"));
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    for kind in ["shares", "burden", "trajectory"] {
        let a = dir.path().join(format!("{kind}-a.png"));
        let b = dir.path().join(format!("{kind}-b.png"));
        defspend()
            .args(["chart", kind, "--output"])
            .arg(&a)
            .assert()
            .success();
        defspend()
            .args(["chart", kind, "--output"])
            .arg(&b)
            .assert()
            .success();
        assert_eq!(
            std::fs::read(&a).unwrap(),
            std::fs::read(&b).unwrap(),
            "{kind}"
        );
    }
}

#[test]
fn a_bad_extension_is_refused_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .args(["chart", "shares", "--output"])
            .arg(dir.path().join("chart.jpg")),
        &["--output", "chart.jpg", ".png or .svg"],
    );
    assert_dir_holds_only(dir.path(), &[]);
}

#[test]
fn an_unwritable_path_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .args(["chart", "gaps", "--output"])
            .arg(dir.path().join("missing/gaps.png")),
        &["cannot write", "gaps.png", "does not exist"],
    );
    assert_dir_holds_only(dir.path(), &[]);
}

#[test]
fn unknown_groups_and_allies_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend()
            .args(["chart", "trend", "--groups", "nordics", "--output"])
            .arg(dir.path().join("t.png")),
        &["--groups", "unknown group 'nordics'"],
    );
    assert_fails_with(
        defspend()
            .args(["chart", "trend", "--allies", "Atlantis", "--output"])
            .arg(dir.path().join("t.png")),
        &["unknown ally 'Atlantis'"],
    );
    assert_dir_holds_only(dir.path(), &[]);
}

const REPORT_FILES: [&str; 27] = [
    "index.html",
    "report.md",
    "report.xlsx",
    "shares.png",
    "shares.csv",
    "gaps.png",
    "gaps.csv",
    "burden.png",
    "burden.csv",
    "trend.png",
    "trend.csv",
    "equipment.png",
    "equipment.csv",
    "us-vs-europe.png",
    "us-vs-europe.csv",
    "dispersion.png",
    "dispersion.csv",
    "fiscal.png",
    "fiscal.csv",
    "map.png",
    "map.csv",
    "trajectory-hague-2035.png",
    "trajectory-hague-2035.csv",
    "trajectory-three-percent.png",
    "trajectory-three-percent.csv",
    "trajectory-wales-2pct.png",
    "trajectory-wales-2pct.csv",
];

fn report(out: &Path) -> assert_cmd::assert::Assert {
    defspend()
        .args(["report", "--edition", "nato-2024", "--year", "2024"])
        .args([
            "--scenario",
            "hague-2035",
            "--scenario",
            "three-percent",
            "--scenario",
            "wales-2pct",
            "--out",
        ])
        .arg(out)
        .assert()
}

#[test]
fn report_writes_every_file_and_names_the_allies_below_two_percent() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief");
    report(&out).success();
    assert_dir_holds_only(&out, &REPORT_FILES);
    for file in REPORT_FILES.iter().filter(|f| f.ends_with(".png")) {
        assert_real_png(&out.join(file), 1600, 1000);
    }
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    // NATO June 2024, Table 3, 2024e: the eight allies below 2%.
    for (ally, share) in [
        ("Spain", "1.28"),
        ("Slovenia", "1.29"),
        ("Luxembourg", "1.29"),
        ("Belgium", "1.30"),
        ("Canada", "1.37"),
        ("Italy", "1.49"),
        ("Portugal", "1.55"),
        ("Croatia", "1.81"),
    ] {
        assert!(
            md.contains(&format!("{ally} ({share}%)")),
            "report.md does not name {ally} {share}"
        );
    }
    assert!(md.contains(
        "**23 of 31 allies** with armed forces spend at least 2% of GDP in 2024e; 8 fall short"
    ));
    assert!(md.contains(
        "Source: NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024."
    ));
    assert!(md.contains("![Allies ranked by share of GDP, against 2% and 3%](shares.png)"));
    let csv = std::fs::read_to_string(out.join("shares.csv")).unwrap();
    assert!(csv.starts_with("code,ally,year,estimate,share_of_gdp,status\n"));
}

/// A report of an earlier edition starts its outlook from that edition, as
/// `chart odds --edition` and `outlook --edition` do, and says so.
#[test]
fn a_reports_outlook_starts_from_its_edition() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    defspend()
        .args(["report", "--edition", "nato-2024", "--outlook", "--output"])
        .arg(&out)
        .assert()
        .success();
    let odds = dir.path().join("odds.png");
    defspend()
        .args(["chart", "odds", "--edition", "nato-2024", "--output"])
        .arg(&odds)
        .assert()
        .success();
    assert!(
        std::fs::read(out.join("odds.png")).unwrap() == std::fs::read(&odds).unwrap(),
        "the report's odds chart is chart odds --edition nato-2024"
    );
    // NATO's 2024 edition, Table 3: its last year is 2024e.
    let brief = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(
        brief.contains("in a Monte Carlo outlook (nato-2024 from 2024e, "),
        "{brief}"
    );
}

#[test]
fn report_is_byte_identical_run_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    report(&a).success();
    report(&b).success();
    for file in REPORT_FILES {
        assert_eq!(
            std::fs::read(a.join(file)).unwrap(),
            std::fs::read(b.join(file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn report_refuses_an_existing_folder_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    assert_fails_with(
        defspend().args(["report", "--out"]).arg(&out),
        &["--out", "exists", "--force"],
    );
    assert_dir_holds_only(&out, &["notes.txt"]);
    defspend()
        .args(["report", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(out.join("report.md").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn report_with_a_bad_scenario_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, "name = 1\n").unwrap();
    let out = dir.path().join("brief");
    assert_fails_with(
        defspend()
            .args(["report", "--scenario"])
            .arg(&bad)
            .arg("--out")
            .arg(&out),
        &["bad.toml:1:8"],
    );
    assert!(!out.exists());
}

/// An option its kind does not use is refused, not ignored: the issue's own
/// example, and every option on a kind that takes none but the title.
#[test]
fn an_option_the_kind_does_not_use_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("chart.png");
    let line = assert_fails_with(
        defspend()
            .args(["chart", "shares", "--draws", "5", "--seed", "9"])
            .args(["--countries", "Russia", "--scenario", "wales-2pct"])
            .args(["--from", "1990", "--output"])
            .arg(&out),
        &[
            "--from",
            "chart shares does not use it",
            "--targets, --title",
        ],
    );
    assert!(line.starts_with("defspend: "), "{line}");
    for option in [
        "--targets=3",
        "--allies=Italy",
        "--groups=eu",
        "--from=2015",
        "--countries=Russia",
        "--draws=5",
        "--seed=9",
        "--model=record",
        "--scenario=hague-2035",
        "--economy=imf-weo-2026-04",
        "--backtest=nato-2019",
        "--plans-vintage=national-plans-2026-11",
    ] {
        let flag = option.split('=').next().unwrap();
        assert_fails_with(
            defspend()
                .args(["chart", "burden", option, "--output"])
                .arg(&out),
            &[flag, "chart burden does not use it"],
        );
    }
    assert!(!out.exists(), "nothing written");
    // The options a kind uses are still taken.
    defspend()
        .args(["chart", "decompose", "--from", "2015", "--output"])
        .arg(&out)
        .assert()
        .success();
}

/// Checks that each kind that takes `flag` (as `takes` says, with no other
/// option) draws another chart with it set to `other(kind)` than without,
/// and that the others refuse it and their help does not list it; returns
/// the kinds that take it. `args(kind)` are the options both draws add;
/// the kinds in `unchanged` take the flag but draw the same with the shipped
/// data.
fn drawn_or_refused(
    flag: &str,
    unchanged: &[&str],
    takes: impl Fn(&dyn defspend::chart::kinds::Kind) -> bool,
    other: impl Fn(&str) -> &'static str,
    args: impl Fn(&str) -> &'static [&'static str],
) -> Vec<&'static str> {
    let dir = tempfile::tempdir().unwrap();
    let svg = |kind: &str, given: &[&str]| {
        let out = dir.path().join(format!("{kind}{}.svg", given.len()));
        defspend()
            .args(["chart", kind])
            .args(args(kind))
            .args(given)
            .arg("--output")
            .arg(&out)
            .assert()
            .success();
        std::fs::read(&out).unwrap()
    };
    let mut taking = Vec::new();
    for kind in defspend::chart::kinds::KINDS {
        let id = kind.id();
        let help = common::stdout_of(defspend().args(["chart", id, "--help"]));
        let listed = help.lines().any(|l| l.trim_start().starts_with(flag));
        assert_eq!(listed, takes(*kind), "{id}: its help");
        if !takes(*kind) {
            let out = dir.path().join("refused.svg");
            assert_fails_with(
                defspend()
                    .args(["chart", id, flag, other(id), "--output"])
                    .arg(&out),
                &[flag, &format!("chart {id} does not use it")],
            );
            assert!(!out.exists(), "{id}: nothing written");
            continue;
        }
        taking.push(id);
        if !unchanged.contains(&id) {
            assert!(svg(id, &[]) != svg(id, &[flag, other(id)]), "{id} {flag}");
        }
    }
    taking.sort();
    taking
}

/// `--year` is taken by the kinds that draw one year of the edition, and
/// changes what they draw; the kinds that draw series or a scenario's years
/// refuse it rather than ignore it (and their help does not list it).
/// `rivals` draws one year at PPP only; `fiscal` takes a year of its path.
#[test]
fn a_year_is_drawn_by_the_kinds_that_take_it_and_refused_by_the_others() {
    let sipri = common::with_sipri("a_year_is_drawn_by_the_kinds_that_take_it (SIPRI's kinds)");
    let taking = drawn_or_refused(
        "--year",
        &[],
        |kind| kind.takes_year(&Default::default()),
        // NATO's 2024 edition, Table 3: its years run 2014-2024 (the
        // default); 2019 is another. fiscal's years are its path's, after
        // the scenario's baseline 2025 up to 2035.
        |kind| if kind == "fiscal" { "2030" } else { "2019" },
        |kind| match kind {
            "fiscal" => &[],
            _ => &["--edition", "nato-2024"],
        },
    );
    assert_eq!(
        taking,
        [
            "burden",
            "decompose",
            "definitions",
            "equipment",
            "fiscal",
            "gaps",
            "map",
            "per-capita",
            "revisions",
            "shares",
        ]
    );
    assert_fails_with(
        defspend().args(["chart", "fiscal", "--year", "2025", "--output", "f.svg"]),
        &["--year: 2025 is not a year of the path: give one of 2026-2035"],
    );
    // rivals: its sides at PPP are of a year; map: its fiscal measure is of
    // the target year.
    if sipri {
        let ppp = ["chart", "rivals", "--prices", "ppp", "--output"];
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.svg"), dir.path().join("b.svg"));
        defspend().args(ppp).arg(&a).assert().success();
        defspend()
            .args(ppp)
            .arg(&b)
            .args(["--year", "2019"])
            .assert()
            .success();
        assert!(std::fs::read(a).unwrap() != std::fs::read(b).unwrap());
    }
    assert_fails_with(
        defspend().args([
            "chart",
            "map",
            "--measure",
            "fiscal",
            "--year",
            "2024",
            "--output",
            "m.svg",
        ]),
        &["--year", "chart map does not use it"],
    );
}

/// `--edition` is taken by the kinds that draw from the edition (odds and
/// fan: the outlook's origin, as `outlook --edition`), and changes what they
/// draw; the kinds that draw from their scenario's edition, SIPRI or a
/// backtest refuse it.
#[test]
fn an_edition_is_drawn_by_the_kinds_that_take_it_and_refused_by_the_others() {
    let taking = drawn_or_refused(
        "--edition",
        // Each edition against the one before it (or after it): with the
        // two shipped, the same pair either way.
        &["revisions"],
        |kind| kind.takes_edition(&Default::default()),
        |_| "nato-2024",
        |kind| match kind {
            "odds" | "fan" => &["--draws", "500"],
            _ => &[],
        },
    );
    assert_eq!(
        taking,
        [
            "burden",
            "decompose",
            "definitions",
            "dispersion",
            "equipment",
            "fan",
            "gaps",
            "map",
            "odds",
            "per-capita",
            "revisions",
            "shares",
            "trend",
            "us-vs-europe",
        ]
    );
    // The odds from NATO's 2024 edition are the outlook's from it.
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("odds.svg");
    defspend()
        .args([
            "chart",
            "odds",
            "--edition",
            "nato-2024",
            "--draws",
            "500",
            "--output",
        ])
        .arg(&svg)
        .assert()
        .success();
    let outlook =
        common::stdout_of(defspend().args(["outlook", "--edition", "nato-2024", "--draws", "500"]));
    let us: f64 = outlook
        .lines()
        .find_map(|l| l.strip_prefix("United States: "))
        .and_then(|l| l.split('%').next())
        .unwrap()
        .parse()
        .unwrap();
    let svg = std::fs::read_to_string(svg).unwrap();
    assert!(svg.contains("from 2024e"), "the origin is 2024");
    assert!(
        svg.contains(&format!("United States {us:.0}%")),
        "the chart's United States is the outlook's {us}%"
    );
}

/// `chart KIND --help` (and `help chart KIND`) lists the options KIND takes,
/// each with what it draws without it, and not the others.
#[test]
fn a_kinds_help_lists_its_own_options_and_defaults() {
    for args in [
        vec!["chart", "shares", "--help"],
        vec!["help", "chart", "shares"],
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert!(help.starts_with("Allies ranked by share of GDP"), "{help}");
        assert!(
            help.contains("--targets") && help.contains("[default: 2,3]"),
            "{help}"
        );
        assert!(
            !help.contains("--draws") && !help.contains("--measure"),
            "{help}"
        );
    }
    let out = defspend()
        .args(["chart", "odds", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(
        help.contains("--draws") && help.contains("[default: 10000]"),
        "{help}"
    );
}
