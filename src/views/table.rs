//! Aligned plain-text tables for the CLI, readable in 80 columns: one flexible column (usually
//! a title or evidence) is truncated with an ellipsis so rows never wrap.

pub struct Table {
    headers: Vec<String>,
    rows: Vec<Vec<String>>,
    right: Vec<bool>,
    /// The column that gives up width when the table is too wide.
    flex: usize,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right: vec![false; headers.len()],
            flex: headers.len().saturating_sub(1),
        }
    }
    /// Right-align these columns (numbers, money).
    pub fn right(mut self, cols: &[usize]) -> Table {
        for &c in cols {
            if let Some(r) = self.right.get_mut(c) {
                *r = true;
            }
        }
        self
    }
    pub fn flex(mut self, col: usize) -> Table {
        self.flex = col;
        self
    }
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self, max_width: usize) -> String {
        let n = self.headers.len();
        let len = crate::text_width::width;
        let mut widths: Vec<usize> = self.headers.iter().map(|h| len(h)).collect();
        for r in &self.rows {
            for (i, c) in r.iter().enumerate().take(n) {
                widths[i] = widths[i].max(len(c));
            }
        }
        let total: usize = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
        if total > max_width && self.flex < n {
            let others = total - widths[self.flex];
            widths[self.flex] = max_width.saturating_sub(others).max(8);
        }
        let mut out = String::new();
        let mut line = |cells: &[String]| {
            let mut s = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = cells.get(i).map(String::as_str).unwrap_or("");
                let cell = fit(cell, *w);
                let pad = w.saturating_sub(len(&cell));
                if i > 0 {
                    s.push_str("  ");
                }
                if self.right[i] {
                    s.push_str(&" ".repeat(pad));
                    s.push_str(&cell);
                } else {
                    s.push_str(&cell);
                    if i + 1 < n {
                        s.push_str(&" ".repeat(pad));
                    }
                }
            }
            out.push_str(s.trim_end());
            out.push('\n');
        };
        line(&self.headers);
        for r in &self.rows {
            line(r);
        }
        out
    }
}

/// Cuts text to `w` columns, marking the cut with an ellipsis.
pub fn fit(s: &str, w: usize) -> String {
    crate::text_width::fit(s, w, "…")
}

/// Wraps text at word boundaries into lines of at most `width` characters, each starting with
/// `indent` spaces, so long evidence is read whole rather than cut.
pub fn wrap(text: &str, width: usize, indent: usize) -> String {
    let room = width.saturating_sub(indent).max(20);
    let pad = " ".repeat(indent);
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let w = crate::text_width::width;
        if !line.is_empty() && w(&line) + 1 + w(word) > room {
            out.push_str(&pad);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&pad);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_tables_shrink_the_flexible_column_to_fit() {
        let mut t = Table::new(&["ID", "Title", "Cost"]).right(&[2]).flex(1);
        t.row(vec!["NET-01".into(), "x".repeat(200), "$1".into()]);
        let out = t.render(40);
        assert!(out.lines().all(|l| l.chars().count() <= 40), "{out}");
        assert!(out.contains('…'));
        assert!(out.lines().nth(1).unwrap().ends_with("$1"));
    }
}
