//! Fuzzy search over claims, one engine for the CLI and the TUI.
//!
//! The index folds every claim once into one contiguous buffer. A search walks
//! it with no allocation of its own per claim: an exact `memchr` subsequence
//! prefilter rejects most claims before skim scores the rest, a bounded heap
//! keeps the top `limit`, and match positions are computed only for the hits
//! returned. [`SearchIndex::score_range`] works on any slice of claims, so
//! callers can split the work across threads or narrow it incrementally.

pub mod query;

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

use crate::corpus::{Claim, Corpus};
use crate::text::fold_into;
pub use query::{Query, Term, TermKind};

/// One search result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Index of the claim in [`Corpus::claims`].
    pub claim: usize,
    /// Higher is better.
    pub score: i64,
}

/// A result with everything a view shows: the claim, its score and the char
/// indices of `text` that matched (for highlighting).
#[derive(Debug, Clone, Serialize)]
pub struct SearchResult<'a> {
    /// The claim's fields.
    #[serde(flatten)]
    pub claim: &'a Claim,
    /// Higher is better.
    pub score: i64,
    /// Char indices into `text` of the matched chars, ascending.
    pub indices: Vec<usize>,
}

/// The search index over a corpus's claims.
pub struct SearchIndex {
    /// Folded claim texts, back to back.
    folded: String,
    /// Byte offset of each claim in `folded`, plus the end.
    starts: Vec<u32>,
    /// Bloc bits of each claim.
    blocs: Vec<u64>,
    /// Length in chars of each original claim (the first tie-break).
    lens: Vec<u32>,
    matcher: SkimMatcherV2,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("claims", &self.lens.len())
            .finish()
    }
}

/// Ranking key: better results compare smaller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Rank {
    neg_score: i64,
    len: u32,
    idx: u32,
}

/// The index's data, for the cache.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct IndexData {
    folded: String,
    starts: Vec<u32>,
    blocs: Vec<u64>,
    lens: Vec<u32>,
}

impl SearchIndex {
    /// The index's data, to store.
    pub fn to_data(&self) -> IndexData {
        IndexData {
            folded: self.folded.clone(),
            starts: self.starts.clone(),
            blocs: self.blocs.clone(),
            lens: self.lens.clone(),
        }
    }

    /// An index from stored data. Inconsistent data (offsets out of range or
    /// off char boundaries) gives an empty index, which the caller detects.
    pub fn from_data(d: IndexData) -> Self {
        let n = d.lens.len();
        let ok = d.starts.len() == n + 1
            && d.blocs.len() == n
            && d.starts.windows(2).all(|w| w[0] <= w[1])
            && d.starts
                .last()
                .is_some_and(|&e| e as usize == d.folded.len())
            && d.starts
                .iter()
                .all(|&s| d.folded.is_char_boundary(s as usize));
        let d = if ok {
            d
        } else {
            IndexData {
                folded: String::new(),
                starts: vec![0],
                blocs: vec![],
                lens: vec![],
            }
        };
        SearchIndex {
            folded: d.folded,
            starts: d.starts,
            blocs: d.blocs,
            lens: d.lens,
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    /// Builds the index of all the claims of `corpus`.
    pub fn new(corpus: &Corpus) -> Self {
        let total: usize = corpus.claims.iter().map(|c| c.text.len()).sum();
        let mut folded = String::with_capacity(total + total / 8);
        let mut scratch = Vec::new();
        let mut starts = Vec::with_capacity(corpus.claims.len() + 1);
        let mut blocs = Vec::with_capacity(corpus.claims.len());
        let mut lens = Vec::with_capacity(corpus.claims.len());
        for c in &corpus.claims {
            starts.push(folded.len() as u32);
            scratch.clear();
            fold_into(&c.text, &mut folded, &mut scratch);
            let mut bits = 0u64;
            for code in &c.blocs {
                if let Some(b) = corpus.lexicon.bloc_index(code).filter(|&b| b < 64) {
                    bits |= 1 << b;
                }
            }
            blocs.push(bits);
            lens.push(c.text.chars().count() as u32);
        }
        starts.push(folded.len() as u32);
        SearchIndex {
            folded,
            starts,
            blocs,
            lens,
            matcher: SkimMatcherV2::default().respect_case(),
        }
    }

    /// Number of claims indexed.
    pub fn len(&self) -> usize {
        self.lens.len()
    }

    /// True when there is no claim.
    pub fn is_empty(&self) -> bool {
        self.lens.is_empty()
    }

    fn haystack(&self, i: usize) -> &str {
        &self.folded[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    /// Scores claim `i` against `q`; `None` when it does not match.
    pub fn score(&self, q: &Query, i: usize) -> Option<i64> {
        let h = self.haystack(i);
        let mut total = 0i64;
        for group in &q.groups {
            let mut best: Option<i64> = None;
            for t in group {
                if let Some(s) = self.term_score(t, h, self.blocs[i]) {
                    best = Some(best.map_or(s, |b| b.max(s)));
                }
            }
            total += best?;
        }
        Some(total)
    }

    fn term_score(&self, t: &Term, h: &str, blocs: u64) -> Option<i64> {
        let hit = match t.kind {
            TermKind::Bloc(b) => b < 64 && blocs & (1 << b) != 0,
            TermKind::Fuzzy => is_subsequence(t.text.as_bytes(), h.as_bytes()),
            TermKind::Exact => memchr::memmem::find(h.as_bytes(), t.text.as_bytes()).is_some(),
            TermKind::Prefix => h.starts_with(&t.text),
            TermKind::Suffix => h.ends_with(&t.text),
            TermKind::Equal => h == t.text,
        };
        if hit == t.negate {
            return None;
        }
        if t.negate || matches!(t.kind, TermKind::Bloc(_)) {
            return Some(0);
        }
        // The prefilter is exact for skim (it matches in-order subsequences
        // only), so a `None` here cannot happen for a fuzzy term; for the
        // others, their own check decided and skim only grades the match.
        Some(self.matcher.fuzzy_match(h, &t.text).unwrap_or(1))
    }

    /// Scores claims `range` and returns the best `limit` hits (all when
    /// `limit` is `None`), best first: score, then shorter claim, then
    /// reading order. `only_bloc` keeps claims tagged with that bloc.
    pub fn score_range(
        &self,
        q: &Query,
        range: std::ops::Range<usize>,
        limit: Option<usize>,
        only_bloc: Option<usize>,
    ) -> Vec<Hit> {
        let mask = only_bloc.map(|b| if b < 64 { 1u64 << b } else { 0 });
        let keep = |i: usize| mask.is_none_or(|m| self.blocs[i] & m != 0);
        if q.is_empty() {
            let it = range
                .filter(|&i| keep(i))
                .map(|claim| Hit { claim, score: 0 });
            return match limit {
                Some(n) => it.take(n).collect(),
                None => it.collect(),
            };
        }
        let rank = |i: usize, s: i64| Rank {
            neg_score: -s,
            len: self.lens[i],
            idx: i as u32,
        };
        let mut ranked: Vec<Rank> = match limit {
            Some(0) => Vec::new(),
            Some(n) => {
                let mut heap: BinaryHeap<Rank> = BinaryHeap::with_capacity(n + 1);
                for i in range.filter(|&i| keep(i)) {
                    if let Some(s) = self.score(q, i) {
                        let r = rank(i, s);
                        if heap.len() < n {
                            heap.push(r);
                        } else if heap.peek().is_some_and(|w| r.cmp(w) == Ordering::Less) {
                            heap.pop();
                            heap.push(r);
                        }
                    }
                }
                heap.into_vec()
            }
            None => range
                .filter(|&i| keep(i))
                .filter_map(|i| self.score(q, i).map(|s| rank(i, s)))
                .collect(),
        };
        ranked.sort_unstable();
        ranked
            .into_iter()
            .map(|r| Hit {
                claim: r.idx as usize,
                score: -r.neg_score,
            })
            .collect()
    }

    /// Searches all claims.
    pub fn search(&self, q: &Query, limit: Option<usize>, only_bloc: Option<usize>) -> Vec<Hit> {
        self.score_range(q, 0..self.len(), limit, only_bloc)
    }

    /// Char indices of `text` (a claim's original text) that `q` matched,
    /// ascending: what a view highlights.
    pub fn indices(&self, q: &Query, text: &str) -> Vec<usize> {
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len());
        fold_into(text, &mut folded, &mut map);
        let mut out: Vec<usize> = Vec::new();
        let char_at = |byte: usize| folded[..byte].chars().count();
        for group in &q.groups {
            // Highlight the alternative that scored best.
            let best = group
                .iter()
                .filter(|t| !t.negate && !matches!(t.kind, TermKind::Bloc(_)))
                .filter_map(|t| self.term_score(t, &folded, u64::MAX).map(|s| (s, t)))
                .max_by_key(|(s, _)| *s);
            let Some((_, t)) = best else { continue };
            let span = |b: usize| (char_at(b)..char_at(b + t.text.len())).collect::<Vec<_>>();
            let chars: Vec<usize> = match t.kind {
                TermKind::Fuzzy => self
                    .matcher
                    .fuzzy_indices(&folded, &t.text)
                    .map(|(_, ix)| ix)
                    .unwrap_or_default(),
                TermKind::Exact => memchr::memmem::find(folded.as_bytes(), t.text.as_bytes())
                    .map(&span)
                    .unwrap_or_default(),
                TermKind::Prefix | TermKind::Equal => span(0),
                TermKind::Suffix => span(folded.len() - t.text.len()),
                TermKind::Bloc(_) => Vec::new(),
            };
            out.extend(
                chars
                    .into_iter()
                    .filter_map(|c| map.get(c).map(|&o| o as usize)),
            );
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Runs `q` and returns full results for the views.
    pub fn results<'a>(
        &self,
        corpus: &'a Corpus,
        q: &Query,
        limit: Option<usize>,
        only_bloc: Option<usize>,
    ) -> Vec<SearchResult<'a>> {
        self.search(q, limit, only_bloc)
            .into_iter()
            .map(|h| {
                let claim = &corpus.claims[h.claim];
                SearchResult {
                    claim,
                    score: h.score,
                    indices: self.indices(q, &claim.text),
                }
            })
            .collect()
    }
}

/// True when the bytes of `needle` appear in `hay` in order. For UTF-8 text
/// this is implied by char-subsequence, so it never rejects a skim match.
fn is_subsequence(needle: &[u8], hay: &[u8]) -> bool {
    let mut pos = 0;
    for &b in needle {
        match memchr::memchr(b, &hay[pos..]) {
            Some(p) => pos += p + 1,
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus::builtin()
    }

    fn top(c: &Corpus, idx: &SearchIndex, q: &str, n: usize) -> Vec<String> {
        let q = Query::parse(q, &c.lexicon);
        idx.search(&q, Some(n), None)
            .into_iter()
            .map(|h| c.claims[h.claim].text.clone())
            .collect()
    }

    #[test]
    fn accent_insensitive_both_ways() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        for q in ["etats unis", "États-Unis", "Etats", "ÉTATS"] {
            let r = top(&c, &idx, q, 5);
            assert!(!r.is_empty(), "{q}");
            assert!(
                r.iter().all(|t| crate::text::fold(t).contains("etats")),
                "{q}: {r:?}"
            );
        }
        let r = top(&c, &idx, "'regulation", 50);
        assert!(r.iter().any(|t| t.contains("régulation")));
        // The apostrophes ’ and ' are the same.
        let a = top(&c, &idx, "'l'europe", 100);
        let b = top(&c, &idx, "'l’europe", 100);
        assert_eq!(a, b);
        assert!(!a.is_empty());
    }

    #[test]
    fn operators_filter_as_documented() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let all = |q: &str| {
            let q = Query::parse(q, &c.lexicon);
            idx.search(&q, None, None)
                .into_iter()
                .map(|h| c.claims[h.claim].clone())
                .collect::<Vec<_>>()
        };
        let f = |s: &str| crate::text::fold(s);
        assert!(all("'nvidia").iter().all(|x| f(&x.text).contains("nvidia")));
        assert!(
            all("^la\\ chine")
                .iter()
                .all(|x| f(&x.text).starts_with("la chine"))
        );
        assert!(!all("^la\\ chine").is_empty());
        assert!(
            all("monde.$")
                .iter()
                .all(|x| f(&x.text).ends_with("monde."))
        );
        assert!(!all("monde.$").is_empty());
        let not = all("deepseek !'r1");
        assert!(!not.is_empty() && not.iter().all(|x| !f(&x.text).contains("r1")));
        let either = all("'nvidia | 'stargate");
        assert!(
            either
                .iter()
                .all(|x| f(&x.text).contains("nvidia") || f(&x.text).contains("stargate"))
        );
        assert!(either.iter().any(|x| f(&x.text).contains("stargate")));
        assert!(either.iter().any(|x| f(&x.text).contains("nvidia")));
        let eu = all("@eu regulation");
        assert!(!eu.is_empty() && eu.iter().all(|x| x.blocs.contains(&"eu".to_string())));
        let not_cn = all("deepseek !@cn");
        assert!(not_cn.iter().all(|x| !x.blocs.contains(&"cn".to_string())));
        assert!(all("@xx").is_empty());
        let exact =
            all("^trois approches, trois visions du role de la technologie dans l'ordre mondial.$");
        assert_eq!(exact.len(), 1);
    }

    #[test]
    fn indices_map_to_original_chars() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let q = Query::parse("etats unis", &c.lexicon);
        let text = "Les États-Unis les protègent et en restreignent l’accès.";
        let ix = idx.indices(&q, text);
        let chars: Vec<char> = text.chars().collect();
        let hl: String = ix.iter().map(|&i| chars[i]).collect();
        assert_eq!(crate::text::fold(&hl).replace(['-', ' '], ""), "etatsunis");
        // Ligatures: one original char for two folded ones.
        let q = Query::parse("'coeur", &c.lexicon);
        let ix = idx.indices(&q, "au cœur des chaînes");
        assert_eq!(ix, vec![3, 4, 5, 6]);
    }

    #[test]
    fn ranking_ties_shorter_then_reading_order() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let q = Query::parse("@cn", &c.lexicon);
        let hits = idx.search(&q, None, None);
        for w in hits.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            assert_eq!(a.score, b.score);
            let (la, lb) = (
                c.claims[a.claim].text.chars().count(),
                c.claims[b.claim].text.chars().count(),
            );
            assert!(la < lb || (la == lb && a.claim < b.claim));
        }
        // Top-k equals the head of the full ranking.
        let q = Query::parse("ia", &c.lexicon);
        let full = idx.search(&q, None, None);
        let k = idx.search(&q, Some(7), None);
        assert_eq!(&full[..7], &k[..]);
        for w in full.windows(2) {
            assert!(w[0].score >= w[1].score);
        }
    }

    #[test]
    fn empty_query_lists_everything_in_reading_order() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let hits = idx.search(&Query::default(), None, None);
        assert_eq!(hits.len(), c.claims.len());
        assert!(hits.windows(2).all(|w| w[0].claim < w[1].claim));
    }
}
