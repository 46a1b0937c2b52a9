"""Terminal rendering for `sitrep show`, `sitrep segment --format table` and `sitrep eval`.

Page text is hostile input: it is always added to rich `Text` objects (never
parsed as console markup), so a comment containing "[bold]" or escape codes
prints literally.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.records import Document, Evidence

FIELD_STYLES = {
    "trigger": "bold red",
    "actor1": "bold cyan",
    "actor2": "bold magenta",
    "location": "bold green",
    "date": "bold yellow",
    "fatalities": "bold red",
    "claimed_by": "italic blue",
}


def _clean(s: str) -> str:
    """Drop control characters (terminal escapes) from page text before printing."""
    return "".join(ch for ch in s if ch in "\n\t" or ch >= " ")


def render_document(
    console: Console, data: dict[str, Any], events: list[dict[str, Any]], evidence: dict[str, list[Evidence]]
) -> None:
    d = data["document"]
    console.print(Text(f"{d['doc_id']}  {d['name']}  {d['source'] or ''}  {d['published'] or ''}", style="dim"))
    marks: list[Evidence] = [e for evs in evidence.values() for e in evs if e.field in FIELD_STYLES]
    for seg in data["segments"]:
        kind = seg["kind"]
        if kind == "title":
            console.print(Text(_clean(seg["text"]), style="bold underline"))
        elif kind == "caption":
            console.print(Text(_clean(seg["text"]), style="italic"))
        elif kind == "boilerplate":
            console.print(Text(_clean(seg["text"]), style="dim strike"))
        else:
            t = Text(_clean(seg["text"]))
            for m in marks:
                if seg["start"] <= m.start and m.end <= seg["end"]:
                    t.stylize(FIELD_STYLES[m.field], m.start - seg["start"], m.end - seg["start"])
            console.print(t)
        console.print()
    if events:
        t = Table("date", "sub_event_type", "actor1", "actor2", "location", "certainty", title="events")
        for e in events:
            t.add_row(str(e["event_date"] or ""), e["sub_event_type"], e["actor1"] or "", e["actor2"] or "",
                      e["location"] or "", e["certainty"])  # fmt: skip
        console.print(t)
    if data["comments"]:
        console.rule(Text(f"reader comments ({len(data['comments'])}): never read for events", style="bold"))
        for c in data["comments"]:
            indent = "    " * (c["depth"] or 0)
            console.print(Text(f"{indent}{_clean(c['author'] or '(anonymous)')}", style="bold"))
            for line in _clean(c["text"]).splitlines():
                console.print(Text(f"{indent}  {line}"))


def render_segmentation(console: Console, doc: Document) -> None:
    seg = doc.segmentation
    console.print(Text(f"title: {seg.title.text if seg.title else '-'}", style="bold"))
    if seg.caption:
        console.print(Text(f"caption: {seg.caption.text}", style="italic"))
    for p in seg.body:
        console.print(Text(_clean(p.text)))
    for b in seg.boilerplate:
        console.print(Text(_clean(b.text), style="dim strike"))
    for c in seg.comments:
        console.print(Text(f"{'    ' * (c.depth or 0)}{c.author or '(anonymous)'}: {_clean(c.text)[:100]}"))


def _cell(v: Any) -> str | None:
    """A metric as one cell: 'passed/total (rate)' for count dicts, the value for scalars."""
    if isinstance(v, dict):
        hit = v.get("passed", v.get("found", v.get("hits")))
        if hit is not None and "total" in v:
            rate = v.get("rate")
            return f"{hit}/{v['total']}" + (f" ({rate})" if rate is not None else "")
        return None
    if isinstance(v, list):
        return None
    return str(v)


def _metric_table(title: str, metrics: dict[str, Any]) -> Table:
    t = Table("metric", "value", title=title)
    for k, v in metrics.items():
        cell = _cell(v)
        if cell is not None:
            t.add_row(k, cell)
    return t


def render_eval(console: Console, report: dict[str, Any]) -> None:
    console.print(Text(f"gold: {report['gold']}  pages: {report['pages']}  documents: {report['documents']}"))
    if report.get("missing_pages"):
        console.print(Text(f"missing pages: {', '.join(report['missing_pages'])}", style="yellow"))
    seg = report.get("segmentation", {})
    console.print(_metric_table("segmentation", seg.get("totals", seg)))
    geo = report.get("geocoding")
    if geo:
        console.print(Text(f"geocoding: {geo['within_radius']}/{geo['total']} gold places within radius"))
    ev = report.get("events")
    if ev:
        console.print(_metric_table("events", ev.get("totals") or ev))
        if ev.get("fields"):
            console.print(_metric_table("event fields on matched pairs", ev["fields"]))
