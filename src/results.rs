//! The results a `chart` or `report` run draws from: each computed once, when
//! first asked for, and shared by every chart and finding of the run. A
//! chart kind asks this set for what it draws (standings, an outlook, a
//! scenario's paths, a backtest, SIPRI's series) and never loads a file or
//! runs the calculator itself (the architecture rules check it); the types
//! it reads it imports from their own modules.

use std::sync::{Arc, Mutex, PoisonError};

use crate::calc::decompose::Decomposition;
use crate::calc::dispersion::YearSpread;
use crate::calc::longrun::{Measure, Series as LongSeries, Source as LongSource};
use crate::calc::percapita::{Basis as PerCapitaBasis, PerCapita};
use crate::calc::revisions::Revision;
use crate::calc::{Aggregate, AllyYear, Burden, Standings, UsEuropeYear};
use crate::data::boundaries::Boundaries;
use crate::data::manifest::Manifest;
use crate::data::sipri::Sipri;
use crate::data::{groups, Ally, Edition, EditionData, Group};
use crate::forecast::against::PlansRun;
use crate::forecast::backtest::{Name as Backtest, Outcome as BacktestOutcome};
use crate::forecast::fiscal::FiscalRun;
use crate::forecast::odds::{OutlookRun, Settings};
use crate::scenario::Scenario;

use crate::calc::path::Paths;
use crate::calc::Calculator;
use crate::context::Context;
use crate::data::outlook::Outlook;
use crate::data::Catalog;
use crate::error::Result;

/// Values kept under a key: made once (outside the lock, so that a run on
/// rayon's pool never waits on a lock its own thread holds), then shared.
struct Memo<K, V> {
    items: Mutex<Vec<(K, Arc<V>)>>,
}

impl<K: PartialEq, V> Default for Memo<K, V> {
    fn default() -> Self {
        Memo {
            items: Mutex::new(Vec::new()),
        }
    }
}

impl<K: PartialEq, V> Memo<K, V> {
    fn get(&self, key: K, make: impl FnOnce() -> Result<V>) -> Result<Arc<V>> {
        let items = || self.items.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((_, v)) = items().iter().find(|(k, _)| *k == key) {
            return Ok(v.clone());
        }
        let made = Arc::new(make()?);
        let mut all = items();
        if let Some((_, v)) = all.iter().find(|(k, _)| *k == key) {
            return Ok(v.clone());
        }
        all.push((key, made.clone()));
        Ok(made)
    }
}

/// A scenario run on its edition: the scenario, the edition's data, the paths.
pub struct ScenarioPaths {
    pub scenario: Scenario,
    pub data: EditionData,
    pub paths: Paths,
}

/// Another edition's data and its calculator (revisions).
pub struct OtherEdition {
    pub data: EditionData,
    calc: Calculator,
}

/// An edition's figures: the run's own edition, or another one.
pub enum Figures<'r> {
    Own(&'r Calculator),
    Other(Arc<OtherEdition>),
}

impl Figures<'_> {
    fn calc(&self) -> &Calculator {
        match self {
            Figures::Own(c) => c,
            Figures::Other(o) => &o.calc,
        }
    }

    /// A group's totals, year by year.
    pub fn aggregate(&self, group: &Group) -> Result<Vec<Aggregate>> {
        self.calc().aggregate(group)
    }

    /// An ally's figures, year by year.
    pub fn ally_history(&self, code: &str) -> Result<Vec<AllyYear>> {
        self.calc().ally_history(code)
    }
}

/// The results of one run, over the context's edition and year.
pub struct Results<'c> {
    ctx: &'c Context<'c>,
    plans: Memo<(String, Option<String>, Option<String>), PlansRun>,
    scenarios: Memo<(String, Option<String>), ScenarioPaths>,
    scenario_texts: Memo<(String, String, Option<String>), ScenarioPaths>,
    fiscal: Memo<(String, Option<String>), FiscalRun>,
    boundaries: Memo<(), Boundaries>,
    backtests: Memo<Backtest, BacktestOutcome>,
    editions: Memo<String, OtherEdition>,
    sipri: Memo<Vec<crate::data::sipri::Measure>, Sipri>,
    outlooks: Mutex<Vec<OutlookRun>>,
}

impl<'c> Results<'c> {
    pub fn new(ctx: &'c Context<'c>) -> Self {
        Results {
            ctx,
            plans: Memo::default(),
            scenarios: Memo::default(),
            scenario_texts: Memo::default(),
            fiscal: Memo::default(),
            boundaries: Memo::default(),
            backtests: Memo::default(),
            editions: Memo::default(),
            sipri: Memo::default(),
            outlooks: Mutex::new(Vec::new()),
        }
    }

    /// The edition drawn from and its data.
    pub fn data(&self) -> &EditionData {
        &self.ctx.data
    }

    pub fn edition(&self) -> &Edition {
        &self.ctx.data.edition
    }

    /// The year asked for.
    /// The price basis of the context's money.
    pub fn prices(&self) -> crate::calc::ppp::Prices {
        self.ctx.prices
    }

    /// The citation of the PPP rates the context's money is converted at.
    pub fn ppp_citation(&self) -> Result<String> {
        Ok(self.catalog().ppp()?.citation)
    }

    pub fn year(&self) -> i32 {
        self.ctx.year
    }

    fn catalog(&self) -> &'c Catalog {
        self.ctx.catalog
    }

    // Names: what a chart labels its marks with.

    /// Every ally, in the catalog's order.
    pub fn allies(&self) -> &[Ally] {
        &self.catalog().allies
    }

    /// An ally's name, from its NATO code.
    pub fn name_of(&self, code: &str) -> String {
        self.catalog().name_of(code)
    }

    /// The ally a name or code asked for.
    pub fn ally(&self, query: &str) -> Result<&Ally> {
        self.catalog().ally(query)
    }

    /// The NATO codes of the allies asked for.
    pub fn ally_codes(&self, queries: &[String]) -> Result<Vec<String>> {
        self.catalog().ally_codes(queries)
    }

    /// The standard groups, in groups.toml's order.
    pub fn standard_groups(&self) -> Vec<&Group> {
        self.catalog().standard_groups()
    }

    /// A group every catalog has (groups.toml's standard keys).
    pub fn group(&self, key: &str) -> &Group {
        self.catalog().required_group(key)
    }

    /// Two different groups to set against each other, as named.
    pub fn group_pair(&self, keys: &[String]) -> Result<(&Group, &Group)> {
        crate::data::groups::pair(self.groups_named(keys)?, keys)
    }

    /// The groups asked for, in that order.
    pub fn groups_named(&self, keys: &[String]) -> Result<Vec<&Group>> {
        self.catalog().groups_named(keys)
    }

    // The edition's figures.

    /// Every ally against `target` in `year` (members with armed forces).
    pub fn standing(&self, year: i32, target: f64) -> Result<Standings> {
        self.ctx.calc.standing(year, target)
    }

    /// Every ally in the edition against `target` in `year`, members or not.
    pub fn standing_all(&self, year: i32, target: f64) -> Result<Standings> {
        self.ctx.calc.standing_all(year, target)
    }

    /// One standings per target, in their order.
    pub fn standings(&self, year: i32, targets: &[f64]) -> Result<Vec<Standings>> {
        self.ctx.calc.standings(year, targets)
    }

    pub fn burden(&self, year: i32) -> Result<Burden> {
        self.ctx.calc.burden(year)
    }

    pub fn us_vs_europe(&self, us: &Group, europe: &Group) -> Result<Vec<UsEuropeYear>> {
        self.ctx.calc.us_vs_europe(us, europe)
    }

    /// A group's totals, year by year.
    pub fn aggregate(&self, group: &Group) -> Result<Vec<Aggregate>> {
        self.ctx.calc.aggregate(group)
    }

    /// An ally's figures, year by year.
    pub fn ally_history(&self, code: &str) -> Result<Vec<AllyYear>> {
        self.ctx.calc.ally_history(code)
    }

    /// The figures of the edition `id`: the run's own, or another loaded once.
    pub fn figures(&self, id: &str) -> Result<Figures<'_>> {
        if id == self.edition().id {
            Ok(Figures::Own(&self.ctx.calc))
        } else {
            Ok(Figures::Other(self.other_edition(id)?))
        }
    }

    /// The European allies' spread of shares year by year, `pair` set
    /// against each other (`dispersion`).
    pub fn dispersion(&self, pair: (&Group, &Group)) -> Result<Vec<YearSpread>> {
        let over = self.catalog().group(groups::EUROPE)?;
        crate::calc::dispersion::by_year(
            &self.ctx.calc,
            self.allies(),
            self.edition().years(),
            over,
            pair,
        )
    }

    // Runs: made once, shared.

    /// The Monte Carlo outlook for `settings`: from an earlier run of the
    /// same question (with these groups among its own), else run now and
    /// kept. A report's findings and its charts ask the same question.
    pub fn outlook(&self, settings: &Settings) -> Result<OutlookRun> {
        // Not held while a run is made: the run is parallel on rayon's pool,
        // and a chart drawn on that pool must not wait on a lock its own
        // thread holds.
        let runs = || self.outlooks.lock().unwrap_or_else(PoisonError::into_inner);
        let earlier = runs()
            .iter()
            .filter(|r| r.settings.same_run_as(settings))
            .find_map(|r| r.for_groups(&settings.groups));
        if let Some(run) = earlier {
            return Ok(run);
        }
        let run = crate::forecast::odds::run(self.catalog(), settings)?;
        runs().push(run.clone());
        Ok(run)
    }

    /// A scenario's plans against its path (`plans`: a vintage, `economy`:
    /// an outlook; the latest when `None`).
    pub fn plans(
        &self,
        scenario: &str,
        plans: Option<&str>,
        economy: Option<&str>,
    ) -> Result<Arc<PlansRun>> {
        let key = (
            scenario.to_string(),
            plans.map(str::to_string),
            economy.map(str::to_string),
        );
        self.plans.get(key, || {
            crate::forecast::against::run(self.catalog(), scenario, plans, economy)
        })
    }

    /// A scenario (file or shipped name) run on its edition.
    pub fn scenario(&self, reference: &str, economy: Option<&str>) -> Result<Arc<ScenarioPaths>> {
        let key = (reference.to_string(), economy.map(str::to_string));
        self.scenarios.get(key, || {
            self.paths_of(crate::scenario::load_on(
                reference,
                self.catalog(),
                economy,
            )?)
        })
    }

    /// A scenario given as its text (a posted or changed one, `display`
    /// naming it), run on its edition.
    pub fn scenario_text(
        &self,
        display: &str,
        text: &str,
        economy: Option<&str>,
    ) -> Result<Arc<ScenarioPaths>> {
        let key = (
            display.to_string(),
            text.to_string(),
            economy.map(str::to_string),
        );
        self.scenario_texts.get(key, || {
            self.paths_of(crate::scenario::parse_on(
                display,
                text,
                self.catalog(),
                economy,
            )?)
        })
    }

    /// Every ally's path of `scenario` (on the chart's edition's calculator
    /// when it is the scenario's).
    fn paths_of(&self, scenario: crate::scenario::Scenario) -> Result<ScenarioPaths> {
        let (data, paths) = if scenario.edition == self.edition().id {
            (self.ctx.data.clone(), scenario.paths(&self.ctx.calc)?)
        } else {
            scenario.run(self.catalog())?
        };
        Ok(ScenarioPaths {
            scenario,
            data,
            paths,
        })
    }

    /// A scenario's path costed for each treasury.
    pub fn fiscal(&self, reference: &str, economy: Option<&str>) -> Result<Arc<FiscalRun>> {
        let key = (reference.to_string(), economy.map(str::to_string));
        self.fiscal.get(key, || {
            crate::forecast::fiscal::run(self.catalog(), reference, economy)
        })
    }

    /// Country boundaries for maps.
    pub fn boundaries(&self) -> Result<Arc<Boundaries>> {
        self.boundaries.get((), || self.catalog().boundaries())
    }

    /// A backtest's scores.
    pub fn backtest(&self, name: Backtest) -> Result<Arc<BacktestOutcome>> {
        self.backtests.get(name, || {
            crate::forecast::backtest::run(self.catalog(), name, 1.0)
        })
    }

    /// The citation of a source a backtest scored on: a NATO edition or a
    /// SIPRI release.
    pub fn citation_of(&self, id: &str) -> Result<String> {
        match self.catalog().edition(Some(id)) {
            Ok(e) => Ok(e.citation.clone()),
            Err(_) => Ok(self.catalog().sipri_release(Some(id))?.citation),
        }
    }

    /// Another edition by id.
    pub fn other_edition(&self, id: &str) -> Result<Arc<OtherEdition>> {
        self.editions.get(id.to_string(), || {
            let data = self.catalog().load_edition(Some(id))?;
            let calc = Calculator::for_edition(&data, &self.catalog().allies)?;
            Ok(OtherEdition { data, calc })
        })
    }

    /// Every edition the catalog lists.
    pub fn editions(&self) -> &Manifest<Edition> {
        &self.catalog().editions
    }

    /// Each ally's values (with armed forces) in `from` against `to`, year by year.
    pub fn revisions(
        &self,
        from: &Edition,
        to: &Edition,
        measure: Measure,
    ) -> Result<Vec<Revision>> {
        let (a, b) = (self.figures(&from.id)?, self.figures(&to.id)?);
        let allies: Vec<&Ally> = self
            .allies()
            .iter()
            .filter(|a| a.has_armed_forces)
            .collect();
        crate::calc::revisions::between(a.calc(), b.calc(), &allies, measure)
    }

    /// An IMF outlook (the latest when `None`).
    pub fn economy(&self, id: Option<&str>) -> Result<Arc<Outlook>> {
        // The catalog keeps each outlook it has read.
        self.catalog().load_outlook(id)
    }

    /// Spending per person in `year`: NATO's figure where the edition has
    /// one, else spending over the outlook's population.
    pub fn per_capita(
        &self,
        economy: Option<&str>,
        year: i32,
    ) -> Result<(PerCapitaBasis, Vec<PerCapita>, Option<f64>)> {
        let outlook = self.economy(economy)?;
        crate::calc::percapita::for_year(
            &self.ctx.calc,
            &self.ctx.data,
            &self.catalog().allies,
            &outlook,
            year,
        )
    }

    /// SIPRI's tables for `measures`, as installed.
    pub fn sipri(&self, measures: &[crate::data::sipri::Measure]) -> Result<Arc<Sipri>> {
        self.sipri.get(measures.to_vec(), || {
            self.catalog().load_sipri(None, measures)
        })
    }

    /// SIPRI's tables for `measures` when its database is installed, else `None`.
    pub fn sipri_installed(
        &self,
        measures: &[crate::data::sipri::Measure],
    ) -> Result<Option<Arc<Sipri>>> {
        match self.catalog().sipri_installed() {
            true => self.sipri(measures).map(Some),
            false => Ok(None),
        }
    }

    /// Eurostat's `gov_ev` and its source record.
    pub fn gov_ev(&self) -> Result<(crate::data::eurostat::GovEv, String)> {
        self.catalog().gov_ev()
    }

    /// Europe against Russia and China at market rates, PPP and
    /// defence-weighted, in the year asked (SIPRI's last when it ends before).
    pub fn rivals(&self) -> Result<crate::calc::ppp::Rivals> {
        let catalog = self.catalog();
        let sipri = self.sipri_installed(&[crate::data::sipri::Measure::CurrentUsd])?;
        let rivals = crate::calc::ppp::rivals(
            self.data(),
            &catalog.allies,
            (
                catalog.group(groups::EUROPE)?,
                self.group(groups::UNITED_STATES),
            ),
            catalog.ppp()?,
            sipri.as_deref(),
            self.year(),
        )?;
        crate::context::check_ppp_year(&rivals.rates, &catalog.allies, rivals.year)?;
        Ok(rivals)
    }

    /// The long series of `queries` (countries, allies, groups) from SIPRI.
    pub fn long_series(
        &self,
        sipri: &Sipri,
        queries: &[String],
        measure: Measure,
    ) -> Result<Vec<LongSeries>> {
        let catalog = self.catalog();
        queries
            .iter()
            .map(|q| {
                let subject = catalog.subject(q, &sipri.names)?;
                crate::calc::longrun::series(
                    &LongSource::Sipri(sipri),
                    &subject,
                    &catalog.allies,
                    measure,
                )
            })
            .collect()
    }

    /// Each ally's change of share between `from` and `to` split into a
    /// spending and a GDP effect, and Europe and Canada's.
    pub fn decomposition(
        &self,
        from: i32,
        to: i32,
        target: f64,
    ) -> Result<(Vec<Decomposition>, Option<Decomposition>)> {
        let before = self.standing_all(from, target)?;
        let after = self.standing(to, target)?;
        let europe = self.group(groups::EUROPE_CANADA);
        Ok((
            crate::calc::decompose::allies(&before, &after),
            crate::calc::decompose::group(&before, &after, europe),
        ))
    }
}
