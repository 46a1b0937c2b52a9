"""Third batch of actor gaps: posts and formations after a demonym, owners named with "of X" / "X's"."""

from __future__ import annotations

import pytest

from sitrep.knowledge.actors import ActorContext, ActorResolver

SY = ActorContext(country="SY")


@pytest.mark.parametrize("text", ["Turkish observation post", "a Turkish military post", "Turkish troops",
                                  "Turkish soldiers", "the Turkish base", "a Turkish outpost",
                                  "a Turkish checkpoint", "Turkish patrols"])
def test_turkish_post_or_force_is_turkeys_military(resolver, text):
    assert resolver.resolve(text, SY).actor_id == "military-turkey"


@pytest.mark.parametrize("text", ["Russian patrol", "a Russian convoy", "Russian military police patrol"])
def test_russian_formation_is_russias_military(resolver, text):
    m = resolver.resolve(text, SY)
    assert (m.actor_id, m.reason) == ("military-russia", "demonym-force")


def test_post_nouns_alone_name_no_actor(resolver):
    assert [resolver.resolve(t, SY) for t in ("the convoy", "a patrol", "unidentified convoy", "Kurdish checkpoint")] == [
        None, None, None, None]


@pytest.mark.parametrize("text", ["Turkish-backed factions", "Turkish-backed Syrian rebels",
                                  "Turkey-backed fighters", "pro-Turkish factions"])
def test_turkish_backed_groups_are_the_sna(resolver, text):
    assert resolver.resolve(text, SY).actor_id == "sna"


@pytest.mark.parametrize("text", ["military police of the SNA", "the SNA's military police", "fighters of the SNA"])
def test_owner_named_with_of_or_possessive_wins(resolver, text):
    m = resolver.resolve(text, SY)
    assert (m.actor_id, m.reason) == ("sna", "owner-alias")


def test_plural_possessive_owner(resolver):
    assert resolver.resolve("Russian forces' positions", SY).actor_id == "military-russia"


def test_acronym_definition_after_of_is_the_group_not_its_fighters(resolver):
    ctx = ActorContext(country="SY")
    resolver.learn_acronyms("Fighters of the Syrian National Army (SNA) shelled a village.", ctx)
    assert ctx.acronyms["SNA"] == "Syrian National Army"


@pytest.mark.parametrize("text", ["YPG", "People's Protection Units", "Kurdish YPG"])
def test_ypg_short_forms_reach_the_acled_label(resolver, text):
    assert resolver.resolve(text, SY).name == "YPG: People's Protection Units"
