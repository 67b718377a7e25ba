"""What Alexa accepts as outputSpeech SSML, checked offline."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from facial_spasm_guide.ssml import parse, to_text

# Alexa rejects outputSpeech of 8,000 characters or more.
ALEXA_MAX_SSML_CHARS = 8000
# The voice style: an answer fits one or two breaths.
MAX_ANSWER_WORDS = 90

ALEXA_TAGS = {
    "speak", "p", "s", "break", "emphasis", "lang", "phoneme", "prosody", "say-as", "sub",
    "voice", "w", "audio", "mark", "amazon:effect", "amazon:domain", "amazon:emotion",
}
# Characters XML 1.0 forbids even when escaped.
_XML_FORBIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def problems(ssml: str) -> list[str]:
    """Every reason Alexa would refuse this SSML; empty when it is fine."""
    found = []
    if len(ssml) >= ALEXA_MAX_SSML_CHARS:
        found.append(f"{len(ssml)} characters; Alexa takes fewer than {ALEXA_MAX_SSML_CHARS}")
    if _XML_FORBIDDEN.search(ssml):
        found.append("contains a control character that XML does not allow")
    try:
        root = parse(ssml)
    except ET.ParseError as error:
        return [*found, f"not well-formed XML: {error}"]
    if root.tag != "speak":
        found.append(f"root element is <{root.tag}>, not <speak>")
    for element in root.iter():
        tag = element.tag.replace("amazon-", "amazon:")
        if tag not in ALEXA_TAGS:
            found.append(f"<{tag}> is not an Alexa SSML tag")
    return found


def word_count(ssml: str) -> int:
    return len(to_text(ssml).split())
