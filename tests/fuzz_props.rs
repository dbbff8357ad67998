//! Fuzzing on stable Rust: the same three targets as `fuzz/` (the analysis
//! on arbitrary text, the position conversions, the message decoder), as
//! property tests with random inputs.
//!
//! `cargo test` runs a short smoke of each (256 cases). `scripts/fuzz.sh`
//! runs them for a set time: `QUOTH_FUZZ_SECONDS` per target, in batches of
//! `QUOTH_FUZZ_CASES` (each batch with a fresh random seed), and prints how
//! many cases ran. A failure prints the shrunk input.

use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use quoth::analysis::{analyze, Format, Options, Span};
use quoth::lsp::framing::{Decoder, Frame};
use quoth::lsp::position::{offset_to_position, position_to_offset, Encoding};
use ropey::Rope;
use tower_lsp_server::ls_types::Position;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `test` on inputs from `strategy`: one batch, or batches for
/// `QUOTH_FUZZ_SECONDS`.
fn fuzz<S: Strategy>(
    name: &str,
    strategy: S,
    test: impl Fn(S::Value) -> Result<(), TestCaseError>,
) {
    let seconds = Duration::from_secs(env_number("QUOTH_FUZZ_SECONDS", 0));
    let batch = env_number("QUOTH_FUZZ_CASES", 256) as u32;
    let started = Instant::now();
    let mut total = 0u64;
    loop {
        let config = Config {
            cases: batch,
            failure_persistence: None,
            ..Config::default()
        };
        let mut runner = TestRunner::new(config);
        if let Err(e) = runner.run(&strategy, &test) {
            panic!("{name}: {e}");
        }
        total += u64::from(batch);
        if started.elapsed() >= seconds {
            break;
        }
    }
    eprintln!(
        "fuzz {name}: {total} cases in {:.1} s, no failure",
        started.elapsed().as_secs_f64()
    );
}

/// Arbitrary Unicode, or pieces that mean something to the analysis.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(
            prop::sample::select(quoth::bench_support::EDGE_PIECES),
            0..120
        )
        .prop_map(|v| v.concat()),
    ]
}

fn on_boundaries(text: &str, s: Span) -> Result<(), TestCaseError> {
    prop_assert!(s.start <= s.end && s.end <= text.len(), "{:?}", s);
    prop_assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
    Ok(())
}

#[test]
fn fuzz_analysis() {
    fuzz("analysis", (text(), any::<bool>()), |(text, markdown)| {
        let format = if markdown {
            Format::Markdown
        } else {
            Format::PlainText
        };
        let a = analyze(
            &text,
            &Options {
                format,
                ..Default::default()
            },
        );
        for q in &a.quotations {
            on_boundaries(&text, q.span)?;
            on_boundaries(&text, q.content)?;
        }
        for m in &a.mentions {
            on_boundaries(&text, m.span)?;
        }
        for f in &a.findings {
            on_boundaries(&text, f.span)?;
        }
        Ok(())
    });
}

#[test]
fn fuzz_positions() {
    let strategy = (
        text(),
        any::<u32>(),
        any::<u32>(),
        0u32..40,
        0u32..200,
        any::<usize>(),
    );
    fuzz(
        "positions",
        strategy,
        |(text, line, column, small_line, small_column, at)| {
            let rope = Rope::from_str(&text);
            for enc in [Encoding::Utf8, Encoding::Utf16] {
                for pos in [
                    Position::new(line, column),
                    Position::new(small_line, small_column),
                ] {
                    let offset = position_to_offset(&rope, pos, enc);
                    prop_assert!(offset <= text.len() && text.is_char_boundary(offset));
                    // A position the server gives out maps back to its offset.
                    let again = offset_to_position(&rope, offset, enc);
                    prop_assert_eq!(position_to_offset(&rope, again, enc), offset);
                }
                let mut at = at % (text.len() + 2);
                let back = position_to_offset(&rope, offset_to_position(&rope, at, enc), enc);
                while at < text.len() && !text.is_char_boundary(at) {
                    at -= 1;
                }
                // Inside a \r\n is before it.
                if at > 0 && text.get(at - 1..=at) == Some("\r\n") {
                    at -= 1;
                }
                prop_assert_eq!(back, at.min(text.len()));
            }
            Ok(())
        },
    );
}

#[test]
fn fuzz_framing() {
    let chunk = prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        prop::sample::select(vec![
            b"Content-Length: ".to_vec(),
            b"content-length:12".to_vec(),
            b"\r\n\r\n".to_vec(),
            b"\r\n".to_vec(),
            b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\"}".to_vec(),
            b"99999999999999999999".to_vec(),
            b"10".to_vec(),
            b"}".to_vec(),
        ]),
    ];
    let strategy = prop::collection::vec(chunk, 0..40);
    fuzz("framing", strategy, |chunks| {
        let mut d = Decoder::new();
        for c in &chunks {
            d.push(c);
            while let Some(frame) = d.next() {
                if let Frame::Malformed(why) = frame {
                    prop_assert!(!why.is_empty());
                }
            }
        }
        // Whatever came before, a blank line and two valid messages are
        // enough to be read again: at most the first is lost.
        let valid = b"Content-Length: 33\r\n\r\n{\"jsonrpc\":\"2.0\",\"method\":\"exit\"}";
        if d.buffered() < 1000 {
            d.push(b"\r\n\r\n");
            d.push(valid);
            d.push(valid);
            let frames: Vec<Frame> = std::iter::from_fn(|| d.next()).collect();
            let ok = frames
                .iter()
                .filter(|f| matches!(f, Frame::Message(_)))
                .count();
            prop_assert!(ok >= 1 || d.buffered() > 0, "{:?}", frames);
        }
        Ok(())
    });
}
