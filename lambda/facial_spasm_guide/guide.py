"""The guide's content, read once at import: topics, what to say, and the words people use.

Everything the skill says about facial spasms, and every slot value the interaction model
offers, comes from content/guide.json, so an answer and the words that reach it cannot drift.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

CONTENT_FILE = Path(__file__).parent / "content" / "guide.json"


@dataclass(frozen=True)
class Topic:
    id: str
    title: str
    name: str
    say: tuple[str, ...]
    related: tuple[str, ...]
    example: str | None = None
    slot_type: str | None = None
    words: tuple[str, ...] = ()


@dataclass(frozen=True)
class Guide:
    topics: Mapping[str, Topic]
    # The topic a new conversation offers first.
    start: str
    # Topics whose example questions help and fallback suggest, best first.
    help_topics: tuple[str, ...]
    # (slot type, normalised word) -> topic: how a heard slot value finds its content.
    word_index: Mapping[tuple[str, str], Topic]

    def topic(self, topic_id: str) -> Topic:
        return self.topics[topic_id]

    def in_slot_type(self, slot_type: str) -> list[Topic]:
        return [t for t in self.topics.values() if t.slot_type == slot_type]

    def find_by_word(self, slot_type: str, heard: str) -> Topic | None:
        """The topic whose words include what was heard: of this slot type first, then any.

        Alexa can put a word in the "wrong" slot ("what is dystonia" fills the spasm type
        slot), and the guide still has an answer for it.
        """
        key = _word_key(heard)
        if not key:
            return None
        found = self.word_index.get((slot_type, key))
        if found is None:
            found = next((topic for (_, word), topic in self.word_index.items() if word == key), None)
        return found



def _word_key(text: str) -> str:
    # What Alexa hears has no punctuation we can rely on; compare letters and spaces only.
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower().replace("'", "")).split())


def load_guide(path: Path = CONTENT_FILE) -> Guide:
    raw = json.loads(path.read_text(encoding="utf-8"))
    topics: dict[str, Topic] = {}
    for item in raw["topics"]:
        topic = Topic(
            id=item["id"],
            title=item["title"],
            name=item["name"],
            say=tuple(item["say"]),
            related=tuple(item["related"]),
            example=item.get("example"),
            slot_type=item.get("slot_type"),
            words=tuple(item.get("words", ())),
        )
        if topic.id in topics:
            raise ValueError(f"topic {topic.id!r} appears twice in {path}")
        if not topic.say:
            raise ValueError(f"topic {topic.id!r} has nothing to say")
        topics[topic.id] = topic
    for topic in topics.values():
        missing = [r for r in topic.related if r not in topics]
        if missing:
            raise ValueError(f"topic {topic.id!r} relates to unknown topics {missing}")
    index: dict[tuple[str, str], Topic] = {}
    for topic in topics.values():
        if topic.slot_type:
            for word in (topic.name, *topic.words):
                index.setdefault((topic.slot_type, _word_key(word)), topic)
    start = raw["start"]
    help_topics = tuple(raw["help"])
    for listed in (start, *help_topics):
        if listed not in topics:
            raise ValueError(f"start or help names unknown topic {listed!r}")
    without_example = [t for t in help_topics if not topics[t].example]
    if without_example:
        raise ValueError(f"help topics need an example question: {without_example}")
    return Guide(topics=MappingProxyType(topics), start=start, help_topics=help_topics,
                 word_index=MappingProxyType(index))


GUIDE = load_guide()
