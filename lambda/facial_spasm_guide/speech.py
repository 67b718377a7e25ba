"""Everything the skill says comes from the Jinja2 templates in templates/ (see templating.py).

An answer depends only on its inputs: the answer's name, its context, the locale and whether
the session stays open. Most answers carry none of the user's words, so `make package` renders
every one of those at build time (prerendered/<locale>/<template>.json) and a container says
them without loading Jinja2; any other answer is rendered when first asked for. A warm
container keeps each answer it has said.
"""

# Annotations are evaluated, not postponed: NamedTuple compiles each postponed (string)
# annotation when its class is made, at every cold start.

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from .locales import LocaleSettings

# A screen shows the answer as a short list: at most this many points.
MAX_SCREEN_POINTS = 6
# Written by `make package` in the built package only.
PRERENDERED_DIR = Path(__file__).parent / "prerendered"


class Speech(NamedTuple):
    ssml: str | None  # a whole <speak> document
    reprompt_ssml: str | None
    card_title: str | None
    card_text: str | None
    text: str | None = None  # the speech as plain text (kept for "repeat")
    reprompt_text: str | None = None
    # What a screen shows, one line each, rendered from <template>.screen.txt (the screen's
    # title is the card's):
    #   point: <text>                 a short point
    #   choice <topic id>: <text>     a point that asks for that topic when tapped
    #   offer: <text>                 the "yes" button: takes the offer when tapped
    #   footer: <text>                the disclaimer, shown once at the bottom
    # Plain text, like every other field, so a Speech stays hashable (the kept-response cache
    # is keyed on it) and prerendered rows stay lists of strings; everything the screen shows
    # is rendered from the answer's context, so it is part of the same cache key.
    screen_text: str | None = None

    def screen(self) -> dict[str, Any]:
        """What a screen shows: the title, short points (each with the topic a tap on it asks
        for, or ""), the "yes" button's label (or ""), the footer, and the reprompt as a hint
        of what to say next (none when the session ends)."""
        points: list[dict[str, str]] = []
        offer = footer = ""
        for line in (self.screen_text or "").splitlines():
            kind, _, text = line.partition(": ")
            kind, _, topic = kind.strip().partition(" ")
            text = text.strip()
            if not text:
                continue
            if kind == "offer":
                offer = offer or text
            elif kind == "footer":
                footer = footer or text
            elif kind == "choice" and topic:
                _add_choice(points, text, topic)
            elif kind == "point":
                points.append({"text": text, "topic": ""})
        return {"title": self.card_title or "", "points": _shortest(points),
                "offer": offer, "footer": footer, "hint": self.reprompt_text or ""}


def _add_choice(points: list[dict[str, str]], text: str, topic: str) -> None:
    """A topic a tap can ask for, once: a point that already names it becomes tappable."""
    if any(point["topic"] == topic for point in points):
        return
    for point in points:
        if not point["topic"] and point["text"].casefold() == text.casefold():
            point["topic"] = topic
            return
    points.append({"text": text, "topic": topic})


def _shortest(points: list[dict[str, str]]) -> list[dict[str, str]]:
    """At most MAX_SCREEN_POINTS points, in their order: every point that can be tapped first,
    then the others as they come."""
    if len(points) <= MAX_SCREEN_POINTS:
        return points
    tappable = [n for n, point in enumerate(points) if point["topic"]][:MAX_SCREEN_POINTS]
    others = [n for n, point in enumerate(points) if not point["topic"]]
    kept = set(tappable + others[:MAX_SCREEN_POINTS - len(tappable)])
    return [point for n, point in enumerate(points) if n in kept]


# The context values that hold the user's own words (a heard slot value, the last answer).
USER_TEXT_KEYS = frozenset({"heard", "speech", "reprompt"})
_RENDERED: dict[tuple, Speech] = {}
MAX_RENDERED = 2048
# (locale, template) -> {key: the Speech's fields}, each file read when first needed.
_PRERENDERED: dict[tuple[str, str], Mapping[str, list]] = {}


def says_user_words(context: Mapping[str, Any]) -> bool:
    """Whether an answer says the user's own words back: such an answer is never kept in a
    cache, nor rendered at build time."""
    return not USER_TEXT_KEYS.isdisjoint(context)


def render(template: str, context: Mapping[str, Any], settings: LocaleSettings,
           with_reprompt: bool) -> Speech:
    key = _cache_key(template, context, settings, with_reprompt)
    said = _RENDERED.get(key) if key is not None else None
    if said is None:
        said = _prerendered(template, context, settings, with_reprompt) if key is not None else None
        if said is None:
            from . import templating

            said = templating.render(template, context, settings, with_reprompt)
        if key is not None and len(_RENDERED) < MAX_RENDERED:
            _RENDERED[key] = said
    return said


def _cache_key(template: str, context: Mapping[str, Any], settings: LocaleSettings,
               with_reprompt: bool) -> tuple | None:
    if says_user_words(context):
        return None
    key = (template, settings, with_reprompt, tuple(sorted(context.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def build_key(template: str, context: Mapping[str, Any], locale: str, with_reprompt: bool) -> str | None:
    """The answer's inputs as text, the same in every process: a guide record (topic, check
    step, outcome) stands for itself by its kind and id. None for an answer with the user's
    words in it, or with a value that has no such text."""
    if says_user_words(context):
        return None
    try:
        values = {name: _as_key_value(value) for name, value in context.items()}
    except TypeError:
        return None
    return json.dumps([template, locale, with_reprompt, values], sort_keys=True, ensure_ascii=False)


def _as_key_value(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float)):
        return value
    record_id = getattr(value, "id", None)  # before tuples: the guide's records are tuples
    if isinstance(record_id, str):
        return {type(value).__name__: record_id}
    if isinstance(value, (tuple, list)):
        return [_as_key_value(item) for item in value]
    raise TypeError(f"no key text for {type(value).__name__}")


def prerendered_file(locale: str, template: str, folder: Path | None = None) -> Path:
    """Where `make package` writes one answer's renderings for one locale."""
    return (folder or PRERENDERED_DIR) / locale / f"{template}.json"


def _prerendered(template: str, context: Mapping[str, Any], settings: LocaleSettings,
                 with_reprompt: bool) -> Speech | None:
    table = _PRERENDERED.get((settings.locale, template))
    if table is None:
        path = prerendered_file(settings.locale, template)
        table = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
        _PRERENDERED[settings.locale, template] = table
    if not table:
        return None
    row = table.get(build_key(template, context, settings.locale, with_reprompt))
    # A row is the Speech's fields in order (prerender.py), all strings or null.
    return Speech(*row) if row is not None else None
