//! The rules over `src/`, and over planted violations each must reject.

use std::path::Path;

use defspend_arch::{check, load, Module, Violation};

mod known;

fn src() -> Vec<Module> {
    load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../src")).expect("src/ parses")
}

fn of_rule<'v>(violations: &'v [Violation], prefix: &str) -> Vec<&'v Violation> {
    violations
        .iter()
        .filter(|v| v.rule.starts_with(prefix))
        .collect()
}

/// The source is read whole: every file parsed, test modules left out
/// wherever they are (not the file cut at its first `#[cfg(test)]`).
#[test]
fn the_whole_source_is_read() {
    let modules = src();
    assert!(modules.len() > 100, "{} files", modules.len());
    // calc::montecarlo has production code after its first #[cfg(test)]
    // item; it is read.
    let mc = modules
        .iter()
        .find(|m| m.name() == "calc::montecarlo")
        .expect("calc::montecarlo");
    let functions = mc.facts().functions;
    assert!(functions.iter().any(|(name, _, _)| name == "shrunk_record"));
    assert!(
        !functions
            .iter()
            .any(|(name, _, _)| name.starts_with("quantiles_come_from")),
        "a test function was read"
    );
}

/// No file system, no loader in a view or chart, no flag outside the
/// command line's own modules, no positional tuple as a row: no exception.
#[test]
fn the_strict_rules_hold() {
    let violations = check(&src());
    let mut found = Vec::new();
    for rule in [
        "file system",
        "a loader",
        "a use case",
        "the calculator",
        "a flag",
        "a positional",
        "a function over 120",
        "a file over 600",
        "a layer importing",
        "a chart kind importing",
        "a frame read",
        "a usage error",
        "a table of untyped",
        "an ally written",
        "an import cycle",
    ] {
        found.extend(
            of_rule(&violations, rule)
                .into_iter()
                .map(|v| v.to_string()),
        );
    }
    assert!(found.is_empty(), "{}", found.join("\n"));
}

/// The rules with a list of what they found when written: nothing new, and
/// the list shrinks as they are fixed.
#[test]
fn the_ratchets_only_tighten() {
    let violations = check(&src());
    let mut problems = Vec::new();
    for (prefix, known) in [("a function over", known::LONG_FUNCTIONS)] {
        let found: Vec<(String, String)> = of_rule(&violations, prefix)
            .iter()
            .map(|v| {
                let name = v.what.split(" (").next().unwrap_or(&v.what);
                (v.module.clone(), name.to_string())
            })
            .collect();
        for (module, name) in &found {
            if !known.iter().any(|(m, n)| m == module && n == name) {
                problems.push(format!("{module}: {prefix}: {name} is new"));
            }
        }
        for (module, name) in known {
            if !found.iter().any(|(m, n)| m == module && n == name) {
                problems.push(format!(
                    "{module}: {name} no longer breaks '{prefix}': remove its entry"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Planted violations, each of a kind the earlier text-cutting check let
/// through: every one is rejected by the rule named.
#[test]
fn planted_violations_are_rejected() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "view::outlook",
            "fn f(c: &Catalog) -> Result<()> { let d = c.load_edition(None)?; Ok(()) }",
            "a loader",
        ),
        (
            "findings",
            "fn f(c: &Catalog, s: &Settings) { let r = crate::forecast::odds::run(c, s); }",
            "a use case",
        ),
        (
            "chart::kinds::fan",
            "fn f(d: &EditionData, a: &[Ally]) { let c = Calculator::for_edition(d, a); }",
            "the calculator",
        ),
        (
            "scenario",
            "fn f() { let t = std::fs::read_to_string(\"x\"); }",
            "file system",
        ),
        (
            "calc::plans",
            "use std::fs;\nfn f() { let t = fs::read(\"x\"); }",
            "file system",
        ),
        (
            "chart::kinds::map",
            "fn f() -> Error { Error::usage(\"--measure\", \"no such measure\") }",
            "a flag",
        ),
        (
            "view::shortfall",
            "fn f() -> String { format!(\"use `--edition nato-2024` for {}\", 1) }",
            "a flag",
        ),
        (
            "view::burden",
            "type Row = (String, f64, f64);",
            "a positional",
        ),
        (
            "calc::montecarlo",
            // After a test module: the old check stopped reading here.
            &format!(
                "#[cfg(test)]\nmod tests {{ fn t() {{}} }}\nfn long() {{\n{}}}\n",
                "    let x = 1;\n".repeat(90)
            ),
            "a function over",
        ),
        (
            "chart::kinds::odds",
            "#[cfg(test)]\nmod tests {}\nfn f(c: &Catalog) { c.load_outlook(None); }",
            "a loader",
        ),
        (
            "view",
            "fn f(c: &Catalog) { let p = c.read_rows(e, k); }",
            "a loader",
        ),
        (
            "calc::x",
            &format!("fn long() {{\n{}}}\n", "    let x = 1;\n".repeat(125)),
            "a function over 120",
        ),
        (
            "view::outlook",
            "use crate::context::Context;\nfn f(c: &Context) {}",
            "a layer importing",
        ),
        (
            "chart::kinds::map",
            "fn f() -> crate::view::Scope<'static> { todo!() }",
            "a layer importing",
        ),
        (
            "cli::values",
            "fn f() -> crate::param::Param { todo!() }",
            "a layer importing",
        ),
        (
            "chart::kinds::fan",
            "use super::odds::OddsChart;",
            "a chart kind importing",
        ),
        (
            "view::shortfall",
            "fn f(d: &DataFrame) { let s = d.column(\"share\"); }",
            "a frame read",
        ),
        (
            "chart::kinds::trend",
            "fn f() { let e = col(\"share\"); }",
            "a frame read",
        ),
        (
            "calc::path",
            "fn f() -> Error { Error::usage(Param::Year, \"x\") }",
            "a usage error",
        ),
        (
            "view::x",
            "fn f() -> ColumnSpec { ColumnSpec::new(\"a\", \"b\") }",
            "a table of untyped",
        ),
        (
            "calc::fiscal",
            "fn f(c: &str) -> bool { c == \"IT\" }",
            "an ally written",
        ),
        (
            "view::plans",
            "fn f() -> &'static str { \"Italy's plan is short\" }",
            "an ally written",
        ),
    ];
    // A kind beside the planted ones, for a kind to import.
    let beside = || Module::parse("chart::kinds::odds", "pub struct OddsChart;").unwrap();
    for (module, code, rule) in cases {
        let m = Module::parse(module, code).unwrap();
        let found = check(&[m, beside()]);
        assert!(
            found.iter().any(|v| v.rule.starts_with(rule)),
            "{module}: `{code}` not rejected by '{rule}': {found:?}"
        );
    }
    // And what each layer may do, it may: not flagged.
    let allowed: &[(&str, &str)] = &[
        ("data::source", "fn f() { let t = std::fs::read(\"x\"); }"),
        (
            "cmd::shortfall",
            "fn f() -> Error { Error::usage(\"--year\", \"x\") }",
        ),
        (
            "calc",
            "fn f(c: &Catalog) { let d = c.load_edition(None); }",
        ),
        (
            "view::x",
            "#[cfg(test)]\nmod tests { fn t(c: &Catalog) { c.load_edition(None); } }",
        ),
        ("view::x", "/// Run with `--edition`.\nfn f() {}"),
        (
            "cmd::x",
            "use crate::context::Context;\nfn f(c: &Context) {}",
        ),
        (
            "data::import_xlsx",
            "fn f() -> &'static str { \"NATO Europe and Canada\" }",
        ),
        (
            "chart::kinds::fan",
            "use super::outlook_input::outlook_for;\nuse super::{footer, Kind};",
        ),
        (
            "calc::x",
            "fn f(d: &DataFrame) { let s = d.column(\"share\"); }",
        ),
    ];
    for (module, code) in allowed {
        let found = check(&[Module::parse(module, code).unwrap(), beside()]);
        assert!(found.is_empty(), "{module}: `{code}` flagged: {found:?}");
    }
    // Two layers importing each other.
    let found = check(&[
        Module::parse("context", "use crate::view::Scope;").unwrap(),
        Module::parse("view", "use crate::findings::Findings;").unwrap(),
        Module::parse("findings", "use crate::context::Context;").unwrap(),
    ]);
    assert!(
        found.iter().any(|v| v.rule == "an import cycle"),
        "no cycle found: {found:?}"
    );
}

/// A file's code past 600 lines is rejected; test modules do not count.
#[test]
fn a_long_file_is_rejected_and_its_tests_do_not_count() {
    let long = "fn f() {}\n".repeat(601);
    let found = check(&[Module::parse("view::x", &long).unwrap()]);
    assert!(
        found.iter().any(|v| v.rule == "a file over 600 lines"),
        "601 lines passed: {found:?}"
    );
    let tested = format!(
        "{}#[cfg(test)]\nmod tests {{\n{}}}\n",
        "fn f() {}\n".repeat(550),
        "fn t() {}\n".repeat(200)
    );
    let found = check(&[Module::parse("view::x", &tested).unwrap()]);
    assert!(
        !found.iter().any(|v| v.rule == "a file over 600 lines"),
        "tests counted: {found:?}"
    );
}
