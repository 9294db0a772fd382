//! The search view: a prompt with live results, matches highlighted in the
//! original text. Each edit asks the worker for a ranking ([`Effect::Search`]);
//! results come back as snapshots tagged with their request's generation.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{
    Cx, Effect, ListState, TextStyles, badges, boxed, draw_entry, entry_height, is_motion, page,
    source_label, wrap_styled,
};
use crate::i18n::{tr, trf};
use crate::search::worker::Snapshot;
use crate::search::{Hit, Query};
use crate::text::term_safe;
use crate::tui::keymap::Action;
use crate::tui::layout;

/// How many search results are ranked and kept.
pub const SEARCH_LIMIT: usize = 500;

/// Deletes the word before the cursor (the end of `s`).
pub fn delete_word(s: &mut String) {
    let t = s.trim_end().len();
    s.truncate(t);
    let cut = s.rfind(' ').map(|i| i + 1).unwrap_or(0);
    s.truncate(cut);
}

/// The search prompt and results.
#[derive(Debug, Clone, Default)]
pub struct SearchView {
    /// The query as typed.
    pub input: String,
    /// Results, best first.
    pub hits: Vec<Hit>,
    /// Selection and scroll.
    pub list: ListState,
    /// Generation of the latest query sent.
    pub generation: u64,
    /// True until the results of the latest query arrive.
    pub pending: bool,
    /// A problem with the query (unknown bloc).
    pub problem: Option<String>,
    /// How many claims matched, once the ranking is complete.
    pub matched: Option<usize>,
    /// The generation whose results are shown.
    pub shown: u64,
    /// Earlier queries, oldest first, without repeats in a row.
    pub history: Vec<String>,
    /// While Up walks the history: the entry shown.
    pub recall: Option<usize>,
    /// The query shown was not typed in this prompt (a restored session):
    /// the first typed char starts a new one, as in a selected text field.
    pub stale: bool,
}

/// How many earlier queries are kept.
pub const HISTORY: usize = 100;

/// A query's problem, in the reader's language.
fn problem_text(p: &crate::search::Problem) -> String {
    match p {
        crate::search::Problem::UnknownBloc { code, known } => trf(
            "unknown bloc @{code} (known: {known})",
            &[("code", code), ("known", &known.join(", "))],
        ),
    }
}

impl SearchView {
    /// Asks for the ranking of the current input.
    pub fn request(&mut self, cx: &Cx, out: &mut Vec<Effect>) {
        self.generation += 1;
        self.pending = true;
        let q = Query::parse(&self.input, &cx.corpus().lexicon);
        self.problem = q.problems.first().map(problem_text);
        out.push(Effect::Search {
            generation: self.generation,
            query: self.input.clone(),
        });
    }

    /// The prompt opens, as fzf's does, empty: the query before goes to the
    /// history, one Up away.
    pub fn opened(&mut self, cx: &Cx, out: &mut Vec<Effect>) {
        let had = !self.input.is_empty();
        self.remember();
        self.input.clear();
        self.recall = None;
        self.stale = false;
        if self.generation == 0 || had {
            self.request(cx, out);
        }
    }

    /// Puts the query in the history (not twice in a row).
    pub fn remember(&mut self) {
        let q = self.input.trim();
        if q.is_empty() || self.history.last().is_some_and(|h| h == q) {
            return;
        }
        self.history.push(q.to_string());
        if self.history.len() > HISTORY {
            self.history.remove(0);
        }
    }

    /// Up at the top of the results of an empty or recalled query: the
    /// query before it.
    fn recall_older(&mut self, cx: &Cx, out: &mut Vec<Effect>) -> bool {
        let at = self.recall.unwrap_or(self.history.len());
        if at == 0 {
            return false;
        }
        self.recall = Some(at - 1);
        self.input = self.history[at - 1].clone();
        self.stale = false;
        self.request(cx, out);
        true
    }

    /// Sets the query and asks for its ranking (session restore, render):
    /// its results are shown, and typing starts a new query.
    pub fn set_query(&mut self, cx: &Cx, q: &str, out: &mut Vec<Effect>) {
        self.input = q.to_string();
        self.stale = !q.is_empty();
        self.request(cx, out);
    }

    /// The selected result's claim.
    pub fn selected_claim(&self) -> Option<usize> {
        self.hits.get(self.list.sel).map(|h| h.claim)
    }

    /// Results from the worker, partial or complete; stale generations are
    /// dropped. The selection stays where it was within one query.
    pub fn snapshot(&mut self, s: Snapshot) -> bool {
        if s.generation != self.generation {
            return false;
        }
        if self.shown != s.generation {
            self.list = ListState::default();
            self.shown = s.generation;
        }
        self.hits = s.hits;
        self.matched = s.matched;
        self.pending = !s.complete;
        self.list.sel = self.list.sel.min(self.hits.len().saturating_sub(1));
        true
    }

    fn list_rect(cx: &Cx) -> Rect {
        layout::search(cx.body()).1
    }

    fn scroll(&mut self, cx: &Cx) -> bool {
        let r = Self::list_rect(cx);
        let claims = &cx.corpus().claims;
        let hits = &self.hits;
        self.list.follow(usize::from(r.height), |k| {
            entry_height(&claims.text(hits[k].claim), r.width, cx.settings.ascii)
        })
    }

    /// Moves the selection in the results (never the history, as Up on
    /// an empty prompt does).
    fn move_by(&mut self, cx: &Cx, m: &Action) -> bool {
        let moved = self
            .list
            .step(m, self.hits.len(), page(Self::list_rect(cx).height));
        self.scroll(cx) | moved
    }

    /// "3/500" in the results.
    pub fn position(&self) -> Option<(usize, usize)> {
        let n = self.hits.len();
        (n > 0).then(|| (self.list.sel + 1, n))
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        match a {
            // (The wheel only moves the results.)
            Action::Up
                if self.list.sel == 0 && (self.input.is_empty() || self.recall.is_some()) =>
            {
                self.recall_older(cx, out)
            }
            a if super::is_edit(a) => {
                self.recall = None;
                if std::mem::take(&mut self.stale) {
                    // The restored query goes to the history, the typed
                    // char (or paste) starts a new one.
                    self.remember();
                    if matches!(a, Action::Input(_) | Action::Paste(_)) {
                        self.input.clear();
                    }
                }
                let e = super::edit_input(&mut self.input, a);
                out.extend(e.message());
                if e.changed {
                    self.request(cx, out);
                }
                e.changed || e.capped
            }
            m if is_motion(m) => self.move_by(cx, m),
            Action::WheelUp(..) => self.move_by(cx, &Action::Up),
            Action::WheelDown(..) => self.move_by(cx, &Action::Down),
            Action::Open => {
                if let Some(c) = self.selected_claim() {
                    self.remember();
                    out.push(Effect::Open(c));
                }
                false
            }
            Action::Click(x, y) => {
                let list = Self::list_rect(cx);
                if !layout::contains(list, *x, *y) {
                    return false;
                }
                let mut row = list.y;
                for (k, h) in self.hits.iter().enumerate().skip(self.list.offset) {
                    let eh = entry_height(
                        &cx.corpus().claims.text(h.claim),
                        list.width,
                        cx.settings.ascii,
                    ) as u16;
                    if *y < row + eh {
                        self.list.sel = k;
                        break;
                    }
                    row += eh;
                }
                true
            }
            _ => false,
        }
    }

    /// Draws the search view.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let g = cx.settings.glyphs();
        let (prompt, list) = layout::search(area);
        let total = cx.corpus().claims.len();
        let count = match (self.pending, self.matched) {
            (true, _) => format!("{}{}", tr("ranking"), g.ellipsis),
            (false, Some(m)) if m > self.hits.len() => trf(
                "{shown}/{m} of {total}",
                &[("shown", &self.hits.len()), ("m", &m), ("total", &total)],
            ),
            _ => format!("{}/{total}", self.hits.len()),
        };
        let mut spans = vec![
            Span::styled("> ", theme.focus_border),
            Span::styled(term_safe(&self.input).into_owned(), theme.title),
            Span::styled("_", theme.dim),
            Span::styled(format!("  {count}"), theme.dim),
        ];
        if let Some(p) = &self.problem {
            spans.push(Span::styled(format!("  {}", term_safe(p)), theme.warn));
        }
        f.render_widget(Paragraph::new(Line::from(spans)), prompt);
        let outer = Rect::new(
            list.x.saturating_sub(1),
            list.y.saturating_sub(1),
            list.width + 2,
            list.height + 2,
        );
        let title = Line::from(Span::styled(format!(" {} ", tr("results")), theme.title));
        f.render_widget(boxed(cx, title, true, outer.width), outer);
        if self.hits.is_empty() {
            let msg = if self.pending { "" } else { tr("no match") };
            f.render_widget(
                Paragraph::new(Span::styled(msg, theme.dim)).wrap(Wrap { trim: true }),
                list,
            );
            return;
        }
        let q = Query::parse(&self.input, &cx.corpus().lexicon);
        let mut y = list.y;
        let text_w = list.width.saturating_sub(2);
        for (k, hit) in self.hits.iter().enumerate().skip(self.list.offset) {
            if y >= list.y + list.height {
                break;
            }
            let Some(claim) = cx.corpus().claims.get(hit.claim) else {
                break;
            };
            let selected = k == self.list.sel;
            // Match positions are computed for the rows on screen only.
            let hl = cx.index.indices(&q, &claim.text);
            let base = if selected { theme.selected } else { theme.text };
            let st = TextStyles {
                base,
                matched: theme.matched,
                emphasis: Style::new(),
                ascii: cx.settings.ascii,
            };
            let mut lines = wrap_styled(&claim.text, text_w, &hl, None, st);
            let mut src = badges(cx, &claim.blocs, &claim.context_blocs);
            let used: usize = src.iter().map(Span::width).sum();
            src.push(Span::styled(
                source_label(cx, &claim, usize::from(text_w).saturating_sub(used)),
                theme.dim,
            ));
            // Still too long (a narrow list): cut, with an ellipsis.
            let g = cx.settings.glyphs();
            lines.push(super::fit_line(
                Line::from(src),
                usize::from(text_w),
                g.ellipsis,
            ));
            y += draw_entry(cx, f, list, y, lines, selected);
        }
    }
}
