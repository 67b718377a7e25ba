"""Per-locale safety wording: the only facts the skill adds to the guide."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocaleSettings:
    locale: str
    emergency_number: str


DEFAULT_LOCALE = "en-US"

LOCALES = {
    "en-US": LocaleSettings("en-US", emergency_number="911"),
}


def settings_for(locale: object) -> LocaleSettings:
    """The settings for a request's locale; an unknown or malformed one gets the default."""
    return LOCALES.get(locale if isinstance(locale, str) else "", LOCALES[DEFAULT_LOCALE])
