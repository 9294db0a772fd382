//! The article parser: bytes (any, not only UTF-8) through decoding,
//! sanitizing, the front matter, segmentation, tagging and dates; then the
//! figures (amounts, words, subjects) and the events found in it.
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
    for f in triptyque::figures::all(&c) {
        let claim = c.claim(&f.claim).expect("a figure's claim exists");
        assert!(claim.text.contains(&f.raw.text), "{:?} in {:?}", f.raw.text, claim.text);
        assert!(f.raw.value.is_finite(), "{:?}", f.raw);
        assert!(!f.subject.chars().any(char::is_control), "{:?}", f.subject);
    }
    let _ = triptyque::events::extract(&c);
});
