"""ACLED's actor conventions (issues #13 and #16 item 4), one test per rule, with phrases of our own.

Rules: foreign state forces are External/Other (8) in another state's theatre; state forces carry
ACLED's ruling-period names; ACLED's labels and "ACRONYM: Name" acronyms for Syrian groups;
pro-government militias; the joint Syrian/Russian actor; Islamist militias; unnamed tribal and
clan militias; communal militias; Turkish operations as actors; border troops and weapon
designations after a demonym.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from sitrep.errors import DataFileError
from sitrep.knowledge.actors import ActorContext, ActorResolver
from sitrep.knowledge.ontology import DEFAULT_PATH, load_ontology

SY = ActorContext(country="SY")


def rid(resolver: ActorResolver, text: str, ctx: ActorContext = SY) -> str | None:
    m = resolver.resolve(text, ctx)
    return m.actor_id if m else None


# ------------------------------------------------------------ inter 8 abroad
@pytest.mark.parametrize("mention,actor", [
    ("Turkish troops", "military-turkey"), ("Russian helicopters", "military-russia"),
    ("Israeli F-35 jets", "military-israel"), ("the IRGC", "military-iran"),
    ("US special forces", "military-united-states"), ("Jordanian border guards", "military-jordan"),
])
def test_foreign_state_forces_in_syria_are_external_forces(resolver, mention, actor):
    m = resolver.resolve(mention, SY)
    assert (m.actor_id, m.inter) == (actor, 8)


def test_state_forces_at_home_stay_state_forces(resolver):
    assert resolver.resolve("Turkish troops", ActorContext(country="TR")).inter == 1
    assert resolver.resolve("the Syrian army", SY).inter == 1
    assert resolver.resolve("Syrian police", SY).inter == 1


def test_syrian_forces_abroad_are_external_forces(resolver):
    assert resolver.resolve("the Syrian army", ActorContext(country="LB")).inter == 8


def test_abroad_rule_without_context_uses_the_default_theatre(resolver):
    assert resolver.resolve("Russian jets").inter == 8  # default_country is SY


def test_state_without_entry_abroad(resolver):
    m = resolver.resolve("French soldiers", SY)
    assert (m.name, m.inter) == ("Military Forces of France", 8)


def test_non_state_actors_keep_their_code_abroad(resolver):
    assert resolver.resolve("Hezbollah", SY).inter == 3
    assert resolver.resolve("the US-led coalition", SY).inter == 8


def test_abroad_inter_must_be_an_acled_code(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("abroad_inter: 9\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"section 'abroad_inter'"):
        load_ontology(tmp_path)


# --------------------------------------------------------- names and periods
def test_turkey_is_named_for_its_post_2016_period(resolver):
    m = resolver.resolve("the Turkish army", ActorContext(country="SY", date=date(2019, 11, 2)))
    assert m.name == "Military Forces of Turkey (2016-)"


def test_turkey_before_july_2016_has_the_earlier_period(resolver):
    m = resolver.resolve("the Turkish army", ActorContext(country="SY", date=date(2015, 3, 9)))
    assert m.name == "Military Forces of Turkey (2002-2016)"


@pytest.mark.parametrize("day,name", [
    (date(2016, 6, 1), "Military Forces of Iraq (2014-2018)"),
    (date(2019, 6, 1), "Military Forces of Iraq (2018-2020)"),
    (date(2023, 6, 1), "Military Forces of Iraq (2022-)"),
])
def test_iraq_periods_follow_its_governments(resolver, day, name):
    assert resolver.resolve("Iraqi troops", ActorContext(country="IQ", date=day)).name == name


@pytest.mark.parametrize("mention,actor,name", [
    ("National Front for Liberation", "nfl", "National Liberation Front"),
    ("JTW", "nfl", "National Liberation Front"),
    ("al-Jabha al-Shamiya", "shamiya-front", "Levant Front"),
    ("Faylaq al-Sham", "faylaq-al-sham", "Al Sham Corps"),
    ("the Amshat", "suleyman-shah-brigade", "Sultan Suleiman Shah Brigade"),
])
def test_syrian_groups_carry_acled_labels(resolver, mention, actor, name):
    m = resolver.resolve(mention, SY)
    assert (m.actor_id, m.name) == (actor, name)


@pytest.mark.parametrize("acronym,actor", [
    ("QDW", "ndf"), ("LaQ", "liwa-al-quds"), ("AAS", "ahrar-al-sham"), ("HNDZ", "nour-al-din-al-zenki"),
    ("JWS", "sna"), ("JSH", "fsa"), ("JaS", "shamiya-front"), ("JTW", "nfl"),
])
def test_acled_acronyms(resolver, acronym, actor):
    assert rid(resolver, acronym) == actor


def test_acled_acronyms_need_their_capitals(resolver):
    assert rid(resolver, "jas") is None


# --------------------------------------------------- pro-government militias
@pytest.mark.parametrize("mention", ["pro-Assad gunmen", "pro-government fighters", "loyalist militiamen",
                                     "militias loyal to the regime", "gunmen allied with the Syrian army"])
def test_pro_government_irregulars_are_acleds_pro_government_militia(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert (m.actor_id, m.name, m.inter) == ("pro-government-militia-syria", "Militia (Pro-Government)", 3)


def test_pro_government_forces_are_still_the_army(resolver):
    assert rid(resolver, "pro-government forces") == "military-syria"


def test_unit_allied_to_the_regime_stays_itself(resolver):
    assert rid(resolver, "Tiger Forces allied to the regime") == "military-syria"


def test_fighters_loyal_to_a_named_group_are_that_group(resolver):
    assert rid(resolver, "fighters loyal to Hurras al-Din") == "hurras-al-din"


def test_gunmen_loyal_to_a_foreign_state_are_its_proxy(resolver):
    assert rid(resolver, "gunmen loyal to Ankara") == "sna"


# ----------------------------------------------------- joint Syria / Russia
@pytest.mark.parametrize("mention", ["Russian or regime helicopters", "government and/or Russian aircraft",
                                     "Syrian or Russian bombers"])
def test_either_ally_is_the_joint_actor(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert (m.actor_id, m.name, m.inter, m.reason) == (
        "allied-syria-russia", "Allied Syrian and/or Russian Forces", 1, "joint")


def test_both_allies_named_with_and_are_both_actors(resolver):
    assert [m.actor_id for m in resolver.resolve_all("Syrian and Russian bombers", SY)] == [
        "military-syria", "military-russia"]


def test_alternatives_outside_a_joint_entry_are_not_the_joint_actor(resolver):
    assert rid(resolver, "Turkish or Russian drones") != "allied-syria-russia"


def test_joint_entry_needs_known_members(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(
        "actors:\n  - {id: x, name: X, inter: 1, country: SY}\n"
        "joint:\n  - {members: [x, nobody], actor: x}\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"joint\[0\]: field 'members'.*'nobody'"):
        load_ontology(tmp_path)


# --------------------------------------------------------- Islamist militias
@pytest.mark.parametrize("mention", ["an Islamist armed group", "Islamic fighters", "Islamist gunmen"])
def test_islamist_armed_groups_are_acleds_islamist_militia(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert (m.name, m.inter, m.generic) == ("Islamist Militia (Syria)", 3, True)


def test_islamist_rebels(resolver):
    assert resolver.resolve("Islamist rebels", SY).name == "Islamist Rebels (Syria)"


def test_named_islamic_groups_are_not_generic(resolver):
    assert rid(resolver, "the Islamic State") != "islamist-militia-syria"
    assert rid(resolver, "Islamic Movement of the Free Men of the Levant") == "ahrar-al-sham"


def test_qualified_generic_roles_must_exist():
    import yaml

    raw = yaml.safe_load((DEFAULT_PATH / "lexicon.yaml").read_text(encoding="utf-8"))
    roles = set(raw["generic_roles"])
    assert {r for spec in raw["qualified_generic"].values() for r in (*spec, *spec.values())} <= roles


# ------------------------------------------------ tribal and clan militias
@pytest.mark.parametrize("mention,name", [
    ("tribesmen", "Unidentified Tribal Militia (Syria)"),
    ("Bedouin tribesmen", "Unidentified Tribal Militia (Syria)"),
    ("an unidentified clan militia", "Unidentified Clan Militia (Syria)"),
    ("clansmen", "Unidentified Clan Militia (Syria)"),
])
def test_unnamed_tribal_fighters(resolver, mention, name):
    m = resolver.resolve(mention, SY)
    assert (m.name, m.inter) == (name, 4)


def test_named_clan_keeps_the_tribal_militia_pattern(resolver):
    assert resolver.resolve("the Bani Zaid clan", SY).name == "Bani Zaid Tribal Militia (Syria)"


# ------------------------------------------------------- communal militias
@pytest.mark.parametrize("mention", ["gunmen from the village of Ain Numan", "armed men from Ain Numan town",
                                     "the Ain Numan Communal Militia"])
def test_armed_men_of_one_locality_are_its_communal_militia(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert (m.name, m.inter, m.reason) == ("Ain Numan Communal Militia (Syria)", 4, "communal")


def test_armed_men_from_a_province_are_not_communal(resolver):
    m = resolver.resolve("militants from Idlib", SY)
    assert m is None or m.reason != "communal"


def test_communal_section_needs_a_place_template(tmp_path: Path):
    (tmp_path / "a.yaml").write_text("communal: {heads: [communal militia], name: Militia, inter: 4}\n",
                                     encoding="utf-8")
    with pytest.raises(DataFileError, match=r"section 'communal': field 'name'"):
        load_ontology(tmp_path)


# --------------------------------------------------- operations as actors
@pytest.mark.parametrize("mention,actor", [
    ("Operation Peace Spring", "operation-peace-spring"), ("Olive Branch factions", "operation-olive-branch"),
    ("Euphrates Shield forces", "operation-euphrates-shield"), ("the Olive Branch fighters", "operation-olive-branch"),
])
def test_turkish_operations_are_actors(resolver, mention, actor):
    m = resolver.resolve(mention, SY)
    assert (m.actor_id, m.inter) == (actor, 2)


def test_a_bare_olive_branch_is_no_actor(resolver):
    assert resolver.resolve("an olive branch", SY) is None


# ---------------------------------------------- border troops, designations
@pytest.mark.parametrize("mention,actor", [
    ("Turkish border troops", "military-turkey"), ("Turkish gendarmes", "military-turkey"),
    ("Russian Su-34 bombers", "military-russia"), ("Turkish T-155 howitzers", "military-turkey"),
    ("Israeli F-16 warplanes", "military-israel"),
])
def test_border_troops_and_weapon_designations_after_a_demonym(resolver, mention, actor):
    assert rid(resolver, mention) == actor


# ------------------------------------------- spans for the mention matcher
def test_surface_forms_cover_joint_and_pro_government_phrases(resolver):
    forms = dict(resolver.surface_forms())
    assert forms["regime or Russian helicopters"] == "allied-syria-russia"
    assert forms["Russian and/or Syrian drones"] == "allied-syria-russia"
    assert forms["pro-Assad gunmen"] == "pro-government-militia-syria"
    assert "loyalist gunmen" not in forms  # irregular nouns only after a backer


def test_every_joint_and_militia_form_resolves_to_its_actor(resolver):
    wanted = {"allied-syria-russia", "pro-government-militia-syria"}
    bad = [(s, aid) for s, aid in resolver.surface_forms()
           if aid in wanted and getattr(resolver.resolve(s, SY), "actor_id", None) != aid]
    assert bad == []


def test_surface_forms_cover_islamist_and_unnamed_tribal_words(resolver):
    forms = dict(resolver.surface_forms())
    assert forms["islamist gunmen"] == forms["islamic fighters"] == "islamist-militia-syria"  # the matcher is case-blind
    assert forms["islamist rebels"] == "islamist-rebels-syria"
    assert (forms["tribesmen"], forms["clan militia"]) == ("unidentified-tribal-militia-syria",
                                                           "unidentified-clan-militia-syria")
    for s, aid in forms.items():
        if aid in ("islamist-militia-syria", "islamist-rebels-syria", "unidentified-tribal-militia-syria",
                   "unidentified-clan-militia-syria"):
            assert resolver.resolve(s, SY).actor_id == aid, s
