//! End-to-end tests of the navigation, fixing and configuration features,
//! over stdio against the built binary, with articles written for them.

mod common;

use std::path::PathBuf;

use common::{apply_edits, position, range_of, text_in, Client, Enc};
use serde_json::{json, Value};

/// A short report: a minister quoted through "she" and "the minister", a
/// quotation nobody is credited with (straight quotes), a union leader,
/// and a quotation left open.
const FERRY: &str = "\
Harbour Minister Elena Marsh opened the new ferry terminal on Tuesday.

\"This terminal will carry a million passengers a year,\" she said.

\"We built it on time and on budget,\" the minister added.

The old pier will close in May, the harbour office said.

\"Nobody will miss the queues.\"

Union leader Sam Adeyemi was less enthusiastic than Marsh. “The jobs are not there yet,” Adeyemi said.

“We will keep asking until someone answers
";

/// A fresh folder for one test.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("quoth-features-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn uri_of(path: &std::path::Path) -> String {
    format!("file://{}", path.display())
}

fn codes(diagnostics: &[Value]) -> Vec<(String, i64)> {
    diagnostics
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["severity"].as_i64().unwrap(),
            )
        })
        .collect()
}

fn has(diagnostics: &[Value], code: &str) -> bool {
    diagnostics.iter().any(|d| d["code"] == code)
}

#[test]
fn quoth_toml_and_editor_settings_stack_with_problems_reported_by_line() {
    let dir = folder("config");
    std::fs::write(
        dir.join("quoth.toml"),
        "# newsroom settings\n[severity]\nunattributed-quote = \"error\"\ncontext-attribution = \"loud\"\n",
    )
    .unwrap();
    let sub = dir.join("politics");
    std::fs::create_dir_all(&sub).unwrap();
    let path = sub.join("ferry.txt");
    std::fs::write(&path, FERRY).unwrap();
    let uri = uri_of(&path);

    // The editor turns context attribution off and makes unattributed
    // quotations hints; the file's "error" wins for the latter.
    let options = json!({ "quoth": {
        "severity": { "context-attribution": "off", "unattributed-quote": "hint" },
        "maxSize": "big"
    }});
    let mut client = Client::start_extra(None, json!({ "initializationOptions": options }));
    client.open(&uri, "plaintext", FERRY);
    let d = client.diagnostics(&uri, Some(1));
    assert_eq!(
        codes(&d),
        [
            ("unattributed-quote".to_string(), 1),
            ("unterminated-quote".to_string(), 1)
        ],
        "{d:?}"
    );
    // A wrong editor setting is shown too, once initialized.
    client.wait_for("window/showMessage", |p| {
        p["message"] == "quoth settings: `maxSize` must be a number of bytes; ignored"
    });
    // The bad line is reported with its number; the rest still applied.
    let shown = client.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .unwrap_or("")
            .contains("quoth.toml:4:")
    });
    assert!(shown["message"]
        .as_str()
        .unwrap()
        .contains("severity of `context-attribution`"));
    // ... and as a diagnostic on that line of quoth.toml.
    let toml_uri = uri_of(&dir.join("quoth.toml"));
    let d = client.diagnostics(&toml_uri, None);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["range"]["start"]["line"], 3);
    assert_eq!(d[0]["code"], "invalid-setting");

    // New editor settings: unterminated quotations off.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "quoth": { "severity": { "unterminated-quote": "off" } } } }),
    );
    let d = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && !has(p["diagnostics"].as_array().unwrap(), "unterminated-quote")
    });
    let d = d["diagnostics"].as_array().unwrap();
    // The editor's earlier "context-attribution = off" is gone with its
    // settings: the hint is back, and the file still decides the rest.
    assert!(has(d, "context-attribution"), "{d:?}");
    assert!(has(d, "unattributed-quote"));

    // Opened in the editor, quoth.toml shows its problems as it is typed.
    let typed = "[severity]\nunattributed-quote = \"error\"\ncues = = 1\n";
    client.open(&toml_uri, "toml", typed);
    let d = client.diagnostics(&toml_uri, Some(1));
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["range"]["start"]["line"], 2);
    client.exit();
}

#[test]
fn disabled_languages_and_ignored_files_get_no_diagnostics() {
    let dir = folder("disabled");
    std::fs::write(dir.join("quoth.toml"), "ignore = [\"drafts/**\"]\n").unwrap();
    let draft = dir.join("drafts").join("a.txt");
    let mut client = Client::start_extra(
        None,
        json!({ "initializationOptions": { "languages": ["markdown"] } }),
    );
    client.open("untitled:notes", "plaintext", FERRY);
    assert!(client.diagnostics("untitled:notes", Some(1)).is_empty());
    client.open(&uri_of(&draft), "markdown", FERRY);
    assert!(client.diagnostics(&uri_of(&draft), Some(1)).is_empty());
    let kept = dir.join("final.md");
    client.open(&uri_of(&kept), "markdown", FERRY);
    assert!(!client.diagnostics(&uri_of(&kept), Some(1)).is_empty());
    client.exit();
}

#[test]
fn ignore_markers_silence_their_paragraph_in_the_editor_and_in_check() {
    let dir = folder("markers");
    let marked_txt = FERRY.replace(
        "\"Nobody will miss the queues.\"",
        "\"Nobody will miss the queues.\" [quoth: ignore]",
    );
    let marked_md = FERRY.replace(
        "\"Nobody will miss the queues.\"",
        "\"Nobody will miss the queues.\" <!-- quoth: ignore -->",
    );
    let txt = dir.join("a.txt");
    let md = dir.join("b.md");
    std::fs::write(&txt, &marked_txt).unwrap();
    std::fs::write(&md, &marked_md).unwrap();

    let mut client = Client::start(None);
    client.open(&uri_of(&txt), "plaintext", &marked_txt);
    client.open(&uri_of(&md), "markdown", &marked_md);
    for uri in [uri_of(&txt), uri_of(&md)] {
        let d = client.diagnostics(&uri, Some(1));
        assert!(!has(&d, "unattributed-quote"), "{uri}: {d:?}");
        assert!(has(&d, "unterminated-quote"), "{uri}: {d:?}");
    }
    client.exit();

    // quoth check reads the same markers and a quoth.toml beside them.
    std::fs::write(
        dir.join("quoth.toml"),
        "[severity]\nunterminated-quote = \"off\"\nunattributed-quote = \"loud\"\n",
    )
    .unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_quoth"))
        .args(["check", "--format", "json"])
        .arg(&dir)
        .output()
        .unwrap();
    let findings: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["context-attribution", "context-attribution"],
        "{findings}"
    );
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("quoth.toml:3: severity of `unattributed-quote`"),
        "{stderr}"
    );
    assert_eq!(stderr.matches("quoth.toml:3:").count(), 1, "once per file");
}

fn actions_at(client: &mut Client, uri: &str, range: Value) -> Vec<Value> {
    let params = json!({
        "textDocument": { "uri": uri }, "range": range,
        "context": { "diagnostics": [] }
    });
    client
        .request("textDocument/codeAction", params)
        .as_array()
        .unwrap()
        .clone()
}

fn titled<'a>(actions: &'a [Value], start: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().starts_with(start))
        .unwrap_or_else(|| panic!("no {start:?} in {actions:?}"))
}

fn edits_of<'a>(action: &'a Value, uri: &str) -> &'a [Value] {
    action["edit"]["changes"][uri].as_array().unwrap()
}

#[test]
fn code_actions_attribute_ignore_close_and_curl() {
    let uri = "file:///tmp/quoth-features/actions.txt";
    let mut client = Client::start(None);
    client.open(uri, "plaintext", FERRY);
    client.diagnostics(uri, Some(1));

    let quote = "\"Nobody will miss the queues.\"";
    let actions = actions_at(&mut client, uri, range_of(FERRY, quote, 0, Enc::Utf16));
    let attribute = titled(&actions, "Attribute to Marsh");
    assert_eq!(attribute["kind"], "quickfix");
    let fixed = apply_edits(FERRY, edits_of(attribute, uri), Enc::Utf16);
    assert!(
        fixed.contains("\"Nobody will miss the queues,\" Marsh said."),
        "{fixed}"
    );
    // Speakers are taken from before the quotation, nearest first.
    assert_eq!(actions[0]["title"], "Attribute to Marsh");
    assert_eq!(actions[0]["isPreferred"], true);
    assert!(!actions
        .iter()
        .any(|a| a["title"].as_str().unwrap().contains("Adeyemi")));

    // The attributed text has no unattributed-quote any more.
    client.change(uri, 2, json!([{ "text": fixed }]));
    let d = client.diagnostics(uri, Some(2));
    assert!(!has(&d, "unattributed-quote"), "{d:?}");

    // Mark as intentionally unattributed: the plain-text marker.
    client.change(uri, 3, json!([{ "text": FERRY }]));
    client.diagnostics(uri, Some(3));
    let actions = actions_at(&mut client, uri, range_of(FERRY, quote, 0, Enc::Utf16));
    let ignore = titled(&actions, "Mark as intentionally unattributed");
    let marked = apply_edits(FERRY, edits_of(ignore, uri), Enc::Utf16);
    assert!(
        marked.contains(&format!("{quote} [quoth: ignore]\n")),
        "{marked}"
    );
    client.change(uri, 4, json!([{ "text": marked }]));
    assert!(!has(
        &client.diagnostics(uri, Some(4)),
        "unattributed-quote"
    ));

    // Close the quotation.
    let open = "“We will keep asking";
    let actions = actions_at(&mut client, uri, range_of(&marked, open, 0, Enc::Utf16));
    let close = titled(&actions, "Close the quotation");
    let closed = apply_edits(&marked, edits_of(close, uri), Enc::Utf16);
    assert!(closed.ends_with("until someone answers”\n"), "{closed:?}");

    // Curly quotes: the quotation, then the whole document.
    let at = range_of(&closed, "This terminal", 0, Enc::Utf16);
    let actions = actions_at(&mut client, uri, at);
    let one = titled(&actions, "Use curly quotes in this quotation");
    let curled = apply_edits(&closed, edits_of(one, uri), Enc::Utf16);
    assert!(curled.contains("“This terminal will carry a million passengers a year,” she said."));
    assert!(curled.contains("\"We built it"));
    // Asking for quick fixes only leaves the rewrites out.
    let params = json!({
        "textDocument": { "uri": uri },
        "range": range_of(&closed, "This terminal", 0, Enc::Utf16),
        "context": { "diagnostics": [], "only": ["quickfix"] }
    });
    let quick = client.request("textDocument/codeAction", params);
    assert!(quick
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["kind"] == "quickfix"));
    let all = titled(&actions, "Use curly quotes in the whole document");
    let curled = apply_edits(&closed, edits_of(all, uri), Enc::Utf16);
    assert!(!curled.contains('"'), "{curled}");
    assert!(curled.contains("“Nobody will miss the queues.” [quoth: ignore]"));
    client.exit();
}

#[test]
fn markdown_ignore_action_inserts_an_html_comment() {
    let uri = "file:///tmp/quoth-features/actions.md";
    let mut client = Client::start(Some(&["utf-8"]));
    client.open(uri, "markdown", FERRY);
    client.diagnostics(uri, Some(1));
    let quote = "\"Nobody will miss the queues.\"";
    let actions = actions_at(&mut client, uri, range_of(FERRY, quote, 0, Enc::Utf8));
    let ignore = titled(&actions, "Mark as intentionally unattributed");
    let marked = apply_edits(FERRY, edits_of(ignore, uri), Enc::Utf8);
    assert!(marked.contains(&format!("{quote} <!-- quoth: ignore -->\n")));
    client.exit();
}

#[test]
fn inlay_hints_name_the_speaker_and_can_be_switched_off() {
    let uri = "file:///tmp/quoth-features/hints.txt";
    let mut client = Client::start(None);
    client.open(uri, "plaintext", FERRY);
    client.diagnostics(uri, Some(1));
    let whole =
        json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 99, "character": 0 } });
    let params = json!({ "textDocument": { "uri": uri }, "range": whole });
    let hints = client.request("textDocument/inlayHint", params.clone());
    let hints = hints.as_array().unwrap();
    let she = FERRY.find("she said").unwrap() + "she".len();
    let hint = hints
        .iter()
        .find(|h| h["position"] == position(FERRY, she, Enc::Utf16))
        .unwrap_or_else(|| panic!("no hint after “she”: {hints:?}"));
    assert_eq!(hint["label"], "→ Elena Marsh");
    let minister = FERRY.find("the minister added").unwrap() + "the minister".len();
    assert!(hints
        .iter()
        .any(|h| h["position"] == position(FERRY, minister, Enc::Utf16)));
    // No hint after a mention that spells out the name.
    let labels: Vec<&str> = hints.iter().map(|h| h["label"].as_str().unwrap()).collect();
    assert!(!labels.is_empty() && labels.iter().all(|l| l.starts_with("→ ")));

    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "quoth": { "inlayHints": { "enable": false } } } }),
    );
    client.diagnostics(uri, Some(1));
    let hints = client.request("textDocument/inlayHint", params);
    assert_eq!(hints, json!([]));
    client.exit();
}

#[test]
fn definition_references_and_highlights_follow_the_speaker() {
    let uri = "file:///tmp/quoth-features/nav.txt";
    let mut client = Client::start(None);
    client.open(uri, "plaintext", FERRY);
    client.diagnostics(uri, Some(1));
    let she = position(FERRY, FERRY.find("she said").unwrap() + 1, Enc::Utf16);
    let at = json!({ "textDocument": { "uri": uri }, "position": she });

    let def = client.request("textDocument/definition", at.clone());
    assert_eq!(def["uri"], uri);
    let named = text_in(FERRY, &def["range"], Enc::Utf16);
    assert!(named.contains("Elena Marsh"), "{named:?}");

    let mut params = at.clone();
    params["context"] = json!({ "includeDeclaration": true });
    let refs = client.request("textDocument/references", params);
    let texts: Vec<&str> = refs
        .as_array()
        .unwrap()
        .iter()
        .map(|r| text_in(FERRY, &r["range"], Enc::Utf16))
        .collect();
    assert!(texts.contains(&"she"), "{texts:?}");
    assert!(texts.contains(&"the minister"), "{texts:?}");
    assert!(texts.contains(&"Marsh"), "{texts:?}");
    assert!(
        texts.iter().any(|t| t.starts_with("\"This terminal")),
        "{texts:?}"
    );
    assert!(!texts.iter().any(|t| t.contains("Adeyemi")), "{texts:?}");

    let highlights = client.request("textDocument/documentHighlight", at);
    let highlights = highlights.as_array().unwrap();
    assert_eq!(highlights.len(), texts.len());
    assert!(
        highlights.iter().any(|h| h["kind"] == 3),
        "the introduction is the write"
    );
    client.exit();
}

/// Decodes semantic tokens into (line, start, length, type).
fn decode(data: &[Value]) -> Vec<(u64, u64, u64, u64)> {
    let mut out = Vec::new();
    let (mut line, mut col) = (0, 0);
    for t in data.chunks(5) {
        let dl = t[0].as_u64().unwrap();
        let ds = t[1].as_u64().unwrap();
        line += dl;
        col = if dl == 0 { col + ds } else { ds };
        out.push((line, col, t[2].as_u64().unwrap(), t[3].as_u64().unwrap()));
    }
    out
}

#[test]
fn semantic_tokens_mark_speakers_and_quotations_without_overlap() {
    let uri = "file:///tmp/quoth-features/tokens.txt";
    let mut client = Client::start(None);
    let legend = &client.init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"];
    assert_eq!(legend, &json!(["string", "variable", "namespace"]));
    client.open(uri, "plaintext", FERRY);
    client.diagnostics(uri, Some(1));
    let result = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": uri } }),
    );
    let tokens = decode(result["data"].as_array().unwrap());
    let lines: Vec<&str> = FERRY.lines().collect();
    let text = |&(l, s, n, _): &(u64, u64, u64, u64)| -> String {
        let units: Vec<u16> = lines[l as usize].encode_utf16().collect();
        String::from_utf16(&units[s as usize..(s + n) as usize]).unwrap()
    };
    let speakers: Vec<String> = tokens.iter().filter(|t| t.3 == 1).map(text).collect();
    assert!(speakers.contains(&"she".to_string()), "{speakers:?}");
    assert!(speakers.contains(&"Adeyemi".to_string()), "{speakers:?}");
    let quotes: Vec<String> = tokens.iter().filter(|t| t.3 == 0).map(text).collect();
    assert!(
        quotes.contains(&"“The jobs are not there yet,”".to_string()),
        "{quotes:?}"
    );
    for pair in tokens.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(a.0 < b.0 || a.1 + a.2 <= b.1, "overlap: {a:?} {b:?}");
    }
    client.exit();
}

#[test]
fn code_lenses_count_each_speakers_quotations() {
    let uri = "file:///tmp/quoth-features/lens.txt";
    let mut client = Client::start(None);
    client.open(uri, "plaintext", FERRY);
    client.diagnostics(uri, Some(1));
    let lenses = client.request(
        "textDocument/codeLens",
        json!({ "textDocument": { "uri": uri } }),
    );
    let lenses = lenses.as_array().unwrap();
    let marsh = lenses
        .iter()
        .find(|l| text_in(FERRY, &l["range"], Enc::Utf16).contains("Elena Marsh"))
        .unwrap_or_else(|| panic!("{lenses:?}"));
    assert_eq!(marsh["command"]["title"], "2 quotations");
    assert_eq!(marsh["command"]["command"], "quoth.showQuotations");
    let locations = marsh["command"]["arguments"][2].as_array().unwrap();
    assert_eq!(locations.len(), 2);
    // Running the command lists them.
    let command = marsh["command"].clone();
    client.request(
        "workspace/executeCommand",
        json!({ "command": command["command"], "arguments": command["arguments"] }),
    );
    let shown = client.wait_for("window/showMessage", |_| true);
    assert_eq!(
        shown["message"],
        "2 quotations: line 3: \"This terminal will carry a million…; line 5: \"We built it on time and…"
    );
    client.exit();
}

#[test]
fn workspace_symbols_cover_folders_and_open_documents_with_progress() {
    let dir = folder("workspace");
    std::fs::write(dir.join("quoth.toml"), "ignore = [\"archive/**\"]\n").unwrap();
    std::fs::write(dir.join("ferry.txt"), FERRY).unwrap();
    std::fs::create_dir_all(dir.join("week2")).unwrap();
    std::fs::write(
        dir.join("week2").join("strike.md"),
        "Union leader Sam Adeyemi called a strike on Friday.\n\n“We have waited long enough,” Adeyemi said.\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("week3")).unwrap();
    std::fs::write(
        dir.join("week3").join("draft.txt"),
        "Sam Adeyemi spoke again. “Draft words,” Adeyemi said.\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    std::fs::write(
        dir.join("archive").join("old.txt"),
        "Sam Adeyemi spoke in 2019. “Old words,” Adeyemi said.\n",
    )
    .unwrap();

    let mut client = Client::start_extra(
        None,
        json!({
            "workspaceFolders": [{ "uri": uri_of(&dir), "name": "news" }],
            "initializationOptions": { "ignore": ["week3/**"] },
            "capabilities": { "window": { "workDoneProgress": true } }
        }),
    );
    // An open, unsaved document counts too.
    let unsaved = "file:///tmp/quoth-features/unsaved.txt";
    client.open(
        unsaved,
        "plaintext",
        "Sam Adeyemi was back on Monday. “Still waiting,” Adeyemi said.\n",
    );
    client.diagnostics(unsaved, Some(1));
    // Without a token from the client the server creates its own.
    let symbols = client.request("workspace/symbol", json!({ "query": "marsh" }));
    assert!(!symbols.as_array().unwrap().is_empty());
    let created = client
        .server_requests
        .iter()
        .any(|r| r["method"] == "window/workDoneProgress/create");
    assert!(created, "{:?}", client.server_requests);
    client.take_all("$/progress");

    let symbols = client.request(
        "workspace/symbol",
        json!({ "query": "adeyemi", "workDoneToken": "scan-1" }),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for said in [
        "The jobs are not there yet",
        "We have waited long enough",
        "Still waiting",
    ] {
        assert!(
            names
                .iter()
                .any(|n| n.starts_with("Sam Adeyemi: “") && n.contains(said)),
            "{said}: {names:?}"
        );
    }
    assert!(names.contains(&"Sam Adeyemi"), "{names:?}");
    assert!(!names.iter().any(|n| n.contains("Old words")), "{names:?}");
    assert!(
        !names.iter().any(|n| n.contains("Draft words")),
        "{names:?}"
    );
    assert!(
        !names.iter().any(|n| n.contains("Elena Marsh")),
        "{names:?}"
    );

    let progress = client.take_all("$/progress");
    let kinds: Vec<&str> = progress
        .iter()
        .filter(|p| p["token"] == "scan-1")
        .map(|p| p["value"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds.first(), Some(&"begin"), "{progress:?}");
    assert_eq!(kinds.last(), Some(&"end"), "{progress:?}");
    client.exit();
}

#[test]
fn pulled_settings_watched_quoth_toml_and_size_cap() {
    let dir = folder("pull");
    let path = dir.join("ferry.txt");
    let uri = uri_of(&path);
    // The client answers workspace/configuration with its quoth section.
    let mut client = Client::start_extra(
        None,
        json!({
            "capabilities": { "workspace": {
                "configuration": true,
                "didChangeWatchedFiles": { "dynamicRegistration": true }
            } },
            "replies": { "workspace/configuration": [
                { "severity": { "unterminated-quote": "warning" } }
            ] }
        }),
    );
    client.open(&uri, "plaintext", FERRY);
    client.open("untitled:huge", "plaintext", &"word ".repeat(7_000_000));
    client.wait_for("window/showMessage", |p| {
        p["message"]
            .as_str()
            .unwrap()
            .contains("huge is not checked: 35000000 bytes is over the size cap")
    });
    let d = client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri
            && p["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["code"] == "unterminated-quote" && d["severity"] == 2)
    });
    assert!(!d["diagnostics"].as_array().unwrap().is_empty());
    // It asked to watch quoth.toml files.
    let registered = client.server_requests.iter().any(|r| {
        r["method"] == "client/registerCapability" && r.to_string().contains("quoth.toml")
    });
    assert!(registered, "{:?}", client.server_requests);

    // A new quoth.toml caps the size: the article is no longer analysed.
    std::fs::write(dir.join("quoth.toml"), "max-size = 100\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": uri_of(&dir.join("quoth.toml")), "type": 1 }] }),
    );
    client.wait_for("textDocument/publishDiagnostics", |p| {
        p["uri"] == uri && p["diagnostics"].as_array().unwrap().is_empty()
    });
    let hover = client.hover(
        &uri,
        position(FERRY, FERRY.find("she").unwrap(), Enc::Utf16),
    );
    assert_eq!(hover, Value::Null);
    client.exit();
}

#[test]
fn hints_and_tokens_count_columns_in_the_negotiated_encoding() {
    // Emoji and CJK before the speaker: UTF-8 and UTF-16 columns differ.
    let text =
        "Harbour Minister Elena Marsh opened the 東京 pier 🚢 on Monday.\n\n“We are ready 😀,” she said.\n";
    for (offer, enc) in [(Some(&["utf-8"][..]), Enc::Utf8), (None, Enc::Utf16)] {
        let uri = "file:///tmp/quoth-features/encoding.txt";
        let mut client = Client::start(offer);
        client.open(uri, "plaintext", text);
        client.diagnostics(uri, Some(1));
        let whole =
            json!({ "start": { "line": 0, "character": 0 }, "end": { "line": 9, "character": 0 } });
        let hints = client.request(
            "textDocument/inlayHint",
            json!({ "textDocument": { "uri": uri }, "range": whole }),
        );
        let she_end = text.find("she said").unwrap() + "she".len();
        assert_eq!(
            hints[0]["position"],
            position(text, she_end, enc),
            "{enc:?}"
        );
        assert_eq!(hints[0]["label"], "→ Elena Marsh");

        let result = client.request(
            "textDocument/semanticTokens/full",
            json!({ "textDocument": { "uri": uri } }),
        );
        let tokens = decode(result["data"].as_array().unwrap());
        let lines: Vec<&str> = text.lines().collect();
        let words: Vec<String> = tokens
            .iter()
            .map(|&(l, s, n, _)| {
                let line = lines[l as usize];
                match enc {
                    Enc::Utf8 => line[s as usize..(s + n) as usize].to_string(),
                    Enc::Utf16 => {
                        let units: Vec<u16> = line.encode_utf16().collect();
                        String::from_utf16(&units[s as usize..(s + n) as usize]).unwrap()
                    }
                }
            })
            .collect();
        assert!(
            words.contains(&"“We are ready 😀,”".to_string()),
            "{enc:?} {words:?}"
        );
        assert!(words.contains(&"she".to_string()), "{enc:?} {words:?}");
        client.exit();
    }
}

#[test]
fn known_people_from_the_settings_are_offered_as_speakers() {
    let uri = "file:///tmp/quoth-features/people.txt";
    let options = json!({ "people": [
        { "name": "Ravi Menon", "aliases": ["Menon"], "role": "harbour master", "pronouns": "he" }
    ] });
    let mut client = Client::start_extra(None, json!({ "initializationOptions": options }));
    client.open(uri, "plaintext", FERRY);
    client.diagnostics(uri, Some(1));
    let quote = "\"Nobody will miss the queues.\"";
    let actions = actions_at(&mut client, uri, range_of(FERRY, quote, 0, Enc::Utf16));
    let titles: Vec<&str> = actions
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        &titles[..2],
        ["Attribute to Marsh", "Attribute to Ravi Menon"],
        "{titles:?}"
    );
    client.exit();
}
