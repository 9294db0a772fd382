//! What the terminal can do, worked out once, and the theme and glyphs that
//! follow from it.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The terminal's capabilities, decided once at start-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// Draw with ASCII only (borders, markers, ellipses).
    pub ascii: bool,
    /// Use colors (off under `NO_COLOR` or `--no-color`).
    pub color: bool,
    /// Capture the mouse.
    pub mouse: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            ascii: false,
            color: true,
            mouse: true,
        }
    }
}

/// What `TERM` says of the terminal, from its terminfo entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    /// Unset or `dumb`: no full screen at all.
    Unusable(String),
    /// Its entry: whether it has colors (8 or more), and a mouse.
    Known {
        /// `colors` of 8 or more.
        colors: bool,
        /// A `kmous` key: it reports mouse events.
        mouse: bool,
    },
    /// No entry for it here: assumed able, as most terminals are.
    Unknown,
}

/// Reads `TERM`'s terminfo entry (the system's database, as ncurses does).
pub fn term_kind(term: Option<&str>) -> TermKind {
    use termini::{NumberCapability, StringCapability, TermInfo};
    match term.map(str::trim) {
        None | Some("") => TermKind::Unusable("unset".into()),
        Some("dumb") => TermKind::Unusable("dumb".into()),
        Some(t) => match TermInfo::from_name(t) {
            Ok(info) => TermKind::Known {
                colors: info
                    .number_cap(NumberCapability::MaxColors)
                    .is_some_and(|n| n >= 8),
                mouse: info.raw_string_cap(StringCapability::KeyMouse).is_some(),
            },
            Err(_) => TermKind::Unknown,
        },
    }
}

impl Settings {
    /// From the flags and the environment: ASCII when the locale is not UTF-8,
    /// no color when `NO_COLOR` is set (to anything non-empty) or when TERM's
    /// terminfo entry has none (`vt100`), no mouse capture when it reports
    /// no mouse.
    pub fn detect(ascii_flag: bool, no_color_flag: bool, no_mouse: bool) -> Self {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        let (term_colors, term_mouse) = match term_kind(env("TERM").as_deref()) {
            TermKind::Known { colors, mouse } => (colors, mouse),
            TermKind::Unusable(_) | TermKind::Unknown => (true, true),
        };
        Settings {
            ascii: ascii_flag || !locale_is_utf8(env("LC_ALL"), env("LC_CTYPE"), env("LANG")),
            color: !no_color_flag && env("NO_COLOR").is_none() && term_colors,
            mouse: !no_mouse && term_mouse,
        }
    }

    /// The theme for these settings.
    pub fn theme(&self) -> Theme {
        if self.color {
            Theme::colored()
        } else {
            Theme::monochrome()
        }
    }

    /// The border set: Unicode rounded, or ASCII.
    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::ROUNDED
        }
    }

    /// The bar chart's block characters.
    pub fn bars(&self) -> ratatui::symbols::bar::Set<'static> {
        if self.ascii {
            ASCII_BARS
        } else {
            ratatui::symbols::bar::NINE_LEVELS
        }
    }

    /// Glyphs used in the views.
    pub fn glyphs(&self) -> Glyphs {
        if self.ascii {
            Glyphs {
                marker: "*",
                hollow: "o",
                selected: ">",
                ellipsis: "...",
                axis: "-",
                sep: "|",
                dot: "#",
                arrow: "->",
                back: "<-",
            }
        } else {
            Glyphs {
                marker: "●",
                hollow: "○",
                selected: "▌",
                ellipsis: "…",
                axis: "─",
                sep: "│",
                dot: "◆",
                arrow: "→",
                back: "←",
            }
        }
    }
}

/// The first of `LC_ALL`, `LC_CTYPE`, `LANG` that is set decides; none set
/// means the C locale, which is not UTF-8.
pub fn locale_is_utf8(
    lc_all: Option<String>,
    lc_ctype: Option<String>,
    lang: Option<String>,
) -> bool {
    match lc_all.or(lc_ctype).or(lang) {
        Some(l) => {
            let l = l.to_ascii_lowercase();
            l.contains("utf-8") || l.contains("utf8")
        }
        None => false,
    }
}

/// ratatui has no ASCII border set.
pub const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

/// Bars drawn with `#` only.
pub const ASCII_BARS: ratatui::symbols::bar::Set<'static> = ratatui::symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: " ",
    one_quarter: " ",
    one_eighth: " ",
    empty: " ",
};

/// Small symbols drawn by the views.
#[derive(Debug, Clone, Copy)]
pub struct Glyphs {
    /// A timeline event.
    pub marker: &'static str,
    /// A timeline event dated only by the article that reports it.
    pub hollow: &'static str,
    /// The bar before a selected entry.
    pub selected: &'static str,
    /// Cut text.
    pub ellipsis: &'static str,
    /// The timeline axis.
    pub axis: &'static str,
    /// A separator.
    pub sep: &'static str,
    /// The selected event.
    pub dot: &'static str,
    /// An arrow.
    pub arrow: &'static str,
    /// An arrow back: where a bloc came from.
    pub back: &'static str,
}

/// Styles. The colored theme uses only the 16 ANSI colors, so it works on any
/// color terminal; the monochrome one only modifiers on `Color::Reset`.
#[derive(Debug, Clone)]
pub struct Theme {
    /// Ordinary text.
    pub text: Style,
    /// Secondary text (sources, dates, hints).
    pub dim: Style,
    /// The selected entry.
    pub selected: Style,
    /// The selected entry of a pane that does not have focus.
    pub selected_unfocused: Style,
    /// Search matches.
    pub matched: Style,
    /// The claim shown in context (reader, preview).
    pub claim: Style,
    /// Titles and headings.
    pub title: Style,
    /// The border of the focused pane.
    pub focus_border: Style,
    /// Other borders.
    pub border: Style,
    /// Warnings in the status line.
    pub warn: Style,
    /// Each bloc's style, by code (from the lexicon's colors and the config).
    pub blocs: Vec<(String, Style)>,
    /// Blocs with no color of their own.
    pub other: Style,
}

/// The terminal color of a config or lexicon color.
pub fn term_color(c: crate::color::Color, truecolor: bool) -> Color {
    use crate::color::Color as C;
    match c.for_terminal(truecolor) {
        C::Reset => Color::Reset,
        C::Black => Color::Black,
        C::Red => Color::Red,
        C::Green => Color::Green,
        C::Yellow => Color::Yellow,
        C::Blue => Color::Blue,
        C::Magenta => Color::Magenta,
        C::Cyan => Color::Cyan,
        C::Gray => Color::Gray,
        C::DarkGray => Color::DarkGray,
        C::LightRed => Color::LightRed,
        C::LightGreen => Color::LightGreen,
        C::LightYellow => Color::LightYellow,
        C::LightBlue => Color::LightBlue,
        C::LightMagenta => Color::LightMagenta,
        C::LightCyan => Color::LightCyan,
        C::White => Color::White,
        C::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

impl Theme {
    fn colored() -> Self {
        Theme {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            claim: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            title: Style::new().add_modifier(Modifier::BOLD),
            focus_border: Style::new().fg(Color::Cyan),
            border: Style::new().fg(Color::DarkGray),
            warn: Style::new().fg(Color::Yellow),
            blocs: Vec::new(),
            other: Style::new().fg(Color::Magenta),
        }
    }

    fn monochrome() -> Self {
        let r = Style::new().fg(Color::Reset).bg(Color::Reset);
        Theme {
            text: r,
            dim: r.add_modifier(Modifier::DIM),
            selected: r.add_modifier(Modifier::REVERSED),
            selected_unfocused: r.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            matched: r.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            claim: r.add_modifier(Modifier::BOLD),
            title: r.add_modifier(Modifier::BOLD),
            focus_border: r.add_modifier(Modifier::BOLD),
            border: r,
            warn: r.add_modifier(Modifier::BOLD),
            blocs: Vec::new(),
            other: r.add_modifier(Modifier::BOLD),
        }
    }

    /// The theme with a config's interface colors (slot names as in
    /// `config.toml`).
    pub fn with_colors(
        mut self,
        colors: &[(String, crate::color::Color)],
        truecolor: bool,
    ) -> Self {
        for (slot, c) in colors {
            let c = term_color(*c, truecolor);
            match slot.as_str() {
                "text" => self.text = self.text.fg(c),
                "dim" => self.dim = self.dim.fg(c),
                "accent" => {
                    self.focus_border = self.focus_border.fg(c);
                    self.claim = self.claim.fg(c);
                }
                "match" => self.matched = self.matched.fg(c),
                "warn" => self.warn = self.warn.fg(c),
                "other" => self.other = self.other.fg(c),
                _ => {}
            }
        }
        self
    }

    /// The theme with each bloc's style: its lexicon color, unless the
    /// config colors it (`[theme]` with its code); monochrome themes keep
    /// `other` (bold) for every bloc.
    pub fn with_blocs(
        mut self,
        lexicon: &crate::corpus::Lexicon,
        config: &[(String, crate::color::Color, Option<usize>)],
        color: bool,
        truecolor: bool,
    ) -> Self {
        self.blocs = lexicon
            .blocs
            .iter()
            .map(|b| {
                let chosen = config
                    .iter()
                    .rev()
                    .find(|(code, _, _)| *code == b.code)
                    .map(|(_, c, _)| *c)
                    .or(b.color);
                let style = match chosen {
                    Some(c) if color => self.other.fg(term_color(c, truecolor)),
                    _ => self.other,
                };
                (b.code.clone(), style)
            })
            .collect();
        self
    }

    /// The style of a bloc code.
    pub fn bloc(&self, code: &str) -> Style {
        self.blocs
            .iter()
            .find(|(c, _)| c == code)
            .map(|(_, s)| *s)
            .unwrap_or(self.other)
    }

    /// The style of a bloc that came from context, not from a word of the
    /// claim: its color, dimmed.
    pub fn bloc_from_context(&self, code: &str) -> Style {
        self.bloc(code).add_modifier(Modifier::DIM)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_detection() {
        let s = |v: &str| Some(v.to_string());
        assert!(locale_is_utf8(None, None, s("fr_FR.UTF-8")));
        assert!(locale_is_utf8(None, s("C.utf8"), s("C")));
        assert!(
            !locale_is_utf8(s("C"), None, s("fr_FR.UTF-8")),
            "LC_ALL wins"
        );
        assert!(!locale_is_utf8(None, None, None));
        assert!(!locale_is_utf8(None, None, s("POSIX")));
    }
}
