//! `quoth eval`: runs the analysis over a JSONL quotation corpus, writes
//! predictions in the corpus format (code-point offsets) and, where the
//! documents carry gold quotations, scores them the way the corpus scorer
//! (`score.py`) does.

use std::collections::{BTreeMap, HashSet};
use std::io::{BufRead, Write};
use std::path::Path;

use serde_json::{json, Map, Value};

use crate::analysis::{analyze, Analysis, Format, MentionKind, Options, Span};

/// Byte offset → code-point offset for one text, by a single forward walk.
pub struct CharIndex {
    /// Byte offsets of every char start, plus the text length.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        starts.push(text.len());
        CharIndex { starts }
    }
    pub fn cp(&self, byte: usize) -> usize {
        self.starts.partition_point(|&b| b < byte)
    }
}

/// One predicted quotation per piece (a quotation continued over paragraphs
/// is annotated as one quotation per paragraph in the corpora).
pub fn predictions(id: &Value, text: &str, a: &Analysis) -> Value {
    let ix = CharIndex::new(text);
    let mut quotes = Vec::new();
    for q in &a.quotations {
        let (speaker, mention) = match &q.attribution {
            Some(att) => {
                let m = &a.mentions[att.mention];
                let s: Span = m.span;
                // The speaker's name: the words of the mention when they name
                // someone, the resolved name behind a pronoun or description.
                let name = match (m.kind, q.entity) {
                    (MentionKind::Name | MentionKind::Organization, _) | (_, None) => {
                        text[s.start..s.end].to_string()
                    }
                    (_, Some(e)) => a.entities[e].name.clone(),
                };
                (
                    Value::String(name),
                    json!({"start": ix.cp(s.start), "end": ix.cp(s.end)}),
                )
            }
            None => (Value::Null, Value::Null),
        };
        let entity = q
            .entity
            .map(|e| Value::String(a.entities[e].name.clone()))
            .unwrap_or(Value::Null);
        for p in &q.pieces {
            quotes.push(json!({
                "start": ix.cp(p.start),
                "end": ix.cp(p.end),
                "speaker": speaker,
                "speaker_mention": mention,
                "entity": entity,
            }));
        }
    }
    json!({"id": id, "quotes": quotes})
}

const QUOTE_CHARS: &[char] = &[
    '"', '\'', '\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}', '\u{ab}', '\u{bb}', '\u{201e}',
    '\u{201a}', '\u{2039}', '\u{203a}', ' ', '\n', '\t',
];
const PRON: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "him", "her", "them",
    "his", "its", "their",
];

fn trim(chars: &[char], mut s: usize, mut e: usize) -> (usize, usize) {
    e = e.min(chars.len());
    s = s.min(e);
    while s < e && QUOTE_CHARS.contains(&chars[s]) {
        s += 1;
    }
    while e > s && QUOTE_CHARS.contains(&chars[e - 1]) {
        e -= 1;
    }
    (s, e)
}

fn iou(a: (usize, usize), b: (usize, usize)) -> f64 {
    let inter = (a.1.min(b.1) as i64 - a.0.max(b.0) as i64).max(0) as f64;
    let union = (a.1.max(b.1) - a.0.min(b.0)) as f64;
    if union > 0.0 {
        inter / union
    } else {
        0.0
    }
}

fn norm_name(s: &str) -> String {
    let s = s.to_lowercase().replace('\u{2019}', "'");
    let s = s.trim_matches(|c: char| c.is_whitespace() || " ,.;:".contains(c));
    let s = ["the ", "a ", "an "]
        .iter()
        .find_map(|p| s.strip_prefix(p).map(|r| r.trim_start()))
        .unwrap_or(s);
    let s = s.strip_suffix("'s").unwrap_or(s);
    let mut words = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() || c == '_' || c == '\'' || c == '-' {
            cur.push(c);
        } else if !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words.join(" ")
}

fn span_of(v: &Value) -> Option<(i64, i64)> {
    Some((v.get("start")?.as_i64()?, v.get("end")?.as_i64()?))
}

fn overlaps(m: &Value, spans: Option<&Value>) -> bool {
    let Some((ms, me)) = span_of(m) else {
        return false;
    };
    spans.and_then(Value::as_array).is_some_and(|a| {
        a.iter()
            .filter_map(span_of)
            .any(|(gs, ge)| (me.min(ge) - ms.max(gs)).max(0) > 0)
    })
}

fn str_of(v: Option<&Value>) -> Option<&str> {
    v.and_then(Value::as_str)
}

fn speaker_ok(g: &Value, p: &Value) -> bool {
    let (gs, ps) = (str_of(g.get("speaker")), str_of(p.get("speaker")));
    let m = p.get("speaker_mention").filter(|m| !m.is_null());
    if gs.is_none() && ps.is_none() && m.is_none() {
        return true;
    }
    if let Some(m) = m {
        if overlaps(m, g.get("speaker_mentions")) {
            return true;
        }
    }
    if let (Some(gs), Some(ps)) = (gs, ps) {
        let (a, b) = (norm_name(gs), norm_name(ps));
        if !a.is_empty() && a == b {
            return true;
        }
        if !a.is_empty() && !b.is_empty() && !PRON.contains(&a.as_str()) {
            let aw: Vec<&str> = a.split(' ').collect();
            let bw: Vec<&str> = b.split(' ').collect();
            if bw.contains(aw.last().unwrap()) || aw.contains(bw.last().unwrap()) {
                return true;
            }
        }
    }
    false
}

fn entity_ok(g: &Value, p: &Value) -> bool {
    let gtype = str_of(g.get("entity_type"));
    let pe = str_of(p.get("entity")).filter(|s| !s.is_empty());
    let gent = str_of(g.get("entity"));
    if gtype == Some("none") || gent.is_none() {
        return pe.is_none() && str_of(p.get("speaker")).is_none_or(str::is_empty);
    }
    let Some(pe) = pe else { return false };
    let (a, b) = (norm_name(gent.unwrap()), norm_name(pe));
    if a.is_empty() || b.is_empty() || PRON.contains(&b.as_str()) {
        return false;
    }
    if a == b {
        return true;
    }
    let ta: Vec<&str> = a.split(' ').collect();
    let tb: Vec<&str> = b.split(' ').collect();
    if ta.len() >= 2 && tb.len() >= 2 && ta.last() == tb.last() {
        return true;
    }
    if gtype == Some("unnamed") {
        if let Some(m) = p.get("speaker_mention").filter(|m| !m.is_null()) {
            if overlaps(m, g.get("speaker_mentions")) {
                return true;
            }
        }
    }
    false
}

#[derive(Default)]
pub struct Scores {
    c: BTreeMap<&'static str, u64>,
    by_res: BTreeMap<String, BTreeMap<&'static str, u64>>,
    any_gold: bool,
}

impl Scores {
    fn inc(&mut self, k: &'static str) {
        *self.c.entry(k).or_default() += 1;
    }
    fn get(&self, k: &str) -> u64 {
        self.c.get(k).copied().unwrap_or(0)
    }

    /// Adds one document: its gold record and its prediction record.
    pub fn add(&mut self, gold: &Value, pred: &Value, kinds: &HashSet<String>, min_iou: f64) {
        let Some(gq) = gold.get("quotes").and_then(Value::as_array) else {
            return;
        };
        self.any_gold = true;
        let chars: Vec<char> = gold
            .get("text")
            .and_then(Value::as_str)
            .unwrap_or("")
            .chars()
            .collect();
        let sp = |q: &Value| {
            let s = q.get("start").and_then(Value::as_u64).unwrap_or(0) as usize;
            let e = q.get("end").and_then(Value::as_u64).unwrap_or(0) as usize;
            trim(&chars, s, e)
        };
        let empty = Vec::new();
        let pq = pred
            .get("quotes")
            .and_then(Value::as_array)
            .unwrap_or(&empty);
        let gs: Vec<(usize, usize)> = gq.iter().map(sp).collect();
        let ps: Vec<(usize, usize)> = pq.iter().map(sp).collect();
        let mut pairs = Vec::new();
        for (gi, g) in gs.iter().enumerate() {
            for (pi, p) in ps.iter().enumerate() {
                pairs.push((iou(*g, *p), gi, pi));
            }
        }
        // Python sorts the tuples in reverse: by IoU, then indexes, descending.
        pairs.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        let (mut gu, mut pu, mut matched) = (HashSet::new(), HashSet::new(), Vec::new());
        for (v, gi, pi) in pairs {
            if v < min_iou || gu.contains(&gi) || pu.contains(&pi) {
                continue;
            }
            gu.insert(gi);
            pu.insert(pi);
            matched.push((gi, pi));
        }
        let kind = |q: &Value| str_of(q.get("kind")).unwrap_or("direct").to_string();
        let care: HashSet<usize> = (0..gq.len())
            .filter(|&gi| kinds.contains(&kind(&gq[gi])))
            .collect();
        *self.c.entry("gold").or_default() += care.len() as u64;
        let dont_care = matched.iter().filter(|(gi, _)| !care.contains(gi)).count() as u64;
        *self.c.entry("pred").or_default() += pq.len() as u64 - dont_care;
        let has_entity = |q: &Value| q.get("entity").is_some() || q.get("entity_type").is_some();
        let res = |q: &Value| str_of(q.get("resolution")).unwrap_or("?").to_string();
        let mut care_sorted: Vec<usize> = care.iter().copied().collect();
        care_sorted.sort();
        for &gi in &care_sorted {
            if has_entity(&gq[gi]) {
                self.inc("gold_with_entity");
                *self
                    .by_res
                    .entry(res(&gq[gi]))
                    .or_default()
                    .entry("gold")
                    .or_default() += 1;
            }
        }
        for (gi, pi) in matched {
            if !care.contains(&gi) {
                continue;
            }
            let (g, p) = (&gq[gi], &pq[pi]);
            self.inc("tp_overlap");
            if gs[gi] == ps[pi] {
                self.inc("tp_exact");
            }
            if speaker_ok(g, p) {
                self.inc("spk_ok");
            }
            if has_entity(g) {
                self.inc("ent_matched");
                let r = res(g);
                *self
                    .by_res
                    .entry(r.clone())
                    .or_default()
                    .entry("matched")
                    .or_default() += 1;
                if entity_ok(g, p) {
                    self.inc("ent_ok");
                    *self.by_res.entry(r).or_default().entry("ok").or_default() += 1;
                }
            }
        }
    }

    fn prf(&self, tp: u64) -> Value {
        let (pred, gold) = (self.get("pred") as f64, self.get("gold") as f64);
        let p = if pred > 0.0 { tp as f64 / pred } else { 0.0 };
        let r = if gold > 0.0 { tp as f64 / gold } else { 0.0 };
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        json!({"P": round4(p), "R": round4(r), "F1": round4(f)})
    }

    /// The same report as the corpus scorer prints.
    pub fn report(&self) -> Option<Value> {
        if !self.any_gold {
            return None;
        }
        let ratio = |a: u64, b: u64| {
            if b > 0 {
                round4(a as f64 / b as f64)
            } else {
                0.0
            }
        };
        let mut out = Map::new();
        out.insert("counts".into(), json!(self.c));
        out.insert("span_exact".into(), self.prf(self.get("tp_exact")));
        out.insert("span_overlap".into(), self.prf(self.get("tp_overlap")));
        out.insert(
            "speaker_acc_on_matched".into(),
            json!(ratio(self.get("spk_ok"), self.get("tp_overlap"))),
        );
        out.insert("end_to_end".into(), self.prf(self.get("spk_ok")));
        if self.get("gold_with_entity") > 0 {
            out.insert(
                "entity_acc_on_matched".into(),
                json!(ratio(self.get("ent_ok"), self.get("ent_matched"))),
            );
            out.insert(
                "entity_end_to_end_recall".into(),
                json!(ratio(self.get("ent_ok"), self.get("gold_with_entity"))),
            );
            let mut br = Map::new();
            for (r, v) in &self.by_res {
                let g = |k: &str| v.get(k).copied().unwrap_or(0);
                br.insert(r.clone(), json!({"gold": g("gold"), "matched": g("matched"), "ok": g("ok"), "acc": ratio(g("ok"), g("matched"))}));
            }
            out.insert("entity_by_resolution".into(), Value::Object(br));
        }
        Some(Value::Object(out))
    }
}

fn round4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

/// Runs `quoth eval`. Returns the score report when the corpus has gold.
pub fn run(
    corpus: &Path,
    predictions_out: Option<&Path>,
    kinds: &str,
) -> Result<Option<Value>, String> {
    let file = std::fs::File::open(corpus)
        .map_err(|e| format!("cannot open {}: {e}", corpus.display()))?;
    let mut out: Option<std::io::BufWriter<std::fs::File>> = match predictions_out {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).map_err(|e| format!("cannot create {}: {e}", p.display()))?,
        )),
        None => None,
    };
    let kinds: HashSet<String> = kinds
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let mut scores = Scores::default();
    let options = Options {
        format: Format::PlainText,
        ..Default::default()
    };
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: line {}: {e}", corpus.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Value = serde_json::from_str(&line)
            .map_err(|e| format!("{}: line {}: not JSON: {e}", corpus.display(), n + 1))?;
        let text = doc
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("{}: line {}: no \"text\"", corpus.display(), n + 1))?;
        let analysis = analyze(text, &options);
        let pred = predictions(doc.get("id").unwrap_or(&Value::Null), text, &analysis);
        if let Some(w) = out.as_mut() {
            writeln!(w, "{pred}").map_err(|e| format!("writing predictions: {e}"))?;
        }
        scores.add(&doc, &pred, &kinds, 0.5);
    }
    if let Some(mut w) = out {
        w.flush().map_err(|e| format!("writing predictions: {e}"))?;
    }
    Ok(scores.report())
}
