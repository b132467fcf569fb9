#!/usr/bin/env bash
# The benchmarks: ./scripts/bench.sh [graph|store|bus|all] [--quick], ./scripts/bench.sh load [--submissions N ...]
# Starts the private servers (scripts/servers.sh), builds bench/Pipeline.Bench in Release, prints its markdown
# tables (also written to bench/results/pipeline.json) and releases the servers on exit.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

"$REPO/scripts/servers.sh" acquire "$$"
trap '"$REPO/scripts/servers.sh" release "$$" || true' EXIT
eval "$("$REPO/scripts/servers.sh" env)"

if [ "${1:-}" = load ]; then
  # The load bench starts the stages as processes from their build output.
  dotnet build Pipeline.sln -c Release -v quiet -nologo >&2
else
  dotnet build bench/Pipeline.Bench -c Release -v quiet -nologo >&2
fi
dotnet bench/Pipeline.Bench/bin/Release/net10.0/nasp-bench.dll "$@"
