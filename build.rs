//! Link the defspend executable at a fixed address (not position-independent):
//! polars brings some 76,000 relative relocations that a position-independent
//! executable applies at every start, touching hundreds of pages before `main`.
//! The code is still compiled position-independent, so nothing is rebuilt for it.
//! Release binaries are also stripped of symbols at link time.

fn main() {
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
