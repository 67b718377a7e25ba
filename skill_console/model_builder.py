"""Builds skill-package/interactionModels/custom/<locale>.json from interaction_model/.

The authored source is compact: interaction_model/model.yaml holds the intents, their sample
patterns and the word lists they share; interaction_model/locales/<locale>.yaml holds the
invocation name and any words a locale says differently. Slot values, ids and synonyms are
not authored here at all: they come from the guide content the answers use.

Pattern syntax in samples:
  (a|b|)     one of the alternatives; an empty one makes the group optional
  <words>    one of the phrases listed under words: (a phrase may itself hold groups)
  {slot}     a slot of the intent, kept as it is
"""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Mapping

import yaml

from facial_spasm_guide.guide import GUIDE, Guide

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE_DIR = REPO_ROOT / "interaction_model"
OUTPUT_DIR = REPO_ROOT / "skill-package" / "interactionModels" / "custom"

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


@dataclass(frozen=True)
class LocaleSource:
    locale: str
    invocation_name: str
    words: Mapping[str, list[str]]


def locales(source_dir: Path = SOURCE_DIR) -> list[str]:
    return sorted(p.stem for p in (source_dir / "locales").glob("*.yaml"))


def build(locale: str, source_dir: Path = SOURCE_DIR, guide: Guide = GUIDE) -> dict[str, Any]:
    """The interaction model for one locale, as the ASK CLI deploys it."""
    shared = _load_yaml(source_dir / "model.yaml")
    local = _load_yaml(source_dir / "locales" / f"{locale}.yaml")
    words = {**shared.get("words", {}), **local.get("words", {})}
    intents = [_build_intent(name, spec or {}, words) for name, spec in shared["intents"].items()]
    types = [_build_slot_type(name, spec, guide) for name, spec in shared.get("slot_types", {}).items()]
    language: dict[str, Any] = {
        "invocationName": local["invocation_name"],
        "intents": intents,
        "types": types,
    }
    sensitivity = shared.get("fallback_sensitivity")
    if sensitivity is not None:
        if sensitivity not in FALLBACK_SENSITIVITIES:
            raise ModelError(f"fallback_sensitivity must be one of {FALLBACK_SENSITIVITIES}, "
                             f"not {sensitivity!r}")
        language["modelConfiguration"] = {"fallbackIntentSensitivity": {"level": sensitivity}}
    model = {"interactionModel": {"languageModel": language}}
    check(model)
    return model


def render(model: Mapping[str, Any]) -> str:
    # One space of indent: still one sample per line to diff, and a tenth of the bytes
    # Alexa's size limit counts are not spent on indentation.
    return json.dumps(model, indent=1, ensure_ascii=False) + "\n"


def output_path(locale: str, output_dir: Path = OUTPUT_DIR) -> Path:
    return output_dir / f"{locale}.json"


def write_all(output_dir: Path = OUTPUT_DIR) -> list[Path]:
    written = []
    for locale in locales():
        path = output_path(locale, output_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(build(locale)), encoding="utf-8")
        written.append(path)
    return written


def stale(output_dir: Path = OUTPUT_DIR) -> list[str]:
    """Locales whose committed JSON differs from what the source generates now."""
    return [locale for locale in locales()
            if not output_path(locale, output_dir).is_file()
            or output_path(locale, output_dir).read_text(encoding="utf-8") != render(build(locale))]


def expand(pattern: str, words: Mapping[str, list[str]]) -> list[str]:
    """Every sample a pattern stands for, spaces tidied, in a stable order."""
    text = _substitute_words(pattern, words, seen=())
    results = []
    for option in _expand_groups(text, pattern):
        sample = " ".join(option.split())
        if sample and sample not in results:
            results.append(sample)
    return results


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
    owner_by_sample: dict[str, str] = {}
    owner_by_shape: dict[str, tuple[str, str]] = {}
    for intent in language["intents"]:
        name = intent["name"]
        slot_names = {s["name"] for s in intent.get("slots", [])}
        for slot in intent.get("slots", []):
            if not slot["type"].startswith("AMAZON.") and slot["type"] not in declared_types:
                found.append(f"{name}: slot {slot['name']} has undeclared type {slot['type']}")
        samples = intent.get("samples", [])
        if not name.startswith("AMAZON.") and len(samples) < MIN_CUSTOM_SAMPLES:
            found.append(f"{name} has {len(samples)} samples; every custom intent needs "
                         f"{MIN_CUSTOM_SAMPLES} or more")
        used = set()
        for sample in samples:
            found += _sample_problems(name, sample)
            refs = set(re.findall(r"\{(\w+)\}", sample))
            unknown = refs - slot_names
            if unknown:
                found.append(f"{name}: sample {sample!r} uses undeclared slot {sorted(unknown)}")
            used |= refs
            if sample in owner_by_sample and owner_by_sample[sample] != name:
                found.append(f"sample {sample!r} is in both {owner_by_sample[sample]} and {name}")
            owner_by_sample[sample] = name
            shape = re.sub(r"\{\w+\}", "{}", sample)
            other = owner_by_shape.get(shape)
            if other and other[0] != name:
                found.append(f"{name}: sample {sample!r} has the same shape as {other[1]!r} "
                             f"in {other[0]}; Alexa could not tell them apart")
            owner_by_shape[shape] = (name, sample)
        if slot_names - used:
            found.append(f"{name}: slot {sorted(slot_names - used)} is used by no sample")
    for slot_type in language["types"]:
        for value in slot_type["values"]:
            for text in (value["name"]["value"], *value["name"].get("synonyms", [])):
                if len(text) > MAX_SLOT_VALUE_CHARS:
                    found.append(f"{slot_type['name']}: value {text[:40]!r}... is over "
                                 f"{MAX_SLOT_VALUE_CHARS} characters")
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


def _build_intent(name: str, spec: Mapping[str, Any], words: Mapping[str, list[str]]) -> dict:
    intent: dict[str, Any] = {"name": name}
    slots = spec.get("slots") or {}
    intent["slots"] = [{"name": slot, "type": slot_type} for slot, slot_type in slots.items()]
    samples: list[str] = []
    for pattern in spec.get("samples") or []:
        for sample in expand(pattern, words):
            if sample not in samples:
                samples.append(sample)
    intent["samples"] = samples
    return intent


def _build_slot_type(name: str, spec: Mapping[str, Any], guide: Guide) -> dict:
    source = spec.get("from_guide")
    found = guide.slot_values(source) if source else []
    if not found:
        raise ModelError(f"slot type {name} takes its values from the guide's {source!r} "
                         f"content, and there is none")
    values = []
    for value_id, words in found:
        value: dict[str, Any] = {"id": value_id, "name": {"value": words[0]}}
        if words[1:]:
            value["name"]["synonyms"] = words[1:]
        values.append(value)
    return {"name": name, "values": values}


def _substitute_words(text: str, words: Mapping[str, list[str]], seen: tuple[str, ...]) -> str:
    def replace(match: re.Match) -> str:
        key = match.group(1)
        if key in seen:
            raise ModelError(f"word list <{key}> refers to itself")
        if key not in words:
            raise ModelError(f"unknown word list <{key}> in {text!r}")
        phrases = [_substitute_words(p, words, (*seen, key)) for p in words[key]]
        return "(" + "|".join(phrases) + ")"

    return re.sub(r"<(\w+)>", replace, text)


def _expand_groups(text: str, pattern: str) -> Iterable[str]:
    parts, position = _parse_sequence(text, 0, pattern)
    if position != len(text):
        raise ModelError(f"unbalanced ')' in pattern {pattern!r}")
    return ("".join(choice) for choice in itertools.product(*parts))


def _parse_sequence(text: str, position: int, pattern: str) -> tuple[list[list[str]], int]:
    """Parse until ')' or '|' at this level: a list of choices, one list per piece."""
    parts: list[list[str]] = []
    literal = ""
    while position < len(text):
        char = text[position]
        if char == "(":
            if literal:
                parts.append([literal])
                literal = ""
            options, position = _parse_group(text, position + 1, pattern)
            parts.append(options)
        elif char in ")|":
            break
        else:
            literal += char
            position += 1
    if literal:
        parts.append([literal])
    return parts, position


def _parse_group(text: str, position: int, pattern: str) -> tuple[list[str], int]:
    options: list[str] = []
    while True:
        parts, position = _parse_sequence(text, position, pattern)
        options.extend("".join(choice) for choice in itertools.product(*parts))
        if position >= len(text):
            raise ModelError(f"unclosed '(' in pattern {pattern!r}")
        if text[position] == ")":
            return options, position + 1
        position += 1  # past '|'


def _load_yaml(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as error:
        raise ModelError(f"missing model source {path}") from error
    except yaml.YAMLError as error:
        raise ModelError(f"{path} is not valid YAML: {error}") from error
