//! The analysis core on articles written for these tests (no corpus text).

use quoth::analysis::{
    analyze, Analysis, AttributionMethod, FindingCode, Format, MentionKind, Options,
};

fn run(text: &str) -> Analysis {
    analyze(text, &Options::default())
}

fn md(text: &str) -> Analysis {
    analyze(
        text,
        &Options {
            format: Format::Markdown,
            ..Default::default()
        },
    )
}

/// (quoted words, canonical speaker) for every quotation.
fn who(text: &str, a: &Analysis) -> Vec<(String, Option<String>)> {
    a.quotations
        .iter()
        .map(|q| {
            (
                text[q.content.start..q.content.end].to_string(),
                q.entity.map(|e| a.entities[e].name.clone()),
            )
        })
        .collect()
}

fn speaker_of(text: &str, a: &Analysis, words: &str) -> Option<String> {
    who(text, a)
        .into_iter()
        .find(|(w, _)| w.contains(words))
        .unwrap_or_else(|| panic!("no quotation with {words:?}"))
        .1
}

/// The local words naming the speaker of the quotation containing `words`.
fn mention_of(text: &str, a: &Analysis, words: &str) -> Option<String> {
    let q = a
        .quotations
        .iter()
        .find(|q| text[q.content.start..q.content.end].contains(words))
        .unwrap_or_else(|| panic!("no quotation with {words:?}"));
    q.attribution.as_ref().map(|at| {
        let m = &a.mentions[at.mention];
        text[m.span.start..m.span.end].to_string()
    })
}

/// `expect_mention` for each (words, expected) pair.
fn expect_mentions(text: &str, pairs: &[(&str, &str)]) {
    for &(words, expected) in pairs {
        expect_mention(text, words, expected);
    }
}

/// (quoted words, canonical speaker) of the `n` quotations `text` must have.
fn quotations(text: &str, n: usize) -> Vec<(String, Option<String>)> {
    let w = who(text, &run(text));
    assert_eq!(w.len(), n, "{w:#?}");
    w
}

/// The quotation containing `words` is attributed to `expected`.
fn expect_speaker(text: &str, words: &str, expected: &str) {
    expect_found(text, words, expected, speaker_of);
}

/// What `find` gives for the quotation containing `words` is `expected`.
fn expect_found(
    text: &str,
    words: &str,
    expected: &str,
    find: fn(&str, &Analysis, &str) -> Option<String>,
) {
    let a = run(text);
    assert_eq!(
        find(text, &a, words).as_deref(),
        Some(expected),
        "{:#?}",
        who(text, &a)
    );
}

/// The quotation containing `words` is attributed to the local words
/// `expected`.
fn expect_mention(text: &str, words: &str, expected: &str) {
    expect_found(text, words, expected, mention_of);
}

const SUMMIT: &str = "Indonesian Trade Minister Ratna Wijaya has warned that the tariff dispute could \"spiral into a full trade war\" within months.\n\
“Every week without a deal costs our exporters more than the week before,” she said at a briefing in Jakarta on Monday.\n\
The minister pointed out that talks had been “stalled for reasons nobody will explain.”\n\
Wijaya also expressed regret that earlier rounds had been “cut short by political calendars.”\n\
Canberra has repeatedly said the measures are “temporary and proportionate.”\n\
Australian Trade Minister Hugh Barlow rejected the criticism. “We are not the ones walking away from the table,” he told reporters.\n\
“Our door remains open,” said Barlow, “and it will stay open.”\n\
“The region cannot afford another year of this,” the Indonesian minister said.\n";

#[test]
fn summit_speakers_resolve_through_pronouns_descriptions_and_surnames() {
    let a = run(SUMMIT);
    let w = who(SUMMIT, &a);
    assert_eq!(w.len(), 9, "{w:#?}");
    assert_eq!(
        speaker_of(SUMMIT, &a, "spiral into").as_deref(),
        Some("Ratna Wijaya")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "Every week").as_deref(),
        Some("Ratna Wijaya")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "stalled for").as_deref(),
        Some("Ratna Wijaya")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "cut short").as_deref(),
        Some("Ratna Wijaya")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "temporary and").as_deref(),
        Some("Canberra")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "walking away").as_deref(),
        Some("Hugh Barlow")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "door remains").as_deref(),
        Some("Hugh Barlow")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "and it will stay").as_deref(),
        Some("Hugh Barlow")
    );
    assert_eq!(
        speaker_of(SUMMIT, &a, "cannot afford").as_deref(),
        Some("Ratna Wijaya")
    );
    assert!(
        a.findings
            .iter()
            .all(|f| f.code != FindingCode::UnattributedQuote),
        "{:#?}",
        a.findings
    );
}

#[test]
fn entities_keep_roles_and_aliases() {
    let a = run(SUMMIT);
    let e = a
        .entities
        .iter()
        .find(|e| e.name == "Ratna Wijaya")
        .expect("entity");
    assert!(
        e.roles.iter().any(|r| r.contains("Trade Minister")),
        "{:?}",
        e.roles
    );
    assert!(e.aliases.iter().any(|x| x == "Wijaya"), "{:?}", e.aliases);
    assert!(e.quotations.len() >= 5);
    // The pronoun "she" is a mention of her, resolved as a pronoun.
    let she = SUMMIT.find("she said").unwrap();
    let m = a.mention_at(she).expect("mention on she");
    assert_eq!(a.mentions[m].kind, MentionKind::Pronoun);
    assert_eq!(
        a.mentions[m].entity.map(|x| a.entities[x].name.as_str()),
        Some("Ratna Wijaya")
    );
}

#[test]
fn unattributed_and_unterminated_are_reported() {
    let text = "The council met on Tuesday.\n\n“This plan will ruin the high street and everyone knows it.”\n\nThe vote was delayed until spring, and one councillor said it was “far from over.\n";
    let a = run(text);
    let codes: Vec<FindingCode> = a.findings.iter().map(|f| f.code).collect();
    assert!(codes.contains(&FindingCode::UnattributedQuote), "{codes:?}");
    assert!(codes.contains(&FindingCode::UnterminatedQuote), "{codes:?}");
    let unterminated = a
        .findings
        .iter()
        .find(|f| f.code == FindingCode::UnterminatedQuote)
        .unwrap();
    assert_eq!(&text[unterminated.span.start..unterminated.span.end], "“");
}

#[test]
fn context_paragraph_and_colon_introduction() {
    let text = "Fire chief Elena Marsh addressed the crowd:\n\n\"We lost two engines last night and we will lose more without new funding.\"\n\n\"I have asked the council three times this year.\"\n\nThe council did not respond.\n";
    let a = run(text);
    let w = who(text, &a);
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(
        w.iter().all(|(_, s)| s.as_deref() == Some("Elena Marsh")),
        "{w:?}"
    );
    assert_eq!(
        a.quotations[0].attribution.as_ref().unwrap().method,
        AttributionMethod::Colon
    );
    assert_eq!(
        a.quotations[1].attribution.as_ref().unwrap().method,
        AttributionMethod::Context
    );
    assert!(a
        .findings
        .iter()
        .any(|f| f.code == FindingCode::ContextAttribution));
}

#[test]
fn scare_quotes_and_titles_are_terms() {
    let text = "The so-called \"experts\" were not invited. She appeared on \"Morning Roundup\" and later on “The Evening Desk.”\n";
    let a = run(text);
    assert!(a.quotations.is_empty(), "{:?}", who(text, &a));
    assert!(a.findings.is_empty());
}

#[test]
fn multi_paragraph_quotation_is_one() {
    let text = "The report's author, Dr. Priya Natarajan, read from her findings.\n\n“The river has lost half its fish in a decade.\n\n“Nothing in the permits explains it,” she said.\n";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1, "{:?}", who(text, &a));
    assert_eq!(a.quotations[0].pieces.len(), 2);
    assert_eq!(
        speaker_of(text, &a, "river").as_deref(),
        Some("Priya Natarajan")
    );
}

#[test]
fn unnamed_sources_and_according_to() {
    let text = "The deal is \"as good as done,\" according to a senior official familiar with the talks.\n\"Nobody expected it this early,\" sources said.\n";
    let a = run(text);
    assert_eq!(a.quotations.len(), 2);
    for q in &a.quotations {
        let att = q.attribution.as_ref().expect("attributed");
        assert_eq!(a.mentions[att.mention].kind, MentionKind::Unnamed);
    }
    assert_eq!(
        a.quotations[0].attribution.as_ref().unwrap().method,
        AttributionMethod::AccordingTo
    );
}

#[test]
fn markdown_code_and_links_are_not_prose() {
    let text = "---\nquote: \"not this one\"\n---\nThe mayor said: \"Open the bridge.\"\n\n```\nprint(\"nor this one\")\n```\n\nSee [the \"full\" statement](https://example.org/\"x\") and `\"code\"`.\n";
    let a = md(text);
    let w = who(text, &a);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(w[0].0, "Open the bridge.");
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let text = "It’s the city’s first budget since the ’90s, and the mayor’s aides said it “balances the books.”\n";
    let a = run(text);
    assert_eq!(a.quotations.len(), 1);
    assert!(a
        .findings
        .iter()
        .all(|f| f.code != FindingCode::UnterminatedQuote));
}

#[test]
fn offsets_are_char_boundaries_with_emoji_and_cjk() {
    let text = "🚢🚢 北京 — “We will not sign,” 王 said. Café owner Zoë Brandt said the port was “a ghost town 👻.”\n";
    let a = run(text);
    assert_eq!(a.quotations.len(), 2);
    for q in &a.quotations {
        assert!(text.is_char_boundary(q.span.start) && text.is_char_boundary(q.span.end));
        assert!(text[q.span.start..].starts_with('“'));
    }
    for m in &a.mentions {
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
    }
}

#[test]
fn no_panic_on_odd_text() {
    for t in [
        "",
        "\"",
        "“",
        "”\n\n“",
        "''",
        "\"\"\"\"",
        "a\u{0301}\"b\"",
        "\r\n\"x\r\n\r\n\"y\"\r\n",
        "<tag a=\"",
        "```",
        "«»„“",
        "—",
        "said said said",
        "He said.",
        "\u{feff}“x”",
    ] {
        let a = run(t);
        let b = md(t);
        for q in a.quotations.iter().chain(&b.quotations) {
            assert!(q.span.end <= t.len());
        }
    }
}

#[test]
fn configured_cues_and_known_people() {
    use quoth::analysis::{Gender, KnownPerson};
    let text = "The harbour master Tove Lind toured the docks.\n\nOver coffee, “The cranes are idle,” she harrumphed.\n\n“Nothing moves until Monday,” the harbour boss quipped.\n";
    // Without configuration the made-up cue is not read, and "the harbour
    // boss" fits nobody's role.
    let plain = run(text);
    let opts = Options {
        extra_cues: vec!["harrumph".into()],
        known_people: vec![KnownPerson {
            name: "Tove Lind".into(),
            aliases: vec!["the harbour boss".into()],
            role: Some("harbour master".into()),
            gender: Some(Gender::Female),
        }],
        ..Default::default()
    };
    let a = analyze(text, &opts);
    assert_eq!(speaker_of(text, &a, "cranes").as_deref(), Some("Tove Lind"));
    assert_eq!(
        speaker_of(text, &a, "Nothing moves").as_deref(),
        Some("Tove Lind")
    );
    assert_ne!(
        speaker_of(text, &plain, "cranes").as_deref(),
        Some("Tove Lind"),
        "the extra cue must matter"
    );
}

#[test]
fn short_introductions_are_not_headlines() {
    // A capitalised name and place in a short sentence is still a sentence.
    let text =
        "Harbour Minister Elena Marsh 🚢 opened 東京 Pier.\n\n😀 \"We are ready,\" she said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "ready").as_deref(),
        Some("Elena Marsh")
    );
    // A real headline in title case is not read for names.
    let headline = "Minister Opens New Pier in the Harbour\n\nThe pier opened on Monday.\n";
    assert!(run(headline).entities.is_empty());
}

/// "he said" after a sentence that introduces someone by full name and role
/// (as an object, not the subject) is that person; a lone surname followed
/// by "said" is a person who can be "she" later.
#[test]
fn pronoun_speaker_prefers_the_person_just_introduced() {
    let text = "Ferry fares rose twice under Mayor Anders Lind, which is something that worries Tomas Okafor, chair of the Harbour Commuters Group.\n\n\
“Nobody voted for this. The council promised the opposite,” he said.\n\n\
Delacroix said the council had not answered her letters.\n\n\
“We wrote in April and again in June,” she said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "Nobody voted").as_deref(),
        Some("Tomas Okafor")
    );
    assert_eq!(
        speaker_of(text, &a, "We wrote").as_deref(),
        Some("Delacroix")
    );
}

/// Two people share a surname: the one the writer calls by the surname alone
/// keeps it after the other is named in full.
#[test]
fn a_bare_surname_stays_with_the_person_it_named_first() {
    let text = "Governor Helena Marsh said on Friday that the budget would pass.\n\n\
“We have the votes,” Marsh said.\n\n\
Her brother, Victor Marsh, runs the construction firm that would build the new bridge.\n\n\
“There is no conflict here,” Marsh said. “Every contract goes to open tender.”\n";
    expect_speaker(text, "no conflict", "Helena Marsh");
}

/// A surname that is also a role word ("King", "Judge") after a first name
/// or an honorific is a name, not a description.
#[test]
fn surnames_that_are_role_words_stay_names() {
    let text = "“The river has flooded three times this year,” said Martha King, a farmer near the levee.\n\n\
Governor Lowe promised new walls. “We will build them before spring,” he said.\n\n\
“I have heard that before,” Ms. King said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "heard that before").as_deref(),
        Some("Martha King")
    );
    assert_eq!(
        speaker_of(text, &a, "river has flooded").as_deref(),
        Some("Martha King")
    );
}

/// A speech verb in an earlier clause does not take over the quotation of a
/// later one: in "When A noted that …, B replied, “…”" B speaks.
#[test]
fn the_cue_next_to_the_quotation_wins_over_an_earlier_clause() {
    let text = "When Councillor Ruth Adeyemi noted that the depot had been closed for two winters — as the minutes of every meeting show — Mayor Paul Brandt replied, “That was the cheapest choice.”\n";
    expect_speaker(text, "cheapest choice", "Paul Brandt");
}

/// After the quotation, "suggests that Harlow …" opens a clause; the speaker
/// is the one named before.
#[test]
fn that_clause_after_a_quotation_is_not_a_speaker() {
    let text = "Auditor General Simone Achebe wrote in her report that the contract “plainly and needlessly” suggests that Harlow County paid twice.\n";
    expect_speaker(text, "plainly", "Simone Achebe");
}

/// Fiction: after an inverted cue any noun phrase speaks, whatever its head
/// ("said the cook", "cried another"), and an adverb after it is not part of
/// it ("said the uncle gravely").
#[test]
fn inverted_cues_take_any_noun_phrase_as_the_speaker() {
    let text = "“The bread is burnt,” said the tired cook.\n\n\
“The roads are long in winter,” said the uncle gravely.\n\n\
“Folk talk,” said another, “that the miller has gone away.”\n\n\
“My sister is not the best!” the child declared.\n\n\
“You are alone; I am alone,” said the other, mildly.\n\n\
“Fine weather,” confessed Tom.\n\n\
“We say, of course,” somebody exclaimed, “that the ferry is late.”\n\n\
The two ministers praised the deal. They call the scheme “a lasting and generous settlement for every family in the valley” and describe the results as a triumph.\n";
    let a = run(text);
    let mention = |words: &str| mention_of(text, &a, words);
    assert_eq!(mention("bread").as_deref(), Some("the tired cook"));
    assert_eq!(mention("roads").as_deref(), Some("the uncle"));
    assert_eq!(mention("Folk talk").as_deref(), Some("another"));
    assert_eq!(mention("miller").as_deref(), Some("another"));
    assert_eq!(mention("lasting").as_deref(), Some("They"));
    assert_eq!(mention("My sister").as_deref(), Some("the child"));
    assert_eq!(mention("You are alone").as_deref(), Some("the other"));
    assert_eq!(mention("Fine weather").as_deref(), Some("Tom"));
    assert_eq!(mention("ferry is late").as_deref(), Some("somebody"));
}

/// A chapter heading or a sentence-opening adverb is nobody.
#[test]
fn headings_and_adverbs_are_not_speakers() {
    let text =
        "CHAPTER IV\n\n“Is the boat ready?”\n\nSuddenly the wind rose.\n\n“We leave at dawn.”\n";
    let a = run(text);
    for (words, speaker) in who(text, &a) {
        assert!(
            speaker
                .as_deref()
                .is_none_or(|s| !s.contains("CHAPTER") && s != "Suddenly"),
            "{words:?} → {speaker:?}"
        );
    }
    assert!(a
        .entities
        .iter()
        .all(|e| !e.name.contains("CHAPTER") && e.name != "Suddenly"));
}

/// A paragraph of narration whose subject is a description ("The nurse
/// frowned.") gives the speaker of the quotation-only paragraph after it.
#[test]
fn a_description_opening_the_narration_speaks_next() {
    let text =
        "“Is the boat ready?” asked Tom.\n\nThe nurse frowned.\n\n“Not before the tide turns.”\n\nIn the hall the doctor stopped.\n\n“Have you sent for her brother?”\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "tide").as_deref(), Some("The nurse"));
    assert_eq!(
        mention_of(text, &a, "brother").as_deref(),
        Some("the doctor")
    );
}

/// An action beat right after an exclamation or a question, in the same
/// sentence as the quotation, gives its speaker: "“Fine!” He closed the
/// book.", "“…?”--she tapped the glass."
#[test]
fn a_beat_after_an_exclamation_gives_the_speaker() {
    let text = "Agnes Pole sat at the window. Her cousin Walter Hume was mending a net.\n\n“The boats are late!” She pressed her face to the glass.\n\n“Are they?”--he put down the needle.\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "boats").as_deref(), Some("Agnes Pole"));
    assert_eq!(
        speaker_of(text, &a, "Are they").as_deref(),
        Some("Walter Hume")
    );
}

/// A title opening a sentence ("“Harbour Lights” star Ann Lee …") is not
/// speech with an action beat after it.
#[test]
fn a_title_before_the_subject_is_not_a_beat() {
    let text = "The season's surprises.\n\n“Harbour Lights” star Mara Quell opened up about the pressure of the role.\n";
    quotations(text, 0);
}

/// A paragraph is one speaker's turn: a later quotation in it with no cue
/// of its own is the speaker's of an earlier one.
#[test]
fn a_later_quotation_in_a_paragraph_keeps_its_speaker() {
    let text = "The ferry was full.\n\n“Two shillings,” the ferryman said; “and the dog goes free, miss.”\n\n“Wait here.” Marion Lacey set down the lamp and looked out. “The water is rising.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "dog goes").as_deref(),
        Some("the ferryman")
    );
    assert_eq!(
        speaker_of(text, &a, "rising").as_deref(),
        Some("Marion Lacey")
    );
}

/// A surname no name list knows, after a title ("Mrs. Quarle"), is a person
/// when the narration before a quotation is about them.
#[test]
fn a_titled_unlisted_surname_in_the_narration_speaks_next() {
    let text = "The parlour was cold.\n\nMrs. Quarle looked at the boy over her spectacles.\n\n“You have been at the jam again.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "jam again").as_deref(),
        Some("Mrs. Quarle")
    );
}

/// A one-word name no list knows is a person once a cue shows it speaking
/// ("asked Zelk"): then the narration about it names the next speaker.
#[test]
fn a_name_seen_speaking_is_a_person_in_the_narration() {
    let text = "The window was open.\n\n“Where is the key?” asked Zelk.\n\nThe lamp flickered.\n\nZelk sighed.\n\n“Gone, then.”\n\n“It must be here.” Zelk turned the drawer out.\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "Gone").as_deref(), Some("Zelk"));
    assert_eq!(speaker_of(text, &a, "must be").as_deref(), Some("Zelk"));
}

/// In a run of turns, a turn with no cue is the speaker's of two turns
/// before or after, even where no two named turns stand side by side.
#[test]
fn turns_alternate_around_speakers_that_are_not_adjacent() {
    let text = "The quay was empty.\n\n“Is the boat ready?” asked Tom Ashby.\n\n“Not before the tide turns.”\n\n“And when is that?”\n\n“Near midnight,” said the ferryman.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "tide turns").as_deref(),
        Some("the ferryman")
    );
    assert_eq!(
        speaker_of(text, &a, "when is").as_deref(),
        Some("Tom Ashby")
    );
}

/// A turn that addresses someone named in the dialogue ("…, Nell?") is
/// answered by them in the next turn, whatever the alternation says.
#[test]
fn the_person_addressed_answers_the_next_turn() {
    let text = "The quay was empty.\n\n“The fog is lifting,” said Nell Crane.\n\n“Is the boat ready?” asked Tom Ashby.\n\n“Not yet,” said the ferryman.\n\n“What do you say, Nell?”\n\n“I say we wait.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "we wait").as_deref(),
        Some("Nell Crane")
    );
    assert_eq!(
        speaker_of(text, &a, "do you say").as_deref(),
        Some("Tom Ashby")
    );
}

/// "Another critic, Dana Whitfield, …": the name in apposition to a
/// description is the speaker.
#[test]
fn a_name_in_apposition_to_a_description_speaks() {
    let text = "The plan angered engineers.\n\nOne critic, Dana M. Whitfield, compared the bridge to “a house of cards in a gale.”\n";
    expect_speaker(text, "house of cards", "Dana M. Whitfield");
}

/// "He’s claiming that …": the pronoun of a contraction is the subject.
#[test]
fn a_contracted_pronoun_is_a_subject() {
    let text = "Mayor Paul Brandt spoke to reporters on Monday.\n\nHe’s claiming that the budget is “balanced to the last cent,” despite the audit.\n";
    expect_speaker(text, "balanced", "Paul Brandt");
}

/// A document that names its issuer speaks for it, even at the issuer's
/// first mention.
#[test]
fn a_document_speaks_for_the_organisation_it_names() {
    let text = "The ferry contract was signed in May.\n\n“The cost was grossly underestimated by every consultant,” a Harbour Authority memo said.\n";
    expect_speaker(text, "grossly", "Harbour Authority");
}

/// Titles after a possessive, an article or a year are not quotations:
/// “State of the Union.”, a “Harbour Town Forum”, his 2019 “Plan for Ports.”
#[test]
fn titles_after_articles_possessives_and_years_are_not_quotations() {
    let text = "The mayor appeared on the network’s “Sunday Morning Desk.” He spoke during a “Harbour Town Forum” on Friday and defended his 2019 “Plan for Ports.”\n\n“We kept every promise,” he said.\n";
    let a = run(text);
    let w = who(text, &a);
    assert_eq!(w.len(), 1, "{w:#?}");
    assert!(w[0].0.contains("every promise"), "{w:#?}");
}

/// "…” and said X should resign": after "and" the verb belongs to the
/// earlier subject; X is not the speaker.
#[test]
fn no_inverted_speaker_after_a_conjunction() {
    let text = "Councillor Ruth Adeyemi, the former harbour chief, called the plan “a slow-motion wreck for every family on the coast” and said Mayor Paul Brandt should resign.\n";
    expect_speaker(text, "slow-motion", "Ruth Adeyemi");
}

/// “….” Brandt said. — a full stop inside the marks ends the sentence, and
/// the next one holds only the speaker and the cue.
#[test]
fn a_cue_sentence_after_a_closed_quotation_attributes_it() {
    let text = "The council met on Monday.\n\n“We will not raise the ferry fares this year.” Mayor Paul Brandt said.\n\nAsked about the bridge, he demurred: “That is for the engineers to decide.”\n";
    expect_speaker(text, "ferry fares", "Paul Brandt");
    expect_speaker(text, "engineers", "Paul Brandt");
}

/// A long fronted phrase before the subject ("On the eve of …, Brandt …").
#[test]
fn the_subject_after_a_long_fronted_phrase_speaks() {
    let text = "On the eve of the third and final vote on the harbour budget in the old council chamber, Mayor Paul Brandt rallied supporters by warning darkly that “the ferries will stop by spring.”\n";
    expect_speaker(text, "ferries will stop", "Paul Brandt");
}

/// A first name both sexes use ("Casey") fixes no sex, so "he" can still
/// refer to its bearer.
#[test]
fn a_first_name_both_sexes_use_leaves_the_sex_open() {
    let text = "Casey Brandt runs the harbour pilots’ union.\n\nThe ferries will stop in March, the council said on Monday.\n\n“Nobody asked the pilots,” he said.\n";
    expect_speaker(text, "Nobody asked", "Casey Brandt");
}

/// Countries are places that speak for a government, never people, even
/// when the census lists the word as a first name.
#[test]
fn a_country_is_not_a_person() {
    let text = "Burma’s foreign minister met the delegation on Monday.\n\nAlice Moran, the envoy, said the talks went well. “We found common ground,” she said.\n\nChad said in a statement that “the border stays open.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "common ground").as_deref(),
        Some("Alice Moran")
    );
    let chad = a
        .quotations
        .iter()
        .find(|q| text[q.content.start..q.content.end].contains("border"))
        .and_then(|q| q.entity)
        .map(|e| &a.entities[e])
        .expect("the country speaks");
    assert_eq!(chad.name, "Chad");
    assert_eq!(chad.kind, quoth::analysis::EntityKind::Organization);
}

/// A surname that is also a country's name stays with the person.
#[test]
fn a_surname_that_is_a_country_stays_with_the_person() {
    let text =
        "Senator Jim Jordan led the hearing on Tuesday.\n\n“We got no answers,” Jordan said.\n";
    expect_speaker(text, "no answers", "Jim Jordan");
}

/// "the Harlow administration" does not make an organisation called
/// "Harlow" that would swallow the president of that name.
#[test]
fn a_name_before_an_organisation_noun_only_modifies_it() {
    let text = "The Harlow administration announced new tariffs on Monday.\n\n“This is the right thing to do,” President Harlow said. He called the tariffs “a long overdue correction.”\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "overdue").as_deref(), Some("Harlow"));
    let e = a
        .quotations
        .iter()
        .find_map(|q| q.entity)
        .map(|e| &a.entities[e])
        .unwrap();
    assert_eq!(e.kind, quoth::analysis::EntityKind::Person);
}

/// "an architect who said …" brings in someone new, and a relative clause
/// before ", saying" is not the source: the subject of the sentence is.
#[test]
fn a_relative_clause_before_a_participle_cue_does_not_speak() {
    let text = "Mayor Paul Brandt spoke at the pier on Friday.\n\nBrandt was defensive about not paying an architect who said he was owed money for the ferry terminal, saying, “Maybe the work was not good enough.”\n";
    expect_speaker(text, "not good enough", "Paul Brandt");
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "not good enough").as_deref(),
        Some("Brandt")
    );
}

/// A surname that is also a role word ("Dean", "Bishop") opening a sentence
/// is the person of that name, not a description.
#[test]
fn a_surname_that_is_a_role_word_opens_a_sentence() {
    let text = "Walter Bishop and Ellen Dean both spoke at the harbour meeting.\n\nDean, a retired captain, said on Monday that the new ferries were “unsafe at any speed.”\n\nBishop, the former harbour master, disagreed, calling them “the best boats we have ever had.”\n";
    expect_speaker(text, "unsafe", "Ellen Dean");
    expect_speaker(text, "best boats", "Walter Bishop");
}

/// "X, president of Y, which represents …, said": the relative clause
/// describes the organisation; the person before it speaks.
#[test]
fn a_relative_clause_on_an_organisation_does_not_take_the_cue() {
    let text = "Dana Whitfield, president of the Harbour Pilots Association, which represents 400 pilots on the coast, said the new schedule was “reckless and rushed.”\n";
    expect_speaker(text, "reckless", "Dana Whitfield");
}

/// "Mr. Morgan of the Sierra Club said": the person, not the organisation.
#[test]
fn a_person_of_an_organisation_speaks_for_it() {
    let text = "Regulators approved the ferry sale on Monday.\n\n“It was the least painful choice,” Mr. Okafor of the Harbour Trust said. “Nobody liked it.”\n";
    expect_speaker(text, "least painful", "Okafor");
}

/// A one- or two-word reply opening a sentence, closed by a comma, a question
/// or an exclamation mark and given a cue, is speech, not a title: “Never,”
/// she replied. / “Tomorrow?” the clerk asked. / “…,” she said. “Never Again.”
#[test]
fn short_capitalised_replies_with_a_cue_are_quotations() {
    let text = "Reporters asked the harbour master whether the ferry would sail. “Absolutely,” Tomas Berg answered. The crowd cheered. “Tonight?” asked a deckhand. She appeared on “The Harbour Hour” later.\n";
    let w = quotations(text, 2);
    assert_eq!(w[0], ("Absolutely,".into(), Some("Tomas Berg".into())));
    assert_eq!(w[1].0, "Tonight?");
    // Ending in a full stop, they continue the speaker's own quotation
    // just before.
    let text = "Asked whether the council would appeal, Mayor Ines Varga did not hesitate. “We will take this to the high court,” Varga said. “Every Time.”\n";
    let w = quotations(text, 2);
    assert_eq!(w[1], ("Every Time.".into(), Some("Ines Varga".into())));
}

/// In a story told in dialogue, words quoted inside the narration are a
/// term, not speech; the turns around them stay quotations.
#[test]
fn terms_in_the_narration_of_a_dialogue_are_not_quotations() {
    let text = "“Where are you going?” asked Martha.\n\n“To the mill!”\n\n“Now? In this rain?”\n\n“Why not?”\n\nShe sighed. Old Tom Brody had sold her a “ghost house” with a leaking roof.\n\n“Come back before dark!” she cried.\n";
    let w = quotations(text, 5);
    assert!(w.iter().all(|(q, _)| !q.contains("ghost")), "{w:#?}");
}

/// A paragraph of narration whose only quoted words are a term is still
/// narration: the person it is about speaks the quotation-only paragraph
/// after it.
#[test]
fn a_quoted_term_does_not_stop_narration_from_naming_the_next_speaker() {
    let text = "Martha Kane switched off the so-called “experts” on the kitchen radio.\n\n“Enough of that nonsense for one morning.”\n";
    expect_speaker(text, "Enough of that", "Martha Kane");
}

/// "footage of Varga asking, “…”": a person's name right before an -ing
/// cue is its subject; "a Brandt tweet" is a noun, not a cue with a subject;
/// "…,” when Varga blasted him" is a clause about something else.
#[test]
fn a_name_before_an_ing_cue_speaks() {
    let text = "Ines Varga is describing as “reckless” a Paul Brandt tweet attacking a former harbour master.\n\nThe ad uses footage of Ines Varga asking, “Why aren’t we further ahead?”\n\nThe spot ends with footage of Brandt saying during the debate last week, “That makes me smart,” when Varga blasted him.\n\nCouncillor Ana Ruiz said that the Harbour Trust, a fellow Coastal Broadcasting partner, did an “awful” job.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "reckless").as_deref(),
        Some("Ines Varga")
    );
    assert_eq!(
        speaker_of(text, &a, "further ahead").as_deref(),
        Some("Ines Varga")
    );
    assert_eq!(
        speaker_of(text, &a, "makes me smart").as_deref(),
        Some("Paul Brandt")
    );
    assert_eq!(speaker_of(text, &a, "awful").as_deref(), Some("Ana Ruiz"));
}

/// "Del." before a name is the title of a delegate; "Del" alone is a first
/// name.
#[test]
fn an_abbreviated_delegate_title_is_not_part_of_the_name() {
    let text = "The panel voted on Tuesday.\n\n“This is a waste of time,” said Del. Stacey Pruitt of the Virgin Islands.\n\nDel Harlan, a farmer, said: “We need rain.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "waste of time").as_deref(),
        Some("Stacey Pruitt")
    );
    assert_eq!(
        speaker_of(text, &a, "need rain").as_deref(),
        Some("Del Harlan")
    );
}

/// A law or a treaty named in the text is not a person a pronoun can
/// refer to.
#[test]
fn a_law_is_not_a_person() {
    let text = "Paul Brandt, the mayor, spoke first.\n\nThe ruling found that the state broke the National Harbour Safety Act.\n\n“We will appeal,” he said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "appeal").as_deref(),
        Some("Paul Brandt")
    );
    assert!(
        a.entities.iter().all(|e| !e.name.contains("Act")),
        "{:?}",
        a.entities
    );
}

#[test]
fn name_qualifying_the_subject_head_is_not_the_subject() {
    // "Ortega campaign spokesman Paul Grady": Grady is the subject, Ortega
    // only qualifies him, so the next "he" is Grady.
    let text = "Mark Ortega's new plan for rail funding is vague, experts say.\n\n\
Ortega campaign spokesman Paul Grady told reporters that Ortega's rail plan would cover rural lines. \
However, he could not explain why a state requirement is cited on the campaign's website or why it was mentioned by Ortega in an interview.\n\n\
\"We don't have the exact bill written down,\" he said.\n";
    expect_speaker(text, "exact bill", "Paul Grady");
}

#[test]
fn headline_gives_the_full_name_of_a_surname_speaker() {
    // The title-case headline names her in full; the body only by surname.
    let text = "Nancy Ruiz Takes Aim At The Harbour Expansion Plan\n\n\
The port authority's expansion plan came under fresh attack on Monday at a packed council meeting.\n\
Ruiz told the council that the plan ignored the residents of the east bank. She then listed the costs.\n\
“Nobody asked the people who live here,” she said.\n";
    expect_speaker(text, "Nobody asked", "Nancy Ruiz");
}

#[test]
fn it_before_a_participle_cue_is_the_speaker() {
    // "it attacked X, saying …": the subject "it" (the paper) speaks.
    let text = "The Harbour Gazette endorsed the mayor, Ann Holt, on Sunday.\n\n\
Meanwhile, it attacked her rival, Tom Reyes, saying he “has misled the council for months.”\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "misled").as_deref(), Some("it"));
    expect_speaker(text, "misled", "Harbour Gazette");
}

#[test]
fn speaking_it_is_an_organisation_that_acts() {
    // The paper is the subject two sentences back; "U.S. Army" in the sentence
    // before is only named in passing and does not speak.
    let text = "During the campaign, the Harbour Gazette endorsed the mayor, Ann Holt.\n\n\
She is a former teacher and U.S. Army officer.\n\n\
Meanwhile, it attacked her rival, Tom Reyes, saying he “has misled the council for months.”\n";
    expect_speaker(text, "misled", "Harbour Gazette");
}

/// "the United States’ military": a capitalised cue word after another
/// capitalised word is part of a name ("States"), not a verb.
#[test]
fn a_cue_word_inside_a_name_is_not_a_cue() {
    let text = "Mayor Paul Brandt is telling a veterans group that the United States’ navy is “depleted” and says he will rebuild it.\n";
    expect_speaker(text, "depleted", "Paul Brandt");
}

/// "Peabody Energy" is a company (a field of government ends its name), and
/// "Peabody said" afterwards is that company, not a new person.
#[test]
fn the_short_form_of_a_company_name_is_the_company() {
    let text = "The ferry line was spun off in 2007 from the shipping giant Harlow Energy.\n\nHarlow kept its tankers.\n\nIn a statement, Harlow said: “The spinoff was a success.”\n";
    expect_speaker(text, "spinoff was", "Harlow Energy");
}

/// "The Harbour Safety Council on Friday …": the day after "on" is a time,
/// not the rest of the organisation's name.
#[test]
fn a_day_after_an_organisation_name_is_not_part_of_it() {
    let text = "The Harbour Safety Council on Friday condemned the spill.\n\n“It is a disaster for every family on the coast,” it said.\n";
    expect_speaker(text, "disaster", "Harbour Safety Council");
}

/// "Following a swiftly called, late-afternoon meeting, the council issued
/// …": a comma inside the opening phrase does not hide the subject.
#[test]
fn a_comma_inside_an_opening_phrase_does_not_hide_the_subject() {
    let text = "Following a swiftly called, late-afternoon meeting, the Harbour Safety Council issued a statement calling the spill “a clear violation of every rule we have.”\n";
    expect_speaker(text, "clear violation", "Harbour Safety Council");
}

/// "Anna Berg, who said …", "the Police Department which reported …": the
/// relative pronoun's antecedent speaks, and the mention runs to the
/// pronoun.
#[test]
fn a_relative_pronoun_before_a_cue_gives_its_antecedent() {
    let text = "The shipyard hired Anna Berg, who said the cranes were “unsafe at any speed.”\n\nContrast that with Paul Brandt, who has called the plan “insanity,” and Ines Varga, who says it is “a disaster.”\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "unsafe").as_deref(), Some("Anna Berg"));
    assert_eq!(
        mention_of(text, &a, "unsafe").as_deref(),
        Some("Anna Berg, who")
    );
    assert_eq!(
        speaker_of(text, &a, "disaster").as_deref(),
        Some("Ines Varga")
    );
}

/// "The shipyard hired Anna Berg": the verb ends the subject, so "shipyard
/// hired" is no role of hers; "a classmate named Stewart Snyder" is one
/// phrase.
#[test]
fn a_past_tense_verb_ends_a_noun_phrase() {
    let text = "The shipyard hired Anna Berg in May. “The cranes are unsafe at any speed.”\n\nA classmate named Stewart Snyder grumbled, “These chumps make me tired.”\n";
    let a = run(text);
    let m = mention_of(text, &a, "cranes");
    assert!(m.as_deref().is_none_or(|m| !m.contains("hired")), "{m:?}");
    assert_eq!(
        speaker_of(text, &a, "chumps").as_deref(),
        Some("Stewart Snyder")
    );
}

/// "9/11" and "24/7" are one word, so "said 9/11 widow Anna Kerr" has a
/// speaker after the cue.
#[test]
fn a_number_with_a_slash_is_one_word_in_a_speaker_phrase() {
    let text = "The council voted on Monday to close the old pier.\n\n“We waited years for this vote,” said 9/11 widow Anna Kerr.\n";
    expect_speaker(text, "waited years", "Anna Kerr");
}

/// A quoted nickname between a first name and a surname is part of the
/// name, not a quotation, and the name in apposition with its
/// parenthetical ("(District 4),") is the speaker.
#[test]
fn a_quoted_nickname_is_part_of_the_name() {
    let text = "“This is a big night for the harbour!” the mayor's cousin, city councillor Marta \"Tia\" Lopez (District 4), shouted to the crowd. “The whole coast is watching.”\n";
    let a = run(text);
    let w = who(text, &a);
    assert_eq!(w.len(), 2, "{w:#?}");
    let name = speaker_of(text, &a, "whole coast").unwrap_or_default();
    assert!(name.contains("Marta") && name.ends_with("Lopez"), "{w:#?}");
}

/// "the mayor's cousin said": the article belongs to the possessive
/// phrase; "Marta Lopez (District 4), shouted": the comma closes the
/// parenthetical.
#[test]
fn possessive_descriptions_and_parentheticals_before_a_cue() {
    let text = "“This is a big night,” the mayor's cousin said.\n\n“This is a big night for the harbour,” Marta Lopez (District 4), shouted to the crowd.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "big night,").as_deref(),
        Some("the mayor's cousin")
    );
    assert_eq!(
        speaker_of(text, &a, "harbour").as_deref(),
        Some("Marta Lopez")
    );
}

/// "a new and more personal campaign message:" — a cue's base form after
/// an article and modifiers is a noun, so the sentence's subject speaks;
/// "the statement read" stays a cue ("read" is its own past tense).
#[test]
fn a_base_form_cue_after_modifiers_is_a_noun() {
    let text = "With party leaders worried about turnout, Governor Anna Reyes is rolling out a new and more personal campaign message: \"It's about me.\"\n\n“The pier will reopen in spring,” the statement read.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "about me").as_deref(),
        Some("Governor Anna Reyes")
    );
    assert_eq!(
        mention_of(text, &a, "pier will").as_deref(),
        Some("the statement")
    );
}

/// "“…” to drive up the price, she said": a cue later in the quotation's
/// own sentence wins over carrying the previous speaker on.
#[test]
fn a_cue_later_in_the_sentence_beats_a_continuation() {
    let text = "“This just isn't right,” Carla Ruiz said. “You squeezed the dockworkers to the breaking point” to drive up the share price, she said, pointing at the board.\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "squeezed").as_deref(), Some("she"));
    assert_eq!(
        speaker_of(text, &a, "squeezed").as_deref(),
        Some("Carla Ruiz")
    );
}

/// "His former partner" is a person: a quotation after the sentence it
/// opens is that partner's, and the name in apposition names them.
#[test]
fn a_partner_or_colleague_is_a_person_description() {
    let text = "Kemp built the freight firm in the 1990s. His former partner, Laurence B. Voss, praised him. \"He showed again and again an ability to close deals.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "close deals").as_deref(),
        Some("Laurence B. Voss")
    );
}

/// "The Harbour Police Department reported": a capitalised organisation
/// word heads an organisation's name (it is not a title), so the
/// department speaks.
#[test]
fn a_capitalised_department_is_an_organisation() {
    let text =
        "The Harbour Police Department reported “412 break-ins” in the first half of the year.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "break-ins").as_deref(),
        Some("Harbour Police Department")
    );
}

/// "the 41-year-old mother of three replied": the count of children is no
/// head, so the description before it speaks.
#[test]
fn a_parent_of_several_children_is_a_speaker_phrase() {
    let text = "Anna Reyes said fathers would not be eligible, and when pressed on why, the 41-year-old mother of three replied, \"It is meant for the parent who gave birth.\"\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "meant for").as_deref(),
        Some("the 41-year-old mother")
    );
    assert_eq!(
        speaker_of(text, &a, "meant for").as_deref(),
        Some("Anna Reyes")
    );
}

/// "it was labeled “Mostly True.”": a passive cue keeps the quotation but
/// names no speaker; "is reported to have called" is reported speech.
#[test]
fn a_passive_cue_names_no_speaker() {
    let text = "When the fact-checkers examined the mayor’s claim, it was labeled “Mostly True.”\n\nGovernor Anna Reyes is reported to have called the plan “a gift to developers.”\n";
    let a = run(text);
    let w = who(text, &a);
    assert_eq!(w.len(), 2, "{w:#?}");
    assert_eq!(mention_of(text, &a, "Mostly"), None);
    assert_eq!(speaker_of(text, &a, "gift").as_deref(), Some("Anna Reyes"));
}

/// "…,” though she noted …": a "though" clause after the quotation is not
/// its attribution; "…,” though, Reyes did suggest" is an adverb.
#[test]
fn a_though_clause_after_a_quotation_is_not_its_cue() {
    let text = "Anna Reyes has spoken about the need for reform.\n\nShe said she speaks more often about the harbour because \"you talk about what is in front of you,\" though she noted other priorities.\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "in front").as_deref(), Some("She"));
}

/// The pieces of every quotation, as text.
fn pieces(text: &str, a: &Analysis) -> Vec<Vec<String>> {
    a.quotations
        .iter()
        .map(|q| {
            q.pieces
                .iter()
                .map(|p| text[p.start..p.end].trim().to_string())
                .collect()
        })
        .collect()
}

/// "(CROSSTALK.)" in a quoted transcript is a stage direction, nobody's
/// words.
#[test]
fn a_stage_direction_in_a_quoted_transcript_is_not_speech() {
    let text = "The station released part of the interview:\n\n\"HOST: Will the bridge reopen this winter?\n\n\"MAYOR: We expect it to reopen in March, and not a day later.\n\n\"(CROSSTALK.)\n\n\"HOST: Let us turn to the budget.\"\n";
    let a = run(text);
    let all = pieces(text, &a);
    assert!(
        all.iter().flatten().all(|p| !p.contains("CROSSTALK")),
        "{all:?}"
    );
    assert_eq!(all.len(), 3, "{all:?}");
}

/// “…,” he said. “Not today. “ — a closing mark written as an opening one
/// at the end of a paragraph closes the quotation; it opens no empty one.
#[test]
fn a_mark_ending_a_paragraph_opens_nothing() {
    let text = "“We will appeal,” the mayor said. “Nothing has changed. “\n\nThe council meets again on Monday.\n";
    let a = run(text);
    assert_eq!(
        pieces(text, &a),
        vec![
            vec!["We will appeal,".to_string()],
            vec!["Nothing has changed.".to_string()]
        ]
    );
    assert!(a.quotations.iter().all(|q| q.terminated));
}

/// Speech cut off at the end of a paragraph ("But the captain never   ")
/// is a closed quotation, and a quotation all the same.
#[test]
fn words_cut_off_at_the_end_of_a_paragraph_are_a_quotation() {
    let text = "\"Then you must tell the captain,\" said the clerk.\n\n\"But the captain never   \"\n\n\"Tell him at once.\"\n";
    let a = run(text);
    let q: Vec<(String, bool)> = a
        .quotations
        .iter()
        .map(|q| {
            (
                text[q.content.start..q.content.end].trim().to_string(),
                q.terminated,
            )
        })
        .collect();
    assert_eq!(
        q,
        vec![
            ("Then you must tell the captain,".to_string(), true),
            ("But the captain never".to_string(), true),
            ("Tell him at once.".to_string(), true),
        ]
    );
}

/// "Critics seized on Mayor Anna Berg’s claim that …“…”": with no speech
/// verb, the owner of a speech noun said the quoted words; not inside what
/// someone else found ("ruled that the mayor’s statement …").
#[test]
fn the_owner_of_a_speech_noun_said_the_quoted_words() {
    let text = "The council voted on Tuesday.\n\nCritics seized on Mayor Anna Berg’s claim that the budget had “no hidden costs at all” after the vote.\n\nAn auditor later ruled that Anna Berg’s statement about “hidden costs” was wrong.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "no hidden costs").as_deref(),
        Some("Anna Berg")
    );
    assert!(
        who(text, &a)
            .iter()
            .all(|(w, s)| w != "hidden costs" || s.as_deref() != Some("Anna Berg")),
        "{:?}",
        who(text, &a)
    );
}

/// "63 percent said the mayor was “justified”": a share of those polled is
/// an unnamed source.
#[test]
fn a_share_of_those_polled_is_a_source() {
    let text = "The poll of 900 residents was taken last week.\n\nHowever, 63 percent said the mayor was “justified” in keeping the report private.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "justified").as_deref(),
        Some("63 percent")
    );
}

/// "As a boss on “The Boardroom,” Paul Brandt demeaned contestants,
/// according to show insiders": in a sentence given on someone's
/// authority, a quoted title or chant is part of what they reported.
#[test]
fn a_title_in_a_sentence_given_on_someones_authority_is_quoted() {
    let text = "The network changed its lineup in May.\n\nAs a reality show boss on “The Boardroom,” Paul Brandt repeatedly demeaned contestants, according to show insiders.\n\nThe mayor was greeted with chants of “Tina!” at a rally last month, according to union leader Anna Berg.\n";
    let a = run(text);
    let m = mention_of(text, &a, "Boardroom");
    assert!(
        m.as_deref().is_some_and(|m| m.contains("insiders")),
        "{m:?}"
    );
    assert_eq!(speaker_of(text, &a, "Tina").as_deref(), Some("Anna Berg"));
}

/// "Supporters waved “Vote For Berg” signs": capitalised words inside a
/// sentence that name the noun after them are a name, not speech, when no
/// cue gives them to anyone.
#[test]
fn capitalised_words_naming_the_next_noun_are_a_name() {
    let text = "The count went on past midnight.\n\nSupporters of the mayor waved “Vote For Berg” signs outside the hall.\n";
    let a = run(text);
    assert!(who(text, &a).is_empty(), "{:?}", who(text, &a));
}

/// "hailed X as “…”", "referenced “…”": verbs that introduce someone's
/// words next to the quotation.
#[test]
fn hailing_and_referencing_introduce_quoted_words() {
    let text = "The council met on Monday.\n\nPaul Brandt hailed Anna Berg as “The Comeback Queen” after the vote.\n\nLater, Ines Varga referenced “political tensions” in rich economies.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "Comeback Queen").as_deref(),
        Some("Paul Brandt")
    );
    assert_eq!(
        speaker_of(text, &a, "political tensions").as_deref(),
        Some("Ines Varga")
    );
}

/// "proclaimed a goal of “Jobs Before Profits.”": capitalised words after a
/// noun of declaring and "of" are what someone declared, not a title.
#[test]
fn words_after_a_goal_of_are_declared_not_a_title() {
    let text = "The rally drew a large crowd.\n\nIn her speech on Tuesday, Anna Berg proclaimed a goal of “Jobs Before Profits.” She left soon after.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "Jobs Before").as_deref(),
        Some("Anna Berg")
    );
}

/// "Ines Varga, who in 2015 said …“…”": a time phrase between the relative
/// pronoun and the cue does not hide the antecedent.
#[test]
fn a_relative_pronoun_before_a_time_phrase_and_a_cue_gives_its_antecedent() {
    let text = "The mayor has long sparred with Ines Varga, who in 2015 said the mayor cared only about “staying in office.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "staying in office").as_deref(),
        Some("Ines Varga")
    );
    assert_eq!(
        mention_of(text, &a, "staying in office").as_deref(),
        Some("Ines Varga, who")
    );
}

/// Auxiliaries, adverbs and a short phrase of time may stand between the
/// relative pronoun and its cue ("who has in the past described", "who has
/// publicly vowed", "- who previously said"), but not another subject ("who
/// heard Varga call it …").
#[test]
fn a_relative_pronoun_before_auxiliaries_and_adverbs_gives_its_antecedent() {
    let text = "Hugo Lind, who has in the past described the harbour plan as “a slow-motion disaster,” spoke first.\n\nThe council praised Marta Ek, who has publicly vowed to stop the “madness” of the tolls.\n\nPort director Ola Sund - who previously said he would “resign before signing” - signed on Friday.\n\nThe board hired Nils Berg, who heard Ines Varga call the tolls “theft” in May.\n";
    expect_mentions(
        text,
        &[
            ("slow-motion", "Hugo Lind, who"),
            ("madness", "Marta Ek, who"),
            ("resign before", "Port director Ola Sund - who"),
            ("theft", "Ines Varga"),
        ],
    );
}

/// "her March comment that, “…”", "his comment Monday that “…”", "her
/// assertion during the hearing that “…”": a speech noun owned by a
/// possessive pronoun, with a word or a short phrase around it, gives the
/// pronoun as the mention of the one who said the words.
#[test]
fn a_speech_noun_owned_by_a_pronoun_gives_the_pronoun() {
    let text = "The dockers' union is unlikely to endorse Maria Vega after her March comment that, \"We're going to close a lot of these yards.\"\n\nAs the hearing went on, Mayor Tomas Lind stood by his comment Monday that \"nobody reads the tide tables,\" refusing to apologise.\n\nMaria Vega came under fire over her assertion during the hearing that \"the port is finally where it needs to be\" on safety.\n";
    expect_mentions(
        text,
        &[
            ("close a lot", "her"),
            ("tide tables", "his"),
            ("finally where", "her"),
        ],
    );
    expect_speaker(text, "close a lot", "Maria Vega");
    expect_speaker(text, "tide tables", "Tomas Lind");
}

/// A crowd, an audience or a plural group speaks as itself: "The crowd
/// chanted back at him, “…”" is the crowd's, and "the protesters" are never
/// the one person the article is about.
#[test]
fn a_crowd_or_a_group_speaks_as_itself() {
    let text = "Mayor Tomas Lind spoke for an hour about the harbour.\n\nThe crowd chanted back at him, \"Send them home,\" and \"Fix the pier.\"\n\nLater the protesters chanted, \"Save the docks.\"\n";
    expect_mentions(
        text,
        &[
            ("Send them", "The crowd"),
            ("Fix the pier", "The crowd"),
            ("Save the docks", "the protesters"),
        ],
    );
    expect_speaker(text, "Send them", "crowd");
    expect_speaker(text, "Save the docks", "protesters");
}

/// "Outside the hall, about 200 protesters gathered, chanting “…”": a
/// fronted phrase opened by "outside" or "across" is passed over, and
/// "about 200" opens the subject instead of another fronted phrase.
#[test]
fn a_fronted_place_phrase_and_an_approximate_count_lead_to_the_subject() {
    let text = "Mayor Tomas Lind spoke for an hour about the harbour.\n\nOutside the hall, about 200 protesters gathered in three groups, holding signs and chanting \"Save the docks.\"\n\nAcross the street, nearly 40 dockers waited, shouting \"Shame!\" at every car.\n";
    expect_mentions(
        text,
        &[
            ("Save the docks", "about 200 protesters"),
            ("Shame", "nearly 40 dockers"),
        ],
    );
}

/// An abbreviated title opening a sentence stays with the name ("Sen. Peter
/// Vance disagreed."), so a later "the senator" is that person and not the
/// one the article is most about; before a cue it belongs to the mention.
#[test]
fn an_abbreviated_title_stays_with_its_name() {
    let text = "Rep. Karen Holt opened the hearing on the harbour budget.\n\n\"We cannot keep borrowing against the harbour,\" Holt said.\n\nSen. Peter Vance disagreed. \"The harbour pays for itself,\" the senator said.\n\nGov. Ana Ruiz said, \"Both of them are right.\"\n";
    expect_speaker(text, "pays for itself", "Peter Vance");
    expect_mention(text, "Both of them", "Gov. Ana Ruiz");
}

/// A party and state after a name ("(D-Ohio)", ", R-Maine,") describe the
/// person: "the Ohio Democrat" is the one introduced with "(D-Ohio)", not
/// the person the article is most about.
#[test]
fn a_party_and_state_label_describes_its_person() {
    let text = "Sen. Peter Vance (R-Maine) has fought the harbour bill for a year. \"It is a giveaway,\" Vance said on Monday. \"I will not vote for it,\" he added.\n\nRep. Karen Holt, D-Ohio, sponsored the bill in the House.\n\n\"We cannot keep borrowing against the harbour,\" the Ohio Democrat said.\n\n\"Nor can we give it away,\" the Maine Republican replied.\n";
    expect_speaker(text, "keep borrowing", "Karen Holt");
    expect_speaker(text, "give it away", "Peter Vance");
}

/// An age after a name ("Olaf Brandt, 71,") and a role in apposition after a
/// name that has a title already ("Harbour activist Jo Mertens, a retired
/// teacher,") describe the person, so "the 71-year-old" and "the retired
/// teacher" find them, not the person the article is most about.
#[test]
fn an_age_or_a_second_role_after_a_name_describes_its_person() {
    let text = "Mayor Tomas Lind defended the harbour plan on Monday. \"It is the best plan we have,\" Lind said. \"Nobody has offered another,\" he added.\n\nShipping magnate Olaf Brandt, 71, watched from the gallery. \"Nobody asked the owners,\" the 71-year-old told reporters.\n\nHarbour activist Jo Mertens, a retired teacher, was blunter. \"It is a scandal,\" the retired teacher said.\n";
    expect_speaker(text, "asked the owners", "Olaf Brandt");
    expect_speaker(text, "a scandal", "Jo Mertens");
}

/// "“Harbour museum to close in March,” by the Courier's Ana Ruiz": a
/// headline with its byline is a title, not speech.
#[test]
fn a_headline_with_its_byline_is_not_a_quotation() {
    let text = "Weekend reading:\n\n“Harbour museum to close in March,” by the Courier's Ana Ruiz: http://example.com/a1.\n\nThe museum board met on Friday.\n";
    let a = run(text);
    assert!(
        who(text, &a)
            .iter()
            .all(|(w, _)| !w.contains("Harbour museum")),
        "{:?}",
        who(text, &a)
    );
}

/// "FactCheck rated 32% of Republican claims as “false”": "rate" is a weak
/// cue, and a plural after an adjective of party or nation ("Republican
/// claims") is a noun, not the cue.
#[test]
fn a_rating_is_the_raters_words() {
    let text = "FactCheck rated 32% of Republican claims as “false” or “pants on fire,” compared to 11% of Democratic claims.\n";
    let a = run(text);
    assert_eq!(speaker_of(text, &a, "false").as_deref(), Some("FactCheck"));
    assert_eq!(speaker_of(text, &a, "pants").as_deref(), Some("FactCheck"));
}

/// "After saying her foot was “…,” she was taken to hospital": the subject
/// of a sentence that opens with a participle clause comes after the
/// quotation.
#[test]
fn a_fronted_participle_clause_has_its_subject_after_the_quotation() {
    let text = "In her memoir, Anna Reyes recalled the weeks before the vote.\n\nAfter saying her right foot was “so swollen I could barely stand,” she was driven to the clinic for tests.\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "swollen").as_deref(), Some("she"));
    assert_eq!(
        speaker_of(text, &a, "swollen").as_deref(),
        Some("Anna Reyes")
    );
}

/// "She pointed to reports that Kemp called the mayor “Captain Chaos”":
/// "point to" is a cue, so the outermost source speaks; and an -ing cue is
/// never inverted ("…,” pointing to bottles of cola and telling viewers").
#[test]
fn point_to_is_a_cue_and_an_ing_cue_is_not_inverted() {
    let text = "Anna Reyes has not mentioned the harbour feud since the debate. That is when she pointed to reports that Kemp called the mayor “Captain Chaos” as an example of his manner.\n\nSantos wears a suit in videos he calls \"Consumer Desk,\" pointing to bottles of cola and telling viewers that syrup is \"ruining the country.\"\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "Captain").as_deref(), Some("she"));
    assert_eq!(mention_of(text, &a, "ruining").as_deref(), Some("Santos"));
}

/// "His former business partner at Baltic, Laurence B. Kemp, called him a
/// master": the name in apposition after the description's place of work
/// speaks the quotation that follows.
#[test]
fn a_name_in_apposition_after_a_place_of_work_speaks() {
    let text = "In the 1990s, he turned one of his firms, Baltic Freight, into a large business. His former business partner at Baltic, Laurence B. Kemp, called him a master at impossible transactions. \"He showed again and again an ability to close deals.\"\n";
    expect_speaker(text, "close deals", "Laurence B. Kemp");
}

/// "the Association of Harbour Pilots called the deal a “betrayal”": a
/// capitalised organisation word joined by "of" to a capitalised name is one
/// organisation, which "the union" names again later.
#[test]
fn an_organisation_word_with_of_is_one_name() {
    let text = "In a statement on Friday, the Association of Harbour Pilots called the pay deal a “betrayal” of its members.\n\n“We will not accept a contract that treats night shifts as optional,” the union wrote.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "betrayal").as_deref(),
        Some("Association of Harbour Pilots")
    );
    assert_eq!(
        speaker_of(text, &a, "night shifts").as_deref(),
        Some("Association of Harbour Pilots")
    );
}

/// Text in decomposed form ("Rene\u{301}e") and a name garbled by a wrong
/// decoding ("FranÃ§ois" with the "Ã" decomposed) keep their words whole.
#[test]
fn combining_marks_and_garbled_letters_stay_inside_words() {
    let text = "“The port will reopen on Monday,” harbour master Rene\u{301}e Dubois said.\n\n“Let everyone know that we will rebuild,” French President FranA\u{303}\u{83}A\u{302}\u{a7}ois Marchand said Friday.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "reopen").as_deref(),
        Some("Rene\u{301}e Dubois")
    );
    assert_eq!(
        speaker_of(text, &a, "rebuild").as_deref(),
        Some("FranA\u{303}\u{83}A\u{302}\u{a7}ois Marchand")
    );
}

/// "the organiser Alliance to Reclaim Our Schools (AROS)": a name that runs
/// over small words is taken whole when the acronym after it spells it, after
/// the cue and before it.
#[test]
fn an_acronym_spells_out_the_name_before_it() {
    let text = "More than 5,000 people joined a “walk-in” at harbour schools, according to the organiser Coalition to Save Our Harbours (CSOH).\n\n“The strike is not over,” Citizens for Open Courts and Records (COCR) said on Monday.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "walk-in").as_deref(),
        Some("Coalition to Save Our Harbours")
    );
    assert_eq!(
        mention_of(text, &a, "not over").as_deref(),
        Some("Citizens for Open Courts and Records")
    );
}

/// "the Republican National Committee": a party word before a capitalised
/// organisation word describes the organisation, so the whole name speaks and
/// "the clip" later speaks for it.
#[test]
fn party_words_before_an_organisation_word_keep_it_an_organisation() {
    let text = "A web video released by the Republican Harbour Committee on Monday attacks the mayor's record. “He has never stood up for the docks,” the Republican Harbour Committee said.\n\nThe clip says Holt “forgot the workers who elected him.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "never stood").as_deref(),
        Some("Republican Harbour Committee")
    );
    assert_eq!(
        speaker_of(text, &a, "forgot the workers").as_deref(),
        Some("Republican Harbour Committee")
    );
}

/// "the U.S. Court of Appeals for the Ninth Circuit" is one organisation
/// (its last words look like a title), and "said the ruling" speaks for the
/// court last named rather than for the last organisation of any kind.
#[test]
fn a_ruling_speaks_for_the_court() {
    let text = "A three-judge panel of the U.S. Court of Appeals for the Ninth Circuit struck down the harbour ordinance on Friday. Marlow County had defended the rule for two years.\n\n\"A county cannot silence its critics by zoning them out of the public square,\" said the ruling.\n";
    expect_speaker(
        text,
        "silence its critics",
        "U.S. Court of Appeals for the Ninth Circuit",
    );
}

/// "Anna Reyes on Monday urged … / “…,” the mayor's former campaign manager
/// said": a possessive description right after a person introduced as the
/// subject without a role describes that person; with a role given, or
/// owned by that person, it is somebody new.
#[test]
fn a_possessive_description_can_describe_the_person_just_introduced() {
    let text = "Anna Reyes on Monday urged the harbour board to delay its vote.\n\n“The numbers do not add up,” the mayor's former campaign manager said.\n";
    expect_speaker(text, "numbers do not", "Anna Reyes");
    let text = "Mayor Anna Reyes on Monday urged the harbour board to delay its vote.\n\n“The numbers do not add up,” the mayor's former campaign manager said.\n";
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "numbers do not").as_deref(),
        Some("Anna Reyes")
    );
    let text = "Anna Reyes on Monday urged the harbour board to delay its vote.\n\n“The numbers do not add up,” Reyes's former campaign manager said.\n";
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "numbers do not").as_deref(),
        Some("Anna Reyes")
    );
}

/// A passage set in straight marks that holds quotations in typographic
/// marks, in a text whose own quotations are typographic, is pasted in
/// whole (a transcript, a block of another article): the quotations inside
/// it count, with the passage's speaker, but the passage itself does not.
#[test]
fn a_pasted_passage_is_not_a_quotation_but_its_quotations_are() {
    let text = "The mayor defended the budget on the radio. “We kept every library open,” Marta Lopez said.\n\nThe host pressed her on the harbour plan. The station's transcript reads:\n\n\"HOST: Critics say the plan is, in the words of one councillor, “a blank cheque.” What do you say to them?\"\n\n“I say read the plan,” Lopez replied.\n";
    expect_quoted(
        text,
        &["a blank cheque.", "read the plan", "every library"],
        &["HOST"],
    );
}

/// “… what he calls “chaos” is …”: a quotation inside a quotation in the
/// same typographic marks (an opening mark followed by two closing ones)
/// is nested, and its speaker is the outer quotation's.
#[test]
fn a_nested_quotation_in_the_same_marks_takes_the_outer_speaker() {
    let text = "Readers wrote in after the debate.\n\n“As a nurse, I would rather work in what he calls “chaos” than in a city he runs.” ― Dana Whitfield\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "chaos").as_deref(),
        Some("Dana Whitfield")
    );
    assert!(who(text, &a).iter().any(|(q, _)| q == "chaos"));
    expect_quoted(
        text,
        &[
            "chaos",
            "As a nurse, I would rather work in what he calls “chaos” than in a city he runs.",
        ],
        &[],
    );
}

/// “…,” Lopez said on the network's “Morning Desk with Ana Ruiz.”:
/// capitalised words after a possessive name a programme even when they
/// end like a sentence.
#[test]
fn a_long_title_after_a_possessive_is_not_a_quotation() {
    let text = "“We will rebuild the pier before summer,” Marta Lopez said on the network's “Morning Desk with Ana Ruiz.” “The money is there.”\n";
    expect_quoted(text, &["money is there"], &["Morning Desk"]);
}

/// Every quotation in `yes` is found (one whose words are exactly those, or
/// contain them), and none containing a string of `no`.
fn expect_quoted(text: &str, yes: &[&str], no: &[&str]) {
    let w = who(text, &run(text));
    for y in yes {
        assert!(w.iter().any(|(q, _)| q.contains(y)), "{y:?} in {w:#?}");
    }
    for n in no {
        assert!(w.iter().all(|(q, _)| !q.contains(n)), "{n:?} in {w:#?}");
    }
}

/// "Ana Ruiz's column, “Tell them your story,” is …": quoted words in
/// apposition to a piece of writing are its title, not speech.
#[test]
fn words_in_apposition_to_a_column_are_its_title() {
    let text = "LETTERS.\n\nAna Ruiz's column, “Tell them your story, mayor,” was very moving. “I read it twice,” wrote Tom Hale of Dayton.\n";
    expect_quoted(text, &["I read it twice"], &["Tell them"]);
}

/// The text of an embedded post (`<tweet …>…</tweet>`) is the post's own:
/// quotation marks in it do not make quotations of the article.
#[test]
fn quotation_marks_inside_an_embedded_post_are_not_the_articles() {
    let text = "The council voted on Monday.\n\n<tweet author=\"@harbourdesk\">Mayor Lopez says the pier plan is “fully funded” and “on time” — Harbour Desk</tweet>.\n\n“The money is there,” Lopez said.\n";
    expect_quoted(text, &["money is there"], &["fully funded", "on time"]);
}

/// "Asked whether he would resign, Hale said, “Probably.”": capitalised
/// words closing a sentence right after a cue and its comma are a reply.
#[test]
fn a_one_word_reply_after_a_cue_and_a_comma_is_a_quotation() {
    let text = "Asked whether the pier would open in June, council leader Tom Hale said, “Probably.”\n\nThe council meets again on Friday.\n";
    expect_speaker(text, "Probably", "Tom Hale");
}

/// "Lee sings Ana Ruiz's “Harbour Lights” to the mayor": a song sung is the
/// singer's words, not only a title.
#[test]
fn a_song_sung_is_the_singers_quotation() {
    let text = "At the gala on Friday, the soul singer Dana Lee sings Ana Ruiz's “Harbour Lights” to Mayor Marta Lopez.\n\nThe mayor thanked her.\n";
    expect_speaker(text, "Harbour Lights", "Dana Lee");
}

/// "A document on the Harlow campaign's website states …": the body named
/// by a name and an organisation word speaks, not a person of that name.
#[test]
fn a_document_of_a_named_body_speaks_for_the_body() {
    let text = "Jane Harlow, the candidate's daughter, joined her father on stage in March.\n\nA document on the Harlow campaign's website states that the new leave would be \"paid in full from the first day,\" a promise the governor's office disputes.\n";
    expect_speaker(text, "paid in full", "Harlow campaign");
}

/// "…,” Cuban said", "…,” Will wrote": capitalised words alone between the
/// quotation and its cue are a name, even where the word is also a
/// nationality, a small word or a verb; the surname links to the full name.
#[test]
fn a_capitalised_common_word_before_a_cue_is_a_name() {
    let text = "The owners met the investor Marcus Cuban on Sunday, a week after the deal was mocked by the columnist Ada Will.\n\n\"Nobody asked the owners,\" Cuban said.\n\n\"The league is tired of waiting,\" Will wrote.\n\n\"It was a fair price,\" Read said.\n\n“We will keep the stadium,” he said. And asked, “Why would we move?”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "Nobody asked").as_deref(),
        Some("Marcus Cuban")
    );
    assert_eq!(
        speaker_of(text, &a, "league is tired").as_deref(),
        Some("Ada Will")
    );
    assert_eq!(mention_of(text, &a, "fair price").as_deref(), Some("Read"));
    assert_ne!(mention_of(text, &a, "Why would").as_deref(), Some("And"));
}

/// "Jill A. Martin", "Ada Will": an initial or a capitalised small word
/// after a first name stays in the name; "World War I. Clinton" is two.
#[test]
fn an_initial_or_a_small_word_after_a_first_name_stays_in_the_name() {
    let text = "Lawyers for the firm could not be reached. However, Jill A. Martin, general counsel for the Harbour Group, said in March that the claims had \"no merit.\" She added that \"the school was well run.\"\n\nThe pier has stood since World War I. Reyes said it \"must be saved.\"\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "no merit").as_deref(),
        Some("Jill A. Martin")
    );
    assert_eq!(
        speaker_of(text, &a, "well run").as_deref(),
        Some("Jill A. Martin")
    );
    assert_eq!(
        speaker_of(text, &a, "must be saved").as_deref(),
        Some("Reyes")
    );
}

/// A quotation alone in its paragraph, with a dash byline on the next line,
/// is the byline's ("“…”" / "— Jane Doe, a nurse"), not the previous
/// speaker's; a byline that names nobody gives no one.
#[test]
fn a_dash_byline_under_a_quotation_names_its_speaker() {
    let text = "Mayor Dana Whitfield opened the debate. “We need a plan,” she said.\n\n“The pier is falling apart.”\n\n-Karl Ostrander, a retired harbour pilot.\n\n“Nobody listens to us.”\n\n― Harbour Residents Association\n\n“It will cost too much.”\n\n— the usual objection\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "falling apart").as_deref(),
        Some("Karl Ostrander")
    );
    assert_eq!(
        speaker_of(text, &a, "Nobody listens").as_deref(),
        Some("Harbour Residents Association")
    );
    assert_ne!(
        speaker_of(text, &a, "cost too much").as_deref(),
        Some("Harbour Residents Association")
    );
}

/// "“…,” Whitfield pressed.": a sentence that opens with a quotation ending
/// on a comma, then a subject and a verb closing the clause, is attributed
/// whatever the verb; not when the quotation sits inside a clause that
/// began before it ("While Hale calls the plan “…,” Reyes fixates on …").
#[test]
fn a_subject_and_any_verb_after_a_comma_closed_quotation_attribute_it() {
    let text = "Mayor Dana Whitfield defended the budget on Tuesday.\n\n“The buses will run on time,” Whitfield pressed. “I promise.”\n\n“It is a fair budget,” the treasurer countered on Wednesday.\n\nWhile Tom Hale calls the plan “a fine piece of work,” Ana Reyes fixates on its cost.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "buses will run").as_deref(),
        Some("Dana Whitfield")
    );
    assert_eq!(
        speaker_of(text, &a, "I promise").as_deref(),
        Some("Dana Whitfield")
    );
    assert_eq!(
        mention_of(text, &a, "fair budget").as_deref(),
        Some("the treasurer")
    );
    assert_ne!(
        speaker_of(text, &a, "fine piece").as_deref(),
        Some("Ana Reyes")
    );
}

/// "said one of the lawyers", "two of her aides said": a count out of a
/// group is an unnamed source, not nobody (and not a named person).
#[test]
fn one_of_a_group_is_an_unnamed_source() {
    let text = "The union met the port authority on Monday.\n\n“We will appeal,” said one of the lawyers for the union.\n\nOne of the lawyers said the deal was “a trap for the dockers.”\n\n“It is over,” two of her aides said.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "will appeal").as_deref(),
        Some("one of the lawyers")
    );
    assert_eq!(
        mention_of(text, &a, "a trap").as_deref(),
        Some("One of the lawyers")
    );
    assert_eq!(
        mention_of(text, &a, "It is over").as_deref(),
        Some("two of her aides")
    );
    for q in &a.quotations {
        let m = &a.mentions[q.attribution.as_ref().unwrap().mention];
        assert_eq!(m.kind, MentionKind::Unnamed);
    }
}

/// "said a Mexican official", "said the 46-year-old", "“…?” Hale pressed":
/// a nationality before the noun, an age for the person, and a question
/// before a subject and any verb.
#[test]
fn nationalities_ages_and_questions_in_inverted_cues() {
    let text = "The port talks ended on Tuesday.\n\nWorkers spoke outside. “It is a disgrace,” said a Mexican official who was not authorized to speak.\n\nThe singer Ana Ruiz was also there. “What a night for the port,” said the 46-year-old.\n\nThe mayor, Tom Hale, took questions. “Will the cranes stay?” Hale pressed.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "a disgrace").as_deref(),
        Some("a Mexican official")
    );
    assert_eq!(
        mention_of(text, &a, "What a night").as_deref(),
        Some("the 46-year-old")
    );
    assert_eq!(
        speaker_of(text, &a, "cranes stay").as_deref(),
        Some("Tom Hale")
    );
}

/// "“…” that Reyes can catch Hale, said Tom Ellis, an analyst.": an
/// inverted cue after a comma later in the sentence names the source; "…,
/// told the Gazette" does not make the newspaper the source.
#[test]
fn an_inverted_cue_late_in_the_sentence_names_the_source() {
    let text = "The race tightened on Monday.\n\n“It seems extremely unlikely” that Reyes can catch Hale, said Tom Ellis, an analyst at the Harbour Institute.\n\n“We have the votes,” Ana Reyes, the challenger, told the Harbour Gazette.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "extremely unlikely").as_deref(),
        Some("Tom Ellis")
    );
    assert_eq!(
        speaker_of(text, &a, "have the votes").as_deref(),
        Some("Ana Reyes")
    );
}

/// "Donations were “flat for a month” as donors watched how a “turbulent
/// cycle” played out, he said": a short quoted term on the way to the cue
/// does not hide the cue from the quotation before it.
#[test]
fn a_quoted_term_between_a_quotation_and_its_cue_is_passed_over() {
    let text = "Tom Hale runs the harbour fund.\n\nDonations were “flat for a month” as donors watched how a “turbulent cycle” played out, he said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "flat for a month").as_deref(),
        Some("Tom Hale")
    );
}

/// A colon introduction in the same sentence as the quotation: "More from
/// Hale: “…”", "Whitfield resisted: “…”"; a name right before the colon
/// that is not the whole introduction ("… a message to Trump:") does not
/// speak.
#[test]
fn a_colon_introduction_in_the_same_sentence() {
    let text = "Tom Hale and Mayor Dana Whitfield spoke on Monday.\n\nMore from Hale: “The partisanship of the harbour is obvious.”\n\nWhitfield sent a blunt message to Hale: “It is time to stop attacking the port.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "partisanship").as_deref(),
        Some("Tom Hale")
    );
    assert_eq!(
        speaker_of(text, &a, "time to stop").as_deref(),
        Some("Dana Whitfield")
    );
}

/// "Reprising one of her lines, the former mayor talked about “…”": a
/// participle clause before the subject is passed over, not taken for a
/// name.
#[test]
fn a_fronted_participle_clause_is_not_the_subject() {
    let text = "Mayor Ana Reyes spoke first.\n\nReprising one of her favourite lines, Reyes talked about continuing the “progress we made on the pier” and her plan “to finish the job.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "progress we made").as_deref(),
        Some("Ana Reyes")
    );
    assert_eq!(
        mention_of(text, &a, "finish the job").as_deref(),
        Some("Reyes")
    );
}

/// "HARBOURTON — Mayor Ana Reyes …", "Harbourton (AP) – …": a dateline
/// is not the subject of the sentence it opens.
#[test]
fn a_dateline_is_not_the_subject() {
    let text = "HARBOURTON — Mayor Ana Reyes on Monday called the port deal “a betrayal of the dockers.”\n\nHarbourton (AP) – Tom Hale has taken a swipe at the mayor's plan, saying that “loud promises” do more harm than good.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "betrayal").as_deref(),
        Some("Ana Reyes")
    );
    assert_eq!(
        speaker_of(text, &a, "loud promises").as_deref(),
        Some("Tom Hale")
    );
}

/// "Here in Columbia, Reyes …, saying, “…”", "On Thursday, after months of
/// silence, Warren …, saying, “…”": fronted phrases one after another, and
/// one opened by "here", are passed over to the subject.
#[test]
fn fronted_phrases_in_a_row_are_passed_over_to_the_subject() {
    let text = "The campaign moved south on Monday.\n\nHere in Columbia, Ana Reyes stepped up her emphasis on harbour issues, saying, “We have got to fix the pier.”\n\nOn Thursday, after remaining neutral for months, Tom Hale appeared with a radio host and endorsed Reyes, saying, “She is the fighter we need.”\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "fix the pier").as_deref(),
        Some("Ana Reyes")
    );
    assert_eq!(
        speaker_of(text, &a, "fighter we need").as_deref(),
        Some("Tom Hale")
    );
}

/// "According to the newspaper, “…”", "the tabloid noted …": news outlets
/// named by a common noun are sources.
#[test]
fn a_newspaper_or_outlet_named_by_a_common_noun_is_a_source() {
    let text = "The port deal was signed on Friday.\n\nAccording to the newspaper, “The port laws are weak.”\n\nBut as the tabloid noted in an editorial on Thursday, the deal was “a gift to the owners.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "port laws").as_deref(),
        Some("the newspaper")
    );
    assert_eq!(
        mention_of(text, &a, "gift to the owners").as_deref(),
        Some("the tabloid")
    );
}

/// "Another commenter said, “…”", "Another tweeted, “…”": one more of the
/// people quoted, unnamed, and readers and commenters are people.
#[test]
fn another_and_commenters_are_unnamed_sources() {
    let text = "Readers flooded the Gazette's page after the vote.\n\nOne man wrote, “The pier was a waste.”\n\nAnother commenter said, “We all know how the mayor feels about it.”\n\nAnother tweeted, “The council thinks it is above the rules.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "all know").as_deref(),
        Some("Another commenter")
    );
    assert_eq!(
        mention_of(text, &a, "above the rules").as_deref(),
        Some("Another")
    );
}

/// "“…,” said Cuban, who …": capitalised words alone after an inverted cue
/// are a name, even where the word is also a nationality.
#[test]
fn a_name_that_is_also_a_nationality_after_an_inverted_cue() {
    let text = "The investor was asked about a run for office.\n\n“It is too soon to say,” said Cuban, who hosts a television show. “It depends on the field.”\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "too soon").as_deref(), Some("Cuban"));
}

/// "WASHINGTON, Dec. 8 (UPI) — A spokesman … saying: “…”": a dateline with a
/// date and an agency is skipped on the way to the subject.
#[test]
fn a_dateline_with_a_date_and_an_agency_is_not_the_subject() {
    let text = "WASHINGTON, Dec. 8 (UPI) — The senator's chief aide rallied supporters on Tuesday, saying: “We have to be ready for the vote.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "ready for the vote").as_deref(),
        Some("The senator's chief aide")
    );
}

/// A digest: "HEADLINE IN CAPITALS - Jane Ruiz: “…”", "… - More from Ruiz:
/// “…”". The name after the dash introduces the quotation, not the
/// headline's first words.
#[test]
fn a_digest_headline_then_a_dash_and_a_name_before_the_colon() {
    let text = "POLLING DAILY\n\nRED COUNTIES NOW OUTNUMBER BLUE ONES - Jane M. Ruiz: “Our count shows a shift in the suburbs.”\n\nWhat the shift means for the autumn - More from Ruiz: “Turnout decides the rest.”\n\nPollsters agree - Tom Bell: “The lesson is a simple one.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "shift in the suburbs").as_deref(),
        Some("Jane M. Ruiz")
    );
    assert_eq!(
        mention_of(text, &a, "Turnout decides").as_deref(),
        Some("Ruiz")
    );
    assert_eq!(
        mention_of(text, &a, "simple one").as_deref(),
        Some("Tom Bell")
    );
}

/// "Later on Sunday, Mills shared a letter, writing “…”": an adverb of time
/// opening the sentence is passed over to its subject.
#[test]
fn an_opening_adverb_of_time_is_not_the_subject() {
    let text = "The candidate was asked about his record.\n\nLater on Sunday, Mills shared a letter on his page, writing “Allow me to explain the record here.”\n\nEarlier this week, Ana Reyes shared a note with donors, saying “The count is close.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "explain the record").as_deref(),
        Some("Mills")
    );
    assert_eq!(
        mention_of(text, &a, "count is close").as_deref(),
        Some("Ana Reyes")
    );
}

/// "“…” Ohio delegate Mary Lane, wearing a hat and “Kasich” pins, said": a
/// short term quoted inside an appositive does not hide the speaker.
#[test]
fn a_quoted_term_inside_an_appositive_is_passed_over() {
    let text = "Not everyone at the convention was pleased.\n\n“We have had better weeks than this,” Ohio delegate Mary Lane, wearing a straw hat and “Kasich” pins, said.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "better weeks").as_deref(),
        Some("Ohio delegate Mary Lane")
    );
}

/// "“…!” beamed Janet Ruiz of Dayton": a verb outside the cue list, inverted
/// after a sentence-opening quotation, with a name closing the clause.
#[test]
fn an_unlisted_verb_inverted_before_a_name() {
    let text = "The crowd cheered as the results came in.\n\n“This is wonderful!” beamed Janet Ruiz of Dayton, who came with her son.\n\n“We waited all night,” grinned the organiser.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "wonderful").as_deref(),
        Some("Janet Ruiz")
    );
    assert_eq!(
        mention_of(text, &a, "waited all night").as_deref(),
        Some("the organiser")
    );
}

/// A quotation-only paragraph over a line with only a full name, a comma and
/// an affiliation ("Dean Hale, Center for Policy Research.") names its
/// speaker, as a dash byline does; a line of narration does not.
#[test]
fn a_name_and_affiliation_line_under_a_quotation_is_its_byline() {
    let text = "Economists disagree about the year ahead.\n\n\"I worry that we may see a slump next year.\"\n\nDean Hale, Center for Policy Research.\n\n\"Debt will matter less than rates.\"\n\nJosh Bell, a teacher, disagreed.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "slump next year").as_deref(),
        Some("Dean Hale")
    );
    assert_ne!(
        mention_of(text, &a, "less than rates").as_deref(),
        Some("Josh Bell")
    );
}

/// "Reading from a prepared text, Ben Hale …", "Continuing to explain his
/// view, Hale …": an -ing word that is also a name or a cue opens a fronted
/// clause when a preposition or an article follows it; "Fielding hit" is a
/// name and its verb.
#[test]
fn a_fronted_participle_that_is_also_a_name_or_a_cue() {
    let text = "The speech went badly.\n\nContinuing to explain his view, Ben Hale rejected the charge, saying that if he \"found something rotten, I would fix it.\"\n\nReading from a prepared text, Hale added, \"We will win this state.\"\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "found something rotten").as_deref(),
        Some("Ben Hale")
    );
}

/// "“…,” said Cuban, who hosts “Shark Tank.” “…”": the second half of a
/// split quotation keeps the speaker across a title quoted in the cue's
/// sentence, and a name that is also a nationality stays a name.
#[test]
fn a_split_quotation_across_a_quoted_title() {
    let text = "The investor was asked about a run.\n\n\"It is too early to tell,\" said Cuban, who also hosts the show \"Shark Tank.\" \"I mean, it depends on the field.\"\n\n\"It is more likely than it was,\" Cuban said in an interview airing Sunday on \"Meet the Press.\" \"You do not have to be perfect.\"\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "depends on the field").as_deref(),
        Some("Cuban")
    );
    assert_eq!(
        mention_of(text, &a, "have to be perfect").as_deref(),
        Some("Cuban")
    );
}

/// "“…!” The party's county chairman, Glenn Thompson, said on Tuesday
/// night.": after an exclamation that ends a sentence, a speaker phrase with
/// an appositive still names the speaker.
#[test]
fn a_long_speaker_phrase_after_an_exclamation() {
    let text = "The count ended late.\n\n“We won the county!” The party’s county chairman, Glenn Thompson, said on Tuesday night.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "won the county").as_deref(),
        Some("Glenn Thompson")
    );
}

/// "“…,” Ana Ruiz, 31, of Dayton, Ohio, said": the person with an age and a
/// home town speaks, not the town; "First, Tom Hale …" opens with an
/// ordinal adverb, not a name.
#[test]
fn a_person_with_age_and_home_town_and_an_ordinal_opener() {
    let text = "Supporters gathered downtown.\n\n\"We are not done,\" Ana Ruiz, 31, of Dayton, Ohio, said.\n\nFirst, Tom Hale attacked the nominee, saying he was \"a failed candidate who cannot win.\"\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "not done").as_deref(),
        Some("Ana Ruiz")
    );
    assert_eq!(
        mention_of(text, &a, "failed candidate").as_deref(),
        Some("Tom Hale")
    );
}

/// Roles given to people outside speech cues ("Shipping minister Alan
/// Reeve urged …", "Alan Reeve, the shipping minister, …") let a later
/// description ("the minister told reporters") find them, rather than the
/// person the article quotes most; "the 52-year-old" is a person, never an
/// organisation; "Union leader" opening a sentence is not an organisation.
#[test]
fn roles_outside_cues_resolve_later_descriptions() {
    let text = "Harbour board rejects strike deal\n\nUnion leader Maria Okafor said the decision was a betrayal. \"We bargained in good faith,\" she said. \"We will not be bullied.\"\n\nShipping minister Alan Reeve urged both sides to return to talks. \"Nobody wins a long strike,\" the minister told reporters.\n\nA report by the Institute for Trade Studies put the cost at $40 million.\n\n\"We will stay out as long as it takes,\" the 52-year-old said.\n";
    let a = run(text);
    assert_eq!(
        speaker_of(text, &a, "Nobody wins").as_deref(),
        Some("Alan Reeve")
    );
    assert_eq!(
        speaker_of(text, &a, "stay out").as_deref(),
        Some("Maria Okafor")
    );
    assert!(
        !a.entities.iter().any(|e| e.name == "Union"),
        "{:?}",
        a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
    let reeve = a.entities.iter().find(|e| e.name == "Alan Reeve").unwrap();
    assert!(reeve
        .roles
        .iter()
        .any(|r| r.to_lowercase().contains("minister")));
}

/// "Alan Reeve, the shipping minister, urged …" and "the shipping minister,
/// Alan Reeve, urged …": roles in apposition to a name that is not a
/// speaker are the person's.
#[test]
fn roles_in_apposition_to_a_name_that_is_not_a_speaker() {
    let text = "Talks resumed on Monday.\n\nAlan Reeve, the shipping minister, urged both sides to compromise.\n\nThe labour secretary, Jane Cole, said nothing.\n";
    let a = run(text);
    let role_of = |n: &str| {
        a.entities
            .iter()
            .find(|e| e.name == n)
            .map(|e| e.roles.clone())
    };
    assert_eq!(
        role_of("Alan Reeve"),
        Some(vec!["the shipping minister".to_string()])
    );
    assert!(role_of("Jane Cole").is_some_and(|r| r.iter().any(|x| x.contains("labour secretary"))));
}

/// "A spokesman for Fielder, Mark Dunn, said …" gives Mark Dunn the role, so
/// "the spokesman said" is Dunn; with no spokesman named, "the spokesman"
/// is someone unnamed, not the senator the article is about.
#[test]
fn a_spokesman_is_the_one_named_or_someone_unnamed() {
    let named = "Bill stalls\n\nSenator Tom Fielder opposed the bill on Monday.\n\nA spokesman for Fielder, Mark Dunn, said the senator would offer amendments. \"He has concerns about cost,\" the spokesman said.\n";
    let a = run(named);
    assert_eq!(
        speaker_of(named, &a, "concerns about cost").as_deref(),
        Some("Mark Dunn")
    );
    let unnamed = "Bill stalls\n\nSenator Tom Fielder opposed the bill on Monday.\n\n\"He has concerns about cost,\" the spokesman said.\n";
    let a = run(unnamed);
    assert_ne!(
        speaker_of(unnamed, &a, "concerns about cost").as_deref(),
        Some("Tom Fielder")
    );
}

/// "said the second official": an ordinal after the article is part of the
/// description, and that official is someone unnamed, not the person the
/// article names most; "An unnamed official … / said the official" is the
/// unnamed official.
#[test]
fn an_ordinal_official_and_an_unnamed_official_named_again() {
    let text = "Campaign shake-up\n\nThe paper quoted an unnamed official as saying that Lane was not opposed by Hale.\n\n“What he is saying is that the kids decided,” said the second official.\n\n“We are fine,” said the official.\n";
    let a = run(text);
    assert!(mention_of(text, &a, "kids decided").is_some_and(|m| m.contains("second official")));
    assert_ne!(
        speaker_of(text, &a, "kids decided").as_deref(),
        Some("Lane")
    );
    assert_ne!(speaker_of(text, &a, "We are fine").as_deref(), Some("Lane"));
}

/// "“…?” a staffer at the back of the room asked": the places between the
/// speaker and the cue are passed over.
#[test]
fn places_between_a_speaker_and_the_cue() {
    let text = "The mayor spoke for an hour.\n\n“Will he run again?” a Democratic staffer in the room wondered.\n\n“He will win,” a volunteer at the back of the hall said.\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "run again").as_deref(),
        Some("a Democratic staffer")
    );
    assert_eq!(
        mention_of(text, &a, "He will win").as_deref(),
        Some("a volunteer")
    );
}

/// "in Salem, New Hampshire," and "in Columbus, Ohio,": a town and its
/// state are one place, not the subject or the speaker.
#[test]
fn a_town_and_its_state_are_one_place() {
    let text = "The race tightened.\n\nSpeaking at a town hall event in Salem, New Hampshire, Tom Hale went after Bush, calling him “a total stiff.”\n\nAna Ruiz, during a town hall meeting in Columbus, Ohio, said she was “going to put a lot of miners back to work.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "total stiff").as_deref(),
        Some("Tom Hale")
    );
    assert_eq!(
        mention_of(text, &a, "miners back").as_deref(),
        Some("Ana Ruiz")
    );
}

/// "“…,” Ebeling said, and her husband cut in. “…”": a clause of its own
/// closing the sentence on its cue hands the next quotation to its subject;
/// "…,” Hale said. “…”" keeps the speaker.
#[test]
fn a_closing_clause_with_its_own_cue_hands_on_the_turn() {
    let text = "The couple waited for the candidate.\n\n“Tell her I promised you a picture,” Ebeling said, and her husband cut in. “Do not forget me.”\n\n“We will win,” Hale said. “We always do.”\n";
    let a = run(text);
    assert_eq!(
        mention_of(text, &a, "forget me").as_deref(),
        Some("her husband")
    );
    assert_eq!(speaker_of(text, &a, "always do").as_deref(), Some("Hale"));
}

/// "…,” the veteran lawmakers wrote": right after the quotation, a plural
/// description speaks even when its noun is no known role.
#[test]
fn a_plural_description_after_the_quotation_speaks() {
    let text = "Two former governors sent a letter to the board on Friday.\n\n“This plan leaves the valley without water for a decade,” the veteran heavyweights wrote in a joint statement.\n";
    expect_mentions(text, &[("without water", "the veteran heavyweights")]);
}

/// "…,” a notice on the county website reads": a weak cue far from the
/// quotation is near when all between is its subject and the places the
/// subject is in.
#[test]
fn a_weak_cue_after_a_subject_with_places_is_near() {
    let text = "The county closed the bridge on Monday.\n\n“The crossing will stay shut until the spring,” a notice on the county website reads. “Drivers should use the ferry.”\n";
    expect_mentions(text, &[("until the spring", "a notice")]);
}

/// "…, with Dole reportedly yelling: “…”": an adverb between a name and its
/// -ing cue leaves the name the speaker; "said Jane, faintly smiling" keeps
/// the inverted cue's name.
#[test]
fn an_adverb_between_a_name_and_its_participle_cue() {
    let text = "At a rally in Mobile on Saturday, some of the crowd pushed a heckler toward the exit, with Dole reportedly yelling: “Get him out of here!”\n";
    let a = run(text);
    assert_eq!(mention_of(text, &a, "Get him out").as_deref(), Some("Dole"));
}

/// "Shortly after the vote, Hale issued a statement, “…”": an adverb before
/// a fronted phrase is passed over on the way to the subject.
#[test]
fn an_adverb_before_a_fronted_phrase_is_passed_over() {
    let text = "The council voted to close the library.\n\nShortly after the vote ended, Mayor Ana Ruiz issued a statement, “This is a sad day for every reader in our town.”\n\nEven before the count was done, Tom Hale sent supporters a message saying he expected “a long night and a good morning.”\n";
    expect_mentions(
        text,
        &[("sad day", "Mayor Ana Ruiz"), ("long night", "Tom Hale")],
    );
}

/// "The campaign sent out a message saying …": a body's noun after a
/// determiner ends the subject when no noun follows it.
#[test]
fn a_body_noun_heads_the_subject_of_a_participle_cue() {
    let text = "Turnout was high in the north.\n\nThe campaign sent out a text message to supporters saying: “With your help, we won every county in the valley.”\n";
    expect_mentions(text, &[("every county", "The campaign")]);
}

/// "… any “top secret” email chains": a cue's base form right after a
/// quoted term is a noun, and the phrase after it no speaker.
#[test]
fn a_base_form_after_a_quoted_term_is_a_noun() {
    let text = "The hearing ran late.\n\nSenator Dana Whitfield last week said Hale was not the author of any “top secret” email chains.\n";
    expect_mentions(text, &[("top secret", "Senator Dana Whitfield")]);
}

/// "When Ruiz announced her bid, he called …": a cue inside a fronted
/// clause belongs to that clause; the main clause's subject speaks. "After
/// a pause she said, with a smile, “…”" has no fronted clause.
#[test]
fn a_cue_in_a_fronted_clause_is_not_the_main_clauses() {
    let text = "The feud began early.\n\nWhen Ana Ruiz announced her candidacy in June, he infamously referred to her backers as “people who could not find the town hall with a map.”\n\nAfter a long pause she said, with a smile, “We will see who finds it first.”\n";
    expect_mentions(
        text,
        &[("find the town hall", "he"), ("who finds it", "she")],
    );
}

/// "…,” the two write": "the" and a count name the people just mentioned.
#[test]
fn the_two_speak() {
    let text = "Senators Ana Ruiz and Tom Hale wrote to the director on Monday.\n\n“Your office has invented a new standard out of thin air,” the two write. “We ask you to explain it.”\n";
    expect_mentions(text, &[("invented a new standard", "the two")]);
}

/// "… when Hale in his launch speech called them “…”": a prepositional
/// phrase between the subject and its cue is passed over.
#[test]
fn a_phrase_between_the_subject_and_its_cue_is_passed_over() {
    let text = "Mayor Ana Ruiz spoke first.\n\nThe break was complete when Tom Hale in his launch speech called the harbour board “a club for people who never met a ship.”\n";
    expect_mentions(text, &[("never met a ship", "Tom Hale")]);
}

/// "Lind said that according to its analysis, the party has won, but “…”":
/// "according to" inside reported speech leaves the outer source speaking.
#[test]
fn according_to_inside_reported_speech_keeps_the_outer_source() {
    let text = "Crowds gathered outside the party offices.\n\nMara Lind, a member of the party's executive board, said on Tuesday that according to its analysis, the party had won most of the vote, but “we are still counting the seats.”\n";
    expect_mentions(text, &[("still counting", "Mara Lind")]);
}

/// "The lawmakers, who wrote to the director last week, said …": a role
/// noun's plural speaks, and a relative clause set off by commas stands
/// between it and its cue.
#[test]
fn a_plural_role_speaks_across_a_relative_clause() {
    let text = "The letter arrived on Friday.\n\nThe senators said the rule was “a standard invented for one case.”\n\nThe lawmakers, who wrote to the director last week, said the new rule was “a standard invented out of thin air.”\n";
    expect_mentions(
        text,
        &[
            ("for one case", "The senators"),
            ("out of thin air", "The lawmakers"),
        ],
    );
}

/// In a text of short replies, a paragraph that is only a quotation after
/// someone's turn is the reply of the person who spoke before them, not
/// more from the same speaker (as a news story's next paragraph would be).
#[test]
fn a_bare_reply_in_dialogue_goes_back_to_the_other_party() {
    let text = "Martha Quill came into the kitchen at dusk.\n\n“Have you seen the boy?” asked Martha Quill.\n\nThe cook shook her head and went on stirring the pot.\n\n“Not since noon,” said the cook.\n\n“Then where can he be?”\n\n“Out in the top field, I dare say.”\n";
    expect_mention(text, "where can he", "Martha Quill");
    expect_mention(text, "top field", "the cook");
}

/// A paragraph of narration that keeps its subject silent ("… said
/// nothing.") does not hand them the next quotation: the last speaker
/// goes on.
#[test]
fn the_one_who_says_nothing_does_not_speak_next() {
    let text = "The lamp smoked on the table between them.\n\n“You will carry the letters to the mill,” said Dr. Varley. “Do you hear?”\n\nJenny Marsh looked at the floor and said nothing.\n\n“Do you hear me, girl?”\n";
    expect_mention(text, "hear me", "Dr. Varley");
}

/// After a paragraph of narration, the person it is about speaks, also when
/// a phrase of time or place comes before them ("That evening Hugh came
/// in.").
#[test]
fn a_name_after_a_fronted_phrase_speaks_next() {
    let text = "“The roof leaks again,” said Agnes.\n\n“Then mend it,” said Hugh.\n\nThat evening after supper Hugh climbed the ladder with a bucket of tar.\n\n“It will hold till spring, I think.”\n";
    expect_mention(text, "hold till spring", "Hugh");
}

/// In dialogue, a paragraph that opens with a quotation and has narration
/// about no one after it is a reply like a paragraph that is only a
/// quotation.
#[test]
fn a_reply_with_narration_about_no_one_goes_back_to_the_other_party() {
    let text = "“Will you walk with me to the river?” asked Clara Penn.\n\nThe curate shook his head. “Not today,” he said.\n\n“Why not?”\n\n“Because of the sermon.” The bell began to ring in the tower.\n\n“Then I shall go alone.”\n";
    expect_mention(text, "Because of", "he");
}

/// A paragraph of narration about no one between two quotations does not
/// end the turn: the speaker before it goes on.
#[test]
fn narration_about_no_one_leaves_the_turn_with_the_speaker() {
    let text = "“I have lost my gloves,” said Maud Ferrier.\n\nThe rain beat against the window of the little parlour.\n\n“They were my mother's, and I shall never find another pair.”\n";
    expect_mention(text, "my mother's", "Maud Ferrier");
}

/// In dialogue, "he said" opening a turn right after another man's turn is
/// the other man in the exchange, not the one who just spoke (whose name is
/// the nearest).
#[test]
fn he_said_after_another_mans_turn_is_the_other_party() {
    let text = "“Will you walk with me to the mill?” asked Tobias Wren.\n\n“Not today,” said Edmund Hale.\n\n“Why not?”\n\n“The rain.”\n\n“It has stopped, look,” said Tobias.\n\n“Then I will come,” he said.\n";
    expect_speaker(text, "I will come", "Edmund Hale");
}

/// A narrator "I" who speaks goes by the name the others call them in the
/// turns next to theirs (a name the narration never uses).
#[test]
fn a_speaking_narrator_is_named_by_what_the_others_call_them() {
    let text = "The office was cold when I came in.\n\n“You are late again,” said Captain Orme.\n\n“The coach lost a wheel,” I said.\n\n“A likely story, Hartwell. Sit down.”\n\n“I would rather stand,” I said.\n\n“As you please.”\n\n“Is there news of the ship?” I asked.\n";
    expect_speaker(text, "lost a wheel", "Hartwell");
    expect_speaker(text, "news of the ship", "Hartwell");
}

/// In dialogue, a capitalised title no one in the text bears ("the
/// Warden") is a character of its own, not the person the text is most
/// about.
#[test]
fn a_title_no_one_bears_is_a_character_of_its_own_in_dialogue() {
    let text = "“Who let the geese out?” asked Ned Baxter.\n\n“Not I,” said Tom Pike.\n\n“Nor I.”\n\n“Then who?”\n\n“Silence, both of you!” cried the Warden.\n";
    expect_speaker(text, "Silence", "Warden");
}

/// A text that opens in the middle of a scene: "she said" before any woman
/// is named is the woman who speaks most in the text.
#[test]
fn a_she_who_speaks_before_any_woman_is_named_is_the_one_who_speaks_most() {
    let text = "“You will miss the coach,” she said.\n\n“Then I shall walk,” said Tom Reed.\n\n“In this rain?” said Martha Ives.\n\n“Rain never hurt me.”\n\n“It will tonight,” said Martha.\n";
    expect_speaker(text, "miss the coach", "Martha Ives");
}

/// In dialogue a one-word name is a first name and has its sex, also when
/// the word is a surname too: "she" is not the man who spoke last.
#[test]
fn a_one_word_first_name_in_dialogue_has_its_sex() {
    let text = "Rose stood by the window.\n\n“Is the gate locked?” called Walter.\n\n“No,” said Rose.\n\n“Then lock it.”\n\n“Why?”\n\n“Because of the dogs,” called Walter.\n\nShe went out to the gate. “There,” she said.\n";
    expect_speaker(text, "There", "Rose");
}

/// Outside dialogue too, a person named by a one-word first name only has
/// its sex: "he" is not the woman who spoke last.
#[test]
fn a_one_word_first_name_has_its_sex_outside_dialogue_too() {
    let text = "Tom Reed came in from the yard at noon and sat by the fire.\n\n“I shall go to the fair,” said Mary.\n\nThe rain had stopped, and the road was dry again.\n\n“You will be tired tonight,” he warned, frowning at the sky.\n";
    expect_speaker(text, "tired tonight", "Tom Reed");
}

/// In news, a quotation that is a paragraph of its own after a paragraph
/// about a body ("The council issued a statement") is the body's, not the
/// words of the last person quoted; a place the story happens in is no
/// such body.
#[test]
fn a_body_that_issues_a_statement_speaks_in_the_quotation_after() {
    let text = "Ward councillor Lena Ortiz praised the repairs on Marsh Lane, which she said had been done “faster than anyone on this street expected.”\n\n\
The Harbor Trust released a statement on Friday, a day after the court ruled against it.\n\n\
“We are deeply disappointed by the ruling and will study it carefully with our lawyers before deciding whether to appeal to the higher court.”\n\n\
At the mayor's direction, the council issued a statement apologising to residents for the delay to the flood barrier.\n\n\
“On behalf of everyone at the council, we offer a sincere apology to the families affected, and we will publish a timetable for the repairs next week.”\n";
    expect_mentions(
        text,
        &[
            ("deeply disappointed", "The Harbor Trust"),
            ("sincere apology", "the council"),
        ],
    );
}

/// A passive cue names its speaker after "by": the host asks, not the one
/// asked.
#[test]
fn a_passive_cue_is_the_words_of_the_one_after_by() {
    let text = "Councillor Abel Hale was asked by radio host Rita Moreno, who has backed the bypass for years, “Will you vote for it before the summer recess?”\n";
    expect_mention(text, "summer recess", "radio host Rita Moreno");
}

/// "speaking to Reuters" between a subject and its cue: the subject speaks,
/// not the outlet spoken to.
#[test]
fn the_outlet_spoken_to_is_not_the_speaker() {
    let text = "The port authority has not said when the cranes will move again. Another senior official speaking to Reuters said, “The talks are over, and nobody in the room expects them to resume before spring.”\n";
    expect_mention(text, "talks are over", "Another senior official");
}

/// An editorial dated by its day and named with its paper: the paper
/// speaks, and a later "the Gazette" is the same paper.
#[test]
fn a_dated_document_names_its_issuer() {
    let text = "Senator Joan Pruitt has been under pressure at home for weeks.\n\n“There are fish with more backbone than the senator from our state,” reads a Wednesday editorial in The Harbor Gazette.\n\n“She has forgotten who sent her to Washington,” the editorial in the Gazette went on.\n";
    expect_mention(
        text,
        "more backbone",
        "a Wednesday editorial in The Harbor Gazette",
    );
    expect_speaker(text, "more backbone", "The Harbor Gazette");
    expect_speaker(text, "forgotten who", "The Harbor Gazette");
}

/// "People" opening a sentence is unnamed people, not a person called
/// People; and a role with a sex ("spokesman") gives the person that sex,
/// whatever a list says of the first name, so "he" finds him.
#[test]
fn people_opening_a_sentence_is_no_name_and_a_spokesman_is_a_man() {
    let text = "Speaking in Hanoi, ministry spokesman Lu Kang repeated that the government opposed hacking of any kind.\n\n\
People should bring evidence for their accusations and not wave around words like “maybe” and “perhaps”, he told reporters.\n";
    let a = run(text);
    assert!(
        a.entities
            .iter()
            .all(|e| e.name != "People" || e.kind != quoth::analysis::EntityKind::Person),
        "{:#?}",
        a.entities
    );
    expect_speaker(text, "perhaps", "Lu Kang");
}

/// After an inverted cue, a description and a name in apposition closing
/// the sentence: the name speaks, the description is its role; a possessive
/// name owns the noun after it ("Marsh's spokesman", not "Marsh").
#[test]
fn a_name_in_apposition_after_an_inverted_cue_speaks() {
    let text = "Councillor Ada Marsh has not said whether she will stand again.\n\n“We will not comment on rumours,” said Marsh's spokesman, Brian Fell.\n\n“The bridge will reopen in May,” said the city's chief engineer, Nora Platt.\n\n“It is about time,” exhorted the candidate's introducer, actress Jamie Lee Carter.\n\n“Nobody asked us,” said the union's president.\n";
    expect_speaker(text, "comment on rumours", "Brian Fell");
    expect_speaker(text, "reopen in May", "Nora Platt");
    expect_speaker(text, "about time", "Jamie Lee Carter");
    expect_mention(text, "Nobody asked", "the union's president");
    let a = run(text);
    let fell = a.entities.iter().find(|e| e.name == "Brian Fell").unwrap();
    assert!(
        fell.roles.iter().any(|r| r.contains("spokesman")),
        "{:?}",
        fell.roles
    );
}

/// "In a statement to the Observer, her adviser, Jake Sorensen, said": the
/// paper the statement went to is no link in the chain of appositives; and
/// a description no list knows ("the moderator", "the maid") is someone of
/// its own, never the organisation or place named last.
#[test]
fn a_fronted_object_is_no_speaker_and_an_unknown_description_is_no_body() {
    let text = "Governor Ruth Alvarez has said she opposes leaving the Northern Trade Union.\n\n\
In a statement to the Observer, her senior policy adviser, Jake Sorensen, said: “The governor believes that cooperation is essential, and that it is strongest when the region is united.”\n\n\
“Phones are only now showing what has been happening in this county for years,” the moderator said. “How do you bridge the divide?”\n\n\
“Mr. Beebe!” said the maid at the door of the Grand Hotel.\n";
    expect_speaker(text, "cooperation is essential", "Jake Sorensen");
    let a = run(text);
    for words in ["Phones are only", "Mr. Beebe"] {
        let q = a
            .quotations
            .iter()
            .find(|q| text[q.content.start..q.content.end].contains(words))
            .unwrap();
        let e = &a.entities[q.entity.expect("an entity")];
        assert_eq!(
            e.kind,
            quoth::analysis::EntityKind::Unnamed,
            "{words}: {e:#?}"
        );
    }
}

/// "“…,” Lindqvist said, according to the Courier": words relayed from
/// another report are credited to the report the article cites, before or
/// after the cue ("According to the Ledger, Hanrahan said “…”", "…, reports
/// Harbour Radio", "…, the Courier reports."). Reported speech after the cue ("adding that according to
/// the latest survey") and an addressee ("told the Ledger") relay nothing.
#[test]
fn a_relayed_quotation_is_credited_to_the_report_cited() {
    let text = "# Harbour bridge delayed again\n\n“We will not give up on the harbour,” Mayor Tessa Lindqvist said, according to the Coastline Courier. “Not this year, not ever.”\n\nAccording to the Marlow Ledger, Councillor Piet Hanrahan said the budget was “a disgrace to every ratepayer in this town.”\n\n“The bridge will open in the spring,” said Dana Obi, the chief engineer, reports Harbour Radio.\n\n“We will appeal the ruling,” Obi said, adding that according to the latest survey the span was safe.\n\n“Nobody asked us,” Hanrahan told the Marlow Ledger on Tuesday.\n\nAccording to the city's plan, the span was to open in May, and “not a day later,” Obi repeated.\n\nFans at the match chanted “Sink the ferry,” mocking the council's plan for the crossing, the Coastline Courier reports.\n\n“We are ready,” Obi said on Monday, adding that the cranes had arrived, Harbour Radio first reported Tuesday.\n\n“Ships are welcome again,” Obi said, according to a Harbour Radio account.\n";
    expect_mentions(
        text,
        &[
            ("give up on the harbour", "the Coastline Courier"),
            ("not ever", "the Coastline Courier"),
            ("a disgrace", "the Marlow Ledger"),
            ("open in the spring", "Harbour Radio"),
            ("appeal the ruling", "Obi"),
            ("Nobody asked us", "Hanrahan"),
            ("not a day later", "Obi"),
            ("Sink the ferry", "the Coastline Courier"),
            ("We are ready", "Harbour Radio"),
            ("Ships are welcome", "a Harbour Radio account"),
        ],
    );
}

/// "A spokesman for the mayor said": the role speaks, with what it is a
/// role of ("The president of the union"), not the mayor or the union.
#[test]
fn a_role_for_someone_speaks_not_the_one_it_serves() {
    let text = "# Port news\n\nThe port reopened on Monday.\n\nA spokesman for the mayor said: “I guess the holiday was booked.”\n\nThe president of the union said it was “a betrayal of every docker.”\n\nA lawyer for the family said the ruling was “a relief.”\n";
    expect_mentions(
        text,
        &[
            ("the holiday was booked", "A spokesman for the mayor"),
            ("a betrayal", "The president of the union"),
            ("a relief", "A lawyer for the family"),
        ],
    );
}

/// "could only quip:": an adverb between the modal and the cue; "The
/// paradox of the plan, says Dana Obi, an engineer, is that …": an inverted
/// cue set off by commas inside the sentence names the speaker.
#[test]
fn a_cue_after_only_and_an_inverted_cue_between_commas() {
    let text = "# Port news\n\nThe port reopened on Monday.\n\nThe scheduling was so odd that a spokesman for the port could only quip: “I guess the holiday was booked.”\n\nThe paradox of the plan, says Dana Obi, an engineer at the port authority, is that it was “too late by a decade and too early by a year.”\n\nThe view from the quay, the port director said, was “better than ever.”\n";
    expect_mentions(
        text,
        &[
            ("the holiday was booked", "a spokesman for the port"),
            ("too late by a decade", "Dana Obi"),
            ("better than ever", "the port director"),
        ],
    );
}

/// "her campaign would continue “to break barriers”": going on doing
/// something is not speaking; the cue before it ("She declared") speaks.
#[test]
fn continuing_to_do_something_is_no_cue() {
    let text = "# Port news\n\nLena Ortiz won in Harbourton on Tuesday.\n\nShe declared “What a night!” and said that her campaign would continue “to break barriers” across the region.\n";
    expect_mentions(
        text,
        &[("What a night", "She"), ("to break barriers", "She")],
    );
}

/// "… words like “maybe” and “perhaps”, he told reporters.": terms quoted
/// on the way to a cue closing the sentence are its speaker's, with a comma
/// after the last one outside its marks.
#[test]
fn terms_quoted_before_a_closing_cue_and_a_comma() {
    let text = "# Port news\n\nThe ministry denied the report on Monday.\n\nPeople should bring evidence and not wave around words like “maybe” and “perhaps”, Dana Obi told reporters.\n";
    expect_mentions(text, &[("maybe", "Dana Obi"), ("perhaps", "Dana Obi")]);
}

/// "Gov. Lena Ortiz (R-Mass.), said, “…”": the comma closes the name's
/// parenthetical after a fronted clause; "“…,” read one.": "one" (of the
/// signs just described) speaks, and the next quotation continues it.
#[test]
fn a_parenthetical_before_the_comma_and_one_after_a_cue() {
    let text = "# Port news\n\nThe port reopened on Monday.\n\nSpeaking in Marlow after winning the vote, Gov. Lena Ortiz (R-Mass.), said, “I am getting ready to rent a ferry.”\n\nSkywriters filled the sky over the harbour. “Harbourton is great,” read one.\n";
    expect_mentions(
        text,
        &[
            ("rent a ferry", "Gov. Lena Ortiz"),
            ("Harbourton is great", "one"),
        ],
    );
}

/// "When a heckler shouted, “Sink it,” Obi joked, “…”": a quotation right
/// after the cue of a fronted clause is that clause's; the main clause's
/// cue speaks the quotation after it.
#[test]
fn a_quotation_inside_a_fronted_clause_is_its_cues() {
    let text = "# Port news\n\nThe port reopened on Monday.\n\nWhen a heckler shouted, “Sink it,” Dana Obi joked, “Amen, brother!”\n";
    expect_mentions(
        text,
        &[("Sink it", "a heckler"), ("Amen, brother", "Dana Obi")],
    );
}

/// A description that fits no one's role ("The former engineer said") is
/// the person the last paragraphs report as speaking, not the person the
/// article names most; a possessive ("Paul Reyes’s tweets") reports no one.
#[test]
fn a_description_no_role_fits_is_the_person_just_reported_speaking() {
    let text = "# State news\n\nGovernor Paul Reyes vetoed the school bill on Monday. Reyes said the bill was “a gift to lobbyists.” Reyes has fought the legislature for months, and Reyes called the vote “a disgrace.”\n\nMark Holt says too much is made of Paul Reyes’s tweets.\n\nThe Democratic candidate was speaking in Dayton, hours after Reyes signed an order closing two prisons.\n\nThe former engineer said critics are to blame for focusing on “who vetoed what and when.”\n";
    expect_speaker(text, "who vetoed what", "Mark Holt");
    expect_speaker(text, "a disgrace", "Paul Reyes");
}

/// A headline's document noun after a person's name ("President Reyes
/// Speech at …") is not part of the name.
#[test]
fn a_document_noun_after_a_name_is_not_the_name() {
    let text = "# State news\n\n“My name may not be on the ballot,” Mr. Reyes said on Saturday.\n\n[Video: FULL SPEECH: President Reyes Speech at Harbour Workers Foundation in Marlow DC (9/17/16) Watch on YouTube.]\n";
    let a = run(text);
    let names: Vec<&str> = a.entities.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Reyes"), "{names:?}");
    assert!(!names.iter().any(|n| n.ends_with("Speech")), "{names:?}");
}

/// "she looked at me, furrowed her brow and said, “…”": a cue joined by
/// "and" to the verbs before it has the sentence's subject, after a fronted
/// clause too; a one-word reply so attributed is kept.
#[test]
fn a_cue_joined_by_and_has_the_subject_of_the_sentence() {
    let text = "# Port news\n\nLast month, when I asked Dana Obi if she would ever back the plan, she looked straight into my camera, furrowed her brow and said, “I will back YOU!”\n\nTom Hale stood at the gate, folded his arms and said, “No.”\n";
    expect_mentions(text, &[("back YOU", "she"), ("No.", "Tom Hale")]);
    expect_speaker(text, "back YOU", "Dana Obi");
}

/// "the family of the victim said": people named by their bond speak as
/// one phrase headed by that noun, a group of their own, not the victim and
/// not the person the article names most.
#[test]
fn the_family_of_someone_speaks_as_a_group() {
    let text = "# Port news\n\nMayor Lena Ortiz closed the harbour on Monday. Ortiz said the decision was “final.”\n\n“We are heartbroken,” the family of the victim said.\n";
    expect_mentions(text, &[("heartbroken", "the family of the victim")]);
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "heartbroken").as_deref(),
        Some("Lena Ortiz")
    );
}

/// "said master of ceremonies Ravi Oduya": an office whose "of" names the
/// field it covers is a title before the name, not someone the office
/// serves; "a spokesman for presidential candidate Jo Reyes" still serves.
#[test]
fn an_office_of_a_field_is_a_title_before_the_name() {
    let text = "# Town news\n\n“Thanks for welcoming these families,” said master of ceremonies Ravi Oduya, a retired surveyor who moved to the town decades ago. “No thanks to the council,” he added.\n\n“We will appeal,” said director of communications Ana Ruiz.\n\n“The schedule stands,” said a spokesman for presidential candidate Jo Reyes.\n";
    expect_mentions(
        text,
        &[
            ("welcoming", "master of ceremonies Ravi Oduya"),
            ("We will appeal", "director of communications Ana Ruiz"),
        ],
    );
    expect_speaker(text, "welcoming", "Ravi Oduya");
    expect_speaker(text, "No thanks", "Ravi Oduya");
    expect_speaker(text, "We will appeal", "Ana Ruiz");
    let a = run(text);
    assert_ne!(
        speaker_of(text, &a, "schedule stands").as_deref(),
        Some("Jo Reyes")
    );
}

/// "the moderator", "the magistrate", "the journalist": roles a
/// description names a person by.
#[test]
fn more_roles_name_a_person() {
    let text = "# Debate night\n\nDebate moderator Ana Ruiz opened the evening with a question on housing.\n\n“Time is up,” the moderator said.\n\nMagistrate Tom Hale heard the case on Friday. “Clear the room,” said the magistrate.\n";
    expect_speaker(text, "Time is up", "Ana Ruiz");
    expect_speaker(text, "Clear the room", "Tom Hale");
}

/// "A footnote in the report makes that clear: “…”", "The headline reads:
/// “…”": footnotes, headlines, captions and testimony are documents that
/// speak for whoever issued them.
#[test]
fn footnotes_and_headlines_are_documents() {
    let text = "# Harbour news\n\nThe Harbour Authority published its audit on Monday.\n\nA footnote in the report makes that clear: “These figures do not include the northern district.”\n\nThe headline reads: “Harbour audit finds gaps.”\n";
    expect_mentions(
        text,
        &[
            ("northern district", "A footnote"),
            ("audit finds gaps", "The headline"),
        ],
    );
}

/// "The emails show that Reines asked …, “…”": "that" before a name joins
/// a clause and is no part of the speaker's mention.
#[test]
fn that_before_a_name_is_no_part_of_the_mention() {
    let text = "# Harbour news\n\nThe emails show that Reines asked the reporter to call, writing: “Ring me after six.”\n";
    expect_mentions(text, &[("Ring me", "Reines")]);
}

/// "Hours later, she issued a statement calling …", "Four days earlier,
/// …": a span of time opening the sentence is no speaker; the subject after
/// its comma is.
#[test]
fn a_span_of_time_opening_a_sentence_is_no_speaker() {
    let text = "# Harbour news\n\nMayor Lena Ortiz closed the harbour on Monday.\n\nHours later, she issued a statement calling the closure “a painful necessity.”\n\nMinutes later, she sent an email saying, “done.”\n\nEight years ago, she backed the old ferry and said, “It will pay for itself.”\n";
    expect_mentions(
        text,
        &[
            ("painful necessity", "she"),
            ("done.", "she"),
            ("pay for itself", "she"),
        ],
    );
    expect_speaker(text, "painful necessity", "Lena Ortiz");
}

/// "…,” per the party’s bylaws": "per" before a name, an organisation or a
/// document gives the source as "according to" does; "per day" does not.
#[test]
fn per_a_document_gives_the_source() {
    let text = "# Party news\n\nThe Harbour Party meets in March. Proxies are barred when voting “to fill a vacancy on the national ticket,” per the party’s bylaws.\n\n“We will meet in March,” per a statement from the Harbour Authority.\n\nDana Obi said the ferry would carry “a thousand people” per day.\n";
    expect_mentions(
        text,
        &[
            ("fill a vacancy", "the party’s bylaws"),
            ("meet in March", "a statement from the Harbour Authority"),
            ("a thousand people", "Dana Obi"),
        ],
    );
}
