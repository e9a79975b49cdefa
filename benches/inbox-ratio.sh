#!/usr/bin/env bash
# Side by side on one core: the Rust inbox example and the Python one on the same JSON-lines
# file, end to end (wall clock of the whole program, `/usr/bin/time`), alternating, ROUNDS
# rounds (default 3); prints each run, the medians and the ratio Python / Rust.
#
#   benches/inbox-ratio.sh FILE [LINKS]
#
# Needs the release example (`cargo build --release --example inbox`, without
# CARGO_BUILD_TARGET) and the extension built in release into .venv
# (`.venv/bin/maturin develop --release -m bindings-python/Cargo.toml`).
set -euo pipefail
cd "$(dirname "$0")/.."
file=${1:?usage: benches/inbox-ratio.sh FILE [LINKS]}
links=${2:-}
rounds=${ROUNDS:-3}
rust=target/release/examples/inbox
python=.venv/bin/python
[ -x "$rust" ] || { echo "build first: cargo build --release --example inbox"; exit 1; }
[ -x "$python" ] || { echo "no .venv: run scripts/test once"; exit 1; }
args=("$file")
[ -n "$links" ] && args+=(--links "$links")
export RAYON_NUM_THREADS=1
wall() { # prints seconds of wall clock for the command
  /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1
}
declare -a rs ps
for i in $(seq "$rounds"); do
  r=$(wall "$rust" "${args[@]}"); rs+=("${r% *}")
  p=$(wall "$python" examples/python/inbox.py "${args[@]}"); ps+=("${p% *}")
  echo "round $i: rust ${r% *} s (${r#* } KB), python ${p% *} s (${p#* } KB)"
done
n=$(wc -l < "$file")
python3 - "$n" "${rs[*]}" "${ps[*]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
r = statistics.median(map(float, sys.argv[2].split()))
p = statistics.median(map(float, sys.argv[3].split()))
print(f"{n} messages: rust {r:.2f} s ({n / r:,.0f} msg/s), python {p:.2f} s ({n / p:,.0f} msg/s), python/rust {p / r:.2f}x")
PY
