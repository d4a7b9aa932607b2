//! Writes that fail say so: a full disk, a closed pipe, an output path that
//! is a device, FIFO, directory or symbolic link, a workbook under another
//! name; and usage errors keep clap's whole message on one line.

use crate::common;

use std::process::{Command, Stdio};

use common::defspend;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_full_disk_on_standard_output_is_an_error() {
    if !std::path::Path::new("/dev/full").exists() {
        eprintln!("skipped: a_full_disk_on_standard_output_is_an_error: no /dev/full");
        return;
    }
    for args in [
        vec!["shortfall"],
        vec!["sources", "--format", "json"],
        vec!["completions", "bash"],
        vec!["man"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = Command::new(assert_cmd::cargo::cargo_bin("defspend"))
            .env("DEFSPEND_DATA_HOME", common::data_home())
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.contains("cannot write standard output"),
            "{args:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_closed_pipe_is_not_a_success() {
    // The reader closes its end before defspend writes: the write fails
    // with a broken pipe, and defspend exits as a program killed by SIGPIPE
    // would (141), saying nothing.
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("defspend"))
        .env("DEFSPEND_DATA_HOME", common::data_home())
        .args(["outlook", "--draws", "2000", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141));
    assert_eq!(stderr_of(&out), "");
}

#[test]
fn an_output_path_that_is_not_a_regular_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status();
    let mut targets = vec![dir.path().to_path_buf()];
    if std::path::Path::new("/dev/null").exists() {
        targets.push("/dev/null".into());
    }
    if made.is_ok_and(|s| s.success()) {
        targets.push(fifo.clone());
    }
    for target in &targets {
        let out = defspend()
            .args(["shortfall", "--output"])
            .arg(target)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", target.display());
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("cannot write"), "{err}");
    }
    // Nothing left beside them.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert!(left.iter().all(|n| n == "pipe"), "{left:?}");
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through_and_kept() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.csv");
    std::fs::write(&real, "old\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let out = defspend()
        .args(["shortfall", "--format", "csv", "--output"])
        .arg(&link)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&real)
        .unwrap()
        .starts_with("kind,code,name"));
    // A link to nowhere is refused.
    let dangling = dir.path().join("dangling.csv");
    std::os::unix::fs::symlink(dir.path().join("missing/x.csv"), &dangling).unwrap();
    let out = defspend()
        .args(["shortfall", "--output"])
        .arg(&dangling)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("symbolic link"),
        "{}",
        stderr_of(&out)
    );
}

#[test]
fn output_dash_is_standard_output() {
    let out = defspend()
        .args(["shortfall", "--format", "csv", "--output", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("kind,code,name"));
}

#[test]
fn a_workbook_and_a_text_format_keep_their_names() {
    let dir = tempfile::tempdir().unwrap();
    for (format, name, needle) in [
        ("xlsx", "gaps.csv", "written to a .xlsx name"),
        ("csv", "gaps.xlsx", "takes --format xlsx"),
    ] {
        let out = defspend()
            .args(["shortfall", "--format", format, "--output"])
            .arg(dir.path().join(name))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{format} {name}");
        assert!(stderr_of(&out).contains(needle), "{}", stderr_of(&out));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn usage_errors_keep_clap_s_message_on_one_line() {
    for (args, needles) in [
        (
            vec!["shortfall", "--taget", "3"],
            vec![
                "unexpected argument '--taget'",
                "similar argument exists: '--target'",
            ],
        ),
        (
            vec!["chart"],
            vec!["'defspend chart' needs a chart kind", "shares, gaps"],
        ),
        (
            vec!["chart", "pie", "--output", "x.svg"],
            vec!["unknown chart kind 'pie'", "available: shares, gaps"],
        ),
        (
            vec!["chart", "shares"],
            vec!["required arguments were not provided", "--output <FILE>"],
        ),
        (
            vec!["shortfall", "--format", "docx"],
            vec!["invalid value 'docx'", "possible values: table, csv"],
        ),
    ] {
        let out = defspend().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_of(&out);
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        for n in needles {
            assert!(err.contains(n), "{args:?}: {err}");
        }
    }
}

/// The report is built beside its folder and moved into place at the end:
/// a finished report leaves nothing else behind, and one killed half-way
/// leaves no half-written folder.
#[test]
fn a_report_appears_whole_or_not_at_all() {
    let parent = tempfile::tempdir().unwrap();
    let out = parent.path().join("brief");
    let done = defspend()
        .args(["report", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(done.status.success(), "{}", stderr_of(&done));
    let names: Vec<String> = std::fs::read_dir(parent.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["brief"]);
    assert!(out.join("index.html").exists() && out.join("report.md").exists());

    let killed = parent.path().join("killed");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("defspend"))
        .env("DEFSPEND_DATA_HOME", common::data_home())
        .args(["report", "--outlook", "--output"])
        .arg(&killed)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    let _ = child.kill();
    let status = child.wait().unwrap();
    if !status.success() {
        assert!(!killed.exists(), "a half-written report folder");
    }
}
