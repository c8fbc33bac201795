//! Glyph sets: Unicode box drawing and block bars, or plain ASCII (`--ascii`) for terminals and
//! fonts without them. Every meaning carried by a glyph is also carried by text or a marker, so
//! the ASCII set loses nothing but looks.

use ratatui::symbols::border;

/// The characters panes draw with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glyphs {
    pub border: border::Set<'static>,
    /// An initiative's bar.
    pub bar: &'static str,
    /// The selected initiative's bar.
    pub bar_selected: &'static str,
    /// Marks the selected row (selection is never shown by colour alone).
    pub cursor: &'static str,
    /// Over-cap marker in the budget strip and the header.
    pub over: &'static str,
    /// Dependency violated, or other roadmap warning.
    pub warn: &'static str,
    pub arrow: &'static str,
    /// "At most", before a cap.
    pub at_most: &'static str,
    pub ellipsis: &'static str,
    /// A failing standard.
    pub fail: &'static str,
    /// A standard that cannot be judged (missing answer, nothing recorded).
    pub unknown: &'static str,
    /// A standard failing without the plan but fixed by then.
    pub fixed: &'static str,
    /// Continues past the end (or before the start) of the view.
    pub more_right: &'static str,
    pub more_left: &'static str,
    /// The quarter containing "now" on the timeline.
    pub now: &'static str,
    /// Grid dot in empty timeline cells at a fiscal-year boundary.
    pub year_rule: &'static str,
    /// Where the baseline had a bar that today's plan does not (`b` shows them).
    pub ghost: &'static str,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Glyphs {
    /// What every mark on screen means, for the help screen's legend.
    pub fn legend(&self) -> Vec<(&'static str, &'static str)> {
        vec![
            (self.bar, "an initiative's quarters (title inside)"),
            (self.bar_selected, "the selected initiative"),
            (self.cursor, "the selected row"),
            (self.warn, "starts before a dependency ends"),
            (self.more_left, "bar starts before the view"),
            (self.more_right, "bar runs past the view"),
            (self.now, "the quarter containing today"),
            (self.over, "year over a cap"),
            (self.at_most, "a source's own yearly cap"),
            (self.fail, "standard failing"),
            (self.unknown, "cannot be judged: data missing"),
            (self.fixed, "fixed by then by the plan"),
            (self.ghost, "the approved baseline's bar (b)"),
            ("*", "the focused pane (title)"),
        ]
    }

    pub const UNICODE: Glyphs = Glyphs {
        border: border::PLAIN,
        bar: "█",
        bar_selected: "▓",
        cursor: ">",
        over: "▲",
        warn: "!",
        arrow: "→",
        at_most: "≤",
        ellipsis: "…",
        fail: "✗",
        unknown: "?",
        fixed: "✓",
        more_right: "»",
        more_left: "«",
        now: "▼",
        year_rule: "│",
        ghost: "░",
    };
    pub const ASCII: Glyphs = Glyphs {
        border: ASCII_BORDER,
        bar: "=",
        bar_selected: "#",
        cursor: ">",
        over: "!",
        warn: "!",
        arrow: "->",
        at_most: "<=",
        ellipsis: "~",
        fail: "x",
        unknown: "?",
        fixed: "+",
        more_right: ">",
        more_left: "<",
        now: "v",
        year_rule: "|",
        ghost: ":",
    };

    pub fn new(ascii: bool) -> Glyphs {
        if ascii { Self::ASCII } else { Self::UNICODE }
    }
}
