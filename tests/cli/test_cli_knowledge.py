"""The knowledge verbs end to end through the CLI (own spellings, not seed strings)."""

from __future__ import annotations

import json
import unicodedata

from typer.testing import CliRunner

from sitrep.cli import app

runner = CliRunner()


def test_resolve_actor_unit_rolls_up_to_state_military():
    r = runner.invoke(app, ["resolve-actor", "the Russian special forces"])
    assert r.exit_code == 0
    data = json.loads(r.output)
    # the document country defaults to Syria: Russia's forces there are External/Other Forces (8)
    assert data["id"] == "military-russia" and data["inter"] == 8 and data["reason"] == "unit"
    home = json.loads(runner.invoke(app, ["resolve-actor", "the Russian special forces", "--country", "RU"]).output)
    assert home["inter"] == 1


def test_resolve_actor_generic_word_is_unidentified():
    r = runner.invoke(app, ["resolve-actor", "armed men"])
    data = json.loads(r.output)
    assert data["generic"] is True and data["actor"] == "Unidentified Armed Group (Syria)"


def test_geocode_json_gives_precision_and_admin_areas():
    r = runner.invoke(app, ["geocode", "on the outskirts of Saraqeb", "--format", "json"])
    assert r.exit_code == 0
    best = json.loads(r.output)[0]
    ascii_name = unicodedata.normalize("NFKD", best["name"]).encode("ascii", "ignore").decode()
    assert ascii_name == "Saraqib" and best["admin1"] == "Idleb" and best["geo_precision"] == 2


def test_geocode_unknown_place_exits_nonzero():
    r = runner.invoke(app, ["geocode", "Qqqxzv Wwwyt"])
    assert r.exit_code == 1 and "no place found" in r.output


def test_actors_search_finds_by_acronym():
    r = runner.invoke(app, ["actors", "SDF", "--format", "json"])
    assert r.exit_code == 0
    assert "Syrian Democratic Forces" in [a["name"] for a in json.loads(r.output)]
