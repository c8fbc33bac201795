//! Text measured as a terminal shows it: in columns, not characters. A Japanese title takes two
//! columns a character and a combining accent none, so fitting and padding by `chars()` would
//! overflow a table column. Every fit, pad and wrap in the CLI tables and the workbench goes
//! through here.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Columns `s` takes on a terminal.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Columns one character takes (0 for control and combining characters).
pub fn char_width(c: char) -> usize {
    UnicodeWidthChar::width(c).unwrap_or(0)
}

/// The longest prefix of `s` that fits in `cols` columns.
pub fn take(s: &str, cols: usize) -> &str {
    let mut used = 0;
    for (i, c) in s.char_indices() {
        let w = char_width(c);
        if used + w > cols {
            return &s[..i];
        }
        used += w;
    }
    s
}

/// `s` cut to at most `cols` columns, ending in `ellipsis` when cut.
pub fn fit(s: &str, cols: usize, ellipsis: &str) -> String {
    if width(s) <= cols {
        return s.to_string();
    }
    let e = width(ellipsis);
    if cols <= e {
        return take(s, cols).to_string();
    }
    let mut out = take(s, cols - e).to_string();
    out.push_str(ellipsis);
    out
}

/// `s` fitted and padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize, ellipsis: &str) -> String {
    let mut out = fit(s, cols, ellipsis);
    let n = width(&out);
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(n)));
    out
}

/// `s` right-aligned in `cols` columns (cut from the right when too long).
pub fn rpad(s: &str, cols: usize) -> String {
    let n = width(s);
    if n >= cols {
        return take(s, cols).to_string();
    }
    format!("{}{s}", " ".repeat(cols - n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_and_combining_text_is_measured_in_columns() {
        assert_eq!(width("学校"), 4);
        assert_eq!(width("e\u{301}cole"), 5);
        assert_eq!(fit("学校ネットワーク", 7, "…"), "学校ネ…");
        assert_eq!(width(&pad("学校ネットワーク", 7, "…")), 7);
        assert_eq!(pad("Wi-Fi", 7, "…"), "Wi-Fi  ");
        assert_eq!(rpad("学校", 6), "  学校");
    }
}
