//! The cache of a parsed corpus and its search index, so that reopening a
//! large corpus does not parse it again.
//!
//! One file per corpus directory under the cache directory. It starts with a
//! header: magic, format and program version, the fingerprint of the corpus
//! (every file's path, size and modification time, the lexicon and the
//! timeline), the payload's length and its xxh3 checksum. Any mismatch means
//! the cache is stale or corrupt: it is rebuilt, never trusted. Writes go to
//! a temporary file that is renamed into place.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use crate::corpus::{Article, Claim, Corpus, LoadError, Origin, Progress, Scan, Warning, scan_dir};
use crate::search::{IndexData, SearchIndex};
use crate::timeline::Event;

const MAGIC: &[u8; 8] = b"TRPTQ\0C1";
const HEADER: usize = 8 + 8 + 8 + 8 + 8;

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

#[derive(Serialize, Deserialize)]
struct Payload {
    articles: Vec<Article>,
    claims: Vec<Claim>,
    events: Vec<Event>,
    warnings: Vec<Warning>,
    lexicon: Option<String>,
    index: IndexData,
}

/// A loaded corpus, with its search index when the cache had one.
pub struct Loaded {
    /// The corpus.
    pub corpus: Corpus,
    /// The search index, built or read from the cache.
    pub index: SearchIndex,
    /// What the cache did.
    pub status: CacheStatus,
}

/// The fingerprint of a scanned directory: changes when any file is added,
/// removed, resized or touched, or when the program changes.
pub fn fingerprint(scan: &Scan) -> u64 {
    let mut h = Xxh3::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    let files = scan
        .files
        .iter()
        .map(|f| ("a", f))
        .chain(scan.lexicon.iter().map(|f| ("l", f)))
        .chain(scan.timeline.iter().map(|f| ("t", f)));
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
    cache_dir.join("corpora").join(format!("{key:016x}.bin"))
}

fn read(path: &Path, fp: u64) -> Result<Payload, String> {
    let bytes = std::fs::read(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            "absent".to_string()
        } else {
            e.to_string()
        }
    })?;
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err("corrupt: bad header".into());
    }
    let word =
        |i: usize| u64::from_le_bytes(bytes[8 + i * 8..16 + i * 8].try_into().unwrap_or([0; 8]));
    let version = word(0);
    if version != xxh3_64(env!("CARGO_PKG_VERSION").as_bytes()) {
        return Err("written by another version".into());
    }
    if word(1) != fp {
        return Err("stale: the files changed".into());
    }
    let len = word(2) as usize;
    let payload = &bytes[HEADER..];
    if payload.len() != len {
        return Err("corrupt: truncated".into());
    }
    if xxh3_64(payload) != word(3) {
        return Err("corrupt: checksum mismatch".into());
    }
    postcard::from_bytes(payload).map_err(|e| format!("corrupt: {e}"))
}

fn write(path: &Path, fp: u64, payload: &Payload) -> Result<(), String> {
    let body = postcard::to_stdvec(payload).map_err(|e| e.to_string())?;
    let mut out = Vec::with_capacity(HEADER + body.len());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&xxh3_64(env!("CARGO_PKG_VERSION").as_bytes()).to_le_bytes());
    out.extend_from_slice(&fp.to_le_bytes());
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(&xxh3_64(&body).to_le_bytes());
    out.extend_from_slice(&body);
    crate::store::write_atomic(path, &out).map_err(|e| e.to_string())
}

/// Loads corpus directory `dir`, from the cache under `cache_dir` when it is
/// fresh, else by parsing it (and then writing the cache). With no
/// `cache_dir`, always parses.
pub fn load(
    dir: &Path,
    cache_dir: Option<&Path>,
    progress: Option<&Progress>,
) -> Result<Loaded, LoadError> {
    let scan = scan_dir(dir)?;
    let fp = fingerprint(&scan);
    let walk_warnings = scan.warnings.clone();
    let lexicon_path = scan.lexicon.as_ref().map(|f| f.path.clone());
    let Some(cache_dir) = cache_dir else {
        let corpus = Corpus::load_scanned(dir, scan, progress)?;
        let index = SearchIndex::new(&corpus);
        return Ok(Loaded {
            corpus,
            index,
            status: CacheStatus::Off,
        });
    };
    let path = cache_file(cache_dir, dir);
    let reason = match read(&path, fp) {
        Ok(p) => {
            let mut lexicon = crate::corpus::Lexicon::builtin();
            if let Some(src) = &p.lexicon {
                // It parsed when the cache was written; should it fail now,
                // the built-in lexicon alone is the safe fallback.
                let _ = lexicon.extend(src);
            }
            let mut warnings = walk_warnings.clone();
            warnings.extend(p.warnings);
            let corpus = Corpus {
                articles: p.articles,
                claims: p.claims,
                lexicon,
                events: p.events,
                warnings,
                origin: Origin::Dir(dir.to_path_buf()),
            };
            let index = SearchIndex::from_data(p.index);
            if index.len() == corpus.claims.len() {
                return Ok(Loaded {
                    corpus,
                    index,
                    status: CacheStatus::Hit(path),
                });
            }
            "corrupt: index and claims differ".to_string()
        }
        Err(r) => r,
    };
    let corpus = Corpus::load_scanned(dir, scan, progress)?;
    let index = SearchIndex::new(&corpus);
    let payload = Payload {
        articles: corpus.articles.clone(),
        claims: corpus.claims.clone(),
        events: corpus.events.clone(),
        // Walk warnings are computed afresh at every load.
        warnings: corpus
            .warnings
            .iter()
            .filter(|w| !walk_warnings.contains(w))
            .cloned()
            .collect(),
        lexicon: lexicon_path.and_then(|p| std::fs::read_to_string(p).ok()),
        index: index.to_data(),
    };
    let status = match write(&path, fp, &payload) {
        Ok(()) => CacheStatus::Rebuilt { path, reason },
        Err(e) => CacheStatus::WriteFailed(e),
    };
    Ok(Loaded {
        corpus,
        index,
        status,
    })
}

/// Removes the cache file of `dir` (used by tests and `--no-cache` users who
/// want a clean slate).
pub fn clear(cache_dir: &Path, dir: &Path) -> std::io::Result<()> {
    match std::fs::remove_file(cache_file(cache_dir, dir)) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
        _ => Ok(()),
    }
}
