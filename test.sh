#!/usr/bin/env bash
# Installs what the tests need when it is missing, then runs every test of the solution.
# Usage: ./test.sh [extra dotnet test arguments]
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET 10 SDK (dotnet) is required and was not found on PATH." >&2
  exit 1
fi

# Test prerequisites beyond the SDK are installed by infra/install-test-deps.sh when present
# (Azurite from npm, Chromium and others from Debian); each test that needs one fails loudly
# if it is missing, it never skips.
if [ -x infra/install-test-deps.sh ]; then
  log "installing test prerequisites"
  infra/install-test-deps.sh
fi

log "restoring"
# Local dotnet tools (.config/dotnet-tools.json): NSwag, which a test runs to generate a client from the live document.
dotnet tool restore
restored=0
for attempt in 1 2 3; do
  if dotnet restore Companion.Grains.sln; then restored=1; break; fi
  echo "restore failed (attempt $attempt); the package registry may still be filling in, retrying without the HTTP cache" >&2
  sleep $((attempt * 20))
  dotnet restore Companion.Grains.sln --no-http-cache && { restored=1; break; } || true
done
[ "$restored" = 1 ] || { echo "test.sh: dotnet restore failed" >&2; exit 1; }

log "building"
dotnet build Companion.Grains.sln --no-restore -c Debug -nologo

log "testing"
output=$(mktemp)
set +e
dotnet test Companion.Grains.sln --no-build -c Debug --blame-hang-timeout 5m 2>&1 | tee "$output"
status=${PIPESTATUS[0]}
set -e

# Benchmarks are not tests: this only proves every scenario still runs to completion.
# The figures come from Release runs (docs/BENCHMARKS.md).
if [ "$status" = 0 ]; then
  log "benchmark smoke"
  dotnet tests/Companion.Benchmarks/bin/Debug/net10.0/Companion.Benchmarks.dll smoke || status=$?
fi

# One closing line over every test project: "N passed, N failed".
awk '
  /(Passed|Failed)!.*Failed: *[0-9]+, *Passed: *[0-9]+/ {
    match($0, /Failed: *[0-9]+/); f += substr($0, RSTART + 7, RLENGTH - 7) + 0
    match($0, /Passed: *[0-9]+/); p += substr($0, RSTART + 7, RLENGTH - 7) + 0
    if (match($0, /Skipped: *[0-9]+/)) s += substr($0, RSTART + 8, RLENGTH - 8) + 0
  }
  END { printf "%d passed, %d failed, %d skipped\n", p, f, s }
' "$output"
rm -f "$output"
exit "$status"
