//! Bloc tagging measured against a hand-labelled sample of the built-in claims
//! (tests/data/blocs_sample.toml). Run with `--nocapture` to see the report.

use std::collections::BTreeSet;

use serde::Deserialize;
use triptyque::corpus::Corpus;

const HELD_OUT_EXACT: f64 = 0.72;
const HELD_OUT_F1: f64 = 0.80;

#[derive(Deserialize)]
struct Sample {
    claim: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    id: String,
    starts: String,
    blocs: Vec<String>,
}

#[derive(Default, Debug)]
struct Score {
    exact: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Score {
    fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn measure(
    corpus: &Corpus,
    sample: &Sample,
    with_context: bool,
) -> (Score, Vec<(String, Score)>, Vec<String>) {
    let mut total = Score::default();
    let blocs = ["us", "cn", "eu"];
    let mut per: Vec<(String, Score)> = blocs
        .iter()
        .map(|b| (b.to_string(), Score::default()))
        .collect();
    let mut misses = Vec::new();
    for l in &sample.claim {
        let c = corpus
            .claim(&l.id)
            .unwrap_or_else(|| panic!("no claim {}", l.id));
        assert!(
            c.text.starts_with(&l.starts),
            "{} now reads {:?}",
            l.id,
            c.text
        );
        let got: BTreeSet<&str> = c
            .blocs
            .iter()
            .filter(|b| with_context || !c.context_blocs.contains(b))
            .map(String::as_str)
            .filter(|b| blocs.contains(b))
            .collect();
        let want: BTreeSet<&str> = l.blocs.iter().map(String::as_str).collect();
        if got == want {
            total.exact += 1;
        } else {
            misses.push(format!(
                "{}: want {:?} got {:?}: {}",
                l.id,
                want,
                got,
                c.text.chars().take(70).collect::<String>()
            ));
        }
        for (b, s) in per.iter_mut() {
            match (got.contains(b.as_str()), want.contains(b.as_str())) {
                (true, true) => s.tp += 1,
                (true, false) => s.fp += 1,
                (false, true) => s.fn_ += 1,
                _ => {}
            }
        }
    }
    for (_, s) in &per {
        total.tp += s.tp;
        total.fp += s.fp;
        total.fn_ += s.fn_;
    }
    (total, per, misses)
}

fn report(file: &str) -> (usize, Score, Score) {
    let corpus = Corpus::builtin();
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let sample: Sample = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let n = sample.claim.len();
    let (base, _, _) = measure(&corpus, &sample, false);
    let (total, per, misses) = measure(&corpus, &sample, true);
    println!("bloc tagging on {n} hand-labelled claims ({file}):");
    for (name, s) in [
        ("explicit mentions only", &base),
        ("with context rules", &total),
    ] {
        println!(
            "  {name:<22}: exact {}/{n} ({:.0}%), micro P {:.2} R {:.2} F1 {:.2}",
            s.exact,
            100.0 * s.exact as f64 / n as f64,
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    for (b, s) in &per {
        println!(
            "  {b}: P {:.2} R {:.2} F1 {:.2} (tp {} fp {} fn {})",
            s.precision(),
            s.recall(),
            s.f1(),
            s.tp,
            s.fp,
            s.fn_
        );
    }
    println!("misses:");
    for m in &misses {
        println!("  {m}");
    }
    (n, base, total)
}

// Thresholds sit a little under what was measured, so that a regression fails
// and noise does not.
#[test]
fn bloc_tagging_matches_a_careful_reader() {
    let (n, base, total) = report("blocs_sample.toml");
    assert!(
        total.exact as f64 / n as f64 >= 0.88,
        "exact-match accuracy fell"
    );
    assert!(total.f1() >= 0.93, "micro F1 fell");
    assert!(
        total.f1() > base.f1(),
        "context rules must help over explicit mentions"
    );
}

#[test]
fn bloc_tagging_on_a_held_out_sample() {
    let (n, base, total) = report("blocs_heldout.toml");
    assert!(
        total.exact as f64 / n as f64 >= HELD_OUT_EXACT,
        "exact-match accuracy fell"
    );
    assert!(total.f1() >= HELD_OUT_F1, "micro F1 fell");
    assert!(total.f1() >= base.f1());
}
