"""Builds skill-package/interactionModels/custom/<locale>.json from interaction_model/.

The authored source is compact: interaction_model/model.yaml holds the intents, their sample
patterns (grammar.py) and the word lists they share; interaction_model/locales/<locale>.yaml
holds the invocation name and any words a locale says differently. Slot values, ids and
synonyms are not authored here at all: they come from the guide content the answers use.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from facial_spasm_guide.guide import GUIDE, Guide

from ..paths import MODEL_OUTPUT_DIR, MODEL_SOURCE_DIR
from .grammar import expand
from .rules import FALLBACK_SENSITIVITIES, ModelError, check, render

__all__ = ["ModelError", "build", "check", "locales", "output_path", "render", "stale", "write_all"]


def locales(source_dir: Path = MODEL_SOURCE_DIR) -> list[str]:
    return sorted(p.stem for p in (source_dir / "locales").glob("*.yaml"))


def build(locale: str, source_dir: Path = MODEL_SOURCE_DIR, guide: Guide = GUIDE) -> dict[str, Any]:
    """The interaction model for one locale, as the ASK CLI deploys it."""
    shared = _load_yaml(source_dir / "model.yaml")
    local = _load_yaml(source_dir / "locales" / f"{locale}.yaml")
    words = {**shared.get("words", {}), **local.get("words", {})}
    topic_slots = {t.intent: t.slot for t in guide.topics.values() if t.intent and t.slot}
    asked = {t.intent for t in guide.topics.values() if t.intent}
    if asked - set(shared["intents"]):
        raise ModelError(f"topics are asked for by intents the model lacks: {sorted(asked - set(shared['intents']))}")
    intents = [_build_intent(name, spec or {}, words, topic_slots.get(name))
               for name, spec in shared["intents"].items()]
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


def output_path(locale: str, output_dir: Path = MODEL_OUTPUT_DIR) -> Path:
    return output_dir / f"{locale}.json"


def write_all(output_dir: Path = MODEL_OUTPUT_DIR) -> list[Path]:
    written = []
    for locale in locales():
        path = output_path(locale, output_dir)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(build(locale)), encoding="utf-8")
        written.append(path)
    return written


def stale(output_dir: Path = MODEL_OUTPUT_DIR) -> list[str]:
    """Locales whose committed JSON differs from what the source generates now."""
    return [locale for locale in locales()
            if not output_path(locale, output_dir).is_file()
            or output_path(locale, output_dir).read_text(encoding="utf-8") != render(build(locale))]


def _build_intent(name: str, spec: Mapping[str, Any], words: Mapping[str, list[str]],
                  topic_slot: tuple[str, str] | None) -> dict:
    intent: dict[str, Any] = {"name": name}
    # The topic's own slot first, as it was listed before it moved into the guide.
    slots = {**dict([topic_slot] if topic_slot else []), **(spec.get("slots") or {})}
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


def _load_yaml(path: Path) -> dict:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError as error:
        raise ModelError(f"missing model source {path}") from error
    except yaml.YAMLError as error:
        raise ModelError(f"{path} is not valid YAML: {error}") from error
