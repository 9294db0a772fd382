//! One frame of the explorer: the tab bar, the current view, the status
//! line and the help overlay. Only reads the app's state.

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

use super::app::App;
use super::keymap::key_label;
use super::layout;
use super::views::{Cx, help};
use crate::i18n::{tr, trf};
use crate::text::term_safe;
use crate::view::View;

/// Draws one frame of the app.
pub fn draw(app: &App, f: &mut Frame) {
    // A hidden switch for the tests of the panic path: debug builds (and the
    // `debug-panic` feature) only.
    #[cfg(any(debug_assertions, feature = "debug-panic"))]
    if std::env::var_os("TRIPTYQUE_PANIC_ON_DRAW").is_some() {
        panic!("TRIPTYQUE_PANIC_ON_DRAW is set: a test asked this draw to panic");
    }
    let area = f.area();
    if layout::too_small(area.width, area.height) {
        let full = trf(
            "terminal too small ({w}x{h})",
            &[("w", &area.width), ("h", &area.height)],
        );
        let msg = [full.as_str(), tr("too small"), tr("small"), "!"]
            .into_iter()
            .find(|m| m.width() <= usize::from(area.width))
            .unwrap_or("");
        let p = Paragraph::new(msg).alignment(Alignment::Center);
        let y = area.height / 2;
        f.render_widget(
            p,
            Rect::new(area.x, area.y + y, area.width, 1.min(area.height)),
        );
        return;
    }
    let cx = app.cx();
    let fr = layout::frame(area.width, area.height);
    draw_tabs(app, &cx, f, fr.tabs);
    match app.view {
        View::Blocs => app.blocs.draw(&cx, f, fr.body),
        View::Timeline => app.timeline.draw(&cx, f, fr.body),
        View::Search => app.search.draw(&cx, f, fr.body),
        View::Figures => app.figures.draw(&cx, f, fr.body),
        View::Bookmarks => app.bookmarks.draw(&cx, f, fr.body),
        View::Reader => app.reader.draw(&cx, f, fr.body),
    }
    draw_status(app, &cx, f, fr.status);
    if let Some(scroll) = app.help {
        help::draw(&cx, &app.keymap, scroll, f, area);
    }
    if cx.settings.ascii {
        ascii_cells(f.buffer_mut());
    }
    scrub(f.buffer_mut());
}

/// ASCII mode's last pass: a symbol some view drew as it is (a title, a
/// label) shows its fallback's first char, and a wide one leaves no half.
/// Body text had its full fallbacks ("...", "->") before it was laid out.
pub fn ascii_cells(buf: &mut ratatui::buffer::Buffer) {
    let n = buf.content.len();
    for i in 0..n {
        let sym = buf.content[i].symbol();
        if sym.is_ascii() {
            continue;
        }
        let mut out = String::new();
        let mut changed = false;
        for c in sym.chars() {
            match crate::text::ascii_fallback(c) {
                None => out.push(c),
                Some(rep) => {
                    changed = true;
                    if let Some(first) = rep.chars().next() {
                        out.push(first);
                        break;
                    }
                }
            }
        }
        if !changed {
            continue;
        }
        let wide = UnicodeWidthStr::width(sym) > 1;
        if out.is_empty() {
            out.push(' ');
        }
        buf.content[i].set_symbol(&out);
        if wide && i + 1 < n {
            buf.content[i + 1].set_symbol(" ");
        }
    }
}

/// The explorer's output boundary: whatever a view drew, no cell holds a
/// char that a terminal would act on (the one definition of
/// [`crate::text::is_unsafe`]); such a cell shows `?`.
pub fn scrub(buf: &mut ratatui::buffer::Buffer) {
    for cell in buf.content.iter_mut() {
        if cell.symbol().chars().any(crate::text::is_unsafe) {
            cell.set_symbol("?");
        }
    }
}

/// `s` with the home directory written `~`, as shells do: a status line
/// has no room for `/home/someone/.config/triptyque/`.
fn home_relative(s: &str) -> String {
    match directories::BaseDirs::new() {
        Some(b) => {
            let home = b.home_dir().display().to_string();
            if home.len() > 1 {
                s.replace(&format!("{home}/"), "~/")
            } else {
                s.to_string()
            }
        }
        None => s.to_string(),
    }
}

fn draw_tabs(app: &App, cx: &Cx, f: &mut Frame, area: Rect) {
    let theme = cx.theme;
    let g = cx.settings.glyphs();
    let current = app.tab();
    let tabs: Vec<Span<'static>> = View::TABS
        .iter()
        .map(|&v| {
            let s = if v == current {
                theme.selected
            } else {
                theme.text
            };
            Span::styled(format!(" {} ", tr(v.title())), s)
        })
        .collect();
    let reader = (app.view == View::Reader).then(|| {
        Span::styled(
            format!(" {} {} ", g.arrow, tr(View::Reader.title())),
            theme.title,
        )
    });
    let cur = View::TABS.iter().position(|&v| v == current).unwrap_or(0);
    let line = tab_line(&tabs, cur, reader, usize::from(area.width), cx);
    f.render_widget(Paragraph::new(line), area);
}

/// The tab bar in `width` columns: the name, then every tab; when they do
/// not fit, the name goes, then the tabs farthest from the current one,
/// an ellipsis standing where tabs were left out.
fn tab_line(
    tabs: &[Span<'static>],
    cur: usize,
    reader: Option<Span<'static>>,
    width: usize,
    cx: &Cx,
) -> Line<'static> {
    let theme = cx.theme;
    let g = cx.settings.glyphs();
    let brand = Span::styled(" triptyque ", theme.title);
    let sep = || Span::styled(g.sep, theme.dim);
    let build = |with_brand: bool, lo: usize, hi: usize| -> Vec<Span<'static>> {
        let mut out = Vec::new();
        if with_brand {
            out.push(brand.clone());
        }
        if lo > 0 {
            out.push(Span::styled(g.ellipsis, theme.dim));
        }
        for (i, t) in tabs.iter().enumerate().take(hi + 1).skip(lo) {
            if i > lo || with_brand || lo > 0 {
                out.push(sep());
            }
            out.push(t.clone());
        }
        if hi + 1 < tabs.len() {
            out.push(sep());
            out.push(Span::styled(g.ellipsis, theme.dim));
        }
        if let Some(r) = &reader {
            out.push(r.clone());
        }
        out
    };
    let fits = |spans: &[Span]| spans.iter().map(|s| s.content.width()).sum::<usize>() <= width;
    let last = tabs.len().saturating_sub(1);
    for with_brand in [true, false] {
        let all = build(with_brand, 0, last);
        if fits(&all) {
            return Line::from(all);
        }
    }
    // Grow a window around the current tab, right first, while it fits.
    let (mut lo, mut hi) = (cur.min(last), cur.min(last));
    loop {
        let grew = [(lo, hi + 1), (lo.wrapping_sub(1), hi)]
            .into_iter()
            .filter(|&(l, h)| l <= h && h <= last)
            .find(|&(l, h)| fits(&build(false, l, h)));
        match grew {
            Some((l, h)) => (lo, hi) = (l, h),
            None => break,
        }
    }
    Line::from(build(false, lo, hi))
}

fn draw_status(app: &App, cx: &Cx, f: &mut Frame, area: Rect) {
    let theme = cx.theme;
    if let Some(p) = &app.prompt {
        use crate::tui::app::PromptKind;
        let ell = cx.settings.glyphs().ellipsis;
        // A yes/no question takes one key: no input, no Enter to accept.
        let line = match &p.kind {
            PromptKind::Overwrite(_, path) => Line::from(vec![
                Span::styled(
                    format!(
                        " {} ",
                        trf(
                            "{path} exists; overwrite it? y/n",
                            &[("path", &crate::text::escape_path(path))]
                        )
                    ),
                    theme.title,
                ),
                Span::styled(format!(" {} {}", key_label("Esc"), tr("cancel")), theme.dim),
            ]),
            kind => Line::from(vec![
                Span::styled(
                    format!(" {}", trf("{prompt}: ", &[("prompt", &kind.label())])),
                    theme.title,
                ),
                Span::styled(term_safe(&p.input).into_owned(), theme.text),
                Span::styled("_", theme.dim),
                Span::styled(
                    format!(
                        "  {} {} · {} {}",
                        key_label("Enter"),
                        tr("accept"),
                        key_label("Esc"),
                        tr("cancel")
                    ),
                    theme.dim,
                ),
            ]),
        };
        let line = super::views::fit_line(line, usize::from(area.width), ell);
        f.render_widget(Paragraph::new(line), area);
        return;
    }
    let mut right = String::new();
    if let Some((i, n)) = app.position() {
        right = format!(" {i}/{n} ");
    }
    let warnings = app.warnings.len();
    let room = usize::from(area.width).saturating_sub(right.width());
    let ell = cx.settings.glyphs().ellipsis;
    // A message or warning longer than the line ends in an ellipsis.
    let fit = |s: String| crate::text::cut_to_width(&s, room, ell).into_owned();
    let left: Line = if let Some(m) = &app.message {
        Line::from(Span::styled(
            fit(format!(" {}", home_relative(&term_safe(m)))),
            theme.warn,
        ))
    } else if warnings > 0 && app.view == View::Blocs && app.blocs.filter.is_none() {
        let first = app.warnings[0].shown();
        let s = if warnings == 1 {
            String::new()
        } else {
            trf(" (+{n} more)", &[("n", &(warnings - 1))])
        };
        Line::from(Span::styled(
            fit(format!(
                " {}{s}",
                trf(
                    "warning: {warning}",
                    &[("warning", &home_relative(&term_safe(&first)))]
                )
            )),
            theme.warn,
        ))
    } else {
        // Whole hints only: one that does not fit is left out, never cut.
        let mut spans = Vec::new();
        let mut used = 0;
        for (k, label) in app.keymap.hints(&app.contexts()) {
            let (a, b) = (format!(" {}", key_label(&k)), format!(" {label} "));
            let w = a.width() + b.width();
            if used + w > room {
                break;
            }
            used += w;
            spans.push(Span::styled(a, theme.title));
            spans.push(Span::styled(b, theme.dim));
        }
        Line::from(spans)
    };
    let rw = right.width() as u16;
    let lw = area.width.saturating_sub(rw);
    f.render_widget(
        Paragraph::new(left),
        Rect::new(area.x, area.y, lw, area.height),
    );
    if rw <= area.width {
        f.render_widget(
            Paragraph::new(Span::styled(right, theme.dim)),
            Rect::new(area.x + lw, area.y, rw, area.height),
        );
    }
}
