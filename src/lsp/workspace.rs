//! Workspace symbols: speakers and quotations across the open documents
//! and the articles (`.txt`, `.md`, `.markdown`) in the workspace folders,
//! so "everything X said" is one query. Articles on disk are analysed once
//! per modification and cached; ignore globs and hidden folders are skipped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use ropey::Rope;
use tower_lsp_server::ls_types::{Location, OneOf, SymbolKind, Uri, WorkspaceSymbol};

use super::position::{span_to_range, Encoding};
use crate::analysis::{analyze, Analysis, Format};
use crate::config::Config;

/// How many characters of a quotation a symbol shows.
const PREVIEW: usize = 50;
/// At most this many symbols go back for one query.
const LIMIT: usize = 2000;

/// The symbols of one article.
pub fn symbols_of(
    uri: &Uri,
    rope: &Rope,
    analysis: &Analysis,
    enc: Encoding,
) -> Vec<WorkspaceSymbol> {
    let file = uri
        .as_str()
        .rsplit('/')
        .next()
        .unwrap_or(uri.as_str())
        .to_string();
    let location = |span| OneOf::Left(Location::new(uri.clone(), span_to_range(rope, span, enc)));
    let mut out = Vec::new();
    for (e, entity) in analysis.entities.iter().enumerate() {
        if entity.quotations.is_empty() {
            continue;
        }
        let Some(m) = super::navigate::introduction(analysis, e) else {
            continue;
        };
        out.push(WorkspaceSymbol {
            name: entity.name.clone(),
            kind: SymbolKind::OBJECT,
            tags: None,
            container_name: Some(format!("{file}: {} quotations", entity.quotations.len())),
            location: location(analysis.mentions[m].span),
            data: None,
        });
    }
    for (q, quotation) in analysis.quotations.iter().enumerate() {
        let end = quotation.content.end.min(rope.len_bytes());
        let start = quotation.content.start.min(end);
        let words: String = rope
            .slice(rope.byte_to_char(start)..rope.byte_to_char(end))
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut preview: String = words.chars().take(PREVIEW).collect();
        if words.chars().count() > PREVIEW {
            preview.push('…');
        }
        let speaker = analysis.speaker_name(q).unwrap_or("unattributed");
        out.push(WorkspaceSymbol {
            name: format!("{speaker}: “{preview}”"),
            kind: SymbolKind::STRING,
            tags: None,
            container_name: Some(file.clone()),
            location: location(quotation.span),
            data: None,
        });
    }
    out
}

/// True when every word of `query` is in the symbol's name or container.
pub fn matches(symbol: &WorkspaceSymbol, query: &str) -> bool {
    let hay = format!(
        "{} {}",
        symbol.name,
        symbol.container_name.as_deref().unwrap_or("")
    )
    .to_lowercase();
    query
        .to_lowercase()
        .split_whitespace()
        .all(|w| hay.contains(w))
}

pub fn limit() -> usize {
    LIMIT
}

/// The articles under `folders`, skipping hidden entries and whatever
/// `ignored` says; in a stable order.
pub fn list_articles(folders: &[PathBuf], ignored: &dyn Fn(&Path) -> bool) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack: Vec<PathBuf> = folders.to_vec();
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries.into_iter().rev() {
            let hidden = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.') || n == "node_modules" || n == "target");
            if hidden || ignored(&p) {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else if crate::cli::check::is_article(&p) {
                out.push(p);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A file's modification time and length, and its symbols then.
type Entry = (Option<SystemTime>, u64, Vec<WorkspaceSymbol>);

/// Symbols of articles on disk, kept until the file changes.
#[derive(Default)]
pub struct Cache {
    files: Mutex<HashMap<PathBuf, Entry>>,
}

impl Cache {
    /// The symbols of the article at `path`, analysed with `config` unless
    /// the cached ones are still current; empty if it cannot be read.
    pub fn symbols(&self, path: &Path, config: &Config, enc: Encoding) -> Vec<WorkspaceSymbol> {
        let meta = std::fs::metadata(path).ok();
        let stamp = (
            meta.as_ref().and_then(|m| m.modified().ok()),
            meta.as_ref().map_or(0, |m| m.len()),
        );
        if let Some((t, l, s)) = self
            .files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(path)
        {
            if (*t, *l) == stamp {
                return s.clone();
            }
        }
        let symbols = (|| {
            if stamp.1 as usize > config.max_size {
                return Some(Vec::new());
            }
            let text = crate::cli::check::read_text(path).ok()?;
            let uri = Uri::from_file_path(path)?;
            let format = Format::from_hint(&path.to_string_lossy());
            let analysis =
                std::panic::catch_unwind(|| analyze(&text, &config.options(format))).ok()?;
            Some(symbols_of(&uri, &Rope::from_str(&text), &analysis, enc))
        })();
        let symbols = symbols.unwrap_or_default();
        self.files
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(path.to_path_buf(), (stamp.0, stamp.1, symbols.clone()));
        symbols
    }
}
