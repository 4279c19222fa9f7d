//! Charts as inline SVG, drawn at build time: no JavaScript, nothing to
//! download, and they print like the rest of the page.
//!
//! Every chart is a horizontal bar chart, because category labels (skills,
//! cycles, partner names) can be long and phones are narrow: each category
//! gets its label on a line of its own, then one bar per series with the
//! value written at the bar's end. The SVG is `role="img"` with an
//! `aria-label` and a `<title>`; the page shows the same figures in a table.

use std::fmt::Write;

use crate::text::escape_html as escape;

/// One set of bars: a name for the legend, a CSS class for its colour, and a
/// value (with its formatted text) per category.
pub struct Series<'a> {
    pub name: &'a str,
    pub class: &'static str,
    pub values: Vec<(u64, String)>,
}

/// Drawing units of the view box; the SVG scales to its container's width.
const WIDTH: u32 = 340;
const LABEL_LINE: u32 = 18;
const BAR: u32 = 16;
const BAR_GAP: u32 = 4;
const GROUP_GAP: u32 = 14;
const LEGEND: u32 = 26;
/// Room kept right of the longest bar for its value.
const VALUE_ROOM: u32 = 112;

/// A bar chart of `series` over `categories`. Returns an empty string when
/// there is nothing to draw, so that a template can leave the chart out.
pub fn bars(title: &str, categories: &[String], series: &[Series]) -> String {
    if categories.is_empty() || series.is_empty() {
        return String::new();
    }
    let max = series
        .iter()
        .flat_map(|s| s.values.iter().map(|(v, _)| *v))
        .max()
        .unwrap_or(0)
        .max(1);
    let legend = series.len() > 1;
    let group = LABEL_LINE + series.len() as u32 * (BAR + BAR_GAP) + GROUP_GAP;
    let height = if legend { LEGEND } else { 0 } + categories.len() as u32 * group;
    let span = WIDTH - VALUE_ROOM;

    let mut svg = String::new();
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{t}\">\
         <title>{t}</title>",
        t = escape(title),
    );
    let mut y = 0;
    if legend {
        let mut x = 0;
        for s in series {
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"{x}\" y=\"4\" width=\"12\" height=\"12\" rx=\"2\"/>\
                 <text x=\"{}\" y=\"15\">{}</text>",
                s.class,
                x + 17,
                escape(s.name)
            );
            // Legend entries are short words; 9 units a letter is ample.
            x += 17 + 9 * s.name.chars().count() as u32 + 18;
        }
        y = LEGEND;
    }
    for (i, category) in categories.iter().enumerate() {
        let _ = write!(
            svg,
            "<text class=\"chart-label\" x=\"0\" y=\"{}\">{}</text>",
            y + LABEL_LINE - 5,
            escape(category)
        );
        let mut bar_y = y + LABEL_LINE;
        for s in series {
            let (value, text) = s.values.get(i).map_or((0, ""), |(v, t)| (*v, t.as_str()));
            // Scaled in u128 so that rupiah totals cannot overflow; a non-zero
            // value always shows at least a sliver.
            let w = (u128::from(value) * u128::from(span) / u128::from(max)) as u32;
            let w = if value > 0 { w.max(2) } else { 0 };
            let _ = write!(
                svg,
                "<rect class=\"{}\" x=\"0\" y=\"{bar_y}\" width=\"{w}\" height=\"{BAR}\" rx=\"2\"/>\
                 <text class=\"chart-value\" x=\"{}\" y=\"{}\">{}</text>",
                s.class,
                w + 6,
                bar_y + BAR - 4,
                escape(text)
            );
            bar_y += BAR + BAR_GAP;
        }
        y += group;
    }
    svg.push_str("</svg>");
    svg
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(values: &[u64]) -> Vec<Series<'static>> {
        vec![Series {
            name: "Peserta",
            class: "s1",
            values: values.iter().map(|v| (*v, v.to_string())).collect(),
        }]
    }

    fn widths(svg: &str) -> Vec<u32> {
        svg.match_indices(" width=\"")
            .skip(1) // the svg element's own width
            .map(|(i, m)| {
                let rest = &svg[i + m.len()..];
                rest[..rest.find('"').unwrap()].parse().unwrap()
            })
            .collect()
    }

    #[test]
    fn bars_are_proportional_to_the_largest_value() {
        let cats = vec!["A".to_string(), "B".to_string(), "C".to_string()];
        let svg = bars("Judul", &cats, &one(&[10, 5, 0]));
        assert_eq!(
            widths(&svg),
            [WIDTH - VALUE_ROOM, (WIDTH - VALUE_ROOM) / 2, 0]
        );
        assert!(svg.contains("<title>Judul</title>"));
        assert!(svg.contains("role=\"img\" aria-label=\"Judul\""));
    }

    #[test]
    fn labels_and_values_are_escaped_and_shown() {
        let cats = vec!["Tata <Rias> & \"Make-up\"".to_string()];
        let svg = bars("A & B", &cats, &one(&[3]));
        assert!(svg.contains("Tata &lt;Rias&gt; &amp; &quot;Make-up&quot;"));
        assert!(svg.contains("aria-label=\"A &amp; B\""));
        assert!(svg.contains(">3</text>"));
        assert!(!svg.contains("<Rias>"));
    }

    #[test]
    fn two_series_get_a_legend_and_huge_values_do_not_overflow() {
        let cats = vec!["2025".to_string()];
        let series = vec![
            Series {
                name: "Mitra",
                class: "s1",
                values: vec![(u64::MAX, "max".into())],
            },
            Series {
                name: "Negara",
                class: "s2",
                values: vec![(1, "1".into())],
            },
        ];
        let svg = bars("t", &cats, &series);
        assert!(svg.contains(">Mitra</text>") && svg.contains(">Negara</text>"));
        let w = widths(&svg);
        // Two legend swatches, then the two bars.
        assert_eq!(w[2], WIDTH - VALUE_ROOM);
        assert_eq!(w[3], 2, "a tiny non-zero value still shows");
    }

    #[test]
    fn nothing_to_draw_gives_nothing() {
        assert_eq!(bars("t", &[], &one(&[])), "");
    }
}
