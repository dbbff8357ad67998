//! Throughput report: analyses generated article collections of 10 KB to
//! 10 MB (see `quoth::bench_support`), prints MB/s for each size, the
//! 10 MB / 1 MB time ratio (linearity) and the time of one `memchr` pass over
//! the same bytes for quote-mark lead bytes (the physical limit).
//!
//! `cargo run --release --example throughput -- --json > report.json` writes
//! a report that `.ci/floors.py` can check: `cpu_mb_per_s` (bytes per
//! second of this thread's CPU time, steady when other work shares the
//! cores; CI enforces 30) and `mb_per_s` (wall clock).
//!
//! `--corpus FILE.jsonl` (repeatable) also times real text: the `text` of
//! each line of an annotated corpus (`../shared/corpus`), each article
//! analysed on its own as `quoth check` would, reported under `corpora`
//! by file name. Real articles have a far larger vocabulary per byte than
//! the generated ones, which costs more per byte.

use std::time::{Duration, Instant};

use quoth::analysis::{analyze, Format, Options};
use quoth::bench_support::collection;

/// The allocator users run (mimalloc; the system's in the language server: see
/// `quoth::alloc`).
#[global_allocator]
static GLOBAL: quoth::alloc::Chosen = quoth::alloc::Chosen;

/// CPU time of this thread: what one analysis costs one core, whatever else
/// the machine is running (wall time also counts the time the thread waits
/// for a core).
#[cfg(target_os = "linux")]
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

#[cfg(not(target_os = "linux"))]
fn thread_cpu() -> Duration {
    Duration::ZERO
}

/// The best wall time and the best CPU time of up to `runs` calls.
fn best_of<F: FnMut()>(runs: usize, budget: Duration, mut f: F) -> (Duration, Duration) {
    let mut best = Duration::MAX;
    let mut best_cpu = Duration::MAX;
    let start = Instant::now();
    for i in 0..runs {
        let t = Instant::now();
        let c = thread_cpu();
        f();
        best_cpu = best_cpu.min(thread_cpu() - c);
        best = best.min(t.elapsed());
        if i >= 1 && start.elapsed() > budget {
            break;
        }
    }
    (best, best_cpu)
}

/// The articles of a JSONL corpus (`text` of each line).
fn articles(path: &str) -> Vec<String> {
    let all = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    all.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value =
                serde_json::from_str(l).unwrap_or_else(|e| panic!("{path}: {e}"));
            v["text"].as_str().unwrap_or_default().to_string()
        })
        .collect()
}

/// Times each corpus of `paths`, article by article: its row of the report.
fn corpora(paths: &[String], json: bool) -> serde_json::Map<String, serde_json::Value> {
    let options = Options::default();
    let mut rows = serde_json::Map::new();
    for path in paths {
        let docs = articles(path);
        let bytes: usize = docs.iter().map(String::len).sum();
        let (t, cpu) = best_of(20, Duration::from_secs(10), || {
            for d in &docs {
                std::hint::black_box(analyze(d, &options));
            }
        });
        let name = std::path::Path::new(path)
            .file_stem()
            .map_or(path.clone(), |s| s.to_string_lossy().into_owned());
        let mbs = bytes as f64 / 1e6 / t.as_secs_f64();
        let cpu_mbs = bytes as f64 / 1e6 / cpu.as_secs_f64();
        if !json {
            println!(
                "{name:>14}: {:>9} bytes in {:>5} articles  {:>9.3} ms  {:>7.1} MB/s ({:>5.1} MB/s of CPU time)",
                bytes,
                docs.len(),
                t.as_secs_f64() * 1e3,
                mbs,
                cpu_mbs
            );
        }
        rows.insert(
            name,
            serde_json::json!({
                "articles": docs.len(),
                "bytes": bytes,
                "seconds": t.as_secs_f64(),
                "cpu_seconds": cpu.as_secs_f64(),
                "mb_per_s": mbs,
                "cpu_mb_per_s": cpu_mbs,
            }),
        );
    }
    rows
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let json = args.iter().any(|a| a == "--json");
    let corpus_paths: Vec<String> = args
        .windows(2)
        .filter(|w| w[0] == "--corpus")
        .map(|w| w[1].clone())
        .collect();
    let sizes: &[(&str, usize)] = &[
        ("10kb", 10_000),
        ("100kb", 100_000),
        ("1mb", 1_000_000),
        ("10mb", 10_000_000),
    ];
    let options = Options {
        format: Format::Markdown,
        ..Default::default()
    };
    let mut rows = serde_json::Map::new();
    let mut secs = std::collections::HashMap::new();
    let mut total_bytes = 0usize;
    let mut total_time = 0f64;
    let mut total_cpu = 0f64;
    for &(name, size) in sizes {
        let text = collection(size, 42, true);
        let runs = (20_000_000 / size).clamp(3, 200);
        let (t, cpu) = best_of(runs, Duration::from_secs(10), || {
            std::hint::black_box(analyze(&text, &options));
        });
        let (m, _) = best_of(runs.max(20), Duration::from_secs(2), || {
            std::hint::black_box(memchr::memchr3_iter(b'"', 0xE2, 0xC2, text.as_bytes()).count());
        });
        let mbs = text.len() as f64 / 1e6 / t.as_secs_f64();
        if size >= 1_000_000 {
            total_bytes += text.len();
            total_time += t.as_secs_f64();
            total_cpu += cpu.as_secs_f64();
        }
        secs.insert(name, t.as_secs_f64() / text.len() as f64);
        if !json {
            println!(
                "{name:>6}: {:>9} bytes  {:>9.3} ms  {:>7.1} MB/s ({:>5.1} MB/s of CPU time)  memchr {:>7.3} ms  ({:.0}x memchr)",
                text.len(),
                t.as_secs_f64() * 1e3,
                mbs,
                text.len() as f64 / 1e6 / cpu.as_secs_f64(),
                m.as_secs_f64() * 1e3,
                t.as_secs_f64() / m.as_secs_f64()
            );
        }
        rows.insert(
            name.into(),
            serde_json::json!({
                "bytes": text.len(),
                "seconds": t.as_secs_f64(),
                "cpu_seconds": cpu.as_secs_f64(),
                "mb_per_s": mbs,
                "cpu_mb_per_s": text.len() as f64 / 1e6 / cpu.as_secs_f64(),
                "memchr_seconds": m.as_secs_f64(),
                "memchr_multiple": t.as_secs_f64() / m.as_secs_f64(),
            }),
        );
    }
    // Time per byte at 10 MB over time per byte at 1 MB: 1.0 is linear; the
    // target (10 MB in at most 11x the time of 1 MB) is a ratio <= 1.1.
    let linearity = secs["10mb"] / secs["1mb"];
    // A keystroke in a 10 MB document with the section cache the language
    // server keeps: re-analysis of the edited text, joined (server side, before
    // diagnostics are converted and sent).
    let keystroke_ms = {
        let mut text = collection(10_000_000, 42, true);
        let mut inc = quoth::analysis::sections::IncrementalAnalysis::default();
        std::hint::black_box(inc.analyse(&text, &options));
        let mut times = Vec::new();
        for k in 0..10 {
            let mut at = text.len() / 2 + k * 10_007;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            text.insert(at, 'x');
            let t = Instant::now();
            std::hint::black_box(inc.analyse(&text, &options));
            times.push(t.elapsed().as_secs_f64() * 1e3);
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        if !json {
            println!(
                "keystroke in 10 MB (section cache): median {:.1} ms, max {:.1} ms",
                times[times.len() / 2],
                times[times.len() - 1]
            );
        }
        serde_json::json!({"median": times[times.len() / 2], "max": times[times.len() - 1]})
    };
    let corpora = corpora(&corpus_paths, json);
    let report = serde_json::json!({
        "corpora": corpora,
        "incremental_keystroke_ms_10mb": keystroke_ms,
        "mb_per_s": total_bytes as f64 / 1e6 / total_time,
        "cpu_mb_per_s": total_bytes as f64 / 1e6 / total_cpu,
        "linearity_10mb_over_1mb": linearity,
        "sizes": rows,
    });
    if json {
        println!("{}", serde_json::to_string_pretty(&report).unwrap());
    } else {
        println!(
            "overall (1 MB + 10 MB): {:.1} MB/s wall, {:.1} MB/s of CPU time; 10 MB costs {:.2}x the time of 1 MB per byte",
            report["mb_per_s"].as_f64().unwrap(),
            report["cpu_mb_per_s"].as_f64().unwrap(),
            linearity
        );
    }
}
