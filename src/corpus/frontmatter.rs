//! The front matter at the top of an article: TOML between `+++` lines
//! (Hugo, Zola), or YAML between `---` lines (Obsidian, Hugo, Jekyll). Both
//! give the same keys and the same warnings, with their line.

use crate::corpus::dates::PartialDate;

/// Article metadata from the front matter. Every field is optional here; the
/// loader fills defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    /// `title`
    pub title: Option<String>,
    /// `author`
    pub author: Option<String>,
    /// `date`, as `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    pub date: Option<PartialDate>,
    /// `source`: the publication.
    pub source: Option<String>,
    /// `lang`
    pub lang: Option<String>,
    /// The line of `lang`, for warnings about it.
    pub lang_line: Option<usize>,
}

/// A problem in a front matter, with its 1-based line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Line in the whole file (1-based).
    pub line: usize,
    /// What is wrong.
    pub message: String,
    /// The English template of `message`, and its values (see
    /// [`crate::warning::Warning::trf`]).
    pub template: &'static str,
    /// The values of its placeholders.
    pub args: Vec<(String, String)>,
}

impl Issue {
    fn trf(line: usize, template: &'static str, args: &[(&str, &dyn std::fmt::Display)]) -> Self {
        let args = crate::i18n::owned(args);
        Issue {
            line,
            message: crate::i18n::fill(template, &args),
            template,
            args,
        }
    }
}

/// The known keys, for the "unknown key" warning.
pub const KEYS: [&str; 5] = ["title", "author", "date", "source", "lang"];

/// Splits `text` into its front matter (parsed) and its body.
///
/// Returns the metadata, the body, the 1-based line the body starts on, and
/// the problems met. A front matter that never closes is reported and the
/// whole text is kept as the body, so nothing is lost.
pub fn split(text: &str) -> (Meta, &str, usize, Vec<Issue>) {
    let mut issues = Vec::new();
    let Some((fence, rest)) = strip_fence(text) else {
        return (Meta::default(), text, 1, issues);
    };
    // Find the closing fence: a line that is exactly the opening one (or
    // `...`, YAML's end of document).
    let mut offset = 0usize;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        let l = line.trim_end();
        if l == fence.mark() || (fence == Fence::Yaml && l == "...") {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = close else {
        issues.push(Issue::trf(
            1,
            "front matter opened with {fence} never closes; the whole file is read as text",
            &[("fence", &fence.mark())],
        ));
        return (Meta::default(), text, 1, issues);
    };
    let fm = &rest[..fm_end];
    if fm.len() > MAX_FRONT_MATTER {
        issues.push(Issue::trf(
            1,
            "front matter of {size} KiB is over the {max} KiB limit: not read",
            &[
                ("size", &(fm.len() / 1024)),
                ("max", &(MAX_FRONT_MATTER / 1024)),
            ],
        ));
        return (
            Meta::default(),
            &rest[body_start..],
            2 + fm.matches('\n').count() + 1,
            issues,
        );
    }
    let fm_lines = fm.matches('\n').count();
    let body = &rest[body_start..];
    let body_line = 2 + fm_lines + 1;
    let entries = match fence {
        Fence::Toml => toml_entries(fm, &mut issues),
        Fence::Yaml => yaml_entries(fm, &mut issues),
    };
    let meta = entries
        .map(|e| apply(e, fence, &mut issues))
        .unwrap_or_default();
    (meta, body, body_line, issues)
}

/// Which front matter a file opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fence {
    Toml,
    Yaml,
}

impl Fence {
    fn mark(self) -> &'static str {
        match self {
            Fence::Toml => "+++",
            Fence::Yaml => "---",
        }
    }
}

fn strip_fence(text: &str) -> Option<(Fence, &str)> {
    let first_end = text.find('\n')?;
    let fence = match text[..first_end].trim_end() {
        "+++" => Fence::Toml,
        "---" => Fence::Yaml,
        _ => return None,
    };
    Some((fence, &text[first_end + 1..]))
}

/// Line (1-based, in the file) of byte `off` of the front matter, which starts
/// on line 2.
fn line_of(fm: &str, off: usize) -> usize {
    2 + fm[..off.min(fm.len())].matches('\n').count()
}

/// The line of each top-level key (its first `key =`), in one pass: a front
/// matter of thousands of keys is read in linear time.
fn key_lines(fm: &str) -> std::collections::HashMap<&str, usize> {
    let mut out = std::collections::HashMap::new();
    for (i, line) in fm.lines().enumerate() {
        // Top-level keys only: `key = ` in TOML, `key:` at the margin in YAML.
        let t = line.trim_start();
        let split = t.split_once('=').or_else(|| {
            line.split_once(':')
                .filter(|_| !line.starts_with([' ', '\t', '-']))
        });
        if let Some((k, _)) = split {
            let k = k.trim().trim_matches('"');
            if !k.is_empty() && !k.starts_with('#') && !k.starts_with('[') {
                out.entry(k).or_insert(2 + i);
            }
        }
    }
    out
}

/// The longest front matter read: past it, the file is read as text.
pub const MAX_FRONT_MATTER: usize = 64 * 1024;
/// Unknown keys named one by one; the rest are counted.
const MAX_KEY_WARNINGS: usize = 10;

/// Keys that front matters of notes and blogs carry and that have no use
/// here: read without a warning.
pub const IGNORED: [&str; 32] = [
    "tags",
    "aliases",
    "alias",
    "categories",
    "category",
    "draft",
    "lastmod",
    "updated",
    "modified",
    "created",
    "description",
    "summary",
    "slug",
    "url",
    "permalink",
    "layout",
    "cssclasses",
    "cssclass",
    "weight",
    "keywords",
    "type",
    "series",
    "publish",
    "published",
    "status",
    "image",
    "cover",
    "banner",
    "toc",
    "comments",
    "featured",
    "expirydate",
];

/// A front matter value, whatever the format.
enum Value {
    /// A string, or a date written as one.
    Text(String),
    /// Anything else (a list, a table, a number): the warning's template.
    Other(&'static str),
}

/// (key, file line, value) in file order.
type Entries = Vec<(String, usize, Value)>;

fn toml_entries(fm: &str, issues: &mut Vec<Issue>) -> Option<Entries> {
    let table: toml::Table = match toml::from_str(fm) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of(fm, s.start)).unwrap_or(2);
            issues.push(Issue::trf(
                line,
                "front matter is not valid TOML: {why}",
                &[("why", &e.message())],
            ));
            return None;
        }
    };
    let lines = key_lines(fm);
    let mut out: Entries = table
        .into_iter()
        .map(|(key, value)| {
            let line = lines.get(key.as_str()).copied().unwrap_or(2);
            let v = match value {
                toml::Value::String(s) => Value::Text(s),
                // `date = 2025-02-10` (a TOML date, unquoted) is accepted too.
                toml::Value::Datetime(d) if key == "date" => match d.date {
                    Some(d) => Value::Text(format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
                    None => Value::Other("`{key}` must be a string, not a time"),
                },
                toml::Value::Integer(i) if key == "date" => Value::Text(i.to_string()),
                toml::Value::Integer(_) | toml::Value::Float(_) => {
                    Value::Other("`{key}` must be a string, not a number")
                }
                toml::Value::Boolean(_) => {
                    Value::Other("`{key}` must be a string, not true or false")
                }
                toml::Value::Array(_) => Value::Other("`{key}` must be a string, not a list"),
                toml::Value::Table(_) => Value::Other("`{key}` must be a string, not a table"),
                toml::Value::Datetime(_) => {
                    Value::Other("`{key}` must be a string, not a date and time")
                }
            };
            (key, line, v)
        })
        .collect();
    out.sort_by_key(|(_, line, _)| *line);
    Some(out)
}

fn yaml_entries(fm: &str, issues: &mut Vec<Issue>) -> Option<Entries> {
    use yaml_rust2::{Yaml, YamlLoader};
    let docs = match YamlLoader::load_from_str(fm) {
        Ok(d) => d,
        Err(e) => {
            // The marker's line is 1-based in the front matter, which starts
            // on the file's line 2.
            issues.push(Issue::trf(
                1 + e.marker().line().max(1),
                "front matter is not valid YAML: {why}",
                &[("why", &e.info())],
            ));
            return None;
        }
    };
    let lines = key_lines(fm);
    let Some(doc) = docs.into_iter().next() else {
        return Some(Vec::new());
    };
    let Yaml::Hash(map) = doc else {
        if matches!(doc, Yaml::Null) {
            return Some(Vec::new());
        }
        issues.push(Issue::trf(
            2,
            "front matter is not a set of `key: value` lines",
            &[],
        ));
        return None;
    };
    let mut out: Entries = Vec::new();
    for (k, v) in map {
        let key = match k {
            Yaml::String(s) => s,
            Yaml::Integer(i) => i.to_string(),
            Yaml::Real(r) => r,
            Yaml::Boolean(b) => b.to_string(),
            _ => continue,
        };
        let line = lines.get(key.as_str()).copied().unwrap_or(2);
        let v = match v {
            Yaml::String(s) => Value::Text(s),
            // `date: 2025` and the like.
            Yaml::Integer(i) => Value::Text(i.to_string()),
            Yaml::Real(r) => Value::Text(r),
            Yaml::Array(_) => Value::Other("`{key}` must be a string, not a list"),
            Yaml::Hash(_) => Value::Other("`{key}` must be a string, not a table"),
            Yaml::Boolean(_) => Value::Other("`{key}` must be a string, not true or false"),
            _ => Value::Other("`{key}` must be a string, not an empty value"),
        };
        out.push((key, line, v));
    }
    out.sort_by_key(|(_, line, _)| *line);
    Some(out)
}

/// The metadata of a front matter's entries, with a warning (and its line)
/// for each key that is unknown or not a string.
/// A YAML note's own keys (Obsidian's `rating`, a blog's `images`) are
/// many: only a near miss of a known key ("titel") is worth a warning
/// there. A TOML front matter is written for this program: every unknown
/// key is named.
fn worth_a_warning(key: &str, fence: Fence) -> bool {
    fence == Fence::Toml
        || KEYS
            .iter()
            .any(|k| crate::text::edit_distance(&key.to_lowercase(), k) <= 2)
}

fn apply(entries: Entries, fence: Fence, issues: &mut Vec<Issue>) -> Meta {
    let mut meta = Meta::default();
    let mut unknown = 0usize;
    for (key, line, value) in entries {
        if !KEYS.contains(&key.as_str()) {
            if IGNORED.contains(&key.as_str()) || !worth_a_warning(&key, fence) {
                continue;
            }
            unknown += 1;
            if unknown <= MAX_KEY_WARNINGS {
                issues.push(Issue::trf(
                    line,
                    "unknown key `{key}` (known: {known})",
                    &[("key", &key), ("known", &KEYS.join(", "))],
                ));
            }
            continue;
        }
        let text = match value {
            Value::Text(t) => t,
            // The template says what it is instead.
            Value::Other(template) => {
                issues.push(Issue::trf(line, template, &[("key", &key)]));
                continue;
            }
        };
        // TOML and YAML decode `\u001b`: the value is cleaned like the text.
        let text = crate::text::clean(text.trim().to_string());
        match key.as_str() {
            "title" => meta.title = Some(text),
            "author" => meta.author = Some(text),
            "source" => meta.source = Some(text),
            "lang" => {
                meta.lang = Some(text);
                meta.lang_line = Some(line);
            }
            // A date-time ("2024-12-03T09:00:00+01:00") gives its day.
            "date" => match date_part(&text).parse() {
                Ok(d) => meta.date = Some(d),
                Err(e) => issues.push(Issue::trf(line, "{why}", &[("why", &e)])),
            },
            _ => {}
        }
    }
    if unknown > MAX_KEY_WARNINGS {
        issues.push(Issue::trf(
            2,
            "{n} more unknown keys",
            &[("n", &(unknown - MAX_KEY_WARNINGS))],
        ));
    }
    meta
}

/// The day of a date-time: what comes before a `T` or a space after ten
/// chars of `YYYY-MM-DD`.
fn date_part(s: &str) -> &str {
    match s.get(10..11) {
        Some("T") | Some(" ") => &s[..10],
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let t =
            "+++\ntitle = \"T\"\n# a comment\ndate = \"2025-02\"\nlang = \"fr\"\n+++\nBody line.\n";
        let (m, body, line, issues) = split(t);
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(m.date.unwrap().to_string(), "2025-02");
        assert_eq!(body, "Body line.\n");
        assert_eq!(line, 7);
    }

    #[test]
    fn no_front_matter() {
        let (m, body, line, issues) = split("Just text.\n+++\n");
        assert_eq!(m, Meta::default());
        assert_eq!(body, "Just text.\n+++\n");
        assert_eq!(line, 1);
        assert!(issues.is_empty());
    }

    #[test]
    fn problems_name_their_line() {
        let t = "+++\ntitle = \"T\"\nauthr = \"x\"\ndate = \"2025-13\"\n+++\nBody\n";
        let (m, _, _, issues) = split(t);
        assert_eq!(m.title.as_deref(), Some("T"));
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].line, 3);
        assert!(issues[0].message.contains("unknown key `authr`"));
        assert_eq!(issues[1].line, 4);
        assert!(issues[1].message.contains("invalid date"));

        let (_, _, _, issues) = split("+++\ntitle = \"T\"\ndate = = 3\n+++\nBody\n");
        assert_eq!(issues[0].line, 3, "{issues:?}");
        assert!(issues[0].message.contains("not valid TOML"));

        let (_, body, _, issues) = split("+++\ntitle = \"T\"\nBody with no end\n");
        assert!(issues[0].message.contains("never closes"));
        assert!(body.contains("Body with no end"));
    }

    #[test]
    fn yaml_front_matter_gives_the_same_keys_and_warnings() {
        let t = "---\ntitle: \"Un titre\"\ndate: 2025-01-28\ntags:\n  - ia\nauthr: x\nlang: fr\n---\nCorps.\n";
        let (m, body, line, issues) = split(t);
        assert_eq!(m.title.as_deref(), Some("Un titre"));
        assert_eq!(m.date.unwrap().to_string(), "2025-01-28");
        assert_eq!(m.lang.as_deref(), Some("fr"));
        assert_eq!(m.lang_line, Some(7));
        assert_eq!(body, "Corps.\n");
        assert_eq!(line, 9);
        // `tags` is known to notes and ignored; `authr` is named with its line.
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].line, 6);
        assert!(issues[0].message.contains("unknown key `authr`"));
        let (m, _, _, issues) =
            split("---\ndate: 2024-12-03T09:00:00+01:00\ntitle: [a, b]\n---\nx\n");
        assert_eq!(m.date.unwrap().to_string(), "2024-12-03");
        assert_eq!(issues[0].line, 3, "{issues:?}");
        assert!(issues[0].message.contains("must be a string, not a list"));
    }

    #[test]
    fn broken_yaml_names_its_line() {
        let t = "---\ntitle: T\ndate: 2025-01-01\n  bad: indentation: here\n---\nBody\n";
        let (m, body, _, issues) = split(t);
        assert_eq!(m, Meta::default());
        assert_eq!(body, "Body\n");
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].line, 4, "{issues:?}");
        assert!(issues[0].message.contains("not valid YAML"));
        // A Markdown rule at the top that never closes is text, with a warning.
        let (_, body, _, issues) = split("---\nJust a rule and text.\n");
        assert!(body.contains("Just a rule"));
        assert!(issues[0].message.contains("---"));
    }

    #[test]
    fn unquoted_toml_date() {
        let (m, _, _, issues) = split("+++\ndate = 2025-02-10\n+++\nx\n");
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(m.date.unwrap().to_string(), "2025-02-10");
    }
}
