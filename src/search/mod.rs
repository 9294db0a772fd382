//! Fuzzy search over claims, one engine for the CLI and the TUI.
//!
//! The index folds every claim once into one contiguous buffer. A search walks
//! it with no allocation of its own per claim: an exact `memchr` subsequence
//! prefilter rejects most claims before skim scores the rest, a bounded heap
//! keeps the top `limit`, and match positions are computed only for the hits
//! returned. [`SearchIndex::score_range`] works on any slice of claims, so
//! callers can split the work across threads or narrow it incrementally.

pub mod query;
pub mod skim;
pub mod worker;

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::ops::Range;
use std::sync::atomic::{AtomicI64, Ordering as AtomicOrdering};

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::{Claim, ClaimKind, Corpus, SharedBytes};
use crate::text::fold_into;
pub use query::{Problem, Query, Term, TermKind};

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
    pub claim: std::borrow::Cow<'a, Claim>,
    /// Higher is better.
    pub score: i64,
    /// Char indices into `text` of the matched chars, ascending.
    pub indices: Vec<usize>,
}

impl IndexData {
    /// Adds claim `c` (its bloc bits by `lexicon`) at the end.
    pub fn push(&mut self, c: &Claim, lexicon: &crate::corpus::Lexicon) {
        let hidden = if c.kind == ClaimKind::Boilerplate {
            HIDDEN
        } else {
            0
        };
        let bits = c
            .blocs
            .iter()
            .filter_map(|code| lexicon.bloc_index(code).filter(|&b| b < 63))
            .fold(hidden, |bits, b| bits | 1 << b);
        self.starts.push(self.folded.len() as u32);
        // The char map fold_into keeps is not needed here: one buffer a
        // thread, cleared, rather than one a claim.
        thread_local! {
            static SCRATCH: std::cell::RefCell<Vec<u32>> = const { std::cell::RefCell::new(Vec::new()) };
        }
        SCRATCH.with(|m| {
            let mut m = m.borrow_mut();
            m.clear();
            fold_into(&c.text, &mut self.folded, &mut m);
        });
        self.blocs.push(bits);
        self.lens.push(c.text.chars().count() as u32);
    }

    /// Adds an empty claim that no search finds.
    fn push_hidden(&mut self) {
        self.starts.push(self.folded.len() as u32);
        self.blocs.push(HIDDEN);
        self.lens.push(0);
    }

    /// Adds the claims of `other` (built by `push`, not finished) at the end.
    pub fn append(&mut self, other: IndexData) {
        let base = self.folded.len() as u32;
        self.starts
            .extend(other.starts.into_iter().map(|s| s + base));
        self.folded.push_str(&other.folded);
        self.blocs.extend(other.blocs);
        self.lens.extend(other.lens);
    }

    /// Closes the offsets: the end of the last claim's text.
    pub fn finish(mut self) -> IndexData {
        self.starts.push(self.folded.len() as u32);
        self
    }
}

/// The bytes of a mapped index.
fn bytes(map: &SharedBytes) -> &[u8] {
    (**map).as_ref()
}

/// The bit of a claim's bloc bits that hides it from every search: a
/// boilerplate line (a byline, a "read more" link). Blocs use the 63 below.
const HIDDEN: u64 = 1 << 63;

/// The index's data, held in memory.
#[derive(Debug, Clone, Default)]
pub struct IndexData {
    /// Folded claim texts, back to back.
    pub folded: String,
    /// Byte offset of each claim in `folded`, plus the end.
    pub starts: Vec<u32>,
    /// Bloc bits of each claim.
    pub blocs: Vec<u64>,
    /// Length in chars of each original claim.
    pub lens: Vec<u32>,
}

/// Where the index's arrays live: in memory, or in a memory-mapped cache
/// file (sections checked when the file was opened).
enum Storage {
    Owned(IndexData),
    Mapped {
        map: SharedBytes,
        folded: Range<usize>,
        starts: Range<usize>,
        blocs: Range<usize>,
        lens: Range<usize>,
    },
}

/// The search index over a corpus's claims.
pub struct SearchIndex {
    storage: Storage,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("claims", &self.len())
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

impl Rank {
    fn hit(self) -> Hit {
        Hit {
            claim: self.idx as usize,
            score: -self.neg_score,
        }
    }
}

/// Keeps the best `k` ranks seen (a bounded max-heap of the worst kept).
struct TopK {
    k: usize,
    heap: BinaryHeap<Rank>,
}

impl TopK {
    fn new(k: usize) -> Self {
        TopK {
            k,
            heap: BinaryHeap::with_capacity(k.min(4096) + 1),
        }
    }

    fn push(&mut self, r: Rank) {
        if self.heap.len() < self.k {
            self.heap.push(r);
        } else if self.heap.peek().is_some_and(|w| r.cmp(w) == Ordering::Less) {
            self.heap.pop();
            self.heap.push(r);
        }
    }

    fn merge(mut self, other: TopK) -> TopK {
        for r in other.heap {
            self.push(r);
        }
        self
    }

    fn sorted(self) -> Vec<Hit> {
        let mut v = self.heap.into_vec();
        v.sort_unstable();
        v.into_iter().map(Rank::hit).collect()
    }
}

/// How many claims a worker thread takes at a time (and how often it checks
/// for cancellation).
const CHUNK: usize = 8192;

/// What a search found: the best hits, and every matching claim (for
/// narrowing the next, longer query).
#[derive(Debug, Clone, Default)]
pub struct Outcome {
    /// The best `limit` hits, best first.
    pub hits: Vec<Hit>,
    /// Every claim that matched, in corpus order.
    pub survivors: Vec<u32>,
}

/// How text terms are scored: the seam between the engine (query
/// semantics, prefiltering, top-k, parallel chunks, cancellation) and a
/// ranking. The engine decides whether a term matches a claim; the scorer
/// says how well, how well it could at most (to skip hopeless claims), and
/// which chars it matched, so that highlights come from the same place as
/// scores.
pub trait Scorer: Sync {
    /// What the scorer precomputes per term, once per query.
    type Prepared<'q>: Sync
    where
        Self: 'q;

    /// Prepares text term `t` for the hot loop.
    fn prepare<'q>(&'q self, t: &'q Term) -> Self::Prepared<'q>;

    /// The most [`Scorer::score`] can give `hay` (a folded claim that matches
    /// the term): a cheap bound, never below the real score.
    fn upper_bound(&self, p: &Self::Prepared<'_>, hay: &[u8]) -> i64;

    /// The term's score in `hay` (a folded claim that matches it).
    fn score(&self, p: &Self::Prepared<'_>, hay: &[u8]) -> Option<i64>;

    /// The char indices of `folded` (a folded claim) that the term matched,
    /// ascending, as the score counted them.
    fn positions(&self, t: &Term, folded: &str) -> Vec<usize>;
}

/// Today's ranking: skim's fuzzy score (fzf's algorithm family) for fuzzy
/// terms, on the window where a term can match; exact terms score as skim
/// scores their text.
#[derive(Debug, Clone, Copy, Default)]
pub struct SkimScorer;

/// A fuzzy term prepared for skim: its substring finder and the bounds of
/// its score.
pub struct SkimPrepared<'q> {
    term: &'q Term,
    finder: memchr::memmem::Finder<'q>,
    /// Bound on skim's score when the text starts with the term's first char
    /// (the only place where skim doubles a bonus): 32 per char.
    bound_start: i64,
    /// Bound when the term occurs contiguously elsewhere: 16 for the match
    /// and at most 8 of bonus per char.
    bound_contiguous: i64,
    /// Bound otherwise: a gap costs at least 4 (`gap_start + gap_extension`).
    bound_gapped: i64,
}

impl Scorer for SkimScorer {
    type Prepared<'q> = SkimPrepared<'q>;

    fn prepare<'q>(&'q self, term: &'q Term) -> SkimPrepared<'q> {
        let m = term.text.chars().count() as i64;
        SkimPrepared {
            term,
            finder: memchr::memmem::Finder::new(term.text.as_bytes()),
            bound_start: 32 * m,
            bound_contiguous: 24 * m,
            bound_gapped: 24 * m - 4,
        }
    }

    fn upper_bound(&self, p: &SkimPrepared<'_>, hay: &[u8]) -> i64 {
        let first = p.term.text.as_bytes().first().copied();
        if p.term.kind != TermKind::Fuzzy || hay.first().copied() == first {
            return p.bound_start;
        }
        if p.finder.find(hay).is_some() {
            p.bound_contiguous
        } else {
            p.bound_gapped
        }
    }

    fn score(&self, p: &SkimPrepared<'_>, hay: &[u8]) -> Option<i64> {
        let t = p.term;
        // The prefilter is exact for skim (it matches in-order subsequences
        // only). Skim decodes what it is given into chars: give it only the
        // window where the term can match.
        let (ws, we) = if t.kind == TermKind::Fuzzy {
            window(hay, t.text.as_bytes())?
        } else {
            (0, hay.len())
        };
        let text = std::str::from_utf8(&hay[ws..we]).ok()?;
        Some(skim::score(text, &t.text).unwrap_or(1))
    }

    fn positions(&self, t: &Term, folded: &str) -> Vec<usize> {
        let char_at = |byte: usize| folded[..byte].chars().count();
        let span = |b: usize| (char_at(b)..char_at(b + t.text.len())).collect::<Vec<_>>();
        match t.kind {
            TermKind::Fuzzy => skim::indices(folded, &t.text)
                .map(|(_, ix)| ix)
                .unwrap_or_default(),
            TermKind::Exact => memchr::memmem::find(folded.as_bytes(), t.text.as_bytes())
                .map(&span)
                .unwrap_or_default(),
            TermKind::Prefix | TermKind::Equal => span(0),
            TermKind::Suffix => span(folded.len().saturating_sub(t.text.len())),
            TermKind::Bloc(_) => Vec::new(),
        }
    }
}

/// A query prepared for the hot loop: each term with what the scorer
/// precomputed for it (none for negated and bloc terms, which score 0).
struct Compiled<'q, S: Scorer + 'q> {
    groups: Vec<Vec<CompiledTerm<'q, S>>>,
}

/// A term of a compiled query, with its scorer state (none when it scores 0).
type CompiledTerm<'q, S> = (&'q Term, Option<<S as Scorer>::Prepared<'q>>);

/// True when term `t` matches folded claim `hay` with bloc bits `bits`:
/// the query's semantics, whatever the scorer.
fn term_hit(t: &Term, hay: &[u8], bits: u64) -> bool {
    let needle = t.text.as_bytes();
    let hit = match t.kind {
        TermKind::Bloc(b) => b < 63 && bits & (1 << b) != 0,
        TermKind::Fuzzy => is_subsequence(needle, hay),
        TermKind::Exact => memchr::memmem::find(hay, needle).is_some(),
        TermKind::Prefix => hay.starts_with(needle),
        TermKind::Suffix => hay.ends_with(needle),
        TermKind::Equal => hay == needle,
    };
    hit != t.negate
}

/// The window of `hay` where fuzzy term `t` can match: from one char before
/// the first occurrence of its first char to the last occurrence of its last
/// char. Skim's score of a match depends only on the matched chars, the char
/// before each and the gaps, so scoring the window gives the full score.
fn window(hay: &[u8], t: &[u8]) -> Option<(usize, usize)> {
    let first = memchr::memchr(*t.first()?, hay)?;
    let last = memchr::memrchr(*t.last()?, hay)?;
    let mut s = first;
    // Back to the start of the char before.
    if s > 0 {
        s -= 1;
        while s > 0 && (hay[s] & 0xC0) == 0x80 {
            s -= 1;
        }
    }
    let mut e = last + 1;
    while e < hay.len() && (hay[e] & 0xC0) == 0x80 {
        e += 1;
    }
    (s < e).then_some((s, e))
}

impl SearchIndex {
    /// Builds the index of all the claims of `corpus` (in parallel).
    pub fn new(corpus: &Corpus) -> Self {
        // Fold chunks of claims in parallel, then concatenate in order.
        let n = corpus.claims.len();
        let chunks: Vec<Range<usize>> = (0..n)
            .step_by(CHUNK)
            .map(|s| s..(s + CHUNK).min(n))
            .collect();
        let parts: Vec<IndexData> = chunks
            .into_par_iter()
            .map(|chunk| {
                let mut part = IndexData::default();
                for i in chunk {
                    // A stored claim that cannot be read is kept in its
                    // place, empty and hidden: the index stays aligned.
                    match corpus.claims.get(i) {
                        Some(c) => part.push(&c, &corpus.lexicon),
                        None => part.push_hidden(),
                    }
                }
                part
            })
            .collect();
        let mut d = IndexData::default();
        for part in parts {
            d.append(part);
        }
        Self::from_data(d.finish())
    }

    /// An index from stored data. Inconsistent data (offsets out of range or
    /// off char boundaries) gives an empty index, which the caller detects.
    pub fn from_data(d: IndexData) -> Self {
        let d = if consistent(d.folded.as_bytes(), &d.starts, d.blocs.len(), d.lens.len()) {
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
            storage: Storage::Owned(d),
        }
    }

    /// An index over sections of a memory-mapped file. Returns `None` when a
    /// section is out of bounds, misaligned or inconsistent.
    pub fn from_map(
        map: SharedBytes,
        folded: Range<usize>,
        starts: Range<usize>,
        blocs: Range<usize>,
        lens: Range<usize>,
    ) -> Option<Self> {
        for r in [&folded, &starts, &blocs, &lens] {
            if r.start > r.end || r.end > bytes(&map).len() {
                return None;
            }
        }
        let all = bytes(&map);
        let s: &[u32] = bytemuck::try_cast_slice(&all[starts.clone()]).ok()?;
        let b: &[u64] = bytemuck::try_cast_slice(&all[blocs.clone()]).ok()?;
        let l: &[u32] = bytemuck::try_cast_slice(&all[lens.clone()]).ok()?;
        if !consistent(&all[folded.clone()], s, b.len(), l.len()) {
            return None;
        }
        Some(SearchIndex {
            storage: Storage::Mapped {
                map,
                folded,
                starts,
                blocs,
                lens,
            },
        })
    }

    /// The index's arrays (folded text, offsets, bloc bits, lengths), to
    /// write them out without a copy.
    pub fn sections(&self) -> (&[u8], &[u32], &[u64], &[u32]) {
        (self.folded(), self.starts(), self.blocs(), self.lens())
    }

    fn folded(&self) -> &[u8] {
        match &self.storage {
            Storage::Owned(d) => d.folded.as_bytes(),
            Storage::Mapped { map, folded, .. } => &bytes(map)[folded.clone()],
        }
    }

    fn starts(&self) -> &[u32] {
        match &self.storage {
            Storage::Owned(d) => &d.starts,
            Storage::Mapped { map, starts, .. } => {
                bytemuck::try_cast_slice(&bytes(map)[starts.clone()]).unwrap_or(&[0])
            }
        }
    }

    fn blocs(&self) -> &[u64] {
        match &self.storage {
            Storage::Owned(d) => &d.blocs,
            Storage::Mapped { map, blocs, .. } => {
                bytemuck::try_cast_slice(&bytes(map)[blocs.clone()]).unwrap_or(&[])
            }
        }
    }

    fn lens(&self) -> &[u32] {
        match &self.storage {
            Storage::Owned(d) => &d.lens,
            Storage::Mapped { map, lens, .. } => {
                bytemuck::try_cast_slice(&bytes(map)[lens.clone()]).unwrap_or(&[])
            }
        }
    }

    /// Number of claims indexed.
    pub fn len(&self) -> usize {
        self.lens().len()
    }

    /// True when there is no claim.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn compile<'q, S: Scorer>(&self, scorer: &'q S, q: &'q Query) -> Compiled<'q, S> {
        Compiled {
            groups: q
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|t| {
                            let scored = !t.negate && !matches!(t.kind, TermKind::Bloc(_));
                            (t, scored.then(|| scorer.prepare(t)))
                        })
                        .collect()
                })
                .collect(),
        }
    }

    /// Scores claim `i` against `q`; `None` when it does not match.
    pub fn score(&self, q: &Query, i: usize) -> Option<i64> {
        let c = self.compile(&SkimScorer, q);
        let (folded, starts, blocs) = (self.folded(), self.starts(), self.blocs());
        if blocs.get(i).is_none_or(|b| b & HIDDEN != 0) {
            return None;
        }
        let hay = &folded[starts[i] as usize..starts[i + 1] as usize];
        Self::score_bounded(&SkimScorer, &c, hay, blocs[i], i64::MIN).and_then(|s| s)
    }

    /// `None` when `hay` does not match; `Some(None)` when it matches but
    /// cannot score `threshold` or more (the scorer is not run); else its
    /// score.
    fn score_bounded<S: Scorer>(
        scorer: &S,
        q: &Compiled<'_, S>,
        hay: &[u8],
        bits: u64,
        threshold: i64,
    ) -> Option<Option<i64>> {
        // Cheap checks first: does every group match, and how high could it go?
        let mut bound = 0i64;
        for group in &q.groups {
            let mut g: Option<i64> = None;
            for (t, p) in group {
                if term_hit(t, hay, bits) {
                    let b = p.as_ref().map_or(0, |p| scorer.upper_bound(p, hay));
                    g = Some(g.map_or(b, |x| x.max(b)));
                }
            }
            bound += g?;
        }
        if bound < threshold {
            return Some(None);
        }
        let mut total = 0i64;
        for group in &q.groups {
            let mut best: Option<i64> = None;
            for (t, p) in group {
                if !term_hit(t, hay, bits) {
                    continue;
                }
                let s = match p {
                    Some(p) => scorer.score(p, hay),
                    None => Some(0),
                };
                if let Some(s) = s {
                    best = Some(best.map_or(s, |b| b.max(s)));
                }
            }
            total += best?;
        }
        Some(Some(total))
    }

    /// Searches `candidates` (all claims when `None`) in parallel, keeping
    /// the best `limit` (all when `None`) and every survivor. Returns `None`
    /// when `cancel` says the result is no longer wanted.
    pub fn search_with(
        &self,
        q: &Query,
        candidates: Option<&[u32]>,
        limit: Option<usize>,
        only_bloc: Option<usize>,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Outcome> {
        self.search_scored(&SkimScorer, q, candidates, limit, only_bloc, cancel)
    }

    /// [`SearchIndex::search_with`] with any [`Scorer`].
    pub fn search_scored<S: Scorer>(
        &self,
        scorer: &S,
        q: &Query,
        candidates: Option<&[u32]>,
        limit: Option<usize>,
        only_bloc: Option<usize>,
        cancel: &(dyn Fn() -> bool + Sync),
    ) -> Option<Outcome> {
        let n = self.len();
        let mask = only_bloc.map(|b| if b < 63 { 1u64 << b } else { 0 });
        let c = self.compile(scorer, q);
        let k = limit.unwrap_or(usize::MAX);
        let (folded, starts, blocs, lens) =
            (self.folded(), self.starts(), self.blocs(), self.lens());
        let empty = q.is_empty();
        // The k-th best score some thread has reached: a claim that cannot
        // reach it is not scored (it still counts as a survivor).
        let floor = AtomicI64::new(i64::MIN);
        let run =
            |ids: &mut dyn Iterator<Item = usize>, top: &mut TopK, local: &mut i64| -> Vec<u32> {
                let mut surv = Vec::new();
                for i in ids {
                    if blocs[i] & HIDDEN != 0 || mask.is_some_and(|m| blocs[i] & m == 0) {
                        continue;
                    }
                    let hay = &folded[starts[i] as usize..starts[i + 1] as usize];
                    let score = if empty {
                        Some(Some(0))
                    } else {
                        let threshold = (*local).max(floor.load(AtomicOrdering::Relaxed));
                        Self::score_bounded(scorer, &c, hay, blocs[i], threshold)
                    };
                    let Some(score) = score else { continue };
                    surv.push(i as u32);
                    let Some(s) = score else { continue };
                    // An empty query lists everything in reading order.
                    let len = if empty { 0 } else { lens[i] };
                    top.push(Rank {
                        neg_score: -s,
                        len,
                        idx: i as u32,
                    });
                    if top.heap.len() >= k
                        && let Some(w) = top.heap.peek()
                    {
                        *local = -w.neg_score;
                        floor.fetch_max(*local, AtomicOrdering::Relaxed);
                    }
                }
                surv
            };
        let total = candidates.map_or(n, <[u32]>::len);
        type Acc = Option<(TopK, Vec<(usize, Vec<u32>)>, i64)>;
        let fresh = || -> Acc { Some((TopK::new(k), Vec::new(), i64::MIN)) };
        // Each thread keeps one top-k over all the chunks it takes, so that its
        // k-th best score (the pruning threshold) rises as early as possible.
        let acc: Acc = (0..total.div_ceil(CHUNK))
            .into_par_iter()
            .fold(fresh, |acc: Acc, ch| {
                let (mut top, mut lists, mut local) = acc?;
                if cancel() {
                    return None;
                }
                let range = ch * CHUNK..((ch + 1) * CHUNK).min(total);
                let surv = match candidates {
                    None => run(&mut range.clone(), &mut top, &mut local),
                    Some(ids) => run(
                        &mut ids[range].iter().map(|&i| i as usize).filter(|&i| i < n),
                        &mut top,
                        &mut local,
                    ),
                };
                lists.push((ch, surv));
                Some((top, lists, local))
            })
            .reduce(fresh, |a, b| {
                let ((ta, mut la, _), (tb, lb, _)) = (a?, b?);
                la.extend(lb);
                Some((ta.merge(tb), la, i64::MIN))
            });
        let (top, mut lists, _) = acc?;
        lists.sort_unstable_by_key(|(ch, _)| *ch);
        let survivors: Vec<u32> = lists.into_iter().flat_map(|(_, s)| s).collect();
        Some(Outcome {
            hits: top.sorted(),
            survivors,
        })
    }

    /// Merges two rankings into the best `k`, by the same order as a search.
    pub fn merge_hits(&self, a: Vec<Hit>, b: Vec<Hit>, k: usize) -> Vec<Hit> {
        let lens = self.lens();
        let mut top = TopK::new(k);
        for h in a.into_iter().chain(b) {
            let len = lens.get(h.claim).copied().unwrap_or(u32::MAX);
            top.push(Rank {
                neg_score: -h.score,
                len,
                idx: h.claim as u32,
            });
        }
        top.sorted()
    }

    /// Searches all claims.
    pub fn search(&self, q: &Query, limit: Option<usize>, only_bloc: Option<usize>) -> Vec<Hit> {
        self.search_with(q, None, limit, only_bloc, &|| false)
            .map(|o| o.hits)
            .unwrap_or_default()
    }

    /// Char indices of `text` (a claim's original text) that `q` matched,
    /// ascending: what a view highlights. In each group, the alternative
    /// that scores best, at the chars its score counted.
    pub fn indices(&self, q: &Query, text: &str) -> Vec<usize> {
        let scorer = SkimScorer;
        let mut folded = String::with_capacity(text.len());
        let mut map = Vec::with_capacity(text.len());
        fold_into(text, &mut folded, &mut map);
        let hay = folded.as_bytes();
        let mut out: Vec<usize> = Vec::new();
        for group in &q.groups {
            let best = group
                .iter()
                .filter(|t| !t.negate && !matches!(t.kind, TermKind::Bloc(_)))
                .filter(|t| term_hit(t, hay, u64::MAX))
                .filter_map(|t| scorer.score(&scorer.prepare(t), hay).map(|s| (s, t)))
                .max_by_key(|(s, _)| *s);
            let Some((_, t)) = best else { continue };
            out.extend(
                scorer
                    .positions(t, &folded)
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
            .filter_map(|h| {
                let claim = corpus.claims.get(h.claim)?;
                Some(SearchResult {
                    indices: self.indices(q, &claim.text),
                    claim,
                    score: h.score,
                })
            })
            .collect()
    }
}

/// Offsets ascending, within the text, on char boundaries; arrays of one
/// length.
fn consistent(folded: &[u8], starts: &[u32], blocs: usize, lens: usize) -> bool {
    let n = lens;
    starts.len() == n + 1
        && blocs == n
        && starts.windows(2).all(|w| w[0] <= w[1])
        && starts.last().is_some_and(|&e| e as usize == folded.len())
        && starts.iter().all(|&s| {
            let s = s as usize;
            s == folded.len() || (s < folded.len() && (folded[s] & 0xC0) != 0x80)
        })
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
    use fuzzy_matcher::FuzzyMatcher;

    use super::*;

    fn corpus() -> Corpus {
        Corpus::builtin()
    }

    fn top(c: &Corpus, idx: &SearchIndex, q: &str, n: usize) -> Vec<String> {
        let q = Query::parse(q, &c.lexicon);
        idx.search(&q, Some(n), None)
            .into_iter()
            .map(|h| c.claims.parsed().expect("parsed")[h.claim].text.clone())
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
                .map(|h| c.claims.parsed().expect("parsed")[h.claim].clone())
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
                c.claims.parsed().expect("parsed")[a.claim]
                    .text
                    .chars()
                    .count(),
                c.claims.parsed().expect("parsed")[b.claim]
                    .text
                    .chars()
                    .count(),
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
    fn windowed_scores_equal_full_scores() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        for q in [
            "deepseek",
            "chine",
            "etats unis",
            "ia",
            "e",
            "regulation europe",
            "cout",
            "xz",
        ] {
            let query = Query::parse(q, &c.lexicon);
            for (i, claim) in c.claims.parsed().expect("parsed").iter().enumerate() {
                if claim.kind == ClaimKind::Boilerplate {
                    assert_eq!(idx.score(&query, i), None, "boilerplate is never found");
                    continue;
                }
                let folded = crate::text::fold(&claim.text);
                let full: Option<i64> = query.groups.iter().try_fold(0i64, |acc, g| {
                    let s = g
                        .iter()
                        .filter_map(|t| {
                            fuzzy_matcher::skim::SkimMatcherV2::default()
                                .respect_case()
                                .fuzzy_match(&folded, &t.text)
                        })
                        .max()?;
                    Some(acc + s)
                });
                assert_eq!(idx.score(&query, i), full, "{q:?} on {:?}", claim.text);
            }
        }
    }

    /// A scorer that prefers the claims where the term comes earliest, with
    /// a bound that is exact: the engine must rank by it, prune with it, and
    /// never call a claim's score when its bound cannot enter the top-k.
    struct Earliest(std::sync::atomic::AtomicUsize);

    impl Scorer for Earliest {
        type Prepared<'q> = &'q Term;

        fn prepare<'q>(&'q self, t: &'q Term) -> &'q Term {
            t
        }

        fn upper_bound(&self, t: &&Term, hay: &[u8]) -> i64 {
            memchr::memmem::find(hay, t.text.as_bytes()).map_or(0, |p| 1000 - p as i64)
        }

        fn score(&self, t: &&Term, hay: &[u8]) -> Option<i64> {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Some(self.upper_bound(t, hay))
        }

        fn positions(&self, _: &Term, _: &str) -> Vec<usize> {
            Vec::new()
        }
    }

    #[test]
    fn the_engine_ranks_and_prunes_with_any_scorer() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let q = Query::parse("'chine", &c.lexicon);
        let scorer = Earliest(Default::default());
        let hits = idx
            .search_scored(&scorer, &q, None, Some(3), None, &|| false)
            .unwrap()
            .hits;
        let pos = |h: &Hit| {
            crate::text::fold(&c.claims.parsed().expect("parsed")[h.claim].text)
                .find("chine")
                .unwrap()
        };
        let mut all: Vec<usize> = (0..c.claims.len())
            .filter_map(|i| {
                crate::text::fold(&c.claims.parsed().expect("parsed")[i].text).find("chine")
            })
            .collect();
        all.sort_unstable();
        assert_eq!(hits.iter().map(pos).collect::<Vec<_>>(), all[..3]);
        assert!(
            scorer.0.load(std::sync::atomic::Ordering::Relaxed) < all.len(),
            "claims that could not reach the top 3 were not scored"
        );
    }

    #[test]
    fn pruned_top_k_equals_exhaustive_ranking() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        for q in [
            "deepseek",
            "chine",
            "etats unis",
            "ia",
            "e",
            "d",
            "regulation europe",
            "cout | prix",
            "'chine @cn",
            "modeles !chine",
            "^la",
            "x",
        ] {
            let query = Query::parse(q, &c.lexicon);
            let mut all: Vec<(i64, usize, usize)> = (0..c.claims.len())
                .filter_map(|i| {
                    idx.score(&query, i).map(|s| {
                        (
                            s,
                            c.claims.parsed().expect("parsed")[i].text.chars().count(),
                            i,
                        )
                    })
                })
                .collect();
            all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            for k in [1, 3, 20] {
                let want: Vec<(usize, i64)> = all.iter().take(k).map(|&(s, _, i)| (i, s)).collect();
                let got: Vec<(usize, i64)> = idx
                    .search(&query, Some(k), None)
                    .into_iter()
                    .map(|h| (h.claim, h.score))
                    .collect();
                assert_eq!(got, want, "{q:?} top {k}");
            }
            let o = idx
                .search_with(&query, None, Some(3), None, &|| false)
                .unwrap();
            assert_eq!(
                o.survivors.len(),
                all.len(),
                "{q:?}: pruned claims still survive"
            );
        }
    }

    /// Found by `cargo fuzz run query`: with skim's matrix cache, "eeuu"
    /// scored a claim 67 or 63 depending on the thread's earlier calls.
    #[test]
    fn scores_do_not_depend_on_earlier_calls() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let q = Query::parse("eeuu", &c.lexicon);
        let first: Vec<Option<i64>> = (0..c.claims.len()).map(|i| idx.score(&q, i)).collect();
        // Other queries in between, on other claims, in another order.
        for other in ["d", "regulation europe", "x", "'chine"] {
            let o = Query::parse(other, &c.lexicon);
            for i in (0..c.claims.len()).rev() {
                let _ = idx.score(&o, i);
            }
        }
        let again: Vec<Option<i64>> = (0..c.claims.len())
            .rev()
            .map(|i| idx.score(&q, i))
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        assert_eq!(first, again);
        for h in idx.search(&q, Some(20), None) {
            assert_eq!(idx.score(&q, h.claim), Some(h.score));
        }
    }

    #[test]
    fn narrowing_and_cancellation() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let q1 = Query::parse("dee", &c.lexicon);
        let q2 = Query::parse("deeps", &c.lexicon);
        let o1 = idx
            .search_with(&q1, None, Some(10), None, &|| false)
            .unwrap();
        let full = idx
            .search_with(&q2, None, Some(10), None, &|| false)
            .unwrap();
        let narrowed = idx
            .search_with(&q2, Some(&o1.survivors), Some(10), None, &|| false)
            .unwrap();
        assert_eq!(full.hits, narrowed.hits);
        assert_eq!(full.survivors, narrowed.survivors);
        assert!(
            idx.search_with(&q2, None, Some(10), None, &|| true)
                .is_none()
        );
    }

    #[test]
    fn empty_query_lists_everything_in_reading_order() {
        let c = corpus();
        let idx = SearchIndex::new(&c);
        let hits = idx.search(&Query::default(), None, None);
        // Everything but the boilerplate lines (the seeds have a few).
        let listed = c
            .claims
            .parsed()
            .expect("parsed")
            .iter()
            .filter(|cl| cl.kind != ClaimKind::Boilerplate)
            .count();
        assert!(listed < c.claims.len());
        assert_eq!(hits.len(), listed);
        assert!(
            hits.iter()
                .all(|h| c.claims.parsed().expect("parsed")[h.claim].kind != ClaimKind::Boilerplate)
        );
        assert!(hits.windows(2).all(|w| w[0].claim < w[1].claim));
    }
}
