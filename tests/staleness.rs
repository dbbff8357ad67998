//! Never stale: a test client interleaves 1,000 `didChange` notifications
//! with 1,000 hover and documentSymbol requests, without waiting for
//! answers, over the real pipe. Every answer must describe the text as it
//! was when the request was sent (all earlier changes applied, no later
//! one), and diagnostics must never be published for a version older than
//! one already published, and must describe their own version's text.

mod common;

use common::{position, text_in, Client, Enc};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/quoth-tests/stale.txt";
const HEAD: &str = "Ann Lee chairs the port board.\n\n";

/// The client's copy of the document: paragraphs after a fixed opening.
struct Model {
    paragraphs: Vec<String>,
}

impl Model {
    fn text(&self) -> String {
        let mut text = HEAD.to_string();
        for p in &self.paragraphs {
            text.push_str(p);
        }
        text
    }

    /// The byte offset where paragraph `i` starts.
    fn start(&self, i: usize) -> usize {
        HEAD.len() + self.paragraphs[..i].iter().map(String::len).sum::<usize>()
    }

    /// Quotations that name no speaker: each gets one diagnostic.
    fn standalone(&self) -> Vec<String> {
        self.paragraphs
            .iter()
            .filter(|p| p.contains("stands alone"))
            .map(|p| p.trim_end().to_string())
            .collect()
    }
}

fn paragraph(v: i64, standalone: bool) -> String {
    if standalone {
        format!("“Statement {v} stands alone.”\n\n")
    } else {
        format!("“Statement {v} is on the record 😀,” Ann Lee said.\n\n")
    }
}

enum Asked {
    Symbols(String),
    /// The text, and the quotation the hover position is in (if any).
    Hover(String, Option<String>),
}

fn check_answer(asked: &Asked, answer: &Value) {
    assert!(answer.get("error").is_none(), "{answer}");
    let result = &answer["result"];
    match asked {
        Asked::Symbols(text) => {
            let symbols = result.as_array().expect("symbols");
            let quoted: Vec<&str> = symbols
                .iter()
                .map(|s| text_in(text, &s["range"], Enc::Utf16))
                .collect();
            let expected: Vec<&str> = text
                .lines()
                .filter(|l| l.starts_with('“'))
                .map(|l| &l[..l.find('”').unwrap() + '”'.len_utf8()])
                .collect();
            assert_eq!(quoted, expected, "symbols for an older or newer text");
        }
        Asked::Hover(text, quote) => match quote {
            Some(quote) => {
                let range = &result["range"];
                assert_eq!(text_in(text, range, Enc::Utf16), quote, "{result}");
            }
            None => assert!(result.is_null(), "{result}"),
        },
    }
}

#[test]
fn every_answer_reflects_the_latest_text() {
    let mut client = Client::start(None);
    let mut model = Model {
        paragraphs: vec![paragraph(1, false)],
    };
    client.open(URI, "plaintext", &model.text());
    let mut texts = vec![String::new(), model.text()]; // by version
    let mut seed: u64 = 0x5747_e1e5;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    let mut in_flight: Vec<(i64, Asked)> = Vec::new();
    let mut answered = 0;
    for version in 2..=1001i64 {
        // One edit, as a range over the client's current text.
        let text = model.text();
        let len = model.paragraphs.len();
        let change = if len > 0 && (len > 12 || next(3) == 0) {
            // Delete a paragraph.
            let i = next(len as u64) as usize;
            let (a, b) = (model.start(i), model.start(i) + model.paragraphs[i].len());
            model.paragraphs.remove(i);
            json!({ "range": { "start": position(&text, a, Enc::Utf16), "end": position(&text, b, Enc::Utf16) }, "text": "" })
        } else if len > 0 && next(2) == 0 {
            // Rewrite one paragraph's number (a replacement inside a line).
            let i = next(len as u64) as usize;
            let old = model.paragraphs[i].clone();
            let new = paragraph(version, old.contains("stands alone"));
            let a = model.start(i) + "“Statement ".len();
            let b = model.start(i) + old.find(" stands").or(old.find(" is on")).unwrap();
            let number =
                &new["“Statement ".len()..new.find(" stands").or(new.find(" is on")).unwrap()];
            model.paragraphs[i] = new.clone();
            json!({ "range": { "start": position(&text, a, Enc::Utf16), "end": position(&text, b, Enc::Utf16) }, "text": number })
        } else {
            // Insert a paragraph.
            let i = next(len as u64 + 1) as usize;
            let at = if i == len { text.len() } else { model.start(i) };
            let new = paragraph(version, next(2) == 0);
            model.paragraphs.insert(i, new.clone());
            let p = position(&text, at, Enc::Utf16);
            json!({ "range": { "start": p, "end": p }, "text": new })
        };
        client.change(URI, version, json!([change]));
        let text = model.text();
        assert_eq!(texts.len() as i64, version);
        texts.push(text.clone());

        // One request, not waited for.
        let asked = if version % 2 == 0 {
            let id = client.send_request(
                "textDocument/documentSymbol",
                json!({ "textDocument": { "uri": URI } }),
            );
            (id, Asked::Symbols(text))
        } else {
            let quote = model
                .paragraphs
                .last()
                .map(|p| p[..p.find('”').unwrap() + 3].to_string());
            let at = match &quote {
                Some(_) => text.len() - model.paragraphs.last().unwrap().len() + 4,
                None => HEAD.len() - 1, // the empty line: nothing to hover
            };
            let params = json!({ "textDocument": { "uri": URI }, "position": position(&text, at, Enc::Utf16) });
            let id = client.send_request("textDocument/hover", params);
            (id, Asked::Hover(text, quote))
        };
        in_flight.push(asked);
        if in_flight.len() == 20 || version == 1001 {
            for (id, asked) in in_flight.drain(..) {
                check_answer(&asked, &client.response(id));
                answered += 1;
            }
        }
    }
    assert_eq!(answered, 1000);

    // The last version's diagnostics are published; none went out of order,
    // and each describes the text of its own version.
    let last = client.wait_for("textDocument/publishDiagnostics", |p| p["version"] == 1001);
    let mut published = client.take_all("textDocument/publishDiagnostics");
    published.push(last);
    assert!(
        published.len() > 1,
        "diagnostics were published along the way"
    );
    let mut newest = 0;
    for p in &published {
        assert_eq!(p["uri"], URI);
        let version = p["version"].as_i64().expect("a version");
        assert!(
            version >= newest,
            "version {version} published after {newest}"
        );
        newest = version;
        let text = &texts[version as usize];
        let expected = Model {
            paragraphs: text[HEAD.len()..]
                .split_inclusive("\n\n")
                .map(str::to_string)
                .collect(),
        }
        .standalone();
        let flagged: Vec<&str> = p["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| text_in(text, &d["range"], Enc::Utf16))
            .collect();
        assert_eq!(flagged, expected, "diagnostics of version {version}");
    }
    assert!(client.exit().success());
}
