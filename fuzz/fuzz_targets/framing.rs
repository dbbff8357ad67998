//! The message decoder on arbitrary bytes, fed in arbitrary pieces: no
//! panic, and after any garbage a blank line and two well-formed messages
//! are enough for one of them to be read (or the decoder is still waiting
//! for the rest of a long body: nothing is thrown away unseen).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quoth::lsp::framing::{Decoder, Frame};

const VALID: &[u8] = b"Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";

fuzz_target!(|data: &[u8]| {
    let mut d = Decoder::new();
    let cut = data.first().map_or(1, |&b| usize::from(b).max(1));
    for piece in data.chunks(cut) {
        d.push(piece);
        while let Some(frame) = d.next() {
            if let Frame::Malformed(why) = frame {
                assert!(!why.is_empty());
            }
        }
    }
    if d.buffered() < 1000 {
        d.push(b"\r\n\r\n");
        d.push(VALID);
        d.push(VALID);
        let frames: Vec<Frame> = std::iter::from_fn(|| d.next()).collect();
        let read = frames
            .iter()
            .filter(|f| matches!(f, Frame::Message(_)))
            .count();
        assert!(read >= 1 || d.buffered() > 0, "{frames:?}");
    }
});
