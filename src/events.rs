//! Events found in the text itself: claims that report something happening
//! (a language profile's event words: launches, adoptions, investments, a
//! market's fall, inquiries, summits…) about a named subject, dated from the
//! claim (stated), from a relative date resolved against the article
//! (inferred) or from the article that reports them (reported), then
//! grouped across articles into one event per happening.
//!
//! What rules a claim out is data too: datelines, bylines, credits and links
//! by their opening words, the author's asides by first-person words,
//! questions and headings by their shape, hopes and fears by hedges.

use std::collections::HashMap;

use rayon::prelude::*;

use crate::corpus::{
    Article, Claim, ClaimKind, Corpus, DateMention, Fetched, PartialDate, Precision,
};
use crate::lang::Profile;
use crate::names::{Entity, clause_of, entities, subject_of};
use crate::text::fold;
use crate::timeline::{
    DateKind, Disagreement, Event, EventOrigin, EventSource, SourceDate, disagreements,
    distinct_articles,
};

/// A happening one claim reports.
#[derive(Debug, Clone)]
struct Candidate {
    article: usize,
    claim: usize,
    /// Index into the profile's kinds; `None` for a dated, named happening
    /// with no event word.
    kind: Option<String>,
    collective: bool,
    subject: Entity,
    date: SourceDate,
    title: String,
    /// How good a title and a date this claim gives the group.
    quality: i32,
}

/// A title from the claim: the clause of the happening, from its subject
/// when the subject opens it, cut at about 80 chars.
fn title_of(chars: &[char], at: usize, subject: &Entity) -> (String, bool) {
    let (cs, ce) = clause_of(chars, at);
    let from_subject = subject.start >= cs && subject.start <= at;
    let s = if from_subject { subject.start } else { cs };
    let clause: String = chars[s..ce].iter().collect();
    let clause = clause
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | '…'));
    let mut title = if from_subject || clause.contains(&subject.surface) {
        clause.to_string()
    } else {
        format!("{} : {clause}", subject.surface)
    };
    if title.chars().count() > 80 {
        let cut: String = title.chars().take(79).collect();
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(a, _)| a);
        title = format!("{cut}…");
    }
    let mut cs = title.chars();
    let title = match cs.next() {
        Some(c) => c.to_uppercase().chain(cs).collect(),
        None => title,
    };
    (title, from_subject)
}

/// True when a claim cannot report an event: a dateline, byline, credit or
/// link; the author's aside; a question; a hope or a hypothesis.
fn ruled_out(claim: &Claim, p: &Profile) -> bool {
    let ew = &p.events;
    if matches!(claim.kind, ClaimKind::Heading | ClaimKind::Boilerplate)
        || claim.text.trim_end().ends_with('?')
    {
        return true;
    }
    let f = fold(&claim.text);
    let opening = f.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    if ew
        .not_event_openings
        .iter()
        .any(|o| opening.starts_with(o.as_str()))
    {
        return true;
    }
    // An aside in parentheses ("(dont je suis cofondateur)") does not make
    // the claim the author's.
    let mut depth = 0usize;
    let outside: String = f
        .chars()
        .map(|c| {
            match c {
                '(' => depth += 1,
                ')' => depth = depth.saturating_sub(1),
                _ => {}
            }
            if depth > 0 { ' ' } else { c }
        })
        .collect();
    let f = outside;
    let words: Vec<&str> = f
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |list: &[String]| {
        list.iter().any(|x| {
            if x.contains(' ') {
                f.contains(x.as_str())
            } else if let Some(elided) = x.strip_suffix('\'') {
                words
                    .iter()
                    .any(|w| w.strip_prefix(elided).is_some_and(|r| r.starts_with('\'')))
            } else {
                words.contains(&x.as_str())
            }
        })
    };
    // A claim that is nothing but a date ("10 février 2025") is a dateline.
    let dated_words: usize = claim
        .dates
        .iter()
        .map(|d| d.text.split_whitespace().count())
        .sum();
    if !claim.dates.is_empty() && words.len() <= dated_words + 1 {
        return true;
    }
    has(&ew.first_person) || has(&ew.hedges)
}

fn source_date(a: &Article, c: &Claim, d: Option<&DateMention>) -> Option<SourceDate> {
    let (date, end, kind, text) = match d {
        Some(m) => (
            m.date,
            m.end,
            if m.inferred {
                DateKind::Inferred
            } else {
                DateKind::Stated
            },
            Some(m.text.clone()),
        ),
        None => (a.date?, None, DateKind::Reported, None),
    };
    Some(SourceDate {
        article: a.id.clone(),
        claim: Some(c.id.clone()),
        date,
        end,
        kind,
        text,
    })
}

/// The happenings one article reports.
fn article_candidates(corpus: &Corpus, ai: usize) -> Vec<Candidate> {
    let a = &corpus.articles[ai];
    let p = corpus.profile_of(&a.id);
    let ew = &p.events;
    if ew.triggers.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::new();
    // A lead-in ending with ":" gives its event word to the items below it.
    let mut lead: Option<(usize, String)> = None;
    // A heading's first name: what its section is about, for the claim
    // right below it and the section's items.
    let mut section: Option<Entity> = None;
    let mut below_heading = false;
    // Decoded once per article when the claims are in a store.
    let claims = corpus.claims.slice(a.claim_range.clone());
    let base = a.claim_range.start;
    for (ci, c) in claims.iter().enumerate().map(|(k, c)| (base + k, c)) {
        if c.kind != ClaimKind::Item {
            lead = None;
        }
        let first_below = below_heading;
        below_heading = c.kind == ClaimKind::Heading;
        if below_heading {
            section = entities(&c.text, corpus, p).into_iter().next();
        }
        // Cheap checks first: most claims report nothing.
        let triggers = ew.triggers.find(&c.text);
        if c.text.trim_end().ends_with(':')
            && let Some(&(_, _, k)) = triggers.first()
        {
            lead = Some((k, String::new()));
        }
        let may_inherit = c.kind == ClaimKind::Item && lead.is_some();
        if triggers.is_empty() && c.dates.is_empty() && !may_inherit {
            continue;
        }
        // A lead-in ("D'autres modèles émergent :") is told by its items.
        if ruled_out(c, p) || c.text.trim_end().ends_with(':') {
            continue;
        }
        let chars: Vec<char> = c.text.chars().collect();
        let mut ents = entities(&c.text, corpus, p);
        if ents.is_empty() {
            // The subject spoken of before ("L'entreprise…": the last name of
            // the claims just before), else the section's.
            let inherited = if refers_back(&c.text, corpus, p) {
                (a.claim_range.start..ci)
                    .rev()
                    .take(LOOK_BACK)
                    .find_map(|k| {
                        let prev = claims.get(k - base)?;
                        entities(&prev.text, corpus, p).into_iter().next()
                    })
            } else {
                None
            };
            let inherited = inherited.or_else(|| {
                (first_below || c.kind == ClaimKind::Item)
                    .then(|| section.clone())
                    .flatten()
            });
            if let Some(e) = inherited {
                ents.push(Entity {
                    start: 0,
                    end: 0,
                    ..e
                });
            }
        }
        if ents.is_empty() {
            continue;
        }
        let trig: Vec<(usize, usize)> = triggers.iter().map(|&(s, _, k)| (s, k)).collect();
        let inherited = (c.kind == ClaimKind::Item && trig.is_empty())
            .then(|| lead.as_ref().map(|(k, _)| *k))
            .flatten();
        let kind_at = |at: usize| -> Option<usize> {
            trig.iter()
                .min_by_key(|(s, _)| s.abs_diff(at))
                .map(|&(_, k)| k)
                .or(inherited)
        };
        let mut push = |at: usize, d: Option<&DateMention>, k: Option<usize>| {
            let Some(subject) = subject_of(&ents, &chars, at, &ew.prepositions).cloned() else {
                return;
            };
            let Some(date) = source_date(a, c, d) else {
                return;
            };
            let (title, subject_first) = title_of(&chars, at, &subject);
            let quality = i32::from(subject_first) * 2
                + i32::from(date.kind == DateKind::Stated)
                + i32::from(k.is_some());
            let (kind, collective) = match k.and_then(|k| ew.kinds.get(k)) {
                Some((code, coll)) => (Some(code.clone()), *coll),
                None => (None, false),
            };
            out.push(Candidate {
                article: ai,
                claim: ci,
                kind,
                collective,
                subject,
                date,
                title,
                quality,
            });
        };
        if c.dates.is_empty() {
            // Reported: an event word is needed. Several happenings when
            // several event words have subjects of their own ("Alibaba a
            // lancé…, Meta investit…").
            let mut seen: Vec<(String, usize)> = Vec::new();
            for &(s, k) in &trig {
                let Some(subject) = subject_of(&ents, &chars, s, &ew.prepositions) else {
                    continue;
                };
                // One happening per kind, and per subject.
                if seen.iter().any(|(key, kk)| *key == subject.key || *kk == k) {
                    continue;
                }
                seen.push((subject.key.clone(), k));
                push(s, None, Some(k));
            }
            if trig.is_empty()
                && let Some(k) = inherited
            {
                push(0, None, Some(k));
            }
            continue;
        }
        // One happening per date ("avec DeepSeek Coder [février 2024], suivi
        // de DeepSeek V2 en mai-juin"): each date with its nearest subject.
        let mut seen: Vec<(String, Option<usize>, PartialDate)> = Vec::new();
        for d in &c.dates {
            let k = kind_at(d.offset);
            // With no event word, only a date at least to the month makes a
            // named thing an event.
            if k.is_none() && d.date.precision() == Precision::Year {
                continue;
            }
            let Some(subject) = subject_of(&ents, &chars, d.offset, &ew.prepositions) else {
                continue;
            };
            let sig = (subject.key.clone(), k, d.date);
            if seen.contains(&sig) {
                continue;
            }
            seen.push(sig);
            // The title's clause: the event word's, else the subject's.
            let at = trig
                .iter()
                .map(|&(s, _)| s)
                .min_by_key(|s| s.abs_diff(d.offset))
                .unwrap_or(subject.end.max(subject.start));
            push(at, Some(d), k);
        }
    }
    out
}

/// True when `text` opens on a word that refers back (a pronoun, a
/// determiner, a definite description such as "la société").
fn refers_back(text: &str, corpus: &Corpus, p: &Profile) -> bool {
    if corpus.lexicon.opening(text, &p.anaphora) != crate::corpus::tag::Opening::Other {
        return true;
    }
    let f = fold(&text.chars().take(64).collect::<String>());
    let f = f.trim_start_matches(|c: char| !c.is_alphanumeric());
    p.anaphora.descriptions.iter().any(|d| {
        let phrase = d.join(" ");
        f.starts_with(&phrase)
            && f[phrase.len()..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// How many claims back a reference ("L'entreprise…") looks for its name.
const LOOK_BACK: usize = 3;

/// Days within which a report follows what it reports.
const REPORT_WINDOW: i64 = 45;
/// Days two stated days may differ and still tell one happening.
const SAME_DAY_SLACK: i64 = 7;

/// How many later candidates of a bucket one meets, at most.
const SWEEP: usize = 32;

/// The days a source's date covers, first and last.
fn span(d: &SourceDate) -> (i64, i64) {
    let (s, _) = d.date.days();
    let (_, e) = d.end.unwrap_or(d.date).days();
    (s, e)
}

/// True when two dates can be one happening's.
fn compatible(a: &SourceDate, b: &SourceDate) -> bool {
    let ((a0, a1), (b0, b1)) = (span(a), span(b));
    let overlap = a0 <= b1 && b0 <= a1;
    match (a.kind == DateKind::Reported, b.kind == DateKind::Reported) {
        (false, false) => {
            overlap
                || (a.date.precision() == Precision::Day
                    && b.date.precision() == Precision::Day
                    && a0.abs_diff(b0) as i64 <= SAME_DAY_SLACK)
        }
        // A report comes on or after what it reports, within a while.
        (true, false) => b0 <= a1 && a0 - b1 <= REPORT_WINDOW,
        (false, true) => a0 <= b1 && b0 - a1 <= REPORT_WINDOW,
        (true, true) => a0 - b1 <= REPORT_WINDOW && b0 - a1 <= REPORT_WINDOW,
    }
}

fn find(parent: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while parent[r] != r {
        r = parent[r];
    }
    let mut y = x;
    while parent[y] != r {
        let next = parent[y];
        parent[y] = r;
        y = next;
    }
    r
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        parent[ra.max(rb)] = ra.min(rb);
    }
}

/// Groups candidates that tell one happening: the same kind, compatible
/// dates, and the same subject (for a collective kind, such as a market's
/// fall, a shared bloc).
fn group(claims: &Fetched, cands: &[Candidate]) -> Vec<Vec<usize>> {
    let mut buckets: HashMap<(Option<&str>, String), Vec<usize>> = HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        let kind = c.kind.as_deref();
        if c.collective {
            for b in claims
                .get(c.claim)
                .map(|c| c.blocs.clone())
                .unwrap_or_default()
            {
                buckets.entry((kind, format!("@{b}"))).or_default().push(i);
            }
        } else {
            buckets
                .entry((kind, c.subject.key.clone()))
                .or_default()
                .push(i);
        }
    }
    let mut parent: Vec<usize> = (0..cands.len()).collect();
    let ranges: Vec<(i64, i64)> = cands.iter().map(|c| span(&c.date)).collect();
    let mut keys: Vec<_> = buckets.keys().cloned().collect();
    keys.sort();
    for k in keys {
        // In date order, each candidate meets the ones that start before its
        // end (and a report window) does: a sweep, not every pair, and at
        // most a few dozen of them (union is transitive).
        let mut members = buckets[&k].clone();
        members.sort_by_key(|&i| ranges[i]);
        for (x, &i) in members.iter().enumerate() {
            for &j in members[x + 1..].iter().take(SWEEP) {
                if ranges[j].0 > ranges[i].1 + REPORT_WINDOW {
                    break;
                }
                if compatible(&cands[i].date, &cands[j].date) {
                    union(&mut parent, i, j);
                }
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..cands.len() {
        let r = find(&mut parent, i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort_by_key(|g| g[0]);
    out
}

/// The date a group stands at: the most precise stated one (the one most
/// sources give, then the earliest), else the most precise inferred one,
/// else the earliest report.
fn chosen_date(dates: &[SourceDate]) -> &SourceDate {
    let rank = |d: &SourceDate| match d.kind {
        DateKind::Stated => 2,
        DateKind::Inferred => 1,
        DateKind::Reported => 0,
    };
    let mut counts: HashMap<(PartialDate, DateKind), usize> = HashMap::new();
    for d in dates {
        *counts.entry((d.date, d.kind)).or_default() += 1;
    }
    let count = |d: &SourceDate| counts.get(&(d.date, d.kind)).copied().unwrap_or(0);
    dates
        .iter()
        .max_by(|a, b| {
            rank(a)
                .cmp(&rank(b))
                .then(a.date.precision().cmp(&b.date.precision()))
                .then(count(a).cmp(&count(b)))
                .then(b.date.cmp(&a.date))
        })
        .unwrap_or(&dates[0])
}

fn slug(s: &str) -> String {
    fold(s)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|w| !w.is_empty())
        .take(6)
        .collect::<Vec<_>>()
        .join("-")
}

fn note_for(d: &SourceDate, corpus: &Corpus) -> Option<String> {
    let article_date = corpus
        .article(&d.article)
        .and_then(|a| a.date)
        .map(|x| x.label())
        .unwrap_or_else(|| "unknown date".into());
    match d.kind {
        DateKind::Stated => None,
        DateKind::Inferred => Some(format!(
            "“{}” in an article of {article_date}: {}",
            d.text.clone().unwrap_or_default(),
            match d.end {
                Some(e) => format!("{} to {}", d.date.label(), e.label()),
                None => d.date.label(),
            }
        )),
        DateKind::Reported => Some(format!(
            "The text gives no date; reported by the article of {article_date}."
        )),
    }
}

fn event_of(corpus: &Corpus, claims: &Fetched, cands: &[Candidate], members: &[usize]) -> Event {
    let best = members
        .iter()
        .copied()
        .max_by(|&a, &b| {
            cands[a]
                .quality
                .cmp(&cands[b].quality)
                .then(cands[b].claim.cmp(&cands[a].claim))
        })
        .unwrap_or(members[0]);
    let head = &cands[best];
    let mut sources: Vec<EventSource> = Vec::new();
    let mut dates: Vec<SourceDate> = Vec::new();
    let mut bloc_count: Vec<(String, usize)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for &m in members {
        let c = &cands[m];
        dates.push(c.date.clone());
        if !seen.insert(c.claim) {
            continue;
        }
        // A stored claim that cannot be read (its cache lost under the
        // reader) gives no quote.
        let Some(claim) = claims.get(c.claim) else {
            continue;
        };
        sources.push(EventSource {
            article: corpus.articles[c.article].id.clone(),
            claim: Some(claim.id.clone()),
            quote: claim.text.clone(),
        });
        for b in &claim.blocs {
            match bloc_count.iter_mut().find(|(x, _)| x == b) {
                Some((_, n)) => *n += 1,
                None => bloc_count.push((b.clone(), 1)),
            }
        }
    }
    bloc_count.sort_by_key(|b| std::cmp::Reverse(b.1));
    let chosen = chosen_date(&dates).clone();
    // The quote that dates the event first, then the others by their
    // article's date.
    let article_date = |s: &EventSource| corpus.article(&s.article).and_then(|a| a.date);
    sources.sort_by_key(|s| (s.claim != chosen.claim, article_date(s)));
    let disagreements: Vec<Disagreement> = disagreements(corpus, &sources, &dates);
    Event {
        id: slug(&format!(
            "{} {} {}",
            head.subject.surface,
            head.kind.as_deref().unwrap_or(""),
            chosen.date
        )),
        date: chosen.date,
        end: chosen.end,
        date_kind: chosen.kind,
        origin: EventOrigin::Found,
        kind: head.kind.clone(),
        subject: Some(head.subject.surface.clone()),
        title: head.title.clone(),
        blocs: bloc_count.into_iter().map(|(b, _)| b).collect(),
        summary: claims
            .get(head.claim)
            .map(|c| c.text.clone())
            .unwrap_or_default(),
        note: note_for(&chosen, corpus),
        corroboration: distinct_articles(&sources),
        translations: Default::default(),
        sources,
        dates,
        disagreements,
    }
}

/// The events found in the text of `corpus`, in date order.
pub fn extract(corpus: &Corpus) -> Vec<Event> {
    let cands: Vec<Candidate> = (0..corpus.articles.len())
        .into_par_iter()
        .flat_map_iter(|ai| article_candidates(corpus, ai))
        .collect();
    // The candidates' claims, read once in the store's order.
    let claims = corpus.claims.fetch(cands.iter().map(|c| c.claim));
    let mut events: Vec<Event> = group(&claims, &cands)
        .iter()
        .map(|g| event_of(corpus, &claims, &cands, g))
        .collect();
    events.sort_by(|a, b| a.date.cmp(&b.date).then(a.id.cmp(&b.id)));
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        Corpus::from_texts(files)
    }

    #[test]
    fn datelines_asides_and_questions_are_not_events() {
        let c = corpus(&[(
            "a.md",
            "+++\ndate = \"2025-02-10\"\n+++\nSemaine du 3 février 2025\n10 février 2025\nPhoto de Claire Martin\nDepuis 2020, je recommande ce livre de Kai-Fu Lee à mes étudiants.\nOpenAI lancera-t-il GPT-5 en mars 2025 ?\nOpenAI a lancé GPT-4.5 le 27 février 2025.\n",
        )]);
        let ev = extract(&c);
        assert_eq!(ev.len(), 1, "{ev:#?}");
        assert_eq!(ev[0].date.to_string(), "2025-02-27");
        assert_eq!(ev[0].date_kind, DateKind::Stated);
        assert_eq!(ev[0].subject.as_deref(), Some("OpenAI"));
    }

    #[test]
    fn one_happening_across_articles_with_its_disagreement() {
        let c = corpus(&[
            (
                "a.md",
                "+++\ndate = \"2025-01-28\"\n+++\nLa correction boursière du 27 janvier 2025 a frappé les leaders US du secteur.\n",
            ),
            (
                "b.md",
                "+++\ndate = \"2025-02-03\"\n+++\nDeepSeek a provoqué une chute de 1 120 milliards de dollars des valeurs américaines, dont 589 milliards pour Nvidia.\n",
            ),
            (
                "c.md",
                "+++\ndate = \"2025-02-10\"\n+++\nLa nouvelle fait plonger les actions de Nvidia aux États-Unis, une perte de 800 milliards de dollars.\n",
            ),
        ]);
        let ev = extract(&c);
        let drop: Vec<&Event> = ev
            .iter()
            .filter(|e| e.kind.as_deref() == Some("market_fall"))
            .collect();
        assert_eq!(drop.len(), 1, "{ev:#?}");
        let e = drop[0];
        assert_eq!(e.corroboration, 3);
        assert_eq!(e.date.to_string(), "2025-01-27");
        assert_eq!(e.date_kind, DateKind::Stated);
        assert_eq!(e.disagreements[0].summary, "1 120 Md$ vs 800 Md$");
    }

    #[test]
    fn relative_and_reported_dates_say_so() {
        let c = corpus(&[(
            "a.md",
            "+++\ndate = \"2025-02\"\n+++\nLe parc de Longhua a été annoncé en décembre.\nLe gouvernement de Pékin lance un fonds.\n",
        )]);
        let ev = extract(&c);
        assert_eq!(ev.len(), 2, "{ev:#?}");
        assert_eq!(ev[0].date.to_string(), "2024-12");
        assert_eq!(ev[0].date_kind, DateKind::Inferred);
        assert!(ev[0].note.as_deref().unwrap().contains("en décembre"));
        assert_eq!(ev[1].date_kind, DateKind::Reported);
        assert!(ev[1].when().starts_with("reported by"));
    }
}
