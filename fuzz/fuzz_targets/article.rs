//! The article parser: bytes (any, not only UTF-8) through decoding,
//! sanitizing, the front matter, segmentation, tagging and dates.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let c = triptyque::corpus::Corpus::from_files(vec![("fuzz.md".to_string(), data.to_vec())]);
    for claim in &c.claims {
        // Nothing that reaches a view holds a control char.
        assert!(!claim.text.chars().any(|ch| ch.is_control() && ch != '\n'), "{:?}", claim.text);
        assert!(claim.start <= claim.end);
    }
    for a in &c.articles {
        assert!(!a.title.chars().any(char::is_control));
    }
});
