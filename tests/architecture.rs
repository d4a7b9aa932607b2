//! The shape of the code, checked: modules import one another in one direction
//! only (no cycles, between top-level modules or between sibling files), values
//! leave the calculator as types (no column-name lookups outside `data/` and
//! `calc/`), and no ally code or name is written into the code (special cases
//! and groups come from `datasets/`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every `.rs` file under `src/`, with its module path (`chart::kinds::shares`).
fn modules() -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut stack = vec![src()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(src()).unwrap();
            let mut parts: Vec<String> = relative
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect();
            if parts.last().map(String::as_str) == Some("mod") {
                parts.pop();
            }
            if parts == ["lib"] || parts == ["main"] {
                parts.clear();
            }
            // A test module in a file of its own (`#[cfg(test)] mod tests;`).
            if parts.last().map(String::as_str) == Some("tests") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            out.push((parts, text));
        }
    }
    out.sort();
    out
}

/// The code of a file without its test module.
fn code_of(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The module paths a file's code refers to through `crate::` and `super::`,
/// including `use crate::{a, b::c}` groups.
fn references(module: &[String], text: &str) -> BTreeSet<Vec<String>> {
    let code: String = code_of(text)
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let chars: Vec<char> = code.chars().collect();
    let mut found = BTreeSet::new();
    let mut i = 0;
    while i < chars.len() {
        let rest: String = chars[i..chars.len().min(i + 7)].iter().collect();
        let base: Option<Vec<String>> = if rest.starts_with("crate::") {
            i += 7;
            Some(Vec::new())
        } else if rest.starts_with("super::") {
            // `super` from a file is its parent module (from mod.rs too: mod.rs is the module).
            i += 7;
            let mut parent = module.to_vec();
            parent.pop();
            while chars[i..].iter().collect::<String>().starts_with("super::") {
                parent.pop();
                i += 7;
            }
            Some(parent)
        } else {
            None
        };
        let Some(base) = base else {
            i += 1;
            continue;
        };
        for path in read_paths(&chars, &mut i) {
            let mut full = base.clone();
            full.extend(path);
            found.insert(full);
        }
    }
    found
}

/// Reads `a::b::c` or `{a::b, c::{d, e}}` at `i`, returning each path.
fn read_paths(chars: &[char], i: &mut usize) -> Vec<Vec<String>> {
    let ident = |i: &mut usize| -> String {
        let start = *i;
        while *i < chars.len() && (chars[*i].is_alphanumeric() || chars[*i] == '_') {
            *i += 1;
        }
        chars[start..*i].iter().collect()
    };
    if *i < chars.len() && chars[*i] == '{' {
        *i += 1;
        let mut paths = Vec::new();
        loop {
            while *i < chars.len() && (chars[*i].is_whitespace() || chars[*i] == ',') {
                *i += 1;
            }
            if *i >= chars.len() || chars[*i] == '}' {
                *i += 1;
                return paths;
            }
            paths.extend(read_paths(chars, i));
        }
    }
    let mut path = Vec::new();
    loop {
        let name = ident(i);
        if name.is_empty() {
            break;
        }
        path.push(name);
        if chars[*i..].iter().take(2).collect::<String>() == "::" {
            *i += 2;
            if *i < chars.len() && chars[*i] == '{' {
                let prefix = path.clone();
                return read_paths(chars, i)
                    .into_iter()
                    .map(|p| prefix.iter().cloned().chain(p).collect())
                    .collect();
            }
        } else {
            break;
        }
    }
    vec![path]
}

/// The longest known module that a referenced path starts with.
fn module_of(path: &[String], known: &BTreeSet<Vec<String>>) -> Option<Vec<String>> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|p| known.contains(p))
}

fn find_cycle(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        stack: &mut Vec<Vec<String>>,
        done: &mut BTreeSet<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            return Some(stack[at..].iter().map(|m| m.join("::")).collect());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, graph, &mut Vec::new(), &mut done) {
            return Some(cycle);
        }
    }
    None
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let files = modules();
    let known: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
    // Top-level modules (calc, chart, cli, …) and, inside each folder, sibling files.
    let mut top: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut siblings: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
    let mut edges = 0;
    for (module, text) in &files {
        if module.is_empty() {
            continue;
        }
        for path in references(module, text) {
            let Some(target) = module_of(&path, &known) else {
                continue;
            };
            if target.is_empty() {
                continue;
            }
            edges += 1;
            if target[0] != module[0] {
                top.entry(vec![module[0].clone()])
                    .or_default()
                    .insert(vec![target[0].clone()]);
            } else if module.len() == target.len()
                && module.len() > 1
                && module[..module.len() - 1] == target[..target.len() - 1]
                && module != &target
            {
                siblings
                    .entry(module.clone())
                    .or_default()
                    .insert(target.clone());
            }
        }
    }
    assert!(edges > 100, "the import scan found only {edges} references");
    assert!(
        top.get(&vec!["cmd".to_string()])
            .is_some_and(|t| t.contains(&vec!["calc".to_string()])),
        "the scan sees cmd -> calc"
    );
    if let Some(cycle) = find_cycle(&top) {
        panic!(
            "top-level modules import each other: {}",
            cycle.join(" -> ")
        );
    }
    if let Some(cycle) = find_cycle(&siblings) {
        panic!("sibling modules import each other: {}", cycle.join(" -> "));
    }
    // Nothing imports the commands; the calculator and the data know nothing of
    // the command line, the presentation or the charts.
    for (module, targets) in &top {
        assert!(
            !targets.contains(&vec!["cmd".to_string()]),
            "{} imports cmd",
            module.join("::")
        );
    }
    for lower in [
        "calc", "data", "export", "units", "error", "scenario", "forecast",
    ] {
        let targets = top
            .get(&vec![lower.to_string()])
            .cloned()
            .unwrap_or_default();
        for upper in ["cli", "cmd", "view", "chart", "context"] {
            assert!(
                !targets.contains(&vec![upper.to_string()]),
                "{lower} imports {upper}"
            );
        }
    }
    // A view is a function of results and of what they are about
    // (`view::Scope`): no context, no calculator run from a view.
    let view = top
        .get(&vec!["view".to_string()])
        .cloned()
        .unwrap_or_default();
    assert!(
        !view.contains(&vec!["context".to_string()]),
        "view imports context"
    );
    // A chart draws results: it reads them from the run's `results` set and
    // renders no report; it names the types of what it draws where they are
    // defined (that it calls no loader, use case or calculator is the
    // arch crate's rule, on the parsed code).
    let chart = top
        .get(&vec!["chart".to_string()])
        .cloned()
        .unwrap_or_default();
    for other in ["view", "context", "cmd", "api"] {
        assert!(
            !chart.contains(&vec![other.to_string()]),
            "chart imports {other}"
        );
    }
    // The command line's definitions are clap's and the standard library's
    // only: resolving them into requests is the commands' business.
    let cli = top
        .get(&vec!["cli".to_string()])
        .cloned()
        .unwrap_or_default();
    assert!(cli.is_empty(), "cli imports {cli:?}");
}

/// Chart kinds ask the results set for what they draw: no loader, no
/// calculator, no scenario run in `chart/`.
#[test]
fn charts_load_nothing_and_run_nothing() {
    for (module, text) in modules() {
        if module.first().map(String::as_str) != Some("chart") {
            continue;
        }
        let code = code_of(&text);
        for needle in ["load_", "Calculator", "::run(", "crate::context"] {
            assert!(
                !code.contains(needle),
                "{} calls {needle}: ask the results set instead",
                module.join("::")
            );
        }
    }
}

/// `cli` names no crate but clap and std: its `use` lines and paths say so.
#[test]
fn the_command_line_imports_only_clap_and_std() {
    let files: Vec<_> = modules()
        .into_iter()
        .filter(|(m, _)| m.first().map(String::as_str) == Some("cli"))
        .collect();
    assert!(files.len() >= 2, "cli's files");
    // cli's own files, which its root module uses by name.
    let own: Vec<String> = files
        .iter()
        .filter_map(|(m, _)| m.get(1).cloned())
        .collect();
    for (module, text) in &files {
        let code = code_of(text);
        for line in code.lines().map(str::trim) {
            if let Some(path) = line.strip_prefix("use ").or(line.strip_prefix("pub use ")) {
                let root = path.split("::").next().unwrap_or("");
                assert!(
                    matches!(root, "clap" | "std" | "super" | "self")
                        || own.iter().any(|o| o == root),
                    "{} uses {path}",
                    module.join("::")
                );
            }
        }
        assert!(
            !code.contains("crate::"),
            "{} refers to another module of the crate",
            module.join("::")
        );
    }
}

#[test]
fn only_data_and_calc_read_frames_by_column_name() {
    for (module, text) in modules() {
        let area = module.first().map(String::as_str).unwrap_or("");
        if matches!(area, "data" | "calc") {
            continue;
        }
        let code = code_of(&text);
        for needle in [
            ".column(\"",
            "f64_at(",
            "str_at(",
            "bool_at(",
            "i32_at(",
            "u32_at(",
            "col(\"",
        ] {
            assert!(
                !code.contains(needle),
                "{} reads a frame by column name ({needle})",
                module.join("::")
            );
        }
    }
}

#[test]
fn no_ally_code_or_name_is_written_into_the_code() {
    let allies =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/allies.csv"))
            .unwrap();
    let mut codes = BTreeSet::new();
    let mut names = Vec::new();
    let mut reader = csv::Reader::from_reader(allies.as_bytes());
    for record in reader.records() {
        let record = record.unwrap();
        codes.insert(record[0].to_string());
        codes.insert(record[1].to_string());
        names.push(record[2].to_string());
    }
    assert_eq!(names.len(), 32);
    for (module, text) in modules() {
        for (n, line) in code_of(&text).lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            // String literals on the line.
            for literal in line.split('"').skip(1).step_by(2) {
                assert!(
                    !codes.contains(literal),
                    "{}:{}: ally code \"{literal}\" in the code",
                    module.join("::"),
                    n + 1
                );
                // NATO's own row labels ("NATO Europe and Canada") are what the
                // importers look for in NATO's tables; help examples are prose.
                if literal.starts_with("NATO ") || literal.starts_with("Examples:") {
                    continue;
                }
                for name in &names {
                    let found = literal.match_indices(name.as_str()).any(|(at, _)| {
                        let before = literal[..at].chars().last();
                        let after = literal[at + name.len()..].chars().next();
                        !before.is_some_and(char::is_alphanumeric)
                            && !after.is_some_and(char::is_alphanumeric)
                    });
                    assert!(
                        !found,
                        "{}:{}: ally name {name} in \"{literal}\"",
                        module.join("::"),
                        n + 1
                    );
                }
            }
        }
    }
}

/// The data, the calculator, the views and the scenario engine do not know
/// the command line: they raise typed requests (`Error::request`), and the
/// edge that resolved the argument names its flag.
#[test]
fn only_the_command_line_edge_names_flags_in_errors() {
    for (module, text) in modules() {
        let area = module.first().map(String::as_str).unwrap_or("");
        if !matches!(area, "data" | "calc" | "view" | "scenario") {
            continue;
        }
        let code = code_of(&text);
        for needle in ["Error::usage(", "Error::Usage {"] {
            assert!(
                !code.contains(needle),
                "{} raises a usage error ({needle}): return Error::request and let the edge name the flag",
                module.join("::")
            );
        }
    }
}

/// A chart kind uses the helpers beside it (the outlook's and SIPRI's
/// inputs), never another kind.
#[test]
fn no_chart_kind_imports_another() {
    let files = modules();
    let known: BTreeSet<Vec<String>> = files.iter().map(|(m, _)| m.clone()).collect();
    let helpers = ["mod", "outlook_input", "sipri_input"];
    let kind_of = |m: &[String]| -> Option<String> {
        (m.len() == 3 && m[0] == "chart" && m[1] == "kinds" && !helpers.contains(&m[2].as_str()))
            .then(|| m[2].clone())
    };
    let kinds: Vec<String> = known.iter().filter_map(|m| kind_of(m)).collect();
    assert!(kinds.len() >= 15, "found only {kinds:?}");
    for (module, text) in &files {
        let Some(kind) = kind_of(module) else {
            continue;
        };
        for path in references(module, text) {
            if let Some(other) = module_of(&path, &known).and_then(|t| kind_of(&t)) {
                assert_eq!(other, kind, "chart kind {kind} imports kind {other}");
            }
        }
    }
}

/// Each function's length in lines, from its `fn` line to its closing
/// brace at the same indentation (the layout rustfmt gives), tests left out.
fn function_lengths(text: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code_of(text).lines().collect();
    let mut out = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let mut rest = t;
        for prefix in [
            "pub(crate) ",
            "pub(super) ",
            "pub ",
            "const ",
            "async ",
            "unsafe ",
        ] {
            rest = rest.strip_prefix(prefix).unwrap_or(rest);
        }
        let Some(after) = rest.strip_prefix("fn ") else {
            continue;
        };
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        // The signature runs to the line with the body's brace, or ends
        // with `;` (a trait's declaration).
        let Some(open) = (n..lines.len())
            .find(|&j| lines[j].contains('{') || lines[j].trim_end().ends_with(';'))
        else {
            continue;
        };
        if !lines[open].contains('{') || (open == n && lines[n].trim_end().ends_with('}')) {
            continue;
        }
        let indent = line.len() - t.len();
        let close = format!("{}}}", " ".repeat(indent));
        let end = (open + 1..lines.len())
            .find(|&k| lines[k].trim_end() == close)
            .unwrap_or(lines.len() - 1);
        out.push((name, end - n + 1));
    }
    out
}

#[test]
fn no_function_is_longer_than_120_lines() {
    let mut measured = 0;
    for (module, text) in modules() {
        for (name, length) in function_lengths(&text) {
            measured += 1;
            assert!(
                length <= 120,
                "{}::{name} is {length} lines: split it (at most 120)",
                module.join("::")
            );
        }
    }
    assert!(
        measured > 500,
        "the scan measured only {measured} functions"
    );
}

/// A table's columns are written once, key, header and value together
/// (`export::column`): no bare column specification outside `export/`.
#[test]
fn tables_are_built_from_typed_columns() {
    for (module, text) in modules() {
        if module.first().map(String::as_str) == Some("export") {
            continue;
        }
        let code = code_of(&text);
        for needle in ["ColumnSpec::new", "ColumnSpec {", "Table::new("] {
            assert!(
                !code.contains(needle),
                "{} builds a table with {needle}: use export::column and Table::of",
                module.join("::")
            );
        }
    }
}
