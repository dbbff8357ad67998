//! Moving through an article by speaker: go to definition (a speaker's
//! first full introduction), references and highlights (every mention and
//! every quotation of theirs), inlay hints after cue words that are not the
//! full name, semantic tokens and code lenses. Pure functions of (text,
//! analysis, encoding), computed from the public `Analysis` only.

use ropey::Rope;
use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeLens, Command, DocumentHighlight, DocumentHighlightKind, InlayHint, InlayHintLabel,
    InlayHintTooltip, Location, SemanticToken, SemanticTokenModifier, SemanticTokenType,
    SemanticTokensLegend, Uri,
};

use super::position::{offset_to_position, span_to_range, Encoding};
use crate::analysis::{Analysis, EntityKind, Resolution, Span};

/// The command a code lens runs: arguments `[uri, position, locations]`,
/// the shape of VS Code's `editor.action.showReferences`.
pub const SHOW_QUOTATIONS: &str = "quoth.showQuotations";

fn text_of(rope: &Rope, span: Span) -> String {
    let end = span.end.min(rope.len_bytes());
    let start = span.start.min(end);
    rope.slice(rope.byte_to_char(start)..rope.byte_to_char(end))
        .to_string()
}

/// The speaker at `offset`: a mention's entity, else the speaker of the
/// quotation there.
pub fn speaker_at(analysis: &Analysis, offset: usize) -> Option<usize> {
    if let Some(m) = analysis.mention_at(offset) {
        if let Some(e) = analysis.mentions[m].entity {
            return Some(e);
        }
    }
    analysis
        .quotations
        .get(analysis.quotation_at(offset)?)?
        .entity
}

/// Entity `e`'s introduction: its first full-name mention, else its first.
pub fn introduction(analysis: &Analysis, e: usize) -> Option<usize> {
    let entity = analysis.entities.get(e)?;
    let valid = |&&m: &&usize| m < analysis.mentions.len();
    entity
        .mentions
        .iter()
        .filter(valid)
        .find(|&&m| analysis.mentions[m].resolution == Some(Resolution::FullName))
        .or_else(|| entity.mentions.iter().find(valid))
        .copied()
}

pub fn definition(
    rope: &Rope,
    analysis: &Analysis,
    offset: usize,
    enc: Encoding,
) -> Option<(Span, tower_lsp_server::ls_types::Range)> {
    let e = speaker_at(analysis, offset)?;
    let m = introduction(analysis, e)?;
    let span = analysis.mentions[m].span;
    Some((span, span_to_range(rope, span, enc)))
}

/// Every mention of the speaker at `offset` and every quotation of theirs,
/// in document order; the introduction is left out unless `declaration`.
pub fn reference_spans(analysis: &Analysis, offset: usize, declaration: bool) -> Vec<(Span, bool)> {
    let Some(e) = speaker_at(analysis, offset) else {
        return Vec::new();
    };
    let intro = introduction(analysis, e);
    let entity = &analysis.entities[e];
    let mut spans: Vec<(Span, bool)> = entity
        .mentions
        .iter()
        .filter(|&&m| declaration || Some(m) != intro)
        .filter_map(|&m| Some((analysis.mentions.get(m)?.span, Some(m) == intro)))
        .collect();
    spans.extend(
        entity
            .quotations
            .iter()
            .filter_map(|&q| Some((analysis.quotations.get(q)?.span, false))),
    );
    spans.sort_by_key(|(s, _)| *s);
    spans.dedup_by_key(|(s, _)| *s);
    spans
}

pub fn references(
    rope: &Rope,
    analysis: &Analysis,
    uri: &Uri,
    offset: usize,
    declaration: bool,
    enc: Encoding,
) -> Vec<Location> {
    reference_spans(analysis, offset, declaration)
        .into_iter()
        .map(|(s, _)| Location::new(uri.clone(), span_to_range(rope, s, enc)))
        .collect()
}

pub fn highlights(
    rope: &Rope,
    analysis: &Analysis,
    offset: usize,
    enc: Encoding,
) -> Vec<DocumentHighlight> {
    let quotations: Vec<Span> = analysis.quotations.iter().map(|q| q.span).collect();
    reference_spans(analysis, offset, true)
        .into_iter()
        .map(|(s, intro)| DocumentHighlight {
            range: span_to_range(rope, s, enc),
            kind: Some(if intro {
                DocumentHighlightKind::WRITE
            } else if quotations.binary_search(&s).is_ok() {
                DocumentHighlightKind::TEXT
            } else {
                DocumentHighlightKind::READ
            }),
        })
        .collect()
}

/// After each mention that a quotation is attributed through and that does
/// not spell out the speaker's name ("he", "the diplomat", a surname), the
/// name it resolves to; only mentions inside `start..end`.
pub fn inlay_hints(
    rope: &Rope,
    analysis: &Analysis,
    (start, end): (usize, usize),
    enc: Encoding,
) -> Vec<InlayHint> {
    let mut cue_mentions: Vec<usize> = analysis
        .quotations
        .iter()
        .filter_map(|q| q.attribution.as_ref().map(|a| a.mention))
        .collect();
    cue_mentions.sort_unstable();
    cue_mentions.dedup();
    cue_mentions
        .into_iter()
        .filter_map(|m| {
            let mention = analysis.mentions.get(m)?;
            if mention.span.end < start || mention.span.start > end {
                return None;
            }
            let entity = analysis.entities.get(mention.entity?)?;
            let words = text_of(rope, mention.span);
            if words.contains(entity.name.as_str()) {
                return None;
            }
            Some(InlayHint {
                position: offset_to_position(rope, mention.span.end, enc),
                label: InlayHintLabel::String(format!("→ {}", entity.name)),
                kind: None,
                text_edits: None,
                tooltip: mention
                    .resolution
                    .map(|r| InlayHintTooltip::String(format!("“{words}”: {}", r.describe()))),
                padding_left: Some(true),
                padding_right: Some(false),
                data: None,
            })
        })
        .collect()
}

/// Token types, in legend order: quotations, people (and unnamed
/// sources), organisations.
const TOKEN_QUOTATION: u32 = 0;
const TOKEN_PERSON: u32 = 1;
const TOKEN_ORGANIZATION: u32 = 2;
/// Modifier bit: a speaker's first full introduction.
const MOD_DECLARATION: u32 = 1;

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::STRING,
            SemanticTokenType::VARIABLE,
            SemanticTokenType::NAMESPACE,
        ],
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

/// The byte ranges of `span` cut at line breaks (line breaks left out).
fn line_pieces(rope: &Rope, span: Span) -> Vec<(usize, usize)> {
    let len = rope.len_bytes();
    let (start, end) = (span.start.min(len), span.end.min(len));
    if start >= end {
        return Vec::new();
    }
    let first = rope.byte_to_line(start);
    let last = rope.byte_to_line(end);
    (first..=last)
        .filter_map(|l| {
            let line_start = rope.line_to_byte(l);
            let line = rope.line(l);
            let mut line_end = line_start + line.len_bytes();
            let text_end = {
                let s = line.to_string();
                line_start + s.trim_end_matches(['\n', '\r']).len()
            };
            line_end = line_end.min(text_end);
            let (s, e) = (start.max(line_start), end.min(line_end));
            (s < e).then_some((s, e))
        })
        .collect()
}

/// `piece` minus every range in `covered` (sorted, disjoint).
fn subtract(piece: (usize, usize), covered: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut at = piece.0;
    for &(s, e) in covered {
        if e <= at || s >= piece.1 {
            continue;
        }
        if s > at {
            out.push((at, s));
        }
        at = at.max(e);
    }
    if at < piece.1 {
        out.push((at, piece.1));
    }
    out
}

/// Semantic tokens for every speaker mention and every quotation (the
/// mentions inside a quotation cut it), in the relative encoding.
pub fn semantic_tokens(rope: &Rope, analysis: &Analysis, enc: Encoding) -> Vec<SemanticToken> {
    let intros: Vec<usize> = (0..analysis.entities.len())
        .filter_map(|e| introduction(analysis, e))
        .collect();
    let mut tokens: Vec<(usize, usize, u32, u32)> = Vec::new();
    for (m, mention) in analysis.mentions.iter().enumerate() {
        let Some(entity) = mention.entity.and_then(|e| analysis.entities.get(e)) else {
            continue;
        };
        let kind = match entity.kind {
            EntityKind::Organization => TOKEN_ORGANIZATION,
            _ => TOKEN_PERSON,
        };
        let modifiers = if intros.contains(&m) {
            MOD_DECLARATION
        } else {
            0
        };
        for (s, e) in line_pieces(rope, mention.span) {
            tokens.push((s, e, kind, modifiers));
        }
    }
    tokens.sort_unstable();
    // Mentions may overlap each other: keep the first of any overlap.
    let mut covered: Vec<(usize, usize)> = Vec::new();
    tokens.retain(|&(s, e, _, _)| {
        if covered.last().is_some_and(|&(_, ce)| s < ce) {
            return false;
        }
        covered.push((s, e));
        true
    });
    let mut quoted: Vec<(usize, usize)> = Vec::new();
    for q in &analysis.quotations {
        for piece in line_pieces(rope, q.span) {
            for part in subtract(piece, &covered) {
                for rest in subtract(part, &quoted) {
                    quoted.push(rest);
                }
            }
        }
        quoted.sort_unstable();
    }
    tokens.extend(quoted.into_iter().map(|(s, e)| (s, e, TOKEN_QUOTATION, 0)));
    tokens.sort_unstable();

    let mut out = Vec::with_capacity(tokens.len());
    let (mut prev_line, mut prev_col) = (0u32, 0u32);
    for (s, e, kind, modifiers) in tokens {
        let start = offset_to_position(rope, s, enc);
        let end = offset_to_position(rope, e, enc);
        if end.line != start.line || end.character <= start.character {
            continue;
        }
        let delta_line = start.line - prev_line;
        let delta_start = if delta_line == 0 {
            start.character - prev_col
        } else {
            start.character
        };
        out.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: kind,
            token_modifiers_bitset: modifiers,
        });
        prev_line = start.line;
        prev_col = start.character;
    }
    out
}

/// "N quotations" on each quoted speaker's introduction.
pub fn code_lenses(rope: &Rope, analysis: &Analysis, uri: &Uri, enc: Encoding) -> Vec<CodeLens> {
    let mut lenses = Vec::new();
    for (e, entity) in analysis.entities.iter().enumerate() {
        if entity.quotations.is_empty() {
            continue;
        }
        let Some(m) = introduction(analysis, e) else {
            continue;
        };
        let range = span_to_range(rope, analysis.mentions[m].span, enc);
        let n = entity.quotations.len();
        let locations: Vec<Location> = entity
            .quotations
            .iter()
            .filter_map(|&q| analysis.quotations.get(q))
            .map(|q| Location::new(uri.clone(), span_to_range(rope, q.span, enc)))
            .collect();
        lenses.push(CodeLens {
            range,
            command: Some(Command {
                title: format!("{n} quotation{}", if n == 1 { "" } else { "s" }),
                command: SHOW_QUOTATIONS.to_string(),
                arguments: Some(vec![json!(uri), json!(range.start), json!(locations)]),
            }),
            data: None,
        });
    }
    lenses
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{analyze, Options};

    const TEXT: &str = "Harbour Minister Elena Marsh opened the terminal.\n\n\"We built it on time,\" she said.\n\n“Not yet,” Adeyemi said of Marsh's claim.\n";

    #[test]
    fn subtract_cuts_around_covered_ranges() {
        assert_eq!(
            subtract((0, 10), &[(2, 4), (6, 7)]),
            [(0, 2), (4, 6), (7, 10)]
        );
        assert_eq!(subtract((3, 5), &[(0, 10)]), []);
        assert_eq!(subtract((3, 5), &[]), [(3, 5)]);
    }

    #[test]
    fn line_pieces_leave_line_breaks_out() {
        let rope = Rope::from_str("ab\r\ncd\nef");
        assert_eq!(
            line_pieces(&rope, Span::new(1, 9)),
            [(1, 2), (4, 6), (7, 9)]
        );
        assert_eq!(line_pieces(&rope, Span::new(5, 99)), [(5, 6), (7, 9)]);
    }

    #[test]
    fn definition_is_the_introduction_and_hints_skip_full_names() {
        let a = analyze(TEXT, &Options::default());
        let rope = Rope::from_str(TEXT);
        let she = TEXT.find("she").unwrap();
        let (span, _) = definition(&rope, &a, she, Encoding::Utf8).unwrap();
        assert!(TEXT[span.start..span.end].ends_with("Elena Marsh"));
        let hints = inlay_hints(&rope, &a, (0, TEXT.len()), Encoding::Utf8);
        let labels: Vec<String> = hints
            .iter()
            .map(|h| match &h.label {
                InlayHintLabel::String(s) => s.clone(),
                _ => String::new(),
            })
            .collect();
        assert!(labels.contains(&"→ Elena Marsh".to_string()), "{labels:?}");
        // Only the range asked for.
        let late = TEXT.find("Adeyemi").unwrap();
        assert!(inlay_hints(&rope, &a, (late, TEXT.len()), Encoding::Utf8)
            .iter()
            .all(|h| h.position.line >= 4));
    }
}
