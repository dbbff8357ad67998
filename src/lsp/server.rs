//! The tower-lsp-server backend: keeps the open documents, answers requests
//! from their cached analyses and publishes diagnostics.
//!
//! Handlers run concurrently, so every handler does its document work
//! synchronously under the lock before its first `.await`, never holds the
//! lock across an `.await`, and checks that the version it analysed is
//! still current right before publishing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use ropey::Rope;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    Diagnostic, DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DocumentSymbolParams, DocumentSymbolResponse, Hover, HoverParams, HoverProviderCapability,
    InitializeParams, InitializeResult, InitializedParams, MessageType, OneOf, ServerCapabilities,
    ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, Uri,
};
use tower_lsp_server::{Client, LanguageServer};

use super::document::Document;
use super::failpoint;
use super::limits::Limits;
use super::outbox::Outbox;
use super::position::{position_to_offset, Encoding};
use super::present;
use crate::analysis::Analysis;

pub struct Backend {
    client: Client,
    documents: Mutex<HashMap<Uri, Document>>,
    encoding: OnceLock<Encoding>,
    limits: OnceLock<Limits>,
    outbox: Outbox,
}

impl Backend {
    pub fn new(client: Client) -> Backend {
        Backend {
            client,
            documents: Mutex::default(),
            encoding: OnceLock::new(),
            limits: OnceLock::new(),
            outbox: Outbox::default(),
        }
    }

    fn limits(&self) -> Limits {
        self.limits.get().copied().unwrap_or_default()
    }

    fn encoding(&self) -> Encoding {
        self.encoding.get().copied().unwrap_or_default()
    }

    /// The documents; a panic elsewhere must not lock every later request out.
    fn documents(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        self.documents.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The text and analysis of `uri` as they are now (both cheap to clone).
    fn snapshot(&self, uri: &Uri) -> Option<(Rope, Arc<Analysis>)> {
        let docs = self.documents();
        let doc = docs.get(uri)?;
        Some((doc.rope.clone(), Arc::clone(&doc.analysis)))
    }

    /// Publishes `diagnostics` unless `version` is no longer the document's
    /// current one (a newer change will publish its own); `None` means the
    /// document was closed and must still be closed.
    async fn publish(&self, uri: Uri, diagnostics: Vec<Diagnostic>, version: Option<i32>) {
        let current = || self.documents().get(&uri).map(|d| d.version);
        self.outbox
            .publish(&self.client, uri.clone(), diagnostics, version, current)
            .await;
    }

    /// Tells the user (once) when `uri` is too large to be checked.
    async fn tell_if_too_large(&self, uri: &Uri, too_large: Option<usize>) {
        if let Some(bytes) = too_large {
            let limit = self.limits().max_document_bytes;
            self.outbox.too_large(&self.client, uri, bytes, limit).await;
        }
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let offered = params
            .capabilities
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_deref());
        let encoding = *self.encoding.get_or_init(|| Encoding::negotiate(offered));
        let (limits, problems) =
            Limits::from_initialization_options(params.initialization_options.as_ref());
        self.limits.get_or_init(|| limits);
        problems.into_iter().for_each(|p| self.outbox.wait(p));
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                ..Default::default()
            },
            server_info: Some(ServerInfo {
                name: "quoth".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let message = format!(
            "quoth {} ready (positions in {})",
            env!("CARGO_PKG_VERSION"),
            self.encoding().kind().as_str()
        );
        self.client.log_message(MessageType::INFO, message).await;
        self.outbox.flush_waiting(&self.client).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let (diagnostics, too_large) = {
            let doc = Document::open_limited(
                &item.text,
                item.version,
                item.language_id,
                item.uri.as_str(),
                self.limits().max_document_bytes,
            );
            let diagnostics = present::diagnostics(&doc.rope, &doc.analysis, self.encoding());
            let too_large = doc.too_large.then(|| doc.rope.len_bytes());
            self.documents().insert(item.uri.clone(), doc);
            (diagnostics, too_large)
        };
        self.tell_if_too_large(&item.uri, too_large).await;
        self.publish(item.uri, diagnostics, Some(item.version))
            .await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let (diagnostics, too_large) = {
            let mut docs = self.documents();
            // Changes to a document that was never opened are ignored.
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            doc.apply_changes(&params.content_changes, version, self.encoding());
            failpoint::hit("didChange");
            let diagnostics = present::diagnostics(&doc.rope, &doc.analysis, self.encoding());
            (diagnostics, doc.too_large.then(|| doc.rope.len_bytes()))
        };
        self.tell_if_too_large(&uri, too_large).await;
        self.publish(uri, diagnostics, Some(version)).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.documents().remove(&uri);
        self.outbox.closed(&uri);
        self.publish(uri, Vec::new(), None).await;
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let at = params.text_document_position_params;
        let Some((rope, analysis)) = self.snapshot(&at.text_document.uri) else {
            return Ok(None);
        };
        failpoint::hit("hover");
        let encoding = self.encoding();
        let offset = position_to_offset(&rope, at.position, encoding);
        Ok(present::hover(&rope, &analysis, offset, encoding))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some((rope, analysis)) = self.snapshot(&params.text_document.uri) else {
            return Ok(None);
        };
        failpoint::hit("documentSymbol");
        let symbols = present::symbols(&rope, &analysis, self.encoding());
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }
}
