//! Drawing helpers shared by the bar charts (`shares`, `gaps`): category
//! labels beside horizontal bars.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::style::{DrawResult, Style};

/// Category labels to the left of horizontal bars, right-aligned at `x`.
pub(crate) fn category_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    text: &str,
    at: (i32, i32),
    color: RGBColor,
) -> DrawResult
where
    DB::ErrorType: 'static,
{
    let style = st
        .text(19.0, color)
        .pos(Pos::new(HPos::Right, VPos::Center));
    area.draw(&Text::new(text.to_string(), at, style))?;
    Ok(())
}

pub(crate) fn widest<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    st: &Style,
    labels: &[&str],
) -> Result<u32, Box<dyn std::error::Error>>
where
    DB::ErrorType: 'static,
{
    let mut w = 0;
    for l in labels {
        w = w.max(area.estimate_text_size(l, &st.label())?.0);
    }
    Ok(w)
}
