"""`sitrep watch CONFIG.yaml`: poll feeds, sitemaps, URL lists and folders, ingest what is new.

A config lists sources, each with its own interval (seconds, default the file's
`interval`):

    interval: 900
    fetch: {timeout: 20, min_interval: 2}     # sitrep.ingest.fetch.FetchSettings keys
    sources:
      - feed: https://example.org/rss.xml
        match: /news/
      - sitemap: https://example.org/sitemap.xml
        interval: 3600
      - urls: [https://example.org/a, https://example.org/b]
      - folder: inbox/

Each due source is one ordinary ingest run (read -> segment -> extract -> store
-> fuse) fed through `items`, so the batching and the one-transaction-per-batch
guarantee are the runner's. Feeds are asked with their saved ETag/Last-Modified
and the validators are saved only after the run commits. A source that fails
(its feed is down, its folder is gone) is reported and the others go on.

Stopping: SIGTERM or Ctrl-C sets a flag that the item stream checks before each
next item; the runner then commits the batch it holds, fuses, and the loop ends.
Nothing half-read is kept, and the next run fetches what was not reached. A
second Ctrl-C stops at once (the store is still consistent: the open batch's
transaction is rolled back).
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sitrep.errors import InputError
from sitrep.ingest.fetch import FetchSettings, is_url
from sitrep.ingest.remote import WebInputs
from sitrep.records import RawDoc, Skip

# A poll more often than this is refused: it would hammer a feed for nothing.
MIN_INTERVAL_SECONDS = 1.0
DEFAULT_INTERVAL_SECONDS = 900.0  # GDELT's update cycle is 15 minutes; news feeds rarely change faster
_KINDS = ("feed", "sitemap", "urls", "folder")


@dataclass(frozen=True, slots=True)
class Source:
    """One thing to poll."""

    kind: str  # feed | sitemap | urls | folder
    targets: tuple[str, ...]
    interval: float
    since: date | None = None
    match: re.Pattern[str] | None = None

    @property
    def label(self) -> str:
        first = self.targets[0] if self.targets else ""
        return f"{self.kind} {first}" + (f" (+{len(self.targets) - 1})" if len(self.targets) > 1 else "")


@dataclass(frozen=True, slots=True)
class WatchConfig:
    sources: tuple[Source, ...]
    fetch: FetchSettings = field(default_factory=FetchSettings)


def load_config(path: Path) -> WatchConfig:
    """Read and check a watch config; every problem names the file and the entry."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from exc
    if not isinstance(data, dict) or not isinstance(data.get("sources"), list) or not data["sources"]:
        raise InputError(f"{path}: expected a mapping with a non-empty 'sources' list")
    unknown = sorted(set(data) - {"interval", "fetch", "sources"})
    if unknown:
        raise InputError(f"{path}: unknown key(s) {', '.join(unknown)} (known: interval, fetch, sources)")
    default = _interval(data.get("interval", DEFAULT_INTERVAL_SECONDS), f"{path}: interval")
    fetch_values = data.get("fetch") or {}
    if not isinstance(fetch_values, dict):
        raise InputError(f"{path}: 'fetch' must be a mapping of fetch settings")
    try:
        fetch = FetchSettings.from_mapping(fetch_values)
    except InputError as exc:
        raise InputError(f"{path}: {exc.message}") from exc
    sources = tuple(_source(entry, i, default, path) for i, entry in enumerate(data["sources"], start=1))
    return WatchConfig(sources, fetch)


def _interval(value: Any, where: str) -> float:
    try:
        seconds = float(value)
    except (TypeError, ValueError) as exc:
        raise InputError(f"{where}: {value!r} is not a number of seconds") from exc
    if seconds < MIN_INTERVAL_SECONDS:
        raise InputError(f"{where}: {seconds:g} s is below the {MIN_INTERVAL_SECONDS:g} s minimum")
    return seconds


def _source(entry: Any, index: int, default: float, path: Path) -> Source:
    where = f"{path}: source {index}"
    if not isinstance(entry, dict):
        raise InputError(f"{where}: expected a mapping such as {{feed: URL}}")
    kinds = [k for k in _KINDS if k in entry]
    if len(kinds) != 1:
        raise InputError(f"{where}: needs exactly one of {', '.join(_KINDS)}")
    kind = kinds[0]
    unknown = sorted(set(entry) - {kind, "interval", "since", "match"})
    if unknown:
        raise InputError(f"{where}: unknown key(s) {', '.join(unknown)}")
    raw = entry[kind]
    targets = tuple(str(t) for t in (raw if isinstance(raw, list) else [raw]))
    if not targets:
        raise InputError(f"{where}: '{kind}' is empty")
    if kind == "folder":
        targets = tuple(str((path.parent / t) if not Path(t).is_absolute() else Path(t)) for t in targets)
    else:
        bad = [t for t in targets if not is_url(t)]
        if bad:
            raise InputError(f"{where}: {bad[0]!r} is not an http(s) URL")
    since = entry.get("since")
    if since is not None and not isinstance(since, date):
        try:
            since = date.fromisoformat(str(since))
        except ValueError as exc:
            raise InputError(f"{where}: since {since!r} is not a YYYY-MM-DD date") from exc
    match = entry.get("match")
    try:
        pattern = re.compile(str(match)) if match is not None else None
    except re.error as exc:
        raise InputError(f"{where}: match {match!r} is not a regular expression ({exc})") from exc
    return Source(kind, targets, _interval(entry.get("interval", default), f"{where}: interval"), since, pattern)


class StopFlag:
    """Set by SIGTERM / the first Ctrl-C; checked between items so a batch is never cut."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def set(self) -> None:
        self._event.set()

    def __bool__(self) -> bool:
        return self._event.is_set()

    def wait(self, seconds: float) -> bool:
        return self._event.wait(seconds)

    def install(self) -> Callable[[], None]:
        """Catch SIGTERM and SIGINT (a second SIGINT interrupts at once); returns the undo."""
        previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

        def on_signal(signum: int, _frame: Any) -> None:
            if signum == signal.SIGINT and self:
                raise KeyboardInterrupt
            self.set()

        for sig in previous:
            signal.signal(sig, on_signal)

        def undo() -> None:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

        return undo


def until_stopped(items: Iterable[RawDoc | Skip], stop: StopFlag) -> Iterator[RawDoc | Skip]:
    """`items` until `stop` is set (checked before each next item is read or fetched)."""
    iterator = iter(items)
    while not stop:
        try:
            item = next(iterator)
        except StopIteration:
            return
        yield item


@dataclass(slots=True)
class PollResult:
    source: Source
    added: int = 0
    already: int = 0
    events: int = 0
    skips: list[Skip] = field(default_factory=list)
    stored_urls: int = 0
    error: str | None = None

    def line(self) -> str:
        if self.error:
            return f"{self.source.label}: failed: {self.error}"
        return (f"{self.source.label}: {self.added} new document(s), {self.events} event report(s), "
                f"{self.already + self.stored_urls} already stored, {len(self.skips)} not ingested")  # fmt: skip


def poll_source(
    source: Source,
    store: Any,
    fetch: FetchSettings,
    stop: StopFlag,
    ingest_kwargs: dict[str, Any],
    console: Any | None = None,
) -> PollResult:
    """One poll of one source as one ingest run; a failure is returned, never raised.

    With a `console` that is a terminal, the poll shows a progress bar (sitrep.ingest.progress).
    """
    from contextlib import nullcontext

    from sitrep.errors import SitrepError
    from sitrep.ingest import read_inputs
    from sitrep.ingest.progress import RunProgress
    from sitrep.runner import ingest

    result = PollResult(source)
    web: WebInputs | None = None
    try:
        if source.kind == "folder":
            from sitrep.store.lock import own_files

            items: Iterable[RawDoc | Skip] = read_inputs(list(source.targets), exclude=own_files(store.path))
        else:
            web = WebInputs(settings=fetch, since=source.since, match=source.match, conditional=True)
            (web.urls if source.kind == "urls" else web.feeds).extend(source.targets)
            items = web.items(store.conn)
        kwargs = dict(ingest_kwargs)
        with RunProgress(console, source.label[:30]) if console is not None else nullcontext() as bar:
            if bar is not None:
                kwargs["extractor"] = bar.counting(kwargs.get("extractor"))
                kwargs["progress"] = bar.tick
            report = ingest([], store, items=until_stopped(items, stop), **kwargs)
        if web is not None and not stop:  # a stopped poll re-reads its feeds in full next time
            web.save_validators(store.conn)
    except SitrepError as exc:
        result.error = exc.message
        return result
    except OSError as exc:
        result.error = f"{type(exc).__name__}: {exc}"
        return result
    result.added, result.already, result.events = report.added, report.already, report.events
    result.skips = list(report.skips)
    result.stored_urls = web.report.stored if web is not None else 0
    return result


def watch(
    config: WatchConfig,
    store: Any,
    *,
    once: bool = False,
    stop: StopFlag | None = None,
    report: Callable[[PollResult], None] = lambda r: None,
    ingest_kwargs: dict[str, Any] | None = None,
    clock: Callable[[], float] = time.monotonic,
    console: Any | None = None,
) -> int:
    """Poll until stopped (or one round with `once`); returns the number of polls made."""
    stop = stop if stop is not None else StopFlag()  # not `or`: an unset flag is falsy
    due = {i: 0.0 for i in range(len(config.sources))}
    polls = 0
    while not stop:
        now = clock()
        for i, source in enumerate(config.sources):
            if stop:
                break
            if due[i] > now:
                continue
            report(poll_source(source, store, config.fetch, stop, ingest_kwargs or {}, console))
            polls += 1
            due[i] = clock() + source.interval
        if once:
            break
        stop.wait(max(0.0, min(due.values()) - clock()))
    return polls


def loaded_once(factory: Callable[[], Any]) -> Callable[[], Any]:
    """`factory` called on first use only: the NLP model is loaded once for all polls, and not at all
    while nothing new arrives."""
    held: list[Any] = []

    def get() -> Any:
        if not held:
            held.append(factory())
        return held[0]

    return get


def run_watch(config: WatchConfig, store: Any, *, once: bool, ingest_kwargs: dict[str, Any],
              say: Callable[[str], None], warn: Callable[[str], None], console: Any | None = None) -> int:  # fmt: skip
    """What `sitrep watch` does: poll with signals caught, print a line per poll and per skip."""
    stop = StopFlag()
    undo = stop.install()

    def report(result: PollResult) -> None:
        say(f"{time.strftime('%H:%M:%S')} {result.line()}")
        for skip in result.skips:
            warn(f"  {skip.line()}")

    try:
        polls = watch(config, store, once=once, stop=stop, report=report, ingest_kwargs=ingest_kwargs, console=console)
    finally:
        undo()
    say(f"{'stopped' if stop else 'done'} after {polls} poll(s)")
    return polls
