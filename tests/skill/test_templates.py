"""Speech comes only from templates: escaped, strict, and overridable per locale."""

from __future__ import annotations

import pytest
from jinja2 import Environment, FileSystemLoader, StrictUndefined, UndefinedError

from facial_spasm_guide import speech, templating
from facial_spasm_guide.conversation import State, Turn, respond
from facial_spasm_guide.guide import GUIDE
from facial_spasm_guide.locales import settings_for

ANSWERS = sorted({p.name.split(".")[0] for p in (templating.TEMPLATE_DIR / "en").glob("*.speech.ssml")})


def test_the_environment_is_strict_and_synchronous():
    assert templating.ENVIRONMENT.undefined is StrictUndefined
    assert templating.ENVIRONMENT.is_async is False


def test_a_missing_value_fails_loudly():
    with pytest.raises(UndefinedError):
        speech.render("topic", {"point": "x"}, settings_for("en-US"), with_reprompt=True)


def test_values_are_escaped_in_speech_but_not_on_cards():
    offer = GUIDE.topic("causes")
    said = speech.render("not_found", {"heard": "salt & <b>pepper</b>", "offer": offer},
                         settings_for("en-US"), with_reprompt=True)
    assert "salt &amp; &lt;b&gt;pepper&lt;/b&gt;" in said.ssml
    assert 'nothing on "salt & <b>pepper</b>"' in said.card_text


@pytest.mark.parametrize("answer", ANSWERS)
def test_every_answer_has_speech_and_every_open_one_a_reprompt(answer):
    assert (templating.TEMPLATE_DIR / "en" / f"{answer}.speech.ssml").is_file()
    if answer not in ("goodbye", "emergency", "fallback_end"):  # these end the session
        assert (templating.TEMPLATE_DIR / "en" / f"{answer}.reprompt.ssml").is_file(), answer


def test_every_answer_the_conversation_names_has_templates():
    named = set()
    for intent in ["AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.FallbackIntent",
                   "AMAZON.NavigateHomeIntent", "AMAZON.RepeatIntent", "CausesIntent", "SeeDoctorIntent"]:
        named.add(respond(Turn("IntentRequest", intent), State(last_speech="x")).template)
    named.add(respond(Turn("LaunchRequest"), State()).template)
    named.add(respond(Turn("IntentRequest", "AMAZON.FallbackIntent"), State(misses=1)).template)
    named.add(respond(Turn("Unknown"), State()).template)
    assert named <= set(ANSWERS)


def test_a_locale_folder_overrides_only_what_it_has(tmp_path, monkeypatch):
    base = tmp_path / "templates"
    (base / "en").mkdir(parents=True)
    (base / "en-GB").mkdir()
    (base / "en" / "hello.speech.ssml").write_text("Hello {{ name }}")
    (base / "en" / "bye.speech.ssml").write_text("Bye")
    (base / "en-GB" / "hello.speech.ssml").write_text("Hiya {{ name }}")
    environment = Environment(loader=templating.LocaleFallbackLoader(FileSystemLoader(base)))
    assert environment.get_template("en-GB/hello.speech.ssml").render(name="Sam") == "Hiya Sam"
    assert environment.get_template("en-GB/bye.speech.ssml").render() == "Bye"
    assert environment.get_template("en-US/hello.speech.ssml").render(name="Sam") == "Hello Sam"


def test_speech_and_reprompt_differ(sim):
    """A reprompt rephrases and guides; it does not repeat the question word for word."""
    for utterance in ["what causes facial spasms", "help", "order a pizza"]:
        result = sim.say(utterance)
        assert result.reprompt_ssml != result.ssml


def test_locale_folders_only_override_templates_that_exist_for_a_known_locale():
    from facial_spasm_guide.locales import LOCALES

    for folder in templating.TEMPLATE_DIR.iterdir():
        if folder.name == templating.BASE_LOCALE_DIR:
            continue
        assert folder.name in LOCALES, folder.name
        for template in folder.iterdir():
            assert (templating.TEMPLATE_DIR / templating.BASE_LOCALE_DIR / template.name).is_file(), template


def test_every_locale_with_a_model_has_its_safety_settings_and_the_reverse():
    from facial_spasm_guide.locales import LOCALES
    from skill_console.model import build

    assert sorted(LOCALES) == build.locales()
