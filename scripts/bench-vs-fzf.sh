#!/usr/bin/env bash
# triptyque search vs fzf --filter over the same claims, side by side.
#
# Generates a synthetic corpus (CLAIMS, default 1,000,000, about 155 chars a
# claim), writes its claims as lines for fzf, then for each query runs, five
# times alternately: triptyque cold (no cache: parse, index, write the cache,
# search), triptyque warm (the cached, memory-mapped index) and fzf --filter.
# Prints the median wall time and peak RSS of each, and the ratios to fzf.
#
#   scripts/bench-vs-fzf.sh            # or CLAIMS=100000 RUNS=3 scripts/bench-vs-fzf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
CLAIMS=${CLAIMS:-1000000}
RUNS=${RUNS:-5}
WORK=${WORK:-/tmp/triptyque-bench-$CLAIMS}
QUERIES=("deepseek prix" "chine" "etats unis regulation")

mkdir -p "$WORK"
. scripts/fzf-common.sh
export XDG_CACHE_HOME="$WORK/cache" HOME="$WORK/home"
mkdir -p "$HOME"
if [ ! -d "$WORK/corpus" ]; then
  target/release/examples/gen_corpus --claims "$CLAIMS" --out "$WORK/corpus" --seed 42
fi
if [ ! -s "$WORK/lines" ]; then
  "$BIN" --corpus "$WORK/corpus" --no-cache claims --text > "$WORK/lines"
fi
echo "corpus: $CLAIMS claims, $(du -sh "$WORK/corpus" | cut -f1) on disk; fzf $(fzf --version | cut -d' ' -f1); $(nproc) cores"


printf '\n%-24s %10s %10s %10s %9s %9s %9s %9s %9s\n' query "fzf s" "cold s" "warm s" "cold/fzf" "warm/fzf" "fzf MB" "warm MB" "RSS/fzf"
for q in "${QUERIES[@]}"; do
  rm -f "$WORK"/{fzf,cold,warm}
  for i in $(seq "$RUNS"); do
    rm -rf "$XDG_CACHE_HOME"
    run "$WORK/cold" "$BIN" --corpus "$WORK/corpus" search "$q" --limit 20
    run "$WORK/warm" "$BIN" --corpus "$WORK/corpus" search "$q" --limit 20
    run "$WORK/fzf" sh -c "fzf --filter \"\$1\" < \"\$2\"" _ "$q" "$WORK/lines"
  done
  f=$(cut -d' ' -f1 "$WORK/fzf" | median); c=$(cut -d' ' -f1 "$WORK/cold" | median); w=$(cut -d' ' -f1 "$WORK/warm" | median)
  fm=$(cut -d' ' -f2 "$WORK/fzf" | median); wm=$(cut -d' ' -f2 "$WORK/warm" | median)
  printf '%-24s %10.2f %10.2f %10.2f %9.2f %9.2f %9.0f %9.0f %9.2f\n' "\"$q\"" "$f" "$c" "$w" \
    "$(echo "$c / $f" | bc -l)" "$(echo "$w / $f" | bc -l)" "$(echo "$fm / 1024" | bc -l)" "$(echo "$wm / 1024" | bc -l)" "$(echo "$wm / $fm" | bc -l)"
done
echo "(medians of $RUNS alternating runs; cold = no cache: parse, index, write the cache, search)"
