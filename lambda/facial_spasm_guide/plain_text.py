"""Text made safe to say and show: no characters XML cannot hold, single-spaced."""

from __future__ import annotations

import re

# Control characters (C0 and C1) that XML 1.0 forbids or no voice reads, lone surrogates
# no encoder can write, and the two non-characters. Left for re to compile on first use (and
# keep): the surrogate range takes half a millisecond to compile, which a cold start that says
# an answer rendered at build time need not spend.
UNSPEAKABLE = r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"


def without_unspeakable(text: str) -> str:
    return re.sub(UNSPEAKABLE, " ", text)


def tidy(text: str) -> str:
    """Unspeakable characters removed and white space folded to single spaces."""
    return " ".join(without_unspeakable(text).split())
