"""Round 6 rule classes, each with our own sentences."""


def test_strike_after_placeless_announcement_takes_its_perpetrator(run):
    events, _ = run("Russian jets launched a new wave of raids late on Friday. "
                    "Rockets struck a field hospital in the town of Kafranbel.")
    found = [e for e in events if e.location == "Kafranbel"]
    assert found and found[0].actor1.startswith("Military Forces of Russia")


def test_placeless_announcement_kind_carries_over(run):
    events, _ = run("Turkish drones carried out a series of strikes overnight on Wednesday. "
                    "A missile hit a grain silo in the town of Amuda, killing a guard.")
    assert [(e.sub_event_type, e.actor1.split(" (")[0], e.location) for e in events] == [
        ("Air/drone strike", "Military Forces of Turkey", "Amuda")]


def test_placeless_announcement_does_not_cross_a_paragraph_or_an_unrelated_sentence(run):
    events, _ = run("Russian jets launched a new wave of raids late on Friday.",
                    "Rockets struck a field hospital in the town of Kafranbel.")
    assert not any((e.actor1 or "").startswith("Military Forces of Russia") for e in events)
    events, _ = run("Turkish officials met on Wednesday. A missile hit a grain silo in the town of Amuda.")
    assert not any((e.actor1 or "").startswith("Military Forces of Turkey") for e in events)

