//! The inventory item form: `a` in the Inventory adds an item (with a fresh `ITM-NNNN` id),
//! Enter or `e` edits the selected one (its id fixed). Fields: id, name, kind (typed, Left/Right
//! offer the plan's kinds), category, site, quantity, unit cost, acquired, life, end of support,
//! annual cost, what happens at the contract's end (renew or sunset), funding, E-Rate, vendor, tags and facts (the attributes standards read, as
//! `name=value, ...`). Saving is one `Edit::PutItem` (one undo step).

use super::{Errors, Form, Input, Kind, Saved, Select, Spec, at, erate_options, erate_text};
use super::{dollars_into, format_dollars, parse_erate, parse_month};
use crate::edit::Edit;
use crate::model::{AttrValue, Category, GENERAL_FUND, Item, Plan, Renewal, marks};
use crate::tui::action::Pane;
use crate::tui::app::App;

/// The item form's fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum F {
    Id,
    Name,
    Kind,
    Category,
    Site,
    Quantity,
    UnitCost,
    Acquired,
    Life,
    EndOfSupport,
    Annual,
    Renewal,
    Funding,
    Erate,
    Vendor,
    Tags,
    Facts,
}

/// What the item form needs besides its fields.
pub struct ItemForm {
    /// The item being edited; none when adding.
    base: Option<Item>,
    /// Funding source ids that may pay the recurring cost ("none" is the general fund).
    sources: Vec<String>,
}

/// Shown for a district-wide item in the Site choice.
const DISTRICT: &str = "district";
/// The renewal choices.
const RENEW: &str = "renew";
const SUNSET: &str = "sunset";
/// The Funding choice meaning the general fund.
const NO_SOURCE: &str = "none";

fn opt_text(o: Option<impl ToString>) -> String {
    o.map(|x| x.to_string()).unwrap_or_default()
}

impl ItemForm {
    /// The form over `base` (editing), or over a new item with a fresh id.
    pub fn form(plan: &Plan, base: Option<&Item>) -> Form {
        let fresh = plan.next_item_id();
        let it = base
            .cloned()
            .unwrap_or_else(|| Item::new(&fresh, "", Category::Device, "", 1));
        let mut kinds: Vec<String> = plan.items.iter().map(|i| i.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        let mut sites = vec![DISTRICT.to_string()];
        sites.extend(plan.district.sites.iter().map(|s| s.id.clone()));
        let mut sources = vec![NO_SOURCE.to_string()];
        sources.extend(
            plan.budget
                .sources
                .iter()
                .filter(|s| s.id != GENERAL_FUND)
                .map(|s| s.id.clone()),
        );
        // An existing item keeps what it has, even where the lists no longer offer it.
        if let Some(s) = it.site.as_ref().filter(|s| !sites.contains(s)) {
            sites.push(s.clone());
        }
        if let Some(s) = it.funding.as_ref().filter(|s| !sources.contains(s)) {
            sources.push(s.clone());
        }
        let kind_note = match kinds.len() {
            0 => "lower-case, like chromebook".to_string(),
            _ => "Left/Right: kinds in the plan".to_string(),
        };
        let id_input = if base.is_some() {
            Input::Fixed
        } else {
            Input::Text
        };
        let categories = Category::ALL.iter().map(|c| c.name().to_string()).collect();
        let fields = vec![
            (Spec::new("Id", id_input), it.id.clone()),
            (Spec::text("Name"), it.name.clone()),
            (
                Spec::new("Kind", Input::Suggest(kinds)).note(kind_note),
                it.kind.clone(),
            ),
            (
                Spec::choice("Category", categories),
                it.category.name().to_string(),
            ),
            (
                Spec::choice("Site", sites),
                it.site.clone().unwrap_or_else(|| DISTRICT.into()),
            ),
            (Spec::text("Quantity"), it.quantity.to_string()),
            (
                Spec::text("Unit cost $"),
                format_dollars(it.unit_cost_cents),
            ),
            (
                Spec::text("Acquired").note("YYYY-MM, optional"),
                opt_text(it.acquired),
            ),
            (
                Spec::text("Life years").note("1 to 30, optional"),
                opt_text(it.life_years),
            ),
            (
                Spec::text("End of support").note("YYYY-MM, optional"),
                opt_text(it.end_of_support),
            ),
            (
                Spec::text("Annual $/unit"),
                format_dollars(it.annual_cost_cents),
            ),
            (
                Spec::choice("At contract end", vec![RENEW.into(), SUNSET.into()])
                    .note("licences: end of support is the contract end"),
                match it.renewal.unwrap_or_default() {
                    Renewal::Renew => RENEW.into(),
                    Renewal::Sunset => SUNSET.into(),
                },
            ),
            (
                Spec::choice("Funding", sources).note("none = general fund"),
                it.funding.clone().unwrap_or_else(|| NO_SOURCE.into()),
            ),
            (
                Spec::choice("E-Rate", erate_options()),
                erate_text(it.erate),
            ),
            (Spec::text("Vendor"), opt_text(it.vendor.as_ref())),
            (
                Spec::text("Tags").note("comma-separated: student, staff, 1to1"),
                it.tags.join(", "),
            ),
            (
                Spec::text("Facts").note("name=value, ...: mdm_enrolled=yes, wifi_gen=6"),
                facts_text(&it),
            ),
        ];
        let title = match base {
            Some(b) => format!("Edit item {}", b.id),
            None => "New inventory item".to_string(),
        };
        let kind = Kind::Item(ItemForm {
            base: base.cloned(),
            sources: plan.budget.sources.iter().map(|s| s.id.clone()).collect(),
        });
        Form::new(title, fields, kind)
    }

    /// Parses every field into the item, or one message per invalid field.
    pub fn build(&self, values: &[String], plan: &Plan) -> Result<Saved, Errors> {
        let v = |f: F| at(values, f as usize);
        let mut errs: Errors = Vec::new();
        let mut err = |f: F, m: String| errs.push((f as usize, m));
        let id = match &self.base {
            Some(b) => b.id.clone(),
            None => v(F::Id).trim().to_string(),
        };
        if self.base.is_none() {
            if id.is_empty() {
                err(F::Id, "needed".into());
            } else if id.chars().any(char::is_whitespace) {
                err(F::Id, "no spaces".into());
            } else if plan.item(&id).is_some() {
                err(F::Id, format!("{id} already exists"));
            }
        }
        let mut item = self
            .base
            .clone()
            .unwrap_or_else(|| Item::new(&id, "", Category::Device, "", 1));
        item.name = v(F::Name).trim().to_string();
        if item.name.is_empty() {
            err(F::Name, "needed".into());
        }
        item.kind = v(F::Kind).trim().to_lowercase();
        if item.kind.is_empty() {
            err(F::Kind, "needed, like chromebook".into());
        } else if item.kind.chars().any(char::is_whitespace) {
            err(F::Kind, "one word, like access-point".into());
        }
        match v(F::Category).parse::<Category>() {
            Ok(c) => item.category = c,
            Err(_) => err(F::Category, "not a category".into()),
        }
        let site = v(F::Site).trim();
        item.site = (site != DISTRICT && !site.is_empty()).then(|| site.to_string());
        if let Some(s) = &item.site
            && !plan.district.sites.iter().any(|x| &x.id == s)
            && self.base.as_ref().and_then(|b| b.site.as_ref()) != Some(s)
        {
            err(F::Site, format!("no site {s}"));
        }
        match v(F::Quantity).trim().replace(',', "").parse::<u32>() {
            Ok(q) if q >= 1 => item.quantity = q,
            _ => err(F::Quantity, "a whole number, 1 or more".into()),
        }
        for (f, slot) in [
            (F::Acquired, &mut item.acquired),
            (F::EndOfSupport, &mut item.end_of_support),
        ] {
            match parse_month(v(f)) {
                Ok(m) => *slot = m,
                Err(e) => err(f, e),
            }
        }
        let life = v(F::Life).trim();
        item.life_years = None;
        if !life.is_empty() {
            match life.parse::<u8>() {
                Ok(y) if (1..=30).contains(&y) => item.life_years = Some(y),
                _ => err(F::Life, "1 to 30 years, or empty".into()),
            }
        }
        let funding = v(F::Funding);
        item.funding = (funding != NO_SOURCE && !funding.is_empty()).then(|| funding.to_string());
        if let Some(s) = &item.funding
            && !self.sources.contains(s)
            && self.base.as_ref().and_then(|b| b.funding.as_ref()) != Some(s)
        {
            err(F::Funding, "not a funding source".into());
        }
        item.erate = parse_erate(v(F::Erate));
        // Only a sunset is recorded: renewal is what a contract does by default.
        item.renewal = (v(F::Renewal) == SUNSET).then_some(Renewal::Sunset);
        let vendor = v(F::Vendor).trim();
        item.vendor = (!vendor.is_empty()).then(|| vendor.to_string());
        item.tags = v(F::Tags)
            .split(',')
            .map(|t| t.trim().to_lowercase())
            .filter(|t| !t.is_empty())
            .collect();
        item.tags.dedup();
        match parse_facts(v(F::Facts)) {
            Ok(facts) => {
                // Marks an import set stay; the facts are replaced by what the form says.
                let mut attrs = crate::model::Attrs::new();
                for (k, val) in item.attrs.iter() {
                    if marks::ALL.contains(&k) {
                        attrs.insert(k, val.clone());
                    }
                }
                for (k, val) in facts {
                    attrs.insert(k, val);
                }
                item.attrs = attrs;
            }
            Err(e) => err(F::Facts, e),
        }
        dollars_into(
            values,
            F::UnitCost as usize,
            &mut item.unit_cost_cents,
            &mut errs,
        );
        dollars_into(
            values,
            F::Annual as usize,
            &mut item.annual_cost_cents,
            &mut errs,
        );
        if !errs.is_empty() {
            return Err(errs);
        }
        // A cost or date typed by hand is no longer an estimate or an inference.
        if let Some(b) = &self.base {
            if b.unit_cost_cents != item.unit_cost_cents {
                item.attrs.remove(marks::COST_ESTIMATED);
                item.attrs.remove(marks::COST_SOURCE);
            }
            if b.acquired != item.acquired {
                item.attrs.remove(marks::ACQUIRED_INFERRED);
            }
        }
        let verb = match &self.base {
            Some(b) if *b == item => return Ok(Saved::unchanged(format!("{id} unchanged"))),
            Some(_) => "saved",
            None => "added",
        };
        let msg = format!("{verb} {id}");
        Ok(Saved::apply(Edit::PutItem(item), &msg, Select::Item(id)))
    }
}

/// An item's editable facts as the form shows them: `name=value, ...` (marks left out).
fn facts_text(it: &Item) -> String {
    it.attrs
        .iter()
        .filter(|(k, _)| !marks::ALL.contains(k))
        .map(|(k, v)| format!("{k}={}", v.as_text()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `name=value, ...` into facts; a part without `=` or with an empty name is an error.
fn parse_facts(text: &str) -> Result<Vec<(String, AttrValue)>, String> {
    text.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p
                .split_once('=')
                .ok_or_else(|| format!("{p:?}: write name=value"))?;
            let k = k.trim().to_lowercase().replace([' ', '-'], "_");
            if k.is_empty() || v.trim().is_empty() {
                return Err(format!("{p:?}: write name=value"));
            }
            Ok((k, AttrValue::parse_cell(v)))
        })
        .collect()
}

impl App {
    /// `a` in the Inventory: a form for a new item.
    pub(crate) fn open_new_item(&mut self) {
        self.focus = Pane::Inventory;
        let form = ItemForm::form(self.plan(), None);
        self.open(form);
    }

    /// Enter or `e` in the Inventory: a form over the selected item.
    pub(crate) fn open_item(&mut self) {
        let Some(item) = self.selected_item().cloned() else {
            self.info("no item selected (a adds one)");
            return;
        };
        let form = ItemForm::form(self.plan(), Some(&item));
        self.open(form);
    }
}
