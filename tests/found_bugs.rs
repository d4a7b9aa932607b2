//! Bugs found by testing, each with the test that failed before its fix.

mod common;

use common::defspend;

/// A backwards comparison of editions (from the newer to the older) is said.
#[test]
fn revisions_from_a_newer_edition_say_so() {
    let out = defspend()
        .args(["revisions", "--from", "nato-2026", "--to", "nato-2024"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Backwards: nato-2026 (July 2026) is the newer edition"),
        "{text}"
    );
    let forward = defspend()
        .args(["revisions", "--from", "nato-2024", "--to", "nato-2026"])
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
