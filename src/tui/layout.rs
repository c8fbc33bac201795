//! Screen layout: where each pane goes for a terminal size, the zoom state and the budget
//! strip's height. Pure, so rendering and mouse hit-testing compute the same rectangles.

use super::action::Pane;
use ratatui::layout::{Position, Rect};

/// Below this size the workbench shows a "terminal too small" notice instead of panes.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 15;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub inventory: Rect,
    pub standards: Rect,
    pub roadmap: Rect,
    pub budget: Rect,
    pub detail: Rect,
    pub status: Rect,
    pub hints: Rect,
    /// True when the terminal is below the minimum size (only `status` is meaningful).
    pub too_small: bool,
}

impl Areas {
    pub fn pane(&self, p: Pane) -> Rect {
        match p {
            Pane::Inventory => self.inventory,
            Pane::Standards => self.standards,
            Pane::Roadmap => self.roadmap,
            Pane::Budget => self.budget,
        }
    }
    /// The pane under a screen position.
    pub fn pane_at(&self, pos: Position) -> Option<Pane> {
        Pane::ALL.into_iter().find(|p| self.pane(*p).contains(pos))
    }
}

fn rows(area: Rect, y: u16, h: u16) -> Rect {
    let y = y.min(area.bottom());
    Rect::new(
        area.x,
        y,
        area.width,
        h.min(area.bottom().saturating_sub(y)),
    )
}

/// How the body is shared.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arrangement {
    /// Every pane.
    All,
    /// One pane takes the whole body.
    Zoom(Pane),
    /// Presenter mode: the roadmap over the budget strip, full width.
    Present,
}

/// Lays out the screen. `budget_lines` is how many lines the budget strip wants inside its
/// border.
pub fn compute(area: Rect, arrangement: Arrangement, budget_lines: u16) -> Areas {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Areas {
            status: area,
            too_small: true,
            ..Areas::default()
        };
    }
    let header = rows(area, area.y, 1);
    let hints = rows(area, area.bottom() - 1, 1);
    let status = rows(area, area.bottom() - 2, 1);
    let body = Rect::new(area.x, area.y + 1, area.width, area.height - 3);
    let mut a = Areas {
        header,
        status,
        hints,
        ..Areas::default()
    };
    if arrangement == Arrangement::Present {
        let budget_h = (budget_lines + 2).min(body.height / 2).max(4);
        let roadmap_h = body.height.saturating_sub(budget_h);
        a.roadmap = Rect::new(body.x, body.y, body.width, roadmap_h);
        a.budget = Rect::new(body.x, body.y + roadmap_h, body.width, budget_h);
        return a;
    }
    if let Arrangement::Zoom(p) = arrangement {
        match p {
            Pane::Inventory => a.inventory = body,
            Pane::Standards => a.standards = body,
            Pane::Roadmap => a.roadmap = body,
            Pane::Budget => a.budget = body,
        }
        return a;
    }
    let left_w = (body.width * 30 / 100).clamp(24, 48);
    let left = Rect::new(body.x, body.y, left_w, body.height);
    let right = Rect::new(body.x + left_w, body.y, body.width - left_w, body.height);
    let std_h = body.height * 55 / 100;
    a.standards = Rect::new(left.x, left.y, left.width, std_h);
    a.inventory = Rect::new(left.x, left.y + std_h, left.width, left.height - std_h);
    // At the shortest heights the Detail pane gives its lines to the roadmap, so the
    // roadmap still lists several initiatives; `i` shows the same detail as an overlay.
    let detail_h: u16 = match body.height {
        30.. => 7,
        18.. => 4,
        _ => 0,
    };
    // Header, total and at least one line of sources (summed as "Other" when short), so
    // every dollar in the total is in a row above it even at the minimum size.
    let budget_h = (budget_lines + 2).min(body.height / 3).max(5);
    let roadmap_h = body.height.saturating_sub(detail_h + budget_h);
    a.roadmap = Rect::new(right.x, right.y, right.width, roadmap_h);
    a.budget = Rect::new(right.x, right.y + roadmap_h, right.width, budget_h);
    a.detail = Rect::new(
        right.x,
        right.y + roadmap_h + budget_h,
        right.width,
        right.height.saturating_sub(roadmap_h + budget_h),
    );
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_body_without_overlap_at_80x24() {
        let a = compute(Rect::new(0, 0, 80, 24), Arrangement::All, 5);
        assert!(!a.too_small);
        let panes = [a.inventory, a.standards, a.roadmap, a.budget, a.detail];
        let cells: u32 = panes.iter().map(|r| r.area()).sum();
        assert_eq!(cells, 80 * 21);
        for (i, p) in panes.iter().enumerate() {
            for q in &panes[i + 1..] {
                assert!(!p.intersects(*q), "{p:?} {q:?}");
            }
        }
    }

    #[test]
    fn tiny_sizes_are_too_small_not_a_panic() {
        for (w, h) in [(0, 0), (1, 1), (20, 5), (59, 24), (80, 14)] {
            assert!(compute(Rect::new(0, 0, w, h), Arrangement::All, 5).too_small);
        }
    }
}
