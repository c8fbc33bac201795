//! Input: one key press becomes filter typing, a mode's own handling (palette, form, prompt,
//! compare), or the keymap's action; `update` applies an action to the workbench. Kept apart
//! from `app` (the state and its read access) so each file has one job.

use super::action::{Action, Pane};
use super::app::{App, Overlay, StatusKind, Timeline};
use super::keymap::{Key, Lookup, Scope, Seq};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

impl App {
    /// Handles one key press: filter typing, or the keymap's action.
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.key(key);
        self.after_input();
    }

    fn key(&mut self, key: KeyEvent) {
        // Esc quickly followed by a key arrives as one Alt-chord (over SSH, through tmux). No
        // Alt-letter is bound by default, so an unbound one is read as Esc, then the letter.
        if let KeyCode::Char(c) = key.code
            && key.modifiers.contains(KeyModifiers::ALT)
            && self.pending.is_empty()
            && self
                .keymap
                .lookup_seq(&[Key::from_event(&key)], &self.scopes())
                == Lookup::Unbound
        {
            let mods = key.modifiers - KeyModifiers::ALT;
            self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
            self.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
            return;
        }
        if self.drag.is_some() {
            // Mid-drag only Esc means something: cancel and restore.
            if key.code == KeyCode::Esc {
                self.cancel_drag();
            }
            return;
        }
        match self.overlay {
            Overlay::Filter => return self.filter_key(key),
            Overlay::Palette(_) => return self.palette_key(key),
            Overlay::Form(_) => return self.form_key(key),
            Overlay::Prompt(_) => return self.prompt_key(key),
            Overlay::Compare(_) => return self.compare_key(key),
            Overlay::Import(_) => return self.import_key(key),
            Overlay::Inspect(_) | Overlay::Followup(_) | Overlay::Frameworks(_) => {
                return self.inspect_key(key);
            }
            Overlay::None | Overlay::Confirm(_) | Overlay::Help(_) => {}
        }
        if !self.pending.is_empty() && key.code == KeyCode::Esc {
            self.pending.clear();
            self.info("key sequence cancelled");
            return;
        }
        let mut keys = std::mem::take(&mut self.pending);
        keys.push(Key::from_event(&key));
        let looked_up = self.keymap.lookup_seq(&keys, &self.scopes());
        // While the screen is too small to show what a key would change, only quitting acts:
        // no edit happens blind.
        let area = self.area.get();
        let too_small = area.width > 0
            && (area.width < super::layout::MIN_WIDTH || area.height < super::layout::MIN_HEIGHT);
        if too_small && looked_up != Lookup::Action(Action::Quit) {
            return;
        }
        match looked_up {
            Lookup::Action(action) => self.update(action),
            Lookup::Prefix => {
                // No timer: the sequence waits for its next key (the hint bar lists them).
                let so_far = Seq(keys.clone()).label();
                self.pending = keys;
                self.info(&format!("{so_far} … (Esc cancels)"));
            }
            Lookup::Unbound if keys.len() > 1 => {
                let label = Seq(keys).label();
                self.info(&format!("{label} is not bound (? for keys)"));
            }
            Lookup::Unbound if self.is_plain() => {
                let pressed = Seq(keys);
                let label = pressed.label();
                // Say where the key works, if it works somewhere else.
                let elsewhere = self.keymap.bindings.iter().find_map(|b| match b.scope {
                    Scope::Pane(p) if b.keys == pressed => Some((p, b.action)),
                    _ => None,
                });
                let msg = match elsewhere {
                    Some((p, a)) => {
                        format!("{label} ({}) works in {} (Tab)", a.describe(), p.name())
                    }
                    None => format!("{label} does nothing in {} (? for keys)", self.focus.name()),
                };
                self.status = Some((StatusKind::Info, msg));
            }
            Lookup::Unbound => {}
        }
    }

    /// Keys while reading in full: scroll, go to the initiative that covers a standard, close.
    fn inspect_key(&mut self, key: KeyEvent) {
        let (top, wrap): (u16, fn(u16) -> Overlay) = match self.overlay {
            Overlay::Inspect(top) => (top, Overlay::Inspect),
            Overlay::Followup(top) => (top, Overlay::Followup),
            Overlay::Frameworks(top) => (top, Overlay::Frameworks),
            _ => return,
        };
        let top = match key.code {
            KeyCode::Down | KeyCode::Char('j') => top.saturating_add(1),
            KeyCode::Up | KeyCode::Char('k') => top.saturating_sub(1),
            KeyCode::PageDown | KeyCode::Char(' ') => top.saturating_add(10),
            KeyCode::PageUp => top.saturating_sub(10),
            KeyCode::Home => 0,
            KeyCode::Char('g') if matches!(self.overlay, Overlay::Inspect(_)) => {
                self.overlay = Overlay::None;
                return self.go_to_fix();
            }
            KeyCode::Char('n')
                if self.focus == Pane::Standards && matches!(self.overlay, Overlay::Inspect(_)) =>
            {
                self.overlay = Overlay::None;
                return self.new_from_standard();
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.quit = true;
                return;
            }
            _ => {
                self.overlay = Overlay::None;
                return;
            }
        };
        self.overlay = wrap(top);
    }

    /// From a standard, selects the first initiative that fixes it in the Roadmap.
    fn go_to_fix(&mut self) {
        if self.focus != Pane::Standards {
            return;
        }
        let rows = self.standard_rows();
        let Some(row) = rows.get(self.sel.standards) else {
            return;
        };
        match &row.fix {
            Some(f) => {
                let id = f.initiative.clone();
                self.select_initiative(&id);
                self.focus = Pane::Roadmap;
                self.info(&format!("{id} fixes it (Enter edits it)"));
            }
            None => self.info("no initiative fixes it yet: n creates one"),
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Enter => self.overlay = Overlay::None,
            KeyCode::Esc => {
                self.filter.clear();
                self.overlay = Overlay::None;
                self.rebuild_inventory();
            }
            KeyCode::Backspace => {
                self.filter.pop();
                self.rebuild_inventory();
            }
            KeyCode::Char(c) if !c.is_control() => {
                self.filter.push(c);
                self.rebuild_inventory();
            }
            _ => {}
        }
    }

    /// Applies one action.
    pub fn update(&mut self, action: Action) {
        // A message stays until the next action, so nothing has to time out (no timers).
        if !matches!(action, Action::Confirm | Action::Cancel) {
            self.status = None;
        }
        match (&self.overlay, action) {
            (Overlay::Confirm(p), Action::Confirm) => {
                let p = p.clone();
                self.overlay = Overlay::None;
                self.confirm(p);
            }
            (Overlay::Confirm(_), Action::Cancel) => {
                self.overlay = Overlay::None;
                self.info("cancelled");
            }
            (Overlay::Help(_), Action::Cancel | Action::Help) => self.overlay = Overlay::None,
            (Overlay::Help(top), Action::Down | Action::PageDown) => {
                self.overlay = Overlay::Help(top.saturating_add(1));
            }
            (Overlay::Help(top), Action::Up | Action::PageUp) => {
                self.overlay = Overlay::Help(top.saturating_sub(1));
            }
            (_, Action::Quit) => self.quit = true,
            (Overlay::None, a) => self.normal(a),
            _ => {}
        }
    }

    fn normal(&mut self, action: Action) {
        match action {
            // In presenter mode only the roadmap and the budget are on screen.
            Action::FocusNext | Action::FocusPrev if self.presenting => {
                self.focus = match self.focus {
                    Pane::Roadmap => Pane::Budget,
                    _ => Pane::Roadmap,
                }
            }
            Action::FocusNext => self.focus = self.focus.next(),
            Action::FocusPrev => self.focus = self.focus.prev(),
            Action::Up => self.step(-1),
            Action::Down => self.step(1),
            Action::PageUp => self.step(-10),
            Action::PageDown => self.step(10),
            Action::Top => self.step(-(i32::MAX / 2)),
            Action::Bottom => self.step(i32::MAX / 2),
            Action::Left => self.set_year(self.year_index() as i32 - 1),
            Action::Right => self.set_year(self.year_index() as i32 + 1),
            Action::CycleYear => {
                let n = self.derived().horizon.years.len().max(1);
                self.year = (self.year_index() + 1) % n;
                let fy = self.derived().horizon.years.get(self.year).copied();
                if let Some(fy) = fy {
                    self.info(&format!("showing {fy}"));
                }
            }
            Action::MoveEarlier => self.move_selected(-1),
            Action::MoveLater => self.move_selected(1),
            Action::Shorten => self.resize_selected(-1),
            Action::Lengthen => self.resize_selected(1),
            Action::NewFromStandard => self.new_from_standard(),
            Action::Delete => self.ask_delete(),
            Action::AutoSchedule => self.auto_schedule(),
            Action::Undo => self.undo(),
            Action::Redo => self.redo(),
            Action::ToggleTimeline => {
                self.timeline = match self.timeline {
                    Timeline::Full => Timeline::Year,
                    Timeline::Year => Timeline::Full,
                }
            }
            Action::NextTheme => {
                self.theme = (self.theme + 1) % self.themes.len().max(1);
                let name = self.theme().name.clone();
                self.info(&format!("theme {name}"));
            }
            Action::Help => self.overlay = Overlay::Help(0),
            Action::Zoom => self.zoomed = !self.zoomed,
            Action::Inspect => self.overlay = Overlay::Inspect(0),
            Action::Checkin => self.open_checkin(),
            Action::Ghosts => {
                self.ghosts = !self.ghosts;
                let newest = self
                    .plan()
                    .governance
                    .baselines
                    .iter()
                    .max_by_key(|b| b.date)
                    .map(|b| format!("{} ({})", b.name, b.date));
                match (self.ghosts, newest) {
                    (true, Some(b)) => self.info(&format!(
                        "baseline {b} shown behind the bars where it differs (b hides it)"
                    )),
                    (true, None) => {
                        self.ghosts = false;
                        self.info("no baseline yet: vcio baseline save NAME snapshots the roadmap");
                    }
                    (false, _) => self.info("baseline hidden"),
                }
            }
            Action::Actuals => {
                self.actuals = !self.actuals;
                if self.actuals {
                    self.info("budget: spend recorded in check-ins against the plan (a returns)");
                } else {
                    self.info("budget: the plan by funding source");
                }
            }
            Action::Followup => self.overlay = Overlay::Followup(0),
            Action::Frameworks => self.overlay = Overlay::Frameworks(0),
            Action::Present => {
                self.presenting = !self.presenting;
                self.zoomed = false;
                if self.presenting {
                    if !matches!(self.focus, Pane::Roadmap | Pane::Budget) {
                        self.focus = Pane::Roadmap;
                    }
                    self.info("presenter mode: roadmap and budget (P returns)");
                }
            }
            Action::Sort => {
                self.sort = self.sort.next();
                self.rebuild_inventory();
                self.info(&format!("inventory sorted by {}", self.sort.name()));
            }
            Action::Filter => {
                self.focus = Pane::Inventory;
                self.overlay = Overlay::Filter;
            }
            Action::Cancel => {
                self.zoomed = false;
                self.presenting = false;
            }
            Action::Palette => self.open_palette(),
            Action::EditForm => self.open_form(),
            Action::AddItem => self.open_new_item(),
            Action::EditItem => self.open_item(),
            Action::Answers => self.open_answers(),
            Action::Fork => self.ask_fork(),
            Action::NewInitiative => self.open_new_initiative(),
            Action::Setup => self.open_setup(),
            Action::District => self.open_district_form(),
            Action::ToggleMouse => {
                self.mouse = !self.mouse;
                self.info(if self.mouse {
                    "mouse on: click, drag bars (M for the terminal's copy/paste)"
                } else {
                    "mouse off: the terminal's copy/paste works (M turns it back on)"
                });
            }
            Action::Confirm | Action::Quit => {}
        }
    }

    /// Moves the focused pane's selection by `delta` rows (clamped).
    fn step(&mut self, delta: i32) {
        let clamp = |cur: usize, len: usize| -> usize {
            if len == 0 {
                return 0;
            }
            (cur as i64 + i64::from(delta)).clamp(0, len as i64 - 1) as usize
        };
        match self.focus {
            Pane::Roadmap => {
                self.sel.roadmap = clamp(self.sel.roadmap, self.plan().initiatives.len())
            }
            Pane::Standards => {
                self.sel.standards = clamp(self.sel.standards, self.standard_rows().len())
            }
            Pane::Inventory => {
                self.sel.inventory = clamp(self.sel.inventory, self.inventory.item_rows.len())
            }
            Pane::Budget => self.set_year(self.year_index() as i32 + delta.signum()),
        }
        self.choose();
    }

    pub(crate) fn set_year(&mut self, y: i32) {
        let n = self.derived().horizon.years.len() as i32;
        self.year = y.clamp(0, (n - 1).max(0)) as usize;
    }

    /// Every key ends here: whatever it changed (the year, the sort, the plan), each pane's
    /// selection stays on the initiative, standard or item chosen.
    pub(crate) fn after_input(&mut self) {
        self.follow();
    }
}
