//! The search worker: a thread that takes queries as they are typed and
//! publishes results, the one the explorer and the benchmarks use.
//!
//! - Stale work is dropped: every query has a generation; a newer one cancels
//!   the search under way (checked between chunks).
//! - When a query extends the previous one ("deeps" after "deep"), only the
//!   previous survivors are searched; a stack of earlier queries answers a
//!   backspace at once.
//! - Results come progressively: the best of a first slice of the candidates
//!   at once, then the complete ranking.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread;
use std::time::{Duration, Instant};

use super::{Hit, Outcome, Query, SearchIndex};
use crate::corpus::Lexicon;

/// Results published for a query.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The query's generation.
    pub generation: u64,
    /// The best hits so far, best first.
    pub hits: Vec<Hit>,
    /// How many claims matched, once known.
    pub matched: Option<usize>,
    /// False while the ranking is partial ("ranking...").
    pub complete: bool,
}

/// How long the first pass may take before its results are published.
pub const FIRST_BUDGET: Duration = Duration::from_millis(8);

/// Candidates per slice of the first pass.
const SLICE: usize = 1024;

/// How many earlier queries are kept for backspace.
const STACK: usize = 48;

/// A query for the worker: its generation and text.
type Request = (u64, String);

/// A handle on the worker thread.
pub struct Worker {
    tx: Sender<Request>,
    latest: Arc<AtomicU64>,
}

/// True when every claim matching `new` also matches `old`, so that `new`
/// can be searched among `old`'s survivors: `new` extends `old` without
/// turning a term into a looser one (`!`, `@`, `|` change meaning as they
/// grow) and without escapes.
pub fn refines(old: &str, new: &str) -> bool {
    let Some(added) = new.strip_prefix(old) else {
        return false;
    };
    if old.is_empty() || old.contains(['|', '\\']) || added.contains('|') {
        return false;
    }
    // The last term of `old`, if `added` continues it (no space between).
    let continues = !added.starts_with(char::is_whitespace) && !old.ends_with(char::is_whitespace);
    let last = old.split_whitespace().last().unwrap_or("");
    !(continues && (last.starts_with('!') || last.starts_with('@') || last.ends_with('$')))
}

struct Entry {
    query: String,
    survivors: Arc<Vec<u32>>,
    hits: Vec<Hit>,
}

impl Worker {
    /// Starts the worker over `index`; `sink` receives every snapshot.
    pub fn spawn(
        index: Arc<SearchIndex>,
        lexicon: Arc<Lexicon>,
        limit: usize,
        sink: impl Fn(Snapshot) + Send + 'static,
    ) -> Worker {
        let (tx, rx): (Sender<Request>, Receiver<Request>) = mpsc::channel();
        let latest = Arc::new(AtomicU64::new(0));
        let current = latest.clone();
        thread::spawn(move || {
            let mut stack: Vec<Entry> = Vec::new();
            while let Ok(mut req) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    req = newer;
                }
                let (generation, input) = req;
                let cancel = || current.load(Ordering::Relaxed) != generation;
                if cancel() {
                    continue;
                }
                // Backspace to a query already ranked: answer at once.
                stack.retain(|e| input.starts_with(&e.query));
                if let Some(e) = stack.iter().find(|e| e.query == input) {
                    sink(Snapshot {
                        generation,
                        hits: e.hits.clone(),
                        matched: Some(e.survivors.len()),
                        complete: true,
                    });
                    continue;
                }
                let q = Query::parse(&input, &lexicon);
                if q.is_empty() {
                    // Everything, in reading order: no ranking to wait for.
                    let hits = (0..index.len().min(limit))
                        .map(|claim| Hit { claim, score: 0 })
                        .collect();
                    sink(Snapshot {
                        generation,
                        hits,
                        matched: Some(index.len()),
                        complete: true,
                    });
                    continue;
                }
                let base = stack
                    .iter()
                    .rev()
                    .find(|e| refines(&e.query, &input))
                    .map(|e| e.survivors.clone());
                let n = base.as_ref().map_or(index.len(), |b| b.len());
                // First pass: slices of candidates until the time budget is
                // spent, then what was found is published at once.
                let id_at = |k: usize| base.as_ref().map_or(k as u32, |b| b[k]);
                let started = Instant::now();
                let mut first: Option<Outcome> = None;
                let mut taken = 0usize;
                while taken < n && started.elapsed() < FIRST_BUDGET {
                    let end = (taken + SLICE).min(n);
                    let ids: Vec<u32> = (taken..end).map(id_at).collect();
                    let Some(o) = index.search_with(&q, Some(&ids), Some(limit), None, &cancel)
                    else {
                        break;
                    };
                    first = Some(match first {
                        None => o,
                        Some(mut f) => {
                            f.hits = index.merge_hits(f.hits, o.hits, limit);
                            f.survivors.extend(o.survivors);
                            f
                        }
                    });
                    taken = end;
                }
                if cancel() {
                    continue;
                }
                if taken < n
                    && let Some(f) = &first
                {
                    sink(Snapshot {
                        generation,
                        hits: f.hits.clone(),
                        matched: None,
                        complete: false,
                    });
                }
                let rest: Vec<u32>;
                let candidates: Option<&[u32]> = match &base {
                    Some(b) => Some(&b[taken..]),
                    None if taken == 0 => None,
                    None => {
                        rest = (taken as u32..n as u32).collect();
                        Some(&rest)
                    }
                };
                let Some(mut o) = index.search_with(&q, candidates, Some(limit), None, &cancel)
                else {
                    continue;
                };
                if let Some(f) = first {
                    o.hits = index.merge_hits(f.hits, o.hits, limit);
                    let mut s = f.survivors;
                    s.extend(o.survivors);
                    o.survivors = s;
                }
                sink(Snapshot {
                    generation,
                    hits: o.hits.clone(),
                    matched: Some(o.survivors.len()),
                    complete: true,
                });
                stack.push(Entry {
                    query: input,
                    survivors: Arc::new(o.survivors),
                    hits: o.hits,
                });
                if stack.len() > STACK {
                    stack.remove(0);
                }
            }
        });
        Worker { tx, latest }
    }

    /// Asks for the results of `query`; older requests are cancelled.
    pub fn send(&self, generation: u64, query: String) {
        self.latest.store(generation, Ordering::Relaxed);
        let _ = self.tx.send((generation, query));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinement_rules() {
        assert!(refines("deep", "deeps"));
        assert!(refines("deep", "deep s"));
        assert!(refines("deep ", "deep !x"));
        assert!(refines("'deep", "'deeps"));
        assert!(refines("ee", "ee$"));
        assert!(!refines("", "a"));
        assert!(!refines("!de", "!dee"), "a longer negation is looser");
        assert!(!refines("@u", "@us"));
        assert!(!refines("a", "a | b"));
        assert!(!refines("ee$", "ee$x"));
        assert!(!refines("deeps", "deep"));
    }

    #[test]
    fn the_worker_publishes_complete_results_and_drops_stale_ones() {
        let c = crate::corpus::Corpus::builtin();
        let index = Arc::new(SearchIndex::new(&c));
        let (tx, rx) = mpsc::channel();
        let w = Worker::spawn(index.clone(), Arc::new(c.lexicon.clone()), 20, move |s| {
            let _ = tx.send(s);
        });
        for (g, q) in [
            "d", "de", "dee", "deep", "deeps", "deepse", "deepsee", "deepseek",
        ]
        .iter()
        .enumerate()
        {
            w.send(g as u64 + 1, q.to_string());
        }
        let last = loop {
            let s = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
            if s.generation == 8 && s.complete {
                break s;
            }
        };
        let q = Query::parse("deepseek", &c.lexicon);
        assert_eq!(last.hits, index.search(&q, Some(20), None));
        // Backspace answers from the stack, with the same results.
        w.send(9, "deepsee".into());
        let s = rx.recv_timeout(std::time::Duration::from_secs(10)).unwrap();
        assert_eq!(s.generation, 9);
        assert!(s.complete);
        assert_eq!(
            s.hits,
            index.search(&Query::parse("deepsee", &c.lexicon), Some(20), None)
        );
    }
}
