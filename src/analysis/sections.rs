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

use std::sync::Arc;

pub use super::segment::Fence;
use super::{
    analyze, segment, Analysis, Entity, Finding, Format, Mention, Options, Quotation, Span,
};

/// Documents at least this long are analysed in sections.
pub const THRESHOLD: usize = 256 * 1024;
/// A section is at least this long (except the last).
pub const MIN_SECTION: usize = 32 * 1024;

/// How much text a whole analysis asks for at a time (small in tests, so
/// that they cross chunks).
const CHUNK: usize = if cfg!(test) { 50_000 } else { 4 << 20 };

/// Section boundaries of `text`: byte ranges covering it, in order.
pub fn split(text: &str) -> Vec<std::ops::Range<usize>> {
    split_fenced(text, true)
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

/// [`split`], with the fenced code block each section starts in (`None`
/// outside one, and always when `fences` is false: a format without
/// fences).
pub fn split_fenced(text: &str, fences: bool) -> Vec<(std::ops::Range<usize>, Fence)> {
    if text.len() < THRESHOLD {
        #[allow(clippy::single_range_in_vec_init)] // one section: the whole text
        return vec![(0..text.len(), None)];
    }
    let mut out = Vec::new();
    let (mut start, mut fence) = (0, None);
    scan(text, 0, text.len(), None, fences, |b, f| {
        out.push((start..b, fence));
        (start, fence) = (b, f);
        false
    });
    out.push((start..text.len(), fence));
    out
}

/// Walks `chunk`, the text of a document of `total` bytes from `base` on,
/// where `base` is the start of a section (the start of the document or a
/// boundary) that starts in the fenced code block `fence`, and calls `found`
/// with each later boundary (a document offset) and the fenced code block
/// it falls in, until it returns true. Returns false if it stopped because
/// the chunk ended before the document did (the boundaries after the last
/// one found need more text to be decided). With `fences` false, no fence
/// is followed (every state is `None`).
///
/// Where the boundaries fall does not depend on fences: typing in front of
/// a fence line, which turns every later fence inside out, moves no
/// boundary, so sections stay small (a section may start inside a fenced
/// code block; its analysis is told so, [`analyze_section`]).
fn scan(
    chunk: &str,
    base: usize,
    total: usize,
    mut fence: Fence,
    fences: bool,
    mut found: impl FnMut(usize, Fence) -> bool,
) -> bool {
    let b = chunk.as_bytes();
    let whole = base + b.len() == total;
    let mut start = 0;
    // The first section's analysis skips its front matter (fences in it do
    // not count): the state at its end is found again from the start, with
    // the section's own text, once its end is known.
    let mut first = base == 0 && fences;
    let mut line = 0;
    // Walk line by line, following fenced code blocks as the Markdown
    // analysis does.
    while line < b.len() {
        let end = match memchr::memchr(b'\n', &b[line..]) {
            Some(k) => line + k,
            None if whole => b.len(),
            None => return false,
        };
        let l = &b[line..end];
        if fences {
            fence = segment::after_line(&chunk[line..end], fence);
        }
        let next = end + 1;
        // A blank line (only "\n" or "\r\n" or spaces) ends here: is the line
        // after it a safe start?
        if base + next < total && is_blank(l) && next - start >= MIN_SECTION {
            let rest = &b[next.min(b.len())..];
            if rest.len() < 16 && !whole {
                return false;
            }
            let first_byte = rest.first().copied().unwrap_or(b' ');
            if (first_byte.is_ascii_alphanumeric() || first_byte == b'#')
                && residue(&rest[..rest.len().min(16)]) == 0
            {
                if first {
                    fence = fence_at_end(&chunk[..next]);
                    first = false;
                }
                if found(base + next, fence) {
                    return true;
                }
                start = next;
            }
        }
        line = next;
    }
    true
}

/// The fenced code block the end of `text` (a first section, ending after
/// a newline) is in, as its Markdown analysis sees it.
fn fence_at_end(text: &str) -> Fence {
    let mut fence = None;
    let from = segment::front_matter(text);
    let mut line = from;
    while line < text.len() {
        let end = memchr::memchr(b'\n', &text.as_bytes()[line..]).map_or(text.len(), |k| line + k);
        fence = segment::after_line(&text[line..end], fence);
        line = end + 1;
    }
    fence
}

/// The analysis of a section's text that starts in the fenced code block
/// `fence` (as [`analyze`] of the whole text would read it there): the
/// section is analysed after a line that opens the same fence.
pub fn analyze_section(text: &str, fence: Fence, options: &Options) -> Analysis {
    let Some((c, n)) = fence.filter(|_| options.format == Format::Markdown) else {
        return analyze(text, options);
    };
    let mut fenced = String::with_capacity(n + 1 + text.len());
    fenced.extend(std::iter::repeat_n(c as char, n));
    fenced.push('\n');
    let off = fenced.len();
    fenced.push_str(text);
    let mut a = analyze(&fenced, options);
    // Nothing lies in the fence line: move everything back by its length.
    relocate(a.items(), -(off as isize), [0; 3]);
    a
}

fn is_blank(l: &[u8]) -> bool {
    l.iter().all(|&c| c == b' ' || c == b'\t' || c == b'\r')
}

/// A cheap hash of a few bytes, one time in four zero.
fn residue(bytes: &[u8]) -> u64 {
    (residue_hash(bytes) >> 29) % 4
}

fn residue_hash(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in bytes {
        h = (h ^ u64::from(x)).wrapping_mul(0x100_0000_01b3);
    }
    h
}

/// One section of the last text analysed: where it starts, how many
/// quotations, mentions, entities and findings it put in the joined
/// analysis, and an id that changes whenever it is analysed again (so that
/// whatever a caller derived from a section can be kept while its id is).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Section {
    pub start: usize,
    pub end: usize,
    /// Quotations, mentions, entities, findings.
    pub counts: [usize; 4],
    pub id: u64,
    /// The fenced code block the section starts in (Markdown only).
    pub fence: Fence,
    /// A hash of the section's text (with its length and `fence`, the key
    /// of a spare analysis).
    pub hash: u64,
}

/// A hash of a section's text.
fn text_hash(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = rustc_hash::FxHasher::default();
    text.hash(&mut h);
    h.finish()
}

/// What changed since the last text: the first changed byte, and how many
/// bytes at the end are as they were.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Changed {
    pub start: usize,
    pub unchanged_tail: usize,
}

impl Changed {
    /// Widens `self` (a change to the text before it) by one more edit that
    /// replaced `start..end` (offsets in the text as that edit found it) of
    /// a text `len` bytes long.
    pub fn and(self, start: usize, end: usize, len: usize) -> Changed {
        Changed {
            start: self.start.min(start),
            unchanged_tail: self.unchanged_tail.min(len.saturating_sub(end)),
        }
    }

    /// Nothing changed yet, in a text `len` bytes long.
    pub fn none(len: usize) -> Changed {
        Changed {
            start: len,
            unchanged_tail: len,
        }
    }
}

/// The analysis of one document across edits: the joined analysis of its
/// sections, and where each section's items lie in it, so that an edit
/// replaces the items of the sections it touched and shifts the rest.
/// No section text is kept: the caller says what changed ([`Changed`]) and
/// hands out the text of a byte range on request.
#[derive(Default)]
pub struct IncrementalAnalysis {
    sections: Vec<Section>,
    analysis: Arc<Analysis>,
    len: usize,
    /// How many sections the last call analysed (the rest were kept).
    pub last_analysed: usize,
    /// How many bytes of text the last call analysed.
    pub last_analysed_bytes: usize,
    /// How many sections the last text had.
    pub last_sections: usize,
    /// The options the analysis was made with (as text: a change of
    /// settings analyses everything again).
    options: String,
    /// The previous text, for [`IncrementalAnalysis::analyse`] only.
    previous: Option<String>,
    /// The analyses (as of the section alone) of the sections the last
    /// large update replaced, by (text hash, length, fence): an edit that
    /// opens or closes a fence replaces every section after it, and the
    /// edit that turns them back (closing the fence just opened, deleting
    /// the character typed) finds most of them here.
    spare: Vec<(u64, usize, Fence, Analysis)>,
}

/// An update that analyses more sections than this keeps the analyses of
/// those it replaced as spares.
const SPARE_AFTER: usize = 8;

/// The longest text read ahead for finding the new sections that is kept
/// while they are analysed (a longer one is let go and each section's text
/// asked for again; smaller in tests, so that they take both ways).
const KEPT_CHUNK: usize = if cfg!(test) { THRESHOLD } else { 2 << 20 };

impl IncrementalAnalysis {
    /// The analysis of `text`: [`analyze`] itself under [`THRESHOLD`],
    /// otherwise the joined analyses of its sections, reusing every section
    /// the change since the previous call did not reach (found by comparing
    /// with the previous text, which this entry point keeps).
    pub fn analyse(&mut self, text: &str, options: &Options) -> Analysis {
        let changed = self.previous.as_deref().map(|old| {
            let prefix = common_prefix(old.as_bytes(), text.as_bytes());
            let max_tail = old.len().min(text.len()) - prefix;
            let tail = common_suffix(old.as_bytes(), text.as_bytes(), max_tail);
            Changed {
                start: prefix,
                unchanged_tail: tail,
            }
        });
        self.update(text.len(), changed, options, &mut |r| {
            std::borrow::Cow::Borrowed(floor_slice(text, r))
        });
        self.previous = Some(text.to_string());
        (*self.analysis).clone()
    }

    /// The joined analysis of the last text.
    pub fn analysis(&self) -> Arc<Analysis> {
        Arc::clone(&self.analysis)
    }

    /// The sections of the last text, in order.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// Brings the analysis up to date with a text of `len` bytes that differs
    /// from the last one as `changed` says (`None`: analyse it all). `text`
    /// hands out the text of a byte range: its start is always a line start,
    /// its end may fall inside a char, and then the text ends at the char
    /// boundary before it. The joined analysis is changed in place when no
    /// one else holds it.
    pub fn update<'t>(
        &mut self,
        len: usize,
        changed: Option<Changed>,
        options: &Options,
        text: &mut dyn FnMut(std::ops::Range<usize>) -> std::borrow::Cow<'t, str>,
    ) {
        let options_now = format!("{options:?}");
        let whole_again = options_now != self.options
            || self.sections.is_empty()
            || len < THRESHOLD
            || self.len < THRESHOLD;
        self.options = options_now;
        match changed {
            Some(c) if !whole_again => self.update_sections(len, c, options, text),
            _ => self.analyse_all(len, options, text),
        }
        self.len = len;
        self.last_sections = self.sections.len();
    }

    /// An id no section has had in this process (so that what a caller
    /// keeps by id cannot be mistaken for a later section's, even after the
    /// analysis is started afresh).
    fn fresh_id(&mut self) -> u64 {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
    }

    fn analyse_all<'t>(
        &mut self,
        len: usize,
        options: &Options,
        text: &mut dyn FnMut(std::ops::Range<usize>) -> std::borrow::Cow<'t, str>,
    ) {
        // Drop the old analysis before making the new one.
        self.analysis = Arc::default();
        self.sections.clear();
        let mut out = Analysis::default();
        self.spare = Vec::new();
        let fences = options.format == Format::Markdown;
        let mut add_section =
            |this: &mut Self, start: usize, end: usize, fence, hash, a: Analysis| {
                let id = this.fresh_id();
                this.sections.push(Section {
                    start,
                    end,
                    counts: counts(&a),
                    id,
                    fence,
                    hash,
                });
                if this.sections.len() == 1 {
                    out = a;
                } else {
                    append(&mut out, start, a, [0; 4]);
                }
            };
        if len < THRESHOLD {
            let all = text(0..len);
            let hash = text_hash(&all);
            add_section(self, 0, len, None, hash, analyze(&all, options));
        } else {
            // A few megabytes at a time: the caller need not hold the whole
            // text as one string.
            let (mut from, mut from_fence, mut size) = (0, None, CHUNK);
            loop {
                let chunk = text(from..from.saturating_add(size).min(len));
                let to = from + chunk.len();
                let mut bounds = Vec::new();
                let complete = scan(&chunk, from, len, from_fence, fences, |b, f| {
                    bounds.push((b, f));
                    false
                });
                let (mut start, mut fence) = (from, from_fence);
                for (b, f) in bounds {
                    let t = &chunk[start - from..b - from];
                    let a = analyze_section(t, fence, options);
                    add_section(self, start, b, fence, text_hash(t), a);
                    (start, fence) = (b, f);
                }
                if complete && to == len {
                    let t = &chunk[start - from..];
                    let a = analyze_section(t, fence, options);
                    add_section(self, start, len, fence, text_hash(t), a);
                    break;
                }
                if start == from {
                    size = size.saturating_mul(2); // no boundary in the chunk
                }
                (from, from_fence) = (start, fence);
            }
        }
        self.last_analysed = self.sections.len();
        self.last_analysed_bytes = len;
        if self.sections.len() > 1 {
            out.quotations.shrink_to_fit();
            out.mentions.shrink_to_fit();
            out.entities.shrink_to_fit();
            out.findings.shrink_to_fit();
        }
        self.analysis = Arc::new(out);
    }

    fn update_sections<'t>(
        &mut self,
        len: usize,
        changed: Changed,
        options: &Options,
        text: &mut dyn FnMut(std::ops::Range<usize>) -> std::borrow::Cow<'t, str>,
    ) {
        let old_len = self.len;
        if changed.start >= len && len == old_len {
            self.last_analysed = 0;
            self.last_analysed_bytes = 0;
            return; // nothing changed
        }
        let tail = changed.unchanged_tail.min(len).min(old_len);
        let lo = changed.start.min(len - tail).min(old_len - tail);
        let delta = len as isize - old_len as isize;
        let suffix_start = len - tail;
        // The first section to scan again: the last one whose boundary (and
        // the 16 bytes that decided it) lies before the change.
        let i = self
            .sections
            .iter()
            .rposition(|s| s.start == 0 || s.start + 16 <= lo)
            .unwrap_or(0);
        let (from, from_fence) = (self.sections[i].start, self.sections[i].fence);
        let fences = options.format == Format::Markdown;
        // Scan from there until a boundary of the new text is an old one
        // (shifted) inside the unchanged tail, in the same fenced code block
        // (or none): from there on both texts, and so their sections, are
        // the same. (An edit that opens or closes a fence changes the block
        // every later boundary is in: the sections after it are analysed
        // again, once.)
        let old_starts = &self.sections;
        let mut want = suffix_start.max(from) + 4 * MIN_SECTION;
        let (chunk, bounds, resync) = loop {
            let chunk = text(from..want.min(len));
            let to = from + chunk.len();
            let mut bounds = Vec::new();
            let mut resync = None;
            let complete = scan(&chunk, from, len, from_fence, fences, |b, f| {
                if b >= suffix_start {
                    let old = (b as isize - delta) as usize;
                    if let Ok(j) = old_starts.binary_search_by_key(&old, |s| s.start) {
                        if j > i && old_starts[j].fence == f {
                            resync = Some(j);
                            return true;
                        }
                    }
                }
                bounds.push((b, f));
                false
            });
            if resync.is_some() || (complete && to == len) {
                break (chunk, bounds, resync);
            }
            want = want.saturating_mul(2);
        };
        let j = resync.unwrap_or(self.sections.len());
        let end = match resync {
            Some(j) => (self.sections[j].start as isize + delta) as usize,
            None => len,
        };
        // The new sections from..end, analysed.
        let mut starts = vec![(from, from_fence)];
        starts.extend(bounds);
        let mut parts = Vec::with_capacity(starts.len());
        let mut fresh = Vec::with_capacity(starts.len());
        let (mut analysed, mut analysed_bytes) = (0, 0);
        // A long chunk (an edit that turned the fences: megabytes) is not
        // kept while its sections are analysed, for the peak of memory:
        // each section's text is asked for again on its own.
        let chunk = (chunk.len() <= KEPT_CHUNK).then_some(chunk);
        for (k, &(s, fence)) in starts.iter().enumerate() {
            let e = starts.get(k + 1).map_or(end, |&(b, _)| b);
            let own;
            let t = match &chunk {
                Some(chunk) => &chunk[s - from..e - from],
                None => {
                    own = text(s..e);
                    debug_assert_eq!(own.len(), e - s);
                    &own[..]
                }
            };
            let hash = text_hash(t);
            let spare = self
                .spare
                .iter()
                .position(|&(h, l, f, _)| (h, l, f) == (hash, t.len(), fence));
            let a = match spare {
                Some(k) => self.spare.swap_remove(k).3,
                None => {
                    analysed += 1;
                    analysed_bytes += t.len();
                    analyze_section(t, fence, options)
                }
            };
            let id = self.fresh_id();
            fresh.push(Section {
                start: s,
                end: e,
                counts: counts(&a),
                id,
                fence,
                hash,
            });
            parts.push((s, a));
        }
        drop(chunk);
        self.last_analysed = analysed;
        self.last_analysed_bytes = analysed_bytes;
        let before = self.sections[..i]
            .iter()
            .fold([0; 4], |acc, s| add(acc, s.counts));
        let removed = self.sections[i..j]
            .iter()
            .fold([0; 4], |acc, s| add(acc, s.counts));
        let keep_spares = parts.len() > SPARE_AFTER;
        let analysis = Arc::make_mut(&mut self.analysis);
        if keep_spares {
            // Older spares go first (for the peak of memory).
            self.spare = Vec::new();
        }
        if j == self.sections.len() {
            // Nothing after the new sections (an edit that turned the
            // fences): the replaced items are taken off the end, a section
            // at a time, and the new ones appended, without a copy of
            // either half of the joined analysis.
            // Room for the new items, and a little more for the next
            // keystrokes' (a vector with no room left is copied whole when
            // one item is added).
            let room = parts.iter().fold(before, |acc, (_, a)| add(acc, counts(a)));
            let room = room.map(|n| n + n / 32);
            let spares = take_tail(analysis, &self.sections[i..], before, room, keep_spares);
            if keep_spares {
                self.spare = spares;
            }
            extend(analysis, parts, [0; 4]);
        } else {
            let replaced = splice(analysis, before, removed, parts, delta);
            if keep_spares {
                // Keep what this update replaced, moved out of the joined
                // analysis rather than copied (for the peak of memory).
                self.spare = spares(replaced, &self.sections[i..j], before);
            }
        }
        for s in &mut self.sections[j..] {
            s.start = (s.start as isize + delta) as usize;
            s.end = (s.end as isize + delta) as usize;
        }
        self.sections.splice(i..j, fresh);
    }
}

/// `text[r]`, its end moved back to a char boundary.
pub fn floor_slice(text: &str, r: std::ops::Range<usize>) -> &str {
    let mut end = r.end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[r.start.min(end)..end]
}

fn counts(a: &Analysis) -> [usize; 4] {
    [
        a.quotations.len(),
        a.mentions.len(),
        a.entities.len(),
        a.findings.len(),
    ]
}

fn add(a: [usize; 4], b: [usize; 4]) -> [usize; 4] {
    [a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3]]
}

fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let n = a.len().min(b.len());
    let mut k = 0;
    while k + 64 <= n && a[k..k + 64] == b[k..k + 64] {
        k += 64;
    }
    while k < n && a[k] == b[k] {
        k += 1;
    }
    k
}

/// The length of the common suffix of `a` and `b`, at most `max`.
fn common_suffix(a: &[u8], b: &[u8], max: usize) -> usize {
    let (la, lb) = (a.len(), b.len());
    let mut k = 0;
    while k + 64 <= max && a[la - k - 64..la - k] == b[lb - k - 64..lb - k] {
        k += 64;
    }
    while k < max && a[la - k - 1] == b[lb - k - 1] {
        k += 1;
    }
    k
}

/// Replaces, in the joined analysis `out`, the items of the sections whose
/// items start at index `before` (quotations, mentions, entities, findings)
/// and number `removed`, by those of `parts` (section start, analysis);
/// the items after them move by `delta` bytes and are renumbered. Returns
/// the items replaced, as they were.
fn splice(
    out: &mut Analysis,
    before: [usize; 4],
    removed: [usize; 4],
    parts: Vec<(usize, Analysis)>,
    delta: isize,
) -> Analysis {
    let mid = join_from(parts, before);
    let added = counts(&mid);
    let d = |k: usize| added[k] as isize - removed[k] as isize;
    let (dq, dm, de) = (d(0), d(1), d(2));
    let after = |k: usize| before[k] + removed[k];
    relocate(
        Items {
            quotations: &mut out.quotations[after(0)..],
            mentions: &mut out.mentions[after(1)..],
            entities: &mut out.entities[after(2)..],
            findings: &mut out.findings[after(3)..],
        },
        delta,
        [dq, dm, de],
    );
    let range = |k: usize| before[k]..before[k] + removed[k];
    Analysis {
        quotations: replace(&mut out.quotations, range(0), mid.quotations),
        mentions: replace(&mut out.mentions, range(1), mid.mentions),
        entities: replace(&mut out.entities, range(2), mid.entities),
        findings: replace(&mut out.findings, range(3), mid.findings),
    }
}

/// Replaces `v[r]` by `new`; returns what was there.
fn replace<T>(v: &mut Vec<T>, r: std::ops::Range<usize>, new: Vec<T>) -> Vec<T> {
    v.splice(r, new).collect()
}

/// Takes the items of the sections `old`, the last ones of the joined
/// analysis `out` (their items start at index `before`), off its end, the
/// last section first, and gives the memory back as it goes. Returns them
/// as spares ([`spares`]) if `keep`, else drops them. The memory past
/// `room` items is given back as they go.
fn take_tail(
    out: &mut Analysis,
    old: &[Section],
    before: [usize; 4],
    room: [usize; 4],
    keep: bool,
) -> Vec<(u64, usize, Fence, Analysis)> {
    if !keep {
        out.quotations.truncate(before[0]);
        out.mentions.truncate(before[1]);
        out.entities.truncate(before[2]);
        out.findings.truncate(before[3]);
        return Vec::new();
    }
    let mut spares: Vec<_> = old
        .iter()
        .rev()
        .map(|s| {
            let len = counts(out);
            let at = [0, 1, 2, 3].map(|k| len[k] - s.counts[k]);
            let a = Analysis {
                quotations: out.quotations.drain(at[0]..).collect(),
                mentions: out.mentions.drain(at[1]..).collect(),
                entities: out.entities.drain(at[2]..).collect(),
                findings: out.findings.drain(at[3]..).collect(),
            };
            shrink(out, room);
            spare(s, a, at)
        })
        .collect();
    spares.reverse();
    spares
}

/// Gives back the memory past the items, and past `room` of them
/// (shrinking in place).
fn shrink(a: &mut Analysis, room: [usize; 4]) {
    a.quotations.shrink_to(room[0]);
    a.mentions.shrink_to(room[1]);
    a.entities.shrink_to(room[2]);
    a.findings.shrink_to(room[3]);
}

/// Appends `parts` (section start, analysis) to `out`, numbering them
/// after `base` plus what `out` holds (the joined analysis holds the items
/// of the sections before them, with a `base` of zero).
fn extend(out: &mut Analysis, parts: Vec<(usize, Analysis)>, base: [usize; 4]) {
    let total = parts.iter().fold([0; 4], |acc, (_, a)| add(acc, counts(a)));
    out.quotations.reserve(total[0]);
    out.mentions.reserve(total[1]);
    out.entities.reserve(total[2]);
    out.findings.reserve(total[3]);
    for (off, a) in parts {
        append(out, off, a, base);
    }
}

/// The analyses of the sections `old` alone, as [`analyze_section`] gave
/// them, with their text hash, length and fence, from `replaced`: their
/// items, taken out of the joined analysis, where they started at index
/// `before` (moved, not copied: the inverse of [`append`] for each).
fn spares(
    mut replaced: Analysis,
    old: &[Section],
    before: [usize; 4],
) -> Vec<(u64, usize, Fence, Analysis)> {
    // Each section's items are split off the end, the last section first.
    let mut at = old.iter().fold(before, |acc, s| add(acc, s.counts));
    let mut out: Vec<_> = old
        .iter()
        .rev()
        .map(|s| {
            at = [0, 1, 2, 3].map(|k| at[k] - s.counts[k]);
            let from = |k: usize| at[k] - before[k];
            let a = Analysis {
                quotations: replaced.quotations.split_off(from(0)),
                mentions: replaced.mentions.split_off(from(1)),
                entities: replaced.entities.split_off(from(2)),
                findings: replaced.findings.split_off(from(3)),
            };
            spare(s, a, at)
        })
        .collect();
    out.reverse();
    out
}

/// The spare analysis of the section `s` alone, from its items `a` as
/// they were in the joined analysis, where they started at index `at`
/// (the inverse of [`append`]).
fn spare(s: &Section, mut a: Analysis, at: [usize; 4]) -> (u64, usize, Fence, Analysis) {
    let back = |k: usize| -(at[k] as isize);
    relocate(a.items(), -(s.start as isize), [back(0), back(1), back(2)]);
    (s.hash, s.end - s.start, s.fence, a)
}

/// Some of an analysis's items, to be moved together.
struct Items<'a> {
    quotations: &'a mut [Quotation],
    mentions: &'a mut [Mention],
    entities: &'a mut [Entity],
    findings: &'a mut [Finding],
}

impl Analysis {
    fn items(&mut self) -> Items<'_> {
        Items {
            quotations: &mut self.quotations,
            mentions: &mut self.mentions,
            entities: &mut self.entities,
            findings: &mut self.findings,
        }
    }
}

/// Moves `items` by `delta` bytes and renumbers the quotations, mentions
/// and entities they refer to by `by` (in that order).
fn relocate(items: Items<'_>, delta: isize, by: [isize; 3]) {
    let [dq, dm, de] = by;
    let mv = |x: usize, by: isize| (x as isize + by) as usize;
    let sh = |s: Span| Span::new(mv(s.start, delta), mv(s.end, delta));
    for q in items.quotations {
        q.span = sh(q.span);
        q.content = sh(q.content);
        for p in &mut q.pieces {
            *p = sh(*p);
        }
        if let Some(at) = &mut q.attribution {
            at.mention = mv(at.mention, dm);
            at.cue = at.cue.map(sh);
        }
        q.entity = q.entity.map(|e| mv(e, de));
    }
    for m in items.mentions {
        m.span = sh(m.span);
        m.entity = m.entity.map(|e| mv(e, de));
    }
    // An edit that keeps the numbers of quotations and mentions before
    // these entities (typing, most often) leaves their lists as they are:
    // not read at all (each list is a block of its own).
    if dm != 0 || dq != 0 {
        for e in items.entities {
            for m in &mut e.mentions {
                *m = mv(*m, dm);
            }
            for q in &mut e.quotations {
                *q = mv(*q, dq);
            }
        }
    }
    for f in items.findings {
        f.span = sh(f.span);
        f.quotation = f.quotation.map(|q| mv(q, dq));
    }
}

/// Joins section analyses (section start, analysis) into one, shifting
/// offsets by each section's start and renumbering quotations, mentions and
/// entities.
pub fn join(parts: Vec<(usize, Analysis)>) -> Analysis {
    join_from(parts, [0; 4])
}

/// [`join`], numbering from `base` (quotations, mentions, entities) as if
/// that many came before.
fn join_from(parts: Vec<(usize, Analysis)>, base: [usize; 4]) -> Analysis {
    let mut out = Analysis::default();
    extend(&mut out, parts, base);
    out
}

/// Moves the items of `a`, the analysis of the section at byte `off`, to
/// the end of `out`, numbering them after `base` plus what `out` holds.
fn append(out: &mut Analysis, off: usize, a: Analysis, base: [usize; 4]) {
    let sh = |s: Span| Span::new(s.start + off, s.end + off);
    let (q0, m0, e0) = (
        base[0] + out.quotations.len(),
        base[1] + out.mentions.len(),
        base[2] + out.entities.len(),
    );
    // Items are kept for as long as the document is open: no spare capacity.
    out.quotations.extend(a.quotations.into_iter().map(|mut q| {
        q.pieces.shrink_to_fit();
        q.span = sh(q.span);
        q.content = sh(q.content);
        for p in &mut q.pieces {
            *p = sh(*p);
        }
        if let Some(at) = &mut q.attribution {
            at.mention += m0;
            at.cue = at.cue.map(sh);
        }
        q.entity = q.entity.map(|e| e + e0);
        q
    }));
    out.mentions.extend(a.mentions.into_iter().map(|mut m| {
        m.span = sh(m.span);
        m.entity = m.entity.map(|e| e + e0);
        m
    }));
    out.entities.extend(a.entities.into_iter().map(|mut e| {
        e.name.shrink_to_fit();
        e.aliases.shrink_to_fit();
        e.roles.shrink_to_fit();
        e.mentions.shrink_to_fit();
        e.quotations.shrink_to_fit();
        for m in &mut e.mentions {
            *m += m0;
        }
        for q in &mut e.quotations {
            *q += q0;
        }
        e
    }));
    out.findings.extend(a.findings.into_iter().map(|mut f| {
        f.message.shrink_to_fit();
        f.span = sh(f.span);
        f.quotation = f.quotation.map(|q| q + q0);
        f
    }));
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

    /// Replaces `r` of `text` by `insert` and brings `inc` up to date.
    fn edit(
        inc: &mut IncrementalAnalysis,
        text: &mut String,
        r: std::ops::Range<usize>,
        insert: &str,
    ) {
        let changed = Changed::none(text.len()).and(r.start, r.end, text.len());
        text.replace_range(r, insert);
        inc.update(text.len(), Some(changed), &md(), &mut |r| {
            std::borrow::Cow::Borrowed(floor_slice(text, r))
        });
    }

    /// `inc`'s sections are `split`'s and its analysis a cold one's.
    fn assert_cold(inc: &IncrementalAnalysis, text: &str, what: &str) {
        let ranges: Vec<_> = inc.sections().iter().map(|s| s.start..s.end).collect();
        assert_eq!(ranges, split(text), "{what}");
        let cold = IncrementalAnalysis::default().analyse(text, &md());
        assert!(*inc.analysis() == cold, "{what}");
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
    fn no_boundary_before_a_quotation_and_fenced_code_stays_code_across_a_boundary() {
        let mut text = String::new();
        for i in 0.. {
            if text.len() >= THRESHOLD + 100_000 {
                break;
            }
            text.push_str(&format!(
                "- Ann Lee said the port was closed.\n\n```\n\nAlpha {i} “not a quote,” beta said.\n\n```\n\n“Quoted,” she said.\n\n"
            ));
        }
        let sections = split_fenced(&text, true);
        let mut in_fence = 0;
        for (r, fence) in sections.iter().skip(1) {
            let before = &text[..r.start];
            assert!(!text[r.start..].starts_with('“'));
            let open = before.matches("```").count() % 2 == 1;
            assert_eq!(fence.is_some(), open, "{}", r.start);
            in_fence += usize::from(open);
        }
        assert!(
            in_fence > 0,
            "no boundary falls in a fence: the test tests nothing"
        );
        // Nothing in a fence is read, whichever section it is in.
        let a = IncrementalAnalysis::default().analyse(&text, &md());
        assert!(!a.quotations.is_empty());
        for q in &a.quotations {
            assert!(
                text[q.span.start..q.span.end].starts_with("“Quoted"),
                "{q:?}"
            );
        }
        assert_eq!(a.quotations.len(), text.matches("“Quoted").count());
    }

    #[test]
    fn fences_follow_commonmark() {
        use crate::analysis::segment::after_line;
        assert_eq!(after_line("```", None), Some((b'`', 3)));
        assert_eq!(after_line("   ~~~~ text", None), Some((b'~', 4)));
        assert_eq!(after_line("x```", None), None);
        assert_eq!(after_line("    ```", None), None); // indented code
        assert_eq!(after_line("\t```", None), None);
        assert_eq!(after_line("``", None), None);
        let open = Some((b'`', 4));
        assert_eq!(after_line("```", open), open); // too short
        assert_eq!(after_line("````rust", open), open); // an info string
        assert_eq!(after_line("~~~~", open), open); // another character
        assert_eq!(after_line("x````", open), open);
        assert_eq!(after_line("  `````  \r", open), None);
    }

    /// Typing in front of a fence line turns every later fence inside out
    /// (issue: the sections after it ran together into one that every
    /// later keystroke analysed again). The boundaries stay where they
    /// were; the sections after the edit are analysed once, and later
    /// keystrokes analyse one small section again; the result is always a
    /// cold analysis's.
    #[test]
    fn an_edit_that_turns_later_fences_inside_out_keeps_sections_small() {
        let mut text = collection(1_200_000, 11, true);
        let fences = text.match_indices("\n```").count();
        assert!(fences > 20, "{fences}");
        let mut inc = IncrementalAnalysis::default();
        let cold = |t: &str| IncrementalAnalysis::default().analyse(t, &md());
        let update =
            |inc: &mut IncrementalAnalysis, text: &mut String, at: usize, del: usize, ins: &str| {
                edit(inc, text, at..at + del, ins)
            };
        inc.update(text.len(), None, &md(), &mut |r| {
            std::borrow::Cow::Borrowed(floor_slice(&text, r))
        });
        let sections_before = inc.sections().len();
        let fence_at =
            |t: &str, from: usize| t[from..].find("\n```\n").map(|k| from + k + 1).unwrap();
        // An `x` in front of a fence in the first third.
        let at = fence_at(&text, text.len() / 3);
        update(&mut inc, &mut text, at, 0, "x");
        assert!(text[at..].starts_with("x```"));
        let ranges: Vec<_> = inc.sections().iter().map(|s| s.start..s.end).collect();
        assert_eq!(ranges, split(&text));
        assert_eq!(inc.sections().len(), sections_before);
        assert!(*inc.analysis() == cold(&text));
        let biggest = inc
            .sections()
            .iter()
            .map(|s| s.end - s.start)
            .max()
            .unwrap();
        assert!(biggest < 8 * MIN_SECTION, "{biggest}");
        // Typing further on, after the edit: one small section each time.
        for k in 0..6 {
            let mut at = text.len() / 2 + k * 50_000;
            while !text.is_char_boundary(at) {
                at += 1;
            }
            update(&mut inc, &mut text, at, 0, "y");
            assert!(
                inc.last_analysed <= 2,
                "keystroke {k}: {}",
                inc.last_analysed
            );
            assert!(
                inc.last_analysed_bytes < 8 * MIN_SECTION,
                "keystroke {k}: {}",
                inc.last_analysed_bytes
            );
            let ranges: Vec<_> = inc.sections().iter().map(|s| s.start..s.end).collect();
            assert_eq!(ranges, split(&text), "keystroke {k}");
        }
        assert!(*inc.analysis() == cold(&text));
        // Deleting the `x`: the fences turn back, and the sections no
        // keystroke reached are found among the spares, not analysed again.
        let flipped = inc.sections().len() - inc.sections().partition_point(|s| s.start < at);
        let x = text.find("x```").unwrap();
        update(&mut inc, &mut text, x, 1, "");
        let ranges: Vec<_> = inc.sections().iter().map(|s| s.start..s.end).collect();
        assert_eq!(ranges, split(&text));
        assert!(*inc.analysis() == cold(&text));
        assert!(flipped > 10, "{flipped}");
        assert!(inc.last_analysed <= 8, "{} of {flipped}", inc.last_analysed);
        // Typing a fence of one's own, and typing on: inside out again,
        // still a cold analysis's.
        let at = fence_at(&text, text.len() * 3 / 4);
        update(&mut inc, &mut text, at, 0, "```\n");
        assert!(*inc.analysis() == cold(&text));
        let mut at = text.len() / 2;
        while !text.is_char_boundary(at) {
            at += 1;
        }
        update(&mut inc, &mut text, at, 0, "z");
        assert!(inc.last_analysed_bytes < 8 * MIN_SECTION);
        assert!(*inc.analysis() == cold(&text));
        // And closing it right after: the sections after it come back from
        // the spares.
        update(&mut inc, &mut text, at + 1, 0, "\n```\n");
        assert!(*inc.analysis() == cold(&text));
    }

    /// Fences of every kind (longer, tildes, an info string, indented,
    /// `x```` `, front matter holding a fence) and edits that type or delete
    /// fence characters at random places: the sections are `split`'s and the
    /// analysis a cold one's after every edit.
    #[test]
    fn random_fence_edits_equal_a_cold_analysis() {
        let pieces = [
            "```\n“In code,” Ann said.\n\n",
            "````rust\n```\n“Still code,” he said.\n````\n\n",
            "~~~\n\nTilde “code” here.\n\n~~~\n\n",
            "x```\n“Not a fence,” Bob Hart said.\n\n",
            "    ```\n\n",
            "```python\n```python\n\n",
        ];
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (seed >> 33) as usize
        };
        let mut text = String::from("---\ntitle: x\n```\n---\n\n");
        let base = collection(420_000, 3, true);
        let mut last = 0;
        for (k, _) in base.match_indices("\n\n") {
            if k - last > 20_000 {
                text.push_str(&base[last..k + 2]);
                text.push_str(pieces[next() % pieces.len()]);
                last = k + 2;
            }
        }
        text.push_str(&base[last..]);
        let mut inc = IncrementalAnalysis::default();
        inc.update(text.len(), None, &md(), &mut |r| {
            std::borrow::Cow::Borrowed(floor_slice(&text, r))
        });
        assert!(*inc.analysis() == IncrementalAnalysis::default().analyse(&text, &md()));
        let inserts = ["```", "x", "\n```\n", "~~~~\n", "`", "\n\n", "    "];
        for step in 0..14 {
            // Half the edits at the start of a line.
            let mut at = next() % text.len();
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if step % 2 == 0 {
                at = text[..at].rfind('\n').map_or(0, |n| n + 1);
            }
            let mut end = (at + next() % 4).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let ins = inserts[next() % inserts.len()];
            edit(&mut inc, &mut text, at..end, ins);
            assert_cold(&inc, &text, &format!("step {step}"));
        }
    }

    /// Edits of every kind (typing, new lines, deleting across a boundary,
    /// opening a code fence, pasting a paragraph) through `update`: the
    /// sections are those `split` finds in the new text and the joined
    /// analysis is a cold one's.
    #[test]
    fn updates_after_edits_equal_a_cold_analysis() {
        let mut text = collection(400_000, 7, true);
        let mut inc = IncrementalAnalysis::default();
        inc.update(text.len(), None, &md(), &mut |r| {
            std::borrow::Cow::Borrowed(floor_slice(&text, r))
        });
        let ranges: Vec<_> = inc.sections().iter().map(|s| s.start..s.end).collect();
        assert_eq!(ranges, split(&text));
        let parts = split(&text)
            .into_iter()
            .map(|r| (r.start, analyze(&text[r], &md())))
            .collect();
        assert!(*inc.analysis() == join(parts));
        let edits: [(f64, usize, &str); 8] = [
            (0.5, 0, "x"),
            (0.5, 0, "\n\n"),
            (0.3, 40_000, ""),
            (0.7, 3, "```\n"),
            (0.71, 0, "\n```\n"),
            (0.0, 5, "“Hi,” Ann Lee said.\n\n"),
            (1.0, 0, "\n\nThe end, he said."),
            (0.9, 200_000, ""),
        ];
        for (k, (at, remove, insert)) in edits.into_iter().enumerate() {
            let mut start = ((text.len() as f64 * at) as usize).min(text.len());
            while !text.is_char_boundary(start) {
                start -= 1;
            }
            let mut end = (start + remove).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            edit(&mut inc, &mut text, start..end, insert);
            assert_cold(&inc, &text, &format!("edit {k}"));
            if k == 0 {
                assert_eq!(inc.last_analysed, 1);
            }
        }
    }
}
