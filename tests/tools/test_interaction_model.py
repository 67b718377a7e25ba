"""The interaction model: generated from its source, consistent with the skill, valid for Alexa."""

from __future__ import annotations

import copy
import json
import re
import shutil

import pytest
from ask_sdk_model_runtime import DefaultSerializer
from ask_smapi_model.v1.skill.interaction_model.interaction_model_data import InteractionModelData

from facial_spasm_guide.conversation import (
    BEYOND_GUIDE_INTENT,
    BUILT_IN_INTENTS,
    CHOOSE_ITEM_INTENT,
    EMERGENCY_INTENT,
    HANDLED_INTENTS,
    SLOT_TYPES,
    TOPIC_INTENTS,
)
from facial_spasm_guide.doctor_check import CHECK_INTENT
from facial_spasm_guide.guide import GUIDE, UNSURE
from skill_console.model import build, grammar, rules
from skill_console.model.rules import ModelError
from skill_console.model.smapi_check import unknown_keys
from skill_console.paths import MODEL_OUTPUT_DIR, MODEL_SOURCE_DIR


def language(model):
    return model["interactionModel"]["languageModel"]


@pytest.mark.slow
def test_committed_model_matches_its_source():
    assert build.stale() == [], "run `make model` and commit the result"


@pytest.mark.slow
def test_model_check_reports_a_stale_file(tmp_path):
    out = tmp_path / "custom"
    shutil.copytree(MODEL_OUTPUT_DIR, out)
    assert build.stale(out) == []
    (out / "en-GB.json").write_text("{}\n")
    assert build.stale(out) == ["en-GB"]


def test_there_is_a_model_for_each_english_locale():
    assert build.locales() == sorted(["en-US", "en-GB", "en-CA", "en-AU", "en-IN"])
    assert [p.stem for p in sorted(MODEL_OUTPUT_DIR.glob("*.json"))] == build.locales()


@pytest.mark.parametrize("locale", build.locales())
def test_invocation_name(locale):
    assert language(build.build(locale))["invocationName"] == "facial spasm guide"


def test_every_custom_intent_has_a_handler_and_every_handled_intent_is_in_the_model(model):
    in_model = {intent["name"] for intent in language(model)["intents"]}
    assert in_model == set(HANDLED_INTENTS)
    # Follow-ups of our own ("what's that?", "thanks") sit beside Alexa's built-in intents.
    follow_ups = {n for n in BUILT_IN_INTENTS if not n.startswith("AMAZON.")}
    assert follow_ups >= {"ExplainIntent", "OtherItemsIntent", "SimplerIntent", "ThanksIntent",
                          "OkayIntent"}
    assert {n for n in in_model if not n.startswith("AMAZON.")} == {
        *TOPIC_INTENTS, CHECK_INTENT, EMERGENCY_INTENT, BEYOND_GUIDE_INTENT, CHOOSE_ITEM_INTENT,
        *follow_ups}
    assert {n for n in in_model if n.startswith("AMAZON.")} == set(BUILT_IN_INTENTS) - follow_ups


def test_every_custom_intent_has_thirty_varied_samples(model):
    for intent in language(model)["intents"]:
        if intent["name"].startswith("AMAZON."):
            continue
        samples = intent["samples"]
        assert len(samples) >= 30, intent["name"]
        first_words = {s.split()[0] for s in samples}
        assert len(first_words) >= 4, f"{intent['name']} samples all start alike: {first_words}"


def test_samples_use_the_words_people_use(model):
    every = " ".join(s for i in language(model)["intents"] for s in i["samples"])
    for word in ["twitch", "twitching", "spasm", "tic", "jerk", "flutter",
                 "eye", "eyelid", "cheek", "face", "lip"]:
        assert f" {word} " in f" {every} " or f" {word}s " in f" {every} ", word
    assert "my eyelid keeps twitching" in every


def test_no_sample_is_in_two_intents(model):
    owner = {}
    for intent in language(model)["intents"]:
        for sample in intent["samples"]:
            assert owner.setdefault(sample, intent["name"]) == intent["name"], sample


def test_slots_are_declared_with_the_types_the_conversation_reads(model):
    for intent in language(model)["intents"]:
        for slot in intent.get("slots", []):
            assert SLOT_TYPES[slot["name"]] == slot["type"]
        _, slot_name = TOPIC_INTENTS.get(intent["name"], (None, None))
        if slot_name:
            assert [s["name"] for s in intent["slots"]] == [slot_name]


def test_every_slot_value_maps_to_content_and_every_named_topic_is_a_value(model):
    for slot_type in language(model)["types"]:
        from_guide = dict(GUIDE.slot_values(slot_type["name"]))
        assert {value["id"] for value in slot_type["values"]} == set(from_guide), slot_type["name"]
        for value in slot_type["values"]:
            assert [value["name"]["value"], *value["name"].get("synonyms", [])] == from_guide[value["id"]]
    named = {t.id for t in GUIDE.topics.values() if t.slot_type}
    assert named <= {v["id"] for t in language(model)["types"] for v in t["values"]}
    answers = {v["id"] for t in language(model)["types"] if t["name"] == "SYMPTOM" for v in t["values"]}
    emergencies = {f.id for f in GUIDE.red_flags.values() if f.is_emergency}
    assert answers == set(GUIDE.check.answers) | emergencies | {UNSURE}


def test_requested_synonyms_are_there(model):
    synonyms = {value["id"]: [*value["name"].get("synonyms", []), value["name"]["value"]]
                for t in language(model)["types"] for value in t["values"]}
    assert {"eyelid spasm", "eye twitching"} <= set(synonyms["blepharospasm"])
    assert "botox" in synonyms["botulinum_toxin"]


@pytest.mark.parametrize("locale", build.locales())
def test_model_deserialises_with_ask_smapi_model_and_has_no_unknown_keys(locale):
    model = json.loads(build.output_path(locale).read_text(encoding="utf-8"))
    data = DefaultSerializer().deserialize(json.dumps(model), InteractionModelData)
    assert data.interaction_model.language_model.invocation_name == "facial spasm guide"
    assert len(data.interaction_model.language_model.intents) == len(language(model)["intents"])
    assert unknown_keys(model, InteractionModelData) == []


def test_unknown_key_walk_finds_a_misspelt_key(model):
    broken = copy.deepcopy(model)
    language(broken)["intents"][0]["sampels"] = ["x"]
    assert unknown_keys(broken, InteractionModelData) == [
        "interactionModel.languageModel.intents[0].sampels"]


# Seeded faults: each broken source is refused with a message that says what is wrong.
SEEDED = {
    "unknown word list": ("      - (what are|what're) <spasms>\n", "      - what are <nonsense>\n", "unknown word list <nonsense>"),
    "unclosed group": ("      - (what are|what're) <spasms>\n", "      - what (are|is <spasms>\n", "unclosed '('"),
    "stray bracket": ("      - (what are|what're) <spasms>\n", "      - what are) <spasms>\n", "unbalanced ')'"),
    "undeclared slot": ("      - (what are|what're) <spasms>\n", "      - what are {thing}\n", "undeclared slot ['thing']"),
    "sample in two intents": ("      - when to see <doctor>\n", "      - when to see <doctor>\n      - what causes facial spasms\n", "is in both"),
    "same shape in two intents": ("      - should i (try|get|have) {treatment}\n", "      - should i (try|get|have) {treatment}\n      - can {treatment} cause facial spasms\n", "same shape"),
    "digits": ("      - is (it|this) an emergency\n", "      - is (it|this) an emergency\n      - is it 911\n", "characters Alexa does not accept"),
    "punctuation": ("      - is (it|this) an emergency\n", "      - is (it|this) an emergency?\n", "characters Alexa does not accept"),
    "bad period": ("      - is (it|this) an emergency\n", "      - is (it|this) an emergency. really\n", "period outside a spelled abbreviation"),
    "adjacent slots": ("      - should i (try|get|have) {treatment}\n", "      - should i try {treatment} {treatment}\n", "two slots side by side"),
    "bad yaml": ("intents:\n", "intents: [\n", "not valid YAML"),
}


@pytest.mark.parametrize("find, replace_with, message", SEEDED.values(), ids=SEEDED.keys())
def test_broken_source_is_refused_with_a_clear_message(tmp_path, find, replace_with, message):
    source = tmp_path / "interaction_model"
    shutil.copytree(MODEL_SOURCE_DIR, source)
    text = (source / "model.yaml").read_text()
    assert find in text
    (source / "model.yaml").write_text(text.replace(find, replace_with, 1))
    with pytest.raises(ModelError, match=re.escape(message)):
        build.build("en-US", source_dir=source)


def test_too_few_samples_is_refused(model):
    broken = copy.deepcopy(model)
    language(broken)["intents"][0]["samples"] = language(broken)["intents"][0]["samples"][:29]
    with pytest.raises(ModelError, match="needs 30 or more"):
        rules.check(broken)


def test_over_long_slot_value_is_refused(model):
    broken = copy.deepcopy(model)
    language(broken)["types"][0]["values"][0]["name"]["synonyms"].append("x" * 141)
    with pytest.raises(ModelError, match="over 140 characters"):
        rules.check(broken)


def test_unused_slot_is_refused(model):
    broken = copy.deepcopy(model)
    language(broken)["intents"][0]["slots"] = [{"name": "cause", "type": "CAUSE"}]
    with pytest.raises(ModelError, match="used by no sample"):
        rules.check(broken)


def test_expansion_of_groups_and_optional_words():
    words = {"part": ["eye", "(upper|lower) lip"]}
    assert grammar.expand("my (left|) <part> twitches", words) == [
        "my left eye twitches", "my left upper lip twitches", "my left lower lip twitches",
        "my eye twitches", "my upper lip twitches", "my lower lip twitches"]


@pytest.mark.slow
def test_model_cli_check_exit_codes(capsys):
    from skill_console.cli import main
    assert main(["model", "--check"]) == 0
