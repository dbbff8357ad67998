//! The global allocator of quoth's binaries: the system allocator, with the
//! memory of long tables on transparent huge pages.
//!
//! An analysis of 10 MB peaks at about 110 MB of tables (tokens,
//! quotations, mentions, the text). With 4 KB pages the TLB covers a few MB
//! of them, so at 10 MB most cache misses also walk the page tables, which
//! is most of what a 10 MB analysis costs beyond ten times a 1 MB one.
//! Systems whose transparent huge pages are in `madvise` mode (the common
//! default) give 2 MB pages only to memory advised with
//! `madvise(MADV_HUGEPAGE)`; glibc does that only when told by the
//! `glibc.malloc.hugetlb=1` tunable, an environment variable. [`HugePages`]
//! does it in the process:
//!
//! - a block of 2 MB or more has the 2 MB-aligned part of it advised as soon
//!   as it is allocated, before it is written;
//! - memory glibc's main heap grows by is advised when the heap is seen to
//!   have grown (after any allocation of 4 KB or more), and the heap grows
//!   by at least 16 MB at a time (`M_TOP_PAD`) so that most of each step is
//!   whole 2 MB pages not yet written. Setting that stops glibc from raising
//!   its mmap threshold as large blocks are freed, so the threshold is set
//!   to the 32 MB it would reach: the tables of one analysis are reused
//!   from the heap by the next, as before (without it every table was a new
//!   mapping, faulted in again by each analysis: 10 MB 223 → 232 ms).
//!
//! Nothing else changes: every block is the system allocator's, unchanged in
//! address, size and alignment, and is freed by it. Where huge pages are not
//! to be had (another system, THP `never`, a kernel without THP) the advice
//! fails harmlessly or is not given. The language server calls [`stop`].
//! Measured in docs/performance.md ("The `speed24` round").

use std::alloc::{GlobalAlloc, Layout, System};

/// The system allocator, advising large and new memory for huge pages
/// (see the module's documentation). Used by the `quoth` binary and by the
/// throughput example and benchmark, so that they measure what users run:
///
/// ```ignore
/// #[global_allocator]
/// static GLOBAL: quoth::alloc::HugePages = quoth::alloc::HugePages;
/// ```
pub struct HugePages;

// SAFETY: every method forwards to `System` with the same arguments and
// returns its result unchanged; the advice only sets a flag on pages the
// system allocator already owns (it moves, frees and changes no memory).
unsafe impl GlobalAlloc for HugePages {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is `System`'s.
        let p = unsafe { System.alloc(layout) };
        advise_new(p, layout.size());
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        advise_new(p, layout.size());
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` (every method returns its blocks).
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as for `dealloc`; the rest of the contract is `System`'s.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        advise_new(p, new_size);
        p
    }
}

/// Whether [`HugePages`] has been told to stop advising ([`stop`]).
static STOPPED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Stops the advice and gives glibc back its default heap step (128 KB):
/// the allocator is the system's from here on. For the language server,
/// which keeps a long document open for hours: there the larger steps and
/// 2 MB pages cost resident memory (peak 74–77 MB with a 10 MB document
/// against 60 MB, over its 70 MB target) and keystrokes gain nothing
/// measurable (each re-analyses a few KB).
pub fn stop() {
    STOPPED.store(true, std::sync::atomic::Ordering::Relaxed);
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets an allocator parameter.
    unsafe {
        libc::mallopt(libc::M_TOP_PAD, 128 << 10);
    }
}

/// Advises the block `p` of `len` bytes just returned by the system
/// allocator, and what the heap has grown by, for huge pages.
#[inline]
fn advise_new(p: *mut u8, len: usize) {
    #[cfg(target_os = "linux")]
    {
        if p.is_null() || STOPPED.load(std::sync::atomic::Ordering::Relaxed) {
            return;
        }
        if len >= HUGE {
            advise(p as usize, p as usize + len);
        }
        #[cfg(target_env = "gnu")]
        if len >= 4096 || !heap::seen() {
            heap::grown();
        }
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (p, len);
}

/// The size of a transparent huge page on x86-64 and on arm64 with 4 KB
/// pages (advice for other sizes is still valid, page-aligned advice).
#[cfg(target_os = "linux")]
const HUGE: usize = 2 << 20;

/// `madvise(MADV_HUGEPAGE)` for the whole 2 MB pages in `start..end`, which
/// the system allocator has mapped. Failure (no THP in the kernel) only
/// means no huge pages.
#[cfg(target_os = "linux")]
fn advise(start: usize, end: usize) {
    let from = start.next_multiple_of(HUGE);
    let to = end & !(HUGE - 1);
    if to > from {
        // SAFETY: `from..to` lies inside memory the process has mapped (a
        // block just allocated, or heap below the break); MADV_HUGEPAGE only
        // sets a flag on those pages' mapping and reads or writes no memory.
        unsafe { libc::madvise(from as *mut libc::c_void, to - from, libc::MADV_HUGEPAGE) };
    }
}

/// glibc's main heap (the memory below the program break), which serves
/// most large tables once glibc has raised its mmap threshold.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
mod heap {
    use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

    /// The program break when the heap was last looked at (0: not yet).
    static BREAK: AtomicUsize = AtomicUsize::new(0);
    /// The first page of the heap as far as this module knows it: the break
    /// at the first look (nothing below it is advised).
    static START: AtomicUsize = AtomicUsize::new(0);

    /// The heap grows by at least this much, so that most of each step is
    /// whole 2 MB pages not yet written (glibc writes only the header of the
    /// new top chunk before the advice is given). Untouched memory is not
    /// resident.
    const STEP: libc::c_int = 16 << 20;

    /// Whether the heap has been looked at (and glibc set up) yet.
    #[inline]
    pub(super) fn seen() -> bool {
        BREAK.load(Relaxed) != 0
    }

    /// Advises whatever the heap has grown by since the last look.
    pub(super) fn grown() {
        // SAFETY: `sbrk(0)` only reads the current break (no system call
        // once glibc has set it up).
        let now = unsafe { libc::sbrk(0) } as usize;
        let before = BREAK.swap(now, Relaxed);
        if before == 0 {
            // First look (the program's first allocation): from now on the
            // heap grows in steps of `STEP`. Setting it stops glibc from
            // raising its mmap threshold as large blocks are freed (which
            // keeps the tables of one analysis in the heap for the next), so
            // the threshold is set to the most that would reach, 32 MB
            // (the language server sets its own later).
            START.store(now.next_multiple_of(4096), Relaxed);
            // SAFETY: mallopt only sets allocator parameters.
            unsafe {
                libc::mallopt(libc::M_TOP_PAD, STEP);
                libc::mallopt(libc::M_MMAP_THRESHOLD, 32 << 20);
            }
        } else if now > before {
            // From the start of the huge page the old break was in (its
            // pages not yet written can still become one), up to the break.
            let from = (before & !(super::HUGE - 1)).max(START.load(Relaxed));
            if now > from {
                // SAFETY: `from..now` is heap below the break, mapped; the
                // advice only sets a flag on its mapping.
                unsafe {
                    libc::madvise(from as *mut libc::c_void, now - from, libc::MADV_HUGEPAGE)
                };
            }
        }
    }
}
