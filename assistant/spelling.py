"""Spelling: a question's typos and chat shorthand put right, into the article's words first, then plain English.

A misspelt word the article has ("folicles") becomes the article's word, so BM25
and the abstention decision see it. A misspelt word the article lacks ("hlep",
"usualy") becomes the English word a frequency dictionary (pyspellchecker) finds
one edit away; left as it was, it would count as a topic the article does not
cover. Shorthand such as "u" and "ur" is written out first.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from assistant.lexical import WORD, stemmer, stopwords

LONG_WORD = 12  # letters from which a misspelling may be two edits away (shorter: "injections" is not "infection")
_SUFFIXES = tuple("ment ments th ion ions tion ation ations ive ness ity ty ful en".split())  # not -al, -ic
_SOUNDS_LIKE = re.compile(r"sh[ueo]n(?=s?$)")  # "infecshun": "infection"
_SILENT_INITIALS = frozenset({"ps", "pn", "kn", "gn", "wr"})  # often written without their first letter
VERY_COMMON = 1_000_000  # a short typo may stand for an English word this frequent ("bak": "back", 3.1 million)
UNKNOWN_LONG_WORD = 7  # letters from which a word no dictionary knows may be two edits away ("follicals")
_LETTERS = re.compile(r"[A-Za-z]+")
ORDINAL_WORDS = ("first", "second", "third", "fourth", "fifth")  # how a reader points into a list, in order
_SHORTHAND = {  # lowercase only: "U" and "R" may be names
    "u": "you",
    "ur": "your",
    "r": "are",
    "y": "why",
    "pls": "please",
    "plz": "please",
    "thx": "thanks",
    "b4": "before",
    "wat": "what",
    "abt": "about",
    "cuz": "because",
    "coz": "because",
    "shud": "should",
    "shld": "should",
    "wud": "would",
    "tho": "though",
    "bc": "because",
    "idk": "I don't know",
    "ppl": "people",
    "tech": "technician",
    "w": "with",
    "wanna": "want to",
    "gonna": "going to",
}
_DOSE_AS_DOES = re.compile(  # "dose it hurt?", "what role dose blood flow play?"; not "what dose of serum?"
    r"^(\W*)dose\b(?= (?:it|this|that|microneedling|the|my|your|a|an)\b)|"
    r"(\b(?:how|what|why|where|when|which|who)(?: [a-z]+)? )dose\b(?= [a-z])(?! (?:of|should|do|does|is|are|was|"
    r"would|will|can|could|for|per|to|works?|might|may|must|needed|needs?|range|level|used|you|i|we)\b)",
    re.IGNORECASE,
)
_SHORTHAND_WORD = re.compile(  # also capitalised from three letters on, opening a sentence: "Wat is it?"
    rf"\b(?:{'|'.join([*_SHORTHAND, *(w.capitalize() for w in _SHORTHAND if len(w) >= 3 and w.isalpha())])})\b"
)


class Spelling:
    """Corrects the words of a question against an article's vocabulary, then an English dictionary."""

    def __init__(
        self, vocabulary: Iterable[str], words_of_stem: dict[str, list[str]], kept: frozenset[str] = frozenset()
    ) -> None:
        """Index the article's lowercase `vocabulary` by first letter; `words_of_stem` is its words by stem.

        Words in `kept` are never corrected ("influencer", "tiktok": known fillers no dictionary has).
        """
        ordered = list(vocabulary)  # ties between near-misses go to the word met first
        self.vocabulary = frozenset(ordered)
        self._kept = kept
        self._words_of_stem = words_of_stem
        self._by_initial: dict[str, list[str]] = defaultdict(list)
        self._by_sound: dict[str, list[str]] = defaultdict(list)  # by the letter heard first: "psoriasis" by "s"
        for word in ordered:
            self._by_initial[word[0]].append(word)
            if word[:2] in _SILENT_INITIALS:
                self._by_sound[word[1]].append(word)

    @staticmethod
    def expand_shorthand(text: str) -> str:
        """`text` with chat shorthand ("what r the risks", "can u") written out, and "dose" where "does" belongs."""
        return _SHORTHAND_WORD.sub(lambda match: _SHORTHAND[match.group(0).lower()], _DOSE_AS_DOES.sub(_does, text))

    def correct(self, text: str) -> str:
        """Replace misspelt words: near-misses of the article's vocabulary first, then of common English words.

        An article word may be one edit away (two for long words); a word of three
        or four letters only when it is no English word ("hair los"). A word of the
        same family as an article word ("grow" for "growth") becomes that word, and
        two article words written as one are split ("hairloss"). A word that is
        neither in the article nor in the English dictionary becomes the
        dictionary's most frequent word one edit away, when there is one.
        """

        def fix(match: re.Match[str]) -> str:
            word = match.group(0)
            lower = word.lower()
            if len(lower) < 3 or lower in stopwords() or lower in self._kept or not lower.isalpha():
                return word
            if self.in_article(lower):  # after the cheap checks: it stems the word
                return word
            unknown = not english_frequency(lower)  # no English word either: "los" in "hair los"
            if len(lower) == 3:  # no English word: an article word's typo, or a common word's ("wil", "hte")
                return (self._article_word(lower) or self._common_word(lower) if unknown else "") or word
            if unknown:
                lower = _SOUNDS_LIKE.sub("tion", lower)
                if self.in_article(lower):
                    return lower
            corrected = self._family_word(lower) or (self._article_word(lower) if len(lower) >= 5 or unknown else "")
            return corrected or self._split_words(lower) or _ordinal_word(lower) or _english_word(lower) or word

        return WORD.sub(fix, self._join_split_words(text))

    def _article_word(self, word: str) -> str:
        """The article's word closest to `word` within the edit limit, else "".

        An English word at least as common as that article word is kept: "whole" is not a typo of "while".
        """
        frequency = english_frequency(word)
        long_unknown = not frequency and len(word) >= UNKNOWN_LONG_WORD
        limit = 2 if len(word) >= LONG_WORD or long_unknown else 1
        best, best_distance = "", limit + 1
        heard = [(c[1:], c) for c in self._by_sound.get(word[0], ())]  # "soriasis": "psoriasis" without its "p"
        for spelt, candidate in [*((c, c) for c in self._by_initial.get(word[0], ())), *heard]:
            if abs(len(spelt) - len(word)) <= limit:
                distance = edit_distance(word, spelt, limit)
                # two edits from a word no dictionary knows only past a shared start: not "rogaine"; one
                # edit may fall in the start ("iritation": "irritation")
                if distance > 1 and long_unknown and len(word) < LONG_WORD and spelt[:3] != word[:3]:
                    continue
                if distance < best_distance:
                    best, best_distance = candidate, distance
        return "" if best and frequency >= max(english_frequency(best), 1) else best

    def _common_word(self, word: str) -> str:
        """The stopword, filler or very common word one edit from a short unknown `word` ("wil", "bak"), else ""."""
        corrected = _english_word(word)
        common = corrected in stopwords() or corrected in self._kept or english_frequency(corrected) >= VERY_COMMON
        return corrected if common else ""

    def _split_words(self, word: str) -> str:
        """Two article words written as one ("hairloss": "hair loss") when it is no English word, else ""."""
        if english_frequency(word):  # "someone" is not "some one"
            return ""
        for cut in range(3, len(word) - 2):
            if word[:cut] in self.vocabulary and word[cut:] in self.vocabulary:
                return f"{word[:cut]} {word[cut:]}"
        return ""

    def _family_word(self, word: str) -> str:
        """The article's word of the same family as `word` ("grow": "growth", "treat": "treatment"), else "".

        Families are a derivational suffix apart, or stems one letter apart ("allergy", "allergic").
        """
        for suffix in _SUFFIXES:
            for base in (word, word[:-1] if word.endswith("e") else ""):
                if base and base + suffix in self.vocabulary:
                    return base + suffix
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                base = word[: -len(suffix)]
                for candidate in (base, base + "e"):
                    if candidate in self.vocabulary:
                        return candidate
        if word.endswith("ier") and word[:-3] + "y" in self.vocabulary:  # "healthier": "healthy"
            return word[:-3] + "y"
        if word.endswith("er") and word[:-2] + "en" in self.vocabulary:  # "weaker": "weaken"
            return word[:-2] + "en"
        stem = stemmer().stemWord(word)
        return self._words_of_stem.get(stem[:-1], [""])[0] if len(stem) > 5 else ""

    def _join_split_words(self, text: str) -> str:
        """Join a word written in two parts ("micro needling", "micro-needling") when the article writes it as one."""
        parts = list(_LETTERS.finditer(text))
        pieces: list[str] = []
        end = 0
        for first, second in itertools.pairwise(parts):
            if first.start() < end or text[first.end() : second.start()] not in (" ", "-"):
                continue
            joined = (first.group(0) + second.group(0)).lower()
            if self.in_article(joined) and not self.in_article(first.group(0).lower()):
                pieces += [text[end : first.start()], first.group(0) + second.group(0)]
                end = second.end()
        return "".join([*pieces, text[end:]])

    def in_article(self, word: str) -> bool:
        """True when the article has the (lowercase) word or its stem."""
        return word in self.vocabulary or stemmer().stemWord(word) in self._words_of_stem


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, cut off above `limit`."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def _does(match: re.Match[str]) -> str:
    """ "does" for a "dose" that `_DOSE_AS_DOES` matched, after what came before it."""
    return f"{match.group(1) or match.group(2) or ''}does"


def _ordinal_word(word: str) -> str:
    """The ordinal one edit from `word` ("secnd": "second"), else "": a more frequent word ("send") would hide it."""
    return next((o for o in ORDINAL_WORDS if edit_distance(word, o, 1) <= 1), "")


def _english_word(word: str) -> str:
    """The most frequent English word one edit from `word` when the dictionary lacks `word`, else ""."""
    dictionary = _dictionary()
    if word in dictionary:
        return ""
    return str(dictionary.correction(word) or "")


def english_frequency(word: str) -> int:
    """How often `word` occurs in the English dictionary's corpus (0 for a word it lacks)."""
    return int(_dictionary().word_frequency[word])


@lru_cache(maxsize=1)
def _dictionary() -> Any:
    """pyspellchecker's English word frequencies, loaded on first use (about 0.1 s)."""
    from spellchecker import SpellChecker

    return SpellChecker(language="en", distance=1)
