//! The figures: one horizontal bar chart per kind of figure (comparable bars
//! only), bars colored by bloc, and the selected figure's claim under them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph};

use super::{Cx, Effect, TextStyles, boxed, is_motion, source_label, step, wrap_styled};
use crate::dataset::Figures;
use crate::figures::{Group, Kind};
use crate::i18n::{tr, trf};
use crate::text::term_safe;
use crate::tui::keymap::Action;

/// How many rows the claim under the charts takes, borders included.
const DETAIL: u16 = 6;

fn scale(kind: &Group) -> f64 {
    // Bars take whole numbers: prices, percentages and scores keep two
    // decimals.
    match kind.kind {
        Kind::TokenPrice | Kind::Score | Kind::Percent => 100.0,
        Kind::Amount | Kind::Ratio => 1.0,
    }
}

/// The figures, when the view may have them: at once without a worker,
/// else once the worker found them.
fn figures_of<'a>(cx: &Cx<'a>) -> Option<&'a Figures> {
    if cx.figures_on_worker {
        cx.data.figures_if_found()
    } else {
        Some(cx.data.figures())
    }
}

/// The figures view: which bar is selected, in `Figures::order`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FiguresView {
    /// Index into `Figures::order`.
    pub sel: usize,
}

impl FiguresView {
    /// The claim of the selected figure.
    pub fn selected_claim(&self, cx: &Cx) -> Option<usize> {
        let f = figures_of(cx)?;
        f.order
            .get(self.sel)
            .and_then(|&i| cx.corpus().claim_index(&f.all[i].claim))
    }

    /// The view opens: keep the selection among the figures there are.
    pub fn opened(&mut self, cx: &Cx) {
        let Some(figs) = figures_of(cx) else {
            return;
        };
        let n = figs.order.len();
        self.sel = self.sel.min(n.saturating_sub(1));
    }

    /// Selects the first figure of claim `id`.
    pub fn select_claim(&mut self, cx: &Cx, id: &str) {
        let Some(figs) = figures_of(cx) else {
            return;
        };
        if let Some(p) = figs.order.iter().position(|&i| figs.all[i].claim == id) {
            self.sel = p;
        }
    }

    /// "3/12" figures.
    pub fn position(&self, cx: &Cx) -> Option<(usize, usize)> {
        let n = figures_of(cx)?.order.len();
        (n > 0).then(|| (self.sel + 1, n))
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        let Some(figs) = figures_of(cx) else {
            return false;
        };
        let before = self.sel;
        match a {
            m if is_motion(m) => self.sel = step(self.sel, m, figs.order.len(), 5),
            Action::WheelUp(..) => return self.handle(cx, &Action::Up, out),
            Action::WheelDown(..) => return self.handle(cx, &Action::Down, out),
            Action::Left | Action::Right => {
                let g = figs.group_of(self.sel);
                let g = if *a == Action::Left {
                    g.checked_sub(1)
                } else {
                    Some(g + 1).filter(|&g| g < figs.groups.len())
                };
                if let Some(g) = g {
                    self.sel = figs.group_start(g);
                }
            }
            Action::Open => {
                if let Some(c) = self.selected_claim(cx) {
                    out.push(Effect::Open(c));
                }
            }
            _ => {}
        }
        self.sel != before
    }

    /// Draws the figures view.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let Some(figures) = figures_of(cx) else {
            // Found by the worker, in a moment: say so, and wait.
            let block = boxed(
                cx,
                Line::from(format!(" {} ", tr("Figures"))),
                true,
                area.width,
            );
            let inner = block.inner(area);
            f.render_widget(block, area);
            let n = cx.corpus().claims.len();
            f.render_widget(
                Paragraph::new(trf("reading the figures of {n} claims…", &[("n", &n)]))
                    .style(cx.theme.dim),
                inner,
            );
            return;
        };
        if figures.order.is_empty() {
            f.render_widget(
                boxed(
                    cx,
                    Line::from(format!(" {} ", tr("Figures"))),
                    true,
                    area.width,
                ),
                area,
            );
            return;
        }
        let detail_h = if area.height >= 14 { DETAIL } else { 0 };
        let charts = Rect::new(area.x, area.y, area.width, area.height - detail_h);
        let heights: Vec<u16> = figures
            .groups
            .iter()
            .map(|(_, idx)| idx.len() as u16 + 2)
            .collect();
        let sel_group = figures.group_of(self.sel);
        // The window of groups to show: the selected one, then as many around it
        // as fit, earlier ones first.
        let (mut first, mut last) = (sel_group, sel_group);
        let mut used = heights[sel_group];
        while first > 0 && used + heights[first - 1] <= charts.height {
            first -= 1;
            used += heights[first];
        }
        while last + 1 < heights.len() && used + heights[last + 1] <= charts.height {
            last += 1;
            used += heights[last];
        }
        let selected = figures.order.get(self.sel).copied();
        let mut y = charts.y;
        for (g, ((kind, idx), &gh)) in figures
            .groups
            .iter()
            .zip(&heights)
            .enumerate()
            .skip(first)
            .take(last + 1 - first)
        {
            let h = gh.min(charts.y + charts.height - y);
            if h < 3 {
                break;
            }
            let r = Rect::new(charts.x, y, charts.width, h);
            let title = Line::from(Span::styled(
                format!(" {} ", kind.title_in(crate::i18n::tr_dyn)),
                theme.title,
            ));
            let block = boxed(cx, title, g == sel_group, r.width);
            let label_w = usize::from(charts.width / 4).clamp(6, 18);
            let bars: Vec<Bar> = idx
                .iter()
                .map(|&i| {
                    let fig = &figures.all[i];
                    let mut style = fig
                        .bloc
                        .as_deref()
                        .map(|b| theme.bloc(b))
                        .unwrap_or(theme.text);
                    if Some(i) == selected {
                        style = style.add_modifier(Modifier::REVERSED);
                    }
                    let label: String = term_safe(&fig.subject).chars().take(label_w).collect();
                    Bar::default()
                        .value((fig.group_value * scale(kind)).round().max(0.0) as u64)
                        .label(Line::from(format!("{label:<label_w$}")))
                        .text_value(fig.display.clone())
                        .style(style)
                        .value_style(style.add_modifier(Modifier::REVERSED))
                })
                .collect();
            let chart = BarChart::horizontal(bars)
                .block(block)
                .bar_width(1)
                .bar_gap(0)
                .bar_set(cx.settings.bars());
            f.render_widget(chart, r);
            y += h;
        }
        if detail_h > 0
            && let Some(i) = selected
        {
            draw_detail(
                cx,
                f,
                Rect::new(
                    area.x,
                    area.y + area.height - detail_h,
                    area.width,
                    detail_h,
                ),
                i,
            );
        }
    }
}

fn draw_detail(cx: &Cx, f: &mut Frame, area: Rect, i: usize) {
    let theme = cx.theme;
    let Some(fig) = figures_of(cx).and_then(|f| f.all.get(i)) else {
        return;
    };
    let Some(claim) = cx.corpus().claim(&fig.claim) else {
        return;
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", fig.display), theme.claim),
        Span::styled(format!("{} ", term_safe(&fig.subject)), theme.title),
    ]);
    let block = boxed(cx, title, false, area.width);
    let inner = crate::tui::layout::padded(area);
    f.render_widget(block, area);
    let at = fig.raw.offset..fig.raw.offset + fig.raw.text.chars().count();
    let st = TextStyles {
        base: theme.text,
        matched: Style::new(),
        emphasis: theme.matched,
        ascii: cx.settings.ascii,
    };
    let mut lines = wrap_styled(&claim.text, inner.width, &[], Some(at), st);
    let room = usize::from(inner.height).saturating_sub(1);
    lines.truncate(room);
    lines.push(Line::from(Span::styled(
        format!(
            "{} · {}",
            source_label(cx, &claim, usize::from(inner.width).saturating_sub(10)),
            claim
                .id
                .rsplit('#')
                .next()
                .map(|n| format!("#{n}"))
                .unwrap_or_default()
        ),
        theme.dim,
    )));
    f.render_widget(Paragraph::new(lines), inner);
}
