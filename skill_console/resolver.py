"""Text to intent and slots, through the skill's generated interaction model, as Alexa does.

Every sample utterance becomes a pattern; a slot captures the words in its place. A custom
slot's words are looked up among the slot type's values and synonyms (entity resolution);
words that are not there still fill the slot, with ER_SUCCESS_NO_MATCH, as on Alexa.

Ranking: the matching sample with the most literal text wins; ties prefer slots of a declared
(custom) type, then the intent that comes first in the model. Text that matches no sample is
compared with every sample by the words they share; close enough is a "similar" match, and
anything else goes to AMAZON.FallbackIntent. A sample that is nothing but a slot matches only
the slot type's own values and synonyms, or it would swallow every utterance. Like Amazon's
Utterance Profiler, each answer also lists the other intents that were considered.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .builtin_phrases import BUILT_IN_PHRASES
from .envelopes import SlotFill
from .normalise import normalise

FALLBACK_INTENT = "AMAZON.FallbackIntent"
# Below this share of words in common, a near miss is not a match but a fallback.
SIMILARITY_THRESHOLD = 0.6
# No speech recogniser hands over more than this; longer text is not an utterance.
MAX_UTTERANCE_WORDS = 60
MAX_CONSIDERED = 3
# Words too common to suggest an intent by themselves.
_COMMON = frozenset("a an the i me my is are do does can to of for it about how what with in on "
                    "and or be you your this that".split())


@dataclass(frozen=True)
class Considered:
    intent: str
    sample: str
    score: float


@dataclass(frozen=True)
class Resolution:
    intent: str
    slots: Mapping[str, SlotFill | None]
    sample: str | None
    # "exact", "builtin" (an AMAZON intent by one of its phrases), "similar" or "fallback".
    match: str
    score: float
    considered: tuple[Considered, ...] = ()


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    order: int
    literal_words: frozenset[str]
    literal_chars: int
    slot_types: Mapping[str, str] = field(default_factory=dict)
    regex: re.Pattern | None = None


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
        self._exact: dict[str, _Sample] = {}
        self._patterns: list[_Sample] = []
        self._all: list[_Sample] = []
        for order, intent in enumerate(language["intents"]):
            types = {s["name"]: s["type"] for s in intent.get("slots", [])}
            self._slot_types[intent["name"]] = types
            for text in intent.get("samples", []):
                self._add(_compile(intent["name"], text, types, order))
        # Built-in phrases count only for built-ins the model declares, and never override
        # a sample the model itself gives another intent.
        for order, intent in enumerate(language["intents"]):
            for phrase in BUILT_IN_PHRASES.get(intent["name"], []):
                self._add(_compile(intent["name"], phrase, {}, order))
        # Typed "gp" or "mri" is what the model spells "g. p." and "m. r. i.", as Alexa hears it.
        self._spelled: dict[str, str] = {}
        for sample in self._all:
            for letters in re.findall(r"(?<![a-z])((?:[a-z]\. )*[a-z]\.)", sample.text):
                spaced = letters.replace(".", "")
                self._spelled[spaced.replace(" ", "")] = spaced
        self._index: dict[str, list[_Sample]] = defaultdict(list)
        for sample in self._all:
            for word in sample.literal_words - _COMMON:
                self._index[word].append(sample)

    @classmethod
    def from_file(cls, path: Path) -> "Resolver":
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def resolve(self, text: str) -> Resolution:
        """The intent and slots for this text; never raises, never returns nothing."""
        words = " ".join(self._spelled.get(word, word) for word in normalise(text).split())
        if not words or len(words.split()) > MAX_UTTERANCE_WORDS:
            return self._fallback(())
        similar = self._similar(words)
        exact = self._exact_match(words)
        if exact is not None:
            sample, slots = exact
            match = "builtin" if sample.intent.startswith("AMAZON.") else "exact"
            return Resolution(sample.intent, slots, sample.text, match, 1.0,
                              _others(similar, sample.intent))
        if similar and similar[0][0] >= SIMILARITY_THRESHOLD:
            score, sample, slots = similar[0]
            return Resolution(sample.intent, slots, sample.text, "similar", round(score, 3),
                              _others(similar, sample.intent))
        return self._fallback(similar)

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

    def slot_types(self, intent: str) -> dict[str, str]:
        """Slot name -> slot type, as the model declares them for this intent."""
        return dict(self._slot_types.get(intent, {}))

    def samples(self, intent: str) -> list[str]:
        """The model's samples of an intent (not the built-in phrases Alexa brings)."""
        return [s.text for s in self._all if s.intent == intent
                and s.text not in BUILT_IN_PHRASES.get(intent, ())]

    def _add(self, sample: _Sample) -> None:
        if sample.regex is None:
            key = normalise(sample.text)
            if key in self._exact:
                return
            self._exact[key] = sample
        else:
            self._patterns.append(sample)
        self._all.append(sample)

    def _exact_match(self, words: str) -> tuple[_Sample, dict] | None:
        if words in self._exact:
            sample = self._exact[words]
            return sample, self._empty_slots(sample.intent)
        best: tuple[_Sample, re.Match] | None = None
        for sample in self._patterns:
            found = sample.regex.fullmatch(words)
            if found and not sample.literal_words and not self._all_known(sample, found):
                # A sample that is only a slot would take any words at all; Alexa sends
                # those to FallbackIntent unless they are values of the slot type.
                continue
            if found and (best is None or _rank(sample) > _rank(best[0])):
                best = (sample, found)
        if best is None:
            return None
        sample, found = best
        slots = self._empty_slots(sample.intent)
        for name, heard in found.groupdict().items():
            slots[name] = self.fill(sample.slot_types[name], heard)
        return sample, slots

    def _all_known(self, sample: _Sample, found: re.Match) -> bool:
        return all(self.fill(sample.slot_types[name], heard).status == "ER_SUCCESS_MATCH"
                   for name, heard in found.groupdict().items())

    def _similar(self, words: str) -> list[tuple[float, _Sample, dict]]:
        """Samples that share words with the text, best first, one per intent."""
        tokens = words.split()
        token_set = frozenset(tokens)
        candidates = {id(s): s for w in token_set - _COMMON for s in self._index.get(w, ())}
        heard_values: dict[str, tuple[str, SlotFill] | None] = {}
        best_per_intent: dict[str, tuple[float, _Sample, dict]] = {}
        for sample in candidates.values():
            rest, slots, filled = token_set, self._empty_slots(sample.intent), 0
            for name, slot_type in sample.slot_types.items():
                if slot_type not in heard_values:
                    heard_values[slot_type] = self._value_in(tokens, slot_type)
                found = heard_values[slot_type]
                if found:
                    phrase, fill = found
                    slots[name] = fill
                    rest = rest - frozenset(phrase.split())
                    filled += 1
            shared = len(rest & sample.literal_words)
            size = len(rest) + filled + len(sample.literal_words) + len(sample.slot_types)
            score = 2 * (shared + filled) / size if size else 0.0
            kept = best_per_intent.get(sample.intent)
            if kept is None or score > kept[0]:
                best_per_intent[sample.intent] = (score, sample, slots)
        return sorted(best_per_intent.values(), key=lambda item: (-item[0], item[1].order))

    def _value_in(self, tokens: list[str], slot_type: str) -> tuple[str, SlotFill] | None:
        """The longest value or synonym of this slot type that the text contains."""
        table = self._values.get(slot_type, {})
        for length in range(min(len(tokens), 6), 0, -1):
            for start in range(len(tokens) - length + 1):
                phrase = " ".join(tokens[start:start + length])
                if phrase in table:
                    return phrase, self.fill(slot_type, phrase)
        return None

    def _fallback(self, similar: list) -> Resolution:
        return Resolution(FALLBACK_INTENT, {}, None, "fallback", 0.0,
                          _others(similar, FALLBACK_INTENT))

    def _empty_slots(self, intent: str) -> dict[str, SlotFill | None]:
        return {name: None for name in self._slot_types.get(intent, {})}


def _compile(intent: str, text: str, types: Mapping[str, str], order: int) -> _Sample:
    parts, literal, slots = [], [], {}
    for token in text.split():
        slot = re.fullmatch(r"\{(\w+)\}", token)
        if slot:
            parts.append(f"(?P<{slot.group(1)}>.+?)")
            slots[slot.group(1)] = types.get(slot.group(1), "AMAZON.SearchQuery")
        else:
            for word in normalise(token).split():
                parts.append(re.escape(word))
                literal.append(word)
    regex = re.compile(" ".join(parts)) if slots else None
    return _Sample(intent, text, order, frozenset(literal), sum(map(len, literal)), slots, regex)


def _rank(sample: _Sample) -> tuple[int, int, int]:
    custom_slots = sum(not t.startswith("AMAZON.") for t in sample.slot_types.values())
    return (sample.literal_chars, custom_slots, -sample.order)


def _others(similar: list, chosen: str) -> tuple[Considered, ...]:
    return tuple(Considered(sample.intent, sample.text, round(score, 3))
                 for score, sample, _ in similar if sample.intent != chosen)[:MAX_CONSIDERED]
