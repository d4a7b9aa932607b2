//! What `defspend import` takes: each source's file and where its tidy dataset goes.

use std::path::PathBuf;

use clap::{Args, Subcommand};

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// NATO's Excel tables (sheets TABLE1-TABLE8b, as in the June 2024 edition)
    NatoXlsx(ImportArgs),
    /// A directory of wide CSV tables (one per measure, as in the 2026 transcription)
    NatoWideCsv(ImportArgs),
    /// The IMF's World Economic Outlook rows for the allies (weo-2026-04-allies.csv layout)
    ImfWeo(ImportOutlookArgs),
    /// A compilation of national plans (national-plans-2026-11.csv layout, or
    /// national-plans-2025.csv's without the money columns)
    Plans(ImportPlansArgs),
    /// SIPRI's Military Expenditure Database workbook (April 2025 layout)
    SipriXlsx(ImportSipriArgs),
    /// The EU's escape-clause activations and SAFE allocations
    /// (national-escape-clause-2025.csv and safe-allocations-2025.csv layouts)
    Eu(ImportEuArgs),
    /// Eurostat's gov_ev, defence (COFOG 02) as % of GDP: its API's JSON-stat
    /// response, or eurostat-gov-ev-defence-2026-04.csv's layout (geo, year, total, investment)
    EurostatGovEv(ImportReleaseArgs),
    /// The IMF's PPP conversion and market exchange rates
    /// (weo-2026-04-ppp.csv layout: iso3, year, market rate, PPPEX)
    ImfPpp(ImportReleaseArgs),
}

#[derive(Debug, Args)]
pub struct ImportReleaseArgs {
    /// The file
    pub input: PathBuf,
    /// Release id (in datasets/eurostat.toml or datasets/ppp.toml, e.g.
    /// eurostat-gov-ev-2026-04, imf-weo-2026-04-ppp): the table is written as ID.csv
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// Directory to write ID.csv into (default: datasets/eurostat or datasets/ppp)
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportEuArgs {
    /// The escape-clause activations (national-escape-clause-2025.csv)
    #[arg(long, value_name = "FILE")]
    pub escape_clause: PathBuf,
    /// The SAFE allocations (safe-allocations-2025.csv)
    #[arg(long, value_name = "FILE")]
    pub safe: PathBuf,
    /// Directory to write the tidy tables into (default: datasets/eu)
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportSipriArgs {
    /// The workbook (SIPRI-Milex-data-1949-2024_2.xlsx)
    pub input: PathBuf,
    /// Release id (e.g. sipri-2025; default: sipri-YEAR after the workbook's
    /// last year of data, SIPRI publishing each April). A release that
    /// editions.toml does not list is described in its folder's release.toml
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
    /// Directory to write the tables into (default: the user's data directory,
    /// $DEFSPEND_DATA_HOME or ~/.local/share/defspend, then ID/)
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportPlansArgs {
    /// The compiled plans file
    pub input: PathBuf,
    /// Plans id (in datasets/plans.toml, e.g. national-plans-2025)
    #[arg(long, value_name = "ID")]
    pub plans: String,
    /// Directory to write ID.csv into (default: datasets/plans)
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportOutlookArgs {
    /// The CSV extract of the WEO database
    pub input: PathBuf,
    /// Outlook id the data belongs to (in datasets/outlooks.toml, e.g. imf-weo-2026-04)
    #[arg(long = "economy", value_name = "ID")]
    pub outlook: String,
    /// Directory to write ID.csv into (default: datasets/outlook)
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The workbook, or the directory of wide tables
    pub input: PathBuf,
    /// Edition id the data belongs to (e.g. nato-2024)
    #[arg(long, value_name = "ID")]
    pub edition: String,
    /// Directory to write expenditure.csv and aggregates.csv into (default: datasets/ID)
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: Option<PathBuf>,
}
