//! The dataset: a corpus with what is found over it, the timeline (events
//! found in the text, with a curated `timeline.toml` laid over them) and the
//! figures, each computed on first use. The CLI, the explorer, the cache and
//! export work on a dataset; the corpus below it knows nothing of them.

use std::path::Path;
use std::sync::OnceLock;

use crate::corpus::{Corpus, LoadError, Progress, Scan, Warning, read_optional};
use crate::figures::{self, Figure, Group};
use crate::timeline::{self, Event};

/// The name of a corpus directory's curated timeline.
pub const TIMELINE_FILE: &str = "timeline.toml";

/// The built-in timeline, embedded in the binary.
pub const BUILTIN_TIMELINE: &str = include_str!("../assets/timeline.toml");

/// A timeline file: its name (for warnings) and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineSource {
    /// Where it was read from.
    pub name: String,
    /// Its TOML.
    pub src: String,
}

/// The figures of a corpus, grouped for charts.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Figures {
    /// Every figure found in the claims, in reading order.
    pub all: Vec<Figure>,
    /// Figures grouped into charts of comparable figures, each largest first.
    pub groups: Vec<(Group, Vec<usize>)>,
    /// The groups flattened: the order in which a view walks the bars.
    pub order: Vec<usize>,
}

impl Figures {
    /// The figures of `corpus`.
    pub fn of(corpus: &Corpus) -> Self {
        let all = figures::all(corpus);
        let groups = figures::groups(&all);
        let order = groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
        Figures { all, groups, order }
    }

    /// The group of the figure at position `sel` in [`Figures::order`].
    pub fn group_of(&self, sel: usize) -> usize {
        let mut start = 0;
        for (g, (_, idx)) in self.groups.iter().enumerate() {
            if sel < start + idx.len() {
                return g;
            }
            start += idx.len();
        }
        0
    }

    /// The position in [`Figures::order`] where group `g` starts.
    pub fn group_start(&self, g: usize) -> usize {
        self.groups[..g.min(self.groups.len())]
            .iter()
            .map(|(_, i)| i.len())
            .sum()
    }
}

/// The events of a timeline, and the problems met reading it.
#[derive(Debug, Clone, Default)]
struct Timeline {
    events: Vec<Event>,
    warnings: Vec<Warning>,
}

/// Where what is found over the whole corpus (the events of its text, its
/// figures) is kept between runs, so that a second run does not read every
/// claim again: the cache gives one, keyed by the corpus and the rules.
pub trait Memo: Send + Sync + std::fmt::Debug {
    /// What was saved under `what`, if it is there and sound.
    fn load(&self, what: &str) -> Option<Vec<u8>>;
    /// Keeps `bytes` under `what`; a failure only costs the next run time.
    fn save(&self, what: &str, bytes: &[u8]);
    /// True when something is kept under `what` for this corpus (not yet
    /// checked whole: that is `load`'s).
    fn has(&self, what: &str) -> bool;
}

/// `what` from the memo (through `decode`), else `find()`, then kept in
/// the memo (through `encode`).
fn memoized<T>(
    memo: Option<&dyn Memo>,
    what: &str,
    find: impl FnOnce() -> T,
    encode: impl FnOnce(&T) -> Option<Vec<u8>>,
    decode: impl FnOnce(&[u8]) -> Option<T>,
) -> T {
    if let Some(v) = memo.and_then(|m| m.load(what)).and_then(|b| decode(&b)) {
        return v;
    }
    let v = find();
    if let Some(m) = memo
        && let Some(b) = encode(&v)
    {
        m.save(what, &b);
    }
    v
}

/// The claims the events quote, read once in the store's order.
fn quoted_claims<'c>(events: &[Event], corpus: &'c Corpus) -> crate::corpus::Fetched<'c> {
    let ids = events.iter().flat_map(|e| {
        e.sources.iter().map(|s| &s.claim).chain(
            e.disagreements
                .iter()
                .flat_map(|d| d.versions.iter().map(|v| &v.claim)),
        )
    });
    corpus.claims.fetch(
        ids.filter_map(|c| corpus.claim_index(c.as_deref()?))
            .collect::<Vec<_>>(),
    )
}

/// The events without the quotes that are their claim's whole text (most
/// of them): the memo holds them once, in the cache.
fn without_claim_quotes(events: &[Event], corpus: &Corpus) -> Vec<Event> {
    let claims = quoted_claims(events, corpus);
    let is_claim = |claim: &Option<String>, quote: &str| {
        claim
            .as_deref()
            .and_then(|c| claims.get(corpus.claim_index(c)?))
            .is_some_and(|c| c.text == quote)
    };
    let mut out = events.to_vec();
    for e in &mut out {
        for s in &mut e.sources {
            if is_claim(&s.claim, &s.quote) {
                s.quote.clear();
            }
        }
        for d in &mut e.disagreements {
            for v in &mut d.versions {
                if is_claim(&v.claim, &v.quote) {
                    v.quote.clear();
                }
            }
        }
    }
    out
}

/// [`without_claim_quotes`] undone.
fn with_claim_quotes(mut events: Vec<Event>, corpus: &Corpus) -> Vec<Event> {
    let claims = quoted_claims(&events, corpus);
    let text = |claim: &Option<String>| {
        claim
            .as_deref()
            .and_then(|c| claims.get(corpus.claim_index(c)?))
            .map(|c| c.text.clone())
            .unwrap_or_default()
    };
    for e in &mut events {
        for s in e.sources.iter_mut().filter(|s| s.quote.is_empty()) {
            s.quote = text(&s.claim);
        }
        for d in &mut e.disagreements {
            for v in d.versions.iter_mut().filter(|v| v.quote.is_empty()) {
                v.quote = text(&v.claim);
            }
        }
    }
    events
}

/// A corpus and what is found over it.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// The articles and their claims.
    pub corpus: Corpus,
    timeline_source: Option<TimelineSource>,
    /// The curated events and the problems met reading them (read at once:
    /// cheap, and their warnings are reported at load).
    curated: OnceLock<Timeline>,
    timeline: OnceLock<Vec<Event>>,
    figures: OnceLock<Figures>,
    memo: Option<std::sync::Arc<dyn Memo>>,
    /// The language the curated events are told in, when they have it.
    language: String,
}

impl Dataset {
    /// A dataset over `corpus`, with a curated timeline when there is one.
    pub fn new(corpus: Corpus, timeline: Option<TimelineSource>) -> Self {
        Dataset {
            corpus,
            timeline_source: timeline,
            curated: OnceLock::new(),
            timeline: OnceLock::new(),
            figures: OnceLock::new(),
            memo: None,
            language: "en".into(),
        }
    }

    /// The built-in corpus with its timeline.
    pub fn builtin() -> Self {
        Self::new(
            Corpus::builtin(),
            Some(TimelineSource {
                name: "assets/timeline.toml".into(),
                src: BUILTIN_TIMELINE.into(),
            }),
        )
    }

    /// Loads a corpus directory (see [`Corpus::load_dir`]) and its
    /// `timeline.toml`.
    pub fn load_dir(dir: &Path) -> Result<Self, LoadError> {
        let scan = crate::corpus::scan_dir(dir)?;
        Self::load_scanned(dir, scan, None)
    }

    /// Loads what a scan found, counting files in `progress`.
    pub fn load_scanned(
        dir: &Path,
        scan: Scan,
        progress: Option<&Progress>,
    ) -> Result<Self, LoadError> {
        let mut corpus = Corpus::load_scanned(dir, scan, progress)?;
        let timeline = read_timeline(dir, &mut corpus.warnings);
        Ok(Self::new(corpus, timeline))
    }

    /// Keeps the events found in the text and the figures in `memo`, and
    /// reads them from it when they are there.
    pub fn set_memo(&mut self, memo: std::sync::Arc<dyn Memo>) {
        self.memo = Some(memo);
    }

    /// Tells the curated events in language `code` where the timeline file
    /// gives their words in it (`[event.translations.fr]`); events found in
    /// the text are in the corpus's own language already.
    pub fn set_language(&mut self, code: &str) {
        self.language = code.to_string();
        self.corpus.lexicon.localize(code);
        if let Some(events) = self.timeline.get_mut() {
            timeline::localize(events, code);
        }
    }

    /// The curated timeline's file, if any.
    pub fn timeline_source(&self) -> Option<&TimelineSource> {
        self.timeline_source.as_ref()
    }

    fn curated(&self) -> &Timeline {
        self.curated.get_or_init(|| match &self.timeline_source {
            Some(t) => {
                let (events, warnings) = timeline::load(&t.name, &t.src, &self.corpus);
                Timeline { events, warnings }
            }
            None => Timeline::default(),
        })
    }

    /// The timeline's events, in date order (found on first use: finding
    /// them reads every claim): the events found in the text, with the
    /// curated ones laid over them.
    pub fn events(&self) -> &[Event] {
        self.timeline.get_or_init(|| {
            let corpus = &self.corpus;
            let found = memoized(
                self.memo.as_deref(),
                "events",
                || crate::events::extract(corpus),
                |v| postcard::to_stdvec(&without_claim_quotes(v, corpus)).ok(),
                |b| Some(with_claim_quotes(postcard::from_bytes(b).ok()?, corpus)),
            );
            let mut events = timeline::merge(&self.corpus, found, self.curated().events.clone());
            timeline::localize(&mut events, &self.language);
            events
        })
    }

    /// True when `what` ("events", "figures") is kept in the memo: reading
    /// it is quicker than finding it.
    pub fn is_memoized(&self, what: &str) -> bool {
        self.memo.as_ref().is_some_and(|m| m.has(what))
    }

    /// The events, if they were found already (without finding them).
    pub fn events_if_found(&self) -> Option<&[Event]> {
        self.timeline.get().map(Vec::as_slice)
    }

    /// The figures of the corpus (found on first use: most sessions never
    /// open the figures view, and on a large corpus this takes seconds).
    pub fn figures(&self) -> &Figures {
        self.figures.get_or_init(|| {
            // JSON: a figure's reading is flattened into it, which postcard
            // cannot encode.
            memoized(
                self.memo.as_deref(),
                "figures",
                || Figures::of(&self.corpus),
                |v| serde_json::to_vec(v).ok(),
                |b| serde_json::from_slice(b).ok(),
            )
        })
    }

    /// The figures, if they were found already (without finding them).
    pub fn figures_if_found(&self) -> Option<&Figures> {
        self.figures.get()
    }

    /// Every problem met: loading the corpus, then reading its timeline.
    pub fn warnings(&self) -> Vec<&Warning> {
        self.corpus
            .warnings
            .iter()
            .chain(&self.curated().warnings)
            .collect()
    }
}

/// Reads `dir/timeline.toml` when it is there.
pub fn read_timeline(dir: &Path, warnings: &mut Vec<Warning>) -> Option<TimelineSource> {
    let path = dir.join(TIMELINE_FILE);
    read_optional(&path, warnings).map(|src| TimelineSource {
        name: path.display().to_string(),
        src,
    })
}
