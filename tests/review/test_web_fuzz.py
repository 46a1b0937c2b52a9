"""Schemathesis over the review endpoints: generated requests, with and without the session's token, never make a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, settings

schemathesis = pytest.importorskip("schemathesis")

HOST = "http://127.0.0.1:8765"


@pytest.fixture
def review_schema(db, lookups):
    from sitrep.web import create_app
    from sitrep.web.review import ReviewSession

    session = ReviewSession(db, "fuzz", lookups=lookups)
    app = create_app(db, review=session)
    app.state.fuzz_token = session.token
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("review_schema").include(path_regex="^/api/review")


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    token = case.operation.schema.app.state.fuzz_token
    for headers in ({}, {"host": HOST[7:], "origin": HOST, "x-sitrep-token": token}):
        response = case.call(headers=headers)
        assert response.status_code < 500, (case.method, case.path, case.body, response.text)
        if case.method.upper() not in ("GET", "HEAD", "OPTIONS") and not headers:
            assert response.status_code == 403
