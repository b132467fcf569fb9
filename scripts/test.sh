#!/usr/bin/env bash
# THE test command.
#
#   ./scripts/test.sh [extra `dotnet test` arguments, e.g. --filter "FullyQualifiedName~Search"]
#
# Starts the private PostgreSQL and RabbitMQ servers (scripts/servers.sh), exports their connection
# settings, builds Pipeline.sln in Release, runs every test project, stops the servers on exit
# (unless another script still uses them), and ends with one plain line:
#
#   N passed, N failed, N skipped
#
# The exit status is the one of `dotnet test` (or of the build / server start when those fail).
# NASP_SOLUTION overrides the solution (default Pipeline.sln).
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO" || exit 1
SOLUTION="${NASP_SOLUTION:-Pipeline.sln}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DOTNET_CLI_UI_LANGUAGE=en MSBUILDDISABLENODEREUSE=1

say() { printf '[test] %s\n' "$*" >&2; }

# --- the .NET SDK -----------------------------------------------------------------------------
if ! command -v dotnet >/dev/null 2>&1; then
  say "ERROR: the .NET SDK is not installed (no 'dotnet' on PATH). Install the .NET 10 SDK"
  say "       (global.json asks for 10.0.100 or a later feature band), e.g. https://dot.net/install"
  echo "0 passed, 0 failed"
  exit 127
fi
if ! dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
  say "ERROR: 'dotnet' is there but no .NET 10 SDK is installed; found:"
  dotnet --list-sdks >&2 2>/dev/null || dotnet --info >&2 2>/dev/null || true
  say "       Install the .NET 10 SDK (global.json asks for 10.0.100 or later)."
  echo "0 passed, 0 failed"
  exit 127
fi

RESULTS="$REPO/.local/test-results/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$RESULTS"
TEST_LOG="$RESULTS/dotnet-test.log"

PASSED=0 FAILED=0 SKIPPED=0
summarise() {
  # Sum the <Counters .../> of every trx file written by this run (one per test project).
  local trx line v
  PASSED=0 FAILED=0 SKIPPED=0
  local ntrx=0
  while IFS= read -r -d '' trx; do
    ntrx=$((ntrx + 1))
    line="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
    [ -n "$line" ] || continue
    v="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$line")"; PASSED=$((PASSED + ${v:-0}))
    local f e t a
    f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$line")"
    e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$line")"
    t="$(sed -n 's/.* timeout="\([0-9]*\)".*/\1/p' <<<"$line")"
    a="$(sed -n 's/.* aborted="\([0-9]*\)".*/\1/p' <<<"$line")"
    FAILED=$((FAILED + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
    # Skipped tests are the ones counted in total but not executed.
    t="$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$line")"
    v="$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$line")"
    SKIPPED=$((SKIPPED + ${t:-0} - ${v:-0}))
  done < <(find "$RESULTS" -name '*.trx' -print0 2>/dev/null)
  # Cross-check with the per-assembly summary lines of the console logger
  # ("Passed!  - Failed: 0, Passed: 12, Skipped: 1, Total: 13, ...") in case a trx file is missing.
  if [ -f "$TEST_LOG" ]; then
    local cp=0 cf=0 cs=0 nsum=0 p q r
    while IFS= read -r line; do
      nsum=$((nsum + 1))
      p="$(sed -n 's/.*Passed: *\([0-9]*\).*/\1/p' <<<"$line")"
      q="$(sed -n 's/.*Failed: *\([0-9]*\).*/\1/p' <<<"$line")"
      r="$(sed -n 's/.*Skipped: *\([0-9]*\).*/\1/p' <<<"$line")"
      cp=$((cp + ${p:-0})); cf=$((cf + ${q:-0})); cs=$((cs + ${r:-0}))
    done < <(grep -E '^(Passed|Failed|Skipped)! +- +Failed: ' "$TEST_LOG" || true)
    if [ "$nsum" -gt "$ntrx" ]; then
      say "note: $nsum test assemblies reported, $ntrx trx files found: counting from the console summary"
      PASSED=$cp FAILED=$cf SKIPPED=$cs
    fi
  fi
}

final_line() { echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"; }

RELEASED=0
cleanup() {
  [ "$RELEASED" -eq 1 ] && return 0
  RELEASED=1
  "$REPO/scripts/servers.sh" release "$$" || say "warning: stopping the servers failed (see scripts/servers.sh status)"
}
# Stop the servers first, so that the summary is the very last line.
finish() { cleanup; final_line; exit "$1"; }
trap cleanup EXIT
trap 'say "interrupted"; summarise; finish 130' INT
trap 'say "terminated"; summarise; finish 143' TERM

# --- servers ----------------------------------------------------------------------------------
if ! "$REPO/scripts/servers.sh" acquire "$$"; then
  say "ERROR: could not start PostgreSQL/RabbitMQ (see the message above)"
  finish 1
fi
eval "$("$REPO/scripts/servers.sh" env)"
export ConnectionStrings__Postgres RabbitMq__Uri RabbitMq__ManagementUri

# --- build ------------------------------------------------------------------------------------
# A clean build takes about 2 GB (1.7 GB of NuGet packages, bin/ files hard-linked to them where the
# file system allows; up to 10 GB where it copies): say so up front rather than fail mid-copy.
free_kb="$(df -Pk "$REPO" 2>/dev/null | awk 'NR == 2 { print $4 }')"
say "dotnet build $SOLUTION -c Release ($(( ${free_kb:-0} / 1048576 )) GB free on the checkout's disk)"
if [ -n "$free_kb" ] && [ "$free_kb" -lt 3145728 ]; then
  say "WARNING: under 3 GB free; the build may run out of disk"
fi
dotnet build "$SOLUTION" -c Release </dev/null
rc=$?
if [ "$rc" -ne 0 ]; then
  say "ERROR: build failed (exit $rc): no test ran"
  finish "$rc"
fi

# --- tests ------------------------------------------------------------------------------------
say "dotnet test $SOLUTION -c Release --no-build $* (results: $RESULTS)"
dotnet test "$SOLUTION" -c Release --no-build --logger trx --results-directory "$RESULTS" "$@" </dev/null 2>&1 \
  | tee "$TEST_LOG"
rc="${PIPESTATUS[0]}"

summarise
if [ "$rc" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
  say "dotnet test exited with $rc although no test failed (a test host crashed, or bad arguments?): see $TEST_LOG"
fi
finish "$rc"
