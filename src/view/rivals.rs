//! Europe against Russia and China at market rates, at GDP-based PPP and
//! defence-weighted (`compare --prices ppp`, `chart rivals --prices ppp`).

use crate::calc::ppp::{RivalSide, Rivals};
use crate::export::{column, Section, Table, Value};

fn bn(v: Option<f64>) -> Option<f64> {
    v.map(|m| m / 1000.0)
}

/// The table, a sentence for the summary and the notes.
pub fn section(r: &Rivals) -> (Section, String, Vec<String>) {
    let columns = vec![
        column("side", "Side", |s: &RivalSide| Value::text(&s.label)),
        column("source", "Source", |s: &RivalSide| Value::text(&s.source)),
        column("market_usd_bn", "Market rates (USD bn)", |s: &RivalSide| {
            Value::num(bn(s.market_m), 1)
        }),
        column(
            "ppp_intl_bn",
            "GDP-based PPP (int'l $ bn)",
            |s: &RivalSide| Value::num(bn(s.ppp_m), 1),
        ),
        column("ppp_ratio", "PPP / market", |s: &RivalSide| {
            Value::num(s.ratio(), 2)
        }),
        column(
            "defence_weighted_intl_bn",
            "Defence-weighted (int'l $ bn)",
            |s: &RivalSide| Value::num(bn(s.weighted_m), 1),
        ),
        column("personnel_pct", "Personnel share (%)", |s: &RivalSide| {
            Value::num(s.personnel_pct, 1)
        }),
        column("personnel_assumed", "Share assumed", |s: &RivalSide| {
            Value::Bool(s.assumed)
        }),
    ];
    let side = |key: &str| r.sides.iter().find(|s| s.key == key);
    let sentence = match (side("europe"), side("RUS")) {
        (Some(e), Some(ru)) if ru.market_m.is_some() => format!(
            "{}, {}: USD {:.0} bn at market rates against Russia's USD {:.0} bn; at GDP-based PPP int'l $ {:.0} bn against {:.0} bn; defence-weighted {:.0} bn against {:.0} bn.",
            e.label,
            r.year,
            bn(e.market_m).unwrap_or(0.0),
            bn(ru.market_m).unwrap_or(0.0),
            bn(e.ppp_m).unwrap_or(0.0),
            bn(ru.ppp_m).unwrap_or(0.0),
            bn(e.weighted_m).unwrap_or(0.0),
            bn(ru.weighted_m).unwrap_or(0.0),
        ),
        (Some(e), _) => format!(
            "{}, {}: USD {:.0} bn at market rates, int'l $ {:.0} bn at GDP-based PPP (Russia and China need SIPRI's database installed).",
            e.label,
            r.year,
            bn(e.market_m).unwrap_or(0.0),
            bn(e.ppp_m).unwrap_or(0.0)
        ),
        _ => String::new(),
    };
    let mut notes = vec![
        format!(
            "PPP: each country's current-USD spending times its own ratio of market exchange rate (NGDP / NGDPD) to the IMF's implied PPP conversion rate (PPPEX), {}; a group is the sum of its members, each at its own ratio. GDP-based PPP, not a military PPP: it prices a whole economy's basket, and overstates what buys imported, dollar-priced equipment.",
            r.rates.id
        ),
        "Defence-weighted: defspend's construction, not a published method: the personnel share of spending (NATO's Table 8a) at PPP, equipment, infrastructure and other spending at market rates. Russia, China and Ukraine publish no such split: the European allies' personnel share is assumed for them (Share assumed).".into(),
        format!(
            "Allies: {} (current USD at market rates, as NATO publishes them). Russia, China, Ukraine: SIPRI's current USD (its own definition, paramilitary forces included).",
            r.edition.id
        ),
    ];
    if let Some(asked) = r.asked {
        notes.push(format!(
            "Rivals in {}, SIPRI's latest year, for both sides: {asked} has no SIPRI figure.",
            r.year
        ));
    }
    if r.year > 2025 {
        notes.push(format!("{}'s PPP rates are IMF projections.", r.year));
    }
    let mut section = Section::new(
        "rivals",
        format!(
            "Europe against Russia and China, {}: market rates, GDP-based PPP, defence-weighted",
            r.year
        ),
        Table::of(&columns, &r.sides),
    );
    section.detail = false;
    (section, sentence, notes)
}

/// The citations the rivals table adds.
pub fn citations(r: &Rivals) -> String {
    let mut c = r.rates.citation.clone();
    if let Some(s) = &r.sipri {
        c.push(' ');
        c.push_str(&s.citation);
    }
    c
}
