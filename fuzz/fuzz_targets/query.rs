//! The query parser and the matcher: any query, over the built-in claims;
//! highlights point inside the text, and the ranking is the exhaustive one.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use triptyque::corpus::Corpus;
use triptyque::search::{Query, SearchIndex};

fn setup() -> &'static (Corpus, SearchIndex) {
    static S: OnceLock<(Corpus, SearchIndex)> = OnceLock::new();
    S.get_or_init(|| {
        let c = Corpus::builtin();
        let i = SearchIndex::new(&c);
        (c, i)
    })
}

fuzz_target!(|q: &str| {
    let (c, idx) = setup();
    let query = Query::parse(q, &c.lexicon);
    let hits = idx.search(&query, Some(5), None);
    for h in &hits {
        let text = &c.claims[h.claim].text;
        let n = text.chars().count();
        for i in idx.indices(&query, text) {
            assert!(i < n);
        }
        assert_eq!(idx.score(&query, h.claim), Some(h.score));
    }
});
