#!/usr/bin/env bash
# End-to-end test of editors/vscode in a real VS Code extension host: npm's
# code-server (VS Code's server, workbench and extension host) on 127.0.0.1,
# loaded by Debian's chromium-headless-shell. The built quoth.vsix and a small
# test extension (.ci/editors/vscode-e2e) are installed; the test extension
# asks VS Code for symbols, a hover and diagnostics on the fixture articles and
# writes quoth-e2e-result.json, which this script checks.
# Usage: test-vscode.sh /path/to/quoth [path/to/quoth.vsix]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
binary="${1:?usage: test-vscode.sh /path/to/quoth [quoth.vsix]}"
vsix="${2:-$repo/editors/vscode/quoth.vsix}"
[ -f "$vsix" ] || bash "$here/build-vsix.sh"
vsix="$(readlink -f "$vsix")"

code_server="$QUOTH_EDITORS_TOOLS/code-server/node_modules/.bin/code-server"
vsce="$repo/editors/vscode/node_modules/.bin/vsce"
chromium="${QUOTH_CHROMIUM:-$(command -v chromium-headless-shell || echo /usr/lib/chromium/chromium-headless-shell)}"
for tool in "$code_server" "$vsce" "$chromium" "$NODE24_BIN/node"; do
  [ -x "$tool" ] || { echo "missing $tool: run .ci/editors/install.sh (and build-vsix.sh)" >&2; exit 2; }
done
export PATH="$NODE24_BIN:$PATH" # code-server runs on Node 24

work="$(mktemp -d)"
pgids=()
cleanup() {
  local status=$?
  for pgid in "${pgids[@]}"; do kill -TERM -- "-$pgid" 2>/dev/null || true; done
  sleep 1
  for pgid in "${pgids[@]}"; do kill -KILL -- "-$pgid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "--- code-server log (tail)"; tail -n 40 "$work/code-server.log" 2>/dev/null || true
    for f in "$work"/user/logs/*/exthost*/remoteexthost.log "$work"/user/logs/*/remoteexthost.log \
             "$work"/user/logs/*/exthost*/quoth.quoth/*.log; do
      [ -f "$f" ] && { echo "--- $f (tail)"; tail -n 40 "$f"; }
    done
  fi
  if [ -n "${QUOTH_E2E_KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
quoth_on_path "$binary" "$work/bin"
ws="$work/workspace"
mkdir -p "$ws" "$work/user/User" "$work/extensions" "$work/xdg"
cp "$repo/editors/testdata/article.md" "$repo/editors/testdata/article.txt" "$ws/"
# Keep VS Code quiet and offline: no trust prompt, no update or gallery checks.
# quoth.path names the binary: VS Code's server takes PATH from the user's
# login shell, not from this script, so a temporary PATH entry is not seen.
# It is a machine setting, which a remote (here: code-server) extension host
# reads from the server's Machine/settings.json.
mkdir -p "$work/user/Machine"
python3 - "$work/user" "$QUOTH_BIN" <<'PY'
import json, sys
json.dump({"quoth.path": sys.argv[2]}, open(sys.argv[1] + "/Machine/settings.json", "w"), indent=2)
json.dump({
    "security.workspace.trust.enabled": False,
    "workbench.startupEditor": "none",
    "telemetry.telemetryLevel": "off",
    "update.mode": "none",
    "extensions.autoCheckUpdates": False,
    "extensions.autoUpdate": False,
    "extensions.ignoreRecommendations": True,
    "workbench.enableExperiments": False,
    "git.enabled": False,
    "npm.fetchOnlinePackageInfo": False,
    "chat.disableAIFeatures": True,
}, open(sys.argv[1] + "/User/settings.json", "w"), indent=2)
PY

echo "== packaging the test extension"
(cd "$here/vscode-e2e" && "$vsce" package --no-dependencies --skip-license --allow-missing-repository \
  --out "$work/quoth-e2e.vsix") >/dev/null

printf 'auth: none\n' > "$work/code-server.yaml"
cs_args=(--user-data-dir "$work/user" --extensions-dir "$work/extensions" --config "$work/code-server.yaml")
echo "== installing $(basename "$vsix") and the test extension"
XDG_CONFIG_HOME="$work/xdg" "$code_server" "${cs_args[@]}" --force \
  --install-extension "$vsix" --install-extension "$work/quoth-e2e.vsix"
XDG_CONFIG_HOME="$work/xdg" "$code_server" "${cs_args[@]}" --list-extensions --show-versions

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
echo "== starting code-server on 127.0.0.1:$port"
# EXTENSIONS_GALLERY points the marketplace at a closed local port: no
# gallery queries leave the machine.
setsid env XDG_CONFIG_HOME="$work/xdg" \
  EXTENSIONS_GALLERY='{"serviceUrl":"http://127.0.0.1:9/gallery","itemUrl":"http://127.0.0.1:9/items"}' \
  "$code_server" "${cs_args[@]}" \
  --bind-addr "127.0.0.1:$port" --auth none --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --disable-proxy --ignore-last-opened \
  "$ws" >"$work/code-server.log" 2>&1 < /dev/null &
pgids+=("$!")
python3 - "$port" <<'PY'
import sys, time, urllib.request
url = f"http://127.0.0.1:{sys.argv[1]}/healthz"
for _ in range(120):
    try:
        urllib.request.urlopen(url, timeout=2).read()
        sys.exit(0)
    except Exception:
        time.sleep(0.5)
sys.exit("code-server did not answer on " + url)
PY

start_browser() { # attempt-number
  echo "== starting chromium-headless-shell (attempt $1)"
  setsid "$chromium" --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --disable-dev-shm-usage \
    --user-data-dir="$work/chromium-$1" --window-size=1280,800 \
    "http://127.0.0.1:$port/?folder=$ws" >"$work/chromium-$1.log" 2>&1 < /dev/null &
  browser_pgid=$!
  pgids+=("$browser_pgid")
}

# The extension host starts once the browser has loaded the workbench; the
# test extension then writes quoth-e2e-started. Returns early if the browser
# process is gone.
wait_for_extension_host() {
  local deadline=$((SECONDS + 120))
  while [ "$SECONDS" -lt "$deadline" ]; do
    [ -f "$ws/quoth-e2e-started" ] && return 0
    kill -0 "$browser_pgid" 2>/dev/null || { echo "!! the browser exited"; return 1; }
    sleep 1
  done
  echo "!! no extension host after 120 s"
  return 1
}

start_browser 1
if ! wait_for_extension_host; then
  # A flaky browser start is retried once, and said so; never skipped.
  echo "!! retrying the browser start once"
  tail -n 20 "$work/chromium-1.log" || true
  kill -KILL -- "-$browser_pgid" 2>/dev/null || true
  start_browser 2
  if ! wait_for_extension_host; then
    echo "FAIL: the VS Code extension host never started (browser tried twice)"
    tail -n 20 "$work/chromium-2.log" || true
    exit 1
  fi
fi
echo "== extension host up (VS Code $(cat "$ws/quoth-e2e-started")); waiting for the checks"
# Meanwhile, record how VS Code ran the server (TransportKind.stdio appends
# --stdio to the command).
deadline=$((SECONDS + 240))
until [ -f "$ws/quoth-e2e-result.json" ]; do
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "FAIL: the test extension wrote no result within 240 s"
    exit 1
  fi
  ps -eo args= | grep -F "$QUOTH_BIN lsp" >> "$work/server-commands" || true
  sleep 0.2
done
server_command="$(grep -v grep "$work/server-commands" | sort -u | head -n1 || true)"
echo "== VS Code ran: ${server_command:-(not seen)}"

python3 - "$ws/quoth-e2e-result.json" "$work/user/logs" "$server_command" "$QUOTH_BIN lsp --stdio" <<'PY'
import glob, json, re, sys, time
result = json.load(open(sys.argv[1]))
# What the extension wrote to its "quoth" output channel (the server log);
# VS Code writes log files with a short delay.
def read_log():
    files = glob.glob(sys.argv[2] + "/*/exthost*/quoth.quoth/quoth.log")
    return open(files[0]).read() if files else ""
for _ in range(20):
    log = read_log()
    if "#1-install-the-server" in log:
        break
    time.sleep(0.5)
result["checks"] += [
    {"name": "the server runs as `quoth lsp --stdio`",
     "ok": sys.argv[3] == sys.argv[4], "detail": sys.argv[3]},
    {"name": "the quoth output channel logs the server start",
     "ok": bool(re.search(r"Starting \S+ lsp --stdio", log)), "detail": log[-800:]},
    {"name": "a missing binary is explained with the install link",
     "ok": "/nonexistent/quoth was not found" in log and "#1-install-the-server" in log,
     "detail": log[-800:]},
]
result["ok"] = result["ok"] and all(c["ok"] for c in result["checks"])
failed = 0
for c in result["checks"]:
    failed += not c["ok"]
    detail = f"  ({c['detail']})" if c["detail"] and not c["ok"] else ""
    print(("ok   " if c["ok"] else "FAIL ") + c["name"] + detail)
print(f"VS Code {result['vscode']}: {len(result['checks']) - failed} passed, {failed} failed")
sys.exit(0 if result["ok"] and failed == 0 else 1)
PY
