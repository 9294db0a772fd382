//! The TOML front matter between `+++` lines at the top of an article.

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
    let Some(rest) = strip_fence(text) else {
        return (Meta::default(), text, 1, issues);
    };
    // Find the closing fence: a line that is exactly "+++".
    let mut offset = 0usize;
    let mut close = None;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            close = Some((offset, offset + line.len()));
            break;
        }
        offset += line.len();
    }
    let Some((fm_end, body_start)) = close else {
        issues.push(Issue {
            line: 1,
            message: "front matter opened with +++ never closes; the whole file is read as text"
                .into(),
        });
        return (Meta::default(), text, 1, issues);
    };
    let fm = &rest[..fm_end];
    if fm.len() > MAX_FRONT_MATTER {
        issues.push(Issue {
            line: 1,
            message: format!(
                "front matter of {} KiB is over the {} KiB limit: not read",
                fm.len() / 1024,
                MAX_FRONT_MATTER / 1024
            ),
        });
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
    let meta = parse(fm, &mut issues);
    (meta, body, body_line, issues)
}

fn strip_fence(text: &str) -> Option<&str> {
    let first_end = text.find('\n')?;
    (text[..first_end].trim_end() == "+++").then(|| &text[first_end + 1..])
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
        let t = line.trim_start();
        if let Some((k, _)) = t.split_once('=') {
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

fn parse(fm: &str, issues: &mut Vec<Issue>) -> Meta {
    let table: toml::Table = match toml::from_str(fm) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of(fm, s.start)).unwrap_or(2);
            issues.push(Issue {
                line,
                message: format!("front matter is not valid TOML: {}", e.message()),
            });
            return Meta::default();
        }
    };
    let mut meta = Meta::default();
    let lines = key_lines(fm);
    let mut unknown = 0usize;
    for (key, value) in &table {
        let line = lines.get(key.as_str()).copied().unwrap_or(2);
        let text = match value {
            toml::Value::String(s) => Some(s.clone()),
            // `date = 2025-02-10` (a TOML date, unquoted) is accepted too.
            toml::Value::Datetime(d) if key == "date" => d
                .date
                .map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
            toml::Value::Integer(i) if key == "date" => Some(i.to_string()),
            _ => None,
        };
        if !KEYS.contains(&key.as_str()) {
            unknown += 1;
            if unknown <= MAX_KEY_WARNINGS {
                issues.push(Issue {
                    line,
                    message: format!("unknown key `{key}` (known: {})", KEYS.join(", ")),
                });
            }
            continue;
        }
        let Some(text) = text else {
            issues.push(Issue {
                line,
                message: format!("`{key}` must be a string"),
            });
            continue;
        };
        // TOML decodes `\u001b`: the value is cleaned like the text.
        let text = crate::text::clean(text.trim().to_string());
        match key.as_str() {
            "title" => meta.title = Some(text),
            "author" => meta.author = Some(text),
            "source" => meta.source = Some(text),
            "lang" => {
                meta.lang = Some(text);
                meta.lang_line = Some(line);
            }
            "date" => match text.parse() {
                Ok(d) => meta.date = Some(d),
                Err(e) => issues.push(Issue {
                    line,
                    message: format!("{e}"),
                }),
            },
            _ => {}
        }
    }
    if unknown > MAX_KEY_WARNINGS {
        issues.push(Issue {
            line: 2,
            message: format!("{} more unknown keys", unknown - MAX_KEY_WARNINGS),
        });
    }
    meta
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
    fn unquoted_toml_date() {
        let (m, _, _, issues) = split("+++\ndate = 2025-02-10\n+++\nx\n");
        assert!(issues.is_empty(), "{issues:?}");
        assert_eq!(m.date.unwrap().to_string(), "2025-02-10");
    }
}
