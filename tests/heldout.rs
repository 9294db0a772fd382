//! Blocs, sentence boundaries, figures and boilerplate on web and press text,
//! written in the manner of real articles and labelled by someone who had not
//! seen the rules, in three sets kept apart:
//! - tests/data/dev13/ (10 articles, 5 French, 5 English): the tuning set.
//!   Rules may be changed against it.
//! - tests/data/heldout/ (12 articles, 8 French, 4 English): labelled before
//!   the rules of issue 13, measured once after them, never tuned on since.
//! - tests/data/heldout2/ (12 articles, 6 French, 6 English): labelled before
//!   the second round of rules, never read while tuning, measured once after.
//! - tests/data/heldout3/ (12 articles, 6 French, 6 English): labelled before
//!   the third round (people who stand for their firm, the article's bloc
//!   for a sentence that names none), never read, measured once after.
//! - tests/data/heldout4/ (12 articles, 6 French, 6 English): labelled before
//!   the fourth round (boilerplate of comments, tags, datelines and
//!   contributors; figure subjects: possessives, owners after "de", the
//!   article's main subject), never read, measured once after.
//!
//! - tests/data/heldout5/ (12 articles, 6 French, 6 English): written before
//!   the fifth round (furniture by its place, buttons and caption credits;
//!   numbered lists glued to their lead; firms' suffixes; articles about a
//!   place of no bloc), labelled by a helper who never saw the rules,
//!   measured once after it; read and tuned on in the sixth round.
//! - tests/data/heldout6/ (12 articles, 6 French, 6 English): written before
//!   the sixth round, labelled by two helpers apart (labels.toml and
//!   labels-second.toml), measured once midway through the round, then read
//!   and tuned on.
//! - tests/data/heldout7/ (12 articles, 6 French, 6 English): written during
//!   the sixth round, labelled by two more helpers apart, measured once
//!   after the rules of the round's first part; then read and tuned on.
//! - tests/data/heldout8/ (12 articles, 7 French, 5 English): written after
//!   that measure, labelled by two more helpers apart, measured once after
//!   the rules of the round's second part (tuned on heldout7); then read and
//!   tuned on.
//! - tests/data/heldout9/ (12 articles, 8 French, 4 English): written at the
//!   start of the seventh round, labelled by two helpers apart, measured
//!   once before any rule changed; then read and tuned on.
//! - tests/data/heldout10/ (12 articles, 7 French, 5 English): written and
//!   labelled while heldout9 was read, measured once after the rules tuned
//!   on it; not read since.
//!
//! The sixth round was tuned on every set but heldout7 until its measure,
//! then on every set but heldout8 until its own. Two labellers of one set
//! agree on 0.97 to 1.00 of the bloc constraints (they are the same kind of
//! reader given the same instructions, so this bounds how far the labels
//! are a matter of taste, not how far a rule can go).
//!
//! The fifth round was tuned on every set but heldout5 (heldout3 and
//! heldout4 were read for it, so no longer held out). Its measure drops a
//! list's marker ("- ", "1. ") before comparing sentences, finds a
//! labelled figure by its words from a word's start ("2 milliards" is not
//! in "3,2 milliards"), and counts a labelled count with no currency apart.
//!
//! The fourth round was tuned on dev13, heldout and heldout2 (read for it,
//! so no longer held out); heldout3 and heldout4 stay unread. The
//! boilerplate score now reads only the claims of the paragraph that holds
//! the labelled line (a heading elsewhere that the line quotes used to count
//! against it).
//!
//! Run with `--nocapture` for the reports (`HELDOUT_ERRORS=1` lists the
//! errors: only ever look at the tuning set's).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Deserialize;
use triptyque::corpus::ClaimKind;
use triptyque::dataset::Dataset;

#[derive(Deserialize)]
struct Labels {
    #[serde(default)]
    sentence: Vec<Sentence>,
    #[serde(default)]
    paragraph: Vec<Paragraph>,
    #[serde(default)]
    figure: Vec<Figure>,
    #[serde(default)]
    boilerplate: Vec<Boilerplate>,
}

#[derive(Deserialize)]
struct Sentence {
    article: String,
    text: String,
    blocs: Vec<String>,
}

#[derive(Deserialize)]
struct Paragraph {
    article: String,
    sentences: Vec<String>,
}

#[derive(Deserialize)]
struct Figure {
    article: String,
    text: String,
    value: f64,
    currency: String,
    subject: String,
}

#[derive(Deserialize)]
struct Boilerplate {
    article: String,
    text: String,
}

const BLOCS: [&str; 3] = ["us", "cn", "eu"];

#[derive(Default)]
struct Tally {
    n: usize,
    ok: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.n += 1;
        self.ok += usize::from(ok);
    }
    fn rate(&self) -> f64 {
        self.ok as f64 / self.n.max(1) as f64
    }
}

struct Scores {
    constraints: [Tally; 2],
    exact: [Tally; 2],
    boundaries: Tally,
    sentences_found: Tally,
    figures: Tally,
    counts: Tally,
    subjects: Tally,
    boilerplate: Tally,
    errors: Vec<String>,
}

/// Whitespace collapsed, and a list's marker dropped ("- ", "1. "): where a
/// sentence starts and ends is what is measured, and labellers write the
/// marker or leave it. Markdown's emphasis stars go too: the engine reads
/// "**384** accelerators" as "384 accelerators", and labellers copy the
/// stars or drop them.
fn norm(s: &str) -> String {
    let s = s.replace("**", "").replace(['*'], "");
    let words: Vec<&str> = s.split_whitespace().collect();
    let marker = |w: &str| {
        matches!(w, "-" | "*" | "•" | "–")
            || (w.len() <= 4
                && w.ends_with(['.', ')'])
                && w[..w.len() - 1].chars().all(|c| c.is_ascii_digit())
                && w.len() > 1)
    };
    let skip = usize::from(words.len() > 1 && marker(words[0]));
    words[skip..].join(" ")
}

/// Whether `needle` occurs in `hay` where no digit, letter, comma or dot
/// comes just before it.
fn holds_from_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        hay[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != ',' && c != '.')
    })
}

fn measure(set: &str) -> Scores {
    measure_with(set, "labels.toml")
}

fn labels_of(set: &str, file: &str) -> Labels {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set)
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The engine against the labels of `file` in `set`.
fn measure_with(set: &str, file: &str) -> Scores {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(set);
    let labels = labels_of(set, file);
    let data = Dataset::load_dir(&root).unwrap();
    let c = &data.corpus;
    let mut s = Scores {
        constraints: Default::default(),
        exact: Default::default(),
        boundaries: Tally::default(),
        sentences_found: Tally::default(),
        figures: Tally::default(),
        counts: Tally::default(),
        subjects: Tally::default(),
        boilerplate: Tally::default(),
        errors: Vec::new(),
    };
    let lang_of = |article: &str| usize::from(article.starts_with("en-"));
    let claims_of = |article: &str| {
        let a = c
            .article(article)
            .unwrap_or_else(|| panic!("no article {article}"));
        &c.claims.parsed().expect("parsed")[a.claim_range.clone()]
    };
    for l in &labels.sentence {
        let claims = claims_of(&l.article);
        let want: BTreeSet<&str> = l.blocs.iter().map(String::as_str).collect();
        let found = claims.iter().find(|x| norm(&x.text) == norm(&l.text));
        s.sentences_found.add(found.is_some());
        if found.is_none() {
            s.errors.push(format!(
                "sentence {}: not cut as labelled: {}",
                l.article, l.text
            ));
        }
        // A sentence cut otherwise is read in the claim where it starts.
        let claim = found.or_else(|| {
            let head: String = l.text.chars().take(30).collect();
            claims.iter().find(|x| x.text.contains(&head))
        });
        let got: BTreeSet<&str> = claim
            .map(|x| {
                x.blocs
                    .iter()
                    .map(String::as_str)
                    .filter(|b| BLOCS.contains(b))
                    .collect()
            })
            .unwrap_or_default();
        let k = lang_of(&l.article);
        s.exact[k].add(got == want);
        for b in BLOCS {
            s.constraints[k].add(got.contains(b) == want.contains(b));
        }
        if got != want {
            s.errors.push(format!(
                "blocs {}: want {want:?} got {got:?}: {}",
                l.article,
                l.text.chars().take(80).collect::<String>()
            ));
        }
    }
    for p in &labels.paragraph {
        let claims = claims_of(&p.article);
        let first = p.sentences.first().map(|x| norm(x)).unwrap_or_default();
        let head: String = first.chars().take(40).collect();
        let start = claims.iter().position(|x| norm(&x.text).starts_with(&head));
        let got: Vec<String> = match start {
            Some(i) => {
                let para = claims[i].paragraph;
                claims[i..]
                    .iter()
                    .take_while(|x| x.paragraph == para)
                    .map(|x| norm(&x.text))
                    .collect()
            }
            None => Vec::new(),
        };
        let want: Vec<String> = p.sentences.iter().map(|x| norm(x)).collect();
        let ok = got.len() >= want.len() && got[..want.len()] == want[..];
        s.boundaries.add(ok);
        if !ok {
            s.errors.push(format!(
                "boundaries {}: want {want:?} got {got:?}",
                p.article
            ));
        }
    }
    let figures = &data.figures().all;
    for f in &labels.figure {
        // The figure written as labelled, else one whose words hold the
        // label's (or the reverse) from a word's start: "2 milliards" is
        // not inside "3,2 milliards", nor "5 %" inside "5,5 %".
        let here = || figures.iter().filter(|x| x.article == f.article);
        let found = here().find(|x| x.raw.text == f.text).or_else(|| {
            here().find(|x| {
                holds_from_word(&x.raw.text, &f.text) || holds_from_word(&f.text, &x.raw.text)
            })
        });
        let ok = found.is_some_and(|x| {
            let unit = if x.raw.unit == "%" {
                "%"
            } else {
                x.raw.unit.as_str()
            };
            (x.raw.value - f.value).abs() <= 1e-6 * f.value.abs().max(1.0) && unit == f.currency
        });
        // A count with no currency ("117 billion parameters", "77 voix"),
        // which some labellers add: the engine reads money, percentages,
        // token prices, ratios and scores, not counts. Reported apart.
        if f.currency.is_empty() {
            s.counts.add(ok);
        } else {
            s.figures.add(ok);
        }
        let subject_ok = found.is_some_and(|x| {
            triptyque::text::fold(&x.subject).contains(&triptyque::text::fold(&f.subject))
                || triptyque::text::fold(&f.subject).contains(&triptyque::text::fold(&x.subject))
        });
        s.subjects.add(subject_ok);
        if !ok {
            s.errors.push(format!(
                "figure {}: want {} {} ({}) got {:?}",
                f.article,
                f.value,
                f.currency,
                f.text,
                found.map(|x| (x.raw.value, x.raw.unit.clone(), x.raw.text.clone()))
            ));
        } else if !subject_ok {
            s.errors.push(format!(
                "figure subject {}: want {} got {:?} ({})",
                f.article,
                f.subject,
                found.map(|x| x.subject.clone()),
                f.text
            ));
        }
    }
    for b in &labels.boilerplate {
        let claims = claims_of(&b.article);
        let line = norm(&b.text);
        // The claims of the paragraph that holds the line: a heading
        // elsewhere whose words the line quotes ("What to watch") is not
        // one of them.
        let a = c.article(&b.article).expect("a labelled article");
        let body: Vec<char> = a.body.chars().collect();
        let holder = a.paragraphs.iter().position(|r| {
            let t = norm(&body[r.clone()].iter().collect::<String>());
            t.contains(&line) || line.contains(&t)
        });
        let ok = claims
            .iter()
            .filter(|x| Some(x.paragraph) == holder)
            .filter(|x| line.contains(&norm(&x.text)) || norm(&x.text).contains(&line))
            .all(|x| x.kind == ClaimKind::Boilerplate);
        s.boilerplate.add(ok);
        if !ok {
            s.errors
                .push(format!("boilerplate {}: {}", b.article, b.text));
        }
    }
    s
}

/// Prints the report of one set; the errors only for the tuning set, when
/// asked.
fn report(set: &str, s: &Scores) {
    let pct = |t: &Tally| format!("{}/{} ({:.2})", t.ok, t.n, t.rate());
    println!("{set}:");
    println!(
        "  bloc constraints: French {}, English {}",
        pct(&s.constraints[0]),
        pct(&s.constraints[1])
    );
    println!(
        "  exact bloc sets:  French {}, English {}",
        pct(&s.exact[0]),
        pct(&s.exact[1])
    );
    println!(
        "  labelled sentences cut as labelled: {}",
        pct(&s.sentences_found)
    );
    println!("  paragraphs cut as labelled: {}", pct(&s.boundaries));
    println!(
        "  figures with the right value and currency: {}",
        pct(&s.figures)
    );
    println!(
        "  counts (no currency) read, apart from the figures: {}",
        pct(&s.counts)
    );
    println!("  figures with the right subject: {}", pct(&s.subjects));
    println!(
        "  boilerplate lines kept out of the claims: {}",
        pct(&s.boilerplate)
    );
    if std::env::var_os("HELDOUT_ERRORS").is_some_and(|v| v == set) {
        for e in &s.errors {
            println!("  {e}");
        }
    }
}

fn assert_floors(s: &Scores, floors: [f64; 7]) {
    let got = [
        ("French bloc constraints", s.constraints[0].rate()),
        ("English bloc constraints", s.constraints[1].rate()),
        ("sentences", s.sentences_found.rate()),
        ("paragraphs", s.boundaries.rate()),
        ("figures", s.figures.rate()),
        ("figure subjects", s.subjects.rate()),
        ("boilerplate", s.boilerplate.rate()),
    ];
    for ((what, got), floor) in got.into_iter().zip(floors) {
        assert!(got >= floor, "{what}: {got:.2} < {floor}");
    }
}

#[test]
fn held_out_web_text_in_french_and_english() {
    let s = measure("heldout");
    report("heldout", &s);
    // Floors just under what was measured: before the rules of issue 13,
    // French 0.84, English 0.86, sentences 0.63, paragraphs 0.32, figures
    // 0.35, subjects 0.09, boilerplate 0.00; after its first round, 0.90,
    // 0.94, 0.96, 0.92, 0.96, 0.30, 0.84; after the second (tuned on dev13
    // only), 0.90, 0.94, 0.98, 0.94, 1.00, 0.51, 0.92. They keep the engine
    // from falling back; the targets (French 0.95, every boundary) are not
    // all reached.
    // Fourth round, tuned on it: 0.93, 0.96, 0.98, 0.94, 1.00, 0.61, 1.00.
    // Fifth (tuned on it; list markers out of the measure): 0.93, 0.97,
    // 1.00, 1.00, 1.00, 0.61, 1.00.
    // Sixth: 0.96, 0.98, 1.00, 1.00, 1.00, 0.61, 1.00.
    assert_floors(&s, [0.95, 0.97, 0.99, 0.99, 0.98, 0.59, 0.98]);
}

#[test]
fn the_tuning_set() {
    let s = measure("dev13");
    report("dev13", &s);
    // Before the second round: 0.94, 0.90, 0.99, 0.96, 0.88, 0.28, 0.49;
    // after it: 0.96, 0.91, 1.00, 1.00, 1.00, 0.48, 0.98.
    // After the fourth: 0.97, 0.92, 1.00, 1.00, 1.00, 0.55, 1.00.
    // After the fifth: 0.97, 0.93, 1.00, 1.00, 1.00, 0.55, 1.00.
    // After the sixth: 0.97, 0.94, 1.00, 1.00, 1.00, 0.55, 1.00.
    assert_floors(&s, [0.96, 0.93, 0.99, 0.98, 0.98, 0.53, 0.98]);
}

#[test]
fn the_second_held_out_set() {
    let s = measure("heldout2");
    report("heldout2", &s);
    // Measured once, after the second round of rules: French 0.93, English
    // 0.94, sentences 0.99, paragraphs 0.98, figures 1.00, subjects 0.52,
    // boilerplate 0.77 (0.78 after one more rule from the tuning set).
    // Floors just under; never tuned on.
    // Fourth round, tuned on it: 0.94, 0.94, 0.99, 0.98, 1.00, 0.48 (two
    // fewer: the article's main subject is now a product, "Le Chat", or a
    // capital in a press review), 1.00.
    // Fifth, tuned on it: 0.93, 0.95, 1.00, 1.00, 1.00, 0.49, 1.00.
    // Sixth, tuned on it: 0.94, 0.96, 1.00, 1.00, 1.00, 0.49, 1.00.
    assert_floors(&s, [0.93, 0.95, 0.99, 0.99, 0.98, 0.47, 0.98]);
}

#[test]
fn the_third_held_out_set() {
    let s = measure("heldout3");
    report("heldout3", &s);
    // Measured once, after the third round of rules: French 0.88, English
    // 0.91, sentences 0.94, paragraphs 0.96, figures 0.92, subjects 0.32,
    // boilerplate 0.43 (a harder set: 121 boilerplate lines, datelines).
    // After the fourth round (never read): 0.88, 0.90, 0.94, 0.96, 0.92,
    // 0.40, 0.54. The fifth round read its errors and tuned on it: 0.91,
    // 0.93, 1.00, 1.00, 1.00, 0.40, 0.99.
    // Sixth, tuned on it: 0.92, 0.94, 1.00, 1.00, 1.00, 0.42, 0.99.
    assert_floors(&s, [0.91, 0.93, 0.99, 0.99, 0.98, 0.40, 0.98]);
}

#[test]
fn the_fourth_held_out_set() {
    let s = measure("heldout4");
    report("heldout4", &s);
    // Measured after the fourth round: French 0.91, English 0.93, sentences
    // 1.00, paragraphs 0.90, figures 0.79, subjects 0.36, boilerplate 0.86;
    // then, once more, after three changes made for the built-in corpus's
    // figures (not for this set, whose errors were never read): subjects
    // 0.32, the rest unchanged. The fifth round read its errors and tuned
    // on it: 0.94, 0.95, 1.00, 1.00, 1.00 (59/59; its 13 counts are apart),
    // 0.33, 0.99.
    // Sixth, tuned on it: 0.97, 0.96, 1.00, 1.00, 1.00, 0.35, 0.99.
    assert_floors(&s, [0.96, 0.95, 0.99, 0.99, 0.98, 0.33, 0.98]);
}

#[test]
fn the_fifth_held_out_set() {
    let s = measure("heldout5");
    report("heldout5", &s);
    // Written (12 articles) before the fifth round of rules, labelled during
    // it by a helper who never saw the rules; measured once, after it:
    // French 0.91, English 0.89, sentences 1.00, paragraphs 0.98, figures
    // 0.96, subjects 0.46, boilerplate 0.93. Read and tuned on in the
    // sixth round: 0.94, 0.97, 1.00, 0.98, 1.00, 0.52, 1.00.
    assert_floors(&s, [0.93, 0.96, 0.99, 0.97, 0.98, 0.50, 0.98]);
}

/// A set labelled by two people apart: the engine against each, with the
/// floors of each.
fn twice_labelled(set: &str, floors: [f64; 7], floors_second: [f64; 7]) {
    let s = measure(set);
    report(set, &s);
    let second = measure_with(set, "labels-second.toml");
    report(&format!("{set} (second labeller)"), &second);
    assert_floors(&s, floors);
    assert_floors(&second, floors_second);
}

#[test]
fn the_sixth_held_out_set() {
    // Written before the sixth round, labelled by two helpers apart who
    // never saw the rules; measured once, midway through the round:
    // French 0.91, English 0.95, sentences 0.89, paragraphs 0.78 (headings
    // and emphasis kept their Markdown marks, quotations of several
    // sentences held together, the headline of a page with no front matter
    // was a claim), figures 0.96 (0.35 as labelled: the labellers gave the
    // number before its scale word, "300" for "$300bn", and a script
    // applied the scale), subjects 0.48, boilerplate 0.98. Then read, and
    // tuned on for the rest of the round: 0.95, 0.97, 1.00, 0.99, 0.96,
    // 0.48, 0.98.
    twice_labelled(
        "heldout6",
        [0.94, 0.96, 0.99, 0.98, 0.95, 0.46, 0.97],
        [0.95, 0.95, 0.99, 0.97, 0.95, 0.46, 0.97],
    );
}

#[test]
fn the_seventh_held_out_set() {
    // Written during the sixth round by a helper who never saw the rules,
    // labelled by two more apart, measured once after the rules of the
    // round's first part: French 0.92, English 0.91, sentences 0.99, paragraphs 0.97,
    // figures 0.96, subjects 0.33, boilerplate 0.94 (0.92, 0.92, 0.98,
    // 0.96 against the second labeller). With Markdown's stars dropped
    // from the labels as from the claims (the labellers copied "**384**"):
    // 0.92, 0.92, 1.00, 0.98, 0.96, 0.33, 0.94. Then read, and tuned on
    // for the second part of the round: 0.96, 0.95, 1.00, 0.98, 0.96, 0.36,
    // 0.94.
    twice_labelled(
        "heldout7",
        [0.95, 0.94, 0.99, 0.97, 0.95, 0.34, 0.93],
        [0.95, 0.94, 0.99, 0.96, 0.95, 0.34, 0.93],
    );
}

#[test]
fn the_eighth_held_out_set() {
    // Written after heldout7's measure (French articles mostly on Europe's
    // dealings with the United States: DMA fines, the EU-US trade deal,
    // Meta's training data, exascale machines), labelled by two helpers
    // apart; measured once after the rules tuned on heldout7: French 0.84,
    // English 0.95, sentences 0.98, paragraphs 0.97, figures 0.94,
    // subjects 0.37, boilerplate 0.92 (0.86 and 0.96 against the second
    // labeller). Then read and tuned on (a headline's topic before its
    // colon, an apposition's name as subject, emphasis that hid a byline):
    // 0.88, 0.95, 0.98, 0.97, 0.94, 0.37, 0.95.
    twice_labelled(
        "heldout8",
        [0.87, 0.94, 0.97, 0.96, 0.93, 0.35, 0.91],
        [0.87, 0.95, 0.97, 0.95, 0.93, 0.37, 0.91],
    );
}

#[test]
fn the_ninth_held_out_set() {
    // Written at the start of the seventh session on issue 13 (French
    // articles on China's capital spending and chips, Europe's rules
    // against American platforms, the CHIPS Act, the Gulf), labelled by
    // two helpers apart; measured once before any rule changed: French
    // 0.93, English 0.87, sentences 1.00, paragraphs 0.98, figures 0.91,
    // subjects 0.43, boilerplate 0.73 (0.93, 0.87, 1.00, 0.98, 0.91, 0.44,
    // 0.73 against the second labeller). Then read and tuned on (link
    // lists under their header, glued to it or not, images, long credits,
    // ranges, a list's currency): 0.93, 0.87, 1.00, 0.98, 0.98, 0.46, 1.00.
    twice_labelled(
        "heldout9",
        [0.92, 0.86, 0.99, 0.97, 0.97, 0.45, 0.99],
        [0.92, 0.86, 0.99, 0.97, 0.97, 0.46, 0.99],
    );
}

#[test]
fn the_tenth_held_out_set() {
    // Written while the ninth was read (Europe's sovereign cloud and chips,
    // Beijing's rare earths and antitrust, Washington's export rules and
    // state laws, Korea and Taiwan), labelled by two helpers apart;
    // measured once after the rules tuned on heldout9 (link lists, images,
    // long credits, ranges, a list's currency): French 0.84, English 0.92,
    // sentences 0.99, paragraphs 0.95, figures 1.00, subjects 0.40,
    // boilerplate 0.86 (0.83, 0.92, 0.99, 0.95, 1.00, 0.34, 0.86 against
    // the second labeller). Not read since: still held out.
    twice_labelled(
        "heldout10",
        [0.83, 0.91, 0.98, 0.94, 0.99, 0.39, 0.85],
        [0.82, 0.91, 0.98, 0.94, 0.99, 0.33, 0.85],
    );
}

/// How far two people who labelled the same articles agree: on the
/// sentences both cut the same way, the share of bloc constraints and of
/// whole bloc sets they give alike (French, English); the share of the
/// first one's figures the second gives with the same value and currency;
/// and of the boilerplate lines both saw.
struct Agreement {
    shared: Tally,
    constraints: [Tally; 2],
    exact: [Tally; 2],
    figures: Tally,
    boilerplate: Tally,
}

fn agreement(a: &Labels, b: &Labels) -> Agreement {
    let mut g = Agreement {
        shared: Tally::default(),
        constraints: Default::default(),
        exact: Default::default(),
        figures: Tally::default(),
        boilerplate: Tally::default(),
    };
    for x in &a.sentence {
        let other = b
            .sentence
            .iter()
            .find(|y| y.article == x.article && norm(&y.text) == norm(&x.text));
        g.shared.add(other.is_some());
        let Some(y) = other else { continue };
        let l = usize::from(x.article.starts_with("en-"));
        let xs: BTreeSet<&str> = x.blocs.iter().map(String::as_str).collect();
        let ys: BTreeSet<&str> = y.blocs.iter().map(String::as_str).collect();
        for bloc in BLOCS {
            g.constraints[l].add(xs.contains(bloc) == ys.contains(bloc));
        }
        g.exact[l].add(xs == ys);
    }
    for f in &a.figure {
        g.figures.add(b.figure.iter().any(|h| {
            h.article == f.article
                && norm(&h.text) == norm(&f.text)
                && (h.value - f.value).abs() < 1e-9
                && h.currency == f.currency
        }));
    }
    let lines = |l: &Labels| -> BTreeSet<(String, String)> {
        l.boilerplate
            .iter()
            .map(|x| (x.article.clone(), norm(&x.text)))
            .collect()
    };
    let (la, lb) = (lines(a), lines(b));
    for x in la.union(&lb) {
        g.boilerplate.add(la.contains(x) && lb.contains(x));
    }
    g
}

#[test]
fn two_labellers_of_the_sixth_seventh_and_eighth_sets_agree_this_far() {
    for set in ["heldout6", "heldout7", "heldout8", "heldout9", "heldout10"] {
        agree(set);
    }
}

fn agree(set: &str) {
    let g = agreement(
        &labels_of(set, "labels.toml"),
        &labels_of(set, "labels-second.toml"),
    );
    let pct = |t: &Tally| format!("{}/{} ({:.2})", t.ok, t.n, t.rate());
    println!("{set}, first labeller against the second:");
    println!("  sentences cut alike: {}", pct(&g.shared));
    println!(
        "  bloc constraints alike: French {}, English {}",
        pct(&g.constraints[0]),
        pct(&g.constraints[1])
    );
    println!(
        "  bloc sets alike: French {}, English {}",
        pct(&g.exact[0]),
        pct(&g.exact[1])
    );
    println!("  figures alike: {}", pct(&g.figures));
    println!("  boilerplate lines both saw: {}", pct(&g.boilerplate));
    // Two readers never agree fully; the floors only catch a labels file
    // that no longer parses alike (a lost or mangled entry).
    assert!(
        g.shared.rate() >= 0.9,
        "sentences cut alike: {:.2}",
        g.shared.rate()
    );
    assert!(g.constraints[0].n > 0 && g.constraints[1].n > 0);
}
