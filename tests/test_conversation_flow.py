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
    assert spoken(result).endswith("Would you like to hear about muscle relaxants?")
    assert "Oral medicines, such as muscle relaxants" in spoken(say(sim, "yes"))


def test_more_continues_the_topic_then_moves_to_a_related_one(sim):
    sim.launch()
    first = spoken(say(sim, "how are facial spasms treated"))
    assert first.endswith("Would you like to hear more about treatments for facial spasms?")
    second = spoken(say(sim, "tell me more"))
    assert "two groups" in second
    assert second.endswith("Would you like to hear about things you can do at home?")
    assert "Yoga and meditation" in spoken(say(sim, "next"))


def test_no_after_an_offer_ends_politely(sim):
    sim.launch()
    say(sim, "what causes facial spasms")
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
    assert "Sorry, I can't help with that" in spoken(first)
    assert "I still didn't get that" in spoken(second)
    assert "what causes them, how they're treated, and when to see a doctor" in spoken(second)
    assert len(spoken(second)) > len(spoken(first))
    assert second.end_session is False


def test_a_good_question_resets_the_fallback_count(sim):
    sim.launch()
    sim.say("order me a pizza")
    say(sim, "what triggers facial spasms")
    assert "Sorry, I can't help with that" in spoken(sim.say("sing a song"))


def test_go_home_and_start_over_return_to_the_menu(sim):
    sim.launch()
    say(sim, "does dystonia cause facial spasms")
    for phrase in ("go home", "start over"):
        result = say(sim, phrase)
        assert "You can ask what facial spasms are" in spoken(result)
        assert "Facial spasms are sudden movements" in spoken(say(sim, "yes"))


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
        assert set(attributes) <= {"topic", "part", "offer", "misses", "last"}
        assert len(str(attributes)) < 2000


def test_conversation_is_plain_python_without_the_sdk():
    reply = respond(Turn("IntentRequest", "AMAZON.YesIntent"), State())
    assert reply.answer == "menu"
    assert reply.state.offer is not None and reply.state.offer.topic == "about"
