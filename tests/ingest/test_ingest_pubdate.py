"""A page's own publication date comes before the one the user gives a whole run.

Issue #16: `--published` used to date every page of a folder, so "late on June 24"
on a page that says it was published on June 25, 2020 was coded 2019-06-24.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from sitrep.ingest import DateAudit, load_manifest, read_inputs
from sitrep.ingest.html import html_meta, parse_html
from sitrep.ingest.pubdate import text_stated_date
from sitrep.records import DocMeta, RawDoc

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "pubdate"


@pytest.mark.parametrize(
    "head,expected",
    [
        ("Published on June 25, 2020", date(2020, 6, 25)),
        ("posted: 3 March 2019", date(2019, 3, 3)),
        ("Date published: Sept. 9th, 2021", date(2021, 9, 9)),
        ("Thursday, 25 June 2020 10:14 GMT", date(2020, 6, 25)),
        ("2018-11-30", date(2018, 11, 30)),
        ("By Rima Haddad | Jan 5, 2022", date(2022, 1, 5)),
    ],
)
def test_date_lines_under_the_headline(head: str, expected: date) -> None:
    text = f"Clashes Reported Near Frontline Town\n\n{head}\n\nFighting went on through the night near the town, residents told our reporter by phone.\n"
    assert text_stated_date(text) == expected


def test_dateline_opening_the_first_paragraph() -> None:
    text = "Headline Here\n\nHOMS, 2 April 2021 (Some Agency) — Two shells fell on a market in the old city, a medic said.\n"
    assert text_stated_date(text) == date(2021, 4, 2)


@pytest.mark.parametrize(
    "text",
    [
        # a day without a year is an event date, not a publication date
        "Headline\n\nPublished on June 25\n\nA body sentence that is long enough to count as the article text here.\n",
        # a date inside the body text is an event date
        "Headline\n\nThe siege began on 4 May 2016 and has not been lifted since then, residents said on Monday.\n",
        # a reader comment's timestamp after the article
        "Headline\n\nGunmen attacked a checkpoint near the town on Friday, wounding two guards, an official said.\n"
        "May 2, 2020 at 3:14 am\nGood report.\n",
        # impossible and future dates
        "Headline\n\nPublished on 31 June 2020\n",
        "Headline\n\nPublished on 2 June 2099\n",
    ],
)
def test_what_is_not_a_publication_date(text: str) -> None:
    assert text_stated_date(text) is None


def test_html_byline_date_when_no_meta_tag() -> None:
    page = ("<html><body><h1>Truck hit</h1><p class='byline'>Published on June 25, 2020</p>"
            "<p>A drone hit a pickup truck on a road near the town late on June 24, locals said.</p></body></html>")
    meta = html_meta(parse_html(page))
    assert (meta.published, meta.published_source) == (date(2020, 6, 25), "dateline")


def test_html_dateline_in_the_first_paragraph() -> None:
    page = ("<html><body><aside><p>June 1, 2021</p></aside><h1>Shells hit market</h1>"
            "<p>HOMS, 2 April 2021 (Some Agency) - Two shells fell on a market in the old city, a medic said.</p>"
            "</body></html>")  # fmt: skip
    meta = html_meta(parse_html(page))
    assert (meta.published, meta.published_source) == (date(2021, 4, 2), "dateline")


def test_html_comment_timestamp_is_not_the_page_date() -> None:
    page = ("<html><body><h1>Truck hit</h1><p>A drone hit a pickup truck on a road near the town, locals said.</p>"
            "<div id='comments'><div class='comment'><span class='comment-date'>June 30, 2020 at 3:14 am</span>"
            "<p>Thanks for the report.</p></div></div></body></html>")
    meta = html_meta(parse_html(page))
    assert (meta.published, meta.published_source) == (None, None)


def _metas(paths, **kw) -> dict[str, DocMeta]:
    return {d.name: d.meta for d in read_inputs(paths, **kw) if isinstance(d, RawDoc)}


def test_stated_date_beats_manifest_and_flag() -> None:
    manifest = {"a_drone.txt": DocMeta(published=date(2020, 6, 1)), "b_shelling.txt": DocMeta(published=date(2020, 6, 5))}
    metas = _metas([PAGES], manifest=manifest, defaults=DocMeta(published=date(2020, 6, 8)))
    got = {name: (m.published, m.published_source) for name, m in metas.items()}
    assert got == {
        "a_drone.txt": (date(2020, 6, 25), "dateline"),
        "b_shelling.txt": (date(2020, 6, 5), "manifest"),
        "c_wire.txt": (date(2020, 6, 20), "dateline"),
        "d_brief.txt": (date(2020, 6, 8), "--published"),
    }


def test_a_record_field_beats_a_date_line(tmp_path: Path) -> None:
    p = tmp_path / "feed.jsonl"
    p.write_text(json.dumps({"id": "r1", "published": "2020-07-01",
                             "text": "Headline\n\nPublished on June 25, 2020\n\nBody."}) + "\n")  # fmt: skip
    assert _metas([p])["r1"].published_source == "meta"
    assert _metas([p])["r1"].published == date(2020, 7, 1)


def test_date_line_beats_a_capture_or_fetch_date() -> None:
    from sitrep.ingest import with_meta

    for source in ("warc", "fetched"):
        raw = RawDoc(name="x.txt", origin="x.txt", text=(PAGES / "a_drone.txt").read_text(),
                     meta=DocMeta(published=date(2024, 1, 1), published_source=source))  # fmt: skip
        meta = with_meta(raw, {}, None).meta
        assert (meta.published, meta.published_source) == (date(2020, 6, 25), "dateline")


def test_audit_lists_pages_whose_own_date_overrides_the_flag() -> None:
    audit = DateAudit()
    list(read_inputs([PAGES], defaults=DocMeta(published=date(2020, 6, 8)), audit=audit))
    assert audit.sources == {"dateline": 2, "--published": 2}
    lines = [n.line() for n in audit.notes()]
    assert lines == [
        "a_drone.txt: states its own date 2020-06-25 (dateline), used instead of --published 2020-06-08",
        "c_wire.txt: states its own date 2020-06-20 (dateline), used instead of --published 2020-06-08",
        "d_brief.txt: mentions 'June 12', after --published 2020-06-08 in its year, so it is counted as "
        "2019-06-12: give the page its own date (--manifest) if it was published later",
        "--published 2020-06-08: applied to 2 pages that state no date of their own (b_shelling.txt, d_brief.txt): "
        "their yearless and relative event dates are counted from it; give each its date in a --manifest "
        "if they were not all published that day",
    ]


def test_audit_reports_unmatched_manifest_rows_and_undated_pages() -> None:
    audit = DateAudit()
    manifest = {"b_shelling.txt": DocMeta(published=date(2020, 6, 5)), "b_shelling.html": DocMeta(published=date(2020, 6, 5))}
    metas = _metas([PAGES], manifest=manifest, audit=audit)
    assert metas["d_brief.txt"].published is None and metas["d_brief.txt"].published_source is None
    assert audit.summary() == "publication dates: 2 dateline, 1 manifest, 1 none"
    lines = [n.line() for n in audit.notes()]
    assert lines[0] == "manifest row 'b_shelling.html': matches no input read in this run: its date and source were not used"
    assert lines[1].startswith("d_brief.txt: no publication date from the page, a WARC header, the manifest or --published")
    assert lines[1].endswith("events with a yearless or relative date are undated") and len(lines) == 2


def test_manifest_row_contradicted_by_the_page_is_listed() -> None:
    audit = DateAudit()
    list(read_inputs([PAGES / "a_drone.txt"], manifest={"a_drone.txt": DocMeta(published=date(2020, 6, 1))}, audit=audit))
    assert [n.line() for n in audit.notes()] == [
        "a_drone.txt: states its own date 2020-06-25 (dateline), used instead of the manifest's 2020-06-01"
    ]


def test_long_lists_are_cut_with_a_count(tmp_path: Path) -> None:
    for i in range(13):
        (tmp_path / f"p{i:02d}.txt").write_text(f"Page {i} has no date anywhere in it at all.\n")
    audit = DateAudit()
    list(read_inputs([tmp_path], audit=audit))
    notes = audit.notes()
    assert len(notes) == 11 and notes[-1].subject == "... and 3 more"


def test_the_issues_seed_page_is_named_when_one_date_is_given_to_all(seeds_dir: Path, gold_dir: Path) -> None:
    # The seed pages state no date; under one --published, the page the manifest dates
    # 2020-06-25 is the one whose "June 24" falls after the flag and is pushed back a year.
    audit = DateAudit()
    list(read_inputs([seeds_dir], defaults=DocMeta(published=date(2020, 6, 8)), audit=audit))
    assert ("004_b3c6f5e11149f3a4.txt", "June 24", date(2019, 6, 24)) in audit.rolled_back
    # With the manifest's per-page dates there is nothing to report.
    manifest = load_manifest(gold_dir / "manifest.csv")
    audit = DateAudit()
    list(read_inputs([seeds_dir], manifest=manifest, defaults=DocMeta(published=date(2020, 6, 8)), audit=audit))
    assert audit.notes() == [] and audit.sources == {"manifest": 5}


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Late on June 24, a drone hit a truck.", ["June 24"]),
        ("on the 3rd of March and on Jun. 30", ["3rd of March", "Jun. 30"]),
        ("on June 24, 2020 and on 24 June 2020", []),  # a year follows: not counted from --published
        ("they may 5 times a day", []),  # the event rules read capitalised month names only
    ],
)
def test_days_named_without_a_year(text: str, expected: list[str]) -> None:
    from sitrep.ingest.pubdate import load_finder

    assert list(load_finder().yearless_days(text)) == expected
