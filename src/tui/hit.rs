//! Mouse hit-testing against the last frame: `LastFrame` records where the panes, the roadmap's
//! quarter columns and its visible bars were drawn, and `hit` maps a screen cell to what is
//! under it. Pure (no `App`), so it is unit-tested on synthetic layouts.

use super::action::Pane;
use super::app::App;
use super::layout::{self, Areas};
use super::panes::{budget, roadmap};
use ratatui::layout::{Position, Rect};

/// Which part of a bar is under the pointer: the ends resize, the body moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Body,
    Start,
    End,
}

/// What a screen cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hit {
    /// A roadmap bar: the initiative's index in the plan, the part, and the quarter (index).
    Bar {
        ini: usize,
        part: Part,
        quarter: i32,
    },
    /// Somewhere else in a pane.
    Pane(Pane),
    None,
}

/// One visible roadmap row: the initiative's index and its first and last quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BarRow {
    pub ini: usize,
    pub start: i32,
    pub end: i32,
}

/// Where things were on the last frame.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LastFrame {
    pub areas: Areas,
    /// The roadmap's inside (without its border).
    pub roadmap: Rect,
    /// Screen column of the first quarter column.
    pub bars_x: u16,
    /// Screen row of the first bar row.
    pub bars_y: u16,
    /// Width of one quarter, in cells (at least 1).
    pub qw: u16,
    /// Quarter index of the first column and how many quarters are shown.
    pub first_q: i32,
    pub nq: usize,
    /// The visible bar rows, top to bottom.
    pub rows: Vec<BarRow>,
}

impl LastFrame {
    /// The quarter under a column, extrapolated past either edge (a drag may go beyond).
    pub fn quarter_at(&self, col: u16) -> i32 {
        let dx = i32::from(col) - i32::from(self.bars_x);
        self.first_q + dx.div_euclid(i32::from(self.qw.max(1)))
    }

    /// Quarters the view is past its edge at `col`: negative left of the bars, positive right.
    pub fn beyond_edge(&self, col: u16) -> i32 {
        let q = self.quarter_at(col);
        let last = self.first_q + self.nq as i32 - 1;
        if q < self.first_q {
            q - self.first_q
        } else if q > last {
            q - last
        } else {
            0
        }
    }

    /// The screen column span of a quarter range `[start, end]` clipped to the view.
    fn cells(&self, start: i32, end: i32) -> Option<(u16, u16)> {
        let last = self.first_q + self.nq as i32 - 1;
        let (a, b) = (start.max(self.first_q), end.min(last));
        if a > b {
            return None;
        }
        let qw = i32::from(self.qw.max(1));
        let x0 = i32::from(self.bars_x) + (a - self.first_q) * qw;
        let x1 = i32::from(self.bars_x) + (b - self.first_q + 1) * qw - 1;
        Some((
            u16::try_from(x0).unwrap_or(u16::MAX),
            u16::try_from(x1).unwrap_or(u16::MAX),
        ))
    }
}

/// What is under the cell at (`col`, `row`).
pub fn hit(lf: &LastFrame, col: u16, row: u16) -> Hit {
    let pos = Position::new(col, row);
    if lf.roadmap.contains(pos)
        && row >= lf.bars_y
        && col >= lf.bars_x
        && let Some(bar) = lf.rows.get(usize::from(row - lf.bars_y))
    {
        let quarter = lf.quarter_at(col);
        if (bar.start..=bar.end).contains(&quarter) {
            let part = match lf.cells(bar.start, bar.end) {
                // Ends resize only where the bar really ends on screen, and only when a
                // body remains between them to grab for moving.
                Some((x0, x1)) if x1 >= x0.saturating_add(2) => {
                    if col == x0 && bar.start >= lf.first_q {
                        Part::Start
                    } else if col == x1 && bar.end < lf.first_q + lf.nq as i32 {
                        Part::End
                    } else {
                        Part::Body
                    }
                }
                _ => Part::Body,
            };
            return Hit::Bar {
                ini: bar.ini,
                part,
                quarter,
            };
        }
    }
    match lf.areas.pane_at(pos) {
        Some(p) => Hit::Pane(p),
        None => Hit::None,
    }
}

/// A bordered pane's inside (one cell in from each edge).
pub(super) fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

impl App {
    /// The last frame's geometry, recomputed from the same pure layout the renderer used.
    pub fn last_frame(&self) -> LastFrame {
        let areas = layout::compute(
            self.area.get(),
            self.arrangement(),
            budget::lines_wanted(self),
        );
        let inner = inner(areas.roadmap);
        let qs = roadmap::quarters(self, inner.width);
        let nq = qs.len().max(1);
        let lw = roadmap::label_width(inner.width, self.derived().horizon.years.len());
        let cols = usize::from(inner.width.saturating_sub(lw));
        let qw = u16::try_from((cols / nq).max(1)).unwrap_or(1);
        let hdr = roadmap::header_rows(inner.height);
        let visible = usize::from(inner.height.saturating_sub(hdr));
        let first = self.scroll.roadmap.get();
        let rows = self
            .plan()
            .initiatives
            .iter()
            .enumerate()
            .skip(first)
            .take(visible)
            .map(|(ini, i)| BarRow {
                ini,
                start: i.start.index(),
                end: i.end().index(),
            })
            .collect();
        LastFrame {
            areas,
            roadmap: inner,
            bars_x: inner.x.saturating_add(lw),
            bars_y: inner.y.saturating_add(hdr),
            qw,
            first_q: qs.first().copied().unwrap_or(0),
            nq: qs.len(),
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A roadmap inside (10,5)-(69,14): bars from column 20, 2 cells a quarter, quarters
    /// 100..=119, bar rows from row 7. Row 0: quarters 102..=104 (cells 24..=29); row 1: one
    /// quarter 110 (cells 40..=41); row 2: 95..=101 (runs off the left edge).
    fn frame() -> LastFrame {
        let areas = Areas {
            roadmap: Rect::new(9, 4, 62, 12),
            budget: Rect::new(9, 16, 62, 5),
            ..Areas::default()
        };
        LastFrame {
            areas,
            roadmap: Rect::new(10, 5, 60, 10),
            bars_x: 20,
            bars_y: 7,
            qw: 2,
            first_q: 100,
            nq: 20,
            rows: vec![
                BarRow {
                    ini: 0,
                    start: 102,
                    end: 104,
                },
                BarRow {
                    ini: 3,
                    start: 110,
                    end: 110,
                },
                BarRow {
                    ini: 5,
                    start: 95,
                    end: 101,
                },
            ],
        }
    }

    #[test]
    fn press_on_the_body_and_either_end() {
        let f = frame();
        let bar = |part, quarter| Hit::Bar {
            ini: 0,
            part,
            quarter,
        };
        assert_eq!(hit(&f, 24, 7), bar(Part::Start, 102));
        assert_eq!(hit(&f, 25, 7), bar(Part::Body, 102));
        assert_eq!(hit(&f, 27, 7), bar(Part::Body, 103));
        assert_eq!(hit(&f, 29, 7), bar(Part::End, 104));
    }

    #[test]
    fn a_short_bar_is_all_body_and_a_clipped_end_does_not_resize() {
        let f = frame();
        let h = hit(&f, 40, 8);
        assert_eq!(
            h,
            Hit::Bar {
                ini: 3,
                part: Part::Body,
                quarter: 110
            }
        );
        assert_eq!(hit(&f, 41, 8), h);
        // Row 2 starts before the view: its first visible cell is body, its end is an end.
        let left = hit(&f, 20, 9);
        assert_eq!(
            left,
            Hit::Bar {
                ini: 5,
                part: Part::Body,
                quarter: 100
            }
        );
        let right = hit(&f, 23, 9);
        assert_eq!(
            right,
            Hit::Bar {
                ini: 5,
                part: Part::End,
                quarter: 101
            }
        );
    }

    #[test]
    fn outside_a_bar_is_the_pane_or_nothing() {
        let f = frame();
        assert_eq!(hit(&f, 30, 7), Hit::Pane(Pane::Roadmap)); // right of the bar
        assert_eq!(hit(&f, 15, 7), Hit::Pane(Pane::Roadmap)); // the label column
        assert_eq!(hit(&f, 25, 5), Hit::Pane(Pane::Roadmap)); // the year header
        assert_eq!(hit(&f, 25, 10), Hit::Pane(Pane::Roadmap)); // below the last row
        assert_eq!(hit(&f, 25, 17), Hit::Pane(Pane::Budget));
        assert_eq!(hit(&f, 0, 0), Hit::None);
    }

    #[test]
    fn quarters_extrapolate_beyond_either_edge() {
        let f = frame();
        assert_eq!(f.quarter_at(20), 100);
        assert_eq!(f.quarter_at(59), 119);
        assert_eq!(f.quarter_at(61), 120);
        assert_eq!(f.quarter_at(19), 99);
        assert_eq!(f.quarter_at(0), 90);
        assert_eq!(f.beyond_edge(40), 0);
        assert_eq!(f.beyond_edge(63), 2);
        assert_eq!(f.beyond_edge(17), -2);
    }

    #[test]
    fn a_degenerate_frame_never_panics() {
        let f = LastFrame::default();
        for (c, r) in [(0, 0), (u16::MAX, u16::MAX), (5, 0)] {
            let _ = hit(&f, c, r);
            let _ = f.quarter_at(c);
        }
    }
}
