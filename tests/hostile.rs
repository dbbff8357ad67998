//! A hostile or broken client, over the real stdio pipe: garbage bytes,
//! wrong framing, invalid JSON, unknown methods, unknown documents, absurd
//! positions and ranges, messages out of order, a panicking handler, huge
//! documents, bad settings. Each gets the answer the LSP and JSON-RPC
//! specifications give (an error response, a clamp, or being ignored), and
//! the server goes on serving the next valid request.

mod common;

use common::{position, Client, Enc};
use serde_json::{json, Value};

const URI: &str = "file:///tmp/quoth-tests/hostile.md";

/// Written for these tests.
const ARTICLE: &str = "\
# Ferry timetable

Harbour Master Ines Caldwell said the winter timetable would start early.

“The crossing is rough after October,” Caldwell said. “We would rather sail less often than cancel at the pier.”

“Nobody asked us,” a commuter said 😀.
";

/// The server still answers: symbols of the article are right.
fn still_serving(client: &mut Client) {
    let symbols = client.symbols(URI);
    assert_eq!(symbols.len(), 3, "{symbols:?}");
    assert!(
        symbols[0]["detail"].as_str().unwrap().contains("Caldwell"),
        "{symbols:?}"
    );
}

fn started() -> Client {
    let mut client = Client::start(None);
    client.open(URI, "markdown", ARTICLE);
    client.diagnostics(URI, Some(1));
    client
}

fn error_code(response: &Value) -> i64 {
    response["error"]["code"]
        .as_i64()
        .unwrap_or_else(|| panic!("not an error: {response}"))
}

#[test]
fn garbage_bytes_get_a_parse_error_and_the_server_goes_on() {
    let mut client = started();
    client.write_raw(b"\x00\xff\xfe garbage \r\n\r\n\x1b[31m more");
    assert_eq!(client.unreadable_error(), -32700);
    still_serving(&mut client);
    // Garbage glued to the front of a real message.
    client.write_raw(b"}}}}");
    let id = client.send_request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert!(client.response(id)["result"].is_array());
    assert_eq!(client.unreadable_error(), -32700);
    assert!(client.exit().success());
}

#[test]
fn wrong_or_huge_content_length() {
    let mut client = started();
    // Huge: rejected at once, its body skipped.
    client.write_raw(b"Content-Length: 99999999999999999999\r\n\r\n{\"jsonrpc\":\"2.0\"}");
    assert_eq!(client.unreadable_error(), -32700);
    still_serving(&mut client);
    // Too long for its body: caught when the next message's header arrives.
    let body = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
    client.write_raw(format!("Content-Length: 900\r\n\r\n{body}").as_bytes());
    still_serving(&mut client);
    assert_eq!(client.unreadable_error(), -32700);
    // Too short: the rest of its body is skipped.
    client.write_raw(format!("Content-Length: 12\r\n\r\n{body}").as_bytes());
    assert_eq!(client.unreadable_error(), -32700);
    still_serving(&mut client);
    // Not a number, negative, missing.
    for header in [
        "Content-Length: ten",
        "Content-Length: -5",
        "Content-Type: x",
    ] {
        client.write_raw(format!("{header}\r\n\r\n{body}").as_bytes());
        assert_eq!(client.unreadable_error(), -32700, "{header}");
        still_serving(&mut client);
    }
    assert!(client.exit().success());
}

#[test]
fn invalid_json_and_invalid_requests() {
    let mut client = started();
    let frame = |body: &str| format!("Content-Length: {}\r\n\r\n{body}", body.len());
    for body in ["{\"jsonrpc\": \"2.0\", \"id\": 1,", "nul", "\"unterminated"] {
        client.write_raw(frame(body).as_bytes());
        assert_eq!(client.unreadable_error(), -32700, "{body}");
    }
    // Nested too deep for the parser's recursion limit: an error, not a crash.
    client.write_raw(frame(&("[".repeat(50_000) + &"]".repeat(50_000))).as_bytes());
    assert_eq!(client.unreadable_error(), -32700);
    // JSON that is not a request: -32600, with the id when it is valid.
    for body in ["[1,2,3]", "{\"hello\": 1}", "42"] {
        client.write_raw(frame(body).as_bytes());
        assert_eq!(client.unreadable_error(), -32600, "{body}");
    }
    client.write_raw(frame(r#"{"jsonrpc":"1.0","id":777,"method":"shutdown"}"#).as_bytes());
    let answer = client.wait_message("an answer to 777", |m| m["id"] == 777);
    assert_eq!(error_code(&answer), -32600);
    // Invalid UTF-8 inside a string.
    client.write_raw(b"Content-Length: 5\r\n\r\n\"\xff\xfe\xfd\"");
    assert_eq!(client.unreadable_error(), -32700);
    still_serving(&mut client);
    assert!(client.exit().success());
}

#[test]
fn unknown_methods_and_wrong_params() {
    let mut client = started();
    let answer = client.request_raw("quoth/noSuchThing", json!({}));
    assert_eq!(error_code(&answer), -32601);
    // Unknown notifications, `$/` ones included, are ignored.
    client.notify("$/noSuchNotification", json!({ "x": 1 }));
    client.notify("workspace/whatever", json!(null));
    // Params of the wrong shape: invalid params.
    let answer = client.request_raw("textDocument/hover", json!({ "textDocument": 5 }));
    assert_eq!(error_code(&answer), -32602);
    let answer = client.request_raw(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": -1, "character": 0 } }),
    );
    assert_eq!(error_code(&answer), -32602);
    // A notification with broken params is dropped.
    client.notify("textDocument/didChange", json!({ "textDocument": "nope" }));
    // A response to a request the server never made.
    client.write_raw(b"Content-Length: 37\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":99,\"result\":1}\n");
    still_serving(&mut client);
    assert!(client.exit().success());
}

#[test]
fn documents_never_opened() {
    let mut client = started();
    let other = "file:///tmp/quoth-tests/never-opened.txt";
    let at = json!({ "line": 0, "character": 0 });
    assert!(client.hover(other, at).is_null());
    let params = json!({ "textDocument": { "uri": other } });
    assert!(client
        .request("textDocument/documentSymbol", params)
        .is_null());
    client.change(other, 2, json!([{ "text": "“Hello,” she said." }]));
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": other } }),
    );
    still_serving(&mut client);
    // Not a URI at all.
    let params = json!({ "textDocument": { "uri": "::not a uri::" } });
    let answer = client.request_raw("textDocument/documentSymbol", params);
    assert!(
        answer["result"].is_null() || answer.get("error").is_some(),
        "{answer}"
    );
    still_serving(&mut client);
    assert!(client.exit().success());
}

#[test]
fn positions_past_the_line_the_file_or_inside_a_surrogate_pair_clamp() {
    let mut client = started();
    let emoji = ARTICLE.find('😀').unwrap();
    let inside = position(ARTICLE, emoji, Enc::Utf16);
    let inside =
        json!({ "line": inside["line"], "character": inside["character"].as_u64().unwrap() + 1 });
    for at in [
        json!({ "line": 2, "character": 10_000 }),
        json!({ "line": 10_000, "character": 0 }),
        json!({ "line": 4_294_967_295u64, "character": 4_294_967_295u64 }),
        inside,
    ] {
        let hover = client.hover(URI, at.clone());
        if let Some(range) = hover.get("range") {
            assert!(range["end"]["line"].as_u64().unwrap() <= 7, "{at}: {hover}");
        }
    }
    still_serving(&mut client);
    assert!(client.exit().success());
}

#[test]
fn did_change_outside_the_document_clamps() {
    let mut client = started();
    // A range from past the last line to further past it: appends.
    let far =
        json!({ "start": { "line": 500, "character": 3 }, "end": { "line": 900, "character": 0 } });
    let added = "\n“We will be back,” the commuter added.\n";
    client.change(URI, 2, json!([{ "range": far, "text": added }]));
    client.diagnostics(URI, Some(2));
    let symbols = client.symbols(URI);
    assert_eq!(symbols.len(), 4, "{symbols:?}");
    assert!(symbols[3]["name"]
        .as_str()
        .unwrap()
        .starts_with("We will be back"));
    // Reversed and past the end of a line: still clamped, still in order.
    let reversed =
        json!({ "start": { "line": 2, "character": 900 }, "end": { "line": 0, "character": 0 } });
    client.change(URI, 3, json!([{ "range": reversed, "text": "" }]));
    client.diagnostics(URI, Some(3));
    assert_eq!(client.symbols(URI).len(), 4);
    assert!(client.exit().success());
}

#[test]
fn messages_before_initialize() {
    let mut client = Client::spawn(&[]);
    // A notification before initialize is dropped; a request is refused.
    client.open(URI, "markdown", ARTICLE);
    let answer = client.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert_eq!(error_code(&answer), -32002);
    let params = json!({ "processId": null, "rootUri": null, "capabilities": {} });
    let init = client.request("initialize", params.clone());
    assert_eq!(init["serverInfo"]["name"], "quoth");
    client.notify("initialized", json!({}));
    // A second initialize is an invalid request.
    assert_eq!(
        error_code(&client.request_raw("initialize", params)),
        -32600
    );
    // The dropped didOpen never opened the document.
    let params = json!({ "textDocument": { "uri": URI } });
    assert!(client
        .request("textDocument/documentSymbol", params)
        .is_null());
    client.open(URI, "markdown", ARTICLE);
    still_serving(&mut client);
    assert!(client.exit().success());
}

#[test]
fn exit_without_shutdown_exits_with_1() {
    let mut client = started();
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(false).code(), Some(1));
    // Shut down properly: 0, even when stdin stays open.
    let mut client = started();
    client.request("shutdown", Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(false).code(), Some(0));
    // Everything sent at once: the requests before exit are answered.
    let mut client = started();
    let mut burst = Vec::new();
    for message in [
        json!({ "jsonrpc": "2.0", "id": 901, "method": "textDocument/documentSymbol", "params": { "textDocument": { "uri": URI } } }),
        json!({ "jsonrpc": "2.0", "id": 902, "method": "shutdown" }),
        json!({ "jsonrpc": "2.0", "method": "exit" }),
    ] {
        let body = message.to_string();
        burst.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).bytes());
    }
    client.write_raw(&burst);
    let symbols = client.wait_message("symbols", |m| m["id"] == 901);
    assert_eq!(symbols["result"].as_array().unwrap().len(), 3, "{symbols}");
    let shutdown = client.wait_message("shutdown", |m| m["id"] == 902);
    assert!(shutdown.get("error").is_none(), "{shutdown}");
    assert_eq!(client.wait_exit(false).code(), Some(0));
    // After shutdown, requests are refused.
    let mut client = started();
    client.request("shutdown", Value::Null);
    let answer = client.request_raw(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert_eq!(error_code(&answer), -32600);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait_exit(false).code(), Some(0));
}

#[test]
fn stdin_closed_without_exit_ends_the_server() {
    let client = started();
    assert_eq!(client.wait_exit(true).code(), Some(1));
}

/// A panic inside a handler (injected through `QUOTH_TEST_PANIC`, honoured
/// by debug builds only) becomes an error response and a log line.
#[test]
fn a_panicking_handler_becomes_an_error_response() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: failures are injected only in debug builds");
        return;
    }
    let mut client = Client::start_with(
        None,
        Value::Null,
        &[("QUOTH_TEST_PANIC", "hover"), ("RUST_BACKTRACE", "0")],
    );
    client.open(URI, "markdown", ARTICLE);
    client.diagnostics(URI, Some(1));
    for _ in 0..3 {
        let params =
            json!({ "textDocument": { "uri": URI }, "position": { "line": 2, "character": 20 } });
        let answer = client.request_raw("textDocument/hover", params);
        assert_eq!(error_code(&answer), -32603, "{answer}");
        let message = answer["error"]["message"].as_str().unwrap();
        assert!(message.contains("textDocument/hover"), "{message}");
        let log = client.wait_for("window/logMessage", |p| {
            p["type"] == 1 && p["message"].as_str().unwrap().contains("internal error")
        });
        assert!(
            log["message"]
                .as_str()
                .unwrap()
                .contains("injected failure"),
            "{log}"
        );
        still_serving(&mut client);
    }
    assert!(client.exit().success());

    // In a notification: no response to give, the server goes on, and the
    // edit made before the panic is kept.
    let mut client = Client::start_with(
        None,
        Value::Null,
        &[("QUOTH_TEST_PANIC", "didChange"), ("RUST_BACKTRACE", "0")],
    );
    client.open(URI, "markdown", ARTICLE);
    client.diagnostics(URI, Some(1));
    client.change(URI, 2, json!([{ "text": "“Short,” Ann Lee said." }]));
    client.wait_for("window/logMessage", |p| p["type"] == 1);
    let symbols = client.symbols(URI);
    assert_eq!(symbols.len(), 1, "{symbols:?}");
    assert!(client.exit().success());
}

#[test]
fn a_document_over_the_size_limit_is_kept_but_not_analysed() {
    let mut client = Client::start_with(None, json!({ "maxDocumentBytes": 2000 }), &[]);
    let big = ARTICLE.repeat(8);
    assert!(big.len() > 2000);
    client.open(URI, "markdown", &big);
    let told = client.wait_for("window/showMessage", |_| true);
    let message = told["message"].as_str().unwrap();
    assert!(
        message.contains("hostile.md") && message.contains("not checked"),
        "{message}"
    );
    assert!(client.diagnostics(URI, Some(1)).is_empty());
    assert!(client.symbols(URI).is_empty());
    // Growing further: not told again.
    client.change(URI, 2, json!([{ "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 0 } }, "text": "More. " }]));
    client.diagnostics(URI, Some(2));
    // Back under the limit: analysed again.
    client.change(URI, 3, json!([{ "text": ARTICLE }]));
    client.diagnostics(URI, Some(3));
    assert_eq!(client.symbols(URI).len(), 3);
    assert!(client.take_all("window/showMessage").is_empty());
    // Another document is not affected.
    let small = "file:///tmp/quoth-tests/small.md";
    client.open(small, "markdown", ARTICLE);
    client.diagnostics(small, Some(1));
    assert_eq!(client.symbols(small).len(), 3);
    assert!(client.exit().success());
}

#[test]
fn the_default_limit_is_32_mib() {
    let mut client = started();
    let paragraph = "Filler text without any quotation in it at all.\n";
    let big = paragraph.repeat((32 << 20) / paragraph.len() + 1);
    client.open("file:///tmp/quoth-tests/huge.txt", "plaintext", &big);
    let told = client.wait_for("window/showMessage", |_| true);
    assert!(
        told["message"].as_str().unwrap().contains("33554432"),
        "{told}"
    );
    still_serving(&mut client);
    assert!(client.exit().success());
}

#[test]
fn bad_settings_get_a_clear_message_and_the_defaults() {
    for options in [
        json!({ "maxDocumentBytes": "$(touch /tmp/quoth-pwned)" }),
        json!({ "maxDocumentBytes": -1 }),
        json!("not an object"),
    ] {
        let mut client = Client::start_with(None, options.clone(), &[]);
        if options.is_object() {
            let told = client.wait_for("window/showMessage", |p| {
                p["message"].as_str().unwrap().contains("maxDocumentBytes")
            });
            let message = told["message"].as_str().unwrap();
            assert!(
                message.starts_with("quoth") && message.contains("ignored"),
                "{message}"
            );
            assert!(message.len() < 300, "{message}");
        }
        client.open(URI, "markdown", ARTICLE);
        still_serving(&mut client);
        assert!(client.exit().success());
    }
    assert!(!std::path::Path::new("/tmp/quoth-pwned").exists());
}
