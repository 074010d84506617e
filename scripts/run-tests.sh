#!/usr/bin/env bash
# Runs every test layer, prints how many tests each ran, and fails when a layer fails or runs
# none (several runners exit 0 having run nothing).
# Where tests live: the core's and the package's under tests/ (Rust at its top, JS one folder per
# concern); a surface built on the package (mcp/, worker/, extension/, www/) keeps its tests in
# its own test/ folder, beside the code and resolving that surface's own dependencies. A layer is
# named after its folder (tests/js -> js, worker/test -> worker, tests/runtime/<r> -> runtime-<r>),
# with a suffix where one folder runs as several layers (js-sandbox, worker-load, mcp-http);
# `core` and `binding-*` are the Rust tests at the top of tests/.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
summary=()
failed=0
total_pass=0
total_fail=0

# run_layer NAME COUNT_KIND COMMAND...: COUNT_KIND is "cargo" or "node".
run_layer() {
  local name=$1 kind=$2; shift 2
  local started=$SECONDS
  local log="test-results/${name}.log"
  echo "=== ${name}: $*"
  "$@" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  local pass fail
  if [ "$kind" = cargo ]; then
    pass=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed' "$log" | awk '{s+=$4} END {print s+0}')
    fail=$(grep -Eo 'test result: [a-zA-Z]+\. [0-9]+ passed; [0-9]+ failed' "$log" | awk '{s+=$6} END {print s+0}')
    # A runner that dies mid-way (e.g. Node exiting on an empty event loop) can exit 0 without a
    # result line: every test it announced must be accounted for.
    local announced
    announced=$(grep -Eo '^running [0-9]+ tests?' "$log" | awk '{s+=$2} END {print s+0}')
    if [ "$announced" -ne $((pass + fail)) ]; then
      fail=$((fail + announced - pass - fail))
      echo "!!! ${name}: ${announced} tests announced, $((pass)) passed: the runner stopped early"
    fi
  else
    pass=$(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
    fail=$(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')
  fi
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail))
  if [ "$status" -ne 0 ] || [ "$fail" -ne 0 ]; then
    summary+=("$(printf '%-18s %5d passed %3d failed  FAILED (exit %d)' "$name" "$pass" "$fail" "$status")"); failed=1
  elif [ "$pass" -eq 0 ]; then
    summary+=("$(printf '%-18s %5d passed  FAILED: ran no test' "$name" "$pass")"); failed=1
  else
    summary+=("$(printf '%-18s %5d passed  (%ds)' "$name" "$pass" "$((SECONDS - started))")")
  fi
}

run_layer core cargo cargo test
run_layer binding-node cargo cargo test --target wasm32-unknown-unknown --test wasm
run_layer binding-chromium cargo env WASM_BINDGEN_USE_BROWSER=1 cargo test --target wasm32-unknown-unknown --test wasm
run_layer js-sandbox node node --test --test-reporter=tap tests/js/sandbox.test.mjs tests/js/sandbox-reads.test.mjs tests/js/sandbox-sends.test.mjs tests/js/sandbox-triggers.test.mjs
run_layer js node node --test --test-reporter=tap tests/js/client-methods.test.mjs tests/js/client-wire.test.mjs tests/js/client-errors.test.mjs tests/js/client-retries.test.mjs tests/js/client-secrets.test.mjs tests/js/client-results.test.mjs tests/js/guard.test.mjs tests/js/inflate.test.mjs tests/js/boundary.test.mjs tests/js/broadcasts.test.mjs tests/js/reads.test.mjs tests/js/audience.test.mjs tests/js/sends.test.mjs tests/js/find-trigger.test.mjs tests/js/env.test.mjs tests/js/server.test.mjs tests/js/one-copy.test.mjs tests/js/cursor.test.mjs tests/js/shipped.test.mjs tests/js/wasm-contents.test.mjs
run_layer types node node --test --test-reporter=tap tests/types/shapes.test.mjs tests/types/params.test.mjs
for runtime in node workerd deno chromium; do
  run_layer "runtime-${runtime}" node node --test --test-reporter=tap "tests/runtime/${runtime}.test.mjs"
done
run_layer www node node --test --test-reporter=tap www/test/playground.test.mjs
run_layer js-reliability node node --test --test-reporter=tap tests/js/reliability.test.mjs
run_layer js-transport node node --test --test-reporter=tap tests/js/transport.test.mjs
run_layer extension node node --test --test-reporter=tap extension/test/modules.test.mjs extension/test/extension.test.mjs extension/test/store.test.mjs
run_layer js-sandbox-fidelity node node --test --test-reporter=tap tests/js/sandbox-reference.test.mjs tests/js/sandbox-http.test.mjs
run_layer js-hardening node node --test --test-reporter=tap tests/js/hardening.test.mjs
run_layer js-messages node node --test --test-reporter=tap tests/js/messages.test.mjs
run_layer www-display node node --test --test-reporter=tap www/test/display.test.mjs
run_layer bundlers node node --test --test-reporter=tap tests/bundlers/bundlers.test.mjs tests/bundlers/warnings.test.mjs
run_layer runtime-bun node node --test --test-reporter=tap tests/runtime/bun.test.mjs
run_layer runtime-node22 node node --test --test-reporter=tap tests/runtime/node22.test.mjs
run_layer webhook node node --test --test-reporter=tap tests/webhook/node.test.mjs tests/webhook/workerd.test.mjs
run_layer worker node node --test --test-reporter=tap worker/test/deploy.test.mjs worker/test/worker.test.mjs worker/test/durability.test.mjs worker/test/sends.test.mjs worker/test/exactly-once.test.mjs worker/test/replay.test.mjs worker/test/coalesce.test.mjs worker/test/coalesce-plan.test.mjs worker/test/rules.test.mjs worker/test/scripts.test.mjs
run_layer worker-load node node --test --test-reporter=tap worker/test/load.test.mjs
run_layer tools node node --test --test-reporter=tap tests/tools/schemas.test.mjs tests/tools/call.test.mjs
run_layer mcp-stdio node node --test --test-reporter=tap mcp/test/stdio.test.mjs mcp/test/clients.test.mjs
run_layer mcp-http node node --test --test-reporter=tap mcp/test/http.test.mjs
run_layer mcp-worker node node --test --test-reporter=tap mcp/test/worker.test.mjs
run_layer release node node --test --test-reporter=tap --test-concurrency=1 tests/release/npm.test.mjs tests/release/mcp.test.mjs tests/release/worker.test.mjs tests/release/extension.test.mjs

echo
echo "=== tests per layer"
printf '%s\n' "${summary[@]}"
echo "${total_pass} passed, ${total_fail} failed"
exit $failed
