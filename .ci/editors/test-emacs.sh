#!/usr/bin/env bash
# End-to-end test of editors/emacs/quoth.el in batch Emacs (Debian's emacs-nox
# with elpa-eglot and elpa-markdown-mode) against the real quoth server.
# Usage: test-emacs.sh /path/to/quoth
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
quoth_on_path "${1:?usage: test-emacs.sh /path/to/quoth}" "$work/bin"
cp "$repo/editors/testdata/article.md" "$repo/editors/testdata/article.txt" "$work/"

# A user's Emacs activates installed packages (Debian's elpa-* included)
# before reading the init file; batch mode does not, so do it first.
HOME="$work" timeout 120 emacs --batch \
  --eval '(progn (require (quote package)) (package-initialize))' \
  -l "$repo/editors/emacs/quoth.el" \
  -l "$here/emacs-check.el" "$work/article.md" "$work/article.txt"
