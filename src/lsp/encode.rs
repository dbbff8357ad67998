//! Diagnostics and document symbols written straight to JSON bytes, one
//! section of a long document at a time, with their line numbers relative
//! to the section's first line, so that a section's JSON can be kept across
//! edits elsewhere (an edit before it only moves its first line) and the
//! whole answer is a concatenation. The JSON is what serde would write for
//! the protocol types (`present::diagnostics`, `present::symbols`; a test
//! below checks it), without building `serde_json::Value` trees.

use std::sync::{Arc, Mutex, MutexGuard};

use ropey::Rope;
use tower_lsp_server::ls_types::Position;

use super::position::{offset_to_position, Encoding};
use super::present;
use crate::analysis::{Analysis, Finding, Severity, Span};

/// JSON text with holes where line numbers go: each hole is filled with the
/// section's first line plus the line relative to it. The text is kept as
/// it was last written, lines filled in: while the section does not move
/// (a keystroke that adds no line before it), writing it again is one copy;
/// when it moves, its numbers are rewritten in place once.
#[derive(Default)]
pub struct Piece {
    written: Mutex<Written>,
    /// The line of each hole, in order, relative to the section's first line.
    lines: Vec<u32>,
}

/// A piece's JSON as last written, for the section starting at `first_line`.
#[derive(Default)]
struct Written {
    first_line: u32,
    json: Vec<u8>,
    /// Where each hole's number starts in `json`.
    at: Vec<u32>,
}

/// Items of a JSON array kept for a section: written with the section's
/// first line added to their relative lines.
pub trait Part: Send + Sync {
    /// Writes the items, lines made absolute.
    fn emit(&self, first_line: u32, out: &mut Vec<u8>);
    /// How many bytes `emit` writes.
    fn emitted_len(&self, first_line: u32) -> usize;
    fn is_empty(&self) -> bool;
}

fn digits(n: u32) -> usize {
    n.checked_ilog10().unwrap_or(0) as usize + 1
}

impl Part for Piece {
    fn emit(&self, first_line: u32, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.at_line(first_line).json);
    }

    fn emitted_len(&self, first_line: u32) -> usize {
        self.at_line(first_line).json.len()
    }

    fn is_empty(&self) -> bool {
        self.written().json.is_empty()
    }
}

impl Piece {
    /// A piece of items already encoded, with no line numbers to fill in:
    /// a JSON array's text without its brackets.
    pub fn fixed(json: Vec<u8>) -> Piece {
        Piece {
            written: Mutex::new(Written {
                json,
                ..Written::default()
            }),
            lines: Vec::new(),
        }
    }

    /// A panic while the JSON was rewritten leaves it whole (it is replaced
    /// at once), so a poisoned lock is still good.
    fn written(&self) -> MutexGuard<'_, Written> {
        self.written.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The JSON with its lines for a section starting at `first_line`,
    /// rewritten first if the section has moved.
    fn at_line(&self, first_line: u32) -> MutexGuard<'_, Written> {
        let mut w = self.written();
        if w.first_line != first_line && !self.lines.is_empty() {
            let mut json = Vec::with_capacity(w.json.len() + self.lines.len());
            let mut at = Vec::with_capacity(w.at.len());
            let mut from = 0;
            for (&hole, &line) in w.at.iter().zip(&self.lines) {
                let hole = hole as usize;
                json.extend_from_slice(&w.json[from..hole]);
                at.push(u32::try_from(json.len()).unwrap_or(u32::MAX));
                write_u32(&mut json, first_line.saturating_add(line));
                from = hole + digits(w.first_line.saturating_add(line));
            }
            json.extend_from_slice(&w.json[from..]);
            *w = Written {
                first_line,
                json,
                at,
            };
        }
        w
    }

    fn item(&mut self) {
        let json = self.json();
        if !json.is_empty() {
            json.push(b',');
        }
    }

    /// The JSON being built (for the section's first line at the time).
    fn json(&mut self) -> &mut Vec<u8> {
        &mut self
            .written
            .get_mut()
            .unwrap_or_else(|e| e.into_inner())
            .json
    }

    fn position(&mut self, p: Position, first_line: u32) {
        let line = p.line.saturating_sub(first_line);
        let w = self.written.get_mut().unwrap_or_else(|e| e.into_inner());
        w.first_line = first_line;
        w.json.extend_from_slice(b"{\"line\":");
        w.at.push(u32::try_from(w.json.len()).unwrap_or(u32::MAX));
        write_u32(&mut w.json, first_line.saturating_add(line));
        w.json.extend_from_slice(b",\"character\":");
        write_u32(&mut w.json, p.character);
        w.json.push(b'}');
        self.lines.push(line);
    }

    fn range(&mut self, rope: &Rope, span: Span, first_line: u32, enc: Encoding) {
        self.json().extend_from_slice(b"{\"start\":");
        self.position(offset_to_position(rope, span.start, enc), first_line);
        self.json().extend_from_slice(b",\"end\":");
        self.position(offset_to_position(rope, span.end, enc), first_line);
        self.json().push(b'}');
    }

    fn string(&mut self, s: &str) {
        // A `str` always serialises.
        let _ = serde_json::to_writer(self.json(), s);
    }
}

/// A JSON array made of pieces, each with the first line of its section:
/// the transport writes it a little at a time, never as one buffer.
#[derive(Default)]
pub struct Pieces {
    parts: Vec<(Arc<dyn Part>, u32)>,
}

impl Pieces {
    pub fn push(&mut self, piece: Arc<dyn Part>, first_line: u32) {
        if !piece.is_empty() {
            self.parts.push((piece, first_line));
        }
    }

    /// The array's length in bytes.
    pub fn len(&self) -> usize {
        let items: usize = self.parts.iter().map(|(p, l)| p.emitted_len(*l)).sum();
        2 + items + self.parts.len().saturating_sub(1)
    }

    /// Writes the array to `out` from part `*next` on, until `out` holds
    /// `chunk` bytes or more; true once the whole array is written (call
    /// again with the same `*next` until then).
    pub fn write_some(&self, next: &mut usize, out: &mut Vec<u8>, chunk: usize) -> bool {
        if *next == 0 {
            out.push(b'[');
        }
        while let Some((piece, line)) = self.parts.get(*next) {
            if *next > 0 {
                out.push(b',');
            }
            piece.emit(*line, out);
            *next += 1;
            if out.len() >= chunk {
                return false;
            }
        }
        out.push(b']');
        true
    }

    /// The whole array in one buffer.
    #[cfg(test)]
    pub fn to_vec(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.len());
        self.write_some(&mut 0, &mut out, usize::MAX);
        out
    }
}

/// Writes `n` in decimal (without `fmt`: this runs for every position).
fn write_u32(out: &mut Vec<u8>, n: u32) {
    let mut digits = [0u8; 10];
    out.extend_from_slice(decimal(n, &mut digits));
}

/// `n` in decimal, in the end of `digits`.
fn decimal(mut n: u32, digits: &mut [u8; 10]) -> &[u8] {
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    &digits[i..]
}

/// The diagnostics of `findings` (document offsets, in a section whose
/// first line is `first_line`), as `present::diagnostics` maps them.
pub fn diagnostics(rope: &Rope, findings: &[Finding], first_line: u32, enc: Encoding) -> Piece {
    let mut p = Piece::default();
    for f in findings {
        p.item();
        p.json().extend_from_slice(b"{\"range\":");
        p.range(rope, f.span, first_line, enc);
        let severity = match f.severity {
            Severity::Error => b'1',
            Severity::Warning => b'2',
            Severity::Information => b'3',
            Severity::Hint => b'4',
        };
        p.json().extend_from_slice(b",\"severity\":");
        p.json().push(severity);
        p.json().extend_from_slice(b",\"code\":");
        p.string(f.code.as_str());
        p.json()
            .extend_from_slice(b",\"source\":\"quoth\",\"message\":");
        p.string(&f.message);
        p.json().push(b'}');
    }
    p
}

/// Document symbols kept compactly: their name and detail as JSON
/// strings, and their range with lines relative to the section's first
/// line; the rest of each symbol's JSON is the same for all and is written
/// as they are sent.
#[derive(Default)]
pub struct Symbols {
    /// `"name""detail"` for each symbol, one after the other.
    strings: Vec<u8>,
    /// Where each symbol's name and detail end in `strings`.
    ends: Vec<[u32; 2]>,
    /// Start line (relative), start column, end line (relative), end column.
    ranges: Vec<[u32; 4]>,
}

const SYMBOL_START: &[u8] = b"{\"name\":";
const SYMBOL_DETAIL: &[u8] = b",\"detail\":";
const SYMBOL_KIND: &[u8] = b",\"kind\":15,\"range\":"; // SymbolKind::STRING
const SELECTION: &[u8] = b",\"selectionRange\":";
const RANGE: [&[u8]; 5] = [
    b"{\"start\":{\"line\":",
    b",\"character\":",
    b"},\"end\":{\"line\":",
    b",\"character\":",
    b"}}",
];

/// The longest range JSON: its fixed text and four numbers of ten digits.
const RANGE_MAX: usize = 17 + 13 + 16 + 13 + 2 + 4 * 10;

impl Symbols {
    /// Writes range `r` (lines relative to `first_line`) into `out`;
    /// returns the length written.
    fn range(r: [u32; 4], first_line: u32, out: &mut [u8; RANGE_MAX]) -> usize {
        let r = [
            first_line.saturating_add(r[0]),
            r[1],
            first_line.saturating_add(r[2]),
            r[3],
        ];
        let mut len = 0;
        let mut put = |bytes: &[u8]| {
            out[len..len + bytes.len()].copy_from_slice(bytes);
            len += bytes.len();
        };
        for (k, n) in r.into_iter().enumerate() {
            put(RANGE[k]);
            let mut digits = [0u8; 10];
            put(decimal(n, &mut digits));
        }
        put(RANGE[4]);
        len
    }
}

impl Part for Symbols {
    fn emit(&self, first_line: u32, out: &mut Vec<u8>) {
        let mut at = 0;
        let mut range = [0u8; RANGE_MAX];
        for (k, (&[name_end, end], &r)) in self.ends.iter().zip(&self.ranges).enumerate() {
            if k > 0 {
                out.push(b',');
            }
            let (name_end, end) = (name_end as usize, end as usize);
            out.extend_from_slice(SYMBOL_START);
            out.extend_from_slice(&self.strings[at..name_end]);
            out.extend_from_slice(SYMBOL_DETAIL);
            out.extend_from_slice(&self.strings[name_end..end]);
            at = end;
            out.extend_from_slice(SYMBOL_KIND);
            // The range is written twice: as the range and the selection.
            let len = Symbols::range(r, first_line, &mut range);
            out.extend_from_slice(&range[..len]);
            out.extend_from_slice(SELECTION);
            out.extend_from_slice(&range[..len]);
            out.push(b'}');
        }
    }

    fn emitted_len(&self, first_line: u32) -> usize {
        let fixed = SYMBOL_START.len()
            + SYMBOL_DETAIL.len()
            + SYMBOL_KIND.len()
            + SELECTION.len()
            + 2 * RANGE.iter().map(|r| r.len()).sum::<usize>()
            + 1; // the closing brace
        let numbers: usize = self
            .ranges
            .iter()
            .map(|r| {
                2 * (digits(first_line.saturating_add(r[0]))
                    + digits(r[1])
                    + digits(first_line.saturating_add(r[2]))
                    + digits(r[3]))
            })
            .sum();
        self.strings.len() + numbers + self.ends.len() * fixed + self.ends.len().saturating_sub(1)
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

/// The document symbols of quotations `quotations` (in a section whose
/// first line is `first_line`), as `present::symbols` maps them.
pub fn symbols(
    rope: &Rope,
    analysis: &Analysis,
    quotations: std::ops::Range<usize>,
    first_line: u32,
    enc: Encoding,
) -> Symbols {
    let mut p = Symbols::default();
    for q in quotations {
        let Some(quotation) = analysis.quotations.get(q) else {
            break;
        };
        let name = present::symbol_name(rope, analysis, q);
        let detail = analysis.speaker_name(q).unwrap_or("unattributed");
        let offset = |strings: &Vec<u8>| u32::try_from(strings.len()).unwrap_or(u32::MAX);
        let _ = serde_json::to_writer(&mut p.strings, &name);
        let name_end = offset(&p.strings);
        let _ = serde_json::to_writer(&mut p.strings, detail);
        p.ends.push([name_end, offset(&p.strings)]);
        let start = offset_to_position(rope, quotation.span.start, enc);
        let end = offset_to_position(rope, quotation.span.end, enc);
        p.ranges.push([
            start.line.saturating_sub(first_line),
            start.character,
            end.line.saturating_sub(first_line),
            end.character,
        ]);
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};
    use tower_lsp_server::ls_types::{Diagnostic, DocumentSymbol};

    const TEXT: &str = "Minister Ann Lee spoke.\n\n“We will act 😀,” she said.\r\n\r\n“Why \"not\"?”\n\n“Unclosed\n\nBob Roe said: “Fine.”";

    #[test]
    fn numbers_are_written_in_decimal() {
        for n in [0, 7, 10, 99, 100, 65_535, 1_000_000, u32::MAX] {
            let mut out = Vec::new();
            write_u32(&mut out, n);
            assert_eq!(out, n.to_string().as_bytes());
        }
        // The longest range fits the buffer it is written into.
        let mut range = [0u8; RANGE_MAX];
        let len = Symbols::range([u32::MAX; 4], u32::MAX, &mut range);
        let max = u32::MAX;
        let expected = format!(
            r#"{{"start":{{"line":{max},"character":{max}}},"end":{{"line":{max},"character":{max}}}}}"#
        );
        assert_eq!(&range[..len], expected.as_bytes());
    }

    #[test]
    fn json_is_what_serde_writes_for_the_protocol_types() {
        let rope = Rope::from_str(TEXT);
        let a = analyze(TEXT, &Options::default());
        assert!(a.findings.len() >= 2 && a.quotations.len() >= 3, "{a:?}");
        for enc in [Encoding::Utf8, Encoding::Utf16] {
            // Split after line 2: the second half's lines are relative to it.
            let cut = TEXT.find("“Why").unwrap();
            let first_line = rope.byte_to_line(cut) as u32;
            let (f0, f1): (Vec<_>, Vec<_>) =
                a.findings.iter().cloned().partition(|f| f.span.start < cut);
            let q = a.quotations.partition_point(|q| q.span.start < cut);
            let mut pieces = Pieces::default();
            pieces.push(Arc::new(diagnostics(&rope, &f0, 0, enc)), 0);
            pieces.push(Arc::new(Piece::default()), 5);
            pieces.push(
                Arc::new(diagnostics(&rope, &f1, first_line, enc)),
                first_line,
            );
            let out = pieces.to_vec();
            assert_eq!(pieces.len(), out.len());
            // In chunks, the same bytes.
            let (mut next, mut chunked) = (0, Vec::new());
            while !pieces.write_some(&mut next, &mut chunked, 1) {}
            assert_eq!(chunked, out);
            let ours: Vec<Diagnostic> = serde_json::from_slice(&out).unwrap();
            assert_eq!(ours, present::diagnostics(&rope, &a, enc));
            // The second section moves down 9 995 lines (its numbers get
            // longer), then back: each time its lines follow, and the
            // length said beforehand is the length written.
            let second = Arc::new(diagnostics(&rope, &f1, first_line, enc));
            for moved_by in [9_995, 0, 3] {
                let mut moved = Pieces::default();
                moved.push(Arc::clone(&second) as Arc<dyn Part>, first_line + moved_by);
                let len = moved.len();
                let moved = moved.to_vec();
                assert_eq!(len, moved.len());
                let moved: Vec<Diagnostic> = serde_json::from_slice(&moved).unwrap();
                assert_eq!(moved.len(), f1.len());
                for (m, o) in moved.iter().zip(&ours[f0.len()..]) {
                    assert_eq!(m.range.start.line, o.range.start.line + moved_by);
                    assert_eq!(m.range.end.line, o.range.end.line + moved_by);
                    assert_eq!(m.message, o.message);
                }
            }

            let mut pieces = Pieces::default();
            pieces.push(Arc::new(symbols(&rope, &a, 0..q, 0, enc)), 0);
            let rest = Arc::new(symbols(&rope, &a, q..a.quotations.len(), first_line, enc));
            pieces.push(Arc::clone(&rest) as Arc<dyn Part>, first_line);
            let out = pieces.to_vec();
            assert_eq!(pieces.len(), out.len());
            // Ten lines inserted before the section: only its first line moves.
            let mut moved = Pieces::default();
            moved.push(rest, first_line + 10);
            let moved = moved.to_vec();
            let ours: Vec<DocumentSymbol> = serde_json::from_slice(&out).unwrap();
            assert_eq!(ours, present::symbols(&rope, &a, enc));
            let moved: Vec<DocumentSymbol> = serde_json::from_slice(&moved).unwrap();
            assert_eq!(moved[0].range.start.line, ours[q].range.start.line + 10);
            assert_eq!(moved[0].selection_range, moved[0].range);
        }
    }
}
