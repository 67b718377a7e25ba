"""The doctor check: the guide's rules, red flags first, in every locale; red flags said in
everyday words reach the urgent advice wherever they come up; never a diagnosis, never an
offer to call anyone."""

from __future__ import annotations

import re

import pytest

from facial_spasm_guide.guide import GUIDE
from helpers import EMERGENCY, LOCALES, OPEN, assert_answer_style, spoken
from skill_console.device.console import Console

URGENT_ADVICE = {"en-GB": "call 111"}

# The guide's order: sudden start, then headache/vision/speech, then still happening.
QUESTIONS = ["Did the spasms start suddenly?",
             "Do they come with a severe headache, problems with your vision, or changes in your speech?",
             "Have they kept happening, even after trying home remedies or lifestyle changes?"]

# (path name, what the user says after "should I see a doctor", words the advice must have,
#  whether it is urgent)
PATHS = [
    ("sudden start", ["yes"], ["medical help right away", "nervous system"], True),
    ("sudden start, own words", ["it came on suddenly"], ["medical help right away"], True),
    ("red flags", ["no", "yes"], ["medical help fast", "severe headache"], True),
    ("red flags, own words", ["it came on gradually", "my speech is slurred"],
     ["medical help fast"], True),
    ("still happening", ["no", "no", "yes"], ["see a doctor", "treatment plan"], False),
    ("still happening, own words", ["for months", "no headache", "nothing helps"],
     ["see a doctor", "check your symptoms"], False),
    ("none of these", ["no", "no", "no"], ["yoga or meditation", "magnesium", "ask me again"], False),
    ("none of these, own words", ["it built up slowly", "none of those", "it's getting better"],
     ["deep breathing", "ask me again"], False),
]

# Everyday ways of saying a red flag, written as people say them, not copied from the content.
RED_FLAGS_SAID = [
    "I have a terrible headache", "my head really hurts", "I've got a bad headache",
    "my speech is slurred", "I'm slurring my words", "I can't speak properly",
    "I can't see properly", "my vision is blurry", "I've got double vision",
    "it came on suddenly", "it started all of a sudden", "it came out of nowhere",
    "yes it started this morning", "my vision is fine but my speech is slurred",
    "my dad can't talk properly", "everything has gone blurry",
]

# Emergencies the guide does not name, in everyday words: the emergency number, at once.
EMERGENCIES_SAID = [
    "i think i'm having a stroke", "my face is drooping", "one side of her face has dropped",
    "my arm has gone numb", "he can't lift his arm", "she's collapsed", "he's having a fit",
    "i can't breathe", "she's suddenly confused", "call an ambulance",
]

# Where a red flag may come up: (what was said before it).
CONTEXTS = {
    "first thing": [],
    "after opening": [OPEN],
    "during causes": ["what causes facial twitching", "tell me more"],
    "during a treatment": ["does botox help"],
    "at the first check question": ["should i see a doctor"],
    "at the last check question": ["should i see a doctor", "no", "no"],
    "after a miss": [OPEN, "order me a pizza"],
}


def talk(locale: str, utterances: list[str]):
    console = Console(locale=locale)
    turns = [console.turn(u) for u in utterances]
    for turn in turns:
        assert_answer_style(turn.result)
    return console, turns


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("path, answers, advice, urgent", PATHS, ids=[p[0] for p in PATHS])
def test_every_triage_path_in_every_locale(locale, path, answers, advice, urgent):
    _, turns = talk(locale, ["should i see a doctor", *answers])
    asked = [spoken(t.result) for t in turns[:-1]]
    for number, text in enumerate(asked):
        assert text.endswith(QUESTIONS[number]), (number, text)
    final = turns[-1]
    text = spoken(final.result)
    assert [a for a in advice if a.lower() not in text.lower()] == [], text
    assert (EMERGENCY[locale] in text) is urgent, text
    if urgent and locale in URGENT_ADVICE:
        assert URGENT_ADVICE[locale] in text
    if not urgent:
        assert "not a diagnosis" in text
    assert final.result.end_session is False and text.endswith("?")
    assert "asking" not in final.result.session_attributes, "the check is over"


def said_in(locale: str, context: str, phrases: list[str]):
    """Each phrase said in a new conversation at this point of it: (phrase, turn, speech)."""
    for said in phrases:
        console, _ = talk(locale, CONTEXTS[context])
        turn = console.turn(said)
        yield said, turn, spoken(turn.result)


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("context", list(CONTEXTS))
def test_red_flags_in_everyday_words_get_the_urgent_advice_first(locale, context):
    for said, turn, text in said_in(locale, context, RED_FLAGS_SAID):
        assert text.startswith("If spasms"), f"{said!r} {context}: {text}"
        assert "medical help" in text and EMERGENCY[locale] in text, f"{said!r} {context}: {text}"
        assert turn.result.end_session is False


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("context", list(CONTEXTS))
def test_emergencies_in_everyday_words_get_the_emergency_number_at_once(locale, context):
    number = EMERGENCY[locale].removeprefix("call ")
    for said, turn, text in said_in(locale, context, EMERGENCIES_SAID):
        assert text.startswith(f"Please call {number} now"), f"{said!r} {context}: {text}"
        assert '<say-as interpret-as="digits">' + number in turn.result.ssml
        assert "asking" not in turn.result.session_attributes, "the check is over"


def test_every_red_flag_word_in_the_content_reaches_the_urgent_advice():
    console = Console()
    for answer in GUIDE.check.answers.values():
        for word in answer.words:
            console.new_session()
            text = spoken(console.turn(word).result)
            assert text.startswith("If spasms") is GUIDE.check.is_red_flag(answer), (word, text)


@pytest.mark.parametrize("said", ["no headache", "none of those", "i don't have a headache",
                                  "my vision is fine", "just the twitching"])
def test_saying_there_is_no_red_flag_is_not_a_red_flag(said):
    _, turns = talk("en-US", ["should i see a doctor", "no", said])
    assert spoken(turns[-1].result).endswith(QUESTIONS[2])


@pytest.mark.slow
def test_the_check_never_diagnoses_and_never_offers_to_call_anyone(reachable_on_screens):
    offers_to_call = re.compile(r"\b(shall|should|can|could|will) i (call|phone|ring|contact)\b|"
                                r"\bcall (you|them|someone|for you)\b|\bcalling\b", re.I)
    for locale, turns in reachable_on_screens.items():
        for how, turn in turns:
            text = spoken(turn)
            assert not offers_to_call.search(text), (locale, how, text)
            assert not re.search(r"\byou (have|probably have|might have) (a |an )?"
                                 r"(blepharospasm|hemifacial|tourette|dystonia|multiple|bell)",
                                 text, re.I), (locale, how, text)


def test_a_new_question_leaves_the_check_and_yes_then_means_the_new_offer():
    _, turns = talk("en-US", ["should i see a doctor", "what is dystonia", "yes"])
    assert "abnormal muscle movements" in spoken(turns[1].result)
    assert "Did the spasms" not in spoken(turns[2].result)
    assert "asking" not in turns[1].result.session_attributes
