//! The global allocator of quoth's binaries: mimalloc, except in the
//! language server, which keeps the system allocator.
//!
//! An analysis makes and frees many small blocks (the words of names, their
//! look-up lists, mention texts); on real articles, analysed one by one,
//! the system allocator's bookkeeping was about a fifth of the time.
//! mimalloc serves them faster: PolNeAR articles 1.11×, PDNC 1.08×,
//! generated collections 1.04–1.08× (docs/performance.md, session 14).
//!
//! The language server is the exception. It keeps a document's analysis
//! for hours, and with mimalloc a 10 MB document peaked at 115 MB resident
//! (80 MB with mimalloc's prompt purging), against 60 MB with the system
//! allocator and a target of 70, and its keystroke p99 went over the
//! 10 ms target. There the system allocator stays, tuned by `crate::lsp`.
//!
//! Which of the two serves the process is decided once, before its first
//! block, and never changes, so that every block is freed by the allocator
//! that made it: on glibc a constructor reads the command line (glibc hands
//! constructors the program's arguments, which is also how the standard
//! library reads them) and chooses the system allocator for `quoth lsp`;
//! otherwise, or if a block was asked for before the constructor ran, the
//! first block chooses mimalloc.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicU8, Ordering::Relaxed};

/// mimalloc, or the system allocator in the language server (see the
/// module's documentation). The allocator of the `quoth` binary, and of
/// the throughput example and benchmark, so that they measure what users
/// run:
///
/// ```ignore
/// #[global_allocator]
/// static GLOBAL: quoth::alloc::Chosen = quoth::alloc::Chosen;
/// ```
pub struct Chosen;

const UNDECIDED: u8 = 0;
const MIMALLOC: u8 = 1;
const SYSTEM: u8 = 2;

/// Which allocator serves the process: `UNDECIDED` until the constructor or
/// the first block decides, then fixed.
static MODE: AtomicU8 = AtomicU8::new(UNDECIDED);

/// Decides for `choice` unless the process has decided already; the
/// allocator that serves it.
#[inline]
fn decide(choice: u8) -> u8 {
    match MODE.compare_exchange(UNDECIDED, choice, Relaxed, Relaxed) {
        Ok(_) => choice,
        Err(decided) => decided,
    }
}

/// The allocator that serves the process, decided by the first call if
/// the constructor has not decided.
#[inline]
fn mode() -> u8 {
    match MODE.load(Relaxed) {
        UNDECIDED => decide(MIMALLOC),
        decided => decided,
    }
}

/// Whether the process is the language server, from its arguments after
/// the program's name: the subcommand `lsp` comes first (quoth has no
/// options before its subcommand).
pub fn is_language_server<A: AsRef<[u8]>>(mut args: impl Iterator<Item = A>) -> bool {
    args.next().is_some_and(|a| a.as_ref() == b"lsp")
}

// SAFETY (all four methods): a block is freed or resized by the allocator
// that made it, since `mode` gives the same answer for the life of the
// process once the first block has been made; the rest of each contract is
// the chosen allocator's, to which the arguments pass unchanged.
unsafe impl GlobalAlloc for Chosen {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mode() == SYSTEM {
            unsafe { System.alloc(layout) }
        } else {
            unsafe { mimalloc::MiMalloc.alloc(layout) }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if mode() == SYSTEM {
            unsafe { System.alloc_zeroed(layout) }
        } else {
            unsafe { mimalloc::MiMalloc.alloc_zeroed(layout) }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mode() == SYSTEM {
            unsafe { System.dealloc(ptr, layout) }
        } else {
            unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
        }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if mode() == SYSTEM {
            unsafe { System.realloc(ptr, layout, new_size) }
        } else {
            unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
        }
    }
}

/// Run by glibc before `main` with the program's arguments (functions in
/// `.init_array` get `argc`, `argv` and `envp`): chooses the system
/// allocator for the language server.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[used]
#[link_section = ".init_array"]
static CHOOSE_AT_START: extern "C" fn(
    libc::c_int,
    *const *const libc::c_char,
    *const *const libc::c_char,
) = choose_at_start;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
extern "C" fn choose_at_start(
    argc: libc::c_int,
    argv: *const *const libc::c_char,
    _envp: *const *const libc::c_char,
) {
    if argv.is_null() || argc < 1 {
        return;
    }
    let args = (1..argc as usize).filter_map(|i| {
        // SAFETY: glibc passes `argc` valid pointers in `argv`, each to a
        // NUL-terminated string that lives as long as the process.
        let arg = unsafe { *argv.add(i) };
        (!arg.is_null()).then(|| unsafe { std::ffi::CStr::from_ptr(arg) }.to_bytes())
    });
    if is_language_server(args) {
        decide(SYSTEM);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_lsp_subcommand_is_the_language_server() {
        let server = |args: &[&str]| is_language_server(args.iter().map(|a| a.as_bytes()));
        assert!(server(&["lsp"]));
        assert!(server(&["lsp", "--stdio"]));
        assert!(!server(&["check", "lsp"]));
        assert!(!server(&["quotes", "article.md"]));
        assert!(!server(&["--help"]));
        assert!(!server(&[]));
    }
}
