//! `chart map`: every ally drawn in the colour its value bins to, checked
//! against the shares of NATO, Defence Expenditure of NATO Countries
//! (2014-2024), 17 June 2024, Table 3 (share of real GDP, 2024e), read here
//! from the dataset that transcribes it; an ally missing from the boundaries
//! is an error, not a blank.

use crate::common;

use std::collections::HashMap;

use common::{assert_fails_with, copy_datasets, datasets_dir, defspend};

/// Table 3's 2024e shares, by NATO code (Iceland: none).
fn shares_2024() -> HashMap<String, f64> {
    let mut rows =
        csv::Reader::from_path(datasets_dir().join("nato-2024/expenditure.csv")).unwrap();
    rows.records()
        .map(|r| r.unwrap())
        .filter(|r| &r[1] == "2024" && !r[3].is_empty())
        .map(|r| (r[0].to_string(), r[3].parse().unwrap()))
        .collect()
}

/// The share bins' colours: below 2%, 2-3.5%, 3.5-5%, 5% and more.
fn colour_of(share: f64) -> &'static str {
    match share {
        s if s < 2.0 => "#f4a582",
        s if s < 3.5 => "#c6dbef",
        s if s < 5.0 => "#6baed6",
        _ => "#08519c",
    }
}

#[test]
fn every_ally_has_the_colour_its_share_bins_to() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brief");
    defspend()
        .args(["report", "--edition", "nato-2024", "--year", "2024"])
        .args(["--scenario", "hague-2035", "--out"])
        .arg(&out)
        .assert()
        .success();
    let mut reader = csv::Reader::from_path(out.join("map.csv")).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 32, "every ally on the map");
    let shares = shares_2024();
    let svg = map_svg_2024(dir.path());
    for row in &rows {
        let (code, colour) = (&row[0], &row[4]);
        match shares.get(code) {
            Some(share) => {
                assert_eq!(colour, colour_of(*share), "{code} {share}");
                // Six decimals in the CSV.
                assert!((row[2].parse::<f64>().unwrap() - share).abs() < 1e-6);
            }
            // Iceland: no armed forces, drawn as an outline, not as a share.
            None => assert_eq!((code, &row[3]), ("IS", "No armed forces")),
        }
        assert!(
            svg.contains(&format!("fill=\"{colour}\""))
                || svg.contains(&format!("fill=\"{}\"", colour.to_uppercase())),
            "{code}: no shape in {colour}"
        );
    }
    // Poland 4.12% (3.5-5%), Spain 1.28% (below 2%), the US 3.38% (2-3.5%).
    let colour = |code: &str| rows.iter().find(|r| &r[0] == code).unwrap()[4].to_string();
    assert_eq!(colour("PL"), "#6baed6");
    assert_eq!(colour("ES"), "#f4a582");
    assert_eq!(colour("US"), "#c6dbef");
}

#[test]
fn an_ally_missing_from_the_boundaries_is_an_error() {
    let data = copy_datasets();
    let path = data.path().join("maps/countries-50m.json");
    let mut topology: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let geometries = topology["objects"]["countries"]["geometries"]
        .as_array_mut()
        .unwrap();
    // North Macedonia, ISO 3166-1 numeric 807.
    geometries.retain(|g| g["id"] != "807");
    std::fs::write(&path, topology.to_string()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("map.png");
    assert_fails_with(
        defspend()
            .arg("--data")
            .arg(data.path())
            .args(["chart", "map", "--output"])
            .arg(&file),
        &["countries-50m.json", "North Macedonia", "807"],
    );
    assert!(!file.exists(), "no half-written chart");
}

#[test]
fn the_measures_other_than_share_and_bad_options_are_refused_clearly() {
    let out = tempfile::tempdir().unwrap();
    for measure in ["gap", "fiscal", "plans", "odds"] {
        let file = out.path().join(format!("{measure}.png"));
        let mut cmd = defspend();
        cmd.args(["chart", "map", "--measure", measure, "--output"])
            .arg(&file);
        if measure == "odds" {
            cmd.args(["--draws", "500"]);
        }
        cmd.assert().success();
        assert!(file.metadata().unwrap().len() > 50_000);
    }
    let file = out.path().join("bad.png");
    assert_fails_with(
        defspend()
            .args(["chart", "map", "--measure", "debt", "--output"])
            .arg(&file),
        &["--measure", "debt"],
    );
    assert_fails_with(
        defspend()
            .args(["chart", "map", "--from", "2014", "--output"])
            .arg(&file),
        &["--from", "chart map does not use it"],
    );
    assert_fails_with(
        defspend()
            .args([
                "chart",
                "map",
                "--measure",
                "fiscal",
                "--scenario",
                "hague-2035",
                "--output",
            ])
            .arg(&file),
        &["hague-2035.toml", "no `economy`"],
    );
    assert!(!file.exists());
}

/// The share map of the June 2024 edition's 2024e as SVG, drawn in `dir`.
fn map_svg_2024(dir: &std::path::Path) -> String {
    let file = dir.join("map.svg");
    defspend()
        .args([
            "chart",
            "map",
            "--edition",
            "nato-2024",
            "--year",
            "2024",
            "--output",
        ])
        .arg(&file)
        .assert()
        .success();
    std::fs::read_to_string(file).unwrap()
}

/// The polygons of an SVG map of `fill`, as their points.
fn polygons(svg: &str, fill: &str) -> Vec<Vec<(i32, i32)>> {
    svg.split("<polygon ")
        .skip(1)
        .filter(|p| p.contains(&format!("fill=\"{fill}\"")))
        .filter_map(|p| {
            let points = p.split("points=\"").nth(1)?.split('"').next()?;
            Some(
                points
                    .split_whitespace()
                    .filter_map(|xy| {
                        let (x, y) = xy.split_once(',')?;
                        Some((x.parse().ok()?, y.parse().ok()?))
                    })
                    .collect(),
            )
        })
        .collect()
}

/// Greenland is Denmark's: drawn in Denmark's colour, not as "not an ally";
/// Iceland is drawn once, in Europe's panel, not again at the edge of North
/// America's. June 2024 edition, Table 3, 2024e: Denmark 2.37% and the United
/// States 3.38% (both 2-3.5%), Canada 1.37% (below 2%): in the North America
/// panel (the left third of the 1600-pixel map), a 2-3.5% shape in the
/// north-east, away from Alaska, is Greenland.
#[test]
fn territories_take_their_allys_colour_and_iceland_is_drawn_once() {
    let dir = tempfile::tempdir().unwrap();
    let svg = map_svg_2024(dir.path());
    let upper = |c: &str| c.to_uppercase();
    let greenland = polygons(&svg, &upper("#c6dbef"))
        .into_iter()
        .any(|p| !p.is_empty() && p.iter().all(|(x, y)| (250..560).contains(x) && *y < 400));
    assert!(greenland, "Greenland in Denmark's colour");
    let iceland = polygons(&svg, "#FAFAFA");
    assert!(!iceland.is_empty());
    let west = iceland
        .iter()
        .flat_map(|p| p.iter().map(|(x, _)| *x))
        .min()
        .unwrap();
    assert!(
        west > 560,
        "Iceland drawn in the North America panel (x {west})"
    );
}

/// The allies' territories that the boundary file draws as countries of
/// their own take their ally's colour: the map reads each one's ally from
/// `datasets/maps/iso-numeric.csv`, and every one of them has a boundary to
/// draw (Greenland and the Faroe Islands Denmark's, Åland Finland's, the
/// Isle of Man, Jersey and Guernsey the United Kingdom's, Saint-Pierre-et-
/// Miquelon France's).
#[test]
fn every_territory_is_drawn_as_its_ally() {
    let catalog = defspend::data::Catalog::load(defspend::data::DataSource::Embedded).unwrap();
    let boundaries = catalog.boundaries().unwrap();
    for (numeric, ally, name) in [
        ("304", "DK", "Greenland"),
        ("234", "DK", "Faroe Islands"),
        ("248", "FI", "Åland"),
        ("833", "UK", "Isle of Man"),
        ("832", "UK", "Jersey"),
        ("831", "UK", "Guernsey"),
        ("666", "FR", "Saint-Pierre-et-Miquelon"),
    ] {
        assert_eq!(
            boundaries.territories.get(numeric).map(String::as_str),
            Some(ally),
            "{name}"
        );
        let drawn = boundaries
            .countries
            .iter()
            .find(|c| c.id.as_deref() == Some(numeric));
        assert!(
            drawn.is_some_and(|c| !c.polygons.is_empty()),
            "{name} has no boundary to draw"
        );
    }
}
