//! `import eu` on any bytes: the escape clause's table and SAFE's, split at
//! the first NUL byte. An error or rows, never a panic; rows it accepts have
//! known allies once each, values within their bounds (a clause's room
//! above 0 and below 10% of GDP, a loan above 0 and the loans together
//! within SAFE's EUR 150 bn), and write back to the same rows.
#![no_main]

use std::sync::OnceLock;

use defspend::data::eu::{
    parse_escape_clause, parse_safe, write_escape_clause, write_safe, SAFE_ENVELOPE_EUR_BN,
};
use defspend::data::source::{DataSource, SourceFile};
use defspend::data::Catalog;
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(DataSource::Embedded).expect("embedded datasets"))
}

fn file(display: &str, bytes: &[u8]) -> Option<SourceFile> {
    Some(SourceFile {
        display: display.into(),
        text: std::str::from_utf8(bytes).ok()?.to_string(),
    })
}

fuzz_target!(|data: &[u8]| {
    let allies = &catalog().allies;
    let split = data.iter().position(|b| *b == 0).unwrap_or(data.len());
    let (Some(clause_file), Some(safe_file)) = (
        file("clause.csv", &data[..split]),
        file("safe.csv", data.get(split + 1..).unwrap_or_default()),
    ) else {
        return;
    };
    if let Ok((rows, _)) = parse_escape_clause(&clause_file, allies, true) {
        for (i, r) in rows.iter().enumerate() {
            assert!(allies.iter().any(|a| a.nato_code == r.ally));
            assert!(rows[..i].iter().all(|o| o.ally != r.ally));
            assert!(r.up_to_pct_gdp > 0.0 && r.up_to_pct_gdp < 10.0);
        }
        let written = SourceFile {
            display: "escape-clause.csv".into(),
            text: write_escape_clause(&rows),
        };
        let (again, _) =
            parse_escape_clause(&written, allies, false).expect("the importer's output reads back");
        assert_eq!(again, rows);
    }
    if let Ok((loans, _)) = parse_safe(&safe_file, allies, true) {
        for (i, l) in loans.iter().enumerate() {
            assert!(allies.iter().any(|a| a.nato_code == l.ally));
            assert!(loans[..i].iter().all(|o| o.ally != l.ally));
            assert!(l.eur_bn > 0.0 && l.eur_bn <= SAFE_ENVELOPE_EUR_BN);
        }
        let total: f64 = loans.iter().map(|l| l.eur_bn).sum();
        assert!(total <= SAFE_ENVELOPE_EUR_BN * (1.0 + 1e-9));
        let written = SourceFile {
            display: "safe.csv".into(),
            text: write_safe(&loans),
        };
        let (again, _) = parse_safe(&written, allies, false).expect("the importer's output reads back");
        assert_eq!(again, loans);
    }
});
