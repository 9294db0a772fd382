//! Text that is either owned, a slice of shared bytes, or made on first
//! read (an article body in a compressed cache), so that opening a large
//! corpus copies and decompresses no text it does not show.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Bytes shared by many texts: a mapped file, or a buffer.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// A string, owned or borrowed from shared bytes. Reads as `str`; a slice
/// that is not UTF-8 (a file changed under a map) reads as empty, never as
/// garbage.
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    Slice(SharedBytes, Range<usize>),
    Lazy(Arc<Lazy>),
}

/// A text made on first read, then kept.
struct Lazy {
    make: Box<dyn Fn() -> String + Send + Sync>,
    made: std::sync::OnceLock<String>,
}

impl SharedStr {
    /// `range` of `bytes`.
    pub fn slice(bytes: SharedBytes, range: Range<usize>) -> Self {
        SharedStr(Repr::Slice(bytes, range))
    }

    /// A text made by `make` when first read, then kept.
    pub fn lazy(make: impl Fn() -> String + Send + Sync + 'static) -> Self {
        SharedStr(Repr::Lazy(Arc::new(Lazy {
            make: Box::new(make),
            made: std::sync::OnceLock::new(),
        })))
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Owned(s) => s,
            Repr::Lazy(l) => l.made.get_or_init(|| (l.make)()),
            // Checked at every read (a body is a few KB): the bytes are a
            // mapped file that no checksum was run over at open.
            Repr::Slice(b, r) => (*b)
                .as_ref()
                .as_ref()
                .get(r.clone())
                .and_then(|s| std::str::from_utf8(s).ok())
                .unwrap_or_default(),
        }
    }
}

impl Default for SharedStr {
    fn default() -> Self {
        SharedStr(Repr::Owned(String::new()))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> Self {
        SharedStr(Repr::Owned(s))
    }
}

impl From<&str> for SharedStr {
    fn from(s: &str) -> Self {
        SharedStr(Repr::Owned(s.to_string()))
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for SharedStr {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slice_reads_its_range_and_bad_bytes_read_empty() {
        let bytes: SharedBytes = Arc::new(b"abc\xffdef".to_vec());
        assert_eq!(&*SharedStr::slice(bytes.clone(), 4..7), "def");
        assert_eq!(&*SharedStr::slice(bytes.clone(), 2..5), "");
        assert_eq!(&*SharedStr::slice(bytes, 5..99), "");
        assert_eq!(SharedStr::from("x"), SharedStr::from("x".to_string()));
        let made = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let count = made.clone();
        let lazy = SharedStr::lazy(move || {
            count.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            "body".to_string()
        });
        assert_eq!(made.load(std::sync::atomic::Ordering::Relaxed), 0);
        assert_eq!((&*lazy, &*lazy.clone()), ("body", "body"));
        assert_eq!(made.load(std::sync::atomic::Ordering::Relaxed), 1);
    }
}
