#!/bin/sh
# The gap report on a 6,000-image real training subset (600 per class; 10% of Fashion-MNIST's
# training split) and the whole real test split: the machine is shared and the full 60k would
# take over an hour of training. Real fractions 0.1 and 1 of the subset are 1% and 10% of the
# full training split.
set -e
cd "$(dirname "$0")/../.."
node experiments/fashion/subset.mjs /tmp/fa2/real /tmp/fa2/real6k 6000 2>/dev/null || true
node dist/src/cli.js gap --synthetic /tmp/fa2/synth-final --real /tmp/fa2/real6k --out /tmp/fa2/report \
  --real-fractions 0.1,1 --epochs 3 --force
