//! The search view: a prompt with live results, matches highlighted in the
//! original text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{TextStyles, badges, boxed, draw_entry, source_label, wrap_styled};
use crate::search::Query;
use crate::text::term_safe;
use crate::tui::app::App;
use crate::tui::layout;

/// Draws the search view.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let g = app.settings.glyphs();
    let (prompt, list) = layout::search(area);
    let s = &app.search;
    let count = match (s.pending, s.matched) {
        (true, _) => format!("ranking{}", g.ellipsis),
        (false, Some(m)) if m > s.hits.len() => {
            format!("{}/{m} of {}", s.hits.len(), app.corpus.claims.len())
        }
        _ => format!("{}/{}", s.hits.len(), app.corpus.claims.len()),
    };
    let mut spans = vec![
        Span::styled("> ", theme.focus_border),
        Span::styled(term_safe(&s.input).into_owned(), theme.title),
        Span::styled("_", theme.dim),
        Span::styled(format!("  {count}"), theme.dim),
    ];
    if let Some(p) = &s.problem {
        spans.push(Span::styled(format!("  {p}"), theme.warn));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), prompt);
    let outer = Rect::new(
        list.x.saturating_sub(1),
        list.y.saturating_sub(1),
        list.width + 2,
        list.height + 2,
    );
    let title = Line::from(Span::styled(" results ", theme.title));
    f.render_widget(boxed(app, title, true), outer);
    if s.hits.is_empty() {
        let msg = if s.pending { "" } else { "no match" };
        f.render_widget(Paragraph::new(Span::styled(msg, theme.dim)), list);
        return;
    }
    let q = Query::parse(&s.input, &app.corpus.lexicon);
    let mut y = list.y;
    let text_w = list.width.saturating_sub(2);
    for (k, hit) in s.hits.iter().enumerate().skip(s.offset) {
        if y >= list.y + list.height {
            break;
        }
        let claim = &app.corpus.claims[hit.claim];
        let selected = k == s.sel;
        // Match positions are computed for the rows on screen only.
        let hl = app.index.indices(&q, &claim.text);
        let base = if selected { theme.selected } else { theme.text };
        let st = TextStyles {
            base,
            matched: theme.matched,
            emphasis: Style::new(),
        };
        let mut lines = wrap_styled(&claim.text, text_w, &hl, None, st);
        let mut src = badges(app, &claim.blocs);
        src.push(Span::styled(
            source_label(app, claim, usize::from(text_w).saturating_sub(12)),
            theme.dim,
        ));
        lines.push(Line::from(src));
        let h = draw_entry(app, f, list, y, lines, selected);
        y += h;
    }
}
