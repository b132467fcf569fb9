#!/usr/bin/env bash
# THE main job: the whole pipeline, one process per stage over RabbitMQ + PostgreSQL, on a real ONNX model.
#
#   ./scripts/demo.sh [model.onnx]     (default tests/fixtures/onnx/mobilenet_v2.onnx, input 1x3x224x224)
#
# 1. starts the private PostgreSQL and RabbitMQ servers (scripts/servers.sh) and exports their settings;
# 2. builds Pipeline.sln in Release;
# 3. applies the schema (`nasp db migrate`), then starts every stage as its own process (GraphExtract PseudoLabel
#    Predict Search Adapt), each connected as its own database role without DDL rights, logs in .local/logs/;
# 4. submits the model with the CLI (`nasp submit ... --wait`), which prints the run id on its first line and
#    waits for the run to reach a final state, then prints `nasp show <run id>`;
# 5. prints the result table (`nasp show <run id> --front`: the path from the submitted network to the kept one, or
#    the Pareto front of a search-space point) and writes it, the plot (`nasp plot`) and the kept network with its
#    weights (`nasp export`) to .local/demo/ (result.txt, front.svg, kept.onnx), saying where, then runs kept.onnx
#    once in ONNX Runtime (`nasp verify-onnx`);
# 6. stops the stages and the servers, also on failure or Ctrl-C.
#
# Settings: NASP_DEMO_INPUT (default 1x3x224x224), NASP_DEMO_TASKS (default classification), NASP_DEMO_SEED (default 1),
# NASP_DEMO_ADAPT (default 0; 1: the Adapt stage fine-tunes the submitted and the kept network on the tasks and measures
# both, and kept.onnx carries the fine-tuned weights: meant for networks on 28x28 Fashion-MNIST-sized inputs),
# NASP_DEMO_MAX_DROP (with NASP_DEMO_ADAPT >= 1: kept.onnx is the cheapest measured network at most this far below the
# original on every task, `--max-drop`; default: the end of the search's path),
# NASP_DEMO_MAX_STEP_CUT (each round of the mutation search removes at most this fraction of the MACs, `--max-step-cut`),
# NASP_DEMO_STEP_RULE (headroom or spread: how a round chooses among its qualifying mutants, `--step-rule`),
# NASP_DEMO_SPREAD_TOLERANCE (K: mutants predicted up to K of the predictor's spreads below the original qualify, `--spread-tolerance`),
# NASP_DEMO_FNA=1 (FNA instead of the mutation search, `--fna`: the model must be a chain classifier as `nasp chain train`
# writes it; its architecture is adapted in the Adapt stage and the derived network and the original are fine-tuned and
# measured), NASP_DEMO_FNA_TARGET (with NASP_DEMO_FNA=1: a MAC budget for the derived backbone, `--target-macs`, e.g. 0.8x),
# NASP_DEMO_COST_WEIGHT (with NASP_DEMO_FNA=1: λ, `--cost-weight`),
# NASP_DEMO_PSEUDO_LABELS (default 0; N: the model and N - 1 of its mutants are pseudo-labelled per task first, and each
# task's predictor is adapted to those labels before the search, `--pseudo-labels`),
# NASP_DEMO_TIMEOUT (seconds for the run, default 0 = no limit), NASP_DEMO_SKIP_BUILD=1,
# NASP_DEMO_STAGE_READY_TIMEOUT (seconds to wait for each stage's bus, default 120), NASP_DEMO_OUT (where the result
# files go, default .local/demo), and the ports of servers.sh.
set -uo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO" || exit 1

STAGES=(GraphExtract PseudoLabel Predict Search Adapt)
MODEL="${1:-tests/fixtures/onnx/mobilenet_v2.onnx}"
INPUT="${NASP_DEMO_INPUT:-1x3x224x224}"
SEED="${NASP_DEMO_SEED:-1}"
ADAPT="${NASP_DEMO_ADAPT:-0}"
TASKS="${NASP_DEMO_TASKS:-classification}"
OPTIONS=()
if [ -n "${NASP_DEMO_MAX_DROP:-}" ]; then OPTIONS+=(--max-drop "$NASP_DEMO_MAX_DROP"); fi
if [ -n "${NASP_DEMO_MAX_STEP_CUT:-}" ]; then OPTIONS+=(--max-step-cut "$NASP_DEMO_MAX_STEP_CUT"); fi
if [ -n "${NASP_DEMO_STEP_RULE:-}" ]; then OPTIONS+=(--step-rule "$NASP_DEMO_STEP_RULE"); fi
if [ -n "${NASP_DEMO_SPREAD_TOLERANCE:-}" ]; then OPTIONS+=(--spread-tolerance "$NASP_DEMO_SPREAD_TOLERANCE"); fi
if [ "${NASP_DEMO_FNA:-0}" = 1 ]; then OPTIONS+=(--fna); fi
if [ -n "${NASP_DEMO_FNA_TARGET:-}" ]; then OPTIONS+=(--target-macs "$NASP_DEMO_FNA_TARGET"); fi
if [ -n "${NASP_DEMO_COST_WEIGHT:-}" ]; then OPTIONS+=(--cost-weight "$NASP_DEMO_COST_WEIGHT"); fi
if [ "${NASP_DEMO_PSEUDO_LABELS:-0}" != 0 ]; then OPTIONS+=(--pseudo-labels "$NASP_DEMO_PSEUDO_LABELS"); fi
RUN_TIMEOUT="${NASP_DEMO_TIMEOUT:-0}"
READY_TIMEOUT="${NASP_DEMO_STAGE_READY_TIMEOUT:-120}"
LOGS="$REPO/.local/logs"
OUT="${NASP_DEMO_OUT:-$REPO/.local/demo}"
CLI_DLL="src/Cli/bin/Release/net10.0/nasp.dll"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 DOTNET_CLI_UI_LANGUAGE=en
export MSBUILDDISABLENODEREUSE=1
# libtorch's OpenMP threads sleep instead of spinning between steps: the stages share the cores, and the Predict stage
# trains its default predictor on first use (spinning made a loaded 2-core machine many times slower).
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

say() { printf '[demo] %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

command -v dotnet >/dev/null 2>&1 \
  || die "the .NET SDK is not installed (no 'dotnet' on PATH): install the .NET 10 SDK"
[ -f "$MODEL" ] || die "model not found: $MODEL"

declare -A STAGE_PID=()
CLI_PID=""
CLEANED=0
cleanup() {
  [ "$CLEANED" -eq 1 ] && return 0
  CLEANED=1
  if [ -n "$CLI_PID" ] && kill -0 "$CLI_PID" 2>/dev/null; then kill -TERM "$CLI_PID" 2>/dev/null || true; fi
  local x pid left deadline
  for x in "${!STAGE_PID[@]}"; do
    pid="${STAGE_PID[$x]}"
    kill -0 "$pid" 2>/dev/null && { say "stopping Stages.$x (pid $pid)"; kill -TERM "$pid" 2>/dev/null || true; }
  done
  # The generic host shuts down on SIGTERM; give it 30 s, then kill.
  deadline=$((SECONDS + 30))
  while :; do
    left=0
    for pid in "${STAGE_PID[@]}" ${CLI_PID:+"$CLI_PID"}; do kill -0 "$pid" 2>/dev/null && left=1; done
    [ "$left" -eq 0 ] || [ "$SECONDS" -ge "$deadline" ] && break
    sleep 0.5
  done
  for pid in "${STAGE_PID[@]}" ${CLI_PID:+"$CLI_PID"}; do
    if kill -0 "$pid" 2>/dev/null; then say "killing pid $pid"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
  wait 2>/dev/null || true
  "$REPO/scripts/servers.sh" release "$$" || say "warning: stopping the servers failed (see scripts/servers.sh status)"
}
trap cleanup EXIT
trap 'say "interrupted"; exit 130' INT
trap 'say "terminated"; exit 143' TERM

# --- servers ----------------------------------------------------------------------------------
"$REPO/scripts/servers.sh" acquire "$$" || die "could not start PostgreSQL/RabbitMQ (see above)"
eval "$("$REPO/scripts/servers.sh" env)"
export ConnectionStrings__Postgres RabbitMq__Uri RabbitMq__ManagementUri

# --- build ------------------------------------------------------------------------------------
if [ "${NASP_DEMO_SKIP_BUILD:-0}" != 1 ]; then
  say "dotnet build Pipeline.sln -c Release"
  dotnet build Pipeline.sln -c Release </dev/null || die "build failed"
fi
[ -f "$CLI_DLL" ] || die "$CLI_DLL not built"

# --- schema and stage roles --------------------------------------------------------------------
# The schema is applied once, with the owner's connection; each stage then connects as its own role (servers.sh made
# them: nasp_graph_extract, ...), which may read and write its tables but never create or change one.
say "nasp db migrate"
dotnet "$CLI_DLL" db migrate </dev/null || die "nasp db migrate failed"

# --- stages -----------------------------------------------------------------------------------
mkdir -p "$LOGS"
role_variable() { # GraphExtract -> NASP_POSTGRES_GRAPH_EXTRACT
  printf 'NASP_POSTGRES_%s' "$(printf '%s' "$1" | sed -E 's/([a-z])([A-Z])/\1_\2/g' | tr '[:lower:]' '[:upper:]')"
}
for x in "${STAGES[@]}"; do
  dll="src/Stages.$x/bin/Release/net10.0/Stages.$x.dll"
  [ -f "$dll" ] || die "$dll not built"
  role="$(role_variable "$x")"
  [ -n "${!role:-}" ] || die "$role is not set (./scripts/servers.sh env prints it)"
  say "starting Stages.$x as its own database role (log: $LOGS/$x.log)"
  ConnectionStrings__Postgres="${!role}" Pipeline__ApplySchema=false dotnet "$dll" </dev/null >"$LOGS/$x.log" 2>&1 &
  STAGE_PID[$x]=$!
done

stage_died() { # name -> message and failure
  say "Stages.$1 exited (status $2); last lines of $LOGS/$1.log:"
  tail -n 30 "$LOGS/$1.log" >&2 || true
  exit 1
}

# Wait until every stage's bus has started (its queues are bound), or the stage is at least still up.
deadline=$((SECONDS + READY_TIMEOUT))
for x in "${STAGES[@]}"; do
  until grep -qi 'bus started' "$LOGS/$x.log" 2>/dev/null; do
    if ! kill -0 "${STAGE_PID[$x]}" 2>/dev/null; then wait "${STAGE_PID[$x]}"; stage_died "$x" "$?"; fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "warning: Stages.$x has not logged 'Bus started' within ${READY_TIMEOUT}s; going on (see $LOGS/$x.log)"
      break
    fi
    sleep 1
  done
done
say "all stages up: ${!STAGE_PID[*]}"

# --- submit and wait --------------------------------------------------------------------------
SUBMIT_LOG="$LOGS/submit.log"
say "nasp submit $MODEL --input $INPUT --tasks $TASKS --seed $SEED --adapt $ADAPT ${OPTIONS[*]} --wait"
if [ "$RUN_TIMEOUT" -gt 0 ] 2>/dev/null; then
  timeout "$RUN_TIMEOUT" dotnet "$CLI_DLL" submit "$MODEL" --input "$INPUT" --tasks "$TASKS" --seed "$SEED" --adapt "$ADAPT" "${OPTIONS[@]}" --wait \
    </dev/null > >(tee "$SUBMIT_LOG") 2>&1 &
else
  dotnet "$CLI_DLL" submit "$MODEL" --input "$INPUT" --tasks "$TASKS" --seed "$SEED" --adapt "$ADAPT" "${OPTIONS[@]}" --wait \
    </dev/null > >(tee "$SUBMIT_LOG") 2>&1 &
fi
CLI_PID=$!
# While the run goes on, a stage that dies fails the demo (instead of a run that waits forever).
while kill -0 "$CLI_PID" 2>/dev/null; do
  for x in "${STAGES[@]}"; do
    if ! kill -0 "${STAGE_PID[$x]}" 2>/dev/null; then
      wait "${STAGE_PID[$x]}"; st=$?
      stage_died "$x" "$st"
    fi
  done
  sleep 2
done
wait "$CLI_PID"; rc=$?
CLI_PID=""
sleep 0.2 # let tee flush
[ "$rc" -eq 124 ] && [ "$RUN_TIMEOUT" -gt 0 ] 2>/dev/null && die "the run did not finish within ${RUN_TIMEOUT}s"

RUN_ID="$(head -n 1 "$SUBMIT_LOG" 2>/dev/null | tr -d '[:space:]')"
if [ "$rc" -ne 0 ]; then
  say "nasp submit failed (exit $rc), see $SUBMIT_LOG"
  [ -n "$RUN_ID" ] && dotnet "$CLI_DLL" show "$RUN_ID" </dev/null || true
  exit "$rc"
fi
[ -n "$RUN_ID" ] || die "nasp submit printed no run id (see $SUBMIT_LOG)"

say "nasp show $RUN_ID"
dotnet "$CLI_DLL" show "$RUN_ID" </dev/null | tee "$LOGS/show.log"
rc="${PIPESTATUS[0]}"
[ "$rc" -eq 0 ] || say "nasp show failed (exit $rc)"

# --- the result: its table, its plot, the kept network ------------------------------------------
mkdir -p "$OUT"
rm -f "$OUT/result.txt" "$OUT/front.svg" "$OUT/kept.onnx"
say "nasp show $RUN_ID --front"
dotnet "$CLI_DLL" show "$RUN_ID" --front </dev/null | tee "$OUT/result.txt"
st="${PIPESTATUS[0]}"
[ "$st" -eq 0 ] || { say "nasp show --front failed (exit $st)"; rc="$st"; }
say "nasp plot $RUN_ID --out $OUT/front.svg"
dotnet "$CLI_DLL" plot "$RUN_ID" --out "$OUT/front.svg" </dev/null || { st=$?; say "nasp plot failed (exit $st)"; rc="$st"; }
say "nasp export $RUN_ID --out $OUT/kept.onnx"
if dotnet "$CLI_DLL" export "$RUN_ID" --out "$OUT/kept.onnx" </dev/null; then
  say "nasp verify-onnx $OUT/kept.onnx"
  dotnet "$CLI_DLL" verify-onnx "$OUT/kept.onnx" </dev/null || { st=$?; say "ONNX Runtime did not run kept.onnx (exit $st)"; rc="$st"; }
else
  st=$?; say "nasp export failed (exit $st)"; rc="$st"
fi
say "run $RUN_ID done; stage logs in $LOGS/"
say "result table: $OUT/result.txt (printed above)"
[ -f "$OUT/front.svg" ] && say "plot (MACs against each metric, per generation): $OUT/front.svg"
[ -f "$OUT/kept.onnx" ] && say "kept network's ONNX (with weights): $OUT/kept.onnx"
exit "$rc"
