"""Text as Alexa's speech recognition would hand it to the model: lower case, words only,
contractions spelled out, numbers as words."""

from __future__ import annotations

import re

CONTRACTIONS = {
    "what's": "what is", "what're": "what are", "that's": "that is", "it's": "it is",
    "there's": "there is", "here's": "here is", "who's": "who is", "where's": "where is",
    "how's": "how is", "when's": "when is", "why's": "why is", "i'm": "i am", "i've": "i have",
    "i'd": "i would", "i'll": "i will", "you're": "you are", "we're": "we are",
    "they're": "they are", "don't": "do not", "doesn't": "does not", "didn't": "did not",
    "can't": "cannot", "won't": "will not", "isn't": "is not", "aren't": "are not",
    "wasn't": "was not", "shouldn't": "should not", "couldn't": "could not",
    "wouldn't": "would not", "let's": "let us",
}
_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
         "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_NOT_WORD = re.compile(r"[^a-z0-9' ]+")
# Markup is typed, never heard: no speech recogniser hands over "<speak>".
MARKUP = re.compile(r"[<>{}]")
# Hesitations speech recognition leaves out of what it hands over.
HESITATIONS = frozenset({"um", "umm", "uh", "uhh", "er", "erm", "hmm", "mm"})


def normalise(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    # "A&E" is said "A and E"; a lone or repeated & is just noise.
    text = re.sub(r"(?<=[a-z])\s*&\s*(?=[a-z])", " and ", text)
    words = _NOT_WORD.sub(" ", text).split()
    out: list[str] = []
    for word in words:
        word = word.strip("'")
        if not word or word in HESITATIONS:
            continue
        if word.isdigit():
            out.append(number_words(word))
        else:
            out.append(CONTRACTIONS.get(word, word))
    return " ".join(out)


def number_words(digits: str) -> str:
    """Numbers as Alexa hears them: under a thousand as words, longer ones digit by digit."""
    value = int(digits)
    if len(digits) > 3 or (digits.startswith("0") and len(digits) > 1):
        return " ".join(_ONES[int(d)] for d in digits)
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f" {_ONES[ones]}" if ones else "")
    hundreds, rest = divmod(value, 100)
    return f"{_ONES[hundreds]} hundred" + (f" and {number_words(str(rest))}" if rest else "")
