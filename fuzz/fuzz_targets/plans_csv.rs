//! The national-plans importer on any bytes: an error or milestones, never a
//! panic; what it accepts writes back to the same milestones.
#![no_main]

use std::sync::OnceLock;

use defspend::data::plans::{import_text, parse_table, write_table};
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
        display: "plans.csv".into(),
        text: text.to_string(),
    };
    let Ok(milestones) = import_text(&file, allies) else {
        return;
    };
    let written = write_table(&milestones);
    let again = parse_table(
        &SourceFile {
            display: "plans.csv".into(),
            text: written.clone(),
        },
        allies,
    )
    .expect("the importer's output reads back");
    assert_eq!(write_table(&again), written, "a second write is the first");
});
