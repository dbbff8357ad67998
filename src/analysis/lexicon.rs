//! Word lists the analysis reads: speech cues with their inflections, titles
//! and roles, organisation and government words, pronouns, and first names
//! with their usual sex (1990 US Census, see `scripts/make_name_lexicons.py`).
//! Built once, on first use.

// Fx hashing: the keys are short words from a fixed list, looked up for
// nearly every token; SipHash's protection against crafted keys buys nothing.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::LazyLock;

use super::types::Gender;

/// Speech cues in their base form. Multi-word cues inflect their first word
/// ("point out" → "pointed out"). Irregular forms are listed in `IRREGULAR`.
const CUE_VERBS: &[&str] = &[
    "say",
    "tell",
    "add",
    "state",
    "warn",
    "note",
    "point out",
    "point to",
    "explain",
    "insist",
    "claim",
    "argue",
    "write",
    "ask",
    "answer",
    "reply",
    "respond",
    "declare",
    "announce",
    "acknowledge",
    "admit",
    "affirm",
    "agree",
    "allege",
    "assert",
    "boast",
    "brag",
    "caution",
    "charge",
    "comment",
    "complain",
    "concede",
    "conclude",
    "confirm",
    "contend",
    "continue",
    "counter",
    "cry",
    "demand",
    "deny",
    "emphasize",
    "emphasise",
    "estimate",
    "exclaim",
    "express regret",
    "express concern",
    "express hope",
    "express confidence",
    "express",
    "fume",
    "grumble",
    "hint",
    "indicate",
    "inform",
    "joke",
    "lament",
    "maintain",
    "mention",
    "mutter",
    "object",
    "observe",
    "opine",
    "plead",
    "pledge",
    "predict",
    "proclaim",
    "promise",
    "protest",
    "quip",
    "reassure",
    "recall",
    "reckon",
    "recount",
    "reiterate",
    "remark",
    "remind",
    "repeat",
    "report",
    "retort",
    "reveal",
    "scoff",
    "scream",
    "shout",
    "sigh",
    "snap",
    "speculate",
    "stress",
    "suggest",
    "swear",
    "tweet",
    "post",
    "urge",
    "vow",
    "whisper",
    "wonder",
    "yell",
    "testify",
    "concur",
    "criticize",
    "criticise",
    "blast",
    "slam",
    "accuse",
    "assure",
    "advise",
    "interject",
    "shoot back",
    "fire back",
    "go on",
    "chime in",
    "weigh in",
    "lash out",
    "sound off",
    "write back",
    "tell reporters",
    "tell journalists",
    "predict",
    "underline",
    "underscore",
    "highlight",
    "recommend",
    "propose",
    "counsel",
    "chant",
    "cheer",
    "complain",
    "bemoan",
    "decry",
    "denounce",
    "dismiss",
    "insist",
    "vent",
    "rail",
    "muse",
    "marvel",
    "gush",
    "laugh",
    "groan",
    "murmur",
    "stammer",
    "sneer",
    "bark",
    "roar",
    "thunder",
    "snarl",
    "hiss",
    "plead",
    "beg",
    "call",
    "describe",
    "dub",
    "hail",
    "tout",
    "refer to",
    "reference",
    "deride",
    "ridicule",
    "brand",
    "label",
    "characterize",
    "characterise",
    "term",
    "email",
    "text",
    "message",
    "read",
    "conclude",
    "summarize",
    "summarise",
    "clarify",
    "elaborate",
    "specify",
    "forecast",
    "guarantee",
    "threaten",
    "volunteer",
    "concede",
    "reason",
    "surmise",
    "posit",
    "aver",
    "attest",
    "certify",
    "disclose",
    "divulge",
    "inquire",
    "enquire",
    "query",
    "question",
    "challenge",
    "dispute",
    "rebut",
    "refute",
    "contradict",
    "echo",
    "quote",
    "cite",
    "write in",
    "put it",
    "mock",
    "praise",
    "thank",
    "blame",
    "complain",
    "acknowledge",
    "whine",
    "rant",
    "sing",
    "preach",
    "lecture",
    "announce",
    "broadcast",
    "publish",
    "headline",
    "intone",
    // Dialogue verbs of fiction.
    "return",
    "rejoin",
    "interrupt",
    "bellow",
    "shriek",
    "mumble",
    "sob",
    "gasp",
    "cry out",
    "call out",
    "chuckle",
    "giggle",
    "snort",
    "growl",
    "resume",
    "persist",
    "venture",
    "put in",
    "break in",
    "cut in",
    "pipe up",
    "drawl",
    "lisp",
    "croak",
    "wail",
    "moan",
    "squeal",
    "purr",
    "coo",
    "stutter",
    "blurt",
    "blurt out",
    "splutter",
    "sputter",
    "grunt",
    "howl",
    "screech",
    "shout back",
    "confess",
    "interpose",
    "falter",
    "demur",
    "call back",
    "whimper",
    "exclaim",
    "ejaculate",
    "expostulate",
    "remonstrate",
    "observe",
    "reflect",
    "suppose",
    "assent",
    "acquiesce",
    "demur",
    "urge",
    "implore",
    "entreat",
    "command",
    "warn",
    "soothe",
    "console",
    "tease",
    "taunt",
    "jeer",
    "bluster",
    // More of news's and fiction's verbs of saying.
    "exhort",
    "crow",
    "enthuse",
    "exult",
    "chide",
    "admonish",
    "fret",
    "gripe",
    "grouse",
    "rave",
    "snipe",
    "hit back",
    "push back",
];

/// Past tense and participles that do not follow the regular rules.
const IRREGULAR: &[(&str, &[&str])] = &[
    ("say", &["said"]),
    ("think", &["thought"]),
    ("begin", &["began", "begun"]),
    ("tell", &["told"]),
    ("write", &["wrote", "written"]),
    ("swear", &["swore", "sworn"]),
    ("shoot", &["shot"]),
    ("go", &["went", "gone"]),
    ("sing", &["sang", "sung"]),
    ("read", &["read"]),
    ("put", &["put"]),
    ("cry", &["cried"]),
    ("reply", &["replied"]),
    ("deny", &["denied"]),
    ("testify", &["testified"]),
    ("clarify", &["clarified"]),
    ("certify", &["certified"]),
    ("specify", &["specified"]),
    ("query", &["queried"]),
    ("forecast", &["forecast"]),
    ("broadcast", &["broadcast"]),
    ("fire", &["fired"]),
    ("break", &["broke", "broken"]),
    ("cut", &["cut"]),
    ("sob", &["sobbed"]),
    ("hit", &["hit"]),
];

/// Verbs whose final consonant doubles (admit → admitted).
const DOUBLING: &[&str] = &[
    "admit", "quip", "snap", "commit", "regret", "rebut", "chat", "bark", "grin", "demur", "fret",
    "hit",
];

/// Forms that end a cue's participle search (-ing forms used as cues after a
/// comma: "…, adding that …").
pub fn inflections(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    if let Some((_, forms)) = IRREGULAR.iter().find(|(b, _)| *b == base) {
        out.extend(forms.iter().map(|s| s.to_string()));
    } else if base.ends_with('e') {
        out.push(format!("{base}d"));
    } else if base.ends_with('y')
        && !base.ends_with("ey")
        && !base.ends_with("ay")
        && !base.ends_with("oy")
    {
        out.push(format!("{}ied", &base[..base.len() - 1]));
    } else if DOUBLING.contains(&base) && base != "bark" {
        out.push(format!("{base}{}ed", &base[base.len() - 1..]));
    } else {
        out.push(format!("{base}ed"));
    }
    // third person
    if base.ends_with('s')
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('x')
        || base.ends_with('z')
        || base == "go"
        || base == "echo"
    {
        out.push(format!("{base}es"));
    } else if base.ends_with('y')
        && !base.ends_with("ey")
        && !base.ends_with("ay")
        && !base.ends_with("oy")
    {
        out.push(format!("{}ies", &base[..base.len() - 1]));
    } else {
        out.push(format!("{base}s"));
    }
    // -ing
    if let Some(stem) = base.strip_suffix("ie") {
        out.push(format!("{stem}ying"));
    } else if base.ends_with('e') && !base.ends_with("ee") && base != "be" {
        out.push(format!("{}ing", &base[..base.len() - 1]));
    } else if DOUBLING.contains(&base) && base != "bark" {
        out.push(format!("{base}{}ing", &base[base.len() - 1..]));
    } else {
        out.push(format!("{base}ing"));
    }
    out
}

/// A cue entry: its words (lowercase) and whether it is a weak cue, one that
/// also introduces quoted names and terms ("called", "described").
#[derive(Debug, Clone)]
pub struct Cue {
    pub words: Vec<String>,
    pub weak: bool,
    /// An -ing form: it has no subject of its own ("…, adding that").
    pub participle: bool,
    /// The base form ("message", "report"), which can also be a noun.
    pub base: bool,
}

/// Cues that count only right next to a quotation (also cues by themselves:
/// the cue index takes every entry of this list too).
const WEAK: &[&str] = &[
    "intimate",
    "rate",
    "pursue",
    "breathe",
    "smile",
    "grin",
    "think",
    "begin",
    "correct",
    "return",
    "resume",
    "persist",
    "venture",
    "reflect",
    "suppose",
    "command",
    "console",
    "call",
    "describe",
    "dub",
    "brand",
    "label",
    "characterize",
    "characterise",
    "term",
    "quote",
    "cite",
    "mock",
    "praise",
    "thank",
    "blame",
    "read",
    "post",
    "message",
    "text",
    "headline",
    "publish",
    "broadcast",
    "question",
    "challenge",
    "echo",
    "sing",
    "chant",
    "cheer",
    "laugh",
    "repeat",
    "continue",
    "go on",
    "report",
];

/// All cue forms, indexed by their first word.
pub static CUES: LazyLock<CueMap> =
    LazyLock::new(|| cue_map(CUE_VERBS.iter().chain(WEAK).copied(), true));

/// Cue forms by their first word.
pub type CueMap = HashMap<String, Vec<Cue>>;

/// Builds a cue index from base forms ("point out"): every inflection of the
/// first word, longest cues first.
pub fn cue_map<'a>(entries: impl Iterator<Item = &'a str>, builtin: bool) -> CueMap {
    let mut map = CueMap::default();
    let mut seen = HashSet::default();
    for entry in entries {
        let entry = entry.trim().to_lowercase();
        let mut parts = entry.split_whitespace();
        let Some(head) = parts.next() else { continue };
        let rest: Vec<&str> = parts.collect();
        let weak = builtin && WEAK.contains(&entry.as_str());
        let forms = inflections(head);
        // "read" is its own past tense: never only a base form.
        let past_is_base = forms[1..].iter().any(|f| f == head);
        for form in forms {
            let mut words = vec![form.clone()];
            words.extend(rest.iter().map(|s| s.to_string()));
            if !seen.insert(words.join(" ")) {
                continue;
            }
            let participle = form.ends_with("ing");
            let base = form == head && !past_is_base;
            map.entry(form).or_default().push(Cue {
                words,
                weak,
                participle,
                base,
            });
        }
    }
    for cues in map.values_mut() {
        // Longest first, so "pointed out" wins over a bare "pointed".
        cues.sort_by_key(|c| std::cmp::Reverse(c.words.len()));
    }
    map
}

/// How many distinct cue forms the lexicon knows (for the docs and tests).
pub fn cue_form_count() -> usize {
    CUES.values().map(Vec::len).sum()
}

pub fn cue_base_count() -> usize {
    CUE_VERBS.iter().chain(WEAK).collect::<HashSet<_>>().len()
}

fn set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

/// Personal titles that precede a name; their gender where they carry one.
pub static HONORIFICS: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| {
    let mut m = HashMap::default();
    for t in [
        "mr", "mr.", "sir", "lord", "king", "prince", "father", "brother", "monsieur", "herr",
        "señor", "sr.", "m.",
    ] {
        m.insert(t, Gender::Male);
    }
    for t in [
        "mrs", "mrs.", "ms", "ms.", "miss", "madam", "madame", "dame", "lady", "queen", "princess",
        "sister", "mme", "mme.", "frau", "señora", "sra.",
    ] {
        m.insert(t, Gender::Female);
    }
    for t in ["dr", "dr.", "prof", "prof.", "rev", "rev.", "mx", "mx."] {
        m.insert(t, Gender::Unknown);
    }
    m
});

/// Words of titles and roles that stand before a name ("Chinese Foreign
/// Minister Qin Gang", "Sen. Claire Smith", "Retired Lt. Gen. John Doe").
pub static TITLE_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("president vice minister secretary senator sen sen. representative rep rep. congressman congresswoman
    governor gov gov. lt lt. gen gen. general col col. colonel maj maj. major capt capt. captain sgt sgt. sergeant
    adm adm. admiral cmdr commander chief chairman chairwoman chair chairperson speaker leader mayor judge justice
    attorney ambassador envoy spokesman spokeswoman spokesperson director deputy assistant acting prime premier
    chancellor foreign defense defence interior finance treasury state home trade health education justice
    labor labour energy agriculture transportation commerce homeland security national press white house
    minority majority whip former retired then late interim incoming outgoing designate elect
    democratic republican democrat gop independent libertarian conservative liberal labour tory
    presidential vice-presidential candidate nominee hopeful contender frontrunner front-runner
    pope cardinal bishop archbishop rabbi imam pastor reverend
    coach manager ceo cfo coo founder co-founder executive officer analyst economist strategist
    pollster professor dr dr. doctor lawyer attorney counsel sheriff detective officer inspector
    constable superintendent commissioner councilman councilwoman councillor councilor alderman
    delegate mp mep lawmaker legislator official aide adviser advisor consultant
    fm pm u.s. us uk un eu nato first lady gentleman district circuit supreme court
    sen rep gov atty atty. supt supt. insp insp. det det. cpl cpl. pvt pvt. sgt staff
    assemblyman assemblywoman assemblymember
    host anchor correspondent reporter columnist editor writer author publisher
    actor actress singer rapper comedian star chef activist organizer organiser journalist
    moderator presenter broadcaster announcer magistrate coroner marshal lieutenant solicitor barrister
    house senate party committee campaign administration department ministry office")
});

/// Nouns that name a person by role, for descriptions ("the diplomat") and
/// for telling a person's role from an organisation's name.
pub static ROLE_NOUNS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "president minister secretary senator representative congressman congresswoman governor
    general colonel major captain sergeant admiral commander chief chairman chairwoman chair
    speaker leader mayor judge justice attorney ambassador envoy spokesman spokeswoman spokesperson
    director deputy assistant premier chancellor diplomat official officer aide adviser advisor
    consultant candidate nominee hopeful contender frontrunner front-runner pope cardinal bishop
    rabbi imam pastor coach manager ceo founder executive analyst economist strategist pollster
    professor doctor lawyer counsel sheriff detective inspector commissioner councilman councilwoman
    councillor alderman delegate lawmaker legislator businessman businesswoman billionaire
    mogul magnate tycoon entrepreneur host anchor correspondent reporter columnist editor writer
    author actor actress singer rapper comedian star activist organizer organiser lady man woman
    politician statesman stateswoman fm pm mp veteran expert scientist researcher teacher student
    father mother son daughter husband wife brother sister friend neighbor neighbour resident
    witness victim survivor owner worker employee member head boss negotiator mediator
    prosecutor defender governor-elect president-elect incumbent challenger rival opponent
    republican democrat conservative liberal socialist independent libertarian populist
    insider source sources critic critics supporter supporters protester protesters
    billionaire developer investor banker trader farmer soldier officer nurse physician surgeon
    chairperson secretary-general director-general premier king queen prince princess emperor
    cleric preacher monk priest nun guru commentator pundit blogger spokesperson principal
    dean provost president chief-of-staff staffer staffers operative operatives surrogate
    engineer architect planner historian scholar academic lecturer biologist physicist chemist
    climatologist epidemiologist psychologist psychiatrist pharmacist dentist paramedic
    firefighter pilot driver clerk chef cook waiter waitress mechanic electrician plumber miner
    fisherman shopkeeper landlord tenant homeowner customer patient parent grandparent child
    teenager pupil graduate volunteer coordinator administrator superintendent trustee treasurer
    auditor investigator agent constable trooper warden ranger consul lobbyist campaigner
    demonstrator unionist vicar chaplain deacon contractor landowner rancher grower vendor
    merchant retailer publisher producer filmmaker photographer artist musician poet novelist
    playwright athlete player referee commuter passenger motorist cyclist traveller traveler
    tourist visitor migrant refugee immigrant villager citizen voter taxpayer shareholder donor
    partner colleague associate ally confidant classmate roommate cousin mentor spouse sibling
    commenter user reader viewer caller listener attendee participant respondent marcher
    spectator onlooker bystander follower fan journalist moderator presenter broadcaster
    announcer interviewer panelist panellist emcee master narrator lieutenant marshal solicitor
    barrister magistrate juror coroner counselor counsellor therapist",
    )
});

/// Roles whose description, when no one in the text holds the role, is
/// someone of their own rather than a person named otherwise: people who
/// speak for another ("the spokesman", "an aide") and parts in a scene
/// ("the moderator", "the coroner").
pub const ROLES_OF_THEIR_OWN: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "staffer",
    "adviser",
    "advisor",
    "moderator",
    "presenter",
    "announcer",
    "interviewer",
    "emcee",
    "narrator",
    "juror",
    "coroner",
    "magistrate",
    "master",
    "panelist",
    "panellist",
];

/// Synonym groups for matching a description to a role ("the diplomat" fits
/// "Foreign Minister"; "the FM" is "Foreign Minister").
pub const ROLE_GROUPS: &[&[&str]] = &[
    &[
        "diplomat",
        "foreign",
        "minister",
        "fm",
        "ambassador",
        "envoy",
        "secretary",
        "diplomacy",
    ],
    &["fm", "foreign minister"],
    &["pm", "prime minister", "premier"],
    &["senator", "sen", "sen."],
    &[
        "congressman",
        "congresswoman",
        "lawmaker",
        "representative",
        "rep",
        "rep.",
        "legislator",
    ],
    &["governor", "gov", "gov."],
    &["president", "leader"],
    &[
        "businessman",
        "businesswoman",
        "billionaire",
        "mogul",
        "developer",
        "tycoon",
        "magnate",
        "executive",
        "ceo",
    ],
    &["nominee", "candidate", "hopeful", "contender"],
    &["chairman", "chairwoman", "chair", "chairperson", "head"],
    &["spokesman", "spokeswoman", "spokesperson"],
    &["lawyer", "attorney", "counsel"],
    &["general", "gen", "gen.", "commander"],
];

/// The `ROLE_GROUPS` each of their words is in, in order.
static ROLE_GROUPS_OF: LazyLock<HashMap<&'static str, Vec<usize>>> = LazyLock::new(|| {
    let mut of: HashMap<&'static str, Vec<usize>> = HashMap::default();
    for (g, words) in ROLE_GROUPS.iter().enumerate() {
        for w in words.iter() {
            let groups = of.entry(w).or_default();
            if groups.last() != Some(&g) {
                groups.push(g);
            }
        }
    }
    of
});

/// The `ROLE_GROUPS` that contain `w`, in their order (those that
/// `ROLE_GROUPS.iter().filter(|g| g.contains(&w))` gives).
pub fn role_groups_of(w: &str) -> impl Iterator<Item = &'static [&'static str]> {
    ROLE_GROUPS_OF
        .get(w)
        .map_or(&[][..], Vec::as_slice)
        .iter()
        .map(|&g| ROLE_GROUPS[g])
}

/// Words whose presence as the head makes a capitalised name an organisation.
pub static ORG_WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "times post journal news network tribune herald guardian telegraph gazette chronicle
    press reuters bloomberg politico breitbart huffpost axios cnn nbc abc cbs msnbc fox bbc npr pbs
    magazine newspaper newsletter tabloid broadcaster outlet publication newsroom
    weekly daily review report associated agency bureau
    department ministry office council committee commission board authority administration
    party campaign caucus coalition alliance union federation league association society institute
    foundation fund center centre university college school academy hospital clinic
    court congress senate parliament assembly legislature government cabinet kremlin pentagon
    police force army navy military command corps guard service services
    inc inc. corp corp. co co. ltd ltd. llc plc group company corporation bank holdings partners
    organization organisation organizations nations network trust club team
    church mosque ministry inquiry panel tribunal embassy consulate mission
    house hall",
    )
});

/// Organisations and places that speak for a government or institution.
pub static METONYMS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "moscow beijing washington kiev kyiv london paris berlin brussels tokyo seoul pyongyang
    tehran ankara delhi new-delhi islamabad kabul baghdad damascus riyadh cairo jerusalem
    ottawa canberra madrid rome warsaw minsk tbilisi budapest prague vienna athens stockholm
    oslo copenhagen helsinki dublin lisbon bern havana caracas brasilia brasília
    taipei hanoi manila jakarta bangkok doha abu-dhabi kremlin pentagon whitehall downing
    westminster vatican nato un eu opec
    alabama alaska arizona arkansas california colorado connecticut delaware florida georgia
    hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts
    michigan minnesota mississippi missouri montana nebraska nevada new-hampshire new-jersey
    new-mexico new-york north-carolina north-dakota ohio oklahoma oregon pennsylvania
    rhode-island south-carolina south-dakota tennessee texas utah vermont virginia
    west-virginia wisconsin wyoming america united-states china russia ukraine india
    pakistan iran iraq syria israel turkey egypt japan germany france britain england
    scotland wales ireland italy spain poland canada mexico brazil australia europe asia
    africa korea north-korea south-korea taiwan cuba venezuela afghanistan
    albania algeria andorra angola antigua argentina armenia austria azerbaijan bahamas bahrain
    bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia botswana brunei
    bulgaria burkina-faso burma burundi cambodia cameroon cape-verde chad chile colombia comoros
    congo costa-rica croatia cyprus czechia czech-republic denmark djibouti dominica
    dominican-republic ecuador el-salvador eritrea estonia eswatini ethiopia fiji finland gabon
    gambia ghana greece grenada guatemala guinea guyana haiti honduras hungary iceland indonesia
    ivory-coast jamaica jordan kazakhstan kenya kiribati kosovo kuwait kyrgyzstan laos latvia
    lebanon lesotho liberia libya liechtenstein lithuania luxembourg madagascar malawi malaysia
    maldives mali malta mauritania mauritius micronesia moldova monaco mongolia montenegro
    morocco mozambique myanmar namibia nauru nepal netherlands new-zealand nicaragua niger
    nigeria north-macedonia norway oman palau palestine panama papua-new-guinea paraguay peru
    philippines portugal qatar romania rwanda samoa san-marino saudi-arabia senegal serbia
    seychelles sierra-leone singapore slovakia slovenia somalia south-africa south-sudan
    sri-lanka sudan suriname sweden switzerland tajikistan tanzania thailand togo tonga
    trinidad tunisia turkmenistan tuvalu uganda united-kingdom uruguay uzbekistan vanuatu
    vietnam yemen zambia zimbabwe",
    )
});

/// Countries and their adjectives, for matching "the Chinese FM".
pub static NATIONALITIES: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "american british chinese russian ukrainian french german japanese korean indian pakistani
    iranian iraqi syrian israeli palestinian saudi turkish egyptian canadian mexican brazilian
    australian italian spanish polish dutch belgian swedish norwegian danish finnish irish
    greek portuguese swiss austrian hungarian czech romanian bulgarian serbian croatian
    belarusian georgian armenian azerbaijani kazakh afghan vietnamese thai indonesian
    filipino malaysian nigerian kenyan ethiopian south african cuban venezuelan colombian
    argentine chilean peruvian taiwanese european western eastern",
    )
});

pub static PRONOUNS: LazyLock<HashMap<&'static str, (Gender, bool)>> = LazyLock::new(|| {
    // (gender, plural)
    let mut m = HashMap::default();
    m.insert("he", (Gender::Male, false));
    m.insert("she", (Gender::Female, false));
    m.insert("they", (Gender::Unknown, true));
    m.insert("it", (Gender::Unknown, false));
    m.insert("we", (Gender::Unknown, true));
    m.insert("i", (Gender::Unknown, false));
    m.insert("you", (Gender::Unknown, false));
    m
});

/// Words that start a noun phrase (and belong to it).
pub static DETERMINERS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set("the a an his her its their our my your this that these those one two three four five several
    many some other another both each every few most all no any such")
});

/// Unnamed sources: heads of noun phrases that stand for someone unnamed.
pub static UNNAMED_HEADS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    set(
        "source sources official officials aide aides insider insiders person people someone
    adviser advisers advisors advisor staffer staffers operative operatives protesters protester
    demonstrators demonstrator critics critic supporters supporter observers observer
    analysts analyst experts expert witnesses witness residents resident voters voter
    friend friends relative relatives colleague colleagues member members diplomats diplomat
    spokesman spokeswoman spokesperson questioner narrator announcer leaders doctor lawyer
    attorneys officer officers investigators investigator agents agent somebody
    crowd crowds audience hecklers heckler marchers spectators fans students",
    )
});

/// Nouns for documents and statements that speak for whoever issued them.
pub static DOCUMENT_NOUNS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| {
        set("statement report letter memo memorandum ad advertisement clip video article piece story
    book ruling complaint document release filing lawsuit suit tweet post email study survey poll
    editorial column op-ed brief website page transcript note message notice order decision
    opinion analysis bill law platform resolution petition proposal plan policy account recording
    footage readout summary footnote headline caption indictment affidavit testimony manifesto
    bylaws charter guidelines")
    });

/// Common English words that start sentences with a capital but are not names.
pub static FUNCTION_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| {
        set("the a an and but or nor so yet for of in on at to from by with without within into onto
    over under after before during since until while as if when where why how what who whom whose
    which that this these those there here then than thus however meanwhile moreover also still
    even just only not no yes it its he she they we i you his her their our my your him them us me
    is are was were be been being has have had do does did will would shall should can could may
    might must last next first second third once now today yesterday tomorrow earlier later
    according despite although though because unless whether between among against about above
    below across around through throughout toward towards upon via per all some any each every
    outside inside behind beyond beside beneath amid amidst alongside underneath
    both either neither many much more most few other another such same own one two three
    four five six seven eight nine ten hundred thousand million billion instead rather indeed
    perhaps maybe still already again further furthermore nevertheless nonetheless otherwise
    overall finally similarly likewise additionally ultimately especially particularly
    monday tuesday wednesday thursday friday saturday sunday
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec read watch see click follow sign
    like unlike asked said says told photo image video update correction editor note
    well oh okay ok mr mrs ms dr sen rep gov st")
    });

/// Which of the word lists above a word is in, as bits: worked out once
/// per distinct word of a text (`Lower::is`), so that the phrase finders
/// need not hash the word again at every look-up.
#[derive(Clone, Copy, Default)]
pub struct Lex(u16);

impl Lex {
    pub const FUNCTION_WORDS: Lex = Lex(1);
    pub const DETERMINERS: Lex = Lex(1 << 1);
    pub const TITLE_WORDS: Lex = Lex(1 << 2);
    pub const ROLE_NOUNS: Lex = Lex(1 << 3);
    pub const HONORIFICS: Lex = Lex(1 << 4);
    pub const NATIONALITIES: Lex = Lex(1 << 5);
    pub const UNNAMED_HEADS: Lex = Lex(1 << 6);
    pub const ORG_WORDS: Lex = Lex(1 << 7);
    pub const PRONOUNS: Lex = Lex(1 << 8);
    /// The first word of a built-in speech cue (`CUES`).
    pub const CUES: Lex = Lex(1 << 9);
    pub const DOCUMENT_NOUNS: Lex = Lex(1 << 10);
    /// A surname of the census list (`is_surname`).
    pub const SURNAMES: Lex = Lex(1 << 11);
    /// An abbreviation (`tokens::ABBREVIATIONS`) or initials (`tokens::is_initials`).
    pub const ABBREVIATIONS: Lex = Lex(1 << 12);
    /// A word of `attribute::PREPOSITIONS` (the subject search asks a few
    /// times per sentence: a search of the list compared it with each).
    pub const PREPOSITIONS: Lex = Lex(1 << 13);

    /// The lists `w` is in.
    pub fn of(w: &str) -> Lex {
        known(w).lex
    }

    /// Some list of `l` is among these.
    pub fn has(self, l: Lex) -> bool {
        self.0 & l.0 != 0
    }
}

/// The number of lines of a name list: its table is sized for them at once
/// (collected from `lines()` it would grow, and rehash, a dozen times).
fn line_count(list: &str) -> usize {
    memchr::memchr_iter(b'\n', list.as_bytes()).count() + 1
}

/// What the lexicon knows of a lowercased word: the lists it is in, its
/// usual sex as a first name and the built-in cues that open with it.
#[derive(Clone, Copy, Default)]
pub struct Known {
    pub lex: Lex,
    pub first_name: Option<Gender>,
    pub cues: Option<&'static [Cue]>,
}

/// Every word of every list, with all that is known of it, so that a word is
/// looked up once rather than once per list (each distinct word of a text is
/// looked up when it is first seen; on real news, where most words of an
/// article are new to it, a look-up per list was more than a quarter of the
/// analysis).
static KNOWN: LazyLock<HashMap<&'static str, Known>> = LazyLock::new(|| {
    const FIRST: &str = include_str!("lexicon/first_names.txt");
    const LAST: &str = include_str!("lexicon/surnames.txt");
    let mut known: HashMap<&'static str, Known> =
        HashMap::with_capacity_and_hasher(line_count(FIRST) + line_count(LAST), Default::default());
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, l: Lex| {
        for w in words {
            known.entry(w).or_default().lex.0 |= l.0;
        }
    };
    add(&mut FUNCTION_WORDS.iter().copied(), Lex::FUNCTION_WORDS);
    add(&mut DETERMINERS.iter().copied(), Lex::DETERMINERS);
    add(&mut TITLE_WORDS.iter().copied(), Lex::TITLE_WORDS);
    add(&mut ROLE_NOUNS.iter().copied(), Lex::ROLE_NOUNS);
    add(&mut HONORIFICS.keys().copied(), Lex::HONORIFICS);
    add(&mut NATIONALITIES.iter().copied(), Lex::NATIONALITIES);
    add(&mut UNNAMED_HEADS.iter().copied(), Lex::UNNAMED_HEADS);
    add(&mut ORG_WORDS.iter().copied(), Lex::ORG_WORDS);
    add(&mut PRONOUNS.keys().copied(), Lex::PRONOUNS);
    add(&mut DOCUMENT_NOUNS.iter().copied(), Lex::DOCUMENT_NOUNS);
    add(&mut LAST.lines(), Lex::SURNAMES);
    add(
        &mut super::tokens::ABBREVIATIONS.iter().copied(),
        Lex::ABBREVIATIONS,
    );
    add(
        &mut super::attribute::PREPOSITIONS.iter().copied(),
        Lex::PREPOSITIONS,
    );
    let cues: &'static CueMap = &CUES;
    for (w, list) in cues {
        let k = known.entry(w.as_str()).or_default();
        k.lex.0 |= Lex::CUES.0;
        k.cues = Some(list.as_slice());
    }
    for l in FIRST.lines() {
        let Some((name, g)) = l.split_once(' ') else {
            continue;
        };
        known.entry(name).or_default().first_name = Some(match g {
            "m" => Gender::Male,
            "f" => Gender::Female,
            _ => Gender::Unknown,
        });
    }
    known
});

/// All the lexicon knows of the lowercased word `w` (one look-up).
pub fn known(w: &str) -> Known {
    let mut k = KNOWN.get(w).copied().unwrap_or_default();
    if super::tokens::is_initials(w) {
        k.lex.0 |= Lex::ABBREVIATIONS.0;
    }
    k
}

/// The usual sex of a first name (`Unknown` for a name both sexes use), or
/// `None` when the census does not list it as a first name.
pub fn first_name_gender(lower: &str) -> Option<Gender> {
    KNOWN.get(lower).and_then(|k| k.first_name)
}

pub fn is_surname(lower: &str) -> bool {
    KNOWN.get(lower).is_some_and(|k| k.lex.has(Lex::SURNAMES))
}

/// The word is a known surname or first name (one look-up for both).
pub fn is_name_word(lower: &str) -> bool {
    KNOWN
        .get(lower)
        .is_some_and(|k| k.lex.has(Lex::SURNAMES) || k.first_name.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_look_up_answers_as_each_list_would() {
        let sets: [(&HashSet<&'static str>, Lex); 8] = [
            (&FUNCTION_WORDS, Lex::FUNCTION_WORDS),
            (&DETERMINERS, Lex::DETERMINERS),
            (&TITLE_WORDS, Lex::TITLE_WORDS),
            (&ROLE_NOUNS, Lex::ROLE_NOUNS),
            (&NATIONALITIES, Lex::NATIONALITIES),
            (&UNNAMED_HEADS, Lex::UNNAMED_HEADS),
            (&ORG_WORDS, Lex::ORG_WORDS),
            (&DOCUMENT_NOUNS, Lex::DOCUMENT_NOUNS),
        ];
        let words = sets
            .iter()
            .flat_map(|(s, _)| s.iter().copied())
            .chain(HONORIFICS.keys().copied())
            .chain(PRONOUNS.keys().copied())
            .chain(CUES.keys().map(String::as_str))
            .chain([
                "smith", "mary", "j.r", "q", "u.s", "during", "zebra", "", "x-ray",
            ]);
        for w in words {
            let k = known(w);
            for (set, l) in &sets {
                assert_eq!(k.lex.has(*l), set.contains(w), "{w:?}");
            }
            assert_eq!(
                k.lex.has(Lex::HONORIFICS),
                HONORIFICS.contains_key(w),
                "{w:?}"
            );
            assert_eq!(k.lex.has(Lex::PRONOUNS), PRONOUNS.contains_key(w), "{w:?}");
            assert_eq!(k.lex.has(Lex::CUES), CUES.contains_key(w), "{w:?}");
            assert_eq!(k.cues.map(<[Cue]>::len), CUES.get(w).map(Vec::len), "{w:?}");
            assert_eq!(
                k.lex.has(Lex::PREPOSITIONS),
                super::super::attribute::PREPOSITIONS.contains(&w),
                "{w:?}"
            );
            let abbreviation = super::super::tokens::ABBREVIATIONS.contains(&w)
                || super::super::tokens::is_initials(w);
            assert_eq!(k.lex.has(Lex::ABBREVIATIONS), abbreviation, "{w:?}");
        }
        assert!(known("smith").lex.has(Lex::SURNAMES));
        assert_eq!(known("mary").first_name, Some(Gender::Female));
        assert!(is_name_word("smith") && is_name_word("mary") && !is_name_word("zebra"));
        assert!(known("zebra").first_name.is_none() && !known("zebra").lex.has(Lex::SURNAMES));
        assert!(known("j.r").lex.has(Lex::ABBREVIATIONS) && known("q").lex.has(Lex::ABBREVIATIONS));
    }

    #[test]
    fn inflects_regular_and_irregular_cues() {
        let f = inflections("say");
        assert!(
            f.contains(&"said".to_string())
                && f.contains(&"says".to_string())
                && f.contains(&"saying".to_string())
        );
        assert!(inflections("admit").contains(&"admitted".to_string()));
        assert!(inflections("note").contains(&"noting".to_string()));
        assert!(inflections("deny").contains(&"denies".to_string()));
        assert!(inflections("reply").contains(&"replied".to_string()));
        assert!(inflections("stress").contains(&"stresses".to_string()));
    }

    #[test]
    fn at_least_a_hundred_cues() {
        assert!(cue_base_count() >= 100, "{}", cue_base_count());
        let pointed = &CUES["pointed"];
        assert_eq!(pointed[0].words, vec!["pointed", "out"]);
        assert!(CUES.contains_key("told"));
        assert!(CUES["expressed"]
            .iter()
            .any(|c| c.words == ["expressed", "regret"]));
    }

    #[test]
    fn names_lexicon_loads() {
        assert_eq!(first_name_gender("mary"), Some(Gender::Female));
        assert_eq!(first_name_gender("john"), Some(Gender::Male));
        assert!(is_surname("smith"));
    }
}

/// US states and the District: (name, AP abbreviation, postal code). A
/// member of Congress is often introduced as "(D-Ohio)" or ", R-Fla.,"
/// and described later as "the Ohio Democrat".
const US_STATES: &[(&str, &str, &str)] = &[
    ("Alabama", "Ala", "AL"),
    ("Alaska", "Alaska", "AK"),
    ("Arizona", "Ariz", "AZ"),
    ("Arkansas", "Ark", "AR"),
    ("California", "Calif", "CA"),
    ("Colorado", "Colo", "CO"),
    ("Connecticut", "Conn", "CT"),
    ("Delaware", "Del", "DE"),
    ("Florida", "Fla", "FL"),
    ("Georgia", "Ga", "GA"),
    ("Hawaii", "Hawaii", "HI"),
    ("Idaho", "Idaho", "ID"),
    ("Illinois", "Ill", "IL"),
    ("Indiana", "Ind", "IN"),
    ("Iowa", "Iowa", "IA"),
    ("Kansas", "Kan", "KS"),
    ("Kentucky", "Ky", "KY"),
    ("Louisiana", "La", "LA"),
    ("Maine", "Maine", "ME"),
    ("Maryland", "Md", "MD"),
    ("Massachusetts", "Mass", "MA"),
    ("Michigan", "Mich", "MI"),
    ("Minnesota", "Minn", "MN"),
    ("Mississippi", "Miss", "MS"),
    ("Missouri", "Mo", "MO"),
    ("Montana", "Mont", "MT"),
    ("Nebraska", "Neb", "NE"),
    ("Nevada", "Nev", "NV"),
    ("New Hampshire", "N.H", "NH"),
    ("New Jersey", "N.J", "NJ"),
    ("New Mexico", "N.M", "NM"),
    ("New York", "N.Y", "NY"),
    ("North Carolina", "N.C", "NC"),
    ("North Dakota", "N.D", "ND"),
    ("Ohio", "Ohio", "OH"),
    ("Oklahoma", "Okla", "OK"),
    ("Oregon", "Ore", "OR"),
    ("Pennsylvania", "Pa", "PA"),
    ("Rhode Island", "R.I", "RI"),
    ("South Carolina", "S.C", "SC"),
    ("South Dakota", "S.D", "SD"),
    ("Tennessee", "Tenn", "TN"),
    ("Texas", "Texas", "TX"),
    ("Utah", "Utah", "UT"),
    ("Vermont", "Vt", "VT"),
    ("Virginia", "Va", "VA"),
    ("Washington", "Wash", "WA"),
    ("West Virginia", "W.Va", "WV"),
    ("Wisconsin", "Wis", "WI"),
    ("Wyoming", "Wyo", "WY"),
    ("District of Columbia", "D.C", "DC"),
];

/// The state a party label names ("Ohio", "Fla.", "N.Y.", "TX"), by its
/// full name, AP abbreviation (with or without the full stop) or postal
/// code.
pub fn us_state(s: &str) -> Option<&'static str> {
    let s = s.trim().trim_end_matches('.');
    US_STATES
        .iter()
        .find(|(name, ap, postal)| {
            s.eq_ignore_ascii_case(name)
                || s.eq_ignore_ascii_case(ap)
                || s == *postal
                || s.replace(' ', "").eq_ignore_ascii_case(ap)
        })
        .map(|(name, _, _)| *name)
}

/// "(D-Ohio)", ", R-Fla.,", "(I-Vt.)" right after a name (`after` is the
/// text that follows it): the party and state as a description of the
/// person, "Ohio Democrat".
pub fn party_state_role(after: &str) -> Option<String> {
    let rest = after.trim_start_matches([' ', '\u{a0}']);
    let rest = rest.strip_prefix(['(', ','])?.trim_start();
    let mut chars = rest.char_indices();
    let (_, party) = chars.next()?;
    let party = match party {
        'D' => "Democrat",
        'R' => "Republican",
        'I' => "Independent",
        _ => return None,
    };
    let rest = rest[1..].trim_start();
    let rest = rest
        .strip_prefix('-')
        .or_else(|| rest.strip_prefix('–'))?
        .trim_start();
    // The state runs to the closing bracket or comma, within a few words.
    let close = rest.find([')', ','])?;
    if close > 24 {
        return None;
    }
    let state = us_state(&rest[..close])?;
    Some(format!("{state} {party}"))
}

#[cfg(test)]
mod party_tests {
    use super::party_state_role;

    #[test]
    fn party_and_state_labels() {
        let role = |s: &str| party_state_role(s);
        assert_eq!(role(" (D-Ohio) said").as_deref(), Some("Ohio Democrat"));
        assert_eq!(
            role(", R-Fla., said").as_deref(),
            Some("Florida Republican")
        );
        assert_eq!(role(" (I-Vt.)").as_deref(), Some("Vermont Independent"));
        assert_eq!(role(" (D-N.Y.) said").as_deref(), Some("New York Democrat"));
        assert_eq!(role(" (R – Texas)").as_deref(), Some("Texas Republican"));
        assert_eq!(role(" (R-TX)").as_deref(), Some("Texas Republican"));
        assert_eq!(role(" (Dole) said"), None);
        assert_eq!(role(" (D-Atlantis)"), None);
        assert_eq!(role(", Democrat of Ohio,"), None);
        assert_eq!(role(""), None);
    }
}
