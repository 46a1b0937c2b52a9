from __future__ import annotations

import pytest

from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.resolve import PlaceResolver


@pytest.fixture(scope="session")
def gazetteer():
    return load_gazetteer()


@pytest.fixture(scope="session")
def resolver(gazetteer):
    return PlaceResolver(gazetteer)
