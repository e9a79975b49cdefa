#!/usr/bin/env bash
# Side by side on one core: the Rust inbox example and the Python one on the same JSON-lines
# file, end to end (wall clock of the whole program, `/usr/bin/time`), alternating, ROUNDS
# rounds (default 3); prints each run, the medians and the ratio Python / Rust.
#
#   benches/inbox-ratio.sh FILE [LINKS]
#
# Needs the release example (`cargo build --release --example inbox`, without
# CARGO_BUILD_TARGET) and the extension built in release into .venv
# (`.venv/bin/maturin develop --release -m bindings-python/Cargo.toml`), or PYTHON=another
# interpreter with the release wheel installed.
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: benches/inbox-ratio.sh FILE [LINKS]}
links=${2:-}
rounds=${ROUNDS:-3}
rust=target/release/examples/inbox
python=${PYTHON:-.venv/bin/python}
[ -x "$rust" ] || { echo "build first: cargo build --release --example inbox"; exit 1; }
[ -x "$python" ] || { echo "no .venv: run scripts/test once"; exit 1; }
args=("$file")
[ -n "$links" ] && args+=(--links "$links")
export RAYON_NUM_THREADS=1
# "wall user KB" of one run: wall-clock and user CPU seconds, peak RSS.
measure() {
  /usr/bin/time -f '%e %U %M' "$@" 2>&1 >/dev/null | tail -1
}
rs=()
ps=()
for i in $(seq "$rounds"); do
  r=$(measure "$rust" "${args[@]}")
  p=$(measure "$python" examples/python/inbox.py "${args[@]}")
  rs+=("$r")
  ps+=("$p")
  echo "round $i: rust $r, python $p (wall s, user s, peak KB)"
done
n=$(grep -c . "$file")
python3 - "$n" "$(printf '%s,' "${rs[@]}")" "$(printf '%s,' "${ps[@]}")" <<'PY'
import statistics, sys
n = int(sys.argv[1])
runs = [[list(map(float, r.split())) for r in arg.split(",") if r] for arg in sys.argv[2:4]]
for what, i in (("wall", 0), ("user CPU", 1)):
    r, p = (statistics.median(x[i] for x in side) for side in runs)
    print(f"{n} messages, {what}: rust {r:.2f} s ({n / r:,.0f} msg/s), "
          f"python {p:.2f} s ({n / p:,.0f} msg/s), python/rust {p / r:.2f}x")
PY
