"""Everything in the guide content can be reached by voice, and every slot word finds its content."""

from __future__ import annotations

import pytest

from facial_spasm_guide.conversation import SLOT_TYPES, TOPIC_INTENTS
from facial_spasm_guide.guide import GUIDE
from helpers import say, spoken
from skill_console.nlu.resolver import SlotFill

TOPIC_INTENT = {topic: intent for intent, (topic, _) in TOPIC_INTENTS.items()}
SLOT_INTENT = {SLOT_TYPES[slot]: (intent, slot) for intent, (_, slot) in TOPIC_INTENTS.items() if slot}


def entry_utterances(resolver, topic) -> list[str]:
    """What a user can say to start on this topic, straight from the model's samples."""
    if topic.id in TOPIC_INTENT:
        return [next(s for s in resolver.samples(TOPIC_INTENT[topic.id]) if "{" not in s)]
    return [slot_utterance(resolver, topic, word) for word in topic.words]


@pytest.mark.parametrize("topic_id", list(GUIDE.topics))
def test_every_part_of_every_topic_is_reachable(sim, resolver, topic_id):
    topic = GUIDE.topic(topic_id)
    first, *_ = entry_utterances(resolver, topic)
    heard = [spoken(say(sim, first))]
    for _ in topic.say[1:]:
        heard.append(spoken(say(sim, "tell me more")))
    for part, text in zip(topic.say, heard, strict=False):
        assert part in text, f"{topic_id}: expected {part!r} in {text!r}"


SLOT_WORDS = [(topic.id, word) for topic in GUIDE.topics.values() if topic.slot_type
              for word in topic.words]


def slot_utterance(resolver, topic, word) -> str:
    """A sample of the slot's intent, with the word in the slot, that the model resolves there.

    Some fillings are literal samples of another intent ("what is eye twitching" is a
    question about facial spasms in general); as on Alexa, the literal sample wins.
    """
    intent, slot = SLOT_INTENT[topic.slot_type]
    for sample in resolver.samples(intent):
        if "{" + slot + "}" not in sample:
            continue
        utterance = sample.replace("{" + slot + "}", word)
        resolution = resolver.resolve(utterance)
        if resolution.intent == intent and resolution.slots[slot].resolved_id == topic.id:
            return utterance
    raise AssertionError(f"no sample of {intent} puts {word!r} in {{{slot}}}")


@pytest.mark.parametrize("topic_id, word", SLOT_WORDS, ids=[f"{t}:{w}" for t, w in SLOT_WORDS])
def test_every_slot_word_reaches_its_topic(sim, resolver, topic_id, word):
    topic = GUIDE.topic(topic_id)
    result = say(sim, slot_utterance(resolver, topic, word))
    assert topic.say[0] in spoken(result)
    assert result.card["title"] == topic.title


def test_a_value_in_another_intents_slot_still_finds_its_answer(sim):
    # "what is" belongs to the spasm type intent; dystonia is a cause, and the guide covers it.
    result = sim.intent("SpasmTypesIntent",
                        {"spasmType": SlotFill("dystonia", "SPASM_TYPE", "ER_SUCCESS_NO_MATCH")})
    assert "abnormal muscle movements" in spoken(result)
    assert "don't have" not in spoken(result)


def test_an_unknown_value_says_so_and_still_answers_the_question(sim):
    result = say(sim, "can chocolate cause eye twitching")
    text = spoken(result)
    assert text.startswith("I don't have anything on chocolate, but here's what the guide says. "
                           + GUIDE.topic("causes").say[0])
    assert result.end_session is False
    assert GUIDE.topic("neurological").say[0] in spoken(say(sim, "yes"))


def test_an_unknown_thing_asked_about_gets_no_medical_answer(sim):
    result = sim.intent("SpasmTypesIntent",
                        {"spasmType": SlotFill("the weather in paris", "SPASM_TYPE",
                                               "ER_SUCCESS_NO_MATCH")})
    text = spoken(result)
    assert text.startswith("Sorry, I don't have anything on weather in paris in this guide.")
    assert "If this is an emergency, call 911." in text
    assert not any(say in text for topic in GUIDE.topics.values() for say in topic.say)
