"""Finding what people mean in their own words: red flags, questions beyond the guide, and what
a description names or asks.

The words live in content/guide.json as short patterns over the words Alexa heard, with the
same syntax as the interaction model's samples:

  word      that word              word*   any word that starts so (slur* finds slurring)
  (a|b c|)  one of these, or none  <name>  a group of words defined once under "groups"
  ...       up to four words of anything in between ("face ... droop*": "face is all droopy")
  ^         the start of what was heard (a slot often starts where the sentence went on)

A match is not taken when the person denied it: a negation word ("no", "not", "don't",
"without"...) within a few words before it in the same clause, or inside it ("no headache",
"it didn't start suddenly", "my vision is not blurry"). Clauses end at "but", "and" and the
like, so "my vision is fine but my speech is slurred" still finds speech. A pattern's own
words never negate it ("no feeling in my arm" is numbness).

Patterns are compiled on first use, not at import: a cold start that only launches the
skill never pays for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

# Alexa hands over words without punctuation we can rely on; apostrophes are dropped so
# "can't" and "cant" are the same word.
_NOT_WORD = re.compile(r"[^a-z0-9 ]+")
_TOKEN = re.compile(r"\(|\)|\||\.\.\.|\^|<\w+>|[a-z0-9]+\*?")
# "vision's" is "vision" (is or has), "mum's" "mum": the word is what names the thing. A
# pronoun keeps its "s" as one word ("it's" is "its", "she's" "shes"), as patterns write it.
_POSSESSIVE_OR_IS = re.compile(r"\b(?!(?:it|that|she|he|there|what|who|here|where|let)['’]s\b)"
                               r"([a-z]+)['’]s\b")

# Patterns whose phrases can be listed: words and unnested (a|b|) groups only.
_PLAIN_PATTERN = re.compile(r"(?:[a-z0-9 ]|\([a-z0-9 |]*\))+")
# A phrase ending so is the start of a longer one ("went down like a").
_UNFINISHED_ENDINGS = frozenset("a an the to of like my her his their in on at with for from".split())

# Speech recognition may hand over "won't" or "will not"; both are read as the second, in
# what was heard and in the patterns alike.
_SPELLED_OUT = {"dont": "do not", "doesnt": "does not", "didnt": "did not", "cant": "cannot",
                "wont": "will not", "isnt": "is not", "arent": "are not", "wasnt": "was not",
                "shouldnt": "should not", "couldnt": "could not", "wouldnt": "would not"}
_CONTRACTION = re.compile(r"\b(?:" + "|".join(_SPELLED_OUT) + r")\b")
# Words patterns write without their apostrophe, which a phrase for Alexa must not.
_CONTRACTED = frozenset(_SPELLED_OUT) | frozenset(
    "werent havent hasnt hadnt im ive id shes hes thats theyre whats".split())

# A gap of "..." stands for at most this many words.
MAX_GAP_WORDS = 4

NEGATIONS = frozenset("no not never without none nor neither dont doesnt didnt isnt arent wasnt "
                      "werent havent hasnt hadnt nothing ruled".split())
# How many words before a match a negation still denies it, not counting the small words
# of a list ("i don't have a headache or blurred vision").
NEGATION_REACH = 4
_LIST_WORDS = frozenset("or nor a an the any".split())
# "no" that answers a question rather than denying what follows: "no, my speech is slurred".
# A subject starts the clause a match is in: "not slowly, it began at once" says the start
# was sudden; the "not" before the subject denied something else.
_SUBJECTS = frozenset("it its i im ive she shes he hes they theyre we".split())
_ANSWER_NO_FOLLOWERS = _SUBJECTS | frozenset("my her his their the but now".split())
CLAUSE_BREAKS = frozenset("but and though although however except yet so because plus also "
                          "then now while whereas only just apart other".split())


# A heard value this long is a description ("my eye has been twitching all week"), not a
# name or a short answer ("coffee", "no headache").
DESCRIPTION_WORDS = 5


def is_description(text: str | None) -> bool:
    return bool(text) and len(words_of(text)) >= DESCRIPTION_WORDS


def words_of(text: str) -> list[str]:
    """The words of a heard value, lower case, apostrophes dropped, punctuation as spaces, a
    negative contraction spelled out ("won't" and "will not" are the same words)."""
    if not text:  # most slots of most requests are empty
        return []
    text = _POSSESSIVE_OR_IS.sub(r"\1", text.lower())
    return _spelled_out(_NOT_WORD.sub(" ", text.replace("'", "").replace("’", ""))).split()


def _spelled_out(text: str) -> str:
    return _CONTRACTION.sub(lambda found: _SPELLED_OUT[found.group(0)], text)


class Pattern:
    """One compiled pattern, and the words it names itself (which never negate it)."""

    __slots__ = ("regex", "own_words")

    def __init__(self, source: str, groups: Mapping[str, str]) -> None:
        expanded = _spelled_out(_expand_groups(source, groups, ()))
        self.own_words = frozenset(t.rstrip("*") for t in _TOKEN.findall(expanded)
                                   if t[0].isalnum())
        self.regex = re.compile(_to_regex(expanded, source))


class Match:
    """An entry a text says: its name, the word it starts at, and how many words it spans.
    (A plain class: this module is imported at every cold start, see guide.py.)"""

    __slots__ = ("name", "start", "length")

    def __init__(self, name: str, start: int, length: int) -> None:
        self.name = name
        self.start = start
        self.length = length


class Lexicon:
    """Named lists of patterns: which name, if any, a heard text says (and does not deny)."""

    __slots__ = ("_entries", "_groups", "_compiled", "_denials")

    def __init__(self, entries: Sequence[tuple[str, Sequence[str]]]
                 | Callable[[], Sequence[tuple[str, Sequence[str]]]],
                 groups: Mapping[str, str], denials: bool = True) -> None:
        # A callable is asked for the entries on first use: some lists are gathered from the
        # whole guide, work a cold start that only launches the skill should not pay for.
        self._entries = entries
        self._groups = groups
        self._compiled: tuple[tuple[str, tuple[Pattern, ...]], ...] | None = None
        # Whether a negation before a match denies it: "no headache" is no red flag, but
        # "i haven't tried yoga" still speaks of yoga.
        self._denials = denials

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self._raw())

    def entries(self) -> Sequence[tuple[str, Sequence[str]]]:
        """(name, patterns) as written, in order."""
        return self._raw()

    def _raw(self) -> Sequence[tuple[str, Sequence[str]]]:
        if callable(self._entries):
            self._entries = tuple((name, tuple(patterns)) for name, patterns in self._entries())
        return self._entries

    def compile(self) -> None:
        """Compiles every pattern now (a test or the build checks them all)."""
        if self._compiled is None:
            self._compiled = tuple((name, tuple(Pattern(p, self._groups) for p in patterns))
                                   for name, patterns in self._raw())

    def find(self, text: str | None) -> str | None:
        """The first entry, in the lexicon's order, that the text says and does not deny."""
        return next((match.name for match in self.matches(text)), None)

    def matches(self, text: str | None) -> Iterator[Match]:
        """Every entry the text says and does not deny, in the lexicon's order, with where."""
        words = words_of(text or "")
        if not words:
            return
        self.compile()
        padded = " " + " ".join(words) + " "
        starts = _word_starts(words)
        for name, patterns in self._compiled:
            for pattern in patterns:
                for found in pattern.regex.finditer(padded):
                    if not (self._denials and _denied(words, starts, found, pattern.own_words)):
                        first = _index_at(starts, found.start() + 1)
                        yield Match(name, first, _index_at(starts, found.end() - 1) - first + 1)


def spoken_forms(pattern: str, limit: int = 12) -> list[str]:
    """The phrases a pattern with no wildcard stands for ("(passed|blacked) out": "passed out",
    "blacked out"), written as Alexa would hear them, or none: a pattern with "*", "...", "^"
    or a word group, one standing for more than `limit` phrases, and the phrases whose words
    have lost their apostrophe ("cant") give none."""
    if not _PLAIN_PATTERN.fullmatch(pattern):
        return []
    forms = [""]
    for choices in _parse_choices(pattern):
        forms = [f"{form} {choice}" for form in forms for choice in choices]
        if len(forms) > limit:
            return []
    return [form for form in (" ".join(f.split()) for f in forms)
            if form and not _CONTRACTED.intersection(form.split())
            and form.split()[-1] not in _UNFINISHED_ENDINGS]


def _parse_choices(pattern: str) -> list[list[str]]:
    """A plain pattern as a sequence of choices: "(a|b c|) d" is [["a", "b c", ""], ["d"]]."""
    pieces: list[list[str]] = []
    for group, word in re.findall(r"\(([^()]*)\)|([a-z0-9]+)", pattern):
        pieces.append(group.split("|") if word == "" else [word])
    return pieces


def _expand_groups(source: str, groups: Mapping[str, str], seen: tuple[str, ...]) -> str:
    def replace(match: re.Match) -> str:
        name = match.group(1)
        if name in seen or name not in groups:
            raise ValueError(f"word group <{name}> is unknown or refers to itself in {source!r}")
        return "(" + _expand_groups(groups[name], groups, (*seen, name)) + ")"

    return re.sub(r"<(\w+)>", replace, source)


def _to_regex(pattern: str, source: str) -> str:
    """Each word is written with the space before it, so optional groups need no special
    spacing; the text is matched with a space at each end."""
    out: list[str] = []
    depth = 0
    for token in _TOKEN.findall(pattern):
        if token == "(":
            depth += 1
            out.append("(?:")
        elif token == ")":
            depth -= 1
            out.append(")")
        elif token == "|":
            out.append("|")
        elif token == "...":
            # Lazy: the shortest reading first, so a gap never swallows a later "no".
            out.append(rf"(?: \w+){{0,{MAX_GAP_WORDS}}}?")
        elif token == "^":
            out.append("^")
        elif token.endswith("*"):
            out.append(rf" {re.escape(token[:-1])}\w*(?= )")
        else:
            out.append(rf" {re.escape(token)}(?= )")
    leftover = _TOKEN.sub("", pattern).strip()
    if depth != 0 or leftover:
        raise ValueError(f"pattern {source!r} is malformed")
    return "".join(out)


def _word_starts(words: Sequence[str]) -> list[int]:
    """Where each word starts in the padded text (" " + words joined + " ")."""
    starts, position = [], 1
    for word in words:
        starts.append(position)
        position += len(word) + 1
    return starts


def _denied(words: Sequence[str], starts: Sequence[int], found: re.Match,
            own_words: Iterable[str]) -> bool:
    first = _index_at(starts, found.start() + 1)
    last = _index_at(starts, found.end() - 1)
    # A negation reaches a few words on ("no headache or blurred vision"), not the whole
    # sentence ("the twitch isn't the worst bit, it's that i'm slurring").
    clause_start, reach = first, 0
    while clause_start > 0 and reach < NEGATION_REACH and words[clause_start - 1] not in CLAUSE_BREAKS \
            and not _answers_no(words, clause_start - 1):
        clause_start -= 1
        if words[clause_start] in _SUBJECTS:
            break
        if words[clause_start] not in _LIST_WORDS:
            reach += 1
    for position in range(clause_start, last + 1):
        word = words[position]
        if word not in NEGATIONS or word in own_words:
            continue
        if _answers_no(words, position):
            continue
        return True
    return False


def _answers_no(words: Sequence[str], position: int) -> bool:
    """Whether the "no" here answers a question and starts a clause of its own ("not a
    headache, no, she's convulsing"; "tried yoga, nothing, it's still going"), rather than
    denying what follows."""
    following = words[position + 1] if position + 1 < len(words) else ""
    return words[position] in ("no", "nothing") and following in _ANSWER_NO_FOLLOWERS


def _index_at(starts: Sequence[int], offset: int) -> int:
    index = 0
    for position, start in enumerate(starts):
        if start <= offset:
            index = position
    return index
