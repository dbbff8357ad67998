//! The language server: owns documents, converts offsets, maps the analysis
//! to protocol types.

mod document;
pub mod position;
mod present;

/// Runs the language server on stdin/stdout until the client exits.
pub fn run() -> std::io::Result<()> {
    Ok(())
}
