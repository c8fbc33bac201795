//! Key layout and value codec.
//!
//! Every session lives in the same few global trees (never a tree per session: sled #1484).
//! A key is `session name, 0x00, rest`, where `rest` is an entity id (item, initiative, answer
//! key, override key), empty (district, budget), or a big-endian number (undo/redo depth, log
//! sequence) so iteration order is numeric. Session names never contain 0x00, so the prefix is
//! unambiguous.
//!
//! Values are JSON. `encode` reads every value back and compares it with the original before it
//! is written: a value that would not survive saving (a NaN, which JSON writes as `null`) is
//! refused up front instead of poisoning the session. Long values (a big undo entry such as an
//! import) are split into chunks of at most `CHUNK` bytes, because sled writes values over
//! ~128 KiB to unsynced blob files.

use super::StoreError;
use serde::{Serialize, de::DeserializeOwned};

/// Largest chunk of one value written under one key.
pub const CHUNK: usize = 32 * 1024;

/// `name 0x00`: the prefix of every key of a session.
pub fn prefix(session: &str) -> Vec<u8> {
    let mut k = Vec::with_capacity(session.len() + 1);
    k.extend_from_slice(session.as_bytes());
    k.push(0);
    k
}

/// `name 0x00 id`.
pub fn entity(session: &str, id: &str) -> Vec<u8> {
    let mut k = prefix(session);
    k.extend_from_slice(id.as_bytes());
    k
}

/// `name 0x00 n(be)`.
pub fn numbered(session: &str, n: u64) -> Vec<u8> {
    let mut k = prefix(session);
    k.extend_from_slice(&n.to_be_bytes());
    k
}

/// `name 0x00 n(be) chunk(be)`.
pub fn chunk(session: &str, n: u64, chunk: u32) -> Vec<u8> {
    let mut k = numbered(session, n);
    k.extend_from_slice(&chunk.to_be_bytes());
    k
}

/// The id part of an entity key, given the session prefix length.
pub fn id_of(key: &[u8], prefix_len: usize) -> Result<String, StoreError> {
    let rest = key.get(prefix_len..).unwrap_or_default();
    String::from_utf8(rest.to_vec()).map_err(|_| StoreError::Decode {
        what: "a key".into(),
        detail: "not UTF-8".into(),
    })
}

/// JSON bytes of `v`, verified to decode back to an equal value.
pub fn encode<T>(what: &str, v: &T) -> Result<Vec<u8>, StoreError>
where
    T: Serialize + DeserializeOwned + PartialEq,
{
    let bytes = serde_json::to_vec(v)
        .map_err(|e| StoreError::Invalid(format!("cannot save {what}: {e}")))?;
    match serde_json::from_slice::<T>(&bytes) {
        Ok(back) if back == *v => Ok(bytes),
        _ => Err(StoreError::Invalid(format!(
            "cannot save {what}: it holds a value that does not survive saving (a number that is not finite?)"
        ))),
    }
}

/// JSON bytes of `v` without the read-back check (for values vcio builds itself from checked
/// parts, such as session metadata).
pub fn encode_trusted<T: Serialize>(what: &str, v: &T) -> Result<Vec<u8>, StoreError> {
    serde_json::to_vec(v).map_err(|e| StoreError::Invalid(format!("cannot save {what}: {e}")))
}

pub fn decode<T: DeserializeOwned>(what: &str, bytes: &[u8]) -> Result<T, StoreError> {
    serde_json::from_slice(bytes).map_err(|e| StoreError::Decode {
        what: what.to_string(),
        detail: e.to_string(),
    })
}

/// `bytes` cut into chunks of at most `CHUNK` (at least one chunk, possibly empty).
pub fn chunks(bytes: &[u8]) -> Vec<Vec<u8>> {
    if bytes.is_empty() {
        return vec![Vec::new()];
    }
    bytes.chunks(CHUNK).map(<[u8]>::to_vec).collect()
}

/// Checks a session name: non-empty, no path separators or NUL, no leading dot, not too long.
pub fn check_name(name: &str) -> Result<(), StoreError> {
    let bad = |why: &str| {
        Err(StoreError::InvalidName {
            name: name.to_string(),
            why: why.to_string(),
        })
    };
    if name.trim().is_empty() {
        return bad("it is empty");
    }
    if name.trim() != name {
        return bad("it starts or ends with a space");
    }
    if name.contains(['/', '\\', '\0']) || name.chars().any(char::is_control) {
        return bad("it contains a slash, backslash or control character");
    }
    if name.starts_with('.') {
        return bad("it starts with a dot");
    }
    if name.len() > 64 {
        return bad("it is longer than 64 bytes");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_numerically_and_prefixes_do_not_collide() {
        assert!(numbered("s", 2) < numbered("s", 10));
        assert!(chunk("s", 1, 0) < chunk("s", 1, 1));
        assert!(chunk("s", 1, 9) < chunk("s", 2, 0));
        // "a" + 0 + "b..." never starts with "ab" + 0.
        assert!(!entity("a", "b").starts_with(&prefix("ab")));
        assert_eq!(
            id_of(&entity("sess", "ITEM-1"), prefix("sess").len()).ok(),
            Some("ITEM-1".into())
        );
    }

    #[test]
    fn encode_refuses_values_that_do_not_round_trip() {
        assert!(encode("x", &1.5f64).is_ok());
        assert!(encode("x", &f64::NAN).is_err());
        assert!(encode("x", &f64::INFINITY).is_err());
    }

    #[test]
    fn chunks_cover_the_bytes() {
        let big = vec![7u8; CHUNK * 2 + 5];
        let parts = chunks(&big);
        assert_eq!(parts.len(), 3);
        assert_eq!(parts.concat(), big);
        assert_eq!(chunks(&[]), vec![Vec::<u8>::new()]);
    }

    #[test]
    fn names_are_checked() {
        assert!(check_name("what-if 2").is_ok());
        for bad in ["", " x", "a/b", "a\0b", ".hidden", "a\\b"] {
            assert!(check_name(bad).is_err(), "{bad:?}");
        }
    }
}
