//! The server's settings: the editor's (`initializationOptions`, then each
//! `workspace/didChangeConfiguration`) under each document's `quoth.toml`.
//! Precedence, lowest first: built-in defaults, editor settings, the
//! `quoth.toml` nearest the document (the file the whole newsroom and CI
//! share, so the editor shows what `quoth check` will report).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use serde_json::Value;
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticSeverity, InitializeParams, NumberOrString, Position, Range, Uri,
};

use super::document::Document;
use super::encode::{Piece, Pieces};
use super::position::Encoding;
use crate::config::{self, Config, Layer, Problem};

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

#[derive(Default)]
pub struct Settings {
    editor: Mutex<Layer>,
    folders: Mutex<Vec<PathBuf>>,
    per_doc: Mutex<HashMap<Uri, Arc<Config>>>,
    /// Problems already shown, so each is shown once.
    reported: Mutex<HashSet<String>>,
    /// Each `quoth.toml` read and its problems, with whether they changed
    /// since they were last published.
    files: Mutex<HashMap<PathBuf, (Vec<Problem>, bool)>>,
    /// Problems found before `initialized`, when messages would be dropped.
    early: Mutex<Vec<String>>,
}

pub fn uri_path(uri: &Uri) -> Option<PathBuf> {
    uri.to_file_path().map(|p| p.into_owned())
}

impl Settings {
    /// Reads `initializationOptions` and the workspace folders; the
    /// problems wait for [`Settings::take_early`].
    pub fn initialize(&self, params: &InitializeParams) {
        let mut folders: Vec<PathBuf> = params
            .workspace_folders
            .iter()
            .flatten()
            .filter_map(|f| uri_path(&f.uri))
            .collect();
        #[allow(deprecated)]
        if folders.is_empty() {
            if let Some(root) = params.root_uri.as_ref().and_then(uri_path) {
                folders.push(root);
            }
        }
        *lock(&self.folders) = folders;
        if let Some(v) = &params.initialization_options {
            let problems = self.set_editor(v);
            lock(&self.early).extend(problems);
        }
    }

    /// The problems found while initializing, to show once initialized.
    pub fn take_early(&self) -> Vec<String> {
        std::mem::take(&mut *lock(&self.early))
    }

    /// New editor settings; returns the problems to show.
    pub fn set_editor(&self, v: &Value) -> Vec<String> {
        let (layer, problems) = config::parse_json(v);
        *lock(&self.editor) = layer;
        self.fresh(problems.iter().map(|p| p.render("quoth settings")))
    }

    pub fn folders(&self) -> Vec<PathBuf> {
        lock(&self.folders).clone()
    }

    pub fn set_folders(&self, added: Vec<PathBuf>, removed: &[PathBuf]) {
        let mut folders = lock(&self.folders);
        folders.retain(|f| !removed.contains(f));
        folders.extend(added);
    }

    fn fresh(&self, messages: impl Iterator<Item = String>) -> Vec<String> {
        let mut reported = lock(&self.reported);
        messages.filter(|m| reported.insert(m.clone())).collect()
    }

    /// The configuration for an article at `path` (or for an untitled
    /// document), and the problems not yet shown.
    pub fn config_at(&self, path: Option<&Path>) -> (Config, Vec<String>) {
        let editor = lock(&self.editor).clone();
        let loaded = path.and_then(config::load_for);
        // The editor's ignore globs are relative to the workspace folder.
        let folder = path.and_then(|p| {
            lock(&self.folders)
                .iter()
                .filter(|f| p.starts_with(f))
                .max_by_key(|f| f.as_os_str().len())
                .cloned()
        });
        let mut layers: Vec<(&Layer, Option<&Path>)> = vec![(&editor, folder.as_deref())];
        if let Some(l) = &loaded {
            layers.push((&l.layer, l.path.parent()));
        }
        let (config, more) = Config::build(&layers);
        let mut messages = Vec::new();
        if let Some(l) = &loaded {
            let mut all = l.problems.clone();
            all.extend(more.iter().cloned());
            let mut files = lock(&self.files);
            let changed = files.get(&l.path).is_none_or(|(p, _)| *p != all);
            if changed {
                files.insert(l.path.clone(), (all, true));
            }
        }
        if let Some(l) = &loaded {
            let shown = l.path.display().to_string();
            messages.extend(l.problems.iter().chain(&more).map(|p| p.render(&shown)));
        } else {
            messages.extend(more.iter().map(|p| p.render("quoth settings")));
        }
        (config, self.fresh(messages.into_iter()))
    }

    /// Computes and remembers the configuration of document `uri`.
    pub fn refresh(&self, uri: &Uri) -> (Arc<Config>, Vec<String>) {
        let path = uri_path(uri);
        let (config, problems) = self.config_at(path.as_deref());
        let config = Arc::new(config);
        lock(&self.per_doc).insert(uri.clone(), Arc::clone(&config));
        (config, problems)
    }

    /// The remembered configuration of `uri` (defaults if none).
    pub fn get(&self, uri: &Uri) -> Arc<Config> {
        lock(&self.per_doc).get(uri).cloned().unwrap_or_default()
    }

    pub fn forget(&self, uri: &Uri) {
        lock(&self.per_doc).remove(uri);
    }

    /// The `quoth.toml` files whose problems changed since last asked.
    pub fn changed_files(&self) -> Vec<(PathBuf, Vec<Problem>)> {
        let mut files = lock(&self.files);
        files
            .iter_mut()
            .filter(|(_, (_, changed))| *changed)
            .map(|(path, (problems, changed))| {
                *changed = false;
                (path.clone(), problems.clone())
            })
            .collect()
    }

    /// Forgets which problems were shown, so a changed file shows its own.
    pub fn reset_reported(&self) {
        lock(&self.reported).clear();
    }
}

/// Whether the settings let a document be analysed.
pub fn enabled(config: &Config, uri: &Uri, language_id: &str, len: usize) -> bool {
    config.accepts_language(language_id)
        && len <= config.max_size
        && !uri_path(uri).is_some_and(|p| config.is_ignored(&p))
}

/// A note for a document the size cap keeps from being analysed.
pub fn size_note(config: &Config, uri: &Uri, len: usize) -> Option<String> {
    (len > config.max_size).then(|| {
        let name = uri.as_str().rsplit('/').next().unwrap_or(uri.as_str());
        format!(
            "quoth: {name} is not checked: {len} bytes is over the size cap of {} bytes (max-size)",
            config.max_size
        )
    })
}

/// Opens a document under its settings.
pub fn open(
    config: &Config,
    uri: &Uri,
    text: String,
    version: i32,
    language_id: String,
) -> Document {
    // The size is left to the document, which checks it on every change.
    let on = enabled(config, uri, &language_id, 0);
    let format = crate::analysis::Format::from_hint(if language_id.is_empty() {
        uri.as_str()
    } else {
        &language_id
    });
    Document::open_limited(
        text,
        version,
        language_id,
        uri.as_str(),
        config.options(format),
        on,
        config.max_size,
    )
}

/// The diagnostics of a document under its settings, as a JSON array; an
/// open `quoth.toml` gets its own problems, as typed.
pub fn diagnostics(uri: &Uri, doc: &mut Document, config: &Arc<Config>, enc: Encoding) -> Pieces {
    if is_config_file(uri) {
        let problems = config::parse_toml(&doc.rope.to_string()).1;
        diagnostics_json(&problem_diagnostics(&problems))
    } else if !doc.enabled {
        Pieces::default()
    } else {
        doc.diagnostics_json(config, enc)
    }
}

/// Diagnostics as a JSON array.
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> Pieces {
    let mut pieces = Pieces::default();
    if let Ok(mut json) = serde_json::to_vec(diagnostics) {
        // The items, without the brackets.
        json.pop();
        json.remove(0);
        pieces.push(Arc::new(Piece::fixed(json)), 0);
    }
    pieces
}

/// The diagnostics of an analysis under `config`, the straightforward way
/// (what [`Document::diagnostics_json`] must give).
#[cfg(test)]
pub fn diagnostics_of(
    rope: &ropey::Rope,
    analysis: &crate::analysis::Analysis,
    config: &Config,
    enc: Encoding,
) -> Vec<Diagnostic> {
    let text = rope.to_string();
    let shown = crate::analysis::Analysis {
        findings: config.apply(&text, &analysis.findings),
        ..Default::default()
    };
    super::present::diagnostics(rope, &shown, enc)
}

pub fn is_config_file(uri: &Uri) -> bool {
    uri.as_str().rsplit('/').next() == Some(config::FILE_NAME)
}

/// Settings problems as diagnostics on their lines (whole lines).
pub fn problem_diagnostics(problems: &[Problem]) -> Vec<Diagnostic> {
    problems
        .iter()
        .map(|p| {
            let line = p.line.unwrap_or(1).saturating_sub(1) as u32;
            Diagnostic {
                range: Range::new(Position::new(line, 0), Position::new(line + 1, 0)),
                severity: Some(DiagnosticSeverity::WARNING),
                code: Some(NumberOrString::String("invalid-setting".into())),
                source: Some("quoth".into()),
                message: p.message.clone(),
                ..Default::default()
            }
        })
        .collect()
}
