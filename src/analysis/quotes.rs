//! The quotation-mark scanner. It pairs opening and closing marks paragraph
//! by paragraph, tells apostrophes from single quotes, follows a quotation
//! over paragraphs (no closing mark, and a fresh opening mark on the next
//! paragraph), and reports opening marks that are never closed.

use super::types::Span;

/// A quotation as the marks delimit it, before anyone asks who said it.
#[derive(Clone, Debug, PartialEq)]
pub struct RawQuote {
    /// From the first opening mark to the last closing mark (or the end of
    /// the last paragraph when unterminated).
    pub span: Span,
    /// One piece per paragraph, marks excluded.
    pub pieces: Vec<Span>,
    pub terminated: bool,
    /// Delimited by single marks at the top level (British style or a
    /// headline), which needs more evidence before it counts as speech.
    pub single: bool,
    /// `content()` as `u32`s, noted by `scan` once the pieces are final (the
    /// pieces are a heap allocation of their own: reading them for each
    /// look-up missed the cache on long texts). Offsets fit: `analyze`
    /// cuts texts of 4 GB and more into pieces.
    content: [u32; 2],
    /// A piece after the first opens a transcript turn ("PENCE: …"), noted
    /// by `finish` for `split_transcript_turns`.
    turns: bool,
    /// `is_nickname`, noted by `settle` while the text around the
    /// quotation is in the cache (the tokenizer asked it of every
    /// quotation again, a cache miss each on long texts).
    nickname: bool,
    /// A piece calls someone by name (`piece_vocatives`), noted by
    /// `settle` while the text is in the cache: the dialogue rules ask it
    /// of turns all over a long text, and most call no one.
    calls_out: bool,
}

const _: () = assert!(std::mem::size_of::<RawQuote>() <= 56);

impl RawQuote {
    /// From the start of the first piece to the end of the last one.
    #[inline]
    pub fn content(&self) -> Span {
        debug_assert_eq!(
            Span::new(self.content[0] as usize, self.content[1] as usize),
            self.content_of_pieces()
        );
        Span::new(self.content[0] as usize, self.content[1] as usize)
    }

    fn content_of_pieces(&self) -> Span {
        Span::new(self.pieces[0].start, self.pieces[self.pieces.len() - 1].end)
    }

    /// A quoted nickname between a first name and a surname (`is_nickname`):
    /// “Tia” in “Marcia “Tia” Lopez”.
    pub fn is_nickname(&self) -> bool {
        self.nickname
    }

    /// A piece calls someone by name: `piece_vocatives` finds one.
    pub fn calls_out(&self) -> bool {
        self.calls_out
    }

    /// Notes `content()`, `is_nickname()` and `calls_out()`, the quotation
    /// being final.
    fn settle(mut self, prose: &str) -> RawQuote {
        let c = self.content_of_pieces();
        self.content = [c.start as u32, c.end as u32];
        self.nickname = is_nickname(prose, &self);
        self.calls_out = self.pieces.iter().any(|p| {
            let mut any = false;
            piece_vocatives(&prose[p.start..p.end], |_| any = true);
            any
        });
        self
    }

    /// A quotation of the scan whose pieces are all found, taken as it is
    /// done, while its paragraphs are still in the cache (a pass over all
    /// quotations at the end read their text again, a cache miss each on
    /// long texts): a paragraph of a quoted passage that is only a stage
    /// direction or an editor's note ("(CROSSTALK)", "[Applause.]") is
    /// nobody's speech and its piece is dropped (the last one stays if all
    /// are); whether a later piece opens a transcript turn is noted
    /// (`turns`); and so are the content and whether it is a nickname
    /// (`settle`).
    fn finish(mut self, prose: &str) -> RawQuote {
        if self.pieces.len() > 1 {
            let last = self.pieces[self.pieces.len() - 1];
            self.pieces
                .retain(|p| !is_stage_direction(&prose[p.start..p.end]));
            if self.pieces.is_empty() {
                self.pieces.push(last);
            }
            self.turns = self.pieces.len() >= 2
                && self.pieces[1..]
                    .iter()
                    .any(|p| transcript_label(&prose[p.start..p.end]).is_some());
        }
        self.settle(prose)
    }

    /// A quotation of one piece, in `prose`.
    fn one(prose: &str, span: Span, piece: Span, single: bool) -> RawQuote {
        RawQuote {
            span,
            pieces: vec![piece],
            terminated: true,
            single,
            content: [0; 2],
            turns: false,
            nickname: false,
            calls_out: false,
        }
        .settle(prose)
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Role {
    Open,
    Close,
    Either,
}

fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟')
}

fn is_single(c: char) -> bool {
    matches!(c, '\'' | '‘' | '’' | '‚' | '‹' | '›')
}

/// Characters after which a mark opens: start, space, brackets, dashes.
fn opens_after(p: Option<char>) -> bool {
    match p {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '—' | '–' | '-' | '/' | ':' | '…')
                || is_double(c)
                || is_single(c)
        }
    }
}

/// Characters before which a mark closes: end, space, punctuation.
fn closes_before(n: Option<char>) -> bool {
    match n {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || (c.is_ascii_punctuation() && c != '(' && c != '[')
                || matches!(c, '—' | '–' | '…' | '’' | '”' | '»')
        }
    }
}

fn role(c: char, p: Option<char>, n: Option<char>) -> Role {
    // A mark that ends its paragraph opens nothing: after a space it closes
    // words cut off ("It was   ”", a closing mark written as an opening one).
    let o = opens_after(p) && n.is_some_and(|n| !n.is_whitespace());
    let cl = closes_before(n) && (n.is_none() || !p.is_some_and(|p| p.is_whitespace()));
    match c {
        '“' | '„' | '«' | '‘' | '‚' | '‹' => {
            if cl && !o {
                Role::Close
            } else {
                Role::Open
            }
        }
        '”' | '»' | '’' | '›' => {
            if o && !cl {
                Role::Open
            } else {
                Role::Close
            }
        }
        _ => match (o, cl) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        },
    }
}

/// True when a single mark is an apostrophe: it’s, Kiev’s, ’90s, rock ’n’ roll.
fn is_apostrophe(c: char, p: Option<char>, n: Option<char>) -> bool {
    if c != '\'' && c != '’' {
        return false;
    }
    let alnum = |x: Option<char>| x.is_some_and(|x| x.is_alphanumeric());
    if alnum(p) && alnum(n) {
        return true;
    }
    // ’90s, ’em, 'til
    if n.is_some_and(|x| x.is_ascii_digit()) && !alnum(p) {
        return true;
    }
    false
}

/// Finds the quotations in `prose` (see `segment::prose_view`), given its
/// paragraphs in order.
pub fn scan(prose: &str, paragraphs: &[Span]) -> Vec<RawQuote> {
    // British style (and much fiction) quotes with single marks; then they
    // are the primary marks and doubles are left alone.
    let single_mode = single_quotes_primary(prose);
    let is_mark = |c: char, p: Option<char>, n: Option<char>| {
        if single_mode {
            is_single(c) && !is_apostrophe(c, p, n)
        } else {
            is_double(c)
        }
    };
    let mut out: Vec<RawQuote> = Vec::new();
    // A double quotation left open at the end of the previous paragraph.
    let mut carry: Option<RawQuote> = None;
    let mut nested: Vec<RawQuote> = Vec::new();
    let mut marks = Marks::new(prose, single_mode);
    for (pi, para) in paragraphs.iter().enumerate() {
        let text = &prose[para.start..para.end];
        let mut open: Option<(usize, char)> = None; // (byte offset, mark)
        let mut current: Option<RawQuote> = None; // continued quote being extended
                                                  // The mark that continues a quotation has been read already.
        let mut from = 0;
        if let Some(mut q) = carry.take() {
            // Continued only when this paragraph opens with a double mark.
            let mut it = text.chars();
            match it.next() {
                Some(c)
                    if is_mark(c, None, it.clone().next())
                        && role(c, None, it.next()) != Role::Close =>
                {
                    open = Some((para.start, c));
                    current = Some(q);
                    from = c.len_utf8();
                }
                _ => {
                    q.terminated = false;
                    out.push(q.finish(prose));
                }
            }
        }
        let mut inner: Option<(usize, char)> = None;
        // The closing mark of a nested quotation in the same marks, read
        // ahead.
        let mut skip_to = 0;
        // Only the characters that can be marks are visited, found by their
        // first byte; the rest of the paragraph is skipped.
        marks.seek(para.start + from);
        while let Some(k) = marks.next_before(para.end) {
            let i = k - para.start;
            let c = char_at(text, i);
            if !(is_double(c) || is_single(c)) {
                continue;
            }
            let at = para.start + i;
            if at < skip_to {
                continue;
            }
            let p = char_before(text, i);
            let n = char_at_opt(text, i + c.len_utf8());
            if is_mark(c, p, n) {
                let r = role(c, p, n);
                match open {
                    None => {
                        if r != Role::Close {
                            open = Some((at, c));
                        }
                    }
                    Some((o, om)) => {
                        // A quotation inside a quotation in the other mark
                        // style: "He said “no” twice" or “She read "Ozymandias"”.
                        if let Some((io, ic)) = inner {
                            if closes_style(ic, c) && r != Role::Open {
                                nested.push(RawQuote::one(
                                    prose,
                                    Span::new(io, at + c.len_utf8()),
                                    Span::new(io + ic.len_utf8(), at),
                                    false,
                                ));
                                inner = None;
                                continue;
                            }
                        } else if r == Role::Open && straight(om) != straight(c) {
                            inner = Some((at, c));
                            continue;
                        } else if r == Role::Open {
                            // “… what he calls “hell” than …”: an opening
                            // mark followed by two closing ones is a
                            // quotation inside the quotation, in the same
                            // typographic marks.
                            if let Some(k) = same_style_nested(text, i + c.len_utf8(), om, c) {
                                nested.push(RawQuote::one(
                                    prose,
                                    Span::new(at, para.start + k + '”'.len_utf8()),
                                    Span::new(at + c.len_utf8(), para.start + k),
                                    false,
                                ));
                                skip_to = para.start + k + '”'.len_utf8();
                                continue;
                            }
                        }
                        inner = None;
                        let mut q = current.take().unwrap_or_else(|| new_quote(o));
                        if r == Role::Open {
                            // A fresh opening mark while one is open: the earlier
                            // quotation was never closed.
                            let s = o + om.len_utf8();
                            q.pieces.push(Span::new(s, trim_end(prose, s, at)));
                            q.span.end = q.pieces.last().map_or(s, |p| p.end);
                            q.terminated = false;
                            out.push(q.finish(prose));
                            open = Some((at, c));
                        } else {
                            q.pieces.push(Span::new(o + om.len_utf8(), at));
                            q.span.end = at + c.len_utf8();
                            q.terminated = true;
                            out.push(q.finish(prose));
                            open = None;
                        }
                    }
                }
            }
        }
        if let Some((o, om)) = open {
            let mut q = current.take().unwrap_or_else(|| new_quote(o));
            q.pieces.push(Span::new(o + om.len_utf8(), para.end));
            q.span.end = para.end;
            if pi + 1 < paragraphs.len() {
                carry = Some(q);
            } else {
                q.terminated = false;
                out.push(q.finish(prose));
            }
        }
    }
    if let Some(mut q) = carry {
        q.terminated = false;
        out.push(q.finish(prose));
    }
    out.append(&mut nested);
    // Top-level single-quoted spans (outside every double quotation).
    if !single_mode {
        let doubles = super::spanset::SpanSet::new(out.iter().map(|q| q.span));
        let mut marks = Marks::new(prose, true);
        for para in paragraphs {
            out.extend(scan_singles(prose, *para, &doubles, &mut marks));
        }
    }
    // (Each finished already: `RawQuote::finish`, `RawQuote::one`.)
    out.sort_by_key(|q| q.span.start);
    split_transcript_turns(prose, out)
}

/// A quoted nickname between a first name and a surname: “Tia” in
/// “Marcia “Tia” Lopez”, one or two capitalised words with a single space on
/// each side.
fn is_nickname(prose: &str, q: &RawQuote) -> bool {
    if !q.terminated || q.pieces.len() != 1 {
        return false;
    }
    let inner = &prose[q.pieces[0].start..q.pieces[0].end];
    let words = || inner.split(' ');
    if inner.len() > 30
        || words().count() > 2
        || !words().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
    {
        return false;
    }
    let Some(before) = prose[..q.span.start].strip_suffix(' ') else {
        return false;
    };
    let first = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    let after = &prose[q.span.end..];
    first.chars().next().is_some_and(char::is_uppercase)
        && super::lexicon::first_name_gender(&first.to_lowercase()).is_some()
        && after
            .strip_prefix(' ')
            .and_then(|a| a.chars().next())
            .is_some_and(char::is_uppercase)
}

/// Names a piece of a quotation addresses ("Lucy, dearest, …", "…,
/// Durbeyfield.", "Oh, Tommy!"), each given to `found` lowercased: the
/// first word followed by a comma, or a word after a comma right before the
/// closing punctuation, capitalised and not a function word.
pub fn piece_vocatives(piece: &str, mut found: impl FnMut(String)) {
    let inner = piece.trim();
    // (Only the first word and the last two are read: the words in
    // between are never split off, nor is a long quotation's middle
    // read at all.)
    let mut words = inner.split(char::is_whitespace).filter(|w| !w.is_empty());
    let mut from_end = inner.rsplit(char::is_whitespace).filter(|w| !w.is_empty());
    let mut cands: [Option<&str>; 2] = [None; 2];
    if let Some(first) = words.next() {
        if first.ends_with(',') {
            cands[0] = Some(first);
        }
    }
    if let (Some(last), Some(before_last)) = (from_end.next(), from_end.next()) {
        if before_last.ends_with(',') && last.ends_with(['.', '!', '?', ',']) {
            cands[1] = Some(last);
        }
    }
    for c in cands.into_iter().flatten() {
        let name = c.trim_matches(|x: char| !x.is_alphanumeric());
        if !name.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        // (Lowercased once, for the look-up and for `found`.)
        let lower = name.to_lowercase();
        if !super::lexicon::FUNCTION_WORDS.contains(lower.as_str()) {
            found(lower);
        }
    }
}

/// Words wholly in brackets, as a transcript marks what is not said:
/// "(CROSSTALK.)", "[Laughter]", "(inaudible)".
pub fn is_stage_direction(content: &str) -> bool {
    let s = content.trim().trim_end_matches(['.', ',']);
    if !(s.starts_with(['(', '[']) && s.ends_with([')', ']'])) {
        return false;
    }
    // The bracket that opens closes only at the end.
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 && i + 1 < s.len() {
                    return false;
                }
            }
            _ => {}
        }
    }
    s.chars().any(char::is_alphabetic)
}

/// A transcript quoted as one long multi-paragraph quotation ("PENCE: …" /
/// "WALLACE: …") is one quotation per speaker turn.
/// (The quotations are finished, `RawQuote::finish`: the ones to split
/// are noted, and the rest are kept as they are.)
fn split_transcript_turns(prose: &str, quotes: Vec<RawQuote>) -> Vec<RawQuote> {
    if !quotes.iter().any(|q| q.turns) {
        return quotes;
    }
    let mut out = Vec::with_capacity(quotes.len());
    for q in quotes {
        if !q.turns {
            out.push(q);
            continue;
        }
        let mut cur: Option<RawQuote> = None;
        for (k, p) in q.pieces.iter().enumerate() {
            let label = k > 0 && transcript_label(&prose[p.start..p.end]).is_some();
            if label {
                if let Some(c) = cur.take() {
                    out.push(c.settle(prose));
                }
            }
            // The opening mark sits right before the piece.
            let open = prose[..p.start]
                .char_indices()
                .next_back()
                .map_or(p.start, |(i, _)| i);
            let c = cur.get_or_insert_with(|| RawQuote {
                span: Span::new(open, open),
                pieces: Vec::with_capacity(1),
                terminated: true,
                single: q.single,
                content: [0; 2],
                turns: false,
                nickname: false,
                calls_out: false,
            });
            c.pieces.push(*p);
            c.span.end = if k + 1 == q.pieces.len() {
                q.span.end
            } else {
                p.end
            };
        }
        if let Some(mut c) = cur {
            c.terminated = q.terminated;
            out.push(c.settle(prose));
        }
    }
    out
}

/// "PENCE:" or "MR. SMITH:" opening a transcript turn: the name.
pub fn transcript_label(content: &str) -> Option<&str> {
    // (A label is at most 30 bytes: the first colon is looked for only in
    // the first 31, not through the whole quotation.)
    let head = &content.as_bytes()[..content.len().min(31)];
    let colon = memchr::memchr(b':', head)?;
    let name = &content[..colon];
    let ok = !name.is_empty()
        && name.len() <= 30
        && name.chars().any(char::is_alphabetic)
        && !name.starts_with(' ')
        && name
            .chars()
            .all(|x| x.is_uppercase() || matches!(x, ' ' | '.' | '\'' | '-' | '’'));
    ok.then_some(name)
}

/// True when single marks open far more quotations than double marks do.
fn single_quotes_primary(prose: &str) -> bool {
    let b = prose.as_bytes();
    // Guillemets («, ») are double marks; every other mark is ASCII or starts
    // with 0xE2.
    let mut doubles = memchr::memchr_iter(0xC2, b)
        .filter(|&i| matches!(b.get(i + 1), Some(0xAB | 0xBB)))
        .count();
    let mut single_opens = 0usize;
    for i in memchr::memchr3_iter(b'"', b'\'', 0xE2, b) {
        let c = char_at(prose, i);
        if is_double(c) {
            doubles += 1;
            continue;
        }
        if c != '‘' && c != '\'' {
            continue;
        }
        let prev = char_before(prose, i);
        let next = char_at_opt(prose, i + c.len_utf8());
        if (c == '‘' || c == '\'' && next != Some('\'') && prev != Some('\''))
            && opens_after(prev)
            && next.is_some_and(|n| n.is_alphabetic() || n == '-')
            && !is_apostrophe(c, prev, next)
        {
            single_opens += 1;
        }
    }
    single_opens >= 4 && doubles * 4 < single_opens
}

/// For a typographic opening mark at `from` (just past it) in paragraph
/// `text` while a quotation opened with `outer` is open: the offset of the
/// nested quotation's closing mark when the next two double marks both
/// close (“A “B” C”).
fn same_style_nested(text: &str, from: usize, outer: char, open: char) -> Option<usize> {
    if outer != '“' || open != '“' {
        return None;
    }
    let mut closes = text[from..]
        .char_indices()
        .filter(|&(_, c)| is_double(c))
        .map(|(k, c)| (from + k, c));
    let (k1, c1) = closes.next()?;
    let (k2, c2) = closes.next()?;
    let closing = |k: usize, c: char| {
        c == '”'
            && role(c, char_before(text, k), char_at_opt(text, k + c.len_utf8())) == Role::Close
    };
    (closing(k1, c1) && closing(k2, c2)).then_some(k1)
}

fn straight(c: char) -> bool {
    c == '"'
}

/// Whether `close` ends a quotation opened with `open`.
fn closes_style(open: char, close: char) -> bool {
    match open {
        '"' => close == '"',
        '«' => close == '»',
        '„' => matches!(close, '“' | '”'),
        _ => matches!(close, '”' | '“'),
    }
}

fn new_quote(open_at: usize) -> RawQuote {
    RawQuote {
        span: Span::new(open_at, open_at),
        pieces: Vec::with_capacity(1),
        terminated: true,
        single: false,
        content: [0; 2],
        turns: false,
        nickname: false,
        calls_out: false,
    }
}

fn trim_end(prose: &str, start: usize, end: usize) -> usize {
    start + prose[start..end].trim_end().len()
}

/// Single-quoted spans at the top level of one paragraph, outside `doubles`.
fn scan_singles(
    prose: &str,
    para: Span,
    doubles: &super::spanset::SpanSet,
    marks: &mut Marks,
) -> Vec<RawQuote> {
    let text = &prose[para.start..para.end];
    let inside = |at: usize| doubles.any_contains(at);
    // The single marks of the paragraph, in order.
    let singles = || {
        mark_candidates(text, 0, true).filter_map(|i| {
            let c = char_at(text, i);
            is_single(c).then_some((i, c))
        })
    };
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    marks.seek(para.start);
    while let Some(at) = marks.next_before(para.end) {
        let i = at - para.start;
        let c = char_at(text, i);
        if !is_single(c) {
            continue;
        }
        if inside(at) {
            continue;
        }
        let p = char_before(text, i);
        let n = char_at_opt(text, i + c.len_utf8());
        if is_apostrophe(c, p, n) {
            continue;
        }
        let r = role(c, p, n);
        match open {
            None if r == Role::Open && c != '’' => open = Some((at, c)),
            // A plural possessive (voters’ ) closes only when it is followed
            // by punctuation or the end, or by space when no letter follows.
            Some((o, om)) if r != Role::Open => {
                if p == Some('s') && n.is_some_and(|x| x == ' ') {
                    // Could be "the voters’ choice": keep looking for a later close,
                    // but remember this as a fallback by continuing.
                    let later = singles()
                        .skip_while(|&(k, _)| k <= i)
                        .any(|(k, _)| !inside(para.start + k));
                    if later {
                        continue;
                    }
                }
                out.push(RawQuote::one(
                    prose,
                    Span::new(o, at + c.len_utf8()),
                    Span::new(o + om.len_utf8(), at),
                    true,
                ));
                open = None;
            }
            _ => {}
        }
    }
    out
}

/// Byte offsets (from `from` on) in `text` of the first bytes of the
/// characters that can be quotation marks: `"` or `'`, and the lead bytes of
/// the curly marks (U+2018–U+201F, U+2039, U+203A start with 0xE2) and of the
/// guillemets (0xC2). Callers decode the character there and check it.
fn mark_candidates(text: &str, from: usize, single: bool) -> impl Iterator<Item = usize> + '_ {
    let (a, b, c) = if single {
        (b'\'', 0xE2, 0xE2)
    } else {
        (b'"', 0xE2, 0xC2)
    };
    let bytes = text.as_bytes().get(from..).unwrap_or_default();
    memchr::memchr3_iter(a, b, c, bytes).map(move |k| k + from)
}

/// The mark candidates (see `mark_candidates`) of a whole text, handed out
/// span by span from one search: a search per paragraph would start memchr
/// afresh on every short paragraph and finish it byte by byte.
struct Marks<'a> {
    bytes: &'a [u8],
    single: bool,
    it: memchr::Memchr3<'a>,
    /// Offset in `bytes` of the slice `it` searches.
    base: usize,
    /// A candidate taken from `it` and not handed out yet.
    peeked: Option<usize>,
    /// Every candidate before this offset has been taken from `it`.
    low: usize,
    /// Where the current span starts.
    start: usize,
}

impl<'a> Marks<'a> {
    fn new(text: &'a str, single: bool) -> Self {
        let bytes = text.as_bytes();
        Marks {
            bytes,
            single,
            it: Self::search(bytes, single),
            base: 0,
            peeked: None,
            low: 0,
            start: 0,
        }
    }

    fn search(bytes: &'a [u8], single: bool) -> memchr::Memchr3<'a> {
        let (a, b, c) = if single {
            (b'\'', 0xE2, 0xE2)
        } else {
            (b'"', 0xE2, 0xC2)
        };
        memchr::memchr3_iter(a, b, c, bytes)
    }

    /// Starts a span at `start`: `next_before` hands out the candidates from
    /// there on (a start before a candidate already handed out searches
    /// again from the start).
    fn seek(&mut self, start: usize) {
        if start < self.low {
            let from = start.min(self.bytes.len());
            self.it = Self::search(&self.bytes[from..], self.single);
            self.base = from;
            self.peeked = None;
            self.low = from;
        }
        self.start = start;
    }

    /// The next candidate of the span before `end`, in order.
    fn next_before(&mut self, end: usize) -> Option<usize> {
        let start = self.start;
        loop {
            let k = match self.peeked {
                Some(k) => k,
                None => {
                    let k = self.it.next()? + self.base;
                    self.peeked = Some(k);
                    k
                }
            };
            if k >= end {
                return None;
            }
            self.peeked = None;
            self.low = k + 1;
            if k >= start {
                return Some(k);
            }
        }
    }
}

/// The character starting at byte `i` of `text` (a char boundary).
fn char_at(text: &str, i: usize) -> char {
    char_at_opt(text, i).unwrap_or_default()
}

fn char_at_opt(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// The character ending right before byte `i` of `text`.
fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::segment::paragraphs;

    fn quotes(t: &str) -> Vec<(String, bool, bool)> {
        scan(t, &paragraphs(t))
            .into_iter()
            .map(|q| {
                let s: Vec<&str> = q.pieces.iter().map(|p| &t[p.start..p.end]).collect();
                (s.join("|"), q.terminated, q.single)
            })
            .collect()
    }

    #[test]
    fn curly_and_straight() {
        let t = "“We will win,” she said. He replied: \"Not today.\"";
        assert_eq!(
            quotes(t),
            vec![
                ("We will win,".into(), true, false),
                ("Not today.".into(), true, false)
            ]
        );
    }

    #[test]
    fn nested_singles_and_apostrophes() {
        let t = "“There is an ‘invisible hand’ at work in Kiev’s ’90s politics, isn’t there?” he asked.";
        let q = quotes(t);
        assert_eq!(q.len(), 1);
        assert!(q[0].0.contains("‘invisible hand’"));
    }

    #[test]
    fn guillemets_and_low_marks() {
        let t = "Il a dit «non merci» et „ja bitte“ gesagt.";
        assert_eq!(
            quotes(t),
            vec![
                ("non merci".into(), true, false),
                ("ja bitte".into(), true, false)
            ]
        );
    }

    #[test]
    fn continued_over_paragraphs() {
        let t = "“First part of the speech.\n\n“Second part,” he said.\n\nNext.";
        let q = quotes(t);
        assert_eq!(
            q,
            vec![("First part of the speech.|Second part,".into(), true, false)]
        );
    }

    #[test]
    fn nested_in_the_other_style() {
        let t = "\"SMITH: It is like an episode of “Night Court.” Really.\"";
        let q = quotes(t);
        assert_eq!(q.len(), 2, "{q:?}");
        assert!(q.iter().any(|x| x.0 == "Night Court."));
    }

    #[test]
    fn british_single_marks_are_primary() {
        let t = "‘I can’t go,’ she said. ‘Not today.’\n\n‘Why not?’\n\n‘The children’s school is closed.’\n\n‘Ah.’";
        let q = quotes(t);
        let words: Vec<&str> = q.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "I can’t go,",
                "Not today.",
                "Why not?",
                "The children’s school is closed.",
                "Ah."
            ]
        );
        assert!(q.iter().all(|x| !x.2));
    }

    #[test]
    fn transcript_turns_are_separate_quotations() {
        let t = "\"HOST: Welcome back.\n\n\"GUEST: Thank you.\n\n\"It is good to be here.\n\n\"HOST: Let us begin.\"";
        let q = quotes(t);
        let words: Vec<&str> = q.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            words,
            vec![
                "HOST: Welcome back.",
                "GUEST: Thank you.|It is good to be here.",
                "HOST: Let us begin."
            ]
        );
    }

    #[test]
    fn unterminated_at_paragraph_end() {
        let t = "She said “this never ends.\n\nA new paragraph without a mark.";
        let q = quotes(t);
        assert_eq!(q, vec![("this never ends.".into(), false, false)]);
    }

    #[test]
    fn misused_closing_mark_opens() {
        let t = "”Mr. Smith is wrong,” the mayor said.";
        assert_eq!(quotes(t), vec![("Mr. Smith is wrong,".into(), true, false)]);
    }

    #[test]
    fn top_level_singles() {
        let t = "Candidate was ‘mocking’ the voters’ choice, aides say.";
        let q = quotes(t);
        assert_eq!(q, vec![("mocking".into(), true, true)]);
    }

    #[test]
    fn inches_and_stray_marks_do_not_panic() {
        for t in [
            "He is 6'3\" tall.",
            "\"",
            "”",
            "“",
            "a \" b",
            "''''",
            "‘’‘’",
        ] {
            let _ = quotes(t);
        }
    }
}
