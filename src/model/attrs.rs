//! An inventory item's free attributes (`status`, `mbps`, `encrypted`, ...): a handful per item,
//! read by standards' predicates.
//!
//! Why not a `BTreeMap<String, AttrValue>`: its smallest node holds room for 11 entries, about
//! 650 bytes, and every key is its own heap string, so at 100k items the attributes were over
//! half of the inventory's memory. Here they are one exactly-sized vector sorted by key, and
//! keys are interned (a district uses a few dozen distinct names), which takes an item's
//! attributes from ~690 to ~180 bytes. On the wire they stay a map, byte for byte what the
//! `BTreeMap` wrote, so stored sessions, backups and exports read back unchanged.

use super::inventory::AttrValue;
use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::HashSet;
use std::sync::{Arc, Mutex, OnceLock};

/// The one shared copy of an attribute name.
fn intern(name: &str) -> Arc<str> {
    static NAMES: OnceLock<Mutex<HashSet<Arc<str>>>> = OnceLock::new();
    let names = NAMES.get_or_init(Default::default);
    // A poisoned lock still holds a valid set (inserting cannot leave it half-done).
    let mut set = names.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(known) = set.get(name) {
        return known.clone();
    }
    let new: Arc<str> = Arc::from(name);
    set.insert(new.clone());
    new
}

/// Attributes sorted by name, each name once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Attrs(Vec<(Arc<str>, AttrValue)>);

impl Attrs {
    pub fn new() -> Attrs {
        Attrs::default()
    }

    pub fn get(&self, name: &str) -> Option<&AttrValue> {
        // An item has a handful of attributes, and this runs for every predicate on every item
        // of a 100k scan: a linear look with the length compared first skips the byte compare
        // (a libc call) for almost every key, where a binary search called it two or three
        // times (it was a fifth of the scan's time).
        if self.0.len() <= 8 {
            return self
                .0
                .iter()
                .find(|(k, _)| k.len() == name.len() && k.as_ref() == name)
                .map(|(_, v)| v);
        }
        self.0
            .binary_search_by(|(k, _)| k.as_ref().cmp(name))
            .ok()
            .map(|i| &self.0[i].1)
    }

    /// Sets `name`, returning the value it replaced.
    pub fn insert(&mut self, name: impl AsRef<str>, value: AttrValue) -> Option<AttrValue> {
        let name = name.as_ref();
        match self.0.binary_search_by(|(k, _)| k.as_ref().cmp(name)) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i].1, value)),
            Err(i) => {
                self.0.insert(i, (intern(name), value));
                None
            }
        }
    }

    /// Removes `name`, returning its value.
    pub fn remove(&mut self, name: &str) -> Option<AttrValue> {
        self.0
            .binary_search_by(|(k, _)| k.as_ref().cmp(name))
            .ok()
            .map(|i| self.0.remove(i).1)
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (name, value) in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &AttrValue)> {
        self.0.iter().map(|(k, v)| (k.as_ref(), v))
    }
}

impl<K: AsRef<str>> Extend<(K, AttrValue)> for Attrs {
    /// Later values win, as `BTreeMap::extend`.
    fn extend<I: IntoIterator<Item = (K, AttrValue)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl IntoIterator for Attrs {
    type Item = (Arc<str>, AttrValue);
    type IntoIter = std::vec::IntoIter<(Arc<str>, AttrValue)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<K: AsRef<str>> FromIterator<(K, AttrValue)> for Attrs {
    fn from_iter<I: IntoIterator<Item = (K, AttrValue)>>(iter: I) -> Attrs {
        let mut a = Attrs::new();
        a.extend(iter);
        a.0.shrink_to_fit();
        a
    }
}

impl Serialize for Attrs {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k.as_ref(), v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Attrs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Attrs, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Attrs;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of attribute names to values")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<Attrs, A::Error> {
                let mut out = Vec::with_capacity(m.size_hint().unwrap_or(0).min(64));
                while let Some((k, v)) = m.next_entry::<std::borrow::Cow<'de, str>, AttrValue>()? {
                    out.push((intern(&k), v));
                }
                // Sorted by name; of a repeated name the last wins, as a map read would.
                out.reverse();
                out.sort_by(|a: &(Arc<str>, AttrValue), b| a.0.cmp(&b.0));
                out.dedup_by(|a, b| a.0 == b.0);
                out.shrink_to_fit();
                Ok(Attrs(out))
            }
        }
        d.deserialize_map(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn sample() -> BTreeMap<String, AttrValue> {
        let mut m = BTreeMap::new();
        m.insert("mbps".to_string(), AttrValue::Num(1000.0));
        m.insert("encrypted".to_string(), AttrValue::Flag(true));
        m.insert("boot".to_string(), AttrValue::Text("uefi".into()));
        m
    }

    #[test]
    fn reads_and_writes_exactly_what_the_map_did() {
        let map = sample();
        let attrs: Attrs = map.clone().into_iter().collect();
        assert_eq!(
            serde_json::to_string(&attrs).unwrap(),
            serde_json::to_string(&map).unwrap()
        );
        assert_eq!(
            ron::to_string(&attrs).unwrap(),
            ron::to_string(&map).unwrap()
        );
        let back: Attrs = serde_json::from_str(&serde_json::to_string(&map).unwrap()).unwrap();
        assert_eq!(back, attrs);
        let back: Attrs = ron::from_str(&ron::to_string(&map).unwrap()).unwrap();
        assert_eq!(back, attrs);
    }

    #[test]
    fn lookups_inserts_and_repeats_behave_like_a_map() {
        let mut a: Attrs = sample().into_iter().collect();
        assert_eq!(a.get("mbps"), Some(&AttrValue::Num(1000.0)));
        assert_eq!(a.get("missing"), None);
        assert_eq!(
            a.insert("mbps", AttrValue::Num(10.0)),
            Some(AttrValue::Num(1000.0))
        );
        assert_eq!(a.insert("aaa", AttrValue::Flag(false)), None);
        let names: Vec<&str> = a.iter().map(|(k, _)| k).collect();
        assert_eq!(names, ["aaa", "boot", "encrypted", "mbps"]);
        let dup: Attrs = serde_json::from_str(r#"{"x": 1, "y": 2, "x": 3}"#).unwrap();
        assert_eq!(dup.len(), 2);
        assert_eq!(
            dup.get("x"),
            Some(&AttrValue::Num(3.0)),
            "the last one wins"
        );
    }
}
