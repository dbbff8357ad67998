//! Mentions → entities. Full names found anywhere give each person their
//! canonical name; surnames join the full name they share a last word with;
//! pronouns take the nearest compatible speaker; descriptions take the person
//! whose role fits.

// Fx hashing: keys are words and names of the text, looked up per mention;
// none of these maps is iterated, so the hasher changes no result.
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::lexicon::{role_groups_of, NATIONALITIES, ROLE_NOUNS, UNNAMED_HEADS};
use super::mentions::{gender_of_noun, Phrase};
use super::types::{Entity, EntityKind, Gender, MentionKind, Resolution};

/// A mention waiting for its entity.
#[derive(Clone, Debug)]
pub struct Pending {
    pub phrase: Phrase,
    /// The mention names the speaker of a quotation.
    pub speaker: bool,
    /// The mention is the subject of its sentence.
    pub subject: bool,
    /// Sentence index (as `u32`, like token offsets: a smaller entry).
    pub sent: u32,
    /// Extra role words (an appositive). (A boxed `str`: a smaller entry.)
    pub extra_role: Option<Box<str>>,
    /// Paragraph index (as `u32`).
    pub para: u32,
    /// A speech verb follows the mention ("McAdam said the …"): a source of
    /// reported speech, even without a quotation.
    pub says: bool,
}

// (A long text has a pending mention for every name, description and
// subject pronoun: kept at 104 bytes.)
const _: () = assert!(std::mem::size_of::<Pending>() <= 104);

/// The outcome for one mention.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub entity: Option<usize>,
    pub resolution: Option<Resolution>,
    /// Another entity fitted equally well.
    pub ambiguous_with: Option<usize>,
}

fn words(s: &str) -> Vec<String> {
    if s.is_ascii() {
        return ascii_words(s);
    }
    s.split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            // One allocation for the usual ASCII word (no ’ to replace).
            if w.is_ascii() {
                w.to_ascii_lowercase()
            } else {
                w.to_lowercase().replace('’', "'")
            }
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// `words` of an ASCII text, byte by byte: split at the ASCII whitespace
/// (the space and tab to carriage return, which are the ASCII characters
/// `char::is_whitespace` accepts), trimmed of bytes other than letters and
/// digits, lowercased.
fn ascii_words(s: &str) -> Vec<String> {
    s.split(|c: char| matches!(c, ' ' | '\t'..='\r'))
        .filter_map(|w| {
            let b = w.as_bytes();
            let start = b.iter().position(u8::is_ascii_alphanumeric)?;
            let end = b.iter().rposition(u8::is_ascii_alphanumeric)? + 1;
            Some(w[start..end].to_ascii_lowercase())
        })
        .collect()
}

/// The `words` of a name but "the", joined by spaces: built in one string
/// (the same words as `key_of(&words(name))`).
fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for w in name
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
    {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.is_empty() {
            continue;
        }
        if w.is_ascii() {
            if w.eq_ignore_ascii_case("the") {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            let at = out.len();
            out.push_str(w);
            out[at..].make_ascii_lowercase();
        } else {
            let w = w.to_lowercase().replace('’', "'");
            if w == "the" {
                continue;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w);
        }
    }
    out
}

/// `key` from the name's `words`.
fn key_of(w: &[String]) -> String {
    let mut out = String::with_capacity(w.iter().map(|x| x.len() + 1).sum());
    for x in w.iter().filter(|x| *x != "the") {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(x);
    }
    out
}

/// True when a person name token list is a fuller form of another
/// ("Hillary Rodham Clinton" ~ "Hillary Clinton", "Donald J. Trump" ~ "Donald Trump").
fn same_person(a: &[String], b: &[String]) -> bool {
    if a.len() < 2 || b.len() < 2 {
        return false;
    }
    let (fa, la) = (&a[0], &a[a.len() - 1]);
    let (fb, lb) = (&b[0], &b[b.len() - 1]);
    la == lb
        && (fa == fb
            || fa.len() == 1 && fb.starts_with(fa.as_str())
            || fb.len() == 1 && fa.starts_with(fb.as_str()))
}

pub struct Coref {
    pub entities: Vec<Entity>,
    /// Entity index → key words of its name.
    name_words: Vec<Vec<String>>,
    by_key: HashMap<String, usize>,
    /// Indexes that keep look-ups from scanning every entity or the whole
    /// mention history (quadratic on long documents).
    idx: Index,
}

/// Per entity: position in the history of its last mention (0 = none yet,
/// else position + 1) and its mention weight (speaker or subject counts
/// twice); role word → entities having it, by their last mention.
#[derive(Default)]
struct Index {
    last_seen: Vec<usize>,
    /// Position in the history of the entity's first mention (+ 1).
    first_seen: Vec<usize>,
    /// What a look-up by surname asks of each entity of a word's list, in
    /// one small record (`Cand`): these lists grow as a long text reuses
    /// names, and reading four tables and the entity for each member missed
    /// the cache.
    cand: Vec<Cand>,
    weight: Vec<usize>,
    /// Mention weight where only speaking counts twice.
    speaker_weight: Vec<usize>,
    /// Role word → its number in `log` and `role_names`.
    role_word: HashMap<String, usize>,
    role_names: Vec<String>,
    /// Per role word: (position + 1, entity) at each sighting of an entity
    /// having it, in order, so the most recent come first without sorting
    /// them all. An entry counts while it is the entity's last sighting;
    /// older ones are skipped, and dropped when the log has doubled. (In
    /// 32 bits: half the bytes to write and to sweep; a text has far fewer
    /// than 2^32 mentions.)
    log: Vec<Vec<(u32, u32)>>,
    /// Length of each log after its last clean-up.
    log_kept: Vec<usize>,
    /// Entities that gained a role word after their last sighting (that
    /// word's log does not list them yet). Rare: roles are learnt from the
    /// mention that is seen right after.
    unsynced: Vec<usize>,
    /// Per entity: the numbers of its role words.
    roles_of: Vec<Vec<usize>>,
    /// Word of an organisation's name → organisations, in creation order.
    org_word: HashMap<String, Vec<usize>>,
    /// Per sex (see `sex`): the person seen so far with the highest
    /// (weight, earliest index), and the same by speaker weight.
    top: [Option<usize>; 3],
    top_speaker: [Option<usize>; 3],
    /// First and last word of each entity's name → entities, in creation
    /// order (a renamed entity is added under its new first word too).
    first_word: WordLists,
    last_word: WordLists,
    /// Last word, then the first byte of the first word → the number of a
    /// list in `initial_lists`.
    initial: HashMap<String, HashMap<u8, usize>>,
    /// Entities in creation order, each with what `same_person_as` asks of
    /// it (`FullName`), per last word and initial: the only ones
    /// `same_person` can accept (one last word and one initial), a small
    /// part of `last_word` where names recur.
    initial_lists: Vec<Vec<FullName>>,
}

/// Word → entities, in creation order. Each word's list has a number that
/// stays, which `NameQuery` notes for a name.
#[derive(Default)]
struct WordLists {
    ids: HashMap<String, usize>,
    lists: Vec<Vec<usize>>,
}

impl WordLists {
    /// The number of the list of word `w`, if there is one.
    fn id(&self, w: &str) -> Option<usize> {
        self.ids.get(w).copied()
    }
    /// The entities listed under word `w`.
    fn get(&self, w: &str) -> &[usize] {
        self.id(w).map_or(&[], |k| &self.lists[k])
    }
    /// Adds entity `e` to the list of word `w` unless it is there.
    fn add_once(&mut self, w: &str, e: usize) {
        match self.id(w) {
            Some(k) => {
                let list = &mut self.lists[k];
                if !list.contains(&e) {
                    list.push(e);
                }
            }
            None => {
                self.ids.insert(w.to_string(), self.lists.len());
                self.lists.push(vec![e]);
            }
        }
    }
}

/// What the look-ups of a name ask of its words (`words`), worked out once
/// for each distinct name of the text, with the numbers of its lists noted
/// once they exist: reading the words, and hashing them, for each mention
/// missed the cache on long texts (a text names its people again and
/// again).
#[derive(Clone, Copy, Default)]
struct NameQuery {
    /// The number of words.
    words: usize,
    /// The first word's length and `word_head`.
    first_len: usize,
    first_head: u64,
    /// The first word is a first name (`lexicon::first_name_gender`).
    first_name: bool,
    /// The last word is a name that speaks on its own (`resolve`).
    surname_speaks: bool,
    /// The number of its list in `Index::initial_lists`, once there is one.
    initial: Option<usize>,
    /// The number of its last word's list in `Index::last_word`, once there
    /// is one.
    ending: Option<usize>,
}

impl NameQuery {
    fn new(w: &[String], speaking_surnames: &HashSet<&str>) -> NameQuery {
        let first = w.first().map_or("", String::as_str);
        NameQuery {
            words: w.len(),
            first_len: first.len(),
            first_head: word_head(first),
            first_name: super::lexicon::first_name_gender(first).is_some(),
            surname_speaks: w
                .last()
                .is_some_and(|l| speaking_surnames.contains(l.as_str())),
            initial: None,
            ending: None,
        }
    }
}

/// Of an entity in a list of `Index::initial_lists`: what `same_person_as`
/// of it, kept in the list (reading the entity, its list of name words and
/// their strings for each member missed the cache on long texts, where
/// these lists grow as names recur).
#[derive(Clone, Copy)]
struct FullName {
    e: usize,
    /// The entity is a person named by two words or more.
    full_person: bool,
    /// The length of the first word of its name.
    first_len: usize,
    /// The first word's first eight bytes, zero padded (`word_head`).
    first_head: u64,
}

impl FullName {
    /// Its name's first word is the first of `w` (`q`): same length and
    /// first eight bytes tell, the word itself only when it is longer.
    fn same_first_word(&self, q: &NameQuery, names: &[Vec<String>], w: &[String]) -> bool {
        self.first_len == q.first_len
            && self.first_head == q.first_head
            && (q.first_len <= 8 || names[self.e][0] == w[0])
    }
}

/// The first eight bytes of a word as a little-endian `u64`, zero padded:
/// with the word's length, the whole word when it is at most eight bytes.
fn word_head(w: &str) -> u64 {
    let mut b = [0u8; 8];
    let n = w.len().min(8);
    b[..n].copy_from_slice(&w.as_bytes()[..n]);
    u64::from_le_bytes(b)
}

/// Of an entity: what `resolve_name` reads of each candidate, copied here
/// as it changes (`Index::cand`).
#[derive(Clone, Copy)]
struct Cand {
    /// `Index::last_seen`.
    last_seen: usize,
    /// How often the entity was named by its surname alone.
    bare_surname: u32,
    /// The number of words of its name (`Coref::name_words`).
    words: u32,
    person: bool,
    gender: Gender,
}

impl Index {
    /// Indexes entity `e` (a person or not) under its name words `w`, new
    /// or fuller (a fuller name keeps the last word and the first word's
    /// first byte, `same_person`).
    fn named(&mut self, e: usize, w: &[String], person: bool) {
        // (Words already indexed are not copied again for the look-up.)
        if let (Some(f), Some(l)) = (w.first(), w.last()) {
            self.first_word.add_once(f, e);
            self.last_word.add_once(l, e);
            if let Some(&b) = f.as_bytes().first() {
                let id = match self.initial.get(l.as_str()).and_then(|m| m.get(&b)) {
                    Some(&k) => k,
                    None => {
                        let k = self.initial_lists.len();
                        self.initial_lists.push(Vec::new());
                        self.initial.entry(l.clone()).or_default().insert(b, k);
                        k
                    }
                };
                let list = &mut self.initial_lists[id];
                let full = FullName {
                    e,
                    full_person: person && w.len() >= 2,
                    first_len: f.len(),
                    first_head: word_head(f),
                };
                match list.binary_search_by_key(&e, |x| x.e) {
                    Ok(at) => list[at] = full,
                    Err(at) => list.insert(at, full),
                }
            }
        }
    }
    /// The list of `initial_lists` for name words `w` (`q`), noted in `q`
    /// once it exists.
    fn initial_list(&self, w: &[String], q: &mut NameQuery) -> &[FullName] {
        if q.initial.is_none() {
            let b = w.first().and_then(|f| f.as_bytes().first());
            q.initial = b
                .zip(w.last())
                .and_then(|(b, l)| self.initial.get(l.as_str())?.get(b).copied());
        }
        q.initial.map_or(&[], |k| &self.initial_lists[k])
    }
    /// The first person, in creation order, that `same_person` matches with
    /// name words `w` (`q`; or whose words are `w`), of two words or more,
    /// with its record.
    fn same_person_as(
        &self,
        entities: &[Entity],
        names: &[Vec<String>],
        w: &[String],
        q: &mut NameQuery,
    ) -> Option<FullName> {
        debug_assert!(w.len() >= 2 && q.words == w.len());
        // A member of the list has the last word of `w` and a first word
        // that starts with the same byte (a name grows only into a fuller
        // one that keeps both): `same_person` asks only whether the first
        // words are the same or one of them is an initial.
        let len = q.first_len;
        let list = self.initial_list(w, q);
        let found = list
            .iter()
            .find(|x| {
                x.full_person && (x.first_len == 1 || len == 1 || x.same_first_word(q, names, w))
            })
            .copied();
        debug_assert_eq!(
            found.map(|x| x.e),
            list.iter().map(|x| x.e).find(|&e| {
                entities[e].kind == EntityKind::Person
                    && (same_person(&names[e], w) || names[e] == w)
            })
        );
        found
    }
    /// Gives entity `e` role word `w`.
    fn add_role_word(&mut self, e: usize, w: String) {
        let next = self.log.len();
        // (Copied only when new: most role words are met again and again.)
        let id = match self.role_word.get(w.as_str()) {
            Some(&id) => id,
            None => {
                self.role_word.insert(w.clone(), next);
                next
            }
        };
        if id == next {
            self.log.push(Vec::new());
            self.log_kept.push(0);
            self.role_names.push(w);
        }
        if !self.roles_of[e].contains(&id) {
            self.roles_of[e].push(id);
            if self.last_seen[e] > 0 && !self.unsynced.contains(&e) {
                self.unsynced.push(e);
            }
        }
    }
    /// Entities whose name ends with `last`, in creation order (the last
    /// word of a name never changes).
    fn ending(&self, last: &str) -> &[usize] {
        self.last_word.get(last)
    }
    /// `ending` of the last of name words `w` (`q`), its list noted in `q`
    /// once it exists.
    fn ending_of(&self, w: &[String], q: &mut NameQuery) -> &[usize] {
        if q.ending.is_none() {
            q.ending = w.last().and_then(|l| self.last_word.id(l));
        }
        q.ending.map_or(&[], |k| &self.last_word.lists[k])
    }
    fn seen(&mut self, e: usize, position: usize, salient: bool, speaker: bool) {
        let before = (self.last_seen[e] as u32, e as u32);
        self.last_seen[e] = position + 1;
        self.cand[e].last_seen = position + 1;
        let now = ((position + 1) as u32, e as u32);
        for &w in &self.roles_of[e] {
            let log = &mut self.log[w];
            // Seen again with no one else of this word seen between: its
            // entry, the log's last, moves to now (the one it would push
            // leaves it out of date: the log stays in order, and does not
            // grow for a person named sentence after sentence).
            match log.last_mut() {
                Some(last) if before.0 > 0 && *last == before => {
                    *last = now;
                    continue;
                }
                _ => log.push(now),
            }
            if log.len() >= 2 * self.log_kept[w].max(8) {
                let last_seen = &self.last_seen;
                log.retain(|&(p, x)| last_seen[x as usize] == p as usize);
                self.log_kept[w] = log.len();
            }
        }
        if !self.unsynced.is_empty() {
            self.unsynced.retain(|&x| x != e);
        }
        if self.first_seen[e] == 0 {
            self.first_seen[e] = position + 1;
        }
        self.weight[e] += if salient { 2 } else { 1 };
        self.speaker_weight[e] += if speaker { 2 } else { 1 };
    }
}

/// The slot of a sex in `Index::top`.
fn sex(g: Gender) -> usize {
    match g {
        Gender::Male => 0,
        Gender::Female => 1,
        Gender::Unknown => 2,
    }
}

trait NameKey {
    fn name_key(&self) -> String;
}

impl NameKey for Entity {
    fn name_key(&self) -> String {
        key(&self.name)
    }
}

impl Coref {
    /// Gives entity `e` sex `g`.
    fn set_gender(&mut self, e: usize, g: Gender) {
        self.entities[e].gender = g;
        self.idx.cand[e].gender = g;
    }

    /// Gives entity `e` a fuller name of words `w`; the old one becomes an
    /// alias, and the look-ups learn the new words.
    fn rename(&mut self, e: usize, name: &str, w: &[String]) {
        let old = std::mem::replace(&mut self.entities[e].name, name.to_string());
        self.add_alias(e, &old);
        let person = self.entities[e].kind == EntityKind::Person;
        self.idx.named(e, w, person);
        self.name_words[e] = w.to_vec();
        self.idx.cand[e].words = w.len() as u32;
    }

    fn new_entity(&mut self, name: &str, kind: EntityKind, gender: Gender) -> usize {
        self.new_entity_with_words(name, words(name), kind, gender)
    }

    /// `new_entity` where the caller has the `words` of the name already.
    fn new_entity_with_words(
        &mut self,
        name: &str,
        name_words: Vec<String>,
        kind: EntityKind,
        gender: Gender,
    ) -> usize {
        let id = self.entities.len();
        self.entities.push(Entity {
            name: name.to_string(),
            kind,
            gender,
            aliases: Vec::new(),
            roles: Vec::new(),
            mentions: Vec::new(),
            quotations: Vec::new(),
        });
        self.name_words.push(name_words);
        self.by_key.insert(key_of(&self.name_words[id]), id);
        self.idx
            .named(id, &self.name_words[id], kind == EntityKind::Person);
        self.idx.last_seen.push(0);
        self.idx.first_seen.push(0);
        self.idx.cand.push(Cand {
            last_seen: 0,
            bare_surname: 0,
            words: self.name_words[id].len() as u32,
            person: kind == EntityKind::Person,
            gender,
        });
        self.idx.weight.push(0);
        self.idx.speaker_weight.push(0);
        self.idx.roles_of.push(Vec::new());
        if kind == EntityKind::Organization {
            for w in &self.name_words[id] {
                let list = self.idx.org_word.entry(w.clone()).or_default();
                if list.last() != Some(&id) {
                    list.push(id);
                }
            }
        }
        id
    }

    fn add_role(&mut self, e: usize, role: &str) {
        let role = role.trim().trim_matches(',').trim();
        if role.is_empty() || role.len() > 120 {
            return;
        }
        if !self.entities[e]
            .roles
            .iter()
            .any(|r| r.eq_ignore_ascii_case(role))
        {
            self.entities[e].roles.push(role.to_string());
            for w in role_words(role) {
                self.idx.add_role_word(e, w);
            }
        }
    }

    /// Keeps `Index::top` and `top_speaker` current after entity `e` was
    /// seen, its sex having been `was` before this mention.
    fn update_tops(&mut self, e: usize, was: Gender) {
        if self.entities[e].kind != EntityKind::Person {
            return;
        }
        let g = self.entities[e].gender;
        if g != was {
            // It left the people of its former sex: if it led them, the
            // next one leads (rare: a sex is learnt once).
            let k = sex(was);
            if self.idx.top[k] == Some(e) {
                self.idx.top[k] = self.scan_top(was, false);
            }
            if self.idx.top_speaker[k] == Some(e) {
                self.idx.top_speaker[k] = self.scan_top(was, true);
            }
        }
        // Its weights only grew.
        let k = sex(g);
        let key = |w: &[usize], x: usize| (w[x], std::cmp::Reverse(x));
        if self.idx.top[k].is_none_or(|t| key(&self.idx.weight, e) > key(&self.idx.weight, t)) {
            self.idx.top[k] = Some(e);
        }
        if self.idx.top_speaker[k]
            .is_none_or(|t| key(&self.idx.speaker_weight, e) > key(&self.idx.speaker_weight, t))
        {
            self.idx.top_speaker[k] = Some(e);
        }
    }

    /// The person of sex `g` seen so far with the highest weight (or speaker
    /// weight), the earliest on a tie.
    fn scan_top(&self, g: Gender, speaker: bool) -> Option<usize> {
        let w = if speaker {
            &self.idx.speaker_weight
        } else {
            &self.idx.weight
        };
        (0..self.entities.len())
            .filter(|&x| {
                w[x] > 0
                    && self.entities[x].kind == EntityKind::Person
                    && self.entities[x].gender == g
            })
            .max_by_key(|&x| (w[x], std::cmp::Reverse(x)))
    }

    fn add_alias(&mut self, e: usize, alias: &str) {
        if alias.is_empty() || alias == self.entities[e].name {
            return;
        }
        if !self.entities[e].aliases.iter().any(|a| a == alias) {
            self.entities[e].aliases.push(alias.to_string());
        }
    }
}

/// The last words of the distinct names (`distinct`, as word lists) whose
/// flag in `which` is set.
fn last_words_where<'a>(distinct: &'a [Vec<String>], which: &[bool]) -> HashSet<&'a str> {
    distinct
        .iter()
        .zip(which)
        .filter(|(_, &set)| set)
        .filter_map(|(w, _)| w.last().map(String::as_str))
        .collect()
}

/// Resolves every mention, in document order.
///
/// `dialogue`: the text is one where people talk to each other (see
/// `resolve_nominal`).
/// `turns`: for a "he" or "she" that speaks in dialogue right after another
/// turn, the speaker mentions of the turns before it, the latest first (see
/// `turn_partner`), in order of mention.
/// `narrator`: the name of a narrator "I" who speaks (`narrator_entity`).
pub fn resolve(
    mentions: &[Pending],
    known: &[super::types::KnownPerson],
    turns: &[(usize, Vec<usize>)],
    narrator: Option<&str>,
    dialogue: bool,
) -> (Vec<Resolved>, Vec<Entity>) {
    let mut c = Coref {
        entities: Vec::new(),
        name_words: Vec::new(),
        by_key: HashMap::default(),
        idx: Index::default(),
    };
    // People from the configuration come first, with their roles and sex.
    for k in known {
        if words(&k.name).is_empty() {
            continue;
        }
        let e = c.new_entity(
            &k.name,
            EntityKind::Person,
            k.gender.unwrap_or(Gender::Unknown),
        );
        if let Some(r) = &k.role {
            c.add_role(e, r);
        }
        for a in &k.aliases {
            c.add_alias(e, a);
            c.by_key.insert(key(a), e);
            // A description alias ("the commissioner") is a role too.
            if a.split_whitespace()
                .next()
                .is_some_and(|w| w.eq_ignore_ascii_case("the"))
            {
                c.add_role(e, a);
            }
        }
    }
    // Pass 1: every multi-word person name becomes an entity, merged with its
    // fuller or shorter variants; the longest form is the canonical name.
    // The key words of each name, worked out once per distinct name (a text
    // names the same people again and again): this pass, the person test
    // and `resolve_name` all read them (empty for other mentions).
    let mut distinct: Vec<Vec<String>> = vec![Vec::new()];
    let mut distinct_of: HashMap<&str, usize> = HashMap::default();
    // (And, in the same walk of the mentions, which distinct names speak,
    // for `speaking_surnames` below, and which have a title, for `titled`:
    // a long text's mentions are read once, not once per question.)
    let mut speaks: Vec<bool> = vec![false];
    let mut has_title: Vec<bool> = vec![false];
    let word_lists: Vec<usize> = mentions
        .iter()
        .map(|m| match m.phrase.kind {
            MentionKind::Name => {
                let k = *distinct_of
                    .entry(m.phrase.name.as_str())
                    .or_insert_with(|| {
                        distinct.push(words(&m.phrase.name));
                        speaks.push(false);
                        has_title.push(false);
                        distinct.len() - 1
                    });
                speaks[k] |= m.speaker;
                has_title[k] |= !m.phrase.role.is_empty();
                k
            }
            _ => 0,
        })
        .collect();
    let name_words: Vec<&[String]> = word_lists.iter().map(|&k| &distinct[k][..]).collect();
    // (`q`: the name's `NameQuery`.)
    let is_person_name = |m: &Pending, q: &NameQuery| {
        m.phrase.kind == MentionKind::Name
            && (m.speaker
                || m.says
                || m.subject && q.words >= 2
                || m.extra_role.is_some()
                || !m.phrase.role.is_empty()
                || m.phrase.gender != Gender::Unknown
                || q.first_name)
    };
    // Single names that speak ("Caddell said") make a fuller name that ends
    // with them a person too.
    let speaking_surnames = last_words_where(&distinct, &speaks);
    let mut queries: Vec<NameQuery> = distinct
        .iter()
        .map(|w| NameQuery::new(w, &speaking_surnames))
        .collect();
    for (m, &k) in mentions.iter().zip(&word_lists) {
        let q = &mut queries[k];
        let surname_speaks = m.phrase.kind == MentionKind::Name && q.surname_speaks;
        if !is_person_name(m, q) && !surname_speaks {
            continue;
        }
        if q.words < 2 {
            continue;
        }
        let w = &distinct[k][..];
        // Same person means same last word: only those entities are asked.
        // (Same last word and initial: only those entities are asked.)
        let existing = c
            .idx
            .same_person_as(&c.entities, &c.name_words, w, q)
            .map(|x| x.e);
        match existing {
            Some(e) => {
                if w.len() > c.name_words[e].len() {
                    c.rename(e, &m.phrase.name, w);
                } else {
                    c.add_alias(e, &m.phrase.name);
                }
            }
            None => {
                c.new_entity_with_words(
                    &m.phrase.name,
                    w.to_vec(),
                    EntityKind::Person,
                    m.phrase.gender,
                );
            }
        }
    }
    // (Pushed in order rather than allocated, filled with defaults and written again.)
    let mut out = Vec::with_capacity(mentions.len());
    // Entity of each earlier mention, for recency look-ups.
    let mut history: Vec<(usize, usize, bool)> = Vec::new(); // (mention idx, entity, speaker or subject)
                                                             // The `words` of each description met, worked out once: a text
                                                             // describes its people with the same few phrases again and again.
    let mut description_words: HashMap<&str, Vec<String>> = HashMap::default();
    // The entity of a narrator "I" (see `narrator_entity`), made at its
    // first "I said".
    let mut narrator_e: Option<usize> = None;
    // Speakers' "he" and "she" that found no one before them.
    let mut orphans: Vec<usize> = Vec::new();
    // Words the text names with a title ("Mr. Reed", "Mrs. Hale"): there
    // a surname, whatever sex the word has as a first name.
    let titled = last_words_where(&distinct, &has_title);
    for (i, m) in mentions.iter().enumerate() {
        let p = &m.phrase;
        // "“…,” I said." where the text gives the narrator a name. (Not in
        // the history: "he" and "she" never point back to "I".)
        if let Some(name) =
            narrator.filter(|_| m.speaker && p.kind == MentionKind::Pronoun && is_i(p))
        {
            let e = *narrator_e.get_or_insert_with(|| narrator_entity(&mut c, name));
            out.push(Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Pronoun),
                ambiguous_with: None,
            });
            continue;
        }
        let r = match p.kind {
            MentionKind::Name => {
                let q = &mut queries[word_lists[i]];
                let person = is_person_name(m, q);
                resolve_name(&mut c, m, name_words[i], q, person)
            }
            MentionKind::Organization => {
                let k = key(&p.name);
                // "Jordan said" where the text names Jim Jordan: the surname
                // of a person, not the country.
                let person = (!k.contains(' ') && !k.is_empty())
                    .then(|| person_with_surname(&c, &k))
                    .flatten();
                match person
                    .or_else(|| c.by_key.get(&k).copied())
                    .or_else(|| short_org_name(&c, &k))
                {
                    Some(e) if c.entities[e].name_key() == k => Resolved {
                        entity: Some(e),
                        resolution: Some(Resolution::Itself),
                        ambiguous_with: None,
                    },
                    Some(e) => Resolved {
                        entity: Some(e),
                        resolution: Some(Resolution::PartialName),
                        ambiguous_with: None,
                    },
                    None => {
                        let e = c.new_entity(&p.name, EntityKind::Organization, Gender::Unknown);
                        Resolved {
                            entity: Some(e),
                            resolution: Some(Resolution::Itself),
                            ambiguous_with: None,
                        }
                    }
                }
            }
            MentionKind::Pronoun => turns
                .binary_search_by_key(&i, |t| t.0)
                .ok()
                .and_then(|k| turn_partner(&c, m, &out, &turns[k].1))
                .map_or_else(
                    || resolve_pronoun(&c, m, mentions, &history),
                    |e| Resolved {
                        entity: Some(e),
                        resolution: Some(Resolution::Pronoun),
                        ambiguous_with: None,
                    },
                ),
            MentionKind::Nominal => {
                let desc = description_words
                    .entry(p.role.as_str())
                    .or_insert_with(|| words(&p.role));
                resolve_nominal(&mut c, m, desc, mentions, &history, dialogue)
            }
            MentionKind::Unnamed => {
                let e = c.new_entity(&p.role, EntityKind::Unnamed, p.gender);
                Resolved {
                    entity: Some(e),
                    resolution: Some(Resolution::Itself),
                    ambiguous_with: None,
                }
            }
        };
        if let Some(e) = r.entity {
            let was = c.entities[e].gender;
            // What this mention teaches about its entity.
            if !p.role.is_empty() && p.kind == MentionKind::Name {
                c.add_role(e, &p.role);
            }
            if let Some(extra) = &m.extra_role {
                c.add_role(e, extra);
            }
            if p.kind == MentionKind::Name && r.resolution == Some(Resolution::PartialName) {
                c.add_alias(e, &p.name);
            }
            if c.entities[e].gender == Gender::Unknown
                && c.entities[e].kind == EntityKind::Person
                && p.gender != Gender::Unknown
                && p.kind != MentionKind::Nominal
            {
                c.set_gender(e, p.gender);
            }
            if c.entities[e].kind == EntityKind::Person
                && p.kind == MentionKind::Pronoun
                && c.entities[e].gender == Gender::Unknown
                && p.gender != Gender::Unknown
            {
                c.set_gender(e, p.gender);
            }
            // A person named by one word only is named by a first name
            // ("“…,” called Walter."), even one that is a surname too, where
            // the text never puts a title before it. (A surname alone names
            // someone named in full before, whose sex is that of the whole
            // name.)
            if p.kind == MentionKind::Name
                && p.role.is_empty()
                && c.entities[e].kind == EntityKind::Person
                && c.entities[e].gender == Gender::Unknown
                && c.name_words[e].len() == 1
                && name_words[i].len() == 1
                && !titled.contains(name_words[i][0].as_str())
            {
                if let Some(g) = super::lexicon::first_name_gender(&name_words[i][0])
                    .filter(|&g| g != Gender::Unknown)
                {
                    c.set_gender(e, g);
                }
            }
            c.idx
                .seen(e, history.len(), m.speaker || m.subject, m.speaker);
            c.update_tops(e, was);
            history.push((i, e, m.speaker || m.subject));
        }
        if r.entity.is_none()
            && m.speaker
            && p.kind == MentionKind::Pronoun
            && matches!(p.gender, Gender::Male | Gender::Female)
        {
            orphans.push(i);
        }
        out.push(r);
    }
    // A "he" or "she" who speaks before anyone of that sex is named (a text
    // that opens in the middle of a scene): the person of that sex who
    // speaks most in the whole text.
    for i in orphans {
        if let Some(e) = c.idx.top_speaker[sex(mentions[i].phrase.gender)] {
            out[i] = Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Pronoun),
                ambiguous_with: None,
            };
        }
    }
    (out, c.entities)
}

/// "the Times" for "The New York Times", "IMF" for "International Monetary
/// Fund": an organisation named before whose last word or initials match.
/// The person named in full most recently created whose last name word is
/// `word` (a lowercase key word): "Jordan" and "Dean" read as surnames.
fn person_with_surname(c: &Coref, word: &str) -> Option<usize> {
    c.idx
        .ending(word)
        .iter()
        .copied()
        .rev()
        .find(|&e| c.entities[e].kind == EntityKind::Person && c.name_words[e].len() > 1)
}

fn short_org_name(c: &Coref, k: &str) -> Option<usize> {
    if k.is_empty() || k.contains(' ') {
        return None;
    }
    (0..c.entities.len()).rev().find(|&e| {
        let w = &c.name_words[e];
        c.entities[e].kind == EntityKind::Organization
            && w.len() > 1
            && (w.last().is_some_and(|l| l == k)
                || k.len() >= 2
                    && w.iter()
                        .filter(|x| {
                            !matches!(x.as_str(), "of" | "the" | "for" | "and" | "on" | "to")
                        })
                        .map(|x| x.chars().next().unwrap_or(' '))
                        .collect::<String>()
                        == k)
    })
}

/// `w`: the key words of the name (`words`).
/// `q`: their `NameQuery`.
fn resolve_name(
    c: &mut Coref,
    m: &Pending,
    w: &[String],
    q: &mut NameQuery,
    person: bool,
) -> Resolved {
    debug_assert_eq!(q.words, w.len());
    let n = q.words;
    if n == 0 {
        return Resolved::default();
    }
    if n >= 2 {
        if let Some(x) = c.idx.same_person_as(&c.entities, &c.name_words, w, q) {
            let e = x.e;
            // Whether its name is `w`, from the small records where they
            // tell (the entity's words are three pointers away, a cache
            // miss each on long texts): its last word is that of `w` (it is
            // in the list of that word), so a name of two words is `w` when
            // the first words are the same.
            let same = if c.idx.cand[e].words as usize != n {
                false
            } else if n == 2 {
                x.same_first_word(q, &c.name_words, w)
            } else {
                c.name_words[e] == w
            };
            debug_assert_eq!(same, c.name_words[e] == w);
            let res = if same {
                Resolution::FullName
            } else {
                Resolution::PartialName
            };
            return Resolved {
                entity: Some(e),
                resolution: Some(res),
                ambiguous_with: None,
            };
        }
    }
    // A surname (or first name) alone: the person whose name ends (or starts)
    // with it; the nearest earlier one, else the first later one.
    let last = &w[n - 1];
    // Entities whose name ends (or, for one word, starts) with it, from the
    // word indexes, read in place (one pass, no lists: with names reused
    // across articles these lists grow with the text). Surname matches are
    // preferred over first-name matches; of the pool, the owner of the bare
    // surname, else the one mentioned last, else the earliest entity.
    // (Read from the entities' small records, `Cand`.)
    let fits = |e: usize| {
        let x = &c.idx.cand[e];
        debug_assert_eq!(x.person, c.entities[e].kind == EntityKind::Person);
        debug_assert_eq!(x.words as usize, c.name_words[e].len());
        debug_assert_eq!(x.gender, c.entities[e].gender);
        x.person
            && x.words as usize > n
            && (m.phrase.gender == Gender::Unknown
                || x.gender == Gender::Unknown
                || x.gender == m.phrase.gender)
    };
    // (An entity listed under a last word keeps it: a name grows only into
    // a fuller one with the same last word, `same_person`. So the list's
    // names are not read again, a look-up through two pointers for each
    // entity of a list that grows as a long text reuses names.)
    // (Nor is the name's last word read: its list is noted in `q`.)
    let ending = c.idx.ending_of(w, q);
    let by_surname = pick_candidate(
        &c.idx,
        ending.iter().copied().filter(|&e| {
            debug_assert_eq!(c.name_words[e].last(), Some(last));
            fits(e)
        }),
    );
    let chosen = by_surname.or_else(|| {
        if n != 1 {
            return None;
        }
        // No surname match: a first-name match (the ending list can hold
        // one too; duplicates do not change the pick).
        pick_candidate(
            &c.idx,
            ending
                .iter()
                .chain(c.idx.first_word.get(last))
                .copied()
                .filter(|&e| fits(e) && c.name_words[e].first() == Some(last)),
        )
    });
    if let Some(e) = chosen {
        // (One from the surname's list has the surname.)
        if n == 1 && (by_surname.is_some() || c.name_words[e].last() == Some(last)) {
            c.idx.cand[e].bare_surname += 1;
        }
        return Resolved {
            entity: Some(e),
            resolution: Some(Resolution::PartialName),
            ambiguous_with: None,
        };
    }
    // "President Harlow" is a person even where an organisation has taken
    // the bare name.
    let titled = !m.phrase.role.is_empty() || m.phrase.gender != Gender::Unknown;
    if let Some(&e) = c
        .by_key
        .get(&key_of(w))
        .filter(|&&e| !titled || c.entities[e].kind != EntityKind::Organization)
    {
        return Resolved {
            entity: Some(e),
            resolution: Some(Resolution::FullName),
            ambiguous_with: None,
        };
    }
    // "Peabody said" after "Peabody Energy": the short form of an
    // organisation named in full, when nothing marks a person.
    if w.len() == 1 && m.phrase.role.is_empty() && m.phrase.gender == Gender::Unknown {
        let org = c
            .idx
            .first_word
            .get(&w[0])
            .iter()
            .copied()
            .rev()
            .find(|&e| c.entities[e].kind == EntityKind::Organization && c.name_words[e].len() > 1);
        if let Some(e) = org {
            return Resolved {
                entity: Some(e),
                resolution: Some(Resolution::PartialName),
                ambiguous_with: None,
            };
        }
    }
    if !person {
        return Resolved::default();
    }
    let e = c.new_entity_with_words(
        &m.phrase.name,
        w.to_vec(),
        EntityKind::Person,
        m.phrase.gender,
    );
    Resolved {
        entity: Some(e),
        resolution: Some(Resolution::FullName),
        ambiguous_with: None,
    }
}

/// Of a pool of candidate entities (any order, repeats allowed): the one
/// most often named by its bare surname (the latest seen on a tie), else the
/// one seen last, else the earliest entity; `None` for an empty pool.
fn pick_candidate(idx: &Index, pool: impl Iterator<Item = usize>) -> Option<usize> {
    let mut owner: Option<usize> = None;
    let mut recent: Option<usize> = None;
    let mut first: Option<usize> = None;
    let cand = &idx.cand;
    for e in pool {
        if first.is_none_or(|f| e < f) {
            first = Some(e);
        }
        let x = &cand[e];
        debug_assert_eq!(x.last_seen, idx.last_seen[e]);
        if x.bare_surname > 0
            && owner.is_none_or(|o| {
                (x.bare_surname, x.last_seen) > (cand[o].bare_surname, cand[o].last_seen)
            })
        {
            owner = Some(e);
        }
        if x.last_seen > 0 && recent.is_none_or(|r| x.last_seen > cand[r].last_seen) {
            recent = Some(e);
        }
    }
    owner.or(recent).or(first)
}

fn resolve_pronoun(
    c: &Coref,
    m: &Pending,
    mentions: &[Pending],
    history: &[(usize, usize, bool)],
) -> Resolved {
    let p = &m.phrase;
    let pron = p.span(); // for clarity below
    let _ = pron;
    let want_person = matches!(p.gender, Gender::Male | Gender::Female);
    let plural = p.plural;
    let w = mentions_word(p);
    if w == "i" || w == "you" || w == "we" {
        return Resolved::default();
    }
    // Hobbs-style: the nearest sentence (the pronoun's own, before it, then
    // earlier ones) that has a compatible candidate; inside it, someone who
    // spoke or is the subject first, then the leftmost. A pronoun after a
    // quotation points back to who was talking, not to a name in an object.
    let mut group: Vec<(usize, usize, bool)> = Vec::new(); // (mention, entity, introduced here) of one sentence
    let mut current_sent: Option<u32> = None;
    let mut chosen: Option<(usize, Option<usize>)> = None;
    // "it" that speaks is an organisation that acts in the text (a subject
    // or a speaker), not a place or a body only named in passing ("a U.S.
    // senator"): such candidates are passed over while an acting one is near.
    let acting_only = m.speaker && !want_person && !plural && w == "it";
    let pick = |group: &[(usize, usize, bool)], acting: bool| -> Option<(usize, Option<usize>)> {
        let mut cands: Vec<(i64, usize, usize)> = Vec::new(); // (rank key, position, entity)
        for &(mi, e, introduced) in group {
            let ent = &c.entities[e];
            let pm = &mentions[mi];
            if acting && !(pm.speaker || pm.subject) {
                continue;
            }
            let ok = if want_person {
                ent.kind == EntityKind::Person
                    && (ent.gender == p.gender
                        || ent.gender == Gender::Unknown
                            && (plausible_person(&c.name_words[e]) || pm.speaker || pm.says))
            } else if plural {
                ent.kind != EntityKind::Person || pm.phrase.plural
            } else {
                ent.kind == EntityKind::Organization
            };
            if !ok {
                continue;
            }
            let mut key = 0;
            if pm.speaker || pm.subject {
                key += 2;
            }
            // The speaker of a quotation who is "he" or "she": a person
            // introduced by full name just before is the one to hear next.
            if m.speaker
                && introduced
                && pm.phrase.kind == MentionKind::Name
                && c.name_words[e].len() >= 2
            {
                key += 1;
            }
            cands.push((key, pm.phrase.span().start, e));
        }
        // Subjects: the leftmost (Hobbs). A speaker's pronoun with no
        // subject to go back to: the person named last, nearest the quote.
        cands.sort_by(|a, b| {
            b.0.cmp(&a.0).then(if m.speaker && a.0 == 1 && b.0 == 1 {
                b.1.cmp(&a.1)
            } else {
                a.1.cmp(&b.1)
            })
        });
        let first = cands.first()?;
        let tie = cands
            .iter()
            .find(|x| x.2 != first.2 && x.0 == first.0)
            .map(|x| x.2);
        Some((first.2, tie))
    };
    for acting in [acting_only, false] {
        for (h, &(mi, e, _)) in history.iter().enumerate().rev() {
            let pm = &mentions[mi];
            if m.para > pm.para + 3 || m.sent > pm.sent + 6 {
                break;
            }
            if current_sent != Some(pm.sent) {
                if !group.is_empty() {
                    if let Some(x) = pick(&group, acting) {
                        chosen = Some(x);
                        break;
                    }
                }
                group.clear();
                current_sent = Some(pm.sent);
            }
            group.push((mi, e, c.idx.first_seen[e] == h + 1));
        }
        if chosen.is_none() && !group.is_empty() {
            chosen = pick(&group, acting);
        }
        if chosen.is_some() || !acting {
            break;
        }
        group.clear();
        current_sent = None;
    }
    // Nobody compatible nearby: the person of that sex the text is most about
    // so far (a long run of "she" after one introduction).
    if chosen.is_none() && want_person {
        // Kept up to date as entities are seen (a walk of the whole history,
        // then of every entity, per pronoun grew with the text).
        chosen = c.idx.top_speaker[sex(p.gender)].map(|e| (e, None));
    }
    let best = chosen.map(|(e, _)| (0i64, e));
    let second = chosen.and_then(|(_, t)| t).map(|e| (0i64, e));
    match best {
        Some((s, e)) => Resolved {
            entity: Some(e),
            resolution: Some(Resolution::Pronoun),
            ambiguous_with: second.filter(|x| x.0 == s && x.1 != e).map(|x| x.1),
        },
        None => Resolved::default(),
    }
}

/// The person a narrator's name names: one the text named already by that
/// name or surname, else a new one.
fn narrator_entity(c: &mut Coref, name: &str) -> usize {
    let w = words(name);
    let bare: Vec<String> = w
        .iter()
        .skip_while(|x| super::lexicon::HONORIFICS.contains_key(x.as_str()))
        .cloned()
        .collect();
    c.by_key
        .get(&key_of(&bare))
        .copied()
        .filter(|&e| c.entities[e].kind == EntityKind::Person)
        .or_else(|| match bare.as_slice() {
            [one] => person_with_surname(c, one),
            _ => None,
        })
        .unwrap_or_else(|| c.new_entity(name, EntityKind::Person, Gender::Unknown))
}

/// A new turn in dialogue is someone else's: "he said" right after a turn of
/// one person is the last other one to speak before (within the turns
/// `earlier`, the latest first, the adjacent turn first of all) whose sex
/// fits the pronoun.
fn turn_partner(c: &Coref, m: &Pending, out: &[Resolved], earlier: &[usize]) -> Option<usize> {
    // (A turn can take its speaker from a later paragraph: only mentions
    // resolved already are read.)
    let (&last, rest) = earlier.split_first()?;
    let last = out.get(last)?.entity?;
    rest.iter().filter_map(|&t| out.get(t)?.entity).find(|&e| {
        let ent = &c.entities[e];
        e != last
            && ent.kind == EntityKind::Person
            && (ent.gender == m.phrase.gender
                || ent.gender == Gender::Unknown && plausible_person(&c.name_words[e]))
    })
}

/// A name with unknown sex can still take "he" or "she" when it looks like a
/// person's: two words or more, or a known surname or first name.
fn plausible_person(name: &[String]) -> bool {
    name.len() >= 2
        || name
            .first()
            .is_some_and(|w| super::lexicon::is_name_word(w))
}

/// The pronoun is "I": `mentions_word` is "i" (only "I" and "i" lowercase
/// to it), told without lowercasing the word (a copy for every pronoun
/// that speaks, in a text whose narrator has a name).
fn is_i(p: &Phrase) -> bool {
    matches!(p.role.as_str(), "I" | "i")
}

fn mentions_word(p: &Phrase) -> String {
    p.role.to_lowercase()
}

fn role_words(role: &str) -> Vec<String> {
    words(role)
}

/// How well a description fits the roles of entity `e` (0 = not at all).
/// The words of its roles come from the index (`roles_of`), the same words
/// `role_words` gives for each of `Entity::roles`.
fn role_fit(c: &Coref, desc: &[String], e: usize) -> i64 {
    let mut score = 0;
    let role_text = || {
        c.idx.roles_of[e]
            .iter()
            .map(|&id| c.idx.role_names[id].as_str())
    };
    for d in desc {
        if d == "the" || d == "a" || d == "an" || d == "former" || d == "current" {
            continue;
        }
        if role_text().any(|r| r == d) {
            score += if NATIONALITIES.contains(d.as_str()) {
                2
            } else {
                3
            };
            continue;
        }
        for g in role_groups_of(d) {
            if role_text().any(|r| g.contains(&r)) {
                score += 2;
                break;
            }
        }
    }
    score
}

/// The entity of description `m`, whose role has `words` `desc`.
fn resolve_nominal(
    c: &mut Coref,
    m: &Pending,
    desc: &[String],
    mentions: &[Pending],
    history: &[(usize, usize, bool)],
    dialogue: bool,
) -> Resolved {
    let p = &m.phrase;
    // (Borrowed from the words: no copies.)
    // ("the family of the victim", "the spokesman for the mayor": the word
    // before the connector heads the phrase.)
    let head_word = desc
        .iter()
        .position(|w| w == "of" || w == "for")
        .filter(|&i| i > 0)
        .map_or(desc.last(), |i| desc.get(i - 1));
    let head: &str = head_word.map_or("", |h| h.trim_end_matches("'s"));
    let possessive = desc.iter().any(|w| w.ends_with("'s"))
        || matches!(
            desc.first().map(String::as_str),
            Some("his" | "her" | "their" | "its")
        );
    let d = Resolved::default;
    // "Dean, a medical doctor, …": a capitalised role word that is the
    // surname of a person in the text is that person.
    if let [only] = desc {
        if p.role.starts_with(char::is_uppercase) {
            if let Some(e) = person_with_surname(c, only) {
                return Resolved {
                    entity: Some(e),
                    resolution: Some(Resolution::PartialName),
                    ambiguous_with: None,
                };
            }
        }
    }
    // A document or possessive phrase that names its issuer ("a Government
    // Accountability Office report", "Ivana Trump's brief") speaks for it.
    // (Not a person's: "Reyes's campaign manager" is not Reyes.)
    // ("the 52-year-old" is a person.)
    let person_head =
        ROLE_NOUNS.contains(head) || gender_of_noun(head).is_some() || head.ends_with("-year-old");
    if p.document || possessive && !person_head {
        // "A document on the Trump campaign's website": the body named by a
        // name and an organisation word ("the Harlow administration").
        // "A Government Accountability Office report", first mention of the
        // office: the issuer is an organisation of that name.
        let issuer = body_named_in(&p.role)
            .map(|body| organisation_named(c, &body))
            .or_else(|| named_inside(c, &p.role))
            .or_else(|| issuer_named_in(&p.role).map(|org| organisation_named(c, &org)));
        if let Some(e) = issuer {
            return Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            };
        }
    }
    // "said the ruling": a court's words speak for the court last named.
    if p.document
        && matches!(
            head,
            "ruling" | "decision" | "opinion" | "order" | "verdict" | "judgment"
        )
    {
        let court = last_organisation_with(c, &["court", "tribunal"]);
        if let Some(e) = court {
            return Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            };
        }
    }
    // Documents speak for the organisation (or person) last named.
    if p.document {
        let e = last_institution(c, history)
            .or_else(|| history.iter().rev().find(|h| h.2).map(|h| h.1));
        return match e {
            Some(e) => Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            },
            None => {
                let e = c.new_entity(&p.role, EntityKind::Unnamed, Gender::Unknown);
                Resolved {
                    entity: Some(e),
                    resolution: Some(Resolution::Itself),
                    ambiguous_with: None,
                }
            }
        };
    }
    // "the protesters", "the senators", "the crowd": a group of people is
    // never one person the text names; it is the group named before, or a
    // new one.
    let group = UNNAMED_HEADS.contains(head) && (p.plural || matches!(head, "crowd" | "audience"))
        || p.plural && ROLE_NOUNS.contains(head.trim_end_matches('s'));
    if group && !possessive {
        return match unnamed_source_named(c, history, head, usize::MAX) {
            Some(e) => Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            },
            None => Resolved {
                entity: Some(c.new_entity(&p.role, EntityKind::Unnamed, Gender::Unknown)),
                resolution: Some(Resolution::Itself),
                ambiguous_with: None,
            },
        };
    }
    if !person_head {
        // "the campaign", "the agency": the organisation last named whose
        // name has that word, else the last organisation.
        // (A noun no list knows, "the moderator", is no body's.)
        let by_word = last_organisation_with(c, &[head]);
        let body = super::lexicon::ORG_WORDS.contains(head);
        let e = by_word.or_else(|| body.then(|| last_institution(c, history)).flatten());
        return match e {
            Some(e) => Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            },
            None if body => d(),
            // Someone of its own.
            None => Resolved {
                entity: Some(c.new_entity(&p.role, EntityKind::Unnamed, p.gender)),
                resolution: Some(Resolution::Itself),
                ambiguous_with: None,
            },
        };
    }
    // "the source added": the unnamed source named before.
    if UNNAMED_HEADS.contains(head) && !ROLE_NOUNS.contains(head) || possessive {
        if let Some(e) = unnamed_source_named(c, history, head, usize::MAX) {
            return Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            };
        }
        if possessive {
            // "the senator's spokeswoman" is someone else, unnamed — unless a
            // known person carries that role.
            let fit = best_fit(c, desc, history, p.gender);
            if let Some((s, e)) = fit {
                if s >= 3 {
                    return Resolved {
                        entity: Some(e),
                        resolution: Some(Resolution::Description),
                        ambiguous_with: None,
                    };
                }
            }
            // "David Axelrod called on … / Obama's former strategist said":
            // a description of the person just introduced as a subject,
            // named without a role, who is not the owner.
            let owners: Vec<&str> = desc.iter().filter_map(|w| w.strip_suffix("'s")).collect();
            let recent = history
                .iter()
                .rev()
                .take(8)
                .take_while(|h| mentions[h.0].para + 1 >= m.para)
                .find(|h| h.2 && c.entities[h.1].kind == EntityKind::Person)
                .map(|h| h.1)
                .filter(|&e| {
                    c.idx.roles_of[e].is_empty()
                        && !c.name_words[e].iter().any(|w| owners.contains(&w.as_str()))
                        && (p.gender == Gender::Unknown
                            || c.entities[e].gender == Gender::Unknown
                            || c.entities[e].gender == p.gender)
                });
            if let Some(e) = recent {
                return Resolved {
                    entity: Some(e),
                    resolution: Some(Resolution::Description),
                    ambiguous_with: None,
                };
            }
            let e = c.new_entity(&p.role, EntityKind::Unnamed, p.gender);
            return Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Itself),
                ambiguous_with: None,
            };
        }
    }
    if let Some((s, e)) = best_fit(c, desc, history, p.gender) {
        if s > 0 {
            return Resolved {
                entity: Some(e),
                resolution: Some(Resolution::Description),
                ambiguous_with: None,
            };
        }
    }
    // "An unnamed official said … / “…,” said the official": an unnamed
    // source of that noun in the last stretch of the text, before the
    // person the article is most about.
    if let Some(e) = unnamed_source_named(c, history, &head, 40) {
        return Resolved {
            entity: Some(e),
            resolution: Some(Resolution::Description),
            ambiguous_with: None,
        };
    }
    // "the spokesman said", no spokesman named: someone speaking for
    // another is never the person the article is most about; nor is "the
    // moderator", "the coroner", whose part in the scene is not what the
    // text calls someone it names otherwise; nor "the second official";
    // nor, in a story told in dialogue, a capitalised title no one in it
    // bears ("cried the Warden"): a character of its own.
    if super::lexicon::ROLES_OF_THEIR_OWN.contains(&head)
        || desc
            .iter()
            .any(|w| matches!(w.as_str(), "second" | "third" | "other" | "another"))
        || dialogue
            && p.role
                .split_whitespace()
                .last()
                .is_some_and(|w| w.starts_with(char::is_uppercase))
    {
        let e = c.new_entity(&p.role, EntityKind::Unnamed, p.gender);
        return Resolved {
            entity: Some(e),
            resolution: Some(Resolution::Itself),
            ambiguous_with: None,
        };
    }
    let compatible: &[Gender] = match p.gender {
        Gender::Unknown => &[Gender::Male, Gender::Female, Gender::Unknown],
        g => &[Gender::Unknown, g],
    };
    // No role fits: the person the last paragraphs report as speaking
    // ("Mark Holt says … / The candidate was speaking … / The Ohio lawmaker
    // said"), of a compatible gender. (Not "the 52-year-old": the article's
    // own subject, below.)
    let reported = (!head.ends_with("-year-old"))
        .then_some(history)
        .into_iter()
        .flatten()
        .rev()
        .take(12)
        .take_while(|h| mentions[h.0].para + 2 >= m.para)
        .find(|h| {
            let e = &c.entities[h.1];
            mentions[h.0].says && e.kind == EntityKind::Person && compatible.contains(&e.gender)
        })
        .map(|h| h.1);
    if let Some(e) = reported {
        return Resolved {
            entity: Some(e),
            resolution: Some(Resolution::Description),
            ambiguous_with: None,
        };
    }
    // Else the person of a compatible gender the article is most
    // about: most mentions (speaking counts twice), from the leaders by sex
    // kept as entities are seen.
    let e = compatible
        .iter()
        .filter_map(|&g| c.idx.top[sex(g)])
        .max_by_key(|&e| (c.idx.weight[e], std::cmp::Reverse(e)));
    match e {
        Some(e) => Resolved {
            entity: Some(e),
            resolution: Some(Resolution::Description),
            ambiguous_with: None,
        },
        None => d(),
    }
}

/// The unnamed source last seen (among the `within` latest mentions) whose
/// words have the noun `head` ("officials" for "the official").
fn unnamed_source_named(
    c: &Coref,
    history: &[(usize, usize, bool)],
    head: &str,
    within: usize,
) -> Option<usize> {
    let stem = head.trim_end_matches('s');
    history.iter().rev().take(within).map(|h| h.1).find(|&e| {
        c.entities[e].kind == EntityKind::Unnamed
            && c.name_words[e]
                .iter()
                .any(|w| w.trim_end_matches('s') == stem)
    })
}

/// The organisation mentioned last whose name has one of `words` (from the
/// word index: a backwards walk of the history was quadratic).
fn last_organisation_with(c: &Coref, words: &[&str]) -> Option<usize> {
    words
        .iter()
        .flat_map(|w| c.idx.org_word.get(*w).into_iter().flatten())
        .copied()
        .filter(|&e| c.idx.last_seen[e] > 0)
        .max_by_key(|&e| c.idx.last_seen[e])
}

/// The organisation named last, preferring a real institution (a name of
/// several words or with an organisation word: "Court of Appeals",
/// "Homeland Security Investigations") over a bare acronym or place.
fn last_institution(c: &Coref, history: &[(usize, usize, bool)]) -> Option<usize> {
    let orgs = || {
        history
            .iter()
            .rev()
            .map(|h| h.1)
            .filter(|&e| c.entities[e].kind == EntityKind::Organization)
    };
    orgs()
        .find(|&e| {
            c.name_words[e].len() >= 2
                || c.name_words[e]
                    .iter()
                    .any(|w| super::lexicon::ORG_WORDS.contains(w.as_str()))
        })
        .or_else(|| orgs().next())
}

/// An entity whose name (or last name word) appears capitalised inside a
/// description: the issuer of "a Homeland Security memo".
/// The run of two or more capitalised words in a description that is not a
/// person's name ("Government Accountability Office" in "A Government
/// Accountability Office report").
fn issuer_named_in(role: &str) -> Option<String> {
    let words: Vec<&str> = role.split_whitespace().collect();
    let capital = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    // The first run of two or more capitalised words ("a Monday editorial
    // in The Harbor Gazette" passes over the day).
    let mut start = 0;
    while start < words.len() {
        start += words[start..].iter().position(capital)?;
        let run: Vec<&str> = words[start..]
            .iter()
            .take_while(|w| capital(w) && !w.ends_with("’s") && !w.ends_with("'s"))
            .copied()
            .collect();
        if run.len() >= 2 {
            let first = run[0].to_lowercase();
            return (super::lexicon::first_name_gender(&first).is_none()
                && !super::lexicon::HONORIFICS.contains_key(first.trim_end_matches('.')))
            .then(|| run.join(" "));
        }
        start += run.len().max(1);
    }
    None
}

/// The organisation of that name, made on its first mention.
fn organisation_named(c: &mut Coref, name: &str) -> usize {
    match c.by_key.get(&key(name)).copied() {
        Some(e) => e,
        None => {
            let e = c.new_entity(name, EntityKind::Organization, Gender::Unknown);
            c.by_key.insert(key(name), e);
            e
        }
    }
}

/// A name followed by a lowercase organisation word inside a description
/// ("Harlow campaign" in "a memo on the Harlow campaign's website").
fn body_named_in(role: &str) -> Option<String> {
    // A word without its possessive ending and trailing punctuation.
    fn bare(w: &str) -> &str {
        w.trim_end_matches("’s")
            .trim_end_matches("'s")
            .trim_end_matches(|c: char| !c.is_alphanumeric())
    }
    let words: Vec<&str> = role.split_whitespace().collect();
    let at = words.windows(2).position(|w| {
        let noun = bare(w[1]);
        w[0].starts_with(char::is_uppercase)
            && !w[0].ends_with("’s")
            && !w[0].ends_with("'s")
            && noun.starts_with(char::is_lowercase)
            && super::lexicon::ORG_WORDS.contains(noun)
            && !super::lexicon::DOCUMENT_NOUNS.contains(noun)
    })?;
    let mut start = at;
    while start > 0 && words[start - 1].starts_with(char::is_uppercase) {
        start -= 1;
    }
    if super::lexicon::DETERMINERS.contains(words[start].to_lowercase().as_str()) {
        start += 1;
        if start > at {
            return None;
        }
    }
    Some(format!(
        "{} {}",
        words[start..=at].join(" "),
        bare(words[at + 1])
    ))
}

fn named_inside(c: &Coref, role: &str) -> Option<usize> {
    let caps: Vec<String> = role
        .split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(|w| {
            w.trim_end_matches("’s")
                .trim_end_matches("'s")
                .trim_matches(|x: char| !x.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect();
    if caps.is_empty() {
        return None;
    }
    let phrase = caps.join(" ");
    // The longest entity name contained in the capitalised words.
    (0..c.entities.len())
        .filter(|&e| c.entities[e].kind != EntityKind::Unnamed)
        .filter(|&e| {
            let n = c.name_words[e]
                .iter()
                .filter(|w| !matches!(w.as_str(), "of" | "the" | "for" | "and" | "on" | "to"))
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            !n.is_empty()
                && (phrase.contains(&n)
                    || c.name_words[e].len() >= 2
                        && caps.last() == c.name_words[e].last()
                        && caps.len() == 1)
        })
        .max_by_key(|&e| c.name_words[e].len())
}

/// The person entity seen so far whose roles fit the description best
/// (ties go to the most recent), when one fits at all (score > 0).
///
/// Only entities sharing a role word (or a role group) with the description
/// can score, so those are found through the role-word index rather than by
/// walking the whole history; the winner is the same: highest score, then the
/// latest mention.
fn best_fit(
    c: &Coref,
    desc: &[String],
    history: &[(usize, usize, bool)],
    gender: Gender,
) -> Option<(i64, usize)> {
    let _ = history;
    // The role words that can score.
    let mut ids: Vec<usize> = Vec::new();
    let mut add = |w: &str| {
        if let Some(&id) = c.idx.role_word.get(w) {
            ids.push(id);
        }
    };
    for d in desc {
        // Words role_fit skips score nothing.
        if matches!(d.as_str(), "the" | "a" | "an" | "former" | "current") {
            continue;
        }
        add(d);
        for g in role_groups_of(d) {
            for r in g.iter() {
                add(r);
            }
        }
    }
    // The most recent first, lazily (merging the sets from their ends),
    // stopping at the first entity that reaches the highest score the
    // description allows: nobody later in the order can beat it.
    let bound: i64 = desc
        .iter()
        .filter(|d| !matches!(d.as_str(), "the" | "a" | "an" | "former" | "current"))
        .map(|d| {
            if NATIONALITIES.contains(d.as_str()) {
                2
            } else {
                3
            }
        })
        .sum();
    // Their sighting logs, and the entities that gained one of them since
    // their last sighting; each read from its end, current entries only.
    let last_seen = &c.idx.last_seen;
    let mut unsynced: Vec<(u32, u32)> = c
        .idx
        .unsynced
        .iter()
        .copied()
        .filter(|&x| c.idx.roles_of[x].iter().any(|w| ids.contains(w)))
        .map(|x| (last_seen[x] as u32, x as u32))
        .collect();
    unsynced.sort_unstable();
    let mut lists: Vec<&[(u32, u32)]> = ids.iter().map(|&id| &c.idx.log[id][..]).collect();
    lists.push(&unsynced);
    let mut cur: Vec<usize> = lists.iter().map(|l| l.len()).collect();
    let mut next = || {
        let mut top: Option<((u32, u32), usize)> = None;
        for k in 0..lists.len() {
            while cur[k] > 0
                && last_seen[lists[k][cur[k] - 1].1 as usize] != lists[k][cur[k] - 1].0 as usize
            {
                cur[k] -= 1;
            }
            if cur[k] > 0 {
                let head = lists[k][cur[k] - 1];
                if top.is_none_or(|(t, _)| head > t) {
                    top = Some((head, k));
                }
            }
        }
        let (head, k) = top?;
        cur[k] -= 1;
        Some(head)
    };
    let mut best: Option<(i64, usize)> = None;
    let mut previous = None;
    while let Some((_, e)) = next() {
        let e = e as usize;
        if previous == Some(e) {
            continue;
        }
        previous = Some(e);
        if best.is_some_and(|b| b.0 >= bound) {
            break;
        }
        let ent = &c.entities[e];
        if ent.kind != EntityKind::Person {
            continue;
        }
        if gender != Gender::Unknown && ent.gender != Gender::Unknown && ent.gender != gender {
            continue;
        }
        let s = role_fit(c, desc, e);
        if s > 0 && best.is_none_or(|b| s > b.0) {
            best = Some((s, e));
        }
    }
    best
}
