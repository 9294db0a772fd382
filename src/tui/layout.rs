//! Where things go on screen, as pure functions of the terminal size, shared
//! by drawing and by `update` (paging, mouse hit-testing).

use ratatui::layout::Rect;

/// Below this the app shows a "terminal too small" notice.
pub const MIN_WIDTH: u16 = 20;
/// Below this the app shows a "terminal too small" notice.
pub const MIN_HEIGHT: u16 = 6;
/// Three panes stand side by side from this width; n panes need n/3 of it.
/// Narrower, the panes stack into tabs.
pub const WIDE: u16 = 100;
/// The reader never makes lines longer than this (readability).
pub const READER_MAX_WIDTH: u16 = 96;

/// The frame: tab bar, body, status line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame {
    /// Top row.
    pub tabs: Rect,
    /// Between the tab bar and the status line.
    pub body: Rect,
    /// Bottom row.
    pub status: Rect,
}

/// True when the terminal is too small to draw the app.
pub fn too_small(w: u16, h: u16) -> bool {
    w < MIN_WIDTH || h < MIN_HEIGHT
}

/// Splits the screen.
pub fn frame(w: u16, h: u16) -> Frame {
    let tabs = Rect::new(0, 0, w, 1.min(h));
    let status = Rect::new(0, h.saturating_sub(1), w, 1.min(h));
    let body = Rect::new(0, 1, w, h.saturating_sub(2));
    Frame { tabs, body, status }
}

/// True when `n` panes stand side by side in `w` columns (each gets at least
/// a third of [`WIDE`]).
pub fn wide(w: u16, n: usize) -> bool {
    n <= 1 || u32::from(w) * 3 >= u32::from(WIDE) * n as u32
}

/// A bloc pane: its outer box, its list and, for the focused pane when there
/// is room, the preview under the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pane {
    /// With borders.
    pub outer: Rect,
    /// The claim list (inside the borders).
    pub list: Rect,
    /// The preview of the selected claim.
    pub preview: Option<Rect>,
}

/// Inside a box's borders, with one column of padding on each side.
pub fn padded(r: Rect) -> Rect {
    Rect::new(
        r.x + 2,
        r.y + 1,
        r.width.saturating_sub(4),
        r.height.saturating_sub(2),
    )
}

fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x + 1,
        r.y + 1,
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// The `n` panes (`None` for panes not shown in narrow mode).
pub fn panes(body: Rect, n: usize, focus: usize) -> Vec<Option<Pane>> {
    let mut out = vec![None; n];
    let w = body.width;
    let side_by_side = wide(w, n);
    for (i, slot) in out.iter_mut().enumerate() {
        let outer = if side_by_side {
            let base = w / n as u16;
            let x = body.x + base * i as u16;
            let width = if i + 1 == n {
                w - base * (n as u16 - 1)
            } else {
                base
            };
            Rect::new(x, body.y, width, body.height)
        } else if i == focus {
            body
        } else {
            continue;
        };
        let inside = inner(outer);
        let (list, preview) = if i == focus && inside.height >= 14 {
            let ph = (inside.height * 2 / 5).max(6);
            let list = Rect::new(inside.x, inside.y, inside.width, inside.height - ph);
            // One row of the preview is its separator line.
            let preview = Rect::new(inside.x, inside.y + inside.height - ph, inside.width, ph);
            (list, Some(preview))
        } else {
            (inside, None)
        };
        *slot = Some(Pane {
            outer,
            list,
            preview,
        });
    }
    out
}

/// The reader: the text column, centered with a margin.
pub fn reader_text(body: Rect) -> Rect {
    let inside = inner(body);
    let margin = if inside.width > 40 { 2 } else { 0 };
    let width = inside
        .width
        .saturating_sub(2 * margin)
        .min(READER_MAX_WIDTH);
    let x = inside.x + (inside.width.saturating_sub(width)) / 2;
    Rect::new(x, inside.y, width, inside.height)
}

/// The bookmarks list: inside the view's box.
pub fn bookmarks(body: Rect) -> Rect {
    inner(body)
}

/// The search view: prompt row and result list.
pub fn search(body: Rect) -> (Rect, Rect) {
    let prompt = Rect::new(body.x, body.y, body.width, 1.min(body.height));
    let list = Rect::new(
        body.x,
        body.y + 1,
        body.width,
        body.height.saturating_sub(1),
    );
    (prompt, inner(list))
}

/// The timeline: the axis box (a row per lane, the axis, its labels, the
/// selected event, borders) and the card box.
pub fn timeline(body: Rect, lanes: u16) -> (Rect, Rect) {
    let axis_h = (lanes + 5).min(body.height / 2).max(4).min(body.height);
    let axis = Rect::new(body.x, body.y, body.width, axis_h);
    let card = Rect::new(body.x, body.y + axis_h, body.width, body.height - axis_h);
    (axis, card)
}

/// The help overlay, centered.
pub fn help(area: Rect) -> Rect {
    let w = area.width.saturating_sub(4).min(96);
    let h = area.height.saturating_sub(2);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// True when (x, y) is inside `r`.
pub fn contains(r: Rect, x: u16, y: u16) -> bool {
    x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height
}
