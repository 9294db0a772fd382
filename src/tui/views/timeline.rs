//! The timeline: events as markers on a month axis, and the selected event's
//! card with its quotes.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cx, Effect, TextStyles, badges, boxed, is_motion, step, wrap_styled};
use crate::corpus::PartialDate;
use crate::text::term_safe;
use crate::tui::keymap::Action;

fn month_index(d: &PartialDate) -> i32 {
    d.year * 12 + i32::from(d.month.unwrap_or(1)) - 1
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The timeline's state: the selected event and quote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineView {
    /// Selected event.
    pub sel: usize,
    /// Selected quote of the event.
    pub quote: usize,
}

impl TimelineView {
    /// The claim of the selected quote.
    pub fn selected_claim(&self, cx: &Cx) -> Option<usize> {
        cx.data
            .events()
            .get(self.sel)
            .and_then(|e| e.sources.get(self.quote))
            .and_then(|s| s.claim.as_deref())
            .and_then(|id| cx.corpus().claim_index(id))
    }

    /// Selects the event with this id, if there is one.
    pub fn select_id(&mut self, cx: &Cx, id: &str) -> bool {
        match cx.data.events().iter().position(|e| e.id == id) {
            Some(e) => {
                self.sel = e;
                self.quote = 0;
                true
            }
            None => false,
        }
    }

    /// "3/27" events.
    pub fn position(&self, cx: &Cx) -> Option<(usize, usize)> {
        let n = cx.data.events().len();
        (n > 0).then(|| (self.sel + 1, n))
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        let before = self.clone();
        match a {
            // Up and down walk the quotes of the event.
            m if is_motion(m) => {
                let n = cx
                    .data
                    .events()
                    .get(self.sel)
                    .map(|e| e.sources.len())
                    .unwrap_or(0);
                self.quote = step(self.quote, m, n, 1);
            }
            Action::WheelUp(..) => return self.handle(cx, &Action::Up, out),
            Action::WheelDown(..) => return self.handle(cx, &Action::Down, out),
            Action::Left | Action::Right => {
                let n = cx.data.events().len();
                if n > 0 {
                    self.sel = if *a == Action::Left {
                        self.sel.saturating_sub(1)
                    } else {
                        (self.sel + 1).min(n - 1)
                    };
                    self.quote = 0;
                }
            }
            Action::Open => {
                if let Some(c) = self.selected_claim(cx) {
                    out.push(Effect::Open(c));
                }
            }
            Action::FilterEvent if self.sel < cx.data.events().len() => {
                out.push(Effect::FilterPanes(self.sel));
            }
            _ => {}
        }
        *self != before
    }

    /// Draws the timeline.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let (axis, card) = crate::tui::layout::timeline(area);
        self.draw_axis(cx, f, axis);
        self.draw_card(cx, f, card);
    }

    fn draw_axis(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let g = cx.settings.glyphs();
        let events = cx.data.events();
        let title = Line::from(Span::styled(
            format!(" Timeline {} events ", events.len()),
            theme.title,
        ));
        f.render_widget(boxed(cx, title, false), area);
        let inner = crate::tui::layout::padded(area);
        if events.is_empty() || inner.width < 4 || inner.height < 3 {
            if events.is_empty() {
                f.render_widget(Paragraph::new(Span::styled("no event", theme.dim)), inner);
            }
            return;
        }
        let first = events
            .iter()
            .map(|e| month_index(&e.date))
            .min()
            .unwrap_or(0);
        let last = events
            .iter()
            .map(|e| month_index(e.end.as_ref().unwrap_or(&e.date)))
            .max()
            .unwrap_or(first);
        let span = (last - first).max(1) as f64;
        let w = usize::from(inner.width);
        let x_of = |m: i32| (((m - first) as f64 / span) * (w - 1) as f64).round() as usize;
        // Row 1: spans and markers; the selected event drawn last, on top.
        let mut marks: Vec<(String, Style)> = vec![(" ".into(), theme.text); w];
        for (i, e) in events.iter().enumerate() {
            let x = x_of(month_index(&e.date));
            if let Some(end) = &e.end {
                for cell in marks
                    .iter_mut()
                    .take(x_of(month_index(end)) + 1)
                    .skip(x + 1)
                {
                    *cell = (g.axis.into(), theme.dim);
                }
            }
            if i != self.sel {
                marks[x] = (g.marker.into(), theme.text);
            }
        }
        let sel_x = events.get(self.sel).map(|e| x_of(month_index(&e.date)));
        if let Some(x) = sel_x {
            marks[x] = (g.dot.into(), theme.claim);
        }
        let row1 = Line::from(
            marks
                .into_iter()
                .map(|(s, st)| Span::styled(s, st))
                .collect::<Vec<_>>(),
        );
        // Row 2: the axis; row 3: month labels where they fit.
        let row2 = Line::from(Span::styled(g.axis.repeat(w), theme.border));
        let mut labels = vec![' '; w];
        let mut next_free = 0usize;
        for m in first..=last {
            let x = x_of(m);
            let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as usize);
            let label = if mo == 0 || m == first {
                format!("{} {}", MONTHS[mo], y % 100)
            } else {
                MONTHS[mo].to_string()
            };
            if x >= next_free && x + label.len() <= w {
                for (k, c) in label.chars().enumerate() {
                    labels[x + k] = c;
                }
                next_free = x + label.len() + 1;
            }
        }
        let row3 = Line::from(Span::styled(
            labels.into_iter().collect::<String>(),
            theme.dim,
        ));
        let mut rows = vec![row1, row2, row3];
        if let (Some(e), Some(x)) = (events.get(self.sel), sel_x) {
            let t = format!("{} {}", e.date.label(), term_safe(&e.title));
            let start = x.min(w.saturating_sub(t.chars().count()));
            rows.push(Line::from(vec![
                Span::raw(" ".repeat(start)),
                Span::styled(t, theme.claim),
            ]));
        }
        f.render_widget(Paragraph::new(rows), inner);
    }

    fn draw_card(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let Some(e) = cx.data.events().get(self.sel) else {
            f.render_widget(boxed(cx, Line::default(), true), area);
            return;
        };
        let when = match &e.end {
            Some(end) => format!("{} – {}", e.date.label(), end.label()),
            None => e.date.label(),
        };
        let title = Line::from(vec![
            Span::styled(format!(" {when} "), theme.claim),
            Span::styled(format!("{} ", term_safe(&e.title)), theme.title),
        ]);
        f.render_widget(boxed(cx, title, true), area);
        let inner = crate::tui::layout::padded(area);
        let w = inner.width;
        let mut lines: Vec<Line> = Vec::new();
        let mut head = badges(cx, &e.blocs, &[]);
        let n = e.corroboration;
        head.push(Span::styled(
            format!("backed by {n} article{}", if n == 1 { "" } else { "s" }),
            theme.dim,
        ));
        lines.push(Line::from(head));
        for d in &e.disagreements {
            lines.push(Line::from(Span::styled(
                format!("sources disagree: {}", term_safe(&d.summary)),
                theme.warn,
            )));
        }
        let plain = TextStyles {
            base: theme.text,
            matched: Style::new(),
            emphasis: Style::new(),
        };
        lines.extend(wrap_styled(&e.summary, w, &[], None, plain));
        if let Some(n) = &e.note {
            let dim = TextStyles {
                base: theme.dim,
                ..plain
            };
            lines.extend(wrap_styled(&format!("Date: {n}"), w, &[], None, dim));
        }
        let mut sel_line = 0usize;
        for (k, s) in e.sources.iter().enumerate() {
            lines.push(Line::default());
            let selected = k == self.quote;
            if selected {
                sel_line = lines.len();
            }
            let base = if selected { theme.selected } else { theme.text };
            let st = TextStyles { base, ..plain };
            lines.extend(
                wrap_styled(
                    &format!("« {} »", s.quote),
                    w.saturating_sub(2),
                    &[],
                    None,
                    st,
                )
                .into_iter()
                .map(|l| {
                    let mut spans = vec![Span::raw("  ")];
                    spans.extend(l.spans);
                    Line::from(spans)
                }),
            );
            let src = cx
                .corpus()
                .article(&s.article)
                .map(|a| {
                    let d = a.date.map(|d| format!(" ({d})")).unwrap_or_default();
                    format!(
                        "{}{d}",
                        a.short_title(usize::from(w).saturating_sub(24).max(10))
                    )
                })
                .unwrap_or_else(|| s.article.clone());
            let id = s
                .claim
                .as_deref()
                .and_then(|c| c.rsplit('#').next())
                .map(|n| format!(" · #{n}"))
                .unwrap_or_default();
            lines.push(Line::from(Span::styled(
                format!("    — {}{id}", term_safe(&src)),
                theme.dim,
            )));
        }
        // Keep the selected quote on screen.
        let h = usize::from(inner.height);
        let skip = sel_line.saturating_sub(h.saturating_sub(4));
        f.render_widget(Paragraph::new(lines).scroll((skip as u16, 0)), inner);
    }
}
