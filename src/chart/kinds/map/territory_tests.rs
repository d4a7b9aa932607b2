use super::measures::share_bins;
use super::*;

fn label(region: &'static str, territory: bool) -> Label {
    Label {
        code: "DK".into(),
        value: None,
        fill: NOT_ALLY,
        region,
        territory,
    }
}

#[test]
fn an_ally_is_drawn_in_its_own_panel_and_a_territory_wherever_it_falls() {
    let europe = EUROPE.name;
    let na = NORTH_AMERICA.name;
    let ally = Shape {
        ally: Some(label(europe, false)),
    };
    assert!(ally.drawn_in(europe) && !ally.drawn_in(na));
    let greenland = Shape {
        ally: Some(label(europe, true)),
    };
    assert!(greenland.drawn_in(europe) && greenland.drawn_in(na));
    assert!(Shape { ally: None }.drawn_in(na));
}

#[test]
fn a_label_keeps_the_value_in_its_bin() {
    let bins = share_bins();
    assert_eq!(label_value(1.47, 2, &bins), "1.47");
    assert_eq!(
        label_value(1.996, 2, &bins),
        "1.996",
        "2.00 would be the next bin"
    );
    assert_eq!(label_value(3.12, 1, &bins), "3.1");
    assert_eq!(label_value(3.497, 1, &bins), "3.497");
}

#[test]
fn denmarks_territories_are_its_own() {
    let catalog = crate::data::Catalog::load(crate::data::DataSource::Embedded).unwrap();
    let b = catalog.boundaries().unwrap();
    for (numeric, ally) in [("304", "DK"), ("234", "DK"), ("248", "FI"), ("833", "UK")] {
        assert_eq!(
            b.territories.get(numeric).map(String::as_str),
            Some(ally),
            "{numeric}"
        );
    }
    assert!(b.numeric.values().all(|n| !b.territories.contains_key(n)));
}
