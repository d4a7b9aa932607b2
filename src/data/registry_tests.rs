use std::collections::BTreeSet;

use super::filesets::Kind;
use super::manifest::Entry;
use super::*;

/// Every embedded file belongs to a family's manifest (or is one of the
/// files every family reads: the allies, groups, SIPRI's country names
/// and the manifests themselves), and every file a manifest lists is
/// embedded: a family's files are embedded by being listed.
#[test]
fn every_embedded_file_belongs_to_a_family() {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let mut claimed: BTreeSet<String> = [
        "allies.csv",
        "groups.toml",
        "sipri-countries.csv",
        "editions.toml",
        "outlooks.toml",
        "plans.toml",
        filesets::Eu::MANIFEST,
        filesets::Eurostat::MANIFEST,
        filesets::Ppp::MANIFEST,
        filesets::Maps::MANIFEST,
        filesets::Models::MANIFEST,
        filesets::Scenarios::MANIFEST,
    ]
    .map(String::from)
    .into();
    fn files<T: Entry>(entries: &[T]) -> Vec<String> {
        entries.iter().flat_map(|e| e.files()).collect()
    }
    claimed.extend(files(&catalog.editions));
    claimed.extend(files(&catalog.outlooks().unwrap()));
    claimed.extend(files(&catalog.plans_manifest().unwrap()));
    claimed.extend(files(&catalog.fileset_manifest::<filesets::Eu>().unwrap()));
    claimed.extend(files(
        &catalog.fileset_manifest::<filesets::Eurostat>().unwrap(),
    ));
    claimed.extend(files(&catalog.fileset_manifest::<filesets::Ppp>().unwrap()));
    claimed.extend(files(
        &catalog.fileset_manifest::<filesets::Maps>().unwrap(),
    ));
    claimed.extend(files(
        &catalog.fileset_manifest::<filesets::Models>().unwrap(),
    ));
    let embedded: BTreeSet<String> = source::EMBEDDED
        .iter()
        .map(|(name, _)| name.to_string())
        .collect();
    let unclaimed: Vec<_> = embedded.difference(&claimed).collect();
    assert!(
        unclaimed.is_empty(),
        "embedded, in no manifest: {unclaimed:?}"
    );
    let missing: Vec<_> = claimed.difference(&embedded).collect();
    assert!(missing.is_empty(), "listed, not embedded: {missing:?}");
}

/// The scenarios family: the files its manifest lists are the files of
/// `scenarios/` and the ones compiled in, by the same names.
#[test]
fn every_shipped_scenario_is_in_its_manifest() {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let listed: Vec<String> = catalog
        .scenarios_manifest()
        .unwrap()
        .iter()
        .flat_map(|e| e.files())
        .collect();
    let compiled: Vec<String> = source::SCENARIOS
        .iter()
        .map(|(name, _)| format!("scenarios/{name}.toml"))
        .collect();
    assert_eq!(listed, compiled);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".toml"))
        .map(|n| format!("scenarios/{n}"))
        .collect();
    on_disk.sort();
    let mut sorted = listed.clone();
    sorted.sort();
    assert_eq!(sorted, on_disk, "scenarios/ and scenarios.toml differ");
}
