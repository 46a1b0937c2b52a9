"""Who did it, in forms the parser misreads or the writer hedges (our own sentences)."""
from __future__ import annotations


def _actors(events):
    return [(e.sub_event_type, e.actor1) for e in events]


def test_the_acronym_is_read_as_a_group_not_the_verb_is(run):
    events, _ = run("IS fighters fired several shells on Busayrah town in eastern Deir ez-Zor.")
    assert _actors(events) == [("Shelling/artillery/missile attack", "Islamic State (Syria)")]


def test_a_lowercase_is_stays_a_verb(run):
    events, _ = run("The town of Busayrah is shelled by government forces every night, residents say.")
    assert "Islamic State (Syria)" not in [e.actor1 for e in events]


def test_an_aside_attributing_warplanes_names_their_side(run):
    events, _ = run("On Monday, warplanes, likely regime or Russian, bombed Kafr Zita in northern Hama.")
    assert _actors(events) == [("Air/drone strike", "Allied Syrian and/or Russian Forces")]


def test_an_aside_naming_one_state(run):
    events, _ = run("Warplanes, probably Russian, struck Kafr Zita in northern Hama on Monday.")
    assert _actors(events) == [("Air/drone strike", "Military Forces of Russia (2000-)")]


def test_where_forces_were_sent_from_is_no_doer(run):
    events, _ = run("Regime Tiger Forces were deployed from Damascus to northern Hama on Monday.")
    assert _actors(events) == [("Change to group/activity", "Military Forces of Syria (2000-)")]


def test_a_bomb_driven_by_a_suicide_attacker_is_one_suicide_bombing(run):
    events, _ = run("IS militants detonated a car bomb driven by a suicide attacker at the gate of a prison in "
                    "Hasakeh city on Thursday.")
    assert _actors(events) == [("Suicide bomb", "Islamic State (Syria)")]


def test_the_ontologys_allies_are_one_side(extractor):
    from sitrep.events.state import ActorRef

    def ref(actor_id, name, inter):
        return ActorRef(name=name, inter=inter, generic=False, span=None, actor_id=actor_id)

    army = ref("military-syria", "Military Forces of Syria (2000-)", 1)
    militia = ref("pro-government-militia-syria", "Militia (Pro-Government)", 3)
    islamic_state = ref("islamic-state-syria", "Islamic State (Syria)", 2)
    assert extractor.kit.actors.allied(militia, army) and extractor.kit.actors.allied(army, militia)
    assert not extractor.kit.actors.allied(army, islamic_state)


def test_allies_taking_ground_together_stay_one_side_state_first(run):
    events, _ = run("On 2 June 2019, regime and pro-regime militia forces seized Kafr Nabudah in northern Hama "
                    "countryside.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Government regains territory", "Military Forces of Syria (2000-)", None)]


def _sides(events):
    return [(e.sub_event_type, e.actor1, e.actor2) for e in events]


def test_tribes_set_fighting_with_nobody_named_are_tribal_militias(run):
    events, _ = run("On 4 May 2021, fighting broke out between two tribes in Busayrah over grazing land.")
    assert _sides(events) == [("Armed clash", "Unidentified Tribal Militia (Syria)", "Unidentified Tribal Militia (Syria)")]


def test_clans_set_fighting_are_clan_militias(run):
    events, _ = run("On 4 May 2021, clashes erupted between two clans in Busayrah.")
    assert _sides(events) == [("Armed clash", "Unidentified Clan Militia (Syria)", "Unidentified Clan Militia (Syria)")]


def test_a_named_side_keeps_its_name_beside_a_tribe(run):
    events, _ = run("On 4 May 2021, HTS fighters clashed with gunmen from a local tribe in Busayrah.")
    assert events and events[0].actor1 == "Hayat Tahrir al-Sham"


def test_a_shelling_exchange_taking_place_between_two_sides(run):
    events, _ = run("On 4 May 2021, shelling exchange with mortars and rockets took place between army units and "
                    "HTS on the Busayrah front.")
    assert _sides(events) == [("Armed clash", "Military Forces of Syria (2000-)", "Hayat Tahrir al-Sham")]


def test_generic_words_read_as_one_phrase(run):
    # "Islamist faction" and "fighters" are each a generic word; the whole phrase is Islamist militia
    events, _ = run("On 4 May 2021, Islamist faction fighters shelled army positions near Busayrah.")
    assert [e.actor1 for e in events] == ["Islamist Militia (Syria)"]


def test_rebel_faction_fighters_are_the_opposition(run):
    events, _ = run("On 4 May 2021, rebel faction fighters shelled army positions near Busayrah.")
    assert [e.actor1 for e in events] == ["Opposition Rebels (Syria)"]
