//! Generated news-like text for benchmarks: collections of articles of any
//! size, deterministic for a given seed, with varied speakers (names, titles,
//! roles, organisations, pronouns), cues in both word orders, split and
//! multi-paragraph quotations, several quotation-mark styles, scare quotes
//! and Markdown (headings, emphasis, links, code blocks). Used by the
//! criterion benches, the throughput report and the LSP latency driver, so
//! every figure in `docs/performance.md` is measured on the same text. Also
//! the pieces the property tests and fuzzers build random text from.

/// A small deterministic generator (SplitMix64): no dependency, same text on
/// every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    pub fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FEMALE: &[&str] = &[
    "Dana", "Maria", "Aisha", "Elena", "Sofia", "Grace", "Hannah", "Priya", "Ingrid", "Chloe",
    "Fatima", "Julia", "Naomi", "Olga", "Rosa", "Sarah", "Yuki", "Zara", "Helen", "Laura",
];
const MALE: &[&str] = &[
    "Marcus", "David", "Ahmed", "Pavel", "Luis", "Kenji", "Tomas", "Samuel", "Omar", "Peter",
    "Hugo", "Ivan", "James", "Karl", "Mateo", "Nikolai", "Rahul", "Stefan", "Viktor", "Wei",
];
const SURNAMES: &[&str] = &[
    "Whitfield",
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Tanaka",
    "Petrov",
    "Haddad",
    "Costa",
    "Brennan",
    "Novak",
    "Schmidt",
    "Alvarez",
    "Kowalski",
    "Nakamura",
    "Oyelaran",
    "Rossi",
    "Fischer",
    "Dubois",
    "Kaur",
    "Jensen",
    "Mendoza",
    "Sato",
    "Mwangi",
    "Castillo",
    "Horvat",
    "Lindgren",
    "Abara",
    "Volkov",
    "Ferreira",
    "Quinn",
    "Gallagher",
    "Yilmaz",
    "Bauer",
    "Marchetti",
    "Osei",
    "Varga",
    "Keller",
    "Romero",
    "Aziz",
    "Holt",
];
const ROLES: &[&str] = &[
    "Foreign Minister",
    "union leader",
    "port director",
    "spokeswoman for the ministry",
    "senior economist",
    "mayor",
    "chief executive",
    "Health Secretary",
    "police commissioner",
    "opposition leader",
    "professor of history",
    "trade negotiator",
];
const NOMINALS: &[&str] = &[
    "the minister",
    "the director",
    "the economist",
    "the mayor",
    "the official",
    "the negotiator",
];
const ORGS: &[&str] = &[
    "the Kremlin",
    "the White House",
    "Moscow",
    "the ministry",
    "the union",
    "the company",
];
const CUES: &[(&str, &str)] = &[
    ("said", "said"),
    ("told reporters", "told reporters"),
    ("warned", "warned"),
    ("added", "added"),
    ("explained", "explained"),
    ("insisted", "insisted"),
    ("pointed out", "pointed out"),
    ("argued", "argued"),
];
const CLAUSES: &[&str] = &[
    "We have put more money on the table than at any point in the last decade",
    "The ships are waiting and the farmers are waiting for an answer",
    "Nobody walked away from the talks",
    "This is the worst dispute I have seen in thirty years",
    "Safety is not a bargaining chip",
    "We asked for a written guarantee on night shifts",
    "It's a question of trust, and trust takes time",
    "The figures speak for themselves",
    "I don't think anyone expected the '90s rules to last this long",
    "Our members will decide, not the newspapers",
    "We will keep talking as long as it takes",
    "The budget cannot carry another year like this one",
];
const NARRATION: &[&str] = &[
    "The talks resumed on Tuesday after a week of silence in the capital.",
    "Exports fell by a fifth in the last quarter, according to official figures.",
    "Dozens of ships waited outside the harbour as the dispute entered its third week.",
    "The government has so far refused to intervene directly.",
    "Analysts expect the central bank to hold rates steady next month.",
    "Farmers in the region have warned of losses running into the millions.",
    "A so-called “compromise package” was circulated late on Monday.",
    "The committee meets again on Thursday, when a vote is expected.",
    "Inflation reached 4.2 per cent in October, the highest since 2008.",
    "Shares in the company rose 3% in early trading in Frankfurt.",
];

/// Quotation-mark styles: (open, close, nested open, nested close).
const STYLES: &[(&str, &str, &str, &str)] = &[
    ("“", "”", "‘", "’"),
    ("\"", "\"", "'", "'"),
    ("«\u{a0}", "\u{a0}»", "“", "”"),
    ("„", "“", "‚", "‘"),
];

struct Person {
    first: &'static str,
    last: &'static str,
    female: bool,
    role: &'static str,
}

fn person(rng: &mut Rng) -> Person {
    let female = rng.chance(50);
    Person {
        first: if female {
            rng.pick(FEMALE)
        } else {
            rng.pick(MALE)
        },
        last: rng.pick(SURNAMES),
        female,
        role: rng.pick(ROLES),
    }
}

/// One article, as Markdown when `markdown` is set, else plain text.
pub fn article(rng: &mut Rng, markdown: bool) -> String {
    let people: Vec<Person> = (0..2 + rng.below(3)).map(|_| person(rng)).collect();
    let (open, close, nopen, nclose) = STYLES[if rng.chance(70) {
        0
    } else {
        rng.below(STYLES.len())
    }];
    let mut out = String::new();
    let headline = rng.pick(NARRATION);
    if markdown {
        out.push_str("# ");
    }
    out.push_str(headline.trim_end_matches('.'));
    out.push_str("\n\n");
    let paragraphs = 6 + rng.below(10);
    let mut introduced = vec![false; people.len()];
    for _ in 0..paragraphs {
        let k = rng.below(people.len());
        let p = &people[k];
        let quote = |rng: &mut Rng| {
            let mut q = rng.pick(CLAUSES).to_string();
            if rng.chance(15) {
                q.push_str(&format!(
                    ", and the {nopen}final offer{nclose} was nothing of the kind"
                ));
            }
            q
        };
        // The speaker phrase: full name with role the first time, then a
        // surname, pronoun or description.
        let speaker = if !introduced[k] {
            introduced[k] = true;
            if rng.chance(50) {
                format!("{} {} {}", capitalise(p.role), p.first, p.last)
            } else {
                format!("{} {}, the {},", p.first, p.last, p.role)
            }
        } else {
            match rng.below(4) {
                0 => p.last.to_string(),
                1 => (if p.female { "she" } else { "he" }).to_string(),
                2 => rng.pick(NOMINALS).to_string(),
                _ => format!("{} {}", p.first, p.last),
            }
        };
        let (cue, _) = CUES[rng.below(CUES.len())];
        let para = match rng.below(9) {
            0 | 1 => {
                // “…,” X said.
                let s = speaker.trim_end_matches(',');
                format!("{open}{},{close} {s} {cue}.", quote(rng))
            }
            2 => {
                // “…,” said X.
                let s = speaker.trim_end_matches(',');
                format!("{open}{},{close} {cue} {s}.", quote(rng))
            }
            3 => {
                // Split quotation.
                let s = speaker.trim_end_matches(',');
                format!(
                    "{open}{},{close} {s} {cue}. {open}{}.{close}",
                    quote(rng),
                    quote(rng)
                )
            }
            4 => {
                // Colon introduction.
                format!(
                    "{} {cue} on Monday: {open}{}.{close}",
                    capitalise(&speaker),
                    quote(rng)
                )
            }
            5 => {
                // Multi-paragraph quotation, then a quote-only paragraph.
                let s = speaker.trim_end_matches(',');
                format!(
                    "{} {cue} that talks would continue. {open}{}.\n\n{open}{}.{close}\n\n{open}{}.{close}",
                    capitalise(s),
                    quote(rng),
                    quote(rng),
                    quote(rng)
                )
            }
            6 => {
                // A source that is an organisation, or "according to".
                if rng.chance(50) {
                    format!(
                        "{open}{}.{close} {} said in a statement.",
                        quote(rng),
                        capitalise(rng.pick(ORGS))
                    )
                } else {
                    format!(
                        "The deal is {open}{}{close}, according to {}.",
                        rng.pick(&["dead in the water", "a step forward", "not enough"]),
                        speaker.trim_end_matches(',')
                    )
                }
            }
            7 => {
                // Narration, sometimes with Markdown.
                let mut n = rng.pick(NARRATION).to_string();
                if markdown && rng.chance(50) {
                    n.push_str(" Details are [on the ministry site](https://example.org/a?b=\"c\") and in *the report*.");
                }
                n
            }
            _ => {
                // An unattributed quotation, or a mixed one.
                if rng.chance(50) {
                    format!("{open}{}.{close}", quote(rng))
                } else {
                    format!(
                        "{} described the offer as {open}a {}{close}.",
                        capitalise(speaker.trim_end_matches(',')),
                        rng.pick(&["slow-motion disaster", "fair start", "bad joke"])
                    )
                }
            }
        };
        out.push_str(&para);
        out.push_str("\n\n");
        if markdown && rng.chance(5) {
            out.push_str("```\n\"not a quote\" said nobody\n```\n\n");
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

/// A collection of articles in one document, about `bytes` long (it stops
/// after the article that reaches the size). Markdown articles are separated
/// by a rule.
pub fn collection(bytes: usize, seed: u64, markdown: bool) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 4096);
    while out.len() < bytes {
        out.push_str(&article(&mut rng, markdown));
        if markdown {
            out.push_str("---\n\n");
        }
    }
    out
}

/// `count` separate articles, for batch checking.
pub fn articles(count: usize, seed: u64, markdown: bool) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..count).map(|_| article(&mut rng, markdown)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collections_are_deterministic_and_sized() {
        let a = collection(20_000, 7, true);
        assert_eq!(a, collection(20_000, 7, true));
        assert!(a.len() >= 20_000 && a.len() < 30_000);
        let analysis = crate::analysis::analyze(&a, &Default::default());
        assert!(analysis.quotations.len() > 50);
        assert!(
            analysis
                .quotations
                .iter()
                .filter(|q| q.entity.is_some())
                .count()
                > 25
        );
    }
}

/// Pieces that random text for the property tests and fuzzers is made of:
/// every quotation-mark style, line breaks of all kinds, emoji, ZWJ
/// sequences, CJK, combining marks, control and invisible characters, and
/// words, names and Markdown that mean something to the analysis.
pub const EDGE_PIECES: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "「",
    "」",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "😀",
    "👩‍👩‍👧",
    "東京",
    "e\u{301}",
    " said",
    " he said",
    " she told reporters",
    "Ann Lee",
    "Dr. Ann Lee",
    "the minister",
    "Moscow",
    "according to",
    ": ",
    ", ",
    ". ",
    " ",
    "x",
    "# ",
    "```",
    "`",
    "---\n",
    "<b>",
    "](http://x)",
    "[",
    "—",
    "…",
    "\u{0}",
    "\u{feff}",
    "🇫🇷",
    "说",
    "a\u{308}\u{304}",
    " said Ann Lee",
    "The minister",
    "\t",
    "\u{2028}",
];
