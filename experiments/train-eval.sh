#!/usr/bin/env bash
# Trains the reference CNN and evaluates it on the real MNIST test split; appends one line to
# experiments/results.tsv. Usage: experiments/train-eval.sh NAME EPOCHS [synth train args…]
# Environment: HW (default /tmp/hw) holds datasets and runs; MNIST (default $HW/mnist).
set -euo pipefail
name=$1; epochs=$2; shift 2
hw=${HW:-/tmp/hw}; mnist=${MNIST:-$hw/mnist}
root=$(cd "$(dirname "$0")/.." && pwd)
run=$hw/runs/$name
start=$(date +%s)
node "$root/dist/src/cli.js" train --out "$run" --epochs "$epochs" --force "$@" > "$hw/runs-$name.log" 2>&1
node "$root/dist/src/cli.js" eval --model "$run" --data "$mnist" --split test --json > "$run/eval-mnist.json"
acc=$(node -e "console.log((require('$run/eval-mnist.json').accuracy*100).toFixed(2))")
secs=$(( $(date +%s) - start ))
printf '%s\t%s\t%s\t%s\t%ss\n' "$name" "$epochs" "$*" "$acc" "$secs" | tee -a "$root/experiments/results.tsv"
