//! The full-screen explorer: a thin layer over the core. Input events become
//! [`Action`]s, [`App::update`] routes them to the views, which change their
//! state and return effects; the loop carries out the ones that touch the
//! world ([`carry_out`]) and [`screen::draw`] reads the state.
//!
//! The terminal is restored on every way out: normal exit, error, panic (a
//! hook restores it before the message is printed), SIGTERM, SIGHUP and
//! SIGINT. Searching runs on a worker thread that drops stale queries. The
//! loop blocks on one channel, so an idle app uses no CPU, and draws only
//! when something changed, each frame as one synchronized update.

pub mod app;
pub mod effect;
pub mod keymap;
pub mod layout;
pub mod screen;
pub mod theme;
pub mod views;

use std::io::{self, IsTerminal, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Sender};
use std::thread;

use crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event, KeyEventKind, MouseButton, MouseEventKind,
};
use crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, LeaveAlternateScreen,
    disable_raw_mode, enable_raw_mode,
};
use crossterm::{cursor, execute};
use ratatui::Terminal;
use ratatui::backend::{CrosstermBackend, TestBackend};

use crate::cache::Loaded;
use crate::corpus::Progress;
use crate::dataset::Dataset;
use crate::fsutil::ExportError;
use crate::i18n::{tr, trf};
use crate::search::worker::{Snapshot, Worker};
use crate::search::{Query, SearchIndex};
use crate::store::{Session, Store};
pub use crate::view::View;
pub use app::App;
pub use effect::Effect;
use effect::Found;
pub use keymap::Action;
pub use theme::Settings;

/// Whether mouse capture was turned on, for the restore path.
static MOUSE_ON: AtomicBool = AtomicBool::new(false);

/// Whether the terminal is in the app's mode (raw, alternate screen). The
/// restore runs once: leaving the alternate screen a second time would move
/// the cursor back up, over a panic message printed in between.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Puts the terminal back as it was. Safe to call more than once, and from a
/// panic hook; errors are ignored (the terminal may be gone).
pub fn restore_terminal() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE_ON.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Leaves the screen to the shell and stops the process, as Ctrl-Z does in
/// any full-screen program: the terminal as it was, then SIGSTOP (SIGTSTP
/// is ours, handled). `fg` resumes here, and the screen is entered again.
fn suspend(terminal: &mut Screen, mouse: bool) -> io::Result<()> {
    restore_terminal();
    // SAFETY: kill and getpid have no preconditions.
    unsafe {
        libc::kill(libc::getpid(), libc::SIGSTOP);
    }
    resume(terminal, mouse)
}

type Screen = Terminal<CrosstermBackend<io::Stdout>>;

/// Enters the screen again after a stop, and redraws all of it. A new
/// `Terminal` forgets what was drawn (`Terminal::clear` would ask the
/// terminal where its cursor is, racing the input thread for the answer).
fn resume(terminal: &mut Screen, mouse: bool) -> io::Result<()> {
    enter_screen(mouse)?;
    *terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    Ok(())
}

/// Raw mode, the alternate screen (cleared), no cursor, bracketed paste,
/// and the mouse when asked: at start and after a stop. [`restore_terminal`]
/// undoes it all.
fn enter_screen(mouse: bool) -> io::Result<()> {
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        EnableBracketedPaste,
        crossterm::terminal::Clear(crossterm::terminal::ClearType::All)
    )?;
    if mouse {
        execute!(out, EnableMouseCapture)?;
        MOUSE_ON.store(true, Ordering::SeqCst);
    }
    Ok(())
}

/// The last way out: a fatal signal (SIGBUS from a file mapped and then cut
/// short, SIGSEGV, SIGILL, SIGFPE, SIGABRT) kills the process where it is, so
/// its handler puts the terminal back with async-signal-safe calls only (the
/// bytes that leave the modes the explorer set, and the saved terminal
/// attributes), then dies of the same signal.
mod fatal {
    use std::sync::OnceLock;

    /// The terminal attributes before raw mode.
    static SAVED: OnceLock<libc::termios> = OnceLock::new();

    /// Mouse off, bracketed paste off, main screen, cursor shown.
    const RESET: &[u8] = b"\x1b[?1000l\x1b[?1002l\x1b[?1003l\x1b[?1006l\x1b[?1015l\x1b[?2004l\x1b[?2026l\x1b[?1049l\x1b[?25h";

    extern "C" fn on_fatal(sig: libc::c_int) {
        // SAFETY: write, tcsetattr, signal and raise are async-signal-safe;
        // SAVED is only read, and was set before the handler was installed.
        unsafe {
            let _ = libc::write(1, RESET.as_ptr().cast(), RESET.len());
            if let Some(t) = SAVED.get() {
                let _ = libc::tcsetattr(0, libc::TCSANOW, t);
            }
            libc::signal(sig, libc::SIG_DFL);
            libc::raise(sig);
        }
    }

    /// Saves the terminal's attributes and installs the handler.
    pub fn install() {
        // SAFETY: tcgetattr fills a plain struct; sigaction installs a handler
        // that only makes async-signal-safe calls.
        unsafe {
            let mut t: libc::termios = std::mem::zeroed();
            if libc::tcgetattr(0, &mut t) == 0 {
                let _ = SAVED.set(t);
            }
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = on_fatal as extern "C" fn(libc::c_int) as usize;
            sa.sa_flags = libc::SA_RESETHAND;
            for sig in [libc::SIGBUS, libc::SIGSEGV, libc::SIGILL, libc::SIGFPE] {
                libc::sigaction(sig, &sa, std::ptr::null_mut());
            }
        }
    }
}

/// Restores the terminal when dropped (normal exit and early returns).
struct Guard;

impl Drop for Guard {
    fn drop(&mut self) {
        restore_terminal();
    }
}

enum Msg {
    Term(Event),
    /// Reading the terminal failed: it is gone (the pane was killed).
    TermGone,
    /// The corpus finished loading.
    Loaded(Box<Result<Loaded, LoadFailed>>),
    Search(Snapshot),
    Signal(i32),
    /// SIGTSTP from outside (`kill -TSTP`): suspend as Ctrl-Z does.
    Stop,
    /// SIGCONT: back from a stop we did not make (SIGSTOP); redraw.
    Continue,
    /// The worker found the figures.
    FiguresFound,
    /// The timeline's events are there.
    EventsFound,
    /// A page of the mapped cache was lost: the file was truncated under
    /// the explorer.
    CacheLost,
    /// The cache's claims and bodies do not match their checksum (checked
    /// after the first frame); the cache file was removed.
    CacheCorrupt,
    /// The corpus was read again (after a lost cache).
    Reloaded(Box<Result<Loaded, LoadFailed>>),
}

/// Why the TUI could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    /// stdin or stdout is not a terminal.
    #[error(
        "not a terminal ({0} is not a tty): the explorer needs one; use a subcommand (`triptyque --help`), or `ssh -t`"
    )]
    NotATerminal(&'static str),
    /// TERM is unset or `dumb`: no cursor addressing, no full screen.
    #[error("TERM is {0}: no full screen here; the commands work anywhere (triptyque --help)")]
    DumbTerminal(String),
    /// The terminal failed.
    #[error("terminal: {0}")]
    Io(#[from] io::Error),
    /// The corpus could not be loaded.
    #[error(transparent)]
    Load(#[from] LoadFailed),
}

/// Why the explorer's corpus could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadFailed {
    /// The directory could not be read, or holds no article.
    #[error(transparent)]
    Corpus(#[from] crate::corpus::LoadError),
    /// `--strict`, and loading met problems.
    #[error("--strict: {} problem(s) while loading:\n{}", .0.len(), .0.iter().map(|w| w.to_string()).collect::<Vec<_>>().join("\n"))]
    Strict(Vec<crate::warning::Warning>),
}

/// Why `render` could not draw what was asked.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// `--select` names no claim.
    #[error("no claim `{0}`")]
    NoClaim(String),
    /// `--select` names no event.
    #[error("no event `{0}`")]
    NoEvent(String),
    /// The reader needs a claim, and there is none.
    #[error("no claim to read")]
    NothingToRead,
    /// Not a view.
    #[error("unknown view `{0}` (blocs, reader, timeline, figures, bookmarks, search, help)")]
    UnknownView(String),
}

/// An export refused or failed, in the reader's language.
fn export_error(e: &ExportError) -> String {
    let why = match e {
        ExportError::NotRegular(name, kind) => trf(
            "{name} is {kind}; export writes only to a regular file or a new path",
            &[("name", name), ("kind", &tr(kind))],
        ),
        ExportError::NoFolder(dir) => trf(
            "no folder {dir}: export does not create folders",
            &[("dir", dir)],
        ),
        ExportError::Exists(name) => trf("{name} exists; nothing was written", &[("name", name)]),
        ExportError::Io(name, io) => {
            trf("cannot write {name}: {why}", &[("name", name), ("why", io)])
        }
    };
    trf("error: {why}", &[("why", &why)])
}

/// A save that failed, in the reader's language (the system's own words
/// for the cause).
fn store_error(e: &crate::store::StoreError) -> String {
    let why = match e {
        crate::store::StoreError::Write { path, source } => trf(
            "could not save {path}: {why}",
            &[("path", &crate::text::escape_path(path)), ("why", source)],
        ),
        crate::store::StoreError::Encode(e) => {
            trf("could not encode the state: {why}", &[("why", e)])
        }
    };
    trf("error: {why}", &[("why", &why)])
}

/// What opening the state said, in the reader's language.
fn store_notice(n: &crate::store::Notice) -> String {
    use crate::store::{Notice, Unusable};
    let why = |u: &Unusable| match u {
        Unusable::Version(v) => trf(
            "has version {found}, which this triptyque (version {known}) does not know",
            &[("found", v), ("known", &crate::store::VERSION)],
        ),
        Unusable::Corrupt(e) => trf("was corrupt ({why})", &[("why", e)]),
    };
    match n {
        Notice::Unreadable { path, error } => trf(
            "cannot read {path}: {why}; bookmarks will not be saved",
            &[("path", path), ("why", error)],
        ),
        Notice::SetAside {
            path,
            why: u,
            backup,
        } => trf(
            "{path} {why}; moved to {backup} and starting with no bookmarks",
            &[("path", path), ("why", &why(u)), ("backup", backup)],
        ),
        Notice::Stuck {
            path,
            why: u,
            error,
        } => trf(
            "{path} {why} and could not be moved aside ({error}); bookmarks will not be saved",
            &[("path", path), ("why", &why(u)), ("error", error)],
        ),
        Notice::NoHome => tr("no home directory: bookmarks will not be saved").to_string(),
    }
}

/// Why the explorer stopped, for stderr once the terminal is restored.
pub fn exit_message(code: i32) -> String {
    let why = match code {
        129 => "the terminal hung up (SIGHUP)".to_string(),
        130 => "interrupted (SIGINT)".to_string(),
        143 => "terminated (SIGTERM)".to_string(),
        1 => "the terminal is gone".to_string(),
        c => format!("stopped (exit {c})"),
    };
    format!("triptyque: {why}")
}

/// Exit code after a signal: 128 + its number, as shells do.
pub struct Exit(pub i32);

/// What the explorer starts with, besides the corpus.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Terminal capabilities.
    pub settings: Settings,
    /// The user's config.
    pub config: crate::config::Config,
    /// Problems with the config, for the status line.
    pub notices: Vec<String>,
    /// Start afresh instead of restoring the last session.
    pub fresh: bool,
}

/// Loads the corpus; runs on its own thread while the UI shows progress
/// (and again when the cache is lost under the explorer).
pub type Loader = Arc<dyn Fn(&Progress) -> Result<Loaded, LoadFailed> + Send + Sync>;

/// Runs the explorer until the user quits. Returns the exit status.
pub fn run(opts: RunOptions, load: Loader) -> Result<Exit, TuiError> {
    if !io::stdin().is_terminal() {
        return Err(TuiError::NotATerminal("stdin"));
    }
    if !io::stdout().is_terminal() {
        return Err(TuiError::NotATerminal("stdout"));
    }
    if let theme::TermKind::Unusable(term) = theme::term_kind(std::env::var("TERM").ok().as_deref())
    {
        return Err(TuiError::DumbTerminal(term));
    }
    let settings = opts.settings;
    let (tx, rx) = mpsc::channel::<Msg>();
    spawn_signals(tx.clone());

    let prev_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        prev_hook(info);
    }));

    fatal::install();
    // Made first: whatever step of entering fails, the drop undoes the rest.
    let _guard = Guard;
    enter_screen(settings.mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
    spawn_input(tx.clone());

    // Load off the UI thread; until it is done, show progress and answer keys.
    let progress = Arc::new(Progress::default());
    {
        let (tx, progress, load) = (tx.clone(), progress.clone(), load.clone());
        thread::spawn(move || {
            let r = load(&progress);
            let _ = tx.send(Msg::Loaded(Box::new(r)));
        });
    }
    let started = std::time::Instant::now();
    // A fast load (the built-in corpus, a warm cache) goes straight to the
    // app: the loading screen shows only when loading takes a moment.
    let mut next = rx.recv_timeout(std::time::Duration::from_millis(50)).ok();
    let loaded = loop {
        if next.is_none() {
            let done = progress.done.load(Ordering::Relaxed);
            let total = progress.total.load(Ordering::Relaxed);
            execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
            terminal.draw(|f| views::draw_loading(f, settings, done, total, started.elapsed()))?;
            execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
            next = rx.recv_timeout(std::time::Duration::from_millis(100)).ok();
        }
        match next.take() {
            Some(Msg::Loaded(r)) => break *r,
            Some(Msg::Signal(sig)) => return Ok(Exit(128 + sig)),
            Some(Msg::TermGone) => return Ok(Exit(1)),
            Some(Msg::Term(Event::Key(k))) if k.kind != KeyEventKind::Release => {
                let ctrl_c = k.code == event::KeyCode::Char('c')
                    && k.modifiers.contains(event::KeyModifiers::CONTROL);
                if ctrl_c || matches!(k.code, event::KeyCode::Esc | event::KeyCode::Char('q')) {
                    return Ok(Exit(130));
                }
            }
            _ => {}
        }
    };
    let loaded = loaded?;
    let size = terminal.size()?;
    let (store, store_msg) = Store::for_corpus(&loaded.dataset.corpus);
    let session = if opts.fresh {
        None
    } else {
        store.state.session.clone()
    };
    let notices = [
        opts.notices.clone(),
        store_msg.as_ref().map(store_notice).into_iter().collect(),
    ];
    let (mut app, mut worker) = open_app(
        loaded,
        store,
        session.as_ref(),
        &opts,
        notices,
        (size.width, size.height),
        &tx,
    );
    // A cache cut short under the explorer reads as zeros (`mapped`): a
    // watcher, asleep until then, tells the loop, which reads the corpus
    // again.
    {
        let tx = tx.clone();
        thread::spawn(move || {
            loop {
                crate::mapped::wait_for_loss();
                if tx.send(Msg::CacheLost).is_err() {
                    return;
                }
            }
        });
    }
    // A reading of the corpus under way: the losses it meets meanwhile
    // (each lost page is one) ask for no other.
    let mut reloading = false;
    let mut dirty = true;
    let mut status = Exit(0);
    loop {
        for e in app.take_effects() {
            match e {
                Effect::Find(found) => spawn_find(&tx, &app.data, found),
                e => dirty |= carry_out(&mut app, e, Some(&worker)),
            }
        }
        if dirty {
            execute!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
            terminal.draw(|f| screen::draw(&app, f))?;
            execute!(terminal.backend_mut(), EndSynchronizedUpdate)?;
            dirty = false;
        }
        if app.quit {
            break;
        }
        if std::mem::take(&mut app.suspend) {
            suspend(&mut terminal, settings.mouse)?;
            dirty = true;
            continue;
        }
        // Block until something happens, then take everything pending so that a
        // burst (a resize drag, pasted text) costs one frame.
        let Ok(first) = rx.recv() else { break };
        let mut batch = vec![first];
        batch.extend(rx.try_iter());
        // A signal or a lost terminal ends the app before anything else in
        // the batch (thousands of pasted keys) is looked at.
        if let Some(end) = batch.iter().find_map(|m| match m {
            Msg::Signal(sig) => Some(Exit(128 + sig)),
            Msg::TermGone => Some(Exit(1)),
            _ => None,
        }) {
            status = end;
            break;
        }
        let last_resize = batch
            .iter()
            .rposition(|m| matches!(m, Msg::Term(Event::Resize(..))));
        for (i, msg) in batch.into_iter().enumerate() {
            match msg {
                Msg::Term(Event::Resize(..)) if Some(i) != last_resize => {}
                Msg::Term(ev) => {
                    if let Some(action) = to_action(&app, &ev) {
                        dirty |= app.update(action);
                    }
                    // A quit key ends the batch: the keys pasted after it
                    // are not for this app.
                    if app.quit {
                        break;
                    }
                }
                Msg::Search(s) => {
                    app.search_snapshot(s);
                    dirty = true;
                }
                Msg::FiguresFound => dirty |= app.figures_found(),
                Msg::EventsFound => dirty |= app.events_found(),
                Msg::CacheLost | Msg::CacheCorrupt if reloading => {}
                Msg::CacheLost | Msg::CacheCorrupt => {
                    reloading = true;
                    app.message = Some(
                        if matches!(msg, Msg::CacheLost) {
                            tr("the cache file was cut short under triptyque: reading the corpus again")
                        } else {
                            tr("the cache file does not match its checksum: reading the corpus again")
                        }
                        .to_string(),
                    );
                    let (tx, load) = (tx.clone(), load.clone());
                    thread::spawn(move || {
                        let r = load(&Progress::default());
                        let _ = tx.send(Msg::Reloaded(Box::new(r)));
                    });
                    dirty = true;
                }
                Msg::Reloaded(r) => {
                    reloading = false;
                    // The same session on the corpus read again: the user
                    // stays where they were.
                    match *r {
                        Ok(loaded) => {
                            let session = app.session();
                            let store = std::mem::replace(&mut app.store, Store::in_memory());
                            (app, worker) = open_app(
                                loaded,
                                store,
                                Some(&session),
                                &opts,
                                Default::default(),
                                app.size,
                                &tx,
                            );
                            app.message = Some(tr("the corpus was read again").to_string());
                        }
                        Err(e) => app.message = Some(e.to_string()),
                    }
                    dirty = true;
                }
                Msg::Loaded(_) => {}
                Msg::TermGone => {
                    app.quit = true;
                    status = Exit(1);
                }
                Msg::Signal(sig) => {
                    app.quit = true;
                    status = Exit(128 + sig);
                }
                Msg::Stop => app.suspend = true,
                Msg::Continue => {
                    resume(&mut terminal, settings.mouse)?;
                    dirty = true;
                }
            }
        }
    }
    // The session is saved on every way out the loop sees (quit, signals).
    app.store.state.session = Some(app.session());
    let _ = app.store.save();
    Ok(status)
}

/// The app over a loaded corpus, with `store` and the user's `session`
/// restored, its figures and events asked of workers where they were never
/// found, and its search worker. `notices` go to the status line, before
/// and after the config's warnings.
fn open_app(
    loaded: Loaded,
    store: Store,
    session: Option<&Session>,
    opts: &RunOptions,
    notices: [Vec<String>; 2],
    size: (u16, u16),
    tx: &mpsc::Sender<Msg>,
) -> (App, Worker) {
    // The cache's bulk is checked while the explorer already shows it.
    if let Some(check) = loaded.check {
        let tx = tx.clone();
        thread::spawn(move || {
            if !check.run() {
                let _ = tx.send(Msg::CacheCorrupt);
            }
        });
    }
    let data = Arc::new(loaded.dataset);
    let mut app = App::with(
        data.clone(),
        Arc::new(loaded.index),
        store,
        opts.settings,
        size,
    );
    // What is found over the whole corpus (figures, events) takes seconds
    // on a large one: a worker finds it, and the views say so meanwhile.
    // Found before and kept with the cache, it is read when a view first
    // shows it, not at start: a session that never opens the Figures does
    // not hold them. Found for the first time, it is found now, and kept.
    app.figures_on_worker = true;
    app.events_on_worker = true;
    for found in [Found::Figures, Found::Events] {
        if !data.is_memoized(found_name(found)) {
            app.asked.push(found);
            spawn_find(tx, &data, found);
        }
    }
    let config_warnings = app.configure(&opts.config);
    if let Some(s) = session {
        app.restore(s);
    }
    let [before, after] = notices;
    let notices: Vec<String> = before
        .into_iter()
        .chain(
            config_warnings
                .iter()
                .map(|w| trf("config: {warning}", &[("warning", &w.shown())])),
        )
        .chain(after)
        .collect();
    if let Some(msg) = notices.first() {
        let more = if notices.len() > 1 {
            trf(" (+{n} more)", &[("n", &(notices.len() - 1))])
        } else {
            String::new()
        };
        app.message = Some(format!("{msg}{more}"));
    }
    let worker = {
        let tx = tx.clone();
        Worker::spawn(
            app.index.clone(),
            Arc::new(data.corpus.lexicon.clone()),
            app::SEARCH_LIMIT,
            move |s| {
                let _ = tx.send(Msg::Search(s));
            },
        )
    };
    (app, worker)
}

/// The memo's name of what is found.
fn found_name(found: Found) -> &'static str {
    match found {
        Found::Figures => "figures",
        Found::Events => "events",
    }
}

/// Finds `found` over the corpus on a thread, and says so when done.
fn spawn_find(tx: &mpsc::Sender<Msg>, data: &Arc<Dataset>, found: Found) {
    let (tx, data) = (tx.clone(), data.clone());
    thread::spawn(move || {
        let msg = match found {
            Found::Figures => {
                data.figures();
                Msg::FiguresFound
            }
            Found::Events => {
                data.events();
                Msg::EventsFound
            }
        };
        let _ = tx.send(msg);
    });
}

/// Carries out an effect a view asked for: a search goes to the worker (or,
/// without one, runs here), a save or an export writes its file and says so
/// in the status line. Returns true when the screen changed.
pub fn carry_out(app: &mut App, effect: Effect, worker: Option<&Worker>) -> bool {
    match effect {
        Effect::Search { generation, query } => match worker {
            Some(w) => {
                w.send(generation, query);
                false
            }
            None => {
                let q = Query::parse(&query, &app.data.corpus.lexicon);
                let hits = app.index.search(&q, Some(app::SEARCH_LIMIT), None);
                app.search_snapshot(Snapshot {
                    generation,
                    matched: Some(hits.len()),
                    hits,
                    complete: true,
                })
            }
        },
        Effect::Save { done } => {
            app.message = Some(match app.store.save() {
                Ok(()) => done,
                Err(e) => store_error(&e),
            });
            // The save merged what other explorers saved: find their claims.
            app.resolve_bookmarks();
            true
        }
        Effect::Export {
            what,
            path,
            overwrite,
        } => {
            let text = crate::export::markdown(&app.data, &app.index, &app.store, &what);
            app.message = Some(
                match crate::fsutil::write_export(&path, text.as_bytes(), overwrite) {
                    Ok(()) => trf(
                        "exported to {path}",
                        &[("path", &crate::text::escape_path(&path))],
                    ),
                    Err(e) => export_error(&e),
                },
            );
            true
        }
        // The app routes these itself; none reaches the loop.
        // Without the loop's workers: found here.
        Effect::Find(Found::Figures) => {
            app.data.figures();
            app.figures_found()
        }
        Effect::Find(Found::Events) => {
            app.data.events();
            app.events_found()
        }
        Effect::Open(_) | Effect::FilterPanes(_) | Effect::Message(_) => false,
    }
}

/// Carries out every queued effect here, with no worker: searches run on
/// this thread. For headless rendering and tests.
pub fn settle(app: &mut App) {
    loop {
        let effects = app.take_effects();
        if effects.is_empty() {
            return;
        }
        for e in effects {
            carry_out(app, e, None);
        }
    }
}

/// Maps a terminal event to an action through the keymap.
pub fn to_action(app: &App, ev: &Event) -> Option<Action> {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => {
            let contexts = app.contexts();
            if let Some(a) = app.keymap.lookup(&contexts, k) {
                return Some(a);
            }
            let ctrl_alt = k
                .modifiers
                .intersects(event::KeyModifiers::CONTROL | event::KeyModifiers::ALT);
            if app.typing() {
                if let event::KeyCode::Char(c) = k.code
                    && !ctrl_alt
                {
                    return Some(Action::Input(c));
                }
                // Prompts still honour the global control keys (Ctrl-c).
                if ctrl_alt {
                    return app.keymap.lookup(&[keymap::Context::Global], k);
                }
            }
            None
        }
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(m.column, m.row)),
            MouseEventKind::ScrollUp => Some(Action::WheelUp(m.column, m.row)),
            MouseEventKind::ScrollDown => Some(Action::WheelDown(m.column, m.row)),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize(*w, *h)),
        // A paste is one event: into the prompt when one is open.
        Event::Paste(text) if app.typing() => Some(Action::Paste(text.clone())),
        _ => None,
    }
}

fn spawn_input(tx: Sender<Msg>) {
    thread::spawn(move || {
        loop {
            match event::read() {
                Ok(ev) => {
                    if tx.send(Msg::Term(ev)).is_err() {
                        return;
                    }
                }
                Err(_) => {
                    let _ = tx.send(Msg::TermGone);
                    return;
                }
            }
        }
    });
}

fn spawn_signals(tx: Sender<Msg>) {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGXFSZ};
    // Past a file size limit (`ulimit -f`), a write fails with an error we
    // report, instead of the signal killing the process mid-save.
    let _ =
        signal_hook::flag::register(SIGXFSZ, Arc::new(std::sync::atomic::AtomicBool::new(false)));
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT]) else {
        return;
    };
    // Job control: a stop from outside is a Ctrl-Z; a continue after a
    // stop we did not make redraws.
    if let Ok(mut jobs) = signal_hook::iterator::Signals::new([
        signal_hook::consts::SIGTSTP,
        signal_hook::consts::SIGCONT,
    ]) {
        let tx = tx.clone();
        thread::spawn(move || {
            for sig in jobs.forever() {
                let m = if sig == signal_hook::consts::SIGTSTP {
                    Msg::Stop
                } else {
                    Msg::Continue
                };
                if tx.send(m).is_err() {
                    return;
                }
            }
        });
    }
    thread::spawn(move || {
        if let Some(sig) = signals.forever().next() {
            let _ = tx.send(Msg::Signal(sig));
            // The loop ends within a frame; if it has not in half a second
            // (it is stuck in some long work), end the process here, with the
            // terminal restored. What was saved is saved: every change is.
            thread::sleep(std::time::Duration::from_millis(450));
            restore_terminal();
            eprintln!("{}", exit_message(128 + sig));
            std::process::exit(128 + sig);
        }
    });
}

/// What `triptyque render` draws.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// A view's name, or `help` (the overlay over the panes).
    pub view: String,
    /// Columns and rows.
    pub size: (u16, u16),
    /// A search query (search view).
    pub query: Option<String>,
    /// A claim id (blocs, reader, search, figures) or an event id (timeline).
    pub select: Option<String>,
    /// The user's config (panes, colors, keys).
    pub config: crate::config::Config,
}

/// Draws one frame, exactly as the TUI would, into plain text (one line per
/// row, trailing spaces trimmed).
pub fn render(
    data: Dataset,
    settings: Settings,
    opts: &RenderOptions,
) -> Result<String, RenderError> {
    let index = SearchIndex::new(&data.corpus);
    render_with(data, index, settings, opts)
}

/// [`render`] with the corpus's index already built (or mapped from the
/// cache), as the CLI has it.
pub fn render_with(
    data: Dataset,
    index: SearchIndex,
    settings: Settings,
    opts: &RenderOptions,
) -> Result<String, RenderError> {
    let app = render_app(data, index, settings, opts)?;
    Ok(frame_text(&app))
}

/// The app as `render` sets it up: the view, its selection and query, all
/// effects carried out.
pub fn render_app(
    data: Dataset,
    index: SearchIndex,
    settings: Settings,
    opts: &RenderOptions,
) -> Result<App, RenderError> {
    let (w, h) = opts.size;
    let data = Arc::new(data);
    let mut app = App::with(
        data.clone(),
        Arc::new(index),
        Store::in_memory(),
        settings,
        (w, h),
    );
    app.configure(&opts.config);
    let (view, help) = match opts.view.as_str() {
        "help" => (View::Blocs, true),
        v => (
            View::from_name(v).ok_or_else(|| RenderError::UnknownView(v.into()))?,
            false,
        ),
    };
    let claim = match &opts.select {
        Some(id) if view != View::Timeline => Some(
            data.corpus
                .claim_index(id)
                .ok_or_else(|| RenderError::NoClaim(id.clone()))?,
        ),
        _ => None,
    };
    match view {
        View::Blocs => {
            if let Some(c) = claim {
                app.select_claim(c);
            }
        }
        View::Reader => {
            let c = claim
                .or_else(|| app.blocs.selected_claim())
                .ok_or(RenderError::NothingToRead)?;
            app.open_claim(c);
        }
        View::Timeline => {
            app.show(View::Timeline);
            if let Some(id) = &opts.select
                && !app.select_event(id)
            {
                return Err(RenderError::NoEvent(id.clone()));
            }
        }
        View::Figures => {
            app.show(View::Figures);
            if let Some(id) = &opts.select {
                app.select_figure(id);
            }
        }
        View::Bookmarks => app.show(View::Bookmarks),
        View::Search => {
            app.update(Action::Search);
            for c in opts.query.clone().unwrap_or_default().chars() {
                app.update(Action::Input(c));
            }
            settle(&mut app);
            if let Some(c) = claim
                && let Some(p) = app.search.hits.iter().position(|h| h.claim == c)
            {
                app.search.list.sel = p;
            }
        }
    }
    if help {
        app.update(Action::Help);
    }
    settle(&mut app);
    Ok(app)
}

/// The text of one frame of `app` at its size.
pub fn frame_text(app: &App) -> String {
    let (w, h) = app.size;
    let mut terminal = match Terminal::new(TestBackend::new(w, h)) {
        Ok(t) => t,
        Err(e) => match e {},
    };
    let drawn = terminal.draw(|f| screen::draw(app, f));
    if drawn.is_err() {
        return String::new();
    }
    let buf = terminal.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        let mut line = String::new();
        let mut skip = 0usize;
        for x in 0..w {
            if skip > 0 {
                skip -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            let sym = cell.symbol();
            line.push_str(sym);
            skip = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}
