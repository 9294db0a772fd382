//! Properties over random inputs (proptest).

use std::sync::Arc;

use proptest::prelude::*;
use triptyque::corpus::Corpus;
use triptyque::corpus::segment::{paragraphs, sentences, split_long};
use triptyque::dataset::Dataset;
use triptyque::search::{Query, SearchIndex};
use triptyque::store::Store;
use triptyque::text::fold;
use triptyque::tui::{Action, App, Effect, Settings, carry_out, frame_text};

/// Text with what trips segmenters: punctuation, quotes, brackets, digits,
/// decimals, abbreviations, accents, emoji, spaces and newlines.
fn texty() -> impl Strategy<Value = String> {
    let atoms = prop::sample::select(vec![
        "La",
        "Chine",
        "publie",
        "États-Unis",
        "M.",
        "etc.",
        "…",
        "...",
        "0,55$",
        "2.5-Max",
        "1 120",
        "9,99/10",
        "«",
        "»",
        "“",
        "”",
        "\"",
        "(",
        ")",
        "[",
        "]",
        ".",
        "!",
        "?",
        ";",
        ":",
        ",",
        " ",
        " ",
        " ",
        "\n",
        "J.",
        "é",
        "œuvre",
        "🇨🇳",
        "➡️",
        "a",
        "Z",
        "\u{a0}",
        "\t",
    ]);
    prop::collection::vec(atoms, 0..80).prop_map(|v| v.concat())
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn segmentation_loses_and_duplicates_nothing(text in texty()) {
        let chars: Vec<char> = text.chars().collect();
        for p in paragraphs(&text) {
            let para: String = chars[p.clone()].iter().collect();
            let pc: Vec<char> = para.chars().collect();
            let ranges = sentences(&para, &fr().sentences);
            let mut last = 0;
            for r in &ranges {
                prop_assert!(r.start >= last && r.start < r.end && r.end <= pc.len(), "{ranges:?}");
                last = r.end;
            }
            let joined: String = ranges.iter().map(|r| pc[r.clone()].iter().collect::<String>()).collect();
            prop_assert_eq!(squash(&joined), squash(&para));
            // Cutting an over-long sentence keeps every char too.
            let all = 0..pc.len();
            let pieces = split_long(&pc, all);
            let joined: String = pieces.iter().map(|r| pc[r.clone()].iter().collect::<String>()).collect();
            prop_assert_eq!(squash(&joined), squash(&para));
        }
    }

    #[test]
    fn long_sentences_are_cut_into_bounded_claims(words in prop::collection::vec("[a-zé]{1,12}", 0..400)) {
        let text = words.join(" ");
        let pc: Vec<char> = text.chars().collect();
        let pieces = split_long(&pc, 0..pc.len());
        for r in &pieces {
            prop_assert!(r.len() <= triptyque::corpus::segment::MAX_CLAIM_CHARS);
        }
        let joined: String = pieces.iter().map(|r| pc[r.clone()].iter().collect::<String>()).collect();
        prop_assert_eq!(squash(&joined), squash(&text));
    }

    #[test]
    fn highlighted_chars_match_the_query(q in "[a-zéèàô' ]{1,12}") {
        let c = corpus();
        let idx = index();
        let query = Query::parse(&q, &c.lexicon);
        // The chars the query's terms look for (`'` alone is an operator).
        let wanted: String = query.groups.iter().flatten().filter(|t| !t.negate).flat_map(|t| t.text.chars()).collect();
        for h in idx.search(&query, Some(20), None) {
            let text: Vec<char> = c.claims.get(h.claim).expect("claim").text.chars().collect();
            let ix = idx.indices(&query, &c.claims.get(h.claim).expect("claim").text);
            prop_assert!(!ix.is_empty() || wanted.is_empty());
            for i in ix {
                prop_assert!(i < text.len());
                let f = fold(&text[i].to_string());
                prop_assert!(f.chars().any(|fc| wanted.contains(fc)), "{:?} at {} for {:?}", text[i], i, q);
            }
        }
    }

    #[test]
    fn claim_ids_are_unique_and_stable(files in prop::collection::vec(texty(), 1..6)) {
        let d = tempfile::tempdir().unwrap();
        for (i, t) in files.iter().enumerate() {
            std::fs::write(d.path().join(format!("f{i}.md")), t).unwrap();
        }
        // A corpus may be empty (only blank files): that is an error, not a panic.
        let (Ok(a), Ok(b)) = (Corpus::load_dir(d.path()), Corpus::load_dir(d.path())) else { return Ok(()) };
        let ids: Vec<&str> = a.claims.parsed().expect("parsed").iter().map(|c| c.id.as_str()).collect();
        let mut uniq = ids.clone();
        uniq.sort_unstable();
        uniq.dedup();
        prop_assert_eq!(uniq.len(), ids.len());
        prop_assert_eq!(ids, b.claims.parsed().expect("parsed").iter().map(|c| c.id.as_str()).collect::<Vec<_>>());
    }
}

fn fr() -> &'static triptyque::lang::Profile {
    triptyque::lang::builtin()
        .get("fr")
        .expect("the French profile")
}

fn dataset() -> &'static Dataset {
    static D: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    D.get_or_init(Dataset::builtin)
}

fn corpus() -> &'static Corpus {
    static C: std::sync::OnceLock<Corpus> = std::sync::OnceLock::new();
    C.get_or_init(Corpus::builtin)
}

fn index() -> &'static SearchIndex {
    static I: std::sync::OnceLock<SearchIndex> = std::sync::OnceLock::new();
    I.get_or_init(|| SearchIndex::new(corpus()))
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        Just(Action::Up),
        Just(Action::Down),
        Just(Action::Left),
        Just(Action::Right),
        Just(Action::PageUp),
        Just(Action::PageDown),
        Just(Action::Top),
        Just(Action::Bottom),
        Just(Action::NextFocus),
        Just(Action::PrevFocus),
        Just(Action::Open),
        Just(Action::Back),
        Just(Action::QuitOrBack),
        Just(Action::Help),
        Just(Action::Search),
        Just(Action::ShowBlocs),
        Just(Action::ShowTimeline),
        Just(Action::ShowFigures),
        Just(Action::ShowBookmarks),
        Just(Action::Find),
        Just(Action::NextMatch),
        Just(Action::PrevMatch),
        Just(Action::FilterEvent),
        Just(Action::Bookmark),
        Just(Action::Annotate),
        Just(Action::Submit),
        Just(Action::Backspace),
        Just(Action::DeleteWord),
        Just(Action::ClearInput),
        (0usize..3).prop_map(Action::Pane),
        prop::char::any().prop_map(Action::Input),
        (1u16..300, 1u16..100).prop_map(|(w, h)| Action::Resize(w, h)),
        (0u16..300, 0u16..100).prop_map(|(x, y)| Action::Click(x, y)),
        (0u16..300, 0u16..100).prop_map(|(x, y)| Action::WheelDown(x, y)),
        (0u16..300, 0u16..100).prop_map(|(x, y)| Action::WheelUp(x, y)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Any state reachable by 200 actions draws at any size, 1x1 to 300x100,
    /// and `update` never touches the disk: saves and exports come out as
    /// effects, and no file appears until the loop carries them out.
    #[test]
    fn update_and_draw_never_panic_and_never_do_io(w in 1u16..300, h in 1u16..100, actions in prop::collection::vec(action(), 0..200)) {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = dir.path().join("state.json");
        let (store, _) = Store::open(state.clone());
        let data = Arc::new(dataset().clone());
        let index = Arc::new(SearchIndex::new(&data.corpus));
        let mut app = App::with(data, index, store, Settings::default(), (w, h));
        let mut exports = Vec::new();
        for (k, a) in actions.into_iter().enumerate() {
            app.update(a);
            for e in app.take_effects() {
                match e {
                    // Ranking is computation, done here as the worker would.
                    Effect::Search { .. } => {
                        carry_out(&mut app, e, None);
                    }
                    Effect::Export { path, .. } => exports.push(path),
                    Effect::Save { .. } => {}
                    other => prop_assert!(false, "{other:?} is the app's to route, not the loop's"),
                }
            }
            prop_assert!(!state.exists(), "update saved the state itself");
            for p in &exports {
                prop_assert!(!p.exists(), "update wrote the export {} itself", p.display());
            }
            if k % 20 == 0 {
                let _ = frame_text(&app);
            }
            if app.quit {
                break;
            }
        }
        prop_assert_eq!(std::fs::read_dir(dir.path()).map(|d| d.count()).unwrap_or(0), 0);
        let _ = frame_text(&app);
    }
}
