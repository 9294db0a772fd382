//! Colors as configs and lexicons name them: one of the 16 standard colors,
//! or `#rrggbb`. Terminal-free: the explorer maps them to its own type.

use serde::{Serialize, Serializer};

/// A color, as a config or a lexicon names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Color {
    /// The terminal's default.
    Reset,
    /// Black.
    Black,
    /// Red.
    Red,
    /// Green.
    Green,
    /// Yellow.
    Yellow,
    /// Blue.
    Blue,
    /// Magenta.
    Magenta,
    /// Cyan.
    Cyan,
    /// Gray.
    Gray,
    /// Dark gray.
    DarkGray,
    /// Light red.
    LightRed,
    /// Light green.
    LightGreen,
    /// Light yellow.
    LightYellow,
    /// Light blue.
    LightBlue,
    /// Light magenta.
    LightMagenta,
    /// Light cyan.
    LightCyan,
    /// White.
    White,
    /// A 24-bit color.
    Rgb(u8, u8, u8),
}

impl Color {
    /// The color a terminal can show: RGB as is when it has 24-bit color,
    /// else the nearest of the 16 standard colors.
    pub fn for_terminal(self, truecolor: bool) -> Color {
        match self {
            Color::Rgb(r, g, b) if !truecolor => nearest_ansi(r, g, b),
            c => c,
        }
    }

    /// Its name in a config file (`dark_gray`, `#12abef`).
    pub fn name(self) -> String {
        match self {
            Color::Reset => "reset".into(),
            Color::Black => "black".into(),
            Color::Red => "red".into(),
            Color::Green => "green".into(),
            Color::Yellow => "yellow".into(),
            Color::Blue => "blue".into(),
            Color::Magenta => "magenta".into(),
            Color::Cyan => "cyan".into(),
            Color::Gray => "gray".into(),
            Color::DarkGray => "dark_gray".into(),
            Color::LightRed => "light_red".into(),
            Color::LightGreen => "light_green".into(),
            Color::LightYellow => "light_yellow".into(),
            Color::LightBlue => "light_blue".into(),
            Color::LightMagenta => "light_magenta".into(),
            Color::LightCyan => "light_cyan".into(),
            Color::White => "white".into(),
            Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        }
    }
}

impl Serialize for Color {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

/// Parses a color: a name or `#rrggbb` (kept as RGB; see
/// [`Color::for_terminal`]).
pub fn parse_color(s: &str) -> Option<Color> {
    let s = s.trim().to_ascii_lowercase();
    if let Some(hex) = s.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let v = u32::from_str_radix(hex, 16).ok()?;
        let (r, g, b) = ((v >> 16) as u8, (v >> 8) as u8, v as u8);
        return Some(Color::Rgb(r, g, b));
    }
    Some(match s.replace('-', "_").as_str() {
        "reset" | "default" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "dark_gray" | "dark_grey" => Color::DarkGray,
        "light_red" => Color::LightRed,
        "light_green" => Color::LightGreen,
        "light_yellow" => Color::LightYellow,
        "light_blue" => Color::LightBlue,
        "light_magenta" => Color::LightMagenta,
        "light_cyan" => Color::LightCyan,
        "white" => Color::White,
        _ => return None,
    })
}

/// The standard 16 colors nearest to an RGB one (xterm's default palette).
pub fn nearest_ansi(r: u8, g: u8, b: u8) -> Color {
    const PALETTE: [(Color, (i32, i32, i32)); 16] = [
        (Color::Black, (0, 0, 0)),
        (Color::Red, (205, 0, 0)),
        (Color::Green, (0, 205, 0)),
        (Color::Yellow, (205, 205, 0)),
        (Color::Blue, (0, 0, 238)),
        (Color::Magenta, (205, 0, 205)),
        (Color::Cyan, (0, 205, 205)),
        (Color::Gray, (229, 229, 229)),
        (Color::DarkGray, (127, 127, 127)),
        (Color::LightRed, (255, 0, 0)),
        (Color::LightGreen, (0, 255, 0)),
        (Color::LightYellow, (255, 255, 0)),
        (Color::LightBlue, (92, 92, 255)),
        (Color::LightMagenta, (255, 0, 255)),
        (Color::LightCyan, (0, 255, 255)),
        (Color::White, (255, 255, 255)),
    ];
    let (r, g, b) = (i32::from(r), i32::from(g), i32::from(b));
    PALETTE
        .iter()
        .min_by_key(|(_, (pr, pg, pb))| (r - pr).pow(2) + (g - pg).pow(2) + (b - pb).pow(2))
        .map(|(c, _)| *c)
        .unwrap_or(Color::Reset)
}

/// True when the terminal says it has 24-bit color.
pub fn truecolor() -> bool {
    std::env::var("COLORTERM")
        .is_ok_and(|v| v.eq_ignore_ascii_case("truecolor") || v.eq_ignore_ascii_case("24bit"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_colors_fall_back_to_sixteen() {
        let c = |s: &str| parse_color(s).map(|c| c.for_terminal(false));
        assert_eq!(c("#ff0000"), Some(Color::LightRed));
        assert_eq!(
            c("#102060"),
            Some(Color::Black),
            "a dark navy is nearest to black"
        );
        assert_eq!(c("#0000ee"), Some(Color::Blue));
        assert_eq!(
            parse_color("#123456").map(|c| c.for_terminal(true)),
            Some(Color::Rgb(0x12, 0x34, 0x56))
        );
        assert_eq!(parse_color("Light-Blue"), Some(Color::LightBlue));
        assert_eq!(parse_color("#12345"), None);
        for name in ["dark_gray", "#12abef", "white"] {
            assert_eq!(parse_color(name).map(Color::name).as_deref(), Some(name));
        }
    }
}
