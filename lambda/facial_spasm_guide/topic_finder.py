"""Heard words read against every topic of the guide, word by word.

Entity resolution matches a slot value only when it is one of the listed words. People say
more or less than that ("is there medicine", "and coffee", "a facial spasm"), so before the
skill says it has nothing on something, the value's words are compared with each topic's
own words (its name, title and the words people use for it). Words that say nothing about
which topic is meant (question words, and the words for the condition itself: "face",
"twitching") are left out; a rarer word counts for more, because it says more.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from .lexicon import words_of

if TYPE_CHECKING:
    from .guide import Topic


def stem(word: str) -> str:
    """A word's plain form, so "injections" finds "injection" and "exercising" "exercise"."""
    for suffix, keep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", "e"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[:-len(suffix)] + keep
            break
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


# At least this share of what was said must be the topic's words: one word in a long
# story ("eating" in a sentence about chocolate at night) names nothing.
MIN_SHARE = 0.25


class TopicFinder:
    __slots__ = ("_topics", "_ignored", "_condition", "_index", "_weights")

    def __init__(self, topics: Iterable[Topic], ignored: Iterable[str],
                 condition_words: Iterable[str]) -> None:
        self._topics = tuple(topics)
        self._condition = frozenset(condition_words)
        self._ignored = frozenset(ignored) | self._condition
        self._index: Mapping[str, frozenset[str]] | None = None
        self._weights: Mapping[str, float] = {}

    def content_words(self, text: str | None) -> list[str]:
        """The words of a heard value that could name a topic, in the order said."""
        return [w for w in words_of(text or "") if w not in self._ignored]

    def is_filler(self, word: str) -> bool:
        """A word that names nothing by itself ("the", "what", "about"), as said or as heard."""
        return "".join(words_of(word)) in self._ignored - self._condition

    def names_condition(self, text: str | None) -> bool:
        """Whether the words speak of the condition itself ("my eye", "a facial spasm")."""
        return any(w in self._condition for w in words_of(text or ""))

    def find(self, text: str | None, prefer_slot_type: str | None = None) -> Topic | None:
        """The topic whose words best match the heard value's, or None when none shares one."""
        heard = {stem(w) for w in self.content_words(text)}
        if not heard:
            return None
        index = self._built()
        best: tuple[float, int, Topic] | None = None
        for topic in self._topics:
            shared = heard & index[topic.id]
            if not shared or len(shared) < MIN_SHARE * len(heard):
                continue
            score = sum(self._weights[w] for w in shared)
            if topic.slot_type is not None and topic.slot_type == prefer_slot_type:
                score += 0.01  # a tie goes to what the question asked about
            # Among equals, the narrower topic: "stress" is the cause, not managing stress.
            rank = (score, -len(index[topic.id]), topic)
            if best is None or rank[:2] > best[:2]:
                best = rank
        return best[2] if best else None

    def _built(self) -> Mapping[str, frozenset[str]]:
        if self._index is None:
            index = {}
            for topic in self._topics:
                phrases = (topic.name, topic.title, *topic.words)
                index[topic.id] = frozenset(stem(w) for phrase in phrases
                                            for w in self.content_words(phrase))
            counts: dict[str, int] = {}
            for words in index.values():
                for word in words:
                    counts[word] = counts.get(word, 0) + 1
            total = len(index)
            self._weights = {w: math.log(1 + total / n) for w, n in counts.items()}
            self._index = index
        return self._index
