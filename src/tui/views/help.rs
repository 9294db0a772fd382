//! The help overlay, generated from the keymap the app uses.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use unicode_width::UnicodeWidthStr;

use super::{Cx, boxed};
use crate::i18n::tr;
use crate::tui::keymap::{Context, HELP_ORDER, Keymap, help_rows};
use crate::tui::layout;

/// The help text: a heading per context, then its keys and what they do.
pub fn lines(keymap: &Keymap) -> Vec<(Option<&'static str>, String, &'static str)> {
    let mut out = Vec::new();
    for ctx in HELP_ORDER.into_iter().filter(|c| *c != Context::Help) {
        out.push((Some(tr(ctx.title())), String::new(), ""));
        for (keys, help) in help_rows(keymap.bindings(), ctx) {
            let keys = crate::tui::keymap::keys_label(&keys);
            out.push((None, keys, tr(help)));
        }
    }
    out
}

/// The rows the overlay can scroll in a terminal of `size`, and its page.
pub fn scroll_room(keymap: &Keymap, size: (u16, u16)) -> (u16, u16) {
    let inner = layout::padded(layout::help(Rect::new(0, 0, size.0, size.1)));
    let groups = HELP_ORDER.len().saturating_sub(2);
    let rows = lines(keymap).len() + groups;
    let max = rows.saturating_sub(usize::from(inner.height));
    (u16::try_from(max).unwrap_or(u16::MAX), inner.height.max(1))
}

/// Draws the overlay, scrolled down `scroll` rows.
pub fn draw(cx: &Cx, keymap: &Keymap, scroll: u16, f: &mut Frame, area: Rect) {
    let theme = cx.theme;
    let r = layout::help(area);
    if r.width < 4 || r.height < 3 {
        return;
    }
    f.render_widget(Clear, r);
    let title = Line::from(Span::styled(
        format!(" {} ", tr("Keys (Esc or ? to close)")),
        theme.title,
    ));
    f.render_widget(boxed(cx, title, true, r.width), r);
    let inner = layout::padded(r);
    let items = lines(keymap);
    let kw = items
        .iter()
        .map(|(_, k, _)| k.width())
        .max()
        .unwrap_or(4)
        .min(22)
        .min(usize::from(inner.width) / 2);
    let mut out = Vec::new();
    for (head, keys, help) in items {
        match head {
            Some(h) => {
                if !out.is_empty() {
                    out.push(Line::default());
                }
                out.push(Line::from(Span::styled(h, theme.claim)));
            }
            None => {
                // What does not fit ends in an ellipsis.
                let room = usize::from(inner.width).saturating_sub(keys.width().max(kw) + 4);
                let ell = cx.settings.glyphs().ellipsis;
                let shown = crate::text::cut_to_width(help, room, ell).into_owned();
                out.push(Line::from(vec![
                    Span::styled(format!("  {keys:<kw$}  "), theme.title),
                    Span::styled(shown, theme.text),
                ]))
            }
        }
    }
    let max = out.len().saturating_sub(usize::from(inner.height));
    let scroll = usize::from(scroll).min(max) as u16;
    f.render_widget(Paragraph::new(out).scroll((scroll, 0)), inner);
}
