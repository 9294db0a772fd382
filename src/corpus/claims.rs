//! The claims of a corpus, wherever they live: parsed into memory, or in a
//! store (the memory-mapped cache) that decodes only the claims asked for,
//! so that a screen of a million-claim corpus reads the rows it shows.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use super::Claim;

/// Bytes a store reads from: a mapped file, or a buffer.
pub type SharedBytes = Arc<dyn AsRef<[u8]> + Send + Sync>;

/// Claims read one at a time from somewhere else than memory.
pub trait ClaimSource: Send + Sync {
    /// How many there are.
    fn len(&self) -> usize;
    /// True when there is none.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Claim `i`, decoded with its text; none when its record cannot be
    /// read (the store changed under the reader).
    fn claim(&self, i: usize) -> Option<Claim>;
    /// The text of claim `i`, without building the rest.
    fn text(&self, i: usize) -> Option<String>;
    /// The blocs of claim `i` as bits, bit `b` for the lexicon's bloc `b`
    /// (the first 63), without decoding the rest.
    fn bloc_bits(&self, i: usize) -> u64;
}

/// Claims read together by [`Claims::fetch`].
pub enum Fetched<'a> {
    /// All of them, parsed.
    Parsed(&'a [Claim]),
    /// The ones asked for, read from the store.
    Stored(std::collections::HashMap<usize, Claim>),
}

impl Fetched<'_> {
    /// Claim `i`, if it was asked for (and could be read).
    pub fn get(&self, i: usize) -> Option<&Claim> {
        match self {
            Fetched::Parsed(v) => v.get(i),
            Fetched::Stored(m) => m.get(&i),
        }
    }
}

/// All the claims of a corpus, article by article, in reading order.
#[derive(Clone)]
pub enum Claims {
    /// Parsed, in memory.
    Parsed(Vec<Claim>),
    /// In a store, decoded on demand.
    Stored(Arc<dyn ClaimSource>),
}

impl Default for Claims {
    fn default() -> Self {
        Claims::Parsed(Vec::new())
    }
}

impl fmt::Debug for Claims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Claims::Parsed(v) => f.debug_tuple("Parsed").field(v).finish(),
            Claims::Stored(s) => write!(f, "Stored({} claims)", s.len()),
        }
    }
}

impl From<Vec<Claim>> for Claims {
    fn from(v: Vec<Claim>) -> Self {
        Claims::Parsed(v)
    }
}

impl Claims {
    /// How many there are.
    pub fn len(&self) -> usize {
        match self {
            Claims::Parsed(v) => v.len(),
            Claims::Stored(s) => s.len(),
        }
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Claim `i`: borrowed when parsed, decoded when stored.
    pub fn get(&self, i: usize) -> Option<Cow<'_, Claim>> {
        match self {
            Claims::Parsed(v) => v.get(i).map(Cow::Borrowed),
            Claims::Stored(s) => s.claim(i).map(Cow::Owned),
        }
    }

    /// The text of claim `i` ("" when there is no such claim).
    pub fn text(&self, i: usize) -> Cow<'_, str> {
        match self {
            Claims::Parsed(v) => {
                Cow::Borrowed(v.get(i).map(|c| c.text.as_str()).unwrap_or_default())
            }
            Claims::Stored(s) => Cow::Owned(s.text(i).unwrap_or_default()),
        }
    }

    /// The claims of `range`, in order (a stored claim that cannot be read
    /// is left out).
    pub fn range(&self, range: Range<usize>) -> impl Iterator<Item = Cow<'_, Claim>> + '_ {
        range.filter_map(|i| self.get(i))
    }

    /// The claims of `range` as a slice: borrowed when parsed, decoded when
    /// stored (a claim that cannot be read is left out).
    pub fn slice(&self, range: Range<usize>) -> Cow<'_, [Claim]> {
        match self {
            Claims::Parsed(v) => Cow::Borrowed(v.get(range).unwrap_or_default()),
            Claims::Stored(s) => Cow::Owned(range.filter_map(|i| s.claim(i)).collect()),
        }
    }

    /// Claims `idx`, read in one pass: borrowed when parsed; when stored,
    /// read in the order of the store (each article's block read once),
    /// however scattered `idx` is.
    pub fn fetch(&self, idx: impl IntoIterator<Item = usize>) -> Fetched<'_> {
        match self {
            Claims::Parsed(v) => Fetched::Parsed(v),
            Claims::Stored(s) => {
                let mut idx: Vec<usize> = idx.into_iter().collect();
                idx.sort_unstable();
                idx.dedup();
                Fetched::Stored(
                    idx.into_iter()
                        .filter_map(|i| Some((i, s.claim(i)?)))
                        .collect(),
                )
            }
        }
    }

    /// The parsed claims, when they are in memory.
    pub fn parsed(&self) -> Option<&[Claim]> {
        match self {
            Claims::Parsed(v) => Some(v),
            Claims::Stored(_) => None,
        }
    }

    /// The indices of the claims in the bloc of lexicon index `b` whose code
    /// is `code`, in order: from the stored bits, or the parsed codes.
    pub fn in_bloc(&self, b: Option<usize>, code: &str) -> Vec<usize> {
        match self {
            Claims::Parsed(v) => v
                .iter()
                .enumerate()
                .filter(|(_, c)| c.blocs.iter().any(|x| x == code))
                .map(|(i, _)| i)
                .collect(),
            Claims::Stored(s) => match b.filter(|&b| b < 63) {
                Some(b) => (0..s.len())
                    .filter(|&i| s.bloc_bits(i) & (1 << b) != 0)
                    .collect(),
                // A bloc past the 63rd has no bit: decode.
                None => (0..s.len())
                    .filter(|&i| {
                        s.claim(i)
                            .is_some_and(|c| c.blocs.iter().any(|x| x == code))
                    })
                    .collect(),
            },
        }
    }
}
