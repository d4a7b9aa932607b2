//! `defspend update` against a loopback server (std::net, in this file) that
//! serves the real files of `../shared/sources/` at the official paths below
//! it (`--mirror` stands in for the official hosts), and answers as servers
//! do when things go wrong: 304, 404, 403, a body cut short, a wrong
//! checksum, no answer, an HTML page for a workbook, a renamed sheet, 5xx.
//! No test touches the internet: every address is 127.0.0.1.

use crate::common;

use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::{copy_datasets, defspend, gov_ev_response, shared_sources, skipped};
use sha2::{Digest, Sha256};

const NATO_PAGE: &str = "/cps/en/natohq/topics_49198.htm";
const NATO_FILE: &str =
    "/nato_static_fl2014/assets/pdf/2024/6/pdf/240617-def-exp-2024-TABLES-en.xlsx";
const SIPRI_PAGE: &str = "/databases/milex";
const SIPRI_FILE: &str = "/sites/default/files/SIPRI-Milex-data-1949-2024_2.xlsx";
const EUROSTAT: &str = "/eurostat/api/dissemination/statistics/1.0/data/gov_ev";
/// The IMF's SDMX 3.0 data path for the WEO's latest version; the key
/// (allies and series) follows it.
const IMF_PREFIX: &str = "/external/sdmx/3.0/data/dataflow/IMF.RES/WEO/~/";

/// How the server answers a path.
#[derive(Clone)]
enum Answer {
    /// 200 with the body (and an ETag); 304 when the request's
    /// If-None-Match is that ETag. Extra headers are sent as given.
    File(Vec<u8>, &'static str, Vec<(String, String)>),
    Status(u16, &'static str),
    /// Content-Length of the whole body, then half of it and a closed connection.
    CutShort(Vec<u8>),
    /// No answer at all (the client's timeout must end it).
    Silent,
    /// 503 for the first `n` requests, then the file.
    Unavailable(usize, Vec<u8>),
}

/// One request as the server saw it: method, path (with query) and headers.
#[derive(Debug, Clone)]
struct Seen {
    path: String,
    headers: HashMap<String, String>,
}

struct Server {
    url: String,
    routes: Arc<Mutex<HashMap<String, Answer>>>,
    log: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    fn start(routes: HashMap<String, Answer>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let routes = Arc::new(Mutex::new(routes));
        let log = Arc::new(Mutex::new(Vec::new()));
        let (r, l) = (routes.clone(), log.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (r, l) = (r.clone(), l.clone());
                std::thread::spawn(move || serve(stream, &r, &l));
            }
        });
        Server { url, routes, log }
    }

    fn set(&self, path: &str, answer: Answer) {
        self.routes.lock().unwrap().insert(path.to_string(), answer);
    }

    fn requests(&self) -> Vec<Seen> {
        self.log.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, routes: &Mutex<HashMap<String, Answer>>, log: &Mutex<Vec<Seen>>) {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).to_string();
    let mut lines = head.lines();
    let path = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_string();
    let headers: HashMap<String, String> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let seen = Seen {
        path: path.clone(),
        headers,
    };
    log.lock().unwrap().push(seen.clone());
    let mut route = path.split('?').next().unwrap_or("").to_string();
    if route.starts_with(IMF_PREFIX) {
        // The outlook's series, or the PPP release's (its key asks PPPEX).
        route = match route.contains("PPPEX") {
            true => format!("{IMF_PREFIX}ppp"),
            false => IMF_PREFIX.to_string(),
        };
    }
    let answer = routes.lock().unwrap().get(&route).cloned();
    let earlier = log
        .lock()
        .unwrap()
        .iter()
        .filter(|s| s.path == path)
        .count();
    let reply =
        |stream: &mut TcpStream, status: &str, headers: &[(String, String)], body: &[u8]| {
            let mut text = format!(
                "HTTP/1.1 {status}\r\nConnection: close\r\nContent-Length: {}\r\n",
                body.len()
            );
            for (k, v) in headers {
                text.push_str(&format!("{k}: {v}\r\n"));
            }
            text.push_str("\r\n");
            let _ = stream.write_all(text.as_bytes());
            let _ = stream.write_all(body);
        };
    match answer {
        None => reply(&mut stream, "404 Not Found", &[], b"not found"),
        Some(Answer::Status(code, reason)) => reply(
            &mut stream,
            &format!("{code} {reason}"),
            &[],
            b"<html>no</html>",
        ),
        Some(Answer::File(body, content_type, extra)) => {
            // The ETag covers the headers too: another representation.
            let mut tagged = body.clone();
            for (k, v) in &extra {
                tagged.extend(format!("{k}{v}").bytes());
            }
            let etag = format!("\"{}\"", &hex(&Sha256::digest(&tagged))[..16]);
            if seen.headers.get("if-none-match") == Some(&etag) {
                let text = "HTTP/1.1 304 Not Modified\r\nConnection: close\r\n\r\n";
                let _ = stream.write_all(text.as_bytes());
                return;
            }
            let mut headers = vec![
                ("Content-Type".to_string(), content_type.to_string()),
                ("ETag".to_string(), etag),
                (
                    "Last-Modified".to_string(),
                    "Mon, 28 Apr 2025 08:00:00 GMT".to_string(),
                ),
            ];
            headers.extend(extra);
            reply(&mut stream, "200 OK", &headers, &body);
        }
        Some(Answer::CutShort(body)) => {
            let text = format!(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: {}\r\n\r\n",
                body.len()
            );
            let _ = stream.write_all(text.as_bytes());
            let _ = stream.write_all(&body[..body.len() / 2]);
        }
        Some(Answer::Silent) => std::thread::sleep(Duration::from_secs(10)),
        Some(Answer::Unavailable(n, body)) => {
            if earlier <= n {
                reply(&mut stream, "503 Service Unavailable", &[], b"busy");
            } else {
                let headers = vec![("Content-Type".to_string(), XLSX.to_string())];
                reply(&mut stream, "200 OK", &headers, &body);
            }
        }
    }
}

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn nato_workbook() -> PathBuf {
    shared_sources().join("nato/240617-def-exp-2024-TABLES-en.xlsx")
}

fn sipri_workbook() -> PathBuf {
    shared_sources().join("sipri/SIPRI-Milex-data-1949-2024_2.xlsx")
}

/// The real files, or the test named as skipped.
fn shared(test: &str) -> bool {
    let here = nato_workbook().exists() && sipri_workbook().exists();
    if !here {
        skipped(
            test,
            "../shared/sources (NATO's and SIPRI's workbooks) not found",
        );
    }
    here
}

/// NATO's and SIPRI's pages as the publishers link their workbooks (SIPRI's
/// link absolute to its official host, which the mirror stands in for).
fn official_routes() -> HashMap<String, Answer> {
    let page = |html: String| Answer::File(html.into_bytes(), "text/html", Vec::new());
    let mut routes = HashMap::new();
    routes.insert(
        NATO_PAGE.to_string(),
        page(format!(
            "<html><body><h1>Defence expenditure</h1><a href=\"/nato_static_fl2014/assets/pdf/2023/7/pdf/230707-def-exp-2023-en.xlsx\">2023</a> <a href=\"{NATO_FILE}\">Defence Expenditure of NATO Countries (2014-2024)</a></body></html>"
        )),
    );
    routes.insert(
        SIPRI_PAGE.to_string(),
        page(format!(
            "<html><body><p>The database was revised on 28 April 2025.</p><a href=\"https://www.sipri.org{SIPRI_FILE}\">Data for all countries 1949-2024 (excel spreadsheet)</a></body></html>"
        )),
    );
    routes.insert(
        NATO_FILE.to_string(),
        Answer::File(std::fs::read(nato_workbook()).unwrap(), XLSX, Vec::new()),
    );
    routes.insert(
        SIPRI_FILE.to_string(),
        Answer::File(std::fs::read(sipri_workbook()).unwrap(), XLSX, Vec::new()),
    );
    routes.insert(
        EUROSTAT.to_string(),
        Answer::File(
            gov_ev_response().into_bytes(),
            "application/json",
            Vec::new(),
        ),
    );
    routes.insert(
        format!("{IMF_PREFIX}ppp"),
        Answer::File(ppp_response().into_bytes(), "application/json", Vec::new()),
    );
    routes.insert(
        IMF_PREFIX.to_string(),
        Answer::File(
            weo_response(&[]).into_bytes(),
            "application/vnd.sdmx.data+json",
            Vec::new(),
        ),
    );
    routes
}

/// The IMF's SDMX-JSON answer for the WEO in the structure of its real
/// answers (`IMF.RES:WEO(9.0.0)`: series keyed COUNTRY:INDICATOR:FREQUENCY,
/// observations by TIME_PERIOD position, SCALE a series attribute,
/// LATEST_ACTUAL_ANNUAL_DATA a COUNTRY+INDICATOR group attribute,
/// PUBLICATION_DATE 2026-04-14 a data-set attribute), built from the rows of
/// `../shared/sources/imf/weo-2026-04-allies.csv`: population at SCALE 6
/// (persons) and GDP at SCALE 9 as the IMF gives them, the rest at 0; each
/// series' last actual year the file's `estimates_start_after`, except
/// where `last_actual` says otherwise (country, indicator, year).
fn weo_response(last_actual: &[(&str, &str, i32)]) -> String {
    sdmx_answer(&weo_rows(last_actual))
}

/// One series of a built answer: country, indicator, a text per year of
/// [`WEO_YEARS`] (empty: no observation), last actual year.
type Built = (String, String, Vec<String>, String);

const WEO_YEARS: std::ops::RangeInclusive<i32> = 2014..=2031;

/// The rows of `weo-2026-04-allies.csv` as series.
fn weo_rows(last_actual: &[(&str, &str, i32)]) -> Vec<Built> {
    let mut reader =
        csv::Reader::from_path(shared_sources().join("imf/weo-2026-04-allies.csv")).unwrap();
    let years = WEO_YEARS.count();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            let (iso3, code) = (r[1].to_string(), r[3].to_string());
            let last = last_actual
                .iter()
                .find(|(a, b, _)| *a == iso3 && *b == code)
                .map_or(r[r.len() - 1].to_string(), |(_, _, y)| y.to_string());
            let texts = (0..years).map(|t| r[6 + t].to_string()).collect();
            (iso3, code, texts, last)
        })
        .collect()
}

/// The IMF's answer for the PPP release in the same structure: the allies'
/// NGDP and NGDPD from `weo-2026-04-allies.csv`, their PPPEX from
/// `weo-2026-04-ppp.csv` (the shared files hold no GDP for Russia, Ukraine
/// and China: they are left out).
fn ppp_response() -> String {
    let mut rows: Vec<Built> = weo_rows(&[])
        .into_iter()
        .filter(|(_, code, _, _)| code == "NGDP" || code == "NGDPD")
        .collect();
    let mut reader =
        csv::Reader::from_path(shared_sources().join("imf/weo-2026-04-ppp.csv")).unwrap();
    let mut pppex: HashMap<(String, i32), String> = HashMap::new();
    for r in reader.records() {
        let r = r.unwrap();
        pppex.insert((r[0].to_string(), r[1].parse().unwrap()), r[3].to_string());
    }
    let mut allies: Vec<String> = rows.iter().map(|(c, ..)| c.clone()).collect();
    allies.dedup();
    for iso3 in &allies {
        let texts = WEO_YEARS
            .map(|y| pppex.get(&(iso3.clone(), y)).cloned().unwrap_or_default())
            .collect();
        rows.push((iso3.clone(), "PPPEX".into(), texts, "2025".into()));
    }
    sdmx_answer(&rows)
}

/// An SDMX-JSON answer of the IMF's structure holding `rows`: population at
/// SCALE 6 (persons) and GDP at SCALE 9 as the IMF gives them, the rest at 0.
fn sdmx_answer(rows: &[Built]) -> String {
    let years: Vec<i32> = WEO_YEARS.collect();
    let (mut countries, mut indicators): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
    let mut series = serde_json::Map::new();
    let mut groups = serde_json::Map::new();
    for (iso3, code, texts, last) in rows {
        if !countries.contains(iso3) {
            countries.push(iso3.clone());
        }
        if !indicators.contains(code) {
            indicators.push(code.clone());
        }
        let c = countries.iter().position(|x| x == iso3).unwrap();
        let i = indicators.iter().position(|x| x == code).unwrap();
        // SCALE: the position of its value among the definition's values.
        let (scale, scale_at) = match code.as_str() {
            "LP" => (6, 0),
            "NGDPD" | "NGDP" => (9, 1),
            _ => (0, 2),
        };
        let mut observations = serde_json::Map::new();
        for (t, text) in texts.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let value = if scale == 0 {
                text.to_string()
            } else {
                format!("{:.0}", text.parse::<f64>().unwrap() * 10f64.powi(scale))
            };
            observations.insert(t.to_string(), serde_json::json!([value]));
        }
        series.insert(
            format!("{c}:{i}:0"),
            serde_json::json!({"attributes": [scale_at, 0, 0, "9/30/2025"], "observations": observations}),
        );
        groups.insert(
            format!("{c}:{i}::"),
            serde_json::json!([null, null, [last]]),
        );
    }
    let ids = |codes: &[String]| -> serde_json::Value {
        codes.iter().map(|c| serde_json::json!({"id": c})).collect()
    };
    let time: serde_json::Value = years
        .iter()
        .map(|y| serde_json::json!({"value": y.to_string()}))
        .collect();
    serde_json::json!({
        "meta": {},
        "data": {
            "dataSets": [{
                "structure": 0,
                "action": "Replace",
                "attributes": [null, null, null, 0, 0, null, 0, null, 0, ["2026-04-14T13:00:00Z"], ["2026-04-15T13:00:00Z"]],
                "series": series,
                "dimensionGroupAttributes": groups,
            }],
            "structures": [{
                "dimensions": {
                    "series": [
                        {"id": "COUNTRY", "keyPosition": 0, "values": ids(&countries)},
                        {"id": "INDICATOR", "keyPosition": 1, "values": ids(&indicators)},
                        {"id": "FREQUENCY", "keyPosition": 2, "values": [{"id": "A"}]},
                    ],
                    "observation": [{"id": "TIME_PERIOD", "keyPosition": 3, "values": time}],
                },
                "attributes": {
                    "dataSet": [{"id": "DOI"}, {"id": "FULL_DESCRIPTION"}, {"id": "AUTHOR"}, {"id": "PUBLISHER", "values": [{"id": "IMF"}]}, {"id": "DEPARTMENT", "values": [{"id": "RES"}]}, {"id": "CONTACT_POINT"}, {"id": "TOPIC_DATASET"}, {"id": "KEYWORDS_DATASET"}, {"id": "LANGUAGE", "values": [{"id": "EN"}]}, {"id": "PUBLICATION_DATE", "values": []}, {"id": "UPDATE_DATE", "values": []}],
                    "dimensionGroup": [{"id": "METHODOLOGY", "values": []}, {"id": "SERIES_NAME", "values": []}, {"id": "LATEST_ACTUAL_ANNUAL_DATA", "values": []}],
                    "series": [{"id": "SCALE", "values": [{"id": "6"}, {"id": "9"}, {"id": "0"}]}, {"id": "DECIMALS_DISPLAYED", "values": [{"id": "3"}]}, {"id": "OVERLAP", "values": [{"id": "OL"}]}, {"id": "COUNTRY_UPDATE_DATE", "values": []}],
                },
            }],
        },
    })
    .to_string()
}

/// defspend with its own data directory, pointed at the server.
fn update(home: &Path, server: &Server) -> assert_cmd::Command {
    let mut cmd = defspend();
    cmd.env("DEFSPEND_DATA_HOME", home)
        .env_remove("HTTPS_PROXY")
        .env_remove("HTTP_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("https_proxy")
        .env_remove("http_proxy")
        .args(["update", "--mirror", &server.url, "--timeout", "2"]);
    cmd
}

/// Every file below `dir` with its sha256, to show an install untouched.
fn checksums(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p.strip_prefix(dir).unwrap().display().to_string();
                out.push((name, hex(&Sha256::digest(std::fs::read(&p).unwrap()))));
            }
        }
    }
    out.sort();
    out
}

fn stdout(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The one line of a failure, which must exit non-zero and not panic.
fn failure(cmd: &mut assert_cmd::Command) -> String {
    let out = cmd.output().unwrap();
    assert!(!out.status.success());
    assert_ne!(out.status.code(), Some(101), "a panic");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn an_update_installs_sipri_and_every_command_finds_it() {
    if !shared("an_update_installs_sipri_and_every_command_finds_it") {
        return;
    }
    let server = Server::start(official_routes());
    let home = tempfile::tempdir().unwrap();
    let said = stdout(update(home.path(), &server).args(["sipri"]));
    assert!(
        said.contains("sipri: installed sipri-2025 (1949-2024, constant 2023 USD)"),
        "{said}"
    );
    // The tables are those `import sipri-xlsx` makes of the same workbook.
    let imported = tempfile::tempdir().unwrap();
    stdout(
        defspend()
            .env("DEFSPEND_DATA_HOME", imported.path())
            .args(["import", "sipri-xlsx"])
            .arg(sipri_workbook()),
    );
    for name in [
        "share_of_gdp.csv",
        "constant_usd_m.csv",
        "footnotes.csv",
        "release.toml",
    ] {
        assert_eq!(
            std::fs::read(home.path().join("sipri-2025").join(name)).unwrap(),
            std::fs::read(imported.path().join("sipri-2025").join(name)).unwrap(),
            "{name}"
        );
    }
    // The fetch is recorded beside the tables: address, checksum, time.
    let fetched = std::fs::read_to_string(home.path().join("sipri-2025/fetched.toml")).unwrap();
    assert!(
        fetched.contains(&format!("url = \"{}{SIPRI_FILE}\"", server.url)),
        "{fetched}"
    );
    assert!(fetched
        .contains("sha256 = \"8a31c2794c8070230b3b9ef26a3249663f6317a8bc86ba3ec3099c791cdb692f\""));
    // sources lists it installed, with its fetch; compare cites it.
    let sources = common::csv_maps(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .args(["sources", "--format", "csv"]),
    );
    let sipri = sources.iter().find(|s| s["id"] == "sipri-2025").unwrap();
    assert!(sipri["fetched_from"].ends_with(SIPRI_FILE), "{sipri:?}");
    assert_eq!(sipri["installed_in"], "data directory");
    // Published April 2025 (SIPRI's release month), counted to 7 December 2026.
    assert_eq!(sipri["age_days"], "615");
    let compare = stdout(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .args(["history", "Italy", "--source", "sipri"]),
    );
    assert!(
        compare.contains("SIPRI Military Expenditure Database, April 2025"),
        "{compare}"
    );
    // Asked again, the workbook is not sent again: a conditional request, 304.
    let before = checksums(home.path());
    let again = stdout(update(home.path(), &server).args(["sipri"]));
    assert!(again.contains("304 Not Modified"), "{again}");
    let last = server
        .requests()
        .into_iter()
        .rev()
        .find(|s| s.path == SIPRI_FILE)
        .unwrap();
    assert!(last.headers.contains_key("if-none-match"), "{last:?}");
    assert!(last.headers["user-agent"].starts_with("defspend/"));
    assert_eq!(checksums(home.path()), before);
}

#[test]
fn nato_s_workbook_is_imported_as_an_edition_or_known_as_defspend_s_own() {
    if !shared("nato_s_workbook_is_imported_as_an_edition_or_known_as_defspend_s_own") {
        return;
    }
    let server = Server::start(official_routes());
    let home = tempfile::tempdir().unwrap();
    // The June 2024 workbook is the one defspend's nato-2024 was made from.
    let said = stdout(update(home.path(), &server).args(["nato"]));
    assert!(said.contains("nato-2024"), "{said}");
    assert!(
        said.contains("is the workbook defspend already carries"),
        "{said}"
    );
    assert!(!home.path().join("nato-2024").exists());
    // Datasets without that edition: the update installs it, every command
    // can use it, and its tables are those defspend ships (Tables 1-8b of
    // the June 2024 workbook, imported the same way).
    let data = copy_datasets();
    let editions = std::fs::read_to_string(data.path().join("editions.toml")).unwrap();
    let start = editions.find("[[edition]]\nid = \"nato-2024\"").unwrap();
    let end = editions.find("[[edition]]\nid = \"nato-2026\"").unwrap();
    let without = format!("{}{}", &editions[..start], &editions[end..]);
    std::fs::write(data.path().join("editions.toml"), without).unwrap();
    std::fs::remove_dir_all(data.path().join("nato-2024")).unwrap();
    let said = stdout(
        update(home.path(), &server)
            .arg("--data")
            .arg(data.path())
            .args(["nato"]),
    );
    assert!(said.contains("nato: installed nato-2024"), "{said}");
    assert!(
        said.contains("published 2024-06-17, constant 2015 prices"),
        "{said}"
    );
    for name in ["expenditure.csv", "aggregates.csv"] {
        assert_eq!(
            std::fs::read(home.path().join("nato-2024").join(name)).unwrap(),
            std::fs::read(common::datasets_dir().join("nato-2024").join(name)).unwrap(),
            "{name}"
        );
    }
    let shortfall = stdout(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .arg("--data")
            .arg(data.path())
            .args(["shortfall", "--edition", "nato-2024", "--year", "2024"]),
    );
    assert!(
        shortfall.contains(
            "Source: NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024."
        ),
        "{shortfall}"
    );
    // revisions compares the newest edition with the one before it, the
    // installed one: the same figures as against defspend's own nato-2024.
    let revisions = |data: Option<&Path>| {
        let mut cmd = defspend();
        cmd.env("DEFSPEND_DATA_HOME", home.path());
        if let Some(d) = data {
            cmd.arg("--data").arg(d);
        }
        stdout(cmd.args(["revisions", "--allies", "Italy,Poland", "--format", "csv"]))
    };
    let installed = revisions(Some(data.path()));
    assert!(
        installed.contains("nato-2024,nato-2026,share,IT,Italy,2024,"),
        "{installed}"
    );
    assert_eq!(installed, revisions(None));
    // The newest edition is every command's default: with the datasets'
    // own edition dated before it (a stand-in for an older edition), the
    // installed one is what shortfall uses and cites.
    let editions = std::fs::read_to_string(data.path().join("editions.toml")).unwrap();
    std::fs::write(
        data.path().join("editions.toml"),
        editions.replace("published = \"2026-07\"", "published = \"2023-07\""),
    )
    .unwrap();
    let default = stdout(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .arg("--data")
            .arg(data.path())
            .args(["shortfall"]),
    );
    assert!(
        default.contains(
            "Source: NATO, Defence Expenditure of NATO Countries (2014-2024), 17 June 2024."
        ),
        "{default}"
    );
}

#[test]
fn eurostat_s_answer_is_the_newest_release_and_becomes_the_default() {
    if !shared("eurostat_s_answer_is_the_newest_release_and_becomes_the_default") {
        return;
    }
    let server = Server::start(official_routes());
    let home = tempfile::tempdir().unwrap();
    let said = stdout(update(home.path(), &server).args(["eurostat"]));
    assert!(said.contains("eurostat-gov-ev-2026-04"), "{said}");
    assert!(
        said.contains("holds the figures defspend already carries"),
        "{said}"
    );
    // Datasets whose Eurostat release is an earlier one: the answer
    // (updated 27 April 2026) is installed and is what commands use.
    let data = copy_datasets();
    let manifest = std::fs::read_to_string(data.path().join("eurostat.toml")).unwrap();
    let earlier = manifest
        .replace(
            "id = \"eurostat-gov-ev-2026-04\"",
            "id = \"eurostat-gov-ev-2025-10\"",
        )
        .replace("published = \"2026-04-27\"", "published = \"2025-10-22\"")
        .replace(
            "citation = \"Eurostat, gov_ev, 27 April 2026.\"",
            "citation = \"Eurostat, gov_ev, 22 October 2025.\"",
        );
    assert!(earlier.contains("22 October 2025"));
    std::fs::write(data.path().join("eurostat.toml"), earlier).unwrap();
    let said = stdout(
        update(home.path(), &server)
            .arg("--data")
            .arg(data.path())
            .args(["eurostat"]),
    );
    assert!(
        said.contains("eurostat: installed eurostat-gov-ev-2026-04 (data updated 2026-04-27)"),
        "{said}"
    );
    assert_eq!(
        std::fs::read(home.path().join("eurostat-gov-ev-2026-04/gov_ev.csv")).unwrap(),
        std::fs::read(common::datasets_dir().join("eurostat/eurostat-gov-ev-2026-04.csv")).unwrap()
    );
    let sources = common::csv_maps(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .arg("--data")
            .arg(data.path())
            .args(["sources", "--format", "csv"]),
    );
    let entry = |id: &str| sources.iter().find(|s| s["id"] == id).unwrap().clone();
    assert_eq!(entry("eurostat-gov-ev-2026-04")["default"], "true");
    assert_eq!(
        entry("eurostat-gov-ev-2026-04")["installed_in"],
        "data directory"
    );
    assert_eq!(entry("eurostat-gov-ev-2025-10")["default"], "false");
    // The fiscal escape clause reads the newest release: the installed one.
    let fiscal = stdout(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .arg("--data")
            .arg(data.path())
            .args(["fiscal"]),
    );
    assert!(
        fiscal.contains("Eurostat, gov_ev, 27 April 2026."),
        "{fiscal}"
    );
}

#[test]
fn the_imf_s_outlook_installs_with_the_metadata_s_last_actual_years() {
    if !shared("the_imf_s_outlook_installs_with_the_metadata_s_last_actual_years") {
        return;
    }
    let server = Server::start(official_routes());
    let home = tempfile::tempdir().unwrap();
    let said = stdout(update(home.path(), &server).args(["imf"]));
    assert!(
        said.contains("imf: imf-weo-2026-04 (published 14 April 2026)"),
        "{said}"
    );
    assert!(
        said.contains("an outlook defspend already carries"),
        "{said}"
    );
    assert!(
        said.contains("imf-ppp: imf-weo-2026-04-ppp (published 14 April 2026)"),
        "{said}"
    );
    assert!(
        said.contains("holds rates defspend already carries"),
        "{said}"
    );
    let asked = server
        .requests()
        .into_iter()
        .find(|s| s.path.starts_with(IMF_PREFIX))
        .unwrap();
    assert!(
        asked.path.contains("USA") && asked.path.contains("LP"),
        "{}",
        asked.path
    );
    assert!(asked.path.contains("attributes=all"), "{}", asked.path);
    // Datasets whose newest outlook is an earlier one: the answer (published
    // 14 April 2026) installs and is what commands use. The United States'
    // population is answered with LATEST_ACTUAL_ANNUAL_DATA 2024, as the
    // IMF's real answer gives it (the shared file assumed 2025).
    let data = copy_datasets();
    let manifest = std::fs::read_to_string(data.path().join("outlooks.toml")).unwrap();
    let earlier = manifest
        .replace("id = \"imf-weo-2026-04\"", "id = \"imf-weo-2025-10\"")
        .replace("published = \"2026-04\"", "published = \"2025-10\"")
        .replace("Database, April 2026", "Database, October 2025");
    std::fs::write(data.path().join("outlooks.toml"), earlier).unwrap();
    std::fs::rename(
        data.path().join("outlook/imf-weo-2026-04.csv"),
        data.path().join("outlook/imf-weo-2025-10.csv"),
    )
    .unwrap();
    let ppp = std::fs::read_to_string(data.path().join("ppp.toml")).unwrap();
    std::fs::write(
        data.path().join("ppp.toml"),
        ppp.replace(
            "id = \"imf-weo-2026-04-ppp\"",
            "id = \"imf-weo-2025-10-ppp\"",
        )
        .replace("published = \"2026-04\"", "published = \"2025-10\""),
    )
    .unwrap();
    server.set(
        IMF_PREFIX,
        Answer::File(
            weo_response(&[("USA", "LP", 2024)]).into_bytes(),
            "application/json",
            Vec::new(),
        ),
    );
    let said = stdout(
        update(home.path(), &server)
            .arg("--data")
            .arg(data.path())
            .args(["imf"]),
    );
    assert!(said.contains("imf: installed imf-weo-2026-04"), "{said}");
    // The table is the shipped one but for the projections the metadata moves.
    let installed =
        std::fs::read_to_string(home.path().join("imf-weo-2026-04/outlook.csv")).unwrap();
    let shipped =
        std::fs::read_to_string(common::datasets_dir().join("outlook/imf-weo-2026-04.csv"))
            .unwrap();
    let differ: Vec<(&str, &str)> = installed
        .lines()
        .zip(shipped.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(installed.lines().count(), shipped.lines().count());
    assert_eq!(
        differ,
        [(
            "US,2025,population_m,341.89,true",
            "US,2025,population_m,341.89,false"
        )],
        "only the US population of 2025 becomes a projection"
    );
    // The PPP release: the allies' rates, the market rate NGDP / NGDPD
    // unrounded (the shipped table's has four decimals), PPPEX as given.
    assert!(
        said.contains("imf-ppp: installed imf-weo-2026-04-ppp"),
        "{said}"
    );
    let rates = |path: PathBuf| -> HashMap<(String, String), (f64, f64)> {
        let mut reader = csv::Reader::from_path(path).unwrap();
        reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                (
                    (r[0].to_string(), r[1].to_string()),
                    (r[2].parse().unwrap(), r[3].parse().unwrap()),
                )
            })
            .collect()
    };
    let installed = rates(home.path().join("imf-weo-2026-04-ppp/ppp.csv"));
    let shipped = rates(common::datasets_dir().join("ppp/imf-weo-2026-04-ppp.csv"));
    assert_eq!(installed.len(), 32 * 18, "32 allies x 2014-2031");
    for (key, (market, pppex)) in &installed {
        let (m, p) = shipped[key];
        assert!(
            (market - m).abs() <= 0.00005 * m.max(1.0),
            "{key:?}: {market} vs {m}"
        );
        assert_eq!(*pppex, p, "{key:?}");
    }
    let run = |args: &[&str]| {
        stdout(
            defspend()
                .env("DEFSPEND_DATA_HOME", home.path())
                .arg("--data")
                .arg(data.path())
                .args(args),
        )
    };
    let outlook = run(&["outlook"]);
    assert!(
        outlook.contains("IMF, World Economic Outlook Database, April 2026"),
        "{outlook}"
    );
    assert!(!outlook.contains("October 2025"), "{outlook}");
    let sources = run(&["sources"]);
    assert!(
        sources.contains("economic outlook imf-weo-2026-04"),
        "{sources}"
    );
    // What the update changed: the outlook against the one published before
    // it; the United States' 2025 population now a projection there.
    let changes = common::csv_maps(
        defspend()
            .env("DEFSPEND_DATA_HOME", home.path())
            .arg("--data")
            .arg(data.path())
            .args(["economy", "United States", "--compare", "previous"])
            .args(["--series", "LP", "--years", "2025-2025", "--format", "csv"]),
    );
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["from_outlook"], "imf-weo-2025-10", "{changes:?}");
    assert_eq!(changes[0]["to_outlook"], "imf-weo-2026-04");
    assert_eq!(changes[0]["revision"], "0", "the same figure");
    assert_eq!(
        (
            changes[0]["before_projected"].as_str(),
            changes[0]["after_projected"].as_str()
        ),
        ("false", "true"),
        "the metadata's last actual year, 2024, makes 2025 a projection"
    );
}

#[test]
fn check_says_what_is_newer_without_downloading_it() {
    if !shared("check_says_what_is_newer_without_downloading_it") {
        return;
    }
    let server = Server::start(official_routes());
    let home = tempfile::tempdir().unwrap();
    let said = stdout(update(home.path(), &server).args(["nato", "sipri", "--check"]));
    assert!(said.contains("nato: up to date: nato-2024"), "{said}");
    assert!(said.contains("sipri: sipri-2025 is available at"), "{said}");
    let paths: Vec<String> = server.requests().into_iter().map(|s| s.path).collect();
    assert_eq!(paths, [NATO_PAGE, SIPRI_PAGE], "pages only, no workbook");
    assert!(checksums(home.path()).is_empty());
}

#[test]
fn offline_makes_no_connection() {
    let server = Server::start(HashMap::new());
    let home = tempfile::tempdir().unwrap();
    let said = stdout(update(home.path(), &server).arg("--offline"));
    assert!(
        said.contains("nato: offline, no connection made; never updated"),
        "{said}"
    );
    assert!(server.requests().is_empty());
}

#[test]
fn a_file_fetched_by_hand_installs_offline() {
    if !shared("a_file_fetched_by_hand_installs_offline") {
        return;
    }
    let server = Server::start(HashMap::new());
    let home = tempfile::tempdir().unwrap();
    let said = stdout(
        update(home.path(), &server)
            .args(["sipri", "--offline", "--from"])
            .arg(sipri_workbook()),
    );
    assert!(said.contains("sipri: installed sipri-2025"), "{said}");
    assert!(said.contains("file://"), "{said}");
    assert!(server.requests().is_empty());
    // --from names one source.
    let err = failure(
        update(home.path(), &server)
            .args(["--from"])
            .arg(sipri_workbook()),
    );
    assert!(err.contains("--from: name the one source"), "{err}");
}

/// A failure: one line naming the source, the URL and the problem, and the
/// data directory as it was.
fn fails(test: &str, path: &str, answer: Answer, source: &str, needle: &str) {
    if !shared(test) {
        return;
    }
    let server = Server::start(official_routes());
    let home = tempfile::tempdir().unwrap();
    // An earlier release in place, to be left untouched.
    stdout(update(home.path(), &server).args(["sipri"]));
    let before = checksums(home.path());
    server.set(path, answer);
    let err = failure(update(home.path(), &server).arg(source));
    let url = format!("{}{path}", server.url);
    assert!(
        err.starts_with(&format!("defspend: {source}: {url}")),
        "{err}"
    );
    assert!(err.contains(needle), "{err}");
    assert_eq!(
        checksums(home.path()),
        before,
        "{test}: the data directory changed"
    );
}

#[test]
fn not_found_is_one_line() {
    fails(
        "not_found_is_one_line",
        SIPRI_FILE,
        Answer::Status(404, "Not Found"),
        "sipri",
        "HTTP 404 Not Found",
    );
}

#[test]
fn a_blocked_client_is_told_to_use_from() {
    fails(
        "a_blocked_client_is_told_to_use_from",
        SIPRI_FILE,
        Answer::Status(403, "Forbidden"),
        "sipri",
        "HTTP 403 Forbidden: the site refused this client; download the file in a browser and give it with --from FILE",
    );
}

#[test]
fn a_body_cut_short_is_refused() {
    let body = std::fs::read(sipri_workbook()).unwrap_or_default();
    fails(
        "a_body_cut_short_is_refused",
        SIPRI_FILE,
        Answer::CutShort(body),
        "sipri",
        "cut short",
    );
}

#[test]
fn a_wrong_checksum_is_refused() {
    let body = std::fs::read(sipri_workbook()).unwrap_or_default();
    let wrong = vec![("X-Checksum-Sha256".to_string(), "0".repeat(64))];
    fails(
        "a_wrong_checksum_is_refused",
        SIPRI_FILE,
        Answer::File(body, XLSX, wrong),
        "sipri",
        "checksum mismatch: the server gives sha256 0000",
    );
}

#[test]
fn no_answer_is_a_timeout() {
    fails(
        "no_answer_is_a_timeout",
        SIPRI_FILE,
        Answer::Silent,
        "sipri",
        "no answer within 2 s",
    );
}

#[test]
fn an_html_page_is_not_a_workbook() {
    let page = b"<!DOCTYPE html><html><body>Please enable cookies</body></html>".to_vec();
    fails(
        "an_html_page_is_not_a_workbook",
        SIPRI_FILE,
        Answer::File(page, "text/html; charset=utf-8", Vec::new()),
        "sipri",
        "expected an Excel workbook, got an HTML page (text/html; charset=utf-8)",
    );
}

#[test]
fn a_renamed_sheet_is_a_layout_error() {
    if !shared("a_renamed_sheet_is_a_layout_error") {
        return;
    }
    let renamed = rename_sheet(
        &std::fs::read(sipri_workbook()).unwrap(),
        "Share of GDP",
        "GDP share",
    );
    fails(
        "a_renamed_sheet_is_a_layout_error",
        SIPRI_FILE,
        Answer::File(renamed, XLSX, Vec::new()),
        "sipri",
        "Share of GDP",
    );
}

#[test]
fn a_server_error_is_retried() {
    if !shared("a_server_error_is_retried") {
        return;
    }
    let server = Server::start(official_routes());
    server.set(
        SIPRI_FILE,
        Answer::Unavailable(1, std::fs::read(sipri_workbook()).unwrap()),
    );
    let home = tempfile::tempdir().unwrap();
    let said = stdout(update(home.path(), &server).args(["sipri"]));
    assert!(said.contains("sipri: installed sipri-2025"), "{said}");
    let tries = server
        .requests()
        .iter()
        .filter(|s| s.path == SIPRI_FILE)
        .count();
    assert_eq!(tries, 2, "one 503, then the workbook");
    // A 404 is not retried.
    server.set(SIPRI_FILE, Answer::Status(404, "Not Found"));
    failure(update(home.path(), &server).args(["sipri"]));
    let tries = server
        .requests()
        .iter()
        .filter(|s| s.path == SIPRI_FILE)
        .count();
    assert_eq!(tries, 3);
}

/// The workbook with one sheet renamed in its workbook part (the only change).
fn rename_sheet(xlsx: &[u8], from: &str, to: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).unwrap();
        let name = file.name().unwrap().to_string();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        if name == "xl/workbook.xml" {
            let text = String::from_utf8(bytes).unwrap();
            let needle = format!("name=\"{from}\"");
            assert!(text.contains(&needle), "no sheet {from}");
            bytes = text
                .replace(&needle, &format!("name=\"{to}\""))
                .into_bytes();
        }
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}
