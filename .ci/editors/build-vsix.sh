#!/usr/bin/env bash
# Builds editors/vscode/quoth.vsix from a clean dependency install:
# npm ci, type-check, bundle with esbuild, package with @vscode/vsce.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../../editors/vscode"
rm -f quoth.vsix
npm ci --no-audit --no-fund
npm run typecheck
npm run package
ls -l quoth.vsix
