//! Timeline events (`assets/timeline.toml`, or a corpus's `timeline.toml`),
//! each backed by quotes that appear verbatim in the articles.

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, PartialDate};
use crate::warning::{Warning, line_at};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    event: Vec<toml::Spanned<EventDef>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDef {
    id: String,
    date: String,
    end: Option<String>,
    title: String,
    #[serde(default)]
    blocs: Vec<String>,
    #[serde(default)]
    summary: String,
    note: Option<String>,
    #[serde(default)]
    source: Vec<SourceDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceDef {
    article: String,
    quote: String,
}

/// An event on the timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Stable id (`deepseek-r1`).
    pub id: String,
    /// When, as precise as the sources allow.
    pub date: PartialDate,
    /// End of a span, if it is one.
    pub end: Option<PartialDate>,
    /// Short title.
    pub title: String,
    /// Bloc codes.
    pub blocs: Vec<String>,
    /// One line.
    pub summary: String,
    /// How the date was established, where the articles do not give it.
    pub note: Option<String>,
    /// The quotes that back it.
    pub sources: Vec<EventSource>,
    /// How many distinct articles back it.
    pub corroboration: usize,
    /// Where the sources give different figures for it.
    pub disagreements: Vec<Disagreement>,
}

/// Sources that give different figures for one event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disagreement {
    /// What differs ("amount").
    pub about: String,
    /// "1 120 Md$ vs 800 Md$".
    pub summary: String,
    /// Each source's version.
    pub versions: Vec<Version>,
}

/// One source's figure in a [`Disagreement`].
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Version {
    /// Article id.
    pub article: String,
    /// Claim holding the quote.
    pub claim: Option<String>,
    /// The quote the figure comes from.
    pub quote: String,
    /// The figure as written ("1 120 milliards de dollars").
    pub text: String,
    /// Its value in the group's unit (billions for amounts).
    pub value: f64,
    /// A short label ("1 120 Md$").
    pub display: String,
}

/// Compares the main amount each article gives for the event (the first one
/// of its quotes that is not a part, "dont 589 milliards..."): when they
/// differ by more than 10%, the sources disagree. Each quote is read with its
/// article's language profile.
pub fn disagreements(corpus: &Corpus, sources: &[EventSource]) -> Vec<Disagreement> {
    let mut versions: Vec<Version> = Vec::new();
    for s in sources {
        if versions.iter().any(|v| v.article == s.article) {
            continue;
        }
        let numbers = &corpus.profile_of(&s.article).numbers;
        let main = crate::figures::extract(&s.quote, numbers)
            .into_iter()
            .find(|f| f.kind == crate::figures::Kind::Amount && !f.part);
        if let Some(f) = main {
            versions.push(Version {
                article: s.article.clone(),
                claim: s.claim.clone(),
                quote: s.quote.clone(),
                text: f.text.clone(),
                value: f.in_group_unit(),
                display: f.display(&numbers.display),
            });
        }
    }
    let (min, max) = versions.iter().fold((f64::INFINITY, 0f64), |(lo, hi), v| {
        (lo.min(v.value), hi.max(v.value))
    });
    if versions.len() < 2 || max <= min * 1.1 {
        return Vec::new();
    }
    let summary = versions
        .iter()
        .map(|v| v.display.as_str())
        .collect::<Vec<_>>()
        .join(" vs ");
    vec![Disagreement {
        about: "amount".into(),
        summary,
        versions,
    }]
}

/// A quote backing an event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EventSource {
    /// Article id.
    pub article: String,
    /// The claim that contains the start of the quote.
    pub claim: Option<String>,
    /// The quote, verbatim.
    pub quote: String,
}

/// The 1-based line of `key = ...` in the event that starts at byte `start`
/// of `src` (up to the next `[[event]]`), or the event's first line.
fn key_line(src: &str, start: usize, key: &str) -> usize {
    let mut off = start;
    for (i, line) in src[start.min(src.len())..]
        .split_inclusive('\n')
        .enumerate()
    {
        let t = line.trim_start();
        if i > 0 && t.starts_with("[[event]]") {
            break;
        }
        if t.strip_prefix(key)
            .is_some_and(|r| r.trim_start().starts_with('='))
        {
            return line_at(src, off);
        }
        off += line.len();
    }
    line_at(src, start)
}

/// Parses and checks a timeline against the corpus: every date must parse and
/// every quote must be found verbatim in its article (the claim holding it is
/// linked). Events that fail are reported and left out; the rest are sorted
/// by date.
pub fn load(name: &str, src: &str, corpus: &Corpus) -> (Vec<Event>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let warn = |line: Option<usize>, message: String| Warning::new(name, line, message);
    let file: File = match toml::from_str(src) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_at(src, s.start));
            warnings.push(warn(line, format!("timeline ignored: {}", e.message())));
            return (Vec::new(), warnings);
        }
    };
    let mut events = Vec::new();
    for spanned in file.event {
        let span = spanned.span();
        let line = Some(line_at(src, span.start));
        let def = spanned.into_inner();
        let date_line = Some(key_line(src, span.start, "date"));
        let date = match def.date.parse::<PartialDate>() {
            Ok(d) => d,
            Err(e) => {
                warnings.push(warn(date_line, format!("event `{}` left out: {e}", def.id)));
                continue;
            }
        };
        let end = match def.end.as_deref().map(str::parse::<PartialDate>) {
            Some(Err(e)) => {
                warnings.push(warn(
                    Some(key_line(src, span.start, "end")),
                    format!("event `{}`: end ignored: {e}", def.id),
                ));
                None
            }
            Some(Ok(d)) => Some(d),
            None => None,
        };
        let mut sources = Vec::new();
        for s in def.source {
            let Some(article) = corpus.article(&s.article) else {
                warnings.push(warn(
                    line,
                    format!("event `{}`: no article `{}`", def.id, s.article),
                ));
                continue;
            };
            let Some(byte) = article.body.find(&s.quote) else {
                warnings.push(warn(
                    line,
                    format!(
                        "event `{}`: quote not found verbatim in `{}`: {:?}",
                        def.id, s.article, s.quote
                    ),
                ));
                continue;
            };
            let at = article.body[..byte].chars().count();
            let claim = corpus.claims[article.claim_range.clone()]
                .iter()
                .find(|c| c.start <= at && at < c.end)
                .map(|c| c.id.clone());
            sources.push(EventSource {
                article: s.article,
                claim,
                quote: s.quote,
            });
        }
        if sources.is_empty() {
            warnings.push(warn(
                line,
                format!("event `{}` left out: no source found", def.id),
            ));
            continue;
        }
        let corroboration = sources
            .iter()
            .map(|s| s.article.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len();
        let disagreements = disagreements(corpus, &sources);
        events.push(Event {
            id: def.id,
            date,
            end,
            title: def.title,
            blocs: def.blocs,
            summary: def.summary,
            note: def.note,
            sources,
            corroboration,
            disagreements,
        });
    }
    events.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    (events, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_links_to_the_claim_it_starts_in() {
        let c = Corpus::from_files(vec![(
            "a.md".into(),
            "Une phrase sur la Chine. Une autre sur l’Europe.\nUn second paragraphe, sur les États-Unis.\n"
                .as_bytes()
                .to_vec(),
        )]);
        let src = "[[event]]\nid = \"x\"\ndate = \"2025\"\ntitle = \"X\"\n[[event.source]]\narticle = \"a\"\nquote = \"autre sur l’Europe\"\n[[event.source]]\narticle = \"a\"\nquote = \"second paragraphe\"\n";
        let (events, warnings) = load("t.toml", src, &c);
        assert!(warnings.is_empty(), "{warnings:?}");
        let claims: Vec<Option<&str>> = events[0]
            .sources
            .iter()
            .map(|s| s.claim.as_deref())
            .collect();
        assert_eq!(claims, [Some("a#2"), Some("a#3")]);
    }
}
