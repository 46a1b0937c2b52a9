"""Progress for long runs: a Rich bar on a terminal, nothing but the verb's summary line elsewhere.

Why: ingesting five pages was 23 s of silence (most of it loading the NLP model)
and a crawl of thousands gave no sign of life. On a terminal the bar shows
documents read, event reports found, the rate and the time elapsed (and the
time left when the number of inputs is known). When stderr is not a terminal
(CI, cron, a pipe) the bar is off, so logs hold only the one-line summary each
verb prints at the end.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.text import Text


class RateColumn(ProgressColumn):
    """Documents per second since the start (Rich's own speed column is for bytes)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{rate:.1f} docs/s")


class RunProgress:
    """A progress display for one run; use as a context manager.

    `tick(origin)` counts one input read; `counting(extractor)` wraps the event
    stage (an extractor or the factory the runner calls lazily) so that event
    reports are counted as they come out; `status(text)` says what is happening
    between inputs (loading the model, fusing).
    """

    def __init__(self, console: Console, label: str, total: int | None = None) -> None:
        self.enabled = console.is_terminal
        self.documents = 0
        self.events = 0
        self.started = time.monotonic()
        self._progress = Progress(
            TextColumn(f"[bold]{label}"), BarColumn(), TextColumn("{task.completed} docs"),
            TextColumn("{task.fields[events]} events"), RateColumn(), TimeElapsedColumn(), TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=console, transient=True, disable=not self.enabled,
        )  # fmt: skip
        self._task = self._progress.add_task("", total=total, events=0)

    def __enter__(self) -> "RunProgress":
        self._progress.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._progress.__exit__(*exc)  # type: ignore[arg-type]

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started

    def tick(self, origin: str) -> None:
        self.documents += 1
        name = Path(origin.split("#")[0].rstrip("/")).name or origin
        self._progress.update(self._task, advance=1, description=name[:40])

    def status(self, text: str) -> None:
        self._progress.update(self._task, description=text)

    def add_events(self, n: int) -> None:
        self.events += n
        self._progress.update(self._task, events=self.events)

    def counting(self, extractor: Any) -> Any:
        """The same extractor (or lazy factory) with its event reports counted on the bar."""
        if extractor is None:
            return None
        if hasattr(extractor, "extract"):
            return _Counting(extractor, self)

        def factory() -> Any:
            self.status("loading the NLP model ...")
            return _Counting(extractor(), self)

        return factory


class _Counting:
    """An extractor that reports how many events each document gave."""

    def __init__(self, inner: Any, progress: RunProgress) -> None:
        self._inner = inner
        self._progress = progress

    def extract(self, docs: Iterable[Any]) -> Iterator[Any]:
        for result in self._inner.extract(docs):
            self._progress.add_events(len(result[1]))
            yield result

    def __getattr__(self, name: str) -> Any:  # trace_sink and the like reach the real extractor
        return getattr(self._inner, name)


def with_progress(console: Console, label: str) -> Callable[[], RunProgress]:
    """A factory of RunProgress for verbs that run several passes (watch: one per poll)."""
    return lambda: RunProgress(console, label)


SPARK_JAVA_OPTIONS = "spark.driver.extraJavaOptions"


def quiet_spark(conf: dict[str, str]) -> dict[str, str]:
    """`conf` with Spark's own log turned down to warnings (the user's own Java options win).

    spark-run on five pages printed Spark's start-up notices and Java warnings around
    the one line that mattered. The driver JVM is given sitrep's log4j2 file
    (data/spark/log4j2.properties: WARN and above, two notices that say nothing about
    the run left out), and PySpark's warning about the installed pandas version,
    which concerns features sitrep does not use, is not shown.
    """
    import warnings
    from importlib import resources

    warnings.filterwarnings("ignore", category=FutureWarning, module=r"pyspark\.")
    if SPARK_JAVA_OPTIONS in conf:
        return conf
    config = resources.files("sitrep").joinpath("data", "spark", "log4j2.properties")
    return {**conf, SPARK_JAVA_OPTIONS: f"-Dlog4j2.configurationFile={Path(str(config)).resolve().as_uri()}"}


def tracked(console: Console, label: str, items: Iterable[Any]) -> Iterator[Any]:
    """`items` (runner.extract's results and Skips) passed through, with a bar on a terminal."""
    with RunProgress(console, label) as bar:
        for item in items:
            origin = getattr(item, "origin", None)
            if origin is None and isinstance(item, tuple) and item:
                origin = getattr(item[0], "origin", "")
                bar.add_events(len(item[1]))
            bar.tick(str(origin or ""))
            yield item


@contextmanager
def busy(console: Console, what: str) -> Iterator[None]:
    """A spinner with the time elapsed for one long step (fusing, scoring) on a terminal; nothing elsewhere."""
    if not console.is_terminal:
        yield
        return
    started = time.monotonic()
    with console.status(what) as status:
        stop = threading.Event()

        def clock() -> None:
            while not stop.wait(1.0):
                status.update(f"{what} {time.monotonic() - started:.0f} s")

        ticker = threading.Thread(target=clock, daemon=True)
        ticker.start()
        try:
            yield
        finally:
            stop.set()
            ticker.join()
