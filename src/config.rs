//! `config.toml`: mouse, default view, theme colors and key bindings. Every
//! key is optional; an unknown key or a bad value is a warning naming its
//! line, and the default is used.

use std::path::{Path, PathBuf};

use ratatui::style::Color;

use crate::corpus::{Warning, line_at};
use crate::tui::keymap::{ACTION_NAMES, Action, parse_key};

/// The commented default configuration (`triptyque config --default`).
pub const DEFAULT: &str = include_str!("../assets/config.toml");

/// The theme slots a config can color.
pub const THEME_SLOTS: [&str; 9] = [
    "text", "dim", "accent", "match", "warn", "us", "cn", "eu", "other",
];

/// The views `default_view` accepts.
pub const VIEWS: [&str; 5] = ["blocs", "timeline", "figures", "bookmarks", "search"];

/// What a config file says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// `mouse`
    pub mouse: Option<bool>,
    /// `default_view`
    pub default_view: Option<String>,
    /// `[theme]`: slot and color.
    pub colors: Vec<(String, Color)>,
    /// `[keys]`: action and its keys.
    pub keys: Vec<(Action, Vec<String>)>,
}

/// Where the config file is: `config.toml` in the config directory.
pub fn path() -> Option<PathBuf> {
    crate::store::project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Loads the config at `path`; a missing file is the default config.
pub fn load(path: &Path) -> (Config, Vec<Warning>) {
    match std::fs::read_to_string(path) {
        Ok(src) => parse(&path.display().to_string(), &src),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (
            Config::default(),
            vec![Warning {
                file: path.display().to_string(),
                line: None,
                byte: None,
                message: format!("cannot read, defaults used: {e}"),
            }],
        ),
    }
}

/// The 1-based line of `key = ...` in section `section` ("" for the top).
fn key_line(src: &str, section: &str, key: &str) -> Option<usize> {
    let mut current = String::new();
    for (i, line) in src.lines().enumerate() {
        let t = line.trim();
        if let Some(h) = t.strip_prefix('[').and_then(|x| x.strip_suffix(']')) {
            current = h.trim().to_string();
            continue;
        }
        let k = t.split('=').next().unwrap_or("").trim().trim_matches('"');
        if current == section && k == key && t.contains('=') {
            return Some(i + 1);
        }
    }
    None
}

/// Parses a color: a name or `#rrggbb`; hex becomes the nearest of the 16
/// standard colors unless `truecolor`.
pub fn parse_color(s: &str, truecolor: bool) -> Option<Color> {
    let s = s.trim().to_ascii_lowercase();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        let (r, g, b) = ((v >> 16) as u8, (v >> 8) as u8, v as u8);
        return Some(if truecolor {
            Color::Rgb(r, g, b)
        } else {
            nearest_ansi(r, g, b)
        });
    }
    Some(match s.replace('-', "_").as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark_gray" | "dark_grey" => Color::DarkGray,
        "light_red" => Color::LightRed,
        "light_green" => Color::LightGreen,
        "light_yellow" => Color::LightYellow,
        "light_blue" => Color::LightBlue,
        "light_magenta" => Color::LightMagenta,
        "light_cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// The standard 16 colors nearest to an RGB one (xterm's default palette).
pub fn nearest_ansi(r: u8, g: u8, b: u8) -> Color {
    const PALETTE: [(Color, (i32, i32, i32)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (205, 0, 0)),
        (Color::Green, (0, 205, 0)),
        (Color::Yellow, (205, 205, 0)),
        (Color::Blue, (0, 0, 238)),
        (Color::Magenta, (205, 0, 205)),
        (Color::Cyan, (0, 205, 205)),
        (Color::Gray, (229, 229, 229)),
        (Color::DarkGray, (127, 127, 127)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (92, 92, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    PALETTE
        .iter()
        .min_by_key(|(_, (pr, pg, pb))| (r - pr).pow(2) + (g - pg).pow(2) + (b - pb).pow(2))
        .map(|(c, _)| *c)
        .unwrap_or(Color::Reset)
}

/// True when the terminal says it has 24-bit color.
pub fn truecolor() -> bool {
    std::env::var("COLORTERM")
        .is_ok_and(|v| v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit"))
}

/// Parses a config; `name` is used in warnings.
pub fn parse(name: &str, src: &str) -> (Config, Vec<Warning>) {
    let mut warnings = Vec::new();
    let warn = |line: Option<usize>, message: String| Warning::at(name, line, message);
    let table: toml::Table = match toml::from_str(src) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_at(src, s.start));
            warnings.push(warn(
                line,
                format!("not valid TOML, defaults used: {}", e.message()),
            ));
            return (Config::default(), warnings);
        }
    };
    let tc = truecolor();
    let mut cfg = Config::default();
    for (key, value) in &table {
        let line = key_line(src, "", key);
        match (key.as_str(), value) {
            ("mouse", toml::Value::Boolean(b)) => cfg.mouse = Some(*b),
            ("mouse", _) => warnings.push(warn(
                line,
                "`mouse` must be true or false; default used".into(),
            )),
            ("default_view", toml::Value::String(v)) if VIEWS.contains(&v.as_str()) => {
                cfg.default_view = Some(v.clone())
            }
            ("default_view", _) => warnings.push(warn(
                line,
                format!(
                    "`default_view` must be one of {}; default used",
                    VIEWS.join(", ")
                ),
            )),
            ("theme", toml::Value::Table(t)) => {
                for (slot, v) in t {
                    let line = key_line(src, "theme", slot);
                    if !THEME_SLOTS.contains(&slot.as_str()) {
                        warnings.push(warn(
                            line,
                            format!(
                                "unknown theme color `{slot}` (known: {})",
                                THEME_SLOTS.join(", ")
                            ),
                        ));
                        continue;
                    }
                    match v.as_str().and_then(|s| parse_color(s, tc)) {
                        Some(c) => cfg.colors.push((slot.clone(), c)),
                        None => warnings.push(warn(
                            line,
                            format!("`{slot}`: not a color name or #rrggbb; default used"),
                        )),
                    }
                }
            }
            ("keys", toml::Value::Table(t)) => {
                for (action, v) in t {
                    let line = key_line(src, "keys", action);
                    let Some(a) = ACTION_NAMES
                        .iter()
                        .find(|(n, _)| n == action)
                        .map(|(_, a)| a.clone())
                    else {
                        warnings.push(warn(
                            line,
                            format!("unknown action `{action}` (see `triptyque config --default`)"),
                        ));
                        continue;
                    };
                    let keys: Option<Vec<String>> = match v {
                        toml::Value::String(s) => Some(vec![s.clone()]),
                        toml::Value::Array(a) => {
                            a.iter().map(|x| x.as_str().map(String::from)).collect()
                        }
                        _ => None,
                    };
                    match keys {
                        Some(keys) if !keys.is_empty() => {
                            let (good, bad): (Vec<String>, Vec<String>) =
                                keys.into_iter().partition(|k| parse_key(k).is_some());
                            for k in &bad {
                                warnings.push(warn(
                                    line,
                                    format!("`{action}`: unknown key `{k}`, ignored"),
                                ));
                            }
                            if good.is_empty() {
                                warnings.push(warn(
                                    line,
                                    format!("`{action}`: no valid key; default keys used"),
                                ));
                            } else {
                                cfg.keys.push((a, good));
                            }
                        }
                        _ => warnings.push(warn(
                            line,
                            format!("`{action}` must be a key or a list of keys"),
                        )),
                    }
                }
            }
            (k @ ("theme" | "keys"), _) => {
                warnings.push(warn(line, format!("`{k}` must be a table ([{k}])")))
            }
            (k, _) => warnings.push(warn(
                line,
                format!("unknown key `{k}` (known: mouse, default_view, [theme], [keys])"),
            )),
        }
    }
    (cfg, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_is_clean() {
        let (cfg, w) = parse("config.toml", DEFAULT);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(cfg.mouse, Some(true));
        assert_eq!(cfg.colors.len(), THEME_SLOTS.len());
    }

    #[test]
    fn remaps_colors_and_reports_bad_lines() {
        let src = "mouse = false\ndefault_view = \"nowhere\"\ncolour = 1\n[theme]\nus = \"#ff0000\"\ncn = \"plaid\"\nbogus = \"red\"\n[keys]\nquit = [\"Ctrl-q\", \"Hyper-x\"]\nfly = \"f\"\n";
        let (cfg, w) = parse("c.toml", src);
        assert_eq!(cfg.mouse, Some(false));
        assert_eq!(cfg.default_view, None);
        let lines: Vec<(Option<usize>, &str)> =
            w.iter().map(|w| (w.line, w.message.as_str())).collect();
        let has = |line: usize, what: &str| {
            lines
                .iter()
                .any(|(l, m)| *l == Some(line) && m.contains(what))
        };
        assert!(has(2, "default_view"), "{lines:?}");
        assert!(has(3, "unknown key `colour`"));
        assert!(has(6, "`cn`: not a color"));
        assert!(has(7, "unknown theme color `bogus`"));
        assert!(has(9, "unknown key `Hyper-x`"));
        assert!(has(10, "unknown action `fly`"));
        assert_eq!(cfg.keys, vec![(Action::Quit, vec!["Ctrl-q".to_string()])]);
        assert!(cfg.colors.iter().any(|(s, _)| s == "us"));
        let (_, w) = parse("c.toml", "mouse = = 1\n");
        assert_eq!(w[0].line, Some(1));
    }

    #[test]
    fn hex_colors_fall_back_to_sixteen() {
        assert_eq!(parse_color("#ff0000", false), Some(Color::LightRed));
        assert_eq!(
            parse_color("#102060", false),
            Some(Color::Black),
            "a dark navy is nearest to black"
        );
        assert_eq!(parse_color("#0000ee", false), Some(Color::Blue));
        assert_eq!(
            parse_color("#123456", true),
            Some(Color::Rgb(0x12, 0x34, 0x56))
        );
        assert_eq!(parse_color("Light-Blue", false), Some(Color::LightBlue));
        assert_eq!(parse_color("#12345", false), None);
    }
}
