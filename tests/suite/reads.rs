//! Each dataset file is read once per command, however many charts and
//! findings use it (counted by the data layer's reader).

use clap::Parser;

use crate::common;

#[test]
fn report_with_the_outlook_reads_each_dataset_file_once() {
    // The reader's count is the process's: the other tests' reads must not
    // add to it.
    if !common::alone("reads::report_with_the_outlook_reads_each_dataset_file_once") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let cli = defspend::cli::Cli::parse_from([
        "defspend",
        "report",
        "--outlook",
        // Charts are drawn in parallel: the three scenarios' charts and the
        // outlook's still read each edition once between them.
        "--scenario",
        "hague-2035",
        "--scenario",
        "three-percent",
        "--scenario",
        "wales-2pct",
        "--output",
        out.to_str().unwrap(),
    ]);
    defspend::cmd::run(cli).unwrap();
    let reads = defspend::data::source::reads();
    assert!(
        reads
            .iter()
            .any(|(f, _)| f == "outlook/imf-weo-2026-04.csv"),
        "{reads:?}"
    );
    let again: Vec<_> = reads.iter().filter(|(_, n)| *n > 1).collect();
    assert!(again.is_empty(), "read more than once: {again:?}");
}
