//! `calibration`: how a backtest's forecasts fared, the model beside the best
//! baseline. Left, the PIT histogram: the share of outcomes in each tenth of
//! the forecast distribution (flat at 10% when calibrated; a right-hand pile
//! means outcomes above the forecast). Right, the reliability diagram of the
//! backtest's event: how often it happened against the probability given.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Kind, Prepared};
use crate::calc::scoring::{DistScores, EventScores, PIT_BINS};
use crate::chart::style::{self, DrawResult, Style, Swatch, MUTED};
use crate::chart::{Chart, ChartOption, ChartSpec, Frame, Takes, Unset};
use crate::error::{Error, Result};
use crate::export::{column, Table, Value};
use crate::forecast::backtest::ModelScores;
use crate::forecast::backtest::Name;
use crate::param::Param;
use crate::results::Results;

pub struct Calibration;

/// The backtest drawn unless `--backtest` names another.
const DEFAULT: Name = Name::Nato2019;

/// One model as drawn.
struct Drawn {
    label: String,
    shares: DistScores,
    event: EventScores,
}

impl Kind for Calibration {
    fn id(&self) -> &'static str {
        "calibration"
    }

    /// It draws from its backtest's editions.
    fn takes_edition(&self, _spec: &ChartSpec) -> bool {
        false
    }

    fn about(&self) -> String {
        format!("A backtest's PIT histogram and reliability diagram: the odds' model beside the best baseline ({})", Param::Backtest)
    }

    fn options(&self) -> &'static [Takes] {
        const TAKES: &[Takes] = &[Takes::value(
            ChartOption::Backtest,
            Unset::Name(DEFAULT.key()),
        )];
        TAKES
    }

    fn prepare(&self, r: &Results, o: &ChartSpec) -> Result<Prepared> {
        let name = match o.backtest.as_deref() {
            None => DEFAULT,
            Some(n) => Name::ALL
                .into_iter()
                .find(|k| k.key() == n.trim())
                .ok_or_else(|| {
                    Error::usage(
                        Param::Backtest,
                        format!(
                            "unknown backtest '{}'; expected {}",
                            n.trim(),
                            Name::ALL.map(|k| k.key()).join(", ")
                        ),
                    )
                })?,
        };
        let outcome = r.backtest(name)?;
        let with_shares: Vec<&ModelScores> = outcome
            .models
            .iter()
            .filter(|m| m.shares.is_some())
            .collect();
        // The outlook's model where the backtest runs it (with SIPRI's
        // database installed), else the earlier record model or, on SIPRI's
        // history, the trend extrapolation that stands for it, else the first
        // model; beside it the lowest CRPS among the others.
        let model = ["adjust", "record", "trend"]
            .iter()
            .find_map(|k| with_shares.iter().find(|m| m.key == *k))
            .or(with_shares.first())
            .copied()
            .ok_or_else(|| {
                Error::usage(Param::Backtest,
                    format!(
                        "backtest {} forecasts no shares to draw (install SIPRI's database for its random walk)",
                        name.key()
                    ),
                )
            })?;
        let crps = |m: &ModelScores| m.shares.as_ref().map_or(f64::INFINITY, |s| s.crps);
        let baseline = with_shares
            .iter()
            .filter(|m| m.key != model.key)
            .min_by(|a, b| crps(a).total_cmp(&crps(b)))
            .copied();
        let drawn: Vec<Drawn> = std::iter::once(model)
            .chain(baseline)
            .map(|m| Drawn {
                label: format!("{} (CRPS {:.3})", m.key, crps(m)),
                shares: m.shares.clone().expect("filtered on shares"),
                event: m.event.clone(),
            })
            .collect();

        let models: Vec<&ModelScores> = std::iter::once(model).chain(baseline).collect();
        let table = calibration_table(name, &drawn, &models);
        let citation = r.citation_of(&outcome.edition)?;
        let mut footer = vec![
            citation,
            format!(
                "Backtest {}: {}; {} cases. Every model fitted on data up to its origin only.",
                name.key(),
                name.describe(),
                outcome.cases
            ),
        ];
        footer.extend(
            std::iter::once(model)
                .chain(baseline)
                .map(|m| format!("{}: {}.", m.key, m.about)),
        );
        footer.push("defspend backtest prints every model's scores. Chart: defspend.".into());
        let frame = Frame {
            title: format!("Were the odds calibrated? Backtest {}", name.key()),
            subtitle: format!(
                "Left: share of outcomes in each tenth of the forecast distribution (10% each when calibrated) · right: event '{}', how often it happened against the probability given",
                name.event()
            ),
            footer,
        };
        Ok(Prepared {
            chart: Box::new(CalibrationChart { frame, drawn }),
            table,
        })
    }
}

struct CalibrationChart {
    frame: Frame,
    drawn: Vec<Drawn>,
}

const COLOURS: [RGBColor; 2] = [style::VERMILLION, style::BLUE];

impl Chart for CalibrationChart {
    fn frame_mut(&mut self) -> &mut Frame {
        &mut self.frame
    }

    fn draw<DB: DrawingBackend>(&self, root: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut items: Vec<(Swatch, String)> = self
            .drawn
            .iter()
            .zip(COLOURS)
            .map(|(d, c)| (Swatch::Fill(c), d.label.clone()))
            .collect();
        items.push((Swatch::Dashed(MUTED), "Calibrated".into()));
        let area = style::frame_with_legend(root, st, &self.frame, &items)?;
        let (w, _) = area.dim_in_pixel();
        let (left, right) = area.split_horizontally(w / 2);
        self.pit(&left.margin(0, 0, 0, st.upx(30.0)), st)?;
        self.reliability(root, &right.margin(0, 0, st.upx(30.0), 0), st)
    }
}

impl CalibrationChart {
    fn pit<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, st: &Style) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let top = self
            .drawn
            .iter()
            .flat_map(|d| d.shares.pit.iter().copied())
            .fold(0.2f64, f64::max);
        let ymax = (top * 100.0 / 5.0).ceil() * 5.0 + 5.0;
        let mut chart = ChartBuilder::on(area)
            .margin_top(st.upx(10.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(st.upx(70.0))
            .build_cartesian_2d(0f64..PIT_BINS as f64, 0f64..ymax)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .disable_x_mesh()
            .x_labels(PIT_BINS + 1)
            .x_label_formatter(&|v| format!("{:.0}", v * 10.0))
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .x_desc("Outcome's place in the forecast distribution (percentile)")
            .y_desc("Share of outcomes")
            .draw()?;
        let k = self.drawn.len().max(1) as f64;
        let width = 0.8 / k;
        for (j, (d, colour)) in self.drawn.iter().zip(COLOURS).enumerate() {
            for (b, share) in d.shares.pit.iter().enumerate() {
                let x0 = b as f64 + 0.1 + j as f64 * width;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x0, 0.0), (x0 + width, share * 100.0)],
                    colour.filled(),
                )))?;
            }
        }
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, 10.0), (PIT_BINS as f64, 10.0)],
            st.upx(8.0),
            st.upx(5.0),
            MUTED.stroke_width(st.upx(2.0)),
        ))?;
        Ok(())
    }

    fn reliability<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        area: &DrawingArea<DB, Shift>,
        st: &Style,
    ) -> DrawResult
    where
        DB::ErrorType: 'static,
    {
        let mut chart = ChartBuilder::on(area)
            .margin_top(st.upx(10.0))
            .margin_right(st.upx(20.0))
            .x_label_area_size(st.upx(64.0))
            .y_label_area_size(st.upx(70.0))
            .build_cartesian_2d(0f64..100f64, 0f64..100f64)?;
        style::house_mesh(&mut chart.configure_mesh(), st)
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .y_label_formatter(&|v| format!("{v:.0}%"))
            .x_desc("Probability given (mean of the band)")
            .y_desc("How often it happened")
            .draw()?;
        chart.draw_series(DashedLineSeries::new(
            vec![(0.0, 0.0), (100.0, 100.0)],
            st.upx(8.0),
            st.upx(5.0),
            MUTED.stroke_width(st.upx(2.0)),
        ))?;
        for (j, (d, colour)) in self.drawn.iter().zip(COLOURS).enumerate() {
            // The first model's counts above its points, the second's below.
            let (vpos, dy) = if j == 0 {
                (VPos::Bottom, -st.px(6.0))
            } else {
                (VPos::Top, st.px(6.0))
            };
            let points: Vec<(f64, f64)> = d
                .event
                .reliability
                .iter()
                .map(|r| (r.mean_p * 100.0, r.observed * 100.0))
                .collect();
            chart.draw_series(LineSeries::new(
                points.clone(),
                colour.stroke_width(st.upx(3.0)),
            ))?;
            for (r, p) in d.event.reliability.iter().zip(&points) {
                chart.draw_series(std::iter::once(Circle::new(
                    *p,
                    st.upx(6.0),
                    colour.filled(),
                )))?;
                let (px, py) = chart.backend_coord(p);
                root.draw(&Text::new(
                    format!("n={}", r.n),
                    (px + st.px(6.0), py + dy),
                    st.text(12.0, colour).pos(Pos::new(HPos::Left, vpos)),
                ))?;
            }
        }
        Ok(())
    }
}

/// The numbers the chart shows: each drawn model's PIT tenths and its
/// reliability bins.
fn calibration_table(name: Name, drawn: &[Drawn], models: &[&ModelScores]) -> Table {
    // A model, its panel, the bin, the cases, the forecast and what was observed.
    struct Row<'a> {
        model: &'a str,
        panel: &'static str,
        bin: String,
        cases: usize,
        forecast: f64,
        observed: f64,
    }
    let mut rows: Vec<Row> = Vec::new();
    for (d, m) in drawn.iter().zip(models) {
        for (b, share) in d.shares.pit.iter().enumerate() {
            let bin = format!("{}-{}%", b * 10, b * 10 + 10);
            rows.push(Row {
                model: m.key,
                panel: "pit",
                bin,
                cases: d.shares.n,
                forecast: 0.1,
                observed: *share,
            });
        }
        for r in &d.event.reliability {
            let bin = format!("{:.1}-{:.1}", r.lower, r.upper);
            rows.push(Row {
                model: m.key,
                panel: "reliability",
                bin,
                cases: r.n,
                forecast: r.mean_p,
                observed: r.observed,
            });
        }
    }
    Table::of(
        &[
            column("backtest", "Backtest", |_: &Row| Value::text(name.key())),
            column("model", "Model", |r: &Row| Value::text(r.model)),
            column("panel", "Panel", |r: &Row| Value::text(r.panel)),
            column("bin", "Bin", |r: &Row| Value::text(&r.bin)),
            column("cases", "Cases", |r: &Row| Value::Int(r.cases as i64)),
            column(
                "forecast",
                "Forecast (mean probability or PIT tenth)",
                |r: &Row| Value::Number(r.forecast, if r.panel == "pit" { 3 } else { 4 }),
            ),
            column("observed", "Observed share", |r: &Row| {
                Value::Number(r.observed, 4)
            }),
        ],
        &rows,
    )
}
