"""Two tribes named together are not one militia (our own wording)."""

from __future__ import annotations

import pytest

from sitrep.knowledge.actors import ActorResolver, load_ontology


@pytest.fixture(scope="module")
def resolver():
    return ActorResolver(load_ontology())


@pytest.mark.parametrize("text, name", [
    ("the Kiwan and Zoubi clans", "Kiwan Tribal Militia (Syria)"),
    ("Bakara and Shaitat tribesmen", "Bakara Tribal Militia (Syria)"),
])
def test_conjoined_tribes_are_not_merged_into_one_name(resolver, text, name):
    m = resolver.resolve(text)
    assert m is not None and m.name == name


@pytest.mark.parametrize("text, name", [
    ("Ahrar al-Sham and", "Ahrar al-Sham"),
    ("the Hamza Division or", "Hamza Division"),
])
def test_a_mention_cut_at_a_conjunction_drops_it(resolver, text, name):
    m = resolver.resolve(text)
    assert m is not None and m.name == name
