//! The setup checklist as `vcio setup` prints it.

use crate::setup::Checklist;

pub fn table(c: &Checklist, width: usize) -> String {
    let mut out = format!(
        "Setup {}% complete: {} of {} standards can be judged now",
        c.complete_pct,
        c.standards_total - c.standards_unknown,
        c.standards_total
    );
    if c.done() {
        out.push_str("; nothing is missing.\n");
        return out;
    }
    out.push_str(&format!(
        "; {} thing(s) to fill in, most standards first:\n\n",
        c.gaps.len()
    ));
    for (n, g) in c.gaps.iter().enumerate() {
        let needs = match g.standards.len() {
            0 => String::new(),
            1 => format!(": 1 standard needs it ({})", g.standards[0]),
            k => {
                let shown: Vec<&str> = g.standards.iter().take(4).map(String::as_str).collect();
                let more = if k > 4 { ", ..." } else { "" };
                format!(": {k} standards need it ({}{more})", shown.join(", "))
            }
        };
        out.push_str(&super::table::wrap(
            &format!("{}. {}{needs}", n + 1, g.what),
            width,
            3,
        ));
        out.push_str(&super::table::wrap(
            &format!("   -> {}", g.command),
            width,
            6,
        ));
    }
    out
}
