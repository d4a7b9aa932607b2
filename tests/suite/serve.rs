//! `defspend serve`: the pages answer with the command line's figures, bad
//! settings are a 400 with the command's one-line message, nothing is
//! written, loopback unless told otherwise. The server runs as a child
//! process on a free port of 127.0.0.1.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::Path;

use common::{defspend, start_server as start, stdout_of};

/// A client that takes every status as an answer (a 400 is what some
/// tests ask for).
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// Status and body bytes.
fn get_bytes(url: &str) -> (u16, Vec<u8>) {
    let mut response = agent().get(url).call().unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_vec().unwrap())
}

/// Status, headers we look at, and body.
fn get(url: &str) -> (u16, Option<String>, String) {
    let mut response = agent().get(url).call().unwrap();
    let csp = response
        .headers()
        .get("content-security-policy")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let status = response.status().as_u16();
    (status, csp, response.body_mut().read_to_string().unwrap())
}

fn cli(args: &[&str]) -> String {
    stdout_of(defspend().args(args))
}

#[test]
fn the_shortfall_page_and_its_downloads_are_the_command_line_s() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    // (the page's settings, the same on the command line)
    let cases: [(&str, &[&str]); 4] = [
        ("", &[]),
        (
            "year=2024&target=3.5",
            &["--year", "2024", "--target", "3.5"],
        ),
        (
            "edition=nato-2024&year=2023&target=2",
            &["--edition", "nato-2024", "--year", "2023", "--target", "2"],
        ),
        (
            "groups=nordic-baltic%2Ceastern-flank&target=5",
            &["--target", "5", "--groups", "nordic-baltic,eastern-flank"],
        ),
    ];
    for (query, args) in cases {
        let mut cmd = vec!["shortfall"];
        cmd.extend_from_slice(args);
        // The CSV: the command line's, byte for byte.
        let (status, _, csv) = get(&format!("{}/shortfall.csv?{query}", server.url));
        assert_eq!(status, 200, "{query}");
        let mut with_format = cmd.clone();
        with_format.extend_from_slice(&["--format", "csv"]);
        assert_eq!(csv, cli(&with_format), "{query}");
        // The page: the command's summary, its tables' figures, its source
        // line, the command line that gives them, the chart it draws.
        let (status, csp, page) = get(&format!("{}/shortfall?{query}", server.url));
        assert_eq!(status, 200, "{query}");
        assert!(csp.unwrap().contains("default-src 'none'"));
        let table = cli(&cmd);
        let summary = table.lines().nth(1).unwrap();
        assert!(
            page.contains(&summary.replace('\'', "&#39;")) || page.contains(summary),
            "{query}: {summary}"
        );
        let rows = common::csv_maps(defspend().args(&with_format));
        for row in rows
            .iter()
            .filter(|r| r["kind"] == "ally" && r["status"] == "below")
        {
            let gap = format!("{:.2}", row["gap_points"].parse::<f64>().unwrap_or(0.0));
            assert!(
                page.contains(&format!("<td>{}</td>", row["name"])),
                "{}",
                row["name"]
            );
            if row["status"] == "below" {
                assert!(
                    page.contains(&format!("<td class=\"num\">{gap}</td>")),
                    "{} {gap}",
                    row["name"]
                );
            }
        }
        assert!(
            page.contains(&format!("defspend {}", cmd.join(" "))),
            "{query}"
        );
        let (status, _, svg) = get(&format!("{}/shortfall.svg?{query}", server.url));
        assert_eq!(status, 200);
        assert!(
            svg.starts_with("<svg") || svg.starts_with("<?xml"),
            "{}",
            &svg[..40]
        );
    }
}

#[test]
fn every_page_s_csv_is_the_command_line_s() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let cases: [(&str, &[&str]); 13] = [
        (
            "outlook?draws=2000&seed=7",
            &["outlook", "--draws", "2000", "--seed", "7"],
        ),
        (
            "outlook?scenario=three-percent&target=3&by=2030&draws=1000",
            &[
                "outlook",
                "--scenario",
                "three-percent",
                "--target",
                "3",
                "--by",
                "2030",
                "--draws",
                "1000",
            ],
        ),
        ("dispersion", &["dispersion"]),
        ("compare", &["compare"]),
        (
            "compare?targets=2%2C3.5&year=2025",
            &["compare", "--year", "2025", "--targets", "2,3.5"],
        ),
        ("scenario", &["scenario", "run", "hague-2035"]),
        (
            "scenario?scenario=three-percent&allies=Italy%2CSpain",
            &[
                "scenario",
                "run",
                "three-percent",
                "--allies",
                "Italy,Spain",
            ],
        ),
        (
            "scenario?target=3&by=2030&path=constant-growth&ally-target=ES%3D2.1%2CItaly%3D2.5",
            &[
                "scenario",
                "run",
                "hague-2035",
                "--target",
                "3",
                "--by",
                "2030",
                "--path",
                "constant-growth",
                "--ally-target",
                "ES=2.1,Italy=2.5",
            ],
        ),
        ("plans", &["plans"]),
        (
            "plans?allies=Italy&plans-vintage=2025",
            &["plans", "--plans-vintage", "2025", "--allies", "Italy"],
        ),
        ("fiscal?year=2030", &["fiscal", "--year", "2030"]),
        ("ally?ally=Italy", &["ally", "Italy"]),
        (
            "ally?ally=PL&edition=nato-2024",
            &["ally", "PL", "--edition", "nato-2024"],
        ),
    ];
    for (page, args) in cases {
        let (path, query) = page.split_once('?').unwrap_or((page, ""));
        let (status, _, csv) = get(&format!("{}/{path}.csv?{query}", server.url));
        assert_eq!(status, 200, "{page}: {csv}");
        let mut with_format = args.to_vec();
        with_format.extend_from_slice(&["--format", "csv"]);
        assert_eq!(csv, cli(&with_format), "{page}");
        let (status, _, html) = get(&format!("{}/{page}", server.url));
        assert_eq!(status, 200, "{page}");
        assert!(
            html.contains(&format!("defspend {}", args.join(" "))),
            "{page}"
        );
        let (status, _, svg) = get(&format!("{}/{path}.svg?{query}", server.url));
        assert_eq!(status, 200, "{page}: {svg}");
    }
    // The ally page asks for an ally; its CSV without one is the message.
    let (status, _, html) = get(&format!("{}/ally", server.url));
    assert_eq!(status, 200);
    assert!(html.contains("Name an ally"));
    let (status, _, text) = get(&format!("{}/ally.csv?ally=Atlantis", server.url));
    assert_eq!(status, 400);
    assert!(text.starts_with("ally: unknown ally 'Atlantis'"), "{text}");
    // An unchosen scenario says which one the page runs: its command's default.
    for (page, default) in [
        ("fiscal", "hague-2035-imf"),
        ("plans", "hague-2035"),
        ("outlook?draws=1000", "hague-2035"),
        ("scenario", "hague-2035"),
    ] {
        let (_, _, html) = get(&format!("{}/{page}", server.url));
        let option = format!("<select name=\"scenario\"><option value=\"\">{default}</option>");
        assert!(html.contains(&option), "{page}");
    }
    // A scenario is a shipped one, never a file.
    let (status, _, text) = get(&format!(
        "{}/scenario.csv?scenario=%2Fetc%2Fpasswd",
        server.url
    ));
    assert_eq!(status, 400);
    assert!(
        text.starts_with("scenario: '/etc/passwd' is not a shipped scenario; available: "),
        "{text}"
    );
}

#[test]
fn the_workbook_and_the_png_are_the_command_line_s_files() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let out = tempfile::tempdir().unwrap();
    let (xlsx, png) = (out.path().join("gaps.xlsx"), out.path().join("gaps.png"));
    let run = |args: &[&str], file: &Path| {
        stdout_of(defspend().args(args).arg("--output").arg(file));
        std::fs::read(file).unwrap()
    };
    let query = "year=2024&target=3.5";
    let (status, bytes) = get_bytes(&format!("{}/shortfall.xlsx?{query}", server.url));
    assert_eq!(status, 200);
    let cli_xlsx = run(
        &[
            "shortfall",
            "--year",
            "2024",
            "--target",
            "3.5",
            "--format",
            "xlsx",
        ],
        &xlsx,
    );
    assert!(
        bytes == cli_xlsx,
        "the workbook differs from the command line's"
    );
    let (status, bytes) = get_bytes(&format!("{}/shortfall.png?{query}", server.url));
    assert_eq!(status, 200);
    let cli_png = run(
        &["chart", "gaps", "--year", "2024", "--target", "3.5"],
        &png,
    );
    assert!(
        bytes == cli_png,
        "the chart differs from the command line's"
    );
    // The outlook page's chart: its target and year, as `chart odds` draws them.
    let odds = out.path().join("odds.svg");
    let (status, bytes) = get_bytes(&format!(
        "{}/outlook.svg?target=3&by=2030&draws=2000&seed=3",
        server.url
    ));
    assert_eq!(status, 200);
    assert!(
        bytes
            == run(
                &[
                    "chart", "odds", "--target", "3", "--by", "2030", "--draws", "2000", "--seed",
                    "3"
                ],
                &odds
            ),
        "the outlook's chart differs"
    );
    assert!(String::from_utf8_lossy(&bytes).contains("How likely is 3% of GDP by 2030?"));
    // The ally page's chart: the ally's share across the edition's years.
    let trend = out.path().join("trend.png");
    let (status, bytes) = get_bytes(&format!(
        "{}/ally.png?ally=Italy&edition=nato-2024",
        server.url
    ));
    assert_eq!(status, 200);
    assert!(
        bytes
            == run(
                &[
                    "chart",
                    "trend",
                    "--allies",
                    "Italy",
                    "--edition",
                    "nato-2024"
                ],
                &trend
            ),
        "the ally's chart differs"
    );
    // The fiscal page's chart: the year of the path its table shows.
    let fiscal = out.path().join("fiscal.svg");
    let (status, bytes) = get_bytes(&format!("{}/fiscal.svg?year=2030", server.url));
    assert_eq!(status, 200);
    assert!(
        bytes == run(&["chart", "fiscal", "--year", "2030"], &fiscal),
        "the fiscal chart differs"
    );
    assert!(String::from_utf8_lossy(&bytes).contains("costs each treasury in 2030"));
    let (status, text) = get_bytes(&format!("{}/ally.svg", server.url));
    assert_eq!(status, 400);
    assert_eq!(
        String::from_utf8(text).unwrap(),
        "ally: name an ally (its name or NATO code)\n"
    );
    // The map: chart map's, byte for byte.
    let map = out.path().join("map.svg");
    let (status, bytes) = get_bytes(&format!("{}/shortfall.map.svg?{query}", server.url));
    assert_eq!(status, 200);
    assert!(
        bytes == run(&["chart", "map", "--year", "2024"], &map),
        "the map differs"
    );
    assert_eq!(get_bytes(&format!("{}/plans.map.svg", server.url)).0, 404);
}

#[test]
fn bad_settings_are_a_400_with_the_one_line_message_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let long = format!("groups={}", "x".repeat(3000));
    let cases: [(&str, &str); 8] = [
        (
            "year=1800",
            "year: 1800 is outside edition nato-2026 (2014-2026)",
        ),
        ("target=-1", "target: -1 is not a share of GDP"),
        ("target=1e400", "target: '1e400' is not a share of GDP"),
        ("year=abc", "year: 'abc' is not a year"),
        (
            "edition=..%2F..%2Fetc",
            "edition: unknown edition '../../etc'",
        ),
        ("data=%2Fetc%2Fpasswd", "/shortfall: unknown setting 'data'"),
        ("output=x.csv", "/shortfall: unknown setting 'output'"),
        (&long, "/shortfall: the page's settings are 3007 bytes"),
    ];
    for (query, message) in cases {
        for path in ["/shortfall.csv", "/shortfall", "/shortfall.svg"] {
            let (status, _, body) = get(&format!("{}{path}?{query}", server.url));
            assert_eq!(status, 400, "{path}?{query}: {body}");
            let escaped = message.replace('\'', "&#39;");
            assert!(
                body.contains(message) || body.contains(&escaped),
                "{path}?{query}: {body}"
            );
        }
    }
    let (status, _, body) = get(&format!("{}/outlook.csv?draws=1000000000", server.url));
    assert_eq!(status, 400);
    assert!(
        body.starts_with("draws: 1000000000 is not in 1..=100000"),
        "{body}"
    );
    let (status, _, body) = get(&format!("{}/shortfall.csv?groups=nowhere", server.url));
    assert_eq!(status, 400, "{body}");
    assert!(
        body.starts_with("groups: unknown group 'nowhere'"),
        "{body}"
    );
    assert_eq!(body.lines().count(), 1);
    let (status, _, _) = get(&format!("{}/../../etc/passwd", server.url));
    assert_eq!(status, 404);
    // A page is read, not written to: other methods are 405.
    let agent = agent();
    for path in ["/shortfall", "/shortfall.csv", "/"] {
        let url = format!("{}{path}", server.url);
        let put = agent.put(&url).send("year=2024").unwrap();
        assert_eq!(put.status().as_u16(), 405, "{path}");
        let allow = put.headers().get("allow").unwrap().to_str().unwrap();
        assert_eq!(allow.replace(' ', ""), "GET,HEAD", "{path}");
        assert_eq!(agent.post(&url).send("").unwrap().status().as_u16(), 405);
    }
    // Still serving, and nothing written where it runs or in its data directory.
    assert_eq!(get(&format!("{}/shortfall.csv", server.url)).0, 200);
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn it_says_when_it_is_not_on_loopback_and_refuses_a_bad_address() {
    let dir = tempfile::tempdir().unwrap();
    let (server, stderr) = start(dir.path(), "0.0.0.0:0");
    let mut line = String::new();
    BufReader::new(stderr).read_line(&mut line).unwrap();
    assert!(
        line.contains("an address other machines may reach"),
        "{line}"
    );
    assert!(line.contains("--bind 127.0.0.1:PORT"), "{line}");
    drop(server);
    let out = defspend()
        .args(["serve", "--bind", "localhost"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        err.trim_end(),
        "defspend: --bind: 'localhost' is not an address and port (e.g. 127.0.0.1:8080)"
    );
}

#[test]
fn the_outlook_s_draws_do_not_starve_the_other_pages() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let url = server.url.clone();
    let done = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    // More Monte Carlo requests than the server has computing threads.
    let outlooks: Vec<_> = (0..6)
        .map(|seed| {
            let (url, done) = (url.clone(), done.clone());
            std::thread::spawn(move || {
                let (status, _, _) = get(&format!("{url}/outlook.csv?draws=5000&seed={seed}"));
                done.lock().unwrap().push(format!("outlook {status}"));
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(200));
    let (status, _, _) = get(&format!("{url}/shortfall.csv?year=2024"));
    done.lock().unwrap().push(format!("shortfall {status}"));
    for o in outlooks {
        o.join().unwrap();
    }
    let done = done.lock().unwrap().clone();
    // The outlooks take their turns on one thread; the other pages keep
    // theirs: the shortfall answers before the second outlook does.
    let at = done.iter().position(|d| d == "shortfall 200").unwrap();
    assert!(at <= 1, "{done:?}");
    assert_eq!(
        done.iter().filter(|d| *d == "outlook 200").count(),
        6,
        "{done:?}"
    );
}

/// POSTs a form to the server: status and body bytes.
fn post_bytes(url: &str, pairs: &[(&str, &str)]) -> (u16, Vec<u8>) {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    let mut response = agent()
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .send(body)
        .unwrap();
    let status = response.status().as_u16();
    (status, response.body_mut().read_to_vec().unwrap())
}

/// POSTs a form to the server: status and body.
fn post(url: &str, pairs: &[(&str, &str)]) -> (u16, String) {
    let (status, body) = post_bytes(url, pairs);
    (status, String::from_utf8(body).unwrap())
}

#[test]
fn a_scenario_of_one_s_own_is_posted_as_text_and_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let file =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/three-percent.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    // The posted text runs as the file does on the command line.
    let (status, csv) = post(
        &format!("{}/scenario.csv", server.url),
        &[("text", &text), ("allies", "Italy")],
    );
    assert_eq!(status, 200, "{csv}");
    let path = file.display().to_string();
    assert_eq!(
        csv,
        cli(&["scenario", "run", &path, "--allies", "Italy", "--format", "csv"])
    );
    let (status, page) = post(&format!("{}/scenario", server.url), &[("text", &text)]);
    assert_eq!(status, 200);
    assert!(
        page.contains("defspend scenario run my-scenario.toml"),
        "the command line"
    );
    assert!(page.contains("<textarea name=\"text\""));
    // Bad input: a one-line message and a 400, nothing run.
    let big = "a".repeat(2 * 1024 * 1024);
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[("text", "target =")], "posted scenario:1:"),
        (
            &[("text", &big)],
            "posted scenario: more than the 64 KiB a page takes",
        ),
        (&[("allies", "Italy")], "posted scenario: nothing posted"),
        (
            &[("text", &text), ("output", "/tmp/x")],
            "/scenario: unknown setting 'output'",
        ),
    ];
    for (pairs, message) in cases {
        let (status, body) = post(&format!("{}/scenario.csv", server.url), pairs);
        assert_eq!(status, 400, "{message}: {body}");
        assert!(body.starts_with(message), "{body}");
        assert_eq!(body.lines().count(), 1, "{body}");
    }
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert!(written.is_empty(), "{written:?}");
}

/// `chart trajectory` of the scenario file `name` in `dir` (named as a page
/// names a changed or posted scenario, so that the lines under the chart,
/// which name it, are the same): the SVG.
fn trajectory_of(dir: &Path, name: &str, text: &str) -> String {
    let file = dir.join(name);
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, text).unwrap();
    stdout_of(defspend().current_dir(dir).args([
        "chart",
        "trajectory",
        "--scenario",
        name,
        "-o",
        "drawn.svg",
    ]));
    let svg = std::fs::read_to_string(dir.join("drawn.svg")).unwrap();
    std::fs::remove_file(dir.join("drawn.svg")).unwrap();
    std::fs::remove_file(file).unwrap();
    svg
}

/// Whether two charts are the same, saying where they part if not (a
/// chart is too long to print whole).
fn same_chart(got: &str, expected: &str, what: &str) {
    if let Some((n, (a, b))) = got
        .lines()
        .zip(expected.lines())
        .enumerate()
        .find(|(_, (a, b))| a != b)
    {
        panic!("{what}: line {}: {a:?} is not {b:?}", n + 1);
    }
    assert_eq!(got.len(), expected.len(), "{what}");
}

#[test]
fn a_changed_or_posted_scenario_s_chart_is_the_one_its_file_draws() {
    let dir = tempfile::tempdir().unwrap();
    let files = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    // Changed on the page: the chart is the trajectory of the file one would
    // write with the changes (hague-2035.toml with them written in).
    let text = std::fs::read_to_string(root.join("scenarios/hague-2035.toml")).unwrap();
    let written = text
        .replace(
            "name = \"The Hague 2035: 3.5% core + 1.5% related\"",
            "name = \"The Hague 2035: 3.5% core + 1.5% related (changed)\"",
        )
        .replace("core = 3.5", "core = 3.0")
        .replace("target_year = 2035", "target_year = 2030")
        + "\n[allies.ES]\ncore = 2.1\n";
    let expected = trajectory_of(files.path(), "scenarios/hague-2035.toml, changed", &written);
    let query = "target=3&by=2030&ally-target=ES%3D2.1";
    let (status, svg) = get_bytes(&format!("{}/scenario.svg?{query}", server.url));
    assert_eq!(status, 200, "{}", String::from_utf8_lossy(&svg));
    same_chart(&String::from_utf8(svg).unwrap(), &expected, "changed");
    let (_, _, html) = get(&format!("{}/scenario?{query}", server.url));
    assert!(
        html.contains("defspend scenario run hague-2035 --target 3 --by 2030 --ally-target ES=2.1")
    );
    // Bad changes: the one-line message and a 400.
    for (query, message) in [
        (
            "path=zigzag",
            "path: 'zigzag' is not a path shape; available: linear, constant-growth, immediate",
        ),
        (
            "by=2020",
            "by: 2020 must come after the scenario's baseline year 2025",
        ),
        (
            "ally-target=Narnia%3D2",
            "ally-target: unknown ally 'Narnia'",
        ),
        (
            "ally-target=ES%3D150",
            "ally-target: 150 is not a share of GDP",
        ),
        ("target=0", "target: 0 is not a share of GDP"),
    ] {
        for ext in [".csv", ".svg"] {
            let (status, _, body) = get(&format!("{}/scenario{ext}?{query}", server.url));
            assert_eq!(status, 400, "{query}: {body}");
            assert!(body.starts_with(message), "{query}: {body}");
        }
    }

    // Posted: the page draws its chart in place (no link can give it), and
    // every download posts the text again; the chart is the file's.
    let mine = text.replace(
        "name = \"The Hague 2035: 3.5% core + 1.5% related\"",
        "name = \"<script>alert(1)</script> mine\"",
    );
    let expected = trajectory_of(files.path(), "posted scenario", &mine);
    let (status, page) = post(&format!("{}/scenario", server.url), &[("text", &mine)]);
    assert_eq!(status, 200);
    assert!(
        page.contains("<figure class=\"inline\""),
        "the chart in the page"
    );
    assert!(!page.contains("<img src=\"/scenario.svg"), "no other chart");
    assert!(!page.contains("<script>alert"), "the name is escaped");
    for ext in ["csv", "xlsx", "png", "svg"] {
        assert!(
            page.contains(&format!("formaction=\"/scenario.{ext}\"")),
            "{ext}"
        );
    }
    let inline = &page[page.find("<svg").unwrap()..page.find("</svg>").unwrap() + 6];
    same_chart(inline, expected.trim_end(), "in the page");
    for (ext, magic) in [("svg", &b"<svg"[..]), ("png", b"\x89PNG"), ("xlsx", b"PK")] {
        let url = format!("{}/scenario.{ext}", server.url);
        let (status, bytes) = post_bytes(&url, &[("text", &mine)]);
        assert_eq!(status, 200, "{ext}");
        assert!(bytes.starts_with(magic), "{ext}");
        if ext == "svg" {
            same_chart(&String::from_utf8(bytes).unwrap(), &expected, "posted");
        }
    }
    let written: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert!(written.is_empty(), "{written:?}");
}

#[test]
fn a_slow_or_idle_client_is_cut_off_and_does_not_hold_the_others() {
    use std::io::{Read, Write};
    use std::time::{Duration, Instant};
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let address = server.url.trim_start_matches("http://").to_string();
    // A hundred clients sending half a request's headers, and one sending nothing.
    let started = Instant::now();
    let mut slow: Vec<std::net::TcpStream> = (0..100)
        .map(|_| {
            let mut s = std::net::TcpStream::connect(&address).unwrap();
            s.write_all(b"GET /shortfall HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .unwrap();
            s
        })
        .collect();
    slow.push(std::net::TcpStream::connect(&address).unwrap());
    // And one posting a scenario that never comes whole.
    let mut posting = std::net::TcpStream::connect(&address).unwrap();
    posting
        .write_all(b"POST /scenario.csv HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 50000\r\n\r\ntext=name")
        .unwrap();
    // The others are answered meanwhile.
    let asked = Instant::now();
    let (status, _, _) = get(&format!("{}/shortfall", server.url));
    assert_eq!(status, 200);
    assert!(
        asked.elapsed() < Duration::from_secs(2),
        "{:?}",
        asked.elapsed()
    );
    // Each slow connection is closed once the header timeout (10 s) has run.
    for mut s in slow {
        s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
        let mut buf = [0u8; 512];
        let read = s.read(&mut buf);
        // Closed (end of stream or reset), or told so; not still waiting.
        let closed = match &read {
            Ok(n) => *n == 0 || buf.starts_with(b"HTTP/1.1 408"),
            Err(e) => e.kind() == std::io::ErrorKind::ConnectionReset,
        };
        assert!(closed, "{read:?}");
    }
    let took = started.elapsed();
    assert!(
        (Duration::from_secs(9)..Duration::from_secs(25)).contains(&took),
        "closed after {took:?}"
    );
    // The post is answered with the one-line message once the request's time is up.
    posting
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut answer = String::new();
    let _ = posting.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(
        answer.contains("posted scenario: not sent within 10 s"),
        "{answer}"
    );
    assert_eq!(get(&format!("{}/shortfall.csv", server.url)).0, 200);
}

#[test]
fn outlooks_waiting_past_the_page_s_time_are_told_to_try_again() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    // Forty outlooks at the most draws a page takes, one computed at a time:
    // more than 10 s of work on any machine this runs on; those still
    // waiting when their 10 s are up are a 503 with Retry-After, the server's
    // lack of time, not the request's fault.
    let answers: Vec<_> = (0..40)
        .map(|seed| {
            let url = format!("{}/outlook.csv?draws=100000&seed={seed}", server.url);
            std::thread::spawn(move || {
                let mut response = agent().get(&url).call().unwrap();
                let retry = response
                    .headers()
                    .get("retry-after")
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string);
                let status = response.status().as_u16();
                (status, retry, response.body_mut().read_to_string().unwrap())
            })
        })
        .collect();
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert_eq!(get(&format!("{}/shortfall.csv", server.url)).0, 200);
    let answers: Vec<_> = answers.into_iter().map(|a| a.join().unwrap()).collect();
    assert!(answers.iter().any(|(s, _, _)| *s == 200));
    let busy: Vec<_> = answers.iter().filter(|(s, _, _)| *s == 503).collect();
    assert!(!busy.is_empty(), "none waited past 10 s");
    for (_, retry, body) in &busy {
        assert_eq!(retry.as_deref(), Some("5"));
        assert_eq!(
            body.as_str(),
            "server: the page took longer than 10 s (the server is busy); try again\n"
        );
    }
    assert!(answers.iter().all(|(s, _, _)| *s == 200 || *s == 503));
}

#[test]
fn an_outlook_asked_again_is_answered_from_the_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let (server, _) = start(dir.path(), "127.0.0.1:0");
    let agent = agent();
    let ask = |path: &str| {
        let mut response = agent.get(format!("{}{path}", server.url)).call().unwrap();
        let cache = response
            .headers()
            .get("x-cache")
            .map(|v| v.to_str().unwrap().to_string());
        let csp = response.headers().get("content-security-policy").is_some();
        let status = response.status().as_u16();
        (
            status,
            cache,
            csp,
            response.body_mut().read_to_vec().unwrap(),
        )
    };
    // The same settings (in any order): simulated once, the same bytes, the
    // same headers; the command line's figures.
    let first = ask("/outlook.csv?draws=3000&seed=11");
    let again = ask("/outlook.csv?seed=11&draws=3000");
    assert_eq!((first.0, first.1.as_deref()), (200, Some("miss")));
    assert_eq!((again.0, again.1.as_deref()), (200, Some("hit")));
    assert!(again.2, "the kept answer has its security headers");
    assert_eq!(first.3, again.3);
    assert_eq!(
        String::from_utf8(again.3).unwrap(),
        cli(&["outlook", "--draws", "3000", "--seed", "11", "--format", "csv"])
    );
    // Another seed is another run; a refusal is never kept; other pages are
    // computed each time.
    assert_eq!(
        ask("/outlook.csv?draws=3000&seed=12").1.as_deref(),
        Some("miss")
    );
    for _ in 0..2 {
        let refused = ask("/outlook.csv?draws=0");
        assert_eq!((refused.0, refused.1), (400, None));
    }
    assert_eq!(ask("/shortfall.csv").1, None);
    // Eight asking at once for what none has asked before: one simulates,
    // the seven others wait for its answer instead of simulating again.
    let url = server.url.clone();
    let at_once: Vec<_> = (0..8)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let response = ureq::get(format!("{url}/outlook.csv?draws=20000&seed=5"))
                    .call()
                    .unwrap();
                response
                    .headers()
                    .get("x-cache")
                    .unwrap()
                    .to_str()
                    .unwrap()
                    .to_string()
            })
        })
        .collect();
    let mut said: Vec<String> = at_once.into_iter().map(|t| t.join().unwrap()).collect();
    said.sort();
    assert_eq!(
        said,
        ["hit"; 7]
            .iter()
            .chain(&["miss"])
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
    );
}
