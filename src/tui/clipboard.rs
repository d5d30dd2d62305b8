//! Copying through the terminal: the OSC 52 escape, which terminals (and tmux with
//! `set-clipboard on`) turn into a clipboard write, also over SSH.

/// The OSC 52 sequence that puts `text` on the clipboard. What is copied comes from the
/// server (permalinks, link targets): it is sanitized to one line first, so a "URL" holding
/// a newline cannot run a command when pasted into a shell.
pub fn osc52(text: &str) -> String {
    let safe = crate::render::sanitize_line(text);
    format!("\x1b]52;c;{}\x07", base64(safe.as_bytes()))
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copied_text_is_one_line_without_controls() {
        assert_eq!(
            osc52("https://x.example/\nrm -rf ~\n\u{1b}]0;t\u{7}"),
            osc52("https://x.example/ rm -rf ~")
        );
    }

    #[test]
    fn base64_matches_the_rfc_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
        assert_eq!(osc52("hi"), "\x1b]52;c;aGk=\x07");
    }
}
