"""Actor resolver rules, one group per rule, on mentions we wrote ourselves."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep.knowledge.actors import ActorContext, ActorMatch, ActorResolver

SY = ActorContext(country="SY")


def rid(resolver: ActorResolver, text: str, ctx: ActorContext | None = SY) -> str | None:
    m = resolver.resolve(text, ctx)
    return m.actor_id if m else None


@pytest.mark.parametrize(
    "mention",
    ["Hay’at Tahrir al-Sham", "Hay'at Tahrir al-Sham", "Hayat Tahrir al-Sham", "Hayet Tahrir al-Sham",
     "HTS", "Tahrir al-Sham", "the Hay‘at Tahrir al‑Sham", "HAYAT TAHRIR AL-SHAM", "HTS’s", "Hayat Tahrir al Sham"],
)
def test_hts_aliases_and_spellings(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert m == ActorMatch("hts", "Hayat Tahrir al-Sham", 2, "SY", "alias", False)


@pytest.mark.parametrize("mention", ["Horas al-Din", "Hurras al-Deen", "Guardians of Religion", "Hurras ad-Din"])
def test_hurras_al_din_variants(resolver, mention):
    assert rid(resolver, mention) == "hurras-al-din"


def test_loose_spelling_variant_not_listed(resolver):
    m = resolver.resolve("Suqour al-Shaam", SY)
    assert (m.actor_id, m.reason) == ("suqur-al-sham", "alias")


def test_acronyms_only_match_in_capitals(resolver):
    assert rid(resolver, "IS") == "islamic-state-syria"
    assert rid(resolver, "is") is None
    assert rid(resolver, "us") is None
    assert rid(resolver, "US") == "military-united-states"


@pytest.mark.parametrize(
    "mention,actor",
    [("Russian Aerospace Forces", "military-russia"), ("VKS", "military-russia"),
     ("Russian special forces", "military-russia"), ("the Russian Centre for Syrian Reconciliation", "military-russia"),
     ("Russian MoD", "military-russia"), ("Syrian Arab Army", "military-syria"), ("SAA", "military-syria"),
     ("government forces", "military-syria"), ("regime forces", "military-syria"), ("the Tiger Forces", "military-syria"),
     ("4th Division", "military-syria"), ("Republican Guard", "military-syria"), ("Syrian Arab Air Force", "military-syria"),
     ("IRGC", "military-iran"), ("YPJ", "ypg")],
)
def test_units_roll_up(resolver, mention, actor):
    assert rid(resolver, mention) == actor


def test_unit_reason_and_name(resolver):
    m = resolver.resolve("the Tiger Forces", SY)
    assert m == ActorMatch("military-syria", "Military Forces of Syria (2000-)", 1, "SY", "unit", False)


def test_descriptors(resolver):
    m = resolver.resolve("former branch of al-Qaeda in Syria", SY)
    assert (m.actor_id, m.reason) == ("hts", "descriptor")
    assert rid(resolver, "the Kurdish-led forces") == "sdf"


@pytest.mark.parametrize(
    "mention,actor",
    [("Turkish troops", "military-turkey"), ("Turkish army units", "military-turkey"),
     ("Iranian drones", "military-iran"), ("Russian soldiers", "military-russia"),
     ("American soldiers", "military-united-states"), ("Israeli warplanes", "military-israel"),
     ("Syrian government soldiers", "military-syria"), ("Jordanian artillery", "military-jordan")],
)
def test_demonym_plus_force_noun(resolver, mention, actor):
    assert rid(resolver, mention) == actor


def test_demonym_force_reason_and_police(resolver):
    assert resolver.resolve("Turkish soldiers", SY).reason == "demonym-force"
    assert rid(resolver, "Syrian policemen") == "police-syria"


def test_state_without_entry_gets_acled_pattern(resolver):
    m = resolver.resolve("Saudi jets", SY)
    assert m == ActorMatch("adhoc:military-sa", "Military Forces of Saudi Arabia", 8, "SA", "demonym-force", False)


@pytest.mark.parametrize(
    "mention",
    ["militants", "terrorists", "gunmen", "armed men", "jihadists", "insurgents",
     "unidentified gunmen", "Idlib militants", "two gunmen", "radical militants",
     "Al-Qaeda-linked terrorists", "Chechen jihadists", "militants’"],
)
def test_generic_words_are_unidentified_never_named(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert m == ActorMatch("unidentified-armed-group-syria", "Unidentified Armed Group (Syria)", 3, "SY", "generic", True)


@pytest.mark.parametrize("mention", ["an unidentified drone", "unknown aircraft", "warplanes", "a drone"])
def test_unidentified_air_assets(resolver, mention):
    m = resolver.resolve(mention, SY)
    assert m == ActorMatch("unidentified-military-forces", "Unidentified Military Forces", 8, None, "generic", True)


def test_generic_follows_document_country(resolver):
    m = resolver.resolve("gunmen", ActorContext(country="IQ"))
    assert (m.actor_id, m.name) == ("unidentified-armed-group-iraq", "Unidentified Armed Group (Iraq)")
    assert rid(resolver, "villagers") == "civilians-syria"
    assert rid(resolver, "demonstrators") == "protesters-syria"


def test_bare_ground_force_noun_is_not_guessed(resolver):
    assert resolver.resolve("troops", SY) is None
    assert resolver.resolve("forces", SY) is None


def test_backed_descriptor(resolver):
    m = resolver.resolve("Turkish-backed militants", SY)
    assert m == ActorMatch("sna", "Syrian National Army", 2, "SY", "backed-descriptor", False)
    assert rid(resolver, "Ankara-backed factions") == "sna"
    assert rid(resolver, "pro-Turkish fighters") == "sna"
    assert rid(resolver, "Iran-backed gunmen") == "iran-backed-militias-syria"
    # a backer without a proxy in this theatre: unidentified, not a guess
    m = resolver.resolve("Saudi-backed rebels", SY)
    assert (m.actor_id, m.reason) == ("unidentified-armed-group-syria", "backed-descriptor")


def test_backed_named_group_keeps_the_group(resolver):
    assert rid(resolver, "Turkish-backed Suqur al-Sham") == "suqur-al-sham"


def test_pro_government_and_iranian_backed(resolver):
    assert rid(resolver, "pro-government forces") == "military-syria"
    # gunmen on the government's side are a militia (ACLED "Militia (Pro-Government)"), not the army
    assert rid(resolver, "pro-government gunmen") == "pro-government-militia-syria"
    m = resolver.resolve("Iranian-backed militias", SY)
    assert (m.actor_id, m.generic) == ("iran-backed-militias-syria", True)


def test_kurdish_fighters_theatre_choice(resolver):
    m = resolver.resolve("Kurdish fighters", SY)
    assert (m.actor_id, m.reason) == ("ypg", "ethnic-descriptor")
    assert rid(resolver, "Kurdish fighters", ActorContext(country="IQ")) == "unidentified-armed-group-iraq"


def test_modifier_stripped(resolver):
    m = resolver.resolve("al-Qaeda-linked Hay’at Tahrir al-Sham", SY)
    assert (m.actor_id, m.reason) == ("hts", "alias")
    assert rid(resolver, "notorious Hurras al-Din") == "hurras-al-din"
    assert rid(resolver, "HTS fighters") == "hts"
    assert rid(resolver, "Syrian Arab Army soldiers") == "military-syria"


def test_unknown_named_group_kept_as_itself(resolver):
    m = resolver.resolve("the Liwa al-Foo Brigade", SY)
    assert m == ActorMatch("adhoc:liwa-al-foo-brigade", "Liwa al-Foo Brigade", 2, "SY", "unknown-named", False)
    m = resolver.resolve("Jaysh al-Bar militants", SY)
    assert m == ActorMatch("adhoc:jaysh-al-bar", "Jaysh al-Bar", 2, "SY", "unknown-named", False)


def test_unknown_plain_words_are_none(resolver):
    assert resolver.resolve("Xqzzv", SY) is None
    assert resolver.resolve("the brigade", SY) is None
    assert resolver.resolve("", SY) is None


def test_ansar_allah_trap(resolver):
    assert resolver.resolve("Ansar Allah", SY) == ActorMatch(
        "ansar-allah-syria", "Ansar Allah (Syria)", 2, "SY", "context", False)
    assert resolver.resolve("Ansar Allah", ActorContext(country="YE")) == ActorMatch(
        "houthis", "Ansar Allah", 2, "YE", "context", False)
    assert rid(resolver, "Ansar Allah", None) == "houthis"


def test_other_same_name_traps(resolver):
    assert rid(resolver, "Ansar al-Din") == "ansar-al-din-front"
    assert rid(resolver, "Ansar al-Din", ActorContext(country="ML")) == "ansar-dine-mali"
    assert rid(resolver, "ISIS", ActorContext(country="IQ")) == "islamic-state-iraq"
    assert rid(resolver, "Daesh") == "islamic-state-syria"


def test_learn_acronyms_known_and_unknown(resolver):
    ctx = ActorContext(country="SY")
    text = ("Late on Tuesday the little-known Jaysh al-Bar (JB) raided a checkpoint held by the "
            "al-Qaeda-linked Hay'at Tahrir al-Sham (HTS). A monitor (ABC) counted no dead. "
            "Fighters of the Suqur al-Sham Brigades (SSB) moved in.")
    resolver.learn_acronyms(text, ctx)
    assert ctx.acronyms["JB"] == "Jaysh al-Bar"
    assert ctx.acronyms["SSB"] == "Suqur al-Sham Brigades"
    assert "ABC" not in ctx.acronyms
    assert resolver.resolve("JB", ctx) == ActorMatch("adhoc:jaysh-al-bar", "Jaysh al-Bar", 2, "SY", "acronym-learned", False)
    assert resolver.resolve("SSB", ctx).actor_id == "suqur-al-sham"
    assert resolver.resolve("JB gunmen", ctx).actor_id == "adhoc:jaysh-al-bar"
    # the same acronym in another document means nothing
    assert resolver.resolve("JB", SY) is None


def test_coordination(resolver):
    assert [m.actor_id for m in resolver.resolve_all("Russian and Syrian warplanes", SY)] == [
        "military-russia", "military-syria"]
    assert rid(resolver, "Russian and Syrian warplanes") == "military-russia"


def test_dated_names_of_state_forces(resolver):
    m = resolver.resolve("US troops", ActorContext(country="SY", date=date(2019, 3, 1)))
    assert m.name == "Military Forces of the United States (2017-2021)"
    assert resolver.resolve("US troops", SY).name == "Military Forces of the United States (2021-)"


def test_surface_forms(resolver):
    forms = set(resolver.surface_forms())
    assert ("Hay’at Tahrir al-Sham", "hts") in forms
    assert ("VKS", "military-russia") in forms
    assert ("Turkish troops", "military-turkey") in forms
    assert ("Ansar Allah", "ansar-allah-syria") in forms and ("Ansar Allah", "houthis") in forms
    assert ("militants", "unidentified-armed-group-syria") in forms


def test_get_and_search(resolver):
    assert resolver.get("hts").name == "Hayat Tahrir al-Sham"
    assert resolver.search("nusra")[0].id == "jabhat-al-nusra"
    assert resolver.search("HTS")[0].id == "hts"
    assert resolver.search("zzzqqq") == []
