"""Rules for how coders and wires really write (our own sentences, one or more per rule).

Each rule here was found by measuring on real text; the sentences are ours.
"""

from __future__ import annotations

import pytest


def _places(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.location, e.geo_precision) for e in events]


@pytest.mark.parametrize("text, place", [
    # the small tagger reads an unknown-looking village name before "town" as an adjective
    ("Government aircraft struck Sarmin town in the Idleb countryside on June 20.", "Sarmin"),
    ("On June 20, rebel fighters shelled Hish village in southern Idleb.", "Hish"),
])
def test_a_name_the_tagger_calls_an_adjective_still_places_the_event(run, text, place):
    assert [p[1] for p in _places(run, text)][:1] == [place]


@pytest.mark.parametrize("text, place", [
    # "in the Y countryside" hung on the verb: the area locates the town left, not the event
    ("On June 20, HTS fighters withdrew from Hish town in the Idleb countryside.", "Hish"),
    # the area inside the origin phrase itself, with a parenthetical between
    ("On June 20, HTS fighters pulled out, for unknown reasons, from Kafr Nabl town in the Idleb countryside.",
     "Kafranbel"),
])
def test_a_withdrawal_is_placed_at_the_town_left_not_its_governorate(run, text, place):
    assert _places(run, text)[:1] == [("Non-violent transfer of territory", place, 1)]


def test_an_area_alone_still_places_a_withdrawal_at_area_level(run):
    got = _places(run, "On June 20, HTS fighters withdrew from positions in the Idleb countryside.")
    assert got[:1] == [("Non-violent transfer of territory", "Idleb", 3)]


def _events(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor1, e.actor2, e.fatalities) for e in events]


def test_armed_families_in_a_town_are_its_communal_militia_on_both_sides(run):
    got = _events(run, "On June 20, clashes broke out between two armed families in the town of Mayadin.")
    assert got == [("Armed clash", "Al Mayadin Communal Militia (Syria)", "Al Mayadin Communal Militia (Syria)", None)]


def test_locals_clashing_in_a_town_are_its_communal_militia(run):
    got = _events(run, "On June 20, numerous locals clashed with each other in the town of Tafas.")
    assert [g[:2] for g in got] == [("Armed clash", "Tafas Communal Militia (Syria)")]


def test_armed_families_in_a_governorate_stay_an_unidentified_clan_militia(run):
    got = _events(run, "On June 20, clashes broke out between two armed families in Deir ez-Zor governorate.")
    assert [g[:2] for g in got] == [("Armed clash", "Unidentified Clan Militia (Syria)")]


@pytest.mark.parametrize("text", [
    "On June 20, displaced families fled the town of Mayadin.",
    "On June 20, the families of the victims gathered in the town of Mayadin.",
])
def test_families_alone_are_no_armed_actor(run, text):
    assert all(e[1] != "Unidentified Clan Militia (Syria)" for e in _events(run, text))


def test_a_bare_toll_sentence_is_the_toll_of_the_event_before_it(run):
    got = _events(run, "On June 20, clashes broke out between the Hassoun and Kheder clans in the town of Mayadin. "
                       "Three people were killed.")
    assert [(g[0], g[1], g[3]) for g in got] == [("Armed clash", "Hassoun Tribal Militia (Syria)", 3)]


def test_a_toll_sentence_with_its_own_perpetrator_stays_an_event(run):
    got = _events(run, "On June 20, clashes broke out between the Hassoun and Kheder clans in the town of Mayadin. "
                       "Government forces killed three civilians in the town of Mayadin.")
    assert len(got) == 2 and got[1][0] == "Attack" and got[1][1] == "Military Forces of Syria (2000-)"


@pytest.mark.parametrize("text", [
    "On June 20, clashes took place among members of the Hamza Division in the city of Afrin.",
    "On June 20, clashes broke out among Ahrar al-Sham fighters in the town of Sarmada.",
])
def test_fighting_inside_one_group_names_that_group(run, text):
    got = _events(run, text)
    assert len(got) == 1 and got[0][0] == "Armed clash" and got[0][1] in ("Hamza Division", "Ahrar al-Sham")


def test_a_foreign_army_taking_ground_abroad_overtakes_territory(run):
    # ACLED keeps "Government regains territory" for the country's own government forces
    events, _ = run("On June 20, Turkish forces captured the town of Tal Abyad from YPG fighters.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [
        ("Non-state actor overtakes territory", "Military Forces of Turkey (2016-)")]


def test_the_syrian_army_taking_ground_regains_territory(run):
    events, _ = run("On June 20, government forces captured the town of Kafr Nabl from rebel fighters.")
    assert [e.sub_event_type for e in events] == ["Government regains territory"]


def test_a_backer_in_an_aside_is_not_the_actor(run):
    # the tagger misreads the sentence; the backer inside the aside must not become actor1
    events, _ = run("QSD, backed by the US-led Global Coalition, took over the town of Tal Baydar "
                    "after hours of fighting with IS.")
    assert [e.actor1 for e in events][:1] == ["Syrian Democratic Forces"]


@pytest.mark.parametrize("text, actor1, place", [
    # the parser reads "X controlled Y village" as "the X-controlled Y village"
    ("HTS controlled Kafr Takharim village in rural Idleb following battles with Ahrar al-Sham.",
     "Hayat Tahrir al-Sham", "Kafr Takharim"),
    ("Units of the Olive Branch Operation controlled Jindires village after battles with the YPG.",
     "Operation Olive Branch", "Jindayris"),
])
def test_a_verb_misread_as_a_modifier_still_takes_territory(run, text, actor1, place):
    events, _ = run(text)
    assert [(e.sub_event_type, e.actor1, e.location) for e in events] == [
        ("Non-state actor overtakes territory", actor1, place)]


@pytest.mark.parametrize("text", [
    "On June 20, rebel factions fired rockets at the YPG-controlled town of Tal Rifaat.",
    "On June 20, HTS fighters withdrew from the rest of its controlled areas in western Aleppo.",
])
def test_a_real_controlled_modifier_takes_no_territory(run, text):
    events, _ = run(text)
    assert "Non-state actor overtakes territory" not in [e.sub_event_type for e in events]


@pytest.mark.parametrize("text", [
    "On June 20, clashes took place between HTS and Zinki fighters in Darat Izza, where HTS was able to control "
    "the town.",
    "On June 20, regime forces advanced to take control of the village of Kafr Zita after clashes with HTS.",
])
def test_able_to_and_advanced_to_report_a_done_capture(run, text):
    events, _ = run(text)
    assert [e.event_type for e in events if "territory" in e.sub_event_type] == ["Battles"]


@pytest.mark.parametrize("text", [
    "On June 20, HTS said it was not able to control the town of Darat Izza.",
    "On June 20, regime forces will advance to take control of the village of Kafr Zita.",
])
def test_unable_or_future_capture_is_no_event(run, text):
    events, _ = run(text)
    assert not [e for e in events if "territory" in e.sub_event_type]


def _one_line(extractor, text):
    """A one-sentence report (a headline, a channel post) run as its own document."""
    from tests.events.conftest import make_doc

    ((_, events, _),) = list(extractor.extract([make_doc([text])]))
    return [(e.sub_event_type, e.location, e.geo_precision) for e in events]


@pytest.mark.parametrize("text, sub", [
    # nothing was told before a headline: "the strikes" is the news, not a recall
    ("Turkish army intensifies the shelling on the town of Tal Rifaat.", "Shelling/artillery/missile attack"),
    # a gerund opening a headline names the act like a noun
    ("Shelling by regime forces targets the outskirts of Saraqib.", "Shelling/artillery/missile attack"),
    ("Targeting to the north of Saraqib leaves human losses.", "Shelling/artillery/missile attack"),
    ("A suicidal attack in the outskirts of Saraqib city leaves many casualties.", "Suicide bomb"),
])
def test_headline_grammar_still_reports_the_act(extractor, text, sub):
    got = _one_line(extractor, text)
    assert [g[0] for g in got][:1] == [sub]


def test_to_the_north_of_is_a_place_not_a_destination(extractor):
    got = _one_line(extractor, "Targeting to the north of Saraqib leaves human losses.")
    assert [(g[1], g[2]) for g in got] == [("Saraqib", 2)]


def test_the_middle_of_a_city_places_the_event_in_it(extractor):
    got = _one_line(extractor, "The fall of a mortar shell on the middle of Damascus leaves seven casualties.")
    assert [g[1] for g in got] == ["Damascus"]


def test_a_definite_strike_after_an_event_is_still_a_recall(run):
    events, _ = run("On June 20, government aircraft bombed the town of Saraqib. "
                    "The bombardment destroyed a bakery.")
    assert len(events) == 1


@pytest.mark.parametrize("text, actor2", [
    # an armed person named by the group he serves in: fighting, not violence against civilians
    ("On June 20, masked gunmen shot and killed a field commander in the Hamza Division in the town of Azaz.",
     "Hamza Division"),
    # an armed target the text does not name is armed all the same
    ("On June 20, unknown gunmen shot and killed one opposition fighter in the town of Sarmin.", None),
])
def test_killing_an_armed_member_is_an_armed_clash(run, text, actor2):
    events, _ = run(text)
    assert [e.sub_event_type for e in events] == ["Armed clash"]
    if actor2:
        assert events[0].actor2 == actor2


def test_killing_a_civilian_stays_an_attack(run):
    events, _ = run("On June 20, unidentified gunmen shot dead a shopkeeper in the town of Nawa.")
    assert [(e.sub_event_type, e.actor2) for e in events] == [("Attack", "Civilians (Syria)")]


@pytest.mark.parametrize("text, sub", [
    ("On June 20, a BBIED exploded in the town of Qabasin.", "Suicide bomb"),
    ("On June 20, an SVBIED struck a checkpoint near the town of Azaz.", "Suicide bomb"),
    ("On June 20, government forces fired explosive cylinders at the town of Nawa.",
     "Shelling/artillery/missile attack"),
    ("On June 20, HTS and government forces carried out an exchange of prisoners near the town of Nubl.",
     "Agreement"),
    ("On June 20, Jaysh al-Izza swapped prisoners with government forces near the town of Latamna.", "Agreement"),
])
def test_coder_abbreviations_and_improvised_weapons(run, text, sub):
    events, _ = run(text)
    assert [e.sub_event_type for e in events][:1] == [sub]


def test_a_neighbourhood_after_at_places_the_event_in_its_city(run):
    events, _ = run("On June 20, government forces fired rockets at the Tariq al-Sad neighborhood of Daraa.")
    assert [e.location for e in events] == ["Dara"]


def test_the_only_verb_hung_on_the_subject_noun_is_the_main_verb(run):
    # the parser reads "Civilians protested by ..." as a noun phrase with "protested" describing it
    events, _ = run("On June 20, civilians protested by raising flags in the town of Busayrah.")
    assert [e.event_type for e in events] == ["Protests"]


def test_a_participle_describing_the_subject_of_another_verb_stays_a_description(run):
    events, _ = run("On June 20, fighters killed in earlier clashes were buried in the town of Sarmada.")
    assert events == []


@pytest.mark.parametrize("text, sub", [
    ("On June 20, government forces retook the village of Maadan after Islamic State fighters withdrew without "
     "a fight.", "Non-violent transfer of territory"),
    ("On June 20, rebel fighters entered and took over the town of Sarmin unopposed.",
     "Non-violent transfer of territory"),
    ("On June 20, government forces retook the village of Maadan after fierce clashes with Islamic State fighters.",
     "Government regains territory"),
])
def test_ground_taken_without_a_fight_is_a_non_violent_transfer(run, text, sub):
    events, _ = run(text)
    assert [e.sub_event_type for e in events][:1] == [sub]


def test_a_governorate_named_after_the_village_guides_its_namesake(run):
    # "Tiba" has namesakes in several governorates; the report names Daraa after it
    events, _ = run("On June 20, government forces seized control of Tiba in southern Daraa countryside.")
    assert [e.admin1 for e in events] == ["Dar'a"]


def test_without_a_governorate_the_bare_namesake_rule_is_unchanged(run):
    events, _ = run("On June 20, government forces seized control of Tiba.")
    assert [e.admin1 for e in events] == ["Idleb"]


def test_a_place_phrase_ends_before_and_plus_a_common_noun(run):
    events, _ = run("On June 20, government forces shelled the countryside of Deir Ezzor and rocket launchers hit "
                    "the town of Mayadin.")
    spans = [ev.text for e in events for ev in e.evidence if ev.field == "location"]
    assert spans and all(" and rocket" not in s for s in spans)


@pytest.mark.parametrize("text, sub, actor2", [
    # one armed group detaining another's fighters is fighting between armed actors (ACLED)
    ("On 3 May 2021, HTS detained four fighters of the Ahrar al-Sham movement in Sarmada.",
     "Armed clash", "Ahrar al-Sham"),
    ("On 3 May 2021, Jaysh al-Islam fighters were arrested by HTS in Sarmada.", "Armed clash", "Jaysh al-Islam"),
    # people only suspected of membership, or one named figure, stay an arrest
    ("On 3 May 2021, the SDF arrested two suspected ISIS members in the town of Hajin.",
     "Arrests", "Islamic State (Syria)"),
    ("On 3 May 2021, HTS arrested Faylaq al-Sham commander, Abu Khaled al-Hamwi, in Sarmada.",
     "Arrests", "Al Sham Corps"),
    ("On 3 May 2021, HTS arrested a journalist in Sarmada.", "Arrests", "Civilians (Syria)"),
])
def test_detaining_an_armed_groups_fighters_is_an_armed_clash(run, text, sub, actor2):
    assert [(g[0], g[2]) for g in _events(run, text)] == [(sub, actor2)]


def test_a_month_named_march_is_not_a_protest_march(run):
    got = _events(run, "On 3 March 2021, HTS arrested a journalist in Sarmada.")
    assert [g[0] for g in got] == ["Arrests"]


def test_a_weekday_is_not_the_territory_a_group_was_driven_from(run):
    # the place comes through "out of": the capture needs no help from "Monday"
    got = _places(run, "On Monday tribal fighters drove the SDF out of the town of Hajin.")
    assert got == [("Non-state actor overtakes territory", "Hajin", 1)]
    assert _places(run, "On Monday tribal fighters drove the SDF out.") == []


def test_a_participle_retelling_a_capture_adds_no_second_event(run):
    got = _events(run, "Government forces retook Kafr Nabudah on Sunday, pushing the rebels out of the village.")
    assert [g[0] for g in got] == ["Government regains territory"]


def test_a_vague_count_of_shells_landing_on_a_named_village_is_one_event(run):
    got = _places(run, "Several shells fell on Kafr Nabudah village in the Hama countryside.")
    assert [g[:2] for g in got] == [("Shelling/artillery/missile attack", "Kafr Nabudah")]
    # a summary in the perfect, with no place named, stays a summary
    assert _places(run, "Several shells have fallen on villages in the area in recent weeks.") == []


def test_a_weapon_in_the_trigger_anchors_an_unnamed_attacker(run):
    got = _events(run, "Dozens of rockets struck Jisr al-Shughur on Monday.")
    assert [g[:2] for g in got] == [("Shelling/artillery/missile attack", "Unidentified Armed Group (Syria)")]


@pytest.mark.parametrize("text, actor1, dead", [
    ("A young man from Saraqib died under torture in a government prison in Hama.",
     "Military Forces of Syria (2000-)", 1),
    ("A man died under torture in an SDF prison in Raqqa.", "Syrian Democratic Forces", 1),
    ("A detainee was tortured to death by HTS security men in Idlib city.", "Hayat Tahrir al-Sham", 1),
])
def test_a_death_under_torture_is_the_jailers_attack_on_a_civilian(run, text, actor1, dead):
    assert _events(run, text) == [("Attack", actor1, "Civilians (Syria)", dead)]


@pytest.mark.parametrize("text, actor1, actor2", [
    ("ISIS killed 9 fighters of the Qalamoun Shield in eastern Hama.", "Islamic State (Syria)", "Qalamoun Shield"),
    ("Unidentified gunmen shot and wounded an HTS commander near Sarmada.",
     "Unidentified Armed Group (Syria)", "Hayat Tahrir al-Sham"),
])
def test_killing_or_wounding_armed_people_is_an_armed_clash(run, text, actor1, actor2):
    assert [g[:3] for g in _events(run, text)] == [("Armed clash", actor1, actor2)]


def test_a_bare_toll_of_fighters_is_not_a_new_clash(run):
    assert _events(run, "At least 12 fighters were killed, a monitor said on Monday.") == []


def test_a_body_found_killed_by_gunmen_is_a_killing_and_an_armed_member_makes_it_a_clash(run):
    got = _events(run, "The body of an SDF fighter was found on the outskirts of Hajin town, killed by unknown gunmen.")
    assert [(g[0], g[2]) for g in got] == [("Armed clash", "Syrian Democratic Forces")]


def test_a_village_named_before_a_direction_is_territory(run):
    got = _events(run, "SDF fighters captured Kasra village east of Raqqa from IS.")
    assert [g[:3] for g in got] == [("Non-state actor overtakes territory", "Syrian Democratic Forces",
                                     "Islamic State (Syria)")]


@pytest.mark.parametrize("text, sides", [
    # "between" hung on the weapon phrase, not on "took place"
    ("On 5 June 2021, clashes took place with heavy machine guns between the SDF and Turkish-backed rebels "
     "on the Tal Tamr axis in Hasakeh.", ("Syrian Democratic Forces", "Opposition Rebels (Syria)")),
    # the trigger noun misparsed into the date phrase before a subjectless verb
    ("On 5 June 2021, clashes, involving light weapons, took place between Hamza Division fighters and "
     "Sultan Murad Division fighters in Afrin city.", ("Hamza Division", "Sultan Murad Division")),
])
def test_clashes_take_their_sides_from_a_between_phrase_anywhere_in_the_clause(run, text, sides):
    assert [g[1:3] for g in _events(run, text)] == [sides]


@pytest.mark.parametrize("text, actor2", [
    ("On 3 May 2020, a gunman shot dead two men affiliated with Ahrar al-Sham in Daret Azza.", "Ahrar al-Sham"),
    ("On 3 May 2020, gunmen killed a guard working for the Hamza Division in Afrin.", "Hamza Division"),
])
def test_people_tied_to_a_named_group_are_that_group_and_their_killing_a_clash(run, text, actor2):
    assert [(g[0], g[2]) for g in _events(run, text)] == [("Armed clash", actor2)]


def test_opening_fire_on_a_commander_is_a_clash_not_shelling(run):
    got = _events(run, "On 3 May 2020, a gunman opened fire on a commander of the Mutasim Brigade in Afrin city.")
    assert [(g[0], g[2]) for g in got] == [("Armed clash", "Mutasim Brigade")]


@pytest.mark.parametrize("text, actor1", [
    ("Government shelling in a village of Idlib province killed a woman.", "Military Forces of Syria (2000-)"),
    # the tagger hangs "shelling" on "Regime" as a participle
    ("Regime shelling on Kafr Nabl killed two children.", "Military Forces of Syria (2000-)"),
])
def test_a_doer_written_before_the_shelling_noun_is_actor1(run, text, actor1):
    got = _events(run, text)
    assert [g[:2] for g in got] == [("Shelling/artillery/missile attack", actor1)]


@pytest.mark.parametrize("text", [
    "HTS fighters were expelled from the town of Sarmin after protests against the group.",
    "Residents expelled HTS from the town of Binnish.",
])
def test_a_group_pushed_out_by_residents_or_protests_is_a_non_violent_transfer(run, text):
    got = _events(run, text)
    assert ("Non-violent transfer of territory", "Hayat Tahrir al-Sham") in [(g[0], g[2]) for g in got]


def test_a_group_expelled_by_another_armed_group_is_still_a_capture(run):
    got = _events(run, "HTS fighters were expelled from the town of Sarmin by Ahrar al-Sham.")
    assert [g[:2] for g in got] == [("Non-state actor overtakes territory", "Ahrar al-Sham")]


@pytest.mark.parametrize("text, sub", [
    # a headline's bare toll is the news: nothing was told before it
    ("Two SDF fighters killed in Deir ez-Zor.", "Armed clash"),
    # nobody named in a headline-length report: a fight or a strike is still kept
    ("Clashes leave casualties in the Latakia mountains.", "Armed clash"),
    ("A new massacre in Kafr Nabl area in the countryside of Idlib claims the lives of 13 people.", "Attack"),
])
def test_a_headline_reports_its_event_even_bare(run, text, sub):
    assert [g[0] for g in _events(run, text)] == [sub]


def test_in_a_longer_report_a_bare_toll_and_an_actorless_clash_stay_out(run):
    text = ("Rebels shelled government positions near Kafr Nabudah on Monday. "
            "Clashes also flared in the Latakia mountains. Two fighters were killed there, a monitor said.")
    assert [g[0] for g in _events(run, text)] == ["Shelling/artillery/missile attack"]


def test_an_actorless_arrest_is_not_kept_even_in_a_headline(run):
    assert _events(run, "A woman was held in detention in Afrin for three months.") == []


def test_no_attack_recorded_is_no_attack(run):
    assert _events(run, "No attack had been recorded in the town of Saraqib by Sunday morning.") == []


def test_the_verb_after_a_backed_by_aside_is_the_main_verb(run):
    text = "Hezbollah fighters, backed by Syrian troops, clashed with Islamic State militants west of Qara on Saturday."
    assert [g[0] for g in _events(run, text)] == ["Armed clash"]


def test_a_headline_verb_tagged_as_an_adjective_still_gives_the_clash_its_sides(run):
    got = _events(run, "Fierce clashes erupt between Kurdish forces and pro-Turkey factions "
                       "near Tal Tamr in Hasakeh.")
    assert [g[:3] for g in got] == [("Armed clash", "YPG: People's Protection Units", "Syrian National Army")]


def test_a_manner_noun_before_a_gerund_does_not_hide_the_shelling(run):
    # the tagger hangs "shelling" on "ground" as a participle
    got = _events(run, "A child dies in a Turkish ground shelling on Qamishli city.")
    assert [g[:2] for g in got] == [("Shelling/artillery/missile attack", "Military Forces of Turkey (2016-)")]


def test_a_place_named_after_on_is_the_place_even_when_hung_on_the_agent(run):
    # the parser attaches "on Tal Rifaat" to "forces"; "on" usually names a target
    got = _places(run, "At least 7 people were killed in heavy shelling by Turkish forces on Tal Rifaat.")
    assert got == [("Shelling/artillery/missile attack", "Tall Rifat", 1)]
    # a group after "on" is still a target, not a place
    got = _events(run, "Turkish drones carried out a strike on the SDF in Qamishli on Monday.")
    assert [g[2] for g in got] == ["Syrian Democratic Forces"]


def test_a_subject_the_parser_gives_to_a_modifier_verb_makes_it_a_capture(run):
    # "controlled" is tagged as a modifier of "town" but keeps "army" as its subject
    got = _events(run, "The Syrian army controlled Dumayr town near the Qalamoun hills once the rebels had been beaten.")
    assert [g[:2] for g in got] == [("Government regains territory", "Military Forces of Syria (2000-)")]


def test_a_vague_count_of_shells_hitting_a_named_base_is_one_event(run):
    got = _events(run, "Several rocket shells struck the 121st Regiment base near Mhardeh, killing 12 soldiers.")
    assert [(g[0], g[3]) for g in got] == [("Shelling/artillery/missile attack", 12)]


def test_a_victim_shot_while_crossing_out_is_placed_where_he_came_from(run):
    got = _places(run, "A young shepherd was shot dead by Turkish gendarmes while he tried crossing into Turkey from Idlib.")
    assert [g[:2] for g in got] == [("Attack", "Idlib")]


@pytest.mark.parametrize("text, sub", [
    ("YPG forces fired an ATGM at a Turkish army vehicle in the Bulbul district.", "Shelling/artillery/missile attack"),
    ("Rebel fighters destroyed a regime tank with an ATGM near Kafr Nabudah.", "Shelling/artillery/missile attack"),
    ("An unidentified armed group fired shots at a UN security team in Douma.", "Attack"),
    ("HTS fighters fired shots at an SDF patrol near Manbij.", "Armed clash"),
])
def test_anti_tank_missiles_armour_and_gunshots(run, text, sub):
    assert [g[0] for g in _events(run, text)] == [sub]


def test_destroying_a_vehicle_kills_nobody(run):
    assert [g[3] for g in _events(run, "A drone destroyed an SDF vehicle near Qamishli.")] == [None]
    assert [g[3] for g in _events(run, "A drone killed two SDF fighters near Qamishli.")] == [2]


def test_armed_members_of_two_families_are_the_towns_communal_militia(run):
    got = _events(run, "Clashes broke out on 9 May 2022 between armed sons of two rival families in the town of Tafas.")
    assert [g[:3] for g in got] == [("Armed clash", "Tafas Communal Militia (Syria)", "Tafas Communal Militia (Syria)")]


def test_a_targets_name_does_not_choose_the_weapon(run):
    got = _events(run, "On 22 March 2019, local fighters attacked a regime Air Force Intelligence post in Dael.")
    assert [g[0] for g in got] == ["Armed clash"]


def test_an_attempt_at_violence_is_the_event_but_an_attempted_arrest_is_not(run):
    got = _events(run, "Unidentified gunmen attempted to assassinate an SDF commander near Manbij, injuring him.")
    # the commander lived: no death toll from the killing verb
    assert [(g[0], g[2], g[3]) for g in got] == [("Armed clash", "Syrian Democratic Forces", None)]
    assert _events(run, "SDF fighters tried to arrest a wanted man at a checkpoint near Hajin on Monday.") == []


def test_a_shelling_carried_out_by_someone_is_theirs(run):
    got = _events(run, "A boy dies in rocket shelling carried out by government forces on a village "
                       "near Kansafra.")
    assert [g[:2] for g in got] == [("Shelling/artillery/missile attack", "Military Forces of Syria (2000-)")]


def test_an_assassination_attempt_is_the_act_itself(run):
    got = _events(run, "A commander in a Turkish-backed faction survives an assassination attempt near Azaz.")
    assert [g[0] for g in got] == ["Attack"]


@pytest.mark.parametrize("text, sub", [
    ("A man died after being shot by gunmen in Jasim.", "Attack"),
    ("Two soldiers were wounded after being targeted by rebels near Kafranbel.", "Shelling/artillery/missile attack"),
])
def test_the_act_after_which_someone_died_or_was_hurt_is_the_event_not_a_recall(run, text, sub):
    events, _ = run(text)
    assert sub in [e.sub_event_type for e in events]


def test_an_act_after_which_nobody_died_of_it_stays_a_recall(run):
    events, _ = run("A man was killed in Jasim after being released from prison.")
    assert [e.sub_event_type for e in events] == ["Attack"]  # the killing only, no release or arrest


def test_a_killing_told_with_the_shooting_that_did_it_is_one_event_by_the_shooter(run):
    events, _ = run("A farmer was killed in Jasim city on Monday after being shot by an army sniper.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Attack", "Military Forces of Syria (2000-)")]


@pytest.mark.parametrize("text, codes", [
    # the tagger reads the present-tense verb as a modifier of its object
    ("Renewed operations target members of the army within the south of Daraa province.",
     ("Shelling/artillery/missile attack", "Military Forces of Syria (2000-)")),
    # ... and the whole line as one noun phrase headed by the object
    ("Kurdish fighters ambush group of Turkish soldiers near Jinderes.",
     ("Armed clash", "Military Forces of Turkey (2016-)")),
])
def test_a_headline_present_tense_verb_read_as_a_modifier_still_reports_the_act(run, text, codes):
    events, _ = run(text)
    assert [(e.sub_event_type, e.actor2) for e in events][:1] == [codes]


def test_a_misread_verb_whose_subject_is_a_trigger_defers_to_it(run):
    events, _ = run("Fresh assassinations target members of the SDF in Raqqa city.")
    assert [e.sub_event_type for e in events] == ["Attack"]


def test_a_verb_read_as_a_modifier_of_a_name_with_a_particle_takes_the_whole_name(run):
    # "targeted" hung on the name as an adjective; its object is "X al-Y", not "X"
    events, _ = run("Jets hit a market as missiles targeted Maarat al-Numan at dawn.")
    assert "Maarrat an Numan" in [e.location for e in events]


def test_a_counted_noun_with_a_past_participle_opening_a_report_is_news(run):
    events, _ = run("Two beheaded bodies found near Mayadin belong to members of a local militia.")
    assert [(e.event_type, e.location) for e in events][:1] == [("Violence against civilians", "Al Mayadin")]


def test_the_counted_people_killed_told_with_a_determiner_are_no_new_event(run):
    events, _ = run("The two men killed in Azaz were brothers, relatives said.")
    assert events == []


def test_a_counted_trigger_noun_with_a_participle_is_told_once(run):
    events, _ = run("Twelve shells fired by government forces fell on farms around Kafranbel on Monday.")
    assert len(events) == 1
