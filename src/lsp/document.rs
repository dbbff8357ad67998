//! One open document: its text as a rope (cheap edits, O(log n) position
//! lookups), the client's version and the analysis of that exact text.
//! Edits and re-analysis happen together so the two never disagree.
//!
//! A long document is analysed in sections (`analysis::sections`); the
//! edits of a `didChange` say which bytes changed, so only the sections
//! they touch are analysed again, and only those sections' diagnostics and
//! symbols are encoded again ([`Encoded`]).

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

use ropey::Rope;
use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use super::encode::{self, Part, Pieces};
use super::position::{range_to_offsets, Encoding};
use crate::analysis::sections::{Changed, IncrementalAnalysis};
use crate::analysis::{Analysis, Format, Options, Span};
use crate::config::Config;

/// The JSON of each section's diagnostics and symbols, by section id (a
/// section analysed again gets a new id), for the encoding and settings it
/// was made with.
#[derive(Default)]
struct Encoded {
    enc: Option<Encoding>,
    config: Option<Arc<Config>>,
    diagnostics: HashMap<u64, Arc<dyn Part>>,
    symbols: HashMap<u64, Arc<dyn Part>>,
}

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
    encoded: Encoded,
}

impl Document {
    /// `uri` picks the format when the client sends no language id.
    #[allow(dead_code)] // the server opens through `open_limited`; tests use this
    pub fn open(text: &str, version: i32, language_id: String, uri: &str) -> Document {
        Document::open_limited(
            text.to_string(),
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
        text: String,
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
        let rope = Rope::from_str(&text);
        // The rope has the text now: do not keep a second copy.
        drop(text);
        let mut doc = Document {
            rope,
            version,
            language_id,
            analysis: Arc::default(),
            format,
            incremental: IncrementalAnalysis::default(),
            options,
            enabled,
            max_bytes,
            too_large: false,
            encoded: Encoded::default(),
        };
        doc.reanalyse_with(None);
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
        let mut changed = Some(Changed::none(self.rope.len_bytes()));
        for change in changes {
            match change.range {
                None => {
                    self.rope = Rope::from_str(&change.text);
                    changed = None;
                }
                Some(range) => {
                    let len = self.rope.len_bytes();
                    let (start, end) = range_to_offsets(&self.rope, range, enc);
                    changed = changed.map(|c| c.and(start, end, len));
                    let (start, end) = (self.rope.byte_to_char(start), self.rope.byte_to_char(end));
                    self.rope.remove(start..end);
                    self.rope.insert(start, &change.text);
                }
            }
        }
        self.version = version;
        self.reanalyse_with(changed);
    }

    /// New settings: re-analyses with them.
    pub fn reconfigure(&mut self, options: Options, enabled: bool) {
        self.options = options;
        self.enabled = enabled;
        self.reanalyse_with(None);
    }

    /// How many sections the last analysis analysed, of how many.
    pub fn sections_analysed(&self) -> (usize, usize) {
        (
            self.incremental.last_analysed,
            self.incremental.last_sections,
        )
    }

    pub fn format(&self) -> Format {
        self.format
    }

    /// Analyses the text again: only what `changed` reached (all of it for
    /// `None`).
    fn reanalyse_with(&mut self, changed: Option<Changed>) {
        self.too_large = self.rope.len_bytes() > self.max_bytes;
        // Let the update change the joined analysis in place.
        self.analysis = Arc::default();
        if !self.enabled || self.too_large {
            self.incremental = IncrementalAnalysis::default();
            return;
        }
        let options = Options {
            format: self.format,
            ..self.options.clone()
        };
        let rope = &self.rope;
        let mut slice = |r: std::ops::Range<usize>| -> Cow<'_, str> {
            let end = rope.char_to_byte(rope.byte_to_char(r.end.min(rope.len_bytes())));
            Cow::Owned(rope.byte_slice(r.start.min(end)..end).to_string())
        };
        // A panic in the analysis must not take the server down with it;
        // the panic hook has already reported it on stderr.
        let inc = &mut self.incremental;
        let len = rope.len_bytes();
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            inc.update(len, changed, &options, &mut slice)
        }));
        if done.is_err() {
            // The sections may be half updated: start afresh next time.
            self.incremental = IncrementalAnalysis::default();
        }
        self.analysis = self.incremental.analysis();
    }

    /// Forgets encoded JSON made for another encoding or other settings.
    fn encoded_for(&mut self, enc: Encoding, config: Option<&Arc<Config>>) {
        let e = &mut self.encoded;
        if e.enc != Some(enc) {
            *e = Encoded {
                enc: Some(enc),
                ..Encoded::default()
            };
        }
        if let Some(config) = config {
            if !e.config.as_ref().is_some_and(|c| Arc::ptr_eq(c, config)) {
                e.diagnostics.clear();
                e.config = Some(Arc::clone(config));
            }
        }
    }

    /// The diagnostics of the analysis under `config`, as a JSON array
    /// (what `present::diagnostics` gives, through `config.apply`).
    pub fn diagnostics_json(&mut self, config: &Arc<Config>, enc: Encoding) -> Pieces {
        self.encoded_for(enc, Some(config));
        let mut cache = std::mem::take(&mut self.encoded.diagnostics);
        let mut kept = HashMap::with_capacity(cache.len());
        let mut out = Pieces::default();
        let mut first = 0;
        for s in self.incremental.sections() {
            let findings = self.analysis.findings.get(first..first + s.counts[3]);
            first += s.counts[3];
            let line = self.rope.byte_to_line(s.start.min(self.rope.len_bytes())) as u32;
            let piece = cache.remove(&s.id).unwrap_or_else(|| {
                let findings = findings.unwrap_or_default();
                if findings.is_empty() {
                    return Arc::new(encode::Piece::default());
                }
                // The settings' ignore markers are read per paragraph, and no
                // paragraph crosses a section boundary (a blank line).
                let text = self.rope.byte_slice(s.start..s.end).to_string();
                let local: Vec<_> = findings
                    .iter()
                    .map(|f| crate::analysis::Finding {
                        span: Span::new(
                            f.span.start.saturating_sub(s.start),
                            f.span.end.saturating_sub(s.start),
                        ),
                        ..f.clone()
                    })
                    .collect();
                let mut shown = config.apply(&text, &local);
                for f in &mut shown {
                    f.span = Span::new(f.span.start + s.start, f.span.end + s.start);
                }
                Arc::new(encode::diagnostics(&self.rope, &shown, line, enc))
            });
            out.push(Arc::clone(&piece), line);
            kept.insert(s.id, piece);
        }
        self.encoded.diagnostics = kept;
        out
    }

    /// The document symbols (one per quotation, as `present::symbols`
    /// gives them), as a JSON array.
    pub fn symbols_json(&mut self, enc: Encoding) -> Pieces {
        self.encoded_for(enc, None);
        let mut cache = std::mem::take(&mut self.encoded.symbols);
        let mut kept = HashMap::with_capacity(cache.len());
        let mut out = Pieces::default();
        let mut first = 0;
        for s in self.incremental.sections() {
            let quotations = first..first + s.counts[0];
            first += s.counts[0];
            let line = self.rope.byte_to_line(s.start.min(self.rope.len_bytes())) as u32;
            let piece = cache.remove(&s.id).unwrap_or_else(|| {
                Arc::new(encode::symbols(
                    &self.rope,
                    &self.analysis,
                    quotations,
                    line,
                    enc,
                ))
            });
            out.push(Arc::clone(&piece), line);
            kept.insert(s.id, piece);
        }
        self.encoded.symbols = kept;
        out
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

    /// A long document (analysed in sections): after edits, the diagnostics
    /// and symbols kept per section and re-encoded only where the edit
    /// reached are those of a fresh open of the same text, and what the
    /// protocol types give.
    #[test]
    fn encoded_answers_after_edits_equal_a_fresh_open() {
        use super::super::present;
        use super::super::settings::diagnostics_of;
        use tower_lsp_server::ls_types::{Diagnostic, DocumentSymbol};

        let text = crate::bench_support::collection(300_000, 11, true);
        let config = Arc::new(Config::default());
        let enc = Encoding::Utf16;
        let mut doc = Document::open(&text, 1, "markdown".into(), "");
        assert!(doc.incremental.sections().len() > 3);
        // Encode once so that the edits below find cached sections.
        doc.diagnostics_json(&config, enc);
        doc.symbols_json(enc);
        let lines = doc.rope.len_lines() as u32;
        let changes = [
            edit(lines / 2, 0, lines / 2, 0, "x"),
            edit(
                lines / 3,
                0,
                lines / 3,
                0,
                "“New,” she said.\n\n“Alone.”\n\n",
            ),
            edit(lines / 4, 0, lines / 4 + 3, 0, ""),
        ];
        for (k, change) in changes.into_iter().enumerate() {
            doc.apply_changes(&[change], 2 + k as i32, enc);
            assert!(
                doc.incremental.last_analysed <= 3,
                "{}",
                doc.incremental.last_analysed
            );
            let now = doc.rope.to_string();
            let mut fresh = Document::open(&now, 9, "markdown".into(), "");
            let diagnostics = doc.diagnostics_json(&config, enc).to_vec();
            let expected = fresh.diagnostics_json(&config, enc).to_vec();
            assert_eq!(diagnostics, expected, "edit {k}");
            let parsed: Vec<Diagnostic> = serde_json::from_slice(&diagnostics).unwrap();
            assert_eq!(
                parsed,
                diagnostics_of(&doc.rope, &doc.analysis, &config, enc)
            );
            let symbols = doc.symbols_json(enc).to_vec();
            let expected = fresh.symbols_json(enc).to_vec();
            assert_eq!(symbols, expected, "edit {k}");
            let parsed: Vec<DocumentSymbol> = serde_json::from_slice(&symbols).unwrap();
            assert_eq!(parsed, present::symbols(&doc.rope, &doc.analysis, enc));
        }
    }

    /// Settings that switch the analysis off and on again start it afresh:
    /// what was encoded before must not be mistaken for the new sections.
    #[test]
    fn encoded_answers_survive_the_analysis_starting_afresh() {
        let text = crate::bench_support::collection(300_000, 5, true);
        let config = Arc::new(Config::default());
        let enc = Encoding::Utf8;
        let mut doc = Document::open(&text, 1, "markdown".into(), "");
        let before = doc.diagnostics_json(&config, enc).to_vec();
        // Off (the server then publishes nothing for it, encodes nothing).
        doc.reconfigure(doc.options.clone(), false);
        assert!(doc.analysis.quotations.is_empty());
        let lines = doc.rope.len_lines() as u32;
        doc.apply_changes(&[edit(lines / 2, 0, lines / 2, 0, "“Odd.”\n\n")], 2, enc);
        doc.reconfigure(doc.options.clone(), true);
        let after = doc.diagnostics_json(&config, enc).to_vec();
        let mut fresh = Document::open(&doc.rope.to_string(), 3, "markdown".into(), "");
        assert_eq!(after, fresh.diagnostics_json(&config, enc).to_vec());
        assert_ne!(after, before);
        let symbols = doc.symbols_json(enc).to_vec();
        assert_eq!(symbols, fresh.symbols_json(enc).to_vec());
    }
}
