"""The lexicon lists every UN member state (plus Kosovo, Palestine, Taiwan and Western
Sahara): each has ACLED's generic actors, its demonym names its forces, its seat its
government; risky names (first names, ethnic groups, shared adjectives) name nothing."""

from __future__ import annotations

import pytest

# ISO2 codes of the 193 UN member states, then XK (Kosovo), PS, TW, EH.
EVERY_STATE = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM
CA CF TD CL CN CO KM CG CD CR CI HR CU CY CZ DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA
GM GE DE GH GR GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KP KR KW KG
LA LV LB LS LR LY LI LT LU MG MW MY MV ML MT MH MR MU MX FM MD MC MN ME MA MZ MM NA NR NP NL
NZ NI NE NG MK NO OM PK PW PA PG PY PE PH PL PT QA RO RU RW KN LC VC WS SM ST SA SN RS SC SL
SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TZ TH TL TG TO TT TN TR TM TV UG UA AE GB US UY
UZ VU VE VN YE ZM ZW XK PS TW EH
""".split()


def test_every_state_is_listed(resolver):
    assert len(EVERY_STATE) == 197
    missing = [iso for iso in EVERY_STATE if iso not in resolver.ontology.countries]
    assert missing == []


@pytest.mark.parametrize("iso, name", [
    ("ZW", "Zimbabwe"), ("VE", "Venezuela"), ("CI", "Ivory Coast"), ("CG", "Republic of Congo"),
    ("PG", "Papua New Guinea"), ("XK", "Kosovo"), ("NO", "Norway"),
])
def test_each_state_has_acled_generic_actors(resolver, iso, name):
    o = resolver.ontology
    assert o.generic_actor("civilians", iso).name == f"Civilians ({name})"
    assert o.generic_actor("protesters", iso).name == f"Protesters ({name})"
    assert o.generic_actor("armed-group", iso).name == f"Unidentified Armed Group ({name})"


@pytest.mark.parametrize("surface, name", [
    ("Kazakh troops", "Military Forces of Kazakhstan"),
    ("Chinese warplanes", "Military Forces of China"),
    ("Emirati drones", "Military Forces of the United Arab Emirates"),
    ("Palestinian police", "Police Forces of Palestine"),
    ("Dominican police", "Police Forces of the Dominican Republic"),
    ("Papua New Guinean soldiers", "Military Forces of Papua New Guinea"),
    ("Ivorian soldiers", "Military Forces of Ivory Coast"),
    # a demonym two states share stays with the one listed first
    ("Congolese troops", "Military Forces of the Democratic Republic of Congo (2019-)"),
])
def test_a_demonym_names_its_state_s_forces(resolver, surface, name):
    assert resolver.resolve(surface).name == name


@pytest.mark.parametrize("surface, name", [
    ("Caracas", "Government of Venezuela"), ("Beijing", "Government of China"), ("Tbilisi", "Government of Georgia"),
])
def test_a_capital_alone_is_the_government(resolver, surface, name):
    assert resolver.resolve(surface).name == name


@pytest.mark.parametrize("surface", ["Georgia", "Turkmen", "Korean troops", "Victoria", "Male", "Sofia",
                                     "Santiago", "Vienna", "Trinidad", "Wellington", "Holland"])
def test_risky_words_name_no_state(resolver, surface):
    assert resolver.resolve(surface) is None
