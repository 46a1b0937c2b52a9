"""Summaries behind the dashboard: the actor graph, the timeline's statistics and the filter menus.

Why apart from queries.py: these aggregate over the filtered events (group-bys)
where queries.py fetches rows; both read through the same filter SQL
(`queries._where`) so every view agrees on what the filters select.
"""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from typing import Any

from sitrep.web.queries import MERGED, CountCache, EventFilters, _has_table, _where, pick_level


# -- actor graph --------------------------------------------------------------------


def _edge_type_rule():
    """Event type -> edge type (fought, attacked, ...) as the CLI's graph names them, when available."""
    try:
        from sitrep.graph.relations import load_relation_rules

        return load_relation_rules().edge_type
    except Exception:  # noqa: BLE001 - without the rules file an edge is named by its event type
        return lambda event_type, sub_event_type: event_type


def actor_graph(conn: sqlite3.Connection, f: EventFilters, *, max_nodes: int, level: str = "auto") -> dict[str, Any]:
    """Actors as nodes; edges from events (actor1 -> actor2, typed as the CLI's graph types them)
    plus, when ``actor_relations`` exists, relations stated in article text (backed_by, member_of...).

    Event edges honour every filter. Stated relations honour the date range and the
    outlet (of the page that states them); they are left out when the filters ask
    for an actor, event type or certainty, which a statement does not carry.
    """
    lv = pick_level(conn, level)
    a = lv.alias
    where, args = _where(lv, f)
    both = f"{a}.actor1 IS NOT NULL AND {a}.actor2 IS NOT NULL AND {a}.actor1 != {a}.actor2"
    w = f"{where} AND {both}" if where else f" WHERE {both}"
    edge_type = _edge_type_rule()
    edges: dict[tuple[str, str, str, str], int] = {}
    for src, dst, et, st, n in conn.execute(
        f"SELECT {a}.actor1, {a}.actor2, {a}.event_type, {a}.sub_event_type, count(*) FROM {lv.table} {a}{w}"
        " GROUP BY 1, 2, 3, 4",
        args,
    ):
        rel = edge_type(et, st)
        if rel is None:
            continue
        key = (src, dst, rel, "event")
        edges[key] = edges.get(key, 0) + int(n)
    sources = ["events"]
    if _has_table(conn, "actor_relations") and not (f.event_type or f.sub_event_type or f.certainty or f.actor):
        sources.append("actor_relations")
        clauses, rargs = ["r.src != r.dst"], []
        if f.since:
            clauses.append("r.date >= ?")
            rargs.append(f.since.isoformat())
        if f.until:
            clauses.append("r.date <= ?")
            rargs.append(f.until.isoformat())
        if f.outlet:
            clauses.append("EXISTS (SELECT 1 FROM documents d WHERE d.doc_id = r.doc_id AND d.source = ?)")
            rargs.append(f.outlet)
        for src, dst, rel, n in conn.execute(
            f"SELECT r.src, r.dst, r.type, count(*) FROM actor_relations r WHERE {' AND '.join(clauses)}"
            " GROUP BY 1, 2, 3",
            rargs,
        ):
            key = (src, dst, rel, "stated")
            edges[key] = edges.get(key, 0) + int(n)
    degree: dict[str, int] = {}
    for (src, dst, _, _), n in edges.items():
        degree[src] = degree.get(src, 0) + n
        degree[dst] = degree.get(dst, 0) + n
    counts: dict[str, int] = {}  # events an actor appears in: the node size
    for col in ("actor1", "actor2"):
        cond = f"{a}.{col} IS NOT NULL"
        wc = f"{where} AND {cond}" if where else f" WHERE {cond}"
        for name, n in conn.execute(f"SELECT {a}.{col}, count(*) FROM {lv.table} {a}{wc} GROUP BY 1", args):
            counts[name] = counts.get(name, 0) + int(n)
    names = sorted(set(degree) | set(counts), key=lambda n: (-(counts.get(n, 0) + degree.get(n, 0)), n))[:max_nodes]
    keep = set(names)
    inter: dict[str, tuple[int, int]] = {}  # actor -> (events, inter code) of its most frequent code
    for col in ("1", "2"):
        cond = f"{a}.actor{col} IS NOT NULL AND {a}.inter{col} IS NOT NULL"
        wc = f"{where} AND {cond}" if where else f" WHERE {cond}"
        for name, code, n in conn.execute(
            f"SELECT {a}.actor{col}, {a}.inter{col}, count(*) FROM {lv.table} {a}{wc} GROUP BY 1, 2", args
        ):
            if name not in inter or n > inter[name][0]:
                inter[name] = (int(n), int(code))
    return {
        "source": "+".join(sources),
        "nodes": [{"id": n, "label": n, "events": counts.get(n, 0), "degree": degree.get(n, 0),
                   "inter": inter[n][1] if n in inter else None} for n in names],
        "edges": [
            {"source": s, "target": t, "relation": r, "kind": k, "weight": n}
            for (s, t, r, k), n in sorted(edges.items(), key=lambda kv: (-kv[1], kv[0]))
            if s in keep and t in keep
        ],
    }


# -- stats --------------------------------------------------------------------------


def store_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows in the store: documents, comments, reports, merged events and reports not fused yet."""
    counts = {t: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0])
              for t in ("documents", "comments", "events")}  # fmt: skip
    counts["reports"] = counts.pop("events")
    counts["merged_events"] = (
        int(conn.execute("SELECT count(*) FROM merged_events").fetchone()[0]) if _has_table(conn, "merged_events") else 0
    )
    # reports written after the last fusion are not in merged_events yet (ingest fuses at its end)
    counts["unfused_reports"] = int(conn.execute(
        "SELECT count(*) FROM event_sources es"
        " WHERE NOT EXISTS (SELECT 1 FROM merged_events m WHERE m.merged_id = es.merged_id)"
    ).fetchone()[0]) if counts["merged_events"] else 0  # fmt: skip
    return counts


def stats(conn: sqlite3.Connection, f: EventFilters, *, bin: str, level: str = "auto",
          cache: CountCache | None = None) -> dict[str, Any]:  # fmt: skip
    lv = pick_level(conn, level)
    a = lv.alias
    where, args = _where(lv, f)
    frm = f"FROM {lv.table} {a}{where}"
    n, lo, hi = conn.execute(f"SELECT count(*), min({a}.event_date), max({a}.event_date) {frm}", args).fetchone()
    counts = dict(cache.memo(conn, ("store_counts",), lambda: store_counts(conn)) if cache else store_counts(conn))
    counts["matching"] = int(n)
    if bin == "auto":
        span = (date.fromisoformat(hi) - date.fromisoformat(lo)).days if lo and hi else 0
        bin = "day" if span <= 120 else "week" if span <= 3 * 365 else "month"
    by_day = conn.execute(
        f"SELECT {a}.event_date, {a}.event_type, count(*), sum({a}.fatalities) {frm}"
        f"{' AND' if where else ' WHERE'} {a}.event_date IS NOT NULL GROUP BY 1, 2 ORDER BY 1",
        args,
    ).fetchall()
    hist: dict[str, dict[str, Any]] = {}
    for d, et, c, fat in by_day:
        try:
            day = date.fromisoformat(d)
        except (TypeError, ValueError):
            continue
        if bin == "day":
            key = day
        elif bin == "week":
            key = day - timedelta(days=day.weekday())
        else:
            key = day.replace(day=1)
        h = hist.setdefault(key.isoformat(), {"count": 0, "fatalities": 0, "by_type": {}})
        h["count"] += int(c)
        h["fatalities"] += int(fat or 0)
        h["by_type"][et] = h["by_type"].get(et, 0) + int(c)
    by_type = [{"event_type": r[0], "count": int(r[1])}
               for r in conn.execute(f"SELECT {a}.event_type, count(*) {frm} GROUP BY 1 ORDER BY 2 DESC, 1", args)]
    return {
        "level": lv.name, "counts": counts, "date_range": {"min": lo, "max": hi}, "bin": bin,
        "histogram": [{"start": k, **v} for k, v in sorted(hist.items())],
        "by_event_type": by_type,
    }  # fmt: skip


def facets(conn: sqlite3.Connection, *, level: str = "auto", max_values: int = 300) -> dict[str, Any]:
    """The values the page's filter menus offer."""
    lv = pick_level(conn, level)
    a, t = lv.alias, lv.table

    def values(sql: str) -> list[str]:
        return [r[0] for r in conn.execute(sql) if r[0] is not None]

    actors = values(
        f"SELECT actor, sum(n) FROM (SELECT {a}.actor1 AS actor, count(*) AS n FROM {t} {a} GROUP BY 1"
        f" UNION ALL SELECT {a}.actor2, count(*) FROM {t} {a} GROUP BY 1)"
        f" WHERE actor IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT {int(max_values)}"
    )
    certainties = values(f"SELECT DISTINCT {a}.{lv.certainty_col} FROM {t} {a} ORDER BY 1")
    if lv is MERGED:
        certainties += [c for c in values("SELECT DISTINCT certainty FROM event_sources ORDER BY 1") if c not in certainties]
    return {
        "level": lv.name,
        "actors": sorted(actors),
        "event_types": values(f"SELECT DISTINCT {a}.event_type FROM {t} {a} ORDER BY 1"),
        "sub_event_types": values(f"SELECT DISTINCT {a}.sub_event_type FROM {t} {a} ORDER BY 1"),
        "certainties": certainties,
        # the two status vocabularies apart: what articles say, and fusion's verdict
        "claim_statuses": values("SELECT DISTINCT certainty FROM events ORDER BY 1"),
        "corroborations": values("SELECT DISTINCT fusion_certainty FROM merged_events ORDER BY 1")
        if _has_table(conn, "merged_events") else [],
        "inters": sorted({int(r[0]) for r in conn.execute(
            f"SELECT DISTINCT {a}.inter1 FROM {t} {a} UNION SELECT DISTINCT {a}.inter2 FROM {t} {a}") if r[0] is not None}),
        "outlets": values("SELECT DISTINCT source FROM events ORDER BY 1"),
    }
