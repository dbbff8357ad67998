//! End-to-end tests of `quoth lsp`: the built binary, spoken to over stdio
//! with Content-Length framing, exactly as an editor does.

mod common;

use common::{offset, position, range_of, text_in, Client, Enc};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/quoth-tests/talks.txt";

/// A short news report written for these tests: one minister quoted through
/// a pronoun cue, a description and his surname, then a second minister.
const ARTICLE: &str = "\
Norland's Foreign Minister Tomas Verhoeven told a press conference on Monday that talks with the European Union had stalled over farm subsidies.

“We will not sign an agreement that leaves our farmers behind,” he warned.

“The door remains open, but patience is running out,” the diplomat said, adding that his team would stay in Brussels until Friday.

Verhoeven said a new round of talks could begin in March. “Nobody in this room wants a trade war,” Verhoeven said.

Later on Monday, Finance Minister Ana Ribeiro sought to calm markets. “We have set money aside for every farmer who needs it,” Ribeiro said.
";

fn has_code(diagnostics: &[Value], code: &str) -> bool {
    diagnostics.iter().any(|d| d["code"] == code)
}

fn hover_markdown(hover: &Value) -> &str {
    assert_eq!(hover["contents"]["kind"], "markdown", "{hover}");
    hover["contents"]["value"].as_str().unwrap()
}

#[test]
fn symbols_list_quotations_in_order_with_their_speakers() {
    let mut client = Client::start(None);
    assert_eq!(client.init["capabilities"]["positionEncoding"], "utf-16");
    assert_eq!(client.init["serverInfo"]["name"], "quoth");
    client.open(URI, "plaintext", ARTICLE);
    client.diagnostics(URI, Some(1));

    let symbols = client.symbols(URI);
    let names: Vec<&str> = symbols
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    let details: Vec<&str> = symbols
        .iter()
        .map(|s| s["detail"].as_str().unwrap())
        .collect();
    assert_eq!(symbols.len(), 4, "{names:?}");
    let starts = [
        "We will not sign",
        "The door remains",
        "Nobody in this",
        "We have set money",
    ];
    for (name, start) in names.iter().zip(starts) {
        assert!(
            name.starts_with(start),
            "{name:?} should start with {start:?}"
        );
        assert!(name.chars().count() <= 41, "{name:?} is too long");
    }
    assert_eq!(
        details,
        [
            "Tomas Verhoeven",
            "Tomas Verhoeven",
            "Tomas Verhoeven",
            "Ana Ribeiro"
        ]
    );
    for symbol in &symbols {
        assert_eq!(symbol["kind"], 15, "kind STRING");
        assert_eq!(symbol["range"], symbol["selectionRange"]);
        let quoted = text_in(ARTICLE, &symbol["range"], Enc::Utf16);
        assert!(
            quoted.starts_with('“') && quoted.ends_with('”'),
            "{quoted:?}"
        );
    }
    assert!(client.exit().success());
}

#[test]
fn hover_on_a_pronoun_names_the_minister() {
    let mut client = Client::start(None);
    client.open(URI, "plaintext", ARTICLE);
    let he = ARTICLE.find("” he warned").unwrap() + "” ".len();
    let hover = client.hover(URI, position(ARTICLE, he + 1, Enc::Utf16));
    let markdown = hover_markdown(&hover);
    assert!(markdown.contains("Tomas Verhoeven"), "{markdown}");
    assert!(
        markdown.to_lowercase().contains("foreign minister"),
        "{markdown}"
    );
    assert_eq!(text_in(ARTICLE, &hover["range"], Enc::Utf16), "he");
    assert!(client.exit().success());
}

#[test]
fn incremental_edits_add_and_remove_an_unattributed_warning() {
    let mut client = Client::start(None);
    client.open(URI, "plaintext", ARTICLE);
    let before = client.diagnostics(URI, Some(1));
    assert!(!has_code(&before, "unattributed-quote"), "{before:?}");

    // One didChange, two edits: drop everything before the first quotation,
    // then (in the text the first edit left) drop its cue " he warned".
    let intro_end = ARTICLE.find('“').unwrap();
    let after_first = &ARTICLE[intro_end..];
    let cue = range_of(after_first, " he warned", 0, Enc::Utf16);
    let intro = json!({ "start": position(ARTICLE, 0, Enc::Utf16), "end": position(ARTICLE, intro_end, Enc::Utf16) });
    client.change(
        URI,
        2,
        json!([{ "range": intro, "text": "" }, { "range": cue, "text": "" }]),
    );
    let edited = after_first.replacen(" he warned", "", 1);
    let during = client.diagnostics(URI, Some(2));
    let warning = during
        .iter()
        .find(|d| {
            d["code"] == "unattributed-quote"
                && d["range"]["start"] == json!({ "line": 0, "character": 0 })
        })
        .unwrap_or_else(|| panic!("no unattributed-quote on the first quotation: {during:?}"));
    assert_eq!(warning["severity"], 2, "a warning");
    assert_eq!(warning["source"], "quoth");
    assert!(text_in(&edited, &warning["range"], Enc::Utf16).starts_with("“We will not sign"));
    let symbols = client.symbols(URI);
    assert_eq!(symbols[0]["detail"], "unattributed");

    // Put both back, again incrementally and in order.
    let cue_at = position(
        &edited,
        edited.find("behind,”").unwrap() + "behind,”".len(),
        Enc::Utf16,
    );
    let start = json!({ "line": 0, "character": 0 });
    client.change(
        URI,
        3,
        json!([
            { "range": { "start": cue_at, "end": cue_at }, "text": " he warned" },
            { "range": { "start": start, "end": start }, "text": &ARTICLE[..intro_end] }
        ]),
    );
    let after = client.diagnostics(URI, Some(3));
    assert!(!has_code(&after, "unattributed-quote"), "{after:?}");
    let symbols = client.symbols(URI);
    assert_eq!(symbols[0]["detail"], "Tomas Verhoeven");
    assert_eq!(
        symbols[0]["range"],
        range_of(
            ARTICLE,
            "“We will not sign an agreement that leaves our farmers behind,”",
            0,
            Enc::Utf16
        )
    );
    assert!(client.exit().success());
}

#[test]
fn rapid_changes_publish_in_version_order_and_keep_every_edit() {
    let mut client = Client::start(None);
    client.open(URI, "plaintext", ARTICLE);
    let mut text = ARTICLE.to_string();
    let end = json!({ "line": 1000, "character": 0 });
    for version in 2..=21 {
        let line = format!("\n“Update {version} is ready,” the diplomat said.\n");
        text.push_str(&line);
        let change = json!([{ "range": { "start": end, "end": end }, "text": line }]);
        client.change(URI, version, change);
    }
    // Asked before any diagnostics are awaited: requests are answered
    // after the notifications sent before them have been applied.
    let symbols = client.symbols(URI);
    assert_eq!(symbols.len(), 4 + 20);

    client.diagnostics(URI, Some(21));
    let published = client.take_all("textDocument/publishDiagnostics");
    let versions: Vec<i64> = published
        .iter()
        .map(|p| p["version"].as_i64().unwrap())
        .collect();
    assert!(versions.windows(2).all(|w| w[0] < w[1]), "{versions:?}");
    assert!(versions.iter().all(|&v| v < 21), "{versions:?}");

    let last = text_in(&text, &symbols[23]["range"], Enc::Utf16);
    assert_eq!(last, "“Update 21 is ready,”");
    assert!(client.exit().success());
}

/// Emoji (two UTF-16 units, four bytes) and CJK (one unit, three bytes)
/// before and inside a quotation on the same line.
const WIDE: &str = "\
Trade talks resumed in Tokyo on Friday after a two-week pause.

🇯🇵 東京 — “Our exports will recover by the summer 🌸,” Trade Minister Kenji Sato said.
";

fn check_wide_ranges(encodings: Option<&[&str]>, enc: Enc, expected: &str) {
    let uri = "file:///tmp/quoth-tests/wide.txt";
    let mut client = Client::start(encodings);
    assert_eq!(client.init["capabilities"]["positionEncoding"], expected);
    client.open(uri, "plaintext", WIDE);
    let quote = range_of(WIDE, "“Our exports will recover by the summer 🌸,”", 0, enc);

    let symbols = client.symbols(uri);
    assert_eq!(symbols.len(), 1, "{symbols:?}");
    assert_eq!(symbols[0]["range"], quote);
    assert_eq!(symbols[0]["detail"], "Kenji Sato");

    let exports = WIDE.find("exports").unwrap();
    let hover = client.hover(uri, position(WIDE, exports, enc));
    assert_eq!(hover["range"], quote);
    assert!(hover_markdown(&hover).contains("Kenji Sato"));

    // A position right after the emoji inside the quotation.
    let flower_end = WIDE.find("🌸").unwrap() + "🌸".len();
    let hover = client.hover(uri, position(WIDE, flower_end, enc));
    assert_eq!(hover["range"], quote);

    let sato = WIDE.find("Sato").unwrap();
    let hover = client.hover(uri, position(WIDE, sato + 1, enc));
    let name = text_in(WIDE, &hover["range"], enc);
    assert!(name.ends_with("Kenji Sato"), "{name:?}");
    let start = offset(WIDE, &hover["range"]["start"], enc);
    assert!(
        start > WIDE.find('”').unwrap(),
        "the mention starts after the quotation"
    );
    assert!(client.exit().success());
}

#[test]
fn wide_characters_keep_ranges_right_in_utf16() {
    check_wide_ranges(None, Enc::Utf16, "utf-16");
    check_wide_ranges(Some(&["utf-16"]), Enc::Utf16, "utf-16");
}

#[test]
fn wide_characters_keep_ranges_right_in_utf8() {
    check_wide_ranges(Some(&["utf-8", "utf-16"]), Enc::Utf8, "utf-8");
}

#[test]
fn close_clears_diagnostics_and_wild_positions_do_not_crash() {
    let mut client = Client::start(None);
    client.open(URI, "plaintext", ARTICLE);
    client.diagnostics(URI, Some(1));

    for (line, character) in [(10_000, 10_000), (0, 99_999), (4, 4_000_000_000u64)] {
        let params = json!({
            "textDocument": { "uri": URI },
            "position": { "line": line, "character": character }
        });
        let response = client.request_raw("textDocument/hover", params);
        assert!(response.get("error").is_none(), "{response}");
    }
    // An edit far past the end lands at the end of the document.
    let far = json!({ "line": 500, "character": 7 });
    let addition = "\n“We will talk again,” a spokesman said.\n";
    client.change(
        URI,
        2,
        json!([{ "range": { "start": far, "end": far }, "text": addition }]),
    );
    client.diagnostics(URI, Some(2));
    // Changes to a document that is not open are ignored.
    client.change(
        "file:///tmp/quoth-tests/never-opened.txt",
        9,
        json!([{ "range": { "start": far, "end": far }, "text": "x" }]),
    );
    let unknown = json!({ "line": 0, "character": 0 });
    assert_eq!(
        client.hover("file:///tmp/quoth-tests/never-opened.txt", unknown),
        Value::Null
    );
    let symbols = client.symbols(URI);
    assert_eq!(symbols.len(), 5, "{symbols:?}");
    let last = text_in(
        &format!("{ARTICLE}{addition}"),
        &symbols[4]["range"],
        Enc::Utf16,
    )
    .to_string();
    assert_eq!(last, "“We will talk again,”");

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    let cleared = client.diagnostics(URI, None);
    assert!(cleared.is_empty(), "{cleared:?}");
    let gone = json!({ "textDocument": { "uri": URI } });
    assert_eq!(
        client.request("textDocument/documentSymbol", gone),
        Value::Null
    );
    assert!(client.exit().success());
}

/// Markdown with CRLF line endings: the language id picks the Markdown
/// reading (a fenced block is not prose), and `\r\n` ends lines.
const HARBOUR: &str = "# Harbour lease signed\r\n\r\nPort Authority chief Maria Lindqvist signed a thirty-year lease on Thursday.\r\n\r\n```text\r\n“This line is sample output,” the log said.\r\n```\r\n\r\n“The harbour will be busy again by spring,” Lindqvist said.\r\n";

#[test]
fn markdown_language_id_and_crlf_line_endings() {
    let mut client = Client::start(None);
    let md = "file:///tmp/quoth-tests/harbour.md";
    client.open(md, "markdown", HARBOUR);
    let symbols = client.symbols(md);
    assert_eq!(symbols.len(), 1, "the fenced block is skipped: {symbols:?}");
    let quote = "“The harbour will be busy again by spring,”";
    assert_eq!(symbols[0]["range"], range_of(HARBOUR, quote, 0, Enc::Utf16));
    assert_eq!(
        symbols[0]["range"]["start"],
        json!({ "line": 8, "character": 0 })
    );
    assert_eq!(symbols[0]["detail"], "Maria Lindqvist");

    let txt = "file:///tmp/quoth-tests/harbour.txt";
    client.open(txt, "plaintext", HARBOUR);
    assert_eq!(
        client.symbols(txt).len(),
        2,
        "as plain text the block is prose"
    );
    assert!(client.exit().success());
}
