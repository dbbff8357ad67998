//! A small LSP client for the integration tests: spawns `quoth lsp --stdio`,
//! frames JSON-RPC with `Content-Length` headers as an editor does, and reads
//! the server's output on a thread so that every wait has a timeout and a
//! hung server fails the test instead of blocking it.

#![allow(dead_code)] // each test binary uses a different part of it

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// How long any single wait may take before the test fails.
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    /// Notifications that arrived while waiting for something else.
    pending: Vec<Value>,
    next_id: i64,
    /// The `initialize` result.
    pub init: Value,
    /// Answers to the server's requests by method (others get null), and
    /// the requests received, in order.
    pub replies: Vec<(String, Value)>,
    pub server_requests: Vec<Value>,
}

/// Reads framed messages from `out` until it closes.
fn read_messages(out: impl Read, tx: mpsc::Sender<Value>) {
    let mut out = BufReader::new(out);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            match out.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                length = v.trim().parse::<usize>().ok();
            }
        }
        let length = length.expect("a message without Content-Length");
        let mut body = vec![0; length];
        if out.read_exact(&mut body).is_err() {
            return;
        }
        let message = serde_json::from_slice(&body).expect("a message that is not JSON");
        if tx.send(message).is_err() {
            return;
        }
    }
}

impl Client {
    /// Starts the server and completes the handshake: `initialize`, waiting
    /// for its reply, then `initialized`. `encodings` is what the client
    /// offers in `general.positionEncodings` (None: the field is left out).
    pub fn start(encodings: Option<&[&str]>) -> Client {
        Client::start_extra(encodings, json!({}))
    }

    /// As [`Client::start`], with `initializationOptions` (Null: left out)
    /// and environment variables for the server process.
    pub fn start_with(
        encodings: Option<&[&str]>,
        init_options: Value,
        env: &[(&str, &str)],
    ) -> Client {
        let mut client = Client::spawn(env);
        let extra = if init_options.is_null() {
            json!({})
        } else {
            json!({ "initializationOptions": init_options })
        };
        client.handshake_extra(encodings, extra);
        client
    }

    /// `start` with more `initialize` params: `extra`'s keys are added, and
    /// its `capabilities` merged into the default ones; its `replies`
    /// (method → result) answer the server's requests.
    pub fn start_extra(encodings: Option<&[&str]>, extra: Value) -> Client {
        let mut client = Client::spawn(&[]);
        client.handshake_extra(encodings, extra);
        client
    }

    /// `initialize` (waiting for its reply), then `initialized`.
    pub fn handshake(&mut self, encodings: Option<&[&str]>, init_options: Value) {
        let extra = if init_options.is_null() {
            json!({})
        } else {
            json!({ "initializationOptions": init_options })
        };
        self.handshake_extra(encodings, extra);
    }

    /// `handshake` with `extra` as [`Client::start_extra`] takes it.
    pub fn handshake_extra(&mut self, encodings: Option<&[&str]>, extra: Value) {
        let client = self;
        client.replies = extra
            .get("replies")
            .and_then(Value::as_object)
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        let mut capabilities = json!({
            "textDocument": {
                "hover": { "contentFormat": ["markdown", "plaintext"] },
                "documentSymbol": { "hierarchicalDocumentSymbolSupport": true },
                "publishDiagnostics": { "versionSupport": true }
            }
        });
        if let Some(encodings) = encodings {
            capabilities["general"] = json!({ "positionEncodings": encodings });
        }
        if let Some(more) = extra.get("capabilities").and_then(Value::as_object) {
            for (k, v) in more {
                capabilities[k] = v.clone();
            }
        }
        let mut params =
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities });
        for (k, v) in extra.as_object().into_iter().flatten() {
            if k != "capabilities" && k != "replies" {
                params[k] = v.clone();
            }
        }
        client.init = client.request("initialize", params);
        client.notify("initialized", json!({}));
    }

    /// Starts the server without any handshake.
    pub fn spawn(env: &[(&str, &str)]) -> Client {
        Client::spawn_in(env, None)
    }

    /// As [`Client::spawn`], in the working directory `cwd`.
    pub fn spawn_in(env: &[(&str, &str)], cwd: Option<&std::path::Path>) -> Client {
        let mut command = Command::new(env!("CARGO_BIN_EXE_quoth"));
        if let Some(cwd) = cwd {
            command.current_dir(cwd);
        }
        let mut child = command
            .args(["lsp", "--stdio"])
            .envs(env.iter().copied())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start quoth");
        let stdout = child.stdout.take().unwrap();
        let (tx, incoming) = mpsc::channel();
        thread::spawn(move || read_messages(stdout, tx));
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            pending: Vec::new(),
            next_id: 1,
            init: Value::Null,
            replies: Default::default(),
            server_requests: Vec::new(),
        }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Writes `bytes` to the server as they are, without framing.
    pub fn write_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("stdin already closed");
        stdin.write_all(bytes).unwrap();
        stdin.flush().unwrap();
    }

    /// Sends a request without waiting; returns its id (see [`Client::response`]).
    pub fn send_request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        id
    }

    /// The response to request `id`, however late.
    pub fn response(&mut self, id: i64) -> Value {
        self.wait_message(&format!("a response to {id}"), |m| {
            m.get("method").is_none() && m["id"] == json!(id)
        })
    }

    /// Waits for any message that satisfies `accept` (earlier ones count).
    pub fn wait_message(&mut self, what: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.pending.iter().position(&accept) {
            return self.pending.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, what);
            if accept(&message) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// Waits for an error response with id `null` (a message the server
    /// could not read) and returns its error code.
    pub fn unreadable_error(&mut self) -> i64 {
        let m = self.wait_message("an error for an unreadable message", |m| {
            m.get("method").is_none() && m["id"].is_null() && m.get("error").is_some()
        });
        m["error"]["code"].as_i64().unwrap()
    }

    /// Closes stdin (if `close`) and waits for the process to end.
    pub fn wait_exit(mut self, close: bool) -> ExitStatus {
        if close {
            self.stdin = None;
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            thread::sleep(Duration::from_millis(20));
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        let stdin = self.stdin.as_mut().expect("stdin already closed");
        write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        stdin.flush().unwrap();
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and waits for its response, which must not be an error.
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.request_raw(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    /// Sends a request and returns its whole response.
    pub fn request_raw(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, method);
            if message.get("method").is_none() && message["id"] == json!(id) {
                return message;
            }
            self.pending.push(message);
        }
    }

    /// The next message from the server; answers its requests with null.
    fn receive(&mut self, deadline: Instant, waiting_for: &str) -> Value {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|e| panic!("no {waiting_for} from the server: {e}"));
            if message.get("method").is_some() && message.get("id").is_some() {
                let id = message["id"].clone();
                let result = self
                    .replies
                    .iter()
                    .find(|(m, _)| message["method"] == m.as_str())
                    .map_or(Value::Null, |(_, v)| v.clone());
                self.send(json!({ "jsonrpc": "2.0", "id": id, "result": result }));
                self.server_requests.push(message);
                continue;
            }
            return message;
        }
    }

    /// Waits for a notification `method` whose params satisfy `accept`;
    /// returns its params. Notifications received earlier count too.
    pub fn wait_for(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        let fits = |m: &Value| m["method"] == method && accept(&m["params"]);
        if let Some(i) = self.pending.iter().position(fits) {
            return self.pending.remove(i)["params"].clone();
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let message = self.receive(deadline, method);
            if fits(&message) {
                return message["params"].clone();
            }
            self.pending.push(message);
        }
    }

    /// The diagnostics published for `uri` at `version` (None: published
    /// without a version, as on close).
    pub fn diagnostics(&mut self, uri: &str, version: Option<i64>) -> Vec<Value> {
        let version = version.map_or(Value::Null, Value::from);
        let params = self.wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri && p.get("version").cloned().unwrap_or(Value::Null) == version
        });
        params["diagnostics"].as_array().unwrap().clone()
    }

    /// The params of every notification `method` received so far and not yet
    /// consumed by `wait_for`, in arrival order.
    pub fn take_all(&mut self, method: &str) -> Vec<Value> {
        let (taken, kept) = std::mem::take(&mut self.pending)
            .into_iter()
            .partition(|m| m["method"] == method);
        self.pending = kept;
        taken
            .into_iter()
            .map(|m: Value| m["params"].clone())
            .collect()
    }

    pub fn open(&mut self, uri: &str, language_id: &str, text: &str) {
        let document = json!({ "uri": uri, "languageId": language_id, "version": 1, "text": text });
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        let params = json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": changes
        });
        self.notify("textDocument/didChange", params);
    }

    pub fn hover(&mut self, uri: &str, position: Value) -> Value {
        let params = json!({ "textDocument": { "uri": uri }, "position": position });
        self.request("textDocument/hover", params)
    }

    pub fn symbols(&mut self, uri: &str) -> Vec<Value> {
        let params = json!({ "textDocument": { "uri": uri } });
        let result = self.request("textDocument/documentSymbol", params);
        result.as_array().expect("symbols as an array").clone()
    }

    /// `shutdown`, `exit`, closes stdin and waits for the process to end.
    pub fn exit(mut self) -> ExitStatus {
        self.request("shutdown", Value::Null);
        self.notify("exit", Value::Null);
        self.wait_exit(true)
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Position encodings, as the tests compute them independently of the server.
#[derive(Clone, Copy, Debug)]
pub enum Enc {
    Utf8,
    Utf16,
}

/// The LSP position of byte `offset` in `text`, by scanning (lines end at \n).
pub fn position(text: &str, offset: usize, enc: Enc) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = &before[line_start..];
    let character = match enc {
        Enc::Utf8 => column.len(),
        Enc::Utf16 => column.encode_utf16().count(),
    };
    json!({ "line": before.matches('\n').count(), "character": character })
}

/// The byte offset of an LSP position in `text` (exact; no clamping).
pub fn offset(text: &str, position: &Value, enc: Enc) -> usize {
    let line = position["line"].as_u64().unwrap() as usize;
    let character = position["character"].as_u64().unwrap() as usize;
    let line_start = match line {
        0 => 0,
        n => text
            .match_indices('\n')
            .nth(n - 1)
            .map_or(text.len(), |(i, _)| i + 1),
    };
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + i;
        }
        units += match enc {
            Enc::Utf8 => c.len_utf8(),
            Enc::Utf16 => c.len_utf16(),
        };
    }
    text.len()
}

/// The text an LSP range covers.
pub fn text_in<'a>(text: &'a str, range: &Value, enc: Enc) -> &'a str {
    &text[offset(text, &range["start"], enc)..offset(text, &range["end"], enc)]
}

/// The LSP range of `needle`'s `nth` occurrence in `text`.
pub fn range_of(text: &str, needle: &str, nth: usize, enc: Enc) -> Value {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .expect("needle in text")
        .0;
    json!({ "start": position(text, start, enc), "end": position(text, start + needle.len(), enc) })
}

/// `text` with LSP text edits applied (edits must not overlap).
pub fn apply_edits(text: &str, edits: &[Value], enc: Enc) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            (
                offset(text, &e["range"]["start"], enc),
                offset(text, &e["range"]["end"], enc),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|(s, _, _)| std::cmp::Reverse(*s));
    let mut out = text.to_string();
    for (s, e, t) in spans {
        out.replace_range(s..e, &t);
    }
    out
}
