//! The explorer without a terminal: `App::update` and `draw` through
//! ratatui's TestBackend.

mod common;

use std::sync::Arc;

use triptyque::dataset::Dataset;
use triptyque::search::worker::Snapshot;
use triptyque::tui::{
    Action, App, Effect, RenderOptions, Settings, View, frame_text, render, settle,
};

fn app(w: u16, h: u16) -> App {
    App::new(Arc::new(Dataset::builtin()), Settings::default(), (w, h))
}

fn text(app: &App) -> String {
    frame_text(app)
}

#[test]
fn starts_on_the_three_panes_with_counts() {
    let a = app(120, 40);
    let t = text(&a);
    let first = t.lines().nth(1).unwrap();
    assert_eq!(a.blocs.panes.len(), 3, "three panes by default");
    for p in 0..3 {
        let n = a.blocs.panes[p].items.len();
        assert!(n > 10);
        let name = ["US", "China", "EU"][p];
        assert!(first.contains(&format!("{name} {n}")), "{first}");
    }
    // Every claim listed in a pane is tagged with that pane's bloc.
    for pane in &a.blocs.panes {
        assert!(pane.items.iter().all(|&c| {
            a.data
                .corpus
                .claims
                .get(c)
                .expect("claim")
                .blocs
                .contains(&pane.code)
        }));
    }
}

#[test]
fn navigation_moves_and_scrolls() {
    let mut a = app(120, 40);
    a.update(Action::Down);
    a.update(Action::Down);
    assert_eq!(a.blocs.panes[0].list.sel, 2);
    a.update(Action::Right);
    assert_eq!(a.blocs.focus, 1);
    a.update(Action::Bottom);
    let last = a.blocs.panes[1].items.len() - 1;
    assert_eq!(a.blocs.panes[1].list.sel, last);
    assert!(
        a.blocs.panes[1].list.offset > 0,
        "the list scrolled to show the last entry"
    );
    let t = text(&a);
    let claim = &a
        .data
        .corpus
        .claims
        .get(a.blocs.panes[1].items[last])
        .expect("claim");
    let start: String = claim.text.chars().take(20).collect();
    assert!(t.contains(&start), "last entry visible: {start}");
    a.update(Action::Top);
    assert_eq!(
        (a.blocs.panes[1].list.sel, a.blocs.panes[1].list.offset),
        (0, 0)
    );
    a.update(Action::Pane(2));
    assert_eq!(a.blocs.focus, 2);
    a.update(Action::PageDown);
    assert!(a.blocs.panes[2].list.sel > 0);
    assert_eq!(
        a.position(),
        Some((a.blocs.panes[2].list.sel + 1, a.blocs.panes[2].items.len()))
    );
}

#[test]
fn reader_opens_on_the_claim_and_back_returns() {
    let mut a = app(100, 30);
    a.update(Action::Pane(1));
    for _ in 0..5 {
        a.update(Action::Down);
    }
    let c = a.blocs.selected_claim().unwrap();
    a.update(Action::Open);
    assert_eq!(a.view, View::Reader);
    assert_eq!(a.reader.claim, Some(c));
    let t = text(&a);
    let words: String = a
        .data
        .corpus
        .claims
        .get(c)
        .expect("claim")
        .text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    assert!(t.contains(&words), "claim on screen: {words}\n{t}");
    a.update(Action::PageDown);
    a.update(Action::Back);
    assert_eq!(a.view, View::Blocs);
    assert_eq!(
        (a.blocs.focus, a.blocs.panes[1].list.sel),
        (1, 5),
        "selection kept"
    );
    // q in the reader goes back too; q at home quits.
    a.update(Action::Open);
    a.update(Action::QuitOrBack);
    assert_eq!(a.view, View::Blocs);
    assert!(!a.quit);
    a.update(Action::QuitOrBack);
    assert!(a.quit);
}

#[test]
fn find_in_the_article() {
    let mut a = app(100, 30);
    let c = a
        .data
        .corpus
        .claim_index("2025-02-europe-face-aux-ia-chinoises#16")
        .unwrap();
    a.open_claim(c);
    a.update(Action::Find);
    for ch in "deepseek".chars() {
        a.update(Action::Input(ch));
    }
    let n = a.reader.matches.len();
    assert!(n >= 5, "{n}");
    a.update(Action::Submit);
    assert!(!a.reader.finding);
    let first = a.reader.current;
    a.update(Action::NextMatch);
    assert_eq!(a.reader.current, (first + 1) % n);
    a.update(Action::PrevMatch);
    a.update(Action::PrevMatch);
    assert_eq!(a.reader.current, (first + n - 1) % n);
    // Accents fold in find too.
    a.update(Action::Find);
    for ch in "etats-unis".chars() {
        a.update(Action::Input(ch));
    }
    assert!(!a.reader.matches.is_empty());
    a.update(Action::Back);
    assert!(!a.reader.finding && a.reader.matches.is_empty());
    assert_eq!(a.view, View::Reader);
}

#[test]
fn search_opens_types_and_closes_back() {
    let mut a = app(100, 30);
    a.update(Action::ShowTimeline);
    a.update(Action::Search);
    assert_eq!(a.view, View::Search);
    for ch in "deepseek cout".chars() {
        a.update(Action::Input(ch));
    }
    assert!(a.search.pending);
    let effects = a.take_effects();
    let generation = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Search { generation, .. } => Some(*generation),
            _ => None,
        })
        .max()
        .expect("typing asks for a search");
    assert_eq!(a.search.generation, generation);
    // A stale result is dropped.
    a.search_snapshot(Snapshot {
        generation: generation - 1,
        hits: Vec::new(),
        matched: Some(0),
        complete: true,
    });
    assert!(a.search.pending);
    for e in effects {
        triptyque::tui::carry_out(&mut a, e, None);
    }
    assert!(!a.search.pending);
    let top = &a
        .data
        .corpus
        .claims
        .get(a.search.hits[0].claim)
        .expect("claim");
    assert!(top.text.contains("0,55$"));
    a.update(Action::Down);
    a.update(Action::Up);
    a.update(Action::Open);
    assert_eq!(a.view, View::Reader);
    assert_eq!(a.reader.claim, Some(a.search.hits[0].claim));
    a.update(Action::Back);
    assert_eq!(a.view, View::Search);
    a.update(Action::Back);
    assert_eq!(
        a.view,
        View::Timeline,
        "Esc restores the view search was opened from"
    );
    // `/` again: an empty prompt (as fzf's), the last query one Up away.
    a.update(Action::Search);
    assert_eq!(a.search.input, "");
    a.update(Action::Input('x'));
    assert_eq!(a.search.input, "x", "typing starts a new query");
    a.update(Action::ClearInput);
    a.update(Action::Up);
    assert_eq!(a.search.input, "deepseek cout");
    a.update(Action::DeleteWord);
    assert_eq!(a.search.input, "deepseek ");
    a.update(Action::ClearInput);
    assert_eq!(a.search.input, "");
}

#[test]
fn timeline_moves_opens_and_filters() {
    let mut a = app(120, 40);
    a.update(Action::ShowTimeline);
    assert_eq!(a.view, View::Timeline);
    let n = a.data.events().len();
    a.update(Action::Left);
    assert_eq!(a.timeline.sel, 0);
    for _ in 0..n + 2 {
        a.update(Action::Right);
    }
    assert_eq!(a.timeline.sel, n - 1);
    let drop = a
        .data
        .events()
        .iter()
        .position(|e| e.id == "market-drop")
        .unwrap();
    a.timeline.sel = drop;
    a.update(Action::Down);
    assert_eq!(a.timeline.quote, 1);
    let t = text(&a);
    assert!(t.contains("27 Jan 2025"), "{t}");
    assert!(t.contains("backed by 3 articles"));
    a.update(Action::Open);
    assert_eq!(a.view, View::Reader);
    let want = a.data.events()[drop].sources[1].claim.clone().unwrap();
    assert_eq!(a.reader.claim, a.data.corpus.claim_index(&want));
    a.update(Action::Back);
    a.update(Action::FilterEvent);
    assert_eq!(a.view, View::Blocs);
    let total: usize = a.blocs.panes.iter().map(|p| p.items.len()).sum();
    assert!(total > 0 && total <= 3 * a.data.events()[drop].sources.len());
    a.update(Action::Back);
    assert!(a.blocs.filter.is_none());
    assert!(a.blocs.panes[0].items.len() > 10);
}

#[test]
fn focus_ring_and_help() {
    let mut a = app(120, 40);
    let ring: Vec<(View, usize)> = (0..7)
        .map(|_| {
            a.update(Action::NextFocus);
            (a.view, a.blocs.focus)
        })
        .collect();
    assert_eq!(
        ring,
        vec![
            (View::Blocs, 1),
            (View::Blocs, 2),
            (View::Timeline, 2),
            (View::Figures, 2),
            (View::Bookmarks, 2),
            (View::Search, 2),
            (View::Blocs, 0)
        ]
    );
    a.update(Action::PrevFocus);
    assert_eq!(a.view, View::Search);
    a.update(Action::Back);
    a.update(Action::Help);
    let t = text(&a);
    // The overlay lists every binding of the keymap the app uses.
    let help = triptyque::tui::views::help::lines(&a.keymap);
    for b in a
        .keymap
        .bindings()
        .iter()
        .filter(|b| b.context != triptyque::tui::keymap::Context::Help)
    {
        let joined = triptyque::tui::keymap::keys_label(&b.keys);
        assert!(!joined.contains("BackTab"), "one name per key: {joined}");
        assert!(
            help.iter()
                .any(|(_, k, h)| k.contains(&joined) && *h == b.help),
            "{b:?}"
        );
    }
    assert!(
        help.iter()
            .any(|(_, k, h)| k == "1 2 3 4 5 6 7 8 9" && *h == "jump to a pane"),
        "one row for the pane keys"
    );
    assert!(t.contains("Keys (Esc or ? to close)"));
    assert!(t.contains("read in context"));
    a.update(Action::Help);
    assert!(a.help.is_none());
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let mut a = app(120, 40);
    // Click the second entry of the EU pane: below the tab bar, the border
    // and the first entry.
    let first = a.blocs.panes[2].items[0];
    let h0 = triptyque::tui::views::entry_height(
        &a.data.corpus.claims.get(first).expect("claim").text,
        38,
        false,
    ) as u16;
    let (col, row) = (85u16, 2 + h0);
    a.update(Action::Click(col, row));
    assert_eq!((a.blocs.focus, a.blocs.panes[2].list.sel), (2, 1));
    a.update(Action::WheelDown(5, 10));
    assert_eq!((a.blocs.focus, a.blocs.panes[0].list.sel), (0, 1));
}

#[test]
fn never_panics_at_any_size() {
    let c = Arc::new(Dataset::builtin());
    for view in [
        "blocs",
        "reader",
        "timeline",
        "search",
        "bookmarks",
        "figures",
        "help",
    ] {
        for (w, h) in [
            (1, 1),
            (2, 1),
            (1, 5),
            (5, 2),
            (10, 3),
            (19, 5),
            (20, 6),
            (30, 8),
            (40, 12),
            (99, 30),
            (100, 30),
            (300, 100),
        ] {
            for ascii in [false, true] {
                let st = Settings {
                    ascii,
                    color: !ascii,
                    mouse: true,
                };
                let opts = RenderOptions {
                    view: view.into(),
                    size: (w, h),
                    query: Some("chine".into()),
                    ..RenderOptions::default()
                };
                let out = render((*c).clone(), st, &opts).unwrap();
                assert_eq!(out.lines().count(), usize::from(h), "{view} {w}x{h}");
            }
        }
    }
    let mut a = app(30, 8);
    for act in [
        Action::Resize(1, 1),
        Action::Down,
        Action::Open,
        Action::Resize(200, 50),
        Action::Resize(30, 8),
    ] {
        a.update(act);
        let _ = text(&a);
    }
    assert!(text(&App::new(c, Settings::default(), (10, 3))).contains("too small"));
}

fn snap(view: &str, w: u16, h: u16, ascii: bool) -> String {
    let st = Settings {
        ascii,
        color: true,
        mouse: true,
    };
    let query = (view == "search").then(|| "deepseek cout".to_string());
    let select = match view {
        "reader" => Some("2025-02-europe-face-aux-ia-chinoises#16".to_string()),
        "timeline" => Some("market-drop".to_string()),
        "figures" => Some("2025-02-europe-face-aux-ia-chinoises#16".to_string()),
        _ => None,
    };
    render(
        Dataset::builtin(),
        st,
        &RenderOptions {
            view: view.into(),
            size: (w, h),
            query,
            select,
            ..RenderOptions::default()
        },
    )
    .unwrap()
}

#[test]
fn snapshots_of_every_view() {
    for view in common::VIEWS {
        for (w, h) in [(120, 40), (80, 24), (40, 12)] {
            for ascii in [false, true] {
                let name = format!("{view}_{w}x{h}{}", if ascii { "_ascii" } else { "" });
                let out = snap(view, w, h, ascii);
                if ascii {
                    assert!(
                        !out.chars().any(|c| ('\u{2500}'..='\u{257f}').contains(&c)),
                        "{name} has box drawing"
                    );
                }
                insta::assert_snapshot!(name, out);
            }
        }
    }
}

#[test]
fn readme_key_table_matches_the_keymap() {
    let table = triptyque::tui::keymap::markdown_table(&triptyque::tui::keymap::default_bindings());
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    if !readme.contains(&table) {
        println!("{table}");
        panic!("README.md's key table differs from the keymap; the current table is printed above");
    }
}

#[test]
fn a_restored_figure_position_past_the_end_is_clamped_when_the_view_opens() {
    let session = |view: &str| triptyque::store::Session {
        view: view.into(),
        figure: 100_000,
        ..Default::default()
    };
    let mut a = app(120, 40);
    a.restore(&session("figures"));
    assert_eq!(a.view, View::Figures);
    let last = a.data.figures().order.len() - 1;
    assert_eq!(a.figures.sel, last);

    let mut a = app(120, 40);
    a.restore(&session("blocs"));
    a.update(Action::ShowFigures);
    assert_eq!(a.figures.sel, last);
    assert!(a.blocs.selected_claim().is_some(), "the last bar's claim");
}

#[test]
fn figures_walk_groups_and_open_claims() {
    let mut a = app(120, 40);
    a.update(Action::ShowFigures);
    assert_eq!(a.view, View::Figures);
    let groups = a.data.figures().groups.len();
    assert!(groups >= 4);
    a.update(Action::Right);
    assert_eq!(a.data.figures().group_of(a.figures.sel), 1);
    assert_eq!(
        a.figures.sel,
        a.data.figures().groups[0].1.len(),
        "first bar of the next chart"
    );
    // Down walks the bars, into the next chart past the last one.
    a.update(Action::Down);
    let n1 = a.data.figures().groups[1].1.len();
    assert_eq!(
        a.data.figures().group_of(a.figures.sel),
        if n1 > 1 { 1 } else { 2 }
    );
    a.update(Action::Up);
    a.update(Action::Left);
    assert_eq!(a.data.figures().group_of(a.figures.sel), 0);
    let fig = a.data.figures().order[a.figures.sel];
    let claim = a.data.corpus.claim_index(&a.data.figures().all[fig].claim);
    a.update(Action::Open);
    assert_eq!(a.view, View::Reader);
    assert_eq!(a.reader.claim, claim);
    a.update(Action::Back);
    assert_eq!(a.view, View::Figures);
    let t = text(&a);
    assert!(t.contains("Token prices ($ per million tokens)"), "{t}");
    assert!(t.contains("0,55$/M tokens"));
}

#[test]
fn bookmark_and_note_through_update() {
    let mut a = app(120, 40);
    let c = a.blocs.selected_claim().unwrap();
    a.update(Action::Bookmark);
    assert!(a.is_bookmarked(c));
    a.update(Action::Annotate);
    assert!(a.prompt.is_some());
    assert!(a.typing());
    for ch in "à relire".chars() {
        a.update(Action::Input(ch));
    }
    a.update(Action::Submit);
    assert_eq!(
        a.store.state.bookmarks[0].note.as_deref(),
        Some("à relire"),
        "{:?}",
        a.message
    );
}

#[test]
fn export_prompt_writes_the_view_and_says_where() {
    let d = tempfile::tempdir().unwrap();
    let mut a = app(100, 30);
    a.update(Action::Export);
    assert!(
        a.message
            .as_deref()
            .unwrap()
            .contains("export works in the Search, Bookmarks and Timeline views")
    );
    a.update(Action::ShowTimeline);
    a.update(Action::Export);
    let p = a.prompt.clone().expect("the export prompt");
    assert_eq!(p.input, "triptyque-timeline.md");
    a.update(Action::ClearInput);
    let path = d.path().join("tl.md");
    for ch in path.display().to_string().chars() {
        a.update(Action::Input(ch));
    }
    a.update(Action::Submit);
    assert!(
        !path.exists(),
        "update does no I/O: the export is an effect"
    );
    settle(&mut a);
    assert_eq!(
        a.message.as_deref(),
        Some(format!("exported to {}", path.display()).as_str())
    );
    let md = std::fs::read_to_string(&path).unwrap();
    let n = a.data.events().len();
    assert!(n > 27, "curated and found events: {n}");
    assert!(
        md.starts_with(&format!("# Timeline\n\n{n} events.\n\n")),
        "{md}"
    );
    // The same file again: asked first; n keeps it, y replaces it.
    std::fs::write(&path, "mine").unwrap();
    let again = |a: &mut triptyque::tui::App| {
        a.update(Action::Export);
        a.update(Action::ClearInput);
        for ch in path.display().to_string().chars() {
            a.update(Action::Input(ch));
        }
        a.update(Action::Submit);
    };
    again(&mut a);
    assert!(
        matches!(
            a.prompt.as_ref().map(|p| &p.kind),
            Some(triptyque::tui::app::PromptKind::Overwrite(..))
        ),
        "{:?}",
        a.prompt
    );
    // The question names the file and takes one key: no Enter to accept.
    let t = text(&a);
    assert!(t.contains("exists; overwrite it? y/n"), "{t}");
    assert!(!t.contains("Enter accept"), "{t}");
    a.update(Action::Input('n'));
    settle(&mut a);
    assert!(a.prompt.is_none());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
    assert!(a.message.as_deref().unwrap().contains("cancelled"));
    again(&mut a);
    a.update(Action::Input('y'));
    settle(&mut a);
    assert!(
        std::fs::read_to_string(&path)
            .unwrap()
            .starts_with("# Timeline")
    );
    // A folder that is not there: said, not made.
    a.update(Action::Export);
    a.update(Action::ClearInput);
    for ch in d.path().join("nope/x.md").display().to_string().chars() {
        a.update(Action::Input(ch));
    }
    a.update(Action::Submit);
    settle(&mut a);
    assert!(
        a.message.as_deref().unwrap().contains("no folder"),
        "{:?}",
        a.message
    );
    assert!(!d.path().join("nope").exists());
    // With the `/` filter on, the export holds what the view shows.
    a.update(Action::Find);
    for ch in "deepseek".chars() {
        a.update(Action::Input(ch));
    }
    a.update(Action::Submit);
    let (shown, all) = (a.timeline.visible(&a.cx()).len(), a.data.events().len());
    assert!(shown > 1 && shown < all, "{shown}/{all}");
    let filtered = d.path().join("filtered.md");
    a.update(Action::Export);
    a.update(Action::ClearInput);
    for ch in filtered.display().to_string().chars() {
        a.update(Action::Input(ch));
    }
    a.update(Action::Submit);
    settle(&mut a);
    let md = std::fs::read_to_string(&filtered).unwrap();
    assert!(
        md.starts_with(&format!("# Timeline\n\n{shown}/{all} events.\n\n")),
        "{md}"
    );
    assert_eq!(
        md.matches("\n## ").count(),
        shown,
        "one heading per event shown"
    );
    // Esc cancels a prompt without writing.
    a.update(Action::Export);
    a.update(Action::Back);
    assert!(a.prompt.is_none());
    assert_eq!(a.view, View::Timeline);
}

#[test]
fn bookmarks_view_lists_newest_first_and_marks_lists() {
    let mut a = app(120, 40);
    a.update(Action::Down);
    let first = a.blocs.selected_claim().unwrap();
    a.update(Action::Bookmark);
    a.update(Action::Down);
    let second = a.blocs.selected_claim().unwrap();
    a.update(Action::Bookmark);
    assert!(
        text(&a).contains("★"),
        "bookmarked claims are marked in the lists"
    );
    a.update(Action::ShowBookmarks);
    assert_eq!(a.view, View::Bookmarks);
    assert_eq!(a.current_claim(), Some(second), "newest first");
    a.update(Action::Down);
    assert_eq!(a.current_claim(), Some(first));
    a.update(Action::Open);
    assert_eq!(a.reader.claim, Some(first));
    a.update(Action::Back);
    a.update(Action::Bookmark);
    assert_eq!(
        a.store.state.bookmarks.len(),
        1,
        "b removes the selected bookmark"
    );
    let t = text(&a);
    assert!(t.contains("1 bookmark (not saved)"), "{t}");
}

#[test]
fn config_remaps_keys_and_help_shows_them() {
    let (cfg, w) = triptyque::config::parse("c", "[keys]\nquit = [\"x\"]\nbookmark = \"m\"\n");
    assert!(w.is_empty());
    let mut a = app(120, 40);
    a.configure(&cfg);
    let help = triptyque::tui::views::help::lines(&a.keymap);
    assert!(help.iter().any(|(_, k, h)| k == "x" && *h == "quit"));
    assert!(
        help.iter()
            .any(|(_, k, h)| k == "m" && *h == "bookmark the selected claim")
    );
    let key = |c| {
        crossterm::event::KeyEvent::new(
            crossterm::event::KeyCode::Char(c),
            crossterm::event::KeyModifiers::NONE,
        )
    };
    let ev = |c| crossterm::event::Event::Key(key(c));
    assert_eq!(triptyque::tui::to_action(&a, &ev('x')), Some(Action::Quit));
    assert_eq!(
        triptyque::tui::to_action(&a, &ev('m')),
        Some(Action::Bookmark)
    );
    assert_eq!(triptyque::tui::to_action(&a, &ev('b')), None);
}

/// The frame as cells, with their styles.
fn buffer(app: &App) -> ratatui::buffer::Buffer {
    let (w, h) = app.size;
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| triptyque::tui::screen::draw(app, f)).unwrap();
    t.backend().buffer().clone()
}

/// Where `needle` starts on screen, first row first (cells hold one char
/// each in these tests: no wide chars in the needles).
fn find(buf: &ratatui::buffer::Buffer, needle: &str, from_row: u16) -> Option<(u16, u16)> {
    find_from(buf, needle, 0, from_row)
}

/// Like [`find`], from column `x0`.
fn find_from(buf: &ratatui::buffer::Buffer, needle: &str, x0: u16, y0: u16) -> Option<(u16, u16)> {
    let area = buf.area;
    let n: Vec<String> = needle.chars().map(|c| c.to_string()).collect();
    for y in y0..area.height {
        for x in x0..area.width.saturating_sub(n.len() as u16) {
            if (0..n.len()).all(|k| buf[(x + k as u16, y)].symbol() == n[k]) {
                return Some((x, y));
            }
        }
    }
    None
}

fn style_at(buf: &ratatui::buffer::Buffer, x: u16, y: u16) -> ratatui::style::Style {
    buf[(x, y)].style()
}

#[test]
fn styles_carry_the_selection_the_matches_and_the_blocs() {
    use ratatui::style::{Color, Modifier};
    let mut a = app(120, 40);
    let buf = buffer(&a);
    // The focused pane's selected entry is in reverse video; the selected
    // entry of another pane is bold and underlined; other entries are plain.
    let us = &a
        .data
        .corpus
        .claims
        .get(a.blocs.panes[0].items[0])
        .expect("claim")
        .text;
    let start: String = us.chars().take(10).collect();
    let (x, y) = find(&buf, &start, 1).expect("the first US entry");
    assert!(
        style_at(&buf, x, y)
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    // The same claim heads the China pane (from column 40), unfocused.
    let (x2, y2) = find_from(&buf, &start, 40, 1).expect("the China pane's first entry");
    let s2 = style_at(&buf, x2, y2);
    assert!(!s2.add_modifier.contains(Modifier::REVERSED));
    assert!(s2.add_modifier.contains(Modifier::UNDERLINED));
    let second = &a
        .data
        .corpus
        .claims
        .get(a.blocs.panes[0].items[1])
        .expect("claim")
        .text;
    let start2: String = second.chars().skip(2).take(10).collect();
    let (x3, y3) = find(&buf, &start2, 1).expect("the second US entry");
    assert!(style_at(&buf, x3, y3).add_modifier.is_empty());

    // Badges in the preview: each bloc in its color, a bloc from context dimmed.
    let c = (0..a.data.corpus.claims.len())
        .find(|&i| {
            let cl = &a.data.corpus.claims.get(i).expect("claim");
            !cl.context_blocs.is_empty() && cl.blocs.len() > cl.context_blocs.len()
        })
        .expect("a claim with a bloc named and one from context");
    assert!(a.select_claim(c));
    let buf = buffer(&a);
    let claim = a.data.corpus.claims.get(c).expect("claim").clone();
    let colors = [
        ("us", "[US]", Color::Blue),
        ("cn", "[China]", Color::Red),
        ("eu", "[EU]", Color::Yellow),
    ];
    let rule = (0..40u16)
        .find(|&y| {
            (0..120).any(|x| buf[(x, y)].symbol() == "─")
                && find(&buf, "[", y).is_some_and(|(_, by)| by == y + 1)
        })
        .expect("the preview's rule");
    let mut checked = 0;
    for (code, label, color) in colors {
        if !claim.blocs.iter().any(|b| b == code) {
            continue;
        }
        let (bx, by) = find(&buf, label, rule).expect(label);
        let st = style_at(&buf, bx + 1, by);
        assert_eq!(st.fg, Some(color), "{label} in its bloc's color");
        let from_context = claim.context_blocs.iter().any(|b| b == code);
        assert_eq!(
            st.add_modifier.contains(Modifier::DIM),
            from_context,
            "{label}: dimmed exactly when it came from context"
        );
        checked += 1;
    }
    assert!(checked >= 2, "{claim:?}");
    // Why: a line under the badges names each bloc's reason, the word that
    // named it or where a context bloc came from ("← elle #12").
    let why = (rule..rule + 4)
        .find(|&y| find(&buf, "why ", y).is_some_and(|(_, wy)| wy == y))
        .expect("the why line");
    let row: String = (0..120)
        .map(|x| buf[(x, why)].symbol().to_string())
        .collect();
    let named = claim
        .bloc_reasons
        .iter()
        .find(|r| r.how == triptyque::corpus::Reason::Named)
        .and_then(|r| r.word.clone())
        .expect("a named reason");
    let short: String = named.chars().take(6).collect();
    assert!(row.contains(&format!("\"{short}")), "{row}");
    let context = claim
        .bloc_reasons
        .iter()
        .find(|r| r.how != triptyque::corpus::Reason::Named)
        .expect("a context reason");
    assert!(row.contains('←') || context.from.is_some(), "{row}");
    // The word that named a bloc is underlined in the preview's text, the
    // words around it are not.
    let (tx, ty) = find(&buf, &short, why + 2).expect("the trigger word in the preview");
    assert!(
        style_at(&buf, tx, ty)
            .add_modifier
            .contains(Modifier::UNDERLINED),
        "{named} underlined"
    );
    let plain = (0..tx)
        .rev()
        .find(|&x| buf[(x, ty)].symbol() != " " && x < tx.saturating_sub(1));
    if let Some(px) = plain {
        assert!(
            !style_at(&buf, px, ty)
                .add_modifier
                .contains(Modifier::UNDERLINED)
        );
    }

    // Search: the matched chars are highlighted, the others are not.
    a.update(Action::Search);
    for ch in "stargate".chars() {
        a.update(Action::Input(ch));
    }
    settle(&mut a);
    let buf = buffer(&a);
    let (sx, sy) = find(&buf, "Stargate", 2).expect("a hit naming Stargate");
    for k in 0..8 {
        let st = style_at(&buf, sx + k, sy);
        assert_eq!(st.fg, Some(Color::Yellow), "matched char {k}");
        assert!(st.add_modifier.contains(Modifier::BOLD));
    }
    assert_ne!(
        style_at(&buf, sx.saturating_sub(2), sy).fg,
        Some(Color::Yellow)
    );
}

#[test]
fn without_color_the_selection_and_matches_still_show() {
    use ratatui::style::Modifier;
    let st = Settings {
        ascii: false,
        color: false,
        mouse: true,
    };
    let mut a = App::new(Arc::new(Dataset::builtin()), st, (120, 40));
    let buf = buffer(&a);
    let us = &a
        .data
        .corpus
        .claims
        .get(a.blocs.panes[0].items[0])
        .expect("claim")
        .text;
    let start: String = us.chars().take(10).collect();
    let (x, y) = find(&buf, &start, 1).unwrap();
    assert!(
        style_at(&buf, x, y)
            .add_modifier
            .contains(Modifier::REVERSED)
    );
    assert!(
        buf.content()
            .iter()
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset),
        "no color at all"
    );
    a.update(Action::Search);
    for ch in "stargate".chars() {
        a.update(Action::Input(ch));
    }
    settle(&mut a);
    let buf = buffer(&a);
    let (sx, sy) = find(&buf, "Stargate", 2).unwrap();
    let m = style_at(&buf, sx, sy).add_modifier;
    assert!(m.contains(Modifier::BOLD) && m.contains(Modifier::UNDERLINED));
}

#[test]
fn the_timeline_filters_and_jumps_to_its_ends() {
    let mut a = app(120, 40);
    a.update(Action::ShowTimeline);
    let n = a.data.events().len();
    a.update(Action::Bottom);
    assert_eq!(a.timeline.sel, n - 1, "G: the last event");
    a.update(Action::Top);
    assert_eq!(a.timeline.sel, 0, "g: the first event");
    a.update(Action::Find);
    assert!(a.typing());
    for ch in "Lucíe".chars() {
        a.update(Action::Input(ch));
    }
    let shown = a.timeline.shown.clone().expect("a filter");
    assert!(!shown.is_empty() && shown.len() < 5, "{shown:?}");
    assert!(shown.iter().all(|&i| {
        let e = &a.data.events()[i];
        e.title.contains("Lucie") || e.sources.iter().any(|s| s.quote.contains("Lucie"))
    }));
    assert!(shown.contains(&a.timeline.sel));
    a.update(Action::Submit);
    assert!(!a.typing());
    // Right stays among the events kept.
    a.update(Action::Right);
    assert!(shown.contains(&a.timeline.sel));
    a.update(Action::Back);
    assert!(a.timeline.shown.is_none(), "Esc clears the filter");
    assert_eq!(a.view, View::Timeline);
    a.update(Action::Back);
    assert_eq!(a.view, View::Blocs, "a second Esc goes back");
}

/// Item 3 of the attack run: the export prompt took C1 and bidi chars into
/// a file name. Typed or pasted, a char a terminal acts on is dropped, a
/// pasted line break is a space, and past 256 chars the rest is dropped,
/// said in the status line.
#[test]
fn prompts_drop_unsafe_chars_and_cap_what_is_pasted() {
    let mut a = app(100, 30);
    a.update(Action::ShowTimeline);
    a.update(Action::Export);
    a.update(Action::ClearInput);
    for ch in ['a', '\u{9b}', '\u{202e}', '\u{1b}', 'b'] {
        a.update(Action::Input(ch));
    }
    a.update(Action::Paste("c\u{85}d\ne\u{2028}f".into()));
    let p = a.prompt.clone().expect("the export prompt");
    assert_eq!(p.input, "abcd ef");
    a.update(Action::Paste("x".repeat(10_000)));
    let p = a.prompt.clone().expect("the export prompt");
    assert_eq!(p.input.chars().count(), 256);
    assert_eq!(
        a.message.as_deref(),
        Some("input is limited to 256 chars; the rest was dropped")
    );
    // The search prompt too, and one paste is one search.
    a.update(Action::Back);
    a.update(Action::Search);
    let before = a.search.generation;
    a.update(Action::Paste("chine\u{1b}]0;x\u{7}".into()));
    assert_eq!(a.search.input, "chine]0;x");
    assert_eq!(a.search.generation, before + 1, "one search for the paste");
}

/// Issue 15, item 4: with the figures on a worker, the Figures view never
/// finds them itself (seconds on a large corpus): it says it is reading
/// them, takes no motion, and shows them once they are found.
#[test]
fn the_figures_view_waits_for_the_worker() {
    let mut a = app(100, 30);
    a.figures_on_worker = true;
    assert!(a.data.figures_if_found().is_none(), "a fresh dataset");
    a.update(Action::ShowFigures);
    a.update(Action::Down);
    let t = text(&a);
    assert!(
        t.contains(&format!(
            "reading the figures of {} claims…",
            a.data.corpus.claims.len()
        )),
        "{t}"
    );
    assert!(a.data.figures_if_found().is_none(), "drawing found nothing");
    // The worker's part.
    let n = a.data.figures().order.len();
    assert!(n > 10);
    assert!(a.figures_found(), "the Figures view shows: redraw");
    let t = text(&a);
    assert!(
        !t.contains("reading the figures") && t.contains("Md$"),
        "{t}"
    );
    a.update(Action::Down);
    assert_eq!(a.figures.sel, 1);
}

/// Issue 15, item 4: likewise the Timeline with its events on a worker: it
/// says it is finding them, and a session's event is selected once they are
/// there.
#[test]
fn the_timeline_waits_for_the_worker() {
    let mut a = app(100, 30);
    a.events_on_worker = true;
    assert!(a.data.events_if_found().is_none(), "a fresh dataset");
    a.timeline.pending = Some("market-drop".into());
    a.update(Action::ShowTimeline);
    a.update(Action::Right);
    let t = text(&a);
    assert!(
        t.contains(&format!(
            "finding the events in {} claims…",
            a.data.corpus.claims.len()
        )),
        "{t}"
    );
    assert!(a.data.events_if_found().is_none(), "drawing found nothing");
    assert_eq!(a.timeline.pending.as_deref(), Some("market-drop"));
    // The worker's part.
    assert!(a.data.events().len() > 10);
    assert!(a.events_found(), "the Timeline shows: redraw");
    let t = text(&a);
    assert!(!t.contains("finding the events"), "{t}");
    assert!(
        t.contains("Market drop after DeepSeek"),
        "the session's event:\n{t}"
    );
    // And it moves: the next event in date order.
    let at = a.data.events().iter().position(|e| e.id == "market-drop");
    let next = at
        .and_then(|i| a.data.events().get(i + 1))
        .map(|e| e.id.clone());
    a.update(Action::Right);
    assert_eq!(a.timeline.selected_id(&a.cx()), next);
}

/// q over an event's filter clears it (as Esc does), and quits only then.
#[test]
fn q_clears_the_event_filter_before_it_quits() {
    let mut a = app(100, 30);
    a.update(Action::ShowTimeline);
    settle(&mut a);
    // An event whose claims are in the panes.
    let n = a.data.events().len();
    let mut filtered = false;
    for _ in 0..n {
        a.update(Action::FilterEvent);
        if a.blocs.filter.is_some() {
            filtered = true;
            break;
        }
        a.update(Action::Right);
    }
    assert!(filtered, "an event filters the panes");
    assert_eq!(a.view, View::Blocs);
    a.update(Action::QuitOrBack);
    assert!(!a.quit && a.blocs.filter.is_none());
    a.update(Action::QuitOrBack);
    assert!(a.quit);
}
