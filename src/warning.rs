//! Problems met while loading a file, named by file and line (or byte
//! offset). The rest loads anyway; `--strict` turns them into errors.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::i18n::fill;
use crate::text::escape_name;

/// A problem met while loading, named by file and line (or byte offset).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The file, as given (a path, or `seeds/NAME` for the built-in corpus).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// Byte offset in the file, when no line is known.
    pub byte: Option<usize>,
    /// What is wrong and what was done about it.
    pub message: String,
    /// The English template `message` was made from ("cannot read, skipped:
    /// {why}"), so that the explorer can say it in the reader's language.
    #[serde(default)]
    pub template: Option<String>,
    /// The values of the template's placeholders.
    #[serde(default)]
    pub args: Vec<(String, String)>,
}

impl Warning {
    /// A warning about `file`, at `line` when known.
    pub fn new(file: &str, line: Option<usize>, message: impl Into<String>) -> Self {
        Warning {
            file: file.to_string(),
            line,
            byte: None,
            message: message.into(),
            template: None,
            args: Vec::new(),
        }
    }

    /// A warning whose message is `template` with its `{name}` placeholders
    /// filled: English here, in the interface's language through
    /// [`Warning::shown`].
    pub fn trf(
        file: &str,
        line: Option<usize>,
        template: &'static str,
        args: &[(&str, &dyn fmt::Display)],
    ) -> Self {
        let args = crate::i18n::owned(args);
        Warning {
            message: fill(template, &args),
            template: Some(template.to_string()),
            args,
            ..Self::new(file, line, String::new())
        }
    }

    /// The warning in the interface's language (its location as
    /// [`fmt::Display`] gives it).
    pub fn shown(&self) -> String {
        let message = match &self.template {
            Some(t) => fill(&crate::i18n::tr_dyn(t), &self.args),
            None => self.message.clone(),
        };
        Warning {
            message,
            template: None,
            args: Vec::new(),
            ..self.clone()
        }
        .to_string()
    }

    /// A warning about `file` at byte offset `byte`.
    pub fn at_byte(file: &str, byte: usize, message: impl Into<String>) -> Self {
        Warning {
            byte: Some(byte),
            ..Self::new(file, None, message)
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.byte) {
            (Some(l), _) => write!(f, "{}:{}: {}", escape_name(&self.file), l, self.message),
            (None, Some(b)) => write!(
                f,
                "{}: byte {}: {}",
                escape_name(&self.file),
                b,
                self.message
            ),
            _ => write!(f, "{}: {}", escape_name(&self.file), self.message),
        }
    }
}

/// 1-based line of byte offset `b` in `s`.
pub fn line_at(s: &str, b: usize) -> usize {
    1 + s.as_bytes()[..b.min(s.len())]
        .iter()
        .filter(|&&c| c == b'\n')
        .count()
}

/// The lines of a text, for naming the line of many offsets in one file
/// (a front matter, a timeline of thousands of events) in linear time.
#[derive(Debug, Clone)]
pub struct LineIndex {
    /// Byte offset of every newline.
    newlines: Vec<usize>,
}

impl LineIndex {
    /// Indexes the newlines of `s`.
    pub fn new(s: &str) -> Self {
        LineIndex {
            newlines: s
                .bytes()
                .enumerate()
                .filter(|&(_, c)| c == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// 1-based line of byte offset `b` (as [`line_at`]).
    pub fn line(&self, b: usize) -> usize {
        1 + self.newlines.partition_point(|&n| n < b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_at() {
        let s = "a\nbb\n\nccc\n";
        let idx = LineIndex::new(s);
        for b in 0..=s.len() + 2 {
            assert_eq!(idx.line(b), line_at(s, b), "byte {b}");
        }
    }
}
