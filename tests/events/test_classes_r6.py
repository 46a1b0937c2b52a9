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



def test_casualty_sentence_after_a_strike_gives_it_its_toll(run):
    events, _ = run("Government artillery shelled the town of Maarat Misrin on Thursday. "
                    "Four members of one family were killed, a rescue worker said.")
    assert [e.fatalities for e in events] == [4]
    ev = events[0]
    assert any(x.field == "fatalities" and "Four" in x.text for x in ev.evidence)


def test_stated_zero_after_a_strike_is_zero(run):
    events, _ = run("Turkish drones struck a car in the town of Amuda on Thursday. Nobody was hurt.")
    assert [e.fatalities for e in events] == [0]


def test_casualty_sentence_about_something_else_keeps_its_distance(run):
    # another incident, another place, another day, or a running total: no toll for the strike
    for follow in ("In a separate incident, two shepherds were killed by a mine.",
                   "Two shepherds were killed near Tal Tamr.",
                   "Two shepherds were killed on Monday.",
                   "More than 40 people have been killed in the province since January."):
        events, _ = run(f"Turkish drones struck a car in the town of Amuda on Thursday. {follow}")
        strike = [e for e in events if e.location == "Amuda"]
        assert strike and strike[0].fatalities is None, follow


def test_casualty_sentence_only_follows_the_sentence_right_before(run):
    events, _ = run("Turkish drones struck a car in the town of Amuda on Thursday. "
                    "Residents said the area had been quiet for weeks. Three people were killed.")
    strike = [e for e in events if e.location == "Amuda"]
    assert strike and strike[0].fatalities is None
