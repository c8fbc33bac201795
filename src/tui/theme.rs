//! Themes: semantic styles read from RON files in `themes/` (embedded with `include_str!`),
//! overridable by `<data_dir>/themes/NAME.ron`. A theme file is a partial override of the
//! default theme; every role not named keeps the default's style.
//!
//! Styles are written as words: colour names (the 16 ANSI colours plus `reset`), `on COLOUR`
//! for a background, and modifiers (`bold`, `dim`, `italic`, `underlined`, `reversed`). With
//! `NO_COLOR` set every colour is dropped and only modifiers remain, so meaning never rests on
//! colour alone.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// The built-in themes, in the order `t` cycles through them.
pub const BUILTIN: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.ron")),
    ("light", include_str!("../../themes/light.ron")),
    ("projector", include_str!("../../themes/projector.ron")),
    ("mono", include_str!("../../themes/mono.ron")),
];

/// Resolved styles by role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    pub name: String,
    pub base: Style,
    pub border: Style,
    pub border_focus: Style,
    pub title: Style,
    pub title_focus: Style,
    pub header: Style,
    pub selected: Style,
    pub muted: Style,
    pub key: Style,
    pub ok: Style,
    pub fail: Style,
    pub unknown: Style,
    pub over: Style,
    pub warn: Style,
    pub bar: Style,
    pub bar_selected: Style,
    pub now: Style,
    pub status_info: Style,
    pub status_error: Style,
    pub critical: Style,
    pub high: Style,
    pub medium: Style,
    pub low: Style,
    /// Bar styles by standards area ("Security", "Devices", ...).
    pub areas: BTreeMap<String, Style>,
}

/// A theme file as written: every role optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    #[serde(default)]
    base: Spec,
    #[serde(default)]
    border: Spec,
    #[serde(default)]
    border_focus: Spec,
    #[serde(default)]
    title: Spec,
    #[serde(default)]
    title_focus: Spec,
    #[serde(default)]
    header: Spec,
    #[serde(default)]
    selected: Spec,
    #[serde(default)]
    muted: Spec,
    #[serde(default)]
    key: Spec,
    #[serde(default)]
    ok: Spec,
    #[serde(default)]
    fail: Spec,
    #[serde(default)]
    unknown: Spec,
    #[serde(default)]
    over: Spec,
    #[serde(default)]
    warn: Spec,
    #[serde(default)]
    bar: Spec,
    #[serde(default)]
    bar_selected: Spec,
    #[serde(default)]
    now: Spec,
    #[serde(default)]
    status_info: Spec,
    #[serde(default)]
    status_error: Spec,
    #[serde(default)]
    critical: Spec,
    #[serde(default)]
    high: Spec,
    #[serde(default)]
    medium: Spec,
    #[serde(default)]
    low: Spec,
    #[serde(default)]
    areas: BTreeMap<String, Spec>,
}

/// A style written as words, parsed while deserializing so errors carry the file position.
#[derive(Debug, Clone, Copy, Default)]
struct Spec(Option<Style>);

impl<'de> Deserialize<'de> for Spec {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        parse_style(&s)
            .map(|st| Spec(Some(st)))
            .map_err(serde::de::Error::custom)
    }
}

fn color(word: &str) -> Option<Color> {
    Some(match word {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" => Color::DarkGray,
        "lightred" => Color::LightRed,
        "lightgreen" => Color::LightGreen,
        "lightyellow" => Color::LightYellow,
        "lightblue" => Color::LightBlue,
        "lightmagenta" => Color::LightMagenta,
        "lightcyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// Parses "yellow on black bold" into a style.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = spec.split_whitespace().map(str::to_ascii_lowercase);
    while let Some(w) = words.next() {
        let modifier = match w.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underlined" | "underline" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            "plain" | "none" => None,
            _ => {
                if w == "on" {
                    let bg = words.next().unwrap_or_default();
                    style = style.bg(color(&bg).ok_or_else(|| {
                        format!("unknown background colour {bg:?} in style {spec:?}")
                    })?);
                } else {
                    style = style.fg(color(&w).ok_or_else(|| {
                        format!(
                            "unknown colour or modifier {w:?} in style {spec:?} (colours: black red green yellow blue magenta cyan gray darkgray light* white reset; modifiers: bold dim italic underlined reversed)"
                        )
                    })?);
                }
                None
            }
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        }
    }
    Ok(style)
}

impl Theme {
    /// The default theme, parsed from the embedded file (which a test proves valid).
    pub fn fallback() -> Theme {
        let mut t = Theme::blank("default");
        if let Ok(file) = ron::from_str::<ThemeFile>(BUILTIN[0].1) {
            t.overlay(file);
        }
        t
    }

    fn blank(name: &str) -> Theme {
        let s = Style::new();
        Theme {
            name: name.into(),
            base: s,
            border: s,
            border_focus: s.add_modifier(Modifier::BOLD),
            title: s,
            title_focus: s.add_modifier(Modifier::BOLD),
            header: s.add_modifier(Modifier::BOLD),
            selected: s.add_modifier(Modifier::REVERSED),
            muted: s,
            key: s.add_modifier(Modifier::BOLD),
            ok: s,
            fail: s.add_modifier(Modifier::BOLD),
            unknown: s,
            over: s.add_modifier(Modifier::BOLD),
            warn: s.add_modifier(Modifier::BOLD),
            bar: s,
            bar_selected: s.add_modifier(Modifier::BOLD),
            now: s,
            status_info: s,
            status_error: s.add_modifier(Modifier::BOLD),
            critical: s.add_modifier(Modifier::BOLD),
            high: s.add_modifier(Modifier::BOLD),
            medium: s,
            low: s,
            areas: BTreeMap::new(),
        }
    }

    fn overlay(&mut self, f: ThemeFile) {
        let pairs: [(&mut Style, Spec); 23] = [
            (&mut self.base, f.base),
            (&mut self.border, f.border),
            (&mut self.border_focus, f.border_focus),
            (&mut self.title, f.title),
            (&mut self.title_focus, f.title_focus),
            (&mut self.header, f.header),
            (&mut self.selected, f.selected),
            (&mut self.muted, f.muted),
            (&mut self.key, f.key),
            (&mut self.ok, f.ok),
            (&mut self.fail, f.fail),
            (&mut self.unknown, f.unknown),
            (&mut self.over, f.over),
            (&mut self.warn, f.warn),
            (&mut self.bar, f.bar),
            (&mut self.bar_selected, f.bar_selected),
            (&mut self.now, f.now),
            (&mut self.status_info, f.status_info),
            (&mut self.status_error, f.status_error),
            (&mut self.critical, f.critical),
            (&mut self.high, f.high),
            (&mut self.medium, f.medium),
            (&mut self.low, f.low),
        ];
        for (slot, spec) in pairs {
            if let Spec(Some(s)) = spec {
                *slot = s;
            }
        }
        for (area, spec) in f.areas {
            if let Spec(Some(s)) = spec {
                self.areas.insert(area, s);
            }
        }
    }

    /// Parses theme text over the default theme. Errors read `LINE:COL: message`.
    pub fn parse(name: &str, text: &str) -> Result<Theme, String> {
        let file: ThemeFile = ron::from_str(text)
            .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))?;
        let mut t = Theme::fallback();
        t.name = name.into();
        t.overlay(file);
        if name == "mono" {
            // Mono means no colour at all, whatever the default's areas say.
            t = t.without_color();
        }
        Ok(t)
    }

    /// The bar style for a standards area; areas without a style use `bar`.
    pub fn area(&self, area: &str) -> Style {
        self.areas.get(area).copied().unwrap_or(self.bar)
    }

    /// Drops every colour and keeps modifiers (NO_COLOR).
    pub fn without_color(mut self) -> Theme {
        let strip = |s: &mut Style| {
            s.fg = None;
            s.bg = None;
            s.underline_color = None;
        };
        for s in [
            &mut self.base,
            &mut self.border,
            &mut self.border_focus,
            &mut self.title,
            &mut self.title_focus,
            &mut self.header,
            &mut self.selected,
            &mut self.muted,
            &mut self.key,
            &mut self.ok,
            &mut self.fail,
            &mut self.unknown,
            &mut self.over,
            &mut self.warn,
            &mut self.bar,
            &mut self.bar_selected,
            &mut self.now,
            &mut self.status_info,
            &mut self.status_error,
            &mut self.critical,
            &mut self.high,
            &mut self.medium,
            &mut self.low,
        ] {
            strip(s);
        }
        self.areas.values_mut().for_each(strip);
        self
    }
}

/// The themes available: the built-ins (each replaced by `<data_dir>/themes/NAME.ron` when that
/// exists) and any other `.ron` file there. Files that fail to parse are reported as
/// `FILE:LINE:COL: message` and skipped (the embedded version is used instead).
pub fn load_all(data_dir: &Path) -> (Vec<Theme>, Vec<String>) {
    let mut themes = Vec::new();
    let mut errors = Vec::new();
    let dir = data_dir.join("themes");
    for (name, text) in BUILTIN {
        let path = dir.join(format!("{name}.ron"));
        let user = match std::fs::read(&path) {
            Ok(bytes) => Some(crate::decode::text(&bytes).map(|t| t.into_owned())),
            Err(_) => None,
        };
        if let Some(user) = user {
            match user
                .map_err(|e| format!("{}:{}: {}", e.line, e.col, e.message))
                .and_then(|user| Theme::parse(name, &user))
            {
                Ok(t) => {
                    themes.push(t);
                    continue;
                }
                Err(e) => errors.push(format!("{}:{e}", path.display())),
            }
        }
        match Theme::parse(name, text) {
            Ok(t) => themes.push(t),
            Err(e) => errors.push(format!("themes/{name}.ron:{e}")),
        }
    }
    let mut extra: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    extra.sort();
    for path in extra {
        let Some(stem) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .filter(|_| path.extension().is_some_and(|e| e == "ron"))
        else {
            continue;
        };
        if BUILTIN.iter().any(|(n, _)| *n == stem) {
            continue;
        }
        match std::fs::read(&path)
            .map_err(|e| format!("1:1: {e}"))
            .and_then(|bytes| {
                crate::decode::text(&bytes)
                    .map(|t| t.into_owned())
                    .map_err(|e| format!("{}:{}: {}", e.line, e.col, e.message))
            })
            .and_then(|text| Theme::parse(stem, &text))
        {
            Ok(t) => themes.push(t),
            Err(e) => errors.push(format!("{}:{e}", path.display())),
        }
    }
    if themes.is_empty() {
        themes.push(Theme::fallback());
    }
    (themes, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_themes_parse() {
        for (name, text) in BUILTIN {
            if let Err(e) = Theme::parse(name, text) {
                panic!("{name}: {e}")
            }
        }
    }

    #[test]
    fn errors_carry_line_and_column() {
        let err = Theme::parse("x", "(\n  fail: \"purple\",\n)").unwrap_err();
        assert!(err.starts_with("2:"), "{err}");
        assert!(err.contains("purple"), "{err}");
    }

    #[test]
    fn styles_parse() {
        let s = parse_style("yellow on black bold").unwrap();
        assert_eq!(s.fg, Some(Color::Yellow));
        assert_eq!(s.bg, Some(Color::Black));
        assert!(s.add_modifier.contains(Modifier::BOLD));
    }
}
