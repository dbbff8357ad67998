//! LSP latency driver: starts a language server over stdio, opens one large
//! Markdown document and times, from the client's side of the pipe,
//! `initialize` → its answer, `didOpen` → the first `publishDiagnostics`,
//! a keystroke (`didChange` inserting one character mid-document) → the
//! next `publishDiagnostics`, and (for servers that offer them) hover and
//! document symbols.
//!
//! ```text
//! lsp_latency [--size BYTES] [--file PATH] [--keystrokes N] [--hovers N]
//!             [--server-log PATH] -- SERVER ARGS...
//! lsp_latency --size 10000000 -- target/release/quoth lsp
//! lsp_latency --size 10000000 -- harper-ls --stdio
//! ```
//! Prints one JSON object with every figure in milliseconds, and the
//! server's peak and current resident memory (`VmHWM`, `VmRSS` from /proc)
//! after the open and at the end. With `--server-log`, the server's stderr
//! goes to that file and quoth's own timing log (`QUOTH_LSP_TIMING=1`: from
//! a `didChange` arriving to its diagnostics written, from a document
//! symbol request arriving to its answer written) is summarised too.

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

struct Server {
    stdin: std::process::ChildStdin,
    rx: mpsc::Receiver<(Instant, Value)>,
    next_id: i64,
}

impl Server {
    fn send(&mut self, v: &Value) {
        let body = v.to_string();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body).unwrap();
        self.stdin.flush().unwrap();
    }
    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
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
                // A request from the server (configuration, registration): answer null.
                let id = v["id"].clone();
                self.send(&json!({"jsonrpc": "2.0", "id": id, "result": null}));
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
    };
    let id = s.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {
            "textDocument": {"publishDiagnostics": {"versionSupport": true},
                              "hover": {"contentFormat": ["markdown", "plaintext"]},
                              "documentSymbol": {"hierarchicalDocumentSymbolSupport": true}}}}),
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
    let sent = Instant::now();
    s.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
    let (t_open, first) = s
        .wait(Duration::from_secs(600), is_diag)
        .expect("no diagnostics after didOpen");
    let open_ms = ms(t_open - sent);
    let diagnostics = first["params"]["diagnostics"]
        .as_array()
        .map_or(0, Vec::len);
    let (peak_after_open, rss_after_open) = memory_mb(child.id());

    // Keystrokes: one character typed in the middle of the document, each
    // timed to the publishDiagnostics that follows it.
    let lines: Vec<&str> = text.split('\n').collect();
    let mid = lines.len() / 2;
    let mut key_ms = Vec::new();
    for k in 0..keystrokes {
        let version = 2 + k as i64;
        let line = (mid + k * 7).min(lines.len() - 1);
        let sent = Instant::now();
        s.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                                  "end": {"line": line, "character": 0}},
                                       "text": "x"}]}),
        );
        // A server that sends versions: wait for this one; else the next one.
        let got = s.wait(Duration::from_secs(120), |v| {
            is_diag(v)
                && (v["params"]["version"].is_null() || v["params"]["version"] == json!(version))
        });
        match got {
            Some((t, _)) => key_ms.push(ms(t - sent)),
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
    let _ = child.wait();

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
    // The first didChange answer follows the didOpen one: skip nothing, the
    // didOpen is not logged.
    let report = json!({
        "server_side_ms": {
            "keystroke_to_diagnostics_written": server_side("didChange →"),
            "request_to_answer_written": server_side("request →"),
        },
        "server": server_cmd.join(" "),
        "document_bytes": text.len(),
        "initialize_ms": initialize_ms,
        "did_open_to_diagnostics_ms": open_ms,
        "diagnostics": diagnostics,
        "keystroke_to_diagnostics_ms": {
            "count": key_ms.len(),
            "p50": percentile(&mut key_ms.clone(), 0.5),
            "p99": percentile(&mut key_ms.clone(), 0.99),
            "max": key_ms.iter().cloned().fold(f64::NAN, f64::max),
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
