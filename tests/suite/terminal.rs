//! Colour and progress bars only where they belong: never in a pipe or a file,
//! and no colour on a terminal when `NO_COLOR` is set (https://no-color.org).

use crate::common;

use std::process::Command;

use common::defspend;

const ESC: u8 = 0x1b;

/// SGR sequences (`ESC [ … m`): the ones that set colour and weight.
fn colour_codes(bytes: &[u8]) -> usize {
    let mut n = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == ESC && bytes.get(i + 1) == Some(&b'[') {
            let end = bytes[i + 2..]
                .iter()
                .position(|c| !(c.is_ascii_digit() || *c == b';'));
            if end.is_some_and(|e| bytes[i + 2 + e] == b'm') {
                n += 1;
            }
        }
    }
    n
}

#[test]
fn piped_output_has_no_escape_codes() {
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<Vec<String>> = vec![
        vec!["--help".into()],
        vec!["shortfall".into(), "--help".into()],
        vec!["shortfal".into()],
        vec!["shortfall".into(), "--allies".into(), "Atlantis".into()],
        vec!["shortfall".into()],
        vec![
            "report".into(),
            "--out".into(),
            dir.path().join("brief").display().to_string(),
        ],
    ];
    for args in runs {
        // As a terminal user has it: colour not forbidden, a colour terminal named.
        let out = defspend()
            .args(&args)
            .env_remove("NO_COLOR")
            .env("TERM", "xterm-256color")
            .output()
            .unwrap();
        for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
            assert!(
                !bytes.contains(&ESC),
                "{args:?} wrote an escape code to a pipe on {stream}: {:?}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}

/// Runs defspend on a pseudo-terminal (util-linux `script`); None without it.
fn on_a_terminal(args: &str, no_color: bool) -> Option<Vec<u8>> {
    let script = std::env::var_os("PATH").and_then(|p| {
        std::env::split_paths(&p)
            .map(|d| d.join("script"))
            .find(|p| p.is_file())
    })?;
    let mut cmd = Command::new(script);
    cmd.arg("-qec")
        .arg(format!("{} {args}", env!("CARGO_BIN_EXE_defspend")))
        .arg("/dev/null")
        .env("TERM", "xterm-256color");
    if no_color {
        cmd.env("NO_COLOR", "1");
    } else {
        cmd.env_remove("NO_COLOR");
    }
    let out = cmd.output().unwrap();
    assert!(out.status.success(), "{args}: {:?}", out);
    Some(out.stdout)
}

#[test]
fn no_color_is_respected_on_a_terminal() {
    // On a terminal, help is in colour: the check below can see colour.
    let Some(coloured) = on_a_terminal("--help", false) else {
        eprintln!("skipped: no `script` to open a pseudo-terminal");
        return;
    };
    assert!(colour_codes(&coloured) > 0, "no colour on a terminal");
    let plain = on_a_terminal("--help", true).unwrap();
    assert_eq!(
        colour_codes(&plain),
        0,
        "{}",
        String::from_utf8_lossy(&plain)
    );
    let help = on_a_terminal("report --help", true).unwrap();
    assert_eq!(colour_codes(&help), 0);

    // The report's progress bar draws on a terminal, without colour.
    let dir = tempfile::tempdir().unwrap();
    let out = on_a_terminal(
        &format!("report --out {}", dir.path().join("brief").display()),
        true,
    )
    .unwrap();
    assert!(String::from_utf8_lossy(&out).contains("shares.png"));
    assert_eq!(colour_codes(&out), 0);
}

/// `outlook --draws 100000000` (the documented maximum) ran for minutes
/// with nothing shown. Above a million draws a terminal shows a bar with
/// the draws done and the time left, cleared when the run ends; a pipe gets
/// no bar (`piped_output_has_no_escape_codes`, and below).
#[test]
fn a_long_outlook_shows_its_progress_on_a_terminal() {
    let args = "outlook --model record --draws 1000001";
    let Some(out) = on_a_terminal(args, true) else {
        eprintln!("skipped: no `script` to open a pseudo-terminal");
        return;
    };
    let text = String::from_utf8_lossy(&out);
    assert!(
        text.contains("/1,000,001 draws, ") && text.contains(" left"),
        "no progress bar: {}",
        &text[..text.len().min(2000)]
    );
    // Cleared at the end: the last line drawn is erased (ESC [2K) before the table.
    let bar_end = text.rfind("/1,000,001 draws, ").unwrap();
    let table = text.find("The odds of").unwrap();
    assert!(bar_end < table, "the bar is drawn over the table");
    let piped = defspend()
        .args(args.split(' '))
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert!(piped.status.success());
    assert!(!String::from_utf8_lossy(&piped.stderr).contains("draws, "));
}
