#!/usr/bin/env bash
# Builds the VS Code .vsix and runs the Neovim, Emacs and VS Code end-to-end
# tests against a quoth binary. Run .ci/editors/install.sh first.
# Usage: run-all.sh /path/to/quoth
# Runs every test even when one fails; exits non-zero if any failed.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
binary="${1:?usage: run-all.sh /path/to/quoth}"
[ -x "$binary" ] || { echo "not an executable: $binary" >&2; exit 2; }

passed=0
failed=0
failures=()
run() { # name command...
  local name="$1" start=$SECONDS
  shift
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1))
    echo "=== $name: passed ($((SECONDS - start))s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "=== $name: FAILED ($((SECONDS - start))s)"
  fi
}

run "build quoth.vsix" bash "$here/build-vsix.sh"
run "neovim" bash "$here/test-neovim.sh" "$binary"
run "emacs" bash "$here/test-emacs.sh" "$binary"
if [ -f "$repo/editors/vscode/quoth.vsix" ]; then
  run "vscode" bash "$here/test-vscode.sh" "$binary" "$repo/editors/vscode/quoth.vsix"
else
  failed=$((failed + 1))
  failures+=("vscode (no .vsix to test)")
fi

[ "$failed" -eq 0 ] || echo "failed: ${failures[*]}"
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
