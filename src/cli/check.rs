//! `quoth check` and `quoth quotes`: the analysis on files, for people (with
//! the offending line shown, as compilers do) and for machines (JSON).

use std::io::Write;
use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use crate::analysis::{analyze, Analysis, Format, Options, Severity, Span};

/// Line starts of a text, for turning byte offsets into 1-based line and
/// column (columns count characters).
pub struct Lines<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { text, starts }
    }
    /// (line, column), both 1-based.
    pub fn position(&self, byte: usize) -> (usize, usize) {
        let byte = byte.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= byte) - 1;
        let col = self.text[self.starts[line]..byte].chars().count();
        (line + 1, col + 1)
    }
    /// The text of a 1-based line, without its line ending.
    pub fn line(&self, line: usize) -> &'a str {
        let s = self.starts[line - 1];
        let e = self.starts.get(line).copied().unwrap_or(self.text.len());
        self.text[s..e].trim_end_matches(['\n', '\r'])
    }
}

/// Files to read: the paths given, folders searched recursively for
/// `.txt`, `.md` and `.markdown` files, in a stable order.
pub fn collect(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<String>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files, &mut errors);
        } else if p.exists() {
            files.push(p.clone());
        } else {
            errors.push(format!("{}: no such file or folder", p.display()));
        }
    }
    (files, errors)
}

/// Whether `p` names an article (`.txt`, `.md`, `.markdown`).
pub fn is_article(p: &Path) -> bool {
    matches!(
        p.extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref(),
        Some("txt" | "md" | "markdown")
    )
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>, errors: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = match std::fs::read_dir(dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(e) => {
            errors.push(format!("{}: {e}", dir.display()));
            return;
        }
    };
    entries.sort();
    for p in entries {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            walk(&p, files, errors);
        } else if is_article(&p) {
            files.push(p);
        }
    }
}

/// Reads a file as UTF-8 text, refusing binary files.
pub fn read_text(p: &Path) -> Result<String, String> {
    let bytes = std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))?;
    if bytes.contains(&0) {
        return Err(format!(
            "{}: skipped, looks like a binary file",
            p.display()
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: skipped, not UTF-8 text (invalid byte at offset {})",
            p.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

pub fn options_for(p: &Path) -> Options {
    Options {
        format: Format::from_hint(&p.to_string_lossy()),
        ..Default::default()
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Information => "info",
        Severity::Hint => "hint",
    }
}

/// Writes one finding the way compilers do, with the line and a caret run.
fn human(
    out: &mut impl Write,
    path: &Path,
    lines: &Lines,
    span: Span,
    sev: Severity,
    code: &str,
    message: &str,
) -> std::io::Result<()> {
    let (line, col) = lines.position(span.start);
    let (end_line, end_col) = lines.position(span.end);
    writeln!(out, "{}[{code}]: {message}", severity_word(sev))?;
    writeln!(out, "  --> {}:{line}:{col}", path.display())?;
    let text = lines.line(line);
    let width = line.to_string().len();
    writeln!(out, "{:width$} |", "")?;
    writeln!(out, "{line} | {text}")?;
    let last = if end_line == line {
        end_col.max(col + 1)
    } else {
        text.chars().count() + 1
    };
    let carets = "^".repeat(last.saturating_sub(col).max(1));
    writeln!(out, "{:width$} | {}{carets}", "", " ".repeat(col - 1))?;
    writeln!(out)
}

fn finding_json(path: &Path, lines: &Lines, a: &Analysis, k: usize) -> Value {
    let f = &a.findings[k];
    let (line, column) = lines.position(f.span.start);
    let (end_line, end_column) = lines.position(f.span.end);
    json!({
        "path": path.display().to_string(),
        "line": line, "column": column, "end_line": end_line, "end_column": end_column,
        "severity": severity_word(f.severity), "code": f.code.as_str(), "message": f.message,
    })
}

/// One file checked: findings rendered for people or as JSON, and counts of
/// errors, warnings and others.
struct Checked {
    human: String,
    json: Vec<Value>,
    counts: [usize; 3],
}

fn check_one(p: &Path, text: &str, config: &crate::config::Config, json_out: bool) -> Checked {
    let mut a = analyze(
        text,
        &config.options(Format::from_hint(&p.to_string_lossy())),
    );
    a.findings = config.apply(text, &a.findings);
    let lines = Lines::new(text);
    let mut c = Checked {
        human: String::new(),
        json: Vec::new(),
        counts: [0; 3],
    };
    let mut buf = Vec::new();
    for (k, f) in a.findings.iter().enumerate() {
        c.counts[match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            _ => 2,
        }] += 1;
        if json_out {
            c.json.push(finding_json(p, &lines, &a, k));
        } else {
            let _ = human(
                &mut buf,
                p,
                &lines,
                f.span,
                f.severity,
                f.code.as_str(),
                &f.message,
            );
        }
    }
    c.human = String::from_utf8_lossy(&buf).into_owned();
    c
}

/// A progress bar on stderr for many files, only when stderr is a terminal.
fn progress_bar(files: usize) -> Option<indicatif::ProgressBar> {
    use std::io::IsTerminal;
    if files < 2 || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:40} {pos}/{len} files {elapsed_precise} (eta {eta})",
    ) {
        bar.set_style(style);
    }
    Some(bar)
}

/// Runs `quoth check`. Returns the exit code: 0 clean, 1 a warning or error
/// found, 2 a usage or I/O problem (the other files are still checked).
pub fn check(paths: &[PathBuf], json_out: bool) -> u8 {
    let (files, mut problems) = collect(paths);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut all_json = Vec::new();
    let (mut errors, mut warnings, mut others) = (0usize, 0usize, 0usize);
    // Their settings are found in order (one thread walks the folders,
    // asking each file's size of the file system) while the files already
    // settled are read, analysed and rendered on every core, and the results
    // are written in the files' order, so the output is the same as
    // serially. (Each file is read on the thread that analyses it: a text
    // read on one thread and freed on another made the two threads wait on
    // each other's allocator locks.)
    let mut skipped = 0usize;
    let mut settings = crate::config::PerFile::default();
    let progress = progress_bar(files.len());
    let slots: Vec<std::sync::OnceLock<Result<Checked, String>>> = (0..files.len())
        .map(|_| std::sync::OnceLock::new())
        .collect();
    rayon::scope(|scope| {
        for (i, p) in files.iter().enumerate() {
            let len = match std::fs::metadata(p) {
                Ok(m) => usize::try_from(m.len()).unwrap_or(usize::MAX),
                Err(e) => {
                    // Said on stderr at the end; the other files go on.
                    problems.push(format!("{}: {e}", p.display()));
                    skipped += 1;
                    continue;
                }
            };
            let Some(config) = settings.for_file(p, len) else {
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                continue;
            };
            let (slot, progress) = (&slots[i], &progress);
            scope.spawn(move |_| {
                let checked = read_text(p).map(|text| check_one(p, &text, &config, json_out));
                let _ = slot.set(checked);
                if let Some(bar) = progress {
                    bar.inc(1);
                }
            });
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let results = slots
        .into_iter()
        .filter_map(std::sync::OnceLock::into_inner);
    for c in results {
        let c = match c {
            Ok(c) => c,
            Err(e) => {
                problems.push(e);
                skipped += 1;
                continue;
            }
        };
        errors += c.counts[0];
        warnings += c.counts[1];
        others += c.counts[2];
        let _ = out.write_all(c.human.as_bytes());
        all_json.extend(c.json);
    }
    if json_out {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&Value::Array(all_json)).unwrap_or_default()
        );
    } else {
        let checked = files.len() - skipped;
        let _ = writeln!(
            out,
            "checked {checked} file{}{}: {errors} error{}, {warnings} warning{}, {others} note{}",
            if checked == 1 { "" } else { "s" },
            if skipped > 0 {
                format!(" ({skipped} skipped)")
            } else {
                String::new()
            },
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" },
            if others == 1 { "" } else { "s" },
        );
    }
    let _ = out.flush();
    for e in &problems {
        eprintln!("quoth: {e}");
    }
    if !problems.is_empty() {
        2
    } else if errors + warnings > 0 {
        1
    } else {
        0
    }
}

/// Runs `quoth quotes`: who said what, one row per quotation.
pub fn quotes(path: &Path, json_out: bool) -> u8 {
    let text = match read_text(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("quoth: {e}");
            return 2;
        }
    };
    let mut settings = crate::config::PerFile::default();
    let options = settings.for_file(path, 0).map_or_else(
        || options_for(path),
        |c| c.options(Format::from_hint(&path.to_string_lossy())),
    );
    let a = analyze(&text, &options);
    let lines = Lines::new(&text);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json_out {
        let rows: Vec<Value> = a
            .quotations
            .iter()
            .map(|q| {
                let (line, column) = lines.position(q.span.start);
                let att = q.attribution.as_ref();
                json!({
                    "line": line, "column": column,
                    "text": &text[q.content.start..q.content.end],
                    "kind": q.kind,
                    "speaker": q.entity.map(|e| a.entities[e].name.clone()),
                    "mention": att.map(|t| { let s = a.mentions[t.mention].span; text[s.start..s.end].to_string() }),
                    "cue": att.and_then(|t| t.cue).map(|s| text[s.start..s.end].to_string()),
                    "method": att.map(|t| t.method),
                    "terminated": q.terminated,
                })
            })
            .collect();
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&rows).unwrap_or_default()
        );
    } else {
        let names: Vec<String> = a
            .quotations
            .iter()
            .map(|q| {
                speaker_label(
                    &a,
                    &text,
                    q.entity,
                    q.attribution.as_ref().map(|t| t.mention),
                )
            })
            .collect();
        let width = names
            .iter()
            .map(|n| n.chars().count())
            .max()
            .unwrap_or(0)
            .min(28);
        for (q, name) in a.quotations.iter().zip(&names) {
            let (line, _) = lines.position(q.span.start);
            let words = crate::analysis::preview(&text, q.content);
            let _ = writeln!(out, "{line:>5}  {name:<width$}  “{words}”");
        }
    }
    let _ = out.flush();
    0
}

fn speaker_label(
    a: &Analysis,
    text: &str,
    entity: Option<usize>,
    mention: Option<usize>,
) -> String {
    match (entity, mention) {
        (Some(e), _) => a.entities[e].name.clone(),
        (None, Some(m)) => {
            let s = a.mentions[m].span;
            format!("{}?", &text[s.start..s.end])
        }
        (None, None) => "(unattributed)".to_string(),
    }
}
