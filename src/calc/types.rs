//! The calculator's results, as types: what every command, export format and
//! chart reads by field. Amounts are USD million, as in NATO's tables; shares
//! and gaps are % of GDP and percentage points.

use std::fmt;

/// Where a share of GDP came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShareSource {
    /// NATO's published share (Table 3 in the 2024 edition).
    Published,
    /// Constant-price spending ÷ constant-price GDP, NATO's method, where no share is published.
    ConstantRatio,
    /// Current-price spending ÷ current-price GDP; flagged, since it can differ by tenths of a point.
    NominalRatio,
}

impl ShareSource {
    pub const ALL: [ShareSource; 3] = [
        ShareSource::Published,
        ShareSource::ConstantRatio,
        ShareSource::NominalRatio,
    ];

    /// The text used in every output (`share_source` in CSV and JSON).
    pub fn key(self) -> &'static str {
        match self {
            ShareSource::Published => "published",
            ShareSource::ConstantRatio => "constant-ratio",
            ShareSource::NominalRatio => "nominal-ratio",
        }
    }

    pub fn from_key(key: &str) -> Option<ShareSource> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }
}

impl fmt::Display for ShareSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// An ally's standing against a target in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Meets,
    Below,
    /// No armed forces (Iceland): never counted as meeting or missing.
    NotApplicable,
    NoData,
}

impl Status {
    /// An ally's standing against a target: no armed forces, no share, at or
    /// above the target (`meets`), or below it.
    pub fn of(has_armed_forces: bool, share: Option<f64>, meets: Option<bool>) -> Status {
        if !has_armed_forces {
            Status::NotApplicable
        } else if share.is_none() {
            Status::NoData
        } else if meets == Some(true) {
            Status::Meets
        } else {
            Status::Below
        }
    }

    pub const ALL: [Status; 4] = [
        Status::Meets,
        Status::Below,
        Status::NotApplicable,
        Status::NoData,
    ];

    /// The text used in every output (`status` in CSV and JSON).
    pub fn key(self) -> &'static str {
        match self {
            Status::Meets => "meets",
            Status::Below => "below",
            Status::NotApplicable => "n/a",
            Status::NoData => "no data",
        }
    }

    pub fn from_key(key: &str) -> Option<Status> {
        Self::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Counted among the allies that meet or miss a target.
    pub fn is_counted(self) -> bool {
        matches!(self, Status::Meets | Status::Below)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The gap to a target: `max(0, t - s)` points, and that share of GDP in money.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Gap {
    pub target: f64,
    pub points: Option<f64>,
    pub usd_current_m: Option<f64>,
    /// Constant USD of the edition's price base year.
    pub usd_constant_m: Option<f64>,
}

/// One ally in one year against one target.
#[derive(Debug, Clone, PartialEq)]
pub struct Standing {
    pub code: String,
    pub name: String,
    pub year: i32,
    pub has_armed_forces: bool,
    pub share: Option<f64>,
    pub share_source: Option<ShareSource>,
    pub status: Status,
    pub gap: Gap,
    /// Constant-price GDP was derived as constant spending ÷ published share
    /// (the edition publishes none).
    pub gdp_constant_derived: bool,
    pub defence_usd_current_m: Option<f64>,
    pub gdp_usd_current_m: Option<f64>,
    /// Constant USD of the edition's price base year.
    pub defence_usd_constant_m: Option<f64>,
    /// Constant-price GDP, published or derived (see `gdp_constant_derived`).
    pub gdp_constant: Option<f64>,
    /// Equipment incl. major R&D, % of defence expenditure (Table 8a).
    pub equipment_pct: Option<f64>,
}

/// A group's totals against a target in a year (members' positive gaps added up).
#[derive(Debug, Clone, PartialEq)]
pub struct GroupTotal {
    pub key: String,
    pub label: String,
    pub target: f64,
    /// Members with armed forces counted that year.
    pub members: u32,
    pub below: u32,
    pub meets: u32,
    pub gap_usd_current_m: f64,
    pub gap_usd_constant_m: f64,
    pub defence_usd_current_m: f64,
    pub gdp_usd_current_m: f64,
    /// Σ constant spending ÷ Σ constant GDP, % of GDP.
    pub share: Option<f64>,
}

impl GroupTotal {
    /// What closing the group's gap adds, in points of the group's GDP (current prices).
    pub fn increment_points(&self) -> Option<f64> {
        (self.gdp_usd_current_m > 0.0)
            .then(|| self.gap_usd_current_m / self.gdp_usd_current_m * 100.0)
    }
}

/// A group's totals in one year, counting each ally from its accession year.
#[derive(Debug, Clone, PartialEq)]
pub struct Aggregate {
    pub year: i32,
    pub estimate: bool,
    pub defence_usd_current_m: f64,
    pub defence_usd_constant_m: f64,
    pub gdp_usd_current_m: f64,
    /// As published (may be absent from an edition: then 0).
    pub gdp_usd_constant_m: f64,
    /// Published constant GDP, or derived from spending ÷ share.
    pub gdp_constant: f64,
    pub allies_counted: u32,
    pub share: Option<f64>,
}

/// One ally in one year of an edition.
#[derive(Debug, Clone, PartialEq)]
pub struct AllyYear {
    pub year: i32,
    pub estimate: bool,
    pub share: Option<f64>,
    pub share_source: Option<ShareSource>,
    pub defence_usd_current_m: Option<f64>,
    pub defence_usd_constant_m: Option<f64>,
    /// NATO's published annual real change, else the change of constant-price spending, %.
    pub real_change: Option<f64>,
    /// NATO's published real change (Table 3 of the 2026 edition), %.
    pub real_change_published: Option<f64>,
    /// defspend's own: the change of constant-price spending on the year before, %.
    pub real_change_computed: Option<f64>,
    /// How far the computed change can move with the rounding of the
    /// constant-price figures to whole millions, points.
    pub real_change_rounding: Option<f64>,
    pub equipment_pct: Option<f64>,
    pub gdp_usd_current_m: Option<f64>,
    /// NATO's defence expenditure per person, USD at the edition's constant
    /// prices (Table 6); absent from editions without the table.
    pub defence_per_capita_usd: Option<f64>,
    /// Military personnel, thousands (NATO's Table 7).
    pub military_personnel_k: Option<f64>,
}

/// NATO's published real change against defspend's own computation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RealChangeCheck {
    /// Within 0.1 point.
    Agrees,
    /// Further apart, but within what rounding to whole millions can move.
    Rounding,
    /// Further apart than rounding explains.
    Differs,
}

impl RealChangeCheck {
    pub fn key(self) -> &'static str {
        match self {
            RealChangeCheck::Agrees => "agrees",
            RealChangeCheck::Rounding => "rounding",
            RealChangeCheck::Differs => "differs",
        }
    }
}

/// Published and computed real change within this many points agree.
pub const REAL_CHANGE_TOLERANCE: f64 = 0.1;

impl AllyYear {
    /// NATO's real change against defspend's, where both exist.
    pub fn real_change_check(&self) -> Option<RealChangeCheck> {
        let gap = (self.real_change_published? - self.real_change_computed?).abs();
        Some(if gap <= REAL_CHANGE_TOLERANCE + 1e-9 {
            RealChangeCheck::Agrees
        } else if gap <= REAL_CHANGE_TOLERANCE + self.real_change_rounding.unwrap_or(0.0) + 1e-9 {
            RealChangeCheck::Rounding
        } else {
            RealChangeCheck::Differs
        })
    }
}

/// One ally's share of allied spending against its share of allied GDP.
#[derive(Debug, Clone, PartialEq)]
pub struct BurdenRow {
    pub code: String,
    pub name: String,
    pub has_armed_forces: bool,
    pub defence_usd_current_m: Option<f64>,
    pub gdp_usd_current_m: Option<f64>,
    pub spending_share: Option<f64>,
    pub gdp_share: Option<f64>,
    pub difference_points: Option<f64>,
    /// Spending less what the ally would spend at the allied average share of GDP.
    pub difference_usd_current_m: Option<f64>,
}

/// Burden sharing in a year, largest money difference first.
#[derive(Debug, Clone, PartialEq)]
pub struct Burden {
    pub year: i32,
    pub rows: Vec<BurdenRow>,
    /// Total spending ÷ total GDP of the allies that were members, %.
    pub allied_average_share: Option<f64>,
}

impl Burden {
    pub fn ally(&self, code: &str) -> Option<&BurdenRow> {
        self.rows.iter().find(|r| r.code == code)
    }
}

/// The United States against Europe and Canada in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct UsEuropeYear {
    pub year: i32,
    pub estimate: bool,
    pub us_usd_current_m: f64,
    pub us_usd_constant_m: f64,
    pub europe_canada_usd_current_m: f64,
    pub europe_canada_usd_constant_m: f64,
    /// Current prices, %.
    pub us_share_of_allied_spending: Option<f64>,
}

/// The change of an ally's share of GDP between two years.
#[derive(Debug, Clone, PartialEq)]
pub struct Mover {
    pub code: String,
    pub name: String,
    pub share_from: f64,
    pub share_to: f64,
    pub change: f64,
}
