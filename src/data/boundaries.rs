//! Country boundaries for maps: Natural Earth's 1:50m admin-0 countries as
//! TopoJSON (`maps/countries-50m.json`, from the `world-atlas` package),
//! decoded into rings of longitude/latitude, and the ISO 3166-1 numeric code
//! of each ally (`maps/iso-numeric.csv`) that keys its boundary.
//!
//! TopoJSON keeps each shared border once, as an arc of delta-encoded,
//! quantized points; a ring lists its arcs by index (`!i`, i.e. `-i-1`, for
//! arc `i` reversed). A point is `(x·scale + translate)` after the deltas are
//! summed.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::allies::Ally;
use super::csv::read_records;
use super::source::SourceFile;
use crate::error::{Error, Result};

pub const BOUNDARIES_FILE: &str = "maps/countries-50m.json";
pub const NUMERIC_FILE: &str = "maps/iso-numeric.csv";

/// A ring of (longitude, latitude) points, closed.
pub type Ring = Vec<[f64; 2]>;

/// One country: its ISO numeric id (where it has one), name, and polygons
/// (each an outer ring followed by its holes).
#[derive(Debug, Clone)]
pub struct Country {
    pub id: Option<String>,
    pub name: String,
    pub polygons: Vec<Vec<Ring>>,
}

/// Every country of the file, and each ally's numeric code.
#[derive(Debug, Clone)]
pub struct Boundaries {
    pub countries: Vec<Country>,
    /// NATO code → ISO 3166-1 numeric.
    pub numeric: BTreeMap<String, String>,
    /// An ally's territory drawn as a country of its own: ISO numeric → the
    /// ally's NATO code.
    pub territories: BTreeMap<String, String>,
    /// The file, for messages.
    pub display: String,
    /// Where the boundaries come from (`maps.toml`), for the maps' source line.
    pub citation: String,
}

impl Boundaries {
    /// The ally's boundary: an error, not a blank, when the file has none.
    pub fn of(&self, ally: &Ally) -> Result<&Country> {
        let id = self.numeric.get(&ally.nato_code).ok_or_else(|| {
            Error::data(
                NUMERIC_FILE,
                format!("no ISO numeric code for {} ({})", ally.name, ally.nato_code),
            )
        })?;
        self.countries
            .iter()
            .find(|c| c.id.as_deref() == Some(id))
            .ok_or_else(|| {
                Error::data(
                    &self.display,
                    format!(
                        "no boundary for {} ({}, ISO numeric {id}): the map cannot leave an ally blank",
                        ally.name, ally.nato_code
                    ),
                )
            })
    }
}

#[derive(Deserialize)]
struct Topology {
    transform: Option<Transform>,
    arcs: Vec<Vec<[f64; 2]>>,
    objects: BTreeMap<String, Collection>,
}

#[derive(Deserialize)]
struct Transform {
    scale: [f64; 2],
    translate: [f64; 2],
}

#[derive(Deserialize)]
struct Collection {
    geometries: Vec<Geometry>,
}

#[derive(Deserialize)]
struct Geometry {
    #[serde(rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    arcs: Option<Arcs>,
    id: Option<String>,
    #[serde(default)]
    properties: Properties,
}

#[derive(Deserialize, Default)]
struct Properties {
    #[serde(default)]
    name: String,
}

/// A Polygon's rings of arc indices, or a MultiPolygon's polygons of them.
#[derive(Deserialize)]
#[serde(untagged)]
enum Arcs {
    Multi(Vec<Vec<Vec<i64>>>),
    Polygon(Vec<Vec<i64>>),
}

/// The arcs in longitude/latitude: deltas summed, then scaled.
fn decode_arcs(topology: &Topology) -> Vec<Ring> {
    topology
        .arcs
        .iter()
        .map(|arc| match &topology.transform {
            Some(t) => {
                let (mut x, mut y) = (0.0, 0.0);
                arc.iter()
                    .map(|p| {
                        x += p[0];
                        y += p[1];
                        [
                            x * t.scale[0] + t.translate[0],
                            y * t.scale[1] + t.translate[1],
                        ]
                    })
                    .collect()
            }
            None => arc.clone(),
        })
        .collect()
}

/// A ring from its arcs (each arc's first point is the previous one's last).
fn ring(arcs: &[Ring], indices: &[i64], display: &str) -> Result<Ring> {
    let mut out: Ring = Vec::new();
    for &i in indices {
        let (k, reversed) = if i < 0 {
            ((!i) as usize, true)
        } else {
            (i as usize, false)
        };
        let arc = arcs.get(k).ok_or_else(|| {
            Error::data(
                display,
                format!("arc {i} does not exist (the file has {})", arcs.len()),
            )
        })?;
        let points: Box<dyn Iterator<Item = &[f64; 2]>> = if reversed {
            Box::new(arc.iter().rev())
        } else {
            Box::new(arc.iter())
        };
        let skip = usize::from(!out.is_empty());
        out.extend(points.skip(skip).copied());
    }
    Ok(out)
}

/// Decodes the TopoJSON's `countries` object.
/// `citation` is the boundaries' source line (their manifest's).
pub fn parse(
    file: &SourceFile,
    numeric: &SourceFile,
    allies: &[Ally],
    citation: &str,
) -> Result<Boundaries> {
    let topology: Topology = serde_json::from_str(&file.text).map_err(|e| {
        Error::data(
            format!("{}:{}", file.display, e.line()),
            format!("not TopoJSON: {e}"),
        )
    })?;
    let arcs = decode_arcs(&topology);
    let collection = topology
        .objects
        .get("countries")
        .ok_or_else(|| Error::data(&file.display, "the topology has no object 'countries'"))?;
    let mut countries = Vec::new();
    for g in &collection.geometries {
        let polygons = match (&g.kind, &g.arcs) {
            (Some(_), Some(Arcs::Multi(polygons))) => polygons.clone(),
            (Some(_), Some(Arcs::Polygon(rings))) => vec![rings.clone()],
            _ => continue,
        };
        let polygons = polygons
            .iter()
            .map(|rings| {
                rings
                    .iter()
                    .map(|r| ring(&arcs, r, &file.display))
                    .collect::<Result<Vec<Ring>>>()
            })
            .collect::<Result<Vec<_>>>()?;
        countries.push(Country {
            id: g.id.clone(),
            name: g.properties.name.clone(),
            polygons,
        });
    }
    let (numeric, territories) = parse_numeric(numeric, allies)?;
    Ok(Boundaries {
        countries,
        numeric,
        territories,
        display: file.display.clone(),
        citation: citation.to_string(),
    })
}

/// Each ally's numeric code, and each territory's ally.
type Numeric = (BTreeMap<String, String>, BTreeMap<String, String>);

/// `iso3,iso_numeric,territory` for every ally (territory empty) and its
/// territories drawn as countries of their own (territory named).
fn parse_numeric(file: &SourceFile, allies: &[Ally]) -> Result<Numeric> {
    let mut out = BTreeMap::new();
    let mut territories = BTreeMap::new();
    read_records(file, &["iso3", "iso_numeric", "territory"], |record| {
        let iso3 = record.field("iso3");
        let ally = allies.iter().find(|a| a.iso3 == iso3).ok_or_else(|| {
            Error::data(
                record.place("iso3"),
                format!("'{iso3}' is not the ISO code of an ally (allies.csv)"),
            )
        })?;
        let numeric = record.field("iso_numeric");
        if numeric.len() != 3 || !numeric.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::data(
                record.place("iso_numeric"),
                format!("'{numeric}' is not an ISO 3166-1 numeric code (three digits)"),
            ));
        }
        if record.field("territory").is_empty() {
            out.insert(ally.nato_code.clone(), numeric.to_string());
        } else {
            territories.insert(numeric.to_string(), ally.nato_code.clone());
        }
        Ok(())
    })?;
    if let Some(a) = allies.iter().find(|a| !out.contains_key(&a.nato_code)) {
        return Err(Error::data(
            &file.display,
            format!("{} ({}) has no row", a.name, a.iso3),
        ));
    }
    Ok((out, territories))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            display: "t.json".into(),
            text: text.into(),
        }
    }

    #[test]
    fn arcs_decode_from_deltas_and_reverse() {
        // Two arcs: (0,0)->(1,0)->(1,1) and (1,1)->(0,1)->(0,0), quantized by 1
        // with deltas; the second ring walks the first arc backwards.
        let topo = r#"{"type":"Topology","transform":{"scale":[2,1],"translate":[10,20]},
            "arcs":[[[0,0],[1,0],[0,1]],[[1,1],[-1,0],[0,-1]]],
            "objects":{"countries":{"type":"GeometryCollection","geometries":[
              {"type":"Polygon","arcs":[[0,1]],"id":"001","properties":{"name":"A"}},
              {"type":"MultiPolygon","arcs":[[[-1]]],"id":"002","properties":{"name":"B"}}]}}}"#;
        let topology: Topology = serde_json::from_str(topo).unwrap();
        let arcs = decode_arcs(&topology);
        assert_eq!(arcs[0], vec![[10.0, 20.0], [12.0, 20.0], [12.0, 21.0]]);
        let a = ring(&arcs, &[0, 1], "t").unwrap();
        assert_eq!(a.len(), 5);
        assert_eq!(a.first(), a.last());
        let b = ring(&arcs, &[-1], "t").unwrap();
        assert_eq!(b, vec![[12.0, 21.0], [12.0, 20.0], [10.0, 20.0]]);
        assert!(ring(&arcs, &[7], "t")
            .unwrap_err()
            .to_string()
            .contains("arc 7"));
        let _ = file(topo);
    }
}
