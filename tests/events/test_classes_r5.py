"""Round 5 rule classes, each with our own sentences."""


def _subs(events):
    return sorted((e.sub_event_type, e.actor1) for e in events)


def test_continuing_strike_takes_the_earlier_perpetrator(run):
    events, _ = run("Russian warplanes bombed the village of Kansafra on Tuesday, witnesses said. "
                    "The raids also destroyed a bakery in the town of Ariha, killing two bakers.")
    found = [e for e in events if e.location == "Ariha"]
    assert found and found[0].actor1.startswith("Military Forces of Russia")
    assert (found[0].sub_event_type, found[0].fatalities) == ("Air/drone strike", 2)


def test_strike_without_continuation_cue_keeps_no_borrowed_actor(run):
    events, _ = run("Russian warplanes bombed the village of Kansafra on Tuesday. "
                    "Separately, an explosion destroyed a shop in the town of Ariha.")
    assert not any(e.location == "Ariha" and (e.actor1 or "").startswith("Military Forces of Russia")
                   for e in events)


def test_misparsed_past_form_is_read_as_the_verb(run):
    events, _ = run("Syrian army units dug in near the hill of Tal Rifaat shelled farmland south of the town on Monday.")
    assert any(e.sub_event_type == "Shelling/artillery/missile attack" for e in events)


def test_body_found_with_marks_of_killing_is_an_attack(run):
    events, _ = run("The body of a young shepherd was found near Manbij on Tuesday with bullet wounds to the chest.")
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [
        ("Attack", "Unidentified Armed Group (Syria)", "Civilians (Syria)")]


def test_body_found_without_marks_is_not_an_event(run):
    events, _ = run("The body of a fisherman was found in the river near Manbij on Sunday after he drowned.")
    assert events == []
