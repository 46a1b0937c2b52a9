"""The dated, typed actor graph: who fought, attacked, arrested, backed whom.

Nodes are canonical actor names (attributes: ``inter``, ``actor_id`` when
known). Edges are keyed by type, one edge per (source, target, type), with:

* ``count``    events (distinct after fusion: reports merged into one event count
               once) or stated relations behind the edge;
* ``months``   ``{"YYYY-MM": count}``; undated items are left out of it;
* ``first_date`` / ``last_date`` ISO dates, or None;
* ``origin``   ``{"event": n, "text": m}``: how many came from events, how many
               from relations stated in article text;
* ``evidence`` list of ``{doc_id, start, end, text, date, event_id}`` spans.

Event edges: the event type mapping in ``data/relations.yaml`` (Battles ->
fought, Explosions/Remote violence and Violence against civilians -> attacked,
Arrests -> arrested, Agreement -> negotiated_with), from actor1 to actor2;
events without both actors add no edge. Relation edges come from the
``actor_relations`` table (`sitrep.graph.store.index_relations` fills it).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx

from sitrep.graph.relations import load_relation_rules
from sitrep.graph.store import load_relations
from sitrep.store.db import Store

EVIDENCE_FIELDS = ("sentence", "trigger")  # the event evidence span shown on an edge, first found


def _as_date(since: date | str | None) -> date | None:
    if since is None or isinstance(since, date):
        return since
    return date.fromisoformat(since)


def _add_node(g: nx.MultiDiGraph, name: str, inter: int | None, actor_id: str | None = None) -> None:
    if name not in g:
        g.add_node(name, name=name, inter=inter, actor_id=actor_id)
        return
    node = g.nodes[name]
    if node.get("inter") is None and inter is not None:
        node["inter"] = inter
    if node.get("actor_id") is None and actor_id is not None:
        node["actor_id"] = actor_id


def _add_edge(g: nx.MultiDiGraph, src: str, dst: str, etype: str, when: str | None, unit: str | None,
              origin: str, evidence: dict[str, Any] | None) -> None:  # fmt: skip
    if not g.has_edge(src, dst, key=etype):
        g.add_edge(src, dst, key=etype, type=etype, count=0, months={}, first_date=None, last_date=None,
                   origin={"event": 0, "text": 0}, evidence=[], _units=set())  # fmt: skip
    e = g.edges[src, dst, etype]
    if evidence is not None:
        e["evidence"].append(evidence)
    if unit is not None and unit in e["_units"]:
        return  # another report of an event already counted
    if unit is not None:
        e["_units"].add(unit)
    e["count"] += 1
    e["origin"][origin] += 1
    if when:
        month = when[:7]
        e["months"][month] = e["months"].get(month, 0) + 1
        e["first_date"] = min(filter(None, (e["first_date"], when)))
        e["last_date"] = max(filter(None, (e["last_date"], when)))


def build_graph(store: Store, since: date | str | None = None) -> nx.MultiDiGraph:
    """The actor graph from the store's events and stated relations.

    With `since`, only events and relations dated on or after it (undated ones
    are left out).
    """
    since_d = _as_date(since)
    rules = load_relation_rules()
    g: nx.MultiDiGraph = nx.MultiDiGraph()
    sql = (
        "SELECT e.event_id, e.doc_id, e.event_date, e.event_type, e.sub_event_type, e.actor1, e.inter1,"
        " e.actor2, e.inter2, COALESCE((SELECT min(s.merged_id) FROM event_sources s"
        " WHERE s.event_id = e.event_id), e.event_id) AS unit FROM events e"
        " WHERE e.actor1 IS NOT NULL AND e.actor2 IS NOT NULL"
    )
    args: tuple[Any, ...] = ()
    if since_d is not None:
        sql += " AND e.event_date >= ?"
        args = (since_d.isoformat(),)
    rows = [dict(r) for r in store.conn.execute(sql + " ORDER BY e.event_date, e.event_id", args)]
    evidence = store.evidence(r["event_id"] for r in rows)
    for r in rows:
        etype = rules.edge_type(r["event_type"], r["sub_event_type"])
        if etype is None or r["actor1"] == r["actor2"]:
            continue
        _add_node(g, r["actor1"], r["inter1"])
        _add_node(g, r["actor2"], r["inter2"])
        ev = None
        spans = {e.field: e for e in evidence.get(r["event_id"], [])}
        for fld in EVIDENCE_FIELDS:
            if fld in spans:
                sp = spans[fld]
                ev = {"doc_id": r["doc_id"], "start": sp.start, "end": sp.end, "text": sp.text,
                      "date": r["event_date"], "event_id": r["event_id"]}  # fmt: skip
                break
        if ev is None:
            ev = {"doc_id": r["doc_id"], "start": None, "end": None, "text": None, "date": r["event_date"],
                  "event_id": r["event_id"]}  # fmt: skip
        _add_edge(g, r["actor1"], r["actor2"], etype, r["event_date"], "event:" + r["unit"], "event", ev)
    for rel in load_relations(store, since_d):
        _add_node(g, rel["src"], rel["src_inter"], rel["src_id"])
        _add_node(g, rel["dst"], rel["dst_inter"], rel["dst_id"])
        ev = {"doc_id": rel["doc_id"], "start": rel["start"], "end": rel["end"], "text": rel["text"],
              "date": rel["date"], "event_id": None}  # fmt: skip
        _add_edge(g, rel["src"], rel["dst"], rel["type"], rel["date"], None, "text", ev)
    for _, _, data in g.edges(data=True):
        data.pop("_units", None)
        data["months"] = dict(sorted(data["months"].items()))
    return g


def graph_to_json(g: nx.MultiDiGraph) -> dict[str, Any]:
    """Plain data: ``{"nodes": [...], "edges": [...]}`` with evidence, sorted."""
    nodes = [{"id": n, **{k: v for k, v in d.items()}} for n, d in sorted(g.nodes(data=True))]
    edges = [
        {"source": u, "target": v, **{k: d[k] for k in sorted(d)}}
        for u, v, _, d in sorted(g.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    ]
    return {"nodes": nodes, "edges": edges}


def _scalar(value: Any) -> Any:
    if isinstance(value, (list, dict, tuple, set)):
        return json.dumps(sorted(value) if isinstance(value, set) else value, ensure_ascii=False, sort_keys=True)
    return value


def write_graphml(g: nx.MultiDiGraph, path: str | Path) -> None:
    """GraphML with scalar attributes: lists and dicts become JSON strings, None is left out."""
    out: nx.MultiDiGraph = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        out.add_node(n, **{k: _scalar(v) for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        out.add_edge(u, v, key=k, **{a: _scalar(b) for a, b in d.items() if b is not None})
    nx.write_graphml(out, str(path))


def read_graphml(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph `write_graphml` wrote, decoding the JSON attributes back."""
    g = nx.read_graphml(str(path), force_multigraph=True)
    for _, _, d in g.edges(data=True):
        for k in ("months", "origin", "evidence"):
            if isinstance(d.get(k), str):
                d[k] = json.loads(d[k])
    return g
