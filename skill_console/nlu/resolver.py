"""Text to intent and slots, through the skill's generated interaction model, as Alexa does.

Every sample utterance becomes a pattern; a slot captures the words in its place. A custom
slot's words are looked up among the slot type's values and synonyms (entity resolution);
words that are not there still fill the slot, with ER_SUCCESS_NO_MATCH, as on Alexa.

Ranking: the matching sample with the most literal text wins; ties prefer slots of a declared
(custom) type, then the intent that comes first in the model. A sample that is nothing but a
slot matches only the slot type's own values and synonyms, or it would swallow every
utterance. Text that is no sample, or fills a slot with words entity resolution does not
know, goes to the intent classifier (intent_classifier.py: a linear model trained on the
samples, as Alexa's NLU is); below its confidence threshold, to AMAZON.FallbackIntent. Like
Amazon's Utterance Profiler, each answer also lists the other intents that were considered.
"""

from __future__ import annotations

import functools
import json
import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from skill_console.nlu import intent_classifier
from skill_console.nlu.builtin_phrases import BUILT_IN_PHRASES
from skill_console.nlu.normalise import MARKUP, normalise

FALLBACK_INTENT = intent_classifier.FALLBACK_INTENT
# Below this probability the classifier's choice is not a match but a fallback.
CONFIDENCE_THRESHOLD = 0.3
# A sample that matched with a slot value entity resolution does not know ("what is the
# weather" is "what is {spasmType}") yields to a classifier at least this sure of another intent.
OVERRIDE_CONFIDENCE = 0.5
# A sample with a real carrier phrase ("{cause} could that be why") is what Alexa's NLU
# weighs most; only a near-certain classifier overrides one.
CARRIER_WORDS = 3
OVERRIDE_CARRIER_CONFIDENCE = 0.9
# No speech recogniser hands over more than this; longer text is not an utterance.
MAX_UTTERANCE_WORDS = 60
MAX_CONSIDERED = 3
# How many of a value's words a span must share to be tagged as that slot (a guess at how
# far Alexa's tagger generalises), not counting the small words of any sentence.
MIN_SHARED_WORDS = 2
_SMALL_WORDS = frozenset("a an the my her his their of on in to it is its and or i im for with "
                         "by me your this that keep keeps".split()) | frozenset(
    # The condition's own words are in every value and name none of them.
    "face facial spasm spasms twitch twitches twitching eye eyes".split())
# A slot found inside a sentence that holds only these points back, and names nothing.
_POINTING_WORDS = frozenset("it that this them they these those what actually really even".split())


@dataclass(frozen=True)
class SlotFill:
    """A slot as Alexa fills it: what was heard, and what entity resolution made of it."""

    value: str
    slot_type: str | None = None
    # ER_SUCCESS_MATCH, ER_SUCCESS_NO_MATCH, or None for built-in types (no resolution).
    status: str | None = None
    resolved_id: str | None = None
    resolved_name: str | None = None


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
    # "exact" (a sample), "builtin" (an AMAZON intent by one of its phrases), "classifier"
    # (the generalised match) or "fallback".
    match: str
    # 1.0 for a sample; the classifier's probability otherwise.
    score: float
    considered: tuple[Considered, ...] = ()


class _Sample:
    """One sample utterance; a slot sample's regex is compiled when first tried."""

    __slots__ = ("intent", "text", "order", "literal_words", "literal_chars", "slot_types",
                 "_source", "_regex", "_inside", "words")

    def __init__(self, intent: str, text: str, order: int, literal_words: frozenset[str],
                 literal_chars: int, slot_types: Mapping[str, str], source: str | None,
                 words: str) -> None:
        self.intent = intent
        self.text = text
        self.order = order
        self.literal_words = literal_words
        self.literal_chars = literal_chars
        self.slot_types = slot_types
        self._source = source
        self._regex: re.Pattern | None = None
        self._inside: re.Pattern | None = None
        self.words = words  # the sample as normalised words

    @property
    def has_slots(self) -> bool:
        return self._source is not None

    def pattern(self) -> re.Pattern:
        if self._regex is None:
            self._regex = re.compile(self._source)
        return self._regex

    def inside_pattern(self) -> re.Pattern:
        """The sample found within longer text: a slot at its start or end runs to the
        text's start or end, as a tagger takes the words beside the carrier phrase."""
        if self._inside is None:
            source = self._source
            if source.startswith("(?P<"):
                source = "^" + source
            if source.endswith(".+?)"):
                source += "$"
            self._inside = re.compile(source)
        return self._inside


class Resolver:
    def __init__(self, model: Mapping[str, Any],
                 classifier: intent_classifier.IntentClassifier | None = None) -> None:
        self._model = model
        self._classifier = classifier
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
        self._singular_values = {name: {_singular(word): word for word in table}
                                 for name, table in self._values.items()}
        # Each value's words that can tag a span as it (see _similar_span).
        self._telling_words = {name: [words for words in (frozenset(value.split()) - _SMALL_WORDS
                                                          for value in table)
                                      if len(words) >= MIN_SHARED_WORDS]
                               for name, table in self._values.items()}
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
        # A slot sample can match only text that holds all its words: index it by one of them.
        self._patterns_by_word: dict[str, list[_Sample]] = defaultdict(list)
        self._open_patterns: list[_Sample] = []
        for sample in self._patterns:
            if sample.literal_words:
                self._patterns_by_word[min(sample.literal_words)].append(sample)
            else:
                self._open_patterns.append(sample)
        self._catch_all = {s.intent: next(iter(s.slot_types)) for s in self._open_patterns}

    @classmethod
    def from_file(cls, path: Path) -> Resolver:
        return cls(json.loads(path.read_text(encoding="utf-8")))

    def resolve(self, text: str) -> Resolution:
        """The intent and slots for this text; never raises, never returns nothing."""
        words = " ".join(self._spelled.get(word, word) for word in normalise(text).split())
        if not words or len(words.split()) > MAX_UTTERANCE_WORDS or MARKUP.search(text):
            return self._fallback((), 0.0)
        exact = self._exact_match(words)
        if exact is not None:
            sample, slots = exact
            known = all(fill is None or fill.status != "ER_SUCCESS_NO_MATCH"
                        for fill in slots.values())
            match = "builtin" if sample.intent.startswith("AMAZON.") else "exact"
            if known:
                return Resolution(sample.intent, slots, sample.text, match, 1.0)
        if not self.classifier.knows_a_word(words):
            return self._fallback((), 0.0)  # not one word any sample uses: "blah blah"
        ranked = self._ranked(words)
        best, confidence = ranked[0]
        if exact is not None and (best == exact[0].intent or confidence < _override_confidence(exact[0])):
            sample, slots = exact
            return Resolution(sample.intent, slots, sample.text, match, 1.0,
                              _others(ranked, sample.intent))
        if best == FALLBACK_INTENT or confidence < CONFIDENCE_THRESHOLD:
            return self._fallback(ranked, confidence)
        return Resolution(best, self._slots_for(best, words), None, "classifier",
                          round(confidence, 3), _others(ranked, best))

    @property
    def classifier(self) -> intent_classifier.IntentClassifier:
        if self._classifier is None:
            self._classifier = intent_classifier.load(self._model)
        return self._classifier

    def _ranked(self, words: str) -> list[tuple[str, float]]:
        probabilities = self.classifier.probabilities(words)
        return sorted(((i, p) for i, p in probabilities.items() if i in self._slot_types),
                      key=lambda item: -item[1])

    def _slots_for(self, intent: str, words: str) -> dict[str, SlotFill | None]:
        """The slots Alexa would fill for a generalised match: what a sample of the intent
        captures, else a value of the slot type said anywhere, else (for an intent whose
        sample is only its slot) everything said."""
        slots = self._empty_slots(intent)
        found = self._pattern_match(words, intent)
        if found is None and intent not in self._catch_all:
            # Alexa tags a slot by the words around it, even inside a longer sentence.
            found = self._pattern_match(words, intent, inside=True)
        if found is not None and not all(set(heard.split()) <= _POINTING_WORDS
                                         for heard in found[1].groupdict().values()):
            sample, match = found
            for name, heard in match.groupdict().items():
                slots[name] = self.fill(sample.slot_types[name], heard)
            return slots
        tokens = words.split()
        for name, slot_type in self._slot_types.get(intent, {}).items():
            value = self._value_in(tokens, slot_type)
            if self._catch_all.get(intent) == name and (value is None or value[0] != words):
                # A slot with nothing around it takes the whole description, as on Alexa.
                slots[name] = self.fill(slot_type, words)
            elif value is not None:
                slots[name] = value[1]
            else:
                span = self._similar_span(tokens, slot_type)
                if span is not None:
                    slots[name] = self.fill(slot_type, span)
        return slots

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
        if not sample.has_slots:
            key = sample.words
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
        found = self._pattern_match(words)
        if found is None:
            return None
        sample, match = found
        slots = self._empty_slots(sample.intent)
        for name, heard in match.groupdict().items():
            slots[name] = self.fill(sample.slot_types[name], heard)
        return sample, slots

    def _pattern_match(self, words: str, intent: str | None = None, inside: bool = False
                       ) -> tuple[_Sample, re.Match] | None:
        """The best-ranked slot sample (of one intent, if given) that the text fits, or with
        inside, that fits somewhere within it (its words first and last as sample words)."""
        tokens = frozenset(words.split())
        candidates = [*self._open_patterns,
                      *(s for w in tokens for s in self._patterns_by_word.get(w, ()))]
        best: tuple[tuple, _Sample, re.Match] | None = None
        for sample in candidates:
            if intent is not None and sample.intent != intent:
                continue
            if not sample.literal_words <= tokens:
                continue
            if inside:
                if not sample.literal_words:
                    continue
                found = sample.inside_pattern().search(words)
                if found and not _at_word_edges(words, found):
                    found = None
            else:
                found = sample.pattern().fullmatch(words)
            if not found:
                continue
            known = self._all_known(sample, found)
            if not sample.literal_words and not known:
                # A sample that is only a slot would take any words at all; Alexa sends
                # those to FallbackIntent unless they are values of the slot type.
                continue
            # Values entity resolution knows beat unknown ones: "it's getting better" is
            # that listed answer, not "it's {symptom}" with "getting better" in it.
            rank = (known, *_rank(sample))
            if best is None or rank > best[0]:
                best = (rank, sample, found)
        return best[1:] if best else None

    def _all_known(self, sample: _Sample, found: re.Match) -> bool:
        # A built-in type (a search query) has no entity resolution: any words are its value.
        return all(self.fill(sample.slot_types[name], heard).status in ("ER_SUCCESS_MATCH", None)
                   for name, heard in found.groupdict().items())

    def _value_in(self, tokens: list[str], slot_type: str) -> tuple[str, SlotFill] | None:
        """The longest value or synonym of this slot type that the text contains."""
        table = self._values.get(slot_type, {})
        singular = self._singular_values.get(slot_type, {})
        for length in range(min(len(tokens), 6), 0, -1):
            for start in range(len(tokens) - length + 1):
                phrase = " ".join(tokens[start:start + length])
                if phrase in table:
                    return phrase, self.fill(slot_type, phrase)
                # Entity resolution forgives a plural: "nerve problem" is "nerve problems".
                listed = singular.get(_singular(phrase))
                if listed is not None:
                    fill = self.fill(slot_type, listed)
                    return phrase, SlotFill(phrase, slot_type, fill.status, fill.resolved_id,
                                            fill.resolved_name)
        return None

    def _similar_span(self, tokens: list[str], slot_type: str) -> str | None:
        """Words like one of the slot type's values, where none is said as listed: Alexa's
        tagger fills a slot with words that resemble its values ("eyelids keep snapping
        shut on their own" is like "eyelids shutting on their own"). The span runs from the
        first to the last word shared with the value that shares the most (then the widest),
        if it shares at least MIN_SHARED_WORDS words that are not small ones."""
        best: tuple[int, int, int] | None = None
        for shared in self._telling_words.get(slot_type, ()):
            positions = [i for i, token in enumerate(tokens) if token in shared]
            found = len({tokens[i] for i in positions})
            if found < MIN_SHARED_WORDS:
                continue
            rank = (found, positions[-1] - positions[0], positions[0], positions[-1])
            if best is None or rank[:2] > best[:2]:
                best = rank
        if best is None:
            return None
        return " ".join(tokens[best[2]:best[3] + 1])

    def _fallback(self, ranked: list, confidence: float) -> Resolution:
        return Resolution(FALLBACK_INTENT, {}, None, "fallback", round(confidence, 3),
                          _others(ranked, FALLBACK_INTENT))

    def _empty_slots(self, intent: str) -> dict[str, SlotFill | None]:
        return dict.fromkeys(self._slot_types.get(intent, {}))


def _compile(intent: str, text: str, types: Mapping[str, str], order: int) -> _Sample:
    parts, literal, slots = [], [], {}
    for token in text.split():
        if token.startswith("{") and token.endswith("}"):
            name = token[1:-1]
            parts.append(f"(?P<{name}>.+?)")
            slots[name] = types.get(name, "AMAZON.SearchQuery")
        else:
            for word in _normalised_token(token):
                parts.append(word)
                literal.append(word)
    # Sample words are letters, digits and apostrophes only: nothing to escape in a pattern.
    source = " ".join(parts) if slots else None
    return _Sample(intent, text, order, frozenset(literal), sum(map(len, literal)), slots, source,
                   " ".join(literal))


def _singular(phrase: str) -> str:
    return " ".join(w[:-1] if w.endswith("s") and len(w) > 3 else w for w in phrase.split())


@functools.cache
def _normalised_token(token: str) -> tuple[str, ...]:
    """A sample's word as speech recognition hands it over; the same few hundred words make
    up twelve thousand samples, so each is normalised once."""
    return tuple(normalise(token).split())


def _at_word_edges(words: str, found: re.Match) -> bool:
    start, end = found.span()
    return (start == 0 or words[start - 1] == " ") and (end == len(words) or words[end] == " ")


def _rank(sample: _Sample) -> tuple[int, int, int]:
    custom_slots = sum(not t.startswith("AMAZON.") for t in sample.slot_types.values())
    return (sample.literal_chars, custom_slots, -sample.order)


def _override_confidence(sample: _Sample) -> float:
    carrier = len(sample.words.split()) >= CARRIER_WORDS
    return OVERRIDE_CARRIER_CONFIDENCE if carrier else OVERRIDE_CONFIDENCE


def _others(ranked: list, chosen: str) -> tuple[Considered, ...]:
    return tuple(Considered(intent, None, round(score, 3))
                 for intent, score in ranked if intent != chosen)[:MAX_CONSIDERED]
