//! Writes generated articles as files for `quoth check` timing:
//! `write_archive DIR COUNT` (Markdown and plain text alternate).

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().expect("usage: write_archive DIR COUNT"));
    let count: usize = args.next().and_then(|c| c.parse().ok()).unwrap_or(3000);
    std::fs::create_dir_all(&dir).expect("cannot create the folder");
    for (i, a) in quoth::bench_support::articles(count, 7, true)
        .iter()
        .enumerate()
    {
        let ext = if i % 2 == 0 { "md" } else { "txt" };
        std::fs::write(dir.join(format!("article-{i:05}.{ext}")), a).expect("cannot write");
    }
}
