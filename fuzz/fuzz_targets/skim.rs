//! The port of skim's score equals a fresh `SkimMatcherV2`, for any text and
//! pattern.
#![no_main]
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let (choice, pattern) = input;
    let want = SkimMatcherV2::default().respect_case().fuzzy_match(choice, pattern);
    assert_eq!(triptyque::search::skim::score(choice, pattern), want, "{pattern:?} in {choice:?}");
});
