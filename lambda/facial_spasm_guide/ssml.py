"""SSML helpers: wrapping speech for Alexa and reading it back as plain text."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET


def wrap(inner: str) -> str:
    return f"<speak>{inner}</speak>"


def parse(ssml: str) -> ET.Element:
    """The SSML document as XML; Alexa's amazon: tags are read without a namespace declaration."""
    # Imported here: the skill itself never parses SSML, so a cold start need not load XML.
    import xml.etree.ElementTree as ET

    document = ssml if ssml.lstrip().startswith("<speak") else wrap(ssml)
    return ET.fromstring(re.sub(r"<(/?)amazon:", r"<\1amazon-", document))


def to_text(ssml: str) -> str:
    """The words of an SSML document, as a person would read them."""
    return " ".join("".join(parse(ssml).itertext()).split())
