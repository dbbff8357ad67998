#!/usr/bin/env bash
# Builds editors/vscode/quoth.vsix from a clean dependency install:
# npm ci, type-check, bundle with esbuild, package with @vscode/vsce.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here/../../editors/vscode"
rm -f quoth.vsix
# No install scripts: esbuild finds its binary without one, and vsce-sign and
# keytar (signing, publishing) are not needed to package.
npm ci --ignore-scripts --no-audit --no-fund
npm run typecheck
npm run package
ls -l quoth.vsix
