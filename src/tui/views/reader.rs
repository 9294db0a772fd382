//! The reader: an article wrapped with a margin, the claim highlighted, find
//! matches marked.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{TextStyles, boxed, display};
use crate::text::term_safe;
use crate::tui::app::App;
use crate::tui::layout;

/// Draws the reader.
pub fn draw(app: &App, f: &mut Frame, area: Rect) {
    let theme = app.theme;
    let Some(article) = app.corpus.articles.get(app.reader.article) else {
        return;
    };
    let mut title = format!(" {} ", term_safe(&article.title));
    if let Some(d) = article.date {
        title.push_str(&format!("· {d} "));
    }
    let mut block = boxed(app, Line::from(Span::styled(title, theme.title)), true);
    if app.reader.finding || !app.reader.find.is_empty() {
        let n = app.reader.matches.len();
        let pos = if n > 0 {
            format!("{}/{n}", app.reader.current + 1)
        } else {
            "no match".into()
        };
        let cursor = if app.reader.finding { "_" } else { "" };
        block = block.title_bottom(Line::from(vec![
            Span::styled(
                format!(" /{}{cursor} ", term_safe(&app.reader.find)),
                theme.title,
            ),
            Span::styled(format!("{pos} "), theme.dim),
        ]));
    }
    f.render_widget(block, area);
    let text = layout::reader_text(area);
    let lines = app.reader_lines();
    let body: Vec<char> = article.body.chars().collect();
    let claim = app.reader.claim.and_then(|c| app.corpus.claims.get(c));
    let current = app.reader.matches.get(app.reader.current).copied();
    let mut out = Vec::new();
    for l in lines
        .iter()
        .skip(app.reader.scroll)
        .take(usize::from(text.height))
    {
        let Some(l) = l else {
            out.push(Line::default());
            continue;
        };
        let seg: String = body[l.start..l.end.min(body.len())].iter().collect();
        let (shown, map) = display(&seg);
        let base = if l.heading { theme.title } else { theme.text };
        let st = TextStyles {
            base,
            matched: theme.matched,
            emphasis: theme.claim,
        };
        let mut spans: Vec<Span> = Vec::new();
        for (k, ch) in shown.chars().enumerate() {
            let pos = l.start + map[k];
            let mut s = st.base;
            if claim.is_some_and(|c| c.start <= pos && pos < c.end) {
                s = s.patch(st.emphasis);
            }
            if let Some(&(ms, me)) = app
                .reader
                .matches
                .iter()
                .find(|(ms, me)| *ms <= pos && pos < *me)
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
