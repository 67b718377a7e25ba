"""skill-console check: passes on the real skill, and catches each seeded fault with a message
that says what is wrong and where."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

import lambda_function
from helpers import REPO_ROOT
from skill_console.certification.check import run

pytestmark = pytest.mark.slow

PACKAGE = REPO_ROOT / "skill-package"


def test_the_real_skill_passes_every_check():
    # `make test` also runs `skill-console check` in full, over every reachable response.
    report = run(with_reachable=False)
    assert report.ok, report.to_text()
    locales = {c.locale for c in report.checks if c.locale}
    assert locales == {"en-US", "en-CA", "en-GB", "en-AU", "en-IN"}


@pytest.fixture
def package(tmp_path):
    """A copy of skill-package/ to break, trimmed to en-US and en-GB unless a test adds more."""
    copy = tmp_path / "skill-package"
    shutil.copytree(PACKAGE, copy)
    return copy


def edit_json(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def model_of(package, locale):
    return package / "interactionModels" / "custom" / f"{locale}.json"


def language(data):
    return data["interactionModel"]["languageModel"]


def intent(data, name):
    return next(i for i in language(data)["intents"] if i["name"] == name)


def failures(package, handler=None, with_reachable=False):
    report = run(package, handler=handler, with_reachable=with_reachable)
    return {(c.locale, c.name): c.problems for c in report.checks if not c.ok}


def assert_caught(found, locale, check_words, message_words):
    matching = [(key, problems) for key, problems in found.items()
                if key[0] == locale and check_words in key[1]]
    assert matching, f"no failing {check_words!r} check for {locale}: {found}"
    assert any(message_words in p for _, problems in matching for p in problems), matching


SEEDED_MODEL_FAULTS = {
    "launch word in the invocation name": (
        "en-GB", lambda m: language(m).update(invocationName="alexa spasm guide"),
        "invocation name", "launch or wake words"),
    "too few samples": (
        "en-US", lambda m: intent(m, "DiagnosisIntent").update(
            samples=intent(m, "DiagnosisIntent")["samples"][:10]),
        "build rules", "DiagnosisIntent has 10 samples; every custom intent needs 30"),
    "a sample in two intents": (
        "en-US", lambda m: intent(m, "TriggersIntent")["samples"].append("what causes facial spasms"),
        "build rules", "'what causes facial spasms' is in both"),
    "an undeclared slot": (
        "en-US", lambda m: intent(m, "TriggersIntent")["samples"].append("what about {food}"),
        "build rules", "uses undeclared slot ['food']"),
    "a slot value over 140 characters": (
        "en-US", lambda m: language(m)["types"][0]["values"][0]["name"]["synonyms"].append("x " * 80),
        "build rules", "is over 140 characters"),
    "a model over the size limit": (
        "en-US", lambda m: intent(m, "AMAZON.HelpIntent").update(
            samples=[f"help me with thing number {'x' * (n % 50)} {n}" for n in range(40000)]),
        "build rules", "Alexa takes at most 1,500,000"),
}


@pytest.mark.parametrize("fault", list(SEEDED_MODEL_FAULTS))
def test_a_seeded_model_fault_is_caught(package, fault):
    locale, change, check, message = SEEDED_MODEL_FAULTS[fault]
    edit_json(model_of(package, locale), change)
    assert_caught(failures(package), locale, check, message)


def test_an_example_phrase_that_is_not_a_sample_is_caught(package):
    edit_json(package / "skill.json", lambda s: s["manifest"]["publishingInformation"]["locales"]
              ["en-AU"]["examplePhrases"].__setitem__(1, "Alexa, ask facial spasm guide about pizza"))
    assert_caught(failures(package), "en-AU", "example phrases", "is not a sample utterance")


def test_a_description_without_the_disclaimer_or_with_the_wrong_number_is_caught(package):
    def change(manifest):
        locales = manifest["manifest"]["publishingInformation"]["locales"]
        locales["en-IN"]["description"] = "Answers about facial spasms."
        locales["en-AU"]["description"] = locales["en-US"]["description"]  # says 911
    edit_json(package / "skill.json", change)
    found = failures(package)
    assert_caught(found, "en-IN", "disclaimer", "not a substitute for professional medical advice")
    assert_caught(found, "en-AU", "disclaimer", "local emergency number (000)")


def test_a_missing_model_is_caught(package):
    model_of(package, "en-CA").unlink()
    assert_caught(failures(package), None, "skill.json", "en-CA: no readable interaction model")


def only_en_us(package):
    edit_json(package / "skill.json", lambda s: s["manifest"]["publishingInformation"].update(
        locales={"en-US": s["manifest"]["publishingInformation"]["locales"]["en-US"]}))


def test_a_launch_that_ends_the_session_is_caught(package):
    only_en_us(package)

    def ends_on_launch(event, context):
        response = lambda_function.lambda_handler(event, context)
        if event["request"]["type"] == "LaunchRequest":
            response["response"]["shouldEndSession"] = True
        return response

    assert_caught(failures(package, ends_on_launch), "en-US", "launch, help", "Launch must welcome")


def test_broken_ssml_in_one_answer_is_caught_among_all_reachable_responses(package):
    only_en_us(package)

    def broken_triggers(event, context):
        response = lambda_function.lambda_handler(event, context)
        if (event["request"].get("intent") or {}).get("name") == "TriggersIntent":
            speech = response["response"]["outputSpeech"]
            speech["ssml"] = speech["ssml"].replace("</speak>", " salt & pepper</speak>")
        return response

    found = failures(package, broken_triggers, with_reachable=True)
    assert_caught(found, "en-US", "reachable", "not well-formed XML")
    assert not any(key[1].startswith("launch") for key in found)


def test_the_command_reports_in_text_and_json_and_exits_non_zero_on_errors(package):
    only_en_us(package)
    edit_json(model_of(package, "en-US"), lambda m: language(m).update(invocationName="guide"))
    command = [sys.executable, "-m", "skill_console.cli", "check", "--package", str(package)]
    env = {"PYTHONPATH": f"{REPO_ROOT / 'lambda'}:{REPO_ROOT}", "PATH": "/usr/bin:/bin"}
    text = subprocess.run(command, capture_output=True, text=True, cwd=REPO_ROOT, env=env, timeout=300)
    assert text.returncode == 1
    assert "FAIL  [en-US] invocation name" in text.stdout
    assert "an invocation name needs two or more words" in text.stdout
    as_json = subprocess.run([*command, "--json"], capture_output=True, text=True, cwd=REPO_ROOT,
                             env=env, timeout=300)
    report = json.loads(as_json.stdout)
    assert as_json.returncode == 1 and report["ok"] is False
    failing = {c["check"] for c in report["checks"] if not c["ok"]}
    # The example phrases name the old invocation name, so they fail too.
    assert failing == {"invocation name", "example phrases"}
