//! What `defspend update` takes: the sources, and how to reach them.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

/// A source `defspend update` fetches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum UpdateSource {
    /// NATO's defence-expenditure workbook (def-exp-YYYY-en.xlsx)
    Nato,
    /// The IMF's World Economic Outlook, from its SDMX API (the allies, the series defspend uses)
    Imf,
    /// SIPRI's Military Expenditure Database workbook (installed for you alone: SIPRI's terms)
    Sipri,
    /// Eurostat's gov_ev, defence (COFOG 02), from its JSON-stat API
    Eurostat,
}

#[derive(Debug, Args)]
pub struct UpdateArgs {
    /// The sources to update (default: all)
    #[arg(value_enum)]
    pub sources: Vec<UpdateSource>,
    /// Say what is newer than what is installed, without downloading it
    #[arg(long, conflicts_with = "from")]
    pub check: bool,
    /// Never touch the network: say what is installed, or install --from FILE
    #[arg(long)]
    pub offline: bool,
    /// Install a file fetched by hand (a browser's download) as the source's
    /// newest release; give one source
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// A host standing in for every source's official one, with the same
    /// paths below it (an institution's mirror): http(s)://HOST[:PORT][/PREFIX]
    #[arg(long, value_name = "URL")]
    pub mirror: Option<String>,
    /// Seconds a request may take, answer and body included
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The address and port to listen on; loopback (this machine only) by
    /// default: another address is said when the server starts
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:8080")]
    pub bind: String,
}
