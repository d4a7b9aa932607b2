//! One file per subcommand: arguments in, calculator and presentation out.
//! Commands share helpers through [`crate::context`], [`crate::view`] and
//! [`crate::export`], never through each other.

mod allies;
mod ally;
pub mod argv;
mod backtest;
mod burden;
mod calibrate;
mod chart;
mod compare;
mod crosscheck;
mod decompose;
mod definitions;
mod dispersion;
mod economy;
mod editions;
mod fiscal;
mod history;
mod import;
mod import_release;
mod outlook;
mod personnel;
mod plans;
mod report;
mod resolve;
mod revisions;
mod scenario;
mod serve;
mod shell;
mod shortfall;
mod sources;
mod update;
mod update_imf;
mod update_install;
mod validate;

use crate::cli::{Cli, Command};
use crate::data::{Catalog, DataSource};
use crate::error::Result;

pub fn run(cli: Cli) -> Result<()> {
    // Completions and the manual need no data.
    match &cli.command {
        Command::Completions { shell } => return shell::completions(*shell),
        Command::Man => return shell::man(),
        _ => {}
    }
    let source = match &cli.data {
        Some(dir) => DataSource::Dir(dir.clone()),
        None => DataSource::Embedded,
    };
    let mut catalog = Catalog::load(source)?;
    if let Some(file) = &cli.groups_file {
        catalog.add_groups_file(file)?;
    }
    dispatch(&catalog, &cli)
}

/// The command line: [`Cli`]'s arguments, each chart kind's help refined
/// from its declaration ([`crate::chart::kinds::Kind::options`]).
pub fn command() -> clap::Command {
    use clap::CommandFactory;
    chart::refine(Cli::command())
}

/// The command line parsed from `args` (the program's name first).
pub fn parse_from<I, T>(args: I) -> std::result::Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    use clap::{CommandFactory, FromArgMatches};
    let args: Vec<T> = args.into_iter().collect();
    // The kinds' help is refined only where it can be shown: a command
    // other than chart does not pay for it.
    let shown = ["chart", "help", "completions", "man"];
    let refined = args.iter().any(|a| {
        let a: std::ffi::OsString = a.clone().into();
        shown.iter().any(|s| a == *s)
    });
    let command = if refined { command() } else { Cli::command() };
    let mut matches = command.try_get_matches_from(args).map_err(unknown_kind)?;
    Cli::from_arg_matches_mut(&mut matches)
}

/// clap's "unrecognized subcommand" for a chart kind, said as every other
/// unknown name: what exists.
fn unknown_kind(e: clap::Error) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let name = match e.get(ContextKind::InvalidSubcommand) {
        Some(ContextValue::String(name)) if e.kind() == ErrorKind::InvalidSubcommand => name,
        _ => return e,
    };
    // Only a kind: a top-level subcommand is never one of the kinds' names.
    if !e.render().to_string().contains("defspend chart") {
        return e;
    }
    clap::Error::raw(
        ErrorKind::InvalidSubcommand,
        format!(
            "unknown chart kind '{name}'; available: {}\n",
            crate::cli::ChartKind::IDS.join(", ")
        ),
    )
}

/// A parameter as the command line names it: `--plans-vintage`, or `FILE`
/// for one given by its place.
pub fn flag(p: crate::param::Param) -> String {
    if p.positional() {
        p.id().to_uppercase()
    } else {
        format!("--{}", p.id())
    }
}

/// The price basis `--prices` asks for.
pub fn prices(args: &crate::cli::PricesArgs) -> crate::calc::ppp::Prices {
    match args.prices {
        crate::cli::PriceBasis::Market => crate::calc::ppp::Prices::Market,
        crate::cli::PriceBasis::Ppp => crate::calc::ppp::Prices::Ppp,
    }
}

/// The currency `--currency` asks for.
pub fn currency(args: &crate::cli::CurrencyArgs) -> crate::calc::ppp::Currency {
    match args.currency {
        crate::cli::CurrencyChoice::Usd => crate::calc::ppp::Currency::Usd,
        crate::cli::CurrencyChoice::National => crate::calc::ppp::Currency::National,
    }
}

/// Text with its parameters spelled as the command line's flags.
pub fn spell(text: &str) -> String {
    crate::param::spell(text, flag).into_owned()
}

/// An error's one line as the command line says it.
pub fn say(e: &crate::Error) -> String {
    spell(&e.line())
}

fn dispatch(catalog: &Catalog, cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Shortfall(args) => shortfall::run(catalog, args),
        Command::Compare(args) => compare::run(catalog, args),
        Command::Burden(args) => burden::run(catalog, args),
        Command::Scenario(args) => scenario::run(catalog, args),
        Command::Chart(args) => chart::run(catalog, args),
        Command::Report(args) => report::run(catalog, args),
        Command::Ally(args) => ally::run(catalog, args),
        Command::Validate(args) => validate::run(catalog, args),
        Command::Plans(args) => plans::run(catalog, args),
        Command::Personnel(args) => personnel::run(catalog, args),
        Command::Definitions(args) => definitions::run(catalog, args),
        Command::Decompose(args) => decompose::run(catalog, args),
        Command::Dispersion(args) => dispersion::run(catalog, args),
        Command::Fiscal(args) => fiscal::run(catalog, args),
        Command::Outlook(args) => outlook::run(catalog, args),
        Command::Economy(args) => economy::run(catalog, args),
        Command::History(args) => history::run(catalog, args),
        Command::Crosscheck(args) => crosscheck::run(catalog, args),
        Command::Revisions(args) => revisions::run(catalog, args),
        Command::Editions(args) => editions::run(catalog, args),
        Command::Sources(args) => sources::run(catalog, args),
        Command::Backtest(args) => backtest::run(catalog, args),
        Command::Calibrate(args) => calibrate::run(catalog, args),
        Command::Allies(args) => allies::run(catalog, args),
        Command::Import(args) => import::run(catalog, args),
        Command::Update(args) => update::run(catalog, args),
        Command::Serve(args) => serve::run(catalog, args),
        Command::Completions { .. } | Command::Man => Ok(()),
    }
}
