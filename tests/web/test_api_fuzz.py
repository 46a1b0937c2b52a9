"""Property-based run of the dashboard's OpenAPI spec (schemathesis): no input makes a 500.

Schemathesis reads the app's own /openapi.json and generates valid and invalid
parameters for every operation; the example count is kept small so the run
takes seconds.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")


@pytest.fixture
def api_schema(small_db):
    from sitrep.web import create_app

    return schemathesis.openapi.from_asgi("/openapi.json", create_app(small_db))


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, (case.path, case.query, response.text)
    assert response.status_code in (200, 400, 404, 405), (case.path, case.query, response.status_code)
    kinds = ("application/json", "application/geo+json")
    if case.path == "/api/export" and response.status_code == 200:
        kinds += ("text/csv",)  # the export download
    assert response.headers["content-type"][0].startswith(kinds)
