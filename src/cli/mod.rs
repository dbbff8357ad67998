//! Command-line front ends over the analysis.
