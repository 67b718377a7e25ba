"""Text to intent and slots, through the skill's generated interaction model, as Alexa does.

Every sample utterance becomes a pattern; a slot captures the words in its place. A custom
slot's words are looked up among the slot type's values and synonyms (entity resolution);
words that are not there still fill the slot, with ER_SUCCESS_NO_MATCH, as on Alexa.
When several samples match, the one with the most literal text wins.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .builtin_phrases import BUILT_IN_PHRASES
from .envelopes import SlotFill

_NOT_WORD = re.compile(r"[^a-z0-9' ]+")


def normalise(text: str) -> str:
    """Lower case, words only: what Alexa's speech recognition hands to the model."""
    return " ".join(_NOT_WORD.sub(" ", text.lower().replace("’", "'")).split())


@dataclass(frozen=True)
class Resolution:
    intent: str
    slots: Mapping[str, SlotFill | None]
    sample: str


@dataclass(frozen=True)
class _Pattern:
    intent: str
    sample: str
    regex: re.Pattern
    literal_chars: int
    order: int
    slot_types: Mapping[str, str] = field(default_factory=dict)


class Resolver:
    def __init__(self, model: Mapping[str, Any]) -> None:
        language = model["interactionModel"]["languageModel"]
        self.invocation_name: str = language["invocationName"]
        self.intents: list[str] = [i["name"] for i in language["intents"]]
        self._slot_types: dict[str, dict[str, str]] = {}
        self._values: dict[str, dict[str, tuple[str, str]]] = {}
        for slot_type in language.get("types", []):
            table = self._values.setdefault(slot_type["name"], {})
            for value in slot_type["values"]:
                canonical = value["name"]["value"]
                for word in (canonical, *value["name"].get("synonyms", [])):
                    table.setdefault(normalise(word), (value.get("id") or canonical, canonical))
        self._exact: dict[str, tuple[str, str]] = {}
        self._patterns: list[_Pattern] = []
        for order, intent in enumerate(language["intents"]):
            types = {s["name"]: s["type"] for s in intent.get("slots", [])}
            self._slot_types[intent["name"]] = types
            for sample in intent.get("samples", []):
                self._add_sample(intent["name"], sample, types, order)
        # Built-in phrases count only for built-ins the model declares, and never override
        # a sample the model itself gives another intent.
        for order, intent in enumerate(language["intents"]):
            for phrase in BUILT_IN_PHRASES.get(intent["name"], []):
                self._exact.setdefault(normalise(phrase), (intent["name"], phrase))

    @classmethod
    def from_file(cls, path: Path) -> "Resolver":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def resolve(self, text: str) -> Resolution | None:
        """The best exact match of the text against the model's samples, or None."""
        words = normalise(text)
        if not words:
            return None
        if words in self._exact:
            intent, sample = self._exact[words]
            return Resolution(intent, self._empty_slots(intent), sample)
        best: tuple[_Pattern, re.Match] | None = None
        for pattern in self._patterns:
            match = pattern.regex.fullmatch(words)
            if match and (best is None or _rank(pattern) > _rank(best[0])):
                best = (pattern, match)
        if best is None:
            return None
        pattern, match = best
        slots = self._empty_slots(pattern.intent)
        for name, heard in match.groupdict().items():
            slots[name] = self.fill(pattern.slot_types[name], heard)
        return Resolution(pattern.intent, slots, pattern.sample)

    def fill(self, slot_type: str, heard: str) -> SlotFill:
        """A slot value as entity resolution reports it for this slot type."""
        if slot_type.startswith("AMAZON."):
            return SlotFill(value=heard, slot_type=slot_type)
        found = self._values.get(slot_type, {}).get(normalise(heard))
        if found is None:
            return SlotFill(value=heard, slot_type=slot_type, status="ER_SUCCESS_NO_MATCH")
        resolved_id, canonical = found
        return SlotFill(value=heard, slot_type=slot_type, status="ER_SUCCESS_MATCH",
                        resolved_id=resolved_id, resolved_name=canonical)

    def samples(self, intent: str) -> list[str]:
        return [p.sample for p in self._patterns if p.intent == intent] + \
            [sample for sample, (owner, _) in self._exact.items() if owner == intent]

    def _empty_slots(self, intent: str) -> dict[str, SlotFill | None]:
        return {name: None for name in self._slot_types.get(intent, {})}

    def _add_sample(self, intent: str, sample: str, types: Mapping[str, str], order: int) -> None:
        if "{" not in sample:
            self._exact.setdefault(normalise(sample), (intent, sample))
            return
        parts, literal, slots = [], 0, {}
        for token in sample.split():
            slot = re.fullmatch(r"\{(\w+)\}", token)
            if slot:
                parts.append(f"(?P<{slot.group(1)}>.+?)")
                slots[slot.group(1)] = types.get(slot.group(1), "AMAZON.SearchQuery")
            elif normalise(token):
                parts.append(re.escape(normalise(token)))
                literal += len(normalise(token))
        regex = re.compile(" ".join(parts))
        self._patterns.append(_Pattern(intent, sample, regex, literal, order, slots))


def _rank(pattern: _Pattern) -> tuple[int, int, int]:
    custom_slots = sum(not t.startswith("AMAZON.") for t in pattern.slot_types.values())
    return (pattern.literal_chars, custom_slots, -pattern.order)
