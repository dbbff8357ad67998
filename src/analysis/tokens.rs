//! Words, punctuation and quotations as a flat token stream, with sentence
//! boundaries. A quotation is one opaque token, so that sentence ends inside
//! it do not cut the sentence around it.

use super::lexicon::{Cue, Lex};
use super::quotes::RawQuote;
use super::types::{Gender, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Word,
    Punct(char),
    /// The index of a quotation in the scanner's list.
    Quote(u32),
}

/// A token. Kept small (16 bytes, `Copy`: the kind, the capital flag and a
/// word's index into its text's table of distinct lowercased words packed
/// in two `u32`s): a long text has millions.
#[derive(Clone, Copy, Debug)]
pub struct Tok {
    /// The byte range, as `u32`s (`span()` gives it as a `Span`).
    start: u32,
    end: u32,
    /// Index of the paragraph the token is in, and `CAP` when it is a word
    /// that starts with an upper-case letter (`para()`, `cap()`).
    para: u32,
    /// The kind (`kind()`): a punctuation mark's character, `QUOTE | index`
    /// of the quotation, or `WORD | index` of the lowercased word in
    /// `Toks::words`.
    code: u32,
}

const _: () = assert!(std::mem::size_of::<Tok>() <= 16);

/// `Tok::code` of a quotation: this bit and the quotation's index (below
/// 2^31: a text under 4 GB has fewer quotations).
const QUOTE: u32 = 1 << 31;
/// `Tok::code` of a word: this bit and the word's index (characters, and
/// so punctuation codes, stay below 2^21).
const WORD: u32 = 1 << 30;
/// In `Tok::para`: the word is capitalised (paragraphs stay below 2^31).
const CAP: u32 = 1 << 31;

/// The tokens of a text and its distinct lowercased words; derefs to the
/// tokens, and `w(t)` gives a token's lowercased word.
pub struct Toks {
    toks: Vec<Tok>,
    /// The distinct lowercased words; 0 is the empty word of punctuation
    /// and quotations.
    words: WordList,
}

/// Distinct lowercased words: their texts one after another in one string
/// (one allocation for all of them rather than one each) and what is known
/// of each.
#[derive(Default)]
struct WordList {
    text: String,
    known: Vec<WordInfo>,
}

impl WordList {
    #[inline]
    fn get(&self, i: usize) -> Lower<'_> {
        Lower {
            all: &self.text,
            info: &self.known[i],
        }
    }
}

impl std::ops::Deref for Toks {
    type Target = [Tok];
    #[inline]
    fn deref(&self) -> &[Tok] {
        &self.toks
    }
}

impl Toks {
    /// The lowercased text of a word token (straight apostrophes) with its
    /// word lists; empty for other tokens.
    #[inline]
    pub fn w(&self, t: &Tok) -> Lower<'_> {
        self.words.get(word_index(t))
    }
}

/// The index in `WordList` of a token's word (0, the empty word, for other
/// tokens).
#[inline]
fn word_index(t: &Tok) -> usize {
    if t.code & (QUOTE | WORD) == WORD {
        (t.code & !WORD) as usize
    } else {
        0
    }
}

/// Where a distinct word's text is in `WordList::text`, and the word lists
/// it is in.
struct WordInfo {
    start: u32,
    end: u32,
    known: super::lexicon::Known,
}

/// A distinct lowercased word of a text, with the word lists it is in.
/// (Its text is cut from the list's only when asked for: most questions
/// are about the lists.)
#[derive(Clone, Copy)]
pub struct Lower<'a> {
    /// `WordList::text` (a thin reference: the word is two registers).
    all: &'a String,
    info: &'a WordInfo,
}

impl<'a> Lower<'a> {
    /// The built-in speech cues that open with the word (`lexicon::CUES`),
    /// looked up once.
    pub fn cues(self) -> Option<&'static [Cue]> {
        self.info.known.cues
    }
    /// `lexicon::first_name_gender` of the word, worked out once.
    pub fn first_name(self) -> Option<Gender> {
        self.info.known.first_name
    }
    /// `lexicon::is_surname` of the word, worked out once.
    pub fn is_surname(self) -> bool {
        self.is(Lex::SURNAMES)
    }
    /// The word is a listed abbreviation or initials, worked out once.
    pub fn is_abbreviation(self) -> bool {
        self.is(Lex::ABBREVIATIONS)
    }
    #[inline]
    pub fn as_str(self) -> &'a str {
        // SAFETY: `WordList::get` pairs a word with the text of its own
        // list, where `Words::add` appended the word whole at
        // `start..end`: a range of that text on character boundaries. The
        // text is only ever appended to.
        unsafe {
            self.all
                .get_unchecked(self.info.start as usize..self.info.end as usize)
        }
    }
    /// The word is in lexicon list `l` (the same answer as asking the list).
    pub fn is(self, l: Lex) -> bool {
        self.info.known.lex.has(l)
    }
    /// All the lexicon lists the word is in.
    pub fn lex(self) -> Lex {
        self.info.known.lex
    }
}

/// Hands out one index per distinct word.
struct Words {
    /// The index of each word by a hash of its text (a word whose hash is
    /// another's is in `clashes`): the text itself is kept only in `list`.
    seen: rustc_hash::FxHashMap<u64, u32>,
    clashes: rustc_hash::FxHashMap<Box<str>, u32>,
    list: WordList,
    /// Scratch space for lowercasing.
    buf: String,
    /// A memo of `seen` for lowercased ASCII words of up to eight bytes,
    /// direct-mapped: (the word's bytes as a little-endian `u64`, zero
    /// padded, its index). A word has no NUL byte, so the `u64` is the
    /// word; the empty word, key 0, is index 0, which fills the table at
    /// first. A slot holds the last word that hashed to it.
    short: Box<[(u64, u32)]>,
    /// The same for ASCII words of nine to sixteen bytes, as two `u64`s
    /// (the second one not zero: an empty slot matches no word).
    long: Box<[([u64; 2], u32)]>,
}

/// `Words::short` has `1 << SHORT_BITS` slots (32 KB).
const SHORT_BITS: u32 = 11;
/// `Words::long` has `1 << LONG_BITS` slots (48 KB).
const LONG_BITS: u32 = 11;

impl Words {
    /// For a text of `len` bytes: the tables are sized for its words at
    /// once (grown, each would be rehashed or copied several times).
    fn new(len: usize) -> Words {
        // (About one distinct word in 10–20 bytes of a news article.)
        let expected = (len / 12).clamp(64, 4096);
        let mut words = Words {
            seen: rustc_hash::FxHashMap::with_capacity_and_hasher(expected, Default::default()),
            clashes: Default::default(),
            list: WordList {
                text: String::with_capacity(expected * 8),
                known: Vec::with_capacity(expected),
            },
            buf: String::new(),
            short: vec![(0, 0); 1 << SHORT_BITS].into_boxed_slice(),
            long: vec![([0; 2], 0); 1 << LONG_BITS].into_boxed_slice(),
        };
        words.add("");
        words
    }
    fn get(&mut self, lower: &str) -> u32 {
        use std::hash::BuildHasher;
        let hash = rustc_hash::FxBuildHasher.hash_one(lower);
        match self.seen.entry(hash) {
            std::collections::hash_map::Entry::Occupied(e) => {
                let w = *e.get();
                if self.list.get(w as usize).as_str() == lower {
                    return w;
                }
                if let Some(&w) = self.clashes.get(lower) {
                    return w;
                }
                let w = self.add(lower);
                self.clashes.insert(lower.into(), w);
                w
            }
            std::collections::hash_map::Entry::Vacant(e) => {
                // (The index `add` is about to give.)
                e.insert(self.list.known.len() as u32);
                self.add(lower)
            }
        }
    }
    /// Adds `lower` to the list (not to the look-ups); its index.
    fn add(&mut self, lower: &str) -> u32 {
        let w = self.list.known.len() as u32;
        debug_assert!(w < WORD);
        let start = self.list.text.len() as u32;
        self.list.text.push_str(lower);
        self.list.known.push(WordInfo {
            start,
            end: self.list.text.len() as u32,
            known: super::lexicon::known(lower),
        });
        w
    }
}

impl std::ops::Deref for Lower<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Debug for Lower<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.as_str().fmt(f)
    }
}

impl PartialEq for Lower<'_> {
    fn eq(&self, other: &Lower) -> bool {
        self.as_str() == other.as_str()
    }
}

impl PartialEq<str> for Lower<'_> {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Lower<'_> {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for Lower<'_> {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Tok {
    fn new(start: usize, end: usize, kind: Kind, para: usize, cap: bool, word: u32) -> Tok {
        let code = match kind {
            Kind::Word => WORD | word,
            Kind::Punct(c) => c as u32,
            Kind::Quote(q) => {
                debug_assert!(q < QUOTE);
                QUOTE | q
            }
        };
        debug_assert!((para as u32) < CAP);
        Tok {
            start: start as u32,
            end: end as u32,
            para: para as u32 | if cap { CAP } else { 0 },
            code,
        }
    }
    /// What the token is.
    #[inline]
    pub fn kind(&self) -> Kind {
        if self.code & QUOTE != 0 {
            Kind::Quote(self.code & !QUOTE)
        } else if self.code & WORD != 0 {
            Kind::Word
        } else {
            // Always a character: only `Tok::new` writes the code.
            Kind::Punct(char::from_u32(self.code).unwrap_or('\0'))
        }
    }
    /// The token is a word that starts with an upper-case letter.
    #[inline]
    pub fn cap(&self) -> bool {
        self.para & CAP != 0
    }
    #[inline]
    pub fn is_word(&self) -> bool {
        self.code & (QUOTE | WORD) == WORD
    }
    #[inline]
    pub fn is_punct(&self, c: char) -> bool {
        self.code == c as u32
    }
    /// The token's byte range.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    /// The paragraph index as a `usize`.
    #[inline]
    pub fn para(&self) -> usize {
        (self.para & !CAP) as usize
    }
    #[inline]
    pub fn quote(&self) -> Option<usize> {
        if self.code & QUOTE != 0 {
            Some((self.code & !QUOTE) as usize)
        } else {
            None
        }
    }
}

/// Abbreviations after which a full stop does not end a sentence.
pub(super) const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "lt", "gen", "col", "capt", "sgt", "adm", "maj",
    "st", "jr", "sr", "inc", "corp", "co", "ltd", "u.s", "u.k", "u.n", "e.u", "a.m", "p.m", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "no", "vs",
    "etc", "prof", "rev", "atty", "supt", "det", "cpl", "pvt", "cmdr", "ft", "mt", "ave", "blvd",
    "d.c", "mx", "mme", "messrs", "i.e", "e.g", "approx", "dept", "gov't", "calif", "fla", "ariz",
    "mass", "ill", "wis", "tenn", "penn", "va", "md", "n.y", "n.j", "s.c", "n.c", "ga", "ky", "la",
    "mo", "ok", "ore", "wash", "conn", "colo", "del",
];

/// Capitalised words that open a new sentence rather than name a speaker.
fn is_sentence_opener(lower: &str) -> bool {
    super::lexicon::FUNCTION_WORDS.contains(lower)
        && !matches!(lower, "he" | "she" | "they" | "it" | "we" | "i")
}

/// A word lowercased with curly apostrophes made straight.
fn lowercase_word(text: &str, words: &mut Words) -> u32 {
    // An ASCII word of up to eight bytes: lowercased into a `u64` and
    // looked up in the memo first; one of up to sixteen, into two `u64`s
    // and in a memo of its own (the second is never zero, as the word is
    // longer than eight).
    let b = text.as_bytes();
    if b.len() <= 8 {
        if let Some([key]) = ascii_key::<1>(b) {
            let slot = (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - SHORT_BITS)) as usize;
            return memoised(text, words, |w| &mut w.short, slot, key);
        }
    } else if b.len() <= 16 {
        if let Some(key) = ascii_key::<2>(b) {
            let h = key[0] ^ key[1].rotate_left(29);
            let slot = (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - LONG_BITS)) as usize;
            return memoised(text, words, |w| &mut w.long, slot, key);
        }
    }
    lowercase_word_uncached(text, words)
}

/// The bytes of an ASCII word of up to `8 * N` bytes, lowercased, as
/// little-endian `u64`s, zero padded; `None` when a byte is not ASCII.
#[inline]
fn ascii_key<const N: usize>(b: &[u8]) -> Option<[u64; N]> {
    let mut key = [0u64; N];
    let mut ascii = true;
    for (k, &c) in b.iter().enumerate() {
        ascii &= c.is_ascii();
        // (`% N` changes nothing for a word that fits; it spares a bounds
        // check.)
        key[(k / 8) % N] |= (c.to_ascii_lowercase() as u64) << (8 * (k % 8));
    }
    ascii.then_some(key)
}

/// The index of word `text` from slot `slot` of a memo (`table` of
/// `words`) when the slot holds `key`; else worked out and noted there.
#[inline]
fn memoised<K: Copy + PartialEq>(
    text: &str,
    words: &mut Words,
    table: fn(&mut Words) -> &mut [(K, u32)],
    slot: usize,
    key: K,
) -> u32 {
    let (k, w) = table(words)[slot];
    if k == key {
        return w;
    }
    let w = lowercase_word_uncached(text, words);
    table(words)[slot] = (key, w);
    w
}

/// `lowercase_word` without the memos of short words.
fn lowercase_word_uncached(text: &str, words: &mut Words) -> u32 {
    // (Most words are lowercase already: those are looked up as they stand.)
    if text
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    {
        return words.get(text);
    }
    if text.is_ascii() {
        let mut buf = std::mem::take(&mut words.buf);
        buf.clear();
        buf.push_str(text);
        buf.make_ascii_lowercase();
        let lower = words.get(&buf);
        words.buf = buf;
        return lower;
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '’' {
            out.push('\'');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    words.get(&out)
}

/// A letter ("j") or letters with full stops ("u.s", "j.r"): abbreviations
/// without being listed.
pub(super) fn is_initials(lower: &str) -> bool {
    (lower.contains('.') && lower.split('.').all(|p| p.chars().count() <= 1))
        || (lower.chars().count() == 1 && lower.chars().all(|c| c.is_alphabetic()))
}

/// The character at byte `i` of `s` (a char boundary), without decoding
/// when it is ASCII.
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s[i..].chars().next(),
        None => None,
    }
}

/// The ASCII word characters (`is_word_char`) as a table: letters, digits
/// and the underscore.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    table
};

fn is_word_char(c: char) -> bool {
    // (ASCII from the byte table; the marks and dashes met after words are
    // answered without a search of the Unicode tables.)
    if c.is_ascii() {
        WORD_BYTE[c as usize]
    } else {
        super::attribute::is_alphanumeric(c)
    }
}

/// A character that continues a word without being a letter itself: a
/// combining mark ("Jose\u{301}", text in decomposed form), or the second
/// character of a letter that was encoded in UTF-8 and decoded again as
/// Latin-1 ("FranÃ§ois" for "François": U+0080–U+00BF right after "Â" to
/// "ß", which may itself be decomposed).
fn continues_word(prose: &str, at: usize, c: char) -> bool {
    let combining = |c: char| ('\u{300}'..='\u{36f}').contains(&c);
    combining(c)
        || ('\u{80}'..='\u{bf}').contains(&c)
            && prose[..at]
                .chars()
                .next_back()
                .is_some_and(|p| ('\u{c2}'..='\u{df}').contains(&p) || combining(p))
}

/// Tokenises `prose`. Each quotation's whole span becomes one token.
#[cfg(test)]
pub fn tokenize(prose: &str, paragraphs: &[Span], quotes: &[RawQuote]) -> Toks {
    tokenize_with(prose, paragraphs, quotes, |_, _, _, _| {}).0
}

/// `tokenize`, finding the sentences (`sentences`) on the way: each
/// paragraph's tokens are split as soon as they are made, while they are
/// still in the cache (a pass of its own read the whole token table again).
/// Each token is handed to `each` with its index, the index of its sentence
/// and the tokens made so far.
pub fn tokenize_with(
    prose: &str,
    paragraphs: &[Span],
    quotes: &[RawQuote],
    mut each: impl FnMut(usize, &Tok, usize, &[Tok]),
) -> (Toks, Vec<(usize, usize)>) {
    // Offsets are kept as `u32`: `analyze` cuts longer texts into pieces.
    debug_assert!(prose.len() < u32::MAX as usize);
    let mut toks = Vec::with_capacity(prose.len() / 5);
    let mut words = Words::new(prose.len());
    // Quotation spans per paragraph piece, so a multi-paragraph quotation is a
    // token in each paragraph it spans (the same index each time).
    let mut qspans: Vec<(Span, usize)> = Vec::new();
    // The marks around a nickname ("Marcia “Tia” Lopez") make no tokens, so
    // the name reads as one run of words.
    let mut nick_marks: Vec<usize> = Vec::new();
    // The content of each quotation, for `split_sentences`: it asks as the
    // tokens reach each quotation, a read of the quotation table each (long
    // out of the cache on long texts), where this short table is read in
    // order.
    let mut contents: Vec<[u32; 2]> = Vec::with_capacity(quotes.len());
    for (qi, q) in quotes.iter().enumerate() {
        contents.push(packed_content(q));
        if q.single {
            continue;
        }
        if q.is_nickname() {
            // (A nickname is one piece: its content ends where it does.)
            nick_marks.push(q.span.start);
            nick_marks.push(q.content().end);
            continue;
        }
        qspans.push((q.span, qi));
    }
    qspans.sort_by_key(|(s, _)| s.start);
    nick_marks.sort_unstable();
    let mut qk = 0;
    let mut nk = 0;
    let mut sents = Vec::new();
    for (pi, para) in paragraphs.iter().enumerate() {
        let mut i = para.start;
        let b = prose.as_bytes();
        // Where the next quotation (or the paragraph) starts: words stop
        // there. Until `i` reaches it, the quotation cursor cannot move, so
        // it is asked again only then.
        let mut next_q = i;
        while i < para.end {
            if i >= next_q {
                while qk < qspans.len() && qspans[qk].0.end <= i {
                    qk += 1;
                }
                if qk < qspans.len() && qspans[qk].0.start <= i {
                    let (s, qi) = qspans[qk];
                    let end = s.end.min(para.end);
                    toks.push(Tok::new(i, end, Kind::Quote(qi as u32), pi, false, 0));
                    i = end;
                    continue;
                }
                next_q = if qk < qspans.len() {
                    qspans[qk].0.start.min(para.end)
                } else {
                    para.end
                };
            }
            let c = match char_at(prose, i) {
                Some(c) => c,
                None => break,
            };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            if is_word_char(c) {
                // A word: word chars joined by internal apostrophes, hyphens and
                // full stops between letters (U.S., e-mail, Kiev’s).
                let mut j = i;
                let mut last_good = i;
                while j < next_q {
                    // A run of ASCII word characters at once.
                    if WORD_BYTE[b[j] as usize] {
                        j += 1;
                        while j < next_q && WORD_BYTE[b[j] as usize] {
                            j += 1;
                        }
                        last_good = j;
                        continue;
                    }
                    let ch = match char_at(prose, j) {
                        Some(ch) => ch,
                        None => break,
                    };
                    if is_word_char(ch) || continues_word(prose, j, ch) {
                        j += ch.len_utf8();
                        last_good = j;
                    } else if ch == '/'
                        && b[j - 1].is_ascii_digit()
                        && b.get(j + 1).is_some_and(u8::is_ascii_digit)
                        && j + 1 < next_q
                    {
                        // "9/11", "24/7": one word.
                        j += 1;
                    } else if matches!(ch, '\'' | '’' | '-' | '.' | '&') {
                        let after = char_at(prose, j + ch.len_utf8());
                        if after.is_some_and(is_word_char) && j + ch.len_utf8() < next_q {
                            // "U.S." keeps its inner dots; a dot before a space ends the word.
                            // Inner full stops only join initials: U.S., G.K., D-S.C.
                            if ch == '.' {
                                let seg = prose[i..j].rsplit(['.', '-']).next().unwrap_or("");
                                if seg.chars().count() != 1 || !seg.chars().all(char::is_alphabetic)
                                {
                                    break;
                                }
                            }
                            j += ch.len_utf8();
                        } else {
                            break;
                        }
                    } else {
                        break;
                    }
                }
                let end = last_good.max(i + c.len_utf8());
                let text = &prose[i..end];
                let lower = lowercase_word(text, &mut words);
                let cap = text.chars().next().is_some_and(|x| x.is_uppercase());
                toks.push(Tok::new(i, end, Kind::Word, pi, cap, lower));
                i = end;
                continue;
            }
            while nk < nick_marks.len() && nick_marks[nk] < i {
                nk += 1;
            }
            if nick_marks.get(nk) != Some(&i) {
                toks.push(Tok::new(i, i + c.len_utf8(), Kind::Punct(c), pi, false, 0));
            }
            i += c.len_utf8();
        }
        // (A sentence never runs on past its paragraph.)
        split_sentences(&toks, &words.list, prose, &contents, &mut sents, &mut each);
    }
    (
        Toks {
            toks,
            words: words.list,
        },
        sents,
    )
}

/// A quotation's `content()` as `u32`s (offsets fit: `analyze` cuts longer
/// texts into pieces).
fn packed_content(q: &RawQuote) -> [u32; 2] {
    let c = q.content();
    [c.start as u32, c.end as u32]
}

/// Sentence spans as token index ranges `[start, end)`.
#[cfg(test)]
pub fn sentences(toks: &Toks, prose: &str, quotes: &[RawQuote]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    split_sentences(
        toks,
        &toks.words,
        prose,
        &quotes.iter().map(packed_content).collect::<Vec<_>>(),
        &mut out,
        &mut |_, _, _, _| {},
    );
    out
}

/// Carries the sentences `out` on over `toks` (a whole number of paragraphs
/// is split already, `out` ending on the last of them), handing each new
/// token to `each` on the way with its index, the index of its sentence and
/// the tokens (so that a caller's own pass over the tokens needs no second
/// walk of the token table). `words`: the distinct words (`Toks::w`);
/// `contents`: each quotation's `packed_content`.
fn split_sentences(
    toks: &[Tok],
    words: &WordList,
    prose: &str,
    contents: &[[u32; 2]],
    out: &mut Vec<(usize, usize)>,
    each: &mut impl FnMut(usize, &Tok, usize, &[Tok]),
) {
    let w = |t: &Tok| words.get(word_index(t));
    let mut start = out.last().map_or(0, |&(_, e)| e);
    for i in start..toks.len() {
        let t = &toks[i];
        // (The sentence the token is in is the next one to be pushed.)
        each(i, t, out.len(), toks);
        let next = toks.get(i + 1);
        let para_end = next.is_none_or(|n| n.para() != t.para());
        let mut end_here = para_end;
        if !end_here {
            let n = next.unwrap();
            // (Asked only after a mark that can end a sentence.)
            let next_starts = || {
                (n.is_word()
                    && (n.cap() || w(n).chars().next().is_some_and(|c| c.is_ascii_digit())))
                    || n.quote().is_some()
                    || n.is_punct('(')
            };
            match t.kind() {
                Kind::Punct('.') | Kind::Punct('!') | Kind::Punct('?') => {
                    let prev_abbrev = i > 0
                        && toks[i - 1].is_word()
                        && t.is_punct('.')
                        && w(&toks[i - 1]).is_abbreviation();
                    if !prev_abbrev && next_starts() {
                        end_here = true;
                    }
                    // "…said Mr. Smith." is caught above; a title before a
                    // capital ("Gen. Smith") never ends a sentence.
                }
                // A quotation whose last words end a sentence, followed by a
                // new sentence: “We won.” The crowd cheered. (The quotation
                // is read only when such a word follows.)
                Kind::Quote(q) if n.is_word() && next_starts() => {
                    let [start, end] = contents[q as usize];
                    let inner = prose[start as usize..end as usize].trim_end();
                    // Only when a plain sentence opener follows: after “…?”
                    // a name is usually the speaker ("“Why?” Smith asked").
                    // A full stop inside the marks ends the sentence (an
                    // attribution would follow a comma); after ? and ! a
                    // capitalised name is usually the speaker.
                    let full_stop =
                        inner.ends_with('.') && !inner.ends_with("...") && !inner.ends_with('…');
                    if full_stop || inner.ends_with(['!', '?']) && is_sentence_opener(w(n).as_str())
                    {
                        end_here = true;
                    }
                }
                _ => {}
            }
        }
        if end_here {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{quotes::scan, segment::paragraphs};

    fn toks(t: &str) -> (Toks, Vec<(usize, usize)>) {
        let p = paragraphs(t);
        let q = scan(t, &p);
        let k = tokenize(t, &p, &q);
        let s = sentences(&k, t, &q);
        (k, s)
    }

    #[test]
    fn distinct_words_whose_hashes_clash_keep_their_own_index() {
        use std::hash::BuildHasher;
        let mut words = Words::new(100);
        let alpha = words.get("alpha");
        // Make "beta" look like "alpha" to the hash look-up, as a clash of
        // two words' hashes would.
        let beta_hash = rustc_hash::FxBuildHasher.hash_one("beta");
        words.seen.insert(beta_hash, alpha);
        let beta = words.get("beta");
        assert_ne!(beta, alpha);
        assert_eq!(words.list.get(beta as usize).as_str(), "beta");
        assert_eq!(words.get("beta"), beta);
        assert_eq!(words.get("alpha"), alpha);
        assert_eq!(words.list.get(alpha as usize).as_str(), "alpha");
        // What the lexicon knows goes with each word.
        let said = words.get("said");
        assert!(words.list.get(said as usize).cues().is_some());
        assert!(words.list.get(beta as usize).cues().is_none());
    }

    #[test]
    fn words_and_abbreviations() {
        let (k, s) = toks("Mr. Smith met U.S. officials in Kiev’s centre. They left.");
        let words: Vec<&str> = k
            .iter()
            .filter(|t| t.is_word())
            .map(|t| k.w(t).as_str())
            .collect();
        assert_eq!(
            words,
            vec![
                "mr",
                "smith",
                "met",
                "u.s",
                "officials",
                "in",
                "kiev's",
                "centre",
                "they",
                "left"
            ]
        );
        assert_eq!(s.len(), 2);
    }

    #[test]
    fn quotation_is_one_token() {
        let (k, s) = toks("“We won. We really did,” she said. Next sentence.");
        assert!(k[0].quote().is_some());
        assert_eq!(s.len(), 2);
    }
}
