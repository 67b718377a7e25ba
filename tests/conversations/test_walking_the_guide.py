"""Saying only "yes": the conversation goes somewhere, through every fact of the guide, and
never loops. Each turn goes through the real lambda_handler and the skill's own model."""

from __future__ import annotations

import json
import statistics

import pytest

from facial_spasm_guide.guide import GUIDE
from helpers import assert_valid_response, say, spoken

# The main questions a conversation can start from, one per area of the guide.
MAIN_QUESTIONS = ["what are facial spasms", "what types of facial spasms are there",
                  "what causes facial spasms", "how are facial spasms diagnosed",
                  "how are facial spasms treated", "what can i do at home",
                  "should i see a doctor", "what triggers facial spasms"]
MAX_SESSION_BYTES = 2048
MAX_WORDS, MAX_MEDIAN_WORDS = 90, 50
NO_REPEAT_WITHIN = 12


def _facts() -> dict[str, str]:
    """Every part of every topic the guide says: each must be heard."""
    return {f"{topic_id}/{part}": GUIDE.topic(topic_id).say[part]
            for topic_id, part in GUIDE.walk if part < len(GUIDE.topic(topic_id).say)}


def _answers_saying_yes(sim, first: str | None, turns: int) -> list[str]:
    said = [spoken(sim.launch() if first is None else say(sim, first))]
    for _ in range(turns):
        result = say(sim, "yes")
        assert_valid_response(result.response)
        assert len(json.dumps(result.session_attributes)) < MAX_SESSION_BYTES
        said.append(spoken(result))
        if result.end_session:
            break
    return said


def _opening(answer: str) -> str:
    return " ".join(answer.split()[:8])


def test_yes_from_the_launch_hears_every_fact_before_any_answer_repeats(sim):
    said = _answers_saying_yes(sim, None, len(GUIDE.walk) + 3)
    first_repeat = next((n for n, answer in enumerate(said) if answer in said[:n]), len(said))
    heard = " ".join(said[:first_repeat])
    unheard = [key for key, fact in _facts().items() if fact not in heard]
    assert unheard == [], f"never heard before the first repeat: {unheard}"
    # And then it says so, and asks what else.
    assert any("That's everything the guide covers" in answer for answer in said)


@pytest.mark.parametrize("question", MAIN_QUESTIONS)
def test_no_answer_starts_the_same_way_within_twelve_answers(sim, question):
    said = _answers_saying_yes(sim, question, NO_REPEAT_WITHIN)
    openings = [_opening(answer) for answer in said]
    for n, opening in enumerate(openings):
        assert opening not in openings[max(0, n - NO_REPEAT_WITHIN):n], (question, n, said[n])


def test_yes_walks_reach_ms_bells_palsy_the_rules_and_the_doctor_check(sim):
    said = " ".join(_answers_saying_yes(sim, "what causes facial spasms", len(GUIDE.walk)))
    for words in ["Multiple sclerosis", "Bell's palsy", "If spasms start suddenly",
                  "severe headache", "keep happening even after", "Did the spasms start suddenly?"]:
        assert words in said


def test_answers_stay_short_in_every_walk(sim):
    counts = []
    for question in MAIN_QUESTIONS:
        sim.reset()
        counts += [len(answer.split())
                   for answer in _answers_saying_yes(sim, question, len(GUIDE.walk) + 2)]
    assert max(counts) <= MAX_WORDS
    assert statistics.median(counts) <= MAX_MEDIAN_WORDS
