//! Numeric facts in claims: amounts of money (`500 milliards de dollars`,
//! `$2.9 trillion`, `385 M€`), token prices (`0,55$ par million de tokens`),
//! percentages (`16,97 %`), ratios (`20x`) and scores (`9,99/10`), read with
//! the number format of the claim's language (`2.900` and `1 120` in French,
//! `2,900` in English), each tied to the name it is about, and grouped so that
//! the figures of one chart compare: one currency, one kind, one measure
//! (a market's loss or value, an investment, revenue).

use serde::{Deserialize, Serialize};

use crate::corpus::{Claim, ClaimKind, Corpus};
use crate::lang::{NumberDisplay, Numbers, Profile};
use crate::names;
use crate::text::fold;

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money: in billions in charts.
    Amount,
    /// A price per million tokens.
    TokenPrice,
    /// A percentage.
    Percent,
    /// A ratio ("20x").
    Ratio,
    /// A score out of 10.
    Score,
}

/// A figure as read from a text, before it is tied to a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Raw {
    /// What it measures.
    pub kind: Kind,
    /// The number as written, with its scale applied (1 120 milliards ->
    /// 1.12e12); for a token price, per million tokens; for a percentage,
    /// the percentage (16.97).
    pub value: f64,
    /// `USD`, `EUR`, `GBP`, `CNY`, `%`, `x` or `/10`.
    pub unit: String,
    /// The scale word, if any (`milliards`, `bn`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The words that say it ("1 120 milliards de dollars").
    pub text: String,
    /// Char offset of `text`.
    pub offset: usize,
    /// True when introduced by a part-of word ("dont 589 milliards").
    pub part: bool,
    /// True when the currency came from an earlier figure.
    pub inferred_unit: bool,
    /// What an amount measures, from its clause (`market_loss`,
    /// `investment`…; see the language profile's `measures`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
}

impl Raw {
    /// The value in the group's unit: billions for amounts, as is otherwise.
    pub fn in_group_unit(&self) -> f64 {
        match self.kind {
            Kind::Amount => self.value / 1e9,
            _ => self.value,
        }
    }

    /// A short label in a language's number format: "1 120 Md$", "0,55$/M
    /// tokens", "16,97 %", "20x", "9,99/10".
    pub fn display(&self, fmt: &NumberDisplay) -> String {
        let cur = currency_symbol(&self.unit);
        let n = |v: f64| fmt.number(v);
        // "$500bn" or "500 Md$"; a code where there is no sign: "CNY 5bn", "5 Md CNY".
        let money = |number: String, scale: &str| {
            if fmt.sign_first {
                let sign = cur.trim();
                let gap = if sign.chars().count() > 1 { " " } else { "" };
                format!("{sign}{gap}{number}{scale}")
            } else if scale.is_empty() {
                format!("{number}{cur}")
            } else {
                format!("{number} {scale}{cur}")
            }
        };
        match self.kind {
            Kind::Amount if self.value >= 1e12 && fmt.trillions.is_some() => {
                money(n(self.value / 1e12), fmt.trillions.as_deref().unwrap_or(""))
            }
            Kind::Amount if self.value >= 1e9 => money(n(self.value / 1e9), &fmt.billions),
            Kind::Amount if self.value >= 1e6 => money(n(self.value / 1e6), &fmt.millions),
            Kind::Amount => money(n(self.value), ""),
            Kind::TokenPrice => format!("{}/M tokens", money(n(self.value), "")),
            Kind::Percent => format!("{}%", n(self.value)),
            Kind::Ratio => format!("{}x", n(self.value)),
            Kind::Score => format!("{}/10", n(self.value)),
        }
    }
}

/// Currency signs and their codes: signs are the same in every language.
const SIGNS: [(char, &str); 4] = [('$', "USD"), ('€', "EUR"), ('£', "GBP"), ('¥', "CNY")];

/// The sign of a currency code ("USD" -> "$"), or the code itself.
pub fn currency_symbol(code: &str) -> String {
    SIGNS
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| format!(" {code}"))
}

/// Letters glued before "$" that name another dollar ("HK$174", "NT$323
/// billion"), the same in every language.
const DOLLAR_PREFIXES: [(&str, &str); 6] = [
    ("HK", "HKD"),
    ("NT", "TWD"),
    ("US", "USD"),
    ("C", "CAD"),
    ("A", "AUD"),
    ("S", "SGD"),
];

/// The dollar a prefix glued before the "$" at `dollar` names, and where
/// the prefix starts.
fn prefixed_dollar(chars: &[char], dollar: usize) -> Option<(&'static str, usize)> {
    DOLLAR_PREFIXES.iter().find_map(|(p, code)| {
        let n = p.chars().count();
        let start = dollar.checked_sub(n)?;
        let glued = chars[start..dollar].iter().copied().eq(p.chars());
        let alone = start == 0 || !chars[start - 1].is_alphanumeric();
        (glued && alone).then_some((*code, start))
    })
}

/// A currency in several words at `i` ("dollars de Hongkong", "Hong Kong
/// dollars"), the longest, and where it ends.
fn currency_phrase_at(chars: &[char], i: usize, nw: &Numbers) -> Option<(String, usize)> {
    nw.currency_phrases
        .iter()
        .filter_map(|(words, code)| {
            let mut k = i;
            for w in words {
                let (got, end) = word_at(chars, skip_spaces(chars, k));
                if got != *w {
                    return None;
                }
                k = end;
            }
            Some((code.clone(), k))
        })
        .max_by_key(|(_, end)| *end)
}

fn sign_code(c: char) -> Option<&'static str> {
    SIGNS.iter().find(|(s, _)| *s == c).map(|(_, code)| *code)
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

fn skip_spaces(chars: &[char], mut i: usize) -> usize {
    while i < chars.len() && is_space(chars[i]) {
        i += 1;
    }
    i
}

/// Reads the word after a number (letters and apostrophes), folded.
fn word_at(chars: &[char], i: usize) -> (String, usize) {
    let mut j = i;
    while j < chars.len() && (chars[j].is_alphabetic() || chars[j] == '\'' || chars[j] == '’') {
        j += 1;
    }
    (fold(&chars[i..j].iter().collect::<String>()), j)
}

/// The words before char `i` (spaces skipped), folded: the last, then the
/// one before it.
fn words_before(chars: &[char], i: usize) -> (Option<String>, Option<String>) {
    let word = |end: usize| -> Option<(String, usize)> {
        let mut e = end;
        while e > 0 && is_space(chars[e - 1]) {
            e -= 1;
        }
        let mut s = e;
        while s > 0 && chars[s - 1].is_alphabetic() {
            s -= 1;
        }
        (s < e).then(|| (fold(&chars[s..e].iter().collect::<String>()), s))
    };
    match word(i) {
        Some((w, s)) => (Some(w), word(s).map(|(w, _)| w)),
        None => (None, None),
    }
}

/// True when the folded text from `i` starts with `phrase` (folded, spaces
/// as any spaces) as whole words.
fn phrase_at(chars: &[char], i: usize, phrase: &str) -> Option<usize> {
    let mut j = i;
    for (k, c) in phrase.chars().enumerate() {
        if c == ' ' {
            if j >= chars.len() || !is_space(chars[j]) {
                return None;
            }
            j = skip_spaces(chars, j);
            continue;
        }
        let got = chars.get(j).map(|x| fold(&x.to_string()));
        if got.as_deref() != Some(c.to_string().as_str()) {
            // "%" folds to itself; a letter must match its folded self.
            let _ = k;
            return None;
        }
        j += 1;
    }
    let whole = phrase.chars().last().is_none_or(|l| !l.is_alphabetic())
        || chars.get(j).is_none_or(|c| !c.is_alphanumeric());
    whole.then_some(j)
}

/// What the clause around char `at` says an amount measures: the measure
/// word nearest to it.
fn measure_of(chars: &[char], at: usize, nw: &Numbers) -> Option<String> {
    let (cs, ce) = names::clause_of(chars, at);
    let clause = fold(&chars[cs..ce].iter().collect::<String>());
    let words: Vec<(usize, &str)> = {
        let mut out = Vec::new();
        let mut pos = 0;
        for w in clause.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')) {
            if !w.is_empty() {
                out.push((pos, w));
            }
            pos += w.len() + 1;
        }
        out
    };
    let rel = clause
        .char_indices()
        .nth(at.saturating_sub(cs))
        .map_or(0, |(b, _)| b);
    let mut best: Option<(usize, &str)> = None;
    for (code, list) in &nw.measures {
        for m in list {
            let hits: Vec<usize> = if m.contains(' ') {
                clause.match_indices(m.as_str()).map(|(b, _)| b).collect()
            } else {
                words
                    .iter()
                    .filter(|(_, w)| *w == m)
                    .map(|(b, _)| *b)
                    .collect()
            };
            for b in hits {
                let d = b.abs_diff(rel);
                if best.is_none_or(|(bd, _)| d < bd) {
                    best = Some((d, code));
                }
            }
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// Extracts the figures of `text`, with the number format and the words of
/// a language profile.
pub fn extract(text: &str, nw: &Numbers) -> Vec<Raw> {
    extract_with(text, nw, None)
}

/// Like [`extract`], with the currency the text before gave (a claim after
/// one that named its currency: "…3.300 milliards de dollars. Microsoft
/// (3.230 milliards)…").
pub fn extract_with(text: &str, nw: &Numbers, context: Option<&str>) -> Vec<Raw> {
    // Most claims hold no figure: no digit, and no scale word for an amount
    // in words. Their text is not folded nor walked.
    let digits = text.bytes().any(|b| b.is_ascii_digit());
    let ascii_lower = text.to_ascii_lowercase();
    let worded = nw
        .scales
        .iter()
        .any(|(w, _)| w.len() >= 3 && ascii_lower.contains(w.as_str()));
    if !digits && !worded {
        return Vec::new();
    }
    let chars: Vec<char> = text.chars().collect();
    let lower = fold(text);
    let per_million_tokens = nw
        .per_million_tokens
        .iter()
        .any(|p| lower.contains(p.as_str()));
    let mut out: Vec<Raw> = Vec::new();
    let mut last_currency: Option<String> = context.map(String::from);
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '.' | ',' | '-')));
        if !starts_number {
            // An amount in words: "un milliard de dollars", "une centaine
            // de millions d'euros".
            if worded
                && c.is_alphabetic()
                && (i == 0 || !chars[i - 1].is_alphanumeric())
                && let Some(raw) = worded_amount(&chars, i, nw, last_currency.as_deref())
            {
                i = raw.offset + raw.text.chars().count();
                last_currency = Some(raw.unit.clone());
                out.push(raw);
                continue;
            }
            i += 1;
            continue;
        }
        // A sign before the number: "$2.9 trillion", "€200 billion".
        let mut start = i;
        let mut sign_before = None;
        {
            let mut k = i;
            while k > 0 && is_space(chars[k - 1]) && i - k < 1 {
                k -= 1;
            }
            if k > 0
                && let Some(code) = sign_code(chars[k - 1])
            {
                sign_before = Some(nw.sign_in_context(chars[k - 1], &lower, code));
                start = k - 1;
                if chars[k - 1] == '$'
                    && let Some((code, from)) = prefixed_dollar(&chars, k - 1)
                {
                    sign_before = Some(code.to_string());
                    start = from;
                }
            }
        }
        let num_start = i;
        // Integer part, with thousands groups ("1 120", "2.900", "2,900").
        let mut num = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            num.push(chars[i]);
            i += 1;
        }
        loop {
            let grp = i + 1;
            let is_group = i < chars.len()
                && nw.thousands.contains(&chars[i])
                && grp + 3 <= chars.len()
                && chars[grp..grp + 3].iter().all(char::is_ascii_digit)
                && chars.get(grp + 3).is_none_or(|c| !c.is_ascii_digit());
            if !is_group {
                break;
            }
            num.extend(&chars[grp..grp + 3]);
            i = grp + 3;
        }
        // Decimal part: "0,55", "2.5".
        if i + 1 < chars.len() && nw.decimal.contains(&chars[i]) && chars[i + 1].is_ascii_digit() {
            num.push('.');
            i += 1;
            while i < chars.len() && chars[i].is_ascii_digit() {
                num.push(chars[i]);
                i += 1;
            }
        }
        let Ok(mut value) = num.parse::<f64>() else {
            continue;
        };
        let (w1, w2) = words_before(&chars, start);
        let part = nw.parts.iter().any(|p| {
            Some(p.as_str()) == w1.as_deref()
                || w2
                    .as_deref()
                    .zip(w1.as_deref())
                    .is_some_and(|(a, b)| format!("{a} {b}") == *p)
        });
        let simple = |kind: Kind, unit: &str, end: usize| Raw {
            kind,
            value,
            unit: unit.to_string(),
            scale: None,
            text: chars[num_start..end.min(chars.len())].iter().collect(),
            offset: num_start,
            part,
            inferred_unit: false,
            measure: None,
        };
        // Ratio "20x" and score "9,99/10".
        if chars.get(i) == Some(&'x') && chars.get(i + 1).is_none_or(|c| !c.is_alphanumeric()) {
            out.push(simple(Kind::Ratio, "x", i + 1));
            i += 1;
            continue;
        }
        if chars.get(i) == Some(&'/')
            && chars.get(i + 1) == Some(&'1')
            && chars.get(i + 2) == Some(&'0')
            && chars.get(i + 3).is_none_or(|c| !c.is_ascii_digit())
        {
            out.push(simple(Kind::Score, "/10", i + 3));
            i += 3;
            continue;
        }
        // Percentages: "16,97 %", "2.5%", "11 percent".
        let after = skip_spaces(&chars, i);
        if let Some(end) = nw
            .percent
            .iter()
            .filter_map(|p| phrase_at(&chars, after, p))
            .max()
        {
            out.push(simple(Kind::Percent, "%", end));
            i = end;
            continue;
        }
        // Amounts: [sign] number [scale] [de|d'] [currency].
        let mut j = after;
        let mut scale = None;
        let (w, after_w) = word_at(&chars, j);
        let mult = nw.scale(&w).unwrap_or(1.0);
        // "bn", "m", "Md": short scale words count only with a currency.
        let short_scale = mult > 1.0 && w.chars().count() < 3;
        if mult > 1.0 {
            scale = Some(w.clone());
            value *= mult;
            j = skip_spaces(&chars, after_w);
        }
        let mut currency = None;
        let mut end = if scale.is_some() { after_w } else { i };
        // "dollars de Hongkong", or after a link word: "milliards de dollars de Hongkong".
        let phrase = currency_phrase_at(&chars, j, nw).or_else(|| {
            let (w, after) = word_at(&chars, j);
            nw.currency_links
                .contains(&w)
                .then(|| currency_phrase_at(&chars, after, nw))
                .flatten()
        });
        if let Some((code, e)) = phrase {
            currency = Some(code);
            end = e;
        } else if let Some(code) = chars.get(j).and_then(|c| sign_code(*c)) {
            currency = Some(nw.sign_in_context(chars[j], &lower, code));
            end = j + 1;
        } else {
            let (w, after) = linked_word_at(&chars, j, nw);
            let cur = nw.currency(&w);
            if cur.is_some() && (scale.is_some() || j == i || is_space(chars[i])) {
                currency = cur.map(String::from);
                end = after;
            }
        }
        let explicit = currency.is_some() || sign_before.is_some();
        if short_scale && !explicit {
            // "10 m de hauteur": not money.
            i = after_w.max(i);
            continue;
        }
        // The first end of a range: "30 à 35 milliards d'euros", "between
        // 60 and 65bn dollars", "35-40%" takes the second's scale and unit.
        if !explicit && scale.is_none() {
            let (w, after_w) = word_at(&chars, after);
            let dash = matches!(chars.get(after), Some('-' | '–'));
            let link_end = if dash {
                Some(after + 1)
            } else {
                nw.range_links.contains(&w).then_some(after_w)
            };
            let second = link_end
                .map(|e| skip_spaces(&chars, e))
                .filter(|&e| chars.get(e).is_some_and(char::is_ascii_digit))
                .and_then(|e| {
                    let rest: String = chars[e..].iter().collect();
                    extract_with(&rest, nw, None)
                        .into_iter()
                        .next()
                        .filter(|r| r.offset == 0 && (r.scale.is_some() || r.kind == Kind::Percent))
                });
            if let Some(second) = second {
                let mult = second
                    .scale
                    .as_deref()
                    .and_then(|w| nw.scale(w))
                    .unwrap_or(1.0);
                out.push(Raw {
                    kind: second.kind,
                    value: value * mult,
                    unit: second.unit.clone(),
                    scale: second.scale.clone(),
                    text: chars[num_start..i].iter().collect(),
                    offset: num_start,
                    part,
                    inferred_unit: true,
                    measure: second.measure.clone(),
                });
                continue;
            }
        }
        let inferred = !explicit && scale.is_some() && last_currency.is_some();
        let Some(cur) = currency.or(sign_before).or(if inferred {
            last_currency.clone()
        } else {
            None
        }) else {
            continue;
        };
        last_currency = Some(cur.clone());
        let kind = if per_million_tokens && scale.is_none() && value < 100.0 {
            Kind::TokenPrice
        } else {
            Kind::Amount
        };
        // A part ("dont 589 milliards pour Nvidia") measures what its
        // whole measures.
        let whole = part
            .then(|| out.iter().rev().find(|r: &&Raw| r.kind == Kind::Amount))
            .flatten()
            .and_then(|r| r.measure.clone());
        let measure = (kind == Kind::Amount)
            .then(|| whole.or_else(|| measure_of(&chars, num_start, nw)))
            .flatten();
        out.push(Raw {
            kind,
            value,
            unit: cur,
            scale,
            text: chars[start..end.min(chars.len())].iter().collect(),
            offset: start,
            part,
            inferred_unit: inferred,
            measure,
        });
        i = end.max(i);
    }
    out
}

/// The word at `i` after a link word, spaced or elided ("de dollars",
/// "d'euros" -> "dollars", "euros"), folded, and where it ends.
fn linked_word_at(chars: &[char], i: usize, nw: &Numbers) -> (String, usize) {
    let (w, end) = word_at(chars, i);
    if nw.currency_links.contains(&w) {
        return word_at(chars, skip_spaces(chars, end));
    }
    let w = nw
        .currency_links
        .iter()
        .filter(|l| l.ends_with('\''))
        .find_map(|l| w.strip_prefix(l.as_str()))
        .map_or(w.clone(), str::to_string);
    (w, end)
}

/// An amount written with count words at `i`: one or more count words
/// ("une centaine"), a link word maybe ("de"), a scale word, then a currency
/// word (or the currency of the amount before). None otherwise: "un" alone
/// is no figure.
fn worded_amount(chars: &[char], i: usize, nw: &Numbers, last: Option<&str>) -> Option<Raw> {
    let mut value = 1.0;
    let mut j = i;
    let mut counted = false;
    loop {
        let (w, end) = word_at(chars, j);
        match nw.count_word(&w) {
            Some(v) if end > j => {
                value *= v;
                counted = true;
                j = skip_spaces(chars, end);
            }
            _ => break,
        }
    }
    if !counted {
        return None;
    }
    let (w, end) = linked_word_at(chars, j, nw);
    let mult = nw.scale(&w).filter(|_| w.chars().count() >= 3)?;
    value *= mult;
    let (cw, cend) = linked_word_at(chars, skip_spaces(chars, end), nw);
    let (unit, stop, inferred) = match nw.currency(&cw) {
        Some(code) => (code.to_string(), cend, false),
        None => (last?.to_string(), end, true),
    };
    let measure = measure_of(chars, i, nw);
    Some(Raw {
        kind: Kind::Amount,
        value,
        unit,
        scale: Some(w),
        text: chars[i..stop.min(chars.len())].iter().collect(),
        offset: i,
        part: false,
        inferred_unit: inferred,
        measure,
    })
}

/// A figure of the corpus, tied to its claim.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Figure {
    /// The claim id.
    pub claim: String,
    /// The article id.
    pub article: String,
    /// What it is about: the name in its clause whose figure it is ("Nvidia",
    /// "DeepSeek-R1"), or its bloc's name.
    pub subject: String,
    /// The bloc of that subject, for colors.
    pub bloc: Option<String>,
    /// A short label ("1 120 Md$").
    pub display: String,
    /// The value in its group's unit (billions for amounts).
    pub group_value: f64,
    /// The figure as read.
    #[serde(flatten)]
    pub raw: Raw,
}

/// A name's label: its head, before the small words that link it to
/// another ("Doubao 1.5 Pro de ByteDance" -> "Doubao 1.5 Pro").
fn label_of(surface: &str, p: &Profile) -> String {
    let words: Vec<&str> = surface.split(' ').collect();
    let cut = words
        .iter()
        .position(|w| {
            let f = fold(w);
            p.events
                .name_links
                .iter()
                .any(|l| f == *l || (l.ends_with('\'') && f.starts_with(l.as_str())))
        })
        .filter(|&k| k > 0)
        .unwrap_or(words.len());
    let label = words[..cut].join(" ");
    // "Nvidia's" -> "Nvidia".
    match label
        .strip_suffix("'s")
        .or_else(|| label.strip_suffix("’s"))
    {
        Some(base) if !base.is_empty() => base.to_string(),
        _ => label,
    }
}

/// Whether the name at `e` follows a preposition or opens a parenthesis:
/// a complement ("in Arizona", "de Sam Altman", "(Kimi)"), not who acts.
fn is_complement(chars: &[char], e: &names::Entity, p: &Profile) -> bool {
    let before: String = chars[..e.start.min(chars.len())].iter().collect();
    let mut before = before.trim_end();
    let split = |s: &str| -> (usize, String) {
        let w = s
            .rsplit(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .next()
            .unwrap_or("");
        (s.len() - w.len(), fold(w))
    };
    let (at, mut word) = split(before);
    // Past an article: "vers la Chine", "in the U.S.".
    if p.events.articles.contains(&word) {
        before = before[..at].trim_end();
        word = split(before).1;
    }
    let elided = |w: &str| w.ends_with('\'') && word.ends_with(w);
    before.ends_with('(')
        || p.anaphora.complements.contains(&word)
        || p.events
            .prepositions
            .iter()
            .any(|w| *w == word || elided(w))
}

/// The first name of `claim` that is not a complement, before char `limit`:
/// its grammatical subject, most often.
fn lead_of(chars: &[char], ents: &[names::Entity], p: &Profile, limit: usize) -> Option<usize> {
    // Not a title's letter ("M." of "M. Mensch") nor a dateline's city
    // ("WASHINGTON — When…").
    let dateline = |e: &names::Entity| {
        e.surface.chars().all(|c| !c.is_lowercase())
            && chars[e.end.min(chars.len())..]
                .iter()
                .find(|c| !c.is_whitespace())
                .is_some_and(|c| matches!(c, '—' | '–'))
    };
    // Nor a title alone ("Mr" of "Mr. Smith").
    let title = |e: &names::Entity| {
        p.people_titles
            .iter()
            .any(|t| t.trim_end_matches('.') == e.surface.trim_end_matches('.'))
    };
    ents.iter().position(|e| {
        e.end <= limit
            && !title(e)
            && e.surface.chars().filter(|c| c.is_alphanumeric()).count() >= 2
            && !is_complement(chars, e, p)
            && !dateline(e)
    })
}

/// The subject of a figure at chars `fs..fe` of `claim`: for a market's loss,
/// the name after it in its clause that owns it ("dont 589 milliards pour
/// Nvidia", "…dans le secteur technologique américain"); the name an
/// apposition describes ("Stargate, a $500bn plan"); the claim's subject
/// (its first name that is not a complement), or, when the claim refers back
/// ("Le groupe…", "Its revenue…"), the `topic` the claims before it spoke
/// of; else the name before it in its clause, one after it, the topic, the
/// nearest name; else the claim's bloc.
fn subject_of(
    corpus: &Corpus,
    claim: &Claim,
    p: &Profile,
    (fs, fe): (usize, usize),
    measure: Option<&str>,
    (trail, refers): (&mut Trail, bool),
    ents: &[names::Entity],
) -> (String, Option<String>) {
    let chars: Vec<char> = claim.text.chars().collect();
    let mentions = corpus.lexicon.bloc_mentions(&claim.text);
    let (cs, ce) = names::clause_of(&chars, fs);
    let name = |e: &names::Entity| (label_of(&e.surface, p), bloc_within(corpus, &mentions, e));
    if measure == Some("market_loss") {
        // The owner after the figure: a name, or a bloc's adjective.
        let after_name = ents.iter().find(|e| e.start >= fe && e.end <= ce);
        let after_bloc = mentions
            .iter()
            .find(|(s, e, _)| *s >= fe && *e <= ce)
            .and_then(|&(_, _, b)| corpus.lexicon.blocs.get(b));
        match (after_name, after_bloc) {
            (Some(e), _) => return name(e),
            (None, Some(b)) => return (b.short.clone(), Some(b.code.clone())),
            _ => {}
        }
    }
    // "Stargate, a $500bn plan…": the name the apposition describes.
    let opening: String = chars[cs..fs.max(cs)].iter().collect();
    let apposition = fold(opening.trim_start())
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .next()
        .is_some_and(|w| p.numbers.appositions.iter().any(|a| a == w));
    if apposition && let Some(e) = ents.iter().filter(|e| e.end <= cs).max_by_key(|e| e.end) {
        return name(e);
    }
    let lead = lead_of(&chars, ents, p, fs).map(|i| &ents[i]);
    let mut inherited = || trail.topic(corpus, p).map(|t| (t.label, t.bloc));
    if refers && let Some(t) = inherited() {
        return t;
    }
    if let Some(e) = lead {
        return name(e);
    }
    // No name before the figure is its subject: each is a complement. One
    // after "de" owns more often than it places ("la part de marché de
    // Nvidia en Chine est passée de 95 %"), the first in the clause first.
    let genitive = |e: &&names::Entity| {
        let before: String = chars[..e.start].iter().collect();
        let w = fold(before.trim_end().rsplit(' ').next().unwrap_or(""));
        p.numbers
            .currency_links
            .iter()
            .any(|l| *l == w || (l.ends_with('\'') && w.ends_with(l.as_str())))
    };
    let owner = ents
        .iter()
        .filter(|e| e.start >= cs && e.end <= fs)
        .find(genitive);
    // Then a name after it that acts, in its clause first ("500 Md$,
    // impliquant OpenAI").
    let actor_after = || {
        let acts = |e: &&names::Entity| e.start >= fe && !is_complement(&chars, e, p);
        ents.iter()
            .filter(acts)
            .find(|e| e.end <= ce)
            .or_else(|| ents.iter().find(acts))
    };
    // "les actions de NVIDIA…, entraînant une perte de 800 Md$".
    let genitive_anywhere = || ents.iter().find(|e| e.end <= fs && genitive(e));
    if let Some(e) = owner.or_else(actor_after).or_else(genitive_anywhere) {
        return name(e);
    }
    // A place only places ("L'action s'est envolée de 14,6 % à Hong
    // Kong"): the article's main subject owns the figure.
    if let Some(t) = trail.main(corpus, p) {
        return (t.label, t.bloc);
    }
    let before = ents
        .iter()
        .filter(|e| e.start >= cs && e.end <= fs)
        .max_by_key(|e| e.end);
    let after = || ents.iter().find(|e| e.start >= fe && e.end <= ce);
    if let Some(e) = before.or_else(after) {
        return name(e);
    }
    if let Some(e) = ents.iter().find(|e| e.start >= fe) {
        return name(e);
    }
    let nearest = ents
        .iter()
        .min_by_key(|e| e.start.abs_diff(fs).min(e.end.abs_diff(fs)));
    if let Some(e) = nearest {
        return name(e);
    }
    match claim.blocs.first().and_then(|b| corpus.lexicon.bloc(b)) {
        Some(b) => (b.short.clone(), Some(b.code.clone())),
        None => ("?".into(), None),
    }
}

/// Who the claims so far spoke of: the subject of the last claim that named
/// one and did not refer back.
#[derive(Debug, Clone)]
pub struct Topic {
    label: String,
    bloc: Option<String>,
}

/// The claims an article's topic may come from, read only when a figure
/// needs it: finding names in every claim would cost more than all the
/// figures together.
pub struct Trail<'c> {
    title: &'c str,
    /// Claims since the topic was last read.
    pending: Vec<&'c str>,
    /// The topic last read, or None before the first read.
    read: Option<Option<Topic>>,
    /// The article's first claims, where its main subject is named.
    lead: Vec<&'c str>,
    /// The main subject, once read.
    main: Option<Option<Topic>>,
}

impl<'c> Trail<'c> {
    /// A trail that starts at an article's title; `lead`: its first claims.
    pub fn new(title: &'c str, lead: Vec<&'c str>) -> Self {
        Trail {
            title,
            lead,
            pending: Vec::new(),
            read: None,
            main: None,
        }
    }

    /// The article's main subject: the name its title and first claims
    /// name most often as more than a complement (ties: the first named).
    pub fn main(&mut self, corpus: &Corpus, p: &Profile) -> Option<Topic> {
        if self.main.is_none() {
            self.main = Some(main_of(corpus, self.title, &self.lead, p));
        }
        self.main.clone().flatten()
    }

    /// A claim read: unless it refers back, it may name a new topic.
    pub fn push(&mut self, text: &'c str) {
        self.pending.push(text);
    }

    /// The topic now: the subject of the latest pending claim that names
    /// one, else the topic read before, else the title's subject.
    pub fn topic(&mut self, corpus: &Corpus, p: &Profile) -> Option<Topic> {
        let newest = self
            .pending
            .iter()
            .rev()
            .filter(|t| !refers_back(corpus, t, p))
            .find_map(|t| topic_of(corpus, t, p));
        self.pending.clear();
        let before = match self.read.take() {
            Some(t) => t,
            None => topic_of(corpus, self.title, p),
        };
        let now = newest.or(before);
        self.read = Some(now.clone());
        now
    }
}

/// The name `title` and `lead` give most often, not as a complement, their
/// subjects weighing more.
fn main_of(corpus: &Corpus, title: &str, lead: &[&str], p: &Profile) -> Option<Topic> {
    struct Candidate {
        key: String,
        weight: usize,
        topic: Topic,
        /// The texts naming it, as bits (bit 0: the title).
        texts: u32,
        opens_title: bool,
    }
    // In the order first named.
    let mut seen: Vec<Candidate> = Vec::new();
    for (n, text) in std::iter::once(title)
        .chain(lead.iter().copied())
        .enumerate()
    {
        let chars: Vec<char> = text.chars().collect();
        let mentions = corpus.lexicon.bloc_mentions(text);
        let mut first = true;
        for e in names::entities(text, corpus, p) {
            if is_complement(&chars, &e, p) {
                continue;
            }
            // A text's subject counts twice: what it is about, not what it
            // mentions.
            let weight = if first { 2 } else { 1 };
            first = false;
            let bit = 1u32 << n.min(31);
            match seen.iter_mut().find(|c| c.key == e.key) {
                Some(c) => {
                    c.weight += weight;
                    c.texts |= bit;
                }
                None => seen.push(Candidate {
                    topic: Topic {
                        label: label_of(&e.surface, p),
                        bloc: bloc_within(corpus, &mentions, &e),
                    },
                    key: e.key,
                    weight,
                    texts: bit,
                    opens_title: n == 0 && e.start == 0,
                }),
            }
        }
    }
    // A title's opening words named nowhere else ("Géopolitique de l'IA")
    // are its theme, not whom the article is about.
    seen.retain(|c| c.texts != 1 || !c.opens_title);
    let best = seen.iter().map(|c| c.weight).max()?;
    seen.into_iter().find(|c| c.weight == best).map(|c| c.topic)
}

/// The bloc of the lexicon term that lies within `e`, among `mentions`
/// (the lexicon's bloc mentions of the text `e` was found in).
fn bloc_within(
    corpus: &Corpus,
    mentions: &[(usize, usize, usize)],
    e: &names::Entity,
) -> Option<String> {
    mentions
        .iter()
        .find(|(s, en, _)| *s >= e.start && *en <= e.end)
        .and_then(|&(_, _, b)| corpus.lexicon.blocs.get(b))
        .map(|b| b.code.clone())
}

/// Whether `text` opens by referring back ("Le groupe…", "Its…").
fn refers_back(corpus: &Corpus, text: &str, p: &Profile) -> bool {
    corpus.lexicon.reference(text, &p.anaphora).is_some()
}

/// The topic `text` sets, if it names a subject (its first name that is
/// not a complement).
fn topic_of(corpus: &Corpus, text: &str, p: &Profile) -> Option<Topic> {
    let chars: Vec<char> = text.chars().collect();
    let ents = names::entities(text, corpus, p);
    // Its subject stands in its first clause; a name further on ("Le
    // concepteur californien a révélé, dans un document de la SEC, que…
    // sa puce H20") is what it says, not whom it is about.
    let (_, first_clause) = names::clause_of(&chars, 0);
    let e = &ents[lead_of(&chars, &ents, p, first_clause)?];
    Some(Topic {
        label: label_of(&e.surface, p),
        bloc: bloc_within(corpus, &corpus.lexicon.bloc_mentions(text), e),
    })
}

/// The figures of one claim, read with its article's language profile;
/// `context` is the currency the claims before it in its paragraph gave,
/// `topic` who the claims before it spoke of.
pub fn of_claim(
    corpus: &Corpus,
    claim: &Claim,
    context: Option<&str>,
    trail: &mut Trail,
) -> Vec<Figure> {
    if claim.kind == ClaimKind::Boilerplate {
        return Vec::new();
    }
    let profile = corpus.profile_of(&claim.article);
    let mut raws = extract_with(&claim.text, &profile.numbers, context);
    if raws.is_empty() {
        return Vec::new();
    }
    // A sign the claim's own words leave at its default ("¥802.5 billion"
    // with no word of Japan) is read by the article's title ("Rapidus
    // starts 2nm pilot line … as Tokyo doubles down").
    for r in &mut raws {
        let Some((sign, code)) = r.text.chars().find_map(|c| sign_code(c).map(|k| (c, k))) else {
            continue;
        };
        if r.unit == code
            && let Some(a) = corpus.article(&claim.article)
        {
            r.unit = profile.numbers.sign_in_context(sign, &fold(&a.title), code);
        }
    }
    let refers = refers_back(corpus, &claim.text, profile);
    let ents = names::entities(&claim.text, corpus, profile);
    raws.into_iter()
        .map(|r| {
            let (fs, fe) = (r.offset, r.offset + r.text.chars().count());
            let (subject, bloc) = subject_of(
                corpus,
                claim,
                profile,
                (fs, fe),
                r.measure.as_deref(),
                (&mut *trail, refers),
                &ents,
            );
            let bloc = bloc.or_else(|| claim.blocs.first().cloned());
            Figure {
                claim: claim.id.clone(),
                article: claim.article.to_string(),
                subject,
                bloc,
                display: r.display(&profile.numbers.display),
                group_value: r.in_group_unit(),
                raw: r,
            }
        })
        .collect()
}

/// All the figures of the corpus, in reading order. A currency named in a
/// paragraph carries to the amounts after it that name none.
pub fn all(corpus: &Corpus) -> Vec<Figure> {
    use rayon::prelude::*;
    // Articles are read apart (a currency and a topic never cross one), so
    // they are read in parallel, and joined in reading order.
    corpus
        .articles
        .par_iter()
        .map(|a| of_article(corpus, a))
        .collect::<Vec<_>>()
        .concat()
}

/// The figures of one article, in reading order.
fn of_article(corpus: &Corpus, a: &crate::corpus::Article) -> Vec<Figure> {
    let mut out = Vec::new();
    let mut context: Option<String> = None;
    let mut para = usize::MAX;
    // The title says whom the article is about, until a claim names
    // another subject.
    let claims = corpus.claims.slice(a.claim_range.clone());
    let lead: Vec<&str> = claims
        .iter()
        .filter(|c| c.kind == ClaimKind::Sentence)
        .take(3)
        .map(|c| c.text.as_str())
        .collect();
    let mut trail = Trail::new(&a.title, lead);
    for claim in claims.iter() {
        // A list's items go on in the currency of the one before ("TSMC :
        // 6,6 milliards de dollars ;" then "Intel : 7,86 milliards ;").
        if claim.paragraph != para {
            para = claim.paragraph;
            if claim.kind != ClaimKind::Item {
                context = None;
            }
        }
        let figs = of_claim(corpus, claim, context.as_deref(), &mut trail);
        if claim.kind != ClaimKind::Boilerplate {
            trail.push(&claim.text);
        }
        if let Some(f) = figs.iter().rev().find(|f| f.raw.kind == Kind::Amount) {
            context = Some(f.raw.unit.clone());
        }
        out.extend(figs);
    }
    out
}

/// What one chart holds: a kind, a unit, and for amounts what they measure.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Group {
    /// The kind of figure.
    pub kind: Kind,
    /// Its unit: a currency, `%`, `x` or `/10`.
    pub unit: String,
    /// For amounts, what they measure (`None`: other amounts).
    pub measure: Option<String>,
}

impl Group {
    /// The chart's title: "Market loss (USD bn)", "Token prices ($ per
    /// million tokens)".
    pub fn title(&self) -> String {
        self.title_in(|s| s.to_string())
    }

    /// The title in another language: `words` gives the translation of each
    /// English phrase and pattern ("{what} ({cur}bn)", "Market loss").
    pub fn title_in(&self, words: impl Fn(&str) -> String) -> String {
        let cur = currency_symbol(&self.unit);
        let cur = cur.trim();
        match self.kind {
            Kind::Amount => {
                let what = match self.measure.as_deref() {
                    Some(m) => {
                        let mut t = m.replace('_', " ");
                        if let Some(c) = t.get(..1) {
                            t = c.to_uppercase() + &t[1..];
                        }
                        t
                    }
                    None => "Other amounts".into(),
                };
                words("{what} ({cur}bn)")
                    .replace("{what}", &words(&what))
                    .replace("{cur}", cur)
            }
            Kind::TokenPrice => {
                words("Token prices ({cur} per million tokens)").replace("{cur}", cur)
            }
            Kind::Percent => words("Percentages (%)"),
            Kind::Ratio => words("Price gaps (x)"),
            Kind::Score => words("Scores (out of 10)"),
        }
    }
}

/// Figures grouped into charts of comparable figures (one kind, one unit,
/// one measure), each chart largest first; the charts in kind order, then by
/// their number of figures.
pub fn groups(figures: &[Figure]) -> Vec<(Group, Vec<usize>)> {
    let mut out: Vec<(Group, Vec<usize>)> = Vec::new();
    for (i, f) in figures.iter().enumerate() {
        let g = Group {
            kind: f.raw.kind,
            unit: f.raw.unit.clone(),
            measure: f.raw.measure.clone(),
        };
        match out.iter_mut().find(|(x, _)| *x == g) {
            Some((_, idx)) => idx.push(i),
            None => out.push((g, vec![i])),
        }
    }
    for (_, idx) in &mut out {
        idx.sort_by(|&a, &b| figures[b].group_value.total_cmp(&figures[a].group_value));
    }
    out.sort_by(|(a, ai), (b, bi)| a.kind.cmp(&b.kind).then(bi.len().cmp(&ai.len())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> &'static crate::lang::Profile {
        crate::lang::builtin()
            .get("fr")
            .expect("the French profile")
    }

    fn en() -> &'static crate::lang::Profile {
        crate::lang::builtin()
            .get("en")
            .expect("the English profile")
    }

    fn extract(t: &str) -> Vec<Raw> {
        super::extract(t, &fr().numbers)
    }

    fn ex(t: &str) -> Vec<(Kind, f64, String, bool)> {
        extract(t)
            .into_iter()
            .map(|r| {
                let d = r.display(&fr().numbers.display);
                (r.kind, r.in_group_unit(), d, r.part)
            })
            .collect()
    }

    #[test]
    fn amounts_in_words_and_signs_in_context() {
        assert_eq!(
            ex("une levée de plus d'un milliard de dollars menée par Alibaba"),
            vec![(Kind::Amount, 1.0, "1 Md$".into(), false)]
        );
        let r = extract("une centaine de millions d'euros investis");
        assert_eq!((r.len(), r[0].value, r[0].unit.as_str()), (1, 1e8, "EUR"));
        // "un" alone, or a count with no scale, is no figure.
        assert!(extract("un modèle et une centaine de chercheurs").is_empty());
        let r = extract("un tour de 5 milliards de yuans");
        assert_eq!((r[0].value, r[0].unit.as_str()), (5e9, "CNY"));
        let yen = super::extract("In Japan, up to ¥476 billion in subsidies", &en().numbers);
        assert_eq!(yen[0].unit, "JPY");
        let yuan = super::extract("Alibaba spent ¥380 billion", &en().numbers);
        assert_eq!(yuan[0].unit, "CNY");
    }

    #[test]
    fn amounts_with_scales_currencies_and_parts() {
        assert_eq!(
            ex(
                "une chute de 1 120 milliards de dollars en capitalisation boursière, dont 589 milliards pour Nvidia."
            ),
            vec![
                (Kind::Amount, 1120.0, "1 120 Md$".into(), false),
                (Kind::Amount, 589.0, "589 Md$".into(), true)
            ]
        );
        assert_eq!(
            ex("Un méga-investissement de 500 milliards de dollars"),
            vec![(Kind::Amount, 500.0, "500 Md$".into(), false)]
        );
        assert_eq!(ex("une perte de 800 milliards de dollars !")[0].1, 800.0);
        assert_eq!(ex("investir 300 millions d’euros")[0].2, "300 M€");
    }

    #[test]
    fn numbers_as_each_language_writes_them() {
        // French: a thousands dot, a decimal comma, the French "billion".
        let r = extract(
            "Nvidia vaut 2.900 milliards de dollars, Microsoft (3.230 milliards) et 0,55 $.",
        );
        let v: Vec<(f64, &str)> = r.iter().map(|x| (x.value, x.unit.as_str())).collect();
        assert_eq!(v, [(2.9e12, "USD"), (3.23e12, "USD"), (0.55, "USD")]);
        assert_eq!(extract("1 billion d'euros")[0].value, 1e12);
        assert_eq!(extract("Mistral lève 105 M€ puis 385 M€.")[1].value, 385e6);
        // A range's first end takes the second's scale and currency.
        let r =
            extract("Meta : entre 60 et 65 milliards de dollars, puis 3 à 5 milliards d'euros.");
        let v: Vec<(f64, &str, &str)> = r
            .iter()
            .map(|x| (x.value, x.unit.as_str(), x.text.as_str()))
            .collect();
        assert_eq!(
            v,
            [
                (60e9, "USD", "60"),
                (65e9, "USD", "65 milliards de dollars"),
                (3e9, "EUR", "3"),
                (5e9, "EUR", "5 milliards d'euros")
            ]
        );
        // A year's span is no range of amounts.
        assert!(extract("de 2024 à 2025").is_empty());
        assert!(extract("une tour de 10 m de haut").is_empty());
        let p = extract("une chute de 16,97 % et de 2.5%");
        assert_eq!(
            p.iter().map(|x| (x.kind, x.value)).collect::<Vec<_>>(),
            [(Kind::Percent, 16.97), (Kind::Percent, 2.5)]
        );
        // English: a thousands comma, signs before the number, short scales.
        let r = super::extract(
            "Apple is worth $2.9 trillion, up 1,000 points; €200 billion and $500bn, 2.5% more, $6.6 billion.",
            &en().numbers,
        );
        let v: Vec<(f64, &str)> = r.iter().map(|x| (x.value, x.unit.as_str())).collect();
        assert_eq!(
            v,
            [
                (2.9e12, "USD"),
                (200e9, "EUR"),
                (500e9, "USD"),
                (2.5, "%"),
                (6.6e9, "USD")
            ]
        );
        assert_eq!(r[0].text, "$2.9 trillion");
        assert_eq!(r[0].measure.as_deref(), Some("market_value"));
    }

    #[test]
    fn dollars_that_are_not_american() {
        let units = |r: Vec<Raw>| -> Vec<(f64, String, String)> {
            r.into_iter().map(|x| (x.value, x.unit, x.text)).collect()
        };
        assert_eq!(
            units(extract(
                "l'action a bondi à 174 dollars de Hongkong, soit 3 300 milliards de dollars de Hong Kong et 314,2 milliards de dollars taïwanais."
            )),
            [
                (174.0, "HKD".into(), "174 dollars de Hongkong".into()),
                (
                    3.3e12,
                    "HKD".into(),
                    "3 300 milliards de dollars de Hong Kong".into()
                ),
                (
                    314.2e9,
                    "TWD".into(),
                    "314,2 milliards de dollars taïwanais".into()
                ),
            ]
        );
        assert_eq!(
            units(super::extract(
                "Sales of NT$323.2 billion, HK$174 a share, 9 trillion won and 1.5bn Hong Kong dollars; US$5bn.",
                &en().numbers,
            )),
            [
                (323.2e9, "TWD".into(), "NT$323.2 billion".into()),
                (174.0, "HKD".into(), "HK$174".into()),
                (9e12, "KRW".into(), "9 trillion won".into()),
                (1.5e9, "HKD".into(), "1.5bn Hong Kong dollars".into()),
                (5e9, "USD".into(), "US$5bn".into()),
            ]
        );
        assert_eq!(
            extract("un budget de 10 371,92 crores de roupies")
                .first()
                .map(|r| (r.value.round(), r.unit.clone())),
            Some((103_719_200_000.0, "INR".to_string()))
        );
        // Plain dollars stay American; a glued word is no prefix.
        assert_eq!(extract("174 dollars")[0].unit, "USD");
        assert_eq!(
            super::extract("MUS$5", &en().numbers)
                .first()
                .map(|r| r.unit.as_str()),
            Some("USD")
        );
    }

    #[test]
    fn what_an_amount_measures_comes_from_its_clause() {
        let m = |t: &str| extract(t).first().and_then(|r| r.measure.clone());
        assert_eq!(
            m("une chute de 800 milliards de dollars").as_deref(),
            Some("market_loss")
        );
        assert_eq!(
            m("un investissement de 500 milliards de dollars").as_deref(),
            Some("investment")
        );
        assert_eq!(
            m("une capitalisation de 3.400 milliards de dollars").as_deref(),
            Some("market_value")
        );
    }

    #[test]
    fn prices_ratios_and_scores() {
        let t = "DeepSeek-R1, avec un coût d'entrée de seulement 0,55$ par million de tokens et des mécanismes de cache permettant de réduire ce coût à 0,14$";
        assert_eq!(
            ex(t),
            vec![
                (Kind::TokenPrice, 0.55, "0,55$/M tokens".into(), false),
                (Kind::TokenPrice, 0.14, "0,14$/M tokens".into(), false)
            ]
        );
        let r = ex("Les différences sont parfois sidérantes (20x, 50x voire 100x)");
        assert_eq!(
            r.iter().map(|x| x.1).collect::<Vec<_>>(),
            [20.0, 50.0, 100.0]
        );
        assert!(r.iter().all(|x| x.0 == Kind::Ratio));
        let s =
            ex("des réponses que l’on pourrait noter 7/10 ... la fiabilité de 9,99/10 qu’imposent");
        assert_eq!(
            s.iter().map(|x| (x.0, x.1)).collect::<Vec<_>>(),
            [(Kind::Score, 7.0), (Kind::Score, 9.99)]
        );
    }

    #[test]
    fn numbers_that_are_not_figures() {
        for t in [
            "En 24 heures, DeepSeek a provoqué",
            "Qwen 2.5-Max d’Alibaba",
            "Dès février 2024, avec DeepSeek V2",
            "Hunyuan 3D de Tencent",
            "des centaines de milliards d’Euros par an",
        ] {
            assert!(extract(t).is_empty(), "{t}: {:?}", extract(t));
        }
    }

    #[test]
    fn seeds_figures_have_subjects_and_groups() {
        let c = Corpus::builtin();
        let f = all(&c);
        let find = |d: &str| {
            f.iter()
                .find(|x| x.display == d)
                .unwrap_or_else(|| panic!("{d} in {f:#?}"))
        };
        assert_eq!(find("0,55$/M tokens").subject, "DeepSeek-R1");
        assert_eq!(find("0,02$/M tokens").subject, "Doubao 1.5 Pro");
        assert_eq!(find("0,02$/M tokens").bloc.as_deref(), Some("cn"));
        assert_eq!(find("589 Md$").subject, "Nvidia");
        assert_eq!(find("500 Md$").bloc.as_deref(), Some("us"));
        // Whose loss: the American tech sector's, not DeepSeek's.
        assert_eq!(find("1 120 Md$").bloc.as_deref(), Some("us"));
        assert_eq!(find("1 120 Md$").subject, "US");
        let g = groups(&f);
        let kinds: Vec<Kind> = g.iter().map(|(k, _)| k.kind).collect();
        for k in [Kind::Amount, Kind::TokenPrice, Kind::Ratio, Kind::Score] {
            assert!(kinds.contains(&k), "{kinds:?}");
        }
        // Market losses and an investment are not one chart.
        let loss = g
            .iter()
            .find(|(k, _)| k.measure.as_deref() == Some("market_loss"))
            .expect("a chart of market losses");
        assert!(
            loss.1
                .iter()
                .all(|&i| f[i].raw.measure.as_deref() == Some("market_loss"))
        );
        assert_eq!(f[loss.1[0]].display, "1 120 Md$", "largest first");
        assert!(!loss.1.iter().any(|&i| f[i].display == "500 Md$"));
    }
}
