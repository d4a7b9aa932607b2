//! Link the defspend executable at a fixed address (not position-independent):
//! polars brings some 76,000 relative relocations that a position-independent
//! executable applies at every start, touching hundreds of pages before `main`.
//! The code is still compiled position-independent, so nothing is rebuilt for it.
//! Release binaries are also stripped of symbols at link time.
//!
//! It also writes the list of embedded datasets: every file below
//! `datasets/` but the READMEs and licences (which no code reads), so that a
//! family's new files are embedded by being there (a test checks each is
//! claimed by a manifest), and the shipped scenarios: the files
//! `datasets/scenarios.toml` lists, in its order.

fn main() {
    embed_datasets();
    embed_scenarios();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=defspend=-no-pie");
        if std::env::var("PROFILE").as_deref() == Ok("release") {
            println!("cargo:rustc-link-arg-bin=defspend=-Wl,--strip-all");
        }
    }
    println!("cargo:rerun-if-changed=build.rs");
}

/// `$OUT_DIR/embedded.rs`: `&[(name, include_str!(path)), …]`, sorted by name.
fn embed_datasets() {
    let root = std::path::Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"))
        .join("datasets");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("datasets/ is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            if name.ends_with(".md") || name.contains("LICENSE") || name.starts_with('.') {
                continue;
            }
            let relative = path
                .strip_prefix(&root)
                .expect("below datasets/")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, path));
        }
    }
    files.sort();
    let mut code = String::from("&[\n");
    for (name, path) in &files {
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("]\n");
    let out =
        std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets it")).join("embedded.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=datasets");
}

/// `$OUT_DIR/scenarios.rs`: `&[(name, include_str!(path)), …]` for each file
/// `datasets/scenarios.toml` lists (`files = ["scenarios/NAME.toml", …]`),
/// in its order; read here line by line, so that the build needs no TOML
/// parser (the catalog parses the same manifest fully and a test checks the
/// two agree).
fn embed_scenarios() {
    let root =
        std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let manifest = root.join("datasets/scenarios.toml");
    let text = std::fs::read_to_string(&manifest).expect("datasets/scenarios.toml is readable");
    let mut code = String::from("&[\n");
    for line in text.lines() {
        let line = line.trim().trim_end_matches(',');
        let Some(file) = line
            .strip_prefix('"')
            .and_then(|l| l.strip_suffix('"'))
            .filter(|f| f.starts_with("scenarios/") && f.ends_with(".toml"))
        else {
            continue;
        };
        let name = &file["scenarios/".len()..file.len() - ".toml".len()];
        code.push_str(&format!(
            "    ({name:?}, include_str!({:?})),\n",
            root.join(file).display().to_string()
        ));
    }
    code.push_str("]\n");
    let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("cargo sets it"))
        .join("scenarios.rs");
    std::fs::write(out, code).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=scenarios");
}
