//! The HTML report's compliance section: an inline SVG chart of standards met per fiscal year
//! (with the roadmap vs if nothing is done) and the same numbers as a table.

use super::ReportInput;
use std::fmt::Write;

pub fn compliance(out: &mut String, r: &ReportInput) {
    out.push_str(
        "<section id=\"compliance\" class=\"keep\">\n<h2>Compliance by fiscal year</h2>\n",
    );
    out.push_str(
        "<p>Standards met in each fiscal year with the roadmap as planned, and if nothing is \
         done (equipment keeps ageing, nothing is replaced). The current year is judged as of \
         today, later years as of their last day.</p>\n",
    );
    chart(out, r);
    out.push_str(
        "<table class=\"num\"><thead><tr><th>Fiscal year</th><th>Met with the roadmap</th>\
         <th>Met if nothing is done</th><th>Not met (roadmap)</th><th>Unknown</th></tr></thead>\
         <tbody>\n",
    );
    for (i, p, b) in r.years() {
        let now = if i == 0 { " (now)" } else { "" };
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}{now}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            p.fiscal_year,
            r.compliance_text(p),
            r.compliance_text(b),
            p.failing,
            p.unknown
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

/// Paired bars per year: solid for the roadmap, outlined and hatched for "nothing done", each
/// labelled with its percentage so the chart reads without colour.
fn chart(out: &mut String, r: &ReportInput) {
    let years = r.derived.projected.len();
    if years == 0 {
        return;
    }
    let (w, h, top, bottom, left) = (640.0, 244.0, 20.0, 60.0, 40.0);
    let plot_h = h - top - bottom;
    let slot = (w - left) / years as f64;
    let bar = (slot / 3.0).min(48.0);
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {w} {h}\" role=\"img\" \
         aria-label=\"Share of standards met per fiscal year, with the roadmap and if nothing is done\">\n\
         <defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" \
         patternTransform=\"rotate(45)\"><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" \
         stroke=\"#555\" stroke-width=\"2\"/></pattern></defs>\n"
    );
    for pct in [0, 50, 100] {
        let y = top + plot_h * (1.0 - f64::from(pct) / 100.0);
        let _ = writeln!(
            out,
            "<line x1=\"{left}\" y1=\"{y:.1}\" x2=\"{w}\" y2=\"{y:.1}\" class=\"grid\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"end\">{pct}%</text>",
            left - 6.0,
            y + 4.0
        );
    }
    for (i, p, b) in r.years() {
        let x0 = left + slot * i as f64 + (slot - 2.0 * bar - 6.0) / 2.0;
        for (k, (v, class)) in [(p.compliance(), "with"), (b.compliance(), "without")]
            .into_iter()
            .enumerate()
        {
            let x = x0 + k as f64 * (bar + 6.0);
            let bh = plot_h * v;
            let y = top + plot_h - bh;
            let _ = writeln!(
                out,
                "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{bh:.1}\" class=\"{class}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" class=\"val\" text-anchor=\"middle\">{:.0}%</text>",
                x + bar / 2.0,
                y - 4.0,
                v * 100.0
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\" text-anchor=\"middle\">{}</text>",
            left + slot * (i as f64 + 0.5),
            h - bottom + 18.0,
            p.fiscal_year
        );
    }
    let _ = writeln!(
        out,
        "<rect x=\"{left}\" y=\"{ly}\" width=\"12\" height=\"12\" class=\"with\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\">with the roadmap</text>\
         <rect x=\"{:.1}\" y=\"{ly}\" width=\"12\" height=\"12\" class=\"without\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" class=\"axis\">if nothing is done</text>\n</svg>",
        left + 18.0,
        h - 5.0,
        left + 150.0,
        left + 168.0,
        h - 5.0,
        ly = h - 15.0
    );
}
