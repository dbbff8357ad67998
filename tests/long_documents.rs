//! A long document (analysed in sections, its diagnostics and symbols kept
//! per section across edits) over the real pipe: after edits of several
//! kinds, the diagnostics and symbols are exactly those a fresh server
//! gives for the same text.

mod common;

use common::{position, Client, Enc};
use serde_json::json;

const URI: &str = "file:///tmp/quoth-tests/long-edition.md";

#[test]
fn edits_in_a_long_document_answer_as_a_fresh_open_does() {
    let mut text = quoth::bench_support::collection(400_000, 3, true);
    let mut client = Client::start(None);
    client.open(URI, "markdown", &text);
    assert!(!client.diagnostics(URI, Some(1)).is_empty());
    assert!(!client.symbols(URI).is_empty());
    // Typing mid-document, pasting paragraphs (new lines before most
    // sections), deleting a stretch across section boundaries.
    let edits: [(f64, usize, &str); 3] = [
        (0.5, 0, "x"),
        (0.33, 0, "“New,” she said.\n\n“Alone.”\n\n"),
        (0.25, 60_000, ""),
    ];
    for (k, (at, remove, insert)) in edits.into_iter().enumerate() {
        let version = 2 + k as i64;
        let mut start = (text.len() as f64 * at) as usize;
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = start + remove;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let range = json!({
            "start": position(&text, start, Enc::Utf16),
            "end": position(&text, end, Enc::Utf16),
        });
        client.change(URI, version, json!([{ "range": range, "text": insert }]));
        text.replace_range(start..end, insert);
        let diagnostics = client.diagnostics(URI, Some(version));
        let symbols = client.symbols(URI);

        let mut fresh = Client::start(None);
        fresh.open(URI, "markdown", &text);
        assert_eq!(diagnostics, fresh.diagnostics(URI, Some(1)), "edit {k}");
        assert_eq!(symbols, fresh.symbols(URI), "edit {k}");
        assert!(fresh.exit().success());
    }
    assert!(client.exit().success());
}
