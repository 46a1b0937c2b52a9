"""Actor ontology: typed records and a strict loader for ``data/actors/*.yaml``.

All domain knowledge (actors, aliases, units, same-name traps, demonyms, force
nouns, generic words) lives in the YAML files; this module only reads and
checks them. Every problem is a :class:`~sitrep.errors.DataFileError` whose
message names the file, the actor id (or section) and the field.

The loader reads either one YAML file or every ``*.yaml`` file of a folder
(sorted by name); sections of all files are merged. Nothing is read at import
time: call :func:`load_ontology` and cache the result.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from sitrep.errors import DataFileError, NotFound

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "data" / "actors"

INTER_LABELS = {
    1: "State Forces",
    2: "Rebel Groups",
    3: "Political Militias",
    4: "Identity Militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other Forces",
}
AFFILIATION_TYPES = ("member_of", "backed_by", "successor_of", "allied_with")
STATE_ROLES = ("military", "police", "government")

_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_ISO2_RE = re.compile(r"^[A-Z]{2}$")

# ------------------------------------------------------------ normalisation
_TRANSLATE = str.maketrans(
    {
        "\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u02bb": "'", "`": "'", "\u00b4": "'",
        "\u2032": "'", "\u201c": '"', "\u201d": '"', "\u2010": "-", "\u2011": "-",
        "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00a0": " ", "\u200b": "",
    }
)
_EDGE_PUNCT = " \t\r\n.,;:!?\"()[]{}*"
_POSSESSIVE_RE = re.compile(r"(?:'s|s')$|(?<=[A-Za-z])'$")
_ACRONYM_ALIAS_RE = re.compile(r"^[A-Za-z0-9&/-]{2,8}$")


def clean_surface(text: str) -> str:
    """Quotes, dashes and spaces made plain; a leading "the" and a final possessive dropped.

    Case is kept (acronyms and proper-name checks need it).
    """
    s = unicodedata.normalize("NFKC", text).translate(_TRANSLATE)
    s = " ".join(s.split()).strip(_EDGE_PUNCT)
    s = re.sub(r"\s*-\s*", "-", s) if " -" in s or "- " in s else s
    if s[:4].lower() == "the ":
        s = s[4:].lstrip()
    m = _POSSESSIVE_RE.search(s)
    if m:
        s = s[: m.start()] if m.group(0) != "s'" else s[:-1]
    # a mention cut at a coordination ("the Police Forces and"): the dangling conjunction goes
    s = _DANGLING_RE.sub("", s)
    return s.strip(_EDGE_PUNCT)


_DANGLING_RE = re.compile(r"(?:\s+(?:and|or|&))+\s*$", re.IGNORECASE)


def surface_key(text: str) -> str:
    """The exact matching key: clean surface, casefolded."""
    return clean_surface(text).casefold()


def acronym_key(text: str) -> str | None:
    """The case-sensitive key of an acronym-like alias ("HTS", "U.S.", "HaD"), else None.

    Acronyms only match a surface written the same way, so "IS" and "US" never
    match the words "is" and "us".
    """
    s = clean_surface(text).replace(".", "")
    if not _ACRONYM_ALIAS_RE.match(s) or len(s) > 7:
        return None
    upper = sum(1 for c in s if c.isupper())
    return s if upper >= 2 and upper * 2 >= sum(1 for c in s if c.isalpha()) else None


def loose_key(key: str, folds: list[tuple[re.Pattern[str], str]]) -> str:
    """Spelling-variant key: no apostrophes, hyphens as spaces, transliteration folds."""
    s = key.replace("'", "").replace('"', "")
    s = " ".join(s.replace("-", " ").split())
    for pattern, repl in folds:
        s = pattern.sub(repl, s)
    return " ".join(s.split())


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", clean_surface(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


# ----------------------------------------------------------------- records
@dataclass(frozen=True)
class Affiliation:
    type: str  # member_of | backed_by | successor_of | allied_with
    target: str
    start: date | None = None
    end: date | None = None
    source: str = ""


@dataclass(frozen=True)
class Period:
    start: date
    end: date | None
    name: str


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    inter: int
    country: str | None
    aliases: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    descriptors: tuple[str, ...] = ()
    affiliations: tuple[Affiliation, ...] = ()
    state_role: str | None = None
    generic: bool = False
    generic_role: str | None = None
    periods: tuple[Period, ...] = ()
    notes: str = ""
    file: str = ""

    def name_on(self, day: date | None) -> str:
        """The ACLED name in force on `day` (earlier governments of a state force)."""
        if day is not None:
            for p in self.periods:
                if p.start <= day and (p.end is None or day < p.end):
                    return p.name
        return self.name


@dataclass(frozen=True)
class Ambiguous:
    """A name shared by several actors, resolved by the document's country."""

    aliases: tuple[str, ...]
    contexts: dict[str, str]  # ISO2 -> actor id
    default: str | None  # None: outside the listed countries the name is not resolved
    file: str = ""

    def pick(self, country: str | None) -> str | None:
        """The actor meant in `country`'s documents; None when the name means nothing there."""
        return self.contexts.get(country or "", self.default)


@dataclass(frozen=True)
class Joint:
    """Actors named as alternatives ("Syrian or Russian warplanes") that ACLED codes as one joint actor."""

    members: frozenset[str]  # actor ids
    actor: str  # the joint actor's id
    file: str = ""


@dataclass(frozen=True)
class Country:
    iso2: str
    name: str
    demonyms: tuple[str, ...]
    names: tuple[str, ...]
    state_name: str = ""
    seats: tuple[str, ...] = ()  # capitals / seats of power that alone stand for the government


@dataclass(frozen=True)
class ForceNoun:
    role: str
    air: bool = False
    theatre: bool = False  # alone: the state of the document's country ("soldiers", "police")
    site: bool = False  # a post or formation ("observation post", "patrol"): a state's force only after its demonym


@dataclass
class Ontology:
    actors: dict[str, Actor] = field(default_factory=dict)
    ambiguous: list[Ambiguous] = field(default_factory=list)
    countries: dict[str, Country] = field(default_factory=dict)
    default_country: str | None = None
    context_terms: frozenset[str] = frozenset()
    bare_state_nouns: frozenset[str] = frozenset()
    force_nouns: dict[str, ForceNoun] = field(default_factory=dict)
    force_modifiers: frozenset[str] = frozenset()
    generic: dict[str, str] = field(default_factory=dict)  # word -> role
    generic_roles: dict[str, dict[str, Any]] = field(default_factory=dict)
    unidentified: frozenset[str] = frozenset()
    quantifiers: tuple[str, ...] = ()
    modifiers: frozenset[str] = frozenset()
    link_words: tuple[str, ...] = ()
    backer_words: tuple[str, ...] = ()
    trailing_heads: frozenset[str] = frozenset()
    name_markers_arabic: frozenset[str] = frozenset()
    name_markers_english: frozenset[str] = frozenset()
    connectors: frozenset[str] = frozenset()
    translit_folds: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    tribal_heads: tuple[str, ...] = ()  # longest first: "tribal fighters" before "tribe"
    tribal_name: str = ""  # template with {tribe} and {country}
    tribal_inter: int = 4
    tribal_not_names: frozenset[str] = frozenset()
    proxies: dict[tuple[str, str], str] = field(default_factory=dict)  # (backer, theatre) -> id
    militia_proxies: dict[tuple[str, str], str] = field(default_factory=dict)  # same, for militia nouns
    militia_nouns: frozenset[str] = frozenset()
    irregular_nouns: frozenset[str] = frozenset()  # "pro-X gunmen": a militia on X's side, not X's army
    holder_words: tuple[str, ...] = ()  # "<X>-held Y" -> X
    role_labels: dict[str, str] = field(default_factory=dict)  # state role -> "Police Forces of"
    ethnic: dict[tuple[str, str], str] = field(default_factory=dict)  # (adjective key, theatre) -> id
    abroad_inter: int | None = None  # code of a state's forces outside their own country (ACLED: 8)
    joint: list[Joint] = field(default_factory=list)
    qualified_generic: dict[str, dict[str, str]] = field(default_factory=dict)  # adjective -> {role: role}
    tribal_unnamed: dict[str, str] = field(default_factory=dict)  # tribal head -> generic role when no name
    communal_heads: tuple[str, ...] = ()
    communal_name: str = ""  # template with {place} and {country}
    communal_inter: int = 4
    communal_members: frozenset[str] = frozenset()  # "gunmen" in "gunmen from the village of X"
    communal_places: frozenset[str] = frozenset()  # "village", "town"
    files: list[Path] = field(default_factory=list)

    # -- lookups -------------------------------------------------------
    def get(self, actor_id: str) -> Actor:
        try:
            return self.actors[actor_id]
        except KeyError:
            raise NotFound(f"unknown actor id {actor_id!r}") from None

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors.values())

    def __len__(self) -> int:
        return len(self.actors)

    def affiliations(self, actor_id: str, type: str | None = None) -> list[Affiliation]:
        return [a for a in self.get(actor_id).affiliations if type is None or a.type == type]

    def chain(self, actor_id: str, type: str = "successor_of") -> list[str]:
        """Follow one affiliation type transitively: HTS -> JFS -> Jabhat al-Nusra."""
        out: list[str] = []
        seen = {actor_id}
        frontier = [actor_id]
        while frontier:
            nxt: list[str] = []
            for aid in frontier:
                for aff in self.actors[aid].affiliations:
                    if aff.type == type and aff.target not in seen:
                        seen.add(aff.target)
                        out.append(aff.target)
                        nxt.append(aff.target)
            frontier = nxt
        return out

    def members(self, actor_id: str) -> list[str]:
        """Ids of actors that declare member_of `actor_id`."""
        return [
            a.id for a in self.actors.values()
            if any(f.type == "member_of" and f.target == actor_id for f in a.affiliations)
        ]

    def state_actor(self, country: str | None, role: str = "military") -> Actor | None:
        for a in self.actors.values():
            if a.country == country and a.state_role == role:
                return a
        return None

    def generic_actor(self, role: str, country: str | None) -> Actor | None:
        spec = self.generic_roles.get(role)
        if spec is None:
            return None
        theatres = spec.get("theatres")
        if theatres and (country or self.default_country) not in theatres:
            fb = spec.get("fallback")
            return self.generic_actor(fb, country) if fb and fb != role else None
        if "{country}" not in spec["name"]:
            return self.actors.get(spec["id"])
        c = self.countries.get(country or "") or self.countries.get(self.default_country or "")
        return self.actors.get(_generic_id(spec, c)) if c else None

    def country_of_term(self, term_key: str) -> str | None:
        return self._term_index().get(term_key)

    def _term_index(self) -> dict[str, str]:
        idx = self.__dict__.get("_terms")
        if idx is None:
            idx = {}
            for c in self.countries.values():
                for t in (*c.demonyms, *c.names):
                    idx.setdefault(surface_key(t), c.iso2)
            self.__dict__["_terms"] = idx
        return idx


def _generic_id(spec: dict[str, Any], country: Country | None) -> str:
    name = spec["name"].format(country=country.name if country else "")
    return slug(name)


# ------------------------------------------------------------------ loader
_ACTOR_KEYS = {
    "id", "name", "inter", "country", "aliases", "units", "descriptors", "affiliations",
    "state_role", "generic", "periods", "notes",
}
_SECTIONS = {
    "actors", "ambiguous", "proxies", "ethnic", "default_country", "countries", "context_terms",
    "bare_state_nouns", "force_nouns", "force_modifiers", "generic", "generic_roles",
    "unidentified", "quantifiers", "modifiers", "link_words", "backer_words", "trailing_heads",
    "name_markers", "translit_folds", "tribal", "militia_nouns", "holder_words", "role_labels",
    "abroad_inter", "joint", "qualified_generic", "communal", "irregular_nouns",
}


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = str(path)

    def fail(self, where: str, problem: str) -> DataFileError:
        return DataFileError(f"{self.name}: {where}: {problem}")

    def where(self, actor_id: str | None, fld: str) -> str:
        return f"actor '{actor_id}': field '{fld}'" if actor_id is not None else f"field '{fld}'"


def _str_list(r: _Reader, value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise r.fail(where, f"must be a list of strings, got {type(value).__name__}")
    out = []
    for i, v in enumerate(value):
        if not isinstance(v, str) or not v.strip():
            raise r.fail(where, f"item {i} must be a non-empty string, got {v!r}")
        out.append(v.strip())
    return tuple(out)


def _date(r: _Reader, value: Any, where: str) -> date | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise r.fail(where, f"must be a date YYYY-MM-DD, got {value!r}")


def _read_actor(r: _Reader, raw: Any, index: int) -> Actor:
    if not isinstance(raw, dict):
        raise r.fail(f"actors[{index}]", "must be a mapping")
    aid = raw.get("id")
    if not isinstance(aid, str) or not _ID_RE.match(aid):
        raise r.fail(f"actors[{index}]: field 'id'", f"must be a lowercase slug, got {aid!r}")
    w = lambda fld: r.where(aid, fld)  # noqa: E731
    unknown = sorted(set(raw) - _ACTOR_KEYS)
    if unknown:
        raise r.fail(w(unknown[0]), "unknown field")
    for req in ("name", "inter", "country"):
        if req not in raw:
            raise r.fail(w(req), "missing (required)")
    name = raw["name"]
    if not isinstance(name, str) or not name.strip():
        raise r.fail(w("name"), f"must be a non-empty string, got {name!r}")
    inter = raw["inter"]
    if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
        raise r.fail(w("inter"), f"must be an ACLED code 1..8, got {inter!r}")
    country = raw["country"]
    if country is not None and (not isinstance(country, str) or not _ISO2_RE.match(country)):
        raise r.fail(w("country"), f"must be an ISO2 code like SY or null, got {country!r}")
    state_role = raw.get("state_role")
    if state_role is not None and state_role not in STATE_ROLES:
        raise r.fail(w("state_role"), f"must be one of {', '.join(STATE_ROLES)}, got {state_role!r}")
    generic = raw.get("generic", False)
    if not isinstance(generic, bool):
        raise r.fail(w("generic"), f"must be true or false, got {generic!r}")
    notes = raw.get("notes") or ""
    if not isinstance(notes, str):
        raise r.fail(w("notes"), "must be a string")

    affs = []
    raw_affs = raw.get("affiliations") or []
    if not isinstance(raw_affs, list):
        raise r.fail(w("affiliations"), "must be a list")
    for i, a in enumerate(raw_affs):
        fld = f"affiliations[{i}]"
        if not isinstance(a, dict):
            raise r.fail(w(fld), "must be a mapping {type, target, from?, to?, source}")
        extra = sorted(set(a) - {"type", "target", "from", "to", "source"})
        if extra:
            raise r.fail(w(f"{fld}.{extra[0]}"), "unknown field")
        if a.get("type") not in AFFILIATION_TYPES:
            raise r.fail(w(f"{fld}.type"), f"must be one of {', '.join(AFFILIATION_TYPES)}, got {a.get('type')!r}")
        if not isinstance(a.get("target"), str):
            raise r.fail(w(f"{fld}.target"), "missing (required)")
        src = a.get("source")
        if not isinstance(src, str) or not src.strip():
            raise r.fail(w(f"{fld}.source"), "missing (required): say where the fact comes from")
        affs.append(
            Affiliation(
                type=a["type"], target=a["target"],
                start=_date(r, a.get("from"), w(f"{fld}.from")),
                end=_date(r, a.get("to"), w(f"{fld}.to")), source=src.strip(),
            )
        )

    periods = []
    raw_periods = raw.get("periods") or []
    if not isinstance(raw_periods, list):
        raise r.fail(w("periods"), "must be a list")
    for i, p in enumerate(raw_periods):
        fld = f"periods[{i}]"
        if not isinstance(p, dict) or not isinstance(p.get("name"), str):
            raise r.fail(w(fld), "must be a mapping {from, to?, name}")
        start = _date(r, p.get("from"), w(f"{fld}.from"))
        if start is None:
            raise r.fail(w(f"{fld}.from"), "missing (required)")
        periods.append(Period(start, _date(r, p.get("to"), w(f"{fld}.to")), p["name"]))

    return Actor(
        id=aid, name=name.strip(), inter=inter, country=country,
        aliases=_str_list(r, raw.get("aliases"), w("aliases")),
        units=_str_list(r, raw.get("units"), w("units")),
        descriptors=_str_list(r, raw.get("descriptors"), w("descriptors")),
        affiliations=tuple(affs), state_role=state_role, generic=generic,
        periods=tuple(periods), notes=notes.strip(), file=r.name,
    )


def _yaml_files(path: Path) -> list[Path]:
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
        if not files:
            raise DataFileError(f"{path}: no *.yaml actor files in this folder")
        return files
    if not path.is_file():
        raise DataFileError(f"{path}: actor data file not found")
    return [path]


def load_ontology(path: Path | str | None = None) -> Ontology:
    """Read and validate the actor ontology (a YAML file or a folder of them)."""
    root = Path(path) if path is not None else DEFAULT_PATH
    onto = Ontology()
    files = _yaml_files(root)
    onto.files = files
    actor_files: dict[str, _Reader] = {}
    amb_raw: list[tuple[_Reader, int, dict[str, Any]]] = []
    proxy_raw: list[tuple[_Reader, int, Any]] = []
    ethnic_raw: list[tuple[_Reader, int, Any]] = []
    joint_raw: list[tuple[_Reader, int, Any]] = []
    role_files: dict[str, _Reader] = {}

    for f in files:
        r = _Reader(f)
        try:
            doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            mark = getattr(e, "problem_mark", None)
            at = f"line {mark.line + 1}" if mark is not None else "file"
            raise r.fail(at, f"not valid YAML ({getattr(e, 'problem', None) or e})") from None
        except (OSError, UnicodeDecodeError) as e:
            raise r.fail("file", f"cannot be read ({e})") from None
        if doc is None:
            continue
        if not isinstance(doc, dict):
            raise r.fail("file", "top level must be a mapping of sections")
        unknown = sorted(set(doc) - _SECTIONS)
        if unknown:
            raise r.fail(f"section '{unknown[0]}'", f"unknown section (expected one of {', '.join(sorted(_SECTIONS))})")

        raw_actors = doc.get("actors") or []
        if not isinstance(raw_actors, list):
            raise r.fail("section 'actors'", "must be a list")
        for i, raw in enumerate(raw_actors):
            actor = _read_actor(r, raw, i)
            if actor.id in onto.actors:
                raise r.fail(r.where(actor.id, "id"), f"duplicate id (also in {actor_files[actor.id].name})")
            onto.actors[actor.id] = actor
            actor_files[actor.id] = r

        _read_lexicon(r, doc, onto, role_files)
        for key, sink in (("ambiguous", amb_raw), ("proxies", proxy_raw), ("ethnic", ethnic_raw),
                          ("joint", joint_raw)):
            val = doc.get(key) or []
            if not isinstance(val, list):
                raise r.fail(f"section '{key}'", "must be a list")
            sink.extend((r, i, v) for i, v in enumerate(val))

    _materialise_generics(onto, role_files)
    _check_references(onto, actor_files)
    _read_ambiguous(onto, amb_raw)
    _read_theatre_maps(onto, proxy_raw, ethnic_raw)
    _read_joint(onto, joint_raw)
    _check_generic_refs(onto, role_files)
    _check_aliases(onto, actor_files)
    return onto


def _read_lexicon(r: _Reader, doc: dict[str, Any], onto: Ontology, role_files: dict[str, _Reader]) -> None:
    def words(key: str) -> tuple[str, ...]:
        return tuple(surface_key(w) for w in _str_list(r, doc.get(key), f"section '{key}'"))

    if "default_country" in doc:
        dc = doc["default_country"]
        if not isinstance(dc, str) or not _ISO2_RE.match(dc):
            raise r.fail("section 'default_country'", f"must be an ISO2 code, got {dc!r}")
        onto.default_country = dc
    if "countries" in doc:
        cs = doc["countries"]
        if not isinstance(cs, dict):
            raise r.fail("section 'countries'", "must be a mapping ISO2 -> {name, demonyms, names}")
        for iso, spec in cs.items():
            where = f"section 'countries': country '{iso}'"
            if not isinstance(iso, str) or not _ISO2_RE.match(iso):
                raise r.fail(where, "key must be an ISO2 code")
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
                raise r.fail(f"{where}: field 'name'", "missing (required)")
            onto.countries[iso] = Country(
                iso, spec["name"],
                _str_list(r, spec.get("demonyms"), f"{where}: field 'demonyms'"),
                _str_list(r, spec.get("names"), f"{where}: field 'names'"),
                str(spec.get("state_name") or spec["name"]),
                _str_list(r, spec.get("seats"), f"{where}: field 'seats'"),
            )
    for key, attr in (
        ("context_terms", "context_terms"), ("bare_state_nouns", "bare_state_nouns"),
        ("force_modifiers", "force_modifiers"), ("unidentified", "unidentified"),
        ("modifiers", "modifiers"), ("trailing_heads", "trailing_heads"), ("militia_nouns", "militia_nouns"),
        ("irregular_nouns", "irregular_nouns"),
    ):
        if key in doc:
            setattr(onto, attr, getattr(onto, attr) | frozenset(words(key)))
    for key, attr in (("quantifiers", "quantifiers"), ("link_words", "link_words"), ("backer_words", "backer_words"),
                      ("holder_words", "holder_words")):
        if key in doc:
            merged = getattr(onto, attr) + words(key)
            setattr(onto, attr, tuple(sorted(set(merged), key=lambda s: (-len(s), s))))
    if "force_nouns" in doc:
        fn = doc["force_nouns"]
        if not isinstance(fn, dict):
            raise r.fail("section 'force_nouns'", "must be a mapping noun -> {role, air?, theatre?, site?}")
        for noun, spec in fn.items():
            where = f"section 'force_nouns': noun '{noun}': field 'role'"
            if not isinstance(spec, dict) or spec.get("role") not in STATE_ROLES:
                raise r.fail(where, f"must be one of {', '.join(STATE_ROLES)}")
            onto.force_nouns[surface_key(str(noun))] = ForceNoun(
                spec["role"], bool(spec.get("air", False)), bool(spec.get("theatre", False)),
                bool(spec.get("site", False)))
    if "role_labels" in doc:
        rl = doc["role_labels"]
        if not isinstance(rl, dict) or any(k not in STATE_ROLES or not isinstance(v, str) for k, v in rl.items()):
            raise r.fail("section 'role_labels'", f"must map a state role ({', '.join(STATE_ROLES)}) to a name prefix")
        onto.role_labels.update(rl)
    if "generic_roles" in doc:
        gr = doc["generic_roles"]
        if not isinstance(gr, dict):
            raise r.fail("section 'generic_roles'", "must be a mapping role -> {name, inter}")
        for role, spec in gr.items():
            where = f"section 'generic_roles': role '{role}'"
            if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
                raise r.fail(f"{where}: field 'name'", "missing (required)")
            inter = spec.get("inter")
            if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
                raise r.fail(f"{where}: field 'inter'", f"must be an ACLED code 1..8, got {inter!r}")
            theatres = _str_list(r, spec.get("theatres"), f"{where}: field 'theatres'")
            fallback = spec.get("fallback")
            if theatres and not isinstance(fallback, str):
                raise r.fail(f"{where}: field 'fallback'", "a role limited to `theatres` needs a fallback role")
            onto.generic_roles[str(role)] = {"name": spec["name"], "inter": inter, "id": slug(spec["name"]),
                                             "theatres": theatres, "fallback": fallback}
            role_files[str(role)] = r
    if "generic" in doc:
        g = doc["generic"]
        if not isinstance(g, dict):
            raise r.fail("section 'generic'", "must be a mapping word -> role")
        for word, role in g.items():
            onto.generic[surface_key(str(word))] = str(role)
            role_files.setdefault("@" + str(role), r)
    if "name_markers" in doc:
        nm = doc["name_markers"]
        if not isinstance(nm, dict):
            raise r.fail("section 'name_markers'", "must be a mapping {arabic, english, connectors}")
        onto.name_markers_arabic |= frozenset(
            surface_key(w) for w in _str_list(r, nm.get("arabic"), "section 'name_markers': field 'arabic'"))
        onto.name_markers_english |= frozenset(
            _str_list(r, nm.get("english"), "section 'name_markers': field 'english'"))
        onto.connectors |= frozenset(
            surface_key(w) for w in _str_list(r, nm.get("connectors"), "section 'name_markers': field 'connectors'"))
    if "tribal" in doc:
        tb = doc["tribal"]
        where = "section 'tribal'"
        if not isinstance(tb, dict):
            raise r.fail(where, "must be a mapping {heads, name, inter}")
        heads = tuple(surface_key(w) for w in _str_list(r, tb.get("heads"), f"{where}: field 'heads'"))
        if not heads:
            raise r.fail(f"{where}: field 'heads'", "missing (required)")
        name = tb.get("name")
        if not isinstance(name, str) or "{tribe}" not in name:
            raise r.fail(f"{where}: field 'name'", "must be a template containing {tribe}")
        inter = tb.get("inter")
        if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
            raise r.fail(f"{where}: field 'inter'", f"must be an ACLED code 1..8, got {inter!r}")
        onto.tribal_heads = tuple(sorted(set(onto.tribal_heads + heads), key=lambda s: (-len(s), s)))
        onto.tribal_name, onto.tribal_inter = name, inter
        onto.tribal_not_names |= frozenset(
            surface_key(w) for w in _str_list(r, tb.get("not_names"), f"{where}: field 'not_names'"))
        un = tb.get("unnamed") or {}
        if not isinstance(un, dict) or not all(isinstance(v, str) for v in un.values()):
            raise r.fail(f"{where}: field 'unnamed'", "must map a tribal head to a generic role")
        onto.tribal_unnamed.update({surface_key(str(k)): v for k, v in un.items()})
        role_files.setdefault("@tribal", r)
    if "abroad_inter" in doc:
        ai = doc["abroad_inter"]
        if isinstance(ai, bool) or not isinstance(ai, int) or not 1 <= ai <= 8:
            raise r.fail("section 'abroad_inter'", f"must be an ACLED code 1..8, got {ai!r}")
        onto.abroad_inter = ai
    if "qualified_generic" in doc:
        qg = doc["qualified_generic"]
        if not isinstance(qg, dict):
            raise r.fail("section 'qualified_generic'", "must be a mapping adjective -> {generic role: role}")
        for adj, spec in qg.items():
            where = f"section 'qualified_generic': adjective '{adj}'"
            if not isinstance(spec, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in spec.items()):
                raise r.fail(where, "must map a generic role to the role it becomes")
            onto.qualified_generic[surface_key(str(adj))] = dict(spec)
            role_files.setdefault("@q:" + str(adj), r)
    if "communal" in doc:
        cm = doc["communal"]
        where = "section 'communal'"
        if not isinstance(cm, dict):
            raise r.fail(where, "must be a mapping {heads, name, inter, members, places}")
        name = cm.get("name")
        if not isinstance(name, str) or "{place}" not in name:
            raise r.fail(f"{where}: field 'name'", "must be a template containing {place}")
        inter = cm.get("inter")
        if isinstance(inter, bool) or not isinstance(inter, int) or not 1 <= inter <= 8:
            raise r.fail(f"{where}: field 'inter'", f"must be an ACLED code 1..8, got {inter!r}")
        heads = tuple(surface_key(w) for w in _str_list(r, cm.get("heads"), f"{where}: field 'heads'"))
        onto.communal_heads = tuple(sorted(set(onto.communal_heads + heads), key=lambda s: (-len(s), s)))
        onto.communal_name, onto.communal_inter = name, inter
        onto.communal_members |= frozenset(
            surface_key(w) for w in _str_list(r, cm.get("members"), f"{where}: field 'members'"))
        onto.communal_places |= frozenset(
            surface_key(w) for w in _str_list(r, cm.get("places"), f"{where}: field 'places'"))
    if "translit_folds" in doc:
        tf = doc["translit_folds"]
        if not isinstance(tf, list):
            raise r.fail("section 'translit_folds'", "must be a list of [regex, replacement]")
        for i, pair in enumerate(tf):
            where = f"section 'translit_folds': item {i}"
            if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
                raise r.fail(where, "must be [regex, replacement]")
            try:
                onto.translit_folds.append((re.compile(pair[0]), pair[1]))
            except re.error as e:
                raise r.fail(where, f"bad regex ({e})") from None


def _materialise_generics(onto: Ontology, role_files: dict[str, _Reader]) -> None:
    for word, role in onto.generic.items():
        if role not in onto.generic_roles:
            r = role_files.get("@" + role)
            raise DataFileError(f"{r.name if r else '?'}: section 'generic': word '{word}': role {role!r} is not in generic_roles")
    for role, spec in onto.generic_roles.items():
        fb = spec.get("fallback")
        if fb is not None and fb not in onto.generic_roles:
            raise DataFileError(f"{role_files[role].name}: section 'generic_roles': role '{role}': fallback {fb!r} is not a role")
        countries: list[Country | None] = (
            list(onto.countries.values()) if "{country}" in spec["name"] else [None]
        )
        if spec.get("theatres"):
            countries = [c for c in countries if c is None or c.iso2 in spec["theatres"]]
        for c in countries:
            aid = _generic_id(spec, c)
            if aid in onto.actors:
                raise DataFileError(f"{role_files[role].name}: section 'generic_roles': role '{role}': generated id '{aid}' already used by an actor")
            onto.actors[aid] = Actor(
                id=aid, name=spec["name"].format(country=c.name if c else ""), inter=spec["inter"],
                country=c.iso2 if c else None, generic=True, generic_role=role,
                file=role_files[role].name,
            )


def _check_references(onto: Ontology, actor_files: dict[str, _Reader]) -> None:
    seen_roles: dict[tuple[str | None, str], str] = {}
    for aid, r in actor_files.items():
        actor = onto.actors[aid]
        for i, a in enumerate(actor.affiliations):
            if a.target not in onto.actors:
                raise r.fail(r.where(aid, f"affiliations[{i}].target"), f"unknown actor id {a.target!r}")
            if a.target == aid:
                raise r.fail(r.where(aid, f"affiliations[{i}].target"), "an actor cannot be affiliated with itself")
        if actor.state_role:
            k = (actor.country, actor.state_role)
            if k in seen_roles:
                raise r.fail(r.where(aid, "state_role"), f"{actor.state_role} of {actor.country} is already '{seen_roles[k]}'")
            seen_roles[k] = aid


def _read_ambiguous(onto: Ontology, raw: list[tuple[_Reader, int, Any]]) -> None:
    for r, i, entry in raw:
        where = f"ambiguous[{i}]"
        if not isinstance(entry, dict):
            raise r.fail(where, "must be a mapping {aliases, contexts, default}")
        aliases = _str_list(r, entry.get("aliases"), f"{where}: field 'aliases'")
        if not aliases:
            raise r.fail(f"{where}: field 'aliases'", "missing (required)")
        ctx = entry.get("contexts") or {}
        if not isinstance(ctx, dict):
            raise r.fail(f"{where}: field 'contexts'", "must be a mapping ISO2 -> actor id")
        for iso, aid in ctx.items():
            if not isinstance(iso, str) or not _ISO2_RE.match(iso):
                raise r.fail(f"{where}: field 'contexts'", f"key {iso!r} is not an ISO2 code")
            if aid not in onto.actors:
                raise r.fail(f"{where}: field 'contexts.{iso}'", f"unknown actor id {aid!r}")
        default = entry.get("default")
        if default is not None and default not in onto.actors:
            raise r.fail(f"{where}: field 'default'", f"unknown actor id {default!r}")
        onto.ambiguous.append(Ambiguous(aliases, dict(ctx), default, r.name))


def _read_theatre_maps(onto: Ontology, proxies: list[tuple[_Reader, int, Any]], ethnic: list[tuple[_Reader, int, Any]]) -> None:
    for r, i, e in proxies:
        where = f"proxies[{i}]"
        if not isinstance(e, dict):
            raise r.fail(where, "must be a mapping {backer, theatre, actor}")
        for fld in ("backer", "theatre"):
            if e.get(fld) not in onto.countries:
                raise r.fail(f"{where}: field '{fld}'", f"{e.get(fld)!r} is not in lexicon countries")
        if e.get("actor") not in onto.actors:
            raise r.fail(f"{where}: field 'actor'", f"unknown actor id {e.get('actor')!r}")
        onto.proxies[(e["backer"], e["theatre"])] = e["actor"]
        if e.get("militia") is not None:
            if e["militia"] not in onto.actors:
                raise r.fail(f"{where}: field 'militia'", f"unknown actor id {e['militia']!r}")
            onto.militia_proxies[(e["backer"], e["theatre"])] = e["militia"]
    for r, i, e in ethnic:
        where = f"ethnic[{i}]"
        if not isinstance(e, dict) or not isinstance(e.get("adjective"), str):
            raise r.fail(f"{where}: field 'adjective'", "missing (required)")
        if e.get("theatre") not in onto.countries:
            raise r.fail(f"{where}: field 'theatre'", f"{e.get('theatre')!r} is not in lexicon countries")
        if e.get("actor") not in onto.actors:
            raise r.fail(f"{where}: field 'actor'", f"unknown actor id {e.get('actor')!r}")
        onto.ethnic[(surface_key(e["adjective"]), e["theatre"])] = e["actor"]


def _read_joint(onto: Ontology, raw: list[tuple[_Reader, int, Any]]) -> None:
    for r, i, e in raw:
        where = f"joint[{i}]"
        if not isinstance(e, dict):
            raise r.fail(where, "must be a mapping {members, actor}")
        members = _str_list(r, e.get("members"), f"{where}: field 'members'")
        if len(set(members)) < 2:
            raise r.fail(f"{where}: field 'members'", "needs two or more actor ids")
        for m in members:
            if m not in onto.actors:
                raise r.fail(f"{where}: field 'members'", f"unknown actor id {m!r}")
        if e.get("actor") not in onto.actors:
            raise r.fail(f"{where}: field 'actor'", f"unknown actor id {e.get('actor')!r}")
        onto.joint.append(Joint(frozenset(members), e["actor"], r.name))


def _check_generic_refs(onto: Ontology, role_files: dict[str, _Reader]) -> None:
    """Roles named by `qualified_generic` and `tribal.unnamed` must exist in generic_roles."""
    for adj, spec in onto.qualified_generic.items():
        for src, dst in spec.items():
            for role in (src, dst):
                if role not in onto.generic_roles:
                    r = role_files.get("@q:" + adj)
                    raise DataFileError(f"{r.name if r else '?'}: section 'qualified_generic': adjective '{adj}': "
                                        f"role {role!r} is not in generic_roles")
    for head, role in onto.tribal_unnamed.items():
        if role not in onto.generic_roles:
            r = role_files.get("@tribal")
            raise DataFileError(f"{r.name if r else '?'}: section 'tribal': field 'unnamed': head '{head}': "
                                f"role {role!r} is not in generic_roles")


def _check_aliases(onto: Ontology, actor_files: dict[str, _Reader]) -> None:
    """An alias (of any kind) may name one actor only, unless an `ambiguous` entry lists it."""
    ambiguous_keys = {surface_key(a) for amb in onto.ambiguous for a in amb.aliases}
    owner: dict[str, str] = {}
    for aid, r in actor_files.items():
        actor = onto.actors[aid]
        for fld, values in (("name", (actor.name,)), ("aliases", actor.aliases), ("units", actor.units), ("descriptors", actor.descriptors)):
            for v in values:
                k = acronym_key(v) or surface_key(v)
                if surface_key(v) in ambiguous_keys and fld != "name":
                    raise r.fail(r.where(aid, fld), f"{v!r} is listed in an `ambiguous` entry; remove it here")
                other = owner.get(k)
                if other is not None and other != aid:
                    raise r.fail(
                        r.where(aid, fld),
                        f"{v!r} already names actor '{other}' ({actor_files[other].name}); "
                        "list it under `ambiguous` with contexts if both are meant",
                    )
                owner[k] = aid
