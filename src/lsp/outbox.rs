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

use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};
use tower_lsp_server::Client;

#[derive(Default)]
pub struct Outbox {
    /// The version last published per document (None: published without one).
    published: tokio::sync::Mutex<HashMap<Uri, Option<i32>>>,
    /// Documents whose size the user has been told about.
    told_too_large: Mutex<HashSet<Uri>>,
}

impl Outbox {
    /// Publishes `diagnostics` for `version` if `current()`, asked under
    /// the publication lock, still returns that version and no newer one
    /// has been published. `None` is for a closed document (clears it).
    pub async fn publish(
        &self,
        client: &Client,
        uri: Uri,
        diagnostics: Vec<Diagnostic>,
        version: Option<i32>,
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
        client
            .publish_diagnostics(uri.clone(), diagnostics, version)
            .await;
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
