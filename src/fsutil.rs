//! File-system helpers every writer shares: the program's directories and the
//! atomic write (a temporary file, flushed, then renamed into place), so that
//! a file the program saves is always either its old content or the new one.

use std::fs::File;
use std::io::{self, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

/// The program's directories (config, data, cache), from the environment
/// (`XDG_*`, `HOME`). `None` when there is no home directory.
pub fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "triptyque")
}

static TMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The prefix of the temporary files [`write_atomic`] makes next to `name`.
fn tmp_prefix(name: &str) -> String {
    format!(".{name}.tmp-")
}

/// Writes `bytes` to `path` so that `path` is always either its old content
/// or the new one: a temporary file in the same directory, flushed to disk,
/// then renamed over `path` (and the directory synced).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |w| w.write_all(bytes))
}

/// Like [`write_atomic`], streaming: `fill` writes the content to a buffered
/// temporary file, which is then flushed to disk and renamed over `path`.
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let n = TMP_COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!("{}{}-{n}", tmp_prefix(&name), std::process::id()));
    let result = (|| {
        let mut w = io::BufWriter::with_capacity(1 << 20, File::create(&tmp)?);
        fill(&mut w)?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        drop(f);
        std::fs::rename(&tmp, path)?;
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Why an export target was refused.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The path is a symbolic link, a FIFO, a device or a socket: what is
    /// there would be replaced, or written through.
    #[error("{0} is {1}; export writes only to a regular file or a new path (use -o - for stdout)")]
    NotRegular(String, &'static str),
    /// The folder to write in does not exist: a typo more often than a wish.
    #[error("no folder {0}: export does not create folders")]
    NoFolder(String),
    /// A file is there, and replacing it was not asked for.
    #[error("{0} exists; nothing was written (overwrite with --force)")]
    Exists(String),
    /// Writing failed.
    #[error("cannot write {0}: {1}")]
    Io(String, io::Error),
}

/// What is at `path`, when it is not a regular file: "a symbolic link", "a
/// FIFO", "a device", "a socket", "a directory". `None` for a regular file or
/// nothing at all.
pub fn special_kind(path: &Path) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let m = std::fs::symlink_metadata(path).ok()?;
    let t = m.file_type();
    Some(if t.is_symlink() {
        "a symbolic link"
    } else if t.is_fifo() {
        "a FIFO"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_dir() {
        "a directory"
    } else {
        return None;
    })
}

/// Writes an export to `path` atomically, only when `path` is a regular file
/// or does not exist: never over (or through) a link, a FIFO or a device.
pub fn write_export(path: &Path, bytes: &[u8], overwrite: bool) -> Result<(), ExportError> {
    let name = crate::text::escape_path(path);
    if let Some(kind) = special_kind(path) {
        return Err(ExportError::NotRegular(name, kind));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty())
        && !dir.is_dir()
    {
        return Err(ExportError::NoFolder(crate::text::escape_path(dir)));
    }
    if !overwrite && path.exists() {
        return Err(ExportError::Exists(name));
    }
    write_atomic(path, bytes).map_err(|e| ExportError::Io(name, e))
}

/// Removes the temporary files that writes killed midway left next to
/// `path` (their process is gone); `path` itself is never touched.
pub fn sweep_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let prefix = tmp_prefix(&name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        let alive = pid
            .is_some_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_write_replaces_and_leaves_no_temp() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("sub/state.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
    }

    #[test]
    fn exports_refuse_links_fifos_and_devices() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("target.md");
        std::fs::write(&target, b"keep").unwrap();
        let link = d.path().join("link.md");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let e = write_export(&link, b"x", true).unwrap_err();
        assert!(e.to_string().contains("a symbolic link"), "{e}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        let e = write_export(Path::new("/dev/null"), b"x", true).unwrap_err();
        assert!(e.to_string().contains("a device"), "{e}");
        let fifo = d.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            assert!(
                write_export(&fifo, b"x", true)
                    .unwrap_err()
                    .to_string()
                    .contains("a FIFO")
            );
        }
        // A regular file, or a new path: written.
        // A file there is kept unless overwriting was asked for; a missing
        // folder is not created.
        let e = write_export(&target, b"new", false).unwrap_err();
        assert!(matches!(e, ExportError::Exists(_)), "{e}");
        assert_eq!(std::fs::read(&target).unwrap(), b"keep");
        write_export(&target, b"new", true).unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
        write_export(&d.path().join("fresh.md"), b"x", false).unwrap();
        let e = write_export(&d.path().join("missing/dir/f.md"), b"x", true).unwrap_err();
        assert!(e.to_string().contains("no folder"), "{e}");
        assert!(!d.path().join("missing").exists());
    }

    #[test]
    fn sweep_removes_only_dead_writers_temp_files() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("state.json");
        std::fs::write(&p, b"x").unwrap();
        let dead = d.path().join(".state.json.tmp-4000000000-1");
        let live = d
            .path()
            .join(format!(".state.json.tmp-{}-9", std::process::id()));
        std::fs::write(&dead, b"").unwrap();
        std::fs::write(&live, b"").unwrap();
        sweep_temp_files(&p);
        assert!(!dead.exists());
        assert!(live.exists());
        assert!(p.exists());
    }
}
