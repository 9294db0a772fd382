//! The views: one module each, holding the view's state, how it handles its
//! actions (returning [`Effect`]s), and how it draws. `draw` only reads
//! state. This module has what they share: the read-only context [`Cx`], list
//! selection, and drawing helpers.

pub mod blocs;
pub mod bookmarks;
pub mod figures;
pub mod help;
pub mod reader;
pub mod search;
pub mod timeline;

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::keymap::Action;
use super::layout;
use super::theme::{Settings, Theme};
use crate::corpus::{Claim, Corpus};
use crate::dataset::Dataset;
use crate::i18n::{tr, trf};
use crate::search::SearchIndex;
use crate::store::{Place, Store};
use crate::text::{term_safe, wrap_ranges};

pub use super::effect::Effect;

/// What every view may read while it handles an action or draws: the data,
/// the saved state, the terminal's capabilities and size.
pub struct Cx<'a> {
    /// The corpus and what is found over it.
    pub data: &'a Dataset,
    /// The search index.
    pub index: &'a SearchIndex,
    /// Bookmarks and notes.
    pub store: &'a Store,
    /// Where each bookmark's claim is.
    pub places: &'a [Place],
    /// Terminal capabilities.
    pub settings: &'a Settings,
    /// Styles.
    pub theme: &'a Theme,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The figures are found by a worker: a view shows them once they are
    /// there, and never finds them itself (seconds on a large corpus).
    pub figures_on_worker: bool,
    /// The timeline's events are found by a worker, likewise.
    pub events_on_worker: bool,
}

impl Cx<'_> {
    /// The corpus.
    pub fn corpus(&self) -> &Corpus {
        &self.data.corpus
    }

    /// The area between the tab bar and the status line.
    pub fn body(&self) -> Rect {
        layout::frame(self.size.0, self.size.1).body
    }

    /// True when claim `c` is bookmarked (lists mark it).
    pub fn is_bookmarked(&self, c: usize) -> bool {
        self.places
            .iter()
            .any(|p| matches!(p, Place::Here(x) | Place::Moved(x) if *x == c))
    }
}

/// A list's selection and scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListState {
    /// Selected entry.
    pub sel: usize,
    /// First visible entry.
    pub offset: usize,
}

impl ListState {
    /// Applies a motion over `n` entries (`page` at a time for page keys).
    /// Returns true when the selection moved.
    pub fn step(&mut self, motion: &Action, n: usize, page: usize) -> bool {
        let before = self.sel;
        self.sel = step(self.sel, motion, n, page);
        self.sel != before
    }

    /// Scrolls so that the selected entry shows in `h` rows, the entry `i`
    /// taking `height(i)` rows. Returns true when the scroll changed.
    pub fn follow(&mut self, h: usize, height: impl Fn(usize) -> usize) -> bool {
        let before = self.offset;
        let sel = self.sel;
        let mut off = self.offset.min(sel);
        let h = h.max(1);
        while off < sel && (off..=sel).map(&height).sum::<usize>() > h {
            off += 1;
        }
        self.offset = off;
        self.offset != before
    }
}

/// The selection after `motion` over `n` entries.
pub fn step(sel: usize, motion: &Action, n: usize, page: usize) -> usize {
    if n == 0 {
        return 0;
    }
    match motion {
        Action::Up => sel.saturating_sub(1),
        Action::Down => (sel + 1).min(n - 1),
        Action::PageUp => sel.saturating_sub(page),
        Action::PageDown => (sel + page).min(n - 1),
        Action::HalfPageUp => sel.saturating_sub(page.div_ceil(2)),
        Action::HalfPageDown => (sel + page.div_ceil(2)).min(n - 1),
        Action::Top => 0,
        Action::Bottom => n - 1,
        _ => sel.min(n - 1),
    }
}

/// True for the actions that move a selection.
pub fn is_motion(a: &Action) -> bool {
    matches!(
        a,
        Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::Top
            | Action::Bottom
    )
}

/// How many entries a page of a list `h` rows high holds (at least 1).
pub fn page(h: u16) -> usize {
    usize::from(h / 3).max(1)
}

/// Rows a claim entry takes in a list `width` wide: its wrapped text plus
/// the source line.
pub fn entry_height(text: &str, width: u16, ascii: bool) -> usize {
    let (shown, _) = display(text, ascii);
    wrap_ranges(&shown, usize::from(width.saturating_sub(2)).max(1)).len() + 1
}

/// Text as terminals draw it, with for each drawn char the index of the
/// original char it stands for. Variation selectors and joiners are dropped
/// and flags (regional indicator pairs) become their two letters, because
/// terminals disagree on their widths and a wrong width shifts every column
/// after it; what is left has one width everywhere (unicode-width).
///
/// With `ascii`, symbols become their ASCII fallbacks (’ to ', « to ", … to
/// ..., ➡ to ->, emoji dropped), each drawn char still pointing at the char
/// it stands for, so that highlights and wrapping agree.
pub fn display(text: &str, ascii: bool) -> (String, Vec<usize>) {
    let text = term_safe(text);
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    for (i, c) in text.chars().enumerate() {
        // (A flag's letters, below, are kept in ASCII too: "CN".)
        if ascii
            && !('\u{1f1e6}'..='\u{1f1ff}').contains(&c)
            && let Some(rep) = crate::text::ascii_fallback(c)
        {
            for r in rep.chars() {
                out.push(r);
                map.push(i);
            }
            continue;
        }
        match c {
            '\u{fe0e}' | '\u{fe0f}' | '\u{200d}' => {}
            '\u{1f1e6}'..='\u{1f1ff}' => {
                let letter = char::from_u32('A' as u32 + (c as u32 - 0x1f1e6)).unwrap_or('?');
                out.push(letter);
                map.push(i);
            }
            _ => {
                out.push(c);
                map.push(i);
            }
        }
    }
    (out, map)
}

/// Styles for [`wrap_styled`].
#[derive(Debug, Clone, Copy)]
pub struct TextStyles {
    /// Ordinary chars.
    pub base: Style,
    /// Matched chars.
    pub matched: Style,
    /// Chars inside the emphasized range.
    pub emphasis: Style,
    /// Symbols drawn as their ASCII fallbacks.
    pub ascii: bool,
}

impl TextStyles {
    /// Plain text in `base`, nothing matched or emphasized.
    pub fn plain(base: Style, ascii: bool) -> Self {
        TextStyles {
            base,
            matched: Style::new(),
            emphasis: Style::new(),
            ascii,
        }
    }
}

/// Wraps `text` to `width` and styles it: `hl` are original char indices to
/// show as matches, `emph` an original char range to emphasize.
pub fn wrap_styled(
    text: &str,
    width: u16,
    hl: &[usize],
    emph: Option<Range<usize>>,
    st: TextStyles,
) -> Vec<Line<'static>> {
    let (shown, map) = display(text, st.ascii);
    let starts: Vec<usize> = shown.char_indices().map(|(b, _)| b).collect();
    let char_of = |b: usize| starts.partition_point(|&x| x < b);
    let chars: Vec<char> = shown.chars().collect();
    let mut lines = Vec::new();
    for r in wrap_ranges(&shown, usize::from(width).max(1)) {
        let (a, b) = (char_of(r.start), char_of(r.end));
        let mut spans: Vec<Span<'static>> = Vec::new();
        let mut run = String::new();
        let mut run_style = st.base;
        for k in a..b {
            let orig = map[k];
            let mut s = st.base;
            if emph.as_ref().is_some_and(|e| e.contains(&orig)) {
                s = s.patch(st.emphasis);
            }
            if hl.binary_search(&orig).is_ok() {
                s = s.patch(st.matched);
            }
            if s != run_style && !run.is_empty() {
                spans.push(Span::styled(std::mem::take(&mut run), run_style));
            }
            run_style = s;
            run.push(chars[k]);
        }
        if !run.is_empty() {
            spans.push(Span::styled(run, run_style));
        }
        lines.push(Line::from(spans));
    }
    lines
}

/// Draws one list entry at row `y` of `area`: a gutter with the selection
/// marker, then its lines. Returns the rows used (cut at the bottom).
pub fn draw_entry(
    cx: &Cx,
    f: &mut Frame,
    area: Rect,
    y: u16,
    lines: Vec<Line<'static>>,
    marked: bool,
) -> u16 {
    let marker = if marked {
        cx.settings.glyphs().selected
    } else {
        " "
    };
    let h = (lines.len() as u16).min((area.y + area.height).saturating_sub(y));
    let gutter: Vec<Line> = (0..h)
        .map(|_| Line::from(Span::styled(marker, cx.theme.focus_border)))
        .collect();
    f.render_widget(
        Paragraph::new(gutter),
        Rect::new(area.x, y, 1.min(area.width), h),
    );
    if area.width > 2 {
        f.render_widget(
            Paragraph::new(lines),
            Rect::new(area.x + 2, y, area.width - 2, h),
        );
    }
    h
}

/// "Short title · 2025-02": where a claim comes from, after a star when it
/// is bookmarked.
pub fn source_label(cx: &Cx, claim: &Claim, max: usize) -> String {
    let star = match cx
        .corpus()
        .claim_index(&claim.id)
        .filter(|&c| cx.is_bookmarked(c))
    {
        Some(_) if cx.settings.ascii => "* ",
        Some(_) => "★ ",
        None => "",
    };
    let Some(a) = cx.corpus().article_of(claim) else {
        return format!("{star}{}", claim.article);
    };
    let date = a.date.map(|d| format!(" · {d}")).unwrap_or_default();
    let room = max.saturating_sub(date.width() + star.width()).max(8);
    let g = cx.settings.glyphs();
    let label = format!(
        "{star}{}{date}",
        term_safe(&a.short_title_with(room, g.ellipsis))
    );
    if cx.settings.ascii {
        crate::text::to_ascii(&label).into_owned()
    } else {
        label
    }
}

/// A bloc's label: its short name, or its ASCII badge where only ASCII can
/// be drawn; the code itself for a bloc the lexicon does not know.
pub fn bloc_label(cx: &Cx, code: &str) -> String {
    match cx.corpus().lexicon.bloc(code) {
        Some(b) if cx.settings.ascii => b.badge.clone(),
        Some(b) => b.short.clone(),
        None => term_safe(&code.to_uppercase()).into_owned(),
    }
}

/// Bloc badges: `[US] [China]`, in each bloc's color; a bloc that came from
/// context (not a word of the text) is dimmed.
pub fn badges(cx: &Cx, blocs: &[String], from_context: &[String]) -> Vec<Span<'static>> {
    let mut out = Vec::new();
    for b in blocs {
        let style = if from_context.contains(b) {
            cx.theme.bloc_from_context(b)
        } else {
            cx.theme.bloc(b)
        };
        out.push(Span::styled(format!("[{}]", bloc_label(cx, b)), style));
        out.push(Span::raw(" "));
    }
    out
}

/// The longest text a prompt takes (a query, a find, a note, a file name):
/// past it, typed and pasted chars are dropped and the status line says so.
pub const MAX_INPUT: usize = 256;

/// What an editing action did to a prompt's text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Edited {
    /// The text changed.
    pub changed: bool,
    /// Chars were dropped at [`MAX_INPUT`].
    pub capped: bool,
}

impl Edited {
    /// The status line's word on a capped input.
    pub fn message(&self) -> Option<Effect> {
        self.capped.then(|| {
            Effect::Message(trf(
                "input is limited to {n} chars; the rest was dropped",
                &[("n", &MAX_INPUT)],
            ))
        })
    }
}

/// True for the actions that edit a prompt's text.
pub fn is_edit(a: &Action) -> bool {
    matches!(
        a,
        Action::Input(_)
            | Action::Paste(_)
            | Action::Backspace
            | Action::DeleteWord
            | Action::ClearInput
    )
}

/// Applies an editing action to a prompt's text: a typed or pasted char that
/// a terminal would act on is dropped, a pasted line break or tab is a space,
/// and the text stops at [`MAX_INPUT`] chars. A paste costs one edit, however
/// long it is.
pub fn edit_input(s: &mut String, a: &Action) -> Edited {
    let mut room = MAX_INPUT.saturating_sub(s.chars().count());
    let mut out = Edited::default();
    let mut push = |s: &mut String, c: char| {
        let c = if matches!(c, '\n' | '\r' | '\t') {
            ' '
        } else {
            c
        };
        if crate::text::is_unsafe(c) {
            return true;
        }
        if room == 0 {
            out.capped = true;
            return false;
        }
        room -= 1;
        s.push(c);
        out.changed = true;
        true
    };
    match a {
        Action::Input(c) => {
            push(s, *c);
        }
        Action::Paste(text) => {
            for c in text.chars() {
                if !push(s, c) {
                    break;
                }
            }
        }
        Action::Backspace => out.changed = s.pop().is_some(),
        Action::DeleteWord => {
            let before = s.len();
            search::delete_word(s);
            out.changed = s.len() != before;
        }
        Action::ClearInput => {
            out.changed = !s.is_empty();
            s.clear();
        }
        _ => {}
    }
    out
}

/// Why a claim is in its blocs: `US "Nvidia"` for a bloc a word names,
/// `China ← elle #12` for one from context (the referring words, and the
/// claim it came from).
pub fn reasons_line(cx: &Cx, claim: &crate::corpus::Claim) -> Line<'static> {
    use crate::corpus::Reason;
    let g = cx.settings.glyphs();
    let mut out = vec![Span::styled(format!("{} ", tr("why")), cx.theme.dim)];
    for (i, r) in claim.bloc_reasons.iter().enumerate() {
        if i > 0 {
            out.push(Span::styled(" · ", cx.theme.dim));
        }
        let named = r.how == Reason::Named;
        let style = if named {
            cx.theme.bloc(&r.bloc)
        } else {
            cx.theme.bloc_from_context(&r.bloc)
        };
        out.push(Span::styled(bloc_label(cx, &r.bloc), style));
        let mut detail = String::new();
        if named {
            if let Some(w) = &r.word {
                detail = format!(" {}", trf("\"{word}\"", &[("word", w)]));
            }
        } else {
            detail.push(' ');
            detail.push_str(g.back);
            detail.push(' ');
            detail.push_str(match (r.how, &r.word) {
                (Reason::Heading, _) => tr("heading"),
                (Reason::Sentence, _) => tr("sentence"),
                (Reason::Article, _) => tr("article"),
                (_, Some(w)) => w,
                (_, None) => "",
            });
            match r.from.as_deref().and_then(|f| f.rsplit_once('#')) {
                Some((_, n)) => detail.push_str(&format!(" #{n}")),
                None => {
                    detail.push(' ');
                    detail.push_str(tr("title"));
                }
            }
        }
        out.push(Span::styled(
            crate::text::term_safe(&detail).into_owned(),
            cx.theme.dim,
        ));
    }
    Line::from(out)
}

/// A bordered box with a title, the focused one highlighted.
pub fn boxed(cx: &Cx, title: Line<'static>, focused: bool, width: u16) -> Block<'static> {
    let theme = cx.theme;
    // The corners take two cells: a longer title ends in an ellipsis.
    let title = fit_line(
        title,
        usize::from(width).saturating_sub(2),
        cx.settings.glyphs().ellipsis,
    );
    Block::default()
        .borders(Borders::ALL)
        .border_set(cx.settings.border())
        .border_style(if focused {
            theme.focus_border
        } else {
            theme.border
        })
        .title(title)
}

/// `line` cut to `width` columns, its last span ending in `ellipsis` when
/// something was cut; each span keeps its style.
pub fn fit_line(line: Line<'static>, width: usize, ellipsis: &str) -> Line<'static> {
    use unicode_width::UnicodeWidthStr;
    if line.width() <= width {
        return line;
    }
    let mut out: Vec<Span<'static>> = Vec::new();
    let mut room = width;
    let style = line.style;
    for span in line.spans {
        let w = span.content.width();
        if w < room {
            room -= w;
            out.push(span);
            continue;
        }
        let cut = crate::text::cut_to_width(&span.content, room, ellipsis).into_owned();
        out.push(Span::styled(cut, span.style));
        break;
    }
    Line::from(out).style(style)
}

/// The loading screen: files read out of the total, as a gauge.
pub fn draw_loading(
    f: &mut Frame,
    settings: Settings,
    done: usize,
    total: usize,
    elapsed: std::time::Duration,
) {
    let area = f.area();
    if area.width < 12 || area.height < 3 {
        return;
    }
    let theme = settings.theme();
    let w = area.width.min(60);
    let r = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + area.height / 2 - 1,
        w,
        3.min(area.height),
    );
    let block = Block::default()
        .borders(Borders::ALL)
        .border_set(settings.border())
        .title(format!(" {} ", tr("Loading the corpus")));
    let ratio = if total == 0 {
        0.0
    } else {
        (done as f64 / total as f64).clamp(0.0, 1.0)
    };
    let label = if total == 0 {
        format!(
            "{}{}",
            tr("reading the directory"),
            settings.glyphs().ellipsis
        )
    } else {
        trf(
            "{done} / {total} files · {secs}s",
            &[
                ("done", &done),
                ("total", &total),
                ("secs", &format!("{:.1}", elapsed.as_secs_f64())),
            ],
        )
    };
    let g = ratatui::widgets::Gauge::default()
        .block(block)
        .gauge_style(theme.focus_border)
        .ratio(ratio)
        .label(label)
        .use_unicode(!settings.ascii);
    f.render_widget(g, r);
}
