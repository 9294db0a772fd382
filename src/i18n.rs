//! The interface in the reader's language: every string the explorer draws
//! is looked up in `assets/i18n/<code>.toml`, keyed by its English text (as
//! gettext does), so that a missing translation still shows English and a
//! new language is a new file. The language is `--lang`, else the config's
//! `lang`, else the locale (`fr_*` gives French), else English.

use std::collections::HashMap;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/i18n_files.rs"));

/// One language's strings: English text -> translation.
#[derive(Debug, Default)]
pub struct Strings {
    /// The language code.
    pub code: String,
    map: HashMap<String, String>,
}

impl Strings {
    /// Parses one interface file (a flat table of quoted English keys).
    pub fn parse(code: &str, text: &str) -> Result<Strings, String> {
        let table: toml::Table = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            match line {
                Some(l) => format!("assets/i18n/{code}.toml:{l}: {}", e.message()),
                None => format!("assets/i18n/{code}.toml: {}", e.message()),
            }
        })?;
        let mut map = HashMap::new();
        for (k, v) in table {
            match v {
                toml::Value::String(s) => {
                    map.insert(k, s);
                }
                _ => return Err(format!("assets/i18n/{code}.toml: `{k}` is not a string")),
            }
        }
        Ok(Strings {
            code: code.to_string(),
            map,
        })
    }

    /// The keys it holds.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.map.keys().map(String::as_str)
    }

    /// The translation of `english`, or `english` itself.
    pub fn get<'a>(&'a self, english: &'a str) -> &'a str {
        self.map.get(english).map_or(english, String::as_str)
    }
}

static ALL: OnceLock<Vec<Strings>> = OnceLock::new();
static CURRENT: OnceLock<usize> = OnceLock::new();

/// Every built-in interface language (a bad file is a build-time mistake,
/// caught by the tests; here it is skipped, never a crash).
pub fn all() -> &'static [Strings] {
    ALL.get_or_init(|| {
        FILES
            .iter()
            .filter_map(|(code, text)| Strings::parse(code, text).ok())
            .collect()
    })
}

/// The codes of the built-in interface languages.
pub fn codes() -> impl Iterator<Item = &'static str> {
    all().iter().map(|s| s.code.as_str())
}

/// The language chosen by [`select`] (English before it).
pub fn current() -> &'static str {
    CURRENT
        .get()
        .and_then(|&i| all().get(i))
        .map_or("en", |s| s.code.as_str())
}

/// The language a locale asks for: `fr_FR.UTF-8` -> `fr`. `LC_ALL`, then
/// `LC_MESSAGES`, then `LANG`, as POSIX orders them.
pub fn from_locale(get: impl Fn(&str) -> Option<String>) -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| get(v))
        .find(|v| !v.is_empty())
        .map(|v| {
            v.split(['_', '.', '@', '-'])
                .next()
                .unwrap_or("")
                .to_ascii_lowercase()
        })
}

/// Chooses the interface language once, at start: `wanted` (from `--lang`
/// or the config) if a file has it, else the locale's, else English.
/// Returns the code chosen.
pub fn select(wanted: Option<&str>) -> &'static str {
    let langs = all();
    let locale = from_locale(|v| std::env::var(v).ok());
    let pick = |code: &str| langs.iter().position(|s| s.code == code);
    let i = wanted
        .and_then(pick)
        .or_else(|| locale.as_deref().and_then(pick))
        .or_else(|| pick("en"))
        .unwrap_or(0);
    let i = *CURRENT.get_or_init(|| i);
    langs.get(i).map_or("en", |s| s.code.as_str())
}

/// The current language's text for `english` (English before `select`).
pub fn tr(english: &'static str) -> &'static str {
    let i = CURRENT.get().copied();
    match i.and_then(|i| all().get(i)) {
        Some(s) => s.get(english),
        None => english,
    }
}

/// `tr` for a text known only at run time (a measure code of a language
/// profile): its translation, or itself.
pub fn tr_dyn(english: &str) -> String {
    match CURRENT.get().and_then(|&i| all().get(i)) {
        Some(s) => s.get(english).to_string(),
        None => english.to_string(),
    }
}

/// `tr`, then each `{name}` replaced by its value.
pub fn trf(english: &'static str, args: &[(&str, &dyn std::fmt::Display)]) -> String {
    fill(tr(english), &owned(args))
}

/// Placeholder values as strings, to keep (a warning says them later).
pub fn owned(args: &[(&str, &dyn std::fmt::Display)]) -> Vec<(String, String)> {
    args.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// "1 bookmark", "3 claims": `one` for one, else `many` (both already in
/// the interface's language).
pub fn plural(n: usize, one: &str, many: String) -> String {
    if n == 1 { one.to_string() } else { many }
}

/// `template` with each `{name}` replaced by its value.
pub fn fill(template: &str, args: &[(String, String)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_name_their_language() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            from_locale(env(&[("LANG", "fr_FR.UTF-8")])).as_deref(),
            Some("fr")
        );
        assert_eq!(
            from_locale(env(&[("LC_ALL", "en_US.UTF-8"), ("LANG", "fr_FR.UTF-8")])).as_deref(),
            Some("en")
        );
        assert_eq!(from_locale(env(&[("LANG", "C")])).as_deref(), Some("c"));
        assert_eq!(from_locale(env(&[])), None);
    }

    #[test]
    fn a_missing_translation_shows_english_and_placeholders_fill() {
        let s = Strings::parse("xx", "\"no match\" = \"aucun résultat\"\n").unwrap();
        assert_eq!(s.get("no match"), "aucun résultat");
        assert_eq!(s.get("no event"), "no event");
        assert!(Strings::parse("xx", "a = 1\n").is_err());
        let e = Strings::parse("xx", "\"a\" = \"b\"\n\"c\" = \n").unwrap_err();
        assert!(e.contains("xx.toml:2"), "{e}");
    }
}
