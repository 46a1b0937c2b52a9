"""Coverage on the gold seed locations and on held-out press spellings.

Figures (printed with -s): see the report in the commit message / bench.
"""

from __future__ import annotations

import csv
import math

import pytest
import yaml

from sitrep.geo.resolve import PlaceContext


def km(a_lat, a_lon, b_lat, b_lon):
    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    h = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(b_lon - a_lon) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(h))


# Each gold event's location in a press-style phrasing of our own (same place and relation as the page).
PAGE_PHRASES = {
    "000-1": "the al-Zawiya Mount in southern Idlib",
    "001-1": "the skies over Greater Idlib",
    "001-2": "on the edge of Jisr al-Shughur, in western rural Idlib",
    "001-3": "Bosoufane",
    "001-4": "Afrin",
    "001-5": "the city of al-Qamishli",
    "002-1": "Idlib",
    "002-2": "Idlib",
    "003-1": "near Latamna and Kafer-Zaita",
    "003-2": "the air base Hmeimim",
    "003-3": "Mahardah",
    "003-3b": "Skelbia",
    "003-4": "southern Idlib",
    "004-1": "Arab Said, a town just west of Idlib city",
    "004-2": "the town of Sarmada",
    "004-3": "near the western entrance to Idlib city",
    "004-4": "Idlib",
    "004-5": "near the village of Benin",
    "004-6": "Hmeimim Air Base",
    "004-7": "near the town of Binnish",
    "004-8": "near the town of Tell Rifat",
}

# "near A and B": the gold event is about the second name.
PHRASE_PART = {"003-1": "Kafer-Zaita"}


def test_gold_event_locations_within_km(gold_dir, resolver):
    gold = yaml.safe_load((gold_dir / "seeds.yaml").read_text("utf-8"))
    events = [e for doc in gold for e in doc.get("events", [])]
    assert {e["id"] for e in events} == set(PAGE_PHRASES)
    misses = []
    for e in events:
        phrase = PHRASE_PART.get(e["id"], PAGE_PHRASES[e["id"]])
        m = resolver.resolve_phrase(phrase)
        d = km(m.latitude, m.longitude, e["lat"], e["lon"]) if m else None
        if d is None or d > e.get("km", 15):
            misses.append((e["id"], phrase, d))
    assert misses == []


NOTES = [("Latamna", "al-Lataminah"), ("Kafer-Zaita", "Kafr Zita"), ("Mahardah", "Mhardeh"),
         ("Skelbia", "Suqaylabiyah"), ("Qalaat al-Mudiq", "Qal'at al-Madiq")]


@pytest.mark.parametrize("press,canonical", NOTES)
def test_transliteration_notes(resolver, press, canonical):
    assert resolver.resolve(press).place_id == resolver.resolve(canonical).place_id


# Held-out: press / activist spellings of real towns in every governorate, with
# coordinates from our own knowledge (about 1-5 km accurate). Not used to tune rules.
HELD_OUT = [
    ("Azaz", 36.586, 37.046), ("Al-Bab", 36.37, 37.52), ("Manbij", 36.53, 37.95),
    ("Jarablus", 36.82, 38.01), ("Kobani", 36.89, 38.36), ("Atareb", 36.14, 36.83),
    ("Tel Rifaat", 36.47, 37.10), ("Nubl", 36.37, 36.99), ("al-Safira", 36.07, 37.37),
    ("Deir Hafer", 36.16, 37.71), ("Khan al-Assal", 36.17, 37.06), ("Anadan", 36.29, 37.04),
    ("Maarat al-Numan", 35.65, 36.67), ("Saraqeb", 35.86, 36.80), ("Khan Sheikhoun", 35.44, 36.65),
    ("Ariha", 35.81, 36.61), ("Jisr al-Shughour", 35.81, 36.32), ("Kafranbel", 35.61, 36.56),
    ("Harem", 36.21, 36.52), ("Salqin", 36.14, 36.45), ("Darkush", 35.99, 36.39),
    ("Dana", 36.21, 36.77), ("Sarmin", 35.90, 36.72), ("Maarat Misrin", 36.01, 36.81),
    ("Taftanaz", 35.99, 36.79), ("Kafr Takharim", 36.12, 36.52), ("Armanaz", 36.08, 36.50),
    ("Morek", 35.38, 36.68), ("Kafr Nabuda", 35.44, 36.50), ("Latamneh", 35.32, 36.62),
    ("Salamiyah", 35.01, 37.05), ("Mhardeh", 35.25, 36.57), ("Taybat al-Imam", 35.26, 36.70),
    ("Halfaya", 35.26, 36.61), ("Souran", 35.29, 36.74), ("Masyaf", 35.06, 36.34),
    ("Rastan", 34.93, 36.73), ("Talbiseh", 34.84, 36.73), ("Qusayr", 34.51, 36.58),
    ("Palmyra", 34.56, 38.28), ("al-Sukhnah", 34.88, 38.87), ("Tal Kalakh", 34.67, 36.26),
    ("Al-Qaryatayn", 34.23, 37.24), ("Douma", 33.57, 36.40), ("Harasta", 33.56, 36.37),
    ("Zabadani", 33.72, 36.10), ("Madaya", 33.69, 36.10), ("Darayya", 33.46, 36.24),
    ("Moadamiyeh", 33.46, 36.19), ("Yabroud", 34.06, 36.66), ("Qatana", 33.44, 36.08),
    ("Jobar", 33.53, 36.33), ("Kafr Batna", 33.51, 36.38), ("Zamalka", 33.52, 36.36),
    ("Deraa", 32.62, 36.10), ("Bosra al-Sham", 32.52, 36.48), ("Nawa", 32.89, 36.04),
    ("Inkhil", 33.01, 36.13), ("Tafas", 32.74, 36.07), ("Jasim", 32.99, 36.06),
    ("Sanamayn", 33.07, 36.18), ("Izra", 32.86, 36.25), ("Sweida", 32.71, 36.57),
    ("Shahba", 32.85, 36.63), ("Jableh", 35.36, 35.93), ("Kessab", 35.92, 35.99),
    ("Qardaha", 35.45, 36.06), ("Haffeh", 35.60, 36.03), ("Baniyas", 35.18, 35.94),
    ("Safita", 34.82, 36.12), ("Raqqa", 35.95, 39.01), ("Tabqa", 35.84, 38.55),
    ("Tal Abyad", 36.70, 38.95), ("Ain Issa", 36.39, 38.86), ("Deir Ezzor", 35.33, 40.14),
    ("Albu Kamal", 34.45, 40.92), ("Mayadin", 35.02, 40.45), ("Hajin", 34.69, 40.83),
    ("Baghouz", 34.47, 40.94), ("Hasaka", 36.50, 40.75), ("Qamishlo", 37.05, 41.23),
    ("Ras al-Ain", 36.85, 40.07), ("Amuda", 37.10, 40.93), ("Tal Tamr", 36.65, 40.37),
    ("Shaddadi", 36.05, 40.73),
]
HELD_OUT_FLOOR = 0.90  # pinned floor; lowering it is a deliberate commit


def held_out_score(resolver, items, radius_km=15.0):
    hits, misses = 0, []
    for name, lat, lon in items:
        m = resolver.resolve(name)
        if m is not None and km(m.latitude, m.longitude, lat, lon) <= radius_km:
            hits += 1
        else:
            misses.append((name, m.name if m else None))
    return hits / len(items), misses


def test_held_out_press_spellings(resolver):
    assert len(HELD_OUT) >= 60
    share, misses = held_out_score(resolver, HELD_OUT)
    print(f"held-out: {share:.3f} within 15 km; misses {misses}")
    assert share >= HELD_OUT_FLOOR, misses


SA_FLOOR = 0.50  # measured 0.521: the list is mostly city neighbourhoods, checkpoints and buildings no gazetteer holds


def test_syrian_archive_spellings(shared_dir, resolver):
    path = shared_dir / "data" / "gazetteer" / "syrianarchive_locations.tsv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    hits = 0
    for r in rows:  # the list's own region column (e.g. ALEPPO) is the admin1 hint
        m = resolver.resolve(r["name"], PlaceContext(admin1_hints=(r["region"].title(),)))
        if m is not None and km(m.latitude, m.longitude, float(r["latitude"]), float(r["longitude"])) <= 15:
            hits += 1
    share = hits / len(rows)
    print(f"syrian archive: {share:.3f} of {len(rows)} within 15 km")
    assert share >= SA_FLOOR
