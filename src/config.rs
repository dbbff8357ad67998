//! Settings: `quoth.toml` (found upward from an article, read by both the
//! language server and `quoth check`) and the editor's settings
//! (`initializationOptions`, `workspace/didChangeConfiguration`).
//!
//! Each source becomes a [`Layer`]; [`Config::build`] stacks layers, later
//! ones winning for single values and lists adding up. A problem in one key
//! (or a syntax error on one line) is reported with its line and skipped;
//! the rest of the file still applies.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::Value;

use crate::analysis::{Finding, FindingCode, Format, Gender, KnownPerson, Options, Severity};

/// The configuration file's name.
pub const FILE_NAME: &str = "quoth.toml";
/// The plain-text ignore marker unless configured otherwise.
pub const DEFAULT_MARKER: &str = "[quoth: ignore]";
/// The Markdown ignore marker (an HTML comment, invisible when rendered);
/// honoured in every format.
pub const MARKDOWN_MARKER: &str = "<!-- quoth: ignore -->";
/// Documents larger than this many bytes are not analysed unless configured.
pub const DEFAULT_MAX_SIZE: usize = 32 * 1024 * 1024;
/// Language ids analysed unless configured.
pub const DEFAULT_LANGUAGES: [&str; 3] = ["plaintext", "markdown", "text"];

/// A person the article may quote, known before reading it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    /// "he", "she" or "they".
    pub pronouns: Option<String>,
}

/// What a diagnostic code is shown as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    fn parse(s: &str) -> Option<Level> {
        Some(match s.to_ascii_lowercase().as_str() {
            "off" | "none" | "ignore" | "allow" => Level::Off,
            "error" => Level::On(Severity::Error),
            "warning" | "warn" => Level::On(Severity::Warning),
            "information" | "info" => Level::On(Severity::Information),
            "hint" => Level::On(Severity::Hint),
            _ => return None,
        })
    }
}

/// One source of settings. `None` and empty lists mean "not set here".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layer {
    pub cues: Vec<String>,
    pub people: Vec<Person>,
    pub severity: Vec<(FindingCode, Level)>,
    pub languages: Option<Vec<String>>,
    pub ignore: Vec<String>,
    pub max_size: Option<usize>,
    pub ignore_marker: Option<String>,
    pub inlay_hints: Option<bool>,
    pub code_lens: Option<bool>,
}

/// Something wrong in a settings source; `line` is 1-based.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub line: Option<usize>,
    pub message: String,
}

impl Problem {
    /// "quoth.toml:3: …" style text, with `source` naming the file or setting.
    pub fn render(&self, source: &str) -> String {
        match self.line {
            Some(l) => format!("{source}:{l}: {}", self.message),
            None => format!("{source}: {}", self.message),
        }
    }
}

/// Lowercase with `-` and `_` dropped, so `max-size`, `max_size` and
/// `maxSize` are one key.
fn norm(key: &str) -> String {
    key.chars()
        .filter(|c| *c != '-' && *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

fn strings(v: &Value) -> Option<Vec<String>> {
    match v {
        Value::String(s) => Some(vec![s.clone()]),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect(),
        _ => None,
    }
}

/// Reads one settings object. `locate` turns a key path into a line for
/// problems (the TOML reader can; editor settings have no lines).
/// Unknown keys are problems only when `strict` (in `quoth.toml`): editor
/// settings sections also carry the client's own keys (`path`, `trace`).
fn layer_from_value(
    v: &Value,
    locate: &dyn Fn(&[String]) -> Option<usize>,
    strict: bool,
) -> (Layer, Vec<Problem>) {
    let mut layer = Layer::default();
    let mut problems = Vec::new();
    let Some(map) = v.as_object() else {
        // Lua (Neovim) sends an empty table as an empty array.
        if !v.is_null() && v.as_array().is_none_or(|a| !a.is_empty()) {
            problems.push(Problem {
                line: None,
                message: "settings must be an object".into(),
            });
        }
        return (layer, problems);
    };
    // VS Code and Neovim nest the settings under the server's name.
    if let Some(inner) = map.iter().find(|(k, _)| norm(k) == "quoth").map(|(_, v)| v) {
        return layer_from_value(inner, locate, strict);
    }
    for (key, value) in map {
        let path = [key.clone()];
        let mut bad = |what: &str| {
            problems.push(Problem {
                line: locate(&path),
                message: format!("`{key}` {what}; ignored"),
            })
        };
        match norm(key).as_str() {
            "cues" | "extracues" | "speechcues" => match strings(value) {
                Some(c) => layer.cues = c,
                None => bad("must be a list of words"),
            },
            "languages" | "languageids" | "enabledlanguages" => match strings(value) {
                Some(l) => layer.languages = Some(l),
                None => bad("must be a list of language ids"),
            },
            "ignore" | "ignoreglobs" | "exclude" => match strings(value) {
                Some(g) => layer.ignore = g,
                None => bad("must be a list of globs"),
            },
            "maxsize" | "sizecap" | "maxdocumentbytes" => match value.as_u64() {
                Some(n) => layer.max_size = Some(usize::try_from(n).unwrap_or(usize::MAX)),
                None => bad("must be a number of bytes"),
            },
            "ignoremarker" | "marker" => match value.as_str() {
                Some(m) if !m.trim().is_empty() => layer.ignore_marker = Some(m.trim().to_string()),
                _ => bad("must be a non-empty string"),
            },
            "inlayhints" => match flag(value) {
                Some(b) => layer.inlay_hints = Some(b),
                None => bad("must be true or false"),
            },
            "codelens" => match flag(value) {
                Some(b) => layer.code_lens = Some(b),
                None => bad("must be true or false"),
            },
            "severity" if value.as_array().is_some_and(|a| a.is_empty()) => {}
            "severity" => match value.as_object() {
                Some(codes) => {
                    for (code, level) in codes {
                        let path = [key.clone(), code.clone()];
                        let line = locate(&path);
                        let Some(c) = FindingCode::parse(code) else {
                            problems.push(Problem {
                                line,
                                message: format!(
                                    "unknown diagnostic code `{code}` (known: {}); ignored",
                                    FindingCode::ALL.map(|c| c.as_str()).join(", ")
                                ),
                            });
                            continue;
                        };
                        match level.as_str().and_then(Level::parse) {
                            Some(l) => layer.severity.push((c, l)),
                            None => problems.push(Problem {
                                line,
                                message: format!(
                                    "severity of `{code}` must be one of error, warning, information, hint, off; ignored"
                                ),
                            }),
                        }
                    }
                }
                None => bad("must be a table of code = severity"),
            },
            "people" | "knownpeople" => match value.as_array() {
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let path = [key.clone(), i.to_string()];
                        match person(item) {
                            Ok(p) => layer.people.push(p),
                            Err(why) => problems.push(Problem {
                                line: locate(&path),
                                message: format!("person {}: {why}; ignored", i + 1),
                            }),
                        }
                    }
                }
                None => bad("must be a list of people"),
            },
            _ if strict => problems.push(Problem {
                line: locate(&path),
                message: format!("unknown setting `{key}`; ignored"),
            }),
            _ => {}
        }
    }
    (layer, problems)
}

/// `true`, `false`, or `{ enable = … }` as VS Code nests it.
fn flag(v: &Value) -> Option<bool> {
    v.as_bool().or_else(|| {
        v.as_object()?
            .iter()
            .find(|(k, _)| matches!(norm(k).as_str(), "enable" | "enabled"))?
            .1
            .as_bool()
    })
}

fn person(v: &Value) -> Result<Person, String> {
    let map = v.as_object().ok_or("must be a table with a `name`")?;
    let mut p = Person::default();
    for (key, value) in map {
        match norm(key).as_str() {
            "name" => {
                p.name = value
                    .as_str()
                    .ok_or("`name` must be a string")?
                    .trim()
                    .into()
            }
            "aliases" | "alias" => p.aliases = strings(value).ok_or("`aliases` must be a list")?,
            "role" | "roles" => {
                p.role = Some(value.as_str().ok_or("`role` must be a string")?.into())
            }
            "pronouns" | "pronoun" => {
                let s = value.as_str().ok_or("`pronouns` must be a string")?;
                let first = s
                    .split('/')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                if !matches!(first.as_str(), "he" | "she" | "they") {
                    return Err(format!("pronouns `{s}` should be he, she or they"));
                }
                p.pronouns = Some(first);
            }
            _ => return Err(format!("unknown field `{key}`")),
        }
    }
    if p.name.is_empty() {
        return Err("`name` is missing".into());
    }
    Ok(p)
}

/// Editor settings (`initializationOptions`, `didChangeConfiguration`).
pub fn parse_json(v: &Value) -> (Layer, Vec<Problem>) {
    layer_from_value(v, &|_| None, false)
}

/// The line (1-based) where a key path is written in TOML text, found by
/// looking for each segment in turn; a number picks the nth `[[table]]`.
fn locate(text: &str, path: &[String]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut at = 0;
    let mut found = None;
    let mut previous: Option<&str> = None;
    for seg in path {
        if let (Ok(n), Some(table)) = (seg.parse::<usize>(), previous) {
            let header = format!("[[{table}]]");
            let hits: Vec<usize> = (at..lines.len())
                .filter(|&i| lines[i].trim().replace(' ', "") == header)
                .collect();
            if let Some(&i) = hits.get(n) {
                at = i;
                found = Some(i);
            }
            continue;
        }
        let i = (at..lines.len()).find(|&i| {
            let t = lines[i].trim_start().trim_start_matches('[').trim_start();
            let t = t.trim_start_matches('"');
            t.starts_with(seg.as_str())
                && t[seg.len()..]
                    .trim_start_matches('"')
                    .trim_start()
                    .starts_with(['=', ']', '.'])
        })?;
        at = i;
        found = Some(i);
        previous = Some(seg);
    }
    found.map(|i| i + 1)
}

/// Reads `quoth.toml` text. A syntax error blanks its line and the rest is
/// read again, so one typo costs one line, not the file.
pub fn parse_toml(text: &str) -> (Layer, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for _ in 0..50 {
        let current = lines.join("\n");
        match toml::from_str::<toml::Table>(&current) {
            Ok(table) => {
                let value = serde_json::to_value(&table).unwrap_or(Value::Null);
                let (layer, more) = layer_from_value(&value, &|p| locate(&current, p), true);
                problems.extend(more);
                problems.sort_by_key(|p| p.line);
                return (layer, problems);
            }
            Err(e) => {
                let line = e
                    .span()
                    .map(|s| current[..s.start.min(current.len())].matches('\n').count());
                let message = e.message().trim().to_string();
                problems.push(Problem {
                    line: line.map(|l| l + 1),
                    message: format!("{message}; this line is ignored"),
                });
                match line {
                    Some(l) if l < lines.len() && !lines[l].is_empty() => lines[l].clear(),
                    _ => break,
                }
            }
        }
    }
    problems.sort_by_key(|p| p.line);
    (Layer::default(), problems)
}

/// `quoth.toml` in `dir` or the nearest folder above it.
pub fn find_file(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

/// A `quoth.toml` as read from disk.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub path: PathBuf,
    pub layer: Layer,
    pub problems: Vec<Problem>,
}

/// The `quoth.toml` that applies to an article at `path` (searched from its
/// folder upward), read and parsed.
pub fn load_for(path: &Path) -> Option<Loaded> {
    let dir = if path.is_dir() { path } else { path.parent()? };
    Some(load_file(find_file(dir)?))
}

/// The `quoth.toml` at `file`, read and parsed (a file that cannot be read
/// is a problem reported with empty settings).
fn load_file(file: PathBuf) -> Loaded {
    let (layer, problems) = match std::fs::read_to_string(&file) {
        Ok(text) => parse_toml(&text),
        Err(e) => (
            Layer::default(),
            vec![Problem {
                line: None,
                message: format!("cannot read: {e}"),
            }],
        ),
    };
    Loaded {
        path: file,
        layer,
        problems,
    }
}

/// The settings in force for one document.
#[derive(Clone, Debug)]
pub struct Config {
    pub cues: Vec<String>,
    pub people: Vec<Person>,
    pub severity: HashMap<FindingCode, Level>,
    pub languages: Vec<String>,
    pub max_size: usize,
    pub ignore_marker: String,
    pub inlay_hints: bool,
    pub code_lens: bool,
    /// Each layer's ignore globs with the folder they are relative to.
    ignore: Vec<(GlobSet, Option<PathBuf>)>,
    /// The ignore globs as written, for display.
    pub ignore_patterns: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config::build(&[]).0
    }
}

impl Config {
    /// Stacks `layers` in order (later wins); each comes with the folder its
    /// ignore globs are relative to (`None`: globs match anywhere).
    pub fn build(layers: &[(&Layer, Option<&Path>)]) -> (Config, Vec<Problem>) {
        let mut problems = Vec::new();
        let mut config = Config {
            cues: Vec::new(),
            people: Vec::new(),
            severity: HashMap::new(),
            languages: DEFAULT_LANGUAGES.map(str::to_string).to_vec(),
            max_size: DEFAULT_MAX_SIZE,
            ignore_marker: DEFAULT_MARKER.to_string(),
            inlay_hints: true,
            code_lens: true,
            ignore: Vec::new(),
            ignore_patterns: Vec::new(),
        };
        for (layer, base) in layers {
            for c in &layer.cues {
                if !config.cues.contains(c) {
                    config.cues.push(c.clone());
                }
            }
            for p in &layer.people {
                config.people.retain(|q| q.name != p.name);
                config.people.push(p.clone());
            }
            for &(code, level) in &layer.severity {
                config.severity.insert(code, level);
            }
            if let Some(l) = &layer.languages {
                config.languages = l.clone();
            }
            if let Some(n) = layer.max_size {
                config.max_size = n;
            }
            if let Some(m) = &layer.ignore_marker {
                config.ignore_marker = m.clone();
            }
            if let Some(b) = layer.inlay_hints {
                config.inlay_hints = b;
            }
            if let Some(b) = layer.code_lens {
                config.code_lens = b;
            }
            if !layer.ignore.is_empty() {
                let mut set = GlobSetBuilder::new();
                for g in &layer.ignore {
                    match Glob::new(g) {
                        Ok(glob) => {
                            set.add(glob);
                            config.ignore_patterns.push(g.clone());
                        }
                        Err(e) => problems.push(Problem {
                            line: None,
                            message: format!("ignore glob `{g}`: {e}; ignored"),
                        }),
                    }
                }
                if let Ok(set) = set.build() {
                    config.ignore.push((set, base.map(Path::to_path_buf)));
                }
            }
        }
        (config, problems)
    }

    /// Analysis options for a document of `format`.
    // `..Default::default()` keeps this compiling when the core adds options.
    #[allow(clippy::needless_update)]
    pub fn options(&self, format: Format) -> Options {
        Options {
            format,
            extra_cues: self.cues.clone(),
            known_people: self
                .people
                .iter()
                .map(|p| KnownPerson {
                    name: p.name.clone(),
                    aliases: p.aliases.clone(),
                    role: p.role.clone(),
                    gender: p.pronouns.as_deref().map(|x| match x {
                        "he" => Gender::Male,
                        "she" => Gender::Female,
                        _ => Gender::Unknown,
                    }),
                })
                .collect(),
        }
    }

    /// True when an ignore glob matches `path` (relative to the glob's
    /// folder, or by file name, or as a whole).
    pub fn is_ignored(&self, path: &Path) -> bool {
        self.ignore.iter().any(|(set, base)| {
            let relative = base.as_deref().and_then(|b| path.strip_prefix(b).ok());
            relative.is_some_and(|r| set.is_match(r))
                || path.file_name().is_some_and(|n| set.is_match(n))
                || set.is_match(path)
        })
    }

    pub fn accepts_language(&self, language_id: &str) -> bool {
        language_id.is_empty() || self.languages.iter().any(|l| l == language_id)
    }

    /// The findings users see: severities overridden, codes switched off
    /// and findings in paragraphs that carry an ignore marker dropped.
    pub fn apply(&self, text: &str, findings: &[Finding]) -> Vec<Finding> {
        let ignored = ignored_paragraphs(text, &self.ignore_marker);
        findings
            .iter()
            .filter(|f| {
                !ignored
                    .iter()
                    .any(|&(s, e)| s <= f.span.start && f.span.start < e)
            })
            .filter_map(|f| match self.severity.get(&f.code) {
                Some(Level::Off) => None,
                Some(&Level::On(s)) => Some(Finding {
                    severity: s,
                    ..f.clone()
                }),
                None => Some(f.clone()),
            })
            .collect()
    }
}

/// `quoth check`'s view: each file's `quoth.toml`, read once per file and
/// its problems reported once on stderr.
#[derive(Default)]
pub struct PerFile {
    by_file: HashMap<PathBuf, Config>,
    none: Option<Config>,
    /// The `quoth.toml` that applies in each folder seen (the search up
    /// the folders is made once per folder, not once per article).
    found: HashMap<PathBuf, Option<PathBuf>>,
}

impl PerFile {
    /// The configuration for the article at `path` of `len` bytes, or
    /// `None` (with a note on stderr) when it is ignored or too large.
    pub fn for_file(&mut self, path: &Path, len: usize) -> Option<Config> {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let file = match absolute.parent() {
            Some(dir) => self
                .found
                .entry(dir.to_path_buf())
                .or_insert_with_key(|dir| find_file(dir))
                .clone(),
            None => None,
        };
        let config = match file {
            None => self.none.get_or_insert_with(Config::default).clone(),
            Some(file) => {
                if let Some(c) = self.by_file.get(&file) {
                    c.clone()
                } else {
                    let loaded = load_file(file);
                    let base = loaded.path.parent();
                    let (c, more) = Config::build(&[(&loaded.layer, base)]);
                    let shown = loaded.path.display().to_string();
                    for p in loaded.problems.iter().chain(&more) {
                        eprintln!("quoth: warning: {}", p.render(&shown));
                    }
                    self.by_file.insert(loaded.path.clone(), c.clone());
                    c
                }
            }
        };
        if config.is_ignored(&absolute) {
            return None;
        }
        if len > config.max_size {
            eprintln!(
                "quoth: {}: skipped, {len} bytes is over the size cap of {} (max-size)",
                path.display(),
                config.max_size
            );
            return None;
        }
        Some(config)
    }
}

/// The byte ranges of paragraphs (runs of non-blank lines).
pub fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (false, None) => start = Some(offset),
            (true, Some(s)) => {
                out.push((s, offset));
                start = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

/// The paragraph around byte `offset` (an empty range at a blank line).
pub fn paragraph_at(text: &str, offset: usize) -> (usize, usize) {
    paragraphs(text)
        .into_iter()
        .find(|&(s, e)| s <= offset && offset < e.max(s + 1))
        .unwrap_or((offset, offset))
}

/// Whether `paragraph` carries an ignore marker (`marker` or the Markdown
/// comment, spaces inside the comment optional).
pub fn has_marker(paragraph: &str, marker: &str) -> bool {
    if paragraph.contains(marker) {
        return true;
    }
    let mut rest = paragraph;
    while let Some(i) = rest.find("<!--") {
        let after = &rest[i + 4..];
        let Some(end) = after.find("-->") else { break };
        let body: String = after[..end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if body == "quoth: ignore" || body == "quoth:ignore" {
            return true;
        }
        rest = &after[end..];
    }
    false
}

fn ignored_paragraphs(text: &str, marker: &str) -> Vec<(usize, usize)> {
    if !text.contains(marker) && !text.contains("<!--") {
        return Vec::new();
    }
    paragraphs(text)
        .into_iter()
        .filter(|&(s, e)| has_marker(&text[s..e], marker))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Span;

    const FILE: &str = r#"# settings for the newsroom
cues = ["quipped", "thundered"]
max-size = 2000

[severity]
unattributed-quote = "error"
context-attribution = "loud"

[[people]]
name = "Qin Gang"
aliases = ["Qin", "the Chinese FM"]
role = "Chinese Foreign Minister"
pronouns = "he"

[[people]]
nom = "Nobody"
"#;

    #[test]
    fn toml_file_reads_with_problems_on_their_lines() {
        let (layer, problems) = parse_toml(FILE);
        assert_eq!(layer.cues, ["quipped", "thundered"]);
        assert_eq!(layer.max_size, Some(2000));
        assert_eq!(
            layer.severity,
            [(FindingCode::UnattributedQuote, Level::On(Severity::Error))]
        );
        assert_eq!(layer.people.len(), 1);
        assert_eq!(layer.people[0].aliases, ["Qin", "the Chinese FM"]);
        assert_eq!(layer.people[0].pronouns.as_deref(), Some("he"));
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(7), Some(15)], "{problems:?}");
    }

    #[test]
    fn a_syntax_error_costs_one_line() {
        let (layer, problems) =
            parse_toml("cues = [\"quipped\"]\nmax-size = = 3\ninlay-hints = false\n");
        assert_eq!(layer.cues, ["quipped"]);
        assert_eq!(layer.inlay_hints, Some(false));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, Some(2));
    }

    #[test]
    fn editor_settings_nest_and_later_layers_win() {
        let (file, _) = parse_toml("inlay-hints = false\ncues = [\"quipped\"]\n");
        let (editor, problems) = parse_json(&serde_json::json!({
            "quoth": {
                "inlayHints": { "enable": true }, "cues": ["mused"], "maxSize": 10,
                "path": "quoth", "trace": { "server": "off" }
            }
        }));
        assert!(problems.is_empty());
        // Neovim's empty Lua tables arrive as empty arrays.
        let (empty, problems) = parse_json(&serde_json::json!({ "quoth": [] }));
        assert!(problems.is_empty() && empty == Layer::default());
        let (_, problems) = parse_json(&serde_json::json!({ "severity": [] }));
        assert!(problems.is_empty());
        let (c, _) = Config::build(&[(&editor, None), (&file, None)]);
        assert!(!c.inlay_hints);
        assert_eq!(c.cues, ["mused", "quipped"]);
        assert_eq!(c.max_size, 10);
    }

    #[test]
    fn ignore_globs_match_relative_paths_and_names() {
        let layer = Layer {
            ignore: vec!["drafts/**".into(), "*.notes.md".into()],
            ..Default::default()
        };
        let (c, _) = Config::build(&[(&layer, Some(Path::new("/news")))]);
        assert!(c.is_ignored(Path::new("/news/drafts/a.md")));
        assert!(c.is_ignored(Path::new("/elsewhere/x.notes.md")));
        assert!(!c.is_ignored(Path::new("/news/final/a.md")));
    }

    #[test]
    fn markers_silence_their_paragraph_only() {
        let text = "“One.” [quoth: ignore]\n\n“Two.”\n\n“Three.” <!--quoth:  ignore-->\n";
        let finding = |s: &str| Finding {
            span: Span::new(text.find(s).unwrap(), text.find(s).unwrap() + s.len()),
            code: FindingCode::UnattributedQuote,
            severity: Severity::Warning,
            message: String::new(),
            quotation: None,
        };
        let all = [finding("“One.”"), finding("“Two.”"), finding("“Three.”")];
        let kept = Config::default().apply(text, &all);
        assert_eq!(kept, [finding("“Two.”")]);
    }
}
