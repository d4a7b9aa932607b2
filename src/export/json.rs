//! JSON: title, metadata (with the citation), summary, every section, notes.

use serde_json::{json, Map, Value as Json};

use super::{Exporter, Report};

pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn render(&self, report: &Report) -> String {
        render_json(report)
    }
}

fn render_json(report: &Report) -> String {
    let mut metadata = report.metadata.clone();
    metadata.insert("citation".into(), json!(report.citation));
    let mut doc = Map::new();
    doc.insert("title".into(), json!(report.title));
    doc.insert("metadata".into(), Json::Object(metadata));
    doc.insert("summary".into(), json!(report.summary));
    for section in &report.sections {
        debug_assert!(
            !doc.contains_key(&section.key),
            "section key {} collides",
            section.key
        );
        doc.insert(section.key.clone(), section.table.json_rows());
    }
    debug_assert!(!doc.contains_key("notes"), "a section is named notes");
    doc.insert("notes".into(), json!(report.notes));
    let mut text = serde_json::to_string_pretty(&Json::Object(doc)).expect("JSON of plain values");
    text.push('\n');
    text
}
