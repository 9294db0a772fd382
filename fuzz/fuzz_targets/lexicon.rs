//! The lexicon loader: any text as a corpus's `lexicon.toml`. It is applied or
//! refused with a message; what it adds never carries an unsafe char.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let mut lex = triptyque::corpus::Lexicon::builtin();
    let before = lex.blocs.len();
    match lex.extend(src) {
        Ok(()) => {
            for b in &lex.blocs {
                for s in [&b.code, &b.name, &b.short, &b.badge] {
                    assert!(!s.chars().any(triptyque::text::is_unsafe), "{s:?}");
                }
            }
            for t in &lex.topics {
                assert!(!t.code.chars().any(triptyque::text::is_unsafe), "{:?}", t.code);
            }
            let _ = lex.tag("La Chine et les États-Unis, l'Europe.");
        }
        Err(e) => {
            assert_eq!(lex.blocs.len(), before, "a refused lexicon changes nothing");
            assert!(e.byte.is_none_or(|b| b <= src.len()));
        }
    }
});
