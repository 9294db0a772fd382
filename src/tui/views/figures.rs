//! The figures: one horizontal bar chart per kind of figure (comparable bars
//! only), bars colored by bloc, and the selected figure's claim under them.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Paragraph};

use super::{TextStyles, boxed, source_label, wrap_styled};
use crate::figures::Kind;
use crate::text::term_safe;
use crate::tui::app::App;

/// How many rows the claim under the charts takes, borders included.
const DETAIL: u16 = 6;

fn scale(kind: Kind) -> f64 {
    // Bars take whole numbers: prices and scores keep two decimals.
    match kind {
        Kind::TokenPrice | Kind::Score => 100.0,
        Kind::Amount | Kind::Ratio => 1.0,
    }
}

/// Draws the figures view.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let figures = app.figures();
    if figures.order.is_empty() {
        f.render_widget(boxed(app, Line::from(" Figures "), true), area);
        return;
    }
    let detail_h = if area.height >= 14 { DETAIL } else { 0 };
    let charts = Rect::new(area.x, area.y, area.width, area.height - detail_h);
    let heights: Vec<u16> = figures
        .groups
        .iter()
        .map(|(_, idx)| idx.len() as u16 + 2)
        .collect();
    let sel_group = app.figure_group_of(app.figures_view.sel);
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
    let selected = figures.order.get(app.figures_view.sel).copied();
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
        let title = Line::from(Span::styled(format!(" {} ", kind.title()), theme.title));
        let block = boxed(app, title, g == sel_group);
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
                    .value((fig.group_value * scale(*kind)).round().max(0.0) as u64)
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
            .bar_set(app.settings.bars());
        f.render_widget(chart, r);
        y += h;
    }
    if detail_h > 0
        && let Some(i) = selected
    {
        draw_detail(
            app,
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

fn draw_detail(app: &App, f: &mut Frame, area: Rect, i: usize) {
    let theme = app.theme;
    let fig = &app.figures().all[i];
    let Some(claim) = app.corpus.claim(&fig.claim) else {
        return;
    };
    let title = Line::from(vec![
        Span::styled(format!(" {} ", fig.display), theme.claim),
        Span::styled(format!("{} ", term_safe(&fig.subject)), theme.title),
    ]);
    let block = boxed(app, title, false);
    let inner = crate::tui::layout::padded(area);
    f.render_widget(block, area);
    let at = fig.raw.offset..fig.raw.offset + fig.raw.text.chars().count();
    let st = TextStyles {
        base: theme.text,
        matched: Style::new(),
        emphasis: theme.matched,
    };
    let mut lines = wrap_styled(&claim.text, inner.width, &[], Some(at), st);
    let room = usize::from(inner.height).saturating_sub(1);
    lines.truncate(room);
    lines.push(Line::from(Span::styled(
        format!(
            "{} · {}",
            source_label(app, claim, usize::from(inner.width).saturating_sub(10)),
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
