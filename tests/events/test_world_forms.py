"""Forms of the codebook's quieter sub-types as wires outside Syria write them (our own sentences,
other places and words than the world fixture's)."""

from __future__ import annotations

import pytest


def _got(run, text):
    events, _ = run(text)
    return [(e.sub_event_type, e.actor1, e.location) for e in events]


@pytest.mark.parametrize("text, expected", [
    # a march "through" a city is in it
    ("On 3 March 2024, several hundred nurses marched through Mombasa to protest against unpaid wages.",
     [("Peaceful protest", "Protesters (Kenya)", "Mombasa")]),
    # townspeople killing someone themselves are a mob
    ("On 3 March 2024, villagers beat and burned alive a suspected kidnapper near Kisumu.",
     [("Mob violence", "Rioters (Kenya)", "Kisumu")]),
    # "20 of 25 drones": the count's "of" phrase is what was shot down
    ("On 3 March 2024, Ukrainian air defences shot down 14 of 16 Russian drones over the Odesa region.",
     [("Disrupted weapons use", "Military Forces of Ukraine (2019-)", "Odessa")]),
    # mines cleared are weapons disrupted
    ("On 3 March 2024, army engineers cleared a minefield planted by the ELN near Arauca.",
     [("Disrupted weapons use", "Military Forces of Colombia (2022-)", "Arauca")]),
    # two parties agreeing, the deal a few words after the verb
    ("On 3 March 2024, the Colombian government and the ELN agreed in Medellin to a new ceasefire.",
     [("Agreement", "Government of Colombia (2022-)", "Medellin")]),
    # a prisoner swap told as a verb with its people
    ("On 3 March 2024, Russia and Ukraine exchanged 95 prisoners of war on the Belarusian border near Chernihiv.",
     [("Agreement", "Military Forces of Russia (2000-)", "Chernihiv")]),
    # forces arriving where they were sent
    ("On 3 March 2024, a contingent of Rwandan troops arrived in Pemba to support Mozambican forces.",
     [("Change to group/activity", "Military Forces of Rwanda (2000-)", "Pemba")]),
    # a curfew imposed by a report's own authorities
    ("On 3 March 2024, the authorities imposed a dusk-to-dawn curfew in Maiduguri after the attack.",
     [("Other", "Government of Nigeria (2023-)", "Maiduguri")]),
])
def test_quieter_sub_types(run, text, expected):
    assert _got(run, text) == expected


@pytest.mark.parametrize("text", [
    # a curfew only talked of, an arrival of people who are no force, an agreement to nothing
    "On 3 March 2024, the governor warned he may impose a curfew in Maiduguri.",
    "On 3 March 2024, hundreds of displaced families arrived in Pemba by boat.",
    "On 3 March 2024, the two ministers agreed in Caracas that the talks were useful.",
])
def test_near_misses_stay_nothing(run, text):
    assert _got(run, text) == []


def test_a_report_about_another_countrys_groups_is_placed_there(run):
    # the only armed groups named are Congolese and Goma is Congolese as written: the report's
    # places and its unowned police are Congo's, not a Syrian look-alike's
    events, _ = run("On 3 March 2024, M23 rebels shelled a Wazalendo position near Sake, killing two fighters.")
    assert [(e.actor1, e.location) for e in events] == [("M23: March 23 Movement", "Sake")]
    assert events[0].admin1 and "Kivu" in events[0].admin1


def test_foreign_groups_fighting_in_syria_leave_it_syrian(run):
    events, _ = run("On 3 March 2024, Hezbollah fighters clashed with smugglers near al-Qusayr, killing two of them.")
    assert [(e.actor1, e.location) for e in events] == [("Hezbollah", "Al Qusayr")]


@pytest.mark.parametrize("text, expected", [
    # a vehicle striking a mine: the mine is the attack, the vehicle's owner its target
    ("On 9 May 2024, an army truck struck a landmine on the road north of Timbuktu, killing three soldiers.",
     [("Remote explosive/landmine/IED", "Unidentified Armed Group (Mali)", "Timbuktu")]),
    # French and coder usage: "combats" between two sides
    ("On 9 May 2024, combats between the army and JNIM near Timbuktu left five dead.",
     [("Armed clash", "Military Forces of Mali (2021-)", "Timbuktu")]),
])
def test_mines_struck_and_combats(run, text, expected):
    assert _got(run, text) == expected


def test_combat_as_a_modifier_is_no_fight(run):
    assert _got(run, "On 9 May 2024, the ministry in Bamako bought new combat aircraft.") == []


@pytest.mark.parametrize("text, expected", [
    # nobody armed is hit, villagers are: an attack on civilians
    ("On 9 May 2024, gunmen attacked a village in Zamfara State, killing eleven villagers.",
     [("Attack", "Unidentified Armed Group (Nigeria)", "Zamfara")]),
    # soldiers hit: a fight, whoever else died
    ("On 9 May 2024, gunmen attacked an army post in Zamfara State, killing four soldiers and a woman.",
     [("Armed clash", "Unidentified Armed Group (Nigeria)", "Zamfara")]),
])
def test_an_assault_on_unarmed_people_is_an_attack(run, text, expected):
    assert _got(run, text) == expected


def test_gunmen_in_a_capital_are_no_government(run):
    # a capital written after "gunmen in" is where they were, not the state it names
    assert _got(run, "On 9 May 2024, gunmen in Harare shot dead two farmers.") == [
        ("Attack", "Unidentified Armed Group (Zimbabwe)", "Harare")]
