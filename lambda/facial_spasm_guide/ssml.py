"""SSML helpers: wrapping speech for Alexa and reading it back as plain text."""

from __future__ import annotations

import xml.etree.ElementTree as ET


def wrap(inner: str) -> str:
    return f"<speak>{inner}</speak>"


def to_text(ssml: str) -> str:
    """The words of an SSML document, as a person would read them."""
    root = ET.fromstring(ssml if ssml.lstrip().startswith("<speak") else wrap(ssml))
    return " ".join("".join(root.itertext()).split())
