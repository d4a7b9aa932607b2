//! SIPRI's workbook importer on any bytes: an error or tables, never a
//! panic; accepted figures are finite and within their measure's range.
#![no_main]

use std::sync::OnceLock;

use defspend::data::import_sipri::import_from;
use defspend::data::sipri::CountryName;
use defspend::data::source::DataSource;
use defspend::data::Catalog;
use libfuzzer_sys::fuzz_target;

fn names() -> &'static Vec<CountryName> {
    static NAMES: OnceLock<Vec<CountryName>> = OnceLock::new();
    NAMES.get_or_init(|| {
        Catalog::load(DataSource::Embedded)
            .and_then(|c| c.sipri_countries())
            .expect("embedded datasets")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(imported) = import_from("sipri.xlsx", std::io::Cursor::new(data), names()) else {
        return;
    };
    for table in &imported.tables {
        for cell in table.cells.iter().flatten() {
            if let Some(v) = cell.value {
                assert!(v.is_finite() && v >= 0.0 && v <= table.measure.max());
            }
        }
    }
});
