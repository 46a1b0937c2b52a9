"""The shared YAML data-file reader: clear one-line errors naming the file."""

from __future__ import annotations

import pytest

from sitrep.datafiles import read_yaml_mapping
from sitrep.errors import DataFileError


def test_packaged_file_is_read():
    data, origin = read_yaml_mapping(None, "sources.yaml")
    assert origin == "sitrep/data/sources.yaml" and isinstance(data, dict)


def test_user_file_is_read(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text("a: 1\n", encoding="utf-8")
    assert read_yaml_mapping(p, "sources.yaml") == ({"a": 1}, str(p))


@pytest.mark.parametrize(
    "content,message",
    [("a: [1, 2\n", "not valid YAML"), ("- 1\n- 2\n", "expected a mapping"), (None, "cannot read")],
)
def test_errors_name_the_file(tmp_path, content, message):
    p = tmp_path / "bad.yaml"
    if content is not None:
        p.write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=message) as err:
        read_yaml_mapping(p, "sources.yaml")
    assert str(p) in str(err.value)
