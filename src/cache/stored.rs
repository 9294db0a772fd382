//! The claims and bodies of a cached corpus, one compressed block per
//! article: its body, then its claims' records. A claim is read by
//! decompressing its article's block (a few KB), kept in a small cache
//! while the reader stays in that article.
//!
//! A record holds a claim without what its place gives back: its text is a
//! range of the body (or, cut of its Markdown marks, the text itself), its
//! id, article and language are its article's.

use std::collections::VecDeque;
use std::ops::Range;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::corpus::{Article, Claim, ClaimSource};

/// zstd's level: the cold build compresses every block once; reading
/// decompresses as fast at any level.
const LEVEL: i32 = 3;

/// Blocks kept decompressed: an article on screen, and a few around it.
const KEPT: usize = 16;

/// A range of the body that means "the text is in the record".
const INLINE: (u32, u32) = (u32::MAX, u32::MAX);

/// One article's block, decompressed.
#[derive(Serialize, Deserialize)]
struct Block {
    body: String,
    records: Vec<Vec<u8>>,
}

/// A claim's record: where its text is, the text when it is not a slice of
/// the body, and the rest of the claim.
#[derive(Serialize, Deserialize)]
struct Record<'a> {
    range: (u32, u32),
    inline: &'a str,
    claim: Claim,
}

/// The compressed block of article `a` and its claims.
pub fn encode(a: &Article, claims: &[Claim]) -> Result<Vec<u8>, String> {
    let body: &str = &a.body;
    let byte_of: Vec<usize> = body
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(body.len()))
        .collect();
    let records = claims
        .iter()
        .map(|c| {
            let (range, inline) = match (byte_of.get(c.start), byte_of.get(c.end)) {
                (Some(&s), Some(&e)) if body.get(s..e) == Some(c.text.as_str()) => {
                    ((s as u32, e as u32), "")
                }
                _ => (INLINE, c.text.as_str()),
            };
            let claim = Claim {
                id: String::new(),
                article: Arc::from(""),
                lang: Arc::from(""),
                text: String::new(),
                ..c.clone()
            };
            postcard::to_stdvec(&Record {
                range,
                inline,
                claim,
            })
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    let block = postcard::to_stdvec(&Block {
        body: body.to_string(),
        records,
    })
    .map_err(|e| e.to_string())?;
    zstd::bulk::compress(&block, LEVEL).map_err(|e| e.to_string())
}

/// An article as its claims need it: which claims are its, its id and
/// language (they take them back), stored apart from the articles so that
/// reading a few claims does not decode every article.
pub struct Place {
    claims: Range<usize>,
    id: Arc<str>,
    lang: Arc<str>,
}

impl Place {
    /// Where its claims end.
    pub fn claims_end(&self) -> usize {
        self.claims.end
    }
}

/// The places of `articles`, encoded: (claims' end, id, language) each.
pub fn encode_places(articles: &[Article]) -> Result<Vec<u8>, postcard::Error> {
    let v: Vec<(u64, &str, &str)> = articles
        .iter()
        .map(|a| (a.claim_range.end as u64, a.id.as_str(), a.lang.as_str()))
        .collect();
    postcard::to_stdvec(&v)
}

/// The places encoded by [`encode_places`]; none when they do not decode
/// or do not follow each other.
pub fn decode_places(bytes: &[u8]) -> Option<Vec<Place>> {
    let v: Vec<(u64, &str, &str)> = postcard::from_bytes(bytes).ok()?;
    let mut start = 0usize;
    v.into_iter()
        .map(|(end, id, lang)| {
            let end = usize::try_from(end).ok().filter(|&e| e >= start)?;
            let p = Place {
                claims: start..end,
                id: Arc::from(id),
                lang: Arc::from(lang),
            };
            start = end;
            Some(p)
        })
        .collect()
}

/// The claims of a cached corpus, read from their blocks.
pub struct Stored {
    /// The blocks, back to back.
    bytes: crate::corpus::SharedBytes,
    /// Block `k` is `bytes[offsets[k]..offsets[k + 1]]`.
    offsets: Vec<Range<usize>>,
    places: Vec<Place>,
    /// The blocks' bloc bits, one word a claim (the index's).
    bits: Box<dyn Fn(usize) -> u64 + Send + Sync>,
    kept: Mutex<VecDeque<(usize, Arc<Block>)>>,
}

impl Stored {
    /// The store over `bytes`, whose block `k` is `blocks[k]`, for the
    /// articles of `places`; `bits` gives a claim's bloc bits.
    pub fn new(
        bytes: crate::corpus::SharedBytes,
        blocks: Vec<Range<usize>>,
        places: Vec<Place>,
        bits: Box<dyn Fn(usize) -> u64 + Send + Sync>,
    ) -> Self {
        Stored {
            bytes,
            offsets: blocks,
            places,
            bits,
            kept: Mutex::new(VecDeque::with_capacity(KEPT)),
        }
    }

    /// How many articles there are.
    pub fn articles(&self) -> usize {
        self.places.len()
    }

    /// Article `k`'s block, from the kept ones or decompressed.
    fn block(&self, k: usize) -> Option<Arc<Block>> {
        if let Ok(kept) = self.kept.lock()
            && let Some((_, b)) = kept.iter().find(|(x, _)| *x == k)
        {
            return Some(b.clone());
        }
        let all: &[u8] = (*self.bytes).as_ref();
        let raw = all.get(self.offsets.get(k)?.clone())?;
        // A block decompresses to a few times its size; a bound keeps a
        // corrupt length from asking for gigabytes.
        let bound = raw.len().saturating_mul(64).max(1 << 20);
        // One decompression context a thread: making one costs as much as
        // a block's decompression.
        thread_local! {
            static DECOMPRESSOR: std::cell::RefCell<Option<zstd::bulk::Decompressor<'static>>> =
                std::cell::RefCell::new(zstd::bulk::Decompressor::new().ok());
        }
        let plain = DECOMPRESSOR.with(|d| {
            let mut d = d.borrow_mut();
            d.as_mut()?.decompress(raw, bound).ok()
        })?;
        let block: Arc<Block> = Arc::new(postcard::from_bytes(&plain).ok()?);
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() == KEPT {
                kept.pop_back();
            }
            kept.push_front((k, block.clone()));
        }
        Some(block)
    }

    /// The article a claim is in.
    fn article_of(&self, i: usize) -> Option<usize> {
        let k = self.places.partition_point(|p| p.claims.end <= i);
        self.places
            .get(k)
            .filter(|p| p.claims.contains(&i))
            .map(|_| k)
    }

    /// Article `k`'s body ("" when its block cannot be read).
    pub fn body(&self, k: usize) -> String {
        self.block(k).map(|b| b.body.clone()).unwrap_or_default()
    }

    fn record(&self, i: usize) -> Option<(Arc<Block>, usize, usize)> {
        let k = self.article_of(i)?;
        let j = i - self.places[k].claims.start;
        Some((self.block(k)?, k, j))
    }
}

fn text_of(block: &Block, r: &Record) -> Option<String> {
    if r.range == INLINE {
        return Some(r.inline.to_string());
    }
    let (s, e) = (r.range.0 as usize, r.range.1 as usize);
    block.body.get(s..e).map(str::to_string)
}

impl ClaimSource for Stored {
    fn len(&self) -> usize {
        self.places.last().map_or(0, |p| p.claims.end)
    }

    fn claim(&self, i: usize) -> Option<Claim> {
        let (block, k, j) = self.record(i)?;
        let r: Record = postcard::from_bytes(block.records.get(j)?).ok()?;
        let place = &self.places[k];
        let text = text_of(&block, &r)?;
        Some(Claim {
            id: format!("{}#{}", place.id, r.claim.n),
            article: place.id.clone(),
            lang: place.lang.clone(),
            text,
            ..r.claim
        })
    }

    fn text(&self, i: usize) -> Option<String> {
        let (block, _, j) = self.record(i)?;
        let r: Record = postcard::from_bytes(block.records.get(j)?).ok()?;
        text_of(&block, &r)
    }

    fn bloc_bits(&self, i: usize) -> u64 {
        (self.bits)(i)
    }
}
