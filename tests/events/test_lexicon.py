import pytest

from sitrep.errors import DataFileError
from sitrep.events.lexicon import load_lexicon, phrase_tokens


def test_shipped_lexicon_loads_every_rule_with_codes():
    lex = load_lexicon()
    assert lex.rules["remote.shelling"].codes.sub_event_type == "Shelling/artillery/missile attack"


def test_phrase_tokens_split_hyphens():
    assert phrase_tokens("air-strike") == ("air", "-", "strike")


def test_yaml_boolean_word_is_rejected(tmp_path):
    from importlib import resources

    cues = (resources.files("sitrep") / "data" / "events" / "cues.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "cues.yaml"
    bad.write_text(cues.replace('target_preps: ["on",', "target_preps: [on,"), encoding="utf-8")
    with pytest.raises(DataFileError, match="quote YAML words"):
        load_lexicon(cues_path=bad)


def test_unknown_word_list_is_rejected(tmp_path):
    bad = tmp_path / "triggers.yaml"
    bad.write_text("rules:\n  - {id: x, match: [hit], requires: nowhere, event_type: A, sub_event_type: B}\n")
    with pytest.raises(DataFileError, match="unknown word list"):
        load_lexicon(triggers_path=bad)
