//! The lexicon (`assets/lexicon.toml`) and the tagger that finds the blocs and
//! topics a text mentions.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::color::{Color, parse_color};
use crate::lang::Anaphora;
use crate::terms::TermSet;
use crate::text::{clean, fold, is_word_char};

/// The built-in lexicon, embedded in the binary.
pub const BUILTIN_LEXICON: &str = include_str!("../../assets/lexicon.toml");

/// A bloc, as the lexicon defines it: the built-in ones, or one a corpus's
/// lexicon adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlocInfo {
    /// Lowercase code used everywhere (`us`).
    pub code: String,
    /// Full name ("United States").
    pub name: String,
    /// Short label for pane titles and badges ("US").
    pub short: String,
    /// An ASCII label, for badges where only ASCII can be drawn.
    pub badge: String,
    /// Its color; none: the theme's color for other blocs.
    pub color: Option<Color>,
    /// Its names in other languages (`[bloc.translations.fr]`), by code.
    pub translations: BTreeMap<String, BlocNames>,
}

/// A bloc's names in one language; what is left out stays as it was.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlocNames {
    /// Full name ("Chine").
    pub name: Option<String>,
    /// Pane titles and badges.
    pub short: Option<String>,
    /// The ASCII label.
    pub badge: Option<String>,
}

/// A topic (`open_source`, `pricing`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicInfo {
    /// snake_case code.
    pub code: String,
    /// Human name.
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    #[serde(default)]
    bloc: Vec<EntryDef>,
    #[serde(default)]
    topic: Vec<EntryDef>,
    #[serde(default)]
    anaphora: Option<AnaphoraDef>,
    #[serde(default)]
    elsewhere: Option<ElsewhereDef>,
}

/// Places and firms of no bloc (Japan, India, TSMC): a sentence about them
/// takes no bloc from its context.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ElsewhereDef {
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    cased: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryDef {
    code: String,
    name: Option<String>,
    short: Option<String>,
    badge: Option<String>,
    color: Option<String>,
    #[serde(default)]
    terms: Vec<String>,
    #[serde(default)]
    cased: Vec<String>,
    /// Blocs only: their names in other languages.
    #[serde(default)]
    translations: BTreeMap<String, BlocNames>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AnaphoraDef {
    #[serde(default)]
    pronouns: Vec<String>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    connectives: Vec<String>,
    #[serde(default)]
    impersonal: Vec<String>,
}

impl LexiconFile {
    /// Every text cleaned of controls and escapes: TOML decodes `\u001b`
    /// after the file was read, and codes and names reach every output.
    fn cleaned(self) -> Self {
        let list = |v: Vec<String>| v.into_iter().map(clean).collect::<Vec<_>>();
        let entry = |d: EntryDef| EntryDef {
            code: clean(d.code),
            name: d.name.map(clean),
            short: d.short.map(clean),
            badge: d.badge.map(clean),
            color: d.color.map(clean),
            terms: list(d.terms),
            cased: list(d.cased),
            translations: d
                .translations
                .into_iter()
                .map(|(k, n)| {
                    let names = BlocNames {
                        name: n.name.map(clean),
                        short: n.short.map(clean),
                        badge: n.badge.map(clean),
                    };
                    (clean(k), names)
                })
                .collect(),
        };
        LexiconFile {
            bloc: self.bloc.into_iter().map(entry).collect(),
            topic: self.topic.into_iter().map(entry).collect(),
            anaphora: self.anaphora.map(|a| AnaphoraDef {
                pronouns: list(a.pronouns),
                determiners: list(a.determiners),
                connectives: list(a.connectives),
                impersonal: list(a.impersonal),
            }),
            elsewhere: self.elsewhere.map(|e| ElsewhereDef {
                terms: list(e.terms),
                cased: list(e.cased),
            }),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Bloc(usize),
    Topic(usize),
    Elsewhere,
}

/// How a sentence opens, for resolving references back to a bloc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opening {
    /// "Elle doit...", "Ils cherchent...".
    Pronoun,
    /// "Cette politique...", "Leur ouverture...".
    Determiner,
    /// "Le groupe...", "The company...": a definite description standing
    /// for the actor spoken of.
    Description,
    /// Anything else.
    Other,
}

/// Blocs and topics found in a text, each once, in order of first mention.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tags {
    /// Bloc indices into [`Lexicon::blocs`], first-mentioned first.
    pub blocs: Vec<usize>,
    /// Topic indices into [`Lexicon::topics`], first-mentioned first.
    pub topics: Vec<usize>,
    /// The text names a place or firm of no bloc (Japan, TSMC).
    pub elsewhere: bool,
}

/// The words a sentence refers back with: how, and the words as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// Pronoun, determiner or description.
    pub kind: Opening,
    /// The referring words, folded ("le groupe", "elle").
    pub words: String,
    /// True when they open the sentence, not its main clause after a
    /// leading phrase ("In India, the government…").
    pub first: bool,
}

/// Why a lexicon file was rejected.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{message}")]
pub struct LexiconError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the file, when known.
    pub byte: Option<usize>,
}

/// The lexicon, compiled for matching.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Blocs, in the lexicon's order (the built-in one starts us, cn, eu).
    pub blocs: Vec<BlocInfo>,
    /// Topics, in the lexicon's order.
    pub topics: Vec<TopicInfo>,
    defs: Vec<(Target, String, bool)>,
    terms: TermSet<Target>,
    /// Anaphora words a corpus's lexicon adds to its languages' own.
    anaphora: Anaphora,
}

/// An ASCII version of a label: accents dropped, case kept ("Amérique" ->
/// "Amerique"), other chars dropped.
fn ascii_label(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        unicode_normalization::char::decompose_canonical(c, |d| {
            if d.is_ascii_graphic() || d == ' ' {
                out.push(d);
            }
        });
    }
    match out.trim() {
        "" => "?".into(),
        t => t.to_string(),
    }
}

fn parse_file(src: &str) -> Result<LexiconFile, LexiconError> {
    toml::from_str(src).map_err(|e| LexiconError {
        message: e.message().to_string(),
        byte: e.span().map(|s| s.start),
    })
}

impl Lexicon {
    /// Names each bloc in language `code` where the lexicon gives its names
    /// in it (a badge derived from the new short name when none is given).
    pub fn localize(&mut self, code: &str) {
        for b in &mut self.blocs {
            let Some(t) = b.translations.get(code) else {
                continue;
            };
            if let Some(n) = &t.name {
                b.name = n.clone();
            }
            if let Some(s) = &t.short {
                b.short = s.clone();
                b.badge = t.badge.clone().unwrap_or_else(|| ascii_label(s));
            } else if let Some(x) = &t.badge {
                b.badge = x.clone();
            }
        }
    }

    /// The built-in lexicon.
    pub fn builtin() -> Self {
        // The embedded file is checked by the tests; failing here is a build bug.
        Self::parse(BUILTIN_LEXICON).expect("the built-in lexicon parses")
    }

    /// Parses a lexicon from TOML source.
    pub fn parse(src: &str) -> Result<Self, LexiconError> {
        let mut lex = Lexicon::empty();
        lex.merge(parse_file(src)?)?;
        lex.compile()?;
        Ok(lex)
    }

    /// Adds the blocs, topics, terms and anaphora words of `src` to this
    /// lexicon (a corpus's own `lexicon.toml`). On error the lexicon is unchanged.
    pub fn extend(&mut self, src: &str) -> Result<(), LexiconError> {
        let file = parse_file(src)?;
        let mut next = self.clone();
        next.merge(file)?;
        next.compile()?;
        *self = next;
        Ok(())
    }

    fn empty() -> Self {
        Lexicon {
            blocs: Vec::new(),
            topics: Vec::new(),
            defs: Vec::new(),
            terms: TermSet::empty(),
            anaphora: Anaphora::default(),
        }
    }

    fn merge(&mut self, file: LexiconFile) -> Result<(), LexiconError> {
        let file = file.cleaned();
        for def in file.bloc {
            let color = match def.color.as_deref() {
                Some(c) => Some(parse_color(c).ok_or_else(|| LexiconError {
                    message: format!(
                        "bloc `{}`: color {c:?} is not a color name or #rrggbb",
                        def.code
                    ),
                    byte: None,
                })?),
                None => None,
            };
            let idx = match self.blocs.iter().position(|b| b.code == def.code) {
                Some(i) => {
                    // A corpus may restyle a known bloc.
                    let b = &mut self.blocs[i];
                    if color.is_some() {
                        b.color = color;
                    }
                    if let Some(x) = &def.badge {
                        b.badge = x.clone();
                    }
                    b.translations.extend(def.translations.clone());
                    i
                }
                None => {
                    let short = def.short.clone().unwrap_or_else(|| def.code.to_uppercase());
                    let badge = def.badge.clone().unwrap_or_else(|| ascii_label(&short));
                    self.blocs.push(BlocInfo {
                        code: def.code.clone(),
                        name: def.name.clone().unwrap_or_else(|| short.clone()),
                        short,
                        badge,
                        color,
                        translations: def.translations.clone(),
                    });
                    self.blocs.len() - 1
                }
            };
            self.add_terms(Target::Bloc(idx), &def);
        }
        for def in file.topic {
            let idx = match self.topics.iter().position(|t| t.code == def.code) {
                Some(i) => i,
                None => {
                    self.topics.push(TopicInfo {
                        code: def.code.clone(),
                        name: def
                            .name
                            .clone()
                            .unwrap_or_else(|| def.code.replace('_', " ")),
                    });
                    self.topics.len() - 1
                }
            };
            self.add_terms(Target::Topic(idx), &def);
        }
        if let Some(e) = file.elsewhere {
            for t in e.terms {
                self.defs.push((Target::Elsewhere, t, false));
            }
            for t in e.cased {
                self.defs.push((Target::Elsewhere, t, true));
            }
        }
        if let Some(a) = file.anaphora {
            self.anaphora.extend(&Anaphora::from_words(
                &a.pronouns,
                &a.determiners,
                &a.connectives,
                &a.impersonal,
            ));
        }
        Ok(())
    }

    fn add_terms(&mut self, target: Target, def: &EntryDef) {
        for t in &def.terms {
            self.defs.push((target, t.clone(), false));
        }
        for t in &def.cased {
            self.defs.push((target, t.clone(), true));
        }
    }

    fn compile(&mut self) -> Result<(), LexiconError> {
        self.terms = TermSet::build(
            self.defs
                .iter()
                .map(|(target, raw, cased)| (*target, raw.as_str(), *cased)),
        )
        .map_err(|message| LexiconError {
            message,
            byte: None,
        })?;
        Ok(())
    }

    /// The bloc terms as written, each with its bloc.
    pub fn bloc_terms(&self) -> impl Iterator<Item = (&str, usize)> {
        self.defs
            .iter()
            .filter_map(|(target, raw, _)| match target {
                Target::Bloc(b) => Some((raw.as_str(), *b)),
                Target::Topic(_) | Target::Elsewhere => None,
            })
    }

    /// Index of the bloc with this code.
    pub fn bloc_index(&self, code: &str) -> Option<usize> {
        self.blocs.iter().position(|b| b.code == code)
    }

    /// The bloc with this code.
    pub fn bloc(&self, code: &str) -> Option<&BlocInfo> {
        self.blocs.iter().find(|b| b.code == code)
    }

    /// Every term match in `text`: original char range and what it names,
    /// in order of position.
    fn matches(&self, text: &str) -> Vec<(usize, usize, Target)> {
        self.terms.find(text)
    }

    /// The blocs and topics `text` names.
    pub fn tag(&self, text: &str) -> Tags {
        let mut tags = Tags::default();
        for (_, _, t) in self.matches(text) {
            match t {
                Target::Bloc(b) if !tags.blocs.contains(&b) => tags.blocs.push(b),
                Target::Topic(x) if !tags.topics.contains(&x) => tags.topics.push(x),
                Target::Elsewhere => tags.elsewhere = true,
                _ => {}
            }
        }
        tags
    }

    /// Where `text` names a bloc: (char start, char end, bloc index), in order.
    pub fn bloc_mentions(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.matches(text)
            .into_iter()
            .filter_map(|(s, e, t)| match t {
                Target::Bloc(b) => Some((s, e, b)),
                Target::Topic(_) | Target::Elsewhere => None,
            })
            .collect()
    }

    /// The bloc `text` is about, as the next "Elle..." would take it: the
    /// first it names outside a leading phrase ("Sur l'App Store américain,
    /// l'application de DeepSeek…": DeepSeek's) and not as a complement
    /// ("en Chine"); else the first it names.
    pub fn subject_bloc(&self, text: &str, lang: &Anaphora) -> Option<usize> {
        self.subject_mention(text, lang).map(|(_, _, b)| b)
    }

    /// The blocs of a headline's subject that acts: its name followed by a
    /// lowercase word that is no preposition ("Bruxelles rallie…",
    /// "Washington serre la vis, Pékin riposte", "Huawei's answer to…"), or
    /// two names joined by "and" that act together ("SAP and OpenAI team
    /// up"); not a list of blocs nor a name facing another ("Chine,
    /// États-Unis, Europe : trois visions", "L'Europe face aux IA
    /// chinoises"). Empty when none acts.
    pub fn acting_subjects(&self, text: &str, lang: &Anaphora) -> Vec<usize> {
        let Some((_, end, b)) = self.subject_mention(text, lang) else {
            return Vec::new();
        };
        let chars: Vec<char> = text.chars().collect();
        let next_word = |at: usize| -> Option<(String, usize)> {
            let mut i = at;
            // A possessive is still its subject.
            if matches!(chars.get(i), Some('\'' | '’')) && chars.get(i + 1) == Some(&'s') {
                i += 2;
            }
            if chars.get(i) != Some(&' ') {
                return None;
            }
            let start = i + 1;
            let mut e = start;
            while e < chars.len() && (is_word_char(chars[e]) || chars[e] == '\'' || chars[e] == '’')
            {
                e += 1;
            }
            (e > start).then(|| (chars[start..e].iter().collect(), e))
        };
        let acts = |w: &str| {
            let f = fold(w);
            w.chars().next().is_some_and(char::is_lowercase)
                && !self.any_word(lang, |a| &a.complements, |c| c == f)
                && !lang.connectives.contains(&f)
        };
        // An apposition: "Kyutai, le laboratoire parisien qui veut…".
        let rest: String = chars[end.min(chars.len())..].iter().collect();
        if let Some(after_comma) = rest.strip_prefix(", ") {
            let first = after_comma
                .split(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
                .next()
                .unwrap_or("");
            let f = fold(first);
            let f = f.split('\'').next().unwrap_or("");
            if lang.articles.iter().any(|a| a.trim_end_matches('\'') == f) {
                return vec![b];
            }
        }
        let Some((w, after)) = next_word(end) else {
            return Vec::new();
        };
        if acts(&w) {
            return vec![b];
        }
        // "X and Y verb": the second name right after the joining word.
        if lang.connectives.contains(&fold(&w)) {
            let second = self
                .bloc_mentions(text)
                .into_iter()
                .find(|&(s, _, _)| s == after + 1);
            if let Some((_, e2, b2)) = second
                && next_word(e2).is_some_and(|(w2, _)| acts(&w2))
            {
                return if b2 == b { vec![b] } else { vec![b, b2] };
            }
        }
        Vec::new()
    }

    /// Where the subject's name is in `text`, and its bloc: see
    /// [`Lexicon::subject_bloc`].
    fn subject_mention(&self, text: &str, lang: &Anaphora) -> Option<(usize, usize, usize)> {
        self.subject_among(text, lang, self.bloc_mentions(text))
    }

    /// What `text` is about, among blocs and places of no bloc: Some(bloc),
    /// or None for a place of no bloc ("L'Inde se construit une réserve de
    /// GPU… des géants américains" is India's); None when it names neither.
    pub fn subject_place(&self, text: &str, lang: &Anaphora) -> Option<Option<usize>> {
        let mentions: Vec<(usize, usize, Option<usize>)> = self
            .matches(text)
            .into_iter()
            .filter_map(|(s, e, t)| match t {
                Target::Bloc(b) => Some((s, e, Some(b))),
                Target::Elsewhere => Some((s, e, None)),
                Target::Topic(_) => None,
            })
            .collect();
        self.subject_among(text, lang, mentions).map(|(_, _, b)| b)
    }

    /// The first of `mentions` outside a leading phrase and not after a
    /// complement's preposition, else the first.
    fn subject_among<T: Copy>(
        &self,
        text: &str,
        lang: &Anaphora,
        mentions: Vec<(usize, usize, T)>,
    ) -> Option<(usize, usize, T)> {
        let first = *mentions.first()?;
        let chars: Vec<char> = text.chars().collect();
        let word_before = |at: usize| word_before(&chars, at);
        let complements = |w: &str| self.any_word(lang, |a| &a.complements, |c| c == w);
        // A leading phrase: from an opening preposition to the first comma.
        let lead_end = {
            let first_word: String = chars
                .iter()
                .take_while(|c| is_word_char(**c) || **c == '\'' || **c == '’')
                .collect();
            let f = fold(&first_word);
            let f = f.split('\'').next().unwrap_or("");
            if complements(f) {
                chars.iter().position(|&c| c == ',').unwrap_or(0)
            } else {
                0
            }
        };
        mentions
            .iter()
            .find(|&&(s, _, _)| s >= lead_end && !complements(&word_before(s)))
            .copied()
            .or(Some(first))
    }

    /// True when every bloc a heading names is a complement ("Des centres
    /// de données en Europe") or comes after an owner's or a comparison's
    /// word ("Plus lourd que le PIB du Japon"), none its subject.
    pub fn heading_only_complements(&self, text: &str, lang: &Anaphora) -> bool {
        let mentions = self.bloc_mentions(text);
        let chars: Vec<char> = text.chars().collect();
        !mentions.is_empty()
            && mentions.iter().all(|&(s, _, _)| {
                let w = word_before(&chars, s.min(chars.len()));
                let w = w.trim_end_matches('\'');
                let same = |c: &str| c.trim_end_matches('\'') == w;
                self.any_word(lang, |a| &a.complements, same)
                    || lang.heading_complements.iter().any(|c| same(c))
            })
    }

    /// Whether a word of one of the anaphora lists, the language's or the
    /// ones this lexicon adds, meets `pred`.
    fn any_word(
        &self,
        lang: &Anaphora,
        list: fn(&Anaphora) -> &Vec<String>,
        pred: impl Fn(&str) -> bool,
    ) -> bool {
        list(lang)
            .iter()
            .chain(list(&self.anaphora))
            .any(|x| pred(x))
    }

    /// How `text` opens: with a pronoun or a determiner that refers back, or
    /// not; with the anaphora words of its language (`lang`) and the ones
    /// this lexicon adds.
    pub fn opening(&self, text: &str, lang: &Anaphora) -> Opening {
        self.reference(text, lang)
            .map_or(Opening::Other, |r| r.kind)
    }

    /// The words `text` refers back with, if any: a pronoun, determiner or
    /// description opening it ("Elle…", "Le groupe…"), or a pronoun or
    /// description opening its main clause after a short leading phrase
    /// ("En février, elle…", "Il y a deux ans, l'entreprise…").
    pub fn reference(&self, text: &str, lang: &Anaphora) -> Option<Reference> {
        // Only the first words matter: fold a short prefix, not the sentence.
        let prefix: String = text.chars().take(96).collect();
        let folded = fold(&prefix);
        if let Some(r) = self.reference_at(&folded, lang, true) {
            return Some(r);
        }
        let comma = folded.find(',')?;
        if folded[..comma].split_whitespace().count() > 8 {
            return None;
        }
        self.reference_at(&folded[comma + 1..], lang, false)
            .filter(|r| r.kind != Opening::Determiner)
    }

    fn reference_at(&self, folded: &str, lang: &Anaphora, opening: bool) -> Option<Reference> {
        let words: Vec<&str> = folded
            .split(|c: char| !(is_word_char(c) || c == '\''))
            .filter(|w| !w.is_empty())
            .collect();
        let extra = &self.anaphora;
        let has =
            |list: fn(&Anaphora) -> &Vec<String>, w: &str| self.any_word(lang, list, |x| x == w);
        let mut i = 0;
        while i < words.len() && has(|a| &a.connectives, words[i]) {
            i += 1;
        }
        let first = words.get(i)?;
        let starts_with = |p: &[String]| {
            p.len() <= words.len() - i && p.iter().zip(&words[i..]).all(|(a, b)| a.as_str() == *b)
        };
        if has(|a| &a.pronouns, first) {
            let impersonal = lang
                .impersonal
                .iter()
                .chain(&extra.impersonal)
                .any(|p| starts_with(p));
            return (!impersonal).then(|| Reference {
                kind: Opening::Pronoun,
                words: first.to_string(),
                first: opening,
            });
        }
        if let Some(d) = lang
            .descriptions
            .iter()
            .chain(&extra.descriptions)
            .filter(|d| !d.is_empty() && starts_with(d))
            .max_by_key(|d| d.len())
        {
            return Some(Reference {
                kind: Opening::Description,
                words: d.join(" "),
                first: opening,
            });
        }
        if opening && has(|a| &a.determiners, first) {
            return Some(Reference {
                kind: Opening::Determiner,
                words: first.to_string(),
                first: opening,
            });
        }
        None
    }
}

/// The word just before char `at` (spaces skipped), folded, with its
/// elision ("d'").
fn word_before(chars: &[char], at: usize) -> String {
    let before: String = chars[..at].iter().collect();
    let w = before
        .trim_end()
        .rsplit(|c: char| !(is_word_char(c) || c == '\'' || c == '’'))
        .next()
        .unwrap_or("");
    fold(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lexicon with a language's anaphora words.
    struct Opener<'a>(&'a Lexicon, &'a Anaphora);

    impl Opener<'_> {
        fn opening(&self, text: &str) -> Opening {
            self.0.opening(text, self.1)
        }
    }

    fn codes(lex: &Lexicon, text: &str) -> Vec<String> {
        lex.tag(text)
            .blocs
            .iter()
            .map(|&b| lex.blocs[b].code.clone())
            .collect()
    }

    #[test]
    fn builtin_lexicon_parses_with_the_three_blocs_first() {
        let lex = Lexicon::builtin();
        let c: Vec<&str> = lex.blocs.iter().map(|b| b.code.as_str()).collect();
        assert_eq!(&c[..3], ["us", "cn", "eu"]);
        assert!(lex.topics.iter().any(|t| t.code == "open_source"));
    }

    #[test]
    fn countries_adjectives_firms_and_people() {
        let lex = Lexicon::builtin();
        assert_eq!(codes(&lex, "Les États-Unis les protègent."), ["us"]);
        assert_eq!(codes(&lex, "Les Etats-Unis et les USA."), ["us"]);
        assert_eq!(codes(&lex, "des géants américains"), ["us"]);
        assert_eq!(
            codes(&lex, "la suprématie technologique américaine"),
            ["us"]
        );
        assert_eq!(codes(&lex, "les frontières chinoises"), ["cn"]);
        assert_eq!(codes(&lex, "Pékin et ByteDance"), ["cn"]);
        assert_eq!(codes(&lex, "les valeurs européennes"), ["eu"]);
        assert_eq!(codes(&lex, "l’Union européenne et l’UE"), ["eu"]);
        assert_eq!(codes(&lex, "Absence remarquée d’Elon Musk"), ["us"]);
        assert_eq!(codes(&lex, "les outils des GAFAM"), ["us"]);
        assert_eq!(codes(&lex, "L’AI Act, récemment adopté"), ["eu"]);
        assert_eq!(codes(&lex, "Mistral ou Aleph Alpha"), ["eu"]);
        assert_eq!(codes(&lex, "le rapport de Mario Draghi"), ["eu"]);
        assert_eq!(codes(&lex, "l’Italie, l’Irlande, la France"), ["eu"]);
        assert_eq!(
            codes(&lex, "DeepSeek R1, aussi performant que ceux d’OpenAI"),
            ["cn", "us"],
            "in order of first mention"
        );
    }

    #[test]
    fn negatives_word_boundaries_and_case() {
        let lex = Lexicon::builtin();
        // A sentence about Europe only is not tagged us.
        assert_eq!(codes(&lex, "L’Europe régule, mais produit peu."), ["eu"]);
        // "us" in French words, "oracle" as a noun, "flux" of data: nothing.
        assert!(codes(&lex, "Les us et coutumes, un oracle, le flux de données.").is_empty());
        assert!(codes(&lex, "Usage, Chinatown? Chinoiserie.").len() <= 1);
        assert!(
            codes(
                &lex,
                "Une réflexion générale sur l’intelligence artificielle."
            )
            .is_empty()
        );
        assert_eq!(codes(&lex, "les leaders US du secteur"), ["us"]);
        assert_eq!(codes(&lex, "un Oracle"), ["us"]);
    }

    #[test]
    fn topics() {
        let lex = Lexicon::builtin();
        let t =
            lex.tag("un coût d'entrée de seulement 0,55$ par million de tokens, en open source");
        let names: Vec<&str> = t
            .topics
            .iter()
            .map(|&i| lex.topics[i].code.as_str())
            .collect();
        assert_eq!(names, ["pricing", "open_source"]);
    }

    #[test]
    fn openings() {
        let lex = Lexicon::builtin();
        let fr = &crate::lang::builtin().get("fr").unwrap().anaphora;
        let lex = Opener(&lex, fr);
        assert_eq!(
            lex.opening("Elle doit parier sur son capital humain."),
            Opening::Pronoun
        );
        assert_eq!(
            lex.opening("Mais elle doit aussi investir."),
            Opening::Pronoun
        );
        assert_eq!(
            lex.opening("Cette politique ne relève pas d’un geste."),
            Opening::Determiner
        );
        assert_eq!(
            lex.opening("Leur ouverture technologique se transforme."),
            Opening::Determiner
        );
        assert_eq!(
            lex.opening("Il s’agit de savoir qui développera."),
            Opening::Other
        );
        assert_eq!(
            lex.opening("Il est par conséquent nécessaire."),
            Opening::Other
        );
        assert_eq!(lex.opening("La Chine publie."), Opening::Other);
    }

    #[test]
    fn extend_adds_terms_and_blocs_or_reports_the_error() {
        let mut lex = Lexicon::builtin();
        lex.extend("[[bloc]]\ncode = \"us\"\nterms = [\"Cupertino\"]\n[[bloc]]\ncode = \"in\"\nname = \"India\"\nterms = [\"Inde\"]\n")
            .unwrap();
        assert_eq!(codes(&lex, "à Cupertino et en Inde"), ["us", "in"]);
        let before = lex.blocs.len();
        let err = lex
            .extend("[[bloc]]\ncode = \"x\"\nbogus = 1\n")
            .unwrap_err();
        assert!(err.message.contains("bogus"), "{}", err.message);
        assert!(err.byte.is_some());
        assert_eq!(lex.blocs.len(), before);
    }
}
