"""`sitrep ingest URL... --feed ... --fetch KEY=VALUE` from the command line, against the local site."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from typer.testing import CliRunner

from sitrep.cli import app
from sitrep.errors import InputError

runner = CliRunner()
QUICK = ["--fetch", "timeout=0.4", "--fetch", "retries=0", "--fetch", "min_interval=0", "--no-events"]


def test_a_url_is_fetched_not_opened_as_a_path(site: Any, kit: SimpleNamespace, tmp_path: Path) -> None:
    site.routes["/a"] = kit.Route(body=kit.article("Shelling reported", "2020-03-01",
                                                   "Shelling hit the outskirts of Ariha on Sunday, residents said."))
    site.routes["/feed"] = kit.Route(body=kit.rss(site.base, [("/a", "Sun, 01 Mar 2020 10:00:00 GMT")]),
                                     content_type="application/rss+xml")  # fmt: skip
    db = tmp_path / "c.db"
    r = runner.invoke(app, ["ingest", site.base + "/a", site.base + "/missing", "--db", str(db), *QUICK])
    assert r.exit_code == 0, r.output
    assert "1 document(s) added" in r.output
    assert f"{site.base}/missing: http-error: HTTP 404 Not Found" in r.output
    again = runner.invoke(app, ["ingest", "--feed", site.base + "/feed", "--db", str(db), *QUICK])
    assert again.exit_code == 0, again.output
    assert "fetched 0 page(s)" in again.output and "1 URL(s) already stored" in again.output
    assert len(site.hits("/a")) == 1


def test_bad_web_options_are_one_line_errors(tmp_path: Path) -> None:
    db = str(tmp_path / "c.db")
    cases = [
        (["ingest", "--feed", "feeds.txt", "--db", db], "error[E001]: --feed/--sitemap 'feeds.txt': expected an http(s) URL"),
        (["ingest", "--feed", "http://127.0.0.1:9/f", "--match", "(", "--db", db], "--match '(': not a regular expression"),
        (["ingest", "http://127.0.0.1:9/", "--fetch", "speed=9", "--db", db], "unknown fetch setting(s) speed"),
        (["ingest", "--db", db], "nothing to ingest"),
    ]
    for args, message in cases:
        r = runner.invoke(app, args)
        assert r.exit_code == 1 and isinstance(r.exception, InputError), (args, r.output)
        assert message in str(r.exception)
