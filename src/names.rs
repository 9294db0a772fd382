//! Names in a text, as a reader picks them out: capitalized words with their
//! versions and the small words inside names ("DeepSeek V2", "Qwen 2.5-Max",
//! "Sommet pour l’Action sur l’IA"), or capitalized terms of the lexicon; and
//! which of them a happening or a figure is about. Events and figures share
//! them.

use crate::corpus::Corpus;
use crate::lang::Profile;
use crate::text::fold;

/// A named thing in a claim: a capitalized name ("DeepSeek V2", "Sommet pour
/// l'Action sur l'IA") or a capitalized lexicon term ("OpenAI").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Char range in the text.
    pub start: usize,
    /// End of the char range.
    pub end: usize,
    /// As written.
    pub surface: String,
    /// Folded, hyphens as spaces: "DeepSeek-R1" and "DeepSeek R1" are one.
    pub key: String,
}

/// A word-like token: char range and text.
#[derive(Debug, Clone)]
struct Tok {
    start: usize,
    end: usize,
    text: String,
}

fn is_tok_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '-' | '\'' | '’' | '.')
}

/// Splits into tokens; a dot belongs to a token only between digits
/// ("2.5"), an apostrophe or hyphen only inside one.
fn tokens(chars: &[char]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_alphanumeric() {
            i += 1;
            continue;
        }
        let s = i;
        while i < chars.len() && is_tok_char(chars[i]) {
            let c = chars[i];
            let next_ok = chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
            if matches!(c, '-' | '\'' | '’') && !next_ok {
                break;
            }
            if c == '.'
                && !(i > s
                    && chars[i - 1].is_ascii_digit()
                    && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit()))
                && !dotted_initial(chars, s, i)
            {
                break;
            }
            i += 1;
        }
        out.push(Tok {
            start: s,
            end: i,
            text: chars[s..i].iter().collect(),
        });
    }
    out
}

/// True when the dot at `i` belongs to a dotted initialism that starts at
/// `s` ("U.S.", "U.K."): capitals each followed by a dot.
fn dotted_initial(chars: &[char], s: usize, i: usize) -> bool {
    let cap = |k: usize| chars.get(k).is_some_and(|c| c.is_uppercase());
    // Every char so far alternates capital, dot.
    let so_far = (s..i).all(|k| {
        if (k - s).is_multiple_of(2) {
            cap(k)
        } else {
            chars[k] == '.'
        }
    });
    so_far
        && !(i - s).is_multiple_of(2)
        // Another capital and its dot follow, or this closes one of two+.
        && ((cap(i + 1) && chars.get(i + 2) == Some(&'.')) || i - s >= 3)
}

fn is_cap(t: &str) -> bool {
    t.chars().next().is_some_and(char::is_uppercase)
}

fn has_digit(t: &str) -> bool {
    t.chars().any(|c| c.is_ascii_digit())
}

/// The key names are compared by: folded, hyphens and apostrophes as spaces.
pub fn key_of(surface: &str) -> String {
    fold(surface)
        .replace(['-', '\''], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The named things of a text, in order.
pub fn entities(text: &str, corpus: &Corpus, p: &Profile) -> Vec<Entity> {
    let ew = &p.events;
    let chars: Vec<char> = text.chars().collect();
    let toks = tokens(&chars);
    let folded: Vec<String> = toks.iter().map(|t| fold(&t.text)).collect();
    let lexicon_spans: Vec<(usize, usize)> = corpus
        .lexicon
        .bloc_mentions(text)
        .into_iter()
        .map(|(s, e, _)| (s, e))
        .collect();
    let in_lexicon = |t: &Tok| {
        lexicon_spans
            .iter()
            .any(|&(s, e)| s <= t.start && t.end <= e)
    };
    // Only spaces between two tokens of one name.
    let adjacent = |a: &Tok, b: &Tok| chars[a.end..b.start].iter().all(|c| *c == ' ');
    let elided = |f: &str| -> Option<usize> {
        ew.name_links
            .iter()
            .filter(|l| l.ends_with('\''))
            .find(|l| f.starts_with(l.as_str()) && f.len() > l.len())
            .map(|l| l.chars().count())
    };
    // A capital, after an elided article when there is one ("l'Action").
    let capital = |j: usize| {
        let k = elided(&folded[j]).unwrap_or(0);
        is_cap(&toks[j].text.chars().skip(k).collect::<String>())
    };
    let mut out: Vec<Entity> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        // A name starts with a capital (after an elided article: "l'Action").
        let skip = elided(&folded[i]).unwrap_or(0);
        let head: String = t.text.chars().skip(skip).collect();
        let first_word = i == 0;
        // A month or a weekday is a date, not a name ("January 27").
        let dated = |w: &str| p.dates.month(w).is_some() || p.dates.weekdays.iter().any(|d| d == w);
        let head_folded = fold(&head);
        let ordinary = ew.function_words.contains(&head_folded) || dated(&head_folded);
        let starts_name = is_cap(&head)
            && !(first_word && skip == 0 && ew.function_words.contains(&folded[i]))
            && !ordinary;
        if !starts_name {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        let mut end = i;
        while j < toks.len() && adjacent(&toks[j - 1], &toks[j]) {
            let f = &folded[j];
            let tj = &toks[j].text;
            if capital(j) || (has_digit(tj) && tj.len() <= 8) {
                end = j;
                j += 1;
            } else if ew.name_links.contains(f)
                && toks
                    .get(j + 1)
                    .is_some_and(|n| adjacent(&toks[j], n) && capital(j + 1))
            {
                j += 1;
            } else {
                break;
            }
        }
        let (s, e) = (t.start + skip, toks[end].end);
        let surface: String = chars[s..e].iter().collect();
        let key = key_of(&surface);
        let single = end == i;
        let generic = key
            .split(' ')
            .all(|w| ew.generic_names.iter().any(|g| g == w));
        // A lone capitalized word opening the claim is an ordinary word
        // ("Absence remarquée…") unless the lexicon names it or it is an
        // acronym or a version.
        // A possessive owns ("Apple's revenue…"): a name, not a word.
        let possessive = surface.ends_with("'s") || surface.ends_with("’s");
        let ordinary_opening = first_word
            && single
            && !possessive
            && !in_lexicon(t)
            && !has_digit(&surface)
            && !surface
                .chars()
                .all(|c| c.is_uppercase() || !c.is_alphabetic());
        if !generic && !ordinary_opening && !key.is_empty() && !is_dateline(&chars, s, e) {
            out.push(Entity {
                start: s,
                end: e,
                surface,
                key,
            });
        }
        i = end + 1;
    }
    out
}

/// A dateline's place, in capitals at the start of the text and before a
/// dash or an agency's bracket ("WASHINGTON —", "HANGZHOU, 24 septembre
/// (Agence…) -", "NEW YORK (Reuters) —"): where the news was written, not
/// who acts in it.
fn is_dateline(chars: &[char], s: usize, e: usize) -> bool {
    let capitals = chars[s..e].iter().any(|c| c.is_alphabetic())
        && !chars[s..e].iter().any(|c| c.is_lowercase());
    if !capitals || chars[..s].iter().any(|c| !c.is_whitespace()) {
        return false;
    }
    let after: String = chars[e..].iter().take(60).collect();
    let upto = after.find('.').unwrap_or(after.len());
    let head = &after[..upto];
    head.trim_start().starts_with('(')
        || [" — ", " – ", " -- ", " - ", " —", " --"]
            .iter()
            .any(|d| head.contains(d))
}

/// The clause around char `at`: between `, ; : – — ! ?` (parentheses are
/// asides inside a clause, not its ends).
pub fn clause_of(chars: &[char], at: usize) -> (usize, usize) {
    let is_bound = |c: char| matches!(c, ',' | ';' | ':' | '–' | '—' | '!' | '?');
    let s = (0..at.min(chars.len()))
        .rev()
        .find(|&k| is_bound(chars[k]))
        .map_or(0, |k| k + 1);
    let e = (at..chars.len())
        .find(|&k| is_bound(chars[k]))
        .unwrap_or(chars.len());
    (s, e)
}

/// The entity a happening at char `at` is about: the nearest before it in
/// its clause (its grammatical subject), else the nearest before it in the
/// claim ("DeepSeek est soupçonnée…, entraînant des enquêtes"), else the
/// nearest after it in its clause, else the nearest anywhere.
pub fn subject_of<'a>(
    ents: &'a [Entity],
    chars: &[char],
    at: usize,
    prepositions: &[String],
) -> Option<&'a Entity> {
    let (cs, ce) = clause_of(chars, at);
    // A name after a preposition ("en Chine", "(Kimi)") is a complement,
    // not who acts.
    let complement = |e: &Entity| {
        let before: String = chars[..e.start].iter().collect();
        let before = before.trim_end();
        let word = before
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .next()
            .unwrap_or("");
        before.ends_with('(') || prepositions.contains(&fold(word))
    };
    let before = ents
        .iter()
        .filter(|e| e.start >= cs && e.end <= at && !complement(e))
        .min_by_key(|e| e.start)
        .or_else(|| {
            ents.iter()
                .filter(|e| e.start >= cs && e.end <= at)
                .max_by_key(|e| e.end)
        })
        .or_else(|| ents.iter().filter(|e| e.end <= at).max_by_key(|e| e.end));
    let after = || {
        ents.iter()
            .filter(|e| e.start >= at && e.start < ce)
            .min_by_key(|e| e.start)
    };
    before.or_else(after).or_else(|| {
        ents.iter()
            .min_by_key(|e| e.start.abs_diff(at).min(e.end.abs_diff(at)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(files: &[(&str, &str)]) -> Corpus {
        Corpus::from_texts(files)
    }

    #[test]
    fn names_with_versions_links_and_hyphens() {
        let c = corpus(&[("a.md", "+++\nlang = \"fr\"\n+++\nx\n")]);
        let p = c.profile_of("a");
        let keys = |t: &str| -> Vec<String> {
            entities(t, &c, p).into_iter().map(|e| e.surface).collect()
        };
        assert_eq!(
            keys("Après le flop de Lucie, Qwen 2.5-Max d’Alibaba et DeepSeek-R1 arrivent."),
            ["Lucie", "Qwen 2.5-Max d’Alibaba", "DeepSeek-R1"]
        );
        assert_eq!(
            keys("En plein Sommet pour l’Action sur l’IA en France"),
            ["Sommet pour l’Action sur l’IA", "France"]
        );
        assert_eq!(keys("Absence remarquée d’Elon Musk."), ["Elon Musk"]);
        assert_eq!(
            keys("Les chips made in the U.S. and the U.K."),
            ["U.S.", "U.K."]
        );
        assert_eq!(key_of("DeepSeek-R1"), key_of("DeepSeek R1"));
        // A dateline's place is no name; a firm in capitals opening the text is.
        assert_eq!(
            keys("WASHINGTON — Nvidia will pay 15% of its sales."),
            ["Nvidia"]
        );
        assert_eq!(
            keys("HANGZHOU, 24 septembre (Agence Orient Presse) - Alibaba investit."),
            ["Agence Orient Presse", "Alibaba"]
        );
        assert_eq!(keys("ASML a vendu 41 % en Chine."), ["ASML", "Chine"]);
    }
}
