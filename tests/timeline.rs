//! The built-in timeline: sourced, verbatim, dated, and honest about where
//! the sources disagree.

use std::process::Command;

use serde_json::Value;
use triptyque::corpus::PartialDate;
use triptyque::dataset::{BUILTIN_TIMELINE, Dataset};
use triptyque::timeline::EventOrigin;

#[test]
fn built_in_timeline_is_complete_and_sourced() {
    let d = Dataset::builtin();
    let c = &d.corpus;
    let events = d.events();
    let tl_warnings: Vec<_> = d
        .warnings()
        .into_iter()
        .filter(|w| w.file.contains("timeline"))
        .collect();
    assert!(tl_warnings.is_empty(), "every event loads: {tl_warnings:?}");
    assert!(events.len() >= 20, "{} events", events.len());
    // Every curated event is there, on its own or over a found one.
    let defined = BUILTIN_TIMELINE.matches("[[event]]").count();
    let curated = events
        .iter()
        .filter(|e| e.origin != EventOrigin::Found)
        .count();
    assert_eq!(defined, curated, "no curated event was left out");
    assert!(
        events
            .iter()
            .filter(|e| e.origin == EventOrigin::Both)
            .count()
            >= 20,
        "most curated events are also found in the text"
    );
    for e in events {
        assert!(!e.sources.is_empty(), "{} has no source", e.id);
        for s in &e.sources {
            let a = c
                .article(&s.article)
                .unwrap_or_else(|| panic!("{}: no article {}", e.id, s.article));
            assert!(
                a.body.contains(&s.quote),
                "{}: quote not verbatim: {}",
                e.id,
                s.quote
            );
            let claim = c
                .claim(s.claim.as_deref().expect("linked to a claim"))
                .unwrap();
            // The linked claim is the one where the quote starts: in its
            // article, around the quote's first char, holding its first words.
            assert_eq!(*claim.article, *s.article, "{}", e.id);
            let byte = a.body.find(&s.quote).unwrap();
            let at = a.body[..byte].chars().count();
            assert!(
                claim.start <= at && at < claim.end,
                "{}: the quote starts at char {at}, outside the linked claim {} ({}..{})",
                e.id,
                claim.id,
                claim.start,
                claim.end
            );
            let first_words: String = s.quote.chars().take(12.min(claim.end - at)).collect();
            assert!(
                claim.text.contains(&first_words),
                "{}: linked claim {} holds the start of the quote",
                e.id,
                claim.id
            );
        }
        if let Some(end) = e.end {
            assert!(end > e.date, "{}: end after start", e.id);
        }
        assert_eq!(e.date.to_string().parse::<PartialDate>().unwrap(), e.date);
    }
    let first = events
        .iter()
        .filter(|e| e.date.month.is_some())
        .map(|e| e.date)
        .min()
        .unwrap();
    let last = events.iter().map(|e| e.date).max().unwrap();
    assert_eq!(first.to_string(), "2024-02");
    assert_eq!(last.to_string(), "2025-05");
    // In date order.
    assert!(events.windows(2).all(|w| w[0].date <= w[1].date));
    // Events the issue names are there.
    for id in [
        "deepseek-coder",
        "deepseek-v2",
        "deepseek-r1",
        "market-drop",
        "paris-ai-action-summit",
        "ai-act",
        "longhua-park",
        "stargate",
    ] {
        assert!(events.iter().any(|e| e.id == id), "{id}");
    }
}

#[test]
fn inferred_dates_say_how() {
    let d = Dataset::builtin();
    let e = |id: &str| d.events().iter().find(|e| e.id == id).unwrap();
    assert_eq!(e("deepseek-medicine-paper").date.to_string(), "2024-12");
    assert!(
        e("deepseek-medicine-paper")
            .note
            .as_deref()
            .unwrap()
            .contains("en décembre")
    );
    assert_eq!(e("deepseek-v2").end.unwrap().to_string(), "2024-06");
    assert_eq!(e("market-drop").date.label(), "27 Jan 2025");
    // An event dated by the reporting article carries a note; one dated by
    // the text itself needs none.
    assert!(e("lucie-flop").note.is_some());
    assert!(e("deepseek-coder").note.is_none());
}

#[test]
fn the_market_drop_disagreement_comes_from_the_quotes() {
    let data = Dataset::builtin();
    let drop = data
        .events()
        .iter()
        .find(|e| e.id == "market-drop")
        .unwrap();
    assert_eq!(drop.corroboration, 3);
    assert_eq!(drop.disagreements.len(), 1);
    let d = &drop.disagreements[0];
    assert_eq!(d.summary, "1 120 Md$ vs 800 Md$");
    let values: Vec<f64> = d.versions.iter().map(|v| v.value).collect();
    assert_eq!(values, [1120.0, 800.0]);
    assert!(d.versions.iter().all(|v| v.quote.contains(&v.text)));
    // "dont 589 milliards pour Nvidia" is a part, not a third version.
    assert!(!d.summary.contains("589"));
    // Agreeing or single-sourced events have no disagreement.
    assert!(
        data.events()
            .iter()
            .filter(|e| e.id != "market-drop")
            .all(|e| e.disagreements.is_empty())
    );
}

fn cli_json(args: &[&str]) -> Vec<Value> {
    let o = Command::new(env!("CARGO_BIN_EXE_triptyque"))
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success());
    serde_json::from_slice::<Value>(&o.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn cli_timeline_and_figures_json() {
    let e = cli_json(&["timeline", "--json"]);
    let drop = e.iter().find(|x| x["id"] == "market-drop").unwrap();
    assert_eq!(drop["disagreements"][0]["summary"], "1 120 Md$ vs 800 Md$");
    assert_eq!(drop["corroboration"], 3);
    for s in drop["sources"].as_array().unwrap() {
        assert!(s["article"].is_string() && s["claim"].is_string() && s["quote"].is_string());
    }
    let f = cli_json(&["figures", "--json"]);
    let price = f.iter().find(|x| x["display"] == "0,55$/M tokens").unwrap();
    assert_eq!(price["kind"], "token_price");
    assert_eq!(price["value"], 0.55);
    assert_eq!(price["subject"], "DeepSeek-R1");
    assert_eq!(price["claim"], "2025-02-europe-face-aux-ia-chinoises#16");
    let stargate = f.iter().find(|x| x["display"] == "500 Md$").unwrap();
    assert_eq!(stargate["kind"], "amount");
    assert_eq!(stargate["scale"], "milliards");
    assert_eq!(stargate["unit"], "USD");
    assert!(
        f.iter()
            .any(|x| x["kind"] == "ratio" && x["value"] == 100.0)
    );
    assert!(f.iter().any(|x| x["kind"] == "score" && x["value"] == 9.99));
}

#[test]
fn the_json_says_where_each_event_and_its_date_come_from() {
    let e = cli_json(&["timeline", "--json"]);
    for x in &e {
        assert!(
            ["found", "curated", "both"].contains(&x["origin"].as_str().unwrap()),
            "{x}"
        );
        assert!(
            ["stated", "inferred", "reported"].contains(&x["date_kind"].as_str().unwrap()),
            "{x}"
        );
        assert!(x["sources"].as_array().is_some_and(|s| !s.is_empty()));
    }
    let drop = e.iter().find(|x| x["id"] == "market-drop").unwrap();
    assert_eq!(drop["origin"], "both");
    assert_eq!(drop["date_kind"], "stated");
    assert!(e.iter().any(|x| x["origin"] == "found"));
    assert!(e.iter().any(|x| x["date_kind"] == "reported"));
}

#[test]
fn a_corpus_timeline_toml_is_laid_over_the_events_found() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.md"),
        "+++\ndate = \"2025-03-04\"\n+++\nMistral AI a lancé Mistral Small 3 le 30 janvier 2025.\nLa Commission européenne a annoncé InvestAI le 11 février 2025.\nUn paragraphe sans événement.\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("timeline.toml"),
        "[[event]]\nid = \"small-3\"\ndate = \"2025-01-30\"\ntitle = \"Mistral Small 3\"\nsummary = \"Un petit modèle ouvert.\"\n[[event.source]]\narticle = \"a\"\nquote = \"Mistral AI a lancé Mistral Small 3\"\n\n[[event]]\nid = \"only-curated\"\ndate = \"2024\"\ntitle = \"Nommé à la main\"\n[[event.source]]\narticle = \"a\"\nquote = \"Un paragraphe sans événement.\"\n",
    )
    .unwrap();
    let d = Dataset::load_dir(dir.path()).unwrap();
    assert!(d.warnings().is_empty(), "{:?}", d.warnings());
    let by_id = |id: &str| d.events().iter().find(|e| e.id == id).unwrap();
    let small = by_id("small-3");
    assert_eq!(small.origin, EventOrigin::Both);
    assert_eq!(small.title, "Mistral Small 3", "the curated title");
    assert_eq!(small.summary, "Un petit modèle ouvert.");
    assert_eq!(small.date.to_string(), "2025-01-30");
    assert_eq!(by_id("only-curated").origin, EventOrigin::Curated);
    let invest = d
        .events()
        .iter()
        .find(|e| e.origin == EventOrigin::Found)
        .expect("the InvestAI announcement, found");
    assert_eq!(invest.date.to_string(), "2025-02-11");
    assert_eq!(invest.kind.as_deref(), Some("announcement"));
    assert!(invest.title.contains("InvestAI"), "{}", invest.title);
}
