"""`comments`, `authors` and `actors --graph` over a store ingested from our own page."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()

PAGE = """Turkish-backed Faylaq al-Sham Holds Talks In Afrin

Local councils in the Afrin region met on Monday to discuss water supplies for the coming summer months.

The Turkish-backed Faylaq al-Sham faction sent two officers to the meeting, according to residents of the town.

Observers said the talks ended without an agreement and that a second round would be held next week.

2 comments

Karim Haddad

They shelled the market in Jandaris yesterday, I saw the smoke myself.

Lena Voss

You are a filthy liar and an idiot.
"""


@pytest.fixture()
def db(tmp_path):
    page = tmp_path / "afrin_talks.txt"
    page.write_text(PAGE, encoding="utf-8")
    path = tmp_path / "s.db"
    r = runner.invoke(app, ["ingest", str(page), "--db", str(path), "--no-events", "--published", "2021-04-12"])
    assert r.exit_code == 0, r.output
    return path


def test_comments_json_keeps_rumours_apart_and_flags_abuse(db):
    r = runner.invoke(app, ["comments", "afrin_talks.txt", "--db", str(db), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    by_author = {c["author"]: c for c in data["comments"]}
    assert set(by_author) == {"Karim Haddad", "Lena Voss"}
    assert by_author["Lena Voss"]["toxic"] is True and "insult" in by_author["Lena Voss"]["flags"]
    assert by_author["Karim Haddad"]["toxicity"] < by_author["Lena Voss"]["toxicity"]
    claims = [cl for c in data["comments"] for cl in c["claims"]]
    assert [(cl["comment_idx"], cl["kind"]) for cl in claims] == [(0, "rumour")]  # from a comment, never an event
    r2 = runner.invoke(app, ["events", "--db", str(db), "--format", "jsonl"])
    assert r2.output.strip() == ""  # a rumour in a comment is never an event


def test_authors_summary(db):
    r = runner.invoke(app, ["authors", "Lena Voss", "--db", str(db), "--format", "json"])
    rows = json.loads(r.output)
    assert [(x["author"], x["comments"], x["pages"], x["toxic_comments"]) for x in rows] == [("Lena Voss", 1, 1, 1)]


def test_actor_graph_json_and_graphml(db, tmp_path):
    r = runner.invoke(app, ["actors", "--graph", "--db", str(db)])
    assert r.exit_code == 0, r.output
    edges = json.loads(r.output)["edges"]
    backed = [e for e in edges if e["type"] == "backed_by"]
    assert [(e["source"], e["target"]) for e in backed] == [("Al Sham Corps", "Military Forces of Turkey (2016-)")]
    out = tmp_path / "g.graphml"
    r = runner.invoke(app, ["actors", "--graph", "--format", "graphml", "--out", str(out), "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert nx.read_graphml(out).number_of_edges() == len(edges)


def test_actor_graph_graphml_needs_out(db):
    r = runner.invoke(app, ["actors", "--graph", "--format", "graphml", "--db", str(db)])
    assert r.exit_code != 0
