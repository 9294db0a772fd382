//! The timeline loader: any text as a corpus's `timeline.toml`, over a small
//! corpus. Events are kept or left out with a warning; nothing they hold
//! carries an unsafe char, and every warning names a line of the file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn corpus() -> &'static triptyque::corpus::Corpus {
    static C: OnceLock<triptyque::corpus::Corpus> = OnceLock::new();
    C.get_or_init(|| {
        triptyque::corpus::Corpus::from_files(vec![(
            "a.md".into(),
            "La Chine publie DeepSeek-R1 le 20 janvier 2025. L'Europe régule.\n".into(),
        )])
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let (events, warnings) = triptyque::timeline::load("timeline.toml", src, corpus());
    let lines = src.lines().count().max(1) + 1;
    for w in &warnings {
        assert!(w.line.is_none_or(|l| l >= 1 && l <= lines), "{w:?}");
    }
    for e in &events {
        for s in [&e.id, &e.title, &e.summary] {
            assert!(!s.chars().any(triptyque::text::is_unsafe), "{s:?}");
        }
        assert!(!e.sources.is_empty());
    }
});
