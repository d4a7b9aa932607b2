//! Any bytes as a scenario file: the parser returns a scenario or an error, never panics.
#![no_main]

use std::sync::OnceLock;

use defspend::data::{Catalog, DataSource};
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(DataSource::Embedded).expect("embedded datasets load"))
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(scenario) = defspend::scenario::parse("fuzz.toml", text, catalog()) {
            // A valid scenario must also run.
            let catalog = catalog();
            if let Ok(data) = catalog.load_edition(Some(&scenario.edition)) {
                let calc = defspend::calc::Calculator::for_edition(&data, &catalog.allies).unwrap();
                if let Ok(paths) = scenario.paths(&calc) {
                    if let Ok(outcome) = defspend::scenario::outcome::Outcome::of(&scenario, &paths) {
                        let _ = defspend::view::scenario::report(
                            catalog, &data, &scenario, &paths, &outcome, &[],
                        );
                    }
                }
            }
        }
    }
});
