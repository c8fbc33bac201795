//! Reading one CSV row of an export: checking its cells, and adding it to the group (future
//! inventory item) it belongs to. Split from `inventory_import` so the per-row path, the one a
//! 100k-row import spends its time in, reads on its own.

use super::cells::{eol_months, out_of_service, parse_day};
use super::columns::{Columns, Field};
use super::csv_util::{
    norm_header, parse_count, parse_money_cents, parse_year_month, push_slug, slug,
};
use super::group::Group;
use super::inventory_import::InventoryFormat;
use super::sites::{Resolved, SiteResolver};
use super::{ModelRules, RowError};
use crate::fast_hash::{FastMap, SeenKeys, fast_map};
use crate::model::{Category, ErateCategory, Item, Renewal};
use std::collections::{BTreeMap, HashMap};

/// The model given to export rows without one.
pub const UNKNOWN_MODEL: &str = "Unknown model";

/// Days without a sync after which a device is stale: the default of the standard that reads
/// `last_sync_days` (DEV-04), so one item never mixes synced and stale devices.
pub const STALE_SYNC_DAYS: i64 = 30;

/// Roughly how many rows a CSV text has, from the length of its first lines.
pub(crate) fn estimate_rows(text: &str) -> usize {
    let sample = &text.as_bytes()[..text.len().min(16 * 1024)];
    let lines = sample.iter().filter(|&&b| b == b'\n').count().max(1);
    (text.len() / (sample.len() / lines).max(1)).min(10_000_000)
}

/// The importer's running state over the rows of one file.
pub(crate) struct State<'a> {
    file: &'a str,
    format: InventoryFormat,
    cols: &'a Columns,
    rules: &'a ModelRules,
    existing: &'a [Item],
    /// Existing assets (tags and serials) -> index of the item holding them.
    owner: FastMap<&'a str, usize>,
    pub groups: Vec<Group>,
    group_of: FastMap<String, usize>,
    /// Assets of existing items that this file moves elsewhere or retires.
    pub leaving: HashMap<usize, Vec<String>>,
    pub tags_seen: SeenKeys,
    pub serials_seen: SeenKeys,
    pub errors: Vec<RowError>,
    pub rows_read: usize,
    /// Fields in the header row; a data row with fewer (or more, non-empty) is refused.
    pub header_len: usize,
    pub retired: usize,
    /// Rows left out as not in service, by the status written in the file.
    pub not_in_service: BTreeMap<String, usize>,
    pub no_site: usize,
    pub no_model: usize,
    key: String,
    /// Export locations -> the district's sites.
    pub sites: SiteResolver,
    /// Org-unit path -> (the school it names, or "", whether it is a staff unit).
    ou_cache: FastMap<String, (String, bool)>,
    /// The day `last_sync_days` is counted to (the import's day); none leaves sync unknown.
    today: Option<chrono::NaiveDate>,
}

impl<'a> State<'a> {
    pub fn new(
        file: &'a str,
        format: InventoryFormat,
        cols: &'a Columns,
        existing: &'a [Item],
        rules: &'a ModelRules,
        sites: SiteResolver,
        today: Option<chrono::NaiveDate>,
    ) -> Self {
        let mut owner: FastMap<&str, usize> = fast_map();
        owner.reserve(existing.iter().map(|i| i.assets.len()).sum());
        for (i, item) in existing.iter().enumerate() {
            for a in &item.assets {
                owner.entry(a.as_str()).or_insert(i);
            }
        }
        State {
            file,
            format,
            cols,
            rules,
            existing,
            owner,
            groups: Vec::new(),
            group_of: fast_map(),
            leaving: HashMap::new(),
            tags_seen: SeenKeys::default(),
            serials_seen: SeenKeys::default(),
            errors: Vec::new(),
            rows_read: 0,
            header_len: 0,
            retired: 0,
            not_in_service: BTreeMap::new(),
            no_site: 0,
            no_model: 0,
            key: String::with_capacity(64),
            sites,
            ou_cache: fast_map(),
            today,
        }
    }

    /// Size the per-row tables once instead of rehashing as they grow.
    pub fn reserve(&mut self, rows: usize) {
        self.tags_seen.reserve(rows);
        self.serials_seen.reserve(rows);
    }

    fn err(&mut self, line: usize, col: Option<usize>, message: String) {
        let column = col.map(|i| self.cols.name(i).to_string());
        self.errors.push(RowError {
            file: self.file.into(),
            line,
            column,
            message: crate::decode::one_line(&message, 240),
        });
    }

    pub fn row(&mut self, rec: &csv::StringRecord, line: usize) {
        if rec.iter().all(|f| f.trim().is_empty()) {
            return;
        }
        self.rows_read += 1;
        let fields = rec.len();
        let extra_filled = rec
            .iter()
            .skip(self.header_len)
            .any(|f| !f.trim().is_empty());
        if self.header_len > 0 && (fields < self.header_len || extra_filled) {
            // A row cut short (or run on) would import with its trailing fields read from the
            // wrong columns or left at defaults: refuse it by line.
            let how = if fields < self.header_len {
                "fewer"
            } else {
                "more"
            };
            self.err(
                line,
                None,
                format!(
                    "the row has {fields} fields, {how} than the header's {}; is a field cut short or a comma unquoted?",
                    self.header_len
                ),
            );
            return;
        }
        let cols = self.cols;
        let get = |f: Field| -> Option<(&str, usize)> {
            cols.of(f).iter().find_map(|&i| {
                rec.get(i)
                    .map(str::trim)
                    .filter(|v| !v.is_empty())
                    .map(|v| (v, i))
            })
        };
        let errors_before = self.errors.len();
        let tag = get(Field::AssetTag);
        let serial = get(Field::Serial);
        // Duplicates within the file.
        for (val, seen_is_tag) in [(tag, true), (serial, false)] {
            let Some((v, col)) = val else { continue };
            let seen = if seen_is_tag {
                &mut self.tags_seen
            } else {
                &mut self.serials_seen
            };
            if let Some(first) = seen.insert(v, line) {
                let what = if seen_is_tag { "asset tag" } else { "serial" };
                self.err(
                    line,
                    Some(col),
                    format!("duplicate {what} {v:?} (first on line {first})"),
                );
            }
        }
        let asset = tag.or(serial).map(|(v, _)| v);
        // The existing item holding this asset, and the spelling it stores (tag or serial).
        let owned = tag
            .and_then(|(v, _)| self.owner.get_key_value(v))
            .or_else(|| serial.and_then(|(v, _)| self.owner.get_key_value(v)))
            .map(|(k, i)| (*k, *i));
        let owner = owned.map(|(_, i)| i);
        if let Some((status, _)) = get(Field::Status)
            && out_of_service(status)
        {
            self.retired += 1;
            *self.not_in_service.entry(status.to_string()).or_default() += 1;
            if let Some((k, o)) = owned {
                self.leaving.entry(o).or_default().push(k.to_string());
            }
            return;
        }
        if asset.is_none() && self.format != InventoryFormat::Generic {
            let (col, what) = match self.format {
                InventoryFormat::GoogleAdmin => {
                    (cols.of(Field::Serial).first().copied(), "serial number")
                }
                _ => (cols.of(Field::AssetTag).first().copied(), "asset tag"),
            };
            self.err(line, col, format!("empty {what}: every asset needs one"));
        }
        // Exports sometimes lack a model (old or pre-provisioned devices): keep the asset.
        let model = match get(Field::Model) {
            None if self.format != InventoryFormat::Generic => {
                self.no_model += 1;
                Some((UNKNOWN_MODEL, 0))
            }
            None => {
                let col = cols.of(Field::Model).first().copied();
                self.err(line, col, "empty name: every line needs one".into());
                None
            }
            m => m,
        };

        // Cells that must parse.
        let money = |st: &mut Self, f: Field| -> Option<i64> {
            let (v, col) = get(f)?;
            match parse_money_cents(v) {
                Ok(Some(c)) if c < 0 => {
                    st.err(
                        line,
                        Some(col),
                        format!("a cost cannot be negative, found {v:?}"),
                    );
                    None
                }
                Ok(c) => c,
                Err(m) => {
                    st.err(line, Some(col), m);
                    None
                }
            }
        };
        let unit_cost = money(self, Field::UnitCost);
        let annual = money(self, Field::AnnualCost);
        let date = |st: &mut Self, f: Field| match get(f) {
            Some((v, col)) => parse_year_month(v).unwrap_or_else(|m| {
                st.err(line, Some(col), m);
                None
            }),
            None => None,
        };
        let acquired = date(self, Field::Acquired);
        let (mut eos, mut life) = (None, None);
        if let Some((v, col)) = get(Field::Eol) {
            // Snipe-IT's EOL may be months of life ("36", "36 months") rather than a date.
            if let Some(months) = eol_months(v) {
                life = Some(u8::try_from(months.div_ceil(12).max(1)).unwrap_or(u8::MAX));
            } else {
                eos = parse_year_month(v).unwrap_or_else(|m| {
                    self.err(line, Some(col), m);
                    None
                });
            }
        }
        if let Some((v, col)) = get(Field::LifeYears) {
            match parse_count(v) {
                Ok(Some(n)) if (1..=100).contains(&n) => life = u8::try_from(n).ok(),
                _ => self.err(
                    line,
                    Some(col),
                    format!("expected a life in whole years (1-100), found {v:?}"),
                ),
            }
        }
        let quantity = match get(Field::Quantity) {
            Some((v, col)) => match parse_count(v) {
                Ok(Some(n)) if n >= 1 => n,
                Ok(_) => {
                    self.err(
                        line,
                        Some(col),
                        format!("quantity must be at least 1, found {v:?}"),
                    );
                    1
                }
                Err(m) => {
                    self.err(line, Some(col), m);
                    1
                }
            },
            None => 1,
        };
        let category = match get(Field::Category) {
            Some((v, col)) if self.format == InventoryFormat::Generic => {
                match v.parse::<Category>() {
                    Ok(c) => Some(c),
                    Err(m) => {
                        self.err(line, Some(col), m);
                        None
                    }
                }
            }
            _ => None,
        };
        let erate = match get(Field::Erate) {
            Some((v, col)) => match norm_header(v).as_str() {
                "c1" | "1" | "category1" => Some(ErateCategory::C1),
                "c2" | "2" | "category2" => Some(ErateCategory::C2),
                "no" | "none" | "n" => None,
                _ => {
                    self.err(line, Some(col), format!("expected C1 or C2, found {v:?}"));
                    None
                }
            },
            None => None,
        };
        let renewal = match get(Field::Renewal) {
            Some((v, col)) => match norm_header(v).as_str() {
                "renew" | "renews" | "auto" | "autorenew" | "yes" => Some(Renewal::Renew),
                "sunset" | "end" | "cancel" | "no" => Some(Renewal::Sunset),
                "" => None,
                _ => {
                    self.err(
                        line,
                        Some(col),
                        format!("expected renew or sunset, found {v:?}"),
                    );
                    None
                }
            },
            None => None,
        };
        if self.errors.len() > errors_before {
            return;
        }
        let Some((model, _)) = model else { return };

        // The site: an explicit location column first, then the org unit's school.
        // Org-unit paths repeat across thousands of rows: each is read once.
        let (ou_school, staff) = match get(Field::OrgUnit) {
            Some((path, _)) => {
                if !self.ou_cache.contains_key(path) {
                    let school = self.rules.site_from_ou(path).unwrap_or("").to_string();
                    let staff = self.rules.is_staff_ou(path);
                    self.ou_cache.insert(path.to_string(), (school, staff));
                }
                let (school, staff) = &self.ou_cache[path];
                (school.as_str(), *staff)
            }
            None => ("", false),
        };
        let location = get(Field::Site).map_or("", |(v, _)| v);
        let site = match self.sites.resolve(&[location, ou_school]) {
            Resolved::Site(id) => Some(id),
            Resolved::Unmatched => None,
        };
        if location.is_empty() && ou_school.is_empty() {
            self.no_site += 1;
        }
        let site = site.as_deref();
        let boot_dev = get(Field::BootMode).map(|(b, _)| !b.eq_ignore_ascii_case("verified"));
        let sync_days = match (self.today, get(Field::LastSync)) {
            (Some(today), Some((v, _))) => parse_day(v).map(|d| (today - d).num_days().max(0)),
            _ => None,
        };
        let stale = sync_days.is_some_and(|d| d > STALE_SYNC_DAYS);

        // Which item this row joins.
        self.key.clear();
        let explicit_id = if self.format == InventoryFormat::Generic {
            get(Field::Id)
        } else {
            None
        };
        let mut joins_owner = false;
        if let Some((id, _)) = explicit_id {
            self.key.push_str(id);
        } else if let Some(o) = owner.filter(|&o| self.existing[o].site.as_deref() == site) {
            self.key.push_str(&self.existing[o].id);
            joins_owner = true;
        } else {
            self.key.push_str("IMP-");
            push_slug(&mut self.key, model);
            self.key.push('-');
            self.key.push_str(site.unwrap_or("district"));
            match acquired {
                Some(ym) => {
                    use std::fmt::Write;
                    let _ = write!(self.key, "-{}", ym.year);
                }
                None => self.key.push_str("-undated"),
            }
            // Units whose facts differ are kept apart so a share check counts each unit right:
            // staff devices, developer-mode devices and stale devices get their own items.
            for (on, suffix) in [
                (staff, "-staff"),
                (boot_dev == Some(true), "-dev"),
                (stale, "-stale"),
            ] {
                if on {
                    self.key.push_str(suffix);
                }
            }
        }
        if let Some((k, o)) = owned
            && !joins_owner
            && self.existing[o].id != self.key
        {
            self.leaving.entry(o).or_default().push(k.to_string());
        }
        let gi = match self.group_of.get(self.key.as_str()) {
            Some(&gi) => gi,
            None => {
                let g = Group {
                    id: self.key.clone(),
                    model: model.to_string(),
                    model_no: get(Field::ModelNo).map_or(String::new(), |(v, _)| v.to_string()),
                    category_text: get(Field::Category)
                        .map_or(String::new(), |(v, _)| v.to_string()),
                    staff,
                    google: self.format == InventoryFormat::GoogleAdmin,
                    category,
                    kind: get(Field::Kind).map(|(v, _)| slug(v)),
                    site: site.map(str::to_string),
                    ..Group::default()
                };
                self.groups.push(g);
                self.group_of
                    .insert(self.key.clone(), self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let g = &mut self.groups[gi];
        let q = u64::from(quantity);
        g.qty += q;
        g.rows += 1;
        // Joining its item, an asset keeps the spelling that item stores.
        let stored = if joins_owner {
            owned.map(|(k, _)| k)
        } else {
            asset
        };
        match stored {
            Some(a) => g.assets.push(a.to_string()),
            None => g.untracked += q,
        }
        if let Some(c) = unit_cost {
            g.cost_sum += i128::from(c) * i128::from(quantity);
            g.cost_units += q;
        }
        if let Some(c) = annual {
            g.annual_sum += i128::from(c) * i128::from(quantity);
            g.annual_units += q;
        }
        g.add_acquired(acquired);
        g.add_eos(eos);
        if g.life.is_none() {
            g.life = life;
        }
        if g.vendor.is_none() {
            g.vendor = get(Field::Vendor).map(|(v, _)| v.to_string());
        }
        if g.funding.is_none() {
            g.funding = get(Field::Funding).map(|(v, _)| slug(v));
        }
        g.erate = g.erate.or(erate);
        g.renewal = g.renewal.or(renewal);
        if let Some((t, _)) = get(Field::Tags) {
            g.add_tags(t);
        }
        if let Some((s, _)) = get(Field::Status) {
            g.add_status(s);
        }
        if let Some(dev) = boot_dev {
            g.boot_known += q;
            if dev {
                g.boot_dev += q;
            }
        }
        if let Some(days) = sync_days {
            g.sync_units += q;
            g.sync_max_days = g.sync_max_days.max(days);
        }
        if tag.is_some() {
            g.tagged_units += q;
        }
        if let Some((v, _)) = get(Field::OsVersion) {
            g.add_os(v);
        }
        for (i, name) in &cols.attrs {
            let v = rec.get(*i).map_or("", str::trim);
            g.add_attr(
                name,
                (!v.is_empty()).then(|| crate::model::AttrValue::parse_cell(v)),
            );
        }
    }
}
