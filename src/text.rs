//! Text primitives shared by the whole core: accent folding with a map back to
//! the original characters, and sanitizing untrusted text before it can reach
//! a terminal.

use std::borrow::Cow;

use unicode_normalization::char::decompose_canonical;

/// Folds `src` for matching: lowercase, accents stripped, ligatures expanded
/// (`œ` -> `oe`), typographic apostrophes, quotes, dashes and spaces unified.
///
/// Appends the folded text to `out` and, for every folded char, the index of
/// the original char it came from to `map`, so that match positions found in
/// the folded text can be shown on the original one.
pub fn fold_into(src: &str, out: &mut String, map: &mut Vec<u32>) {
    for (i, c) in src.chars().enumerate() {
        let i = i as u32;
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            map.push(i);
            continue;
        }
        if let Some(s) = special_fold(c) {
            for f in s.chars() {
                out.push(f);
                map.push(i);
            }
            continue;
        }
        decompose_canonical(c, |d| {
            if is_combining_mark(d) {
                return;
            }
            for l in d.to_lowercase() {
                out.push(l);
                map.push(i);
            }
        });
    }
}

/// Folds `src` into a new string (see [`fold_into`]), without the map.
pub fn fold(src: &str) -> String {
    let mut out = String::with_capacity(src.len());
    let mut map = Vec::new();
    fold_into(src, &mut out, &mut map);
    out
}

/// Chars whose folding is not given by canonical decomposition.
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        'ß' | 'ẞ' => "ss",
        'ø' | 'Ø' => "o",
        'đ' | 'Đ' => "d",
        'ł' | 'Ł' => "l",
        'ı' => "i",
        '’' | '‘' | '‛' | 'ʼ' | '′' | '´' | 'ʹ' => "'",
        '“' | '”' | '„' | '‟' | '«' | '»' | '″' => "\"",
        '‐' | '‑' | '‒' | '–' | '—' | '−' => "-",
        '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2009}' | '\u{200a}' | '\u{2002}' | '\u{2003}' => {
            " "
        }
        '…' => "...",
        _ => return None,
    })
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// True for chars that form words (letters and digits), the notion of "word
/// boundary" used by the lexicon and the date extractor.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Whether `text` holds `phrase` between word boundaries (no word char on
/// either side): "abonnez-vous" in "… ? Abonnez-vous pour…", not "japon" in
/// "japonisme". Both are expected folded.
pub fn contains_phrase(text: &str, phrase: &str) -> bool {
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        !before.is_some_and(is_word_char) && !after.is_some_and(is_word_char)
    })
}

/// What [`sanitize`] removed, for the warning that reports it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Removed {
    /// Escape sequences (ESC or 8-bit CSI/OSC/DCS ... up to their end).
    pub sequences: usize,
    /// Lone control chars (C0 other than tab and newline, DEL, C1).
    pub controls: usize,
    /// Bidirectional overrides and isolates (the "Trojan Source" chars).
    pub bidi: usize,
    /// Combining marks beyond [`MAX_MARKS`] on one char (a "Zalgo" flood).
    pub marks: usize,
}

/// The most combining marks kept on one char: real text needs two or three.
pub const MAX_MARKS: usize = 8;

impl Removed {
    /// True when nothing was removed.
    pub fn is_empty(&self) -> bool {
        self.sequences == 0 && self.controls == 0 && self.bidi == 0 && self.marks == 0
    }
}

/// Makes untrusted text safe to draw: escape sequences are removed whole,
/// other control chars and bidi overrides are dropped, tabs become spaces.
/// Newlines are kept (callers split on them). Borrows when nothing changes.
pub fn sanitize(s: &str) -> (Cow<'_, str>, Removed) {
    if is_clean(s) {
        return (Cow::Borrowed(s), Removed::default());
    }
    let mut removed = Removed::default();
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    let mut marks = 0usize;
    while let Some(c) = it.next() {
        if unicode_normalization::char::is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                removed.marks += 1;
                continue;
            }
        } else {
            marks = 0;
        }
        match c {
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            '\u{1b}' => {
                removed.sequences += 1;
                match it.peek().copied() {
                    Some('[') => {
                        it.next();
                        skip_csi(&mut it);
                    }
                    Some(']') | Some('P') | Some('X') | Some('^') | Some('_') => {
                        it.next();
                        skip_string(&mut it);
                    }
                    // Two-char sequences (ESC c, ESC 7 ...): drop the second one too,
                    // unless it is itself a control that the loop will handle.
                    Some(n) if !n.is_control() => {
                        it.next();
                    }
                    _ => {}
                }
            }
            '\u{9b}' => {
                removed.sequences += 1;
                skip_csi(&mut it);
            }
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => {
                removed.sequences += 1;
                skip_string(&mut it);
            }
            c if is_bidi_control(c) => removed.bidi += 1,
            // A line separator shows as the space it stands for.
            c if is_separator(c) => out.push(' '),
            c if c.is_control() => removed.controls += 1,
            c => out.push(c),
        }
    }
    (Cow::Owned(out), removed)
}

/// A decoded value (TOML turns `\u001b` into ESC after the file was read)
/// cleaned like the corpus: [`sanitize`]d, owned.
pub fn clean(s: String) -> String {
    match sanitize(&s).0 {
        Cow::Borrowed(_) => s,
        Cow::Owned(o) => o,
    }
}

/// Sanitizes for display and drops the report: the last line of defence in
/// printers, where corpus text was already cleaned at load time.
pub fn term_safe(s: &str) -> Cow<'_, str> {
    sanitize(s).0
}

/// The one definition of what must never reach a terminal raw: C0 controls
/// but tab and newline, DEL, C1 controls, bidi controls and isolates, and
/// the Unicode line and paragraph separators. Every output (plain, color,
/// JSON, Markdown, the explorer, errors, file names) goes through it.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c) || is_separator(c)
}

fn is_separator(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}')
}

fn needs_sanitizing(c: char) -> bool {
    is_unsafe(c) || c == '\t'
}

/// True when `s` has nothing to remove: no control, no bidi override, no run
/// of more than [`MAX_MARKS`] combining marks.
fn is_clean(s: &str) -> bool {
    let mut marks = 0usize;
    for c in s.chars() {
        if needs_sanitizing(c) {
            return false;
        }
        if c.is_ascii() {
            marks = 0;
        } else if unicode_normalization::char::is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                return false;
            }
        } else {
            marks = 0;
        }
    }
    true
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// Skips the rest of a CSI sequence: parameter and intermediate bytes up to a
/// final byte in `@`..=`~`. Stops early at a newline so a broken sequence can
/// never swallow the rest of a file.
fn skip_csi(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = it.peek() {
        if c == '\n' {
            return;
        }
        it.next();
        if ('@'..='~').contains(&c) {
            return;
        }
    }
}

/// Skips an OSC/DCS-like string up to BEL, ST (`ESC \` or U+009C) or a newline
/// (an unterminated one ends with its line).
fn skip_string(it: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = it.peek() {
        match c {
            '\n' => return,
            '\u{7}' | '\u{9c}' => {
                it.next();
                return;
            }
            '\u{1b}' => {
                it.next();
                if it.peek() == Some(&'\\') {
                    it.next();
                }
                return;
            }
            _ => {
                it.next();
            }
        }
    }
}

/// A file name as it can be shown, the way `ls -b` shows it: a backslash
/// doubled, a newline or tab as `\n` or `\t`, other unsafe chars as
/// `\xHH` (ASCII) or `\u{HHHH}`. Borrows when nothing needs escaping. The
/// result never holds a newline, so it keeps a listing's columns.
pub fn escape_name(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| c == '\\' || c == '\n' || c == '\t' || is_unsafe(c))
    {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if is_unsafe(c) && (c as u32) < 0x80 => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:04x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A path as it can be shown (see [`escape_name`]).
pub fn escape_path(p: &std::path::Path) -> String {
    escape_name(&p.to_string_lossy()).into_owned()
}

/// Normalizes line ends: CRLF and lone CR become LF.
pub fn normalize_newlines(s: &str) -> Cow<'_, str> {
    if !s.contains('\r') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"))
}

/// Wraps `text` (one paragraph) to `width` display columns and returns the
/// byte range of each line in `text`, so that styles given by position
/// (search highlights, the selected claim) can be laid on wrapped lines.
pub fn wrap_ranges(text: &str, width: usize) -> Vec<std::ops::Range<usize>> {
    let opts = textwrap::Options::new(width.max(1)).break_words(true);
    let base = text.as_ptr() as usize;
    let mut out = Vec::new();
    let mut pos = 0usize;
    for line in textwrap::wrap(text, opts) {
        let p = line.as_ptr() as usize;
        let start =
            if matches!(line, Cow::Borrowed(_)) && p >= base && p + line.len() <= base + text.len()
            {
                p - base
            } else {
                // textwrap copies only in cases we do not use (indents); stay
                // correct anyway by finding the line where it must be.
                match text[pos..].find(line.as_ref()) {
                    Some(o) => pos + o,
                    None => continue,
                }
            };
        pos = start + line.len();
        out.push(start..pos);
    }
    out
}

/// What a char is drawn as in ASCII mode: `None` to keep it (ASCII,
/// letters with their accents, digits, combining marks), else its fallback
/// (’ to ', « to ", … to ..., — to -, ➡ to ->, • to *, € to EUR), or
/// nothing for a pictograph (emoji) with no meaning in words.
pub fn ascii_fallback(c: char) -> Option<&'static str> {
    // Variation selectors and joiners only shape the emoji that go too.
    if matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
    {
        return Some("");
    }
    if c.is_ascii() || c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) {
        return None;
    }
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{00b4}' => "'",
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{00ab}' | '\u{00bb}'
        | '\u{2033}' | '\u{2039}' | '\u{203a}' => "\"",
        '\u{2026}' => "...",
        '\u{2010}'..='\u{2015}' | '\u{2212}' => "-",
        '\u{00a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => " ",
        '\u{27a1}' | '\u{2192}' | '\u{21d2}' | '\u{2794}' | '\u{279c}' | '\u{27f6}'
        | '\u{25b6}' | '\u{25ba}' | '\u{1f449}' => "->",
        '\u{2190}' | '\u{21d0}' | '\u{2b05}' | '\u{25c0}' => "<-",
        // A middle dot separates ("a · b"), or writes inclusively
        // ("salarié·es"): a hyphen reads right in both.
        '\u{00b7}' => "-",
        '\u{2022}' | '\u{2023}' | '\u{2043}' | '\u{25aa}' | '\u{25ab}' | '\u{25cf}'
        | '\u{25cb}' | '\u{25e6}' | '\u{2219}' | '\u{1f539}' | '\u{1f538}' | '\u{1f537}'
        | '\u{1f536}' | '\u{25c6}' | '\u{25c7}' | '\u{2713}' | '\u{2714}' | '\u{2705}' => "*",
        '\u{20ac}' => "EUR",
        '\u{00a3}' => "GBP",
        '\u{00a5}' => "JPY",
        '\u{00d7}' => "x",
        '\u{00f7}' => "/",
        '\u{2248}' => "~",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        '\u{2260}' => "!=",
        '\u{00b1}' => "+/-",
        '\u{00b0}' => " deg",
        '\u{2030}' => " per mille",
        '\u{00a9}' => "(c)",
        '\u{00ae}' => "(R)",
        '\u{2122}' => "(TM)",
        '\u{00bd}' => "1/2",
        '\u{00bc}' => "1/4",
        '\u{00be}' => "3/4",
        // Box drawing and blocks: lines and bars.
        '\u{2500}' | '\u{2501}' | '\u{2504}' | '\u{2508}' => "-",
        '\u{2502}' | '\u{2503}' => "|",
        '\u{2580}'..='\u{259f}' => "#",
        '\u{2500}'..='\u{257f}' => "+",
        // Pictographs, dingbats, arrows, variation selectors, joiners: a
        // word never hangs on them.
        _ => "",
    })
}

/// `s` with every char that has an ASCII fallback replaced by it (see
/// [`ascii_fallback`]).
pub fn to_ascii(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| ascii_fallback(c).is_none()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match ascii_fallback(c) {
            Some(rep) => out.push_str(rep),
            None => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// `s` cut to at most `w` display columns, ending in `ellipsis` when cut.
pub fn cut_to_width<'a>(s: &'a str, w: usize, ellipsis: &str) -> Cow<'a, str> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if s.width() <= w {
        return Cow::Borrowed(s);
    }
    let keep = w.saturating_sub(ellipsis.width());
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > keep {
            break;
        }
        used += cw;
        out.push(c);
    }
    out.push_str(ellipsis);
    Cow::Owned(out)
}

/// The Damerau-Levenshtein distance of two words (optimal string
/// alignment: insertions, deletions, substitutions and transpositions of
/// neighbours, each 1), by chars.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let w = b.len() + 1;
    // Three rows: two back for transpositions.
    let mut rows = vec![0usize; 3 * w];
    for (j, x) in rows[..w].iter_mut().enumerate() {
        *x = j;
    }
    for i in 1..=a.len() {
        let (cur, prev, prev2) = (i % 3 * w, (i - 1) % 3 * w, (i + 1) % 3 * w);
        rows[cur] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (rows[prev + j] + 1)
                .min(rows[cur + j - 1] + 1)
                .min(rows[prev + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(rows[prev2 + j - 2] + 1);
            }
            rows[cur + j] = d;
        }
    }
    rows[a.len() % 3 * w + b.len()]
}

/// `s` with its first letter in capitals: a phrase that opens a line or a
/// sentence ("sources disagree: …" -> "Sources disagree: …").
pub fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_case_ligatures_and_apostrophes() {
        assert_eq!(fold("États-Unis"), "etats-unis");
        assert_eq!(fold("Régulation"), "regulation");
        assert_eq!(fold("œuvre cœur Æ"), "oeuvre coeur ae");
        assert_eq!(fold("l’Europe"), "l'europe");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("a\u{a0}b"), "a b");
        assert_eq!(fold("Pékin à Zürich"), "pekin a zurich");
        // Combining marks written separately fold like precomposed ones.
        assert_eq!(fold("E\u{301}tats"), "etats");
    }

    #[test]
    fn fold_map_points_back_to_original_chars() {
        let mut out = String::new();
        let mut map = Vec::new();
        fold_into("œuvre É", &mut out, &mut map);
        assert_eq!(out, "oeuvre e");
        assert_eq!(out.chars().count(), map.len());
        assert_eq!(map, vec![0, 0, 1, 2, 3, 4, 5, 6]);
    }

    #[test]
    fn sanitize_strips_sequences_controls_and_bidi() {
        let (s, r) = sanitize("a\u{1b}[2Jb\u{1b}]52;c;aGk=\u{7}c\u{9b}31md\u{202e}e\u{0}f\tg");
        assert_eq!(s, "abcdef g");
        assert_eq!(r.sequences, 3);
        assert_eq!(r.bidi, 1);
        assert_eq!(r.controls, 1);
        // An unterminated OSC ends with its line.
        let (s, _) = sanitize("x\u{1b}]0;title\nnext");
        assert_eq!(s, "x\nnext");
        let (s, r) = sanitize("clean é ➡️");
        assert!(matches!(s, Cow::Borrowed(_)));
        assert!(r.is_empty());
    }

    #[test]
    fn wrap_ranges_cover_the_text() {
        let t = "La Chine publie ses modèles 🇨🇳 et en facilite l’usage, très largement.";
        let r = wrap_ranges(t, 20);
        assert!(r.len() > 2);
        let joined: Vec<&str> = r.iter().map(|x| &t[x.clone()]).collect();
        assert_eq!(joined.join(" "), t);
        for x in &r {
            assert!(unicode_width::UnicodeWidthStr::width(&t[x.clone()]) <= 20);
        }
        assert_eq!(wrap_ranges("", 10).len(), 1);
    }

    #[test]
    fn combining_floods_are_capped() {
        let flood = format!("e{}x", "\u{301}".repeat(50));
        let (s, r) = sanitize(&flood);
        assert_eq!(s.chars().count(), 1 + MAX_MARKS + 1);
        assert_eq!(r.marks, 50 - MAX_MARKS);
        let (s, r) = sanitize("é and e\u{301}\u{302}");
        assert!(matches!(s, Cow::Borrowed(_)) && r.is_empty());
    }

    #[test]
    fn file_names_are_escaped_like_ls_b() {
        assert_eq!(escape_name("plain é.md"), "plain é.md");
        assert_eq!(
            escape_name("x\u{1b}]0;PWN\u{7}\nb\\c\u{202e}.md"),
            "x\\x1b]0;PWN\\x07\\nb\\\\c\\u{202e}.md"
        );
        for c in escape_name("a\u{9b}\u{2028}\r\u{7f}").chars() {
            assert!(!is_unsafe(c) && !c.is_control());
        }
    }

    #[test]
    fn newlines_normalized() {
        assert_eq!(normalize_newlines("a\r\nb\rc\n"), "a\nb\nc\n");
    }

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        assert_eq!(edit_distance("deepseek", "deespeek"), 1);
        assert_eq!(edit_distance("microsoft", "micorsoft"), 1);
        assert_eq!(edit_distance("regulation", "regulaton"), 1);
        assert_eq!(edit_distance("stargate", "strgate"), 1);
        assert_eq!(edit_distance("titre", "title"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(edit_distance("ca", "abc"), 3);
        assert_eq!(edit_distance("é", "e"), 1);
    }

    #[test]
    fn ascii_fallbacks_keep_letters_and_turn_symbols_to_ascii() {
        let shown: String = "L’Europe « régule » … ➡ 385 M€ — 🚀 ok • 日本"
            .chars()
            .map(|c| {
                ascii_fallback(c)
                    .map(str::to_string)
                    .unwrap_or_else(|| c.to_string())
            })
            .collect();
        assert_eq!(shown, "L'Europe \" régule \" ... -> 385 MEUR -  ok * 日本");
        assert_eq!(to_ascii("a · b…"), "a - b...");
        assert_eq!(cut_to_width("abcdef", 4, "…"), "abc…");
        assert_eq!(cut_to_width("abcdef", 5, "..."), "ab...");
        assert_eq!(cut_to_width("abc", 3, "…"), "abc");
        assert_eq!(cut_to_width("日本語", 4, "…"), "日…");
        assert!(ascii_fallback('é').is_none() && ascii_fallback('\u{301}').is_none());
    }
}
