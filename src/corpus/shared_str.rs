//! Text that is either owned or made on first read (an article body in a
//! compressed cache), so that opening a large corpus decompresses no text
//! it does not show.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A string, owned or made on first read (then kept, and shared by the
/// clones). Reads as `str`.
#[derive(Clone)]
pub struct SharedStr(Repr);

#[derive(Clone)]
enum Repr {
    Owned(String),
    Lazy(Arc<Lazy>),
}

/// A text made on first read, then kept.
struct Lazy {
    make: Box<dyn Fn() -> String + Send + Sync>,
    made: std::sync::OnceLock<String>,
}

impl SharedStr {
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
    fn a_lazy_text_is_made_once_on_first_read() {
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
