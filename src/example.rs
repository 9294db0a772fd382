//! `triptyque init DIR`: a small, commented example corpus that shows every
//! supported key and format (three text articles, one in English, a saved
//! web page, a feed, a note with a YAML front matter, a lexicon, a
//! timeline).

use std::path::{Path, PathBuf};

/// The example files: path under DIR, contents.
pub const FILES: &[(&str, &str)] = &[
    (
        "presse/2025-03-01-puces-et-souverainete.md",
        include_str!("../assets/example/presse/2025-03-01-puces-et-souverainete.md"),
    ),
    (
        "presse/2025-01-22-stargate-and-the-chip-race.md",
        include_str!("../assets/example/presse/2025-01-22-stargate-and-the-chip-race.md"),
    ),
    (
        "presse/sans-front-matter.txt",
        include_str!("../assets/example/presse/sans-front-matter.txt"),
    ),
    (
        "pages/2025-02-11-sommet-paris-page.html",
        include_str!("../assets/example/pages/2025-02-11-sommet-paris-page.html"),
    ),
    (
        "flux/veille-exemple.rss",
        include_str!("../assets/example/flux/veille-exemple.rss"),
    ),
    (
        "notes/note-obsidian.md",
        include_str!("../assets/example/notes/note-obsidian.md"),
    ),
    (
        "lexicon.toml",
        include_str!("../assets/example/lexicon.toml"),
    ),
    (
        "timeline.toml",
        include_str!("../assets/example/timeline.toml"),
    ),
];

/// Why `init` did nothing.
#[derive(Debug, thiserror::Error)]
pub enum InitError {
    /// A file is already there; nothing was written.
    #[error("{0} already exists; nothing was written (init never overwrites)")]
    Exists(PathBuf),
    /// Writing failed.
    #[error("cannot write {0}: {1}")]
    Io(PathBuf, std::io::Error),
}

/// Writes the example corpus into `dir`, refusing if any file exists.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>, InitError> {
    let paths: Vec<PathBuf> = FILES.iter().map(|(p, _)| dir.join(p)).collect();
    if let Some(p) = paths.iter().find(|p| p.exists()) {
        return Err(InitError::Exists(p.clone()));
    }
    for (path, (_, text)) in paths.iter().zip(FILES) {
        crate::fsutil::write_atomic(path, text.as_bytes())
            .map_err(|e| InitError::Io(path.clone(), e))?;
    }
    Ok(paths)
}
