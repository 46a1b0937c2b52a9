"""New triggers and role patterns: one behaviour per test, sentences written for sitrep."""


def test_noun_trigger_subject_targets_object_holder(run):
    events, _ = run('On June 22, a roadside bomb hit a patrol of the Syrian Democratic Forces near the town of Hajin.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Remote explosive/landmine/IED', 'Unidentified Armed Group (Syria)', 'Syrian Democratic Forces')]


def test_shot_dead_civilian(run):
    events, _ = run('On June 22, gunmen shot dead a nurse in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Attack', 'Unidentified Armed Group (Syria)', 'Civilians (Syria)')]


def test_gunned_down_civilian(run):
    events, _ = run('On June 22, gunmen gunned down a shopkeeper in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Attack', 'Unidentified Armed Group (Syria)', 'Civilians (Syria)')]


def test_abducted_unnamed_men(run):
    events, _ = run('On June 22, masked men abducted a lawyer in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Abduction/forced disappearance', 'Unidentified Armed Group (Syria)', 'Civilians (Syria)')]


def test_executed_shepherd(run):
    events, _ = run('On June 22, ISIS militants executed a shepherd near the town of Hajin.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Attack', 'Islamic State (Syria)', 'Civilians (Syria)')]


def test_grenade_thrown_at_shop(run):
    events, _ = run('On June 22, a grenade was thrown at a bakery in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Grenade', 'Unidentified Armed Group (Syria)', 'Civilians (Syria)')]


def test_explosive_hurled_is_grenade(run):
    events, _ = run('On June 22, an explosive was hurled at a pharmacy in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Grenade', 'Unidentified Armed Group (Syria)', 'Civilians (Syria)')]


def test_rockets_fired_passive(run):
    events, _ = run('On June 22, several rockets were fired at the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Shelling/artillery/missile attack', 'Unidentified Armed Group (Syria)', None)]


def test_crowd_dispersed_is_intervention(run):
    events, _ = run('On June 22, police dispersed a crowd of demonstrators in the city of Daraa.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Protest with intervention', 'Protesters (Syria)', 'Police Forces of Syria (2000-)')]


def test_fire_on_protesters_is_excessive_force(run):
    events, _ = run('On June 22, security forces opened fire on protesters in the city of Daraa, killing two.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Excessive force against protesters', 'Protesters (Syria)', 'Police Forces of Syria (2000-)')]


def test_took_to_the_streets(run):
    events, _ = run('On June 22, residents of Tafas took to the streets.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Peaceful protest', 'Protesters (Syria)', None)]


def test_sit_in_was_held(run):
    events, _ = run('On June 22, a sit-in was held outside the court in the city of Daraa.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Peaceful protest', 'Protesters (Syria)', None)]


def test_gathered_to_demand_is_protest(run):
    events, _ = run('On June 22, dozens of students gathered peacefully in the city of Daraa to demand jobs.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Peaceful protest', 'Protesters (Syria)', None)]


def test_crowd_torched_is_violent_demonstration(run):
    events, _ = run('On June 22, an angry crowd torched the municipal building in the city of Daraa.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Violent demonstration', 'Rioters (Syria)', None)]


def test_crowd_beat_is_mob_violence(run):
    events, _ = run('On June 22, a crowd beat a suspected thief in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Mob violence', 'Rioters (Syria)', None)]


def test_recaptured_post_state(run):
    events, _ = run('On June 22, the Syrian Arab Army recaptured an army post near the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Government regains territory', 'Military Forces of Syria (2000-)', None)]


def test_overran_post_nonstate(run):
    events, _ = run('On June 22, Hayat Tahrir al-Sham overran an army post near the town of Saraqib.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Non-state actor overtakes territory', 'Hayat Tahrir al-Sham', 'Military Forces of Syria (2000-)')]


def test_seized_weapons_cache(run):
    events, _ = run('On June 22, the Syrian Democratic Forces seized a weapons cache in the town of Hajin.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Disrupted weapons use', 'Syrian Democratic Forces', None)]


def test_intercepted_drone(run):
    events, _ = run('On June 22, the Syrian Arab Army intercepted a drone over the town of Saraqib.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Disrupted weapons use', 'Military Forces of Syria (2000-)', 'Unidentified Military Forces')]


def test_shot_down_drone(run):
    events, _ = run('On June 22, air defences shot down a drone over the town of Saraqib.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Disrupted weapons use', None, 'Unidentified Military Forces')]


def test_handed_town_recipient_is_actor1(run):
    events, _ = run('On June 22, the Syrian Democratic Forces handed the town of Manbij to the Syrian Arab Army.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Non-violent transfer of territory', 'Military Forces of Syria (2000-)', 'Syrian Democratic Forces')]


def test_set_up_checkpoint(run):
    events, _ = run('On June 22, the Turkish Army set up a checkpoint near the town of Saraqib.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Headquarters or base established', 'Military Forces of Turkey (2016-)', None)]


def test_looted_houses(run):
    events, _ = run('On June 22, the Syrian Arab Army looted houses in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Looting/property destruction', 'Military Forces of Syria (2000-)', 'Civilians (Syria)')]


def test_bulldozed_houses(run):
    events, _ = run('On June 22, the Syrian Arab Army bulldozed houses in the town of Tafas.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Looting/property destruction', 'Military Forces of Syria (2000-)', 'Civilians (Syria)')]


def test_signed_truce(run):
    events, _ = run('On June 22, the Syrian Democratic Forces and tribal leaders signed a truce in the town of Hajin.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Agreement', 'Syrian Democratic Forces', None)]


def test_arrested_men_are_civilians(run):
    events, _ = run('On June 22, the Syrian Democratic Forces arrested five men in the town of Hajin.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Arrests', 'Syrian Democratic Forces', 'Civilians (Syria)')]


def test_raid_with_detention_is_arrests(run):
    events, _ = run('On June 22, the Syrian Democratic Forces raided a house in the town of Hajin and detained two men.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Arrests', 'Syrian Democratic Forces', 'Civilians (Syria)')]


def test_killing_after_shelling_is_one_event(run):
    events, _ = run('On June 22, the Syrian Arab Army shelled the town of Tafas, killing two civilians.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Shelling/artillery/missile attack', 'Military Forces of Syria (2000-)', 'Civilians (Syria)')]


def test_dissolved_is_change_to_group(run):
    events, _ = run('On June 22, Hayat Tahrir al-Sham dissolved its police force in the city of Idlib.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Change to group/activity', 'Hayat Tahrir al-Sham', None)]


def test_claimed_attack_names_perpetrator(run):
    events, _ = run('On June 22, a car bomb exploded in the town of Azaz. The Islamic State later claimed the attack.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Remote explosive/landmine/IED', 'Islamic State (Syria)', None)]


def test_withdrew_from_town_is_transfer(run):
    events, _ = run('On June 22, the Syrian Arab Army withdrew from the town of Tafas and handed it to Russian forces.')
    assert [(e.sub_event_type, e.actor1, e.actor2) for e in events] == [('Non-violent transfer of territory', 'Military Forces of Syria (2000-)', None)]
