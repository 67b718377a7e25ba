"""Alexa's build rules and limits for one locale's interaction model, checked offline."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

MIN_CUSTOM_SAMPLES = 30
MAX_SLOT_VALUE_CHARS = 140
# Alexa's limits for one locale's interaction model.
MAX_MODEL_BYTES = 1_500_000
MAX_INTENTS = 250
# What modelConfiguration.fallbackIntentSensitivity.level accepts.
FALLBACK_SENSITIVITIES = ("LOW", "MEDIUM", "HIGH")
# Alexa's sample rules: lower-case words, apostrophes, periods only in spelled abbreviations.
SAMPLE_CHARS = re.compile(r"^[a-z' .{}A-Za-z]+$")
SPELLED_ABBREVIATION = re.compile(r"^(?:[a-z]\. )*[a-z]\.$")


class ModelError(ValueError):
    """The authored model breaks a rule; the message says where and how."""



def render(model: Mapping[str, Any]) -> str:
    # One space of indent: still one sample per line to diff, and a tenth of the bytes
    # Alexa's size limit counts are not spent on indentation.
    return json.dumps(model, indent=1, ensure_ascii=False) + "\n"


def check(model: Mapping[str, Any]) -> None:
    """Alexa's build rules that the generated model must keep; raises ModelError."""
    found = problems(model)
    if found:
        raise ModelError(found[0])


def problems(model: Mapping[str, Any]) -> list[str]:
    """Every way the model breaks Alexa's build rules, each naming the intent and sample."""
    found: list[str] = []
    size = len(render(model).encode("utf-8"))
    if size > MAX_MODEL_BYTES:
        found.append(f"the model is {size:,} bytes; Alexa takes at most {MAX_MODEL_BYTES:,}")
    language = model["interactionModel"]["languageModel"]
    if len(language["intents"]) > MAX_INTENTS:
        found.append(f"{len(language['intents'])} intents; Alexa takes at most {MAX_INTENTS}")
    declared_types = {t["name"] for t in language["types"]}
    for intent in language["intents"]:
        found += _intent_problems(intent, declared_types)
    found += _overlap_problems(language["intents"])
    for slot_type in language["types"]:
        for value in slot_type["values"]:
            for text in (value["name"]["value"], *value["name"].get("synonyms", [])):
                if len(text) > MAX_SLOT_VALUE_CHARS:
                    found.append(f"{slot_type['name']}: value {text[:40]!r}... is over "
                                 f"{MAX_SLOT_VALUE_CHARS} characters")
    return found


def _intent_problems(intent: Mapping[str, Any], declared_types: set[str]) -> list[str]:
    """One intent's own faults: its slots' types, its number of samples, each sample's form."""
    found: list[str] = []
    name = intent["name"]
    slot_names = {s["name"] for s in intent.get("slots", [])}
    for slot in intent.get("slots", []):
        if not slot["type"].startswith("AMAZON.") and slot["type"] not in declared_types:
            found.append(f"{name}: slot {slot['name']} has undeclared type {slot['type']}")
    samples = intent.get("samples", [])
    if not name.startswith("AMAZON.") and len(samples) < MIN_CUSTOM_SAMPLES:
        found.append(f"{name} has {len(samples)} samples; every custom intent needs "
                     f"{MIN_CUSTOM_SAMPLES} or more")
    used: set[str] = set()
    for sample in samples:
        found += _sample_problems(name, sample)
        refs = set(re.findall(r"\{(\w+)\}", sample))
        if refs - slot_names:
            found.append(f"{name}: sample {sample!r} uses undeclared slot {sorted(refs - slot_names)}")
        used |= refs
    if slot_names - used:
        found.append(f"{name}: slot {sorted(slot_names - used)} is used by no sample")
    return found


def _overlap_problems(intents: list[Mapping[str, Any]]) -> list[str]:
    """Samples Alexa could not tell apart: the same one, or the same shape, in two intents."""
    found: list[str] = []
    owner_by_sample: dict[str, str] = {}
    owner_by_shape: dict[str, tuple[str, str]] = {}
    for intent in intents:
        name = intent["name"]
        for sample in intent.get("samples", []):
            if sample in owner_by_sample and owner_by_sample[sample] != name:
                found.append(f"sample {sample!r} is in both {owner_by_sample[sample]} and {name}")
            owner_by_sample[sample] = name
            shape = re.sub(r"\{\w+\}", "{}", sample)
            other = owner_by_shape.get(shape)
            if other and other[0] != name:
                found.append(f"{name}: sample {sample!r} has the same shape as {other[1]!r} "
                             f"in {other[0]}; Alexa could not tell them apart")
            owner_by_shape[shape] = (name, sample)
    return found


def _sample_problems(intent: str, sample: str) -> list[str]:
    if not SAMPLE_CHARS.match(sample):
        return [f"{intent}: sample {sample!r} has characters Alexa does not accept"]
    found = []
    for token in sample.split():
        if "." in token and not SPELLED_ABBREVIATION.match(token):
            found.append(f"{intent}: sample {sample!r} has a period outside a spelled "
                         f"abbreviation such as 'm. r. i.'")
    if re.search(r"\}\s*\{", sample):
        found.append(f"{intent}: sample {sample!r} has two slots side by side")
    return found


