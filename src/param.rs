//! The parameters a request is made of, named once for every front.
//!
//! The calculator, the data and the presentation never spell a flag: where a
//! message or a note mentions a parameter ("use {source} sipri"), it writes
//! the [`Param`], whose `Display` is a mark that each front spells its own
//! way when it says the text: the command line as `--source` (or `FILE` for a
//! positional argument), the Python module as `source=`, a form as its field.
//! [`spell`] replaces the marks; text that reaches a user without passing a
//! front would show them, which the golden tests would catch.

use std::borrow::Cow;
use std::fmt;

/// A parameter of a request, as every front knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Param {
    Allies,
    AllyTarget,
    Anchor,
    Backtest,
    By,
    Common,
    Compare,
    Countries,
    Currency,
    Data,
    Draws,
    Economy,
    Edition,
    Force,
    Format,
    From,
    FromEdition,
    FromVintage,
    GdpSd,
    GrowthThreshold,
    Groups,
    Measure,
    Model,
    Output,
    Path,
    PerCapita,
    Plans,
    PlansVintage,
    Prices,
    Scenario,
    Seed,
    Sensitivity,
    Series,
    Since,
    Shrink,
    Source,
    SpendingSpread,
    Target,
    Targets,
    Title,
    To,
    ToEdition,
    ToVintage,
    Bind,
    Check,
    Mirror,
    Offline,
    Timeout,
    Width,
    Height,
    Scale,
    Year,
    Years,
    /// An ally, named on its own (positional).
    Ally,
    /// A country or group, named on its own (positional).
    Name,
    /// A chart kind (positional).
    Kind,
    /// A file given on its own: a scenario, a workbook (positional).
    File,
}

/// What sets a mark apart in text: two characters of Unicode's private-use
/// area, which no source, message or note contains.
const OPEN: char = '\u{E000}';
const CLOSE: char = '\u{E001}';

impl Param {
    pub const ALL: &'static [Param] = &[
        Param::Allies,
        Param::AllyTarget,
        Param::Anchor,
        Param::Backtest,
        Param::By,
        Param::Common,
        Param::Compare,
        Param::Countries,
        Param::Currency,
        Param::Data,
        Param::Draws,
        Param::Economy,
        Param::Edition,
        Param::Force,
        Param::Format,
        Param::From,
        Param::FromEdition,
        Param::FromVintage,
        Param::GdpSd,
        Param::GrowthThreshold,
        Param::Groups,
        Param::Measure,
        Param::Model,
        Param::Output,
        Param::Path,
        Param::PerCapita,
        Param::Plans,
        Param::PlansVintage,
        Param::Prices,
        Param::Scenario,
        Param::Seed,
        Param::Sensitivity,
        Param::Series,
        Param::Since,
        Param::Shrink,
        Param::Source,
        Param::SpendingSpread,
        Param::Target,
        Param::Targets,
        Param::Title,
        Param::To,
        Param::ToEdition,
        Param::ToVintage,
        Param::Bind,
        Param::Check,
        Param::Mirror,
        Param::Offline,
        Param::Timeout,
        Param::Width,
        Param::Height,
        Param::Scale,
        Param::Year,
        Param::Years,
        Param::Ally,
        Param::Name,
        Param::Kind,
        Param::File,
    ];

    /// The parameter's name: lower case, words joined by `-`.
    pub fn id(self) -> &'static str {
        match self {
            Param::Allies => "allies",
            Param::AllyTarget => "ally-target",
            Param::Anchor => "anchor",
            Param::Backtest => "backtest",
            Param::By => "by",
            Param::Common => "common",
            Param::Compare => "compare",
            Param::Countries => "countries",
            Param::Currency => "currency",
            Param::Data => "data",
            Param::Draws => "draws",
            Param::Economy => "economy",
            Param::Edition => "edition",
            Param::Force => "force",
            Param::Format => "format",
            Param::From => "from",
            Param::FromEdition => "from-edition",
            Param::FromVintage => "from-vintage",
            Param::GdpSd => "gdp-sd",
            Param::GrowthThreshold => "growth-threshold",
            Param::Groups => "groups",
            Param::Measure => "measure",
            Param::Model => "model",
            Param::Output => "output",
            Param::Path => "path",
            Param::PerCapita => "per-capita",
            Param::Plans => "plans",
            Param::PlansVintage => "plans-vintage",
            Param::Prices => "prices",
            Param::Scenario => "scenario",
            Param::Seed => "seed",
            Param::Sensitivity => "sensitivity",
            Param::Series => "series",
            Param::Since => "since",
            Param::Shrink => "shrink",
            Param::Source => "source",
            Param::SpendingSpread => "spending-spread",
            Param::Target => "target",
            Param::Targets => "targets",
            Param::Title => "title",
            Param::To => "to",
            Param::ToEdition => "to-edition",
            Param::ToVintage => "to-vintage",
            Param::Bind => "bind",
            Param::Check => "check",
            Param::Mirror => "mirror",
            Param::Offline => "offline",
            Param::Timeout => "timeout",
            Param::Width => "width",
            Param::Height => "height",
            Param::Scale => "scale",
            Param::Year => "year",
            Param::Years => "years",
            Param::Ally => "ally",
            Param::Name => "name",
            Param::Kind => "kind",
            Param::File => "file",
        }
    }

    /// Given by its place rather than by its name.
    pub fn positional(self) -> bool {
        matches!(self, Param::Ally | Param::Name | Param::Kind | Param::File)
    }

    fn of_id(id: &str) -> Option<Param> {
        Param::ALL.iter().copied().find(|p| p.id() == id)
    }
}

impl fmt::Display for Param {
    /// The mark a front spells ([`spell`]).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{OPEN}{}{CLOSE}", self.id())
    }
}

/// `text` with every parameter's mark spelled by `name`; the text itself when
/// it has none.
pub fn spell(text: &str, name: impl Fn(Param) -> String) -> Cow<'_, str> {
    if !text.contains(OPEN) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len_utf8()..];
        let Some(end) = after.find(CLOSE) else {
            break;
        };
        let id = &after[..end];
        match Param::of_id(id) {
            Some(p) => out.push_str(&name(p)),
            None => out.push_str(id),
        }
        rest = &after[end + CLOSE.len_utf8()..];
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Whether `text` may hold a mark no front has spelled: the first byte of
/// the marks' UTF-8 encoding, which any other character of their block of
/// the private-use area shares (a rare false alarm costs a spelling pass).
pub fn has_marks(text: &str) -> bool {
    const LEAD: u8 = 0xEE;
    debug_assert_eq!(OPEN.to_string().as_bytes()[0], LEAD);
    text.as_bytes().contains(&LEAD)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_parameter_is_listed_once_with_its_own_name() {
        let mut ids: Vec<&str> = Param::ALL.iter().map(|p| p.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), Param::ALL.len());
        for p in Param::ALL {
            assert_eq!(Param::of_id(p.id()), Some(*p));
        }
    }

    #[test]
    fn a_front_spells_the_marks_and_leaves_the_rest() {
        let text = format!("{}: use {} sipri", Param::Year, Param::Source);
        assert!(has_marks(&text));
        let spelled = spell(&text, |p| format!("<{}>", p.id()));
        assert_eq!(spelled, "<year>: use <source> sipri");
        assert!(!has_marks(&spelled));
        assert!(matches!(
            spell("plain", |_| String::new()),
            Cow::Borrowed(_)
        ));
    }
}
