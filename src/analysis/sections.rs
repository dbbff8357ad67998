//! Incremental analysis for very long documents (a newspaper edition, a
//! novel): the text is cut into independent sections at safe paragraph
//! boundaries, each section's analysis is cached by its exact text, and after
//! an edit only the sections whose text changed are analysed again; the
//! section analyses are then joined (offsets shifted, indexes renumbered).
//!
//! Documents under [`THRESHOLD`] bytes are analysed whole, exactly as
//! [`analyze`] does. Above it, speakers are resolved within a section (tens
//! of kilobytes, many articles' worth), not across the whole book: a
//! pronoun or surname never reaches back more than a section.
//!
//! Boundaries are content-defined (a blank line whose next paragraph opens
//! with a letter and whose first bytes hash to a chosen residue, once a
//! section has reached [`MIN_SECTION`] bytes), so an edit moves at most the
//! boundaries near it and the sections after it are found again unchanged.
//! A boundary never falls inside a fenced code block, nor before a paragraph
//! that opens with a quotation mark (which may continue a quotation or be
//! attributed by the paragraph before), nor before an indented line.

use std::collections::HashMap;
use std::sync::Arc;

use super::{analyze, Analysis, Options, Span};

/// Documents at least this long are analysed in sections.
pub const THRESHOLD: usize = 256 * 1024;
/// A section is at least this long (except the last).
pub const MIN_SECTION: usize = 32 * 1024;

/// Section boundaries of `text`: byte ranges covering it, in order.
pub fn split(text: &str) -> Vec<std::ops::Range<usize>> {
    if text.len() < THRESHOLD {
        #[allow(clippy::single_range_in_vec_init)] // one section: the whole text
        return vec![0..text.len()];
    }
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_fence = false;
    let mut line = 0;
    // Walk line by line; a fence line flips `in_fence`.
    while line < b.len() {
        let end = memchr::memchr(b'\n', &b[line..]).map_or(b.len(), |k| line + k);
        let l = &b[line..end];
        let trimmed = trim_start(l);
        if trimmed.starts_with(b"```") || trimmed.starts_with(b"~~~") {
            in_fence = !in_fence;
        }
        let next = end + 1;
        // A blank line (only "\n" or "\r\n" or spaces) ends here: is the line
        // after it a safe start?
        if !in_fence && next < b.len() && is_blank(l) && next - start >= MIN_SECTION {
            let rest = &b[next..];
            let first = rest.first().copied().unwrap_or(b' ');
            if (first.is_ascii_alphanumeric() || first == b'#')
                && residue(&rest[..rest.len().min(16)]) == 0
            {
                out.push(start..next);
                start = next;
            }
        }
        line = next;
    }
    out.push(start..text.len());
    out
}

fn trim_start(l: &[u8]) -> &[u8] {
    let k = l.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    &l[k..]
}

fn is_blank(l: &[u8]) -> bool {
    l.iter().all(|&c| c == b' ' || c == b'\t' || c == b'\r')
}

/// A cheap hash of a few bytes, one time in four zero.
fn residue(bytes: &[u8]) -> u64 {
    (residue_hash(bytes) >> 29) % 4
}

/// A cache key: length and a hash of the first and last bytes (equality is
/// then checked on the whole text).
fn key(s: &str) -> (usize, u64) {
    let b = s.as_bytes();
    let head = &b[..b.len().min(64)];
    let tail = &b[b.len().saturating_sub(64)..];
    let mut h = residue_hash(head);
    h ^= residue_hash(tail).rotate_left(17);
    (b.len(), h)
}

fn residue_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in bytes {
        h = (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

struct Section {
    text: String,
    analysis: Arc<Analysis>,
}

/// The analysis of one document across edits.
#[derive(Default)]
pub struct IncrementalAnalysis {
    /// The sections of the last text analysed, by cache key.
    cache: HashMap<(usize, u64), Vec<Section>>,
    /// How many sections the last call analysed (the rest came from cache).
    pub last_analysed: usize,
    /// How many sections the last text had.
    pub last_sections: usize,
    /// The options the cache was made with (as text: a change of settings
    /// empties the cache).
    options: String,
}

impl IncrementalAnalysis {
    /// The analysis of `text`: [`analyze`] itself under [`THRESHOLD`],
    /// otherwise the joined analyses of its sections, reusing every section
    /// whose text is unchanged since the previous call.
    pub fn analyse(&mut self, text: &str, options: &Options) -> Analysis {
        let ranges = split(text);
        self.last_sections = ranges.len();
        let options_now = format!("{options:?}");
        if options_now != self.options {
            self.cache.clear();
            self.options = options_now;
        }
        if ranges.len() == 1 {
            self.cache.clear();
            self.last_analysed = 1;
            return analyze(text, options);
        }
        let mut next: HashMap<(usize, u64), Vec<Section>> = HashMap::new();
        let mut parts: Vec<(usize, Arc<Analysis>)> = Vec::with_capacity(ranges.len());
        self.last_analysed = 0;
        for r in ranges {
            let s = &text[r.clone()];
            let k = key(s);
            let cached = self.cache.get_mut(&k).and_then(|list| {
                let i = list.iter().position(|x| x.text == s)?;
                Some(list.swap_remove(i))
            });
            let section = match cached {
                Some(sec) => sec,
                None => {
                    self.last_analysed += 1;
                    Section {
                        text: s.to_string(),
                        analysis: Arc::new(analyze(s, options)),
                    }
                }
            };
            parts.push((r.start, Arc::clone(&section.analysis)));
            next.entry(k).or_default().push(section);
        }
        self.cache = next;
        join(&parts)
    }
}

/// Joins section analyses into one, shifting offsets by each section's start
/// and renumbering quotations, mentions and entities.
pub fn join(parts: &[(usize, Arc<Analysis>)]) -> Analysis {
    let mut out = Analysis::default();
    let count = |f: fn(&Analysis) -> usize| parts.iter().map(|(_, a)| f(a)).sum::<usize>();
    out.quotations.reserve(count(|a| a.quotations.len()));
    out.mentions.reserve(count(|a| a.mentions.len()));
    out.entities.reserve(count(|a| a.entities.len()));
    out.findings.reserve(count(|a| a.findings.len()));
    let sh = |s: Span, off: usize| Span::new(s.start + off, s.end + off);
    for (off, a) in parts {
        let off = *off;
        let (q0, m0, e0) = (out.quotations.len(), out.mentions.len(), out.entities.len());
        for q in &a.quotations {
            let mut q = q.clone();
            q.span = sh(q.span, off);
            q.content = sh(q.content, off);
            for p in &mut q.pieces {
                *p = sh(*p, off);
            }
            if let Some(at) = &mut q.attribution {
                at.mention += m0;
                at.cue = at.cue.map(|c| sh(c, off));
            }
            q.entity = q.entity.map(|e| e + e0);
            out.quotations.push(q);
        }
        for m in &a.mentions {
            let mut m = m.clone();
            m.span = sh(m.span, off);
            m.entity = m.entity.map(|e| e + e0);
            out.mentions.push(m);
        }
        for e in &a.entities {
            let mut e = e.clone();
            for m in &mut e.mentions {
                *m += m0;
            }
            for q in &mut e.quotations {
                *q += q0;
            }
            out.entities.push(e);
        }
        for f in &a.findings {
            let mut f = f.clone();
            f.span = sh(f.span, off);
            f.quotation = f.quotation.map(|q| q + q0);
            out.findings.push(f);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Format;
    use crate::bench_support::collection;

    fn md() -> Options {
        Options {
            format: Format::Markdown,
            ..Default::default()
        }
    }

    #[test]
    fn small_documents_are_analysed_whole() {
        let text = collection(50_000, 3, true);
        let mut inc = IncrementalAnalysis::default();
        assert_eq!(inc.analyse(&text, &md()), analyze(&text, &md()));
    }

    #[test]
    fn sections_join_to_the_sum_of_their_analyses_and_edits_reanalyse_one() {
        let text = collection(600_000, 5, true);
        let ranges = split(&text);
        assert!(ranges.len() > 4, "{}", ranges.len());
        assert_eq!(ranges.first().unwrap().start, 0);
        assert_eq!(ranges.last().unwrap().end, text.len());
        let mut inc = IncrementalAnalysis::default();
        let whole = inc.analyse(&text, &md());
        assert_eq!(inc.last_analysed, ranges.len());
        // Every offset points at the same words as in the section alone.
        for q in &whole.quotations {
            assert!(text.is_char_boundary(q.span.start) && q.span.end <= text.len());
            if let Some(e) = q.entity {
                assert!(whole.entities[e]
                    .quotations
                    .iter()
                    .any(|&k| whole.quotations[k].span == q.span));
            }
        }
        for f in &whole.findings {
            if let Some(k) = f.quotation {
                assert!(k < whole.quotations.len());
            }
        }
        // Type a character in the middle: one or two sections are analysed again,
        // and the result is what a cold analysis of the new text gives.
        let mid = ranges[ranges.len() / 2].start + 100;
        let at = (mid..).find(|&i| text.is_char_boundary(i)).unwrap();
        let mut edited = text.clone();
        edited.insert(at, 'x');
        let warm = inc.analyse(&edited, &md());
        assert!(inc.last_analysed <= 2, "{}", inc.last_analysed);
        let cold = IncrementalAnalysis::default().analyse(&edited, &md());
        assert_eq!(warm, cold);
    }

    #[test]
    fn no_boundary_inside_a_code_fence_or_before_a_quotation() {
        let mut text = String::new();
        while text.len() < THRESHOLD + 100_000 {
            text.push_str("Ann Lee said the port was closed.\n\n```\n\nAlpha beta.\n\n```\n\n“Quoted,” she said.\n\n");
        }
        for r in split(&text).iter().skip(1) {
            let before = &text[..r.start];
            assert_eq!(before.matches("```").count() % 2, 0);
            assert!(!text[r.start..].starts_with('“'));
        }
    }
}
