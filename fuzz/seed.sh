#!/usr/bin/env bash
# Seeds the corpus of a fuzz target (default: parse) with every golden
# script and example. Scripts in different folders share names, so each
# seed is named by its path.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus="fuzz/corpus/${1:-parse}"
mkdir -p "$corpus"
for script in tests/golden/*/*.npv examples/*.npv; do
    cp "$script" "$corpus/${script//\//_}"
done
