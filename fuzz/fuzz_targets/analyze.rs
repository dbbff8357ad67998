//! The analysis on arbitrary text, as plain text and as Markdown: it must
//! not panic, and every span it returns must lie on char boundaries of the
//! text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quoth::analysis::{analyze, Format, Options, Span};

fn check(text: &str, s: Span) {
    assert!(s.start <= s.end && s.end <= text.len(), "{s:?}");
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{s:?}"
    );
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for format in [Format::PlainText, Format::Markdown] {
        let a = analyze(
            text,
            &Options {
                format,
                ..Default::default()
            },
        );
        for q in &a.quotations {
            check(text, q.span);
            check(text, q.content);
        }
        for m in &a.mentions {
            check(text, m.span);
        }
        for f in &a.findings {
            check(text, f.span);
        }
    }
});
