//! The port of skim equals a fresh `SkimMatcherV2`, for any text and
//! pattern: its score, and the positions it matched.
#![no_main]
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (choice, pattern) = input;
    // Long inputs make the full matrix of the reference slow, not wrong.
    if choice.len() > 4096 || pattern.len() > 64 {
        return;
    }
    let m = SkimMatcherV2::default().respect_case();
    let want = m.fuzzy_match(choice, pattern);
    assert_eq!(triptyque::search::skim::score(choice, pattern), want, "{pattern:?} in {choice:?}");
    let want = SkimMatcherV2::default().respect_case().fuzzy_indices(choice, pattern);
    assert_eq!(triptyque::search::skim::indices(choice, pattern), want, "{pattern:?} in {choice:?}");
});
