//! The views a reader can look at: one enum for the explorer's tabs and
//! focus ring, the session, `default_view` in the config and `render --view`.

use serde::{Deserialize, Serialize};

/// A view of the explorer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum View {
    /// One pane per bloc.
    Blocs,
    /// Events on an axis.
    Timeline,
    /// Bar charts of the figures in the claims.
    Figures,
    /// Bookmarked claims and their notes.
    Bookmarks,
    /// The search prompt and its results.
    Search,
    /// An article, opened on top of a tab.
    Reader,
}

impl View {
    /// The tabs, in the order the tab bar and the focus ring show them.
    pub const TABS: [View; 5] = [
        View::Blocs,
        View::Timeline,
        View::Figures,
        View::Bookmarks,
        View::Search,
    ];

    /// Every view.
    pub const ALL: [View; 6] = [
        View::Blocs,
        View::Timeline,
        View::Figures,
        View::Bookmarks,
        View::Search,
        View::Reader,
    ];

    /// Its name in the config, the session and `render --view`.
    pub fn name(self) -> &'static str {
        match self {
            View::Blocs => "blocs",
            View::Timeline => "timeline",
            View::Figures => "figures",
            View::Bookmarks => "bookmarks",
            View::Search => "search",
            View::Reader => "reader",
        }
    }

    /// Its title in the tab bar.
    pub fn title(self) -> &'static str {
        match self {
            View::Blocs => "Blocs",
            View::Timeline => "Timeline",
            View::Figures => "Figures",
            View::Bookmarks => "Bookmarks",
            View::Search => "Search",
            View::Reader => "Reader",
        }
    }

    /// The view of a name.
    pub fn from_name(name: &str) -> Option<View> {
        View::ALL.into_iter().find(|v| v.name() == name)
    }

    /// True for the views the tab bar shows (all but the reader).
    pub fn is_tab(self) -> bool {
        self != View::Reader
    }

    /// The names of the tabs, for messages.
    pub fn tab_names() -> Vec<&'static str> {
        View::TABS.iter().map(|v| v.name()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for v in View::ALL {
            assert_eq!(View::from_name(v.name()), Some(v));
        }
        assert_eq!(View::from_name("nowhere"), None);
        assert!(!View::TABS.contains(&View::Reader));
    }
}
