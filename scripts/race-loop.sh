#!/usr/bin/env bash
# The TorchSharp garbage-collection race tests, N times in a row (default 20), from the Release build:
#
#   ./scripts/race-loop.sh [N]
#
# Runs the three GarbageCollectionRaceTests classes (Vision, Supernet, Predictors.Gnn: 7 cases) in one `dotnet test`
# per iteration, prints one line per iteration, stops at the first failure (its log stays in .local/race/) and exits
# with that iteration's status. Needs no servers. Build first: dotnet build Pipeline.sln -c Release
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO" || exit 1
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_CLI_UI_LANGUAGE=en

N="${1:-20}"
LOGS="$REPO/.local/race"
mkdir -p "$LOGS"
DLLS=()
for project in Vision Supernet Predictors.Gnn; do
  dll="tests/$project.Tests/bin/Release/net10.0/$project.Tests.dll"
  [ -f "$dll" ] || { echo "[race] $dll is not built: dotnet build Pipeline.sln -c Release" >&2; exit 1; }
  DLLS+=("$dll")
done

for i in $(seq 1 "$N"); do
  start=$(date +%s)
  dotnet test "${DLLS[@]}" --filter "FullyQualifiedName~GarbageCollectionRaceTests" > "$LOGS/iteration-$i.log" 2>&1
  rc=$?
  passed=$(grep -ho 'Passed: *[0-9]*' "$LOGS/iteration-$i.log" | grep -o '[0-9]*' | awk '{ s += $1 } END { print s + 0 }')
  echo "[race] iteration $i of $N: exit $rc, ${passed:-0} of 7 passed, $(( $(date +%s) - start )) s"
  if [ "$rc" -ne 0 ] || [ "${passed:-0}" -ne 7 ]; then
    echo "[race] failed at iteration $i: $LOGS/iteration-$i.log" >&2
    exit $(( rc == 0 ? 1 : rc ))
  fi
done
echo "[race] $N of $N iterations passed"
