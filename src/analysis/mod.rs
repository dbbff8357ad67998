//! The analysis core: text in, quotations, mentions, speakers and findings
//! out, all in byte offsets. Pure and synchronous; it knows nothing of LSP.
//!
//! The passes: `segment` (prose view, paragraphs) → `quotes` (marks) →
//! `tokens` (words, sentences) → `attribute` (cue and speaker phrase per
//! quotation) → `mentions` (names anywhere) → `coref` (entities) → findings.

mod attribute;
mod coref;
pub mod lexicon;
mod mentions;
mod quotes;
pub mod sections;
mod segment;
mod spanset;
mod tokens;
mod types;

pub use types::*;

use attribute::{attribute, colon_intro, Found};
use coref::Pending;
use lexicon::Lex;
use mentions::{NameScan, Phrase};
use spanset::partition_point_near;
use tokens::{Tok, Toks};

/// Analyses one document.
// (Never inlined: with link-time optimisation a profiler would otherwise
// find no `analyze` to count inside, as in `valgrind --toggle-collect`.)
#[inline(never)]
pub fn analyze(text: &str, options: &Options) -> Analysis {
    analyze_within(text, options, MAX_PIECE)
}

/// The longest text analysed in one piece: offsets inside a piece are kept
/// as `u32`.
const MAX_PIECE: usize = u32::MAX as usize - 1;

/// Texts longer than `limit` (4 GB for `analyze`) are analysed in pieces cut
/// at section boundaries, or at line ends inside a section that is still too
/// long, and joined, as the language server does with long documents.
fn analyze_within(text: &str, options: &Options, limit: usize) -> Analysis {
    if text.len() <= limit {
        return attribute::with_extra_cues(&options.extra_cues, || analyze_inner(text, options));
    }
    let mut parts = Vec::new();
    let fences = options.format == Format::Markdown;
    for (r, mut fence) in sections::split_fenced(text, fences) {
        let mut start = r.start;
        while start < r.end {
            let mut end = r.end.min(start + limit);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            if end < r.end {
                if let Some(nl) = text[start..end].rfind('\n').filter(|&nl| nl > 0) {
                    end = start + nl + 1;
                }
            }
            if end <= start {
                // A single character longer than the limit cannot happen for
                // any sane limit; move on rather than loop.
                end = r
                    .end
                    .min(start + text[start..].chars().next().map_or(1, char::len_utf8));
            }
            let piece = &text[start..end];
            parts.push((
                start,
                match fence {
                    // A section that starts in a fenced code block (its
                    // first piece is well under 4 GB in any real document).
                    Some(_) if piece.len() <= MAX_PIECE => {
                        sections::analyze_section(piece, fence, options)
                    }
                    _ => analyze_within(piece, options, limit),
                },
            ));
            fence = None;
            start = end;
        }
    }
    sections::join(parts)
}

fn analyze_inner(text: &str, options: &Options) -> Analysis {
    let prose = segment::prose_view(text, options.format);
    let paras = segment::paragraphs(&prose);
    let mut raw = quotes::scan(&prose, &paras);

    // Token ranges of each quotation and the sentence around its first and
    // last token.
    // Also, gathered in the same pass so that the later per-quotation passes
    // need not reach into the token table (a cache miss per quotation on
    // long texts): the paragraphs of the first and last token and the token
    // before the first one when it is in the same paragraph.
    // And for the context pass below, which paragraphs have a word token
    // and the paragraph of each quotation token, so that it need not walk
    // the token table again. (All as the tokenizer finds the sentences,
    // paragraph by paragraph while its tokens are in the cache, as is the
    // sentence of each token.)
    let mut first_tok = vec![usize::MAX; raw.len()];
    let mut last_tok = vec![0usize; raw.len()];
    let mut first_para = vec![0u32; raw.len()];
    let mut last_para = vec![0u32; raw.len()];
    let mut before: Vec<Option<Tok>> = vec![None; raw.len()];
    let mut para_has_word_tok = vec![false; paras.len()];
    let mut quote_toks: Vec<(u32, u32)> = Vec::with_capacity(raw.len());
    // And the first sentence of each paragraph (`Sents`).
    let mut para_first = vec![0; paras.len() + 1];
    let mut para_due = 0;
    let (toks, sents) = tokens::tokenize_with(&prose, &paras, &raw, |i, t, sent, toks| {
        // (A paragraph's first token starts a sentence; paragraphs without
        // tokens point at the next one.)
        while para_due <= t.para() {
            para_first[para_due] = sent;
            para_due += 1;
        }
        if let Some(q) = t.quote() {
            if i < first_tok[q] {
                first_tok[q] = i;
                first_para[q] = t.para() as u32;
                before[q] = i
                    .checked_sub(1)
                    .map(|k| &toks[k])
                    .filter(|p| p.para() == t.para())
                    .cloned();
            }
            last_tok[q] = i;
            last_para[q] = t.para() as u32;
            quote_toks.push((t.para() as u32, q as u32));
        } else if t.is_word() {
            para_has_word_tok[t.para()] = true;
        }
    });
    para_first[para_due..].fill(sents.len());
    let sents = Sents {
        list: sents,
        para_first,
    };
    let sent_of = SentOf::new(&sents, toks.len());

    // Attribution, quotation by quotation.
    // (Filled by pushing, in order, rather than written twice: a look-up of
    // a quotation not reached yet finds nothing, as `None` would say.)
    let mut found: Vec<Option<Found>> = Vec::with_capacity(raw.len());
    // Which quoted spans are quotations, not terms or titles: settled for
    // each batch of spans right after their speakers, while the text and
    // tokens around them are still in the cache (a pass of its own read them
    // all again).
    let mut keep = vec![false; raw.len()];
    // A token near the quotation, where its token searches start: its own
    // token, else that of the quotation before it.
    let mut near = 0;
    // The speakers of kept single-quoted spans, set once every speaker is
    // found (a later quotation continuing one reads the speaker it had).
    let mut single_found: Vec<(usize, bool, Found)> = Vec::new();
    // Whether each speaker's cue is a passive one (worked out with the
    // speaker, on the tokens just read; applied in the context walk below).
    let mut passive: Vec<bool> = Vec::with_capacity(raw.len());
    // The start of each span, for the output's order (read here rather
    // than from the spans again at the end).
    let mut starts: Vec<(usize, usize)> = Vec::with_capacity(raw.len());
    // (And the unterminated ones, for their findings.)
    let mut unterminated: Vec<usize> = Vec::new();
    // (And what the test for terms in dialogue counts.)
    let mut term_counts = TermCounts::default();
    // (Quotation by quotation in batches: the speakers of a batch, then the
    // rest for the same batch, its text and tokens still in the cache. One
    // quotation at a time would switch between two large bodies of code
    // for every quotation.)
    for batch in (0..raw.len()).step_by(QUOTE_BATCH) {
        let batch = batch..raw.len().min(batch + QUOTE_BATCH);
        for (qi, q) in raw.iter().enumerate().take(batch.end).skip(batch.start) {
            let f = 'attr: {
                if first_tok[qi] == usize::MAX {
                    break 'attr None; // single-quoted, handled below
                }
                let (qs, qe) = (first_tok[qi], last_tok[qi] + 1);
                let s_first = sents[sent_of.at(qs)];
                let s_last = sents[sent_of.at(qe - 1)];
                let sent = (s_first.0, s_last.1);
                let (near, far) = attribute(&toks, &prose, (qs, qe), sent);
                let mut f = transcript_speaker(&prose, q).or(near);
                // "“…” to drive up the price, she said": a strong cue later in the
                // same sentence, its subject after a comma, beats the inferences
                // below.
                let mut far = far;
                if f.is_none()
                    && far.as_ref().is_some_and(|x| {
                        let s = x.phrase.tok_range().0;
                        !x.weak
                            && x.method == AttributionMethod::Cue
                            && s > qe
                            && toks[s - 1].is_punct(',')
                    })
                {
                    f = far.take();
                }
                if f.is_none() && qs == s_first.0 && sent_of.at(qs) > 0 {
                    // A colon at the end of the previous sentence or paragraph.
                    let prev = sents[sent_of.at(qs) - 1];
                    if toks[prev.1 - 1].para() + 1 >= toks[qs].para() {
                        f = colon_intro(&toks, &prose, prev);
                    }
                }
                if f.is_none() && qs == s_first.0 && sent_of.at(qs) > 0 {
                    // The second half of a split quotation: the sentence before, in
                    // the same paragraph, holds an attributed quotation.
                    let prev = sents[sent_of.at(qs) - 1];
                    if toks[prev.1 - 1].para() == toks[qs].para() {
                        let mut before = (prev.0..prev.1)
                            .rev()
                            .filter_map(|k| toks[k].quote())
                            .filter(|&pq| pq != qi)
                            .peekable();
                        if before.peek().is_some() {
                            // (The last attributed one: a title quoted after
                            // the cue, "…,” Cuban said on “Meet the Press.”",
                            // has no speaker of its own.)
                            let pq = before.find(|&pq| found.get(pq).is_some_and(Option::is_some));
                            f = pq.and_then(|pq| found[pq].clone()).map(|mut x| {
                                x.method = AttributionMethod::Continuation;
                                x
                            });
                            // "“…,” Ebeling said, and her husband cut in. “…”":
                            // a clause of its own after the sentence's last
                            // quotation, ending on its cue, hands the turn on.
                            if let Some(next) =
                                attribute::closing_turn(&toks, &prose, prev).filter(|n| {
                                    f.as_ref()
                                        .is_some_and(|x| x.phrase.span() != n.phrase.span())
                                })
                            {
                                f = Some(next);
                            }
                        } else {
                            // Reported speech then the quotation: "Schiff said the
                            // administration may wait. “The other factor is …”"
                            f = attribute::speaker_of_sentence(&toks, &prose, prev).map(|mut x| {
                                x.method = AttributionMethod::Continuation;
                                x
                            });
                        }
                    }
                }
                if f.is_none() && qe == s_last.1 && sent_of.at(qe - 1) + 1 < sents.len() {
                    // A full stop inside the marks cut the sentence: "“….” Trump
                    // said." The next sentence is only the speaker and the cue.
                    let next = sents[sent_of.at(qe - 1) + 1];
                    if next.1 - next.0 <= 16 && toks[next.0].para() == toks[qe - 1].para() {
                        f = attribute(&toks, &prose, (qe, qe), (qe, next.1))
                            .0
                            .filter(|x| x.method == AttributionMethod::Cue && !x.weak);
                    }
                }
                if f.is_none() {
                    f = far;
                }
                if f.is_none() {
                    // "Fans chanted “…”, the Courier reports.": no cue, but a
                    // report closing the sentence.
                    f = attribute::closing_report(&toks, &prose, qe, s_last.1);
                }
                if f.is_none() {
                    f = attribute::possessive_source(&toks, &prose, qs, s_first.0);
                }
                if f.is_none() && qs > s_first.0 {
                    f = attribute::sentence_subject(&toks, &prose, s_first.0, qs)
                        .filter(plausible_source)
                        .map(|phrase| {
                            Found::new(phrase, None, AttributionMethod::Subject, true, None)
                        });
                }
                if f.is_none() {
                    // An action beat: the person the narration around the quotation
                    // in the same paragraph is about ("“Young!” He held it up.").
                    f = beat_subject(&toks, &prose, &sents, &sent_of, qs, qe, &[]).map(|phrase| {
                        Found::new(phrase, None, AttributionMethod::Subject, true, None)
                    });
                }
                f
            };
            debug_assert_eq!(found.len(), qi);
            found.push(f);
        }
        for (qi, q) in raw.iter().enumerate().take(batch.end).skip(batch.start) {
            passive.push(found[qi].as_ref().is_some_and(|f| passive_cue(&toks, f)));
            starts.push((q.span.start, qi));
            if !q.terminated {
                unterminated.push(qi);
            }
            if first_tok[qi] != usize::MAX {
                near = first_tok[qi];
            }
            keep[qi] = if q.is_nickname() {
                false
            } else if q.single {
                // Single-quoted spans at the top level count only with a cue
                // (worked out here: a table of them for every quotation would
                // be mostly empty).
                let single = single_attribution(&toks, &prose, q, &sents, &sent_of, near);
                let kept = single.is_some()
                    && word_count(&prose, q.content()) >= 3
                    && is_quotation(&toks, &prose, q, single.as_ref(), false, None, near);
                if let (true, Some(f)) = (kept, single) {
                    single_found.push((qi, passive_cue(&toks, &f), f));
                }
                kept
            } else {
                is_quotation(
                    &toks,
                    &prose,
                    q,
                    found[qi].as_ref(),
                    first_tok[qi] != usize::MAX,
                    before[qi].as_ref(),
                    near,
                )
            };
            term_counts.add(
                &prose,
                q,
                keep[qi] && !q.single && q.terminated && first_tok[qi] != usize::MAX,
                before[qi].as_ref(),
                found[qi].as_ref(),
            );
        }
    }
    for (qi, p, f) in single_found {
        found[qi] = Some(f);
        passive[qi] = p;
    }

    drop_terms_in_dialogue(
        &prose,
        &raw,
        &first_tok,
        &before,
        &found,
        &mut keep,
        &term_counts,
    );

    // A quotation nested in another one (in the other mark style) is the
    // outer speaker's: a transcript quoting a title, a speaker quoting a slogan.
    let tops = Tops::new(&raw, &first_tok);
    // (Which quotations hold one in typographic marks, for the passages
    // below.)
    let mut holds_typographic = vec![false; raw.len()];
    for qi in 0..raw.len() {
        if raw[qi].single || first_tok[qi] != usize::MAX {
            continue;
        }
        let outer = tops.outer(&raw, qi);
        if let Some(o) = outer {
            keep[qi] = keep[o];
            found[qi] = found[o].clone();
            passive[qi] = passive[o];
            if prose[raw[qi].span.start..].starts_with('“') {
                holds_typographic[o] = true;
            }
        }
    }
    drop_pasted_passages(&prose, &raw, &holds_typographic, &mut keep);

    // Context: a paragraph that is only a quotation, right after a paragraph
    // whose last quotation has a speaker.
    // (And which paragraphs have a word: a paragraph with none is only
    // quotations.)
    let mut para_has_quote = vec![false; paras.len()];
    let mut para_has_word = para_has_word_tok;
    // (A term or title in quotation marks is narration.)
    for &(para, q) in &quote_toks {
        if keep[q as usize] {
            para_has_quote[para as usize] = true;
        } else {
            para_has_word[para as usize] = true;
        }
    }
    let mut context_from: Vec<Option<usize>> = vec![None; raw.len()];
    // The names the text shows speaking through a cue ("hinted Tuppence"):
    // a one-word name no list knows is a person where the narration is
    // about it ("Tuppence sighed.").
    // (The names' last words, `turn_key` of a name, told apart as they
    // stand first: a text names its few speakers again and again, and only
    // the distinct ones are lowercased, allocated and sorted.)
    let mut cue_names: Vec<String> = found
        .iter()
        .zip(&keep)
        .filter_map(|(f, &k)| {
            f.as_ref()
                .filter(|f| k && f.method == AttributionMethod::Cue)
        })
        .filter(|f| f.phrase.kind == MentionKind::Name)
        .map(|f| name_key(&f.phrase.name))
        .collect::<rustc_hash::FxHashSet<&str>>()
        .into_iter()
        .map(str::to_lowercase)
        .collect();
    cue_names.sort_unstable();
    cue_names.dedup();
    let mut last_attributed_in_para: Vec<Option<usize>> = vec![None; paras.len()];
    // Dialogue: replies of a line or less, paragraphs of their own ("“Yes,
    // sir.”"). A news story quotes at length; a text with two such replies
    // is one where people talk to each other.
    let short_replies = (0..paras.len())
        .filter(|&p| {
            para_has_quote[p]
                && !para_has_word[p]
                && paras[p].len() <= SHORT_REPLY
                && prose[paras[p].start..paras[p].end]
                    .trim_end()
                    .ends_with(['”', '"', '’', '\''])
        })
        .count();
    let dialogue_text = short_replies >= 2;
    // The turns so far, in order: (paragraph, source quotation), for
    // finding who spoke before the last speaker.
    let mut turns: Vec<(usize, usize)> = Vec::new();
    // (How many kept quotations have a speaker, counted as each is settled:
    // the size of a table below.)
    let mut n_found = 0;
    for qi in 0..raw.len() {
        // A passive cue (`passive_cue`, worked out with each speaker) names
        // no speaker. (Applied here, for every quotation: nothing between
        // needs it applied for the others.)
        if passive[qi] {
            found[qi] = found[qi]
                .as_ref()
                .and_then(|f| passive_agent(&toks, &prose, f));
        }
        if !keep[qi] || first_tok[qi] == usize::MAX {
            n_found += usize::from(keep[qi] && found[qi].is_some());
            continue;
        }
        let para = first_para[qi] as usize;
        // A byline on the line after: "“…”" / "— Jane Doe, a nurse."
        if found[qi].is_none()
            && !para_has_word[para]
            && !para_has_quote
                .get(last_para[qi] as usize + 1)
                .is_some_and(|&q| q)
        {
            found[qi] = byline_paragraph(&toks, &prose, &sents, last_para[qi] as usize + 1);
        }
        if found[qi].is_none() && para > 0 && !para_has_word[para] {
            if let Some(prev) = last_attributed_in_para[para - 1] {
                context_from[qi] = Some(prev);
                // In dialogue a paragraph of its own is a reply: the turn
                // goes back to whoever spoke just before the last speaker.
                if dialogue_text {
                    if let Some(other) = other_party(&turns, &found, prev, para) {
                        context_from[qi] = Some(other);
                    }
                }
            } else if !para_has_quote[para - 1] {
                // After a paragraph of narration, the person it ended on
                // speaks ("Durbeyfield put his hand in his pocket." / "“Here.”").
                let (subject, silent) =
                    narration_subject(&toks, &prose, &sents, para - 1, &cue_names, !dialogue_text)
                        .unzip();
                found[qi] = subject
                    .map(|phrase| Found::new(phrase, None, AttributionMethod::Context, true, None));
                // "Rosa said nothing." / "“Understand?”": the one the
                // narration keeps silent does not speak; the last one who
                // spoke (someone else) goes on.
                if silent == Some(true) {
                    let key = found[qi].as_ref().map(turn_key);
                    found[qi] = None;
                    context_from[qi] = turns
                        .iter()
                        .rev()
                        .take_while(|&&(p, _)| p + 8 >= para)
                        .map(|&(_, src)| src)
                        .find(|&src| found[src].as_ref().map(turn_key) != key);
                }
                // Narration about no one between two quotations ("“I have
                // lost my gloves,” said Maud." / "The rain beat on the
                // glass." / "“They were my mother's.”"): the speaker goes on.
                // (Not a byline: "“…”" / "— the usual objection"; nor,
                // outside dialogue, narration that reports someone's words:
                // "…, the office said.")
                if silent.is_none()
                    && (dialogue_text || !has_cue(&toks, &sents, para - 1))
                    && !opens_with_dash(&toks, &sents, para - 1)
                    && !opens_with_dash(&toks, &sents, last_para[qi] as usize + 1)
                {
                    if let Some(&(_, src)) = turns.last().filter(|&&(p, _)| p + 2 == para) {
                        context_from[qi] = Some(src);
                    }
                }
            }
        }
        if found[qi].is_none() && context_from[qi].is_none() && !cue_names.is_empty() {
            // The beat again, now that the names that speak are known.
            let (qs, qe) = (first_tok[qi], last_tok[qi] + 1);
            found[qi] = beat_subject(&toks, &prose, &sents, &sent_of, qs, qe, &cue_names)
                .map(|phrase| Found::new(phrase, None, AttributionMethod::Subject, true, None));
        }
        // In dialogue, a paragraph opening with a quotation nothing in it
        // attributes is a reply too ("“No.” This was always his answer.").
        if dialogue_text
            && found[qi].is_none()
            && context_from[qi].is_none()
            && para > 0
            && before[qi].is_none()
        {
            if let Some(prev) = last_attributed_in_para[para - 1] {
                context_from[qi] = other_party(&turns, &found, prev, para);
            }
        }
        // A later quotation in a paragraph whose earlier one has a speaker
        // is theirs: a paragraph is one speaker's turn ("“That makes ten,”
        // the clerk said; “and not a penny more.”", "“Wait.” He went out.
        // “I'll be back.”").
        if found[qi].is_none() && context_from[qi].is_none() {
            context_from[qi] = last_attributed_in_para[para];
        }
        let end_para = last_para[qi] as usize;
        if found[qi].is_some() || context_from[qi].is_some() {
            last_attributed_in_para[end_para] = Some(context_from[qi].unwrap_or(qi));
            turns.push((para, context_from[qi].unwrap_or(qi)));
        }
        n_found += usize::from(found[qi].is_some());
    }

    // Dialogue: in a run of paragraphs that open with a quotation, people
    // take turns: a paragraph with no cue is the turn of whoever spoke two
    // paragraphs before (or after).
    let dialogue = turn_taking(
        &prose,
        &raw,
        &keep,
        &first_tok,
        &first_para,
        &before,
        &found,
        &mut context_from,
    );

    // Mentions: every name in the prose, then the speaker phrases (which win
    // where they overlap a name, as they carry the titles).
    let mut pending: Vec<Pending> = Vec::new();
    let mut speaker_mention: Vec<Option<usize>> = vec![None; raw.len()];
    // Which mentions are the pronouns the dialogue rules ask about
    // (`SpeakerPronoun`), noted as each is made: those rules read this short
    // table, not the long one of mentions.
    let mut pronoun_of: Vec<SpeakerPronoun> = Vec::new();
    // (The large tables below are allocated at their final size, or a bound
    // of it, rather than grown and copied.)
    let mut speaker_phrases: Vec<(usize, Phrase, Option<String>)> = Vec::with_capacity(n_found);
    // The phrases move out of `found`, which is used up here: of each
    // speaker only the cue and method are read below, from a short table
    // (the long one was read once more, and dropped, at the end).
    let mut cue_of: Vec<Option<attribute::CueMethod>> = Vec::with_capacity(found.len());
    for (qi, f) in found.into_iter().enumerate() {
        cue_of.push(f.as_ref().map(Found::cue_method));
        if let (true, Some(mut f)) = (keep[qi], f) {
            // "Another critic, Laurence H. Tribe, said": the name in apposition
            // is the speaker, the description its role.
            let (_, mut np_end) = f.phrase.tok_range();
            // (The kind first: it spares a read of the token table.)
            let described = matches!(f.phrase.kind, MentionKind::Nominal | MentionKind::Unnamed);
            // "His former partner at Lenox, Laurence Kemp,": the place of
            // work after the description comes before the name.
            if described
                && toks.get(np_end).is_some_and(|t| {
                    t.is_word() && matches!(toks.w(t).as_str(), "at" | "of" | "for")
                })
            {
                let caps = (np_end + 1..toks.len().min(np_end + 6))
                    .find(|&k| !(toks[k].is_word() && toks[k].cap()))
                    .unwrap_or(np_end + 1);
                if caps > np_end + 1 {
                    np_end = caps;
                }
            }
            let apposed = described && toks.get(np_end).is_some_and(|t| t.is_punct(','));
            let close = apposed
                .then(|| {
                    (np_end + 1..toks.len().min(np_end + 8))
                        .find(|&k| !toks[k].is_word() && !toks[k].is_punct('.'))
                })
                .flatten()
                .filter(|&k| {
                    k > np_end + 1
                        && (toks[k].is_punct(',')
                            || toks[k].is_punct('(') && comma_after_parenthetical(&toks, k))
                });
            // "…,” said the mayor's spokesman, Brian Fell.": the name closes
            // the sentence.
            let close = close.or_else(|| {
                let inverted = f.cue().is_some_and(|c| c.end <= f.phrase.span().start);
                (apposed && inverted)
                    .then(|| name_closing_sentence(&toks, np_end + 1))
                    .flatten()
            });
            if let Some(close) = close {
                if let Some(name) =
                    mentions::classify(&toks, &prose, (np_end + 1, close)).filter(|p| {
                        p.kind == MentionKind::Name && p.name.split_whitespace().count() >= 2
                    })
                {
                    let role = prose[f.phrase.span().start..f.phrase.span().end].to_string();
                    speaker_phrases.push((qi, name, Some(role)));
                    continue;
                }
            }
            let apposition = f.appositive().map(|s| prose[s.start..s.end].to_string());
            let phrase = Phrase {
                name: std::mem::take(&mut f.phrase.name),
                role: std::mem::take(&mut f.phrase.role),
                ..f.phrase
            };
            speaker_phrases.push((qi, phrase, apposition));
        }
    }
    // The subject of every sentence, for pronoun salience. Pronouns that
    // are subjects ("She then attacked him…") carry the thread of who the
    // text is about from sentence to sentence: of the subject phrases only
    // those are kept (the others are dropped as soon as their span is noted).
    let speaker_set = spanset::SpanSet::new(speaker_phrases.iter().map(|(_, sp, _)| sp.span()));
    let mut subjects: Vec<Span> = Vec::with_capacity(sents.len());
    let mut subject_pronouns: Vec<Phrase> = Vec::new();
    // (The span sets are asked in order of position, each through a cursor.)
    let mut speaker_cursor = 0;
    // The names in the prose, those that are not speaker phrases, read in
    // the same walk, every few thousand tokens: the tokens the subject search
    // just read are still in the cache (reading them in a walk of their own
    // missed the cache on long texts; every sentence, it would switch
    // between two large bodies of code too often).
    let mut names = NameScan::new((0, toks.len()));
    let mut name_phrases: Vec<Phrase> = Vec::new();
    let mut name_cursor = 0;
    let mut names_due = NAME_BATCH;
    let mut not_speaker = |s: Span| !speaker_set.any_overlaps_from(s, &mut name_cursor);
    for &(s, e) in sents.iter() {
        if let Some(p) = attribute::sentence_subject(&toks, &prose, s, e) {
            subjects.push(p.span());
            if p.kind == MentionKind::Pronoun
                && matches!(p.role.as_str(), "he" | "she" | "they")
                && !speaker_set.any_overlaps_from(p.span(), &mut speaker_cursor)
            {
                subject_pronouns.push(p);
            }
        }
        if e >= names_due {
            names.run(&toks, &prose, e, &mut name_phrases, &mut not_speaker);
            names_due = e + NAME_BATCH;
        }
    }
    names.run(
        &toks,
        &prose,
        toks.len(),
        &mut name_phrases,
        &mut not_speaker,
    );
    let subject_set = spanset::SpanSet::new(subjects.iter().copied());
    {
        // The three lists merged in order of start, ties in the order
        // subject pronouns, names, speaker phrases, each list in its own
        // order: the stable sort of the lists one after the other by start.
        // (Each list sorted on its own, stably, which leaves one in order
        // as it is, then merged as the entries move into `pending`: the
        // large entries are moved once, not copied into a joined list and
        // again into slots.)
        subject_pronouns.sort_by_key(|p| p.span().start);
        name_phrases.sort_by_key(|p| p.span().start);
        speaker_phrases.sort_by_key(|(_, p, _)| p.span().start);
        // Every start, in order (only the values are read): the three
        // sorted lists merged (a sort of them all cost n log n).
        let mut starts: Vec<usize> =
            Vec::with_capacity(subject_pronouns.len() + name_phrases.len() + speaker_phrases.len());
        starts.extend(merge_by(
            subject_pronouns.iter().map(|p| p.span().start),
            name_phrases.iter().map(|p| p.span().start),
            speaker_phrases.iter().map(|(_, p, _)| p.span().start),
            |&s| s,
        ));
        let all = merge_by(
            subject_pronouns.into_iter().map(|p| (p, None, None)),
            name_phrases.into_iter().map(|p| (p, None, None)),
            speaker_phrases
                .into_iter()
                .map(|(qi, p, appo)| (p, Some(qi), appo)),
            |(p, _, _): &MentionEntry| p.span().start,
        );
        pending.reserve_exact(starts.len());
        pronoun_of.reserve_exact(starts.len());
        let mut tok_cursor = 0;
        let mut para_cursor = 0;
        let mut subject_cursors = [0; 3];
        for (p, qi, appo) in all {
            // One mention per span: several quotations can share a speaker
            // phrase. (An earlier mention with the same span has the same
            // start: it is among the last ones, which start there.)
            let same = pending
                .iter()
                .rev()
                .take_while(|m| m.phrase.span().start == p.span().start)
                .position(|m| m.phrase.span() == p.span())
                .map(|back| pending.len() - 1 - back);
            let idx = match same {
                Some(k) => {
                    pending[k].speaker |= qi.is_some();
                    k
                }
                None => {
                    // The paragraph: the first one ending at or after the start,
                    // through a cursor (the starts only grow).
                    while para_cursor < paras.len() && paras[para_cursor].end < p.span().start {
                        para_cursor += 1;
                    }
                    let para = para_cursor.min(paras.len().saturating_sub(1));
                    let subject = subject_set.any_overlaps_from(p.span(), &mut subject_cursors[0])
                        && !modifies_next_name(
                            &prose,
                            &subjects,
                            &starts,
                            p.span(),
                            &mut subject_cursors[1..],
                        );
                    // Mentions come in order of start: a cursor finds the
                    // first token ending after it (a binary search per
                    // mention missed the cache on long texts).
                    // The phrase's own first token is that token when it is
                    // the first to end after the start (checked, so the
                    // walk below is left for the other cases): it spares
                    // reading the tokens in between.
                    let hint = p.tok_range().0;
                    if hint >= tok_cursor
                        && hint < toks.len()
                        && toks[hint].span().end > p.span().start
                        && (hint == 0 || toks[hint - 1].span().end <= p.span().start)
                    {
                        tok_cursor = hint;
                    }
                    while tok_cursor < toks.len() && toks[tok_cursor].span().end <= p.span().start {
                        tok_cursor += 1;
                    }
                    let tok = tok_cursor.min(toks.len().saturating_sub(1));
                    let sent = sent_of.get(tok).unwrap_or(0);
                    let mut after = tok;
                    while after < toks.len() && toks[after].span().start < p.span().end {
                        after += 1;
                    }
                    // (Not a possessive: "Trump's tweets".)
                    let possessive = after > 0 && {
                        let w = toks.w(&toks[after - 1]);
                        w.ends_with("'s") || w.ends_with('\'')
                    };
                    let says = !possessive
                        && attribute::cue_at(&toks, after)
                            .is_some_and(|(_, kind)| !kind.weak && !kind.participle);
                    let extra_role = appo.or_else(|| {
                        (p.kind == MentionKind::Name)
                            .then(|| name_description(&toks, &prose, &p))
                            .flatten()
                    });
                    pronoun_of.push(SpeakerPronoun::of(&p));
                    pending.push(Pending {
                        phrase: p,
                        speaker: qi.is_some(),
                        subject,
                        sent: sent as u32,
                        extra_role: extra_role.map(String::into_boxed_str),
                        para: para as u32,
                        says,
                    });
                    pending.len() - 1
                }
            };
            if let Some(qi) = qi {
                speaker_mention[qi] = Some(idx);
            }
        }
    }
    let mut known = options.known_people.clone();
    for (name, gender) in mentions::headline_people(&toks, &prose) {
        known.push(types::KnownPerson {
            name,
            aliases: Vec::new(),
            role: None,
            gender: Some(gender),
        });
    }
    let turn_tables = TurnTables {
        keep: &keep,
        first_tok: &first_tok,
        first_para: &first_para,
        last_para: &last_para,
        context_from: &context_from,
        speaker_mention: &speaker_mention,
        pronoun_of: &pronoun_of,
    };
    // In dialogue, "he said" or "she said" opening a turn right after
    // someone else's names the other party where the sex allows.
    let pronoun_turns = if dialogue_text {
        pronoun_turns(&turn_tables, &sents, &sent_of, &last_tok, &before)
    } else {
        Vec::new()
    };
    // A first-person narrator who speaks ("“Yes,” I said.") goes by the
    // name the others call them.
    let narrator = narrator_name(&turn_tables, &prose, &raw, &pending, &cue_names);
    let (resolved, mut entities) = coref::resolve(
        &pending,
        &known,
        &pronoun_turns,
        narrator.as_deref(),
        dialogue_text,
    );

    let mut analysis = Analysis::default();
    // Each entity's lists are sized first (counted as the quotations and
    // mentions are made), rather than grown and copied push by push; the
    // entity of each is noted in a short table (`NO_ENTITY` for none) for
    // filling the lists, so that the long tables are not walked again.
    const NO_ENTITY: u32 = u32::MAX;
    let mut counts = vec![(0usize, 0usize); entities.len()];
    let mut mention_entity: Vec<u32> = Vec::with_capacity(pending.len());
    analysis.mentions.reserve_exact(pending.len());
    for (m, r) in pending.iter().zip(&resolved) {
        if let Some(e) = r.entity {
            counts[e].1 += 1;
        }
        mention_entity.push(r.entity.map_or(NO_ENTITY, |e| e as u32));
        analysis.mentions.push(Mention {
            span: m.phrase.span(),
            kind: m.phrase.kind,
            entity: r.entity,
            resolution: r.resolution,
        });
    }
    // Quotations in document order.
    // (Sorted as (start, index) pairs, the same order as a stable sort of
    // the indexes by start, without a look-up in `raw` per comparison.)
    let mut by_start: Vec<(usize, usize)> = starts.into_iter().filter(|&(_, q)| keep[q]).collect();
    by_start.sort_unstable();
    let order: Vec<usize> = by_start.into_iter().map(|(_, q)| q).collect();
    let mut index_of = vec![usize::MAX; raw.len()];
    for (k, &qi) in order.iter().enumerate() {
        index_of[qi] = k;
    }
    // (The findings about each quotation are added as it is made, after
    // those about unterminated marks.)
    let mut findings = unterminated_findings(&raw, &unterminated, &keep, &index_of, text);
    analysis.quotations.reserve_exact(order.len());
    let mut quotation_entity: Vec<u32> = Vec::with_capacity(order.len());
    for &qi in &order {
        let source = context_from[qi].unwrap_or(qi);
        let attribution = match (cue_of[source], speaker_mention[source]) {
            (Some(f), Some(mi)) => Some(Attribution {
                mention: mi,
                cue: f.cue(),
                method: if dialogue[qi] {
                    AttributionMethod::Dialogue
                } else if context_from[qi].is_some() {
                    AttributionMethod::Context
                } else {
                    f.method
                },
            }),
            _ => None,
        };
        let entity = attribution
            .as_ref()
            .and_then(|a| resolved[a.mention].entity);
        if let Some(e) = entity {
            counts[e].0 += 1;
        }
        quotation_entity.push(entity.map_or(NO_ENTITY, |e| e as u32));
        // (The pieces move: only the spans and marks of `raw` are read below.)
        let q = &mut raw[qi];
        analysis.quotations.push(Quotation {
            span: q.span,
            content: q.content(),
            kind: quote_kind(&prose, q, before[qi].as_ref()),
            pieces: std::mem::take(&mut q.pieces),
            attribution,
            entity,
            terminated: q.terminated,
        });
        quotation_findings(
            analysis.quotations.len() - 1,
            &analysis.quotations[analysis.quotations.len() - 1],
            &analysis.mentions,
            &entities,
            &resolved,
            text,
            &mut findings,
        );
    }
    // Unterminated marks are reported even when the span is too short to be
    // a quotation.
    for (ent, &(nq, nm)) in entities.iter_mut().zip(&counts) {
        ent.quotations.reserve_exact(nq);
        ent.mentions.reserve_exact(nm);
    }
    for (k, &e) in quotation_entity.iter().enumerate() {
        if e != NO_ENTITY {
            entities[e as usize].quotations.push(k);
        }
    }
    for (mi, &e) in mention_entity.iter().enumerate() {
        if e != NO_ENTITY {
            entities[e as usize].mentions.push(mi);
        }
    }
    analysis.entities = entities;
    findings.sort_by_key(|f| (f.span.start, f.span.end));
    analysis.findings = findings;
    analysis
}

/// A mention to be: the phrase, the quotation it is the speaker of, and
/// extra role words.
type MentionEntry = (Phrase, Option<usize>, Option<String>);

/// A description of the person named by `p` that follows the name: a party
/// and state ("Rep. Karen Holt (D-Ohio)": "the Ohio Democrat"), a role in
/// apposition after a name that has a title already ("Harbour activist Jo
/// Mertens, a retired teacher,": "the retired teacher"), or an age ("Olaf
/// Brandt, 71,": "the 71-year-old").
fn name_description(toks: &Toks, prose: &str, p: &Phrase) -> Option<String> {
    let after = text_after(prose, p.span().end, 40);
    if let Some(r) = lexicon::party_state_role(after) {
        return Some(r);
    }
    if !p.role.is_empty() {
        if let Some(r) = mentions::role_after(toks, prose, p.tok_range()) {
            return Some(r);
        }
    }
    let age = after.strip_prefix(", ")?;
    let digits = age.bytes().take_while(u8::is_ascii_digit).count();
    ((1..=3).contains(&digits) && age[digits..].starts_with(','))
        .then(|| format!("{}-year-old", &age[..digits]))
}

/// At most `n` bytes of `text` from byte `at` (a char boundary), cut at a
/// char boundary.
fn text_after(text: &str, at: usize, n: usize) -> &str {
    let mut end = (at + n).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(at..end).unwrap_or("")
}

/// The entries of three lists, each in order of `key` (a start), merged in
/// order of `key`; of equal keys those of `a` first, then `b`'s, then `c`'s
/// (the order a stable sort of `a`, `b` and `c` one after the other gives).
fn merge_by<T>(
    a: impl Iterator<Item = T>,
    b: impl Iterator<Item = T>,
    c: impl Iterator<Item = T>,
    key: impl Fn(&T) -> usize,
) -> impl Iterator<Item = T> {
    let (mut a, mut b, mut c) = (a.peekable(), b.peekable(), c.peekable());
    let start = move |e: Option<&T>| e.map_or(usize::MAX, &key);
    std::iter::from_fn(move || {
        let (sa, sb, sc) = (start(a.peek()), start(b.peek()), start(c.peek()));
        if sa <= sb && sa <= sc {
            a.next()
        } else if sb <= sc {
            b.next()
        } else {
            c.next()
        }
    })
}

/// The top-level (tokenised) quotations, sorted by start, for finding the
/// quotation around a nested one without asking every quotation.
struct Tops {
    /// (start, end, quotation index), sorted by start.
    spans: Vec<(usize, usize, usize)>,
    /// Running maximum of the ends.
    max_end: Vec<usize>,
}

impl Tops {
    fn new(raw: &[quotes::RawQuote], first_tok: &[usize]) -> Tops {
        let mut spans: Vec<(usize, usize, usize)> = (0..raw.len())
            .filter(|&o| first_tok[o] != usize::MAX)
            .map(|o| (raw[o].span.start, raw[o].span.end, o))
            .collect();
        spans.sort_by_key(|s| s.0);
        let mut m = 0;
        let max_end = spans
            .iter()
            .map(|s| {
                m = m.max(s.1);
                m
            })
            .collect();
        Tops { spans, max_end }
    }

    /// The lowest-numbered top-level quotation other than `qi` that starts
    /// before it and ends at or after its end.
    fn outer(&self, raw: &[quotes::RawQuote], qi: usize) -> Option<usize> {
        let q = raw[qi].span;
        let mut k = self.spans.partition_point(|s| s.0 < q.start);
        let mut best: Option<usize> = None;
        while k > 0 && self.max_end[k - 1] >= q.end {
            k -= 1;
            let (_, end, o) = self.spans[k];
            if o != qi && q.end <= end && best.is_none_or(|b| o < b) {
                best = Some(o);
            }
        }
        best
    }
}

fn word_count(prose: &str, s: Span) -> usize {
    prose[s.start..s.end]
        .split_whitespace()
        .filter(|w| w.chars().any(|c| c.is_alphanumeric()))
        .count()
}

/// Transcripts: “PENCE: And that is why …” names its speaker inside the marks.
fn transcript_speaker(prose: &str, q: &quotes::RawQuote) -> Option<Found> {
    let c = q.content();
    let inner = &prose[c.start..c.end];
    let name = quotes::transcript_label(inner)?;
    let colon = name.len();
    let span = Span::new(c.start, c.start + colon);
    let display: String = name
        .split(' ')
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_string() + &cs.as_str().to_lowercase(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    Some(Found::new(
        Phrase {
            toks: Phrase::pack_range((0, 0)),
            at: Phrase::pack_span(span),
            kind: MentionKind::Name,
            name: display,
            role: String::new(),
            gender: Gender::Unknown,
            plural: false,
            document: false,
        },
        None,
        AttributionMethod::Colon,
        false,
        None,
    ))
}

fn single_attribution(
    toks: &Toks,
    prose: &str,
    q: &quotes::RawQuote,
    sents: &[(usize, usize)],
    sent_of: &SentOf,
    near: usize,
) -> Option<Found> {
    // The token right after the single-quoted span, and the sentence it is in.
    // (Searched from `near`, a token close to the span.)
    let after = partition_point_near(toks, near, |t| t.span().start < q.span.end);
    let before = partition_point_near(toks, near, |t| t.span().end <= q.span.start);
    if before >= toks.len() || before == 0 && after == 0 {
        return None;
    }
    let si = sent_of.at(before.min(toks.len() - 1));
    let sent = sents[si];
    let f = attribute(
        toks,
        prose,
        (before, after.max(before)),
        (sent.0, sent.1.max(after)),
    )
    .0?;
    (!f.weak && f.method == AttributionMethod::Cue).then_some(f)
}

const SMALL_WORDS: &[&str] = &[
    "of", "the", "a", "an", "and", "in", "on", "for", "to", "with", "at", "by", "or", "from", "&",
];

/// `w` lowercased is one of `SMALL_WORDS`. Compared without lowercasing:
/// the only non-ASCII characters whose lowercase is ASCII are the Kelvin sign
/// (to "k", in none of the words) and "İ" (to "i" and a combining dot, not
/// ASCII), so an ASCII-case-insensitive match is the same test.
/// (None is longer than four bytes.)
fn is_small_word(w: &str) -> bool {
    // (Lowercased into four bytes on the stack and matched at once: the
    // same test, as a byte outside ASCII is equal to no ASCII byte.)
    let b = w.as_bytes();
    if b.len() > 4 {
        return false;
    }
    let mut lower = [0u8; 4];
    for (l, c) in lower.iter_mut().zip(b) {
        *l = c.to_ascii_lowercase();
    }
    let lower = &lower[..b.len()];
    SMALL_WORDS.iter().any(|s| s.as_bytes() == lower)
}

/// The words of `s` as `s.split_whitespace()` gives them that have a letter
/// or digit, each trimmed of the characters that are neither: found in one
/// pass over the bytes, an ASCII word without decoding (tab to carriage
/// return and the space are the ASCII characters that are whitespace; an
/// ASCII character is alphanumeric exactly when `is_ascii_alphanumeric`).
fn trimmed_words(s: &str) -> impl Iterator<Item = &str> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || loop {
        // Skip whitespace.
        while i < b.len() {
            match BYTE_CLASS[b[i] as usize] {
                SPACE => i += 1,
                NON_ASCII => {
                    let c = s[i..].chars().next()?;
                    if !c.is_whitespace() {
                        break;
                    }
                    i += c.len_utf8();
                }
                _ => break,
            }
        }
        if i >= b.len() {
            return None;
        }
        // One word: its end, and for an ASCII word its first and last
        // alphanumeric bytes.
        let start = i;
        let mut ascii = true;
        let mut first = usize::MAX;
        let mut last = 0;
        while i < b.len() {
            match BYTE_CLASS[b[i] as usize] {
                SPACE => break,
                ALNUM => {
                    first = first.min(i);
                    last = i + 1;
                    i += 1;
                }
                NON_ASCII => {
                    let c = s[i..].chars().next()?;
                    if c.is_whitespace() {
                        break;
                    }
                    ascii = false;
                    i += c.len_utf8();
                }
                _ => i += 1,
            }
        }
        if ascii {
            if first != usize::MAX {
                return Some(&s[first..last]);
            }
        } else {
            let w = &s[start..i];
            if w.chars().any(|c| c.is_alphanumeric()) {
                return Some(w.trim_matches(|c: char| !c.is_alphanumeric()));
            }
        }
    })
}

/// `BYTE_CLASS` of ASCII whitespace, ASCII letters and digits, other ASCII
/// bytes and the bytes of non-ASCII characters.
const SPACE: u8 = 1;
const ALNUM: u8 = 2;
const OTHER: u8 = 0;
const NON_ASCII: u8 = 3;

/// The class of each byte, for `trimmed_words`.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = if c >= 0x80 {
            NON_ASCII
        } else if matches!(c, b' ' | b'\t'..=b'\r') {
            SPACE
        } else if c.is_ascii_alphanumeric() {
            ALNUM
        } else {
            OTHER
        };
        b += 1;
    }
    table
};

/// "(D-Va.)," : the parenthetical opening at token `open` closes within a
/// few tokens and a comma follows it.
fn comma_after_parenthetical(toks: &Toks, open: usize) -> bool {
    (open + 1..toks.len().min(open + 10))
        .find(|&k| toks[k].is_punct(')'))
        .is_some_and(|k| toks.get(k + 1).is_some_and(|t| t.is_punct(',')))
}

/// Quotation or term? Scare quotes, titles and single terms with no speech
/// cue are terms.
/// `tokenised`: the quotation is a token (not single-quoted); `before`: the
/// token before it in its paragraph; `near`: a token close to it, where
/// searches for its tokens start.
fn is_quotation(
    toks: &Toks,
    prose: &str,
    q: &quotes::RawQuote,
    f: Option<&Found>,
    tokenised: bool,
    before: Option<&Tok>,
    near: usize,
) -> bool {
    let c = q.content();
    let inner = prose[c.start..c.end].trim();
    // A stray mark with no word after it (a closing mark written as an
    // opening one at the end of a paragraph), or a stage direction.
    if !inner.chars().any(char::is_alphanumeric) || quotes::is_stage_direction(inner) {
        return false;
    }
    if !q.terminated {
        return true;
    }
    // One pass over the words (those with a letter or digit): how many,
    // whether all are title-case or small words, and how many are not small
    // words. Eight words are enough: past seven a span is never a title and
    // six or more make it a quotation, whatever the rest.
    let mut n_words = 0;
    let mut title_case = true;
    let mut content_words = 0;
    for w in trimmed_words(inner) {
        n_words += 1;
        let small = is_small_word(w);
        if !small {
            content_words += 1;
        }
        title_case = title_case
            && (w.is_empty()
                || small
                || w.chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()));
        // (Past six words, four of them not small, and once a word is not
        // title-case, nothing read below can change.)
        if n_words == 8 || n_words >= 6 && content_words >= 4 && !title_case {
            break;
        }
    }
    if n_words == 0 {
        return false;
    }
    // "the so-called ‘experts’", "a show titled “Night Desk”": named, not said.
    let prev = before;
    let opens_paragraph = tokenised && prev.is_none();
    let prev = prev.filter(|p| p.is_word());
    if prev.is_some_and(|p| {
        matches!(
            toks.w(p).as_str(),
            "so-called" | "titled" | "entitled" | "headlined" | "hashtag"
        )
    }) {
        return false;
    }
    // "proclaimed a goal of “…”", "his promise of “…”": words someone
    // declared, not a title.
    let k = partition_point_near(toks, near, |t| t.span().start < q.span.start);
    if prev.is_some_and(|p| toks.w(p) == "of")
        && k >= 2
        && toks[k - 2].is_word()
        && matches!(
            toks.w(&toks[k - 2]).as_str(),
            "slogan" | "motto" | "mantra" | "message" | "promise" | "pledge" | "goal"
        )
    {
        return true;
    }
    // "Ana Ruiz's column, “Tell them your story,” is …": words in
    // apposition to a piece of writing or a work are its title, unless a
    // cue gives them to someone.
    if before.is_some_and(|p| p.is_punct(','))
        && k >= 2
        && toks[k - 2].is_word()
        && matches!(
            toks.w(&toks[k - 2]).as_str(),
            "commentary"
                | "column"
                | "op-ed"
                | "editorial"
                | "essay"
                | "memoir"
                | "book"
                | "novel"
                | "poem"
                | "film"
                | "movie"
                | "documentary"
                | "song"
                | "album"
                | "podcast"
        )
        && f.is_none_or(|f| f.method == AttributionMethod::Subject && f.weak)
    {
        return false;
    }
    // Titles: short title-case words after a preposition or a possessive
    // ("on “Morning Roundup”", "the network’s “Evening Desk”"). After a verb
    // or "as" the same words are a nickname someone used, which is quoted.
    let after_determiner = prev.is_some_and(|p| toks.w(p).ends_with("'s"));
    let after_title_word = !opens_paragraph
        && prev.is_none_or(|p| {
            matches!(
                toks.w(p).as_str(),
                "of" | "on"
                    | "in"
                    | "at"
                    | "from"
                    | "for"
                    | "the"
                    | "show"
                    | "program"
                    | "programme"
                    | "series"
                    | "film"
                    | "book"
                    | "documentary"
                    | "album"
                    | "song"
                    | "novel"
                    | "movie"
                    | "podcast"
                    | "episode"
                    | "segment"
                    | "column"
                    | "magazine"
                    | "newspaper"
                    | "report"
                    | "study"
            ) || toks.w(p).ends_with("'s")
                || p.cap()
                // "during a “Town Hall Forum”", "his 1994 “Contract with America”"
                || matches!(
                    toks.w(p).as_str(),
                    "a" | "an" | "his" | "her" | "their" | "its" | "our" | "my"
                )
                || toks.w(p).chars().all(|c| c.is_ascii_digit())
        });
    // A sentence has four words or more besides "of", "the" and the like
    // ("State of the Union." is a title). Capitalised words after a
    // possessive name its work, whatever their length ("the network's
    // “This Week with Ann Berg.”").
    let sentence_like = (content_words >= 4 && !(after_determiner && title_case)
        || n_words >= 4 && !after_determiner)
        && (inner.ends_with(['.', '!', '?']) || inner.ends_with(".,"));
    // Capitalised words opening a sentence, closed by a comma, a question
    // or an exclamation mark inside the marks and given a speech cue, are an
    // answer or an exclamation: “Absolutely,” he said. / “Really?” she asked.
    // So are such words ending a sentence right after the speaker's own
    // quotation (“We will appeal,” she said. “Absolutely.”).
    let spoken_reply = tokenised
        && prev.is_none()
        && f.is_some_and(|f| {
            f.method != AttributionMethod::Subject && inner.ends_with([',', '?', '!'])
                || f.method == AttributionMethod::Continuation && inner.ends_with('.')
                // "Priebus said, “Probably.”": a whole sentence right after
                // a cue and its comma or colon.
                || f.method == AttributionMethod::Cue
                    && !f.weak
                    && inner.ends_with(['.', '?', '!'])
                    && before.is_some_and(|p| p.is_punct(',') || p.is_punct(':'))
                    && k >= 2
                    && f.cue().is_some_and(|c| c.end == toks[k - 2].span().end)
        });
    // In a sentence given on someone's authority ("…, according to X"),
    // quoted titles and words are part of what X reported.
    let reported = f.is_some_and(|f| f.method == AttributionMethod::AccordingTo);
    // "Lee sings Ana Ruiz's “Harbour Lights”": a song sung (a poem
    // recited) is the performer's words. (The cue's token is searched from
    // the quotation's, near it: a search of the whole token table missed the
    // cache at every probe on long texts.)
    let performed = f.is_some_and(|f| {
        f.method == AttributionMethod::Cue
            && f.cue().is_some_and(|c| {
                k >= 1
                    && c.end <= q.span.start
                    && partition_point_near(toks, k, |t| t.span().start < c.end) + 4 >= k
                    && ["sing", "sang", "sung", "recit"]
                        .iter()
                        .any(|w| prose[c.start..c.end].starts_with(w))
            })
    });
    if title_case
        && n_words <= 7
        && after_title_word
        && !sentence_like
        && !spoken_reply
        && !reported
        && !performed
    {
        return false;
    }
    let ends_sentence = inner.ends_with(['.', '!', '?'])
        || inner.ends_with(".,")
        || inner.ends_with("?,")
        || inner.ends_with("!,");
    // Capitalised words inside a sentence that name the noun after them
    // (a “Settle For Hillary” shirt, “Dear Walter” letters) are a name,
    // unless a cue gives them to someone.
    // The token after the closing mark.
    let k_after = partition_point_near(toks, k, |t| t.span().start < q.span.end);
    let names_next_noun = || {
        toks.get(k_after).is_some_and(|t| {
            t.is_word()
                && !t.cap()
                && t.span().start > q.span.end
                && !toks.w(t).is(Lex::FUNCTION_WORDS)
                && toks.w(t).chars().all(char::is_alphabetic)
        })
    };
    // A headline with its byline: "“Museum to close,” by Ana Ruiz".
    if inner.ends_with(',')
        && toks
            .get(k_after)
            .is_some_and(|t| t.is_word() && toks.w(t) == "by")
        && (k_after + 1..k_after + 3)
            .find(|&k| toks.get(k).is_none_or(|t| toks.w(t) != "the"))
            .and_then(|k| toks.get(k))
            .is_some_and(|t| t.cap())
    {
        return false;
    }
    if f.is_some_and(|f| f.method == AttributionMethod::Subject && f.weak)
        && title_case
        && prev.is_some()
        && !inner.ends_with([',', '.', '!', '?', ':', ';'])
        && names_next_noun()
    {
        return false;
    }
    if f.is_some() {
        return true;
    }
    // A paragraph that opens with quoted words is someone speaking; so is
    // a paragraph that is only quoted words, even cut off ("But I   ”),
    // unless they are a heading ("HASTE", "Related:").
    let whole_paragraph = || {
        k_after > 0
            && toks
                .get(k_after)
                .is_none_or(|t| t.para() != toks[k_after - 1].para())
            && inner.chars().any(char::is_lowercase)
            && !inner.ends_with(':')
    };
    if opens_paragraph
        && (inner.ends_with(['.', '!', '?', ',', '—', '-'])
            || inner.ends_with("--")
            || whole_paragraph())
    {
        return true;
    }
    let starts_upper = inner.chars().next().is_some_and(|c| c.is_uppercase());
    n_words >= 6 || (starts_upper && n_words >= 3 && (ends_sentence || inner.ends_with(',')))
}

/// What `drop_terms_in_dialogue` weighs, counted over the kept, tokenised,
/// terminated quotations in double marks: how many, how many are questions
/// or exclamations, how many follow a word, how many have neither a cue nor
/// a word before them.
#[derive(Clone, Copy, Default)]
struct TermCounts {
    n: usize,
    asked: usize,
    inside: usize,
    uncued: usize,
}

impl TermCounts {
    /// Counts quotation `q` if `counted` (kept, in double marks, terminated,
    /// tokenised), with the token `before` it and its speaker `found`.
    fn add(
        &mut self,
        prose: &str,
        q: &quotes::RawQuote,
        counted: bool,
        before: Option<&Tok>,
        found: Option<&Found>,
    ) {
        if !counted {
            return;
        }
        let after_word = before.is_some_and(|t| t.is_word());
        let c = q.content();
        self.n += 1;
        self.asked += usize::from(
            prose[c.start..c.end]
                .trim_end()
                .trim_end_matches(',')
                .ends_with(['?', '!']),
        );
        self.inside += usize::from(after_word);
        self.uncued += usize::from(found.is_none() && !after_word);
    }
}

/// How many quotations the attribution walk takes at a time (`analyze_inner`).
const QUOTE_BATCH: usize = 256;

/// How many tokens the subject walk reads between two runs of the names.
const NAME_BATCH: usize = 4096;

/// A passive cue ("it was labeled “…”") marks quoted words, so they stay a
/// quotation, but it names no speaker.
fn passive_cue(toks: &Toks, f: &Found) -> bool {
    f.method == AttributionMethod::Cue
        && f.cue().is_some_and(|c| {
            // (Searched from the subject, next to its cue.)
            let k =
                partition_point_near(toks, f.phrase.tok_range().1, |t| t.span().start < c.start);
            k < toks.len() && attribute::passive(toks, f.phrase.tok_range().1, k)
        })
}

/// The full stop that ends a sentence within a few words after token
/// `from`, passing over the stops of initials and abbreviations ("Brian
/// J. Fell."): where a name in apposition there ends.
fn name_closing_sentence(toks: &Toks, from: usize) -> Option<usize> {
    let para = toks.get(from)?.para();
    for k in from..toks.len().min(from + 8) {
        let t = &toks[k];
        if t.is_word() {
            continue;
        }
        if !t.is_punct('.') || k == from {
            return None;
        }
        let before = toks.w(&toks[k - 1]);
        if before.chars().count() == 1 || before.is_abbreviation() {
            continue;
        }
        let ends = toks
            .get(k + 1)
            .is_none_or(|n| n.para() != para || n.quote().is_some() || n.is_word() && n.cap());
        return ends.then_some(k);
    }
    None
}

/// The one a passive cue names after "by" ("Hale was asked by host Rita
/// Moreno, who backs the bill, “…”"): who spoke, with the cue.
fn passive_agent(toks: &Toks, prose: &str, f: &Found) -> Option<Found> {
    let c = f.cue()?;
    let k = partition_point_near(toks, f.phrase.tok_range().1, |t| t.span().start < c.end);
    if !toks
        .get(k)
        .is_some_and(|t| t.is_word() && toks.w(t) == "by")
    {
        return None;
    }
    let para = toks[k].para();
    let ceil = (k + 1..toks.len().min(k + 16))
        .find(|&j| toks[j].para() != para || toks[j].quote().is_some())
        .unwrap_or(toks.len().min(k + 16));
    let np = mentions::np_after(toks, k + 1, ceil)?;
    let phrase = mentions::classify(toks, prose, np)?;
    Some(Found::new(phrase, Some(c), f.method, f.weak, None))
}

/// In a text told in dialogue, where questions and exclamations between
/// quotation marks outnumber quoted words inside sentences and some turns
/// have no cue at all, the few words quoted inside narration are terms
/// ("the word “gentleman”", "a “front parlour”"), not speech: short ones
/// with no speech cue (at most the subject of their sentence) are dropped.
/// News, where quoting someone's words inside a sentence is the rule, does
/// not read as dialogue. (`counts`: the quotations counted, as each was
/// kept or not.)
fn drop_terms_in_dialogue(
    prose: &str,
    raw: &[quotes::RawQuote],
    first_tok: &[usize],
    before: &[Option<Tok>],
    found: &[Option<Found>],
    keep: &mut [bool],
    counts: &TermCounts,
) {
    let after_word = |qi: usize| before[qi].as_ref().is_some_and(|t| t.is_word());
    let counted = |keep: &[bool], qi: usize| {
        keep[qi] && !raw[qi].single && raw[qi].terminated && first_tok[qi] != usize::MAX
    };
    let TermCounts {
        n,
        asked,
        inside,
        uncued,
    } = *counts;
    if n < 5 || asked < inside || (asked - inside) * 10 < n || uncued < 2 {
        return;
    }
    for qi in 0..raw.len() {
        let no_cue = found[qi]
            .as_ref()
            .is_none_or(|f| f.method == AttributionMethod::Subject && f.weak);
        if counted(keep, qi) && after_word(qi) && no_cue && word_count(prose, raw[qi].content()) < 6
        {
            keep[qi] = false;
        }
    }
}

/// In a text whose own quotations are set in typographic marks (“…”), a
/// passage between straight marks that holds a quotation in typographic
/// marks (`holds_typographic`) is pasted in whole: a transcript, a block of
/// another article. The quotations inside it count (with the passage's
/// speaker: see the nesting above), the passage itself does not.
fn drop_pasted_passages(
    prose: &str,
    raw: &[quotes::RawQuote],
    holds_typographic: &[bool],
    keep: &mut [bool],
) {
    let pasted: Vec<usize> = (0..raw.len())
        .filter(|&qi| {
            // (Every paragraph of it opens with a straight mark: one that
            // opens with a typographic mark is the text's own quotation
            // running on.)
            keep[qi]
                && holds_typographic[qi]
                && raw[qi]
                    .pieces
                    .iter()
                    .all(|p| prose[..p.start].trim_end().ends_with('"'))
        })
        .collect();
    if pasted.is_empty() {
        return;
    }
    // The text's own marks: straight marks inside a paragraph (those that
    // open or close one mark passages) against typographic opening marks.
    let b = prose.as_bytes();
    let inside = memchr::memchr_iter(b'"', b)
        .filter(|&i| i > 0 && b[i - 1] != b'\n' && b.get(i + 1).is_some_and(|&n| n != b'\n'))
        .count();
    if prose.matches('“').count() <= inside {
        return;
    }
    for qi in pasted {
        keep[qi] = false;
    }
}

/// `before`: the token before the quotation in its paragraph.
fn quote_kind(prose: &str, q: &quotes::RawQuote, before: Option<&Tok>) -> QuoteKind {
    let c = q.content();
    let starts_upper = prose[c.start..c.end]
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase());
    let at_start = before.is_none_or(|p| {
        p.is_punct(':') || p.is_punct('.') || p.is_punct(',') || p.quote().is_some()
    });
    if starts_upper && at_start {
        QuoteKind::Direct
    } else {
        QuoteKind::Mixed
    }
}

/// The findings about unterminated marks (`unterminated`: the indexes of
/// those spans, noted in the attribution walk), in the order of `raw`: the
/// first findings of a text, before those `quotation_findings` adds quotation by
/// quotation (then all are sorted by span, stably).
fn unterminated_findings(
    raw: &[quotes::RawQuote],
    unterminated: &[usize],
    keep: &[bool],
    index_of: &[usize],
    text: &str,
) -> Vec<Finding> {
    let mut out = Vec::new();
    for &qi in unterminated {
        let q = &raw[qi];
        let open_mark = text[q.span.start..]
            .chars()
            .next()
            .map_or(1, char::len_utf8);
        out.push(Finding {
            span: Span::new(q.span.start, q.span.start + open_mark),
            code: FindingCode::UnterminatedQuote,
            severity: FindingCode::UnterminatedQuote.default_severity(),
            message: "This quotation is never closed: add the closing quotation mark, or open the next paragraph with a quotation mark if the quotation continues there.".into(),
            quotation: keep[qi].then(|| index_of[qi]),
        });
    }
    out
}

/// The findings about quotation `k` (`q`), added to `out`. (Called as each
/// quotation is made, so that the quotation table is not walked again.)
fn quotation_findings(
    k: usize,
    q: &Quotation,
    mentions: &[Mention],
    entities: &[Entity],
    resolved: &[coref::Resolved],
    text: &str,
    out: &mut Vec<Finding>,
) {
    // (Made only for the messages that quote it.)
    let preview = || preview(text, q.content);
    match &q.attribution {
        None => out.push(Finding {
            span: q.span,
            code: FindingCode::UnattributedQuote,
            severity: FindingCode::UnattributedQuote.default_severity(),
            message: format!("No speaker found for the quotation “{}”: say who said it (for example “…,” the minister said).", preview()),
            quotation: Some(k),
        }),
        Some(att) => {
            if att.method == AttributionMethod::Context {
                let who = q.entity.map(|e| entities[e].name.as_str()).unwrap_or("the previous speaker");
                out.push(Finding {
                    span: q.span,
                    code: FindingCode::ContextAttribution,
                    severity: FindingCode::ContextAttribution.default_severity(),
                    message: format!("Attributed to {who} by context: this paragraph names no speaker, and the one before quotes them or is about them."),
                    quotation: Some(k),
                });
            }
            if let Some(other) = resolved[att.mention].ambiguous_with {
                let chosen = q.entity.map(|e| entities[e].name.as_str()).unwrap_or("?");
                let span = mentions[att.mention].span;
                out.push(Finding {
                    span,
                    code: FindingCode::AmbiguousSpeaker,
                    severity: FindingCode::AmbiguousSpeaker.default_severity(),
                    message: format!(
                        "“{}” could be {} or {}: quoth chose {}. Naming the speaker removes the doubt.",
                        &text[span.start..span.end],
                        chosen,
                        entities[other].name,
                        chosen
                    ),
                    quotation: Some(k),
                });
            }
            if q.entity.is_none() && mentions[att.mention].kind == MentionKind::Pronoun {
                out.push(Finding {
                    span: mentions[att.mention].span,
                    code: FindingCode::UnattributedQuote,
                    severity: FindingCode::UnattributedQuote.default_severity(),
                    message: format!("The quotation “{}” is attributed to a pronoun that names nobody earlier in the text.", preview()),
                    quotation: Some(k),
                });
            }
        }
    }
}

/// The first words of a span, for messages and outlines.
pub fn preview(text: &str, s: Span) -> String {
    let inner = text.get(s.start..s.end).unwrap_or("").trim();
    // The first 40 characters, line breaks as spaces, then "…" if there is more.
    // (The 41st character starts at the 41st byte that is not a UTF-8
    // continuation byte.)
    // (Forty ASCII bytes and one more are forty characters.)
    let end = match inner.as_bytes().get(..41) {
        None => inner.len(),
        Some(head) if head.is_ascii() => 40,
        Some(_) => inner
            .bytes()
            .enumerate()
            .filter(|&(_, b)| (b as i8) >= -0x40)
            .nth(40)
            .map_or(inner.len(), |(i, _)| i),
    };
    let head = &inner[..end];
    let mut out = String::with_capacity(end + '…'.len_utf8());
    if memchr::memchr2(b'\n', b'\r', head.as_bytes()).is_some() {
        out.extend(
            head.chars()
                .map(|c| if c == '\n' || c == '\r' { ' ' } else { c }),
        );
    } else {
        out.push_str(head);
    }
    if end < inner.len() {
        out.push('…');
    }
    out
}

/// A sentence subject that can be the source of quoted words with no cue: a
/// person or organisation with some evidence of being one.
fn plausible_source(p: &Phrase) -> bool {
    if !attribute::plausible_source(p) {
        return false;
    }
    match p.kind {
        MentionKind::Pronoun => matches!(p.role.as_str(), "he" | "she" | "they"),
        MentionKind::Name => {
            // Two words or more, a title ("Mrs. Pett", which gives a sex),
            // or a known surname or first name.
            let mut words = p.name.split_whitespace();
            let first = words.next();
            words.next().is_some()
                || !p.role.is_empty()
                || p.gender != types::Gender::Unknown
                || first.is_some_and(|w| {
                    let w = w.to_lowercase();
                    lexicon::is_name_word(&w)
                })
        }
        _ => true,
    }
}

/// The longest paragraph (in bytes) that counts as a short reply.
const SHORT_REPLY: usize = 60;

/// The speaker of the turn before the one of `prev` (the last turn, in the
/// paragraph before `para`), when it is someone else and came in one of the
/// few paragraphs just before: the other party of a conversation.
fn other_party(
    turns: &[(usize, usize)],
    found: &[Option<Found>],
    prev: usize,
    para: usize,
) -> Option<usize> {
    let key = found[prev].as_ref().map(turn_key)?;
    turns
        .iter()
        .rev()
        .skip_while(|&&(p, _)| p + 1 >= para)
        .take_while(|&&(p, _)| p + 7 >= para)
        .map(|&(_, src)| src)
        .find(|&src| found[src].as_ref().is_some_and(|f| turn_key(f) != key))
}

/// The tables of the quotations that the dialogue rules read once the
/// speakers have their mentions: whether each is kept and in the prose, its
/// paragraphs, the quotation it takes its speaker from, and the speaker's
/// mention and whether that is "he", "she" or "I".
#[derive(Clone, Copy)]
struct TurnTables<'a> {
    keep: &'a [bool],
    first_tok: &'a [usize],
    first_para: &'a [u32],
    last_para: &'a [u32],
    context_from: &'a [Option<usize>],
    speaker_mention: &'a [Option<usize>],
    pronoun_of: &'a [SpeakerPronoun],
}

impl TurnTables<'_> {
    /// The mention of the speaker of quotation `qi` (its own, or that of the
    /// quotation it takes its speaker from), when it is kept and in the prose.
    fn speaker(&self, qi: usize) -> Option<usize> {
        (self.keep[qi] && self.first_tok[qi] != usize::MAX)
            .then(|| self.speaker_mention[self.context_from[qi].unwrap_or(qi)])
            .flatten()
    }
}

/// The speakers of earlier turns for each "he" or "she" that speaks in a
/// paragraph opening with its quotation right after a paragraph that is
/// someone's turn and nothing else (it opens with a quotation and no
/// sentence of narration follows its last one): (the pronoun's mention, the
/// mentions of the turns before it within eight paragraphs, the latest
/// first), in order of mention.
fn pronoun_turns(
    t: &TurnTables,
    sents: &Sents,
    sent_of: &SentOf,
    last_tok: &[usize],
    before: &[Option<Tok>],
) -> Vec<(usize, Vec<usize>)> {
    let TurnTables {
        first_para,
        last_para,
        context_from,
        pronoun_of,
        ..
    } = *t;
    // (paragraph, mention of its speaker, a turn and nothing else): one per
    // paragraph, its last turn.
    let mut turns: Vec<(usize, usize, bool)> = Vec::new();
    let mut out: Vec<(usize, Vec<usize>)> = Vec::new();
    for qi in 0..t.keep.len() {
        let Some(mi) = t.speaker(qi) else {
            continue;
        };
        let para = first_para[qi] as usize;
        if context_from[qi].is_none()
            && before[qi].is_none()
            && pronoun_of[mi] == SpeakerPronoun::HeOrShe
            && turns
                .last()
                .is_some_and(|&(p, _, only)| p + 1 == para && only)
            && out.last().is_none_or(|&(m, _)| m < mi)
        {
            let earlier = turns
                .iter()
                .rev()
                .take_while(|&&(p, _, _)| p + 8 >= para)
                .map(|&(_, m, _)| m)
                .collect();
            out.push((mi, earlier));
        }
        let end = last_para[qi] as usize;
        // Narration after the last quotation: the sentence after its own
        // is in the same paragraph. (Told by the paragraph's sentences, not
        // by the paragraph of that sentence's first token: on a long text
        // that read missed the cache.)
        let narration_after = sent_of.at(last_tok[qi]) + 1 < sents.para_end(end);
        match turns.last_mut() {
            Some(t) if t.0 == end => {
                t.1 = mi;
                t.2 &= !narration_after;
            }
            _ => turns.push((end, mi, before[qi].is_none() && !narration_after)),
        }
    }
    out
}

/// The name of a narrator "I" who speaks in three quotations or more: the
/// name the other speakers call out most often (more often than any other)
/// in the turns right before and after the narrator's ("You think so,
/// Hartwell?"), not one the narration uses or the text shows speaking
/// through a cue (`cue_names`, lowercased last words): the narrator is
/// never "Hartwell came in" or "said Hartwell".
fn narrator_name(
    t: &TurnTables,
    prose: &str,
    raw: &[quotes::RawQuote],
    pending: &[Pending],
    cue_names: &[String],
) -> Option<String> {
    let TurnTables {
        keep,
        first_para,
        last_para,
        pronoun_of,
        ..
    } = *t;
    let speaker = |qi: usize| t.speaker(qi);
    // (Counted first: most texts have no narrator who speaks, and the list
    // below is not made for them.)
    let narrator_turns = (0..keep.len())
        .filter(|&qi| speaker(qi).is_some_and(|mi| pronoun_of[mi] == SpeakerPronoun::I))
        .count();
    if narrator_turns < 3 {
        return None;
    }
    // (first paragraph, last paragraph, quotation, spoken by "I").
    let turns: Vec<(usize, usize, usize, bool)> = (0..keep.len())
        .filter_map(|qi| {
            let mi = speaker(qi)?;
            let i = pronoun_of[mi] == SpeakerPronoun::I;
            Some((first_para[qi] as usize, last_para[qi] as usize, qi, i))
        })
        .collect();
    // (Sorted, and searched from where the last search ended: the turns
    // come in order of paragraph, and a long text has many turns and many
    // narrated paragraphs. Hashing each turn's paragraphs cost more.)
    let mut narrated: Vec<usize> = turns
        .iter()
        .filter(|t| t.3)
        .flat_map(|t| t.0..=t.1)
        .collect();
    narrated.sort_unstable();
    narrated.dedup();
    let cursor = std::cell::Cell::new(0);
    let is_narrated = |p: usize| {
        let at = partition_point_near(&narrated, cursor.get(), |&x| x < p);
        cursor.set(at);
        narrated.get(at) == Some(&p)
    };
    let next_to_narrator = |f: usize, l: usize| is_narrated(l + 1) || f > 0 && is_narrated(f - 1);
    // Last word lowercased → (how often, the fullest form).
    let mut called: rustc_hash::FxHashMap<String, (usize, String)> = Default::default();
    for &(f, l, qi, i) in &turns {
        if i || !next_to_narrator(f, l) {
            continue;
        }
        for piece in &raw[qi].pieces {
            for name in called_names(&prose[piece.start..piece.end]) {
                let last = name_key(&name).to_lowercase();
                if cue_names.binary_search(&last).is_ok() {
                    continue;
                }
                let entry = called.entry(last).or_insert((0, String::new()));
                entry.0 += 1;
                if name.len() > entry.1.len() {
                    entry.1 = name;
                }
            }
        }
    }
    // The narration never names the narrator: the last words of the names
    // it has are other people's. (Only the few names called are looked for
    // among the mentions, so most are never lowercased.)
    let same_lower = |key: &str, lower: &str| {
        if key.is_ascii() && lower.is_ascii() {
            key.eq_ignore_ascii_case(lower)
        } else {
            key.to_lowercase() == lower
        }
    };
    if !called.is_empty() {
        for m in pending
            .iter()
            .filter(|m| matches!(m.phrase.kind, MentionKind::Name | MentionKind::Organization))
        {
            let key = name_key(&m.phrase.name);
            called.retain(|last, _| !same_lower(key, last));
            if called.is_empty() {
                break;
            }
        }
    }
    let mut ranked: Vec<&(usize, String)> = called.values().collect();
    ranked.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    match ranked.as_slice() {
        [first, rest @ ..] if rest.first().is_none_or(|r| r.0 < first.0) => Some(first.1.clone()),
        _ => None,
    }
}

/// Names a quotation calls out: one to three capitalised words at its
/// start before a comma or "!" or "?", or after a comma before a comma, the
/// end of a sentence or the end ("Tom, look.", "Yes, Mr. Hale.", "Come,
/// Anna Petrovna, sit."). A name is a known first name or surname, or
/// follows a title ("Mr."), and is not a function word.
fn called_names(quote: &str) -> Vec<String> {
    let words: Vec<&str> = quote.split_whitespace().collect();
    let bare = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase()
    };
    let mut out = Vec::new();
    let starts = std::iter::once(0).chain(
        words
            .iter()
            .enumerate()
            .filter(|(_, w)| w.ends_with(','))
            .map(|(k, _)| k + 1),
    );
    for start in starts {
        // (The name's first word: after an "O" of calling.)
        let mut first = start;
        let mut titled = false;
        let mut named = false;
        for end in start..words.len().min(start + 4) {
            let w = words[end].trim_start_matches(|c: char| !c.is_alphanumeric());
            if !w.chars().next().is_some_and(char::is_uppercase) || end >= first + 3 {
                break;
            }
            let lower = bare(w);
            // "O Anna, …": a call, not a name.
            if end == start && lower.len() == 1 && !w.ends_with(['.', ',']) {
                first = end + 1;
                continue;
            }
            let title = end == first
                && (lexicon::HONORIFICS.contains_key(lower.as_str())
                    || lexicon::HONORIFICS.contains_key(format!("{lower}.").as_str()));
            if title {
                titled = true;
                continue;
            }
            if lexicon::FUNCTION_WORDS.contains(lower.as_str())
                || lexicon::PRONOUNS.contains_key(lower.as_str())
            {
                break;
            }
            // A capital at the start of the quotation says nothing: there a
            // surname could be a common word ("Wait, …", "Good, …").
            named |= titled
                || lexicon::first_name_gender(&lower).is_some()
                || lexicon::is_surname(&lower) && start > 0;
            let closed = if start == 0 {
                w.ends_with([',', '!', '?'])
            } else {
                w.ends_with([',', '.', '!', '?']) || end + 1 == words.len()
            };
            if closed {
                if named {
                    let name = words[first..=end]
                        .join(" ")
                        .trim_matches(|c: char| !c.is_alphanumeric())
                        .to_string();
                    out.push(name);
                }
                break;
            }
            if w.ends_with(|c: char| !c.is_alphanumeric()) {
                break;
            }
        }
    }
    out
}

/// A mention that is one of the pronouns the dialogue rules ask about
/// (`pronoun_turns`, `narrator_name`), in any case.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SpeakerPronoun {
    /// "I".
    I,
    /// "he" or "she".
    HeOrShe,
    /// Any other mention.
    Other,
}

impl SpeakerPronoun {
    fn of(p: &Phrase) -> SpeakerPronoun {
        if p.kind != MentionKind::Pronoun {
            SpeakerPronoun::Other
        } else if p.role.eq_ignore_ascii_case("i") {
            SpeakerPronoun::I
        } else if p.role.eq_ignore_ascii_case("he") || p.role.eq_ignore_ascii_case("she") {
            SpeakerPronoun::HeOrShe
        } else {
            SpeakerPronoun::Other
        }
    }
}

/// Who a speaker phrase names, for telling turns apart: the last word of a
/// name, or the pronoun (he and she are different people).
fn turn_key(f: &Found) -> String {
    match f.phrase.kind {
        MentionKind::Name | MentionKind::Organization => name_key(&f.phrase.name).to_lowercase(),
        _ => f.phrase.role.to_lowercase(),
    }
}

/// The word of a name that `turn_key` gives, before lowercasing: its last.
fn name_key(name: &str) -> &str {
    name.split_whitespace().last().unwrap_or("")
}

/// Fills speakerless turns in runs of dialogue by alternation. Returns, per
/// quotation, whether it was attributed this way (and sets `context_from`).
#[allow(clippy::too_many_arguments)]
fn turn_taking(
    prose: &str,
    raw: &[quotes::RawQuote],
    keep: &[bool],
    first_tok: &[usize],
    first_para: &[u32],
    before: &[Option<Tok>],
    found: &[Option<Found>],
    context_from: &mut [Option<usize>],
) -> Vec<bool> {
    let mut out = vec![false; raw.len()];
    // Paragraphs that open with a kept quotation, with their quotations:
    // (paragraph, its quotations), the lists as ranges of one list `listed`
    // (a paragraph's quotations come one after another).
    let mut listed: Vec<usize> = Vec::new();
    let mut ranges: Vec<(usize, std::ops::Range<usize>)> = Vec::new();
    for qi in 0..raw.len() {
        if !keep[qi] || first_tok[qi] == usize::MAX {
            continue;
        }
        let para = first_para[qi] as usize;
        let opens = before[qi].is_none();
        match ranges.last_mut() {
            Some((p, qs)) if *p == para => {
                listed.push(qi);
                qs.end = listed.len();
            }
            _ if opens => {
                listed.push(qi);
                ranges.push((para, listed.len() - 1..listed.len()));
            }
            _ => {}
        }
    }
    let paras: Vec<(usize, &[usize])> =
        ranges.into_iter().map(|(p, qs)| (p, &listed[qs])).collect();
    // Runs of consecutive such paragraphs.
    let mut start = 0;
    while start < paras.len() {
        let mut end = start + 1;
        while end < paras.len() && paras[end].0 == paras[end - 1].0 + 1 {
            end += 1;
        }
        let run = &paras[start..end];
        // (Runs of one or two paragraphs have no turn to fill.)
        if run.len() < 3 {
            start = end;
            continue;
        }
        // The explicit speaker (source quotation) of each paragraph.
        let mut who: Vec<Option<usize>> = run
            .iter()
            .map(|(_, qs)| {
                qs.iter().copied().find(|&q| {
                    found[q]
                        .as_ref()
                        .is_some_and(|f| f.method != AttributionMethod::Subject)
                })
            })
            .collect();
        // Each named turn gives the turns two, four, … paragraphs away. With
        // two people named in the run (side by side or not) that settles the
        // turns; with one, only those that nothing else attributes (a turn
        // the paragraph before attributes by context keeps it).
        let mut keys = who
            .iter()
            .flatten()
            .filter_map(|&q| found[q].as_ref().map(turn_key));
        let first = keys.next();
        let two = keys.any(|k| Some(&k) != first.as_ref());
        if first.is_some() {
            // Whether a speaker of the run is a name mention (a turn filled
            // below takes the speaker of another turn, so the answer holds
            // for the whole run); without one, no reply goes by a name the
            // turn before calls out.
            let named = |q: usize| {
                found[q]
                    .as_ref()
                    .is_some_and(|f| matches!(f.phrase.kind, MentionKind::Name))
            };
            let any_named = who.iter().flatten().any(|&q| named(q));
            for i in 0..run.len() {
                if who[i].is_some() {
                    continue;
                }
                let mut source = if i >= 2 { who[i - 2] } else { None }
                    .or_else(|| who.get(i + 2).copied().flatten());
                let key_of = |q: usize| found[q].as_ref().map(turn_key);
                // A turn after one that addresses someone named in the run
                // by either name ("…, Harry?") is theirs: the reply.
                // (The turns' text is read only when something can come of
                // it: a long text's turns are long out of the cache.)
                if i >= 1 && any_named {
                    let asked = vocatives(prose, run[i - 1].1, raw);
                    if !asked.is_empty() {
                        let called = |q: usize| {
                            named(q)
                                && found[q].as_ref().is_some_and(|f| {
                                    f.phrase
                                        .name
                                        .split_whitespace()
                                        .any(|w| asked.contains(&w.to_lowercase()))
                                })
                        };
                        if let Some(q) = who.iter().flatten().copied().find(|&q| called(q)) {
                            source = Some(q);
                        }
                    }
                }
                // A turn that addresses someone by name ("Yes, Beatrice.")
                // is not spoken by them: then it is the other party's.
                let key = source.and_then(key_of);
                let addressed = match key {
                    Some(_) => vocatives(prose, run[i].1, raw),
                    None => Vec::new(),
                };
                if key.is_some_and(|k| addressed.contains(&k)) {
                    let other = [i.checked_sub(1), Some(i + 1), i.checked_sub(3), Some(i + 3)]
                        .into_iter()
                        .flatten()
                        .filter_map(|k| who.get(k).copied().flatten())
                        .find(|&q| key_of(q).is_some_and(|k| !addressed.contains(&k)));
                    source = other;
                }
                if let Some(src) = source {
                    for &q in run[i].1 {
                        if found[q].is_none() && (two || context_from[q].is_none()) {
                            context_from[q] = Some(src);
                            out[q] = true;
                        }
                    }
                    who[i] = Some(src);
                }
            }
        }
        start = end;
    }
    out
}

/// The subject of the nearest narration sentence in the quotation's
/// paragraph, when it is a person (a pronoun or a name).
fn beat_subject(
    toks: &Toks,
    prose: &str,
    sents: &[(usize, usize)],
    sent_of: &SentOf,
    qs: usize,
    qe: usize,
    speakers: &[String],
) -> Option<Phrase> {
    let para = toks[qs].para();
    let here = sent_of.at(qs);
    let mut best: Option<(usize, Phrase)> = None;
    let lo = here.saturating_sub(3);
    let hi = (here + 4).min(sents.len());
    for (si, &(s, e)) in sents.iter().enumerate().take(hi).skip(lo) {
        if toks[s].para() != para || toks[e - 1].para() != para {
            continue;
        }
        // A sentence that starts inside the quotation (the quotation's own,
        // or the rest of it after a full stop inside the marks): the
        // narration right after the quotation, its subject first ("“Fine!”
        // He closed the book.", "“Wait.” She went out.", "“…”--he tapped the
        // desk.").
        // (Only after words that end as speech does, or a dash: not after a
        // title, "“Broad City” star Ann Lee …".)
        if (qs..qe).contains(&s) {
            let from = (qe..e)
                .find(|&k| !toks[k].is_punct('-') && !toks[k].is_punct('—'))
                .unwrap_or(e);
            let to = (from..e).find(|&k| toks[k].quote().is_some()).unwrap_or(e);
            // (The words inside the marks end in punctuation or a space, as
            // speech broken off does.)
            let ends = |c: char| c.is_whitespace() || ".,:;!?-—–…".contains(c);
            let quoted = &prose[toks[qs].span().start..toks[qe - 1].span().end];
            let spoken = from > qe
                || quoted
                    .trim_end_matches(|c: char| !attribute::is_alphanumeric(c) && !ends(c))
                    .ends_with(ends);
            if spoken && from < to && toks[from].is_word() {
                if let Some(p) = attribute::sentence_subject(toks, prose, from, to)
                    .filter(|p| is_person_subject(p, speakers) && p.tok_range().0 == from)
                {
                    best = Some((0, p));
                    break;
                }
            }
            continue;
        }
        // The narration before any quotation in that sentence.
        let limit = (s..e).find(|&k| toks[k].quote().is_some()).unwrap_or(e);
        if limit == s || (si == here && s <= qs && qs < e && limit <= qs && limit == qs) {
            continue;
        }
        // A sentence of reported speech ("The diplomat pointed out that …")
        // speaks for its own words, not as a beat for a neighbour's.
        if si != here && (s..e).any(|k| attribute::cue_at(toks, k).is_some_and(|(_, c)| !c.weak)) {
            continue;
        }
        let Some(p) = attribute::sentence_subject(toks, prose, s, limit) else {
            continue;
        };
        if !is_person_subject(&p, speakers) {
            continue;
        }
        let dist = if e <= qs {
            qs - e
        } else {
            s.saturating_sub(qe)
        };
        if best.as_ref().is_none_or(|b| dist < b.0) {
            best = Some((dist, p));
        }
    }
    best.map(|b| b.1)
}

/// The person the last sentences of a narration paragraph are about, and
/// whether that sentence says they kept silent.
fn narration_subject(
    toks: &Toks,
    prose: &str,
    sents: &Sents,
    para: usize,
    speakers: &[String],
    orgs: bool,
) -> Option<(Phrase, bool)> {
    // The paragraph's sentences, last first.
    for &(s, e) in sents.of_para(para).iter().rev().take(3) {
        // A person first, even one named after the subject ("The board were
        // sitting, when Mr. Bumble rushed in"); then, outside dialogue, a
        // body that issues something ("The council issued a statement.").
        let p = match attribute::sentence_subject(toks, prose, s, e) {
            Some(p) if is_person_subject(&p, speakers) => Some(p),
            other => name_then_verb(toks, prose, s, e, speakers).or_else(|| {
                other.filter(|p| orgs && is_org_subject(p) && issues_document(toks, s, e))
            }),
        };
        if let Some(p) = p {
            return Some((p, tells_silence(toks, s, e)));
        }
    }
    None
}

/// The first name in the sentence that someone speaks under elsewhere
/// (`speakers`, as `turn_key` gives them) or that a list knows as a first
/// name, followed by a lowercase word that is not a function word, a verb
/// most likely: the subject after a fronted phrase
/// ("That evening Tony came up behind her.").
fn name_then_verb(
    toks: &Toks,
    prose: &str,
    s: usize,
    e: usize,
    speakers: &[String],
) -> Option<Phrase> {
    let k = (s..e.saturating_sub(1)).find(|&k| {
        let (t, next) = (&toks[k], &toks[k + 1]);
        t.is_word()
            && t.cap()
            && next.is_word()
            && !next.cap()
            && !toks.w(next).is(Lex::FUNCTION_WORDS)
            && (speakers
                .binary_search_by(|x| x.as_str().cmp(toks.w(t).as_str()))
                .is_ok()
                || toks.w(t).first_name().is_some())
    })?;
    let start = (s..k)
        .rev()
        .take_while(|&j| toks[j].is_word() && toks[j].cap())
        .last()
        .unwrap_or(k);
    // (With the capitalised words before it, else alone: "Then Tony".)
    [start, k]
        .into_iter()
        .filter_map(|a| mentions::classify(toks, prose, (a, k + 1)))
        .find(|p| p.kind == MentionKind::Name)
}

/// The sentence says its subject kept silent: "said nothing", "made no
/// answer", "did not reply", "was silent".
fn tells_silence(toks: &Toks, s: usize, e: usize) -> bool {
    let words: Vec<&str> = toks[s..e]
        .iter()
        .filter(|t| t.is_word())
        .map(|t| toks.w(t).as_str())
        .collect();
    let speech = |w: &str| matches!(w, "answer" | "reply" | "response" | "speak" | "respond");
    words.windows(2).any(|p| match p {
        ["said" | "answered" | "replied", "nothing"] | ["was" | "remained" | "kept", "silent"] => {
            true
        }
        ["no" | "not" | "n't" | "didn't", w] => speech(w),
        _ => false,
    })
}

/// The first sentence of paragraph `para`.
fn first_sentence(sents: &Sents, para: usize) -> Option<&(usize, usize)> {
    sents.of_para(para).first()
}

/// The sentences (token ranges, in order; none crosses the end of a
/// paragraph) and where each paragraph's sentences start among them.
struct Sents {
    list: Vec<(usize, usize)>,
    /// For each paragraph, and one past the last, the first sentence in it
    /// or after it. (Read instead of a binary search of the sentences by
    /// the paragraph of their first token: on a long text each step of that
    /// search missed the cache.)
    para_first: Vec<usize>,
}

impl Sents {
    /// The sentences of paragraph `para`.
    fn of_para(&self, para: usize) -> &[(usize, usize)] {
        &self.list[self.para_start(para)..self.para_end(para)]
    }

    /// The first sentence of paragraph `para`, or of the first one after it
    /// that has any.
    fn para_start(&self, para: usize) -> usize {
        self.para_first
            .get(para)
            .copied()
            .unwrap_or(self.list.len())
    }

    /// One past the last sentence of paragraph `para`.
    fn para_end(&self, para: usize) -> usize {
        self.para_start(para + 1)
    }
}

impl std::ops::Deref for Sents {
    type Target = [(usize, usize)];
    fn deref(&self) -> &[(usize, usize)] {
        &self.list
    }
}

/// Paragraph `para` has a speech cue ("said", "told").
fn has_cue(toks: &Toks, sents: &Sents, para: usize) -> bool {
    let Some(&(s, _)) = first_sentence(sents, para) else {
        return false;
    };
    (s..toks.len())
        .take_while(|&k| toks[k].para() == para)
        .any(|k| attribute::cue_at(toks, k).is_some())
}

/// Paragraph `para` opens with a dash (a byline: "— Jane Doe").
fn opens_with_dash(toks: &Toks, sents: &Sents, para: usize) -> bool {
    first_sentence(sents, para).is_some_and(|&(s, _)| attribute::is_dash(&toks[s]))
}

/// The source a paragraph of its own names after a dash, under a paragraph
/// that is only a quotation: "— Jane Doe, a nurse in Leeds." (a name or an
/// organisation, in a short paragraph).
fn byline_paragraph(toks: &Toks, prose: &str, sents: &Sents, para: usize) -> Option<Found> {
    let &(s, _) = first_sentence(sents, para)?;
    let dash = opens_with_dash(toks, sents, para);
    // The paragraph's end, and no more than a line's words in it.
    let end = (s..toks.len().min(s + 30))
        .find(|&j| toks[j].para() != para)
        .unwrap_or(toks.len());
    if end == s + 30 || end - s < 2 {
        return None;
    }
    let np = mentions::np_after(toks, if dash { s + 1 } else { s }, end)?;
    let p = mentions::classify(toks, prose, np)?;
    if !matches!(p.kind, MentionKind::Name | MentionKind::Organization) {
        return None;
    }
    // Without a dash: "Dean Hale, Center for Policy Research." — a person's
    // full name, a comma and an affiliation in capitals, nothing else.
    if !dash {
        let affiliation = &toks[(np.1 + 1).min(end)..end];
        let fits = p.kind == MentionKind::Name
            && np.0 == s
            && p.name.split_whitespace().count() >= 2
            && toks.get(np.1).is_some_and(|t| t.is_punct(','))
            && affiliation.iter().any(|t| t.is_word())
            && affiliation.iter().all(|t| {
                t.is_word() && (t.cap() || toks.w(t).is(lexicon::Lex::FUNCTION_WORDS))
                    || t.is_punct('.')
                    || t.is_punct(',')
            });
        if !fits {
            return None;
        }
    }
    Some(Found::new(
        p,
        Some(toks[s].span()),
        AttributionMethod::Cue,
        false,
        None,
    ))
}

/// A sentence subject that is a person: "he" or "she", a plausible name, or
/// a description headed by a sex noun or a role ("the nurse", "the doctor");
/// a name is also one of `speakers` (as `turn_key` gives them, sorted).
fn is_person_subject(p: &Phrase, speakers: &[String]) -> bool {
    match p.kind {
        MentionKind::Pronoun => matches!(p.role.as_str(), "he" | "she"),
        MentionKind::Name => {
            plausible_source(p)
                || p.name
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| speakers.binary_search(&w.to_lowercase()).is_ok())
        }
        MentionKind::Nominal => p.role.split_whitespace().last().is_some_and(|h| {
            let h = h.to_lowercase();
            mentions::gender_of_noun(&h).is_some() || lexicon::ROLE_NOUNS.contains(h.as_str())
        }),
        _ => false,
    }
}

/// An organisation, or a description headed by an organisation word ("the
/// council", "the campaign"), as the subject of a sentence: outside
/// dialogue, a body that speaks in the quotation after. (Not a place that
/// stands for its government: "England" in a novel is where things happen.)
fn is_org_subject(p: &Phrase) -> bool {
    match p.kind {
        MentionKind::Organization => !mentions::is_metonym(&p.name),
        MentionKind::Nominal => {
            !p.document
                && p.role
                    .split_whitespace()
                    .last()
                    .is_some_and(|h| lexicon::ORG_WORDS.contains(h.to_lowercase().as_str()))
        }
        _ => false,
    }
}

/// The sentence names a statement, a letter, a post or the like ("The
/// council issued a statement", not "The council met on Tuesday").
fn issues_document(toks: &Toks, s: usize, e: usize) -> bool {
    toks[s..e]
        .iter()
        .any(|t| t.is_word() && toks.w(t).is(Lex::DOCUMENT_NOUNS))
}

/// Names a turn addresses: "Lucy, dearest, …", "…, Durbeyfield.", "Oh, Tommy!"
/// (lowercased last words, as `turn_key` gives them).
fn vocatives(prose: &str, quotes: &[usize], raw: &[quotes::RawQuote]) -> Vec<String> {
    let mut out = Vec::new();
    // (Only the pieces of quotations that call someone are read: the scan
    // noted which while their text was in the cache.)
    for q in quotes.iter().map(|&q| &raw[q]).filter(|q| q.calls_out()) {
        for piece in &q.pieces {
            quotes::piece_vocatives(&prose[piece.start..piece.end], |name| out.push(name));
        }
    }
    out
}

/// The sentence of a token, searched in the sentences (which follow one
/// another and cover every token) from the last answer: the look-ups come
/// in order of position, each a few probes near the one before. (A table
/// of the sentence of every token, as long as the token list, was written
/// in the sentence walk and read back a whole walk later: 4 bytes a token
/// of memory traffic on long texts, for a few look-ups per quotation and
/// mention.)
struct SentOf<'a> {
    sents: &'a [(usize, usize)],
    /// The sentence of the last look-up.
    cursor: std::cell::Cell<usize>,
    /// The number of tokens.
    n_toks: usize,
}

impl<'a> SentOf<'a> {
    fn new(sents: &'a [(usize, usize)], n_toks: usize) -> SentOf<'a> {
        SentOf {
            sents,
            cursor: std::cell::Cell::new(0),
            n_toks,
        }
    }

    fn at(&self, tok: usize) -> usize {
        assert!(tok < self.n_toks);
        let s = partition_point_near(self.sents, self.cursor.get(), |&(_, e)| e <= tok);
        self.cursor.set(s);
        s
    }

    fn get(&self, tok: usize) -> Option<usize> {
        (tok < self.n_toks).then(|| self.at(tok))
    }
}

#[cfg(test)]
mod huge_text_tests {
    use super::*;

    /// Past the piece limit the text is analysed in pieces: nothing panics
    /// and the quotations of every piece are found, at their own offsets.
    #[test]
    fn texts_over_the_limit_are_analysed_in_pieces() {
        let para = "“The harbour will reopen in spring,” said Mayor Paul Brandt.\n\n";
        let text = para.repeat(40);
        let whole = analyze(&text, &Options::default());
        let pieces = analyze_within(&text, &Options::default(), 300);
        assert_eq!(whole.quotations.len(), 40);
        assert_eq!(pieces.quotations.len(), 40);
        for (a, b) in whole.quotations.iter().zip(&pieces.quotations) {
            assert_eq!(a.span, b.span);
        }
        // One paragraph longer than the limit, no blank line anywhere.
        let long = "word ".repeat(200);
        let a = analyze_within(&long, &Options::default(), 64);
        assert!(a.quotations.is_empty());
    }
}

/// A name that only qualifies the subject's head ("Trump campaign spokesman
/// Jason Miller", "the Senate's budget chief Ann Roe"): inside the same
/// subject phrase, the next mention follows after lower-case words only (no
/// comma or "and"), so the later name is the subject, not this one.
/// `subjects` and `starts` are sorted by start.
/// (`cursors`: where the searches of `subjects` and `starts` begin, left
/// where they ended.)
fn modifies_next_name(
    prose: &str,
    subjects: &[Span],
    starts: &[usize],
    span: Span,
    cursors: &mut [usize],
) -> bool {
    let k = partition_point_near(subjects, cursors[0], |s| s.start <= span.start);
    cursors[0] = k;
    let Some(subj) = k.checked_sub(1).map(|k| subjects[k]) else {
        return false;
    };
    if subj.end <= span.end {
        return false;
    }
    let n = partition_point_near(starts, cursors[1], |&s| s < span.end);
    cursors[1] = n;
    let Some(&next) = starts.get(n) else {
        return false;
    };
    if next >= subj.end || next <= span.end {
        return false;
    }
    let gap = &prose[span.end..next];
    let mut words = gap.split_whitespace().peekable();
    words.peek().is_some()
        && words.all(|w| {
            let w = w
                .strip_prefix("’s")
                .or_else(|| w.strip_prefix("'s"))
                .unwrap_or(w);
            w.is_empty()
                || w != "and" && w != "or" && w.chars().all(|c| c.is_lowercase() || c == '-')
        })
}
