"""Review mode of the dashboard: writes need the session token and this origin; nothing else changes."""

from __future__ import annotations

import sqlite3

import pytest
from fastapi.testclient import TestClient

from sitrep.web import create_app
from sitrep.web.review import ReviewSession

BASE = "http://127.0.0.1:8765"


@pytest.fixture
def session(db, lookups) -> ReviewSession:
    return ReviewSession(db, "ana", lookups=lookups)


@pytest.fixture
def client(db, session):
    with TestClient(create_app(db, review=session), base_url=BASE) as c:
        yield c
    session.close()


def _ok(session: ReviewSession) -> dict[str, str]:
    return {"x-sitrep-token": session.token, "origin": BASE}


def _outside_reviews(path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return [line for line in conn.iterdump() if "reviews" not in line]
    finally:
        conn.close()


def _count(path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM reviews").fetchone()[0]
    finally:
        conn.close()


def test_page_carries_token_and_script_only_in_review_mode(db, client, session):
    page = client.get("/").text
    assert f'content="{session.token}"' in page and "/static/review.js" in page
    with TestClient(create_app(db), base_url=BASE) as plain:
        assert "review.js" not in plain.get("/").text and "sitrep-review-token" not in plain.get("/").text


def test_writes_refused_without_token_wrong_token_or_other_origin(kit, db, client, session):
    mid = kit.merged_id_of(db, "rv1-clash")
    url, body = f"/api/review/events/{mid}", {"action": "reject"}
    for headers, why in [({"origin": BASE}, "token"), ({"origin": BASE, "x-sitrep-token": "guess"}, "token"),
                         ({"x-sitrep-token": session.token}, "cross-origin"),
                         ({"x-sitrep-token": session.token, "origin": "http://evil.example"}, "cross-origin"),
                         ({**_ok(session), "sec-fetch-site": "cross-site"}, "cross-site")]:  # fmt: skip
        r = client.post(url, json=body, headers=headers)
        assert r.status_code == 403 and why in r.json()["error"], (headers, r.text)
    rebound = client.post(url, json=body, headers={**_ok(session), "host": "evil.example:8765", "origin": "http://evil.example:8765"})
    assert rebound.status_code == 403 and "not this loopback server" in rebound.json()["error"]
    assert _count(db) == 0
    r = client.post(url, json=body, headers=_ok(session))
    assert r.status_code == 201 and r.json()["state"]["action"] == "reject" and _count(db) == 1


def test_without_review_mode_there_is_nothing_to_write_to(kit, db):
    mid = kit.merged_id_of(db, "rv1-clash")
    with TestClient(create_app(db), base_url=BASE) as plain:
        r = plain.post(f"/api/review/events/{mid}", json={"action": "reject"}, headers={"origin": BASE})
        assert r.status_code in (404, 405)
        assert plain.get("/api/review/session").status_code == 404
    assert _count(db) == 0


def test_store_outside_reviews_is_unchanged_by_a_session(kit, db, client, session):
    before = _outside_reviews(db)
    clash, protest = kit.merged_id_of(db, "rv1-clash"), kit.merged_id_of(db, "rv1-protest")
    steps = [(protest, {"action": "reject", "note": "not an event"}),
             (clash, {"action": "correct", "fields": {"location": "gn:170876", "fatalities": 2, "actor2": "Civilians (Syria)"}}),
             (clash, {"action": "confirm"}), (clash, {"action": "correct", "fields": {"inter1": "nine"}})]  # fmt: skip
    codes = [client.post(f"/api/review/events/{k}", json=b, headers=_ok(session)).status_code for k, b in steps]
    assert codes == [201, 201, 201, 400]
    assert client.get(f"/api/review/events/{clash}").json()["state"]["fields"]["location"] == "Darbul"
    assert _count(db) == 3
    assert _outside_reviews(db) == before


def test_the_write_connection_can_only_insert_reviews(db, session):
    session.prepare()
    conn = session.writer()
    for sql in ("UPDATE events SET fatalities = 99", "DELETE FROM documents", "CREATE TABLE x(a)",
                "INSERT INTO skips(origin, reason, message, seen_at) VALUES ('a', 'b', 'c', 'd')",
                "DROP TABLE reviews", "PRAGMA journal_mode=DELETE"):  # fmt: skip
        with pytest.raises(sqlite3.DatabaseError, match="not authorized"):
            conn.execute(sql)


def test_autocomplete_for_places_and_actors(client):
    places = client.get("/api/review/places", params={"q": "Saraqib"}).json()["items"]
    assert places[0]["name"] == "Saraqib" and places[0]["place_id"].startswith("gn:")
    actors = client.get("/api/review/actors", params={"q": "Tahrir al-Sham"}).json()["items"]
    assert actors[0]["name"] == "Hayat Tahrir al-Sham" and actors[0]["inter"] == 2
    assert client.get("/api/review/places", params={"q": ""}).status_code == 400


def test_review_mode_refuses_a_network_address(db):
    from sitrep.errors import InputError
    from sitrep.web.review import review_session

    with pytest.raises(InputError, match="127.0.0.1 only"):
        review_session(db, "0.0.0.0", "ana")
    with pytest.raises(InputError, match="reviewer"):
        review_session(db, "127.0.0.1", "")
