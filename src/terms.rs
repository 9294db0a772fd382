//! Sets of terms found in text as a reader would: folded (case and accents
//! do not matter), on word boundaries, a trailing `*` taking any ending
//! (`américain*`), and `cased` terms that must match with their case (`US`,
//! `Oracle`). The lexicon's bloc and topic words and a language's event words
//! are such sets.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::text::{fold, fold_into, is_word_char};

#[derive(Debug, Clone)]
struct Term<T> {
    target: T,
    /// The term as written, for case-sensitive ones.
    cased: Option<Vec<char>>,
    /// `*` suffix: any word ending may follow.
    wildcard: bool,
}

/// A compiled set of terms, each pointing at a `T`.
#[derive(Debug, Clone)]
pub struct TermSet<T> {
    terms: Vec<Term<T>>,
    matcher: AhoCorasick,
}

impl<T: Copy> TermSet<T> {
    /// Compiles `(target, term, cased)` triples. An empty term is an error
    /// (it would match everywhere).
    pub fn build<'a>(defs: impl IntoIterator<Item = (T, &'a str, bool)>) -> Result<Self, String> {
        let mut patterns = Vec::new();
        let mut terms = Vec::new();
        for (target, raw, cased) in defs {
            let (body, wildcard) = match raw.strip_suffix('*') {
                Some(b) => (b, true),
                None => (raw, false),
            };
            let folded = fold(body.trim());
            if folded.is_empty() {
                return Err(format!("empty term {raw:?}"));
            }
            patterns.push(folded);
            terms.push(Term {
                target,
                cased: cased.then(|| body.trim().chars().collect()),
                wildcard,
            });
        }
        if patterns.is_empty() {
            patterns.push("\u{0}".to_string());
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .map_err(|e| e.to_string())?;
        Ok(TermSet { terms, matcher })
    }

    /// An empty set.
    pub fn empty() -> Self {
        Self::build(std::iter::empty()).unwrap_or_else(|_| unreachable!("no term, no error"))
    }

    /// Every term found in `text`: its char range in `text` and its target,
    /// in order of position (overlapping finds included).
    pub fn find(&self, text: &str) -> Vec<(usize, usize, T)> {
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len());
        fold_into(text, &mut folded, &mut map);
        // The original chars, only for case-sensitive terms (rare).
        let mut orig: Option<Vec<char>> = None;
        let mut found: Vec<(usize, usize, T)> = Vec::new();
        let mut cursor = (0usize, 0usize);
        for m in self.matcher.find_overlapping_iter(&folded) {
            let Some(term) = self.terms.get(m.pattern().as_usize()) else {
                continue;
            };
            if folded[..m.start()]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
            {
                continue;
            }
            let mut end = m.end();
            if term.wildcard {
                end += folded[end..]
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .map(char::len_utf8)
                    .sum::<usize>();
            }
            if folded[end..].chars().next().is_some_and(is_word_char) {
                continue;
            }
            // Char index of the match, counted from the previous match's
            // (matches come in order, roughly): linear on a long text.
            let first = if m.start() >= cursor.0 {
                cursor.1 + folded[cursor.0..m.start()].chars().count()
            } else {
                cursor.1 - folded[m.start()..cursor.0].chars().count()
            };
            cursor = (m.start(), first);
            let last = first + folded[m.start()..end].chars().count() - 1;
            let orig_start = map[first] as usize;
            let orig_end = map[last] as usize + 1;
            if let Some(cased) = &term.cased {
                let n = cased.len();
                let orig = orig.get_or_insert_with(|| text.chars().collect());
                if orig.get(orig_start..orig_start + n) != Some(cased.as_slice()) {
                    continue;
                }
            }
            found.push((orig_start, orig_end, term.target));
        }
        found.sort_by_key(|(pos, _, _)| *pos);
        found
    }

    /// True when no term was given.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_on_word_boundaries_with_endings_and_case() {
        let set = TermSet::build([
            (1, "lanc*", false),
            (2, "entrée en vigueur", false),
            (3, "US", true),
        ])
        .unwrap();
        let t = "Elle a lancé R1. L'ENTRÉE EN VIGUEUR des règles US, pas us, ni élancé.";
        let found: Vec<(String, i32)> = set
            .find(t)
            .into_iter()
            .map(|(s, e, k)| (t.chars().skip(s).take(e - s).collect(), k))
            .collect();
        assert_eq!(
            found,
            [
                ("lancé".to_string(), 1),
                ("ENTRÉE EN VIGUEUR".to_string(), 2),
                ("US".to_string(), 3)
            ]
        );
        assert!(TermSet::build([(0, " ", false)]).is_err());
        assert!(TermSet::<u8>::empty().find("anything").is_empty());
    }
}
