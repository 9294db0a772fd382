//! JSON that is safe to print: every output of `--json`, the exports and the
//! state file are written through [`SafeFormatter`], which escapes, as
//! `\uXXXX`, the chars that a terminal would act on and that serde_json
//! leaves raw (DEL, C1 controls, bidi controls and isolates, U+2028 and
//! U+2029). The data is kept: a JSON reader decodes them back.

use std::io;

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::text::is_unsafe;

/// A pretty formatter that escapes unsafe chars in strings.
pub struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Default for SafeFormatter<'_> {
    fn default() -> Self {
        SafeFormatter(PrettyFormatter::new())
    }
}

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    // The layout is the pretty formatter's.
    fn begin_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + io::Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as pretty, safe JSON.
pub fn to_writer<W: io::Write, T: ?Sized + Serialize>(w: W, value: &T) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(w, SafeFormatter::default());
    value.serialize(&mut ser)
}

/// `value` as pretty, safe JSON bytes.
pub fn to_vec<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    to_writer(&mut out, value)?;
    Ok(out)
}

/// `value` as a pretty, safe JSON string.
pub fn to_string<T: ?Sized + Serialize>(value: &T) -> serde_json::Result<String> {
    // The formatter writes only whole UTF-8 strings and ASCII.
    to_vec(value).map(|v| String::from_utf8_lossy(&v).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_chars_are_escaped_and_kept() {
        let s = "a\u{1b}]0;x\u{7}b\u{9b}31m c\u{202e}d\u{2028}e\u{7f}f\u{85}g é";
        let json = to_string(&serde_json::json!({ "t": s })).unwrap();
        for c in json.chars() {
            assert!(
                !is_unsafe(c) && (c == '\n' || !c.is_control()),
                "{c:?} in {json}"
            );
        }
        assert!(json.contains("\\u009b") && json.contains("\\u202e") && json.contains("\\u2028"));
        let back: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(back["t"], s, "the data is kept");
        assert_eq!(
            json,
            serde_json::to_string_pretty(&serde_json::json!({ "t": s }))
                .unwrap()
                .replace('\u{9b}', "\\u009b")
                .replace('\u{202e}', "\\u202e")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{7f}', "\\u007f")
                .replace('\u{85}', "\\u0085"),
            "the same layout as serde_json's pretty printer"
        );
    }
}
