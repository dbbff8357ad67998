//! The tower-lsp-server backend: keeps the open documents, answers requests
//! from their cached analyses and publishes diagnostics.
//!
//! Handlers run concurrently, so every handler does its document work
//! synchronously under the lock before its first `.await`, never holds the
//! lock across an `.await`, and checks that the version it analysed is
//! still current right before publishing.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};
use std::time::Instant;

use serde::Deserialize;

use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeActionKind, CodeActionOptions, CodeActionParams,
    CodeActionProviderCapability, CodeActionResponse, CodeLens, CodeLensOptions, CodeLensParams,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidChangeWorkspaceFoldersParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    DidSaveTextDocumentParams, DocumentHighlight, DocumentHighlightParams, DocumentSymbolParams,
    DocumentSymbolResponse, ExecuteCommandOptions, ExecuteCommandParams, GotoDefinitionParams,
    GotoDefinitionResponse, Hover, HoverParams, HoverProviderCapability, InitializeParams,
    InitializeResult, InitializedParams, InlayHint, InlayHintParams, Location, MessageType, OneOf,
    ReferenceParams, SaveOptions, SemanticTokensFullOptions, SemanticTokensOptions,
    SemanticTokensParams, SemanticTokensResult, SemanticTokensServerCapabilities,
    ServerCapabilities, ServerInfo, TextDocumentSyncCapability, TextDocumentSyncKind,
    TextDocumentSyncOptions, TextDocumentSyncSaveOptions, Uri, WorkspaceFoldersServerCapabilities,
    WorkspaceServerCapabilities, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, LanguageServer};

use super::document::Document;
use super::encode::Pieces;
use super::failpoint;
use super::navigate;
use super::outbox::Outbox;
use super::position::{position_to_offset, Encoding};
use super::present;
use super::settings::{self, Settings};
use super::transport::{self, Fast, RawSender};
use super::workspace;
use crate::analysis::Analysis;

/// What the backend shares with the transport, which answers document
/// symbols from it directly ([`Fast`]).
#[derive(Default)]
pub struct Shared {
    documents: Mutex<HashMap<Uri, Document>>,
    encoding: OnceLock<Encoding>,
}

impl Shared {
    /// The documents; a panic elsewhere must not lock every later request out.
    fn documents(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        self.documents.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Fast for Shared {
    fn takes(&self, request: &tower_lsp_server::jsonrpc::Request) -> bool {
        // Before `initialize` (no encoding yet) the service says so; a
        // request with wrong params gets the service's error.
        request.method() == "textDocument/documentSymbol"
            && request.id().is_some()
            && self.encoding.get().is_some()
            && request
                .params()
                .is_some_and(|p| DocumentSymbolParams::deserialize(p).is_ok())
    }

    fn answer(&self, request: &tower_lsp_server::jsonrpc::Request) -> Option<Pieces> {
        let params = request
            .params()
            .and_then(|p| DocumentSymbolParams::deserialize(p).ok())?;
        let mut docs = self.documents();
        let doc = docs.get_mut(&params.text_document.uri)?;
        failpoint::hit("documentSymbol");
        Some(doc.symbols_json(self.encoding.get().copied().unwrap_or_default()))
    }
}

pub struct Backend {
    pub(super) client: Client,
    shared: std::sync::Arc<Shared>,
    raw: RawSender,
    pub(super) settings: Settings,
    pub(super) cache: Arc<workspace::Cache>,
    capabilities: OnceLock<ClientCapabilities>,
    outbox: Outbox,
}

impl Backend {
    pub fn new(client: Client, shared: Arc<Shared>, raw: RawSender) -> Backend {
        Backend {
            client,
            shared,
            raw,
            settings: Settings::default(),
            cache: Arc::default(),
            capabilities: OnceLock::new(),
            outbox: Outbox::default(),
        }
    }

    pub(super) fn client_capabilities(&self) -> ClientCapabilities {
        self.capabilities.get().cloned().unwrap_or_default()
    }

    pub(super) fn client_supports_progress(&self) -> bool {
        let caps = self.capabilities.get();
        caps.and_then(|c| c.window.as_ref())
            .and_then(|w| w.work_done_progress)
            == Some(true)
    }

    pub(super) fn encoding(&self) -> Encoding {
        self.shared.encoding.get().copied().unwrap_or_default()
    }

    /// The documents; a panic elsewhere must not lock every later request out.
    pub(super) fn documents(&self) -> MutexGuard<'_, HashMap<Uri, Document>> {
        self.shared.documents()
    }

    /// The text and analysis of `uri` as they are now (both cheap to clone).
    fn snapshot(&self, uri: &Uri) -> Option<(Rope, Arc<Analysis>)> {
        let docs = self.documents();
        let doc = docs.get(uri)?;
        Some((doc.rope.clone(), Arc::clone(&doc.analysis)))
    }

    /// Publishes `diagnostics` unless `version` is no longer
    /// the document's current one (a newer change will publish its own);
    /// `None` means the document was closed and must still be closed.
    /// `since`: when the change answered arrived, for the timing log.
    pub(super) async fn publish(
        &self,
        uri: Uri,
        diagnostics: Pieces,
        version: Option<i32>,
        since: Option<Instant>,
    ) {
        let current = || self.documents().get(&uri).map(|d| d.version);
        self.outbox
            .publish(&self.raw, uri.clone(), diagnostics, version, since, current)
            .await;
    }

    /// Tells the user, once per opened document, that it is too large.
    async fn tell_if_too_large(&self, uri: &Uri, note: Option<String>) {
        if let Some(note) = note {
            self.outbox.tell_once(&self.client, uri, note).await;
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
        let encoding = *self
            .shared
            .encoding
            .get_or_init(|| Encoding::negotiate(offered));
        let _ = self.capabilities.set(params.capabilities.clone());
        self.settings.initialize(&params);
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                position_encoding: Some(encoding.kind()),
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                            include_text: Some(false),
                        })),
                        ..Default::default()
                    },
                )),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                document_symbol_provider: Some(OneOf::Left(true)),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                document_highlight_provider: Some(OneOf::Left(true)),
                inlay_hint_provider: Some(OneOf::Left(true)),
                code_lens_provider: Some(CodeLensOptions {
                    resolve_provider: Some(false),
                }),
                code_action_provider: Some(CodeActionProviderCapability::Options(
                    CodeActionOptions {
                        code_action_kinds: Some(vec![
                            CodeActionKind::QUICKFIX,
                            CodeActionKind::REFACTOR_REWRITE,
                        ]),
                        ..Default::default()
                    },
                )),
                semantic_tokens_provider: Some(
                    SemanticTokensServerCapabilities::SemanticTokensOptions(
                        SemanticTokensOptions {
                            legend: navigate::legend(),
                            full: Some(SemanticTokensFullOptions::Bool(true)),
                            range: Some(false),
                            ..Default::default()
                        },
                    ),
                ),
                workspace_symbol_provider: Some(OneOf::Left(true)),
                execute_command_provider: Some(ExecuteCommandOptions {
                    commands: vec![navigate::SHOW_QUOTATIONS.to_string()],
                    ..Default::default()
                }),
                workspace: Some(WorkspaceServerCapabilities {
                    workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                        supported: Some(true),
                        change_notifications: Some(OneOf::Left(true)),
                    }),
                    file_operations: None,
                }),
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
        self.on_initialized().await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let item = params.text_document;
        let (config, problems) = self.settings.refresh(&item.uri);
        let too_large = settings::size_note(&config, &item.uri, item.text.len());
        let diagnostics = {
            let mut doc = settings::open(
                &config,
                &item.uri,
                item.text,
                item.version,
                item.language_id,
            );
            let diagnostics = settings::diagnostics(&item.uri, &mut doc, &config, self.encoding());
            // Encode the symbols now, while no one else can be waiting for
            // the document: later requests only re-encode edited sections.
            drop(doc.symbols_json(self.encoding()));
            self.documents().insert(item.uri.clone(), doc);
            diagnostics
        };
        super::release_memory();
        self.report(problems).await;
        self.tell_if_too_large(&item.uri, too_large).await;
        self.publish(item.uri, diagnostics, Some(item.version), None)
            .await;
        self.publish_settings_problems().await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let arrived = Instant::now();
        let uri = params.text_document.uri;
        let version = params.text_document.version;
        let (diagnostics, too_large) = {
            let mut docs = self.documents();
            // Changes to a document that was never opened are ignored.
            let Some(doc) = docs.get_mut(&uri) else {
                return;
            };
            doc.apply_changes(&params.content_changes, version, self.encoding());
            let analysed = arrived.elapsed();
            failpoint::hit("didChange");
            let config = self.settings.get(&uri);
            let too_large = settings::size_note(&config, &uri, doc.rope.len_bytes());
            let diagnostics = settings::diagnostics(&uri, doc, &config, self.encoding());
            if transport::timing_log() {
                let (n, of) = doc.sections_analysed();
                eprintln!(
                    "quoth: timing: didChange edit and analysis ({n} of {of} sections) {:.3} ms, diagnostics encoded {:.3} ms",
                    analysed.as_secs_f64() * 1e3,
                    (arrived.elapsed() - analysed).as_secs_f64() * 1e3
                );
            }
            (diagnostics, too_large)
        };
        self.tell_if_too_large(&uri, too_large).await;
        self.publish(uri, diagnostics, Some(version), Some(arrived))
            .await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let uri = params.text_document.uri;
        self.documents().remove(&uri);
        super::release_memory();
        self.settings.forget(&uri);
        self.outbox.closed(&uri);
        self.publish(uri, Pieces::default(), None, None).await;
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        self.on_saved(&params.text_document.uri).await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        self.on_configuration(params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.on_watched_files(params).await;
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        self.on_folders(params).await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        Ok(self.goto_definition_impl(params))
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        Ok(self.references_impl(params))
    }

    async fn document_highlight(
        &self,
        params: DocumentHighlightParams,
    ) -> Result<Option<Vec<DocumentHighlight>>> {
        Ok(self.highlight_impl(params))
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        Ok(self.inlay_hint_impl(params))
    }

    async fn semantic_tokens_full(
        &self,
        params: SemanticTokensParams,
    ) -> Result<Option<SemanticTokensResult>> {
        Ok(self.semantic_tokens_impl(params))
    }

    async fn code_lens(&self, params: CodeLensParams) -> Result<Option<Vec<CodeLens>>> {
        Ok(self.code_lens_impl(params))
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        Ok(self.code_action_impl(params))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        Ok(self.execute_command_impl(params).await)
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        Ok(self.workspace_symbol_impl(params).await)
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
