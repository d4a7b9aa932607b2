//! Markdown for reports: headings, pipe tables, notes in italics, the source.

use super::{is_numeric_column, Exporter, Report};

pub struct MarkdownExporter;

impl Exporter for MarkdownExporter {
    fn render(&self, report: &Report) -> String {
        render_markdown(report)
    }
}

fn markdown_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

fn render_markdown(report: &Report) -> String {
    let mut out = format!("## {}\n\n", report.title);
    for line in &report.summary {
        out.push_str(&format!("{line}\n\n"));
    }
    for section in report.sections.iter().filter(|s| !s.detail) {
        out.push_str(&format!("### {}\n\n", section.title));
        if section.table.rows.is_empty() {
            out.push_str("(none)\n\n");
            continue;
        }
        let t = &section.table;
        out.push_str(&format!(
            "| {} |\n",
            t.columns
                .iter()
                .map(|c| markdown_escape(&c.header))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!(
            "|{}|\n",
            (0..t.columns.len())
                .map(|i| if is_numeric_column(t, i) {
                    "---:"
                } else {
                    "---"
                })
                .collect::<Vec<_>>()
                .join("|")
        ));
        for row in &t.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter()
                    .map(|v| markdown_escape(&v.display()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        out.push('\n');
    }
    for note in &report.notes {
        out.push_str(&format!("*Note: {}*\n\n", markdown_escape(note)));
    }
    out.push_str(&format!("*{}*\n", report.citation));
    out
}
