//! Diagnostics and document symbols written straight to JSON bytes, one
//! section of a long document at a time, with their line numbers relative
//! to the section's first line, so that a section's JSON can be kept across
//! edits elsewhere (an edit before it only moves its first line) and the
//! whole answer is a concatenation. The JSON is what serde would write for
//! the protocol types (`present::diagnostics`, `present::symbols`; a test
//! below checks it), without building `serde_json::Value` trees.

use std::io::Write;

use ropey::Rope;
use tower_lsp_server::ls_types::Position;

use super::position::{offset_to_position, Encoding};
use super::present;
use crate::analysis::{Analysis, Finding, Severity, Span};

/// JSON text with holes where line numbers go: each hole is filled with the
/// section's first line plus the line relative to it.
#[derive(Default)]
pub struct Piece {
    json: Vec<u8>,
    /// (byte position in `json`, line relative to the section's first line).
    holes: Vec<(usize, u32)>,
}

impl Piece {
    /// Writes the items of the piece, lines made absolute, after a comma if
    /// `*after_items` (an earlier piece wrote items), which it then sets.
    pub fn emit(&self, first_line: u32, out: &mut Vec<u8>, after_items: &mut bool) {
        if self.json.is_empty() {
            return;
        }
        if *after_items {
            out.push(b',');
        }
        *after_items = true;
        let mut at = 0;
        for &(pos, line) in &self.holes {
            out.extend_from_slice(&self.json[at..pos]);
            write_u32(out, first_line.saturating_add(line));
            at = pos;
        }
        out.extend_from_slice(&self.json[at..]);
    }

    /// About how many bytes `emit` writes.
    pub fn len(&self) -> usize {
        self.json.len() + self.holes.len() * 6
    }

    fn item(&mut self) {
        if !self.json.is_empty() {
            self.json.push(b',');
        }
    }

    fn position(&mut self, p: Position, first_line: u32) {
        self.json.extend_from_slice(b"{\"line\":");
        self.holes
            .push((self.json.len(), p.line.saturating_sub(first_line)));
        self.json.extend_from_slice(b",\"character\":");
        write_u32(&mut self.json, p.character);
        self.json.push(b'}');
    }

    fn range(&mut self, rope: &Rope, span: Span, first_line: u32, enc: Encoding) {
        self.json.extend_from_slice(b"{\"start\":");
        self.position(offset_to_position(rope, span.start, enc), first_line);
        self.json.extend_from_slice(b",\"end\":");
        self.position(offset_to_position(rope, span.end, enc), first_line);
        self.json.push(b'}');
    }

    fn string(&mut self, s: &str) {
        // A `str` always serialises.
        let _ = serde_json::to_writer(&mut self.json, s);
    }
}

fn write_u32(out: &mut Vec<u8>, n: u32) {
    let _ = write!(out, "{n}");
}

/// The diagnostics of `findings` (document offsets, in a section whose
/// first line is `first_line`), as `present::diagnostics` maps them.
pub fn diagnostics(rope: &Rope, findings: &[Finding], first_line: u32, enc: Encoding) -> Piece {
    let mut p = Piece::default();
    for f in findings {
        p.item();
        p.json.extend_from_slice(b"{\"range\":");
        p.range(rope, f.span, first_line, enc);
        let severity = match f.severity {
            Severity::Error => b'1',
            Severity::Warning => b'2',
            Severity::Information => b'3',
            Severity::Hint => b'4',
        };
        p.json.extend_from_slice(b",\"severity\":");
        p.json.push(severity);
        p.json.extend_from_slice(b",\"code\":");
        p.string(f.code.as_str());
        p.json
            .extend_from_slice(b",\"source\":\"quoth\",\"message\":");
        p.string(&f.message);
        p.json.push(b'}');
    }
    p
}

/// The document symbols of quotations `quotations` (in a section whose
/// first line is `first_line`), as `present::symbols` maps them.
pub fn symbols(
    rope: &Rope,
    analysis: &Analysis,
    quotations: std::ops::Range<usize>,
    first_line: u32,
    enc: Encoding,
) -> Piece {
    let mut p = Piece::default();
    for q in quotations {
        let Some(quotation) = analysis.quotations.get(q) else {
            break;
        };
        let name = present::symbol_name(rope, analysis, q);
        let detail = analysis.speaker_name(q).unwrap_or("unattributed");
        p.item();
        p.json.extend_from_slice(b"{\"name\":");
        p.string(&name);
        p.json.extend_from_slice(b",\"detail\":");
        p.string(detail);
        // SymbolKind::STRING
        p.json.extend_from_slice(b",\"kind\":15,\"range\":");
        let at = p.json.len();
        let holes = p.holes.len();
        p.range(rope, quotation.span, first_line, enc);
        // The selection range is the same range: copy its bytes and holes.
        p.json.extend_from_slice(b",\"selectionRange\":");
        let shift = p.json.len() - at;
        let copied: Vec<(usize, u32)> = p.holes[holes..]
            .iter()
            .map(|&(pos, line)| (pos + shift, line))
            .collect();
        p.json
            .extend_from_within(at..at + shift - b",\"selectionRange\":".len());
        p.holes.extend(copied);
        p.json.push(b'}');
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
            let mut out = b"[".to_vec();
            let mut any = false;
            diagnostics(&rope, &f0, 0, enc).emit(0, &mut out, &mut any);
            diagnostics(&rope, &f1, first_line, enc).emit(first_line, &mut out, &mut any);
            out.push(b']');
            let ours: Vec<Diagnostic> = serde_json::from_slice(&out).unwrap();
            assert_eq!(ours, present::diagnostics(&rope, &a, enc));

            let mut out = b"[".to_vec();
            let mut any = false;
            symbols(&rope, &a, 0..q, 0, enc).emit(0, &mut out, &mut any);
            let rest = symbols(&rope, &a, q..a.quotations.len(), first_line, enc);
            // Ten lines inserted before the section: only its first line moves.
            let mut moved = b"[".to_vec();
            rest.emit(first_line + 10, &mut moved, &mut false);
            moved.push(b']');
            rest.emit(first_line, &mut out, &mut any);
            out.push(b']');
            let ours: Vec<DocumentSymbol> = serde_json::from_slice(&out).unwrap();
            assert_eq!(ours, present::symbols(&rope, &a, enc));
            let moved: Vec<DocumentSymbol> = serde_json::from_slice(&moved).unwrap();
            assert_eq!(moved[0].range.start.line, ours[q].range.start.line + 10);
            assert_eq!(moved[0].selection_range, moved[0].range);
        }
    }
}
