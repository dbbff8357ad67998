//! LSP latency driver: starts a language server over stdio, opens one large
//! Markdown document and times, from the client's side of the pipe,
//! `initialize` → its answer, `didOpen` → the first `publishDiagnostics`,
//! a keystroke (`didChange` inserting one character mid-document) → the
//! next `publishDiagnostics`, and (for servers that offer them) hover and
//! document symbols.
//!
//! ```text
//! lsp_latency [--size BYTES] [--file PATH] [--keystrokes N] [--hovers N]
//!             [--server-log PATH] [--timeout SECS] [--settings JSON]
//!             -- SERVER ARGS...
//! lsp_latency --size 10000000 -- target/release/quoth lsp
//! lsp_latency --size 10000000 -- harper-ls --stdio
//! ```
//! Prints one JSON object with every figure in milliseconds, and the
//! server's peak and current resident memory (`VmHWM`, `VmRSS` from /proc)
//! after the open and at the end. With `--server-log`, the server's stderr
//! goes to that file and quoth's own timing log (`QUOTH_LSP_TIMING=1`: from
//! a `didChange` arriving to its diagnostics written, from a document
//! symbol request arriving to its answer written) is summarised too.
//!
//! Server-agnostic: a keystroke is sent as the server's `textDocumentSync`
//! asks (the one-character range for incremental sync, the whole edited
//! document for full sync). With `--settings` the client says that it
//! answers `workspace/configuration` (the pull model of VS Code and
//! Neovim; a server asks only a client that says so) and answers it with
//! that JSON, or its `section` key when the item names one that is there
//! (e.g. `'{"quoth":{"severity":{"context-attribution":"off"}}}'`, or
//! `'{"harper-ls":{"maxFileLength":100000000}}'` for harper-ls, which skips
//! files over 120 000 bytes by default); without it, with `null` per item
//! should a server ask anyway. Other server requests get `null`. Messages
//! left over from one step are drained before the next is timed; the clock
//! starts when the message's write begins (after the driver has serialised
//! it). The report counts the first diagnostics by code, so that the
//! effect of `--settings` shows.
//! `--timeout` bounds each wait for diagnostics (default 600 s).
//! Keystroke `k` types an `x` at the start of line `middle + 7k`; with the
//! generated 10 MB document, keystroke 36 lands in front of a code fence
//! (`--keystrokes 60` covers it, and keystroke 50, in front of another
//! fence, turns them back). Such keystrokes are listed in `fence_edits`
//! with their times (`fence_edit_keystrokes`), and the other keystrokes
//! after the first of them apart (`keystrokes_after_fence_edit`, client and
//! server side).

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Server {
    stdin: std::process::ChildStdin,
    rx: mpsc::Receiver<(Instant, Value)>,
    next_id: i64,
    /// What `workspace/configuration` is answered with (`--settings`).
    settings: Value,
}

impl Server {
    fn send(&mut self, v: &Value) {
        self.send_timed(v);
    }
    /// Sends a message serialised beforehand and returns the moment its
    /// write began, so that building a large JSON body on the driver's side
    /// is not counted against the server.
    fn send_timed(&mut self, v: &Value) -> Instant {
        let body = v.to_string();
        let head = format!("Content-Length: {}\r\n\r\n", body.len());
        let t = Instant::now();
        self.stdin.write_all(head.as_bytes()).unwrap();
        self.stdin.write_all(body.as_bytes()).unwrap();
        self.stdin.flush().unwrap();
        t
    }
    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }
    fn notify_timed(&mut self, method: &str, params: Value) -> Instant {
        self.send_timed(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
    }
    /// Answers a request from the server. `workspace/configuration` gets,
    /// for each item asked for, the `--settings` value (its `section` key
    /// when the item names one that is there), `null` without `--settings`
    /// (the spec's "no configuration"); anything else (registration,
    /// progress) gets `null`.
    fn answer(&mut self, v: &Value) {
        let id = v["id"].clone();
        let result = if v["method"] == "workspace/configuration" {
            let items = v["params"]["items"].as_array().cloned().unwrap_or_default();
            let one = |item: &Value| match item["section"].as_str() {
                Some(section) if self.settings.get(section).is_some() => {
                    self.settings[section].clone()
                }
                _ => self.settings.clone(),
            };
            Value::Array(items.iter().map(one).collect())
        } else {
            Value::Null
        };
        self.send(&json!({"jsonrpc": "2.0", "id": id, "result": result}));
    }
    /// Takes every message already received (answering server requests), so
    /// that a late or repeated notification from an earlier step is not
    /// mistaken for the answer to the next one.
    fn drain(&mut self, quiet: Duration) -> usize {
        let mut n = 0;
        while let Ok((_, v)) = self.rx.recv_timeout(quiet) {
            if v.get("method").is_some() && v.get("id").is_some() {
                self.answer(&v);
            }
            n += 1;
        }
        n
    }
    fn request(&mut self, method: &str, params: Value) -> i64 {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        id
    }
    /// Waits for a message matching `want`, answering server requests.
    fn wait(
        &mut self,
        timeout: Duration,
        want: impl Fn(&Value) -> bool,
    ) -> Option<(Instant, Value)> {
        let deadline = Instant::now() + timeout;
        loop {
            let left = deadline.checked_duration_since(Instant::now())?;
            let (t, v) = self.rx.recv_timeout(left).ok()?;
            if v.get("method").is_some() && v.get("id").is_some() {
                // A request from the server (configuration, registration).
                self.answer(&v);
                continue;
            }
            if want(&v) {
                return Some((t, v));
            }
        }
    }
}

fn reader(out: std::process::ChildStdout, tx: mpsc::Sender<(Instant, Value)>) {
    let mut r = BufReader::new(out);
    loop {
        let mut len = 0usize;
        loop {
            let mut line = String::new();
            if r.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(v) = line.strip_prefix("Content-Length:") {
                len = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; len];
        if r.read_exact(&mut body).is_err() {
            return;
        }
        let t = Instant::now();
        if let Ok(v) = serde_json::from_slice(&body) {
            if tx.send((t, v)).is_err() {
                return;
            }
        }
    }
}

/// `VmHWM` (peak) and `VmRSS` (now) of a process, in MB, from /proc (Linux).
fn memory_mb(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn percentile(xs: &mut [f64], p: f64) -> f64 {
    if xs.is_empty() {
        return f64::NAN;
    }
    xs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    xs[((xs.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let split = args
        .iter()
        .position(|a| a == "--")
        .expect("usage: lsp_latency [opts] -- SERVER ARGS...");
    let (opts, server_cmd) = (&args[..split], &args[split + 1..]);
    let opt = |name: &str| {
        opts.iter()
            .position(|a| a == name)
            .map(|i| opts[i + 1].clone())
    };
    let size: usize = opt("--size").map_or(10_000_000, |s| s.parse().unwrap());
    let keystrokes: usize = opt("--keystrokes").map_or(20, |s| s.parse().unwrap());
    let hovers: usize = opt("--hovers").map_or(200, |s| s.parse().unwrap());
    let timeout_s: u64 = opt("--timeout").map_or(600, |s| s.parse().unwrap());
    let text = match opt("--file") {
        Some(p) => std::fs::read_to_string(p).unwrap(),
        None => quoth::bench_support::collection(size, 42, true),
    };

    let server_log = opt("--server-log");
    let stderr = match &server_log {
        Some(p) => Stdio::from(std::fs::File::create(p).expect("cannot create the server log")),
        None => Stdio::null(),
    };
    let started = Instant::now();
    let mut child = Command::new(&server_cmd[0])
        .args(&server_cmd[1..])
        .env(
            "QUOTH_LSP_TIMING",
            if server_log.is_some() { "1" } else { "0" },
        )
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("cannot start the server");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || reader(stdout, tx));
    let mut s = Server {
        stdin: child.stdin.take().unwrap(),
        rx,
        next_id: 0,
        settings: opt("--settings").map_or(Value::Null, |j| {
            serde_json::from_str(&j).expect("--settings must be JSON")
        }),
    };
    let mut capabilities = json!({
        "textDocument": {"publishDiagnostics": {"versionSupport": true},
                          "hover": {"contentFormat": ["markdown", "plaintext"]},
                          "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}});
    // A server asks for its settings (`workspace/configuration`) only from
    // a client that says it can answer: say so when there are settings to
    // give (without them, the exchange is the same as before).
    if !s.settings.is_null() {
        capabilities["workspace"] = json!({"configuration": true});
    }
    let id = s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
    );
    let (t_init, init) = s
        .wait(Duration::from_secs(60), |v| v["id"] == json!(id))
        .expect("no initialize answer");
    let initialize_ms = ms(t_init - started);
    s.notify("initialized", json!({}));
    let caps = init["result"]["capabilities"].clone();

    let uri = "file:///tmp/quoth-latency/edition.md";
    let is_diag =
        |v: &Value| v["method"] == "textDocument/publishDiagnostics" && v["params"]["uri"] == uri;
    // Let the server finish its start-up exchange (configuration pull,
    // capability registration) before the clock starts.
    s.drain(Duration::from_millis(300));
    let sent = s.notify_timed(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let (t_open, first) = s
        .wait(Duration::from_secs(timeout_s), is_diag)
        .expect("no diagnostics after didOpen");
    let open_ms = ms(t_open - sent);
    // Progress on stderr, so that a run cut short still leaves its figures.
    eprintln!("lsp_latency: didOpen → diagnostics {open_ms:.1} ms");
    let first = first["params"]["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let diagnostics = first.len();
    // How many of each code, to check that `--settings` took effect.
    let mut by_code = serde_json::Map::new();
    for d in &first {
        let code = d["code"].as_str().unwrap_or("(none)").to_string();
        let n = by_code.get(&code).and_then(Value::as_u64).unwrap_or(0);
        by_code.insert(code, json!(n + 1));
    }
    let (peak_after_open, rss_after_open) = memory_mb(child.id());

    // Keystrokes: one character typed in the middle of the document, each
    // timed to the publishDiagnostics that follows it. A server that asks
    // for whole documents (`textDocumentSync` change kind 1, Full) gets the
    // whole edited text with each keystroke, as an editor would send it;
    // one that takes increments (2) gets the one-character insertion.
    let sync = &caps["textDocumentSync"];
    let full_sync = sync.as_i64().or_else(|| sync["change"].as_i64()) == Some(1);
    let lines: Vec<&str> = text.split('\n').collect();
    let line_count = lines.len();
    let mid = line_count / 2;
    let mut edited = text.clone();
    let mut key_ms = Vec::new();
    let mut stale = 0;
    // The keystrokes typed in front of a code fence (```` ``` ```` or
    // `~~~`): each turns the fence into text and every later fence inside
    // out; they, and the other keystrokes after the first, are reported
    // apart.
    let mut fence_edits: Vec<usize> = Vec::new();
    for k in 0..keystrokes {
        let version = 2 + k as i64;
        let line = (mid + k * 7).min(line_count - 1);
        let at = if line == 0 {
            0
        } else {
            edited
                .match_indices('\n')
                .nth(line - 1)
                .map_or(0, |(i, _)| i + 1)
        };
        let rest = edited[at..].trim_start_matches(' ');
        if rest.starts_with("```") || rest.starts_with("~~~") {
            fence_edits.push(k);
        }
        edited.insert(at, 'x');
        let change = if full_sync {
            json!({"text": edited})
        } else {
            json!({"range": {"start": {"line": line, "character": 0},
                             "end": {"line": line, "character": 0}},
                   "text": "x"})
        };
        stale += s.drain(Duration::ZERO);
        let sent = s.notify_timed(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [change]}),
        );
        // A server that sends versions: wait for this one; else the next one.
        let got = s.wait(Duration::from_secs(timeout_s), |v| {
            is_diag(v)
                && (v["params"]["version"].is_null() || v["params"]["version"] == json!(version))
        });
        match got {
            Some((t, _)) => {
                key_ms.push(ms(t - sent));
                eprintln!(
                    "lsp_latency: keystroke {k} → diagnostics {:.1} ms",
                    ms(t - sent)
                );
            }
            None => break,
        }
    }

    // Hover and symbols, where offered.
    let mut hover_ms = Vec::new();
    if caps
        .get("hoverProvider")
        .is_some_and(|h| h != &json!(false))
    {
        for k in 0..hovers {
            let line = (k * 7919) % lines.len();
            let sent = Instant::now();
            let id = s.request(
                "textDocument/hover",
                json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": 3}}),
            );
            if let Some((t, _)) = s.wait(Duration::from_secs(30), |v| v["id"] == json!(id)) {
                hover_ms.push(ms(t - sent));
            }
        }
    }
    let mut symbol_ms = Vec::new();
    if caps
        .get("documentSymbolProvider")
        .is_some_and(|h| h != &json!(false))
    {
        for _ in 0..20 {
            let sent = Instant::now();
            let id = s.request(
                "textDocument/documentSymbol",
                json!({"textDocument": {"uri": uri}}),
            );
            if let Some((t, _)) = s.wait(Duration::from_secs(30), |v| v["id"] == json!(id)) {
                symbol_ms.push(ms(t - sent));
            }
        }
    }
    let (peak_mb, rss_mb) = memory_mb(child.id());
    let id = s.request("shutdown", json!(null));
    let _ = s.wait(Duration::from_secs(10), |v| v["id"] == json!(id));
    s.notify("exit", json!(null));
    // Some servers do not leave after `exit` (their stdin reader is still
    // blocked): give them five seconds, then end them.
    let gone = Instant::now() + Duration::from_secs(5);
    while child.try_wait().ok().flatten().is_none() {
        if Instant::now() > gone {
            let _ = child.kill();
            let _ = child.wait();
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }

    // The server's own figures: "quoth: timing: <what> in <ms> ms (...)".
    let log = server_log
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .unwrap_or_default();
    let server_side = |what: &str| {
        let mut xs: Vec<f64> = log
            .lines()
            .filter_map(|l| l.strip_prefix("quoth: timing: "))
            .filter(|l| l.starts_with(what))
            .filter_map(|l| l.split(" in ").nth(1)?.split(' ').next()?.parse().ok())
            .collect();
        json!({"count": xs.len(), "p50": percentile(&mut xs.clone(), 0.5), "p99": percentile(&mut xs, 0.99)})
    };
    // The keystrokes after the first fence edit that are no fence edit
    // themselves, client side and, in the same order, server side; and the
    // fence edits' own times.
    let after_fence = |xs: &[f64]| match fence_edits.first() {
        Some(&f) if xs.len() > f + 1 => {
            let mut ys: Vec<f64> = (f + 1..xs.len())
                .filter(|k| !fence_edits.contains(k))
                .map(|k| xs[k])
                .collect();
            json!({"count": ys.len(), "p50": percentile(&mut ys.clone(), 0.5),
                   "p99": percentile(&mut ys, 0.99),
                   "max": ys.iter().cloned().fold(f64::NAN, f64::max)})
        }
        _ => json!(null),
    };
    let at_fences = |xs: &[f64]| -> Vec<f64> {
        fence_edits
            .iter()
            .filter_map(|&k| xs.get(k).copied())
            .collect()
    };
    let server_keys: Vec<f64> = log
        .lines()
        .filter_map(|l| l.strip_prefix("quoth: timing: "))
        .filter(|l| l.starts_with("didChange →"))
        .filter_map(|l| l.split(" in ").nth(1)?.split(' ').next()?.parse().ok())
        .collect();
    // The first didChange answer follows the didOpen one: skip nothing, the
    // didOpen is not logged.
    let report = json!({
        "server_side_ms": {
            "keystroke_to_diagnostics_written": server_side("didChange →"),
            "request_to_answer_written": server_side("request →"),
            "keystrokes_after_fence_edit": after_fence(&server_keys),
            "fence_edit_keystrokes": at_fences(&server_keys),
        },
        "fence_edits": fence_edits,
        "server": server_cmd.join(" "),
        "document_bytes": text.len(),
        "change_sync": if full_sync { "full" } else { "incremental" },
        "messages_drained_between_keystrokes": stale,
        "initialize_ms": initialize_ms,
        "did_open_to_diagnostics_ms": open_ms,
        "diagnostics": diagnostics,
        "diagnostics_by_code": by_code,
        "keystroke_to_diagnostics_ms": {
            "count": key_ms.len(),
            "p50": percentile(&mut key_ms.clone(), 0.5),
            "p99": percentile(&mut key_ms.clone(), 0.99),
            "max": key_ms.iter().cloned().fold(f64::NAN, f64::max),
            "fence_edit_keystrokes": at_fences(&key_ms),
            "keystrokes_after_fence_edit": after_fence(&key_ms),
        },
        "hover_ms": {"count": hover_ms.len(), "p50": percentile(&mut hover_ms.clone(), 0.5), "p99": percentile(&mut hover_ms, 0.99)},
        "document_symbol_ms": {"count": symbol_ms.len(), "p50": percentile(&mut symbol_ms.clone(), 0.5), "p99": percentile(&mut symbol_ms, 0.99)},
        "server_memory_mb": {
            "peak_after_open": peak_after_open, "resident_after_open": rss_after_open,
            "peak": peak_mb, "resident_at_end": rss_mb,
        },
    });
    println!("{}", serde_json::to_string_pretty(&report).unwrap());
}
