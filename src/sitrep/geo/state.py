"""The state `PlaceResolver.__init__` builds, declared once for all parts of the resolver.

The resolver is one class assembled from parts in several modules (see resolve.py).
Each part reads the indexes and caches built in `PlaceResolver.__init__`; declaring
them here (annotations only, nothing is set) gives every part the same typed view of
them and one place to read what the resolver holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from sitrep.geo.cues import Cues
    from sitrep.geo.gazetteer import Gazetteer
    from sitrep.geo.normalise import Translit

Candidates = tuple[tuple[int, float], ...]  # ((place index, similarity 0-100), ...)
StageHits = tuple[str, Candidates]  # (cascade stage, candidates); ("", ()) when none


class ResolverState:
    """Attributes of a `PlaceResolver` (set in its `__init__`)."""

    gaz: Gazetteer
    cues: Cues
    _translit: Translit
    _skel_of_key: dict[str, str]  # Syrian keys' skeletons, for the in-area tie-break
    _blocks: dict[str, list[str]]  # skeleton prefix -> keys, the fuzzy blocks
    _area_keys: dict[str, list[str]]  # governorate -> keys of its Syrian places
    _headed: dict[tuple[str, str], list[str]]  # (governorate, key of X) -> keys of "Hawsh X" ...
    _admin1_place: dict[str, int]  # governorate name -> index of its ADM1 record
    _adm1_point: dict[int, tuple[float, float]]  # ADM1 index -> the point of the town standing for it
    _world_admin1: dict[str, tuple[int, ...]]  # exact key -> other countries' ADM1 records
    _district_seat: dict[tuple[str, str], int]  # (admin1, admin2) -> index of the seat town
    _ids: dict[str, int] | None  # place_id -> index, built on first need
    _suffix_words: frozenset[str]
    _coord_split: dict
    # memoised helpers (functools.lru_cache over the *_uncached methods)
    _lookup: Callable[[str, str | None], StageHits]
    _lookup_area: Callable[[str, frozenset[str], str | None], StageHits]
    _qualified_keys: Callable[[str], tuple[tuple[str, ...], str]]
    _resolve_cached: Callable
    _has_content: Callable[[str], bool]
    _strip_fillers: Callable[[str], str]
    _hint_set: Callable[[tuple[str, ...]], frozenset[str]]
