//! Key bindings as data: one table maps keys to actions per context, and the
//! help overlay is generated from the same table.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::config::KeyRemap;
use crate::warning::Warning;

/// What the user asked for. Input events become actions; `App::update`
/// routes them to the view they concern. Actions a config can bind have a
/// name (their snake_case spelling, or `pane_1` to `pane_9`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the program.
    Quit,
    /// Suspend to the shell (Ctrl-Z); `fg` comes back.
    Suspend,
    /// Quit from the home view, else go back.
    QuitOrBack,
    /// Back to where you were (close a prompt, the reader, a filter).
    Back,
    /// Move up one entry or line.
    Up,
    /// Move down one entry or line.
    Down,
    /// Previous pane or event.
    Left,
    /// Next pane or event.
    Right,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// Half a page up.
    HalfPageUp,
    /// Half a page down.
    HalfPageDown,
    /// To the first entry.
    Top,
    /// To the last entry.
    Bottom,
    /// Next pane or view, in the focus ring: the panes, then Timeline,
    /// Figures, Bookmarks and Search.
    NextFocus,
    /// Previous pane or view.
    PrevFocus,
    /// Focus a bloc pane (0 is the first).
    Pane(usize),
    /// Open the selection in the reader.
    Open,
    /// Toggle the help overlay.
    Help,
    /// Open the search prompt over all claims.
    Search,
    /// Go to the Blocs view.
    ShowBlocs,
    /// Go to the Timeline view.
    ShowTimeline,
    /// Go to the Figures view.
    ShowFigures,
    /// Go to the Bookmarks view.
    ShowBookmarks,
    /// Bookmark the selected claim, or remove its bookmark.
    Bookmark,
    /// Write or edit the note of the selected claim.
    Annotate,
    /// Export what the view shows to a Markdown file.
    Export,
    /// Find in the article (reader).
    Find,
    /// Next find match.
    NextMatch,
    /// Previous find match.
    PrevMatch,
    /// Filter the bloc panes to the claims of the selected event.
    FilterEvent,
    /// Type a char in the active prompt.
    Input(char),
    /// Text pasted into the active prompt, as one event (bracketed paste).
    #[serde(skip)]
    Paste(String),
    /// Delete the char before the cursor.
    Backspace,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Clear the prompt.
    ClearInput,
    /// Accept the prompt (find, note, export path).
    Submit,
    /// The terminal was resized.
    Resize(u16, u16),
    /// A mouse click at (column, row).
    Click(u16, u16),
    /// Mouse wheel up at (column, row).
    WheelUp(u16, u16),
    /// Mouse wheel down at (column, row).
    WheelDown(u16, u16),
}

/// How many panes have a key of their own (`1` to `9`).
pub const PANE_KEYS: usize = 9;

impl Action {
    /// The name a config binds it by, for the actions that have one.
    pub fn name(&self) -> Option<String> {
        match self {
            Action::Pane(n) if *n < PANE_KEYS => Some(format!("pane_{}", n + 1)),
            Action::Pane(_) => None,
            a => match serde_json::to_value(a) {
                Ok(serde_json::Value::String(s)) => Some(s),
                _ => None,
            },
        }
    }

    /// The action a config names.
    pub fn from_name(name: &str) -> Option<Action> {
        if let Some(n) = name.strip_prefix("pane_") {
            return n
                .parse::<usize>()
                .ok()
                .filter(|n| (1..=PANE_KEYS).contains(n))
                .map(|n| Action::Pane(n - 1));
        }
        // Only unit variants deserialize from a bare string: actions that
        // carry data (typed chars, sizes, clicks) have no name.
        serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
    }
}

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// Everywhere, unless a more specific binding takes the key.
    Global,
    /// The three bloc panes.
    Blocs,
    /// The article reader.
    Reader,
    /// A one-line prompt: find in the article, filter the timeline, a note,
    /// an export path.
    Prompt,
    /// The timeline.
    Timeline,
    /// The figures charts.
    Figures,
    /// The bookmarks list.
    Bookmarks,
    /// The search prompt and its results.
    Search,
    /// The help overlay.
    Help,
}

impl Context {
    /// The heading of this group in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Context::Global => "Everywhere",
            Context::Blocs => "Blocs",
            Context::Reader => "Reader",
            Context::Prompt => "Prompts (find, filter, note, export)",
            Context::Timeline => "Timeline",
            Context::Figures => "Figures",
            Context::Bookmarks => "Bookmarks",
            Context::Search => "Search",
            Context::Help => "Help",
        }
    }
}

/// One binding: keys, in a context, to an action, with a description.
#[derive(Debug, Clone)]
pub struct Binding {
    /// Where it applies.
    pub context: Context,
    /// Key names: `j`, `Down`, `Ctrl-c`, `Shift-Tab`, `PageUp`, `Enter`...
    pub keys: Vec<String>,
    /// What it does.
    pub action: Action,
    /// For the help overlay.
    pub help: &'static str,
    /// Shown in the status line's hints.
    pub hint: bool,
}

fn b(context: Context, keys: &[&str], action: Action, help: &'static str, hint: bool) -> Binding {
    Binding {
        context,
        keys: keys.iter().map(|k| k.to_string()).collect(),
        action,
        help,
        hint,
    }
}

/// The default bindings, most specific contexts first.
#[rustfmt::skip]
pub fn default_bindings() -> Vec<Binding> {
    use Action as A;
    use Context as C;
    vec![
        b(C::Prompt, &["Enter"], A::Submit, "accept", true),
        b(C::Prompt, &["Esc"], A::Back, "cancel", true),
        b(C::Prompt, &["Backspace"], A::Backspace, "delete a char", false),
        b(C::Prompt, &["Ctrl-w"], A::DeleteWord, "delete a word", false),
        b(C::Prompt, &["Ctrl-u"], A::ClearInput, "clear", false),
        b(C::Search, &["Enter"], A::Open, "open the result in the reader", true),
        b(C::Search, &["Esc"], A::Back, "close and go back", true),
        b(C::Search, &["Up", "Ctrl-p", "Ctrl-k"], A::Up, "previous result", true),
        b(C::Search, &["Down", "Ctrl-n", "Ctrl-j"], A::Down, "next result", true),
        b(C::Search, &["PageUp", "Ctrl-b"], A::PageUp, "page up", false),
        b(C::Search, &["PageDown", "Ctrl-f"], A::PageDown, "page down", false),
        b(C::Search, &["Ctrl-d"], A::HalfPageDown, "half a page down", false),
        b(C::Search, &["Backspace"], A::Backspace, "delete a char", false),
        b(C::Search, &["Ctrl-w"], A::DeleteWord, "delete a word", false),
        // In the prompt, Ctrl-u is readline's (and fzf's): clear the line.
        b(C::Search, &["Ctrl-u"], A::ClearInput, "clear the query", false),
        b(C::Search, &["Ctrl-s"], A::Bookmark, "bookmark the result", true),
        b(C::Search, &["Ctrl-e"], A::Export, "export the results to Markdown", false),
        b(C::Search, &["Tab"], A::NextFocus, "next view", false),
        b(C::Search, &["Shift-Tab"], A::PrevFocus, "previous view", false),
        b(C::Help, &["Esc", "?", "q"], A::Help, "close help", true),
        b(C::Help, &["j", "Down"], A::Down, "scroll down", false),
        b(C::Help, &["k", "Up"], A::Up, "scroll up", false),
        b(C::Help, &["PageDown", "Ctrl-f", "Space"], A::PageDown, "page down", false),
        b(C::Help, &["PageUp", "Ctrl-b"], A::PageUp, "page up", false),
        b(C::Help, &["Ctrl-d"], A::HalfPageDown, "half a page down", false),
        b(C::Help, &["Ctrl-u"], A::HalfPageUp, "half a page up", false),
        b(C::Help, &["g", "Home"], A::Top, "top", false),
        b(C::Help, &["G", "End"], A::Bottom, "bottom", false),
        b(C::Blocs, &["1"], A::Pane(0), "jump to a pane", false),
        b(C::Blocs, &["2"], A::Pane(1), "jump to a pane", false),
        b(C::Blocs, &["3"], A::Pane(2), "jump to a pane", false),
        b(C::Blocs, &["4"], A::Pane(3), "jump to a pane", false),
        b(C::Blocs, &["5"], A::Pane(4), "jump to a pane", false),
        b(C::Blocs, &["6"], A::Pane(5), "jump to a pane", false),
        b(C::Blocs, &["7"], A::Pane(6), "jump to a pane", false),
        b(C::Blocs, &["8"], A::Pane(7), "jump to a pane", false),
        b(C::Blocs, &["9"], A::Pane(8), "jump to a pane", false),
        b(C::Blocs, &["h", "Left"], A::Left, "pane to the left", true),
        b(C::Blocs, &["l", "Right"], A::Right, "pane to the right", true),
        b(C::Blocs, &["Enter"], A::Open, "read in context", true),
        b(C::Blocs, &["Esc"], A::Back, "clear the event filter", false),
        // With an event's filter on, q clears it first (as Esc does).
        b(C::Blocs, &["q"], A::QuitOrBack, "quit", true),
        b(C::Reader, &["/"], A::Find, "find in the article", true),
        b(C::Reader, &["n"], A::NextMatch, "next match", true),
        b(C::Reader, &["N"], A::PrevMatch, "previous match", false),
        b(C::Reader, &["q", "Esc", "Backspace"], A::Back, "back to where you were", true),
        // less's paging keys; the reader bookmarks with m (a mark).
        b(C::Reader, &["f"], A::PageDown, "page down", false),
        b(C::Reader, &["b"], A::PageUp, "page up", false),
        b(C::Reader, &["d"], A::HalfPageDown, "half a page down", false),
        b(C::Reader, &["u"], A::HalfPageUp, "half a page up", false),
        b(C::Reader, &["m"], A::Bookmark, "bookmark the claim read", true),
        b(C::Timeline, &["h", "Left"], A::Left, "previous event", true),
        b(C::Timeline, &["l", "Right"], A::Right, "next event", true),
        b(C::Timeline, &["g", "Home"], A::Top, "first event", false),
        b(C::Timeline, &["G", "End"], A::Bottom, "last event", false),
        b(C::Timeline, &["j", "Down"], A::Down, "next quote", false),
        b(C::Timeline, &["k", "Up"], A::Up, "previous quote", false),
        b(C::Timeline, &["/"], A::Find, "filter the events (title, quotes)", true),
        b(C::Timeline, &["Enter"], A::Open, "open the quote in the reader", true),
        b(C::Timeline, &["f"], A::FilterEvent, "show the event's claims in the bloc panes", true),
        b(C::Timeline, &["Esc"], A::Back, "clear the filter, else back", false),
        b(C::Timeline, &["q"], A::Back, "back to Blocs", true),
        b(C::Bookmarks, &["Enter"], A::Open, "read in context", true),
        b(C::Bookmarks, &["b", "Delete"], A::Bookmark, "remove the bookmark", true),
        b(C::Bookmarks, &["q", "Esc"], A::Back, "back to Blocs", true),
        b(C::Figures, &["h", "Left"], A::Left, "previous chart", true),
        b(C::Figures, &["l", "Right"], A::Right, "next chart", true),
        b(C::Figures, &["Enter"], A::Open, "open the figure's claim in the reader", true),
        b(C::Figures, &["q", "Esc"], A::Back, "back to Blocs", true),
        b(C::Global, &["Ctrl-c"], A::Quit, "quit", false),
        b(C::Global, &["Ctrl-z"], A::Suspend, "suspend to the shell (fg to come back)", false),
        b(C::Global, &["q"], A::QuitOrBack, "quit (from Blocs), else back", false),
        b(C::Global, &["?"], A::Help, "help", true),
        b(C::Global, &["/"], A::Search, "search all claims", true),
        b(C::Global, &["Tab"], A::NextFocus, "next pane or view", false),
        b(C::Global, &["Shift-Tab", "BackTab"], A::PrevFocus, "previous pane or view", false),
        b(C::Global, &["B"], A::ShowBlocs, "Blocs view", false),
        b(C::Global, &["T"], A::ShowTimeline, "Timeline view", false),
        b(C::Global, &["F"], A::ShowFigures, "Figures view", false),
        b(C::Global, &["M"], A::ShowBookmarks, "Bookmarks view", false),
        b(C::Global, &["b"], A::Bookmark, "bookmark the selected claim", true),
        b(C::Global, &["a"], A::Annotate, "write a note on the selected claim", true),
        b(C::Global, &["e"], A::Export, "export the view to Markdown", false),
        b(C::Global, &["j", "Down"], A::Down, "down", true),
        b(C::Global, &["k", "Up"], A::Up, "up", true),
        b(C::Global, &["PageDown", "Ctrl-f", "Space"], A::PageDown, "page down", false),
        b(C::Global, &["PageUp", "Ctrl-b"], A::PageUp, "page up", false),
        b(C::Global, &["Ctrl-d"], A::HalfPageDown, "half a page down", false),
        b(C::Global, &["Ctrl-u"], A::HalfPageUp, "half a page up", false),
        b(C::Global, &["g", "Home"], A::Top, "first", false),
        b(C::Global, &["G", "End"], A::Bottom, "last", false),
    ]
}

/// A key's name as the interface shows it, in its language ("Esc" is
/// "Échap" in French); the keymap and the config keep the English names.
pub fn key_label(name: &str) -> String {
    use crate::i18n::tr;
    let (prefix, rest) = match name.split_once('-') {
        Some((m @ ("Ctrl" | "Alt" | "Shift"), r)) if !r.is_empty() => (Some(m), r),
        _ => (None, name),
    };
    let rest = match rest {
        "Enter" => tr("Enter"),
        "Esc" => tr("Esc"),
        "Tab" | "BackTab" => tr("Tab"),
        "Backspace" => tr("Backspace"),
        "Delete" => tr("Delete"),
        "Up" => tr("Up"),
        "Down" => tr("Down"),
        "Left" => tr("Left"),
        "Right" => tr("Right"),
        "PageUp" => tr("PageUp"),
        "PageDown" => tr("PageDown"),
        "Home" => tr("Home"),
        "End" => tr("End"),
        "Space" => tr("Space"),
        other => other,
    };
    let prefix = match (prefix, name) {
        (_, "BackTab") | (Some("Shift"), _) => Some(tr("Shift")),
        (Some("Ctrl"), _) => Some(tr("Ctrl")),
        (Some(m), _) => Some(m),
        (None, _) => None,
    };
    match prefix {
        Some(p) => format!("{p}-{rest}"),
        None => rest.to_string(),
    }
}

/// A binding's keys as help shows them: each by its shown name, once
/// ("Shift-Tab" and "BackTab" are one key).
pub fn keys_label(keys: &[String]) -> String {
    let mut shown: Vec<String> = Vec::new();
    for k in keys.iter().map(|k| key_label(k)) {
        if !shown.contains(&k) {
            shown.push(k);
        }
    }
    shown.join(" ")
}

/// Parses a key name (`j`, `G`, `Ctrl-c`, `Shift-Tab`, `PageUp`, `Space`).
pub fn parse_key(name: &str) -> Option<(KeyCode, KeyModifiers)> {
    let (mods, rest) = if let Some(r) = name.strip_prefix("Ctrl-") {
        (KeyModifiers::CONTROL, r)
    } else if let Some(r) = name.strip_prefix("Alt-") {
        (KeyModifiers::ALT, r)
    } else if let Some(r) = name.strip_prefix("Shift-") {
        (KeyModifiers::SHIFT, r)
    } else {
        (KeyModifiers::NONE, name)
    };
    let code = match rest {
        "Enter" => KeyCode::Enter,
        "Esc" => KeyCode::Esc,
        "Tab" if mods == KeyModifiers::SHIFT => {
            return Some((KeyCode::BackTab, KeyModifiers::SHIFT));
        }
        "Tab" => KeyCode::Tab,
        "BackTab" => KeyCode::BackTab,
        "Backspace" => KeyCode::Backspace,
        "Up" => KeyCode::Up,
        "Down" => KeyCode::Down,
        "Left" => KeyCode::Left,
        "Right" => KeyCode::Right,
        "PageUp" => KeyCode::PageUp,
        "PageDown" => KeyCode::PageDown,
        "Home" => KeyCode::Home,
        "Delete" => KeyCode::Delete,
        "End" => KeyCode::End,
        "Space" => KeyCode::Char(' '),
        s if s.chars().count() == 1 => KeyCode::Char(s.chars().next()?),
        _ => return None,
    };
    Some((code, mods))
}

/// The key table, compiled.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    compiled: Vec<(Context, KeyCode, KeyModifiers, usize)>,
}

impl Default for Keymap {
    fn default() -> Self {
        Self::new(default_bindings())
    }
}

/// Keys as terminals send them: `G` comes as Shift+'G' or plain 'G'; Shift
/// only matters for named keys and is ignored for chars.
fn normalize(code: KeyCode, mods: KeyModifiers) -> (KeyCode, KeyModifiers) {
    match code {
        KeyCode::Char(_) => (code, mods - KeyModifiers::SHIFT),
        KeyCode::BackTab => (code, KeyModifiers::SHIFT),
        _ => (code, mods),
    }
}

impl Keymap {
    /// Compiles a table of bindings. Key names that do not parse are skipped.
    pub fn new(bindings: Vec<Binding>) -> Self {
        let mut compiled = Vec::new();
        for (i, bnd) in bindings.iter().enumerate() {
            for k in &bnd.keys {
                if let Some((code, mods)) = parse_key(k) {
                    let (code, mods) = normalize(code, mods);
                    compiled.push((bnd.context, code, mods, i));
                }
            }
        }
        Keymap { bindings, compiled }
    }

    /// The action bound to `key` in the first of `contexts` that binds it.
    pub fn lookup(&self, contexts: &[Context], key: &KeyEvent) -> Option<Action> {
        let (code, mods) = normalize(key.code, key.modifiers);
        for ctx in contexts {
            if let Some(&(_, _, _, i)) = self
                .compiled
                .iter()
                .find(|(c, kc, km, _)| c == ctx && *kc == code && *km == mods)
            {
                return Some(self.bindings[i].action.clone());
            }
        }
        None
    }

    /// A keymap where each action of a config's `[keys]` has the given keys
    /// instead of its default ones, in every context it is bound in. Unknown
    /// actions and key names are warnings with their line, and are skipped.
    pub fn with_remap(remap: &[KeyRemap], file: &str) -> (Self, Vec<Warning>) {
        let mut bindings = default_bindings();
        let mut warnings = Vec::new();
        for r in remap {
            let warn = |template: &'static str, args: &[(&str, &dyn std::fmt::Display)]| {
                Warning::trf(file, r.line, template, args)
            };
            let Some(action) = Action::from_name(&r.action) else {
                warnings.push(warn(
                    "unknown action `{action}` (see `triptyque config --default`)",
                    &[("action", &r.action)],
                ));
                continue;
            };
            let (good, bad): (Vec<String>, Vec<String>) =
                r.keys.iter().cloned().partition(|k| parse_key(k).is_some());
            for k in &bad {
                warnings.push(warn(
                    "`{action}`: unknown key `{key}`, ignored",
                    &[("action", &r.action), ("key", k)],
                ));
            }
            if good.is_empty() {
                warnings.push(warn(
                    "`{action}`: no valid key; default keys used",
                    &[("action", &r.action)],
                ));
                continue;
            }
            for bnd in bindings.iter_mut().filter(|b| b.action == action) {
                bnd.keys = good.clone();
            }
        }
        (Self::new(bindings), warnings)
    }

    /// All bindings, for the help overlay.
    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// Short hints for the status line: "key action" for the hinted bindings
    /// of `contexts`, most specific first.
    pub fn hints(&self, contexts: &[Context]) -> Vec<(String, &'static str)> {
        let mut out: Vec<(String, &'static str)> = Vec::new();
        // Keys a more specific context binds are not the general ones here.
        let mut claimed: Vec<&str> = Vec::new();
        for ctx in contexts {
            for bnd in self.bindings.iter().filter(|b| b.context == *ctx) {
                // The hint is the help's first word, translated on its own
                // (a translation's first word may not stand alone).
                let label = crate::i18n::tr(bnd.help.split(' ').next().unwrap_or(bnd.help));
                let shadowed = bnd.keys.iter().all(|k| claimed.contains(&k.as_str()));
                if bnd.hint
                    && !shadowed
                    && !out.iter().any(|(_, l)| *l == label)
                    && let Some(k) = bnd.keys.iter().find(|k| !claimed.contains(&k.as_str()))
                {
                    out.push((k.clone(), label));
                }
            }
            for bnd in self.bindings.iter().filter(|b| b.context == *ctx) {
                claimed.extend(bnd.keys.iter().map(String::as_str));
            }
        }
        out
    }
}

/// The order in which help and the README list the contexts.
pub const HELP_ORDER: [Context; 9] = [
    Context::Blocs,
    Context::Timeline,
    Context::Figures,
    Context::Bookmarks,
    Context::Search,
    Context::Reader,
    Context::Prompt,
    Context::Global,
    Context::Help,
];

/// The bindings of `ctx` as help rows: keys and what they do, consecutive
/// bindings with the same description in one row ("1 2 3 … jump to a pane").
pub fn help_rows(bindings: &[Binding], ctx: Context) -> Vec<(Vec<String>, &'static str)> {
    let mut rows: Vec<(Vec<String>, &'static str)> = Vec::new();
    for b in bindings.iter().filter(|b| b.context == ctx) {
        match rows.last_mut() {
            Some((keys, help)) if *help == b.help => keys.extend(b.keys.iter().cloned()),
            _ => rows.push((b.keys.clone(), b.help)),
        }
    }
    rows
}

/// The key table as Markdown, for the README (a test keeps it current).
pub fn markdown_table(bindings: &[Binding]) -> String {
    let mut out = String::from("| view | keys | action |\n|---|---|---|\n");
    for ctx in HELP_ORDER {
        for (keys, help) in help_rows(bindings, ctx) {
            let keys: Vec<String> = keys.iter().map(|k| format!("`{k}`")).collect();
            out.push_str(&format!(
                "| {} | {} | {} |\n",
                ctx.title(),
                keys.join(", "),
                help
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn every_default_key_parses() {
        for bnd in default_bindings() {
            for k in &bnd.keys {
                assert!(parse_key(k).is_some(), "{k}");
            }
        }
    }

    fn remap(action: &str, keys: &[&str], line: usize) -> KeyRemap {
        KeyRemap {
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line: Some(line),
        }
    }

    #[test]
    fn remap_replaces_the_keys_of_an_action() {
        let (km, w) = Keymap::with_remap(
            &[
                remap("quit", &["Ctrl-q", "nope-key"], 3),
                remap("fly", &["f"], 4),
                remap("pane_4", &["Hyper-x"], 5),
                remap("pane_2", &["w"], 6),
            ],
            "c.toml",
        );
        let said: Vec<(Option<usize>, &str)> =
            w.iter().map(|w| (w.line, w.message.as_str())).collect();
        assert_eq!(
            said,
            [
                (Some(3), "`quit`: unknown key `nope-key`, ignored"),
                (
                    Some(4),
                    "unknown action `fly` (see `triptyque config --default`)"
                ),
                (Some(5), "`pane_4`: unknown key `Hyper-x`, ignored"),
                (Some(5), "`pane_4`: no valid key; default keys used"),
            ]
        );
        let wk = key(KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(km.lookup(&[Context::Blocs], &wk), Some(Action::Pane(1)));
        let cq = key(KeyCode::Char('q'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(&[Context::Global], &cq), Some(Action::Quit));
        let cc = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.lookup(&[Context::Global], &cc), None);
        assert!(
            km.bindings()
                .iter()
                .any(|b| b.action == Action::Quit && b.keys == ["Ctrl-q"])
        );
    }

    #[test]
    fn every_bound_action_has_a_name_that_finds_it_again() {
        for b in default_bindings() {
            let name = b.action.name().unwrap_or_else(|| panic!("{:?}", b.action));
            assert_eq!(Action::from_name(&name), Some(b.action.clone()), "{name}");
        }
        assert_eq!(Action::from_name("pane_9"), Some(Action::Pane(8)));
        assert_eq!(Action::from_name("pane_0"), None);
        assert_eq!(Action::from_name("pane_10"), None);
        assert_eq!(
            Action::from_name("input"),
            None,
            "data-carrying actions have no name"
        );
        assert_eq!(
            Action::from_name("show_timeline"),
            Some(Action::ShowTimeline)
        );
    }

    #[test]
    fn lookup_prefers_the_specific_context() {
        let km = Keymap::default();
        let esc = key(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(
            km.lookup(&[Context::Reader, Context::Global], &esc),
            Some(Action::Back)
        );
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(
            km.lookup(&[Context::Blocs, Context::Global], &q),
            Some(Action::QuitOrBack)
        );
        // The reader pages as less does; b there is not a bookmark.
        let b = key(KeyCode::Char('b'), KeyModifiers::NONE);
        assert_eq!(
            km.lookup(&[Context::Reader, Context::Global], &b),
            Some(Action::PageUp)
        );
        assert_eq!(
            km.lookup(&[Context::Blocs, Context::Global], &b),
            Some(Action::Bookmark)
        );
        assert_eq!(
            km.lookup(&[Context::Reader, Context::Global], &q),
            Some(Action::Back)
        );
        let cc = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(
            km.lookup(&[Context::Search, Context::Global], &cc),
            Some(Action::Quit)
        );
        // Shifted letters arrive with or without SHIFT.
        let g1 = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        let g2 = key(KeyCode::Char('G'), KeyModifiers::NONE);
        assert_eq!(km.lookup(&[Context::Global], &g1), Some(Action::Bottom));
        assert_eq!(km.lookup(&[Context::Global], &g2), Some(Action::Bottom));
        let bt = key(KeyCode::BackTab, KeyModifiers::NONE);
        assert_eq!(km.lookup(&[Context::Global], &bt), Some(Action::PrevFocus));
    }
}
