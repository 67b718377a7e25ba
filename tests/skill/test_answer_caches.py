"""Answers rendered at build time and kept by a warm container: always the answer the templates
give for those inputs, complete, and never holding what a user said."""

from __future__ import annotations

import copy

import pytest

from facial_spasm_guide import speech, templating
from facial_spasm_guide.alexa import responses
from facial_spasm_guide.conversation_state import State, Turn
from facial_spasm_guide.guide import GUIDE
from skill_console.certification.reachable import reachable
from skill_console.device.console import Console
from skill_console.release import prerender


def key(answer="topic", locale="en-US", with_reprompt=True, **context):
    return speech.build_key(answer, context, locale, with_reprompt)


def test_answers_with_different_inputs_have_different_keys():
    causes, stress = GUIDE.topic("causes"), GUIDE.topic("stress")
    keys = {
        key(topic=causes, part=0),
        key(topic=causes, part=1),
        key(topic=stress, part=0),
        key(topic=causes, part=0, general_for=stress),
        key(topic=causes, part=0, locale="en-GB"),
        key(topic=causes, part=0, with_reprompt=False),
        key("menu", topic=causes, part=0),
        key(step=GUIDE.check.steps[0]),
        key(step=GUIDE.check.steps[1]),
        key(examples=("what causes facial spasms",)),
        key(examples=("what causes facial spasms", "what are facial tics")),
    }
    assert None not in keys
    assert len(keys) == 11


def test_answers_that_say_the_users_words_have_no_key():
    assert key("not_found", heard="my cat", offer=GUIDE.topic("about")) is None
    assert key("repeat", speech="Hello.", reprompt="Anything else?") is None
    # A value the key cannot spell out is not guessed at either.
    assert key(topic=object()) is None


@pytest.fixture
def built_tables(tmp_path, monkeypatch):
    """The skill as `make package` ships it: the build-time answers in place, nothing kept yet,
    and a note of every answer that still had to be rendered."""
    prerender.write(tmp_path)
    monkeypatch.setattr(speech, "PRERENDERED_DIR", tmp_path)
    monkeypatch.setattr(speech, "_PRERENDERED", {})
    monkeypatch.setattr(speech, "_RENDERED", {})
    rendered_late = []
    real_render = templating.render

    def noting(answer, context, settings, with_reprompt):
        if not speech.says_user_words(context):
            rendered_late.append((answer, sorted(context)))
        return real_render(answer, context, settings, with_reprompt)

    monkeypatch.setattr(templating, "render", noting)
    return rendered_late, real_render


@pytest.mark.slow
def test_every_answer_the_console_reaches_was_rendered_at_build_time(built_tables):
    """The conversation is the same in every locale, so one locale's walk covers them all."""
    rendered_late, _ = built_tables
    turns = list(reachable(lambda: Console("en-US")))
    assert len(turns) > 1000  # every distinct request: samples that send the same one count once
    assert rendered_late == []


def test_an_answer_from_the_build_time_table_is_the_one_the_templates_give(built_tables):
    from facial_spasm_guide import conversation
    from facial_spasm_guide.locales import settings_for

    rendered_late, real_render = built_tables
    reply = conversation.respond(Turn("IntentRequest", "SeeDoctorIntent"), State())
    for locale in ("en-US", "en-GB"):
        settings = settings_for(locale)
        shipped = speech.render(reply.template, reply.context, settings, True)
        assert shipped == real_render(reply.template, reply.context, settings, True)
    assert rendered_late == []


def test_an_answer_with_the_users_words_is_never_kept(sim):
    sim.launch()
    sim.intent("SpasmTypesIntent", {"spasmType": sim.resolver.fill("SPASM_TYPE", "xylophone")})
    sim.intent("AMAZON.RepeatIntent")
    kept_speech = list(speech._RENDERED.values())
    kept_responses = [said for said, _, _ in responses._KEPT]
    for said in kept_speech + kept_responses:
        assert "xylophone" not in (said.ssml or "") + (said.card_text or "") + \
            (said.screen_text or ""), said.ssml


def test_changing_a_response_a_caller_was_given_does_not_change_the_next(sim):
    first = sim.say("what causes facial spasms")
    original = copy.deepcopy(first.body)
    first.body["outputSpeech"]["ssml"] = "<speak>changed</speak>"
    first.body["card"]["title"] = "changed"
    again = sim.say("what causes facial spasms")
    assert again.body == original
