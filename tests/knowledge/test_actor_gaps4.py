"""Actor names found wrong on real wording (our own phrases)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("phrase, name", [
    # a tribe whose name starts with an article written apart
    ("Al Mahasen Tribal Militia", "Al Mahasen Tribal Militia (Syria)"),
    ("the Al Bubatoush tribe", "Al Bubatoush Tribal Militia (Syria)"),
    # two tribes sharing one head noun: the first names this mention, not a blend of both
    ("the Naim and Al Shaitat tribal militias", "Naim Tribal Militia (Syria)"),
    ("Tawadifah and Al Hulaybeen tribes", "Tawadifah Tribal Militia (Syria)"),
])
def test_tribes_written_with_a_separate_article(resolver, phrase, name):
    m = resolver.resolve(phrase)
    assert m is not None and m.name == name


def test_sharqiya_army_is_not_ahrar_al_sharqiya(resolver):
    assert resolver.resolve("Sharqiya Army").name == "Jaysh al-Sharqiya"
    assert resolver.resolve("Jaysh al-Sharqiya").name == "Jaysh al-Sharqiya"
    assert resolver.resolve("Ahrar al-Sharqiya").name == "Ahrar al-Sharqiya"


@pytest.mark.parametrize("phrase", ["Druze militia", "members of a Druze militia", "Druze gunmen", "Druze fighters"])
def test_armed_druze_named_by_community_are_the_druze_identity_militia(resolver, phrase):
    m = resolver.resolve(phrase)
    assert m is not None and m.name == "Druze Militia (Syria)" and m.inter == 4


@pytest.mark.parametrize("phrase", ["Syrian Army's 17th Division", "the army's 4th Armoured Division",
                                    "the regime's 25th Division"])
def test_a_numbered_formation_of_an_army_is_that_army(resolver, phrase):
    assert resolver.resolve(phrase).name == "Military Forces of Syria (2000-)"


def test_a_named_division_of_its_own_stays_itself(resolver):
    assert resolver.resolve("Hamza Division").name == "Hamza Division"
