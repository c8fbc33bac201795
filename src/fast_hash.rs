//! A small, fast, non-cryptographic hasher (the Fx hash used inside rustc) and a duplicate-key
//! set that stores its keys in one arena, for the per-row hash look-ups of a 100k-row import.
//!
//! Also used for the assessment's per-item look-ups (kind -> slots, site -> index). Keys are the
//! user's own data, so hash flooding is not a concern; std's SipHash and one heap allocation per
//! key were most of a 100k-row import's time.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hash, Hasher};

/// The Fx hash: a rotate, xor and multiply per 8 bytes.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59));
        }
    }
    #[inline]
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    #[inline]
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    #[inline]
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with the Fx hash.
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// A `HashSet` with the Fx hash.
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FxHasher>>;

pub fn fast_map<K, V>() -> FastMap<K, V> {
    HashMap::default()
}

fn hash_str(s: &str) -> u64 {
    let mut h = FxHasher::default();
    s.hash(&mut h);
    h.finish()
}

/// Keys seen so far (asset tags, serials) with the line each was first seen on. Keys live in
/// one string arena; a 64-bit hash collision between different keys falls back to a map.
#[derive(Default)]
pub struct SeenKeys {
    arena: String,
    first: FastMap<u64, (u32, u32, usize)>,
    spill: FastMap<String, usize>,
}

impl SeenKeys {
    /// Make room for about `keys` keys (of ~16 bytes).
    pub fn reserve(&mut self, keys: usize) {
        self.first.reserve(keys);
        self.arena.reserve(keys.saturating_mul(16));
    }

    /// Whether `key` was seen.
    pub fn contains(&self, key: &str) -> bool {
        match self.first.get(&hash_str(key)) {
            Some(&(s, l, _)) if self.arena.get(s as usize..(s + l) as usize) == Some(key) => true,
            _ => self.spill.contains_key(key),
        }
    }

    /// Record `key` first seen on `line`; if it was seen before, the line it was first seen on.
    pub fn insert(&mut self, key: &str, line: usize) -> Option<usize> {
        use std::collections::hash_map::Entry;
        let (Ok(start), Ok(len)) = (u32::try_from(self.arena.len()), u32::try_from(key.len()))
        else {
            return self.spill_insert(key, line);
        };
        match self.first.entry(hash_str(key)) {
            Entry::Vacant(v) => {
                self.arena.push_str(key);
                v.insert((start, len, line));
                None
            }
            Entry::Occupied(o) => {
                let (s, l, first) = *o.get();
                let (s, l) = (s as usize, l as usize);
                if self.arena.get(s..s + l) == Some(key) {
                    Some(first)
                } else {
                    // Two different keys with one 64-bit hash.
                    self.spill_insert(key, line)
                }
            }
        }
    }

    fn spill_insert(&mut self, key: &str, line: usize) -> Option<usize> {
        if let Some(&f) = self.spill.get(key) {
            return Some(f);
        }
        self.spill.insert(key.to_string(), line);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seen_keys_report_the_first_line() {
        let mut seen = SeenKeys::default();
        assert_eq!(seen.insert("T-1", 2), None);
        assert_eq!(seen.insert("T-2", 3), None);
        assert_eq!(seen.insert("T-1", 4), Some(2));
        assert_eq!(seen.insert("T-1 ", 5), None);
        let mut m: FastMap<&str, u8> = fast_map();
        m.insert("a", 1);
        assert_eq!(m.get("a"), Some(&1));
    }
}
