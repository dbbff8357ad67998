//! Code actions that fix attributions: "Attribute to <candidate>" and "Mark
//! as intentionally unattributed" on an unattributed quotation, "Close the
//! quotation" on an unterminated one, and "Use curly quotes" for a
//! quotation or the whole document. Every fix is a workspace edit the
//! editor applies; nothing here writes files.

use std::collections::HashMap;

use ropey::Rope;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Diagnostic, TextEdit, Uri, WorkspaceEdit,
};

use super::position::{span_to_range, Encoding};
use crate::analysis::{AttributionMethod, EntityKind, FindingCode, Format, Span};
use crate::config::{paragraph_at, Config, MARKDOWN_MARKER};

use crate::analysis::Analysis;

/// How many speakers "Attribute to" offers.
const CANDIDATES: usize = 3;

/// An edit in bytes, before conversion.
type Edit = (Span, String);

/// Everything an action needs about the document.
pub struct Doc<'a> {
    pub uri: &'a Uri,
    pub rope: &'a Rope,
    pub text: &'a str,
    pub analysis: &'a Analysis,
    pub config: &'a Config,
    pub format: Format,
    pub enc: Encoding,
}

impl Doc<'_> {
    fn action(
        &self,
        title: String,
        kind: CodeActionKind,
        edits: Vec<Edit>,
        fixes: Option<&Diagnostic>,
        preferred: bool,
    ) -> CodeActionOrCommand {
        let edits: Vec<TextEdit> = edits
            .into_iter()
            .map(|(span, new_text)| {
                TextEdit::new(span_to_range(self.rope, span, self.enc), new_text)
            })
            .collect();
        CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(kind),
            diagnostics: fixes.map(|d| vec![d.clone()]),
            edit: Some(WorkspaceEdit {
                changes: Some(HashMap::from([(self.uri.clone(), edits)])),
                ..Default::default()
            }),
            is_preferred: preferred.then_some(true),
            ..Default::default()
        })
    }
}

/// The code actions for the byte range `start..end`; `diagnostics` are the
/// ones the client sent (matched to findings to link each fix to its
/// diagnostic).
pub fn code_actions(
    doc: &Doc,
    (start, end): (usize, usize),
    diagnostics: &[Diagnostic],
) -> Vec<CodeActionOrCommand> {
    let mut out = Vec::new();
    let findings = doc.config.apply(doc.text, &doc.analysis.findings);
    for f in findings
        .iter()
        .filter(|f| f.span.start <= end && start <= f.span.end)
    {
        let range = span_to_range(doc.rope, f.span, doc.enc);
        let diagnostic = diagnostics.iter().find(|d| {
            d.range == range
                && d.code.as_ref().is_some_and(|c| {
                    *c == tower_lsp_server::ls_types::NumberOrString::String(f.code.as_str().into())
                })
        });
        match f.code {
            FindingCode::UnattributedQuote => {
                let q = f.quotation.unwrap_or(usize::MAX);
                let Some(quotation) = doc.analysis.quotations.get(q) else {
                    continue;
                };
                for (i, name) in candidates(doc, quotation.span.start)
                    .into_iter()
                    .enumerate()
                {
                    let edits = attribute(doc, q, &name);
                    out.push(doc.action(
                        format!("Attribute to {name}"),
                        CodeActionKind::QUICKFIX,
                        edits,
                        diagnostic,
                        i == 0,
                    ));
                }
                out.push(doc.action(
                    "Mark as intentionally unattributed".into(),
                    CodeActionKind::QUICKFIX,
                    vec![ignore_marker(doc, quotation.span.start)],
                    diagnostic,
                    false,
                ));
            }
            FindingCode::UnterminatedQuote => {
                let open_at = f
                    .quotation
                    .and_then(|q| doc.analysis.quotations.get(q))
                    .map_or(f.span.start, |q| q.span.start);
                if let Some(edit) = close(doc.text, open_at) {
                    out.push(doc.action(
                        "Close the quotation".into(),
                        CodeActionKind::QUICKFIX,
                        vec![edit],
                        diagnostic,
                        true,
                    ));
                }
            }
            _ => {}
        }
    }
    // Curly quotes for the quotation under the cursor, then the document.
    if let Some(q) = doc.analysis.quotation_at(start) {
        let edits = curl(doc.text, doc.format, doc.analysis.quotations[q].span);
        if !edits.is_empty() {
            out.push(doc.action(
                "Use curly quotes in this quotation".into(),
                CodeActionKind::REFACTOR_REWRITE,
                edits,
                None,
                false,
            ));
        }
    }
    let all = curl(doc.text, doc.format, Span::new(0, doc.text.len()));
    if !all.is_empty() {
        out.push(doc.action(
            "Use curly quotes in the whole document (apostrophes too)".into(),
            CodeActionKind::REFACTOR_REWRITE,
            all,
            None,
            false,
        ));
    }
    out
}

/// The likely speakers of a quotation at `at`: people and sources
/// mentioned before it, nearest first, then known people from the settings.
fn candidates(doc: &Doc, at: usize) -> Vec<String> {
    let a = doc.analysis;
    let mut last_seen: Vec<(usize, usize)> = a
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind != EntityKind::Unnamed || !e.quotations.is_empty())
        .filter_map(|(i, e)| {
            let last = e
                .mentions
                .iter()
                .filter_map(|&m| a.mentions.get(m))
                .filter(|m| m.span.end <= at)
                .map(|m| m.span.start)
                .max()?;
            Some((last, i))
        })
        .collect();
    last_seen.sort_unstable_by(|x, y| y.cmp(x));
    let mut names: Vec<String> = last_seen
        .into_iter()
        .map(|(_, i)| short_name(&a.entities[i].name, a.entities[i].kind))
        .collect();
    for p in &doc.config.people {
        names.push(p.name.clone());
    }
    let mut seen = Vec::new();
    names.retain(|n| {
        let fresh = !seen.contains(n);
        seen.push(n.clone());
        fresh
    });
    names.truncate(CANDIDATES);
    names
}

/// News style names an introduced person by surname.
fn short_name(name: &str, kind: EntityKind) -> String {
    match kind {
        EntityKind::Person if name.split_whitespace().count() > 1 => {
            name.split_whitespace().last().unwrap_or(name).to_string()
        }
        _ => name.to_string(),
    }
}

/// Whether the article writes "said X" more often than "X said".
fn inverted_style(a: &Analysis) -> bool {
    let (mut inverted, mut plain) = (0, 0);
    for q in &a.quotations {
        let Some(att) = &q.attribution else { continue };
        let (Some(cue), Some(m)) = (att.cue, a.mentions.get(att.mention)) else {
            continue;
        };
        if att.method != AttributionMethod::Cue {
            continue;
        }
        if cue.start < m.span.start {
            inverted += 1;
        } else {
            plain += 1;
        }
    }
    inverted > plain
}

/// The edits that credit quotation `q` to `name` in the article's style:
/// “We will.” → “We will,” Lee said.
fn attribute(doc: &Doc, q: usize, name: &str) -> Vec<Edit> {
    let quotation = &doc.analysis.quotations[q];
    let text = doc.text;
    let phrase = if inverted_style(doc.analysis) {
        format!("said {name}")
    } else {
        format!("{name} said")
    };
    let close = quotation.span.end.min(text.len());
    let inner =
        text[quotation.content.start.min(close)..quotation.content.end.min(close)].trim_end();
    let inner_end = quotation.content.start + inner.len();
    let after = &text[close..];
    let next = after.chars().next();
    let sentence_goes_on = after
        .trim_start_matches([' ', '\t'])
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase() || c == ',');
    match inner.chars().last() {
        Some('.') => vec![
            (Span::new(inner_end - 1, inner_end), ",".into()),
            (Span::new(close, close), format!(" {phrase}.")),
        ],
        Some(',') if sentence_goes_on => vec![(Span::new(close, close), format!(" {phrase},"))],
        Some(',') => vec![(Span::new(close, close), format!(" {phrase}."))],
        Some('?' | '!') => vec![(Span::new(close, close), format!(" {phrase}."))],
        _ if next == Some('.') || next == Some(',') => {
            vec![(Span::new(close, close), format!(", {phrase}"))]
        }
        _ => vec![(Span::new(close, close), format!(", {phrase}."))],
    }
}

/// The end of the paragraph around `at`, before trailing whitespace.
fn paragraph_end(text: &str, at: usize) -> usize {
    let (s, e) = paragraph_at(text, at);
    s + text[s..e].trim_end().len()
}

/// The ignore marker at the end of the quotation's paragraph.
fn ignore_marker(doc: &Doc, at: usize) -> Edit {
    let end = paragraph_end(doc.text, at);
    let marker = match doc.format {
        Format::Markdown => MARKDOWN_MARKER,
        Format::PlainText => doc.config.ignore_marker.as_str(),
    };
    (Span::new(end, end), format!(" {marker}"))
}

/// The closing mark for the opening mark at `open_at`, at the end of its
/// paragraph.
fn close(text: &str, open_at: usize) -> Option<Edit> {
    let open = text.get(open_at..)?.chars().next()?;
    let closing = match open {
        '“' => '”',
        '‘' => '’',
        '«' => '»',
        '»' => '«',
        '„' => '“',
        '‚' => '‘',
        '‹' => '›',
        '"' | '\'' | '”' | '’' => open,
        _ => return None,
    };
    let end = paragraph_end(text, open_at).max(open_at + open.len_utf8());
    Some((Span::new(end, end), closing.to_string()))
}

/// Byte ranges of a Markdown document that are not prose: front matter,
/// fenced code, inline code, HTML tags and comments, link targets.
fn not_prose(text: &str, format: Format) -> Vec<(usize, usize)> {
    if format != Format::Markdown {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(usize, &str)> = None;
    let mut front = text.starts_with("---");
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let t = line.trim();
        if front {
            out.push((offset, offset + line.len()));
            if n > 0 && (t == "---" || t == "...") {
                front = false;
            }
        } else if let Some((start, marker)) = fence {
            if t.starts_with(marker) {
                out.push((start, offset + line.len()));
                fence = None;
            }
        } else if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some((offset, &t[..3]));
        } else {
            let mut chars = line.char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                let close = match c {
                    '`' => Some('`'),
                    '<' => Some('>'),
                    '(' if i > 0 && line[..i].ends_with(']') => Some(')'),
                    _ => None,
                };
                if let Some(close) = close {
                    if let Some(j) = line[i + 1..].find(close) {
                        out.push((offset + i, offset + i + 1 + j + 1));
                        while chars.peek().is_some_and(|&(k, _)| k <= i + j + 1) {
                            chars.next();
                        }
                    }
                }
            }
        }
        offset += line.len();
    }
    if let Some((start, _)) = fence {
        out.push((start, text.len()));
    }
    out
}

/// Edits turning straight quotes and apostrophes inside `within` into
/// curly ones: an opening mark after a space, a bracket, a dash or the
/// start; an apostrophe or closing mark elsewhere.
pub fn curl(text: &str, format: Format, within: Span) -> Vec<Edit> {
    let skip = not_prose(text, format);
    let end = within.end.min(text.len());
    let start = within.start.min(end);
    let mut edits = Vec::new();
    let mut prev: Option<char> = text[..start].chars().next_back();
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if (c == '"' || c == '\'') && !skip.iter().any(|&(s, e)| s <= at && at < e) {
            let next = text[at + 1..].chars().next();
            let opening = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘".contains(p));
            let curly = match c {
                '"' if opening => "“",
                '"' => "”",
                _ if opening && !next.is_some_and(|n| n.is_ascii_digit()) => "‘",
                _ => "’",
            };
            edits.push((Span::new(at, at + 1), curly.to_string()));
        }
        prev = Some(c);
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(text: &str, mut edits: Vec<Edit>) -> String {
        edits.sort_by_key(|(s, _)| std::cmp::Reverse(s.start));
        let mut out = text.to_string();
        for (s, t) in edits {
            out.replace_range(s.start..s.end, &t);
        }
        out
    }

    #[test]
    fn curly_quotes_and_apostrophes() {
        let text = "\"It's the '90s,\" she said. 'No.' (\"Yes\")";
        let edits = curl(text, Format::PlainText, Span::new(0, text.len()));
        assert_eq!(
            apply(text, edits),
            "“It’s the ’90s,” she said. ‘No.’ (“Yes”)"
        );
    }

    #[test]
    fn markdown_code_and_html_keep_straight_quotes() {
        let text =
            "---\ntitle: \"x\"\n---\n\"Hi\" `a \"b\"` <a href=\"u\">[l](\"t\")\n```\n\"c\"\n```\n";
        let out = apply(text, curl(text, Format::Markdown, Span::new(0, text.len())));
        assert_eq!(
            out,
            "---\ntitle: \"x\"\n---\n“Hi” `a \"b\"` <a href=\"u\">[l](\"t\")\n```\n\"c\"\n```\n"
        );
    }

    #[test]
    fn closing_goes_at_the_paragraph_end() {
        let text = "She said: “We will stay  \nuntil Friday.\n\nNext.";
        let (span, mark) = close(text, text.find('“').unwrap()).unwrap();
        assert_eq!(mark, "”");
        assert_eq!(
            &text[..span.start],
            "She said: “We will stay  \nuntil Friday."
        );
    }

    /// Every feature at every char boundary of randomly assembled articles,
    /// in both formats and encodings: nothing may panic and every edit must
    /// land inside the document.
    #[test]
    fn every_feature_anywhere_never_panics() {
        use super::super::{navigate, workspace};
        use crate::analysis::{analyze, Options};
        use tower_lsp_server::ls_types::Uri;

        let pieces = [
            "\"",
            "'",
            "“",
            "”",
            "‘",
            "’",
            "«",
            "»",
            "„",
            "\n",
            "\n\n",
            "\r\n",
            "😀",
            "東京",
            " she said",
            " Ann Lee",
            " Minister Bo Chen said",
            ". ",
            ",",
            "`",
            "<!-- quoth: ignore -->",
            "[quoth: ignore]",
            "<b>",
            "---\n",
            "```\n",
            "it's ",
            "the minister",
            "",
        ];
        let mut seed: u64 = 0xfea7;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        let uri: Uri = "file:///tmp/fuzz.md".parse().unwrap();
        let config = Config::default();
        for round in 0..60 {
            let mut text = String::new();
            for _ in 0..next(40) {
                text.push_str(pieces[next(pieces.len() as u64) as usize]);
            }
            let format = if round % 2 == 0 {
                Format::Markdown
            } else {
                Format::PlainText
            };
            let enc = if round % 3 == 0 {
                Encoding::Utf8
            } else {
                Encoding::Utf16
            };
            let analysis = analyze(
                &text,
                &Options {
                    format,
                    ..Default::default()
                },
            );
            let rope = Rope::from_str(&text);
            let doc = Doc {
                uri: &uri,
                rope: &rope,
                text: &text,
                analysis: &analysis,
                config: &config,
                format,
                enc,
            };
            let end = super::super::position::offset_to_position(&rope, text.len(), enc);
            navigate::semantic_tokens(&rope, &analysis, enc);
            navigate::code_lenses(&rope, &analysis, &uri, enc);
            workspace::symbols_of(&uri, &rope, &analysis, enc);
            navigate::inlay_hints(&rope, &analysis, (0, text.len()), enc);
            let boundaries: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .collect();
            for &at in &boundaries {
                navigate::definition(&rope, &analysis, at, enc);
                navigate::highlights(&rope, &analysis, at, enc);
                for action in code_actions(&doc, (at, (at + 7).min(text.len())), &[]) {
                    let CodeActionOrCommand::CodeAction(action) = action else {
                        continue;
                    };
                    let changes = action.edit.unwrap().changes.unwrap();
                    for edit in &changes[&uri] {
                        assert!(
                            edit.range.start <= edit.range.end && edit.range.end <= end,
                            "{edit:?} in {text:?}"
                        );
                    }
                }
            }
        }
    }
}
