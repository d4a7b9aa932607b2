//! `defspend chart KIND`: one publication-ready chart, PNG or SVG.

use crate::api::{self, ChartRequest};
use crate::chart::{kinds, ChartOption, ImageFormat};
use crate::cli::ChartArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::write_atomic;

pub fn run(catalog: &Catalog, args: &ChartArgs) -> Result<()> {
    let bytes = api::chart(catalog, &request(args)?)?;
    write_atomic(&args.kind.args().output, &bytes)
}

/// The library's request for the chart the arguments ask for.
fn request(args: &ChartArgs) -> Result<ChartRequest> {
    let given = args.kind.args();
    let size = given.options.size.size();
    Ok(ChartRequest {
        kind: args.kind.id().to_string(),
        edition: given.options.at.edition.edition.clone(),
        year: given.options.at.year,
        options: given.options.spec.spec(),
        width: size.width,
        height: size.height,
        scale: size.scale,
        format: ImageFormat::from_path(&given.output)?,
    })
}

/// The command line with each chart kind's help stating the options the
/// kind takes and what it draws without each; the options it does not take
/// are hidden (and refused by [`kinds::check_options`]). A kind's flags are
/// defined only when it runs or its help is asked: a command pays nothing
/// for the nineteen kinds.
pub(super) fn refine(command: clap::Command) -> clap::Command {
    command.mut_subcommand("chart", |chart| {
        kinds::KINDS.iter().fold(chart, |chart, kind| {
            chart.mut_subcommand(kind.id(), |sub| sub.defer(kind_args))
        })
    })
}

/// A kind's arguments, as [`takes_only`] leaves them.
fn kind_args(sub: clap::Command) -> clap::Command {
    use clap::Args;
    // The kind's description stays its own (a flattened struct's would
    // replace it).
    let about = sub.get_about().cloned();
    let mut sub = crate::cli::KindArgs::augment_args(sub);
    if let Some(about) = about {
        sub = sub.about(about);
    }
    match kinds::find(sub.get_name()) {
        Some(kind) => takes_only(sub, kind),
        None => sub,
    }
}

fn takes_only(mut sub: clap::Command, kind: &dyn kinds::Kind) -> clap::Command {
    let edition = crate::param::Param::Edition.id();
    if !kind.takes_edition(&crate::chart::ChartSpec::default()) {
        sub = sub.mut_arg(edition, |a| a.hide(true));
    } else if let Some(help) = kind.edition_help() {
        sub = sub.mut_arg(edition, |a| {
            a.help(super::spell(&help)).long_help(None::<&'static str>)
        });
    }
    let year = crate::param::Param::Year.id();
    if !kind.takes_year(&crate::chart::ChartSpec::default()) {
        sub = sub.mut_arg(year, |a| a.hide(true));
    } else if kind.year_of_path() {
        sub = sub.mut_arg(year, |a| {
            a.help("A year of the scenario's path [default: its target year]")
        });
    }
    for option in ChartOption::ALL {
        let id = arg_id(option);
        match kind.options().iter().find(|t| t.option == option) {
            None => sub = sub.mut_arg(id, |a| a.hide(true)),
            Some(takes) => {
                sub = sub.mut_arg(id, |a| {
                    let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                    a.help(format!("{help} [default: {}]", takes.unset))
                        .long_help(None::<&'static str>)
                })
            }
        }
    }
    sub
}

/// The id of the argument that sets `option`: its field in
/// [`crate::cli::DrawArgs`], the parameter's name in snake case.
fn arg_id(option: ChartOption) -> String {
    option.param().id().replace('-', "_")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Command;
    use crate::data::DataSource;

    fn kind_command(id: &str) -> clap::Command {
        let mut command = super::super::command();
        command.build();
        command
            .find_subcommand("chart")
            .and_then(|c| c.find_subcommand(id))
            .cloned()
            .unwrap()
    }

    /// `chart KIND --help` shows the options KIND declares, each with what
    /// it draws without it, and hides the others.
    #[test]
    fn each_kinds_help_shows_the_options_it_declares() {
        for kind in kinds::KINDS {
            let command = kind_command(kind.id());
            for option in ChartOption::ALL {
                let arg = command
                    .get_arguments()
                    .find(|a| a.get_id().as_str() == arg_id(option))
                    .unwrap();
                let declared = kind.options().iter().find(|t| t.option == option);
                assert_eq!(
                    arg.is_hide_set(),
                    declared.is_none(),
                    "{} {option:?}",
                    kind.id()
                );
                if let Some(takes) = declared {
                    let help = arg.get_help().unwrap().to_string();
                    assert!(
                        help.ends_with(&format!("[default: {}]", takes.unset)),
                        "{}: {help}",
                        kind.id()
                    );
                }
            }
        }
        let help = kind_command("shares").render_help().to_string();
        assert!(help.contains("[default: 2,3]"), "{help}");
        assert!(!help.contains("--draws"), "{help}");
    }

    /// Each default a kind declares as a value is what it draws: the same
    /// drawing with the option unset and given that value (a rule that
    /// depends on the data is said, not checked here).
    #[test]
    fn each_declared_default_is_what_the_kind_draws() {
        let catalog = Catalog::load(DataSource::Embedded).unwrap();
        let drawn = |args: &[String]| {
            let argv = ["defspend", "chart"]
                .into_iter()
                .map(String::from)
                .chain(args.iter().cloned());
            let cli = super::super::parse_from(argv).unwrap();
            let Command::Chart(chart) = &cli.command else {
                unreachable!()
            };
            let mut request = request(chart).unwrap();
            (request.width, request.height) = (800, 500);
            match api::chart(&catalog, &request) {
                Ok(svg) => String::from_utf8(svg).unwrap(),
                Err(e) => e.to_string(),
            }
        };
        let mut checked = 0;
        for kind in kinds::KINDS {
            for takes in kind.options() {
                let Some(value) = takes.unset.given() else {
                    continue;
                };
                let mut args = vec![kind.id().to_string(), "-o".into(), "x.svg".into()];
                if kind.id() == "odds" || kind.id() == "fan" || kind.id() == "map" {
                    args.extend(["--edition".into(), "nato-2024".into()]);
                }
                let unset = drawn(&args);
                let flag = super::super::flag(takes.option.param());
                args.extend([flag, value.clone()]);
                assert_eq!(
                    unset,
                    drawn(&args),
                    "chart {}: declared default {value}",
                    kind.id()
                );
                checked += 1;
            }
        }
        assert!(checked >= 15, "{checked} declared values checked");
    }
}
