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

/// A panic inside the workbook reader on a malformed file (calamine's
/// arithmetic on a cell reference) is caught by `data::untrusted` and
/// reported as the file's error: libFuzzer's hook aborts on every other one.
fn hook() {
    static HOOK: OnceLock<()> = OnceLock::new();
    HOOK.get_or_init(|| {
        let fuzzer = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !defspend::data::in_untrusted_reader() {
                fuzzer(info);
            }
        }));
    });
}

fuzz_target!(|data: &[u8]| {
    hook();
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
