//! Paragraphs and sentence segmentation, with the abbreviations of a language
//! profile.
//!
//! A paragraph is a non-blank line. A sentence ends at `.`, `!`, `?` or `…`
//! followed by a space and something that can start a sentence, except:
//! inside « guillemets », “quotes”, "quotes" or (parentheses); after one of the
//! profile's abbreviations (`M.`, `cf.`), an initial (`J.`), an open-ended
//! word (`etc.`) or `…` unless a capitalized word follows; and never inside a
//! number (`2.5-Max`, `0,55$`, `9,99/10`: no space after the dot, or no dot).

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::lang::Sentences;

/// What kind of text a claim is, from its shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimKind {
    /// A sentence of running text.
    Sentence,
    /// A short line without final punctuation: a title or section heading.
    Heading,
    /// A bullet or list item ("➡️ ...", "- ...").
    Item,
    /// A byline, dateline, credit, link or share line: kept in the reader,
    /// never a claim of the panes, search, timeline or figures.
    Boilerplate,
}

/// Splits `text` into paragraphs: the char ranges of its non-blank lines,
/// trimmed. Lines holding only spaces (including no-break spaces) are blank.
/// A numbered list glued to the line before it, with no blank line between
/// ("…en trois étages.\n1. Une contribution…\n2. Un fonds…"), belongs to
/// that line's paragraph, as a reader sees it.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let lines = lines(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out: Vec<Range<usize>> = Vec::with_capacity(lines.len());
    for r in lines {
        let item = numbered_item(&chars[r.clone()]);
        let glued = out.last().is_some_and(|p: &Range<usize>| {
            let gap = &chars[p.end..r.start];
            // One line break: "\n", "\r" or "\r\n", no blank line.
            let breaks = gap.iter().filter(|&&c| c == '\n' || c == '\r').count();
            breaks == 1 || (breaks == 2 && gap.windows(2).any(|w| w == ['\r', '\n']))
        });
        // A paragraph that opens as a sentence or a list's lead ("…en trois
        // étages.", "Ce qui change :"), or on an item, takes the items glued
        // to it; its first line is read only when one comes.
        let open = || {
            out.last().is_some_and(|p| {
                let line_end = (p.start..p.end)
                    .find(|&x| matches!(chars[x], '\n' | '\r'))
                    .unwrap_or(p.end);
                let first = &chars[p.start..line_end];
                numbered_item(first)
                    || kind_of_line(&first.iter().collect::<String>()) == ClaimKind::Sentence
            })
        };
        if item && glued && open() {
            if let Some(p) = out.last_mut() {
                p.end = r.end;
            }
            continue;
        }
        out.push(r);
    }
    out
}

/// Whether `line` opens with the number of an item: "1. ", "12) ".
fn numbered_item(line: &[char]) -> bool {
    let digits = line.iter().take_while(|c| c.is_ascii_digit()).count();
    (1..=3).contains(&digits)
        && matches!(line.get(digits), Some('.' | ')'))
        && line.get(digits + 1).is_some_and(|c| c.is_whitespace())
}

/// The char ranges of the non-blank lines of `text`, trimmed.
fn lines(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut chars = text.chars().enumerate().peekable();
    let mut first_non_ws: Option<usize> = None;
    let mut last_non_ws = 0usize;
    loop {
        let next = chars.next();
        match next {
            Some((_, '\n')) | Some((_, '\r')) => {
                if let Some(f) = first_non_ws.take() {
                    out.push(f..last_non_ws + 1);
                }
            }
            Some((i, c)) => {
                if !c.is_whitespace() {
                    if first_non_ws.is_none() {
                        first_non_ws = Some(i);
                    }
                    last_non_ws = i;
                }
            }
            None => {
                if let Some(f) = first_non_ws.take() {
                    out.push(f..last_non_ws + 1);
                }
                break;
            }
        }
    }
    out
}

fn closer_for(c: char) -> Option<char> {
    Some(match c {
        '«' => '»',
        '“' => '”',
        '"' => '"',
        '(' => ')',
        '[' => ']',
        _ => return None,
    })
}

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(c, '»' | '”' | '"' | ')' | ']' | '’' | '\'')
}

/// For every opening quote or bracket that is closed later in the paragraph,
/// the index of its closer ([`NONE`] elsewhere; empty when there is none). An unbalanced quote is ignored rather than allowed
/// to glue the rest of the paragraph into one sentence.
fn matching_closers(chars: &[char]) -> Vec<u32> {
    // Most paragraphs have no quote or bracket: no table at all.
    if !chars.iter().any(|&c| closer_for(c).is_some()) {
        return Vec::new();
    }
    let mut out = vec![NONE; chars.len()];
    let mut stack: Vec<(usize, char)> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        // A straight double quote closes the innermost open one, else opens.
        if c == '"' {
            if let Some(pos) = stack.iter().rposition(|(_, cl)| *cl == '"') {
                let (open, _) = stack[pos];
                out[open] = i as u32;
                stack.truncate(pos);
            } else {
                stack.push((i, '"'));
            }
            continue;
        }
        if let Some(pos) = stack.iter().rposition(|(_, cl)| *cl == c) {
            let (open, _) = stack[pos];
            out[open] = i as u32;
            stack.truncate(pos);
            continue;
        }
        if let Some(cl) = closer_for(c) {
            stack.push((i, cl));
        }
    }
    out
}

/// No closer.
const NONE: u32 = u32::MAX;

/// The word (letters, digits, `°`) that ends just before `end` (exclusive).
fn word_before(chars: &[char], end: usize) -> &[char] {
    let mut s = end;
    while s > 0 && (chars[s - 1].is_alphanumeric() || chars[s - 1] == '°') {
        s -= 1;
    }
    &chars[s..end]
}

fn starts_capitalized_word(chars: &[char], i: usize) -> bool {
    chars.get(i).is_some_and(|c| c.is_uppercase())
}

/// Can `c` start a sentence? Lowercase letters cannot (that is what keeps
/// "etc. sont" or "2.5 - max" together); everything else that is not a
/// closing mark or punctuation can: capitals, digits, quotes, dashes, emoji.
/// A word in camel case at `k`: a lower-case letter, then a capital within
/// its first three letters ("xAI", "iPhone", "eBay").
fn camel_case_at(chars: &[char], k: usize) -> bool {
    chars[k].is_lowercase()
        && chars[k + 1..]
            .iter()
            .take(3)
            .take_while(|c| c.is_alphabetic())
            .any(|c| c.is_uppercase())
}

fn can_start_sentence(c: char) -> bool {
    !(c.is_lowercase() || is_closing(c) || matches!(c, ',' | ';' | ':' | '.' | '%' | '$' | '€'))
}

/// Splits one paragraph into sentences: char ranges relative to `text`,
/// trimmed, never empty, covering every non-space char exactly once. Each
/// line of a paragraph (an item of a list glued to its lead) starts a
/// sentence.
pub fn sentences(text: &str, rules: &Sentences) -> Vec<Range<usize>> {
    if !text.contains(['\n', '\r']) {
        return sentences_of_line(text, rules);
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for r in lines(text) {
        let line: String = chars[r.clone()].iter().collect();
        out.extend(
            sentences_of_line(&line, rules)
                .into_iter()
                .map(|s| s.start + r.start..s.end + r.start),
        );
    }
    out
}

fn sentences_of_line(text: &str, rules: &Sentences) -> Vec<Range<usize>> {
    let chars: Vec<char> = text.chars().collect();
    let closers = matching_closers(&chars);
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut open: Vec<usize> = Vec::new(); // indices of the closers we are inside
    let mut i = 0usize;
    while i < chars.len() {
        let c = chars[i];
        let (term, j) = if open.last() == Some(&i) {
            open.pop();
            // A quote or bracket that closes on a sentence end: "… Jamais.” Puis".
            match last_non_space_before(&chars, i) {
                Some(t) if open.is_empty() && is_terminal(chars[t]) => {
                    (run_start(&chars, t), i + 1)
                }
                _ => {
                    i += 1;
                    continue;
                }
            }
        } else if let Some(&close) = closers.get(i).filter(|&&c| c != NONE) {
            // A quotation that opens the sentence is the speaker's own
            // sentences, cut as such ("« C'est fini. Nous partons », dit-il"
            // is two); one inside a sentence holds together.
            let opens_sentence = c != '(' && chars[start..i].iter().all(|c| c.is_whitespace());
            if !opens_sentence {
                open.push(close as usize);
            }
            i += 1;
            continue;
        } else if !open.is_empty() || !is_terminal(c) {
            i += 1;
            continue;
        } else {
            let mut j = i + 1;
            while j < chars.len() && is_terminal(chars[j]) {
                j += 1;
            }
            while j < chars.len() && is_closing(chars[j]) && !closers_open_here(&closers, j) {
                j += 1;
            }
            // French spacing: "fin. »" keeps the guillemet with its sentence.
            if j + 1 < chars.len() && chars[j].is_whitespace() && matches!(chars[j + 1], '»' | '”')
            {
                j += 2;
            }
            (i, j)
        };
        match split_after(&chars, term, j, rules, &closers) {
            Some(k) => {
                push_trimmed(&chars, start..j, &mut out);
                start = k;
                i = k;
            }
            None => i = j.max(i + 1),
        }
    }
    push_trimmed(&chars, start..chars.len(), &mut out);
    out
}

fn last_non_space_before(chars: &[char], i: usize) -> Option<usize> {
    (0..i).rev().find(|&t| !chars[t].is_whitespace())
}

/// The first char of the run of terminal marks that ends at `t` ("?!", "...").
fn run_start(chars: &[char], t: usize) -> usize {
    let mut s = t;
    while s > 0 && is_terminal(chars[s - 1]) {
        s -= 1;
    }
    s
}

/// Decides whether the terminal run starting at `term` and ending (with its
/// closing marks) before `j` ends a sentence. Returns where the next sentence
/// starts.
///
/// Web text glues sentences: "…en Europe.Récemment, la Commission…" and
/// "…history.\"Mr. Altman" split where a full stop after a word is followed
/// at once by a capital (or an opening quote and a capital), but not in a
/// domain ("openai.com"), a version ("GPT-4.5"), an initialism ("U.S.") or
/// after an abbreviation. A numbered item ("1. Hybrid Reasoning") is one
/// sentence.
fn split_after(
    chars: &[char],
    term: usize,
    j: usize,
    rules: &Sentences,
    closers: &[u32],
) -> Option<usize> {
    let glued = j < chars.len() && !chars[j].is_whitespace();
    let k = if glued {
        j
    } else {
        (j..chars.len()).find(|&k| !chars[k].is_whitespace())?
    };
    // A straight quote that opens a quotation can start a sentence, and so
    // can a name written in camel case ("…anything but. xAI's round…").
    let opens = chars[k] == '"' && closers_open_here(closers, k);
    if !(can_start_sentence(chars[k]) || opens || (!glued && camel_case_at(chars, k))) {
        return None;
    }
    if glued && !glued_start(chars, term, k, rules) {
        return None;
    }
    let mut run_end = term;
    while run_end < chars.len() && is_terminal(chars[run_end]) {
        run_end += 1;
    }
    let ellipsis = chars[term] == '…' || run_end - term >= 3;
    let split = if ellipsis {
        starts_capitalized_word(chars, k)
    } else if chars[term] == '.' {
        let w = word_before(chars, term);
        let lw = crate::text::fold(&w.iter().collect::<String>());
        let initial = w.len() == 1 && w[0].is_uppercase();
        // "U.S.", "e.g.": a dotted abbreviation (letters, not "2.5.").
        let dotted = w.len() <= 2
            && w.iter().all(|c| c.is_alphabetic())
            && term > w.len()
            && chars[term - w.len() - 1] == '.';
        // "1. Hybrid Reasoning": the number of an item.
        let numbered = !w.is_empty()
            && w.iter().all(char::is_ascii_digit)
            && chars[..term - w.len()].iter().all(|c| c.is_whitespace());
        if rules.is_open_ended(&lw) {
            starts_capitalized_word(chars, k)
        } else if rules.is_firm_suffix(&lw) && starts_capitalized_word(chars, k) {
            sentence_follows_firm(chars, k, rules)
        } else if dotted && starts_capitalized_word(chars, k) {
            // "…in the U.S. The company…": the word after tells. (Not after
            // an abbreviation: "M. Le Maire".)
            let next: String = chars[k..]
                .iter()
                .take_while(|c| c.is_alphabetic())
                .collect();
            rules.is_starter(&crate::text::fold(&next))
        } else {
            // The end of a compound is a word, not an abbreviation: "les
            // Vingt-Sept." is not "sept." (septembre).
            let compound = term > w.len() && chars[term - w.len() - 1] == '-';
            !(initial || dotted || numbered || (!compound && rules.is_abbreviation(&lw)))
        }
    } else {
        true
    };
    split.then_some(k)
}

/// After a firm's suffix ("Co."), whether the capitalized word at `k`
/// opens a sentence: a starter ("The"), or a word that a lower-case word
/// follows ("Prototype wafers are…"); a name or a title runs on in capitals
/// ("Corp. Chief Executive Satya Nadella", "Co. Ltd.").
fn sentence_follows_firm(chars: &[char], k: usize, rules: &Sentences) -> bool {
    let word = |from: usize| -> (String, usize) {
        let end = (from..chars.len())
            .find(|&x| !(chars[x].is_alphanumeric() || chars[x] == '\''))
            .unwrap_or(chars.len());
        (chars[from..end].iter().collect(), end)
    };
    let (next, end) = word(k);
    let lower = crate::text::fold(&next);
    if rules.is_starter(&lower) {
        return true;
    }
    if rules.is_abbreviation(&lower) || rules.is_firm_suffix(&lower) {
        return false;
    }
    if end >= chars.len() || chars[end] != ' ' {
        return false;
    }
    let after = end + 1;
    after < chars.len() && chars[after].is_lowercase()
}

/// True when a sentence starts at `k` right after the terminal at `term`
/// with no space: a capital (possibly after an opening quote), after a
/// word of two letters or more or a closing quote, or after an initialism
/// when a sentence starter follows ("made in the U.S.It is…").
fn glued_start(chars: &[char], term: usize, k: usize, rules: &Sentences) -> bool {
    let mut c = k;
    if matches!(chars[c], '«' | '“' | '"') {
        c = (c + 1..chars.len())
            .find(|&x| !chars[x].is_whitespace())
            .unwrap_or(c);
    }
    if !chars[c].is_uppercase() {
        return false;
    }
    let before = match term.checked_sub(1) {
        Some(b) => chars[b],
        None => return false,
    };
    if is_closing(before) {
        return true;
    }
    let w = word_before(chars, term);
    let initialism = w.len() == 1 && term >= 2 && chars[term - 2] == '.';
    if initialism {
        let next: String = chars[c..]
            .iter()
            .take_while(|c| c.is_alphabetic())
            .collect();
        return rules.is_starter(&crate::text::fold(&next));
    }
    // A word in capitals glued to a name is the name's end ("Character.AI"),
    // not a sentence; glued to a common word it starts one ("…reasoning
    // model.API access costs…").
    let next: Vec<char> = chars[c..]
        .iter()
        .copied()
        .take_while(|x| x.is_alphabetic())
        .collect();
    let name_before = w.first().is_some_and(|x| x.is_uppercase());
    if name_before && next.len() >= 2 && next.iter().all(|x| x.is_uppercase()) {
        return false;
    }
    // After a number or capitals ("depuis 1993.Chacune", "910D.Selon",
    // "MGX.It"), a word in title case; not "ASP.NET".
    let titled = chars.get(c + 1).is_some_and(|x| x.is_lowercase());
    w.len() >= 2 && (w.iter().any(|c| c.is_lowercase()) || titled)
}

fn closers_open_here(closers: &[u32], j: usize) -> bool {
    closers.get(j).is_some_and(|&c| c != NONE)
}

fn push_trimmed(chars: &[char], r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let (mut s, mut e) = (r.start, r.end);
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if s < e {
        out.push(s..e);
    }
}

/// The longest claim: longer "sentences" are cut at spaces.
pub const MAX_CLAIM_CHARS: usize = 1000;

/// Cuts the char range `r` of `chars` into pieces of at most
/// [`MAX_CLAIM_CHARS`], at the last space before the limit when there is one,
/// trimmed, covering every non-space char once.
pub fn split_long(chars: &[char], r: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut s = r.start;
    while s < r.end {
        while s < r.end && chars[s].is_whitespace() {
            s += 1;
        }
        if s >= r.end {
            break;
        }
        let mut e = (s + MAX_CLAIM_CHARS).min(r.end);
        if e < r.end
            && let Some(sp) = (s + MAX_CLAIM_CHARS / 2..e)
                .rev()
                .find(|&k| chars[k].is_whitespace())
        {
            e = sp;
        }
        push_trimmed(chars, s..e, &mut out);
        s = e;
    }
    out
}

/// Bullet markers that make a line a list item.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '➡' | '🔹'
            | '🔸'
            | '•'
            | '◦'
            | '▪'
            | '▸'
            | '►'
            | '‣'
            | '-'
            | '*'
            | '–'
            | '—'
            | '✅'
            | '✔'
            | '☑'
    )
}

/// Pictographs used as line decorations ("🚀 USA : ...", "⚖️ OpenAI ...").
fn is_pictograph(c: char) -> bool {
    matches!(c as u32, 0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2190..=0x21FF)
}

/// A Markdown heading's text after its hashes (" Above Moutai" for "##
/// Above Moutai"), or None for a line that is none.
fn atx_heading(line: &str) -> Option<&str> {
    let hashes = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[hashes..];
    ((1..=6).contains(&hashes) && rest.starts_with(' ')).then_some(rest)
}

/// The kind of a line, from its shape: a bullet line is an item; a short line
/// without final punctuation (or a short question led by an emoji, as
/// newsletters title their sections) is a heading; anything else is a
/// sentence.
pub fn kind_of_line(line: &str) -> ClaimKind {
    let first = line.chars().next().unwrap_or(' ');
    // A Markdown heading (and a page's subhead, read as one), whatever it
    // ends with.
    if atx_heading(line).is_some() {
        return ClaimKind::Heading;
    }
    if is_bullet(first) {
        return ClaimKind::Item;
    }
    let words = line.split_whitespace().count();
    let last = line.chars().last().unwrap_or(' ');
    let short = words <= 14 && line.chars().count() <= 120;
    let ends_sentence = matches!(last, '.' | '…' | '!' | ';' | ',' | ':');
    if short && !ends_sentence && (last != '?' || is_pictograph(first)) {
        return ClaimKind::Heading;
    }
    ClaimKind::Sentence
}

/// A claim's text without its Markdown markup: a heading's hashes ("##
/// Above Moutai" is "Above Moutai") and emphasis marks ("**En bref.**",
/// "*Lancée lundi…*"), which a reader does not read. A mark inside a word
/// ("snake_case", "S*P") or standing alone ("* item", "5 * 3") stays.
pub fn without_markup(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains(['#', '*', '_']) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut t = text;
    if let Some(title) = atx_heading(t) {
        t = title.trim_start();
        // A closing sequence: "## Title ##".
        let body = t.trim_end_matches('#');
        if body.len() < t.len() && body.ends_with(' ') {
            t = body.trim_end();
        }
    }
    let chars: Vec<char> = t.chars().collect();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c != '*' && c != '_' {
            out.push(c);
            i += 1;
            continue;
        }
        let mut j = i;
        while j < chars.len() && chars[j] == c {
            j += 1;
        }
        let before = i.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(j).copied();
        let word = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
        let space = |x: Option<char>| x.is_none_or(char::is_whitespace);
        // Opens a span (nothing or a space or a mark before, a word's start
        // after) or closes one (the reverse); never inside a word.
        let opens = !word(before) && !space(after);
        let closes = !space(before) && !word(after);
        if j - i <= 3 && (opens || closes) && !(word(before) && word(after)) {
            i = j;
            continue;
        }
        out.extend(&chars[i..j]);
        i = j;
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_marks_are_not_read() {
        for (raw, read) in [
            ("## Above Moutai, briefly", "Above Moutai, briefly"),
            ("# Titre #", "Titre"),
            (
                "**Le laboratoire s'engage à déployer 6 gigawatts.",
                "Le laboratoire s'engage à déployer 6 gigawatts.",
            ),
            (
                "En échange, il offre un dixième de son capital.**",
                "En échange, il offre un dixième de son capital.",
            ),
            (
                "*Lancée lundi par le fonds, la société Humain a signé.*",
                "Lancée lundi par le fonds, la société Humain a signé.",
            ),
            (
                "Un accord __très__ large et _inédit_.",
                "Un accord très large et inédit.",
            ),
            (
                "La variable snake_case et S*P restent, comme 5 * 3.",
                "La variable snake_case et S*P restent, comme 5 * 3.",
            ),
            ("#1 mondial", "#1 mondial"),
        ] {
            assert_eq!(without_markup(raw), read, "{raw}");
        }
    }

    fn split(text: &str) -> Vec<String> {
        split_in("fr", text)
    }

    fn split_in(lang: &str, text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        let profile = crate::lang::builtin().get(lang).expect("the profile");
        sentences(text, &profile.sentences)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect()
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("La Chine publie. Les États-Unis protègent ! L’Europe régule ? Oui."),
            [
                "La Chine publie.",
                "Les États-Unis protègent !",
                "L’Europe régule ?",
                "Oui."
            ]
        );
    }

    #[test]
    fn a_compound_is_no_abbreviation() {
        // "Sept." is September's abbreviation, but not at the end of
        // "Vingt-Sept".
        assert_eq!(
            split("le feu vert des Vingt-Sept. Les modèles suivront."),
            ["le feu vert des Vingt-Sept.", "Les modèles suivront."]
        );
        assert_eq!(split("le 12 sept. 2025 à Paris. Fin.").len(), 2);
    }

    #[test]
    fn never_splits_inside_numbers() {
        for s in [
            "Qwen 2.5-Max d’Alibaba va plus loin. Fin.",
            "un coût de seulement 0,55$ par million de tokens. Fin.",
            "une chute de 1 120 milliards de dollars. Fin.",
            "la fiabilité de 9,99/10 qu’imposent les tâches. Fin.",
            "la version 2.5. Fin.",
        ] {
            assert_eq!(split(s).len(), 2, "{s}");
        }
        assert_eq!(
            split("la version 2.5 est sortie. Fin.")[0],
            "la version 2.5 est sortie."
        );
    }

    #[test]
    fn abbreviations_initials_etc_and_ellipsis() {
        assert_eq!(split("M. Dupont arrive. Il parle.").len(), 2);
        assert_eq!(split("Mme. Curie et M. Draghi parlent. Fin.").len(), 2);
        assert_eq!(
            split("Lessons from China's Innovators de Mark J. Greeven, George S. Yip et Wei Wei, publié chez The MIT Press.").len(),
            1
        );
        assert_eq!(split("OpenAI, Google, etc. sont là. Fin.").len(), 2);
        assert_eq!(split("Des avatars, etc. Le reste suit.").len(), 2);
        assert_eq!(split("comme l’Australie et… les USA.").len(), 1);
        assert_eq!(split("la régulation, mais…").len(), 1);
        assert_eq!(split("son modèle… Une accusation jugée ironique.").len(), 2);
        assert_eq!(split("Attendez... Non.").len(), 2);
        assert_eq!(split("Attendez... et voyez.").len(), 1);
        assert_eq!(split("cf. p. 12 du rapport. Fin.").len(), 2);
    }

    #[test]
    fn names_in_camel_case_or_glued_capitals() {
        assert_eq!(
            split_in(
                "en",
                "The project is local, but its financing is anything but. xAI's round drew Nvidia."
            ),
            [
                "The project is local, but its financing is anything but.",
                "xAI's round drew Nvidia."
            ]
        );
        assert_eq!(
            split_in(
                "en",
                "They absorbed Inflection AI, Character.AI and Adept. It worked."
            )
            .len(),
            2
        );
        assert_eq!(
            split_in("en", "It is not a reasoning model.API access costs $75.").len(),
            2
        );
        // A lower-case word after a full stop still runs on.
        assert_eq!(split_in("en", "See fig. and more.").len(), 1);
        // A glued word in title case still splits.
        assert_eq!(split("en Europe.Récemment, la Commission a agi.").len(), 2);
    }

    #[test]
    fn quotes_and_parentheses_hold_together() {
        assert_eq!(
            split("Il dit « C’est fini. Nous partons. » puis sort. Fin.").len(),
            2
        );
        assert_eq!(split("Il dit “Non. Jamais.” Puis il part.").len(), 2);
        assert_eq!(split("Le slogan \"Stop. Encore.\" circule. Fin.").len(), 2);
        assert_eq!(split("(Voir plus haut. Et ailleurs.) Puis.").len(), 2);
        // The closing mark stays with its sentence, even with French spacing.
        assert_eq!(
            split("Il a dit « fini. » Puis rien.")[0],
            "Il a dit « fini. »"
        );
        // A quotation opening the sentence is the speaker's sentences.
        assert_eq!(
            split(
                "« C'est un financement. Le calcul tient tant que le cours monte », prévient M. Durand. Fin."
            ),
            [
                "« C'est un financement.",
                "Le calcul tient tant que le cours monte », prévient M. Durand.",
                "Fin."
            ]
        );
        assert_eq!(
            split("\"It doesn't tell labs how. It tells them to show their work.\" She left."),
            [
                "\"It doesn't tell labs how.",
                "It tells them to show their work.\"",
                "She left."
            ]
        );
        assert_eq!(split("« Pourquoi pas ? », demande-t-il.").len(), 1);
        assert_eq!(split("\"Why now?\" she asked.").len(), 1);
        // An unbalanced quote does not glue the paragraph together.
        assert_eq!(split("Un « oubli. Deux phrases. Trois.").len(), 3);
    }

    #[test]
    fn web_text_glued_stops_items_and_quotes() {
        assert_eq!(
            split("Elle investit en Europe.Récemment, la Commission a tranché."),
            [
                "Elle investit en Europe.",
                "Récemment, la Commission a tranché."
            ]
        );
        assert_eq!(
            split("Voir openai.com et GPT-4.5 pour la version 2.0 en U.S. fin."),
            ["Voir openai.com et GPT-4.5 pour la version 2.0 en U.S. fin."]
        );
        assert_eq!(split("1. Hybrid Reasoning"), ["1. Hybrid Reasoning"]);
        assert_eq!(
            split("Il a parlé. \"Nous n'avons pas le choix\", a-t-il dit."),
            ["Il a parlé.", "\"Nous n'avons pas le choix\", a-t-il dit."]
        );
        assert_eq!(
            split("C'était « une rupture ».La présidente a répondu."),
            ["C'était « une rupture ».", "La présidente a répondu."]
        );
        assert_eq!(split("M.Dupont arrive."), ["M.Dupont arrive."]);
    }

    #[test]
    fn headings_and_items() {
        assert_eq!(
            kind_of_line("🚀 USA : Trump mise sur “Stargate”"),
            ClaimKind::Heading
        );
        assert_eq!(
            kind_of_line("La Chine mise sur la diffusion"),
            ClaimKind::Heading
        );
        assert_eq!(
            kind_of_line("📈 Un renversement du leadership ?"),
            ClaimKind::Heading
        );
        assert_eq!(
            kind_of_line("🔹 DeepSeek Janus Pro (génération d’images)"),
            ClaimKind::Item
        );
        assert_eq!(
            kind_of_line("➡️ La start-up chinoise DeepSeek secoue le marché."),
            ClaimKind::Item
        );
        // An emoji-led paragraph is not a list item.
        assert_eq!(
            kind_of_line("⚖️ OpenAI attaque DeepSeek, l’accusant."),
            ClaimKind::Sentence
        );
        assert_eq!(
            kind_of_line("L'Europe se ressaisira-t-elle?"),
            ClaimKind::Sentence
        );
        assert_eq!(
            kind_of_line("Une phrase qui se termine."),
            ClaimKind::Sentence
        );
    }

    #[test]
    fn paragraphs_are_non_blank_lines() {
        let t = "Un.\n\n\u{a0}\nDeux trois.  \r\nQuatre";
        let chars: Vec<char> = t.chars().collect();
        let p: Vec<String> = paragraphs(t)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(p, ["Un.", "Deux trois.", "Quatre"]);
    }

    #[test]
    fn a_numbered_list_glued_to_its_lead_is_its_paragraph() {
        let t = "Trois étages.\r\n1. Une amorce\n2. Un fonds.\n\n3. Seul.\nTitre\n1. Item";
        let chars: Vec<char> = t.chars().collect();
        let p: Vec<String> = paragraphs(t)
            .into_iter()
            .map(|r| chars[r].iter().collect())
            .collect();
        assert_eq!(
            p,
            [
                "Trois étages.\r\n1. Une amorce\n2. Un fonds.",
                "3. Seul.",
                "Titre",
                "1. Item"
            ]
        );
        // Each line of it is a sentence, the item's number with it.
        assert_eq!(
            split(&p[0]),
            ["Trois étages.", "1. Une amorce", "2. Un fonds."]
        );
    }

    #[test]
    fn glued_after_a_number_or_capitals_and_after_a_firm() {
        assert_eq!(
            split("Patron depuis 1993.Chacune de ses phrases compte."),
            ["Patron depuis 1993.", "Chacune de ses phrases compte."]
        );
        assert_eq!(split("Voir ASP.NET ici."), ["Voir ASP.NET ici."]);
        let split_en = |t: &str| split_in("en", t);
        assert_eq!(
            split_en(
                "Two years after Taiwan Semiconductor Manufacturing Co. Prototype wafers are due."
            ),
            [
                "Two years after Taiwan Semiconductor Manufacturing Co.",
                "Prototype wafers are due."
            ]
        );
        assert_eq!(
            split_en("Sold by Nvidia Corp. The curbs apply."),
            ["Sold by Nvidia Corp.", "The curbs apply."]
        );
        for one in [
            "Sold by Nvidia Corp. and Advanced Micro Devices Inc. to buyers.",
            "Microsoft Corp. Chief Executive Satya Nadella spoke.",
            "Samsung Electronics Co. Ltd. said so.",
        ] {
            assert_eq!(split_en(one), [one]);
        }
    }
}
