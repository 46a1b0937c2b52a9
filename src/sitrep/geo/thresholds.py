"""Thresholds, score weights and feature-code sets of the place resolver.

Kept in one module, apart from the code that uses them, so a calibration change is
one edit here and its notes (what it was measured on, what to re-run) sit beside the
number. Every part of `PlaceResolver` reads them from here.
"""

from __future__ import annotations

# Thresholds. Calibrated on tests/geo held-out spellings (press forms of ~60 towns)
# and the seed-page names: 84 keeps "Bosoufane"->Basufan and "Latamna"->Lataminah
# style matches while 80 started to pull unrelated villages sharing a consonant
# block. Re-run `pytest tests/geo` (coverage + held-out tests) after changing one.
FUZZY_MIN_RATIO = 84.0
SKELETON_MIN_LEN = 3  # shorter skeletons ("m" for Hama) match hundreds of villages
# Minimum key lengths (letters of name_key) for the approximate stages, which also
# need a capitalised word in the mention: shorter keys are mostly English words
# ("State" -> As Sat, "Third" -> Tirad). Measured on ~180 capitalised news words:
# 47 approximate hits without these limits, 16 with; held-out unchanged (0.976),
# Syrian Archive list 0.520 -> 0.518.
SKELETON_MIN_KEY = 6
FUZZY_MIN_KEY = 5
SKELETON_MIN_RATIO = 55.0  # key similarity still required for a skeleton hit
FUZZY_BLOCK_PREFIX = 2  # fuzzy candidates share the first skeleton consonants
WORLD_MIN_POP = 100_000  # foreign cities outside the neighbours: only big ones, exact names
# ... and admin seats (state, province and region capitals) of any size in the
# world cities file (population >= 15 000): reports from other theatres name them ("Kano",
# "Mandera", "Loikaw"). Written exactly as their own name they beat a local village of a
# similar key (`CascadeLookup._prominent`).
WORLD_SEAT_CODES = frozenset({"PPLC", "PPLA"})
# Smaller district seats and towns abroad (the world cities file keeps those of 15 000 people
# or more: Sake, Avdiivka) are a last resort, after every local stage, fuzzy ones too, and only
# by their own name.
WORLD_DISTRICT_SEAT_CODES = frozenset({"PPLA2", "PPLA3", "PPLA4", "PPL"})
# ... a town that is no district seat only for a name this long: short capitalised words
# ("Than", "Still") are not towns abroad
FOREIGN_TOWN_MIN_KEY = 6
CACHE_SIZE = 65_536

# Context-first lookup inside an area (a governorate hint or a place named in the
# phrase). The area holds ~100-2 000 names instead of 13 000, so approximate
# matching can be looser there than country-wide. Calibrated with
# scripts/measure_geo.py (real spellings, governorate as context) and
# tests/geo/test_context.py: 78 finds "-eh/-iyeh" and one-letter variants of
# in-area villages, 72 started to pick the wrong one of two similar villages.
AREA_FUZZY_MIN_RATIO = 78.0
AREA_SKELETON_MIN_RATIO = 60.0  # 50 let unrelated names share a skeleton
W_AREA_SKELETON = 0.2  # share of the skeleton ratio in an in-area fuzzy similarity (tie-breaker)
AREA_FUZZY_KEEP = 3.0  # in-area fuzzy candidates this far below the best are dropped
AREA_FUZZY_LIMIT = 12  # spelling-distance ties are common among short village names: look past the first few
AREA_MIN_KEY = 4  # letters of name_key for approximate matching inside an area
# With only soft hints (the document's governorates), an in-area spelling this close
# beats an exact spelling of a small village elsewhere: small namesakes are many,
# and the press spells a village a little differently more often than it moves.
AREA_OVERRIDE_RATIO = 88.0
# An approximate spelling found only outside the document's governorates is kept
# when it lies this close to one of their points (governorates are 100-250 km
# across, so a neighbour's border villages pass); farther, it is dropped.
APPROX_HINT_KM = 150.0
# "A - B" with B not found near A: when A is a plain village this small (no quarters of
# its own), B is read as a second name of the place (found alone in the document's area)
VILLAGE_MAX_POP = 10_000
# "X oil field" / "X camp" found only as a town's key this far from every governorate
# the document names is dropped (Tanak field vs a Tartous village 400 km off); a
# neighbouring governorate's town (a camp across the line, ~150 km) is kept
FAR_SITE_KM = 250.0
CITY_AREA_KM = 30.0  # "X in <town>", "<town> - X": X lies this close to the town
# "X east of Y", "X near Y" with Y a town: X is found within this of Y (ACLED's precision-2
# radius); a namesake of X farther away is not the one meant, and Y's surroundings
# (precision 2) are the answer
DIRECTION_MAX_KM = 30.0
DISTRICT_AREA_KM = 45.0
# A name found as written outside the governorate a phrase names is still read there
# when a place of that governorate lies this close (writers' lines and the data's differ)
BORDER_KM = 15.0  # "X in <district>": X lies this close to the district's point

# Score weights (stage base + context). The stage base dominates; context only
# reorders candidates found at the same stage.
STAGE_BASE = {"exact": 1.0, "normalised": 0.95, "qualified": 0.93, "fuzzy": 0.8, "headed": 0.7, "skeleton": 0.6,
              "qualified_base": 0.55, "head_base": 0.55, "foreign": 0.5}
DIRECT_STAGES = ("exact", "normalised", "qualified")  # a whole phrase taken as a name
APPROX_STAGES = ("fuzzy", "headed", "skeleton", "qualified_base", "head_base")
BESIDE_STAGES = frozenset({"qualified_base", "head_base"})  # found as a village beside the one named
W_COUNTRY = 0.30
W_ADMIN1 = 0.40
W_NEIGHBOUR = 0.15  # a neighbour country's town beats a far-away namesake (Tripoli, LB)
W_CAPITAL = 0.10  # a far country's capital written exactly (Kabul) beats a small neighbour namesake, not a neighbour city (Tripoli)
W_FOCUS = 0.30
FOCUS_SCALE_KM = 100.0
W_PRIMARY = 0.05
W_FEATURE = 0.01  # per rank step (ranks 0..9)
W_POP = 0.01  # per decade of population
# Share of the written-form similarity (0-1, sitrep.geo.spelling) added among several
# candidates: it orders same-key namesakes by the letters the key forgets (article,
# doubled letters, final -ah). 0.1 keeps it under the admin1/focus weights. Measured
# with scripts/measure_geo.py (real spellings, distinct names): bare 0.785 -> 0.793,
# governorate as context 0.866 -> 0.871; the same from 0.03 to 0.3.
W_SPELLING = 0.1
# Only candidates scoring within this of the best are compared by spelling, and only
# when there are two or more: keeps the cold cost small (a town and its district
# record, 0.04 apart on feature rank, are not compared). measure_geo gives the same
# figures with 0.03 as with every candidate compared.
SPELLING_WINDOW = 0.03

_STAGE_ORDER = {"exact": 0, "normalised": 1, "qualified": 1}  # other stages after these, in order written

NEIGHBOUR_COUNTRIES = ("TR", "IQ", "LB", "JO", "IL", "PS")
FACILITY_CODES = frozenset({"MILB", "AIRB", "AIRP", "AIRF", "DAM", "PSTB", "PRN", "HSP", "OILF", "PMPO"})
OWNED_SITE_MAX_KM = 50.0  # "Aleppo's X square": X must lie in Aleppo's governorate or this close
SEAT_CODES = frozenset({"PPLA", "PPLC"})
FOREIGN_EXACT_CODES = frozenset({"PCLI", "PPLC"})  # foreign names that keep an exact match over a local variant  # governorate seats: "countryside of X" is X's governorate
