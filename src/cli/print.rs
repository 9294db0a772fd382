//! Plain, human output of the CLI: aligned, wrapped, colored on a terminal.

use std::io::{self, BufWriter, IsTerminal, Stdout, Write};

use crossterm::style::Stylize;
use unicode_width::UnicodeWidthStr;

use crate::corpus::{Article, Claim, ClaimKind, Corpus, Lexicon};
use crate::dataset::{Dataset, Figures};
use crate::text::{term_safe, wrap_ranges};

/// The width to wrap to: the terminal's, `COLUMNS`, or 80.
pub fn terminal_width() -> usize {
    if io::stdout().is_terminal()
        && let Ok((w, _)) = crossterm::terminal::size()
        && w > 0
    {
        return w as usize;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w| w > 0)
        .unwrap_or(80)
}

/// The terminal color of a config or lexicon color.
fn term_color(c: crate::color::Color) -> crossterm::style::Color {
    use crate::color::Color as C;
    use crossterm::style::Color as T;
    match c {
        C::Reset => T::Reset,
        C::Black => T::Black,
        C::Red => T::DarkRed,
        C::Green => T::DarkGreen,
        C::Yellow => T::DarkYellow,
        C::Blue => T::DarkBlue,
        C::Magenta => T::DarkMagenta,
        C::Cyan => T::DarkCyan,
        C::Gray => T::Grey,
        C::DarkGray => T::DarkGrey,
        C::LightRed => T::Red,
        C::LightGreen => T::Green,
        C::LightYellow => T::Yellow,
        C::LightBlue => T::Blue,
        C::LightMagenta => T::Magenta,
        C::LightCyan => T::Cyan,
        C::White => T::White,
        C::Rgb(r, g, b) => T::Rgb { r, g, b },
    }
}

/// Output in ASCII mode: each piece written (always whole `str`s: it sits
/// before the buffer) with its symbols as their ASCII fallbacks.
pub struct AsciiOut<W: Write> {
    inner: W,
    on: bool,
}

impl<W: Write> Write for AsciiOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match std::str::from_utf8(buf) {
            Ok(s) if self.on => {
                self.inner.write_all(crate::text::to_ascii(s).as_bytes())?;
                Ok(buf.len())
            }
            _ => self.inner.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Writes plain output.
pub struct Printer {
    out: AsciiOut<BufWriter<Stdout>>,
    color: bool,
    /// Cut long fields to the width: only on a terminal. Piped output keeps
    /// every char, for grep and scripts.
    cuts: bool,
    /// Columns to wrap to.
    pub width: usize,
}

/// Pads `s` with spaces to `w` display columns.
fn pad(s: &str, w: usize) -> String {
    let n = w.saturating_sub(UnicodeWidthStr::width(s));
    format!("{s}{}", " ".repeat(n))
}

/// Cuts `s` to at most `w` display columns, with an ellipsis when cut.
fn cut(s: &str, w: usize) -> String {
    crate::text::cut_to_width(s, w, "…").into_owned()
}

impl Printer {
    /// [`cut`] on a terminal; the whole of `s` in a pipe.
    fn cut(&self, s: &str, w: usize) -> String {
        if self.cuts { cut(s, w) } else { s.to_string() }
    }

    /// A printer to stdout; `ascii` writes symbols as ASCII (`--ascii`, or
    /// a locale that is not UTF-8), as the explorer draws them.
    pub fn new(color: bool, width: usize, ascii: bool) -> Self {
        Printer {
            out: AsciiOut {
                inner: BufWriter::new(io::stdout()),
                on: ascii,
            },
            color,
            cuts: io::stdout().is_terminal(),
            width: width.max(20),
        }
    }

    /// Flushes stdout.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    fn dim(&self, s: &str) -> String {
        if self.color {
            s.dark_grey().to_string()
        } else {
            s.to_string()
        }
    }

    fn id(&self, s: &str) -> String {
        if self.color {
            s.magenta().to_string()
        } else {
            s.to_string()
        }
    }

    fn bold(&self, s: &str) -> String {
        if self.color {
            s.bold().to_string()
        } else {
            s.to_string()
        }
    }

    /// `[US]`, in the bloc's color (the lexicon's; cyan for a bloc with none).
    fn badge(&self, lexicon: &Lexicon, code: &str) -> String {
        let bloc = lexicon.bloc(code);
        let label = bloc
            .map(|b| b.short.clone())
            .unwrap_or_else(|| code.to_uppercase());
        let s = format!("[{}]", term_safe(&label));
        if !self.color {
            return s;
        }
        let color = bloc
            .and_then(|b| b.color)
            .map(|c| term_color(c.for_terminal(crate::color::truecolor())))
            .unwrap_or(crossterm::style::Color::Cyan);
        s.with(color).to_string()
    }

    /// `articles`: one aligned row each; the title goes on its own line
    /// when the ids leave it too little room.
    pub fn articles(&mut self, articles: &[Article]) -> io::Result<()> {
        let idw = articles
            .iter()
            .map(|a| a.id.width())
            .max()
            .unwrap_or(2)
            .max(2);
        let room = self.width.saturating_sub(10 + 2 + 6 + 2 + idw + 2);
        let inline = room >= 24;
        let head = if inline {
            format!(
                "{}  {}  {}  TITLE",
                pad("DATE", 10),
                pad("CLAIMS", 6),
                pad("ID", idw)
            )
        } else {
            format!("{}  {}  ID / TITLE", pad("DATE", 10), pad("CLAIMS", 6))
        };
        writeln!(self.out, "{}", self.bold(&head))?;
        for a in articles {
            let date = a.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
            let mut title = term_safe(&a.title).into_owned();
            if let Some(au) = &a.author {
                title = format!("{title} — {}", term_safe(au));
            }
            let id = term_safe(&a.id);
            if inline {
                let id = self.id(&pad(&id, idw));
                writeln!(
                    self.out,
                    "{}  {:>6}  {id}  {}",
                    pad(&date, 10),
                    a.claim_count(),
                    self.cut(&title, room)
                )?;
            } else {
                let indent = 10 + 2 + 6 + 2;
                writeln!(
                    self.out,
                    "{}  {:>6}  {}",
                    pad(&date, 10),
                    a.claim_count(),
                    self.id(&id)
                )?;
                let t = self.cut(&title, self.width.saturating_sub(indent).max(10));
                writeln!(self.out, "{}{}", " ".repeat(indent), self.dim(&t))?;
            }
        }
        Ok(())
    }

    /// Claims (or search results): a header line, then the text wrapped and
    /// indented, matched chars highlighted.
    pub fn claims<'a>(
        &mut self,
        lexicon: &crate::corpus::Lexicon,
        items: impl Iterator<Item = (&'a Claim, Option<i64>, &'a [usize])>,
    ) -> io::Result<()> {
        for (claim, score, indices) in items {
            let mut head = self.id(&term_safe(&claim.id));
            for b in &claim.blocs {
                head.push(' ');
                head.push_str(&self.badge(lexicon, b));
            }
            let mut meta = Vec::new();
            if let Some(s) = score {
                meta.push(format!("score {s}"));
            }
            if !claim.topics.is_empty() {
                meta.push(claim.topics.join(","));
            }
            if !claim.dates.is_empty() {
                meta.push(
                    claim
                        .dates
                        .iter()
                        .map(|d| d.date.to_string())
                        .collect::<Vec<_>>()
                        .join(","),
                );
            }
            if !meta.is_empty() {
                head.push_str(&self.dim(&format!("  {}", meta.join(" · "))));
            }
            writeln!(self.out, "{head}")?;
            let body = self.styled_wrap(&claim.text, indices, None, 4)?;
            writeln!(self.out, "{body}")?;
        }
        Ok(())
    }

    /// Wraps `text` to the width minus `indent`, with `hl` (char indices)
    /// highlighted and the char range `mark` emphasized.
    fn styled_wrap(
        &self,
        text: &str,
        hl: &[usize],
        mark: Option<std::ops::Range<usize>>,
        indent: usize,
    ) -> io::Result<String> {
        let text = term_safe(text);
        let width = self.width.saturating_sub(indent).max(10);
        let mut out = String::new();
        // char index of each byte start, to map wrapped byte ranges to chars.
        let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        let char_of = |b: usize| starts.partition_point(|&x| x < b);
        for (li, r) in wrap_ranges(&text, width).into_iter().enumerate() {
            if li > 0 {
                out.push('\n');
            }
            out.push_str(&" ".repeat(indent));
            let c0 = char_of(r.start);
            for (k, ch) in text[r].chars().enumerate() {
                let ci = c0 + k;
                let is_hl = hl.binary_search(&ci).is_ok();
                let in_mark = mark.as_ref().is_some_and(|m| m.contains(&ci));
                let s = ch.to_string();
                out.push_str(&match (self.color, is_hl, in_mark) {
                    (true, true, _) => s.red().bold().to_string(),
                    (true, false, true) => s.bold().underlined().to_string(),
                    _ => s,
                });
            }
        }
        Ok(out)
    }

    /// `show ARTICLE`: a header, then every paragraph wrapped.
    pub fn article(&mut self, corpus: &Corpus, a: &Article) -> io::Result<()> {
        writeln!(
            self.out,
            "{}",
            self.bold(&self.cut(&term_safe(&a.title), self.width))
        )?;
        let mut meta = Vec::new();
        if let Some(au) = &a.author {
            meta.push(term_safe(au).into_owned());
        }
        if let Some(d) = a.date {
            meta.push(d.to_string());
        }
        if let Some(s) = &a.source {
            meta.push(term_safe(s).into_owned());
        }
        meta.push(format!("{} · {} claims", a.id, a.claim_count()));
        writeln!(
            self.out,
            "{}",
            self.dim(&self.cut(&meta.join(" · "), self.width))
        )?;
        let claims = corpus.claims.slice(a.claim_range.clone());
        for p in 0..a.paragraphs.len() {
            let text = a.paragraph_text(p).unwrap_or_default();
            writeln!(self.out)?;
            let heading = claims
                .iter()
                .any(|c| c.paragraph == p && c.kind == ClaimKind::Heading);
            if heading {
                let body = self.styled_wrap(&text, &[], None, 2)?;
                writeln!(self.out, "{}", self.bold(&body))?;
            } else {
                let body = self.styled_wrap(&text, &[], None, 2)?;
                writeln!(self.out, "{body}")?;
            }
        }
        Ok(())
    }

    /// `show CLAIM`: where it comes from, then its paragraph with the claim
    /// emphasized (between `**` when colors are off).
    pub fn claim_in_context(&mut self, c: &Claim, a: &Article) -> io::Result<()> {
        let date = a.date.map(|d| format!(" ({d})")).unwrap_or_default();
        let title = format!("{}{date}", term_safe(&a.title));
        writeln!(
            self.out,
            "{}",
            self.id(&self.cut(&term_safe(&c.id), self.width))
        )?;
        writeln!(self.out, "{}", self.bold(&self.cut(&title, self.width)))?;
        let mut meta = vec![format!("paragraph {}", c.paragraph + 1)];
        if !c.blocs.is_empty() {
            meta.push(format!("blocs: {}", c.blocs.join(", ")));
        }
        if !c.topics.is_empty() {
            meta.push(format!("topics: {}", c.topics.join(", ")));
        }
        if !c.dates.is_empty() {
            let d: Vec<String> = c.dates.iter().map(|d| d.date.to_string()).collect();
            meta.push(format!("dates: {}", d.join(", ")));
        }
        writeln!(
            self.out,
            "{}",
            self.dim(&self.cut(&meta.join(" · "), self.width))
        )?;
        writeln!(self.out)?;
        let para = a.paragraph_text(c.paragraph).unwrap_or_default();
        let pstart = a.paragraphs.get(c.paragraph).map(|r| r.start).unwrap_or(0);
        let mark = (c.start - pstart)..(c.end - pstart);
        if self.color {
            let body = self.styled_wrap(&para, &[], Some(mark), 2)?;
            writeln!(self.out, "{body}")?;
        } else {
            let chars: Vec<char> = para.chars().collect();
            let part = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>();
            let marked = format!(
                "{}**{}**{}",
                part(0..mark.start),
                part(mark.clone()),
                part(mark.end..chars.len())
            );
            let body = self.styled_wrap(&marked, &[], None, 2)?;
            writeln!(self.out, "{body}")?;
        }
        Ok(())
    }

    /// `bookmarks`: newest first, with notes; orphans say so.
    pub fn bookmarks(&mut self, list: &[crate::export::BookmarkView]) -> io::Result<()> {
        if list.is_empty() {
            writeln!(
                self.out,
                "{}",
                self.dim("no bookmark (b in the explorer bookmarks the selected claim)")
            )?;
        }
        for v in list {
            let b = v.bookmark;
            let mut head = self.id(&term_safe(&b.claim));
            if v.status != "here" {
                head.push_str(&self.dim(&format!("  [{}]", v.status)));
            }
            writeln!(self.out, "{head}")?;
            writeln!(self.out, "{}", self.styled_wrap(&b.text, &[], None, 4)?)?;
            if let Some(n) = &b.note {
                writeln!(
                    self.out,
                    "{}",
                    self.bold(&self.styled_wrap(&format!("note: {n}"), &[], None, 4)?)
                )?;
            }
        }
        Ok(())
    }

    /// `figures`: one table per group, largest first.
    pub fn figures(&mut self, figs: &Figures) -> io::Result<()> {
        let figures = &figs.all;
        for (kind, idx) in &figs.groups {
            writeln!(self.out, "{}", self.bold(&kind.title()))?;
            let dw = idx
                .iter()
                .map(|&i| figures[i].display.width())
                .max()
                .unwrap_or(0);
            let sw = idx
                .iter()
                .map(|&i| figures[i].subject.width())
                .max()
                .unwrap_or(0)
                .min(20);
            for &i in idx {
                let f = &figures[i];
                let line = format!(
                    "  {}  {}  {}",
                    pad(&f.display, dw),
                    pad(&self.cut(&term_safe(&f.subject), sw), sw),
                    self.id(&term_safe(&f.claim))
                );
                writeln!(self.out, "{}", self.cut(&line, self.width + 20))?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }

    /// `timeline`: events in date order with their sources.
    pub fn timeline(&mut self, data: &Dataset) -> io::Result<()> {
        let corpus = &data.corpus;
        for e in data.events() {
            let when = e.when();
            let mut head = format!(
                "{}  {}",
                self.bold(&pad(&when, 12)),
                self.bold(&term_safe(&e.title))
            );
            for b in &e.blocs {
                head.push(' ');
                head.push_str(&self.badge(&corpus.lexicon, b));
            }
            let n = e.corroboration;
            let origin = match e.origin {
                crate::timeline::EventOrigin::Found => "found",
                crate::timeline::EventOrigin::Curated => "curated",
                crate::timeline::EventOrigin::Both => "found, curated",
            };
            head.push_str(&self.dim(&format!(
                "  ({n} article{}, {origin})",
                if n == 1 { "" } else { "s" }
            )));
            writeln!(self.out, "{head}")?;
            writeln!(self.out, "{}", self.styled_wrap(&e.summary, &[], None, 4)?)?;
            for d in &e.disagreements {
                let msg = format!("sources disagree: {}", d.summary);
                let msg = if self.color {
                    msg.yellow().to_string()
                } else {
                    msg
                };
                writeln!(self.out, "    {msg}")?;
            }
            if let Some(n) = &e.note {
                writeln!(
                    self.out,
                    "{}",
                    self.dim(&self.styled_wrap(&format!("date: {n}"), &[], None, 4)?)
                )?;
            }
            for s in &e.sources {
                let id = s.claim.clone().unwrap_or_else(|| s.article.clone());
                writeln!(self.out, "    {}", self.id(&term_safe(&id)))?;
                writeln!(
                    self.out,
                    "{}",
                    self.dim(&self.styled_wrap(&format!("« {} »", s.quote), &[], None, 6)?)
                )?;
            }
            writeln!(self.out)?;
        }
        Ok(())
    }
}
