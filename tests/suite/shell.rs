//! Shell integration: completions every shell accepts, a manual page roff
//! renders without warnings, and examples at the end of every command's help.

use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::defspend;

fn stdout_of(args: &[&str]) -> Vec<u8> {
    let out = defspend().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `program args` with `input` on stdin; `None` when the program is not installed.
fn run_with(program: &str, args: &[&str], input: &[u8]) -> Option<std::process::Output> {
    let mut child = Command::new(program)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take().unwrap().write_all(input).unwrap();
    Some(child.wait_with_output().unwrap())
}

#[test]
fn bash_accepts_the_completions_and_every_shell_gets_some() {
    let bash = stdout_of(&["completions", "bash"]);
    let check = run_with("bash", &["-n"], &bash).expect("bash is installed");
    assert!(
        check.status.success(),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let text = String::from_utf8(bash).unwrap();
    for word in ["shortfall", "outlook", "--edition", "--groups-file"] {
        assert!(text.contains(word), "{word}");
    }
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let out = stdout_of(&["completions", shell]);
        assert!(
            String::from_utf8(out).unwrap().contains("shortfall"),
            "{shell}"
        );
    }
    let out = defspend().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn the_manual_page_is_roff_that_renders_without_warnings() {
    let man = stdout_of(&["man"]);
    let text = String::from_utf8(man.clone()).unwrap();
    assert!(
        text.contains(".TH defspend 1"),
        "{}",
        &text[..200.min(text.len())]
    );
    assert!(text.contains("shortfall") && text.contains("outlook"));
    match run_with("groff", &["-man", "-ww", "-Tutf8"], &man) {
        Some(out) => {
            assert!(out.status.success());
            let warnings = String::from_utf8_lossy(&out.stderr);
            assert!(warnings.trim().is_empty(), "groff: {warnings}");
            assert!(String::from_utf8_lossy(&out.stdout).contains("defspend(1)"));
        }
        None => eprintln!("groff is not installed: the manual was not rendered"),
    }
}

#[test]
fn every_command_ends_its_help_with_real_examples() {
    let commands = [
        "shortfall",
        "compare",
        "burden",
        "scenario",
        "chart",
        "report",
        "ally",
        "validate",
        "plans",
        "decompose",
        "outlook",
        "economy",
        "editions",
        "sources",
        "backtest",
        "allies",
        "import",
        "completions",
        "man",
    ];
    for command in commands {
        let help = String::from_utf8(stdout_of(&[command, "--help"])).unwrap();
        let examples = help
            .split("Examples:")
            .nth(1)
            .unwrap_or_else(|| panic!("{command}: no examples"));
        let lines: Vec<&str> = examples
            .lines()
            .filter(|l| l.trim_start().starts_with("defspend "))
            .collect();
        assert!(lines.len() >= 2, "{command}: {lines:?}");
        // Every example names the command it is the help of.
        assert!(
            lines.iter().all(|l| l.contains(command)),
            "{command}: {lines:?}"
        );
    }
}

/// The manual names no page that is not there (`defspend-shortfall(1)`):
/// each subcommand is pointed at its `--help`.
#[test]
fn the_manual_names_no_missing_pages() {
    let page = String::from_utf8(stdout_of(&["man"])).unwrap();
    assert!(!page.contains("defspend\\-shortfall(1)"), "{page}");
    assert!(page.contains("defspend shortfall \\-\\-help"), "{page}");
}
