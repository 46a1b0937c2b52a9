"""Score events against a gold file in the realdev JSONL format (one gold event per record).

A gold file holds one JSON object per line: ``{"id", "text", "published", "gold": {...},
"extra": {...}, "flags": [...]}``, where ``gold`` carries ACLED's field names. Predictions are
sitrep's JSON event rows (``sitrep extract --format jsonl``), each with ``doc`` = the record id.
This is our own implementation of the pairing rule that the realdev folder documents, so that
`sitrep eval GOLD.jsonl` and the test suite give the same figures as the folder's scorer.

Two modes:

``all`` (ACLED-coded gold). For each gold event, a candidate is an unpaired prediction of the
same record that passes three tests:

* type: the same ``sub_event_type``; when the gold has none, the same ``event_type``;
* actor: some predicted name (actor1, assoc_actor_1, actor2, assoc_actor_2, in either role)
  matches some gold name (same four fields) - see `names_match`;
* place: within 15 / 30 / 60 km of the gold point for geo_precision 1 / 2 / 3; a prediction
  without coordinates passes only when its normalised location name equals the gold's.

The nearest candidate is paired (a prediction at most once). Recall = paired gold / gold;
precision = paired predictions / predictions for the gold records. Field accuracies are over
the pairs: event_type, actor1 (actor1 + assoc 1 both sides), actor2 (where the gold has one),
location, date at the gold time_precision (1 same day, 2 within 6 days, 3 same month),
fatalities (a gold 0 is "unknown": a predicted null or 0 is right there).

A record whose ``gold`` has no event type, no sub-event type and no actor1 (every field null) is
a non-event: the text reports nothing ACLED codes (a threat, a plan, a denial, an anniversary).
It is no required event; every prediction for it counts against precision and is listed under
``not_event_hits`` (``false_from_not_events`` counts them). The realdev sets have none.

``loc-date`` (gold without ACLED types, e.g. UCDP-coded): whether a record got any event
(detected), whether one passes the place test above (located), and the date, admin1 and toll of
the nearest located prediction (else the record's first one).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from math import asin, cos, radians, sin, sqrt
from pathlib import Path
from typing import Any

from sitrep.errors import GoldError

METRICS = ("all", "loc-date")

# Pairing radius in km by gold geo_precision (1 the place itself, 2 near it, 3 a region).
RADIUS_KM = {1: 15.0, 2: 30.0, 3: 60.0}
DEFAULT_RADIUS_KM = RADIUS_KM[1]
# time_precision 2 ("within a week", dated mid-week): this many days either side.
WEEK_DAYS = 6
EARTH_RADIUS_KM = 6371.0088

# Words that say what kind of group a name is, not which one: left out before the
# word-subset test so that "the Hill Guards" can match "Hill Guards Brigade".
GENERIC_WORDS = frozenset(
    "al el the of forces force operation group syria syrian brigade brigades militia fighters "
    "movement front army jaish jaysh liwa".split()
)
# Arabic article forms dropped from the transliteration key (al-, ad-, ash- ...).
ARTICLES = frozenset("al el ad ar as ash at az".split())
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLE = re.compile(r"(.)\1+")
_PARENS = re.compile(r"\([^)]*\)")
_APOSTROPHES = re.compile(r"['’‘`´ʼʻʾʿ]")
_NON_ALNUM = re.compile(r"[\W_]+")


# --------------------------------------------------------------------------- names
def normalise(name: Any) -> str:
    """Accents off, lower case, parenthesised parts and apostrophes dropped, other
    runs of non-alphanumerics one space: 'Military Forces of Syria (2000-)' -> 'military forces of syria'."""
    if name is None:
        return ""
    s = unicodedata.normalize("NFKD", str(name))
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = _PARENS.sub(" ", s)
    s = _APOSTROPHES.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()


def name_forms(name: Any) -> list[str]:
    """The normalised name, plus both halves when it is written 'ACRONYM: Name'."""
    if not name or not isinstance(name, str):
        return []
    raw = [name]
    if ":" in name:
        left, right = name.split(":", 1)
        raw += [left, right]
    forms: list[str] = []
    for r in raw:
        n = normalise(r)
        if n and n not in forms:
            forms.append(n)
    return forms


def translit_key(norm: str) -> str:
    """A spelling-tolerant key: articles, vowels (and y) removed, doubled letters
    collapsed, a word-final h dropped - 'al-Jabha' and 'Jabhah' give the same key."""
    words = []
    for w in norm.split():
        if w in ARTICLES:
            continue
        w = _DOUBLE.sub(r"\1", _VOWELS.sub("", w))
        if w.endswith("h"):
            w = w[:-1]
        if w:
            words.append(w)
    return " ".join(words)


def _specific_words(norm: str) -> set[str]:
    return {w for w in norm.split() if w not in GENERIC_WORDS}


def _forms_match(pred: str, gold: str) -> bool:
    if pred == gold:
        return True
    words = _specific_words(pred)
    if words and words <= _specific_words(gold):
        return True
    key = translit_key(pred)
    return bool(key) and key == translit_key(gold)


def names_match(pred: Any, gold: Any) -> bool:
    """Whether one predicted actor name matches one gold actor name (see module doc)."""
    return any(_forms_match(p, g) for p in name_forms(pred) for g in name_forms(gold))


def split_names(value: Any) -> list[str]:
    """Actor names from a field that may be None, a string ('; '-joined) or a list."""
    if value is None:
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).split(";")
    return [s.strip() for s in items if isinstance(s, str) and s.strip()]


def any_name_match(preds: Iterable[str], golds: Iterable[str]) -> bool:
    golds = list(golds)
    return any(names_match(p, g) for p in preds for g in golds)


def _actors(rec: Mapping[str, Any], *roles: int) -> list[str]:
    names: list[str] = []
    for r in roles:
        main = rec.get(f"actor{r}")
        if isinstance(main, str) and main.strip():
            names.append(main.strip())  # one name, even with a ';' in it: only associated actors are lists
        names += split_names(rec.get(f"assoc_actor_{r}"))
    return names


# --------------------------------------------------------------------------- place, date, toll
def _number(v: Any) -> float | None:
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        return float(v)
    try:
        return float(v)
    except (TypeError, ValueError):
        return None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in km."""
    p1, p2 = radians(lat1), radians(lat2)
    a = sin((p2 - p1) / 2) ** 2 + cos(p1) * cos(p2) * sin(radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(min(1.0, sqrt(a)))


def radius_km(gold: Mapping[str, Any]) -> float:
    try:
        return RADIUS_KM.get(int(gold.get("geo_precision")), DEFAULT_RADIUS_KM)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return DEFAULT_RADIUS_KM


def pred_distance(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> float | None:
    """km between prediction and gold, None when either lacks coordinates."""
    plat, plon = _number(pred.get("latitude")), _number(pred.get("longitude"))
    glat, glon = _number(gold.get("latitude")), _number(gold.get("longitude"))
    if None in (plat, plon, glat, glon):
        return None
    return distance_km(plat, plon, glat, glon)  # type: ignore[arg-type]


def place_ok(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> tuple[bool, float | None]:
    """(passes the place test, distance or None)."""
    km = pred_distance(pred, gold)
    if km is not None:
        return km <= radius_km(gold), km
    if _number(pred.get("latitude")) is None or _number(pred.get("longitude")) is None:
        name = normalise(pred.get("location"))
        return bool(name) and name == normalise(gold.get("location")), None
    return False, None


def parse_day(v: Any) -> date | None:
    if isinstance(v, date):
        return v
    if not isinstance(v, str) or len(v) < 10:
        return None
    try:
        return date.fromisoformat(v[:10])
    except ValueError:
        return None


def date_ok(pred_date: Any, gold_date: Any, time_precision: Any) -> bool:
    """Same day (precision 1), within WEEK_DAYS days (2), same month (3)."""
    p, g = parse_day(pred_date), parse_day(gold_date)
    if p is None or g is None:
        return False
    if time_precision == 2:
        return abs((p - g).days) <= WEEK_DAYS
    if time_precision == 3:
        return (p.year, p.month) == (g.year, g.month)
    return p == g


def _int(v: Any) -> int | None:
    n = _number(v)
    return int(n) if n is not None and n == int(n) else None


def fatalities_ok(pred: Any, gold: Any) -> bool:
    """A gold 0 or null is an unknown toll: null, empty or 0 predicted is right there."""
    g = _int(gold)
    p = None if pred in (None, "") else _int(pred)
    if not g:
        return p is None or p == 0
    return p == g


# --------------------------------------------------------------------------- reading
def _base(doc: Any) -> str:
    return str(doc).replace("\\", "/").rsplit("/", 1)[-1]


def load_records(path: str | Path) -> list[dict[str, Any]]:
    """The gold records of a realdev-format JSONL file (GoldError when it is not one)."""
    p = Path(path)
    if not p.is_file():
        raise GoldError(f"{path}: gold file not found")
    records: list[dict[str, Any]] = []
    with p.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except ValueError as exc:
                raise GoldError(f"{path}:{n}: not JSON ({exc})") from None
            if not isinstance(rec, dict) or "id" not in rec or not isinstance(rec.get("gold"), dict):
                raise GoldError(f"{path}:{n}: expected an object with 'id' and a 'gold' object")
            records.append(rec)
    if not records:
        raise GoldError(f"{path}: no gold records")
    return records


def is_realdev_gold(path: str | Path) -> bool:
    """A .jsonl file whose first record has an 'id' and a 'gold' object."""
    p = Path(path)
    if p.suffix.lower() != ".jsonl" or not p.is_file():
        return False
    try:
        with p.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    rec = json.loads(line)
                    return isinstance(rec, dict) and "id" in rec and isinstance(rec.get("gold"), dict)
    except (OSError, UnicodeDecodeError, ValueError):
        return False
    return False


def detect_metrics(records: Iterable[Mapping[str, Any]]) -> str:
    """'loc-date' when no gold event has an event type (UCDP-style), else 'all'."""
    return "all" if any((r.get("gold") or {}).get("event_type") for r in records) else "loc-date"


def input_path(gold_path: str | Path) -> Path:
    """The texts to extract from: `<name>.input.jsonl` beside the gold when present, else
    the gold file itself (its records carry `id`, `text` and `published` too)."""
    p = Path(gold_path)
    beside = p.with_name(p.name[: -len(".jsonl")] + ".input.jsonl") if p.name.endswith(".jsonl") else None
    return beside if beside is not None and beside != p and beside.is_file() else p


def predict(
    gold_path: str | Path, records: list[dict[str, Any]], extractor: Any = None
) -> tuple[list[dict[str, Any]], int]:
    """Run the extractor over the records' texts: (event rows as `sitrep extract` writes them, skipped inputs)."""
    from sitrep.records import Skip
    from sitrep.runner import extract

    ids = {str(r["id"]) for r in records}
    rows: list[dict[str, Any]] = []
    skipped = 0
    for item in extract([input_path(gold_path)], extractor=extractor):
        if isinstance(item, Skip):
            skipped += 1
            continue
        doc, events, _ = item
        if doc.name in ids:
            rows.extend({"doc": doc.name, **ev.to_json()} for ev in events)
    return rows, skipped


# --------------------------------------------------------------------------- scoring
def _ratio(n: int, d: int) -> float | None:
    return round(n / d, 3) if d else None


def _group(records: list[dict[str, Any]], preds: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    by_doc: dict[str, list[Mapping[str, Any]]] = {str(r["id"]): [] for r in records}
    for p in preds:
        key = _base(p.get("doc", ""))
        if key in by_doc:
            by_doc[key].append(p)
    return by_doc


def type_ok(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    if gold.get("sub_event_type"):
        return normalise(pred.get("sub_event_type")) == normalise(gold["sub_event_type"])
    return bool(gold.get("event_type")) and normalise(pred.get("event_type")) == normalise(gold["event_type"])


def actor_ok(pred: Mapping[str, Any], gold: Mapping[str, Any]) -> bool:
    return any_name_match(_actors(pred, 1, 2), _actors(gold, 1, 2))


def _brief(p: Mapping[str, Any]) -> dict[str, Any]:
    return {k: p.get(k) for k in ("doc", "event_type", "sub_event_type", "actor1", "actor2", "location",
                                  "latitude", "longitude", "event_date", "fatalities", "rule_id")}  # fmt: skip


def _gold_brief(rid: str, g: Mapping[str, Any]) -> dict[str, Any]:
    keys = ("event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2", "assoc_actor_2",
            "location", "geo_precision", "event_date")  # fmt: skip
    return {"id": rid, **{k: g.get(k) for k in keys}}


def _why_missed(preds: list[Mapping[str, Any]], gold: Mapping[str, Any]) -> tuple[str, list[dict[str, Any]]]:
    """Which test(s) the closest prediction failed: 'no event', or e.g. 'type', 'actor+place'."""
    if not preds:
        return "no event", []
    checks = []
    for p in preds:
        ok_place, km = place_ok(p, gold)
        tests = (("type", type_ok(p, gold)), ("actor", actor_ok(p, gold)), ("place", ok_place))
        failed = [n for n, ok in tests if not ok] or ["paired elsewhere"]
        checks.append({"failed": failed, "km": None if km is None else round(km, 1), **_brief(p)})
    best = min(checks, key=lambda c: len(c["failed"]))
    return "+".join(best["failed"]), checks


def is_not_event(gold: Mapping[str, Any]) -> bool:
    """A gold record that codes no event (type, sub-type and actor1 all empty): a hard negative."""
    return not any(gold.get(k) for k in ("event_type", "sub_event_type", "actor1"))


def score_acled(records: list[dict[str, Any]], preds: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """Default metrics: pairing on type, actor and place (see module doc)."""
    by_doc = _group(records, preds)
    n_pred = sum(len(v) for v in by_doc.values())
    used: set[int] = set()
    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any]]] = []
    missed: list[dict[str, Any]] = []
    negatives = [str(r["id"]) for r in records if is_not_event(r["gold"])]
    not_event_hits = [_brief(p) for rid in negatives for p in by_doc[rid]]
    required = [r for r in records if not is_not_event(r["gold"])]
    for rec in required:
        rid, gold = str(rec["id"]), rec["gold"]
        best, best_km = None, None
        for p in by_doc[rid]:
            if id(p) in used or not type_ok(p, gold) or not actor_ok(p, gold):
                continue
            ok, km = place_ok(p, gold)
            if not ok:
                continue
            d = km if km is not None else 0.0  # a name match without coordinates counts as on the spot
            if best is None or d < best_km:  # type: ignore[operator]
                best, best_km = p, d
        if best is None:
            why, checks = _why_missed(by_doc[rid], gold)
            missed.append({**_gold_brief(rid, gold), "why": why, "predictions": checks})
            continue
        used.add(id(best))
        pairs.append((best, gold))
    negset = set(negatives)
    unmatched = [_brief(p) for k, v in by_doc.items() if k not in negset for p in v if id(p) not in used]

    def acc(test: Any, rows: list[tuple[Mapping[str, Any], Mapping[str, Any]]]) -> float | None:
        return _ratio(sum(1 for p, g in rows if test(p, g)), len(rows))

    with_actor2 = [(p, g) for p, g in pairs if isinstance(g.get("actor2"), str) and g["actor2"].strip()]
    return {
        "metrics": "all",
        "docs": len(records),
        "required_events": len(required),
        "predicted_events": n_pred,
        "paired": len(pairs),
        "recall": _ratio(len(pairs), len(required)),
        "precision": _ratio(len(pairs), n_pred),
        "acc_event_type": acc(lambda p, g: normalise(p.get("event_type")) == normalise(g.get("event_type")), pairs),
        "acc_actor1": acc(lambda p, g: any_name_match(_actors(p, 1), _actors(g, 1)), pairs),
        "acc_actor2": acc(lambda p, g: any_name_match(_actors(p, 2), _actors(g, 2)), with_actor2),
        "acc_location": acc(lambda p, g: place_ok(p, g)[0], pairs),
        "acc_date": acc(lambda p, g: date_ok(p.get("event_date"), g.get("event_date"), g.get("time_precision")), pairs),
        "acc_fatalities": acc(lambda p, g: fatalities_ok(p.get("fatalities"), g.get("fatalities")), pairs),
        "acc_certainty": None,
        "false_from_not_events": len(not_event_hits),
        "missed": missed,
        "unmatched_predictions": unmatched,
        "not_event_hits": not_event_hits,
    }


def _ucdp_date_ok(pred: Mapping[str, Any], gold: Mapping[str, Any], extra: Mapping[str, Any], slack: int) -> bool:
    p = parse_day(pred.get("event_date"))
    if p is None:
        return False
    if slack == 0 and date_ok(p, gold.get("event_date"), gold.get("time_precision")):
        return True
    start = parse_day(extra.get("date_start")) or parse_day(gold.get("event_date"))
    end = parse_day(extra.get("date_end")) or start
    if start is None or end is None:
        return False
    return start - timedelta(days=slack) <= p <= end + timedelta(days=slack)


def score_loc_date(records: list[dict[str, Any]], preds: Iterable[Mapping[str, Any]]) -> dict[str, Any]:
    """loc-date metrics: detection, location within the radius, and date/admin1/toll of the
    prediction used (the nearest located one, else the record's first)."""
    by_doc = _group(records, preds)
    n_pred = sum(len(v) for v in by_doc.values())
    detected = located = named = located_named = 0
    ok_date = ok_date1 = ok_admin1 = ok_range = ok_exact = 0
    missed: list[dict[str, Any]] = []
    mislocated: list[dict[str, Any]] = []
    for rec in records:
        rid, gold, extra = str(rec["id"]), rec["gold"], rec.get("extra") or {}
        in_text = "location_not_in_text" not in (rec.get("flags") or [])
        named += in_text
        ps = by_doc[rid]
        if not ps:
            missed.append(_gold_brief(rid, gold))
            continue
        detected += 1
        near = []
        for p in ps:
            ok, km = place_ok(p, gold)
            if ok:
                near.append((km if km is not None else 0.0, p))
        if near:
            located += 1
            located_named += in_text
            used = min(near, key=lambda t: t[0])[1]
        else:
            used = ps[0]
            kms = [pred_distance(p, gold) for p in ps]
            mislocated.append({**_gold_brief(rid, gold), "predicted": [p.get("location") for p in ps],
                               "km": [None if k is None else round(k, 1) for k in kms]})  # fmt: skip
        ok_date += _ucdp_date_ok(used, gold, extra, 0)
        ok_date1 += _ucdp_date_ok(used, gold, extra, 1)
        admin1 = normalise(used.get("admin1"))
        ok_admin1 += bool(admin1) and admin1 == normalise(gold.get("admin1"))
        f = None if used.get("fatalities") in (None, "") else _int(used.get("fatalities"))
        low, high = _int(extra.get("low")), _int(extra.get("high"))
        best = _int(extra.get("best")) if extra.get("best") is not None else _int(gold.get("fatalities"))
        ok_range += f is not None and low is not None and high is not None and low <= f <= high
        ok_exact += f is not None and f == best
    n = len(records)
    return {
        "metrics": "loc-date",
        "docs": n,
        "gold_events": n,
        "predicted_events": n_pred,
        "predicted_events_per_doc": _ratio(n_pred, n),
        "recall_detect": _ratio(detected, n),
        "recall_located": _ratio(located, n),
        "acc_location_given_detect": _ratio(located, detected),
        "recall_located_named_in_text": _ratio(located_named, named),
        "named_in_text_events": named,
        "acc_date_given_detect": _ratio(ok_date, detected),
        "acc_date_pm1_given_detect": _ratio(ok_date1, detected),
        "acc_admin1_given_detect": _ratio(ok_admin1, detected),
        "acc_fatalities_in_low_high_given_detect": _ratio(ok_range, detected),
        "acc_fatalities_exact_given_detect": _ratio(ok_exact, detected),
        "missed": missed,
        "mislocated": mislocated,
    }


def score(records: list[dict[str, Any]], preds: Iterable[Mapping[str, Any]], metrics: str = "auto") -> dict[str, Any]:
    """Score prediction rows against realdev-format gold records; metrics 'all', 'loc-date' or 'auto'."""
    if metrics == "auto":
        metrics = detect_metrics(records)
    if metrics not in METRICS:
        raise GoldError(f"unknown metrics {metrics!r}: use one of {', '.join(METRICS)} or auto")
    return score_loc_date(records, preds) if metrics == "loc-date" else score_acled(records, preds)


def evaluate_realdev(gold_path: str | Path, metrics: str = "auto", extractor: Any = None) -> dict[str, Any]:
    """Extract events from the gold file's texts with the normal extractor and score them."""
    records = load_records(gold_path)
    rows, skipped = predict(gold_path, records, extractor)
    report = {"gold": str(gold_path), "input": str(input_path(gold_path)), "skipped_inputs": skipped}
    report.update(score(records, rows, metrics))
    return report


def figures(report: Mapping[str, Any]) -> dict[str, Any]:
    """The report's scalar figures (no lists)."""
    return {k: v for k, v in report.items() if not isinstance(v, (list, dict))}


def render(console: Any, report: Mapping[str, Any]) -> None:
    """Print the figures as a table and a one-line count of misses."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(f"gold: {report['gold']}  input: {report['input']}  metrics: {report['metrics']}"))
    t = Table("figure", "value")
    for k, v in figures(report).items():
        if k in ("gold", "input", "metrics"):
            continue
        t.add_row(k, "-" if v is None else f"{v:.3f}" if isinstance(v, float) else str(v))
    console.print(t)
    extra = f", {len(report['mislocated'])} detected but not located" if "mislocated" in report else ""
    console.print(Text(f"{len(report.get('missed', []))} gold event(s) missed{extra}; --json lists them"))
