"""Per-locale safety wording: the only facts the skill adds to the guide.

The emergency numbers are the ones each country's health services publish: 911 in the US and
Canada, 999 in the UK (and 111 for urgent advice that is not an emergency), 000 in Australia,
and 112 in India.
"""

# Annotations are evaluated, not postponed: NamedTuple compiles each postponed (string)
# annotation when its class is made, at every cold start.

from typing import NamedTuple


class LocaleSettings(NamedTuple):
    locale: str
    emergency_number: str
    # A number for urgent advice that is not an emergency, where the country has one.
    urgent_advice_number: str | None = None


DEFAULT_LOCALE = "en-US"

LOCALES = {
    "en-US": LocaleSettings("en-US", emergency_number="911"),
    "en-CA": LocaleSettings("en-CA", emergency_number="911"),
    "en-GB": LocaleSettings("en-GB", emergency_number="999", urgent_advice_number="111"),
    "en-AU": LocaleSettings("en-AU", emergency_number="000"),
    "en-IN": LocaleSettings("en-IN", emergency_number="112"),
}


def settings_for(locale: object) -> LocaleSettings:
    """The settings for a request's locale; an unknown or malformed one gets the default."""
    return LOCALES.get(locale if isinstance(locale, str) else "", LOCALES[DEFAULT_LOCALE])
