//! The corpus: articles read from the built-in seeds or a directory, split into
//! paragraphs and claims, each claim tagged with blocs, topics and dates.
//!
//! Nothing here knows about terminals; text is sanitized at load time so that
//! every later consumer (TUI, CLI, JSON) gets clean strings.

pub mod boilerplate;
pub mod claims;
pub mod dates;
pub mod feed;
pub mod frontmatter;
pub mod html;
pub mod people;
pub mod segment;
pub mod shared_str;
pub mod tag;

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use claims::{ClaimSource, Claims, Fetched, SharedBytes};
pub use dates::{DateMention, PartialDate, Precision};
pub use segment::ClaimKind;
pub use shared_str::SharedStr;
pub use tag::{BlocInfo, Lexicon, TopicInfo};

use crate::lang::{self, Profile};
use crate::text::{contains_phrase, escape_name, fold, normalize_newlines, sanitize};
pub use crate::warning::{Warning, line_at};
use tag::Opening;

/// The seeds embedded in the binary: (file name, contents).
pub const SEEDS: &[(&str, &str)] = &[
    (
        "2025-02-10-geopolitique-de-l-ia-course-en-mutation.txt",
        include_str!("../../seeds/2025-02-10-geopolitique-de-l-ia-course-en-mutation.txt"),
    ),
    (
        "2025-02-europe-face-aux-ia-chinoises.txt",
        include_str!("../../seeds/2025-02-europe-face-aux-ia-chinoises.txt"),
    ),
    (
        "2025-05-trois-visions-de-l-ia.txt",
        include_str!("../../seeds/2025-05-trois-visions-de-l-ia.txt"),
    ),
    (
        "2025-ia-souveraine-et-soft-power.txt",
        include_str!("../../seeds/2025-ia-souveraine-et-soft-power.txt"),
    ),
    (
        "2025-la-chine-et-la-strategie-de-sun-tzu.txt",
        include_str!("../../seeds/2025-la-chine-et-la-strategie-de-sun-tzu.txt"),
    ),
];

/// Why a corpus could not be loaded at all.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The `--corpus` path does not exist or is not a directory.
    #[error("corpus directory {0}: {1}")]
    BadDir(PathBuf, String),
    /// The directory holds no readable article.
    #[error(
        "corpus directory {0} holds no article (looked for text and Markdown, saved web pages and feeds: *.md, *.markdown, *.txt, *.html, *.htm, *.xhtml, *.xml, *.rss, *.atom)"
    )]
    Empty(PathBuf),
}

/// An article: metadata, its text, and where its claims are. Its JSON form
/// for listings is [`ArticleSummary`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// The file stem, unique in the corpus.
    pub id: String,
    /// `title`, or the file stem.
    pub title: String,
    /// `author`, where the text names one.
    pub author: Option<String>,
    /// `date`, as precise as known.
    pub date: Option<PartialDate>,
    /// `source`: the publication.
    pub source: Option<String>,
    /// Language code (`fr`): its `lang`, or the language detected in its text.
    pub lang: String,
    /// Where it was read from.
    pub path: String,
    /// The body (after the front matter), sanitized.
    pub body: SharedStr,
    /// Char ranges of the paragraphs in `body`.
    pub paragraphs: Vec<Range<usize>>,
    /// Indices of this article's claims in [`Corpus::claims`].
    pub claim_range: Range<usize>,
    /// How many of them are boilerplate (bylines, credits, links).
    pub boilerplate: usize,
    /// The file line the body starts on (after the front matter).
    pub body_line: usize,
}

/// An article's metadata, as `articles --json` prints it.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummary<'a> {
    /// The file stem, unique in the corpus.
    pub id: &'a str,
    /// `title`, or the file stem.
    pub title: &'a str,
    /// `author`, where the text names one.
    pub author: Option<&'a str>,
    /// `date`, as precise as known.
    pub date: Option<PartialDate>,
    /// `source`: the publication.
    pub source: Option<&'a str>,
    /// Language code.
    pub lang: &'a str,
    /// Number of claims (boilerplate lines are not).
    pub claims: usize,
    /// Where it was read from.
    pub path: &'a str,
}

impl<'a> From<&'a Article> for ArticleSummary<'a> {
    fn from(a: &'a Article) -> Self {
        ArticleSummary {
            id: &a.id,
            title: &a.title,
            author: a.author.as_deref(),
            date: a.date,
            source: a.source.as_deref(),
            lang: &a.lang,
            claims: a.claim_count(),
            path: &a.path,
        }
    }
}

impl Article {
    /// Its claims, boilerplate lines not counted.
    pub fn claim_count(&self) -> usize {
        self.claim_range.len().saturating_sub(self.boilerplate)
    }

    /// The text of paragraph `p`.
    pub fn paragraph_text(&self, p: usize) -> Option<String> {
        let r = self.paragraphs.get(p)?;
        Some(
            self.body
                .chars()
                .skip(r.start)
                .take(r.end - r.start)
                .collect(),
        )
    }

    /// A short label: the title cut to `max` chars on a word boundary.
    pub fn short_title(&self, max: usize) -> String {
        self.short_title_with(max, "…")
    }

    /// [`Article::short_title`] with the given ellipsis ("..." in ASCII).
    pub fn short_title_with(&self, max: usize, ellipsis: &str) -> String {
        if self.title.chars().count() <= max {
            return self.title.clone();
        }
        let e = ellipsis.chars().count();
        let mut out = String::new();
        for w in self.title.split_whitespace() {
            if out.chars().count() + w.chars().count() + 1 > max.saturating_sub(e) {
                break;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(w);
        }
        if out.is_empty() {
            out = self.title.chars().take(max.saturating_sub(e)).collect();
        }
        out.push_str(ellipsis);
        out
    }
}

/// A claim: one sentence (or heading, or list item) of an article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claim {
    /// `<article id>#<n>`.
    pub id: String,
    /// The article id.
    pub article: Arc<str>,
    /// Its article's language code (`fr`, `en`): declared, or detected.
    pub lang: Arc<str>,
    /// Position in the article, from 1, in reading order.
    pub n: usize,
    /// Index of its paragraph in the article (from 0).
    pub paragraph: usize,
    /// Sentence, heading or item.
    pub kind: ClaimKind,
    /// The text, as in the article.
    pub text: String,
    /// Char offset of the claim in the article body.
    pub start: usize,
    /// Char offset just past the claim in the article body.
    pub end: usize,
    /// Bloc codes, the first-mentioned first; includes blocs from context.
    pub blocs: Vec<String>,
    /// The blocs that came from context (an "Elle..." sentence, a heading),
    /// not from a word of the claim itself.
    pub context_blocs: Vec<String>,
    /// Why each bloc is there, in the order of `blocs`.
    pub bloc_reasons: Vec<BlocReason>,
    /// Topic codes.
    pub topics: Vec<String>,
    /// Dates mentioned.
    pub dates: Vec<DateMention>,
}

/// Why a claim is in a bloc.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BlocReason {
    /// The bloc's code.
    pub bloc: String,
    /// How it came.
    pub how: Reason,
    /// The word that named it ("Pékin"), or the words that refer back to
    /// it ("le groupe").
    pub word: Option<String>,
    /// The claim it came from (`<article>#<n>`); none for the article's title.
    pub from: Option<String>,
}

/// How a bloc came to a claim.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// A word of the claim names it.
    #[default]
    Named,
    /// A pronoun refers back to it ("Elle…").
    Pronoun,
    /// A determiner refers back to it ("Cette politique…").
    Determiner,
    /// A definite description stands for it ("Le groupe…").
    Description,
    /// The section heading's bloc.
    Heading,
    /// The sentence before, in the paragraph.
    Sentence,
    /// What the whole article is about (its title's bloc), for a sentence
    /// that names none.
    Article,
}

impl From<Opening> for Reason {
    fn from(o: Opening) -> Self {
        match o {
            Opening::Pronoun => Reason::Pronoun,
            Opening::Determiner => Reason::Determiner,
            Opening::Description => Reason::Description,
            Opening::Other => Reason::Sentence,
        }
    }
}

/// Where a corpus comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The seeds embedded in the binary.
    Builtin,
    /// A user's directory.
    Dir(PathBuf),
    /// Files handed over in memory (the fuzzer, tests).
    Memory,
}

/// A loaded corpus.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Articles, sorted by id.
    pub articles: Vec<Article>,
    /// All claims, article by article, in reading order.
    pub claims: Claims,
    /// The lexicon used for tagging.
    pub lexicon: Lexicon,
    /// Problems met while loading.
    pub warnings: Vec<Warning>,
    /// Where it was loaded from.
    pub origin: Origin,
}

/// One file to load: its display name, stem and bytes.
struct Source {
    name: String,
    stem: String,
    bytes: Vec<u8>,
}

impl Corpus {
    /// The built-in corpus: the embedded seeds and lexicon.
    pub fn builtin() -> Self {
        let sources = SEEDS
            .iter()
            .map(|(name, text)| Source {
                name: format!("seeds/{name}"),
                stem: stem_of(name),
                bytes: text.as_bytes().to_vec(),
            })
            .collect();
        Self::build(
            sources,
            Lexicon::builtin(),
            Vec::new(),
            Origin::Builtin,
            None,
        )
    }

    /// A corpus of `(file name, text)` pairs, for tests.
    #[cfg(test)]
    pub(crate) fn from_texts(files: &[(&str, &str)]) -> Self {
        Corpus::from_files(
            files
                .iter()
                .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec()))
                .collect(),
        )
    }

    /// A corpus from files held in memory, (name, bytes), with the built-in
    /// lexicon: the whole article pipeline (decoding, sanitizing, front
    /// matter, language, segmentation, tagging, dates) without a directory.
    /// Used by the fuzzer and the tests.
    pub fn from_files(files: Vec<(String, Vec<u8>)>) -> Self {
        let sources = files
            .into_iter()
            .map(|(name, bytes)| Source {
                stem: stem_of(&name),
                name,
                bytes,
            })
            .collect();
        Self::build(
            sources,
            Lexicon::builtin(),
            Vec::new(),
            Origin::Memory,
            None,
        )
    }

    /// Loads every article file (text, Markdown, page, feed) under `dir` (recursively, hidden entries
    /// skipped), with `dir/lexicon.toml` if present.
    pub fn load_dir(dir: &Path) -> Result<Self, LoadError> {
        let scan = scan_dir(dir)?;
        Self::load_scanned(dir, scan, None)
    }

    /// Reads the files a [`scan_dir`] found, counting them in `progress`.
    pub fn load_scanned(
        dir: &Path,
        scan: Scan,
        progress: Option<&Progress>,
    ) -> Result<Self, LoadError> {
        let (sources, lexicon, warnings) = read_sources(scan, progress);
        let corpus = Self::build(
            sources,
            lexicon,
            warnings,
            Origin::Dir(dir.to_path_buf()),
            progress,
        );
        if corpus.articles.is_empty() {
            return Err(LoadError::Empty(dir.to_path_buf()));
        }
        Ok(corpus)
    }

    /// Reads the files a [`scan_dir`] found and hands their claims to
    /// `each`, `chunk` articles at a time, in reading order: the lexicon,
    /// the articles of the chunk (with their bodies and claim ranges) and
    /// their claims.
    /// Once handed, an article's body and claims are dropped, so that no
    /// more than a chunk's claims are ever held. Returns the articles
    /// (without their bodies), the lexicon and the warnings.
    pub fn stream_scanned<E>(
        dir: &Path,
        scan: Scan,
        progress: Option<&Progress>,
        chunk: usize,
        mut each: impl FnMut(&Lexicon, &[Article], &[Claim]) -> Result<(), E>,
    ) -> Result<Result<Streamed, E>, LoadError> {
        let (sources, lexicon, mut warnings) = read_sources(scan, progress);
        let mut articles = prepare(sources, &mut warnings);
        if articles.is_empty() {
            return Err(LoadError::Empty(dir.to_path_buf()));
        }
        give_back();
        let mut first = 0usize;
        for part in articles.chunks_mut(chunk.max(1)) {
            let claims = segment_all(part, first, &lexicon, progress, &mut warnings);
            first += claims.len();
            if let Err(e) = each(&lexicon, part, &claims) {
                return Ok(Err(e));
            }
            for a in part.iter_mut() {
                a.body = SharedStr::default();
            }
            give_back();
        }
        Ok(Ok(Streamed {
            articles,
            lexicon,
            warnings,
        }))
    }

    /// Parses and segments the sources; `progress` counts files done (the
    /// slow part: segmenting and tagging).
    fn build(
        sources: Vec<Source>,
        lexicon: Lexicon,
        mut warnings: Vec<Warning>,
        origin: Origin,
        progress: Option<&Progress>,
    ) -> Self {
        let mut articles = prepare(sources, &mut warnings);
        let claims = segment_all(&mut articles, 0, &lexicon, progress, &mut warnings);
        Corpus {
            articles,
            claims: claims.into(),
            lexicon,
            warnings,
            origin,
        }
    }

    /// The article with this id.
    pub fn article(&self, id: &str) -> Option<&Article> {
        self.articles
            .binary_search_by(|a| a.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.articles[i])
    }

    /// The index of the claim with this id.
    pub fn claim_index(&self, id: &str) -> Option<usize> {
        let (art, n) = id.rsplit_once('#')?;
        let n: usize = n.parse().ok()?;
        let a = self.article(art)?;
        let i = a.claim_range.start + n.checked_sub(1)?;
        (i < a.claim_range.end).then_some(i)
    }

    /// The claim with this id.
    pub fn claim(&self, id: &str) -> Option<std::borrow::Cow<'_, Claim>> {
        self.claims.get(self.claim_index(id)?)
    }

    /// The article a claim belongs to.
    pub fn article_of(&self, claim: &Claim) -> Option<&Article> {
        self.article(&claim.article)
    }

    /// The language profile article `id` is read with (the fallback for an
    /// unknown article or a language without a profile).
    pub fn profile_of(&self, id: &str) -> &'static Profile {
        let langs = lang::builtin();
        self.article(id)
            .and_then(|a| langs.get(&a.lang))
            .unwrap_or_else(|| langs.fallback())
    }

    /// The indices of the claims tagged with this bloc, in reading order.
    pub fn claims_in_bloc(&self, code: &str) -> Vec<usize> {
        self.claims.in_bloc(self.lexicon.bloc_index(code), code)
    }
}

/// What streaming a corpus leaves once its claims are handed on.
#[derive(Debug)]
pub struct Streamed {
    /// The articles, sorted by id, without their bodies.
    pub articles: Vec<Article>,
    /// The lexicon used for tagging.
    pub lexicon: Lexicon,
    /// Problems met while loading.
    pub warnings: Vec<Warning>,
}

/// Returns the memory freed so far to the system. The files read, then the
/// bodies of each chunk handed on, are freed in small pieces that the
/// allocator keeps in its heap otherwise: the build's peak would be their
/// sum.
fn give_back() {
    #[cfg(target_env = "gnu")]
    // SAFETY: malloc_trim only releases memory the allocator holds free.
    unsafe {
        libc::malloc_trim(0);
    }
}

/// The files of a scan, read (within the size limit), and the lexicon.
fn read_sources(scan: Scan, progress: Option<&Progress>) -> (Vec<Source>, Lexicon, Vec<Warning>) {
    let Scan {
        files,
        lexicon: lex_file,
        mut warnings,
    } = scan;
    if let Some(p) = progress {
        p.total
            .store(files.len(), std::sync::atomic::Ordering::Relaxed);
    }
    let mut sources = Vec::with_capacity(files.len());
    for f in &files {
        let name = f.path.display().to_string();
        match read_bounded(&f.path, MAX_ARTICLE_BYTES) {
            Ok(None) => warnings.push(Warning::trf(
                &name,
                None,
                "over the {max} MB limit for an article, skipped",
                &[("max", &(MAX_ARTICLE_BYTES / (1024 * 1024)))],
            )),
            Ok(Some(bytes)) => sources.push(Source {
                // The id is shown everywhere: escaped like a file name.
                stem: f
                    .path
                    .file_stem()
                    .map(|s| escape_name(&s.to_string_lossy()).into_owned())
                    .unwrap_or_default(),
                name,
                bytes,
            }),
            // A file deleted or made unreadable since the scan.
            Err(e) => warnings.push(Warning::trf(
                &name,
                None,
                "cannot read, skipped: {why}",
                &[("why", &e)],
            )),
        }
    }
    let mut lexicon = Lexicon::builtin();
    if let Some(f) = &lex_file
        && let Some(src) = read_optional(&f.path, &mut warnings)
        && let Err(e) = lexicon.extend(&src)
    {
        let name = f.path.display().to_string();
        let line = e.byte.map(|b| line_at(&src, b));
        warnings.push(Warning::trf(
            &name,
            line,
            "lexicon ignored: {why}",
            &[("why", &e.message)],
        ));
    }
    (sources, lexicon, warnings)
}

/// The articles of the sources (front matter split, in parallel), their
/// ids made unique, sorted by id; the warnings keep the files' order.
fn prepare(sources: Vec<Source>, warnings: &mut Vec<Warning>) -> Vec<Article> {
    use rayon::prelude::*;
    let parsed: Vec<(Vec<Article>, Vec<Warning>, String)> = sources
        .into_par_iter()
        .map(|src| {
            let mut w = Vec::new();
            let a = read_articles(&src, &mut w);
            (a, w, src.name)
        })
        .collect();
    let mut articles: Vec<Article> = Vec::with_capacity(parsed.len());
    let mut seen = std::collections::HashSet::new();
    for (list, w, name) in parsed {
        warnings.extend(w);
        for mut article in list {
            if !seen.insert(article.id.clone()) {
                let mut n = 2;
                while seen.contains(&format!("{}~{n}", article.id)) {
                    n += 1;
                }
                let new_id = format!("{}~{n}", article.id);
                warnings.push(Warning::trf(
                    &name,
                    None,
                    "duplicate article id `{id}`, loaded as `{new}`",
                    &[("id", &article.id), ("new", &new_id)],
                ));
                article.id = new_id.clone();
                seen.insert(new_id);
            }
            articles.push(article);
        }
    }
    articles.sort_by(|a, b| a.id.cmp(&b.id));
    articles
}

/// Segments and tags `articles` in parallel, then lays their claims out in
/// reading order, the first numbered `first`; their warnings go to
/// `warnings`, in the articles' order.
fn segment_all(
    articles: &mut [Article],
    first: usize,
    lexicon: &Lexicon,
    progress: Option<&Progress>,
    warnings: &mut Vec<Warning>,
) -> Vec<Claim> {
    use rayon::prelude::*;
    let done: Vec<(Vec<Claim>, Vec<Warning>)> = articles
        .par_iter_mut()
        .map(|a| segment_one(a, lexicon, progress))
        .collect();
    let mut claims = Vec::with_capacity(done.iter().map(|(c, _)| c.len()).sum());
    for (a, (mut cs, w)) in articles.iter_mut().zip(done) {
        warnings.extend(w);
        a.claim_range = first + claims.len()..first + claims.len() + cs.len();
        claims.append(&mut cs);
    }
    claims
}

/// Segments and tags one article: its claims, and what it warns of.
fn segment_one(
    article: &mut Article,
    lexicon: &Lexicon,
    progress: Option<&Progress>,
) -> (Vec<Claim>, Vec<Warning>) {
    let mut claims = Vec::new();
    let seg = segment_article(article, lexicon, &mut claims);
    if let Some(p) = progress {
        p.done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    let mut warnings: Vec<Warning> = seg
        .impossible
        .into_iter()
        .map(|(line, text)| {
            Warning::trf(
                &article.path,
                // An extracted page's lines are not the file's.
                (article.body_line > 0).then_some(line),
                "no such date: {text} (not read as a date)",
                &[("text", &format!("{text:?}"))],
            )
        })
        .collect();
    if seg.split > 0 {
        warnings.push(Warning::trf(
            &article.path,
            None,
            "{n} sentence(s) longer than {max} chars, cut at spaces into several claims",
            &[("n", &seg.split), ("max", &segment::MAX_CLAIM_CHARS)],
        ));
    }
    (claims, warnings)
}

/// Counts files read while loading, for a progress indicator.
#[derive(Debug, Default)]
pub struct Progress {
    /// Files read so far.
    pub done: std::sync::atomic::AtomicUsize,
    /// Files to read.
    pub total: std::sync::atomic::AtomicUsize,
}

/// A file found by [`scan_dir`]: what the cache's fingerprint is made of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStat {
    /// Its path.
    pub path: PathBuf,
    /// Size in bytes.
    pub size: u64,
    /// Modification time, in nanoseconds since the epoch (0 when unknown).
    pub mtime_ns: u128,
}

/// What a corpus directory holds, before anything is read.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// The article files (see [`EXTENSIONS`]), sorted by path.
    pub files: Vec<FileStat>,
    /// `lexicon.toml`, if present.
    pub lexicon: Option<FileStat>,
    /// Problems met while walking (link loops, unreadable folders).
    pub warnings: Vec<Warning>,
}

/// The size and modification time of `path`, if it is there.
pub fn stat(path: &Path) -> Option<FileStat> {
    let m = std::fs::metadata(path).ok()?;
    let mtime_ns = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Some(FileStat {
        path: path.to_path_buf(),
        size: m.len(),
        mtime_ns,
    })
}

/// The largest article read: a bigger file is refused, with its name.
pub const MAX_ARTICLE_BYTES: u64 = 50 * 1024 * 1024;
/// The largest `lexicon.toml` or `timeline.toml` read.
pub const MAX_TOML_BYTES: u64 = 10 * 1024 * 1024;

/// How a corpus directory is walked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Follow symbolic links that lead out of the corpus folder (`--follow`).
    /// Without it, only links that stay inside are followed.
    pub follow: bool,
}

/// Walks `dir` (see [`scan_dir_with`]), links out of it not followed.
pub fn scan_dir(dir: &Path) -> Result<Scan, LoadError> {
    scan_dir_with(dir, ScanOptions::default())
}

/// Walks `dir`: every article file below it (hidden entries skipped),
/// and the optional `lexicon.toml`. A symbolic link is followed when it stays
/// inside `dir`, or with `follow`; one that leaves is skipped with a
/// warning, as are FIFOs, devices and sockets, link loops, and articles over
/// [`MAX_ARTICLE_BYTES`].
pub fn scan_dir_with(dir: &Path, opts: ScanOptions) -> Result<Scan, LoadError> {
    let meta =
        std::fs::metadata(dir).map_err(|e| LoadError::BadDir(dir.to_path_buf(), e.to_string()))?;
    if !meta.is_dir() {
        return Err(LoadError::BadDir(
            dir.to_path_buf(),
            "not a directory".into(),
        ));
    }
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let outside = std::cell::RefCell::new(Vec::new());
    let mut scan = Scan::default();
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            // A link out of the corpus: not followed unless asked.
            if e.path_is_symlink() && !opts.follow {
                let inside = e.path().canonicalize().is_ok_and(|t| t.starts_with(&root));
                if !inside {
                    outside.borrow_mut().push(e.path().to_path_buf());
                    return false;
                }
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let file = e
                    .path()
                    .map(|p| p.display().to_string())
                    .unwrap_or_else(|| dir.display().to_string());
                let w = if e.loop_ancestor().is_some() {
                    Warning::trf(&file, None, "symbolic link loop, skipped", &[])
                } else {
                    let why = e
                        .io_error()
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| e.to_string());
                    Warning::trf(&file, None, "cannot read, skipped: {why}", &[("why", &why)])
                };
                scan.warnings.push(w);
                continue;
            }
        };
        let path = entry.path();
        let name = path.display().to_string();
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        if !ft.is_file() {
            use std::os::unix::fs::FileTypeExt;
            let kind = if ft.is_fifo() {
                "a FIFO"
            } else if ft.is_block_device() || ft.is_char_device() {
                "a device"
            } else if ft.is_socket() {
                "a socket"
            } else {
                "not a regular file"
            };
            scan.warnings.push(Warning::trf(
                &name,
                None,
                "{why}, skipped",
                &[("why", &kind)],
            ));
            continue;
        }
        if format_of(&name).is_some()
            && let Some(st) = stat(path)
        {
            if st.size > MAX_ARTICLE_BYTES {
                scan.warnings.push(Warning::trf(
                    &name,
                    None,
                    "{size} MB is over the {max} MB limit for an article, skipped",
                    &[
                        ("size", &(st.size / (1024 * 1024))),
                        ("max", &(MAX_ARTICLE_BYTES / (1024 * 1024))),
                    ],
                ));
                continue;
            }
            scan.files.push(st);
        }
    }
    for p in outside.into_inner() {
        scan.warnings.push(Warning::trf(
            &p.display().to_string(),
            None,
            "symbolic link out of the corpus folder, not followed (--follow follows it)",
            &[],
        ));
    }
    scan.lexicon = stat(&dir.join("lexicon.toml"));
    Ok(scan)
}

/// Reads at most `limit` bytes of `path`: `None` when it holds more (it
/// may have grown since it was listed).
fn read_bounded(path: &Path, limit: u64) -> std::io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(path)?
        .take(limit + 1)
        .read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Reads an optional file (`lexicon.toml`, `timeline.toml`): `None` when it
/// is absent, or unreadable or not UTF-8 (then with a warning).
pub fn read_optional(path: &Path, warnings: &mut Vec<Warning>) -> Option<String> {
    if let Ok(m) = std::fs::metadata(path)
        && m.len() > MAX_TOML_BYTES
    {
        warnings.push(Warning::trf(
            &path.display().to_string(),
            None,
            "{size} MB is over the {max} MB limit, ignored",
            &[
                ("size", &(m.len() / (1024 * 1024))),
                ("max", &(MAX_TOML_BYTES / (1024 * 1024))),
            ],
        ));
        return None;
    }
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let b = e.utf8_error().valid_up_to();
                warnings.push(Warning {
                    byte: Some(b),
                    ..Warning::trf(
                        &path.display().to_string(),
                        None,
                        "not valid UTF-8, ignored",
                        &[],
                    )
                });
                None
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => {
            warnings.push(Warning::trf(
                &path.display().to_string(),
                None,
                "cannot read, ignored: {why}",
                &[("why", &e)],
            ));
            None
        }
    }
}

fn stem_of(name: &str) -> String {
    let stem = Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_string());
    escape_name(&stem).into_owned()
}

/// What a file holds, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// Text or Markdown, with an optional front matter.
    Text,
    /// A saved web page.
    Html,
    /// An RSS or Atom feed.
    Feed,
}

/// The format of a file, or `None` for a file that is not read.
fn format_of(name: &str) -> Option<Format> {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)?;
    match ext.as_str() {
        "md" | "markdown" | "txt" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "xml" | "rss" | "atom" => Some(Format::Feed),
        _ => None,
    }
}

/// The file extensions read from a corpus folder, for help and errors.
pub const EXTENSIONS: [&str; 9] = [
    "md", "markdown", "txt", "html", "htm", "xhtml", "xml", "rss", "atom",
];

/// The file's text: UTF-8 (invalid bytes replaced, with a warning), without
/// a byte-order mark, with `\n` newlines.
fn decode(src: &Source, warnings: &mut Vec<Warning>) -> String {
    let name = &src.name;
    let text = match std::str::from_utf8(&src.bytes) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) => {
            let b = e.valid_up_to();
            let line = line_at(&String::from_utf8_lossy(&src.bytes[..b]), b);
            warnings.push(Warning {
                line: Some(line),
                byte: Some(b),
                ..Warning::trf(
                    name,
                    None,
                    "not valid UTF-8; invalid bytes shown as \u{fffd}",
                    &[],
                )
            });
            String::from_utf8_lossy(&src.bytes)
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    normalize_newlines(text).into_owned()
}

/// `text` with escapes and controls removed, and a warning saying how many,
/// at the first one's line when `lines` (the text is the file's own).
fn sanitized(text: &str, name: &str, lines: bool, warnings: &mut Vec<Warning>) -> String {
    let (clean, removed) = sanitize(text);
    if !removed.is_empty() {
        let pos = text.find(|c: char| {
            (c.is_control() && c != '\n')
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
                || unicode_normalization::char::is_combining_mark(c)
        });
        let line = pos.filter(|_| lines).map(|p| line_at(text, p));
        let args: [(&str, &dyn std::fmt::Display); 4] = [
            ("sequences", &removed.sequences),
            ("controls", &removed.controls),
            ("bidi", &removed.bidi),
            ("marks", &removed.marks),
        ];
        warnings.push(if lines {
            Warning::trf(
                name,
                line,
                "removed {sequences} escape sequence(s), {controls} control char(s), {bidi} bidi override(s), {marks} excess combining mark(s)",
                &args,
            )
        } else {
            Warning::trf(
                name,
                line,
                "removed {sequences} escape sequence(s), {controls} control char(s), {bidi} bidi override(s), {marks} excess combining mark(s) in the extracted text",
                &args,
            )
        });
    }
    clean.into_owned()
}

/// Decodes, sanitizes and parses one file into its articles (without
/// claims): one for a text file or a page, one per entry for a feed.
fn read_articles(src: &Source, warnings: &mut Vec<Warning>) -> Vec<Article> {
    let name = &src.name;
    match format_of(name).unwrap_or(Format::Text) {
        Format::Text => {
            let text = sanitized(&decode(src, warnings), name, true, warnings);
            let (meta, body, body_line, issues) = frontmatter::split(&text);
            for i in issues {
                warnings.push(Warning {
                    template: Some(i.template.to_string()),
                    args: i.args,
                    ..Warning::new(name, Some(i.line), i.message)
                });
            }
            article_of(src.stem.clone(), meta, body, body_line, name, warnings)
                .into_iter()
                .collect()
        }
        Format::Html => {
            let text = decode(src, warnings);
            match html::extract_page(&text) {
                Ok(page) => page_article(src.stem.clone(), page, name, warnings)
                    .into_iter()
                    .collect(),
                Err(html::NoArticle(why)) => {
                    warnings.push(Warning::trf(name, None, "{why}, skipped", &[("why", &why)]));
                    Vec::new()
                }
            }
        }
        Format::Feed => match feed::parse(&src.bytes) {
            Ok(f) if f.entries.is_empty() => {
                warnings.push(Warning::trf(
                    name,
                    None,
                    "a feed with no entries, skipped",
                    &[],
                ));
                Vec::new()
            }
            Ok(f) => {
                let mut ids = std::collections::HashSet::new();
                f.entries
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, page)| {
                        // An entry's id: the file's, then its title's words,
                        // stable when the feed gains entries.
                        let slug = page.meta.title.as_deref().map(slug_of).unwrap_or_default();
                        let base = if slug.is_empty() {
                            format!("{}-{}", src.stem, i + 1)
                        } else {
                            format!("{}-{slug}", src.stem)
                        };
                        let mut id = base.clone();
                        let mut n = 2;
                        while !ids.insert(id.clone()) {
                            id = format!("{base}-{n}");
                            n += 1;
                        }
                        page_article(id, page, name, warnings)
                    })
                    .collect()
            }
            Err(e) => {
                warnings.push(Warning::trf(
                    name,
                    None,
                    "not an RSS or Atom feed, skipped: {why}",
                    &[("why", &e)],
                ));
                Vec::new()
            }
        },
    }
}

/// A title's words as an id: folded, ASCII letters and digits, dashes, at
/// most six words.
fn slug_of(title: &str) -> String {
    crate::text::fold(title)
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-")
}

/// The article of an extracted page or feed entry: its body and metadata
/// sanitized like a file's text. Its lines are not the file's, so its
/// warnings name the file only (`body_line` 0).
fn page_article(
    id: String,
    page: html::Page,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    let body = sanitized(&page.body(), name, false, warnings);
    let clean = |v: Option<String>| v.map(crate::text::clean).filter(|t| !t.is_empty());
    let meta = frontmatter::Meta {
        title: clean(page.meta.title),
        author: clean(page.meta.author),
        source: clean(page.meta.source),
        lang: clean(page.meta.lang),
        ..page.meta
    };
    article_of(id, meta, &body, 0, name, warnings)
}

/// An article from its parts; `None` (with a warning) when it has no text.
fn article_of(
    id: String,
    meta: frontmatter::Meta,
    body: &str,
    body_line: usize,
    name: &str,
    warnings: &mut Vec<Warning>,
) -> Option<Article> {
    if body.trim().is_empty() {
        warnings.push(Warning::trf(name, None, "no text, skipped", &[]));
        return None;
    }
    let (lang, _, how) = lang::builtin().resolve(meta.lang.as_deref(), body);
    if how == lang::Source::Declared && lang::builtin().get(&lang).is_none() {
        let known: Vec<&str> = lang::builtin()
            .profiles()
            .iter()
            .map(|p| p.code.as_str())
            .collect();
        warnings.push(Warning::trf(
            name,
            meta.lang_line,
            "no language profile for `{lang}` (known: {known}); read with the `{fallback}` rules",
            &[
                ("lang", &lang),
                ("known", &known.join(", ")),
                ("fallback", &lang::builtin().fallback().code),
            ],
        ));
    }
    Some(Article {
        title: meta
            .title
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| id.clone()),
        id,
        author: meta.author,
        date: meta.date,
        source: meta.source,
        lang,
        path: name.to_string(),
        body: body.into(),
        paragraphs: Vec::new(),
        claim_range: 0..0,
        boilerplate: 0,
        body_line,
    })
}

/// Splits an article into paragraphs and claims, and tags each claim.
///
/// Blocs come from the words of the claim, and from context where a careful
/// reader would take them:
/// - a sentence opening on a pronoun, a determiner or a definite description
///   that refers back ("Elle doit...", "Cette politique...", "Le groupe...")
///   takes the bloc its paragraph is about so far, else the one the previous
///   paragraph of the section was mostly about, else its section heading's,
///   else the article's main one (its title's, or its first paragraph's);
/// - a sentence that names no bloc belongs to its section when the heading is
///   about a single bloc, else continues the subject of the sentence before
///   it in the paragraph (all its blocs after "dans les deux cas");
/// - a heading that names nothing is about the article's main bloc;
/// - a sentence that names another bloc and refers to what the article's
///   subject did ("the deal", "les mesures") is about both;
/// - a bullet item belongs to its section heading's blocs;
/// - a sentence about a place or firm of no bloc (Japan, TSMC) takes none
///   from its context, and what follows it does not refer past it;
/// - a byline, credit, link or share line is boilerplate: a claim of no
///   bloc, no topic and no date.
///
/// Each bloc records why it is there ([`BlocReason`]).
///
/// Returns how many over-long sentences had to be split, and the dates the
/// calendar does not have.
fn segment_article(article: &mut Article, lexicon: &Lexicon, claims: &mut Vec<Claim>) -> Segmented {
    let profile: &Profile = lang::builtin()
        .get(&article.lang)
        .unwrap_or_else(|| lang::builtin().fallback());
    let ana = &profile.anaphora;
    let mut split = 0usize;
    let chars: Vec<char> = article.body.chars().collect();
    article.paragraphs = segment::paragraphs(&article.body);
    let art_id: Arc<str> = Arc::from(article.id.as_str());
    let lang_id: Arc<str> = Arc::from(article.lang.as_str());
    let mut date_ctx = dates::DateContext {
        article: article.date,
        last_year: None,
    };
    let mut impossible: Vec<(usize, String)> = Vec::new();
    // The file line of each paragraph: the body's first line, plus the
    // newlines before it.
    let mut line = article.body_line;
    let mut counted = 0usize;
    let para_texts: Vec<String> = article
        .paragraphs
        .iter()
        .map(|r| chars[r.clone()].iter().collect())
        .collect();
    let mut boiler = Vec::with_capacity(para_texts.len());
    for (i, t) in para_texts.iter().enumerate() {
        let after = (i > 0 && boiler[i - 1]).then(|| para_texts[i - 1].as_str());
        // Emphasis does not hide a byline or a caption: "*Par Claire
        // Vasseur — Publié le…*".
        let bare = segment::without_markup(t);
        boiler.push(
            boilerplate::is_boilerplate(&bare, profile, after)
                || boilerplate::is_link_list(&bare, profile, after),
        );
    }
    let said = boiler;
    let mut boiler = boilerplate::fringe(&para_texts, &said);
    // A page saved with no title in its metadata: its headline, above the
    // prose, is the title and no claim.
    if article.title == article.id
        && let Some(t) = headline(&para_texts, &said, &boiler)
    {
        article.title = segment::without_markup(&para_texts[t]).trim().to_string();
        boiler[t] = true;
    }
    // Each paragraph's sentences, cut once: their char ranges and their
    // text as a claim reads it (no Markdown marks).
    let mut para_sents: Vec<Vec<(Range<usize>, String)>> = para_texts
        .iter()
        .zip(&boiler)
        .map(|(t, &b)| {
            if b {
                return Vec::new();
            }
            // Byte offset of each char (and of the end), to slice claims out.
            let byte_of: Vec<usize> = t
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(t.len()))
                .collect();
            sentences_of(t, profile, &mut split)
                .into_iter()
                .map(|r| {
                    let text = segment::without_markup(&t[byte_of[r.start]..byte_of[r.end]]);
                    let text = text.into_owned();
                    (r, text)
                })
                .collect()
        })
        .collect();
    let people = people::People::learn(
        std::iter::once(article.title.as_str()).chain(
            para_texts
                .iter()
                .zip(&boiler)
                .filter(|(_, b)| !**b)
                .map(|(t, _)| t.as_str()),
        ),
        lexicon,
        &profile.people_roles,
        &profile.people_titles,
    );
    // The article's main bloc: its title's, else its first paragraph's.
    // A first paragraph that names several blocs is about their relation,
    // and gives none.
    // An article about a place of no bloc ("…of Britain", a first
    // paragraph on India) has none: what it says without a name is about
    // that place.
    let title_tags = lexicon.tag(&article.title);
    // The first paragraph that names a bloc or a place of no bloc, and the
    // blocs it names (none: only such a place).
    let first_named = para_texts.iter().enumerate().find_map(|(i, t)| {
        if boiler[i] {
            return None;
        }
        let tags = lexicon.tag(t);
        (!tags.blocs.is_empty() || tags.elsewhere).then_some((i, tags.blocs))
    });
    // Or most of what its sentences are about is such a place.
    let mostly_elsewhere = {
        let (mut there, mut here) = (0usize, 0usize);
        for (_, sent) in para_sents.iter().flatten() {
            match lexicon.subject_place(sent, ana) {
                Some(None) => there += 1,
                Some(Some(_)) => here += 1,
                None => {}
            }
        }
        there > here
    };
    let main_elsewhere = (title_tags.blocs.is_empty()
        && (title_tags.elsewhere || first_named.as_ref().is_some_and(|(_, b)| b.is_empty())))
        || mostly_elsewhere;
    let main: Option<Context> = (title_tags.blocs.len() == 1)
        .then(|| vec![title_tags.blocs[0]])
        // A headline's topic before its colon ("Accord UE–États-Unis : ce
        // que le texte dit…", "Sommet de Paris sur l'IA : une déclaration
        // signée par Pékin…") is what it is about.
        .or_else(|| {
            let (label, _) = article.title.split_once([':', '：'])?;
            if title_tags.blocs.len() < 2 {
                return None;
            }
            let m = lexicon.bloc_mentions(label);
            let mut b: Vec<usize> = m.iter().map(|&(_, _, b)| b).collect();
            b.dedup();
            match b.len() {
                1 => Some(b),
                // Two joined by a dash: "Accord UE–États-Unis", not "L'Europe
                // face aux IA chinoises".
                2 if m.len() == 2 => {
                    let between: String = label
                        .chars()
                        .skip(m[0].1)
                        .take(m[1].0.saturating_sub(m[0].1))
                        .collect();
                    between
                        .trim()
                        .chars()
                        .all(|c| matches!(c, '-' | '–' | '—' | '/'))
                        .then_some(b)
                }
                _ => None,
            }
        })
        // A title naming several is about its subject's dealings with the
        // others ("Bruxelles rallie OpenAI…, Meta fait bande à part"), or
        // about two subjects acting together ("SAP and OpenAI team up").
        .or_else(|| {
            (title_tags.blocs.len() > 1)
                .then(|| lexicon.acting_subjects(&article.title, ana))
                .filter(|v| !v.is_empty())
        })
        // Else the bloc it names most, if one does ("Moore Threads, le «
        // Nvidia chinois », quintuple … à Shanghai").
        .or_else(|| {
            let names: Vec<usize> = lexicon
                .bloc_mentions(&article.title)
                .into_iter()
                .map(|(_, _, b)| b)
                .collect();
            let count = |b: usize| names.iter().filter(|&&x| x == b).count();
            let top = most_frequent(&names)?;
            (names.iter().all(|&b| b == top || count(b) < count(top))).then(|| vec![top])
        })
        .map(|b| Context::new(b, None))
        .filter(|_| !main_elsewhere)
        .or_else(|| {
            if main_elsewhere {
                return None;
            }
            let (i, b) = match &first_named {
                Some((i, b)) if b.len() == 1 => (*i, b[0]),
                _ => return None,
            };
            // Its first claim's number: one per boilerplate line before it,
            // else one per sentence.
            let before: usize = (0..i)
                .map(|j| if boiler[j] { 1 } else { para_sents[j].len() })
                .sum();
            let id = format!("{}#{}", article.id, before + 1);
            Some(Context::new(vec![b], Some(id)))
        });
    // Blocs of the current section's heading.
    let mut section = Context::default();
    // What the previous paragraph of the section was mostly about.
    let mut prev_para = Context::default();
    let first_claim = claims.len();
    let code = |b: usize| lexicon.blocs[b].code.clone();
    let codes = |v: &[usize]| -> Vec<String> { v.iter().map(|&b| code(b)).collect() };
    for (pi, pr) in article.paragraphs.iter().enumerate() {
        let ptext = &para_texts[pi];
        line += chars[counted..pr.start]
            .iter()
            .filter(|&&c| c == '\n')
            .count();
        counted = pr.start;
        if boiler[pi] {
            article.boilerplate += 1;
            let n = claims.len() - first_claim + 1;
            // A page's dateline dates an article that says nothing of its date.
            if date_ctx.article.is_none()
                && let Some(d) = dates::extract(ptext, &mut date_ctx.clone(), profile)
                    .into_iter()
                    .map(|m| m.date)
                    .find(|d| d.precision() == Precision::Day)
            {
                date_ctx.article = Some(d);
                article.date = Some(d);
            }
            claims.push(Claim {
                id: format!("{}#{}", article.id, n),
                article: art_id.clone(),
                lang: lang_id.clone(),
                n,
                paragraph: pi,
                kind: ClaimKind::Boilerplate,
                start: pr.start,
                end: pr.end,
                blocs: Vec::new(),
                context_blocs: Vec::new(),
                bloc_reasons: Vec::new(),
                topics: Vec::new(),
                dates: Vec::new(),
                text: ptext.clone(),
            });
            continue;
        }
        let sents = std::mem::take(&mut para_sents[pi]);
        let count = sents.len();
        let line_kind = segment::kind_of_line(ptext);
        // What the paragraph is about so far (none: not begun; empty blocs:
        // about no bloc), and each claim's subject in it.
        let mut para_topic: Option<Context> = None;
        let mut subjects: Vec<(usize, String)> = Vec::new();
        // The subject of the paragraph's last tagged claim (all its blocs
        // when it has none), and all its blocs.
        let mut para_last = Context::default();
        let mut para_last_all = Context::default();
        for (sr, text) in sents {
            let kind = match (count, line_kind) {
                (1, k) => k,
                (_, ClaimKind::Item) => ClaimKind::Item,
                _ => ClaimKind::Sentence,
            };
            let n = claims.len() - first_claim + 1;
            let id = format!("{}#{}", article.id, n);
            let tags = lexicon.tag(&text);
            let mut blocs = tags.blocs.clone();
            let mut reasons: Vec<BlocReason> = named_reasons(lexicon, &text);
            for (b, surname) in people.mentions(&text) {
                if !blocs.contains(&b) {
                    blocs.push(b);
                    reasons.push(BlocReason {
                        bloc: code(b),
                        how: Reason::Named,
                        word: Some(surname),
                        from: None,
                    });
                }
            }
            let mut inherited = Vec::new();
            let elsewhere = tags.elsewhere && tags.blocs.is_empty();
            if kind == ClaimKind::Heading {
                // "Des centres de données en Europe" in an article about
                // Alibaba: the section is still about the article's subject,
                // where it goes.
                let weak = main.is_some() && lexicon.heading_only_complements(&text, ana);
                section = Context::new(
                    if weak { Vec::new() } else { tags.blocs.clone() },
                    Some(id.clone()),
                );
                prev_para = Context::default();
                // A heading that names nothing ("What the law requires") is
                // about what the article is about.
                if blocs.is_empty()
                    && !tags.elsewhere
                    && let Some(m) = &main
                {
                    inherit((&mut blocs, &mut inherited, &mut reasons), &m.blocs, |b| {
                        BlocReason {
                            bloc: code(b),
                            how: Reason::Article,
                            word: None,
                            from: m.from.clone(),
                        }
                    });
                }
            } else {
                let reference = lexicon.reference(&text, ana);
                // What the paragraph said so far was about a place of no
                // bloc ("In India, …"): a sentence naming none goes on
                // about it.
                let para_elsewhere = para_topic.as_ref().is_some_and(|t| t.blocs.is_empty());
                let antecedent: Option<(Context, Reason, Option<String>)> = match &reference {
                    // "In India, the government…": that place's government;
                    // but "The company will spend $30bn in the UK" is still
                    // the company spoken of.
                    Some(r) if elsewhere && !r.first => None,
                    // A firm's description ("Le groupe") is the article's
                    // subject before it is a heading's place.
                    Some(r) => [
                        para_topic.as_ref(),
                        Some(&prev_para),
                        main.as_ref(),
                        Some(&section),
                    ]
                    .into_iter()
                    .flatten()
                    // Only the paragraph's own topic may be "no bloc".
                    .enumerate()
                    .find(|(i, c)| *i == 0 && para_topic.is_some() || !c.blocs.is_empty())
                    .map(|(_, c)| (c.clone(), Reason::from(r.kind), Some(r.words.clone()))),
                    None if elsewhere || (blocs.is_empty() && para_elsewhere) => None,
                    // In an article about a place of no bloc, a heading
                    // that names one ("A different path from Brussels")
                    // does not make its section about that bloc.
                    None if !main_elsewhere
                        && ((kind == ClaimKind::Item && !section.blocs.is_empty())
                            || (blocs.is_empty() && section.blocs.len() == 1)) =>
                    {
                        Some((section.clone(), Reason::Heading, None))
                    }
                    None if blocs.is_empty() && !para_last.blocs.is_empty() => {
                        // "Dans les deux cas…": all the last one named.
                        let f = fold(&text);
                        let both = ana.both.iter().any(|w| contains_phrase(&f, w));
                        let ctx = if both { &para_last_all } else { &para_last };
                        Some((ctx.clone(), Reason::Sentence, None))
                    }
                    // A sentence that names no bloc and no elsewhere is
                    // still about what the article is about.
                    None if blocs.is_empty() => main.clone().map(|m| (m, Reason::Article, None)),
                    None => None,
                };
                if let Some((ctx, how, word)) = &antecedent {
                    inherit(
                        (&mut blocs, &mut inherited, &mut reasons),
                        &ctx.blocs,
                        |b| BlocReason {
                            bloc: code(b),
                            how: *how,
                            word: word.clone(),
                            from: ctx.from.clone(),
                        },
                    );
                }
                // Another bloc's answer to what the article's subject did
                // ("China's ministry said the guidance…") is about both.
                if !blocs.is_empty()
                    && !elsewhere
                    && let Some(m) = main.as_ref()
                    && let [b] = m.blocs[..]
                    && !blocs.contains(&b)
                    && let Some(act) = {
                        let f = fold(&text);
                        ana.acts.iter().find(|a| contains_phrase(&f, a)).cloned()
                    }
                {
                    inherit((&mut blocs, &mut inherited, &mut reasons), &[b], |b| {
                        BlocReason {
                            bloc: code(b),
                            how: Reason::Description,
                            word: Some(act.clone()),
                            from: m.from.clone(),
                        }
                    });
                }
                // What the next "Elle..." refers to: what this one referred
                // to, else its own subject; nothing past a sentence about
                // elsewhere.
                let here = Context::new(Vec::new(), Some(id.clone()));
                if let (Some(_), Some((ctx, _, _))) = (&reference, &antecedent) {
                    para_topic = Some(Context {
                        from: Some(id.clone()),
                        ..ctx.clone()
                    });
                } else if let Some(b) = lexicon.subject_bloc(&text, ana) {
                    para_topic = Some(Context {
                        blocs: vec![b],
                        ..here.clone()
                    });
                } else if elsewhere {
                    para_topic = Some(here.clone());
                } else if !blocs.is_empty() {
                    para_topic = Some(Context {
                        blocs: blocs.clone(),
                        ..here.clone()
                    });
                }
                if let Some(t) = &para_topic {
                    subjects.extend(t.blocs.iter().map(|&b| (b, id.clone())));
                }
                if !blocs.is_empty() {
                    // What a nameless next sentence goes on about: this
                    // one's subject ("La mesure…" after "Le ministère
                    // chinois… vers les Etats-Unis"), else all it names.
                    let subject = lexicon
                        .subject_bloc(&text, ana)
                        .filter(|b| blocs.contains(b));
                    para_last = Context {
                        blocs: subject.map_or_else(|| blocs.clone(), |b| vec![b]),
                        ..here.clone()
                    };
                    para_last_all = Context {
                        blocs: blocs.clone(),
                        ..here
                    };
                } else if elsewhere {
                    para_last = here.clone();
                    para_last_all = here;
                }
            }
            let (dates, bad) = dates::extract_checked(&text, &mut date_ctx, profile);
            impossible.extend(bad.into_iter().map(|t| (line, t)));
            claims.push(Claim {
                id,
                article: art_id.clone(),
                lang: lang_id.clone(),
                n,
                paragraph: pi,
                kind,
                start: pr.start + sr.start,
                end: pr.start + sr.end,
                blocs: codes(&blocs),
                context_blocs: codes(&inherited),
                bloc_reasons: reasons,
                topics: tags
                    .topics
                    .iter()
                    .map(|&t| lexicon.topics[t].code.clone())
                    .collect(),
                dates,
                text,
            });
        }
        let subject_blocs: Vec<usize> = subjects.iter().map(|(b, _)| *b).collect();
        if let Some(b) = most_frequent(&subject_blocs) {
            let from = subjects
                .iter()
                .find(|(x, _)| *x == b)
                .map(|(_, id)| id.clone());
            prev_para = Context::new(vec![b], from);
        }
    }
    Segmented { split, impossible }
}

/// Adds to a claim's blocs (and to those it inherited, with their reason)
/// each of `from` it does not have yet.
fn inherit(
    (blocs, inherited, reasons): (&mut Vec<usize>, &mut Vec<usize>, &mut Vec<BlocReason>),
    from: &[usize],
    reason: impl Fn(usize) -> BlocReason,
) {
    for &b in from {
        if !blocs.contains(&b) {
            blocs.push(b);
            inherited.push(b);
            reasons.push(reason(b));
        }
    }
}

/// The headline of a page with no title: above its first paragraph of
/// prose, a Markdown title ("# …"), else the first line of four words or
/// more that ends as no sentence does and is no boilerplate by its words
/// (`said`; `boiler` adds what its place makes furniture).
fn headline(paras: &[String], said: &[bool], boiler: &[bool]) -> Option<usize> {
    // Prose, and no heading, that ends as a sentence or holds one's end
    // ("valoir 5.000 milliards" has a dot but no end).
    let prose = paras.iter().zip(boiler).position(|(t, b)| {
        let t = t.trim();
        !b && boilerplate::is_prose(t)
            && !t.starts_with('#')
            && (t.ends_with(['.', '!', '?', '…']) || t.contains(". "))
    })?;
    let top = &paras[..prose];
    // One line, and no breadcrumb ("Home / Enterprise / Cloud").
    let single = |t: &str| {
        !t.trim().contains('\n')
            && !t
                .split_whitespace()
                .any(|w| matches!(w, "/" | "|" | "›" | ">" | "·"))
    };
    top.iter()
        .position(|t| single(t) && t.starts_with("# "))
        .or_else(|| {
            top.iter().zip(said).position(|(t, b)| {
                !b && single(t)
                    && t.split_whitespace().count() >= 4
                    && !t.trim_end().ends_with(['.', ':', ';', ','])
            })
        })
}

/// What segmenting an article met besides its claims.
struct Segmented {
    /// Over-long sentences cut at spaces.
    split: usize,
    /// Impossible dates: (file line, as written).
    impossible: Vec<(usize, String)>,
}

/// The sentences of a paragraph, a "sentence" of thousands of chars (a file
/// with no punctuation, a pasted dump) cut at spaces into claims that a view
/// can show and a search can score; `split` counts such cuts.
fn sentences_of(ptext: &str, profile: &Profile, split: &mut usize) -> Vec<Range<usize>> {
    let sents = segment::sentences(ptext, &profile.sentences);
    if !sents.iter().any(|r| r.len() > segment::MAX_CLAIM_CHARS) {
        return sents;
    }
    let pchars: Vec<char> = ptext.chars().collect();
    let mut out = Vec::new();
    for r in sents {
        if r.len() > segment::MAX_CLAIM_CHARS {
            *split += 1;
            out.extend(segment::split_long(&pchars, r));
        } else {
            out.push(r);
        }
    }
    out
}

/// Blocs a context passes on, and where they come from.
#[derive(Debug, Clone, Default)]
struct Context {
    blocs: Vec<usize>,
    /// The claim they come from; none: the article's title.
    from: Option<String>,
}

impl Context {
    fn new(blocs: Vec<usize>, from: Option<String>) -> Self {
        Context { blocs, from }
    }
}

/// The reasons for the blocs `text` names: the words that name them.
fn named_reasons(lexicon: &Lexicon, text: &str) -> Vec<BlocReason> {
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<BlocReason> = Vec::new();
    // At one place, the longest term: "European Commission", not "European".
    let mut mentions = lexicon.bloc_mentions(text);
    mentions.sort_by_key(|&(s, e, _)| (s, std::cmp::Reverse(e)));
    for (s, e, b) in mentions {
        let code = &lexicon.blocs[b].code;
        if out.iter().any(|r| &r.bloc == code) {
            continue;
        }
        out.push(BlocReason {
            bloc: code.clone(),
            how: Reason::Named,
            word: Some(chars[s..e.min(chars.len())].iter().collect()),
            from: None,
        });
    }
    out
}

/// The most frequent value, the earliest on ties.
fn most_frequent(v: &[usize]) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    for (i, &x) in v.iter().enumerate() {
        if v[..i].contains(&x) {
            continue;
        }
        let n = v.iter().filter(|&&y| y == x).count();
        if best.is_none_or(|(_, bn)| n > bn) {
            best = Some((x, n));
        }
    }
    best.map(|(x, _)| x)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both articles read the French profile: one because it says so, the
    /// other because its text is detected as French. What the profile's
    /// words do shows in the claims: "M." does not end a sentence, "en
    /// décembre" is a date, "Elle" refers back.
    #[test]
    fn a_declared_and_a_detected_french_article_read_the_french_profile() {
        let body = "La Chine a annoncé un plan en décembre, selon M. Dupont qui le dit. \
                    Elle investit dans les puces et les centres de données.\n";
        let c = Corpus::from_files(vec![
            (
                "declared.md".into(),
                format!("+++\nlang = \"fr\"\ndate = \"2025-02\"\n+++\n{body}").into_bytes(),
            ),
            (
                "detected.md".into(),
                format!("+++\ndate = \"2025-02\"\n+++\n{body}").into_bytes(),
            ),
        ]);
        assert!(c.warnings.is_empty(), "{:?}", c.warnings);
        for id in ["declared", "detected"] {
            let a = c.article(id).unwrap();
            assert_eq!(a.lang, "fr", "{id}");
            assert!(std::ptr::eq(
                c.profile_of(id),
                lang::builtin().get("fr").unwrap()
            ));
            let claims = &c.claims.parsed().expect("parsed")[a.claim_range.clone()];
            assert_eq!(claims.len(), 2, "{id}: {claims:?}");
            assert_eq!(claims[0].dates[0].date.to_string(), "2024-12", "{id}");
            assert_eq!(claims[1].context_blocs, ["cn"], "{id}: Elle is China");
        }
        let (_, _, how) = lang::builtin().resolve(None, body);
        assert_eq!(how, lang::Source::Detected);
    }

    /// An article about a place of no bloc keeps its nameless sentences
    /// out of every bloc, even under a heading that names one; a sentence
    /// naming that place does not follow "the government" to a bloc; "les
    /// paris" are bets and "germanium" is no German; "¥" is the yen of an
    /// article whose title names Tokyo.
    #[test]
    fn articles_about_elsewhere_and_words_that_are_no_bloc() {
        let c = Corpus::from_files(vec![
            (
                "uk.md".into(),
                b"+++\ntitle = \"Starmer pledges to remake Britain with AI\"\nlang = \"en\"\n+++\n\
                  Ministers said three companies, two of them American, had committed money.\n\n\
                  A different path from Brussels\n\n\
                  Officials summarised the plan in three parts on Monday.\n\n\
                  Mistral is mentioned. In India, the government picked a start-up to build a model.\n"
                    .to_vec(),
            ),
            (
                "jp.md".into(),
                "+++\ntitle = \"Rapidus starts a pilot line as Tokyo doubles down\"\nlang = \"en\"\n+++\n\
                 The ministry approved up to ¥802.5 billion for the plant.\n\n\
                 Le conglomérat multiplie les paris dans l'IA et le germanium.\n"
                    .as_bytes()
                    .to_vec(),
            ),
        ]);
        assert!(blocs_in(&c, "Officials summarised").is_empty());
        assert_eq!(blocs_in(&c, "Mistral is"), ["eu"]);
        assert!(blocs_in(&c, "In India").is_empty());
        assert!(!blocs_in(&c, "Le conglomérat").contains(&"eu".to_string()));
        let figures = crate::figures::all(&c);
        assert_eq!(figures[0].raw.unit, "JPY");
    }

    /// A claim's blocs by the start of its text.
    fn blocs_in(c: &Corpus, text: &str) -> Vec<String> {
        c.claims
            .parsed()
            .expect("parsed")
            .iter()
            .find(|x| x.text.starts_with(text))
            .map(|x| x.blocs.clone())
            .unwrap_or_else(|| panic!("no claim {text}"))
    }

    #[test]
    fn a_page_with_no_front_matter_takes_its_headline_and_drops_its_marks() {
        let c = Corpus::from_files(vec![(
            "page.md".into(),
            "Home / Enterprise / Cloud\n\n\
             SAP and OpenAI team up to bring AI tools to German civil servants\n\n\
             *By Ana Ruiz — Published April 23, 2025*\n\n\
             The two firms said on Wednesday that the service would open in 2026 for every administration.\n\n\
             ## What the service does\n\n\
             **The offer** is due to go live in 2026.\n"
                .as_bytes()
                .to_vec(),
        )]);
        let a = c.article("page").expect("the page");
        assert_eq!(
            a.title,
            "SAP and OpenAI team up to bring AI tools to German civil servants"
        );
        assert!(c.claims.parsed().expect("parsed").iter().all(|x| {
            !(x.text.starts_with("SAP and OpenAI") || x.text.contains("Ana Ruiz"))
                || x.kind == ClaimKind::Boilerplate
        }));
        // Two names acting together: the article is about both.
        assert_eq!(blocs_in(&c, "What the service does"), ["eu", "us"]);
        assert_eq!(blocs_in(&c, "The offer is due"), ["eu", "us"]);
    }

    #[test]
    fn emphasis_does_not_hide_a_byline() {
        let c = Corpus::from_files(vec![(
            "amendes.md".into(),
            "+++\ntitle = \"Bruxelles inflige ses premières amendes\"\nlang = \"fr\"\n+++\n\
             La Commission a infligé mercredi deux amendes à des groupes américains du numérique.\n\n\
             *Par Claire Vasseur — Publié le 23 avril 2025 à 14h12, mis à jour le 7 juillet 2025 à 18h40*\n\n\
             Apple a annoncé son intention de saisir la justice européenne dans les deux mois.\n"
                .as_bytes()
                .to_vec(),
        )]);
        let byline = c
            .claims
            .parsed()
            .expect("parsed")
            .iter()
            .find(|x| x.text.contains("Claire Vasseur"))
            .expect("the byline is kept for the reader");
        assert_eq!(byline.kind, ClaimKind::Boilerplate);
    }

    #[test]
    fn what_a_title_and_its_headings_say_the_article_is_about() {
        let c = Corpus::from_files(vec![
            (
                "kyutai.md".into(),
                "+++\ntitle = \"Kyutai, le laboratoire parisien qui veut tenir tête aux géants américains\"\nlang = \"fr\"\n+++\n\
                 Le modèle est original.\n\n\
                 ## Plus lourd que le PIB du Japon\n\n\
                 Le pari reste fragile.\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "accord.md".into(),
                "+++\ntitle = \"Accord UE–États-Unis : ce que le texte dit vraiment des puces\"\nlang = \"fr\"\n+++\n\
                 Les principaux engagements\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "inde.md".into(),
                "+++\ntitle = \"L'Inde se construit une réserve de GPU pour ne pas dépendre des géants américains\"\nlang = \"fr\"\n+++\n\
                 L'Inde visait 10 000 processeurs graphiques. New Delhi tente de combler son retard.\n\n\
                 Le modèle retenu est original.\n"
                    .as_bytes()
                    .to_vec(),
            ),
            (
                "essai.md".into(),
                "+++\ntitle = \"L'Europe face aux IA chinoises\"\nlang = \"fr\"\n+++\n\
                 Le constat est sévère.\n"
                    .as_bytes()
                    .to_vec(),
            ),
        ]);
        // An apposition's name is the subject; a heading's bloc after "du"
        // leaves the section to it.
        assert_eq!(blocs_in(&c, "Le modèle est original."), ["eu"]);
        assert_eq!(blocs_in(&c, "Le pari reste fragile."), ["eu"]);
        // A topic of two blocs joined by a dash before the colon.
        assert_eq!(blocs_in(&c, "Les principaux engagements"), ["eu", "us"]);
        // Mostly about a place of no bloc: none for what names nothing.
        assert!(blocs_in(&c, "Le modèle retenu").is_empty());
        // Two blocs facing each other: no main bloc.
        assert!(blocs_in(&c, "Le constat").is_empty());
    }

    #[test]
    fn another_blocs_answer_to_the_subjects_act_is_about_both() {
        let c = Corpus::from_files(vec![(
            "rule.md".into(),
            "+++\ntitle = \"Washington scraps the chip rule\"\nlang = \"en\"\n+++\n\
             China's ministry said the guidance was discriminatory. China's ministry also met students.\n\n\
             Nvidia and Huawei disagree. In both cases, lawyers are busy.\n"
                .as_bytes()
                .to_vec(),
        )]);
        assert_eq!(blocs_in(&c, "China's ministry said"), ["cn", "us"]);
        assert_eq!(blocs_in(&c, "China's ministry also"), ["cn"]);
        // "Both": all the sentence before named, not only its subject.
        assert_eq!(blocs_in(&c, "In both cases"), ["us", "cn"]);
    }

    #[test]
    fn a_language_without_a_profile_is_kept_and_named() {
        let c = Corpus::from_files(vec![(
            "de.md".into(),
            b"+++\nlang = \"de\"\n+++\nDie Kommission reguliert.\n".to_vec(),
        )]);
        assert_eq!(c.articles[0].lang, "de");
        assert_eq!(c.warnings.len(), 1);
        assert_eq!(c.warnings[0].line, Some(2));
        assert!(
            c.warnings[0]
                .message
                .contains("no language profile for `de`")
        );
    }
}
