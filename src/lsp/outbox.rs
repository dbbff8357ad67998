//! What the server sends without being asked, kept honest:
//!
//! - diagnostics go out only for the version the document has right now,
//!   and never for a version older than one already published for that
//!   document (handlers run concurrently; the check and the send happen
//!   under one lock so a slower handler cannot overtake a newer one);
//! - a notice (a document too large to check, a wrong setting) is shown to
//!   the user once, not on every keystroke.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use tower_lsp_server::ls_types::{MessageType, Uri};
use tower_lsp_server::Client;

use super::encode::Pieces;
use super::transport::{Body, Raw, RawSender};

#[derive(Default)]
pub struct Outbox {
    /// The version last published per document (None: published without one).
    published: tokio::sync::Mutex<HashMap<Uri, Option<i32>>>,
    /// Documents whose size the user has been told about.
    told_too_large: Mutex<HashSet<Uri>>,
}

impl Outbox {
    /// Publishes `diagnostics` for `version` if `current()`,
    /// asked under the publication lock, still returns that version and no
    /// newer one has been published. `None` is for a closed document
    /// (clears it). The notification is written as bytes, straight to the
    /// transport (a long document has tens of thousands of diagnostics).
    /// `since`: when the change being answered arrived (for the timing log).
    pub async fn publish(
        &self,
        raw: &RawSender,
        uri: Uri,
        diagnostics: Pieces,
        version: Option<i32>,
        since: Option<std::time::Instant>,
        current: impl FnOnce() -> Option<i32>,
    ) {
        let mut published = self.published.lock().await;
        if current() != version {
            return;
        }
        if let (Some(new), Some(Some(last))) = (version, published.get(&uri)) {
            if new < *last {
                return;
            }
        }
        let mut head = Vec::with_capacity(uri.as_str().len() + 100);
        head.extend_from_slice(
            br#"{"jsonrpc":"2.0","method":"textDocument/publishDiagnostics","params":{"uri":"#,
        );
        let _ = serde_json::to_writer(&mut head, uri.as_str());
        head.extend_from_slice(br#","diagnostics":"#);
        let tail = match version {
            Some(v) => format!(r#","version":{v}}}}}"#),
            None => "}}".to_string(),
        };
        let body = Body::Parts {
            head,
            array: diagnostics,
            tail: tail.into_bytes(),
        };
        let timing = since.map(|t| (t, "didChange → publishDiagnostics written"));
        // The writer has stopped only if the session is over.
        let _ = raw.unbounded_send(Raw { body, timing });
        match version {
            Some(_) => published.insert(uri, version),
            None => published.remove(&uri),
        };
    }

    /// Shows `message` about `uri` unless one was shown since it was opened
    /// (a document too large to check: not on every keystroke).
    pub async fn tell_once(&self, client: &Client, uri: &Uri, message: String) {
        let first = lock(&self.told_too_large).insert(uri.clone());
        if first {
            client.show_message(MessageType::WARNING, message).await;
        }
    }

    /// Forgets what was told about a closed document.
    pub fn closed(&self, uri: &Uri) {
        lock(&self.told_too_large).remove(uri);
    }
}

/// A poisoned lock still holds usable data here (sets of URIs).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}
