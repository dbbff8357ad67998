//! Command-line front ends over the analysis: `check`, `quotes`, `eval`.

pub mod check;
pub mod eval;
