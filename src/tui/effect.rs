//! What a view asks for besides changing its own state. Views return
//! effects; the app routes the ones inside the explorer (open a claim, filter
//! the panes, say something) and leaves the ones that touch the world
//! (search on the worker, save, export) to the event loop. `App::update`
//! never does I/O.

use std::path::PathBuf;

use crate::export::What;

/// A request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Rank `query` on the search worker; results come back tagged with
    /// `generation`.
    Search {
        /// The request's number: results of older ones are dropped.
        generation: u64,
        /// The query as typed.
        query: String,
    },
    /// Save the store (bookmarks, notes, session); `done` is said after.
    Save {
        /// The status line's message once saved.
        done: String,
    },
    /// Write the export of `what` to `path`.
    Export {
        /// What to export.
        what: What,
        /// Where.
        path: PathBuf,
        /// Replace a file that is there (the user said yes).
        overwrite: bool,
    },
    /// Open claim `0` in the reader (routed by the app).
    Open(usize),
    /// Show the claims of event `0` in the bloc panes (routed by the app).
    FilterPanes(usize),
    /// Say something in the status line (routed by the app).
    Message(String),
    /// Find what is found over the whole corpus, on a worker: a view that
    /// shows it opened and it is not there yet.
    Find(Found),
}

/// What is found over the whole corpus, once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// The figures.
    Figures,
    /// The timeline's events.
    Events,
}

impl Effect {
    /// True for the effects the event loop carries out (they touch the
    /// world); the others stay inside the app.
    pub fn is_io(&self) -> bool {
        matches!(
            self,
            Effect::Search { .. } | Effect::Save { .. } | Effect::Export { .. }
        )
    }
}
