//! The language server: owns documents, converts offsets, maps the analysis
//! to protocol types. Thin on purpose: every judgement about quotations and
//! speakers is the analysis's.
//!
//! - [`position`]: byte offsets ⇄ LSP positions in UTF-8 or UTF-16;
//! - `document`: an open document, its edits and its cached analysis;
//! - `present`: analysis → hover, symbols, diagnostics;
//! - `server`: the tower-lsp-server handlers;
//! - `settings`: editor settings and `quoth.toml` per document;
//! - `navigate`: definition, references, highlights, inlay hints, semantic
//!   tokens, code lenses;
//! - `actions`: code actions (attribute, ignore, close, curly quotes);
//! - `workspace`: workspace symbols over open documents and folders.

mod actions;
mod document;
mod handlers;
mod navigate;
pub mod position;
mod present;
mod server;
mod settings;
mod workspace;

use tower_lsp_server::{LspService, Server};

/// Runs the language server on stdin/stdout until the client exits.
pub fn run() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .build()?;
    runtime.block_on(async {
        let (service, socket) = LspService::new(server::Backend::new);
        Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .serve(service)
            .await;
    });
    // The blocking read of stdin may never return (a client need not close
    // it after `exit`); output has been flushed by `serve`, so do not wait.
    runtime.shutdown_background();
    Ok(())
}
