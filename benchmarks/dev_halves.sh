#!/usr/bin/env bash
# Score kg on the dev documents of ../shared, per half and per kind of document.
# Half A is where rules are written (read its errors); half B checks them (read only its totals).
#   bash benchmarks/dev_halves.sh [A|B|all] [--errors]
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${KG_SHARED:-../shared}"
half="${1:-all}"; shift || true
A_REPORTS=("$SHARED"/corpus/001_*.txt)
B_REPORTS=("$SHARED"/corpus/000_*.txt "$SHARED"/corpus/002_*.txt)
A_NEWS=(); B_NEWS=()
for f in "$SHARED"/corpus/news/*.txt; do
    n=$(basename "$f" | cut -c1-2)
    if (( (10#$n / 2) % 2 == 1 )); then A_NEWS+=("$f"); else B_NEWS+=("$f"); fi
done
run() {  # label, gold dir, files...
    local label=$1 gold=$2; shift 2
    echo "== $label"
    if (( ${#EXTRA[@]} )); then kg eval --gold "$gold" "$@" "${EXTRA[@]}"
    else kg eval --gold "$gold" "$@" | tail -1; fi
}
EXTRA=("$@")
if [[ $half == A || $half == all ]]; then
    run "A reports" "$SHARED/gold" "${A_REPORTS[@]}"
    run "A news" "$SHARED/gold/news" "${A_NEWS[@]}"
fi
if [[ $half == B || $half == all ]]; then
    run "B reports" "$SHARED/gold" "${B_REPORTS[@]}"
    run "B news" "$SHARED/gold/news" "${B_NEWS[@]}"
fi
