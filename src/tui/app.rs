//! The app: routing between the views, the focus ring, history, prompts and
//! help. Each view owns its state and handles its own actions; the app
//! passes actions on, carries out the effects that stay inside the explorer
//! (open a claim, filter the panes) and queues the ones that touch the world
//! (search, save, export) for the event loop. `update` does no I/O.

use std::sync::Arc;

use super::effect::{Effect, Found};
use super::keymap::{Action, Context, Keymap};
use super::theme::{Settings, Theme};
use super::views::Cx;
use super::views::blocs::BlocsView;
use super::views::bookmarks::{self, BookmarksView};
use super::views::figures::FiguresView;
use super::views::reader::ReaderView;
use super::views::search::SearchView;
use super::views::timeline::TimelineView;
use crate::config::Config;
use crate::dataset::Dataset;
use crate::export::{self, What};
use crate::i18n::{tr, trf};
use crate::search::SearchIndex;
use crate::search::worker::Snapshot;
use crate::store::{Place, Session, Store};
use crate::view::View;
use crate::warning::Warning;

pub use super::views::search::SEARCH_LIMIT;

/// What a one-line prompt asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PromptKind {
    /// The note of a bookmark (its index in the store).
    Note(usize),
    /// The note of a claim not bookmarked yet.
    NoteClaim(usize),
    /// The path to export to.
    Export(What),
    /// The file is there: replace it? (y or n)
    Overwrite(What, std::path::PathBuf),
}

impl PromptKind {
    /// The prompt's label in the status line.
    pub fn label(&self) -> &'static str {
        match self {
            PromptKind::Note(_) | PromptKind::NoteClaim(_) => tr("note"),
            PromptKind::Export(_) => tr("export to"),
            // Worded with its file where it is drawn.
            PromptKind::Overwrite(..) => tr("overwrite"),
        }
    }
}

/// A one-line prompt at the bottom of the screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// What was typed.
    pub input: String,
}

/// A stop of the focus ring: a pane, or another tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    Pane(usize),
    Tab(View),
}

/// The application.
pub struct App {
    /// The corpus and what is found over it.
    pub data: Arc<Dataset>,
    /// Its search index.
    pub index: Arc<SearchIndex>,
    /// Key bindings.
    pub keymap: Keymap,
    /// Terminal capabilities.
    pub settings: Settings,
    /// Styles (from the settings, the lexicon and the config).
    pub theme: Theme,
    /// Bookmarks, notes and session, saved per corpus.
    pub store: Store,
    /// Where each bookmark's claim is in the corpus.
    pub places: Vec<Place>,
    /// Problems met loading the dataset, for the status line.
    pub warnings: Vec<Warning>,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// The current view.
    pub view: View,
    /// Where `Back` returns to.
    pub history: Vec<View>,
    /// The help overlay, with its scroll, when open.
    pub help: Option<u16>,
    /// The open prompt (note, export path), if any.
    pub prompt: Option<Prompt>,
    /// A message for the status line.
    pub message: Option<String>,
    /// Set when the app should exit.
    pub quit: bool,
    /// Set when the app should stop itself (Ctrl-Z); the loop clears it.
    pub suspend: bool,
    /// The bloc panes.
    pub blocs: BlocsView,
    /// The reader.
    pub reader: ReaderView,
    /// The timeline.
    pub timeline: TimelineView,
    /// The search.
    pub search: SearchView,
    /// The figures.
    pub figures: FiguresView,
    /// The bookmarks.
    pub bookmarks: BookmarksView,
    /// Effects for the event loop, taken by [`App::take_effects`].
    effects: Vec<Effect>,
    /// The figures are found by a worker (the explorer's loop sets it):
    /// the Figures view waits for them instead of finding them.
    pub figures_on_worker: bool,
    /// The timeline's events are found by a worker: the Timeline waits.
    pub events_on_worker: bool,
    /// What the loop was asked to find on a worker (or found at start).
    pub asked: Vec<Found>,
}

/// The read-only context of the views, from the app's fields (a macro, so
/// that a view can be borrowed mutably beside it).
macro_rules! cx {
    ($app:expr) => {
        Cx {
            data: &$app.data,
            index: &$app.index,
            store: &$app.store,
            places: &$app.places,
            settings: &$app.settings,
            theme: &$app.theme,
            size: $app.size,
            figures_on_worker: $app.figures_on_worker,
            events_on_worker: $app.events_on_worker,
        }
    };
}

impl App {
    /// A new app on `data`, at the Blocs view, keeping nothing on disk.
    pub fn new(data: Arc<Dataset>, settings: Settings, size: (u16, u16)) -> Self {
        let index = Arc::new(SearchIndex::new(&data.corpus));
        Self::with(data, index, Store::in_memory(), settings, size)
    }

    /// A new app on `data` with its index and its store, with the default
    /// config (see [`App::configure`]).
    pub fn with(
        data: Arc<Dataset>,
        index: Arc<SearchIndex>,
        mut store: Store,
        settings: Settings,
        size: (u16, u16),
    ) -> Self {
        let places = store.resolve(&data.corpus);
        let warnings = data.warnings().into_iter().cloned().collect();
        let theme = Self::theme_for(&settings, &data, &Config::default());
        let mut app = App {
            data,
            index,
            keymap: Keymap::default(),
            settings,
            theme,
            store,
            places,
            warnings,
            size,
            view: View::Blocs,
            history: Vec::new(),
            help: None,
            prompt: None,
            message: None,
            quit: false,
            suspend: false,
            blocs: BlocsView::default(),
            reader: ReaderView::default(),
            timeline: TimelineView::default(),
            search: SearchView::default(),
            figures: FiguresView::default(),
            bookmarks: BookmarksView::default(),
            effects: Vec::new(),
            figures_on_worker: false,
            events_on_worker: false,
            asked: Vec::new(),
        };
        app.set_panes(&Config::default());
        app
    }

    fn theme_for(settings: &Settings, data: &Dataset, cfg: &Config) -> Theme {
        let tc = crate::color::truecolor();
        let base = if settings.color {
            settings.theme().with_colors(&cfg.colors, tc)
        } else {
            settings.theme()
        };
        base.with_blocs(&data.corpus.lexicon, &cfg.bloc_colors, settings.color, tc)
    }

    fn bloc_codes(&self) -> Vec<&str> {
        self.data
            .corpus
            .lexicon
            .blocs
            .iter()
            .map(|b| b.code.as_str())
            .collect()
    }

    fn set_panes(&mut self, cfg: &Config) -> Vec<Warning> {
        let (codes, warnings) = cfg.panes(&self.bloc_codes());
        self.blocs = BlocsView::new(&cx!(self), &codes);
        // The timeline has a lane per pane.
        self.timeline.lanes = codes;
        warnings
    }

    /// Applies a config: key remaps, colors, panes, default view. Returns
    /// the problems found (unknown actions, keys and blocs), with their line.
    pub fn configure(&mut self, cfg: &Config) -> Vec<Warning> {
        let (keymap, mut warnings) = Keymap::with_remap(&cfg.keys, &cfg.file);
        self.keymap = keymap;
        warnings.extend(cfg.bloc_color_warnings(&self.bloc_codes()));
        self.theme = Self::theme_for(&self.settings, &self.data, cfg);
        warnings.extend(self.set_panes(cfg));
        if let Some(v) = cfg.default_view {
            self.show(v);
        }
        warnings
    }

    /// The context the views read.
    pub fn cx(&self) -> Cx<'_> {
        cx!(self)
    }

    /// The worker found the figures: the view keeps its selection among
    /// them. Returns true when the Figures view shows (to redraw).
    /// The worker found the events: the Timeline selects the session's
    /// event, and is redrawn if shown.
    pub fn events_found(&mut self) -> bool {
        let cx = cx!(self);
        self.timeline.opened(&cx);
        self.view == View::Timeline
    }

    /// The worker found the figures.
    pub fn figures_found(&mut self) -> bool {
        let cx = cx!(self);
        self.figures.opened(&cx);
        self.view == View::Figures
    }

    /// The effects queued for the event loop (search, save, export), in
    /// order; the queue is left empty.
    pub fn take_effects(&mut self) -> Vec<Effect> {
        std::mem::take(&mut self.effects)
    }

    /// The tab the tab bar highlights: the current view, or under the reader
    /// the view it was opened from.
    pub fn tab(&self) -> View {
        match self.view {
            View::Reader => self.history.last().copied().unwrap_or(View::Blocs),
            v => v,
        }
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
            View::Reader if self.reader.typing() => vec![Context::Prompt],
            View::Timeline if self.timeline.typing() => vec![Context::Prompt],
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
                || (self.view == View::Reader && self.reader.typing())
                || (self.view == View::Timeline && self.timeline.typing()))
    }

    /// The claim the current view has selected, for `b` and `a`.
    pub fn current_claim(&self) -> Option<usize> {
        let cx = self.cx();
        match self.view {
            View::Blocs => self.blocs.selected_claim(),
            View::Search => self.search.selected_claim(),
            View::Reader => self.reader.claim,
            View::Timeline => self.timeline.selected_claim(&cx),
            View::Figures => self.figures.selected_claim(&cx),
            View::Bookmarks => self.bookmarks.selected_claim(&cx),
        }
    }

    /// "12/87": the position in the current list, for the status line.
    pub fn position(&self) -> Option<(usize, usize)> {
        let cx = self.cx();
        match self.view {
            View::Blocs => self.blocs.position(),
            View::Search => self.search.position(),
            View::Timeline => self.timeline.position(&cx),
            View::Bookmarks => self.bookmarks.position(&cx),
            View::Figures => self.figures.position(&cx),
            View::Reader => self.reader.position(&cx),
        }
    }

    /// True when claim `c` is bookmarked.
    pub fn is_bookmarked(&self, c: usize) -> bool {
        self.cx().is_bookmarked(c)
    }

    /// Focuses the first pane that lists claim `c` and selects it there.
    pub fn select_claim(&mut self, c: usize) -> bool {
        self.blocs.select_claim(&cx!(self), c)
    }

    /// Selects the timeline event with this id.
    pub fn select_event(&mut self, id: &str) -> bool {
        self.timeline.select_id(&cx!(self), id)
    }

    /// Selects the first figure of claim `id`.
    pub fn select_figure(&mut self, id: &str) {
        self.figures.select_claim(&cx!(self), id)
    }

    /// Opens the reader on claim `c`, remembering the current view.
    pub fn open_claim(&mut self, c: usize) {
        if self.reader.open(&cx!(self), c) {
            if self.view != View::Reader {
                self.history.push(self.view);
            }
            self.view = View::Reader;
        }
    }

    fn stops(&self) -> Vec<Stop> {
        (0..self.blocs.panes.len())
            .map(Stop::Pane)
            .chain(
                View::TABS
                    .into_iter()
                    .filter(|v| *v != View::Blocs)
                    .map(Stop::Tab),
            )
            .collect()
    }

    fn current_stop(&self) -> Stop {
        match self.tab() {
            View::Blocs | View::Reader => Stop::Pane(self.blocs.focus),
            v => Stop::Tab(v),
        }
    }

    fn go(&mut self, stop: Stop) {
        match stop {
            Stop::Pane(p) => {
                self.view = View::Blocs;
                self.blocs.focus_pane(&cx!(self), p);
            }
            Stop::Tab(View::Search) => self.open_search(),
            Stop::Tab(v) => {
                self.view = v;
                self.ask_for(v);
                match v {
                    View::Figures => self.figures.opened(&cx!(self)),
                    View::Timeline => self.timeline.opened(&cx!(self)),
                    _ => {}
                }
            }
        }
        self.history.clear();
    }

    fn ring(&mut self, d: isize) {
        let stops = self.stops();
        let at = stops
            .iter()
            .position(|s| *s == self.current_stop())
            .unwrap_or(0) as isize;
        let n = stops.len() as isize;
        self.go(stops[(at + d).rem_euclid(n) as usize]);
    }

    /// Asks the loop for what view `v` shows, when a worker finds it and
    /// no one asked yet (a warm start reads it from the cache only then).
    fn ask_for(&mut self, v: View) {
        let found = match v {
            View::Figures if self.figures_on_worker && self.data.figures_if_found().is_none() => {
                Found::Figures
            }
            View::Timeline if self.events_on_worker && self.data.events_if_found().is_none() => {
                Found::Events
            }
            _ => return,
        };
        if !self.asked.contains(&found) {
            self.asked.push(found);
            self.effects.push(Effect::Find(found));
        }
    }

    /// Switches to a tab view (not the reader).
    pub fn show(&mut self, v: View) {
        match v {
            View::Blocs => self.go(Stop::Pane(self.blocs.focus)),
            View::Reader => {}
            v => self.go(Stop::Tab(v)),
        }
    }

    fn open_search(&mut self) {
        if self.view != View::Search {
            if self.view != View::Reader {
                self.history.push(self.view);
            }
            self.view = View::Search;
            let mut out = Vec::new();
            self.search.opened(&cx!(self), &mut out);
            self.route(out);
        }
    }

    /// Carries out what the views asked for: the effects inside the app now,
    /// the others queued for the event loop.
    fn route(&mut self, effects: Vec<Effect>) {
        for e in effects {
            match e {
                Effect::Open(c) => self.open_claim(c),
                Effect::FilterPanes(e) => {
                    let Some(title) = self.data.events().get(e).map(|ev| ev.title.clone()) else {
                        continue;
                    };
                    self.blocs.set_filter(&cx!(self), e);
                    self.view = View::Blocs;
                    self.history.clear();
                    self.message = Some(trf(
                        "showing the claims of \u{201c}{title}\u{201d}; Esc clears",
                        &[("title", &title)],
                    ));
                }
                Effect::Message(m) => self.message = Some(m),
                io => self.effects.push(io),
            }
        }
    }

    /// Passes an action to the current view.
    fn pass_to_view(&mut self, a: &Action) -> bool {
        let mut out = Vec::new();
        let cx = cx!(self);
        let changed = match self.view {
            View::Blocs => self.blocs.handle(&cx, a, &mut out),
            View::Reader => self.reader.handle(&cx, a, &mut out),
            View::Timeline => self.timeline.handle(&cx, a, &mut out),
            View::Search => self.search.handle(&cx, a, &mut out),
            View::Figures => self.figures.handle(&cx, a, &mut out),
            View::Bookmarks => self.bookmarks.handle(&cx, a, &mut out),
        };
        let routed = !out.is_empty();
        self.route(out);
        changed || routed
    }

    fn back(&mut self) -> bool {
        if self.prompt.take().is_some() {
            return true;
        }
        // The view first: the reader closes its find prompt, the panes drop
        // their filter.
        if self.pass_to_view(&Action::Back) {
            return true;
        }
        if self.view == View::Blocs {
            return false;
        }
        self.view = self.history.pop().unwrap_or(View::Blocs);
        true
    }

    /// Applies an action. Returns true when something visible changed. Does
    /// no I/O: what needs some is queued (see [`App::take_effects`]).
    pub fn update(&mut self, action: Action) -> bool {
        let had_message = self.message.is_some();
        if !matches!(action, Action::Resize(..)) {
            self.message = None;
        }
        if self.help.is_some() {
            match action {
                Action::Help | Action::Back | Action::QuitOrBack => {
                    self.help = None;
                    return true;
                }
                Action::Down
                | Action::Up
                | Action::PageDown
                | Action::PageUp
                | Action::HalfPageDown
                | Action::HalfPageUp
                | Action::Top
                | Action::Bottom => {
                    let (max, page) = crate::tui::views::help::scroll_room(&self.keymap, self.size);
                    let half = page.div_ceil(2);
                    let before = self.help;
                    self.help = self.help.map(|s| {
                        match action {
                            Action::Down => s.saturating_add(1),
                            Action::Up => s.saturating_sub(1),
                            Action::PageDown => s.saturating_add(page),
                            Action::PageUp => s.saturating_sub(page),
                            Action::HalfPageDown => s.saturating_add(half),
                            Action::HalfPageUp => s.saturating_sub(half),
                            Action::Top => 0,
                            _ => max,
                        }
                        .min(max)
                    });
                    return self.help != before;
                }
                Action::Quit | Action::Resize(..) => {}
                _ => self.help = None,
            }
        }
        let changed = match action {
            Action::Quit => {
                self.quit = true;
                true
            }
            Action::Suspend => {
                self.suspend = true;
                false
            }
            Action::QuitOrBack => {
                if self.view == View::Blocs && self.blocs.filter.is_none() {
                    self.quit = true;
                    true
                } else {
                    self.back()
                }
            }
            Action::Back => self.back(),
            Action::Help => {
                self.help = Some(0);
                true
            }
            Action::Search => {
                self.open_search();
                true
            }
            Action::ShowBlocs => {
                self.show(View::Blocs);
                true
            }
            Action::ShowTimeline => {
                self.show(View::Timeline);
                true
            }
            Action::ShowFigures => {
                self.show(View::Figures);
                true
            }
            Action::ShowBookmarks => {
                self.show(View::Bookmarks);
                true
            }
            Action::NextFocus => {
                self.ring(1);
                true
            }
            Action::PrevFocus => {
                self.ring(-1);
                true
            }
            Action::Pane(p) => {
                let last = self.blocs.panes.len().saturating_sub(1);
                self.go(Stop::Pane(p.min(last)));
                true
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                let cx = cx!(self);
                self.blocs.scroll_all(&cx);
                self.reader.clamp_to_size(&cx);
                true
            }
            Action::Bookmark => {
                self.bookmark();
                true
            }
            Action::Annotate => {
                self.annotate();
                true
            }
            Action::Export => {
                self.export_prompt();
                true
            }
            Action::Submit if self.prompt.is_some() => {
                if let Some(p) = self.prompt.take() {
                    self.submit(p);
                }
                true
            }
            // y or n answers at once.
            Action::Input(c)
                if matches!(
                    self.prompt.as_ref().map(|p| &p.kind),
                    Some(PromptKind::Overwrite(..))
                ) =>
            {
                if let Some(mut p) = self.prompt.take() {
                    p.input = c.to_string();
                    self.submit(p);
                }
                true
            }
            a if self.prompt.is_some() && super::views::is_edit(&a) => {
                if let Some(p) = &mut self.prompt {
                    let e = super::views::edit_input(&mut p.input, &a);
                    if e.capped {
                        self.message = Some(trf(
                            "input is limited to {n} chars; the rest was dropped",
                            &[("n", &super::views::MAX_INPUT)],
                        ));
                    }
                }
                true
            }
            a => self.pass_to_view(&a),
        };
        changed || had_message
    }

    /// Finds the bookmarks' claims again (after a save merged others').
    pub fn resolve_bookmarks(&mut self) {
        self.places = self.store.resolve(&self.data.corpus);
        self.bookmarks.clamp(&cx!(self));
    }

    fn saved(&mut self, done: &str) {
        self.places = self.store.resolve(&self.data.corpus);
        self.effects.push(Effect::Save { done: done.into() });
    }

    fn bookmark(&mut self) {
        if self.view == View::Bookmarks {
            let Some(b) = self.bookmarks.selected(&self.cx()) else {
                return;
            };
            self.store.remove(b);
            self.bookmarks.clamp(&cx!(self));
            self.saved(tr("bookmark removed"));
            return;
        }
        let Some(c) = self.current_claim() else {
            self.message = Some(tr("no claim selected").into());
            return;
        };
        let on = self.store.toggle(&self.data.corpus, c);
        self.saved(if on {
            tr("bookmarked (M lists bookmarks)")
        } else {
            tr("bookmark removed")
        });
    }

    fn annotate(&mut self) {
        let kind = if self.view == View::Bookmarks {
            match self.bookmarks.selected(&self.cx()) {
                Some(b) => PromptKind::Note(b),
                None => return,
            }
        } else {
            let Some(c) = self.current_claim() else {
                self.message = Some(tr("no claim selected").into());
                return;
            };
            match self.store.find(&self.data.corpus, c) {
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
            View::Timeline => Some(What::Timeline(self.timeline.filter.clone())),
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
                    Some(tr("export works in the Search, Bookmarks and Timeline views").into())
            }
        }
    }

    fn submit(&mut self, p: Prompt) {
        match p.kind {
            PromptKind::Note(b) => {
                self.store.set_note(b, &p.input);
                self.saved(tr("note saved"));
            }
            PromptKind::NoteClaim(c) => {
                self.store.annotate(&self.data.corpus, c, &p.input);
                self.saved(tr("bookmarked, note saved"));
            }
            PromptKind::Export(what) => {
                let path = std::path::PathBuf::from(p.input.trim());
                if path.as_os_str().is_empty() {
                    self.message = Some(tr("export cancelled: no file name").into());
                    return;
                }
                if path.exists() {
                    // Asked first, as any editor does.
                    self.prompt = Some(Prompt {
                        kind: PromptKind::Overwrite(what, path),
                        input: String::new(),
                    });
                    return;
                }
                self.effects.push(Effect::Export {
                    what,
                    path,
                    overwrite: false,
                });
            }
            PromptKind::Overwrite(what, path) => {
                if export::is_yes(&p.input) {
                    self.effects.push(Effect::Export {
                        what,
                        path,
                        overwrite: true,
                    });
                } else {
                    self.message = Some(tr("export cancelled: the file was kept").into());
                }
            }
        }
    }

    /// Results from the search worker (stale ones are dropped).
    pub fn search_snapshot(&mut self, s: Snapshot) -> bool {
        self.search.snapshot(s)
    }

    /// Where the user is, to restore at the next start.
    pub fn session(&self) -> Session {
        Session {
            view: self.tab().name().into(),
            focus: self.blocs.focus,
            selected: self
                .blocs
                .panes
                .iter()
                .map(|p| {
                    p.items
                        .get(p.list.sel)
                        .and_then(|&c| self.data.corpus.claims.get(c).map(|c| c.id.clone()))
                })
                .collect(),
            query: self.search.input.clone(),
            history: self.search.history.clone(),
            event: self.timeline.selected_id(&self.cx()),
            figure: self.figures.sel,
            bookmark: self.bookmarks.list.sel,
        }
    }

    /// Goes back to a saved session; what no longer exists is skipped.
    pub fn restore(&mut self, s: &Session) {
        let cx = cx!(self);
        for (p, id) in s.selected.iter().enumerate() {
            if let Some(c) = id.as_deref().and_then(|id| cx.corpus().claim_index(id)) {
                self.blocs.select_in(&cx, p, c);
            }
        }
        self.blocs.focus = s.focus.min(self.blocs.panes.len().saturating_sub(1));
        // Selected when the timeline opens: finding the events can wait.
        self.timeline.pending = s.event.clone();
        // Clamped when the figures view opens, so that restoring does not
        // find the figures.
        self.figures.sel = s.figure;
        self.bookmarks.list.sel = s
            .bookmark
            .min(self.store.state.bookmarks.len().saturating_sub(1));
        self.search.history = s.history.clone();
        self.search.history.truncate(super::views::search::HISTORY);
        if !s.query.is_empty() {
            let mut out = Vec::new();
            self.search.set_query(&cx, &s.query, &mut out);
            self.route(out);
        }
        self.show(View::from_name(&s.view).unwrap_or(View::Blocs));
    }

    /// Bookmark indices, newest first.
    pub fn bookmark_order(&self) -> Vec<usize> {
        bookmarks::order(&self.store)
    }
}
