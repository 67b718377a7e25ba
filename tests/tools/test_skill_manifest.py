"""skill.json: valid for Alexa, with the health disclaimer, and example phrases that work."""

from __future__ import annotations

import json
import struct

import pytest
from ask_sdk_model_runtime import DefaultSerializer
from ask_smapi_model.v1.skill.manifest.skill_manifest_envelope import SkillManifestEnvelope

from helpers import EMERGENCY, REPO_ROOT
from skill_console.certification.manifest_rules import example_phrase_problems, invocation_name_problems
from skill_console.device.console import load_resolver
from skill_console.model.smapi_check import unknown_keys

MANIFEST_PATH = REPO_ROOT / "skill-package" / "skill.json"


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))


def en_us(manifest):
    return manifest["manifest"]["publishingInformation"]["locales"]["en-US"]


def test_manifest_deserialises_with_ask_smapi_model_and_has_no_unknown_keys(manifest):
    envelope = DefaultSerializer().deserialize(json.dumps(manifest), SkillManifestEnvelope)
    assert envelope.manifest.publishing_information.locales["en-US"].name == "Facial Spasm Guide"
    assert unknown_keys(manifest, SkillManifestEnvelope) == []




def test_every_locale_is_published_in_its_country(manifest):
    publishing = manifest["manifest"]["publishingInformation"]
    assert sorted(publishing["locales"]) == sorted(EMERGENCY)
    assert sorted(publishing["distributionCountries"]) == ["AU", "CA", "GB", "IN", "US"]


@pytest.mark.parametrize("locale", sorted(EMERGENCY))
def test_description_carries_the_health_disclaimer(manifest, locale):
    description = manifest["manifest"]["publishingInformation"]["locales"][locale]["description"]
    description = description.lower()
    for words in ["informational and educational", "not a substitute for professional medical advice",
                  "diagnosis", "treatment", "doctor", "emergency, " + EMERGENCY[locale]]:
        assert words in description
    assert ("call 111" in description) == (locale == "en-GB")


@pytest.mark.parametrize("locale", sorted(EMERGENCY))
def test_invocation_name_follows_the_rules(locale):
    model = json.loads((REPO_ROOT / "skill-package" / "interactionModels" / "custom" / f"{locale}.json").read_text())
    assert invocation_name_problems(model["interactionModel"]["languageModel"]["invocationName"]) == []


@pytest.mark.parametrize("locale", sorted(EMERGENCY))
def test_each_locales_example_phrases_are_its_own_sample_utterances(manifest, locale):
    phrases = manifest["manifest"]["publishingInformation"]["locales"][locale]["examplePhrases"]
    assert example_phrase_problems(phrases, load_resolver(locale)) == []


def test_the_skill_declares_the_apl_interface_for_screens(manifest):
    interfaces = manifest["manifest"]["apis"]["custom"]["interfaces"]
    apl = [i for i in interfaces if i["type"] == "ALEXA_PRESENTATION_APL"]
    assert len(apl) == 1
    shapes = {(v["mode"], v["shape"]) for v in apl[0]["supportedViewports"]}
    assert {("HUB", "ROUND"), ("HUB", "RECTANGLE")} <= shapes


@pytest.mark.parametrize("bad, problem", [
    ("guide", "two or more words"),
    ("facial spasm guide 2", "spelled out"),
    ("Facial Spasm Guide", "lower-case"),
    ("ask facial spasm guide", "launch or wake words"),
    ("alexa spasm guide", "launch or wake words"),
    ("facial spasm's guide's x'y", "possessives"),
])
def test_bad_invocation_names_are_caught(bad, problem):
    assert any(problem in p for p in invocation_name_problems(bad))


def test_example_phrases_are_real_sample_utterances(manifest, resolver):
    phrases = en_us(manifest)["examplePhrases"]
    assert example_phrase_problems(phrases, resolver) == []
    assert resolver.resolve(phrases[1].split(" about ", 1)[1]).intent == "CausesIntent"
    assert resolver.resolve(phrases[2].split(" about ", 1)[1]).intent == "SeeDoctorIntent"


@pytest.mark.parametrize("phrases, problem", [
    (["Alexa, ask facial spasm guide about botox"], "first example phrase"),
    (["Alexa, open facial spasm guide", "Alexa, ask facial spasm guide about pizza toppings"],
     "not a sample utterance"),
    (["Alexa, open facial spasm guide", "Alexa, ask facial spasm guide what causes facial spasms"],
     "after the invocation name"),
    (["Alexa, open facial spasm guide", "Alexa, ask facial spasm guide about causes?"], "punctuation"),
    (["Alexa, open facial spasm guide"] * 4, "at most 3"),
])
def test_bad_example_phrases_are_caught(resolver, phrases, problem):
    assert any(problem in p for p in example_phrase_problems(phrases, resolver))


@pytest.mark.parametrize("key, size", [("smallIconUri", 108), ("largeIconUri", 512)])
def test_icons_are_pngs_of_the_required_size(manifest, key, size):
    path = REPO_ROOT / "skill-package" / en_us(manifest)[key].removeprefix("file://")
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", header[16:24]) == (size, size)


def test_privacy_declares_no_personal_or_health_information(manifest):
    privacy = manifest["manifest"]["privacyAndCompliance"]
    assert privacy["usesPersonalInfo"] is False
    assert privacy["usesHealthInfo"] is False


def test_ask_cli_resources_point_at_the_skill_package():
    resources = json.loads((REPO_ROOT / "ask-resources.json").read_text())
    assert resources["profiles"]["default"]["skillMetadata"]["src"] == "./skill-package"
