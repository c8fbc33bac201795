//! Turning a file's bytes into text, the one way every reader does it (plans, standards,
//! themes, keymaps, CSV, OSCAL, model rules).
//!
//! Files come from other systems: spreadsheets save UTF-16 with a byte-order mark, older tools
//! write Windows-1252. Each is refused with the position of the first byte that is not UTF-8
//! (`FILE:LINE:COL`), never read as garbage and never silently skipped. A UTF-8 byte-order mark
//! is dropped. Messages that quote the file's own text cut the quotation with `excerpt`, so a
//! 10 MB line cannot become 10 MB of stderr.

use std::borrow::Cow;

/// Why a file's bytes are not text vcio can read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    pub line: usize,
    pub col: usize,
    pub message: String,
}

impl DecodeError {
    /// `FILE:LINE:COL: message`.
    pub fn at(&self, file: &str) -> String {
        format!("{file}:{}:{}: {}", self.line, self.col, self.message)
    }
}

/// The text of `bytes`: UTF-8, with a leading byte-order mark removed.
pub fn text(bytes: &[u8]) -> Result<Cow<'_, str>, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let order = if bytes[0] == 0xFF { "LE" } else { "BE" };
        return Err(DecodeError {
            line: 1,
            col: 1,
            message: format!(
                "the file is UTF-16 {order} (it starts with a UTF-16 byte-order mark); save it as UTF-8 and try again"
            ),
        });
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            // Columns count characters, as editors show them.
            let col = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let bad = bytes[e.valid_up_to()];
            let hint =
                if bytes.len() > 1 && bytes.iter().step_by(2).skip(1).take(64).all(|&b| b == 0) {
                    " (it looks like UTF-16 without a byte-order mark)"
                } else {
                    ""
                };
            Err(DecodeError {
                line,
                col,
                message: format!(
                    "byte 0x{bad:02X} is not UTF-8{hint}; save the file as UTF-8 and try again"
                ),
            })
        }
    }
}

/// Reads `path` as text; errors are one line naming the file (and the line and column of the
/// first bad byte).
pub fn read_file(path: &std::path::Path) -> Result<String, String> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
    text(&bytes).map(Cow::into_owned).map_err(|e| e.at(&shown))
}

/// At most `max` characters of `s`, with `…` and the length when cut: how a message quotes a
/// token from a file.
pub fn excerpt(s: &str, max: usize) -> Cow<'_, str> {
    if s.chars().nth(max).is_none() {
        return Cow::Borrowed(s);
    }
    let cut: String = s.chars().take(max).collect();
    Cow::Owned(format!("{cut}… ({} characters)", s.chars().count()))
}

/// A message cut to one readable line of at most `max` characters.
pub fn one_line(message: &str, max: usize) -> String {
    let flat = message.replace(['\n', '\r'], " ");
    excerpt(&flat, max).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_named_at_line_one() {
        let e = text(b"\xFF\xFEa\0b\0").expect_err("utf-16");
        assert_eq!((e.line, e.col), (1, 1));
        assert!(e.message.contains("UTF-16 LE"), "{}", e.message);
    }

    #[test]
    fn the_first_bad_byte_is_located_by_line_and_character() {
        // Line 2 is "α1,caf" then a Latin-1 é: the 7th character of the line.
        let e = text(b"id,name\n\xCE\xB11,caf\xE9\n").expect_err("latin-1");
        assert_eq!((e.line, e.col), (2, 7));
        assert!(e.message.contains("0xE9"));
    }

    #[test]
    fn a_utf8_bom_is_dropped() {
        assert_eq!(text(b"\xEF\xBB\xBFid").expect("utf-8"), "id");
    }

    #[test]
    fn excerpts_are_short() {
        let long = "x".repeat(10_000);
        let e = excerpt(&long, 40);
        assert!(e.len() < 80, "{e}");
        assert!(e.contains("10000 characters"));
        assert_eq!(excerpt("short", 40), "short");
    }
}
