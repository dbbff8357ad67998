//! Property test: for random batches of incremental edits (inserts,
//! deletes, replacements, CRLF and lone CR, emoji, CJK, combining marks,
//! ZWJ sequences, edits at line ends and past them, reversed ranges,
//! whole-text replacements) in UTF-8 and UTF-16, the document the server
//! keeps equals the text a client holds after the same edits, and its
//! analysis equals a fresh analysis of that text.
//!
//! The client side is modelled here independently of `position.rs`, by
//! scanning the text, with the clamping the server documents: a line past
//! the end is the end of the document, a column past the end of a line is
//! the end of that line (before its break), a column inside a character
//! (a surrogate pair, a multi-byte UTF-8 sequence) is the start of it.
//!
//! 1,000 cases by default; `PROPTEST_CASES` sets another number.

use proptest::prelude::*;
use tower_lsp_server::ls_types::{Position, Range, TextDocumentContentChangeEvent};

use super::document::Document;
use super::position::Encoding;
use crate::analysis::{analyze, Format, Options};

fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(crate::bench_support::EDGE_PIECES),
        0..max,
    )
    .prop_map(|v| v.concat())
}

#[derive(Clone, Debug)]
struct Edit {
    /// (start line, start column, end line, end column); None: whole text.
    range: Option<(u32, u32, u32, u32)>,
    text: String,
}

fn edit() -> impl Strategy<Value = Edit> {
    let range = (0u32..14, 0u32..24, 0u32..14, 0u32..24);
    (prop::option::weighted(0.95, range), text(5)).prop_map(|(range, text)| Edit { range, text })
}

/// Byte offsets where each line starts (lines end at \n, \r\n or \r).
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = vec![0];
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => {
                starts.push(i + 2);
                i += 2;
                continue;
            }
            b'\r' | b'\n' => starts.push(i + 1),
            _ => {}
        }
        i += 1;
    }
    starts
}

/// The client's view of a position, clamped as the module comment says.
fn model_offset(text: &str, line: u32, column: u32, enc: Encoding) -> usize {
    let starts = line_starts(text);
    let Some(&start) = starts.get(line as usize) else {
        return text.len();
    };
    // The line's text ends before its break (\r\n, \n or \r).
    let end = match starts.get(line as usize + 1) {
        Some(&next) if text[start..next].ends_with("\r\n") => next - 2,
        Some(&next) => next - 1,
        None => text.len(),
    };
    let mut units = 0;
    for (i, c) in text[start..end].char_indices() {
        let width = match enc {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16 => c.len_utf16(),
        };
        if units + width > column as usize {
            return start + i;
        }
        units += width;
    }
    end
}

fn apply_model(text: &mut String, e: &Edit, enc: Encoding) {
    match e.range {
        None => *text = e.text.clone(),
        Some((l0, c0, l1, c1)) => {
            let a = model_offset(text, l0, c0, enc);
            let b = model_offset(text, l1, c1, enc);
            text.replace_range(a.min(b)..a.max(b), &e.text);
        }
    }
}

fn change(e: &Edit) -> TextDocumentContentChangeEvent {
    TextDocumentContentChangeEvent {
        range: e
            .range
            .map(|(l0, c0, l1, c1)| Range::new(Position::new(l0, c0), Position::new(l1, c1))),
        range_length: None,
        text: e.text.clone(),
    }
}

fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn edits_keep_the_clients_text_and_a_fresh_analysis(
        start in text(40),
        batches in prop::collection::vec(prop::collection::vec(edit(), 1..4), 1..8),
        utf8 in any::<bool>(),
        markdown in any::<bool>(),
    ) {
        let enc = if utf8 { Encoding::Utf8 } else { Encoding::Utf16 };
        let (language, format) = if markdown {
            ("markdown", Format::Markdown)
        } else {
            ("plaintext", Format::PlainText)
        };
        let mut doc = Document::open(&start, 1, language.into(), "");
        let mut model = start.clone();
        for (k, batch) in batches.iter().enumerate() {
            for e in batch {
                apply_model(&mut model, e, enc);
            }
            let changes: Vec<_> = batch.iter().map(change).collect();
            doc.apply_changes(&changes, k as i32 + 2, enc);
            prop_assert_eq!(doc.rope.to_string(), model.clone());
            prop_assert_eq!(doc.version, k as i32 + 2);
            let fresh = analyze(&model, &Options { format, ..Default::default() });
            prop_assert!(*doc.analysis == fresh, "the analysis differs from a fresh one");
        }
    }
}

#[test]
fn the_model_clamps_like_the_protocol_says() {
    let text = "ab\r\n😀c\rd\n";
    assert_eq!(model_offset(text, 0, 9, Encoding::Utf16), 2);
    assert_eq!(
        model_offset(text, 1, 1, Encoding::Utf16),
        4,
        "inside the pair"
    );
    assert_eq!(model_offset(text, 1, 2, Encoding::Utf16), 8);
    assert_eq!(
        model_offset(text, 1, 2, Encoding::Utf8),
        4,
        "inside the char"
    );
    assert_eq!(model_offset(text, 2, 5, Encoding::Utf8), 11);
    assert_eq!(model_offset(text, 3, 0, Encoding::Utf8), text.len());
    assert_eq!(model_offset(text, 9, 0, Encoding::Utf8), text.len());
}
