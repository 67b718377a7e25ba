"""Everything the skill says comes from the Jinja2 templates in templates/.

Each answer is a set of templates: <answer>.speech.ssml, <answer>.reprompt.ssml and
<answer>.card.txt (first line the card title, the rest its text). A locale folder
(templates/en-GB/...) overrides any of them; what it lacks comes from templates/en/.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

from jinja2 import (BaseLoader, Environment, FileSystemLoader, ModuleLoader, StrictUndefined,
                    TemplateNotFound, select_autoescape)

from . import ssml
from .locales import LocaleSettings
from .plain_text import tidy, without_unspeakable

TEMPLATE_DIR = Path(__file__).parent / "templates"
# Written by `make package` in the built package only: the templates as Python modules.
COMPILED_DIR = Path(__file__).parent / "templates_compiled"
BASE_LOCALE_DIR = "en"
# No one value said in an answer (a fact, a heard slot value) may crowd out the rest of it.
MAX_VALUE_CHARS = 1000
# Alexa refuses outputSpeech of 8,000 characters or more, and card title + text over 8,000.
MAX_SSML_CHARS = 7900
MAX_CARD_CHARS = 7900
# A screen shows the answer as a short list: at most this many points.
MAX_SCREEN_POINTS = 6


class LocaleFallbackLoader(BaseLoader):
    """Loads "<locale>/<name>", falling back to the base folder when the locale has no override.

    It wraps either the template files (here) or the templates precompiled to Python modules
    (in the Lambda package, so no container compiles them at a cold start).
    """

    def __init__(self, loader: BaseLoader) -> None:
        self._loader = loader

    def load(self, environment: Environment, name: str, globals=None):
        try:
            return self._loader.load(environment, name, globals)
        except TemplateNotFound:
            _, _, rest = name.partition("/")
            return self._loader.load(environment, f"{BASE_LOCALE_DIR}/{rest}", globals)

    def get_source(self, environment: Environment, template: str):
        # Only template files have source; compile_templates reads it (make package).
        return self._loader.get_source(environment, template)

    def list_templates(self) -> list[str]:
        return self._loader.list_templates()


def _template_loader() -> BaseLoader:
    if COMPILED_DIR.is_dir():
        return ModuleLoader(str(COMPILED_DIR))
    return FileSystemLoader(TEMPLATE_DIR)


def _bounded(value: Any) -> Any:
    """Every {{ value }} passes through here before it is escaped into the output."""
    if isinstance(value, str):
        return _shorten(without_unspeakable(value), MAX_VALUE_CHARS)
    return value


def _build_environment() -> Environment:
    return Environment(
        finalize=_bounded,
        loader=LocaleFallbackLoader(_template_loader()),
        # SSML is XML: every value is escaped, so content or a slot value can never add a tag.
        # Card text is plain text shown on a screen, so it is not escaped.
        autoescape=select_autoescape(enabled_extensions=("ssml",), default=False),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        # A partial keeps its final newline, so an include never glues two sentences together.
        keep_trailing_newline=True,
        auto_reload=False,
    )


ENVIRONMENT = _build_environment()


@dataclass(frozen=True)
class Speech:
    ssml: str | None  # a whole <speak> document
    reprompt_ssml: str | None
    card_title: str | None
    card_text: str | None
    text: str | None = None  # the speech as plain text (kept for "repeat")
    reprompt_text: str | None = None

    @property
    def points(self) -> list[str]:
        """The card's text as a short list: one point per line, without list markers."""
        lines = (line.strip().removeprefix("- ") for line in (self.card_text or "").splitlines())
        return [line for line in lines if line][:MAX_SCREEN_POINTS]

    def screen(self) -> dict[str, object]:
        """What a screen shows: the card's title and points, and the reprompt as a hint of
        what to say next (none when the session ends)."""
        return {"title": self.card_title or "", "points": self.points,
                "hint": self.reprompt_text or ""}


# An answer depends only on its inputs, and the same few are said again and again: a warm
# container renders each once. Answers that carry the user's own words are never kept.
_RENDERED: dict[tuple, Speech] = {}
MAX_RENDERED = 2048
_USER_TEXT_KEYS = frozenset({"heard", "speech", "reprompt"})


def render(answer: str, context: Mapping[str, Any], settings: LocaleSettings,
           with_reprompt: bool) -> Speech:
    key = _cache_key(answer, context, settings, with_reprompt)
    said = _RENDERED.get(key) if key is not None else None
    if said is None:
        said = _render(answer, context, settings, with_reprompt)
        if key is not None and len(_RENDERED) < MAX_RENDERED:
            _RENDERED[key] = said
    return said


def _cache_key(answer: str, context: Mapping[str, Any], settings: LocaleSettings,
               with_reprompt: bool) -> tuple | None:
    if _USER_TEXT_KEYS & context.keys():
        return None
    key = (answer, settings, with_reprompt, tuple(sorted(context.items())))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _render(answer: str, context: Mapping[str, Any], settings: LocaleSettings,
            with_reprompt: bool) -> Speech:
    values = {**context, "local": settings, "locale": settings.locale}
    speech, text = _render_ssml(f"{settings.locale}/{answer}.speech.ssml", values)
    reprompt, reprompt_text = (_render_ssml(f"{settings.locale}/{answer}.reprompt.ssml", values)
                               if with_reprompt else (None, None))
    title, card = _render_card(f"{settings.locale}/{answer}.card.txt", values)
    return Speech(speech, reprompt, title, card, text, reprompt_text)


def _render_ssml(name: str, values: Mapping[str, Any]) -> tuple[str, str]:
    """The <speak> document, and its plain text: templates add no tags, so the text is the
    inner content with its entities read back."""
    inner = tidy(ENVIRONMENT.get_template(name).render(values))
    # markupsafe writes numeric references; SSML engines document the named ones.
    inner = inner.replace("&#39;", "&apos;").replace("&#34;", "&quot;")
    inner = _shorten(inner, MAX_SSML_CHARS - len(ssml.wrap("")))
    return ssml.wrap(inner), html.unescape(inner)


def _shorten(text: str, limit: int) -> str:
    """Cut over-long text, at a space where there is one, never inside an entity such as
    &amp;: templates add no tags, so the result is always well-formed SSML."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[:cut.rfind("&")]
    return cut


def _render_card(name: str, values: Mapping[str, Any]) -> tuple[str | None, str | None]:
    try:
        template = ENVIRONMENT.get_template(name)
    except TemplateNotFound:
        return None, None
    title, _, body = without_unspeakable(template.render(values)).strip().partition("\n")
    title = tidy(title)[:200]
    body = re.sub(r"\n{3,}", "\n\n", body.strip())
    return title, _shorten(body, MAX_CARD_CHARS - len(title))
