//! `import nato-wide-csv` on any bytes: the six wide tables, split at NUL
//! bytes in the importer's order. An error or rows, never a panic; rows it
//! accepts name known allies or aggregates once per year, every value within
//! its measure's bounds, and the tidy tables written from them read back
//! with the same values.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use defspend::data::expenditure::{measure_keys, write_table, Bound, TableKind};
use defspend::data::import_wide::{import_wide_texts, FILES};
use defspend::data::source::DataSource;
use defspend::data::Catalog;
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(DataSource::Embedded).expect("embedded datasets"))
}

fuzz_target!(|data: &[u8]| {
    let mut texts = Vec::with_capacity(FILES.len());
    for (part, (name, _)) in data.split(|b| *b == 0).zip(FILES) {
        let Ok(text) = std::str::from_utf8(part) else {
            return;
        };
        texts.push((name.to_string(), text.to_string()));
    }
    let catalog = catalog();
    let Ok(imported) = import_wide_texts(&texts, &catalog.allies) else {
        return;
    };
    for (kind, rows) in [
        (TableKind::Allies, &imported.allies),
        (TableKind::Aggregates, &imported.aggregates),
    ] {
        let mut seen = HashSet::new();
        for row in rows.iter() {
            assert!(seen.insert((row.code.clone(), row.year)), "a second row");
            for (key, value) in measure_keys().zip(&row.values) {
                if let Some(v) = value {
                    Bound::of(key).check(*v).expect("an accepted value is within bounds");
                }
            }
        }
        let written = write_table(kind, rows);
        let mut reader = csv::Reader::from_reader(written.as_bytes());
        let read = reader.records().map(|r| r.expect("a CSV record")).count();
        assert_eq!(read, rows.len(), "the tidy table reads back row for row");
    }
});
