"""`HeadlineCasing`: title-case headlines lower-cased on their common words (our own sentences)."""

from __future__ import annotations

from sitrep.nlp.casing import HeadlineCasing

STOP = ["a", "an", "the", "in", "of", "on", "by", "and", "for", "to"]
COMMON = ["bomb", "village", "countryside", "kill", "attack", "repel", "force", "town"]


def test_a_title_case_headline_keeps_its_names_and_loses_its_capitals():
    casing = HeadlineCasing(STOP, COMMON)
    text = "Warplanes Bomb A Village In The Countryside Of Kafranbel, Killing Two Children."
    got = casing(text)
    assert got == "Warplanes bomb a village in the countryside of Kafranbel, killing Two Children."
    assert len(got) == len(text)  # offsets into the page hold


def test_running_text_and_runs_of_names_are_left_as_written():
    casing = HeadlineCasing(STOP, COMMON)
    for text in ("The Syrian Observatory for Human Rights said the army shelled Kafranbel.",
                 "Fighters of the Tal Abyad Military Council and the Hamza Brigade attacked the town.",
                 "SDF Forces Attack"):
        assert casing(text) == text


def test_only_the_title_sentence_of_a_paragraph_changes():
    casing = HeadlineCasing(STOP, COMMON)
    text = "Rebels Repel An Attack By Government Forces On The Town Of Kafranbel. The Town was quiet later."
    assert casing(text) == ("Rebels repel an attack by Government forces on the town of Kafranbel. "
                            "The Town was quiet later.")
