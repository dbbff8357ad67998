//! Converts between the analysis's UTF-8 byte offsets and LSP positions
//! (line + column in the negotiated encoding), in O(log n) through ropey's
//! indexes rather than by rescanning the text.
//!
//! Every function clamps instead of panicking: a line past the end maps to
//! the end of the document, a column past the end of a line to the end of
//! that line (before its line break), a UTF-16 column inside a surrogate
//! pair or a UTF-8 column inside a multi-byte char to the start of that char.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the LSP specification says;
//! ropey is built without its `unicode_lines` feature so that U+2028, NEL and
//! form feed do not start new lines (a test below guards this).

use ropey::Rope;
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

use crate::analysis::Span;

/// The unit LSP columns are counted in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// The protocol's default.
    #[default]
    Utf16,
}

impl Encoding {
    /// UTF-8 when the client offers it (no conversion cost, and the
    /// analysis speaks bytes), else UTF-16, which every client supports.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        match offered {
            Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => Encoding::Utf8,
            _ => Encoding::Utf16,
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
        }
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The char index where `line`'s text ends, before its line break.
/// `line` must be a valid line index.
fn line_end_char(rope: &Rope, line: usize) -> usize {
    let start = rope.line_to_char(line);
    let mut end = rope.line_to_char(line + 1);
    if end > start && rope.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > start && rope.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

/// The position of byte `offset` (clamped to the document, snapped back to
/// the start of the char it falls in, and to before the `\r` of a `\r\n`
/// it falls inside: a column between the two is past the end of the line,
/// which a client reads as the line's end, before the `\r`).
pub fn offset_to_position(rope: &Rope, offset: usize, enc: Encoding) -> Position {
    let offset = offset.min(rope.len_bytes());
    let mut ch = rope.byte_to_char(offset);
    if ch > 0 && ch < rope.len_chars() && rope.char(ch) == '\n' && rope.char(ch - 1) == '\r' {
        ch -= 1;
    }
    let line = rope.char_to_line(ch);
    let line_start = rope.line_to_char(line);
    let character = match enc {
        Encoding::Utf8 => rope.char_to_byte(ch) - rope.char_to_byte(line_start),
        Encoding::Utf16 => rope.char_to_utf16_cu(ch) - rope.char_to_utf16_cu(line_start),
    };
    Position::new(to_u32(line), to_u32(character))
}

/// The byte offset of `pos`, clamped as the module comment describes.
pub fn position_to_offset(rope: &Rope, pos: Position, enc: Encoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_bytes();
    }
    let start = rope.line_to_char(line);
    let end = line_end_char(rope, line);
    let column = pos.character as usize;
    let ch = match enc {
        Encoding::Utf8 => {
            let start_byte = rope.char_to_byte(start);
            let end_byte = rope.char_to_byte(end);
            // byte_to_char snaps a byte inside a char back to that char.
            rope.byte_to_char(start_byte.saturating_add(column).min(end_byte))
        }
        Encoding::Utf16 => {
            let start_cu = rope.char_to_utf16_cu(start);
            let end_cu = rope.char_to_utf16_cu(end);
            // utf16_cu_to_char snaps a unit inside a surrogate pair back to its char.
            rope.utf16_cu_to_char(start_cu.saturating_add(column).min(end_cu))
        }
    };
    rope.char_to_byte(ch)
}

pub fn span_to_range(rope: &Rope, span: Span, enc: Encoding) -> Range {
    Range::new(
        offset_to_position(rope, span.start, enc),
        offset_to_position(rope, span.end, enc),
    )
}

/// The byte range of `range`, in order even if the client sent it reversed.
pub fn range_to_offsets(rope: &Rope, range: Range, enc: Encoding) -> (usize, usize) {
    let a = position_to_offset(rope, range.start, enc);
    let b = position_to_offset(rope, range.end, enc);
    (a.min(b), a.max(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Encoding; 2] = [Encoding::Utf8, Encoding::Utf16];

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    /// Independent oracle: the column of `offset` computed by scanning the
    /// text of its line.
    fn scan_position(text: &str, offset: usize, enc: Encoding) -> Position {
        // Where each line after the first starts: after "\n", or after a
        // "\r" that is not followed by "\n".
        let breaks: Vec<usize> = text[..offset]
            .char_indices()
            .filter(|&(i, c)| {
                c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) != Some(&b'\n'))
            })
            .map(|(i, _)| i + 1)
            .collect();
        let line = breaks.len();
        let line_start = breaks.last().copied().unwrap_or(0);
        let col = &text[line_start..offset];
        let character = match enc {
            Encoding::Utf8 => col.len(),
            Encoding::Utf16 => col.encode_utf16().count(),
        };
        pos(line as u32, character as u32)
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(Encoding::negotiate(None), Encoding::Utf16);
        assert_eq!(Encoding::negotiate(Some(&[])), Encoding::Utf16);
        let both = [PositionEncodingKind::UTF16, PositionEncodingKind::UTF8];
        assert_eq!(Encoding::negotiate(Some(&both)), Encoding::Utf8);
        let other = [PositionEncodingKind::UTF32];
        assert_eq!(Encoding::negotiate(Some(&other)), Encoding::Utf16);
        assert_eq!(Encoding::Utf8.kind().as_str(), "utf-8");
        assert_eq!(Encoding::Utf16.kind().as_str(), "utf-16");
    }

    #[test]
    fn emoji_and_cjk_columns() {
        // 🇯🇵 is two chars of 4 bytes / 2 UTF-16 units each; 東 is 3 bytes / 1 unit.
        let text = "🇯🇵 東京 “Hi”";
        let rope = Rope::from_str(text);
        let quote = text.find('“').unwrap();
        assert_eq!(offset_to_position(&rope, quote, Encoding::Utf16), pos(0, 8));
        assert_eq!(offset_to_position(&rope, quote, Encoding::Utf8), pos(0, 16));
        assert_eq!(position_to_offset(&rope, pos(0, 8), Encoding::Utf16), quote);
        assert_eq!(position_to_offset(&rope, pos(0, 16), Encoding::Utf8), quote);
    }

    #[test]
    fn inside_a_surrogate_pair_snaps_to_the_char_start() {
        let text = "a😀b";
        let rope = Rope::from_str(text);
        // Unit 2 is the low surrogate of 😀, which starts at unit 1 / byte 1.
        assert_eq!(position_to_offset(&rope, pos(0, 2), Encoding::Utf16), 1);
        assert_eq!(position_to_offset(&rope, pos(0, 3), Encoding::Utf16), 5);
        // Bytes 2..5 are inside 😀 in UTF-8.
        for c in 2..5 {
            assert_eq!(position_to_offset(&rope, pos(0, c), Encoding::Utf8), 1);
        }
        // A byte offset inside a char maps to that char's position.
        assert_eq!(offset_to_position(&rope, 3, Encoding::Utf16), pos(0, 1));
    }

    #[test]
    fn combining_marks_count_as_their_own_chars() {
        // "e" + U+0301 COMBINING ACUTE ACCENT: 1 + 2 bytes, 1 + 1 UTF-16 units.
        let text = "Jose\u{301} said “no”";
        let rope = Rope::from_str(text);
        let quote = text.find('“').unwrap();
        assert_eq!(
            offset_to_position(&rope, quote, Encoding::Utf16),
            pos(0, 11)
        );
        assert_eq!(offset_to_position(&rope, quote, Encoding::Utf8), pos(0, 12));
        // Column 4 (UTF-16) sits between the base letter and its mark.
        assert_eq!(position_to_offset(&rope, pos(0, 4), Encoding::Utf16), 4);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "ab\r\ncd\ref\n";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 4);
        for enc in ALL {
            assert_eq!(offset_to_position(&rope, 4, enc), pos(1, 0));
            assert_eq!(offset_to_position(&rope, 7, enc), pos(2, 0));
            // A column past the end of a line stops before "\r\n" / "\r".
            assert_eq!(position_to_offset(&rope, pos(0, 99), enc), 2);
            assert_eq!(position_to_offset(&rope, pos(1, 99), enc), 6);
            assert_eq!(position_to_offset(&rope, pos(2, 99), enc), 9);
            // The empty last line after the final "\n".
            assert_eq!(position_to_offset(&rope, pos(3, 0), enc), text.len());
            assert_eq!(offset_to_position(&rope, text.len(), enc), pos(3, 0));
            // Between "\r" and "\n" is the end of the line (found by fuzzing:
            // it was "ab\r", a column the client reads as before the "\r").
            assert_eq!(offset_to_position(&rope, 3, enc), pos(0, 2));
        }
    }

    #[test]
    fn unicode_line_separators_are_not_line_breaks() {
        // U+2028, NEL, VT and FF are not LSP line breaks; if this fails,
        // ropey's `unicode_lines` feature got switched back on.
        let text = "a\u{2028}b\u{85}c\u{b}d\u{c}e";
        let rope = Rope::from_str(text);
        assert_eq!(rope.len_lines(), 1);
        let e = text.find('e').unwrap();
        assert_eq!(offset_to_position(&rope, e, Encoding::Utf16), pos(0, 8));
    }

    #[test]
    fn out_of_range_input_clamps() {
        let text = "one\ntwo 😀\n";
        let rope = Rope::from_str(text);
        for enc in ALL {
            assert_eq!(position_to_offset(&rope, pos(2, 5), enc), text.len());
            assert_eq!(position_to_offset(&rope, pos(99, 0), enc), text.len());
            assert_eq!(
                position_to_offset(&rope, pos(u32::MAX, u32::MAX), enc),
                text.len()
            );
            assert_eq!(
                position_to_offset(&rope, pos(1, u32::MAX), enc),
                text.len() - 1
            );
            assert_eq!(offset_to_position(&rope, usize::MAX, enc), pos(2, 0));
            let r = Range::new(pos(1, 2), pos(0, 1));
            assert_eq!(range_to_offsets(&rope, r, enc), (1, 6));
        }
        let empty = Rope::new();
        for enc in ALL {
            assert_eq!(position_to_offset(&empty, pos(0, 5), enc), 0);
            assert_eq!(position_to_offset(&empty, pos(3, 5), enc), 0);
            assert_eq!(offset_to_position(&empty, 10, enc), pos(0, 0));
        }
    }

    #[test]
    fn round_trips_every_char_boundary() {
        let text = "Ça va?\r\n“東京 🇯🇵,” she said.\rNext\u{301} 😀😀\n\n“x”";
        let rope = Rope::from_str(text);
        for enc in ALL {
            for (offset, _) in text.char_indices().chain([(text.len(), ' ')]) {
                if text[..offset].ends_with('\r') && text[offset..].starts_with('\n') {
                    continue; // between \r and \n: no LSP position names it
                }
                let p = offset_to_position(&rope, offset, enc);
                assert_eq!(
                    p,
                    scan_position(text, offset, enc),
                    "offset {offset} {enc:?}"
                );
                assert_eq!(position_to_offset(&rope, p, enc), offset, "{p:?} {enc:?}");
            }
        }
    }

    #[test]
    fn span_to_range_maps_both_ends() {
        let text = "😀 “a”\nb";
        let rope = Rope::from_str(text);
        let start = text.find('“').unwrap();
        let end = text.find('\n').unwrap();
        let r = span_to_range(&rope, Span::new(start, end), Encoding::Utf16);
        assert_eq!(r, Range::new(pos(0, 3), pos(0, 6)));
    }
}
