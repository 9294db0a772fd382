//! Saved pages and feeds: bytes read as an HTML page, an RSS/Atom feed and
//! a YAML-front-matter note. Whatever they hold (entities that decode to
//! ESC, broken markup, deep nesting), no article text, title, author or
//! source carries a control char, and nothing panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut yaml = b"---\n".to_vec();
    yaml.extend_from_slice(data);
    let c = triptyque::corpus::Corpus::from_files(vec![
        ("page.html".to_string(), data.to_vec()),
        ("feed.xml".to_string(), data.to_vec()),
        ("note.md".to_string(), yaml),
    ]);
    for claim in &c.claims {
        assert!(!claim.text.chars().any(|ch| ch.is_control() && ch != '\n'), "{:?}", claim.text);
    }
    for a in &c.articles {
        for s in [Some(&a.title), a.author.as_ref(), a.source.as_ref()].into_iter().flatten() {
            assert!(!s.chars().any(char::is_control), "{s:?}");
        }
        assert!(!a.body.chars().any(|ch| ch.is_control() && ch != '\n'), "{:?}", a.body);
    }
});
