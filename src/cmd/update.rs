//! `defspend update`: each source's newest release from its official
//! address (or a mirror, or a file fetched by hand), checked, imported by
//! the importers `defspend import` uses, and installed all or nothing in
//! the data directory, where every command finds it.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::update_install::{self as install, Incoming};
use crate::cli::{UpdateArgs, UpdateSource};
use crate::data::source::user_data_dir;
use crate::data::update::http::{Client, Download, Fetched, Settings, Validators};
use crate::data::update::{self as update, address, FetchRecord, Provider};
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;

/// The largest discovery page read (NATO's and SIPRI's pages are ~0.2 MiB).
const PAGE_CAP: u64 = 8 << 20;

pub fn run(catalog: &Catalog, args: &UpdateArgs) -> Result<()> {
    let providers = providers(args)?;
    let home = user_data_dir().ok_or_else(|| {
        Error::usage(
            Param::Data,
            "no data directory is known on this system: set DEFSPEND_DATA_HOME=DIR",
        )
    })?;
    if let Some(mirror) = &args.mirror {
        check_mirror(mirror)?;
    }
    if args.offline && args.from.is_none() {
        for p in providers {
            crate::export::say(&offline_line(&home, p))?;
        }
        return Ok(());
    }
    let client = Client::new(Settings {
        timeout: Duration::from_secs(args.timeout.max(1)),
    });
    let mut failures = Vec::new();
    for p in providers {
        match one(catalog, &client, p, args, &home) {
            Ok(line) => crate::export::say(&line)?,
            Err(e) => failures.push(e),
        }
    }
    // Every failure is said, in order; the last is the command's error.
    let last = failures.pop();
    for earlier in &failures {
        eprintln!("defspend: {}", super::say(earlier));
    }
    last.map_or(Ok(()), Err)
}

/// The providers asked for (all by default); `--from` takes one.
fn providers(args: &UpdateArgs) -> Result<Vec<Provider>> {
    let mut asked: Vec<Provider> = if args.sources.is_empty() {
        Provider::ALL.to_vec()
    } else {
        let mut asked: Vec<Provider> = args.sources.iter().flat_map(|s| providers_of(*s)).collect();
        asked.dedup();
        asked
    };
    if args.from.is_some() {
        // A file fetched by hand is the outlook's answer: its rates come
        // with the next update from the API.
        asked.retain(|p| *p != Provider::ImfPpp);
    }
    if args.from.is_some() && (args.sources.len() != 1) {
        return Err(Error::usage(
            Param::From,
            "name the one source the file is from: defspend update nato|imf|sipri|eurostat --from FILE",
        ));
    }
    Ok(asked)
}

fn providers_of(source: UpdateSource) -> Vec<Provider> {
    match source {
        UpdateSource::Nato => vec![Provider::Nato],
        UpdateSource::Imf => vec![Provider::Imf, Provider::ImfPpp],
        UpdateSource::Sipri => vec![Provider::Sipri],
        UpdateSource::Eurostat => vec![Provider::Eurostat],
    }
}

/// A mirror is an http(s) root: no query, no fragment.
fn check_mirror(mirror: &str) -> Result<()> {
    let rest = mirror
        .strip_prefix("https://")
        .or_else(|| mirror.strip_prefix("http://"));
    match rest {
        Some(rest) if !rest.is_empty() && !rest.contains(['?', '#', ' ']) => Ok(()),
        _ => Err(Error::usage(
            Param::Mirror,
            format!(
                "'{mirror}' is not an http(s) address of a host (http(s)://HOST[:PORT][/PREFIX])"
            ),
        )),
    }
}

/// `--offline`: what is installed and when it was fetched; no connection.
fn offline_line(home: &Path, p: Provider) -> String {
    match install::state(home, p) {
        Some(s) => format!(
            "{}: offline, no connection made; last fetched {} from {} at {} (sha256 {})",
            p.name(),
            s.id,
            s.url,
            s.fetched,
            s.sha256
        ),
        None => format!(
            "{}: offline, no connection made; never updated (defspend's own data are used)",
            p.name()
        ),
    }
}

/// Updates one source; the line says what happened.
fn one(
    catalog: &Catalog,
    client: &Client,
    p: Provider,
    args: &UpdateArgs,
    home: &Path,
) -> Result<String> {
    if let Some(file) = &args.from {
        return from_file(catalog, p, file, home);
    }
    let host = args.mirror.as_deref().unwrap_or(p.official_host());
    let state = install::state(home, p);
    let (url, announced) = match p {
        Provider::Eurostat => (address(p, host, p.path()), None),
        Provider::Imf => (address(p, host, &install::imf_path(catalog)?), None),
        Provider::ImfPpp => (
            address(p, host, &super::update_imf::ppp_path(catalog)),
            None,
        ),
        Provider::Nato | Provider::Sipri => {
            let (url, a) = discover(client, p, host)?;
            (url, Some(a))
        }
    };
    if args.check {
        if let Some(a) = &announced {
            return Ok(install::check_line(catalog, home, p, &a.id, &url));
        }
    }
    let known = state
        .as_ref()
        .filter(|s| s.url == url && install::is_installed(catalog, home, p, &s.id))
        .map(FetchRecord::validators)
        .unwrap_or_default();
    match client.get(p.name(), &url, &known, p.cap())? {
        Fetched::NotModified => Ok(format!(
            "{}: {} is unchanged at {url} (304 Not Modified): nothing downloaded, nothing changed",
            p.name(),
            state.map_or_else(|| "the release".to_string(), |s| s.id)
        )),
        Fetched::Body(download) => {
            verify(p, &download)?;
            let incoming = Incoming::downloaded(p, download, announced);
            if args.check {
                return install::check_answer(catalog, home, &incoming);
            }
            install::install(catalog, home, incoming)
        }
    }
}

/// The newest workbook NATO's or SIPRI's page links.
fn discover(client: &Client, p: Provider, host: &str) -> Result<(String, update::Announced)> {
    let page_url = address(p, host, p.path());
    let page = match client.get(p.name(), &page_url, &Validators::default(), PAGE_CAP)? {
        Fetched::Body(d) => String::from_utf8_lossy(&d.bytes).into_owned(),
        Fetched::NotModified => String::new(),
    };
    let announced = match p {
        Provider::Nato => update::nato_announced(&page),
        _ => update::sipri_announced(&page),
    }
    .ok_or_else(|| {
        Error::fetch(
            p.name(),
            &page_url,
            format!(
                "the page links no workbook defspend recognises (it may have changed): download the workbook in a browser and give it with {} FILE",
                Param::From
            ),
        )
    })?;
    Ok((address(p, host, &announced.link), announced))
}

/// A body is what its source publishes: the checksum the server gives for
/// it, a workbook's first bytes.
fn verify(p: Provider, d: &Download) -> Result<()> {
    let sha = crate::data::sources::sha256_hex(&d.bytes);
    if let Some(published) = &d.published_sha256 {
        if *published != sha {
            return Err(Error::fetch(
                p.name(),
                &d.url,
                format!("checksum mismatch: the server gives sha256 {published}, the bytes received have {sha}; nothing installed"),
            ));
        }
    }
    if p.workbook() {
        if let Some(problem) = update::not_a_workbook(&d.bytes, d.content_type.as_deref()) {
            return Err(Error::fetch(p.name(), &d.url, problem));
        }
    }
    Ok(())
}

/// `--from FILE`: a file fetched by hand, installed as a download would be.
fn from_file(catalog: &Catalog, p: Provider, file: &Path, home: &Path) -> Result<String> {
    let bytes = std::fs::read(file).map_err(|source| Error::Read {
        path: file.to_path_buf(),
        source,
    })?;
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| PathBuf::from(file));
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let download = Download {
        url: format!("file://{}", absolute.display()),
        bytes,
        validators: Validators::default(),
        content_type: None,
        published_sha256: None,
    };
    if p.workbook() {
        if let Some(problem) = update::not_a_workbook(&download.bytes, None) {
            return Err(Error::data(file.display().to_string(), problem));
        }
    }
    // The file's name says what a page's link would have.
    let link = format!("/{name}");
    let announced = match p {
        Provider::Nato => update::nato_announced(&format!("<a href=\"{link}\">")),
        Provider::Sipri => update::sipri_announced(&format!("<a href=\"{link}\">")),
        Provider::Imf | Provider::ImfPpp | Provider::Eurostat => None,
    };
    install::install(catalog, home, Incoming::downloaded(p, download, announced))
}
