//! The timeline: one lane per pane bloc over one month axis (an event of two
//! blocs shows in both lanes, one of none in a last lane), events of one month
//! spread along it, reported dates drawn hollow; and the selected event's card
//! with its dates, disagreements and quotes. `/` filters the events by their
//! title and quotes, fuzzy and accent-insensitive.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Cx, Effect, TextStyles, badges, bloc_label, boxed, step, wrap_styled};
use crate::corpus::PartialDate;
use crate::i18n::{tr, trf};
use crate::text::term_safe;
use crate::timeline::{DateKind, Event, EventOrigin, MONTHS, date_label, reported};
use crate::tui::keymap::Action;
use crate::tui::layout;

fn month_index(d: &PartialDate) -> i32 {
    d.year * 12 + i32::from(d.month.unwrap_or(1)) - 1
}

/// The timeline's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TimelineView {
    /// Selected event (an index into all the events).
    pub sel: usize,
    /// Selected quote of the event.
    pub quote: usize,
    /// The bloc codes of the lanes (the panes').
    pub lanes: Vec<String>,
    /// The `/` filter.
    pub filter: String,
    /// True while the filter prompt takes the keys.
    pub filtering: bool,
    /// The events the filter keeps, in date order (`None`: all of them).
    pub shown: Option<Vec<usize>>,
    /// An event id to select when the view opens (a restored session: the
    /// events are found then, not at start-up).
    pub pending: Option<String>,
}

/// The events, when the view may have them: at once without a worker,
/// else none until the worker found them (the view says so meanwhile).
fn events<'a>(cx: &Cx<'a>) -> &'a [crate::timeline::Event] {
    if cx.events_on_worker {
        cx.data.events_if_found().unwrap_or(&[])
    } else {
        cx.data.events()
    }
}

/// True while a worker is still finding the events.
fn pending(cx: &Cx) -> bool {
    cx.events_on_worker && cx.data.events_if_found().is_none()
}

impl TimelineView {
    /// The events shown, in date order.
    pub fn visible(&self, cx: &Cx) -> Vec<usize> {
        match &self.shown {
            Some(v) => v.clone(),
            None => (0..events(cx).len()).collect(),
        }
    }

    /// The claim of the selected quote.
    pub fn selected_claim(&self, cx: &Cx) -> Option<usize> {
        events(cx)
            .get(self.sel)
            .and_then(|e| e.sources.get(self.quote))
            .and_then(|s| s.claim.as_deref())
            .and_then(|id| cx.corpus().claim_index(id))
    }

    /// The view opens: select the event a session asked for.
    pub fn opened(&mut self, cx: &Cx) {
        if pending(cx) {
            return; // again when the worker is done
        }
        if let Some(id) = self.pending.take() {
            self.select_id(cx, &id);
        }
    }

    /// The selected event's id, without finding the events when they were
    /// not found yet.
    pub fn selected_id(&self, cx: &Cx) -> Option<String> {
        match cx.data.events_if_found() {
            Some(events) => events.get(self.sel).map(|e| e.id.clone()),
            None => self.pending.clone(),
        }
    }

    /// Selects the event with this id, if there is one.
    pub fn select_id(&mut self, cx: &Cx, id: &str) -> bool {
        match events(cx).iter().position(|e| e.id == id) {
            Some(e) => {
                self.sel = e;
                self.quote = 0;
                true
            }
            None => false,
        }
    }

    /// "3/27": the selected event among those shown.
    pub fn position(&self, cx: &Cx) -> Option<(usize, usize)> {
        let v = self.visible(cx);
        let at = v.iter().position(|&i| i == self.sel)?;
        Some((at + 1, v.len()))
    }

    /// True while the filter prompt takes typed chars.
    pub fn typing(&self) -> bool {
        self.filtering
    }

    fn refilter(&mut self, cx: &Cx) {
        let events = events(cx);
        self.shown = (!self.filter.trim().is_empty()).then(|| {
            (0..events.len())
                .filter(|&i| crate::timeline::keeps(&events[i], &self.filter))
                .collect()
        });
        let v = self.visible(cx);
        if !v.contains(&self.sel)
            && let Some(&first) = v.first()
        {
            self.sel = first;
            self.quote = 0;
        }
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        if self.filtering {
            match a {
                a if super::is_edit(a) => {
                    let e = super::edit_input(&mut self.filter, a);
                    out.extend(e.message());
                    if e.changed {
                        self.refilter(cx);
                    }
                    return e.changed || e.capped;
                }
                Action::Submit => {
                    self.filtering = false;
                    return true;
                }
                Action::Back => {
                    self.filtering = false;
                    self.filter.clear();
                    self.refilter(cx);
                    return true;
                }
                _ => {}
            }
        }
        let before = self.clone();
        let v = self.visible(cx);
        let at = v.iter().position(|&i| i == self.sel);
        let go = |s: &mut Self, k: usize| {
            if let Some(&e) = v.get(k) {
                s.sel = e;
                s.quote = 0;
            }
        };
        match a {
            Action::Find => {
                self.filtering = true;
            }
            Action::Back if !self.filter.is_empty() => {
                self.filter.clear();
                self.refilter(cx);
                out.push(Effect::Message(tr("filter cleared").into()));
            }
            // Up and down walk the quotes of the event.
            Action::Up | Action::Down => {
                let n = events(cx)
                    .get(self.sel)
                    .map(|e| e.sources.len())
                    .unwrap_or(0);
                self.quote = step(self.quote, a, n, 1);
            }
            Action::WheelUp(..) => return self.handle(cx, &Action::Up, out),
            Action::WheelDown(..) => return self.handle(cx, &Action::Down, out),
            // Left and right, pages, first and last walk the events.
            Action::Left
            | Action::Right
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown => {
                let k = match at {
                    None => 0,
                    Some(k) => {
                        let motion = match a {
                            Action::Left => Action::Up,
                            Action::Right => Action::Down,
                            m => m.clone(),
                        };
                        step(k, &motion, v.len(), 5)
                    }
                };
                go(self, k);
            }
            Action::Top => go(self, 0),
            Action::Bottom => go(self, v.len().saturating_sub(1)),
            Action::Open => {
                if let Some(c) = self.selected_claim(cx) {
                    out.push(Effect::Open(c));
                }
            }
            Action::FilterEvent if self.sel < events(cx).len() => {
                out.push(Effect::FilterPanes(self.sel));
            }
            _ => {}
        }
        *self != before
    }

    /// Draws the timeline.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        if pending(cx) {
            // Found by the worker, in a moment: say so, and wait.
            let title = Line::from(format!(" {} ", tr("Timeline")));
            let block = boxed(cx, title, true, area.width);
            let inner = block.inner(area);
            f.render_widget(block, area);
            let msg = trf(
                "finding the events in {n} claims…",
                &[("n", &cx.corpus().claims.len())],
            );
            f.render_widget(
                Paragraph::new(Span::styled(msg, cx.theme.dim)).wrap(Wrap { trim: true }),
                inner,
            );
            return;
        }
        let (axis, card) = layout::timeline(area, self.lane_count(cx));
        self.draw_axis(cx, f, axis);
        self.draw_card(cx, f, card);
    }

    /// The lanes: the panes' blocs, then one for events of none of them (when
    /// there are such events).
    fn lanes(&self, cx: &Cx) -> Vec<Option<String>> {
        let mut lanes: Vec<Option<String>> = self.lanes.iter().cloned().map(Some).collect();
        let other = events(cx)
            .iter()
            .any(|e| !e.blocs.iter().any(|b| self.lanes.contains(b)));
        if other || lanes.is_empty() {
            lanes.push(None);
        }
        lanes
    }

    fn lane_count(&self, cx: &Cx) -> u16 {
        self.lanes(cx).len() as u16
    }

    fn draw_axis(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let g = cx.settings.glyphs();
        let events = events(cx);
        let shown = self.visible(cx);
        let count = if self.shown.is_some() {
            trf(
                "{shown}/{n} events",
                &[("shown", &shown.len()), ("n", &events.len())],
            )
        } else {
            trf("{n} events", &[("n", &events.len())])
        };
        let mut title = vec![Span::styled(
            format!(" {} {count} ", tr("Timeline")),
            theme.title,
        )];
        if self.filtering || !self.filter.is_empty() {
            let cursor = if self.filtering { "_" } else { "" };
            title.push(Span::styled(
                format!("/{}{cursor} ", term_safe(&self.filter)),
                theme.warn,
            ));
        }
        f.render_widget(boxed(cx, Line::from(title), false, area.width), area);
        let inner = layout::padded(area);
        if events.is_empty() || inner.width < 8 || inner.height < 3 {
            if events.is_empty() {
                f.render_widget(
                    Paragraph::new(Span::styled(tr("no event"), theme.dim)),
                    inner,
                );
            }
            return;
        }
        let lanes = self.lanes(cx);
        let labels: Vec<String> = lanes
            .iter()
            .map(|l| match l {
                Some(code) => bloc_label(cx, code),
                None => tr("other").into(),
            })
            .collect();
        let lw = labels
            .iter()
            .map(|l| l.chars().count())
            .max()
            .unwrap_or(0)
            .min(usize::from(inner.width) / 4)
            + 1;
        let w = usize::from(inner.width).saturating_sub(lw).max(1);
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
        let months = (last - first + 1).max(1) as f64;
        // A month is a stretch of the axis; days place events within it.
        let x_of = |d: &PartialDate| -> usize {
            let m = f64::from(month_index(d) - first);
            let within = match d.day {
                Some(day) => f64::from(day - 1) / 31.0,
                None => 0.0,
            };
            (((m + within) / months) * w as f64)
                .floor()
                .min((w - 1) as f64) as usize
        };
        let month_w = (w as f64 / months).floor().max(1.0) as usize;
        let mut rows: Vec<Line> = Vec::new();
        let sel = events.get(self.sel);
        for (li, lane) in lanes.iter().enumerate() {
            let mut cells: Vec<(String, Style)> = vec![(" ".into(), theme.text); w];
            let mut taken = vec![false; w];
            let in_lane = |e: &Event| match lane {
                Some(code) => e.blocs.contains(code),
                None => !e.blocs.iter().any(|b| self.lanes.contains(b)),
            };
            let mut sel_x = None;
            for &i in &shown {
                let e = &events[i];
                if !in_lane(e) {
                    continue;
                }
                let x0 = x_of(&e.date);
                if let Some(end) = &e.end {
                    for cell in cells.iter_mut().take(x_of(end) + 1).skip(x0 + 1) {
                        if cell.0 == " " {
                            *cell = (g.axis.into(), theme.dim);
                        }
                    }
                }
                // Events of one month spread to the right, within the month
                // when there is room.
                let x = (x0..(x0 + month_w).max(x0 + 1).min(w))
                    .find(|&x| !taken[x])
                    .or_else(|| (x0..w).find(|&x| !taken[x]))
                    .unwrap_or(x0);
                taken[x] = true;
                let glyph = if e.date_kind == DateKind::Reported {
                    g.hollow
                } else {
                    g.marker
                };
                cells[x] = (glyph.into(), theme.text);
                if i == self.sel {
                    sel_x = Some(x);
                }
            }
            if let Some(x) = sel_x {
                cells[x] = (g.dot.into(), theme.claim);
            }
            let label = format!(
                "{:<lw$}",
                labels[li].chars().take(lw - 1).collect::<String>()
            );
            let style = match lane {
                Some(code) => cx.theme.bloc(code),
                None => theme.dim,
            };
            let mut spans = vec![Span::styled(label, style)];
            spans.extend(cells.into_iter().map(|(s, st)| Span::styled(s, st)));
            rows.push(Line::from(spans));
        }
        // The axis, and month labels where they fit.
        let pad = " ".repeat(lw);
        rows.push(Line::from(vec![
            Span::raw(pad.clone()),
            Span::styled(g.axis.repeat(w), theme.border),
        ]));
        let mut month_labels = vec![' '; w];
        let mut next_free = 0usize;
        for m in first..=last {
            let x = (((m - first) as f64 / months) * w as f64).floor() as usize;
            let (y, mo) = (m.div_euclid(12), m.rem_euclid(12) as usize);
            let label = if mo == 0 || m == first {
                format!("{} {}", tr(MONTHS[mo]), y % 100)
            } else {
                tr(MONTHS[mo]).to_string()
            };
            let len = label.chars().count();
            if x >= next_free && x + len <= w {
                for (k, c) in label.chars().enumerate() {
                    month_labels[x + k] = c;
                }
                next_free = x + len + 1;
            }
        }
        rows.push(Line::from(vec![
            Span::raw(pad.clone()),
            Span::styled(month_labels.into_iter().collect::<String>(), theme.dim),
        ]));
        if let Some(e) = sel.filter(|_| shown.contains(&self.sel)) {
            let t = format!("{} {}", e.when_shown(), term_safe(&e.title));
            // Longer than the axis: cut, with an ellipsis.
            let ell = cx.settings.glyphs().ellipsis;
            let t = crate::text::cut_to_width(&t, w, ell).into_owned();
            let x = x_of(&e.date);
            let start = x.min(w.saturating_sub(t.chars().count()));
            rows.push(Line::from(vec![
                Span::raw(" ".repeat(lw + start)),
                Span::styled(t, theme.claim),
            ]));
        }
        f.render_widget(Paragraph::new(rows), inner);
    }

    fn draw_card(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let visible = self.visible(cx);
        let Some(e) = events(cx)
            .get(self.sel)
            .filter(|_| visible.contains(&self.sel))
        else {
            let msg = if self.shown.is_some() {
                format!(" {} ", tr("no event matches the filter (Esc clears it)"))
            } else {
                String::new()
            };
            f.render_widget(
                boxed(
                    cx,
                    Line::from(Span::styled(msg, theme.dim)),
                    true,
                    area.width,
                ),
                area,
            );
            return;
        };
        let when_style = if e.date_kind == DateKind::Reported {
            theme.dim
        } else {
            theme.claim
        };
        let title = Line::from(vec![
            Span::styled(format!(" {} ", e.when_shown()), when_style),
            Span::styled(format!("{} ", term_safe(&e.title)), theme.title),
        ]);
        f.render_widget(boxed(cx, title, true, area.width), area);
        let inner = layout::padded(area);
        let w = inner.width;
        let mut lines: Vec<Line> = Vec::new();
        let mut head = badges(cx, &e.blocs, &[]);
        let n = e.corroboration;
        let origin = match e.origin {
            EventOrigin::Found => tr("found in the text"),
            EventOrigin::Curated => tr("curated"),
            EventOrigin::Both => tr("found, curated"),
        };
        let one = tr("backed by 1 article");
        let backed = crate::i18n::plural(n, one, trf("backed by {n} articles", &[("n", &n)]));
        head.push(Span::styled(format!("{backed} · {origin}"), theme.dim));
        lines.push(Line::from(head));
        for d in &e.disagreements {
            lines.push(Line::from(Span::styled(
                crate::text::capitalized(&trf(
                    "sources disagree: {what}",
                    &[("what", &term_safe(&d.summary_shown()))],
                )),
                theme.warn,
            )));
        }
        let plain = TextStyles::plain(theme.text, cx.settings.ascii);
        lines.extend(wrap_styled(&e.summary, w, &[], None, plain));
        let dim = TextStyles::plain(theme.dim, cx.settings.ascii);
        if let Some(n) = &e.note_shown(cx.corpus()) {
            lines.extend(wrap_styled(
                &trf("Date: {note}", &[("note", n)]),
                w,
                &[],
                None,
                dim,
            ));
        }
        // The other dates the sources give stay visible.
        let mut others: Vec<String> = Vec::new();
        for d in &e.dates {
            if d.date == e.date && d.end == e.end {
                continue;
            }
            let label = match d.kind {
                DateKind::Reported => reported(&d.date, &date_label(&d.date)),
                _ => date_label(&d.date),
            };
            if !others.contains(&label) {
                others.push(label);
            }
        }
        if !others.is_empty() {
            lines.extend(wrap_styled(
                &trf("Also dated: {dates}", &[("dates", &others.join(", "))]),
                w,
                &[],
                None,
                dim,
            ));
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
                        a.short_title_with(
                            usize::from(w).saturating_sub(24).max(10),
                            cx.settings.glyphs().ellipsis
                        )
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
