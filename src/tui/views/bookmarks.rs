//! The bookmarks: newest first, each with its note; orphaned ones (their
//! claim left the corpus) are kept and say so.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{TextStyles, boxed, draw_entry, wrap_styled};
use crate::store::Place;
use crate::text::term_safe;
use crate::tui::app::App;
use crate::tui::layout;

/// Draws the bookmarks view.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let g = app.settings.glyphs();
    let outer = Rect::new(area.x, area.y, area.width, area.height);
    let n = app.store.state.bookmarks.len();
    let saved = match &app.store.path {
        Some(p) => format!(
            " {n} bookmark{} · {} ",
            if n == 1 { "" } else { "s" },
            p.display()
        ),
        None => format!(
            " {n} bookmark{} (not saved) ",
            if n == 1 { "" } else { "s" }
        ),
    };
    f.render_widget(
        boxed(app, Line::from(Span::styled(saved, theme.title)), true),
        outer,
    );
    let inner = layout::bookmarks(area);
    if n == 0 {
        let msg = "No bookmark yet: b bookmarks the selected claim in any view, a writes a note.";
        f.render_widget(Paragraph::new(Span::styled(msg, theme.dim)), inner);
        return;
    }
    let text_w = inner.width.saturating_sub(2);
    let mut y = inner.y;
    for (k, &b) in app
        .bookmark_order()
        .iter()
        .enumerate()
        .skip(app.bookmarks_view.offset)
    {
        if y >= inner.y + inner.height {
            break;
        }
        let bm = &app.store.state.bookmarks[b];
        let selected = k == app.bookmarks_view.sel;
        let orphan = matches!(app.places.get(b), Some(Place::Orphaned) | None);
        let base = if selected { theme.selected } else { theme.text };
        let st = TextStyles {
            base,
            matched: Style::new(),
            emphasis: Style::new(),
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
                let mut spans = vec![Span::styled(if i == 0 { "✎ " } else { "  " }, theme.claim)];
                if app.settings.ascii && i == 0 {
                    spans[0] = Span::styled("> ", theme.claim);
                }
                spans.extend(l.spans);
                lines.push(Line::from(spans));
            }
        }
        let source = match app.corpus.article(&bm.article) {
            Some(a) => {
                let d = a.date.map(|d| format!(" · {d}")).unwrap_or_default();
                format!(
                    "{}{d} · {}",
                    term_safe(&a.short_title(usize::from(text_w) / 2)),
                    bm.claim
                )
            }
            None => bm.claim.clone(),
        };
        let mut src = Vec::new();
        if orphan {
            src.push(Span::styled(
                format!("[orphaned{}] ", g.ellipsis),
                theme.warn,
            ));
        }
        src.push(Span::styled(source, theme.dim));
        lines.push(Line::from(src));
        y += draw_entry(app, f, inner, y, lines, selected);
    }
}
