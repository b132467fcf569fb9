#!/usr/bin/env bash
# AIO-P's claim measured through the product (issue 13, item 5): a network trained here on Fashion-MNIST (the
# MobileNetV2-like chain, or the built-in ResNet-like one) is submitted as ONNX; the mutation search, guided by the Predict stage's predictor, cuts its MACs; the
# Adapt stage fine-tunes and measures the submitted network, the kept one and some between them on the path
# (`--adapt N`). Printed per seed: the original's measured top-1, the kept network's, and the deepest measured network
# on the path whose top-1 is at most 0.5 points below the original's, each with its MAC cut and the predictor's guess.
#
#   ./bench/aiop-claim.sh                              (the chain; 3 seeds, about 15 min each on 2 cores)
#   NASP_AIOP_NETWORK=resnet-like ./bench/aiop-claim.sh
#
# Settings: NASP_AIOP_NETWORK (chain or resnet-like, default chain), NASP_AIOP_SEEDS (default "1 2 3"), NASP_AIOP_ADAPT (networks measured besides the original, default 5),
# NASP_AIOP_EPOCHS / NASP_AIOP_IMAGES (the seed network's training, default 2 / 6000), NASP_AIOP_MAX_DROP (the run's
# `--max-drop`, default 0.005: the run returns the cheapest measured network at most half a point below the original),
# NASP_AIOP_PSEUDO_LABELS (default 0; N: the run's `--pseudo-labels N`, so the predictor is adapted to pseudo-labels of
# the network and N - 1 of its mutants before the search), NASP_AIOP_MAX_STEP_CUT (the run's `--max-step-cut F`: each round of
# the search removes at most this fraction of the MACs; default: no cap), NASP_AIOP_STEP_RULE (`--step-rule`: headroom or
# spread), NASP_AIOP_SPREAD_TOLERANCE (`--spread-tolerance K`: mutants predicted up to K of the predictor's spreads below the
# original qualify), NASP_AIOP_OUT (default bench/results/aiop-claim-DATE). The fine-tune budget is the Adapt stage's (Adapt__TrainImages,
# Adapt__Epochs, Adapt__EvaluationImages in the environment). Each seed's run goes through ./scripts/demo.sh (every stage its own process).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"
NETWORK="${NASP_AIOP_NETWORK:-chain}"
SEEDS="${NASP_AIOP_SEEDS:-1 2 3}"
ADAPT="${NASP_AIOP_ADAPT:-5}"
EPOCHS="${NASP_AIOP_EPOCHS:-2}"
IMAGES="${NASP_AIOP_IMAGES:-6000}"
MAX_DROP="${NASP_AIOP_MAX_DROP:-0.005}"
OUT="${NASP_AIOP_OUT:-$REPO/bench/results/aiop-claim-$NETWORK-$(date +%F)}"
CLI="src/Cli/bin/Release/net10.0/nasp.dll"
mkdir -p "$OUT"

say() { printf '[aiop-claim] %s\n' "$*" >&2; }

say "building"
dotnet build Pipeline.sln -c Release -nologo -v q >"$OUT/build.log" 2>&1 || { say "build failed, see $OUT/build.log"; exit 1; }

for seed in $SEEDS; do
  say "seed $seed: training the $NETWORK network ($EPOCHS epochs on $IMAGES images)"
  case "$NETWORK" in
    chain) train=(chain train) ;;
    resnet-like) train=(train resnet-like) ;;
    *) say "NASP_AIOP_NETWORK is chain or resnet-like, not '$NETWORK'"; exit 2 ;;
  esac
  dotnet "$CLI" "${train[@]}" --seed "$seed" --epochs "$EPOCHS" --images "$IMAGES" --out "$OUT/seed-$seed.onnx" \
    >"$OUT/train-$seed.log" 2>&1 || { say "training failed, see $OUT/train-$seed.log"; exit 1; }
  grep -E '^top1' "$OUT/train-$seed.log" >&2 || true
  say "seed $seed: submitting it with --adapt $ADAPT (log $OUT/run-$seed.log)"
  NASP_DEMO_SKIP_BUILD=1 NASP_DEMO_PSEUDO_LABELS="${NASP_AIOP_PSEUDO_LABELS:-0}" NASP_DEMO_ADAPT="$ADAPT" NASP_DEMO_MAX_DROP="$MAX_DROP" NASP_DEMO_MAX_STEP_CUT="${NASP_AIOP_MAX_STEP_CUT:-}" NASP_DEMO_STEP_RULE="${NASP_AIOP_STEP_RULE:-}" NASP_DEMO_SPREAD_TOLERANCE="${NASP_AIOP_SPREAD_TOLERANCE:-}" NASP_DEMO_INPUT=1x1x28x28 NASP_DEMO_SEED="$seed" NASP_DEMO_OUT="$OUT/run-$seed" \
    ./scripts/demo.sh "$OUT/seed-$seed.onnx" >"$OUT/run-$seed.log" 2>&1 || { say "the run failed, see $OUT/run-$seed.log"; exit 1; }
done

python3 - "$OUT" $SEEDS <<'PY'
import re, sys
out, seeds = sys.argv[1], sys.argv[2:]
row = re.compile(r'^(original|between|kept)\s+(\d+)\s+([\d,]+)\s+([\d,]+)\s+([\d.]+)\s+([\d.]+)\s*$')
chosen_line = re.compile(r'^chosen by measurement .*: step (\d+),')
print("| seed | original top-1 | kept: MAC cut, top-1 (change), predicted | deepest within 0.5 pt: step, MAC cut, top-1 (change), predicted | run's choice (--max-drop): step |")
print("|---|---:|---|---|---:|")
cuts, kept_changes = [], []
for seed in seeds:
    lines = open(f"{out}/run-{seed}/result.txt").read().splitlines()
    rows = [m.groups() for m in map(row.match, lines) if m]
    chosen = next((m.group(1) for m in map(chosen_line.match, lines) if m), "-")
    nets = [(kind, int(step), int(macs.replace(',', '')), float(top1), float(pred)) for kind, step, macs, _, top1, pred in rows]
    original = nets[0]
    kept = nets[-1]
    within = [n for n in nets if n[3] >= original[3] - 0.005]
    best = max(within, key=lambda n: n[1])
    cut = lambda n: 1 - n[2] / original[2]
    cuts.append(cut(best)); kept_changes.append(kept[3] - original[3])
    print(f"| {seed} | {original[3]:.4f} | {cut(kept):.1%}, {kept[3]:.4f} ({kept[3] - original[3]:+.4f}), {kept[4]:.2f} "
          f"| {best[1]}, {cut(best):.1%}, {best[3]:.4f} ({best[3] - original[3]:+.4f}), {best[4]:.2f} | {chosen} |")
print(f"\nmean MAC cut within 0.5 points: {sum(cuts) / len(cuts):.1%}; mean top-1 change of the kept network: {sum(kept_changes) / len(kept_changes):+.4f}")
PY
