//! The cache of a parsed corpus and its search index: one memory-mapped file
//! per corpus directory, so that reopening a large corpus does not parse it
//! again and a search reads only what it needs.
//!
//! Layout: a header (magic, program version, the corpus fingerprint, the
//! number of claims, a table of 11 sections, three xxh3 checksums), then
//! 8-byte aligned sections:
//!
//! | # | section | read by |
//! |---|---------|---------|
//! | 0-3 | folded text, its offsets, bloc bits, lengths | every search (hot: checked at open) |
//! | 4-5 | where each article's block starts, the blocks | a claim or a body when shown (bulk: checked by a command before use, by the explorer after its first frame) |
//! | 6-10 | articles, timeline source, warnings, lexicon, places (each article's claims, id, language) | every open (checked at open; a search decodes only the places) |
//!
//! A block is an article's body and its claims' records, compressed
//! together with zstd ([`Stored`]): a claim's text is a byte range of its
//! body, stored once. The folded text is a second copy, kept plain because
//! every search reads all of it. The explorer and the commands read claims
//! through the map ([`Stored`]), a block at a time. The fingerprint covers
//! every file's path, size and modification time (and the lexicon and the
//! timeline): any change, a wrong version, a bad section table or a
//! checksum mismatch means the cache is rebuilt, never trusted. Writes
//! stream to a temporary file renamed into place; a file cut short under a
//! reader reads as zeros ([`crate::mapped`]). What is cached is a
//! [`Dataset`]: the corpus, and the timeline file its events are found
//! from.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::corpus::{
    Article, Claims, Corpus, FileStat, LoadError, Origin, Progress, Scan, ScanOptions, SharedStr,
    Warning, scan_dir_with, stat,
};
use crate::dataset::{Dataset, TIMELINE_FILE, TimelineSource};
use crate::mapped::MappedFile;

mod stored;
use crate::search::SearchIndex;
pub use stored::Stored;

const MAGIC: &[u8; 8] = b"TRPTQ\0CA";
/// Folded text, its offsets, bloc bits, lengths (hot); where each
/// article's block starts, and the blocks (an article's body and its
/// claims' records, compressed together); articles (without their bodies),
/// the timeline, warnings, the lexicon. A claim's text is a byte range of
/// its article's body: the text is stored once.
/// Then the places: each article's claims, id and language (what reading
/// a claim needs of its article).
const SECTIONS: usize = 11;
/// magic, version, fingerprint, claims, the section table, three checksums.
const HEADER: usize = 8 + 8 + 8 + 8 + SECTIONS * 16 + 3 * 8;
/// What every search reads: checked at open.
const HOT: &[usize] = &[0, 1, 2, 3];
/// The small sections decoded whole at open (articles, timeline, warnings,
/// lexicon, places): checked then.
const META: &[usize] = &[6, 7, 8, 9, 10];
/// The blocks and where they start: checked by a command before use, by
/// the explorer after its first frame; each block read is checked by its
/// decompression and decoding.
const BULK: &[usize] = &[4, 5];

/// Why a cache file cannot be used; it is then rebuilt.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// There is no cache file yet.
    #[error("absent")]
    Absent,
    /// The corpus's files changed since it was written.
    #[error("stale: the files changed")]
    Stale,
    /// Another version of the program wrote it.
    #[error("written by another version")]
    OtherVersion,
    /// Its bytes do not hold what they should.
    #[error("corrupt: {0}")]
    Corrupt(String),
    /// It could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Io {
        /// The cache file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The corpus directory could not be scanned.
    #[error(transparent)]
    Load(#[from] LoadError),
}

fn corrupt(what: impl Into<String>) -> CacheError {
    CacheError::Corrupt(what.into())
}

/// What happened with the cache.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CacheStatus {
    /// Not used (`--no-cache`, or the built-in corpus).
    Off,
    /// Read from the cache.
    Hit(PathBuf),
    /// Parsed, and the cache written, because it was absent, stale or corrupt.
    Rebuilt {
        /// Where it was written.
        path: PathBuf,
        /// Why it could not be used.
        reason: String,
    },
    /// Parsed; the cache could not be written.
    WriteFailed(String),
}

impl std::fmt::Display for CacheStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CacheStatus::Off => write!(f, "cache: off"),
            CacheStatus::Hit(p) => write!(f, "cache: hit ({})", p.display()),
            CacheStatus::Rebuilt { path, reason } => {
                write!(f, "cache: rebuilt ({reason}) -> {}", path.display())
            }
            CacheStatus::WriteFailed(e) => write!(f, "cache: not written: {e}"),
        }
    }
}

/// A loaded dataset, with its search index.
pub struct Loaded {
    /// The corpus and its timeline.
    pub dataset: Dataset,
    /// The search index, built or mapped from the cache.
    pub index: SearchIndex,
    /// What the cache did.
    pub status: CacheStatus,
    /// The check of the cache's claim records and bodies, when it was left
    /// for later (see [`load`]).
    pub check: Option<CacheCheck>,
}

/// The check of a cache's bulk (claim records and bodies) against its
/// checksum, read from the file with plain reads (not through the map: the
/// pages it reads are not kept in the reader's memory).
pub struct CacheCheck {
    file: CacheFile,
    path: PathBuf,
}

impl CacheCheck {
    /// True when the bulk is as written. When it is not, the cache file is
    /// removed, so that the next load parses the corpus again.
    pub fn run(self) -> bool {
        let ok = self.file.bulk_ok();
        if !ok {
            let _ = std::fs::remove_file(&self.path);
        }
        ok
    }
}

/// The program's version and its rules (a hash of the code and assets made
/// at build time): a cache written by another build is not reused.
fn version_hash() -> u64 {
    xxh3_64(concat!(env!("CARGO_PKG_VERSION"), "+", env!("TRIPTYQUE_RULES_HASH")).as_bytes())
}

/// The fingerprint of a scanned directory and its timeline file: changes
/// when any file is added, removed, resized or touched, or when the program
/// changes.
pub fn fingerprint(scan: &Scan, timeline: Option<&FileStat>) -> u64 {
    let mut h = Xxh3::new();
    h.update(&version_hash().to_le_bytes());
    let files = scan
        .files
        .iter()
        .map(|f| ("a", f))
        .chain(scan.lexicon.iter().map(|f| ("l", f)))
        .chain(timeline.map(|f| ("t", f)));
    for (kind, f) in files {
        h.update(kind.as_bytes());
        h.update(f.path.as_os_str().as_encoded_bytes());
        h.update(&[0]);
        h.update(&f.size.to_le_bytes());
        h.update(&f.mtime_ns.to_le_bytes());
    }
    h.digest()
}

/// The cache file of corpus directory `dir` under `cache_dir`.
pub fn cache_file(cache_dir: &Path, dir: &Path) -> PathBuf {
    let canon = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let key = xxh3_64(canon.as_os_str().as_encoded_bytes());
    cache_dir.join("corpora").join(format!("{key:016x}.idx"))
}

/// What is found over a cached corpus (its events, its figures), kept next
/// to the cache file (`<key>.events`, `<key>.figures`) under the corpus's
/// fingerprint: a file of another corpus state, another build, or that does
/// not check out, is not used. Written whole, then renamed.
#[derive(Debug, Clone)]
pub struct FileMemo {
    cache: PathBuf,
    fingerprint: u64,
}

const MEMO_MAGIC: &[u8; 8] = b"TRPTQ\0M1";

impl FileMemo {
    /// The memo of the cache file `cache`, for a corpus of `fingerprint`.
    pub fn new(cache: &Path, fingerprint: u64) -> Self {
        FileMemo {
            cache: cache.to_path_buf(),
            fingerprint,
        }
    }

    fn path(&self, what: &str) -> PathBuf {
        self.cache.with_extension(what)
    }
}

impl crate::dataset::Memo for FileMemo {
    fn load(&self, what: &str) -> Option<Vec<u8>> {
        let bytes = std::fs::read(self.path(what)).ok()?;
        let (head, body) = bytes.split_at_checked(24)?;
        let word = |i: usize| u64::from_le_bytes(head[i..i + 8].try_into().unwrap_or_default());
        (head[..8] == MEMO_MAGIC[..] && word(8) == self.fingerprint && word(16) == xxh3_64(body))
            .then(|| body.to_vec())
    }

    fn has(&self, what: &str) -> bool {
        use std::io::Read;
        let mut head = [0u8; 16];
        std::fs::File::open(self.path(what))
            .and_then(|mut f| f.read_exact(&mut head))
            .is_ok_and(|()| {
                head[..8] == MEMO_MAGIC[..] && head[8..] == self.fingerprint.to_le_bytes()
            })
    }

    fn save(&self, what: &str, bytes: &[u8]) {
        let mut out = Vec::with_capacity(24 + bytes.len());
        out.extend_from_slice(MEMO_MAGIC);
        out.extend_from_slice(&self.fingerprint.to_le_bytes());
        out.extend_from_slice(&xxh3_64(bytes).to_le_bytes());
        out.extend_from_slice(bytes);
        // A memo that cannot be written is found again next time.
        let _ = crate::fsutil::write_atomic(&self.path(what), &out);
    }
}

/// An open, checked cache file.
#[derive(Clone)]
pub struct CacheFile {
    map: Arc<MappedFile>,
    /// The file mapped (its reads check the bulk without the map).
    file: Arc<std::fs::File>,
    claims: usize,
    sections: [Range<usize>; SECTIONS],
    bulk_sum: u64,
}

fn word(b: &[u8], i: usize) -> u64 {
    b.get(i..i + 8)
        .and_then(|s| s.try_into().ok())
        .map(u64::from_le_bytes)
        .unwrap_or(0)
}

fn sum(map: &[u8], sections: &[Range<usize>], ks: &[usize]) -> u64 {
    let mut h = Xxh3::new();
    for &k in ks {
        h.update(&map[sections[k].clone()]);
    }
    h.digest()
}

impl CacheFile {
    /// Opens the cache at `path` for a corpus of fingerprint `fp`: checks the
    /// header, the section table and the checksum of the hot sections.
    pub fn open(path: &Path, fp: u64) -> Result<Self, CacheError> {
        let io_err = |source: io::Error| {
            if source.kind() == io::ErrorKind::NotFound {
                CacheError::Absent
            } else {
                CacheError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            }
        };
        let file = std::fs::File::open(path).map_err(io_err)?;
        // The cache file is ours, written once then renamed into place,
        // never rewritten in place. A truncation by another process reads
        // as zeros (see `mapped`), which every reader below handles.
        let map = MappedFile::open(&file).map_err(io_err)?;
        let b: &[u8] = &map;
        if b.len() < HEADER || &b[..8] != MAGIC {
            return Err(corrupt("bad header"));
        }
        if word(b, 8) != version_hash() {
            return Err(CacheError::OtherVersion);
        }
        if word(b, 16) != fp {
            return Err(CacheError::Stale);
        }
        let claims = word(b, 24) as usize;
        let mut sections: [Range<usize>; SECTIONS] = Default::default();
        for (k, s) in sections.iter_mut().enumerate() {
            let off = word(b, 32 + k * 16) as usize;
            let len = word(b, 40 + k * 16) as usize;
            let end = off
                .checked_add(len)
                .ok_or_else(|| corrupt("section table"))?;
            if off < HEADER || end > b.len() || !off.is_multiple_of(8) {
                return Err(corrupt("section table"));
            }
            *s = off..end;
        }
        let hot_sum = word(b, 32 + SECTIONS * 16);
        let meta_sum = word(b, 40 + SECTIONS * 16);
        let bulk_sum = word(b, 48 + SECTIONS * 16);
        if sum(b, &sections, HOT) != hot_sum || sum(b, &sections, META) != meta_sum {
            return Err(corrupt("checksum mismatch"));
        }
        let map = Arc::new(map);
        Ok(CacheFile {
            map,
            file: Arc::new(file),
            claims,
            sections,
            bulk_sum,
        })
    }

    /// True when the claim records and bodies match their checksum (read
    /// from the file, not through the map).
    fn bulk_ok(&self) -> bool {
        let mut h = Xxh3::new();
        BULK.iter().all(|&k| {
            let r = &self.sections[k];
            each_chunk(&self.file, r.start as u64..r.end as u64, |b| {
                h.update(b);
                Ok(())
            })
            .is_ok()
        }) && h.digest() == self.bulk_sum
    }

    /// The search index, over the mapped hot sections.
    pub fn index(&self) -> Option<SearchIndex> {
        let [f, s, b, l, ..] = self.sections.clone();
        let index = SearchIndex::from_map(self.map.clone(), f, s, b, l)?;
        (index.len() == self.claims).then_some(index)
    }

    fn decode<T: serde::de::DeserializeOwned>(&self, k: usize) -> Result<T, CacheError> {
        postcard::from_bytes(&self.map[self.sections[k].clone()])
            .map_err(|e| corrupt(e.to_string()))
    }

    /// The parse warnings stored with the corpus.
    pub fn warnings(&self) -> Result<Vec<Warning>, CacheError> {
        self.decode(8)
    }

    /// The lexicon the corpus was tagged with (built-in plus the corpus's).
    pub fn lexicon(&self) -> Result<crate::corpus::Lexicon, CacheError> {
        let src: Option<String> = self.decode(9)?;
        let mut lexicon = crate::corpus::Lexicon::builtin();
        if let Some(src) = &src {
            // It parsed when the cache was written: the fingerprint says the
            // file is the same.
            lexicon
                .extend(src)
                .map_err(|e| corrupt(format!("lexicon: {}", e.message)))?;
        }
        Ok(lexicon)
    }

    /// The dataset read through the map: articles and their metadata
    /// decoded (a few per thousand claims), bodies and claims left in their
    /// compressed blocks and read when shown.
    pub fn stored(&self, dir: &Path) -> Result<Dataset, CacheError> {
        let mut articles = self.decode::<Vec<Article>>(6)?;
        let store = Arc::new(self.claims()?);
        if store.articles() != articles.len() {
            return Err(corrupt("articles and places differ"));
        }
        for (k, a) in articles.iter_mut().enumerate() {
            let store = store.clone();
            a.body = SharedStr::lazy(move || store.body(k));
        }
        let timeline = self
            .decode::<Option<(String, String)>>(7)?
            .map(|(name, src)| TimelineSource { name, src });
        let corpus = Corpus {
            articles,
            claims: Claims::Stored(store),
            lexicon: self.lexicon()?,
            warnings: self.warnings()?,
            origin: Origin::Dir(dir.to_path_buf()),
        };
        Ok(Dataset::new(corpus, timeline))
    }

    /// The claim store over this file's blocks (its articles' places only
    /// are decoded: reading a search's hits needs no more).
    pub fn claims(&self) -> Result<Stored, CacheError> {
        let places = stored::decode_places(&self.map[self.sections[10].clone()])
            .ok_or_else(|| corrupt("places"))?;
        let offs: &[u64] = bytemuck::try_cast_slice(&self.map[self.sections[4].clone()])
            .ok()
            .filter(|o: &&[u64]| o.len() == places.len() + 1)
            .ok_or_else(|| corrupt("block offsets"))?;
        let (base, end) = (self.sections[5].start, self.sections[5].end);
        let blocks: Vec<Range<usize>> = offs
            .windows(2)
            .map(|w| base + w[0] as usize..base + w[1] as usize)
            .collect();
        if blocks.iter().any(|b| b.start > b.end || b.end > end)
            || places.last().map_or(0, |p| p.claims_end()) != self.claims
        {
            return Err(corrupt("blocks"));
        }
        let (map, bits) = (self.map.clone(), self.sections[2].clone());
        let bits = Box::new(move |i: usize| {
            map.get(bits.clone())
                .and_then(|b| bytemuck::try_cast_slice::<u8, u64>(b).ok())
                .and_then(|b| b.get(i).copied())
                .unwrap_or(0)
        });
        Ok(Stored::new(self.map.clone(), blocks, places, bits))
    }
}

/// What a cache file is written from.
struct Parts<'a> {
    fp: u64,
    claims: usize,
    /// The folded text (spilled), its offsets, bloc bits, lengths.
    folded: &'a Spill,
    starts: &'a [u32],
    blocs: &'a [u64],
    lens: &'a [u32],
    /// The articles' compressed blocks (spilled) and where each starts.
    blocks: &'a Spill,
    block_offsets: &'a [u64],
    /// The articles (their bodies are not written).
    articles: &'a [Article],
    timeline: Option<(&'a str, &'a str)>,
    warnings: &'a [Warning],
    lexicon: Option<String>,
}

/// Bytes appended to a temporary file beside the cache while it is built,
/// read back once when it is written: the folded text and the blocks, which
/// the build would otherwise hold whole. Removed when dropped.
struct Spill {
    out: io::BufWriter<std::fs::File>,
    path: PathBuf,
    len: u64,
}

impl Spill {
    fn new(path: PathBuf) -> io::Result<Self> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(true)
            .open(&path)?;
        Ok(Spill {
            out: io::BufWriter::with_capacity(1 << 20, file),
            path,
            len: 0,
        })
    }

    fn push(&mut self, b: &[u8]) -> io::Result<()> {
        use io::Write;
        self.out.write_all(b)?;
        self.len += b.len() as u64;
        Ok(())
    }

    /// Calls `f` on the bytes in order, a megabyte at a time.
    fn each(&self, f: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        each_chunk(self.out.get_ref(), 0..self.len, f)
    }

    fn finish(&mut self) -> io::Result<()> {
        use io::Write;
        self.out.flush()
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Calls `f` on the bytes of `range` of `file` in order, a megabyte at a
/// time, with plain reads: pages read so are not kept in the reader's
/// memory as a map's would be.
fn each_chunk(
    file: &std::fs::File,
    range: Range<u64>,
    mut f: impl FnMut(&[u8]) -> io::Result<()>,
) -> io::Result<()> {
    use std::os::unix::fs::FileExt;
    let mut buf = vec![0u8; (1 << 20).min(range.end.saturating_sub(range.start) as usize)];
    let mut at = range.start;
    while at < range.end {
        let n = (range.end - at).min(buf.len() as u64) as usize;
        file.read_exact_at(&mut buf[..n], at)?;
        f(&buf[..n])?;
        at += n as u64;
    }
    Ok(())
}

/// A section's bytes: in memory, or spilled.
enum Src<'a> {
    Mem(&'a [u8]),
    Spill(&'a Spill),
}

impl Src<'_> {
    fn len(&self) -> usize {
        match self {
            Src::Mem(b) => b.len(),
            Src::Spill(s) => s.len as usize,
        }
    }

    fn each(&self, mut f: impl FnMut(&[u8]) -> io::Result<()>) -> io::Result<()> {
        match self {
            Src::Mem(b) => f(b),
            Src::Spill(s) => s.each(f),
        }
    }
}

/// Writes a cache file from its parts.
fn write_parts(path: &Path, p: &Parts) -> Result<(), CacheError> {
    let (fp, lexicon, warnings) = (p.fp, &p.lexicon, p.warnings);
    let enc = |e: postcard::Error| corrupt(format!("cannot encode: {e}"));
    let io_err = |source: io::Error| CacheError::Io {
        path: path.to_path_buf(),
        source,
    };
    let bare: Vec<Article> = p
        .articles
        .iter()
        .map(|a| Article {
            body: Default::default(),
            ..a.clone()
        })
        .collect();
    let articles = postcard::to_stdvec(&bare).map_err(enc)?;
    let events = postcard::to_stdvec(&p.timeline).map_err(enc)?;
    let warns = postcard::to_stdvec(warnings).map_err(enc)?;
    let lex = postcard::to_stdvec(&lexicon).map_err(enc)?;
    let places = stored::encode_places(p.articles).map_err(enc)?;
    let src = |k: usize| -> Src {
        match k {
            0 => Src::Spill(p.folded),
            1 => Src::Mem(bytemuck::cast_slice(p.starts)),
            2 => Src::Mem(bytemuck::cast_slice(p.blocs)),
            3 => Src::Mem(bytemuck::cast_slice(p.lens)),
            4 => Src::Mem(bytemuck::cast_slice(p.block_offsets)),
            5 => Src::Spill(p.blocks),
            6 => Src::Mem(&articles),
            7 => Src::Mem(&events),
            8 => Src::Mem(&warns),
            9 => Src::Mem(&lex),
            _ => Src::Mem(&places),
        }
    };
    let mut table = [(0usize, 0usize); SECTIONS];
    let mut pos = HEADER.next_multiple_of(8);
    for (k, t) in table.iter_mut().enumerate() {
        let len = src(k).len();
        *t = (pos, len);
        pos = (pos + len).next_multiple_of(8);
    }
    // The checksums, computed over the same bytes in the same order.
    let digest = |ks: &[usize]| -> io::Result<u64> {
        let mut h = Xxh3::new();
        for &k in ks {
            src(k).each(|b| {
                h.update(b);
                Ok(())
            })?;
        }
        Ok(h.digest())
    };
    let sums = [
        digest(HOT).map_err(io_err)?,
        digest(META).map_err(io_err)?,
        digest(BULK).map_err(io_err)?,
    ];
    crate::fsutil::write_atomic_with(path, |w| {
        let mut head = Vec::with_capacity(HEADER);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&version_hash().to_le_bytes());
        head.extend_from_slice(&fp.to_le_bytes());
        head.extend_from_slice(&(p.claims as u64).to_le_bytes());
        for (off, len) in table {
            head.extend_from_slice(&(off as u64).to_le_bytes());
            head.extend_from_slice(&(len as u64).to_le_bytes());
        }
        for s in sums {
            head.extend_from_slice(&s.to_le_bytes());
        }
        w.write_all(&head)?;
        let mut written = head.len();
        for (k, &(off, len)) in table.iter().enumerate() {
            w.write_all(&vec![0u8; off - written])?;
            src(k).each(|b| w.write_all(b))?;
            written = off + len;
        }
        Ok(())
    })
    .map_err(io_err)
}

/// A search-ready view of a cached corpus: the mapped index, the lexicon and
/// the claim records, without decoding the rest.
pub struct Searchable {
    /// The open cache file.
    pub file: CacheFile,
    /// Its claims (a search reads its hits' only).
    pub claims: Stored,
    /// Its index.
    pub index: SearchIndex,
    /// The lexicon (for `@bloc` in queries).
    pub lexicon: crate::corpus::Lexicon,
    /// Warnings: the walk's, then the stored parse warnings.
    pub warnings: Vec<Warning>,
}

/// The timeline file of corpus directory `dir`, if there is one.
fn timeline_stat(dir: &Path) -> Option<FileStat> {
    stat(&dir.join(TIMELINE_FILE))
}

/// Opens the cache of `dir` for searching, when it is fresh.
pub fn searchable(
    dir: &Path,
    cache_dir: &Path,
    opts: ScanOptions,
) -> Result<Searchable, CacheError> {
    let scan = scan_dir_with(dir, opts)?;
    let fp = fingerprint(&scan, timeline_stat(dir).as_ref());
    let file = CacheFile::open(&cache_file(cache_dir, dir), fp)?;
    let index = file.index().ok_or_else(|| corrupt("index"))?;
    let lexicon = file.lexicon()?;
    let mut warnings = scan.warnings;
    warnings.extend(file.warnings()?);
    let claims = file.claims()?;
    Ok(Searchable {
        file,
        claims,
        index,
        lexicon,
        warnings,
    })
}

/// The dataset and index of an open cache file, the walk's warnings first.
fn open_stored(
    f: &CacheFile,
    dir: &Path,
    walk_warnings: &[Warning],
) -> Result<(Dataset, SearchIndex), CacheError> {
    // Read through the map: what a screen shows is decoded when shown. A
    // cache truncated under the reader reads as zeros (`mapped`).
    let mut dataset = f.stored(dir)?;
    let index = f.index().ok_or_else(|| corrupt("index"))?;
    if index.len() != dataset.corpus.claims.len() {
        return Err(corrupt("index and claims differ"));
    }
    let corpus = &mut dataset.corpus;
    let mut warnings = walk_warnings.to_vec();
    warnings.append(&mut corpus.warnings);
    corpus.warnings = warnings;
    Ok((dataset, index))
}

/// Articles segmented at a time while the cache is built: a chunk's claims
/// are all that is held.
const CHUNK_ARTICLES: usize = 256;

/// Parses the corpus a chunk of articles at a time into the cache at
/// `path`: each chunk's claims folded into the index and compressed with
/// their bodies into blocks, then dropped. The outer error is the corpus's
/// (nothing to read), the inner one the cache's (it could not be written).
fn build(
    dir: &Path,
    scan: Scan,
    progress: Option<&Progress>,
    path: &Path,
    fp: u64,
    lexicon: Option<String>,
    walk_warnings: &[Warning],
) -> Result<Result<(), CacheError>, LoadError> {
    if let Some(parent) = path.parent()
        && let Err(source) = std::fs::create_dir_all(parent)
    {
        return Ok(Err(CacheError::Io {
            path: path.to_path_buf(),
            source,
        }));
    }
    let spill = |what: &str| {
        let name = format!("{}.{}.{what}.part", path.display(), std::process::id());
        Spill::new(PathBuf::from(name)).map_err(|source| CacheError::Io {
            path: path.to_path_buf(),
            source,
        })
    };
    let (mut folded, mut blocks) = match (spill("folded"), spill("blocks")) {
        (Ok(f), Ok(b)) => (f, b),
        (Err(e), _) | (_, Err(e)) => return Ok(Err(e)),
    };
    let mut starts: Vec<u32> = Vec::new();
    let mut blocs: Vec<u64> = Vec::new();
    let mut lens: Vec<u32> = Vec::new();
    let mut block_offsets: Vec<u64> = vec![0];
    let streamed =
        Corpus::stream_scanned(dir, scan, progress, CHUNK_ARTICLES, |lex, arts, claims| {
            let first = arts.first().map_or(0, |a| a.claim_range.start);
            let of = |a: &Article| &claims[a.claim_range.start - first..a.claim_range.end - first];
            let done: Vec<(Vec<u8>, crate::search::IndexData)> = arts
                .par_iter()
                .map(|a| {
                    let mut part = crate::search::IndexData::default();
                    for c in of(a) {
                        part.push(c, lex);
                    }
                    stored::encode(a, of(a)).map(|b| (b, part))
                })
                .collect::<Result<_, _>>()
                .map_err(|e| corrupt(format!("cannot encode: {e}")))?;
            let io_err = |source: io::Error| CacheError::Io {
                path: path.to_path_buf(),
                source,
            };
            for (b, part) in done {
                blocks.push(&b).map_err(io_err)?;
                block_offsets.push(blocks.len);
                let base = u32::try_from(folded.len)
                    .map_err(|_| corrupt("the folded text is over 4 GB"))?;
                starts.extend(part.starts.iter().map(|s| s + base));
                folded.push(part.folded.as_bytes()).map_err(io_err)?;
                blocs.extend(part.blocs);
                lens.extend(part.lens);
            }
            Ok::<(), CacheError>(())
        })?;
    let mut streamed = match streamed {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    starts.push(folded.len as u32);
    if let Err(source) = folded.finish().and_then(|()| blocks.finish()) {
        return Ok(Err(CacheError::Io {
            path: path.to_path_buf(),
            source,
        }));
    }
    let timeline = crate::dataset::read_timeline(dir, &mut streamed.warnings);
    // Walk warnings are found afresh at every load; the cache keeps the
    // parse warnings.
    let parse_warnings: Vec<Warning> = streamed
        .warnings
        .iter()
        .filter(|w| !walk_warnings.contains(w))
        .cloned()
        .collect();
    Ok(write_parts(
        path,
        &Parts {
            fp,
            claims: lens.len(),
            folded: &folded,
            starts: &starts,
            blocs: &blocs,
            lens: &lens,
            blocks: &blocks,
            block_offsets: &block_offsets,
            articles: &streamed.articles,
            timeline: timeline.as_ref().map(|t| (t.name.as_str(), t.src.as_str())),
            warnings: &parse_warnings,
            lexicon,
        },
    ))
}

/// When a cache's claim records and bodies are checked against their
/// checksum (its index and metadata are checked at open, always).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Check {
    /// Before the load returns: a mismatch means a rebuild (a command).
    Now,
    /// By the caller, with [`Loaded::check`], while it already shows the
    /// corpus (the explorer, whose first frame does not wait for it).
    Later,
}

/// Loads corpus directory `dir`, from the cache under `cache_dir` when it is
/// fresh, else by parsing it (and then writing the cache). With no
/// `cache_dir`, always parses.
pub fn load(
    dir: &Path,
    cache_dir: Option<&Path>,
    progress: Option<&Progress>,
    opts: ScanOptions,
    check: Check,
) -> Result<Loaded, LoadError> {
    let scan = scan_dir_with(dir, opts)?;
    let fp = fingerprint(&scan, timeline_stat(dir).as_ref());
    let walk_warnings = scan.warnings.clone();
    let lexicon_path = scan.lexicon.as_ref().map(|f| f.path.clone());
    let Some(cache_dir) = cache_dir else {
        let dataset = Dataset::load_scanned(dir, scan, progress)?;
        let index = SearchIndex::new(&dataset.corpus);
        return Ok(Loaded {
            dataset,
            index,
            status: CacheStatus::Off,
            check: None,
        });
    };
    let path = cache_file(cache_dir, dir);
    let opened = CacheFile::open(&path, fp).and_then(|f| {
        if check == Check::Now && !f.bulk_ok() {
            return Err(corrupt("checksum mismatch"));
        }
        let (dataset, index) = open_stored(&f, dir, &walk_warnings)?;
        let later = (check == Check::Later).then(|| CacheCheck {
            file: f.clone(),
            path: path.clone(),
        });
        Ok((dataset, index, later))
    });
    let memo = Arc::new(FileMemo::new(&path, fp));
    let reason = match opened {
        Ok((mut dataset, index, check)) => {
            dataset.set_memo(memo);
            return Ok(Loaded {
                dataset,
                index,
                status: CacheStatus::Hit(path),
                check,
            });
        }
        Err(r) => r.to_string(),
    };
    // Parsed a chunk at a time straight into the cache, which is then read
    // like a warm one: no more than a chunk's claims are ever held.
    let lexicon = lexicon_path.and_then(|p| std::fs::read_to_string(p).ok());
    let built = build(dir, scan, progress, &path, fp, lexicon, &walk_warnings)?;
    let failed = match built.and_then(|()| {
        let f = CacheFile::open(&path, fp)?;
        open_stored(&f, dir, &walk_warnings)
    }) {
        Ok((mut dataset, index)) => {
            dataset.set_memo(memo);
            return Ok(Loaded {
                dataset,
                index,
                status: CacheStatus::Rebuilt { path, reason },
                check: None,
            });
        }
        Err(e) => e.to_string(),
    };
    // The cache could not be written (a read-only or full disk): parsed
    // into memory.
    if let Some(p) = progress {
        p.done.store(0, std::sync::atomic::Ordering::Relaxed);
    }
    let scan = scan_dir_with(dir, opts)?;
    let dataset = Dataset::load_scanned(dir, scan, progress)?;
    let index = SearchIndex::new(&dataset.corpus);
    Ok(Loaded {
        dataset,
        index,
        status: CacheStatus::WriteFailed(failed),
        check: None,
    })
}
