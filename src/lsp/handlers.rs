//! The feature handlers behind `server.rs`'s thin trait methods: settings,
//! navigation, code actions, workspace symbols. Same rules as the server:
//! document work under the lock before any `.await`, never across one.

use std::sync::Arc;

use ropey::Rope;
use serde_json::Value;
use tower_lsp_server::ls_types::{
    CodeActionOrCommand, CodeActionParams, CodeActionResponse, CodeLens, CodeLensParams,
    ConfigurationItem, DidChangeConfigurationParams, DidChangeWatchedFilesParams,
    DidChangeWatchedFilesRegistrationOptions, DidChangeWorkspaceFoldersParams, DocumentHighlight,
    DocumentHighlightParams, ExecuteCommandParams, FileSystemWatcher, GlobPattern,
    GotoDefinitionParams, GotoDefinitionResponse, InlayHint, InlayHintParams, Location,
    MessageType, ProgressToken, ReferenceParams, Registration, SemanticTokens,
    SemanticTokensParams, SemanticTokensResult, Uri, WorkspaceSymbolParams,
    WorkspaceSymbolResponse,
};

use super::actions::{self, Doc};
use super::navigate;
use super::position::{position_to_offset, range_to_offsets};
use super::server::Backend;
use super::settings::{self, uri_path};
use super::workspace;
use crate::analysis::{Analysis, Format};
use crate::config::{Config, FILE_NAME};

/// What a handler needs about one open document.
struct Snap {
    rope: Rope,
    analysis: Arc<Analysis>,
    config: Arc<Config>,
    format: Format,
}

impl Backend {
    fn snap(&self, uri: &Uri) -> Option<Snap> {
        let docs = self.documents();
        let doc = docs.get(uri)?;
        if !doc.enabled {
            return None;
        }
        Some(Snap {
            rope: doc.rope.clone(),
            analysis: Arc::clone(&doc.analysis),
            config: self.settings.get(uri),
            format: doc.format(),
        })
    }

    /// Shows settings problems (each once) as warnings.
    pub(super) async fn report(&self, problems: Vec<String>) {
        for p in problems {
            self.client.show_message(MessageType::WARNING, p).await;
        }
    }

    /// Publishes the problems of each `quoth.toml` read since last time on
    /// that file (an open one publishes its own as it is edited).
    pub(super) async fn publish_settings_problems(&self) {
        for (path, problems) in self.settings.changed_files() {
            let Some(uri) = Uri::from_file_path(&path) else {
                continue;
            };
            let json = settings::diagnostics_json(&settings::problem_diagnostics(&problems));
            self.publish(uri, json, None, None).await;
        }
    }

    /// Re-reads every open document's settings, re-analyses and
    /// re-publishes; asks the client to refresh hints, lenses and tokens.
    pub(super) async fn reconfigure_all(&self) {
        let enc = self.encoding();
        let mut problems = Vec::new();
        let mut publish = Vec::new();
        {
            let mut docs = self.documents();
            for (uri, doc) in docs.iter_mut() {
                let (config, more) = self.settings.refresh(uri);
                problems.extend(more);
                let on = settings::enabled(&config, uri, &doc.language_id, doc.rope.len_bytes());
                doc.reconfigure(config.options(doc.format()), on);
                let diagnostics = settings::diagnostics(uri, doc, &config, enc);
                publish.push((uri.clone(), diagnostics, doc.version));
            }
        }
        self.report(problems).await;
        for (uri, diagnostics, version) in publish {
            self.publish(uri, diagnostics, Some(version), None).await;
        }
        self.publish_settings_problems().await;
        let caps = self.client_capabilities();
        let workspace = caps.workspace.as_ref();
        if workspace
            .and_then(|w| w.inlay_hint.as_ref())
            .and_then(|c| c.refresh_support)
            == Some(true)
        {
            let _ = self.client.inlay_hint_refresh().await;
        }
        if workspace
            .and_then(|w| w.code_lens.as_ref())
            .and_then(|c| c.refresh_support)
            == Some(true)
        {
            let _ = self.client.code_lens_refresh().await;
        }
        if workspace
            .and_then(|w| w.semantic_tokens.as_ref())
            .and_then(|c| c.refresh_support)
            == Some(true)
        {
            let _ = self.client.semantic_tokens_refresh().await;
        }
    }

    pub(super) async fn on_configuration(&self, params: DidChangeConfigurationParams) {
        self.settings.reset_reported();
        // A pull-model client sends null settings: ask for them.
        if params.settings.is_null() {
            self.pull_configuration().await;
        } else {
            let problems = self.settings.set_editor(&params.settings);
            self.report(problems).await;
        }
        self.reconfigure_all().await;
    }

    /// After `initialized`: watch `quoth.toml` files and pull the editor's
    /// `quoth` settings, where the client can.
    pub(super) async fn on_initialized(&self) {
        self.report(self.settings.take_early()).await;
        let caps = self.client_capabilities();
        let workspace = caps.workspace.as_ref();
        let watch = workspace
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|c| c.dynamic_registration);
        if watch == Some(true) {
            let options = DidChangeWatchedFilesRegistrationOptions {
                watchers: vec![FileSystemWatcher {
                    glob_pattern: GlobPattern::String(format!("**/{FILE_NAME}")),
                    kind: None,
                }],
            };
            let registration = Registration {
                id: "quoth-toml".into(),
                method: "workspace/didChangeWatchedFiles".into(),
                register_options: serde_json::to_value(options).ok(),
            };
            let _ = self.client.register_capability(vec![registration]).await;
        }
        if workspace.and_then(|w| w.configuration) == Some(true) && self.pull_configuration().await
        {
            self.reconfigure_all().await;
        }
    }

    /// Asks the client for its `quoth` settings; true if it gave some.
    async fn pull_configuration(&self) -> bool {
        let item = ConfigurationItem {
            scope_uri: None,
            section: Some("quoth".into()),
        };
        let Ok(values) = self.client.configuration(vec![item]).await else {
            return false;
        };
        match values.into_iter().next() {
            Some(v) if !v.is_null() && v.as_object().is_none_or(|o| !o.is_empty()) => {
                let problems = self.settings.set_editor(&v);
                self.report(problems).await;
                true
            }
            _ => false,
        }
    }

    pub(super) async fn on_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params
            .changes
            .iter()
            .any(|c| c.uri.as_str().ends_with(FILE_NAME))
        {
            self.settings.reset_reported();
            self.reconfigure_all().await;
        }
    }

    pub(super) async fn on_saved(&self, uri: &Uri) {
        if uri.as_str().ends_with(FILE_NAME) {
            self.settings.reset_reported();
            self.reconfigure_all().await;
        }
    }

    pub(super) async fn on_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        let paths = |v: &[tower_lsp_server::ls_types::WorkspaceFolder]| -> Vec<_> {
            v.iter().filter_map(|f| uri_path(&f.uri)).collect()
        };
        self.settings
            .set_folders(paths(&params.event.added), &paths(&params.event.removed));
    }

    pub(super) fn goto_definition_impl(
        &self,
        params: GotoDefinitionParams,
    ) -> Option<GotoDefinitionResponse> {
        let at = params.text_document_position_params;
        let s = self.snap(&at.text_document.uri)?;
        let offset = position_to_offset(&s.rope, at.position, self.encoding());
        let (_, range) = navigate::definition(&s.rope, &s.analysis, offset, self.encoding())?;
        Some(GotoDefinitionResponse::Scalar(Location::new(
            at.text_document.uri,
            range,
        )))
    }

    pub(super) fn references_impl(&self, params: ReferenceParams) -> Option<Vec<Location>> {
        let at = params.text_document_position;
        let s = self.snap(&at.text_document.uri)?;
        let enc = self.encoding();
        let offset = position_to_offset(&s.rope, at.position, enc);
        let include = params.context.include_declaration;
        Some(navigate::references(
            &s.rope,
            &s.analysis,
            &at.text_document.uri,
            offset,
            include,
            enc,
        ))
    }

    pub(super) fn highlight_impl(
        &self,
        params: DocumentHighlightParams,
    ) -> Option<Vec<DocumentHighlight>> {
        let at = params.text_document_position_params;
        let s = self.snap(&at.text_document.uri)?;
        let enc = self.encoding();
        let offset = position_to_offset(&s.rope, at.position, enc);
        Some(navigate::highlights(&s.rope, &s.analysis, offset, enc))
    }

    pub(super) fn inlay_hint_impl(&self, params: InlayHintParams) -> Option<Vec<InlayHint>> {
        let s = self.snap(&params.text_document.uri)?;
        if !s.config.inlay_hints {
            return Some(Vec::new());
        }
        let enc = self.encoding();
        let range = range_to_offsets(&s.rope, params.range, enc);
        Some(navigate::inlay_hints(&s.rope, &s.analysis, range, enc))
    }

    pub(super) fn semantic_tokens_impl(
        &self,
        params: SemanticTokensParams,
    ) -> Option<SemanticTokensResult> {
        let s = self.snap(&params.text_document.uri)?;
        let data = navigate::semantic_tokens(&s.rope, &s.analysis, self.encoding());
        Some(SemanticTokensResult::Tokens(SemanticTokens {
            result_id: None,
            data,
        }))
    }

    pub(super) fn code_lens_impl(&self, params: CodeLensParams) -> Option<Vec<CodeLens>> {
        let s = self.snap(&params.text_document.uri)?;
        if !s.config.code_lens {
            return Some(Vec::new());
        }
        Some(navigate::code_lenses(
            &s.rope,
            &s.analysis,
            &params.text_document.uri,
            self.encoding(),
        ))
    }

    pub(super) fn code_action_impl(&self, params: CodeActionParams) -> Option<CodeActionResponse> {
        let uri = params.text_document.uri;
        let s = self.snap(&uri)?;
        let enc = self.encoding();
        let text = s.rope.to_string();
        let doc = Doc {
            uri: &uri,
            rope: &s.rope,
            text: &text,
            analysis: &s.analysis,
            config: &s.config,
            format: s.format,
            enc,
        };
        let range = range_to_offsets(&s.rope, params.range, enc);
        let mut found = actions::code_actions(&doc, range, &params.context.diagnostics);
        // A client may ask for some kinds only ("quickfix", "refactor").
        if let Some(only) = &params.context.only {
            found.retain(|a| match a {
                CodeActionOrCommand::CodeAction(a) => a.kind.as_ref().is_some_and(|k| {
                    only.iter().any(|o| {
                        k.as_str() == o.as_str()
                            || k.as_str().starts_with(&format!("{}.", o.as_str()))
                    })
                }),
                CodeActionOrCommand::Command(_) => false,
            });
        }
        Some(found)
    }

    /// `quoth.showQuotations` for clients that hand the lens command to
    /// the server: lists the quotations in a message.
    pub(super) async fn execute_command_impl(&self, params: ExecuteCommandParams) -> Option<Value> {
        if params.command != navigate::SHOW_QUOTATIONS {
            return None;
        }
        let locations: Vec<Location> = params
            .arguments
            .get(2)
            .and_then(|v| serde_json::from_value(v.clone()).ok())
            .unwrap_or_default();
        // With the document open, each line gets the quotation's first words.
        let rope = locations
            .first()
            .and_then(|l| self.snap(&l.uri))
            .map(|s| s.rope);
        let lines: Vec<String> = locations
            .iter()
            .map(|l| {
                let line = format!("line {}", l.range.start.line + 1);
                let Some(rope) = &rope else { return line };
                let (s, e) = range_to_offsets(rope, l.range, self.encoding());
                let words: String = rope
                    .slice(rope.byte_to_char(s)..rope.byte_to_char(e))
                    .to_string()
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                format!("{line}: {words}…")
            })
            .collect();
        let message = format!("{} quotations: {}", locations.len(), lines.join("; "));
        self.client.show_message(MessageType::INFO, message).await;
        None
    }

    pub(super) async fn workspace_symbol_impl(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Option<WorkspaceSymbolResponse> {
        let enc = self.encoding();
        let query = params.query;
        // Open documents first: their text is newer than the disk's.
        let open: Vec<(Uri, Rope, Arc<Analysis>)> = self
            .documents()
            .iter()
            .filter(|(_, d)| d.enabled)
            .map(|(u, d)| (u.clone(), d.rope.clone(), Arc::clone(&d.analysis)))
            .collect();
        let mut symbols = Vec::new();
        let mut open_paths = Vec::new();
        for (uri, rope, analysis) in &open {
            open_paths.extend(uri_path(uri));
            symbols.extend(
                workspace::symbols_of(uri, rope, analysis, enc)
                    .into_iter()
                    .filter(|s| workspace::matches(s, &query)),
            );
        }
        let folders = self.settings.folders();
        // One configuration per folder for the scan, not one per file.
        let memo = std::sync::Mutex::new(std::collections::HashMap::new());
        let config_of = |p: &std::path::Path| -> Arc<Config> {
            let dir = p.parent().unwrap_or(p).to_path_buf();
            let mut memo = memo.lock().unwrap_or_else(|e| e.into_inner());
            let entry = memo
                .entry(dir)
                .or_insert_with(|| self.settings.config_at(Some(p)));
            Arc::new(entry.0.clone())
        };
        let files: Vec<_> = workspace::list_articles(&folders, &|p| config_of(p).is_ignored(p))
            .into_iter()
            .filter(|p| !open_paths.contains(p))
            .collect();

        let token = match params.work_done_progress_params.work_done_token {
            Some(t) => Some(t),
            None if self.client_supports_progress() && !files.is_empty() => {
                let t = ProgressToken::String(format!("quoth-scan-{}", query.len()));
                self.client
                    .create_work_done_progress(t.clone())
                    .await
                    .ok()
                    .map(|_| t)
            }
            None => None,
        };
        let progress = match token {
            Some(t) => Some(
                self.client
                    .progress(t, "Scanning articles")
                    .with_percentage(0)
                    .begin()
                    .await,
            ),
            None => None,
        };
        let problems: Vec<String> = memo
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values_mut()
            .flat_map(|(_, p)| std::mem::take(p))
            .collect();
        self.report(problems).await;
        let total = files.len().max(1);
        for (i, path) in files.iter().enumerate() {
            let config = config_of(path);
            // Reading and analysing a file blocks: keep it off the reader.
            let (cache, path_owned) = (Arc::clone(&self.cache), path.clone());
            let found =
                tokio::task::spawn_blocking(move || cache.symbols(&path_owned, &config, enc))
                    .await
                    .unwrap_or_default();
            symbols.extend(found.into_iter().filter(|s| workspace::matches(s, &query)));
            if let Some(p) = &progress {
                let name = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                p.report_with_message(
                    format!("{}/{} {name}", i + 1, files.len()),
                    ((i + 1) * 100 / total) as u32,
                )
                .await;
            }
            if symbols.len() >= workspace::limit() {
                break;
            }
        }
        if let Some(p) = progress {
            p.finish_with_message(format!("{} articles", files.len()))
                .await;
        }
        symbols.truncate(workspace::limit());
        Some(WorkspaceSymbolResponse::Nested(symbols))
    }
}
