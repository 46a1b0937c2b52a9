"""Fusion data files: packaged defaults load, bad files name file and field."""

from __future__ import annotations

import pytest

from sitrep.errors import DataFileError
from sitrep.fuse import load_rules, load_sources


def test_packaged_rules_and_sources_load():
    rules = load_rules()
    assert rules.family("Armed clash") == rules.family("Non-state actor overtakes territory") == "battles"
    assert rules.family("Some new type") == "some new type"
    book = load_sources()
    assert book.outlet("SOHR").name == "Syrian Observatory for Human Rights"
    assert book.outlet("sana").bias == ("state media", "pro-government")


def test_unknown_outlet_gets_default(gold_sources):
    out = gold_sources.outlet("Nobody Weekly")
    assert (out.name, out.reliability, out.bias) == ("Nobody Weekly", 0.5, ())
    assert gold_sources.outlet("FMN").name == "Field Monitor Network"


def test_bad_reliability_names_file_and_field(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("default: {reliability: 0.5}\noutlets:\n  X: {reliability: 1.5}\n")
    with pytest.raises(DataFileError) as err:
        load_sources(p)
    assert str(err.value) == f"error[E003]: {p}: field 'outlets.X.reliability': must be a number from 0 to 1"


def test_alias_used_twice_is_rejected(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("default: {reliability: 0.5}\noutlets:\n  A: {reliability: 0.5, aliases: [B]}\n  B: {reliability: 0.4}\n")
    with pytest.raises(DataFileError, match="field 'outlets.B': name or alias 'B' is used twice"):
        load_sources(p)


def test_compatible_pair_across_families_is_rejected(tmp_path):
    p = tmp_path / "rules.yaml"
    p.write_text(
        "date_bucket_days: 7\ndate_slack_days: {1: 1, 2: 1, 3: 0}\n"
        "geo: {cell_degrees: 0.25, max_km: {1: 10, 2: 25}, admin1_precision: 3}\n"
        "families: {f1: [Armed clash], f2: [Attack]}\n"
        "compatible: [{a: Armed clash, b: Attack}]\n"
    )
    with pytest.raises(DataFileError, match=r"field 'compatible\[0\]': both types must be in the same family"):
        load_rules(p)


def test_missing_file_is_a_data_file_error(tmp_path):
    with pytest.raises(DataFileError, match="cannot read"):
        load_sources(tmp_path / "absent.yaml")
