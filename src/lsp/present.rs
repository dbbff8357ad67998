//! Turns an `Analysis` into protocol answers: hovers, document symbols and
//! diagnostics. Pure functions of (text, analysis, encoding) so they can be
//! tested without a server; no attribution logic lives here.

use ropey::Rope;
#[cfg(test)]
use tower_lsp_server::ls_types::{Diagnostic, DiagnosticSeverity, NumberOrString};
use tower_lsp_server::ls_types::{
    DocumentSymbol, Hover, HoverContents, MarkupContent, MarkupKind, SymbolKind,
};

use super::position::{span_to_range, Encoding};
#[cfg(test)]
use crate::analysis::Severity;
use crate::analysis::{Analysis, QuoteKind, Span};

/// How many chars of a quotation a hover line shows.
const HOVER_PREVIEW: usize = 60;
/// How many chars of a quotation a symbol name shows.
const SYMBOL_PREVIEW: usize = 40;

/// The text of `span`, clamped to the document and to char boundaries.
fn text_of(rope: &Rope, span: Span) -> String {
    let end = span.end.min(rope.len_bytes());
    let start = span.start.min(end);
    rope.slice(rope.byte_to_char(start)..rope.byte_to_char(end))
        .to_string()
}

/// The first `max` chars of `text` on one line, with an ellipsis if cut.
/// A trailing comma, colon or semicolon (“We will win,” she said) belongs
/// to the sentence around the quotation, not to its words, and goes.
fn preview(text: &str, max: usize) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let flat = flat.trim_end_matches([',', ';', ':']).trim_end();
    if flat.chars().count() <= max {
        return flat.to_string();
    }
    let cut: String = flat.chars().take(max).collect();
    format!("{}…", cut.trim_end().trim_end_matches([',', ';', ':']))
}

/// Escapes the characters Markdown would read as markup.
fn escape_md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if "\\`*_[]<>#|~".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The quoted words of quotation `q`, pieces of a multi-paragraph quotation
/// joined.
fn quoted_words(rope: &Rope, analysis: &Analysis, q: usize) -> String {
    let quotation = &analysis.quotations[q];
    if quotation.pieces.is_empty() {
        return text_of(rope, quotation.content);
    }
    let pieces: Vec<String> = quotation.pieces.iter().map(|&p| text_of(rope, p)).collect();
    pieces.join(" ")
}

/// The hover for byte `offset`: a mention that names a speaker wins over the
/// quotation around it.
pub fn hover(rope: &Rope, analysis: &Analysis, offset: usize, enc: Encoding) -> Option<Hover> {
    let (markdown, span) = mention_hover(rope, analysis, offset)
        .or_else(|| quotation_hover(rope, analysis, offset))?;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: markdown,
        }),
        range: Some(span_to_range(rope, span, enc)),
    })
}

fn mention_hover(rope: &Rope, analysis: &Analysis, offset: usize) -> Option<(String, Span)> {
    let mention = &analysis.mentions[analysis.mention_at(offset)?];
    let entity = analysis.entities.get(mention.entity?)?;
    let mut md = format!("**{}**\n\n", escape_md(&entity.name));
    let roles: Vec<String> = entity.roles.iter().map(|r| escape_md(r)).collect();
    match roles.len() {
        0 => md.push_str("Role: none given\n\n"),
        1 => md.push_str(&format!("Role: {}\n\n", roles[0])),
        _ => md.push_str(&format!("Roles: {}\n\n", roles.join("; "))),
    }
    let how = mention.resolution.map_or("unresolved", |r| r.describe());
    let words = escape_md(&preview(&text_of(rope, mention.span), HOVER_PREVIEW));
    md.push_str(&format!("“{words}”: {how}\n\n"));
    if entity.quotations.is_empty() {
        md.push_str("No quotations.");
    } else {
        md.push_str(&format!("Quotations ({}):\n", entity.quotations.len()));
        for &q in &entity.quotations {
            let Some(quotation) = analysis.quotations.get(q) else {
                continue;
            };
            let line = rope.byte_to_line(quotation.span.start.min(rope.len_bytes())) + 1;
            let words = preview(&quoted_words(rope, analysis, q), HOVER_PREVIEW);
            md.push_str(&format!("- line {line}: “{}”\n", escape_md(&words)));
        }
    }
    Some((md, mention.span))
}

fn quotation_hover(rope: &Rope, analysis: &Analysis, offset: usize) -> Option<(String, Span)> {
    let q = analysis.quotation_at(offset)?;
    let quotation = &analysis.quotations[q];
    let speaker = analysis.speaker_name(q).map_or_else(
        || "unattributed".to_string(),
        |name| format!("**{}**", escape_md(name)),
    );
    let mut paragraphs = vec![format!("Speaker: {speaker}")];
    if let Some(attribution) = &quotation.attribution {
        let quoted = |span: Span| escape_md(&preview(&text_of(rope, span), HOVER_PREVIEW));
        let mut through = Vec::new();
        if let Some(mention) = analysis.mentions.get(attribution.mention) {
            through.push(format!("“{}”", quoted(mention.span)));
        }
        if let Some(cue) = attribution.cue {
            through.push(format!("cue “{}”", quoted(cue)));
        }
        if !through.is_empty() {
            paragraphs.push(format!("Through: {}", through.join(", ")));
        }
        paragraphs.push(format!("Method: {}", attribution.method.describe()));
    }
    if quotation.kind == QuoteKind::Mixed {
        paragraphs.push("A fragment woven into reported speech.".to_string());
    }
    if !quotation.terminated {
        paragraphs.push("The closing quotation mark is missing.".to_string());
    }
    Some((paragraphs.join("\n\n"), quotation.span))
}

/// The name of quotation `q`'s document symbol: its first words.
pub fn symbol_name(rope: &Rope, analysis: &Analysis, q: usize) -> String {
    let name = preview(&quoted_words(rope, analysis, q), SYMBOL_PREVIEW);
    if name.is_empty() {
        "(empty quotation)".to_string()
    } else {
        name
    }
}

/// One symbol per quotation, in document order.
pub fn symbols(rope: &Rope, analysis: &Analysis, enc: Encoding) -> Vec<DocumentSymbol> {
    (0..analysis.quotations.len())
        .map(|q| {
            let name = symbol_name(rope, analysis, q);
            let range = span_to_range(rope, analysis.quotations[q].span, enc);
            #[allow(deprecated)] // `deprecated` must still be spelled out
            DocumentSymbol {
                name,
                detail: Some(
                    analysis
                        .speaker_name(q)
                        .unwrap_or("unattributed")
                        .to_string(),
                ),
                kind: SymbolKind::STRING,
                tags: None,
                deprecated: None,
                range,
                selection_range: range,
                children: None,
            }
        })
        .collect()
}

/// One diagnostic per finding (the server encodes them itself, in
/// `encode`, which must give what this gives).
#[cfg(test)]
pub fn diagnostics(rope: &Rope, analysis: &Analysis, enc: Encoding) -> Vec<Diagnostic> {
    analysis
        .findings
        .iter()
        .map(|f| Diagnostic {
            range: span_to_range(rope, f.span, enc),
            severity: Some(match f.severity {
                Severity::Error => DiagnosticSeverity::ERROR,
                Severity::Warning => DiagnosticSeverity::WARNING,
                Severity::Information => DiagnosticSeverity::INFORMATION,
                Severity::Hint => DiagnosticSeverity::HINT,
            }),
            code: Some(NumberOrString::String(f.code.as_str().to_string())),
            source: Some("quoth".to_string()),
            message: f.message.clone(),
            ..Default::default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{
        Attribution, AttributionMethod, Entity, EntityKind, Finding, FindingCode, Gender, Mention,
        MentionKind, Quotation, QuoteKind, Resolution,
    };
    use tower_lsp_server::ls_types::{Position, Range};

    const TEXT: &str = "Minister Ann Lee spoke.\n“We *will* act now,” she said.\n“Why?”";

    fn span_of(needle: &str) -> Span {
        let start = TEXT.find(needle).unwrap();
        Span::new(start, start + needle.len())
    }

    /// A hand-made analysis of TEXT, so the mapping is tested without the core.
    fn analysis() -> Analysis {
        let quotation = |needle: &str, attribution: Option<Attribution>| {
            let span = span_of(needle);
            let inner = Span::new(span.start + "“".len(), span.end - "”".len());
            Quotation {
                span,
                content: inner,
                pieces: vec![inner],
                kind: QuoteKind::Direct,
                entity: attribution.as_ref().map(|_| 0),
                attribution,
                terminated: true,
            }
        };
        let cue = Attribution {
            mention: 1,
            cue: Some(span_of("said")),
            method: AttributionMethod::Cue,
        };
        Analysis {
            quotations: vec![
                quotation("“We *will* act now,”", Some(cue)),
                quotation("“Why?”", None),
            ],
            mentions: vec![
                Mention {
                    span: span_of("Minister Ann Lee"),
                    kind: MentionKind::Name,
                    entity: Some(0),
                    resolution: Some(Resolution::FullName),
                },
                Mention {
                    span: span_of("she"),
                    kind: MentionKind::Pronoun,
                    entity: Some(0),
                    resolution: Some(Resolution::Pronoun),
                },
            ],
            entities: vec![Entity {
                name: "Ann Lee".into(),
                kind: EntityKind::Person,
                gender: Gender::Female,
                aliases: vec![],
                roles: vec!["Minister".into()],
                mentions: vec![0, 1],
                quotations: vec![0],
            }],
            findings: vec![Finding {
                span: span_of("“Why?”"),
                code: FindingCode::UnattributedQuote,
                severity: Severity::Warning,
                message: "No speaker found for this quotation.".into(),
                quotation: Some(1),
            }],
        }
    }

    fn hover_text(h: &Hover) -> &str {
        match &h.contents {
            HoverContents::Markup(m) => &m.value,
            _ => panic!("expected markup"),
        }
    }

    #[test]
    fn preview_flattens_and_cuts() {
        assert_eq!(preview("  a\n\n b  ", 10), "a b");
        assert_eq!(preview("abcdef ghij", 7), "abcdef…");
        assert_eq!(preview("東京東京", 2), "東京…");
        assert_eq!(preview("", 5), "");
        assert_eq!(preview("We will win, ", 20), "We will win");
        assert_eq!(preview("Why?", 20), "Why?");
    }

    #[test]
    fn hover_on_a_pronoun_names_the_speaker_and_lists_quotes() {
        let rope = Rope::from_str(TEXT);
        let a = analysis();
        let h = hover(&rope, &a, span_of("she").start + 1, Encoding::Utf16).unwrap();
        let md = hover_text(&h);
        assert!(md.starts_with("**Ann Lee**"), "{md}");
        assert!(md.contains("Role: Minister"), "{md}");
        assert!(md.contains("pronoun resolved"), "{md}");
        assert!(md.contains("line 2: “We \\*will\\* act now”"), "{md}");
        assert_eq!(
            h.range,
            Some(Range::new(Position::new(1, 21), Position::new(1, 24)))
        );
    }

    #[test]
    fn hover_on_a_quotation_says_who_and_how() {
        let rope = Rope::from_str(TEXT);
        let a = analysis();
        let h = hover(&rope, &a, span_of("act").start, Encoding::Utf8).unwrap();
        let md = hover_text(&h);
        assert!(md.starts_with("Speaker: **Ann Lee**"), "{md}");
        assert!(md.contains("Through: “she”, cue “said”"), "{md}");
        assert!(md.contains("Method: speech cue"), "{md}");
        assert!(!md.contains("fragment"), "{md}");
        // UTF-8 columns: the closing ” is 3 bytes.
        assert_eq!(
            h.range,
            Some(Range::new(Position::new(1, 0), Position::new(1, 24)))
        );
        let h = hover(&rope, &a, span_of("Why").start, Encoding::Utf16).unwrap();
        assert!(hover_text(&h).starts_with("Speaker: unattributed"));
        assert!(hover(&rope, &a, span_of("spoke").start + 1, Encoding::Utf16).is_none());

        let mut a = a;
        a.quotations[1].kind = QuoteKind::Mixed;
        a.quotations[1].terminated = false;
        let h = hover(&rope, &a, span_of("Why").start, Encoding::Utf16).unwrap();
        assert!(hover_text(&h).contains("fragment"));
        assert!(hover_text(&h).contains("closing quotation mark is missing"));
    }

    #[test]
    fn symbols_follow_quotations() {
        let rope = Rope::from_str(TEXT);
        let mut a = analysis();
        let s = symbols(&rope, &a, Encoding::Utf16);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "We *will* act now");
        assert_eq!(s[0].detail.as_deref(), Some("Ann Lee"));
        assert_eq!(s[1].detail.as_deref(), Some("unattributed"));
        assert_eq!(s[0].kind, SymbolKind::STRING);
        assert_eq!(
            s[0].range,
            Range::new(Position::new(1, 0), Position::new(1, 20))
        );
        assert_eq!(s[0].selection_range, s[0].range);
        a.quotations[1].pieces = vec![Span::new(
            a.quotations[1].span.start + 3,
            a.quotations[1].span.start + 3,
        )];
        assert_eq!(
            symbols(&rope, &a, Encoding::Utf16)[1].name,
            "(empty quotation)"
        );
    }

    #[test]
    fn findings_become_diagnostics() {
        let rope = Rope::from_str(TEXT);
        let d = diagnostics(&rope, &analysis(), Encoding::Utf16);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(
            d[0].code,
            Some(NumberOrString::String("unattributed-quote".into()))
        );
        assert_eq!(d[0].source.as_deref(), Some("quoth"));
        assert_eq!(
            d[0].range,
            Range::new(Position::new(2, 0), Position::new(2, 6))
        );
    }
}
