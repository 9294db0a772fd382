//! The bookmarks: newest first, each with its note; orphaned ones (their
//! claim left the corpus) are kept and say so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{
    Cx, Effect, ListState, TextStyles, boxed, display, draw_entry, is_motion, wrap_styled,
};
use crate::i18n::{tr, trf};
use crate::store::{Place, Store};
use crate::text::{term_safe, wrap_ranges};
use crate::tui::keymap::Action;
use crate::tui::layout;

/// Bookmark indices, newest first.
pub fn order(store: &Store) -> Vec<usize> {
    let b = &store.state.bookmarks;
    let mut order: Vec<usize> = (0..b.len()).collect();
    order.sort_by(|&x, &y| b[y].created.cmp(&b[x].created).then(y.cmp(&x)));
    order
}

/// Rows a bookmark entry takes in a list `width` wide: text, note, source.
pub fn height(store: &Store, b: usize, width: u16, ascii: bool) -> usize {
    let bm = &store.state.bookmarks[b];
    let w = usize::from(width.saturating_sub(2)).max(1);
    let text = wrap_ranges(&display(&bm.text, ascii).0, w).len();
    let note = bm
        .note
        .as_deref()
        .map(|n| wrap_ranges(&display(n, ascii).0, w.saturating_sub(2).max(1)).len())
        .unwrap_or(0);
    text + note + 1
}

/// The bookmarks list.
#[derive(Debug, Clone, Default)]
pub struct BookmarksView {
    /// Selection and scroll, over the bookmarks newest first.
    pub list: ListState,
}

impl BookmarksView {
    /// The selected bookmark (its index in the store).
    pub fn selected(&self, cx: &Cx) -> Option<usize> {
        order(cx.store).get(self.list.sel).copied()
    }

    /// The selected bookmark's claim, unless it is orphaned.
    pub fn selected_claim(&self, cx: &Cx) -> Option<usize> {
        match cx.places.get(self.selected(cx)?)? {
            Place::Here(c) | Place::Moved(c) => Some(*c),
            Place::Orphaned => None,
        }
    }

    /// Keeps the selection among the bookmarks there are (one was removed).
    pub fn clamp(&mut self, cx: &Cx) {
        let n = cx.store.state.bookmarks.len();
        self.list.sel = self.list.sel.min(n.saturating_sub(1));
    }

    fn scroll(&mut self, cx: &Cx) -> bool {
        let list = layout::bookmarks(cx.body());
        let order = order(cx.store);
        self.list.follow(usize::from(list.height), |k| {
            height(cx.store, order[k], list.width, cx.settings.ascii)
        })
    }

    /// "2/5" bookmarks.
    pub fn position(&self, cx: &Cx) -> Option<(usize, usize)> {
        let n = cx.store.state.bookmarks.len();
        (n > 0).then(|| (self.list.sel + 1, n))
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        match a {
            m if is_motion(m) => {
                let moved = self.list.step(m, cx.store.state.bookmarks.len(), 5);
                self.scroll(cx) | moved
            }
            Action::WheelUp(..) => self.handle(cx, &Action::Up, out),
            Action::WheelDown(..) => self.handle(cx, &Action::Down, out),
            Action::Open => {
                if self.selected(cx).is_some() {
                    out.push(match self.selected_claim(cx) {
                        Some(c) => Effect::Open(c),
                        None => Effect::Message(
                            tr("this claim is no longer in the corpus (orphaned)").into(),
                        ),
                    });
                }
                false
            }
            _ => false,
        }
    }

    /// Draws the bookmarks view.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let g = cx.settings.glyphs();
        let outer = Rect::new(area.x, area.y, area.width, area.height);
        let n = cx.store.state.bookmarks.len();
        let count = crate::i18n::plural(n, tr("1 bookmark"), trf("{n} bookmarks", &[("n", &n)]));
        let saved = match &cx.store.path {
            Some(p) => format!(" {count} · {} ", crate::text::escape_path(p)),
            None => format!(" {count} {} ", tr("(not saved)")),
        };
        f.render_widget(
            boxed(
                cx,
                Line::from(Span::styled(saved, theme.title)),
                true,
                outer.width,
            ),
            outer,
        );
        let inner = layout::bookmarks(area);
        if n == 0 {
            let msg =
                tr("No bookmark yet: b bookmarks the selected claim in any view, a writes a note.");
            f.render_widget(
                Paragraph::new(Span::styled(msg, theme.dim)).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        let text_w = inner.width.saturating_sub(2);
        let mut y = inner.y;
        for (k, &b) in order(cx.store).iter().enumerate().skip(self.list.offset) {
            if y >= inner.y + inner.height {
                break;
            }
            let bm = &cx.store.state.bookmarks[b];
            let selected = k == self.list.sel;
            let orphan = matches!(cx.places.get(b), Some(Place::Orphaned) | None);
            let base = if selected { theme.selected } else { theme.text };
            let st = TextStyles {
                base,
                matched: Style::new(),
                emphasis: Style::new(),
                ascii: cx.settings.ascii,
            };
            let mut lines = wrap_styled(&bm.text, text_w, &[], None, st);
            if let Some(note) = &bm.note {
                let nst = TextStyles {
                    base: theme.claim,
                    ..st
                };
                for (i, l) in wrap_styled(note, text_w.saturating_sub(2), &[], None, nst)
                    .into_iter()
                    .enumerate()
                {
                    let mut spans =
                        vec![Span::styled(if i == 0 { "✎ " } else { "  " }, theme.claim)];
                    if cx.settings.ascii && i == 0 {
                        spans[0] = Span::styled("> ", theme.claim);
                    }
                    spans.extend(l.spans);
                    lines.push(Line::from(spans));
                }
            }
            // The title says which article: the claim's number says where
            // (the whole id only when the article is gone).
            let source = match cx.corpus().article(&bm.article) {
                Some(a) => {
                    let d = a.date.map(|d| format!(" · {d}")).unwrap_or_default();
                    let n = bm.claim.rsplit('#').next().unwrap_or_default();
                    let n = format!(" · #{}", term_safe(n));
                    let used = unicode_width::UnicodeWidthStr::width(d.as_str())
                        + unicode_width::UnicodeWidthStr::width(n.as_str());
                    let room = usize::from(text_w).saturating_sub(used);
                    format!(
                        "{}{d}{n}",
                        term_safe(&a.short_title_with(room.max(8), g.ellipsis)),
                    )
                }
                None => term_safe(&bm.claim).into_owned(),
            };
            let mut src = Vec::new();
            if orphan {
                src.push(Span::styled(
                    format!("[{}{}] ", tr("orphaned"), g.ellipsis),
                    theme.warn,
                ));
            }
            src.push(Span::styled(source, theme.dim));
            lines.push(super::fit_line(
                Line::from(src),
                usize::from(text_w),
                g.ellipsis,
            ));
            y += draw_entry(cx, f, inner, y, lines, selected);
        }
    }
}
