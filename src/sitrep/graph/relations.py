"""Relations between actors stated in article text ("Turkish-backed X", "X, a
member group of Y", "affiliated with", "backed by", "coalition of").

The cue phrases are regular expressions in ``data/relations.yaml`` with named
groups for the two sides; each side is resolved to a canonical actor with the
actor resolver (`sitrep.knowledge.actors.ActorResolver`). When a side's
capitalised phrase does not resolve as a whole, words are dropped from its far
end (leading words for the left side, trailing for the right) until it does, so
"Yesterday Jaysh al-Izza" still finds Jaysh al-Izza. A "<X>-backed" modifier
that is not itself an actor ("Turkish") is tried as "<X> forces". Generic
actors ("militants" -> an unidentified armed group) are dropped unless asked
for: an edge to "somebody" says little.

Only body paragraphs are read (never comments). Each relation keeps its
evidence: the sentence's span in `Document.text` and its text, and the
document's published date.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol


from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError
from sitrep.regexgate import Gate, passes, required_literals
from sitrep.records import Document

RELATION_TYPES = ("fought", "attacked", "allied_with", "backed_by", "member_of", "arrested", "negotiated_with")
_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[\"\u201c(]?[A-Z0-9])")
_PLACEHOLDER = re.compile(r"\{([A-Z]+)\}")


class Resolver(Protocol):
    def resolve(self, text: str, context: Any = None) -> Any: ...


@dataclass(frozen=True, slots=True)
class Relation:
    """One stated relation: `src` <type> `dst` ("SNA backed_by Turkey")."""

    src: str  # canonical actor name
    dst: str
    type: str
    doc_id: str
    start: int  # sentence span in Document.text
    end: int
    text: str
    date: date | None
    src_id: str | None = None
    dst_id: str | None = None
    src_inter: int | None = None
    dst_inter: int | None = None
    cue: str = ""  # the matched phrase

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d["date"] = self.date.isoformat() if self.date else None
        return d


@dataclass(frozen=True, slots=True)
class Cue:
    type: str
    pattern: re.Pattern[str]
    gate: Gate | None = None  # words every match contains (sitrep.regexgate); None: always run


@dataclass(frozen=True, slots=True)
class RelationRules:
    cues: tuple[Cue, ...]
    by_sub_event_type: dict[str, str]
    by_event_type: dict[str, str]
    prefix_forms: tuple[str, ...] = ("{X}",)

    def edge_type(self, event_type: str | None, sub_event_type: str | None) -> str | None:
        if sub_event_type and sub_event_type in self.by_sub_event_type:
            return self.by_sub_event_type[sub_event_type]
        return self.by_event_type.get(event_type or "")


def load_relation_rules(path: str | Path | None = None) -> RelationRules:
    return _load_rules(None if path is None else str(path))


@lru_cache(maxsize=4)
def _load_rules(path: str | None) -> RelationRules:
    raw, label = read_yaml_mapping(path, "relations.yaml")
    if not isinstance(raw.get("cues"), dict):
        raise DataFileError(f"{label}: field 'cues' must map relation type -> [patterns]")
    holders = {str(k): str(v) for k, v in (raw.get("placeholders") or {}).items()}

    def expand(s: str, depth: int = 0) -> str:
        if depth > 5:
            raise DataFileError(f"{label}: field 'placeholders' refer to each other in a loop")

        def sub(m: re.Match[str]) -> str:
            if m.group(1) not in holders:
                raise DataFileError(f"{label}: placeholder {{{m.group(1)}}} is not defined in 'placeholders'")
            return expand(holders[m.group(1)], depth + 1)

        return _PLACEHOLDER.sub(sub, s)

    cues: list[Cue] = []
    for rtype, patterns in raw["cues"].items():
        if rtype not in RELATION_TYPES:
            raise DataFileError(f"{label}: field 'cues.{rtype}' is not a relation type ({', '.join(RELATION_TYPES)})")
        for i, p in enumerate(patterns or []):
            try:
                rx = re.compile(expand(str(p)))
                cues.append(Cue(str(rtype), rx, required_literals(rx)))
            except re.error as exc:
                raise DataFileError(f"{label}: field 'cues.{rtype}[{i}]' is not a valid regex ({exc})") from exc
    edges = raw.get("event_edges") or {}
    for section in ("by_sub_event_type", "by_event_type"):
        for k, v in (edges.get(section) or {}).items():
            if v not in RELATION_TYPES:
                raise DataFileError(f"{label}: field 'event_edges.{section}.{k}' names unknown type {v!r}")
    return RelationRules(
        tuple(cues), dict(edges.get("by_sub_event_type") or {}), dict(edges.get("by_event_type") or {}),
        tuple(str(f) for f in raw.get("prefix_forms") or ["{X}"]),
    )


def sentences(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of the sentences of `text`, offsets shifted by `offset`."""
    pos = 0
    for piece in [*_SENT_SPLIT.split(text)]:
        i = text.find(piece, pos)
        a, b = i, i + len(piece)
        pos = b
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            yield offset + a, offset + b, text[a:b]


def _context(country: str | None, published: date | None) -> Any:
    try:
        from sitrep.knowledge.actors import ActorContext
    except ImportError:  # pragma: no cover - the resolver ships with the package
        return None
    return ActorContext(country=country, date=published)


def _usable(m: Any, keep_generic: bool) -> bool:
    return m is not None and getattr(m, "actor_id", None) and (keep_generic or not getattr(m, "generic", False))


def _resolve_side(resolver: Resolver, phrase: str, ctx: Any, trim: str, keep_generic: bool) -> Any:
    """Resolve a phrase, dropping words from the `trim` end ("left"/"right") until it resolves."""
    words = phrase.split()
    for n in range(len(words), 0, -1):
        part = " ".join(words[len(words) - n :] if trim == "left" else words[:n])
        if part.lower() in {"the", "a", "an"}:
            continue
        m = resolver.resolve(part, ctx)
        if _usable(m, keep_generic):
            return m
    return None


def _resolve_prefix(resolver: Resolver, prefix: str, ctx: Any, keep_generic: bool, forms: tuple[str, ...]) -> Any:
    for form in forms:
        m = resolver.resolve(form.replace("{X}", prefix), ctx)
        if _usable(m, keep_generic):
            return m
    return None


def _split_list(text: str) -> list[str]:
    parts = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", text)
    return [p.strip() for p in parts if p.strip()]


def extract_relations(
    doc: Document,
    resolver: Resolver,
    *,
    country: str | None = "SY",
    keep_generic: bool = False,
    rules: RelationRules | None = None,
) -> list[Relation]:
    """Relations stated in the body paragraphs of `doc`, with sentence evidence."""
    rules = rules or load_relation_rules()
    published = doc.meta.published
    ctx = _context(country, published)
    body = doc.segmentation.body
    if ctx is not None and hasattr(resolver, "learn_acronyms"):
        resolver.learn_acronyms("\n".join(p.text for p in body), ctx)
    out: list[Relation] = []
    seen: set[tuple[str, str, str, int]] = set()
    for para in body:
        for s_start, s_end, sent in sentences(para.text, para.start):
            for cue in rules.cues:
                if not passes(cue.gate, sent):
                    continue  # the sentence lacks every word a match of this cue needs
                for m in cue.pattern.finditer(sent):
                    groups = m.groupdict()
                    b_text = groups.get("b")
                    if not b_text:
                        continue
                    other = m.start("a") if groups.get("a") else m.start("list")
                    b_first = m.start("b") < other
                    is_prefix = b_first and sent[m.end("b") : m.end("b") + 1] == "-"
                    if is_prefix:
                        b = _resolve_prefix(resolver, b_text, ctx, keep_generic, rules.prefix_forms)
                    else:
                        b = _resolve_side(resolver, b_text, ctx, "left" if b_first else "right", keep_generic)
                    if b is None:
                        continue
                    sources: list[Any] = []
                    if groups.get("list"):
                        for item in _split_list(groups["list"]):
                            a = _resolve_side(resolver, item, ctx, "right", keep_generic)
                            if a is not None:
                                sources.append(a)
                    elif groups.get("a"):
                        a = None
                        if is_prefix:
                            # "Turkish-backed militants": the resolver knows the state's proxy
                            whole = resolver.resolve(sent[m.start("b") : m.end("a")], ctx)
                            if _usable(whole, False) and whole.actor_id != b.actor_id:
                                a = whole
                        if a is None:
                            a = _resolve_side(resolver, groups["a"], ctx, "right" if b_first else "left", keep_generic)
                        if a is not None:
                            sources.append(a)
                    for a in sources:
                        if a.actor_id == b.actor_id:
                            continue
                        key = (a.actor_id, b.actor_id, cue.type, s_start)
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(
                            Relation(
                                src=a.name, dst=b.name, type=cue.type, doc_id=doc.doc_id,
                                start=s_start, end=s_end, text=sent, date=published,
                                src_id=a.actor_id, dst_id=b.actor_id, src_inter=a.inter, dst_inter=b.inter,
                                cue=m.group(0),
                            )  # fmt: skip
                        )
    return out
