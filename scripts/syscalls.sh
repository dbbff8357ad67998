#!/usr/bin/env bash
# Watches `quoth lsp` with strace through a session whose documents have
# URIs naming real files (/etc/passwd, this script): the server must open
# no file but its own libraries and the /proc and /sys entries the Rust
# runtime reads at start, open nothing for writing, create or remove
# nothing, and make no network system call.
#
#   scripts/syscalls.sh [PATH_TO_QUOTH]   (default target/debug/quoth)
#
# Needs strace and python3. Exit 0 when clean, 1 with the offending calls.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-target/debug/quoth}
[ -x "$BIN" ] || cargo build -q
command -v strace >/dev/null || { echo "syscalls: strace is not installed" >&2; exit 2; }
LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

python3 - "$PWD/scripts/syscalls.sh" <<'PY' | strace -f -qq -e trace=%file,%network -o "$LOG" "$BIN" lsp >/dev/null || true
import json, sys, time
def send(o):
    b = json.dumps(o).encode()
    sys.stdout.buffer.write(b"Content-Length: %d\r\n\r\n" % len(b) + b)
    sys.stdout.flush()
send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"capabilities": {}, "initializationOptions": {"maxDocumentBytes": "$(touch /tmp/x)"}}})
time.sleep(0.5)
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
for i, uri in enumerate(["file:///etc/passwd", "file://" + sys.argv[1], "https://127.0.0.1/a.md"]):
    send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
        "uri": uri, "languageId": "markdown", "version": 1, "text": "“Hi,” Ann Lee said.\n"}}})
    send({"jsonrpc": "2.0", "id": 10 + i, "method": "textDocument/hover", "params": {
        "textDocument": {"uri": uri}, "position": {"line": 0, "character": 8}}})
    send({"jsonrpc": "2.0", "id": 20 + i, "method": "textDocument/documentSymbol",
          "params": {"textDocument": {"uri": uri}}})
sys.stdout.buffer.write(b"garbage\r\n\r\n")
send({"jsonrpc": "2.0", "id": 99, "method": "shutdown"})
send({"jsonrpc": "2.0", "method": "exit"})
time.sleep(0.5)
PY

calls=$(wc -l <"$LOG")
bad=$(grep -vE '^[0-9]+ +(\+\+\+|---|<\.\.\.)' "$LOG" |
  grep -vE 'execve\(|access\("/etc/ld\.so\.preload"|openat\(AT_FDCWD, "/etc/ld\.so\.cache"|openat\(AT_FDCWD, "/(usr/)?lib[^"]*\.so[^"]*", O_RDONLY\|O_CLOEXEC\)|openat\(AT_FDCWD, "/proc/self/(maps|cgroup|mountinfo)", O_RDONLY\|O_CLOEXEC\)|openat\(AT_FDCWD, "/sys/fs/cgroup/[^"]*", O_RDONLY\|O_CLOEXEC\)|(statx|newfstatat)\([0-9]+, "", |statx\(AT_FDCWD, "[^"]*", |openat\(AT_FDCWD, "[^"]*/quoth\.toml", O_RDONLY\|O_CLOEXEC\)|readlink\("/proc/self/exe"' || true)
if [ -n "$bad" ]; then
  echo "syscalls: the server made calls outside what it may:"
  echo "$bad"
  exit 1
fi
echo "syscalls: clean ($calls file and network calls traced; none outside the runtime's start-up)"
