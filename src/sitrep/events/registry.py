"""Event stages registered by name, assembled from `data/events/pipeline.yaml`.

Like spaCy's `Language.factory`: a stage class registers under a name with the
`Mention` slots it `assigns` and `requires`; registering another class under a taken
name raises. `build_stages` reads the stage list and each stage's settings from the
data file (a user file may replace it), checks every stage's `requires` is assigned
by an earlier stage, and returns the instances in order.
"""

from __future__ import annotations

import inspect

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError

STAGES: dict[str, type[Stage]] = {}
# Slots a `Mention` has before any stage runs.
GIVEN_SLOTS = frozenset({"trig", "head"})


class Stage:
    """One job over one `Mention`: read some slots, write others, or `stop` it.

    Subclasses set `name`, `assigns`, `requires` through `@register`, take their
    settings as keyword arguments (defaults here, values from pipeline.yaml), and
    implement `__call__(m, st, s, par)`.
    """

    name: ClassVar[str] = ""
    assigns: ClassVar[tuple[str, ...]] = ()
    requires: ClassVar[tuple[str, ...]] = ()

    def __init__(self, kit: Any, **settings: Any) -> None:
        self.kit = kit
        self.lex = kit.lex
        if settings:
            raise DataFileError(f"pipeline.yaml: stage '{self.name}' has no setting(s) {sorted(settings)}")

    def __call__(self, m: Any, st: Any, s: Any, par: Any) -> None:  # pragma: no cover - abstract
        raise NotImplementedError


def register(name: str, *, assigns: tuple[str, ...], requires: tuple[str, ...] = ()):
    """Class decorator: register a `Stage` subclass under `name`."""

    def deco(cls: type[Stage]) -> type[Stage]:
        if name in STAGES and STAGES[name] is not cls:
            raise ValueError(f"event stage '{name}' is already registered by {STAGES[name].__qualname__}")
        cls.name, cls.assigns, cls.requires = name, tuple(assigns), tuple(requires)
        STAGES[name] = cls
        return cls

    return deco


@dataclass(frozen=True, slots=True)
class StageSpec:
    name: str
    settings: dict[str, Any]


def read_pipeline(path: str | Path | None = None) -> list[StageSpec]:
    """The stage list of a pipeline file (the packaged one when `path` is None)."""
    data, origin = read_yaml_mapping(path, "events/pipeline.yaml")
    raw = data.get("stages")
    if not isinstance(raw, list) or not raw:
        raise DataFileError(f"{origin}: 'stages' must be a non-empty list")
    out: list[StageSpec] = []
    for i, item in enumerate(raw):
        if isinstance(item, str):
            item = {"name": item}
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise DataFileError(f"{origin}: stages[{i}] needs a 'name'")
        settings = item.get("settings") or {}
        if not isinstance(settings, dict):
            raise DataFileError(f"{origin}: stages[{i}].settings must be a mapping")
        out.append(StageSpec(item["name"], dict(settings)))
    return out


def build_stages(kit: Any, specs: list[StageSpec]) -> list[Stage]:
    """Instantiate the stages in order; unknown names and unmet `requires` are errors."""
    import sitrep.events.stages  # noqa: F401  (registers the built-in stages)

    have = set(GIVEN_SLOTS)
    out: list[Stage] = []
    for spec in specs:
        cls = STAGES.get(spec.name)
        if cls is None:
            raise DataFileError(f"pipeline.yaml: unknown event stage '{spec.name}' (known: {', '.join(sorted(STAGES))})")
        missing = [r for r in cls.requires if r not in have]
        if missing:
            raise DataFileError(f"pipeline.yaml: stage '{spec.name}' needs {missing} from an earlier stage")
        params = inspect.signature(cls.__init__).parameters
        if not any(p.kind is p.VAR_KEYWORD for p in params.values()):
            unknown = sorted(k for k in spec.settings if k not in params)
            if unknown:
                raise DataFileError(f"pipeline.yaml: stage '{spec.name}' has no setting(s) {unknown}")
        out.append(cls(kit, **spec.settings))
        have.update(cls.assigns)
    return out
