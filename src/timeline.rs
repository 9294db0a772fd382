//! Timeline events (`assets/timeline.toml`, or a corpus's `timeline.toml`),
//! each backed by quotes that appear verbatim in the articles.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::corpus::{Corpus, PartialDate};
use crate::i18n::{tr, trf};
use crate::text::clean;
use crate::warning::{LineIndex, Warning, line_at};

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
    /// The event's words in other languages, by code.
    #[serde(default)]
    translations: BTreeMap<String, Localized>,
}

/// An event's title, summary and note in another language
/// (`[event.translations.fr]` in a timeline file).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    /// Short title.
    pub title: String,
    /// One line.
    #[serde(default)]
    pub summary: String,
    /// How the date was established.
    #[serde(default)]
    pub note: Option<String>,
}

impl Localized {
    fn cleaned(self) -> Self {
        Localized {
            title: clean(self.title),
            summary: clean(self.summary),
            note: self.note.map(clean),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceDef {
    article: String,
    quote: String,
}

impl EventDef {
    /// The event with every text cleaned of controls and escapes.
    fn cleaned(self) -> Self {
        EventDef {
            id: clean(self.id),
            date: clean(self.date),
            end: self.end.map(clean),
            title: clean(self.title),
            blocs: self.blocs.into_iter().map(clean).collect(),
            summary: clean(self.summary),
            note: self.note.map(clean),
            source: self
                .source
                .into_iter()
                .map(|s| SourceDef {
                    article: clean(s.article),
                    quote: clean(s.quote),
                })
                .collect(),
            translations: self
                .translations
                .into_iter()
                .map(|(k, v)| (clean(k), v.cleaned()))
                .collect(),
        }
    }
}

/// How an event's date was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateKind {
    /// A claim gives the date ("le 27 janvier 2025").
    Stated,
    /// A relative date, resolved against the article's ("en décembre" in an
    /// article of February 2025); the note says how.
    Inferred,
    /// No claim dates it: it stands at the date of the article that reports
    /// it, which it happened on or before.
    Reported,
}

/// Where an event comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventOrigin {
    /// Found in the text.
    Found,
    /// Named in a `timeline.toml` only.
    Curated,
    /// Found, and named in a `timeline.toml` that lent it its title, summary
    /// and note.
    Both,
}

/// The date one source gives an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceDate {
    /// Article id.
    pub article: String,
    /// The claim.
    pub claim: Option<String>,
    /// The date (the start of a span).
    pub date: PartialDate,
    /// The end of a span.
    pub end: Option<PartialDate>,
    /// How it was established.
    pub kind: DateKind,
    /// The words that say it ("en décembre"), when the text says it.
    pub text: Option<String>,
}

/// An event on the timeline.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Stable id (`deepseek-r1`).
    pub id: String,
    /// When, as precise as the sources allow (for a reported event, the date
    /// of the article that reports it).
    pub date: PartialDate,
    /// End of a span, if it is one.
    pub end: Option<PartialDate>,
    /// How the date was established.
    pub date_kind: DateKind,
    /// Found in the text, curated, or both.
    pub origin: EventOrigin,
    /// What happened ("release", "market_fall"), for found events.
    pub kind: Option<String>,
    /// Who or what it is about, for found events.
    pub subject: Option<String>,
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
    /// The date each source gives (the event's own date is the most precise
    /// stated one; the others stay visible here).
    pub dates: Vec<SourceDate>,
    /// How many distinct articles back it.
    pub corroboration: usize,
    /// Where the sources give different figures or dates for it.
    pub disagreements: Vec<Disagreement>,
    /// Its words in other languages (curated events), by language code.
    #[serde(default)]
    pub translations: BTreeMap<String, Localized>,
}

/// Tells each event in language `code` where it has words in it: title,
/// summary and note are swapped with the translation's, so that the
/// explorer, the CLI and export show the same text.
pub fn localize(events: &mut [Event], code: &str) {
    for e in events {
        let Some(t) = e.translations.get(code) else {
            continue;
        };
        e.title = t.title.clone();
        if !t.summary.is_empty() {
            e.summary = t.summary.clone();
        }
        if t.note.is_some() {
            e.note = t.note.clone();
        }
    }
}

impl Event {
    /// "27 Jan 2025", "May – Jun 2024", or "reported by 10 Feb 2025": a
    /// reported date is never shown as the day it happened.
    pub fn when(&self) -> String {
        let base = match &self.end {
            Some(end) => format!("{} – {}", self.date.label(), end.label()),
            None => self.date.label(),
        };
        match self.date_kind {
            DateKind::Reported => format!("reported by {base}"),
            _ => base,
        }
    }
}

/// True when filter word `w` matches word `h` (both folded): a prefix of
/// it, or its letters in order within it, from its first letter, in a word
/// at most twice as long ("europeen" in "europeenne", "dpsk" in "deepseek").
fn word_matches(w: &str, h: &str) -> bool {
    if h.starts_with(w) {
        return true;
    }
    let (wn, hn) = (w.chars().count(), h.chars().count());
    w.chars().next() == h.chars().next()
        && hn <= 2 * wn
        && crate::search::skim::score(h, w).is_some()
}

/// The Timeline's `/` filter (and its export): true when every word of `filter` matches a word of the event's title,
/// subject or quotes, accents and case folded.
pub fn keeps(e: &Event, filter: &str) -> bool {
    let mut hay = crate::text::fold(&e.title);
    if let Some(s) = &e.subject {
        hay.push(' ');
        hay.push_str(&crate::text::fold(s));
    }
    for s in &e.sources {
        hay.push(' ');
        hay.push_str(&crate::text::fold(&s.quote));
    }
    let words: Vec<&str> = hay
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    crate::text::fold(filter)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| words.iter().any(|h| word_matches(w, h)))
}

/// The months as the interface shows them ("Jan" in English).
pub const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "27 Jan 2025" in the interface's language (`PartialDate::label` is
/// English, for the plain commands).
pub fn date_label(d: &PartialDate) -> String {
    let month = |m: u8| tr(MONTHS[usize::from(m.clamp(1, 12) - 1)]);
    match (d.month, d.day) {
        (Some(m), Some(day)) => format!("{day} {} {}", month(m), d.year),
        (Some(m), None) => format!("{} {}", month(m), d.year),
        _ => d.year.to_string(),
    }
}

/// "reported by 10 Feb 2025", "reported in 2025": French says « le » before
/// a day and « en » before a month or a year.
pub fn reported(d: &PartialDate, label: &str) -> String {
    if d.day.is_some() {
        trf("reported by {date}", &[("date", &label)])
    } else {
        trf("reported in {period}", &[("period", &label)])
    }
}

impl Event {
    /// How the date was established, in the interface's language: a found
    /// event's note is told again from the date it was given by (its
    /// `note` is English, for the plain commands); a curated one's is the
    /// curator's, translated where the timeline file says it.
    pub fn note_shown(&self, corpus: &Corpus) -> Option<String> {
        if self.origin != EventOrigin::Found {
            return self.note.clone();
        }
        let Some(d) = self
            .dates
            .iter()
            .find(|d| d.date == self.date && d.end == self.end && d.kind == self.date_kind)
        else {
            return self.note.clone();
        };
        let article_date = corpus
            .article(&d.article)
            .and_then(|a| a.date)
            .map(|x| date_label(&x))
            .unwrap_or_else(|| tr("unknown date").to_string());
        match d.kind {
            DateKind::Stated => None,
            DateKind::Inferred => {
                let period = match d.end {
                    Some(e) => trf(
                        "{from} to {to}",
                        &[("from", &date_label(&d.date)), ("to", &date_label(&e))],
                    ),
                    None => date_label(&d.date),
                };
                Some(trf(
                    "“{text}” in an article of {date}: {period}",
                    &[
                        ("text", &d.text.clone().unwrap_or_default()),
                        ("date", &article_date),
                        ("period", &period),
                    ],
                ))
            }
            DateKind::Reported => Some(trf(
                "The text gives no date; reported by the article of {date}.",
                &[("date", &article_date)],
            )),
        }
    }

    /// [`Event::when`] in the interface's language.
    pub fn when_shown(&self) -> String {
        let base = match &self.end {
            Some(end) => format!("{} – {}", date_label(&self.date), date_label(end)),
            None => date_label(&self.date),
        };
        match self.date_kind {
            DateKind::Reported => reported(&self.date, &base),
            _ => base,
        }
    }
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

impl Disagreement {
    /// [`Disagreement::summary`] with the interface's word between the
    /// versions ("1 120 Md$ vs 800 Md$", « 1 120 Md$ contre 800 Md$ »).
    pub fn summary_shown(&self) -> String {
        let mut labels: Vec<&str> = Vec::new();
        for v in &self.versions {
            if !labels.contains(&v.display.as_str()) {
                labels.push(&v.display);
            }
        }
        labels.join(tr(" vs "))
    }
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
    /// The currency (`USD`), or `date` for a date.
    pub unit: String,
}

/// Compares the main amount each article gives for the event (the first one
/// of its quotes that is not a part, "dont 589 milliards..."), among amounts
/// in one currency: when they differ by more than 10%, the sources disagree.
/// Each quote is read with its article's language profile. Then the dates:
/// two articles stating different days (or months) disagree too.
pub fn disagreements(
    corpus: &Corpus,
    sources: &[EventSource],
    dates: &[SourceDate],
) -> Vec<Disagreement> {
    let mut out = amount_disagreement(corpus, sources);
    out.extend(date_disagreement(dates));
    out
}

fn date_disagreement(dates: &[SourceDate]) -> Option<Disagreement> {
    // The stated dates at their most common precision, one per article.
    let stated: Vec<&SourceDate> = dates
        .iter()
        .filter(|d| d.kind == DateKind::Stated)
        .collect();
    let best = stated.iter().map(|d| d.date.precision()).max()?;
    let mut versions: Vec<Version> = Vec::new();
    for d in stated.iter().filter(|d| d.date.precision() == best) {
        if versions.iter().any(|v| v.article == d.article) {
            continue;
        }
        versions.push(Version {
            article: d.article.clone(),
            claim: d.claim.clone(),
            quote: d.text.clone().unwrap_or_default(),
            text: d.text.clone().unwrap_or_default(),
            value: d.date.days().0 as f64,
            display: d.date.label(),
            unit: "date".into(),
        });
    }
    let first = versions.first()?.display.clone();
    if versions.iter().all(|v| v.display == first) {
        return None;
    }
    let mut labels: Vec<&str> = Vec::new();
    for v in &versions {
        if !labels.contains(&v.display.as_str()) {
            labels.push(&v.display);
        }
    }
    Some(Disagreement {
        about: "date".into(),
        summary: labels.join(" vs "),
        versions,
    })
}

fn amount_disagreement(corpus: &Corpus, sources: &[EventSource]) -> Vec<Disagreement> {
    let mut versions: Vec<Version> = Vec::new();
    for s in sources {
        if versions.iter().any(|v| v.article == s.article) {
            continue;
        }
        let numbers = &corpus.profile_of(&s.article).numbers;
        let main = crate::figures::extract(&s.quote, numbers)
            .into_iter()
            .find(|f| f.kind == crate::figures::Kind::Amount && !f.part);
        // Only amounts in the currency of the first version compare.
        let main = main.filter(|f| versions.first().is_none_or(|v| v.unit == f.unit));
        if let Some(f) = main {
            versions.push(Version {
                article: s.article.clone(),
                claim: s.claim.clone(),
                quote: s.quote.clone(),
                text: f.text.clone(),
                value: f.in_group_unit(),
                display: f.display(&numbers.display),
                unit: f.unit.clone(),
            });
        }
    }
    let (min, max) = versions.iter().fold((f64::INFINITY, 0f64), |(lo, hi), v| {
        (lo.min(v.value), hi.max(v.value))
    });
    if versions.len() < 2 || max <= min * 1.1 {
        return Vec::new();
    }
    // The largest first: "1 120 Md$ vs 800 Md$", whatever order the
    // sources come in.
    versions.sort_by(|a, b| b.value.total_cmp(&a.value));
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
fn key_line(src: &str, lines: &LineIndex, start: usize, key: &str) -> usize {
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
            return lines.line(off);
        }
        off += line.len();
    }
    lines.line(start)
}

/// Lays curated events over found ones. A curated event that shares a claim
/// with a found one lends it its id, title, summary, note, date and blocs
/// (the curator's reading wins) and adds its quotes; the found event's dates
/// and disagreements are recomputed over all its sources. A curated event
/// that matches nothing is added as it is. The result is in date order.
pub fn merge(corpus: &Corpus, found: Vec<Event>, curated: Vec<Event>) -> Vec<Event> {
    let mut out = found;
    for c in curated {
        let claims: Vec<&str> = c
            .sources
            .iter()
            .filter_map(|s| s.claim.as_deref())
            .collect();
        // Of the found events that share a claim with it, the one whose
        // subject its quotes name, then the one that shares the most.
        let hit = out
            .iter()
            .enumerate()
            .filter(|(_, e)| e.origin == EventOrigin::Found)
            .filter_map(|(i, e)| {
                let shared = e
                    .sources
                    .iter()
                    .filter(|s| s.claim.as_deref().is_some_and(|id| claims.contains(&id)))
                    .count();
                let named = e
                    .subject
                    .as_deref()
                    .is_some_and(|subj| c.sources.iter().any(|s| s.quote.contains(subj)));
                (shared > 0).then_some((named, shared, std::cmp::Reverse(i)))
            })
            .max()
            .map(|(_, _, std::cmp::Reverse(i))| i);
        let Some(i) = hit else {
            out.push(c);
            continue;
        };
        let e = &mut out[i];
        e.origin = EventOrigin::Both;
        e.id = c.id;
        e.title = c.title;
        e.translations = c.translations;
        if !c.summary.is_empty() {
            e.summary = c.summary;
        }
        if c.date != e.date || c.end != e.end {
            e.date = c.date;
            e.end = c.end;
            e.date_kind = c.date_kind;
        }
        if c.note.is_some() {
            e.note = c.note;
        }
        if !c.blocs.is_empty() {
            e.blocs = c.blocs;
        }
        for s in c.sources {
            let dup = e
                .sources
                .iter()
                .any(|x| x.article == s.article && (x.claim == s.claim || x.quote == s.quote));
            if !dup {
                e.sources.push(s);
            }
        }
        e.corroboration = distinct_articles(&e.sources);
        e.disagreements = disagreements(corpus, &e.sources, &e.dates);
    }
    out.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    // Ids stay unique when a found event took a curated id.
    let mut seen = std::collections::HashSet::new();
    for e in &mut out {
        let mut id = e.id.clone();
        let mut n = 2;
        while !seen.insert(id.clone()) {
            id = format!("{}-{n}", e.id);
            n += 1;
        }
        e.id = id;
    }
    out
}

/// How many distinct articles `sources` come from.
pub fn distinct_articles(sources: &[EventSource]) -> usize {
    sources
        .iter()
        .map(|s| s.article.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len()
}

/// Parses and checks a timeline against the corpus: every date must parse and
/// every quote must be found verbatim in its article (the claim holding it is
/// linked). Events that fail are reported and left out; the rest are sorted
/// by date.
pub fn load(name: &str, src: &str, corpus: &Corpus) -> (Vec<Event>, Vec<Warning>) {
    let mut warnings = Vec::new();
    let warn =
        |line: Option<usize>, template: &'static str, args: &[(&str, &dyn std::fmt::Display)]| {
            Warning::trf(name, line, template, args)
        };
    let file: File = match toml::from_str(src) {
        Ok(f) => f,
        Err(e) => {
            let line = e.span().map(|s| line_at(src, s.start));
            warnings.push(warn(
                line,
                "timeline ignored: {why}",
                &[("why", &e.message())],
            ));
            return (Vec::new(), warnings);
        }
    };
    let mut events = Vec::new();
    let lines = LineIndex::new(src);
    for spanned in file.event {
        let span = spanned.span();
        let line = Some(lines.line(span.start));
        // TOML decodes `\u001b`: what it gives is cleaned like the corpus.
        let def = spanned.into_inner().cleaned();
        let date_line = Some(key_line(src, &lines, span.start, "date"));
        let date = match def.date.parse::<PartialDate>() {
            Ok(d) => d,
            Err(e) => {
                warnings.push(warn(
                    date_line,
                    "event `{id}` left out: {why}",
                    &[("id", &def.id), ("why", &e)],
                ));
                continue;
            }
        };
        let end = match def.end.as_deref().map(str::parse::<PartialDate>) {
            Some(Err(e)) => {
                let end_line = Some(key_line(src, &lines, span.start, "end"));
                warnings.push(warn(
                    end_line,
                    "event `{id}`: end ignored: {why}",
                    &[("id", &def.id), ("why", &e)],
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
                    "event `{id}`: no article `{article}`",
                    &[("id", &def.id), ("article", &s.article)],
                ));
                continue;
            };
            let Some(byte) = article.body.find(&s.quote) else {
                warnings.push(warn(
                    line,
                    "event `{id}`: quote not found verbatim in `{article}`: {quote}",
                    &[
                        ("id", &def.id),
                        ("article", &s.article),
                        ("quote", &format!("{:?}", s.quote)),
                    ],
                ));
                continue;
            };
            let at = article.body[..byte].chars().count();
            let claim = corpus
                .claims
                .range(article.claim_range.clone())
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
                "event `{id}` left out: no source found",
                &[("id", &def.id)],
            ));
            continue;
        }
        let corroboration = distinct_articles(&sources);
        // A curated date is the curator's: stated, unless a note says how it
        // was inferred.
        let date_kind = if def.note.is_some() {
            DateKind::Inferred
        } else {
            DateKind::Stated
        };
        let disagreements = disagreements(corpus, &sources, &[]);
        events.push(Event {
            id: def.id,
            date,
            end,
            date_kind,
            origin: EventOrigin::Curated,
            kind: None,
            subject: None,
            title: def.title,
            blocs: def.blocs,
            summary: def.summary,
            note: def.note,
            sources,
            dates: Vec::new(),
            corroboration,
            disagreements,
            translations: def.translations,
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
