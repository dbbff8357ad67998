//! quoth finds every quotation in an article and works out who said it.
//!
//! [`analysis`] is the pure core; [`lsp`] serves it to editors and [`cli`]
//! to the command line.

pub mod alloc;
pub mod analysis;
#[doc(hidden)]
pub mod bench_support;
pub mod cli;
pub mod config;
pub mod lsp;
