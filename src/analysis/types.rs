//! The data the analysis hands out. Every offset is a byte offset into the
//! analysed text and always falls on a `char` boundary.

use serde::Serialize;

/// A half-open byte range `start..end` into the analysed text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `offset` lies inside the span (the end counts as inside, so a
    /// cursor placed right after a word still hits it).
    pub fn touches(&self, offset: usize) -> bool {
        self.start <= offset && offset <= self.end
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Whether the quoted words are a whole statement or a fragment woven into
/// reported speech.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A full statement in quotation marks: “We will win,” she said.
    Direct,
    /// A fragment inside indirect speech: she said they would “win big”.
    Mixed,
}

/// How a quotation got its speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttributionMethod {
    /// A speech cue in the same sentence or quotation ("he said").
    Cue,
    /// A colon introduction ("The minister said:").
    Colon,
    /// "according to X".
    AccordingTo,
    /// The paragraph is only a quotation, right after one attributed to X.
    Context,
    /// Fiction: alternating turns in a run of dialogue with no cue.
    Dialogue,
    /// The second half of a split quotation ("“…,” she said. “…”").
    Continuation,
    /// No cue: the subject of the sentence the quoted words sit in.
    Subject,
}

impl AttributionMethod {
    pub fn describe(self) -> &'static str {
        match self {
            AttributionMethod::Cue => "speech cue",
            AttributionMethod::Colon => "colon introduction",
            AttributionMethod::AccordingTo => "\"according to\"",
            AttributionMethod::Context => {
                "context (the paragraph before quotes them or is about them)"
            }
            AttributionMethod::Dialogue => "turn-taking in dialogue",
            AttributionMethod::Continuation => "continues the quotation before it",
            AttributionMethod::Subject => "subject of the sentence (no speech cue)",
        }
    }
}

/// Who said a quotation and through which words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Attribution {
    /// Index into `Analysis::mentions`: the local words that name the speaker.
    pub mention: usize,
    /// The speech cue ("said", "pointed out"), when there is one.
    pub cue: Option<Span>,
    pub method: AttributionMethod,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Quotation {
    /// The quotation with its marks. For a quotation continued over several
    /// paragraphs this runs from the first opening mark to the last closing one.
    pub span: Span,
    /// The quoted words without the outer marks.
    pub content: Span,
    /// The pieces of a multi-paragraph quotation, each without marks (one
    /// piece for an ordinary quotation).
    pub pieces: Vec<Span>,
    pub kind: QuoteKind,
    pub attribution: Option<Attribution>,
    /// Index into `Analysis::entities`: the canonical speaker.
    pub entity: Option<usize>,
    /// False when the closing mark is missing.
    pub terminated: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A person's name, full or partial ("Qin Gang", "Mrs. Clinton").
    Name,
    /// An organisation, government, capital or publication ("Moscow", "the Kremlin").
    Organization,
    /// A pronoun ("he", "they").
    Pronoun,
    /// A description ("the diplomat", "the Chinese FM").
    Nominal,
    /// An unnamed source ("a senior official", "sources").
    Unnamed,
}

/// How a mention was tied to its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The mention is the full name.
    FullName,
    /// A surname or partial name matched to an earlier full name.
    PartialName,
    /// A pronoun matched to the nearest compatible entity.
    Pronoun,
    /// A description matched by role, title or nationality.
    Description,
    /// An organisation or unnamed source stands for itself.
    Itself,
}

impl Resolution {
    pub fn describe(self) -> &'static str {
        match self {
            Resolution::FullName => "full name",
            Resolution::PartialName => "partial name matched to the full name",
            Resolution::Pronoun => "pronoun resolved to the nearest compatible speaker",
            Resolution::Description => "description matched by role",
            Resolution::Itself => "names the source itself",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// Index into `Analysis::entities`.
    pub entity: Option<usize>,
    pub resolution: Option<Resolution>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Organization,
    Unnamed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The fullest name the text gives ("Qin Gang").
    pub name: String,
    pub kind: EntityKind,
    pub gender: Gender,
    /// Other names used for it ("Qin", "Mr. Qin").
    pub aliases: Vec<String>,
    /// Titles and roles ("Chinese Foreign Minister", "the diplomat").
    pub roles: Vec<String>,
    /// Indexes into `Analysis::mentions`, in document order.
    pub mentions: Vec<usize>,
    /// Indexes into `Analysis::quotations`, in document order.
    pub quotations: Vec<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Information,
    Hint,
}

/// The stable codes of findings; `as_str` gives the code users see.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingCode {
    UnattributedQuote,
    UnterminatedQuote,
    ContextAttribution,
    AmbiguousSpeaker,
}

impl FindingCode {
    pub const ALL: [FindingCode; 4] = [
        FindingCode::UnattributedQuote,
        FindingCode::UnterminatedQuote,
        FindingCode::ContextAttribution,
        FindingCode::AmbiguousSpeaker,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            FindingCode::UnattributedQuote => "unattributed-quote",
            FindingCode::UnterminatedQuote => "unterminated-quote",
            FindingCode::ContextAttribution => "context-attribution",
            FindingCode::AmbiguousSpeaker => "ambiguous-speaker",
        }
    }
    pub fn default_severity(self) -> Severity {
        match self {
            FindingCode::UnattributedQuote => Severity::Warning,
            FindingCode::UnterminatedQuote => Severity::Error,
            FindingCode::ContextAttribution => Severity::Hint,
            FindingCode::AmbiguousSpeaker => Severity::Information,
        }
    }
    pub fn parse(s: &str) -> Option<FindingCode> {
        FindingCode::ALL.into_iter().find(|c| c.as_str() == s)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Finding {
    pub span: Span,
    pub code: FindingCode,
    pub severity: Severity,
    pub message: String,
    /// The quotation the finding is about, if any.
    pub quotation: Option<usize>,
}

/// Everything the analysis found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Analysis {
    /// In document order.
    pub quotations: Vec<Quotation>,
    /// In document order.
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    /// In document order.
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The quotation whose span (marks included) touches `offset`; the
    /// innermost when spans nest.
    pub fn quotation_at(&self, offset: usize) -> Option<usize> {
        let i = self.quotations.partition_point(|q| q.span.start <= offset);
        (0..i)
            .rev()
            .take(4)
            .find(|&k| self.quotations[k].span.touches(offset))
    }

    /// The mention whose span touches `offset`.
    pub fn mention_at(&self, offset: usize) -> Option<usize> {
        let i = self.mentions.partition_point(|m| m.span.start <= offset);
        (0..i)
            .rev()
            .take(4)
            .find(|&k| self.mentions[k].span.touches(offset))
    }

    /// The canonical speaker's name of quotation `q`, if any.
    pub fn speaker_name(&self, q: usize) -> Option<&str> {
        let e = self.quotations.get(q)?.entity?;
        Some(self.entities[e].name.as_str())
    }
}

/// What kind of document the text is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Format {
    #[default]
    PlainText,
    Markdown,
}

impl Format {
    /// Picks the format from a file name or an LSP language id.
    pub fn from_hint(hint: &str) -> Format {
        let h = hint.to_ascii_lowercase();
        if h == "markdown" || h.ends_with(".md") || h.ends_with(".markdown") || h.ends_with(".mdx")
        {
            Format::Markdown
        } else {
            Format::PlainText
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Options {
    pub format: Format,
    /// Extra speech cues (verbs in their base form or fixed phrases).
    pub extra_cues: Vec<String>,
    /// People the user told quoth about: their names, roles and pronouns
    /// help resolve surnames, descriptions and pronouns.
    pub known_people: Vec<KnownPerson>,
}

/// A person from the configuration ("Dana Whitfield", aliases "the
/// commissioner", role "Port Commissioner", pronouns she/her).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct KnownPerson {
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub gender: Option<Gender>,
}
