//! The home view: one pane per bloc of the config's `panes` (side by side
//! when they fit, tabs otherwise), each a list of the claims of its bloc, the
//! focused one with a preview of the selected claim.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{
    Cx, Effect, ListState, TextStyles, badges, bloc_label, boxed, draw_entry, entry_height,
    is_motion, page, reasons_line, source_label, wrap_styled,
};
use crate::i18n::{tr, trf};
use crate::text::term_safe;
use crate::tui::keymap::Action;
use crate::tui::layout;

/// One pane: a bloc and the claims listed in it.
#[derive(Debug, Clone, Default)]
pub struct Pane {
    /// The bloc's code.
    pub code: String,
    /// Claim indices, in reading order.
    pub items: Vec<usize>,
    /// Selection and scroll.
    pub list: ListState,
}

/// The bloc panes.
#[derive(Debug, Clone, Default)]
pub struct BlocsView {
    /// The panes, in the config's order.
    pub panes: Vec<Pane>,
    /// The focused pane.
    pub focus: usize,
    /// The timeline event the panes are filtered to.
    pub filter: Option<usize>,
}

impl BlocsView {
    /// Panes for these bloc codes, filled from the corpus.
    pub fn new(cx: &Cx, codes: &[String]) -> Self {
        let mut v = BlocsView {
            panes: codes
                .iter()
                .map(|c| Pane {
                    code: c.clone(),
                    ..Pane::default()
                })
                .collect(),
            focus: 0,
            filter: None,
        };
        v.fill(cx);
        v
    }

    /// Lists each pane's claims (only the filter event's, when there is one),
    /// selections back at the top.
    pub fn fill(&mut self, cx: &Cx) {
        let corpus = cx.corpus();
        let filter: Option<Vec<usize>> =
            self.filter.and_then(|e| cx.data.events().get(e)).map(|ev| {
                ev.sources
                    .iter()
                    .filter_map(|s| s.claim.as_deref())
                    .filter_map(|id| corpus.claim_index(id))
                    .collect()
            });
        for pane in &mut self.panes {
            pane.items = corpus
                .claims_in_bloc(&pane.code)
                .into_iter()
                .filter(|i| filter.as_ref().is_none_or(|f| f.contains(i)))
                .collect();
            pane.list = ListState::default();
        }
    }

    /// Shows the claims of event `e` only.
    pub fn set_filter(&mut self, cx: &Cx, e: usize) {
        self.filter = Some(e);
        self.fill(cx);
    }

    /// The selected claim of the focused pane.
    pub fn selected_claim(&self) -> Option<usize> {
        let p = self.panes.get(self.focus)?;
        p.items.get(p.list.sel).copied()
    }

    /// Focuses the first pane that lists claim `c` and selects it there.
    pub fn select_claim(&mut self, cx: &Cx, c: usize) -> bool {
        let found = self
            .panes
            .iter()
            .enumerate()
            .find_map(|(p, pane)| pane.items.iter().position(|&x| x == c).map(|k| (p, k)));
        let Some((p, k)) = found else {
            return false;
        };
        self.focus = p;
        self.panes[p].list.sel = k;
        self.scroll(cx, p);
        true
    }

    /// Selects claim `c` in pane `p`, when it lists it (session restore).
    pub fn select_in(&mut self, cx: &Cx, p: usize, c: usize) {
        if let Some(k) = self
            .panes
            .get(p)
            .and_then(|pane| pane.items.iter().position(|&x| x == c))
        {
            self.panes[p].list.sel = k;
            self.scroll(cx, p);
        }
    }

    /// Focuses pane `p` (clamped to the panes there are).
    pub fn focus_pane(&mut self, cx: &Cx, p: usize) -> bool {
        let p = p.min(self.panes.len().saturating_sub(1));
        let changed = p != self.focus;
        self.focus = p;
        self.scroll(cx, p);
        changed
    }

    fn layout(&self, cx: &Cx) -> Vec<Option<layout::Pane>> {
        layout::panes(cx.body(), self.panes.len(), self.focus)
    }

    fn list_rect(&self, cx: &Cx, p: usize) -> Option<Rect> {
        self.layout(cx).get(p).copied().flatten().map(|r| r.list)
    }

    /// Keeps the selected entry of pane `p` in view.
    pub fn scroll(&mut self, cx: &Cx, p: usize) -> bool {
        let Some(r) = self.list_rect(cx, p) else {
            return false;
        };
        let Some(pane) = self.panes.get_mut(p) else {
            return false;
        };
        let claims = &cx.corpus().claims;
        let items = &pane.items;
        pane.list.follow(usize::from(r.height), |k| {
            entry_height(&claims.text(items[k]), r.width, cx.settings.ascii)
        })
    }

    /// Keeps every pane's selection in view (after a resize).
    pub fn scroll_all(&mut self, cx: &Cx) {
        for p in 0..self.panes.len() {
            self.scroll(cx, p);
        }
    }

    fn pane_at(&self, cx: &Cx, x: u16, y: u16) -> Option<usize> {
        self.layout(cx)
            .iter()
            .position(|p| p.is_some_and(|p| layout::contains(p.outer, x, y)))
    }

    /// "12/87" in the focused pane.
    pub fn position(&self) -> Option<(usize, usize)> {
        let p = self.panes.get(self.focus)?;
        (!p.items.is_empty()).then(|| (p.list.sel + 1, p.items.len()))
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        match a {
            m if is_motion(m) => {
                let p = self.focus;
                let pg = self.list_rect(cx, p).map(|r| page(r.height)).unwrap_or(1);
                let Some(pane) = self.panes.get_mut(p) else {
                    return false;
                };
                let moved = pane.list.step(m, pane.items.len(), pg);
                self.scroll(cx, p) | moved
            }
            Action::Left | Action::Right => {
                let p = if *a == Action::Left {
                    self.focus.saturating_sub(1)
                } else {
                    self.focus + 1
                };
                self.focus_pane(cx, p)
            }
            Action::Open => {
                if let Some(c) = self.selected_claim() {
                    out.push(Effect::Open(c));
                }
                false
            }
            Action::Back if self.filter.is_some() => {
                self.filter = None;
                self.fill(cx);
                out.push(Effect::Message(tr("filter cleared").into()));
                true
            }
            Action::Click(x, y) => self.click(cx, *x, *y),
            Action::WheelUp(x, y) | Action::WheelDown(x, y) => {
                if let Some(p) = self.pane_at(cx, *x, *y) {
                    self.focus = p;
                }
                let m = if matches!(a, Action::WheelDown(..)) {
                    Action::Down
                } else {
                    Action::Up
                };
                self.handle(cx, &m, out);
                true
            }
            _ => false,
        }
    }

    fn click(&mut self, cx: &Cx, x: u16, y: u16) -> bool {
        let Some(p) = self.pane_at(cx, x, y) else {
            return false;
        };
        self.focus = p;
        let Some(list) = self.list_rect(cx, p) else {
            return true;
        };
        if layout::contains(list, x, y) {
            let pane = &mut self.panes[p];
            let mut row = list.y;
            for (k, &c) in pane.items.iter().enumerate().skip(pane.list.offset) {
                let h =
                    entry_height(&cx.corpus().claims.text(c), list.width, cx.settings.ascii) as u16;
                if y < row + h {
                    pane.list.sel = k;
                    break;
                }
                row += h;
            }
        }
        self.scroll(cx, p);
        true
    }

    fn title(&self, cx: &Cx, p: usize) -> String {
        bloc_label(cx, &self.panes[p].code)
    }

    /// Draws the panes.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let wide = layout::wide(area.width, self.panes.len());
        for (p, pane) in layout::panes(area, self.panes.len(), self.focus)
            .iter()
            .enumerate()
        {
            let Some(pane) = pane else { continue };
            let focused = p == self.focus;
            let title = if wide {
                let s = if focused { theme.title } else { theme.text };
                Line::from(vec![Span::styled(
                    format!(" {} {} ", self.title(cx, p), self.panes[p].items.len()),
                    s,
                )])
            } else {
                // Stacked: the title is a tab bar of the panes.
                let mut spans = Vec::new();
                for q in 0..self.panes.len() {
                    let s = if q == p { theme.selected } else { theme.dim };
                    spans.push(Span::styled(
                        format!(
                            " {} {} {} ",
                            q + 1,
                            self.title(cx, q),
                            self.panes[q].items.len()
                        ),
                        s,
                    ));
                }
                Line::from(spans)
            };
            let mut block = boxed(cx, title, focused, pane.outer.width);
            if let Some(e) = self.filter.and_then(|e| cx.data.events().get(e)) {
                let line = Line::from(Span::styled(
                    format!(
                        " {} ",
                        trf("event: {title}", &[("title", &term_safe(&e.title))])
                    ),
                    theme.warn,
                ));
                let room = usize::from(pane.outer.width).saturating_sub(2);
                block =
                    block.title_bottom(super::fit_line(line, room, cx.settings.glyphs().ellipsis));
            }
            f.render_widget(block, pane.outer);
            self.draw_list(cx, f, p, pane.list, focused);
            if let Some(pr) = pane.preview {
                self.draw_preview(cx, f, pr);
            }
        }
    }

    fn draw_list(&self, cx: &Cx, f: &mut Frame, p: usize, area: Rect, focused: bool) {
        let theme = cx.theme;
        let pane = &self.panes[p];
        if pane.items.is_empty() {
            let msg = if self.filter.is_some() {
                tr("no claim of this event here")
            } else {
                tr("no claim")
            };
            f.render_widget(
                Paragraph::new(Span::styled(msg, theme.dim)).wrap(Wrap { trim: true }),
                area,
            );
            return;
        }
        let mut y = area.y;
        let text_w = area.width.saturating_sub(2);
        for (k, &c) in pane.items.iter().enumerate().skip(pane.list.offset) {
            if y >= area.y + area.height {
                break;
            }
            let Some(claim) = cx.corpus().claims.get(c) else {
                break;
            };
            let selected = k == pane.list.sel;
            let base = match (selected, focused) {
                (true, true) => theme.selected,
                (true, false) => theme.selected_unfocused,
                _ => theme.text,
            };
            let mut lines = wrap_styled(
                &claim.text,
                text_w,
                &[],
                None,
                TextStyles::plain(base, cx.settings.ascii),
            );
            let label = source_label(cx, &claim, usize::from(text_w));
            lines.push(Line::from(Span::styled(label, theme.dim)));
            y += draw_entry(cx, f, area, y, lines, selected && focused);
        }
    }

    fn draw_preview(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let g = cx.settings.glyphs();
        let Some(c) = self.selected_claim() else {
            return;
        };
        let Some(claim) = cx.corpus().claims.get(c) else {
            return;
        };
        let Some(article) = cx.corpus().article_of(&claim) else {
            return;
        };
        let rule = g.axis.repeat(usize::from(area.width));
        let mut lines = vec![Line::from(Span::styled(rule, theme.border))];
        let mut meta = badges(cx, &claim.blocs, &claim.context_blocs);
        if !claim.topics.is_empty() {
            meta.push(Span::styled(claim.topics.join(", "), theme.dim));
        }
        lines.push(Line::from(meta));
        if !claim.bloc_reasons.is_empty() {
            lines.push(reasons_line(cx, &claim));
        }
        let n = claim.id.rsplit('#').next().unwrap_or_default();
        let label = source_label(
            cx,
            &claim,
            usize::from(area.width).saturating_sub(n.len() + 4),
        );
        lines.push(Line::from(Span::styled(
            format!("#{n} · {label}"),
            theme.dim,
        )));
        let para = article.paragraph_text(claim.paragraph).unwrap_or_default();
        let pstart = article
            .paragraphs
            .get(claim.paragraph)
            .map(|r| r.start)
            .unwrap_or(0);
        let emph = (claim.start - pstart)..(claim.end - pstart);
        let st = TextStyles {
            base: theme.dim,
            matched: theme.claim.add_modifier(Modifier::UNDERLINED),
            emphasis: theme.claim,
            ascii: cx.settings.ascii,
        };
        // The words that name a bloc, underlined: why the claim is here.
        let triggers: Vec<usize> = cx
            .corpus()
            .lexicon
            .bloc_mentions(&claim.text)
            .into_iter()
            .flat_map(|(s, e, _)| (s + emph.start)..(e + emph.start))
            .collect();
        lines.extend(wrap_styled(
            &para,
            area.width,
            &triggers,
            Some(emph.clone()),
            st,
        ));
        // Keep the claim in view when the paragraph is longer than the preview.
        let before = wrap_styled(&para, area.width, &[], None, st)
            .iter()
            .scan(0usize, |acc, l| {
                let start = *acc;
                *acc += l
                    .spans
                    .iter()
                    .map(|s| s.content.chars().count())
                    .sum::<usize>();
                Some(start)
            })
            .take_while(|&s| s <= emph.start)
            .count()
            .saturating_sub(1);
        let room = usize::from(area.height).saturating_sub(3);
        let skip = if before + 1 > room {
            (before + 1 - room) as u16
        } else {
            0
        };
        let p = Paragraph::new(lines).wrap(Wrap { trim: false });
        let p = if skip > 0 { p.scroll((skip, 0)) } else { p };
        f.render_widget(p, area);
    }
}
