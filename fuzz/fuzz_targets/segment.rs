//! The segmenter: sentences lose and duplicate no char of a paragraph.
#![no_main]
use libfuzzer_sys::fuzz_target;
use triptyque::corpus::segment::{paragraphs, sentences, split_long};

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fuzz_target!(|text: &str| {
    // Every language's abbreviations: the segmenter must hold for each.
    for lang in triptyque::lang::builtin().profiles() {
        check(text, &lang.sentences);
    }
});

fn check(text: &str, rules: &triptyque::lang::Sentences) {
    let chars: Vec<char> = text.chars().collect();
    for p in paragraphs(text) {
        let para: String = chars[p].iter().collect();
        let pc: Vec<char> = para.chars().collect();
        let ranges = sentences(&para, rules);
        let mut last = 0;
        for r in &ranges {
            assert!(r.start >= last && r.start < r.end && r.end <= pc.len());
            last = r.end;
        }
        let joined: String = ranges.iter().map(|r| pc[r.clone()].iter().collect::<String>()).collect();
        assert_eq!(squash(&joined), squash(&para));
        let pieces = split_long(&pc, 0..pc.len());
        let joined: String = pieces.iter().map(|r| pc[r.clone()].iter().collect::<String>()).collect();
        assert_eq!(squash(&joined), squash(&para));
    }
}
