//! The shape of defspend's code, read by parsing it (syn), not by cutting
//! text: every file of `src/` as a module path, its test modules (`#[cfg(test)]`
//! items, wherever they are) left out, and the facts the rules look at —
//! paths named, calls made, string literals, type aliases, function
//! lengths — each with its line. The rules are allow-lists of what a layer
//! may do; `tests/rules.rs` runs them over `src/` and over planted
//! violations they must reject.

use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// One source file: its module path (`chart::kinds::map`; empty for the
/// crate root) and its parsed items, test modules removed.
pub struct Module {
    pub path: Vec<String>,
    pub file: PathBuf,
    pub syntax: syn::File,
    /// Modules it declares in files of their own under `#[cfg(test)]`
    /// (`#[cfg(test)] mod tests;`): test code, left out like inline ones.
    pub test_children: Vec<String>,
}

impl Module {
    /// Parses `code` as the file of module `path` (`"view::outlook"`).
    pub fn parse(path: &str, code: &str) -> Result<Module, String> {
        let mut syntax = syn::parse_file(code).map_err(|e| format!("{path}: {e}"))?;
        let test_children = syntax
            .items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Mod(m) if m.content.is_none() && is_test(&m.attrs) => {
                    Some(m.ident.to_string())
                }
                _ => None,
            })
            .collect();
        strip_tests(&mut syntax.items);
        Ok(Module {
            path: path
                .split("::")
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
            file: PathBuf::from(path),
            syntax,
            test_children,
        })
    }

    /// The module's top-level layer (`view`, `chart`, …; `` for the root).
    pub fn layer(&self) -> &str {
        self.path.first().map_or("", String::as_str)
    }

    pub fn name(&self) -> String {
        self.path.join("::")
    }

    pub fn facts(&self) -> Facts {
        let mut facts = Facts::default();
        facts.visit_file(&self.syntax);
        facts
    }
}

/// Every `.rs` file below `src`, parsed.
pub fn load(src: &Path) -> Result<Vec<Module>, String> {
    let mut out = Vec::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("rs") {
                continue;
            }
            let relative = path.strip_prefix(src).map_err(|e| e.to_string())?;
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
            let code = std::fs::read_to_string(&path).map_err(|e| e.to_string())?;
            let mut module = Module::parse(&parts.join("::"), &code)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            module.file = path;
            out.push(module);
        }
    }
    // Files of test modules declared `#[cfg(test)] mod name;` are test code.
    let tests: Vec<Vec<String>> = out
        .iter()
        .flat_map(|m| {
            m.test_children.iter().map(|c| {
                let mut p = m.path.clone();
                p.push(c.clone());
                p
            })
        })
        .collect();
    out.retain(|m| !tests.iter().any(|t| m.path.starts_with(t)));
    out.sort_by(|a, b| a.path.cmp(&b.path).then(a.file.cmp(&b.file)));
    Ok(out)
}

/// Removes every item marked `#[cfg(test)]`, at any depth of inline modules.
fn strip_tests(items: &mut Vec<syn::Item>) {
    items.retain(|item| !is_test(item_attrs(item)));
    for item in items {
        if let syn::Item::Mod(m) = item {
            if let Some((_, inner)) = &mut m.content {
                strip_tests(inner);
            }
        }
    }
}

fn item_attrs(item: &syn::Item) -> &[syn::Attribute] {
    use syn::Item::*;
    match item {
        Const(i) => &i.attrs,
        Enum(i) => &i.attrs,
        ExternCrate(i) => &i.attrs,
        Fn(i) => &i.attrs,
        ForeignMod(i) => &i.attrs,
        Impl(i) => &i.attrs,
        Macro(i) => &i.attrs,
        Mod(i) => &i.attrs,
        Static(i) => &i.attrs,
        Struct(i) => &i.attrs,
        Trait(i) => &i.attrs,
        TraitAlias(i) => &i.attrs,
        Type(i) => &i.attrs,
        Union(i) => &i.attrs,
        Use(i) => &i.attrs,
        _ => &[],
    }
}

fn is_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Meta>()
                .is_ok_and(|m| m.path().is_ident("test"))
    })
}

/// What a module's code does, each fact with its line.
#[derive(Debug, Default)]
pub struct Facts {
    /// Every path written (`std::fs::read`, `crate::data::Catalog`,
    /// `odds::run`), and every path a `use` brings in, as segments.
    pub paths: Vec<(Vec<String>, usize)>,
    /// Method calls by name (`load_edition`).
    pub methods: Vec<(String, usize)>,
    /// Function calls by their path (`odds::run`).
    pub calls: Vec<(Vec<String>, usize)>,
    /// String literals, also inside macros (`format!`, `Error::usage`).
    pub strings: Vec<(String, usize)>,
    /// Type aliases: name, whether the aliased type is a tuple.
    pub aliases: Vec<(String, bool, usize)>,
    /// Functions and methods: name, first line, number of lines.
    pub functions: Vec<(String, usize, usize)>,
}

fn line(span: proc_macro2::Span) -> usize {
    span.start().line
}

fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// The paths a `use` tree brings in, each in full.
fn use_paths(tree: &syn::UseTree, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match tree {
        syn::UseTree::Path(p) => {
            prefix.push(p.ident.to_string());
            use_paths(&p.tree, prefix, out);
            prefix.pop();
        }
        syn::UseTree::Name(n) => {
            let mut full = prefix.clone();
            if n.ident != "self" {
                full.push(n.ident.to_string());
            }
            out.push(full);
        }
        syn::UseTree::Rename(r) => {
            let mut full = prefix.clone();
            full.push(r.ident.to_string());
            out.push(full);
        }
        syn::UseTree::Glob(_) => out.push(prefix.clone()),
        syn::UseTree::Group(g) => {
            for t in &g.items {
                use_paths(t, prefix, out);
            }
        }
    }
}

/// String literals inside a macro's tokens.
fn token_strings(tokens: proc_macro2::TokenStream, out: &mut Vec<(String, usize)>) {
    for tt in tokens {
        match tt {
            proc_macro2::TokenTree::Literal(l) => {
                if let Ok(syn::Lit::Str(s)) = syn::parse_str::<syn::Lit>(&l.to_string()) {
                    out.push((s.value(), line(l.span())));
                }
            }
            proc_macro2::TokenTree::Group(g) => token_strings(g.stream(), out),
            _ => {}
        }
    }
}

impl<'ast> Visit<'ast> for Facts {
    fn visit_path(&mut self, p: &'ast syn::Path) {
        if let Some(first) = p.segments.first() {
            self.paths.push((segments(p), line(first.ident.span())));
        }
        syn::visit::visit_path(self, p);
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        let mut found = Vec::new();
        use_paths(&u.tree, &mut Vec::new(), &mut found);
        let at = line(u.use_token.span);
        self.paths.extend(found.into_iter().map(|p| (p, at)));
    }

    fn visit_expr_method_call(&mut self, m: &'ast syn::ExprMethodCall) {
        self.methods
            .push((m.method.to_string(), line(m.method.span())));
        syn::visit::visit_expr_method_call(self, m);
    }

    fn visit_expr_call(&mut self, c: &'ast syn::ExprCall) {
        if let syn::Expr::Path(p) = &*c.func {
            if let Some(first) = p.path.segments.first() {
                self.calls
                    .push((segments(&p.path), line(first.ident.span())));
            }
        }
        syn::visit::visit_expr_call(self, c);
    }

    /// Attributes (doc comments, derives, clap's `#[arg(…)]`) are not code.
    fn visit_attribute(&mut self, _: &'ast syn::Attribute) {}

    fn visit_lit_str(&mut self, s: &'ast syn::LitStr) {
        self.strings.push((s.value(), line(s.span())));
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        token_strings(m.tokens.clone(), &mut self.strings);
        syn::visit::visit_macro(self, m);
    }

    fn visit_item_type(&mut self, t: &'ast syn::ItemType) {
        let tuple = matches!(&*t.ty, syn::Type::Tuple(tt) if !tt.elems.is_empty());
        self.aliases
            .push((t.ident.to_string(), tuple, line(t.ident.span())));
        syn::visit::visit_item_type(self, t);
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        self.function(&f.sig, &f.block);
        syn::visit::visit_item_fn(self, f);
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        self.function(&f.sig, &f.block);
        syn::visit::visit_impl_item_fn(self, f);
    }
}

impl Facts {
    fn function(&mut self, sig: &syn::Signature, block: &syn::Block) {
        let first = line(sig.fn_token.span);
        let last = block.brace_token.span.close().end().line;
        self.functions
            .push((sig.ident.to_string(), first, last.saturating_sub(first) + 1));
    }
}

/// A rule broken: where, which rule, what.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Violation {
    pub module: String,
    pub line: usize,
    pub rule: &'static str,
    pub what: String,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            self.module, self.line, self.rule, self.what
        )
    }
}

fn violation(m: &Module, line: usize, rule: &'static str, what: String) -> Violation {
    Violation {
        module: m.name(),
        line,
        rule,
        what,
    }
}

/// Layers that may touch the file system: the data's readers, the writers,
/// the commands, and the binary's entry.
pub const FILE_SYSTEM_LAYERS: &[&str] = &["data", "export", "cmd", ""];

/// `std::fs` (or a `use`d `fs::`) only in [`FILE_SYSTEM_LAYERS`].
pub fn file_system(m: &Module, facts: &Facts) -> Vec<Violation> {
    if FILE_SYSTEM_LAYERS.contains(&m.layer()) {
        return Vec::new();
    }
    let imports_fs = facts.paths.iter().any(|(p, _)| p == &["std", "fs"]);
    facts
        .paths
        .iter()
        .filter(|(p, _)| {
            p.starts_with(&["std".to_string(), "fs".to_string()])
                || (imports_fs && p.first().is_some_and(|s| s == "fs"))
        })
        .map(|(p, at)| {
            violation(
                m,
                *at,
                "file system outside data/, export/, cmd/",
                p.join("::"),
            )
        })
        .collect()
}

/// The layers that present results: they compute nothing and load nothing.
pub const PRESENTATION_LAYERS: &[&str] = &["view", "chart", "findings"];

/// No loader (`load`, `load_*`, `read_rows`), no use case run (`…::run`),
/// no calculator built, in [`PRESENTATION_LAYERS`].
pub fn presentation_runs_nothing(m: &Module, facts: &Facts) -> Vec<Violation> {
    if !PRESENTATION_LAYERS.contains(&m.layer()) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (name, at) in &facts.methods {
        if name == "load" || name.starts_with("load_") || name == "read_rows" {
            out.push(violation(
                m,
                *at,
                "a loader called in a view or chart",
                format!(".{name}(…)"),
            ));
        }
    }
    for (path, at) in &facts.calls {
        let last = path.last().map_or("", String::as_str);
        if path.len() >= 2 && (last == "run" || last == "load" || last.starts_with("load_")) {
            out.push(violation(
                m,
                *at,
                "a use case run or loader called in a view or chart",
                format!("{}(…)", path.join("::")),
            ));
        }
    }
    for (path, at) in &facts.paths {
        if path.iter().any(|s| s == "Calculator") {
            out.push(violation(
                m,
                *at,
                "the calculator used in a view or chart",
                path.join("::"),
            ));
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.line == b.line && a.rule == b.rule);
    out
}

/// Layers that may name a command-line flag.
pub const FLAG_LAYERS: &[&str] = &["cli", "cmd", ""];

/// A string literal that is a flag (`--edition`, or one starting a message
/// with it) outside [`FLAG_LAYERS`].
pub fn flag_literals(m: &Module, facts: &Facts) -> Vec<Violation> {
    if FLAG_LAYERS.contains(&m.layer()) {
        return Vec::new();
    }
    facts
        .strings
        .iter()
        .filter_map(|(s, at)| {
            let flag = s
                .split(|c: char| c.is_whitespace() || c == '`' || c == ',')
                .find(|w| {
                    // A CSS custom property (`--ink: #1d2329`, `var(--ink)`)
                    // is not a flag.
                    !w.ends_with(':')
                        && !w.starts_with("var(")
                        && w.trim_start_matches('(')
                            .strip_prefix("--")
                            .and_then(|r| r.chars().next())
                            .is_some_and(|c| c.is_ascii_lowercase())
                })?
                .trim_start_matches('(');
            let flag: String = flag
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            Some(violation(
                m,
                *at,
                "a flag named outside cli/ and cmd/",
                flag,
            ))
        })
        .collect()
}

/// Layers whose rows are named structs, never positional tuples.
pub const TYPED_ROW_LAYERS: &[&str] = &["view", "chart"];

/// A type alias of a tuple in [`TYPED_ROW_LAYERS`].
pub fn tuple_rows(m: &Module, facts: &Facts) -> Vec<Violation> {
    if !TYPED_ROW_LAYERS.contains(&m.layer()) {
        return Vec::new();
    }
    facts
        .aliases
        .iter()
        .filter(|(_, tuple, _)| *tuple)
        .map(|(name, _, at)| violation(m, *at, "a positional tuple as a row type", name.clone()))
        .collect()
}

/// The longest a function may be, in lines.
pub const MAX_FUNCTION_LINES: usize = 80;

/// A function longer than [`MAX_FUNCTION_LINES`].
pub fn long_functions(m: &Module, facts: &Facts) -> Vec<Violation> {
    functions_over(m, facts, MAX_FUNCTION_LINES, "a function over 80 lines")
}

/// The functions of `m` longer than `lines`, as violations of `rule`.
fn functions_over(m: &Module, facts: &Facts, lines: usize, rule: &'static str) -> Vec<Violation> {
    facts
        .functions
        .iter()
        .filter(|(_, _, n)| *n > lines)
        .map(|(name, at, n)| violation(m, *at, rule, format!("{name} ({n} lines)")))
        .collect()
}

/// The most lines a file's code may run to, its test modules left out.
pub const MAX_FILE_LINES: usize = 600;

/// A file whose code (its test modules left out) runs past
/// [`MAX_FILE_LINES`]: the line its last item ends on.
pub fn long_files(m: &Module, _facts: &Facts) -> Vec<Violation> {
    use syn::spanned::Spanned;
    let end = m
        .syntax
        .items
        .iter()
        .map(|item| item.span().end().line)
        .max()
        .unwrap_or(0);
    if end > MAX_FILE_LINES {
        vec![violation(
            m,
            end,
            "a file over 600 lines",
            format!("its code ends on line {end}"),
        )]
    } else {
        Vec::new()
    }
}

/// A rule: the violations of one module, from its facts.
pub type Rule = fn(&Module, &Facts) -> Vec<Violation>;

/// Every rule, by name.
pub const RULES: &[(&str, Rule)] = &[
    ("file_system", file_system),
    ("presentation_runs_nothing", presentation_runs_nothing),
    ("flag_literals", flag_literals),
    ("tuple_rows", tuple_rows),
    ("long_functions", long_functions),
    ("very_long_functions", very_long_functions),
    ("long_files", long_files),
    ("layer_imports", layer_imports),
    ("frames_by_name", frames_by_name),
    ("usage_at_the_edges", usage_at_the_edges),
    ("typed_tables", typed_tables),
    ("ally_literals", ally_literals),
];

/// Every violation of every rule in `modules`, and the import cycles
/// between their top-level modules.
pub fn check(modules: &[Module]) -> Vec<Violation> {
    // Each module's facts read once, for every rule.
    let read: Vec<(&Module, Facts)> = modules.iter().map(|m| (m, m.facts())).collect();
    let mut out = Vec::new();
    for (m, facts) in &read {
        for (_, rule) in RULES {
            out.extend(rule(m, facts));
        }
    }
    out.extend(import_cycles(&read));
    out.extend(kinds_apart(&read));
    out.sort();
    out
}

/// The module a path names, in full: `crate::a::b` is `a::b`; `super::x`
/// is resolved against `m`'s own path; any other path (std, a crate, a
/// name brought in by `use`) is `None`.
fn resolve(m: &Module, path: &[String]) -> Option<Vec<String>> {
    match path.first().map(String::as_str) {
        Some("crate") => Some(path[1..].to_vec()),
        Some("super") => {
            let mut base = m.path.clone();
            let mut rest = path;
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
            base.extend(rest.iter().cloned());
            Some(base)
        }
        _ => None,
    }
}

/// The top-level modules `m` names, each with the line it first does.
fn imports(m: &Module, facts: &Facts) -> Vec<(String, usize)> {
    let mut out: Vec<(String, usize)> = Vec::new();
    for (path, at) in &facts.paths {
        let Some(full) = resolve(m, path) else {
            continue;
        };
        let Some(top) = full.first() else { continue };
        if top != m.layer() && !out.iter().any(|(t, _)| t == top) {
            out.push((top.clone(), *at));
        }
    }
    out
}

/// What a layer may not import: a view knows no context (its scope is
/// handed over), a chart draws results (no view, context, command or
/// library front), the command line's definitions are clap's and std's only.
pub const FORBIDDEN_IMPORTS: &[(&str, &[&str])] = &[
    ("view", &["context", "cmd", "api", "cli"]),
    ("chart", &["view", "context", "cmd", "api", "cli"]),
    ("cli", &["*"]),
    ("calc", &["cmd", "api", "cli", "view", "chart", "export"]),
    ("data", &["cmd", "api", "cli", "view", "chart"]),
];

pub fn layer_imports(m: &Module, facts: &Facts) -> Vec<Violation> {
    let Some((_, forbidden)) = FORBIDDEN_IMPORTS.iter().find(|(l, _)| *l == m.layer()) else {
        return Vec::new();
    };
    imports(m, facts)
        .into_iter()
        .filter(|(top, _)| forbidden.contains(&"*") || forbidden.contains(&top.as_str()))
        .map(|(top, at)| violation(m, at, "a layer importing what it may not", top))
        .collect()
}

/// The chart kinds' shared helpers, which every kind may use.
pub const KIND_HELPERS: &[&str] = &["outlook_input", "sipri_input"];

/// A chart kind uses the helpers beside it, never another kind.
pub fn kinds_apart(modules: &[(&Module, Facts)]) -> Vec<Violation> {
    let kind_of = |path: &[String]| -> Option<String> {
        match path {
            [chart, kinds, kind, ..]
                if chart == "chart"
                    && kinds == "kinds"
                    && !KIND_HELPERS.contains(&kind.as_str())
                    && modules
                        .iter()
                        .any(|(m, _)| m.path == [chart.as_str(), kinds, kind]) =>
            {
                Some(kind.clone())
            }
            _ => None,
        }
    };
    let mut out = Vec::new();
    for (m, facts) in modules {
        let Some(own) = kind_of(&m.path) else {
            continue;
        };
        for (path, at) in &facts.paths {
            let Some(other) = resolve(m, path).and_then(|full| kind_of(&full)) else {
                continue;
            };
            if other != own {
                out.push(violation(m, *at, "a chart kind importing another", other));
            }
        }
    }
    out
}

/// Layers that read polars frames by a column's name.
pub const FRAME_LAYERS: &[&str] = &["data", "calc"];

/// A frame read by a column's name outside [`FRAME_LAYERS`].
pub fn frames_by_name(m: &Module, facts: &Facts) -> Vec<Violation> {
    if FRAME_LAYERS.contains(&m.layer()) {
        return Vec::new();
    }
    const READERS: &[&str] = &["f64_at", "str_at", "bool_at", "i32_at", "u32_at", "column"];
    let methods = facts
        .methods
        .iter()
        .filter(|(name, _)| READERS.contains(&name.as_str()))
        .map(|(name, at)| (name.clone(), *at));
    let calls = facts
        .calls
        .iter()
        .filter(|(path, _)| path.last().is_some_and(|l| l == "col"))
        .map(|(path, at)| (path.join("::"), *at));
    methods
        .chain(calls)
        .map(|(what, at)| violation(m, at, "a frame read by column name", what))
        .collect()
}

/// Layers that may raise a usage error: the command line's and the
/// library's edges, the charts' options, the forecasts' requests.
pub const USAGE_LAYERS: &[&str] = &[
    "cmd", "cli", "api", "chart", "forecast", "context", "error", "",
];

/// A usage error raised where no request was resolved (the data, the
/// calculator, the views and scenarios raise requests instead).
pub fn usage_at_the_edges(m: &Module, facts: &Facts) -> Vec<Violation> {
    if USAGE_LAYERS.contains(&m.layer()) {
        return Vec::new();
    }
    facts
        .paths
        .iter()
        .filter(|(path, _)| {
            path.windows(2)
                .any(|w| w[0] == "Error" && (w[1] == "usage" || w[1] == "Usage"))
        })
        .map(|(path, at)| violation(m, *at, "a usage error away from the edges", path.join("::")))
        .collect()
}

/// A table built from bare column specifications outside `export/`: a
/// table's columns are written once, key, header and value together.
pub fn typed_tables(m: &Module, facts: &Facts) -> Vec<Violation> {
    if m.layer() == "export" {
        return Vec::new();
    }
    facts
        .paths
        .iter()
        .filter(|(path, _)| {
            path.iter().any(|s| s == "ColumnSpec")
                || path.windows(2).any(|w| w[0] == "Table" && w[1] == "new")
        })
        .map(|(path, at)| violation(m, *at, "a table of untyped columns", path.join("::")))
        .collect()
}

/// The allies' codes and names (`datasets/allies.csv`): none is written into
/// the code, whose ally-specific knowledge is the data's.
fn allies() -> &'static (Vec<String>, Vec<String>) {
    static ALLIES: std::sync::OnceLock<(Vec<String>, Vec<String>)> = std::sync::OnceLock::new();
    ALLIES.get_or_init(|| {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../datasets/allies.csv");
        let text = std::fs::read_to_string(&file).unwrap_or_default();
        let (mut codes, mut names) = (Vec::new(), Vec::new());
        for line in text.lines().skip(1) {
            let cells: Vec<&str> = line.split(',').collect();
            if cells.len() > 2 {
                codes.push(cells[0].to_string());
                codes.push(cells[1].to_string());
                names.push(cells[2].to_string());
            }
        }
        (codes, names)
    })
}

/// A string literal that is an ally's code or holds its name as a word.
/// NATO's own row labels ("NATO Europe and Canada") are what the importers
/// look for in NATO's tables; help examples are prose.
pub fn ally_literals(m: &Module, facts: &Facts) -> Vec<Violation> {
    let (codes, names) = allies();
    let word = |text: &str, name: &str| {
        text.match_indices(name).any(|(at, _)| {
            let before = text[..at].chars().last();
            let after = text[at + name.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    };
    facts
        .strings
        .iter()
        .filter_map(|(s, at)| {
            if codes.contains(s) {
                return Some(violation(
                    m,
                    *at,
                    "an ally written into the code",
                    s.clone(),
                ));
            }
            if s.starts_with("NATO ") || s.starts_with("Examples:") {
                return None;
            }
            names
                .iter()
                .find(|n| word(s, n))
                .map(|n| violation(m, *at, "an ally written into the code", n.clone()))
        })
        .collect()
}

/// The most lines any function may have, whatever the list of those over
/// [`MAX_FUNCTION_LINES`] says.
pub const HARD_FUNCTION_LINES: usize = 120;

pub fn very_long_functions(m: &Module, facts: &Facts) -> Vec<Violation> {
    functions_over(m, facts, HARD_FUNCTION_LINES, "a function over 120 lines")
}

/// Top-level modules that import each other, through any chain.
pub fn import_cycles(modules: &[(&Module, Facts)]) -> Vec<Violation> {
    use std::collections::{BTreeMap, BTreeSet};
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (m, facts) in modules {
        let edges = graph.entry(m.layer().to_string()).or_default();
        for (top, _) in imports(m, facts) {
            edges.insert(top);
        }
    }
    // The binary's root (`lib.rs`, the empty layer) declares every module.
    graph.remove("");
    let mut out = Vec::new();
    for start in graph.keys() {
        // Every module reachable from `start`; a cycle if it reaches itself.
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, trail)) = stack.pop() {
            for next in graph.get(&at).into_iter().flatten() {
                if next == start {
                    let mut cycle = trail.clone();
                    cycle.push(start.clone());
                    out.push(Violation {
                        module: start.clone(),
                        line: 0,
                        rule: "an import cycle",
                        what: cycle.join(" -> "),
                    });
                    stack.clear();
                    break;
                }
                if seen.insert(next.clone()) {
                    let mut t = trail.clone();
                    t.push(next.clone());
                    stack.push((next.clone(), t));
                }
            }
        }
    }
    out
}
