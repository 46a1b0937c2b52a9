"""Actor graph: stated relations, event edges with monthly counts, JSON, GraphML."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import networkx as nx
import pytest

from sitrep.graph import (
    build_graph,
    extract_relations,
    graph_to_json,
    index_relations,
    read_graphml,
    write_graphml,
)
from sitrep.records import DocMeta, Document, Event, Evidence, Segmentation, TextSpan
from sitrep.store.db import Store


@dataclass(frozen=True)
class Match:
    actor_id: str
    name: str
    inter: int
    country: str | None
    reason: str
    generic: bool = False


class StandIn:
    """A tiny resolver with the ActorResolver.resolve signature."""

    TABLE = {
        "turkey": Match("tr", "Turkey", 8, "TR", "alias"),
        "turkish forces": Match("tr", "Turkey", 8, "TR", "demonym"),
        "russia": Match("ru", "Russia", 8, "RU", "alias"),
        "the northern brigade": Match("nb", "Northern Brigade", 2, "SY", "alias"),
        "northern brigade": Match("nb", "Northern Brigade", 2, "SY", "alias"),
        "river front": Match("rf", "River Front", 2, "SY", "alias"),
        "the river front": Match("rf", "River Front", 2, "SY", "alias"),
        "hill battalion": Match("hb", "Hill Battalion", 2, "SY", "alias"),
        "dawn legion": Match("dl", "Dawn Legion", 2, "SY", "alias"),
        "fighters": Match("uag", "Unidentified Armed Group (Syria)", 3, "SY", "generic", True),
    }

    def resolve(self, text: str, context: object = None) -> Match | None:
        return self.TABLE.get(text.lower().strip())


def make_doc(paragraphs: list[str], doc_id: str = "d1", published: date | None = date(2020, 3, 2)) -> Document:
    text = "Title\n\n" + "\n\n".join(paragraphs)
    body, pos = [], 0
    for p in paragraphs:
        i = text.index(p, pos)
        body.append(TextSpan(i, i + len(p), p))
        pos = i + len(p)
    seg = Segmentation(title=TextSpan(0, 5, "Title"), body=body)
    return Document(doc_id, doc_id + ".txt", doc_id + ".txt", text, DocMeta(published=published), seg)


def test_turkish_backed_is_backed_by_turkey() -> None:
    doc = make_doc(["Overnight the Turkish-backed Northern Brigade took a hill near the river."])
    rels = extract_relations(doc, StandIn())
    assert [(r.src, r.type, r.dst) for r in rels] == [("Northern Brigade", "backed_by", "Turkey")]
    r = rels[0]
    assert doc.text[r.start : r.end] == r.text == doc.segmentation.body[0].text
    assert r.date == date(2020, 3, 2)
    assert r.doc_id == "d1"


def test_member_group_of_coalition() -> None:
    doc = make_doc(["Yesterday Hill Battalion, a member group of the River Front coalition, withdrew."])
    rels = extract_relations(doc, StandIn())
    assert [(r.src, r.type, r.dst) for r in rels] == [("Hill Battalion", "member_of", "River Front")]


def test_backed_by_affiliated_and_coalition_list() -> None:
    doc = make_doc([
        "The Northern Brigade, backed by Russia, held the road. Dawn Legion, affiliated with the River Front, stayed.",
        "The River Front, a coalition of Hill Battalion, Dawn Legion and Northern Brigade, issued a statement.",
    ])  # fmt: skip
    got = sorted((r.src, r.type, r.dst) for r in extract_relations(doc, StandIn()))
    assert got == [
        ("Dawn Legion", "allied_with", "River Front"),
        ("Dawn Legion", "member_of", "River Front"),
        ("Hill Battalion", "member_of", "River Front"),
        ("Northern Brigade", "backed_by", "Russia"),
        ("Northern Brigade", "member_of", "River Front"),
    ]


def test_generic_sides_are_dropped_unless_asked() -> None:
    doc = make_doc(["Turkish-backed fighters entered the town."])
    assert extract_relations(doc, StandIn()) == []
    kept = extract_relations(doc, StandIn(), keep_generic=True)
    assert [(r.src, r.type, r.dst) for r in kept] == [("Unidentified Armed Group (Syria)", "backed_by", "Turkey")]


def test_unknown_actors_give_no_relation() -> None:
    doc = make_doc(["The Green Group, backed by Mars, said so."])
    assert extract_relations(doc, StandIn()) == []


def _event(eid: str, day: date | None, etype: str, sub: str, a1: str, a2: str | None, doc_id: str = "d1") -> Event:
    return Event(eid, doc_id, day, 1, etype, sub, a1, 2, actor2=a2, inter2=2,
                 evidence=[Evidence("sentence", 7, 12, "Title")])  # fmt: skip


def _store_with_events(tmp_path) -> Store:
    doc = make_doc(["Hill Battalion, a member group of the River Front coalition, fought Dawn Legion."])
    events = [
        _event("e1", date(2020, 1, 5), "Battles", "Armed clash", "Hill Battalion", "Dawn Legion"),
        _event("e2", date(2020, 1, 20), "Battles", "Armed clash", "Hill Battalion", "Dawn Legion"),
        _event("e3", date(2020, 2, 3), "Battles", "Armed clash", "Hill Battalion", "Dawn Legion"),
        _event("e4", date(2020, 2, 9), "Explosions/Remote violence", "Shelling/artillery/missile attack",
               "Dawn Legion", "Hill Battalion"),
        _event("e5", date(2020, 2, 10), "Strategic developments", "Arrests", "Dawn Legion", "Northern Brigade"),
        _event("e6", date(2020, 2, 11), "Strategic developments", "Agreement", "Dawn Legion", "Hill Battalion"),
        _event("e7", date(2020, 2, 12), "Battles", "Armed clash", "Dawn Legion", None),
        _event("e8", date(2020, 2, 13), "Protests", "Peaceful protest", "Dawn Legion", "Hill Battalion"),
    ]  # fmt: skip
    store = Store(tmp_path / "g.db")
    store.write_batch([(doc, events, [])])
    assert index_relations(store, StandIn()) == 1
    return store


def test_events_become_typed_edges_with_monthly_counts(tmp_path) -> None:
    with _store_with_events(tmp_path) as store:
        g = build_graph(store)
        assert isinstance(g, nx.MultiDiGraph)
        fought = g.edges["Hill Battalion", "Dawn Legion", "fought"]
        assert fought["count"] == 3
        assert fought["months"] == {"2020-01": 2, "2020-02": 1}
        assert (fought["first_date"], fought["last_date"]) == ("2020-01-05", "2020-02-03")
        assert fought["origin"] == {"event": 3, "text": 0}
        assert [e["event_id"] for e in fought["evidence"]] == ["e1", "e2", "e3"]
        assert g.edges["Dawn Legion", "Hill Battalion", "attacked"]["count"] == 1
        assert g.edges["Dawn Legion", "Northern Brigade", "arrested"]["count"] == 1
        assert g.edges["Dawn Legion", "Hill Battalion", "negotiated_with"]["count"] == 1
        member = g.edges["Hill Battalion", "River Front", "member_of"]
        assert member["origin"] == {"event": 0, "text": 1}
        assert member["months"] == {"2020-03": 1}
        assert member["evidence"][0]["doc_id"] == "d1"
        assert g.nodes["River Front"]["actor_id"] == "rf"
        assert sorted(k for _, _, k in g.edges(keys=True)) == [
            "arrested", "attacked", "fought", "member_of", "negotiated_with",
        ]  # fmt: skip


def test_since_filters_events_and_relations(tmp_path) -> None:
    with _store_with_events(tmp_path) as store:
        g = build_graph(store, since="2020-02-01")
        assert g.edges["Hill Battalion", "Dawn Legion", "fought"]["months"] == {"2020-02": 1}
        assert g.has_edge("Hill Battalion", "River Front", "member_of")
        g2 = build_graph(store, since=date(2020, 4, 1))
        assert g2.number_of_edges() == 0


def test_merged_reports_count_once(tmp_path) -> None:
    with _store_with_events(tmp_path) as store:
        store.conn.execute("UPDATE event_sources SET merged_id = 'm1' WHERE event_id IN ('e1', 'e2')")
        fought = build_graph(store).edges["Hill Battalion", "Dawn Legion", "fought"]
        assert fought["count"] == 2
        assert len(fought["evidence"]) == 3


def test_json_and_graphml_round_trip(tmp_path) -> None:
    with _store_with_events(tmp_path) as store:
        g = build_graph(store)
    data = graph_to_json(g)
    assert [n["id"] for n in data["nodes"]] == ["Dawn Legion", "Hill Battalion", "Northern Brigade", "River Front"]
    assert len(data["edges"]) == 5
    path = tmp_path / "g.graphml"
    write_graphml(g, path)
    raw = nx.read_graphml(path, force_multigraph=True)
    assert sorted(raw.nodes) == sorted(g.nodes)
    assert raw.number_of_edges() == g.number_of_edges()
    back = read_graphml(path)
    e = back.edges["Hill Battalion", "Dawn Legion", "fought"]
    assert e["count"] == 3 and e["months"] == {"2020-01": 2, "2020-02": 1}
    assert [x["event_id"] for x in e["evidence"]] == ["e1", "e2", "e3"]
    assert back.nodes["River Front"]["actor_id"] == "rf"


def test_real_resolver_turkish_backed() -> None:
    actors = pytest.importorskip("sitrep.knowledge.actors")
    resolver = actors.ActorResolver(actors.load_ontology())
    doc = make_doc(["The Turkish-backed Syrian National Army moved two convoys north of the town."])
    rels = extract_relations(doc, resolver)
    assert [(r.type, r.dst_id) for r in rels] == [("backed_by", resolver.resolve("Turkey").actor_id)]
    assert rels[0].dst_id is not None and "Turkey" in rels[0].dst
