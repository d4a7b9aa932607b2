//! `report` writes `index.html`: one self-contained page, parsed here with a
//! real HTML parser (html5ever, through scraper).

use crate::common;

use std::path::Path;

use common::defspend;
use scraper::{Html, Selector};

const HOSTILE_NAME: &str = "Hague <script>alert('x')</script> & \"friends\"";

/// A report with a scenario whose name is hostile markup, and the outlook.
fn report(dir: &Path) -> std::path::PathBuf {
    let scenario = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/hague-2035.toml"),
    )
    .unwrap();
    let scenario: String = scenario
        .lines()
        .map(|l| {
            if l.starts_with("name = ") {
                format!("name = {HOSTILE_NAME:?}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(scenario.contains("alert"));
    let file = dir.join("hostile.toml");
    std::fs::write(&file, scenario).unwrap();
    let out = dir.join("brief");
    let run = defspend()
        .args(["report", "--outlook", "--scenario"])
        .arg(&file)
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

#[test]
fn index_html_is_one_self_contained_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(dir.path());
    let raw = std::fs::read_to_string(out.join("index.html")).unwrap();
    let doc = Html::parse_document(&raw);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);

    // Every chart of the folder is in the page as inline SVG, with its table.
    let pngs: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".png"))
        .collect();
    assert!(pngs.len() >= 11, "{pngs:?}");
    let svgs = select(&doc, "figure > svg");
    assert_eq!(svgs.len(), pngs.len());
    for png in &pngs {
        let id = png.trim_end_matches(".png");
        let chart = select(&doc, &format!("div.chart[id=\"{id}\"]"));
        assert_eq!(chart.len(), 1, "no chart block for {png}");
        let inner = chart[0];
        assert_eq!(inner.select(&Selector::parse("svg").unwrap()).count(), 1);
        assert_eq!(inner.select(&Selector::parse("table").unwrap()).count(), 1);
        // Text in the SVG is text: the chart's title can be searched.
        assert!(inner
            .select(&Selector::parse("svg text").unwrap())
            .any(|t| !t.text().collect::<String>().trim().is_empty()));
    }

    // The table behind the shares chart holds the same rows as its CSV.
    let csv = std::fs::read_to_string(out.join("shares.csv")).unwrap();
    let shares = select(&doc, "div.chart[id=\"shares\"] tbody tr");
    assert_eq!(shares.len(), csv.lines().count() - 1);

    // The citation, and the findings.
    let text: String = doc.root_element().text().collect();
    assert!(text.contains("Defence Expenditure of NATO Countries (2014-2026)"));
    assert!(select(&doc, "ul.findings > li").len() >= 8);

    // Nothing is fetched: no scripts, no stylesheets or images by reference,
    // no frames; the only links are anchors in the page and URLs in the sources.
    for tag in ["script", "link", "img", "iframe", "object", "embed", "base"] {
        assert!(select(&doc, tag).is_empty(), "a <{tag}> element");
    }
    for el in select(&doc, "*") {
        for (name, value) in el.value().attrs() {
            let local = name.to_ascii_lowercase();
            assert!(!local.starts_with("on"), "event handler {name}={value}");
            if local == "src" || local.ends_with("href") {
                let internal = value.starts_with('#');
                let source_link = local == "href"
                    && value.starts_with("https://")
                    && el.ancestors().any(|a| {
                        a.value()
                            .as_element()
                            .is_some_and(|e| e.id() == Some("sources"))
                    });
                assert!(internal || source_link, "{name}={value}");
            }
        }
    }
    for style in select(&doc, "style") {
        let css: String = style.text().collect();
        assert!(!css.contains("url(") && !css.contains("@import"));
    }
    let csp = select(&doc, "meta[http-equiv=\"Content-Security-Policy\"]");
    assert_eq!(csp.len(), 1);
    assert!(csp[0]
        .value()
        .attr("content")
        .unwrap()
        .contains("default-src 'none'"));

    // The hostile scenario name is text wherever it appears, never markup.
    assert!(!raw.contains("<script>"));
    assert!(raw.contains("&lt;script&gt;"));
    let caption = format!("Scenario: {HOSTILE_NAME}");
    assert!(select(&doc, "h3")
        .iter()
        .any(|h| h.text().collect::<String>() == caption));
    assert!(select(&doc, "ul.findings > li em")
        .iter()
        .any(|e| e.text().collect::<String>() == HOSTILE_NAME));
}

#[test]
fn the_markdown_and_the_page_say_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let out = report(dir.path());
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    let doc = Html::parse_document(&std::fs::read_to_string(out.join("index.html")).unwrap());
    let findings: Vec<String> = select(&doc, "ul.findings > li")
        .iter()
        .map(|li| li.text().collect())
        .collect();
    let md_findings: Vec<&str> = md
        .lines()
        .skip_while(|l| *l != "## Key findings")
        .skip(2)
        .take_while(|l| l.starts_with("- "))
        .collect();
    assert_eq!(findings.len(), md_findings.len());
    for (html, md) in findings.iter().zip(&md_findings) {
        // The Markdown without its markup is the page's text.
        let plain = md[2..].replace("**", "").replace(['*', '`'], "");
        assert_eq!(html, &plain);
    }
}
