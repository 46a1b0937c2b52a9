"""Exports of the event dataset: ACLED-style CSV, GeoJSON, Parquet and JSONL.

One row per merged event (or per report with `merged=False`). Rows come from
`merged_events` written by fusion; reports that fusion has not seen yet are
exported as their own single-source events, with the id they get if they stay alone.

Two status columns, never mixed: `certainty` is what the article says of the
event (reported / claimed / alleged / rumoured; a merged row lists its reports'),
`corroboration` is fusion's verdict on the merged event (single-source /
corroborated / contested). A report row carries its own certainty, claimant,
outlet, document and evidence, and the `merged_id` of the event it belongs to.

Only article events reach an export: events come from document bodies, and as
a second guard any evidence span that overlaps a reader comment is dropped.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timezone
from pathlib import Path
from typing import IO, Any

from sitrep.errors import InputError, NotFound
from sitrep.fuse.core import merge_cluster, prepare
from sitrep.fuse.store import MERGED_COLUMNS, FuseConfig, fuse_config, load_events, merged_row
from sitrep.store.aliases import all_aliases, resolve_merged_id
from sitrep.store.db import FALLBACK_SEP, Store

# ACLED's columns in ACLED's order, then sitrep's own.
ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)  # fmt: skip
SITREP_COLUMNS = (
    "merged_id", "doc_ids", "document", "outlet", "n_sources", "n_outlets", "certainty", "corroboration",
    "claimed_by", "plover_type", "evidence", "fatalities_min", "fatalities_max", "confidence", "fallbacks",
    "reviewed",
)  # fmt: skip
COLUMNS = ACLED_COLUMNS + SITREP_COLUMNS

INT_COLUMNS = (
    "year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities",
    "timestamp", "n_sources", "n_outlets", "fatalities_min", "fatalities_max",
)  # fmt: skip
FLOAT_COLUMNS = ("latitude", "longitude", "confidence")
DATE_COLUMNS = ("event_date",)
# How to read an acled-csv export back with pandas, types intact:
#   pd.read_csv(path, dtype=PANDAS_DTYPES, parse_dates=list(DATE_COLUMNS), keep_default_na=False, na_values=[""])
PANDAS_DTYPES = {
    **{c: "Int64" for c in INT_COLUMNS},
    **{c: "float64" for c in FLOAT_COLUMNS},
    **{c: "string" for c in COLUMNS if c not in INT_COLUMNS + FLOAT_COLUMNS + DATE_COLUMNS},
}
FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
LIST_SEP = "; "


# -- rows ----------------------------------------------------------------------------
def _as_date(v: date | str | None, what: str) -> date | None:
    if v is None or isinstance(v, date):
        return v
    try:
        return date.fromisoformat(v)
    except ValueError as exc:
        raise InputError(f"{what}: '{v}' is not a date (YYYY-MM-DD)") from exc


def _members(store: Store) -> tuple[dict[str, list[str]], list[str]]:
    """merged_id -> member event ids, and the reports no fusion pass has seen."""
    fused: dict[str, list[str]] = defaultdict(list)
    known = {r[0] for r in store.conn.execute("SELECT merged_id FROM merged_events")}
    unfused: list[str] = []
    for mid, eid in store.conn.execute("SELECT merged_id, event_id FROM event_sources ORDER BY event_id"):
        if mid in known:
            fused[mid].append(eid)
        else:
            unfused.append(eid)
    seen = {e for ids in fused.values() for e in ids} | set(unfused)
    unfused.extend(r[0] for r in store.conn.execute("SELECT event_id FROM events ORDER BY event_id") if r[0] not in seen)
    return fused, sorted(set(unfused))


def _provenance(store: Store, event_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """Per report: document, outlet, claim and evidence spans (none inside comments)."""
    out: dict[str, dict[str, Any]] = {}
    ids = list(event_ids)
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        q = ",".join("?" for _ in chunk)
        for r in store.conn.execute(
            "SELECT e.event_id, e.doc_id, d.name, d.url, COALESCE(e.source, d.source) AS outlet, e.claimed_by,"
            " e.certainty, e.fatalities, e.event_date, e.actor1, e.actor2, e.rule_id, e.confidence, e.fallbacks"
            f" FROM events e JOIN documents d ON d.doc_id = e.doc_id WHERE e.event_id IN ({q})",
            chunk,
        ):
            out[r["event_id"]] = {
                "event_id": r["event_id"], "doc_id": r["doc_id"], "document": r["name"], "url": r["url"],
                "outlet": r["outlet"], "claimed_by": r["claimed_by"], "certainty": r["certainty"],
                "fatalities": r["fatalities"], "event_date": r["event_date"], "actor1": r["actor1"],
                "actor2": r["actor2"], "rule_id": r["rule_id"], "confidence": r["confidence"],
                "fallbacks": [f for f in (r["fallbacks"] or "").split(FALLBACK_SEP) if f], "evidence": [],
            }  # fmt: skip
        for r in store.conn.execute(
            'SELECT v.event_id, v.field, v.start, v."end", v.text FROM evidence v JOIN events e'
            " ON e.event_id = v.event_id"
            f" WHERE v.event_id IN ({q}) AND NOT EXISTS (SELECT 1 FROM comments c WHERE c.doc_id = e.doc_id"
            ' AND c.start < v."end" AND v.start < c."end") ORDER BY v.event_id, v.start, v.field',
            chunk,
        ):
            out[r["event_id"]]["evidence"].append(
                {"field": r["field"], "start": r["start"], "end": r["end"], "text": r["text"]}
            )
    return out


def _keep(row: dict[str, Any], since: date | None, until: date | None, actor: str | None, etype: str | None) -> bool:
    d = row["event_date"]
    if since and (d is None or d < since):
        return False
    if until and (d is None or d > until):
        return False
    if actor:
        needle = actor.casefold()
        names = (row.get(k) for k in ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2"))
        if not any(n and needle in n.casefold() for n in names):
            return False
    if etype and etype.casefold() not in {(row["event_type"] or "").casefold(), (row["sub_event_type"] or "").casefold()}:
        return False
    return True


def resolve_ids(store: Store, ids: Iterable[str]) -> tuple[set[str], set[str]]:
    """(merged ids, report ids) named by `ids`: merged ids, their old aliases or report ids.

    Raises NotFound for an id that names nothing in the store.
    """
    merged: set[str] = set()
    reports: set[str] = set()
    for key in ids:
        mid = resolve_merged_id(store.conn, key)
        if mid is not None:
            merged.add(mid)
        elif store.conn.execute("SELECT 1 FROM events WHERE event_id = ?", (key,)).fetchone():
            reports.add(key)
        else:
            raise NotFound(f"no event {key!r} (neither a merged event, an old id of one, nor a report)")
    return merged, reports


def event_documents(store: Store, key: str) -> tuple[list[str], list[str]]:
    """The merged events `key` names (current, old or report id) and the documents of their reports."""
    merged, reports = resolve_ids(store, [key])
    m, r = sorted(merged), sorted(reports)
    rows = store.conn.execute(
        "SELECT DISTINCT e.doc_id FROM events e LEFT JOIN event_sources s ON s.event_id = e.event_id"
        f" WHERE s.merged_id IN ({','.join('?' * len(m)) or 'NULL'})"
        f" OR e.event_id IN ({','.join('?' * len(r)) or 'NULL'}) ORDER BY e.doc_id",
        [*m, *r],
    )
    return m, [str(x[0]) for x in rows]


def event_rows(
    store: Store,
    since: date | str | None = None,
    until: date | str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    merged: bool = True,
    cfg: FuseConfig | None = None,
    ids: Iterable[str] | None = None,
    reviews: bool = True,
) -> list[dict[str, Any]]:
    """Export rows (all COLUMNS plus `sources` and, merged, `aliases`), filtered, by date then id.

    `actor` matches any part of actor1/actor2/assoc actors (case-insensitive);
    `event_type` matches the event type or the sub-event type exactly; `ids`
    keeps the events named by merged ids (current or old: aliases resolve) or
    report ids (with `merged=False`, the reports of a named merged event).
    `reviews` applies analysts' reviews (sitrep.review.apply); False gives the machine's rows.
    """
    since_d, until_d = _as_date(since, "since"), _as_date(until, "until")
    cfg = cfg or fuse_config()
    want = resolve_ids(store, ids) if ids is not None else None
    fused, unfused = _members(store)
    status = {r[0]: r[1] for r in store.conn.execute("SELECT merged_id, fusion_certainty FROM merged_events")}
    base: list[tuple[dict[str, Any], list[str]]] = []
    if merged:
        for r in store.conn.execute(f"SELECT {', '.join(MERGED_COLUMNS)} FROM merged_events"):
            base.append((dict(r), sorted(fused.get(r["merged_id"], []))))
        singles = unfused
    else:
        singles = [r[0] for r in store.conn.execute("SELECT event_id FROM events ORDER BY event_id")]
    owner = {e: mid for mid, members in fused.items() for e in members}
    if singles:
        when = datetime.now(timezone.utc).replace(microsecond=0)
        for e in load_events(store, singles):
            m = merge_cluster([e], {e.event_id: prepare(e, cfg.rules, cfg.sources)}, cfg.sources)
            row = dict(zip(MERGED_COLUMNS, merged_row(m, cfg, when)))
            if not merged:  # a report row: its own id, and the merged event it belongs to
                row["event_id_cnty"] = e.event_id
                row["merged_id"] = owner.get(e.event_id, m.merged_id)
                row["fusion_certainty"] = status.get(row["merged_id"], row["fusion_certainty"])
            base.append((row, [e.event_id]))
    rows: list[dict[str, Any]] = []
    for r, _ in base:
        r["event_date"] = _as_date(r["event_date"], "event_date")
    if reviews:
        from sitrep.review.apply import apply_reviews

        base = apply_reviews(store.conn, base, merged)
    kept = [(r, ids_) for r, ids_ in base if _keep(r, since_d, until_d, actor, event_type)]
    if want is not None:
        kept = [(r, m) for r, m in kept if r["merged_id"] in want[0] or (not merged and m[0] in want[1])
                or (merged and want[1] & set(m))]  # fmt: skip
    prov = _provenance(store, [i for _, m in kept for i in m])
    old_ids = all_aliases(store.conn) if merged else {}
    for r, members in kept:
        srcs = [prov[i] for i in members if i in prov]
        r["sources"] = srcs
        r["doc_ids"] = LIST_SEP.join(sorted({s["doc_id"] for s in srcs}))
        r["document"] = LIST_SEP.join(sorted({s["document"] for s in srcs if s["document"]})) or None
        r["outlet"] = LIST_SEP.join(sorted({s["outlet"] for s in srcs if s["outlet"]})) or None
        r["corroboration"] = r.pop("fusion_certainty")
        r["certainty"] = LIST_SEP.join(sorted({s["certainty"] for s in srcs if s["certainty"]})) or None
        r["claimed_by"] = LIST_SEP.join(sorted({s["claimed_by"] for s in srcs if s["claimed_by"]})) or None
        r["evidence"] = [dict(ev, event_id=s["event_id"]) for s in srcs for ev in s["evidence"]]
        # the best-supported report's confidence; the fields that every report had to fill by fallback
        r["confidence"] = max((s["confidence"] for s in srcs if s["confidence"] is not None), default=None)
        shared = set.intersection(*(set(s["fallbacks"]) for s in srcs)) if srcs else set()
        r["fallbacks"] = LIST_SEP.join(sorted(shared))
        if merged:
            r["aliases"] = old_ids.get(r["merged_id"], [])
        rows.append(r)
    rows.sort(key=lambda r: (r["event_date"] or date.max, r["event_id_cnty"]))
    return rows


# -- writers -------------------------------------------------------------------------
def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A row's COLUMNS with evidence as JSON text and dates as ISO strings."""
    out = {c: row.get(c) for c in COLUMNS}
    out["event_date"] = row["event_date"].isoformat() if row["event_date"] else None
    out["evidence"] = json.dumps(row["evidence"], ensure_ascii=False)
    return out


def _write_csv(rows: list[dict[str, Any]], fh: IO[str]) -> None:
    w = csv.DictWriter(fh, fieldnames=list(COLUMNS), lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: "" if v is None else v for k, v in _flat(r).items()})


def _write_jsonl(rows: list[dict[str, Any]], fh: IO[str]) -> None:
    for r in rows:
        d = _flat(r)
        d["evidence"] = r["evidence"]
        if "aliases" in r:
            d["aliases"] = r["aliases"]  # old ids of this merged event, which resolve to it
        d["sources"] = r["sources"]
        fh.write(json.dumps(d, ensure_ascii=False) + "\n")


def geojson(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """A FeatureCollection of Points ([longitude, latitude]); no coordinates -> null geometry."""
    feats = []
    for r in rows:
        props = _flat(r)
        props["evidence"] = r["evidence"]
        has_point = r["latitude"] is not None and r["longitude"] is not None
        feats.append({
            "type": "Feature",
            "id": r["event_id_cnty"],
            "geometry": {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]} if has_point else None,
            "properties": props,
        })  # fmt: skip
    return {"type": "FeatureCollection", "features": feats}


def arrow_table(rows: list[dict[str, Any]]) -> Any:
    """The rows as a pyarrow Table with typed columns (date32, nullable int64, float64)."""
    import pyarrow as pa

    fields = []
    for c in COLUMNS:
        if c in DATE_COLUMNS:
            t = pa.date32()
        elif c in INT_COLUMNS:
            t = pa.int64()
        elif c in FLOAT_COLUMNS:
            t = pa.float64()
        else:
            t = pa.string()
        fields.append(pa.field(c, t, nullable=True))
    schema = pa.schema(fields)
    data = {c: [] for c in COLUMNS}  # type: dict[str, list[Any]]
    for r in rows:
        flat = _flat(r)
        flat["event_date"] = r["event_date"]
        for c in COLUMNS:
            data[c].append(flat[c])
    return pa.Table.from_pydict(data, schema=schema)


def export_events(
    store: Store,
    fmt: str,
    out: str | Path | IO[Any] | None = None,
    since: date | str | None = None,
    until: date | str | None = None,
    actor: str | None = None,
    event_type: str | None = None,
    merged: bool = True,
    cfg: FuseConfig | None = None,
    ids: Iterable[str] | None = None,
    reviews: bool = True,
) -> int:
    """Write the events in `fmt` to a path or an open stream (None = stdout). Returns rows written.

    Text formats take text or binary streams; parquet takes a path or a binary stream.
    """
    if fmt not in FORMATS:
        raise InputError(f"unknown export format '{fmt}' (choose one of {', '.join(FORMATS)})")
    rows = event_rows(store, since, until, actor, event_type, merged, cfg, ids, reviews)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        if out is None:
            raise InputError("parquet export needs an output path or binary stream")
        if isinstance(out, (str, Path)):
            path = _out_path(out)
            try:
                pq.write_table(arrow_table(rows), str(path))
            except OSError as exc:
                raise InputError(f"--out {out}: cannot write: {exc.strerror or exc}") from exc
        else:
            pq.write_table(arrow_table(rows), out)
        return len(rows)
    buf = io.StringIO()
    if fmt == "acled-csv":
        _write_csv(rows, buf)
    elif fmt == "jsonl":
        _write_jsonl(rows, buf)
    else:
        json.dump(geojson(rows), buf, ensure_ascii=False)
        buf.write("\n")
    _emit(buf.getvalue(), out)
    return len(rows)


def _out_path(out: str | Path) -> Path:
    """The output file, its missing parent folders created; a folder that cannot be made is one clear error."""
    path = Path(out)
    if path.is_dir():
        raise InputError(f"--out {out}: is a directory; give a file name")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"--out {out}: cannot create folder {path.parent}: {exc.strerror or exc}") from exc
    return path


def _emit(text: str, out: str | Path | IO[Any] | None) -> None:
    if out is None:
        sys.stdout.write(text)
    elif isinstance(out, (str, Path)):
        path = _out_path(out)
        try:
            path.write_text(text, encoding="utf-8", newline="")
        except OSError as exc:
            raise InputError(f"--out {out}: cannot write: {exc.strerror or exc}") from exc
    elif isinstance(out, io.TextIOBase):
        out.write(text)
    else:
        out.write(text.encode("utf-8"))


def formats() -> Iterable[str]:
    return FORMATS
