//! The date extractor, with any article date.
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptyque::corpus::dates::{DateContext, PartialDate, extract};

fuzz_target!(|input: (&str, u16, u8, u8)| {
    let (text, y, m, d) = input;
    let article = format!("{:04}-{:02}-{:02}", 1900 + y % 300, 1 + m % 12, 1 + d % 28).parse::<PartialDate>().ok();
    let n = text.chars().count();
    for lang in triptyque::lang::builtin().profiles() {
    let mut ctx = DateContext { article, last_year: None };
    for m in extract(text, &mut ctx, lang) {
        assert!(m.offset <= n);
        assert_eq!(m.date.to_string().parse::<PartialDate>().ok(), Some(m.date));
        if let Some(e) = m.end {
            assert_eq!(e.to_string().parse::<PartialDate>().ok(), Some(e));
        }
    }
    }
    // Any string given as a date either parses to a date that prints back the same, or is refused.
    if let Ok(p) = text.parse::<PartialDate>() {
        assert_eq!(p.to_string().parse::<PartialDate>().ok(), Some(p));
    }
});
