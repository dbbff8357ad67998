//! Analyses one generated collection once (size in bytes as the argument,
//! default 1 MB): a fixed workload for `valgrind --tool=callgrind`.

fn main() {
    let size = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1_000_000);
    let text = quoth::bench_support::collection(size, 42, true);
    let options = quoth::analysis::Options {
        format: quoth::analysis::Format::Markdown,
        ..Default::default()
    };
    let a = quoth::analysis::analyze(&text, &options);
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{a:?}").hash(&mut h);
    println!(
        "{:016x} {} bytes: {} quotations, {} mentions, {} entities, {} findings",
        h.finish(),
        text.len(),
        a.quotations.len(),
        a.mentions.len(),
        a.entities.len(),
        a.findings.len()
    );
}
