//! The characters guides and borders are drawn with: box drawing, or ASCII with `--ascii`.

use ratatui::symbols::border;

/// Drawing characters.
#[derive(Clone, Copy, Debug)]
pub struct Glyphs {
    /// Reply guide.
    pub guide: &'static str,
    /// Selection marker bar.
    pub marker: &'static str,
    /// Horizontal rule.
    pub rule: &'static str,
    /// Folded comment.
    pub folded: &'static str,
    /// Depth past the indent cap.
    pub deep: &'static str,
    /// Popup borders.
    pub border: border::Set<'static>,
    /// Text cursor in prompts.
    pub cursor: &'static str,
}

/// Box-drawing glyphs.
pub const UNICODE: Glyphs = Glyphs {
    guide: "│",
    marker: "▌",
    rule: "─",
    folded: "▸",
    deep: "↳",
    border: border::ROUNDED,
    cursor: "▏",
};

/// Plain ASCII glyphs.
pub const ASCII: Glyphs = Glyphs {
    guide: "|",
    marker: ">",
    rule: "-",
    folded: "+",
    deep: ">",
    border: border::Set {
        top_left: "+",
        top_right: "+",
        bottom_left: "+",
        bottom_right: "+",
        vertical_left: "|",
        vertical_right: "|",
        horizontal_top: "-",
        horizontal_bottom: "-",
    },
    cursor: "_",
};

/// The glyphs for the `ascii` setting.
pub fn glyphs(ascii: bool) -> Glyphs {
    if ascii { ASCII } else { UNICODE }
}
