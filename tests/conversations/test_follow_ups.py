"""Follow-ups: every open answer offers a next step that "yes" really takes; a general question
about a named type of spasm stays with it as far as the guide allows; session state stays
small, plain JSON."""

from __future__ import annotations

import json

import pytest

from facial_spasm_guide.guide import GUIDE
from helpers import assert_answer_style, say, spoken
from skill_console.device.console import Console
from skill_console.device.envelopes import new_session_id

DEAD_ENDS = ["Sorry, I can't help with that", "something went wrong", "I still didn't get that"]
MAX_ATTRIBUTE_BYTES = 2000


@pytest.mark.slow
def test_every_open_answer_offers_a_next_step_that_yes_takes(reachable_on_screens):
    console = Console()
    checked = 0
    for how, turn in reachable_on_screens["en-US"]:
        if turn.end_session:
            continue
        attributes = turn.session_attributes
        # Either a concrete offer or check question, or (help, thanks, a "no") an open question.
        assert ("offer" in attributes or "asking" in attributes
                or "?" in spoken(turn)), f"{how}: nothing offered"
        console.simulator.session_id = new_session_id()
        console.simulator.attributes = dict(attributes)
        following = console.simulator.intent("AMAZON.YesIntent")
        assert_answer_style(following)
        text = spoken(following)
        assert not any(d in text for d in DEAD_ENDS), f"yes after {how}: {text}"
        checked += 1
    assert checked > 1000


@pytest.mark.slow
def test_session_state_is_small_plain_json(reachable_on_screens):
    for locale, turns in reachable_on_screens.items():
        for how, turn in turns:
            attributes = turn.session_attributes
            encoded = json.dumps(attributes)
            assert json.loads(encoded) == attributes
            assert len(encoded.encode()) <= MAX_ATTRIBUTE_BYTES, (locale, how, len(encoded))
            assert set(attributes) <= {"misses", "topic", "part", "offer", "subject", "asking",
                                       "last", "heard", "back", "listed", "declined", "known",
                                       "caveat"}, (locale, how)


SPASM_TYPES = [t for t in GUIDE.topics.values() if t.slot_type == "SPASM_TYPE"]


@pytest.mark.parametrize("subject", SPASM_TYPES, ids=[t.id for t in SPASM_TYPES])
@pytest.mark.parametrize("question, general", [("what about treatment", "treatments"),
                                               ("what causes it", "causes"),
                                               ("how is it diagnosed", "diagnosis"),
                                               ("what about home remedies", "home_care")])
def test_a_general_question_about_a_type_says_the_guide_answers_it_in_general(
        sim, subject, question, general):
    say(sim, f"tell me about {subject.words[0]}")
    text = spoken(say(sim, question))
    assert f"not for {subject.name} alone" in text
    assert GUIDE.topic(general).say[0] in text


def test_more_walks_a_topic_in_pieces_then_offers_what_comes_next(sim):
    diagnosis = GUIDE.topic("diagnosis")
    first = say(sim, "how are facial spasms diagnosed")
    assert diagnosis.say[0] in spoken(first) and spoken(first).endswith("?")
    assert first.session_attributes["offer"] == {"topic": "diagnosis", "part": 1}
    second = say(sim, "tell me more")
    assert diagnosis.say[1] in spoken(second)
    following = GUIDE.topic(second.session_attributes["offer"]["topic"])
    assert following.id in diagnosis.items  # its own tests first: the exam, scans, blood tests
    assert following.say[0] in spoken(say(sim, "next"))


@pytest.mark.parametrize("utterance", ["start over", "go home"])
def test_start_over_and_go_home_return_to_the_menu_and_forget_the_subject(sim, utterance):
    say(sim, "what is hemifacial spasm")
    menu = say(sim, utterance)
    assert "Would you like to start with what facial spasms are?" in spoken(menu)
    assert "subject" not in menu.session_attributes
    assert "in general" not in spoken(say(sim, "what about treatment"))


def test_repeat_says_the_last_answer_again(sim):
    first = spoken(say(sim, "what is hemifacial spasm"))
    assert spoken(say(sim, "repeat")) == first
