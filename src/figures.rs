//! Numeric facts in claims: amounts of money (`500 milliards de dollars`,
//! `1 120 milliards`), token prices (`0,55$ par million de tokens`), ratios
//! (`20x, 50x voire 100x`) and scores (`9,99/10`), with their unit and scale,
//! grouped so that figures of one group are comparable.

use serde::Serialize;

use crate::corpus::{Claim, Corpus};
use crate::lang::{NumberDisplay, Numbers};

/// What a figure measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// An amount of money (investments, market losses): in billions.
    Amount,
    /// A price per million tokens.
    TokenPrice,
    /// A ratio ("20x").
    Ratio,
    /// A score out of 10.
    Score,
}

impl Kind {
    /// Chart title of the group.
    pub fn title(self) -> &'static str {
        match self {
            Kind::Amount => "Investments and market losses ($bn)",
            Kind::TokenPrice => "Token prices ($ per million tokens)",
            Kind::Ratio => "Price gaps (x)",
            Kind::Score => "Scores (out of 10)",
        }
    }
}

/// A figure as read from a text, before it is tied to a claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Raw {
    /// What it measures.
    pub kind: Kind,
    /// The number as written, with its scale applied (1 120 milliards ->
    /// 1.12e12); for a token price, dollars per million tokens.
    pub value: f64,
    /// `USD`, `EUR`, `x` or `/10`.
    pub unit: String,
    /// The scale word, if any (`milliards`, `millions`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    /// The words that say it ("1 120 milliards de dollars").
    pub text: String,
    /// Char offset of `text`.
    pub offset: usize,
    /// True when introduced by "dont" (a part of the figure before it).
    pub part: bool,
    /// True when the currency came from an earlier figure of the same text.
    pub inferred_unit: bool,
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
    /// tokens", "20x", "9,99/10".
    pub fn display(&self, fmt: &NumberDisplay) -> String {
        let cur = currency_symbol(&self.unit);
        let n = |v: f64| fmt.number(v);
        match self.kind {
            Kind::Amount if self.value >= 1e9 => {
                format!("{} {}{cur}", n(self.value / 1e9), fmt.billions)
            }
            Kind::Amount if self.value >= 1e6 => {
                format!("{} {}{cur}", n(self.value / 1e6), fmt.millions)
            }
            Kind::Amount => format!("{}{cur}", n(self.value)),
            Kind::TokenPrice => format!("{}{cur}/M tokens", n(self.value)),
            Kind::Ratio => format!("{}x", n(self.value)),
            Kind::Score => format!("{}/10", n(self.value)),
        }
    }
}

/// Currency signs and their codes: signs are the same in every language.
const SIGNS: [(char, &str); 3] = [('$', "USD"), ('€', "EUR"), ('£', "GBP")];

/// The sign of a currency code ("USD" -> "$"), or the code itself.
pub fn currency_symbol(code: &str) -> String {
    SIGNS
        .iter()
        .find(|(_, c)| *c == code)
        .map(|(s, _)| s.to_string())
        .unwrap_or_else(|| format!(" {code}"))
}

/// Reads the word after a number (letters and apostrophes), folded.
fn word_at(chars: &[char], i: usize) -> (String, usize) {
    let mut j = i;
    while j < chars.len() && (chars[j].is_alphabetic() || chars[j] == '\'' || chars[j] == '’') {
        j += 1;
    }
    (
        crate::text::fold(&chars[i..j].iter().collect::<String>()),
        j,
    )
}

/// The word just before char `i` (spaces skipped), folded.
fn word_before(chars: &[char], i: usize) -> Option<String> {
    let mut e = i;
    while e > 0 && is_space(chars[e - 1]) {
        e -= 1;
    }
    let mut s = e;
    while s > 0 && chars[s - 1].is_alphabetic() {
        s -= 1;
    }
    (s < e).then(|| crate::text::fold(&chars[s..e].iter().collect::<String>()))
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

/// Extracts the figures of `text`, with the number format and the words of
/// a language profile.
pub fn extract(text: &str, nw: &Numbers) -> Vec<Raw> {
    let chars: Vec<char> = text.chars().collect();
    let lower = crate::text::fold(text);
    let per_million_tokens = nw
        .per_million_tokens
        .iter()
        .any(|p| lower.contains(p.as_str()));
    let mut out: Vec<Raw> = Vec::new();
    let mut last_currency: Option<String> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts_number = c.is_ascii_digit()
            && (i == 0
                || !(chars[i - 1].is_alphanumeric() || matches!(chars[i - 1], '.' | ',' | '-')));
        if !starts_number {
            i += 1;
            continue;
        }
        let start = i;
        // Integer part, with thousands groups "1 120".
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
        let part = word_before(&chars, start).is_some_and(|w| nw.parts.contains(&w));
        // Ratio "20x" and score "9,99/10".
        if chars.get(i) == Some(&'x') && chars.get(i + 1).is_none_or(|c| !c.is_alphanumeric()) {
            out.push(raw(
                Kind::Ratio,
                value,
                "x",
                None,
                &chars,
                start,
                i + 1,
                part,
                false,
            ));
            i += 1;
            continue;
        }
        if chars.get(i) == Some(&'/')
            && chars.get(i + 1) == Some(&'1')
            && chars.get(i + 2) == Some(&'0')
        {
            out.push(raw(
                Kind::Score,
                value,
                "/10",
                None,
                &chars,
                start,
                i + 3,
                part,
                false,
            ));
            i += 3;
            continue;
        }
        // Amounts: number [scale] [de|d'] [currency].
        let mut j = skip_spaces(&chars, i);
        let mut scale = None;
        let (w, after_w) = word_at(&chars, j);
        let mult = nw.scale(&w).unwrap_or(1.0);
        if mult > 1.0 {
            scale = Some(w.clone());
            value *= mult;
            j = skip_spaces(&chars, after_w);
        }
        let mut currency = None;
        let mut end = if scale.is_some() { after_w } else { i };
        if let Some(&(_, code)) = chars
            .get(j)
            .and_then(|c| SIGNS.iter().find(|(s, _)| s == c))
        {
            currency = Some(code.to_string());
            end = j + 1;
        } else {
            let (w, after) = word_at(&chars, j);
            // "de dollars", "d'euros": a link word, spaced or elided.
            let (w, after) = if nw.currency_links.contains(&w) {
                let k = skip_spaces(&chars, after);
                word_at(&chars, k)
            } else {
                (w, after)
            };
            let w = nw
                .currency_links
                .iter()
                .filter(|l| l.ends_with('\''))
                .find_map(|l| w.strip_prefix(l.as_str()))
                .unwrap_or(&w)
                .to_string();
            let cur = nw.currency(&w);
            if cur.is_some() && (scale.is_some() || j == i || is_space(chars[i])) {
                currency = cur.map(String::from);
                end = after;
            }
        }
        let inferred = currency.is_none() && scale.is_some() && last_currency.is_some();
        let Some(cur) = currency.or(if inferred {
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
        out.push(raw(
            kind, value, &cur, scale, &chars, start, end, part, inferred,
        ));
        i = end.max(i);
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn raw(
    kind: Kind,
    value: f64,
    unit: &str,
    scale: Option<String>,
    chars: &[char],
    start: usize,
    end: usize,
    part: bool,
    inferred_unit: bool,
) -> Raw {
    Raw {
        kind,
        value,
        unit: unit.to_string(),
        scale,
        text: chars[start..end.min(chars.len())].iter().collect(),
        offset: start,
        part,
        inferred_unit,
    }
}

/// A figure of the corpus, tied to its claim.
#[derive(Debug, Clone, Serialize)]
pub struct Figure {
    /// The claim id.
    pub claim: String,
    /// The article id.
    pub article: String,
    /// What it is about: the bloc term nearest to it ("DeepSeek-R1", "Nvidia").
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

/// The figures of one claim, read with its article's language profile.
pub fn of_claim(corpus: &Corpus, claim: &Claim) -> Vec<Figure> {
    let profile = corpus.profile_of(&claim.article);
    let raws = extract(&claim.text, &profile.numbers);
    if raws.is_empty() {
        return Vec::new();
    }
    let mentions = corpus.lexicon.bloc_mentions(&claim.text);
    let chars: Vec<char> = claim.text.chars().collect();
    raws.into_iter()
        .map(|r| {
            let (fs, fe) = (r.offset, r.offset + r.text.chars().count());
            let nearest = mentions.iter().min_by_key(|(s, e, _)| {
                if *e <= fs {
                    fs - e
                } else {
                    s.saturating_sub(fe)
                }
            });
            let (subject, bloc) = match nearest {
                Some(&(s, e, b)) => (
                    chars[s..e].iter().collect(),
                    corpus.lexicon.blocs.get(b).map(|x| x.code.clone()),
                ),
                None => (
                    fallback_subject(corpus, claim, fs),
                    claim.blocs.first().cloned(),
                ),
            };
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

/// A subject for a figure whose claim names no bloc term: the claim's bloc,
/// else the words just before the figure ("la fiabilité").
fn fallback_subject(corpus: &Corpus, claim: &Claim, at: usize) -> String {
    if let Some(b) = claim.blocs.first().and_then(|b| corpus.lexicon.bloc(b)) {
        return b.short.clone();
    }
    let before: String = claim.text.chars().take(at).collect();
    let words: Vec<&str> = before
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .collect();
    words[words.len().saturating_sub(2)..].join(" ")
}

/// All the figures of the corpus, in reading order.
pub fn all(corpus: &Corpus) -> Vec<Figure> {
    corpus
        .claims
        .iter()
        .flat_map(|c| of_claim(corpus, c))
        .collect()
}

/// Figures grouped by kind (amounts in a currency other than dollars stay
/// out of the dollar chart), each group largest first.
pub fn groups(figures: &[Figure]) -> Vec<(Kind, Vec<usize>)> {
    let mut out: Vec<(Kind, Vec<usize>)> = Vec::new();
    for kind in [Kind::Amount, Kind::TokenPrice, Kind::Ratio, Kind::Score] {
        let mut idx: Vec<usize> = figures
            .iter()
            .enumerate()
            .filter(|(_, f)| f.raw.kind == kind && (kind != Kind::Amount || f.raw.unit == "USD"))
            .map(|(i, _)| i)
            .collect();
        idx.sort_by(|&a, &b| figures[b].group_value.total_cmp(&figures[a].group_value));
        if !idx.is_empty() {
            out.push((kind, idx));
        }
    }
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
        assert_eq!(find("0,02$/M tokens").subject, "ByteDance");
        assert_eq!(find("589 Md$").subject, "Nvidia");
        assert_eq!(find("500 Md$").bloc.as_deref(), Some("us"));
        let g = groups(&f);
        assert_eq!(
            g.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
            [Kind::Amount, Kind::TokenPrice, Kind::Ratio, Kind::Score]
        );
        assert_eq!(f[g[0].1[0]].display, "1 120 Md$", "largest first");
    }
}
