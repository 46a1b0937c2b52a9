#!/usr/bin/env bash
# One line per evaluation set: the team's gold sets (`sitrep eval`) and, when
# ../shared/realdev is present, the three real sets scored by its own scorer.
# Used before and after every change to extraction, geocoding or segmentation.
# Usage: scripts/measure_events.sh [OUT_DIR]   (predictions are kept in OUT_DIR)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
OUT=${1:-/tmp/sitrep-measure}
mkdir -p "$OUT"
SHARED=../shared
summ() {  # name, report json
  "$BIN/python" - "$1" "$2" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
e = r.get("events") or {}
f = e.get("fields") or {}
seg = r.get("segmentation") or {}
print(f"{name:10s} recall {e.get('recall', 0):.3f} precision {e.get('precision', 0):.3f} "
      + " ".join(f"{k} {v:.2f}" for k, v in sorted(f.items()) if isinstance(v, (int, float))))
PY
}
run_eval() {  # name gold pages
  "$BIN/sitrep" eval "$2" --pages "$3" --json > "$OUT/$1.json"
  summ "$1" "$OUT/$1.json"
}
[ -d "$SHARED/gold" ] && run_eval seeds "$SHARED/gold" "$SHARED/seeds"
run_eval demo src/sitrep/demo/gold.yaml src/sitrep/demo/pages
run_eval heldout tests/fixtures/heldout/gold.yaml tests/fixtures/heldout
run_eval heldout2 tests/fixtures/heldout2/gold.yaml tests/fixtures/heldout2/pages
run_eval heldout3 tests/fixtures/heldout3/gold.yaml tests/fixtures/heldout3/pages
# world: our own short reports of every ACLED sub-type from other theatres (realdev-format gold)
"$BIN/sitrep" eval tests/fixtures/world/snippets.jsonl --json > "$OUT/world.json"
"$BIN/python" - "$OUT/world.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
keys = ("recall", "precision", "false_from_not_events", "acc_actor1", "acc_actor2", "acc_date", "acc_fatalities")
print(f"{'world':10s} " + " ".join(f"{k} {r[k]:.3f}" if isinstance(r[k], float) else f"{k} {r[k]}" for k in keys))
PY
R=$SHARED/realdev
if [ -d "$R" ]; then
  for s in acled_battles acled_2018 ucdp_headlines; do
    "$BIN/sitrep" extract "$R/$s.input.jsonl" --format jsonl > "$OUT/$s.pred.jsonl"
    m=""; [ "$s" = ucdp_headlines ] && m="--metrics loc-date"
    "$BIN/python" "$R/score.py" --gold "$R/$s.jsonl" --pred "$OUT/$s.pred.jsonl" $m > "$OUT/$s.score.json"
    "$BIN/python" - "$s" "$OUT/$s.score.json" <<'PY'
import json, sys
name, path = sys.argv[1], sys.argv[2]
r = json.load(open(path))
keys = [k for k, v in r.items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
print(f"{name:10s} " + " ".join(f"{k} {r[k]:.3f}" if isinstance(r[k], float) else f"{k} {r[k]}" for k in keys))
PY
  done
fi
