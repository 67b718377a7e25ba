"""Every answer carries a Standard card; a device with a screen also gets the answer as a
short list in one APL document; a device without one gets no APL directive."""

from __future__ import annotations

import json

import pytest

from conftest import ROOT
from helpers import assert_answer_style, spoken
from skill_console.console import Console
from skill_console.envelopes import SlotFill
from skill_console.ssml_rules import text_of

DOCUMENT = ROOT / "lambda" / "facial_spasm_guide" / "alexa" / "apl" / "answer.json"
RENDER = "Alexa.Presentation.APL.RenderDocument"


def directives(turn) -> list[dict]:
    return turn.body.get("directives") or []


def test_every_reachable_answer_in_every_locale_is_valid_brief_and_shown_as_a_list(
        reachable_on_screens):
    for locale, turns in reachable_on_screens.items():
        for how, turn in turns:
            where = f"{locale} {how}"
            assert_answer_style(turn)
            if turn.ssml is None:
                assert directives(turn) == [], where
                continue
            card = turn.card
            assert card["type"] == "Standard" and card["title"] and card["text"], where
            [directive] = directives(turn)
            assert directive["type"] == RENDER, where
            screen = directive["datasources"]["answer"]
            assert screen["title"] == card["title"].replace("&", "&amp;"), where
            assert 1 <= len(screen["points"]) <= 6 and all(p.strip() for p in screen["points"]), where
            if turn.end_session:
                assert screen["hint"] == "", where
            else:
                assert screen["hint"] and screen["hint"] in text_of(turn.reprompt_ssml) \
                    .replace("&", "&amp;"), where


def test_a_speaker_gets_a_standard_card_and_no_apl():
    console = Console()
    for utterance in ["open facial spasm guide", "how are facial spasms diagnosed",
                      "should i see a doctor", "yes", "stop"]:
        turn = console.turn(utterance).result
        assert turn.card["type"] == "Standard", utterance
        assert directives(turn) == [], utterance


def test_the_screen_shows_the_answers_points_as_a_list():
    console = Console(screen=True)
    turn = console.turn("how are facial spasms diagnosed").result
    screen = turn.screen
    assert screen["title"] == "How facial spasms are diagnosed"
    assert screen["points"][0].startswith("Doctors look for the cause.")
    assert screen["points"][1].startswith("They might suggest more tests")
    assert screen["hint"].startswith("Say yes to hear more")
    assert spoken(turn).startswith("Doctors look for the cause.")


def test_the_document_is_the_one_apl_file_and_binds_title_points_and_hint():
    console = Console(screen=True)
    [directive] = directives(console.turn("what is hemifacial spasm").result)
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert directive["document"] == document
    assert document["type"] == "APL" and document["mainTemplate"]["parameters"] == ["payload"]
    text = json.dumps(document)
    for binding in ["${payload.answer.title}", "${payload.answer.points}", "${payload.answer.hint}"]:
        assert binding in text
    assert directive["token"]


@pytest.mark.parametrize("heard", ["<b>bold</b> & pizza", "${payload.answer.title}"])
def test_a_heard_value_is_shown_on_screen_as_text_never_as_markup(heard):
    console = Console(screen=True)
    result = console.simulator.intent("SpasmTypesIntent", {"spasmType": SlotFill(
        heard, "SPASM_TYPE", "ER_SUCCESS_NO_MATCH")})
    points = " ".join(result.screen["points"])
    assert "<b>" not in points
    if "<" in heard:
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; pizza" in points
    assert_answer_style(result)
