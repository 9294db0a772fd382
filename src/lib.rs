//! triptyque: read and explore a corpus of French articles on the geopolitics
//! of AI, side by side: the United States, China, Europe.
//!
//! The core ([`corpus`], [`search`], [`timeline`], [`text`]) knows nothing
//! about terminals; [`cli`] prints the same structs as JSON or plain text, and
//! [`tui`] is the full-screen explorer over them.

#![warn(missing_docs)]

pub mod cache;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod example;
pub mod export;
pub mod figures;
pub mod search;
pub mod store;
pub mod text;
pub mod timeline;
pub mod tui;
