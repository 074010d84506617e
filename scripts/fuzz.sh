#!/usr/bin/env bash
# Runs each cargo-fuzz target for a bounded time (FUZZ_SECONDS, default 60) and prints the
# executions per target. Installs a nightly toolchain and cargo-fuzz when missing.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
seconds=${FUZZ_SECONDS:-60}
rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz
for target in params response filter; do
  mkdir -p "corpus/$target"
  log=$(mktemp)
  cargo +nightly fuzz run "$target" "corpus/$target" -- -max_total_time="$seconds" -max_len=4096 2>&1 | tee "$log" | grep -E '^(#[0-9]+.*DONE|==|.*panicked|SUMMARY)' || true
  status=${PIPESTATUS[0]}
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | tail -1 || true)
  echo "fuzz $target: ${runs:-no summary} in ${seconds}s (exit $status)"
  [ "$status" -eq 0 ] || { echo "fuzz $target found a crash: see fuzz/artifacts/$target"; exit 1; }
done
