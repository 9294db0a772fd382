//! Helpers the integration tests share.
#![allow(dead_code)]

use std::path::Path;
use std::process::{Command, Output};

/// Every view the explorer draws, by name.
pub const VIEWS: [&str; 7] = [
    "blocs",
    "reader",
    "timeline",
    "figures",
    "search",
    "help",
    "bookmarks",
];

/// Runs the binary with `args`, HOME and the XDG dirs under `home`.
pub fn run_in(home: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_triptyque"))
        .args(args)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("NO_COLOR")
        // The interface's language follows the locale: the tests read English.
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap()
}

/// The one definition of unsafe, checked on raw bytes: no C0 but tab and
/// newline (ESC only as our own color codes when `color`), no DEL, no C1, no
/// bidi control, no line or paragraph separator.
pub fn assert_no_unsafe<'a>(what: &str, bytes: &'a [u8], color: bool) -> &'a str {
    let s = std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{what}: not UTF-8: {e}"));
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{1b}' && color {
            // Only SGR: ESC [ digits ; m.
            let mut j = i + 1;
            assert_eq!(
                chars.get(j),
                Some(&'['),
                "{what}: ESC not followed by [ at {i}"
            );
            j += 1;
            while chars
                .get(j)
                .is_some_and(|c| c.is_ascii_digit() || *c == ';')
            {
                j += 1;
            }
            assert_eq!(
                chars.get(j),
                Some(&'m'),
                "{what}: a non-SGR sequence at {i}"
            );
            i = j + 1;
            continue;
        }
        assert!(
            !triptyque::text::is_unsafe(c),
            "{what}: unsafe {:#x} at char {i} in …{}…",
            c as u32,
            chars[i.saturating_sub(20)..(i + 20).min(chars.len())]
                .iter()
                .collect::<String>()
                .escape_debug()
        );
        i += 1;
    }
    s
}
