//! The query language: fzf's extended syntax plus bloc filters.
//!
//! | term      | matches claims that...                     |
//! |-----------|--------------------------------------------|
//! | `word`    | contain the chars of `word` in order (fuzzy) |
//! | `'word`   | contain `word` as a substring               |
//! | `^word`   | start with `word`                           |
//! | `word$`   | end with `word`                             |
//! | `^word$`  | are exactly `word`                          |
//! | `!word`   | do not contain `word` (also `!^w`, `!w$`)   |
//! | `@us`     | are tagged with the bloc (`!@us`: are not)  |
//! | `a \| b`  | match `a` or `b`                            |
//!
//! Terms separated by spaces must all match, in any order. `\ ` is a literal
//! space. Everything is folded (case, accents, apostrophes) before matching.

use crate::corpus::Lexicon;
use crate::text::fold;

/// How a term matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TermKind {
    /// In-order subsequence, scored by skim.
    Fuzzy,
    /// Substring.
    Exact,
    /// Prefix of the claim.
    Prefix,
    /// Suffix of the claim.
    Suffix,
    /// The whole claim.
    Equal,
    /// Tagged with a bloc (bit index into the lexicon's blocs).
    Bloc(usize),
}

/// One term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// How it matches.
    pub kind: TermKind,
    /// True for `!term`: the claim must not match.
    pub negate: bool,
    /// The folded text to match (empty for bloc terms).
    pub text: String,
}

/// A parsed query: groups that must all match, each a list of alternatives
/// (`a | b`) of which one must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    /// AND of OR-groups.
    pub groups: Vec<Vec<Term>>,
    /// Problems, such as an unknown bloc; the term then matches nothing.
    pub problems: Vec<Problem>,
}

/// What is wrong with a term (the interface words it in its language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// `@code` names no bloc of the lexicon.
    #[error("unknown bloc @{code} (known: {})", known.join(", "))]
    UnknownBloc {
        /// The code typed, lowercased.
        code: String,
        /// The lexicon's codes.
        known: Vec<String>,
    },
}

impl Query {
    /// Parses `input`; bloc codes are looked up in `lexicon`.
    pub fn parse(input: &str, lexicon: &Lexicon) -> Query {
        let mut q = Query::default();
        let mut or_next = false;
        for raw in split_terms(input) {
            if raw == "|" {
                or_next = !q.groups.is_empty();
                continue;
            }
            let Some(term) = parse_term(&raw, lexicon, &mut q.problems) else {
                continue;
            };
            match q.groups.last_mut() {
                Some(g) if or_next => g.push(term),
                _ => q.groups.push(vec![term]),
            }
            or_next = false;
        }
        q
    }

    /// True when the query has no term: everything matches, in reading order.
    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

/// Splits on unescaped spaces; `\ ` is a literal space.
fn split_terms(input: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&' ') {
            cur.push(' ');
            chars.next();
        } else if c.is_whitespace() {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn parse_term(raw: &str, lexicon: &Lexicon, problems: &mut Vec<Problem>) -> Option<Term> {
    let (negate, rest) = match raw.strip_prefix('!') {
        Some(r) => (true, r),
        None => (false, raw),
    };
    if let Some(code) = rest.strip_prefix('@') {
        if code.is_empty() {
            return None; // still being typed
        }
        let code = code.to_lowercase();
        let kind = match lexicon.bloc_index(&code) {
            Some(b) => TermKind::Bloc(b),
            None => {
                problems.push(Problem::UnknownBloc {
                    code: code.clone(),
                    known: lexicon.blocs.iter().map(|b| b.code.clone()).collect(),
                });
                // An unknown bloc matches nothing (or everything, negated).
                TermKind::Bloc(usize::MAX)
            }
        };
        return Some(Term {
            kind,
            negate,
            text: String::new(),
        });
    }
    let (exact, rest) = match rest.strip_prefix('\'') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (prefix, rest) = match rest.strip_prefix('^') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let (suffix, rest) = match rest.strip_suffix('$') {
        Some(r) if !r.is_empty() => (true, r),
        _ => (false, rest),
    };
    let text = fold(rest);
    if text.is_empty() {
        return None;
    }
    let kind = match (prefix, suffix) {
        (true, true) => TermKind::Equal,
        (true, false) => TermKind::Prefix,
        (false, true) => TermKind::Suffix,
        // As in fzf, a negated term is always an exact one.
        _ if exact || negate => TermKind::Exact,
        _ => TermKind::Fuzzy,
    };
    Some(Term { kind, negate, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(s: &str) -> Query {
        Query::parse(s, &Lexicon::builtin())
    }

    fn t(kind: TermKind, negate: bool, text: &str) -> Term {
        Term {
            kind,
            negate,
            text: text.into(),
        }
    }

    #[test]
    fn parses_every_operator() {
        let p = q("deepseek 'coût ^la ssé$ ^exact$ !fire !^pre !suf$ @us !@cn");
        let g: Vec<Term> = p.groups.into_iter().flatten().collect();
        assert_eq!(
            g,
            vec![
                t(TermKind::Fuzzy, false, "deepseek"),
                t(TermKind::Exact, false, "cout"),
                t(TermKind::Prefix, false, "la"),
                t(TermKind::Suffix, false, "sse"),
                t(TermKind::Equal, false, "exact"),
                t(TermKind::Exact, true, "fire"),
                t(TermKind::Prefix, true, "pre"),
                t(TermKind::Suffix, true, "suf"),
                t(TermKind::Bloc(0), false, ""),
                t(TermKind::Bloc(1), true, ""),
            ]
        );
    }

    #[test]
    fn or_groups_and_escapes() {
        let p = q("^core go$ | rb$ | py$ x\\ y");
        assert_eq!(p.groups.len(), 3);
        assert_eq!(p.groups[1].len(), 3);
        assert_eq!(p.groups[2][0].text, "x y");
        // A dangling or leading bar is ignored.
        assert_eq!(q("| a |").groups.len(), 1);
    }

    #[test]
    fn partial_and_unknown_input() {
        assert!(q("@ ! ' ^").is_empty());
        // A lone `$` is a literal char to find ("0,55$").
        assert_eq!(q("$").groups[0][0].text, "$");
        let p = q("@xx");
        assert_eq!(p.problems.len(), 1);
        assert!(p.problems[0].to_string().contains("unknown bloc @xx"));
        assert_eq!(q("Régulation").groups[0][0].text, "regulation");
    }
}
