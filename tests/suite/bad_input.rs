//! Bad input: one line that names the file, the place and the problem; a
//! non-zero exit; no panic; no output file left behind.

use crate::common;

use std::path::Path;

use common::{assert_dir_holds_only, assert_fails_with, copy_datasets, defspend};

/// Rewrites the copy's nato-2024/expenditure.csv with `edit`, runs
/// `shortfall --output`, and checks the failure names `needles`.
fn corrupt_and_run(edit: impl Fn(&str) -> String, needles: &[&str]) {
    let data = copy_datasets();
    let file = data.path().join("nato-2024/expenditure.csv");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, edit(&text)).unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let out = out_dir.path().join("shortfall.json");
    assert_fails_with(
        defspend()
            .arg("--data")
            .arg(data.path())
            .args([
                "shortfall",
                "--edition",
                "nato-2024",
                "--format",
                "json",
                "--output",
            ])
            .arg(&out),
        needles,
    );
    assert_dir_holds_only(out_dir.path(), &[]);
}

fn replace_line(text: &str, line: usize, f: impl Fn(&str) -> String) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| if i + 1 == line { f(l) } else { l.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

#[test]
fn dataset_with_a_missing_column() {
    corrupt_and_run(
        |text| {
            text.lines()
                .map(|l| {
                    l.split(',')
                        .enumerate()
                        .filter(|(i, _)| *i != 4)
                        .map(|(_, f)| f)
                        .collect::<Vec<_>>()
                        .join(",")
                })
                .collect::<Vec<_>>()
                .join("\n")
        },
        &[
            "nato-2024/expenditure.csv:1",
            "missing column 'defence_usd_current_m'",
        ],
    );
}

#[test]
fn dataset_with_a_non_numeric_value() {
    corrupt_and_run(
        |text| replace_line(text, 5, |l| l.replacen(",false,", ",false,abc", 1)),
        &[
            "nato-2024/expenditure.csv:5",
            "column share_of_gdp",
            "'abc",
            "is not a number",
        ],
    );
}

#[test]
fn dataset_with_a_duplicate_ally_year() {
    corrupt_and_run(
        |text| {
            let third = text.lines().nth(2).unwrap().to_string();
            format!("{text}{third}\n")
        },
        &[
            "nato-2024/expenditure.csv:354",
            "duplicate row for AL 2015 (first at line 3)",
        ],
    );
}

#[test]
fn dataset_with_an_unknown_ally_code() {
    corrupt_and_run(
        |text| replace_line(text, 2, |l| l.replacen("AL,", "XX,", 1)),
        &[
            "nato-2024/expenditure.csv:2",
            "column ally",
            "unknown ally code 'XX'",
        ],
    );
}

#[test]
fn dataset_that_is_empty() {
    corrupt_and_run(
        |_| String::new(),
        &["nato-2024/expenditure.csv:1", "the file is empty"],
    );
}

#[test]
fn dataset_with_a_year_outside_its_edition() {
    corrupt_and_run(
        |text| replace_line(text, 2, |l| l.replacen(",2014,", ",2031,", 1)),
        &[
            "nato-2024/expenditure.csv:2",
            "column year",
            "outside edition nato-2024",
        ],
    );
}

#[test]
fn dataset_with_an_infinite_value() {
    corrupt_and_run(
        |text| {
            replace_line(text, 7, |l| {
                let mut fields: Vec<&str> = l.split(',').collect();
                fields[3] = "inf";
                fields.join(",")
            })
        },
        &["nato-2024/expenditure.csv:7", "not a finite number"],
    );
}

#[test]
fn year_outside_the_edition() {
    assert_fails_with(
        defspend().args(["shortfall", "--edition", "nato-2024", "--year", "2030"]),
        &["--year", "2030 is outside edition nato-2024 (2014-2024)"],
    );
}

#[test]
fn negative_target() {
    assert_fails_with(
        defspend().args(["shortfall", "--target", "-1"]),
        &["--target", "-1", "above 0"],
    );
}

#[test]
fn non_numeric_target() {
    assert_fails_with(
        defspend().args(["shortfall", "--target", "two"]),
        &["--target", "'two' is not a number"],
    );
}

#[test]
fn unknown_edition() {
    assert_fails_with(
        defspend().args(["shortfall", "--edition", "nato-1999"]),
        &["--edition", "unknown edition 'nato-1999'", "nato-2024"],
    );
}

#[test]
fn unknown_ally_suggests_the_closest() {
    assert_fails_with(
        defspend().args(["ally", "Itly"]),
        &["unknown ally 'Itly'", "Italy (IT)"],
    );
}

#[test]
fn unwritable_output_directory() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing/shortfall.csv");
    assert_fails_with(
        defspend()
            .args(["shortfall", "--format", "csv", "--output"])
            .arg(&out),
        &["cannot write", "shortfall.csv", "does not exist"],
    );
    assert_dir_holds_only(dir.path(), &[]);
}

#[test]
fn output_path_that_is_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    assert_fails_with(
        defspend().args(["shortfall", "--output"]).arg(dir.path()),
        &["cannot write", "it is a directory"],
    );
    assert_dir_holds_only(dir.path(), &[]);
}

#[cfg(unix)]
#[test]
fn output_directory_without_write_permission() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).unwrap();
    let mut cmd = defspend();
    // root ignores permission bits: as root, the command runs as the
    // unprivileged user `nobody` (util-linux's setpriv), for whom they hold.
    let probe = locked.join("probe");
    if std::fs::write(&probe, "x").is_ok() {
        std::fs::remove_file(&probe).unwrap();
        let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let Some(setpriv) = setpriv else {
            eprintln!("skipped: output_directory_without_write_permission: running as root, and no setpriv to drop to another user");
            return;
        };
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        cmd = assert_cmd::Command::new(setpriv);
        cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"])
            .arg(assert_cmd::cargo::cargo_bin("defspend"))
            .env("DEFSPEND_DATA_HOME", dir.path().join("no-home"));
    }
    assert_fails_with(
        cmd.args(["shortfall", "--output"])
            .arg(locked.join("out.txt")),
        &["cannot write", "out.txt", "ermission denied"],
    );
    assert_dir_holds_only(Path::new(&locked), &[]);
}

#[test]
fn missing_data_directory() {
    assert_fails_with(
        defspend().args(["--data", "/nonexistent/datasets", "shortfall"]),
        &["cannot read /nonexistent/datasets/allies.csv"],
    );
}

#[test]
fn invalid_editions_manifest_names_line_and_column() {
    let data = copy_datasets();
    let file = data.path().join("editions.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        text.replacen("price_base_year = 2015", "price_base_year = \"2015\"", 1),
    )
    .unwrap();
    assert_fails_with(
        defspend().arg("--data").arg(data.path()).arg("editions"),
        &["editions.toml:14:19", "expected i32"],
    );
}
