#!/usr/bin/env bash
# Fuzzes quoth's three targets: the analysis on arbitrary text (analyze),
# byte offset <-> LSP position conversions (positions) and the message
# decoder of the language server (framing).
#
#   scripts/fuzz.sh [SECONDS]   each target for SECONDS (default 60)
#   scripts/fuzz.sh --smoke     each target for 10 s (for CI)
#
# Engine: libFuzzer through cargo-fuzz (fuzz/) when cargo-fuzz and a
# toolchain that accepts -Z flags (nightly, or stable with
# RUSTC_BOOTSTRAP=1) are there; otherwise, or with
# QUOTH_FUZZ_ENGINE=proptest, the stable property-test fuzzers in
# tests/fuzz_props.rs for the same time. Prints what ran and for how long;
# exits 1 on a finding (libFuzzer keeps it in fuzz/artifacts/TARGET/).
# See docs/robustness.md.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p target

SECONDS_PER=60
case "${1:-}" in
  --smoke) SECONDS_PER=10 ;;
  "") ;;
  *) SECONDS_PER=$1 ;;
esac
TARGETS=(analyze positions framing)
ENGINE=${QUOTH_FUZZ_ENGINE:-}

# Which toolchain can build libFuzzer targets.
TOOLCHAIN=()
BOOTSTRAP=()
if [ -z "$ENGINE" ] || [ "$ENGINE" = libfuzzer ]; then
  if cargo fuzz --version >/dev/null 2>&1; then
    if cargo +nightly --version >/dev/null 2>&1; then
      TOOLCHAIN=(+nightly); ENGINE=libfuzzer
    else
      BOOTSTRAP=(env RUSTC_BOOTSTRAP=1); ENGINE=libfuzzer
    fi
  elif [ "$ENGINE" = libfuzzer ]; then
    echo "fuzz: cargo-fuzz is not installed (cargo install cargo-fuzz)" >&2
    exit 2
  fi
fi
ENGINE=${ENGINE:-proptest}

if [ "$ENGINE" = proptest ]; then
  status=0
  echo "fuzz: engine proptest (tests/fuzz_props.rs), ${SECONDS_PER} s per target"
  QUOTH_FUZZ_SECONDS=$SECONDS_PER QUOTH_FUZZ_CASES=${QUOTH_FUZZ_CASES:-2000} \
    cargo test --release --test fuzz_props -- --nocapture --test-threads=1 >target/fuzz-proptest.log 2>&1 || status=$?
  grep -oE 'fuzz [a-z]+: [0-9]+ cases.*|test result.*|panicked.*|minimal failing.*' target/fuzz-proptest.log || true
  [ $status -eq 0 ] && echo "fuzz: no failure" || echo "fuzz: FAILURE, see target/fuzz-proptest.log"
  exit $status
fi

echo "fuzz: engine libFuzzer (cargo fuzz ${TOOLCHAIN[*]:-stable with RUSTC_BOOTSTRAP=1}), ${SECONDS_PER} s per target"
"${BOOTSTRAP[@]}" cargo "${TOOLCHAIN[@]}" fuzz build -O >/dev/null 2>target/fuzz-build.log || {
  echo "fuzz: cargo fuzz build failed (see target/fuzz-build.log); falling back to proptest" >&2
  exec env QUOTH_FUZZ_ENGINE=proptest "$0" "$SECONDS_PER"
}
found=0
for t in "${TARGETS[@]}"; do
  corpus=fuzz/corpus/$t
  mkdir -p "$corpus" "fuzz/artifacts/$t"
  # Seed the text targets with the example articles.
  if [ "$t" != framing ]; then
    for f in examples/*.md; do [ -e "$corpus/${f##*/}" ] || cp "$f" "$corpus/"; done
  fi
  before=$(ls "fuzz/artifacts/$t" | wc -l)
  log=target/fuzz-$t.log
  "${BOOTSTRAP[@]}" cargo "${TOOLCHAIN[@]}" fuzz run -O "$t" "$corpus" -- \
    -max_total_time="$SECONDS_PER" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    >"$log" 2>&1 || true
  after=$(ls "fuzz/artifacts/$t" | wc -l)
  stats=$(grep -E '^Done [0-9]+ runs' "$log" | tail -1 || true)
  cov=$(grep -oE 'cov: [0-9]+' "$log" | tail -1 || true)
  echo "fuzz $t: ${stats:-no summary (see $log)}; $cov; corpus $(ls "$corpus" | wc -l) inputs"
  if [ "$after" -gt "$before" ]; then
    echo "fuzz $t: FOUND $((after - before)) new crash(es) in fuzz/artifacts/$t (see $log)"
    found=1
  fi
done
exit $found
