//! The state file loader: any bytes parse or are refused, and a parsed state
//! resolves against the corpus and saves back.
#![no_main]
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use triptyque::corpus::Corpus;
use triptyque::store::{Store, parse_state};

fn corpus() -> &'static Corpus {
    static C: OnceLock<Corpus> = OnceLock::new();
    C.get_or_init(Corpus::builtin)
}

fuzz_target!(|data: &[u8]| {
    if let Ok(state) = parse_state(data) {
        let n = state.bookmarks.len();
        let mut s = Store::in_memory();
        s.state = state;
        let places = s.resolve(corpus());
        assert_eq!(places.len(), n);
        let json = triptyque::json::to_vec(&s.state).expect("a parsed state serializes");
        // What is saved is safe to print, and reads back the same.
        assert!(!String::from_utf8_lossy(&json).chars().any(triptyque::text::is_unsafe));
        assert_eq!(parse_state(&json).ok(), Some(s.state));
    }
});
