//! `config.toml`: mouse, default view, panes, theme colors and key bindings.
//! Every key is optional; an unknown key or a bad value is a warning naming
//! its line, and the default is used.
//!
//! The config parses into plain types: colors are names or RGB triples, keys
//! and actions are names. The explorer turns them into terminal colors and
//! key bindings, and checks the names it alone knows (actions, keys).

use std::path::{Path, PathBuf};

pub use crate::color::{Color, parse_color};
use crate::text::clean;
use crate::view::View;
use crate::warning::{Warning, line_at};

/// The commented default configuration (`triptyque config --default`).
pub const DEFAULT: &str = include_str!("../assets/config.toml");

/// The theme slots of the interface; any other key of `[theme]` colors the
/// bloc with that code.
pub const THEME_SLOTS: [&str; 6] = ["text", "dim", "accent", "match", "warn", "other"];

/// A `[keys]` entry: an action's name and its keys, checked by the explorer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRemap {
    /// The action's name (`quit`, `pane_1`).
    pub action: String,
    /// Key names (`Ctrl-q`).
    pub keys: Vec<String>,
    /// Its line in the file.
    pub line: Option<usize>,
}

/// What a config file says.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// `mouse`
    pub mouse: Option<bool>,
    /// `default_view`
    pub default_view: Option<View>,
    /// `panes`: bloc codes, in order, with the line that lists them.
    pub panes: Option<(Vec<String>, Option<usize>)>,
    /// `[theme]`: interface slot and color.
    pub colors: Vec<(String, Color)>,
    /// `[theme]`: bloc code and color, with its line.
    pub bloc_colors: Vec<(String, Color, Option<usize>)>,
    /// `[keys]`.
    pub keys: Vec<KeyRemap>,
    /// `lang`: the interface language (a file of `assets/i18n/`).
    pub lang: Option<String>,
    /// The file, for warnings found later (unknown blocs, actions, keys).
    pub file: String,
}

impl Config {
    /// The bloc codes of the panes, in order: the config's `panes` that the
    /// lexicon knows (`known`), else the default config's; with a warning for
    /// each unknown code.
    pub fn panes(&self, known: &[&str]) -> (Vec<String>, Vec<Warning>) {
        let mut warnings = Vec::new();
        if let Some((codes, line)) = &self.panes {
            let mut out: Vec<String> = Vec::new();
            for c in codes {
                if !known.contains(&c.as_str()) {
                    warnings.push(Warning::trf(
                        &self.file,
                        *line,
                        "`panes`: unknown bloc `{code}` (known: {known}), left out",
                        &[("code", c), ("known", &known.join(", "))],
                    ));
                } else if !out.contains(c) {
                    out.push(c.clone());
                }
            }
            if !out.is_empty() {
                return (out, warnings);
            }
        }
        let default = default_config()
            .panes
            .as_ref()
            .map(|(c, _)| c.clone())
            .unwrap_or_default();
        let mut out: Vec<String> = default
            .into_iter()
            .filter(|c| known.contains(&c.as_str()))
            .collect();
        if out.is_empty() {
            // A lexicon with none of the default blocs: its first three.
            out = known.iter().take(3).map(|c| c.to_string()).collect();
        }
        (out, warnings)
    }

    /// Warnings for `[theme]` colors of blocs the lexicon does not know.
    pub fn bloc_color_warnings(&self, known: &[&str]) -> Vec<Warning> {
        self.bloc_colors
            .iter()
            .filter(|(c, _, _)| !known.contains(&c.as_str()))
            .map(|(c, _, line)| {
                Warning::trf(
                    &self.file,
                    *line,
                    "unknown theme color `{slot}` (known: {slots}, or a bloc: {blocs})",
                    &[
                        ("slot", c),
                        ("slots", &THEME_SLOTS.join(", ")),
                        ("blocs", &known.join(", ")),
                    ],
                )
            })
            .collect()
    }
}

/// The default config, parsed once.
pub fn default_config() -> &'static Config {
    static DEFAULT_CONFIG: std::sync::OnceLock<Config> = std::sync::OnceLock::new();
    DEFAULT_CONFIG.get_or_init(|| parse("assets/config.toml", DEFAULT).0)
}

/// Where the config file is: `config.toml` in the config directory.
pub fn path() -> Option<PathBuf> {
    crate::fsutil::project_dirs().map(|d| d.config_dir().join("config.toml"))
}

/// Loads the config at `path`; a missing file is the default config.
pub fn load(path: &Path) -> (Config, Vec<Warning>) {
    match std::fs::read_to_string(path) {
        Ok(src) => parse(&path.display().to_string(), &src),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (Config::default(), Vec::new()),
        Err(e) => (
            Config {
                file: path.display().to_string(),
                ..Config::default()
            },
            vec![Warning::trf(
                &path.display().to_string(),
                None,
                "cannot read, defaults used: {why}",
                &[("why", &e)],
            )],
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

/// Parses a config; `name` is used in warnings.
pub fn parse(name: &str, src: &str) -> (Config, Vec<Warning>) {
    let mut warnings = Vec::new();
    let warn =
        |line: Option<usize>, template: &'static str, args: &[(&str, &dyn std::fmt::Display)]| {
            Warning::trf(name, line, template, args)
        };
    let mut cfg = Config {
        file: name.to_string(),
        ..Config::default()
    };
    let table: toml::Table = match toml::from_str(src) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_at(src, s.start));
            warnings.push(warn(
                line,
                "not valid TOML, defaults used: {why}",
                &[("why", &e.message())],
            ));
            return (cfg, warnings);
        }
    };
    for (key, value) in &table {
        let line = key_line(src, "", key);
        match (key.as_str(), value) {
            ("mouse", toml::Value::Boolean(b)) => cfg.mouse = Some(*b),
            ("lang", toml::Value::String(v)) if crate::i18n::codes().any(|c| c == v) => {
                cfg.lang = Some(v.clone())
            }
            ("lang", _) => warnings.push(warn(
                line,
                "`lang` must be one of {known}; the locale's used",
                &[(
                    "known",
                    &crate::i18n::codes().collect::<Vec<_>>().join(", "),
                )],
            )),
            ("mouse", _) => warnings.push(warn(
                line,
                "`mouse` must be true or false; default used",
                &[],
            )),
            ("default_view", toml::Value::String(v))
                if View::from_name(v).is_some_and(View::is_tab) =>
            {
                cfg.default_view = View::from_name(v)
            }
            ("default_view", _) => warnings.push(warn(
                line,
                "`default_view` must be one of {known}; default used",
                &[("known", &View::tab_names().join(", "))],
            )),
            ("panes", toml::Value::Array(a)) => {
                let codes: Option<Vec<String>> = a
                    .iter()
                    .map(|x| x.as_str().map(|s| clean(s.trim().to_lowercase())))
                    .collect();
                match codes {
                    Some(c) if !c.is_empty() => cfg.panes = Some((c, line)),
                    _ => warnings.push(warn(
                        line,
                        "`panes` must be a list of bloc codes, such as [\"us\", \"cn\"]; default used",
                        &[],
                    )),
                }
            }
            ("panes", _) => warnings.push(warn(
                line,
                "`panes` must be a list of bloc codes; default used",
                &[],
            )),
            ("theme", toml::Value::Table(t)) => {
                for (slot, v) in t {
                    let line = key_line(src, "theme", slot);
                    match v.as_str().and_then(parse_color) {
                        // A slot of the interface, or a bloc's code (checked
                        // against the lexicon once it is loaded).
                        Some(c) if THEME_SLOTS.contains(&slot.as_str()) => {
                            cfg.colors.push((slot.clone(), c))
                        }
                        Some(c) => cfg.bloc_colors.push((clean(slot.clone()), c, line)),
                        None => warnings.push(warn(
                            line,
                            "`{slot}`: not a color name or #rrggbb; default used",
                            &[("slot", slot)],
                        )),
                    }
                }
            }
            ("keys", toml::Value::Table(t)) => {
                for (action, v) in t {
                    let line = key_line(src, "keys", action);
                    let keys: Option<Vec<String>> = match v {
                        toml::Value::String(s) => Some(vec![clean(s.clone())]),
                        toml::Value::Array(a) => a
                            .iter()
                            .map(|x| x.as_str().map(|s| clean(s.to_string())))
                            .collect(),
                        _ => None,
                    };
                    match keys {
                        Some(keys) if !keys.is_empty() => cfg.keys.push(KeyRemap {
                            action: clean(action.clone()),
                            keys,
                            line,
                        }),
                        _ => warnings.push(warn(
                            line,
                            "`{action}` must be a key or a list of keys",
                            &[("action", action)],
                        )),
                    }
                }
            }
            (k @ ("theme" | "keys"), _) => warnings.push(warn(
                line,
                "`{key}` must be a table ([{key}])",
                &[("key", &k)],
            )),
            (k, _) => warnings.push(warn(
                line,
                "unknown key `{key}` (known: mouse, lang, default_view, panes, [theme], [keys])",
                &[("key", &k)],
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
        let (panes, w) = cfg.panes(&["us", "cn", "eu", "jp"]);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(panes.len(), 3, "three panes by default: {panes:?}");
    }

    #[test]
    fn remaps_colors_and_reports_bad_lines() {
        let src = "mouse = false\ndefault_view = \"nowhere\"\ncolour = 1\npanes = [\"cn\", \"xx\", \"in\"]\n[theme]\nus = \"#ff0000\"\ncn = \"plaid\"\nbogus = \"red\"\n[keys]\nquit = [\"Ctrl-q\", \"Hyper-x\"]\n";
        let (cfg, w) = parse("c.toml", src);
        assert_eq!(cfg.mouse, Some(false));
        assert_eq!(cfg.default_view, None);
        let lines: Vec<(Option<usize>, &str)> =
            w.iter().map(|w| (w.line, w.message.as_str())).collect();
        let has = |w: &[(Option<usize>, &str)], line: usize, what: &str| {
            w.iter().any(|(l, m)| *l == Some(line) && m.contains(what))
        };
        assert!(has(&lines, 2, "default_view"), "{lines:?}");
        assert!(has(&lines, 3, "unknown key `colour`"));
        assert!(has(&lines, 7, "`cn`: not a color"));
        // Key names and actions are the explorer's to check (tui::keymap).
        assert_eq!(
            cfg.keys,
            vec![KeyRemap {
                action: "quit".into(),
                keys: vec!["Ctrl-q".into(), "Hyper-x".into()],
                line: Some(10)
            }]
        );
        // Bloc colors and panes are checked against the lexicon.
        let known = ["us", "cn", "eu", "in"];
        assert!(cfg.bloc_colors.iter().any(|(s, _, _)| s == "us"));
        let bw = cfg.bloc_color_warnings(&known);
        assert_eq!(bw.len(), 1, "{bw:?}");
        assert_eq!(bw[0].line, Some(8));
        assert!(bw[0].message.contains("unknown theme color `bogus`"));
        let (panes, pw) = cfg.panes(&known);
        assert_eq!(panes, ["cn", "in"]);
        assert_eq!(pw.len(), 1);
        assert_eq!(pw[0].line, Some(4));
        assert!(pw[0].message.contains("unknown bloc `xx`"));
        let (_, w) = parse("c.toml", "mouse = = 1\n");
        assert_eq!(w[0].line, Some(1));
    }
}
