//! People who stand for an organisation within one article: "Arthur Mensch,
//! cofondateur de Mistral AI" makes a later "M. Mensch" a mention of
//! Mistral's bloc, as a reader takes it. Learned per article, never across
//! articles: a surname means one person only where it was introduced.

use super::tag::Lexicon;
use crate::text::fold;

/// Surnames learned in an article, each with its bloc.
#[derive(Debug, Default, Clone)]
pub struct People {
    /// Introduced with a role: read wherever the surname stands.
    introduced: Vec<(Vec<char>, usize)>,
    /// The lexicon's people, and full names that are lexicon terms: read
    /// only after a title ("M. Huang"), since a lone "Face" is not Hugging
    /// Face.
    titled: Vec<(Vec<char>, usize)>,
    /// Titles, as written ("M.", "Mr.").
    titles: Vec<Vec<char>>,
}

/// A word of a name: a capital then lower-case letters, hyphens allowed
/// ("Jean-Noël").
fn is_name_word(w: &[char]) -> bool {
    w.len() >= 2
        && w[0].is_uppercase()
        && w[1..].iter().all(|c| c.is_lowercase() || *c == '-')
        && w.last().is_some_and(|c| c.is_lowercase())
}

/// The words of `chars` as (start, end) char ranges: runs of letters and
/// hyphens.
fn words(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_alphabetic() {
            let s = i;
            while i < chars.len() && (chars[i].is_alphabetic() || chars[i] == '-') {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

/// Runs of two or three name words, one space apart: (start, end, index of
/// the surname's word range).
fn full_names(chars: &[char], ws: &[(usize, usize)]) -> Vec<(usize, usize, (usize, usize))> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < ws.len() {
        let mut j = i;
        while j < ws.len()
            && is_name_word(&chars[ws[j].0..ws[j].1])
            && (j == i || (ws[j].0 == ws[j - 1].1 + 1 && chars[ws[j - 1].1] == ' '))
        {
            j += 1;
        }
        let n = j - i;
        if (2..=3).contains(&n) {
            out.push((ws[i].0, ws[j - 1].1, ws[j - 1]));
            i = j;
        } else {
            i = (i + 1).max(j);
        }
    }
    out
}

impl People {
    /// Learns from an article's sentences: a full name that is a bloc term
    /// of the lexicon ("Jensen Huang") gives its surname that bloc; a full
    /// name the lexicon does not know gives its surname the one bloc named
    /// next to it with a role ("…, cofondateur de Mistral AI", "le patron de
    /// Nvidia, …").
    pub fn learn<'a>(
        sentences: impl IntoIterator<Item = &'a str>,
        lexicon: &Lexicon,
        roles: &[String],
        titles: &[String],
    ) -> People {
        let mut people = People {
            titles: titles.iter().map(|t| t.chars().collect()).collect(),
            ..People::default()
        };
        // The lexicon's people: the last word of each bloc term of two name
        // words ("Jensen Huang" -> "Huang"). Organisations come too
        // ("Hugging Face"); they are read only after a title, which no
        // organisation takes.
        if !people.titles.is_empty() {
            for (term, b) in lexicon.bloc_terms() {
                let ws: Vec<Vec<char>> = term
                    .split_whitespace()
                    .map(|w| w.chars().collect())
                    .collect();
                if ws.len() == 2 && ws.iter().all(|w| is_name_word(w)) {
                    People::add(&mut people.titled, ws[1].clone(), b);
                }
            }
        }
        for text in sentences {
            let chars: Vec<char> = text.chars().collect();
            let ws = words(&chars);
            let mentions = lexicon.bloc_mentions(text);
            for (s, e, sur) in full_names(&chars, &ws) {
                let surname = chars[sur.0..sur.1].to_vec();
                if let Some(&(_, _, b)) = mentions.iter().find(|m| m.0 == s && m.1 == e) {
                    People::add(&mut people.titled, surname, b);
                    continue;
                }
                if mentions.iter().any(|m| m.0 < e && s < m.1) {
                    continue;
                }
                // The role and the organisation: within a few words after
                // the name's comma, or just before the name.
                let after = (e, (e + 60).min(chars.len()));
                let before = (s.saturating_sub(60), s);
                for (from, to) in [after, before] {
                    let window: String = chars[from..to].iter().collect();
                    let folded = fold(&window);
                    let has_role = roles
                        .iter()
                        .any(|r| crate::text::contains_phrase(&folded, r));
                    let blocs: Vec<usize> = mentions
                        .iter()
                        .filter(|m| m.0 >= from && m.1 <= to)
                        .map(|m| m.2)
                        .collect();
                    let comma_after = from == e && chars.get(e) == Some(&',');
                    if has_role
                        && (from != e || comma_after)
                        && !blocs.is_empty()
                        && blocs.iter().all(|&b| b == blocs[0])
                    {
                        People::add(&mut people.introduced, surname.clone(), blocs[0]);
                        break;
                    }
                }
            }
        }
        people
    }

    fn add(list: &mut Vec<(Vec<char>, usize)>, surname: Vec<char>, bloc: usize) {
        if !list.iter().any(|(n, _)| *n == surname) {
            list.push((surname, bloc));
        }
    }

    /// Whether a title ends just before char `at` ("M. " before "Huang").
    fn titled_at(&self, chars: &[char], at: usize) -> bool {
        at >= 2
            && chars[at - 1] == ' '
            && self.titles.iter().any(|t| {
                let s = at - 1;
                s >= t.len()
                    && chars[s - t.len()..s] == t[..]
                    && (s == t.len() || !chars[s - t.len() - 1].is_alphanumeric())
            })
    }

    /// The learned people `text` mentions by surname: (bloc, surname).
    pub fn mentions(&self, text: &str) -> Vec<(usize, String)> {
        if self.introduced.is_empty() && self.titled.is_empty() {
            return Vec::new();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut out: Vec<(usize, String)> = Vec::new();
        for (s, e) in words(&chars) {
            let w = &chars[s..e];
            let found = self
                .introduced
                .iter()
                .find(|(n, _)| n.as_slice() == w)
                .or_else(|| {
                    self.titled_at(&chars, s)
                        .then(|| self.titled.iter().find(|(n, _)| n.as_slice() == w))
                        .flatten()
                });
            if let Some((n, b)) = found
                && !out.iter().any(|(x, _)| x == b)
            {
                out.push((*b, n.iter().collect()));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<String> {
        ["cofondateur", "patron", "chief executive"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    fn titles() -> Vec<String> {
        vec!["M.".to_string(), "Mr.".to_string()]
    }

    #[test]
    fn the_lexicon_s_people_after_a_title_and_never_a_lone_word() {
        let lex = Lexicon::builtin();
        let us = lex.bloc_index("us").unwrap();
        // "Jensen Huang" is in the lexicon; the article never names him in full.
        let p = People::learn(["Rien ici."], &lex, &roles(), &titles());
        assert_eq!(
            p.mentions("a lancé mercredi M. Huang à Taipei"),
            vec![(us, "Huang".to_string())]
        );
        assert!(p.mentions("Huang a parlé.").is_empty());
        // "Hugging Face" gives no lone "Face".
        assert!(p.mentions("Face à la Chine, l'Europe hésite.").is_empty());
    }

    #[test]
    fn a_person_introduced_with_a_role_stands_for_the_organisation() {
        let lex = Lexicon::builtin();
        let eu = lex.bloc_index("eu").unwrap();
        let us = lex.bloc_index("us").unwrap();
        let p = People::learn(
            [
                "Arthur Mensch, cofondateur de Mistral AI, a présenté le modèle.",
                "Le patron de Nvidia, Jensen Huang, était à Paris.",
            ],
            &lex,
            &roles(),
            &titles(),
        );
        assert_eq!(
            p.mentions("« C'est décisif », a insisté M. Mensch."),
            vec![(eu, "Mensch".to_string())]
        );
        assert_eq!(
            p.mentions("M. Huang a répondu."),
            vec![(us, "Huang".to_string())]
        );
        // No role, no bloc: nothing learned; and a word that only contains
        // the surname is not it.
        let q = People::learn(
            ["Marie Dupont a visité Mistral AI."],
            &lex,
            &roles(),
            &titles(),
        );
        assert!(q.mentions("Mme Dupont a répondu.").is_empty());
        assert!(p.mentions("Menschheit").is_empty());
    }

    #[test]
    fn a_name_next_to_two_blocs_is_not_learned() {
        let lex = Lexicon::builtin();
        let p = People::learn(
            ["Jean Martin, patron de la filiale de Nvidia chez Mistral AI, parle."],
            &lex,
            &roles(),
            &titles(),
        );
        assert!(p.mentions("M. Martin parle.").is_empty());
    }
}
