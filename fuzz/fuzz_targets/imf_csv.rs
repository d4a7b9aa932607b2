//! The IMF outlook importer on any bytes: an error or rows, never a panic;
//! rows it accepts are finite and within their series' bounds, and write
//! back to a dataset the reader accepts.
#![no_main]

use std::sync::OnceLock;

use defspend::data::outlook::{import_weo_text, parse_table, write_table, OutlookInfo};
use defspend::data::source::{DataSource, SourceFile};
use defspend::data::Catalog;
use libfuzzer_sys::fuzz_target;

fn setup() -> &'static (Catalog, OutlookInfo) {
    static SETUP: OnceLock<(Catalog, OutlookInfo)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let catalog = Catalog::load(DataSource::Embedded).expect("embedded datasets");
        let info = catalog
            .outlooks()
            .expect("outlooks.toml")
            .into_iter()
            .last()
            .cloned()
            .expect("an outlook");
        (catalog, info)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (catalog, info) = setup();
    let file = SourceFile {
        display: "weo.csv".into(),
        text: text.to_string(),
    };
    let Ok(rows) = import_weo_text(&file, info, &catalog.allies) else {
        return;
    };
    for row in &rows {
        if let Some(v) = row.value {
            assert!(v.is_finite());
            row.series.check(v).expect("an accepted value is within bounds");
        }
    }
    let written = SourceFile {
        display: "outlook.csv".into(),
        text: write_table(&rows),
    };
    parse_table(&written, info, &catalog.allies).expect("the importer's output reads back");
});
