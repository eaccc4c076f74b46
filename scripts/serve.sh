#!/usr/bin/env bash
# Serves the app on http://127.0.0.1:8080/ (PORT=… to change), rebuilding on change.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/scripts/setup.sh"
cd "$ROOT"
exec trunk serve --release --address 127.0.0.1 --port "${PORT:-8080}" --no-autoreload
