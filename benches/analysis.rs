//! Criterion benchmarks of the whole analysis on generated article
//! collections of 10 KB, 100 KB, 1 MB and 10 MB (`quoth::bench_support`),
//! with the `memchr` scan for quote-mark lead bytes over the same text as
//! the physical limit. `cargo bench --bench analysis`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use quoth::analysis::{analyze, Format, Options};
use quoth::bench_support::collection;

/// The allocator users run (mimalloc; the system's in the language server: see
/// `quoth::alloc`).
#[global_allocator]
static GLOBAL: quoth::alloc::Chosen = quoth::alloc::Chosen;

fn analysis(c: &mut Criterion) {
    let options = Options {
        format: Format::Markdown,
        ..Default::default()
    };
    let mut group = c.benchmark_group("analyze");
    for (name, size) in [
        ("10KB", 10_000),
        ("100KB", 100_000),
        ("1MB", 1_000_000),
        ("10MB", 10_000_000),
    ] {
        let text = collection(size, 42, true);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(if size >= 1_000_000 { 10 } else { 30 });
        group.bench_with_input(BenchmarkId::new("analyze", name), &text, |b, t| {
            b.iter(|| analyze(t, &options))
        });
        group.bench_with_input(BenchmarkId::new("memchr", name), &text, |b, t| {
            b.iter(|| memchr::memchr3_iter(b'"', 0xE2, 0xC2, t.as_bytes()).count())
        });
    }
    group.finish();
}

criterion_group!(benches, analysis);
criterion_main!(benches);
