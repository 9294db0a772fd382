//! The help overlay, generated from the keymap the app uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::boxed;
use crate::tui::app::App;
use crate::tui::keymap::{Context, HELP_ORDER};
use crate::tui::layout;

/// The help text: every binding, grouped by context.
pub fn lines(app: &App) -> Vec<(Option<&'static str>, String, &'static str)> {
    let mut out = Vec::new();
    for ctx in HELP_ORDER.into_iter().filter(|c| *c != Context::Help) {
        out.push((Some(ctx.title()), String::new(), ""));
        for b in app.keymap.bindings().iter().filter(|b| b.context == ctx) {
            out.push((None, b.keys.join(" "), b.help));
        }
    }
    out
}

/// Draws the overlay.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let r = layout::help(area);
    if r.width < 4 || r.height < 3 {
        return;
    }
    f.render_widget(Clear, r);
    let title = Line::from(Span::styled(" Keys (Esc or ? to close) ", theme.title));
    f.render_widget(boxed(app, title, true), r);
    let inner = crate::tui::layout::padded(r);
    let items = lines(app);
    let kw = items
        .iter()
        .map(|(_, k, _)| k.width())
        .max()
        .unwrap_or(4)
        .min(22);
    let mut out = Vec::new();
    for (head, keys, help) in items {
        match head {
            Some(h) => {
                if !out.is_empty() {
                    out.push(Line::default());
                }
                out.push(Line::from(Span::styled(h, theme.claim)));
            }
            None => out.push(Line::from(vec![
                Span::styled(format!("  {keys:<kw$}  "), theme.title),
                Span::styled(help, theme.text),
            ])),
        }
    }
    let max = out.len().saturating_sub(usize::from(inner.height));
    let scroll = usize::from(app.help.unwrap_or(0)).min(max) as u16;
    f.render_widget(Paragraph::new(out).scroll((scroll, 0)), inner);
}
