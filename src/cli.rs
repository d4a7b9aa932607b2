//! Every command-line flag, defined once.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

mod chart;
mod forecast;
mod history;
mod import;
mod measures;
mod outlook;
mod update;
mod values;

pub use chart::{ChartKind, DrawArgs, KindArgs, SizeArgs};
pub(crate) use forecast::parse_years;
pub use forecast::{
    BacktestArgs, CalibrateArgs, EconomyArgs, PlansArgs, PlansChangesArgs, PlansCommand,
    PlansRecordArgs,
};
pub use history::{CrosscheckArgs, HistoryArgs, LongMeasure, LongSource, RevisionsArgs};
pub use import::{
    ImportArgs, ImportCommand, ImportEuArgs, ImportOutlookArgs, ImportPlansArgs, ImportReleaseArgs,
    ImportSipriArgs,
};
pub use measures::{
    CurrencyArgs, CurrencyChoice, DefinitionsArgs, PersonnelArgs, PriceBasis, PricesArgs,
};
pub use outlook::OutlookArgs;
pub use update::{ServeArgs, UpdateArgs, UpdateSource};
use values::{parse_rate, parse_target};
pub use values::{Anchor, Format, MapMeasure, Model};

/// The defaults the command line shows in `--help`, written here so that
/// this module holds no domain code; a test checks each against the domain's
/// own constant.
pub mod defaults {
    /// NATO's 2% guideline (calc::targets::GUIDELINE).
    pub const GUIDELINE: f64 = 2.0;
    /// The targets `compare` sets side by side (calc::targets::COMPARE).
    pub const COMPARE: [f64; 4] = [2.0, 3.0, 3.5, 5.0];
    /// The Monte Carlo's draws, seed and spreads (calc::montecarlo::Params::DEFAULT).
    pub const DRAWS: u64 = 10_000;
    pub const SEED: u64 = 2025;
    pub const GDP_SD: f64 = 1.5;
    pub const COMMON: f64 = 0.5;
    pub const SPENDING_SPREAD: f64 = 1.0;
    /// The record model's weight of the allied record, years (forecast::odds::DEFAULT_SHRINK).
    pub const SHRINK: f64 = 5.0;
    /// A chart's size before --scale (chart::DEFAULT_WIDTH, DEFAULT_HEIGHT).
    pub const WIDTH: u32 = 1600;
    pub const HEIGHT: u32 = 1000;
    /// The groups `dispersion` sets against each other (calc::dispersion::DEFAULT_PAIR).
    pub const DISPERSION_PAIR: [&str; 2] = ["eastern-flank", "south"];
    /// The scenario `fiscal` costs (calc::fiscal::DEFAULT_FISCAL_SCENARIO).
    pub const FISCAL_SCENARIO: &str = "hague-2035-imf";
    /// The path shapes a scenario takes (calc::path::PathShape::ALL's keys).
    pub const PATH_SHAPES: [&str; 3] = ["linear", "constant-growth", "immediate"];
}

/// clap's message on one line: what is wrong, the argument's name, the
/// allowed values or a similar argument; not the usage lines.
pub fn one_line(e: &clap::Error) -> String {
    let text = e.render().to_string();
    let message: Vec<&str> = text
        .lines()
        .map(str::trim)
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.is_empty())
        .collect();
    let line = message
        .iter()
        .enumerate()
        .map(|(i, l)| match (i, l.starts_with("tip:")) {
            (0, _) => (*l).to_string(),
            (_, true) => format!("; {l}"),
            (_, false) => format!(" {l}"),
        })
        .collect::<String>();
    if line.is_empty() {
        return "invalid arguments".to_string();
    }
    // A chart's kind is a subcommand to clap, a kind to the reader.
    line.trim_start_matches("error: ").replace(
        "'defspend chart' requires a subcommand but one was not provided [subcommands:",
        "'defspend chart' needs a chart kind [kinds:",
    )
}

#[derive(Debug, Parser)]
#[command(
    name = "defspend",
    version,
    about = "NATO allies' defence spending, and what burden-sharing targets mean in money",
    long_about = "NATO allies' defence spending, and what burden-sharing targets mean in money.\n\n\
        Every figure comes from NATO's Defence Expenditure of NATO Countries tables, by edition; \
        every output names the edition, year, price basis and estimates."
)]
pub struct Cli {
    /// Read datasets from this directory instead of the embedded ones
    /// (same layout as `datasets/`: allies.csv, editions.toml, groups.toml, one folder per edition)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Add the groups of this file (same layout as datasets/groups.toml) to the standard ones
    #[arg(long, global = true, value_name = "FILE")]
    pub groups_file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Which allies fall short of a target share of GDP in a year, and by how much
    #[command(
        after_help = "Examples:\n  defspend shortfall --year 2024\n  defspend shortfall --target 3 --edition nato-2024 --format csv --output gaps.csv\n  defspend shortfall --groups nordic-baltic,eastern-flank"
    )]
    Shortfall(ShortfallArgs),
    /// Gaps to several targets side by side (2%, 3%, 3.5%, 5%), per ally and per group
    #[command(
        after_help = "Examples:\n  defspend compare\n  defspend compare --targets 2,3.5 --year 2024 --format markdown\n  defspend compare --per-capita"
    )]
    Compare(CompareArgs),
    /// Burden sharing: each ally's share of allied spending against its share of allied GDP
    #[command(
        after_help = "Examples:\n  defspend burden\n  defspend burden --year 2024 --edition nato-2024 --format json\n  defspend burden --per-capita"
    )]
    Burden(BurdenArgs),
    /// Scenarios: paths to a target share of GDP by a target year
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  defspend scenario list\n  defspend scenario run hague-2035 --allies Italy\n  defspend scenario check my-scenario.toml"
    )]
    Scenario(ScenarioCommand),
    /// Render a chart to PNG or SVG (the format comes from the --output extension)
    #[command(
        after_help = "Examples:\n  defspend chart shares --edition nato-2024 --year 2024 --output shares.png\n  defspend chart trajectory --scenario hague-2035 --allies Italy,Spain --output hague.svg\n  defspend chart fan --allies Italy,Poland --output fan.png\n\n`defspend chart KIND --help` lists the options KIND takes and what it draws without each.",
        arg_required_else_help = false,
        disable_help_subcommand = true
    )]
    Chart(ChartArgs),
    /// Write a report folder: every chart, the CSV behind each, and report.md
    #[command(
        after_help = "Examples:\n  defspend report --output brief/\n  defspend report --outlook --scenario hague-2035 --scenario three-percent --output brief/ --force"
    )]
    Report(ReportArgs),
    /// One ally across all years of an edition
    #[command(
        after_help = "Examples:\n  defspend ally Italy\n  defspend ally ES --edition nato-2024 --format markdown"
    )]
    Ally(AllyArgs),
    /// Check a dataset directory (the embedded one by default): every violation, with its place
    #[command(
        after_help = "Examples:\n  defspend validate\n  defspend --data my-datasets/ validate --edition nato-2024"
    )]
    Validate(ValidateArgs),
    /// National plans against a scenario's required path: who falls behind, when, by how much
    #[command(
        after_help = "Examples:\n  defspend plans\n  defspend plans --scenario hague-2035-imf --allies Italy,Czechia\n  defspend plans --vintage 2025\n  defspend plans changes --from-vintage 2025 --to-vintage 2026-11"
    )]
    Plans(PlansArgs),
    /// Military personnel, spending per soldier and equipment spending per soldier, by ally and group, against an earlier year
    #[command(
        after_help = "Examples:\n  defspend personnel\n  defspend personnel --edition nato-2024 --year 2024 --since 2014\n  defspend personnel --groups europe-canada,us --format csv"
    )]
    Personnel(PersonnelArgs),
    /// Three definitions of defence side by side: NATO's core, SIPRI's and the EU's (Eurostat gov_ev), the gaps and the breaks
    #[command(
        after_help = "Examples:\n  defspend definitions\n  defspend definitions --allies Italy,Germany,Poland --years 2021-2025\n  defspend definitions --format csv --output definitions.csv"
    )]
    Definitions(DefinitionsArgs),
    /// Why shares moved between two years: a spending effect and a GDP effect per ally and group
    #[command(
        after_help = "Examples:\n  defspend decompose --from 2021\n  defspend decompose --edition nato-2024 --from 2019 --to 2020"
    )]
    Decompose(DecomposeArgs),
    /// Whether the gap between European allies widens: the spread of their shares of GDP by year, by several measures
    #[command(
        after_help = "Examples:\n  defspend dispersion\n  defspend dispersion --edition nato-2024\n  defspend dispersion --source sipri\n  defspend dispersion --groups nordic-baltic,big-four --format csv"
    )]
    Dispersion(DispersionArgs),
    /// What a scenario's path costs each treasury: extra spending in points of GDP and money, as shares of government expenditure and revenue, and the debt if borrowed; the EU's escape clause and SAFE loans
    #[command(
        after_help = "Examples:\n  defspend fiscal\n  defspend fiscal --year 2030 --allies Italy,Spain\n  defspend fiscal --scenario hague-2035-imf --format csv"
    )]
    Fiscal(FiscalArgs),
    /// The odds of reaching a target by a year: a Monte Carlo outlook per ally and group
    #[command(
        after_help = "Examples:\n  defspend outlook\n  defspend outlook --target 3 --by 2030 --draws 100000 --seed 7\n  defspend outlook --anchor record --gdp-sd 2 --allies Italy"
    )]
    Outlook(OutlookArgs),
    /// The odds' model and simple baselines scored on history: coverage of the
    /// 50% and 80% bands and of each tail, interval score, CRPS, Brier and log scores
    #[command(
        after_help = "Examples:\n  defspend backtest\n  defspend backtest nato-2019 --format csv"
    )]
    Backtest(BacktestArgs),
    /// Re-estimate the outlook model's parameters from SIPRI's installed
    /// release and NATO's editions (datasets/models/outlook.toml)
    #[command(
        after_help = "Examples:\n  defspend calibrate\n  defspend calibrate --output datasets/models/outlook.toml\n  defspend calibrate --check"
    )]
    Calibrate(CalibrateArgs),
    /// The economic outlook behind money paths: real GDP growth, deflator, GDP in
    /// USD, inflation and population by ally and year, projections marked
    #[command(
        after_help = "Examples:\n  defspend economy Italy,Poland --years 2024-2030\n  defspend economy Germany --compare imf-weo-2025-04 --series NGDP_RPCH --years 2025-2030\n  defspend economy --series GGXWDG_NGDP,GGX_NGDP --years 2026\n  defspend economy --format csv --output outlook.csv"
    )]
    Economy(EconomyArgs),
    /// Long series by year for countries and groups: SIPRI since 1949 (Russia,
    /// China, Ukraine, the USSR too), or a NATO edition
    #[command(
        after_help = "Examples:\n  defspend history Russia,China,United-States --since 1988\n  defspend history europe-canada,us --measure constant\n  defspend history Italy --source nato --measure per-capita --edition nato-2024"
    )]
    History(HistoryArgs),
    /// NATO's and SIPRI's share of GDP for each ally side by side, with the difference
    #[command(
        after_help = "Examples:\n  defspend crosscheck\n  defspend crosscheck --year 2020 --edition nato-2024 --format csv"
    )]
    Crosscheck(CrosscheckArgs),
    /// What changed between two NATO editions, ally-year by ally-year
    #[command(
        after_help = "Examples:\n  defspend revisions\n  defspend revisions --measure constant --allies Italy,Germany\n  defspend revisions --from-edition nato-2024 --to-edition nato-2026 --format csv --output revisions.csv"
    )]
    Revisions(RevisionsArgs),
    /// The editions loaded, with their provenance
    #[command(after_help = "Examples:\n  defspend editions\n  defspend editions --format json")]
    Editions(OutputArgs),
    /// Every source: NATO editions, economic outlooks, plans vintages and the
    /// SIPRI release if installed, each with its date, citation and checksums
    #[command(after_help = "Examples:\n  defspend sources\n  defspend sources --format json")]
    Sources(OutputArgs),
    /// The allies, with accession dates and special cases
    #[command(after_help = "Examples:\n  defspend allies\n  defspend allies --format csv")]
    Allies(OutputArgs),
    /// Fetch the newest releases of NATO's tables, the IMF's World Economic
    /// Outlook, SIPRI's database and Eurostat's gov_ev from their official
    /// addresses into the data directory
    ///
    /// `defspend update --check` says what is newer without downloading it;
    /// `defspend update` installs it; `defspend update --mirror URL` asks a
    /// mirror with the official paths instead (an institution's, or a test
    /// server). A site that refuses the tool: download the file in a browser
    /// and give it with --from.
    #[command(
        after_help = "Examples:\n  defspend update --offline\n  defspend update sipri --offline --from SIPRI-Milex-data-1949-2024_2.xlsx\n  defspend update nato --offline --from 240617-def-exp-2024-TABLES-en.xlsx"
    )]
    Update(UpdateArgs),
    /// The calculator as a local web application: pages with the form, the
    /// tables, the chart, the source line and downloads
    #[command(after_help = "Examples:\n  defspend serve\n  defspend serve --bind 127.0.0.1:8090")]
    Serve(ServeArgs),
    /// Import NATO's published tables into a tidy dataset
    #[command(subcommand)]
    #[command(
        after_help = "Examples:\n  defspend import nato-xlsx 240617-def-exp-2024-TABLES-en.xlsx --edition nato-2024\n  defspend import imf-weo weo-2026-04-allies.csv --economy imf-weo-2026-04\n  defspend import plans national-plans-2026-11.csv --plans national-plans-2026-11\n  defspend import sipri-xlsx SIPRI-Milex-data-1949-2024_2.xlsx --edition sipri-2025"
    )]
    Import(ImportCommand),
    /// Shell completions: `defspend completions bash > ~/.local/share/bash-completion/completions/defspend`
    #[command(
        after_help = "Examples:\n  defspend completions bash > ~/.local/share/bash-completion/completions/defspend\n  defspend completions zsh > ~/.zfunc/_defspend\n  defspend completions fish > ~/.config/fish/completions/defspend.fish"
    )]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page, in roff: `defspend man > defspend.1 && man -l defspend.1`
    #[command(
        after_help = "Examples:\n  defspend man > defspend.1 && man -l defspend.1\n  defspend man | gzip > ~/.local/share/man/man1/defspend.1.gz"
    )]
    Man,
}

/// `--edition`, for every command that reads one edition.
#[derive(Debug, Clone, Default, Args)]
pub struct EditionArgs {
    /// Edition id (default: the latest; `defspend editions` lists them)
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
}

/// `--edition` and `--year`, for every command about one year of an edition.
#[derive(Debug, Clone, Default, Args)]
pub struct EditionYearArgs {
    #[command(flatten)]
    pub edition: EditionArgs,
    /// Year (default: the edition's latest)
    #[arg(long)]
    pub year: Option<i32>,
}

/// `--economy`, for every command that uses an economic outlook.
#[derive(Debug, Clone, Default, Args)]
pub struct EconomyChoice {
    /// Economic outlook, by id (default: the latest; `defspend sources` lists
    /// them). Replaces the outlook a scenario names; a scenario with one flat
    /// growth rate keeps it
    #[arg(long, value_name = "ID")]
    pub economy: Option<String>,
}

impl EconomyChoice {
    pub fn id(&self) -> Option<&str> {
        self.economy.as_deref()
    }
}

/// `--plans-vintage`, for every command that reads national plans.
#[derive(Debug, Clone, Default, Args)]
pub struct PlansVintage {
    /// Vintage of the national plans: 2025, 2026-11 or an id of
    /// datasets/plans.toml (default: the latest)
    #[arg(long = "plans-vintage", value_name = "VINTAGE")]
    pub plans_vintage: Option<String>,
}

impl PlansVintage {
    pub fn id(&self) -> Option<&str> {
        self.plans_vintage.as_deref()
    }
}

/// `--groups`, for the commands that total over groups of allies.
#[derive(Debug, Clone, Default, Args)]
pub struct GroupArgs {
    /// Groups to total over, instead of the standard ones: keys of
    /// datasets/groups.toml (europe-canada, eu, us, all, nordic-baltic,
    /// eastern-flank, big-four) or of --groups-file
    #[arg(long, value_delimiter = ',', value_name = "GROUP,...")]
    pub groups: Vec<String>,
}

#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write to this file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ShortfallArgs {
    #[command(flatten)]
    pub at: EditionYearArgs,
    /// Target, % of GDP (--targets is the same, one target)
    #[arg(long, alias = "targets", default_value_t = defaults::GUIDELINE, value_parser = parse_target, allow_negative_numbers = true, value_name = "PCT")]
    pub target: f64,
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub prices: PricesArgs,
    #[command(flatten)]
    pub currency: CurrencyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Targets, % of GDP, comma-separated (--target is the same)
    #[arg(long, visible_alias = "target", value_delimiter = ',', default_values_t = defaults::COMPARE, value_parser = parse_target, allow_negative_numbers = true, value_name = "PCT,...")]
    pub targets: Vec<f64>,
    #[command(flatten)]
    pub at: EditionYearArgs,
    #[command(flatten)]
    pub groups: GroupArgs,
    /// Add each ally's gaps per resident (current USD over the IMF outlook's population)
    #[arg(long)]
    pub per_capita: bool,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub currency: CurrencyArgs,
    #[command(flatten)]
    pub prices: PricesArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct BurdenArgs {
    #[command(flatten)]
    pub at: EditionYearArgs,
    /// Add spending per person: NATO's figure where the edition has one,
    /// else spending over the IMF outlook's population
    #[arg(long)]
    pub per_capita: bool,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub prices: PricesArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Subcommand)]
pub enum ScenarioCommand {
    /// The scenarios shipped with defspend
    List(OutputArgs),
    /// Validate a scenario file without running it
    Check {
        /// A scenario file, or the name of a shipped scenario (e.g. hague-2035)
        file: String,
    },
    /// Run a scenario: the year-by-year path of every ally and group
    Run(ScenarioRunArgs),
}

#[derive(Debug, Args)]
pub struct ScenarioRunArgs {
    /// A scenario file, or the name of a shipped scenario (e.g. hague-2035)
    pub file: String,
    /// Flag allies whose path needs more real growth than this, % a year
    /// (default: the file's growth_threshold, else 10)
    #[arg(long, value_parser = parse_rate, allow_negative_numbers = true, value_name = "PCT")]
    pub growth_threshold: Option<f64>,
    /// Also show these allies' year-by-year paths in the table (names or codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    /// Replace the scenario's target, % of GDP (its core target where it has core + related); allies the file gives their own keep it
    #[arg(long, value_parser = parse_target, allow_negative_numbers = true, value_name = "PCT")]
    pub target: Option<f64>,
    /// Replace the year the target must be reached (a review year after it is dropped)
    #[arg(long, value_name = "YEAR")]
    pub by: Option<i32>,
    /// Replace the scenario's path shape; allies the file gives their own keep it
    #[arg(long, value_parser = defaults::PATH_SHAPES, value_name = "SHAPE")]
    pub path: Option<String>,
    /// Give allies their own targets, ALLY=PCT (names or codes, comma-separated), in place of what the file gives them
    #[arg(
        long = "ally-target",
        value_delimiter = ',',
        value_name = "ALLY=PCT,..."
    )]
    pub ally_target: Vec<String>,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// What every chart takes: the edition and year, what to draw, the size.
#[derive(Debug, Clone, Default, Args)]
pub struct ChartOptions {
    #[command(flatten)]
    pub at: EditionYearArgs,
    #[command(flatten)]
    pub spec: DrawArgs,
    #[command(flatten)]
    pub size: SizeArgs,
}

#[derive(Debug, Args)]
pub struct ChartArgs {
    #[command(subcommand)]
    pub kind: ChartKind,
}

#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    pub at: EditionYearArgs,
    /// Scenario files or shipped names, one trajectory chart each (repeatable)
    #[arg(long, value_name = "FILE")]
    pub scenario: Vec<String>,
    /// The folder to write; it must not exist unless --force (--out is the
    /// same). The report is built in a temporary folder beside it and moved
    /// into place at the end: an interrupted report leaves nothing
    #[arg(
        long = "output",
        short = 'o',
        visible_alias = "out",
        value_name = "DIR"
    )]
    pub out: PathBuf,
    /// Write into an existing folder, replacing the report's files
    #[arg(long)]
    pub force: bool,
    /// Add the outlook: national plans against the Hague path, the odds of reaching it
    /// (Monte Carlo, 10,000 draws, seed 2025) and why shares moved since the edition's first year
    #[arg(long)]
    pub outlook: bool,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub plans: PlansVintage,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Only this edition (default: every edition in the manifest)
    #[arg(long, value_name = "ID")]
    pub edition: Option<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct AllyArgs {
    /// Name, NATO code (ES, UK) or ISO code (ESP, GBR); any case
    #[arg(value_name = "NAME|CODE")]
    pub ally: String,
    #[command(flatten)]
    pub edition: EditionArgs,
    #[command(flatten)]
    pub economy: EconomyChoice,
    #[command(flatten)]
    pub currency: CurrencyArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DispersionArgs {
    /// Whose shares: a NATO edition's (from 2014), or SIPRI's (installed
    /// with `import sipri-xlsx`; from 1990, by SIPRI's definition)
    #[arg(long, value_enum, default_value_t = LongSource::Nato)]
    pub source: LongSource,
    #[command(flatten)]
    pub edition: EditionArgs,
    /// The two groups whose mean shares are set against each other: keys of
    /// datasets/groups.toml or of --groups-file
    #[arg(long, value_delimiter = ',', num_args = 1, default_values_t = defaults::DISPERSION_PAIR.map(String::from), value_name = "GROUP,GROUP")]
    pub groups: Vec<String>,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct FiscalArgs {
    /// The scenario whose path is costed (file or shipped name); it must take
    /// GDP from an outlook (`economy`) with the general government's accounts
    #[arg(long, default_value = defaults::FISCAL_SCENARIO, value_name = "FILE")]
    pub scenario: String,
    /// The outlook instead of the scenario's (`defspend sources` lists them)
    #[arg(long, value_name = "ID")]
    pub economy: Option<String>,
    /// The year of the allies' table (default: the scenario's target year)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Allies to show year by year too (names or codes, comma-separated)
    #[arg(long, value_delimiter = ',', value_name = "ALLY,...")]
    pub allies: Vec<String>,
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}

#[derive(Debug, Args)]
pub struct DecomposeArgs {
    /// The earlier year (default: the edition's first)
    #[arg(long, value_name = "YEAR")]
    pub from: Option<i32>,
    /// The later year (default: the edition's latest)
    #[arg(long, value_name = "YEAR")]
    pub to: Option<i32>,
    #[command(flatten)]
    pub edition: EditionArgs,
    #[command(flatten)]
    pub groups: GroupArgs,
    #[command(flatten)]
    pub output: OutputArgs,
}
