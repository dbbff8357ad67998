//! Byte offsets ⇄ LSP positions on arbitrary text, at arbitrary (mostly
//! invalid) positions, in UTF-8 and UTF-16: no panic, every position maps to
//! a char boundary inside the text, and a char boundary's position maps back
//! to the same offset.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quoth::lsp::position::{offset_to_position, position_to_offset, Encoding};
use ropey::Rope;
use tower_lsp_server::ls_types::Position;

fuzz_target!(|data: &[u8]| {
    if data.len() < 8 {
        return;
    }
    let (numbers, rest) = data.split_at(8);
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let rope = Rope::from_str(text);
    let n = |i: usize| u32::from(u16::from_le_bytes([numbers[i], numbers[i + 1]]));
    for enc in [Encoding::Utf8, Encoding::Utf16] {
        let pos = Position::new(n(0) % 64, n(2));
        let offset = position_to_offset(&rope, pos, enc);
        assert!(offset <= text.len() && text.is_char_boundary(offset));
        let mut at = (n(4) as usize * 7 + n(6) as usize) % (text.len() + 2);
        let back = position_to_offset(&rope, offset_to_position(&rope, at, enc), enc);
        // An offset inside a char stands for the start of that char.
        while at < text.len() && !text.is_char_boundary(at) {
            at -= 1;
        }
        // Inside a \r\n is before it.
        if at > 0 && text.get(at - 1..=at) == Some("\r\n") {
            at -= 1;
        }
        assert_eq!(back, at.min(text.len()), "{pos:?} {enc:?}");
    }
});
