//! The seed article from the shared corpus, read at run time (its text is not
//! part of this project): the editor experience the first issue asks for.

mod common;

use common::{position, range_of, Client, Enc};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/quoth-seed/seed.txt";

fn seed_text() -> String {
    let dir = std::env::var("QUOTH_CORPUS")
        .unwrap_or_else(|_| concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus").to_string());
    let path = format!("{dir}/seed.jsonl");
    let line = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("the seed article is needed at {path} (set QUOTH_CORPUS): {e}"));
    let doc: Value =
        serde_json::from_str(line.lines().next().expect("one document")).expect("JSON");
    doc["text"].as_str().expect("text").to_string()
}

fn hover_text(client: &mut Client, text: &str, offset: usize) -> String {
    let h = client.hover(URI, position(text, offset, Enc::Utf16));
    h["contents"]["value"]
        .as_str()
        .unwrap_or_else(|| panic!("no hover at {offset}: {h}"))
        .to_string()
}

fn unattributed(diags: &[Value]) -> usize {
    diags
        .iter()
        .filter(|d| d["code"] == "unattributed-quote")
        .count()
}

#[test]
fn seed_hover_symbols_and_the_unattributed_warning() {
    let text = seed_text();
    let mut client = Client::start(None);
    client.open(URI, "plaintext", &text);
    let diags = client.diagnostics(URI, Some(1));
    assert!(
        diags
            .iter()
            .all(|d| d["severity"] != 1 && d["severity"] != 2),
        "no warning or error on the seed: {diags:#?}"
    );

    let symbols = client.symbols(URI);
    assert_eq!(symbols.len(), 12, "all twelve quotations");

    // "he" in "he warned" and "the Chinese FM": Qin Gang, Chinese Foreign Minister.
    let he_warned = text.find("he warned").expect("he warned");
    let h = hover_text(&mut client, &text, he_warned);
    assert!(
        h.contains("Qin Gang") && h.contains("Chinese Foreign Minister"),
        "{h}"
    );
    let fm = text.find("the Chinese FM").expect("the Chinese FM") + 4;
    let h = hover_text(&mut client, &text, fm);
    assert!(
        h.contains("Qin Gang") && h.contains("Chinese Foreign Minister"),
        "{h}"
    );

    // The "he" after the quotation about Ukraine being persuaded: Lavrov.
    let ukraine = text
        .find("Ukraine is being persuaded")
        .expect("Ukraine quotation");
    let he = ukraine + text[ukraine..].find(" he said").expect("he said") + 1;
    let h = hover_text(&mut client, &text, he);
    assert!(h.contains("Sergey Lavrov"), "{h}");

    // Remove "he warned" and everything before that quotation: the quotation
    // loses its speaker; restoring the text brings it back.
    let quote_start = text[..he_warned].rfind('“').expect("opening mark");
    let cue = range_of(&text, " he warned", 0, Enc::Utf16);
    let head = json!({ "start": position(&text, 0, Enc::Utf16), "end": position(&text, quote_start, Enc::Utf16) });
    // Both edits in one notification, the later one first so ranges stay valid.
    client.change(
        URI,
        2,
        json!([
            { "range": cue, "text": "" },
            { "range": head, "text": "" },
        ]),
    );
    let edited = client.diagnostics(URI, Some(2));
    assert_eq!(unattributed(&edited), 1, "{edited:#?}");
    client.change(URI, 3, json!([{ "text": text }]));
    let restored = client.diagnostics(URI, Some(3));
    assert_eq!(unattributed(&restored), 0, "{restored:#?}");
    assert!(client.exit().success());
}
