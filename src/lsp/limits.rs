//! Limits the client can set in `initializationOptions`, and the defaults
//! that keep the server responsive when it sets none.
//!
//! Kept as a small struct of its own so that a settings file can fill it
//! too. Every value from the client is checked: a wrong one is reported to
//! the user and the default is used, the server never fails on it.

use serde_json::Value;

/// 32 MiB: far above any article, small enough to analyse in about a second.
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 32 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Documents longer than this (in UTF-8 bytes) are kept but not
    /// analysed: no diagnostics, symbols or hovers. `maxDocumentBytes`.
    pub max_document_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_document_bytes: DEFAULT_MAX_DOCUMENT_BYTES,
        }
    }
}

impl Limits {
    /// The limits `initializationOptions` asks for, with a message for each
    /// value that was wrong (and replaced by its default).
    pub fn from_initialization_options(options: Option<&Value>) -> (Limits, Vec<String>) {
        let mut limits = Limits::default();
        let mut problems = Vec::new();
        let options = match options {
            None | Some(Value::Null) => return (limits, problems),
            Some(Value::Object(map)) => map,
            Some(other) => {
                problems.push(format!(
                    "quoth: initializationOptions should be an object, not {}; using the defaults",
                    short(other)
                ));
                return (limits, problems);
            }
        };
        if let Some(value) = options.get("maxDocumentBytes") {
            match value.as_u64().filter(|&n| n > 0) {
                Some(n) => limits.max_document_bytes = usize::try_from(n).unwrap_or(usize::MAX),
                None => problems.push(format!(
                    "quoth: maxDocumentBytes must be a whole number of bytes above 0, not {}; using the default ({} bytes)",
                    short(value),
                    DEFAULT_MAX_DOCUMENT_BYTES
                )),
            }
        }
        (limits, problems)
    }
}

/// A value as JSON, cut to a length fit for a message.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(40) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_options_give_the_defaults() {
        assert_eq!(
            Limits::from_initialization_options(None),
            (Limits::default(), vec![])
        );
        let (limits, problems) = Limits::from_initialization_options(Some(&json!({"other": 1})));
        assert_eq!(limits.max_document_bytes, DEFAULT_MAX_DOCUMENT_BYTES);
        assert!(problems.is_empty());
    }

    #[test]
    fn a_size_is_read() {
        let (limits, problems) =
            Limits::from_initialization_options(Some(&json!({"maxDocumentBytes": 1000})));
        assert_eq!(limits.max_document_bytes, 1000);
        assert!(problems.is_empty());
    }

    #[test]
    fn wrong_values_are_reported_and_replaced() {
        let long = "x".repeat(10_000);
        for bad in [
            json!({"maxDocumentBytes": "1000"}),
            json!({"maxDocumentBytes": -1}),
            json!({"maxDocumentBytes": 0}),
            json!({"maxDocumentBytes": 1.5}),
            json!({"maxDocumentBytes": {"$(rm -rf /)": [null]}}),
            json!({"maxDocumentBytes": long}),
            json!([1, 2]),
            json!("maxDocumentBytes=1"),
        ] {
            let (limits, problems) = Limits::from_initialization_options(Some(&bad));
            assert_eq!(limits, Limits::default(), "{bad}");
            assert_eq!(problems.len(), 1, "{bad}");
            assert!(problems[0].chars().count() < 200, "{}", problems[0]);
        }
    }
}
