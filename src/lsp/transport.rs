//! The server's end of the pipe: reads messages with [`framing`], hands
//! them to the tower-lsp-server service, writes its answers back, and keeps
//! going whatever the client sends and whatever a handler does.
//!
//! It replaces tower-lsp-server's `Server::serve`, which stops reading after
//! the first malformed message and lets a panicking handler unwind through
//! the whole server. Here:
//!
//! - a malformed message gets a JSON-RPC error (`-32700` parse error for
//!   bytes that are not one JSON value, `-32600` invalid request for JSON
//!   that is not a request), with the request's id when it has a valid one,
//!   else `null`, as JSON-RPC 2.0 says; a malformed *response* from the
//!   client is logged and dropped (answering it could loop);
//! - a panic in any handler becomes an internal error (`-32603`) response
//!   for a request (nothing for a notification), a line on stderr and a
//!   `window/logMessage` to the client, and the server goes on;
//! - `exit` ends the session once the requests sent before it have been
//!   answered (tower-lsp-server would cancel them, so a client that sends
//!   `shutdown` and `exit` together would see `shutdown` fail); [`serve`]
//!   says whether `shutdown` came first, so that the process can exit with
//!   0 or 1 as the specification asks.
//!
//! Handlers run up to [`MAX_CONCURRENCY`] at a time and are polled in the
//! order their messages arrived, as tower-lsp-server does: a handler's work
//! before its first `.await` happens in arrival order.
//!
//! [`framing`]: super::framing

use std::any::Any;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use futures::channel::mpsc;
use futures::future::{self, BoxFuture, FusedFuture};
use futures::stream::FusedStream;
use futures::{FutureExt, SinkExt, StreamExt};
use serde::Serialize;
use serde_json::Value;
use tokio::io::{AsyncRead, AsyncReadExt};
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Id, Request, Response};
use tower_lsp_server::ls_types::MessageType;
use tower_lsp_server::{Client, ClientSocket, ExitedError};
use tower_service::Service;

use super::encode::Pieces;
use super::framing::{Decoder, Frame};

/// How many handlers may be in flight at once.
pub const MAX_CONCURRENCY: usize = 4;

/// A message body ready to be written, and, for the timing log, when the
/// message it answers arrived and what to call the interval.
pub struct Raw {
    pub body: Body,
    pub timing: Option<(std::time::Instant, &'static str)>,
}

/// A message's JSON: whole, or a JSON array between two parts (written a
/// little at a time: tens of megabytes are never gathered in one buffer).
pub enum Body {
    Bytes(Vec<u8>),
    Parts {
        head: Vec<u8>,
        array: Pieces,
        tail: Vec<u8>,
    },
}

impl Body {
    fn len(&self) -> usize {
        match self {
            Body::Bytes(b) => b.len(),
            Body::Parts { head, array, tail } => head.len() + array.len() + tail.len(),
        }
    }
}

impl Raw {
    fn plain(body: String) -> Raw {
        Raw {
            body: Body::Bytes(body.into_bytes()),
            timing: None,
        }
    }
}

/// Where the server sends messages it has already encoded (diagnostics).
pub type RawSender = mpsc::UnboundedSender<Raw>;

/// Requests the server answers with JSON it encodes itself, without the
/// `serde_json::Value` tree tower-lsp-server would build (document symbols
/// of a long document: tens of thousands). Answered in arrival order like
/// every handler, with the same panic guard.
pub trait Fast: Send + Sync + 'static {
    /// Whether this request is answered here (else the service answers it).
    fn takes(&self, request: &Request) -> bool;
    /// The request's result (`None`: null).
    fn answer(&self, request: &Request) -> Option<Pieces>;
}

/// Whether to log, on stderr, how long after a change its diagnostics were
/// written (`QUOTH_LSP_TIMING=1`).
pub fn timing_log() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("QUOTH_LSP_TIMING").is_some_and(|v| v != "0"))
}

/// Serves `service` over `input`/`output` until `exit` or the end of
/// `input`, with the messages of `raw` written as they come and the
/// requests `fast` takes answered by it. Returns whether a successful
/// `shutdown` came first.
pub async fn serve<I, S>(
    mut input: I,
    output: Writer,
    mut service: S,
    socket: ClientSocket,
    client: Client,
    raw: mpsc::UnboundedReceiver<Raw>,
    fast: Option<Arc<dyn Fast>>,
) -> bool
where
    I: AsyncRead + Unpin,
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    let shut_down = Arc::new(AtomicBool::new(false));
    let in_flight = Arc::new(InFlight::default());
    let (to_client, mut from_client) = socket.split();
    let (stop_tx, stop_rx) = futures::channel::oneshot::channel::<()>();
    let (out_tx, out_rx) = mpsc::unbounded::<Raw>();
    let (task_tx, task_rx) = mpsc::channel::<BoxFuture<'static, Option<Raw>>>(100);

    let run_tasks = task_rx
        .buffer_unordered(MAX_CONCURRENCY)
        .filter_map(future::ready)
        .map(Ok)
        .forward(out_tx.clone());

    // Answers, and the server's own messages to the client, handed to the
    // writing thread in order. After the last handler has finished
    // (`stop`), what it sent is still written.
    let write_output = async {
        let output = output;
        let mut out_rx = out_rx;
        let mut raw = raw;
        let mut to_client = to_client.fuse();
        let mut stop = stop_rx;
        loop {
            // The server's own messages first: a handler queues them before
            // its answer exists (progress "end" before the result).
            let body = futures::select_biased! {
                request = to_client.next() => request.map(|r| Raw::plain(to_json(&r))),
                message = raw.next() => message,
                body = out_rx.next() => body,
                _ = stop => None,
                complete => break,
            };
            let done = stop.is_terminated() && out_rx.is_terminated();
            if let Some(body) = body {
                // It stops only when a write failed (and said so).
                if output.send(body).is_err() {
                    return;
                }
            } else if done {
                break;
            }
        }
        loop {
            let body = match to_client.next().now_or_never() {
                Some(Some(request)) => Raw::plain(to_json(&request)),
                _ => match raw.next().now_or_never() {
                    Some(Some(message)) => message,
                    _ => break,
                },
            };
            if output.send(body).is_err() {
                return;
            }
        }
        // Everything handed over is written (or a write failed).
        output.finish().await;
    };

    let read_input = async {
        let mut task_tx = task_tx;
        let errors = out_tx;
        let answer_error = |id: Option<Id>, error: Error| {
            let _ = errors.unbounded_send(Raw::plain(to_json(&Response::from_error(
                id.unwrap_or(Id::Null),
                error,
            ))));
        };
        let mut decoder = Decoder::new();
        let mut buf = vec![0u8; 64 * 1024];
        'read: loop {
            while let Some(frame) = decoder.next() {
                let value = match frame {
                    Frame::Message(value) => value,
                    Frame::Malformed(why) => {
                        eprintln!("quoth: a malformed message from the client: {why}");
                        answer_error(None, error(ErrorCode::ParseError, why));
                        continue;
                    }
                };
                match classify(value) {
                    Incoming::Request(request) => {
                        if future::poll_fn(|cx| service.poll_ready(cx)).await.is_err() {
                            break 'read;
                        }
                        let exit = request.method() == "exit";
                        if exit {
                            in_flight.all_done().await;
                        }
                        let task = match &fast {
                            Some(f) if !shut_down.load(Ordering::SeqCst) && f.takes(&request) => {
                                fast_call(Arc::clone(f), request, &client)
                            }
                            _ => guarded_call(&mut service, request, &client, &shut_down),
                        };
                        let task = in_flight.track(task);
                        if task_tx.send(task).await.is_err() || exit {
                            break 'read;
                        }
                    }
                    Incoming::Response(response) => {
                        if from_client.send(response).await.is_err() {
                            break 'read;
                        }
                    }
                    Incoming::Invalid(id, why) => {
                        eprintln!("quoth: an invalid message from the client: {why}");
                        answer_error(id, error(ErrorCode::InvalidRequest, why));
                    }
                    Incoming::Ignored(why) => {
                        eprintln!("quoth: a message from the client was ignored: {why}");
                    }
                }
            }
            match input.read(&mut buf).await {
                Ok(0) => break,
                Ok(n) => decoder.push(&buf[..n]),
                Err(e) => {
                    eprintln!("quoth: cannot read from the client ({e}); stopping");
                    break;
                }
            }
        }
        // Let the handlers in flight finish and their answers go out.
        drop(task_tx);
        drop(errors);
    };

    let finish = async {
        // The forwarding fails only if the writer stopped first.
        let (_forwarded, ()) = futures::join!(run_tasks, read_input);
        let _ = stop_tx.send(());
    };
    futures::join!(finish, write_output);
    shut_down.load(Ordering::SeqCst)
}

/// Counts the handlers not finished yet, so that `exit` can wait for them.
#[derive(Default)]
struct InFlight {
    count: AtomicUsize,
    done: tokio::sync::Notify,
}

impl InFlight {
    fn track(
        self: &Arc<Self>,
        task: BoxFuture<'static, Option<Raw>>,
    ) -> BoxFuture<'static, Option<Raw>> {
        self.count.fetch_add(1, Ordering::SeqCst);
        let this = Arc::clone(self);
        async move {
            let response = task.await;
            this.count.fetch_sub(1, Ordering::SeqCst);
            this.done.notify_waiters();
            response
        }
        .boxed()
    }

    async fn all_done(&self) {
        loop {
            let done = self.done.notified();
            if self.count.load(Ordering::SeqCst) == 0 {
                return;
            }
            done.await;
        }
    }
}

/// The thread that writes the messages to the client, one after the other,
/// with blocking writes straight from one buffer kept across messages.
///
/// tokio's stdout copies each write into a buffer of its own and hands it
/// to a pool thread, then waits to hear back before the next write: four
/// hand-overs each way for a 3.7 MB `publishDiagnostics`, each a wait for a
/// core when the machine is busy. Here a message is handed over once; the
/// thread encodes it a chunk at a time into its buffer and writes each
/// chunk while the client reads the one before. Reading and the handlers go
/// on meanwhile: a client that writes while it does not read cannot
/// deadlock the server.
pub struct Writer {
    to_thread: std::sync::mpsc::Sender<Raw>,
    finished: futures::channel::oneshot::Receiver<()>,
}

impl Writer {
    /// Starts the thread writing to `out` (unbuffered: each chunk is one
    /// write).
    pub fn spawn(mut out: impl std::io::Write + Send + 'static) -> std::io::Result<Writer> {
        let (to_thread, messages) = std::sync::mpsc::channel::<Raw>();
        let (done, finished) = futures::channel::oneshot::channel();
        std::thread::Builder::new()
            .name("quoth-writer".into())
            .spawn(move || {
                let mut buf = Vec::with_capacity(CHUNK + CHUNK / 4);
                for raw in messages {
                    if let Err(e) = write_raw(&mut out, raw, &mut buf) {
                        eprintln!("quoth: cannot write to the client ({e}); stopping");
                        break;
                    }
                    // A message with one huge item must not keep its
                    // buffer for the rest of the session.
                    if buf.capacity() > 4 * CHUNK {
                        buf = Vec::with_capacity(CHUNK + CHUNK / 4);
                    }
                }
                let _ = out.flush();
                let _ = done.send(());
            })?;
        Ok(Writer {
            to_thread,
            finished,
        })
    }

    /// Queues a message; an error means a write failed and nothing more
    /// will be written.
    fn send(&self, raw: Raw) -> std::result::Result<(), ()> {
        self.to_thread.send(raw).map_err(drop)
    }

    /// Waits until every message queued is written (or a write failed).
    async fn finish(self) {
        drop(self.to_thread);
        let _ = self.finished.await;
    }
}

/// Writes one message: its header, then its body a chunk at a time through
/// `buf` (a body already whole and large goes out as it is).
fn write_raw(output: &mut impl std::io::Write, raw: Raw, buf: &mut Vec<u8>) -> std::io::Result<()> {
    let len = raw.body.len();
    buf.clear();
    buf.extend_from_slice(format!("Content-Length: {len}\r\n\r\n").as_bytes());
    let timed = raw.timing.filter(|_| timing_log());
    let handed = match &raw.body {
        Body::Bytes(b) if b.len() > CHUNK => {
            output.write_all(buf)?;
            buf.clear();
            write_last(output, b, timed.is_some())?
        }
        Body::Bytes(b) => {
            buf.extend_from_slice(b);
            write_last(output, buf, timed.is_some())?
        }
        Body::Parts { head, array, tail } => {
            // Encode a chunk, write it, encode the next.
            buf.extend_from_slice(head);
            let mut next = 0;
            loop {
                let done = array.write_some(&mut next, buf, CHUNK);
                if done {
                    buf.extend_from_slice(tail);
                    break;
                }
                output.write_all(buf)?;
                buf.clear();
            }
            write_last(output, buf, timed.is_some())?
        }
    };
    if let (Some((since, what)), Some(handed)) = (timed, handed) {
        let ms = |t: std::time::Instant| t.saturating_duration_since(since).as_secs_f64() * 1e3;
        let waited = handed.waited.as_secs_f64() * 1e3;
        eprintln!(
            "quoth: timing: {what} in {:.3} ms ({len} bytes; the last write returned at {:.3} ms, {waited:.3} ms of it waiting for a core after the bytes were in the pipe)",
            ms(handed.in_pipe()),
            ms(handed.returned),
        );
    }
    Ok(())
}

/// When the last bytes of a timed message went into the pipe.
struct Handed {
    /// When the last write returned.
    returned: std::time::Instant,
    /// How long the writing thread waited for a core during the last write
    /// of at most [`PIPE_BUF`] bytes, which had room in the pipe, so that
    /// the wait came after the bytes were in (the client could read them).
    waited: std::time::Duration,
}

impl Handed {
    /// The moment the client could have the whole message.
    fn in_pipe(&self) -> std::time::Instant {
        self.returned
            .checked_sub(self.waited)
            .unwrap_or(self.returned)
    }
}

/// Writes a message's last bytes and flushes. For a timed message
/// (`timed`), the last [`PIPE_BUF`] bytes go in a write of their own, and
/// the time the thread then spent waiting for a core is noted: on a busy
/// machine the client, woken by these bytes, can take the core and the
/// writing thread returns from `write` milliseconds after the client has
/// read the message (the client parsing a 3.5 MB `publishDiagnostics` on
/// the core), which is no delay of the message. Only a write that cannot
/// block (the pipe had room, so it is a copy of a few KB) has its wait
/// taken off; else the whole time counts.
fn write_last(
    output: &mut impl std::io::Write,
    last: &[u8],
    timed: bool,
) -> std::io::Result<Option<Handed>> {
    if !timed {
        output.write_all(last)?;
        output.flush()?;
        return Ok(None);
    }
    let split = last.len().saturating_sub(PIPE_BUF);
    output.write_all(&last[..split])?;
    output.flush()?;
    let room = stdout_has_room();
    let before = run_delay();
    output.write_all(&last[split..])?;
    output.flush()?;
    let returned = std::time::Instant::now();
    let waited = match (room, before, run_delay()) {
        (true, Some(a), Some(b)) => std::time::Duration::from_nanos(b.saturating_sub(a)),
        _ => std::time::Duration::ZERO,
    };
    Ok(Some(Handed { returned, waited }))
}

/// The most bytes a pipe takes in one piece (POSIX `PIPE_BUF` on Linux).
const PIPE_BUF: usize = 4096;

/// Whether standard output (the writer's pipe, see `lsp::run`) has room
/// for a write of [`PIPE_BUF`] bytes right now.
fn stdout_has_room() -> bool {
    #[cfg(target_os = "linux")]
    {
        let mut fd = libc::pollfd {
            fd: 1,
            events: libc::POLLOUT,
            revents: 0,
        };
        // SAFETY: one pollfd, owned here, for the length given; no wait.
        let n = unsafe { libc::poll(&mut fd, 1, 0) };
        n == 1 && fd.revents & libc::POLLOUT != 0
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// How long this thread has waited for a core in its life, in ns (the
/// second figure of `/proc/thread-self/schedstat`), where the system says.
fn run_delay() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().nth(1)?.parse().ok()
}

/// How much of a long JSON array is encoded before it is written: the size
/// of the stdout pipe (`F_SETPIPE_SZ`), so a chunk goes in at once while
/// the client is reading.
const CHUNK: usize = 1024 * 1024;

fn to_json(message: &impl Serialize) -> String {
    serde_json::to_string(message).unwrap_or_else(|e| {
        // Our own types always serialise; keep the stream well-formed anyway.
        let error = error(ErrorCode::InternalError, format!("cannot serialise: {e}"));
        serde_json::to_string(&Response::from_error(Id::Null, error)).unwrap_or_default()
    })
}

fn error(code: ErrorCode, message: String) -> Error {
    Error {
        code,
        message: message.into(),
        data: None,
    }
}

enum Incoming {
    Request(Request),
    Response(Response),
    /// Not a request: answered with an error (with this id, if valid).
    Invalid(Option<Id>, String),
    /// A malformed response from the client: logged, never answered.
    Ignored(String),
}

/// Sorts a JSON value into what it is, as JSON-RPC 2.0 defines it.
fn classify(value: Value) -> Incoming {
    let Value::Object(map) = &value else {
        return Incoming::Invalid(None, "a message must be a JSON object".into());
    };
    let id = map
        .get("id")
        .and_then(|id| serde_json::from_value::<Id>(id.clone()).ok());
    if map.contains_key("method") {
        return match serde_json::from_value::<Request>(value) {
            Ok(request) => Incoming::Request(request),
            Err(e) => Incoming::Invalid(id, format!("not a valid request: {e}")),
        };
    }
    if map.contains_key("result") || map.contains_key("error") {
        return match serde_json::from_value::<Response>(value) {
            Ok(response) => Incoming::Response(response),
            Err(e) => Incoming::Ignored(format!("not a valid response: {e}")),
        };
    }
    Incoming::Invalid(id, "a message with neither method nor result".into())
}

/// Calls the service for `request`, turning a panic while it is called or
/// while its future runs into an error response and a log line.
fn guarded_call<S>(
    service: &mut S,
    request: Request,
    client: &Client,
    shut_down: &Arc<AtomicBool>,
) -> BoxFuture<'static, Option<Raw>>
where
    S: Service<Request, Response = Option<Response>, Error = ExitedError>,
    S::Future: Send + 'static,
{
    let method = request.method().to_string();
    let id = request.id().cloned();
    let client = client.clone();
    let called = std::panic::catch_unwind(AssertUnwindSafe(|| service.call(request)));
    let shut_down = Arc::clone(shut_down);
    async move {
        let outcome = match called {
            Ok(fut) => AssertUnwindSafe(fut).catch_unwind().await,
            Err(payload) => Err(payload),
        };
        let response = match outcome {
            Ok(Ok(response)) => {
                if method == "shutdown" && response.as_ref().is_some_and(Response::is_ok) {
                    shut_down.store(true, Ordering::SeqCst);
                }
                response
            }
            Ok(Err(ExitedError { .. })) => None,
            Err(payload) => panicked(&method, id, client, payload.as_ref()),
        };
        response.map(|r| Raw::plain(to_json(&r)))
    }
    .boxed()
}

/// A panic in a handler: logged, and an internal error for a request.
fn panicked(
    method: &str,
    id: Option<Id>,
    client: Client,
    payload: &(dyn Any + Send),
) -> Option<Response> {
    let line = format!(
        "quoth: internal error while handling {method}: {} (this is a bug; the server goes on)",
        panic_message(payload)
    );
    eprintln!("{line}");
    let logged = line.clone();
    tokio::spawn(async move { client.log_message(MessageType::ERROR, logged).await });
    id.map(|id| Response::from_error(id, error(ErrorCode::InternalError, line)))
}

/// Answers `request` through `fast`, with [`guarded_call`]'s panic guard.
fn fast_call(
    fast: Arc<dyn Fast>,
    request: Request,
    client: &Client,
) -> BoxFuture<'static, Option<Raw>> {
    let client = client.clone();
    let arrived = std::time::Instant::now();
    async move {
        let id = request.id().cloned();
        match std::panic::catch_unwind(AssertUnwindSafe(|| fast.answer(&request))) {
            Ok(result) => {
                let head = br#"{"jsonrpc":"2.0","result":"#.to_vec();
                let mut tail = br#","id":"#.to_vec();
                tail.extend(serde_json::to_vec(&id?).unwrap_or_else(|_| b"null".to_vec()));
                tail.push(b'}');
                let body = match result {
                    Some(array) => Body::Parts { head, array, tail },
                    None => Body::Bytes([head, b"null".to_vec(), tail].concat()),
                };
                let timing = Some((arrived, "request → answer written"));
                Some(Raw { body, timing })
            }
            Err(payload) => panicked(request.method(), id, client, payload.as_ref())
                .map(|r| Raw::plain(to_json(&r))),
        }
    }
    .boxed()
}

fn panic_message(payload: &(dyn Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("a panic")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// What the writing thread wrote, shared with the test.
    #[derive(Clone, Default)]
    struct Shared(Arc<std::sync::Mutex<Vec<u8>>>, usize);

    impl std::io::Write for Shared {
        fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
            let mut out = self.0.lock().unwrap();
            if out.len() + b.len() > self.1 {
                return Err(std::io::ErrorKind::BrokenPipe.into());
            }
            out.extend_from_slice(b);
            Ok(b.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Messages go out whole, framed and in the order they were handed
    /// over, a long array written in chunks with its length right; a
    /// failed write stops the thread and says so to the next `send`.
    #[test]
    fn the_writing_thread_frames_messages_in_order() {
        use super::super::encode::Piece;
        let out = Shared(Arc::default(), usize::MAX);
        let writer = Writer::spawn(out.clone()).unwrap();
        let item = vec![r#"{"a":"0123456789"}"#; 1000].join(",").into_bytes();
        let mut array = Pieces::default();
        for line in 0..150 {
            array.push(Arc::new(Piece::fixed(item.clone())), line);
        }
        assert!(array.len() > 2 * CHUNK);
        writer.send(Raw::plain("{\"first\":1}".into())).unwrap();
        let big = Body::Parts {
            head: b"{\"big\":".to_vec(),
            array,
            tail: b"}".to_vec(),
        };
        writer
            .send(Raw {
                body: big,
                timing: None,
            })
            .unwrap();
        let large = format!("{{\"x\":\"{}\"}}", "y".repeat(CHUNK + 5));
        writer.send(Raw::plain(large.clone())).unwrap();
        futures::executor::block_on(writer.finish());

        let bytes = out.0.lock().unwrap().clone();
        let mut decoder = super::super::framing::Decoder::new();
        decoder.push(&bytes);
        let mut got = Vec::new();
        while let Some(frame) = decoder.next() {
            match frame {
                Frame::Message(v) => got.push(v),
                Frame::Malformed(why) => panic!("{why}"),
            }
        }
        assert_eq!(got.len(), 3);
        assert_eq!(got[0], json!({"first": 1}));
        assert_eq!(got[1]["big"].as_array().unwrap().len(), 150 * 1000);
        assert_eq!(got[2].to_string(), large);

        // The client goes away after 100 bytes.
        let writer = Writer::spawn(Shared(Arc::default(), 100)).unwrap();
        let mut refused = false;
        for _ in 0..1000 {
            if writer.send(Raw::plain(large.clone())).is_err() {
                refused = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        assert!(refused, "the writer should stop after a failed write");
        futures::executor::block_on(writer.finish());
    }

    #[test]
    fn messages_are_sorted_as_json_rpc_says() {
        let request = json!({"jsonrpc": "2.0", "id": 1, "method": "shutdown"});
        assert!(matches!(classify(request), Incoming::Request(_)));
        let notification = json!({"jsonrpc": "2.0", "method": "initialized", "params": {}});
        assert!(matches!(classify(notification), Incoming::Request(_)));
        let response = json!({"jsonrpc": "2.0", "id": 3, "result": null});
        assert!(matches!(classify(response), Incoming::Response(_)));

        let wrong_version = json!({"jsonrpc": "1.0", "id": 4, "method": "x"});
        assert!(matches!(
            classify(wrong_version),
            Incoming::Invalid(Some(Id::Number(4)), _)
        ));
        let bad_method = json!({"jsonrpc": "2.0", "id": "a", "method": 5});
        assert!(matches!(
            classify(bad_method),
            Incoming::Invalid(Some(Id::String(_)), _)
        ));
        let bad_id = json!({"jsonrpc": "2.0", "id": {"x": 1}, "method": "x"});
        assert!(matches!(classify(bad_id), Incoming::Invalid(None, _)));
        assert!(matches!(classify(json!([1])), Incoming::Invalid(None, _)));
        assert!(matches!(
            classify(json!({"x": 1})),
            Incoming::Invalid(None, _)
        ));
        let bad_response = json!({"jsonrpc": "2.0", "result": 1});
        assert!(matches!(classify(bad_response), Incoming::Ignored(_)));
    }
}
