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
    widen_stdout_pipe();
    big_blocks_from_the_system();
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
        let output = transport::Writer::spawn(raw_stdout())?;
        let fast: std::sync::Arc<dyn transport::Fast> = shared;
        let stdin = tokio::io::stdin();
        Ok::<_, std::io::Error>(
            transport::serve(stdin, output, service, socket, client, raw_rx, Some(fast)).await,
        )
    })?;
    // The blocking read of stdin may never return (a client need not close
    // it after `exit`); output has been flushed by `serve`, so do not wait.
    runtime.shutdown_background();
    Ok(clean)
}

/// Standard output without std's line buffering (each chunk of a message
/// is one `write`): a second handle on the same pipe, or the buffered one
/// if there is none to be had.
fn raw_stdout() -> Box<dyn std::io::Write + Send> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(std::io::stdout())
}

/// Asks for a 1 MB stdout pipe (Linux gives 64 KB; 1 MB is what an
/// unprivileged process may ask for): a long document's diagnostics are
/// megabytes, and each 64 KB would otherwise wait for the client to read.
/// Nothing happens if stdout is not a pipe or the system says no.
fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    // SAFETY: fcntl on fd 1 with F_SETPIPE_SZ reads no memory of ours; it
    // fails harmlessly (EBADF, EINVAL, EPERM) when it cannot apply.
    unsafe {
        libc::fcntl(1, libc::F_SETPIPE_SZ, 1 << 20);
    }
}

/// Blocks of 1 MB and more (a document's text while it is read, message
/// buffers, the analysis's tables) come straight from the system and go
/// back to it when freed, instead of staying in the heap after a long
/// document is opened or its symbols sent (glibc raises its threshold as
/// large blocks are freed, up to 32 MB).
fn big_blocks_from_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

/// Gives the heap's free memory back to the system (after a long document
/// was opened or closed: the message that carried it has been freed).
pub(crate) fn release_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only returns free heap pages to the system.
    unsafe {
        libc::malloc_trim(0);
    }
}
