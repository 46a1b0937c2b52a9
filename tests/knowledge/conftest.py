"""One actor resolver for the whole knowledge test folder (the ontology loads once)."""

from __future__ import annotations

import pytest

from sitrep.knowledge.actors import ActorResolver, load_ontology


@pytest.fixture(scope="session")
def resolver() -> ActorResolver:
    return ActorResolver(load_ontology())
