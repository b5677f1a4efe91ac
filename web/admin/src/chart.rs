//! The statistics' charts, drawn by `plotters` as SVG text (the page puts it in place; the
//! browser renders the words). A figure that is not shown (below k, withheld) is a gap in its
//! line, never a zero.

use plotters::prelude::*;

/// One line of a chart.
pub struct Series<'a> {
    /// Its name (for the page's legend).
    pub label: &'a str,
    /// One value per period; `None` where the figure is not shown.
    pub values: Vec<Option<u64>>,
    /// Its colour (also told apart by its marks: circles or squares).
    pub colour: RGBColor,
}

/// Dark blue and dark orange: apart for most colour visions, readable on white.
pub const FIRST: RGBColor = RGBColor(0x1f, 0x4e, 0x9a);
/// See [`FIRST`].
pub const SECOND: RGBColor = RGBColor(0xa8, 0x4a, 0x00);

const WIDTH: u32 = 720;
const HEIGHT: u32 = 280;

/// A line chart over `periods` (their labels on the horizontal axis), as SVG.
pub fn line_chart(periods: &[String], series: &[Series<'_>]) -> String {
    let mut svg = String::new();
    // Drawing into a string fails only on bad geometry; an empty chart is then shown.
    let _ = draw(&mut svg, periods, series);
    svg
}

fn draw(
    svg: &mut String,
    periods: &[String],
    series: &[Series<'_>],
) -> Result<(), Box<dyn std::error::Error>> {
    let root = SVGBackend::with_string(svg, (WIDTH, HEIGHT)).into_drawing_area();
    root.fill(&WHITE)?;
    let highest = series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .copied()
        .max()
        .unwrap_or(0)
        .max(5);
    let mut chart = ChartBuilder::on(&root)
        .margin(12)
        .x_label_area_size(28)
        .y_label_area_size(44)
        // Each period is a segment (the range's end is one of them), its point in the middle:
        // none sits on the frame.
        .build_cartesian_2d(
            (0..periods.len().saturating_sub(1)).into_segmented(),
            0..highest + highest / 10 + 1,
        )?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(periods.len().min(10))
        .x_label_formatter(&|segment| match segment {
            SegmentValue::Exact(i) | SegmentValue::CenterOf(i) => {
                periods.get(*i).cloned().unwrap_or_default()
            }
            SegmentValue::Last => String::new(),
        })
        .y_labels(6)
        // Written out: the default formatter gives empty labels in WebAssembly.
        .y_label_formatter(&|count| count.to_string())
        .label_style(("sans-serif", 15))
        .draw()?;
    // The first line last, on top: where two lines meet, its circles stay seen.
    for (index, line) in series.iter().enumerate().rev() {
        let colour = line.colour;
        // Each run of shown figures is a line of its own: a gap stays a gap.
        let mut runs: Vec<Vec<(SegmentValue<usize>, u64)>> = vec![Vec::new()];
        for (x, value) in line.values.iter().enumerate() {
            match value {
                Some(y) => runs
                    .last_mut()
                    .map_or((), |run| run.push((SegmentValue::CenterOf(x), *y))),
                None => runs.push(Vec::new()),
            }
        }
        for run in runs.into_iter().filter(|run| !run.is_empty()) {
            chart.draw_series(LineSeries::new(run.clone(), colour.stroke_width(2)))?;
            // The lines are told apart by their marks too (the legend is the page's).
            if index == 0 {
                chart.draw_series(
                    run.into_iter()
                        .map(|point| Circle::new(point, 5, colour.filled())),
                )?;
            } else {
                chart.draw_series(run.into_iter().map(|point| {
                    EmptyElement::at(point) + Rectangle::new([(-5, -5), (5, 5)], colour.filled())
                }))?;
            }
        }
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chart_names_its_lines_and_leaves_hidden_figures_out() {
        let periods: Vec<String> = ["11-02", "11-09", "11-16", "11-23"]
            .iter()
            .map(|p| p.to_string())
            .collect();
        let svg = line_chart(
            &periods,
            &[
                Series {
                    label: "Wallets made",
                    values: vec![Some(6), None, Some(9), Some(12)],
                    colour: FIRST,
                },
                Series {
                    label: "Active wallets",
                    values: vec![Some(20), Some(25), Some(30), Some(31)],
                    colour: SECOND,
                },
            ],
        );
        assert!(svg.starts_with("<svg"), "{svg}");
        assert!(svg.contains("11-16"));
        assert!(
            svg.contains(">\n10\n</text>"),
            "the counts are written on their axis"
        );
        // Three shown points of the first line: three circles.
        assert_eq!(svg.matches("<circle").count(), 3, "{svg}");
    }
}
