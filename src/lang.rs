//! Language profiles (`assets/lang/*.toml`): the words that segmentation,
//! dates, figures and the anaphora rules need, as data. Each article reads
//! the profile of its `lang`, or of the language detected in its text.
//!
//! Adding a language is adding a file: the profiles are embedded by the build
//! script, whatever their names, and nothing in the code names a language.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Deserialize;

use crate::text::fold;

include!(concat!(env!("OUT_DIR"), "/langs.rs"));

/// Why a profile was rejected.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{file}: {message}")]
pub struct ProfileError {
    /// The profile's file name.
    pub file: String,
    /// What is wrong.
    pub message: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    code: String,
    name: String,
    iso639_3: Option<String>,
    #[serde(default)]
    fallback: bool,
    #[serde(default)]
    sentences: SentencesDef,
    #[serde(default)]
    dates: DatesDef,
    #[serde(default)]
    numbers: NumbersDef,
    #[serde(default)]
    anaphora: AnaphoraDef,
    #[serde(default)]
    events: EventsDef,
    #[serde(default)]
    boilerplate: BoilerplateDef,
    #[serde(default)]
    people: PeopleDef,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PeopleDef {
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    titles: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsDef {
    #[serde(default)]
    triggers: Vec<TriggerDef>,
    #[serde(default)]
    not_event_openings: Vec<String>,
    #[serde(default)]
    first_person: Vec<String>,
    #[serde(default)]
    name_links: Vec<String>,
    #[serde(default)]
    generic_names: Vec<String>,
    #[serde(default)]
    function_words: Vec<String>,
    #[serde(default)]
    hedges: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct TriggerDef {
    kind: String,
    #[serde(default)]
    collective: bool,
    words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SentencesDef {
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    open_ended: Vec<String>,
    #[serde(default)]
    firm_suffixes: Vec<String>,
    #[serde(default)]
    starters: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DatesDef {
    #[serde(default)]
    months: Vec<Vec<String>>,
    #[serde(default)]
    weekdays: Vec<String>,
    #[serde(default)]
    day_suffixes: Vec<String>,
    #[serde(default)]
    elisions: Vec<String>,
    #[serde(default)]
    month_leads: Vec<String>,
    #[serde(default)]
    year_after_month: Vec<YearPhraseDef>,
    #[serde(default)]
    seasons: Vec<SeasonDef>,
    #[serde(default)]
    season_leads: Vec<String>,
    #[serde(default)]
    season_elided_leads: Vec<String>,
    #[serde(default)]
    this_year: Vec<ThisYearDef>,
    #[serde(default)]
    relative_days: Vec<RelativeDef>,
    #[serde(default)]
    relative_weeks: Vec<RelativeDef>,
    #[serde(default)]
    relative_months: Vec<RelativeDef>,
    #[serde(default)]
    relative_years: Vec<RelativeDef>,
    #[serde(default)]
    last: Vec<String>,
    #[serde(default)]
    next: Vec<String>,
    #[serde(default)]
    month_day: bool,
}

/// A phrase for the article's year, or for months of it ("début d'année").
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum ThisYearDef {
    Phrase(String),
    Months { words: String, from: u8, to: u8 },
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RelativeDef {
    words: String,
    offset: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearPhraseDef {
    words: String,
    year: RelYear,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SeasonDef {
    word: String,
    from: u8,
    to: u8,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct NumbersDef {
    #[serde(default)]
    decimal: Vec<String>,
    #[serde(default)]
    thousands: Vec<String>,
    #[serde(default)]
    scales: Vec<ScaleDef>,
    #[serde(default)]
    currencies: Vec<CurrencyDef>,
    #[serde(default)]
    currency_phrases: Vec<CurrencyDef>,
    #[serde(default)]
    currency_links: Vec<String>,
    #[serde(default)]
    range_links: Vec<String>,
    #[serde(default)]
    parts: Vec<String>,
    #[serde(default)]
    per_million_tokens: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    percent: Vec<String>,
    #[serde(default)]
    measures: Vec<MeasureDef>,
    #[serde(default)]
    appositions: Vec<String>,
    #[serde(default)]
    display: Option<NumberDisplay>,
    #[serde(default)]
    count_words: Vec<ScaleDef>,
    #[serde(default)]
    sign_contexts: Vec<SignContextDef>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SignContextDef {
    sign: String,
    code: String,
    words: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct MeasureDef {
    code: String,
    words: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct BoilerplateDef {
    #[serde(default)]
    openings: Vec<String>,
    #[serde(default)]
    bylines: Vec<String>,
    #[serde(default)]
    calls: Vec<String>,
    #[serde(default)]
    greetings: Vec<String>,
    #[serde(default)]
    minutes: Vec<String>,
    #[serde(default)]
    reading: Vec<String>,
    #[serde(default)]
    roles: Vec<String>,
    #[serde(default)]
    joins: Vec<String>,
    #[serde(default)]
    buttons: Vec<String>,
    #[serde(default)]
    credits: Vec<String>,
    #[serde(default)]
    credit_links: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ScaleDef {
    word: String,
    value: f64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrencyDef {
    word: String,
    code: String,
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
    #[serde(default)]
    descriptions: Vec<String>,
    #[serde(default)]
    complements: Vec<String>,
    #[serde(default)]
    acts: Vec<String>,
    #[serde(default)]
    both: Vec<String>,
    #[serde(default)]
    heading_complements: Vec<String>,
    #[serde(default)]
    articles: Vec<String>,
}

/// The year a phrase after a month gives it, relative to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelYear {
    /// The last year the text named ("de la même année").
    Same,
    /// The article's year ("de cette année").
    This,
    /// The year before the article's.
    Last,
    /// The year after the last one named.
    Next,
}

/// Sentence rules.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    abbreviations: HashSet<String>,
    open_ended: HashSet<String>,
    firm_suffixes: HashSet<String>,
    starters: HashSet<String>,
}

impl Sentences {
    /// True when a full stop after `word` (folded) does not end a sentence.
    pub fn is_abbreviation(&self, word: &str) -> bool {
        self.abbreviations.contains(word)
    }

    /// True when a full stop after `word` (folded) ends a sentence only
    /// before a capitalized word ("etc.").
    pub fn is_open_ended(&self, word: &str) -> bool {
        self.open_ended.contains(word)
    }

    /// True when `word` (folded) is a firm's suffix ("Corp.", "Co."), which
    /// often ends a sentence: it does before a starter or a capitalized
    /// word that a lower-case one follows ("…Manufacturing Co. Prototype
    /// wafers…"), not before a title ("Microsoft Corp. Chief Executive").
    pub fn is_firm_suffix(&self, word: &str) -> bool {
        self.firm_suffixes.contains(word)
    }

    /// True when `word` (folded) opens a sentence even after an initialism
    /// or an abbreviation ("…in the U.S. The company…").
    pub fn is_starter(&self, word: &str) -> bool {
        self.starters.contains(word)
    }
}

/// Months of a year, first and last (1-12).
pub type MonthSpan = (u8, u8);

/// A season as a month range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Season {
    /// The folded word.
    pub word: String,
    /// First month.
    pub from: u8,
    /// Last month (before `from` when the season spans a new year).
    pub to: u8,
}

/// Date words, folded.
#[derive(Debug, Clone, Default)]
pub struct Dates {
    months: Vec<(String, u8)>,
    /// Weekday names.
    pub weekdays: Vec<String>,
    day_suffixes: Vec<String>,
    elisions: Vec<String>,
    /// Phrases (as words) that lead a month without a year.
    pub month_leads: Vec<Vec<String>>,
    /// Phrases (as words) after a month that give its year.
    pub year_after_month: Vec<(Vec<String>, RelYear)>,
    /// Seasons.
    pub seasons: Vec<Season>,
    /// Words that lead a season ("au printemps").
    pub season_leads: Vec<String>,
    /// Words that lead a season's elided form ("à l'automne").
    pub season_elided_leads: Vec<String>,
    /// Phrases (as words) that mean the article's year, or some months of it
    /// (`(from, to)`).
    pub this_year: Vec<(Vec<String>, Option<MonthSpan>)>,
    /// Phrases for a day relative to the article's ("hier": -1).
    pub relative_days: Vec<(Vec<String>, i64)>,
    /// Phrases for a week relative to the article's ("la semaine dernière":
    /// -1), as Monday to Sunday.
    pub relative_weeks: Vec<(Vec<String>, i64)>,
    /// Phrases for a month relative to the article's ("le mois dernier").
    pub relative_months: Vec<(Vec<String>, i64)>,
    /// Phrases for a year relative to the article's ("l'an dernier").
    pub relative_years: Vec<(Vec<String>, i64)>,
    /// Words after a weekday that put it in the week before ("lundi dernier").
    pub last: Vec<String>,
    /// Words after a weekday that put it in the week after ("lundi prochain").
    pub next: Vec<String>,
    /// True when a day may follow its month ("January 21, 2025").
    pub month_day: bool,
    prefilter: Option<aho_corasick::AhoCorasick>,
}

impl Dates {
    /// The month (1-12) a folded word names, an elided form included
    /// ("d'avril").
    pub fn month(&self, w: &str) -> Option<u8> {
        let w = self.strip_elision(w);
        self.months.iter().find(|(m, _)| m == w).map(|(_, n)| *n)
    }

    /// The word without an elided article glued to it.
    pub fn strip_elision<'a>(&self, w: &'a str) -> &'a str {
        self.elisions
            .iter()
            .find_map(|e| w.strip_prefix(e.as_str()))
            .unwrap_or(w)
    }

    /// True when the word starts with an elision ("d'avril").
    pub fn is_elided(&self, w: &str) -> bool {
        self.elisions.iter().any(|e| w.starts_with(e.as_str()))
    }

    /// The elided-form base of `w` for one specific elision, if it has it.
    pub fn elided_as<'a>(&self, w: &'a str) -> Option<&'a str> {
        self.elisions
            .iter()
            .find_map(|e| w.strip_prefix(e.as_str()).filter(|r| !r.is_empty()))
    }

    /// The day (1-31) a folded word names ("27", "1er").
    pub fn day(&self, w: &str) -> Option<u8> {
        let digits = self
            .day_suffixes
            .iter()
            .find_map(|s| w.strip_suffix(s.as_str()))
            .unwrap_or(w);
        if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let d: u8 = digits.parse().ok()?;
        (1..=31).contains(&d).then_some(d)
    }

    /// A cheap test before tokenizing: a digit, or a word that starts a month,
    /// a season or a year phrase (any case, with or without accents).
    pub fn may_hold_a_date(&self, text: &str) -> bool {
        if text.bytes().any(|b| b.is_ascii_digit()) {
            return true;
        }
        self.prefilter.as_ref().is_some_and(|ac| ac.is_match(text))
    }
}

/// Number formats and the words around amounts, folded.
#[derive(Debug, Clone, Default)]
pub struct Numbers {
    /// Separators of a decimal part.
    pub decimal: Vec<char>,
    /// Separators of thousands groups.
    pub thousands: Vec<char>,
    /// Scale words and their value.
    pub scales: Vec<(String, f64)>,
    /// Currency words and their code.
    pub currencies: Vec<(String, String)>,
    /// Currencies named in several words ("dollars de Hongkong", "Taiwan
    /// dollars"), as folded words, and their code: read before a single
    /// currency word.
    pub currency_phrases: Vec<(Vec<String>, String)>,
    /// Words between a scale and its currency word.
    pub currency_links: Vec<String>,
    /// Words between the two ends of a range ("30 à 35 milliards"): the
    /// first end is an amount of the second's scale and currency.
    pub range_links: Vec<String>,
    /// Words that make a figure a part of the one before.
    pub parts: Vec<String>,
    /// Phrases that make small amounts token prices.
    pub per_million_tokens: Vec<String>,
    /// Other words that make a number a quantity.
    pub units: Vec<String>,
    /// Signs and words that make a number a percentage ("%", "pour cent").
    pub percent: Vec<String>,
    /// Count words and their value ("un" 1, "centaine" 100).
    pub count_words: Vec<(String, f64)>,
    /// A sign read otherwise by the words around it: ("¥", "JPY", ["japon"]).
    pub sign_contexts: Vec<(char, String, Vec<String>)>,
    /// What an amount measures (a code: "market_loss"), by the words of its
    /// clause.
    pub measures: Vec<(String, Vec<String>)>,
    /// Articles that open an apposition ("Stargate, a $500bn plan"): the
    /// figure in it belongs to the name before the comma.
    pub appositions: Vec<String>,
    /// How figures are written back.
    pub display: NumberDisplay,
}

impl Numbers {
    /// The value of a scale word.
    /// The value of a count word ("un" 1, "centaine" 100), for amounts
    /// written in words ("un milliard de dollars").
    pub fn count_word(&self, w: &str) -> Option<f64> {
        self.count_words
            .iter()
            .find(|(s, _)| s == w)
            .map(|(_, v)| *v)
    }

    /// The currency of a sign in folded `text`: "¥" is the yen when the text
    /// speaks of Japan, else its default code.
    pub fn sign_in_context(&self, sign: char, text: &str, default: &str) -> String {
        self.sign_contexts
            .iter()
            .find(|(s, _, words)| {
                *s == sign && words.iter().any(|w| crate::text::contains_phrase(text, w))
            })
            .map(|(_, code, _)| code.clone())
            .unwrap_or_else(|| default.to_string())
    }

    /// The value of a scale word ("milliard" 1e9).
    pub fn scale(&self, w: &str) -> Option<f64> {
        self.scales.iter().find(|(s, _)| s == w).map(|(_, v)| *v)
    }

    /// The currency code of a currency word.
    pub fn currency(&self, w: &str) -> Option<&str> {
        self.currencies
            .iter()
            .find(|(s, _)| s == w)
            .map(|(_, c)| c.as_str())
    }

    /// True when a number followed by `w` is a quantity (an amount, a count),
    /// not a year.
    pub fn is_quantity_word(&self, w: &str) -> bool {
        self.scale(w).is_some() || self.currency(w).is_some() || self.units.iter().any(|u| u == w)
    }
}

/// How figures are written back in a language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NumberDisplay {
    /// Decimal separator.
    pub decimal: String,
    /// Thousands separator.
    pub group: String,
    /// Abbreviation of a billion (10^9).
    pub billions: String,
    /// Abbreviation of a million.
    pub millions: String,
    /// Abbreviation of a trillion (10^12), where the language has one.
    #[serde(default)]
    pub trillions: Option<String>,
    /// The currency sign before the number ("$500bn"), not after ("500 Md$").
    #[serde(default)]
    pub sign_first: bool,
}

impl Default for NumberDisplay {
    fn default() -> Self {
        NumberDisplay {
            decimal: ".".into(),
            group: ",".into(),
            billions: "bn".into(),
            millions: "M".into(),
            trillions: None,
            sign_first: false,
        }
    }
}

impl NumberDisplay {
    /// `1120` -> "1 120", `0.55` -> "0,55" (with this language's separators).
    pub fn number(&self, v: f64) -> String {
        let s = if (v - v.round()).abs() < 1e-9 {
            format!("{}", v.round() as i64)
        } else {
            format!("{v:.2}")
        };
        let (int, frac) = match s.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f.trim_end_matches('0').to_string())),
            None => (s, None),
        };
        let (sign, digits) = match int.strip_prefix('-') {
            Some(d) => ("-", d.to_string()),
            None => ("", int),
        };
        let mut grouped = String::from(sign);
        for (k, c) in digits.chars().enumerate() {
            if k > 0 && (digits.len() - k) % 3 == 0 {
                grouped.push_str(&self.group);
            }
            grouped.push(c);
        }
        match frac {
            Some(f) if !f.is_empty() => format!("{grouped}{}{f}", self.decimal),
            _ => grouped,
        }
    }
}

/// Words that open a sentence referring back to a bloc, folded.
#[derive(Debug, Clone, Default)]
pub struct Anaphora {
    /// Subject pronouns ("elle").
    pub pronouns: Vec<String>,
    /// Demonstratives and possessives ("cette", "leur").
    pub determiners: Vec<String>,
    /// Words that may come first without changing who is spoken of.
    pub connectives: Vec<String>,
    /// Phrases (as words) where a pronoun refers to nothing ("il faut").
    pub impersonal: Vec<Vec<String>>,
    /// Definite descriptions that stand for the subject spoken of ("la
    /// société", "le groupe"), as words.
    pub descriptions: Vec<Vec<String>>,
    /// Prepositions after which a bloc is a complement ("en Chine", "in
    /// Europe"), not who the sentence is about.
    pub complements: Vec<String>,
    /// What the article's subject did, referred back to ("the deal", "les
    /// mesures"), folded: a sentence naming another bloc that holds one is
    /// about both ("China's ministry said the guidance…").
    pub acts: Vec<String>,
    /// Words that take in all the blocs the sentence before named ("dans
    /// les deux cas", "both"), folded.
    pub both: Vec<String>,
    /// Words after which a bloc a heading names is not what its section is
    /// about ("Plus lourd que le PIB du Japon"), folded.
    pub heading_complements: Vec<String>,
    /// Articles that open an apposition after a name ("Kyutai, le
    /// laboratoire…": Kyutai is the subject), folded.
    pub articles: Vec<String>,
}

impl Anaphora {
    /// Adds the words of `other`.
    pub fn extend(&mut self, other: &Anaphora) {
        self.pronouns.extend(other.pronouns.iter().cloned());
        self.determiners.extend(other.determiners.iter().cloned());
        self.connectives.extend(other.connectives.iter().cloned());
        self.impersonal.extend(other.impersonal.iter().cloned());
        self.descriptions.extend(other.descriptions.iter().cloned());
        self.complements.extend(other.complements.iter().cloned());
        self.acts.extend(other.acts.iter().cloned());
        self.both.extend(other.both.iter().cloned());
        self.heading_complements
            .extend(other.heading_complements.iter().cloned());
        self.articles.extend(other.articles.iter().cloned());
    }

    /// From lists of words as written (folded here).
    pub fn from_words(
        pronouns: &[String],
        determiners: &[String],
        connectives: &[String],
        impersonal: &[String],
    ) -> Self {
        Anaphora {
            pronouns: folded(pronouns),
            determiners: folded(determiners),
            connectives: folded(connectives),
            impersonal: impersonal.iter().map(|p| words(p)).collect(),
            descriptions: Vec::new(),
            complements: Vec::new(),
            acts: Vec::new(),
            both: Vec::new(),
            heading_complements: Vec::new(),
            articles: Vec::new(),
        }
    }
}

/// The words that tell an event in a language: what reports something
/// happening, and what rules a claim out.
#[derive(Debug, Clone)]
pub struct EventWords {
    /// Event words, each pointing at its kind (index into `kinds`).
    pub triggers: crate::terms::TermSet<usize>,
    /// The kinds of happening: a code ("release") and whether events of the
    /// kind are collective (a market, not one actor's doing: grouped by bloc).
    pub kinds: Vec<(String, bool)>,
    /// Openings of datelines, bylines, credits and links ("semaine du",
    /// "photo"), folded.
    pub not_event_openings: Vec<String>,
    /// First-person words: a claim holding one is the author's aside.
    pub first_person: Vec<String>,
    /// Lowercase words that may sit inside a name ("pour", "l'").
    pub name_links: Vec<String>,
    /// Capitalized words that are not names on their own ("IA", "LLM").
    pub generic_names: Vec<String>,
    /// Capitalized words that only start a sentence ("La", "Après").
    pub function_words: Vec<String>,
    /// Words that make a claim a hope or a hypothesis, not a report
    /// ("pourrait").
    pub hedges: Vec<String>,
    /// Prepositions: a name after one is a complement ("en Chine"), not the
    /// actor.
    pub prepositions: Vec<String>,
    /// Articles, looked past to find a preposition ("vers la Chine").
    pub articles: Vec<String>,
}

impl Default for EventWords {
    fn default() -> Self {
        EventWords {
            triggers: crate::terms::TermSet::empty(),
            kinds: Vec::new(),
            not_event_openings: Vec::new(),
            first_person: Vec::new(),
            name_links: Vec::new(),
            generic_names: Vec::new(),
            function_words: Vec::new(),
            hedges: Vec::new(),
            prepositions: Vec::new(),
            articles: Vec::new(),
        }
    }
}

/// A language profile.
#[derive(Debug, Clone)]
pub struct Profile {
    /// ISO 639-1 code (`fr`).
    pub code: String,
    /// Name, in the language.
    pub name: String,
    /// ISO 639-3 code, for detection.
    pub iso639_3: Option<String>,
    /// Used for articles whose language has no profile.
    pub fallback: bool,
    /// Sentence rules.
    pub sentences: Sentences,
    /// Date words.
    pub dates: Dates,
    /// Number formats.
    pub numbers: Numbers,
    /// Anaphora words.
    pub anaphora: Anaphora,
    /// Event words.
    pub events: EventWords,
    /// Boilerplate lines.
    pub boilerplate: Boilerplate,
    /// Roles that tie a person to an organisation ("patron", "chief
    /// executive"), folded.
    pub people_roles: Vec<String>,
    /// Titles before a surname, as written ("M.", "Mr.").
    pub people_titles: Vec<String>,
}

/// What makes a line boilerplate (a byline, a credit, a link, a share line),
/// folded.
#[derive(Debug, Clone, Default)]
pub struct Boilerplate {
    /// Openings of such lines ("photo", "lire aussi").
    pub openings: Vec<String>,
    /// Words that open a byline when a capitalized name follows ("par").
    pub bylines: Vec<String>,
    /// Calls to the reader, anywhere in a line ("abonnez-vous").
    pub calls: Vec<String>,
    /// Openings of greetings and sign-offs ("bonjour", "bonne lecture").
    pub greetings: Vec<String>,
    /// Minute words of a reading time ("5 min read").
    pub minutes: Vec<String>,
    /// Reading words of a reading time ("read", "lecture").
    pub reading: Vec<String>,
    /// Roles after a name and a comma: a byline ("correspondant").
    pub roles: Vec<String>,
    /// The lower-case words of a contributors' line ("Rachel Oduya in
    /// Dubai and Tom Haskell in San Francisco"): "in", "and".
    pub joins: Vec<String>,
    /// A page's buttons and links, each a whole line ("Share", "Imprimer",
    /// "LinkedIn", "Je m'abonne").
    pub buttons: Vec<String>,
    /// The labels of a credit that ends a caption ("… in Hokkaido. (Photo
    /// by Kenji Morimoto)", "… campus. Photograph: Pool/Reuters").
    pub credits: Vec<String>,
    /// Words between a credit's label and its name ("Photo by …", "Photo
    /// de …").
    pub credit_links: Vec<String>,
}

fn folded(v: &[String]) -> Vec<String> {
    v.iter().map(|w| fold(w.trim())).collect()
}

/// A phrase as folded words.
pub fn words(phrase: &str) -> Vec<String> {
    fold(phrase).split_whitespace().map(String::from).collect()
}

fn one_char(file: &str, what: &str, v: &[String]) -> Result<Vec<char>, ProfileError> {
    v.iter()
        .map(|s| {
            let mut it = s.chars();
            match (it.next(), it.next()) {
                (Some(c), None) => Ok(c),
                _ => Err(ProfileError {
                    file: file.into(),
                    message: format!("{what}: {s:?} must be one char"),
                }),
            }
        })
        .collect()
}

impl Profile {
    /// Parses a profile; `file` names it in errors.
    pub fn parse(file: &str, src: &str) -> Result<Self, ProfileError> {
        let def: ProfileFile = toml::from_str(src).map_err(|e| ProfileError {
            file: file.into(),
            message: e.message().to_string(),
        })?;
        let d = def.dates;
        let mut months = Vec::new();
        for (i, forms) in d.months.iter().enumerate() {
            for f in forms {
                months.push((fold(f.trim()), i as u8 + 1));
            }
        }
        if !d.months.is_empty() && d.months.len() != 12 {
            return Err(ProfileError {
                file: file.into(),
                message: format!("dates.months lists {} months, not 12", d.months.len()),
            });
        }
        for s in &d.seasons {
            if !(1..=12).contains(&s.from) || !(1..=12).contains(&s.to) {
                return Err(ProfileError {
                    file: file.into(),
                    message: format!("season {:?}: months are 1 to 12", s.word),
                });
            }
        }
        // The prefilter looks for the date words in the raw text: as written,
        // folded, and in capitals.
        let mut triggers: Vec<String> = Vec::new();
        let mut add = |w: &str| {
            for v in [w.to_string(), fold(w), w.to_uppercase()] {
                if !v.is_empty() && !triggers.contains(&v) {
                    triggers.push(v);
                }
            }
        };
        for f in d.months.iter().flatten() {
            add(f.trim());
        }
        for s in &d.seasons {
            add(s.word.trim());
        }
        for w in &d.weekdays {
            add(w.trim());
        }
        for r in d
            .relative_days
            .iter()
            .chain(&d.relative_weeks)
            .chain(&d.relative_months)
            .chain(&d.relative_years)
        {
            if let Some(last) = r.words.split_whitespace().last() {
                add(last);
            }
        }
        let this_year_words = d.this_year.iter().map(|t| match t {
            ThisYearDef::Phrase(w) | ThisYearDef::Months { words: w, .. } => w,
        });
        for p in this_year_words.chain(d.year_after_month.iter().map(|y| &y.words)) {
            // The last word of a year phrase ("année") is what it hinges on.
            if let Some(last) = p.split_whitespace().last() {
                let base = d
                    .elisions
                    .iter()
                    .find_map(|e| last.strip_prefix(e.as_str()))
                    .unwrap_or(last);
                add(base);
            }
        }
        let prefilter = (!triggers.is_empty())
            .then(|| {
                aho_corasick::AhoCorasick::builder()
                    .ascii_case_insensitive(true)
                    .build(&triggers)
                    .ok()
            })
            .flatten();
        let dates = Dates {
            months,
            weekdays: folded(&d.weekdays),
            day_suffixes: folded(&d.day_suffixes),
            elisions: folded(&d.elisions),
            month_leads: d.month_leads.iter().map(|p| words(p)).collect(),
            year_after_month: d
                .year_after_month
                .iter()
                .map(|y| (words(&y.words), y.year))
                .collect(),
            seasons: d
                .seasons
                .iter()
                .map(|s| Season {
                    word: fold(s.word.trim()),
                    from: s.from,
                    to: s.to,
                })
                .collect(),
            season_leads: folded(&d.season_leads),
            season_elided_leads: folded(&d.season_elided_leads),
            this_year: d
                .this_year
                .iter()
                .map(|t| match t {
                    ThisYearDef::Phrase(w) => (words(w), None),
                    ThisYearDef::Months { words: w, from, to } => (words(w), Some((*from, *to))),
                })
                .collect(),
            relative_days: d
                .relative_days
                .iter()
                .map(|r| (words(&r.words), r.offset))
                .collect(),
            relative_weeks: d
                .relative_weeks
                .iter()
                .map(|r| (words(&r.words), r.offset))
                .collect(),
            relative_months: d
                .relative_months
                .iter()
                .map(|r| (words(&r.words), r.offset))
                .collect(),
            relative_years: d
                .relative_years
                .iter()
                .map(|r| (words(&r.words), r.offset))
                .collect(),
            last: folded(&d.last),
            next: folded(&d.next),
            month_day: d.month_day,
            prefilter,
        };
        let n = def.numbers;
        let numbers = Numbers {
            decimal: one_char(file, "numbers.decimal", &n.decimal)?,
            thousands: one_char(file, "numbers.thousands", &n.thousands)?,
            scales: n
                .scales
                .iter()
                .map(|s| (fold(s.word.trim()), s.value))
                .collect(),
            currencies: n
                .currencies
                .iter()
                .map(|c| (fold(c.word.trim()), c.code.trim().to_string()))
                .collect(),
            currency_phrases: n
                .currency_phrases
                .iter()
                .map(|c| {
                    let words = fold(c.word.trim())
                        .split(|ch: char| !ch.is_alphanumeric())
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect();
                    (words, c.code.trim().to_string())
                })
                .filter(|(w, _): &(Vec<String>, String)| !w.is_empty())
                .collect(),
            currency_links: folded(&n.currency_links),
            range_links: folded(&n.range_links),
            parts: folded(&n.parts),
            per_million_tokens: folded(&n.per_million_tokens),
            units: folded(&n.units),
            percent: folded(&n.percent),
            measures: n
                .measures
                .iter()
                .map(|m| (m.code.trim().to_string(), folded(&m.words)))
                .collect(),
            appositions: folded(&n.appositions),
            display: n.display.unwrap_or_default(),
            count_words: n
                .count_words
                .iter()
                .map(|s| (fold(s.word.trim()), s.value))
                .collect(),
            sign_contexts: n
                .sign_contexts
                .iter()
                .filter_map(|c| {
                    let sign = c.sign.trim().chars().next()?;
                    Some((sign, c.code.trim().to_string(), folded(&c.words)))
                })
                .collect(),
        };
        let a = def.anaphora;
        let mut anaphora =
            Anaphora::from_words(&a.pronouns, &a.determiners, &a.connectives, &a.impersonal);
        anaphora.descriptions = a.descriptions.iter().map(|p| words(p)).collect();
        anaphora.complements = folded(&a.complements);
        anaphora.acts = folded(&a.acts);
        anaphora.both = folded(&a.both);
        anaphora.heading_complements = folded(&a.heading_complements);
        anaphora.articles = folded(&a.articles);
        let ev = def.events;
        let kinds: Vec<(String, bool)> = ev
            .triggers
            .iter()
            .map(|t| (t.kind.trim().to_string(), t.collective))
            .collect();
        let triggers = crate::terms::TermSet::build(
            ev.triggers
                .iter()
                .enumerate()
                .flat_map(|(k, t)| t.words.iter().map(move |w| (k, w.as_str(), false))),
        )
        .map_err(|message| ProfileError {
            file: file.into(),
            message: format!("events.triggers: {message}"),
        })?;
        let events = EventWords {
            triggers,
            kinds,
            not_event_openings: folded(&ev.not_event_openings),
            first_person: folded(&ev.first_person),
            name_links: folded(&ev.name_links),
            generic_names: folded(&ev.generic_names),
            function_words: folded(&ev.function_words),
            hedges: folded(&ev.hedges),
            prepositions: folded(&ev.prepositions),
            articles: folded(&ev.articles),
        };
        Ok(Profile {
            code: def.code.trim().to_string(),
            name: def.name,
            iso639_3: def.iso639_3,
            fallback: def.fallback,
            sentences: Sentences {
                abbreviations: folded(&def.sentences.abbreviations).into_iter().collect(),
                open_ended: folded(&def.sentences.open_ended).into_iter().collect(),
                firm_suffixes: folded(&def.sentences.firm_suffixes).into_iter().collect(),
                starters: folded(&def.sentences.starters).into_iter().collect(),
            },
            dates,
            numbers,
            anaphora,
            events,
            boilerplate: Boilerplate {
                openings: folded(&def.boilerplate.openings),
                bylines: folded(&def.boilerplate.bylines),
                calls: folded(&def.boilerplate.calls),
                greetings: folded(&def.boilerplate.greetings),
                minutes: folded(&def.boilerplate.minutes),
                reading: folded(&def.boilerplate.reading),
                roles: folded(&def.boilerplate.roles),
                joins: folded(&def.boilerplate.joins),
                buttons: folded(&def.boilerplate.buttons),
                credits: folded(&def.boilerplate.credits),
                credit_links: folded(&def.boilerplate.credit_links),
            },
            people_roles: folded(&def.people.roles),
            people_titles: def
                .people
                .titles
                .iter()
                .map(|t| t.trim().to_string())
                .collect(),
        })
    }
}

/// The language profiles the program knows.
#[derive(Debug)]
pub struct Languages {
    profiles: Vec<Profile>,
    fallback: usize,
    detector: Option<whatlang::Detector>,
}

/// How an article's language was settled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// From its `lang`.
    Declared,
    /// Detected in its text.
    Detected,
    /// Neither: the fallback profile.
    Fallback,
}

impl Languages {
    /// Builds the set from (file name, source) pairs.
    pub fn from_sources(sources: &[(&str, &str)]) -> Result<Self, ProfileError> {
        let mut profiles = Vec::new();
        for (file, src) in sources {
            let p = Profile::parse(file, src)?;
            if profiles.iter().any(|q: &Profile| q.code == p.code) {
                return Err(ProfileError {
                    file: (*file).into(),
                    message: format!("a second profile for `{}`", p.code),
                });
            }
            profiles.push(p);
        }
        if profiles.is_empty() {
            return Err(ProfileError {
                file: "assets/lang".into(),
                message: "no language profile".into(),
            });
        }
        let fallback = profiles.iter().position(|p| p.fallback).unwrap_or(0);
        let allow: Vec<whatlang::Lang> = profiles
            .iter()
            .filter_map(|p| p.iso639_3.as_deref())
            .filter_map(whatlang::Lang::from_code)
            .collect();
        let detector = (!allow.is_empty()).then(|| whatlang::Detector::with_allowlist(allow));
        Ok(Languages {
            profiles,
            fallback,
            detector,
        })
    }

    /// The profile with this code.
    pub fn get(&self, code: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.code == code)
    }

    /// The profile for articles whose language has none.
    pub fn fallback(&self) -> &Profile {
        &self.profiles[self.fallback]
    }

    /// Every profile.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile of the language `text` is written in, among the known ones.
    pub fn detect(&self, text: &str) -> Option<&Profile> {
        // The opening of an article says its language; no need for all of it.
        let end = text
            .char_indices()
            .nth(4000)
            .map(|(b, _)| b)
            .unwrap_or(text.len());
        let lang = self.detector.as_ref()?.detect_lang(&text[..end])?;
        self.profiles
            .iter()
            .find(|p| p.iso639_3.as_deref() == Some(lang.code()))
    }

    /// An article's language: its `declared` code when it has one, else the
    /// one detected in `text`, else the fallback. Returns the code to record
    /// (a declared code is kept even without a profile), the profile to read,
    /// and how it was settled.
    pub fn resolve(&self, declared: Option<&str>, text: &str) -> (String, &Profile, Source) {
        if let Some(code) = declared.map(str::trim).filter(|c| !c.is_empty()) {
            let code = code.to_ascii_lowercase();
            let p = self.get(&code).unwrap_or_else(|| self.fallback());
            return (code, p, Source::Declared);
        }
        match self.detect(text) {
            Some(p) => (p.code.clone(), p, Source::Detected),
            None => (
                self.fallback().code.clone(),
                self.fallback(),
                Source::Fallback,
            ),
        }
    }
}

/// The built-in profiles (`assets/lang/`), parsed once.
pub fn builtin() -> &'static Languages {
    static LANGS: OnceLock<Languages> = OnceLock::new();
    // The embedded files are checked by the tests; failing here is a build bug.
    LANGS.get_or_init(|| Languages::from_sources(PROFILES).expect("the built-in profiles parse"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_profile_parses_and_one_is_the_fallback() {
        let l = builtin();
        assert_eq!(l.profiles().len(), PROFILES.len());
        assert!(l.get(&l.fallback().code).is_some());
        for p in l.profiles() {
            assert_eq!(p.dates.months.len() >= 12, !p.dates.months.is_empty());
            assert!(!p.sentences.abbreviations.is_empty(), "{}", p.code);
        }
    }

    #[test]
    fn a_declared_language_wins_and_an_undeclared_one_is_detected() {
        let l = builtin();
        let fr = l.get("fr").expect("a French profile");
        let text =
            "La Chine publie ses modèles, les États-Unis les protègent et l'Europe les régule.";
        let (code, p, how) = l.resolve(Some("fr"), text);
        assert_eq!(
            (code.as_str(), p.code.as_str(), how),
            ("fr", "fr", Source::Declared)
        );
        let (code, p, how) = l.resolve(None, text);
        assert_eq!((code.as_str(), how), ("fr", Source::Detected));
        assert!(std::ptr::eq(p, fr));
        // A language with no profile is recorded, and read with the fallback.
        let (code, p, _) = l.resolve(Some("xx"), text);
        assert_eq!(code, "xx");
        assert!(std::ptr::eq(p, l.fallback()));
    }

    #[test]
    fn profile_errors_name_the_file() {
        let e = Profile::parse("bad.toml", "code = \"zz\"\nname = \"Z\"\nbogus = 1\n").unwrap_err();
        assert!(e.to_string().starts_with("bad.toml:"), "{e}");
        let e = Profile::parse(
            "m.toml",
            "code = \"zz\"\nname = \"Z\"\n[dates]\nmonths = [[\"a\"]]\n",
        )
        .unwrap_err();
        assert!(e.message.contains("not 12"), "{e}");
    }

    #[test]
    fn numbers_are_written_with_the_language_separators() {
        let fr = builtin().get("fr").unwrap();
        let d = &fr.numbers.display;
        assert_eq!(d.number(1120.0), "1 120");
        assert_eq!(d.number(0.55), "0,55");
        assert_eq!(d.number(1234567.0), "1 234 567");
        assert_eq!(d.number(9.99), "9,99");
        assert_eq!(NumberDisplay::default().number(2900.5), "2,900.5");
    }
}
