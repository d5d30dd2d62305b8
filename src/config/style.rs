//! Style strings in theme files: a foreground colour, `on` and a background colour, and
//! modifiers, in any order (`"bold black on #b58900"`).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// Parse a style string such as `"bold black on #b58900"`.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut words = spec.split_whitespace();
    let mut fg_set = false;
    while let Some(word) = words.next() {
        let modifier = match word.to_ascii_lowercase().as_str() {
            "bold" => Some(Modifier::BOLD),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reversed" | "reverse" => Some(Modifier::REVERSED),
            "dim" => Some(Modifier::DIM),
            "strikethrough" => Some(Modifier::CROSSED_OUT),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if word.eq_ignore_ascii_case("on") {
            let bg = words.next().ok_or("\"on\" needs a colour after it")?;
            style = style.bg(parse_color(bg)?);
        } else if !fg_set {
            style = style.fg(parse_color(word)?);
            fg_set = true;
        } else {
            return Err(format!("unexpected {word:?} (two foreground colours?)"));
        }
    }
    Ok(style)
}

fn parse_color(word: &str) -> Result<Color, String> {
    if word.starts_with('#') && word.len() != 7 {
        return Err(format!("colour {word:?} must be #rrggbb"));
    }
    Color::from_str(word).map_err(|_| {
        format!("unknown colour {word:?} (use a name like red, a number 0-255, or #rrggbb)")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_strings_read_in_any_order() {
        let s = parse_style("bold black on #b58900").unwrap();
        assert_eq!(s.fg, Some(Color::Black));
        assert_eq!(s.bg, Some(Color::Rgb(0xb5, 0x89, 0x00)));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert_eq!(parse_style("on 236").unwrap().bg, Some(Color::Indexed(236)));
        assert_eq!(
            parse_style("light_blue").unwrap().fg,
            Some(Color::LightBlue)
        );
        assert!(parse_style("redd").is_err());
        assert!(parse_style("red on").is_err());
        assert!(parse_style("#12345").is_err());
    }
}
