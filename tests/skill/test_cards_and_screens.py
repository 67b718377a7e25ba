"""Every answer carries a Standard card; a device with a screen also gets the answer as short
points in one APL document, with the disclaimer once in its footer, and the items a tap can ask
for; a device without one gets no APL directive. A tap comes back as an APL UserEvent, answered
like the spoken request."""

from __future__ import annotations

import json
import re

import pytest

import lambda_function
from facial_spasm_guide import conversation, speech
from facial_spasm_guide.alexa import responses
from facial_spasm_guide.conversation_state import State, Turn
from facial_spasm_guide.guide import GUIDE
from facial_spasm_guide.ssml import to_text
from helpers import REPO_ROOT, assert_answer_style, needs_choices, spoken
from skill_console.certification.ssml_rules import word_count
from skill_console.device import envelopes
from skill_console.device.console import Console
from skill_console.nlu.resolver import SlotFill

DOCUMENT = REPO_ROOT / "lambda" / "facial_spasm_guide" / "alexa" / "apl" / "answer.json"
RENDER = "Alexa.Presentation.APL.RenderDocument"
USER_EVENT = "Alexa.Presentation.APL.UserEvent"
FOOTER = "General information only, not medical advice."
DISCLAIMER = re.compile(r"not (medical advice|a diagnosis)|general information", re.IGNORECASE)
# A point is a short sentence or an item's name, never a paragraph.
MAX_POINT_WORDS = 30


def directives(turn) -> list[dict]:
    return turn.body.get("directives") or []


def texts(screen) -> list[str]:
    return [point["text"] for point in screen["points"]]


def taps(screen) -> list[str]:
    """What a tap can send from this screen: the tappable points' topics, then "offer"."""
    return [p["topic"] for p in screen["points"] if p["topic"]] + (["offer"] if screen["offer"] else [])


@pytest.mark.slow
def test_every_reachable_answer_in_every_locale_is_valid_brief_and_shown_as_short_points(
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
            assert 1 <= len(screen["points"]) <= speech.MAX_SCREEN_POINTS, where
            for point in screen["points"]:
                assert point["text"].strip(), where
                assert len(point["text"].split()) <= MAX_POINT_WORDS, (where, point)
                assert not DISCLAIMER.search(point["text"]), (where, point)
                assert point["topic"] == "" or point["topic"] in GUIDE.topics, (where, point)
            assert screen["footer"] == FOOTER, where
            if turn.end_session:
                assert screen["hint"] == "" and screen["offer"] == "", where
            else:
                assert screen["hint"] and screen["hint"] in to_text(turn.reprompt_ssml) \
                    .replace("&", "&amp;"), where


def test_a_speaker_gets_a_standard_card_and_no_apl():
    console = Console()
    for utterance in ["open facial spasm guide", "how are facial spasms diagnosed",
                      "should i see a doctor", "yes", "stop"]:
        turn = console.turn(utterance).result
        assert turn.card["type"] == "Standard", utterance
        assert directives(turn) == [], utterance


@needs_choices
def test_a_list_answer_shows_its_items_as_short_points():
    console = Console(screen=True)
    causes = console.turn("what causes facial twitching").result
    assert causes.screen["title"] == "Causes of facial spasms"
    assert texts(causes.screen) == [GUIDE.topic(t).title for t in ("neurological", "triggers", "conditions")]
    types = console.turn("what types of facial spasms are there").result
    assert texts(types.screen) == ["Essential blepharospasm", "Hemifacial spasm", "Tourette-related spasms"]
    # The card in the Alexa app keeps the fuller text.
    assert "three main kinds of cause" in causes.card["text"]


def test_any_other_answer_shows_its_sentences_as_points():
    console = Console(screen=True)
    turn = console.turn("what is hemifacial spasm").result
    assert texts(turn.screen) == [
        "Hemifacial spasm is when the muscles on one side of the face tighten on their own.",
        "It often comes from an irritated nerve."]
    assert spoken(turn).startswith("Hemifacial spasm is when")


@pytest.mark.parametrize("utterances", [
    ["open facial spasm guide"],
    ["what causes facial twitching"],
    ["i have a terrible headache"],
    ["should i see a doctor", "no", "no", "no"],
    ["stop"],
])
def test_the_disclaimer_is_shown_once_in_the_footer_never_as_a_point(utterances):
    console = Console(screen=True)
    for utterance in utterances:
        screen = console.turn(utterance).result.screen
    assert screen["footer"] == FOOTER
    assert not any(DISCLAIMER.search(text) for text in texts(screen)), texts(screen)


def test_the_screen_follows_yes_to_part_two_of_a_topic():
    console = Console(screen=True)
    first = console.turn("how are facial spasms diagnosed").result
    second = console.turn("yes").result
    assert second.screen["title"] == "How facial spasms are diagnosed"
    part_two = " ".join(texts(second.screen))
    assert "They might suggest more tests" in part_two and "MRI or CT scan" in part_two
    assert "medical history" not in part_two  # part one, said before
    assert "They might suggest" not in " ".join(texts(first.screen))
    # The card still has the whole topic.
    assert "medical history" in second.card["text"] and "MRI or CT scan" in second.card["text"]


def test_the_document_binds_the_points_footer_and_offer_and_taps_send_events():
    console = Console(screen=True)
    [directive] = directives(console.turn("what is hemifacial spasm").result)
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert directive["document"] == document and directive["token"] == envelopes.SCREEN_TOKEN
    assert document["type"] == "APL" and document["mainTemplate"]["parameters"] == ["payload"]
    text = json.dumps(document)
    for binding in ["${payload.answer.title}", "${payload.answer.points}", "${payload.answer.hint}",
                    "${payload.answer.offer}", "${payload.answer.footer}", "${data.text}"]:
        assert binding in text
    wrappers = list(_components(document, "TouchWrapper"))
    # Each point: a tappable one when it names a topic, plain text otherwise.
    [point_tap] = [w for w in wrappers if w.get("when") == "${data.topic != ''}"]
    assert point_tap["onPress"] == [{"type": "SendEvent", "arguments": ["${data.topic}"]}]
    [offer_tap] = [w for w in wrappers if w.get("when") == "${payload.answer.offer != ''}"]
    assert offer_tap["onPress"] == [{"type": "SendEvent", "arguments": [conversation.TOUCH_OFFER]}]
    for wrapper in wrappers:
        assert wrapper["role"] == "button" and wrapper["accessibilityLabel"]


def test_the_document_uses_only_apl_components_and_commands_the_sdk_knows():
    """The APL document stays plain: components from the APL specification, and commands the
    ASK SDK's own APL models read back whole (no unknown property is silently dropped)."""
    from ask_sdk_core.serialize import DefaultSerializer

    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    known = {"Container", "Text", "ScrollView", "TouchWrapper", "Frame"}
    assert {c["type"] for c in _components(document)} <= known
    assert document["version"] == "2023.3"
    serializer = DefaultSerializer()
    for wrapper in _components(document, "TouchWrapper"):
        for command in wrapper["onPress"]:
            model = serializer.deserialize(json.dumps(command),
                                           "ask_sdk_model.interfaces.alexa.presentation.apl.Command")
            assert type(model).__name__ == "SendEventCommand"
            assert serializer.serialize(model) == command


def _components(document: dict, kind: str | None = None):
    """Every component of the document's main template (or only those of one kind)."""
    waiting = list(document["mainTemplate"]["items"])
    while waiting:
        component = waiting.pop()
        if kind is None or component["type"] == kind:
            yield component
        children = component.get("items", [])
        waiting += [component["item"]] if "item" in component else []
        waiting += children if isinstance(children, list) else [children]


@needs_choices
def test_only_the_choices_and_the_offer_can_be_tapped():
    console = Console(screen=True)
    launch = console.turn("open facial spasm guide").result.screen
    assert taps(launch) == ["offer"] and launch["offer"] == "Yes: What facial spasms are"
    causes = console.turn("what causes facial twitching").result.screen
    assert taps(causes) == ["neurological", "triggers", "conditions", "offer"]
    assert causes["offer"] == "Yes: Neurological causes"
    goodbye = console.turn("stop").result.screen
    assert taps(goodbye) == []


def test_a_tap_on_an_item_through_lambda_handler_answers_its_topic():
    touched = Console(screen=True)
    touched.turn("what causes facial twitching")
    tap = touched.touch(["triggers"]).result
    assert tap.request["request"]["type"] == USER_EVENT
    assert tap.request["request"]["arguments"] == ["triggers"]
    assert tap.card["title"] == "Physical triggers"
    assert spoken(tap).startswith("Physical triggers can set off facial spasms")
    assert tap.session_attributes["topic"] == "triggers" and tap.end_session is False
    assert_answer_style(tap)
    # The same answer as asking for it by voice.
    spoken_to = Console(screen=True)
    spoken_to.turn("what causes facial twitching")
    asked = spoken_to.simulator.intent("CausesIntent", {"cause": spoken_to.resolver.fill("CAUSE", "physical triggers")})
    assert spoken(asked) == spoken(tap) and asked.screen == tap.screen


def test_a_tap_on_the_yes_button_takes_the_offer():
    tapping, saying = Console(screen=True), Console(screen=True)
    for console in (tapping, saying):
        console.turn("how are facial spasms diagnosed")
    tap, yes = tapping.touch([conversation.TOUCH_OFFER]).result, saying.turn("yes").result
    assert spoken(tap) == spoken(yes) and tap.screen == yes.screen
    assert tap.session_attributes == yes.session_attributes


def _user_event(attributes: dict, arguments=..., **request_fields) -> dict:
    device = envelopes.screen_device()
    request = envelopes.user_event_request("en-US", arguments)
    if arguments is ...:
        del request["arguments"]
    request.update(request_fields)
    return envelopes.envelope(request, device, envelopes.new_session_id(), False, attributes)


MALFORMED = [..., None, [], [5], [None], [{"topic": "causes"}], [["causes"]], ["x" * 500],
             ["no_such_topic"], [""], "causes", {"topic": "causes"}, 7]


@pytest.mark.parametrize("arguments", MALFORMED, ids=[repr(a)[:20] for a in MALFORMED])
def test_a_malformed_tap_gets_a_spoken_answer_and_the_session_stays_usable(arguments):
    console = Console(screen=True)
    console.turn("what causes facial twitching")
    attributes = dict(console.simulator.attributes)
    response = lambda_function.lambda_handler(_user_event(attributes, arguments), None)
    body = response["response"]
    assert to_text(body["outputSpeech"]["ssml"]), arguments
    assert body["shouldEndSession"] is False
    assert word_count(body["outputSpeech"]["ssml"]) <= 90
    # The next request, with what the skill kept, is answered as ever.
    console.simulator.attributes = response.get("sessionAttributes") or {}
    after = console.turn("yes").result
    assert spoken(after).startswith("Neurological problems often cause facial spasms")


def test_a_tap_in_a_new_session_is_answered_too():
    device = envelopes.screen_device()
    event = envelopes.envelope(envelopes.user_event_request("en-GB", ["caffeine"]), device,
                               envelopes.new_session_id(), True, {})
    response = lambda_function.lambda_handler(event, None)
    assert response["response"]["card"]["title"] == "Caffeine"
    assert response["sessionAttributes"]["topic"] == "caffeine"


def test_a_kept_response_shows_the_choices_of_its_own_reply():
    """Responses are kept by their Speech, which holds the screen: replies that differ only in
    what can be tapped never share a kept response."""
    reply = conversation.respond(Turn("IntentRequest", "CausesIntent"), State())
    shown = []
    for choices in [(), (GUIDE.topic("stress"),), (GUIDE.topic("caffeine"), GUIDE.topic("stress"))]:
        changed = type(reply)(reply.template, {**reply.context, "choices": choices}, reply.state)
        response, _ = responses.build_response(changed, "en-US", has_screen=True)
        [directive] = responses.as_json(response)["directives"]
        shown.append(taps(directive["datasources"]["answer"]))
    assert [[t for t in s if t in ("stress", "caffeine")] for s in shown] == [[], ["stress"], ["caffeine", "stress"]]


@pytest.mark.parametrize("heard", ["<b>bold</b> & pizza", "${payload.answer.title}"])
def test_a_heard_value_is_shown_on_screen_as_text_never_as_markup(heard):
    console = Console(screen=True)
    result = console.simulator.intent("SpasmTypesIntent", {"spasmType": SlotFill(
        heard, "SPASM_TYPE", "ER_SUCCESS_NO_MATCH")})
    points = " ".join(texts(result.screen))
    assert "<b>" not in points
    if "<" in heard:
        assert "&lt;b&gt;bold&lt;/b&gt; &amp; pizza" in points
    assert_answer_style(result)
