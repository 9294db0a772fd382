//! The application state and `App::update`, which applies an [`Action`].
//! Nothing here draws; `draw` only reads this state.

use std::sync::Arc;

use crate::corpus::Corpus;
use crate::search::{Hit, Query, SearchIndex};
use crate::text::{fold_into, wrap_ranges};

use super::keymap::{Action, Context, Keymap};
use super::layout;
use super::theme::{Settings, Theme};
use crate::export::{self, What};
use crate::store::{Place, Session, Store};

/// The bloc codes of the three panes, in order.
pub const PANES: [&str; 3] = ["us", "cn", "eu"];

/// The views. Blocs, Timeline and Search are tabs; the reader opens on top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Three panes US | China | EU.
    Blocs,
    /// Events on an axis.
    Timeline,
    /// The search prompt and its results.
    Search,
    /// Bar charts of the figures in the claims.
    Figures,
    /// Bookmarked claims and their notes.
    Bookmarks,
    /// An article.
    Reader,
}

/// A list's selection and scroll.
#[derive(Debug, Clone, Default)]
pub struct ListState {
    /// Selected entry.
    pub sel: usize,
    /// First visible entry.
    pub offset: usize,
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// The note of a bookmark (its index in the store).
    Note(usize),
    /// The note of a claim not bookmarked yet.
    NoteClaim(usize),
    /// The path to export to.
    Export(What),
}

/// A one-line prompt at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// What was typed.
    pub input: String,
}

/// The figures view: which bar is selected, in [`Figures::order`].
#[derive(Debug, Clone, Default)]
pub struct FiguresState {
    /// Index into `Figures::order`.
    pub sel: usize,
}

/// The figures of the corpus, grouped for the figures view.
#[derive(Debug, Default)]
pub struct Figures {
    /// Every figure found in the claims.
    pub all: Vec<crate::figures::Figure>,
    /// Figures grouped by kind, each group largest first.
    pub groups: Vec<(crate::figures::Kind, Vec<usize>)>,
    /// The groups flattened: the order in which `j`/`k` walk the bars.
    pub order: Vec<usize>,
}

/// The bloc panes.
#[derive(Debug, Clone, Default)]
pub struct BlocsState {
    /// The focused pane.
    pub focus: usize,
    /// Claim indices listed in each pane.
    pub items: [Vec<usize>; 3],
    /// Selected entry of each pane.
    pub sel: [usize; 3],
    /// First visible entry of each pane.
    pub offset: [usize; 3],
    /// The timeline event the panes are filtered to.
    pub filter: Option<usize>,
}

/// The reader.
#[derive(Debug, Clone, Default)]
pub struct ReaderState {
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

/// The timeline.
#[derive(Debug, Clone, Default)]
pub struct TimelineState {
    /// Selected event.
    pub sel: usize,
    /// Selected quote of the event.
    pub quote: usize,
}

/// The search prompt and results.
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// The query as typed.
    pub input: String,
    /// Results, best first.
    pub hits: Vec<Hit>,
    /// Selected result.
    pub sel: usize,
    /// First visible result.
    pub offset: usize,
    /// Generation of the latest query sent.
    pub generation: u64,
    /// True until the results of the latest query arrive.
    pub pending: bool,
    /// A query for the worker, taken by the event loop.
    pub request: Option<(u64, String)>,
    /// A problem with the query (unknown bloc).
    pub problem: Option<String>,
    /// How many claims matched, once the ranking is complete.
    pub matched: Option<usize>,
    /// The generation whose results are shown.
    pub shown: u64,
}

/// One line of the reader: a char range of the body, or a blank line.
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
}

/// The application.
pub struct App {
    /// The corpus.
    pub corpus: Arc<Corpus>,
    /// Its search index.
    pub index: Arc<SearchIndex>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Terminal capabilities.
    pub settings: Settings,
    /// Styles (from the settings and the config).
    pub theme: Theme,
    /// Bookmarks, notes and session, saved per corpus.
    pub store: Store,
    /// Where each bookmark's claim is in the corpus.
    pub places: Vec<Place>,
    /// The bookmarks list.
    pub bookmarks_view: ListState,
    /// The open prompt (note, export path), if any.
    pub prompt: Option<Prompt>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The current view.
    pub view: View,
    /// Where `Back` returns to.
    pub history: Vec<View>,
    /// The help overlay, with its scroll, when open.
    pub help: Option<u16>,
    /// Bloc panes.
    pub blocs: BlocsState,
    /// Reader.
    pub reader: ReaderState,
    /// Timeline.
    pub timeline: TimelineState,
    /// Search.
    pub search: SearchState,
    /// Figures.
    pub figures_view: FiguresState,
    /// The figures of the corpus, found on first use (see [`App::figures`]).
    figures: std::sync::OnceLock<Figures>,
    /// A message for the status line.
    pub message: Option<String>,
    /// Set when the app should exit.
    pub quit: bool,
}

impl App {
    /// A new app on `corpus`, at the Blocs view, keeping nothing on disk.
    pub fn new(corpus: Arc<Corpus>, settings: Settings, size: (u16, u16)) -> Self {
        let index = Arc::new(SearchIndex::new(&corpus));
        Self::with(corpus, index, Store::in_memory(), settings, size)
    }

    /// A new app on `corpus` with its index and its store.
    pub fn with(
        corpus: Arc<Corpus>,
        index: Arc<SearchIndex>,
        mut store: Store,
        settings: Settings,
        size: (u16, u16),
    ) -> Self {
        let places = store.resolve(&corpus);
        let mut app = App {
            corpus,
            index,
            keymap: Keymap::default(),
            settings,
            theme: settings.theme(),
            store,
            places,
            bookmarks_view: ListState::default(),
            prompt: None,
            size,
            view: View::Blocs,
            history: Vec::new(),
            help: None,
            blocs: BlocsState::default(),
            reader: ReaderState::default(),
            timeline: TimelineState::default(),
            search: SearchState::default(),
            figures_view: FiguresState::default(),
            figures: std::sync::OnceLock::new(),
            message: None,
            quit: false,
        };
        app.fill_panes();
        app
    }

    /// The figures of the corpus, found on first use: most sessions never
    /// open the figures view, and on a large corpus finding them takes
    /// seconds that start-up need not pay.
    pub fn figures(&self) -> &Figures {
        self.figures.get_or_init(|| {
            let all = crate::figures::all(&self.corpus);
            let groups = crate::figures::groups(&all);
            let order = groups.iter().flat_map(|(_, g)| g.iter().copied()).collect();
            Figures { all, groups, order }
        })
    }

    /// The claim of the selected figure.
    fn selected_figure_claim(&self) -> Option<usize> {
        let f = self.figures();
        f.order
            .get(self.figures_view.sel)
            .and_then(|&i| self.corpus.claim_index(&f.all[i].claim))
    }

    /// The key contexts that apply now, most specific first.
    pub fn contexts(&self) -> Vec<Context> {
        if self.help.is_some() {
            return vec![Context::Help, Context::Global];
        }
        if self.prompt.is_some() {
            return vec![Context::Prompt];
        }
        match self.view {
            View::Reader if self.reader.finding => vec![Context::Prompt],
            View::Search => vec![Context::Search],
            View::Reader => vec![Context::Reader, Context::Global],
            View::Timeline => vec![Context::Timeline, Context::Global],
            View::Figures => vec![Context::Figures, Context::Global],
            View::Bookmarks => vec![Context::Bookmarks, Context::Global],
            View::Blocs => vec![Context::Blocs, Context::Global],
        }
    }

    /// True when a prompt takes typed chars.
    pub fn typing(&self) -> bool {
        self.help.is_none()
            && (self.prompt.is_some()
                || self.view == View::Search
                || (self.view == View::Reader && self.reader.finding))
    }

    fn fill_panes(&mut self) {
        let filter: Option<Vec<usize>> = self
            .blocs
            .filter
            .and_then(|e| self.corpus.events.get(e))
            .map(|ev| {
                ev.sources
                    .iter()
                    .filter_map(|s| s.claim.as_deref())
                    .filter_map(|id| self.corpus.claim_index(id))
                    .collect()
            });
        for (p, code) in PANES.iter().enumerate() {
            self.blocs.items[p] = self
                .corpus
                .claims_in_bloc(code)
                .map(|(i, _)| i)
                .filter(|i| filter.as_ref().is_none_or(|f| f.contains(i)))
                .collect();
            self.blocs.sel[p] = 0;
            self.blocs.offset[p] = 0;
        }
    }

    /// Focuses the first pane that lists claim `c` and selects it there.
    pub fn select_claim(&mut self, c: usize) {
        for p in 0..3 {
            if let Some(k) = self.blocs.items[p].iter().position(|&x| x == c) {
                self.blocs.focus = p;
                self.blocs.sel[p] = k;
                self.scroll_pane(p);
                return;
            }
        }
    }

    /// The selected claim of the focused pane.
    pub fn selected_claim(&self) -> Option<usize> {
        let p = self.blocs.focus;
        self.blocs.items[p].get(self.blocs.sel[p]).copied()
    }

    /// Height in rows of a claim entry in a list `width` wide: its wrapped
    /// text plus the source line.
    pub fn entry_height(&self, claim: usize, width: u16) -> usize {
        let (shown, _) = super::views::display(&self.corpus.claims[claim].text);
        wrap_ranges(&shown, usize::from(width.saturating_sub(2)).max(1)).len() + 1
    }

    fn list_rect(&self, pane: usize) -> Option<ratatui::layout::Rect> {
        let f = layout::frame(self.size.0, self.size.1);
        layout::panes(f.body, self.blocs.focus)[pane].map(|p| p.list)
    }

    /// Keeps the selected entry of `pane` in view.
    fn scroll_pane(&mut self, pane: usize) {
        let Some(r) = self.list_rect(pane) else {
            return;
        };
        let sel = self.blocs.sel[pane];
        let items = self.blocs.items[pane].clone();
        self.blocs.offset[pane] =
            self.offset_for(&items, sel, self.blocs.offset[pane], r.width, r.height);
    }

    /// The first visible entry so that `sel` shows in a list of `h` rows.
    fn offset_for(&self, items: &[usize], sel: usize, offset: usize, w: u16, h: u16) -> usize {
        if items.is_empty() {
            return 0;
        }
        let mut off = offset.min(sel);
        let h = usize::from(h).max(1);
        loop {
            let used: usize = items[off..=sel]
                .iter()
                .map(|&c| self.entry_height(c, w))
                .sum();
            if used <= h || off == sel {
                return off;
            }
            off += 1;
        }
    }

    /// How many entries fit in a page of the focused list (at least 1).
    fn page(&self, h: u16) -> usize {
        usize::from(h / 3).max(1)
    }

    /// The reader's lines for the open article at the current width.
    pub fn reader_lines(&self) -> Vec<Option<DocLine>> {
        let f = layout::frame(self.size.0, self.size.1);
        let width = layout::reader_text(f.body).width;
        document(&self.corpus, self.reader.article, width)
    }

    fn reader_height(&self) -> usize {
        let f = layout::frame(self.size.0, self.size.1);
        usize::from(layout::reader_text(f.body).height).max(1)
    }

    fn reader_scroll_to(&mut self, char_pos: usize) {
        let lines = self.reader_lines();
        let line = lines.iter().position(|l| {
            l.is_some_and(|l| l.start <= char_pos && char_pos < l.end.max(l.start + 1))
        });
        if let Some(line) = line {
            let h = self.reader_height();
            self.reader.scroll = line.saturating_sub(h / 3);
            self.clamp_reader(lines.len());
        }
    }

    fn clamp_reader(&mut self, total: usize) {
        let h = self.reader_height();
        self.reader.scroll = self.reader.scroll.min(total.saturating_sub(h));
    }

    /// Opens the reader on claim `c`, remembering the current view.
    pub fn open_claim(&mut self, c: usize) {
        let Some(claim) = self.corpus.claims.get(c) else {
            return;
        };
        let Some(a) = self
            .corpus
            .articles
            .iter()
            .position(|a| *a.id == *claim.article)
        else {
            return;
        };
        if self.view != View::Reader {
            self.history.push(self.view);
        }
        self.view = View::Reader;
        self.reader = ReaderState {
            article: a,
            claim: Some(c),
            ..ReaderState::default()
        };
        let start = claim.start;
        self.reader_scroll_to(start);
    }

    fn back(&mut self) {
        if self.prompt.take().is_some() {
            return;
        }
        match self.view {
            View::Reader if self.reader.finding => {
                self.reader.finding = false;
                self.reader.find.clear();
                self.reader.matches.clear();
            }
            View::Blocs if self.blocs.filter.is_some() => {
                self.blocs.filter = None;
                self.fill_panes();
                self.message = Some("filter cleared".into());
            }
            View::Blocs => {}
            _ => self.view = self.history.pop().unwrap_or(View::Blocs),
        }
    }

    /// Sends the current query to the worker (taken by the event loop).
    fn request_search(&mut self) {
        self.search.generation += 1;
        self.search.pending = true;
        self.search.request = Some((self.search.generation, self.search.input.clone()));
        let q = Query::parse(&self.search.input, &self.corpus.lexicon);
        self.search.problem = q.problems.first().cloned();
    }

    /// Runs the pending query here and now (headless rendering and tests;
    /// the TUI runs it on the worker thread).
    pub fn search_now(&mut self) {
        if let Some((generation, input)) = self.search.request.take() {
            let q = Query::parse(&input, &self.corpus.lexicon);
            let hits = self.index.search(&q, Some(SEARCH_LIMIT), None);
            self.search_done(generation, hits);
        }
    }

    /// Complete results; stale generations are dropped.
    pub fn search_done(&mut self, generation: u64, hits: Vec<Hit>) {
        let matched = Some(hits.len());
        self.search_snapshot(crate::search::worker::Snapshot {
            generation,
            hits,
            matched,
            complete: true,
        });
    }

    /// Results from the worker, partial or complete; stale generations are
    /// dropped. The selection stays where it was within one query.
    pub fn search_snapshot(&mut self, s: crate::search::worker::Snapshot) {
        if s.generation != self.search.generation {
            return;
        }
        if self.search.shown != s.generation {
            self.search.sel = 0;
            self.search.offset = 0;
            self.search.shown = s.generation;
        }
        self.search.hits = s.hits;
        self.search.matched = s.matched;
        self.search.pending = !s.complete;
        self.search.sel = self
            .search
            .sel
            .min(self.search.hits.len().saturating_sub(1));
    }

    fn search_list_height(&self) -> (u16, u16) {
        let f = layout::frame(self.size.0, self.size.1);
        let (_, list) = layout::search(f.body);
        (list.width, list.height)
    }

    fn scroll_search(&mut self) {
        let (w, h) = self.search_list_height();
        let items: Vec<usize> = self.search.hits.iter().map(|h| h.claim).collect();
        self.search.offset = self.offset_for(&items, self.search.sel, self.search.offset, w, h);
    }

    fn update_find(&mut self) {
        let article = &self.corpus.articles[self.reader.article];
        let needle = crate::text::fold(&self.reader.find);
        self.reader.matches.clear();
        self.reader.current = 0;
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
                self.reader.matches.push((os as usize, oe as usize + 1));
            }
            from += p + needle.len().max(1);
        }
        // Start at the first match at or after the top of the screen.
        let lines = self.reader_lines();
        let top = lines
            .iter()
            .skip(self.reader.scroll)
            .flatten()
            .next()
            .map(|l| l.start)
            .unwrap_or(0);
        self.reader.current = self
            .reader
            .matches
            .iter()
            .position(|m| m.0 >= top)
            .unwrap_or(0);
        self.goto_match();
    }

    fn goto_match(&mut self) {
        if let Some(&(s, _)) = self.reader.matches.get(self.reader.current) {
            self.reader_scroll_to(s);
        }
    }

    fn focus_ring(&self) -> usize {
        let of = |v: View| match v {
            View::Timeline => 3,
            View::Figures => 4,
            View::Bookmarks => 5,
            View::Search => 6,
            _ => self.blocs.focus,
        };
        match self.view {
            View::Reader => self
                .history
                .last()
                .copied()
                .map(of)
                .unwrap_or(self.blocs.focus),
            v => of(v),
        }
    }

    fn set_ring(&mut self, r: usize) {
        match r {
            0..=2 => {
                self.view = View::Blocs;
                self.blocs.focus = r;
                self.scroll_pane(r);
            }
            3 => self.view = View::Timeline,
            4 => {
                self.view = View::Figures;
                let n = self.figures().order.len();
                self.figures_view.sel = self.figures_view.sel.min(n.saturating_sub(1));
            }
            5 => self.view = View::Bookmarks,
            _ => self.open_search(),
        }
        self.history.clear();
    }

    fn open_search(&mut self) {
        if self.view != View::Search {
            if self.view != View::Reader {
                self.history.push(self.view);
            }
            self.view = View::Search;
            if self.search.request.is_none() && self.search.generation == 0 {
                self.request_search();
            }
        }
    }

    /// Applies an action. Returns true when something visible changed.
    pub fn update(&mut self, action: Action) -> bool {
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        if self.help.is_some() {
            match action {
                Action::Help | Action::Back | Action::QuitOrBack => {
                    self.help = None;
                    return true;
                }
                Action::Down => {
                    self.help = self.help.map(|s| s.saturating_add(1));
                    return true;
                }
                Action::Up => {
                    self.help = self.help.map(|s| s.saturating_sub(1));
                    return true;
                }
                Action::Quit | Action::Resize(..) => {}
                _ => self.help = None,
            }
        }
        match action {
            Action::Quit => self.quit = true,
            Action::QuitOrBack => {
                if self.view == View::Blocs && self.blocs.filter.is_none() {
                    self.quit = true;
                } else {
                    self.back();
                }
            }
            Action::Back => self.back(),
            Action::Help => self.help = Some(0),
            Action::Search => self.open_search(),
            Action::ShowBlocs => self.set_ring(self.blocs.focus),
            Action::ShowTimeline => self.set_ring(3),
            Action::ShowFigures => self.set_ring(4),
            Action::NextFocus => self.set_ring((self.focus_ring() + 1) % RING),
            Action::PrevFocus => self.set_ring((self.focus_ring() + RING - 1) % RING),
            Action::Pane(p) => self.set_ring(p.min(2)),
            Action::Resize(w, h) => {
                self.size = (w, h);
                for p in 0..3 {
                    self.scroll_pane(p);
                }
                if self.view == View::Reader {
                    let n = self.reader_lines().len();
                    self.clamp_reader(n);
                }
            }
            Action::Up
            | Action::Down
            | Action::PageUp
            | Action::PageDown
            | Action::Top
            | Action::Bottom => self.move_selection(&action),
            Action::Left | Action::Right => {
                let d: isize = if action == Action::Left { -1 } else { 1 };
                match self.view {
                    View::Blocs => {
                        self.blocs.focus = (self.blocs.focus as isize + d).clamp(0, 2) as usize;
                        self.scroll_pane(self.blocs.focus);
                    }
                    View::Figures => self.figures_jump_group(d),
                    View::Timeline => {
                        let n = self.corpus.events.len();
                        if n > 0 {
                            self.timeline.sel =
                                (self.timeline.sel as isize + d).clamp(0, n as isize - 1) as usize;
                            self.timeline.quote = 0;
                        }
                    }
                    _ => {}
                }
            }
            Action::Open => match self.view {
                View::Blocs => {
                    if let Some(c) = self.selected_claim() {
                        self.open_claim(c);
                    }
                }
                View::Search => {
                    if let Some(h) = self.search.hits.get(self.search.sel) {
                        let c = h.claim;
                        self.open_claim(c);
                    }
                }
                View::Timeline => {
                    let claim = self
                        .corpus
                        .events
                        .get(self.timeline.sel)
                        .and_then(|e| e.sources.get(self.timeline.quote))
                        .and_then(|s| s.claim.as_deref())
                        .and_then(|id| self.corpus.claim_index(id));
                    if let Some(c) = claim {
                        self.open_claim(c);
                    }
                }
                View::Bookmarks => {
                    if let Some(&b) = self.bookmark_order().get(self.bookmarks_view.sel) {
                        match self.places.get(b) {
                            Some(Place::Here(c) | Place::Moved(c)) => {
                                let c = *c;
                                self.open_claim(c);
                            }
                            _ => {
                                self.message =
                                    Some("this claim is no longer in the corpus (orphaned)".into())
                            }
                        }
                    }
                }
                View::Figures => {
                    if let Some(c) = self.selected_figure_claim() {
                        self.open_claim(c);
                    }
                }
                View::Reader => {}
            },
            Action::FilterEvent => {
                if let Some(ev) = self.corpus.events.get(self.timeline.sel) {
                    let title = ev.title.clone();
                    self.blocs.filter = Some(self.timeline.sel);
                    self.fill_panes();
                    self.view = View::Blocs;
                    self.history.clear();
                    self.message = Some(format!(
                        "showing the claims of \u{201c}{title}\u{201d}; Esc clears"
                    ));
                }
            }
            Action::Find => {
                self.reader.finding = true;
                self.reader.find.clear();
                self.reader.matches.clear();
            }
            Action::Submit => match self.prompt.take() {
                Some(p) => self.submit(p),
                None => self.reader.finding = false,
            },
            Action::ShowBookmarks => self.set_ring(5),
            Action::Bookmark => self.bookmark(),
            Action::Annotate => self.annotate(),
            Action::Export => self.export_prompt(),
            Action::NextMatch | Action::PrevMatch => {
                let n = self.reader.matches.len();
                if n > 0 {
                    self.reader.current = if action == Action::NextMatch {
                        (self.reader.current + 1) % n
                    } else {
                        (self.reader.current + n - 1) % n
                    };
                    self.goto_match();
                } else if !self.reader.find.is_empty() {
                    self.message =
                        Some(format!("no match for \u{201c}{}\u{201d}", self.reader.find));
                }
            }
            Action::Input(c) => self.edit(|s| s.push(c)),
            Action::Backspace => self.edit(|s| {
                s.pop();
            }),
            Action::DeleteWord => self.edit(|s| {
                let t = s.trim_end().len();
                s.truncate(t);
                let cut = s.rfind(' ').map(|i| i + 1).unwrap_or(0);
                s.truncate(cut);
            }),
            Action::ClearInput => self.edit(String::clear),
            Action::Click(x, y) => self.click(x, y),
            Action::WheelUp(x, y) | Action::WheelDown(x, y) => {
                let down = matches!(action, Action::WheelDown(..));
                if self.view == View::Blocs
                    && let Some(p) = self.pane_at(x, y)
                {
                    self.blocs.focus = p;
                }
                self.move_selection(if down { &Action::Down } else { &Action::Up });
            }
        }
        true
    }

    /// The group of the figure at position `sel` in [`Figures::order`].
    pub fn figure_group_of(&self, sel: usize) -> usize {
        let mut start = 0;
        for (g, (_, idx)) in self.figures().groups.iter().enumerate() {
            if sel < start + idx.len() {
                return g;
            }
            start += idx.len();
        }
        0
    }

    fn figures_jump_group(&mut self, d: isize) {
        let g = self.figure_group_of(self.figures_view.sel) as isize + d;
        let groups = &self.figures().groups;
        if g < 0 || g as usize >= groups.len() {
            return;
        }
        self.figures_view.sel = groups[..g as usize].iter().map(|(_, i)| i.len()).sum();
    }

    fn edit(&mut self, f: impl FnOnce(&mut String)) {
        if let Some(p) = &mut self.prompt {
            f(&mut p.input);
            return;
        }
        match self.view {
            View::Search => {
                f(&mut self.search.input);
                self.request_search();
            }
            View::Reader if self.reader.finding => {
                f(&mut self.reader.find);
                self.update_find();
            }
            _ => {}
        }
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<usize> {
        let f = layout::frame(self.size.0, self.size.1);
        layout::panes(f.body, self.blocs.focus)
            .iter()
            .position(|p| p.is_some_and(|p| layout::contains(p.outer, x, y)))
    }

    fn click(&mut self, x: u16, y: u16) {
        let f = layout::frame(self.size.0, self.size.1);
        match self.view {
            View::Blocs => {
                let Some(p) = self.pane_at(x, y) else { return };
                self.blocs.focus = p;
                let Some(list) = layout::panes(f.body, p)[p].map(|r| r.list) else {
                    return;
                };
                if !layout::contains(list, x, y) {
                    return;
                }
                let mut row = list.y;
                for (k, &c) in self.blocs.items[p]
                    .iter()
                    .enumerate()
                    .skip(self.blocs.offset[p])
                {
                    let h = self.entry_height(c, list.width) as u16;
                    if y < row + h {
                        self.blocs.sel[p] = k;
                        break;
                    }
                    row += h;
                }
                self.scroll_pane(p);
            }
            View::Search => {
                let (_, list) = layout::search(f.body);
                if !layout::contains(list, x, y) {
                    return;
                }
                let mut row = list.y;
                for (k, h) in self.search.hits.iter().enumerate().skip(self.search.offset) {
                    let eh = self.entry_height(h.claim, list.width) as u16;
                    if y < row + eh {
                        self.search.sel = k;
                        break;
                    }
                    row += eh;
                }
            }
            _ => {}
        }
    }

    fn move_selection(&mut self, action: &Action) {
        let step = |sel: usize, n: usize, page: usize| -> usize {
            if n == 0 {
                return 0;
            }
            match action {
                Action::Up => sel.saturating_sub(1),
                Action::Down => (sel + 1).min(n - 1),
                Action::PageUp => sel.saturating_sub(page),
                Action::PageDown => (sel + page).min(n - 1),
                Action::Top => 0,
                _ => n - 1,
            }
        };
        match self.view {
            View::Blocs => {
                let p = self.blocs.focus;
                let page = self.list_rect(p).map(|r| self.page(r.height)).unwrap_or(1);
                self.blocs.sel[p] = step(self.blocs.sel[p], self.blocs.items[p].len(), page);
                self.scroll_pane(p);
            }
            View::Search => {
                let (_, h) = self.search_list_height();
                self.search.sel = step(self.search.sel, self.search.hits.len(), self.page(h));
                self.scroll_search();
            }
            View::Timeline => {
                let n = self
                    .corpus
                    .events
                    .get(self.timeline.sel)
                    .map(|e| e.sources.len())
                    .unwrap_or(0);
                self.timeline.quote = step(self.timeline.quote, n, 1);
            }
            View::Bookmarks => {
                let n = self.store.state.bookmarks.len();
                self.bookmarks_view.sel = step(self.bookmarks_view.sel, n, 5);
                self.scroll_bookmarks();
            }
            View::Figures => {
                let n = self.figures().order.len();
                self.figures_view.sel = step(self.figures_view.sel, n, 5);
            }
            View::Reader => {
                let total = self.reader_lines().len();
                let h = self.reader_height();
                let max = total.saturating_sub(h);
                let s = self.reader.scroll;
                self.reader.scroll = match action {
                    Action::Up => s.saturating_sub(1),
                    Action::Down => (s + 1).min(max),
                    Action::PageUp => s.saturating_sub(h.saturating_sub(2).max(1)),
                    Action::PageDown => (s + h.saturating_sub(2).max(1)).min(max),
                    Action::Top => 0,
                    _ => max,
                };
            }
        }
    }

    /// "12/87": the position in the current list, for the status line.
    pub fn position(&self) -> Option<(usize, usize)> {
        match self.view {
            View::Blocs => {
                let p = self.blocs.focus;
                let n = self.blocs.items[p].len();
                (n > 0).then(|| (self.blocs.sel[p] + 1, n))
            }
            View::Search => {
                let n = self.search.hits.len();
                (n > 0).then(|| (self.search.sel + 1, n))
            }
            View::Timeline => {
                let n = self.corpus.events.len();
                (n > 0).then(|| (self.timeline.sel + 1, n))
            }
            View::Bookmarks => {
                let n = self.store.state.bookmarks.len();
                (n > 0).then(|| (self.bookmarks_view.sel + 1, n))
            }
            View::Figures => {
                let n = self.figures().order.len();
                (n > 0).then(|| (self.figures_view.sel + 1, n))
            }
            View::Reader => {
                let total = self.reader_lines().len();
                Some((
                    (self.reader.scroll + self.reader_height()).min(total),
                    total,
                ))
            }
        }
    }
}

impl App {
    /// Applies a config: key remaps, colors, default view.
    pub fn configure(&mut self, cfg: &crate::config::Config) {
        let (keymap, _) = Keymap::with_remap(&cfg.keys);
        self.keymap = keymap;
        self.theme = if self.settings.color {
            self.settings.theme().with_colors(&cfg.colors)
        } else {
            self.settings.theme()
        };
        if let Some(v) = cfg.default_view.as_deref().and_then(view_from_name) {
            self.show(v);
        }
    }

    /// Bookmark indices, newest first.
    pub fn bookmark_order(&self) -> Vec<usize> {
        let b = &self.store.state.bookmarks;
        let mut order: Vec<usize> = (0..b.len()).collect();
        order.sort_by(|&x, &y| b[y].created.cmp(&b[x].created).then(y.cmp(&x)));
        order
    }

    /// True when claim `c` is bookmarked (lists mark it).
    pub fn is_bookmarked(&self, c: usize) -> bool {
        self.places
            .iter()
            .any(|p| matches!(p, Place::Here(x) | Place::Moved(x) if *x == c))
    }

    /// The claim the current view has selected, for `b` and `a`.
    pub fn current_claim(&self) -> Option<usize> {
        match self.view {
            View::Blocs => self.selected_claim(),
            View::Search => self.search.hits.get(self.search.sel).map(|h| h.claim),
            View::Reader => self.reader.claim,
            View::Timeline => self
                .corpus
                .events
                .get(self.timeline.sel)
                .and_then(|e| e.sources.get(self.timeline.quote))
                .and_then(|s| s.claim.as_deref())
                .and_then(|id| self.corpus.claim_index(id)),
            View::Figures => self.selected_figure_claim(),
            View::Bookmarks => {
                let b = *self.bookmark_order().get(self.bookmarks_view.sel)?;
                match self.places.get(b)? {
                    Place::Here(c) | Place::Moved(c) => Some(*c),
                    Place::Orphaned => None,
                }
            }
        }
    }

    fn saved(&mut self, ok: &str) {
        self.places = self.store.resolve(&self.corpus);
        self.message = Some(match self.store.save() {
            Ok(()) => ok.to_string(),
            Err(e) => format!("error: {e}"),
        });
    }

    fn bookmark(&mut self) {
        if self.view == View::Bookmarks {
            let Some(&b) = self.bookmark_order().get(self.bookmarks_view.sel) else {
                return;
            };
            self.store.state.bookmarks.remove(b);
            let n = self.store.state.bookmarks.len();
            self.bookmarks_view.sel = self.bookmarks_view.sel.min(n.saturating_sub(1));
            self.saved("bookmark removed");
            return;
        }
        let Some(c) = self.current_claim() else {
            self.message = Some("no claim selected".into());
            return;
        };
        let on = self.store.toggle(&self.corpus, c);
        self.saved(if on {
            "bookmarked (M lists bookmarks)"
        } else {
            "bookmark removed"
        });
    }

    fn annotate(&mut self) {
        let kind = if self.view == View::Bookmarks {
            match self.bookmark_order().get(self.bookmarks_view.sel) {
                Some(&b) => PromptKind::Note(b),
                None => return,
            }
        } else {
            let Some(c) = self.current_claim() else {
                self.message = Some("no claim selected".into());
                return;
            };
            match self.store.find(&self.corpus, c) {
                Some(b) => PromptKind::Note(b),
                None => PromptKind::NoteClaim(c),
            }
        };
        let input = match kind {
            PromptKind::Note(b) => self.store.state.bookmarks[b]
                .note
                .clone()
                .unwrap_or_default(),
            _ => String::new(),
        };
        self.prompt = Some(Prompt { kind, input });
    }

    /// What the current view would export.
    pub fn export_what(&self) -> Option<What> {
        match self.view {
            View::Search => Some(What::Search(self.search.input.clone())),
            View::Bookmarks => Some(What::Bookmarks),
            View::Timeline => Some(What::Timeline),
            _ => None,
        }
    }

    fn export_prompt(&mut self) {
        match self.export_what() {
            Some(what) => {
                let input = export::default_file_name(&what);
                self.prompt = Some(Prompt {
                    kind: PromptKind::Export(what),
                    input,
                });
            }
            None => {
                self.message =
                    Some("export works in the Search, Bookmarks and Timeline views".into())
            }
        }
    }

    fn submit(&mut self, p: Prompt) {
        match p.kind {
            PromptKind::Note(b) => {
                if let Some(bm) = self.store.state.bookmarks.get_mut(b) {
                    let note = p.input.trim();
                    bm.note = (!note.is_empty()).then(|| note.to_string());
                    bm.updated = crate::store::now();
                }
                self.saved("note saved");
            }
            PromptKind::NoteClaim(c) => {
                self.store.annotate(&self.corpus, c, &p.input);
                self.saved("bookmarked, note saved");
            }
            PromptKind::Export(what) => {
                let path = std::path::PathBuf::from(p.input.trim());
                if path.as_os_str().is_empty() {
                    self.message = Some("export cancelled: no file name".into());
                    return;
                }
                let text = export::markdown(&self.corpus, &self.index, &self.store, &what);
                self.message = Some(match crate::store::write_atomic(&path, text.as_bytes()) {
                    Ok(()) => format!("exported to {}", path.display()),
                    Err(e) => format!("error: could not write {}: {e}", path.display()),
                });
            }
        }
    }

    fn scroll_bookmarks(&mut self) {
        let f = layout::frame(self.size.0, self.size.1);
        let list = layout::bookmarks(f.body);
        let h = usize::from(list.height).max(1);
        let sel = self.bookmarks_view.sel;
        let order = self.bookmark_order();
        let heights: Vec<usize> = order
            .iter()
            .map(|&b| self.bookmark_height(b, list.width))
            .collect();
        let mut off = self.bookmarks_view.offset.min(sel);
        while off < sel && heights[off..=sel].iter().sum::<usize>() > h {
            off += 1;
        }
        self.bookmarks_view.offset = off;
    }

    /// Rows a bookmark entry takes in a list `width` wide: text, note, source.
    pub fn bookmark_height(&self, b: usize, width: u16) -> usize {
        let bm = &self.store.state.bookmarks[b];
        let w = usize::from(width.saturating_sub(2)).max(1);
        let text = wrap_ranges(&super::views::display(&bm.text).0, w).len();
        let note = bm
            .note
            .as_deref()
            .map(|n| wrap_ranges(&super::views::display(n).0, w.saturating_sub(2).max(1)).len())
            .unwrap_or(0);
        text + note + 1
    }

    /// Where the user is, to restore at the next start.
    pub fn session(&self) -> Session {
        let base = if self.view == View::Reader {
            self.history.last().copied().unwrap_or(View::Blocs)
        } else {
            self.view
        };
        Session {
            view: view_name(base).into(),
            focus: self.blocs.focus,
            selected: (0..3)
                .map(|p| {
                    self.blocs.items[p]
                        .get(self.blocs.sel[p])
                        .map(|&c| self.corpus.claims[c].id.clone())
                })
                .collect(),
            query: self.search.input.clone(),
            event: self
                .corpus
                .events
                .get(self.timeline.sel)
                .map(|e| e.id.clone()),
            figure: self.figures_view.sel,
            bookmark: self.bookmarks_view.sel,
        }
    }

    /// Goes back to a saved session; what no longer exists is skipped.
    pub fn restore(&mut self, s: &Session) {
        for (p, id) in s.selected.iter().enumerate().take(3) {
            if let Some(c) = id.as_deref().and_then(|id| self.corpus.claim_index(id))
                && let Some(k) = self.blocs.items[p].iter().position(|&x| x == c)
            {
                self.blocs.sel[p] = k;
                self.scroll_pane(p);
            }
        }
        self.blocs.focus = s.focus.min(2);
        if let Some(e) = s
            .event
            .as_deref()
            .and_then(|id| self.corpus.events.iter().position(|e| e.id == id))
        {
            self.timeline.sel = e;
        }
        // Clamped when the figures view opens, so that restoring does not
        // find the figures.
        self.figures_view.sel = s.figure;
        self.bookmarks_view.sel = s
            .bookmark
            .min(self.store.state.bookmarks.len().saturating_sub(1));
        if !s.query.is_empty() {
            self.search.input = s.query.clone();
            self.request_search();
        }
        self.show(view_from_name(&s.view).unwrap_or(View::Blocs));
    }

    /// Switches to a tab view (not the reader).
    pub fn show(&mut self, v: View) {
        match v {
            View::Blocs => self.set_ring(self.blocs.focus),
            View::Timeline => self.set_ring(3),
            View::Figures => self.set_ring(4),
            View::Bookmarks => self.set_ring(5),
            View::Search => self.set_ring(6),
            View::Reader => {}
        }
    }
}

/// A view's name in the session and the config.
pub fn view_name(v: View) -> &'static str {
    match v {
        View::Blocs | View::Reader => "blocs",
        View::Timeline => "timeline",
        View::Figures => "figures",
        View::Bookmarks => "bookmarks",
        View::Search => "search",
    }
}

/// The view of a name.
pub fn view_from_name(s: &str) -> Option<View> {
    Some(match s {
        "blocs" => View::Blocs,
        "timeline" => View::Timeline,
        "figures" => View::Figures,
        "bookmarks" => View::Bookmarks,
        "search" => View::Search,
        _ => return None,
    })
}

/// Stops of the focus ring: three panes, Timeline, Figures, Bookmarks, Search.
const RING: usize = 7;

/// How many search results are ranked and kept.
pub const SEARCH_LIMIT: usize = 500;

/// The reader's lines of an article wrapped to `width`.
pub fn document(corpus: &Corpus, article: usize, width: u16) -> Vec<Option<DocLine>> {
    let Some(a) = corpus.articles.get(article) else {
        return Vec::new();
    };
    let claims = &corpus.claims[a.claim_range.clone()];
    let mut out = Vec::new();
    for (p, r) in a.paragraphs.iter().enumerate() {
        if p > 0 {
            out.push(None);
        }
        let heading = claims
            .iter()
            .any(|c| c.paragraph == p && c.kind == crate::corpus::ClaimKind::Heading);
        let text = a.paragraph_text(p).unwrap_or_default();
        let (shown, map) = super::views::display(&text);
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
            }));
        }
    }
    out
}
