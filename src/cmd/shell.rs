//! `defspend completions SHELL` and `defspend man`: generated from the one
//! definition of every flag in `cli.rs`.

use clap::CommandFactory;

use crate::cli::Cli;
use crate::error::{Error, Result};
use crate::export::to_stdout;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "defspend", &mut out);
    to_stdout(&out)
}

pub fn man() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .map_err(|e| Error::usage("man", e.to_string()))?;
    to_stdout(&out)
}
