#!/usr/bin/env bash
# Installs what building and testing IEC-Tox needs on a fresh Debian machine, skipping what
# is already there. Safe to run again. Sourced by scripts/serve.sh and scripts/test.sh.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=versions.env
source "$ROOT/scripts/versions.env"
log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root for: $*"; return 1; fi
}

# 1. Debian packages: Chromium and its driver for browser tests, Node.js/npm for Playwright,
#    nginx (with its brotli_static module) and Apache for the tests of the README's server
#    snippets, which run their own servers on free ports.
missing_pkgs=()
for pkg in chromium chromium-driver nginx libnginx-mod-http-brotli-static apache2; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing_pkgs+=("$pkg")
done
command -v node >/dev/null || missing_pkgs+=(nodejs)
command -v npm >/dev/null || missing_pkgs+=(npm)
if [ ${#missing_pkgs[@]} -gt 0 ]; then
  log "apt-get install ${missing_pkgs[*]}"
  as_root apt-get update -qq
  # Installing nginx or apache2 would start their system services on port 80: a
  # policy-rc.d that refuses (unless the machine has one) keeps them stopped.
  no_start=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    as_root sh -c 'printf "#!/bin/sh\nexit 101\n" > /usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d'
    no_start=1
  fi
  apt_rc=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing_pkgs[@]}" || apt_rc=$?
  if [ -n "$no_start" ]; then as_root rm -f /usr/sbin/policy-rc.d; fi
  if [ "$apt_rc" -ne 0 ]; then log "apt-get install failed ($apt_rc)"; exit "$apt_rc"; fi
fi

# 2. Rust target for the browser.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 3. Cargo-installed tools, at the pinned versions.
export PATH="$HOME/.cargo/bin:$PATH"
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/[^0-9.]/, ""); print; exit}' "$ROOT/Cargo.lock")"
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  log "could not read the wasm-bindgen version from Cargo.lock"; exit 1
fi
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (about 7 minutes)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  # Not --locked: its lockfile names a crate version the registry no longer serves.
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi

# 4. npm packages from the lockfile: wasm-opt (binaryen), playwright-core, axe-core.
if [ ! -d "$ROOT/tests/node_modules" ] || [ "$ROOT/tests/package-lock.json" -nt "$ROOT/tests/node_modules/.package-lock.json" ]; then
  log "npm ci (tests/)"
  (cd "$ROOT/tests" && npm ci --no-audit --no-fund --loglevel=error)
fi
# Trunk takes the first wasm-opt on PATH: ours must come before Debian's binaryen.
export PATH="$ROOT/tests/node_modules/.bin:$PATH"

# 5. Crates, so that Trunk's offline build (cargo --offline) finds them.
(cd "$ROOT" && cargo fetch --locked -q)

# Trunk: never download a tool, never check for updates; use exactly these versions.
export TRUNK_OFFLINE=true
export TRUNK_SKIP_VERSION_CHECK=true
export TRUNK_TOOLS_WASM_BINDGEN="$WASM_BINDGEN_VERSION"
export TRUNK_TOOLS_WASM_OPT="$WASM_OPT_VERSION"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
