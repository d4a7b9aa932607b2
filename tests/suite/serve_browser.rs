//! `defspend serve` in a real browser: headless Chromium, driven through
//! its WebDriver (chromedriver) over HTTP, opens the shortfall page, types a
//! target of 3.5% and a year into the form and submits it, with JavaScript
//! (the page updates in place) and without (the form's GET): each time the
//! table must show the command line's figures for those settings. Console
//! errors are none; first paint is under a second; screenshots at desktop and
//! phone widths are kept in `target/tmp/serve-browser/` to be looked at.
//!
//! Without Chromium and chromedriver the test says so and passes, unless
//! `DEFSPEND_BROWSER_CHECK=required` (set by `.ci/run`, which installs them).

use crate::common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{defspend, start_server};
use serde_json::{json, Value};

/// The element key of WebDriver's answers.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

/// chromedriver on a free port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
    agent: ureq::Agent,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Driver {
    fn start(driver: &Path) -> Driver {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent();
        let d = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            agent,
        };
        let start = Instant::now();
        while d.agent.get(format!("{}/status", d.url)).call().is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
        d
    }

    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.url);
        let mut response = match method {
            "GET" => self.agent.get(&url).call(),
            "DELETE" => self.agent.delete(&url).call(),
            _ => self
                .agent
                .post(&url)
                .header("Content-Type", "application/json")
                .send(body.to_string()),
        }
        .unwrap();
        let answer: Value =
            serde_json::from_str(&response.body_mut().read_to_string().unwrap()).unwrap();
        assert!(
            answer["value"].get("error").is_none(),
            "{method} {path}: {answer}"
        );
        answer["value"].clone()
    }

    /// A browser session: headless, its own profile, JavaScript on or off.
    fn session(&self, browser: &Path, javascript: bool) -> Session<'_> {
        let mut args = vec![
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--window-size=1280,900",
        ];
        if !javascript {
            args.push("--blink-settings=scriptEnabled=false");
        }
        let value = self.call(
            "POST",
            "/session",
            json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {"binary": browser, "args": args},
                "goog:loggingPrefs": {"browser": "ALL"},
            }}}),
        );
        Session {
            driver: self,
            id: value["sessionId"].as_str().unwrap().to_string(),
        }
    }
}

struct Session<'d> {
    driver: &'d Driver,
    id: String,
}

impl Drop for Session<'_> {
    fn drop(&mut self) {
        let _ = self
            .driver
            .agent
            .delete(format!("{}/session/{}", self.driver.url, self.id))
            .call();
    }
}

impl Session<'_> {
    fn call(&self, method: &str, path: &str, body: Value) -> Value {
        self.driver
            .call(method, &format!("/session/{}{path}", self.id), body)
    }

    fn open(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url }));
    }

    fn element(&self, css: &str) -> String {
        let v = self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT].as_str().unwrap().to_string()
    }

    fn type_into(&self, css: &str, text: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/clear"), json!({}));
        self.call(
            "POST",
            &format!("/element/{e}/value"),
            json!({ "text": text }),
        );
    }

    fn click(&self, css: &str) {
        let e = self.element(css);
        self.call("POST", &format!("/element/{e}/click"), json!({}));
    }

    fn script(&self, script: &str) -> Value {
        self.call(
            "POST",
            "/execute/sync",
            json!({"script": script, "args": []}),
        )
    }

    fn text(&self) -> String {
        self.call(
            "POST",
            "/element",
            json!({"using": "css selector", "value": "main"}),
        );
        let e = self.element("main");
        self.call("GET", &format!("/element/{e}/text"), json!({}))
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// An element's text, or `None` while the page is changing under it.
    fn try_text(&self, css: &str) -> Option<String> {
        let url = format!("{}/session/{}", self.driver.url, self.id);
        let post = |path: &str, body: Value| -> Option<Value> {
            let mut r = self
                .driver
                .agent
                .post(format!("{url}{path}"))
                .header("Content-Type", "application/json")
                .send(body.to_string())
                .ok()?;
            let v: Value = serde_json::from_str(&r.body_mut().read_to_string().ok()?).ok()?;
            v["value"]
                .get("error")
                .is_none()
                .then(|| v["value"].clone())
        };
        let e = post("/element", json!({"using": "css selector", "value": css}))?;
        let id = e[ELEMENT].as_str()?.to_string();
        let mut r = self
            .driver
            .agent
            .get(format!("{url}/element/{id}/text"))
            .call()
            .ok()?;
        let v: Value = serde_json::from_str(&r.body_mut().read_to_string().ok()?).ok()?;
        v["value"].as_str().map(str::to_string)
    }

    /// Waits until the page's heading says `needle`.
    fn wait_for(&self, needle: &str) {
        let start = Instant::now();
        loop {
            let h1 = self.try_text("h1");
            if h1.as_deref().is_some_and(|t| t.contains(needle)) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no '{needle}' in {h1:?}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn screenshot(&self, file: &Path) {
        use base64::Engine;
        let png = self.call("GET", "/screenshot", json!({}));
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(png.as_str().unwrap())
            .unwrap();
        std::fs::write(file, bytes).unwrap();
    }

    /// The browser's console messages at level SEVERE.
    fn console_errors(&self) -> Vec<String> {
        self.call("POST", "/se/log", json!({"type": "browser"}))
            .as_array()
            .into_iter()
            .flatten()
            .filter(|m| m["level"] == "SEVERE")
            .map(|m| m["message"].to_string())
            .collect()
    }
}

/// Each ally's gap in points of GDP, as the command line's CSV gives them,
/// with two decimals as the table shows them.
fn gaps(args: &[&str]) -> Vec<(String, String)> {
    let mut all = vec!["shortfall", "--format", "csv"];
    all.extend_from_slice(args);
    common::csv_maps(defspend().args(&all))
        .into_iter()
        .filter(|r| r["kind"] == "ally" && r["status"] == "below")
        .map(|r| {
            let gap: f64 = r["gap_points"].parse().unwrap();
            (r["name"].clone(), format!("{gap:.2}"))
        })
        .collect()
}

/// The page shows every ally's gap of the command line's answer.
fn shows(text: &str, expected: &[(String, String)]) {
    assert!(!expected.is_empty());
    for (name, gap) in expected {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{name}\t")) || l.starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("no row for {name}"));
        assert!(line.contains(gap), "{name}: {gap} not in '{line}'");
    }
}

#[test]
fn the_shortfall_page_works_in_a_real_browser_with_and_without_javascript() {
    let (Some(browser), Some(driver)) = (on_path("chromium"), on_path("chromedriver")) else {
        assert_ne!(
            std::env::var("DEFSPEND_BROWSER_CHECK").as_deref(),
            Ok("required"),
            "DEFSPEND_BROWSER_CHECK=required but chromium or chromedriver is not on the PATH"
        );
        eprintln!(
            "skipped: the_shortfall_page_works_in_a_real_browser: no chromium and chromedriver"
        );
        return;
    };
    let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-browser");
    std::fs::create_dir_all(&out).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start_server(dir.path(), "127.0.0.1:0");
    let driver = Driver::start(&driver);
    let wanted = gaps(&["--year", "2024", "--target", "3.5"]);
    for javascript in [true, false] {
        let session = driver.session(&browser, javascript);
        session.open(&format!("{}/shortfall", server.url));
        session.wait_for("2%");
        // First paint within a second of navigation.
        let paint = session.script(
            "const p = performance.getEntriesByName('first-contentful-paint')[0]; return p ? p.startTime : -1;",
        );
        if javascript {
            let ms = paint.as_f64().unwrap();
            assert!((0.0..1000.0).contains(&ms), "first paint after {ms} ms");
        }
        if javascript {
            // Kept only if the page is updated in place, not reloaded.
            session.script("window.defspendKept = 1; return 1;");
        }
        session.type_into("input[name=target]", "3.5");
        session.type_into("input[name=year]", "2024");
        session.click("form.settings button");
        session.wait_for("3.5% of GDP, 2024");
        shows(&session.text(), &wanted);
        if javascript {
            let kept = session.script("return window.defspendKept || 0;");
            assert_eq!(kept, json!(1), "the page was reloaded, not updated");
        }
        // The address holds the settings: a link reproduces the page.
        let url = session.call("GET", "/url", json!({}));
        assert!(url.as_str().unwrap().contains("year=2024"), "{url}");
        assert!(url.as_str().unwrap().contains("target=3.5"), "{url}");
        let which = if javascript { "js" } else { "no-js" };
        session.screenshot(&out.join(format!("shortfall-desktop-{which}.png")));
        session.call("POST", "/window/rect", json!({"width": 390, "height": 844}));
        session.screenshot(&out.join(format!("shortfall-phone-{which}.png")));
        assert_eq!(session.console_errors(), Vec::<String>::new());
    }
}
