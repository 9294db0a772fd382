//! Skim's score (fuzzy-matcher 0.3.7, `SkimMatcherV2`, case respected)
//! computed without its matrix cache.
//!
//! The crate keeps a score matrix per matcher and thread, resizes it without
//! resetting it, and reads a cell's `bonus` that the call did not write: a
//! reused matcher's score depends on what it scored before (`cargo fuzz run
//! query` found "eeuu" scoring one claim 67 or 63), and turning the cache off
//! (`use_cache(false)`) panics. A fresh matcher per call is correct but
//! allocates its caches on every call. This is the same algorithm on a
//! matrix that starts fresh at every call, in buffers kept per thread: the
//! compressed two-row matrix of `SkimMatcherV2::fuzzy` for the score, and
//! its full matrix with the moves for the matched positions (what a view
//! highlights). The tests check both against a fresh `SkimMatcherV2`.

use std::cell::RefCell;

const NEG_INF: i32 = i16::MIN as i32;
const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const BONUS_FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);

#[derive(Clone, Copy)]
struct Cell {
    m: i32,
    p: i32,
    bonus: i32,
}

const FRESH: Cell = Cell {
    m: NEG_INF,
    p: NEG_INF,
    bonus: 0,
};

#[derive(Clone, Copy, PartialEq, Eq)]
enum CharType {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

fn char_type(c: char) -> CharType {
    match c {
        '\0' => CharType::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => CharType::HardSep,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => CharType::SoftSep,
        '0'..='9' => CharType::Number,
        'A'..='Z' => CharType::Upper,
        _ => CharType::Lower,
    }
}

fn in_place_bonus(prev: CharType, cur: CharType) -> i32 {
    match (prev, cur) {
        (CharType::Empty, _) | (CharType::HardSep, _) => BONUS_HEAD,
        (CharType::SoftSep, _) => BONUS_BREAK,
        (CharType::Lower, CharType::Upper) | (CharType::Number, CharType::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

#[derive(Default)]
struct Scratch {
    choice: Vec<char>,
    pattern: Vec<char>,
    bonus: Vec<i32>,
    first: Vec<usize>,
    matrix: Vec<Cell>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// Skim's score of `pattern` in `choice` (case respected), or `None` when
/// `pattern` is not an in-order subsequence of `choice`.
pub fn score(choice: &str, pattern: &str) -> Option<i64> {
    if pattern.is_empty() {
        return Some(0);
    }
    SCRATCH.with(|s| {
        let mut s = s.borrow_mut();
        let Scratch {
            choice: cs,
            pattern: ps,
            bonus,
            first,
            matrix,
        } = &mut *s;
        cs.clear();
        cs.extend(choice.chars());
        ps.clear();
        ps.extend(pattern.chars());
        let pattern: &[char] = ps;
        // The greedy first match of each pattern char ("cheap matches").
        first.clear();
        let mut pi = 0;
        for (j, &c) in cs.iter().enumerate() {
            if pi < pattern.len() && c == pattern[pi] {
                first.push(j);
                pi += 1;
            }
        }
        if pi < pattern.len() {
            return None;
        }
        let cols = cs.len() + 1;
        // In-place bonuses, the first char's doubled.
        bonus.clear();
        bonus.resize(cols, 0);
        let mut prev = CharType::Empty;
        for (j, &c) in cs.iter().enumerate() {
            let t = char_type(c);
            bonus[j + 1] = in_place_bonus(prev, t);
            prev = t;
        }
        if cols > 1 {
            bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
        }
        // Two rows, fresh; row 0 skips at the gap extension cost.
        matrix.clear();
        matrix.resize(2 * cols, FRESH);
        for cell in matrix.iter_mut().take(cols) {
            cell.p = GAP_EXTENSION;
        }
        let at = |row: usize, col: usize| row * cols + col;
        for (i, &p_ch) in pattern.iter().enumerate() {
            let row = (i + 1) & 1;
            let row_prev = i & 1;
            let to_skip = first[i];
            for (j, &c_ch) in cs.iter().enumerate().skip(to_skip) {
                let (col, col_prev) = (j + 1, j);
                let (cur, last, prev) = (at(row, col), at(row, col_prev), at(row_prev, col_prev));
                if c_ch == p_ch {
                    let prev_match_score = matrix[prev].m;
                    let prev_skip_score = matrix[prev].p;
                    let prev_match_bonus = matrix[last].bonus;
                    let in_place = bonus[col];
                    let consecutive = prev_match_bonus.max(in_place.max(BONUS_CONSECUTIVE));
                    matrix[last].bonus = consecutive;
                    let score_match = prev_match_score + consecutive;
                    let score_skip = prev_skip_score + in_place;
                    matrix[cur].m = if score_match >= score_skip {
                        score_match
                    } else {
                        score_skip
                    } + SCORE_MATCH;
                } else {
                    matrix[cur].m = NEG_INF;
                    matrix[cur].bonus = 0;
                }
                let from_match = GAP_START + GAP_EXTENSION + matrix[last].m;
                let from_skip = GAP_EXTENSION + matrix[last].p;
                matrix[cur].p = if from_match >= from_skip {
                    from_match
                } else {
                    from_skip
                };
            }
        }
        let last_row = pattern.len() & 1;
        let first_col = first[pattern.len() - 1];
        (first_col..cols)
            .map(|c| matrix[at(last_row, c)].m)
            .max()
            .map(i64::from)
    })
}

/// Skim's score of `pattern` in `choice` with the char indices it matched,
/// or `None` when `pattern` is not an in-order subsequence of `choice`. The
/// full matrix (one row per pattern char), walked back along the moves.
pub fn indices(choice: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
    if pattern.is_empty() {
        return Some((0, Vec::new()));
    }
    let cs: Vec<char> = choice.chars().collect();
    let ps: Vec<char> = pattern.chars().collect();
    let mut first = Vec::with_capacity(ps.len());
    let mut pi = 0;
    for (j, &c) in cs.iter().enumerate() {
        if pi < ps.len() && c == ps[pi] {
            first.push(j);
            pi += 1;
        }
    }
    if pi < ps.len() {
        return None;
    }
    let cols = cs.len() + 1;
    let rows = ps.len() + 1;
    let mut bonus = vec![0; cols];
    let mut prev = CharType::Empty;
    for (j, &c) in cs.iter().enumerate() {
        let t = char_type(c);
        bonus[j + 1] = in_place_bonus(prev, t);
        prev = t;
    }
    if cols > 1 {
        bonus[1] *= BONUS_FIRST_CHAR_MULTIPLIER;
    }
    // A cell: scores, and whether each came from a match (true) or a skip.
    let mut m = vec![FRESH; rows * cols];
    let mut m_move = vec![false; rows * cols];
    let mut p_move = vec![false; rows * cols];
    for cell in m.iter_mut().take(cols) {
        cell.p = GAP_EXTENSION;
    }
    let at = |row: usize, col: usize| row * cols + col;
    for (i, &p_ch) in ps.iter().enumerate() {
        let (row, row_prev) = (i + 1, i);
        for (j, &c_ch) in cs.iter().enumerate().skip(first[i]) {
            let (col, col_prev) = (j + 1, j);
            let (cur, last, prv) = (at(row, col), at(row, col_prev), at(row_prev, col_prev));
            if c_ch == p_ch {
                let in_place = bonus[col];
                let consecutive = m[last].bonus.max(in_place.max(BONUS_CONSECUTIVE));
                m[last].bonus = consecutive;
                let score_match = m[prv].m + consecutive;
                let score_skip = m[prv].p + in_place;
                m_move[cur] = score_match >= score_skip;
                m[cur].m = score_match.max(score_skip) + SCORE_MATCH;
            } else {
                m[cur].m = NEG_INF;
                m_move[cur] = false;
                m[cur].bonus = 0;
            }
            let from_match = GAP_START + GAP_EXTENSION + m[last].m;
            let from_skip = GAP_EXTENSION + m[last].p;
            p_move[cur] = from_match >= from_skip;
            m[cur].p = from_match.max(from_skip);
        }
    }
    // The best end in the last row; ties go to the rightmost end, as
    // `max_by_key` in the crate does.
    let last_row = ps.len();
    let first_col = first[ps.len() - 1];
    let (mut j, score) = (first_col..cols).map(|c| (c, m[at(last_row, c)].m)).fold(
        None,
        |best: Option<(usize, i32)>, (c, s)| match best {
            Some((_, b)) if b > s => best,
            _ => Some((c, s)),
        },
    )?;
    let mut positions = Vec::with_capacity(ps.len());
    let (mut i, mut track_m, mut matched) = (rows - 1, true, true);
    while i > 0 && j > first[0] {
        if matched {
            positions.push(j - 1);
        }
        let k = at(i, j);
        matched = if track_m { m_move[k] } else { p_move[k] };
        if track_m {
            i -= 1;
        }
        j -= 1;
        track_m = matched;
    }
    positions.reverse();
    Some((i64::from(score), positions))
}

#[cfg(test)]
mod tests {
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;

    use super::*;

    /// The reference: a fresh matcher, so that no earlier call leaks in.
    fn reference(choice: &str, pattern: &str) -> Option<i64> {
        SkimMatcherV2::default()
            .respect_case()
            .fuzzy_match(choice, pattern)
    }

    fn reference_indices(choice: &str, pattern: &str) -> Option<(i64, Vec<usize>)> {
        SkimMatcherV2::default()
            .respect_case()
            .fuzzy_indices(choice, pattern)
    }

    #[test]
    fn equals_a_fresh_skim_matcher() {
        let c = crate::corpus::Corpus::builtin();
        let queries = [
            "deepseek",
            "chine",
            "etats",
            "ia",
            "e",
            "d",
            "eeuu",
            "regulation",
            "cout",
            "xz",
            "l'europe",
            "0,55$",
            "2.5",
            "aaa",
            "ee",
            "us",
            "modele ouvert",
            "(ia)",
            "z",
        ];
        for q in queries {
            for claim in c.claims.parsed().expect("parsed") {
                for text in [crate::text::fold(&claim.text), claim.text.clone()] {
                    assert_eq!(score(&text, q), reference(&text, q), "{q:?} in {text:?}");
                    assert_eq!(
                        indices(&text, q),
                        reference_indices(&text, q),
                        "{q:?} in {text:?}"
                    );
                }
            }
        }
        for (choice, pattern) in [
            ("", "a"),
            ("a", ""),
            ("ABC abc", "Ab"),
            ("a/b\\\\c|d", "abcd"),
            ("X1Y2", "xy"),
        ] {
            assert_eq!(
                score(choice, pattern),
                reference(choice, pattern),
                "{pattern:?} in {choice:?}"
            );
            assert_eq!(
                indices(choice, pattern),
                reference_indices(choice, pattern),
                "{pattern:?} in {choice:?}"
            );
        }
    }
}
