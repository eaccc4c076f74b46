#!/usr/bin/env bash
# Builds the JS/wasm API (crates/iectox-js) as an ES module with TypeScript types into
# target/iectox-js/pkg/, next to a copy of its example page. Needs scripts/setup.sh's tools.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="$ROOT/target/iectox-js"
cargo build -p iectox-js --release --target wasm32-unknown-unknown --locked
rm -rf "$OUT" && mkdir -p "$OUT"
# The cargo artifact follows CARGO_TARGET_DIR; the package always goes to target/iectox-js.
wasm-bindgen --target web --out-dir "$OUT/pkg" "${CARGO_TARGET_DIR:-$ROOT/target}/wasm32-unknown-unknown/release/iectox_js.wasm"
wasm-opt -Oz --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals --enable-reference-types \
  "$OUT/pkg/iectox_js_bg.wasm" -o "$OUT/pkg/iectox_js_bg.wasm"
cp crates/iectox-js/example/* "$OUT/"
echo "JS API: $OUT/pkg ($(wc -c < "$OUT/pkg/iectox_js_bg.wasm") bytes of wasm)"
