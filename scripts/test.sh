#!/usr/bin/env bash
# Runs every test: format, lints, native tests, the no_std build, wasm tests in headless
# Chromium, end-to-end tests against the release build, and the bundle size report (last).
# Stops at the first failure with a non-zero exit code.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
started=$SECONDS

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked -- -D warnings
cargo clippy -p web -p iectox-js --target wasm32-unknown-unknown --all-targets --locked -- -D warnings

step "native tests (unit, integration, property, doc)"
cargo test --workspace --exclude web --locked

step "no_std build of the scoring crate"
cargo build -p iectox --no-default-features --locked
cargo build -p iectox --no-default-features --features json --locked
cargo build -p iectox --no-default-features --target wasm32-unknown-unknown --locked

step "wasm tests in headless Chromium (app and JS API)"
cargo test -p web -p iectox-js --target wasm32-unknown-unknown --locked

step "JS/wasm API build (ES module + TypeScript types)"
./scripts/build-js.sh

step "release build (trunk)"
trunk build --release

step "end-to-end tests (Playwright + headless Chromium)"
(cd tests && node --test --test-concurrency=1 --test-timeout=180000 e2e/)

step "latency benchmark (numbers only; CPU throttled 4x)"
(cd tests && node bench/latency.mjs)

step "bundle size (fails above the budgets in tests/size-budget.json)"
node tests/size-report.mjs dist app
node tests/size-report.mjs target/iectox-js/pkg js-api
printf '\nall tests passed in %ss\n' "$((SECONDS - started))"
