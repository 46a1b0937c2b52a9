"""Each event stage alone, on tiny hand-written sentences, and the stage registry.

`upto(extractor, text, name)` parses one sentence, builds the document, sentence and
paragraph slots the orchestrator would, and runs the configured stages up to and
including `name` on the sentence's first trigger (or the one whose text is given),
so a test reads the slots that one stage wrote.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import DataFileError
from sitrep.events.claims import ForwardScope
from sitrep.events.dates import sentence_date
from sitrep.events.registry import STAGES, Stage, build_stages, read_pipeline, register
from sitrep.events.state import DocState, Mention, ParagraphState, SentenceState
from sitrep.records import DocMeta, Document, Segmentation, TextSpan


def _doc(text: str) -> Document:
    return Document(doc_id="t", name="t", origin="t", text=text, meta=DocMeta(published=date(2021, 3, 10)),
                    segmentation=Segmentation(body=[TextSpan(0, len(text), text)]))


def upto(ex, text: str, name: str, trigger: str | None = None) -> Mention:
    sdoc = ex.nlp(text)
    st = DocState(document=_doc(text), actor_ctx=ex._actor_context(_doc(text)),
                  n_sentences=len(list(sdoc.sents)), names_a_place=ex._names_a_place(sdoc))
    mentions = ex.kit.actors.mentions(st, sdoc)
    par = ParagraphState(mentions=mentions, quotes=ex.kit.claims.quotes(st, sdoc, mentions),
                         triggers=list(sdoc.spans.get("sitrep_triggers", [])))
    sent = next(iter(sdoc.sents))
    s = SentenceState(span=sent, par_start=0, cues=list(sdoc.spans.get("sitrep_cues", [])))
    ex.kit.claims.scope(st, s, mentions, ForwardScope())
    s.date = sentence_date(ex.kit.timex, ex.kit.claims, st, sent, list(sdoc.spans.get("sitrep_timex", [])))
    trig = next(t for t in par.triggers if trigger is None or t.text == trigger)
    m = Mention(trig=trig, head=trig.root)
    for stage in ex.stages:
        stage(m, st, s, par)
        if m.drop is not None or stage.name == name:
            break
    return m


# ------------------------------------------------------------------ registry
def test_every_configured_stage_is_registered_in_order(extractor):
    names = [s.name for s in extractor.stages]
    assert names == [spec.name for spec in read_pipeline()]
    assert names[0] == "detect" and names[-1] == "assemble"
    assert all(n in STAGES for n in names)


def test_registering_another_class_under_a_taken_name_raises():
    with pytest.raises(ValueError, match="already registered"):
        @register("detect", assigns=())
        class Other(Stage):  # noqa: F841 - the decorator is what is tested
            pass


def _pipeline(tmp_path: Path, body: str) -> list:
    p = tmp_path / "pipeline.yaml"
    p.write_text(body, encoding="utf-8")
    return read_pipeline(p)


def test_unknown_stage_missing_input_and_unknown_setting_are_data_errors(extractor, tmp_path):
    with pytest.raises(DataFileError, match="unknown event stage 'guess'"):
        build_stages(extractor.kit, _pipeline(tmp_path, "stages: [detect, guess]"))
    with pytest.raises(DataFileError, match="needs"):
        build_stages(extractor.kit, _pipeline(tmp_path, "stages: [place]"))
    with pytest.raises(DataFileError, match="no setting"):
        build_stages(extractor.kit, _pipeline(tmp_path, "stages: [{name: detect, settings: {speed: 2}}]"))
    with pytest.raises(DataFileError, match="non-empty list"):
        _pipeline(tmp_path, "stages: []")


# ------------------------------------------------------------------ detect
def test_detect_picks_the_rule_whose_object_condition_holds(extractor):
    m = upto(extractor, "Rebel fighters captured the village of Kafr Halab on Monday.", "detect")
    assert m.rule.id == "battle.territory"
    m = upto(extractor, "Police seized a truck loaded with rifles in the town of Jableh.", "detect", "seized")
    assert m.rule.id == "sd.seize_weapons"


def test_detect_stops_a_trigger_whose_conditions_fail(extractor):
    m = upto(extractor, "The company captured a large share of the market.", "detect")
    assert m.drop == "no-rule-conditions" and m.trace[-1] == "drop:no-rule-conditions"


# ------------------------------------------------------------------ modality
@pytest.mark.parametrize("text,kind", [
    ("Government forces are preparing to storm the village of Hish.", "statement:plan"),
    ("The army could shell the town of Saraqib again.", "statement:prediction"),
])
def test_modality_turns_plans_and_predictions_into_statements(extractor, text, kind):
    m = upto(extractor, text, "arguments")
    assert m.drop == kind and m.statement is not None


def test_modality_drops_negated_triggers(extractor):
    m = upto(extractor, "Turkish troops did not shell the town of Tal Rifaat on Monday.", "modality")
    assert m.drop == "modality"


@pytest.mark.parametrize("text", [
    "Rebel fighters managed to capture the village of Kafr Halab from the army.",
    "Government forces continued to shell the town of Kafr Nabl on Sunday.",
])
def test_a_verb_of_achieving_or_going_on_makes_its_infinitive_an_act(extractor, text):
    m = upto(extractor, text, "modality")
    assert m.drop is None and m.kind is None


def test_a_bare_trigger_noun_naming_its_sides_is_not_a_recall(extractor):
    m = upto(extractor, "The army took the hill of Tal Sheikh Yusuf after clashes with rebel fighters.",
             "modality", "clashes")
    assert m.drop is None
    m = upto(extractor, "Villagers returned to Kafr Nabl after the attack.", "modality", "attack")
    assert m.drop == "modality"


def test_multi_year_habits_are_not_events(extractor):
    m = upto(extractor, "Israeli jets have struck targets in Syria hundreds of times over the years.", "modality")
    assert m.drop == "modality"


# ------------------------------------------------------------------ arguments
def test_arguments_read_subject_object_and_loser(extractor):
    m = upto(extractor, "Rebel fighters captured the village of Kafr Halab from the Islamic State on Monday.",
             "arguments")
    assert m.actor1.name.startswith("Opposition Rebels")
    assert m.actor2.name.startswith("Islamic State")


# ------------------------------------------------------------------ place
def test_place_from_the_clause_is_not_a_fallback(extractor):
    m = upto(extractor, "Government forces shelled the town of Saraqib on Monday.", "place")
    assert m.place.match.name == "Saraqib" and m.place_how == "own" and m.fallbacks == []


def test_a_named_place_the_gazetteer_lacks_is_kept_by_name(extractor):
    m = upto(extractor, "Rebel fighters captured the village of Zorqaniyeh Fawqa on Monday.", "place")
    assert m.drop is None
    assert m.place.match.name == "Zorqaniyeh Fawqa" and m.place.match.latitude is None
    assert "location:unresolved" in m.fallbacks


def test_no_place_at_all_stops_the_mention_in_a_longer_report(extractor):
    m = upto(extractor, "Rebel fighters captured a hill overnight. Residents heard gunfire. "
                        "Shops stayed shut. Schools were closed.", "place")
    assert m.drop == "no-place"
    m = upto(extractor, "Hayat Tahrir al-Sham fighters captured a hill overnight.", "place")
    assert m.drop is None and "no_location" in m.fallbacks


# ------------------------------------------------------------------ type
def test_type_refines_by_actor1_group(extractor):
    m = upto(extractor, "Syrian army troops recaptured the town of Khan Shaykhun from rebels.", "type")
    assert m.sub_event_type == "Government regains territory"
    m = upto(extractor, "Rebel fighters captured the town of Khan Shaykhun from the Syrian army.", "type")
    assert m.sub_event_type == "Non-state actor overtakes territory"


def test_killing_a_named_armed_actor_is_an_armed_clash(extractor):
    m = upto(extractor, "Unidentified gunmen shot dead a commander of Hayat Tahrir al-Sham in Sarmada.", "type")
    assert (m.event_type, m.sub_event_type) == ("Battles", "Armed clash")
    m = upto(extractor, "Unidentified gunmen shot dead a pharmacist in Sarmada.", "type")
    assert (m.event_type, m.sub_event_type) == ("Violence against civilians", "Attack")


def test_territory_verbs_that_take_territory_only_as_verbs(extractor):
    m = upto(extractor, "Government troops secured the village of Abu Dali on Tuesday.", "type")
    assert m.sub_event_type == "Government regains territory"
    m = upto(extractor, "The village of Abu Dali is under government control.", "detect")
    assert m.drop is not None or m.rule.id != "battle.territory_verb"


# ------------------------------------------------------------------ continuation, date, claims, fatalities
def test_unidentified_perpetrator_stand_in_is_recorded_as_a_fallback(extractor):
    m = upto(extractor, "A roadside bomb exploded in the town of Jasim on Monday, killing two soldiers.",
             "continuation", "roadside bomb")
    assert m.stand_in and "actor1:unidentified" in m.fallbacks


def test_date_from_the_sentence_else_the_day_before_publication(extractor):
    m = upto(extractor, "Government forces shelled the town of Saraqib on 3 March.", "date")
    assert (m.event_date, m.time_precision) == (date(2021, 3, 3), 1) and m.date_span is not None
    m = upto(extractor, "Government forces shelled the town of Saraqib.", "date")
    assert m.event_date == date(2021, 3, 9) and "event_date:published" in m.fallbacks


def test_claims_grade_a_party_source_as_claimed(extractor):
    m = upto(extractor, "The Turkish defence ministry said its forces shelled the village of Tal Rifaat.",
             "claims", "shelled")
    assert m.certainty == "claimed" and m.claimant is not None


def test_fatalities_from_the_parse(extractor):
    m = upto(extractor, "Government forces shelled the town of Kafr Nabl, killing a child and two women.",
             "fatalities", "shelled")
    assert m.fatalities == 3


# ------------------------------------------------------------------ confidence and assembly
def test_confidence_falls_with_each_fallback(extractor):
    full = upto(extractor, "Government forces shelled the town of Saraqib on 3 March.", "assemble")
    assert full.event.confidence == 1.0 and full.event.fallbacks == []
    partial = upto(extractor, "Rebel fighters captured the village of Zorqaniyeh Fawqa.", "assemble")
    assert partial.event.confidence < 1.0
    assert set(partial.event.fallbacks) == {"location:unresolved", "event_date:published"}
    assert partial.event.latitude is None and partial.event.location == "Zorqaniyeh Fawqa"
    assert any(e.field == "location" and e.text == "Zorqaniyeh Fawqa" for e in partial.event.evidence)


def test_every_mention_leaves_a_trace(extractor):
    extractor.trace_sink = []
    try:
        list(extractor.extract([_doc("The company captured a large share of the market.")]))
        assert extractor.trace_sink and extractor.trace_sink[0][2][-1] == "drop:no-rule-conditions"
    finally:
        extractor.trace_sink = None


def test_a_sentence_with_fighting_and_a_capture_is_the_capture(run):
    events, _ = run("After heavy clashes with rebel fighters, Syrian army troops recaptured the village "
                    "of Abu Dali on Tuesday.")
    assert [e.sub_event_type for e in events] == ["Government regains territory"]


# ------------------------------------------------------------------ round 2 of real-text classes
def test_a_vague_count_done_with_a_light_verb_is_still_an_event(extractor):
    m = upto(extractor, "Russian jets conducted several air strikes on the town of Kafranbel.", "modality")
    assert m.drop is None
    m = upto(extractor, "There have been several air strikes on the town of Kafranbel.", "modality")
    assert m.drop == "modality"


def test_the_target_place_stops_before_a_complement_naming_the_loser(extractor):
    m = upto(extractor, "Rebel fighters captured the town of Raju from YPG forces on Monday.", "place")
    assert m.place is not None and m.place.match.name == "Raju"


def test_a_bare_object_tagged_as_an_organisation_is_a_place_when_the_gazetteer_knows_it(extractor):
    m = upto(extractor, "Warplanes bombed Saraqib on Monday.", "place")
    assert m.place is not None and m.place.match.name == "Saraqib"


def test_a_short_report_that_names_no_place_keeps_its_event_without_one(extractor, tmp_path):
    from sitrep.events.extract import EventExtractor

    text = "Unidentified warplanes carried out several air strikes overnight."
    ((_, events, _),) = list(extractor.extract([_doc(text)]))
    assert [(e.location, e.latitude) for e in events] == [(None, None)]
    assert "no_location" in events[0].fallbacks and events[0].confidence <= 0.7
    # a long article never keeps a placeless event
    long_text = " ".join(["Residents described a quiet morning."] * 3 + [text])
    ((_, events, _),) = list(extractor.extract([_doc(long_text)]))
    assert events == []
    # keep_placeless: false drops it
    p = tmp_path / "pipeline.yaml"
    p.write_text(read_pipeline_text().replace("keep_placeless: short", "keep_placeless: false"), encoding="utf-8")
    ex = EventExtractor(extractor.nlp, extractor.actors, extractor.places, extractor.lex, extractor.timex, pipeline=p)
    ((_, events, _),) = list(ex.extract([_doc(text)]))
    assert events == []


def test_keep_placeless_accepts_only_true_false_or_short(extractor, tmp_path):
    p = tmp_path / "pipeline.yaml"
    p.write_text(read_pipeline_text().replace("keep_placeless: short", "keep_placeless: sometimes"), encoding="utf-8")
    with pytest.raises(DataFileError, match="keep_placeless"):
        build_stages(extractor.kit, read_pipeline(p))


def read_pipeline_text() -> str:
    from importlib import resources

    return resources.files("sitrep").joinpath("data", "events", "pipeline.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize("text,sub", [
    ("Rebel factions targeted army positions near the village of Hish with rockets.",
     "Shelling/artillery/missile attack"),
    ("Turkish drones targeted a vehicle near the town of Amuda.", "Air/drone strike"),
    ("Government snipers targeted rebel positions near the village of Hish.", "Armed clash"),
])
def test_targeted_is_a_strike_typed_by_its_weapon(extractor, text, sub):
    m = upto(extractor, text, "type")
    assert m.drop is None and m.sub_event_type == sub


@pytest.mark.parametrize("text,place", [
    ("Regime forces regained control of Rakham in Daraa following clashes with rebels.", "Rakham"),
    ("Government troops captured the village of Kahil in Daraa from rebels.", "Kahil"),
    ("Government troops captured Kahil in Daraa from rebels.", "Kahil"),
])
def test_a_place_the_object_names_beats_the_area_that_locates_it(extractor, text, place):
    m = upto(extractor, text, "place")
    assert m.place.match.name == place and m.place.match.geo_precision == 1


def test_a_named_armed_group_the_ontology_lacks_is_kept_by_its_name(extractor):
    m = upto(extractor, "The Sham Liberation Army took control of the village of Kahil from regime forces.",
             "assemble")
    assert (m.event.actor1, m.event.inter1) == ("Sham Liberation Army", 2)
    assert "actor1:unlisted" in m.event.fallbacks
    m = upto(extractor, "The villagers took control of the village of Kahil.", "arguments")
    assert m.actor1 is None or m.actor1.name != "villagers"


def test_members_of_an_unlisted_group_name_the_group(extractor):
    m = upto(extractor, "Tanzim al-Ghurab militants attacked an army post near the village of Hish.", "assemble")
    assert m.event.actor1 == "Tanzim al-Ghurab" and "actor1:unlisted" in m.event.fallbacks
    m = upto(extractor, "Twenty villagers were abducted by Tanzim al-Ghurab fighters near the village of Hish.",
             "arguments")
    assert m.actor1 is not None and m.actor1.name == "Tanzim al-Ghurab"


def test_a_place_or_a_listed_groups_fighters_are_not_an_unlisted_group(extractor):
    m = upto(extractor, "Idlib militants attacked an army post near the village of Hish.", "arguments")
    assert m.actor1 is None or m.actor1.name != "Idlib"
    m = upto(extractor, "Hayat Tahrir al-Sham fighters attacked an army post near the village of Hish.", "arguments")
    assert m.actor1.name == "Hayat Tahrir al-Sham" and "actor1:unlisted" not in m.fallbacks


def test_a_fight_that_did_not_happen_is_no_event(extractor):
    m = upto(extractor, "Islamic State fighters withdrew from the town of Maadan without a fight.", "modality", "fight")
    assert m.drop == "modality"
    m = upto(extractor, "Government forces shelled the town of Saraqib without warning.", "modality", "shelled")
    assert m.drop is None
