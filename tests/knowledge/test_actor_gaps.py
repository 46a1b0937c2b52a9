"""Actor gaps reported by the event-extraction team: one test per rule, our own mentions."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import DataFileError
from sitrep.knowledge.actors import ActorContext, ActorMatch, ActorResolver, load_ontology
from sitrep.knowledge.ontology import DEFAULT_PATH

SY = ActorContext(country="SY")


def rid(resolver: ActorResolver, text: str, ctx: ActorContext | None = SY) -> str | None:
    m = resolver.resolve(text, ctx)
    return m.actor_id if m else None


def test_crowd_is_rioters(resolver):
    assert resolver.resolve("an angry crowd", SY) == ActorMatch(
        "rioters-syria", "Rioters (Syria)", 5, "SY", "generic", True)
    assert rid(resolver, "the crowd") == "rioters-syria"


def test_crowd_of_protesters_keeps_protesters(resolver):
    assert rid(resolver, "a crowd of demonstrators") == "protesters-syria"


def test_bare_police_is_the_documents_police(resolver):
    assert resolver.resolve("the police", SY) == ActorMatch(
        "police-syria", "Police Forces of Syria (2000-)", 1, "SY", "theatre-police", False)
    assert rid(resolver, "police officers") == "police-syria"
    assert rid(resolver, "policemen") == "police-syria"


def test_security_forces_are_police(resolver):
    assert rid(resolver, "security forces") == "police-syria"
    assert rid(resolver, "government security forces") == "police-syria"
    assert rid(resolver, "Syrian security forces") == "police-syria"


def test_police_of_a_state_without_entry_follows_its_military_name(resolver):
    assert resolver.resolve("Turkish security forces", SY) == ActorMatch(
        "adhoc:police-tr", "Police Forces of Turkey (2016-)", 8, "TR", "demonym-force", False)


def test_bare_troops_stay_unguessed_but_government_troops_do_not(resolver):
    assert resolver.resolve("troops", SY) is None
    assert rid(resolver, "government troops") == "military-syria"
    assert rid(resolver, "army troops") == "military-syria"


@pytest.mark.parametrize("mention", ["the coalition", "coalition troops", "coalition forces",
                                     "the US-led coalition", "the international coalition",
                                     "coalition warplanes"])
def test_coalition_mentions(resolver, mention):
    assert rid(resolver, mention) == "global-coalition"


def test_air_defences_need_an_owner(resolver):
    assert resolver.resolve("air defences", SY) is None
    assert rid(resolver, "Syrian air defences") == "military-syria"
    assert rid(resolver, "Russian air defences") == "military-russia"


@pytest.mark.parametrize("mention,actor", [
    ("Military Security", "military-syria"), ("Air Force Intelligence", "military-syria"),
    ("Political Security", "police-syria"), ("State Security", "police-syria"),
    ("the General Intelligence Directorate", "police-syria"),
])
def test_intelligence_branches_by_ministry(resolver, mention, actor):
    assert rid(resolver, mention) == actor


def test_known_tribe_resolves_to_its_entry(resolver):
    assert resolver.resolve("al-Shaitat tribesmen", SY) == ActorMatch(
        "shaitat-tribal-militia", "Shaitat Tribal Militia (Syria)", 4, "SY", "tribal", False)
    assert rid(resolver, "Shaitat tribe") == "shaitat-tribal-militia"
    assert rid(resolver, "al-Akidat clan") == "uqaydat-tribal-militia"


def test_unknown_tribe_gets_the_tribal_militia_pattern(resolver):
    assert resolver.resolve("the al-Hamdan clan", SY) == ActorMatch(
        "adhoc:hamdan-tribal-militia-syria", "Hamdan Tribal Militia (Syria)", 4, "SY", "tribal", False)
    assert resolver.resolve("Bani Hamdan tribesmen", ActorContext(country="IQ")).name == \
        "Bani Hamdan Tribal Militia (Iraq)"


@pytest.mark.parametrize("mention", ["Kurdish tribes", "Syrian tribes", "the tribe", "the clan"])
def test_tribal_words_without_a_tribe_name(resolver, mention):
    assert resolver.resolve(mention, SY) is None


@pytest.mark.parametrize("mention,actor", [
    ("Fourth Division", "military-syria"), ("the National Defence Forces", "ndf"), ("NDF", "ndf"),
    ("Fatemiyoun Division", "fatemiyoun"), ("Kata'ib Hizballah", "kataib-hezbollah"),
])
def test_named_units_and_spellings(resolver, mention, actor):
    assert rid(resolver, mention) == actor


def test_demonym_before_a_named_group(resolver):
    m = resolver.resolve("Iraqi Kataib Hezbollah", SY)
    assert (m.actor_id, m.reason) == ("kataib-hezbollah", "alias")
    assert rid(resolver, "Afghan Fatemiyoun fighters") == "fatemiyoun"


def test_demonym_picks_a_same_name_trap(resolver):
    assert rid(resolver, "Iraqi ISIS") == "islamic-state-iraq"


@pytest.mark.parametrize("mention", ["Islamic State", "IS", "ISIS", "ISIL", "Daesh", "IS cells",
                                     "ISIS sleeper cells"])
def test_islamic_state_names(resolver, mention):
    assert rid(resolver, mention) == "islamic-state-syria"


def test_tribal_section_needs_a_template(tmp_path: Path):
    for f in DEFAULT_PATH.glob("*.yaml"):
        (tmp_path / f.name).write_text(f.read_text("utf-8"), "utf-8")
    lex = tmp_path / "lexicon.yaml"
    lex.write_text(lex.read_text("utf-8").replace('name: "{tribe} Tribal Militia ({country})"',
                                                  'name: "Tribal Militia"'), "utf-8")
    with pytest.raises(DataFileError, match=r"section 'tribal': field 'name'"):
        load_ontology(tmp_path)
