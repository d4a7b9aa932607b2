//! `defspend completions SHELL` and `defspend man`: generated from the one
//! definition of every flag in `cli.rs`.

use crate::error::{Error, Result};
use crate::export::to_stdout;

pub fn completions(shell: clap_complete::Shell) -> Result<()> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut super::command(), "defspend", &mut out);
    to_stdout(&out)
}

pub fn man() -> Result<()> {
    let mut out = Vec::new();
    clap_mangen::Man::new(super::command())
        .render(&mut out)
        .map_err(|e| Error::data("manual page", e.to_string()))?;
    // The one page lists the subcommands as `defspend-shortfall(1)`, pages
    // that are not installed: name the help that is there instead.
    let text = String::from_utf8_lossy(&out);
    let page: String = text
        .lines()
        .map(|line| match line.strip_prefix("defspend\\-") {
            Some(rest) if rest.ends_with("(1)") => format!(
                "\\fBdefspend {} \\-\\-help\\fR",
                rest.trim_end_matches("(1)").replace("\\-", "-")
            ),
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    to_stdout(format!("{page}\n").as_bytes())
}
