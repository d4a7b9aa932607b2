//! Every example runs: each `defspend …` line of every command's help and of
//! the shell blocks of the README and of `docs/`, run by `sh` in a scratch folder (its own home
//! and data home, the sources it names copied from `../shared/sources`),
//! exits 0.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::CommandFactory;

/// The examples of a command's help and of its subcommands', in order.
fn help_examples(cmd: &clap::Command, out: &mut Vec<String>) {
    if let Some(after) = cmd.get_after_help() {
        out.extend(
            after
                .to_string()
                .lines()
                .map(str::trim)
                .filter(|l| l.starts_with("defspend "))
                .map(String::from),
        );
    }
    for sub in cmd.get_subcommands() {
        help_examples(sub, out);
    }
}

/// The `defspend …` lines of the `sh` blocks of the README and of every
/// page of `docs/`, without comments.
fn readme_examples() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pages = vec![root.join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    let mut out = Vec::new();
    for page in pages {
        out.extend(sh_examples(&std::fs::read_to_string(page).unwrap()));
    }
    out
}

/// The `defspend …` lines of a page's `sh` blocks, without comments.
fn sh_examples(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_sh = false;
    for line in text.lines() {
        if line.starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if in_sh && line.starts_with("defspend ") {
            let command = line.split("  #").next().unwrap_or(line).trim();
            out.push(command.to_string());
        }
    }
    out
}

/// The scratch folder: the files the examples name.
fn scratch(sources: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let datasets = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hague-2035.toml"),
        root.join("my-scenario.toml"),
    )
    .unwrap();
    common::copy_dir(&datasets, &root.join("my-datasets"));
    std::fs::create_dir_all(root.join("datasets/models")).unwrap();
    std::fs::write(
        root.join("my-groups.toml"),
        "[[group]]\nkey = \"benelux\"\nlabel = \"Benelux\"\ndescription = \"Belgium, the Netherlands and Luxembourg\"\nallies = [\"BE\", \"NL\", \"LU\"]\n",
    )
    .unwrap();
    for (from, name) in [
        (
            "nato/240617-def-exp-2024-TABLES-en.xlsx",
            "240617-def-exp-2024-TABLES-en.xlsx",
        ),
        ("imf/weo-2026-04-allies.csv", "weo-2026-04-allies.csv"),
        (
            "plans/national-plans-2026-11.csv",
            "national-plans-2026-11.csv",
        ),
        (
            "sipri/SIPRI-Milex-data-1949-2024_2.xlsx",
            "SIPRI-Milex-data-1949-2024_2.xlsx",
        ),
    ] {
        std::fs::copy(sources.join(from), root.join(name)).unwrap();
    }
    for home_dir in [
        ".local/share/bash-completion/completions",
        ".zfunc",
        ".config/fish/completions",
        ".local/share/man/man1",
        "data-home",
    ] {
        std::fs::create_dir_all(root.join(home_dir)).unwrap();
    }
    dir
}

fn on_path(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_example_of_the_help_and_the_readme_runs() {
    let sources = common::shared_sources();
    if !sources
        .join("sipri/SIPRI-Milex-data-1949-2024_2.xlsx")
        .exists()
    {
        common::skipped(
            "every_example_of_the_help_and_the_readme_runs",
            &format!("{} not found", sources.display()),
        );
        return;
    }
    let mut examples = Vec::new();
    help_examples(&defspend::cli::Cli::command(), &mut examples);
    let from_help = examples.len();
    examples.extend(readme_examples());
    assert!(from_help > 50, "{from_help} help examples");
    assert!(examples.len() > from_help + 20, "README examples");
    // SIPRI's database first: the history, crosscheck and calibrate examples need it.
    examples.sort_by_key(|e| !e.contains("import sipri-xlsx"));
    let dir = scratch(&sources);
    let bin: PathBuf = assert_cmd::cargo::cargo_bin("defspend");
    let path = format!(
        "{}:{}",
        bin.parent().unwrap().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut failed = Vec::new();
    for example in &examples {
        if example.starts_with("defspend serve") {
            // It serves until stopped: tests/suite/serve.rs starts and checks it.
            eprintln!("not run (a server): {example}");
            continue;
        }
        if example.contains("man -l") && !on_path("man") {
            eprintln!("not run (no man on this machine): {example}");
            continue;
        }
        let out = Command::new("sh")
            .args(["-c", example])
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("HOME", dir.path())
            .env("DEFSPEND_DATA_HOME", dir.path().join("data-home"))
            .output()
            .unwrap();
        if !out.status.success() {
            failed.push(format!(
                "{example}: exit {:?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
    }
    assert!(
        failed.is_empty(),
        "{} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    eprintln!("{} examples run", examples.len());
}

/// The README stays a front page (install, the two commands, the first
/// example, where the rest is): at most 25 KB; the guide and the
/// development notes are in `docs/`.
#[test]
fn the_readme_stays_a_front_page() {
    let readme = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    assert!(
        readme.len() <= 25_000,
        "README.md is {} bytes",
        readme.len()
    );
    let text = String::from_utf8(readme).unwrap();
    for page in ["docs/guide.md", "docs/development.md"] {
        assert!(text.contains(&format!("({page})")), "README links {page}");
    }
}
