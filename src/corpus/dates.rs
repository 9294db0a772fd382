//! Dates with a precision (`2025`, `2025-02`, `2025-02-10`), and the extraction
//! of the dates a sentence mentions, with the date words of its language
//! profile (in French: `février 2024`, `27 janvier 2025`, `mai-juin de la même
//! année`, `en décembre`, `2024`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::{fold_into, is_word_char};

/// A calendar date known to the year, the month or the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1-12, when known.
    pub month: Option<u8>,
    /// Day 1-31, when known (only with a month).
    pub day: Option<u8>,
}

/// How precise a [`PartialDate`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Precision {
    /// `YYYY`
    Year,
    /// `YYYY-MM`
    Month,
    /// `YYYY-MM-DD`
    Day,
}

impl PartialDate {
    /// A date known to the year.
    pub fn year(year: i32) -> Self {
        Self {
            year,
            month: None,
            day: None,
        }
    }

    /// A date known to the month.
    pub fn month(year: i32, month: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: None,
        }
    }

    /// A date known to the day.
    pub fn day(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
    }

    /// How precise this date is.
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// A human label at this date's precision: "2024", "Feb 2024", "27 Jan 2025".
    pub fn label(&self) -> String {
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m - 1)], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m - 1)], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// Why a date string did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date {input:?}: {why} (expected YYYY, YYYY-MM or YYYY-MM-DD)")]
pub struct DateError {
    input: String,
    why: &'static str,
}

impl FromStr for PartialDate {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = |why| DateError {
            input: s.to_string(),
            why,
        };
        let parts: Vec<&str> = s.trim().split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(err("wrong number of parts"));
        }
        let num = |p: &str, len: usize| -> Option<u32> {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit())).then(|| p.parse().ok())?
        };
        let year = num(parts[0], 4).ok_or_else(|| err("the year must have 4 digits"))?;
        let mut date = PartialDate::year(year as i32);
        if let Some(m) = parts.get(1) {
            let m = num(m, 2).ok_or_else(|| err("the month must have 2 digits"))?;
            if !(1..=12).contains(&m) {
                return Err(err("no such month"));
            }
            date.month = Some(m as u8);
        }
        if let Some(d) = parts.get(2) {
            let d = num(d, 2).ok_or_else(|| err("the day must have 2 digits"))?;
            let month = date.month.unwrap_or(1);
            if d == 0 || d > days_in_month(date.year, month) {
                return Err(err("no such day in that month"));
            }
            date.day = Some(d as u8);
        }
        Ok(date)
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub fn day_number(year: i32, month: u8, day: u8) -> i64 {
    let (y, m, d) = (i64::from(year), i64::from(month), i64::from(day));
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

impl PartialDate {
    /// The days it covers, first and last, as day numbers (see
    /// [`day_number`]): a year covers 365 or 366 days, a month its days.
    pub fn days(&self) -> (i64, i64) {
        match (self.month, self.day) {
            (Some(m), Some(d)) => {
                let n = day_number(self.year, m, d);
                (n, n)
            }
            (Some(m), None) => (
                day_number(self.year, m, 1),
                day_number(self.year, m, days_in_month(self.year, m) as u8),
            ),
            _ => (day_number(self.year, 1, 1), day_number(self.year, 12, 31)),
        }
    }

    /// True when `self` is this date or within it ("2025-01-27" is within
    /// "2025-01" and "2025").
    pub fn within(&self, other: &PartialDate) -> bool {
        let ((a, b), (c, d)) = (self.days(), other.days());
        c <= a && b <= d
    }
}

fn days_in_month(year: i32, month: u8) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A date mentioned in a claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateMention {
    /// The words that say it, as written ("mai-juin de la même année").
    pub text: String,
    /// Char offset of `text` in the claim.
    pub offset: usize,
    /// The date, or the start of a range.
    pub date: PartialDate,
    /// The end of a range ("mai-juin" -> June), if any.
    pub end: Option<PartialDate>,
    /// True when the year (or the whole date) came from context: an earlier
    /// date, or the article's own date.
    pub inferred: bool,
}

/// What the extractor knows around a claim.
#[derive(Debug, Clone, Copy, Default)]
pub struct DateContext {
    /// The article's date, for "en décembre" and "cette année".
    pub article: Option<PartialDate>,
    /// The last explicit year met before, for "de la même année".
    pub last_year: Option<i32>,
}

#[derive(Debug)]
struct Tok {
    /// Folded word.
    w: String,
    /// Char range in the original text.
    start: usize,
    end: usize,
    /// True when the next token follows a hyphen with no space ("mai-juin").
    hyphen_next: bool,
}

fn tokenize(text: &str) -> Vec<Tok> {
    let mut folded = String::new();
    let mut map = Vec::new();
    fold_into(text, &mut folded, &mut map);
    let chars: Vec<char> = folded.chars().collect();
    let mut toks: Vec<Tok> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i]) {
            if chars[i] == '-'
                && let Some(t) = toks.last_mut()
                && t.end == map[i] as usize
                && chars.get(i + 1).is_some_and(|c| is_word_char(*c))
            {
                t.hyphen_next = true;
            }
            i += 1;
            continue;
        }
        let s = i;
        // An elided article stays attached to its word ("d'avril").
        while i < chars.len()
            && (is_word_char(chars[i])
                || (chars[i] == '\'' && i + 1 < chars.len() && is_word_char(chars[i + 1])))
        {
            i += 1;
        }
        let w: String = chars[s..i].iter().collect();
        toks.push(Tok {
            w,
            start: map[s] as usize,
            end: map[i - 1] as usize + 1,
            hyphen_next: false,
        });
    }
    toks
}

fn year_of(w: &str) -> Option<i32> {
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        let y: i32 = w.parse().ok()?;
        return (1900..=2100).contains(&y).then_some(y);
    }
    None
}

/// The year a month without one belongs to: the article's year, or the year
/// before when the month comes after the article's month ("en décembre" in an
/// article of February 2025 is December 2024).
fn year_for_month(ctx: &DateContext, month: u8) -> Option<i32> {
    let a = ctx.article?;
    match a.month {
        Some(am) if month > am => Some(a.year - 1),
        _ => Some(a.year),
    }
}

/// True when the words of `toks` from `i` are `phrase`.
fn phrase_at(toks: &[Tok], i: usize, phrase: &[String]) -> bool {
    !phrase.is_empty()
        && phrase
            .iter()
            .enumerate()
            .all(|(k, w)| toks.get(i + k).is_some_and(|t| t.w == *w))
}

/// The longest of `phrases` that ends just before token `i`: its length.
fn phrase_before(toks: &[Tok], i: usize, phrases: &[Vec<String>]) -> Option<usize> {
    phrases
        .iter()
        .filter(|p| p.len() <= i && phrase_at(toks, i - p.len(), p))
        .map(Vec::len)
        .max()
}

/// The civil date of a day number (the inverse of [`day_number`]).
pub fn from_day_number(n: i64) -> PartialDate {
    let z = n + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    PartialDate::day(y, m, d)
}

/// Monday is 0.
fn weekday(n: i64) -> i64 {
    (n + 3).rem_euclid(7)
}

/// A month or a year relative to `article` at token `i` ("le mois dernier",
/// "last year"): how many tokens say it, and the date.
fn relative_months_years(
    dw: &crate::lang::Dates,
    toks: &[Tok],
    i: usize,
    article: PartialDate,
) -> Option<(usize, PartialDate)> {
    let best = |list: &[(Vec<String>, i64)]| {
        list.iter()
            .filter(|(p, _)| phrase_at(toks, i, p))
            .max_by_key(|(p, _)| p.len())
            .map(|(p, off)| (p.len(), *off))
    };
    if let Some(m) = article.month
        && let Some((n, off)) = best(&dw.relative_months)
    {
        let k = i64::from(article.year) * 12 + i64::from(m) - 1 + off;
        return Some((
            n,
            PartialDate::month(k.div_euclid(12) as i32, k.rem_euclid(12) as u8 + 1),
        ));
    }
    let (n, off) = best(&dw.relative_years)?;
    Some((n, PartialDate::year(article.year + off as i32)))
}

/// A day or a week relative to `article` at token `i`: how many tokens say
/// it (from `i`), and its first and last days.
fn relative_days(
    dw: &crate::lang::Dates,
    toks: &[Tok],
    i: usize,
    article: PartialDate,
) -> Option<(usize, PartialDate, PartialDate)> {
    let today = article.days().0;
    if let Some((p, off)) = dw
        .relative_days
        .iter()
        .filter(|(p, _)| phrase_at(toks, i, p))
        .max_by_key(|(p, _)| p.len())
    {
        let d = from_day_number(today + off);
        return Some((p.len(), d, d));
    }
    if let Some((p, off)) = dw
        .relative_weeks
        .iter()
        .filter(|(p, _)| phrase_at(toks, i, p))
        .max_by_key(|(p, _)| p.len())
    {
        let monday = today - weekday(today) + 7 * off;
        return Some((
            p.len(),
            from_day_number(monday),
            from_day_number(monday + 6),
        ));
    }
    let w = toks.get(i)?.w.as_str();
    let wd = dw.weekdays.iter().position(|x| x == w)? as i64;
    // "mardi 11 février": the explicit date that follows says it.
    if toks.get(i + 1).is_some_and(|t| {
        dw.day(&t.w).is_some() && toks.get(i + 2).is_some_and(|m| dw.month(&m.w).is_some())
    }) {
        return None;
    }
    // The modifier after the weekday ("lundi dernier") or before it ("last
    // Monday", counted by the caller from the token before).
    let after = toks.get(i + 1).map(|t| t.w.as_str()).unwrap_or("");
    let before = i
        .checked_sub(1)
        .and_then(|k| toks.get(k))
        .map(|t| t.w.as_str())
        .unwrap_or("");
    let is = |list: &[String], w: &str| list.iter().any(|l| l == w);
    let back = (weekday(today) - wd).rem_euclid(7);
    let fwd = (wd - weekday(today)).rem_euclid(7);
    let last = today - if back == 0 { 7 } else { back };
    let next = today + if fwd == 0 { 7 } else { fwd };
    let (n, day) = if is(&dw.last, after) {
        (2, last)
    } else if is(&dw.next, after) {
        (2, next)
    } else if is(&dw.last, before) {
        (1, last)
    } else if is(&dw.next, before) {
        (1, next)
    } else {
        (1, today - back)
    };
    let d = from_day_number(day);
    Some((n, d, d))
}

/// Extracts the dates mentioned in `text`, with the date words of a language
/// profile. `ctx.last_year` is updated with the explicit years met, so that a
/// later "de la même année" finds its year.
pub fn extract(text: &str, ctx: &mut DateContext, lang: &crate::lang::Profile) -> Vec<DateMention> {
    extract_checked(text, ctx, lang).0
}

/// [`extract`], and the dates the calendar does not have ("31 juin 2025",
/// "29 février 2023"), as written: never values, the loader's warnings.
pub fn extract_checked(
    text: &str,
    ctx: &mut DateContext,
    lang: &crate::lang::Profile,
) -> (Vec<DateMention>, Vec<String>) {
    let mut impossible = Vec::new();
    let dw = &lang.dates;
    if !dw.may_hold_a_date(text) {
        return (Vec::new(), impossible);
    }
    let toks = tokenize(text);
    let chars: Vec<char> = text.chars().collect();
    let surface = |a: usize, b: usize| -> String { chars[a..b].iter().collect() };
    let w = |i: usize| toks.get(i).map(|t| t.w.as_str()).unwrap_or("");
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let start = toks[i].start;
        let mut surface_start = start;
        // 1. [day] month [day] [- month] [year | a year phrase]
        let (mut day, mi) = match dw.day(w(i)) {
            Some(d) if dw.month(w(i + 1)).is_some() => (Some(d), i + 1),
            _ => (None, i),
        };
        if let Some(m1) = dw.month(w(mi)) {
            let mut j = mi + 1;
            // "January 21, 2025", where a language puts the day after.
            if day.is_none()
                && dw.month_day
                && let Some(d) = dw.day(w(j))
            {
                day = Some(d);
                j += 1;
            }
            let mut m2 = None;
            if toks[mi].hyphen_next
                && let Some(m) = dw.month(w(j))
            {
                m2 = Some(m);
                j += 1;
            }
            // "mai-juin de la même année", "en décembre de cette année"
            let rel = dw
                .year_after_month
                .iter()
                .find(|(p, _)| phrase_at(&toks, j, p))
                .map(|(p, y)| (p.len(), *y));
            let explicit = year_of(w(j));
            let lead = phrase_before(&toks, i, &dw.month_leads);
            let lead_ok = day.is_some() || m2.is_some() || lead.is_some() || dw.is_elided(w(mi));
            let (year, inferred, end_tok) = if let Some(y) = explicit {
                ctx.last_year = Some(y);
                (Some(y), false, j + 1)
            } else if let Some((n, kind)) = rel {
                use crate::lang::RelYear;
                let y = match kind {
                    RelYear::Same => ctx.last_year.or_else(|| ctx.article.map(|a| a.year)),
                    RelYear::This => ctx.article.map(|a| a.year),
                    RelYear::Last => ctx.article.map(|a| a.year - 1),
                    RelYear::Next => ctx.last_year.map(|y| y + 1),
                };
                (y, true, j + n)
            } else if lead_ok {
                // "en décembre": the lead words are part of what says the date.
                if day.is_none()
                    && m2.is_none()
                    && let Some(n) = lead
                {
                    surface_start = toks[i - n].start;
                }
                (year_for_month(ctx, m1), true, j)
            } else {
                (None, false, j)
            };
            if let Some(y) = year {
                if let Some(d) = day
                    && u32::from(d) > days_in_month(y, m1)
                {
                    impossible.push(surface(
                        surface_start.min(toks[i].start),
                        toks[end_tok - 1].end,
                    ));
                    i = end_tok;
                    continue;
                }
                let date = match day {
                    Some(d) => PartialDate::day(y, m1, d),
                    None => PartialDate::month(y, m1),
                };
                let end = m2.map(|m2| {
                    // "novembre-janvier" wraps into the next year.
                    PartialDate::month(if m2 < m1 { y + 1 } else { y }, m2)
                });
                let stop = toks[end_tok - 1].end;
                out.push(DateMention {
                    text: surface(surface_start, stop),
                    offset: surface_start,
                    date,
                    end,
                    inferred,
                });
                i = end_tok;
                continue;
            }
        }
        // 2. Seasons: "au printemps [2024]", "à l'automne". The elided form has
        // leads of its own ("a été" is a verb: "a" leads only "l'été").
        let season = dw.seasons.iter().find(|s| {
            let elided = dw.elided_as(w(i)) == Some(s.word.as_str());
            i > 0
                && ((s.word == w(i) && dw.season_leads.iter().any(|l| l == w(i - 1)))
                    || (elided && dw.season_elided_leads.iter().any(|l| l == w(i - 1))))
        });
        if let Some(s) = season {
            let (m1, m2) = (s.from, s.to);
            surface_start = toks[i - 1].start;
            let explicit = year_of(w(i + 1));
            let (y, inferred, end_tok) = match explicit {
                Some(y) => {
                    ctx.last_year = Some(y);
                    (Some(y), false, i + 2)
                }
                None => (year_for_month(ctx, m1), true, i + 1),
            };
            if let Some(y) = y {
                let end_year = if m2 < m1 { y + 1 } else { y };
                let stop = toks[end_tok - 1].end;
                out.push(DateMention {
                    text: surface(surface_start, stop),
                    offset: surface_start,
                    date: PartialDate::month(y, m1),
                    end: Some(PartialDate::month(end_year, m2)),
                    inferred,
                });
                i = end_tok;
                continue;
            }
        }
        // 3. The article's year, or months of it: "cette année", "en début
        // d'année" (its first months).
        let this_year = dw
            .this_year
            .iter()
            .filter(|(p, _)| phrase_at(&toks, i, p))
            .max_by_key(|(p, _)| p.len());
        if let (Some((p, months)), Some(a)) = (this_year, ctx.article) {
            let n = p.len();
            let stop = toks[i + n - 1].end;
            let (date, end) = match months {
                Some((from, to)) => (
                    PartialDate::month(a.year, *from),
                    Some(PartialDate::month(a.year, *to)),
                ),
                None => (PartialDate::year(a.year), None),
            };
            out.push(DateMention {
                text: surface(start, stop),
                offset: start,
                date,
                end,
                inferred: true,
            });
            i += n;
            continue;
        }
        // 4. Days and weeks relative to the article's day: "hier", "la
        // semaine dernière", "mardi", "lundi dernier", "last Monday"; months
        // and years relative to its month or year: "le mois dernier", "last
        // year".
        if let Some(a) = ctx.article.filter(|a| a.precision() == Precision::Day)
            && let Some((n, first, last)) = relative_days(dw, &toks, i, a)
        {
            let stop = toks[i + n - 1].end;
            // "last Monday": the modifier before is part of the words.
            let from = match i.checked_sub(1) {
                Some(k)
                    if dw.weekdays.contains(&toks[i].w)
                        && (dw.last.contains(&toks[k].w) || dw.next.contains(&toks[k].w)) =>
                {
                    toks[k].start
                }
                _ => start,
            };
            out.push(DateMention {
                text: surface(from, stop),
                offset: from,
                date: first,
                end: (last != first).then_some(last),
                inferred: true,
            });
            i += n;
            continue;
        }
        if let Some(a) = ctx.article
            && let Some((n, date)) = relative_months_years(dw, &toks, i, a)
        {
            let stop = toks[i + n - 1].end;
            out.push(DateMention {
                text: surface(start, stop),
                offset: start,
                date,
                end: None,
                inferred: true,
            });
            i += n;
            continue;
        }
        // 5. A bare year, unless it is an amount ("2000 milliards") or part of a
        // number written with spaces ("1 2024"? never a year).
        if let Some(y) = year_of(w(i)) {
            let prev_is_digit_group = i > 0
                && toks[i - 1].w.bytes().all(|b| b.is_ascii_digit())
                && toks[i - 1].end + 1 == start;
            if !lang.numbers.is_quantity_word(w(i + 1)) && !prev_is_digit_group {
                ctx.last_year = Some(y);
                out.push(DateMention {
                    text: surface(start, toks[i].end),
                    offset: start,
                    date: PartialDate::year(y),
                    end: None,
                    inferred: false,
                });
            }
        }
        i += 1;
    }
    (out, impossible)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(article: &str) -> DateContext {
        DateContext {
            article: Some(article.parse().unwrap()),
            last_year: None,
        }
    }

    fn dates(text: &str, article: &str) -> Vec<(String, String, Option<String>, bool)> {
        dates_in("fr", text, article)
    }

    fn dates_en(text: &str, article: &str) -> Vec<(String, String, Option<String>, bool)> {
        dates_in("en", text, article)
    }

    /// The dates found in `text` with language `lang`'s profile, in an
    /// article dated `article`: text, date, end, inferred.
    fn dates_in(
        lang: &str,
        text: &str,
        article: &str,
    ) -> Vec<(String, String, Option<String>, bool)> {
        let mut c = ctx(article);
        let p = crate::lang::builtin()
            .get(lang)
            .expect("a built-in profile");
        extract(text, &mut c, p)
            .into_iter()
            .map(|m| {
                (
                    m.text,
                    m.date.to_string(),
                    m.end.map(|e| e.to_string()),
                    m.inferred,
                )
            })
            .collect()
    }

    #[test]
    fn parses_and_prints_partial_dates() {
        for s in ["2025", "2025-02", "2025-02-10", "2024-02-29"] {
            assert_eq!(s.parse::<PartialDate>().unwrap().to_string(), s);
        }
        for s in [
            "25",
            "2025-2",
            "2025-13",
            "2025-02-30",
            "2023-02-29",
            "2025/02",
            "",
            "abcd",
        ] {
            assert!(s.parse::<PartialDate>().is_err(), "{s}");
        }
        assert_eq!(
            "2025-01-27".parse::<PartialDate>().unwrap().label(),
            "27 Jan 2025"
        );
        assert_eq!(
            "2024-02".parse::<PartialDate>().unwrap().label(),
            "Feb 2024"
        );
        assert!("2024-02".parse::<PartialDate>().unwrap() < "2024-02-01".parse().unwrap());
    }

    #[test]
    fn days_and_weeks_relative_to_the_article() {
        // 11 February 2025 is a Tuesday.
        let d = dates(
            "Mardi, le président a parlé ; lundi dernier, hier et la semaine dernière.",
            "2025-02-11",
        );
        let got: Vec<(String, Option<String>)> = d.into_iter().map(|x| (x.1, x.2)).collect();
        assert_eq!(
            got,
            [
                ("2025-02-11".to_string(), None),
                ("2025-02-10".to_string(), None),
                ("2025-02-10".to_string(), None),
                ("2025-02-03".to_string(), Some("2025-02-09".to_string())),
            ]
        );
        assert_eq!(dates("dimanche prochain", "2025-02-11")[0].1, "2025-02-16");
        assert_eq!(
            dates("le lundi 10 février 2025", "2025-02-11")[0].1,
            "2025-02-10"
        );
        // An article dated to the month: a weekday says nothing.
        assert!(dates("Mardi, il a parlé.", "2025-02").is_empty());
        for n in [0i64, 20115, -1, 738_000] {
            let p = from_day_number(n);
            assert_eq!(day_number(p.year, p.month.unwrap(), p.day.unwrap()), n);
        }
    }

    #[test]
    fn english_dates() {
        let d = dates_en(
            "On January 21, 2025, Stargate was announced; on Jan. 27 stocks fell.",
            "2025-02-03",
        );
        assert_eq!(
            d.iter().map(|x| (x.1.as_str(), x.3)).collect::<Vec<_>>(),
            [("2025-01-21", false), ("2025-01-27", true)]
        );
        let d = dates_en(
            "In March 2025 and on 2 April 2025, then last week and last Monday.",
            "2025-05-14",
        );
        assert_eq!(
            d.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["2025-03", "2025-04-02", "2025-05-05", "2025-05-12"]
        );
        let d = dates_en(
            "Shares may fall. Earlier this year, and last year, and this month.",
            "2025-05-14",
        );
        assert_eq!(
            d.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["2025", "2024", "2025-05"]
        );
        assert!(dates_en("They may ban it; prices fall in value.", "2025-05-14").is_empty());
        // French puts no day after its month: "mars 25 entreprises" is no date.
        assert_eq!(dates("en mars 25 entreprises", "2025-05")[0].1, "2025-03");
        assert_eq!(
            dates("le mois dernier et l'an dernier", "2025-05-14").len(),
            2
        );
    }

    #[test]
    fn day_numbers_and_ranges() {
        assert_eq!(day_number(1970, 1, 1), 0);
        assert_eq!(day_number(2025, 1, 27), 20115);
        assert_eq!(
            day_number(2024, 3, 1) - day_number(2024, 2, 28),
            2,
            "a leap year"
        );
        let d = |s: &str| s.parse::<PartialDate>().unwrap();
        assert_eq!(d("2024-02").days().1 - d("2024-02").days().0, 28);
        assert!(d("2025-01-27").within(&d("2025-01")));
        assert!(d("2025-01-27").within(&d("2025")));
        assert!(!d("2025").within(&d("2025-01")));
    }

    #[test]
    fn month_and_year() {
        let d = dates(
            "Dès février 2024, DeepSeek avait déjà marqué les esprits avec DeepSeek Coder, suivi de DeepSeek V2 en mai-juin de la même année.",
            "2025-02",
        );
        assert_eq!(
            d,
            vec![
                ("février 2024".into(), "2024-02".into(), None, false),
                (
                    "mai-juin de la même année".into(),
                    "2024-05".into(),
                    Some("2024-06".into()),
                    true
                ),
            ]
        );
    }

    #[test]
    fn full_dates_and_bare_years() {
        let d = dates(
            "la correction boursière vécue ce 27 janvier 2025 face à",
            "2025-02",
        );
        assert_eq!(
            d,
            vec![("27 janvier 2025".into(), "2025-01-27".into(), None, false)]
        );
        let d = dates("Le 1er mars 2025, puis en 2024 et depuis 2016.", "2025-02");
        assert_eq!(
            d.iter().map(|x| x.1.as_str()).collect::<Vec<_>>(),
            ["2025-03-01", "2024", "2016"]
        );
    }

    #[test]
    fn month_without_year_takes_the_article_year() {
        // December after an article of February 2025: the December before.
        let d = dates(
            "le parc de Longhua, qui a été annoncé en décembre.",
            "2025-02",
        );
        assert_eq!(
            d,
            vec![("en décembre".into(), "2024-12".into(), None, true)]
        );
        let d = dates("Annoncé en janvier.", "2025-05");
        assert_eq!(d[0].1, "2025-01");
        // Seasons are month ranges.
        let d = dates("des papiers au printemps (télécoms)", "2025-02");
        assert_eq!(
            d,
            vec![(
                "au printemps".into(),
                "2024-03".into(),
                Some("2024-05".into()),
                true
            )]
        );
        // "a été" is a verb, not the summer.
        assert!(dates("le parc a été annoncé", "2025-02").is_empty());
        let d = dates("à l’automne 2024", "2025-02");
        assert_eq!(d[0].1, "2024-09");
        // "Début d'année" is its first months.
        let d = dates("lancé en début d’année son modèle", "2025");
        assert_eq!(
            d,
            vec![(
                "début d’année".into(),
                "2025-01".into(),
                Some("2025-03".into()),
                true
            )]
        );
    }

    #[test]
    fn amounts_and_plain_words_are_not_dates() {
        assert!(dates("une chute de 1 120 milliards de dollars", "2025").is_empty());
        assert!(dates("investir 2000 milliards d'euros", "2025").is_empty());
        assert!(dates("La planète Mars et le mai des mots", "2025").is_empty());
        assert!(dates("0,55$ par million de tokens, 9,99/10", "2025").is_empty());
    }
}
