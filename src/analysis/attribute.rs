//! Who said a quotation: finds the speech cue around it (before or after,
//! either word order, split quotations, colon introductions, "according
//! to") and the phrase that names the speaker.

use super::lexicon::{Cue, Lex};
use super::mentions::{
    classify, classify_after_cue, is_person_noun, name_in_cue_slot, np_after, np_before, Phrase,
};
use super::spanset::partition_point_near;
use super::tokens::Toks;
use super::types::{AttributionMethod, MentionKind, Span};

/// A speaker found for one quotation.
#[derive(Clone, Debug)]
pub struct Found {
    pub phrase: Phrase,
    /// The speech cue (`cue()`).
    cue: SpanOpt,
    pub method: AttributionMethod,
    /// The cue is a weak one ("called", "described").
    pub weak: bool,
    /// Words in apposition to the speaker (", Russia's top diplomat,")
    /// (`appositive()`).
    appositive: SpanOpt,
}

// (One per quotation: kept at 96 bytes.)
const _: () = assert!(std::mem::size_of::<Found>() <= 96);

impl Found {
    /// A speaker found with its cue, if any, and its appositive, if any.
    pub fn new(
        phrase: Phrase,
        cue: Option<Span>,
        method: AttributionMethod,
        weak: bool,
        appositive: Option<Span>,
    ) -> Found {
        Found {
            phrase,
            cue: SpanOpt::new(cue),
            method,
            weak,
            appositive: SpanOpt::new(appositive),
        }
    }

    /// A speaker found through a speech cue.
    fn by_cue(phrase: Phrase, cue: Span, weak: bool, appositive: Option<Span>) -> Found {
        Found::new(phrase, Some(cue), AttributionMethod::Cue, weak, appositive)
    }

    /// The speech cue ("said", "pointed out"), when there is one.
    #[inline]
    pub fn cue(&self) -> Option<Span> {
        self.cue.get()
    }

    /// Words in apposition to the speaker, when there are some.
    #[inline]
    pub fn appositive(&self) -> Option<Span> {
        self.appositive.get()
    }

    /// The cue and the method, all that the output reads of a speaker.
    #[inline]
    pub fn cue_method(&self) -> CueMethod {
        CueMethod {
            cue: self.cue,
            method: self.method,
        }
    }
}

/// A speaker's cue and method (`Found::cue_method`): 12 bytes where the
/// `Found` takes 96, for the output's last walk of the quotations.
#[derive(Clone, Copy, Debug)]
pub struct CueMethod {
    cue: SpanOpt,
    pub method: AttributionMethod,
}

impl CueMethod {
    /// The speech cue, when there is one.
    #[inline]
    pub fn cue(&self) -> Option<Span> {
        self.cue.get()
    }
}

/// An optional span as two `u32`s (8 bytes, where `Option<Span>` takes 24):
/// offsets stay below `u32::MAX` (`analyze` cuts longer texts into pieces),
/// so a start of `u32::MAX` is none.
#[derive(Clone, Copy, Debug)]
struct SpanOpt {
    start: u32,
    end: u32,
}

impl SpanOpt {
    fn new(s: Option<Span>) -> SpanOpt {
        match s {
            Some(s) => SpanOpt {
                start: s.start as u32,
                end: s.end as u32,
            },
            None => SpanOpt {
                start: u32::MAX,
                end: u32::MAX,
            },
        }
    }

    #[inline]
    fn get(self) -> Option<Span> {
        (self.start != u32::MAX).then(|| Span::new(self.start as usize, self.end as usize))
    }
}

/// What a matched cue is like.
#[derive(Clone, Copy, Debug)]
pub struct CueKind {
    pub weak: bool,
    pub participle: bool,
    /// The base form, which can be a noun ("a new campaign message").
    pub base: bool,
}

thread_local! {
    /// Speech cues the user configured, for the analysis running on this
    /// thread (set by `with_extra_cues` for the length of one `analyze`).
    static EXTRA_CUES: std::cell::RefCell<super::lexicon::CueMap> = Default::default();
    /// `EXTRA_CUES` may hold cues: set and cleared with it, so that
    /// `cue_at` reads the map only then (a constant-initialised flag, cheaper
    /// to read than the lazily created map).
    static HAS_EXTRA_CUES: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f` with `cues` (base forms or fixed phrases) recognised as speech
/// cues in addition to the built-in lexicon.
pub fn with_extra_cues<R>(cues: &[String], f: impl FnOnce() -> R) -> R {
    if cues.is_empty() {
        return f();
    }
    let map = super::lexicon::cue_map(cues.iter().map(String::as_str), false);
    EXTRA_CUES.with(|c| *c.borrow_mut() = map);
    HAS_EXTRA_CUES.with(|h| h.set(true));
    let out = f();
    EXTRA_CUES.with(|c| c.borrow_mut().clear());
    HAS_EXTRA_CUES.with(|h| h.set(false));
    out
}

fn match_cue(toks: &Toks, i: usize, cues: &[Cue]) -> Option<((usize, usize), CueKind)> {
    'cues: for cue in cues {
        let mut k = i;
        for w in &cue.words {
            match toks.get(k) {
                Some(tk) if tk.is_word() && *toks.w(tk) == *w => k += 1,
                _ => continue 'cues,
            }
        }
        return Some((
            (i, k),
            CueKind {
                weak: cue.weak,
                participle: cue.participle,
                base: cue.base,
            },
        ));
    }
    None
}

/// The cue that starts at token `i`, as the token range it covers.
pub fn cue_at(toks: &Toks, i: usize) -> Option<((usize, usize), CueKind)> {
    let t = toks.get(i)?;
    if !t.is_word() {
        return None;
    }
    // "the United States’ military": a capitalised word after another word
    // is part of a name, not a verb.
    if t.cap() && i > 0 && toks[i - 1].is_word() && toks[i - 1].cap() {
        return None;
    }
    let extra = HAS_EXTRA_CUES.with(|h| h.get()).then(|| {
        EXTRA_CUES.with(|c| {
            let c = c.borrow();
            c.get(toks.w(t).as_str())
                .and_then(|cues| match_cue(toks, i, cues))
        })
    });
    let extra = extra.flatten();
    // (The word's cues were looked up once per distinct word.)
    extra.or_else(|| match_cue(toks, i, toks.w(t).cues()?))
}

/// "was saying", "is telling": the -ing cue at `cs` follows a form of "be".
fn progressive(toks: &Toks, cs: usize) -> bool {
    cs > 0 && is_be(toks.w(&toks[cs - 1]).as_str())
}

/// A form of "be" that makes a progressive or a passive.
fn is_be(w: &str) -> bool {
    matches!(
        w,
        "was" | "were" | "is" | "are" | "am" | "been" | "be" | "being"
    )
}

/// An article or a possessive determiner: what opens a noun phrase.
fn is_article_or_possessive(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your"
    )
}

fn span_of(toks: &Toks, (s, e): (usize, usize)) -> Span {
    Span::new(toks[s].span().start, toks[e - 1].span().end)
}

/// Words in apposition right after a subject: "Lavrov, Russia's top diplomat, said".
fn appositive(toks: &Toks, np_end: usize, limit: usize) -> Option<Span> {
    if np_end < limit && toks[np_end].is_punct(',') {
        let mut k = np_end + 1;
        while k < limit && !toks[k].is_punct(',') && toks[k].quote().is_none() {
            k += 1;
        }
        if k < limit && toks[k].is_punct(',') && k > np_end + 1 {
            return Some(span_of(toks, (np_end + 1, k)));
        }
    }
    None
}

/// Searches sentence `[s_start, s_end)` for the speaker of the quotation
/// whose tokens are `[qs, qe)`.
pub fn attribute(
    toks: &Toks,
    text: &str,
    (qs, qe): (usize, usize),
    (s_start, s_end): (usize, usize),
) -> (Option<Found>, Option<Found>) {
    // "“…,” Whitfield pressed.": a sentence that opens with a quotation
    // ending on a comma, then a subject and a verb that closes the clause,
    // whatever the verb.
    if !toks[s_start..qs].iter().any(|t| t.is_word()) {
        if let Some(f) = unlisted_verb_cue(toks, text, qe, s_end) {
            return (Some(f), None);
        }
    }
    let right = search_right(toks, text, qe, s_end);
    // "When someone in the audience shouted, “Cruz,” Beck joked": a quotation
    // right after the cue of a fronted clause is that clause's, not the one
    // of the main clause after it.
    if right.as_ref().is_some_and(|r| r.1) && opens_subordinate(toks, s_start) {
        let cue_before = qs >= s_start + 2
            && (toks[qs - 1].is_punct(',') || toks[qs - 1].is_punct(':'))
            && cue_at(toks, qs - 2).is_some_and(|((_, ce), _)| ce == qs - 1);
        if cue_before {
            if let Some(l) = search_left(toks, text, qs, s_start) {
                return (Some(l), None);
            }
        }
    }
    if let Some((r, true)) = right {
        let relay = relayed_by(toks, text, &r, (qs, qe), (s_start, s_end));
        return (Some(relay.unwrap_or(r)), None);
    }
    // "Pollsters agree - Carl Bialik: “…”": the name after a dash, not the
    // headline's cue, introduces the quotation.
    if qs > s_start + 1 && toks[qs - 1].is_punct(':') {
        if let Some(c) = dash_name_intro(toks, text, (s_start, qs)) {
            return (Some(c), None);
        }
    }
    if let Some(l) = search_left(toks, text, qs, s_start) {
        let relay = relayed_by(toks, text, &l, (qs, qe), (s_start, s_end));
        return (Some(relay.unwrap_or(l)), None);
    }
    // "More from Hale: “…”": a colon introduction in the same sentence.
    if qs > s_start + 1 && toks[qs - 1].is_punct(':') {
        if let Some(c) = colon_intro(toks, text, (s_start, qs)) {
            return (Some(c), None);
        }
    }
    (None, right.map(|r| r.0))
}

/// "according to X" at token `k`, with X ending before `ceil`: X is the
/// source. So is X of "per X" when X is a name, an organisation or a
/// document ("per the party's bylaws"; not "per day", "per cent").
fn according_to(toks: &Toks, text: &str, k: usize, ceil: usize) -> Option<Found> {
    let is = |i: usize, w: &str| toks.get(i).is_some_and(|t| t.is_word() && toks.w(t) == w);
    let n = if is(k, "according") && is(k + 1, "to") {
        2
    } else if is(k, "per") {
        1
    } else {
        return None;
    };
    let p = classify(toks, text, np_after(toks, k + n, ceil)?)?;
    if n == 1 && !(p.document || matches!(p.kind, MentionKind::Name | MentionKind::Organization)) {
        return None;
    }
    let at = span_of(toks, (k, k + n));
    Some(Found::new(
        p,
        Some(at),
        AttributionMethod::AccordingTo,
        false,
        None,
    ))
}

/// The sentence at `s_start` opens with a subordinating word ("When …,").
fn opens_subordinate(toks: &Toks, s_start: usize) -> bool {
    toks.get(s_start).is_some_and(|t| {
        t.is_word()
            && matches!(
                toks.w(t).as_str(),
                "when" | "as" | "after" | "while" | "before" | "once" | "until"
            )
    })
}

/// "“…,” Hale said, according to the Courier", "According to the Courier,
/// Hale said “…”", "“…,” said Hale, reports Harbour Radio": a cue relayed
/// from another report. The report the article cites is the source it
/// gives, and it speaks (as the annotated news corpora credit it).
/// "…, adding that according to a survey …" is reported speech, not a
/// relay; nor is "as first reported by" (the report only broke the news).
fn relayed_by(
    toks: &Toks,
    text: &str,
    f: &Found,
    (qs, qe): (usize, usize),
    (s_start, s_end): (usize, usize),
) -> Option<Found> {
    if f.method != AttributionMethod::Cue {
        return None;
    }
    let cue = f.cue()?;
    // (Searched from the sentence: the cue is near it, and a search of the
    // whole token table missed the cache at every probe on long texts.)
    let cs = partition_point_near(toks, s_start, |t| t.span().start < cue.start);
    let ce = partition_point_near(toks, cs, |t| t.span().start < cue.end);
    let word = |k: usize, w: &str| k < s_end && toks[k].is_word() && toks.w(&toks[k]) == w;
    let according = |k: usize| according_to(toks, text, k, s_end);
    // A sentence opening "According to the Courier," with the cue's subject
    // right after it and the quotation after the cue.
    if ce <= qs && word(s_start, "according") && word(s_start + 1, "to") {
        let comma = (s_start + 2..cs).find(|&k| toks[k].is_punct(','));
        if let Some(c) = comma.filter(|&c| f.phrase.toks.0 as usize == c + 1) {
            if let Some(r) = according(s_start).filter(|r| r.phrase.toks.1 as usize == c) {
                return Some(r);
            }
        }
    }
    // After the cue and the quotation, in the same clause.
    let from = ce.max(qe);
    if let Some(f) = closing_report(toks, text, from, s_end) {
        return Some(f);
    }
    for j in from..s_end {
        let t = &toks[j];
        if t.quote().is_some() {
            break;
        }
        if !t.is_word() {
            continue;
        }
        let w = toks.w(t).as_str();
        if w == "according" && word(j + 1, "to") {
            return according(j);
        }
        if matches!(w, "reports" | "reported") && toks[j - 1].is_punct(',') {
            let np = np_after(toks, j + 1, s_end)?;
            let p = classify(toks, text, np)
                .filter(|p| matches!(p.kind, MentionKind::Name | MentionKind::Organization))?;
            return Some(Found::by_cue(p, span_of(toks, (j, j + 1)), false, None));
        }
        if matches!(w, "that" | "who" | "which" | "whom" | "while" | "because")
            || cue_at(toks, j).is_some()
        {
            break;
        }
    }
    None
}

/// "…, the Courier reported.", "…, Harbour Radio first reported Tuesday.":
/// a news outlet's report closing the sentence, after token `from`.
pub fn closing_report(toks: &Toks, text: &str, from: usize, s_end: usize) -> Option<Found> {
    let mut k = s_end;
    while k > from && !toks[k - 1].is_word() {
        k -= 1;
    }
    if k > from && super::mentions::is_weekday(toks, &toks[k - 1]) {
        k -= 1;
    }
    let verb = k
        .checked_sub(1)
        .filter(|&v| v > from && matches!(toks.w(&toks[v]).as_str(), "reports" | "reported"))?;
    let mut e = verb;
    if matches!(
        toks.w(&toks[e - 1]).as_str(),
        "first" | "later" | "previously"
    ) {
        e -= 1;
    }
    let np = np_before(toks, e, from + 1)?;
    if np.1 != e || !toks[np.0 - 1].is_punct(',') {
        return None;
    }
    let p = classify(toks, text, np)
        .filter(|p| matches!(p.kind, MentionKind::Name | MentionKind::Organization))?;
    Some(Found::by_cue(
        p,
        span_of(toks, (verb, verb + 1)),
        false,
        None,
    ))
}

/// After the quotation: "…,” he said", "…,” said Qin", "…” during the talks, he said".
/// Returns the finding and whether it sits right after the quotation.
fn search_right(toks: &Toks, text: &str, qe: usize, s_end: usize) -> Option<(Found, bool)> {
    // A byline dash: “…” ― Jane Doe
    if qe < s_end && matches!(toks[qe].kind(), super::tokens::Kind::Punct('―' | '—' | '–')) {
        if let Some(np) = np_after(toks, qe + 1, s_end) {
            if let Some(p) = classify(toks, text, np) {
                if p.kind == MentionKind::Name {
                    let f = Found::new(
                        p,
                        Some(toks[qe].span()),
                        AttributionMethod::Cue,
                        false,
                        None,
                    );
                    return Some((f, true));
                }
            }
        }
    }
    // "…,” when Clinton blasted him": a subordinate clause after the
    // quotation is about something else ("…,” though, she said" has an
    // adverb).
    let first = (qe..s_end.min(qe + 2)).find(|&k| toks[k].is_word());
    if first.is_some_and(|k| {
        matches!(
            toks.w(&toks[k]).as_str(),
            "when" | "while" | "although" | "though" | "whereas"
        ) && !toks.get(k + 1).is_some_and(|n| n.is_punct(','))
    }) {
        return None;
    }
    let mut j = qe;
    while j < s_end {
        if toks[j].quote().is_some() {
            // A term quoted on the way ("… as donors watched how a
            // “turbulent cycle” played out, he said") is passed over; a
            // quotation with a sentence of its own has its own speaker.
            let inner = &text[toks[j].span().start..toks[j].span().end];
            let short = inner.split_whitespace().count() <= 4
                && !matches!(closing_punct(inner), Some('.' | '?' | '!' | ','));
            // ("… words like “maybe” and “perhaps”, he told reporters": a
            // comma after the term, outside its marks.)
            let word_after = |k: usize| k < s_end && toks[k].is_word();
            let comma_after = j + 1 < s_end && toks[j + 1].is_punct(',');
            if short && (word_after(j + 1) || comma_after && word_after(j + 2)) {
                j += 1;
                continue;
            }
            break;
        }
        if let Some(f) = according_to(toks, text, j, s_end) {
            return Some((f, j - qe <= 1));
        }
        if let Some(((cs, ce), cue)) =
            cue_at(toks, j).filter(|&((cs, _), cue)| !noun_usage(toks, cs, cue))
        {
            // (A subject with places after it is near too: "…,” a message
            // on the website reads".)
            let near = cs - qe <= 4
                || cue.weak
                    && !cue.participle
                    && np_before(toks, cs, qe)
                        .is_some_and(|np| subject_over_places(toks, text, np, qe).0 <= qe + 1);
            if cue.weak && !near {
                j = ce;
                continue;
            }
            // "“…” that Reyes can win, said Tom Hale, an analyst.": an
            // inverted cue after a comma, later in the sentence, names the
            // source of everything before it.
            // (A verb with an object, "…, told AFP", has its subject before.)
            if cs > qe + 1
                && toks[cs - 1].is_punct(',')
                && !cue.participle
                && !cue.weak
                && matches!(
                    toks.w(&toks[cs]).as_str(),
                    "said"
                        | "says"
                        | "wrote"
                        | "writes"
                        | "added"
                        | "adds"
                        | "explained"
                        | "continued"
                        | "noted"
                        | "argued"
                        | "insisted"
                        | "warned"
                )
            {
                if let Some(f) = inverted_source(toks, text, ce, s_end) {
                    return Some((
                        Found::by_cue(f.0, span_of(toks, (cs, ce)), false, f.1),
                        false,
                    ));
                }
            }
            // An -ing cue after a noun modifies it ("a tweet attacking …"):
            // it has no subject of its own.
            let np = if cue.participle && !progressive(toks, cs) {
                name_before_participle(toks, text, cs, qe)
            } else {
                np_before(toks, cs, qe).map(|np| subject_over_places(toks, text, np, qe))
            };
            if let Some(np) = np {
                // Right after the quotation means the speaker phrase starts
                // there: "…,” Qin said", not "…” when he said".
                // (With words in apposition between the phrase and its cue:
                // "…,” the mayor's cousin, Marta Lopez, shouted".)
                let apposed = np.1 < cs && toks[np.1].is_punct(',') && toks[cs - 1].is_punct(',');
                let adjacent = (near || apposed) && np.0 <= qe + 1;
                // "…,” the child declared": between the quotation and its
                // cue, any noun phrase speaks.
                let p = classify(toks, text, np)
                    .filter(plausible_source)
                    .or_else(|| {
                        if adjacent && (np.0 == qe || !toks[qe].is_word()) {
                            classify_after_cue(toks, text, np)
                        } else {
                            None
                        }
                    })
                    .or_else(|| {
                        // Nothing between the quotation and the cue but
                        // the capitalised words themselves.
                        let first = (qe..cs).find(|&k| toks[k].is_word());
                        if first == Some(np.0) && np.1 == cs {
                            name_in_cue_slot(toks, text, np)
                        } else {
                            None
                        }
                    });
                if let Some(p) = p {
                    let appositive = appositive(toks, np.1, cs);
                    let f = Found::by_cue(p, span_of(toks, (cs, ce)), cue.weak, appositive);
                    return Some((f, adjacent));
                }
            }
            // Inverted order right after the quotation: "…,” said the minister
            // (not "…” and said X should resign": that verb has the earlier
            // subject).
            let conjunction =
                cs > qe && matches!(toks.w(&toks[qe]).as_str(), "and" | "but" | "or" | "nor");
            if cs - qe <= 1 && !cue.participle && !conjunction {
                if let Some(np) = np_after(toks, ce, s_end).map(|np| owned_noun(toks, np, s_end)) {
                    // "…” suggests that Phoenix …" is a clause, not a speaker
                    // ("…,” said that gentleman" is one).
                    let clause = toks.w(&toks[np.0]) == "that";
                    // Straight after the quotation (no "and" between), any
                    // noun phrase after the cue is the speaker.
                    let tight = cs == qe || !toks[qe].is_word();
                    // "any “top secret” email chains": a base form right
                    // after a quoted term is a noun the term modifies,
                    // unless a speaker follows it.
                    let term_then_noun = cue.base
                        && cs == qe
                        && qe > 0
                        && toks[qe - 1].quote().is_some()
                        && closing_punct(&text[toks[qe - 1].span().start..toks[qe - 1].span().end])
                            .is_none();
                    let p = if term_then_noun {
                        classify(toks, text, np).filter(|p| p.kind == MentionKind::Name)
                    } else if tight {
                        after_inverted_cue(toks, text, np, s_end)
                    } else {
                        classify(toks, text, np)
                    };
                    if let Some(p) = p.filter(|p| !clause || p.kind == MentionKind::Nominal) {
                        let appositive = appositive(toks, np.1, s_end);
                        let f = Found::by_cue(p, span_of(toks, (cs, ce)), cue.weak, appositive);
                        return Some((f, true));
                    }
                }
            }
            j = ce;
            continue;
        }
        j += 1;
    }
    None
}

/// "…,” said Marsh's spokesman": a phrase that ends in a possessive name
/// runs on over the lowercase noun phrase it owns.
fn owned_noun(toks: &Toks, np: (usize, usize), s_end: usize) -> (usize, usize) {
    let owner = toks[np.1 - 1].cap() && toks.w(&toks[np.1 - 1]).ends_with("'s");
    let owned = owner
        .then(|| np_after(toks, np.1, s_end))
        .flatten()
        .filter(|&(s, _)| s == np.1 && toks[s].is_word() && !toks[s].cap());
    match owned {
        Some((_, e)) => (np.0, e),
        None => np,
    }
}

/// The speaker phrase `np` right after an inverted cue ("…,” said the
/// minister"); capitalised words alone that close the clause are a name even
/// where one is also a nationality ("…,” said Cuban, who …").
fn after_inverted_cue(toks: &Toks, text: &str, np: (usize, usize), s_end: usize) -> Option<Phrase> {
    classify_after_cue(toks, text, np).or_else(|| {
        let closes = toks
            .get(np.1)
            .is_none_or(|t| np.1 >= s_end || t.is_punct(',') || t.is_punct('.'));
        closes.then(|| name_in_cue_slot(toks, text, np)).flatten()
    })
}

/// "…?” a staffer at the back of the room wondered": the phrase before the
/// cue is the object of a preposition; the subject is the phrase the
/// prepositions hang from, right after the quotation ending at `qe` (the
/// places are left out of it), when it can speak.
fn subject_over_places(toks: &Toks, text: &str, np: (usize, usize), qe: usize) -> (usize, usize) {
    let mut cur = np;
    for _ in 0..3 {
        if cur.0 <= qe + 1 {
            break;
        }
        match phrase_before_preposition(toks, cur, qe) {
            Some(prev) => cur = prev,
            None => return np,
        }
    }
    let words_between = toks[qe..cur.0].iter().any(|t| t.is_word());
    let speaks = || classify(toks, text, cur).is_some_and(|p| plausible_source(&p));
    if cur.0 <= qe + 1 && !words_between && cur != np && speaks() {
        cur
    } else {
        np
    }
}

/// The noun phrase before the preposition that opens `np` ("a staffer" for
/// "the back" in "a staffer at the back"), not reaching before `floor`.
fn phrase_before_preposition(
    toks: &Toks,
    np: (usize, usize),
    floor: usize,
) -> Option<(usize, usize)> {
    let prep = toks.get(np.0.checked_sub(1)?)?;
    (np.0 > floor + 1
        && prep.is_word()
        && !prep.cap()
        && matches!(
            toks.w(prep).as_str(),
            "in" | "at"
                | "on"
                | "from"
                | "of"
                | "near"
                | "outside"
                | "inside"
                | "behind"
                | "during"
                | "after"
                | "before"
        ))
    .then(|| np_before(toks, np.0 - 1, floor))
    .flatten()
}

/// "Hale during a rally on Sunday thanked …": the phrase before the cue is
/// the object of a preposition and speaks for no one; the subject is the
/// name or pronoun the prepositional phrases follow.
fn subject_before_phrases(
    toks: &Toks,
    text: &str,
    np: (usize, usize),
    floor: usize,
) -> (usize, usize) {
    let speaks =
        |np: (usize, usize)| classify(toks, text, np).is_some_and(|p| plausible_source(&p));
    if speaks(np) {
        return np;
    }
    let mut cur = np;
    for _ in 0..3 {
        cur = match phrase_before_preposition(toks, cur, floor) {
            Some(prev) => prev,
            None => return np,
        };
        if classify(toks, text, cur)
            .is_some_and(|p| matches!(p.kind, MentionKind::Name | MentionKind::Pronoun))
        {
            return cur;
        }
    }
    np
}

/// The punctuation that closes a quotation's words ("…,”" gives ','), past
/// its closing marks and brackets; `None` when a word ends it.
fn closing_punct(quoted: &str) -> Option<char> {
    quoted
        .chars()
        .rev()
        .find(|&c| is_alphanumeric(c) || matches!(c, '.' | '?' | '!' | ','))
        .filter(|&c| !is_alphanumeric(c))
}

/// `char::is_alphanumeric`, answered at once for the quotation marks,
/// dashes and ellipsis that close a quotation's words (which are none: for
/// characters outside ASCII the standard library searches its Unicode
/// tables, several hundred instructions a mark).
pub(super) fn is_alphanumeric(c: char) -> bool {
    !matches!(
        c,
        '“' | '”'
            | '„'
            | '‟'
            | '«'
            | '»'
            | '‘'
            | '’'
            | '‚'
            | '‹'
            | '›'
            | '—'
            | '–'
            | '…'
    ) && c.is_alphanumeric()
}

/// The speaker after an inverted cue (", said Tom Hale, an analyst."): a
/// name or organisation, or a description headed by a role, that closes the
/// clause; with its appositive.
fn inverted_source(
    toks: &Toks,
    text: &str,
    ce: usize,
    s_end: usize,
) -> Option<(Phrase, Option<Span>)> {
    let np = np_after(toks, ce, s_end)?;
    if !(np.1 >= s_end || toks[np.1].is_punct(',') || toks[np.1].is_punct('.')) {
        return None;
    }
    let p = classify(toks, text, np).filter(plausible_source)?;
    let fits = match p.kind {
        MentionKind::Name | MentionKind::Organization => true,
        MentionKind::Nominal | MentionKind::Unnamed => p
            .role
            .split_whitespace()
            .last()
            .is_some_and(|h| is_person_noun(&h.to_lowercase())),
        MentionKind::Pronoun => false,
    };
    fits.then(|| (p, appositive(toks, np.1, s_end)))
}

/// "…,” the mayor pressed.", "…?” Hale countered on Monday": after a
/// quotation that ends on a comma, a question mark or an exclamation mark,
/// a subject and a past-tense or present verb (one not in the cue list)
/// that closes the clause or takes only a time or place after it.
fn unlisted_verb_cue(toks: &Toks, text: &str, qe: usize, s_end: usize) -> Option<Found> {
    let quote = toks.get(qe.checked_sub(1)?)?;
    quote.quote()?;
    let inner = &text[quote.span().start..quote.span().end];
    let mut k = qe;
    if !matches!(closing_punct(inner), Some(',' | '?' | '!')) {
        if !(k < s_end && toks[k].is_punct(',')) {
            return None;
        }
        k += 1;
    }
    if let Some(f) = unlisted_inverted_cue(toks, text, k, s_end) {
        return Some(f);
    }
    let np = np_after(toks, k, s_end)?;
    if np.0 != k || np.1 >= s_end {
        return None;
    }
    let verb = &toks[np.1];
    let w = toks.w(verb);
    let past_or_present = w.len() > 4 && w.ends_with("ed")
        || w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us");
    if !verb.is_word()
        || verb.cap()
        || !past_or_present
        || w.is(Lex::FUNCTION_WORDS)
        || w.is(Lex::CUES)
        || matches!(w.as_str(), "was" | "has" | "does" | "goes" | "is")
    {
        return None;
    }
    let closes = toks.get(np.1 + 1).is_none_or(|n| {
        np.1 + 1 >= s_end
            || n.is_punct('.')
            || n.is_punct(',')
            || n.is_punct(';')
            || n.is_word()
                && matches!(
                    toks.w(n).as_str(),
                    "on" | "in"
                        | "at"
                        | "during"
                        | "after"
                        | "before"
                        | "from"
                        | "with"
                        | "as"
                        | "when"
                        | "while"
                        | "later"
                        | "again"
                        | "back"
                        | "yesterday"
                        | "today"
                        | "tonight"
                        | "then"
                        | "last"
                        | "this"
                        | "earlier"
                        | "recently"
                )
    });
    if !closes {
        return None;
    }
    let p = classify(toks, text, np).filter(plausible_source)?;
    if !matches!(
        p.kind,
        MentionKind::Name | MentionKind::Pronoun | MentionKind::Nominal | MentionKind::Unnamed
    ) {
        return None;
    }
    let appositive = None;
    Some(Found::by_cue(p, verb.span(), false, appositive))
}

/// "“…!” beamed Donald Hale of Dayton, who …": a past-tense verb outside the
/// cue list, then a name or a person's description that closes the clause.
fn unlisted_inverted_cue(toks: &Toks, text: &str, k: usize, s_end: usize) -> Option<Found> {
    let verb = toks.get(k).filter(|v| v.is_word() && !v.cap())?;
    let w = toks.w(verb);
    if !(w.len() > 4 && w.ends_with("ed")) || w.is(Lex::FUNCTION_WORDS) || w.is(Lex::CUES) {
        return None;
    }
    let np = np_after(toks, k + 1, s_end).filter(|np| np.0 == k + 1)?;
    let closes = np.1 >= s_end || {
        let n = &toks[np.1];
        n.is_punct(',')
            || n.is_punct('.')
            || n.is_word() && matches!(toks.w(n).as_str(), "of" | "who" | "as" | "from")
    };
    if !closes {
        return None;
    }
    let p = classify(toks, text, np).filter(plausible_source)?;
    let person = match p.kind {
        MentionKind::Name => true,
        MentionKind::Nominal | MentionKind::Unnamed => p
            .role
            .split_whitespace()
            .last()
            .is_some_and(|h| is_person_noun(&h.to_lowercase())),
        _ => false,
    };
    person.then(|| Found::by_cue(p, verb.span(), false, None))
}

/// The relative pronoun whose clause the cue at `cs` is the verb of: "Berg,
/// who said", "Berg, who has in the past described", "the party, which on
/// Friday criticized". Between the pronoun and the cue may stand only
/// auxiliaries, adverbs, commas and short prepositional phrases, so that
/// "who heard Hale describe it" (another subject) is no such clause.
fn relative_pronoun_before(toks: &Toks, cs: usize, s_start: usize) -> Option<usize> {
    let r = (cs.saturating_sub(9).max(s_start)..cs)
        .rev()
        .find(|&k| toks[k].is_word() && matches!(toks.w(&toks[k]).as_str(), "who" | "which"))?;
    let mut in_phrase = None;
    for t in &toks[r + 1..cs] {
        if t.is_punct(',') {
            in_phrase = None;
            continue;
        }
        if !t.is_word() {
            return None;
        }
        let word = toks.w(t);
        let w = word.as_str();
        if matches!(
            w,
            "in" | "on" | "at" | "during" | "over" | "last" | "earlier" | "after"
        ) {
            in_phrase = Some(0);
            continue;
        }
        match in_phrase {
            Some(n)
                if n < 4
                    && !(w.ends_with("ed") && !t.cap())
                    && !matches!(
                        w,
                        "and" | "or" | "but" | "he" | "she" | "they" | "who" | "which"
                    )
                    && !word.is(Lex::CUES) =>
            {
                in_phrase = Some(n + 1)
            }
            Some(_) => return None,
            None if w != "who" && super::mentions::is_adverbial(toks, t) => {}
            None => return None,
        }
    }
    Some(r)
}

/// An adverb that may open a fronted clause or phrase ("Shortly after",
/// "Even before", "Ever since", "Early in his campaign").
fn fronting_adverb(w: &str) -> bool {
    matches!(
        w,
        "even" | "ever" | "just" | "soon" | "long" | "right" | "only" | "well" | "early"
    ) || super::mentions::is_ly_adverb(w)
}

/// Where the main clause starts after a fronted subordinate clause ("When
/// Hale spoke, he …", "Last month, when I asked him, he …", "Ever since
/// Hale ran, he …"), when that clause closes with a comma before `qs`.
/// ("As Hale put it, “…”" names the source: not a fronted clause here.)
fn fronted_clause_end(toks: &Toks, text: &str, s_start: usize, qs: usize) -> Option<usize> {
    let word = |k: usize| (k < qs && toks[k].is_word()).then(|| toks.w(&toks[k]).as_str());
    let mut i = s_start;
    if matches!(word(i), Some("but" | "and" | "so" | "yet")) {
        i += 1;
    }
    for attempt in 0..2 {
        if word(i).is_some_and(fronting_adverb) {
            i += 1;
        }
        if matches!(
            word(i),
            Some(
                "when"
                    | "after"
                    | "before"
                    | "while"
                    | "since"
                    | "once"
                    | "if"
                    | "although"
                    | "though"
                    | "because"
                    | "until"
                    | "whereas"
            )
        ) {
            let comma = (i + 1..qs.min(i + 30)).find(|&k| toks[k].is_punct(','))?;
            // (The quotation comes after it, in the main clause, which has
            // words before it: not "After lunch Tony said, “…”".)
            // It opens with its subject, a pronoun or a name ("After a
            // pause she said, with a chill, “…”" has none after the comma).
            let subject = || {
                np_after(toks, comma + 1, qs)
                    .filter(|np| np.0 == comma + 1 && np.1 < qs)
                    .and_then(|np| classify(toks, text, np).map(|p| p.kind))
                    .is_some_and(|k| matches!(k, MentionKind::Pronoun | MentionKind::Name))
            };
            return (toks[i + 1..comma].iter().all(|t| t.quote().is_none()) && subject())
                .then_some(comma + 1);
        }
        if attempt == 0 {
            // "Last month, when …": a short time phrase first.
            i = (i + 1..qs.min(i + 5)).find(|&k| toks[k].is_punct(','))? + 1;
        }
    }
    None
}

/// Before the quotation: "Qin said: “…”", "X said on Tuesday that “…”",
/// "…,” he said, “…” (the second half of a split quotation).
fn search_left(toks: &Toks, text: &str, qs: usize, s_start: usize) -> Option<Found> {
    let mut j = qs;
    let mut participle_seen: Option<(usize, usize)> = None;
    // A cue inside a fronted clause ("When Hale announced it, he called
    // them “…”") is not the main clause's, where the quotation is.
    let main = fronted_clause_end(toks, text, s_start, qs).unwrap_or(s_start);
    while j > s_start {
        j -= 1;
        if j < main {
            break;
        }
        if let Some(f) = according_to(toks, text, j, qs) {
            // "Lind said that according to its analysis, the party has won,
            // but “…”": inside reported speech, the outer source speaks.
            return Some(outer_source(toks, text, j, s_start).unwrap_or(f));
        }
        let Some(((cs, ce), cue)) = cue_at(toks, j) else {
            continue;
        };
        if ce > qs || continues_to_do(toks, text, cs, ce) {
            continue;
        }
        if cue.weak && qs - ce > 10 {
            continue;
        }
        if noun_usage(toks, cs, cue) {
            continue;
        }
        // The word before the cue opens a relative clause ("who said").
        let before = (cs > 0).then(|| toks.w(&toks[cs - 1]).as_str());
        // "X defended it, saying “…”": a relative clause further left ("an
        // architect who said he was stiffed") is not the source.
        if participle_seen.is_some() && matches!(before, Some("who" | "which" | "that")) {
            continue;
        }
        // "the Police Department which reported", "Anna Berg, who said":
        // a relative pronoun's antecedent speaks.
        // (Also across a time phrase: "McConnell, who in 2010 said".)
        let rel_at = relative_pronoun_before(toks, cs, s_start);
        let relative = cs > s_start + 1 && rel_at.is_some_and(|r| r > s_start);
        let r = rel_at.unwrap_or(cs.saturating_sub(1));
        // An -ing cue has no subject of its own ("…, saying that"), unless
        // a name stands right before it ("footage of Clinton asking").
        let np = if cue.participle {
            name_before_participle(toks, text, cs, s_start)
        } else if relative {
            let e = if toks[r - 1].is_punct(',') || is_dash(&toks[r - 1]) {
                r - 1
            } else {
                r
            };
            np_before(toks, e, s_start)
        } else {
            np_before(toks, cs, s_start).map(|np| subject_before_phrases(toks, text, np, s_start))
        };
        if let Some(np) = np {
            // ("“…,” Cuban said on Sunday. “…”": capitalised words alone
            // between a quotation and its cue are a name.)
            let slot = || {
                (np.0 > s_start && toks[np.0 - 1].quote().is_some() && np.1 == cs)
                    .then(|| name_in_cue_slot(toks, text, np))
                    .flatten()
            };
            if let Some(mut p) = classify(toks, text, np)
                .filter(plausible_source)
                .or_else(slot)
            {
                if relative {
                    // The mention runs to the pronoun: "Anna Berg, who".
                    p.set_span(Span::new(p.span().start, toks[r].span().end));
                }
                let appositive = appositive(toks, np.1, cs);
                let found = Found::by_cue(p, span_of(toks, (cs, ce)), cue.weak, appositive);
                // Reported speech inside reported speech ("Trump said Clinton
                // described it as “…”"): the outermost source is the speaker.
                return Some(outer_source(toks, text, np.0, s_start).unwrap_or(found));
            }
        }
        // "She looked at me, furrowed her brow and said, “…”": a cue joined
        // by "and" to the verbs before it has the subject of the sentence
        // (after a fronted clause: "When I asked her, she …").
        if !cue.participle
            && cs > s_start + 2
            && qs <= ce + 2
            && toks[cs - 1].is_word()
            && toks.w(&toks[cs - 1]) == "and"
        {
            let start = fronted_clause_end(toks, text, s_start, qs).unwrap_or(s_start);
            // (A pronoun, or a name of two words or more: not the verb of
            // a list's line, "Preys on …, and calls …"; and no relay
            // between: "…, according to their lawyers, and said".)
            let relayed = toks[start..cs]
                .iter()
                .any(|t| t.is_word() && toks.w(t) == "according");
            // (And no other subject between: "He pledged … and he, once
            // again, said".)
            let subject = (!relayed).then(|| subject_of(toks, text, start, cs, false));
            let subject = subject.flatten().filter(|p| {
                plausible_source(p)
                    && (p.kind == MentionKind::Pronoun
                        || p.kind == MentionKind::Name && p.name.contains(' '))
                    && !toks[p.toks.1 as usize..cs].iter().any(|t| {
                        t.is_word()
                            && matches!(toks.w(t).as_str(), "he" | "she" | "they" | "i" | "we")
                    })
            });
            if let Some(p) = subject {
                return Some(Found::by_cue(p, span_of(toks, (cs, ce)), cue.weak, None));
            }
        }
        if cue.participle && participle_seen.is_none() {
            participle_seen = Some((cs, ce));
            continue;
        }
        // Inverted order at the start of a sentence: "Said the minister: “…”"
        // (an -ing cue is never inverted: "…,” pointing to the bottles").
        if !cue.participle
            && (cs == s_start
                || toks[cs - 1].quote().is_some()
                || toks[cs - 1].is_punct(',') && cs >= 2 && toks[cs - 2].quote().is_some())
        {
            if let Some(np) = np_after(toks, ce, qs) {
                if let Some(p) = after_inverted_cue(toks, text, np, qs) {
                    if p.kind != MentionKind::Nominal || p.role.split(' ').count() <= 4 {
                        return Some(Found::by_cue(p, span_of(toks, (cs, ce)), cue.weak, None));
                    }
                }
            }
        }
        // Inverted and set off by commas inside the sentence: "The trouble
        // with the plan, says Dana Obi, an engineer, is that it was “…”".
        if !cue.participle && !cue.weak && cs > s_start + 1 && toks[cs - 1].is_punct(',') {
            if let Some(np) =
                np_after(toks, ce, qs).filter(|np| np.1 < qs && toks[np.1].is_punct(','))
            {
                let name =
                    classify_after_cue(toks, text, np).filter(|p| p.kind == MentionKind::Name);
                if let Some(p) = name {
                    let appositive = appositive(toks, np.1, qs);
                    return Some(Found::by_cue(p, span_of(toks, (cs, ce)), false, appositive));
                }
            }
        }
    }
    // A participle cue with no subject of its own ("…, adding that “…”"): the
    // subject of the sentence speaks.
    if let Some((cs, ce)) = participle_seen {
        let subject = subject_of(toks, text, s_start, cs, true)
            .or_else(|| fronted_participle_subject(toks, text, s_start, cs, qs));
        if let Some(p) = subject.filter(plausible_source) {
            return Some(Found::new(
                p,
                Some(span_of(toks, (cs, ce))),
                AttributionMethod::Cue,
                false,
                None,
            ));
        }
    }
    None
}

/// "After saying her foot was “…,” she was …": a sentence opening with a
/// participle clause ("after", "before", "while", "since", "upon" and the
/// cue at `cs`) has its subject after the quotation at `qs`, a pronoun or a
/// name.
fn fronted_participle_subject(
    toks: &Toks,
    text: &str,
    s_start: usize,
    cs: usize,
    qs: usize,
) -> Option<Phrase> {
    let opener = toks.w(&toks[s_start]);
    if cs != s_start + 1
        || !matches!(
            opener.as_str(),
            "after" | "before" | "while" | "since" | "upon"
        )
    {
        return None;
    }
    let para = toks[qs].para();
    let ceil = (qs + 1..toks.len().min(qs + 4))
        .find(|&k| toks[k].para() != para)
        .unwrap_or(toks.len().min(qs + 4));
    let np = np_after(toks, qs + 1, ceil)?;
    classify(toks, text, np).filter(|p| matches!(p.kind, MentionKind::Pronoun | MentionKind::Name))
}

/// "her campaign would continue “to break barriers”": a form of "continue"
/// (tokens `[cs, ce)`) before "to" goes on doing something, not speaking.
fn continues_to_do(toks: &Toks, text: &str, cs: usize, ce: usize) -> bool {
    toks.w(&toks[cs]).starts_with("continu")
        && toks.get(ce).is_some_and(|t| {
            // The word "to", or a quotation whose words open with it.
            let words = &text[t.span().start..t.span().end];
            let words = words.trim_start_matches(|c: char| !c.is_alphanumeric());
            words == "to" || t.quote().is_some() && words.starts_with("to ")
        })
}

/// A strong cue with a plausible subject earlier in the sentence whose
/// complement holds the phrase starting at `inner_start`.
fn outer_source(toks: &Toks, text: &str, inner_start: usize, s_start: usize) -> Option<Found> {
    // "a woman asked for a photo and Clinton said": a clause joined by a
    // conjunction and opening with a name or a pronoun is not the complement
    // of the cue before it ("shootings and protests demand" can be).
    if inner_start > s_start
        && matches!(toks.w(&toks[inner_start - 1]).as_str(), "and" | "but")
        && (toks[inner_start].cap()
            || matches!(toks.w(&toks[inner_start]).as_str(), "he" | "she" | "they"))
    {
        return None;
    }
    let mut j = inner_start;
    let mut best: Option<Found> = None;
    let mut limit = inner_start;
    while j > s_start {
        j -= 1;
        if toks[j].quote().is_some() {
            break;
        }
        let Some(((cs, ce), cue)) = cue_at(toks, j) else {
            continue;
        };
        if ce > limit || cue.weak || cue.participle || noun_usage(toks, cs, cue) {
            continue;
        }
        // The inner clause must follow the cue with no punctuation between
        // ("said Clinton", "said on Tuesday that Clinton"):
        // in "When Clinton noted that …, Trump boasted" Trump speaks.
        let between = &toks[ce..limit];
        if !between.iter().all(|t| t.is_word()) {
            continue;
        }
        if let Some(np) = np_before(toks, cs, s_start) {
            if let Some(p) = classify(toks, text, np).filter(plausible_source) {
                let appositive = appositive(toks, np.1, cs);
                limit = np.0;
                best = Some(Found::new(
                    p,
                    Some(span_of(toks, (cs, ce))),
                    AttributionMethod::Cue,
                    false,
                    appositive,
                ));
            }
        }
    }
    best
}

/// A hyphen, en dash, em dash or horizontal bar token (a dateline's or a digest's dash).
pub(super) fn is_dash(t: &super::tokens::Tok) -> bool {
    matches!(t.kind(), super::tokens::Kind::Punct('-' | '–' | '—' | '―'))
}

/// "RED STATES GAIN — Jeffrey M. Jones:", "… all along - More from Hale:":
/// a digest's headline, a dash, and a name alone that introduces the
/// quotation after the colon closing `s_end`.
fn dash_name_intro(toks: &Toks, text: &str, (s_start, s_end): (usize, usize)) -> Option<Found> {
    let d = (s_start..s_end - 1).rev().find(|&k| is_dash(&toks[k]))?;
    let mut k = d + 1;
    for w in ["more", "from"] {
        if k < s_end && toks[k].is_word() && toks.w(&toks[k]) == w {
            k += 1;
        }
    }
    let np = np_after(toks, k, s_end - 1).filter(|np| np.0 == k && np.1 == s_end - 1)?;
    let p = classify(toks, text, np)?;
    matches!(p.kind, MentionKind::Name | MentionKind::Organization)
        .then(|| Found::new(p, None, AttributionMethod::Colon, false, None))
}

/// "The newspaper reports:" closing the paragraph before a quotation.
pub fn colon_intro(toks: &Toks, text: &str, (s_start, s_end): (usize, usize)) -> Option<Found> {
    if s_end == 0 || !toks[s_end - 1].is_punct(':') {
        return None;
    }
    if let Some(f) = dash_name_intro(toks, text, (s_start, s_end)) {
        return Some(f);
    }
    let mut f = search_left(toks, text, s_end - 1, s_start);
    if f.is_none() {
        // "From the report:", "More from Hale:": the source of what follows.
        let mut k = s_start;
        while k < s_end && !toks[k].is_word() {
            k += 1;
        }
        if k < s_end && toks[k].is_word() && toks.w(&toks[k]) == "more" {
            k += 1;
        }
        if k + 1 < s_end && toks[k].is_word() && toks.w(&toks[k]) == "from" {
            if let Some(np) = np_after(toks, k + 1, s_end - 1).filter(|np| np.1 == s_end - 1) {
                f = classify(toks, text, np)
                    .filter(|p| p.kind != MentionKind::Unnamed)
                    .map(|p| Found::new(p, None, AttributionMethod::Colon, false, None));
            }
        }
    }
    if f.is_none() {
        // "Qin Gang:" alone (not "… a message to Trump:")
        if let Some(np) = np_before(toks, s_end - 1, s_start).filter(|np| np.0 == s_start) {
            if let Some(p) = classify(toks, text, np) {
                if matches!(p.kind, MentionKind::Name | MentionKind::Organization) {
                    f = Some(Found::new(p, None, AttributionMethod::Colon, false, None));
                }
            }
        }
    }
    if f.is_none() {
        // "The mayor was blunt about the cost:" — the subject introduces it.
        f = sentence_subject(toks, text, s_start, s_end - 1)
            .filter(|p| {
                matches!(
                    p.kind,
                    MentionKind::Name
                        | MentionKind::Pronoun
                        | MentionKind::Nominal
                        | MentionKind::Organization
                )
            })
            .map(|p| Found::new(p, None, AttributionMethod::Colon, false, None));
    }
    f.map(|mut f| {
        f.method = AttributionMethod::Colon;
        f
    })
}

/// (Asked through `Lex::PREPOSITIONS` of a token's word.)
pub(super) const PREPOSITIONS: &[&str] = &[
    "on",
    "in",
    "at",
    "during",
    "after",
    "before",
    "since",
    "until",
    "with",
    "without",
    "from",
    "for",
    "to",
    "by",
    "about",
    "of",
    "under",
    "over",
    "as",
    "while",
    "when",
    "despite",
    "amid",
    "among",
    "through",
    "outside",
    "inside",
    "across",
    "behind",
    "beyond",
    "around",
    "throughout",
    "following",
    "if",
    "although",
    "though",
    "because",
    "unlike",
    "like",
    "according",
];

/// "Hours later,", "Four days earlier,", "A week ago,": a span of time and
/// "later", "earlier" or "ago" opening the sentence, up to its comma.
fn time_span_adverb(toks: &Toks, i: usize, limit: usize) -> bool {
    let word = |k: usize| (k < limit && toks[k].is_word()).then(|| toks.w(&toks[k]).as_str());
    let Some(unit) = (i..limit.min(i + 3)).find(|&k| {
        word(k).is_some_and(|w| {
            matches!(
                w.strip_suffix('s').unwrap_or(w),
                "second"
                    | "minute"
                    | "hour"
                    | "day"
                    | "week"
                    | "month"
                    | "year"
                    | "moment"
                    | "decade"
            )
        })
    }) else {
        return false;
    };
    matches!(word(unit + 1), Some("later" | "earlier" | "ago"))
        && unit + 2 < limit
        && toks[unit + 2].is_punct(',')
}

/// The subject of a sentence, for a quotation with no cue: the first noun
/// phrase after any opening conjunction or prepositional phrase.
pub fn sentence_subject(toks: &Toks, text: &str, s_start: usize, limit: usize) -> Option<Phrase> {
    subject_of(toks, text, s_start, limit, false)
}

/// `sentence_subject`, where `it` may also be the subject (an organisation
/// speaking: "It attacked the plan, saying “…”").
fn subject_of(toks: &Toks, text: &str, s_start: usize, limit: usize, it: bool) -> Option<Phrase> {
    let mut i = s_start;
    while i < limit
        && toks[i].is_word()
        && matches!(
            toks.w(&toks[i]).as_str(),
            "but"
                | "and"
                | "so"
                | "yet"
                | "however"
                | "still"
                | "meanwhile"
                | "then"
                | "now"
                | "also"
                | "instead"
                | "indeed"
        )
    {
        i += 1;
        if i < limit && toks[i].is_punct(',') {
            i += 1;
        }
    }
    // A dateline: "WASHINGTON —", "Washington (AFP) –".
    {
        let mut k = i;
        while k < limit.min(i + 3) && toks[k].is_word() && toks[k].cap() {
            k += 1;
        }
        let words = k - i;
        let agency = k + 2 < limit
            && toks[k].is_punct('(')
            && toks[k + 1].is_word()
            && toks[k + 2].is_punct(')');
        // (Asked only where it counts, of capitalised words followed by a
        // comma, or by a dash without an agency: reading each sentence's
        // first words in the text again missed the cache on long texts.)
        let comma_after = k < limit && toks[k].is_punct(',');
        let dash_after = k < limit && is_dash(&toks[k]);
        let shouted = words > 0
            && (comma_after || !agency && dash_after)
            && toks[i..k].iter().all(|t| {
                let w = &text[t.span().start..t.span().end];
                w.chars().count() > 1 && !w.chars().any(char::is_lowercase)
            });
        // "WASHINGTON, Dec. 8 (UPI) —": a date and an agency before the dash.
        let dated = (shouted && comma_after)
            .then(|| {
                (k + 1..limit.min(k + 10))
                    .take_while(|&m| {
                        let t = &toks[m];
                        is_dash(t)
                            || !t.is_word() && t.quote().is_none()
                            || t.is_word()
                                && (t.cap()
                                    || text[t.span().start..t.span().end]
                                        .bytes()
                                        .all(|b| b.is_ascii_digit()))
                    })
                    .find(|&m| is_dash(&toks[m]))
            })
            .flatten();
        let dash_at = dated.unwrap_or(if agency { k + 3 } else { k });
        if words > 0 && (agency || shouted) && dash_at < limit && is_dash(&toks[dash_at]) {
            i = dash_at + 1;
        }
    }
    // "Shortly after the call ended, …", "Even before Sanders spoke, …": an
    // adverb before a fronted clause or phrase.
    if i + 1 < limit
        && toks[i].is_word()
        && toks[i + 1].is_word()
        && toks.w(&toks[i + 1]).is(Lex::PREPOSITIONS)
        && fronting_adverb(toks.w(&toks[i]).as_str())
    {
        i += 1;
    }
    // "Reading from a prepared text, Carson …": a participle clause before
    // the subject, up to its comma.
    // ("Reading from …", "Continuing to …": a word that is also a name or a
    // cue is a participle when a preposition or an article follows it, not
    // a verb: "Fielding hit".)
    let participle = i < limit && toks[i].is_word() && {
        let w = toks.w(&toks[i]);
        let lower_next = toks.get(i + 1).is_some_and(|n| {
            n.is_word()
                && !n.cap()
                && (toks.w(n).is(Lex::PREPOSITIONS) || toks.w(n).is(Lex::DETERMINERS))
        });
        w.len() > 5
            && w.ends_with("ing")
            && (lower_next || w.first_name().is_none() && !w.is_surname() && !w.is(Lex::CUES))
    };
    // "Here in Columbia, Reyes …": a place adverb opening a fronted phrase.
    let here = i + 1 < limit
        && toks[i].is_word()
        && matches!(toks.w(&toks[i]).as_str(), "here" | "there")
        && toks[i + 1].is_word()
        && toks.w(&toks[i + 1]).is(Lex::PREPOSITIONS);
    // "Later, Mills …", "Earlier this week, Mills …": an adverb of time
    // with its comma a few words on.
    let adverb = i < limit
        && toks[i].is_word()
        && matches!(
            toks.w(&toks[i]).as_str(),
            "later"
                | "earlier"
                | "separately"
                | "afterward"
                | "afterwards"
                | "previously"
                | "recently"
                | "yesterday"
                | "today"
                | "tonight"
                | "first"
                | "second"
        )
        && (i + 1..limit.min(i + 5))
            .find(|&k| !toks[k].is_word())
            .is_some_and(|k| toks[k].is_punct(','))
        || time_span_adverb(toks, i, limit);
    let fronted = participle
        || here
        || adverb
        || i < limit
            && toks[i].is_word()
            && toks.w(&toks[i]).is(Lex::PREPOSITIONS)
            && !super::mentions::approximates(toks, i);
    if participle && !(i..limit.min(i + 24)).any(|k| toks[k].is_punct(',')) {
        return None;
    }
    // (A town and its state stay one place: "in Salem, New Hampshire,".)
    let past_place = |k: usize| {
        (k + 1..limit.min(k + 6))
            .find(|&c| toks[c].is_punct(','))
            .filter(|&c| super::mentions::place_comma(toks, k, c))
            .unwrap_or(k)
    };
    if fronted {
        if let Some(k) = (i..limit.min(i + 24)).find(|&k| toks[k].is_punct(',')) {
            let k = past_place(k);
            i = k + 1;
            // "On Thursday, after months of silence, Warren …": fronted
            // phrases one after another.
            for _ in 0..2 {
                let again = i < limit
                    && toks[i].is_word()
                    && toks.w(&toks[i]).is(Lex::PREPOSITIONS)
                    && !super::mentions::approximates(toks, i);
                let Some(k) = again
                    .then(|| (i..limit.min(i + 24)).find(|&k| toks[k].is_punct(',')))
                    .flatten()
                else {
                    break;
                };
                i = past_place(k) + 1;
            }
        } else {
            // No comma: "In the hall the doctor stopped." The subject starts
            // after the preposition's object, with a determiner, a pronoun
            // or a capital.
            let (_, obj_end) = np_after(toks, i + 1, limit)?;
            let next = toks.get(obj_end).filter(|t| t.is_word())?;
            let opens = next.cap()
                || matches!(
                    toks.w(next).as_str(),
                    "the" | "his" | "her" | "he" | "she" | "they"
                );
            if !opens || obj_end >= limit {
                return None;
            }
            i = obj_end;
        }
    }
    let mut np = np_after(toks, i, limit)?;
    // "Following a swiftly called, late-afternoon meeting, the council
    // issued …": a comma inside the opening phrase; the subject follows the
    // next comma.
    if fronted
        && classify(toks, text, np).is_none()
        && toks.get(np.1).is_some_and(|t| t.is_punct(','))
    {
        np = np_after(toks, np.1 + 1, limit)?;
    }
    let p = classify(toks, text, np)?;
    if p.kind == MentionKind::Pronoun
        && !(matches!(p.role.as_str(), "he" | "she" | "they") || it && p.role == "it")
    {
        return None;
    }
    // The phrase must be followed by a verb-like word, not be the object of one.
    Some(p)
}

/// "footage of Clinton asking", "a clip of Mr. Brandt saying": a person's
/// name right before an -ing cue is its subject.
fn name_before_participle(
    toks: &Toks,
    text: &str,
    cs: usize,
    floor: usize,
) -> Option<(usize, usize)> {
    // "Turner Broadcasting" is a name, not a name and a cue.
    if cs == 0 || cs <= floor || toks[cs].cap() {
        return None;
    }
    // "with Dole reportedly yelling": an adverb may come between.
    let adverb = |t: &super::tokens::Tok| {
        t.is_word() && !t.cap() && super::mentions::is_ly_adverb(toks.w(t).as_str())
    };
    let at = if cs > floor + 1 && adverb(&toks[cs - 1]) {
        cs - 1
    } else {
        cs
    };
    if !toks[at - 1].is_word() || !toks[at - 1].cap() {
        return None;
    }
    let np = np_before(toks, at, floor)?;
    // ("said Jane, faintly smiling": the name is the inverted cue's.)
    if at != cs && np.0 > 0 && cue_at(toks, np.0 - 1).is_some() {
        return None;
    }
    let p = classify(toks, text, np)?;
    let person = p.kind == MentionKind::Name
        && (p.gender != super::types::Gender::Unknown
            || !p.role.is_empty()
            || p.name.split_whitespace().count() >= 2
            || super::lexicon::is_surname(&p.name.to_lowercase()));
    person.then_some(np)
}

/// The cue word at `cs` is a passive participle right after a form of
/// "be" that follows the subject ending at `subject_end` (an adverb may come
/// between each): "it was labeled", "what is being widely criticised". The
/// subject is not the speaker ("is reported to have said", "was quoted as
/// saying" are reported speech, not passives of this kind).
pub fn passive(toks: &Toks, subject_end: usize, cs: usize) -> bool {
    let mut k = cs;
    if k > 0 && toks.w(&toks[k - 1]).ends_with("ly") {
        k -= 1;
    }
    let w = toks.w(&toks[cs]);
    let reported = toks
        .get(cs + 1)
        .is_some_and(|n| matches!(toks.w(n).as_str(), "to" | "as"));
    k > 0
        && (k - 1 == subject_end
            || k >= 2 && k - 2 == subject_end && super::mentions::is_adverbial(toks, &toks[k - 2]))
        && !reported
        && !w.ends_with('s')
        && !w.ends_with("ing")
        && is_be(toks.w(&toks[k - 1]).as_str())
}

/// A cue word used as a noun: "the claims", "his remarks", "of reports",
/// "a Paul Brandt tweet".
fn noun_usage(toks: &Toks, cs: usize, cue: CueKind) -> bool {
    // "32% of Republican claims", "about American reports": a plural after
    // a preposition and an adjective of nation or party is a noun ("the Utah
    // Republican asks" has a subject).
    if cs > 1 && toks[cs - 1].cap() {
        let w = toks.w(&toks[cs]);
        let adj = toks.w(&toks[cs - 1]);
        if w.ends_with('s')
            && matches!(
                toks.w(&toks[cs - 2]).as_str(),
                "of" | "about" | "on" | "against" | "by" | "with" | "to"
            )
            && w.as_str() != "says"
            && (adj.is(Lex::NATIONALITIES)
                || matches!(
                    adj.as_str(),
                    "republican" | "democratic" | "conservative" | "liberal"
                ))
        {
            return true;
        }
    }
    // "a new and more personal campaign message": a base form after
    // lowercase modifiers that follow a determiner is a noun (a verb there
    // would need a plural subject, and plurals end in "s").
    if cue.base {
        let mut k = cs;
        while k > 0
            && cs - k < 5
            && toks[k - 1].is_word()
            && !toks[k - 1].cap()
            && !toks.w(&toks[k - 1]).ends_with('s')
            && (matches!(
                toks.w(&toks[k - 1]).as_str(),
                "and" | "more" | "most" | "very"
            ) || !toks.w(&toks[k - 1]).is(Lex::FUNCTION_WORDS))
        {
            k -= 1;
        }
        if k < cs && k > 0 && is_article_or_possessive(toks.w(&toks[k - 1]).as_str()) {
            return true;
        }
    }
    let mut k = cs;
    while k > 0 && toks[k - 1].is_word() && toks[k - 1].cap() && cs - k < 4 {
        k -= 1;
    }
    // "a Paul Brandt tweet", "her March comment", "his Senate remarks".
    if k < cs
        && k > 0
        && matches!(
            toks.w(&toks[k - 1]).as_str(),
            "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
        )
    {
        return true;
    }
    cs > 0 && {
        let p = &toks[cs - 1];
        p.is_word()
            && (is_article_or_possessive(toks.w(p).as_str())
                || matches!(
                    toks.w(p).as_str(),
                    "of" | "these" | "those" | "this" | "such" | "any" | "no"
                )
                || toks.w(p).ends_with("'s"))
    }
}

/// A phrase that can be the source of quoted words: a person or an
/// organisation, not a place or a thing.
pub fn plausible_source(p: &Phrase) -> bool {
    match p.kind {
        MentionKind::Pronoun => {
            matches!(p.role.as_str(), "he" | "she" | "they" | "i" | "we" | "it")
        }
        MentionKind::Organization | MentionKind::Unnamed => true,
        MentionKind::Nominal => !p.document || p.role.split(' ').count() <= 3,
        MentionKind::Name => {
            // Two words or more, or the first one (lowercased, straight
            // apostrophes) is not a title, nationality or function word.
            let mut words = p.name.split_whitespace();
            let first = words.next();
            words.next().is_some()
                || !p.role.is_empty()
                || p.gender != super::types::Gender::Unknown
                || first.is_some_and(|w| {
                    let w = w.to_lowercase().replace('’', "'");
                    let w = w.trim_end_matches("'s");
                    !super::lexicon::TITLE_WORDS.contains(w)
                        && !super::lexicon::NATIONALITIES.contains(w)
                        && !super::lexicon::FUNCTION_WORDS.contains(w)
                })
        }
    }
}

/// The speaker of a sentence of reported speech (a cue with a subject, or
/// "according to"), for a quotation that opens the next sentence.
pub fn speaker_of_sentence(
    toks: &Toks,
    text: &str,
    (s_start, s_end): (usize, usize),
) -> Option<Found> {
    let end = if s_end > s_start && toks[s_end - 1].is_punct('.') {
        s_end - 1
    } else {
        s_end
    };
    let f = search_left(toks, text, end, s_start)?;
    (f.method != AttributionMethod::Subject && !f.weak).then_some(f)
}

/// "“…,” Ebeling said, and her husband cut in.": after the last quotation
/// of the sentence `(s_start, s_end)`, a clause opened by "and", "but" or
/// "then" whose subject and cue close the sentence. The speaker of the
/// quotation that follows, or `None`.
pub fn closing_turn(toks: &Toks, text: &str, (s_start, s_end): (usize, usize)) -> Option<Found> {
    let last_q = (s_start..s_end)
        .rev()
        .find(|&k| toks[k].quote().is_some())?;
    let end = if toks[s_end - 1].is_punct('.') || toks[s_end - 1].is_punct(':') {
        s_end - 1
    } else {
        s_end
    };
    let conj = (last_q + 1..end).rev().find(|&k| {
        toks[k].is_word() && matches!(toks.w(&toks[k]).as_str(), "and" | "but" | "then")
    })?;
    if !(conj > last_q + 1 && toks[conj - 1].is_punct(',')) {
        return None;
    }
    let f = search_left(toks, text, end, conj + 1)?;
    let ce = f.cue()?;
    let closes = toks[end - 1].span().end == ce.end;
    let person =
        f.phrase.kind != MentionKind::Pronoun || matches!(f.phrase.role.as_str(), "he" | "she");
    (closes && !f.weak && person).then(|| {
        let mut f = f;
        f.method = AttributionMethod::Continuation;
        f
    })
}

/// Nouns that name what someone said ("Trump's claim", "the mayor's call").
const SPEECH_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "statement",
    "statements",
    "remark",
    "remarks",
    "comment",
    "comments",
    "words",
    "call",
    "calls",
    "promise",
    "pledge",
    "vow",
    "warning",
    "assertion",
    "accusation",
    "charge",
    "description",
    "characterization",
    "conclusion",
    "insistence",
    "argument",
    "contention",
    "suggestion",
    "prediction",
    "boast",
    "declaration",
    "complaint",
    "demand",
    "threat",
];

/// "his", "her", "their" at `p` as the mention of the person they stand
/// for ("he", "she", "they").
fn possessive_pronoun(toks: &Toks, p: usize) -> Option<Phrase> {
    let pron = match toks.w(&toks[p]).as_str() {
        "his" => "he",
        "her" => "she",
        "their" => "they",
        _ => return None,
    };
    Some(Phrase::pronoun((p, p + 1), toks[p].span(), pron))
}

/// "comment Monday that", "assertion during the debate that": a short
/// phrase of words from `from`, then "that" before `qs`.
fn that_after_phrase(toks: &Toks, from: usize, qs: usize) -> bool {
    (from + 1..(from + 5).min(qs)).any(|t| {
        toks.w(&toks[t]) == "that"
            && toks[from..t].iter().all(|x| {
                x.is_word()
                    && !matches!(toks.w(x).as_str(), "who" | "which" | "that" | "and" | "but")
                    && !toks.w(x).is(Lex::CUES)
            })
    })
}

/// No cue, but a speech noun owned by a source before the quotation in its
/// clause: "X's claim that there have been “…”", "the mayor's call for a
/// “…”". The owner said the quoted words.
pub fn possessive_source(toks: &Toks, text: &str, qs: usize, s_start: usize) -> Option<Found> {
    let floor = s_start.max(qs.saturating_sub(12));
    let mut k = qs;
    while k > floor + 1 {
        k -= 1;
        let t = &toks[k];
        if t.quote().is_some() || t.is_punct(';') || t.is_punct(':') {
            return None;
        }
        if !t.is_word() || !SPEECH_NOUNS.contains(&toks.w(t).as_str()) {
            continue;
        }
        // What follows the noun introduces its content.
        let next = &toks[k + 1];
        let introduces = k + 1 == qs
            || next.quote().is_some()
            || matches!(
                toks.w(next).as_str(),
                "that" | "to" | "for" | "of" | "about"
            )
            || that_after_phrase(toks, k + 1, qs);
        // The owner: right before the noun, or before one word ("Trump's
        // controversial pledge", "her March comment").
        let owner = [k - 1, k.saturating_sub(2)]
            .into_iter()
            .filter(|&p| p >= s_start)
            .find(|&p| {
                let w = toks.w(&toks[p]);
                w.ends_with("'s")
                    || w.len() > 2 && w.ends_with("s'")
                    || matches!(w.as_str(), "his" | "her" | "their")
            });
        let (true, Some(p)) = (introduces, owner) else {
            return None;
        };
        if let Some(phrase) = possessive_pronoun(toks, p) {
            // "his comment Monday that “…”": the pronoun itself is the mention.
            return Some(Found::by_cue(phrase, span_of(toks, (k, k + 1)), true, None));
        }
        // The owner's name: the capitalised words ending in the possessive,
        // or "the" and one word ("the mayor's").
        let mut start = p;
        while start > s_start
            && toks[start - 1].is_word()
            && toks[start - 1].cap()
            && !toks.w(&toks[start - 1]).is(Lex::FUNCTION_WORDS)
        {
            start -= 1;
        }
        if start == p && start > s_start && toks.w(&toks[start - 1]) == "the" {
            start -= 1;
        }
        // Inside what someone else says or finds ("ruled that X's statement
        // …", "saying X's comments …"), the quoted words are theirs.
        if start > s_start
            && (toks.w(&toks[start - 1]) == "that" || cue_at(toks, start - 1).is_some())
        {
            return None;
        }
        let phrase = classify(toks, text, (start, p + 1)).filter(plausible_source)?;
        return Some(Found::by_cue(phrase, span_of(toks, (k, k + 1)), true, None));
    }
    None
}
