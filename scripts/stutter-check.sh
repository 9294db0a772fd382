#!/usr/bin/env bash
# Types a query one char at a time into the explorer's search over a large
# corpus (in tmux, release build) and checks that the prompt echoes every char
# right away, while the ranking may still be running ("ranking...").
#
#   scripts/stutter-check.sh CORPUS_DIR ["deepseek prix"]
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:?usage: scripts/stutter-check.sh CORPUS_DIR [QUERY]}
QUERY=${2:-deepseek prix}
cargo build --release -q
S=triptyque-stutter-$$
HOME_DIR=$(mktemp -d)
trap 'tmux -L $S kill-server 2>/dev/null || true; rm -rf "$HOME_DIR"' EXIT
tmux -L $S -f /dev/null new-session -d -s t -x 120 -y 40 \
  "env HOME=$HOME_DIR XDG_CACHE_HOME=${XDG_CACHE_HOME:-$HOME_DIR/cache} TERM=xterm-256color LANG=C.UTF-8 $PWD/target/release/triptyque --fresh --corpus $DIR"
for _ in $(seq 600); do
  tmux -L $S capture-pane -p -t t | grep -q "Blocs │" && break
  sleep 0.1
done
tmux -L $S send-keys -t t /
sleep 0.3
typed=""; echoed=0; ranking=0; n=0
while IFS= read -r -n1 ch; do
  typed+="$ch"; n=$((n + 1))
  tmux -L $S send-keys -t t -l "$ch"
  sleep 0.04
  screen=$(tmux -L $S capture-pane -p -t t)
  if grep -qF "> ${typed}_" <<<"$screen"; then echoed=$((echoed + 1)); fi
  if grep -q "ranking" <<<"$screen"; then ranking=$((ranking + 1)); fi
done < <(printf '%s' "$QUERY")
for _ in $(seq 100); do
  tmux -L $S capture-pane -p -t t | grep -q "ranking" || break
  sleep 0.1
done
echo "typed $n chars 40 ms apart: echoed within 40 ms: $echoed/$n; ranking still running at that moment: $ranking/$n"
tmux -L $S capture-pane -p -t t | sed -n 2,6p
[ "$echoed" -eq "$n" ]
