from __future__ import annotations

from datetime import date

import pytest

from sitrep.records import DocMeta, Document, Segmentation, TextSpan


@pytest.fixture(scope="session")
def extractor():
    from sitrep.events import load_extractor

    return load_extractor()


def make_doc(paragraphs: list[str], published: date | None = date(2020, 6, 25), name: str = "t") -> Document:
    """A document whose body is exactly these paragraphs (blank line between them)."""
    text, body, pos = "", [], 0
    for p in paragraphs:
        if text:
            text += "\n\n"
            pos += 2
        body.append(TextSpan(pos, pos + len(p), p))
        text += p
        pos += len(p)
    return Document(doc_id=name, name=name, origin=name, text=text,
                    meta=DocMeta(published=published, source="Test"), segmentation=Segmentation(body=body))


@pytest.fixture()
def run(extractor):
    def _run(*paragraphs: str, published: date | None = date(2020, 6, 25)):
        ((_, events, statements),) = list(extractor.extract([make_doc(list(paragraphs), published)]))
        return events, statements

    return _run
