//! Map projection for the choropleth: Lambert azimuthal equal-area (spherical),
//! each panel centred on its region, fitted into a pixel rectangle; rings
//! clipped to the panel and thinned to the pixels that show.

/// Lambert azimuthal equal-area, centred on (`lon0`, `lat0`) degrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Laea {
    pub lon0: f64,
    pub lat0: f64,
}

impl Laea {
    /// Plane coordinates (unit sphere; x east, y north) of a point; `None` on
    /// the far side of the globe, where the projection tears.
    pub fn project(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let (l, p) = (lon.to_radians(), lat.to_radians());
        let (l0, p0) = (self.lon0.to_radians(), self.lat0.to_radians());
        let cos_c = p0.sin() * p.sin() + p0.cos() * p.cos() * (l - l0).cos();
        if cos_c < -0.5 {
            return None;
        }
        let k = (2.0 / (1.0 + cos_c)).sqrt();
        Some((
            k * p.cos() * (l - l0).sin(),
            k * (p0.cos() * p.sin() - p0.sin() * p.cos() * (l - l0).cos()),
        ))
    }
}

/// A region drawn in one panel: the projection and the window of plane
/// coordinates shown (x0, x1, y0, y1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Region {
    pub name: &'static str,
    pub projection: Laea,
    pub window: (f64, f64, f64, f64),
}

/// Europe and Türkiye, Portugal to the Caucasus, Crete to the North Cape,
/// Iceland included.
pub const EUROPE: Region = Region {
    name: "Europe",
    projection: Laea {
        lon0: 12.0,
        lat0: 53.0,
    },
    window: (-0.33, 0.47, -0.335, 0.365),
};

/// Canada and the United States with Alaska (Hawaii and the Pacific
/// territories fall outside).
pub const NORTH_AMERICA: Region = Region {
    name: "North America",
    projection: Laea {
        lon0: -100.0,
        lat0: 50.0,
    },
    window: (-0.46, 0.57, -0.42, 0.60),
};

/// A region fitted into a pixel rectangle, keeping its proportions (centred).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Panel {
    pub region: Region,
    /// Pixels per plane unit, and the pixel of the window's top-left corner.
    scale: f64,
    origin: (f64, f64),
    /// The drawn rectangle: left, top, right, bottom pixels.
    pub rect: (i32, i32, i32, i32),
}

impl Panel {
    pub fn fit(region: Region, (left, top, width, height): (i32, i32, i32, i32)) -> Panel {
        let (x0, x1, y0, y1) = region.window;
        let scale = (f64::from(width) / (x1 - x0)).min(f64::from(height) / (y1 - y0));
        let (w, h) = (scale * (x1 - x0), scale * (y1 - y0));
        let ox = f64::from(left) + (f64::from(width) - w) / 2.0;
        let oy = f64::from(top) + (f64::from(height) - h) / 2.0;
        Panel {
            region,
            scale,
            origin: (ox, oy),
            rect: (
                ox.round() as i32,
                oy.round() as i32,
                (ox + w).round() as i32,
                (oy + h).round() as i32,
            ),
        }
    }

    /// The pixel of a point (y down), unclipped; `None` where it tears.
    pub fn pixel(&self, lon: f64, lat: f64) -> Option<(f64, f64)> {
        let (x, y) = self.region.projection.project(lon, lat)?;
        let (x0, _, _, y1) = self.region.window;
        Some((
            self.origin.0 + (x - x0) * self.scale,
            self.origin.1 + (y1 - y) * self.scale,
        ))
    }

    /// A ring in pixels, clipped to the panel and thinned (points closer than
    /// a pixel to the last kept dropped); empty when nothing shows.
    pub fn ring(&self, ring: &[[f64; 2]]) -> Vec<(i32, i32)> {
        let mut points = Vec::with_capacity(ring.len());
        for p in ring {
            match self.pixel(p[0], p[1]) {
                Some(px) => points.push(px),
                None => return Vec::new(),
            }
        }
        let (l, t, r, b) = self.rect;
        let clipped = clip(
            &points,
            (f64::from(l), f64::from(t), f64::from(r), f64::from(b)),
        );
        let mut out: Vec<(i32, i32)> = Vec::with_capacity(clipped.len());
        let mut last: Option<(f64, f64)> = None;
        for p in clipped {
            if last.is_some_and(|q| (p.0 - q.0).abs() < 1.0 && (p.1 - q.1).abs() < 1.0) {
                continue;
            }
            last = Some(p);
            out.push((p.0.round() as i32, p.1.round() as i32));
        }
        if out.len() < 3 {
            out.clear();
        }
        out
    }
}

/// Sutherland-Hodgman: the polygon clipped to the rectangle (left, top,
/// right, bottom).
fn clip(points: &[(f64, f64)], (l, t, r, b): (f64, f64, f64, f64)) -> Vec<(f64, f64)> {
    type Inside = fn((f64, f64), f64) -> bool;
    // Each edge: which side is in, and where a segment crosses it.
    let edges: [(Inside, f64, bool); 4] = [
        (|p, v| p.0 >= v, l, true),
        (|p, v| p.0 <= v, r, true),
        (|p, v| p.1 >= v, t, false),
        (|p, v| p.1 <= v, b, false),
    ];
    let mut out = points.to_vec();
    for (inside, v, vertical) in edges {
        if out.is_empty() {
            break;
        }
        let input = std::mem::take(&mut out);
        let cross = |a: (f64, f64), c: (f64, f64)| {
            if vertical {
                let f = (v - a.0) / (c.0 - a.0);
                (v, a.1 + f * (c.1 - a.1))
            } else {
                let f = (v - a.1) / (c.1 - a.1);
                (a.0 + f * (c.0 - a.0), v)
            }
        };
        let mut prev = input[input.len() - 1];
        for &cur in &input {
            match (inside(cur, v), inside(prev, v)) {
                (true, true) => out.push(cur),
                (true, false) => {
                    out.push(cross(prev, cur));
                    out.push(cur);
                }
                (false, true) => out.push(cross(prev, cur)),
                (false, false) => {}
            }
            prev = cur;
        }
    }
    out
}

/// The area (pixels²) and centroid of a ring.
pub fn area_centroid(ring: &[(i32, i32)]) -> (f64, (f64, f64)) {
    let (mut a, mut cx, mut cy) = (0.0, 0.0, 0.0);
    for i in 0..ring.len() {
        let (x0, y0) = (f64::from(ring[i].0), f64::from(ring[i].1));
        let j = (i + 1) % ring.len();
        let (x1, y1) = (f64::from(ring[j].0), f64::from(ring[j].1));
        let cross = x0 * y1 - x1 * y0;
        a += cross;
        cx += (x0 + x1) * cross;
        cy += (y0 + y1) * cross;
    }
    if a.abs() < 1e-9 {
        return (
            0.0,
            ring.first()
                .map_or((0.0, 0.0), |p| (f64::from(p.0), f64::from(p.1))),
        );
    }
    (a.abs() / 2.0, (cx / (3.0 * a), cy / (3.0 * a)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn europe() -> Panel {
        Panel::fit(EUROPE, (0, 0, 1000, 800))
    }

    #[test]
    fn warsaw_is_east_of_berlin_and_oslo_north_of_rome_in_output_pixels() {
        let p = europe();
        let (warsaw, berlin) = (
            p.pixel(21.01, 52.23).unwrap(),
            p.pixel(13.40, 52.52).unwrap(),
        );
        assert!(warsaw.0 > berlin.0, "{warsaw:?} {berlin:?}");
        let (oslo, rome) = (
            p.pixel(10.75, 59.91).unwrap(),
            p.pixel(12.50, 41.90).unwrap(),
        );
        // Pixel rows grow downwards: north is a smaller y.
        assert!(oslo.1 < rome.1, "{oslo:?} {rome:?}");
        // Both panels' corners of the allies are inside their rectangles:
        // Lisbon, eastern Türkiye, the North Cape, Iceland; Alaska, Florida.
        for (lon, lat) in [(-9.1, 38.7), (44.0, 39.5), (25.8, 71.0), (-22.0, 64.1)] {
            let (x, y) = p.pixel(lon, lat).unwrap();
            let (l, t, r, b) = p.rect;
            assert!(
                x > l as f64 && x < r as f64 && y > t as f64 && y < b as f64,
                "{lon},{lat}"
            );
        }
        let na = Panel::fit(NORTH_AMERICA, (0, 0, 600, 600));
        for (lon, lat) in [(-165.0, 64.5), (-80.2, 25.8), (-52.7, 47.6)] {
            let (x, y) = na.pixel(lon, lat).unwrap();
            let (l, t, r, b) = na.rect;
            assert!(
                x > l as f64 && x < r as f64 && y > t as f64 && y < b as f64,
                "{lon},{lat}"
            );
        }
    }

    #[test]
    fn equal_area_keeps_areas_near_the_centre_and_the_far_side_is_refused() {
        let proj = EUROPE.projection;
        // A 1°x1° cell at the centre has the area of the sphere's cell.
        let (a, b) = (
            proj.project(12.0, 53.0).unwrap(),
            proj.project(13.0, 54.0).unwrap(),
        );
        let planar = (b.0 - a.0).abs() * (b.1 - a.1).abs();
        let sphere = 1f64.to_radians() * (54f64.to_radians().sin() - 53f64.to_radians().sin());
        assert!((planar / sphere - 1.0).abs() < 0.02, "{planar} {sphere}");
        assert!(proj.project(-168.0, -53.0).is_none());
    }

    #[test]
    fn rings_are_clipped_to_the_panel() {
        let p = Panel::fit(EUROPE, (0, 0, 1000, 800));
        // A square from the Atlantic into Spain: clipped at the left edge.
        let ring = [
            [-40.0, 38.0],
            [-2.0, 38.0],
            [-2.0, 42.0],
            [-40.0, 42.0],
            [-40.0, 38.0],
        ];
        let px = p.ring(&ring);
        assert!(!px.is_empty());
        assert!(px.iter().all(|q| q.0 >= p.rect.0));
        let (area, _) = area_centroid(&[(0, 0), (10, 0), (10, 10), (0, 10)]);
        assert_eq!(area, 100.0);
    }
}
