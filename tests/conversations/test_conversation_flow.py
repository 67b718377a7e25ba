"""Multi-turn behaviour a user notices: offers, yes and no, repeat, fallback, going home."""

from __future__ import annotations

from facial_spasm_guide.conversation import State, Turn, respond
from helpers import say, spoken


def test_yes_after_launch_takes_the_offered_topic(sim):
    sim.launch()
    result = say(sim, "yes")
    assert spoken(result).startswith("Facial spasms are sudden movements")
    assert result.card["title"] == "What facial spasms are"


def test_each_answer_offers_a_next_step_that_yes_takes(sim):
    sim.launch()
    result = say(sim, "does botox help")
    assert spoken(result).endswith("muscle relaxants?")
    assert "Oral medicines, such as muscle relaxants" in spoken(say(sim, "yes"))


def test_more_continues_the_topic_then_goes_on_to_what_was_not_heard(sim):
    sim.launch()
    first = say(sim, "how are facial spasms treated")
    assert spoken(first).endswith("?")
    assert first.session_attributes["offer"] == {"topic": "treatments", "part": 1}
    second = spoken(say(sim, "tell me more"))
    assert "two groups" in second
    assert second.endswith("botulinum toxin injections first?")  # the first treatment, unheard
    assert "often called Botox" in spoken(say(sim, "next"))


def test_no_to_an_offer_asks_what_instead_and_a_second_no_ends_politely(sim):
    sim.launch()
    say(sim, "what causes facial spasms")
    instead = say(sim, "no")
    assert instead.end_session is False
    assert "What would you like to hear about instead?" in spoken(instead)
    result = say(sim, "no")
    assert result.end_session is True
    assert "Goodbye" in spoken(result)
    assert not sim.in_session


def test_repeat_says_the_last_answer_again(sim):
    sim.launch()
    answer = say(sim, "what is hemifacial spasm")
    again = say(sim, "repeat")
    assert spoken(again) == spoken(answer)
    assert again.end_session is False
    # And repeat after repeat is still the answer, not an echo of "repeat".
    assert spoken(say(sim, "say that again")) == spoken(answer)
    # The offer survives a repeat: yes still takes it.
    assert "Spasms related to Tourette syndrome" in spoken(say(sim, "yes"))


def test_repeat_with_nothing_said_yet_offers_the_menu(sim):
    result = sim.intent("AMAZON.RepeatIntent")
    assert "You can ask what facial spasms are" in spoken(result)
    assert result.end_session is False


def test_fallback_escalates_on_a_second_miss_in_a_row(sim):
    sim.launch()
    first = sim.say("order me a pizza")
    assert first.request["request"]["intent"]["name"] == "AMAZON.FallbackIntent"
    second = sim.say("sing me a lullaby")
    assert "Sorry, I didn't catch that" in spoken(first)
    assert "hear about what facial spasms are?" in spoken(first)  # the launch's offer, kept
    assert "I still didn't get that" in spoken(second)
    assert len(spoken(second)) < len(spoken(first))
    assert second.end_session is False
    third = spoken(sim.say("play some jazz"))
    assert "Say help for ideas" in third and third not in (spoken(first), spoken(second))
    last = sim.say("what's the weather")
    assert last.end_session is True and "call 911" in spoken(last)


def test_a_good_question_resets_the_fallback_count(sim):
    sim.launch()
    sim.say("order me a pizza")
    say(sim, "what triggers facial spasms")
    assert "Sorry, I didn't catch that" in spoken(sim.say("sing a song"))


def test_go_home_and_start_over_return_to_the_menu(sim):
    sim.launch()
    say(sim, "does dystonia cause facial spasms")
    heard = set()
    for phrase in ("go home", "start over"):
        result = say(sim, phrase)
        assert "You can ask what facial spasms are" in spoken(result)
        answer = spoken(say(sim, "yes"))
        assert answer not in heard  # the menu's offer is what was not heard yet
        heard.add(answer)
    assert any("Facial spasms are sudden movements" in answer for answer in heard)


def test_one_shot_question_opens_a_session_and_answers_at_once(sim):
    result = say(sim, "what causes facial twitching")
    assert result.request["session"]["new"] is True
    assert "three main kinds of cause" in spoken(result)
    assert result.end_session is False


def test_session_attributes_are_small_plain_json(sim):
    sim.launch()
    for utterance in ["what causes facial spasms", "tell me more", "yes", "help"]:
        result = say(sim, utterance)
        attributes = result.session_attributes
        assert set(attributes) <= {"topic", "part", "offer", "misses", "last", "subject",
                                   "heard", "back", "listed", "declined", "known", "caveat"}
        assert len(str(attributes)) < 2000


def test_conversation_is_plain_python_without_the_sdk():
    launch = respond(Turn("LaunchRequest"), State())
    assert launch.state.offer is not None and launch.state.offer.topic == "about"
    reply = respond(Turn("IntentRequest", "AMAZON.YesIntent"), launch.state)
    assert reply.template == "topic" and reply.state.topic == "about"
    # With nothing on offer, a yes asks what they would like.
    assert respond(Turn("IntentRequest", "AMAZON.YesIntent"), State()).template == "what_else"
