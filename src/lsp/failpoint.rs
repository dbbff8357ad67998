//! Injected failures, so that tests can prove a panicking handler becomes an
//! error response and the server stays up.
//!
//! Only debug builds (what `cargo test` runs) honour it, so an installed
//! (release) server has no way to be told to crash. It is an environment
//! variable rather than a hidden request method because only whoever starts
//! the process can set it, not any client that can write to the pipe, and
//! because it fails inside the real handlers users hit, not a special one.

#[cfg_attr(not(debug_assertions), allow(dead_code))]
/// Set to a point's name (`hover`, `didChange`, `documentSymbol`) to panic there.
pub const VAR: &str = "QUOTH_TEST_PANIC";

/// Panics if [`VAR`] names `point` (debug builds only).
#[inline]
pub fn hit(point: &str) {
    #[cfg(debug_assertions)]
    {
        static CHOSEN: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let chosen = CHOSEN.get_or_init(|| std::env::var(VAR).ok());
        if chosen.as_deref() == Some(point) {
            panic!("injected failure in {point} ({VAR} is set)");
        }
    }
    #[cfg(not(debug_assertions))]
    let _ = point;
}
