"""Reading the project's YAML data files (and users' replacements for them).

Every data file is a YAML mapping. Loading one is the same everywhere: the
packaged copy under `sitrep/data/` unless the caller names another file, one
`DataFileError` naming the file when it cannot be read, is not YAML, or is not
a mapping. Field-level checks stay with each loader, which knows the fields.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import DataFileError


def read_yaml_mapping(path: str | Path | None, packaged: str) -> tuple[dict[str, Any], str]:
    """(data, origin) of a YAML mapping: `path`, or `sitrep/data/<packaged>` when None.

    `origin` is how error messages name the file.
    """
    if path is None:
        origin = f"sitrep/data/{packaged}"
        try:
            text = resources.files("sitrep").joinpath("data", *packaged.split("/")).read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(f"{origin}: cannot read: {exc}") from exc
    else:
        origin = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise DataFileError(f"{origin}: cannot read: {exc}") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{origin}: not valid YAML ({exc.__class__.__name__})") from exc
    if not isinstance(data, dict):
        raise DataFileError(f"{origin}: expected a mapping at the top level")
    return data, origin
