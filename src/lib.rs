//! triptyque: read and explore a corpus of articles on the geopolitics of AI,
//! side by side: the United States, China, Europe, and any bloc a corpus adds.
//!
//! The core knows nothing about terminals. From the bottom up: [`text`],
//! [`warning`] and [`lang`] (language profiles); [`corpus`] (articles, claims,
//! the lexicon); [`figures`], [`timeline`] and [`search`] over a corpus;
//! [`dataset`] (a corpus with its timeline and figures); [`json`] (safe JSON); [`fsutil`],
//! [`store`], [`cache`], [`config`] and [`export`]. [`cli`] prints the same
//! structs as JSON or plain text, and [`tui`] is the full-screen explorer.

#![warn(missing_docs)]

pub mod cache;
pub mod cli;
pub mod color;
pub mod config;
pub mod corpus;
pub mod dataset;
pub mod events;
pub mod example;
pub mod export;
pub mod figures;
pub mod fsutil;
pub mod i18n;
pub mod json;
pub mod lang;
pub mod mapped;
pub mod names;
pub mod search;
pub mod store;
pub mod terms;
pub mod text;
pub mod timeline;
pub mod tui;
pub mod view;
pub mod warning;
