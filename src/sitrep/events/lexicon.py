"""Load and validate the event data files (`data/events/triggers.yaml`, `cues.yaml`).

All domain words live in those files; this module turns them into lookup tables and
names the file and field when something is malformed (DataFileError).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError

_WORD = re.compile(r"[\w']+|[^\w\s]")


def phrase_tokens(phrase: str) -> tuple[str, ...]:
    """Split a lexicon phrase the way the tokenizer roughly would ("air-strike" -> 3)."""
    return tuple(_WORD.findall(phrase.lower().replace("’", "'")))


@dataclass(frozen=True, slots=True)
class Codes:
    event_type: str
    sub_event_type: str
    plover: str | None


@dataclass(frozen=True, slots=True)
class Refinement:
    cues: str  # name of a word list in cues.yaml
    codes: Codes
    target: str | None = None  # "unarmed": only when actor2 is no armed actor (civilians, nobody)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    id: str
    phrases: tuple[tuple[str, ...], ...]
    pos: frozenset[str]
    codes: Codes
    requires: str | None = None
    refine: tuple[Refinement, ...] = ()
    by_actor: dict[str, str] = field(default_factory=dict)  # inter group -> sub_event_type
    by_target: dict[str, Codes] = field(default_factory=dict)  # actor2's inter group -> codes
    target_hedges: str | None = None  # word list: a target phrase with one of these keeps the rule's codes
    unarmed_roles: str | None = None  # word list: a group's member in such a role is no combatant ("an HTS judge")
    victim_subject: bool = False  # "a man died under torture": the active subject is the victim
    keeper_nouns: str | None = None  # word list: "in a regime prison": the place's holder is actor1
    object_is_target: bool = True
    # ACLED actor conventions and role patterns (see triggers.yaml header)
    actor1: str | None = None  # fixed actor1 phrase ("protesters"); the found one becomes assoc
    subject_is_actor2: bool = False  # "X dispersed the crowd": X is the other side
    unknown_actor1: str | None = None  # phrase for an unstated perpetrator
    victim_default: str | None = None  # phrase for unnamed civilian-like victims ("civilians")
    recipient_preps: frozenset[str] = frozenset()  # "handed X to Y": Y is actor1, subject actor2
    destination_preps: frozenset[str] = frozenset()  # "sent troops to X": where a move ends is its place
    symmetric: bool = False  # no actor1 but an actor2: swap them
    secondary: bool = False  # dropped when another event is reported in the same sentence
    absorbs: frozenset[str] = frozenset()  # rule ids reported by this trigger when in its clause
    requires_subject: str | None = None  # word list the subject head must be in
    requires_scope: str = "args"  # "args": objects/complements; "subtree": anywhere below them; "direct": the
    # direct object only; "object_subtree": anywhere below the direct object (not below "amid X")
    context: str | None = None  # word list: one must occur in the trigger's subtree
    purpose_realised: bool = False  # "fired to disperse the crowd": a past act's purpose happened
    loser_preps: frozenset[str] = frozenset()  # "took X from Y": Y is actor2 when no target was named
    kills_object: bool = False  # "shot dead a man": the object's count is the death toll
    requires_recipient: bool = False  # "left the town to X": only with a recipient_preps phrase
    requires_loser: bool = False  # "took X from Y": only with a loser_preps phrase
    requires_preps: frozenset[str] = frozenset()  # "agreed with X": only with such a phrase naming an actor
    implies_doer: bool = False  # "X was assassinated": the verb says someone did it to the victim
    requires_object: bool = False  # "drove X out of": only with a direct object (not "drove out of")
    requires_doer: bool = False  # only with an active subject or a passive agent (not a bare toll)
    requires_antecedent: bool = False  # only as the continuation of an earlier event of its family


@dataclass(slots=True)
class EventLexicon:
    """Everything the event rules read from data files."""

    rules: dict[str, TriggerRule]
    lists: dict[str, frozenset[str]]
    cue_phrases: list[tuple[tuple[str, ...], str]]  # (lemma sequence, label)
    modal_verbs: frozenset[str]
    claim_verbs: frozenset[str]
    quote_verbs: frozenset[str]
    speaker_nouns: frozenset[str]
    claimant_pronouns: frozenset[str]
    certainty_scope: dict[str, str]
    certainty_rank: list[str]
    roles: dict[str, frozenset[str]]
    coref: list[tuple[tuple[str, ...], frozenset[int] | None]]
    location_preps: frozenset[str]
    location_nouns: frozenset[str]
    origin_preps: frozenset[str]
    inter_groups: dict[str, frozenset[int]]
    fatalities: dict[str, Any]
    anaphoric_determiners: frozenset[str]
    argument_preps: frozenset[str]
    supersedes: dict[str, frozenset[str]] = field(default_factory=dict)
    supersedes_at_place: dict[str, frozenset[str]] = field(default_factory=dict)  # same day, same named place
    supersedes_around: dict[str, frozenset[str]] = field(default_factory=dict)  # same day, only the area around
    supersedes_in_sentence: dict[str, frozenset[str]] = field(default_factory=dict)
    # "X claimed the attack" / "blamed X": verbs -> "subject"/"object", plus word lists
    responsibility: dict[str, Any] = field(default_factory=lambda: {
        "verbs": {}, "objects": frozenset(), "nobody": frozenset(), "generic": frozenset()})
    pair_coref: frozenset[str] = frozenset()  # "the two sides": the last two named actors
    unknown_actor1: dict[str, str] = field(default_factory=dict)  # sub-event type -> phrase
    people_of_nouns: frozenset[str] = frozenset()  # "residents of X": X places the event
    settlement_nouns: frozenset[str] = frozenset()  # "the town": the article's first place
    custody_sites: dict[str, str] = field(default_factory=dict)  # jailer actor -> place of its unnamed prisons
    # who a claimant is: phrases of independent sources / parties, party inter codes
    claimants: dict[str, Any] = field(default_factory=lambda: {
        "independent": frozenset(), "party": frozenset(), "party_inter": frozenset()})

    def trigger_phrases(self) -> list[tuple[tuple[str, ...], str]]:
        return [(p, r.id) for r in self.rules.values() for p in r.phrases]


def _read(path: Path | None, name: str) -> tuple[dict[str, Any], str]:
    return read_yaml_mapping(path, f"events/{name}")


def _words(value: Any, where: str) -> frozenset[str]:
    if not isinstance(value, list):
        raise DataFileError(f"{where}: expected a list of words")
    bad = [v for v in value if not isinstance(v, (str, int)) or isinstance(v, bool)]
    if bad:
        raise DataFileError(f"{where}: {bad[0]!r} is not a word (quote YAML words like on/off/yes/no)")
    return frozenset(" ".join(phrase_tokens(str(v))) for v in value)


def _codes(raw: dict[str, Any], where: str, base: Codes | None = None) -> Codes:
    try:
        return Codes(
            event_type=str(raw.get("event_type") or (base.event_type if base else raw["event_type"])),
            sub_event_type=str(raw.get("sub_event_type") or (base.sub_event_type if base else raw["sub_event_type"])),
            plover=raw.get("plover") or (base.plover if base else None),
        )
    except KeyError as exc:
        raise DataFileError(f"{where}: missing field {exc.args[0]!r}") from exc


def _responsibility(raw: dict[str, Any], origin: str) -> dict[str, Any]:
    verbs = raw.get("verbs") or {}
    if not isinstance(verbs, dict) or any(v not in ("subject", "object") for v in verbs.values()):
        raise DataFileError(f"{origin}:responsibility.verbs: map each verb to subject or object")
    return {
        "verbs": {str(k).lower(): str(v) for k, v in verbs.items()},
        "objects": _words(raw.get("objects") or [], f"{origin}:responsibility.objects"),
        "nobody": _words(raw.get("nobody") or [], f"{origin}:responsibility.nobody"),
        "generic": _words(raw.get("generic") or [], f"{origin}:responsibility.generic"),
    }


def _supersedes(trig: dict[str, Any], key: str, origin: str) -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    for k, v in (trig.get(key) or {}).items():
        if not isinstance(v, list):
            raise DataFileError(f"{origin}:{key}.{k}: expected a list of sub-event types")
        out[str(k)] = frozenset(str(x) for x in v)
    return out


def load_lexicon(triggers_path: str | Path | None = None, cues_path: str | Path | None = None) -> EventLexicon:
    """Read the trigger lexicon and cue lists (defaults: the shipped files)."""
    trig, t_origin = _read(Path(triggers_path) if triggers_path else None, "triggers.yaml")
    cues, c_origin = _read(Path(cues_path) if cues_path else None, "cues.yaml")

    lists = {k: _words(v, f"{c_origin}:lists.{k}") for k, v in (cues.get("lists") or {}).items()}
    rules: dict[str, TriggerRule] = {}
    for i, raw in enumerate(trig.get("rules") or []):
        where = f"{t_origin}:rules[{i}]"
        if not isinstance(raw, dict) or "id" not in raw or "match" not in raw:
            raise DataFileError(f"{where}: a rule needs 'id' and 'match'")
        codes = _codes(raw, where)
        for key in ("requires", "requires_subject", "context", "target_hedges", "keeper_nouns"):
            if raw.get(key) and raw[key] not in lists:
                raise DataFileError(f"{where}.{key}: unknown word list {raw[key]!r}")
        refine = []
        for j, r in enumerate(raw.get("refine") or []):
            if r.get("cues") not in lists:
                raise DataFileError(f"{where}.refine[{j}].cues: unknown word list {r.get('cues')!r}")
            if r.get("target") not in (None, "unarmed"):
                raise DataFileError(f"{where}.refine[{j}].target: must be 'unarmed' or absent")
            refine.append(Refinement(r["cues"], _codes(r, f"{where}.refine[{j}]", codes), r.get("target")))
        by_actor = {g: str(v["sub_event_type"]) for g, v in (raw.get("by_actor") or {}).items()}
        by_target = {str(g): _codes(v, f"{where}.by_target.{g}") for g, v in (raw.get("by_target") or {}).items()}
        rid = str(raw["id"])
        if rid in rules:
            raise DataFileError(f"{where}.id: duplicate rule id {rid!r}")
        rules[rid] = TriggerRule(
            id=rid,
            phrases=tuple(phrase_tokens(str(p)) for p in raw["match"]),
            pos=frozenset(raw.get("pos") or ()),
            codes=codes,
            requires=raw.get("requires"),
            refine=tuple(refine),
            by_actor=by_actor,
            by_target=by_target,
            target_hedges=raw.get("target_hedges"),
            unarmed_roles=raw.get("unarmed_roles"),
            victim_subject=bool(raw.get("victim_subject", False)),
            keeper_nouns=raw.get("keeper_nouns"),
            object_is_target=bool(raw.get("object_is_target", True)),
            actor1=raw.get("actor1"),
            subject_is_actor2=bool(raw.get("subject_is_actor2", False)),
            unknown_actor1=raw.get("unknown_actor1"),
            victim_default=raw.get("victim_default"),
            recipient_preps=_words(raw.get("recipient_preps") or [], f"{where}.recipient_preps"),
            destination_preps=_words(raw.get("destination_preps") or [], f"{where}.destination_preps"),
            symmetric=bool(raw.get("symmetric", False)),
            secondary=bool(raw.get("secondary", False)),
            absorbs=frozenset(str(x) for x in raw.get("absorbs") or ()),
            requires_subject=raw.get("requires_subject"),
            requires_scope=str(raw.get("requires_scope", "args")),
            context=raw.get("context"),
            purpose_realised=bool(raw.get("purpose_realised", False)),
            loser_preps=_words(raw.get("loser_preps") or [], f"{where}.loser_preps"),
            kills_object=bool(raw.get("kills_object", False)),
            requires_recipient=bool(raw.get("requires_recipient", False)),
            requires_loser=bool(raw.get("requires_loser", False)),
            requires_preps=_words(raw.get("requires_preps") or [], f"{where}.requires_preps"),
            implies_doer=bool(raw.get("implies_doer", False)),
            requires_object=bool(raw.get("requires_object", False)),
            requires_doer=bool(raw.get("requires_doer", False)),
            requires_antecedent=bool(raw.get("requires_antecedent", False)),
        )
    for rid, r in rules.items():
        bad = [x for x in r.absorbs if x not in rules]
        if bad:
            raise DataFileError(f"{t_origin}: rule {rid!r} absorbs unknown rule {bad[0]!r}")
        if r.requires_scope not in ("args", "subtree", "direct", "object_subtree"):
            raise DataFileError(f"{t_origin}: rule {rid!r}: requires_scope must be args, subtree, direct or "
                                "object_subtree")
    supersedes = _supersedes(trig, "supersedes", t_origin)
    supersedes_at_place = _supersedes(trig, "supersedes_at_place", t_origin)
    supersedes_around = _supersedes(trig, "supersedes_around", t_origin)
    supersedes_in_sentence = _supersedes(trig, "supersedes_in_sentence", t_origin)

    cue_phrases: list[tuple[tuple[str, ...], str]] = []
    try:
        for kind, words in cues["modality"].items():
            cue_phrases += [(phrase_tokens(w), f"modality:{kind}") for w in words]
        cue_phrases += [(phrase_tokens(w), "negation") for w in cues["negation"]]
        cue_phrases += [(phrase_tokens(w), "habitual") for w in cues["habitual"]]
        cue_phrases += [(phrase_tokens(w), "vague") for w in cues["vague_quantifiers"]]
        cue_phrases += [(phrase_tokens(w), "background") for w in cues["background_preps"]]
        cue_phrases += [(phrase_tokens(w), "according_to") for w in cues["according_to"]]
        scope: dict[str, str] = {}
        for level, spec in cues["certainty"].items():
            scope[level] = str(spec.get("scope", "sentence"))
            cue_phrases += [(phrase_tokens(w), f"certainty:{level}") for w in spec["cues"]]
        coref = []
        for j, c in enumerate(cues["coreference"]):
            inter = c.get("inter")
            coref.append((phrase_tokens(c["phrase"]), None if inter is None else frozenset(int(x) for x in inter)))
            cue_phrases.append((phrase_tokens(c["phrase"]), f"coref:{j}"))
        roles = {k: _words(v, f"{c_origin}:roles.{k}") for k, v in cues["roles"].items()}
        places = cues["places"]
        lex = EventLexicon(
            rules=rules,
            lists=lists,
            cue_phrases=cue_phrases,
            modal_verbs=_words(cues["modal_verbs"], f"{c_origin}:modal_verbs"),
            claim_verbs=_words(cues["claim_verbs"], f"{c_origin}:claim_verbs"),
            quote_verbs=_words(cues["quote_verbs"], f"{c_origin}:quote_verbs"),
            speaker_nouns=_words(cues["speaker_nouns"], f"{c_origin}:speaker_nouns"),
            claimant_pronouns=_words(cues["claimant_pronouns"], f"{c_origin}:claimant_pronouns"),
            certainty_scope=scope,
            certainty_rank=[str(x) for x in cues["certainty_rank"]],
            roles=roles,
            coref=coref,
            location_preps=_words(places["location_preps"], f"{c_origin}:places.location_preps"),
            location_nouns=_words(places["location_nouns"], f"{c_origin}:places.location_nouns"),
            origin_preps=_words(places["origin_preps"], f"{c_origin}:places.origin_preps"),
            inter_groups={k: frozenset(int(x) for x in v) for k, v in cues["inter_groups"].items()},
            fatalities=dict(cues["fatalities"]),
            anaphoric_determiners=_words(cues["anaphoric_determiners"], f"{c_origin}:anaphoric_determiners"),
            argument_preps=_words(cues["argument_preps"], f"{c_origin}:argument_preps"),
            supersedes=supersedes,
            supersedes_at_place=supersedes_at_place,
            supersedes_around=supersedes_around,
            supersedes_in_sentence=supersedes_in_sentence,
            responsibility=_responsibility(cues.get("responsibility") or {}, c_origin),
            pair_coref=_words(cues.get("pair_coreference") or [], f"{c_origin}:pair_coreference"),
            unknown_actor1={str(k): str(v) for k, v in (trig.get("unknown_actor1") or {}).items()},
            people_of_nouns=_words(places.get("people_of_nouns") or [], f"{c_origin}:places.people_of_nouns"),
            settlement_nouns=_words(places.get("settlement_nouns") or [], f"{c_origin}:places.settlement_nouns"),
            custody_sites={str(k): str(v) for k, v in (places.get("custody_sites") or {}).items()},
            claimants={
                "independent": _words((cues.get("claimants") or {}).get("independent") or [],
                                      f"{c_origin}:claimants.independent"),
                "party": _words((cues.get("claimants") or {}).get("party") or [], f"{c_origin}:claimants.party"),
                "party_inter": frozenset(int(x) for x in (cues.get("claimants") or {}).get("party_inter") or []),
            },
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise DataFileError(f"{c_origin}: bad or missing field ({exc!r})") from exc
    return lex
