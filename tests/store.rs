//! The claim store: a corpus read back through the memory-mapped cache
//! gives, claim for claim and byte for byte, what parsing it gives.

use std::path::Path;

use triptyque::cache::{self, CacheStatus};
use triptyque::corpus::{Claims, ScanOptions};

#[path = "../examples/gen_corpus.rs"]
#[allow(dead_code)]
mod gen_corpus;

/// Every claim (boilerplate too) and every article (with its body) as JSON.
fn json_of(dir: &Path, cache_dir: Option<&Path>) -> (String, String, bool) {
    let loaded = cache::load(
        dir,
        cache_dir,
        None,
        ScanOptions::default(),
        cache::Check::Now,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let corpus = &loaded.dataset.corpus;
    let stored = matches!(corpus.claims, Claims::Stored(_));
    let claims: Vec<_> = (0..corpus.claims.len())
        .map(|i| corpus.claims.get(i).expect("every claim reads back"))
        .collect();
    let claims = serde_json::to_string(&claims).expect("claims encode");
    let articles: Vec<_> = corpus
        .articles
        .iter()
        .map(|a| (a, a.body.to_string()))
        .collect();
    let articles = serde_json::to_string(&articles).expect("articles encode");
    if let CacheStatus::Hit(_) = loaded.status {
        assert!(stored, "a cache hit reads the claims through the store");
    }
    (claims, articles, stored)
}

fn same_through_the_store(dir: &Path) {
    let cache = tempfile::tempdir().expect("temp dir");
    let parsed = json_of(dir, None);
    assert!(!parsed.2, "parsed claims are in memory");
    // The first load parses and writes the cache; the second reads it.
    let written = json_of(dir, Some(cache.path()));
    let stored = json_of(dir, Some(cache.path()));
    assert!(
        stored.2,
        "{}: the second load reads the store",
        dir.display()
    );
    assert_eq!(parsed.0, written.0, "{}", dir.display());
    assert!(parsed.0 == stored.0, "{}: claims differ", dir.display());
    assert!(parsed.1 == stored.1, "{}: articles differ", dir.display());
}

#[test]
fn the_store_gives_the_parsers_claims_on_the_built_in_articles() {
    same_through_the_store(&Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"));
}

#[test]
fn the_store_gives_the_parsers_claims_on_web_pages_and_markdown() {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    // Markdown whose headings and emphasis are cut from the claims (their
    // text is then not a slice of the body), saved web pages, feeds.
    for set in ["heldout9", "heldout8", "html_pages", "feeds"] {
        same_through_the_store(&data.join(set));
    }
}

#[test]
fn the_store_gives_the_parsers_claims_on_a_generated_corpus() {
    let dir = tempfile::tempdir().expect("temp dir");
    gen_corpus::generate(20_000, 150, 7, dir.path()).expect("generated");
    same_through_the_store(dir.path());
}
