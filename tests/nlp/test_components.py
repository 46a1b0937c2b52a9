import pytest
import spacy

import sitrep.nlp.components  # noqa: F401 - registers the factories
from sitrep.nlp import SITREP_COMPONENTS


@pytest.fixture()
def blank():
    return spacy.blank("en")


def test_all_components_are_registered(blank):
    for name in SITREP_COMPONENTS:
        blank.add_pipe(name)
    assert blank.pipe_names == list(SITREP_COMPONENTS)


def test_actor_forms_match_case_and_apostrophe_insensitively(blank):
    pipe = blank.add_pipe("sitrep_actor_mentions")
    pipe.add_forms([("Jaysh al-Fath", "jaf")])
    doc = blank("Fighters of JAYSH AL-FATH moved north.")
    assert [(s.text, s.label_, s.kb_id_) for s in doc.spans["sitrep_actors"]] == [("JAYSH AL-FATH", "ACTOR", "jaf")]


def test_acronym_definition_is_learned(blank):
    blank.add_pipe("sitrep_acronyms")
    doc = blank("The Free Syrian Army (FSA) withdrew.")
    assert [(s.text, s.label_) for s in doc.spans["sitrep_acronym_defs"]] == [("Free Syrian Army", "FSA")]


def test_trigger_phrase_longest_wins(blank):
    blank.add_pipe("sitrep_triggers")
    doc = blank("A roadside bomb went off.")
    assert [(s.text, s.label_) for s in doc.spans["sitrep_triggers"]] == [("roadside bomb", "remote.ied")]


def test_cues_mark_certainty(blank):
    blank.add_pipe("sitrep_cues")
    doc = blank("Gunmen allegedly stormed the village.")
    assert [(s.text, s.label_) for s in doc.spans["sitrep_cues"]] == [("allegedly", "certainty:alleged")]


def test_timex_layer_labels_kind(blank):
    blank.add_pipe("sitrep_timex")
    doc = blank("On March 3, rockets hit the city.")
    assert [(s.text, s.label_) for s in doc.spans["sitrep_timex"]] == [("On March 3", "day")]
