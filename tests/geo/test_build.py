"""The shipped gazetteer files are exactly what the build script makes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sitrep.geo.gazetteer import load_gazetteer
from sitrep.geo.normalise import default_translit

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "src" / "sitrep" / "data" / "gazetteer"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_rebuild_is_byte_identical(shared_dir, tmp_path):
    pytest.importorskip("shapely")
    mod = _build_module()
    counts = mod.build(shared_dir / "data" / "gazetteer", tmp_path, SHIPPED / "supplement.tsv")
    assert counts["syria"] == 10368 and counts["neighbours"] == 3614
    for name in ("places.tsv.gz", "admin1.geojson"):
        assert (tmp_path / name).read_bytes() == (SHIPPED / name).read_bytes(), name


def test_shipped_keys_match_current_rules(gazetteer):
    """Keys are precomputed at build time: a rule change needs a rebuild."""
    t = default_translit()
    for i in range(0, len(gazetteer.places), 97):
        p = gazetteer.places[i]
        assert gazetteer.primary_keys[i] == t.key(p.name), p.name


def test_no_syrian_archive_rows_shipped(gazetteer):
    assert not any(p.place_id.startswith("sa:") for p in gazetteer.places)
    assert {p.place_id.split(":")[0] for p in gazetteer.places} == {
        "gn", "wof", "airb", "sup", "adm1", "adm2", "cc", "ocha", "ochan", "adm1w"}


def test_every_supplement_place_has_admin1(gazetteer):
    sup = [p for p in gazetteer.places if p.place_id.startswith("sup:")]
    assert len(sup) == 89
    assert all(p.admin1 for p in sup)
    assert {p.precision for p in sup} == {1, 2, 3}


def test_ocha_district_tag_is_cut_but_a_seat_keeps_its_whole_name():
    pytest.importorskip("shapely")
    mod = _build_module()
    # a village tagged with its district's name: the tag is cut, the village name kept
    tagged = {"name_en": "Tal Hamra Manbij", "name_ar": "تل حمرا منبج", "admin2_ar": "منبج",
              "admin3_ar": "منبج"}
    assert "Tal Hamra" in mod.community_names(tagged)
    # a sub-district seat written as its sub-district (one letter short): nothing is cut,
    # so its first word never becomes a name of its own
    for admin3 in ("كفر زيتا", "كفرة زيتا"):
        seat = {"name_en": "Kafr Zeta", "name_ar": "كفر زيتا", "admin2_ar": "محردة", "admin3_ar": admin3}
        names = mod.community_names(seat)
        assert "Kafr" not in names and "كفر" not in names and "Kafr Zeta" in names, admin3


def test_no_seat_is_named_by_its_first_word_alone(gazetteer):
    by_id = {p.place_id: p for p in gazetteer.places if p.place_id in ("gn:163750", "gn:165509", "gn:174611")}
    assert not {"Tell", "تل"} & set(by_id["gn:163750"].alternates)  # Tall Abyad
    assert "Ras Al" not in by_id["gn:165509"].alternates  # Ras al-Ayn
    assert "Abul" not in by_id["gn:174611"].alternates  # Abu al-Duhur
