//! The groups file on any bytes: an error or groups, never a panic; every
//! accepted group has members that are allies.
#![no_main]

use std::sync::OnceLock;

use defspend::data::groups::parse_groups;
use defspend::data::source::{DataSource, SourceFile};
use defspend::data::Catalog;
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(DataSource::Embedded).expect("embedded datasets"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let allies = &catalog().allies;
    let file = SourceFile {
        display: "groups.toml".into(),
        text: text.to_string(),
    };
    let Ok(groups) = parse_groups(&file, allies) else {
        return;
    };
    for group in &groups {
        assert!(!group.key.is_empty());
        for code in &group.codes {
            assert!(allies.iter().any(|a| &a.nato_code == code), "{code}");
        }
    }
});
