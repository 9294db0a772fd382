# Sourced by the scripts that measure triptyque beside fzf: installs fzf and
# GNU time when missing, builds the release binary and the corpus generator,
# and defines `median` (of numbers on stdin) and `run FILE CMD...` (appends
# "seconds peak-kb" of CMD to FILE; $WORK must be set).
need() { command -v "$1" >/dev/null 2>&1; }
if ! need fzf || ! [ -x /usr/bin/time ]; then
  echo "installing fzf and time (Debian packages)..." >&2
  (apt-get update -qq && apt-get install -y -qq fzf time) >/dev/null
fi
cargo build --release -q --example gen_corpus
cargo build --release -q
BIN=$PWD/target/release/triptyque
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
run() {
  local out=$1; shift
  /usr/bin/time -f "%e %M" -o "$WORK/t" "$@" > /dev/null 2>"$WORK/err" || [ $? -eq 1 ]
  cat "$WORK/t" >> "$out"
}
