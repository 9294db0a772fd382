//! What persists between runs: bookmarks, notes and the session, per corpus,
//! as readable JSON under the data directory, written atomically.
//!
//! A bookmark is keyed by claim id plus a hash of the claim's text: when a
//! corpus edit shifts ids, the claim is found again by its text; when it is
//! gone, the bookmark is kept, marked orphaned, never dropped.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use crate::corpus::{Corpus, Origin};
use crate::fsutil::{project_dirs, sweep_temp_files, write_atomic};
use crate::text::escape_path;

/// What opening the state had to say: it was set aside or cannot be saved
/// (the explorer words it in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Notice {
    /// The file is there but cannot be read.
    #[error("cannot read {path}: {error}; bookmarks will not be saved")]
    Unreadable {
        /// The state file.
        path: String,
        /// What the system said.
        error: String,
    },
    /// The file was unusable and moved aside.
    #[error("{path} {why}; moved to {backup} and starting with no bookmarks")]
    SetAside {
        /// The state file.
        path: String,
        /// Why it was unusable.
        why: Unusable,
        /// Where it went.
        backup: String,
    },
    /// The file was unusable and could not be moved aside.
    #[error("{path} {why} and could not be moved aside ({error}); bookmarks will not be saved")]
    Stuck {
        /// The state file.
        path: String,
        /// Why it was unusable.
        why: Unusable,
        /// What the system said.
        error: String,
    },
    /// No home directory: nowhere to save.
    #[error("no home directory: bookmarks will not be saved")]
    NoHome,
}

/// Why a state file cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Unusable {
    /// Written by a version this program does not know.
    #[error("has version {0}, which this triptyque (version {VERSION}) does not know")]
    Version(u32),
    /// Not a state (the parser's words).
    #[error("was corrupt ({0})")]
    Corrupt(String),
}

/// Why the state could not be saved.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Writing the file failed; the old one is untouched.
    #[error("could not save {}: {source}", path.display())]
    Write {
        /// The state file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The state could not be encoded.
    #[error("could not encode the state: {0}")]
    Encode(#[from] serde_json::Error),
}

/// Seconds since the epoch.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// `20250127-093000` (UTC) for a time in seconds since the epoch.
pub fn timestamp(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}{m:02}{d:02}-{:02}{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The hash of a claim's text that bookmarks are keyed by.
pub fn text_hash(text: &str) -> String {
    format!("{:016x}", xxh3_64(text.as_bytes()))
}

/// A bookmarked claim, with its note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// The claim id when it was last seen.
    pub claim: String,
    /// Hash of the claim's text ([`text_hash`]).
    pub hash: String,
    /// The claim's text, kept so an orphaned bookmark still says what it was.
    pub text: String,
    /// The article id.
    pub article: String,
    /// The note, if any.
    #[serde(default)]
    pub note: Option<String>,
    /// When it was bookmarked (seconds since the epoch).
    pub created: u64,
    /// When it was last changed.
    pub updated: u64,
}

/// Where the user was, restored at the next start.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// `blocs`, `timeline`, `figures`, `search` or `bookmarks`.
    pub view: String,
    /// The focused pane.
    pub focus: usize,
    /// The selected claim of each pane, by id.
    pub selected: Vec<Option<String>>,
    /// The search query.
    pub query: String,
    /// Earlier queries, oldest first (the prompt's Up).
    #[serde(default)]
    pub history: Vec<String>,
    /// The selected timeline event, by id.
    pub event: Option<String>,
    /// The selected figure, by position.
    pub figure: usize,
    /// The selected bookmark, by position.
    pub bookmark: usize,
}

/// Everything saved for one corpus.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Format version.
    #[serde(default = "one")]
    pub version: u32,
    /// Bookmarks, in the order they were made.
    #[serde(default)]
    pub bookmarks: Vec<Bookmark>,
    /// The last session.
    #[serde(default)]
    pub session: Option<Session>,
}

fn one() -> u32 {
    1
}

impl Default for State {
    fn default() -> Self {
        State {
            version: 1,
            bookmarks: Vec::new(),
            session: None,
        }
    }
}

/// Parses a state file's bytes.
pub fn parse_state(bytes: &[u8]) -> Result<State, serde_json::Error> {
    serde_json::from_slice::<State>(bytes)
}

/// Where a bookmark's claim is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// At its id, same text.
    Here(usize),
    /// Found again by its text at another id.
    Moved(usize),
    /// The text is nowhere in the corpus.
    Orphaned,
}

/// The key of a corpus's state: `builtin`, or the directory's name and a hash
/// of its canonical path.
pub fn corpus_key(corpus: &Corpus) -> String {
    match &corpus.origin {
        Origin::Builtin => "builtin".into(),
        Origin::Memory => "memory".into(),
        Origin::Dir(d) => {
            let canon = d.canonicalize().unwrap_or_else(|_| d.clone());
            let name: String = canon
                .file_name()
                .map(|n| {
                    n.to_string_lossy()
                        .chars()
                        .filter(|c| c.is_alphanumeric() || *c == '-')
                        .take(32)
                        .collect()
                })
                .unwrap_or_default();
            format!(
                "{name}-{:016x}",
                xxh3_64(canon.as_os_str().as_encoded_bytes())
            )
        }
    }
}

/// The state file of a corpus under `data_dir`.
pub fn state_file(data_dir: &Path, corpus: &Corpus) -> PathBuf {
    data_dir
        .join("corpora")
        .join(corpus_key(corpus))
        .join("state.json")
}

/// The format version this program writes and reads.
pub const VERSION: u32 = 1;

/// A change this session made to the bookmarks, replayed on the file as it
/// is when saving: two explorers (or an explorer and the CLI) never drop
/// each other's bookmarks or notes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Change {
    /// A new bookmark.
    Add(Bookmark),
    /// The bookmark of (claim id, text hash) removed.
    Remove(String, String),
    /// The note of (claim id, text hash) set (or cleared).
    Note(String, String, Option<String>, u64),
}

/// The persisted state of one corpus.
#[derive(Debug)]
pub struct Store {
    /// Where it is saved (`None`: nowhere, there is no home directory).
    pub path: Option<PathBuf>,
    /// The state.
    pub state: State,
    /// This session's changes not yet saved.
    journal: Vec<Change>,
}

impl Store {
    /// A store that keeps nothing (no data directory, or tests).
    pub fn in_memory() -> Self {
        Store::with(None, State::default())
    }

    fn with(path: Option<PathBuf>, state: State) -> Self {
        Store {
            path,
            state,
            journal: Vec::new(),
        }
    }

    /// Opens the state saved at `path`. A file that does not parse, or of a
    /// version this program does not know, is moved aside to
    /// `state.json.corrupt-<time>` (never deleted, never written over) and the
    /// store starts empty; the message says so.
    pub fn open(path: PathBuf) -> (Self, Option<Notice>) {
        sweep_temp_files(&path);
        match read_state(&path) {
            Read::Absent => (Store::with(Some(path), State::default()), None),
            Read::Unreadable(e) => {
                // Unreadable: do not write over it either.
                let msg = Notice::Unreadable {
                    path: escape_path(&path),
                    error: e.to_string(),
                };
                (Store::with(None, State::default()), Some(msg))
            }
            Read::Ok(state) => (Store::with(Some(path), state), None),
            Read::Bad(why) => match set_aside(&path) {
                Ok(backup) => {
                    let msg = Notice::SetAside {
                        path: escape_path(&path),
                        why,
                        backup: escape_path(&backup),
                    };
                    (Store::with(Some(path), State::default()), Some(msg))
                }
                Err(re) => {
                    let msg = Notice::Stuck {
                        path: escape_path(&path),
                        why,
                        error: re.to_string(),
                    };
                    (Store::with(None, State::default()), Some(msg))
                }
            },
        }
    }

    /// Opens the store of `corpus` under the data directory.
    pub fn for_corpus(corpus: &Corpus) -> (Self, Option<Notice>) {
        match project_dirs() {
            Some(d) => Self::open(state_file(d.data_dir(), corpus)),
            None => (Self::in_memory(), Some(Notice::NoHome)),
        }
    }

    /// Saves the state: under an advisory lock (`state.json.lock`), the file
    /// is read again and this session's changes are replayed on it, then it
    /// is written atomically. What another explorer saved meanwhile is kept
    /// and shows here from now on. Errors are returned for the status line.
    pub fn save(&mut self) -> Result<(), StoreError> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        let err = |source| StoreError::Write {
            path: path.clone(),
            source,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(err)?;
        }
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_file(&path))
            .map_err(err)?;
        lock.lock().map_err(err)?;
        let mut merged = match read_state(&path) {
            Read::Ok(disk) => disk,
            // Gone, or broken by someone else since we opened it: ours stands
            // (a broken file is moved aside first, never written over).
            Read::Absent | Read::Unreadable(_) => self.state.clone(),
            Read::Bad(_) => {
                let _ = set_aside(&path);
                self.state.clone()
            }
        };
        for c in &self.journal {
            apply(&mut merged.bookmarks, c);
        }
        merged.session = self.state.session.clone().or(merged.session);
        merged.version = VERSION;
        let json = crate::json::to_vec(&merged)?;
        let written = write_atomic(&path, &json).map_err(err);
        let _ = lock.unlock();
        written?;
        self.state = merged;
        self.journal.clear();
        Ok(())
    }

    /// Removes bookmark `i` (by position).
    pub fn remove(&mut self, i: usize) {
        if i < self.state.bookmarks.len() {
            let b = self.state.bookmarks.remove(i);
            self.journal.push(Change::Remove(b.claim, b.hash));
        }
    }

    /// Sets the note of bookmark `i` (an empty note removes it).
    pub fn set_note(&mut self, i: usize, note: &str) {
        let Some(b) = self.state.bookmarks.get_mut(i) else {
            return;
        };
        let note = note.trim();
        b.note = (!note.is_empty()).then(|| note.to_string());
        b.updated = now();
        self.journal.push(Change::Note(
            b.claim.clone(),
            b.hash.clone(),
            b.note.clone(),
            b.updated,
        ));
    }

    /// Finds each bookmark's claim in `corpus`, following moved claims by
    /// their text (and updating their ids).
    pub fn resolve(&mut self, corpus: &Corpus) -> Vec<Place> {
        let mut by_hash: Option<HashMap<String, Vec<usize>>> = None;
        let mut out = Vec::with_capacity(self.state.bookmarks.len());
        for b in &mut self.state.bookmarks {
            if let Some(i) = corpus.claim_index(&b.claim)
                && text_hash(&corpus.claims.text(i)) == b.hash
            {
                out.push(Place::Here(i));
                continue;
            }
            let map = by_hash.get_or_insert_with(|| {
                let mut m: HashMap<String, Vec<usize>> = HashMap::new();
                for i in 0..corpus.claims.len() {
                    m.entry(text_hash(&corpus.claims.text(i)))
                        .or_default()
                        .push(i);
                }
                m
            });
            // Same text in several places: prefer the same article.
            let found = map.get(&b.hash).and_then(|v| {
                v.iter()
                    .copied()
                    .find(|&i| {
                        corpus
                            .claims
                            .get(i)
                            .is_some_and(|c| *c.article == *b.article)
                    })
                    .or_else(|| v.first().copied())
            });
            match found.and_then(|i| corpus.claims.get(i).map(|c| (i, c))) {
                Some((i, c)) => {
                    b.claim = c.id.clone();
                    b.article = c.article.to_string();
                    out.push(Place::Moved(i));
                }
                None => out.push(Place::Orphaned),
            }
        }
        out
    }

    /// The bookmark of claim `c`, if any.
    pub fn find(&self, corpus: &Corpus, c: usize) -> Option<usize> {
        let claim = corpus.claims.get(c)?;
        let h = text_hash(&claim.text);
        self.state
            .bookmarks
            .iter()
            .position(|b| b.claim == claim.id && b.hash == h)
    }

    /// Bookmarks claim `c`, or removes its bookmark. Returns true when it is
    /// now bookmarked.
    pub fn toggle(&mut self, corpus: &Corpus, c: usize) -> bool {
        if let Some(i) = self.find(corpus, c) {
            self.remove(i);
            return false;
        }
        let Some(claim) = corpus.claims.get(c) else {
            return false;
        };
        let t = now();
        let b = Bookmark {
            claim: claim.id.clone(),
            hash: text_hash(&claim.text),
            text: claim.text.clone(),
            article: claim.article.to_string(),
            note: None,
            created: t,
            updated: t,
        };
        self.journal.push(Change::Add(b.clone()));
        self.state.bookmarks.push(b);
        true
    }

    /// Sets the note of claim `c` (bookmarking it if needed); an empty note
    /// removes the note but keeps the bookmark.
    pub fn annotate(&mut self, corpus: &Corpus, c: usize, note: &str) {
        let i = match self.find(corpus, c) {
            Some(i) => i,
            None => {
                self.toggle(corpus, c);
                self.state.bookmarks.len() - 1
            }
        };
        self.set_note(i, note);
    }
}

/// What reading a state file gave.
enum Read {
    Absent,
    Unreadable(io::Error),
    Ok(State),
    /// Why it cannot be used.
    Bad(Unusable),
}

fn read_state(path: &Path) -> Read {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Read::Absent,
        Err(e) => return Read::Unreadable(e),
    };
    // The version first: a later format may have other fields, and is
    // then not corrupt but unknown. Its fields may mean something else:
    // not read, not written over.
    #[derive(serde::Deserialize)]
    struct Versioned {
        version: u32,
    }
    if let Ok(v) = serde_json::from_slice::<Versioned>(&bytes)
        && v.version != VERSION
    {
        return Read::Bad(Unusable::Version(v.version));
    }
    match parse_state(&bytes) {
        Ok(s) if s.version == VERSION => Read::Ok(s),
        Ok(s) => Read::Bad(Unusable::Version(s.version)),
        Err(e) => Read::Bad(Unusable::Corrupt(e.to_string())),
    }
}

/// Moves a state file aside to `<name>.corrupt-<time>`; returns where.
fn set_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let backup = path.with_file_name(format!("{name}.corrupt-{}", timestamp(now())));
    std::fs::rename(path, &backup)?;
    Ok(backup)
}

/// The lock file next to a state file: the state file itself is replaced by
/// each save, so the lock is taken on a file that stays.
fn lock_file(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!("{name}.lock"))
}

/// Replays one change on a list of bookmarks.
fn apply(list: &mut Vec<Bookmark>, c: &Change) {
    // By id and text; else by text (the id moved since it was saved).
    let at = |list: &[Bookmark], claim: &str, hash: &str| {
        list.iter()
            .position(|b| b.claim == claim && b.hash == hash)
            .or_else(|| list.iter().position(|b| b.hash == hash))
    };
    match c {
        Change::Add(b) => {
            if at(list, &b.claim, &b.hash).is_none() {
                list.push(b.clone());
            }
        }
        Change::Remove(claim, hash) => {
            if let Some(i) = at(list, claim, hash) {
                list.remove(i);
            }
        }
        Change::Note(claim, hash, note, updated) => {
            if let Some(i) = at(list, claim, hash) {
                list[i].note = note.clone();
                list[i].updated = *updated;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps() {
        assert_eq!(timestamp(0), "19700101-000000");
        assert_eq!(timestamp(1_737_970_200), "20250127-093000");
        assert_eq!(timestamp(951_782_400), "20000229-000000");
    }

    #[test]
    fn corrupt_state_is_moved_aside_not_lost() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("state.json");
        std::fs::write(&p, b"{ not json").unwrap();
        let (mut store, msg) = Store::open(p.clone());
        assert!(msg.unwrap().to_string().contains("was corrupt"));
        assert!(store.state.bookmarks.is_empty());
        assert!(!p.exists());
        let backups: Vec<_> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(backups.len(), 1);
        assert!(backups[0].starts_with("state.json.corrupt-"));
        assert_eq!(
            std::fs::read(d.path().join(&backups[0])).unwrap(),
            b"{ not json"
        );
        store.save().unwrap();
        assert!(p.exists());
    }

    #[test]
    fn bookmarks_follow_moved_claims_and_keep_orphans() {
        let d = tempfile::tempdir().unwrap();
        let dir = d.path().join("c");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("a.md"),
            "Une phrase sur la Chine. Une autre sur l’Europe. Une dernière.\n",
        )
        .unwrap();
        let c1 = Corpus::load_dir(&dir).unwrap();
        let mut store = Store::with(Some(d.path().join("state.json")), State::default());
        let europe = c1.claim_index("a#2").unwrap();
        store.annotate(&c1, europe, "à relire");
        store.toggle(&c1, c1.claim_index("a#3").unwrap());
        store.save().unwrap();
        // An edit inserts a sentence before and deletes the last one.
        std::fs::write(
            dir.join("a.md"),
            "Un début. Une phrase sur la Chine. Une autre sur l’Europe.\n",
        )
        .unwrap();
        let c2 = Corpus::load_dir(&dir).unwrap();
        let (mut store, msg) = Store::open(d.path().join("state.json"));
        assert!(msg.is_none());
        let places = store.resolve(&c2);
        assert_eq!(places[0], Place::Moved(c2.claim_index("a#3").unwrap()));
        assert_eq!(store.state.bookmarks[0].claim, "a#3");
        assert_eq!(store.state.bookmarks[0].note.as_deref(), Some("à relire"));
        assert_eq!(
            places[1],
            Place::Orphaned,
            "the deleted claim is kept, orphaned"
        );
        assert_eq!(store.state.bookmarks.len(), 2);
        assert_eq!(store.state.bookmarks[1].text, "Une dernière.");
    }

    #[test]
    fn two_sessions_saving_keep_each_others_bookmarks_and_notes() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("state.json");
        let c = Corpus::builtin();
        let (mut a, _) = Store::open(p.clone());
        let (mut b, _) = Store::open(p.clone());
        a.toggle(&c, 3);
        a.save().unwrap();
        b.toggle(&c, 7);
        b.annotate(&c, 9, "de B");
        b.save().unwrap();
        let (disk, _) = Store::open(p.clone());
        let ids: Vec<&str> = disk
            .state
            .bookmarks
            .iter()
            .map(|x| x.claim.as_str())
            .collect();
        assert_eq!(ids.len(), 3, "{ids:?}");
        assert_eq!(
            b.state.bookmarks.len(),
            3,
            "B sees A's bookmark after its save"
        );
        // A writes a note on B's bookmark and removes its own; B removes 7.
        let i9 = a.state.bookmarks.len();
        a.save().unwrap();
        assert_eq!(a.state.bookmarks.len(), i9 + 2, "A now sees B's two");
        let nine = a.find(&c, 9).unwrap();
        a.set_note(nine, "de A");
        let three = a.find(&c, 3).unwrap();
        a.remove(three);
        let seven = b.find(&c, 7).unwrap();
        b.remove(seven);
        b.save().unwrap();
        a.save().unwrap();
        let (disk, _) = Store::open(p.clone());
        assert_eq!(disk.state.bookmarks.len(), 1, "{:?}", disk.state.bookmarks);
        assert_eq!(disk.state.bookmarks[0].note.as_deref(), Some("de A"));
        // The lock file stays; no temporary file is left.
        let names: Vec<String> = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names
                .iter()
                .all(|n| n == "state.json" || n == "state.json.lock"),
            "{names:?}"
        );
    }

    #[test]
    fn a_state_of_an_unknown_version_is_set_aside() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("state.json");
        std::fs::write(&p, br#"{"version": 99, "bookmarks": []}"#).unwrap();
        let (store, msg) = Store::open(p.clone());
        let msg = msg.unwrap().to_string();
        assert!(msg.contains("version 99"), "{msg}");
        assert!(store.path.is_some() && store.state.bookmarks.is_empty());
        assert!(!p.exists(), "not read, not written over");
        let aside = std::fs::read_dir(d.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .find(|n| n.starts_with("state.json.corrupt-"))
            .unwrap();
        assert!(
            std::fs::read_to_string(d.path().join(aside))
                .unwrap()
                .contains("99")
        );
    }

    #[test]
    fn toggle_and_annotate() {
        let c = Corpus::builtin();
        let mut s = Store::in_memory();
        assert!(s.toggle(&c, 3));
        assert!(s.find(&c, 3).is_some());
        s.annotate(&c, 3, "  une note ");
        assert_eq!(s.state.bookmarks[0].note.as_deref(), Some("une note"));
        s.annotate(&c, 3, "");
        assert_eq!(s.state.bookmarks[0].note, None);
        assert!(!s.toggle(&c, 3));
        assert!(s.state.bookmarks.is_empty());
        s.annotate(&c, 5, "bookmarks it too");
        assert_eq!(s.state.bookmarks.len(), 1);
    }
}
