//! The language server: owns documents, converts offsets, maps the analysis
//! to protocol types. Thin on purpose: every judgement about quotations and
//! speakers is the analysis's.
//!
//! - [`position`]: byte offsets ⇄ LSP positions in UTF-8 or UTF-16;
//! - `document`: an open document, its edits and its cached analysis;
//! - `present`: analysis → hover, symbols, diagnostics;
//! - `server`: the tower-lsp-server handlers;
//! - `transport`, `framing`: the pipe, robust to any bytes and any panic
//!   (see docs/robustness.md); `outbox`, `failpoint`: honest
//!   publication, injected failures for tests;
//! - `settings`: editor settings and `quoth.toml` per document;
//! - `navigate`: definition, references, highlights, inlay hints, semantic
//!   tokens, code lenses;
//! - `actions`: code actions (attribute, ignore, close, curly quotes);
//! - `workspace`: workspace symbols over open documents and folders.

mod actions;
mod document;
#[cfg(test)]
mod document_props;
mod encode;
mod failpoint;
pub mod framing;
mod handlers;
mod navigate;
mod outbox;
pub mod position;
mod present;
mod server;
mod settings;
mod transport;
mod workspace;

use tower_lsp_server::LspService;

/// Runs the language server on stdin/stdout until the client exits.
/// Returns whether it was shut down properly (`shutdown` before `exit`),
/// which decides the exit code the specification asks for (0 or 1).
pub fn run() -> std::io::Result<bool> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()?;
    let clean = runtime.block_on(async {
        let mut client = None;
        let shared = std::sync::Arc::new(server::Shared::default());
        let (raw_tx, raw_rx) = futures::channel::mpsc::unbounded();
        let (service, socket) = LspService::new(|c| {
            client = Some(c.clone());
            server::Backend::new(c, std::sync::Arc::clone(&shared), raw_tx)
        });
        let client = client.expect("LspService::new calls its init");
        let (stdin, stdout) = (tokio::io::stdin(), tokio::io::stdout());
        let fast: std::sync::Arc<dyn transport::Fast> = shared;
        transport::serve(stdin, stdout, service, socket, client, raw_rx, Some(fast)).await
    });
    // The blocking read of stdin may never return (a client need not close
    // it after `exit`); output has been flushed by `serve`, so do not wait.
    runtime.shutdown_background();
    Ok(clean)
}
