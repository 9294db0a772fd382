//! The reader: an article wrapped with a margin, the claim highlighted, find
//! matches marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Cx, Effect, TextStyles, boxed, display};
use crate::corpus::{ClaimKind, Corpus};
use crate::i18n::{tr, trf};
use crate::text::{fold_into, term_safe, wrap_ranges};
use crate::tui::keymap::Action;
use crate::tui::layout;

/// One line of the reader: a char range of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocLine {
    /// Paragraph index.
    pub para: usize,
    /// Body char range.
    pub start: usize,
    /// Body char range end.
    pub end: usize,
    /// True for a heading line.
    pub heading: bool,
    /// True for a boilerplate line (a byline, a credit, a link): drawn dim.
    pub boilerplate: bool,
}

/// The reader's state.
#[derive(Debug, Clone, Default)]
pub struct ReaderView {
    /// Index of the article.
    pub article: usize,
    /// The claim shown highlighted.
    pub claim: Option<usize>,
    /// First visible line.
    pub scroll: usize,
    /// The find prompt's text.
    pub find: String,
    /// True while the find prompt takes the keys.
    pub finding: bool,
    /// Find matches, as char ranges of the body.
    pub matches: Vec<(usize, usize)>,
    /// The current match.
    pub current: usize,
}

/// The reader's lines of an article wrapped to `width` (`None` is the blank
/// line between paragraphs).
pub fn document(corpus: &Corpus, article: usize, width: u16, ascii: bool) -> Vec<Option<DocLine>> {
    let Some(a) = corpus.articles.get(article) else {
        return Vec::new();
    };
    let claims = corpus.claims.slice(a.claim_range.clone());
    let mut out = Vec::new();
    for (p, r) in a.paragraphs.iter().enumerate() {
        if p > 0 {
            out.push(None);
        }
        let heading = claims
            .iter()
            .any(|c| c.paragraph == p && c.kind == ClaimKind::Heading);
        let boilerplate = claims
            .iter()
            .any(|c| c.paragraph == p && c.kind == ClaimKind::Boilerplate);
        let text = a.paragraph_text(p).unwrap_or_default();
        let (shown, map) = display(&text, ascii);
        let starts: Vec<usize> = shown.char_indices().map(|(b, _)| b).collect();
        let char_of = |b: usize| starts.partition_point(|&x| x < b);
        for lr in wrap_ranges(&shown, usize::from(width).max(1)) {
            let (s, e) = (char_of(lr.start), char_of(lr.end));
            let start = map.get(s).copied().unwrap_or(0);
            let end = if e > s { map[e - 1] + 1 } else { start };
            out.push(Some(DocLine {
                para: p,
                start: r.start + start,
                end: r.start + end,
                heading,
                boilerplate,
            }));
        }
    }
    out
}

impl ReaderView {
    /// The lines of the open article at the current width.
    pub fn lines(&self, cx: &Cx) -> Vec<Option<DocLine>> {
        let width = layout::reader_text(cx.body()).width;
        document(cx.corpus(), self.article, width, cx.settings.ascii)
    }

    fn height(cx: &Cx) -> usize {
        usize::from(layout::reader_text(cx.body()).height).max(1)
    }

    /// Opens claim `c`'s article, scrolled to it. False when there is no such
    /// claim.
    pub fn open(&mut self, cx: &Cx, c: usize) -> bool {
        let corpus = cx.corpus();
        let Some(claim) = corpus.claims.get(c) else {
            return false;
        };
        let Some(a) = corpus.articles.iter().position(|a| *a.id == *claim.article) else {
            return false;
        };
        *self = ReaderView {
            article: a,
            claim: Some(c),
            ..ReaderView::default()
        };
        self.scroll_to(cx, claim.start);
        true
    }

    fn scroll_to(&mut self, cx: &Cx, char_pos: usize) {
        let lines = self.lines(cx);
        let line = lines.iter().position(|l| {
            l.is_some_and(|l| l.start <= char_pos && char_pos < l.end.max(l.start + 1))
        });
        if let Some(line) = line {
            self.scroll = line.saturating_sub(Self::height(cx) / 3);
            self.clamp(cx, lines.len());
        }
    }

    fn clamp(&mut self, cx: &Cx, total: usize) {
        self.scroll = self.scroll.min(total.saturating_sub(Self::height(cx)));
    }

    /// Keeps the scroll in range (after a resize).
    pub fn clamp_to_size(&mut self, cx: &Cx) {
        let n = self.lines(cx).len();
        self.clamp(cx, n);
    }

    /// Where the screen's bottom line is, out of all lines.
    pub fn position(&self, cx: &Cx) -> Option<(usize, usize)> {
        let total = self.lines(cx).len();
        Some(((self.scroll + Self::height(cx)).min(total), total))
    }

    /// True while the find prompt takes typed chars.
    pub fn typing(&self) -> bool {
        self.finding
    }

    fn update_find(&mut self, cx: &Cx) {
        let Some(article) = cx.corpus().articles.get(self.article) else {
            return;
        };
        let needle = crate::text::fold(&self.find);
        self.matches.clear();
        self.current = 0;
        if needle.is_empty() {
            return;
        }
        let mut folded = String::new();
        let mut map = Vec::new();
        fold_into(&article.body, &mut folded, &mut map);
        let char_of: Vec<usize> = folded.char_indices().map(|(b, _)| b).collect();
        let idx = |b: usize| char_of.partition_point(|&x| x < b);
        let mut from = 0;
        while let Some(p) = folded[from..].find(&needle) {
            let s = idx(from + p);
            let e = idx(from + p + needle.len());
            if let (Some(&os), Some(&oe)) = (map.get(s), map.get(e.saturating_sub(1))) {
                self.matches.push((os as usize, oe as usize + 1));
            }
            from += p + needle.len().max(1);
        }
        // Start at the first match at or after the top of the screen.
        let top = self
            .lines(cx)
            .iter()
            .skip(self.scroll)
            .flatten()
            .next()
            .map(|l| l.start)
            .unwrap_or(0);
        self.current = self.matches.iter().position(|m| m.0 >= top).unwrap_or(0);
        self.goto_match(cx);
    }

    fn goto_match(&mut self, cx: &Cx) {
        if let Some(&(s, _)) = self.matches.get(self.current) {
            self.scroll_to(cx, s);
        }
    }

    /// Handles an action of this view. Returns true when something changed.
    pub fn handle(&mut self, cx: &Cx, a: &Action, out: &mut Vec<Effect>) -> bool {
        if self.finding {
            match a {
                a if super::is_edit(a) => {
                    let e = super::edit_input(&mut self.find, a);
                    out.extend(e.message());
                    if e.changed {
                        self.update_find(cx);
                    }
                    return e.changed || e.capped;
                }
                Action::Submit => {
                    self.finding = false;
                    return true;
                }
                Action::Back => {
                    self.finding = false;
                    self.find.clear();
                    self.matches.clear();
                    return true;
                }
                _ => {}
            }
        }
        match a {
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::HalfPageUp
            | Action::HalfPageDown
            | Action::Top
            | Action::Bottom => {
                let total = self.lines(cx).len();
                let h = Self::height(cx);
                let max = total.saturating_sub(h);
                let s = self.scroll;
                let page = h.saturating_sub(2).max(1);
                self.scroll = match a {
                    Action::Up => s.saturating_sub(1),
                    Action::Down => (s + 1).min(max),
                    Action::PageUp => s.saturating_sub(page),
                    Action::PageDown => (s + page).min(max),
                    Action::HalfPageUp => s.saturating_sub(page.div_ceil(2)),
                    Action::HalfPageDown => (s + page.div_ceil(2)).min(max),
                    Action::Top => 0,
                    _ => max,
                };
                self.scroll != s
            }
            Action::WheelUp(..) => self.handle(cx, &Action::Up, out),
            Action::WheelDown(..) => self.handle(cx, &Action::Down, out),
            Action::Find => {
                self.finding = true;
                self.find.clear();
                self.matches.clear();
                true
            }
            Action::NextMatch | Action::PrevMatch => {
                let n = self.matches.len();
                if n > 0 {
                    self.current = if *a == Action::NextMatch {
                        (self.current + 1) % n
                    } else {
                        (self.current + n - 1) % n
                    };
                    self.goto_match(cx);
                    true
                } else {
                    if !self.find.is_empty() {
                        out.push(Effect::Message(trf(
                            "no match for \u{201c}{text}\u{201d}",
                            &[("text", &self.find)],
                        )));
                    }
                    false
                }
            }
            _ => false,
        }
    }

    /// Draws the reader.
    pub fn draw(&self, cx: &Cx, f: &mut Frame, area: Rect) {
        let theme = cx.theme;
        let Some(article) = cx.corpus().articles.get(self.article) else {
            return;
        };
        let mut title = format!(" {} ", term_safe(&article.title));
        if let Some(d) = article.date {
            title.push_str(&format!("· {d} "));
        }
        let mut block = boxed(
            cx,
            Line::from(Span::styled(title, theme.title)),
            true,
            area.width,
        );
        if self.finding || !self.find.is_empty() {
            let n = self.matches.len();
            let pos = if n > 0 {
                format!("{}/{n}", self.current + 1)
            } else if self.find.is_empty() {
                String::new() // nothing typed yet: nothing to match
            } else {
                tr("no match").into()
            };
            let cursor = if self.finding { "_" } else { "" };
            block = block.title_bottom(Line::from(vec![
                Span::styled(format!(" /{}{cursor} ", term_safe(&self.find)), theme.title),
                Span::styled(format!("{pos} "), theme.dim),
            ]));
        }
        f.render_widget(block, area);
        let text = layout::reader_text(area);
        let lines = self.lines(cx);
        let body: Vec<char> = article.body.chars().collect();
        let claim = self
            .claim
            .and_then(|c| cx.corpus().claims.get(c))
            .map(|c| c.start..c.end);
        let current = self.matches.get(self.current).copied();
        let mut out = Vec::new();
        for l in lines
            .iter()
            .skip(self.scroll)
            .take(usize::from(text.height))
        {
            let Some(l) = l else {
                out.push(Line::default());
                continue;
            };
            let seg: String = body[l.start..l.end.min(body.len())].iter().collect();
            let (shown, map) = display(&seg, cx.settings.ascii);
            let base = if l.heading {
                theme.title
            } else if l.boilerplate {
                theme.dim
            } else {
                theme.text
            };
            let st = TextStyles {
                base,
                matched: theme.matched,
                emphasis: theme.claim,
                ascii: cx.settings.ascii,
            };
            let mut spans: Vec<Span> = Vec::new();
            for (k, ch) in shown.chars().enumerate() {
                let pos = l.start + map[k];
                let mut s = st.base;
                if claim.as_ref().is_some_and(|c| c.contains(&pos)) {
                    s = s.patch(st.emphasis);
                }
                if let Some(&(ms, me)) =
                    self.matches.iter().find(|(ms, me)| *ms <= pos && pos < *me)
                {
                    s = s.patch(if current == Some((ms, me)) {
                        theme.selected
                    } else {
                        st.matched
                    });
                }
                spans.push(Span::styled(ch.to_string(), s));
            }
            out.push(Line::from(spans));
        }
        f.render_widget(Paragraph::new(out), text);
    }
}
