//! Splits the byte stream a client sends into JSON-RPC messages, and never
//! gives up on it.
//!
//! tower-lsp-server's own codec stops reading for good after the first bad
//! message (its `FramedRead` ends the stream on a decode error), so one stray
//! byte from a client would take the server and the user's warnings down.
//! This decoder reports every problem as a [`Frame::Malformed`] (the
//! transport answers it with a JSON-RPC error) and resynchronises on the next
//! `Content-Length` header:
//!
//! - garbage before a header is skipped, reported once per run of garbage;
//! - a missing, unparsable or oversized (> [`MAX_MESSAGE_BYTES`])
//!   `Content-Length` rejects that header; its body is skipped as garbage;
//! - a body that is not one JSON value is rejected;
//! - a `Content-Length` larger than the body it announces is caught as soon
//!   as the next message's header shows up where the body should go on and
//!   the JSON before it cannot go on (it is empty, complete or already
//!   broken): the message is rejected and the next one is read from its own
//!   header, so a wrong length costs one message, not all that follow.
//!
//! Header names are matched case-insensitively; `Content-Type` and unknown
//! headers are ignored. Pure and synchronous so that it can be unit-tested and
//! fuzzed on its own.

use memchr::memmem;
use serde_json::Value;

/// The largest message body accepted. A client sends a whole document in
/// `didOpen`, so this is well above the default document limit (32 MiB)
/// even after JSON escaping.
pub const MAX_MESSAGE_BYTES: usize = 256 << 20;

/// The longest header section accepted (real clients send about 30 bytes).
pub const MAX_HEADER_BYTES: usize = 4096;

const HEADER: &[u8] = b"Content-Length";

/// Headers looked at inside one body; past this many the body is taken to
/// be a document that talks about them (each look parses the body so far).
const MAX_HEADER_CHECKS: usize = 16;

#[derive(Debug, PartialEq)]
pub enum Frame {
    /// A well-framed body holding exactly one JSON value.
    Message(Value),
    /// Bytes that were dropped, and why (becomes a JSON-RPC parse error).
    Malformed(String),
}

#[derive(Default)]
pub struct Decoder {
    buf: Vec<u8>,
    /// The announced body length, once its header section has been read.
    body_len: Option<usize>,
    /// Where in a pending body the search for a stray header goes on.
    scanned: usize,
    /// How many headers were found inside the pending body so far.
    checks: usize,
    /// Bytes are being skipped; a further skip is not reported again.
    skipping: bool,
}

impl Decoder {
    pub fn new() -> Decoder {
        Decoder::default()
    }

    /// Adds bytes read from the client.
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Bytes received and not yet decoded.
    pub fn buffered(&self) -> usize {
        self.buf.len()
    }

    /// The next complete frame, or `None` until more bytes arrive.
    #[allow(clippy::should_implement_trait)] // not an Iterator: None only means "not yet"
    pub fn next(&mut self) -> Option<Frame> {
        loop {
            let progress = match self.body_len {
                None => self.header(),
                Some(len) => self.body(len),
            };
            match progress {
                Step::Frame(frame) => return Some(frame),
                Step::Again => continue,
                Step::NeedMore => return None,
            }
        }
    }

    /// Drops the first `n` bytes; reports it unless already skipping.
    fn skip(&mut self, n: usize, why: impl FnOnce() -> String) -> Step {
        self.buf.drain(..n);
        if n == 0 || self.skipping {
            return Step::Again;
        }
        self.skipping = true;
        Step::Frame(Frame::Malformed(why()))
    }

    fn header(&mut self) -> Step {
        if self.buf.is_empty() {
            return Step::NeedMore;
        }
        if !starts_like_a_header(&self.buf) {
            // Garbage: jump to the next header, or keep a tail that might
            // be the start of one.
            let to = match memmem::find(&self.buf, HEADER) {
                Some(at) => at,
                None => self.buf.len().saturating_sub(HEADER.len() - 1),
            };
            if to == 0 {
                return Step::NeedMore;
            }
            return self.skip(to, || "bytes that are not a message were skipped".into());
        }
        let Some(end) = memmem::find(
            &self.buf[..self.buf.len().min(MAX_HEADER_BYTES)],
            b"\r\n\r\n",
        ) else {
            if self.buf.len() < MAX_HEADER_BYTES
                && !self.buf[1..].windows(HEADER.len()).any(|w| w == HEADER)
            {
                return Step::NeedMore;
            }
            // No blank line where one should be: drop this header.
            let to = memmem::find(&self.buf[1..], HEADER).map_or(self.buf.len(), |i| i + 1);
            return self.skip(to, || "a header section without its blank line".into());
        };
        // A second Content-Length in one header section: the first header
        // was cut short; resynchronise on the last one.
        if let Some(i) = memmem::rfind(&self.buf[1..end], HEADER) {
            return self.skip(i + 1, || "a header section cut short".into());
        }
        let parsed = parse_headers(&self.buf[..end]);
        self.buf.drain(..end + 4);
        match parsed {
            Ok(len) if len > MAX_MESSAGE_BYTES => {
                self.skipping = true;
                Step::Frame(Frame::Malformed(format!(
                    "Content-Length {len} is over the limit of {MAX_MESSAGE_BYTES} bytes; message skipped"
                )))
            }
            Ok(len) => {
                self.skipping = false;
                self.body_len = Some(len);
                self.scanned = 0;
                self.checks = 0;
                Step::Again
            }
            Err(why) => {
                self.skipping = true;
                Step::Frame(Frame::Malformed(why))
            }
        }
    }

    fn body(&mut self, len: usize) -> Step {
        // A header inside the body means the announced length was too long
        // when the JSON before it cannot go on (it is empty, complete, or
        // already broken); inside a JSON string it is just text.
        let available = self.buf.len().min(len);
        while self.checks < MAX_HEADER_CHECKS {
            let from = self.scanned.min(available);
            let Some(i) = memmem::find(&self.buf[from..available], HEADER) else {
                // Keep an overlap: a header may be cut between two reads.
                self.scanned = available.saturating_sub(HEADER.len() - 1).max(from);
                break;
            };
            let at = from + i;
            self.checks += 1;
            if json_ended_or_broken(&self.buf[..at]) {
                return self.reject_body(
                    at,
                    format!(
                        "Content-Length {len} is longer than the message ({at} bytes); message skipped"
                    ),
                );
            }
            self.scanned = at + 1;
        }
        if self.buf.len() < len {
            return Step::NeedMore;
        }
        self.body_len = None;
        self.scanned = 0;
        self.checks = 0;
        let mut stream =
            serde_json::Deserializer::from_slice(&self.buf[..len]).into_iter::<Value>();
        let step = match stream.next() {
            Some(Ok(value)) => {
                let rest = &self.buf[stream.byte_offset()..len];
                if rest.iter().all(u8::is_ascii_whitespace) {
                    Step::Frame(Frame::Message(value))
                } else {
                    Step::Frame(Frame::Malformed(
                        "text after the JSON value of a message; message skipped".into(),
                    ))
                }
            }
            Some(Err(e)) => Step::Frame(Frame::Malformed(format!("the message is not JSON: {e}"))),
            None => Step::Frame(Frame::Malformed("an empty message".into())),
        };
        self.buf.drain(..len);
        // A long document's `didOpen` grew the buffer to its size: give the
        // memory back rather than keep it for small messages.
        if self.buf.capacity() > 1 << 20 && self.buf.len() < self.buf.capacity() / 4 {
            self.buf.shrink_to(self.buf.len().max(64 * 1024));
        }
        if matches!(step, Step::Frame(Frame::Malformed(_))) {
            // What follows a bad body is probably the rest of it.
            self.skipping = true;
        }
        step
    }

    fn reject_body(&mut self, at: usize, why: String) -> Step {
        self.buf.drain(..at);
        self.body_len = None;
        self.scanned = 0;
        self.checks = 0;
        self.skipping = true;
        Step::Frame(Frame::Malformed(why))
    }
}

enum Step {
    Frame(Frame),
    Again,
    NeedMore,
}

/// Whether `buf` starts with a header name we know, or a prefix of one.
fn starts_like_a_header(buf: &[u8]) -> bool {
    [&b"content-length"[..], b"content-type"]
        .iter()
        .any(|name| {
            let n = buf.len().min(name.len());
            buf[..n].eq_ignore_ascii_case(&name[..n])
        })
}

/// The body length a header section announces.
fn parse_headers(headers: &[u8]) -> Result<usize, String> {
    let mut length = None;
    for line in headers.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let Some(colon) = line.iter().position(|&b| b == b':') else {
            return Err("a header line without a colon; message skipped".into());
        };
        let (name, value) = (&line[..colon], &line[colon + 1..]);
        if !name.eq_ignore_ascii_case(b"content-length") {
            continue;
        }
        let value = std::str::from_utf8(value).unwrap_or("").trim();
        let n = match value.parse::<u64>() {
            Ok(n) => usize::try_from(n).unwrap_or(usize::MAX),
            Err(_) if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => usize::MAX,
            Err(_) => {
                return Err(format!(
                    "Content-Length {value:?} is not a number; message skipped"
                ))
            }
        };
        if length.is_some_and(|l| l != n) {
            return Err("two different Content-Length headers; message skipped".into());
        }
        length = Some(n);
    }
    length.ok_or_else(|| "a message without Content-Length; message skipped".into())
}

/// Whether the start of a body, `prefix`, cannot go on as JSON: it is
/// empty, already one complete value, or already invalid.
fn json_ended_or_broken(prefix: &[u8]) -> bool {
    if prefix.trim_ascii().is_empty() {
        return true;
    }
    match serde_json::from_slice::<serde::de::IgnoredAny>(prefix) {
        Ok(_) => true,
        Err(e) => !e.is_eof(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn frame(body: &str) -> Vec<u8> {
        format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes()
    }

    fn decode_all(bytes: &[u8]) -> Vec<Frame> {
        let mut d = Decoder::new();
        d.push(bytes);
        std::iter::from_fn(|| d.next()).collect()
    }

    fn messages(frames: &[Frame]) -> Vec<&Value> {
        frames
            .iter()
            .filter_map(|f| match f {
                Frame::Message(v) => Some(v),
                Frame::Malformed(_) => None,
            })
            .collect()
    }

    fn errors(frames: &[Frame]) -> usize {
        frames.len() - messages(frames).len()
    }

    const OK: &str = r#"{"jsonrpc":"2.0","id":7,"method":"shutdown"}"#;

    #[test]
    fn well_formed_messages_in_one_or_many_reads() {
        let mut bytes = frame(OK);
        bytes.extend(frame(r#"{"a":"é😀"}"#));
        assert_eq!(messages(&decode_all(&bytes)).len(), 2);
        // Byte by byte.
        let mut d = Decoder::new();
        let mut got = Vec::new();
        for b in &bytes {
            d.push(&[*b]);
            got.extend(std::iter::from_fn(|| d.next()));
        }
        assert_eq!(got.len(), 2);
        assert_eq!(got[1], Frame::Message(json!({"a":"é😀"})));
        assert_eq!(d.buffered(), 0);
    }

    #[test]
    fn header_names_ignore_case_and_content_type_is_allowed() {
        let bytes = format!(
            "content-length: {}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{OK}",
            OK.len()
        );
        let frames = decode_all(bytes.as_bytes());
        assert_eq!(messages(&frames).len(), 1, "{frames:?}");
    }

    #[test]
    fn garbage_is_skipped_and_reported_once() {
        let mut bytes = b"\x00\xffgarbage\r\n\r\nmore garbage".to_vec();
        bytes.extend(frame(OK));
        let frames = decode_all(&bytes);
        assert_eq!(errors(&frames), 1, "{frames:?}");
        assert_eq!(
            messages(&frames),
            [&serde_json::from_str::<Value>(OK).unwrap()]
        );
    }

    #[test]
    fn invalid_json_costs_one_message() {
        let mut bytes = frame("{not json");
        bytes.extend(frame("[1, 2] 3"));
        bytes.extend(frame(""));
        bytes.extend(frame(OK));
        let frames = decode_all(&bytes);
        assert_eq!(errors(&frames), 3, "{frames:?}");
        assert_eq!(messages(&frames).len(), 1);
    }

    #[test]
    fn bad_or_huge_lengths_are_rejected() {
        for header in [
            "Content-Length: 99999999999999999999999\r\n\r\n",
            "Content-Length: 300000000\r\n\r\n",
            "Content-Length: -4\r\n\r\n",
            "Content-Length: twelve\r\n\r\n",
            "Content-Type: text/plain\r\n\r\n",
            "Content-Length: 3\r\nContent-Length: 4\r\n\r\n",
        ] {
            let mut bytes = header.as_bytes().to_vec();
            bytes.extend(b"{\"x\": 1}");
            bytes.extend(frame(OK));
            let frames = decode_all(&bytes);
            assert!(errors(&frames) >= 1, "{header:?}: {frames:?}");
            assert_eq!(messages(&frames).len(), 1, "{header:?}: {frames:?}");
        }
    }

    #[test]
    fn a_too_short_length_costs_one_message() {
        let mut bytes = format!("Content-Length: 10\r\n\r\n{OK}").into_bytes();
        bytes.extend(frame(OK));
        let frames = decode_all(&bytes);
        assert_eq!(errors(&frames), 1, "{frames:?}");
        assert_eq!(messages(&frames).len(), 1, "{frames:?}");
    }

    #[test]
    fn a_too_long_length_is_caught_at_the_next_header() {
        let mut d = Decoder::new();
        d.push(format!("Content-Length: 5000\r\n\r\n{OK}").as_bytes());
        assert_eq!(d.next(), None, "might still be coming");
        d.push(&frame(OK));
        let frames: Vec<Frame> = std::iter::from_fn(|| d.next()).collect();
        assert_eq!(errors(&frames), 1, "{frames:?}");
        assert_eq!(messages(&frames).len(), 1, "{frames:?}");
        // The header's name inside a string does not cut a message short,
        // however often it comes.
        let body = r#"{"text":"} Content-Length: 3"}"#;
        assert_eq!(messages(&decode_all(&frame(body))).len(), 1);
        let body = format!(r#"{{"text":"{}"}}"#, "} Content-Length: 3 ".repeat(40));
        assert_eq!(messages(&decode_all(&frame(&body))).len(), 1);
        // A length that swallows the next messages whole (found by fuzzing),
        // or a body that is broken before the next header.
        for start in [
            "Content-Length: 110\r\n\r\n",
            "Content-Length: 500\r\n\r\nxyz",
        ] {
            let mut bytes = start.as_bytes().to_vec();
            bytes.extend(frame(OK));
            bytes.extend(frame(OK));
            let frames = decode_all(&bytes);
            assert_eq!(messages(&frames).len(), 2, "{start:?}: {frames:?}");
        }
    }

    #[test]
    fn a_header_without_blank_line_is_dropped() {
        let mut bytes = b"Content-Length: 5\r\nbroken".to_vec();
        bytes.extend(frame(OK));
        let frames = decode_all(&bytes);
        assert_eq!(messages(&frames).len(), 1, "{frames:?}");
        assert!(errors(&frames) >= 1);
        // An endless header line is given up on at the limit.
        let mut d = Decoder::new();
        d.push(b"Content-Length: 1");
        d.push(&vec![b'1'; MAX_HEADER_BYTES]);
        assert!(matches!(d.next(), Some(Frame::Malformed(_))));
        assert!(d.buffered() < MAX_HEADER_BYTES);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let frames = decode_all(&frame(&deep));
        assert_eq!(errors(&frames), 1);
    }
}
