"""sitrep's command line: small verbs, each a thin wrapper over one library call.

Every library error is a `SitrepError` and becomes one line on stderr
(`error[E00x]: ...`) with exit code 1; nothing else reaches the user as a
traceback unless SITREP_DEBUG=1 is set.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from sitrep.errors import CorruptStore, InputError, NothingIngested, NotFound, SitrepError, StoreError
from sitrep.ingest.dateaudit import DateAudit
from sitrep.records import DocMeta

app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Turn conflict-news pages into an evidence-linked, geocoded event dataset.",
    pretty_exceptions_enable=False,
)
# Tables are read in terminals and in pipes; a wide fixed width keeps rows on one line.
out = Console(highlight=False, width=max(160, Console().width))
err = Console(stderr=True, highlight=False, soft_wrap=True)

# Options shared by several verbs, defined once.
DbOpt = Annotated[Path, typer.Option("--db", help="SQLite database file.", envvar="SITREP_DB")]
ManifestOpt = Annotated[
    Optional[Path], typer.Option("--manifest", help="CSV with doc,published,source,language (matched on file name).")
]
PublishedOpt = Annotated[Optional[str], typer.Option("--published", help="Publication date (YYYY-MM-DD) for inputs that lack one.")]
SourceOpt = Annotated[Optional[str], typer.Option("--source", help="Outlet name for inputs that lack one.")]
SourcesFileOpt = Annotated[
    Optional[Path], typer.Option("--sources", help="Your own sources.yaml (outlet reliability and bias) for fusion.")
]


def _package_version() -> str:
    """The installed distribution's version (importlib.metadata), the source tree's when not installed."""
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        return dist_version("sitrep")
    except PackageNotFoundError:
        from sitrep import __version__

        return __version__


def _print_version(value: bool) -> None:
    if value:
        out.print(f"sitrep {_package_version()}")
        raise typer.Exit(0)


@app.callback()
def _root(
    version_: Annotated[
        bool, typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Turn conflict-news pages into an evidence-linked, geocoded event dataset."""


def _fuse_cfg(sources: Path | None) -> Any:
    if sources is None:
        return None
    from sitrep.fuse import fuse_config

    if not sources.is_file():
        raise InputError(f"--sources {sources}: file not found")
    return fuse_config(sources=sources)


class TableFmt(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class JsonFmt(str, Enum):
    table = "table"
    json = "json"


def _defaults(published: str | None, source: str | None) -> DocMeta:
    pub: date | None = None
    if published:
        try:
            pub = date.fromisoformat(published)
        except ValueError as exc:
            raise InputError(f"--published {published!r}: expected a date as YYYY-MM-DD") from exc
        from sitrep.timex import MAX_YEAR, MIN_YEAR, in_year_range

        if in_year_range(pub) is None:
            raise InputError(f"--published {published!r}: the year must lie between {MIN_YEAR} and {MAX_YEAR}")
    return DocMeta(published=pub, source=source)


def _manifest(path: Path | None) -> dict[str, DocMeta] | None:
    if path is None:
        return None
    from sitrep.ingest import load_manifest

    return load_manifest(path)


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except (OSError, ValueError):  # a name too long for the OS, a parent we may not read
        return False


def _check_paths(paths: list[Path]) -> None:
    missing = [str(p) for p in paths if not _exists(p)]
    if missing and len(missing) == len(paths):
        raise InputError(f"no such file or directory: {', '.join(missing)}")


# --------------------------------------------------------------------------- ingest
@app.command()
def ingest(
    paths: Annotated[Optional[list[str]], typer.Argument(
        help="Files, directories or http(s) URLs: .txt, .html, .warc(.gz), .jsonl, a Telegram result.json")] = None,
    db: DbOpt = Path("sitrep.db"),
    manifest: ManifestOpt = None,
    published: PublishedOpt = None,
    source: SourceOpt = None,
    no_events: Annotated[bool, typer.Option("--no-events", help="Segment and store only; skip event extraction.")] = False,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, help="Documents per transaction.")] = 16,
    sources: SourcesFileOpt = None,
    feed: Annotated[Optional[list[str]], typer.Option("--feed", help="RSS/Atom feed whose articles to fetch (repeatable).")] = None,
    sitemap: Annotated[Optional[list[str]], typer.Option("--sitemap", help="Sitemap (or index) whose pages to fetch (repeatable).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="With --feed/--sitemap: items dated on or after this day.")] = None,
    match: Annotated[Optional[str], typer.Option("--match", help="With --feed/--sitemap: only URLs this regex finds.")] = None,
    fetch: Annotated[Optional[list[str]], typer.Option("--fetch", help="Fetch setting KEY=VALUE (timeout, retries, "
                                                       "min_interval, max_bytes, robots ...; repeatable).")] = None,
) -> None:
    """Read pages (files or URLs, feeds, sitemaps), segment them, extract events and store everything."""
    from sitrep.ingest.progress import RunProgress
    from sitrep.runner import ingest as run_ingest
    from sitrep.store import Store

    # Only when no path can be read at all is this a usage error (before a database
    # is created for a typo); otherwise an unreadable path is a skip listed at the
    # end, like a file in a folder walk.
    from sitrep.ingest.remote import split_inputs

    files, web = split_inputs(paths or [], [*(feed or []), *(sitemap or [])], since, match, fetch or [])
    if not files and not web:
        raise InputError("nothing to ingest: give files, folders, URLs, --feed or --sitemap")
    if files:
        _check_paths([Path(f) for f in files])
    defaults = _defaults(published, source)
    man = _manifest(manifest)
    cfg = _fuse_cfg(sources)
    audit = DateAudit()
    with Store(db) as store, RunProgress(err, "ingest") as bar:  # a bar on a terminal only
        report = run_ingest(
            files, store, manifest=man, defaults=defaults, items=web.items(store.conn) if web else (),
            extractor=None if no_events else bar.counting(_lazy_extractor()), progress=bar.tick,
            batch_size=batch_size,
            fuse_cfg=cfg, on_wait=lambda: err.print(f"waiting for another ingest into {db} to finish ..."),
            audit=audit,
        )  # fmt: skip
    out.print(
        f"read {report.read} input(s): {report.added} document(s) added, {report.already} already in {db}, "
        f"{report.events} event report(s), {report.merged} merged event(s) updated, {report.failed} not ingested"
        f" in {bar.seconds:.1f} s"
    )
    if report.skips:
        err.print(f"[bold]{report.failed} input(s) not ingested:[/bold]")
        for s in report.skips:
            err.print(Text(f"  {s.line()}"))
    for line in audit.lines():
        err.print(Text(line))
    if web:
        out.print(f"fetched {web.report.fetched} page(s) in {web.requests} request(s); "
                  f"{web.report.stored} URL(s) already stored, not fetched")
    if report.added == 0 and report.already == 0 and not web.report.stored:
        raise NothingIngested("nothing could be ingested")


def _lazy_extractor() -> Any:
    from sitrep.runner import load_extractor

    return load_extractor


@app.command()
def watch(
    config: Annotated[Path, typer.Argument(help="YAML listing feeds, sitemaps, URL lists and folders, each with an interval.")],
    db: DbOpt = Path("sitrep.db"),
    once: Annotated[bool, typer.Option("--once", help="Poll every source once, then stop (for cron).")] = False,
    no_events: Annotated[bool, typer.Option("--no-events", help="Segment and store only; skip event extraction.")] = False,
    sources: SourcesFileOpt = None,
) -> None:
    """Poll sources and ingest what is new until Ctrl-C or SIGTERM (which finish the batch in hand)."""
    from sitrep.ingest.watch import load_config, loaded_once, run_watch
    from sitrep.store import Store

    cfg = load_config(config)  # a bad config is one line before any database is made
    kwargs = {"extractor": None if no_events else loaded_once(_lazy_extractor()), "fuse_cfg": _fuse_cfg(sources)}
    with Store(db) as store:
        run_watch(cfg, store, once=once, ingest_kwargs=kwargs, say=lambda s: out.print(Text(s)),
                  warn=lambda s: err.print(Text(s)), console=err)  # fmt: skip


# --------------------------------------------------------------------------- docs / show
@app.command()
def docs(db: DbOpt = Path("sitrep.db")) -> None:
    """List the documents in the database."""
    from sitrep.store import Store

    with Store(db, read_only=True) as store:
        rows = store.documents()
    t = Table("doc_id", "name", "source", "published", "date from", "title", "comments", "events")
    for col in t.columns:
        col.no_wrap = True
    for r in rows:
        t.add_row(r["doc_id"], r["name"][:40], r["source"] or "", r["published"] or "", r["published_source"] or "",
                  (r["title"] or "")[:50], str(r["n_comments"]), str(r["n_events"]))  # fmt: skip
    out.print(t)
    out.print(f"{len(rows)} document(s)")


@app.command()
def show(
    doc: Annotated[str, typer.Argument(help="Document id (or a unique prefix, or its file name), or an event id "
                                            "(merged, an old id of one, or a report): its pages.")],
    db: DbOpt = Path("sitrep.db"),
) -> None:
    """Show a segmented page: title, body with event evidence highlighted, then the comments (for an event id: its pages)."""
    from sitrep.export import event_documents
    from sitrep.store import Store
    from sitrep.view import render_document

    pages = []
    with Store(db, read_only=True) as store:
        doc_id = store.find_document(doc)
        if doc_id is not None:
            doc_ids = [doc_id]
        else:
            try:
                merged, doc_ids = event_documents(store, doc)
            except NotFound:
                raise NotFound(f"no document or event matching {doc!r} in {db}") from None
            for mid in merged:
                out.print(f"merged event {mid}" + ("" if mid == doc else f" (old id {doc})"))
        for d in doc_ids:
            events = store.events(d)
            pages.append((store.load_document(d), events, store.evidence(e["event_id"] for e in events)))
    for data, events, evidence in pages:
        render_document(out, data, events, evidence)


# --------------------------------------------------------------------------- segment / extract / events
@app.command()
def segment(
    file: Annotated[Path, typer.Argument(help="One page: .txt, .html, .warc(.gz) or .jsonl")],
    fmt: Annotated[JsonFmt, typer.Option("--format")] = JsonFmt.json,
) -> None:
    """Segment one page without a database (JSON: title, caption, body, boilerplate, comments)."""
    from sitrep.records import Document
    from sitrep.runner import documents

    _check_paths([file])
    results = list(documents([file]))
    docs_ = [r for r in results if isinstance(r, Document)]
    if not docs_:
        raise InputError(f"{file}: " + "; ".join(r.message for r in results) if results else f"{file}: no page")
    payloads = [d.segmentation.to_json() for d in docs_]
    if fmt is JsonFmt.json:
        out.print_json(json.dumps(payloads[0] if len(payloads) == 1 else payloads, ensure_ascii=False))
        return
    for d in docs_:
        from sitrep.view import render_segmentation

        render_segmentation(out, d)


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories of pages.")],
    manifest: ManifestOpt = None,
    published: PublishedOpt = None,
    source: SourceOpt = None,
    fmt: Annotated[TableFmt, typer.Option("--format")] = TableFmt.jsonl,
    explain: Annotated[bool, typer.Option("--explain", help="Print, on stderr, every trigger word found and "
                                          "the stage that kept or stopped it (and why).")] = False,
) -> None:
    """Extract events from pages without a database; one JSON line per event."""
    from sitrep.ingest.progress import busy, tracked
    from sitrep.records import Skip
    from sitrep.runner import extract as run_extract
    from sitrep.runner import load_extractor

    _check_paths(paths)
    rows: list[dict[str, Any]] = []
    skips: list[Skip] = []
    n_docs = 0
    with busy(err, "loading the NLP model"):
        ext = load_extractor()
    trace: list[tuple[str, str, list[str]]] = []
    if explain and hasattr(ext, "trace_sink"):
        ext.trace_sink = trace
    audit = DateAudit()
    for item in tracked(err, "extract", run_extract(paths, manifest=_manifest(manifest),  # a bar on a terminal
                        defaults=_defaults(published, source), extractor=ext, audit=audit)):
        if isinstance(item, Skip):
            skips.append(item)
            continue
        doc, events, _ = item
        n_docs += 1
        for name, word, stages in trace:
            last = stages[-1] if stages else ""
            # tab-separated on stderr, plain (no console formatting), for grep and cut
            sys.stderr.write(f"{name}\t{word!r}\t{last if last.startswith('drop:') else 'event'}"
                             f"\t{' > '.join(x for x in stages if not x.startswith('drop:'))}\n")
        trace.clear()
        for ev in events:
            row = {"doc": doc.name, **ev.to_json()}
            if fmt is TableFmt.jsonl:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                rows.append(row)
    if fmt is not TableFmt.jsonl:
        _print_events(rows, fmt)
    for s in skips:
        err.print(Text(f"skipped {s.line()}"))
    for line in audit.lines():
        err.print(Text(line))
    if n_docs == 0:
        raise NothingIngested("no input could be read")


@app.command()
def events(
    db: DbOpt = Path("sitrep.db"),
    fmt: Annotated[TableFmt, typer.Option("--format")] = TableFmt.table,
) -> None:
    """Print the event reports in the database."""
    from sitrep.store import Store

    with Store(db, read_only=True) as store:
        rows = store.events()
        ev = store.evidence(r["event_id"] for r in rows)
    for r in rows:
        r["evidence"] = [{"field": e.field, "start": e.start, "end": e.end, "text": e.text} for e in ev.get(r["event_id"], [])]
    _print_events(rows, fmt)


def _print_events(rows: list[dict[str, Any]], fmt: TableFmt) -> None:
    if fmt is TableFmt.jsonl:
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False, default=str) + "\n")
        return
    if fmt is TableFmt.csv:
        import csv

        from sitrep.store import EVENT_COLUMNS

        w = csv.DictWriter(sys.stdout, fieldnames=list(EVENT_COLUMNS), extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
        return
    t = Table("date", "prec", "sub_event_type", "actor1", "actor2", "location", "geo", "fat", "certainty", "claimed_by")
    for r in rows:
        t.add_row(
            str(r["event_date"] or ""), str(r["time_precision"] or ""), r["sub_event_type"], r["actor1"] or "",
            r["actor2"] or "", r["location"] or "", str(r["geo_precision"] or ""),
            "" if r["fatalities"] is None else str(r["fatalities"]), r["certainty"], r["claimed_by"] or "",
        )  # fmt: skip
    out.print(t)
    out.print(f"{len(rows)} event report(s)")


# Export format names, and the other names the same formats have elsewhere: `events --format csv`
# is the same CSV, so `export --format csv` means acled-csv.
EXPORT_FORMATS = ("acled-csv", "geojson", "parquet", "jsonl")
EXPORT_ALIASES = {"csv": "acled-csv"}


def _export_format(name: str) -> str:
    key = name.strip().lower()
    key = EXPORT_ALIASES.get(key, key)
    if key not in EXPORT_FORMATS:
        names = ", ".join(EXPORT_FORMATS) + " (csv = acled-csv)"
        raise InputError(f"--format {name!r}: unknown export format; accepted: {names}")
    return key


def _date_range(since: str | None, until: str | None) -> None:
    """--since/--until as YYYY-MM-DD, and not reversed (that would select nothing, silently)."""
    parsed: dict[str, date] = {}
    for flag, value in (("--since", since), ("--until", until)):
        if value:
            try:
                parsed[flag] = date.fromisoformat(value)
            except ValueError as exc:
                raise InputError(f"{flag} {value!r}: expected a date as YYYY-MM-DD") from exc
    if len(parsed) == 2 and parsed["--since"] > parsed["--until"]:
        raise InputError(f"--since {since} is after --until {until}: the date range is reversed and selects nothing")


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="acled-csv (or csv) | geojson | parquet | jsonl")] = "acled-csv",
    out_file: Annotated[Optional[Path], typer.Option("--out", help="Output file (stdout when omitted; required for parquet).")] = None,
    since: Annotated[Optional[str], typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Events on or before this date (YYYY-MM-DD).")] = None,
    actor: Annotated[Optional[str], typer.Option("--actor", help="Events where this actor is actor1, actor2 or associated.")] = None,
    event_type: Annotated[Optional[str], typer.Option("--type", help="event_type or sub_event_type.")] = None,
    reports: Annotated[bool, typer.Option("--reports", help="One row per report instead of per merged event.")] = False,
    ids: Annotated[Optional[list[str]], typer.Option("--id", help="Only this event (merged id, an old id of one, or a report id); repeatable.")] = None,
    raw: Annotated[bool, typer.Option("--raw", help="The machine's output: analysts' reviews not applied.")] = False,
    db: DbOpt = Path("sitrep.db"),
) -> None:
    """Export events as ACLED-style CSV, GeoJSON, Parquet or JSONL with full provenance (reviews applied)."""
    from sitrep.export import export_events
    from sitrep.store import Store

    fmt = _export_format(fmt)
    _date_range(since, until)
    if fmt == "parquet" and out_file is None:
        raise InputError("--format parquet needs --out FILE")
    with Store(db, read_only=True) as store:
        n = export_events(store, fmt, out_file, since=since, until=until, actor=actor, event_type=event_type,
                          merged=not reports, ids=ids or None, reviews=not raw)  # fmt: skip
    if out_file is not None:
        out.print(f"wrote {n} event(s) to {out_file}")


@app.command()
def fuse(
    db: DbOpt = Path("sitrep.db"),
    all_: Annotated[bool, typer.Option("--all", help="Re-cluster every report from scratch.")] = False,
    sources: SourcesFileOpt = None,
) -> None:
    """Merge reports of the same event across documents (ingest does this for new reports)."""
    from sitrep.fuse import fuse_all
    from sitrep.fuse.store import fuse_pending
    from sitrep.ingest.progress import busy
    from sitrep.store import Store

    cfg = _fuse_cfg(sources)
    with Store(db) as store, busy(err, "fusing"):
        stats = fuse_all(store, cfg) if all_ else fuse_pending(store, cfg)
    if stats is None:
        out.print("nothing to fuse")
        return
    out.print(f"{stats.reports} report(s) clustered into {stats.merged} merged event(s), "
              f"{stats.multi_source} with more than one report")  # fmt: skip


# --------------------------------------------------------------------------- eval
@app.command(name="eval")
def eval_(
    gold_dir: Annotated[
        Optional[Path], typer.Argument(help="Directory with seeds.yaml (or gold.yaml), the YAML file, or a realdev-format .jsonl.")
    ] = None,
    pages: Annotated[
        Optional[Path], typer.Option("--pages", help="Directory of the pages the gold annotates (not for .jsonl gold).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the full report as JSON.")] = False,
    no_events: Annotated[bool, typer.Option("--no-events", help="Score segmentation and geocoding only.")] = False,
    metrics: Annotated[
        str, typer.Option("--metrics", help="For .jsonl gold: all | loc-date | auto (loc-date when no gold event type).")
    ] = "auto",
    reviews: Annotated[bool, typer.Option("--reviews", help="Score against the reviewed events in --db (corrections are gold).")] = False,
    db: DbOpt = Path("sitrep.db"),
) -> None:
    """Score segmentation, geocoding and events against a gold file, or against analysts' reviews.

    A .jsonl gold in realdev's format (records with `id`, `text`, `published`, `gold`) carries its
    own texts (or has `NAME.input.jsonl` beside it): events are extracted from them and scored
    with its pairing rule; --pages is not needed.
    """
    from sitrep.eval import realdev
    from sitrep.ingest.progress import busy

    if reviews or gold_dir is None:
        from sitrep.review.evalcmd import eval_reviews

        eval_reviews(out, db, gold_dir, as_json, asked=reviews)
        return
    if gold_dir.suffix.lower() == ".jsonl":
        with busy(err, "scoring"):
            report = realdev.evaluate_realdev(gold_dir, metrics=metrics)
        if as_json:
            sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
        else:
            realdev.render(out, report)
        return
    if pages is None:
        raise InputError(f"{gold_dir}: --pages is required for a YAML gold")
    from sitrep.eval.run import evaluate
    from sitrep.view import render_eval

    with busy(err, "scoring"):
        report = evaluate(gold_dir, pages, events=not no_events)
    if as_json:
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=str) + "\n")
    else:
        render_eval(out, report)


# --------------------------------------------------------------------------- knowledge
@app.command()
def actors(
    query: Annotated[Optional[str], typer.Argument(help="Part of a name, alias or acronym.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table | json (ontology); json | graphml (with --graph).")] = "table",
    graph: Annotated[bool, typer.Option("--graph", help="The actor graph from stored events and stated relations.")] = False,
    since: Annotated[Optional[str], typer.Option("--since", help="With --graph: only edges from this date (YYYY-MM-DD).")] = None,
    out_file: Annotated[Optional[Path], typer.Option("--out", help="With --graph: write to this file.")] = None,
    db: DbOpt = Path("sitrep.db"),
) -> None:
    """Search the actor ontology, or with --graph print who fought, backed or arrested whom."""
    if graph:
        _actor_graph(db, fmt, since, out_file)
        return
    from sitrep.knowledge.actors import ActorResolver, load_ontology

    if fmt not in ("table", "json"):
        raise InputError(f"--format {fmt!r}: expected table or json")
    onto = load_ontology()
    if query and query.strip():
        found = ActorResolver(onto).search(query)
    else:  # no query: the whole ontology, by name
        found = sorted(onto.actors.values(), key=lambda a: (a.name.lower(), a.id))
    rows = [{"id": a.id, "name": a.name, "inter": a.inter, "country": a.country, "aliases": list(a.aliases)[:6]} for a in found]
    if fmt == "json":
        out.print_json(json.dumps(rows, ensure_ascii=False))
        return
    t = Table("id", "name", "inter", "country", "aliases")
    for r in rows:
        t.add_row(r["id"], r["name"], str(r["inter"]), r["country"] or "", ", ".join(r["aliases"]))
    out.print(t)
    out.print(f"{len(rows)} actor(s)")


def _actor_graph(db: Path, fmt: str, since: str | None, out_file: Path | None) -> None:
    from sitrep.graph import build_graph, graph_to_json, write_graphml
    from sitrep.store import Store

    if fmt == "table":
        fmt = "json"
    if fmt not in ("json", "graphml"):
        raise InputError(f"--format {fmt!r}: expected json or graphml with --graph")
    if since:
        _defaults(since, None)  # validates the date with the same message as --published
    with Store(db, read_only=True) as store:
        g = build_graph(store, since=since)
    if fmt == "graphml":
        if out_file is None:
            raise InputError("--format graphml needs --out FILE")
        write_graphml(g, out_file)
        out.print(f"wrote {g.number_of_nodes()} actors and {g.number_of_edges()} edges to {out_file}")
        return
    text = json.dumps(graph_to_json(g), ensure_ascii=False, indent=2, default=str)
    if out_file:
        out_file.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")


@app.command()
def comments(
    doc: Annotated[str, typer.Argument(help="Document id (or a unique prefix, or its file name).")],
    db: DbOpt = Path("sitrep.db"),
    fmt: Annotated[JsonFmt, typer.Option("--format")] = JsonFmt.table,
) -> None:
    """A page's reader comments: thread shape, toxicity flags, topics and rumour claims (never events)."""
    from sitrep.comments import analyse_comments
    from sitrep.comments.store import load_analysis
    from sitrep.store import Store
    from sitrep.store.db import comments_of

    with Store(db, read_only=True) as store:
        doc_id = store.find_document(doc)
        if doc_id is None:
            raise NotFound(f"no document matching {doc!r} in {db}")
        analysis = load_analysis(store, doc_id)
        if analysis is None:
            analysis = analyse_comments(doc_id, comments_of(store.load_document(doc_id)["comments"]))
        texts = {c["idx"]: c["text"] for c in store.load_document(doc_id)["comments"]}
    if fmt is JsonFmt.json:
        sys.stdout.write(json.dumps(analysis.to_json(), ensure_ascii=False, indent=2, default=str) + "\n")
        return
    summary = analysis.summary()
    out.print(Text(", ".join(f"{k}: {v}" for k, v in summary.items() if not isinstance(v, (dict, list)))))
    t = Table("#", "depth", "author", "replies", "toxicity", "flags", "topics", "text")
    t.columns[-1].no_wrap = True
    for r in analysis.comments:
        t.add_row(str(r.index), str(r.depth or 0), Text(r.author or "(anonymous)"), str(r.replies), f"{r.toxicity:.2f}",
                  ", ".join(r.flags), ", ".join(r.topics), Text(texts.get(r.index, "")[:60].replace("\n", " ")))  # fmt: skip
    out.print(t)
    for cl in analysis.claims:
        out.print(Text(f"rumour in comment {cl.comment_idx}: {cl.text}", style="yellow"))


@app.command()
def authors(
    author: Annotated[Optional[str], typer.Argument(help="One author's exact name; all authors when omitted.")] = None,
    db: DbOpt = Path("sitrep.db"),
    fmt: Annotated[JsonFmt, typer.Option("--format")] = JsonFmt.table,
) -> None:
    """Per-author summary of reader comments across pages: counts, toxicity, flags, topics."""
    from sitrep.comments import author_summary
    from sitrep.store import Store

    with Store(db, read_only=True) as store:
        rows = author_summary(store, author)
    if fmt is JsonFmt.json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    t = Table("author", "comments", "pages", "mean toxicity", "toxic", "flags", "topics")
    for r in rows:
        t.add_row(Text(r["author"]), str(r["comments"]), str(r["pages"]), f"{r['mean_toxicity']:.2f}",
                  str(r["toxic_comments"]), _fmt_counts(r["flags"]), _fmt_counts(r["topics"]))  # fmt: skip
    out.print(t)


def _fmt_counts(v: Any) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{k} {n}" for k, n in sorted(v.items(), key=lambda kv: -kv[1])[:4])
    if isinstance(v, list):
        return ", ".join(str(x) for x in v[:4])
    return str(v)


@app.command(name="resolve-actor")
def resolve_actor(
    text: Annotated[str, typer.Argument(help='A mention, e.g. "the Syrian Arab Army".')],
    country: Annotated[str, typer.Option("--country", help="Document country (ISO2).")] = "SY",
) -> None:
    """Resolve an actor mention to its canonical actor."""
    from sitrep.knowledge.actors import ActorContext, ActorResolver, load_ontology

    m = ActorResolver(load_ontology()).resolve(text, ActorContext(country=country))
    if m is None:
        out.print(f"{text!r}: no actor")
        raise typer.Exit(1)
    out.print_json(json.dumps({"mention": text, "actor": m.name, "id": m.actor_id, "inter": m.inter,
                               "country": m.country, "generic": m.generic, "reason": m.reason}))  # fmt: skip


@app.command()
def geocode(
    place: Annotated[str, typer.Argument(help='A place as written, e.g. "Kafer-Zaita" or "west of Idlib city".')],
    near: Annotated[Optional[str], typer.Option("--near", help="Another place of the same document, for disambiguation.")] = None,
    fmt: Annotated[JsonFmt, typer.Option("--format")] = JsonFmt.table,
    limit: Annotated[int, typer.Option("--limit")] = 5,
) -> None:
    """Geocode a place mention: candidates with score, coordinates, admin areas, geo_precision."""
    from dataclasses import asdict

    from sitrep.geo.gazetteer import load_gazetteer
    from sitrep.geo.resolve import PlaceContext, PlaceResolver

    resolver = PlaceResolver(load_gazetteer())
    ctx = PlaceContext()
    if near:
        anchor = resolver.resolve_phrase(near)
        if anchor is None:
            raise InputError(f"--near {near!r}: place not found")
        ctx = PlaceContext(admin1_hints=(anchor.admin1,) if anchor.admin1 else (), focus=(anchor.latitude, anchor.longitude))
    best = resolver.resolve_phrase(place, ctx)
    cands = resolver.candidates(place, ctx, limit=limit)
    if best is not None and all(c.place_id != best.place_id for c in cands):
        cands = [best, *cands][:limit]
    elif best is not None:
        cands = [best, *[c for c in cands if c.place_id != best.place_id]][:limit]
    if not cands:
        out.print(f"{place!r}: no place found")
        raise typer.Exit(1)
    if fmt is JsonFmt.json:
        out.print_json(json.dumps([asdict(c) for c in cands], ensure_ascii=False))
        return
    t = Table("name", "score", "lat", "lon", "admin1", "admin2", "country", "geo_precision", "reason")
    for c in cands:
        t.add_row(c.name, f"{c.score:.2f}", f"{c.latitude:.4f}", f"{c.longitude:.4f}", c.admin1 or "", c.admin2 or "",
                  c.country or "", str(c.geo_precision), c.reason)  # fmt: skip
    out.print(t)


# --------------------------------------------------------------------------- demo
@app.command(name="spark-run")
def spark_run(
    inputs: Annotated[list[Path], typer.Argument(help="WARC(.gz), JSONL, Parquet files or directories of pages.")],
    out_dir: Annotated[Path, typer.Option("--out", help="Output directory for the Parquet datasets and ACLED CSV.")],
    master: Annotated[str, typer.Option("--master", help="local[*], local[2], spark://host:7077, yarn ...")] = "local[*]",
    partitions: Annotated[Optional[int], typer.Option("--partitions", min=1)] = None,
    manifest: ManifestOpt = None,
    published: PublishedOpt = None,
    source: SourceOpt = None,
    conf: Annotated[
        Optional[list[str]],
        typer.Option("--conf", help="Spark setting KEY=VALUE for the session spark-run starts (repeatable), "
                     "e.g. spark.driver.memory=4g."),  # fmt: skip
    ] = None,
) -> None:
    """Run the same pipeline on Apache Spark over a crawl; writes partitioned Parquet (needs the spark extra and Java)."""
    from sitrep.ingest.progress import quiet_spark

    settings = quiet_spark(_spark_conf(conf or []))  # Spark's own log at warnings
    try:
        from sitrep.scale import spark_run as run_spark
    except ImportError as exc:
        raise InputError(f"Spark support is not installed ({exc.name}): pip install 'sitrep[spark]'") from exc

    _check_paths(inputs)
    from sitrep.ingest.progress import busy

    with busy(err, f"spark-run on {master}"):  # a spinner with the seconds, on a terminal only
        report = run_spark([str(p) for p in inputs], str(out_dir), master=master, partitions=partitions,
                           manifest=_manifest(manifest), defaults=_defaults(published, source), conf=settings)  # fmt: skip
    skipped = sum(report.skips.values())
    out.print(
        f"{report.read} input(s) read, {report.documents} document(s), {report.duplicates} duplicate(s), "
        f"{report.events} event report(s), {report.merged_events} merged event(s), {skipped} skipped "
        f"in {report.seconds:.1f} s on {report.master} -> {out_dir}"
    )
    for reason, n in sorted(report.skips.items()):
        err.print(f"  skipped {n} input(s): {reason}")
    if report.documents == 0 and report.duplicates == 0:
        raise NothingIngested("nothing could be read")


def _spark_conf(items: list[str]) -> dict[str, str]:
    """`--conf KEY=VALUE` items as a dict; a malformed item is the user's error, named."""
    settings: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise InputError(f"--conf {item!r}: expected KEY=VALUE, e.g. spark.driver.memory=4g")
        settings[key.strip()] = value.strip()
    return settings


@app.command(name="import-parquet")
def import_parquet(
    out_dir: Annotated[Path, typer.Argument(help="A finished spark-run output directory.")],
    db: DbOpt = Path("sitrep.db"),
) -> None:
    """Load a spark-run output into a SQLite database, so the dashboard and exports work over it."""
    from sitrep.scale.importer import import_parquet as run_import
    from sitrep.store import Store

    _check_paths([out_dir])
    with Store(db) as store:
        counts = run_import(out_dir, store)
    out.print(", ".join(f"{k}: {v}" for k, v in counts.items()))


@app.command()
def serve(
    db: DbOpt = Path("sitrep.db"),
    host: Annotated[str, typer.Option("--host", help="Address to bind; anything but loopback exposes the store.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8765,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the dashboard in a browser.")] = False,
    review: Annotated[bool, typer.Option("--review", help="Review mode: confirm/reject/correct events (writes only the reviews table).")] = False,
    reviewer: Annotated[Optional[str], typer.Option("--reviewer", help="With --review: the name reviews are recorded under.")] = None,
) -> None:
    """Serve the local dashboard (map, timeline, actor graph, documents) over the database, read-only."""
    from sitrep.web import serve as run_server

    if not db.is_file():
        raise StoreError(f"{db}: database not found (run 'sitrep ingest' first)")
    out.print(f"dashboard: http://{host}:{port}/  (Ctrl+C to stop)")
    run_server(db, host=host, port=port, open_browser=open_browser, review=review, reviewer=reviewer)


@app.command()
def demo(
    db: Annotated[Path, typer.Option("--db", help="Database for the demo.")] = Path("sitrep-demo.db"),
    serve_it: Annotated[bool, typer.Option("--serve", help="Then serve the dashboard over the demo database.")] = False,
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8765,
) -> None:
    """Ingest the bundled demo corpus and print a summary (what `make demo` runs)."""
    from sitrep.demo_run import run_demo

    run_demo(out, db)
    if serve_it:
        from sitrep.web import serve as run_server

        out.print(f"dashboard: http://127.0.0.1:{port}/  (Ctrl+C to stop)")
        run_server(db, host="127.0.0.1", port=port)
    else:
        out.print(f"dashboard: http://127.0.0.1:{port}/  (start it with `make dashboard` or `sitrep demo --serve`)")


from sitrep.review.cli import review as _review  # noqa: E402 - the verb lives with its package

app.command(name="review")(_review)


@app.command()
def version() -> None:
    """Print the version (also `sitrep --version`)."""
    out.print(_package_version())


def main() -> None:
    """Entry point: one line per error, never a traceback (unless SITREP_DEBUG=1)."""
    debug = bool(os.environ.get("SITREP_DEBUG"))
    try:
        app(standalone_mode=False)
    except SitrepError as exc:
        sys.stderr.write(f"{exc}\n")
        sys.exit(1)
    except sqlite3.DatabaseError as exc:  # met after the open-time checks: a damaged page, a lock
        if debug:
            raise
        typed = StoreError if isinstance(exc, sqlite3.OperationalError) else CorruptStore
        sys.stderr.write(f"{typed(f'the database cannot be read: {exc}')}\n")
        sys.exit(1)
    except (typer.Abort, KeyboardInterrupt):
        err.print("aborted")
        sys.exit(130)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except Exception as exc:  # usage errors and anything unexpected
        show = getattr(exc, "show", None)
        if callable(show) and hasattr(exc, "exit_code"):  # click/typer usage errors
            show()
            sys.exit(exc.exit_code)
        if debug:
            raise
        sys.stderr.write(f"error[E999]: internal error: {exc.__class__.__name__}: {exc} (set SITREP_DEBUG=1 for details)\n")
        sys.exit(2)
