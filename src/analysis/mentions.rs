//! Noun phrases that can speak: names with their titles, organisations and
//! capitals, pronouns, descriptions and unnamed sources. The phrase finders
//! walk the token stream from a speech cue backwards (the subject) or
//! forwards ("said the minister", "according to a source").

use super::lexicon::{
    Lex, DETERMINERS, DOCUMENT_NOUNS, FUNCTION_WORDS, HONORIFICS, METONYMS, ORG_WORDS, PRONOUNS,
    ROLE_NOUNS, UNNAMED_HEADS,
};
use super::tokens::{Kind, Lower, Tok, Toks};
use super::types::{Gender, MentionKind, Span};

/// A phrase found in the text that can be a speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Phrase {
    /// Token range `[start, end)`, as `u32`s like token offsets (a smaller
    /// entry in the per-quotation and per-mention tables); `tok_range()`
    /// gives it as `usize`s.
    pub toks: (u32, u32),
    /// The byte range, as `u32`s (`span()` gives it as a `Span`).
    pub at: (u32, u32),
    pub kind: MentionKind,
    /// The name without titles ("Qin Gang"), for names and organisations.
    pub name: String,
    /// Title and role words in front or in apposition ("Chinese Foreign Minister").
    pub role: String,
    pub gender: Gender,
    pub plural: bool,
    /// The phrase is headed by a document noun ("the statement").
    pub document: bool,
}

impl Phrase {
    /// Token range `[start, end)`.
    #[inline]
    pub fn tok_range(&self) -> (usize, usize) {
        (self.toks.0 as usize, self.toks.1 as usize)
    }

    /// `tok_range` as kept: token indexes stay below `u32::MAX` (`analyze`
    /// cuts longer texts into pieces).
    pub fn pack_range((s, e): (usize, usize)) -> (u32, u32) {
        (s as u32, e as u32)
    }

    /// The byte range.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.at.0 as usize, self.at.1 as usize)
    }

    /// Sets the byte range.
    pub fn set_span(&mut self, s: Span) {
        self.at = Phrase::pack_span(s);
    }

    /// `span` as kept: offsets stay below `u32::MAX`, as token offsets do.
    pub fn pack_span(s: Span) -> (u32, u32) {
        (s.start as u32, s.end as u32)
    }

    /// An organisation named `name`, with no role of its own.
    fn organisation(toks: (usize, usize), span: Span, name: String) -> Phrase {
        Phrase {
            toks: Phrase::pack_range(toks),
            at: Phrase::pack_span(span),
            kind: MentionKind::Organization,
            name,
            role: String::new(),
            gender: Gender::Unknown,
            plural: false,
            document: false,
        }
    }

    /// The pronoun `pron` ("he", "they"; a key of `PRONOUNS`), with its sex
    /// and number.
    pub fn pronoun(toks: (usize, usize), span: Span, pron: &str) -> Phrase {
        let (gender, plural) = PRONOUNS[pron];
        Phrase {
            toks: Phrase::pack_range(toks),
            at: Phrase::pack_span(span),
            kind: MentionKind::Pronoun,
            name: String::new(),
            role: pron.to_string(),
            gender,
            plural,
            document: false,
        }
    }
}

/// "reportedly", "shortly": a lowercased word that is an -ly adverb.
pub fn is_ly_adverb(w: &str) -> bool {
    w.ends_with("ly") && w.len() > 4 && !matches!(w, "family" | "italy" | "ally" | "early")
}

/// Words that may sit between a subject and its cue ("Qin also said",
/// "Moscow has repeatedly said").
pub fn is_adverbial(toks: &Toks, t: &Tok) -> bool {
    if !t.is_word() {
        return false;
    }
    let w = toks.w(t).as_str();
    if !t.cap() && is_ly_adverb(w) {
        return true;
    }
    is_time_word(toks, t)
        || matches!(
            w,
            "has"
                | "have"
                | "had"
                | "also"
                | "later"
                | "then"
                | "again"
                | "once"
                | "will"
                | "would"
                | "is"
                | "was"
                | "were"
                | "are"
                | "been"
                | "did"
                | "does"
                | "do"
                | "not"
                | "never"
                | "only"
                | "always"
                | "now"
                | "just"
                | "still"
                | "even"
                | "first"
                | "soon"
                | "previously"
                | "recently"
                | "often"
                | "further"
                | "could"
                | "should"
                | "may"
                | "might"
                | "can"
                | "must"
                | "already"
                | "ultimately"
                | "separately"
                | "privately"
                | "publicly"
                | "reportedly"
                | "allegedly"
                | "too"
                | "himself"
                | "herself"
                | "themselves"
                | "itself"
                | "in"
                | "afterward"
                | "afterwards"
                | "at"
                | "the"
                | "time"
                | "month"
                | "year"
                | "who"
                | "since"
                | "long"
                | "both"
                | "all"
                | "each"
                | "n't"
                | "didn't"
                | "doesn't"
                | "hasn't"
                | "haven't"
                | "wasn't"
                | "isn't"
        )
}

fn is_pronoun(w: &str) -> bool {
    PRONOUNS.contains_key(w)
}

/// A word that can belong to a name: capitalised, or a particle inside one.
fn name_word(toks: &Toks, i: usize) -> bool {
    let t = &toks[i];
    if !t.is_word() {
        // the full stop of "Mr." or "J."
        return t.is_punct('.')
            && i > 0
            && toks[i - 1].is_word()
            && toks[i - 1].cap()
            && (toks.w(&toks[i - 1]).is_abbreviation() || toks.w(&toks[i - 1]).contains('.'));
    }
    if t.cap() {
        return true;
    }
    // (The next word's capital first: most words are no particle.)
    i + 1 < toks.len() && toks[i + 1].cap() && is_name_particle(toks.w(t).as_str())
}

/// A function word, unless it is an initial ("A." in "Julie A. Diaz") or a
/// surname after a first name ("George Will").
fn is_function(toks: &Toks, i: usize) -> bool {
    let t = &toks[i];
    t.is_word()
        && toks.w(t).is(Lex::FUNCTION_WORDS)
        && !(t.cap()
            && toks.w(t).chars().count() == 1
            && toks.get(i + 1).is_some_and(|n| n.is_punct('.')))
        && !function_word_in_name(toks, i)
}

/// A capitalised function word that continues the name of the first name
/// before it: an initial ("Jill A. Martin", not "World War I. Clinton") or
/// a surname ("George Will", "Al From"; with no capitalised word after it,
/// which would make a title-case headline, "Hillary Will Win").
fn function_word_in_name(toks: &Toks, i: usize) -> bool {
    let t = &toks[i];
    if !(t.is_word() && t.cap() && i > 0) {
        return false;
    }
    let prev = &toks[i - 1];
    if !(prev.is_word() && prev.cap() && toks.w(prev).first_name().is_some()) {
        return false;
    }
    let w = toks.w(t).as_str();
    let next = toks.get(i + 1);
    if w.chars().count() == 1 {
        return next.is_some_and(|n| n.is_punct('.'));
    }
    !next.is_some_and(|n| n.is_word() && n.cap())
        && !matches!(
            w,
            "and"
                | "or"
                | "of"
                | "the"
                | "an"
                | "in"
                | "on"
                | "at"
                | "to"
                | "for"
                | "by"
                | "with"
                | "but"
                | "as"
                | "is"
                | "was"
        )
}

/// Lowercase words inside names: "Ursula von der Leyen", "Ibn Saud".
fn is_name_particle(w: &str) -> bool {
    matches!(
        w,
        "de" | "van"
            | "von"
            | "bin"
            | "al"
            | "da"
            | "du"
            | "la"
            | "le"
            | "der"
            | "den"
            | "di"
            | "dos"
            | "del"
            | "ibn"
    )
}

fn stem_possessive(w: &str) -> &str {
    w.strip_suffix("'s")
        .or_else(|| w.strip_suffix('\''))
        .unwrap_or(w)
}

/// `stem_possessive` of a word with the lists the stem is in: the word's own
/// unless a possessive was cut.
fn stem_lex(w: Lower<'_>) -> (&str, Lex) {
    let stem = stem_possessive(w.as_str());
    if stem.len() == w.len() {
        (stem, w.lex())
    } else {
        (stem, Lex::of(stem))
    }
}

/// The word tokens of a phrase, on the stack when there are at most 16 (a
/// phrase nearly always has fewer): `classify` runs for every candidate name.
enum PhraseWords<'a> {
    Inline([&'a Tok; 16], usize),
    Heap(Vec<&'a Tok>),
}

impl<'a> PhraseWords<'a> {
    fn of(toks: &'a Toks, s: usize, e: usize) -> PhraseWords<'a> {
        let range = &toks[s..e];
        match range.first() {
            Some(first) if range.len() <= 16 => {
                let mut words = [first; 16];
                let mut n = 0;
                for t in range.iter().filter(|t| t.is_word()) {
                    words[n] = t;
                    n += 1;
                }
                PhraseWords::Inline(words, n)
            }
            _ => PhraseWords::Heap(range.iter().filter(|t| t.is_word()).collect()),
        }
    }
}

impl<'a> std::ops::Deref for PhraseWords<'a> {
    type Target = [&'a Tok];
    fn deref(&self) -> &[&'a Tok] {
        match self {
            PhraseWords::Inline(words, n) => &words[..*n],
            PhraseWords::Heap(words) => words,
        }
    }
}

/// `METONYMS` as bytes, for looking up a name lowercased into a byte buffer
/// (no UTF-8 check of the buffer).
static METONYM_BYTES: std::sync::LazyLock<rustc_hash::FxHashSet<&'static [u8]>> =
    std::sync::LazyLock::new(|| METONYMS.iter().map(|m| m.as_bytes()).collect());

/// The name, lowercased with straight apostrophes and spaces as hyphens, is
/// one of `METONYMS` ("Moscow", "the Kremlin", "New Delhi"). An ASCII name
/// is lowercased on the stack; the longest metonym is shorter than the buffer.
pub fn is_metonym(name: &str) -> bool {
    let mut buf = [0u8; 32];
    if name.is_ascii() {
        let Some(buf) = buf.get_mut(..name.len()) else {
            return false;
        };
        for (b, c) in buf.iter_mut().zip(name.bytes()) {
            *b = if c == b' ' {
                b'-'
            } else {
                c.to_ascii_lowercase()
            };
        }
        return METONYM_BYTES.contains(&*buf);
    }
    let mut lname = name.to_lowercase();
    if lname.contains('’') {
        lname = lname.replace('’', "'");
    }
    METONYMS.contains(lname.as_str())
        || lname.contains(' ') && METONYMS.contains(lname.replace(' ', "-").as_str())
}

/// The subject noun phrase that ends right before token `end` (exclusive),
/// not reaching back past `floor`.
pub fn np_before(toks: &Toks, end: usize, floor: usize) -> Option<(usize, usize)> {
    let mut e = end;
    // Skip adverbs and auxiliaries between subject and cue.
    let mut skipped = 0;
    while e > floor && skipped < 6 && is_adverbial(toks, &toks[e - 1]) {
        // Never skip a pronoun or a capitalised name.
        if toks[e - 1].cap() && !is_time_word(toks, &toks[e - 1]) {
            break;
        }
        e -= 1;
        skipped += 1;
    }
    if e <= floor {
        return None;
    }
    // "Citizens for Responsibility and Ethics in Washington (CREW) said":
    // the name the acronym spells, over its small words.
    if e >= floor + 4 && toks[e - 1].is_punct(')') && toks[e - 3].is_punct('(') {
        if let Some(a) = acronym_start(toks, e - 3, floor) {
            let a = if a > floor && toks[a - 1].is_word() && toks.w(&toks[a - 1]) == "the" {
                a - 1
            } else {
                a
            };
            return Some((a, e - 3));
        }
    }
    e = strip_parenthetical(toks, e, floor);
    // "Gov. Lena Ortiz (R-Mass.), said": the comma closes a name's
    // parenthetical, with a clause before the name or none.
    if e >= floor + 3 && toks[e - 1].is_punct(',') && toks[e - 2].is_punct(')') {
        let p = strip_parenthetical(toks, e - 1, floor);
        if p < e - 1 && toks[p - 1].is_word() && toks[p - 1].cap() {
            if let Some(np) = np_core_before(toks, p, floor) {
                return Some(np);
            }
        }
    }
    // Appositive: "Lavrov, Russia's top diplomat, said"
    if toks[e - 1].is_punct(',') && e >= 2 {
        let mut k = e - 2;
        let mut n = 0;
        // (A short term quoted inside it is passed over: "Bill Lane, wearing
        // a hat and “Kasich” pins, said".)
        let term = |t: &Tok| t.quote().is_some() && t.span().end - t.span().start <= 40;
        loop {
            while k > floor
                && !toks[k].is_punct(',')
                && (toks[k].quote().is_none() || term(&toks[k]) && toks[k - 1].is_word())
                && n < 25
            {
                k -= 1;
                n += 1;
            }
            // "Clinton, during a meeting in Columbus, Ohio, said": the comma
            // between a town and its state is inside the appositive.
            if k > floor + 1 && toks[k].is_punct(',') && n < 25 && place_comma(toks, k, e - 1) {
                k -= 1;
                n += 1;
                continue;
            }
            break;
        }
        // "X, president of Y, which represents the teachers, said": the
        // clause describes the organisation; the phrase before it speaks.
        if k > floor + 1 && toks[k].is_punct(',') && toks.w(&toks[k + 1]) == "which" {
            if let Some(np) = np_before(toks, k + 1, floor) {
                return Some(np);
            }
        }
        if k > floor && toks[k].is_punct(',') {
            let k = strip_parenthetical(toks, k, floor);
            if let Some(np) = np_core_before(toks, k, floor) {
                // Appositives stack ("Ayrault, the foreign minister of
                // France, a permanent member of the council, said"): the
                // speaker is the first phrase of the chain.
                let mut best = np;
                let mut guard = 0;
                while guard < 3
                    && best.0 > floor + 1
                    && toks[best.0 - 1].is_punct(',')
                    && !toks[best.0].cap()
                {
                    let Some(prev) =
                        np_core_before(toks, strip_parenthetical(toks, best.0 - 1, floor), floor)
                    else {
                        break;
                    };
                    // ("In a statement to the Observer, her adviser, Jo Reyes,
                    // said": the object of a fronted preposition is no link.)
                    if prev.0 > floor
                        && toks[prev.0 - 1].is_word()
                        && toks.w(&toks[prev.0 - 1]).is(Lex::PREPOSITIONS)
                    {
                        break;
                    }
                    best = prev;
                    guard += 1;
                }
                // "Ana Ruiz, 31, of Dayton, Ohio, said": a person, an age and
                // a home town; the person speaks, not the town.
                let age = |t: &Tok| t.is_word() && toks.w(t).bytes().all(|b| b.is_ascii_digit());
                if best.0 >= floor + 5
                    && toks[best.0 - 1].is_word()
                    && toks.w(&toks[best.0 - 1]) == "of"
                    && toks[best.0 - 2].is_punct(',')
                    && age(&toks[best.0 - 3])
                    && toks[best.0 - 4].is_punct(',')
                {
                    if let Some(person) = np_core_before(toks, best.0 - 4, floor) {
                        return Some(person);
                    }
                }
                return Some(best);
            }
        }
        // "Jane Doe (D-Va.), said": the comma closes the parenthetical.
        if k <= floor && toks[e - 2].is_punct(')') {
            return np_core_before(toks, strip_parenthetical(toks, e - 1, floor), floor);
        }
        return None;
    }
    let np = np_core_before(toks, e, floor)?;
    // "Another official speaking to Reuters said", "a senator appearing on
    // Fox News said": the phrase before the participle speaks, not the one
    // spoken to.
    if np.0 >= floor + 3 && toks[np.0 - 1].is_word() && toks[np.0 - 2].is_word() {
        let participle = matches!(
            toks.w(&toks[np.0 - 2]).as_str(),
            "speaking" | "talking" | "writing" | "appearing" | "testifying"
        );
        let preposition = matches!(
            toks.w(&toks[np.0 - 1]).as_str(),
            "to" | "with" | "on" | "in" | "before"
        );
        if participle && preposition {
            if let Some(speaker) = np_core_before(toks, np.0 - 2, floor) {
                return Some(speaker);
            }
        }
    }
    // "Mr. Morgan of the Sierra Club said": the person before "of" speaks.
    if np.0 >= floor + 2 && toks.w(&toks[np.0 - 1]) == "of" && toks[np.0 - 2].cap() {
        if let Some(person) = np_core_before(toks, np.0 - 1, floor) {
            let words: Vec<&Tok> = toks[person.0..person.1]
                .iter()
                .filter(|t| t.is_word())
                .collect();
            let titled = words
                .iter()
                .any(|w| HONORIFICS.contains_key(toks.w(w).as_str()));
            let first_name = words.len() >= 2 && toks.w(words[0]).first_name().is_some();
            if titled || first_name {
                return Some(person);
            }
        }
    }
    // "A spokesman for the mayor said", "the president of the union said":
    // the role speaks, with what it is a role of.
    if np.0 >= floor + 2
        && role_connector(toks, np.0 - 1)
        && toks[np.0 - 2].is_word()
        && !toks[np.0 - 2].cap()
        && heads_role_of(toks.w(&toks[np.0 - 2]))
    {
        if let Some(role) = np_core_before(toks, np.0 - 1, floor) {
            if role.1 == np.0 - 1 {
                return Some((role.0, np.1));
            }
        }
    }
    Some(np)
}

/// A noun that heads "a spokesman for the mayor", "the family of the
/// victim": a role, or people named by their bond or their number.
fn heads_role_of(w: Lower) -> bool {
    w.is(Lex::ROLE_NOUNS) || w.is(Lex::UNNAMED_HEADS) || matches!(w.as_str(), "family" | "parents")
}

/// "director of communications Ravi Oduya", "master of ceremonies Ana
/// Ruiz": an office whose "of" is followed by the field it covers (one to
/// three plain lowercase words, none a role, determiner or pronoun) and then
/// the person who holds it. The name is the mention's; the office, its role.
/// `c` is the "of" or "for" after the office's head. ("A spokesman for
/// presidential candidate Jo Reyes" serves a candidate: not an office.)
fn titled_by_office(toks: &Toks, text: &str, (s, e): (usize, usize), c: usize) -> Option<Phrase> {
    let n = (c + 1..e.min(c + 5)).find(|&k| !toks[k].is_word() || toks[k].cap())?;
    let field = |k: usize| {
        let w = toks.w(&toks[k]);
        !(w.is(Lex::ROLE_NOUNS)
            || w.is(Lex::DETERMINERS)
            || w.is(Lex::PRONOUNS)
            || w.is(Lex::FUNCTION_WORDS)
            || w.is(Lex::NATIONALITIES))
    };
    if n == c + 1 || !toks[n].is_word() || !(c + 1..n).all(field) {
        return None;
    }
    let mut p = classify(toks, text, (n, e)).filter(|p| p.kind == MentionKind::Name)?;
    let mut role = text[toks[s].span().start..toks[n - 1].span().end].to_string();
    if !p.role.is_empty() {
        role.push(' ');
        role.push_str(&p.role);
    }
    p.role = role;
    p.toks = Phrase::pack_range((s, e));
    p.at = Phrase::pack_span(Span::new(toks[s].span().start, toks[e - 1].span().end));
    Some(p)
}

/// "for" or "of" after a role ("a spokesman for the mayor"), or "at" before
/// a name ("a reporter at the Courier"; "a volunteer at the back" is a place).
fn role_connector(toks: &Toks, k: usize) -> bool {
    match toks.w(&toks[k]).as_str() {
        "for" | "of" => true,
        "at" => {
            let name_at = |j: usize| toks.get(j).is_some_and(|t| t.is_word() && t.cap());
            name_at(k + 1)
                || toks
                    .get(k + 1)
                    .is_some_and(|t| t.is_word() && toks.w(t) == "the")
                    && name_at(k + 2)
        }
        _ => false,
    }
}

/// The comma at `k` separates a town from its state or country ("in
/// Columbus, Ohio", "at a rally in Salem, N.H."): a capitalised word before
/// it with "in", "at", "from", "of" or "near" a few words earlier, and one to
/// three capitalised words from it up to `end` (the next comma).
pub fn place_comma(toks: &Toks, k: usize, end: usize) -> bool {
    let place = &toks[k + 1..end.min(toks.len())];
    let words = place.iter().filter(|t| t.is_word()).count();
    (1..=3).contains(&words)
        && place
            .iter()
            .all(|t| t.is_word() && t.cap() || t.is_punct('.'))
        && k >= 2
        && toks[k - 1].is_word()
        && toks[k - 1].cap()
        && (k.saturating_sub(5)..k - 1).any(|j| {
            toks[j].is_word()
                && matches!(
                    toks.w(&toks[j]).as_str(),
                    "in" | "at" | "from" | "of" | "near"
                )
        })
}

/// Drops a parenthetical right before `e`: "Sen. Jane Doe (D-Mo.) said".
fn strip_parenthetical(toks: &Toks, e: usize, floor: usize) -> usize {
    if e > floor && toks[e - 1].is_punct(')') {
        let mut k = e - 1;
        while k > floor && !toks[k].is_punct('(') && e - k < 10 {
            k -= 1;
        }
        if toks[k].is_punct('(') && k > floor {
            return k;
        }
    }
    e
}

/// "administration", "campaign's", "report": a noun that a name before it
/// ("the Obama administration") only modifies.
fn is_body_or_document(w: Lower) -> bool {
    let noun = stem_possessive(w.as_str());
    if noun.len() == w.len() {
        // (The word's own lists, worked out once.)
        return w.is(Lex::ORG_WORDS) || w.is(Lex::DOCUMENT_NOUNS);
    }
    ORG_WORDS.contains(noun) || DOCUMENT_NOUNS.contains(noun)
}

pub(super) fn is_weekday(toks: &Toks, t: &Tok) -> bool {
    t.is_word()
        && matches!(
            toks.w(t).as_str(),
            "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
        )
}

fn is_month(toks: &Toks, t: &Tok) -> bool {
    t.is_word()
        && matches!(
            toks.w(t).trim_end_matches('.'),
            "january"
                | "february"
                | "march"
                | "april"
                | "may"
                | "june"
                | "july"
                | "august"
                | "september"
                | "october"
                | "november"
                | "december"
                | "jan"
                | "feb"
                | "mar"
                | "apr"
                | "jun"
                | "jul"
                | "aug"
                | "sep"
                | "sept"
                | "oct"
                | "nov"
                | "dec"
        )
}

fn is_time_word(toks: &Toks, t: &Tok) -> bool {
    is_weekday(toks, t)
        || t.is_word()
            && matches!(
                toks.w(t).as_str(),
                "on" | "last"
                    | "this"
                    | "week"
                    | "night"
                    | "morning"
                    | "evening"
                    | "afternoon"
                    | "yesterday"
                    | "today"
                    | "tonight"
                    | "earlier"
            )
}

fn np_core_before(toks: &Toks, e: usize, floor: usize) -> Option<(usize, usize)> {
    if e <= floor || e == 0 {
        return None;
    }
    let last = &toks[e - 1];
    if !last.is_word() {
        if last.is_punct(')') || last.is_punct('.') && e >= 2 && toks[e - 2].is_word() {
            // "Jr." or an abbreviation at the end of a name
            if last.is_punct('.') && toks.w(&toks[e - 2]).is_abbreviation() && toks[e - 2].cap() {
                return np_core_before(toks, e - 1, floor).map(|(s, _)| (s, e));
            }
        }
        return None;
    }
    if toks.w(last).is(Lex::PRONOUNS) {
        return Some((e - 1, e));
    }
    // "the 34-year-old mother of three": a count of children after a
    // person noun (the phrase is the noun's: the count is no head).
    if e >= floor + 3
        && is_count(toks.w(last).as_str())
        && toks.w(&toks[e - 2]) == "of"
        && (toks.w(&toks[e - 3]).is(Lex::ROLE_NOUNS)
            || gender_of_noun(toks.w(&toks[e - 3]).as_str()).is_some())
    {
        return np_core_before(toks, e - 2, floor);
    }
    // "the two": a count of people already named.
    if e >= floor + 2 && is_count(toks.w(last).as_str()) && toks.w(&toks[e - 2]) == "the" {
        return Some((e - 2, e));
    }
    let mut s = e - 1;
    if !last.cap() && (toks.w(last).is(Lex::FUNCTION_WORDS) && !toks.w(last).is(Lex::UNNAMED_HEADS))
    {
        return None;
    }
    // Walk back over the phrase.
    let mut words = 1;
    while s > floor && words < 12 {
        let k = s - 1;
        let t = &toks[k];
        if name_word(toks, k) {
            if function_word_in_name(toks, k) {
                s = k;
                words += 1;
                continue;
            }
            // A capitalised sentence-initial function word ends the phrase.
            if t.is_word()
                && toks.w(t).is(Lex::FUNCTION_WORDS)
                && !toks.w(t).is(Lex::DETERMINERS)
                && !toks.w(t).is(Lex::HONORIFICS)
                && !toks.w(t).is(Lex::TITLE_WORDS)
            {
                break;
            }
            s = k;
            words += 1;
            if t.is_word() && toks.w(t).is(Lex::DETERMINERS) {
                break;
            }
            continue;
        }
        if !t.is_word() {
            if t.is_punct('-') || t.is_punct('–') {
                // hyphenated pieces are words already; a dash ends the phrase
            }
            break;
        }
        let w = toks.w(t).as_str();
        if toks.w(t).is(Lex::DETERMINERS) {
            s = k;
            break;
        }
        if w.ends_with("'s") || w.ends_with('\'') {
            // Possessive: "Obama's former strategist" (and its own name words)
            s = k;
            while s > floor
                && name_word(toks, s - 1)
                && toks[s - 1].is_word()
                && !toks.w(&toks[s - 1]).is(Lex::FUNCTION_WORDS)
            {
                s -= 1;
            }
            // "the mayor's cousin": the article opens the phrase.
            if s > floor
                && s == k
                && toks[s - 1].is_word()
                && toks.w(&toks[s - 1]).is(Lex::DETERMINERS)
            {
                s -= 1;
            }
            break;
        }
        if w == "of" || w == "for" || w == "at" {
            // "the secretary of state", "director of communications"
            if k > floor
                && toks[k - 1].is_word()
                && (toks.w(&toks[k - 1]).is(Lex::ROLE_NOUNS)
                    || toks.w(&toks[k - 1]).is(Lex::TITLE_WORDS))
            {
                s = k;
                words += 1;
                continue;
            }
            // "the Association of Flight Attendants", "the Department of
            // Labor": a capitalised organisation word before the connector
            // and a capitalised name after it.
            if w != "at"
                && last.cap()
                && k > floor
                && toks[s].cap()
                && toks[k - 1].is_word()
                && toks[k - 1].cap()
                && toks.w(&toks[k - 1]).is(Lex::ORG_WORDS)
            {
                s = k;
                words += 1;
                continue;
            }
            break;
        }
        if toks.w(t).is(Lex::FUNCTION_WORDS) || is_adverbial(toks, t) && !w.ends_with("ly") {
            break;
        }
        // A lowercase modifier of a role or name: "press secretary", "former".
        if toks.w(t).is(Lex::TITLE_WORDS)
            || toks.w(t).is(Lex::ROLE_NOUNS)
            || toks.w(t).is(Lex::NATIONALITIES)
            || is_modifier(w)
        {
            s = k;
            words += 1;
            continue;
        }
        // A lowercase word before a lowercase head: accept plain nouns and
        // adjectives when a determiner follows within reach.
        if !last.cap() && words < 4 && k > floor && has_determiner_before(toks, k, floor) {
            s = k;
            words += 1;
            continue;
        }
        break;
    }
    // Trim leading function words that are not determiners ("But Smith"),
    // nor an abbreviated title ("Sen. Hale", "Gov. Ruiz").
    while s < e - 1
        && toks[s].is_word()
        && toks.w(&toks[s]).is(Lex::FUNCTION_WORDS)
        && !toks.w(&toks[s]).is(Lex::DETERMINERS)
        && !toks.w(&toks[s]).is(Lex::HONORIFICS)
        && !abbreviated_title(toks, s)
    {
        s += 1;
    }
    while s < e - 1 && !toks[s].is_word() {
        s += 1;
    }
    // "one of the lawyers", "two of his aides": the count opens the phrase.
    if s >= floor + 2
        && toks[s].is_word()
        && toks.w(&toks[s]).is(Lex::DETERMINERS)
        && toks[s - 1].is_word()
        && toks.w(&toks[s - 1]) == "of"
        && is_quantifier(toks.w(&toks[s - 2]).as_str())
    {
        s -= 2;
    }
    Some((s, e))
}

/// A noun for a person by role or as an unnamed source ("lawyer",
/// "official", "witnesses"), lowercased.
pub fn is_person_noun(w: &str) -> bool {
    ROLE_NOUNS.contains(w) || UNNAMED_HEADS.contains(w)
}

/// A count that picks people out of a group: "one of the lawyers", "two of
/// his aides", "some of the protesters".
pub fn is_quantifier(w: &str) -> bool {
    matches!(
        w,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "some"
            | "many"
            | "several"
            | "most"
            | "few"
            | "each"
            | "both"
            | "either"
            | "neither"
    )
}

fn has_determiner_before(toks: &Toks, k: usize, floor: usize) -> bool {
    let lo = k.saturating_sub(3).max(floor);
    (lo..k).any(|j| toks[j].is_word() && toks.w(&toks[j]).is(Lex::DETERMINERS))
}

fn is_modifier(w: &str) -> bool {
    matches!(
        w,
        "former"
            | "top"
            | "senior"
            | "chief"
            | "deputy"
            | "current"
            | "then"
            | "new"
            | "longtime"
            | "veteran"
            | "retired"
            | "local"
            | "federal"
            | "state"
            | "national"
            | "international"
            | "foreign"
            | "campaign"
            | "white"
            | "house"
            | "administration"
            | "government"
            | "military"
            | "party"
            | "presidential"
            | "vice-presidential"
            | "republican"
            | "democratic"
            | "conservative"
            | "liberal"
            | "communications"
            | "press"
            | "policy"
            | "legal"
            | "political"
            | "economic"
            | "senior-level"
            | "high-ranking"
            | "ranking"
            | "unnamed"
            | "anonymous"
            | "other"
            | "two"
            | "three"
            | "several"
            | "some"
            | "many"
            | "u.s"
            | "european"
            | "intelligence"
            | "defense"
            | "justice"
            | "security"
            | "health"
            | "police"
            | "fire"
            | "city"
            | "county"
            | "congressional"
            | "gop"
            | "democrat"
            | "independent"
            | "prominent"
            | "leading"
            | "well-known"
            | "outspoken"
            | "influential"
            | "close"
            | "longtime-friend"
            | "family"
            | "financial"
            | "tax"
            | "energy"
            | "environmental"
            | "law"
            | "civil"
            | "rights"
            | "human"
            | "union"
            | "business"
            | "industry"
            | "trade"
    )
}

/// After a document noun, "in", "from" or "by" and a capitalised name
/// (with "the" before it, if any), ending before `ceil`: the end of the name.
fn issuer_after(toks: &Toks, e: usize, ceil: usize) -> Option<usize> {
    let by = toks.get(e).filter(|t| e < ceil && t.is_word())?;
    if !matches!(toks.w(by).as_str(), "in" | "from" | "by") {
        return None;
    }
    let mut k = e + 1;
    if k < ceil && toks[k].is_word() && toks.w(&toks[k]) == "the" {
        k += 1;
    }
    let start = k;
    while k < ceil && k - start < 6 && toks[k].is_word() && toks[k].cap() {
        k += 1;
    }
    (k > start && !toks.w(&toks[start]).is(Lex::FUNCTION_WORDS)).then_some(k)
}

/// A noun phrase that starts at token `start` (inverted cues: "said the
/// minister", "according to a senior official familiar with the talks").
/// "about 200 protesters", "nearly 40 lawmakers": a word that qualifies the
/// number after it, and belongs to the phrase.
pub fn approximates(toks: &Toks, at: usize) -> bool {
    matches!(
        toks.w(&toks[at]).as_str(),
        "about" | "nearly" | "roughly" | "around" | "almost" | "approximately" | "some" | "over"
    ) && toks.get(at + 1).is_some_and(|n| {
        n.is_word() && toks.w(n).as_str().starts_with(|c: char| c.is_ascii_digit())
    })
}

pub fn np_after(toks: &Toks, start: usize, ceil: usize) -> Option<(usize, usize)> {
    let mut s = start;
    while s < ceil && !toks[s].is_word() {
        // "said: Smith" is rare; only skip commas
        if !toks[s].is_punct(',') {
            return None;
        }
        s += 1;
    }
    if s >= ceil {
        return None;
    }
    let first = &toks[s];
    if toks.w(first).is(Lex::PRONOUNS) {
        return Some((s, s + 1));
    }
    // "said one of the lawyers for the union": the count and the group.
    if s + 2 < ceil
        && is_quantifier(toks.w(first).as_str())
        && toks[s + 1].is_word()
        && toks.w(&toks[s + 1]) == "of"
        && toks[s + 2].is_word()
        && toks.w(&toks[s + 2]).is(Lex::DETERMINERS)
    {
        return np_after(toks, s + 2, ceil).map(|(_, e)| (s, e));
    }
    let mut e = s;
    let mut saw_head = false;
    while e < ceil && e - s < 12 {
        let t = &toks[e];
        // "The girl flushed": a capitalised determiner opens the phrase, it
        // is not a name.
        if e == s && t.is_word() && (toks.w(t).is(Lex::DETERMINERS) || approximates(toks, e)) {
            e += 1;
            continue;
        }
        if name_word(toks, e) {
            // "a Wednesday editorial", "the March report": a day or a month
            // after the article dates the noun after it.
            let dated = e == s + 1
                && toks.w(&toks[s]).is(Lex::DETERMINERS)
                && (is_month(toks, t) || is_weekday(toks, t))
                && toks.get(e + 1).is_some_and(|n| {
                    e + 1 < ceil && n.is_word() && !n.cap() && !toks.w(n).is(Lex::FUNCTION_WORDS)
                });
            if dated {
                e += 1;
                continue;
            }
            if is_function(toks, e)
                && e > s
                && !toks.w(t).is(Lex::HONORIFICS)
                && !toks.w(t).is(Lex::TITLE_WORDS)
            {
                break;
            }
            e += 1;
            saw_head = true;
            continue;
        }
        if !t.is_word() {
            break;
        }
        let lower = toks.w(t);
        let w = lower.as_str();
        if e == s && toks.w(t).is(Lex::DETERMINERS) {
            e += 1;
            continue;
        }
        // "press secretary Josh Earnest", "Clinton communication director
        // Jennifer Palmieri": lowercase words ending in a title right before a name.
        let title_before_name = (1..=4).any(|k| {
            let Some(title) = toks.get(e + k - 1) else {
                return false;
            };
            (toks.w(title).is(Lex::TITLE_WORDS) || toks.w(title).is(Lex::ROLE_NOUNS))
                && toks[e..e + k]
                    .iter()
                    .all(|t| t.is_word() && !t.cap() && !toks.w(t).is(Lex::FUNCTION_WORDS))
                && toks.get(e + k).is_some_and(|n| n.is_word() && n.cap())
        });
        if title_before_name {
            e += 1;
            continue;
        }
        // "a Mexican official", "a Democratic staffer": a capitalised
        // adjective right after the article describes the noun after it.
        let adjective = e == s + 2
            && toks.w(&toks[s]).is(Lex::DETERMINERS)
            && (toks.w(&toks[e - 1]).is(Lex::NATIONALITIES)
                || matches!(toks.w(&toks[e - 1]).as_str(), "democratic" | "republican"))
            && !toks.w(t).is(Lex::FUNCTION_WORDS)
            && !toks.w(t).is(Lex::CUES);
        if saw_head && toks[e - 1].cap() && !toks.w(&toks[e - 1]).is(Lex::TITLE_WORDS) && !adjective
        {
            // "the Harlow administration", "an AP account", "a council pool
            // report": the name only modifies the noun.
            if matches!(toks.w(&toks[s]).as_str(), "the" | "a" | "an") {
                if is_body_or_document(lower) {
                    e += 1;
                } else if !lower.is(Lex::FUNCTION_WORDS)
                    && !lower.is(Lex::CUES)
                    && e + 1 < ceil
                    && toks[e + 1].is_word()
                    && !toks[e + 1].cap()
                    && toks.w(&toks[e + 1]).is(Lex::DOCUMENT_NOUNS)
                {
                    e += 2;
                }
            }
            // A name is complete; lowercase words after it are not part of it.
            break;
        }
        // "said the other": "other" is the head.
        if w == "other" && e > s && toks.w(&toks[e - 1]) == "the" {
            e += 1;
            break;
        }
        // "the second official", "a third aide": an ordinal after the
        // article modifies the noun after it.
        let ordinal = e > s
            && toks.w(&toks[e - 1]).is(Lex::DETERMINERS)
            && matches!(
                w,
                "first" | "second" | "third" | "fourth" | "fifth" | "same" | "next"
            )
            && toks
                .get(e + 1)
                .is_some_and(|n| n.is_word() && !n.cap() && e + 1 < ceil);
        if toks.w(t).is(Lex::FUNCTION_WORDS)
            && !ordinal
            && !(w == "of" && e > s && toks.w(&toks[e - 1]).is(Lex::ROLE_NOUNS))
        {
            break;
        }
        if toks.w(t).is(Lex::CUES) && saw_head {
            break;
        }
        // "said the uncle gravely", "said the minister today" (but "the
        // second official").
        if e > s && is_adverbial(toks, t) && !toks.w(&toks[e - 1]).is(Lex::DETERMINERS) {
            break;
        }
        // "The shipyard hired Anna Berg": a past-tense verb after a noun
        // ends the phrase ("the newly elected", "a former elected", "a
        // classmate named Stewart Snyder" go on).
        if e > s + 1 && w.len() > 4 && w.ends_with("ed") && !matches!(w, "named" | "dubbed") {
            let prev = &toks[e - 1];
            if prev.is_word()
                && !prev.cap()
                && !toks.w(prev).ends_with("ly")
                && !toks.w(prev).is(Lex::TITLE_WORDS)
                && !DETERMINERS.contains(toks.w(prev).as_str())
            {
                break;
            }
        }
        e += 1;
        // "The campaign sent out …": a body's noun after a determiner, with
        // a word after it that no noun phrase goes on with, is the head.
        if toks.w(t).is(Lex::ORG_WORDS)
            && !saw_head
            && toks.w(&toks[s]).is(Lex::DETERMINERS)
            && toks.get(e).is_some_and(|n| {
                let nw = toks.w(n);
                n.is_word()
                    && !n.cap()
                    && nw != "of"
                    && !nw.is(Lex::ROLE_NOUNS)
                    && !nw.is(Lex::TITLE_WORDS)
                    && !nw.is(Lex::ORG_WORDS)
                    && !nw.is(Lex::UNNAMED_HEADS)
                    && !DOCUMENT_NOUNS.contains(nw.as_str())
            })
        {
            break;
        }
        if toks.w(t).is(Lex::ROLE_NOUNS)
            || toks.w(t).is(Lex::UNNAMED_HEADS)
            || DOCUMENT_NOUNS.contains(w)
            || gender_of_noun(w).is_some()
        {
            saw_head = true;
            // "a Wednesday editorial in The Harbor Gazette", "a report from
            // the Brookings Institution": a document and the name of whoever
            // issued it.
            if DOCUMENT_NOUNS.contains(w) {
                if let Some(end) = issuer_after(toks, e, ceil) {
                    e = end;
                    break;
                }
            }
            // stop after a head unless "of" continues it
            if !(e < ceil
                && toks[e].is_word()
                && (toks.w(&toks[e]) == "of"
                    || toks.w(&toks[e]).is(Lex::ROLE_NOUNS)
                    || toks[e].cap()))
            {
                break;
            }
        }
    }
    // "the Alliance to Reclaim Our Schools (AROS)": a name that runs over
    // small words up to the acronym that spells it.
    if e > s && e < ceil && toks[e - 1].cap() && is_function(toks, e) && !toks[e].cap() {
        if let Some(open) = (e + 1..ceil.min(e + 12)).find(|&k| toks[k].is_punct('(')) {
            if acronym_start(toks, open, s).is_some_and(|a| a < e) {
                e = open;
            }
        }
    }
    // Do not end on a dangling "of" or a full stop that is not an abbreviation's.
    while e > s
        && (toks[e - 1].is_word()
            && matches!(toks.w(&toks[e - 1]).as_str(), "of" | "the" | "a" | "an"))
    {
        e -= 1;
    }
    if e > s && toks[e - 1].is_punct('.') {
        e -= 1;
    }
    (e > s).then_some((s, e))
}

/// The capitalised words in the subject slot right after a quotation and
/// before its cue ("…,” Cuban said", "…,” From said", "…,” Will wrote"): a
/// name even where the word is also a nationality, a small word or a verb,
/// since only a name is capitalised there. At most three words, none of them
/// a pronoun.
pub fn name_in_cue_slot(toks: &Toks, text: &str, (s, e): (usize, usize)) -> Option<Phrase> {
    let words = &toks[s..e];
    if words.is_empty()
        || words.len() > 3
        || !words
            .iter()
            .all(|t| t.is_word() && t.cap() && !toks.w(t).is(Lex::PRONOUNS))
        // "…” And asked": a conjunction or a pointing word, not a name.
        || words.iter().any(|t| {
            matches!(
                toks.w(t).as_str(),
                "and" | "but" | "or" | "nor" | "so" | "yet" | "then" | "now" | "here" | "there"
                    | "this" | "that" | "these" | "those" | "the" | "a" | "an"
            )
        })
    {
        return None;
    }
    let words: Vec<&Tok> = words.iter().collect();
    let gender = toks
        .w(words[0])
        .first_name()
        .filter(|_| words.len() > 1 || !toks.w(words[0]).is_surname())
        .unwrap_or(Gender::Unknown);
    Some(Phrase {
        toks: Phrase::pack_range((s, e)),
        at: Phrase::pack_span(Span::new(toks[s].span().start, toks[e - 1].span().end)),
        kind: MentionKind::Name,
        name: join_words(toks, text, &words),
        role: String::new(),
        gender,
        plural: false,
        document: false,
    })
}

/// Token `i` opens a sentence: the first of its paragraph, or after a full
/// stop, a question or exclamation mark, or a quotation.
fn opens_sentence(toks: &Toks, i: usize) -> bool {
    i == 0 || toks[i - 1].para() != toks[i].para() || {
        let b = &toks[i - 1];
        b.is_punct('.') || b.is_punct('!') || b.is_punct('?') || b.quote().is_some()
    }
}

/// A lowercase role next to a person's name outside a speech cue: "shipping
/// minister Alan Reeve", "Alan Reeve, the shipping minister,", "the shipping
/// minister, Alan Reeve,". The role's words, or `None`.
fn role_around(toks: &Toks, text: &str, (s, e): (usize, usize)) -> Option<String> {
    let para = toks[s].para();
    let role_head = |t: &Tok| t.is_word() && !t.cap() && toks.w(t).is(Lex::ROLE_NOUNS);
    let lower =
        |t: &Tok| t.is_word() && !t.cap() && t.para() == para && !toks.w(t).is(Lex::FUNCTION_WORDS);
    let words = |a: usize, b: usize| {
        let w: Vec<&Tok> = toks[a..b].iter().collect();
        join_words(toks, text, &w)
    };
    // Before the name, with no comma: "shipping minister Alan Reeve" (and
    // the capitalised word opening the sentence: "Union leader Maria Okafor").
    if s > 0 && role_head(&toks[s - 1]) && toks[s - 1].para() == para {
        let mut k = s - 1;
        while k > 0 && s - k < 4 && lower(&toks[k - 1]) {
            k -= 1;
        }
        let opener = k > 0 && {
            let b = &toks[k - 1];
            b.is_word()
                && b.cap()
                && b.para() == para
                && opens_sentence(toks, k - 1)
                && !toks.w(b).is(Lex::FUNCTION_WORDS)
        };
        return Some(words(if opener { k - 1 } else { k }, s));
    }
    if let Some(r) = role_after(toks, text, (s, e)) {
        return Some(r);
    }
    // In apposition before it: "the shipping minister, Alan Reeve,", "A
    // spokesman for Fielder, Mark Dunn,", opening the sentence or a clause.
    if s >= 3 && toks[s - 1].is_punct(',') {
        let opens = |d: usize| opens_sentence(toks, d) || toks[d - 1].is_punct(',');
        let d = (s.saturating_sub(11)..s - 1)
            .rev()
            .take_while(|&k| toks[k].is_word() && toks[k].para() == para)
            .filter(|&k| matches!(toks.w(&toks[k]).as_str(), "the" | "a" | "an"))
            .find(|&d| opens(d) && role_phrase(toks, d, s - 1));
        if let Some(d) = d {
            return Some(words(d, s - 1));
        }
    }
    None
}

/// A role phrase in `[d, end)`: a determiner, up to three lowercase words
/// ending in a role, and a complement with "for", "of", "at" or "to" ("a
/// spokesman for Fielder", "the head of the union"), with no punctuation
/// inside; the role's own words end at the head.
fn role_phrase(toks: &Toks, d: usize, end: usize) -> bool {
    let para = toks[d].para();
    let role_head = |t: &Tok| t.is_word() && !t.cap() && toks.w(t).is(Lex::ROLE_NOUNS);
    let lower =
        |t: &Tok| t.is_word() && !t.cap() && t.para() == para && !toks.w(t).is(Lex::FUNCTION_WORDS);
    if !(toks[d].is_word() && matches!(toks.w(&toks[d]).as_str(), "the" | "a" | "an")) {
        return false;
    }
    let mut k = d + 1;
    while k < end && k - d <= 3 && lower(&toks[k]) && !role_head(&toks[k]) {
        k += 1;
    }
    if !(k < end && role_head(&toks[k])) {
        return false;
    }
    k += 1;
    k == end
        || toks[k].is_word()
            && matches!(toks.w(&toks[k]).as_str(), "for" | "of" | "at" | "to")
            && end - k <= 6
            && toks[k..end].iter().all(|t| t.is_word() && t.para() == para)
}

/// A role in apposition right after the name at `[s, e)`: "Alan Reeve, the
/// shipping minister,", "Mark Dunn, a spokesman for Fielder,". The role's
/// words, or `None`.
pub fn role_after(toks: &Toks, text: &str, (s, e): (usize, usize)) -> Option<String> {
    let para = toks[s].para();
    if e + 2 < toks.len() && toks[e].is_punct(',') && toks[e + 1].para() == para {
        let d = e + 1;
        let close = (d + 1..toks.len().min(d + 12))
            .find(|&k| !toks[k].is_word() || toks[k].para() != para)
            .filter(|&k| toks[k].is_punct(',') || toks[k].is_punct('.') || toks[k].para() != para);
        if let Some(k) = close.filter(|&k| role_phrase(toks, d, k)) {
            let w: Vec<&Tok> = toks[d..k].iter().collect();
            return Some(join_words(toks, text, &w));
        }
    }
    None
}

/// Where an organisation's name starts when the name found at `name_start`
/// continues backwards over small words to a run of capitalised words with an
/// organisation word ("Alliance" in "Alliance to Reclaim Our Schools"), and
/// is not a title's ("Secretary of State").
fn org_name_start(toks: &Toks, words: &[&Tok], name_start: usize) -> Option<usize> {
    let mut k = name_start;
    let mut found = None;
    while k >= 2 {
        let connector = words[k - 1];
        if connector.cap() || !is_org_connector_word(toks.w(connector)) {
            break;
        }
        let mut j = k - 1;
        while j > 0 && words[j - 1].cap() && !toks.w(words[j - 1]).is(Lex::TITLE_WORDS) {
            j -= 1;
        }
        if j == k - 1 {
            break;
        }
        if words[j..k - 1].iter().any(|w| toks.w(w).is(Lex::ORG_WORDS)) {
            found = Some(j);
        }
        k = j;
    }
    found
}

/// Where the name spelt by the acronym in the parenthesis opening at token
/// `open` starts ("Alliance" for "Alliance to Reclaim Our Schools (AROS)"):
/// walking back from the parenthesis, each capitalised word gives the next
/// letter from the end, and small lowercase words are passed over. `None`
/// unless every letter is matched, at `floor` or later.
fn acronym_start(toks: &Toks, open: usize, floor: usize) -> Option<usize> {
    let (acr, close) = (toks.get(open + 1)?, toks.get(open + 2)?);
    if !(acr.is_word() && acr.cap() && close.is_punct(')')) {
        return None;
    }
    let letters = toks.w(acr).as_str().as_bytes();
    if !(2..=8).contains(&letters.len()) || !letters.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let mut need = letters.len();
    let mut k = open;
    while need > 0 && k > floor {
        k -= 1;
        let t = &toks[k];
        if !t.is_word() {
            return None;
        }
        if !t.cap() {
            if is_function(toks, k) && need < letters.len() {
                continue;
            }
            return None;
        }
        if toks.w(t).as_bytes().first() != Some(&letters[need - 1]) {
            return None;
        }
        need -= 1;
    }
    (need == 0).then_some(k)
}

/// Classifies the tokens `[s, e)` as a speaker phrase.
pub fn classify(toks: &Toks, text: &str, (s, e): (usize, usize)) -> Option<Phrase> {
    if s >= e {
        return None;
    }
    // "shows that Reines asked": before a capitalised word, "that" joins a
    // clause; it is no determiner of the name.
    if s + 1 < e && toks.w(&toks[s]) == "that" && toks[s + 1].is_word() && toks[s + 1].cap() {
        return classify(toks, text, (s + 1, e));
    }
    let span = Span::new(toks[s].span().start, toks[e - 1].span().end);
    // "a Wednesday editorial in The Harbor Gazette": a document, and the
    // name of whoever issued it (`issuer_after`) in its description.
    if let Some(d) = (s + 1..e.saturating_sub(2)).find(|&k| {
        toks[k].is_word()
            && !toks[k].cap()
            && toks.w(&toks[k]).is(Lex::DOCUMENT_NOUNS)
            && issuer_after(toks, k + 1, e) == Some(e)
    }) {
        let mut p = classify(toks, text, (s, d + 1)).filter(|p| p.document)?;
        p.toks = Phrase::pack_range((s, e));
        p.at = Phrase::pack_span(span);
        p.role.push(' ');
        p.role.push_str(&text[toks[d + 1].span().start..span.end]);
        return Some(p);
    }
    // "one of the lawyers", "two of his aides": some of a group, none of
    // them named.
    if e > s + 3
        && toks[s].is_word()
        && is_quantifier(toks.w(&toks[s]).as_str())
        && toks[s + 1].is_word()
        && toks.w(&toks[s + 1]) == "of"
    {
        let group = classify(toks, text, (s + 2, e)).or_else(|| {
            // "the lawyers": a plural of a role noun.
            let head = toks.w(&toks[e - 1]).as_str();
            let singular = [head.strip_suffix('s'), head.strip_suffix("es")];
            singular
                .iter()
                .flatten()
                .any(|w| is_person_noun(w))
                .then(|| Phrase {
                    toks: Phrase::pack_range((s, e)),
                    at: Phrase::pack_span(span),
                    kind: MentionKind::Unnamed,
                    name: String::new(),
                    role: String::new(),
                    gender: Gender::Unknown,
                    plural: true,
                    document: false,
                })
        })?;
        if !matches!(group.kind, MentionKind::Nominal | MentionKind::Unnamed) {
            return None;
        }
        return Some(Phrase {
            toks: Phrase::pack_range((s, e)),
            at: Phrase::pack_span(span),
            kind: MentionKind::Unnamed,
            role: text[span.start..span.end].to_string(),
            plural: toks.w(&toks[s]) != "one",
            ..group
        });
    }
    // "Another tweeted, “…”", "Others said", "“…,” read one.": one more of
    // the people (or signs) just quoted, unnamed.
    if e == s + 1
        && toks[s].is_word()
        && matches!(toks.w(&toks[s]).as_str(), "another" | "others" | "one")
    {
        return Some(Phrase {
            toks: Phrase::pack_range((s, e)),
            at: Phrase::pack_span(span),
            kind: MentionKind::Unnamed,
            name: String::new(),
            role: text[span.start..span.end].to_string(),
            gender: Gender::Unknown,
            plural: toks.w(&toks[s]) == "others",
            document: false,
        });
    }
    // "A spokesman for the mayor", "the president of the union", "a lawyer
    // for Mayor Lena Ortiz": a role and whom it serves. The role is the head;
    // the one it serves does not speak.
    if let Some(c) = (s + 1..e.saturating_sub(1)).find(|&k| {
        toks[k].is_word()
            && role_connector(toks, k)
            && toks[k - 1].is_word()
            && !toks[k - 1].cap()
            && heads_role_of(toks.w(&toks[k - 1]))
    }) {
        if let Some(p) = titled_by_office(toks, text, (s, e), c) {
            return Some(p);
        }
        let role = classify(toks, text, (s, c))
            .filter(|p| matches!(p.kind, MentionKind::Nominal | MentionKind::Unnamed));
        if let Some(mut p) = role {
            p.toks = Phrase::pack_range((s, e));
            p.at = Phrase::pack_span(span);
            p.role.push(' ');
            p.role.push_str(&text[toks[c].span().start..span.end]);
            return Some(p);
        }
    }
    let words = PhraseWords::of(toks, s, e);
    let words: &[&Tok] = &words;
    let last = *words.last()?;
    // "He's claiming", "they're saying": the pronoun before a contraction.
    let contracted = ["'s", "'re", "'d", "'ll", "'ve"]
        .iter()
        .find_map(|c| toks.w(last).as_str().strip_suffix(c))
        .filter(|w| matches!(*w, "he" | "she" | "they" | "we" | "i" | "it"));
    if words.len() == 1 && (toks.w(last).is(Lex::PRONOUNS) || contracted.is_some()) {
        let pron = contracted.unwrap_or(toks.w(last).as_str());
        return Some(Phrase::pronoun((s, e), span, pron));
    }
    let head = stem_possessive(toks.w(last).as_str());
    // The lists the head is in: its token's own unless a possessive was cut.
    let head_lex = if head.len() == toks.w(last).len() {
        toks.w(last).lex()
    } else {
        Lex::of(head)
    };
    // "Peabody Energy", "Kaiser Health": a field of government ends a
    // company's name; before a name it is a title ("Energy Secretary").
    let field_name = words.len() >= 2
        && words.iter().all(|w| w.cap())
        && matches!(
            head,
            "energy" | "health" | "education" | "trade" | "commerce" | "security" | "finance"
        );
    // "the Police Department", "the Foreign Ministry": a capitalised
    // organisation word heads a name, though it can also open a title.
    let org_head = last.cap() && head_lex.has(Lex::ORG_WORDS) && !head_lex.has(Lex::ROLE_NOUNS);
    let head_is_role = !field_name
        && !org_head
        && (head_lex.has(Lex::ROLE_NOUNS)
            || head_lex.has(Lex::TITLE_WORDS)
            || head_lex.has(Lex::UNNAMED_HEADS));
    // (No lowercase letter is tested first: it fails fast on "Smith".)
    let all_caps = |t: &Tok| {
        let w = &text[t.span().start..t.span().end];
        w.chars().all(|c| !c.is_lowercase()) && w.chars().filter(|c| c.is_alphabetic()).count() > 1
    };
    let name_like = last.cap()
        && !(head_is_role && (all_caps(last) || !is_capitalised_name_context(toks, words)));
    let first_lower = toks.w(words[0]).as_str();
    let determiner = toks.w(words[0]).is(Lex::DETERMINERS);
    if name_like {
        // Split titles from the name: the name is the trailing run of
        // capitalised words that are not titles.
        let mut name_start = words.len();
        for (k, w) in words.iter().enumerate().rev() {
            let lower = toks.w(w);
            let lw = lower.as_str();
            if !w.cap() && !is_name_particle(lw) {
                break;
            }
            // "Del. Stacey Plaskett" (a delegate), but "Del Harlan".
            let is_title = k + 1 < words.len()
                && (lower.is(Lex::TITLE_WORDS)
                    || lower.is(Lex::HONORIFICS)
                    || lower.is(Lex::NATIONALITIES)
                    || lw == "del" && text[w.span().end..].starts_with('.'));
            if is_title || lw.ends_with("'s") && k + 1 < words.len() {
                break;
            }
            name_start = k;
        }
        if name_start >= words.len() {
            name_start = words.len() - 1;
        }
        let mut name_words = &words[name_start..];
        // A heading run into the text: "CHAPTER XX Margaret".
        if let [first, number, rest @ ..] = name_words {
            if matches!(
                toks.w(first).as_str(),
                "chapter" | "book" | "part" | "volume" | "act" | "scene" | "canto"
            ) && is_numeral(toks.w(number).as_str())
            {
                if rest.is_empty() {
                    return None;
                }
                name_words = rest;
            }
        }
        // "the National Voter Registration Act", "the First Amendment": a
        // law or a treaty, which does not speak.
        if name_words.len() >= 2
            && matches!(
                stem_possessive(toks.w(name_words[name_words.len() - 1]).as_str()),
                "act"
                    | "acts"
                    | "amendment"
                    | "treaty"
                    | "accord"
                    | "accords"
                    | "convention"
                    | "doctrine"
                    | "statute"
                    | "code"
            )
        {
            return None;
        }
        // "Suddenly he …", "Precisely.": an adverb, unless it is a known name.
        if let [only] = name_words {
            let w = toks.w(only);
            if w.ends_with("ly") && w.len() > 4 && w.first_name().is_none() && !w.is_surname() {
                return None;
            }
        }
        let role_words = &words[..name_start];
        // "President Obama Speech at …", "Jane Holt Statement": a headline's
        // document noun after a person's name is not part of the name.
        if let [rest @ .., last] = name_words {
            let person = !role_words.is_empty()
                && role_words
                    .iter()
                    .all(|w| toks.w(w).is(Lex::TITLE_WORDS) || toks.w(w).is(Lex::HONORIFICS))
                || rest
                    .first()
                    .is_some_and(|w| toks.w(w).first_name().is_some());
            let noun = toks.w(last);
            if !rest.is_empty()
                && person
                && (noun.is(Lex::DOCUMENT_NOUNS)
                    || matches!(
                        noun.as_str(),
                        "speech" | "remarks" | "interview" | "address"
                    ))
            {
                name_words = rest;
            }
        }
        if name_words.iter().all(|w| {
            stem_lex(toks.w(w)).1.has(Lex::FUNCTION_WORDS) || toks.w(w).is(Lex::NATIONALITIES)
        }) {
            return None;
        }
        let mut gender = Gender::Unknown;
        for w in role_words {
            if toks.w(w).is(Lex::HONORIFICS) {
                gender = HONORIFICS[toks.w(w).as_str()];
            }
        }
        let name = join_words(toks, text, name_words);
        let role = join_kept_words(toks, text, role_words, |w| {
            // Dr. and Prof. are roles; Mr. and Mrs. only tell the sex.
            !toks.w(w).is(Lex::DETERMINERS)
                && (!toks.w(w).is(Lex::HONORIFICS)
                    || HONORIFICS[toks.w(w).as_str()] == Gender::Unknown)
        });
        let (head_lower, head_name_lex) = stem_lex(toks.w(*name_words.last()?));
        let metonym = || is_metonym(&name);
        let org = field_name
            || head_name_lex.has(Lex::ORG_WORDS)
            || words
                .iter()
                .any(|w| toks.w(w).is(Lex::ORG_WORDS) && w.cap())
            || name_words.iter().any(|w| {
                toks.w(w).is(Lex::ORG_WORDS)
                    && name_words.len() > 1
                    && !toks.w(w).is(Lex::HONORIFICS)
            })
            || metonym()
            || (determiner && gender == Gender::Unknown && role.is_empty())
            || name_words.len() == 1
                && all_caps(name_words[0])
                && w_len(text, name_words[0]) <= 5
                && !is_transcript_name(text, name_words[0]);
        // "the Republican National Committee": party and other role words
        // before a capitalised organisation word describe the organisation;
        // only an honorific or an abbreviated title ("Sen.") makes a person
        // (a first name too, "Mayor Don Guardian", and "of": "CEO of the
        // Restaurant Association" is the CEO).
        let person_title = if org_head
            && (name_words.len() == 1 || toks.w(name_words[0]).first_name().is_none())
            && !role_words.iter().any(|w| toks.w(w) == "of")
        {
            role_words.iter().any(|w| is_personal_title(toks.w(w)))
        } else {
            has_person_title(toks, role_words)
        };
        let kind = if org && gender == Gender::Unknown && !person_title {
            MentionKind::Organization
        } else {
            MentionKind::Name
        };
        // "the organiser Alliance to Reclaim Our Schools": a role before an
        // organisation whose name runs over a small word ("to", "for", "of")
        // back to a capitalised organisation word. The whole name speaks.
        if kind == MentionKind::Name && gender == Gender::Unknown {
            if let Some(start) = org_name_start(toks, words, name_start) {
                return Some(Phrase::organisation(
                    (s, e),
                    span,
                    join_words(toks, text, &words[start..]),
                ));
            }
        }
        if kind == MentionKind::Name
            && gender == Gender::Unknown
            && name_words.len() == 1
            && !toks.w(name_words[0]).is_surname()
        {
            if let Some(g) = toks.w(name_words[0]).first_name() {
                gender = g;
            }
        }
        if kind == MentionKind::Name && gender == Gender::Unknown {
            if let Some(g) = toks.w(name_words[0]).first_name() {
                if name_words.len() > 1 && g != Gender::Unknown {
                    gender = g;
                }
            }
        }
        let plural = kind == MentionKind::Organization
            && head_lower.ends_with('s')
            && !head_lower.ends_with("ss")
            && name_words.len() == 1;
        // An organisation keeps its whole name ("International Atomic Energy
        // Agency", "Oversight Committee Republicans"), without "the".
        let name = if kind == MentionKind::Organization {
            let first = words
                .iter()
                .position(|w| !toks.w(w).is(Lex::DETERMINERS) && !toks.w(w).is(Lex::FUNCTION_WORDS))
                .unwrap_or(0);
            join_words(toks, text, &words[first..])
        } else {
            name
        };
        let role = if kind == MentionKind::Organization {
            String::new()
        } else {
            role
        };
        return Some(Phrase {
            toks: Phrase::pack_range((s, e)),
            at: Phrase::pack_span(span),
            kind,
            name,
            role,
            gender,
            plural,
            document: false,
        });
    }
    // A description or an unnamed source.
    let document = head_lex.has(Lex::DOCUMENT_NOUNS);
    let plural = is_plural_noun(head);
    let definite = matches!(
        first_lower,
        "the"
            | "this"
            | "that"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
    ) || first_lower.ends_with("'s");
    let kind = if !definite && (head_lex.has(Lex::UNNAMED_HEADS) || plural && determiner) {
        MentionKind::Unnamed
    } else if !determiner
        && !first_lower.ends_with("'s")
        && !head_lex.has(Lex::ROLE_NOUNS)
        && !head_lex.has(Lex::UNNAMED_HEADS)
        && !document
        && !head_lex.has(Lex::TITLE_WORDS)
    {
        // A bare lowercase noun ("officials" is handled above): not a speaker.
        // A share of those polled is ("63 percent said").
        let share = head == "percent"
            && words.len() == 2
            && toks.w(words[0]).starts_with(|c: char| c.is_ascii_digit());
        if plural || share {
            MentionKind::Unnamed
        } else {
            return None;
        }
    } else if matches!(first_lower, "a" | "an" | "another")
        && !document
        && (head_lex.has(Lex::ROLE_NOUNS) || gender_of_noun(head).is_some())
    {
        // "an architect who said …": an indefinite description brings in
        // someone new.
        MentionKind::Unnamed
    } else if head_lex.has(Lex::ROLE_NOUNS)
        || head_lex.has(Lex::UNNAMED_HEADS)
        || document
        || head_lex.has(Lex::TITLE_WORDS)
        || head_lex.has(Lex::ORG_WORDS)
        || gender_of_noun(head).is_some()
        // "the lawmakers", "the senators": a role noun's plural.
        || plural && head.strip_suffix('s').is_some_and(|one| ROLE_NOUNS.contains(one))
    {
        MentionKind::Nominal
    } else {
        // "the tariff", "a box": not something that speaks.
        return None;
    };
    let gender = words
        .iter()
        .find_map(|w| gender_of_noun(toks.w(w).as_str()))
        .unwrap_or(Gender::Unknown);
    let role = description_role(toks, text, words, kind);
    Some(Phrase {
        toks: Phrase::pack_range((s, e)),
        at: Phrase::pack_span(span),
        kind,
        name: String::new(),
        role,
        gender,
        plural,
        document,
    })
}

/// The phrase right after an inverted cue ("…,” said the cook", "…,” cried
/// another"): whoever it names speaks, so a noun phrase with any head is a
/// description of a person even when the head is not a known role.
pub fn classify_after_cue(toks: &Toks, text: &str, np: (usize, usize)) -> Option<Phrase> {
    if let Some(p) = classify(toks, text, np) {
        return Some(p);
    }
    let (s, e) = np;
    let words = PhraseWords::of(toks, s, e);
    let words: &[&Tok] = &words;
    let first = toks.w(*words.first()?).as_str();
    let last = words.last()?;
    let head = toks.w(last).as_str();
    // "the 46-year-old": an age stands for the person.
    let age = head.ends_with("-year-old") && words.len() == 2;
    if last.cap()
        || !age && !head.chars().all(|c| c.is_alphabetic() || c == '-')
        || is_pronoun(head)
        || FUNCTION_WORDS.contains(head)
            && head != "another"
            && head != "other"
            && !(is_count(head) && first == "the")
    {
        return None;
    }
    let indefinite = matches!(first, "a" | "an" | "another" | "one" | "some");
    // ("said Marsh's introducer": a possessive name is definite.)
    let definite = matches!(
        first,
        "the" | "my" | "his" | "her" | "their" | "our" | "your" | "this" | "that"
    ) || words.len() >= 2 && first.ends_with("'s");
    if !indefinite && !definite {
        return None;
    }
    let kind = if indefinite {
        MentionKind::Unnamed
    } else {
        MentionKind::Nominal
    };
    let role = description_role(toks, text, words, kind);
    let role = if role.is_empty() {
        join_words(toks, text, words)
    } else {
        role
    };
    Some(Phrase {
        toks: Phrase::pack_range((s, e)),
        at: Phrase::pack_span(Span::new(toks[s].span().start, toks[e - 1].span().end)),
        kind,
        name: String::new(),
        role,
        gender: words
            .iter()
            .find_map(|w| gender_of_noun(toks.w(w).as_str()))
            .unwrap_or(Gender::Unknown),
        plural: is_plural_noun(head) || is_count(head),
        document: false,
    })
}

/// The words of a description: without determiners, except for an unnamed
/// source ("a senior official").
fn description_role(toks: &Toks, text: &str, words: &[&Tok], kind: MentionKind) -> String {
    join_kept_words(toks, text, words, |w| {
        kind == MentionKind::Unnamed || !toks.w(w).is(Lex::DETERMINERS)
    })
}

/// "officials", "heavyweights": a noun's plural, by its ending.
fn is_plural_noun(w: &str) -> bool {
    w.ends_with('s') && !w.ends_with("ss") && !matches!(w, "his" | "boss" | "its")
}

/// "two" to "ten": the count in "the two", "the three".
fn is_count(w: &str) -> bool {
    matches!(
        w,
        "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten"
    )
}

/// "XX", "iv", "12": a chapter number.
fn is_numeral(w: &str) -> bool {
    let w = w.trim_end_matches('.');
    !w.is_empty()
        && (w.chars().all(|c| c.is_ascii_digit())
            || w.chars()
                .all(|c| matches!(c, 'i' | 'v' | 'x' | 'l' | 'c' | 'd' | 'm')))
}

fn w_len(text: &str, t: &Tok) -> usize {
    text[t.span().start..t.span().end].chars().count()
}

/// "PENCE" in a transcript is a name; "NATO" is not.
fn is_transcript_name(text: &str, t: &Tok) -> bool {
    let w = &text[t.span().start..t.span().end];
    super::lexicon::is_surname(&w.to_lowercase()) && !METONYMS.contains(w.to_lowercase().as_str())
}

fn has_person_title(toks: &Toks, role_words: &[&Tok]) -> bool {
    role_words.iter().any(|w| {
        let l = toks.w(w);
        is_personal_title(l) || (l.is(Lex::ROLE_NOUNS) && !l.is(Lex::ORG_WORDS))
    })
}

/// A title with its full stop at `i` ("Sen.", "Gov.", "Mr."): it opens the
/// name after it, though "sen", "rep" and "gov" are function words too.
fn abbreviated_title(toks: &Toks, i: usize) -> bool {
    is_personal_title(toks.w(&toks[i])) && toks.get(i + 1).is_some_and(|t| t.is_punct('.'))
}

/// An honorific or an abbreviated title: only a person has one ("Mr.",
/// "Sen.", "Gov.").
fn is_personal_title(l: Lower) -> bool {
    l.is(Lex::HONORIFICS) || matches!(l.as_str(), "sen" | "rep" | "gov" | "lt" | "gen")
}

/// "Chinese Foreign Minister" before a name: the role words are capitalised
/// but belong to a name phrase only when a non-title word follows them.
fn is_capitalised_name_context(toks: &Toks, words: &[&Tok]) -> bool {
    // (No words: "", in none of the lists.)
    let Some(last) = words.last().map(|w| toks.w(w)) else {
        return true;
    };
    // ("People", "Sources" opening a sentence are unnamed people.)
    if !(last.is(Lex::ROLE_NOUNS) || last.is(Lex::TITLE_WORDS) || last.is(Lex::UNNAMED_HEADS)) {
        return true;
    }
    // A surname that is also a role word: "Mr. King", "Charlie King".
    let Some(before) = words.len().checked_sub(2).map(|k| words[k]) else {
        return false;
    };
    let b = toks.w(before);
    before.cap()
        && !b.is(Lex::TITLE_WORDS)
        && !b.is(Lex::ROLE_NOUNS)
        && (b.is(Lex::HONORIFICS) || b.first_name().is_some())
}

pub fn gender_of_noun(w: &str) -> Option<Gender> {
    match w {
        "spokesman" | "congressman" | "businessman" | "chairman" | "councilman" | "man"
        | "father" | "son" | "husband" | "brother" | "king" | "prince" | "statesman" | "boy"
        | "gentleman" | "grandfather" | "uncle" | "nephew" | "actor" | "mr" | "sir" | "lord"
        | "monk" | "priest" => Some(Gender::Male),
        "spokeswoman" | "congresswoman" | "businesswoman" | "chairwoman" | "councilwoman"
        | "woman" | "mother" | "daughter" | "wife" | "sister" | "queen" | "princess" | "lady"
        | "stateswoman" | "girl" | "grandmother" | "aunt" | "niece" | "actress" | "mrs" | "ms"
        | "nun" => Some(Gender::Female),
        _ => None,
    }
}

/// Joins the words of a phrase as they stand in the text, with the full stops
/// of abbreviations ("Mr. Obama", "Loretta E. Lynch").
fn join_words(toks: &Toks, text: &str, words: &[&Tok]) -> String {
    join_kept_words(toks, text, words, |_| true)
}

/// `join_words` of the words that `keep` accepts.
fn join_kept_words(toks: &Toks, text: &str, words: &[&Tok], keep: impl Fn(&Tok) -> bool) -> String {
    let Some(last) = words.iter().rposition(|w| keep(w)) else {
        return String::new();
    };
    // Room for each word, a space and a dot: one allocation.
    let mut out = String::with_capacity(words.iter().map(|w| w.span().len() + 2).sum());
    for (k, w) in words.iter().enumerate().take(last + 1) {
        if k < last && !keep(w) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let mut word = &text[w.span().start..w.span().end];
        // Keep a trailing dot of an abbreviation or initial.
        if text.as_bytes().get(w.span().end) == Some(&b'.')
            && (toks.w(w).is_abbreviation() || toks.w(w).contains('.'))
        {
            out.push_str(word);
            out.push('.');
            continue;
        }
        if k == last {
            word = word
                .strip_suffix("'s")
                .or_else(|| word.strip_suffix("’s"))
                .unwrap_or(word);
        }
        out.push_str(word);
    }
    out
}

/// Finds capitalised name phrases anywhere in a token range, for the
/// entities they introduce ("Chinese Foreign Minister Qin Gang has said"),
/// a piece at a time: a caller reads the names of each stretch of tokens
/// while it reads them for something else, and gets the same names, in the
/// same order, as one run over the whole range would give.
pub struct NameScan {
    range: (usize, usize),
    /// The next token to read.
    i: usize,
    /// Whether the paragraph last asked about is a headline: the answer
    /// depends on the paragraph only.
    headline: Option<(usize, bool)>,
}

impl NameScan {
    pub fn new(range: (usize, usize)) -> NameScan {
        NameScan {
            range,
            i: range.0,
            headline: None,
        }
    }

    /// Reads on, up to the first name that would start at or after `stop`
    /// (a name may run past it), pushing each name whose span `keep`
    /// accepts.
    pub fn run(
        &mut self,
        toks: &Toks,
        text: &str,
        stop: usize,
        out: &mut Vec<Phrase>,
        mut keep: impl FnMut(Span) -> bool,
    ) {
        let range = self.range;
        let end = range.1;
        let stop = stop.min(end);
        let (mut i, mut headline) = (self.i, self.headline);
        while i < stop {
            if !(toks[i].is_word() && (toks[i].cap() || name_word(toks, i))) {
                i += 1;
                continue;
            }
            // "When PolitiFact…": a capitalised function word opens the sentence.
            // ("Sen. Hale said" opens with a title.)
            if is_function(toks, i)
                && !toks.w(&toks[i]).is(Lex::HONORIFICS)
                && toks.w(&toks[i]) != "the"
                && !abbreviated_title(toks, i)
            {
                i += 1;
                continue;
            }
            // Headlines in title case are not read for names.
            let is_headline = match headline {
                Some((para, h)) if para == toks[i].para() => h,
                _ => {
                    let h = headline_paragraph(toks, i);
                    headline = Some((toks[i].para(), h));
                    h
                }
            };
            if is_headline {
                i += 1;
                continue;
            }
            let mut j = i;
            let mut connected = false;
            loop {
                if j >= end {
                    break;
                }
                // Organisation names run over small words: "Department of
                // Homeland Security", "Court of Appeals for the Sixth Circuit".
                if j > i && org_connector(toks, i, j, end) {
                    connected = true;
                    j += 1;
                    continue;
                }
                if !(name_word(toks, j) || toks[j].is_word() && toks[j].cap()) {
                    break;
                }
                // A capitalised function word inside a run ends the name ("… As The …").
                if j > i
                    && toks[j].is_word()
                    && toks.w(&toks[j]).is(Lex::FUNCTION_WORDS)
                    && !function_word_in_name(toks, j)
                    && !toks.w(&toks[j]).is(Lex::HONORIFICS)
                {
                    break;
                }
                // Don't run a name into a quotation or over a possessive.
                let poss = toks[j].is_word() && (toks.w(&toks[j]).ends_with("'s"));
                j += 1;
                if poss {
                    break;
                }
            }
            // Datelines and shouted headlines in capitals ("MIDWAY ATOLL —") are
            // not names of people.
            let caps_run = j - i >= 2
                && toks[i..j].iter().filter(|t| t.is_word()).count() >= 2
                && toks[i..j].iter().filter(|t| t.is_word()).all(|t| {
                    let w = &text[t.span().start..t.span().end];
                    w.chars().filter(|c| c.is_alphabetic()).count() > 1
                        && !w.chars().any(char::is_lowercase)
                });
            if caps_run {
                i = j;
                continue;
            }
            // "Union leader Maria Okafor said": one capitalised word opening
            // the sentence, lowercase words ending in a role, then a name.
            // The word is part of the role, not a name.
            if j == i + 1 && opens_sentence(toks, i) {
                let mut k = j;
                while k < end && k - j < 3 && toks[k].is_word() && !toks[k].cap() {
                    k += 1;
                }
                let role = k > j && toks.w(&toks[k - 1]).is(Lex::ROLE_NOUNS);
                if role && toks.get(k).is_some_and(|t| t.is_word() && t.cap()) {
                    i = j;
                    continue;
                }
            }
            // Include a preceding determiner ("the Kremlin") when present. A
            // name between "the" and a noun ("the Obama administration", "the
            // Smith campaign") only modifies that noun: no mention.
            let noun_after = toks
                .get(j)
                .is_some_and(|t| t.is_word() && !t.cap() && is_body_or_document(toks.w(t)));
            let the_before = i > range.0 && toks[i - 1].is_word() && toks.w(&toks[i - 1]) == "the";
            if (the_before || toks.w(&toks[i]) == "the") && noun_after {
                i = j.max(i + 1);
                continue;
            }
            let s = if the_before { i - 1 } else { i };
            // Whatever the words make, its span is this one: a span that
            // `keep` turns down (most often a speaker's name, found already)
            // is not classified, nor its name and role strings made.
            let span = Span::new(toks[s].span().start, toks[j - 1].span().end);
            if !keep(span) {
                i = j.max(i + 1);
                continue;
            }
            match classify(toks, text, (s, j)) {
                Some(mut p)
                    if matches!(p.kind, MentionKind::Name | MentionKind::Organization)
                        && !p.name.is_empty() =>
                {
                    if p.kind == MentionKind::Name && p.role.is_empty() {
                        if let Some(r) = role_around(toks, text, (s, j)) {
                            // ("Lu Kang, the ministry spokesman,": the role's
                            // sex, not the one a list gives the first name.)
                            if let Some(g) = r.split_whitespace().last().and_then(gender_of_noun) {
                                p.gender = g;
                            }
                            p.role = r;
                        }
                    }
                    out.push(p)
                }
                // "the U.S. Court of Appeals for the Sixth Circuit": a name run
                // over small words after an organisation word is the
                // organisation's, whatever its last words look like.
                _ if connected && toks[j - 1].is_word() => {
                    let words = PhraseWords::of(toks, i, j);
                    out.push(Phrase::organisation(
                        (s, j),
                        span,
                        join_words(toks, text, &words),
                    ));
                }
                _ => {}
            }
            i = j.max(i + 1);
        }
        self.i = i;
        self.headline = headline;
    }
}

#[allow(dead_code)]
pub(crate) fn debug_kind(k: Kind) -> &'static str {
    match k {
        Kind::Word => "word",
        Kind::Punct(_) => "punct",
        Kind::Quote(_) => "quote",
    }
}

/// True when the paragraph of token `i` reads like a headline: mostly
/// capitalised words and no sentence inside.
fn headline_paragraph(toks: &Toks, i: usize) -> bool {
    let para = toks[i].para();
    let start = toks[..i]
        .iter()
        .rposition(|t| t.para() != para)
        .map_or(0, |k| k + 1);
    // Title case: the words left in lower case are small function words
    // ("Minister Opens New Pier in the Harbour"), not "opened" or "pier".
    // (The paragraph's end is not sought first: most paragraphs are
    // turned down at their first words.)
    let (mut n_words, mut caps) = (0, 0);
    for t in toks[start..]
        .iter()
        .take_while(|t| t.para() == para)
        .filter(|t| t.is_word())
    {
        n_words += 1;
        if n_words > 25 {
            return false;
        }
        if t.cap() {
            caps += 1;
        } else if !toks.w(t).is(Lex::FUNCTION_WORDS) {
            return false;
        }
    }
    n_words >= 4 && caps * 10 >= n_words * 7
}

/// A small word that joins the words of an organisation's name
/// ("Department of Labor", "Alliance to Reclaim Our Schools").
fn is_org_connector_word(w: Lower) -> bool {
    matches!(w.as_str(), "of" | "for" | "on" | "to" | "and")
}

/// A lowercase "of", "for", "on", "to", "and" or "the" inside an
/// organisation's name: the run so far or the capitalised words after it
/// hold an organisation word.
fn org_connector(toks: &Toks, i: usize, j: usize, end: usize) -> bool {
    let t = &toks[j];
    if !t.is_word() || t.cap() || !(is_org_connector_word(toks.w(t)) || toks.w(t) == "the") {
        return false;
    }
    let mut k = j + 1;
    while k < end
        && toks[k].is_word()
        && !toks[k].cap()
        && matches!(toks.w(&toks[k]).as_str(), "the" | "of")
    {
        k += 1;
    }
    // "… Council on Friday made": a day or a month after the word is a
    // time, not the rest of the name.
    if !(k < end && toks[k].is_word() && toks[k].cap())
        || is_time_word(toks, &toks[k])
        || is_month(toks, &toks[k])
    {
        return false;
    }
    let org =
        |t: &Tok| t.is_word() && t.cap() && ORG_WORDS.contains(stem_possessive(toks.w(t).as_str()));
    toks[i..j].iter().any(org)
        || toks[k..end.min(k + 4)]
            .iter()
            .take_while(|t| t.is_word() && t.cap())
            .any(org)
}

/// People named in full in a title-case headline opening the text ("Mayor
/// Ann Holt Wins Second Term"): a known first name followed by a known
/// surname. The body often names them by surname only; the headline gives
/// the full name. Headlines are otherwise not read for names.
pub fn headline_people(toks: &Toks, text: &str) -> Vec<(String, Gender)> {
    let Some(first) = toks.iter().position(|t| t.is_word()) else {
        return Vec::new();
    };
    if !headline_paragraph(toks, first) {
        return Vec::new();
    }
    let para = toks[first].para();
    let words: Vec<&Tok> = toks[first..]
        .iter()
        .take_while(|t| t.para() == para)
        .filter(|t| t.is_word())
        .collect();
    let mut out = Vec::new();
    for w in words.windows(2) {
        let (a, b) = (w[0], w[1]);
        if !a.cap() || !b.cap() || !toks.w(b).is_surname() {
            continue;
        }
        if let Some(g) = toks.w(a).first_name() {
            let (a, b) = (a.span(), b.span());
            out.push((
                format!("{} {}", &text[a.start..a.end], &text[b.start..b.end]),
                g,
            ));
        }
    }
    out
}
