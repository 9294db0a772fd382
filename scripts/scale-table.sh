#!/usr/bin/env bash
# How triptyque grows with the corpus, beside fzf in the same run: for each
# size (default 100k, 200k, 500k and 1M claims of examples/gen_corpus.rs),
# the cache's size against the corpus's, a cold and a warm CLI search
# against `fzf --filter` (median wall time and peak RSS of RUNS alternating
# runs), and the explorer's warm first frame and RSS after a search
# (scripts/explorer-at-scale.py, with fzf's first screen and full read).
#
#   scripts/scale-table.sh            # or SIZES="100000 200000" RUNS=3 scripts/scale-table.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-100000 200000 500000 1000000}
RUNS=${RUNS:-3}
WORK=${WORK:-/tmp/triptyque-scale}
Q=${QUERY:-deepseek prix}
mkdir -p "$WORK"
. scripts/fzf-common.sh
col() { cut -d' ' -f"$1" "$2" | median; }
printf '%-9s %8s %8s | %7s %7s %7s %6s %6s | %7s %7s %7s | %8s %8s %8s %8s\n' \
  claims corpus cache "fzf s" "cold s" "warm s" cold/f warm/f "fzf MB" "cold MB" "warm MB" \
  "frame ms" "RSS MB" "fzf 1st" "fzf all"
for n in $SIZES; do
  d="$WORK/$n"
  mkdir -p "$d/home"
  export HOME="$d/home" XDG_CACHE_HOME="$d/cache"
  [ -d "$d/corpus" ] || target/release/examples/gen_corpus --claims "$n" --out "$d/corpus" --seed 42 2>/dev/null
  [ -s "$d/lines" ] || "$BIN" --corpus "$d/corpus" --no-cache claims --text > "$d/lines"
  rm -f "$d"/{fzf,cold,warm}
  for _ in $(seq "$RUNS"); do
    rm -rf "$XDG_CACHE_HOME"
    run "$d/cold" "$BIN" --corpus "$d/corpus" search "$Q" --limit 20
    run "$d/warm" "$BIN" --corpus "$d/corpus" search "$Q" --limit 20
    run "$d/fzf" sh -c 'fzf --filter "$1" < "$2"' _ "$Q" "$d/lines"
  done
  corpus=$(du -sb "$d/corpus" | cut -f1)
  cache=$(find "$XDG_CACHE_HOME" -name '*.idx' -printf '%s\n' | head -1)
  # What the explorer finds over the whole corpus, kept with the cache.
  "$BIN" --corpus "$d/corpus" timeline --json > /dev/null
  "$BIN" --corpus "$d/corpus" figures --json > /dev/null
  ex=$(python3 scripts/explorer-at-scale.py "$d/corpus" --cache "$XDG_CACHE_HOME" --fzf "$d/lines" --runs "$RUNS" --query "$Q" --json)
  get() { python3 -c "import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$ex" "$1"; }
  f=$(col 1 "$d/fzf"); c=$(col 1 "$d/cold"); w=$(col 1 "$d/warm")
  printf '%-9s %7.0fM %7.2fx | %7.2f %7.2f %7.2f %6.2f %6.2f | %7.0f %7.0f %7.0f | %8.0f %8.0f %8.0f %8.0f\n' \
    "$n" "$(echo "$corpus / 1000000" | bc -l)" "$(echo "$cache / $corpus" | bc -l)" \
    "$f" "$c" "$w" "$(echo "$c / $f" | bc -l)" "$(echo "$w / $f" | bc -l)" \
    "$(echo "$(col 2 "$d/fzf") / 1024" | bc -l)" "$(echo "$(col 2 "$d/cold") / 1024" | bc -l)" \
    "$(echo "$(col 2 "$d/warm") / 1024" | bc -l)" \
    "$(get first_frame_ms)" "$(get rss_mb)" "$(get fzf_first_screen_ms)" "$(get fzf_all_read_ms)"
done
echo "(medians of $RUNS runs; cold = no cache: parse, index, write the cache, search; frame = the explorer's warm first frame; RSS = the explorer's after a search)"
