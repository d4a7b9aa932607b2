//! `index.html` in a real browser: headless Chromium loads the page, measures
//! every chart, lists every resource it fetched, takes a screenshot and prints
//! the page to PDF (A4). The files are kept in `target/tmp/browser-check/` to
//! be looked at.
//!
//! Without Chromium the test says so and passes, unless
//! `DEFSPEND_BROWSER_CHECK=required` (set by `.ci/run`, which installs it).
//! `DEFSPEND_CHROMIUM` names the browser if it is not `chromium` on the PATH.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::defspend;

/// Loads the page in a frame and writes what it finds into `#result`: the
/// title, each SVG's rendered size, every resource fetched, broken images.
const PROBE: &str = r#"<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>probe</title></head><body>
<iframe id="page" src="index.html" style="width:1280px;height:900px"></iframe>
<pre id="result">pending</pre>
<script>
window.addEventListener('load', () => {
  const w = document.getElementById('page').contentWindow;
  const d = w.document;
  const svgs = [...d.querySelectorAll('svg')].map(s => {
    const r = s.getBoundingClientRect();
    return { id: s.closest('.chart') ? s.closest('.chart').id : '', width: r.width, height: r.height,
             texts: s.querySelectorAll('text').length };
  });
  const resources = w.performance.getEntriesByType('resource').map(e => e.name);
  const broken = [...d.images].filter(i => !i.complete || i.naturalWidth === 0).length;
  document.getElementById('result').textContent = JSON.stringify({
    title: d.title, svgs, resources, broken, tables: d.querySelectorAll('table').length });
});
</script></body></html>
"#;

fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("DEFSPEND_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|p| p.is_file())
}

/// Runs the browser headless with `args` on `url`; returns stdout and stderr.
fn browse(browser: &Path, profile: &Path, args: &[String], url: &str) -> (String, String) {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-extensions",
            "--no-first-run",
            "--no-default-browser-check",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the browser");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut out, &mut s).unwrap();
        s
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut err, &mut s).unwrap();
        s
    });
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(180) {
            let _ = child.kill();
            panic!("the browser did not finish in 180 s: {args:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (reader.join().unwrap(), err_reader.join().unwrap())
}

/// Pages in a PDF: its page objects (`/Type /Page`, not `/Pages`).
fn pdf_pages(pdf: &[u8]) -> usize {
    let needle = b"/Type /Page";
    pdf.windows(needle.len() + 1)
        .filter(|w| &w[..needle.len()] == needle && w[needle.len()] != b's')
        .count()
}

#[test]
fn the_brief_renders_in_a_real_browser() {
    let Some(browser) = chromium() else {
        assert_ne!(
            std::env::var("DEFSPEND_BROWSER_CHECK").as_deref(),
            Ok("required"),
            "DEFSPEND_BROWSER_CHECK=required but no chromium on the PATH"
        );
        eprintln!("skipped: no chromium on the PATH (set DEFSPEND_CHROMIUM)");
        return;
    };
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("browser-check");
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let out = root.join("brief");
    let run = defspend()
        .args(["report", "--outlook", "--scenario", "hague-2035", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let charts = std::fs::read_dir(&out)
        .unwrap()
        .filter(|e| e.as_ref().unwrap().path().extension() == Some("png".as_ref()))
        .count();
    let out = out.canonicalize().unwrap();
    let page_url = format!("file://{}", out.join("index.html").display());
    let profile = tempfile::tempdir().unwrap();

    // 1. Load it, measure it.
    std::fs::write(out.join("probe.html"), PROBE).unwrap();
    let (dom, log) = browse(
        &browser,
        profile.path(),
        &[
            "--allow-file-access-from-files".into(),
            "--virtual-time-budget=10000".into(),
            "--dump-dom".into(),
        ],
        &format!("file://{}", out.join("probe.html").display()),
    );
    std::fs::remove_file(out.join("probe.html")).unwrap();
    let json = dom
        .split("<pre id=\"result\">")
        .nth(1)
        .and_then(|s| s.split("</pre>").next())
        .unwrap_or_else(|| panic!("the probe wrote no result; browser log:\n{log}"));
    let json = json.replace("&quot;", "\"").replace("&amp;", "&");
    let result: serde_json::Value =
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}: {json}"));
    assert_eq!(
        result["title"].as_str().unwrap(),
        "NATO allies' defence spending, 2026e"
    );
    assert_eq!(
        result["resources"].as_array().unwrap().len(),
        0,
        "the page fetched: {}",
        result["resources"]
    );
    assert_eq!(result["broken"], 0);
    let svgs = result["svgs"].as_array().unwrap();
    assert_eq!(svgs.len(), charts, "{svgs:?}");
    for svg in svgs {
        let (w, h) = (
            svg["width"].as_f64().unwrap(),
            svg["height"].as_f64().unwrap(),
        );
        assert!(w > 600.0 && h > 300.0, "chart drawn at {w} x {h}: {svg}");
        assert!(svg["texts"].as_u64().unwrap() > 10, "{svg}");
    }
    assert_eq!(result["tables"].as_u64().unwrap() as usize, charts);
    // A blocked or failed load is logged by the browser's console.
    let complaints: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("CONSOLE") || l.contains("net::ERR_"))
        .collect();
    assert!(complaints.is_empty(), "{complaints:#?}");

    // 2. A screenshot of the top of the page, as a laptop shows it.
    let shot = root.join("index.png");
    browse(
        &browser,
        profile.path(),
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,1600".into(),
        ],
        &page_url,
    );
    let image = image::open(&shot).expect("a screenshot").to_rgb8();
    assert_eq!(image.dimensions(), (1280, 1600));
    let ink = image
        .pixels()
        .filter(|p| p.0.iter().any(|&c| c < 160))
        .count();
    assert!(
        ink > 10_000,
        "the screenshot is almost blank ({ink} dark pixels)"
    );

    // 3. Printed to A4.
    let pdf = root.join("index.pdf");
    browse(
        &browser,
        profile.path(),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        &page_url,
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF-"));
    let pages = pdf_pages(&bytes);
    // Eleven charts with their tables: a chart and a table take one or two pages.
    assert!((8..=30).contains(&pages), "{pages} pages");
    // A4 at 72 points an inch: 595 x 842.
    let text = String::from_utf8_lossy(&bytes);
    let boxes: Vec<Vec<f64>> = text
        .split("/MediaBox [")
        .skip(1)
        .map(|s| {
            let inside = s.split(']').next().unwrap();
            inside
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(boxes.len(), pages);
    for b in &boxes {
        assert!(
            (b[2] - 595.0).abs() < 1.0 && (b[3] - 842.0).abs() < 1.0,
            "not A4: {b:?}"
        );
    }
}
