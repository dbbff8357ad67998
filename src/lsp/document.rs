//! One open document: its text as a rope (cheap edits, O(log n) position
//! lookups), the client's version and the analysis of that exact text.
//! Edits and re-analysis happen together so the two never disagree.

use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::position::{range_to_offsets, Encoding};
use crate::analysis::sections::IncrementalAnalysis;
use crate::analysis::{Analysis, Format, Options};

pub struct Document {
    pub rope: Rope,
    pub version: i32,
    /// As the client sent it; the format below is derived from it.
    #[allow(dead_code)]
    pub language_id: String,
    pub analysis: Arc<Analysis>,
    format: Format,
    /// Section analyses of long documents, reused across edits.
    incremental: IncrementalAnalysis,
    /// Settings-driven options (extra cues…); `format` above overrides theirs.
    options: Options,
    /// False when the settings exclude this document: it is kept but not analysed.
    pub enabled: bool,
    /// Longer documents are kept but not analysed (`too_large` says so).
    max_bytes: usize,
    pub too_large: bool,
}

impl Document {
    /// `uri` picks the format when the client sends no language id.
    #[allow(dead_code)] // the server opens through `open_limited`; tests use this
    pub fn open(text: &str, version: i32, language_id: String, uri: &str) -> Document {
        Document::open_limited(
            text,
            version,
            language_id,
            uri,
            Options::default(),
            true,
            usize::MAX,
        )
    }

    /// Opens a document with options from the settings (`enabled: false`
    /// skips analysis); a text over `max_bytes` is kept but not analysed.
    pub fn open_limited(
        text: &str,
        version: i32,
        language_id: String,
        uri: &str,
        options: Options,
        enabled: bool,
        max_bytes: usize,
    ) -> Document {
        let format = Format::from_hint(if language_id.is_empty() {
            uri
        } else {
            &language_id
        });
        let mut doc = Document {
            rope: Rope::from_str(text),
            version,
            language_id,
            analysis: Arc::default(),
            format,
            incremental: IncrementalAnalysis::default(),
            options,
            enabled,
            max_bytes,
            too_large: false,
        };
        doc.reanalyse();
        doc
    }

    /// Applies a `didChange` batch in order, each change against the text the
    /// previous one left, then re-analyses once.
    pub fn apply_changes(
        &mut self,
        changes: &[TextDocumentContentChangeEvent],
        version: i32,
        enc: Encoding,
    ) {
        for change in changes {
            match change.range {
                None => self.rope = Rope::from_str(&change.text),
                Some(range) => {
                    let (start, end) = range_to_offsets(&self.rope, range, enc);
                    let (start, end) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        self.reanalyse();
    }

    /// New settings: re-analyses with them.
    pub fn reconfigure(&mut self, options: Options, enabled: bool) {
        self.options = options;
        self.enabled = enabled;
        self.reanalyse();
    }

    pub fn format(&self) -> Format {
        self.format
    }

    fn reanalyse(&mut self) {
        self.too_large = self.rope.len_bytes() > self.max_bytes;
        if !self.enabled || self.too_large {
            self.analysis = Arc::default();
            return;
        }
        let text = self.rope.to_string();
        let options = Options {
            format: self.format,
            ..self.options.clone()
        };
        // A panic in the analysis must not take the server down with it;
        // the panic hook has already reported it on stderr.
        let inc = &mut self.incremental;
        let analysis = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            inc.analyse(&text, &options)
        }));
        if analysis.is_err() {
            // The cache may be half updated: start afresh next time.
            self.incremental = IncrementalAnalysis::default();
        }
        self.analysis = Arc::new(analysis.unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::{Position, Range};

    fn edit(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn changes_apply_in_order_against_the_previous_result() {
        let mut doc = Document::open("“Hi,” he said.\nBye\n", 1, "plaintext".into(), "");
        let changes = [
            // Delete the first line; "Bye" moves up to line 0.
            edit(0, 0, 1, 0, ""),
            // Line 0 is now "Bye": replace it.
            edit(0, 0, 0, 3, "“Ciao” 😀"),
            // Columns after the emoji are in UTF-16 units.
            edit(0, 9, 0, 9, "!"),
        ];
        doc.apply_changes(&changes, 2, Encoding::Utf16);
        assert_eq!(doc.rope.to_string(), "“Ciao” 😀!\n");
        assert_eq!(doc.version, 2);
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let mut doc = Document::open("old", 1, String::new(), "file:///a.txt");
        let full = TextDocumentContentChangeEvent {
            range: None,
            range_length: None,
            text: "new text".into(),
        };
        doc.apply_changes(&[full, edit(0, 3, 0, 3, "er")], 5, Encoding::Utf8);
        assert_eq!(doc.rope.to_string(), "newer text");
    }

    #[test]
    fn out_of_range_edits_clamp() {
        let mut doc = Document::open("ab\r\ncd", 1, "plaintext".into(), "");
        doc.apply_changes(&[edit(0, 50, 9, 9, "X")], 2, Encoding::Utf16);
        assert_eq!(doc.rope.to_string(), "abX");
        doc.apply_changes(&[edit(7, 0, 0, 1, "")], 3, Encoding::Utf8);
        assert_eq!(doc.rope.to_string(), "a");
    }

    #[test]
    fn format_follows_language_id_then_uri() {
        let md = Document::open("", 1, "markdown".into(), "file:///a.txt");
        assert_eq!(md.format, Format::Markdown);
        let txt = Document::open("", 1, "plaintext".into(), "file:///a.md");
        assert_eq!(txt.format, Format::PlainText);
        let by_uri = Document::open("", 1, String::new(), "file:///a.md");
        assert_eq!(by_uri.format, Format::Markdown);
    }

    /// Random edits at random (often invalid) positions, in both encodings,
    /// with the protocol answers computed after each: nothing may panic and
    /// every range must stay inside the document.
    #[test]
    fn random_edits_never_panic() {
        use super::super::position::{offset_to_position, position_to_offset};
        use super::super::present;

        let pieces = [
            "“", "”", "\r\n", "\n", "😀", "東京", "e\u{301}", " he said", "Ann Lee", "‘", ". ", "",
        ];
        let mut seed: u64 = 0x5eed;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let start = "Minister Ann Lee spoke.\r\n\r\n“We will act 😀,” she said.\n\n“東京?”";
        let mut doc = Document::open(start, 1, "plaintext".into(), "");
        let mut symbols_seen = 0;
        for version in 2..1500 {
            let enc = if next(2) == 0 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            let lines = doc.rope.len_lines() as u64 + 2;
            let mut text = String::new();
            for _ in 0..next(4) {
                text.push_str(pieces[next(pieces.len() as u64) as usize]);
            }
            let change = edit(
                next(lines) as u32,
                next(30) as u32,
                next(lines) as u32,
                next(30) as u32,
                &text,
            );
            doc.apply_changes(&[change], version, enc);

            let end = offset_to_position(&doc.rope, doc.rope.len_bytes(), enc);
            let inside = |r: &Range| r.start <= r.end && r.end <= end;
            for d in present::diagnostics(&doc.rope, &doc.analysis, enc) {
                assert!(inside(&d.range), "{d:?}");
            }
            for s in present::symbols(&doc.rope, &doc.analysis, enc) {
                assert!(inside(&s.range), "{s:?}");
                symbols_seen += 1;
            }
            let at = Position::new(next(lines) as u32, next(40) as u32);
            let offset = position_to_offset(&doc.rope, at, enc);
            if let Some(h) = present::hover(&doc.rope, &doc.analysis, offset, enc) {
                assert!(inside(&h.range.unwrap()), "{h:?}");
            }
        }
        assert!(
            symbols_seen > 100,
            "the edits should leave quotations to map"
        );
    }
}
