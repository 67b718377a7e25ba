"""The answer templates rendered with Jinja2: the only module that imports it.

Each answer is a set of templates: <template>.speech.ssml, <template>.reprompt.ssml,
<template>.card.txt (first line the card title, the rest its text) and <template>.screen.txt (what
a screen shows; see speech.py for its lines). An answer without a screen template shows its
card's sentences (_default.screen.txt). A locale folder (templates/en-GB/...) overrides any of
them; what it lacks comes from templates/en/.

speech.py imports this module only when an answer was not rendered at build time, so a cold
start that says one of those answers never loads Jinja2.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from jinja2 import (
    BaseLoader,
    Environment,
    FileSystemLoader,
    ModuleLoader,
    StrictUndefined,
    TemplateNotFound,
    pass_eval_context,
    select_autoescape,
)
from markupsafe import Markup

from . import ssml
from .guide import GUIDE
from .locales import LocaleSettings
from .plain_text import tidy, without_unspeakable
from .speech import Speech

TEMPLATE_DIR = Path(__file__).parent / "templates"
# Written by `make package` in the built package only: the templates as Python modules.
COMPILED_DIR = Path(__file__).parent / "templates_compiled"
BASE_LOCALE_DIR = "en"
# No one value said in an answer (a fact, a heard slot value) may crowd out the rest of it.
MAX_VALUE_CHARS = 1000
# Alexa refuses outputSpeech of 8,000 characters or more, and card title + text over 8,000.
SSML_BUDGET_CHARS = 7900
MAX_CARD_CHARS = 7900


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
    if isinstance(value, Markup):
        return value  # the digits filter's own tag, around an escaped value
    if isinstance(value, str):
        return shorten(without_unspeakable(value), MAX_VALUE_CHARS)
    return value


@pass_eval_context
def _digits(eval_context, value: Any) -> Any:
    """A number said digit by digit ("nine one one", never "nine hundred eleven"): the one
    tag templates add, in SSML only; card text shows the number as it is."""
    if not eval_context.autoescape:
        return value
    return Markup('<say-as interpret-as="digits">{}</say-as>').format(value)


# A sentence ends at . ! or ? (and any closing quote) before the next one's capital letter or
# digit; never after a lone letter ("the E. R.").
_SENTENCE_END = re.compile(r"(?<![\s.][A-Za-z][.])(?<=[.!?])([\"\u201d\u2019)]?)\s+(?=[\"\u201c\u2018(]?[A-Z0-9])")


def sentences(text: Any) -> list[str]:
    """Text as its sentences, one per line of text too, without list markers ("- "): how a
    screen shows an answer as short points rather than whole paragraphs."""
    found = []
    for line in str(text or "").splitlines():
        line = line.strip().removeprefix("- ").strip()
        if line:
            found += [part.strip() for part in _SENTENCE_END.sub("\\1\n", line).split("\n")
                      if part.strip()]
    return found


# A disclaimer ("General information only, not medical advice"): shown once in a screen's
# footer, never as one of its points.
_DISCLAIMER = re.compile(r"\bnot (?:medical advice|a diagnosis)\b", re.IGNORECASE)


def is_disclaimer(text: Any) -> bool:
    return bool(_DISCLAIMER.search(str(text or "")))


# The tags templates may add (the digits filter's); nothing else in speech is markup.
_TAG = re.compile(r"<[^>]*>")


def _build_environment() -> Environment:
    environment = Environment(
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
    environment.filters["digits"] = _digits
    environment.filters["sentences"] = sentences
    environment.tests["disclaimer"] = is_disclaimer
    # A screen lists a topic's items by their titles: the guide's topics by id.
    environment.globals["topics"] = GUIDE.topics
    return environment


ENVIRONMENT = _build_environment()


def render(template: str, context: Mapping[str, Any], settings: LocaleSettings,
           with_reprompt: bool) -> Speech:
    values = {**context, "local": settings, "locale": settings.locale}
    speech, text = _render_ssml(f"{settings.locale}/{template}.speech.ssml", values)
    reprompt, reprompt_text = (_render_ssml(f"{settings.locale}/{template}.reprompt.ssml", values)
                               if with_reprompt else (None, None))
    title, card = _render_card(f"{settings.locale}/{template}.card.txt", values)
    screen = _render_screen(settings.locale, template, {**values, "card_title": title or "",
                                                      "card_text": card or ""})
    return Speech(speech, reprompt, title, card, text, reprompt_text, screen)


def _render_ssml(name: str, values: Mapping[str, Any]) -> tuple[str, str]:
    """The <speak> document, and its plain text: the inner content without the digits
    filter's tags, its entities read back."""
    inner = tidy(ENVIRONMENT.get_template(name).render(values))
    # markupsafe writes numeric references; SSML engines document the named ones.
    inner = inner.replace("&#39;", "&apos;").replace("&#34;", "&quot;")
    inner = shorten(inner, SSML_BUDGET_CHARS - len(ssml.wrap("")))
    return ssml.wrap(inner), html.unescape(_TAG.sub("", inner))


def shorten(text: str, limit: int) -> str:
    """Cut over-long text, at a space where there is one, never inside an entity such as
    &amp; nor inside or after a tag: the result is always well-formed SSML."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if "<" in cut:
        cut = cut[:cut.index("<")]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    if cut.rfind("&") > cut.rfind(";"):
        cut = cut[:cut.rfind("&")]
    return cut


def _render_screen(locale: str, template: str, values: Mapping[str, Any]) -> str:
    try:
        template = ENVIRONMENT.get_template(f"{locale}/{template}.screen.txt")
    except TemplateNotFound:
        template = ENVIRONMENT.get_template(f"{locale}/_default.screen.txt")
    lines = (tidy(line) for line in template.render(values).splitlines())
    return "\n".join(shorten(line, MAX_VALUE_CHARS) for line in lines if line)


def _render_card(name: str, values: Mapping[str, Any]) -> tuple[str | None, str | None]:
    try:
        template = ENVIRONMENT.get_template(name)
    except TemplateNotFound:
        return None, None
    title, _, body = without_unspeakable(template.render(values)).strip().partition("\n")
    title = tidy(title)[:200]
    body = re.sub(r"\n{3,}", "\n\n", body.strip())
    return title, shorten(body, MAX_CARD_CHARS - len(title))
