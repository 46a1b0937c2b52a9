"""Work units: what the driver hands to Spark instead of page contents.

A unit is one input file (text, HTML, WARC, JSONL, gz: read by the same
`sitrep.ingest.read_path` as a local run) or one row group of a Parquet file.
The driver only lists paths and reads Parquet footers; pages are read inside the
tasks. Each unit carries its position in the local runner's reading order
(`iter_files` order, then record order) so that duplicates resolve exactly as
they do locally: the first copy read wins.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sitrep.errors import SKIP_BAD_RECORD, SKIP_UNREADABLE, InputError
from sitrep.records import DocMeta, RawDoc, Skip

PARQUET_SUFFIXES = (".parquet", ".parq")
PARQUET_COLUMNS = ("id", "text", "html", "url", "published", "source", "language", "title")

Order = tuple[int, int, int]  # (file index, row-group index, item index within the unit)


@dataclass(frozen=True, slots=True)
class Unit:
    index: int  # position of the file in reading order
    path: str
    row_group: int = -1  # Parquet row group; -1 = the whole file through read_path
    first_row: int = 0  # row number of the row group's first row in its file


def is_parquet(path: str | Path) -> bool:
    return str(path).lower().endswith(PARQUET_SUFFIXES)


def list_units(inputs: Iterable[str | Path]) -> list[Unit]:
    """Every unit of work under `inputs`, in the local runner's reading order."""
    from sitrep.ingest import iter_files

    units: list[Unit] = []
    for i, path in enumerate(iter_files(list(inputs))):
        if is_parquet(path) and path.is_file():
            groups = _row_groups(path)
            if groups is None:  # unreadable footer: let the reader report it as a skip
                units.append(Unit(i, str(path), 0, 0))
                continue
            first = 0
            for g, n in enumerate(groups):
                units.append(Unit(i, str(path), g, first))
                first += n
        else:
            units.append(Unit(i, str(path)))
    return units


def _row_groups(path: Path) -> list[int] | None:
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:  # pragma: no cover - pyarrow is installed with the scale extras
        raise InputError(f"{path}: reading Parquet needs pyarrow ({exc})") from exc
    try:
        md = pq.ParquetFile(path).metadata
    except Exception:  # noqa: BLE001 - a corrupt footer is a skip, reported by the task
        return None
    return [md.row_group(g).num_rows for g in range(md.num_row_groups)]


def _jsonable(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date().isoformat()
    if isinstance(v, date):
        return v.isoformat()
    return v


def read_parquet_unit(unit: Unit) -> Iterator[RawDoc | Skip]:
    """Rows of one Parquet row group as documents, through the JSONL record rules.

    A row is a record with a `text` or `html` column and optional metadata
    columns, exactly like a JSONL line, so `sitrep.ingest.jsonl.record_doc`
    decides (text wins over html, metadata types checked). Names default to
    `<file name>#<row number from 1>`.
    """
    import pyarrow.parquet as pq

    from sitrep.ingest.jsonl import record_doc

    path = Path(unit.path)
    try:
        pf = pq.ParquetFile(path)
        names = set(pf.schema_arrow.names)
        cols = [c for c in PARQUET_COLUMNS if c in names]
        if "text" not in names and "html" not in names:
            yield Skip(unit.path, SKIP_BAD_RECORD, "Parquet file has neither a 'text' nor an 'html' column")
            return
        table = pf.read_row_group(unit.row_group, columns=cols)
    except Exception as exc:  # noqa: BLE001 - one bad file must not end the job
        yield Skip(unit.path, SKIP_UNREADABLE, f"cannot read Parquet: {type(exc).__name__}: {exc}")
        return
    for i, rec in enumerate(table.to_pylist()):
        number = unit.first_row + i + 1
        record = {k: _jsonable(v) for k, v in rec.items() if v is not None}
        yield record_doc(record, f"{path.name}#{number}", f"{unit.path}#{number}")


def read_unit(unit: Unit, manifest: Mapping[str, DocMeta], defaults: DocMeta | None) -> Iterator[RawDoc | Skip]:
    """What `read_inputs` yields for this unit, with metadata filled in."""
    from sitrep.ingest import read_path, with_meta

    items = read_parquet_unit(unit) if unit.row_group >= 0 else read_path(Path(unit.path))
    for item in items:
        yield with_meta(item, manifest, defaults)
