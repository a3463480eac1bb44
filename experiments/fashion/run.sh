#!/bin/sh
# One experiment: render N images of a scene, train the reference CNN, evaluate on the real test split.
# Usage: experiments/fashion/run.sh NAME SCENE COUNT EPOCHS [extra train flags…]
set -e
name=$1 scene=$2 count=$3 epochs=$4; shift 4
root=/tmp/fa2
cd "$(dirname "$0")/../.."
node dist/src/cli.js render "$scene" --count "$count" --out "$root/synth-$name" --seed 1 --force 2>&1 | tail -1
node dist/src/cli.js train --data "$root/synth-$name" --out "$root/runs/$name" --epochs "$epochs" --force "$@" 2>&1 | tail -2
node dist/src/cli.js eval --model "$root/runs/$name" --data "$root/real" --split test --json > "$root/runs/$name/eval.json"
node experiments/fashion/summarise.mjs "$root/runs/$name/eval.json" "$name"
