//! Lines of a web page that are not the article's: bylines, datelines,
//! credits, "read more" links, share and subscribe lines. They stay in the
//! reader, but no view takes them as claims.

use crate::lang::Profile;
use crate::text::fold;

/// The most words a boilerplate line has: past this it is prose, whatever
/// its first word ("Photos of the summit circulated…" is a sentence).
const MAX_WORDS: usize = 25;
/// The most words of a byline ("Par Julie Moreau et Marc Dubois, à Bruxelles").
const MAX_BYLINE_WORDS: usize = 12;

/// True when `line` (a paragraph) is boilerplate, by the words of `p`.
/// `after_boilerplate`: the line before was boilerplate, so a short credit
/// in capitals ("AFP", "REUTERS/Dado Ruvic") is one too.
pub fn is_boilerplate(line: &str, p: &Profile, after_boilerplate: bool) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > MAX_WORDS {
        return false;
    }
    let folded = fold(line);
    let opening = folded.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    let opens = |w: &str| {
        opening.strip_prefix(w).is_some_and(|rest| {
            // A whole word or phrase: "photo" opens "Photo : AFP", not
            // "Photographier…".
            rest.chars().next().is_none_or(|c| !c.is_alphanumeric())
        })
    };
    // A long line ending as a sentence is prose that happens to open on
    // such a word ("Published in 2023, the report…").
    let prose = words.len() > 10 && line.trim_end().ends_with(['.', '!', '?']);
    if !prose && p.boilerplate.openings.iter().any(|w| opens(w)) {
        return true;
    }
    if words.len() <= MAX_BYLINE_WORDS && is_byline(&words, p) {
        return true;
    }
    if is_dateline(&words, p) {
        return true;
    }
    after_boilerplate && is_credit(&words)
}

/// "Par Julie Moreau", "By Jane Doe and John Roe, Reuters": a byline word,
/// then a capitalized name of two words or more.
fn is_byline(words: &[&str], p: &Profile) -> bool {
    let [first, second, third, ..] = words else {
        return false;
    };
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    p.boilerplate.bylines.iter().any(|b| fold(first) == *b) && cap(second) && cap(third)
}

/// A line that is only a date, a time or a weekday ("12 février 2025 à
/// 14h32", "Updated Feb. 3, 2025, 5:00 p.m. ET", "Semaine du 3 février").
fn is_dateline(words: &[&str], p: &Profile) -> bool {
    if words.len() > 12 {
        return false;
    }
    let mut dated = false;
    let mut other = 0;
    for w in words {
        let f = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
        if f.is_empty() {
            continue;
        }
        let numeric = f.chars().next().is_some_and(|c| c.is_ascii_digit());
        if p.dates.month(&f).is_some() || p.dates.weekdays.contains(&f) {
            dated = true;
        } else if numeric {
            // "2025", "14h32", "5:00", "3rd".
            dated |= f.chars().filter(char::is_ascii_digit).count() >= 4;
        } else if f.chars().count() > 3 {
            other += 1;
        }
    }
    dated && other == 0
}

/// A short line naming an agency in capitals, with a photographer after a
/// slash or none: a photo credit ("AFP", "REUTERS/Dado Ruvic").
fn is_credit(words: &[&str]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    let agency = first.split('/').next().unwrap_or("");
    words.len() <= 4
        && agency.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && agency
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
        && !words.last().is_some_and(|w| w.ends_with('.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> &'static Profile {
        crate::lang::builtin()
            .get("fr")
            .expect("the French profile")
    }
    fn en() -> &'static Profile {
        crate::lang::builtin()
            .get("en")
            .expect("the English profile")
    }

    #[test]
    fn web_leftovers_are_boilerplate() {
        for line in [
            "Semaine du 3 février 2025",
            "Photo de Cyrielle Dozières",
            "A lire : Mistral lève des fonds",
            "À lire aussi : l'Europe et l'IA",
            "Lire aussi",
            "Par Julie Moreau",
            "Publié le 12 février 2025 à 14h32",
            "12 février 2025 à 14h32",
            "Partager sur Facebook",
            "Abonnez-vous à notre newsletter",
        ] {
            assert!(is_boilerplate(line, fr(), false), "{line}");
        }
        for line in [
            "By Jane Doe and John Roe, Reuters",
            "Read more: Nvidia's record",
            "Updated Feb. 3, 2025, 5:00 p.m. ET",
            "January 21, 2025",
            "Sign up for our newsletter",
        ] {
            assert!(is_boilerplate(line, en(), false), "{line}");
        }
        assert!(is_boilerplate("AFP", fr(), true));
        assert!(is_boilerplate("REUTERS/Dado Ruvic", en(), true));
    }

    #[test]
    fn prose_is_not() {
        for line in [
            "Par ailleurs, la Commission a publié ses lignes directrices.",
            "Photographier le marché est devenu difficile.",
            "Publié en 2023, le rapport Draghi appelait déjà l'Europe à investir massivement.",
            "Le 12 février 2025, Nvidia a perdu 17 % en une séance.",
            "Une semaine du 3 février à oublier pour les marchés européens.",
            "L'Europe régule",
        ] {
            assert!(!is_boilerplate(line, fr(), false), "{line}");
        }
        for line in [
            "By January, the company had raised $6.6bn.",
            "Photos of the summit circulated widely on social networks after the leaders met in Paris.",
        ] {
            assert!(!is_boilerplate(line, en(), false), "{line}");
        }
        assert!(
            !is_boilerplate("AFP", fr(), false),
            "capitals alone: a heading"
        );
    }
}
