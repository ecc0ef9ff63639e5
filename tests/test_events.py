"""The events stage codes who did what to whom, one phenomenon per test, on sentences written for them."""

import pytest

from accord.events import EventCoder
from accord.lexicon import LexiconError, load_lexicon

JPN_GOV = {"Japan's foreign minister": ("JPNGOV", "JPN", "GOV"), "Indonesia": ("IDN", "IDN", None)}


@pytest.fixture(scope="module")
def coder():
    return EventCoder()


def coded(coder, article):
    article = coder(article)
    return [(e.cameo, e.source and e.source.text, e.target and e.target.text, e.mode) for e in article.events]


def test_a_visit_is_coded_with_source_target_and_ontology(coder, marked):
    article = coder(marked("Japan's foreign minister visited Indonesia on Tuesday.", JPN_GOV))
    [event] = article.events
    assert (event.cameo, event.cameo_root, event.quad_class, event.goldstein) == ("042", "04", 1, 1.9)
    assert (event.plover, event.mode) == ("CONSULT", "visit")
    assert event.source.text == "Japan's foreign minister" and event.target.text == "Indonesia"
    assert event.evidence.trigger == "visited"
    assert event.rule.startswith("lexicon:lexicon/04_consult.tsv:")


def test_a_verb_with_its_object_noun_is_one_event(coder, marked):
    text = "The Chilean president paid a state visit to Argentina."
    events = coded(coder, marked(text, {"The Chilean president": ("CHLGOV", "CHL", "GOV"), "Argentina": ("ARG", "ARG", None)}))
    assert events == [("042", "The Chilean president", "Argentina", "visit")]


def test_passive_voice_takes_the_agent_as_source(coder, marked):
    text = "The Kenyan delegation was received by Tanzania's president."
    actors = {"The Kenyan delegation": ("KENGOV", "KEN", "GOV"), "Tanzania's president": ("TZAGOV", "TZA", "GOV")}
    assert coded(coder, marked(text, actors)) == [("040", "Tanzania's president", "The Kenyan delegation", None)]


def test_coordinated_targets_give_one_event_each(coder, marked):
    text = "Germany criticised Russia and Belarus over the exercises."
    actors = {"Germany": ("DEU", "DEU", None), "Russia": ("RUS", "RUS", None), "Belarus": ("BLR", "BLR", None)}
    assert {(c, s, t) for c, s, t, _ in coded(coder, marked(text, actors))} == {
        ("110", "Germany", "Russia"),
        ("110", "Germany", "Belarus"),
    }


def test_reciprocal_group_acts_on_each_other(coder, marked):
    text = "The two sides discussed ways to expand tourism."
    article = marked(text, {"Kenya": ("KEN", "KEN", None), "Uganda": ("UGA", "UGA", None)}, groups={"The two sides": ["KEN", "UGA"]})
    article = coder(article)
    pairs = {(article.actor(e.source.actor).code, article.actor(e.target.actor).code) for e in article.events}
    assert pairs == {("KEN", "UGA"), ("UGA", "KEN")}
    assert {e.cameo for e in article.events} == {"040"}


def test_negated_cooperation_is_a_rejection_in_negation_mode(coder, marked):
    text = "Turkey did not sign the agreement with Greece."
    events = coded(coder, marked(text, {"Turkey": ("TUR", "TUR", None), "Greece": ("GRC", "GRC", None)}))
    assert events == [("120", "Turkey", "Greece", "negation")]


def test_negated_force_stays_force_in_negation_mode(coder, marked):
    text = "Police did not arrest the Kurdish protesters."
    actors = {"Police": ("COP", None, "COP"), "the Kurdish protesters": ("KURCVL", None, "CVL")}
    assert coded(coder, marked(text, actors)) == [("173", "Police", "the Kurdish protesters", "negation")]


def test_speaker_who_announces_own_act_is_coded_for_the_act(coder, marked):
    text = "The Moro rebels said they will release the two Filipino soldiers."
    actors = {"The Moro rebels": ("PHLREB", "PHL", "REB"), "the two Filipino soldiers": ("PHLMIL", "PHL", "MIL")}
    assert coded(coder, marked(text, actors)) == [("035", "The Moro rebels", "the two Filipino soldiers", "future")]


def test_noun_event_announced_by_its_subject(coder, marked):
    text = "Sudan announced a ceasefire with the rebel movement on Sunday."
    actors = {"Sudan": ("SDN", "SDN", None), "the rebel movement": ("SDNREB", "SDN", "REB")}
    assert coded(coder, marked(text, actors))[0][:3] == ("087", "Sudan", "the rebel movement")


def test_denying_accusations_is_a_denial_not_a_rejection(coder, marked):
    text = "The Ethiopian government rejected accusations by Kenya that its troops crossed the border."
    actors = {"The Ethiopian government": ("ETHGOV", "ETH", "GOV"), "Kenya": ("KEN", "KEN", None)}
    assert coded(coder, marked(text, actors))[0][:2] == ("016", "The Ethiopian government")


def test_hypothetical_act_is_not_a_done_act(coder, marked):
    text = "Officials fear that Iran could attack the tanker fleet of Norway."
    events = coded(coder, marked(text, {"Iran": ("IRN", "IRN", None), "Norway": ("NOR", "NOR", None)}))
    assert events == [("180", "Iran", "Norway", "hypothetical")]


def test_future_visit_is_an_intent_to_meet(coder, marked):
    text = "The Thai prime minister will visit Cambodia next month."
    actors = {"The Thai prime minister": ("THAGOV", "THA", "GOV"), "Cambodia": ("KHM", "KHM", None)}
    assert coded(coder, marked(text, actors)) == [("036", "The Thai prime minister", "Cambodia", "future")]


def test_expressed_wish_to_deepen_ties_is_one_intent_event(coder, marked):
    text = "Kenya expressed the wish to deepen cooperation with Uganda."
    events = coded(coder, marked(text, {"Kenya": ("KEN", "KEN", None), "Uganda": ("UGA", "UGA", None)}))
    assert events == [("032", "Kenya", "Uganda", None)]


def test_appeal_to_act_is_coded_as_the_appeal(coder, marked):
    text = "The UN chief called on Myanmar's military to release the detained journalists."
    actors = {"The UN chief": ("IGOUNO", "UNO", "GOV"), "Myanmar's military": ("MMRMIL", "MMR", "MIL")}
    assert coded(coder, marked(text, actors)) == [("025", "The UN chief", "Myanmar's military", None)]


def test_reported_speech_keeps_the_reported_act_first(coder, marked):
    text = "The Indian army said Pakistan violated the ceasefire along the border."
    actors = {"The Indian army": ("INDMIL", "IND", "MIL"), "Pakistan": ("PAK", "PAK", None)}
    events = coded(coder, marked(text, actors))
    assert events[0][:2] == ("196", "Pakistan")
    assert ("010", "The Indian army", None, None) in events


def test_relative_clause_subject_is_the_noun_it_modifies(coder, marked):
    text = "Officials met the Malaysian delegation, which visited Ghana last week."
    actors = {"the Malaysian delegation": ("MYSGOV", "MYS", "GOV"), "Ghana": ("GHA", "GHA", None)}
    assert ("042", "the Malaysian delegation", "Ghana", "visit") in coded(coder, marked(text, actors))


def test_sentence_without_interaction_gets_no_event(coder, marked):
    article = marked("Vietnam is a country of about 100 million people in Southeast Asia.", {"Vietnam": ("VNM", "VNM", None)})
    assert coded(coder, article) == []


def test_event_word_without_actors_is_not_coded_and_says_why(coder, marked):
    article = marked("The meeting ended late in the evening.", {})
    decisions = {d.trigger.text: d for d in coder.decide(article)}
    assert decisions["meeting"].events == [] and decisions["meeting"].reason == "no actor found for source or target"
    assert decisions["ended"].reason.startswith("frame not matched: needs object")


def test_main_event_comes_first(coder, marked):
    text = "Brazil praised Argentina, saying the two countries will sign a trade deal."
    actors = {"Brazil": ("BRA", "BRA", None), "Argentina": ("ARG", "ARG", None)}
    events = coded(coder, marked(text, actors))
    assert events[0] == ("051", "Brazil", "Argentina", None)


def test_users_add_lexicon_entries_from_a_file(tmp_path, marked):
    extra = tmp_path / "mine.tsv"
    extra.write_text("cameo\tlemma\tpos\tobject\ttarget\texample\n125\tsnub\tVERB\t-\tdobj\tthe premier snubbed the envoy\n")
    coder = EventCoder(load_lexicon([extra]))
    article = marked("Poland snubbed Hungary at the summit.", {"Poland": ("POL", "POL", None), "Hungary": ("HUN", "HUN", None)})
    [event] = coder(article).events
    assert (event.cameo, event.rule) == ("125", f"lexicon:{extra}:2")


def test_lexicon_errors_name_file_and_line(tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_text("cameo\tlemma\tpos\tobject\ttarget\texample\n999\tfoo\tVERB\t-\tdobj\tx\n")
    with pytest.raises(LexiconError, match=r"bad.tsv:2: unknown CAMEO code '999'"):
        load_lexicon([bad])


def test_failing_to_agree_is_a_rejection(coder, marked):
    text = "Serbia and Kosovo failed to reach agreement on the border."
    events = coded(coder, marked(text, {"Serbia": ("SRB", "SRB", None), "Kosovo": ("XKX", "XKX", None)}))
    assert {(c, s, t, m) for c, s, t, m in events} == {("120", "Serbia", "Kosovo", "negation"), ("120", "Kosovo", "Serbia", "negation")}


def test_refusal_reported_by_a_spokesman_comes_before_the_statement(coder, marked):
    text = "A spokesman said the Japanese government will not lift the sanctions on Russia."
    actors = {"A spokesman": ("GOV", None, "GOV"), "the Japanese government": ("JPNGOV", "JPN", "GOV"), "Russia": ("RUS", "RUS", None)}
    events = coded(coder, marked(text, actors))
    assert events[0] == ("124", "the Japanese government", "Russia", "negation")
