//! `defspend completions SHELL` and `defspend man`: generated from the one
//! definition of every flag in `cli.rs`.

use std::io::Write;

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "defspend", &mut out);
    write_stdout(&out)
}

pub fn man() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::usage("man", e.to_string()))?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> Result<()> {
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(bytes);
    Ok(())
}
