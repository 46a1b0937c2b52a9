"""Ontology loader: shipped data is valid, affiliations are present, broken files fail clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import DataFileError, NotFound
from sitrep.knowledge.ontology import load_ontology


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_shipped_ontology_loads(onto):
    assert len(onto) >= 100
    for a in onto:
        assert 1 <= a.inter <= 8
    assert onto.get("military-syria").name == "Military Forces of Syria (2000-)"
    assert onto.get("unidentified-armed-group-syria").inter == 3


def test_hts_successor_chain(onto):
    assert onto.chain("hts") == ["jabhat-fatah-al-sham", "jabhat-al-nusra"]
    aff = onto.affiliations("hts", "successor_of")[0]
    assert (aff.target, aff.start.isoformat()) == ("jabhat-fatah-al-sham", "2017-01-28")


def test_sna_backed_by_turkey_and_factions(onto):
    assert [a.target for a in onto.affiliations("sna", "backed_by")] == ["military-turkey"]
    assert {"sultan-murad-division", "hamza-division", "suleyman-shah-brigade", "nfl"} <= set(onto.members("sna"))


def test_ypg_member_of_sdf_and_jihadist_rooms(onto):
    assert [a.target for a in onto.affiliations("ypg", "member_of")] == ["sdf"]
    assert {a.target for a in onto.affiliations("hurras-al-din", "member_of")} == {"fa-ithbatu", "wa-harid-al-muminin"}
    assert {"ahrar-al-sham", "faylaq-al-sham", "suqur-al-sham"} <= set(onto.members("nfl"))


def test_get_unknown_raises(onto):
    with pytest.raises(NotFound):
        onto.get("no-such-actor")


LEXICON = """
countries:
  SY: {name: Syria, demonyms: [Syrian], names: [Syria]}
generic_roles:
  armed-group: {name: "Unidentified Armed Group ({country})", inter: 3}
generic:
  militants: armed-group
"""


def _write(tmp_path: Path, actors: str) -> Path:
    (tmp_path / "a_lexicon.yaml").write_text(LEXICON, encoding="utf-8")
    p = tmp_path / "b_actors.yaml"
    p.write_text(actors, encoding="utf-8")
    return p


def test_minimal_folder_loads(tmp_path):
    _write(tmp_path, "actors:\n  - {id: foo, name: Foo Front, inter: 2, country: SY, aliases: [Foo]}\n")
    onto = load_ontology(tmp_path)
    assert sorted(onto.actors) == ["foo", "unidentified-armed-group-syria"]


@pytest.mark.parametrize(
    "actors,expected",
    [
        ("actors:\n  - {id: foo, name: Foo, inter: 9, country: SY}\n",
         "actor 'foo': field 'inter': must be an ACLED code 1..8, got 9"),
        ("actors:\n  - {id: foo, inter: 2, country: SY}\n",
         "actor 'foo': field 'name': missing (required)"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2}\n",
         "actor 'foo': field 'country': missing (required)"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2, country: Syria}\n",
         "actor 'foo': field 'country': must be an ISO2 code like SY or null, got 'Syria'"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2, country: SY}\n  - {id: foo, name: Bar, inter: 2, country: SY}\n",
         "actor 'foo': field 'id': duplicate id (also in {path})"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2, country: SY, affiliations: [{type: member_of, target: nope, source: x}]}\n",
         "actor 'foo': field 'affiliations[0].target': unknown actor id 'nope'"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2, country: SY, affiliations: [{type: friend_of, target: foo, source: x}]}\n",
         "actor 'foo': field 'affiliations[0].type': must be one of member_of, backed_by, successor_of, allied_with, got 'friend_of'"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2, country: SY, aliases: [Twin]}\n"
         "  - {id: bar, name: Bar, inter: 2, country: SY, aliases: [twin]}\n",
         "actor 'bar': field 'aliases': 'twin' already names actor 'foo' ({path}); "
         "list it under `ambiguous` with contexts if both are meant"),
        ("actors:\n  - {id: foo, name: Foo, inter: 2, country: SY, colour: red}\n",
         "actor 'foo': field 'colour': unknown field"),
    ],
)
def test_broken_actor_file_names_file_actor_and_field(tmp_path, actors, expected):
    p = _write(tmp_path, actors)
    with pytest.raises(DataFileError) as exc:
        load_ontology(tmp_path)
    assert exc.value.message == f"{p}: " + expected.format(path=p)
    assert str(exc.value).startswith("error[E003]: ")


def test_ambiguous_alias_is_allowed_when_declared(tmp_path):
    _write(tmp_path, "actors:\n  - {id: foo, name: Foo, inter: 2, country: SY}\n  - {id: bar, name: Bar, inter: 2, country: YE}\n"
                     "ambiguous:\n  - {aliases: [Twin], contexts: {SY: foo}, default: bar}\n")
    onto = load_ontology(tmp_path)
    assert onto.ambiguous[0].pick("SY") == "foo" and onto.ambiguous[0].pick(None) == "bar"


def test_bad_yaml_syntax_names_file_and_line(tmp_path):
    p = _write(tmp_path, "actors:\n  - {id: foo, name: [unclosed\n")
    with pytest.raises(DataFileError) as exc:
        load_ontology(tmp_path)
    assert exc.value.message.startswith(f"{p}: line ")
    assert "not valid YAML" in exc.value.message


def test_missing_path(tmp_path):
    with pytest.raises(DataFileError) as exc:
        load_ontology(tmp_path / "nope.yaml")
    assert exc.value.message == f"{tmp_path / 'nope.yaml'}: actor data file not found"
