//! The home view: three panes US | China | EU (tabs below 100 columns), each
//! a list of claims, the focused one with a preview of the selected claim.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{TextStyles, badges, boxed, draw_entry, source_label, wrap_styled};
use crate::tui::app::{App, PANES};
use crate::tui::layout;

fn pane_name(app: &App, p: usize) -> String {
    let code = PANES[p];
    app.corpus
        .lexicon
        .bloc_index(code)
        .map(|i| app.corpus.lexicon.blocs[i].short.clone())
        .unwrap_or_else(|| code.to_uppercase())
}

/// Draws the bloc panes.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let wide = layout::wide(area.width);
    for (p, pane) in layout::panes(area, app.blocs.focus).iter().enumerate() {
        let Some(pane) = pane else { continue };
        let focused = p == app.blocs.focus;
        let title = if wide {
            let s = if focused { theme.title } else { theme.text };
            Line::from(vec![Span::styled(
                format!(" {} {} ", pane_name(app, p), app.blocs.items[p].len()),
                s,
            )])
        } else {
            // Stacked: the title is a tab bar of the three panes.
            let mut spans = Vec::new();
            for q in 0..3 {
                let s = if q == p { theme.selected } else { theme.dim };
                spans.push(Span::styled(
                    format!(
                        " {} {} {} ",
                        q + 1,
                        pane_name(app, q),
                        app.blocs.items[q].len()
                    ),
                    s,
                ));
            }
            Line::from(spans)
        };
        let mut block = boxed(app, title, focused);
        if let Some(e) = app.blocs.filter.and_then(|e| app.corpus.events.get(e)) {
            block = block.title_bottom(Line::from(Span::styled(
                format!(" event: {} ", e.title),
                theme.warn,
            )));
        }
        f.render_widget(block, pane.outer);
        draw_list(app, f, p, pane.list, focused);
        if let Some(pr) = pane.preview {
            draw_preview(app, f, pr);
        }
    }
}

fn draw_list(app: &App, f: &mut Frame, p: usize, area: Rect, focused: bool) {
    let theme = app.theme;
    let items = &app.blocs.items[p];
    if items.is_empty() {
        let msg = if app.blocs.filter.is_some() {
            "no claim of this event here"
        } else {
            "no claim"
        };
        f.render_widget(Paragraph::new(Span::styled(msg, theme.dim)), area);
        return;
    }
    let mut y = area.y;
    let text_w = area.width.saturating_sub(2);
    for (k, &c) in items.iter().enumerate().skip(app.blocs.offset[p]) {
        if y >= area.y + area.height {
            break;
        }
        let claim = &app.corpus.claims[c];
        let selected = k == app.blocs.sel[p];
        let base = match (selected, focused) {
            (true, true) => theme.selected,
            (true, false) => theme.selected_unfocused,
            _ => theme.text,
        };
        let st = TextStyles {
            base,
            matched: Style::new(),
            emphasis: Style::new(),
        };
        let mut lines = wrap_styled(&claim.text, text_w, &[], None, st);
        let label = source_label(app, claim, usize::from(text_w));
        lines.push(Line::from(Span::styled(label, theme.dim)));
        let h = draw_entry(app, f, area, y, lines, selected && focused);
        y += h;
    }
}

fn draw_preview(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let g = app.settings.glyphs();
    let Some(c) = app.selected_claim() else {
        return;
    };
    let claim = &app.corpus.claims[c];
    let Some(article) = app.corpus.article_of(claim) else {
        return;
    };
    let rule = g.axis.repeat(usize::from(area.width));
    let mut lines = vec![Line::from(Span::styled(rule, theme.border))];
    let mut meta = badges(app, &claim.blocs);
    if !claim.topics.is_empty() {
        meta.push(Span::styled(claim.topics.join(", "), theme.dim));
    }
    lines.push(Line::from(meta));
    let n = claim.id.rsplit('#').next().unwrap_or_default();
    let label = source_label(
        app,
        claim,
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
        matched: Style::new(),
        emphasis: theme.claim,
    };
    lines.extend(wrap_styled(&para, area.width, &[], Some(emph.clone()), st));
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
