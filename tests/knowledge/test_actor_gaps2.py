"""Second batch of actor gaps from the event-extraction team: one test per rule, our own mentions."""

from __future__ import annotations

import pytest

from sitrep.knowledge.actors import ActorContext, ActorMatch, ActorResolver

SY = ActorContext(country="SY")


def rid(resolver: ActorResolver, text: str, ctx: ActorContext | None = SY) -> str | None:
    m = resolver.resolve(text, ctx)
    return m.actor_id if m else None


def test_daraa_central_committee_is_a_rebel_body(resolver):
    assert resolver.resolve("the Daraa Central Committee", SY) == ActorMatch(
        "central-committee-daraa", "Central Committee of Daraa", 2, "SY", "alias", False)
    assert rid(resolver, "the Central Committee of Daraa al-Balad") == "central-committee-daraa"


def test_bare_central_committee_only_in_syrian_documents(resolver):
    assert rid(resolver, "the Central Committee") == "central-committee-daraa"
    assert resolver.resolve("the Central Committee", ActorContext(country="IQ")) is None


@pytest.mark.parametrize("mention", ["former rebels", "ex-rebel fighters", "reconciled fighters"])
def test_former_rebels_are_opposition_rebels(resolver, mention):
    assert resolver.resolve(mention, SY) == ActorMatch(
        "opposition-rebels-syria", "Opposition Rebels (Syria)", 2, "SY", "generic", True)


def test_eighth_brigade_own_entry_in_the_fifth_corps(resolver):
    assert rid(resolver, "the 8th Brigade") == "eighth-brigade"
    assert rid(resolver, "Eighth Brigade") == "eighth-brigade"
    a = resolver.get("eighth-brigade")
    assert (a.inter, {f.target for f in a.affiliations}) == (3, {"military-syria", "military-russia"})


def test_government_is_distinct_from_the_military(resolver):
    assert resolver.resolve("Syrian officials", SY) == ActorMatch(
        "government-syria", "Government of Syria (2000-)", 1, "SY", "demonym-force", False)
    assert rid(resolver, "government officials") == "government-syria"
    assert rid(resolver, "the Syrian government") == "government-syria"


def test_a_seat_of_power_alone_is_the_government(resolver):
    assert rid(resolver, "Damascus") == "government-syria"
    assert rid(resolver, "Syria") == "military-syria"


def test_state_without_government_entry_follows_its_military_name(resolver):
    assert resolver.resolve("Turkish officials", SY) == ActorMatch(
        "adhoc:government-tr", "Government of Turkey (2016-)", 8, "TR", "demonym-force", False)


@pytest.mark.parametrize("mention", ["Russian officers", "Russian military police", "Russian mediators"])
def test_russian_go_betweens_are_the_russian_military(resolver, mention):
    assert rid(resolver, mention) == "military-russia"


@pytest.mark.parametrize("mention", ["soldiers", "a soldier", "an army officer", "army conscripts"])
def test_unowned_soldiers_are_the_documents_army(resolver, mention):
    assert rid(resolver, mention) == "military-syria"
    assert rid(resolver, "soldiers", ActorContext(country="IQ")) == "military-iraq"


def test_unowned_soldier_reason(resolver):
    assert resolver.resolve("soldiers", SY).reason == "theatre-military"


@pytest.mark.parametrize("mention", ["a policeman", "policemen", "the security branches", "a security branch"])
def test_police_and_security_branches(resolver, mention):
    assert rid(resolver, mention) == "police-syria"


@pytest.mark.parametrize("mention", ["a pro-government militia", "pro-regime militias", "loyalist militiamen"])
def test_pro_government_militia(resolver, mention):
    assert resolver.resolve(mention, SY) == ActorMatch(
        "pro-government-militia-syria", "Militia (Pro-Government)", 3, "SY",
        resolver.resolve(mention, SY).reason, True)


def test_pro_government_forces_stay_the_army(resolver):
    assert rid(resolver, "pro-government forces") == "military-syria"


@pytest.mark.parametrize("mention", ["Iranian-backed militias", "an Iran-backed militia"])
def test_iran_backed_militia_umbrella(resolver, mention):
    assert rid(resolver, mention) == "iran-backed-militias-syria"


@pytest.mark.parametrize("mention", ["rebels", "opposition fighters", "rebel factions", "Idlib rebels"])
def test_rebels_are_opposition_rebels_in_syria(resolver, mention):
    assert rid(resolver, mention) == "opposition-rebels-syria"


def test_rebels_elsewhere_stay_unidentified(resolver):
    assert rid(resolver, "rebels", ActorContext(country="ML")) == "unidentified-armed-group-mali"


@pytest.mark.parametrize("mention,actor", [
    ("rebel-held Idlib", "opposition-rebels-syria"), ("regime-held areas", "military-syria"),
    ("government-controlled Daraa", "military-syria"), ("SDF-held villages", "sdf")])
def test_holder_of_a_held_place(resolver, mention, actor):
    assert rid(resolver, mention) == actor


@pytest.mark.parametrize("mention,actor", [
    ("SDF guards", "sdf"), ("SDF fighters", "sdf"), ("Asayish members", "asayish"), ("YPG fighters", "ypg")])
def test_named_group_with_a_head_noun(resolver, mention, actor):
    assert rid(resolver, mention) == actor


@pytest.mark.parametrize("mention", ["a Syrian army post", "an army checkpoint", "regime positions"])
def test_possessor_of_a_facility(resolver, mention):
    assert rid(resolver, mention) == "military-syria"


def test_hamza_division_is_in_the_sna(resolver):
    assert rid(resolver, "the Hamza Division") == "hamza-division"
    assert "sna" in {f.target for f in resolver.ontology.affiliations("hamza-division", "member_of")}
