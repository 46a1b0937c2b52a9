"""Cross-document fusion as pure functions over `Event` reports.

Pipeline: `prepare` normalises reports; `block_keys` files each under (role, key)
pairs; `candidate_pairs` groups on keys; `compatible` decides each candidate pair
with the field types of `sitrep.fuse.fields`; `cluster` links compatible pairs
per connected component, greedily and deterministically, keeping every cluster
pairwise compatible (no chaining); `merge_cluster` writes the merged event.

Determinism matters: `fuse_incremental` re-clusters only the components touched
by new reports and must reach exactly what a fresh `fuse` over everything gives.
Clustering therefore depends only on a component's reports and ids, never on
input order.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from sitrep.fuse.config import FusionRules, SourceBook, load_rules, load_sources
from sitrep.fuse.fields import (
    AGREE,
    DISPUTE,
    ActorField,
    DateField,
    PlaceField,
    Report,
    TypeField,
    date_interval,
)
from sitrep.records import Event

INDEX = "i"  # role prefix: a report is filed under this key
PROBE = "p"  # role prefix: a report looks for partners under this key
UNKNOWN_OUTLET = "doc:"  # prefix of the outlet key of a page whose outlet is unknown

# fusion_certainty values
SINGLE = "single-source"
CORROBORATED = "corroborated"
CONTESTED = "contested"


# -- preparation ---------------------------------------------------------------------
def _actor(name: str | None, rules: FusionRules) -> str | None:
    if not name or not name.strip():
        return None
    key = " ".join(name.split()).casefold()
    return None if key.startswith(rules.unidentified_prefixes) else key


def _area(ev: Event) -> str | None:
    if not ev.admin1:
        return None
    return f"{' '.join((ev.country or '').split()).casefold()}|{' '.join(ev.admin1.split()).casefold()}"


def prepare(
    ev: Event, rules: FusionRules, sources: SourceBook, outlet: str | None = None
) -> Report:
    """Normalise one report. `outlet` overrides `ev.source` (e.g. the document's outlet)."""
    name = outlet if outlet is not None else ev.source
    out = sources.outlet(name) if name else None
    tp = min(3, max(1, ev.time_precision or 3))
    lo = hi = day = None
    if isinstance(ev.event_date, date):
        day = ev.event_date.toordinal()
        lo, hi = date_interval(ev.event_date, tp, rules)
    area = _area(ev)
    has_point = ev.latitude is not None and ev.longitude is not None
    gp: int | None
    if has_point and (ev.geo_precision or 2) < rules.admin1_precision:
        gp = ev.geo_precision or 2  # a point with no stated precision counts as "near"
    elif area is not None:
        gp = rules.admin1_precision
    else:
        gp = None  # no usable place: this report is never fused
    return Report(
        event_id=ev.event_id,
        doc_id=ev.doc_id,
        outlet=out.name if out is not None else UNKNOWN_OUTLET + ev.doc_id,
        reliability=out.reliability if out is not None else sources.default.reliability,
        sub_type=ev.sub_event_type.casefold(),
        family=rules.family(ev.sub_event_type),
        day=day,
        day_lo=lo,
        day_hi=hi,
        time_precision=tp,
        lat=ev.latitude if has_point else None,
        lon=ev.longitude if has_point else None,
        geo_precision=gp,
        area=area,
        actor1=_actor(ev.actor1, rules),
        actor2=_actor(ev.actor2, rules),
    )


# -- blocking ------------------------------------------------------------------------
def block_keys(r: Report, rules: FusionRules) -> list[str]:
    """Role-prefixed keys: family x date bucket x place key, as index and probe keys.

    A report with no date or no usable place gets no key and stays on its own.
    """
    fams = TypeField.keys(r)
    days = DateField.keys(r, rules)
    out: list[str] = []
    for role, places in ((INDEX, PlaceField.index_keys(r, rules)), (PROBE, PlaceField.probe_keys(r, rules))):
        out.extend(f"{role}|{f}|{d}|{p}" for f in fams for d in days for p in places)
    return out


def keyed(reports: Iterable[Report], rules: FusionRules) -> Iterator[tuple[str, str]]:
    """Blocking as (key, record id) pairs, consumable by any group-by engine."""
    for r in reports:
        for k in block_keys(r, rules):
            yield k, r.event_id


def partner_key(key: str) -> str:
    """The key a partner is filed under: probes meet index keys and vice versa."""
    role, rest = key.split("|", 1)
    return f"{PROBE if role == INDEX else INDEX}|{rest}"


def candidate_pairs(pairs: Iterable[tuple[str, str]]) -> set[tuple[str, str]]:
    """Id pairs (sorted) that share a key in opposite roles: never all pairs."""
    index: dict[str, list[str]] = defaultdict(list)
    probe: dict[str, list[str]] = defaultdict(list)
    for key, rid in pairs:
        role, rest = key.split("|", 1)
        (index if role == INDEX else probe)[rest].append(rid)
    out: set[tuple[str, str]] = set()
    for rest, lookers in probe.items():
        filed = index.get(rest)
        if not filed:
            continue
        for a in lookers:
            for b in filed:
                if a != b:
                    out.add((a, b) if a < b else (b, a))
    return out


# -- comparison ----------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Match:
    kind: str  # AGREE | DISPUTE
    order: tuple[int, int, float, str, str]  # clustering order: best pairs first


def compatible(a: Report, b: Report, rules: FusionRules) -> Match | None:
    """Whether two reports may be one event; None when not."""
    if a.doc_id == b.doc_id:
        return None  # one article's reports are distinct events
    type_ok, need_same_actor = TypeField.compare(a, b, rules)
    if not type_ok or not DateField.compare(a, b) or not PlaceField.compare(a, b, rules):
        return None
    if ActorField.compare(a, b, need_same_actor):
        kind = AGREE
    elif ActorField.dispute(a, b, rules):
        kind = DISPUTE
    else:
        return None
    gap = abs(a.day - b.day) if a.day is not None and b.day is not None else 0
    km = PlaceField.distance_km(a, b)
    lo, hi = (a.event_id, b.event_id) if a.event_id < b.event_id else (b.event_id, a.event_id)
    return Match(kind, (kind != AGREE, gap, round(km, 3) if km is not None else 0.0, lo, hi))


# -- clustering ----------------------------------------------------------------------
class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        p = self.parent.setdefault(x, x)
        while p != self.parent[p]:
            self.parent[p] = self.parent[self.parent[p]]
            p = self.parent[p]
        self.parent[x] = p
        return p

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            lo, hi = (ra, rb) if ra < rb else (rb, ra)
            self.parent[hi] = lo
        return self.find(a)


def components(ids: Iterable[str], edges: Iterable[tuple[str, str]]) -> list[list[str]]:
    """Connected components (each sorted) of the compatibility graph."""
    uf = _UnionFind()
    for i in ids:
        uf.find(i)
    for a, b in edges:
        uf.union(a, b)
    groups: dict[str, list[str]] = defaultdict(list)
    for i in uf.parent:
        groups[uf.find(i)].append(i)
    return sorted((sorted(g) for g in groups.values()), key=lambda g: g[0])


def cluster_component(
    ids: Sequence[str], matches: Mapping[tuple[str, str], Match], check: Callable[[str, str], bool]
) -> list[list[str]]:
    """Greedy, chaining-safe clustering of one component.

    Pairs are taken best first (agreements before disputes, then fewer days apart,
    then nearer, then ids). Two clusters join only if EVERY cross pair is
    compatible (`check`), so a merged cluster stays pairwise compatible on type,
    actors, date, place and document.
    """
    return cluster_ordered(ids, sorted(matches, key=lambda p: matches[p].order), check)


def cluster_ordered(
    ids: Sequence[str], ordered_pairs: Iterable[tuple[str, str]], check: Callable[[str, str], bool]
) -> list[list[str]]:
    """`cluster_component` over compatible pairs already in clustering order (`Match.order`).

    Taking an iterable lets a caller stream a huge component's pairs from disk
    (`sitrep.fuse.walk`) instead of holding them all to sort them.
    """
    members: dict[str, list[str]] = {i: [i] for i in ids}
    # Clusters that once failed to join never can: clusters only grow, and the
    # incompatible cross pair that stopped them stays a cross pair. Remembering
    # the failure keeps many copies of one story from re-checking the same
    # cluster pair for every one of their cross pairs (quadratic in copies).
    blocked: dict[str, set[str]] = defaultdict(set)
    uf = _UnionFind()
    for pair in ordered_pairs:
        ra, rb = uf.find(pair[0]), uf.find(pair[1])
        if ra == rb or rb in blocked[ra]:
            continue
        if all(check(x, y) for x in members[ra] for y in members[rb]):
            root = uf.union(ra, rb)
            other = rb if root == ra else ra
            members[root] = members[ra] + members[rb] if root == ra else members[rb] + members[ra]
            del members[other]
            for c in blocked.pop(other, set()):
                blocked[c].discard(other)
                blocked[c].add(root)
                blocked[root].add(c)
        else:
            blocked[ra].add(rb)
            blocked[rb].add(ra)
    return sorted((sorted(m) for m in members.values()), key=lambda m: m[0])


def cluster(reports: Sequence[Report], rules: FusionRules) -> tuple[list[list[str]], dict[tuple[str, str], Match]]:
    """All clusters (sorted lists of event ids) and the compatible pairs found."""
    by_id = {r.event_id: r for r in reports}
    matches: dict[tuple[str, str], Match] = {}
    for a, b in candidate_pairs(keyed(by_id.values(), rules)):
        m = compatible(by_id[a], by_id[b], rules)
        if m is not None:
            matches[(a, b)] = m
    return cluster_matches(by_id, matches, rules), matches


def cluster_matches(
    by_id: Mapping[str, Report], matches: Mapping[tuple[str, str], Match], rules: FusionRules
) -> list[list[str]]:
    """Cluster every component of the graph made by `matches` over `by_id`."""

    def check(x: str, y: str) -> bool:
        key = (x, y) if x < y else (y, x)
        if key in matches:
            return True
        return compatible(by_id[x], by_id[y], rules) is not None

    by_comp: dict[str, dict[tuple[str, str], Match]] = defaultdict(dict)
    comps = components(by_id, matches)
    comp_of = {i: c[0] for c in comps for i in c}
    for pair, m in matches.items():
        by_comp[comp_of[pair[0]]][pair] = m
    out: list[list[str]] = []
    for comp in comps:
        if len(comp) == 1:
            out.append(comp)
        else:
            out.extend(cluster_component(comp, by_comp[comp[0]], check))
    return sorted(out, key=lambda m: m[0])


# -- merging -------------------------------------------------------------------------
@dataclass(slots=True)
class SourceReport:
    """One report behind a merged event."""

    event_id: str
    doc_id: str
    outlet: str | None
    reliability: float
    bias: tuple[str, ...]
    claimed_by: str | None
    certainty: str
    fatalities: int | None
    actor1: str | None
    actor2: str | None
    event_date: date | None
    time_precision: int | None
    geo_precision: int | None


@dataclass(slots=True)
class MergedEvent:
    """A fused event: fields picked from its reports, with every report kept."""

    merged_id: str
    lead_event_id: str
    event_date: date | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    plover_type: str | None
    actor1: str | None
    assoc_actor_1: str | None
    inter1: int | None
    actor2: str | None
    assoc_actor_2: str | None
    inter2: int | None
    country: str | None
    admin1: str | None
    admin2: str | None
    location: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    fatalities: int | None
    fatalities_min: int | None
    fatalities_max: int | None
    notes: str
    n_sources: int
    n_outlets: int
    outlets: list[str]
    fusion_certainty: str
    sources: list[SourceReport] = field(default_factory=list)

    @property
    def event_ids(self) -> list[str]:
        return [s.event_id for s in self.sources]

    @property
    def doc_ids(self) -> list[str]:
        return sorted({s.doc_id for s in self.sources})


def founding_id(event_id: str) -> str:
    """The merged id an event gets when it first appears with `event_id` as its founding report."""
    return "m" + hashlib.sha1(event_id.encode("utf-8")).hexdigest()[:16]


def merged_id(event_ids: Iterable[str]) -> str:
    """The id a cluster gets when it first appears: its smallest member's founding id.

    It depends only on the members, never on the order they were read in, and a
    lone report's id is the same as it was when merged ids hashed every member.
    Once given, an id is kept while reports join: see `assign_ids`.
    """
    return founding_id(min(event_ids))


def assign_ids(
    clusters: Sequence[Sequence[str]], previous: Mapping[str, str]
) -> tuple[list[str], dict[str, str]]:
    """Ids for `clusters` that keep the ids already given, and the aliases (old -> new) to record.

    `previous` maps each member that was already fused to the merged id it had.
    Every old id has a founder: the member whose founding id it is, else (an id
    given before ids were stable) its smallest member. A cluster holding the
    founders of old ids keeps the one whose founder is smallest; the others
    become its aliases (two events were fused). A cluster holding no founder
    gets `merged_id` of its members. When a kept id differs from the one a
    single pass over the same reports would give, that one is recorded as an
    alias too, so an id cited from any ingest order resolves to the event.
    """
    old_members: dict[str, list[str]] = defaultdict(list)
    for eid, mid in previous.items():
        old_members[mid].append(eid)
    founder: dict[str, str] = {}
    for mid, ms in old_members.items():
        own = [m for m in ms if founding_id(m) == mid]
        founder[mid] = own[0] if own else min(ms)
    cluster_of = {e: n for n, c in enumerate(clusters) for e in c}
    inherited: dict[int, list[str]] = defaultdict(list)
    for mid, f in founder.items():
        if f in cluster_of:
            inherited[cluster_of[f]].append(mid)
    ids: list[str] = []
    aliases: dict[str, str] = {}
    for n, members in enumerate(clusters):
        fresh = merged_id(members)
        olds = sorted(inherited.get(n, []), key=lambda mid: (founder[mid], mid))
        keep = olds[0] if olds else fresh
        ids.append(keep)
        for mid in olds[1:]:
            aliases[mid] = keep
        if fresh != keep:
            aliases[fresh] = keep
    return ids, aliases


def _swapped(lead: Report, other: Report) -> bool:
    """Whether `other` names the lead's actors the other way round (outlets may swap them)."""

    def shared(x1: str | None, x2: str | None) -> int:
        return sum(1 for p, q in ((lead.actor1, x1), (lead.actor2, x2)) if p is not None and p == q)

    return shared(other.actor2, other.actor1) > shared(other.actor1, other.actor2)


def merge_cluster(events: Sequence[Event], reports: Mapping[str, Report], sources: SourceBook) -> MergedEvent:
    """Build the merged event of one cluster.

    Rules (documented for users in the export notes):
    - date fields come from the report with the best time_precision, place fields
      from the one with the best geo_precision; ties go to the more reliable
      outlet, then the smaller event id;
    - type, actors, notes come from the most reliable outlet's report (ties: more
      precise, then event id); actors it leaves empty are filled from the others;
    - fatalities: the figure of the most reliable outlet that states one; among
      equally reliable outlets, the lowest figure (ACLED's conservative rule).
      fatalities_min/max and each source's own figure are kept.
    """
    evs = sorted(events, key=lambda e: e.event_id)
    rep = {e.event_id: reports[e.event_id] for e in evs}

    def rel(e: Event) -> float:
        return rep[e.event_id].reliability

    def gp(e: Event) -> int:
        return rep[e.event_id].geo_precision or 9

    def tp(e: Event) -> int:
        return rep[e.event_id].time_precision if e.event_date else 9

    lead = min(evs, key=lambda e: (-rel(e), tp(e) + gp(e), e.event_id))
    when = min(evs, key=lambda e: (tp(e), -rel(e), e.event_id))
    where = min(evs, key=lambda e: (gp(e), -rel(e), e.event_id))
    a1, a2 = lead.actor1, lead.actor2
    inter1, inter2 = lead.inter1, lead.inter2
    # A side the lead leaves empty or unidentified takes the name the other reports
    # give it, but only when they all agree: a disputed perpetrator stays open.
    lr = rep[lead.event_id]
    offers: list[dict[str, tuple[str, int | None]]] = [{}, {}]
    for e in evs:
        r = rep[e.event_id]
        sides = [(e.actor1, r.actor1, e.inter1), (e.actor2, r.actor2, e.inter2)]
        if _swapped(lr, r):
            sides.reverse()
        for n, (raw, norm, inter) in enumerate(sides):
            if norm is not None and raw is not None:
                offers[n].setdefault(norm, (raw, inter))
    if lr.actor1 is None and len(offers[0]) == 1:
        (a1, inter1), = offers[0].values()
    if lr.actor2 is None and len(offers[1]) == 1:
        (a2, inter2), = offers[1].values()
    figures = [(rel(e), e.fatalities, e.event_id) for e in evs if e.fatalities is not None]
    fat = min(figures, key=lambda f: (-f[0], f[1]))[1] if figures else None

    outlet_keys = {rep[e.event_id].outlet for e in evs}
    per_outlet_fig: dict[str, set[int]] = defaultdict(set)
    for e in evs:
        if e.fatalities is not None:
            per_outlet_fig[rep[e.event_id].outlet].add(e.fatalities)
    fig_sets = list(per_outlet_fig.values())
    fig_contested = len(fig_sets) > 1 and len(set().union(*fig_sets)) > 1
    actor_contested = _actors_disagree(lead, evs, reports)
    if len(outlet_keys) == 1:
        certainty = SINGLE
    elif fig_contested or actor_contested:
        certainty = CONTESTED
    else:
        certainty = CORROBORATED

    srcs = []
    for e in evs:
        r = rep[e.event_id]
        known = not r.outlet.startswith(UNKNOWN_OUTLET)
        srcs.append(
            SourceReport(
                event_id=e.event_id, doc_id=e.doc_id, outlet=r.outlet if known else None,
                reliability=r.reliability, bias=sources.outlet(r.outlet).bias if known else (),
                claimed_by=e.claimed_by, certainty=e.certainty, fatalities=e.fatalities,
                actor1=e.actor1, actor2=e.actor2, event_date=e.event_date,
                time_precision=e.time_precision, geo_precision=e.geo_precision,
            )
        )  # fmt: skip
    all_figs = [f[1] for f in figures]
    return MergedEvent(
        merged_id=merged_id(e.event_id for e in evs),  # the first-appearance id; callers keep older ones
        lead_event_id=lead.event_id,
        event_date=when.event_date,
        time_precision=when.time_precision,
        event_type=lead.event_type,
        sub_event_type=lead.sub_event_type,
        plover_type=lead.plover_type,
        actor1=a1,
        assoc_actor_1=lead.assoc_actor_1,
        inter1=inter1,
        actor2=a2,
        assoc_actor_2=lead.assoc_actor_2,
        inter2=inter2,
        country=where.country,
        admin1=where.admin1,
        admin2=where.admin2,
        location=where.location,
        latitude=where.latitude,
        longitude=where.longitude,
        geo_precision=where.geo_precision,
        fatalities=fat,
        fatalities_min=min(all_figs) if all_figs else None,
        fatalities_max=max(all_figs) if all_figs else None,
        notes=lead.notes,
        n_sources=len(evs),
        n_outlets=len(outlet_keys),
        outlets=sorted(o for o in outlet_keys if not o.startswith(UNKNOWN_OUTLET)),
        fusion_certainty=certainty,
        sources=srcs,
    )


def _actors_disagree(lead: Event, evs: Sequence[Event], reports: Mapping[str, Report]) -> bool:
    """True when two reports name different identified actors on one side."""
    lr = reports[lead.event_id]
    for e in evs:
        r = reports[e.event_id]
        if r.outlet != lr.outlet and not ActorField.alignment(lr, r)[0]:
            return True
    return False


# -- the whole thing -----------------------------------------------------------------
def prepare_all(
    events: Iterable[Event],
    rules: FusionRules,
    sources: SourceBook,
    outlets: Mapping[str, str | None] | None = None,
) -> tuple[dict[str, Event], dict[str, Report]]:
    """Unique reports by event id (a repeated id is one report), normalised.

    `outlets` maps doc_id -> outlet for reports whose `source` is empty.
    """
    evs: dict[str, Event] = {}
    for e in events:
        evs.setdefault(e.event_id, e)
    reps = {
        i: prepare(e, rules, sources, None if e.source else (outlets or {}).get(e.doc_id))
        for i, e in evs.items()
    }
    return evs, reps


def fuse(
    events: Iterable[Event],
    rules: FusionRules | None = None,
    sources: SourceBook | None = None,
    outlets: Mapping[str, str | None] | None = None,
) -> list[MergedEvent]:
    """Fuse event reports into merged events (one per cluster, singletons included)."""
    rules = rules or load_rules()
    sources = sources or load_sources()
    evs, reps = prepare_all(events, rules, sources, outlets)
    clusters, _ = cluster(list(reps.values()), rules)
    return [merge_cluster([evs[i] for i in c], reps, sources) for c in clusters]
