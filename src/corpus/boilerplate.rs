//! Lines of a web page that are not the article's: bylines, datelines,
//! credits, "read more" links, share and subscribe lines. They stay in the
//! reader, but no view takes them as claims.

use std::collections::BTreeSet;

use crate::lang::Profile;
use crate::text::{contains_phrase, fold};

/// The most words a boilerplate line has: past this it is prose, whatever
/// its first word ("Photos of the summit circulated…" is a sentence).
const MAX_WORDS: usize = 25;
/// The most words of a caption that ends with its credit.
const MAX_CAPTION_WORDS: usize = 60;
/// The most words of a byline ("Par Julie Moreau et Marc Dubois, à Bruxelles").
const MAX_BYLINE_WORDS: usize = 12;

/// True when `line` (a paragraph) is boilerplate, by the words of `p`.
/// `after`: the line before, when it was boilerplate. After one, a short
/// credit in capitals ("AFP", "REUTERS/Dado Ruvic") is one too, and after a
/// link header ("Sur le même sujet :"), the link titles below it.
pub fn is_boilerplate(line: &str, p: &Profile, after: Option<&str>) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let b = &p.boilerplate;
    // A caption, even a long one, is told by its credit.
    if words.len() <= MAX_CAPTION_WORDS && ends_with_credit(&words, b) {
        return true;
    }
    if words.is_empty() || words.len() > MAX_WORDS {
        return false;
    }
    let folded = fold(line);
    // A call to the reader, anywhere: "… ? Abonnez-vous pour lire la suite".
    if b.calls.iter().any(|c| contains_phrase(&folded, c)) {
        return true;
    }
    let opening = folded.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '©');
    let opens = |w: &str| opens_word(opening, w);
    let ends_as_sentence = line.trim_end().ends_with(['.', '!', '?', '…']);
    // A long line ending as a sentence is prose that happens to open on
    // such a word ("Published in 2023, the report…"), unless the word is a
    // label, a colon after it ("Lire aussi : Qu'est-ce que DeepSeek ?").
    let prose = words.len() > 10 && ends_as_sentence;
    let labelled = |w: &str| {
        opening.strip_prefix(w).is_some_and(|rest| {
            // "A lire aussi :", "Read more:": a colon a word or two on.
            rest.split_once(':')
                .is_some_and(|(head, _)| head.split_whitespace().count() <= 2)
        })
    };
    if b.openings
        .iter()
        .any(|w| opens(w) && (!prose || labelled(w)))
    {
        return true;
    }
    if words.len() <= 12 && b.greetings.iter().any(|w| opens(w)) {
        return true;
    }
    if words.len() <= 15 && is_reading_time(&words, line, b) {
        return true;
    }
    if is_navigation(line) || is_kicker(&words) {
        return true;
    }
    if words.len() <= 6 && is_button(&folded, b) {
        return true;
    }
    // A byline with its dates runs longer ("Par Hugo Ferrand, envoyé
    // spécial au Grand Palais, publié le 12/02/2025 à 14h05").
    let dated = !ends_as_sentence && line.chars().any(|c| c.is_ascii_digit());
    let byline_words = if dated { MAX_WORDS } else { MAX_BYLINE_WORDS };
    if words.len() <= byline_words && (is_byline(&words, p) || is_signed(&words, b)) {
        return true;
    }
    if is_dateline(&words, p) || is_signed_date(line, p) || is_wire_dateline(&words, p) {
        return true;
    }
    if is_contributors(&words, b) {
        return true;
    }
    // An image's Markdown: "![Le siège d'Alibaba](alibaba-hq.jpg)".
    if line.trim_start().starts_with("![") && line.contains("](") {
        return true;
    }
    match after {
        // The titles listed under "Sur le même sujet :".
        Some(prev) if prev.trim_end().ends_with(':') && !ends_as_sentence => words.len() <= 15,
        // The titles listed under a link header ("Lire aussi", "Most read
        // in Technology"), item after item. A title may ask a question.
        Some(prev)
            if list_item(line)
                && !line.trim_end().ends_with(['.', '!', '…'])
                && words.len() <= 15
                && (list_item(prev) || opens_with(&fold(prev), &b.openings)) =>
        {
            true
        }
        Some(_) => is_credit(&words),
        None => false,
    }
}

/// A list of link titles held as one paragraph: under a header glued above
/// it ("**Les plus lus**" then "1. iPhone 17 : ce qui change vraiment", …),
/// or under the furniture line `after` ("**Most read**", then the items
/// glued to each other). Each item is then told as one line would be.
pub fn is_link_list(paragraph: &str, p: &Profile, after: Option<&str>) -> bool {
    let lines: Vec<&str> = paragraph
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    if lines.len() < 2 {
        return false;
    }
    let header = !list_item(lines[0]) && opens_with(&fold(lines[0]), &p.boilerplate.openings);
    let (mut prev, items) = match (header, after) {
        (true, _) => (lines[0], &lines[1..]),
        (false, Some(a)) => (a, &lines[..]),
        (false, None) => return false,
    };
    items.iter().all(|&item| {
        let ok = list_item(item) && is_boilerplate(item, p, Some(prev));
        prev = item;
        ok
    })
}

/// A list's item: "- …", "* …", "1. …".
fn list_item(line: &str) -> bool {
    let t = line.trim_start();
    t.starts_with("- ")
        || t.starts_with("* ")
        || t.starts_with("• ")
        || t.split_once(". ").is_some_and(|(n, _)| {
            !n.is_empty() && n.len() <= 2 && n.chars().all(|c| c.is_ascii_digit())
        })
}

/// True when folded `line` opens with one of `words` (a whole word or
/// phrase), past any marks ("**Lire aussi**").
fn opens_with(line: &str, words: &[String]) -> bool {
    let opening = line.trim_start_matches(|c: char| !c.is_alphanumeric());
    words.iter().any(|w| opens_word(opening, w))
}

/// True when `opening` starts with `w` as a whole word or phrase: "photo"
/// opens "photo : afp", not "photographier…".
fn opens_word(opening: &str, w: &str) -> bool {
    opening
        .strip_prefix(w)
        .is_some_and(|rest| rest.chars().next().is_none_or(|c| !c.is_alphanumeric()))
}

/// A line that is only a page's button or link ("Share", "Je m'abonne").
fn is_button(folded: &str, b: &crate::lang::Boilerplate) -> bool {
    let bare = folded
        .trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    !bare.is_empty()
        && b.buttons
            .iter()
            .any(|w| w.trim_end_matches([' ', ':']) == bare)
}

/// A caption whose last words are its credit: "… in Hokkaido. (Photo by
/// Kenji Morimoto)", "… on Monday. Photograph: Pool/Reuters", or a press
/// agency's, in capitals after the caption's full stop: "… en 2023. ZHANG
/// KAI / PRESSE ASIE".
fn ends_with_credit(words: &[&str], b: &crate::lang::Boilerplate) -> bool {
    ends_with_label_credit(words, b) || ends_with_agency_credit(words)
}

/// "… le 24 septembre. CHEN JIN / ORIENT PRESSE": after a full stop, at
/// most eight words in capitals with a slash among them, and no lowercase
/// letter.
fn ends_with_agency_credit(words: &[&str]) -> bool {
    let n = words.len();
    let Some(stop) = words[..n.saturating_sub(1)].iter().rposition(|w| {
        w.ends_with('.') && w.chars().any(|c| c.is_lowercase() || c.is_ascii_digit())
    }) else {
        return false;
    };
    let tail = &words[stop + 1..];
    let capitals = |w: &&str| {
        w.chars().any(char::is_alphabetic) && !w.chars().any(char::is_lowercase)
            || w.chars().all(|c| c == '/')
    };
    (2..=8).contains(&tail.len())
        && tail.iter().all(capitals)
        && tail.iter().any(|w| w.contains('/'))
}

fn ends_with_label_credit(words: &[&str], b: &crate::lang::Boilerplate) -> bool {
    // The credit's label, at most ten words from the end ("Photo : Justin
    // Sullivan / Getty Images via AFP"), after a full stop (or opening a
    // bracket), then a colon or a link word ("by").
    let n = words.len();
    (n.saturating_sub(10)..n).any(|i| {
        let w = words[i];
        let bracketed = w.starts_with('(');
        let after_stop = i > 0 && words[i - 1].ends_with(['.', ')']);
        if !(bracketed || after_stop) {
            return false;
        }
        // "… le 11 juin. © Julien Marsault / Hans Lucas".
        if w.starts_with('©') && !bracketed && i + 1 < n {
            return true;
        }
        let label = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
        if !b.credits.contains(&label) {
            return false;
        }
        let next = words.get(i + 1).map(|x| fold(x)).unwrap_or_default();
        let colon = w.ends_with(':') || next == ":";
        let by = b.credit_links.contains(&next);
        let closed = !bracketed || words[n - 1].ends_with(')');
        (colon || by || bracketed) && closed && i + 1 < n
    })
}

/// Which of an article's paragraphs are page furniture by their place: the
/// short fragments (six words at most, no sentence's end, or a timestamp of
/// twelve) above its first paragraph of prose and below its last ("Technology",
/// "Antoine Réguer", "CHITOSE, Japan --", "Recevez nos newsletters").
/// `boiler` holds what the lines say of themselves; a heading (`##`) stays.
pub fn fringe(paras: &[String], boiler: &[bool]) -> Vec<bool> {
    let first = paras
        .iter()
        .zip(boiler)
        .position(|(t, b)| !b && is_prose(t));
    let last = paras
        .iter()
        .zip(boiler)
        .rposition(|(t, b)| !b && is_prose(t));
    let (Some(first), Some(last)) = (first, last) else {
        return boiler.to_vec();
    };
    paras
        .iter()
        .zip(boiler)
        .enumerate()
        .map(|(i, (t, &b))| {
            if b || (first..=last).contains(&i) {
                return b;
            }
            let words = t.split_whitespace().count();
            let heading = t.starts_with('#');
            let sentence = t.trim_end().ends_with(['.', '?', '…']);
            let digits = t.chars().any(|c| c.is_ascii_digit());
            !heading && !sentence && (words <= 6 || (digits && words <= 12))
        })
        .collect()
}

/// A paragraph of prose by its look: twelve words or more, with a
/// sentence's end somewhere.
pub fn is_prose(t: &str) -> bool {
    t.split_whitespace().count() >= 12 && t.contains(['.', '!', '?', '…', ';'])
}

/// A reading time: a count and a minute word, with a reading word or a
/// question ("5 min read", "⏱ 6 min de lecture", "Got six minutes?").
fn is_reading_time(words: &[&str], line: &str, b: &crate::lang::Boilerplate) -> bool {
    let tokens: Vec<String> = words
        .iter()
        .map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    let minute = tokens
        .iter()
        .enumerate()
        .any(|(i, t)| i > 0 && !tokens[i - 1].is_empty() && b.minutes.contains(t));
    minute && (line.contains('?') || tokens.iter().any(|t| b.reading.contains(t)))
}

/// Short pieces (ten words at most) joined by " · ", " | " or " • ": a
/// section path, a byline with its dates, share buttons ("Share · Save ·
/// Gift this article").
fn is_navigation(line: &str) -> bool {
    let spaced = line.replace('\u{a0}', " ");
    let mut pieces = 0;
    for piece in spaced
        .split(" · ")
        .flat_map(|p| p.split(" | "))
        .flat_map(|p| p.split(" • "))
        .flat_map(|p| p.split(" › "))
        .flat_map(|p| p.split(" > "))
    {
        if !(1..=10).contains(&piece.split_whitespace().count()) {
            return false;
        }
        pieces += 1;
    }
    pieces >= 2
}

/// A section label in capitals ("ANALYSIS", "LIVE", "MARCHÉS"): at most
/// three words, no digit, four letters or more (an agency's "AFP" alone is a
/// heading).
fn is_kicker(words: &[&str]) -> bool {
    let letters: Vec<char> = words.iter().flat_map(|w| w.chars()).collect();
    words.len() <= 3
        && letters.iter().filter(|c| c.is_alphabetic()).count() >= 4
        && !letters.iter().any(char::is_ascii_digit)
        && letters
            .iter()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase())
}

/// A name, a comma, a role: "Julien Marchetti, correspondant à Shanghai".
fn is_signed(words: &[&str], b: &crate::lang::Boilerplate) -> bool {
    let Some(comma) = words.iter().take(4).position(|w| w.ends_with(',')) else {
        return false;
    };
    if comma == 0 || !words[..=comma].iter().all(|w| capitalized(w)) {
        return false;
    }
    let rest = fold(&words[comma + 1..].join(" "));
    let head: Vec<&str> = rest.split_whitespace().take(4).collect();
    let head = head.join(" ");
    b.roles.iter().any(|r| contains_phrase(&head, r))
}

/// "Par Julie Moreau", "By Jane Doe and John Roe, Reuters": a byline word,
/// then a capitalized name of two words or more.
fn is_byline(words: &[&str], p: &Profile) -> bool {
    let [first, second, third, ..] = words else {
        return false;
    };
    p.boilerplate.bylines.iter().any(|b| fold(first) == *b)
        && capitalized(second)
        && capitalized(third)
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

/// Whether `w` opens on a capital.
fn capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// A name, a dash, a date: "Camille Roux — 1 août 2024 à 10h30".
fn is_signed_date(line: &str, p: &Profile) -> bool {
    let Some((name, date)) = [" — ", " – ", " - ", " | "]
        .iter()
        .find_map(|d| line.split_once(d))
    else {
        return false;
    };
    let name: Vec<&str> = name.split_whitespace().collect();
    let date: Vec<&str> = date.split_whitespace().collect();
    (1..=4).contains(&name.len()) && name.iter().all(|w| capitalized(w)) && is_dateline(&date, p)
}

/// A wire's dateline on its own line: a city in capitals, a comma, a date,
/// perhaps the agency ("WASHINGTON, May 14 (Global Wire) -").
fn is_wire_dateline(words: &[&str], p: &Profile) -> bool {
    let Some(comma) = words.iter().take(3).position(|w| w.ends_with(',')) else {
        return false;
    };
    let city_letters: Vec<char> = words[..=comma]
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let city = city_letters.len() >= 3 && city_letters.iter().all(|c| c.is_uppercase());
    let month = words[comma + 1..].iter().take(3).any(|w| {
        p.dates
            .month(&fold(w.trim_matches(|c: char| !c.is_alphanumeric())))
            .is_some()
    });
    let last = words.last().copied().unwrap_or("");
    city && month && words.len() <= 10 && !last.ends_with('.')
}

/// Names joined by a few lower-case words, with no verb and no full stop:
/// the reporters who contributed ("Rachel Oduya in Dubai and Tom Haskell in
/// San Francisco").
fn is_contributors(words: &[&str], b: &crate::lang::Boilerplate) -> bool {
    if words.len() > 14
        || words
            .last()
            .is_some_and(|w| w.ends_with(['.', '!', '?', ':']))
    {
        return false;
    }
    let mut names = 0;
    let mut joins = BTreeSet::new();
    for w in words {
        let f = fold(w.trim_matches(|c: char| !c.is_alphanumeric()));
        if capitalized(w) {
            names += 1;
        } else if b.joins.contains(&f) {
            joins.insert(f);
        } else {
            return false;
        }
    }
    names >= 4 && joins.len() >= 2
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
    fn link_lists_images_and_long_credits_are_boilerplate() {
        // A header with its list glued below it.
        assert!(is_link_list(
            "**Les plus lus**\n1. iPhone 17 : ce qui change\n2. Siri repoussée à 2026 ?",
            fr(),
            None
        ));
        assert!(is_link_list(
            "1. iPhone 17 : ce qui change\n2. Siri repoussée à 2026 ?",
            fr(),
            Some("**Les plus lus**")
        ));
        assert!(!is_link_list(
            "Ce qui change :\n1. Les prix baissent.\n2. Les délais aussi.",
            fr(),
            None
        ));
        assert!(!is_link_list(
            "1. Un point\n2. Un autre",
            fr(),
            Some("Par Julie Moreau")
        ));
        // The titles under a link header, item after item, a question too.
        let header = "**Les plus lus**";
        assert!(is_boilerplate(
            "- ByteDance, le casseur de prix",
            fr(),
            Some(header)
        ));
        assert!(is_boilerplate(
            "2. Un titre qui pose une question ?",
            fr(),
            Some("1. Un titre")
        ));
        assert!(is_boilerplate(
            "![Le siège d'Alibaba](alibaba-hq.jpg)",
            fr(),
            None
        ));
        assert!(is_boilerplate(
            "Tim Cook à Cupertino. Photo : Justin Sullivan / Getty Images via AFP",
            fr(),
            None
        ));
        // An item that is a sentence, or under no link header, is not.
        assert!(!is_boilerplate(
            "- Le groupe a doublé ses ventes.",
            fr(),
            Some(header)
        ));
        assert!(!is_boilerplate(
            "- Les points clés du plan",
            fr(),
            Some("Par Julie Moreau")
        ));
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
            assert!(is_boilerplate(line, fr(), None), "{line}");
        }
        for line in [
            "By Jane Doe and John Roe, Reuters",
            "Read more: Nvidia's record",
            "Updated Feb. 3, 2025, 5:00 p.m. ET",
            "January 21, 2025",
            "Sign up for our newsletter",
        ] {
            assert!(is_boilerplate(line, en(), None), "{line}");
        }
        for line in [
            "Temps de lecture : 5 min",
            "⏱ 6 min de lecture",
            "Vous avez 4 minutes ? Voici l'essentiel de ce qu'il faut retenir.",
            "ÉCONOMIE · TECH",
            "Thomas Garnier | Le 12 févr. 2025 à 06:00 | Mis à jour le 12 févr. 2025 à 08:45",
            "Julien Marchetti, correspondant à Shanghai",
            "Bonjour à toutes et à tous,",
            "Cet article vous a été utile ? Abonnez-vous pour lire tous nos contenus sans limite.",
            "Lire aussi : Qu'est-ce que DeepSeek, l'IA chinoise qui défie OpenAI ?",
            "Par Hugo Ferrand, envoyé spécial au Grand Palais, publié le 12/02/2025 à 14h05",
            "Camille Roux — 1 août 2024 à 10h30",
            "Tags : Chine, LLM, ByteDance, Alibaba, Baidu, DeepSeek",
            "7 commentaires — Ajouter un commentaire",
            "Bonne fin de semaine, et à vendredi prochain. — Sophie",
            "A lire aussi : Intelligence artificielle : qui sont les nouvelles licornes françaises ?",
        ] {
            assert!(is_boilerplate(line, fr(), None), "{line}");
        }
        for line in [
            "5 min read",
            "ANALYSIS",
            "Share · Save · Gift this article",
            "Subscribe to The Silicon Desk for weekly analysis of the chip wars.",
            "Got six minutes? Here's what the deal says.",
            "WASHINGTON, May 14 (Global Wire) -",
            "Comments (212)",
            "Most Popular",
            "Rachel Oduya in Dubai and Tom Haskell in San Francisco",
            "Reading time: 7 minutes. Short on time? Skip straight to \"What to watch\"?",
            "Update, 11:40am ET: This story has been updated with details on model availability.",
            "That's it for this week. If you found this useful, forward it to a friend.",
        ] {
            assert!(is_boilerplate(line, en(), None), "{line}");
        }
        for line in [
            "Partager",
            "LinkedIn",
            "Je m'abonne",
            "Économie › Matières premières",
            "Entreprises > Tech",
            "Il vous reste 38.21% de cet article à lire. La suite est réservée aux abonnés.",
            "Des plaquettes de silicium dans une usine de Wuxi (Chine), en 2023. ZHANG KAI / PRESSE ASIE",
            "Eric Xu, président tournant de Huawei, à Shanghai, le 18 septembre. LI WEN / XPRESS",
            "Arthur Mensch, à Paris, le 11 juin 2025. Photo de Marc Delorme",
            "Arthur Mensch sur la scène de VivaTech, mercredi 11 juin. © Julien Marsault / Hans Lucas",
        ] {
            assert!(is_boilerplate(line, fr(), None), "{line}");
        }
        // Capitals after a full stop are no credit without a slash, nor a
        // slash in prose.
        for line in [
            "Le texte a été adopté à Bruxelles. UE / CHINE : LE DIALOGUE REPREND",
            "La Commission a publié ses lignes directrices. La CNIL suivra.",
            "Le ratio prix / performance des puces chinoises progresse encore, selon IDC.",
        ] {
            assert!(!is_boilerplate(line, fr(), None), "{line}");
        }
        for line in [
            "Share",
            "Print",
            "Rapidus' plant near New Chitose Airport in Hokkaido. (Photo by Kenji Morimoto)",
            "Keir Starmer during a visit to the campus on Monday. Photograph: Pool/Reuters",
            "Gift this article",
        ] {
            assert!(is_boilerplate(line, en(), None), "{line}");
        }
        // Under a link header, the titles it lists.
        let header = "Sur le même sujet :";
        assert!(is_boilerplate(header, fr(), None));
        assert!(is_boilerplate(
            "Choose France : les annonces de Microsoft",
            fr(),
            Some(header)
        ));
        assert!(is_boilerplate("AFP", fr(), Some("Photo : Ludovic Marin")));
        assert!(is_boilerplate(
            "REUTERS/Dado Ruvic",
            en(),
            Some("Photo: a chip")
        ));
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
            "Le modèle répond en 320 millisecondes, contre plusieurs minutes avant.",
            "Microsoft, Google et Amazon investissent.",
        ] {
            assert!(!is_boilerplate(line, fr(), None), "{line}");
        }
        for line in [
            "Comments from the Commerce Department suggest the rule will be revised before it takes effect.",
            "Chips in China",
            "Washington and Beijing in Talks",
            "By January, the company had raised $6.6bn.",
            "Photos of the summit circulated widely on social networks after the leaders met in Paris.",
            "Share prices fell.",
            "The photo by Kenji Morimoto shows the plant.",
        ] {
            assert!(!is_boilerplate(line, en(), None), "{line}");
        }
        assert!(
            !is_boilerplate("AFP", fr(), None),
            "capitals alone: a heading"
        );
    }

    #[test]
    fn fragments_above_and_below_the_prose_are_furniture() {
        let paras: Vec<String> = [
            "Technology",
            "CHITOSE, Japan --",
            "Rapidus on Tuesday switched on the pilot line at its plant in northern Japan, a first step.",
            "Customers wanted",
            "The harder task will be finding customers for the plant, officials said on Tuesday.",
            "## What next",
            "Antoine Réguer",
        ]
        .map(String::from)
        .to_vec();
        let boiler = vec![false; paras.len()];
        assert_eq!(
            fringe(&paras, &boiler),
            [true, true, false, false, false, false, true],
            "a fragment between two paragraphs of prose, and a heading, stay"
        );
        // No prose at all: nothing is judged by its place.
        assert_eq!(fringe(&paras[..2], &boiler[..2]), [false, false]);
    }
}
